r"""Sandwich (robust) covariance matrices for misspecified models.

When the model is wrong, the MLE still converges, to the member of the family closest to the
truth in KL divergence, but the inverse information :math:`A^{-1}` no longer estimates its
covariance. The sandwich :math:`A^{-1} B A^{-1}` does, with :math:`A` the Hessian of the negative
log-likelihood and :math:`B = \sum_i s_i s_i^\top` the outer products of the per-observation
scores (Huber 1967, White 1980). The vocabulary is statsmodels': ``"HC0"`` is the plain sandwich,
``"HC1"`` multiplies it by :math:`n / (n - k)`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
from scipy import linalg, special

from . import _validate as check
from .fitting import EstimationError, MLEResult, wrap
from .regression import LinearRegressionResult

__all__ = ["mle_sandwich_cov", "regression_sandwich_cov", "sandwich_cov"]

COV_TYPES = ("HC0", "HC1")


def _cov_type(cov_type: Any) -> str:
    if cov_type not in COV_TYPES:
        raise ValueError(f"cov_type must be one of {COV_TYPES}; got {cov_type!r}")
    return cov_type


def sandwich_cov(scores: Any, hessian: Any, *, cov_type: str = "HC0") -> np.ndarray:
    r"""The sandwich covariance :math:`A^{-1} B A^{-1}` from per-observation scores.

    Introduced in Chapter 11 (When maximum likelihood fails).

    Parameters
    ----------
    scores : array_like, shape (n, k)
        Row :math:`i` is the gradient of observation :math:`i`'s log-likelihood (or negative
        log-likelihood: the sign does not matter) at the estimate.
    hessian : array_like, shape (k, k)
        :math:`A`, the Hessian of the total negative log-likelihood at the estimate (the
        observed information); symmetric positive definite.
    cov_type : {"HC0", "HC1"}, default "HC0"
        ``"HC1"`` scales the result by :math:`n / (n - k)`, as statsmodels' OLS (and Stata)
        do; statsmodels' ``Logit`` and ``GLM`` return the HC0 matrix for ``"HC1"``.

    Returns
    -------
    ndarray, shape (k, k)
        :math:`A^{-1} (\sum_i s_i s_i^\top) A^{-1}`, computed with a Cholesky factorisation of
        :math:`A` (no explicit inverse).

    Raises
    ------
    ValueError
        If the shapes do not match, a value is not finite, `hessian` is not symmetric positive
        definite, or HC1 is asked with n <= k.

    Examples
    --------
    >>> sandwich_cov([[1.0], [-1.0]], [[2.0]])
    array([[0.5]])
    """
    s = check.finite(scores, "scores").astype(float)
    a = check.finite(hessian, "hessian").astype(float)
    kind = _cov_type(cov_type)
    if s.ndim == 1:
        s = s[:, None]
    if s.ndim != 2 or a.shape != (s.shape[1], s.shape[1]):
        raise ValueError(wrap(
            f"scores must have shape (n, k) and hessian (k, k); got {s.shape} and {a.shape}"))
    n, k = s.shape
    if not np.allclose(a, a.T, rtol=1e-10, atol=1e-12 * float(np.max(np.abs(a), initial=0))):
        raise ValueError("hessian must be symmetric")
    try:
        factor = linalg.cho_factor((a + a.T) / 2)
    except linalg.LinAlgError:
        raise ValueError(wrap(
            "hessian must be positive definite: at a maximum of the likelihood the Hessian "
            "of the negative log-likelihood is; here it is not (a saddle, or parameters "
            "that are not identified)")) from None
    half = linalg.cho_solve(factor, s.T)  # A^{-1} s_i, one column per observation
    cov = half @ half.T
    if kind == "HC1":
        if n <= k:
            raise ValueError(wrap(f"HC1 needs more observations than parameters; got n = {n}, "
                                  f"k = {k}"))
        cov *= n / (n - k)
    return (cov + cov.T) / 2


def _family_of(result: Any, family: str | None) -> str:
    if family is not None:
        if family not in ("gaussian", "logistic", "poisson"):
            raise ValueError(wrap(f"family must be 'gaussian', 'logistic' or 'poisson'; got "
                                  f"{family!r}"))
        return family
    if isinstance(result, LinearRegressionResult):
        return "gaussian"
    title = getattr(result, "title", "")
    if isinstance(result, MLEResult) and title.startswith("Logistic regression"):
        return "logistic"
    if isinstance(result, MLEResult) and title.startswith("Poisson regression"):
        return "poisson"
    raise TypeError(wrap(
        "result must come from linear_regression, logistic_regression or poisson_regression "
        f"(or give family=); got {type(result).__name__} titled {title!r}"))


def regression_sandwich_cov(result: Any, X: Any, y: Any, *, cov_type: str = "HC0",
                            offset: Any = None, family: str | None = None) -> np.ndarray:
    r"""The sandwich covariance of a linear, logistic or Poisson regression fitted by the course.

    Introduced in Chapter 11 (When maximum likelihood fails).

    Parameters
    ----------
    result : LinearRegressionResult or MLEResult
        A fit returned by :func:`~mlcourse.linear_regression`,
        :func:`~mlcourse.logistic_regression` or :func:`~mlcourse.poisson_regression`.
    X : array_like, shape (n, k)
        The design matrix the model was fitted on.
    y : array_like, shape (n,)
        The responses it was fitted on.
    cov_type : {"HC0", "HC1"}, default "HC0"
        As in statsmodels' ``fit(cov_type=...)``.
    offset : array_like, shape (n,), optional
        The offset of a Poisson fit.
    family : {"gaussian", "logistic", "poisson"}, optional
        The model; by default read from `result`.

    Returns
    -------
    ndarray, shape (k, k)
        :math:`A^{-1} B A^{-1}`, with scores :math:`x_i (y_i - \hat\mu_i)` (divided by
        :math:`\hat\sigma^2` for the linear model) and :math:`A` the observed information;
        equal to statsmodels' ``cov_params()`` of a fit with ``cov_type="HC0"`` (and, for
        the linear model, ``"HC1"``).

    Raises
    ------
    TypeError
        If `result` is not one of the course's regression results and no family is given.
    ValueError
        If X, y are malformed, or are not the data the fit used (the score at the estimate
        is not zero).

    Examples
    --------
    >>> from mlcourse import add_intercept, linear_regression
    >>> X = add_intercept([0.0, 1.0, 2.0, 3.0])
    >>> fit = linear_regression(X, [0.0, 2.0, 1.0, 4.0])
    >>> regression_sandwich_cov(fit, X, [0.0, 2.0, 1.0, 4.0]).shape
    (2, 2)
    """
    kind = family_name = _family_of(result, family)
    design = check.observations(X, "X").astype(float)
    response = check.observations(y, "y").astype(float).ravel()
    if design.ndim != 2 or design.shape[0] != response.size:
        raise ValueError(wrap(
            f"X must have shape (n, k) and y shape (n,); got {design.shape} and "
            f"{response.shape}"))
    beta = np.asarray(result.params, dtype=float)
    if design.shape[1] != beta.size:
        raise ValueError(wrap(f"X has {design.shape[1]} columns but the fit has {beta.size} "
                              "coefficients"))
    eta = design @ beta
    if offset is not None:
        eta = eta + check.finite(offset, "offset").astype(float).ravel()
    if kind == "gaussian":
        resid = response - eta
        variance = float(resid @ resid) / response.size
        if variance == 0:
            raise ValueError("the fit is exact (zero residuals): no sandwich exists")
        scores = design * (resid / variance)[:, None]
        hessian = design.T @ design / variance
    else:
        mu = special.expit(eta) if kind == "logistic" else np.exp(eta)
        weight = mu * (1 - mu) if kind == "logistic" else mu
        scores = design * (response - mu)[:, None]
        hessian = (design * weight[:, None]).T @ design
    total = scores.sum(axis=0)
    scale = np.abs(scores).sum(axis=0)
    if np.any(np.abs(total) > 1e-6 * np.maximum(scale, 1e-300)):
        raise ValueError(wrap(
            f"the {family_name} score at the estimate is not zero on these X, y: pass the "
            "data (and offset) the model was fitted on"))
    return sandwich_cov(scores, hessian, cov_type=cov_type)


def mle_sandwich_cov(result: MLEResult, per_obs_negloglik: Callable[..., Any], *,
                     cov_type: str = "HC0") -> np.ndarray:
    r"""The sandwich covariance of a :func:`~mlcourse.fit_mle` fit, by automatic differentiation.

    Introduced in Chapter 11 (When maximum likelihood fails).

    Parameters
    ----------
    result : MLEResult
        A maximum-likelihood fit returned by :func:`~mlcourse.fit_mle` (not a MAP fit).
    per_obs_negloglik : callable
        ``per_obs_negloglik(**params)`` returns the negative log-likelihood of each
        observation as a torch tensor of shape (n,), with the parameters named and shaped as
        in the fit's `start`; its sum is the fit's negative log-likelihood.
    cov_type : {"HC0", "HC1"}, default "HC0"
        As in :func:`sandwich_cov`.

    Returns
    -------
    ndarray, shape (k, k)
        :math:`A^{-1} B A^{-1}` in the order of ``result.params``: the scores are the rows of
        the Jacobian of `per_obs_negloglik`, :math:`A` the Hessian of its sum, both from
        torch's autograd at the estimate.

    Raises
    ------
    TypeError
        If `result` is not an MLEResult or the function does not return a torch tensor.
    ValueError
        If the result is a MAP fit, or the sum of the per-observation terms is not the fit's
        negative log-likelihood (a different model or different data).

    Examples
    --------
    >>> import torch
    >>> from mlcourse import fit_mle
    >>> x = torch.tensor([1.0, 2.0, 4.0], dtype=torch.float64)
    >>> terms = lambda mu: 0.5 * (x - mu) ** 2
    >>> fit = fit_mle(lambda mu: terms(mu).sum(), {"mu": 0.0})
    >>> round(float(mle_sandwich_cov(fit, terms)[0, 0]), 6)
    0.518519
    """
    import torch

    if not isinstance(result, MLEResult):
        raise TypeError(f"result must be an MLEResult from fit_mle; got {type(result).__name__}")
    if result.estimator != "MLE":
        raise ValueError(wrap(
            "result is a MAP fit: the sandwich describes a maximum-likelihood estimate"))
    kind = _cov_type(cov_type)
    shapes = result.shapes
    sizes = [int(np.prod(shape, dtype=int)) for shape in shapes.values()]
    flat = torch.tensor(result.params, dtype=torch.float64)

    def terms(theta: Any) -> Any:
        pieces = torch.split(theta, sizes)
        named = {name: piece.reshape(shape)
                 for (name, shape), piece in zip(shapes.items(), pieces, strict=True)}
        value = per_obs_negloglik(**named)
        if not isinstance(value, torch.Tensor):
            raise TypeError(wrap(f"per_obs_negloglik must return a torch tensor; got "
                                 f"{type(value).__name__}"))
        return value.reshape(-1)

    with torch.no_grad():
        total = float(terms(flat).sum())
    if not np.isclose(total, -result.llf, rtol=1e-8, atol=1e-8):
        raise ValueError(wrap(
            f"the per-observation terms sum to {total:.10g}, but the fit's negative "
            f"log-likelihood is {-result.llf:.10g}: give the same model and data as the fit"))
    jacobian = torch.autograd.functional.jacobian(terms, flat).detach().numpy()
    hessian = torch.autograd.functional.hessian(lambda t: terms(t).sum(),
                                                flat).detach().numpy()
    try:
        return sandwich_cov(jacobian, (hessian + hessian.T) / 2, cov_type=kind)
    except ValueError as error:
        raise EstimationError(str(error)) from None
