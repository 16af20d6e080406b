r"""Large-sample inference from a fitted likelihood: the three tests and their intervals.

Near its maximum a log-likelihood is, for large samples, a quadratic whose curvature is the
information. Three tests of a hypothesis read that quadratic at different points:

- the **Wald** test measures the distance from the estimate to the hypothesis in standard
  errors at the estimate (:func:`wald_test`; intervals ``MLEResult.conf_int()``,
  :func:`transformed_wald_interval`, :func:`delta_method`);
- the **score** (Rao) test measures the slope of the log-likelihood at the hypothesis, in units
  of the information there (:func:`score_test`): it needs only the restricted fit;
- the **likelihood-ratio** test measures the drop of the log-likelihood itself
  (:func:`likelihood_ratio_test`); inverted one parameter at a time it gives the
  profile-likelihood intervals of :func:`profile_conf_int`.

All three are asymptotically :math:`\chi^2` with as many degrees of freedom as restrictions, and
agree when the log-likelihood is quadratic. The vocabulary is that of statsmodels: a test returns
a :class:`ChiSquareTest` with ``statistic``, ``pvalue`` and ``df``.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
from scipy import optimize, stats

from . import _validate as check
from .fitting import EstimationError, MLEResult, fit_mle, hessian_of, wrap

__all__ = [
    "ChiSquareTest",
    "DeltaResult",
    "delta_method",
    "likelihood_ratio_test",
    "profile_conf_int",
    "profile_loglik",
    "score_test",
    "transformed_wald_interval",
    "wald_test",
]

# How far a profile search walks before it declares an end of the interval at the boundary:
# the unconstrained scale of the parameter (log for positive, logit for probabilities) is
# searched out to this many Wald half-widths, doubling the step each time.
MAX_DOUBLINGS = 40
FREE_LIMIT = {"positive": 700.0, "probability": 36.0}


@dataclass(frozen=True)
class ChiSquareTest:
    """The result of a test: the statistic, its p-value and its degrees of freedom.

    Introduced in Chapter 10 (Large-sample theory: intervals and tests).

    Attributes
    ----------
    statistic : float
        The test statistic, referred to a chi-square distribution with `df` degrees of
        freedom.
    pvalue : float
        The probability under the hypothesis of a statistic at least as large.
    df : int
        The degrees of freedom: the number of restrictions tested.
    name : str
        Which test ("Wald", "score", "likelihood ratio").
    """

    statistic: float
    pvalue: float
    df: int
    name: str

    def __str__(self) -> str:
        return (f"{self.name} test: chi2({self.df}) = {self.statistic:.4f}, "
                f"p = {self.pvalue:.4g}")


@dataclass(frozen=True)
class DeltaResult:
    """A function of the parameters, its delta-method standard error and Wald interval.

    Introduced in Chapter 10 (Large-sample theory: intervals and tests).

    Attributes
    ----------
    value : float
        The function at the estimate, :math:`g(\\hat\\theta)`.
    se : float
        Its standard error :math:`\\sqrt{\\nabla g^\\top \\Sigma \\nabla g}`.
    conf_int : tuple of float
        The Wald interval ``value -/+ z se``.
    gradient : ndarray
        :math:`\\nabla g(\\hat\\theta)`, from automatic differentiation.
    """

    value: float
    se: float
    conf_int: tuple[float, float]
    gradient: np.ndarray


def _alpha(alpha: Any) -> float:
    value = check.number(alpha, "alpha")
    if not 0 < value < 1:
        raise ValueError(wrap(f"alpha must lie strictly between 0 and 1 (the interval has "
                              f"level 1 - alpha); got {alpha!r}"))
    return value


def _result(result: Any, name: str = "result") -> MLEResult:
    if not isinstance(result, MLEResult):
        raise TypeError(wrap(f"{name} must be an MLEResult (from fit_mle, fit_map or the "
                             f"regressions); got {type(result).__name__}"))
    return result


# --------------------------------------------------------------------------------------------
# Tests


def likelihood_ratio_test(restricted: MLEResult, full: MLEResult, *, df: int | None = None
                          ) -> ChiSquareTest:
    r"""The likelihood-ratio test of a restricted model against the full model that nests it.

    Introduced in Chapter 10 (Large-sample theory: intervals and tests).

    The statistic :math:`2(\ell_{\text{full}} - \ell_{\text{restricted}})` is asymptotically
    :math:`\chi^2` with as many degrees of freedom as restrictions (Wilks' theorem).

    Parameters
    ----------
    restricted, full : MLEResult
        Maximum-likelihood fits of the two models to the same data; the restricted model must
        be a special case of the full one (the function cannot check nesting).
    df : int, optional
        The number of restrictions; by default the difference in the numbers of parameters.

    Returns
    -------
    ChiSquareTest
        ``statistic``, ``pvalue``, ``df``.

    Raises
    ------
    TypeError
        If an argument is not an :class:`~mlcourse.MLEResult`.
    ValueError
        If a fit is a MAP fit (the test is about likelihoods), `df` is not a positive whole
        number, or the restricted fit has the higher log-likelihood by more than rounding
        (the models are not nested, or a fit did not reach its maximum).

    Examples
    --------
    Two groups of counts: one rate each, against a common rate.

    >>> import numpy as np
    >>> from mlcourse import fit_mle, poisson_loglik
    >>> a, b = np.array([2, 0, 1, 3, 1]), np.array([4, 2, 3, 5, 1])
    >>> full = fit_mle(lambda rate: -poisson_loglik(a, rate[0]) - poisson_loglik(b, rate[1]),
    ...                {"rate": np.ones(2)}, constraints={"rate": "positive"})
    >>> common = fit_mle(lambda rate: -poisson_loglik(np.concatenate([a, b]), rate),
    ...                  {"rate": 1.0}, constraints={"rate": "positive"})
    >>> print(likelihood_ratio_test(common, full))
    likelihood ratio test: chi2(1) = 2.9769, p = 0.08446
    """
    restricted, full = _result(restricted, "restricted"), _result(full, "full")
    for name, fit in (("restricted", restricted), ("full", full)):
        if fit.estimator != "MLE":
            raise ValueError(wrap(f"{name} is a {fit.estimator} fit; the likelihood-ratio "
                                  "test compares maximised likelihoods (fit_mle)"))
    if df is None:
        df = full.df_model - restricted.df_model
        if df < 1:
            raise ValueError(wrap(
                f"the full model has {full.df_model} parameters and the restricted one "
                f"{restricted.df_model}: pass df= (the number of restrictions) when the "
                "restricted model is not written with fewer parameters"))
    elif isinstance(df, bool) or not isinstance(df, (int, np.integer)) or df < 1:
        raise ValueError(f"df must be a positive whole number; got {df!r}")
    statistic = 2 * (full.llf - restricted.llf)
    slack = 1e-8 * (1 + abs(full.llf))
    if statistic < -slack:
        raise ValueError(wrap(
            f"the restricted fit has the higher log-likelihood ({restricted.llf:.6g} > "
            f"{full.llf:.6g}): the models are not nested, or the full fit missed its maximum"))
    statistic = max(statistic, 0.0)
    return ChiSquareTest(float(statistic), float(stats.chi2.sf(statistic, df)), int(df),
                      "likelihood ratio")


def score_test(negloglik: Callable[..., Any], params: Mapping[str, Any], df: int
               ) -> ChiSquareTest:
    r"""The score (Rao, Lagrange-multiplier) test at the restricted estimate.

    Introduced in Chapter 10 (Large-sample theory: intervals and tests).

    With :math:`U` the gradient of the full model's log-likelihood and :math:`I` the observed
    information (minus its Hessian), both at the restricted maximum-likelihood estimate
    :math:`\tilde\theta`, the statistic is :math:`U^\top I^{-1} U`. Only the restricted model
    is fitted: at the full estimate the score would be 0.

    Parameters
    ----------
    negloglik : callable
        The **full** model's negative log-likelihood, written as for :func:`fit_mle`.
    params : dict of str to float or array_like
        The restricted estimate written as parameters of the full model: every parameter of
        `negloglik`, the restricted ones at their hypothesised values.
    df : int
        The number of restrictions.

    Returns
    -------
    ChiSquareTest
        ``statistic``, ``pvalue``, ``df``.

    Raises
    ------
    ValueError
        If `df` is not a positive whole number or `params` is malformed.
    EstimationError
        If the information at `params` is not positive definite.

    Notes
    -----
    The observed information is used. For a generalised linear model with its canonical link
    (logistic, Poisson), written in its coefficients, the observed and expected information
    coincide and the statistic is statsmodels' ``GLM.score_test``. In another parametrisation
    (a Poisson rate instead of its log) the observed information at the hypothesis differs
    from the expected, and so does the statistic: write the model in its natural parameters.

    Examples
    --------
    The hypothesis rate = 1 for five Poisson counts, in the natural parameter (the log rate):
    the statistic is the classic :math:`(\sum k - n)^2 / n`.

    >>> import numpy as np, torch
    >>> from mlcourse import poisson_loglik
    >>> k = np.array([2, 0, 1, 3, 1])
    >>> print(score_test(lambda log_rate: -poisson_loglik(k, torch.exp(log_rate)),
    ...                  {"log_rate": 0.0}, df=1))
    score test: chi2(1) = 0.8000, p = 0.3711
    """
    import torch

    if isinstance(df, bool) or not isinstance(df, (int, np.integer)) or df < 1:
        raise ValueError(f"df must be a positive whole number; got {df!r}")
    if not isinstance(params, Mapping) or not params:
        raise ValueError(wrap("params must be a non-empty dict of the full model's parameter "
                              "names to their values under the hypothesis"))
    shapes, values = {}, []
    for name, value in params.items():
        array = check.finite(value, f"params[{name!r}]").astype(float)
        shapes[name] = array.shape
        values.append(array.ravel())
    theta = np.concatenate(values)

    def objective(flat: Any) -> Any:
        kwargs, start = {}, 0
        for name, shape in shapes.items():
            size = math.prod(shape)
            kwargs[name] = flat[start:start + size].reshape(shape)
            start += size
        out = negloglik(**kwargs)
        if not torch.is_tensor(out):
            raise TypeError(wrap("negloglik must return a torch scalar so that its exact "
                                 f"derivatives exist; it returned {type(out).__name__}"))
        return out.reshape(())

    point = torch.tensor(theta, dtype=torch.float64, requires_grad=True)
    value = objective(point)
    (gradient,) = torch.autograd.grad(value, point)
    gradient = gradient.numpy()
    hessian = hessian_of(torch, objective, point.detach())
    names = tuple(params)
    try:
        from .fitting import covariance_from_hessian

        cov = covariance_from_hessian(hessian, names if len(names) == theta.size else
                                      tuple(f"theta[{i}]" for i in range(theta.size)))
    except EstimationError as error:
        raise EstimationError(wrap(f"the score test needs the information at params: "
                                   f"{error}")) from None
    statistic = float(gradient @ cov @ gradient)
    return ChiSquareTest(statistic, float(stats.chi2.sf(statistic, df)), int(df), "score")


def wald_test(result: MLEResult, r_matrix: Any, q: Any = 0.0) -> ChiSquareTest:
    r"""The Wald test of the linear hypothesis :math:`R\theta = q`.

    Introduced in Chapter 10 (Large-sample theory: intervals and tests).

    The statistic is :math:`(R\hat\theta - q)^\top (R \hat\Sigma R^\top)^{-1} (R\hat\theta -
    q)`, with :math:`\hat\Sigma` = ``result.cov_params()``: one fit, of the full model.

    Parameters
    ----------
    result : MLEResult
        The fit of the full model.
    r_matrix : array_like, shape (r, k) or (k,)
        The restrictions, one row each (a single row for one restriction).
    q : float or array_like, shape (r,), default 0
        The hypothesised values of :math:`R\theta`.

    Returns
    -------
    ChiSquareTest
        ``statistic``, ``pvalue``, ``df`` (= r).

    Raises
    ------
    ValueError
        If the shapes do not match, or :math:`R \hat\Sigma R^\top` is singular (redundant
        restrictions).

    Examples
    --------
    >>> import numpy as np
    >>> from mlcourse import add_intercept, logistic_regression
    >>> fit = logistic_regression(add_intercept([0.5, 1, 1.5, 2, 2.5, 3, 3.5, 4]),
    ...                           [0, 0, 1, 0, 1, 0, 1, 1])
    >>> test = wald_test(fit, [0.0, 1.0])
    >>> print(f"{test.statistic:.4f} = {fit.tvalues[1] ** 2:.4f}")
    1.8890 = 1.8890
    """
    result = _result(result)
    k = result.df_model
    matrix = np.atleast_2d(check.finite(r_matrix, "r_matrix").astype(float))
    if matrix.ndim != 2 or matrix.shape[1] != k:
        raise ValueError(wrap(f"r_matrix must have {k} columns, one per parameter "
                              f"({', '.join(result.names)}); got shape "
                              f"{np.shape(r_matrix)}"))
    target = np.broadcast_to(check.finite(q, "q").astype(float), (matrix.shape[0],)) \
        if np.size(q) in (1, matrix.shape[0]) else None
    if target is None:
        raise ValueError(f"q must have one value per row of r_matrix ({matrix.shape[0]}); got "
                         f"shape {np.shape(q)}")
    difference = matrix @ result.params - target
    middle = matrix @ result.cov_params() @ matrix.T
    try:
        solved = np.linalg.solve(middle, difference)
        if np.linalg.cond(middle) > 1e12:
            raise np.linalg.LinAlgError
    except np.linalg.LinAlgError:
        raise ValueError(wrap("R cov R^T is singular: the rows of r_matrix are redundant "
                              "(linearly dependent)")) from None
    statistic = float(difference @ solved)
    df = matrix.shape[0]
    return ChiSquareTest(statistic, float(stats.chi2.sf(statistic, df)), int(df), "Wald")


# --------------------------------------------------------------------------------------------
# Functions of the parameters


def _gradient(result: MLEResult, function: Callable[[Any], Any]) -> tuple[float, np.ndarray]:
    import torch

    point = torch.tensor(result.params, dtype=torch.float64, requires_grad=True)
    value = function(point)
    if not torch.is_tensor(value) or value.numel() != 1:
        raise TypeError(wrap("function must map the parameter vector (a torch tensor) to a "
                             "torch scalar, e.g. lambda theta: torch.exp(theta[1])"))
    if not value.requires_grad:
        raise TypeError(wrap("function returned a value that does not depend on the "
                             "parameters through torch operations (no gradient)"))
    (gradient,) = torch.autograd.grad(value.reshape(()), point, allow_unused=True)
    gradient = np.zeros(result.params.size) if gradient is None else gradient.numpy()
    out = float(value.detach())
    if not math.isfinite(out) or not np.all(np.isfinite(gradient)):
        raise ValueError(wrap("function or its gradient is not finite at the estimate"))
    return out, gradient


def delta_method(result: MLEResult, function: Callable[[Any], Any], alpha: float = 0.05
                 ) -> DeltaResult:
    r"""The delta method: the standard error of a smooth function of the estimates.

    Introduced in Chapter 10 (Large-sample theory: intervals and tests).

    :math:`\operatorname{se}(g(\hat\theta)) \approx \sqrt{\nabla g^\top \hat\Sigma \nabla g}`,
    the gradient from automatic differentiation.

    Parameters
    ----------
    result : MLEResult
        A fit.
    function : callable
        ``function(theta)`` maps the flat parameter vector (a float64 torch tensor, in the
        order of ``result.names``) to a torch scalar.
    alpha : float, default 0.05
        For the Wald interval ``value -/+ z se``.

    Returns
    -------
    DeltaResult
        ``value``, ``se``, ``conf_int``, ``gradient``.

    Raises
    ------
    TypeError
        If `function` does not return a torch scalar that depends on the parameters.
    ValueError
        If `alpha` is not in (0, 1) or the value or gradient is not finite.

    Examples
    --------
    >>> import torch
    >>> from mlcourse import add_intercept, logistic_regression
    >>> fit = logistic_regression(add_intercept([0.5, 1, 1.5, 2, 2.5, 3, 3.5, 4]),
    ...                           [0, 0, 1, 0, 1, 0, 1, 1])
    >>> odds = delta_method(fit, lambda b: torch.exp(b[1]))
    >>> print(f"{odds.value:.4f} {odds.se:.4f}")
    3.2811 2.8364
    """
    result = _result(result)
    alpha = _alpha(alpha)
    value, gradient = _gradient(result, function)
    se = float(math.sqrt(max(gradient @ result.cov_params() @ gradient, 0.0)))
    half = float(stats.norm.ppf(1 - alpha / 2)) * se
    return DeltaResult(value, se, (value - half, value + half), gradient)


def transformed_wald_interval(result: MLEResult, function: Callable[[Any], Any],
                              inverse: Callable[[float], float], alpha: float = 0.05
                              ) -> tuple[float, float]:
    r"""A Wald interval built on a transformed scale and carried back.

    Introduced in Chapter 10 (Large-sample theory: intervals and tests).

    The interval :math:`h(\hat\theta) \mp z\, \operatorname{se}(h(\hat\theta))` for a
    transformed quantity :math:`h` (a log, a logit), with the delta-method standard error, is
    mapped back by :math:`h^{-1}`. A good scale makes the log-likelihood more nearly quadratic,
    and the interval stays inside the parameter space.

    Parameters
    ----------
    result : MLEResult
        A fit.
    function : callable
        ``function(theta)``: the quantity on the transformed scale, a torch scalar of the flat
        parameter vector (e.g. ``lambda t: torch.log(t[0])``).
    inverse : callable
        Maps a float on the transformed scale back (e.g. ``math.exp``); it must be monotone.
    alpha : float, default 0.05
        One minus the level.

    Returns
    -------
    low, high : float
        The interval on the original scale (sorted, so a decreasing `inverse` is fine).

    Raises
    ------
    TypeError, ValueError
        As for :func:`delta_method`.

    Examples
    --------
    >>> import math, torch
    >>> import numpy as np
    >>> from mlcourse import fit_mle, poisson_loglik
    >>> k = np.array([2, 0, 1, 3, 1])
    >>> fit = fit_mle(lambda rate: -poisson_loglik(k, rate), {"rate": 1.0},
    ...               constraints={"rate": "positive"})
    >>> low, high = transformed_wald_interval(fit, lambda t: torch.log(t[0]), math.exp)
    >>> print(f"[{low:.4f}, {high:.4f}]")
    [0.6674, 2.9366]
    """
    on_scale = delta_method(result, function, alpha)
    ends = sorted(float(inverse(end)) for end in on_scale.conf_int)
    return ends[0], ends[1]


# --------------------------------------------------------------------------------------------
# Profile likelihood


def _spec_of(result: MLEResult) -> Any:
    result = _result(result)
    if result.spec is None:
        raise ValueError(wrap(
            f"profile likelihoods refit the model, so they need a result that keeps it in "
            f"result.spec (those of fit_mle, fit_map, logistic_regression and "
            f"poisson_regression do); this result was computed by {result.method} and has "
            f"none. Refit the same likelihood with fit_mle, e.g. "
            "fit_mle(lambda beta: -bernoulli_loglik(y, logit=X @ beta), {'beta': start}) "
            "with X a torch tensor"))
    if not result.converged:
        raise ValueError(wrap("the fit did not converge: a profile around its last iterate "
                              "would mean nothing"))
    return result.spec


@dataclass
class _Profile:
    """The profile log-likelihood (or log posterior) of one entry of the parameter vector."""

    result: MLEResult
    index: int

    def __post_init__(self) -> None:
        import torch

        self.torch = torch
        spec = _spec_of(self.result)
        self.spec = spec
        self.top = self.result.llf if self.result.estimator == "MLE" else \
            self.result.log_posterior
        offset = 0
        for name, shape in self.result.shapes.items():
            size = math.prod(shape)
            if offset <= self.index < offset + size:
                self.block, self.shape, self.position = name, shape, self.index - offset
                break
            offset += size
        self.constraint = spec.constraints.get(self.block, "real")
        self.others = {name: np.asarray(self.result[name], dtype=float)
                       for name in self.result.shapes if name != self.block}
        if self.shape != ():
            flat = np.asarray(self.result[self.block], dtype=float).ravel()
            self.others[self.block] = np.delete(flat, self.position)
        self.constraints = {name: spec.constraints.get(name, "real") for name in self.others}
        self.cache: list[tuple[float, dict[str, np.ndarray]]] = []

    def _full(self, value: float, kwargs: Mapping[str, Any]) -> dict[str, Any]:
        torch = self.torch
        full = dict(kwargs)
        fixed = torch.tensor([value], dtype=torch.float64)
        if self.shape == ():
            full[self.block] = fixed.reshape(())
        else:
            rest = kwargs[self.block].reshape(-1)
            full[self.block] = torch.cat([rest[:self.position], fixed,
                                          rest[self.position:]]).reshape(self.shape)
        return full

    def __call__(self, value: float) -> float:
        """The profile log-likelihood at ``theta[index] = value``."""
        spec = self.spec
        if not self.others:  # one parameter: nothing to maximise over
            with self.torch.no_grad():
                kwargs = self._full(value, {})
                total = -float(spec.negloglik(**kwargs))
                if spec.log_prior is not None:
                    total += float(spec.log_prior(**kwargs))
            return total
        start = self.others if not self.cache else min(
            self.cache, key=lambda item: abs(item[0] - value))[1]
        prior = None if spec.log_prior is None else \
            (lambda **kw: spec.log_prior(**self._full(value, kw)))
        try:
            fit = fit_mle(lambda **kw: spec.negloglik(**self._full(value, kw)), start,
                          constraints=self.constraints, log_prior=prior)
        except EstimationError as error:
            raise EstimationError(wrap(
                f"the profile of {self.result.names[self.index]} could not maximise over the "
                f"other parameters at {self.result.names[self.index]} = {value:.6g}: "
                f"{error}")) from None
        self.cache.append((value, {name: fit[name] for name in self.others}))
        return fit.llf if spec.log_prior is None else fit.log_posterior


def _to_free(constraint: str, value: float) -> float:
    if constraint == "positive":
        return math.log(value)
    if constraint == "probability":
        return math.log(value) - math.log1p(-value)
    return value


def _from_free(constraint: str, eta: float) -> float:
    if constraint == "positive":
        return math.exp(eta)
    if constraint == "probability":
        return 1 / (1 + math.exp(-eta))
    return eta


def _profile_end(profile: _Profile, cut: float, side: int, z: float) -> float:
    """One end of {theta_j : top - profile(theta_j) <= cut}, by bracketing then Brent."""
    result, j = profile.result, profile.index
    constraint = profile.constraint
    estimate = float(result.params[j])
    centre = _to_free(constraint, estimate)
    slope = {"real": 1.0, "positive": estimate,
             "probability": estimate * (1 - estimate)}[constraint]
    step = z * float(result.bse[j]) / slope  # the Wald half-width, on the free scale
    if not (math.isfinite(step) and step > 0):
        step = 1.0

    target = math.sqrt(2 * cut)

    def excess(eta: float) -> float:
        # The signed root of the deviance is nearly linear in the parameter where the
        # likelihood is nearly quadratic, so Brent's method needs few refits to find its root.
        drop = profile.top - profile(_from_free(constraint, eta))
        return math.sqrt(2 * max(drop, 0.0)) - target

    inner = centre
    limit = FREE_LIMIT.get(constraint, math.inf)
    for doubling in range(MAX_DOUBLINGS):
        outer = centre + side * step * 2.0 ** doubling
        if abs(outer) >= limit:
            outer = side * limit
        if excess(outer) > 0:
            eta = optimize.brentq(excess, min(inner, outer), max(inner, outer),
                                  xtol=1e-10 * (1 + abs(centre)), rtol=1e-12)
            return _from_free(constraint, eta)
        if abs(outer) >= limit:
            break
        inner = outer
    # The log-likelihood never drops by the cut: the interval reaches the boundary.
    boundary = {"real": math.inf, "positive": math.inf if side > 0 else 0.0,
                "probability": 1.0 if side > 0 else 0.0}[constraint]
    return side * boundary if constraint == "real" else boundary


def profile_loglik(result: MLEResult, name: str, values: Any) -> np.ndarray:
    r"""The profile log-likelihood of one parameter, maximised over all the others.

    Introduced in Chapter 10 (Large-sample theory: intervals and tests).

    :math:`\ell_p(\psi) = \max_{\lambda} \ell(\psi, \lambda)`, each maximum computed by
    :func:`~mlcourse.fit_mle` with the model kept in ``result.spec``. For a MAP fit the log
    prior is added (a profile of the log posterior).

    Parameters
    ----------
    result : MLEResult
        A converged fit of :func:`~mlcourse.fit_mle` or :func:`~mlcourse.fit_map`.
    name : str
        One of ``result.names`` (``"sigma"``, ``"beta[2]"``).
    values : array_like
        The values of that parameter at which to profile (inside its constraint).

    Returns
    -------
    ndarray
        The profile log-likelihood at each value, of the shape of `values`.

    Raises
    ------
    ValueError
        If the result has no model to refit (``spec`` is None), did not converge, or `name`
        is not one of its parameters.
    EstimationError
        If a maximisation over the other parameters fails.

    Examples
    --------
    >>> import numpy as np
    >>> from mlcourse import fit_mle, gaussian_loglik
    >>> x = np.array([1.2, 0.4, 2.2, 1.9, 0.8])
    >>> fit = fit_mle(lambda mu, sigma: -gaussian_loglik(x, mu, sigma),
    ...               {"mu": 0.0, "sigma": 1.0}, constraints={"sigma": "positive"})
    >>> bool(abs(profile_loglik(fit, "mu", [fit["mu"]])[0] - fit.llf) < 1e-9)
    True
    """
    result = _result(result)
    _spec_of(result)
    if name not in result.names:
        raise ValueError(wrap(f"name must be one of the parameters {list(result.names)}; got "
                              f"{name!r}"))
    grid = check.finite(values, "values").astype(float)
    profile = _Profile(result, result.names.index(name))
    out = np.array([profile(float(v)) for v in grid.ravel()])
    return out.reshape(grid.shape)


def profile_conf_int(result: MLEResult, alpha: float = 0.05) -> np.ndarray:
    r"""Profile-likelihood confidence intervals for every parameter of a fit.

    Introduced in Chapter 10 (Large-sample theory: intervals and tests).

    The interval for :math:`\theta_j` is every value at which the profile log-likelihood is
    within :math:`\chi^2_1(1 - \alpha) / 2` of the maximum (1.92 at 95%): the inverted
    likelihood-ratio test. Unlike a Wald interval it is invariant to reparametrisation and
    need not be symmetric. ``MLEResult.conf_int(alpha, method="profile")`` calls it.

    Parameters
    ----------
    result : MLEResult
        A converged fit of :func:`~mlcourse.fit_mle` or :func:`~mlcourse.fit_map` (for a MAP
        fit, the profile is of the log posterior).
    alpha : float, default 0.05
        One minus the level.

    Returns
    -------
    ndarray, shape (k, 2)
        Lower and upper ends, one row per entry of ``result.params``. An end at which the
        profile never drops far enough is the boundary of the parameter space (0 or 1, or
        infinite for a real parameter).

    Raises
    ------
    ValueError
        If `alpha` is not in (0, 1), or the result has no model to refit (a result of
        :func:`~mlcourse.logistic_regression`: refit it with :func:`~mlcourse.fit_mle`) or
        did not converge.
    EstimationError
        If a maximisation over the other parameters fails.

    Notes
    -----
    Each end is bracketed by walking out from the estimate in steps of the Wald half-width
    (on the log scale for a positive parameter, the logit scale for a probability), doubling
    them, and then found by Brent's method, to about 1e-10 relative to the parameter's scale,
    as the root of the signed square root of the deviance minus :math:`z`, which is nearly
    linear.
    Each evaluation is one fit of the remaining parameters, warm-started from the nearest
    value already profiled.

    Examples
    --------
    >>> import numpy as np
    >>> from mlcourse import fit_mle, poisson_loglik
    >>> k = np.array([2, 0, 1, 3, 1])
    >>> fit = fit_mle(lambda rate: -poisson_loglik(k, rate), {"rate": 1.0},
    ...               constraints={"rate": "positive"})
    >>> print(np.round(profile_conf_int(fit), 4))
    [[0.6016 2.7075]]
    """
    alpha = _alpha(alpha)
    _spec_of(result)
    cut = float(stats.chi2.ppf(1 - alpha, 1)) / 2
    z = float(stats.norm.ppf(1 - alpha / 2))
    ends = np.empty((result.df_model, 2))
    for j in range(result.df_model):
        profile = _Profile(result, j)
        ends[j] = [_profile_end(profile, cut, -1, z), _profile_end(profile, cut, +1, z)]
    return ends
