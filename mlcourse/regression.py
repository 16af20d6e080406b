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
from .fitting import (
    EstimationError,
    FitSpec,
    MLEResult,
    SeparationError,
    check_count,
    summary_table,
    wrap,
)

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


def _float_data(value: Any, name: str) -> np.ndarray:
    """`value` as a finite float array, without a copy when it already is one: a finite sum
    proves every entry finite (one pass, no temporary); otherwise the full check decides."""
    if type(value) is np.ndarray and value.dtype == np.float64 and value.size:
        with np.errstate(over="ignore", invalid="ignore"):
            if math.isfinite(float(value.sum())):
                return value
    return check.observations(value, name).astype(float)


def _design(X: Any, y: Any) -> tuple[np.ndarray, np.ndarray]:
    design = _float_data(X, "X")
    if design.ndim == 1:
        design = design[:, None]
    if design.ndim != 2:
        raise ValueError(f"X must be a 2-D design matrix (n, p); got shape {design.shape}")
    response = _float_data(y, "y")
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
    if isinstance(names, (str, bytes)):
        raise ValueError(f"names must be a sequence of strings, one per column of X ({p}); "
                         f"got the single string {names!r}")
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
    norms = power_of_two(column_norms(matrix))
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


def _split(a: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Dekker's split of each double into two halves of 26 bits (their products are exact)."""
    c = 134217729.0 * a
    high = c - (c - a)
    return high, a - high


def _two_product(a: np.ndarray, b: Any) -> tuple[np.ndarray, np.ndarray]:
    """``a * b`` and its rounding error, exactly (Dekker's TwoProduct)."""
    product = a * b
    a_high, a_low = _split(a)
    b_high, b_low = _split(np.broadcast_to(np.asarray(b, dtype=float), np.shape(a)))
    error = ((a_high * b_high - product) + a_high * b_low + a_low * b_high) + a_low * b_low
    return product, error


def _two_sum(a: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``a + b`` and its rounding error, exactly (Knuth's TwoSum)."""
    total = a + b
    z = total - a
    return total, (a - (total - z)) + (b - z)


def _refine(a: np.ndarray, y: np.ndarray, q: np.ndarray, r: np.ndarray, beta: np.ndarray
            ) -> np.ndarray:
    """Iterative refinement of a least-squares solution (Björck's augmented system).

    The residuals of ``r + A beta = y`` and ``A^T r = 0`` are computed as if in twice the
    working precision (error-free products and sums), and the corrections solved with the
    factors A = QR, which contract the error by about cond(A) eps per step. This removes
    the error that large residuals and an ill-conditioned A put into the QR solution (NIST's
    Wampler4 and Wampler5).
    """
    # The corrections are small, so R's explicit inverse is accurate enough for them: the
    # residuals, not the corrections, set the digits.
    r_inverse = triangular_inverse(r)
    resid = y - a @ beta
    for _ in range(3):
        total, carry = _two_sum(y, -resid)
        for j in range(a.shape[1]):
            product, error = _two_product(a[:, j], -beta[j])
            total, rounding = _two_sum(total, product)
            carry = carry + rounding + error
        f = total + carry
        g = np.array([-math.fsum(np.concatenate(_two_product(a[:, j], resid)))
                      for j in range(a.shape[1])])
        projection = q.T @ f - r_inverse.T @ g
        resid = resid + (f - q @ projection)
        beta = beta + r_inverse @ projection
    return beta


def power_of_two(values: np.ndarray) -> np.ndarray:
    """The power of two in [v, 2 v) for each positive v (0 stays 0): scaling by it is exact,
    so an equilibrated matrix is the same problem, not a rounded copy of it."""
    exponents = np.frexp(values)[1]
    return np.where(values > 0, np.ldexp(1.0, exponents), 0.0)


def column_norms(matrix: np.ndarray) -> np.ndarray:
    """Euclidean norms of the columns, computed without overflow or underflow (columns of
    1e160 or 1e-160 give norms of that size, not inf or 0)."""
    norms = np.sqrt(np.einsum("ij,ij->j", matrix, matrix))
    if np.all((norms > 1e-150) & (norms < 1e150)):
        return norms  # no overflow or underflow was possible
    largest = np.max(np.abs(matrix), axis=0)
    safe = np.where(largest > 0, largest, 1.0)
    return largest * np.sqrt(np.einsum("ij,ij->j", matrix / safe, matrix / safe))


def triangular_inverse(r: np.ndarray) -> np.ndarray:
    """The inverse of an upper-triangular matrix (LAPACK's trtri: for the small R factors here
    it is much cheaper than a triangular solve with an identity right-hand side)."""
    inverse, info = linalg.lapack.dtrtri(np.asarray(r, dtype=float), lower=0)
    if info != 0:
        raise ValueError("X does not have full column rank: R has a zero on its diagonal")
    return inverse


def _inverse_gram(r: np.ndarray) -> np.ndarray:
    """(R^T R)^{-1} from the R factor of the column-scaled X. The inverse Gram matrix of X
    itself is this divided by ``outer(norms, norms)``; it is kept apart, so that standard
    errors of columns of 1e-160 or 1e160 neither overflow nor underflow."""
    r_inverse = triangular_inverse(r)
    return r_inverse @ r_inverse.T


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
    exact: bool = False
    _scale: np.ndarray | None = field(default=None, repr=False)

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
        scale = np.ones(len(self.params)) if self._scale is None else self._scale
        return self.sigma_unbiased**2 * self._unscaled_cov * np.outer(scale, scale)

    @property
    def bse(self) -> np.ndarray:
        """Standard errors of the coefficients (with SSE / (n - p))."""
        scale = np.ones(len(self.params)) if self._scale is None else self._scale
        return self.sigma_unbiased * np.sqrt(np.diag(self._unscaled_cov)) * scale

    @property
    def tvalues(self) -> np.ndarray:
        """``params / bse``, t-distributed with n - p degrees of freedom under the model
        (infinite for the nonzero coefficients of an exact fit)."""
        if self.exact:
            return np.where(self.params == 0, 0.0, np.copysign(np.inf, self.params))
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
        title = "Linear regression (Gaussian maximum likelihood, QR)"
        if self.exact:
            title += ("\nEXACT FIT: every residual is 0, so sigma's MLE is 0 and the "
                      "log-likelihood\nis unbounded; the coefficients are the MLE of beta "
                      "for every sigma.")
        return summary_table(
            title,
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


def linear_regression(X: Any, y: Any, *, names: Sequence[str] | None = None,
                      allow_exact: bool = False) -> LinearRegressionResult:
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
    allow_exact : bool, default False
        What to do when the fit is exact (every residual 0, to rounding): by default raise,
        since sigma's MLE is then 0 and the log-likelihood unbounded; with True, return the
        least-squares coefficients (the MLE of beta for every sigma) with ``exact=True``,
        ``ssr = 0``, ``llf = inf`` and standard errors of 0.

    Returns
    -------
    LinearRegressionResult
        Coefficients, standard errors, sigma (MLE and n - p), log-likelihood, R², intervals.

    Raises
    ------
    ValueError
        If the shapes do not match, the data are not finite, n <= p, X is rank deficient,
        the fit is exact (unless `allow_exact`), or y is so large that its sum of squares
        overflows.

    Notes
    -----
    With :math:`X = QR`, the least-squares coefficients solve :math:`R\beta = Q^\top y`; the
    condition number that matters is that of X, not of :math:`X^\top X` (its square). The
    columns are scaled to unit norm and y to a largest value of 1 first, so that neither
    overflows; then two steps of iterative refinement (the same factorisation applied to the
    residual) correct the solution, which matters when the residuals are large (NIST's
    Wampler4 and Wampler5). On the NIST StRD problems this gives about 8 correct digits on
    Filip (cond(X) = 1.8e15), 12 on Pontius and at least 7 on Wampler 1 to 5.

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
    if not isinstance(allow_exact, bool):
        raise ValueError(f"allow_exact must be True or False; got {allow_exact!r}")
    q, r, norms = _scaled_qr(design)
    y_scale = float(power_of_two(np.max(np.abs(response))))
    scaled = response / (y_scale if y_scale > 0 else 1.0)
    coefficients = triangular_inverse(r) @ (q.T @ scaled)
    equilibrated = design / norms
    if design.size <= 10**6 or np.linalg.cond(r) > 1e4:  # refinement costs ~30 n p flops
        coefficients = _refine(equilibrated, scaled, q, r, coefficients)
    resid_scaled = scaled - equilibrated @ coefficients
    ssr_scaled = float(resid_scaled @ resid_scaled)
    with np.errstate(over="ignore"):
        params = coefficients / norms * y_scale
        ssr = ssr_scaled * y_scale * y_scale
    if not (np.all(np.isfinite(params)) and math.isfinite(ssr)):
        raise ValueError(wrap(
            f"y is too large for float64 arithmetic here (max |y| = {y_scale:.3g}): its "
            "coefficients or sum of squared residuals overflow. Rescale y (divide it by a "
            "power of 10) and scale the results back."))
    exact = math.sqrt(ssr_scaled) <= 10 * n * EPS * float(np.linalg.norm(scaled))
    if exact and not allow_exact:
        raise ValueError(wrap(
            "the fit is exact (all residuals are 0, to rounding): sigma's MLE is 0 and the "
            "likelihood is unbounded. The least-squares coefficients are still the MLE of "
            "beta for every sigma: pass allow_exact=True to get them."))
    fitted = design @ params
    resid = response - fitted
    has_constant = bool(np.any(np.all(design == design[:1], axis=0) & (design[0] != 0)))
    centre = scaled.mean() if has_constant else 0.0
    total = float(np.sum((scaled - centre) ** 2))
    if exact:
        ssr, llf, rsquared = 0.0, math.inf, 1.0
    else:
        llf = -n / 2 * (math.log(2 * math.pi * ssr_scaled / n) + 2 * math.log(y_scale) + 1)
        rsquared = 1 - ssr_scaled / total
    return LinearRegressionResult(
        params=params, names=_names(names, p), nobs=n, ssr=ssr, llf=llf,
        rsquared=rsquared, fittedvalues=fitted, resid=resid,
        condition_number=float(np.linalg.cond(design)),
        _unscaled_cov=_inverse_gram(r), exact=exact, _scale=1 / norms)


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


def _check_separation(design: np.ndarray, response: np.ndarray, flat_prior: bool = False
                      ) -> None:
    """Raise SeparationError if the columns of `design` separate the classes. With
    `flat_prior`, `design` holds only the columns whose prior is flat (a MAP fit)."""
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
    columns = "the columns of X with a flat prior" if flat_prior else "the columns of X"
    kind = (f"complete separation: a linear combination of {columns} is positive for "
            "every y = 1 and negative for every y = 0"
            if complete is not None else
            f"quasi-complete separation: a linear combination of {columns} puts "
            f"{separated} of the {n} observations perfectly on their side (and the rest on "
            "the boundary)")
    shown = ", ".join(f"{v:.3g}" for v in direction / np.abs(direction).max())
    if flat_prior:
        raise SeparationError(wrap(
            f"the posterior mode does not exist: {kind}. Along the direction [{shown}] of "
            "those coefficients the log posterior keeps increasing as they grow, since "
            "their prior does not penalise them. Remedy: a proper prior (finite "
            "prior_variance) on them too."))
    raise SeparationError(wrap(
        f"the logistic-regression MLE does not exist: {kind}. Along the direction "
        f"[{shown}] the log-likelihood keeps increasing as the coefficients grow, so Newton's "
        "method would return huge coefficients with huge standard errors. Remedies: a prior "
        "or penalty (MAP, ridge), Firth's bias-reduced estimate, or removing the separating "
        "predictor."))


def _check_poisson_existence(design: np.ndarray, response: np.ndarray,
                             flat_prior: bool = False) -> None:
    """Raise EstimationError if some zero counts can be fitted by rates of 0. With
    `flat_prior`, `design` holds only the columns whose prior is flat (a MAP fit)."""
    zeros = response == 0
    value, direction = _recession_direction(-design[zeros], design[~zeros])
    if value > 1e-6:
        estimate, columns, what = (
            ("posterior mode", "the columns of X with a flat prior", "log posterior")
            if flat_prior else ("Poisson-regression MLE", "the columns of X", "log-likelihood"))
        raise EstimationError(wrap(
            f"the {estimate} does not exist: a linear combination of {columns} is 0 for "
            "every positive count and negative for some zero counts, so their fitted rates "
            f"can be driven to 0 while the {what} keeps increasing "
            f"(direction [{', '.join(f'{v:.3g}' for v in direction)}])"))


@dataclass(frozen=True)
class _Family:
    name: str

    def mean(self, eta: np.ndarray) -> np.ndarray:
        return special.expit(eta) if self.name == "logistic" else np.exp(eta)

    def weight(self, eta: np.ndarray, mu: np.ndarray) -> np.ndarray:
        return mu * (1 - mu) if self.name == "logistic" else mu

    def nll(self, eta: np.ndarray, y: np.ndarray, constant: float) -> float:
        if self.name == "logistic":
            # softplus(eta) = max(eta, 0) + log1p(exp(-|eta|)): as accurate as logaddexp,
            # and three times faster on large n.
            softplus = np.log1p(np.exp(-np.abs(eta)))
            softplus += np.maximum(eta, 0.0)
            return float(softplus.sum() - y @ eta)
        with np.errstate(over="ignore", invalid="ignore"):
            return float(np.exp(eta).sum() - y @ eta + constant)


def _equilibrated(design: np.ndarray, check_rank: bool = True
                  ) -> tuple[np.ndarray, np.ndarray, np.ndarray | None]:
    """The design with unit-norm columns, the norms, and its Gram matrix (None if not
    computed); raises if X is rank deficient.

    The rank is judged from the equilibrated Gram matrix when it is well conditioned (one
    matrix product); only otherwise is a QR factorisation needed to decide. A proper prior on
    every coefficient identifies them all, and then the rank is not checked.
    """
    norms = column_norms(design)
    if np.any(norms == 0):
        column = int(np.flatnonzero(norms == 0)[0])
        raise ValueError(f"column {column} of X is zero: its coefficient is not identified")
    scaled = design / norms
    gram = None
    if check_rank:
        gram = scaled.T @ scaled
        if np.linalg.cond(gram) >= 1e8:
            _scaled_qr(scaled)  # raises if X is rank deficient
    return scaled, norms, gram


def _first_factor(gram: np.ndarray | None, weight: float, precision: np.ndarray | None
                  ) -> tuple[Any, np.ndarray] | None:
    """The Cholesky factor of the first Newton step when every weight is the same (logistic
    regression from beta = 0: weights 1/4), from the Gram matrix already computed, or None."""
    if gram is None:
        return None
    hessian = weight * gram
    if precision is not None:
        hessian[np.diag_indices_from(hessian)] += precision
    norms = np.sqrt(np.diag(hessian))
    scaled = hessian / np.outer(norms, norms)
    if not np.linalg.cond(scaled) < 1e8:
        return None
    return linalg.cho_factor(scaled), norms


def _prior_precision(prior_variance: Any, p: int) -> np.ndarray | None:
    """The prior precisions 1 / v_j (0 for a flat prior, v_j = inf), or None without a prior."""
    if prior_variance is None:
        return None
    if isinstance(prior_variance, (bool, np.bool_)):
        raise ValueError(f"prior_variance must be a positive number or an array of {p} "
                         f"positive numbers (np.inf for a flat prior); got {prior_variance!r}")
    try:
        variance = np.asarray(prior_variance, dtype=float)
    except (TypeError, ValueError):
        raise ValueError(f"prior_variance must be a positive number or an array of {p} "
                         f"positive numbers (np.inf for a flat prior); got "
                         f"{prior_variance!r}") from None
    if variance.ndim > 1 or (variance.ndim == 1 and variance.size != p):
        raise ValueError(f"prior_variance must be a number or have one entry per column of X "
                         f"({p}); got shape {variance.shape}")
    bad = np.isnan(variance) | (variance <= 0)
    if np.any(bad):
        value = variance.flat[int(np.flatnonzero(bad.ravel())[0])]
        raise ValueError(f"prior_variance must be positive (np.inf for a flat prior), not "
                         f"nan, zero or negative; got {value!r}")
    return np.broadcast_to(1 / variance, (p,)).astype(float)


def _with_spec(result: MLEResult, family: str, design: np.ndarray, response: np.ndarray,
               offset: np.ndarray, constant: float, prior: np.ndarray | None) -> MLEResult:
    """Keep the model on the result (as :func:`fit_mle` does), written with torch on the
    original design, one scalar parameter per coefficient name: profile intervals and
    likelihood-ratio or score tests (:mod:`mlcourse.inference`) refit it."""
    names = result.names
    data = {"design": design, "response": response, "offset": offset}

    def negloglik(**coefficients: Any) -> Any:
        import torch

        beta = torch.stack([coefficients[name] for name in names])
        eta = torch.as_tensor(data["design"]) @ beta + torch.as_tensor(data["offset"])
        y = torch.as_tensor(data["response"])
        if family == "logistic":
            return (torch.nn.functional.softplus(eta) - y * eta).sum()
        return (torch.exp(eta) - y * eta).sum() + constant

    log_prior = None
    if prior is not None:
        proper = [(name, float(value)) for name, value in zip(names, prior, strict=True)
                  if value > 0]

        def log_prior(**coefficients: Any) -> Any:
            total = 0.0
            for name, precision in proper:
                total = total + 0.5 * math.log(precision / (2 * math.pi)) \
                    - 0.5 * precision * coefficients[name] ** 2
            return total

    result.spec = FitSpec(negloglik=negloglik, log_prior=log_prior, constraints={},
                          start={name: np.asarray(v) for name, v in zip(names, result.params,
                                                                        strict=True)})
    return result


def _log_prior(beta: np.ndarray, precision: np.ndarray) -> float:
    """The log density of independent N(0, 1 / precision_j) priors, normalising constants
    included; flat coordinates (precision 0) contribute 0."""
    proper = precision > 0
    return float(np.sum(0.5 * np.log(precision[proper] / (2 * math.pi))
                        - 0.5 * precision[proper] * beta[proper] ** 2))


def _newton_direction(design: np.ndarray, weights: np.ndarray, residual: np.ndarray,
                      gradient: np.ndarray, buffer: np.ndarray | None = None,
                      precision: np.ndarray | None = None, beta: np.ndarray | None = None
                      ) -> tuple[np.ndarray, Any]:
    """Solve (X^T W X + Lambda) d = X^T (y - mu) - Lambda beta, the Newton step of a
    canonical-link GLM (Lambda = diag(precision), the Gaussian prior's; 0 without one).

    `gradient` is the full gradient of the log posterior (penalty included). The
    equilibrated Gram matrix is used when it is well conditioned (fast: one matrix
    product); otherwise the weighted least-squares problem, with rows sqrt(Lambda) appended
    for the prior, is solved by QR. Either way the gradient is exact, so the iteration
    converges to the same estimate: the solver only changes how fast it gets there. Returns
    the step and the Cholesky factor used (None after a QR), which the caller may reuse.
    """
    root = np.sqrt(weights)
    weighted = np.multiply(design, root[:, None], out=buffer)
    gram = weighted.T @ weighted
    if precision is not None:
        gram[np.diag_indices_from(gram)] += precision
    norms = np.sqrt(np.diag(gram))
    if np.all(norms > 0):
        scaled = gram / np.outer(norms, norms)
        if np.linalg.cond(scaled) < 1e8:
            factor = linalg.cho_factor(scaled)
            return linalg.cho_solve(factor, gradient / norms) / norms, (factor, norms)
    if precision is None:
        q, r, norms = _scaled_qr(design, root)
        return linalg.solve_triangular(r, q.T @ (residual / root)) / norms, None
    penalty = np.sqrt(precision)
    augmented = np.vstack([design * root[:, None], np.diag(penalty)])
    target = np.concatenate([residual / root, -penalty * beta])
    q, r, norms = _scaled_qr(augmented)
    return linalg.solve_triangular(r, q.T @ target) / norms, None


def _irls(family: _Family, design: np.ndarray, response: np.ndarray, offset: np.ndarray,
          start: np.ndarray, constant: float, max_iter: int,
          precision: np.ndarray | None = None, factor: Any = None
          ) -> tuple[np.ndarray, list[float], int, bool]:
    """Newton's method on the negative log-likelihood, plus ``beta^T Lambda beta / 2`` for a
    Gaussian prior of precisions `precision` (in the coordinates of `design`). `factor` is
    the exact Hessian's factorisation at `start`, if the caller has it."""

    def objective(eta: np.ndarray, beta: np.ndarray) -> float:
        value = family.nll(eta, response, constant)
        if precision is not None:
            value += 0.5 * float(precision @ (beta * beta))
        return value

    beta = start
    eta = design @ beta + offset
    f = objective(eta, beta)
    history, converged, iteration = [f], False, 0
    buffer = np.empty_like(design)
    reuse = factor
    for iteration in range(1, max_iter + 1):
        mu = family.mean(eta)
        gradient = design.T @ (response - mu)
        if precision is not None:
            gradient -= precision * beta
        try:
            step = None
            if reuse is not None:
                # In the region of quadratic convergence the Hessian no longer changes to
                # the accuracy that matters, so the last factorisation gives the step.
                factor = reuse
                chol, norms = reuse
                with np.errstate(all="ignore"):
                    step = linalg.cho_solve(chol, gradient / norms) / norms
                if not np.all(np.isfinite(step)):
                    step = None
            if step is None:
                weights = np.maximum(family.weight(eta, mu), 1e-300)
                step, factor = _newton_direction(design, weights, response - mu, gradient,
                                                 buffer, precision, beta)
        except ValueError:
            # X has full rank (checked first), so the weights have degenerated: fitted
            # probabilities of exactly 0 or 1, the signature of separation.
            break
        decrement = float(gradient @ step)
        if decrement <= 1e-20 * (1 + abs(f)):
            # Converged. The last step is still worth taking (its decrease of the objective
            # is below rounding): it squares a Newton error, and it is what makes the
            # chord steps (a reused factorisation) as accurate as Newton's.
            beta = beta + step
            converged, iteration = True, iteration - 1
            break
        reuse = factor if decrement <= 1e-10 * (1 + abs(f)) else None
        # Near the optimum the decrease of a Newton step is below the rounding of the
        # objective; the full step is then taken unless it is worse by more than rounding.
        slack = 1e-13 * (1 + abs(f)) if decrement <= 1e-8 * (1 + abs(f)) else 0.0
        length = 1.0
        move = design @ step
        while length > 1e-10:
            candidate = beta + length * step
            trial = eta + length * move
            value = objective(trial, candidate)
            if math.isfinite(value) and value <= f + slack:
                value = min(value, f)
                break
            length /= 2
        else:
            converged = decrement <= 1e-12 * (1 + abs(f))
            break
        beta, f = candidate, value
        eta = design @ beta + offset if length < 1 else trial
        history.append(f)
    return beta, history, iteration, converged


def _glm_result(family: _Family, design: np.ndarray, norms: np.ndarray, response: np.ndarray,
                offset: np.ndarray, beta: np.ndarray, history: list[float], iteration: int,
                converged: bool, names: tuple[str, ...], title: str,
                precision: np.ndarray | None = None, prior: np.ndarray | None = None,
                constant: float = 0.0) -> MLEResult:
    """The result, from the fit on the equilibrated design (columns divided by `norms`): one
    QR factorisation (R only) of W^1/2 X gives the standard errors to full accuracy.

    With a Gaussian prior (`precision` in the equilibrated coordinates, `prior` the
    precisions of the coefficients as the user wrote them), the Hessian is that of the
    negative log posterior, X^T W X + Lambda, and the result is a MAP fit."""
    eta = design @ beta + offset
    weights = family.weight(eta, family.mean(eta))
    weighted = design * np.sqrt(weights)[:, None]
    if precision is not None:
        weighted = np.vstack([weighted, np.diag(np.sqrt(precision))])
    gram = weighted.T @ weighted
    root = np.sqrt(np.diag(gram))
    r = None
    if np.all(root > 0) and np.linalg.cond(gram / np.outer(root, root)) < 1e4:
        # Well conditioned: the Cholesky factor of the Gram matrix is as accurate as R
        # (errors of cond * eps < 1e-12), at a fraction of the cost of a QR.
        try:
            r = linalg.cholesky(gram)
        except linalg.LinAlgError:
            r = None
    if r is None:
        r = linalg.qr(weighted, mode="r", overwrite_a=True)[0][:design.shape[1]]
    diagonal = np.abs(np.diag(r))
    if diagonal.min() <= max(design.shape) * EPS * diagonal.max():
        raise EstimationError(wrap(
            "the weighted design W^1/2 X at the estimate is (numerically) rank deficient: "
            "the fitted probabilities or rates are 0 or 1 for too many observations, so no "
            "standard errors exist"))
    cov = _inverse_gram(r)
    with np.errstate(over="ignore", under="ignore"):  # X^T W X itself may not fit
        hessian = (r.T @ r) * np.outer(norms, norms)
    params = beta / norms
    if precision is None:
        return MLEResult(params=params, names=names, hessian=hessian, llf=-history[-1],
                         nobs=len(response), converged=converged, n_iter=iteration,
                         history=np.array(history), method="Newton's method (IRLS)",
                         title=title, _cov=cov, _scale=1 / norms)
    llf = -family.nll(eta, response, constant)
    log_prior = _log_prior(params, prior)
    # history holds the penalised objective without the prior's normalising constants;
    # shift it to the negative log posterior that log_posterior reports.
    shift = _log_prior(np.zeros_like(params), prior)
    return MLEResult(params=params, names=names, hessian=hessian, llf=llf,
                     nobs=len(response), converged=converged, n_iter=iteration,
                     history=np.array(history) - shift,
                     method="Newton's method (IRLS), with a Gaussian prior",
                     title=title, _cov=cov, _scale=1 / norms, estimator="MAP",
                     log_posterior=llf + log_prior)


def logistic_regression(X: Any, y: Any, *, names: Sequence[str] | None = None,
                        max_iter: int = 100, prior_variance: Any = None) -> MLEResult:
    r"""Fit P(y = 1 | x) = sigmoid(x^T beta) by maximum likelihood (Newton's method / IRLS).

    Introduced in Chapter 6 (Logistic regression is Bernoulli maximum likelihood).

    With `prior_variance`, the fit is instead the posterior mode (MAP, Chapter 9) under
    independent Gaussian priors on the coefficients: L2-penalised (ridge) logistic regression.

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
    prior_variance : float or array_like of shape (p,), optional
        Prior variances :math:`v_j` of independent :math:`N(0, v_j)` priors on the
        coefficients as written (columns of `X` as given: standardise them first if one
        scale should fit all). ``np.inf`` is a flat prior, e.g. for the intercept column of
        :func:`add_intercept`. ``v = C`` for every weight and ``inf`` for the intercept is
        scikit-learn's ``LogisticRegression(C=C)``.

    Returns
    -------
    MLEResult
        Coefficients; standard errors from :math:`(X^\top \hat W X)^{-1}` with
        :math:`\hat W = \mathrm{diag}(\hat p_i (1 - \hat p_i))`; ``history`` holds the negative
        log-likelihood after each Newton step. With a prior: ``estimator="MAP"``, `llf` the
        log-likelihood at the mode, `log_posterior` the log-likelihood plus the log prior
        density (its Gaussian normalising constants included; flat coordinates add 0),
        ``history`` the negative log posterior, and the covariance the Laplace
        approximation :math:`(X^\top \hat W X + \mathrm{diag}(1 / v))^{-1}`. The model is kept
        in ``spec`` (one scalar parameter per coefficient name), so that
        ``conf_int(method="profile")`` and the tests of :mod:`mlcourse.inference` can refit it.

    Raises
    ------
    SeparationError
        Under complete or quasi-complete separation, where the MLE does not exist (with a
        prior: separation by the columns whose prior is flat alone, where no mode exists).
    ValueError
        If y is not 0/1, the shapes do not match, X is rank deficient (unless every prior is
        proper), or `prior_variance` is not positive (nan, zero, negative) or has the wrong
        length.

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
    max_iter = check_count(max_iter, "max_iter")
    labels = _names(names, design.shape[1])
    prior = _prior_precision(prior_variance, design.shape[1])
    flat = np.ones(design.shape[1], dtype=bool) if prior is None else prior == 0
    # raises if X is rank deficient (a proper prior on every coefficient identifies them)
    scaled, norms, gram = _equilibrated(design, check_rank=bool(np.any(flat)))
    precision = None if prior is None else prior / norms / norms
    beta, history, iteration, converged = _irls(
        _Family("logistic"), scaled, response, np.zeros(len(response)),
        np.zeros(design.shape[1]), 0.0, max_iter, precision,
        _first_factor(gram, 0.25, precision))
    # With a prior only the flat coordinates can run off: a separation by them alone.
    if np.any(flat) and (not converged or np.max(np.abs(scaled @ beta)) > SUSPICIOUS_ETA):
        _check_separation(design[:, flat], response, flat_prior=prior is not None)
    what = "log-likelihood" if prior is None else "log posterior"
    if not converged:
        raise EstimationError(wrap(
            f"logistic regression did not converge in {max_iter} Newton iterations (the "
            f"negative {what} is {history[-1]:.6g}); raise max_iter"))
    title = ("Logistic regression (maximum likelihood)" if prior is None else
             "Logistic regression (MAP, Gaussian prior)")
    result = _glm_result(_Family("logistic"), scaled, norms, response, np.zeros(len(response)),
                         beta, history, iteration, converged, labels, title, precision, prior)
    return _with_spec(result, "logistic", design, response, np.zeros(len(response)), 0.0, prior)


def poisson_regression(X: Any, y: Any, *, offset: Any = None,
                       names: Sequence[str] | None = None, max_iter: int = 100,
                       prior_variance: Any = None) -> MLEResult:
    r"""Fit counts y ~ Poisson(exp(x^T beta + offset)) by maximum likelihood (Newton / IRLS).

    Introduced in Chapter 7 (Every loss is a negative log-likelihood).

    With `prior_variance`, the fit is instead the posterior mode (MAP, Chapter 9) under
    independent Gaussian priors on the coefficients: L2-penalised Poisson regression.

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
    prior_variance : float or array_like of shape (p,), optional
        Prior variances :math:`v_j` of independent :math:`N(0, v_j)` priors on the
        coefficients as written; ``np.inf`` is a flat prior (e.g. for the intercept).
        scikit-learn's ``PoissonRegressor(alpha=a)`` (penalty ``a/2 ||w||^2`` on the mean
        half-deviance) is ``v = 1 / (n a)`` for the weights and ``inf`` for the intercept.

    Returns
    -------
    MLEResult
        Coefficients (``exp`` of one is a rate ratio), standard errors from
        :math:`(X^\top \hat W X)^{-1}` with :math:`\hat W = \mathrm{diag}(\hat\mu_i)`, and the
        full log-likelihood including :math:`-\sum_i \log y_i!`, as statsmodels reports it.
        With a prior: ``estimator="MAP"``, `llf` the log-likelihood at the mode,
        `log_posterior` the log-likelihood plus the log prior density (Gaussian normalising
        constants included; flat coordinates add 0), ``history`` the negative log
        posterior, and the Laplace covariance
        :math:`(X^\top \hat W X + \mathrm{diag}(1 / v))^{-1}`. The model is kept in
        ``spec``, as for :func:`logistic_regression`.

    Raises
    ------
    EstimationError
        If the MLE does not exist (some zero counts can be fitted exactly by rates of 0; with
        a prior, by the columns whose prior is flat alone).
    ValueError
        If y is not counts, the shapes do not match, X is rank deficient (unless every prior
        is proper), or `prior_variance` is not positive (nan, zero, negative) or has the
        wrong length.

    Examples
    --------
    >>> X = add_intercept([0.0, 1.0, 2.0, 3.0, 4.0])
    >>> fit = poisson_regression(X, [1, 2, 2, 5, 8])
    >>> fit.params.round(4)
    array([-0.0345,  0.5266])
    """
    design, response = _design(X, y)
    response = check.counts(response, "y").astype(float)
    max_iter = check_count(max_iter, "max_iter")
    labels = _names(names, design.shape[1])
    extra = np.zeros(len(response)) if offset is None else check.finite(offset, "offset")
    if extra.shape != response.shape:
        raise ValueError(f"offset must have the shape of y {response.shape}; got {extra.shape}")
    original = design
    prior = _prior_precision(prior_variance, design.shape[1])
    flat = np.ones(design.shape[1], dtype=bool) if prior is None else prior == 0
    # raises if X is rank deficient (a proper prior on every coefficient identifies them)
    design, norms, _ = _equilibrated(design, check_rank=bool(np.any(flat)))
    precision = None if prior is None else prior / norms / norms
    if not np.any(response):
        if prior is None:
            raise EstimationError(wrap(
                "the Poisson-regression MLE does not exist: every count is 0, so the "
                "likelihood keeps increasing as every fitted rate goes to 0"))
        if np.any(flat):
            _check_poisson_existence(original[:, flat], response, flat_prior=True)
    constant = float(np.sum(special.gammaln(response + 1)))
    # The usual GLM start: one weighted least-squares fit of log((y + mean) / 2).
    mu0 = (response + (response.mean() if np.any(response) else 1.0)) / 2
    working = mu0 * (np.log(mu0) - extra)
    start_gradient = design.T @ working
    start = _newton_direction(design, mu0, working, start_gradient, None, precision,
                              np.zeros(design.shape[1]))[0]
    family = _Family("poisson")
    beta, history, iteration, converged = _irls(family, design, response, extra, start,
                                                constant, max_iter, precision)
    eta = design @ beta + extra
    if np.any(flat) and (not converged or
                         np.min(eta[response == 0], initial=0.0) < -SUSPICIOUS_ETA):
        _check_poisson_existence(original[:, flat], response, flat_prior=prior is not None)
    what = "log-likelihood" if prior is None else "log posterior"
    if not converged:
        raise EstimationError(wrap(
            f"Poisson regression did not converge in {max_iter} Newton iterations (the "
            f"negative {what} is {history[-1]:.6g}); raise max_iter"))
    title = ("Poisson regression (maximum likelihood)" if prior is None else
             "Poisson regression (MAP, Gaussian prior)")
    result = _glm_result(family, design, norms, response, extra, beta, history, iteration,
                         converged, labels, title, precision, prior, constant)
    return _with_spec(result, "poisson", original, response, extra, constant, prior)
