"""Exercises of Chapter 1, *Likelihood vs probability*."""

from __future__ import annotations

import math

import numpy as np

from ..likelihood import bernoulli_loglik, gaussian_loglik
from ..logspace import log_trapezoid
from .framework import Trial, exercise
from .rules import Forbidden

CHAPTER = 1

# "Use only numpy": the libraries whose functions would do the exercise in one call (the
# checks' references come from mlcourse).
ONLY_NUMPY = [
    Forbidden("mlcourse", "the exercise is to write this yourself; mlcourse already has it"),
    Forbidden("scipy", "the exercise asks for numpy only; scipy would do the work for you"),
    Forbidden("torch", "the exercise asks for numpy only"),
    Forbidden("sklearn", "the exercise asks for numpy only"),
    Forbidden("statsmodels", "the exercise asks for numpy only"),
]
NO_LOGARITHMS = [
    Forbidden(name, "this exercise computes the product directly, without logarithms")
    for name in ("numpy.log", "numpy.log1p", "numpy.log2", "numpy.log10", "numpy.logaddexp",
                 "numpy.logaddexp2", "numpy.emath", "numpy.lib.scimath", "math.log",
                 "math.log1p", "math.log2", "math.log10")
] + [  # a star import would hide a logarithm from the rules above
    Forbidden(f"{module}.*", "import the functions you use by name, so that the rule against "
                             "logarithms can be checked")
    for module in ("numpy", "math")
]



def _sequence_probability(flips: np.ndarray, p: float | np.ndarray) -> np.ndarray:
    with np.errstate(divide="ignore"):
        return np.exp(bernoulli_loglik(flips, p))


def _heads(rng: np.random.Generator, n: int, rate: float) -> np.ndarray:
    """n flips with at least one head and one tail."""
    flips = (rng.random(n) < rate).astype(int)
    flips[rng.choice(n, size=2, replace=False)] = [0, 1]
    return flips


# --------------------------------------------------------------------------------------------
coin_sequence = exercise(
    "likelihood-coin-sequence", chapter=CHAPTER, function="sequence_likelihood",
    title="The likelihood of a sequence of flips", forbidden=ONLY_NUMPY)


@coin_sequence.check("gives the probability of this exact sequence for one value of p")
def _(t: Trial) -> None:
    flips = _heads(t.rng, int(t.rng.integers(6, 14)), t.rng.uniform(0.2, 0.8))
    p = float(t.rng.uniform(0.1, 0.9))
    t.expect_close(t.call(flips, p), _sequence_probability(flips, p),
                   what="the probability of this exact sequence (a number)")


@coin_sequence.check("returns an ndarray with one likelihood per candidate, with the shape "
                     "of p (1-D or 2-D)")
def _(t: Trial) -> None:
    flips = _heads(t.rng, int(t.rng.integers(5, 10)), 0.5)
    for shape in ((5,), (2, 3)):
        p = t.rng.uniform(0.05, 0.95, size=shape)
        got = t.call(flips, p)
        t.expect_array(got, shape)
        t.expect_close(got, _sequence_probability(flips, p),
                       what=f"one likelihood for each candidate, shape {shape}")


@coin_sequence.check("does not depend on the order of the flips")
def _(t: Trial) -> None:
    flips = t.rng.integers(0, 2, size=10)
    p = 0.6
    t.expect_unchanged_by_shuffling(flips, p)


@coin_sequence.check("is exact at p = 0 and p = 1, for mixed, all-heads and all-tails "
                     "sequences")
def _(t: Trial) -> None:
    p = np.array([0.0, 1.0, float(t.rng.uniform(0.2, 0.8))])
    order = t.rng.permutation(3)
    p = p[order]
    n = int(t.rng.integers(2, 12))
    for flips, what in ((_heads(t.rng, n, 0.5), "0 at p = 0 and at p = 1 (such a coin "
                         "cannot give both faces)"),
                        (np.ones(n, dtype=int), "0 at p = 0 and 1 at p = 1 (an always-heads "
                         "coin surely gives all heads)"),
                        (np.zeros(n, dtype=int), "1 at p = 0 and 0 at p = 1 (a never-heads "
                         "coin surely gives all tails)")):
        t.expect_close(t.call(flips, p), _sequence_probability(flips, p), what=what)


@coin_sequence.check("is exact for probabilities below 1e-7 or within 1e-7 of 1")
def _(t: Trial) -> None:
    tiny = 10.0 ** t.rng.uniform(-12.0, -7.5, size=3)
    p = t.rng.permutation(np.concatenate([tiny, 1.0 - tiny]))
    for flips in (_heads(t.rng, int(t.rng.integers(4, 9)), 0.5),
                  np.ones(int(t.rng.integers(2, 6)), dtype=int)):
        t.expect_close(t.call(flips, p), _sequence_probability(flips, p),
                       what="the probability of the sequence for each tiny p (to 9 digits)")


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
    "A 1 is heads, which has probability p; a 0 is tails.")
def _(flips, p):
    flips, p = np.asarray(flips), np.asarray(p, dtype=float)
    n, k = flips.size, int(flips.sum())
    return (1 - p) ** k * p ** (n - k)


@coin_sequence.mistake(
    "the log-likelihood instead of the likelihood",
    "This exercise asks for the probability itself, a product with one factor per flip; "
    "logarithms come in Chapter 2.")
def _(flips, p):
    with np.errstate(divide="ignore"):
        return bernoulli_loglik(flips, p)


# --------------------------------------------------------------------------------------------
gaussian_sample = exercise(
    "likelihood-gaussian-sample", chapter=CHAPTER, function="gaussian_sample_likelihood",
    title="The likelihood of a Gaussian sample", forbidden=ONLY_NUMPY + NO_LOGARITHMS)


def _sample_likelihood(x: np.ndarray, mu: float | np.ndarray, sigma: float) -> np.ndarray:
    return np.exp(gaussian_loglik(x, mu, sigma))


def _normal_densities(x: np.ndarray, mu: float | np.ndarray, sigma: float,
                      *, spread: float, constant: float) -> np.ndarray:
    """exp(-(x - mu)**2 / spread) * constant, one row per candidate mean (for the mistakes)."""
    x = np.asarray(x, dtype=float)
    mu = np.asarray(mu, dtype=float)[..., np.newaxis]
    return np.exp(-((x - mu) ** 2) / spread) * constant


@gaussian_sample.check("agrees with the joint density of the sample for one mean and sigma")
def _(t: Trial) -> None:
    sigma = float(t.rng.uniform(0.4, 3.0))
    x = t.rng.normal(0.4, sigma, size=int(t.rng.integers(4, 9)))
    mu = float(t.rng.uniform(-0.5, 1.2))
    t.expect_close(t.call(x, mu, sigma), _sample_likelihood(x, mu, sigma),
                   what="the joint density of the observations (a number)")


@gaussian_sample.check("returns an ndarray with one likelihood per candidate mean, however "
                       "many there are")
def _(t: Trial) -> None:
    sigma = float(t.rng.uniform(0.5, 1.5))
    x = t.rng.normal(-1.0, sigma, size=5)
    for size in (7, 5, 1):  # as many candidates as observations, or just one: no shortcuts
        mu = t.rng.uniform(-2.0, 0.5, size=size)
        got = t.call(x, mu, sigma)
        t.expect_array(got, (size,))
        t.expect_close(got, _sample_likelihood(x, mu, sigma),
                       what=f"one joint density for each of the {size} candidate means")


@gaussian_sample.check("is right for a tiny or a huge sigma, and for a single observation")
def _(t: Trial) -> None:
    cases = ((10.0 ** t.rng.uniform(-5.0, -4.0), 5), (10.0 ** t.rng.uniform(3.0, 4.0), 5),
             (float(t.rng.uniform(0.5, 2.0)), 1))
    for sigma, size in cases:
        centre = float(t.rng.normal(0.0, 10 * sigma))
        x = t.rng.normal(centre, sigma, size=size)
        mu = centre + sigma * t.rng.normal(0.0, 0.5, size=3)
        t.expect_close(t.call(x, mu, sigma), _sample_likelihood(x, mu, sigma),
                       what=f"one joint density per candidate mean, sigma = {sigma:.3g}")


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
    mu, sigma = float(t.rng.uniform(0.0, 1.0)), float(t.rng.uniform(1.0, 3.0))
    c = float(t.rng.choice([0.1, 10.0, 100.0]))
    first = t.call(x, mu, sigma)
    t.expect_type(first)
    t.expect_close(t.call(c * x, c * mu, c * sigma), np.asarray(first, dtype=float) / c**4,
                   what=f"the value in the old units divided by {c:g}**4 (a density has "
                        "units 1/unit, one per observation)")


@gaussian_sample.mistake(
    "sigma where sigma squared belongs",
    "sigma is the standard deviation. In the exponent of the normal density the squared "
    "deviation is divided by twice the variance, which is not sigma.")
def _(x, mu, sigma):
    constant = 1.0 / (sigma * math.sqrt(2 * math.pi))
    return _normal_densities(x, mu, sigma, spread=2 * sigma, constant=constant).prod(axis=-1)


@gaussian_sample.mistake(
    "the 1/sqrt(2 pi) factor left out",
    "A density integrates to 1 over x, and its normalising constant has a factor that does "
    "not depend on sigma. Without it each factor is too large by about 2.5, and the product "
    "by 2.5 to the power n.")
def _(x, mu, sigma):
    return _normal_densities(x, mu, sigma, spread=2 * sigma**2, constant=1.0 / sigma).prod(axis=-1)


# The log-likelihood instead of the likelihood needs a logarithm, which the rules of this
# exercise report before any check runs.


@gaussian_sample.mistake(
    "the densities added instead of multiplied",
    "For independent observations the joint density combines the individual densities the way "
    "probabilities of independent events combine, not by adding them.")
def _(x, mu, sigma):
    constant = 1.0 / (sigma * math.sqrt(2 * math.pi))
    return _normal_densities(x, mu, sigma, spread=2 * sigma**2, constant=constant).sum(axis=-1)


# --------------------------------------------------------------------------------------------
grid_maximiser = exercise(
    "likelihood-grid-mle", chapter=CHAPTER, function="grid_mle",
    title="The maximum likelihood estimate on a grid", forbidden=ONLY_NUMPY)


def _grid_best(flips: np.ndarray, grid: np.ndarray) -> float:
    with np.errstate(divide="ignore"):
        return float(grid[int(np.argmax(bernoulli_loglik(flips, grid)))])


def _grid_values(flips: np.ndarray, grid: np.ndarray) -> np.ndarray:
    flips, grid = np.asarray(flips), np.asarray(grid, dtype=float)
    n, k = flips.size, int(flips.sum())
    return grid**k * (1 - grid) ** (n - k)


def _likelier_not_nearer(rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """Flips and an uneven grid where the likeliest point is not the one nearest k/n.

    The log-likelihood is skewed: away from k/n it falls faster on one side. Two points are
    placed on either side of k/n, the farther one on the side where it falls more slowly, and
    far enough inside the equal-likelihood distance that the farther one is clearly likelier.
    """
    n = int(rng.integers(10, 16))
    k = int(rng.integers(2, n // 3 + 1))
    flips = rng.permutation(np.r_[np.ones(k, dtype=int), np.zeros(n - k, dtype=int)])
    centre, d = k / n, 0.5 * k / n
    left = float(bernoulli_loglik(flips, centre - d))
    factors = np.linspace(0.5, 2.0, 1501)
    right = bernoulli_loglik(flips, centre + d * factors)
    equal = factors[int(np.argmin(np.abs(right - left)))]  # right side: slower fall, equal > 1
    pair = [centre - d, centre + d * (1 + equal) / 2]
    others = rng.uniform(centre + 3 * d, 0.99, size=int(rng.integers(3, 7)))
    return flips, rng.permutation(np.r_[pair, others])


@grid_maximiser.check("returns the point of an uneven grid where the likelihood is largest")
def _(t: Trial) -> None:
    flips = _heads(t.rng, 15, 0.3)
    grid = np.sort(t.rng.uniform(0.02, 0.98, size=40))
    t.expect_close(t.call(flips, grid), _grid_best(flips, grid), rtol=1e-12,
                   what="the grid point with the largest likelihood (a number)")


@grid_maximiser.check("returns the likeliest point, which need not be the nearest to k/n")
def _(t: Trial) -> None:
    flips, grid = _likelier_not_nearer(t.rng)
    t.expect_close(t.call(flips, grid), _grid_best(flips, grid), rtol=1e-12,
                   what="the grid point with the largest likelihood (not the nearest one)")


@grid_maximiser.check("returns a point of the grid even when k/n is not on it")
def _(t: Trial) -> None:
    flips = _heads(t.rng, 20, 0.6)
    grid = np.linspace(0.005, 0.995, 100)  # k/n is a multiple of 0.05: never a grid point
    t.expect_close(t.call(flips, grid), _grid_best(flips, grid), rtol=1e-12,
                   what="the grid point with the largest likelihood (k/n is not on this grid)")


@grid_maximiser.check("returns 1 for all heads and 0 for all tails when the grid has them")
def _(t: Trial) -> None:
    for face in (1, 0):
        flips = np.full(int(t.rng.integers(1, 30)), face)
        grid = t.rng.permutation(np.r_[0.0, 1.0, t.rng.uniform(0.01, 0.99, size=8)])
        t.expect_close(t.call(flips, grid), float(face), rtol=1e-12,
                       what=f"{face}: only p = {face} makes every flip certain")


@grid_maximiser.check("works for 500 flips, where the likelihood is below 1e-100")
def _(t: Trial) -> None:
    flips = _heads(t.rng, 500, t.rng.uniform(0.3, 0.7))
    grid = np.sort(t.rng.uniform(0.2, 0.8, size=60))
    t.expect_close(t.call(flips, grid), _grid_best(flips, grid), rtol=1e-12,
                   what="the grid point with the largest likelihood")


@grid_maximiser.check("does not depend on the order of the flips")
def _(t: Trial) -> None:
    flips = _heads(t.rng, 12, 0.5)
    grid = np.linspace(0.0, 1.0, 41)
    t.expect_unchanged_by_shuffling(
        flips, grid, what="the same grid point as for the original order")


@grid_maximiser.check("finds the same point when the grid is given in another order")
def _(t: Trial) -> None:
    flips = _heads(t.rng, 10, 0.7)
    grid = np.linspace(0.0, 1.0, 51)
    first = t.call(flips, grid)
    t.expect_type(first)
    t.expect_close(t.call(flips, t.rng.permutation(grid)), first, rtol=1e-12,
                   what="the same value of p as for the sorted grid (a grid is a set of "
                        "candidates; their order does not matter)")


@grid_maximiser.check("is within half a grid spacing of k/n on a fine grid")
def _(t: Trial) -> None:
    flips = _heads(t.rng, 37, 0.4)
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
    "np.max gives the height of the peak. The estimate is the value of the parameter where "
    "the peak is.")
def _(flips, grid):
    return float(np.max(_grid_values(flips, grid)))


@grid_maximiser.mistake(
    "the index of the grid point instead of the point",
    "np.argmax returns a position in the array, not a probability; the estimate is the "
    "candidate value itself.")
def _(flips, grid):
    return int(np.argmax(_grid_values(flips, grid)))


@grid_maximiser.mistake(
    "the smallest likelihood instead of the largest",
    "This picks the worst candidate. Maximum likelihood wants the best one (an optimiser "
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
    title="The area under a likelihood curve", forbidden=ONLY_NUMPY)


def _trapezoid_reference(flips: np.ndarray, grid: np.ndarray) -> float:
    with np.errstate(divide="ignore"):
        return math.exp(log_trapezoid(bernoulli_loglik(flips, grid), grid))


def _trapezoid_heights(flips: np.ndarray, grid: np.ndarray) -> np.ndarray:
    values = _grid_values(flips, grid)
    return (values[1:] + values[:-1]) / 2


@integral.check("agrees with the trapezoid rule on an uneven grid")
def _(t: Trial) -> None:
    flips = _heads(t.rng, 8, 0.5)
    grid = np.sort(t.rng.uniform(0.0, 1.0, size=60))
    t.expect_close(t.call(flips, grid), _trapezoid_reference(flips, grid),
                   what="the trapezoid-rule area under the likelihood (a number)")


@integral.check("is close to k! (n - k)! / (n + 1)! on a fine grid over [0, 1]")
def _(t: Trial) -> None:
    flips = _heads(t.rng, 6, 0.5)
    n, k = flips.size, int(flips.sum())
    grid = np.linspace(0.0, 1.0, 2001)
    exact = math.factorial(k) * math.factorial(n - k) / math.factorial(n + 1)
    got = t.call(flips, grid)
    t.expect_type(got)
    error = abs(float(got) / exact - 1)
    t.expect(error <= 1e-5,
             "expected: the exact integral k! (n - k)! / (n + 1)! to 5 digits\n"
             f"got:      {float(got):.3g}, off by {error:.1e} of it")


@integral.check("is exact at the ends: all heads or all tails on a coarse grid with 0 and 1")
def _(t: Trial) -> None:
    inner = np.sort(t.rng.uniform(0.05, 0.95, size=int(t.rng.integers(2, 6))))
    grid = np.r_[0.0, inner, 1.0]
    for face in (1, 0):
        flips = np.full(int(t.rng.integers(2, 12)), face)
        t.expect_close(t.call(flips, grid), _trapezoid_reference(flips, grid),
                       what="the trapezoid-rule area on this coarse grid (not the exact "
                            "integral)")


@integral.check("works for 500 flips, where the likelihood is below 1e-100")
def _(t: Trial) -> None:
    flips = _heads(t.rng, 500, t.rng.uniform(0.3, 0.7))
    centre = flips.mean()
    grid = np.sort(t.rng.uniform(centre - 0.1, centre + 0.1, size=80))
    t.expect_close(t.call(flips, grid), _trapezoid_reference(flips, grid),
                   what="the trapezoid-rule area, a tiny positive number")


@integral.check("does not depend on the order of the flips")
def _(t: Trial) -> None:
    flips = _heads(t.rng, 9, 0.5)
    grid = np.linspace(0.0, 1.0, 201)
    t.expect_unchanged_by_shuffling(
        flips, grid, what="the same area as for the original order")


@integral.check("adds up: the areas over two adjacent pieces of the grid sum to the whole")
def _(t: Trial) -> None:
    flips = _heads(t.rng, 5, 0.5)
    grid = np.sort(t.rng.uniform(0.0, 1.0, size=101))
    cut = int(t.rng.integers(20, 80))
    left = t.call(flips, grid[:cut + 1])
    right = t.call(flips, grid[cut:])
    t.expect_type(left)
    t.expect_type(right)
    t.expect_close(t.call(flips, grid), float(left) + float(right),
                   what=f"the area up to p = {grid[cut]:.3f} plus the area after it")


@integral.mistake(
    "the likelihood treated as a density that integrates to 1",
    "A likelihood is a probability of the data, not a density over p: nothing makes its area 1. "
    "Integrate the values as they are.")
def _(flips, grid):
    return 1.0


@integral.mistake(
    "the widths of the grid intervals left out",
    "An area is a width times a height. Without the width of each interval you get a sum of "
    "heights, not an area.")
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
