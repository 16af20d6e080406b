"""Plot helpers. Each draws on an ``Axes`` (a new one if none is given) and returns it, so a
notebook can add to the figure and a test can read back exactly what was plotted."""

from __future__ import annotations

from typing import Any

import numpy as np
from matplotlib.axes import Axes

from . import _validate as check

__all__ = ["plot_curve", "plot_likelihood"]


def _axes(ax: Axes | None) -> Axes:
    if ax is not None:
        return ax
    import matplotlib.pyplot as plt

    return plt.figure().add_subplot()


def _curve_data(x: Any, y: Any) -> tuple[np.ndarray, np.ndarray]:
    xs = check.finite(x, "x").astype(np.float64)
    ys = check.as_numpy(y, "y").astype(np.float64)
    if xs.ndim != 1 or xs.shape != ys.shape:
        raise ValueError(check.wrap(
            f"x and y must be 1-D of the same length; got shapes {xs.shape} "
                         f"and {ys.shape}"))
    if xs.size == 0:
        raise ValueError(check.wrap("x and y are empty: a curve needs at least one point"))
    if np.isnan(ys).any():
        raise ValueError(check.wrap("y contains nan; a curve with holes would hide a bug"))
    return xs, ys


def _labels(ax: Any, **labels: Any) -> None:
    """Axis labels are non-empty strings, a legend label a string or None, ax an Axes."""
    for name, value in labels.items():
        if name == "label":
            if value is not None and not isinstance(value, str):
                raise TypeError(check.wrap(f"label must be a string or None; got {value!r}"))
        elif not isinstance(value, str) or not value.strip():
            raise TypeError(check.wrap(
                f"{name} must be a non-empty string (an unlabelled axis is a figure "
                            f"nobody can read); got {value!r}"))
    if ax is not None and not isinstance(ax, Axes):
        raise TypeError(check.wrap(
            f"ax must be a matplotlib Axes or None; got {type(ax).__name__}"))


def plot_curve(x: Any, y: Any, *, ax: Axes | None = None, xlabel: str, ylabel: str,
               label: str | None = None, **line_kwargs: Any) -> Axes:
    """Draw the curve ``y(x)`` with labelled axes.

    Introduced in Chapter 1 (Likelihood vs probability).

    Parameters
    ----------
    x, y : array_like
        1-D arrays of the same length; ``y`` may contain ``-inf`` (drawn as a gap) but not nan.
    ax : matplotlib.axes.Axes, optional
        Where to draw; a new figure by default.
    xlabel, ylabel : str
        Axis labels, with units where the quantity has one. Required: an unlabelled axis is
        a figure nobody can read.
    label : str, optional
        Legend entry.
    **line_kwargs
        Passed to ``Axes.plot`` (``color``, ``linestyle``, ...).

    Returns
    -------
    matplotlib.axes.Axes
        The axes drawn on; the curve is its last line.

    Raises
    ------
    ValueError
        If the arrays are empty, differ in shape, are not 1-D, or ``y`` contains nan.
    TypeError
        If an axis label is not a non-empty string, or ``ax`` is not an Axes.
    """
    _labels(ax, xlabel=xlabel, ylabel=ylabel, label=label)
    xs, ys = _curve_data(x, y)
    ax = _axes(ax)
    ax.plot(xs, ys, label=label, **line_kwargs)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    if label is not None:
        ax.legend()
    return ax


def plot_likelihood(theta: Any, values: Any, *, ax: Axes | None = None,
                    xlabel: str = r"parameter $\theta$", ylabel: str = "likelihood",
                    label: str | None = None, mark_max: bool = True,
                    **line_kwargs: Any) -> Axes:
    r"""Draw a likelihood (or log-likelihood) curve and mark its maximiser on the grid.

    Introduced in Chapter 1 (Likelihood vs probability).

    Parameters
    ----------
    theta : array_like
        Parameter grid, 1-D.
    values : array_like
        Likelihood or log-likelihood at each grid point.
    ax : matplotlib.axes.Axes, optional
        Where to draw; a new figure by default.
    xlabel, ylabel : str
        Axis labels.
    label : str, optional
        Legend entry for the curve.
    mark_max : bool, default True
        Mark the grid maximiser with a point and a dotted vertical line.
    **line_kwargs
        Passed to ``Axes.plot`` for the curve.

    Returns
    -------
    matplotlib.axes.Axes
        The axes; the curve is the first line added, the vertical marker the next, and the
        marked point is the last line, at ``(theta[argmax], values[argmax])``.

    Raises
    ------
    ValueError
        If the arrays are empty, differ in shape, are not 1-D, or ``values`` contains nan.
    TypeError
        If an axis label is not a non-empty string, ``ax`` is not an Axes, or ``mark_max`` is
        not a boolean.
    """
    _labels(ax, xlabel=xlabel, ylabel=ylabel, label=label)
    if not isinstance(mark_max, (bool, np.bool_)):
        raise TypeError(check.wrap(f"mark_max must be True or False; got {mark_max!r}"))
    xs, ys = _curve_data(theta, values)
    ax = plot_curve(xs, ys, ax=ax, xlabel=xlabel, ylabel=ylabel, label=label, **line_kwargs)
    if mark_max:
        best = int(np.argmax(ys))
        colour = ax.lines[-1].get_color()
        ax.axvline(xs[best], color=colour, linestyle=":", linewidth=1.2)
        ax.plot([xs[best]], [ys[best]], "o", color=colour)
    return ax
