r"""Log prior densities for maximum a posteriori (MAP) estimation, and the Beta-Bernoulli posterior.

A MAP estimate maximises :math:`\log p(x \mid \theta) + \log p(\theta)`. The log priors here are
sums over the entries of a parameter vector, written once for numpy and torch (a tensor gives a
differentiable tensor), so that they can be handed to :func:`mlcourse.fit_map` as they are::

    fit_map(negloglik, lambda beta: gaussian_log_prior(beta, variance), {"beta": start})

An infinite variance or scale leaves that entry unpenalised (a flat, improper prior contributes
nothing to the log posterior): the usual choice for an intercept.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np
from scipy import special

from . import _validate as check
from ._backend import ops_for

__all__ = [
    "BetaPosterior",
    "beta_bernoulli_posterior",
    "beta_log_prior",
    "gaussian_log_prior",
    "laplace_log_prior",
]

LOG_2PI = math.log(2 * math.pi)


def _scales(value: Any, name: str) -> np.ndarray:
    """Positive scales, +inf allowed (a flat prior); nan, 0 and negatives raise."""
    array = check.as_numpy(value, name).astype(float)
    bad = np.isnan(array) | ~(array > 0)
    if np.any(bad):
        raise ValueError(check.wrap(
            f"{name} must be > 0 (np.inf for a flat prior); got "
            f"{array[bad].flat[0]!r}"))
    return array


def _penalised(theta: Any, scale: np.ndarray, name: str) -> tuple[Any, Any, np.ndarray]:
    """The ops namespace, theta as an array of it, and a mask of the entries with finite scale."""
    check.finite(theta, "theta")
    shape = check.broadcastable(theta=theta, **{name: scale})
    if shape != np.shape(check.as_numpy(theta, "theta")):
        raise ValueError(check.wrap(
            f"{name} must broadcast to the shape of theta {np.shape(theta)}; got shape "
            f"{scale.shape}"))
    ops = ops_for(theta)
    finite = np.array(np.broadcast_to(np.isfinite(scale), shape))
    return ops, ops.asarray(theta), finite


def gaussian_log_prior(theta: Any, variance: Any) -> Any:
    r"""Log density of independent zero-mean Gaussian priors on the entries of ``theta``.

    .. math:: \log p(\theta) = \sum_{j:\, v_j < \infty} \Big[-\frac{\theta_j^2}{2 v_j}
              - \frac12 \log(2\pi v_j)\Big]

    The negative of it is the ridge (L2) penalty :math:`\sum_j \theta_j^2 / (2 v_j)` plus a
    constant.

    Introduced in Chapter 9 (MAP estimation and regularisation).

    Parameters
    ----------
    theta : array_like or torch.Tensor
        The parameters, any shape.
    variance : float or array_like
        Prior variances :math:`v_j > 0` (not standard deviations), broadcast to the shape of
        ``theta``; ``np.inf`` leaves an entry unpenalised.

    Returns
    -------
    float or torch.Tensor
        The log prior density (a 0-d tensor for a tensor ``theta``).

    Raises
    ------
    ValueError
        If ``theta`` is not finite, a variance is not > 0 (or is nan), or the shapes do not
        broadcast to that of ``theta``.

    Examples
    --------
    >>> import numpy as np
    >>> from scipy import stats
    >>> theta = np.array([0.5, -1.0, 3.0])
    >>> value = gaussian_log_prior(theta, [2.0, 2.0, np.inf])  # the last entry is free
    >>> bool(np.isclose(value, stats.norm.logpdf(theta[:2], 0, np.sqrt(2)).sum()))
    True
    """
    variance = _scales(variance, "variance")
    ops, values, finite = _penalised(theta, variance, "variance")
    v = np.array(np.broadcast_to(np.where(np.isfinite(variance), variance, 1.0), finite.shape))
    terms = -ops.square(values) / (2 * ops.asarray(v)) - 0.5 * ops.asarray(np.log(v) + LOG_2PI)
    return ops.result(ops.sum(ops.where(finite, terms, 0.0)))


def laplace_log_prior(theta: Any, scale: Any) -> Any:
    r"""Log density of independent zero-mean Laplace priors on the entries of ``theta``.

    .. math:: \log p(\theta) = \sum_{j:\, b_j < \infty} \Big[-\frac{|\theta_j|}{b_j}
              - \log(2 b_j)\Big]

    The negative of it is the lasso (L1) penalty :math:`\sum_j |\theta_j| / b_j` plus a constant.

    Introduced in Chapter 9 (MAP estimation and regularisation).

    Parameters
    ----------
    theta : array_like or torch.Tensor
        The parameters, any shape.
    scale : float or array_like
        Laplace scales :math:`b_j > 0` (the standard deviation is :math:`b_j\sqrt 2`), broadcast
        to the shape of ``theta``; ``np.inf`` leaves an entry unpenalised.

    Returns
    -------
    float or torch.Tensor
        The log prior density.

    Raises
    ------
    ValueError
        If ``theta`` is not finite, a scale is not > 0, or the shapes do not broadcast.

    Examples
    --------
    >>> import numpy as np
    >>> from scipy import stats
    >>> value = laplace_log_prior(np.array([0.5, -2.0]), 0.5)
    >>> bool(np.isclose(value, stats.laplace.logpdf([0.5, -2.0], 0, 0.5).sum()))
    True
    """
    scale = _scales(scale, "scale")
    ops, values, finite = _penalised(theta, scale, "scale")
    b = np.array(np.broadcast_to(np.where(np.isfinite(scale), scale, 1.0), finite.shape))
    terms = -ops.abs(values) / ops.asarray(b) - ops.asarray(np.log(2 * b))
    return ops.result(ops.sum(ops.where(finite, terms, 0.0)))


def beta_log_prior(p: Any, a: float, b: float) -> Any:
    r"""Log density of the Beta(a, b) prior at the probability ``p`` (summed over entries).

    .. math:: \log p(p) = (a - 1)\log p + (b - 1)\log(1 - p) - \log B(a, b)

    Introduced in Chapter 9 (MAP estimation and regularisation).

    Parameters
    ----------
    p : array_like or torch.Tensor
        Probabilities in [0, 1].
    a, b : float
        The shape parameters, > 0. Beta(1, 1) is the uniform prior (log density 0).

    Returns
    -------
    float or torch.Tensor
        The log density, summed over the entries of ``p``; ``-inf`` at ``p = 0`` when ``a > 1``
        (or ``p = 1`` when ``b > 1``), ``+inf`` there when ``a < 1`` (``b < 1``).

    Raises
    ------
    ValueError
        If ``p`` is outside [0, 1] or ``a`` or ``b`` is not a positive finite number.

    Examples
    --------
    >>> from scipy import stats
    >>> bool(abs(beta_log_prior(0.3, 2.0, 5.0) - stats.beta.logpdf(0.3, 2.0, 5.0)) < 1e-12)
    True
    """
    check.probability(p, "p")
    a = float(check.positive(check.number(a, "a"), "a"))
    b = float(check.positive(check.number(b, "b"), "b"))
    ops = ops_for(p)
    x = ops.asarray(p)
    # 0 * log 0 = 0 for the uniform case; log taken at a harmless point where the power is 0.
    with np.errstate(divide="ignore"):  # log 0 = -inf at an end: the true log density
        log_p = ops.log(ops.where(x == 0, 1.0, x)) if a == 1 else ops.log(x)
        log_q = ops.log1p(-ops.where(x == 1, 0.0, x)) if b == 1 else ops.log1p(-x)
    value = (a - 1) * log_p + (b - 1) * log_q - special.betaln(a, b)
    return ops.result(ops.sum(value))


@dataclass(frozen=True)
class BetaPosterior:
    """The Beta posterior of a probability after Bernoulli data, and its point summaries.

    Introduced in Chapter 9 (MAP estimation and regularisation).

    Attributes
    ----------
    a, b : float
        The posterior's shape parameters, ``a0 + k`` and ``b0 + n - k``.
    """

    a: float
    b: float

    @property
    def mode(self) -> float:
        """The MAP estimate ``(a - 1) / (a + b - 2)``, or the end where the density is largest
        (0 if ``a <= 1 < b``, 1 if ``b <= 1 < a``).

        Raises ValueError when ``a <= 1`` and ``b <= 1``: the density is then flat or U-shaped,
        with no single mode.
        """
        a, b = self.a, self.b
        if a > 1 and b > 1:
            return (a - 1) / (a + b - 2)
        if a <= 1 and b <= 1:
            raise ValueError(check.wrap(
                f"Beta({a:g}, {b:g}) has no single mode: with both shape parameters <= 1 "
                "its density is flat or largest at both ends"))
        return 0.0 if a <= 1 else 1.0

    @property
    def mean(self) -> float:
        """The posterior mean ``a / (a + b)``."""
        return self.a / (self.a + self.b)

    @property
    def var(self) -> float:
        """The posterior variance ``a b / ((a + b)^2 (a + b + 1))``."""
        total = self.a + self.b
        return self.a * self.b / (total * total * (total + 1))

    def logpdf(self, p: Any) -> Any:
        """The log posterior density at ``p`` (elementwise, numpy)."""
        values = check.probability(p, "p").astype(float)
        with np.errstate(divide="ignore"):
            return (special.xlogy(self.a - 1, values) + special.xlog1py(self.b - 1, -values)
                    - special.betaln(self.a, self.b))

    def interval(self, level: float = 0.95) -> tuple[float, float]:
        """The central credible interval with probability ``level``."""
        if not 0 < level < 1:
            raise ValueError(f"level must lie strictly between 0 and 1; got {level!r}")
        tail = (1 - level) / 2
        return (float(special.betaincinv(self.a, self.b, tail)),
                float(special.betaincinv(self.a, self.b, 1 - tail)))


def beta_bernoulli_posterior(k: Any, n: Any, a: float = 1.0, b: float = 1.0) -> BetaPosterior:
    r"""The posterior of a Bernoulli probability under a Beta(a, b) prior after k successes in n.

    The Beta prior is conjugate: the posterior is Beta(a + k, b + n - k), so the prior counts as
    ``a`` extra successes and ``b`` extra failures (``a - 1`` and ``b - 1`` for the mode).

    Introduced in Chapter 9 (MAP estimation and regularisation).

    Parameters
    ----------
    k : int
        The number of successes, ``0 <= k <= n``.
    n : int
        The number of trials, >= 0.
    a, b : float, default 1.0
        The prior's shape parameters, > 0 (the default is the uniform prior).

    Returns
    -------
    BetaPosterior
        With ``mode`` (the MAP estimate), ``mean``, ``var``, ``logpdf`` and ``interval``.

    Raises
    ------
    ValueError
        If ``k`` or ``n`` is not a whole number, ``k > n``, or ``a`` or ``b`` is not > 0.

    Examples
    --------
    Ten tails and a Beta(2, 2) prior: the MAP estimate is 1/12, not 0.

    >>> posterior = beta_bernoulli_posterior(0, 10, 2.0, 2.0)
    >>> round(posterior.mode, 6), round(posterior.mean, 6)
    (0.083333, 0.142857)
    """
    k_value = check.counts(check.number(k, "k"), "k")
    n_value = check.counts(check.number(n, "n"), "n")
    check.at_most(k_value, n_value)
    a = float(check.positive(check.number(a, "a"), "a"))
    b = float(check.positive(check.number(b, "b"), "b"))
    return BetaPosterior(a + float(k_value), b + float(n_value - k_value))
