"""Exercises of Chapter 7, *Every loss is a negative log-likelihood*."""

from __future__ import annotations

import math

import numpy as np
from scipy import special, stats

from ..densities import bernoulli_logpmf
from ..likelihood import laplace_loglik
from ..losses import binary_cross_entropy_with_logits, poisson_nll_loss
from .framework import Trial, exercise

CHAPTER = 7

# --------------------------------------------------------------------------------------------
mse_nll = exercise(
    "loss-mse-to-nll", chapter=CHAPTER, function="mse_to_gaussian_nll",
    title="From a mean squared error to a Gaussian negative log-likelihood")


def _gaussian_mean_nll(mse: float, sigma: float) -> float:
    return mse / (2 * sigma**2) + 0.5 * math.log(2 * math.pi * sigma**2)


@mse_nll.check("agrees with the mean of -log N(y | prediction, sigma) from scipy.stats")
def _(t: Trial) -> None:
    y, prediction = t.rng.normal(0, 2, 40), t.rng.normal(0, 2, 40)
    sigma = float(t.rng.uniform(0.5, 3.0))
    mse = float(np.mean((y - prediction) ** 2))
    t.expect_close(t.call(mse, sigma), -np.mean(stats.norm.logpdf(y, prediction, sigma)),
                   rtol=1e-10, what="the mean Gaussian NLL per observation, in nats")


@mse_nll.check("grows with the mean squared error at the rate 1 / (2 sigma^2)")
def _(t: Trial) -> None:
    sigma = float(t.rng.uniform(0.3, 2.0))
    mse = float(t.rng.uniform(0.5, 5.0))
    low, high = t.call(mse, sigma), t.call(mse + 1.0, sigma)
    t.expect_type(low)
    t.expect_close(float(high) - float(low), 1 / (2 * sigma**2), rtol=1e-9,
                   what=f"an increase of 1 / (2 sigma^2) = {1 / (2 * sigma**2):.6g} when the "
                        "mean squared error grows by 1")


@mse_nll.check("is smallest, over sigma, at sigma = sqrt(mse): the Gaussian MLE of the scale")
def _(t: Trial) -> None:
    mse = float(t.rng.uniform(0.5, 4.0))
    grid = np.linspace(0.3, 3.0, 271)
    values = np.array([float(t.call(mse, s)) for s in grid])
    best = grid[int(np.argmin(values))]
    t.expect(abs(best - math.sqrt(mse)) <= 0.01,
             f"expected: the smallest value at sigma = sqrt(mse) = {math.sqrt(mse):.4g}\n"
             f"got:      the smallest value at sigma = {best:.4g}")


@mse_nll.check("is 1/2 + log(2 pi)/2 at mse = sigma = 1")
def _(t: Trial) -> None:
    t.expect_close(t.call(1.0, 1.0), 0.5 + 0.5 * math.log(2 * math.pi), rtol=1e-12,
                   what="0.5 + 0.5 log(2 pi) = 1.4189")


@mse_nll.mistake(
    "left out the constant (1/2) log(2 pi sigma^2)",
    "mse / (2 sigma^2) is the part that depends on the predictions; the normal density also has "
    "the factor 1 / sqrt(2 pi sigma^2), whose log is -(1/2) log(2 pi sigma^2).")
def _(mse, sigma):
    return mse / (2 * sigma**2)


@mse_nll.mistake(
    "sigma where sigma^2 belongs",
    "The exponent of the normal density is -(y - mu)^2 / (2 sigma^2), with the variance, and its "
    "normalising constant is sqrt(2 pi sigma^2).")
def _(mse, sigma):
    return mse / (2 * sigma) + 0.5 * math.log(2 * math.pi * sigma)


@mse_nll.mistake(
    "forgot the 1/2 in front of the squared error",
    "The Gaussian exponent is (y - mu)^2 / (2 sigma^2): the squared error is divided by twice "
    "the variance.")
def _(mse, sigma):
    return mse / sigma**2 + 0.5 * math.log(2 * math.pi * sigma**2)


@mse_nll.mistake(
    "forgot the 1/2 in front of the log",
    "log sqrt(2 pi sigma^2) = (1/2) log(2 pi sigma^2).")
def _(mse, sigma):
    return mse / (2 * sigma**2) + math.log(2 * math.pi * sigma**2)


# --------------------------------------------------------------------------------------------
logits = exercise(
    "loss-bce-logits", chapter=CHAPTER, function="bce_with_logits",
    title="Binary cross-entropy from logits, stable for every logit")


@logits.check("agrees with the mean Bernoulli NLL for moderate logits")
def _(t: Trial) -> None:
    z, y = t.rng.normal(0, 3, 30), t.rng.integers(0, 2, 30)
    t.expect_close(t.call(z, y), -np.mean(bernoulli_logpmf(y, logit=z)), rtol=1e-10,
                   what="the mean of -log Bernoulli(y | sigmoid(z)), in nats")


@logits.check("charges a confident mistake |z| nats, even for logits of +-800")
def _(t: Trial) -> None:
    z = t.rng.permutation(np.array([-900.0, -800.0, -750.0, 760.0, 790.0, 800.0]))
    y = (z < 0).astype(int)  # every label is the one its logit makes least likely
    t.expect_close(t.call(z, y), float(binary_cross_entropy_with_logits(z, y)), rtol=1e-12,
                   what="a finite loss: a confidently wrong logit z costs about |z| nats")


@logits.check("charges a confident correct answer almost nothing, even for logits of +-800")
def _(t: Trial) -> None:
    z = t.rng.permutation(np.array([-800.0, 800.0, -35.0, 38.0, -2.0, 3.0]))
    y = (z > 0).astype(int)
    t.expect_close(t.call(z, y), float(binary_cross_entropy_with_logits(z, y)), rtol=1e-10,
                   what="a small loss, about the mean of e^-|z|")


@logits.check("does not change when the labels are swapped and the logits negated")
def _(t: Trial) -> None:
    z, y = t.rng.normal(0, 4, 12), t.rng.integers(0, 2, 12)
    first = t.call(z, y)
    t.expect_type(first)
    t.expect_close(t.call(-z, 1 - y), float(first), rtol=1e-12,
                   what="the same loss: class 1 with logit z is class 0 with logit -z")


@logits.check("is a mean: repeating the data set leaves it unchanged")
def _(t: Trial) -> None:
    z, y = t.rng.normal(0, 2, 10), t.rng.integers(0, 2, 10)
    first = t.call(z, y)
    t.expect_type(first)
    t.expect_close(t.call(np.tile(z, 3), np.tile(y, 3)), float(first), rtol=1e-12,
                   what="the same value as for one copy of the data")


@logits.mistake(
    "the log of the sigmoid computed naively",
    "np.log(1 / (1 + np.exp(-z))) overflows in exp(800) and gives log 0 = -inf when sigmoid(z) "
    "rounds to 0. Use -log sigmoid(z) = log(1 + e^-z) = np.logaddexp(0, -z) instead.")
def _(z, y):
    z, y = np.asarray(z, dtype=float), np.asarray(y, dtype=float)
    p = 1 / (1 + np.exp(-z))
    return -np.mean(y * np.log(p) + (1 - y) * np.log(1 - p))


@logits.mistake(
    "the probabilities clamped like torch's binary_cross_entropy",
    "Computing sigmoid(z) first and clamping log p at -100 caps the loss of a confident mistake "
    "at 100 nats; with logits, -log sigmoid(z) = log(1 + e^-z) needs no clamp and is exact.")
def _(z, y):
    z, y = np.asarray(z, dtype=float), np.asarray(y, dtype=float)
    p = special.expit(z)
    with np.errstate(divide="ignore"):
        log_p, log_q = np.maximum(np.log(p), -100), np.maximum(np.log1p(-p), -100)
    return -np.mean(y * log_p + (1 - y) * log_q)


@logits.mistake(
    "the two classes swapped",
    "A label 1 has probability sigmoid(z), so it costs log(1 + e^-z) = softplus(-z); a label 0 "
    "costs softplus(z).")
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
    title="The complete Poisson negative log-likelihood from log-rates")


@poisson.check("agrees with the mean of -log Poisson(k | e^x) from scipy.stats")
def _(t: Trial) -> None:
    rate = 1.5 + t.rng.gamma(2.0, 2.0, 25)
    k = t.rng.poisson(rate)
    t.expect_close(t.call(np.log(rate), k), -np.mean(stats.poisson.logpmf(k, rate)),
                   rtol=1e-10, what="the mean Poisson NLL per observation, log k! included")


@poisson.check("is torch's poisson_nll_loss plus the mean of log k!, for counts up to 10^4")
def _(t: Trial) -> None:
    rate = t.rng.uniform(100.0, 10_000.0, 15)
    k = t.rng.poisson(rate)
    log_rate = np.log(rate)
    expected = float(poisson_nll_loss(log_rate, k)) + float(np.mean(special.gammaln(k + 1.0)))
    t.expect_close(t.call(log_rate, k), expected, rtol=1e-10,
                   what="poisson_nll_loss(x, k) + mean(log k!), exactly (not Stirling's value)")


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
    t.expect_close(t.call(np.log(rate)[order], k[order]), float(first), rtol=1e-12,
                   what="the same value for the same pairs in another order")


@poisson.mistake(
    "left out log k!, as torch's poisson_nll_loss does",
    "e^x - k x is the part that depends on the prediction; the complete NLL adds log k! = "
    "gammaln(k + 1), which is not 0 for k > 1.")
def _(log_rate, k):
    x, k = np.asarray(log_rate, dtype=float), np.asarray(k, dtype=float)
    return np.mean(np.exp(x) - k * x)


@poisson.mistake(
    "Stirling's approximation instead of log k!",
    "k log k - k + log(2 pi k)/2 is only an approximation of log k!, too small by about "
    "1/(12k). Use scipy.special.gammaln(k + 1), which is exact.")
def _(log_rate, k):
    x, k = np.asarray(log_rate, dtype=float), np.asarray(k, dtype=float)
    safe = np.where(k > 1, k, 2.0)
    stirling = np.where(k > 1, safe * np.log(safe) - safe + 0.5 * np.log(2 * np.pi * safe), 0)
    return np.mean(np.exp(x) - k * x + stirling)


@poisson.mistake(
    "treated the input as a rate, not a log-rate",
    "The input x is log(rate): the rate is e^x, so the NLL is e^x - k x + log k!.")
def _(log_rate, k):
    x, k = np.asarray(log_rate, dtype=float), np.asarray(k, dtype=float)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.mean(x - k * np.log(x) + special.gammaln(k + 1.0))


@poisson.mistake(
    "log k instead of log k!",
    "The Poisson probability has k! in the denominator: its log is gammaln(k + 1), not log k.")
def _(log_rate, k):
    x, k = np.asarray(log_rate, dtype=float), np.asarray(k, dtype=float)
    with np.errstate(divide="ignore"):
        return np.mean(np.exp(x) - k * x + np.where(k > 0, np.log(np.maximum(k, 1)), 0.0))


# --------------------------------------------------------------------------------------------
laplace = exercise(
    "loss-laplace-profile", chapter=CHAPTER, function="laplace_max_loglik",
    title="The Laplace log-likelihood of residuals, maximised over the scale")


@laplace.check("agrees with mlcourse.laplace_loglik at the MLE of the scale, mean |r|")
def _(t: Trial) -> None:
    r = t.rng.laplace(0, 1.5, 30)
    b_hat = float(np.mean(np.abs(r)))
    t.expect_close(t.call(r), float(laplace_loglik(r, 0.0, b_hat)), rtol=1e-10,
                   what="the Laplace log-likelihood of the residuals at b = mean |r|")


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
    c = float(t.rng.uniform(2.0, 10.0))
    first = t.call(r)
    t.expect_type(first)
    t.expect_close(t.call(c * r), float(first) - r.size * math.log(c), rtol=1e-10,
                   what="your value for r, minus n log c (a change of units)")


@laplace.check("does not depend on the order of the residuals")
def _(t: Trial) -> None:
    t.expect_unchanged_by_shuffling(t.rng.laplace(0, 2.0, 20))


@laplace.mistake(
    "the standard deviation as the scale",
    "The Laplace MLE of b is the mean absolute residual, mean |r|, not the root mean square, "
    "which is the Gaussian sigma.")
def _(residuals):
    r = np.asarray(residuals, dtype=float)
    return float(laplace_loglik(r, 0.0, np.sqrt(np.mean(r**2))))


@laplace.mistake(
    "log b instead of log 2b",
    "The Laplace density is exp(-|r| / b) / (2b): each observation contributes -log(2b).")
def _(residuals):
    r = np.asarray(residuals, dtype=float)
    b = np.mean(np.abs(r))
    return -r.size * np.log(b) - r.size


@laplace.mistake(
    "forgot the -n from sum |r| / b",
    "At b = mean |r|, the term -sum |r| / b is exactly -n; it does not vanish.")
def _(residuals):
    r = np.asarray(residuals, dtype=float)
    return -r.size * np.log(2 * np.mean(np.abs(r)))


@laplace.mistake(
    "the Gaussian log-likelihood instead",
    "This is the maximised Gaussian log-likelihood, -n/2 log(2 pi sigma^2) - n/2; the Laplace one "
    "is -n log(2b) - n with b = mean |r|.")
def _(residuals):
    r = np.asarray(residuals, dtype=float)
    return -0.5 * r.size * np.log(2 * np.pi * np.mean(r**2)) - 0.5 * r.size
