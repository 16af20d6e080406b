"""Datasets shipped with the course, with their sources.

The files live in ``mlcourse/data/``; ``mlcourse/data/README.md`` and each loader's docstring give
the source and licence of each.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

__all__ = ["HorseKicks", "NistDataset", "NistStrdProblem", "TableDataset", "load_breast_cancer",
           "load_diabetes", "load_digits", "load_engel", "load_horse_kicks", "load_iris",
           "load_nist", "load_randhie", "load_spector", "read_nist_strd"]

NIST_NAMES = ("filip", "pontius")
NIST_SOURCE = (
    "NIST Statistical Reference Datasets (StRD), linear least-squares regression: "
    "https://www.itl.nist.gov/div898/strd/lls/lls.shtml. Public domain (a work of the "
    "U.S. government); certified values computed by NIST in 500-digit arithmetic."
)


@dataclass(frozen=True)
class NistDataset:
    """A NIST StRD polynomial regression problem with its certified results.

    Attributes
    ----------
    name : str
        ``"filip"`` or ``"pontius"``.
    x, y : ndarray
        The predictor and the response, as NIST lists them.
    degree : int
        The degree of the certified polynomial model.
    certified : dict
        ``params`` and ``bse`` (arrays, constant first), ``residual_sd`` and ``rsquared``.
    source : str
        Attribution.
    """

    name: str
    x: np.ndarray
    y: np.ndarray
    degree: int
    certified: dict[str, Any] = field(repr=False)
    source: str = field(default=NIST_SOURCE, repr=False)

    def design(self) -> np.ndarray:
        """The design matrix ``[1, x, x**2, ..., x**degree]``, built from `x` itself."""
        return np.vander(self.x, self.degree + 1, increasing=True)


def load_nist(name: str) -> NistDataset:
    """Load a NIST StRD linear-regression dataset and its certified values.

    Introduced in Chapter 5 (Linear regression is Gaussian maximum likelihood).

    Parameters
    ----------
    name : {"filip", "pontius"}
        Filip: a degree-10 polynomial, 82 observations, a design matrix with condition number
        about 1.8e15 (NIST's "higher difficulty"). Pontius: a quadratic, 40 observations.

    Returns
    -------
    NistDataset
        ``x``, ``y``, ``degree``, ``certified`` (``params``, ``bse``, ``residual_sd``,
        ``rsquared``), ``design()`` and ``source``.

    Raises
    ------
    ValueError
        If `name` is not one of the datasets.

    Notes
    -----
    The data are in the public domain; they come from the NIST Statistical Reference Datasets
    project, whose certified values were computed in 500-digit arithmetic. Accuracy against them
    is measured by the LRE, the number of correct significant digits.

    Examples
    --------
    >>> filip = load_nist("filip")
    >>> filip.design().shape
    (82, 11)
    >>> float(filip.certified["params"][0])
    -1467.4896142298
    """
    key = str(name).lower()
    if key not in NIST_NAMES:
        raise ValueError(f"name must be one of {NIST_NAMES}; got {name!r}")
    folder = resources.files("mlcourse") / "data" / "nist-strd"
    with folder.joinpath(f"{key}.csv").open() as lines:
        table = np.loadtxt(lines, delimiter=",", skiprows=1)
    values = json.loads(folder.joinpath(f"{key}_certified.json").read_text())
    certified = {
        "params": np.array(values["coefficients"], dtype=float),
        "bse": np.array(values["standard_deviations"], dtype=float),
        "residual_sd": float(values["residual_standard_deviation"]),
        "rsquared": float(values["r_squared"]),
    }
    return NistDataset(name=key, x=table[:, 1].copy(), y=table[:, 0].copy(),
                       degree=int(values["degree"]), certified=certified)


HORSE_KICKS_SOURCE = (
    "L. von Bortkiewicz, Das Gesetz der kleinen Zahlen, Leipzig: B. G. Teubner, 1898 (public "
    "domain). Digitised table: the VonBort data of the R package vcd (after Andrews and "
    "Herzberg, Data, Springer, 1985), read from the Rdatasets CSV export, and checked entry by "
    "entry against the table in M. Friendly's vonbort.sas (Visualizing Categorical Data, 2000)."
)
# Bortkiewicz's published totals, which every load verifies.
HORSE_KICKS_TOTAL = 196
HORSE_KICKS_FREQUENCIES = (144, 91, 32, 11, 2)


@dataclass(frozen=True)
class HorseKicks:
    """Deaths by horse kicks in 14 Prussian army corps, 1875-1894 (Bortkiewicz, 1898).

    Attributes
    ----------
    deaths : ndarray of int, shape (20, 14)
        Deaths in each year (rows, 1875 first) and corps (columns, in the order of `corps`).
    years : ndarray of int, shape (20,)
        1875, ..., 1894.
    corps : tuple of str
        ``"G"`` (the Guard), ``"I"``, ..., ``"XI"``, ``"XIV"``, ``"XV"``.
    fisher : ndarray of bool, shape (14,)
        The 10 corps R. A. Fisher kept; ``G``, ``I``, ``VI`` and ``XI`` had a different
        organisation and are often left out.
    source : str
        Attribution.
    """

    deaths: np.ndarray
    years: np.ndarray
    corps: tuple[str, ...]
    fisher: np.ndarray
    source: str = field(default=HORSE_KICKS_SOURCE, repr=False)

    def long(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """One entry per corps-year: ``(deaths, year, corps_index)``, each of length 280."""
        n_years, n_corps = self.deaths.shape
        year = np.repeat(self.years, n_corps)
        corps_index = np.tile(np.arange(n_corps), n_years)
        return self.deaths.ravel().copy(), year, corps_index


def load_horse_kicks() -> HorseKicks:
    """Load Bortkiewicz's deaths by horse kicks: 14 Prussian army corps over 20 years.

    The classic count dataset for the Poisson distribution: 196 soldiers killed by the kick of a
    horse in 280 corps-years, 0.7 per corps-year. The loader checks the file against the totals
    Bortkiewicz published (196 deaths; 144, 91, 32, 11 and 2 corps-years with 0 to 4 deaths).

    Introduced in Chapter 7 (Every loss is a negative log-likelihood).

    Returns
    -------
    HorseKicks
        ``deaths`` (20 years x 14 corps), ``years``, ``corps``, ``fisher`` (the 10 corps Fisher
        kept), ``long()`` (one row per corps-year) and ``source``.

    Raises
    ------
    RuntimeError
        If the shipped file does not reproduce the published totals (a damaged installation).

    Notes
    -----
    Source: L. von Bortkiewicz, *Das Gesetz der kleinen Zahlen*, Leipzig: Teubner, 1898, in the
    public domain. The digits were taken from the ``VonBort`` data of the R package vcd (after
    Andrews and Herzberg, 1985) and agree in all 280 entries with the table in M. Friendly's
    ``vonbort.sas``; see ``mlcourse/data/README.md``.

    Examples
    --------
    >>> kicks = load_horse_kicks()
    >>> kicks.deaths.shape, int(kicks.deaths.sum())
    ((20, 14), 196)
    >>> float(kicks.deaths.mean())
    0.7
    """
    path = resources.files("mlcourse") / "data" / "horse_kicks.csv"
    with path.open() as lines:
        header = lines.readline().strip().split(",")
        table = np.loadtxt(lines, delimiter=",", dtype=np.int64)
    deaths = table[:, 1:]
    frequencies = tuple(int(c) for c in np.bincount(deaths.ravel(), minlength=5))
    if int(deaths.sum()) != HORSE_KICKS_TOTAL or frequencies != HORSE_KICKS_FREQUENCIES:
        raise RuntimeError(f"{path} does not reproduce Bortkiewicz's totals (196 deaths; "
                           f"frequencies {HORSE_KICKS_FREQUENCIES}); got {int(deaths.sum())} "
                           f"and {frequencies}. Reinstall mlcourse.")
    corps = tuple(header[1:])
    fisher = np.array([name not in ("G", "I", "VI", "XI") for name in corps])
    return HorseKicks(deaths=deaths, years=table[:, 0].copy(), corps=corps, fisher=fisher)


# --------------------------------------------------------------------------------------------
# NIST StRD problems in NIST's own text format (.dat)

_NIST_FUNCTIONS = ("exp", "log", "sin", "cos", "tan", "atan", "sqrt")
_NIST_TOKEN = re.compile(r"\s*(?:(\d+\.?\d*(?:[eE][-+]?\d+)?|\.\d+(?:[eE][-+]?\d+)?)|"
                         r"([A-Za-z_]\w*)|(\*\*|[-+*/()]))")


@dataclass(frozen=True)
class NistStrdProblem:
    """A NIST StRD regression problem read from NIST's own ``.dat`` file.

    Introduced in Chapter 5 (Linear regression is Gaussian maximum likelihood).

    Attributes
    ----------
    name : str
        The dataset name (``"Misra1a"``).
    formula : str
        The model as NIST writes it, without the ``+ e``.
    x : ndarray, shape (n, k)
        The predictors, one column per ``x`` (``x1``, ``x2``, ... when there are several).
    y : ndarray, shape (n,)
        The response, transformed as the model's left-hand side says (``log[y]``).
    starts : ndarray, shape (2, p) or (0, p)
        NIST's Start 1 and Start 2 (none for the linear problems).
    certified : ndarray, shape (p,)
        The certified parameters.
    certified_sd : ndarray, shape (p,)
        Their certified standard deviations.
    residual_ss, residual_sd : float
        The certified residual sum of squares (nan when NIST gives only the SD) and residual
        standard deviation.
    """

    name: str
    formula: str
    x: np.ndarray = field(repr=False)
    y: np.ndarray = field(repr=False)
    starts: np.ndarray = field(repr=False)
    certified: np.ndarray = field(repr=False)
    certified_sd: np.ndarray = field(repr=False)
    residual_ss: float
    residual_sd: float
    parameters: tuple[str, ...] = field(repr=False)
    _code: Any = field(repr=False, compare=False)

    def model(self, params: Any, x: Any = None) -> Any:
        """The mean function at `params` (numpy array or torch tensor) and `x` (default the
        data): torch in, torch out, so that it can go into :func:`mlcourse.fit_mle`."""
        x = self.x if x is None else x
        if hasattr(params, "detach"):
            import torch

            namespace: dict[str, Any] = {name: getattr(torch, name) for name in _NIST_FUNCTIONS}
            x = torch.as_tensor(np.asarray(x, dtype=float))
        else:
            namespace = {name: getattr(np, "arctan" if name == "atan" else name)
                         for name in _NIST_FUNCTIONS}
            params = np.asarray(params, dtype=float)
            x = np.asarray(x, dtype=float)
        namespace["pi"] = math.pi
        namespace.update({name: params[j] for j, name in enumerate(self.parameters)})
        if x.shape[1] == 1:
            namespace["x"] = x[:, 0]
        namespace.update({f"x{j + 1}": x[:, j] for j in range(x.shape[1])})
        return eval(self._code, {"__builtins__": {}}, namespace)


def _nist_numbers(line: str) -> list[float]:
    return [float(v) for v in re.findall(r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?", line)]


def _nist_expression(formula: str, parameters: tuple[str, ...], n_x: int) -> str:
    """NIST's Fortran-like formula as a Python expression, after checking every token."""
    text = formula.replace("[", "(").replace("]", ")").replace("arctan", "atan")
    allowed = set(_NIST_FUNCTIONS) | set(parameters) | {"pi", "x"} | {
        f"x{j + 1}" for j in range(n_x)}
    position = 0
    while position < len(text.rstrip()):
        match = _NIST_TOKEN.match(text, position)
        if match is None or (match.group(2) and match.group(2) not in allowed):
            raise ValueError(f"the model formula {formula!r} has an unknown term near "
                             f"{text[position:position + 12]!r}")
        position = match.end()
    return text


def read_nist_strd(path: str | Path) -> NistStrdProblem:
    """Read a NIST StRD regression problem (nonlinear or linear) from NIST's ``.dat`` file.

    Introduced in Chapter 5 (Linear regression is Gaussian maximum likelihood).

    Parameters
    ----------
    path : str or Path
        A file of the NIST Statistical Reference Datasets, in NIST's own format: the header
        gives the line ranges of the starting values, certified values and data, and the
        model formula (``y = b1*(1-exp[-b2*x])  +  e``).

    Returns
    -------
    NistStrdProblem
        The data, the model (``model(params)`` evaluates it for numpy arrays or torch
        tensors), NIST's two starts and the certified values.

    Raises
    ------
    ValueError
        If the file is not in NIST's format or its formula has an unknown term.

    Notes
    -----
    The formula is evaluated only after each of its tokens has been checked to be a number, an
    operator, a parameter, ``x`` (``x1``, ``x2``, ...), ``pi`` or one of exp, log, sin, cos,
    tan, arctan and sqrt. A left-hand side ``log[y]`` transforms the response.
    """
    path = Path(path)
    lines = path.read_text().splitlines()

    def line_range(label: str) -> tuple[int, int]:
        for line in lines[:30]:
            found = re.search(label + r".*\(lines\s+(\d+)\s+to\s+(\d+)\)", line)
            if found:
                return int(found.group(1)) - 1, int(found.group(2))
        raise ValueError(f"{path.name} is not a NIST StRD file: no '{label} (lines a to b)' "
                         "in its header")

    data_from, data_to = line_range("Data")
    try:
        start_from, start_to = line_range("Starting Values")
    except ValueError:
        start_from = start_to = -1
    certified_from, certified_to = line_range("Certified Values")
    model_at = next((i for i, line in enumerate(lines) if line.startswith("Model:")), None)
    if model_at is None:
        raise ValueError(f"{path.name} is not a NIST StRD file: no 'Model:' section")
    body: list[str] = []
    constants: dict[str, str] = {}
    for line in lines[model_at + 2:]:
        stripped = line.strip()
        if not stripped:
            if body:
                break
            continue
        if stripped.startswith(("Certified", "Starting", "Residual")):
            break
        # A constant defined before the formula (Roszman1: "pi = 3.1415...E0").
        constant = re.fullmatch(r"([A-Za-z]\w*)\s*=\s*([-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)",
                                stripped)
        if constant and not body and constant.group(1).lower() != "y":
            constants[constant.group(1)] = constant.group(2)
            continue
        body.append(stripped)
        if re.search(r"\+\s*e\s*$", stripped):
            break
    text = re.sub(r"\+\s*e\s*$", "", " ".join(body)).strip()
    left, _, right = text.partition("=")
    header = next((line for line in lines[data_from - 3:data_from] if line.startswith("Data:")),
                  "Data: y x")
    columns = header.split(":", 1)[1].split()
    table = np.array([_nist_numbers(line) for line in lines[data_from:data_to] if line.strip()],
                     dtype=float)
    y = table[:, columns.index("y") if "y" in columns else 0]
    x = table[:, [j for j, c in enumerate(columns) if c != "y"]]
    if re.sub(r"\s", "", left).lower() in ("log[y]", "log(y)", "ln[y]", "ln(y)"):
        y = np.log(y)
    if start_from >= 0:
        rows = [_nist_numbers(line.split("=", 1)[1]) for line in lines[start_from:start_to]]
        parameters = tuple(line.split("=", 1)[0].strip() for line in lines[start_from:start_to])
        starts = np.array([[row[0] for row in rows], [row[1] for row in rows]])
        certified = np.array([row[2] for row in rows])
        certified_sd = np.array([row[3] for row in rows])
        rest = lines[start_to:certified_to]
    else:
        # Linear problems: "B0   estimate   sd" rows after a "Parameter  Estimate" header.
        rows, names = [], []
        for line in lines[certified_from:certified_to]:
            found = re.match(r"\s*([Bb]\d+)\s+(\S+)\s+(\S+)\s*$", line)
            if found:
                names.append(found.group(1))
                rows.append([float(found.group(2)), float(found.group(3))])
        parameters = tuple(names)
        starts = np.zeros((0, len(rows)))
        certified = np.array([r[0] for r in rows])
        certified_sd = np.array([r[1] for r in rows])
        rest = lines[certified_from:certified_to]
    residual_ss = residual_sd = math.nan
    for line in rest:
        if "Residual Sum of Squares" in line:
            residual_ss = _nist_numbers(line)[-1]
        elif "Standard Deviation" in line:
            numbers = _nist_numbers(line)
            if numbers:
                residual_sd = numbers[-1]
    expression = right.strip()
    for name, value in constants.items():
        expression = re.sub(rf"\b{name}\b", f"({value})", expression)
    code = compile(_nist_expression(expression, parameters, x.shape[1]), path.name, "eval")
    return NistStrdProblem(name=path.stem, formula=text, x=x, y=y, starts=starts,
                           certified=certified, certified_sd=certified_sd,
                           residual_ss=residual_ss, residual_sd=residual_sd,
                           parameters=parameters, _code=code)


# --------------------------------------------------------------------------------------------
# Tables bundled with the pinned scikit-learn and statsmodels (nothing is downloaded)

SKLEARN_SOURCE = ("Bundled with scikit-learn (BSD-3-Clause licence), sklearn.datasets.{name}; "
                  "see mlcourse/data/README.md for the original source.")
STATSMODELS_SOURCE = ("Bundled with statsmodels (BSD-3-Clause licence), "
                      "statsmodels.datasets.{name}; see mlcourse/data/README.md for the "
                      "original source.")


@dataclass(frozen=True)
class TableDataset:
    """A data table: a design matrix, a response and their names.

    Introduced in Chapter 9 (MAP estimation and regularisation).

    Attributes
    ----------
    X : ndarray of float, shape (n, p)
        The features (no intercept column).
    y : ndarray, shape (n,)
        The response: floats, or whole numbers for labels and counts.
    feature_names : tuple of str
        One name per column of `X`.
    target_name : str
        The name of `y`.
    source : str
        Where the table comes from and its licence.
    """

    X: np.ndarray
    y: np.ndarray
    feature_names: tuple[str, ...]
    target_name: str
    source: str = field(repr=False)

    @property
    def shape(self) -> tuple[int, int]:
        """``(n, p)``: observations and features."""
        return self.X.shape


def _from_sklearn(name: str, target_name: str, labels: bool) -> TableDataset:
    from sklearn import datasets

    bunch = getattr(datasets, name)()
    y = bunch.target.astype(np.int64 if labels else float)
    names = tuple(str(n) for n in getattr(bunch, "feature_names",
                                          [f"pixel{i}" for i in range(bunch.data.shape[1])]))
    return TableDataset(X=np.asarray(bunch.data, dtype=float), y=y, feature_names=names,
                        target_name=target_name, source=SKLEARN_SOURCE.format(name=name))


def _from_statsmodels(name: str, target: str, features: tuple[str, ...],
                      integer: bool = False) -> TableDataset:
    from statsmodels import datasets

    frame = getattr(datasets, name).load_pandas().data
    y = frame[target].to_numpy(dtype=np.int64 if integer else float)
    return TableDataset(X=frame[list(features)].to_numpy(dtype=float), y=y,
                        feature_names=features, target_name=target,
                        source=STATSMODELS_SOURCE.format(name=name))


def load_diabetes() -> TableDataset:
    """The diabetes data of Efron et al. (2004): 442 patients, 10 standardised baseline
    variables, and a measure of disease progression one year later (a float response).

    Introduced in Chapter 9 (MAP estimation and regularisation).

    Returns
    -------
    TableDataset
        `X` of shape (442, 10), as scikit-learn scales it (each column centred, with norm 1),
        and `y` the progression score. Bundled with scikit-learn.
    """
    return _from_sklearn("load_diabetes", "progression", labels=False)


def load_breast_cancer() -> TableDataset:
    """The Wisconsin diagnostic breast cancer data: 569 tumours, 30 features of cell nuclei,
    and the label 1 for benign, 0 for malignant.

    Introduced in Chapter 9 (MAP estimation and regularisation).

    Returns
    -------
    TableDataset
        `X` of shape (569, 30), `y` 1 (benign) or 0 (malignant). Chapter 6 reads the same
        table from scikit-learn directly. Bundled with scikit-learn.
    """
    return _from_sklearn("load_breast_cancer", "benign", labels=True)


def load_digits() -> TableDataset:
    """The optical handwritten digits: 1797 images of 8x8 pixels (grey levels 0-16, in the
    columns ``pixel0``..``pixel63``, row by row) and the digit 0-9.

    Introduced in Chapter 9 (MAP estimation and regularisation).

    Returns
    -------
    TableDataset
        `X` of shape (1797, 64), grey levels 0-16; `y` the digit. Bundled with scikit-learn.
    """
    return _from_sklearn("load_digits", "digit", labels=True)


def load_iris() -> TableDataset:
    """Fisher's (Anderson's) iris data: 150 flowers, four measurements in cm, and the species
    0 (setosa), 1 (versicolor), 2 (virginica).

    Introduced in Chapter 11 (When maximum likelihood fails).

    Returns
    -------
    TableDataset
        `X` of shape (150, 4) in cm; `y` the species. Bundled with scikit-learn.
    """
    return _from_sklearn("load_iris", "species", labels=True)


def load_engel() -> TableDataset:
    """Engel's food expenditure data: annual household income and food expenditure (Belgian
    francs) of 235 working-class households, 1857.

    Introduced in Chapter 11 (When maximum likelihood fails).

    Returns
    -------
    TableDataset
        `X` of shape (235, 1), income; `y` food expenditure. Bundled with statsmodels.
    """
    return _from_statsmodels("engel", "foodexp", ("income",))


def load_randhie() -> TableDataset:
    """The RAND Health Insurance Experiment: 20,190 person-years, the number of outpatient
    doctor visits (`y`, ``mdvis``) and nine covariates (insurance, income, health status).

    Introduced in Chapter 11 (When maximum likelihood fails).

    Returns
    -------
    TableDataset
        `X` of shape (20190, 9), `y` the visit counts (int). Bundled with statsmodels.
    """
    return _from_statsmodels("randhie", "mdvis", ("lncoins", "idp", "lpi", "fmde", "physlm",
                                                  "disea", "hlthg", "hlthf", "hlthp"),
                             integer=True)


def load_spector() -> TableDataset:
    """Spector and Mazzeo (1980): whether 32 students' grades improved (`y`, ``GRADE``) after a
    new teaching method (``PSI``), with their ``GPA`` and ``TUCE`` score.

    Introduced in Chapter 10 (Large-sample theory: intervals and tests).

    Returns
    -------
    TableDataset
        `X` of shape (32, 3) (``GPA``, ``TUCE``, ``PSI``), `y` 0 or 1. Bundled with statsmodels.
    """
    return _from_statsmodels("spector", "GRADE", ("GPA", "TUCE", "PSI"), integer=True)
