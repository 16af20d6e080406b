"""Input checks shared by every public function.

Each check raises ``ValueError`` (or ``TypeError`` for non-numbers) with a message that names the
argument, the rule it broke, and the first offending value with its position, so that a learner
sees what is wrong instead of a NaN three cells later.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ._backend import is_tensor


def as_numpy(value: Any, name: str) -> np.ndarray:
    """A real-valued numpy view of ``value`` (tensors are detached), or a TypeError."""
    if is_tensor(value):
        value = value.detach().cpu().numpy()
    try:
        array = np.asarray(value)
    except (TypeError, ValueError) as error:  # ragged nested lists
        raise TypeError(f"{name} must be an array of numbers; {error}") from None
    if array.dtype == bool:
        return array.astype(np.float64)
    if not (np.issubdtype(array.dtype, np.integer) or np.issubdtype(array.dtype, np.floating)):
        if not array.size:
            raise TypeError(f"{name} must be real numbers; got an array of dtype {array.dtype}")
        first = array.flat[0]  # a numpy scalar, or for an object array the object itself
        first = first.item() if isinstance(first, np.generic) else first
        raise TypeError(f"{name} must be real numbers; got an array of dtype {array.dtype} "
                        f"(first value {first!r})")
    return array


def _where(array: np.ndarray, bad: np.ndarray) -> str:
    index = np.argwhere(bad)[0]
    value = array[tuple(index)].item()
    if array.ndim == 0:
        return f"got {value!r}"
    return f"got {value!r} at index {tuple(int(i) for i in index)}"


def _require(array: np.ndarray, ok: np.ndarray, message: str) -> None:
    bad = ~ok
    if np.any(bad):
        raise ValueError(f"{message}; {_where(array, bad)}")


def finite(value: Any, name: str) -> np.ndarray:
    array = as_numpy(value, name)
    _require(array, np.isfinite(array), f"{name} must be finite (no nan or inf)")
    return array


def nonempty(value: Any, name: str) -> np.ndarray:
    array = as_numpy(value, name)
    if array.size == 0:
        raise ValueError(f"{name} is empty: a likelihood needs at least one observation")
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
        raise ValueError(f"shapes do not broadcast: {described}") from None


def exactly_one(first: tuple[str, Any], second: tuple[str, Any]) -> None:
    given = [name for name, value in (first, second) if value is not None]
    if len(given) != 1:
        raise TypeError(f"give exactly one of {first[0]} and {second[0]}; got "
                        + (" and ".join(given) if given else "neither"))


def probability_vectors(value: Any, name: str, *, atol: float = 1e-9) -> np.ndarray:
    """Probabilities along the last axis that sum to one."""
    array = probability(value, name)
    if array.ndim == 0:
        raise ValueError(f"{name} must have a last axis of category probabilities; got a scalar")
    # Tolerance grows with the rounding of the input's dtype: a float32 softmax sums to 1 only
    # to about 1e-7 per entry.
    if np.issubdtype(array.dtype, np.floating):
        atol = max(atol, 10 * float(np.finfo(array.dtype).eps))
    totals = array.sum(axis=-1, dtype=np.float64)
    _require(totals, np.abs(totals - 1) <= atol * array.shape[-1],
             f"each {name} vector (last axis) must sum to 1")
    return array


def labels(value: Any, name: str, n_categories: int) -> np.ndarray:
    array = counts(value, name)
    _require(array, array < n_categories,
             f"{name} must be category labels 0, ..., {n_categories - 1}")
    return array.astype(np.intp)

