r"""Log-likelihoods: the data are fixed, the parameters vary.

Each ``*_loglik`` function returns :math:`\ell(\theta) = \sum_i \log p(x_i \mid \theta)` for an
i.i.d. sample. The data are treated as one flat sample, whatever their shape; the parameters
broadcast against each other, and the result has their broadcast shape. So a whole likelihood curve
or surface is one call::

    p = np.linspace(0.01, 0.99, 99)
    curve = bernoulli_loglik(flips, p)                          # shape (99,)
    surface = gaussian_loglik(x, mu[:, None], sigma[None, :])   # shape (len(mu), len(sigma))

Where a model has sufficient statistics (Bernoulli, binomial, Gaussian, Poisson, exponential,
categorical) the sum is computed from them, so the cost does not grow with the grid times the
sample size. Everything is computed in log space; nothing here multiplies probabilities.

Like :mod:`mlcourse.densities`, every function also accepts torch tensors as parameters and then
returns a differentiable tensor. The data are held fixed: a data tensor that requires grad is
refused with a ``ValueError`` (its gradient would be silently lost), so pass ``x.detach()``.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from . import _saddlepoint
from . import _validate as check
from ._backend import (
    NumpyOps,
    binary_exponent,
    difference_over,
    guard_overflow,
    log_twice,
    ops_for,
)

__all__ = [
    "bernoulli_loglik",
    "binomial_loglik",
    "categorical_loglik",
    "exponential_loglik",
    "gaussian_loglik",
    "laplace_loglik",
    "poisson_loglik",
]

LOG_2PI = math.log(2 * math.pi)
# Largest number of (parameter, observation) pairs held in memory at once by laplace_loglik.
_BLOCK_ELEMENTS = 1 << 22
# Above this many trials (or this total count) the binomial and Poisson log-likelihoods are
# computed around the maximum with Loader's deviance: the textbook sum cancels there (see
# mlcourse._saddlepoint). Below it the textbook sum is accurate to ~1e-13 and is kept.
_SADDLE_POINT_TOTAL = 1000.0


def bernoulli_loglik(x: Any, p: Any = None, *, logit: Any = None) -> Any:
    r"""Log-likelihood of a Bernoulli probability given a sample of 0/1 outcomes.

    .. math:: \ell(p) = k \log p + (n - k) \log(1 - p), \qquad k = \textstyle\sum_i x_i

    Introduced in Chapter 1 (Likelihood vs probability).

    Parameters
    ----------
    x : array_like
        The observed outcomes, each 0 or 1; at least one.
    p : array_like, optional
        Candidate probabilities in [0, 1], any shape (a grid gives a curve).
    logit : array_like, optional
        Candidate log-odds instead of ``p``; give exactly one of the two.

    Returns
    -------
    float or ndarray or torch.Tensor
        :math:`\ell` at every candidate, with the shape of ``p`` (or ``logit``). It is ``-inf``
        where the sample is impossible (``p = 0`` with a 1 in the data, ``p = 1`` with a 0).

    Raises
    ------
    ValueError
        If ``x`` is empty or not 0/1, ``p`` is outside [0, 1], or a value is not finite.

    See Also
    --------
    mlcourse.densities.bernoulli_logpmf : the log-probability of single outcomes.

    Examples
    --------
    >>> import numpy as np
    >>> round(float(np.exp(bernoulli_loglik([1, 1, 0], 0.5))), 12)
    0.125
    """
    data = check.binary(check.nonempty(check.fixed(x, "x"), "x"), "x")
    check.exactly_one(("p", p), ("logit", logit))
    n, k = data.size, float(data.sum())
    if p is not None:
        check.probability(p, "p")
        ops = ops_for(p)
        p = ops.asarray(p)
        return ops.result(_successes_failures(ops, k, n - k, p))
    check.finite(logit, "logit")
    ops = ops_for(logit)
    logit = ops.asarray(logit)
    with np.errstate(over="ignore"):  # beyond 1.8e308: -inf, truly
        return ops.result(-(k * ops.softplus(-logit) + (n - k) * ops.softplus(logit)))


def binomial_loglik(k: Any, n: Any, p: Any) -> Any:
    r"""Log-likelihood of a success probability given counts ``k`` out of ``n`` trials.

    .. math:: \ell(p) = \sum_i \log\binom{n_i}{k_i} + K \log p + (N - K) \log(1 - p)

    with :math:`K = \sum_i k_i` and :math:`N = \sum_i n_i`. The binomial coefficients do not depend
    on ``p``: this curve is the Bernoulli one shifted by a constant, with the same maximiser.
    Above 1000 trials in all it is evaluated around the maximum with Loader's deviance, so
    that it keeps its digits where the terms of the formula cancel (counts in the billions).

    Introduced in Chapter 1 (Likelihood vs probability).

    Parameters
    ----------
    k : array_like
        Observed numbers of successes (whole numbers, ``0 <= k <= n``); at least one.
    n : array_like
        Numbers of trials, broadcastable to ``k`` (a scalar when all experiments had the same size).
    p : array_like
        Candidate success probabilities in [0, 1], any shape.

    Returns
    -------
    float or ndarray or torch.Tensor
        :math:`\ell` at every candidate, with the shape of ``p``.

    Raises
    ------
    ValueError
        If ``k`` is empty, counts are not whole numbers, ``k > n``, ``p`` is outside [0, 1], or
        the total number of trials exceeds the float64 range.

    Examples
    --------
    >>> import numpy as np
    >>> round(float(np.exp(binomial_loglik(2, 3, 0.5))), 6)
    0.375
    """
    k_values = check.counts(check.nonempty(check.fixed(k, "k"), "k"), "k").astype(np.float64)
    n_values = check.counts(check.fixed(n, "n"), "n").astype(np.float64)
    check.broadcastable(k=k_values, n=n_values)
    k_values, n_values = np.broadcast_arrays(k_values, n_values)
    check.at_most(k_values, n_values)
    p_values = check.probability(p, "p").astype(np.float64)
    successes, trials = check.total(k_values, "k"), check.total(n_values, "n")
    failures = trials - successes
    ops = ops_for(p, trials)
    if trials <= _SADDLE_POINT_TOTAL or successes in (0.0, trials):
        numpy = NumpyOps()
        # With no successes or no failures every log C(n, k) is log 1 = 0 (lgamma(n + 1) would
        # overflow beyond n = 2.5e305, and inf - inf is nan).
        log_choose = 0.0 if successes in (0.0, trials) else float(np.sum(
            numpy.lgamma(n_values + 1.0) - numpy.lgamma(k_values + 1.0)
            - numpy.lgamma(n_values - k_values + 1.0)))
        return ops.result(log_choose + _successes_failures(ops, successes, failures,
                                                           ops.asarray(p)))
    # l(p) = l(p_hat) - [bd0(K, N p) + bd0(N - K, N q)] + the same at p_hat (0 but for rounding)
    p_hat = successes / trials
    at_maximum = float(np.sum(_saddlepoint.binomial_logpmf(k_values, n_values, p_hat)))
    at_maximum += float(_saddlepoint.binomial_deviance(successes, trials, p_hat))
    inside = (p_values > 0) & (p_values < 1)
    deviance = _saddlepoint.binomial_deviance(successes, trials, np.where(inside, p_values, 0.5))
    value = np.where(inside, at_maximum - deviance, -np.inf)
    if ops.name == "numpy":
        return ops.result(value)
    return ops.with_gradient_of(value, _successes_failures(ops, successes, failures,
                                                           ops.asarray(p)))


def _successes_failures(ops: Any, successes: float, failures: float, p: Any) -> Any:
    """``successes * log(p) + failures * log(1 - p)``, leaving out a term whose count is 0.

    A term with count 0 contributes 0 even where its log is -inf (``0 log 0 = 0``: a sample without
    failures has probability 1 at ``p = 1``). Leaving it out, rather than computing
    ``xlogy(0, p)``, also keeps its derivative, a ``0 / 0`` in autograd, out of a torch gradient.
    """
    total = p * 0.0
    if successes > 0:
        total = total + ops.xlogy(successes, p)
    if failures > 0:
        total = total + ops.xlog1py(failures, -p)
    return total


def gaussian_loglik(x: Any, mu: Any, sigma: Any) -> Any:
    r"""Log-likelihood of a normal mean and standard deviation given a sample.

    .. math:: \ell(\mu, \sigma) = -n \log\sigma - \frac{n}{2}\log(2\pi)
              - \frac{S + n(\bar x - \mu)^2}{2\sigma^2}

    where :math:`\bar x` is the sample mean and :math:`S = \sum_i (x_i - \bar x)^2`.

    Introduced in Chapter 1 (Likelihood vs probability).

    Parameters
    ----------
    x : array_like
        The observations; at least one, all finite.
    mu : array_like
        Candidate means.
    sigma : array_like
        Candidate standard deviations (not variances), > 0; broadcast against ``mu``.

    Returns
    -------
    float or ndarray or torch.Tensor
        :math:`\ell` with the broadcast shape of ``mu`` and ``sigma``.

    Raises
    ------
    ValueError
        If ``x`` is empty, a value is not finite, ``sigma <= 0``, or ``mu`` and ``sigma`` do not
        broadcast.

    Examples
    --------
    >>> import numpy as np
    >>> mu = np.array([0.0, 1.0, 2.0])
    >>> int(np.argmax(gaussian_loglik([0.5, 1.5, 1.0], mu, 1.0)))
    1
    """
    data = check.observations(check.fixed(x, "x"), "x").ravel().astype(np.float64)
    check.finite(mu, "mu")
    check.positive(sigma, "sigma")
    check.broadcastable(mu=mu, sigma=sigma)
    n = data.size
    # The data are divided by a power of two 2**e that brings them into (-1, 1): exact, and then
    # neither the sum for the mean nor the squares can overflow (data near 1e308) or underflow.
    e = binary_exponent(data)
    scaled = np.ldexp(data, -e)
    mean_scaled = float(scaled.mean())
    mean = float(np.ldexp(mean_scaled, e))
    # sqrt(sum of squared deviations), scaled by the largest deviation before squaring: squares
    # of data on a scale beyond 1e154 would overflow, and below 1e-162 round to 0.
    deviations = scaled - mean_scaled
    largest = float(np.max(np.abs(deviations)))
    root_ss = largest * math.sqrt(float(np.sum((deviations / largest) ** 2))) if largest else 0.0
    ops = ops_for(mu, sigma, data)

    def compute(mu: Any, sigma: Any) -> Any:
        with np.errstate(over="ignore", under="ignore", divide="ignore"):
            # sqrt(S) / sigma = root_ss / (sigma / 2**e), the digits of the unscaled formula;
            # sigma / 2**e rounds to 0 only where a non-zero ratio is beyond 1e308 anyway.
            spread = root_ss / ops.ldexp(sigma, -e) if root_ss else 0.0 * sigma
            offset = difference_over(ops, mean, mu, sigma)
            quadratic = spread * spread + n * offset * offset
            return -n * ops.log(sigma) - 0.5 * n * LOG_2PI - 0.5 * quadratic

    # Where the log-likelihood overflows to -inf, a centre at the mean and a scale of the data
    # give finite numbers for the (discarded) gradient.
    safe = {"mu": mean, "sigma": float(np.max(np.abs(data))) or 1.0}
    values = {"mu": ops.asarray(mu), "sigma": ops.asarray(sigma)}
    return ops.result(guard_overflow(ops, compute, values, safe))


def laplace_loglik(x: Any, mu: Any, b: Any) -> Any:
    r"""Log-likelihood of a Laplace location and scale given a sample.

    .. math:: \ell(\mu, b) = -n \log(2b) - \frac{1}{b}\sum_i |x_i - \mu|

    Introduced in Chapter 2 (The log trick).

    Parameters
    ----------
    x : array_like
        The observations; at least one, all finite.
    mu : array_like
        Candidate locations.
    b : array_like
        Candidate scales, > 0; broadcast against ``mu``.

    Returns
    -------
    float or ndarray or torch.Tensor
        :math:`\ell` with the broadcast shape of ``mu`` and ``b``.

    Raises
    ------
    ValueError
        If ``x`` is empty, a value is not finite, ``b <= 0``, or the shapes do not broadcast.

    Examples
    --------
    >>> import numpy as np
    >>> mu = np.array([0.0, 1.0, 5.0])
    >>> int(np.argmax(laplace_loglik([0.0, 1.0, 100.0], mu, 1.0)))
    1
    """
    data = check.observations(check.fixed(x, "x"), "x").ravel().astype(np.float64)
    mu_values = check.finite(mu, "mu").astype(np.float64)
    check.positive(b, "b")
    check.broadcastable(mu=mu, b=b)
    n = data.size
    # As in gaussian_loglik: a sum of deviations of data near 1e308 would overflow. For each
    # centre, data and centre are divided by a power of two 2**e above both (exact), the sum is
    # taken, and divided by b / 2**e.
    exponents = np.frexp(np.maximum(np.max(np.abs(data)), np.abs(mu_values)))[1]
    ops = ops_for(mu, b, data)
    b = ops.asarray(b)
    if ops.name == "torch":
        mu_t = ops.ldexp(ops.asarray(mu), -exponents)
        data_t = ops.ldexp(ops.asarray(data), -ops.expand_last(ops.asarray(exponents)))
        deviation_sum = ops.sum(ops.abs(ops.expand_last(mu_t) - data_t), axis=-1)
    else:
        deviation_sum = _absolute_deviation_sums(data, mu_values, exponents)
    with np.errstate(over="ignore", under="ignore", divide="ignore"):
        zero = deviation_sum == 0  # a zero sum stays 0 even where b / 2**e rounds to 0
        scaled_b = ops.where(zero, 1.0, ops.ldexp(b, -exponents))
        return ops.result(-n * log_twice(ops, b) - deviation_sum / scaled_b)


def _absolute_deviation_sums(data: np.ndarray, centres: np.ndarray,
                             exponents: np.ndarray) -> np.ndarray:
    """``sum_i |data_i - c| / 2**e`` for every centre ``c`` and its exponent ``e``, in blocks
    that bound the memory used."""
    flat, flat_e = centres.reshape(-1), np.broadcast_to(exponents, centres.shape).reshape(-1)
    sums = np.empty(flat.size)
    step = max(1, _BLOCK_ELEMENTS // data.size)
    with np.errstate(under="ignore"):
        for start in range(0, flat.size, step):
            block_e = flat_e[start:start + step, np.newaxis]
            block = np.ldexp(flat[start:start + step, np.newaxis], -block_e)
            sums[start:start + step] = np.abs(block - np.ldexp(data, -block_e)).sum(axis=1)
    return sums.reshape(centres.shape)


def poisson_loglik(k: Any, rate: Any) -> Any:
    r"""Log-likelihood of a Poisson rate given a sample of counts.

    .. math:: \ell(\lambda) = K \log\lambda - n\lambda - \sum_i \log k_i!,
              \qquad K = \textstyle\sum_i k_i

    Above a total count of 1000 it is evaluated around the maximum with Loader's deviance,
    which keeps the digits that the terms of this formula would cancel.

    Introduced in Chapter 2 (The log trick).

    Parameters
    ----------
    k : array_like
        Observed counts, whole numbers >= 0; at least one.
    rate : array_like
        Candidate rates, >= 0, any shape.

    Returns
    -------
    float or ndarray or torch.Tensor
        :math:`\ell` with the shape of ``rate``.

    Raises
    ------
    ValueError
        If ``k`` is empty or not whole numbers >= 0, ``rate`` is negative or not finite, or the
        total count exceeds the float64 range.

    Examples
    --------
    >>> import numpy as np
    >>> rate = np.array([1.0, 2.0, 3.0])
    >>> float(rate[np.argmax(poisson_loglik([1, 2, 3], rate))])
    2.0
    """
    counts = check.counts(check.nonempty(check.fixed(k, "k"), "k"), "k").ravel().astype(np.float64)
    rate_values = check.nonnegative(rate, "rate").astype(np.float64)
    n, total = counts.size, check.total(counts, "k")
    ops = ops_for(rate, total)
    rate_t = ops.asarray(rate)
    # With all counts 0 the term total * log(rate) is left out: it is 0 even at rate 0, and its
    # autograd derivative there would be 0 / 0.
    count_term = ops.xlogy(total, rate_t) if total > 0 else 0.0
    if total <= _SADDLE_POINT_TOTAL:
        log_factorials = float(np.sum(NumpyOps().lgamma(counts + 1.0)))
        with np.errstate(over="ignore"):  # n * rate beyond 1.8e308: -inf, truly
            return ops.result(count_term - n * rate_t - log_factorials)
    # l(rate) = l(rate_hat) - bd0(K, n rate) + bd0(K, n rate_hat), rate_hat = K / n.
    rate_hat = total / n
    at_maximum = float(np.sum(_saddlepoint.poisson_logpmf(counts, rate_hat)))
    at_maximum += float(_saddlepoint.bd0(total, *_saddlepoint.two_product(n, rate_hat)))
    positive = rate_values > 0
    safe_rate = np.where(positive, rate_values, 1.0)
    # n * rate may overflow where the result does not (bd0 is homogeneous of degree 1): both
    # arguments are divided by 2**s first, exactly, and the deviance multiplied back.
    s = np.maximum(0, np.maximum(np.frexp(total)[1],
                                 np.frexp(float(n))[1] + np.frexp(safe_rate)[1]) - 1000)
    n_rate, n_rate_low = _saddlepoint.two_product(n, np.ldexp(safe_rate, -s))
    with np.errstate(over="ignore"):
        deviance = np.ldexp(_saddlepoint.bd0(np.ldexp(total, -s), n_rate, n_rate_low), s)
    value = np.where(positive, at_maximum - deviance, -np.inf)
    if ops.name == "numpy":
        return ops.result(value)
    return ops.with_gradient_of(value, count_term - n * rate_t)


def exponential_loglik(x: Any, rate: Any) -> Any:
    r"""Log-likelihood of an exponential rate given a sample of waiting times.

    .. math:: \ell(\lambda) = n \log\lambda - \lambda \textstyle\sum_i x_i

    Introduced in Chapter 2 (The log trick).

    Parameters
    ----------
    x : array_like
        Observed waiting times, >= 0; at least one.
    rate : array_like
        Candidate rates, > 0, any shape.

    Returns
    -------
    float or ndarray or torch.Tensor
        :math:`\ell` with the shape of ``rate``.

    Raises
    ------
    ValueError
        If ``x`` is empty or negative, or ``rate <= 0``, or a value is not finite.

    Examples
    --------
    >>> import math
    >>> math.isclose(float(exponential_loglik([1.0, 3.0], 0.5)), 2 * math.log(0.5) - 2.0)
    True
    """
    data = check.nonnegative(check.nonempty(check.fixed(x, "x"), "x"), "x").ravel()
    data = data.astype(np.float64)
    check.positive(rate, "rate")
    # The sum of waiting times near 1e308 would overflow: it is kept as 2**e * (scaled sum), and
    # rate * 2**e, which is at most twice rate * sum, is formed first.
    e = binary_exponent(data)
    n, scaled_total = data.size, float(np.ldexp(data, -e).sum())
    ops = ops_for(rate, data)

    def compute(rate: Any) -> Any:
        with np.errstate(over="ignore"):
            return n * ops.log(rate) - ops.ldexp(rate, e) * scaled_total

    safe_rate = math.ldexp(1.0, -e) if e > -1000 else 1.0  # rate * sum about 1: finite
    return ops.result(guard_overflow(ops, compute, {"rate": ops.asarray(rate)},
                                     {"rate": safe_rate}))


def categorical_loglik(x: Any, probs: Any = None, *, logits: Any = None) -> Any:
    r"""Log-likelihood of category probabilities given a sample of labels.

    .. math:: \ell(\pi) = \sum_{j} c_j \log \pi_j, \qquad c_j = \#\{i : x_i = j\}

    Introduced in Chapter 2 (The log trick).

    Parameters
    ----------
    x : array_like
        Observed labels ``0, ..., K-1``; at least one.
    probs : array_like, optional
        Candidate probability vectors along the last axis (length K), each summing to 1. Leading
        axes index the candidates.
    logits : array_like, optional
        Candidate unnormalised log-probabilities instead of ``probs``, normalised with logsumexp:
        :math:`\ell = \sum_j c_j z_j - n \log\sum_m e^{z_m}`. Give exactly one of the two.

    Returns
    -------
    float or ndarray or torch.Tensor
        :math:`\ell` with shape ``probs.shape[:-1]``.

    Raises
    ------
    ValueError
        If ``x`` is empty or holds a label outside ``0, ..., K-1``, a probability vector does not
        sum to 1, or a value is not finite.

    Examples
    --------
    >>> import math
    >>> math.isclose(float(categorical_loglik([0, 2, 2], [0.5, 0.25, 0.25])),
    ...              math.log(0.5) + 2 * math.log(0.25))
    True
    """
    check.exactly_one(("probs", probs), ("logits", logits))
    table = (check.probability_vectors(probs, "probs") if probs is not None
             else check.finite(logits, "logits"))
    if table.ndim == 0 or table.shape[-1] == 0:
        raise ValueError(check.wrap(
            f"logits must have a last axis of categories; got shape {table.shape}"))
    labels = check.labels(check.nonempty(check.fixed(x, "x"), "x"), "x", table.shape[-1],
                          "probs" if probs is not None else "logits").ravel()
    category_counts = np.bincount(labels, minlength=table.shape[-1]).astype(np.float64)
    # Only the observed categories enter the sum: an unobserved one contributes 0 even where its
    # probability is 0 (and, left out, it adds no 0 / 0 to a torch gradient).
    observed = np.flatnonzero(category_counts).tolist()
    ops = ops_for(probs if probs is not None else logits)
    counts = ops.asarray(category_counts[observed])
    if probs is not None:
        log_observed = ops.log(ops.asarray(probs)[..., observed])
    else:
        # log-softmax subtracts the largest logit first; sum_j c_j z_j - n logsumexp(z) would
        # cancel in the leading digits of large logits.
        log_observed = ops.log_softmax(ops.asarray(logits))[..., observed]
    return ops.result(ops.sum(counts * log_observed, axis=-1))
