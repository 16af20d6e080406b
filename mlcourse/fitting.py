r"""The general maximum-likelihood fitter and the result object every fit returns.

:func:`fit_mle` minimises a negative log-likelihood written with torch-aware functions (those of
:mod:`mlcourse.likelihood`, or torch operations). It runs Newton's method with the *exact*
Hessian from automatic differentiation, in an unconstrained parametrisation (``log`` for positive
parameters, ``logit`` for probabilities), and reports standard errors from the exact Hessian with
respect to the parameters as the user wrote them. No derivative anywhere is a finite difference.

The result, :class:`MLEResult`, uses the vocabulary of statsmodels: ``params``, ``bse``,
``cov_params()``, ``conf_int()``, ``llf``, ``aic``, ``bic``, ``nobs``, ``converged``,
``summary()``. :func:`mlcourse.logistic_regression` and :func:`mlcourse.poisson_regression` return
the same object.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from scipy import linalg, stats

from .trust_region import (
    Derivatives,
    DetachedError,
    Run,
    escape_degenerate,
    newton_trust_region,
)

__all__ = [
    "BoundaryError",
    "ConvergenceWarning",
    "EstimationError",
    "FitSpec",
    "MLEResult",
    "SeparationError",
    "fit_map",
    "fit_mle",
]

CONSTRAINTS = ("real", "positive", "probability")
# Beyond these unconstrained values a parameter is numerically on its boundary:
# sigmoid(-36) < 2.4e-16 (1 - p rounds to 1) and exp(-700) is near the smallest double.
BOUNDARY_ETA = {"probability": 36.0, "positive": 700.0}


class EstimationError(RuntimeError):
    """The maximum-likelihood estimate does not exist or could not be computed.

    Introduced in Chapter 3 (Coin flips: the Bernoulli MLE).
    """


class BoundaryError(EstimationError):
    """The likelihood is largest on the boundary of the parameter space (say p = 0).

    There the score is not zero and the Hessian says nothing about the uncertainty, so no
    standard error is reported. Introduced in Chapter 3 (Coin flips: the Bernoulli MLE).
    """


class SeparationError(EstimationError):
    """The classes are (quasi-)completely separated: the logistic-regression MLE does not exist.

    Introduced in Chapter 6 (Logistic regression is Bernoulli maximum likelihood).
    """


class ConvergenceWarning(UserWarning):
    """The optimiser stopped before meeting its convergence criterion.

    Introduced in Chapter 3 (Coin flips: the Bernoulli MLE).
    """


@dataclass(frozen=True)
class FitSpec:
    """What a fit of :func:`fit_mle` was asked to do, kept on its result so that the model can
    be refitted (a profile likelihood fixes one parameter and maximises over the others).

    Introduced in Chapter 10 (Large-sample theory: intervals and tests).

    Attributes
    ----------
    negloglik : callable
        The negative log-likelihood, as passed to :func:`fit_mle`.
    log_prior : callable or None
        The log prior density of a MAP fit, else None.
    constraints : dict of str to str
        The constraints of the fit.
    start : dict of str to ndarray
        The starting values of the fit.
    """

    negloglik: Callable[..., Any]
    log_prior: Callable[..., Any] | None
    constraints: Mapping[str, str]
    start: Mapping[str, Any]


@dataclass
class MLEResult:
    """A fitted maximum-likelihood model, in the vocabulary of statsmodels.

    Introduced in Chapter 3 (Coin flips: the Bernoulli MLE).

    Attributes
    ----------
    params : ndarray, shape (k,)
        The estimates, vector parameters flattened in order.
    names : tuple of str
        One name per entry of `params` (``"mu"``, ``"beta[0]"``, ...).
    hessian : ndarray, shape (k, k)
        The observed information: the Hessian of the negative log-likelihood at the estimate,
        with respect to `params`.
    llf : float
        The maximised log-likelihood.
    nobs : int or None
        The number of observations (needed for `bic`).
    converged : bool
        Whether the convergence criterion was met.
    n_iter : int
        Newton iterations taken.
    history : ndarray
        The negative log-likelihood at the start and after each iteration.
    method : str
        How the fit was computed.
    estimator : {"MLE", "MAP"}
        ``"MAP"`` for a fit with a prior (:func:`fit_map`): `params` is then the posterior mode,
        `hessian` the Hessian of the negative log posterior and :meth:`cov_params` the
        covariance of the Laplace approximation to the posterior (Chapter 9).
    log_posterior : float or None
        For a MAP fit, the log-likelihood plus the log prior at the mode (the log posterior up
        to its normalising constant); None for an MLE.
    spec : FitSpec or None
        The model and options of the fit (for refitting, e.g. profile likelihoods); None for
        results not produced by :func:`fit_mle`.
    """

    params: np.ndarray
    names: tuple[str, ...]
    hessian: np.ndarray
    llf: float
    nobs: int | None
    converged: bool
    n_iter: int
    history: np.ndarray
    method: str
    title: str = "Maximum-likelihood fit"
    shapes: dict[str, tuple[int, ...]] = field(default_factory=dict, repr=False)
    estimator: str = "MLE"
    log_posterior: float | None = None
    spec: FitSpec | None = field(default=None, repr=False, compare=False)
    _cov: np.ndarray | None = field(default=None, repr=False)
    _scale: np.ndarray | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        self.params = np.asarray(self.params, dtype=float)
        if not self.shapes:
            self.shapes = {name: () for name in self.names}
        if self._cov is None:
            self._cov = covariance_from_hessian(self.hessian, self.names)

    @property
    def df_model(self) -> int:
        """The number of estimated parameters, k."""
        return int(self.params.size)

    def cov_params(self) -> np.ndarray:
        """The estimated covariance matrix of `params`: the inverse observed information."""
        if self._scale is None:
            return self._cov.copy()
        return self._cov * np.outer(self._scale, self._scale)

    @property
    def bse(self) -> np.ndarray:
        """Standard errors: square roots of the diagonal of :meth:`cov_params`."""
        error = np.sqrt(np.diag(self._cov))
        return error if self._scale is None else error * self._scale

    @property
    def tvalues(self) -> np.ndarray:
        """Wald statistics ``params / bse`` (z values: the reference is the normal)."""
        return self.params / self.bse

    @property
    def pvalues(self) -> np.ndarray:
        """Two-sided p-values of the Wald statistics against the standard normal."""
        return 2 * stats.norm.sf(np.abs(self.tvalues))

    def conf_int(self, alpha: float = 0.05, method: str = "wald") -> np.ndarray:
        """Confidence intervals at level ``1 - alpha``, shape (k, 2).

        ``method="wald"`` gives ``params -/+ z_{1-alpha/2} bse``; ``method="profile"`` the
        profile-likelihood intervals of :func:`mlcourse.profile_conf_int` (Chapter 10).
        """
        if not 0 < alpha < 1:
            raise ValueError(f"alpha must lie strictly between 0 and 1; got {alpha!r}")
        if method == "profile":
            from .inference import profile_conf_int

            return profile_conf_int(self, alpha=alpha)
        if method != "wald":
            raise ValueError(f"method must be 'wald' or 'profile'; got {method!r}")
        half = stats.norm.ppf(1 - alpha / 2) * self.bse
        return np.column_stack([self.params - half, self.params + half])

    @property
    def aic(self) -> float:
        """Akaike's information criterion, ``2 k - 2 llf``."""
        return 2 * self.df_model - 2 * self.llf

    @property
    def bic(self) -> float:
        """The Bayesian information criterion, ``k log(nobs) - 2 llf``."""
        if self.nobs is None:
            raise ValueError("bic needs the number of observations: pass nobs= to the fit")
        if isinstance(self.nobs, bool) or not isinstance(self.nobs, (int, np.integer)) \
                or self.nobs < 1:
            raise ValueError(f"bic needs nobs, the number of observations, to be a positive "
                             f"whole number; got {self.nobs!r}")
        return self.df_model * math.log(self.nobs) - 2 * self.llf

    def param(self, name: str) -> Any:
        """The estimate of the parameter `name`, in its original shape (a float for a scalar)."""
        if name not in self.shapes:
            raise KeyError(f"no parameter {name!r}; the parameters are {list(self.shapes)}")
        start = 0
        for other, shape in self.shapes.items():
            size = math.prod(shape)
            if other == name:
                value = self.params[start:start + size]
                return float(value[0]) if shape == () else value.reshape(shape)
            start += size
        raise AssertionError("unreachable")

    def __getitem__(self, name: str) -> Any:
        return self.param(name)

    def summary(self, alpha: float = 0.05) -> str:
        """A readable table: fit statistics, then one row per parameter."""
        what = "a posterior mode" if self.estimator == "MAP" else \
            "a maximum-likelihood estimate"
        title = self.title if self.converged else (
            f"{self.title}\nNOT CONVERGED: the last iterate, not {what}")
        if self.estimator == "MAP":
            first = [("Log-likelihood", f"{self.llf:.6g}"),
                     ("Log posterior", f"{self.log_posterior:.6g}")]
            errors = ("Standard errors: the Laplace approximation (inverse Hessian of the "
                      "negative\nlog posterior at the mode).")
        else:
            first = [("Log-likelihood", f"{self.llf:.6g}"), ("AIC", f"{self.aic:.6g}")]
            errors = "Standard errors: inverse of the exact Hessian (the observed information)."
        return summary_table(
            title,
            [*first,
             ("Observations", "-" if self.nobs is None else str(self.nobs)),
             ("BIC", "-" if self.nobs is None else f"{self.bic:.6g}"),
             ("Parameters", str(self.df_model)),
             ("Converged", f"{'yes' if self.converged else 'NO'} ({self.n_iter} iterations)")],
            self.names, self.params, self.bse, self.tvalues, self.pvalues,
            self.conf_int(alpha), alpha, statistic="z",
            footer=f"Method: {self.method}.\n{errors}")

    def __str__(self) -> str:
        return self.summary()


def covariance_from_hessian(hessian: np.ndarray, names: tuple[str, ...]) -> np.ndarray:
    """Invert a positive-definite observed information, or say which parameters are not
    identified."""
    hessian = np.asarray(hessian, dtype=float)
    if not np.all(np.isfinite(hessian)):
        raise EstimationError("the Hessian at the estimate is not finite, so no standard errors")
    hessian = (hessian + hessian.T) / 2
    diagonal = np.diag(hessian)
    # Judged on the scale-free form D^-1/2 H D^-1/2 (unit diagonal), so that parameters in very
    # different units do not look singular, and a singular H that rounding makes factorisable
    # (pivots of 1e-15) does not look identified.
    if np.all(diagonal > 0):
        scaled = hessian / np.sqrt(np.outer(diagonal, diagonal))
        values, vectors = np.linalg.eigh(scaled)
    else:
        values, vectors = np.linalg.eigh(hessian)
    if values[0] <= 1e-12 * max(values[-1], 1.0):
        direction = vectors[:, 0]
        involved = [n for n, w in zip(names, direction, strict=True)
                    if abs(w) > 0.1 * np.abs(direction).max()]
        raise EstimationError(wrap(
            "the Hessian of the negative log-likelihood at the estimate is not positive "
            f"definite: the likelihood is flat (or not twice differentiable) along a direction "
            f"involving {', '.join(involved)}, so no standard errors exist. Either these "
            "parameters are not identified (fix one of them, or remove a redundant column), or "
            "the likelihood has a kink at the estimate (a Laplace location, say)"))
    return linalg.cho_solve(linalg.cho_factor(hessian), np.eye(len(hessian)))


def summary_table(title: str, stats_rows: list[tuple[str, str]], names: tuple[str, ...],
                  params: np.ndarray, bse: np.ndarray, tvalues: np.ndarray, pvalues: np.ndarray,
                  intervals: np.ndarray, alpha: float, *, statistic: str, footer: str) -> str:
    """The text table printed by the ``summary()`` of every result."""
    width = 78
    lines = [title, "=" * width]
    for left, right in zip(stats_rows[::2], stats_rows[1::2], strict=False):
        lines.append(f"{left[0]:<16}{left[1]:>20}    {right[0]:<16}{right[1]:>20}")
    if len(stats_rows) % 2:
        lines.append(f"{stats_rows[-1][0]:<16}{stats_rows[-1][1]:>20}")
    lines.append("-" * width)
    lo, hi = f"[{alpha / 2:.3g}", f"{1 - alpha / 2:.3g}]"
    name_width = max(8, *(len(n) for n in names))
    lines.append(f"{'':<{name_width}} {'coef':>11} {'std err':>10} {statistic:>8} "
                 f"{'P>|' + statistic + '|':>7} {lo:>11} {hi:>11}")
    for row in zip(names, params, bse, tvalues, pvalues, intervals, strict=True):
        name, value, error, t, p, (low, high) = row
        if abs(value) < 1e-10 * error:
            # Rounding noise around an exact 0 (a coefficient whose estimate is 0 by
            # symmetry), which would otherwise print as, say, -2.6e-16 with a signed z.
            value, t = 0.0, 0.0
        lines.append(f"{name:<{name_width}} {value:>11.5g} {error:>10.4g} {t:>8.3f} "
                     f"{p:>7.3f} {low:>11.5g} {high:>11.5g}")
    lines += ["=" * width, footer]
    return "\n".join(lines)


# --------------------------------------------------------------------------------------------
# The fitter


@dataclass(frozen=True)
class _Block:
    name: str
    shape: tuple[int, ...]
    start: int
    size: int
    constraint: str


def _blocks(start: Mapping[str, Any], constraints: Mapping[str, str]) -> tuple[list[_Block],
                                                                               np.ndarray]:
    if not isinstance(start, Mapping) or not start:
        raise ValueError("start must be a non-empty dict of parameter names to starting values, "
                         "e.g. {'mu': 0.0, 'sigma': 1.0}")
    if not isinstance(constraints, Mapping):
        raise ValueError("constraints must be a dict of parameter names to 'real', "
                         f"'positive' or 'probability'; got {constraints!r}")
    unknown = set(constraints) - set(start)
    if unknown:
        raise ValueError(f"constraints name parameters not in start: {sorted(unknown)}")
    blocks, values, offset = [], [], 0
    for name, value in start.items():
        try:
            array = np.asarray(value, dtype=float)
        except (TypeError, ValueError):
            raise ValueError(f"start[{name!r}] must be a number or an array of numbers; got "
                             f"{value!r}") from None
        if array.size == 0 or not np.all(np.isfinite(array)):
            raise ValueError(f"start[{name!r}] must be finite and non-empty; got {value!r}")
        kind = constraints.get(name, "real")
        if kind not in CONSTRAINTS:
            raise ValueError(f"constraints[{name!r}] must be one of {CONSTRAINTS}; got {kind!r}")
        if kind == "positive" and np.any(array <= 0):
            raise ValueError(f"start[{name!r}] must be > 0 (it is constrained positive); "
                             f"got {value!r}")
        if kind == "probability" and np.any((array <= 0) | (array >= 1)):
            raise ValueError(f"start[{name!r}] must lie strictly between 0 and 1 (it is a "
                             f"probability); got {value!r}")
        blocks.append(_Block(name, array.shape, offset, array.size, kind))
        values.append(array.ravel())
        offset += array.size
    return blocks, np.concatenate(values)


def _names(blocks: list[_Block]) -> tuple[str, ...]:
    names: list[str] = []
    for block in blocks:
        if block.shape == ():
            names.append(block.name)
        else:
            names += [f"{block.name}[{', '.join(map(str, index))}]"
                      for index in np.ndindex(*block.shape)]
    return tuple(names)


def _to_free(blocks: list[_Block], theta: np.ndarray) -> np.ndarray:
    eta = theta.copy()
    for b in blocks:
        part = slice(b.start, b.start + b.size)
        if b.constraint == "positive":
            eta[part] = np.log(theta[part])
        elif b.constraint == "probability":
            eta[part] = np.log(theta[part]) - np.log1p(-theta[part])
    return eta


def _from_free(torch: Any, blocks: list[_Block], eta: Any) -> Any:
    parts = []
    for b in blocks:
        part = eta[b.start:b.start + b.size]
        if b.constraint == "positive":
            part = torch.exp(part)
        elif b.constraint == "probability":
            part = torch.sigmoid(part)
        parts.append(part)
    return torch.cat(parts)


def _objective(torch: Any, negloglik: Callable[..., Any], blocks: list[_Block],
               label: str = "negloglik") -> Callable[..., Any]:
    """`negloglik` as a function of the vector of parameters (``free=True``: of the
    unconstrained ones, each mapped straight to its named argument, so that the autograd
    graph has no more nodes than the parametrisation needs)."""
    def value(theta: Any, free: bool = False) -> Any:
        kwargs = {}
        for b in blocks:
            # A scalar is taken by indexing (one autograd node rather than a slice and a
            # reshape: fewer nodes, faster passes), a block by a slice.
            part = theta[b.start] if b.shape == () else \
                theta[b.start:b.start + b.size].reshape(b.shape)
            if free and b.constraint == "positive":
                part = torch.exp(part)
            elif free and b.constraint == "probability":
                part = torch.sigmoid(part)
            kwargs[b.name] = part
        out = negloglik(**kwargs)
        if not torch.is_tensor(out):
            raise TypeError(
                f"{label} must return a torch scalar so that its exact derivatives exist; it "
                f"returned {type(out).__name__}. Write it with mlcourse's likelihood functions "
                "(they accept tensors) or torch operations, not numpy ones.")
        if out.numel() != 1:
            raise ValueError(f"{label} must return a scalar; it returned shape "
                             f"{tuple(out.shape)} (did you forget to sum?)")
        return out if out.dim() == 0 else out.reshape(())
    return value


def fit_mle(negloglik: Callable[..., Any], start: Mapping[str, Any], *,
            constraints: Mapping[str, str] | None = None, nobs: int | None = None,
            max_iter: int = 1000, title: str | None = None,
            on_failure: str = "raise", log_prior: Callable[..., Any] | None = None
            ) -> MLEResult:
    r"""Maximise a likelihood by Newton's method with exact (autograd) derivatives.

    Introduced in Chapter 3 (Coin flips: the Bernoulli MLE).

    Parameters
    ----------
    negloglik : callable
        ``negloglik(**params)`` returns the negative log-likelihood as a scalar torch tensor.
        It is called with one float64 tensor per parameter, named and shaped as in `start`.
        Write it with :mod:`mlcourse.likelihood` (whose functions accept tensors) or torch
        operations, e.g. ``lambda mu, sigma: -mlcourse.gaussian_loglik(x, mu, sigma)``.
    start : dict of str to float or array_like
        Starting values, in the parametrisation of `negloglik`. Array values are vector (or
        matrix) parameters.
    constraints : dict of str to {"real", "positive", "probability"}, optional
        Parameters not named are real. A positive parameter is optimised as its log, a
        probability as its logit; estimates and standard errors are reported for the
        parameter itself.
    nobs : int, optional
        The number of observations (a positive whole number), for `bic` and the summary.
    max_iter : int, default 1000
        The maximum number of Newton iterations (a positive whole number).
    title : str, optional
        The first line of ``summary()``; by default "Maximum-likelihood fit", or "Maximum a
        posteriori fit" with a prior.
    on_failure : {"raise", "return"}, default "raise"
        What to do when the convergence test is not met: raise an :class:`EstimationError`
        that says why, or return the last iterate with ``converged=False`` (with a
        :class:`ConvergenceWarning`; its ``summary()`` then says NOT CONVERGED).
    log_prior : callable, optional
        ``log_prior(**params)``: the log density of a prior on the parameters as written in
        `start` (not on the unconstrained scale the optimiser uses), as a torch scalar. The fit
        then maximises log-likelihood + log prior and returns the posterior mode (MAP) with
        ``estimator="MAP"``; see :func:`fit_map` (Chapter 9).

    Returns
    -------
    MLEResult
        Estimates, standard errors from the inverse of the exact Hessian of the negative
        log-likelihood at the estimate, log-likelihood, AIC/BIC, convergence information.

    Raises
    ------
    BoundaryError
        If the maximum lies on the boundary of a constrained parameter (a probability of 0
        or 1, a scale of 0), or on the edge of the region where `negloglik` is finite, where
        no standard error exists.
    EstimationError
        If the fit does not converge (the message says what happened and what may help), the
        Hessian at the estimate is not positive definite (parameters not identified), or the
        negative log-likelihood is not finite at the start.
    TypeError
        If `negloglik` does not return a torch tensor, or returns one detached from its
        parameters (so that no derivative exists).
    ValueError
        If `start`, `constraints`, `nobs`, `max_iter` or `on_failure` are malformed.

    Warns
    -----
    ConvergenceWarning
        With ``on_failure="return"``, if the convergence test was not met.

    Notes
    -----
    The fit runs in the unconstrained parameters. Where the Hessian :math:`H` is positive
    definite, each iteration takes the Newton step :math:`-H^{-1} g` with a backtracking line
    search that only accepts a decrease (and, where the step did better than its quadratic model
    far from the optimum, tries it at twice, four times... its length). Where it is not (far
    from the optimum of a nonconvex likelihood), or the line search fails, it takes a
    trust-region step: the exact minimiser of the quadratic model within :math:`\|D s\| \le
    \Delta`, with :math:`D` the square roots of the Hessian's diagonal (Moré's scaling), which
    makes the method invariant to the units of the parameters. It stops when the Newton
    decrement :math:`g^\top H^{-1} g` falls below ``1e-20 (1 + |f|)``, or below ``1e-12 (1 +
    |f|)`` when rounding error prevents further decrease: near the optimum Newton converges
    quadratically, so the estimates are then accurate to about the precision of the negative
    log-likelihood itself. Where no step lowers the objective because its own rounding noise
    (measured as Moré and Wild do, and far above :math:`\epsilon |f|` where it is computed by
    cancellation: the residuals of a near-exact fit, at the rounding floor of the data) exceeds
    the decrease that a short Newton step promises, the fit stops there, and its ``method`` says
    so; the estimate is then as precise as the objective's values allow. A stationary point with
    a singular Hessian (a degenerate saddle, such as two merged components of a model) is
    restarted from the way down found along its flat valley, or from both sides of its flat
    direction, before it is reported; of equally good restarts (the components relabelled) the
    one nearest `start` is kept. On NIST's nonlinear least-squares problems (Gaussian maximum
    likelihood) this reaches 10 to 11 correct digits. Positive parameters beyond about 1e154 or
    below 1e-154, whose squares leave float64, raise an EstimationError: the exact second
    derivatives through them overflow there.

    Examples
    --------
    >>> import numpy as np
    >>> from mlcourse import bernoulli_loglik
    >>> flips = np.array([1, 1, 0, 1, 0, 1, 1, 1, 0, 1])
    >>> fit = fit_mle(lambda p: -bernoulli_loglik(flips, p), {"p": 0.5},
    ...               constraints={"p": "probability"}, nobs=flips.size)
    >>> print(f"{fit['p']:.6f} +/- {fit.bse[0]:.6f}")
    0.700000 +/- 0.144914
    """
    import torch

    if title is None:
        title = "Maximum-likelihood fit" if log_prior is None else "Maximum a posteriori fit"
    _check_options(nobs, max_iter, title, on_failure)
    if log_prior is not None and not callable(log_prior):
        raise TypeError(f"log_prior must be a function of the parameters; got "
                        f"{type(log_prior).__name__}")
    blocks, theta0 = _blocks(start, constraints or {})
    likelihood = _objective(torch, negloglik, blocks)
    if log_prior is None:
        objective = likelihood

        def free_objective(eta: Any) -> Any:
            return likelihood(eta, free=True)
    else:
        prior = _objective(torch, lambda **kw: -log_prior(**kw), blocks, "log_prior")

        def objective(theta: Any) -> Any:
            return likelihood(theta) + prior(theta)

        def free_objective(eta: Any) -> Any:
            return likelihood(eta, free=True) + prior(eta, free=True)

    eta0 = _to_free(blocks, theta0)
    derivatives = Derivatives(torch, free_objective)
    f0 = derivatives.start(eta0)  # kept with its graph for the first iteration
    if f0 is None:
        with torch.no_grad():
            f0 = float(free_objective(torch.tensor(eta0, dtype=torch.float64)))
    if not math.isfinite(f0):
        raise EstimationError(wrap(
            f"the negative log-likelihood is {f0} at the starting values {dict(start)}; "
            "start where the data have positive probability"))
    names = _names(blocks)
    try:
        run = newton_trust_region(torch, free_objective, eta0, max_iter, derivatives)
    except DetachedError as error:
        raise TypeError(str(error)) from None
    eta = torch.tensor(run.eta, dtype=torch.float64)
    if run.converged:
        _raise_if_on_boundary(blocks, run.eta)
    elif on_failure == "raise":
        _raise_if_on_boundary(blocks, run.eta, finished=True)
        _raise_if_out_of_range(blocks, run.eta)
        raise _failure(run, blocks)
    theta = _from_free(torch, blocks, eta).detach()
    gradient, hessian = _final_derivatives(torch, objective, blocks, derivatives, run.eta,
                                           theta.numpy())
    if run.converged and not _positive_definite(hessian):
        # A degenerate stationary point: try to escape it before reporting it.
        escaped = escape_degenerate(torch, free_objective, run, max_iter, eta0)
        if escaped is not run:
            run = escaped
            _raise_if_on_boundary(blocks, run.eta, finished=not run.converged)
            if not run.converged and on_failure == "raise":
                # Far lower than the degenerate point, but not converged: say why.
                _raise_if_out_of_range(blocks, run.eta)
                raise _failure(run, blocks)
            theta = _from_free(torch, blocks,
                               torch.tensor(run.eta, dtype=torch.float64)).detach()
            _, gradient, hessian = Derivatives(torch, objective)(theta.numpy())
    try:
        cov = covariance_from_hessian(hessian, names)
    except EstimationError:
        _raise_if_on_boundary(blocks, run.eta, start=eta0)
        _raise_if_out_of_range(blocks, run.eta)
        if run.converged:
            raise
        cov = np.full_like(hessian, np.nan)
    if run.converged:
        _raise_if_stuck_at_boundary(blocks, theta.numpy(), gradient, cov, run.f)
        _raise_if_flat(names, theta.numpy(), cov)
    if not run.converged:
        import warnings

        warnings.warn(str(_failure(run, blocks)) + "\nReturning the last iterate, as asked "
                      "(on_failure='return').", ConvergenceWarning, stacklevel=2)
    spec = FitSpec(negloglik=negloglik, log_prior=log_prior,
                   constraints=dict(constraints or {}),
                   start={b.name: np.asarray(start[b.name], dtype=float) for b in blocks})
    if log_prior is None:
        llf, log_posterior, estimator, method = -run.f, None, "MLE", run.method
    else:
        with torch.no_grad():
            llf = -float(likelihood(theta))
        log_posterior, estimator, method = -run.f, "MAP", run.method + ", with a prior"
    return MLEResult(params=theta.numpy().copy(), names=names, hessian=hessian,
                     llf=llf, nobs=nobs, converged=run.converged, n_iter=run.n_iter,
                     history=np.array(run.history), method=method,
                     title=title, shapes={b.name: b.shape for b in blocks}, _cov=cov,
                     estimator=estimator, log_posterior=log_posterior, spec=spec)


def fit_map(negloglik: Callable[..., Any], log_prior: Callable[..., Any],
            start: Mapping[str, Any], **options: Any) -> MLEResult:
    r"""The maximum a posteriori (MAP) estimate: the mode of likelihood x prior.

    Introduced in Chapter 9 (MAP estimation and regularisation).

    The same engine as :func:`fit_mle`, maximising :math:`\log p(x \mid \theta) + \log
    p(\theta)`. The prior is a density on the parameters as written in `start`: the mode of a
    density depends on the parametrisation (a MAP estimate is not invariant, unlike an MLE), so
    a prior on ``p`` and the same prior carried to ``logit(p)`` have different modes.

    Parameters
    ----------
    negloglik : callable
        The negative log-likelihood, as for :func:`fit_mle`.
    log_prior : callable
        ``log_prior(**params)``: the log prior density (a torch scalar; constants may be
        dropped).
    start : dict of str to float or array_like
        Starting values.
    **options
        ``constraints``, ``nobs``, ``max_iter``, ``title``, ``on_failure``, as for
        :func:`fit_mle`.

    Returns
    -------
    MLEResult
        With ``estimator="MAP"``: `params` is the posterior mode, `llf` the log-likelihood
        there, `log_posterior` the log-likelihood plus the log prior, and :meth:`cov_params`
        the inverse Hessian of the negative log posterior (the Laplace approximation).

    Raises
    ------
    TypeError, ValueError, EstimationError
        As for :func:`fit_mle`.

    Examples
    --------
    A Beta(2, 2) prior on the probability of heads: the mode is (k + 1) / (n + 2).

    >>> import torch
    >>> from mlcourse import bernoulli_loglik
    >>> tails = [0] * 10
    >>> fit = fit_map(lambda p: -bernoulli_loglik(tails, p),
    ...               lambda p: torch.log(p) + torch.log1p(-p), {"p": 0.5},
    ...               constraints={"p": "probability"})
    >>> print(f"{fit['p']:.6f}")
    0.083333
    """
    if not callable(log_prior):
        raise TypeError(f"log_prior must be a function of the parameters; got "
                        f"{type(log_prior).__name__}")
    return fit_mle(negloglik, start, log_prior=log_prior, **options)


def _check_options(nobs: Any, max_iter: Any, title: Any, on_failure: Any) -> None:
    if nobs is not None:
        check_count(nobs, "nobs")
    check_count(max_iter, "max_iter")
    if not isinstance(title, str):
        raise TypeError(f"title must be a str; got {type(title).__name__}")
    if on_failure not in ("raise", "return"):
        raise ValueError(f"on_failure must be 'raise' or 'return'; got {on_failure!r}")


def check_count(value: Any, name: str) -> int:
    """A positive whole number (not a bool), or a ValueError naming `name`."""
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < 1:
        raise ValueError(f"{name} must be a positive whole number; got {value!r}")
    return int(value)


def wrap(text: str, width: int = 78) -> str:
    """Wrap an error message to lines of at most `width` characters (notebook output is 80
    columns wide); existing line breaks are kept."""
    import textwrap

    return "\n".join(textwrap.fill(line, width, break_long_words=False,
                                    break_on_hyphens=False) or line
                     for line in text.split("\n"))


def _final_derivatives(torch: Any, objective: Callable[..., Any], blocks: list[_Block],
                       derivatives: Derivatives, eta: np.ndarray, theta: np.ndarray
                       ) -> tuple[np.ndarray, np.ndarray]:
    """The gradient and Hessian of `objective` at `theta`, the parameters as the user wrote
    them.

    Where the fit's last evaluation was at `eta` (theta's free coordinates), they follow from
    its derivatives by the chain rule, without another evaluation: with theta_i = phi(eta_i)
    elementwise, dF/d theta_i = F_i / phi'_i and d2F/d theta_i d theta_j = (F_ij - delta_ij
    F_i phi''_i / phi'_i) / (phi'_i phi'_j), with phi' = theta and phi''/phi' = 1 for a log,
    phi' = p (1 - p) and phi''/phi' = 1 - 2p for a logit (from sigmoid(eta) and sigmoid(-eta),
    without cancellation). Else, or where phi' is so small or large that its square leaves
    float64, or the objective is not computed in float64 (whose rounding the chain rule would
    carry into the user's parametrisation), they are computed afresh.
    """
    slope = np.ones_like(theta)
    bend = np.zeros_like(theta)
    for b in blocks:
        part = slice(b.start, b.start + b.size)
        if b.constraint == "positive":
            slope[part], bend[part] = theta[part], 1.0
        elif b.constraint == "probability":
            up = 1 / (1 + np.exp(-eta[part]))
            down = 1 / (1 + np.exp(eta[part]))
            slope[part], bend[part] = up * down, down - up
    found = None
    if np.all((slope > 1e-100) & (slope < 1e100)):
        found = derivatives.at(eta)
    if found is None:
        _, gradient, hessian = Derivatives(torch, objective)(theta)
        return gradient, hessian
    _, free_gradient, free_hessian = found
    gradient = free_gradient / slope
    hessian = (free_hessian - np.diag(free_gradient * bend)) / np.outer(slope, slope)
    return gradient, (hessian + hessian.T) / 2


def hessian_of(torch: Any, function: Callable[[Any], Any], point: Any) -> np.ndarray:
    """The exact Hessian of a scalar torch function at `point` (a float64 vector)."""
    return Derivatives(torch, function)(point.detach().numpy())[2]


def _raise_if_stuck_at_boundary(blocks: list[_Block], theta: np.ndarray,
                                gradient: np.ndarray, cov: np.ndarray, f: float) -> None:
    """Raise BoundaryError for a "converged" point that is a boundary in disguise.

    Optimising ``log theta`` (or ``logit p``), the derivative with respect to the free
    parameter is the one with respect to theta times theta, so as theta approaches 0 the free
    gradient vanishes even where the likelihood still slopes: the iteration stops at, say,
    theta = 1e-17. In the user's parametrisation that point is no optimum: the Newton decrement
    ``g^T H^-1 g`` in theta is large, while at an interior optimum it is as small as in the
    free parameters.
    """
    constrained = [b for b in blocks if b.constraint in BOUNDARY_ETA]
    if not constrained or not np.all(np.isfinite(cov)):
        return
    if not float(gradient @ cov @ gradient) > 1e-6 * (1 + abs(f)):
        return
    values, errors = theta, np.sqrt(np.diag(cov))
    for b in constrained:
        part = slice(b.start, b.start + b.size)
        gap = np.abs(values[part]) if b.constraint == "positive" else \
            np.minimum(values[part], 1 - values[part])
        if np.any(gap <= 1e-6 * errors[part]):
            at_one = b.constraint == "probability" and np.any(
                (1 - values[part] <= 1e-6 * errors[part]) & (values[part] > 0.5))
            where = "1" if at_one else "0"
            raise BoundaryError(wrap(
                f"the likelihood keeps increasing as {b.name} approaches {where}: the maximum "
                f"lies on the boundary of the parameter space ({b.name} = {where}), where the "
                "score is not zero and the Hessian gives no standard error"))


def _raise_if_flat(names: tuple[str, ...], theta: np.ndarray, cov: np.ndarray) -> None:
    """Raise where a standard error dwarfs its estimate by eight orders of magnitude: the
    likelihood is flat there, not peaked. This is what a maximum at infinity looks like when
    the slope decays exponentially on the way (a temperature going to 0, a logistic slope
    on separated data): the gradient test is met long before the parameter gets anywhere,
    and the estimate is where the iterations happened to stop."""
    errors = np.sqrt(np.clip(np.diag(cov), 0, None))
    flat = [i for i, e in enumerate(errors) if e > 1e8 * max(1.0, abs(theta[i]))]
    if flat:
        i = flat[0]
        raise EstimationError(wrap(
            f"the likelihood is flat around the estimate of {names[i]} = {theta[i]:.6g}: its "
            f"standard error, {errors[i]:.3g}, is more than 1e8 times its size. The maximum is "
            f"at infinity (the slope shrinks so fast on the way that the iterations stopped "
            f"anywhere) or these data do not identify {names[i]}. Look at the likelihood "
            f"along {names[i]}: where it keeps rising towards an edge, the estimate does not "
            f"exist"))


def _positive_definite(hessian: np.ndarray) -> bool:
    try:
        np.linalg.cholesky((hessian + hessian.T) / 2)
    except np.linalg.LinAlgError:
        return False
    diagonal = np.diag(hessian)
    scaled = hessian / np.sqrt(np.outer(diagonal, diagonal))
    return bool(np.linalg.eigvalsh((scaled + scaled.T) / 2)[0] > 1e-12)


def _point(blocks: list[_Block], eta: np.ndarray) -> str:
    """The parameters at a free-parametrisation point, as ``name = value`` (short)."""
    theta = _from_free_numpy(blocks, eta)
    names = _names(blocks)
    shown = ", ".join(f"{n} = {v:.6g}" for n, v in zip(names[:6], theta[:6], strict=False))
    return shown + (", ..." if len(names) > 6 else "")


def _from_free_numpy(blocks: list[_Block], eta: np.ndarray) -> np.ndarray:
    theta = np.array(eta, dtype=float)
    for b in blocks:
        part = slice(b.start, b.start + b.size)
        with np.errstate(over="ignore"):
            if b.constraint == "positive":
                theta[part] = np.exp(eta[part])
            elif b.constraint == "probability":
                theta[part] = 1 / (1 + np.exp(-eta[part]))
    return theta


def _failure(run: Run, blocks: list[_Block]) -> EstimationError:
    """The error that says why a fit did not converge, true to what happened."""
    where = _point(blocks, run.eta)
    gradient = float(np.linalg.norm(run.gradient))
    step = float(np.linalg.norm(run.last_step))
    if run.cause == "edge":
        return BoundaryError(wrap(
            f"the negative log-likelihood is not finite (nan or inf, or negloglik raised "
            f"ValueError) just beyond the last iterate, in the direction in which it still "
            f"decreases (gradient norm {gradient:.3g}), at {where}.\n"
            "The maximum lies on the edge of the region where the likelihood is defined: a "
            "boundary of the parameter space (declare a constrained parameter in "
            "constraints=, e.g. 'probability' or 'positive'), or the edge of a region where "
            "negloglik returns nan. No standard errors exist there."))
    if run.cause == "flat":
        return EstimationError(wrap(
            f"negloglik has no curvature along its gradient at the last iterate ({where}; "
            f"gradient norm {gradient:.3g}, Hessian 0 in that direction): it is linear or "
            "piecewise linear there (abs, max, rounding: a kink), so Newton's method cannot "
            "converge and more iterations would not help. Use a smooth likelihood."))
    if run.cause == "nonfinite":
        return EstimationError(wrap(
            f"the gradient or Hessian of negloglik is not finite (nan or inf) at {where}, "
            f"where the negative log-likelihood itself is {run.f:.6g}: it is not "
            "differentiable there (sqrt(0), log(0) * 0, ...). Start elsewhere, or write the "
            "likelihood so that it is smooth."))
    if run.cause == "stall":
        return EstimationError(wrap(
            f"fit_mle could not lower the negative log-likelihood further after "
            f"{run.n_iter} iterations although its gradient is not 0 (norm {gradient:.3g}) "
            f"at {where}: no step, however short, decreased it by more than rounding error. "
            "The likelihood may not be smooth there, or rounding error in its evaluation "
            "hides the decrease; more iterations would not help. Try another start or "
            "parametrisation, or pass on_failure='return' to inspect the last iterate."))
    recent = run.history[-11:]
    drop = recent[0] - recent[-1]
    advice = ("raise max_iter, start closer to the maximum"
              if drop > 1e-8 * (1 + abs(run.f)) else
              "the iteration is crawling, so more iterations may not help: start closer to "
              "the maximum or reparametrise")
    return EstimationError(wrap(
        f"fit_mle stopped after {run.n_iter} iterations (max_iter) without meeting its "
        f"convergence test: in its last {len(recent) - 1} iterations the negative "
        f"log-likelihood fell by {drop:.3g}; gradient norm {gradient:.3g}, last step "
        f"{step:.3g}, at {where}.\nTo fix: {advice}, or pass on_failure='return' to inspect "
        "the last iterate."))


def _raise_if_out_of_range(blocks: list[_Block], eta: np.ndarray) -> None:
    """Raise EstimationError if a positive parameter is so large or small that its square
    leaves float64's range: there the second derivatives autograd computes through it (the
    derivative of log(x) is 1 / x, whose derivative -1 / x**2 underflows or overflows) are
    wrong, so Newton's method cannot finish and no standard error can be computed."""
    for b in blocks:
        part = eta[b.start:b.start + b.size]
        if b.constraint != "positive" or not np.any(np.abs(part) > 354.0):  # 2**511
            continue
        value = float(np.exp(part[np.argmax(np.abs(part))]))
        raise EstimationError(wrap(
            f"the fit reached {b.name} = {value:.3g}, where {b.name}**2 leaves the range of "
            "float64 (about 1e-308 to 1e308): the exact second derivatives through it "
            "overflow or underflow, so neither Newton's method nor the standard errors can "
            f"be computed. Rescale the data so that {b.name} is of moderate size (measure "
            "them in other units), fit, and scale the estimate back."))


def _raise_if_on_boundary(blocks: list[_Block], eta: np.ndarray, finished: bool = False,
                          start: np.ndarray | None = None) -> None:
    """Raise BoundaryError if a constrained parameter has run to its boundary.

    During the fit the test is absolute (``|logit p| > 36``, ``log sigma < -700``). When the
    Hessian at the end is singular, a parameter that has also moved more than 27 units of its
    log or logit from the start (a factor of 1e12 towards 0 or 1) is diagnosed as being there.
    """
    for b in blocks:
        limit = BOUNDARY_ETA.get(b.constraint)
        part = eta[b.start:b.start + b.size]
        if limit is None:
            continue
        moved = start is not None and np.any(
            np.abs(part) > 27 + np.abs(start[b.start:b.start + b.size]))
        if not np.any(np.abs(part) > limit) and not moved:
            continue
        where = "0" if b.constraint == "positive" else (
            "0" if np.min(part) < -limit else "1")
        raise BoundaryError(wrap(
            f"the likelihood keeps increasing as {b.name} approaches {where}: the maximum "
            f"lies on the boundary of the parameter space ({b.name} = {where}), where the score "
            "is not zero and the Hessian gives no standard error"))
