"""Exercises of Chapter 1, *Likelihood vs probability*."""

from __future__ import annotations

import math

import numpy as np

from ..likelihood import bernoulli_loglik
from .framework import Trial, exercise

CHAPTER = 1

# --------------------------------------------------------------------------------------------
coin_sequence = exercise(
    "likelihood-coin-sequence", chapter=CHAPTER, function="sequence_likelihood",
    title="The likelihood of a sequence of flips")


def _sequence_probability(flips: np.ndarray, p: float | np.ndarray) -> np.ndarray:
    return np.exp(bernoulli_loglik(flips, p))


@coin_sequence.check("agrees with p**k * (1 - p)**(n - k) for one value of p")
def _(t: Trial) -> None:
    flips = t.rng.integers(0, 2, size=9)
    p = 0.35
    t.expect_close(t.call(flips, p), _sequence_probability(flips, p),
                   what="the probability of this exact sequence")


@coin_sequence.check("returns one likelihood per candidate when p is an array")
def _(t: Trial) -> None:
    flips = t.rng.integers(0, 2, size=7)
    p = np.array([0.1, 0.25, 0.5, 0.75, 0.9])
    t.expect_close(t.call(flips, p), _sequence_probability(flips, p),
                   what="one likelihood for each of the 5 candidates")


@coin_sequence.check("does not depend on the order of the flips")
def _(t: Trial) -> None:
    flips = t.rng.integers(0, 2, size=10)
    p = 0.6
    first = t.call(flips, p)
    t.expect_type(first)
    t.expect_close(t.call(t.rng.permutation(flips), p), first,
                   what="the same value as for the original order")


@coin_sequence.check("gives 0 at p = 0 or p = 1 when both faces were seen, and 1 where certain")
def _(t: Trial) -> None:
    mixed = np.array([1, 0, 1, 1])
    t.expect_close(t.call(mixed, np.array([0.0, 1.0])), [0.0, 0.0],
                   what="0 at both ends: a coin that never (always) lands heads cannot make it")
    heads = np.ones(5, dtype=int)
    t.expect_close(t.call(heads, 1.0), 1.0, what="1: an always-heads coin surely gives HHHHH")


@coin_sequence.check("is largest on a grid at the fraction of heads")
def _(t: Trial) -> None:
    flips = t.rng.integers(0, 2, size=20)
    grid = np.linspace(0.0, 1.0, 201)
    values = t.call(flips, grid)
    t.expect_type(values, shape=grid.shape)
    best = grid[int(np.argmax(np.asarray(values, dtype=float)))]
    t.expect(abs(best - flips.mean()) <= 0.0025,
             f"expected: the largest value at p = k/n = {flips.mean():.3f}\n"
             f"got:      the largest value at p = {best:.3f}")


@coin_sequence.mistake(
    "the probability of the count of heads instead of this sequence",
    "math.comb(n, k) counts all the sequences with k heads. The likelihood of the one sequence "
    "you observed has no such factor (it shifts the curve, not its maximiser).")
def _(flips, p):
    flips, p = np.asarray(flips), np.asarray(p, dtype=float)
    n, k = flips.size, int(flips.sum())
    return math.comb(n, k) * p**k * (1 - p) ** (n - k)


@coin_sequence.mistake(
    "heads and tails swapped",
    "A 1 is heads, which has probability p; a 0 is tails, with probability 1 - p.")
def _(flips, p):
    flips, p = np.asarray(flips), np.asarray(p, dtype=float)
    n, k = flips.size, int(flips.sum())
    return (1 - p) ** k * p ** (n - k)


@coin_sequence.mistake(
    "the log-likelihood instead of the likelihood",
    "This exercise asks for the probability itself, a product of p's and (1 - p)'s; logarithms "
    "come in Chapter 2.")
def _(flips, p):
    return bernoulli_loglik(flips, p)
