r"""Regression models fitted by maximum likelihood.

- :func:`linear_regression`: Gaussian noise; the MLE of the coefficients is least squares, solved
  with a QR factorisation (never the normal equations, which square the condition number).
- :func:`logistic_regression`: Bernoulli responses with a logit link.
- :func:`poisson_regression`: counts with a log link.

The last two have no closed form; they run Newton's method, which for these canonical links is
*iteratively reweighted least squares* (IRLS): each step solves a weighted least-squares
problem (through the equilibrated Gram matrix when it is well conditioned, by QR otherwise;
standard errors always by QR). Before trusting a fit whose linear predictor runs off to very large
values, they solve a small linear programme that decides whether the maximum-likelihood
estimate exists at all (it does not under separation), and raise a clear error instead of
returning huge coefficients.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from scipy import linalg, optimize, special, stats

from . import _validate as check
from .fitting import EstimationError, MLEResult, SeparationError, summary_table

__all__ = [
    "LinearRegressionResult",
    "add_intercept",
    "linear_regression",
    "logistic_regression",
    "poisson_regression",
]

EPS = np.finfo(float).eps
# A fitted linear predictor beyond this size is a symptom of separation worth checking for.
SUSPICIOUS_ETA = 15.0


def add_intercept(X: Any) -> np.ndarray:
    """Prepend a column of ones to a design matrix.

    Introduced in Chapter 5 (Linear regression is Gaussian maximum likelihood).

    Parameters
    ----------
    X : array_like, shape (n,) or (n, p)
        The predictors; a 1-D array is one predictor.

    Returns
    -------
    ndarray, shape (n, p + 1)
        ``[1, X]``.

    Raises
    ------
    ValueError
        If `X` is empty, not finite, or has more than two dimensions.

    Examples
    --------
    >>> add_intercept([2.0, 3.0])
    array([[1., 2.],
           [1., 3.]])
    """
    values = check.observations(X, "X").astype(float)
    if values.ndim == 1:
        values = values[:, None]
    if values.ndim != 2:
        raise ValueError(f"X must be 1-D or 2-D; got shape {values.shape}")
    return np.column_stack([np.ones(len(values)), values])


def _design(X: Any, y: Any) -> tuple[np.ndarray, np.ndarray]:
    design = check.observations(X, "X").astype(float)
    if design.ndim == 1:
        design = design[:, None]
    if design.ndim != 2:
        raise ValueError(f"X must be a 2-D design matrix (n, p); got shape {design.shape}")
    response = check.observations(y, "y").astype(float)
    if response.ndim != 1 or len(response) != len(design):
        raise ValueError(f"y must be 1-D with one value per row of X: X has shape "
                         f"{design.shape}, y has shape {response.shape}")
    n, p = design.shape
    if n <= p:
        raise ValueError(f"need more observations than coefficients; X has shape {design.shape}")
    return design, response


def _names(names: Sequence[str] | None, p: int) -> tuple[str, ...]:
    if names is None:
        return tuple(f"beta[{j}]" for j in range(p))
    names = tuple(str(n) for n in names)
    if len(names) != p:
        raise ValueError(f"names must have one entry per column of X ({p}); got {len(names)}")
    return names


def _scaled_qr(design: np.ndarray, weights: np.ndarray | None = None
               ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """QR of the (row-weighted) design with unit-norm columns; returns Q, R and the norms.

    Equilibrating the columns first makes the rank test meaningful for designs whose columns
    differ in scale by many orders of magnitude (x and x**10, say).
    """
    matrix = design if weights is None else design * weights[:, None]
    norms = np.linalg.norm(matrix, axis=0)
    if np.any(norms == 0):
        column = int(np.flatnonzero(norms == 0)[0])
        raise ValueError(f"column {column} of X is zero (after weighting): its coefficient is "
                         "not identified")
    q, r = linalg.qr(matrix / norms, mode="economic")
    diagonal = np.abs(np.diag(r))
    if diagonal.min() < max(matrix.shape) * EPS * diagonal.max():
        raise ValueError(
            "X does not have full column rank: some column is (numerically) a linear "
            "combination of the others, so the coefficients are not identified")
    return q, r, norms


def _inverse_gram(r: np.ndarray, norms: np.ndarray) -> np.ndarray:
    """(X^T X)^{-1} from the R factor of the column-scaled X."""
    r_inverse = linalg.solve_triangular(r, np.eye(len(r)))
    return (r_inverse @ r_inverse.T) / np.outer(norms, norms)


@dataclass
class LinearRegressionResult:
    """A linear regression fitted by maximum likelihood (least squares by QR).

    Introduced in Chapter 5 (Linear regression is Gaussian maximum likelihood).

    Attributes
    ----------
    params : ndarray, shape (p,)
        The coefficients.
    names : tuple of str
        One name per coefficient.
    nobs : int
        n, the number of observations.
    ssr : float
        The sum of squared residuals (SSE).
    llf : float
        The Gaussian log-likelihood at the MLE, ``-n/2 (log(2 pi sigma**2) + 1)``.
    rsquared : float
        The coefficient of determination (centred when X has a constant column, as in
        statsmodels; otherwise uncentred).
    fittedvalues, resid : ndarray, shape (n,)
        ``X @ params`` and ``y - X @ params``.
    condition_number : float
        The 2-norm condition number of X.
    """

    params: np.ndarray
    names: tuple[str, ...]
    nobs: int
    ssr: float
    llf: float
    rsquared: float
    fittedvalues: np.ndarray = field(repr=False)
    resid: np.ndarray = field(repr=False)
    condition_number: float
    _unscaled_cov: np.ndarray = field(repr=False)

    @property
    def df_resid(self) -> int:
        """n - p, the residual degrees of freedom."""
        return self.nobs - self.params.size

    @property
    def sigma(self) -> float:
        """The MLE of the noise standard deviation, ``sqrt(SSE / n)``."""
        return math.sqrt(self.ssr / self.nobs)

    @property
    def sigma_unbiased(self) -> float:
        """``sqrt(SSE / (n - p))``: its square is unbiased for the noise variance; NIST calls it
        the residual standard deviation."""
        return math.sqrt(self.ssr / self.df_resid)

    def cov_params(self) -> np.ndarray:
        """``SSE / (n - p) * (X^T X)^{-1}``, as statsmodels' OLS and NIST report it."""
        return self.sigma_unbiased**2 * self._unscaled_cov

    @property
    def bse(self) -> np.ndarray:
        """Standard errors of the coefficients (with SSE / (n - p))."""
        return np.sqrt(np.diag(self.cov_params()))

    @property
    def tvalues(self) -> np.ndarray:
        """``params / bse``, t-distributed with n - p degrees of freedom under the model."""
        return self.params / self.bse

    @property
    def pvalues(self) -> np.ndarray:
        """Two-sided p-values of the t statistics."""
        return 2 * stats.t.sf(np.abs(self.tvalues), self.df_resid)

    def conf_int(self, alpha: float = 0.05) -> np.ndarray:
        """Confidence intervals ``params -/+ t_{1-alpha/2, n-p} bse``, shape (p, 2)."""
        if not 0 < alpha < 1:
            raise ValueError(f"alpha must lie strictly between 0 and 1; got {alpha!r}")
        half = stats.t.ppf(1 - alpha / 2, self.df_resid) * self.bse
        return np.column_stack([self.params - half, self.params + half])

    @property
    def df_model(self) -> int:
        """Estimated parameters counted by `aic` and `bic`: p coefficients and sigma."""
        return self.params.size + 1

    @property
    def aic(self) -> float:
        """``2 (p + 1) - 2 llf`` (statsmodels counts only the p coefficients)."""
        return 2 * self.df_model - 2 * self.llf

    @property
    def bic(self) -> float:
        """``(p + 1) log(n) - 2 llf``."""
        return self.df_model * math.log(self.nobs) - 2 * self.llf

    def summary(self, alpha: float = 0.05) -> str:
        """A readable table: fit statistics, then one row per coefficient."""
        return summary_table(
            "Linear regression (Gaussian maximum likelihood, QR)",
            [("Log-likelihood", f"{self.llf:.6g}"), ("AIC", f"{self.aic:.6g}"),
             ("Observations", str(self.nobs)), ("BIC", f"{self.bic:.6g}"),
             ("sigma (MLE)", f"{self.sigma:.6g}"), ("R-squared", f"{self.rsquared:.6g}"),
             ("sigma (n - p)", f"{self.sigma_unbiased:.6g}"),
             ("cond(X)", f"{self.condition_number:.3g}")],
            self.names, self.params, self.bse, self.tvalues, self.pvalues,
            self.conf_int(alpha), alpha, statistic="t",
            footer="Standard errors and t intervals use SSE / (n - p), as statsmodels and NIST.")

    def __str__(self) -> str:
        return self.summary()


def linear_regression(X: Any, y: Any, *, names: Sequence[str] | None = None
                      ) -> LinearRegressionResult:
    r"""Fit y = X beta + Gaussian noise by maximum likelihood, through a QR factorisation.

    Introduced in Chapter 5 (Linear regression is Gaussian maximum likelihood).

    Parameters
    ----------
    X : array_like, shape (n, p)
        The full design matrix (use :func:`add_intercept` for a constant term).
    y : array_like, shape (n,)
        The responses.
    names : sequence of str, optional
        Coefficient names for the summary (default ``beta[0]``, ``beta[1]``, ...).

    Returns
    -------
    LinearRegressionResult
        Coefficients, standard errors, sigma (MLE and n - p), log-likelihood, R², intervals.

    Raises
    ------
    ValueError
        If the shapes do not match, the data are not finite, n <= p, or X is rank deficient.

    Notes
    -----
    With :math:`X = QR`, the least-squares coefficients solve :math:`R\beta = Q^\top y`; the
    condition number that matters is that of X, not of :math:`X^\top X` (its square). The
    columns are scaled to unit norm first. On the NIST StRD problems this gives about 8 correct
    digits on Filip (cond(X) = 1.8e15) and 12 on Pontius.

    Examples
    --------
    >>> fit = linear_regression(add_intercept([0.0, 1.0, 2.0, 3.0]), [1.0, 3.0, 5.0, 7.5])
    >>> fit.params.round(6).tolist()
    [0.9, 2.15]
    >>> round(fit.sigma, 6)
    0.136931
    """
    design, response = _design(X, y)
    n, p = design.shape
    q, r, norms = _scaled_qr(design)
    params = linalg.solve_triangular(r, q.T @ response) / norms
    fitted = design @ params
    resid = response - fitted
    ssr = float(resid @ resid)
    if math.sqrt(ssr) <= 10 * n * EPS * np.linalg.norm(response):
        raise ValueError("the fit is exact (all residuals are 0): sigma's MLE is 0 and the "
                         "likelihood is unbounded")
    has_constant = bool(np.any(np.all(design == design[:1], axis=0) & (design[0] != 0)))
    centre = response.mean() if has_constant else 0.0
    total = float(np.sum((response - centre) ** 2))
    llf = -n / 2 * (math.log(2 * math.pi * ssr / n) + 1)
    return LinearRegressionResult(
        params=params, names=_names(names, p), nobs=n, ssr=ssr, llf=llf,
        rsquared=1 - ssr / total, fittedvalues=fitted, resid=resid,
        condition_number=float(np.linalg.cond(design)), _unscaled_cov=_inverse_gram(r, norms))


# --------------------------------------------------------------------------------------------
# Generalised linear models by Newton / IRLS


def _recession_direction(strict: np.ndarray, zero: np.ndarray | None = None
                         ) -> tuple[float, np.ndarray]:
    """Look for beta with ``strict @ beta >= 0`` (some > 0) and ``zero @ beta == 0``.

    Such a direction makes the log-likelihood increase for ever: the MLE does not exist. It is
    a linear programme (Konis 2007) over the box -1 <= beta <= 1; returns its optimum and beta.
    """
    scale = np.max(np.abs(np.vstack([strict] if zero is None else [strict, zero])), axis=0)
    scale[scale == 0] = 1.0
    a = strict / scale
    found = optimize.linprog(
        c=-a.sum(axis=0), A_ub=-a, b_ub=np.zeros(len(a)),
        A_eq=None if zero is None or len(zero) == 0 else zero / scale,
        b_eq=None if zero is None or len(zero) == 0 else np.zeros(len(zero)),
        bounds=[(-1, 1)] * a.shape[1], method="highs")
    if found.status != 0:
        return 0.0, np.zeros(a.shape[1])
    return float(-found.fun), found.x / scale


def _strict_margin(signed: np.ndarray) -> np.ndarray | None:
    """A beta with ``signed @ beta > 0`` in every row (complete separation), or None."""
    scale = np.max(np.abs(signed), axis=0)
    scale[scale == 0] = 1.0
    a = signed / scale
    p = a.shape[1]
    # Variables (beta, t): maximise t subject to a @ beta >= t, |beta| <= 1, t <= 1.
    found = optimize.linprog(
        c=np.r_[np.zeros(p), -1.0], A_ub=np.column_stack([-a, np.ones(len(a))]),
        b_ub=np.zeros(len(a)), bounds=[(-1, 1)] * p + [(None, 1)], method="highs")
    if found.status != 0 or -found.fun <= 1e-9:
        return None
    return found.x[:p] / scale


def _check_separation(design: np.ndarray, response: np.ndarray) -> None:
    signs = np.where(response == 1, 1.0, -1.0)
    value, direction = _recession_direction(design * signs[:, None])
    margins = (design * signs[:, None]) @ direction
    if value <= 1e-6 * max(1.0, np.abs(margins).max(initial=0.0)):
        return
    separated = int(np.sum(margins > 1e-9 * np.abs(margins).max()))
    n = len(response)
    complete = _strict_margin(design * signs[:, None])
    if complete is not None:
        direction = complete
    kind = ("complete separation: a linear combination of the columns of X is positive for "
            "every y = 1 and negative for every y = 0"
            if complete is not None else
            f"quasi-complete separation: a linear combination of the columns of X puts "
            f"{separated} of the {n} observations perfectly on their side (and the rest on "
            "the boundary)")
    shown = ", ".join(f"{v:.3g}" for v in direction / np.abs(direction).max())
    raise SeparationError(
        f"the logistic-regression MLE does not exist: {kind}. Along the direction "
        f"[{shown}] the log-likelihood keeps increasing as the coefficients grow, so Newton's "
        "method would return huge coefficients with huge standard errors. Remedies: a prior "
        "or penalty (MAP, ridge), Firth's bias-reduced estimate, or removing the separating "
        "predictor.")


def _check_poisson_existence(design: np.ndarray, response: np.ndarray) -> None:
    zeros = response == 0
    value, direction = _recession_direction(-design[zeros], design[~zeros])
    if value > 1e-6:
        raise EstimationError(
            "the Poisson-regression MLE does not exist: a linear combination of the columns "
            "of X is 0 for every positive count and negative for some zero counts, so their "
            "fitted rates can be driven to 0 while the log-likelihood keeps increasing "
            f"(direction [{', '.join(f'{v:.3g}' for v in direction)}])")


@dataclass(frozen=True)
class _Family:
    name: str

    def mean(self, eta: np.ndarray) -> np.ndarray:
        return special.expit(eta) if self.name == "logistic" else np.exp(eta)

    def weight(self, eta: np.ndarray, mu: np.ndarray) -> np.ndarray:
        return mu * (1 - mu) if self.name == "logistic" else mu

    def nll(self, eta: np.ndarray, y: np.ndarray, constant: float) -> float:
        if self.name == "logistic":
            return float(np.sum(np.logaddexp(0.0, eta) - y * eta))
        with np.errstate(over="ignore"):
            return float(np.sum(np.exp(eta) - y * eta) + constant)


def _newton_direction(design: np.ndarray, weights: np.ndarray, residual: np.ndarray,
                      gradient: np.ndarray) -> np.ndarray:
    """Solve (X^T W X) d = X^T (y - mu), the Newton step of a canonical-link GLM.

    The equilibrated Gram matrix is used when it is well conditioned (fast: one matrix
    product); otherwise the weighted least-squares problem is solved by QR. Either way the
    gradient is exact, so the iteration converges to the same estimate: the solver only
    changes how fast it gets there.
    """
    gram = design.T @ (design * weights[:, None])
    norms = np.sqrt(np.diag(gram))
    if np.all(norms > 0):
        scaled = gram / np.outer(norms, norms)
        if np.linalg.cond(scaled) < 1e8:
            return linalg.cho_solve(linalg.cho_factor(scaled), gradient / norms) / norms
    root = np.sqrt(weights)
    q, r, norms = _scaled_qr(design, root)
    return linalg.solve_triangular(r, q.T @ (residual / root)) / norms


def _irls(family: _Family, design: np.ndarray, response: np.ndarray, offset: np.ndarray,
          start: np.ndarray, constant: float, max_iter: int
          ) -> tuple[np.ndarray, list[float], int, bool]:
    beta = start
    f = family.nll(design @ beta + offset, response, constant)
    history, converged, iteration = [f], False, 0
    for iteration in range(1, max_iter + 1):
        eta = design @ beta + offset
        mu = family.mean(eta)
        weights = np.maximum(family.weight(eta, mu), 1e-300)
        gradient = design.T @ (response - mu)
        try:
            step = _newton_direction(design, weights, response - mu, gradient)
        except ValueError:
            # X has full rank (checked first), so the weights have degenerated: fitted
            # probabilities of exactly 0 or 1, the signature of separation.
            break
        decrement = float(gradient @ step)
        if decrement <= 1e-20 * (1 + abs(f)):
            converged, iteration = True, iteration - 1
            break
        # Near the optimum the decrease of a Newton step is below the rounding of the
        # objective; the full step is then taken unless it is worse by more than rounding.
        slack = 1e-13 * (1 + abs(f)) if decrement <= 1e-8 * (1 + abs(f)) else 0.0
        length = 1.0
        while length > 1e-10:
            candidate = beta + length * step
            value = family.nll(design @ candidate + offset, response, constant)
            if math.isfinite(value) and value <= f + slack:
                value = min(value, f)
                break
            length /= 2
        else:
            converged = decrement <= 1e-12 * (1 + abs(f))
            break
        beta, f = candidate, value
        history.append(f)
    return beta, history, iteration, converged


def _glm_result(family: _Family, design: np.ndarray, response: np.ndarray, offset: np.ndarray,
                beta: np.ndarray, history: list[float], iteration: int, converged: bool,
                names: tuple[str, ...], title: str) -> MLEResult:
    eta = design @ beta + offset
    weights = family.weight(eta, family.mean(eta))
    _, r, norms = _scaled_qr(design, np.sqrt(weights))
    cov = _inverse_gram(r, norms)
    hessian = design.T @ (design * weights[:, None])
    return MLEResult(params=beta, names=names, hessian=hessian, llf=-history[-1],
                     nobs=len(response), converged=converged, n_iter=iteration,
                     history=np.array(history), method="Newton's method (IRLS)",
                     title=title, _cov=cov)


def logistic_regression(X: Any, y: Any, *, names: Sequence[str] | None = None,
                        max_iter: int = 100) -> MLEResult:
    r"""Fit P(y = 1 | x) = sigmoid(x^T beta) by maximum likelihood (Newton's method / IRLS).

    Introduced in Chapter 6 (Logistic regression is Bernoulli maximum likelihood).

    Parameters
    ----------
    X : array_like, shape (n, p)
        The full design matrix (use :func:`add_intercept` for a constant term).
    y : array_like of 0 and 1, shape (n,)
        The labels.
    names : sequence of str, optional
        Coefficient names for the summary.
    max_iter : int, default 100
        The maximum number of Newton iterations.

    Returns
    -------
    MLEResult
        Coefficients; standard errors from :math:`(X^\top \hat W X)^{-1}` with
        :math:`\hat W = \mathrm{diag}(\hat p_i (1 - \hat p_i))`; ``history`` holds the negative
        log-likelihood after each Newton step.

    Raises
    ------
    SeparationError
        Under complete or quasi-complete separation, where the MLE does not exist.
    ValueError
        If y is not 0/1, the shapes do not match, or X is rank deficient.

    Notes
    -----
    The negative log-likelihood :math:`\sum_i \mathrm{softplus}(\eta_i) - y_i \eta_i` is
    evaluated from the linear predictor, never as ``log(sigmoid(eta))``. Each Newton step is
    the weighted least-squares problem :math:`\min_d \|W^{1/2}(W^{-1}(y - p) - X d)\|^2`,
    with equilibrated columns; the covariance comes from a QR factorisation of
    :math:`\hat W^{1/2} X`.

    Examples
    --------
    >>> X = add_intercept([0.5, 1.0, 1.5, 2.0, 2.5, 3.0, 3.5, 4.0])
    >>> fit = logistic_regression(X, [0, 0, 1, 0, 1, 0, 1, 1])
    >>> fit.params.round(4)
    array([-2.6734,  1.1882])
    """
    design, response = _design(X, y)
    response = check.binary(response, "y").astype(float)
    _scaled_qr(design)  # raises if X is rank deficient
    beta, history, iteration, converged = _irls(
        _Family("logistic"), design, response, np.zeros(len(response)),
        np.zeros(design.shape[1]), 0.0, max_iter)
    if not converged or np.max(np.abs(design @ beta)) > SUSPICIOUS_ETA:
        _check_separation(design, response)
    if not converged:
        raise EstimationError(f"logistic regression did not converge in {max_iter} Newton "
                              "iterations")
    return _glm_result(_Family("logistic"), design, response, np.zeros(len(response)), beta,
                       history, iteration, converged, _names(names, design.shape[1]),
                       "Logistic regression (maximum likelihood)")


def poisson_regression(X: Any, y: Any, *, offset: Any = None,
                       names: Sequence[str] | None = None, max_iter: int = 100) -> MLEResult:
    r"""Fit counts y ~ Poisson(exp(x^T beta + offset)) by maximum likelihood (Newton / IRLS).

    Introduced in Chapter 7 (Every loss is a negative log-likelihood).

    Parameters
    ----------
    X : array_like, shape (n, p)
        The full design matrix (use :func:`add_intercept` for a constant term).
    y : array_like of int, shape (n,)
        Non-negative whole-number counts.
    offset : array_like, shape (n,), optional
        A known term added to the linear predictor, typically ``log(exposure)``.
    names : sequence of str, optional
        Coefficient names for the summary.
    max_iter : int, default 100
        The maximum number of Newton iterations.

    Returns
    -------
    MLEResult
        Coefficients (``exp`` of one is a rate ratio), standard errors from
        :math:`(X^\top \hat W X)^{-1}` with :math:`\hat W = \mathrm{diag}(\hat\mu_i)`, and the
        full log-likelihood including :math:`-\sum_i \log y_i!`, as statsmodels reports it.

    Raises
    ------
    EstimationError
        If the MLE does not exist (some zero counts can be fitted exactly by rates of 0).
    ValueError
        If y is not counts, the shapes do not match, or X is rank deficient.

    Examples
    --------
    >>> X = add_intercept([0.0, 1.0, 2.0, 3.0, 4.0])
    >>> fit = poisson_regression(X, [1, 2, 2, 5, 8])
    >>> fit.params.round(4)
    array([-0.0345,  0.5266])
    """
    design, response = _design(X, y)
    response = check.counts(response, "y").astype(float)
    extra = np.zeros(len(response)) if offset is None else check.finite(offset, "offset")
    if extra.shape != response.shape:
        raise ValueError(f"offset must have the shape of y {response.shape}; got {extra.shape}")
    _scaled_qr(design)  # raises if X is rank deficient
    if not np.any(response):
        raise EstimationError("the Poisson-regression MLE does not exist: every count is 0, so "
                              "the likelihood keeps increasing as every fitted rate goes to 0")
    constant = float(np.sum(special.gammaln(response + 1)))
    # The usual GLM start: one weighted least-squares fit of log((y + mean) / 2).
    mu0 = (response + response.mean()) / 2
    q, r, norms = _scaled_qr(design, np.sqrt(mu0))
    start = linalg.solve_triangular(r, q.T @ (np.sqrt(mu0) * (np.log(mu0) - extra))) / norms
    family = _Family("poisson")
    beta, history, iteration, converged = _irls(family, design, response, extra, start,
                                                constant, max_iter)
    eta = design @ beta + extra
    if not converged or np.min(eta[response == 0], initial=0.0) < -SUSPICIOUS_ETA:
        _check_poisson_existence(design, response)
    if not converged:
        raise EstimationError(f"Poisson regression did not converge in {max_iter} Newton "
                              "iterations")
    return _glm_result(family, design, response, extra, beta, history, iteration, converged,
                       _names(names, design.shape[1]), "Poisson regression (maximum likelihood)")
