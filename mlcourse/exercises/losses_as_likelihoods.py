"""Exercises of Chapter 7, *Every loss is a negative log-likelihood*."""

from __future__ import annotations

import math

import numpy as np
from scipy import special, stats

from ..densities import bernoulli_logpmf
from ..likelihood import laplace_loglik
from ..losses import binary_cross_entropy_with_logits, poisson_nll_loss
from .framework import Trial, exercise
from .rules import Forbidden

CHAPTER = 7

_COURSE = Forbidden("mlcourse", "the check compares with the course's own function; write yours")
# What "use only numpy" rules out: the libraries that have the answer ready-made, and the
# course's own function, which is what the checks compare with.
ONLY_NUMPY = (
    Forbidden("scipy", "the exercise asks for numpy only; scipy has this ready-made"),
    Forbidden("torch", "the exercise asks for numpy only; torch has this ready-made"),
    _COURSE,
)



def _magnitudes(t: Trial, low: float, high: float, size: int) -> np.ndarray:
    """``size`` positive numbers with log10 uniform in [low, high], in random order."""
    return 10.0 ** t.rng.uniform(low, high, size)


# --------------------------------------------------------------------------------------------
mse_nll = exercise(
    "loss-mse-to-nll", chapter=CHAPTER, function="mse_to_gaussian_nll",
    title="From a mean squared error to a Gaussian negative log-likelihood",
    forbidden=ONLY_NUMPY)


@mse_nll.check("agrees with the mean of -log N(y_i | prediction_i, sigma^2) over a data set")
def _(t: Trial) -> None:
    y, prediction = t.rng.normal(0, 2, 40), t.rng.normal(0, 2, 40)
    sigma = float(t.rng.uniform(0.5, 3.0))
    mse = float(np.mean((y - prediction) ** 2))
    t.expect_close(t.call(mse, sigma), -np.mean(stats.norm.logpdf(y, prediction, sigma)),
                   rtol=1e-10, what="the mean Gaussian NLL per observation, in nats")


@mse_nll.check("grows linearly with the mean squared error, at the rate the density implies")
def _(t: Trial) -> None:
    sigma = float(t.rng.uniform(0.3, 2.0))
    mse = float(t.rng.uniform(0.5, 5.0))
    low, high = t.call(mse, sigma), t.call(mse + 1.0, sigma)
    t.expect_type(low)
    t.expect_type(high)
    t.expect_close(float(high) - float(low), 1 / (2 * sigma**2), rtol=1e-9,
                   what="the increase of the NLL when the mean squared error grows by 1")


@mse_nll.check("is smallest, over sigma, at sigma = sqrt(mse): the Gaussian MLE of the scale")
def _(t: Trial) -> None:
    mse = float(t.rng.uniform(0.5, 4.0))
    grid = np.linspace(0.3, 3.0, 271)
    values = np.array([float(t.call(mse, s)) for s in grid])
    best = grid[int(np.argmin(values))]
    t.expect(abs(best - math.sqrt(mse)) <= 0.01,
             f"expected: the smallest value at sigma = sqrt(mse) = {math.sqrt(mse):.4g}\n"
             f"got:      the smallest value at sigma = {best:.4g}")


@mse_nll.check("is exact for a perfect fit, a very bad one, and sigma from 1e-100 to 1e100")
def _(t: Trial) -> None:
    # mse = c sigma^2 with c = 0 (a perfect fit), c of order 1, and c in the thousands (a fit
    # whose density exp(-c / 2) underflows), each at its own scale sigma.
    sigmas = _magnitudes(t, -100, 100, 3)
    for c, sigma in zip(t.rng.permutation([0.0, t.rng.uniform(0.1, 4.0),
                                           t.rng.uniform(1600.0, 4000.0)]), sigmas,
                        strict=True):
        mse = float(c) * float(sigma) ** 2
        expected = -stats.norm.logpdf(math.sqrt(mse), 0.0, float(sigma))
        t.expect_close(t.call(mse, float(sigma)), expected, rtol=1e-10,
                       what="the mean NLL per observation, to a relative 1e-10")


@mse_nll.mistake(
    "left out the normalising constant",
    "mse / (2 sigma^2) is only the part that depends on the predictions. The normal density "
    "also has a factor in front of its exponential, which depends on sigma: its log belongs "
    "to the NLL too.")
def _(mse, sigma):
    return mse / (2 * sigma**2)


@mse_nll.mistake(
    "sigma where sigma^2 belongs",
    "The argument sigma is a standard deviation, but the normal density is written with the "
    "variance, in the exponent and in the normalising constant alike.")
def _(mse, sigma):
    return mse / (2 * sigma) + 0.5 * math.log(2 * math.pi * sigma)


@mse_nll.mistake(
    "forgot the 1/2 in front of the squared error",
    "Look at the exponent of the normal density again: by what is the squared error divided?")
def _(mse, sigma):
    return mse / sigma**2 + 0.5 * math.log(2 * math.pi * sigma**2)


@mse_nll.mistake(
    "forgot the 1/2 in front of the log",
    "The normalising constant is a square root; the log of a square root keeps a factor.")
def _(mse, sigma):
    return mse / (2 * sigma**2) + math.log(2 * math.pi * sigma**2)


# --------------------------------------------------------------------------------------------
logits = exercise(
    "loss-bce-logits", chapter=CHAPTER, function="bce_with_logits",
    title="Binary cross-entropy from logits, stable for every logit", forbidden=ONLY_NUMPY)


@logits.check("agrees with the mean Bernoulli NLL for moderate logits")
def _(t: Trial) -> None:
    z, y = t.rng.normal(0, 3, 30), t.rng.integers(0, 2, 30)
    t.expect_close(t.call(z, y), -np.mean(bernoulli_logpmf(y, logit=z)), rtol=1e-10,
                   what="the mean of -log Bernoulli(y | sigmoid(z)), in nats")


@logits.check("charges a confident mistake |z| nats, even for logits of +-800")
def _(t: Trial) -> None:
    z = t.rng.uniform(750.0, 900.0, 6) * t.rng.permutation([-1.0, -1.0, -1.0, 1.0, 1.0, 1.0])
    y = (z < 0).astype(int)  # every label is the one its logit makes least likely
    t.expect_close(t.call(z, y), float(binary_cross_entropy_with_logits(z, y)), rtol=1e-10,
                   what="a finite loss: a confidently wrong logit z costs about |z| nats")


@logits.check("charges a confident correct answer almost nothing, even for logits of +-800")
def _(t: Trial) -> None:
    z = t.rng.permutation(np.array([-800.0, 800.0, -35.0, 38.0, -2.0, 3.0]))
    y = (z > 0).astype(int)
    t.expect_close(t.call(z, y), float(binary_cross_entropy_with_logits(z, y)), rtol=1e-10,
                   what="a small loss, about the mean of e^-|z|")


@logits.check("is exact for confident answers, right or wrong, with logits from 10 to 35")
def _(t: Trial) -> None:
    # The loss is about e^-|z|, far below 1e-7: clipping probabilities (Keras: 1e-7),
    # log(1 + e^-z) computed as written, or a cut-off at |z| = 15 all get it wrong. Each call
    # keeps its logits within a band 2 wide, so that no single term dominates the mean.
    for low, high in ((10.0, 13.0), (16.0, 24.0), (27.0, 33.0)):
        size = abs(t.rng.uniform(low, high) + t.rng.uniform(0.0, 2.0, 8))
        z = size * t.rng.choice([-1.0, 1.0], size=8)
        y = (z > 0).astype(int)
        t.expect_close(t.call(z, y), float(np.mean(np.log1p(np.exp(-size)))), rtol=1e-10,
                       what="their mean loss, to a relative 1e-10")
    size = t.rng.uniform(10.0, 35.0, 8)
    z = size * t.rng.choice([-1.0, 1.0], size=8)
    t.expect_close(t.call(z, (z < 0).astype(int)), float(np.mean(size + np.log1p(np.exp(-size)))),
                   rtol=1e-10, what="their mean loss, to a relative 1e-10")


@logits.check("does not change when the labels are swapped and the logits negated")
def _(t: Trial) -> None:
    z, y = t.rng.normal(0, 4, 12), t.rng.integers(0, 2, 12)
    first = t.call(z, y)
    t.expect_type(first)
    t.expect_close(t.call(-z, 1 - y), float(first), rtol=1e-10,
                   what="the same loss: class 1 with logit z is class 0 with logit -z")


@logits.check("is a mean: repeating the data set leaves it unchanged")
def _(t: Trial) -> None:
    z, y = t.rng.normal(0, 2, 10), t.rng.integers(0, 2, 10)
    first = t.call(z, y)
    t.expect_type(first)
    t.expect_close(t.call(np.tile(z, 3), np.tile(y, 3)), float(first), rtol=1e-10,
                   what="the same value as for one copy of the data")


@logits.check("takes 2-D arrays and returns the mean over every entry")
def _(t: Trial) -> None:
    rows, cols = (int(v) for v in t.rng.integers(2, 6, size=2))
    z, y = t.rng.normal(0, 3, (rows, cols)), t.rng.integers(0, 2, (rows, cols))
    t.expect_close(t.call(z, y), -np.mean(bernoulli_logpmf(y, logit=z)), rtol=1e-10,
                   what=f"one number, the mean over all {rows * cols} entries")


@logits.mistake(
    "the log of the sigmoid computed naively",
    "Forming sigmoid(z) first loses everything once it rounds to 0 or 1 (and exp(800) "
    "overflows). Write -log sigmoid(z) as the log of a sum of exponentials, which np.logaddexp "
    "evaluates without overflow.")
def _(z, y):
    z, y = np.asarray(z, dtype=float), np.asarray(y, dtype=float)
    p = 1 / (1 + np.exp(-z))
    return -np.mean(y * np.log(p) + (1 - y) * np.log(1 - p))


@logits.mistake(
    "the probabilities clamped like torch's binary_cross_entropy",
    "Computing sigmoid(z) first and clamping log p at -100 caps the loss of a confident "
    "mistake at 100 nats. Working from the logit itself needs no clamp: stay in log space "
    "from the start.")
def _(z, y):
    z, y = np.asarray(z, dtype=float), np.asarray(y, dtype=float)
    p = special.expit(z)
    with np.errstate(divide="ignore"):
        log_p, log_q = np.maximum(np.log(p), -100), np.maximum(np.log1p(-p), -100)
    return -np.mean(y * log_p + (1 - y) * log_q)


@logits.mistake(
    "the two classes swapped",
    "A label 1 has probability sigmoid(z), which is close to 1 for a large positive z, so its "
    "cost must then be close to 0. Check which term each label gets.")
def _(z, y):
    z, y = np.asarray(z, dtype=float), np.asarray(y, dtype=float)
    return np.mean(y * np.logaddexp(0, z) + (1 - y) * np.logaddexp(0, -z))


@logits.mistake(
    "a sum instead of a mean",
    "Divide by the number of examples (reduction='mean'), so that the loss does not grow with "
    "the size of the batch.")
def _(z, y):
    z, y = np.asarray(z, dtype=float), np.asarray(y, dtype=float)
    return np.sum(y * np.logaddexp(0, -z) + (1 - y) * np.logaddexp(0, z))


# --------------------------------------------------------------------------------------------
poisson = exercise(
    "loss-poisson-nll", chapter=CHAPTER, function="poisson_nll",
    title="The complete Poisson negative log-likelihood from log-rates",
    forbidden=(Forbidden("scipy.stats", "scipy.stats has the Poisson pmf ready-made; use "
                                        "numpy and scipy.special.gammaln"),
               Forbidden("torch", "torch's loss is what this exercise completes; use numpy "
                                  "and scipy.special.gammaln"),
               _COURSE))


def _poisson_reference(x: np.ndarray, k: np.ndarray) -> float:
    """The closed form e^x - k x + log k!, with log k! from math.lgamma."""
    terms = [math.exp(a) - b * a + math.lgamma(b + 1.0)
             for a, b in zip(x.ravel().tolist(), k.ravel().tolist(), strict=True)]
    return math.fsum(terms) / len(terms)


@poisson.check("agrees with the mean of -log Poisson(k | e^x) over a data set")
def _(t: Trial) -> None:
    rate = 1.5 + t.rng.gamma(2.0, 2.0, 25)
    k = t.rng.poisson(rate)
    t.expect_close(t.call(np.log(rate), k), -np.mean(stats.poisson.logpmf(k, rate)),
                   rtol=1e-10, what="the mean Poisson NLL per observation, log k! included")


@poisson.check("is exact, log k! included, for counts up to 10^4")
def _(t: Trial) -> None:
    rate = t.rng.uniform(100.0, 10_000.0, 15)
    k = t.rng.poisson(rate)
    log_rate = np.log(rate)
    expected = float(poisson_nll_loss(log_rate, k)) + float(np.mean(special.gammaln(k + 1.0)))
    t.expect_close(t.call(log_rate, k), expected, rtol=1e-10,
                   what="the mean NLL with log k! exact (Stirling's formula is not)")


@poisson.check("is smallest, for one shared log-rate, at the log of the mean count")
def _(t: Trial) -> None:
    k = t.rng.poisson(3.5, 40)
    grid = np.linspace(0.2, 2.5, 231)
    values = np.array([float(t.call(np.full(k.size, x), k)) for x in grid])
    best = grid[int(np.argmin(values))]
    target = math.log(k.mean())
    t.expect(abs(best - target) <= 0.006,
             f"expected: the smallest value at x = log(mean k) = {target:.4g}\n"
             f"got:      the smallest value at x = {best:.4g}")


@poisson.check("does not depend on the order of the observations")
def _(t: Trial) -> None:
    rate = t.rng.gamma(2.0, 2.0, 12)
    k = t.rng.poisson(rate)
    first = t.call(np.log(rate), k)
    t.expect_type(first)
    order = t.rng.permutation(12)
    t.expect_close(t.call(np.log(rate)[order], k[order]), float(first), rtol=1e-10,
                   what="the same value for the same pairs in another order")


@poisson.check("stays finite and exact for log-rates near -800, where e^x is 0")
def _(t: Trial) -> None:
    # exp(-800) underflows to 0, so an answer that takes the log of the rate gets -inf (and
    # 0 * -inf = nan for k = 0); the input is the log-rate itself.
    x = -800.0 + t.rng.uniform(-40.0, 40.0, 10)
    k = t.rng.permutation(np.concatenate([np.zeros(6, dtype=int), t.rng.integers(1, 4, 4)]))
    got = t.call(x, k)
    t.expect_finite(got, "a finite number: each count k > 0 costs about 800 k nats here")
    t.expect_close(got, _poisson_reference(x, k), rtol=1e-10,
                   what="the mean NLL, to a relative 1e-10")


@poisson.check("takes 2-D arrays and returns the mean over every entry")
def _(t: Trial) -> None:
    rows, cols = (int(v) for v in t.rng.integers(2, 6, size=2))
    x = t.rng.normal(1.0, 1.0, (rows, cols))
    k = t.rng.poisson(np.exp(x))
    t.expect_close(t.call(x, k), _poisson_reference(x, k), rtol=1e-10,
                   what=f"one number, the mean over all {rows * cols} entries")


@poisson.mistake(
    "left out log k!, as torch's poisson_nll_loss does",
    "You computed the part that depends on the prediction. The Poisson probability also has a "
    "factor that depends on the count alone, and the complete NLL keeps its log, which is not "
    "0 for k > 1.")
def _(log_rate, k):
    x, k = np.asarray(log_rate, dtype=float), np.asarray(k, dtype=float)
    return np.mean(np.exp(x) - k * x)


@poisson.mistake(
    "Stirling's approximation instead of log k!",
    "Stirling's formula only approximates log k!, too small by about 1/(12k). The log-gamma "
    "function gives it exactly; mind which argument of it gives log k!.")
def _(log_rate, k):
    x, k = np.asarray(log_rate, dtype=float), np.asarray(k, dtype=float)
    safe = np.where(k > 1, k, 2.0)
    stirling = np.where(k > 1, safe * np.log(safe) - safe + 0.5 * np.log(2 * np.pi * safe), 0)
    return np.mean(np.exp(x) - k * x + stirling)


@poisson.mistake(
    "treated the input as a rate, not a log-rate",
    "The input is the log of the rate, not the rate: exponentiate it to get the rate, and "
    "notice that the log of the rate is then the input itself.")
def _(log_rate, k):
    x, k = np.asarray(log_rate, dtype=float), np.asarray(k, dtype=float)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.mean(x - k * np.log(x) + special.gammaln(k + 1.0))


@poisson.mistake(
    "log k instead of log k!",
    "The Poisson probability divides by k!, the product 1 * 2 * ... * k: its log is the sum "
    "of k logs, not the log of k alone.")
def _(log_rate, k):
    x, k = np.asarray(log_rate, dtype=float), np.asarray(k, dtype=float)
    with np.errstate(divide="ignore"):
        return np.mean(np.exp(x) - k * x + np.where(k > 0, np.log(np.maximum(k, 1)), 0.0))


# --------------------------------------------------------------------------------------------
laplace = exercise(
    "loss-laplace-profile", chapter=CHAPTER, function="laplace_max_loglik",
    title="The Laplace log-likelihood of residuals, maximised over the scale",
    forbidden=ONLY_NUMPY)


@laplace.check("agrees with the Laplace log-likelihood at its best scale b")
def _(t: Trial) -> None:
    r = t.rng.laplace(0, 1.5, 30)
    b_hat = float(np.mean(np.abs(r)))
    t.expect_close(t.call(r), float(laplace_loglik(r, 0.0, b_hat)), rtol=1e-10,
                   what="the largest Laplace log-likelihood of the residuals over b")


@laplace.check("is at least the log-likelihood at every other scale b")
def _(t: Trial) -> None:
    r = t.rng.standard_t(3, 40)
    best = t.call(r)
    t.expect_type(best)
    others = laplace_loglik(r, 0.0, np.linspace(0.2, 5.0, 97))
    t.expect(float(best) >= float(np.max(others)) - 1e-9 * abs(float(best)),
             f"expected: a value >= the largest log-likelihood on a grid of b, "
             f"{float(np.max(others)):.6g}\ngot:      {float(best):.6g}")


@laplace.check("drops by n log c when the residuals are multiplied by c")
def _(t: Trial) -> None:
    r = t.rng.laplace(0, 1.0, 25)
    c = float(10.0 ** (t.rng.uniform(0.3, 100.0) * t.rng.choice([-1.0, 1.0])))
    first = t.call(r)
    t.expect_type(first)
    t.expect_close(t.call(c * r), float(first) - r.size * math.log(c), rtol=1e-10,
                   what="your value for r, minus n log c (a change of units)")


@laplace.check("does not depend on the order of the residuals")
def _(t: Trial) -> None:
    t.expect_unchanged_by_shuffling(t.rng.laplace(0, 2.0, 20))


@laplace.check("is exact for 2,000 residuals with one gross outlier, at any scale")
def _(t: Trial) -> None:
    # The outlier's |r| / b is in the thousands: e^(-|r| / b) underflows to 0, and so does a
    # product of 2,000 densities; the log-likelihood itself is an ordinary number.
    r = t.rng.laplace(0.0, 1.0, 2000)
    r[0] = float(10.0 ** t.rng.uniform(4.5, 6.0)) * float(t.rng.choice([-1.0, 1.0]))
    r = t.rng.permutation(r) * float(10.0 ** t.rng.uniform(-150.0, 150.0))
    b_hat = float(np.mean(np.abs(r)))
    t.expect_close(t.call(r), float(laplace_loglik(r, 0.0, b_hat)), rtol=1e-10,
                   what="the largest log-likelihood over b, to a relative 1e-10")


@laplace.mistake(
    "the standard deviation as the scale",
    "The root mean square is the best scale of a Gaussian. For the Laplace density, set the "
    "derivative of the log-likelihood in b to zero and solve for b.")
def _(residuals):
    r = np.asarray(residuals, dtype=float)
    return float(laplace_loglik(r, 0.0, np.sqrt(np.mean(r**2))))


@laplace.mistake(
    "log b instead of log 2b",
    "Look again at the normalising constant of the Laplace density in the statement: what is "
    "the log of one over it?")
def _(residuals):
    r = np.asarray(residuals, dtype=float)
    b = np.mean(np.abs(r))
    return -r.size * np.log(b) - r.size


@laplace.mistake(
    "dropped the exponent term at the best scale",
    "The log-likelihood has two terms. At the best b the exponent term, -sum |r_i| / b, "
    "does not vanish: evaluate it there.")
def _(residuals):
    r = np.asarray(residuals, dtype=float)
    return -r.size * np.log(2 * np.mean(np.abs(r)))


@laplace.mistake(
    "the Gaussian log-likelihood instead",
    "This is the maximised Gaussian log-likelihood. The Laplace density has |r| / b in its "
    "exponent, not r^2 / (2 sigma^2), and so a different best scale and maximum.")
def _(residuals):
    r = np.asarray(residuals, dtype=float)
    return -0.5 * r.size * np.log(2 * np.pi * np.mean(r**2)) - 0.5 * r.size
