"""Temperature scaling, reliability bins, ECE and paired comparisons, against independent
references: scipy's log_softmax and optimisers, torch's cross_entropy and autograd,
scikit-learn's CalibratedClassifierCV and calibration_curve, scipy.stats.ttest_rel, and direct
enumeration with Python loops.

Tolerances
----------
- Log-probabilities and sums of them: 1e-12 relative to the sum of the absolute values of the
  terms (two float64 implementations of the same formula, each rounding a few times per term).
- The fitted log T: Newton's method with the exact derivative stops where the score is at its
  rounding level, so the estimate is accurate to about 1e-12; a root of the closed-form score
  found by brentq (xtol 1e-14) agrees to 1e-10. scipy's minimize_scalar compares function
  values only, which near a minimum resolve x to about sqrt(eps) relative: 1e-7 there.
- scikit-learn's temperature is found by bounded Brent in log(1/T), whose tolerance is
  sqrt(eps) |x| + xatol / 3 (about 1.5e-8 |log T|): 1e-7 in log T.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
import torch
from scipy import optimize, special, stats
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.calibration import CalibratedClassifierCV, calibration_curve
from sklearn.frozen import FrozenEstimator

import mlcourse
from mlcourse import (
    BoundaryError,
    ChiSquareTest,
    EstimationError,
    PairedDifference,
    ReliabilityBins,
    expected_calibration_error,
    fit_temperature,
    paired_loglik_difference,
    reliability_bins,
    temperature_lr_test,
    temperature_negloglik,
    tempered_log_probs,
)


def _sample(seed: int, n: int, k: int, scale: float) -> tuple[np.ndarray, np.ndarray]:
    """Logits ``scale`` times those from which the labels are drawn: true T = scale."""
    rng = np.random.default_rng(seed)
    z = rng.normal(size=(n, k)) * 1.5
    p = special.softmax(z, axis=1)
    labels = (rng.random((n, 1)) > np.cumsum(p, axis=1)).sum(axis=1)
    return scale * z, np.minimum(labels, k - 1)


def _nll(logits: np.ndarray, labels: np.ndarray, log_t: float) -> float:
    """The reference NLL: scipy's log_softmax of logits / T."""
    lp = special.log_softmax(logits / math.exp(log_t), axis=1)
    return -float(lp[np.arange(len(labels)), labels].sum())


def _score(logits: np.ndarray, labels: np.ndarray, log_t: float) -> float:
    """d NLL / d log T in closed form: sum_i (z_iy - E_p[z_i]) / T."""
    t = math.exp(log_t)
    p = special.softmax(logits / t, axis=1)
    own = logits[np.arange(len(labels)), labels]
    return float(np.sum(own - (p * logits).sum(axis=1)) / t)


def _mle(logits: np.ndarray, labels: np.ndarray) -> float:
    """The root of the closed-form score, by brentq."""
    return optimize.brentq(lambda s: _score(logits, labels, s), -5.0, 5.0, xtol=1e-14)


LOGITS, LABELS = _sample(0, 600, 10, 2.5)  # over-confident: T near 2.5


# --- tempered_log_probs and temperature_negloglik ---------------------------------------

@pytest.mark.parametrize("log_t", [-1.3, 0.0, 0.9])
def test_tempered_log_probs_match_scipy(log_t) -> None:
    expected = special.log_softmax(LOGITS / math.exp(log_t), axis=1)
    got = tempered_log_probs(LOGITS, log_t)
    assert isinstance(got, np.ndarray) and got.dtype == np.float64
    scale = np.abs(LOGITS / math.exp(log_t)).max(axis=1, keepdims=True) + np.abs(expected)
    assert np.all(np.abs(got - expected) <= 1e-12 * scale)


def test_tempered_log_probs_are_stable_at_extreme_logits() -> None:
    z = np.array([[1000.0, -1000.0, 0.0], [-1000.0, -1000.0, -999.0]])
    got = tempered_log_probs(z, math.log(2.0))
    expected = special.log_softmax(z / 2.0, axis=1)  # scipy shifts by the maximum too
    assert np.all(np.isfinite(got))
    np.testing.assert_allclose(got, expected, rtol=1e-12, atol=1e-12)
    # Tiny and huge temperatures: a one-hot limit and a uniform limit, never nan.
    cold = tempered_log_probs(z, -800.0)
    assert not np.any(np.isnan(cold)) and cold[0, 0] == 0.0 and cold[1, 2] == 0.0
    hot = tempered_log_probs(z, 800.0)
    np.testing.assert_allclose(hot, np.full_like(z, -math.log(3)), rtol=1e-14)


def test_tempered_log_probs_with_a_tensor_temperature_are_differentiable() -> None:
    log_t = torch.tensor(0.4, dtype=torch.float64, requires_grad=True)
    out = tempered_log_probs(LOGITS, log_t)
    assert isinstance(out, torch.Tensor) and out.requires_grad
    np.testing.assert_allclose(out.detach().numpy(), tempered_log_probs(LOGITS, 0.4),
                               rtol=1e-13, atol=1e-13)
    nll = -out[torch.arange(len(LABELS)), torch.as_tensor(LABELS)].sum()
    nll.backward()
    expected = _score(LOGITS, LABELS, 0.4)
    assert abs(float(log_t.grad) - expected) <= 1e-11 * np.abs(LOGITS).sum() / math.exp(0.4)


def test_tempered_log_probs_of_tensor_logits_are_a_float64_tensor() -> None:
    out = tempered_log_probs(torch.as_tensor(LOGITS, dtype=torch.float32), 0.2)
    assert isinstance(out, torch.Tensor) and out.dtype == torch.float64
    exact = LOGITS.astype(np.float32).astype(np.float64)  # the float32 values, in float64
    expected = special.log_softmax(exact / math.exp(0.2), axis=1)
    np.testing.assert_allclose(out.numpy(), expected, rtol=1e-12, atol=1e-12)


def test_temperature_negloglik_matches_torch_cross_entropy_and_scipy() -> None:
    for log_t in (-0.7, 0.0, 1.1):
        t = math.exp(log_t)
        reference = float(torch.nn.functional.cross_entropy(
            torch.as_tensor(LOGITS / t), torch.as_tensor(LABELS), reduction="sum"))
        scale = np.abs(LOGITS / t).max(axis=1).sum() + abs(reference)
        got = temperature_negloglik(LOGITS, LABELS, log_t)
        assert isinstance(got, float)
        assert abs(got - reference) <= 1e-12 * scale
        assert abs(got - _nll(LOGITS, LABELS, log_t)) <= 1e-12 * scale
    tensor = temperature_negloglik(LOGITS, LABELS, torch.tensor(0.3, dtype=torch.float64))
    assert isinstance(tensor, torch.Tensor)


# --- fit_temperature -------------------------------------------------------------------

def test_fit_temperature_is_stationary_and_matches_scipy() -> None:
    fit = fit_temperature(LOGITS, LABELS)
    assert fit.names == ("log_T",) and fit.nobs == len(LABELS) and fit.estimator == "MLE"
    log_t = float(fit["log_T"])
    # The score by autograd (through torch's own log_softmax) is 0 at the estimate.
    s = torch.tensor(log_t, dtype=torch.float64, requires_grad=True)
    nll = torch.nn.functional.cross_entropy(torch.as_tensor(LOGITS) / torch.exp(s),
                                            torch.as_tensor(LABELS), reduction="sum")
    (grad,) = torch.autograd.grad(nll, s)
    assert abs(float(grad)) <= 1e-9 * np.abs(LOGITS).sum()
    assert abs(log_t - _mle(LOGITS, LABELS)) <= 1e-10
    brent = optimize.minimize_scalar(lambda v: _nll(LOGITS, LABELS, v), bracket=(0.0, 1.0),
                                     method="brent", tol=1e-12)
    assert abs(log_t - brent.x) <= 1e-7
    assert abs(-fit.llf - _nll(LOGITS, LABELS, log_t)) <= 1e-12 * _nll(LOGITS, LABELS, 0.0)
    assert 2.0 < math.exp(log_t) < 3.1  # drawn with T = 2.5


def test_fit_temperature_standard_error_and_intervals() -> None:
    fit = fit_temperature(LOGITS, LABELS)
    log_t = float(fit["log_T"])
    # Observed information: the derivative of the closed-form score, by central differences.
    h = 1e-5
    info = (_score(LOGITS, LABELS, log_t + h) - _score(LOGITS, LABELS, log_t - h)) / (2 * h)
    assert abs(fit.bse[0] - 1 / math.sqrt(info)) <= 1e-6 * fit.bse[0]
    wald = fit.conf_int()
    z = stats.norm.ppf(0.975)
    np.testing.assert_allclose(wald[0], [log_t - z * fit.bse[0], log_t + z * fit.bse[0]],
                               rtol=1e-10)
    # The profile interval: where 2 (NLL(s) - NLL(hat)) = chi2_1(0.95), by brentq.
    cut = stats.chi2.ppf(0.95, 1) / 2 + _nll(LOGITS, LABELS, log_t)
    low = optimize.brentq(lambda v: _nll(LOGITS, LABELS, v) - cut, log_t - 1, log_t,
                          xtol=1e-13)
    high = optimize.brentq(lambda v: _nll(LOGITS, LABELS, v) - cut, log_t, log_t + 1,
                           xtol=1e-13)
    np.testing.assert_allclose(fit.conf_int(method="profile")[0], [low, high], atol=1e-6)


def test_fit_temperature_is_scale_equivariant_and_keeps_predictions() -> None:
    base = float(fit_temperature(LOGITS, LABELS)["log_T"])
    for c in (0.01, 3.0, 250.0):
        scaled = float(fit_temperature(c * LOGITS, LABELS)["log_T"])
        assert abs(scaled - (base + math.log(c))) <= 1e-8
    probs = np.exp(tempered_log_probs(LOGITS, base))
    assert np.array_equal(probs.argmax(axis=1), LOGITS.argmax(axis=1))


def test_fit_temperature_accepts_tensors_and_a_start() -> None:
    base = float(fit_temperature(LOGITS, LABELS)["log_T"])
    fit = fit_temperature(torch.as_tensor(LOGITS), torch.as_tensor(LABELS), start=2.0)
    assert abs(float(fit["log_T"]) - base) <= 1e-10


class _Precomputed(ClassifierMixin, BaseEstimator):
    """A fitted classifier whose predictions are given: X holds row numbers into them."""

    def __init__(self, probs=None, scores=None):
        self.probs = probs
        self.scores = scores

    def fit(self, X, y):  # never called: the estimator is frozen
        raise AssertionError("a FrozenEstimator is not refitted")

    def __sklearn_is_fitted__(self) -> bool:
        return True

    @property
    def classes_(self) -> np.ndarray:
        table = self.probs if self.probs is not None else self.scores
        return np.arange(table.shape[1])

    def predict_proba(self, X):
        return self.probs[np.asarray(X)[:, 0].astype(int)]

    def predict(self, X):
        table = self.probs if self.probs is not None else self.scores
        return table[np.asarray(X)[:, 0].astype(int)].argmax(axis=1)


class _PrecomputedScores(_Precomputed):
    def decision_function(self, X):
        return self.scores[np.asarray(X)[:, 0].astype(int)]


def _sklearn_temperature(estimator: BaseEstimator, labels: np.ndarray) -> float:
    rows = np.arange(len(labels))[:, None]
    calibrated = CalibratedClassifierCV(FrozenEstimator(estimator), method="temperature")
    calibrated.fit(rows, labels)
    (pipeline,) = calibrated.calibrated_classifiers_
    (calibrator,) = pipeline.calibrators
    return 1 / float(calibrator.beta_)


def test_fit_temperature_agrees_with_sklearn_on_probabilities_with_its_floor() -> None:
    """scikit-learn takes logits log(p + 1e-12) of predict_proba: with the same floor the
    temperatures agree to the tolerance of its bounded Brent search."""
    for logits in (LOGITS, 2 * LOGITS):  # measured: 1e-8 and 2e-8 apart
        probs = special.softmax(logits, axis=1)
        temperature = _sklearn_temperature(_Precomputed(probs=probs), LABELS)
        ours = float(fit_temperature(np.log(probs + 1e-12), LABELS)["log_T"])
        assert abs(ours - math.log(temperature)) <= 1e-7
    # Without the floor (log p is the logits up to a row constant) they differ where some
    # probabilities are far below 1e-12: the floor caps each row's spread of logits at 27.6
    # and so changes the likelihood (measured: 2e-3 in log T here).
    plain = float(fit_temperature(2 * LOGITS, LABELS)["log_T"])
    assert np.min(probs) < 1e-15 and abs(plain - math.log(temperature)) > 1e-4


def test_fit_temperature_agrees_with_sklearn_on_decision_scores() -> None:
    temperature = _sklearn_temperature(_PrecomputedScores(scores=LOGITS), LABELS)
    ours = float(fit_temperature(LOGITS, LABELS)["log_T"])
    assert abs(ours - math.log(temperature)) <= 1e-7


def test_fit_temperature_raises_when_no_finite_temperature_is_best() -> None:
    rng = np.random.default_rng(3)
    z = rng.normal(size=(50, 4))
    right = z.argmax(axis=1)
    with pytest.raises(BoundaryError, match="T decreases to 0"):
        fit_temperature(z, right)  # never wrong: ever sharper is ever better
    with pytest.raises(EstimationError, match="flat in T"):
        fit_temperature(np.ones((20, 3)), rng.integers(0, 3, 20))
    with pytest.raises(BoundaryError, match="infinity"):
        fit_temperature(z, z.argmin(axis=1))  # anti-informative: T -> infinity
    assert issubclass(BoundaryError, EstimationError)


def test_fit_temperature_boundary_cases_are_real() -> None:
    """The cases refused above have no minimum: the reference NLL keeps falling."""
    rng = np.random.default_rng(3)
    z = rng.normal(size=(50, 4))
    right, wrong = z.argmax(axis=1), z.argmin(axis=1)
    values = [_nll(z, right, s) for s in (0.0, -2.0, -4.0)]
    assert values[0] > values[1] > values[2] > 0
    values = [_nll(z, wrong, s) for s in (0.0, 2.0, 4.0)]
    assert values[0] > values[1] > values[2]


def test_temperature_lr_test_matches_the_closed_form() -> None:
    test = temperature_lr_test(LOGITS, LABELS)
    assert isinstance(test, ChiSquareTest) and test.df == 1 and test.name == "likelihood ratio"
    statistic = 2 * (_nll(LOGITS, LABELS, 0.0) - _nll(LOGITS, LABELS, _mle(LOGITS, LABELS)))
    assert abs(test.statistic - statistic) <= 1e-9 * _nll(LOGITS, LABELS, 0.0)
    assert test.pvalue == pytest.approx(stats.chi2.sf(statistic, 1), rel=1e-8, abs=1e-300)
    # Calibrated logits: T = 1 is not rejected at a reasonable rate; the statistic is small.
    z, y = _sample(1, 3000, 5, 1.0)
    calm = temperature_lr_test(z, y)
    expected = 2 * (_nll(z, y, 0.0) - _nll(z, y, _mle(z, y)))
    assert abs(calm.statistic - expected) <= 1e-9 * _nll(z, y, 0.0)
    assert calm.pvalue == pytest.approx(stats.chi2.sf(expected, 1), rel=1e-6)


# --- reliability bins and ECE ---------------------------------------------------------

def _enumerate(probs: np.ndarray, labels: np.ndarray, n_bins: int):
    """Bins (lo, hi] by Python loops over examples and bins, edges as fractions m / M."""
    counts, conf, acc = [0] * n_bins, [0.0] * n_bins, [0.0] * n_bins
    for row, label in zip(probs.tolist(), labels.tolist(), strict=True):
        c = max(row)
        predicted = row.index(c)  # the first maximum
        for m in range(n_bins):
            if (m == 0 and c <= 1 / n_bins) or (m / n_bins < c <= (m + 1) / n_bins):
                counts[m] += 1
                conf[m] += c
                acc[m] += predicted == label
                break
    ece = sum(abs(acc[m] - conf[m]) for m in range(n_bins)) / len(labels)
    mean_conf = [conf[m] / counts[m] if counts[m] else math.nan for m in range(n_bins)]
    mean_acc = [acc[m] / counts[m] if counts[m] else math.nan for m in range(n_bins)]
    return counts, mean_conf, mean_acc, ece


@pytest.mark.parametrize("n_bins", [1, 5, 15, 40])
def test_reliability_bins_and_ece_match_a_direct_enumeration(n_bins) -> None:
    probs = special.softmax(LOGITS / 3, axis=1)
    counts, conf, acc, ece = _enumerate(probs, LABELS, n_bins)
    table = reliability_bins(probs, LABELS, n_bins=n_bins)
    assert isinstance(table, ReliabilityBins)
    np.testing.assert_array_equal(table.counts, counts)
    np.testing.assert_allclose(table.confidence, conf, rtol=1e-12)
    np.testing.assert_allclose(table.accuracy, acc, rtol=1e-12)
    np.testing.assert_allclose(table.edges, np.arange(n_bins + 1) / n_bins, rtol=0)
    assert abs(expected_calibration_error(probs, LABELS, n_bins=n_bins) - ece) <= 1e-12


def test_reliability_bins_match_sklearn_calibration_curve_off_the_edges() -> None:
    """sklearn's bins are [lo, hi) (the last closed) and it drops empty bins; with no
    confidence on an interior edge the two tables agree."""
    probs = special.softmax(LOGITS / 3, axis=1)
    confidence = probs.max(axis=1)
    edges = np.arange(16) / 15
    assert np.min(np.abs(confidence[:, None] - edges[1:-1])) > 1e-9
    correct = (probs.argmax(axis=1) == LABELS).astype(int)
    prob_true, prob_pred = calibration_curve(correct, confidence, n_bins=15,
                                             strategy="uniform")
    table = reliability_bins(probs, LABELS)
    filled = table.counts > 0
    np.testing.assert_allclose(table.accuracy[filled], prob_true, rtol=1e-12)
    np.testing.assert_allclose(table.confidence[filled], prob_pred, rtol=1e-12)


def test_confidences_on_edges_go_to_the_lower_bin_and_one_to_the_last() -> None:
    probs = np.array([[0.6, 0.4], [0.4, 0.6], [0.8, 0.2], [1.0, 0.0], [0.2, 0.8], [0.5, 0.5]])
    labels = np.array([0, 0, 0, 0, 1, 1])
    table = reliability_bins(probs, labels, n_bins=5)
    # Hand-computed with bins (0, .2], (.2, .4], (.4, .6], (.6, .8], (.8, 1]:
    # 0.6, 0.6 and 0.5 in (.4, .6]; 0.8 and 0.8 in (.6, .8]; 1.0 in (.8, 1].
    np.testing.assert_array_equal(table.counts, [0, 0, 3, 2, 1])
    # (.4, .6]: predictions 0, 1, 0 (a tie goes to class 0) against labels 0, 0, 1.
    np.testing.assert_allclose(table.accuracy[2:], [1 / 3, 1.0, 1.0], rtol=1e-15)
    np.testing.assert_allclose(table.confidence[2:], [1.7 / 3, 0.8, 1.0], rtol=1e-15)
    assert np.isnan(table.accuracy[0]) and np.isnan(table.confidence[1])
    ece = (3 * abs(1 / 3 - 1.7 / 3) + 2 * abs(1.0 - 0.8) + 0.0) / 6
    assert expected_calibration_error(probs, labels, n_bins=5) == pytest.approx(ece, rel=1e-14)
    with pytest.raises(ValueError, match="read-only"):
        table.counts[0] = 1


def test_ece_of_a_perfectly_confident_correct_classifier_is_zero() -> None:
    labels = np.array([2, 0, 1, 1, 0])
    probs = np.eye(3)[labels]
    assert expected_calibration_error(probs, labels) == 0.0
    table = reliability_bins(probs, labels)
    assert table.counts[-1] == 5 and table.accuracy[-1] == 1.0
    # ...and of an always wrong, fully confident one, 1.
    assert expected_calibration_error(np.eye(3)[(labels + 1) % 3], labels) == 1.0


def test_ece_is_near_zero_when_labels_are_drawn_from_the_probabilities() -> None:
    """With labels drawn from the probabilities, acc(B_m) - conf(B_m) is a mean of |B_m|
    independent centred terms of variance at most 1/4, so E[ECE] <= sum_m sqrt(|B_m|/4) / n
    <= sqrt(M / (4 n)) (Cauchy-Schwarz): 0.0043 at n = 200000, M = 15."""
    z, y = _sample(4, 200_000, 4, 1.0)
    probs = special.softmax(z, axis=1)
    bound = math.sqrt(15 / (4 * 200_000))
    assert expected_calibration_error(probs, y) <= bound
    # Over-confident probabilities are far from calibrated on the same labels.
    assert expected_calibration_error(special.softmax(3 * z, axis=1), y) > 20 * bound


def test_reliability_bins_reject_bad_input() -> None:
    good = np.array([[0.3, 0.7], [0.5, 0.5]])
    with pytest.raises(ValueError, match=r"probs.*sum to 1"):
        reliability_bins([[0.3, 0.6], [0.5, 0.5]], [0, 1])
    with pytest.raises(ValueError, match="probs must be a probability"):
        reliability_bins([[1.2, -0.2], [0.5, 0.5]], [0, 1])
    with pytest.raises(ValueError, match="probs must be finite"):
        reliability_bins([[np.nan, 0.5], [0.5, 0.5]], [0, 1])
    with pytest.raises(ValueError, match="probs must have shape"):
        reliability_bins([0.3, 0.7], [1])
    with pytest.raises(ValueError, match="labels must be category labels"):
        reliability_bins(good, [0, 2])
    with pytest.raises(ValueError, match="labels must be whole"):
        reliability_bins(good, [0, 0.5])
    with pytest.raises(ValueError, match="labels must have shape"):
        reliability_bins(good, [0, 1, 1])
    for n_bins in (0, -3, 2.5, True):
        with pytest.raises(ValueError, match="n_bins"):
            expected_calibration_error(good, [0, 1], n_bins=n_bins)
    # Rows summing to 1 within 1e-6 K are accepted (float32 softmax outputs).
    assert reliability_bins([[0.3, 0.7 + 1e-7]], [1]).counts.sum() == 1


def test_temperature_functions_reject_bad_input() -> None:
    with pytest.raises(ValueError, match="logits must have shape"):
        fit_temperature(np.zeros((4, 1)), [0, 0, 0, 0])
    with pytest.raises(ValueError, match="logits must have shape"):
        tempered_log_probs(np.zeros(4), 0.0)
    with pytest.raises(ValueError, match="logits must be finite"):
        temperature_negloglik([[0.0, np.inf]], [0], 0.0)
    with pytest.raises(ValueError, match="labels must be category labels"):
        temperature_negloglik(LOGITS, LABELS + 1, 0.0)
    with pytest.raises(ValueError, match="labels must have shape"):
        fit_temperature(LOGITS, LABELS[:-1])
    with pytest.raises(ValueError, match="log_temperature must be finite"):
        tempered_log_probs(LOGITS, np.nan)
    with pytest.raises(TypeError, match="log_temperature must be a single number"):
        tempered_log_probs(LOGITS, np.zeros(2))
    with pytest.raises(ValueError, match="logits requires grad"):
        tempered_log_probs(torch.zeros(2, 3, requires_grad=True), 0.0)


# --- paired_loglik_difference ---------------------------------------------------------

def test_paired_difference_matches_ttest_rel_and_is_antisymmetric() -> None:
    rng = np.random.default_rng(7)
    a = -rng.exponential(0.3, size=400)
    b = a - rng.normal(0.02, 0.1, size=400)
    result = paired_loglik_difference(a, b)
    assert isinstance(result, PairedDifference) and result.n == 400
    d = a - b
    assert result.mean == pytest.approx(np.mean(d), rel=1e-13)
    assert result.se == pytest.approx(np.std(d, ddof=1) / 20, rel=1e-13)
    assert result.z == pytest.approx(stats.ttest_rel(a, b).statistic, rel=1e-12)
    swapped = paired_loglik_difference(b, a)
    assert (swapped.mean, swapped.se, swapped.z) == (-result.mean, result.se, -result.z)
    text = str(result)
    assert f"{result.mean:.4f}" in text and "n = 400" in text
    worst = PairedDifference(-0.1234, 0.0123, -10.03, 123_456)  # fits a notebook's 80 columns
    assert len(str(worst)) <= 80


def test_paired_difference_se_shrinks_like_one_over_root_n() -> None:
    rng = np.random.default_rng(8)
    d = rng.normal(0.1, 1.0, size=40_000)
    small = paired_loglik_difference(d[:400], np.zeros(400))
    large = paired_loglik_difference(d, np.zeros_like(d))
    assert 8 < small.se / large.se < 12  # sqrt(100) = 10, up to sampling of the two sds


def test_paired_difference_rejects_bad_input() -> None:
    with pytest.raises(ValueError, match="same shape"):
        paired_loglik_difference([-1.0, -2.0], [-1.0, -2.0, -3.0])
    with pytest.raises(ValueError, match="loglik_b must be finite"):
        paired_loglik_difference([-1.0, -2.0], [-1.0, -np.inf])
    with pytest.raises(ValueError, match="at least 2"):
        paired_loglik_difference([-1.0], [-2.0])
    with pytest.raises(ValueError, match="all equal"):
        paired_loglik_difference([-1.0, -2.0], [-1.5, -2.5])
    with pytest.raises(TypeError, match="loglik_a must be real numbers"):
        paired_loglik_difference(["a", "b"], [-1.0, -2.0])


def test_calibration_functions_are_exported() -> None:
    for name in ("fit_temperature", "expected_calibration_error", "paired_loglik_difference"):
        assert getattr(mlcourse, name) is globals()[name]
