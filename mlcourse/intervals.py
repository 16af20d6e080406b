r"""Confidence intervals for a proportion and a Poisson rate, and their exact coverage.

Four ways to turn a count into an interval, each the inversion of a test:

- ``"wald"``: estimate plus or minus :math:`z` standard errors, the variance taken at the
  estimate (the Wald test);
- ``"wilson"`` (``"score"``): every value not rejected by the score test, whose variance is
  taken at the value tested (Wilson, 1927);
- ``"lr"``: every value whose log-likelihood lies within :math:`\chi^2_1(1 - \alpha) / 2` of the
  maximum (the likelihood-ratio test);
- ``"exact"``: Clopper and Pearson's interval for a proportion, Garwood's for a Poisson mean:
  each tail of the exact distribution has probability at most :math:`\alpha / 2`.

The coverage of an interval for a proportion is a finite sum over the :math:`n + 1` possible
counts, so :func:`proportion_coverage` computes it exactly rather than by simulation.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
from scipy import optimize, special, stats

from . import _validate as check

__all__ = [
    "poisson_rate_interval",
    "proportion_coverage",
    "proportion_interval",
]

PROPORTION_METHODS = ("wald", "wilson", "score", "lr", "exact")
POISSON_METHODS = ("wald", "score", "lr", "exact")


def _alpha(alpha: Any) -> float:
    value = check.number(alpha, "alpha")
    if not 0 < value < 1:
        raise ValueError(check.wrap(f"alpha must lie strictly between 0 and 1 (the interval "
                                    f"has level 1 - alpha); got {alpha!r}"))
    return value


def _method(method: Any, allowed: tuple[str, ...]) -> str:
    if not isinstance(method, str) or method not in allowed:
        raise ValueError(check.wrap(f"method must be one of {allowed}; got {method!r}"))
    return method


def _whole(value: Any, name: str, *, positive: bool = False) -> np.ndarray:
    """Whole numbers given as integers (a float such as 3.0 is accepted, 2.5 is not)."""
    array = check.counts(value, name)
    if positive:
        bad = array < 1
        if np.any(bad):
            raise ValueError(check.wrap(
                f"{name} must be at least 1: there is no interval from zero trials; "
                f"got {array[bad].ravel()[0]:g}"))
    return array


def _result(low: np.ndarray, high: np.ndarray) -> tuple[Any, Any]:
    if low.ndim == 0:
        return float(low), float(high)
    return low, high


def _bernoulli_loglik(k: np.ndarray, n: np.ndarray, p: np.ndarray) -> np.ndarray:
    return special.xlogy(k, p) + special.xlog1py(n - k, -p)


def _lr_proportion(k: float, n: float, cut: float) -> tuple[float, float]:
    """The roots of loglik(p) = loglik(k/n) - cut on either side of k/n, by bracketing
    (Brent's method), each searched directly in p so that an end near 0 keeps its relative
    accuracy. At k = 0 the log-likelihood n log(1 - p) is largest at p = 0 itself: the lower
    end is 0 and the upper has a closed form, 1 - exp(-cut / n) (symmetrically at k = n)."""
    if k == 0:
        return 0.0, -math.expm1(-cut / n)
    if k == n:
        return math.exp(-cut / n), 1.0
    phat = k / n
    top = float(_bernoulli_loglik(k, n, phat))

    def drop(p: float) -> float:
        return float(_bernoulli_loglik(k, n, p)) - top + cut

    low = optimize.brentq(drop, 1e-300, phat, xtol=1e-300, rtol=1e-15)
    high = optimize.brentq(drop, phat, np.nextafter(1.0, 0.0), xtol=1e-300, rtol=1e-15)
    return low, high


def proportion_interval(k: Any, n: Any, alpha: float = 0.05, method: str = "wilson"
                        ) -> tuple[Any, Any]:
    r"""A confidence interval for a probability from k successes in n trials.

    Introduced in Chapter 10 (Large-sample theory: intervals and tests).

    Parameters
    ----------
    k : int or array_like of int
        Successes (whole numbers, at most `n`).
    n : int or array_like of int
        Trials (whole numbers, at least 1), broadcast against `k`.
    alpha : float, default 0.05
        One minus the nominal coverage, strictly between 0 and 1.
    method : {"wilson", "score", "wald", "lr", "exact"}, default "wilson"
        ``"wald"``: :math:`\hat p \pm z \sqrt{\hat p (1 - \hat p) / n}`, clipped to [0, 1];
        ``"wilson"`` or ``"score"``: the inverted score test; ``"lr"``: the inverted
        likelihood-ratio test; ``"exact"``: Clopper-Pearson, from Beta quantiles.

    Returns
    -------
    low, high : float or ndarray
        The ends of the interval (floats for scalar input, arrays of the broadcast shape
        otherwise).

    Raises
    ------
    ValueError
        If `k` or `n` are not whole numbers, `k` > `n`, `n` < 1, `alpha` is not in (0, 1) or
        `method` is unknown.
    TypeError
        If an argument is not a number.

    Notes
    -----
    The likelihood-ratio interval is :math:`\{p : \ell(\hat p) - \ell(p) \le \chi^2_1(1 -
    \alpha)/2\}`; its ends are found by Brent's method, except at :math:`k = 0` (where the
    lower end is 0 and the upper :math:`1 - e^{-c/n}`) and :math:`k = n`. The Wald interval
    is clipped to [0, 1], as statsmodels' ``proportion_confint(method="normal")``; at
    :math:`k = 0` it collapses to the single point 0.

    Examples
    --------
    >>> low, high = proportion_interval(3, 10, method="wilson")
    >>> print(f"[{low:.4f}, {high:.4f}]")
    [0.1078, 0.6032]
    >>> low, high = proportion_interval(3, 10, method="lr")
    >>> print(f"[{low:.4f}, {high:.4f}]")
    [0.0846, 0.6065]
    """
    alpha = _alpha(alpha)
    method = _method(method, PROPORTION_METHODS)
    k = _whole(k, "k")
    n = _whole(n, "n", positive=True)
    check.broadcastable(k=k, n=n)
    check.at_most(k, n)
    k, n = np.broadcast_arrays(k.astype(float), n.astype(float))
    z = stats.norm.ppf(1 - alpha / 2)
    phat = k / n
    if method == "wald":
        half = z * np.sqrt(phat * (1 - phat) / n)
        low, high = np.clip(phat - half, 0, 1), np.clip(phat + half, 0, 1)
    elif method in ("wilson", "score"):
        centre = (k + z**2 / 2) / (n + z**2)
        half = z * np.sqrt(n * phat * (1 - phat) + z**2 / 4) / (n + z**2)
        low, high = np.clip(centre - half, 0, 1), np.clip(centre + half, 0, 1)
        # The ends are exactly 0 at k = 0 and 1 at k = n (rounding may leave 1e-17).
        low, high = np.where(k == 0, 0.0, low), np.where(k == n, 1.0, high)
    elif method == "exact":
        with np.errstate(invalid="ignore"):
            low = np.where(k == 0, 0.0, special.betaincinv(k, n - k + 1, alpha / 2))
            high = np.where(k == n, 1.0, special.betaincinv(k + 1, n - k, 1 - alpha / 2))
    else:
        cut = stats.chi2.ppf(1 - alpha, 1) / 2
        ends = [_lr_proportion(a, b, cut) for a, b in zip(k.ravel(), n.ravel(), strict=True)]
        pairs = np.array(ends, dtype=float).reshape(*k.shape, 2)
        low, high = pairs[..., 0], pairs[..., 1]
    return _result(np.asarray(low, dtype=float), np.asarray(high, dtype=float))


def proportion_coverage(n: int, p: Any, alpha: float = 0.05, method: str = "wilson") -> Any:
    r"""The exact coverage probability of an interval for a proportion.

    Introduced in Chapter 10 (Large-sample theory: intervals and tests).

    :math:`C(p) = \sum_{k=0}^{n} \binom{n}{k} p^k (1 - p)^{n - k}\, [\,L(k) \le p \le U(k)\,]`:
    the probability, when the true value is `p`, that the interval computed from the count
    covers it. No simulation: the count takes only n + 1 values.

    Parameters
    ----------
    n : int
        Trials, a positive whole number.
    p : float or array_like
        True probabilities in [0, 1].
    alpha : float, default 0.05
        One minus the nominal coverage.
    method : str, default "wilson"
        As for :func:`proportion_interval`.

    Returns
    -------
    float or ndarray
        The coverage at each `p` (a float for scalar `p`).

    Raises
    ------
    ValueError
        If `n` is not a positive whole number, `p` is not in [0, 1], or `alpha` or `method`
        are invalid.

    Examples
    --------
    >>> print(f"{proportion_coverage(10, 0.05, method='wald'):.3f}")
    0.400
    >>> print(f"{proportion_coverage(10, 0.05, method='wilson'):.3f}")
    0.914
    """
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or n < 1:
        raise ValueError(check.wrap(f"n must be a positive whole number (the number of "
                                    f"trials); got {n!r}"))
    prob = check.probability(p, "p").astype(float)
    counts = np.arange(n + 1)
    low, high = proportion_interval(counts, n, alpha=alpha, method=method)
    covered = (low <= prob[..., None]) & (prob[..., None] <= high)
    weights = stats.binom.pmf(counts, n, prob[..., None])
    coverage = np.sum(np.where(covered, weights, 0.0), axis=-1)
    return float(coverage) if coverage.ndim == 0 else coverage


def _lr_poisson(count: float, exposure: float, cut: float) -> tuple[float, float]:
    """Roots of count log(mu) - mu = max - cut, for the mean mu = rate * exposure."""
    if count == 0:
        return 0.0, cut / exposure

    def drop(mu: float) -> float:
        return special.xlogy(count, mu / count) - (mu - count) + cut

    low = optimize.brentq(drop, 1e-300, count, xtol=1e-300, rtol=1e-15)
    upper = count + 2 * math.sqrt(2 * cut * count) + 2 * cut + 1.0
    while drop(upper) > 0:
        upper *= 2
    high = optimize.brentq(drop, count, upper, xtol=1e-300, rtol=1e-15)
    return low / exposure, high / exposure


def poisson_rate_interval(count: Any, exposure: Any = 1.0, alpha: float = 0.05,
                          method: str = "score") -> tuple[Any, Any]:
    r"""A confidence interval for a Poisson rate from a total count over a total exposure.

    Introduced in Chapter 10 (Large-sample theory: intervals and tests).

    With :math:`Y \sim \mathrm{Poisson}(\lambda t)`, the estimate is :math:`\hat\lambda = y / t`
    (n i.i.d. Poisson counts are the case ``count = sum``, ``exposure = n``).

    Parameters
    ----------
    count : int or array_like of int
        The total count, a non-negative whole number.
    exposure : float or array_like, default 1.0
        The total exposure (time, or the number of observations), positive.
    alpha : float, default 0.05
        One minus the nominal coverage.
    method : {"score", "wald", "lr", "exact"}, default "score"
        ``"wald"``: :math:`\hat\lambda \pm z \sqrt{\hat\lambda / t}`, clipped at 0;
        ``"score"``: the inverted score test (variance at the value tested); ``"lr"``: the
        inverted likelihood-ratio test; ``"exact"``: Garwood's central interval from
        chi-square (gamma) quantiles.

    Returns
    -------
    low, high : float or ndarray
        The ends of the interval for the rate.

    Raises
    ------
    ValueError
        If `count` is not a non-negative whole number, `exposure` is not positive, or
        `alpha` or `method` are invalid.

    Examples
    --------
    >>> low, high = poisson_rate_interval(196, 280, method="exact")
    >>> print(f"[{low:.4f}, {high:.4f}]")
    [0.6054, 0.8052]
    """
    alpha = _alpha(alpha)
    method = _method(method, POISSON_METHODS)
    count = _whole(count, "count")
    exposure = check.positive(exposure, "exposure")
    check.broadcastable(count=count, exposure=exposure)
    count, exposure = np.broadcast_arrays(count.astype(float), exposure.astype(float))
    z = stats.norm.ppf(1 - alpha / 2)
    rate = count / exposure
    if method == "wald":
        half = z * np.sqrt(count) / exposure
        low, high = np.maximum(rate - half, 0.0), rate + half
    elif method == "score":
        centre = rate + z**2 / (2 * exposure)
        half = z * np.sqrt(count + z**2 / 4) / exposure
        low, high = np.where(count == 0, 0.0, np.maximum(centre - half, 0.0)), centre + half
    elif method == "exact":
        low = np.where(count == 0, 0.0, special.gammaincinv(np.maximum(count, 1), alpha / 2))
        high = special.gammaincinv(count + 1, 1 - alpha / 2)
        low, high = low / exposure, high / exposure
    else:
        cut = stats.chi2.ppf(1 - alpha, 1) / 2
        ends = [_lr_poisson(c, t, cut) for c, t in zip(count.ravel(), exposure.ravel(),
                                                        strict=True)]
        pairs = np.array(ends, dtype=float).reshape(*count.shape, 2)
        low, high = pairs[..., 0], pairs[..., 1]
    return _result(np.asarray(low, dtype=float), np.asarray(high, dtype=float))
