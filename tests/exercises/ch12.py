"""Wrong answers for the exercises of Chapter 12, *Capstone: a neural network fitted by
likelihood*, and right answers written differently from the reference solutions (each must
pass)."""

from .wrong_answers import WrongAnswer

WRONG_ANSWERS = {
    "calibration-temperature": [
        WrongAnswer(
            "returns the inverse temperature (multiplies the logits by T)",
            '''
import numpy as np
from scipy.optimize import minimize_scalar
from scipy.special import log_softmax


def fit_temperature(logits, labels):
    z = np.asarray(logits, dtype=float)
    rows = np.arange(len(z))

    def nll(log_t):
        return -np.sum(log_softmax(z * np.exp(log_t), axis=1)[rows, labels])

    return float(np.exp(minimize_scalar(nll, options={"xtol": 1e-10}).x))
''',
            mistake="the inverse temperature 1/T",
        ),
        WrongAnswer(
            "returns log T",
            '''
import numpy as np
from scipy.optimize import minimize_scalar
from scipy.special import log_softmax


def fit_temperature(logits, labels):
    z = np.asarray(logits, dtype=float)
    rows = np.arange(len(z))

    def nll(log_t):
        return -np.sum(log_softmax(z / np.exp(log_t), axis=1)[rows, labels])

    return float(minimize_scalar(nll, options={"xtol": 1e-10}).x)
''',
            mistake="log T returned instead of T",
        ),
        WrongAnswer(
            "divides the softmax probabilities by T",
            '''
import numpy as np
from scipy.optimize import minimize_scalar
from scipy.special import log_softmax, softmax


def fit_temperature(logits, labels):
    p = softmax(np.asarray(logits, dtype=float), axis=1)
    rows = np.arange(len(p))

    def nll(log_t):
        return -np.sum(log_softmax(p / np.exp(log_t), axis=1)[rows, labels])

    return float(np.exp(minimize_scalar(nll, options={"xtol": 1e-10}).x))
''',
            mistake="the probabilities divided by T instead of the logits",
        ),
        WrongAnswer(
            "searches T itself on the interval [0.05, 20]",
            '''
import numpy as np
from scipy.optimize import minimize_scalar
from scipy.special import log_softmax


def fit_temperature(logits, labels):
    z = np.asarray(logits, dtype=float)
    rows = np.arange(len(z))

    def nll(t):
        return -np.sum(log_softmax(z / t, axis=1)[rows, labels])

    best = minimize_scalar(nll, bounds=(0.05, 20.0), method="bounded",
                           options={"xatol": 1e-12})
    return float(best.x)
''',
            kind="edge",
        ),
        WrongAnswer(
            "forms the softmax without subtracting the largest logit",
            '''
import numpy as np
from scipy.optimize import minimize_scalar


def fit_temperature(logits, labels):
    z = np.asarray(logits, dtype=float)
    rows = np.arange(len(z))

    def nll(log_t):
        e = np.exp(z / np.exp(log_t))
        return -np.sum(np.log(e[rows, labels] / e.sum(axis=1)))

    with np.errstate(all="ignore"):
        return float(np.exp(minimize_scalar(nll, options={"xtol": 1e-10}).x))
''',
            kind="edge",
        ),
        WrongAnswer(
            "picks the best temperature on a grid of step 0.01",
            '''
import numpy as np
from scipy.special import log_softmax


def fit_temperature(logits, labels):
    z = np.asarray(logits, dtype=float)
    rows = np.arange(len(z))
    grid = np.arange(0.01, 20.0, 0.01)
    nll = [-np.sum(log_softmax(z / t, axis=1)[rows, labels]) for t in grid]
    return float(grid[int(np.argmin(nll))])
''',
        ),
        WrongAnswer(
            "takes 50 gradient steps on T with a fixed learning rate",
            '''
import numpy as np
from scipy.special import softmax


def fit_temperature(logits, labels):
    z = np.asarray(logits, dtype=float)
    rows = np.arange(len(z))
    t = 1.5
    for _ in range(50):
        p = softmax(z / t, axis=1)
        grad = np.mean(z[rows, labels] - np.sum(p * z, axis=1)) / t**2
        t -= 0.01 * grad
    return float(t)
''',
        ),
        WrongAnswer(
            "returns the temperature as an array of shape (1,)",
            '''
import numpy as np
from scipy.optimize import minimize
from scipy.special import log_softmax


def fit_temperature(logits, labels):
    z = np.asarray(logits, dtype=float)
    rows = np.arange(len(z))

    def nll(log_t):
        return -np.sum(log_softmax(z / np.exp(log_t[0]), axis=1)[rows, labels])

    return np.exp(minimize(nll, x0=[0.0], tol=1e-12).x)
''',
            kind="type",
        ),
        WrongAnswer(
            "calls the course's fit_temperature",
            '''
import numpy as np
import mlcourse


def fit_temperature(logits, labels):
    return float(np.exp(mlcourse.fit_temperature(logits, labels)["log_T"]))
''',
            kind="rule",
        ),
        WrongAnswer(
            "uses scikit-learn's temperature scaling",
            '''
import numpy as np
from sklearn.calibration import _TemperatureScaling


def fit_temperature(logits, labels):
    scaler = _TemperatureScaling().fit(np.asarray(logits, dtype=float), labels)
    return float(1 / scaler.beta_)
''',
            kind="rule",
        ),
        WrongAnswer(
            'searches log T on the bounded interval (-5, 5)',
            '''
import numpy as np
from scipy.optimize import minimize_scalar
from scipy.special import log_softmax


def fit_temperature(logits, labels):
    z = np.asarray(logits, dtype=float)
    rows = np.arange(len(z))

    def nll(log_t):
        return -np.sum(log_softmax(z / np.exp(log_t), axis=1)[rows, labels])

    best = minimize_scalar(nll, bounds=(-5.0, 5.0), method="bounded",
                           options={"xatol": 1e-12})
    return float(np.exp(best.x))
''',
            kind='edge',
        ),
        WrongAnswer(
            'takes the log of the softmax probabilities',
            '''
import numpy as np
from scipy.optimize import minimize_scalar
from scipy.special import softmax


def fit_temperature(logits, labels):
    z = np.asarray(logits, dtype=float)
    rows = np.arange(len(z))

    def nll(log_t):
        p = softmax(z / np.exp(log_t), axis=1)
        return -np.sum(np.log(p[rows, labels]))

    with np.errstate(divide="ignore"):
        return float(np.exp(minimize_scalar(nll, options={"xtol": 1e-10}).x))
''',
            kind='edge',
        ),
        WrongAnswer(
            'adds 1e-12 to the probabilities before the log',
            '''
import numpy as np
from scipy.optimize import minimize_scalar
from scipy.special import softmax


def fit_temperature(logits, labels):
    z = np.asarray(logits, dtype=float)
    rows = np.arange(len(z))

    def nll(log_t):
        p = softmax(z / np.exp(log_t), axis=1)
        return -np.sum(np.log(p[rows, labels] + 1e-12))

    return float(np.exp(minimize_scalar(nll, options={"xtol": 1e-10}).x))
''',
            kind='edge',
        ),
        WrongAnswer(
            'takes 200 gradient steps on log T with a fixed learning rate',
            '''
import numpy as np
from scipy.special import softmax


def fit_temperature(logits, labels):
    z = np.asarray(logits, dtype=float)
    rows = np.arange(len(z))
    log_t = 0.0
    for _ in range(200):
        t = np.exp(log_t)
        p = softmax(z / t, axis=1)
        log_t -= 0.5 * np.mean(z[rows, labels] - np.sum(p * z, axis=1)) / t
    return float(np.exp(log_t))
''',
        ),
        WrongAnswer(
            'returns the temperature as a numpy float32',
            '''
import numpy as np
from scipy.optimize import minimize_scalar
from scipy.special import log_softmax


def fit_temperature(logits, labels):
    z = np.asarray(logits, dtype=float)
    rows = np.arange(len(z))

    def nll(log_t):
        return -np.sum(log_softmax(z / np.exp(log_t), axis=1)[rows, labels])

    return np.float32(np.exp(minimize_scalar(nll, options={"xtol": 1e-10}).x))
''',
            kind='type',
        ),
        WrongAnswer(
            'returns the temperature as a 0-d array',
            '''
import numpy as np
from scipy.optimize import minimize_scalar
from scipy.special import log_softmax


def fit_temperature(logits, labels):
    z = np.asarray(logits, dtype=float)
    rows = np.arange(len(z))

    def nll(log_t):
        return -np.sum(log_softmax(z / np.exp(log_t), axis=1)[rows, labels])

    return np.array(np.exp(minimize_scalar(nll, options={"xtol": 1e-10}).x))
''',
            kind='type',
        ),
    ],
    "calibration-ece": [
        WrongAnswer(
            "uses bins closed on the left, [lo, hi)",
            '''
import numpy as np


def expected_calibration_error(probs, labels, n_bins=15):
    probs = np.asarray(probs, dtype=float)
    conf = probs.max(axis=1)
    correct = (probs.argmax(axis=1) == labels).astype(float)
    which = np.minimum((conf * n_bins).astype(int), n_bins - 1)
    total = 0.0
    for m in range(n_bins):
        in_bin = which == m
        if in_bin.any():
            total += in_bin.sum() * abs(correct[in_bin].mean() - conf[in_bin].mean())
    return float(total / len(probs))
''',
            mistake="bins closed on the left, [lo, hi)",
            kind="edge",
        ),
        WrongAnswer(
            "loops over (lo, hi] bins that leave out a confidence of 1",
            '''
import numpy as np


def expected_calibration_error(probs, labels, n_bins=15):
    probs = np.asarray(probs, dtype=float)
    conf = probs.max(axis=1)
    correct = (probs.argmax(axis=1) == labels).astype(float)
    edges = np.linspace(0.0, 1.0, n_bins + 1)
    total = 0.0
    for lo, hi in zip(edges[:-1], edges[1:]):
        in_bin = (conf > lo) & (conf <= hi) & (conf < 1.0)
        if in_bin.any():
            total += in_bin.sum() * abs(correct[in_bin].mean() - conf[in_bin].mean())
    return float(total / len(probs))
''',
            mistake="confidences of 1.0 left out",
            kind="edge",
        ),
        WrongAnswer(
            "weights every bin by 1/M",
            '''
import numpy as np


def expected_calibration_error(probs, labels, n_bins=15):
    probs = np.asarray(probs, dtype=float)
    conf = probs.max(axis=1)
    correct = (probs.argmax(axis=1) == labels).astype(float)
    edges = np.arange(n_bins + 1) / n_bins
    which = np.clip(np.searchsorted(edges, conf) - 1, 0, n_bins - 1)
    total = 0.0
    for m in range(n_bins):
        in_bin = which == m
        if in_bin.any():
            total += abs(correct[in_bin].mean() - conf[in_bin].mean())
    return float(total / n_bins)
''',
            mistake="every bin weighted 1/M",
        ),
        WrongAnswer(
            "averages the gaps of the non-empty bins",
            '''
import numpy as np


def expected_calibration_error(probs, labels, n_bins=15):
    probs = np.asarray(probs, dtype=float)
    conf = probs.max(axis=1)
    correct = (probs.argmax(axis=1) == labels).astype(float)
    edges = np.arange(n_bins + 1) / n_bins
    which = np.clip(np.searchsorted(edges, conf) - 1, 0, n_bins - 1)
    gaps = [abs(correct[which == m].mean() - conf[which == m].mean())
            for m in range(n_bins) if np.any(which == m)]
    return float(np.mean(gaps))
''',
            mistake="the mean over the non-empty bins",
        ),
        WrongAnswer(
            "averages |correct - confidence| over the examples",
            '''
import numpy as np


def expected_calibration_error(probs, labels, n_bins=15):
    probs = np.asarray(probs, dtype=float)
    conf = probs.max(axis=1)
    correct = probs.argmax(axis=1) == labels
    return float(np.mean(np.abs(correct - conf)))
''',
            mistake="the gaps taken example by example",
        ),
        WrongAnswer(
            "uses the probability of the true class as the confidence",
            '''
import numpy as np


def expected_calibration_error(probs, labels, n_bins=15):
    probs = np.asarray(probs, dtype=float)
    conf = probs[np.arange(len(probs)), labels]
    correct = (probs.argmax(axis=1) == labels).astype(float)
    edges = np.arange(n_bins + 1) / n_bins
    which = np.clip(np.searchsorted(edges, conf) - 1, 0, n_bins - 1)
    gaps = np.bincount(which, correct - conf, minlength=n_bins)
    return float(np.abs(gaps).sum() / len(probs))
''',
            mistake="the probability of the true class used as the confidence",
        ),
        WrongAnswer(
            "ignores n_bins and always uses 15 bins",
            '''
import numpy as np


def expected_calibration_error(probs, labels, n_bins=15):
    probs = np.asarray(probs, dtype=float)
    conf = probs.max(axis=1)
    correct = (probs.argmax(axis=1) == labels).astype(float)
    edges = np.arange(16) / 15
    which = np.clip(np.searchsorted(edges, conf) - 1, 0, 14)
    gaps = np.bincount(which, correct - conf, minlength=15)
    return float(np.abs(gaps).sum() / len(probs))
''',
        ),
        WrongAnswer(
            "returns the table of per-bin gaps",
            '''
import numpy as np


def expected_calibration_error(probs, labels, n_bins=15):
    probs = np.asarray(probs, dtype=float)
    conf = probs.max(axis=1)
    correct = (probs.argmax(axis=1) == labels).astype(float)
    edges = np.arange(n_bins + 1) / n_bins
    which = np.clip(np.searchsorted(edges, conf) - 1, 0, n_bins - 1)
    return np.abs(np.bincount(which, correct - conf, minlength=n_bins)) / len(probs)
''',
            kind="type",
        ),
        WrongAnswer(
            "calls the course's expected_calibration_error",
            '''
import mlcourse


def expected_calibration_error(probs, labels, n_bins=15):
    return mlcourse.expected_calibration_error(probs, labels, n_bins)
''',
            kind="rule",
        ),
        WrongAnswer(
            "bins the confidences with scipy's binned_statistic",
            '''
import numpy as np
from scipy.stats import binned_statistic


def expected_calibration_error(probs, labels, n_bins=15):
    probs = np.asarray(probs, dtype=float)
    conf = probs.max(axis=1)
    correct = (probs.argmax(axis=1) == labels).astype(float)
    sums = binned_statistic(conf, correct - conf, "sum", bins=n_bins, range=(0, 1))
    return float(np.abs(sums.statistic).sum() / len(probs))
''',
            kind="rule",
        ),
        WrongAnswer(
            'bins with np.digitize, right=False',
            '''
import numpy as np


def expected_calibration_error(probs, labels, n_bins=15):
    probs = np.asarray(probs, dtype=float)
    conf = probs.max(axis=1)
    correct = (probs.argmax(axis=1) == labels).astype(float)
    edges = np.linspace(0.0, 1.0, n_bins + 1)
    which = np.clip(np.digitize(conf, edges) - 1, 0, n_bins - 1)
    gaps = np.bincount(which, weights=correct - conf, minlength=n_bins)
    return float(np.abs(gaps).sum() / len(conf))
''',
            mistake='bins closed on the left, [lo, hi)',
            kind='edge',
        ),
        WrongAnswer(
            'bins with np.histogram ([lo, hi) except the last)',
            '''
import numpy as np


def expected_calibration_error(probs, labels, n_bins=15):
    probs = np.asarray(probs, dtype=float)
    conf = probs.max(axis=1)
    correct = (probs.argmax(axis=1) == labels).astype(float)
    sum_conf, edges = np.histogram(conf, bins=n_bins, range=(0, 1), weights=conf)
    sum_correct, _ = np.histogram(conf, bins=edges, weights=correct)
    return float(np.abs(sum_correct - sum_conf).sum() / len(conf))
''',
            mistake='bins closed on the left, [lo, hi)',
            kind='edge',
        ),
        WrongAnswer(
            'takes the absolute value of the summed signed gaps',
            '''
import numpy as np


def expected_calibration_error(probs, labels, n_bins=15):
    probs = np.asarray(probs, dtype=float)
    conf = probs.max(axis=1)
    correct = (probs.argmax(axis=1) == labels).astype(float)
    which = np.digitize(conf, np.arange(1, n_bins) / n_bins, right=True)
    ece = 0.0
    for m in range(n_bins):
        in_bin = which == m
        if in_bin.any():
            ece += in_bin.mean() * (correct[in_bin].mean() - conf[in_bin].mean())
    return float(abs(ece))
''',
            mistake='the absolute value taken after summing the bins',
        ),
        WrongAnswer(
            'the root mean squared gap instead of the mean absolute gap',
            '''
import numpy as np


def expected_calibration_error(probs, labels, n_bins=15):
    probs = np.asarray(probs, dtype=float)
    conf = probs.max(axis=1)
    correct = (probs.argmax(axis=1) == labels).astype(float)
    which = np.digitize(conf, np.arange(1, n_bins) / n_bins, right=True)
    total = 0.0
    for m in range(n_bins):
        in_bin = which == m
        if in_bin.any():
            total += in_bin.mean() * (correct[in_bin].mean() - conf[in_bin].mean()) ** 2
    return float(np.sqrt(total))
''',
        ),
        WrongAnswer(
            'puts confidences of exactly 1 in a bin of their own',
            '''
import numpy as np


def expected_calibration_error(probs, labels, n_bins=15):
    probs = np.asarray(probs, dtype=float)
    conf = probs.max(axis=1)
    correct = (probs.argmax(axis=1) == labels).astype(float)
    which = np.digitize(conf, np.arange(1, n_bins) / n_bins, right=True)
    which[conf == 1.0] = n_bins  # the certain predictions, apart
    gaps = np.bincount(which, weights=correct - conf, minlength=n_bins + 1)
    return float(np.abs(gaps).sum() / len(conf))
''',
            kind='edge',
        ),
        WrongAnswer(
            'accumulates the ECE in a 0-d array',
            '''
import numpy as np


def expected_calibration_error(probs, labels, n_bins=15):
    probs = np.asarray(probs, dtype=float)
    conf = probs.max(axis=1)
    correct = (probs.argmax(axis=1) == labels).astype(float)
    which = np.digitize(conf, np.arange(1, n_bins) / n_bins, right=True)
    ece = np.array(0.0)
    for m in range(n_bins):
        in_bin = which == m
        if in_bin.any():
            ece += in_bin.mean() * abs(correct[in_bin].mean() - conf[in_bin].mean())
    return ece
''',
            kind='type',
        ),
        WrongAnswer(
            'bins the confidences with pandas.cut',
            '''
import numpy as np
import pandas as pd


def expected_calibration_error(probs, labels, n_bins=15):
    probs = np.asarray(probs, dtype=float)
    table = pd.DataFrame({"conf": probs.max(axis=1),
                          "correct": (probs.argmax(axis=1) == labels).astype(float)})
    table["bin"] = pd.cut(table["conf"], np.linspace(0, 1, n_bins + 1))
    groups = table.groupby("bin", observed=True)
    gaps = (groups["correct"].mean() - groups["conf"].mean()).abs()
    return float((groups.size() / len(table) * gaps).sum())
''',
            kind='rule',
        ),
    ],
    "capstone-weight-decay": [
        WrongAnswer(
            "forgets n for a mean loss",
            '''
def weight_decay_for_prior(prior_variance, n, reduction="mean"):
    return 1.0 / prior_variance
''',
            mistake="n left out of a mean loss",
        ),
        WrongAnswer(
            "puts a 2 in the denominator (the penalty's 1/2 counted twice)",
            '''
def weight_decay_for_prior(prior_variance, n, reduction="mean"):
    scale = n if reduction == "mean" else 1
    return 1.0 / (2.0 * prior_variance * scale)
''',
            mistake="the factor 1/2 of the penalty doubled",
        ),
        WrongAnswer(
            "divides by n for the summed loss",
            '''
def weight_decay_for_prior(prior_variance, n, reduction="mean"):
    if reduction == "sum":
        return 1.0 / (n * prior_variance)
    return 1.0 / prior_variance
''',
            mistake="the mean and the sum swapped",
        ),
        WrongAnswer(
            "returns the variance over n",
            '''
def weight_decay_for_prior(prior_variance, n, reduction="mean"):
    return prior_variance / n if reduction == "mean" else float(prior_variance)
''',
            mistake="the prior variance instead of its inverse",
        ),
        WrongAnswer(
            "uses the prior standard deviation instead of the variance",
            '''
import math


def weight_decay_for_prior(prior_variance, n, reduction="mean"):
    scale = n if reduction == "mean" else 1
    return 1.0 / (math.sqrt(prior_variance) * scale)
''',
        ),
        WrongAnswer(
            "divides with // (floor division)",
            '''
def weight_decay_for_prior(prior_variance, n, reduction="mean"):
    scale = n if reduction == "mean" else 1
    return 1 // (prior_variance * scale)
''',
        ),
        WrongAnswer(
            "returns the decay as a string",
            '''
def weight_decay_for_prior(prior_variance, n, reduction="mean"):
    scale = n if reduction == "mean" else 1
    return f"{1 / (prior_variance * scale):.17g}"
''',
            kind="type",
        ),
        WrongAnswer(
            "returns a numpy array of shape (1,)",
            '''
import numpy as np


def weight_decay_for_prior(prior_variance, n, reduction="mean"):
    scale = n if reduction == "mean" else 1
    return np.array([1.0 / (prior_variance * scale)])
''',
            kind="type",
        ),
        WrongAnswer(
            "calls the course's weight_decay_for_prior",
            '''
import mlcourse


def weight_decay_for_prior(prior_variance, n, reduction="mean"):
    if reduction == "sum":
        return 1.0 / prior_variance
    return mlcourse.weight_decay_for_prior(prior_variance, n)
''',
            kind="rule",
        ),
        WrongAnswer(
            'drops the 1/2 of the Gaussian log density (decay 2 / variance)',
            '''
def weight_decay_for_prior(prior_variance, n, reduction="mean"):
    decay = 2.0 / prior_variance  # d/dtheta of theta^2 / variance
    return decay / n if reduction == "mean" else decay
''',
            mistake='the factor 1/2 of the Gaussian log density dropped',
        ),
        WrongAnswer(
            'returns a negative decay (the gradient of the log prior)',
            '''
def weight_decay_for_prior(prior_variance, n, reduction="mean"):
    scale = n if reduction == "mean" else 1
    return -1.0 / (prior_variance * scale)
''',
        ),
        WrongAnswer(
            'returns a 0-d numpy array for a summed loss',
            '''
import numpy as np


def weight_decay_for_prior(prior_variance, n, reduction="mean"):
    if reduction == "sum":
        return np.array(1.0 / prior_variance)
    return 1.0 / (n * prior_variance)
''',
            kind='type',
        ),
        WrongAnswer(
            'returns a numpy float32',
            '''
import numpy as np


def weight_decay_for_prior(prior_variance, n, reduction="mean"):
    scale = n if reduction == "mean" else 1
    return np.float32(1.0 / (prior_variance * scale))
''',
            kind='type',
        ),
    ],
    "capstone-paired-difference": [
        WrongAnswer(
            "uses the standard deviation with divisor n",
            '''
import numpy as np


def paired_difference(loglik_a, loglik_b):
    d = np.asarray(loglik_a) - np.asarray(loglik_b)
    return (float(d.mean()), float(d.std() / np.sqrt(len(d))))
''',
            mistake="the standard deviation with n instead of n - 1",
        ),
        WrongAnswer(
            "returns the standard deviation of the differences",
            '''
import numpy as np


def paired_difference(loglik_a, loglik_b):
    d = np.asarray(loglik_a) - np.asarray(loglik_b)
    return (float(d.mean()), float(d.std(ddof=1)))
''',
            mistake="the standard deviation instead of the standard error",
        ),
        WrongAnswer(
            "divides the standard deviation by n",
            '''
import numpy as np


def paired_difference(loglik_a, loglik_b):
    d = np.asarray(loglik_a) - np.asarray(loglik_b)
    return (float(d.mean()), float(d.std(ddof=1) / len(d)))
''',
            mistake="divided by n instead of sqrt(n)",
        ),
        WrongAnswer(
            "uses the standard error of two independent means",
            '''
import numpy as np


def paired_difference(loglik_a, loglik_b):
    a, b = np.asarray(loglik_a), np.asarray(loglik_b)
    se = np.sqrt(a.var(ddof=1) / len(a) + b.var(ddof=1) / len(b))
    return (float(a.mean() - b.mean()), float(se))
''',
            mistake="the unpaired standard error",
        ),
        WrongAnswer(
            "subtracts the other way round",
            '''
import numpy as np


def paired_difference(loglik_a, loglik_b):
    d = np.asarray(loglik_b) - np.asarray(loglik_a)
    return (float(d.mean()), float(d.std(ddof=1) / np.sqrt(len(d))))
''',
            mistake="b - a instead of a - b",
        ),
        WrongAnswer(
            "computes the variance as the mean square minus the squared mean",
            '''
import numpy as np


def paired_difference(loglik_a, loglik_b):
    d = np.asarray(loglik_a) - np.asarray(loglik_b)
    n = len(d)
    var = (np.mean(d**2) - np.mean(d) ** 2) * n / (n - 1)
    return (float(d.mean()), float(np.sqrt(var / n)))
''',
            kind="edge",
        ),
        WrongAnswer(
            "returns a list",
            '''
import numpy as np


def paired_difference(loglik_a, loglik_b):
    d = np.asarray(loglik_a) - np.asarray(loglik_b)
    return [float(d.mean()), float(d.std(ddof=1) / np.sqrt(len(d)))]
''',
            kind="type",
        ),
        WrongAnswer(
            "uses scipy.stats.sem",
            '''
import numpy as np
from scipy import stats


def paired_difference(loglik_a, loglik_b):
    d = np.asarray(loglik_a) - np.asarray(loglik_b)
    return (float(d.mean()), float(stats.sem(d)))
''',
            kind="rule",
        ),
        WrongAnswer(
            "calls the course's paired_loglik_difference",
            '''
import mlcourse


def paired_difference(loglik_a, loglik_b):
    result = mlcourse.paired_loglik_difference(loglik_a, loglik_b)
    return (result.mean, result.se)
''',
            kind="rule",
        ),
        WrongAnswer(
            "builds the variance of the differences from the two models' covariance matrix",
            '''
import numpy as np


def paired_difference(loglik_a, loglik_b):
    a, b = np.asarray(loglik_a, dtype=float), np.asarray(loglik_b, dtype=float)
    cov = np.cov(a, b)  # divisor n - 1
    var_d = cov[0, 0] + cov[1, 1] - 2 * cov[0, 1]
    return (float(a.mean() - b.mean()), float(np.sqrt(var_d / len(a))))
''',
            kind='edge',
        ),
        WrongAnswer(
            'divides the standard deviation by sqrt(n - 1)',
            '''
import numpy as np


def paired_difference(loglik_a, loglik_b):
    d = np.asarray(loglik_a, dtype=float) - np.asarray(loglik_b, dtype=float)
    return (float(d.mean()), float(d.std(ddof=1) / np.sqrt(len(d) - 1)))
''',
        ),
        WrongAnswer(
            'returns (se, mean) in the wrong order',
            '''
import numpy as np


def paired_difference(loglik_a, loglik_b):
    d = np.asarray(loglik_a, dtype=float) - np.asarray(loglik_b, dtype=float)
    return (float(d.std(ddof=1) / np.sqrt(len(d))), float(d.mean()))
''',
        ),
        WrongAnswer(
            'returns numpy float32 numbers',
            '''
import numpy as np


def paired_difference(loglik_a, loglik_b):
    d = np.asarray(loglik_a, dtype=float) - np.asarray(loglik_b, dtype=float)
    return (np.float32(d.mean()), np.float32(d.std(ddof=1) / np.sqrt(len(d))))
''',
            kind='type',
        ),
        WrongAnswer(
            "uses pandas' sem",
            '''
import pandas as pd


def paired_difference(loglik_a, loglik_b):
    d = pd.Series(loglik_a) - pd.Series(loglik_b)
    return (float(d.mean()), float(d.sem()))
''',
            kind='rule',
        ),
    ],
    "calibration-lr-test": [
        WrongAnswer(
            "reports the gain in log-likelihood without the factor 2",
            '''
import numpy as np
from scipy import stats
from scipy.optimize import minimize_scalar
from scipy.special import log_softmax


def temperature_lr_test(logits, labels):
    z = np.asarray(logits, dtype=float)
    rows = np.arange(len(z))

    def nll(log_t):
        return -np.sum(log_softmax(z / np.exp(log_t), axis=1)[rows, labels])

    best = minimize_scalar(nll, options={"xtol": 1e-10})
    statistic = nll(0.0) - best.fun
    return (float(statistic), float(stats.chi2.sf(statistic, 1)))
''',
            mistake="the statistic without its factor 2",
        ),
        WrongAnswer(
            "takes the p-value from the lower tail",
            '''
import numpy as np
from scipy import stats
from scipy.optimize import minimize_scalar
from scipy.special import log_softmax


def temperature_lr_test(logits, labels):
    z = np.asarray(logits, dtype=float)
    rows = np.arange(len(z))

    def nll(log_t):
        return -np.sum(log_softmax(z / np.exp(log_t), axis=1)[rows, labels])

    best = minimize_scalar(nll, options={"xtol": 1e-10})
    statistic = 2 * (nll(0.0) - best.fun)
    return (float(statistic), float(stats.chi2.cdf(statistic, 1)))
''',
            mistake="the lower tail of the chi-square distribution",
        ),
        WrongAnswer(
            "refers the statistic to chi-square with 2 degrees of freedom",
            '''
import numpy as np
from scipy import stats
from scipy.optimize import minimize_scalar
from scipy.special import log_softmax


def temperature_lr_test(logits, labels):
    z = np.asarray(logits, dtype=float)
    rows = np.arange(len(z))

    def nll(log_t):
        return -np.sum(log_softmax(z / np.exp(log_t), axis=1)[rows, labels])

    best = minimize_scalar(nll, options={"xtol": 1e-10})
    statistic = 2 * (nll(0.0) - best.fun)
    return (float(statistic), float(stats.chi2.sf(statistic, 2)))
''',
            mistake="two degrees of freedom",
        ),
        WrongAnswer(
            "uses the mean negative log-likelihood",
            '''
import numpy as np
from scipy import stats
from scipy.optimize import minimize_scalar
from scipy.special import log_softmax


def temperature_lr_test(logits, labels):
    z = np.asarray(logits, dtype=float)
    rows = np.arange(len(z))

    def nll(log_t):
        return -np.sum(log_softmax(z / np.exp(log_t), axis=1)[rows, labels])

    best = minimize_scalar(nll, options={"xtol": 1e-10})
    statistic = 2 * (nll(0.0) - best.fun) / len(z)
    return (float(statistic), float(stats.chi2.sf(statistic, 1)))
''',
            mistake="the mean negative log-likelihood instead of the sum",
        ),
        WrongAnswer(
            "computes a one-sided normal p-value from the square root",
            '''
import numpy as np
from scipy import stats
from scipy.optimize import minimize_scalar
from scipy.special import log_softmax


def temperature_lr_test(logits, labels):
    z = np.asarray(logits, dtype=float)
    rows = np.arange(len(z))

    def nll(log_t):
        return -np.sum(log_softmax(z / np.exp(log_t), axis=1)[rows, labels])

    best = minimize_scalar(nll, options={"xtol": 1e-10})
    statistic = 2 * (nll(0.0) - best.fun)
    return (float(statistic), float(stats.norm.sf(np.sqrt(max(statistic, 0.0)))))
''',
        ),
        WrongAnswer(
            "subtracts the log-likelihoods the wrong way round",
            '''
import numpy as np
from scipy import stats
from scipy.optimize import minimize_scalar
from scipy.special import log_softmax


def temperature_lr_test(logits, labels):
    z = np.asarray(logits, dtype=float)
    rows = np.arange(len(z))

    def nll(log_t):
        return -np.sum(log_softmax(z / np.exp(log_t), axis=1)[rows, labels])

    best = minimize_scalar(nll, options={"xtol": 1e-10})
    statistic = 2 * (best.fun - nll(0.0))
    return (float(statistic), float(stats.chi2.sf(abs(statistic), 1)))
''',
        ),
        WrongAnswer(
            "returns a dictionary",
            '''
import numpy as np
from scipy import stats
from scipy.optimize import minimize_scalar
from scipy.special import log_softmax


def temperature_lr_test(logits, labels):
    z = np.asarray(logits, dtype=float)
    rows = np.arange(len(z))

    def nll(log_t):
        return -np.sum(log_softmax(z / np.exp(log_t), axis=1)[rows, labels])

    best = minimize_scalar(nll, options={"xtol": 1e-10})
    statistic = 2 * (nll(0.0) - best.fun)
    return {"statistic": statistic, "pvalue": stats.chi2.sf(statistic, 1)}
''',
            kind="type",
        ),
        WrongAnswer(
            "forms the softmax without subtracting the largest logit",
            '''
import numpy as np
from scipy import stats
from scipy.optimize import minimize_scalar


def temperature_lr_test(logits, labels):
    z = np.asarray(logits, dtype=float)
    rows = np.arange(len(z))

    def nll(log_t):
        e = np.exp(z / np.exp(log_t))
        return -np.sum(np.log(e[rows, labels] / e.sum(axis=1)))

    with np.errstate(all="ignore"):
        best = minimize_scalar(nll, options={"xtol": 1e-10})
        statistic = 2 * (nll(0.0) - best.fun)
    return (float(statistic), float(stats.chi2.sf(statistic, 1)))
''',
            kind="edge",
        ),
        WrongAnswer(
            "calls the course's temperature_lr_test",
            '''
import mlcourse


def temperature_lr_test(logits, labels):
    result = mlcourse.temperature_lr_test(logits, labels)
    return (result.statistic, result.pvalue)
''',
            kind="rule",
        ),
        WrongAnswer(
            "fits the temperature with torch",
            '''
import numpy as np
import torch
from scipy import stats


def temperature_lr_test(logits, labels):
    z = torch.as_tensor(np.asarray(logits, dtype=float))
    y = torch.as_tensor(np.asarray(labels))
    log_t = torch.zeros((), dtype=torch.float64, requires_grad=True)
    opt = torch.optim.LBFGS([log_t], max_iter=100, line_search_fn="strong_wolfe")

    def closure():
        opt.zero_grad()
        loss = torch.nn.functional.cross_entropy(z / log_t.exp(), y, reduction="sum")
        loss.backward()
        return loss

    opt.step(closure)
    with torch.no_grad():
        at_one = torch.nn.functional.cross_entropy(z, y, reduction="sum")
        at_best = torch.nn.functional.cross_entropy(z / log_t.exp(), y, reduction="sum")
    statistic = 2 * float(at_one - at_best)
    return (statistic, float(stats.chi2.sf(statistic, 1)))
''',
            kind="rule",
        ),
        WrongAnswer(
            'computes the p-value as 1 - cdf',
            '''
import numpy as np
from scipy import stats
from scipy.optimize import minimize_scalar
from scipy.special import log_softmax


def temperature_lr_test(logits, labels):
    z = np.asarray(logits, dtype=float)
    rows = np.arange(len(z))

    def nll(log_t):
        return -np.sum(log_softmax(z / np.exp(log_t), axis=1)[rows, labels])

    best = minimize_scalar(nll, options={"xtol": 1e-10})
    statistic = max(2 * (nll(0.0) - best.fun), 0.0)
    return (float(statistic), float(1 - stats.chi2.cdf(statistic, 1)))
''',
            mistake='one minus the distribution function',
            kind='edge',
        ),
        WrongAnswer(
            'searches log T on the bounded interval (-3, 3)',
            '''
import numpy as np
from scipy import stats
from scipy.optimize import minimize_scalar
from scipy.special import log_softmax


def temperature_lr_test(logits, labels):
    z = np.asarray(logits, dtype=float)
    rows = np.arange(len(z))

    def nll(log_t):
        return -np.sum(log_softmax(z / np.exp(log_t), axis=1)[rows, labels])

    best = minimize_scalar(nll, bounds=(-3.0, 3.0), method="bounded")
    statistic = max(2 * (nll(0.0) - best.fun), 0.0)
    return (float(statistic), float(stats.chi2.sf(statistic, 1)))
''',
            kind='edge',
        ),
        WrongAnswer(
            'takes the log of the softmax probabilities',
            '''
import numpy as np
from scipy import stats
from scipy.optimize import minimize_scalar
from scipy.special import softmax


def temperature_lr_test(logits, labels):
    z = np.asarray(logits, dtype=float)
    rows = np.arange(len(z))

    def nll(log_t):
        return -np.sum(np.log(softmax(z / np.exp(log_t), axis=1)[rows, labels]))

    with np.errstate(divide="ignore"):
        best = minimize_scalar(nll, options={"xtol": 1e-10})
        statistic = max(2 * (nll(0.0) - best.fun), 0.0)
    return (float(statistic), float(stats.chi2.sf(statistic, 1)))
''',
            kind='edge',
        ),
        WrongAnswer(
            'halves the chi-square tail (a one-sided p-value)',
            '''
import numpy as np
from scipy import stats
from scipy.optimize import minimize_scalar
from scipy.special import log_softmax


def temperature_lr_test(logits, labels):
    z = np.asarray(logits, dtype=float)
    rows = np.arange(len(z))

    def nll(log_t):
        return -np.sum(log_softmax(z / np.exp(log_t), axis=1)[rows, labels])

    best = minimize_scalar(nll, options={"xtol": 1e-10})
    statistic = max(2 * (nll(0.0) - best.fun), 0.0)
    return (float(statistic), float(stats.chi2.sf(statistic, 1) / 2))
''',
        ),
        WrongAnswer(
            'returns the Wald statistic of log T instead of the likelihood ratio',
            '''
import numpy as np
from scipy import stats
from scipy.optimize import minimize_scalar
from scipy.special import log_softmax


def temperature_lr_test(logits, labels):
    z = np.asarray(logits, dtype=float)
    rows = np.arange(len(z))

    def nll(log_t):
        return -np.sum(log_softmax(z / np.exp(log_t), axis=1)[rows, labels])

    best = minimize_scalar(nll, options={"xtol": 1e-10})
    h = 1e-4
    curvature = (nll(best.x + h) - 2 * best.fun + nll(best.x - h)) / h**2
    statistic = best.x**2 * curvature
    return (float(statistic), float(stats.chi2.sf(statistic, 1)))
''',
        ),
        WrongAnswer(
            'returns numpy float32 numbers',
            '''
import numpy as np
from scipy import stats
from scipy.optimize import minimize_scalar
from scipy.special import log_softmax


def temperature_lr_test(logits, labels):
    z = np.asarray(logits, dtype=float)
    rows = np.arange(len(z))

    def nll(log_t):
        return -np.sum(log_softmax(z / np.exp(log_t), axis=1)[rows, labels])

    best = minimize_scalar(nll, options={"xtol": 1e-10})
    statistic = max(2 * (nll(0.0) - best.fun), 0.0)
    return (np.float32(statistic), np.float32(stats.chi2.sf(statistic, 1)))
''',
            kind='type',
        ),
    ],
}

RIGHT_ANSWERS = {
    "calibration-temperature": [
        '''
import numpy as np
from scipy.special import logsumexp


def fit_temperature(logits, labels):
    # Newton's method on s = log T, with the exact first and second derivatives.
    z = np.asarray(logits, dtype=float)
    own = z[np.arange(len(z)), labels]
    s = 0.0
    for _ in range(200):
        u = z * np.exp(-s)
        p = np.exp(u - logsumexp(u, axis=1, keepdims=True))
        mean_u = np.sum(p * u, axis=1)
        grad = np.sum(own * np.exp(-s) - mean_u)
        hess = np.sum(np.sum(p * u**2, axis=1) - mean_u**2 + mean_u
                      - own * np.exp(-s))
        step = grad / hess if hess > 0 else np.sign(grad)
        s -= np.clip(step, -2.0, 2.0)
        if abs(step) < 1e-13:
            break
    return float(np.exp(s))
''',
        '''
import numpy as np
from scipy.optimize import brentq
from scipy.special import softmax


def fit_temperature(logits, labels):
    # The derivative of the NLL in log T, proportional to
    # sum_i (z_iy - E_p[z_i]), vanishes at the optimum and increases through it.
    z = np.asarray(logits, dtype=float)
    own = z[np.arange(len(z)), labels]

    def slope(log_t):
        p = softmax(z / np.exp(log_t), axis=1)
        return np.sum(own - np.sum(p * z, axis=1))

    lo, hi = -1.0, 1.0
    while slope(lo) > 0:
        lo -= 2.0
    while slope(hi) < 0:
        hi += 2.0
    return float(np.exp(brentq(slope, lo, hi, xtol=1e-14, rtol=1e-14)))
''',
        '''
import numpy as np
from scipy.special import softmax


def fit_temperature(logits, labels):
    # Bisection on the score: d NLL / d log T is negative below the optimum, positive above.
    z = np.asarray(logits, dtype=float)
    z = z - z.max(axis=1, keepdims=True)
    own = z[np.arange(len(z)), labels]

    def score(log_t):
        p = softmax(z * np.exp(-log_t), axis=1)
        return np.sum(own - np.sum(p * z, axis=1))

    lo, hi = -10.0, 10.0
    for _ in range(100):
        mid = 0.5 * (lo + hi)
        if score(mid) > 0:
            hi = mid
        else:
            lo = mid
    return float(np.exp(0.5 * (lo + hi)))
''',
        '''
import numpy as np
from scipy.optimize import minimize_scalar


def fit_temperature(logits, labels):
    # the mean NLL has the same minimum; rows shifted by their maximum, written out by hand
    z = np.array(logits, dtype=float)
    z -= z.max(axis=1, keepdims=True)
    own = z[np.arange(len(z)), labels]

    def mean_nll(log_t):
        u = z / np.exp(log_t)
        return np.mean(np.log(np.exp(u).sum(axis=1)) - own / np.exp(log_t))

    best = minimize_scalar(mean_nll, bounds=(-7.0, 7.0), method="bounded",
                           options={"xatol": 1e-12})
    return float(np.exp(best.x))
''',
    ],
    "calibration-ece": [
        '''
import numpy as np


def expected_calibration_error(probs, labels, n_bins=15):
    probs = np.asarray(probs, dtype=float)
    n = len(probs)
    scored = [(row.max(), float(np.argmax(row) == label))
              for row, label in zip(probs, labels)]
    total = 0.0
    for m in range(1, n_bins + 1):
        lo, hi = (m - 1) / n_bins, m / n_bins
        gap = 0.0
        for conf, right in scored:
            if (lo < conf <= hi) or (m == 1 and conf == 0.0):
                gap += right - conf
        total += abs(gap)
    return total / n
''',
        '''
import numpy as np


def expected_calibration_error(probs, labels, n_bins=15):
    probs = np.asarray(probs, dtype=float)
    conf = np.max(probs, axis=1)
    hit = np.argmax(probs, axis=1) == np.asarray(labels)
    # bin m holds (m/M - 1/M, m/M]: count the edges strictly below each confidence
    edges = np.arange(1, n_bins) / n_bins
    which = (conf[:, None] > edges[None, :]).sum(axis=1)
    ece = 0.0
    for m in np.unique(which):
        members = which == m
        ece += members.mean() * abs(hit[members].mean() - conf[members].mean())
    return float(ece)
''',
        '''
import numpy as np


def expected_calibration_error(probs, labels, n_bins=15):
    probs = np.asarray(probs, dtype=float)
    conf = probs.max(axis=1)
    correct = (probs.argmax(axis=1) == np.asarray(labels)).astype(float)
    which = np.digitize(conf, np.linspace(0, 1, n_bins + 1), right=True) - 1
    which = np.clip(which, 0, n_bins - 1)
    count, sum_correct, sum_conf = np.zeros(n_bins), np.zeros(n_bins), np.zeros(n_bins)
    np.add.at(count, which, 1)
    np.add.at(sum_correct, which, correct)
    np.add.at(sum_conf, which, conf)
    full = count > 0
    gaps = np.abs(sum_correct[full] / count[full] - sum_conf[full] / count[full])
    return float(np.sum(count[full] / len(conf) * gaps))
''',
        '''
import numpy as np


def expected_calibration_error(probs, labels, n_bins=15):
    probs = np.asarray(probs, dtype=float)
    conf = probs.max(axis=1)
    correct = probs.argmax(axis=1) == np.asarray(labels)
    # bin m (from 1) holds (m - 1)/M < c <= m/M, that is m = ceil(c M)
    which = np.maximum(np.ceil(conf * n_bins).astype(int), 1) - 1
    gaps = np.bincount(which, weights=correct - conf, minlength=n_bins)
    return float(np.abs(gaps).sum() / len(conf))
''',
    ],
    "capstone-weight-decay": [
        '''
def weight_decay_for_prior(prior_variance, n, reduction="mean"):
    precision = 1.0 / prior_variance
    return precision / n if reduction == "mean" else precision
''',
        '''
import math


def weight_decay_for_prior(prior_variance, n, reduction="mean"):
    # the gradient of |theta|^2 / (2 v), scaled like the loss
    divisor = {"mean": n, "sum": 1}[reduction]
    return math.exp(-math.log(prior_variance) - math.log(divisor))
''',
        '''
def weight_decay_for_prior(prior_variance, n, reduction="mean"):
    per_term = {"sum": 1.0, "mean": 1.0 / n}[reduction]
    return per_term / prior_variance
''',
    ],
    "capstone-paired-difference": [
        '''
import math


def paired_difference(loglik_a, loglik_b):
    d = [float(a) - float(b) for a, b in zip(loglik_a, loglik_b)]
    n = len(d)
    mean = math.fsum(d) / n
    var = math.fsum((x - mean) ** 2 for x in d) / (n - 1)
    return (mean, math.sqrt(var / n))
''',
        '''
import numpy as np


def paired_difference(loglik_a, loglik_b):
    d = np.subtract(loglik_a, loglik_b, dtype=float)
    se = np.std(d, ddof=1) / np.sqrt(d.size)
    return (float(np.mean(d)), float(se))
''',
        '''
def paired_difference(loglik_a, loglik_b):
    # Welford's running mean and sum of squared deviations, in one pass
    mean, squares, k = 0.0, 0.0, 0
    for a, b in zip(loglik_a, loglik_b):
        k += 1
        d = float(a) - float(b)
        step = d - mean
        mean += step / k
        squares += step * (d - mean)
    return (mean, (squares / (k - 1) / k) ** 0.5)
''',
        '''
import math
import statistics


def paired_difference(loglik_a, loglik_b):
    d = [float(a) - float(b) for a, b in zip(loglik_a, loglik_b)]
    return (statistics.fmean(d), statistics.stdev(d) / math.sqrt(len(d)))
''',
    ],
    "calibration-lr-test": [
        '''
import numpy as np
from scipy import stats
from scipy.special import logsumexp


def temperature_lr_test(logits, labels):
    # Newton's method on s = log T; the statistic from the two log-likelihoods.
    z = np.asarray(logits, dtype=float)
    own = z[np.arange(len(z)), labels]

    def nll(s):
        u = z * np.exp(-s)
        return float(np.sum(logsumexp(u, axis=1) - own * np.exp(-s)))

    s = 0.0
    for _ in range(200):
        u = z * np.exp(-s)
        p = np.exp(u - logsumexp(u, axis=1, keepdims=True))
        mean_u = np.sum(p * u, axis=1)
        grad = np.sum(own * np.exp(-s) - mean_u)
        hess = np.sum(np.sum(p * u**2, axis=1) - mean_u**2 + mean_u
                      - own * np.exp(-s))
        step = grad / hess if hess > 0 else np.sign(grad)
        s -= np.clip(step, -2.0, 2.0)
        if abs(step) < 1e-13:
            break
    statistic = max(2.0 * (nll(0.0) - nll(s)), 0.0)
    return (statistic, float(stats.chi2.sf(statistic, df=1)))
''',
        '''
import math

import numpy as np
from scipy.optimize import minimize_scalar
from scipy.special import log_softmax
from scipy.stats import chi2


def temperature_lr_test(logits, labels):
    z = np.array(logits, dtype=float)
    z -= z.max(axis=1, keepdims=True)
    pick = (np.arange(len(z)), np.asarray(labels))
    loglik = lambda inv_t: float(np.sum(log_softmax(z * inv_t, axis=1)[pick]))
    # search 1 / T = exp(b) over b; the maximum does not depend on the parametrisation
    best = minimize_scalar(lambda b: -loglik(math.exp(b)), bracket=(-1.0, 1.0),
                           options={"xtol": 1e-11})
    statistic = 2 * (loglik(math.exp(best.x)) - loglik(1.0))
    return (float(max(statistic, 0.0)), float(chi2.sf(max(statistic, 0.0), 1)))
''',
        '''
import numpy as np
from scipy import stats
from scipy.optimize import brentq
from scipy.special import log_softmax, softmax


def temperature_lr_test(logits, labels):
    # The fitted log T is where the score vanishes; the p-value from log sf, exponentiated.
    z = np.asarray(logits, dtype=float)
    rows = np.arange(len(z))
    own = z[rows, labels]

    def loglik(log_t):
        return np.sum(log_softmax(z * np.exp(-log_t), axis=1)[rows, labels])

    def score(log_t):
        return np.sum(own - np.sum(softmax(z * np.exp(-log_t), axis=1) * z, axis=1))

    lo, hi = -1.0, 1.0
    while score(lo) > 0:
        lo -= 1.0
    while score(hi) < 0:
        hi += 1.0
    statistic = max(2.0 * (loglik(brentq(score, lo, hi, xtol=1e-13)) - loglik(0.0)), 0.0)
    return (statistic, float(np.exp(stats.chi2.logsf(statistic, 1))))
''',
        '''
import numpy as np
from scipy import stats
from scipy.optimize import minimize_scalar
from scipy.special import log_softmax


def temperature_lr_test(logits, labels):
    # the mean NLL, times n; the chi-square(1) tail as a two-sided normal tail of sqrt
    z = np.asarray(logits, dtype=float)
    rows, n = np.arange(len(z)), len(z)

    def mean_nll(log_t):
        return -np.mean(log_softmax(z / np.exp(log_t), axis=1)[rows, labels])

    best = minimize_scalar(mean_nll, bracket=(-1.0, 1.0), options={"xtol": 1e-12})
    statistic = max(2 * n * (mean_nll(0.0) - best.fun), 0.0)
    return (float(statistic), float(2 * stats.norm.sf(np.sqrt(statistic))))
''',
    ],
}
