r"""Arithmetic on log-probabilities.

Probabilities of whole data sets are far smaller than the smallest float64, so the course keeps
them as logarithms. Products become sums and need nothing special; *sums* of probabilities need
:func:`logsumexp`, and a few other expressions (:math:`\log(1 + e^x)`, :math:`\log(1 - e^a)`)
need care to stay accurate at the extremes. Each function here is numerically stable over the
whole float64 range and agrees with its naive formula wherever that formula does not overflow,
underflow or cancel.
"""

from __future__ import annotations

import math
from decimal import Decimal, localcontext
from typing import Any

import numpy as np

from . import _validate as check

__all__ = [
    "log1mexp",
    "log_mean_exp",
    "log_sigmoid",
    "log_softmax",
    "log_trapezoid",
    "logsumexp",
    "softplus",
    "underflow_length",
]


def _real(value: Any, name: str) -> np.ndarray:
    """float64 values that may be +-inf but never nan."""
    array = check.as_numpy(value, name).astype(np.float64)
    if np.isnan(array).any():
        raise ValueError(f"{name} contains nan at index "
                         f"{tuple(int(i) for i in np.argwhere(np.isnan(array))[0])}")
    return array


def logsumexp(a: Any, axis: int | None = None, *, keepdims: bool = False) -> Any:
    r"""The logarithm of a sum of exponentials, :math:`\log \sum_i e^{a_i}`, without overflow.

    Shifting by the largest term :math:`m` gives
    :math:`\log\sum_i e^{a_i} = m + \log\sum_i e^{a_i - m}`, where every exponent is at most 0
    and the largest term is exactly 1, so the sum can neither overflow nor underflow to 0.

    Introduced in Chapter 2 (The log trick).

    Parameters
    ----------
    a : array_like
        Log-values (for instance log-probabilities); ``-inf`` stands for a term that is 0.
    axis : int, optional
        Axis to sum over; by default all entries.
    keepdims : bool, default False
        Keep the summed axis with length 1, for broadcasting against ``a``.

    Returns
    -------
    float or ndarray
        :math:`\log\sum e^{a}`; ``-inf`` if every term is ``-inf`` (or there is none), ``inf`` if
        a term is ``inf``.

    Raises
    ------
    ValueError
        If ``a`` contains nan.

    Examples
    --------
    >>> round(float(logsumexp([1000.0, 1000.0])), 6)
    1000.693147
    """
    values = _real(a, "a")
    if values.size == 0:
        shape = np.sum(values, axis=axis, keepdims=keepdims).shape
        result = np.full(shape, -np.inf)
        return result[()] if result.ndim == 0 else result
    work, work_axis = (values.reshape(-1), 0) if axis is None else (values, axis)
    top = np.max(work, axis=work_axis, keepdims=True)
    finite_top = np.isfinite(top)
    # A shift of -inf (all terms zero) or +inf (an infinite term) would give inf - inf; those
    # two cases are answered by ``top`` itself below.
    shift = np.where(finite_top, top, 0.0)
    # a - m may overflow to -inf for a far below m (e.g. -1e308 - 1e308): its term is 0, as it
    # should be. Where top is +inf, e^a may overflow too; that result is discarded.
    with np.errstate(over="ignore"):
        terms = np.exp(work - shift)
    # The largest term is exactly e^0 = 1. Summing the others and taking log1p keeps the digits of
    # a sum 1 + (tiny) that log(1 + tiny) would round away.
    np.put_along_axis(terms, np.argmax(work, axis=work_axis, keepdims=True), 0.0, axis=work_axis)
    others = np.sum(terms, axis=work_axis, keepdims=True)
    result = np.where(finite_top, top + np.log1p(others), top)
    if axis is None:
        result = result.reshape((1,) * values.ndim if keepdims else ())
    elif not keepdims:
        result = np.squeeze(result, axis=axis)
    return result[()] if result.ndim == 0 else result


def log_mean_exp(a: Any, axis: int | None = None) -> Any:
    r"""The logarithm of a mean of exponentials, :math:`\log \frac1n \sum_i e^{a_i}`.

    Introduced in Chapter 2 (The log trick).

    Parameters
    ----------
    a : array_like
        Log-values; at least one along ``axis``.
    axis : int, optional
        Axis to average over; by default all entries.

    Returns
    -------
    float or ndarray
        ``logsumexp(a, axis) - log(n)``.

    Raises
    ------
    ValueError
        If ``a`` is empty or contains nan.

    Examples
    --------
    >>> round(float(log_mean_exp([-1000.0, -1000.0])), 6)
    -1000.0
    """
    values = _real(a, "a")
    n = values.size if axis is None else values.shape[axis]
    if n == 0:
        raise ValueError("a is empty: the mean of no values is undefined")
    return logsumexp(values, axis=axis) - math.log(n)


def softplus(x: Any) -> Any:
    r"""The softplus function :math:`\log(1 + e^x)`, accurate for every real ``x``.

    It is :math:`-\log(1 - p)` for the probability :math:`p = \sigma(x)` with log-odds ``x``, and
    :math:`-\log p` at ``-x``. For large ``x`` it is ``x`` plus a tiny correction, for very
    negative ``x`` it is :math:`e^x`; the naive formula overflows in the first case and rounds
    to 0 in the second.

    Introduced in Chapter 2 (The log trick).

    Parameters
    ----------
    x : array_like
        Real numbers (``inf`` and ``-inf`` allowed).

    Returns
    -------
    float or ndarray
        :math:`\log(1 + e^x)`, elementwise.

    Raises
    ------
    ValueError
        If ``x`` contains nan.

    Examples
    --------
    >>> float(softplus(1000.0))
    1000.0
    >>> float(softplus(-700.0)) > 0  # log(1 + exp(-700.0)) rounds to 0
    True
    """
    values = _real(x, "x")
    # Where x > 0: x + log1p(exp(-x)); else log1p(exp(x)). Both exponents are <= 0.
    result = np.maximum(values, 0.0) + np.log1p(np.exp(-np.abs(values)))
    return result[()] if result.ndim == 0 else result


def log_sigmoid(x: Any) -> Any:
    r"""The log of the logistic sigmoid, :math:`\log \sigma(x) = -\operatorname{softplus}(-x)`.

    Introduced in Chapter 2 (The log trick).

    Parameters
    ----------
    x : array_like
        Log-odds.

    Returns
    -------
    float or ndarray
        :math:`\log(1 / (1 + e^{-x}))`, elementwise; about ``x`` for very negative ``x``,
        where the sigmoid itself underflows to 0.

    Raises
    ------
    ValueError
        If ``x`` contains nan.

    Examples
    --------
    >>> float(log_sigmoid(-1000.0))
    -1000.0
    """
    return -softplus(-_real(x, "x"))


def log1mexp(a: Any) -> Any:
    r"""The log of one minus an exponential, :math:`\log(1 - e^{a})` for :math:`a \le 0`.

    This turns a log-probability :math:`\log p` into :math:`\log(1 - p)` without leaving log
    space. Following Mächler (2012) it uses ``log(-expm1(a))`` for ``a > -log 2`` and
    ``log1p(-exp(a))`` otherwise, so that neither the tiny nor the nearly-one case cancels.

    Introduced in Chapter 2 (The log trick).

    Parameters
    ----------
    a : array_like
        Log-probabilities, <= 0 (``-inf`` allowed, giving 0).

    Returns
    -------
    float or ndarray
        :math:`\log(1 - e^{a})`, elementwise; ``-inf`` at ``a = 0``.

    Raises
    ------
    ValueError
        If ``a`` contains nan or a positive value (``e^a > 1`` is not a probability).

    Examples
    --------
    >>> float(log1mexp(-1e-20))
    -46.051701859880914
    """
    values = _real(a, "a")
    if (values > 0).any():
        index = tuple(int(i) for i in np.argwhere(values > 0)[0])
        raise ValueError(f"a must be <= 0 (a log-probability); got {values[index].item()!r}"
                         + (f" at index {index}" if values.ndim else ""))
    near_zero = values > -math.log(2)
    with np.errstate(divide="ignore"):
        result = np.where(near_zero, np.log(-np.expm1(np.where(near_zero, values, -1.0))),
                          np.log1p(-np.exp(np.where(near_zero, -1.0, values))))
    return result[()] if result.ndim == 0 else result


def log_softmax(z: Any, axis: int = -1) -> Any:
    r"""Normalised log-probabilities from logits: :math:`z_j - \log\sum_m e^{z_m}`.

    Introduced in Chapter 2 (The log trick).

    Parameters
    ----------
    z : array_like
        Logits (finite), with the categories along ``axis``.
    axis : int, default -1
        The category axis.

    Returns
    -------
    ndarray
        Log-probabilities; their exponentials sum to 1 along ``axis``.

    Raises
    ------
    ValueError
        If ``z`` is empty or contains a value that is not finite.

    Examples
    --------
    >>> import numpy as np
    >>> np.exp(log_softmax([1000.0, 1000.0])).tolist()
    [0.5, 0.5]
    """
    values = check.finite(z, "z").astype(np.float64)
    if values.size == 0:
        raise ValueError("z is empty: there are no categories to normalise")
    # Shift first: z - logsumexp(z) would cancel in the leading digits of a large z (at z = 1e17
    # every entry would come out 0), while z - max(z) is exact.
    shifted = values - np.max(values, axis=axis, keepdims=True)
    return shifted - logsumexp(shifted, axis=axis, keepdims=True)


def log_trapezoid(log_y: Any, x: Any) -> float:
    r"""The log of the trapezoid-rule integral of :math:`y = e^{\log y}` over the grid ``x``.

    .. math:: \log \int y \, dx \approx \log \sum_i w_i e^{\log y_i}
              = \operatorname{logsumexp}(\log y_i + \log w_i)

    with the trapezoid weights :math:`w_i`. Use it to integrate a likelihood whose values are far
    below the smallest float64: the integral is computed without ever leaving log space.

    Introduced in Chapter 1 (Likelihood vs probability).

    Parameters
    ----------
    log_y : array_like
        Log of the integrand at the grid points (``-inf`` where it is 0), shape ``(m,)``.
    x : array_like
        Strictly increasing grid, shape ``(m,)`` with ``m >= 2``.

    Returns
    -------
    float
        The log of the integral.

    Raises
    ------
    ValueError
        If the shapes differ, there are fewer than two points, ``x`` is not strictly increasing
        and finite, or ``log_y`` contains nan or ``+inf``.

    Examples
    --------
    >>> import numpy as np
    >>> x = np.linspace(0.0, 1.0, 101)
    >>> round(float(np.exp(log_trapezoid(np.zeros_like(x), x))), 12)
    1.0
    """
    values, grid = _real(log_y, "log_y"), check.finite(x, "x").astype(np.float64)
    if values.ndim != 1 or values.shape != grid.shape:
        raise ValueError(f"log_y and x must be 1-D of the same length; got shapes "
                         f"{values.shape} and {grid.shape}")
    if grid.size < 2:
        raise ValueError("the trapezoid rule needs at least two grid points")
    if not np.all(np.diff(grid) > 0):
        raise ValueError("x must be strictly increasing")
    if np.isposinf(values).any():
        raise ValueError("log_y contains +inf: the integral is infinite")
    steps = np.diff(grid)
    weights = np.zeros_like(grid)
    weights[:-1] += steps / 2
    weights[1:] += steps / 2
    return float(logsumexp(values + np.log(weights)))


def underflow_length(p: float, dtype: Any = np.float64) -> int:
    r"""The smallest ``n`` for which :math:`p^n`, rounded to ``dtype``, is exactly 0.

    A power :math:`p^n` rounds to 0 once it is at most half the smallest positive (subnormal)
    number :math:`s` of the format (exactly :math:`s/2` is a tie, which round-to-nearest-even
    sends to 0), so the answer is the smallest ``n`` with :math:`p^n \le s / 2`, about
    :math:`\log(s/2) / \log p`. It is decided exactly for the value ``p`` has in ``dtype``: a
    power of two in integer arithmetic, any other value with logarithms carried to as many digits
    as it takes to be sure, never with floating-point logarithms.

    Introduced in Chapter 2 (The log trick).

    Parameters
    ----------
    p : float
        A probability strictly between 0 and 1.
    dtype : numpy floating dtype, default ``np.float64``
        The format, for instance ``np.float32``.

    Returns
    -------
    int
        The smallest ``n`` with ``p**n == 0`` in ``dtype`` under round-to-nearest (1 if ``p``
        itself rounds to 0 in ``dtype``).

    Raises
    ------
    ValueError
        If ``p`` is not a single number strictly between 0 and 1 (or rounds to 1 in ``dtype``),
        or ``dtype`` is not a floating-point type.

    Notes
    -----
    A *running* product ``p * p * ... * p``, rounded after every factor, is a different story:
    for ``p > 1/2`` it stops shrinking at a few multiples of :math:`s` and never reaches 0, because
    rounding a product of the smallest subnormals brings it back up. Chapter 2 shows both.

    Examples
    --------
    >>> import numpy as np
    >>> underflow_length(0.5, np.float32)
    150
    """
    array = check.probability(p, "p")
    if array.ndim != 0:
        raise ValueError(f"p must be a single probability; got an array of shape {array.shape}")
    value = float(array)
    if not 0 < value < 1:
        raise ValueError(f"p must be strictly between 0 and 1 for p**n to shrink; got {p!r}")
    try:
        dtype = np.dtype(dtype)
    except TypeError:
        raise ValueError(f"dtype must be a floating-point type; got {dtype!r}") from None
    if not np.issubdtype(dtype, np.floating):
        raise ValueError(f"dtype must be a floating-point type; got {dtype}")
    rounded = dtype.type(value)
    if rounded == 1:
        raise ValueError(f"p = {p!r} rounds to 1 in {dtype}; its powers never shrink")
    if rounded == 0:
        return 1
    # p = odd / 2**d exactly, and s / 2 = 2**-t, so p**n <= s / 2 iff n * (d - log2(odd)) >= t.
    odd, denominator = (int(part) for part in rounded.as_integer_ratio())
    d = denominator.bit_length() - 1
    t = int(np.finfo(dtype).smallest_subnormal.as_integer_ratio()[1]).bit_length()
    if odd == 1:  # a power of two: p**n can equal s / 2, and that tie rounds to 0
        return -(-t // d)
    # log2(odd) is irrational, so n * (d - log2(odd)) never equals t: the answer is
    # floor(x) + 1 with x = t / -log2(p). Compute x in decimal arithmetic, where every operation is
    # correctly rounded, and add digits until x is provably not within rounding of an integer.
    digits = 60
    while True:
        with localcontext() as context:
            context.prec = digits
            log_2, log_odd = Decimal(2).ln(), Decimal(odd).ln()
            minus_log_p = d * log_2 - log_odd
            x = t * log_2 / minus_log_p
            # Relative error of each operation <= 10**(1 - digits); the subtraction magnifies it
            # by (d log 2 + log odd) / -log p. The bound below is generous by a factor of 100.
            error = x * ((d * log_2 + log_odd) / minus_log_p + 10) * Decimal(10) ** (3 - digits)
            whole = int(x)  # x > 0, so this is floor(x)
            if error < x - whole < 1 - error:
                return whole + 1
        digits *= 2
