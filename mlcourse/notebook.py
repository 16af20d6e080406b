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

__all__ = ["STYLE", "glue", "setup"]

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

    Examples
    --------
    >>> rng = setup(seed=1)
    >>> rng.integers(0, 10, size=3).tolist()
    [4, 5, 7]
    """
    import matplotlib.pyplot as plt

    np.set_printoptions(precision=precision, floatmode="maxprec")
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

    text = format(value, fmt)
    display({_GLUE_PREFIX + "text/plain": repr(text)}, raw=True,
            metadata={"scrapbook": {"name": name, "mime_prefix": _GLUE_PREFIX}})
