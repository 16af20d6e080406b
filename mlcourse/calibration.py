r"""Calibration of a classifier's probabilities, and comparing classifiers by likelihood.

- :func:`tempered_log_probs`, :func:`temperature_negloglik`: the softmax of the logits divided
  by a temperature :math:`T = e^{\log T}`, and the negative log-likelihood of labels under it.
- :func:`fit_temperature`: temperature scaling (Guo et al., 2017) as what it is, a
  one-parameter maximum-likelihood fit, computed by :func:`mlcourse.fit_mle` in :math:`\log T`;
  :func:`temperature_lr_test`: the likelihood-ratio test of :math:`T = 1`.
- :func:`reliability_bins`, :func:`expected_calibration_error`: the reliability diagram's table
  and the expected calibration error over equal-width confidence bins.
- :func:`paired_loglik_difference`: the mean difference of two models' held-out
  log-likelihoods per example, with its paired standard error.
"""

from __future__ import annotations

import math
import sys
from dataclasses import dataclass
from typing import Any

import numpy as np
from scipy import stats

from . import _validate as check
from ._backend import NumpyOps, TorchOps, is_tensor, ops_for
from .fitting import BoundaryError, EstimationError, MLEResult, check_count, fit_mle
from .inference import ChiSquareTest

__all__ = [
    "PairedDifference",
    "ReliabilityBins",
    "expected_calibration_error",
    "fit_temperature",
    "paired_loglik_difference",
    "reliability_bins",
    "temperature_lr_test",
    "temperature_negloglik",
    "tempered_log_probs",
]


def _logits(value: Any) -> np.ndarray:
    """Finite float64 logits of shape (n, K), n >= 1, K >= 2, each row shifted so that its
    maximum is 0 (exact for the softmax, and no overflow whatever the temperature)."""
    array = check.observations(check.fixed(value, "logits"), "logits").astype(np.float64)
    if array.ndim != 2 or array.shape[1] < 2:
        raise ValueError(check.wrap(
            f"logits must have shape (n, K): one row of K >= 2 class scores per example; "
            f"got shape {array.shape}"))
    return array - array.max(axis=1, keepdims=True)


def _labels(value: Any, n: int, n_classes: int, source: str) -> np.ndarray:
    array = check.as_numpy(value, "labels")
    if array.shape != (n,):
        raise ValueError(check.wrap(
            f"labels must have shape ({n},): one class index per row of {source}; got shape "
            f"{array.shape}"))
    return check.labels(array, "labels", n_classes, source)


def _log_temperature(value: Any) -> Any:
    """A finite scalar log-temperature: a float, or the tensor itself (for its gradient)."""
    number = check.number(value, "log_temperature")
    return value.reshape(()) if is_tensor(value) else number


def _ops(log_temperature: Any, logits: Any) -> NumpyOps | TorchOps:
    if is_tensor(log_temperature):
        return ops_for(log_temperature)
    if is_tensor(logits):  # a tensor in, a tensor out (float64)
        torch = sys.modules["torch"]
        return ops_for(torch.zeros((), dtype=torch.float64, device=logits.device))
    return NumpyOps()


def _tempered(ops: NumpyOps | TorchOps, shifted: np.ndarray, log_temperature: Any) -> Any:
    """log softmax(shifted / T) with shifted <= 0 (its row maxima 0)."""
    with np.errstate(over="ignore", invalid="ignore"):
        scaled = ops.asarray(shifted) * ops.exp(-ops.asarray(log_temperature))
        # At a tiny T, 0 * inf would be nan: the top class keeps its score 0.
        scaled = ops.where(shifted == 0, 0.0, scaled)
        return ops.log_softmax(scaled)


def tempered_log_probs(logits: Any, log_temperature: Any) -> Any:
    r"""Log-probabilities of the classes after temperature scaling.

    :math:`\log \operatorname{softmax}(z / T)` along the last axis, with
    :math:`T = e^{\log T}`: every row of logits :math:`z` divided by the same temperature. A
    temperature above 1 flattens the probabilities, below 1 sharpens them; the order of the
    classes in each row, and so the predicted class, does not change.

    Introduced in Chapter 12 (Capstone: a neural network fitted by likelihood).

    Parameters
    ----------
    logits : array_like or torch.Tensor, shape (n, K)
        Class scores (K >= 2), finite; data, held fixed (no gradient).
    log_temperature : float or torch.Tensor
        :math:`\log T`, a single finite number. A tensor gives a tensor result that autograd
        can differentiate with respect to it.

    Returns
    -------
    ndarray or torch.Tensor, shape (n, K)
        The log-probabilities; a tensor if either argument is one. Computed stably (each row
        shifted by its maximum, the log of the sum by ``log1p``), so logits of +-1000 give
        finite log-probabilities.

    Raises
    ------
    ValueError
        If `logits` is not a finite (n, K) array with K >= 2, or `log_temperature` is not
        finite.
    TypeError
        If `log_temperature` is not a single real number.

    Examples
    --------
    >>> import numpy as np
    >>> z = np.array([[2.0, 0.0, -1000.0]])
    >>> np.exp(tempered_log_probs(z, np.log(2.0))).round(4)
    array([[0.7311, 0.2689, 0.    ]])
    """
    shifted = _logits(logits)
    log_temperature = _log_temperature(log_temperature)
    ops = _ops(log_temperature, logits)
    return ops.result(_tempered(ops, shifted, log_temperature))


def _negloglik(ops: NumpyOps | TorchOps, shifted: np.ndarray, labels: np.ndarray,
               log_temperature: Any) -> Any:
    return -ops.sum(ops.take_last(_tempered(ops, shifted, log_temperature), labels))


def temperature_negloglik(logits: Any, labels: Any, log_temperature: Any) -> Any:
    r"""The negative log-likelihood of the labels under temperature-scaled probabilities.

    :math:`-\sum_i \log \operatorname{softmax}(z_i / T)_{y_i}` with :math:`T = e^{\log T}`:
    the summed cross-entropy of the tempered classifier, the function that
    :func:`fit_temperature` minimises.

    Introduced in Chapter 12 (Capstone: a neural network fitted by likelihood).

    Parameters
    ----------
    logits : array_like or torch.Tensor, shape (n, K)
        Class scores (K >= 2), finite; data, held fixed.
    labels : array_like of int, shape (n,)
        The observed classes, whole numbers 0, ..., K - 1.
    log_temperature : float or torch.Tensor
        :math:`\log T`. A tensor gives a differentiable tensor result.

    Returns
    -------
    float or torch.Tensor
        The sum over the n examples (not the mean).

    Raises
    ------
    ValueError
        If the shapes disagree, a label is not a class index, or a value is not finite.
    TypeError
        If `log_temperature` is not a single real number.

    Examples
    --------
    At :math:`T = 1` it is the summed cross-entropy of the logits.

    >>> z = [[1.0, 0.0], [0.0, 3.0]]
    >>> print(f"{temperature_negloglik(z, [0, 1], 0.0):.6f}")
    0.361849
    """
    shifted = _logits(logits)
    y = _labels(labels, shifted.shape[0], shifted.shape[1], "logits")
    log_temperature = _log_temperature(log_temperature)
    ops = _ops(log_temperature, logits)
    result = _negloglik(ops, shifted, y, log_temperature)
    return float(result) if ops.name == "numpy" else result


def _raise_if_no_optimum(shifted: np.ndarray, y: np.ndarray) -> None:
    """Raise where the likelihood has no maximum at a finite, positive temperature.

    In beta = 1 / T the negative log-likelihood is convex, with slope
    sum_i (mean_k z_ik - z_iy) at beta = 0 and sum_i (max_k z_ik - z_iy) as beta grows.
    A finite optimum needs the first below 0 and the second above 0.
    """
    n = len(y)
    own = shifted[np.arange(n), y]  # z_iy minus the row maximum, <= 0
    if np.all(shifted == shifted[:, :1]):
        raise EstimationError(check.wrap(
            "every row of logits is constant across the classes: the probabilities are "
            "uniform at every temperature, so the likelihood is flat in T and T is not "
            "identified"))
    if np.all(own == 0):
        raise BoundaryError(check.wrap(
            "every label is a top-scoring class of its row of logits: the likelihood keeps "
            "increasing as T decreases to 0 (ever sharper, ever more confident, never "
            "wrong), so no finite temperature maximises it. Fit the temperature on held-out "
            "data the classifier gets wrong sometimes"))
    slope_at_zero = math.fsum(shifted.mean(axis=1) - own)
    if not slope_at_zero < 0:
        raise BoundaryError(check.wrap(
            "on these data the logits score the labels no better than a uniform guess "
            "(the labels' logits are at most their rows' means on average): the likelihood "
            "keeps increasing as T grows to infinity, towards uniform probabilities, so no "
            "finite temperature maximises it"))


def fit_temperature(logits: Any, labels: Any, *, start: float = 0.0) -> MLEResult:
    r"""Temperature scaling: the maximum-likelihood temperature of a classifier's logits.

    Fits the single parameter ``"log_T"`` of :func:`temperature_negloglik` by
    :func:`mlcourse.fit_mle` (Newton's method with the exact derivative), on data the
    classifier was not trained on (Guo et al., 2017). The temperature is
    ``np.exp(result.params[0])``, or ``np.exp(result["log_T"])``; the standard error,
    ``conf_int()`` (Wald or ``method="profile"``) and the summary are those of any fit of the
    engine, on the log scale (exponentiate an interval's ends for an interval on T).

    Fitting :math:`\log T` rather than :math:`T` keeps :math:`T > 0` without constraints:
    temperature-scaling code that optimises an unconstrained T with a fixed learning rate can
    step to a negative T (which reverses every prediction) or wander to a huge one where the
    loss is flat. Here the negative log-likelihood is convex in :math:`1/T`, and the function
    checks first that its minimum is finite.

    Introduced in Chapter 12 (Capstone: a neural network fitted by likelihood).

    Parameters
    ----------
    logits : array_like or torch.Tensor, shape (n, K)
        The classifier's class scores on the calibration data (K >= 2).
    labels : array_like of int, shape (n,)
        The true classes, 0, ..., K - 1.
    start : float, default 0.0
        The starting value of :math:`\log T` (0: T = 1, the uncalibrated classifier).

    Returns
    -------
    MLEResult
        One parameter named ``"log_T"``, with ``nobs = n``.

    Raises
    ------
    BoundaryError
        If the likelihood keeps increasing as T goes to 0 (every label is a top-scoring
        class: the classifier is never wrong on these data) or to infinity (the logits score
        the labels no better than a uniform guess): the estimate does not exist.
    EstimationError
        If the logits are constant in every row (T is not identified), or the fit fails.
    ValueError
        If the shapes disagree, a label is not a class index, or a value is not finite.

    Examples
    --------
    Over-confident logits: twice what they should be, so T is near 2.

    >>> import numpy as np
    >>> rng = np.random.default_rng(0)
    >>> z = rng.normal(size=(2000, 3))
    >>> p = np.exp(z) / np.exp(z).sum(axis=1, keepdims=True)
    >>> y = (rng.random((2000, 1)) > p.cumsum(axis=1)).sum(axis=1)
    >>> fit = fit_temperature(2 * z, y)
    >>> print(f"T = {np.exp(fit['log_T']):.2f}, se(log T) = {fit.bse[0]:.3f}")
    T = 2.01, se(log T) = 0.039
    """
    import torch

    shifted = _logits(logits)
    n, n_classes = shifted.shape
    y = _labels(labels, n, n_classes, "logits")
    start = check.number(start, "start")
    _raise_if_no_optimum(shifted, y)
    data = torch.as_tensor(shifted, dtype=torch.float64)
    ops = ops_for(data)

    def negloglik(log_T: Any) -> Any:
        return _negloglik(ops, data, y, log_T)

    return fit_mle(negloglik, {"log_T": start}, nobs=n, title="Temperature scaling")


def temperature_lr_test(logits: Any, labels: Any) -> ChiSquareTest:
    r"""The likelihood-ratio test of T = 1: does temperature scaling improve the fit?

    The statistic :math:`2\,[\mathrm{NLL}(\log T = 0) - \mathrm{NLL}(\widehat{\log T})]`,
    referred to :math:`\chi^2_1` (Wilks' theorem; Chapter 10). A small p-value says that the
    classifier's probabilities are mis-scaled on these data (over- or under-confident).

    Introduced in Chapter 12 (Capstone: a neural network fitted by likelihood).

    Parameters
    ----------
    logits : array_like or torch.Tensor, shape (n, K)
        The classifier's class scores on held-out data.
    labels : array_like of int, shape (n,)
        The true classes.

    Returns
    -------
    ChiSquareTest
        ``statistic``, ``pvalue``, ``df = 1``, named "likelihood ratio", the type of
        :func:`mlcourse.likelihood_ratio_test`.

    Raises
    ------
    BoundaryError, EstimationError, ValueError
        As for :func:`fit_temperature`.

    Examples
    --------
    >>> import numpy as np
    >>> rng = np.random.default_rng(0)
    >>> z = rng.normal(size=(2000, 3))
    >>> p = np.exp(z) / np.exp(z).sum(axis=1, keepdims=True)
    >>> y = (rng.random((2000, 1)) > p.cumsum(axis=1)).sum(axis=1)
    >>> temperature_lr_test(2 * z, y).pvalue < 1e-6
    True
    """
    shifted = _logits(logits)
    y = _labels(labels, shifted.shape[0], shifted.shape[1], "logits")
    fit = fit_temperature(shifted, y)
    at_one = float(_negloglik(NumpyOps(), shifted, y, 0.0))
    statistic = 2 * (at_one + fit.llf)
    if statistic < -1e-8 * (1 + abs(at_one)):  # cannot happen at a maximum
        raise EstimationError(check.wrap(
            f"the fitted temperature has a lower likelihood than T = 1 (by "
            f"{-statistic / 2:.3g}): the fit missed its maximum"))
    statistic = max(statistic, 0.0)
    return ChiSquareTest(float(statistic), float(stats.chi2.sf(statistic, 1)), 1,
                         "likelihood ratio")


@dataclass(frozen=True, eq=False)
class ReliabilityBins:
    """The table behind a reliability diagram: confidence and accuracy per confidence bin.

    Introduced in Chapter 12 (Capstone: a neural network fitted by likelihood).

    Attributes
    ----------
    edges : ndarray, shape (n_bins + 1,)
        The bin edges :math:`0, 1/M, ..., 1`; bin m holds the confidences in
        ``(edges[m], edges[m + 1]]`` (the first bin also holds 0).
    counts : ndarray of int, shape (n_bins,)
        The number of examples per bin.
    confidence : ndarray, shape (n_bins,)
        The mean confidence (the largest class probability) of the examples in each bin;
        **nan for an empty bin**, which has no mean (matplotlib leaves nan points out of a
        plot; :func:`expected_calibration_error` gives empty bins weight 0).
    accuracy : ndarray, shape (n_bins,)
        The fraction of the examples in each bin whose predicted class is the label; nan for
        an empty bin.
    """

    edges: np.ndarray
    counts: np.ndarray
    confidence: np.ndarray
    accuracy: np.ndarray

    def __post_init__(self) -> None:
        for array in (self.edges, self.counts, self.confidence, self.accuracy):
            array.setflags(write=False)


def _confidence_and_correct(probs: Any, labels: Any, n_bins: Any
                            ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Confidence, correctness, bin index and edges of each example."""
    n_bins = check_count(n_bins, "n_bins")
    array = check.as_numpy(probs, "probs")
    if array.ndim != 2 or array.shape[0] < 1 or array.shape[1] < 2:
        raise ValueError(check.wrap(
            f"probs must have shape (n, K): one probability vector over K >= 2 classes per "
            f"example, n >= 1; got shape {array.shape}"))
    array = check.probability_vectors(array, "probs", atol=1e-6).astype(np.float64)
    y = _labels(labels, array.shape[0], array.shape[1], "probs")
    predicted = np.argmax(array, axis=1)  # ties: the lowest index
    confidence = array[np.arange(len(y)), predicted]
    correct = (predicted == y).astype(np.float64)
    # Edge m is the double nearest m / M; bin m is (edges[m], edges[m + 1]].
    edges = np.arange(n_bins + 1) / n_bins
    index = np.clip(np.searchsorted(edges, confidence, side="left") - 1, 0, n_bins - 1)
    return confidence, correct, index, edges


def reliability_bins(probs: Any, labels: Any, n_bins: int = 15) -> ReliabilityBins:
    r"""Confidence against accuracy in equal-width confidence bins (a reliability diagram).

    Each example's confidence is its largest class probability and its prediction that class
    (ties go to the lowest index, as ``np.argmax``). The confidences are grouped in the
    :math:`M` bins :math:`B_m = ((m - 1)/M, m/M]` of Guo et al. (2017): a confidence exactly
    on an edge belongs to the bin below it, and a confidence of exactly 1 to the last bin. A
    calibrated classifier has accuracy equal to confidence in every bin.

    Introduced in Chapter 12 (Capstone: a neural network fitted by likelihood).

    Parameters
    ----------
    probs : array_like, shape (n, K)
        Predicted class probabilities, K >= 2: each row non-negative, finite, summing to 1
        within ``1e-6 * K``.
    labels : array_like of int, shape (n,)
        The true classes, 0, ..., K - 1.
    n_bins : int, default 15
        The number of bins M (Guo et al. use 15).

    Returns
    -------
    ReliabilityBins
        `edges`, `counts`, and per bin the mean `confidence` and the `accuracy` (nan for an
        empty bin).

    Raises
    ------
    ValueError
        If a row of `probs` is not a probability vector, the shapes disagree, a label is not a
        class index, or `n_bins` is not a positive whole number.

    Examples
    --------
    >>> probs = [[0.9, 0.1], [0.6, 0.4], [0.3, 0.7], [0.5, 0.5]]
    >>> table = reliability_bins(probs, [0, 1, 1, 1], n_bins=5)
    >>> table.counts
    array([0, 0, 2, 1, 1])
    >>> table.accuracy.tolist()
    [nan, nan, 0.0, 1.0, 1.0]
    """
    confidence, correct, index, edges = _confidence_and_correct(probs, labels, n_bins)
    n_bins = len(edges) - 1
    counts = np.bincount(index, minlength=n_bins)
    with np.errstate(invalid="ignore", divide="ignore"):  # empty bins: nan, documented
        mean_confidence = np.bincount(index, confidence, minlength=n_bins) / counts
        accuracy = np.bincount(index, correct, minlength=n_bins) / counts
    return ReliabilityBins(edges, counts, mean_confidence, accuracy)


def expected_calibration_error(probs: Any, labels: Any, n_bins: int = 15) -> float:
    r"""The expected calibration error (ECE) over equal-width confidence bins.

    :math:`\mathrm{ECE} = \sum_m \frac{|B_m|}{n}\,|\mathrm{acc}(B_m) - \mathrm{conf}(B_m)|`
    (Naeini et al., 2015; Guo et al., 2017), with the bins of :func:`reliability_bins`; empty
    bins contribute 0. It is 0 for a calibrated classifier up to sampling noise (which makes
    it positive on finite data) and at most 1.

    Introduced in Chapter 12 (Capstone: a neural network fitted by likelihood).

    Parameters
    ----------
    probs : array_like, shape (n, K)
        Predicted class probabilities (rows summing to 1 within ``1e-6 * K``).
    labels : array_like of int, shape (n,)
        The true classes, 0, ..., K - 1.
    n_bins : int, default 15
        The number of equal-width bins.

    Returns
    -------
    float
        The ECE, in [0, 1].

    Raises
    ------
    ValueError
        As for :func:`reliability_bins`.

    Examples
    --------
    Two examples predicted with confidence 0.9, one right: the gap is 0.4.

    >>> print(f"{expected_calibration_error([[0.9, 0.1], [0.1, 0.9]], [0, 0]):.4f}")
    0.4000
    """
    confidence, correct, index, edges = _confidence_and_correct(probs, labels, n_bins)
    gaps = np.bincount(index, correct - confidence, minlength=len(edges) - 1)
    return float(np.sum(np.abs(gaps)) / len(confidence))


@dataclass(frozen=True)
class PairedDifference:
    r"""The mean per-example difference of two models' log-likelihoods, with its paired
    standard error.

    Introduced in Chapter 12 (Capstone: a neural network fitted by likelihood).

    Attributes
    ----------
    mean : float
        :math:`\bar d`, the mean of :math:`d_i = \ell_a(x_i) - \ell_b(x_i)`: positive when
        model a gives the held-out data the higher likelihood.
    se : float
        Its standard error :math:`s_d/\sqrt n` (the sample standard deviation with n - 1).
    z : float
        :math:`\bar d / \mathrm{se}`, approximately standard normal when the models are
        equally good (for large n); the paired t statistic.
    n : int
        The number of examples.
    """

    mean: float
    se: float
    z: float
    n: int

    def __str__(self) -> str:
        return (f"mean log-lik difference {self.mean:.4f} per example "
                f"(se {self.se:.4f}, z = {self.z:.2f}, n = {self.n})")


def paired_loglik_difference(loglik_a: Any, loglik_b: Any) -> PairedDifference:
    r"""Compare two models by held-out log-likelihood, example by example.

    The differences :math:`d_i = \ell_a(x_i) - \ell_b(x_i)` of the two models' log-likelihoods
    of the same examples have mean :math:`\bar d` and standard error :math:`s_d/\sqrt n`:
    pairing removes the variation between examples that both models share (hard examples are
    hard for both), so the comparison is far sharper than two separate intervals would make it.
    Swapping the models changes the sign of `mean` and `z` only.

    Introduced in Chapter 12 (Capstone: a neural network fitted by likelihood).

    Parameters
    ----------
    loglik_a, loglik_b : array_like, same shape
        Each model's log-likelihood of each example (e.g. the log-probability of its label),
        finite, at least two examples.

    Returns
    -------
    PairedDifference
        ``mean``, ``se``, ``z``, ``n``; printing it gives a one-line summary.

    Raises
    ------
    ValueError
        If the shapes differ, a value is not finite, there are fewer than two examples, or the
        differences are all equal (their standard error is 0 and z is undefined).

    Examples
    --------
    >>> a = [-0.1, -0.3, -0.2, -0.6]
    >>> b = [-0.2, -0.5, -0.2, -0.9]
    >>> print(paired_loglik_difference(a, b))
    mean log-lik difference 0.1500 per example (se 0.0645, z = 2.32, n = 4)
    """
    a = check.finite(loglik_a, "loglik_a").astype(np.float64)
    b = check.finite(loglik_b, "loglik_b").astype(np.float64)
    if a.shape != b.shape:
        raise ValueError(check.wrap(
            f"loglik_a and loglik_b must have the same shape (one value per example, the same "
            f"examples); got {a.shape} and {b.shape}"))
    d = (a - b).ravel()
    if d.size < 2:
        raise ValueError(check.wrap(
            f"a paired standard error needs at least 2 examples; got {d.size}"))
    if not np.all(np.isfinite(d)):
        raise ValueError("loglik_a - loglik_b overflows: the log-likelihoods are too large")
    if np.all(d == d[0]):
        raise ValueError(check.wrap(
            f"the differences loglik_a - loglik_b are all equal ({d[0]!r}): their standard "
            "error is 0 and z is undefined"))
    n = d.size
    mean = float(np.mean(d))
    se = float(np.std(d, ddof=1) / math.sqrt(n))
    return PairedDifference(mean, se, mean / se, n)
