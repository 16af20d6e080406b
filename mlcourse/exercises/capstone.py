"""Exercises of Chapter 12, *Capstone: a neural network fitted by likelihood*."""

from __future__ import annotations

import math

import numpy as np
from scipy import special

from ..calibration import expected_calibration_error as _ece_reference
from ..calibration import fit_temperature as _temperature_fit
from ..calibration import paired_loglik_difference as _paired_reference
from ..regression import add_intercept, logistic_regression
from .framework import Trial, _to_numpy, describe, exercise
from .rules import Forbidden

CHAPTER = 12

NOT_THE_COURSE = Forbidden("mlcourse", "the check compares with the course's own function; "
                           "write yours")
ONLY_NUMPY = (
    Forbidden("scipy", "the exercise asks for numpy only"),
    Forbidden("torch", "the exercise asks for numpy only"),
    Forbidden("sklearn", "the exercise asks for numpy only"),
    Forbidden("pandas", "the exercise asks for numpy only"),
    Forbidden("statsmodels", "the exercise asks for numpy only"),
    NOT_THE_COURSE,
)


# --------------------------------------------------------------------------------------------
temperature = exercise(
    "calibration-temperature", chapter=CHAPTER, function="fit_temperature",
    title="Temperature scaling by maximum likelihood",
    forbidden=(Forbidden("torch", "the exercise asks for numpy and scipy"),
               Forbidden("sklearn", "scikit-learn has temperature scaling ready-made"),
               NOT_THE_COURSE))


def _temperature_reference(logits: np.ndarray, labels: np.ndarray) -> float:
    return float(np.exp(_temperature_fit(logits, labels)["log_T"]))


def _mis_scaled(t: Trial, n: int, k: int) -> tuple[np.ndarray, np.ndarray, float]:
    """Logits z whose labels are drawn from softmax(z / T0): T0 is the true temperature."""
    t0 = float(10.0 ** t.rng.uniform(-0.5, 0.5))
    z = t.rng.normal(0.0, 3.0, size=(n, k))
    p = np.exp(special.log_softmax(z / t0, axis=1))
    labels = (t.rng.random((n, 1)) > np.cumsum(p, axis=1)).sum(axis=1)
    return z, np.minimum(labels, k - 1), t0


def _labels_from(t: Trial, probs: np.ndarray) -> np.ndarray:
    """A label for each row, drawn from the row's probabilities."""
    labels = (t.rng.random((len(probs), 1)) > np.cumsum(probs, axis=1)).sum(axis=1)
    return np.minimum(labels, probs.shape[1] - 1)


def _dnll_dlogt(logits: np.ndarray, labels: np.ndarray, temp: float) -> tuple[float, float]:
    """d NLL / d log T at T, and the sum of the absolute values of its terms."""
    p = np.exp(special.log_softmax(logits / temp, axis=1))
    terms = (logits[np.arange(len(labels)), labels] - np.sum(p * logits, axis=1)) / temp
    return float(np.sum(terms)), float(np.sum(np.abs(terms)))


def _expect_float(t: Trial, got: object) -> float:
    """Fail unless the answer is a float (numpy's float64 is one; float32 and arrays are not)."""
    t.expect_type(got)
    kind = f"{type(got).__module__}.{type(got).__name__}".replace("builtins.", "")
    t.expect(isinstance(got, float),
             f"expected: a float, as the statement asks\ngot:      {describe(got)} ({kind})")
    return float(got)  # type: ignore[arg-type]


def _unit_temperature(t: Trial, n: int, k: int, *, at: float = 2.0, spread: float = 1.0
                      ) -> tuple[np.ndarray, np.ndarray]:
    """Logits w with labels whose maximum-likelihood temperature is exactly 1: logits up to
    +-spread, labels drawn at temperature `at`, the logits then divided by their fitted
    temperature. By default (under-confident logits up to +-1) |w| stays below 1."""
    u = t.rng.uniform(-spread, spread, size=(n, k))
    labels = _labels_from(t, np.exp(special.log_softmax(u / at, axis=1)))
    return u / _temperature_reference(u, labels), labels


@temperature.check("agrees with the maximum-likelihood temperature to a relative 1e-6")
def _(t: Trial) -> None:
    for n, k in ((400, 3), (300, 10), (60, 2)):
        z, y, _ = _mis_scaled(t, n, k)
        t.expect_close(t.call(z, y), _temperature_reference(z, y), rtol=1e-6,
                       what=f"the temperature T > 0 that maximises the likelihood ({k} classes)")


@temperature.check("is a stationary point: d NLL / d log T = 0 at the answer")
def _(t: Trial) -> None:
    z, y, _ = _mis_scaled(t, 300, 5)
    got = t.call(z, y)
    value = _expect_float(t, got)
    t.expect(value > 0, f"expected: a temperature T > 0\ngot:      {describe(got)}")
    slope, scale = _dnll_dlogt(z, y, value)
    t.expect(abs(slope) <= 1e-5 * scale,
             f"expected: a derivative of the NLL in log T of 0 (to 1e-5 of the size of its "
             f"terms, {scale:.4g})\ngot:      {slope:.4g} at T = {value:.6g}")


@temperature.check("scales with the logits: logits times c give c times the temperature")
def _(t: Trial) -> None:
    z, y, _ = _mis_scaled(t, 200, 4)
    first = t.call(z, y)
    t.expect_type(first)
    base = float(np.asarray(_to_numpy(first), dtype=float))
    # c near 100 puts logits near +-1000 and T far above 20; c near 1/100 far below 1/20.
    for c in (float(t.rng.uniform(50, 100)), float(t.rng.uniform(0.005, 0.02))):
        t.expect_close(t.call(z * c, y), base * c, rtol=1e-6,
                       what=f"your temperature for the unscaled logits times c = {c:.4g}")


@temperature.check("finds temperatures as small as 1e-3 and as large as 1e3")
def _(t: Trial) -> None:
    w, y = _unit_temperature(t, 400, 4)
    for target in (float(10.0 ** t.rng.uniform(2.9, 3.0)),
                   float(10.0 ** t.rng.uniform(-3.0, -2.9))):
        # logits times c have the temperature c times theirs, here 1 times c
        z = w * target
        t.expect_close(t.call(z, y), target, rtol=1e-6,
                       what=f"the temperature T > 0 that maximises the likelihood (logits "
                            f"up to {np.max(np.abs(z)):.3g} in size)")


def _confidently_wrong(t: Trial) -> tuple[np.ndarray, np.ndarray]:
    """2000 over-confident predictions of 10 classes and, among them, one row
    [1000, 1000 - g, -1000, ...] labelled with its second class: at T = 1 and at the fitted
    temperature (near 1.5) its label's probability is below 1e-300."""
    n, k = 2000, 10
    t0 = float(10.0 ** t.rng.uniform(-0.5, -0.2))
    z = t.rng.normal(0.0, 3.0, size=(n, k))
    y = _labels_from(t, np.exp(special.log_softmax(z / t0, axis=1)))
    row = np.full(k, -1000.0)
    row[0], row[1] = 1000.0, 1000.0 - float(t.rng.uniform(1400.0, 1600.0))
    columns = t.rng.permutation(k)
    where = int(t.rng.integers(0, n + 1))
    z = np.insert(z, where, row[columns], axis=0)
    y = np.insert(y, where, int(np.argsort(columns)[1]))
    return z, y


@temperature.check("is stable when a confidently wrong prediction spans logits of +-1000")
def _(t: Trial) -> None:
    z, y = _confidently_wrong(t)
    t.expect_close(t.call(z, y), _temperature_reference(z, y), rtol=1e-6,
                   what="the temperature T > 0 that maximises the likelihood, one example's "
                        "label having a log-probability near -1000 there")


@temperature.check("does not change when a constant is added to a row of logits")
def _(t: Trial) -> None:
    z, y, _ = _mis_scaled(t, 200, 6)
    first = t.call(z, y)
    t.expect_type(first)
    shifts = t.rng.choice([-1.0, 1.0], size=(200, 1)) * t.rng.uniform(500, 1000, (200, 1))
    t.expect_close(t.call(z + shifts, y), first, rtol=1e-6,
                   what="the same temperature: a softmax ignores a shift of its row "
                        "(here by up to +-1000)")


@temperature.check("does not depend on the order of the examples")
def _(t: Trial) -> None:
    z, y, _ = _mis_scaled(t, 150, 3)
    first = t.call(z, y)
    t.expect_type(first)
    order = t.rng.permutation(150)
    t.expect_close(t.call(z[order], y[order]), first, rtol=1e-6,
                   what="the same temperature for the examples in another order")


@temperature.mistake(
    "the inverse temperature 1/T",
    "The logits are divided by the temperature: an over-confident classifier, whose logits "
    "are too large, needs T above 1.")
def _(logits, labels):
    return 1 / _temperature_reference(np.asarray(logits, float), np.asarray(labels))


@temperature.mistake(
    "log T returned instead of T",
    "Optimising over log T keeps the temperature positive; the answer is the temperature "
    "itself, so undo the logarithm before returning it.")
def _(logits, labels):
    return math.log(_temperature_reference(np.asarray(logits, float), np.asarray(labels)))


@temperature.mistake(
    "the probabilities divided by T instead of the logits",
    "Temperature scaling divides the scores that go into the softmax, not the probabilities "
    "that come out of it.")
def _(logits, labels):
    probs = np.exp(special.log_softmax(np.asarray(logits, float), axis=1))
    return _temperature_reference(probs, np.asarray(labels))


# --------------------------------------------------------------------------------------------
calibration_error = exercise(
    "calibration-ece", chapter=CHAPTER, function="expected_calibration_error",
    title="The expected calibration error", forbidden=ONLY_NUMPY)


def _probability_rows(t: Trial, n: int, k: int, concentration: float = 0.5) -> np.ndarray:
    """Rows from a Dirichlet, each with a single largest entry."""
    return t.rng.dirichlet(np.full(k, concentration), size=n)


def _on_edges(t: Trial, n_bins: int, count: int) -> np.ndarray:
    """Rows [c, (1 - c)/2, (1 - c)/2] with c = m / n_bins > 1/2 exactly (n_bins a power of 2:
    every number here is exact in binary), the classes shuffled."""
    m = t.rng.integers(n_bins // 2 + 1, n_bins + 1, size=count)
    c = m / n_bins
    rows = np.column_stack([c, (1 - c) / 2, (1 - c) / 2])
    return np.array([t.rng.permutation(row) for row in rows])


@calibration_error.check("agrees with the weighted gap between accuracy and confidence")
def _(t: Trial) -> None:
    for n, k, bins in ((400, 10, 15), (200, 3, 10), (50, 2, 7)):
        probs = _probability_rows(t, n, k)
        labels = _labels_from(t, probs ** 2 / np.sum(probs ** 2, axis=1, keepdims=True))
        t.expect_close(t.call(probs, labels, bins), _ece_reference(probs, labels, bins),
                       rtol=1e-9, atol=1e-12, what=f"the ECE over {bins} equal-width bins")


@calibration_error.check("counts a confidence of exactly 1 in the last bin")
def _(t: Trial) -> None:
    probs = _probability_rows(t, 120, 4)
    certain = t.rng.choice(120, size=30, replace=False)
    probs[certain] = np.eye(4)[t.rng.integers(0, 4, size=30)]
    # Near-certain right predictions share the last bin (14/15, 1] with the certain ones,
    # whose wrong predictions pull its gap the other way: splitting the bin shows.
    near = np.setdiff1d(np.arange(120), certain)[:15]
    top = t.rng.uniform(14.5 / 15, 0.999, size=15)
    probs[near] = (1 - top)[:, None] / 3
    probs[near, t.rng.integers(0, 4, size=15)] = top
    labels = _labels_from(t, probs)
    labels[near] = np.argmax(probs[near], axis=1)
    wrong = certain[:10]  # some certain predictions are wrong
    labels[wrong] = (np.argmax(probs[wrong], axis=1) + 1) % 4
    t.expect_close(t.call(probs, labels), _ece_reference(probs, labels), rtol=1e-9,
                   atol=1e-12, what="the ECE with 15 bins, confidences of 1.0 included")


@calibration_error.check("puts a confidence on a bin edge in the bin that the edge closes")
def _(t: Trial) -> None:
    for bins in (4, 8, 16):
        probs = np.vstack([_on_edges(t, bins, 40), _probability_rows(t, 60, 3)])
        order = t.rng.permutation(len(probs))
        probs = probs[order]
        labels = _labels_from(t, probs)
        t.expect_close(t.call(probs, labels, bins), _ece_reference(probs, labels, bins),
                       rtol=1e-9, atol=1e-12,
                       what=f"the ECE with {bins} bins (lo, hi], confidences m/{bins} "
                            "belonging to the bin below the edge")


@calibration_error.check("is 0 for a classifier right with confidence 1, small when calibrated")
def _(t: Trial) -> None:
    labels = t.rng.integers(0, 5, size=50)
    got = t.call(np.eye(5)[labels], labels)
    t.expect_close(got, 0.0, atol=1e-12, what="0: every prediction right, with confidence 1")
    probs = _probability_rows(t, 20000, 4, concentration=1.0)
    got = t.call(probs, _labels_from(t, probs))
    value = _expect_float(t, got)
    # The sampling noise of a calibrated classifier's ECE here is about 0.01.
    t.expect(0 <= value <= 0.03,
             f"expected: an ECE between 0 and 0.03 for labels drawn from the probabilities\n"
             f"got:      {value:.4g}")


@calibration_error.check("does not depend on the order of the examples or of the classes")
def _(t: Trial) -> None:
    probs = _probability_rows(t, 100, 5)
    labels = _labels_from(t, probs)
    first = t.call(probs, labels)
    t.expect_type(first)
    order, classes = t.rng.permutation(100), t.rng.permutation(5)
    relabel = np.argsort(classes)  # old class j is column relabel[j] of probs[:, classes]
    t.expect_close(t.call(probs[order][:, classes], relabel[labels[order]]), first,
                   rtol=1e-9, atol=1e-12,
                   what="the same ECE with the examples and the classes reordered")


def _bins(probs: np.ndarray, labels: np.ndarray, n_bins: int
          ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Confidence, correctness and the Guo bin index (lo, hi] of each example."""
    probs = np.asarray(probs, dtype=float)
    predicted = np.argmax(probs, axis=1)
    confidence = probs[np.arange(len(probs)), predicted]
    correct = (predicted == np.asarray(labels)).astype(float)
    edges = np.arange(n_bins + 1) / n_bins
    index = np.clip(np.searchsorted(edges, confidence, side="left") - 1, 0, n_bins - 1)
    return confidence, correct, index


@calibration_error.mistake(
    "bins closed on the left, [lo, hi)",
    "Guo et al.'s bins are open on the left and closed on the right: a confidence exactly on "
    "an edge belongs to the bin that the edge ends.")
def _(probs, labels, n_bins=15):
    confidence, correct, _ = _bins(probs, labels, n_bins)
    index = np.minimum(np.floor(confidence * n_bins).astype(int), n_bins - 1)
    gaps = np.bincount(index, correct - confidence, minlength=n_bins)
    return float(np.sum(np.abs(gaps)) / len(confidence))


@calibration_error.mistake(
    "confidences of 1.0 left out",
    "A prediction made with confidence exactly 1 is the most over-confident of all; it "
    "belongs to the last bin, (1 - 1/M, 1], and must be counted there.")
def _(probs, labels, n_bins=15):
    confidence, correct, index = _bins(probs, labels, n_bins)
    keep = confidence < 1
    gaps = np.bincount(index[keep], (correct - confidence)[keep], minlength=n_bins)
    return float(np.sum(np.abs(gaps)) / len(confidence))


@calibration_error.mistake(
    "every bin weighted 1/M",
    "The gap of a bin counts in proportion to the number of examples in it: a bin with one "
    "example says little about the classifier.")
def _(probs, labels, n_bins=15):
    confidence, correct, index = _bins(probs, labels, n_bins)
    counts = np.bincount(index, minlength=n_bins)
    gaps = np.bincount(index, correct - confidence, minlength=n_bins)
    with np.errstate(invalid="ignore", divide="ignore"):
        per_bin = np.where(counts > 0, np.abs(gaps) / counts, 0.0)
    return float(np.sum(per_bin) / n_bins)


@calibration_error.mistake(
    "the mean over the non-empty bins",
    "The gap of a bin counts in proportion to the number of examples in it: a bin with one "
    "example says little about the classifier.")
def _(probs, labels, n_bins=15):
    confidence, correct, index = _bins(probs, labels, n_bins)
    counts = np.bincount(index, minlength=n_bins)
    gaps = np.bincount(index, correct - confidence, minlength=n_bins)
    full = counts > 0
    return float(np.mean(np.abs(gaps[full]) / counts[full]))


@calibration_error.mistake(
    "the absolute value taken after summing the bins",
    "An over-confident bin and an under-confident one must not cancel: each bin's gap is "
    "made absolute before the bins are added up.")
def _(probs, labels, n_bins=15):
    confidence, correct, index = _bins(probs, labels, n_bins)
    gaps = np.bincount(index, correct - confidence, minlength=n_bins)
    return float(abs(np.sum(gaps)) / len(confidence))


@calibration_error.mistake(
    "the gaps taken example by example",
    "Calibration is a property of groups of predictions: within a bin, accuracy and mean "
    "confidence are compared first, and only then is the difference made absolute.")
def _(probs, labels, n_bins=15):
    confidence, correct, _ = _bins(probs, labels, n_bins)
    return float(np.mean(np.abs(correct - confidence)))


@calibration_error.mistake(
    "the probability of the true class used as the confidence",
    "The confidence of a prediction is the largest probability of its row, whatever the "
    "label; the label only decides whether the prediction was right.")
def _(probs, labels, n_bins=15):
    probs = np.asarray(probs, dtype=float)
    labels = np.asarray(labels)
    true_p = probs[np.arange(len(probs)), labels]
    correct = (np.argmax(probs, axis=1) == labels).astype(float)
    edges = np.arange(n_bins + 1) / n_bins
    index = np.clip(np.searchsorted(edges, true_p, side="left") - 1, 0, n_bins - 1)
    gaps = np.bincount(index, correct - true_p, minlength=n_bins)
    return float(np.sum(np.abs(gaps)) / len(probs))


# --------------------------------------------------------------------------------------------
weight_decay = exercise(
    "capstone-weight-decay", chapter=CHAPTER, function="weight_decay_for_prior",
    title="The weight decay of a Gaussian prior", forbidden=(NOT_THE_COURSE,))


def _map_problem(t: Trial) -> tuple[np.ndarray, np.ndarray, float, np.ndarray]:
    """A logistic regression, a prior variance, and the MAP estimate under N(0, v) priors on
    every coefficient, the intercept included (as weight decay treats a bias)."""
    n = int(t.rng.integers(40, 120))
    X = add_intercept(t.rng.normal(size=(n, 3)))
    y = (t.rng.random(n) < special.expit(X @ [0.5, 2.0, -3.0, 1.0])).astype(float)
    variance = float(10.0 ** t.rng.uniform(-1, 1))
    beta = logistic_regression(X, y, prior_variance=variance).params
    return X, y, variance, beta


def _nll_gradient(X: np.ndarray, y: np.ndarray, beta: np.ndarray) -> np.ndarray:
    """Gradient of the summed negative log-likelihood of logistic regression."""
    return X.T @ (special.expit(X @ beta) - y)


def _stationary(t: Trial, reduction: str) -> None:
    X, y, variance, beta = _map_problem(t)
    n = len(y)
    got = t.call(variance, n, reduction) if reduction == "sum" else t.call(variance, n)
    t.expect_type(got)
    decay = float(np.asarray(_to_numpy(got), dtype=float))
    loss_gradient = _nll_gradient(X, y, beta) / (n if reduction == "mean" else 1)
    step = loss_gradient + decay * beta  # what SGD(weight_decay=decay) follows
    scale = np.max(np.abs(loss_gradient)) + 1e-300
    t.expect(np.max(np.abs(step)) <= 1e-6 * scale,
             f"expected: a decay wd with gradient + wd * beta = 0 at the MAP estimate (prior "
             f"variance {variance:.4g}, n = {n}, a {reduction} loss)\n"
             f"got:      wd = {decay:.6g}, leaving a gradient of size "
             f"{np.max(np.abs(step)):.3g} (the loss gradient is {scale:.3g})")


@weight_decay.check("agrees with the decay of the prior for a mean and for a summed loss")
def _(t: Trial) -> None:
    for _ in range(3):
        variance, n = float(10.0 ** t.rng.uniform(-3, 3)), int(t.rng.integers(1, 10**5))
        t.expect_close(t.call(variance, n), 1 / (n * variance), rtol=1e-12,
                       what=f"the decay of a N(0, {variance:.4g}) prior on a mean over "
                            f"n = {n}")
        t.expect_close(t.call(variance, n, "sum"), 1 / variance, rtol=1e-12,
                       what=f"the decay of a N(0, {variance:.4g}) prior on a summed loss")


@weight_decay.check("leaves the MAP estimate of a mean loss fixed under gradient descent")
def _(t: Trial) -> None:
    _stationary(t, "mean")


@weight_decay.check("leaves the MAP estimate of a summed loss fixed under gradient descent")
def _(t: Trial) -> None:
    _stationary(t, "sum")


@weight_decay.check("halves when n doubles for a mean loss, and ignores n for a sum")
def _(t: Trial) -> None:
    variance, n = float(10.0 ** t.rng.uniform(-3, 3)), int(t.rng.integers(10, 10**6))
    mean_n, sum_n = t.call(variance, n), t.call(variance, n, "sum")
    t.expect_type(mean_n)
    t.expect_type(sum_n)
    t.expect_close(t.call(variance, 2 * n), float(np.asarray(mean_n)) / 2, rtol=1e-12,
                   what="half the decay for twice the data (a mean loss)")
    t.expect_close(t.call(variance, 2 * n, "sum"), float(np.asarray(sum_n)), rtol=1e-12,
                   what="the same decay for twice the data (a summed loss)")


@weight_decay.check("returns a float, and a larger decay for a tighter prior")
def _(t: Trial) -> None:
    n = int(t.rng.integers(10, 1000))
    variance = float(10.0 ** t.rng.uniform(-2, 2))
    got = _expect_float(t, t.call(variance, n))
    t.expect_close(t.call(variance / 10, n), got * 10, rtol=1e-12,
                   what="ten times the decay for a prior variance ten times smaller")
    summed = _expect_float(t, t.call(variance, n, "sum"))
    t.expect_close(t.call(variance / 10, n, "sum"), summed * 10, rtol=1e-12,
                   what="ten times the decay for a prior variance ten times smaller "
                        "(a summed loss)")


@weight_decay.mistake(
    "n left out of a mean loss",
    "A mean loss is the summed negative log-likelihood divided by n; the penalty it is paired "
    "with must be divided by n as well.")
def _(prior_variance, n, reduction="mean"):
    return 1 / prior_variance


@weight_decay.mistake(
    "the factor 1/2 of the penalty doubled",
    "torch adds wd * theta to the gradient: that is the derivative of (wd / 2) |theta|^2, "
    "and the Gaussian log prior has the same 1/2 in front of |theta|^2 / variance.")
def _(prior_variance, n, reduction="mean"):
    return 1 / (2 * prior_variance * (n if reduction == "mean" else 1))


@weight_decay.mistake(
    "the factor 1/2 of the Gaussian log density dropped",
    "The log density of N(0, sigma^2) carries a factor 1/2 in front of its square; keep it "
    "when you differentiate the log prior.")
def _(prior_variance, n, reduction="mean"):
    return 2 / (prior_variance * (n if reduction == "mean" else 1))


@weight_decay.mistake(
    "the mean and the sum swapped",
    "A summed loss has the scale of the negative log posterior itself; a mean loss is n "
    "times smaller, and so must its penalty be.")
def _(prior_variance, n, reduction="mean"):
    return 1 / (prior_variance * (n if reduction == "sum" else 1))


@weight_decay.mistake(
    "the prior variance instead of its inverse",
    "A tighter prior (a smaller variance) pulls harder towards 0: the decay grows as the "
    "variance shrinks.")
def _(prior_variance, n, reduction="mean"):
    return prior_variance / (n if reduction == "mean" else 1)


# --------------------------------------------------------------------------------------------
paired = exercise(
    "capstone-paired-difference", chapter=CHAPTER, function="paired_difference",
    title="Comparing two models on the same examples", forbidden=ONLY_NUMPY)


def _paired_pair(t: Trial, n: int) -> tuple[np.ndarray, np.ndarray]:
    """Two models' log-likelihoods of the same n examples: shared difficulty, small
    differences."""
    difficulty = -t.rng.exponential(1.0, size=n)
    a = difficulty + t.rng.normal(0.05, 0.2, size=n)
    b = difficulty + t.rng.normal(0.0, 0.2, size=n)
    return a, b


def _kinds(got: object) -> str:
    """The type of an answer, and of its items when it is a tuple or a list."""
    def kind(value: object) -> str:
        return f"{type(value).__module__}.{type(value).__name__}".replace("builtins.", "")
    if isinstance(got, (tuple, list)) and len(got) <= 4:
        return f"{kind(got)} of " + ", ".join(kind(v) for v in got)
    return kind(got)


def _expect_pair(t: Trial, got: object) -> tuple[float, float]:
    ok = (isinstance(got, tuple) and len(got) == 2
          and all(isinstance(v, float) for v in got))
    t.expect(ok, "expected: a tuple (mean, se) of two floats\n"
                 f"got:      {describe(got)} ({_kinds(got)})")
    return float(got[0]), float(got[1])  # type: ignore[index]


def _paired_expected(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    result = _paired_reference(a, b)
    return np.array([result.mean, result.se])


@paired.check("agrees with the mean difference and its paired standard error")
def _(t: Trial) -> None:
    for n in (360, 25, 2):
        a, b = _paired_pair(t, n)
        got = t.call(a, b)
        _expect_pair(t, got)
        t.expect_close(np.array(got, dtype=float), _paired_expected(a, b), rtol=1e-9,
                       what=f"(mean of a - b, s_d / sqrt(n)) for n = {n}")


@paired.check("changes the sign of the mean only when the models are swapped")
def _(t: Trial) -> None:
    a, b = _paired_pair(t, 100)
    mean, se = _expect_pair(t, t.call(a, b))
    swapped = t.call(b, a)
    _expect_pair(t, swapped)
    t.expect_close(np.array(swapped, dtype=float), np.array([-mean, se]), rtol=1e-12,
                   what="(-mean, se): the other model's view of the same comparison")


@paired.check("ignores what the models share: an offset added to both changes nothing")
def _(t: Trial) -> None:
    a, b = _paired_pair(t, 200)
    first = t.call(a, b)
    _expect_pair(t, first)
    shared = -10.0 ** t.rng.uniform(3, 5, size=200)  # hard examples are hard for both
    again = t.call(a + shared, b + shared)
    _expect_pair(t, again)
    # The differences themselves move by rounding only (1e-11 of them): the statement's
    # relative 1e-9 holds, which a spread built from the two models' own (co)variances,
    # 1e10 times larger, does not keep.
    t.expect_close(np.array(again, dtype=float), np.array(first, dtype=float), rtol=1e-9,
                   what="the same (mean, se) after adding the same -1000 to -100000 to "
                        "each example's two log-likelihoods")


@paired.check("shrinks its standard error like 1/sqrt(n) when the examples are repeated")
def _(t: Trial) -> None:
    a, b = _paired_pair(t, 50)
    mean, se = _expect_pair(t, t.call(a, b))
    got = t.call(np.tile(a, 4), np.tile(b, 4))
    _expect_pair(t, got)
    # Four copies: the sum of squares grows 4 times and n - 1 becomes 4n - 1.
    t.expect_close(np.array(got, dtype=float),
                   np.array([mean, se * math.sqrt((50 - 1) / (4 * 50 - 1))]), rtol=1e-9,
                   what="the same mean and about half the standard error for the data "
                        "repeated 4 times")


@paired.check("is exact when the mean difference is 1e7 times its spread")
def _(t: Trial) -> None:
    # E[d^2] - E[d]^2 loses most digits of the spread here; deviations from the mean keep them.
    a, b = _paired_pair(t, 100)
    b = a - 1e4 - t.rng.normal(0.0, 1e-3, size=100)
    got = t.call(a, b)
    _expect_pair(t, got)
    t.expect_close(np.array(got, dtype=float), _paired_expected(a, b), rtol=1e-6,
                   what="(mean, se), the standard error to a relative 1e-6")


@paired.mistake(
    "the standard deviation with n instead of n - 1",
    "The spread of the differences is estimated around their own mean, which uses up one "
    "degree of freedom.")
def _(loglik_a, loglik_b):
    d = np.asarray(loglik_a, float) - np.asarray(loglik_b, float)
    return float(d.mean()), float(d.std() / math.sqrt(d.size))


@paired.mistake(
    "the standard deviation instead of the standard error",
    "The uncertainty of a mean of n differences is their spread divided by the square root "
    "of n, and shrinks as the test set grows.")
def _(loglik_a, loglik_b):
    d = np.asarray(loglik_a, float) - np.asarray(loglik_b, float)
    return float(d.mean()), float(d.std(ddof=1))


@paired.mistake(
    "divided by n instead of sqrt(n)",
    "A variance of a mean is divided by n; its standard deviation, the standard error, by "
    "the square root of n.")
def _(loglik_a, loglik_b):
    d = np.asarray(loglik_a, float) - np.asarray(loglik_b, float)
    return float(d.mean()), float(d.std(ddof=1) / d.size)


@paired.mistake(
    "the unpaired standard error",
    "The two models scored the same examples: the spread to use is that of the differences, "
    "from which the difficulty the models share has cancelled.")
def _(loglik_a, loglik_b):
    a, b = np.asarray(loglik_a, float), np.asarray(loglik_b, float)
    d = a - b
    return float(d.mean()), float(math.sqrt((a.var(ddof=1) + b.var(ddof=1)) / d.size))


@paired.mistake(
    "b - a instead of a - b",
    "The mean is positive when the first model gives the examples the higher "
    "log-likelihood.")
def _(loglik_a, loglik_b):
    d = np.asarray(loglik_b, float) - np.asarray(loglik_a, float)
    return float(d.mean()), float(d.std(ddof=1) / math.sqrt(d.size))


# --------------------------------------------------------------------------------------------
lr_test = exercise(
    "calibration-lr-test", chapter=CHAPTER, function="temperature_lr_test",
    title="Does temperature scaling help? The likelihood-ratio test",
    forbidden=(Forbidden("torch", "the exercise asks for numpy and scipy"),
               Forbidden("sklearn", "the exercise asks for numpy and scipy"),
               NOT_THE_COURSE))


def _lr_reference(logits: np.ndarray, labels: np.ndarray) -> np.ndarray:
    from ..calibration import temperature_lr_test as reference

    result = reference(logits, labels)
    return np.array([result.statistic, result.pvalue])


def _expect_test(t: Trial, got: object) -> tuple[float, float]:
    ok = (isinstance(got, tuple) and len(got) == 2
          and all(isinstance(v, float) for v in got))
    t.expect(ok, "expected: a tuple (statistic, pvalue) of two floats\n"
                 f"got:      {describe(got)} ({_kinds(got)})")
    return float(got[0]), float(got[1])  # type: ignore[index]


# The statement's absolute 1e-6 on the statistic; the relative 1e-9 only absorbs the rounding
# of statistics in the tens of thousands (logits near +-1000 at T = 1).
LR_RTOL, LR_ATOL = 1e-9, 1e-6


@lr_test.check("agrees with twice the gain in log-likelihood, referred to chi-square(1)")
def _(t: Trial) -> None:
    calibrated = t.rng.normal(0.0, 2.0, size=(500, 3))  # labels drawn at T = 1
    data = [_mis_scaled(t, 300, 4)[:2], _mis_scaled(t, 120, 10)[:2],
            (calibrated, _labels_from(t, np.exp(special.log_softmax(calibrated, axis=1))))]
    for z, y in data:
        n, k = z.shape
        got = t.call(z, y)
        _expect_test(t, got)
        t.expect_close(np.array(got, dtype=float), _lr_reference(z, y), rtol=LR_RTOL,
                       atol=LR_ATOL, what=f"(statistic, p-value) for {n} examples and {k} "
                                          "classes, to 1e-6")


@lr_test.check("gives the upper tail of chi-square(1) to a relative 1e-6, however small")
def _(t: Trial) -> None:
    from scipy import stats

    # Logits 2.5 to 4 times their calibrated size: statistics of about 60 to 300, and
    # p-values between 1e-14 and 1e-65, far below the rounding error of 1.
    w, y = _unit_temperature(t, 200, 5, at=float(t.rng.uniform(0.3, 0.6)), spread=3.0)
    got = t.call(w * float(t.rng.uniform(2.5, 4.0)), y)
    statistic, pvalue = _expect_test(t, got)
    t.expect(statistic >= 0 and 0 <= pvalue <= 1,
             f"expected: a statistic >= 0 and a p-value in [0, 1]\n"
             f"got:      ({statistic:.6g}, {pvalue:.6g})")
    t.expect_close(np.array(got, dtype=float),
                   np.array([statistic, stats.chi2.sf(statistic, 1)]), rtol=1e-6,
                   what="your statistic and P(chi2_1 > statistic), to a relative 1e-6")


@lr_test.check("is exact for temperatures near 1e-3 and 1e3 and for logits of +-1000")
def _(t: Trial) -> None:
    w, y = _unit_temperature(t, 300, 4)
    for target in (float(10.0 ** t.rng.uniform(2.9, 3.0)),
                   float(10.0 ** t.rng.uniform(-3.0, -2.9))):
        z = w * target
        got = t.call(z, y)
        _expect_test(t, got)
        t.expect_close(np.array(got, dtype=float), _lr_reference(z, y), rtol=LR_RTOL,
                       atol=LR_ATOL, what=f"(statistic, p-value), to 1e-6, for a fitted "
                                          f"temperature of {target:.4g}")
    z, y = _confidently_wrong(t)
    got = t.call(z, y)
    _expect_test(t, got)
    t.expect_close(np.array(got, dtype=float), _lr_reference(z, y), rtol=LR_RTOL,
                   atol=LR_ATOL, what="(statistic, p-value), to 1e-6, one example's label "
                                      "having a log-probability near -1500 at T = 1")


@lr_test.check("is larger for logits scaled further from their calibrated size")
def _(t: Trial) -> None:
    z = t.rng.normal(0.0, 2.0, size=(400, 4))
    y = _labels_from(t, np.exp(special.log_softmax(z, axis=1)))  # calibrated at T = 1
    values = []
    for c in (1.0, 2.0, 4.0):
        statistic, _ = _expect_test(t, t.call(z * c, y))
        values.append(statistic)
    t.expect(values[0] < values[1] < values[2],
             "expected: statistics that grow as the logits are scaled by 1, 2 and 4\n"
             f"got:      {', '.join(f'{v:.6g}' for v in values)}")


@lr_test.check("does not change when rows are shifted or the examples reordered")
def _(t: Trial) -> None:
    z, y, _ = _mis_scaled(t, 200, 3)
    first = t.call(z, y)
    _expect_test(t, first)
    order = t.rng.permutation(200)
    shifts = t.rng.uniform(-1000, 1000, size=(200, 1))
    t.expect_close(np.array(t.call(z[order] + shifts, y[order]), dtype=float),
                   np.array(first, dtype=float), rtol=LR_RTOL, atol=2 * LR_ATOL,
                   what="the same (statistic, p-value) for shifted rows in another order")


@lr_test.mistake(
    "the statistic without its factor 2",
    "Wilks' theorem is about twice the gain in log-likelihood: the statistic compares the "
    "two maximised log-likelihoods on the scale where the chi-square limit holds.")
def _(logits, labels):
    from scipy import stats

    statistic = _lr_reference(np.asarray(logits, float), np.asarray(labels))[0] / 2
    return statistic, float(stats.chi2.sf(statistic, 1))


@lr_test.mistake(
    "the lower tail of the chi-square distribution",
    "A p-value is the probability of a statistic at least as large as the one observed: the "
    "survival function, not the distribution function.")
def _(logits, labels):
    statistic, pvalue = _lr_reference(np.asarray(logits, float), np.asarray(labels))
    return statistic, 1 - pvalue


@lr_test.mistake(
    "one minus the distribution function",
    "A p-value far below 1e-16 does not survive being subtracted from 1: the upper tail of a "
    "large statistic has to be computed directly, not as the complement of the lower one.")
def _(logits, labels):
    from scipy import stats

    statistic = _lr_reference(np.asarray(logits, float), np.asarray(labels))[0]
    return statistic, float(1 - stats.chi2.cdf(statistic, 1))


@lr_test.mistake(
    "two degrees of freedom",
    "The test fixes one parameter, the temperature: its limit is chi-square with one degree "
    "of freedom.")
def _(logits, labels):
    from scipy import stats

    statistic = _lr_reference(np.asarray(logits, float), np.asarray(labels))[0]
    return statistic, float(stats.chi2.sf(statistic, 2))


@lr_test.mistake(
    "the mean negative log-likelihood instead of the sum",
    "The log-likelihood of the data is a sum over the examples; averaging divides the "
    "statistic by n and hides the evidence that n examples carry.")
def _(logits, labels):
    from scipy import stats

    statistic = _lr_reference(np.asarray(logits, float), np.asarray(labels))[0] / len(labels)
    return statistic, float(stats.chi2.sf(statistic, 1))
