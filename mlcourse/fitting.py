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

__all__ = [
    "BoundaryError",
    "ConvergenceWarning",
    "EstimationError",
    "MLEResult",
    "SeparationError",
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
    _cov: np.ndarray | None = field(default=None, repr=False)

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
        return self._cov.copy()

    @property
    def bse(self) -> np.ndarray:
        """Standard errors: square roots of the diagonal of :meth:`cov_params`."""
        return np.sqrt(np.diag(self._cov))

    @property
    def tvalues(self) -> np.ndarray:
        """Wald statistics ``params / bse`` (z values: the reference is the normal)."""
        return self.params / self.bse

    @property
    def pvalues(self) -> np.ndarray:
        """Two-sided p-values of the Wald statistics against the standard normal."""
        return 2 * stats.norm.sf(np.abs(self.tvalues))

    def conf_int(self, alpha: float = 0.05) -> np.ndarray:
        """Wald confidence intervals ``params -/+ z_{1-alpha/2} bse``, shape (k, 2)."""
        if not 0 < alpha < 1:
            raise ValueError(f"alpha must lie strictly between 0 and 1; got {alpha!r}")
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
        return summary_table(
            self.title,
            [("Log-likelihood", f"{self.llf:.6g}"), ("AIC", f"{self.aic:.6g}"),
             ("Observations", "-" if self.nobs is None else str(self.nobs)),
             ("BIC", "-" if self.nobs is None else f"{self.bic:.6g}"),
             ("Parameters", str(self.df_model)),
             ("Converged", f"{'yes' if self.converged else 'NO'} ({self.n_iter} iterations)")],
            self.names, self.params, self.bse, self.tvalues, self.pvalues,
            self.conf_int(alpha), alpha, statistic="z",
            footer=f"Method: {self.method}.\nStandard errors: inverse of the exact Hessian "
            "(the observed information).")

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
        raise EstimationError(
            "the Hessian of the negative log-likelihood at the estimate is not positive "
            f"definite: the likelihood is flat (or not twice differentiable) along a direction "
            f"involving {', '.join(involved)}, so no standard errors exist. Either these "
            "parameters are not identified (fix one of them, or remove a redundant column), or "
            "the likelihood has a kink at the estimate (a Laplace location, say)")
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
    unknown = set(constraints) - set(start)
    if unknown:
        raise ValueError(f"constraints name parameters not in start: {sorted(unknown)}")
    blocks, values, offset = [], [], 0
    for name, value in start.items():
        array = np.asarray(value, dtype=float)
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


def _objective(torch: Any, negloglik: Callable[..., Any], blocks: list[_Block]
               ) -> Callable[[Any], Any]:
    def value(theta: Any) -> Any:
        kwargs = {b.name: theta[b.start:b.start + b.size].reshape(b.shape) for b in blocks}
        out = negloglik(**kwargs)
        if not torch.is_tensor(out):
            raise TypeError(
                "negloglik must return a torch scalar so that its exact derivatives exist; it "
                f"returned {type(out).__name__}. Write it with mlcourse's likelihood functions "
                "(they accept tensors) or torch operations, not numpy ones.")
        if out.numel() != 1:
            raise ValueError(f"negloglik must return a scalar; it returned shape "
                             f"{tuple(out.shape)} (did you forget to sum?)")
        return out.reshape(())
    return value


def fit_mle(negloglik: Callable[..., Any], start: Mapping[str, Any], *,
            constraints: Mapping[str, str] | None = None, nobs: int | None = None,
            max_iter: int = 100, title: str = "Maximum-likelihood fit") -> MLEResult:
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
        The number of observations, for `bic` and the summary.
    max_iter : int, default 100
        The maximum number of Newton iterations.
    title : str, optional
        The first line of ``summary()``.

    Returns
    -------
    MLEResult
        Estimates, standard errors from the inverse of the exact Hessian of the negative
        log-likelihood at the estimate, log-likelihood, AIC/BIC, convergence information.

    Raises
    ------
    BoundaryError
        If the maximum lies on the boundary of a constrained parameter (a probability of 0
        or 1, a scale of 0), where no standard error exists.
    EstimationError
        If the Hessian at the estimate is not positive definite (parameters not identified),
        or the negative log-likelihood is not finite at the start.
    TypeError
        If `negloglik` does not return a torch tensor.
    ValueError
        If `start` or `constraints` are malformed.

    Warns
    -----
    ConvergenceWarning
        If `max_iter` iterations were not enough.

    Notes
    -----
    Each iteration solves :math:`(H + \lambda I) d = -g` in the unconstrained parameters, with
    :math:`\lambda = 0` whenever :math:`H` is positive definite (a pure Newton step) and a
    backtracking line search that only accepts a decrease. It stops when the Newton decrement
    :math:`g^\top H^{-1} g` falls below ``1e-20 (1 + |f|)``: near the optimum Newton converges
    quadratically, so the estimates are then accurate to about the precision of the
    negative log-likelihood itself.

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

    blocks, theta0 = _blocks(start, constraints or {})
    objective = _objective(torch, negloglik, blocks)

    def free_objective(eta: Any) -> Any:
        return objective(_from_free(torch, blocks, eta))

    eta = torch.tensor(_to_free(blocks, theta0), dtype=torch.float64)
    with torch.no_grad():
        f = float(free_objective(eta))
    if not math.isfinite(f):
        raise EstimationError(f"the negative log-likelihood is {f} at the starting values "
                              f"{dict(start)}; start where the data have positive probability")
    history, converged, iteration, polished = [f], False, 0, False
    for iteration in range(1, max_iter + 1):  # noqa: B007 -- the count is reported
        g, h = _gradient_and_hessian(torch, free_objective, eta)
        step, decrement = _newton_step(g, h)
        if decrement <= 1e-20 * (1 + abs(f)):
            # Converged. The last Newton step is still worth taking: it squares the error.
            eta, f = _polish(torch, free_objective, eta, step, f) or (eta, f)
            converged = True
            break
        accepted = _line_search(torch, free_objective, eta, step, f, g @ step)
        if accepted is None and decrement <= 1e-8 * (1 + abs(f)) and not polished:
            # Inside the region of quadratic convergence the Newton step is taken even when
            # rounding hides its decrease of the objective.
            accepted, polished = _polish(torch, free_objective, eta, step, f), True
        if accepted is None:
            # No decrease at any step length: the optimum is resolved to rounding error.
            converged = decrement <= 1e-12 * (1 + abs(f))
            break
        eta, f = accepted
        history.append(f)
        _raise_if_on_boundary(blocks, eta.numpy())
    else:
        _raise_if_on_boundary(blocks, eta.numpy(), finished=True)
    if not converged:
        import warnings

        warnings.warn(f"fit_mle stopped after {iteration} iterations without converging; "
                      "the estimates may be inaccurate", ConvergenceWarning, stacklevel=2)
    theta = _from_free(torch, blocks, eta).detach()
    hessian = torch.autograd.functional.hessian(objective, theta).numpy()
    try:
        cov = covariance_from_hessian(hessian, _names(blocks))
    except EstimationError as error:
        _raise_if_on_boundary(blocks, eta.numpy(), start=_to_free(blocks, theta0))
        if not converged:
            raise EstimationError(
                f"fit_mle stopped after {iteration} iterations without converging, and the "
                "Hessian at the last iterate is not positive definite, so no standard errors "
                "can be given; raise max_iter or start closer to the maximum") from error
        raise
    return MLEResult(params=theta.numpy().copy(), names=_names(blocks), hessian=hessian,
                     llf=-f, nobs=nobs, converged=converged, n_iter=iteration,
                     history=np.array(history), method="Newton with exact autograd Hessian",
                     title=title, shapes={b.name: b.shape for b in blocks}, _cov=cov)


def _gradient_and_hessian(torch: Any, function: Callable[[Any], Any], eta: Any
                          ) -> tuple[np.ndarray, np.ndarray]:
    point = eta.detach().requires_grad_(True)
    (gradient,) = torch.autograd.grad(function(point), point)
    hessian = torch.autograd.functional.hessian(function, eta.detach())
    return gradient.numpy(), hessian.numpy()


def _newton_step(g: np.ndarray, h: np.ndarray) -> tuple[np.ndarray, float]:
    """The Newton step, shifted towards gradient descent where H is not positive definite."""
    h = (h + h.T) / 2
    shift = 0.0
    scale = max(float(np.max(np.abs(np.diag(h)))), 1e-12)
    for _ in range(60):
        try:
            factor = linalg.cho_factor(h + shift * np.eye(len(h)))
            break
        except linalg.LinAlgError:
            shift = max(2 * shift, 1e-10 * scale)
    else:
        raise EstimationError("the Hessian could not be regularised; the objective is not "
                              "finite near the current parameters")
    step = -linalg.cho_solve(factor, g)
    return step, float(-(g @ step))


def _line_search(torch: Any, function: Callable[[Any], Any], eta: Any, step: np.ndarray,
                 f: float, slope: float) -> tuple[Any, float] | None:
    direction = torch.tensor(step, dtype=torch.float64)
    length = 1.0
    while length > 1e-10:
        candidate = eta + length * direction
        value = _value_or_inf(torch, function, candidate)
        if math.isfinite(value) and value <= f + 1e-4 * length * slope and value < f:
            return candidate, value
        length /= 2
    return None


def _value_or_inf(torch: Any, function: Callable[[Any], Any], point: Any) -> float:
    """The objective at a trial point; a point the likelihood rejects (a scale that underflowed
    to 0, say) counts as infinitely bad, so the line search simply steps back."""
    try:
        with torch.no_grad():
            return float(function(point))
    except ValueError:
        return math.inf


def _polish(torch: Any, function: Callable[[Any], Any], eta: Any, step: np.ndarray,
            f: float) -> tuple[Any, float] | None:
    """The full Newton step, unless it makes the objective worse by more than rounding."""
    candidate = eta + torch.tensor(step, dtype=torch.float64)
    value = _value_or_inf(torch, function, candidate)
    if math.isfinite(value) and value <= f + 1e-13 * (1 + abs(f)):
        return candidate, min(value, f)
    return None


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
        raise BoundaryError(
            f"the likelihood keeps increasing as {b.name} approaches {where}: the maximum "
            f"lies on the boundary of the parameter space ({b.name} = {where}), where the score "
            "is not zero and the Hessian gives no standard error")
