"""Exercises of Chapter 2, *The log trick*."""

from __future__ import annotations

import math

import numpy as np
from scipy import special

from ..densities import categorical_logpmf
from ..likelihood import bernoulli_loglik
from ..logspace import log1mexp
from .framework import Trial, exercise

CHAPTER = 2

# --------------------------------------------------------------------------------------------
sequence_loglik = exercise(
    "logtrick-bernoulli-loglik", chapter=CHAPTER, function="sequence_loglik",
    title="The log-likelihood of a sequence of flips")


@sequence_loglik.check("agrees with k log p + (n - k) log(1 - p) for one value of p")
def _(t: Trial) -> None:
    flips = t.rng.integers(0, 2, size=12)
    p = 0.35
    t.expect_close(t.call(flips, p), bernoulli_loglik(flips, p), rtol=1e-10,
                   what="the log-likelihood of this sequence")


@sequence_loglik.check("returns one log-likelihood per candidate when p is an array")
def _(t: Trial) -> None:
    flips = t.rng.integers(0, 2, size=9)
    p = np.array([0.05, 0.3, 0.5, 0.7, 0.95])
    t.expect_close(t.call(flips, p), bernoulli_loglik(flips, p), rtol=1e-10,
                   what="one log-likelihood for each of the 5 candidates")


@sequence_loglik.check("stays finite for 100000 flips, where the likelihood itself underflows")
def _(t: Trial) -> None:
    flips = (t.rng.random(100_000) < 0.3).astype(int)
    p = np.array([0.2, 0.3, 0.5, 0.8])
    # Sums of 1e5 terms of size ~1: relative rounding error far below 1e-10.
    t.expect_close(t.call(flips, p), bernoulli_loglik(flips, p), rtol=1e-10,
                   what="finite log-likelihoods of tens of thousands of nats below 0")


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
    "-inf. Take the log of each factor first and add: k log p + (n - k) log(1 - p).")
def _(flips, p):
    flips, p = np.asarray(flips), np.asarray(p, dtype=float)
    n, k = flips.size, int(flips.sum())
    return np.log(p**k * (1 - p) ** (n - k))


@sequence_loglik.mistake(
    "the likelihood instead of the log-likelihood",
    "The exercise asks for the logarithm of the probability of the sequence, a negative number "
    "of moderate size, not the probability itself.")
def _(flips, p):
    return np.exp(bernoulli_loglik(flips, p))


@sequence_loglik.mistake(
    "heads and tails swapped",
    "A 1 is heads, with probability p, so it contributes log p; a 0 contributes log(1 - p).")
def _(flips, p):
    flips, p = np.asarray(flips), np.asarray(p, dtype=float)
    n, k = flips.size, int(flips.sum())
    return k * np.log1p(-p) + (n - k) * np.log(p)


# --------------------------------------------------------------------------------------------
mean_nll = exercise(
    "logtrick-mean-nll", chapter=CHAPTER, function="mean_nll",
    title="The average negative log-likelihood of a classifier")


@mean_nll.check("agrees with mlcourse's categorical log-probabilities of the true labels")
def _(t: Trial) -> None:
    probs = t.rng.dirichlet(np.ones(4), size=25)
    labels = t.rng.integers(0, 4, size=25)
    assigned = probs[np.arange(25), labels]
    t.expect_close(t.call(assigned), -np.mean(categorical_logpmf(labels, probs)), rtol=1e-12,
                   what="the mean of -log(probability of the true label), in nats")


@mean_nll.check("is log K for a model that spreads its probability evenly over K classes, "
                "and 0 for one that is certain and right")
def _(t: Trial) -> None:
    t.expect_close(t.call(np.full(50, 0.1)), math.log(10), rtol=1e-12,
                   what="log 10 (natural log): every true label got probability 1/10")
    t.expect_close(t.call(np.ones(8)), 0.0, atol=1e-15,
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
    "Divide the total negative log-likelihood by the number of examples, so that the loss does "
    "not grow with the size of the data set.")
def _(assigned):
    return -np.sum(np.log(np.asarray(assigned, dtype=float)))


@mean_nll.mistake(
    "log10 instead of the natural log",
    "Likelihoods are measured in nats with the natural log, np.log; np.log10 gives a value "
    "log(10) = 2.30 times too small.")
def _(assigned):
    return -np.mean(np.log10(np.asarray(assigned, dtype=float)))


@mean_nll.mistake(
    "the log of the product of the probabilities",
    "The product of 100000 probabilities underflows to 0 and -log(0) is inf. Average the logs "
    "instead of taking the log of the product.")
def _(assigned):
    assigned = np.asarray(assigned, dtype=float)
    return -np.log(np.prod(assigned)) / assigned.size


# --------------------------------------------------------------------------------------------
stable_logsumexp = exercise(
    "logtrick-logsumexp", chapter=CHAPTER, function="stable_logsumexp",
    title="A log-sum-exp that neither overflows nor underflows")


@stable_logsumexp.check("agrees with scipy.special.logsumexp on moderate values")
def _(t: Trial) -> None:
    a = t.rng.normal(0.0, 3.0, size=10)
    t.expect_close(t.call(a), special.logsumexp(a), rtol=1e-12,
                   what="log(sum(exp(a)))")


@stable_logsumexp.check("stays finite for values near +1000 and near -1000")
def _(t: Trial) -> None:
    for centre in (1000.0, -1000.0):
        a = centre + t.rng.normal(0.0, 2.0, size=6)
        t.expect_close(t.call(a), special.logsumexp(a), rtol=1e-12,
                       what=f"a finite value a little above max(a), near {centre:.0f}")


@stable_logsumexp.check("shifts with its input: logsumexp(a + c) = logsumexp(a) + c")
def _(t: Trial) -> None:
    a = t.rng.normal(0.0, 2.0, size=7)
    base = t.call(a)
    t.expect_type(base)
    for shift in (800.0, -800.0):
        t.expect_close(t.call(a + shift), float(base) + shift, rtol=1e-12,
                       what=f"your value for a, plus {shift:+.0f}")


@stable_logsumexp.check("ignores -inf entries (terms that are 0), and is -inf when all are")
def _(t: Trial) -> None:
    finite = t.rng.normal(0.0, 2.0, size=4)
    a = np.array([-np.inf, finite[0], finite[1], -np.inf, finite[2], finite[3]])
    t.expect_close(t.call(a), special.logsumexp(finite), rtol=1e-12,
                   what="the log-sum-exp of the finite entries alone")
    t.expect_close(t.call(np.full(3, -np.inf)), -np.inf,
                   what="-inf: a sum of zeros is 0, and log 0 = -inf")


@stable_logsumexp.check("does not depend on the order of the entries")
def _(t: Trial) -> None:
    a = t.rng.normal(0.0, 3.0, size=12)
    t.expect_unchanged_by_shuffling(a)


@stable_logsumexp.mistake(
    "the naive formula log(sum(exp(a)))",
    "exp(1000) overflows to inf and exp(-1000) underflows to 0. Subtract the maximum m first: "
    "m + log(sum(exp(a - m))).")
def _(a):
    return np.log(np.sum(np.exp(np.asarray(a, dtype=float))))


@stable_logsumexp.mistake(
    "forgot to add the maximum back",
    "log(sum(exp(a - m))) is the log-sum-exp of the shifted values; add m to undo the shift.")
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
    title="log(1 - p) from log p")


@one_minus.check("agrees with mlcourse.log1mexp for log-probabilities between -5 and -0.05")
def _(t: Trial) -> None:
    a = -t.rng.uniform(0.05, 5.0, size=10)
    t.expect_close(t.call(a), log1mexp(a), rtol=1e-12, what="log(1 - exp(a)), elementwise")


@one_minus.check("is accurate to 12 digits from a = -1e-20 (p near 1) to a = -700 (p near 0)")
def _(t: Trial) -> None:
    a = -np.logspace(-20.0, math.log10(700.0), 60)  # p from within 1e-20 of 1 down to e^-700
    t.expect_close(t.call(a), log1mexp(a), rtol=1e-12,
                   what="log(1 - exp(a)) to 12 significant digits, elementwise")


@one_minus.check("gives 0 at a = -inf (p = 0) and -inf at a = 0 (p = 1)")
def _(t: Trial) -> None:
    t.expect_close(t.call(np.array([-np.inf, 0.0])), [0.0, -np.inf],
                   what="[0, -inf]: log(1 - 0) = 0 and log(1 - 1) = -inf")


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
    "For a near 0, exp(a) rounds to 1 and 1 - exp(a) loses its digits (or is exactly 0); for "
    "a far below 0, 1 - exp(a) rounds to 1 and the log is exactly 0. Use log(-expm1(a)) for "
    "a > -log 2 and log1p(-exp(a)) otherwise.")
def _(a):
    return np.log(1 - np.exp(np.asarray(a, dtype=float)))


@one_minus.mistake(
    "log(-expm1(a)) everywhere",
    "log(-expm1(a)) is accurate for a near 0 but not far below it, where expm1(a) rounds to -1 "
    "and the answer to 0. Switch to log1p(-exp(a)) for a <= -log 2.")
def _(a):
    return np.log(-np.expm1(np.asarray(a, dtype=float)))


@one_minus.mistake(
    "log1p(-exp(a)) everywhere",
    "log1p(-exp(a)) is accurate far below 0 but not near 0, where exp(a) rounds to a number "
    "near 1 and 1 - exp(a) loses its digits. Switch to log(-expm1(a)) for a > -log 2.")
def _(a):
    return np.log1p(-np.exp(np.asarray(a, dtype=float)))
