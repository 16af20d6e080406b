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
returns a differentiable tensor.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from . import _validate as check
from ._backend import NumpyOps, ops_for

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
    data = check.binary(check.nonempty(x, "x"), "x")
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
    return ops.result(-(k * ops.softplus(-logit) + (n - k) * ops.softplus(logit)))


def binomial_loglik(k: Any, n: Any, p: Any) -> Any:
    r"""Log-likelihood of a success probability given counts ``k`` out of ``n`` trials.

    .. math:: \ell(p) = \sum_i \log\binom{n_i}{k_i} + K \log p + (N - K) \log(1 - p)

    with :math:`K = \sum_i k_i` and :math:`N = \sum_i n_i`. The binomial coefficients do not depend
    on ``p``: this curve is the Bernoulli one shifted by a constant, with the same maximiser.

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
        If ``k`` is empty, counts are not whole numbers, ``k > n``, or ``p`` is outside [0, 1].

    Examples
    --------
    >>> import numpy as np
    >>> round(float(np.exp(binomial_loglik(2, 3, 0.5))), 6)
    0.375
    """
    k_values = check.counts(check.nonempty(k, "k"), "k")
    n_values = check.counts(n, "n")
    check.broadcastable(k=k_values, n=n_values)
    k_values, n_values = np.broadcast_arrays(k_values, n_values)
    if (k_values > n_values).any():
        raise ValueError("k must not exceed n: there cannot be more successes than trials")
    check.probability(p, "p")
    numpy = NumpyOps()
    log_choose = float(np.sum(numpy.lgamma(n_values + 1.0) - numpy.lgamma(k_values + 1.0)
                              - numpy.lgamma(n_values - k_values + 1.0)))
    successes, failures = float(k_values.sum()), float((n_values - k_values).sum())
    ops = ops_for(p)
    p = ops.asarray(p)
    return ops.result(log_choose + _successes_failures(ops, successes, failures, p))


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
    data = check.observations(x, "x").ravel()
    check.finite(mu, "mu")
    check.positive(sigma, "sigma")
    check.broadcastable(mu=mu, sigma=sigma)
    n = data.size
    mean = float(data.mean())
    # sqrt(sum of squared deviations), scaled by the largest deviation before squaring: squares
    # of data on a scale beyond 1e154 would overflow, and below 1e-162 round to 0.
    deviations = data - mean
    largest = float(np.max(np.abs(deviations)))
    root_ss = largest * math.sqrt(float(np.sum((deviations / largest) ** 2))) if largest else 0.0
    ops = ops_for(mu, sigma)
    mu, sigma = ops.asarray(mu), ops.asarray(sigma)
    # Scale before squaring, so that tiny or huge sigmas neither overflow nor underflow.
    spread, offset = root_ss / sigma, (mean - mu) / sigma
    quadratic = spread * spread + n * offset * offset
    return ops.result(-n * ops.log(sigma) - 0.5 * n * LOG_2PI - 0.5 * quadratic)


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
    data = check.observations(x, "x").ravel()
    check.finite(mu, "mu")
    check.positive(b, "b")
    check.broadcastable(mu=mu, b=b)
    n = data.size
    ops = ops_for(mu, b)
    if ops.name == "torch":
        mu_t, b = ops.asarray(mu), ops.asarray(b)
        deviation_sum = ops.sum(ops.abs(ops.expand_last(mu_t) - ops.asarray(data)), axis=-1)
    else:
        mu_a, b = np.asarray(mu, dtype=np.float64), ops.asarray(b)
        deviation_sum = _absolute_deviation_sums(data, mu_a)
    return ops.result(-n * ops.log(2 * b) - deviation_sum / b)


def _absolute_deviation_sums(data: np.ndarray, centres: np.ndarray) -> np.ndarray:
    """``sum_i |data_i - c|`` for every centre ``c``, in blocks that bound the memory used."""
    flat = centres.reshape(-1)
    sums = np.empty(flat.size)
    step = max(1, _BLOCK_ELEMENTS // data.size)
    for start in range(0, flat.size, step):
        block = flat[start:start + step]
        sums[start:start + step] = np.abs(block[:, np.newaxis] - data).sum(axis=1)
    return sums.reshape(centres.shape)


def poisson_loglik(k: Any, rate: Any) -> Any:
    r"""Log-likelihood of a Poisson rate given a sample of counts.

    .. math:: \ell(\lambda) = K \log\lambda - n\lambda - \sum_i \log k_i!,
              \qquad K = \textstyle\sum_i k_i

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
        If ``k`` is empty or not whole numbers >= 0, or ``rate`` is negative or not finite.

    Examples
    --------
    >>> import numpy as np
    >>> rate = np.array([1.0, 2.0, 3.0])
    >>> float(rate[np.argmax(poisson_loglik([1, 2, 3], rate))])
    2.0
    """
    counts = check.counts(check.nonempty(k, "k"), "k").ravel()
    check.nonnegative(rate, "rate")
    numpy = NumpyOps()
    n, total = counts.size, float(counts.sum())
    log_factorials = float(np.sum(numpy.lgamma(counts + 1.0)))
    ops = ops_for(rate)
    rate = ops.asarray(rate)
    # With all counts 0 the term total * log(rate) is left out: it is 0 even at rate 0, and its
    # autograd derivative there would be 0 / 0.
    count_term = ops.xlogy(total, rate) if total > 0 else 0.0
    return ops.result(count_term - n * rate - log_factorials)


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
    data = check.nonnegative(check.nonempty(x, "x"), "x").ravel()
    check.positive(rate, "rate")
    n, total = data.size, float(data.sum())
    ops = ops_for(rate)
    rate = ops.asarray(rate)
    return ops.result(n * ops.log(rate) - rate * total)


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
        raise ValueError(f"logits must have a last axis of categories; got shape {table.shape}")
    labels = check.labels(check.nonempty(x, "x"), "x", table.shape[-1]).ravel()
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
