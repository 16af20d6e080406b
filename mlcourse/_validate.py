"""Input checks shared by every public function.

Each check raises ``ValueError`` (or ``TypeError`` for non-numbers) with a message that names the
argument, the rule it broke, and the first offending value with its position, so that a learner
sees what is wrong instead of a NaN three cells later.
"""

from __future__ import annotations

import math
import textwrap
from typing import Any

import numpy as np

from ._backend import is_tensor

#: Longest line of an error message: notebooks print them in 80 columns.
MESSAGE_WIDTH = 78


def wrap(message: str) -> str:
    """``message`` with every line broken at spaces to at most :data:`MESSAGE_WIDTH` characters."""
    lines = []
    for line in message.split("\n"):
        lines.append(textwrap.fill(line, MESSAGE_WIDTH, break_long_words=True,
                                   break_on_hyphens=False) if len(line) > MESSAGE_WIDTH else line)
    return "\n".join(lines)


def as_numpy(value: Any, name: str) -> np.ndarray:
    """A real-valued numpy view of ``value`` (tensors are detached), or a TypeError."""
    if is_tensor(value):
        value = value.detach().cpu()
        if str(value.dtype) == "torch.bfloat16":  # numpy has no bfloat16
            value = value.float()
        value = value.numpy()
    try:
        array = np.asarray(value)
    except (TypeError, ValueError) as error:  # ragged nested lists
        raise TypeError(wrap(f"{name} must be an array of numbers; {error}")) from None
    if array.dtype == bool:
        return array.astype(np.float64)
    if not (np.issubdtype(array.dtype, np.integer) or np.issubdtype(array.dtype, np.floating)):
        if not array.size:
            raise TypeError(wrap(
                f"{name} must be real numbers; got an array of dtype {array.dtype}"))
        first = array.flat[0]  # a numpy scalar, or for an object array the object itself
        first = first.item() if isinstance(first, np.generic) else first
        raise TypeError(wrap(f"{name} must be real numbers; got an array of dtype {array.dtype} "
                        f"(first value {first!r})"))
    return array


def number(value: Any, name: str) -> float:
    """A single finite real number (a numpy scalar, a 0-d array or tensor too), as a float.

    Booleans, strings, None and arrays of several values raise a TypeError; nan and inf a
    ValueError.
    """
    if is_tensor(value) or isinstance(value, np.ndarray):
        if value.ndim != 0 and np.size(value) != 1:
            raise TypeError(wrap(f"{name} must be a single number; got an array of shape "
                            f"{tuple(value.shape)}"))
        if str(value.dtype).endswith("bool"):
            raise TypeError(wrap(f"{name} must be a number, not a boolean; got {value!r}"))
        value = as_numpy(value, name).reshape(()).item()
    if isinstance(value, (bool, np.bool_)) or not isinstance(
            value, (int, float, np.integer, np.floating)):
        raise TypeError(wrap(f"{name} must be a real number; got {value!r}"))
    result = float(value)
    if not np.isfinite(result):
        raise ValueError(wrap(f"{name} must be finite; got {result!r}"))
    return result


def total(value: np.ndarray, name: str) -> float:
    """The correctly rounded float64 sum of ``value`` (no int64 wrap-around), or a ValueError
    saying that it exceeds the float64 range."""
    try:
        result = math.fsum(np.asarray(value, dtype=np.float64).ravel())
    except OverflowError:
        result = math.inf
    if not math.isfinite(result):
        raise ValueError(wrap(f"{name} is too large: its sum exceeds the float64 range (1.8e308)"))
    return result


def flag(value: Any, name: str) -> bool:
    """``True`` or ``False`` (a numpy boolean too); anything else, even 'no', is a TypeError."""
    if not isinstance(value, (bool, np.bool_)):
        raise TypeError(wrap(f"{name} must be True or False; got {value!r}"))
    return bool(value)


def _where(array: np.ndarray, bad: np.ndarray) -> str:
    index = np.argwhere(bad)[0]
    value = array[tuple(index)].item()
    if array.ndim == 0:
        return f"got {value!r}"
    return f"got {value!r} at index {tuple(int(i) for i in index)}"


def _require(array: np.ndarray, ok: np.ndarray, message: str) -> None:
    bad = ~ok
    if np.any(bad):
        raise ValueError(wrap(f"{message}; {_where(array, bad)}"))


def fixed(value: Any, name: str) -> Any:
    """``value`` itself, unless it is a tensor that requires grad: data are held fixed, and a
    result computed from them in numpy would silently drop that gradient."""
    if is_tensor(value) and value.requires_grad:
        raise ValueError(wrap(
            f"{name} requires grad, but {name} is data here, held fixed: the result carries "
            f"no gradient in {name}. Pass {name}.detach() (the parameters may require grad)"))
    return value


def finite(value: Any, name: str) -> np.ndarray:
    array = as_numpy(value, name)
    _require(array, np.isfinite(array), f"{name} must be finite (no nan or inf)")
    return array


def nonempty(value: Any, name: str) -> np.ndarray:
    array = as_numpy(value, name)
    if array.size == 0:
        raise ValueError(wrap(f"{name} is empty: a likelihood needs at least one observation"))
    return array


def observations(value: Any, name: str) -> np.ndarray:
    """Data for a likelihood: numbers, at least one, all finite."""
    nonempty(value, name)
    return finite(value, name)


def probability(value: Any, name: str) -> np.ndarray:
    array = finite(value, name)
    _require(array, (array >= 0) & (array <= 1), f"{name} must be a probability in [0, 1]")
    return array


def positive(value: Any, name: str) -> np.ndarray:
    array = finite(value, name)
    _require(array, array > 0, f"{name} must be > 0")
    return array


def nonnegative(value: Any, name: str) -> np.ndarray:
    array = finite(value, name)
    _require(array, array >= 0, f"{name} must be >= 0")
    return array


def counts(value: Any, name: str) -> np.ndarray:
    """Non-negative whole numbers (floats such as 3.0 are accepted)."""
    array = nonnegative(value, name)
    _require(array, array == np.round(array), f"{name} must be whole numbers (counts)")
    return array


def binary(value: Any, name: str) -> np.ndarray:
    array = finite(value, name)
    _require(array, (array == 0) | (array == 1), f"{name} must contain only 0 and 1")
    return array


def broadcastable(**arrays: Any) -> tuple[int, ...]:
    """The common broadcast shape of the named arrays, or a ValueError naming their shapes."""
    shapes = {name: np.shape(as_numpy(a, name)) for name, a in arrays.items()}
    try:
        return np.broadcast_shapes(*shapes.values())
    except ValueError:
        described = ", ".join(f"{name} has shape {shape}" for name, shape in shapes.items())
        raise ValueError(wrap(f"shapes do not broadcast: {described}")) from None


def at_most(k: np.ndarray, n: np.ndarray) -> None:
    """Successes ``k`` never above trials ``n`` (broadcast), or a ValueError with the first."""
    k, n = np.broadcast_arrays(k, n)
    bad = k > n
    if np.any(bad):
        index = tuple(int(i) for i in np.argwhere(bad)[0])
        where = f" at index {index}" if index else ""
        raise ValueError(wrap(
            f"k must not exceed n: there cannot be more successes than trials; got "
            f"k = {k[index].item()!r} > n = {n[index].item()!r}{where}"))


def exactly_one(first: tuple[str, Any], second: tuple[str, Any]) -> None:
    given = [name for name, value in (first, second) if value is not None]
    if len(given) != 1:
        raise TypeError(wrap(f"give exactly one of {first[0]} and {second[0]}; got "
                        + (" and ".join(given) if given else "neither")))


def probability_vectors(value: Any, name: str, *, atol: float = 1e-9) -> np.ndarray:
    """Probabilities along the last axis that sum to one."""
    array = probability(value, name)
    if array.ndim == 0:
        raise ValueError(wrap(
            f"{name} must have a last axis of category probabilities; got a scalar"))
    # Tolerance grows with the rounding of the input's dtype: a float32 softmax sums to 1 only
    # to about 1e-7 per entry.
    if np.issubdtype(array.dtype, np.floating):
        atol = max(atol, 10 * float(np.finfo(array.dtype).eps))
    totals = array.sum(axis=-1, dtype=np.float64)
    _require(totals, np.abs(totals - 1) <= atol * array.shape[-1],
             f"each {name} vector (last axis) must sum to 1")
    return array


def labels(value: Any, name: str, n_categories: int, source: str | None = None) -> np.ndarray:
    """Whole-number labels below ``n_categories`` (``source`` names where that number is from)."""
    array = counts(value, name)
    bad = ~(array < n_categories)
    if np.any(bad):
        origin = f" ({source} has {n_categories} categories)" if source else ""
        raise ValueError(wrap(f"{name} must be category labels 0, ..., {n_categories - 1}; "
                              f"{_where(array, bad)}{origin}"))
    return array.astype(np.intp)

