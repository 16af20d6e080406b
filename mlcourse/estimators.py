r"""Closed-form maximum-likelihood estimates.

For these models the score equation :math:`\partial \ell / \partial \theta = 0` can be solved by
hand, and the solution is a simple statistic of the data: a fraction, a mean, a median. Each
function here returns that statistic; :func:`mlcourse.fit_mle` finds the same numbers by
optimisation, which is how the course checks both. The estimates are plain floats: a data tensor
that requires grad is refused with a ``ValueError`` rather than silently detached.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from . import _validate as check
from ._backend import binary_exponent

__all__ = [
    "bernoulli_mle",
    "binomial_mle",
    "categorical_mle",
    "exponential_mle",
    "gaussian_mle",
    "laplace_mle",
    "poisson_mle",
]


def bernoulli_mle(x: Any) -> float:
    r"""The maximum-likelihood estimate of p from 0/1 data: the fraction of ones, k / n.

    Introduced in Chapter 3 (Coin flips: the Bernoulli MLE).

    Parameters
    ----------
    x : array_like of 0 and 1
        The outcomes (1 for heads); any shape, treated as one sample.

    Returns
    -------
    float
        :math:`\hat p = k / n`, in [0, 1]. It is 0 or 1 when every outcome is the same: the MLE
        then lies on the boundary of the parameter space.

    Raises
    ------
    ValueError
        If `x` is empty or holds anything but 0 and 1.

    Examples
    --------
    >>> bernoulli_mle([1, 1, 0, 1, 0, 1, 1, 1, 0, 1])
    0.7
    """
    data = check.binary(check.observations(check.fixed(x, "x"), "x"), "x")
    return float(data.sum() / data.size)


def binomial_mle(k: Any, n: Any) -> float:
    r"""The maximum-likelihood estimate of p from binomial counts: total successes / total trials.

    Introduced in Chapter 3 (Coin flips: the Bernoulli MLE).

    Parameters
    ----------
    k : array_like of int
        Successes in each experiment.
    n : int or array_like of int
        Trials in each experiment, broadcast against `k`; each ``k <= n``.

    Returns
    -------
    float
        :math:`\hat p = \sum_i k_i / \sum_i n_i`.

    Raises
    ------
    ValueError
        If the counts are empty, not whole numbers, negative, or some ``k > n``, or the
        total number of trials exceeds the float64 range. (Totals are summed in float64:
        int64 counts whose sum would wrap around are fine.)

    Examples
    --------
    >>> binomial_mle([7, 5], 10)
    0.6
    """
    successes = check.counts(check.observations(check.fixed(k, "k"), "k"), "k")
    trials = check.counts(check.observations(check.fixed(n, "n"), "n"), "n")
    check.broadcastable(k=successes, n=trials)
    successes, trials = np.broadcast_arrays(successes, trials)
    if np.any(successes > trials):
        bad = tuple(int(i) for i in np.argwhere(successes > trials)[0])
        raise ValueError(check.wrap(f"k must not exceed n; got k = {successes[bad].item()!r} > "
                         f"n = {trials[bad].item()!r}"
                         + (f" at index {bad}" if bad else "")))
    # Totals in float64 (math.fsum, correctly rounded): an int64 sum could wrap around.
    total = check.total(trials, "n")
    if total == 0:
        raise ValueError(check.wrap("n must contain at least one trial; every n is 0"))
    return check.total(successes, "k") / total


def poisson_mle(k: Any) -> float:
    r"""The maximum-likelihood estimate of a Poisson rate: the sample mean of the counts.

    Introduced in Chapter 3 (Coin flips: the Bernoulli MLE).

    Parameters
    ----------
    k : array_like of int
        Non-negative whole-number counts.

    Returns
    -------
    float
        :math:`\hat\lambda = \bar k`. It is 0 when every count is 0 (a boundary estimate).

    Raises
    ------
    ValueError
        If `k` is empty or holds anything but non-negative whole numbers.

    Examples
    --------
    >>> poisson_mle([0, 2, 1, 3])
    1.5
    """
    counts = check.counts(check.observations(check.fixed(k, "k"), "k"), "k").astype(np.float64)
    e = binary_exponent(counts)  # a sum of counts near 1e308 would overflow
    return float(np.ldexp(np.ldexp(counts, -e).mean(), e))


def exponential_mle(x: Any) -> float:
    r"""The maximum-likelihood estimate of an exponential rate: one over the sample mean.

    Introduced in Chapter 3 (Coin flips: the Bernoulli MLE).

    Parameters
    ----------
    x : array_like
        Non-negative waiting times, not all zero.

    Returns
    -------
    float
        :math:`\hat\lambda = 1 / \bar x`.

    Raises
    ------
    ValueError
        If `x` is empty, non-finite, negative, or all zero (the MLE would be infinite), or so
        close to zero that ``1 / mean`` exceeds 1.8e308.

    Examples
    --------
    >>> exponential_mle([0.5, 1.5, 1.0])
    1.0
    """
    data = check.nonnegative(check.observations(check.fixed(x, "x"), "x"), "x").astype(np.float64)
    # n / sum as (n / scaled sum) / 2**e: the sum of times near 1e308 would overflow.
    e = binary_exponent(data)
    total = float(np.ldexp(data, -e).sum())
    if total == 0:
        raise ValueError(check.wrap(
            "x must not be all zero: the exponential MLE 1/mean would be infinite"))
    with np.errstate(over="ignore"):
        rate = float(np.ldexp(data.size / total, -e))
    if math.isinf(rate):
        raise ValueError(check.wrap(
            "x is too close to 0: the exponential MLE 1/mean exceeds 1.8e308"))
    return rate


def categorical_mle(x: Any, n_categories: int) -> np.ndarray:
    r"""The maximum-likelihood estimate of categorical probabilities: the class frequencies.

    Introduced in Chapter 3 (Coin flips: the Bernoulli MLE).

    Parameters
    ----------
    x : array_like of int
        Labels in ``0, ..., n_categories - 1``.
    n_categories : int
        The number of categories K (categories never observed get probability 0).

    Returns
    -------
    ndarray, shape (n_categories,)
        :math:`\hat\pi_j = n_j / n`; the entries sum to 1.

    Raises
    ------
    ValueError
        If `x` is empty or holds a label outside ``0, ..., n_categories - 1``.

    Examples
    --------
    >>> categorical_mle([0, 2, 2, 1, 2], 4)
    array([0.2, 0.2, 0.6, 0. ])
    """
    if (isinstance(n_categories, (bool, np.bool_))
            or not isinstance(n_categories, (int, np.integer)) or not 1 <= n_categories < 2**31):
        raise ValueError(check.wrap(
            f"n_categories must be a positive integer below 2**31; got {n_categories!r}"))
    labels = check.labels(check.observations(check.fixed(x, "x"), "x"), "x", int(n_categories))
    return np.bincount(labels.ravel().astype(np.int64), minlength=n_categories) / labels.size


def gaussian_mle(x: Any) -> tuple[float, float]:
    r"""The maximum-likelihood estimates of a Gaussian's mean and standard deviation.

    Introduced in Chapter 4 (The Gaussian MLE).

    Parameters
    ----------
    x : array_like
        A finite, non-empty sample.

    Returns
    -------
    mu_hat : float
        The sample mean :math:`\bar x`.
    sigma_hat : float
        :math:`\sqrt{\tfrac1n \sum_i (x_i - \bar x)^2}`: divided by n, not n - 1. Its square is
        the MLE of the variance (invariance). It is 0 when all the values are equal, where the
        likelihood has no maximum.

    Raises
    ------
    ValueError
        If `x` is empty or not finite.

    Examples
    --------
    >>> gaussian_mle([2.0, 4.0, 4.0, 4.0, 5.0, 5.0, 7.0, 9.0])
    (5.0, 2.0)
    """
    data = check.observations(check.fixed(x, "x"), "x").ravel().astype(float)
    # Divided by a power of two 2**e that brings the data into (-1, 1): exact, so the digits
    # are those of the plain formula, but neither the sum for the mean nor the squares of
    # deviations can overflow (data near 1e200) or underflow to 0 (data near 1e-170).
    e = binary_exponent(data)
    scaled = np.ldexp(data, -e)
    mu = scaled.mean()
    deviations = scaled - mu
    d = binary_exponent(deviations)
    # Two-pass: subtracting the mean first keeps the variance accurate for data far from 0.
    sigma = np.sqrt(np.mean(np.ldexp(deviations, -d) ** 2))
    return float(np.ldexp(mu, e)), float(np.ldexp(sigma, d + e))


def laplace_mle(x: Any) -> tuple[float, float]:
    r"""The maximum-likelihood estimates of a Laplace location and scale.

    Introduced in Chapter 5 (Linear regression is Gaussian maximum likelihood).

    Parameters
    ----------
    x : array_like
        A finite, non-empty sample.

    Returns
    -------
    mu_hat : float
        The sample median (for an even n every point between the middle two maximises the
        likelihood; the median, their midpoint, is the conventional choice).
    b_hat : float
        The mean absolute deviation from the median, :math:`\tfrac1n \sum_i |x_i - \hat\mu|`.

    Raises
    ------
    ValueError
        If `x` is empty or not finite.

    Examples
    --------
    >>> laplace_mle([1.0, 2.0, 3.0, 10.0, 4.0])
    (3.0, 2.2)
    """
    data = check.observations(check.fixed(x, "x"), "x").ravel().astype(float)
    e = binary_exponent(data)  # as in gaussian_mle: the sums must not overflow
    scaled = np.ldexp(data, -e)
    mu = np.median(scaled)
    return float(np.ldexp(mu, e)), float(np.ldexp(np.mean(np.abs(scaled - mu)), e))
