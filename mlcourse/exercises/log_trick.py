"""Exercises of Chapter 2, *The log trick*."""

from __future__ import annotations

import math
from typing import Any

import numpy as np
from scipy import special

from ..densities import categorical_logpmf
from ..likelihood import bernoulli_loglik
from ..logspace import log1mexp
from .framework import Trial, exercise
from .rules import Forbidden

CHAPTER = 2

# "Use only numpy": the libraries whose functions would do the exercise in one call (the
# checks' references come from mlcourse and scipy).
ONLY_NUMPY = [
    Forbidden("mlcourse", "the exercise is to write this yourself; mlcourse already has it"),
    Forbidden("scipy", "the exercise asks for numpy only; scipy would do the work for you"),
    Forbidden("torch", "the exercise asks for numpy only"),
    Forbidden("sklearn", "the exercise asks for numpy only"),
    Forbidden("statsmodels", "the exercise asks for numpy only"),
]



def _tiny(rng: np.random.Generator, size: int, low: float = -12.0,
          high: float = -7.5) -> np.ndarray:
    """Probabilities far below 1e-7 (where Keras-style clipping changes them)."""
    return 10.0 ** rng.uniform(low, high, size=size)


# --------------------------------------------------------------------------------------------
sequence_loglik = exercise(
    "logtrick-bernoulli-loglik", chapter=CHAPTER, function="sequence_loglik",
    title="The log-likelihood of a sequence of flips", forbidden=ONLY_NUMPY)


@sequence_loglik.check("agrees with the log-likelihood of the sequence for one value of p")
def _(t: Trial) -> None:
    flips = t.rng.integers(0, 2, size=int(t.rng.integers(8, 16)))
    p = float(t.rng.uniform(0.05, 0.95))
    t.expect_close(t.call(flips, p), bernoulli_loglik(flips, p), rtol=1e-10,
                   what="the log-likelihood of this sequence (a number)")


@sequence_loglik.check("returns an ndarray, one log-likelihood per candidate, with the shape "
                       "of p (1-D or 2-D)")
def _(t: Trial) -> None:
    flips = t.rng.integers(0, 2, size=9)
    for shape in ((5,), (3, 2)):
        p = t.rng.uniform(0.02, 0.98, size=shape)
        got = t.call(flips, p)
        t.expect_array(got, shape)
        t.expect_close(got, bernoulli_loglik(flips, p), rtol=1e-10,
                       what=f"one log-likelihood for each candidate, shape {shape}")


@sequence_loglik.check("stays finite for 100000 flips, where the likelihood itself underflows")
def _(t: Trial) -> None:
    flips = (t.rng.random(100_000) < 0.3).astype(int)
    p = np.array([0.2, 0.3, 0.5, 0.8])
    # Sums of 1e5 terms of size ~1: relative rounding error far below 1e-10.
    t.expect_close(t.call(flips, p), bernoulli_loglik(flips, p), rtol=1e-10,
                   what="finite log-likelihoods of tens of thousands of nats below 0")


@sequence_loglik.check("has 10 correct digits for p below 1e-7 or within 1e-7 of 1, with "
                       "all-heads and all-tails samples")
def _(t: Trial) -> None:
    tiny = _tiny(t.rng, 3)
    p = t.rng.permutation(np.r_[tiny, 1.0 - tiny])
    n = int(t.rng.integers(20, 2000))
    for flips in ((t.rng.random(n) < 0.5).astype(int), np.zeros(n, dtype=int),
                  np.ones(n, dtype=int)):
        t.expect_close(t.call(flips, p), bernoulli_loglik(flips, p), rtol=1e-10,
                       what="the log-likelihood for each p, to 10 significant digits")


@sequence_loglik.check("does not depend on the order of the flips")
def _(t: Trial) -> None:
    flips = t.rng.integers(0, 2, size=15)
    p = 0.6
    t.expect_unchanged_by_shuffling(flips, p)


@sequence_loglik.check("is largest on a grid at the fraction of heads")
def _(t: Trial) -> None:
    flips = t.rng.integers(0, 2, size=40)
    grid = np.linspace(0.005, 0.995, 199)
    values = t.call(flips, grid)
    t.expect_argmax(grid, values, flips.mean(), 0.0025)


@sequence_loglik.mistake(
    "the log of the product instead of the sum of the logs",
    "Multiplying 100000 probabilities underflows to 0 before the log is taken, and log(0) is "
    "-inf. The log turns a product into a sum: take the log of each factor, never of the "
    "product.")
def _(flips, p):
    flips, p = np.asarray(flips), np.asarray(p, dtype=float)
    n, k = flips.size, int(flips.sum())
    with np.errstate(divide="ignore"):
        return np.log(p**k * (1 - p) ** (n - k))


@sequence_loglik.mistake(
    "the likelihood instead of the log-likelihood",
    "The exercise asks for the logarithm of the probability of the sequence, a negative number "
    "of moderate size, not the probability itself.")
def _(flips, p):
    return np.exp(bernoulli_loglik(flips, p))


@sequence_loglik.mistake(
    "heads and tails swapped",
    "A 1 is heads, whose probability is p; a 0 is tails.")
def _(flips, p):
    flips, p = np.asarray(flips), np.asarray(p, dtype=float)
    n, k = flips.size, int(flips.sum())
    return k * np.log1p(-p) + (n - k) * np.log(p)


@sequence_loglik.mistake(
    "log(1 - p) that loses its digits for small p",
    "For p below about 1e-8, 1 - p rounds to a float near 1 and its log keeps only a few "
    "correct digits. numpy has a function for the log of 1 plus a small number.")
def _(flips, p):
    flips, p = np.asarray(flips), np.asarray(p, dtype=float)
    n, k = flips.size, int(flips.sum())
    return k * np.log(p) + (n - k) * np.log(1 - p)


# --------------------------------------------------------------------------------------------
mean_nll = exercise(
    "logtrick-mean-nll", chapter=CHAPTER, function="mean_nll",
    title="The average negative log-likelihood of a classifier", forbidden=ONLY_NUMPY)


@mean_nll.check("agrees with the mean of -log(probability of the true label) for a classifier")
def _(t: Trial) -> None:
    probs = t.rng.dirichlet(np.ones(4), size=25)
    labels = t.rng.integers(0, 4, size=25)
    assigned = probs[np.arange(25), labels]
    t.expect_close(t.call(assigned), -np.mean(categorical_logpmf(labels, probs)), rtol=1e-12,
                   what="the mean of -log(probability of the true label), in nats")


@mean_nll.check("is log K for a model that spreads its probability evenly over K classes, "
                "and 0 for one that is certain and right")
def _(t: Trial) -> None:
    classes = int(t.rng.integers(2, 40))
    t.expect_close(t.call(np.full(int(t.rng.integers(5, 60)), 1 / classes)), math.log(classes),
                   rtol=1e-12,
                   what=f"log {classes} (natural log): every true label got probability "
                        f"1/{classes}")
    t.expect_close(t.call(np.ones(int(t.rng.integers(1, 12)))), 0.0, atol=1e-15,
                   what="0: every true label got probability 1")


@mean_nll.check("does not change when the data set is repeated (an average, not a sum)")
def _(t: Trial) -> None:
    assigned = t.rng.uniform(0.05, 1.0, size=20)
    first = t.call(assigned)
    t.expect_type(first)
    t.expect_close(t.call(np.tile(assigned, 3)), first, rtol=1e-12,
                   what="the same value as for one copy of the data")


@mean_nll.check("stays finite for 100000 examples, where the product of the probabilities is 0")
def _(t: Trial) -> None:
    assigned = t.rng.uniform(0.05, 1.0, size=100_000)
    t.expect_close(t.call(assigned), -np.mean(np.log(assigned)), rtol=1e-10,
                   what="a finite average, below 3 nats per example")


@mean_nll.check("has 10 correct digits when some probabilities are below 1e-7, down to the "
                "smallest positive float")
def _(t: Trial) -> None:
    tiny = np.r_[_tiny(t.rng, 4, -300.0, -7.5), 5e-324]
    assigned = t.rng.permutation(np.r_[tiny, t.rng.uniform(0.05, 1.0, size=8)])
    t.expect_close(t.call(assigned), -np.mean(np.log(assigned)), rtol=1e-10,
                   what="the mean of -log q, tiny q included, to 10 significant digits")


@mean_nll.check("does not depend on the order of the examples")
def _(t: Trial) -> None:
    assigned = t.rng.uniform(0.05, 1.0, size=30)
    t.expect_unchanged_by_shuffling(assigned)


@mean_nll.mistake(
    "forgot the minus sign",
    "log q is negative for q < 1, so the average log-probability is negative; the loss is its "
    "negative, which is >= 0 and smaller for a better model.")
def _(assigned):
    return np.mean(np.log(np.asarray(assigned, dtype=float)))


@mean_nll.mistake(
    "a sum instead of a mean",
    "The loss is an average per example, so that it does not grow with the size of the data "
    "set.")
def _(assigned):
    return -np.sum(np.log(np.asarray(assigned, dtype=float)))


@mean_nll.mistake(
    "log10 instead of the natural log",
    "Likelihoods are measured in nats, with the natural logarithm; a base-10 logarithm gives "
    "a value 2.30 times too small.")
def _(assigned):
    return -np.mean(np.log10(np.asarray(assigned, dtype=float)))


@mean_nll.mistake(
    "the log of the product of the probabilities",
    "The product of 100000 probabilities underflows to 0 and -log(0) is inf. The log of a "
    "product is a sum of logs, and each of those is of moderate size.")
def _(assigned):
    assigned = np.asarray(assigned, dtype=float)
    with np.errstate(divide="ignore"):
        return -np.log(np.prod(assigned)) / assigned.size


@mean_nll.mistake(
    "probabilities clipped away from 0",
    "Clipping q to a floor such as 1e-7 (or adding a small epsilon) changes the loss of every "
    "example the model got badly wrong. log q is finite for every q > 0, however small.")
def _(assigned):
    return -np.mean(np.log(np.clip(np.asarray(assigned, dtype=float), 1e-7, 1.0)))


# --------------------------------------------------------------------------------------------
stable_logsumexp = exercise(
    "logtrick-logsumexp", chapter=CHAPTER, function="stable_logsumexp",
    title="A log-sum-exp that neither overflows nor underflows",
    forbidden=[
        *ONLY_NUMPY,
        Forbidden("numpy.logaddexp", "the exercise is to write the stable sum yourself; "
                                     "np.logaddexp does it for you"),
        Forbidden("numpy.logaddexp2", "the exercise is to write the stable sum yourself"),
    ])


def _expect_lse(t: Trial, got: Any, a: np.ndarray, what: str) -> None:
    """12 digits of max(1, max |a_i|): the statement's tolerance (a value near 0 has no
    relative accuracy)."""
    finite = a[np.isfinite(a)]
    scale = max(1.0, float(np.max(np.abs(finite)))) if finite.size else 1.0
    t.expect_close(got, special.logsumexp(a), rtol=1e-12, atol=1e-12 * scale, what=what)


@stable_logsumexp.check("agrees with log(sum(exp(a))) on moderate values")
def _(t: Trial) -> None:
    a = t.rng.normal(0.0, 3.0, size=int(t.rng.integers(2, 20)))
    _expect_lse(t, t.call(a), a, "log(sum(exp(a))) (a number)")


@stable_logsumexp.check("stays finite for values near +1000, near -1000, and both at once")
def _(t: Trial) -> None:
    for centre in (1000.0, -1000.0):
        a = centre + t.rng.normal(0.0, 2.0, size=6)
        _expect_lse(t, t.call(a), a, f"a finite value a little above max(a), near {centre:.0f}")
    a = t.rng.permutation(np.r_[t.rng.uniform(990.0, 1000.0, size=3),
                                t.rng.uniform(-1000.0, -990.0, size=5), t.rng.normal(size=2)])
    for order in (a, np.sort(a), np.sort(a)[::-1]):  # whichever entry comes first
        _expect_lse(t, t.call(order), order, "a value a little above max(a), near 1000")


@stable_logsumexp.check("shifts with its input: logsumexp(a + c) = logsumexp(a) + c")
def _(t: Trial) -> None:
    a = t.rng.normal(0.0, 2.0, size=7)
    base = t.call(a)
    t.expect_type(base)
    for shift in (800.0, -800.0):
        t.expect_close(t.call(a + shift), float(base) + shift, rtol=1e-12, atol=1e-9,
                       what=f"your value for a, plus {shift:+.0f}")


@stable_logsumexp.check("counts every copy of the maximum, and is a itself for one entry")
def _(t: Trial) -> None:
    top = float(t.rng.uniform(-5.0, 5.0))
    copies = int(t.rng.integers(2, 6))
    a = t.rng.permutation(np.r_[np.full(copies, top), top - t.rng.uniform(0.1, 3.0, size=3)])
    _expect_lse(t, t.call(a), a, f"the log-sum-exp with the maximum {copies} times")
    a = np.full(int(t.rng.integers(2, 9)), top)
    _expect_lse(t, t.call(a), a, f"max(a) + log {a.size}: {a.size} equal terms")
    single = np.array([float(t.rng.uniform(-900.0, 900.0))])
    _expect_lse(t, t.call(single), single, "the single entry itself")


@stable_logsumexp.check("ignores -inf entries (terms that are 0), and is -inf when all are")
def _(t: Trial) -> None:
    finite = t.rng.normal(0.0, 2.0, size=4)
    a = t.rng.permutation(np.r_[finite, -np.inf, -np.inf])
    _expect_lse(t, t.call(a), a, "the log-sum-exp of the finite entries alone")
    t.expect_close(t.call(np.full(int(t.rng.integers(1, 5)), -np.inf)), -np.inf,
                   what="-inf: a sum of zeros is 0, and log 0 = -inf")


@stable_logsumexp.check("does not depend on the order of the entries")
def _(t: Trial) -> None:
    a = t.rng.normal(0.0, 3.0, size=12)
    t.expect_unchanged_by_shuffling(a)


@stable_logsumexp.mistake(
    "the naive formula log(sum(exp(a)))",
    "exp(1000) overflows to inf and exp(-1000) underflows to 0. Factor the largest term out "
    "of the sum before taking the log, so that no exponent is positive and one is 0.")
def _(a):
    with np.errstate(over="ignore", divide="ignore"):
        return np.log(np.sum(np.exp(np.asarray(a, dtype=float))))


@stable_logsumexp.mistake(
    "forgot to add the maximum back",
    "Shifting every entry by the same amount shifts the log-sum-exp by that amount too; the "
    "shift has to be undone.")
def _(a):
    a = np.asarray(a, dtype=float)
    return np.log(np.sum(np.exp(a - np.max(a))))


@stable_logsumexp.mistake(
    "returned only the maximum",
    "The maximum is the largest term, but the others add to it: the answer lies between max(a) "
    "and max(a) + log(n).")
def _(a):
    return np.max(np.asarray(a, dtype=float))


# --------------------------------------------------------------------------------------------
one_minus = exercise(
    "logtrick-log1mexp", chapter=CHAPTER, function="log_one_minus_exp",
    title="log(1 - p) from log p", forbidden=ONLY_NUMPY)


@one_minus.check("agrees with log(1 - exp(a)) for log-probabilities between -5 and -0.05")
def _(t: Trial) -> None:
    a = -t.rng.uniform(0.05, 5.0, size=10)
    t.expect_close(t.call(a), log1mexp(a), rtol=1e-12, what="log(1 - exp(a)), elementwise")


@one_minus.check("has 12 correct digits from a = -1e-300 (p near 1) to a = -700 (p near 0)")
def _(t: Trial) -> None:
    # p from within 1e-300 of 1 down to e^-700, in a different order every run
    a = -t.rng.permutation(10.0 ** t.rng.uniform(-300.0, math.log10(700.0), size=80))
    t.expect_close(t.call(a), log1mexp(a), rtol=1e-12,
                   what="log(1 - exp(a)) to 12 significant digits, elementwise")


@one_minus.check("has 12 correct digits where formulas lose digits: a from -1e-8 to -1e-2, "
                 "and from -40 to -10")
def _(t: Trial) -> None:
    # Stratified: 16 points spread over each band, so that every stretch of it is visited.
    strata = (np.arange(16) + t.rng.random(16)) / 16
    a = np.r_[-10.0 ** (-8.0 + 6.0 * strata), -(10.0 + 30.0 * strata)]
    a = t.rng.permutation(a).reshape(4, 8)
    got = t.call(a)
    t.expect_array(got, (4, 8))
    t.expect_close(got, log1mexp(a), rtol=1e-12,
                   what="log(1 - exp(a)) to 12 significant digits, with the shape of a")


@one_minus.check("gives 0 at a = -inf (p = 0) and -inf at a = 0 (p = 1)")
def _(t: Trial) -> None:
    a = np.array([-np.inf, 0.0, -np.inf, 0.0])
    order = t.rng.permutation(4)
    t.expect_close(t.call(a[order]), np.array([0.0, -np.inf, 0.0, -np.inf])[order],
                   what="0 where a = -inf and -inf where a = 0 (log(1 - 0), log(1 - 1))")


@one_minus.check("works entry by entry: an array gives what its entries give one at a time")
def _(t: Trial) -> None:
    a = t.rng.permutation(np.concatenate([-t.rng.uniform(1e-6, 0.5, size=4),
                                          -t.rng.uniform(2.0, 60.0, size=4)]))
    singles = []
    for value in a:
        single = t.call(np.array([value]))
        t.expect_type(single, shape=(1,))
        singles.append(float(np.asarray(single, dtype=float)[0]))
    t.expect_close(t.call(a), singles, rtol=1e-14,
                   what="for each entry, the value your function gives that entry alone")


@one_minus.mistake(
    "the naive formula log(1 - exp(a))",
    "For a near 0, exp(a) rounds near 1 and 1 - exp(a) loses its digits (or is exactly 0); "
    "for a far below 0, 1 - exp(a) rounds to 1 and the log is exactly 0. numpy has a function "
    "for each of these two troubles; each is accurate on one side of a switch point.")
def _(a):
    with np.errstate(divide="ignore"):
        return np.log(1 - np.exp(np.asarray(a, dtype=float)))


@one_minus.mistake(
    "log(-expm1(a)) everywhere",
    "This is accurate for a near 0 but not far below it: there 1 - exp(a) is a number near 1, "
    "and the log of a number near 1 keeps few digits of the small part. Another formula is "
    "needed on that side.")
def _(a):
    with np.errstate(divide="ignore"):
        return np.log(-np.expm1(np.asarray(a, dtype=float)))


@one_minus.mistake(
    "log1p(-exp(a)) everywhere",
    "This is accurate far below 0 but not near 0, where exp(a) rounds to a number near 1 and "
    "1 - exp(a) loses its digits. Another formula is needed on that side.")
def _(a):
    with np.errstate(divide="ignore"):
        return np.log1p(-np.exp(np.asarray(a, dtype=float)))
