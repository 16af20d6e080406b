"""Wrong answers for the exercises of Chapter 1, *Likelihood vs probability*."""

from .wrong_answers import WrongAnswer

WRONG_ANSWERS = {
    "likelihood-coin-sequence": [
        WrongAnswer(
            "multiplies in the binomial coefficient",
            '''
import math
import numpy as np


def sequence_likelihood(flips, p):
    flips = np.asarray(flips)
    p = np.asarray(p, dtype=float)
    n, k = flips.size, int(flips.sum())
    return math.comb(n, k) * p**k * (1 - p) ** (n - k)
''',
            mistake="the probability of the count of heads instead of this sequence",
        ),
        WrongAnswer(
            "uses p for tails and 1 - p for heads",
            '''
import numpy as np


def sequence_likelihood(flips, p):
    flips = np.asarray(flips)
    p = np.asarray(p, dtype=float)
    k = flips.sum()
    return p ** (flips.size - k) * (1 - p) ** k
''',
            mistake="heads and tails swapped",
        ),
        WrongAnswer(
            "returns the log-likelihood",
            '''
import numpy as np


def sequence_likelihood(flips, p):
    flips = np.asarray(flips)
    p = np.asarray(p, dtype=float)
    k = flips.sum()
    return k * np.log(p) + (flips.size - k) * np.log1p(-p)
''',
            mistake="the log-likelihood instead of the likelihood",
        ),
        WrongAnswer(
            "loops over the flips and only works for a single p, multiplying p for every flip",
            '''
def sequence_likelihood(flips, p):
    result = 1.0
    for flip in flips:
        result = result * p
    return result
''',
        ),
    ],
    "likelihood-gaussian-sample": [
        WrongAnswer(
            "divides the squared deviation by 2 * sigma instead of 2 * sigma**2",
            '''
import numpy as np


def gaussian_sample_likelihood(x, mu, sigma):
    x = np.asarray(x, dtype=float)
    mu = np.asarray(mu, dtype=float)[..., np.newaxis]
    densities = np.exp(-((x - mu) ** 2) / (2 * sigma)) / (sigma * np.sqrt(2 * np.pi))
    return densities.prod(axis=-1)
''',
            mistake="sigma where sigma squared belongs",
        ),
        WrongAnswer(
            "leaves out the 1/sqrt(2 pi) of the normal density",
            '''
import numpy as np


def gaussian_sample_likelihood(x, mu, sigma):
    x = np.asarray(x, dtype=float)
    mu = np.asarray(mu, dtype=float)[..., np.newaxis]
    z = (x - mu) / sigma
    return np.prod(np.exp(-z**2 / 2) / sigma, axis=-1)
''',
            mistake="the 1/sqrt(2 pi) factor left out",
        ),
        WrongAnswer(
            "returns the sum of the log-densities",
            '''
import numpy as np


def gaussian_sample_likelihood(x, mu, sigma):
    x = np.asarray(x, dtype=float)
    mu = np.asarray(mu, dtype=float)[..., np.newaxis]
    z = (x - mu) / sigma
    return np.sum(-0.5 * z**2 - np.log(sigma) - 0.5 * np.log(2 * np.pi), axis=-1)
''',
            mistake="the log-likelihood instead of the likelihood",
        ),
        WrongAnswer(
            "adds the densities of the observations",
            '''
import numpy as np


def gaussian_sample_likelihood(x, mu, sigma):
    x = np.asarray(x, dtype=float)
    mu = np.asarray(mu, dtype=float)[..., np.newaxis]
    z = (x - mu) / sigma
    densities = np.exp(-0.5 * z**2) / (sigma * np.sqrt(2 * np.pi))
    return densities.sum(axis=-1)
''',
            mistake="the densities added instead of multiplied",
        ),
        WrongAnswer(
            "loops with math.exp, so it only works for a single mean",
            '''
import math


def gaussian_sample_likelihood(x, mu, sigma):
    result = 1.0
    for value in x:
        z = (value - mu) / sigma
        result *= math.exp(-z * z / 2) / (sigma * math.sqrt(2 * math.pi))
    return result
''',
        ),
    ],
    "likelihood-grid-mle": [
        WrongAnswer(
            "returns the height of the peak",
            '''
import numpy as np


def grid_mle(flips, grid):
    flips = np.asarray(flips)
    grid = np.asarray(grid, dtype=float)
    n, k = flips.size, flips.sum()
    likelihood = grid**k * (1 - grid) ** (n - k)
    return np.max(likelihood)
''',
            mistake="the largest likelihood instead of where it is",
        ),
        WrongAnswer(
            "returns the position of the peak in the array",
            '''
import numpy as np


def grid_mle(flips, grid):
    flips = np.asarray(flips)
    grid = np.asarray(grid, dtype=float)
    n, k = flips.size, flips.sum()
    likelihood = grid**k * (1 - grid) ** (n - k)
    return np.argmax(likelihood)
''',
            mistake="the index of the grid point instead of the point",
        ),
        WrongAnswer(
            "uses argmin, as for a loss",
            '''
import numpy as np


def grid_mle(flips, grid):
    flips = np.asarray(flips)
    grid = np.asarray(grid, dtype=float)
    n, k = flips.size, flips.sum()
    likelihood = grid**k * (1 - grid) ** (n - k)
    return grid[np.argmin(likelihood)]
''',
            mistake="the smallest likelihood instead of the largest",
        ),
        WrongAnswer(
            "returns the closed form and ignores the grid",
            '''
import numpy as np


def grid_mle(flips, grid):
    return np.mean(flips)
''',
            mistake="the closed form k/n instead of a grid point",
        ),
        WrongAnswer(
            "swaps heads and tails",
            '''
import numpy as np


def grid_mle(flips, grid):
    flips = np.asarray(flips)
    grid = np.asarray(grid, dtype=float)
    n, k = flips.size, flips.sum()
    likelihood = (1 - grid) ** k * grid ** (n - k)
    return grid[np.argmax(likelihood)]
''',
        ),
    ],
    "likelihood-integral": [
        WrongAnswer(
            "normalises the likelihood into a density before integrating it",
            '''
import numpy as np


def likelihood_integral(flips, grid):
    flips = np.asarray(flips)
    p = np.asarray(grid, dtype=float)
    n, k = flips.size, flips.sum()
    likelihood = p**k * (1 - p) ** (n - k)
    density = likelihood / np.trapezoid(likelihood, p)
    return np.trapezoid(density, p)
''',
            mistake="the likelihood treated as a density that integrates to 1",
        ),
        WrongAnswer(
            "averages neighbouring heights but forgets the widths",
            '''
import numpy as np


def likelihood_integral(flips, grid):
    flips = np.asarray(flips)
    p = np.asarray(grid, dtype=float)
    n, k = flips.size, flips.sum()
    likelihood = p**k * (1 - p) ** (n - k)
    return np.sum((likelihood[1:] + likelihood[:-1]) / 2)
''',
            mistake="the widths of the grid intervals left out",
        ),
        WrongAnswer(
            "integrates the binomial probability of the count",
            '''
import math

import numpy as np


def likelihood_integral(flips, grid):
    flips = np.asarray(flips)
    p = np.asarray(grid, dtype=float)
    n, k = flips.size, int(flips.sum())
    likelihood = math.comb(n, k) * p**k * (1 - p) ** (n - k)
    return np.trapezoid(likelihood, p)
''',
            mistake="the probability of the count of heads instead of this sequence",
        ),
        WrongAnswer(
            "uses the first spacing for every interval (a uniform-grid formula)",
            '''
import numpy as np


def likelihood_integral(flips, grid):
    flips = np.asarray(flips)
    p = np.asarray(grid, dtype=float)
    n, k = flips.size, flips.sum()
    likelihood = p**k * (1 - p) ** (n - k)
    h = p[1] - p[0]
    return h * (likelihood.sum() - (likelihood[0] + likelihood[-1]) / 2)
''',
        ),
    ],
}
