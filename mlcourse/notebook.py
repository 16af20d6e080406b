"""The first cell of every chapter: one seed, one print precision, one figure style.

Every notebook starts with ``rng = setup()``. The same call in a learner's copy reproduces the
book's numbers exactly, and the guard test relies on it for deterministic outputs.
"""

from __future__ import annotations

import sys
import warnings
from importlib import resources
from typing import Any

import numpy as np

from . import _validate as check

__all__ = ["STYLE", "glue", "glue_many", "setup", "within"]

#: Path of the course's matplotlib style sheet.
STYLE = str(resources.files("mlcourse") / "mlcourse.mplstyle")

# myst-nb reads glued values from display outputs carrying this MIME prefix and metadata.
_GLUE_PREFIX = "application/papermill.record/"


def setup(seed: int = 0, *, precision: int = 4, strict: bool = True) -> np.random.Generator:
    """Prepare a notebook: printing, figure style, warnings, and a seeded random generator.

    Introduced in Chapter 1 (Likelihood vs probability).

    Parameters
    ----------
    seed : int, default 0
        Seed of the returned generator. Use one generator per notebook and draw everything from
        it, in order, so that a re-run reproduces every number.
    precision : int, default 4
        Digits numpy prints after the decimal point (also applied to torch if it is imported).
    strict : bool, default True
        Turn a ``RuntimeWarning`` raised directly by notebook code (overflow, division by zero,
        invalid value) into an error, so that a silent ``inf`` or ``nan`` cannot slip through.
        Wrap a computation in ``np.errstate(...)`` where such a value is the point.

    Returns
    -------
    numpy.random.Generator
        ``np.random.default_rng(seed)``.

    Raises
    ------
    TypeError
        If ``seed`` or ``precision`` is not a whole number, or ``strict`` is not a boolean.
    ValueError
        If ``seed`` or ``precision`` is negative (a negative precision would break every
        later print).

    Examples
    --------
    >>> rng = setup(seed=1)
    >>> rng.integers(0, 10, size=3).tolist()
    [4, 5, 7]
    """
    for name, value in (("seed", seed), ("precision", precision)):
        if isinstance(value, (bool, np.bool_)) or not isinstance(value, (int, np.integer)):
            raise TypeError(check.wrap(f"{name} must be a whole number; got {value!r}"))
        if value < 0:
            raise ValueError(check.wrap(f"{name} must be >= 0; got {value!r}"))
    if not isinstance(strict, (bool, np.bool_)):
        raise TypeError(check.wrap(f"strict must be True or False; got {strict!r}"))
    import matplotlib.pyplot as plt

    np.set_printoptions(precision=int(precision), floatmode="maxprec")
    torch = sys.modules.get("torch")
    if torch is not None:
        torch.set_printoptions(precision=precision)
    plt.style.use(STYLE)
    if strict:
        warnings.filterwarnings("error", category=RuntimeWarning, module="__main__")
    return np.random.default_rng(seed)


def glue(name: str, value: Any, fmt: str = "") -> None:
    """Store ``value`` for the book's prose, formatted, without displaying it.

    The prose then quotes it as ``{glue:text}`name```; the number in the text is always the one
    the code computed. The stored text is the formatted string, so a notebook output never
    holds a full-precision float that could differ in its last digit between machines.

    Introduced in Chapter 1 (Likelihood vs probability).

    Parameters
    ----------
    name : str
        Key, unique within the book.
    value : object
        The value, usually a number.
    fmt : str, default ""
        A format specification such as ``".3f"`` or ``".2e"``; ``""`` uses ``str(value)``.

    Examples
    --------
    In a notebook cell (outside IPython there is nothing to display to)::

        mlcourse.glue("ch01_answer", 2 / 3, ".3f")   # the prose then shows 0.667
    """
    from IPython.display import display

    if not isinstance(name, str) or not name:
        raise TypeError(check.wrap(f"name must be a non-empty string; got {name!r}"))
    if not isinstance(fmt, str):
        raise TypeError(check.wrap(
            f"fmt must be a format specification string such as '.3f'; got {fmt!r}"))
    try:
        text = format(value, fmt)
    except (TypeError, ValueError) as error:
        raise ValueError(check.wrap(f"fmt {fmt!r} cannot format {type(value).__name__} {value!r}: "
                         f"{error}")) from None
    display({_GLUE_PREFIX + "text/plain": repr(text)}, raw=True,
            metadata={"scrapbook": {"name": name, "mime_prefix": _GLUE_PREFIX}})



def glue_many(fmt: str = "", /, **values: Any) -> None:
    """Glue several values with one format, so a cell's computation is not buried in plumbing.

    Equivalent to ``glue(name, value, fmt)`` for each keyword argument, in order.

    Introduced in Chapter 1 (Likelihood vs probability).

    Parameters
    ----------
    fmt : str, default ""
        One format specification for all the values, e.g. ``".3f"``.
    **values
        ``name=value`` pairs; each name is the key the prose quotes.

    Examples
    --------
    In a notebook cell::

        mlcourse.glue_many(".3f", ch03_low=low, ch03_high=high)
    """
    if not isinstance(fmt, str):
        raise TypeError(check.wrap(f"fmt must be a format string such as '.3f', got {fmt!r}"))
    for name, value in values.items():
        glue(name, value, fmt)


def within(difference: float, tolerance: float) -> str:
    """Say whether a difference is below a tolerance, in words every CPU prints the same way.

    Two correct computations of one number agree only up to rounding, and rounding differs
    between CPUs (BLAS kernels, SIMD loops), so the printed digits of a difference such as
    ``4.4e-16`` are not reproducible. What the mathematics decides is a bound: print that.

    Introduced in Chapter 1 (Likelihood vs probability).

    Parameters
    ----------
    difference : float
        A non-negative difference, residual or error (nan counts as not within).
    tolerance : float
        The bound claimed, e.g. ``1e-12``.

    Returns
    -------
    str
        ``"within 1e-12"`` when ``difference <= tolerance``; otherwise
        ``"NOT within 1e-12 (difference 3.2e-05)"``, which shows the failure.

    Examples
    --------
    >>> within(4.4e-16, 1e-12)
    'within 1e-12'
    >>> within(3.2e-5, 1e-12)
    'NOT within 1e-12 (difference 3.2e-05)'
    >>> within(2e-9, 1e-8)
    'within 1e-8'
    """
    difference, tolerance = float(difference), float(tolerance)
    if not tolerance > 0:
        raise ValueError(check.wrap(f"tolerance must be positive, got {tolerance!r}"))
    mantissa, exponent = f"{tolerance:.0e}".split("e")
    bound = f"{mantissa}e{int(exponent)}"  # 1e-8, not 1e-08
    if difference <= tolerance:
        return f"within {bound}"
    return f"NOT within {bound} (difference {difference:.1e})"
