"""Exercises of Chapter 10, *Large-sample theory: intervals and tests*."""

from __future__ import annotations

import math

import numpy as np
from scipy import special, stats

from ..intervals import proportion_interval
from .framework import Trial, _to_numpy, describe, exercise
from .rules import Forbidden

CHAPTER = 10

OWN = Forbidden("mlcourse", "the check compares with the course's own functions; write yours")
NO_STATSMODELS = Forbidden("statsmodels", "statsmodels has these intervals ready-made; derive "
                                          "yours")
Z_975 = float(stats.norm.ppf(0.975))


def _pair(t: Trial, got: object, what: str) -> tuple[float, float]:
    """The answer as a pair of floats, or a failure saying that a tuple (low, high) was due."""
    t.expect(isinstance(got, tuple) and len(got) == 2,
             f"expected: {what}, a tuple of two numbers\ngot:      {describe(got)} "
             f"({type(got).__name__})")
    for end in got:
        t.expect(isinstance(end, (float, np.floating)) and not isinstance(end, np.ndarray),
                 f"expected: each end a float (a Python or numpy float)\ngot:      "
                 f"{describe(end)} ({type(end).__name__})")
    return float(got[0]), float(got[1])


def _counts(t: Trial, low: int = 1, high: int = 200) -> tuple[int, int]:
    n = int(t.rng.integers(max(low, 2), high))
    return int(t.rng.integers(1, n)), n


def _alpha(t: Trial) -> float:
    return float(t.rng.choice([0.01, 0.1, 0.2, 0.05 + t.rng.uniform(-0.02, 0.02)]))


# --------------------------------------------------------------------------------------------
wilson = exercise(
    "intervals-wilson", chapter=CHAPTER, function="wilson_interval",
    title="The Wilson (score) interval for a proportion",
    forbidden=[OWN, NO_STATSMODELS,
               Forbidden("scipy.stats.binomtest", "binomtest has the Wilson interval built in"),
               Forbidden("scipy.optimize", "the score interval has a closed form: solve the "
                                           "quadratic by hand"),
               Forbidden("numpy.roots", "the score interval has a closed form: solve the "
                                        "quadratic by hand"),
               Forbidden("numpy.polynomial", "the score interval has a closed form: solve "
                                             "the quadratic by hand")])


@wilson.check("agrees with the inverted score test at random counts and levels")
def _(t: Trial) -> None:
    for _ in range(4):
        k, n = _counts(t)
        alpha = _alpha(t)
        got = t.call(k, n, alpha)
        _pair(t, got, "the interval (low, high)")
        t.expect_close(np.array(got, dtype=float),
                       np.array(proportion_interval(k, n, alpha, method="wilson")),
                       rtol=1e-9, what=f"the {1 - alpha:.3g} score interval")


@wilson.check("the default level is 95%, with the exact normal quantile")
def _(t: Trial) -> None:
    # The random levels of the first check are never exactly 0.05: here the default and an
    # explicit alpha=0.05 are compared with the exact quantile (1.96 is only its rounding).
    k, n = _counts(t, 100, 5000)
    expected = np.array(proportion_interval(k, n, 0.05, method="wilson"))
    for got in (t.call(k, n), t.call(k, n, alpha=0.05)):
        _pair(t, got, "the interval (low, high)")
        t.expect_close(np.array(got, dtype=float), expected, rtol=1e-9,
                       what="the 95% score interval, z = norm.ppf(0.975) = 1.959964...")


@wilson.check("the ends are exactly 0 at k = 0 and exactly 1 at k = n")
def _(t: Trial) -> None:
    n = int(t.rng.integers(1, 60))
    low, high = _pair(t, t.call(0, n), "the interval (low, high)")
    t.expect(abs(low) <= 1e-12, f"expected: a lower end of 0 for k = 0 (no successes)\n"
                                f"got:      {low!r}")
    t.expect(0 < high < 1, f"expected: an upper end strictly between 0 and 1\ngot:      {high!r}")
    low, high = _pair(t, t.call(n, n), "the interval (low, high)")
    t.expect(abs(high - 1) <= 1e-12, f"expected: an upper end of 1 for k = n (no failures)\n"
                                     f"got:      {high!r}")


@wilson.check("swapping successes and failures mirrors the interval about 1/2")
def _(t: Trial) -> None:
    k, n = _counts(t)
    low, high = _pair(t, t.call(k, n), "the interval (low, high)")
    t.expect_close(np.array(t.call(n - k, n), dtype=float), np.array([1 - high, 1 - low]),
                   rtol=1e-9, atol=1e-12, what="the mirror image (1 - high, 1 - low)")


@wilson.check("contains the estimate k/n and stays inside [0, 1], even for n = 1")
def _(t: Trial) -> None:
    for k, n in [(1, 1), (0, 1), (*_counts(t),)]:
        low, high = _pair(t, t.call(k, n), "the interval (low, high)")
        t.expect(0 <= low <= k / n <= high <= 1,
                 f"expected: 0 <= low <= k/n = {k / n:.4g} <= high <= 1\n"
                 f"got:      ({low!r}, {high!r})")


@wilson.mistake(
    "the Wald interval",
    "This is the estimate plus or minus z standard errors, with the variance taken at the "
    "estimate. The score interval keeps every p that the score test accepts, so its variance "
    "is p(1 - p)/n at the p being tested: solve for those p.")
def _(k, n, alpha=0.05):
    z = stats.norm.ppf(1 - alpha / 2)
    phat = k / n
    half = z * math.sqrt(phat * (1 - phat) / n)
    return (phat - half, phat + half)


@wilson.mistake(
    "a one-sided quantile",
    "A two-sided interval leaves alpha/2 in each tail, so the normal quantile is taken at "
    "1 - alpha/2, not at 1 - alpha.")
def _(k, n, alpha=0.05):
    z = stats.norm.ppf(1 - alpha)
    centre = (k + z * z / 2) / (n + z * z)
    half = z * math.sqrt(k * (n - k) / n + z * z / 4) / (n + z * z)
    return (max(centre - half, 0.0), min(centre + half, 1.0))


@wilson.mistake(
    "alpha ignored (z = 1.96 always)",
    "1.96 is the normal quantile for a 95% interval only, and only to three digits; compute "
    "the quantile from alpha.")
def _(k, n, alpha=0.05):
    z = 1.96
    centre = (k + z * z / 2) / (n + z * z)
    half = z * math.sqrt(k * (n - k) / n + z * z / 4) / (n + z * z)
    return (max(centre - half, 0.0), min(centre + half, 1.0))


# --------------------------------------------------------------------------------------------
lr = exercise(
    "intervals-lr", chapter=CHAPTER, function="lr_interval",
    title="The likelihood-ratio interval for a proportion",
    forbidden=[OWN, NO_STATSMODELS])


def _cut(alpha: float) -> float:
    return float(stats.chi2.ppf(1 - alpha, 1)) / 2


@lr.check("agrees with the inverted likelihood-ratio test at random counts and levels")
def _(t: Trial) -> None:
    for _ in range(4):
        k, n = _counts(t)
        alpha = _alpha(t)
        got = t.call(k, n, alpha)
        _pair(t, got, "the interval (low, high)")
        t.expect_close(np.array(got, dtype=float),
                       np.array(proportion_interval(k, n, alpha, method="lr")),
                       rtol=1e-7, what=f"the {1 - alpha:.3g} likelihood-ratio interval")
    # Thousands of trials, a count inside: the likelihood itself (not its log) is 0 in floats.
    n = int(t.rng.integers(5000, 50000))
    k = int(n * t.rng.uniform(0.1, 0.9))
    got = t.call(k, n, 0.05)
    _pair(t, got, "the interval (low, high)")
    t.expect_close(np.array(got, dtype=float),
                   np.array(proportion_interval(k, n, 0.05, method="lr")), rtol=1e-7,
                   what="the 0.95 likelihood-ratio interval, from the log-likelihood")


@lr.check("each end has a relative error below 1e-7, also a tiny end (k = 1, huge n)")
def _(t: Trial) -> None:
    # With k of 1 to 3 in 1e7 to 1e8 trials the ends are near 1e-9 and 1e-8: an absolute
    # tolerance (brentq's default xtol, a fixed number of halvings) or a bracket that starts
    # above the lower end misses them; the mirror count n - k does the same near 1.
    for k in (1, int(t.rng.integers(2, 4))):
        n = int(10 ** t.rng.uniform(7, 8))
        alpha = _alpha(t)
        for count in t.rng.permutation([k, n - k]):
            got = t.call(int(count), n, alpha)
            _pair(t, got, "the interval (low, high)")
            t.expect_close(np.array(got, dtype=float),
                           np.array(proportion_interval(int(count), n, alpha, method="lr")),
                           rtol=1e-7, what="both ends, each to a relative 1e-7")


@lr.check("the log-likelihood drops by half the chi-square quantile at both ends")
def _(t: Trial) -> None:
    k, n = _counts(t, 50, 5000)
    alpha = _alpha(t)
    low, high = _pair(t, t.call(k, n, alpha), "the interval (low, high)")
    top = special.xlogy(k, k / n) + special.xlog1py(n - k, -k / n)
    for end in (low, high):
        t.expect(0 < end < 1, f"expected: ends strictly between 0 and 1\ngot:      {end!r}")
        drop = top - special.xlogy(k, end) - special.xlog1py(n - k, -end)
        t.expect(abs(drop - _cut(alpha)) <= 1e-6 * (1 + abs(top)),
                 f"expected: a drop of chi2_1({1 - alpha:.3g}) / 2 = {_cut(alpha):.6f} at "
                 f"each end\ngot:      a drop of {drop:.6f} at {end!r}")


@lr.check("k = 0 gives a lower end of 0 (and k = n an upper end of 1)")
def _(t: Trial) -> None:
    n = int(t.rng.integers(1, 400))
    got = t.call(0, n)
    low, high = _pair(t, got, "the interval (low, high)")
    t.expect(low == 0, f"expected: a lower end of exactly 0: the likelihood is largest at "
                       f"p = 0\ngot:      {low!r}")
    t.expect_close(np.array(got, dtype=float), np.array([0.0, -math.expm1(-_cut(0.05) / n)]),
                   rtol=1e-7, what="the interval from 0 to where the log-likelihood has "
                                   "dropped by the cut")
    low, high = _pair(t, t.call(n, n), "the interval (low, high)")
    t.expect(high == 1, f"expected: an upper end of exactly 1 for k = n\ngot:      {high!r}")


@lr.mistake(
    "the full chi-square quantile as the drop",
    "Wilks' theorem is about twice the drop of the log-likelihood; the drop itself is "
    "compared with half the chi-square quantile (1.92 at 95%).")
def _(k, n, alpha=0.05):
    low, high = proportion_interval(k, n, alpha=stats.chi2.sf(4 * _cut(alpha), 1),
                                    method="lr")
    return (low, high)


@lr.mistake(
    "alpha/2 in the chi-square quantile",
    "The likelihood-ratio statistic is squared: both tails of the normal are already in the "
    "upper tail of the chi-square, so its quantile is taken at 1 - alpha.")
def _(k, n, alpha=0.05):
    low, high = proportion_interval(k, n, alpha=alpha / 2, method="lr")
    return (low, high)


# --------------------------------------------------------------------------------------------
coverage = exercise(
    "intervals-exact-coverage", chapter=CHAPTER, function="exact_coverage",
    title="The exact coverage of an interval for a proportion",
    forbidden=[OWN, NO_STATSMODELS])


def _reference_coverage(lows: np.ndarray, highs: np.ndarray, p: float) -> float:
    n = len(lows) - 1
    k = np.arange(n + 1)
    covered = (lows <= p) & (p <= highs)
    return float(stats.binom.pmf(k[covered], n, p).sum())


@coverage.check("agrees with the sum of binomial probabilities of the covering counts")
def _(t: Trial) -> None:
    for method in ("wald", "wilson", "exact"):
        n = int(t.rng.integers(3, 60))
        lows, highs = proportion_interval(np.arange(n + 1), n, method=method)
        p = float(t.rng.uniform(0.01, 0.99))
        t.expect_close(t.call(lows, highs, p), _reference_coverage(lows, highs, p),
                       rtol=1e-10, what=f"the coverage of the {method} intervals at p = {p:.4g}")


@coverage.check("an interval whose end equals p covers it (the ends are included)")
def _(t: Trial) -> None:
    n = int(t.rng.integers(4, 30))
    p = float(t.rng.uniform(0.2, 0.8))
    lows = np.sort(t.rng.uniform(0, p, size=n + 1))
    highs = np.sort(t.rng.uniform(p, 1, size=n + 1))
    touching = t.rng.choice(n + 1, size=3, replace=False)
    lows[touching[0]] = p
    highs[touching[1:]] = p
    t.expect_close(t.call(lows, highs, p), _reference_coverage(lows, highs, p), rtol=1e-10,
                   what="the coverage, counting the intervals that end exactly at p")


@coverage.check("is exact at p = 0 and p = 1, and for n in the thousands")
def _(t: Trial) -> None:
    n = int(t.rng.integers(5, 40))
    lows, highs = proportion_interval(np.arange(n + 1), n, method="wald")
    for p in (0.0, 1.0):  # the Wald interval at k = 0 is the single point 0
        t.expect_close(t.call(lows, highs, p), _reference_coverage(lows, highs, p), rtol=1e-12,
                       what=f"the coverage at p = {p:g}, where only one count is possible")
    n = int(t.rng.integers(1500, 3000))
    lows, highs = proportion_interval(np.arange(n + 1), n, method="wilson")
    p = float(t.rng.uniform(0.3, 0.7))
    got = t.call(lows, highs, p)
    t.expect_finite(got, "a finite coverage: the binomial probabilities are all small numbers")
    t.expect_close(got, _reference_coverage(lows, highs, p), rtol=1e-9,
                   what=f"the coverage for n = {n} (binomial coefficients beyond float range)")


@coverage.check("returns a single float, and 1 for intervals that are all [0, 1]")
def _(t: Trial) -> None:
    n = int(t.rng.integers(2, 50))
    got = t.call(np.zeros(n + 1), np.ones(n + 1), float(t.rng.uniform()))
    t.expect_close(got, 1.0, rtol=1e-12, what="1: every interval covers every p")
    t.expect(isinstance(got, (float, np.floating)) and np.ndim(got) == 0,
             f"expected: a float\ngot:      {describe(got)} ({type(got).__name__})")


@coverage.mistake(
    "ends excluded",
    "A confidence interval is closed: a p that sits exactly on an end is covered.")
def _(lows, highs, p):
    n = len(lows) - 1
    k = np.arange(n + 1)
    covered = (np.asarray(lows) < p) & (p < np.asarray(highs))
    return float(stats.binom.pmf(k[covered], n, p).sum())


@coverage.mistake(
    "n taken as the number of intervals",
    "There is one interval per possible count, and a count ranges over 0, 1, ..., n: "
    "that is one more interval than trials.")
def _(lows, highs, p):
    n = len(lows)
    k = np.arange(n)
    covered = (np.asarray(lows) <= p) & (p <= np.asarray(highs))
    return float(stats.binom.pmf(k[covered], n, p).sum())


@coverage.mistake(
    "the share of intervals that cover p",
    "Counts are not equally likely: each interval must be weighted by the probability, "
    "under the true p, of the count it was computed from.")
def _(lows, highs, p):
    covered = (np.asarray(lows) <= p) & (p <= np.asarray(highs))
    return float(np.mean(covered))


# --------------------------------------------------------------------------------------------
three = exercise(
    "intervals-three-tests", chapter=CHAPTER, function="three_tests",
    title="Wald, score and likelihood-ratio statistics for a proportion",
    forbidden=[OWN, NO_STATSMODELS,
               Forbidden("scipy", "the exercise asks for numpy only"),
               Forbidden("torch", "the exercise asks for numpy only")])


def _three(k: float, n: float, p0: float) -> np.ndarray:
    phat = k / n
    wald = (phat - p0) ** 2 / (phat * (1 - phat) / n) if 0 < k < n else math.inf
    score = (phat - p0) ** 2 / (p0 * (1 - p0) / n)
    lr = 2 * (special.xlogy(k, phat) - special.xlogy(k, p0)
              + special.xlog1py(n - k, -phat) - special.xlog1py(n - k, -p0))
    return np.array([wald, score, lr])


def _triple(t: Trial, got: object) -> None:
    t.expect(isinstance(got, tuple) and len(got) == 3,
             f"expected: a tuple (wald, score, lr) of three numbers\ngot:      {describe(got)} "
             f"({type(got).__name__})")


@three.check("agrees with the three statistics at random counts and hypotheses")
def _(t: Trial) -> None:
    for _ in range(4):
        k, n = _counts(t, 5, 500)
        p0 = float(t.rng.uniform(0.05, 0.95))
        got = t.call(k, n, p0)
        _triple(t, got)
        t.expect_close(np.array(got, dtype=float), _three(k, n, p0), rtol=1e-9,
                       what=f"(Wald, score, LR) for H0: p = {p0:.4g}")


@three.check("all three are 0 when the hypothesis is the estimate k/n")
def _(t: Trial) -> None:
    k, n = _counts(t, 5, 500)
    got = t.call(k, n, k / n)
    _triple(t, got)
    t.expect_close(np.array(got, dtype=float), np.zeros(3), atol=1e-9,
                   what="(0, 0, 0): the data agree perfectly with the hypothesis")


@three.check("at k = 0 and k = n the Wald statistic is infinite, the others finite")
def _(t: Trial) -> None:
    n = int(t.rng.integers(2, 100))
    p0 = float(t.rng.uniform(0.05, 0.5))
    for k in t.rng.permutation([0, n]):
        got = t.call(int(k), n, p0)
        _triple(t, got)
        values = np.asarray(_to_numpy(np.array(got, dtype=float)))
        t.expect(values[0] == math.inf,
                 f"expected: an infinite Wald statistic: the estimated variance is 0\n"
                 f"got:      {values[0]!r}")
        t.expect_close(values[1:], _three(int(k), n, p0)[1:], rtol=1e-9,
                       what="finite score and LR statistics (0 log 0 counts as 0)")


@three.mistake(
    "Wald and score swapped",
    "The Wald statistic takes the variance where the estimate is, the score statistic where "
    "the hypothesis is.")
def _(k, n, p0):
    wald, score, lr = _three(k, n, p0)
    return (score, wald, lr)


@three.mistake(
    "the likelihood-ratio statistic without its factor 2",
    "Wilks' theorem gives the distribution of twice the log of the likelihood ratio.")
def _(k, n, p0):
    wald, score, lr = _three(k, n, p0)
    return (wald, score, lr / 2)


@three.mistake(
    "z statistics instead of their squares",
    "The tests are compared on the chi-square scale: each statistic is a squared z, and the "
    "likelihood-ratio statistic has no sign.")
def _(k, n, p0):
    wald, score, lr = _three(k, n, p0)
    sign = 1.0 if k / n >= p0 else -1.0
    return (sign * math.sqrt(wald), sign * math.sqrt(score), lr)


# --------------------------------------------------------------------------------------------
fisher = exercise(
    "intervals-fisher-information", chapter=CHAPTER, function="fisher_information_mc",
    title="Two Monte Carlo estimates of the Fisher information",
    forbidden=[OWN, Forbidden("numpy.gradient", "differentiate exactly with torch.autograd")])


def _poisson_logpdf(x, rate):
    import torch

    return x * torch.log(rate) - rate - torch.lgamma(x + 1)


def _exponential_logpdf(x, rate):
    import torch

    return torch.log(rate) - rate * x


def _logistic_location_logpdf(x, mu):
    import torch

    z = x - mu
    return -z - 2 * torch.nn.functional.softplus(-z)


@fisher.check("matches the exact per-observation derivatives for Poisson counts")
def _(t: Trial) -> None:
    rate = float(t.rng.uniform(0.5, 6.0))
    sample = t.rng.poisson(rate, size=int(t.rng.integers(50, 400))).astype(float)
    got = t.call(_poisson_logpdf, rate, sample)
    _pair(t, got, "(mean squared score, minus mean second derivative)")
    t.expect_close(np.array(got, dtype=float),
                   np.array([np.mean((sample / rate - 1) ** 2), np.mean(sample / rate ** 2)]),
                   rtol=1e-10, what="the two sample averages of the per-observation terms")


@fisher.check("the second-derivative estimate is exact when the curvature is constant")
def _(t: Trial) -> None:
    rate = float(t.rng.uniform(0.2, 5.0))
    sample = t.rng.exponential(1 / rate, size=int(t.rng.integers(20, 200)))
    got = t.call(_exponential_logpdf, rate, sample)
    _pair(t, got, "(mean squared score, minus mean second derivative)")
    t.expect_close(np.array(got, dtype=float),
                   np.array([np.mean((1 / rate - sample) ** 2), 1 / rate ** 2]),
                   rtol=1e-10, what="(mean of (1/rate - x)^2, 1/rate^2)")


@fisher.check("works for one observation and does not depend on the order of the sample")
def _(t: Trial) -> None:
    mu = float(t.rng.normal())
    sample = mu + t.rng.logistic(size=int(t.rng.integers(30, 100)))
    z = sample - mu
    score = np.tanh(z / 2)
    curvature = 2 * np.exp(-z) / (1 + np.exp(-z)) ** 2
    got = t.call(_logistic_location_logpdf, mu, sample)
    _pair(t, got, "(mean squared score, minus mean second derivative)")
    t.expect_close(np.array(got, dtype=float), np.array([np.mean(score ** 2),
                                                         np.mean(curvature)]),
                   rtol=1e-10, what="the two averages for a logistic location")
    shuffled = t.call(_logistic_location_logpdf, mu, t.rng.permutation(sample))
    t.expect_close(np.array(shuffled, dtype=float), np.array(got, dtype=float), rtol=1e-10,
                   what="the same pair for the shuffled sample")
    one = t.call(_logistic_location_logpdf, mu, sample[:1])
    _pair(t, one, "(mean squared score, minus mean second derivative)")
    t.expect_close(np.array(one, dtype=float), np.array([score[0] ** 2, curvature[0]]),
                   rtol=1e-10, what="the two terms of the single observation")


def _cauchy_location_logpdf(x, mu):
    import torch

    return -torch.log1p((x - mu) ** 2) - math.log(math.pi)


@fisher.check("keeps the sign of each curvature term when the log-density is not concave")
def _(t: Trial) -> None:
    # A Cauchy location: -d2/dmu2 log f = 2(1 - z^2)/(1 + z^2)^2 is negative for |z| > 1, so
    # the average mixes signs, and one far observation gives a negative estimate.
    mu = float(t.rng.normal())
    sample = mu + t.rng.standard_cauchy(size=int(t.rng.integers(20, 80)))
    z = sample - mu
    got = t.call(_cauchy_location_logpdf, mu, sample)
    _pair(t, got, "(mean squared score, minus mean second derivative)")
    t.expect_close(np.array(got, dtype=float),
                   np.array([np.mean((2 * z / (1 + z**2)) ** 2),
                             np.mean(2 * (1 - z**2) / (1 + z**2) ** 2)]),
                   rtol=1e-10, atol=1e-14, what="the two averages, signs of the terms kept")
    far = mu + float(t.rng.choice([-1.0, 1.0]) * t.rng.uniform(1.5, 5.0))
    got = t.call(_cauchy_location_logpdf, mu, np.array([far]))
    _pair(t, got, "(mean squared score, minus mean second derivative)")
    z = far - mu
    t.expect_close(np.array(got, dtype=float),
                   np.array([(2 * z / (1 + z**2)) ** 2, 2 * (1 - z**2) / (1 + z**2) ** 2]),
                   rtol=1e-10, what="a negative curvature term for an observation with |z| > 1")


def _per_observation(logpdf, theta, sample):
    import torch

    x = torch.as_tensor(np.asarray(sample, dtype=float))
    point = torch.full(x.shape, float(theta), dtype=torch.float64, requires_grad=True)
    (score,) = torch.autograd.grad(logpdf(x, point).sum(), point, create_graph=True)
    (second,) = torch.autograd.grad(score.sum(), point)
    return score.detach().numpy(), second.numpy()


@fisher.mistake(
    "the square of the mean score",
    "The information is the variance of the score, the mean of its square; near the estimate "
    "the mean score itself is close to 0, so its square says nothing about the curvature.")
def _(logpdf, theta, sample):
    score, second = _per_observation(logpdf, theta, sample)
    return (float(np.mean(score) ** 2), float(-np.mean(second)))


@fisher.mistake(
    "the second derivative without its minus sign",
    "The log-likelihood curves down at a maximum, so its second derivative is negative; the "
    "information is the curvature counted as a positive number.")
def _(logpdf, theta, sample):
    score, second = _per_observation(logpdf, theta, sample)
    return (float(np.mean(score ** 2)), float(np.mean(second)))


@fisher.mistake(
    "each curvature term counted as positive",
    "Minus the second derivative of one observation's log-density is negative wherever that "
    "log-density curves upwards (in the tails of a Cauchy, for one). Average the terms as "
    "they are, signs included: only the expectation is sure to be positive.")
def _(logpdf, theta, sample):
    score, second = _per_observation(logpdf, theta, sample)
    return (float(np.mean(score ** 2)), float(np.mean(np.abs(second))))


@fisher.mistake(
    "sums instead of means",
    "The function estimates the information of one observation: average the per-observation "
    "terms over the sample rather than adding them up.")
def _(logpdf, theta, sample):
    score, second = _per_observation(logpdf, theta, sample)
    return (float(np.sum(score ** 2)), float(-np.sum(second)))
