r"""Regularisation read as a prior: ridge by QR, the ridge evidence, and the libraries' knobs.

- :func:`ridge_regression`: the MAP estimate of a linear model with Gaussian noise and a Gaussian
  prior on the slopes, solved as an augmented least-squares problem by QR (no optimiser, no
  normal equations), with the intercept left unpenalised.
- :func:`ridge_log_evidence` and :func:`ridge_evidence_fit`: the marginal likelihood of the data
  with the coefficients integrated out, and its maximum over the noise and prior variances (type
  II maximum likelihood, computed by :func:`mlcourse.fit_mle`), a way to choose the penalty.
- :func:`knob_prior`: which prior a library's regularisation setting is, with its scale.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np
from scipy import linalg

from . import _validate as check
from ._backend import ops_for
from .fitting import MLEResult, fit_mle

__all__ = [
    "KnobPrior",
    "knob_prior",
    "ridge_evidence_fit",
    "ridge_log_evidence",
    "ridge_regression",
]

LOG_2PI = math.log(2 * math.pi)


def _data(X: Any, y: Any) -> tuple[np.ndarray, np.ndarray]:
    design = check.observations(X, "X").astype(float)
    if design.ndim == 1:
        design = design[:, None]
    if design.ndim != 2:
        raise ValueError(f"X must be a 2-D design matrix (n, p); got shape {design.shape}")
    response = check.observations(y, "y").astype(float)
    if response.shape != (len(design),):
        raise ValueError(check.wrap(
            f"y must be 1-D with one value per row of X: X has shape {design.shape}, y has "
            f"shape {response.shape}"))
    return design, response


def _centred(design: np.ndarray, response: np.ndarray, intercept: bool
             ) -> tuple[np.ndarray, np.ndarray]:
    if not intercept:
        return design, response
    return design - design.mean(axis=0), response - response.mean()


def ridge_regression(X: Any, y: Any, alpha: Any, *, intercept: bool = True) -> np.ndarray:
    r"""Ridge regression: the MAP estimate under a Gaussian prior on the slopes, by QR.

    Minimises :math:`\lVert y - \beta_0 - X\beta\rVert^2 + \sum_j \alpha_j \beta_j^2`, the
    negative log posterior (times :math:`2\sigma^2`) of the model
    :math:`y = \beta_0 + X\beta + \mathcal N(0, \sigma^2)` with the prior
    :math:`\beta_j \sim \mathcal N(0, \sigma^2/\alpha_j)` and a flat prior on the intercept.
    This is scikit-learn's ``Ridge(alpha)``.

    Introduced in Chapter 9 (MAP estimation and regularisation).

    Parameters
    ----------
    X : array_like, shape (n, p)
        The predictors, without a column of ones.
    y : array_like, shape (n,)
        The responses.
    alpha : float or array_like, shape (p,)
        The penalty :math:`\alpha_j = \sigma^2/\tau_j^2 \ge 0` of each slope (0: unpenalised).
    intercept : bool, default True
        Fit an unpenalised intercept (by centring X and y, which is exact for it).

    Returns
    -------
    ndarray, shape (p + 1,) or (p,)
        ``[intercept, slopes...]`` (as for a design from :func:`mlcourse.add_intercept`), or the
        slopes alone when ``intercept=False``.

    Raises
    ------
    ValueError
        If the shapes do not match, a value is not finite, an ``alpha`` is negative, or the
        problem is singular (unpenalised columns that are linearly dependent).

    Notes
    -----
    The minimiser is the least-squares solution of the augmented system
    :math:`\begin{bmatrix} X_c \\ \mathrm{diag}(\sqrt{\alpha}) \end{bmatrix}\beta \approx
    \begin{bmatrix} y_c \\ 0 \end{bmatrix}`: the prior acts as :math:`p` extra observations of
    0, one per slope, each with weight :math:`\alpha_j`. It is solved by a QR factorisation of
    the augmented matrix, whose condition number is at most that of :math:`X_c`.

    Examples
    --------
    >>> import numpy as np
    >>> X = np.array([[0.0], [1.0], [2.0], [3.0]])
    >>> ridge_regression(X, [1.0, 3.0, 2.0, 5.0], 0.0).round(6)  # alpha = 0: least squares
    array([1.1, 1.1])
    >>> ridge_regression(X, [1.0, 3.0, 2.0, 5.0], 5.0).round(6)  # the slope shrinks
    array([1.925, 0.55 ])
    """
    design, response = _data(X, y)
    intercept = check.flag(intercept, "intercept")
    p = design.shape[1]
    penalty = check.nonnegative(alpha, "alpha").astype(float)
    if penalty.ndim > 1 or penalty.size not in (1, p):
        raise ValueError(check.wrap(
            f"alpha must be a number or one value per column of X ({p}); got shape "
            f"{penalty.shape}"))
    penalty = np.broadcast_to(penalty.reshape(-1), (p,))
    centred_X, centred_y = _centred(design, response, intercept)
    scale = np.sqrt(np.einsum("ij,ij->j", centred_X, centred_X)) + np.sqrt(penalty)
    if np.any(scale == 0):
        column = int(np.flatnonzero(scale == 0)[0])
        raise ValueError(check.wrap(
            f"column {column} of X is constant (zero after centring) and unpenalised: its "
            "coefficient is not identified"))
    augmented = np.vstack([centred_X, np.diag(np.sqrt(penalty))]) / scale
    target = np.concatenate([centred_y, np.zeros(p)])
    q, r = linalg.qr(augmented, mode="economic")
    diagonal = np.abs(np.diag(r))
    if diagonal.min() <= max(augmented.shape) * np.finfo(float).eps * diagonal.max():
        raise ValueError(check.wrap(
            "the problem is singular: unpenalised columns of X are (numerically) linearly "
            "dependent; give them a positive alpha"))
    slopes = linalg.solve_triangular(r, q.T @ target) / scale
    if not intercept:
        return slopes
    return np.concatenate([[response.mean() - design.mean(axis=0) @ slopes], slopes])


@dataclass(frozen=True)
class _Spectrum:
    """What the ridge evidence needs from the (centred) data: the singular values of X, the
    projections of y on its left singular vectors, the rest of ||y||^2, and n."""

    squares: np.ndarray
    projections: np.ndarray
    rest: float
    n: int


def _spectrum(X: Any, y: Any, intercept: bool) -> _Spectrum:
    design, response = _data(X, y)
    design, response = _centred(design, response, check.flag(intercept, "intercept"))
    u, s, _ = linalg.svd(design, full_matrices=False)
    projections = u.T @ response
    rest = float(np.sum((response - u @ projections) ** 2))
    return _Spectrum(s**2, projections**2, rest, len(response))


def _log_evidence(spectrum: _Spectrum, noise_variance: Any, prior_variance: Any) -> Any:
    ops = ops_for(noise_variance, prior_variance)
    sigma2, tau2 = ops.asarray(noise_variance), ops.asarray(prior_variance)
    spread = sigma2 + tau2 * ops.asarray(spectrum.squares)  # variances along U's columns
    extra = spectrum.n - spectrum.squares.size  # directions X does not reach: variance sigma2
    return ops.result(-0.5 * (
        spectrum.n * LOG_2PI + ops.sum(ops.log(spread)) + extra * ops.log(sigma2)
        + ops.sum(ops.asarray(spectrum.projections) / spread) + spectrum.rest / sigma2))


def ridge_log_evidence(X: Any, y: Any, noise_variance: Any, prior_variance: Any, *,
                       intercept: bool = True) -> Any:
    r"""The log marginal likelihood (evidence) of a Gaussian linear model with a Gaussian prior.

    With :math:`y = X\beta + \varepsilon`, :math:`\varepsilon \sim \mathcal N(0, \sigma^2 I)`
    and :math:`\beta \sim \mathcal N(0, \tau^2 I)`, the coefficients integrate out and
    :math:`y \sim \mathcal N(0, \sigma^2 I + \tau^2 X X^\top)`; this returns that log density
    of the observed ``y``. As a function of :math:`(\sigma^2, \tau^2)` it is a likelihood, and
    its maximiser chooses the ridge penalty :math:`\alpha = \sigma^2/\tau^2` from the training
    data alone.

    Introduced in Chapter 9 (MAP estimation and regularisation).

    Parameters
    ----------
    X : array_like, shape (n, p)
        The predictors, without a column of ones.
    y : array_like, shape (n,)
        The responses.
    noise_variance : float or torch.Tensor
        :math:`\sigma^2 > 0`.
    prior_variance : float or torch.Tensor
        :math:`\tau^2 > 0`, the prior variance of each slope.
    intercept : bool, default True
        Remove the intercept by centring X and y first (as scikit-learn's ``BayesianRidge``).

    Returns
    -------
    float or torch.Tensor
        The log evidence (a tensor, differentiable, if a variance is a tensor).

    Raises
    ------
    ValueError
        If the shapes do not match, a value is not finite or a variance is not > 0.

    Notes
    -----
    Computed from the thin SVD :math:`X = U S V^\top`: along the columns of :math:`U` the
    variance of :math:`y` is :math:`\sigma^2 + \tau^2 s_i^2`, and :math:`\sigma^2` in the
    :math:`n - \min(n, p)` directions orthogonal to them. No :math:`n \times n` matrix is formed.

    Examples
    --------
    >>> import numpy as np
    >>> from scipy import stats
    >>> X = np.array([[1.0, 0.0], [0.0, 2.0], [1.0, 1.0]])
    >>> y = np.array([0.5, -1.0, 2.0])
    >>> exact = stats.multivariate_normal(np.zeros(3), 0.3 * np.eye(3) + 2.0 * X @ X.T)
    >>> bool(np.isclose(ridge_log_evidence(X, y, 0.3, 2.0, intercept=False), exact.logpdf(y)))
    True
    """
    check.positive(noise_variance, "noise_variance")
    check.positive(prior_variance, "prior_variance")
    return _log_evidence(_spectrum(X, y, intercept), noise_variance, prior_variance)


def ridge_evidence_fit(X: Any, y: Any, *, intercept: bool = True) -> MLEResult:
    r"""The noise and prior variances that maximise the ridge evidence (type II maximum
    likelihood, or empirical Bayes), fitted by :func:`mlcourse.fit_mle`.

    Introduced in Chapter 9 (MAP estimation and regularisation).

    Parameters
    ----------
    X : array_like, shape (n, p)
        The predictors, without a column of ones.
    y : array_like, shape (n,)
        The responses.
    intercept : bool, default True
        Centre X and y first, as :func:`ridge_log_evidence`.

    Returns
    -------
    MLEResult
        Parameters ``noise_variance`` and ``prior_variance``; ``llf`` is the maximised log
        evidence. The chosen ridge penalty is ``fit["noise_variance"] / fit["prior_variance"]``.

    Raises
    ------
    ValueError
        If the data are malformed.
    EstimationError
        If the maximum is on the boundary (say ``prior_variance -> 0``: the data are best
        explained by no slopes at all).

    Examples
    --------
    >>> import numpy as np
    >>> rng = np.random.default_rng(0)
    >>> X = rng.normal(size=(200, 3))
    >>> y = X @ np.array([1.0, -2.0, 0.5]) + rng.normal(0.0, 0.5, size=200)
    >>> fit = ridge_evidence_fit(X, y)
    >>> print(f"sigma^2 {fit['noise_variance']:.3f}, tau^2 {fit['prior_variance']:.3f}")
    sigma^2 0.254, tau^2 1.793
    """
    spectrum = _spectrum(X, y, intercept)
    total = spectrum.rest + float(spectrum.projections.sum())
    if total == 0:
        raise ValueError("y is constant (after centring): there is nothing to explain")
    start_noise = total / spectrum.n
    start_prior = start_noise / max(float(spectrum.squares.mean()), 1e-300)
    return fit_mle(lambda noise_variance, prior_variance: -_log_evidence(
                       spectrum, noise_variance, prior_variance),
                   {"noise_variance": start_noise, "prior_variance": start_prior},
                   constraints={"noise_variance": "positive", "prior_variance": "positive"},
                   nobs=spectrum.n, title="Ridge evidence (type II maximum likelihood)")


@dataclass(frozen=True)
class KnobPrior:
    """The prior that a library's regularisation setting amounts to.

    Introduced in Chapter 9 (MAP estimation and regularisation).

    Attributes
    ----------
    knob : str
        The setting, e.g. ``"Ridge(alpha)"``.
    family : str
        ``"Gaussian"``, ``"Laplace"``, ``"Beta"``, or ``"none"`` when the setting is not a
        prior with fixed hyperparameters.
    scale : float or tuple of float or None
        The prior variance (Gaussian), the scale b (Laplace), the shapes (a, b) (Beta), or None.
    applies_to : str
        Which parameters the prior is on.
    note : str
        The conversion, in words.
    """

    knob: str
    family: str
    scale: float | tuple[float, float] | None
    applies_to: str
    note: str


KNOBS = ("Ridge(alpha)", "LogisticRegression(C)", "Lasso(alpha)", "BernoulliNB(alpha)",
         "GaussianMixture(reg_covar)", "SGD(weight_decay)", "AdamW(weight_decay)")


def knob_prior(knob: str, value: float, *, n: int | None = None,
               noise_variance: float | None = None) -> KnobPrior:
    r"""The prior that a library's regularisation knob is, with its scale.

    Introduced in Chapter 9 (MAP estimation and regularisation).

    - scikit-learn ``Ridge(alpha)``: slopes ~ N(0, sigma^2 / alpha), intercept free;
    - ``LogisticRegression(C)``: coefficients ~ N(0, C), intercept free;
    - ``Lasso(alpha)``: slopes ~ Laplace(0, sigma^2 / (n alpha)), intercept free;
    - ``BernoulliNB(alpha)``: each probability ~ Beta(alpha + 1, alpha + 1) (its MAP);
    - ``GaussianMixture(reg_covar)``: no fixed prior, a constant added to each covariance's
      diagonal;
    - torch ``SGD(weight_decay)`` on a mean loss: every parameter, biases included,
      ~ N(0, 1 / (n weight_decay));
    - torch ``AdamW(weight_decay)``: no prior, the decay is applied outside Adam's scaling of
      the gradient.

    Parameters
    ----------
    knob : str
        One of ``"Ridge(alpha)"``, ``"LogisticRegression(C)"``, ``"Lasso(alpha)"``,
        ``"BernoulliNB(alpha)"``, ``"GaussianMixture(reg_covar)"``, ``"SGD(weight_decay)"``,
        ``"AdamW(weight_decay)"``.
    value : float
        The knob's value (> 0; ``C`` may be ``np.inf``, no prior).
    n : int, optional
        The number of observations, needed for ``Lasso`` and ``SGD``, whose losses are means.
    noise_variance : float, optional
        :math:`\sigma^2` of the Gaussian noise, needed for ``Ridge`` and ``Lasso``.

    Returns
    -------
    KnobPrior
        The family, scale, the parameters it applies to, and a note.

    Raises
    ------
    ValueError
        If the knob is unknown, the value is not > 0, or a needed ``n`` or ``noise_variance``
        is missing.

    Examples
    --------
    >>> knob_prior("LogisticRegression(C)", 0.5).scale
    0.5
    >>> knob_prior("SGD(weight_decay)", 1e-2, n=50).scale
    2.0
    """
    if knob not in KNOBS:
        raise ValueError(check.wrap(f"knob must be one of {', '.join(KNOBS)}; got {knob!r}"))
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (int, float, np.number)) \
            or not value > 0:
        raise ValueError(check.wrap(f"value of {knob} must be a number > 0; got {value!r}"))
    value = float(value)

    def need(name: str, given: Any) -> float:
        if given is None:
            raise ValueError(f"{knob} needs {name}= to give the prior's scale")
        return float(check.positive(check.number(given, name), name))

    if knob == "Ridge(alpha)":
        sigma2 = need("noise_variance", noise_variance)
        return KnobPrior(knob, "Gaussian", sigma2 / value, "slopes (intercept free)",
                         "prior variance sigma^2 / alpha: alpha = sigma^2 / tau^2")
    if knob == "LogisticRegression(C)":
        return KnobPrior(knob, "Gaussian", value, "coefficients (intercept free)",
                         "prior variance C: the loss is C * NLL + |w|^2 / 2")
    if knob == "Lasso(alpha)":
        sigma2, size = need("noise_variance", noise_variance), need("n", n)
        return KnobPrior(knob, "Laplace", sigma2 / (size * value), "slopes (intercept free)",
                         "scale b = sigma^2 / (n alpha): the loss is SSE / (2n) + alpha |w|_1")
    if knob == "BernoulliNB(alpha)":
        return KnobPrior(knob, "Beta", (value + 1, value + 1), "each class-feature probability",
                         "add-alpha smoothing is the MAP under Beta(alpha + 1, alpha + 1), "
                         "the posterior mean under Beta(alpha, alpha)")
    if knob == "GaussianMixture(reg_covar)":
        return KnobPrior(knob, "none", None, "each covariance matrix",
                         "adds reg_covar to the diagonal of each covariance MLE: the mode of an "
                         "inverse-Wishart prior only if its scale grows with the component's "
                         "weight N_k, so not a fixed prior; a numerical floor")
    if knob == "SGD(weight_decay)":
        size = need("n", n)
        return KnobPrior(knob, "Gaussian", 1 / (size * value), "every parameter, biases too",
                         "on a mean loss NLL / n, decay wd adds wd * |w|^2 / 2: prior variance "
                         "1 / (n wd)")
    return KnobPrior(knob, "none", None, "every parameter",
                     "decoupled decay shrinks w by lr * wd outside Adam's scaling: its fixed "
                     "point is not the mode of any fixed prior times the likelihood")
