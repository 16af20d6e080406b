"""mlcourse.load_nist against NIST's own files and published values.

References
----------
- The NIST StRD files in /work/shared/data/nist-strd (data CSV and certified-values JSON), read
  here with the standard library's ``csv`` and ``json``; these comparisons are skipped where that
  directory does not exist (e.g. outside the course's build machine).
- A few values transcribed from NIST's StRD pages (the first observation of each dataset, some
  certified values), which need no file at all.
- The polynomial design built column by column as ``x**j``.

Tolerances
----------
Data and certified values are stored as decimal text and parsed to the nearest double by both
sides: they must be equal exactly. The design matrix is built by repeated multiplication in the
package and by ``pow`` here: for degree j each entry differs by at most ~j ulps, so the bound is
1e-14 relative (degree 10: 10 * 2.2e-16 = 2.2e-15, with margin).
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import numpy as np
import pytest

from mlcourse import load_nist
from mlcourse.datasets import NistDataset

from .reference_helpers import assert_close

pytestmark = pytest.mark.filterwarnings("error")

SHARED = Path("/work/shared/data/nist-strd")
needs_shared = pytest.mark.skipif(not SHARED.is_dir(), reason=f"{SHARED} is not available")

# (n, degree, first observation (y, x)) from the NIST StRD data pages.
SHAPES = {"filip": (82, 10, (0.8116, -6.860120914)), "pontius": (40, 2, (0.11019, 150000.0))}


@pytest.mark.parametrize("name", ["filip", "pontius"])
def test_load_nist_shapes(name) -> None:
    n, degree, (y0, x0) = SHAPES[name]
    data = load_nist(name)
    assert isinstance(data, NistDataset)
    assert data.name == name
    assert data.x.shape == (n,) and data.y.shape == (n,)
    assert data.x.dtype == np.float64 and data.y.dtype == np.float64
    assert data.degree == degree
    assert data.y[0] == y0 and data.x[0] == x0
    assert set(data.certified) >= {"params", "bse", "residual_sd", "rsquared"}
    assert np.shape(data.certified["params"]) == (degree + 1,)
    assert np.shape(data.certified["bse"]) == (degree + 1,)
    assert isinstance(data.certified["residual_sd"], float)
    assert isinstance(data.certified["rsquared"], float)
    assert data.design().shape == (n, degree + 1)
    assert "NIST" in data.source and "strd" in data.source.lower()


def test_published_certified_values() -> None:
    """Values copied from NIST's certified-results pages for Pontius and Filip."""
    pontius = load_nist("pontius").certified
    np.testing.assert_array_equal(
        pontius["params"], [0.673565789473684e-03, 0.732059160401003e-06, -0.316081871345029e-14])
    np.testing.assert_array_equal(
        pontius["bse"], [0.107938612033077e-03, 0.157817399981659e-09, 0.486652849992036e-16])
    assert pontius["residual_sd"] == 0.205177424076185e-03
    assert pontius["rsquared"] == 0.999999900178537
    filip = load_nist("filip").certified
    assert filip["params"][0] == -1467.48961422980
    assert filip["params"][10] == -4.02962525080404e-05
    assert filip["bse"][0] == 298.084530995537
    assert filip["residual_sd"] == 3.34801051324544e-03
    assert filip["rsquared"] == 0.996727416185620


@needs_shared
@pytest.mark.parametrize("name", ["filip", "pontius"])
def test_certified_values_match_the_nist_json(name) -> None:
    reference = json.loads((SHARED / f"{name}_certified.json").read_text())
    data = load_nist(name)
    assert data.degree == reference["degree"]
    assert data.x.size == reference["n"]
    np.testing.assert_array_equal(data.certified["params"], reference["coefficients"])
    np.testing.assert_array_equal(data.certified["bse"], reference["standard_deviations"])
    assert data.certified["residual_sd"] == reference["residual_standard_deviation"]
    assert data.certified["rsquared"] == reference["r_squared"]


@needs_shared
@pytest.mark.parametrize("name", ["filip", "pontius"])
def test_data_match_the_nist_csv(name) -> None:
    with (SHARED / f"{name}.csv").open(newline="") as handle:
        rows = list(csv.reader(handle))
    assert [h.lower() for h in rows[0]] == ["y", "x"]
    y, x = (np.array([float(row[i]) for row in rows[1:]]) for i in (0, 1))
    data = load_nist(name)
    np.testing.assert_array_equal(data.y, y)
    np.testing.assert_array_equal(data.x, x)


@pytest.mark.parametrize("name", ["filip", "pontius"])
def test_design_is_the_vandermonde_matrix(name) -> None:
    data = load_nist(name)
    design = data.design()
    expected = np.column_stack([data.x**j for j in range(data.degree + 1)])
    np.testing.assert_array_equal(design[:, 0], np.ones(data.x.size))
    np.testing.assert_array_equal(design[:, 1], data.x)
    assert_close(design, expected, rtol=1e-14)


def test_design_is_a_fresh_array() -> None:
    data = load_nist("pontius")
    design = data.design()
    design[:] = 0.0
    assert np.all(data.design()[:, 0] == 1.0)


@pytest.mark.parametrize("name", ["longley", "", "filip2", "norris"])
def test_unknown_names_raise(name) -> None:
    with pytest.raises(ValueError, match="filip"):
        load_nist(name)


# The tables bundled with scikit-learn and statsmodels: shapes and a few values as published in
# the packages' own documentation (Efron et al. 2004; Wolberg et al.; Koenker's Engel data;
# Spector and Mazzeo 1980; the RAND HIE extract in statsmodels).
TABLES = [("load_diabetes", (442, 10), "progression"), ("load_breast_cancer", (569, 30), "benign"),
          ("load_digits", (1797, 64), "digit"), ("load_iris", (150, 4), "species"),
          ("load_engel", (235, 1), "foodexp"), ("load_randhie", (20190, 9), "mdvis"),
          ("load_spector", (32, 3), "GRADE")]


@pytest.mark.parametrize(("loader", "shape", "target"), TABLES)
def test_bundled_tables(loader, shape, target) -> None:
    import mlcourse

    table = getattr(mlcourse, loader)()
    assert table.shape == shape and table.y.shape == (shape[0],)
    assert len(table.feature_names) == shape[1] and table.target_name == target
    assert np.all(np.isfinite(table.X)) and "licence" in table.source


def test_bundled_table_values() -> None:
    import mlcourse

    assert mlcourse.load_diabetes().y[:3].tolist() == [151.0, 75.0, 141.0]
    assert np.bincount(mlcourse.load_breast_cancer().y).tolist() == [212, 357]
    assert np.bincount(mlcourse.load_digits().y).tolist()[:3] == [178, 182, 177]
    assert mlcourse.load_digits().X.max() == 16
    assert np.bincount(mlcourse.load_iris().y).tolist() == [50, 50, 50]
    spector = mlcourse.load_spector()
    assert spector.y.sum() == 11 and spector.X[:, 2].sum() == 14
    assert mlcourse.load_randhie().y.max() == 77
    assert mlcourse.load_engel().y.mean() == pytest.approx(624.150, abs=1e-3)
