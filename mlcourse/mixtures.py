r"""Mixtures of univariate Gaussians, fitted by the EM algorithm.

A mixture of :math:`K` Gaussians has the density
:math:`p(x) = \sum_j w_j\, \mathcal N(x; \mu_j, \sigma_j^2)`. Its log-likelihood has no closed-form
maximiser, is not concave, has :math:`K!` equivalent maxima (relabel the components), and is
**unbounded**: a component centred on one observation with :math:`\sigma_j \to 0` sends it to
:math:`+\infty`. The EM algorithm (:func:`fit_gaussian_mixture`) is the course's one fitting
algorithm besides Newton's method: each iteration computes the responsibilities (E-step, in log
space) and maximises the expected complete-data log-likelihood in closed form (M-step); the
log-likelihood never decreases. With an inverse-gamma prior on the variances (MAP-EM) the
log posterior never decreases and no component can collapse.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from scipy import special

from . import _validate as check
from .fitting import EstimationError, check_count, wrap

__all__ = [
    "ComponentCollapseError",
    "MixtureResult",
    "em_update",
    "fit_gaussian_mixture",
    "fit_gaussian_mixture_starts",
    "mixture_loglik",
    "mixture_responsibilities",
]

_LOG_2PI = math.log(2 * math.pi)


class ComponentCollapseError(EstimationError):
    """A mixture component shrank onto a point (sigma -> 0): the likelihood is unbounded there.

    Introduced in Chapter 11 (When maximum likelihood fails).
    """


@dataclass
class MixtureResult:
    """A univariate Gaussian mixture fitted by EM (or MAP-EM).

    Introduced in Chapter 11 (When maximum likelihood fails).

    Attributes
    ----------
    weights, means, sigmas : ndarray, shape (K,)
        The mixing weights (summing to 1), component means and standard deviations.
    llf : float
        The log-likelihood at the estimate.
    nobs : int
        The number of observations.
    n_iter : int
        EM iterations taken.
    converged : bool
        Whether the convergence test was met.
    history : ndarray
        The objective (log-likelihood; log posterior for MAP-EM) at the start and after each
        iteration; never decreasing for EM and MAP-EM (up to rounding).
    estimator : {"MLE", "MAP"}
        ``"MAP"`` when a prior was given.
    log_posterior : float or None
        The log-likelihood plus the log prior at the estimate, for MAP-EM.
    """

    weights: np.ndarray
    means: np.ndarray
    sigmas: np.ndarray
    llf: float
    nobs: int
    n_iter: int
    converged: bool
    history: np.ndarray = field(repr=False)
    estimator: str = "MLE"
    log_posterior: float | None = None

    @property
    def n_components(self) -> int:
        """K, the number of components."""
        return int(self.weights.size)

    @property
    def df_model(self) -> int:
        """The number of free parameters, 3K - 1."""
        return 3 * self.n_components - 1

    @property
    def aic(self) -> float:
        """Akaike's criterion, ``-2 llf + 2 (3K - 1)``."""
        return -2 * self.llf + 2 * self.df_model

    @property
    def bic(self) -> float:
        """Schwarz's criterion, ``-2 llf + (3K - 1) log n``."""
        return -2 * self.llf + self.df_model * math.log(self.nobs)

    def summary(self) -> str:
        """A table of the components, sorted by mean, and the log-likelihood."""
        order = np.argsort(self.means, kind="stable")
        lines = [f"Gaussian mixture ({self.estimator}, EM), K = {self.n_components}, "
                 f"n = {self.nobs}",
                 f"  log-likelihood {self.llf:.4f}, {self.n_iter} iterations"
                 + ("" if self.converged else ", NOT CONVERGED"),
                 f"  {'weight':>8} {'mean':>10} {'sigma':>10}"]
        lines += [f"  {self.weights[j]:8.4f} {self.means[j]:10.4f} {self.sigmas[j]:10.4f}"
                  for j in order]
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.summary()


def _components(weights: Any, means: Any, sigmas: Any) -> tuple[np.ndarray, ...]:
    w = check.probability(weights, "weights").astype(float).ravel()
    mu = check.finite(means, "means").astype(float).ravel()
    sd = check.positive(sigmas, "sigmas").astype(float).ravel()
    if not (w.size == mu.size == sd.size) or w.size == 0:
        raise ValueError(wrap(
            f"weights, means and sigmas must have one entry per component; got sizes "
            f"{w.size}, {mu.size} and {sd.size}"))
    if abs(w.sum() - 1.0) > 1e-9 * w.size:
        raise ValueError(wrap(f"weights must sum to 1; they sum to {w.sum()!r}"))
    return w, mu, sd


def _joint(x: np.ndarray, w: np.ndarray, mu: np.ndarray, sd: np.ndarray) -> np.ndarray:
    """log w_j + log N(x_i; mu_j, sd_j^2), shape (n, K)."""
    # A sigma near 0 (a collapsing component) sends z to inf: its density is then 0 and
    # its log-density -inf, which logsumexp handles; a weight of 0 is a log-weight of -inf.
    with np.errstate(divide="ignore", over="ignore"):
        z = (x[:, None] - mu) / sd
        return np.log(w) - np.log(sd) - 0.5 * _LOG_2PI - 0.5 * z * z


def mixture_loglik(x: Any, weights: Any, means: Any, sigmas: Any) -> float:
    r"""The log-likelihood of a univariate Gaussian mixture, computed in log space.

    Introduced in Chapter 11 (When maximum likelihood fails).

    Parameters
    ----------
    x : array_like, shape (n,)
        The observations.
    weights, means, sigmas : array_like, shape (K,)
        Mixing weights (summing to 1), means and standard deviations (> 0).

    Returns
    -------
    float
        :math:`\sum_i \log \sum_j w_j \mathcal N(x_i; \mu_j, \sigma_j^2)`, each inner sum by
        logsumexp, so that no density underflows even far in the tails.

    Raises
    ------
    ValueError
        If x is empty or not finite, a weight is outside [0, 1], the weights do not sum to 1,
        a sigma is not positive, or the sizes differ.

    Examples
    --------
    >>> round(mixture_loglik([0.0], [0.5, 0.5], [0.0, 0.0], [1.0, 1.0]), 6)
    -0.918939
    """
    data = check.observations(x, "x").astype(float).ravel()
    w, mu, sd = _components(weights, means, sigmas)
    return float(np.sum(special.logsumexp(_joint(data, w, mu, sd), axis=1)))


def mixture_responsibilities(x: Any, weights: Any, means: Any, sigmas: Any) -> np.ndarray:
    r"""The posterior probability that each observation came from each component (E-step).

    Introduced in Chapter 11 (When maximum likelihood fails).

    Parameters
    ----------
    x : array_like, shape (n,)
        The observations.
    weights, means, sigmas : array_like, shape (K,)
        The mixture's parameters.

    Returns
    -------
    ndarray, shape (n, K)
        :math:`r_{ij} = w_j \mathcal N(x_i; \mu_j, \sigma_j^2) / p(x_i)`, computed as the
        exponential of a log-space difference; each row sums to 1.

    Raises
    ------
    ValueError
        As :func:`mixture_loglik`.

    Examples
    --------
    >>> mixture_responsibilities([0.0], [0.5, 0.5], [-1.0, 1.0], [1.0, 1.0])
    array([[0.5, 0.5]])
    """
    data = check.observations(x, "x").astype(float).ravel()
    w, mu, sd = _components(weights, means, sigmas)
    joint = _joint(data, w, mu, sd)
    return np.exp(joint - special.logsumexp(joint, axis=1, keepdims=True))


def _prior_arguments(variance_prior: Any, weight_prior: Any
                     ) -> tuple[tuple[float, float] | None, float | None]:
    prior = None
    if variance_prior is not None:
        try:
            a, b = variance_prior
        except (TypeError, ValueError):
            raise TypeError(wrap(
                f"variance_prior must be a pair (shape, scale) of an inverse-gamma prior; got "
                f"{variance_prior!r}")) from None
        a, b = check.number(a, "variance_prior shape"), check.number(b, "variance_prior scale")
        if a <= 0 or b <= 0:
            raise ValueError(wrap(
                f"variance_prior (shape, scale) must both be > 0; got ({a!r}, {b!r})"))
        prior = (a, b)
    alpha = None
    if weight_prior is not None:
        alpha = check.number(weight_prior, "weight_prior")
        if alpha < 1:
            raise ValueError(wrap(
                f"weight_prior (a symmetric Dirichlet concentration) must be >= 1 for the "
                f"posterior mode to exist; got {alpha!r}"))
    return prior, alpha


def _m_step(x: np.ndarray, resp: np.ndarray, prior: tuple[float, float] | None,
            alpha: float | None, reg_covar: float) -> tuple[np.ndarray, ...]:
    counts = resp.sum(axis=0)
    n, k = resp.shape
    if np.any(counts <= 0):
        j = int(np.argmin(counts))
        raise EstimationError(wrap(
            f"component {j} has no observations left (its responsibilities all underflowed "
            "to 0): its mean is undefined. Start it elsewhere, or use fewer components"))
    w = counts / n if alpha is None else (counts + alpha - 1) / (n + k * (alpha - 1))
    mu = resp.T @ x / counts
    spread = np.einsum("ij,ij->j", resp, (x[:, None] - mu) ** 2)
    if prior is None:
        var = spread / counts
    else:
        a, b = prior
        var = (spread + 2 * b) / (counts + 2 * (a + 1))
    return w, mu, np.sqrt(var + reg_covar)


def em_update(x: Any, weights: Any, means: Any, sigmas: Any, *,
              variance_prior: tuple[float, float] | None = None,
              weight_prior: float | None = None,
              reg_covar: float = 0.0) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    r"""One EM iteration for a univariate Gaussian mixture: an E-step, then an M-step.

    Introduced in Chapter 11 (When maximum likelihood fails).

    Parameters
    ----------
    x : array_like, shape (n,)
        The observations.
    weights, means, sigmas : array_like, shape (K,)
        The current parameters.
    variance_prior : (float, float), optional
        Shape :math:`a` and scale :math:`b` of an inverse-gamma prior on every variance: the
        M-step then maximises the expected complete-data log posterior,
        :math:`\sigma_j^2 = (S_j + 2b) / (N_j + 2a + 2)`.
    weight_prior : float, optional
        The concentration :math:`\alpha \ge 1` of a symmetric Dirichlet prior on the weights:
        :math:`w_j = (N_j + \alpha - 1) / (n + K(\alpha - 1))`.
    reg_covar : float, default 0
        Added to every variance after the M-step, as scikit-learn's ``reg_covar``.

    Returns
    -------
    weights, means, sigmas : ndarray, shape (K,)
        The updated parameters, with :math:`N_j = \sum_i r_{ij}`,
        :math:`\mu_j = \sum_i r_{ij} x_i / N_j` and, without a prior,
        :math:`\sigma_j^2 = S_j / N_j`, :math:`S_j = \sum_i r_{ij} (x_i - \mu_j)^2`.

    Raises
    ------
    EstimationError
        If a component's responsibilities all underflow to 0.
    ValueError
        As :func:`mixture_loglik`, or for a malformed prior.

    Examples
    --------
    >>> w, mu, sd = em_update([0.0, 2.0], [1.0], [5.0], [1.0])
    >>> float(mu[0]), float(sd[0])
    (1.0, 1.0)
    """
    data = check.observations(x, "x").astype(float).ravel()
    prior, alpha = _prior_arguments(variance_prior, weight_prior)
    reg = float(check.nonnegative(check.number(reg_covar, "reg_covar"), "reg_covar"))
    resp = mixture_responsibilities(data, weights, means, sigmas)
    return _m_step(data, resp, prior, alpha, reg)


def _log_prior(w: np.ndarray, sd: np.ndarray, prior: tuple[float, float] | None,
               alpha: float | None) -> float:
    total = 0.0
    if prior is not None:  # the inverse-gamma density of each variance
        a, b = prior
        var = sd**2
        total += float(np.sum(a * math.log(b) - special.gammaln(a) - (a + 1) * np.log(var)
                              - b / var))
    if alpha is not None:  # the symmetric Dirichlet density of the weights
        k = w.size
        total += float(special.gammaln(k * alpha) - k * special.gammaln(alpha)
                       + np.sum(special.xlogy(alpha - 1, w)))
    return total


def _starting_values(data: np.ndarray, n_components: int | None, weights: Any, means: Any,
                     sigmas: Any, rng: np.random.Generator | None
                     ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    if means is not None:
        mu = check.finite(means, "means").astype(float).ravel()
        k = mu.size
        if n_components is not None and check_count(n_components, "n_components") != k:
            raise ValueError(wrap(
                f"n_components is {n_components} but means has {k} entries"))
    else:
        if rng is None or n_components is None:
            raise TypeError(wrap(
                "give the starting means, or n_components and a seeded rng to draw them "
                "from the data"))
        if not isinstance(rng, np.random.Generator):
            raise TypeError(wrap(f"rng must be a numpy Generator; got {rng!r}"))
        k = check_count(n_components, "n_components")
        distinct = np.unique(data)
        if k > distinct.size:
            raise ValueError(wrap(
                f"n_components = {k} exceeds the {distinct.size} distinct values of x"))
        mu = rng.choice(distinct, size=k, replace=False)
    spread = float(np.std(data))
    if sigmas is None:
        if spread == 0:
            raise ValueError("x has no spread (all values equal): give sigmas")
        sigmas = np.full(k, spread)
    if weights is None:
        weights = np.full(k, 1.0 / k)
    return _components(weights, mu, sigmas)


def _logsumexp_last(values: np.ndarray) -> np.ndarray:
    """logsumexp over the last axis, which is short (the K components): a loop over it is
    much faster than numpy's reductions along a short innermost axis."""
    columns = [values[..., j] for j in range(values.shape[-1])]
    top = columns[0]
    for column in columns[1:]:
        top = np.maximum(top, column)
    with np.errstate(invalid="ignore"):  # -inf - -inf where every column is -inf
        total = sum(np.exp(column - top) for column in columns)
    return top + np.log(total)


def _options(variance_prior: Any, weight_prior: Any, reg_covar: Any, tol: Any, max_iter: Any,
             collapse_tol: Any) -> dict[str, Any]:
    prior, alpha = _prior_arguments(variance_prior, weight_prior)
    return {
        "prior": prior, "alpha": alpha,
        "reg": float(check.nonnegative(check.number(reg_covar, "reg_covar"), "reg_covar")),
        "tol": float(check.positive(check.number(tol, "tol"), "tol")),
        "max_iter": check_count(max_iter, "max_iter"),
        "collapse": float(check.positive(check.number(collapse_tol, "collapse_tol"),
                                         "collapse_tol")),
    }


def _run_em(data: np.ndarray, w: np.ndarray, mu: np.ndarray, sd: np.ndarray,
            options: dict[str, Any]) -> list[MixtureResult | EstimationError]:
    """EM from S starts at once (w, mu, sd of shape (S, K)); one result or error per start."""
    prior, alpha, reg = options["prior"], options["alpha"], options["reg"]
    n, (starts, k) = data.size, w.shape
    floor = options["collapse"] * float(np.std(data))
    w, mu, sd = w.copy(), mu.copy(), sd.copy()

    def evaluate(index: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        with np.errstate(divide="ignore", over="ignore"):  # as in _joint
            z = (data[None, :, None] - mu[index, None, :]) / sd[index, None, :]
            joint = (np.log(w[index, None, :]) - np.log(sd[index, None, :])
                     - 0.5 * _LOG_2PI - 0.5 * z * z)
        lse = _logsumexp_last(joint)
        llf = lse.sum(axis=1)
        if prior is None and alpha is None:
            return joint - lse[..., None], llf, llf
        value = llf + np.array([_log_prior(w[i], sd[i], prior, alpha) for i in index])
        return joint - lse[..., None], llf, value

    everyone = np.arange(starts)
    log_resp, llf, value = evaluate(everyone)
    llfs = llf.copy()
    histories: list[list[float]] = [[float(v)] for v in value]
    last = value.copy()
    outcome: list[MixtureResult | EstimationError | None] = [None] * starts
    n_iter = np.zeros(starts, dtype=int)
    active = everyone
    for iteration in range(1, options["max_iter"] + 1):
        if active.size == 0:
            break
        resp = np.exp(log_resp)
        counts = resp.sum(axis=1)
        empty = np.any(counts <= 0, axis=1)
        for i in np.flatnonzero(empty):
            j = int(np.argmin(counts[i]))
            outcome[active[i]] = EstimationError(wrap(
                f"component {j} has no observations left after {iteration} EM iterations "
                "(its responsibilities all underflowed to 0): its mean is undefined. Start "
                "it elsewhere, or use fewer components"))
        keep = ~empty
        active, resp, counts = active[keep], resp[keep], counts[keep]
        if active.size == 0:
            break
        if alpha is None:
            w[active] = counts / n
        else:
            w[active] = (counts + alpha - 1) / (n + k * (alpha - 1))
        mu[active] = np.einsum("snk,n->sk", resp, data) / counts
        spread = np.einsum("snk,snk->sk", resp, (data[None, :, None] - mu[active, None, :]) ** 2)
        if prior is None:
            variance = spread / counts
        else:
            variance = (spread + 2 * prior[1]) / (counts + 2 * (prior[0] + 1))
        sd[active] = np.sqrt(variance + reg)
        n_iter[active] = iteration
        collapsed = np.any(sd[active] <= floor, axis=1)
        for s in active[collapsed]:
            j = int(np.argmin(sd[s]))
            near = int(np.sum(np.abs(data - mu[s, j]) <= 1e-9 * max(1.0, abs(mu[s, j]))))
            outcome[s] = ComponentCollapseError(wrap(
                f"component {j} collapsed onto x = {mu[s, j]:.6g} after {iteration} EM "
                f"iteration{'' if iteration == 1 else 's'} (sigma < {floor:.1g}; {near} "
                "observations equal that value): the likelihood grows without bound as "
                "sigma -> 0, so no MLE exists. Use variance_prior=(shape, scale) "
                "(MAP-EM), reg_covar > 0, or another start"))
        active = active[~collapsed]
        if active.size == 0:
            break
        log_resp, llf, value = evaluate(active)
        llfs[active] = llf
        for position, s in enumerate(active):
            histories[s].append(float(value[position]))
        done = np.abs(value - last[active]) < options["tol"] * n
        last[active] = value
        for s in active[done]:
            outcome[s] = _result(w[s], mu[s], sd[s], float(llfs[s]), n, int(n_iter[s]), True,
                                 histories[s], prior, alpha)
        active, log_resp = active[~done], log_resp[~done]
    for s in active:  # not converged
        outcome[s] = _result(w[s], mu[s], sd[s], float(llfs[s]), n, int(n_iter[s]), False,
                             histories[s], prior, alpha)
    return [item for item in outcome if item is not None]


def _result(w: np.ndarray, mu: np.ndarray, sd: np.ndarray, llf: float, n: int, n_iter: int,
            converged: bool, history: list[float], prior: Any, alpha: Any) -> MixtureResult:
    plain = prior is None and alpha is None
    return MixtureResult(weights=w.copy(), means=mu.copy(), sigmas=sd.copy(), llf=llf, nobs=n,
                         n_iter=n_iter, converged=converged, history=np.array(history),
                         estimator="MLE" if plain else "MAP",
                         log_posterior=None if plain else history[-1])


def fit_gaussian_mixture(x: Any, n_components: int | None = None, *,
                         weights: Any = None, means: Any = None, sigmas: Any = None,
                         rng: np.random.Generator | None = None,
                         variance_prior: tuple[float, float] | None = None,
                         weight_prior: float | None = None, reg_covar: float = 0.0,
                         tol: float = 1e-10, max_iter: int = 10_000,
                         collapse_tol: float = 1e-6,
                         on_failure: str = "raise") -> MixtureResult:
    r"""Fit a univariate Gaussian mixture by EM (or, with a prior, by MAP-EM).

    Introduced in Chapter 11 (When maximum likelihood fails).

    Parameters
    ----------
    x : array_like, shape (n,)
        The observations.
    n_components : int, optional
        K. Needed when the starting means are drawn with `rng`.
    weights, means, sigmas : array_like, shape (K,), optional
        The starting values. Without `means`, K distinct data values drawn with `rng`;
        without `sigmas`, the standard deviation of x for every component; without
        `weights`, 1/K each.
    rng : numpy.random.Generator, optional
        Draws the starting means when `means` is not given.
    variance_prior : (float, float), optional
        Shape and scale of an inverse-gamma prior on every variance (MAP-EM; see
        :func:`em_update`). It keeps every variance above ``2 scale / (n + 2 shape + 2)``, so
        no component can collapse.
    weight_prior : float, optional
        A symmetric Dirichlet concentration (>= 1) for the weights (MAP-EM).
    reg_covar : float, default 0
        Added to every variance after each M-step, as scikit-learn's ``reg_covar``. It prevents
        a collapse, but the iteration then maximises no stated objective, so `history` is not
        guaranteed to be monotone.
    tol : float, default 1e-10
        Stop when the objective per observation changes by less than `tol`.
    max_iter : int, default 10000
        The maximum number of EM iterations.
    collapse_tol : float, default 1e-6
        A component whose sigma falls below ``collapse_tol * std(x)`` has collapsed.
    on_failure : {"raise", "return"}, default "raise"
        Without convergence after `max_iter` iterations: raise, or return the last iterate
        with ``converged=False``.

    Returns
    -------
    MixtureResult
        The estimate, its log-likelihood, the number of iterations and the history of the
        objective (log-likelihood, or log posterior for MAP-EM).

    Raises
    ------
    ComponentCollapseError
        If a component shrinks onto a point (the likelihood is unbounded: there is no MLE
        there). The message says where and suggests a prior or `reg_covar`.
    EstimationError
        If a component loses all its observations, or EM does not converge (with
        ``on_failure="raise"``).
    TypeError, ValueError
        For malformed data, starting values, priors or options.

    Notes
    -----
    EM never decreases the log-likelihood: the E-step makes a lower bound (Jensen's
    inequality) touch the log-likelihood at the current parameters, and the M-step maximises
    that bound. It converges to a stationary point (a local maximum, in practice), which
    depends on the start; run it from several starts (:func:`fit_gaussian_mixture_starts`)
    and keep the best.

    Examples
    --------
    >>> x = [-2.1, -1.9, -2.0, 2.0, 2.2, 1.8]
    >>> fit = fit_gaussian_mixture(x, means=[-1.0, 1.0], sigmas=[1.0, 1.0])
    >>> [round(float(m), 6) for m in sorted(fit.means)]
    [-2.0, 2.0]
    """
    data = check.observations(x, "x").astype(float).ravel()
    options = _options(variance_prior, weight_prior, reg_covar, tol, max_iter, collapse_tol)
    if on_failure not in ("raise", "return"):
        raise ValueError(f"on_failure must be 'raise' or 'return'; got {on_failure!r}")
    w, mu, sd = _starting_values(data, n_components, weights, means, sigmas, rng)
    (outcome,) = _run_em(data, w[None], mu[None], sd[None], options)
    if isinstance(outcome, EstimationError):
        raise outcome
    if not outcome.converged and on_failure == "raise":
        change = abs(outcome.history[-1] - outcome.history[-2])
        raise EstimationError(wrap(
            f"EM did not converge in {outcome.n_iter} iterations (the objective still "
            f"changed by {change:.3g}). EM is slow where components overlap; raise max_iter "
            "or loosen tol"))
    return outcome


def fit_gaussian_mixture_starts(x: Any, n_components: int, n_starts: int, *,
                                rng: np.random.Generator, sigmas: Any = None,
                                variance_prior: tuple[float, float] | None = None,
                                weight_prior: float | None = None, reg_covar: float = 0.0,
                                tol: float = 1e-10, max_iter: int = 10_000,
                                collapse_tol: float = 1e-6
                                ) -> list[MixtureResult | EstimationError]:
    r"""EM from many random starts at once: the census of a mixture's local maxima.

    Introduced in Chapter 11 (When maximum likelihood fails).

    Parameters
    ----------
    x : array_like, shape (n,)
        The observations.
    n_components : int
        K.
    n_starts : int
        How many starts; each draws K distinct data values as its means, in order, from `rng`.
    rng : numpy.random.Generator
        The source of the starting means.
    sigmas : array_like, shape (K,), optional
        The starting standard deviations of every start (default: the std of x).
    variance_prior, weight_prior, reg_covar, tol, max_iter, collapse_tol : optional
        As in :func:`fit_gaussian_mixture`.

    Returns
    -------
    list of MixtureResult or EstimationError
        One entry per start, in order: the fit, or the error that start ran into (a
        :class:`ComponentCollapseError` when a component collapsed). A fit that did not
        converge has ``converged=False``. All starts are iterated together, vectorised.

    Raises
    ------
    TypeError, ValueError
        For malformed data, starting values or options.

    Examples
    --------
    >>> import numpy as np
    >>> x = [-2.1, -1.9, -2.0, 2.0, 2.2, 1.8]
    >>> fits = fit_gaussian_mixture_starts(x, 2, 3, rng=np.random.default_rng(0))
    >>> len(fits)
    3
    """
    data = check.observations(x, "x").astype(float).ravel()
    options = _options(variance_prior, weight_prior, reg_covar, tol, max_iter, collapse_tol)
    total = check_count(n_starts, "n_starts")
    starts = [_starting_values(data, n_components, None, None, sigmas, rng)
              for _ in range(total)]
    w, mu, sd = (np.stack(parts) for parts in zip(*starts, strict=True))
    return _run_em(data, w, mu, sd, options)
