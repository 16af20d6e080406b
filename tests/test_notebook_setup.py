"""mlcourse.setup and mlcourse.glue: the contract every chapter relies on."""

from __future__ import annotations

import warnings

import matplotlib
import numpy as np
import pytest

import mlcourse


@pytest.fixture
def restore_global_state():
    options = np.get_printoptions()
    with matplotlib.rc_context(), warnings.catch_warnings():
        yield
    np.set_printoptions(**options)


def test_setup_seeds_prints_and_styles(restore_global_state) -> None:
    rng = mlcourse.setup(seed=7, precision=3)
    assert rng.random(4).tolist() == np.random.default_rng(7).random(4).tolist()
    assert np.get_printoptions()["precision"] == 3
    assert str(np.array([1 / 3])) == "[0.333]"
    colours = matplotlib.rcParams["axes.prop_cycle"].by_key()["color"]
    assert colours[:2] == ["#0072B2", "#D55E00"]  # Okabe-Ito, from mlcourse.mplstyle
    assert matplotlib.rcParams["axes.spines.top"] is False


def test_strict_setup_turns_notebook_runtime_warnings_into_errors(restore_global_state) -> None:
    mlcourse.setup()
    cell = {"__name__": "__main__", "np": np}  # code typed in a notebook runs in __main__
    with pytest.raises(RuntimeWarning, match="divide by zero"):
        exec("np.log(np.array(0.0))", cell)
    exec("with np.errstate(divide='ignore'):\n    value = np.log(np.array(0.0))", cell)
    assert cell["value"] == -np.inf


def test_lenient_setup_leaves_warnings_alone(restore_global_state) -> None:
    warnings.resetwarnings()
    mlcourse.setup(strict=False)
    with pytest.warns(RuntimeWarning):
        exec("np.log(np.array(0.0))", {"__name__": "__main__", "np": np})


def test_glue_writes_what_myst_nb_reads(monkeypatch) -> None:
    """Our glue payload is exactly myst-nb's for the formatted string, and renders as text."""
    import IPython.display
    from myst_nb.core.variables import format_plain_text
    from myst_nb.ext import glue as myst_glue

    ours: list = []
    theirs: list = []
    monkeypatch.setattr(IPython.display, "display",
                        lambda *a, **k: ours.append((a, k)))
    monkeypatch.setattr(myst_glue, "ipy_display", lambda *a, **k: theirs.append((a, k)))
    mlcourse.glue("ch00_value", 2 / 3, ".3f")
    myst_glue.glue("ch00_value", "0.667", display=False)
    assert ours == theirs
    (bundle,), _ = ours[0]
    assert format_plain_text(bundle["application/papermill.record/text/plain"], "") == "0.667"
