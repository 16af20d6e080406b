"""Datasets shipped with the course, with their sources.

The files live in ``mlcourse/data/``; ``mlcourse/data/README.md`` and each loader's docstring give
the source and licence of each.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

import numpy as np

__all__ = ["HorseKicks", "NistDataset", "load_horse_kicks", "load_nist"]

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
