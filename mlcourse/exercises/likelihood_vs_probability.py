"""Exercises of Chapter 1, *Likelihood vs probability*."""

from __future__ import annotations

import math

import numpy as np

from ..likelihood import bernoulli_loglik, gaussian_loglik
from ..logspace import log_trapezoid
from .framework import Trial, exercise

CHAPTER = 1


def _sequence_probability(flips: np.ndarray, p: float | np.ndarray) -> np.ndarray:
    return np.exp(bernoulli_loglik(flips, p))


# --------------------------------------------------------------------------------------------
coin_sequence = exercise(
    "likelihood-coin-sequence", chapter=CHAPTER, function="sequence_likelihood",
    title="The likelihood of a sequence of flips")


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
    t.expect_unchanged_by_shuffling(flips, p)


@coin_sequence.check("gives 0 at p = 0 or p = 1 when both faces were seen, and 1 where certain")
def _(t: Trial) -> None:
    mixed = np.array([1, 0, 1, 1])
    t.expect_close(t.call(mixed, np.array([0.0, 1.0])), [0.0, 0.0],
                   what="0 at both ends: a coin that never (always) lands heads cannot make it")
    heads = np.ones(5, dtype=int)
    t.expect_close(t.call(heads, np.array([0.0, 1.0])), [0.0, 1.0],
                   what="0 at p = 0, and 1 at p = 1: an always-heads coin surely gives HHHHH")


@coin_sequence.check("is largest on a grid at the fraction of heads")
def _(t: Trial) -> None:
    flips = t.rng.integers(0, 2, size=20)
    grid = np.linspace(0.0, 1.0, 201)
    values = t.call(flips, grid)
    t.expect_argmax(grid, values, flips.mean(), 0.0025)


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


# --------------------------------------------------------------------------------------------
gaussian_sample = exercise(
    "likelihood-gaussian-sample", chapter=CHAPTER, function="gaussian_sample_likelihood",
    title="The likelihood of a Gaussian sample")


def _sample_likelihood(x: np.ndarray, mu: float | np.ndarray, sigma: float) -> np.ndarray:
    return np.exp(gaussian_loglik(x, mu, sigma))


def _normal_densities(x: np.ndarray, mu: float | np.ndarray, sigma: float,
                      *, spread: float, constant: float) -> np.ndarray:
    """exp(-(x - mu)**2 / spread) * constant, one row per candidate mean (for the mistakes)."""
    x = np.asarray(x, dtype=float)
    mu = np.asarray(mu, dtype=float)[..., np.newaxis]
    return np.exp(-((x - mu) ** 2) / spread) * constant


@gaussian_sample.check("agrees with the product of the normal densities for one mean")
def _(t: Trial) -> None:
    x = t.rng.normal(0.4, 1.7, size=6)
    mu, sigma = 0.9, 1.7
    t.expect_close(t.call(x, mu, sigma), _sample_likelihood(x, mu, sigma),
                   what="the joint density of the 6 observations")


@gaussian_sample.check("returns one likelihood per candidate when mu is an array")
def _(t: Trial) -> None:
    x = t.rng.normal(-1.0, 0.8, size=5)
    mu = np.linspace(-2.0, 0.5, 7)
    sigma = 0.8
    t.expect_close(t.call(x, mu, sigma), _sample_likelihood(x, mu, sigma),
                   what="one joint density for each of the 7 candidate means")


@gaussian_sample.check("does not depend on the order of the observations")
def _(t: Trial) -> None:
    x = t.rng.normal(2.0, 1.5, size=8)
    t.expect_unchanged_by_shuffling(x, 1.5, 1.5)


@gaussian_sample.check("is largest on a grid of means at the sample mean")
def _(t: Trial) -> None:
    x = t.rng.normal(0.0, 1.2, size=10)
    grid = np.linspace(-3.0, 3.0, 601)
    values = t.call(x, grid, 1.2)
    t.expect_argmax(grid, values, x.mean(), 0.005 + 1e-12, name="mu",
                    target_name="the sample mean")


@gaussian_sample.check("is divided by c**n when the data, mu and sigma are all scaled by c "
                       "(a change of units)")
def _(t: Trial) -> None:
    x = t.rng.normal(1.0, 2.0, size=4)
    mu, sigma, c = 0.5, 2.0, 10.0
    first = t.call(x, mu, sigma)
    t.expect_type(first)
    t.expect_close(t.call(c * x, c * mu, c * sigma), np.asarray(first, dtype=float) / c**4,
                   what="the value in the old units divided by 10**4 (a density has units "
                        "1/unit, one per observation)")


@gaussian_sample.mistake(
    "sigma where sigma squared belongs",
    "The exponent of the normal density is -(x - mu)**2 / (2 * sigma**2): sigma is the standard "
    "deviation, and the squared deviation is divided by twice the variance.")
def _(x, mu, sigma):
    constant = 1.0 / (sigma * math.sqrt(2 * math.pi))
    return _normal_densities(x, mu, sigma, spread=2 * sigma, constant=constant).prod(axis=-1)


@gaussian_sample.mistake(
    "the 1/sqrt(2 pi) factor left out",
    "The normal density is exp(-(x - mu)**2 / (2 sigma**2)) / (sigma * sqrt(2 pi)). Without "
    "sqrt(2 pi) each factor is too large by about 2.5, and the product by 2.5 to the power n.")
def _(x, mu, sigma):
    return _normal_densities(x, mu, sigma, spread=2 * sigma**2, constant=1.0 / sigma).prod(axis=-1)


@gaussian_sample.mistake(
    "the log-likelihood instead of the likelihood",
    "This exercise asks for the joint density itself, a product of densities; the sum of their "
    "logarithms comes in Chapter 2.")
def _(x, mu, sigma):
    return gaussian_loglik(x, mu, sigma)


@gaussian_sample.mistake(
    "the densities added instead of multiplied",
    "For independent observations the joint density is the product of the densities: "
    "use .prod(axis=-1), not .sum(axis=-1).")
def _(x, mu, sigma):
    constant = 1.0 / (sigma * math.sqrt(2 * math.pi))
    return _normal_densities(x, mu, sigma, spread=2 * sigma**2, constant=constant).sum(axis=-1)


# --------------------------------------------------------------------------------------------
grid_maximiser = exercise(
    "likelihood-grid-mle", chapter=CHAPTER, function="grid_mle",
    title="The maximum likelihood estimate on a grid")


def _grid_best(flips: np.ndarray, grid: np.ndarray) -> float:
    return float(grid[int(np.argmax(bernoulli_loglik(flips, grid)))])


def _grid_values(flips: np.ndarray, grid: np.ndarray) -> np.ndarray:
    flips, grid = np.asarray(flips), np.asarray(grid, dtype=float)
    n, k = flips.size, int(flips.sum())
    return grid**k * (1 - grid) ** (n - k)


@grid_maximiser.check("returns the point of an uneven grid where the likelihood is largest")
def _(t: Trial) -> None:
    flips = (t.rng.random(15) < 0.3).astype(int)
    grid = np.sort(t.rng.uniform(0.02, 0.98, size=40))
    t.expect_close(t.call(flips, grid), _grid_best(flips, grid), rtol=1e-12,
                   what="the grid point with the largest likelihood")


@grid_maximiser.check("returns a point of the grid even when k/n is not on it")
def _(t: Trial) -> None:
    flips = (t.rng.random(20) < 0.6).astype(int)
    grid = np.linspace(0.005, 0.995, 100)  # k/n is a multiple of 0.05: never a grid point
    t.expect_close(t.call(flips, grid), _grid_best(flips, grid), rtol=1e-12,
                   what="the grid point with the largest likelihood (k/n is not on this grid)")


@grid_maximiser.check("does not depend on the order of the flips")
def _(t: Trial) -> None:
    flips = (t.rng.random(12) < 0.5).astype(int)
    grid = np.linspace(0.0, 1.0, 41)
    t.expect_unchanged_by_shuffling(
        flips, grid, what="the same grid point as for the original order")


@grid_maximiser.check("finds the same point when the grid is given in another order")
def _(t: Trial) -> None:
    flips = (t.rng.random(10) < 0.7).astype(int)
    grid = np.linspace(0.0, 1.0, 51)
    first = t.call(flips, grid)
    t.expect_type(first)
    t.expect_close(t.call(flips, t.rng.permutation(grid)), first, rtol=1e-12,
                   what="the same value of p as for the sorted grid (a grid is a set of "
                        "candidates; their order does not matter)")


@grid_maximiser.check("is within half a grid spacing of k/n on a fine grid")
def _(t: Trial) -> None:
    flips = (t.rng.random(37) < 0.4).astype(int)
    grid = np.linspace(0.0, 1.0, 1001)
    best = t.call(flips, grid)
    t.expect_type(best)
    error = abs(float(best) - flips.mean())
    t.expect(error <= 0.0005 + 1e-12,
             f"expected: a grid point within 0.0005 (half the spacing) of k/n = "
             f"{flips.mean():.4f}\n"
             f"got:      {float(best):.4f}, {error:.4f} away")


@grid_maximiser.mistake(
    "the largest likelihood instead of where it is",
    "np.max gives the height of the peak. The estimate is the parameter value at the peak: "
    "grid[np.argmax(values)].")
def _(flips, grid):
    return float(np.max(_grid_values(flips, grid)))


@grid_maximiser.mistake(
    "the index of the grid point instead of the point",
    "np.argmax returns a position in the array; index the grid with it to get the value of p.")
def _(flips, grid):
    return int(np.argmax(_grid_values(flips, grid)))


@grid_maximiser.mistake(
    "the smallest likelihood instead of the largest",
    "np.argmin finds the worst candidate. Maximum likelihood wants np.argmax (an optimiser "
    "minimises the negative log-likelihood, which is the same thing).")
def _(flips, grid):
    grid = np.asarray(grid, dtype=float)
    return float(grid[int(np.argmin(_grid_values(flips, grid)))])


@grid_maximiser.mistake(
    "the closed form k/n instead of a grid point",
    "k/n is the exact maximiser, but the exercise asks for the best candidate on the grid you "
    "were given, which is what you get when no closed form exists.")
def _(flips, grid):
    return float(np.mean(flips))


# --------------------------------------------------------------------------------------------
integral = exercise(
    "likelihood-integral", chapter=CHAPTER, function="likelihood_integral",
    title="The area under a likelihood curve")


def _trapezoid_reference(flips: np.ndarray, grid: np.ndarray) -> float:
    return math.exp(log_trapezoid(bernoulli_loglik(flips, grid), grid))


def _trapezoid_heights(flips: np.ndarray, grid: np.ndarray) -> np.ndarray:
    values = _grid_values(flips, grid)
    return (values[1:] + values[:-1]) / 2


@integral.check("agrees with the trapezoid rule on an uneven grid")
def _(t: Trial) -> None:
    flips = (t.rng.random(8) < 0.5).astype(int)
    grid = np.sort(t.rng.uniform(0.0, 1.0, size=60))
    t.expect_close(t.call(flips, grid), _trapezoid_reference(flips, grid),
                   what="the trapezoid-rule area under the likelihood")


@integral.check("is close to k! (n - k)! / (n + 1)! on a fine grid over [0, 1]")
def _(t: Trial) -> None:
    flips = (t.rng.random(6) < 0.5).astype(int)
    n, k = flips.size, int(flips.sum())
    grid = np.linspace(0.0, 1.0, 2001)
    exact = math.factorial(k) * math.factorial(n - k) / math.factorial(n + 1)
    t.expect_close(t.call(flips, grid), exact, rtol=1e-5,
                   what="the exact integral k! (n - k)! / (n + 1)!, to 5 digits")


@integral.check("does not depend on the order of the flips")
def _(t: Trial) -> None:
    flips = (t.rng.random(9) < 0.5).astype(int)
    grid = np.linspace(0.0, 1.0, 201)
    t.expect_unchanged_by_shuffling(
        flips, grid, what="the same area as for the original order")


@integral.check("adds up: the areas over two adjacent pieces of the grid sum to the whole")
def _(t: Trial) -> None:
    flips = (t.rng.random(5) < 0.5).astype(int)
    grid = np.linspace(0.0, 1.0, 101)
    left = t.call(flips, grid[:41])
    right = t.call(flips, grid[40:])
    t.expect_type(left)
    t.expect_type(right)
    t.expect_close(t.call(flips, grid), float(left) + float(right),
                   what="the area over [0, 0.4] plus the area over [0.4, 1]")


@integral.mistake(
    "the likelihood treated as a density that integrates to 1",
    "A likelihood is a probability of the data, not a density over p: nothing makes its area 1. "
    "Integrate the values as they are.")
def _(flips, grid):
    return 1.0


@integral.mistake(
    "the widths of the grid intervals left out",
    "Each trapezoid's area is its width, grid[i + 1] - grid[i], times the mean of its two "
    "heights. Without the widths you get a sum of heights, not an area.")
def _(flips, grid):
    return float(np.sum(_trapezoid_heights(flips, grid)))


@integral.mistake(
    "the probability of the count of heads instead of this sequence",
    "math.comb(n, k) turns the probability of this sequence into that of its number of heads; "
    "the exercise integrates the likelihood of the sequence itself.")
def _(flips, grid):
    flips, grid = np.asarray(flips), np.asarray(grid, dtype=float)
    n, k = flips.size, int(flips.sum())
    return math.comb(n, k) * float(np.sum(np.diff(grid) * _trapezoid_heights(flips, grid)))
