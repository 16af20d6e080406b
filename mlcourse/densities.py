"""Log-probabilities of single observations: the *probability* reading of a model.

Each function evaluates ``log p(x | parameters)`` elementwise and broadcasts all of its arguments
together, like ``scipy.stats``. Data outside a model's support (a Bernoulli outcome of 2, a negative
waiting time) and parameters outside their range raise a ``ValueError``; a probability of exactly
zero at a boundary parameter is returned as ``-inf``, its true logarithm.

All functions take numpy arrays (computed in float64) or torch tensors (computed in the tensor's
dtype, differentiable by autograd; in float64 where a plain number such as ``sigma=1e-300`` lies
beyond the tensor's range). At a boundary parameter the gradient is the one-sided derivative
(``d/dp log p(0 | p) = -1`` at ``p = 0``), never nan. The sums over a data set, with the
parameters as the variable, live in :mod:`mlcourse.likelihood`.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from . import _saddlepoint
from . import _validate as check
from ._backend import difference_over, guard_overflow, log_twice, ops_for

__all__ = [
    "bernoulli_logpmf",
    "binomial_logpmf",
    "categorical_logpmf",
    "exponential_logpdf",
    "gaussian_logpdf",
    "laplace_logpdf",
    "poisson_logpmf",
]

LOG_2PI = math.log(2 * math.pi)


def bernoulli_logpmf(x: Any, p: Any = None, *, logit: Any = None) -> Any:
    r"""Log-probability of a 0/1 outcome under Bernoulli(p).

    .. math:: \log p(x \mid p) = x \log p + (1 - x) \log(1 - p)

    Introduced in Chapter 1 (Likelihood vs probability).

    Parameters
    ----------
    x : array_like
        Outcomes, each 0 or 1 (booleans are accepted).
    p : array_like, optional
        Probability of a 1, in [0, 1]. Give exactly one of ``p`` and ``logit``.
    logit : array_like, optional
        Log-odds ``log(p / (1 - p))``, any finite real number. The result is computed as
        ``-softplus(-logit)`` for a 1 and ``-softplus(logit)`` for a 0, which stays accurate
        where ``p`` itself would round to 0 or 1.

    Returns
    -------
    ndarray or float or torch.Tensor
        ``log p(x)``, broadcast over all arguments; ``-inf`` where ``p`` is 0 and ``x`` is 1
        (or ``p`` is 1 and ``x`` is 0).

    Raises
    ------
    ValueError
        If ``x`` is not 0/1, ``p`` is outside [0, 1], a value is not finite, or the shapes do not
        broadcast.

    Examples
    --------
    >>> import numpy as np
    >>> float(np.exp(bernoulli_logpmf(1, 0.25)))
    0.25
    """
    check.binary(x, "x")
    check.exactly_one(("p", p), ("logit", logit))
    if p is not None:
        check.probability(p, "p")
        check.broadcastable(x=x, p=p)
        ops = ops_for(p, x)
        x, p = ops.asarray(x), ops.asarray(p)
        return ops.result(_successes_failures(ops, x, 1 - x, p))
    check.finite(logit, "logit")
    check.broadcastable(x=x, logit=logit)
    ops = ops_for(logit, x)
    x, logit = ops.asarray(x), ops.asarray(logit)
    return ops.result(-(x * ops.softplus(-logit) + (1 - x) * ops.softplus(logit)))


def binomial_logpmf(k: Any, n: Any, p: Any) -> Any:
    r"""Log-probability of ``k`` successes in ``n`` independent trials of success probability ``p``.

    .. math:: \log p(k \mid n, p) = \log\binom{n}{k} + k \log p + (n - k) \log(1 - p)

    This is the probability of the *count*; the probability of one particular sequence with
    ``k`` successes lacks the :math:`\binom{n}{k}` term (see :func:`bernoulli_logpmf`).

    The formula above adds terms of size :math:`n \log n` to get a result of size
    :math:`\log\sqrt n`, and loses all its digits by :math:`n = 10^{16}`. It is evaluated
    instead with Loader's saddle-point algorithm (as R's ``dbinom``), accurate to about
    :math:`10^{-15}` of the result for every count up to :math:`10^{16}` and beyond.

    Introduced in Chapter 1 (Likelihood vs probability).

    Parameters
    ----------
    k : array_like
        Numbers of successes, whole numbers with ``0 <= k <= n``.
    n : array_like
        Numbers of trials, whole numbers.
    p : array_like
        Success probability in [0, 1].

    Returns
    -------
    ndarray or float or torch.Tensor
        ``log p(k)``, broadcast over all arguments.

    Raises
    ------
    ValueError
        If ``k`` or ``n`` are not whole numbers, ``k > n``, ``p`` is outside [0, 1], or the
        shapes do not broadcast.

    Examples
    --------
    >>> import numpy as np
    >>> round(float(np.exp(binomial_logpmf(2, 3, 0.5))), 6)
    0.375
    """
    k_values, n_values = check.counts(k, "k"), check.counts(n, "n")
    check.probability(p, "p")
    check.broadcastable(k=k, n=n, p=p)
    check.at_most(k_values, n_values)
    ops = ops_for(p, k, n)
    value = _saddlepoint.binomial_logpmf(k_values, n_values, check.as_numpy(p, "p"))
    if ops.name == "numpy":
        return ops.result(value)
    k, n, p = ops.asarray(k), ops.asarray(n), ops.asarray(p)
    return ops.with_gradient_of(value, _successes_failures(ops, k, n - k, p))


def _successes_failures(ops: Any, successes: Any, failures: Any, p: Any) -> Any:
    """``successes * log(p) + failures * log(1 - p)`` with ``0 log 0 = 0``, elementwise.

    Where a count is 0 its log is taken at a harmless point instead (``p = 1`` for the successes,
    ``p = 0`` for the failures): the value is the same 0, and a torch gradient gets that term's
    true derivative, 0, instead of ``0 / 0`` (so ``d/dp log p(0 | p)`` at ``p = 0`` is -1).
    """
    p_successes = ops.where(successes == 0, 1.0, p)
    p_failures = ops.where(failures == 0, 0.0, p)
    return ops.xlogy(successes, p_successes) + ops.xlog1py(failures, -p_failures)


def gaussian_logpdf(x: Any, mu: Any, sigma: Any) -> Any:
    r"""Log-density of the normal distribution :math:`\mathcal{N}(\mu, \sigma^2)` at ``x``.

    .. math:: \log p(x \mid \mu, \sigma) = -\log\sigma - \tfrac12\log(2\pi)
              - \frac{(x - \mu)^2}{2\sigma^2}

    Introduced in Chapter 1 (Likelihood vs probability).

    Parameters
    ----------
    x : array_like
        Points at which to evaluate the density.
    mu : array_like
        Mean.
    sigma : array_like
        Standard deviation (not the variance), > 0.

    Returns
    -------
    ndarray or float or torch.Tensor
        ``log p(x)``, broadcast over all arguments. A density, so it can be positive.

    Raises
    ------
    ValueError
        If ``sigma <= 0``, a value is not finite, or the shapes do not broadcast.

    Examples
    --------
    >>> round(float(gaussian_logpdf(0.0, 0.0, 1.0)), 6)
    -0.918939
    """
    check.finite(x, "x")
    check.finite(mu, "mu")
    check.positive(sigma, "sigma")
    check.broadcastable(x=x, mu=mu, sigma=sigma)
    ops = ops_for(mu, sigma, x)
    def compute(x: Any, mu: Any, sigma: Any) -> Any:
        z = difference_over(ops, x, mu, sigma)
        with np.errstate(over="ignore"):  # beyond 1e154 standard deviations: -inf, truly
            return -0.5 * z * z - ops.log(sigma) - 0.5 * LOG_2PI

    values = {"x": ops.asarray(x), "mu": ops.asarray(mu), "sigma": ops.asarray(sigma)}
    return ops.result(guard_overflow(ops, compute, values, {"x": 0.0, "mu": 0.0, "sigma": 1.0}))


def laplace_logpdf(x: Any, mu: Any, b: Any) -> Any:
    r"""Log-density of the Laplace distribution with location ``mu`` and scale ``b``.

    .. math:: \log p(x \mid \mu, b) = -\log(2b) - \frac{|x - \mu|}{b}

    Introduced in Chapter 2 (The log trick).

    Parameters
    ----------
    x : array_like
        Points at which to evaluate the density.
    mu : array_like
        Location (the median).
    b : array_like
        Scale, > 0; the standard deviation is ``b * sqrt(2)``.

    Returns
    -------
    ndarray or float or torch.Tensor
        ``log p(x)``, broadcast over all arguments.

    Raises
    ------
    ValueError
        If ``b <= 0``, a value is not finite, or the shapes do not broadcast.

    Examples
    --------
    >>> import numpy as np
    >>> float(np.exp(laplace_logpdf(0.0, 0.0, 0.5)))
    1.0
    """
    check.finite(x, "x")
    check.finite(mu, "mu")
    check.positive(b, "b")
    check.broadcastable(x=x, mu=mu, b=b)
    ops = ops_for(mu, b, x)
    def compute(x: Any, mu: Any, b: Any) -> Any:
        return -log_twice(ops, b) - ops.abs(difference_over(ops, x, mu, b))

    values = {"x": ops.asarray(x), "mu": ops.asarray(mu), "b": ops.asarray(b)}
    return ops.result(guard_overflow(ops, compute, values, {"x": 0.0, "mu": 0.0, "b": 1.0}))


def poisson_logpmf(k: Any, rate: Any) -> Any:
    r"""Log-probability of the count ``k`` under Poisson(rate).

    .. math:: \log p(k \mid \lambda) = k \log\lambda - \lambda - \log k!

    Evaluated with Loader's saddle-point algorithm (as R's ``dpois``), which keeps about 15
    digits of the result at every count, where the formula's terms would cancel.

    Introduced in Chapter 2 (The log trick).

    Parameters
    ----------
    k : array_like
        Counts, whole numbers >= 0.
    rate : array_like
        Mean count :math:`\lambda`, >= 0 (a rate of 0 gives probability 1 to ``k = 0``).

    Returns
    -------
    ndarray or float or torch.Tensor
        ``log p(k)``, broadcast over all arguments.

    Raises
    ------
    ValueError
        If ``k`` is not a whole number >= 0, ``rate < 0``, a value is not finite, or the shapes
        do not broadcast.

    Examples
    --------
    >>> import math
    >>> math.isclose(float(poisson_logpmf(0, 2.0)), -2.0)
    True
    """
    check.counts(k, "k")
    check.nonnegative(rate, "rate")
    check.broadcastable(k=k, rate=rate)
    ops = ops_for(rate, k)
    value = _saddlepoint.poisson_logpmf(check.as_numpy(k, "k"), check.as_numpy(rate, "rate"))
    if ops.name == "numpy":
        return ops.result(value)
    k, rate = ops.asarray(k), ops.asarray(rate)
    # The same derivative as k log(rate) - rate; the log is taken at 1 where k = 0.
    return ops.with_gradient_of(value, ops.xlogy(k, ops.where(k == 0, 1.0, rate)) - rate)


def exponential_logpdf(x: Any, rate: Any) -> Any:
    r"""Log-density of the exponential distribution with rate :math:`\lambda` (mean 1/rate).

    .. math:: \log p(x \mid \lambda) = \log\lambda - \lambda x, \qquad x \ge 0

    Introduced in Chapter 2 (The log trick).

    Parameters
    ----------
    x : array_like
        Waiting times, >= 0.
    rate : array_like
        Rate :math:`\lambda` > 0. (``scipy.stats.expon`` takes ``scale = 1 / rate``.)

    Returns
    -------
    ndarray or float or torch.Tensor
        ``log p(x)``, broadcast over all arguments.

    Raises
    ------
    ValueError
        If ``x < 0``, ``rate <= 0``, a value is not finite, or the shapes do not broadcast.

    Examples
    --------
    >>> import math
    >>> math.isclose(float(exponential_logpdf(1.0, 2.0)), math.log(2) - 2)
    True
    """
    check.nonnegative(x, "x")
    check.positive(rate, "rate")
    check.broadcastable(x=x, rate=rate)
    ops = ops_for(rate, x)
    def compute(x: Any, rate: Any) -> Any:
        with np.errstate(over="ignore"):  # rate * x beyond 1.8e308: -inf, truly
            return ops.log(rate) - rate * x

    values = {"x": ops.asarray(x), "rate": ops.asarray(rate)}
    return ops.result(guard_overflow(ops, compute, values, {"x": 0.0, "rate": 1.0}))


def categorical_logpmf(x: Any, probs: Any = None, *, logits: Any = None) -> Any:
    r"""Log-probability of the category label ``x`` under a categorical distribution.

    .. math:: \log p(x = j \mid \pi) = \log \pi_j,
              \qquad \log \pi_j = z_j - \log\textstyle\sum_m e^{z_m} \text{ from logits } z

    Introduced in Chapter 2 (The log trick).

    Parameters
    ----------
    x : array_like
        Labels ``0, ..., K-1``.
    probs : array_like, optional
        Category probabilities along the last axis (length K), each vector summing to 1.
    logits : array_like, optional
        Unnormalised log-probabilities along the last axis; normalised with logsumexp, so any
        finite values work. Give exactly one of ``probs`` and ``logits``.

    Returns
    -------
    ndarray or float or torch.Tensor
        ``log p(x)`` with shape ``broadcast(x.shape, probs.shape[:-1])``.

    Raises
    ------
    ValueError
        If a label is not one of ``0, ..., K-1``, a probability vector does not sum to 1, a value
        is not finite, or the shapes do not broadcast.

    Examples
    --------
    >>> import numpy as np
    >>> float(np.exp(categorical_logpmf(2, [0.2, 0.3, 0.5])))
    0.5
    """
    check.exactly_one(("probs", probs), ("logits", logits))
    name = "probs" if probs is not None else "logits"
    if probs is not None:
        table = check.probability_vectors(probs, "probs")
    else:
        table = check.finite(logits, "logits")
        if table.ndim == 0 or table.shape[-1] == 0:
            raise ValueError(check.wrap(
                f"logits must have a last axis of categories; got shape {table.shape}"))
    labels = check.labels(x, "x", table.shape[-1], name)
    try:
        np.broadcast_shapes(labels.shape, table.shape[:-1])
    except ValueError:
        raise ValueError(check.wrap(
            f"shapes do not broadcast: x has shape {labels.shape}, {name} has shape "
                         f"{table.shape} (shape {table.shape[:-1]} before its category axis)")
                         ) from None
    ops = ops_for(probs if probs is not None else logits)
    if probs is not None:
        # Pick, then take the log: the log of an unpicked zero would put 0 * inf in a gradient.
        return ops.result(ops.log(ops.take_last(ops.asarray(probs), labels)))
    return ops.result(ops.take_last(ops.log_softmax(ops.asarray(logits)), labels))
