r"""Arithmetic on log-probabilities.

Probabilities of whole data sets are far smaller than the smallest float64, so the course keeps
them as logarithms. Products become sums and need nothing special; *sums* of probabilities need
:func:`logsumexp`, and a few other expressions (:math:`\log(1 + e^x)`, :math:`\log(1 - e^a)`)
need care to stay accurate at the extremes. Each function here is numerically stable over the
whole float64 range and agrees with its naive formula wherever that formula does not overflow,
underflow or cancel.

Every function also takes a torch tensor and then returns a tensor that autograd can
differentiate (computed in the tensor's floating dtype, float64 for an integer tensor), with the
same formulas and the same treatment of infinities.
"""

from __future__ import annotations

import math
import sys
import warnings
from decimal import Decimal, localcontext
from typing import Any

import numpy as np

from . import _validate as check
from ._backend import is_tensor

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
        raise ValueError(check.wrap(f"{name} contains nan at index "
                         f"{tuple(int(i) for i in np.argwhere(np.isnan(array))[0])}"))
    return array


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _tensor(value: Any) -> Any:
    """A floating-point tensor (float64 for an integer or boolean one)."""
    return value if value.is_floating_point() else value.to(sys.modules["torch"].float64)


def _axis(axis: Any, ndim: int, name: str = "a") -> int | None:
    """``axis`` as an int in ``[-ndim, ndim)``, or None; otherwise a clear error."""
    if axis is None:
        return None
    if isinstance(axis, bool) or not isinstance(axis, (int, np.integer)):
        raise TypeError(check.wrap(f"axis must be an integer or None; got {axis!r}"))
    if not -ndim <= axis < ndim:
        if ndim == 0:
            raise ValueError(check.wrap(
                f"axis must be None: {name} is a single number, with no axes; "
                             f"got axis={axis}"))
        raise ValueError(check.wrap(f"axis must be in [-{ndim}, {ndim}) for {name} with {ndim} "
                         f"dimension{'s' if ndim > 1 else ''}; got axis={axis}"))
    return int(axis)


def _logsumexp_torch(a: Any, axis: int | None, keepdims: bool) -> Any:
    """:func:`logsumexp` for a tensor: the same formula, differentiable.

    The largest term is picked with ``gather`` (not detached), so the gradient is the softmax
    also at the maximum; where every term is -inf the result is -inf with a finite gradient.
    """
    torch = sys.modules["torch"]
    if a.numel() == 0:
        shape = np.sum(np.empty(tuple(a.shape)), axis=axis, keepdims=keepdims).shape
        return torch.full(shape, -math.inf, dtype=a.dtype, device=a.device)
    work, dim = (a.reshape(-1), 0) if axis is None else (a, axis)
    index = work.detach().argmax(dim=dim, keepdim=True)
    top = work.gather(dim, index)
    finite_top = torch.isfinite(top.detach())
    shift = torch.where(finite_top, top, torch.zeros_like(top))
    shifted = torch.where(finite_top, work - shift, torch.full_like(work, -math.inf))
    others = torch.exp(shifted).scatter(dim, index, 0.0).sum(dim=dim, keepdim=True)
    result = torch.where(finite_top, top + torch.log1p(others), top)
    if axis is None:
        return result.reshape((1,) * a.dim() if keepdims else ())
    return result if keepdims else result.squeeze(dim)


def _softplus_torch(x: Any) -> Any:
    torch = sys.modules["torch"]
    positive = x > 0
    # Each branch sees only its own values, so neither sends inf or nan into the gradient.
    upper = torch.where(positive, x, torch.zeros_like(x))
    lower = torch.where(positive, torch.zeros_like(x), x)
    return torch.where(positive, upper + torch.log1p(torch.exp(-upper)),
                       torch.log1p(torch.exp(lower)))


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
    float or ndarray or torch.Tensor
        :math:`\log\sum e^{a}`; ``-inf`` if every term is ``-inf`` (or there is none), ``inf`` if
        a term is ``inf``.

    Raises
    ------
    ValueError
        If ``a`` contains nan, or ``axis`` is outside ``[-a.ndim, a.ndim)``.
    TypeError
        If ``a`` is not numbers, ``axis`` is not an integer or None, or ``keepdims`` is not a
        boolean.

    Examples
    --------
    >>> round(float(logsumexp([1000.0, 1000.0])), 6)
    1000.693147
    """
    values = _real(a, "a")
    axis = _axis(axis, values.ndim)
    keepdims = check.flag(keepdims, "keepdims")
    if is_tensor(a):
        return _logsumexp_torch(_tensor(a), axis, keepdims)
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
    float or ndarray or torch.Tensor
        ``logsumexp(a, axis) - log(n)``.

    Raises
    ------
    ValueError
        If ``a`` is empty or contains nan, or ``axis`` is outside ``[-a.ndim, a.ndim)``.
    TypeError
        If ``a`` is not numbers, or ``axis`` is not an integer or None.

    Examples
    --------
    >>> round(float(log_mean_exp([-1000.0, -1000.0])), 6)
    -1000.0
    """
    values = _real(a, "a")
    axis = _axis(axis, values.ndim)
    n = values.size if axis is None else values.shape[axis]
    if n == 0:
        raise ValueError(check.wrap("a is empty: the mean of no values is undefined"))
    return logsumexp(a if is_tensor(a) else values, axis=axis) - math.log(n)


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
    float or ndarray or torch.Tensor
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
    if is_tensor(x):
        return _softplus_torch(_tensor(x))
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
    float or ndarray or torch.Tensor
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
    values = _real(x, "x")
    return -softplus(-_tensor(x) if is_tensor(x) else -values)


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
    float or ndarray or torch.Tensor
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
        raise ValueError(check.wrap(
            f"a must be <= 0 (a log-probability); got {values[index].item()!r}"
                         + (f" at index {index}" if values.ndim else "")))
    near_zero = values > -math.log(2)
    if is_tensor(a):
        torch = sys.modules["torch"]
        t = _tensor(a)
        near = t > -math.log(2)
        a_near = torch.where(near, t, torch.full_like(t, -1.0))
        a_far = torch.where(near, torch.full_like(t, -1.0), t)
        # 0 - expm1(a), not -expm1(a): at a = 0 the log's argument is +0, so the gradient is
        # -inf (the slope of log(1 - e^a) as a rises to 0), not +inf.
        return torch.where(near, torch.log(0.0 - torch.expm1(a_near)),
                           torch.log1p(-torch.exp(a_far)))
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
    axis : int or None, default -1
        The category axis; ``None`` normalises over all the entries at once.

    Returns
    -------
    ndarray or torch.Tensor
        Log-probabilities; their exponentials sum to 1 along ``axis``.

    Raises
    ------
    ValueError
        If ``z`` is empty, a single number, or contains a value that is not finite, or ``axis``
        is outside ``[-z.ndim, z.ndim)``.
    TypeError
        If ``axis`` is not an integer or None.

    Examples
    --------
    >>> import numpy as np
    >>> np.exp(log_softmax([1000.0, 1000.0])).tolist()
    [0.5, 0.5]
    """
    values = check.finite(z, "z").astype(np.float64)
    if values.size == 0:
        raise ValueError(check.wrap("z is empty: there are no categories to normalise"))
    if values.ndim == 0:
        raise ValueError(check.wrap("z must have an axis of categories; got a single number"))
    axis = _axis(axis, values.ndim, "z")
    if is_tensor(z):
        t = _tensor(z)
        # The shift is a constant to autograd: the result does not depend on it.
        top = t.detach().amax() if axis is None else t.detach().amax(dim=axis, keepdim=True)
        shifted = t - top
        return shifted - _logsumexp_torch(shifted, axis, True)
    # Shift first: z - logsumexp(z) would cancel in the leading digits of a large z (at z = 1e17
    # every entry would come out 0), while z - max(z) is exact.
    with np.errstate(over="ignore"):  # a spread beyond 1.8e308 gives -inf: probability 0
        shifted = values - np.max(values, axis=axis, keepdims=True)
    return shifted - logsumexp(shifted, axis=axis, keepdims=True)


def log_trapezoid(log_y: Any, x: Any) -> Any:
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
    float or torch.Tensor
        The log of the integral (a 0-d tensor, differentiable in ``log_y``, if ``log_y`` is a
        tensor; the grid is taken as fixed).

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
    values, grid = _real(log_y, "log_y"), check.finite(check.fixed(x, "x"), "x").astype(np.float64)
    if values.ndim != 1 or values.shape != grid.shape:
        raise ValueError(check.wrap(f"log_y and x must be 1-D of the same length; got shapes "
                         f"{values.shape} and {grid.shape}"))
    if grid.size < 2:
        raise ValueError(check.wrap("the trapezoid rule needs at least two grid points"))
    if np.isposinf(values).any():
        raise ValueError(check.wrap("log_y contains +inf: the integral is infinite"))
    with np.errstate(over="ignore"):
        steps = np.diff(grid)
    if not np.all(steps > 0):
        raise ValueError(check.wrap("x must be strictly increasing"))
    if np.all((steps > 1e-300) & (steps < 1e300)):
        weights = np.zeros_like(grid)
        weights[:-1] += steps / 2
        weights[1:] += steps / 2
        log_weights = np.log(weights)
    else:
        # Steps beyond 1e300 (a grid over [-1e308, 1e308]) or below 1e-300: the weights are
        # formed in log space, where they can neither overflow nor round to 0.
        wide = ~np.isfinite(steps)
        log_steps = np.log(np.where(wide, 1.0, steps))
        if wide.any():
            log_steps[wide] = np.log(np.diff(grid * 0.5))[wide] + math.log(2)
        padded = np.concatenate([[-np.inf], log_steps, [-np.inf]])
        log_weights = np.logaddexp(padded[:-1], padded[1:]) - math.log(2)
    if is_tensor(log_y):
        t = _tensor(log_y)
        return _logsumexp_torch(t + sys.modules["torch"].as_tensor(log_weights, dtype=t.dtype,
                                                                   device=t.device), None,
                                False)
    return float(logsumexp(values + log_weights))


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
        raise ValueError(check.wrap(
            f"p must be a single probability; got an array of shape {array.shape}"))
    value = float(array)
    if not 0 < value < 1:
        raise ValueError(check.wrap(
            f"p must be strictly between 0 and 1 for p**n to shrink; got {p!r}"))
    if dtype is None:
        raise ValueError(check.wrap(
            "dtype must be a floating-point type such as np.float32; got None"))
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # numpy 2 deprecates some aliases ('a')
            dtype = np.dtype(dtype)
    except (TypeError, ValueError):
        raise ValueError(check.wrap(f"dtype must be a floating-point type such as np.float32; "
                         f"got {_short(dtype)}")) from None
    if not np.issubdtype(dtype, np.floating):
        raise ValueError(check.wrap(f"dtype must be a floating-point type; got {dtype}"))
    rounded = dtype.type(value)
    if rounded == 1:
        raise ValueError(check.wrap(f"p = {p!r} rounds to 1 in {dtype}; its powers never shrink"))
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
