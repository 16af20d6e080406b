"""Plot helpers draw exactly the data they are given and return their Axes."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pytest

import mlcourse


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def test_plot_likelihood_draws_the_curve_and_marks_the_maximiser() -> None:
    p = np.linspace(0, 1, 101)
    values = p**2 * (1 - p)
    ax = mlcourse.plot_likelihood(p, values, xlabel="p", ylabel="L(p)", label="H, H, T")
    curve, vertical, point = ax.lines
    np.testing.assert_array_equal(curve.get_xydata(), np.column_stack([p, values]))
    best = np.argmax(values)
    assert vertical.get_xdata()[0] == p[best]
    np.testing.assert_array_equal(point.get_xydata(), [[p[best], values[best]]])
    assert abs(p[best] - 2 / 3) <= 0.005
    assert (ax.get_xlabel(), ax.get_ylabel()) == ("p", "L(p)")
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["H, H, T"]


def test_plot_likelihood_without_marker_and_on_given_axes() -> None:
    _, axes = plt.subplots(1, 2)
    ax = mlcourse.plot_likelihood([0.0, 1.0, 2.0], [1.0, 3.0, 2.0], ax=axes[1], mark_max=False)
    assert ax is axes[1] and len(ax.lines) == 1 and not axes[0].lines


def test_plot_curve_accepts_minus_infinity_as_a_gap() -> None:
    ax = mlcourse.plot_curve([0.0, 0.5, 1.0], [-np.inf, -1.0, -np.inf], xlabel="p",
                             ylabel="log L(p)")
    assert np.isneginf(ax.lines[0].get_ydata()).sum() == 2


@pytest.mark.parametrize(("x", "y", "message"), [
    ([0.0, 1.0], [1.0], "same length"),
    ([[0.0, 1.0]], [[1.0, 2.0]], "1-D"),
    ([0.0, 1.0], [1.0, np.nan], "y contains nan"),
    ([0.0, np.inf], [1.0, 2.0], "x must be finite"),
])
def test_bad_curves_raise(x, y, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        mlcourse.plot_likelihood(x, y)
