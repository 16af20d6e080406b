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
            kind="rule",
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

# The mutation campaign of issue 10: wrong answers a learner could write, of every kind.
WRONG_ANSWERS["likelihood-coin-sequence"] += [
    WrongAnswer(
        "clips p into [1e-7, 1 - 1e-7], as Keras does, before multiplying",
        '''
import numpy as np


def sequence_likelihood(flips, p):
    flips = np.asarray(flips)
    p = np.clip(np.asarray(p, dtype=float), 1e-7, 1 - 1e-7)
    n, k = flips.size, flips.sum()
    return p**k * (1 - p) ** (n - k)
''',
        kind="edge",
    ),
    WrongAnswer(
        "exponentiates k log p + (n - k) log(1 - p): nan where 0 * log 0 appears",
        '''
import numpy as np


def sequence_likelihood(flips, p):
    flips = np.asarray(flips)
    p = np.asarray(p, dtype=float)
    n, k = flips.size, flips.sum()
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.exp(k * np.log(p) + (n - k) * np.log1p(-p))
''',
        kind="edge",
    ),
    WrongAnswer(
        "special-cases all heads but not all tails",
        '''
import numpy as np


def sequence_likelihood(flips, p):
    flips = np.asarray(flips)
    p = np.asarray(p, dtype=float)
    n, k = flips.size, flips.sum()
    if k == n:
        return p**n
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.exp(k * np.log(p) + (n - k) * np.log1p(-p))
''',
        kind="edge",
    ),
    WrongAnswer(
        "returns a Python list for an array of candidates",
        '''
import numpy as np


def sequence_likelihood(flips, p):
    flips = np.asarray(flips)
    n, k = flips.size, int(flips.sum())
    if np.ndim(p) == 0:
        return p**k * (1 - p) ** (n - k)
    return [q**k * (1 - q) ** (n - k) for q in np.asarray(p, dtype=float).ravel()]
''',
        kind="type",
    ),
    WrongAnswer(
        "returns shape (1,) for a single p",
        '''
import numpy as np


def sequence_likelihood(flips, p):
    flips = np.asarray(flips)
    p = np.atleast_1d(np.asarray(p, dtype=float))
    n, k = flips.size, flips.sum()
    return p**k * (1 - p) ** (n - k)
''',
        kind="type",
    ),
    WrongAnswer(
        "flattens a 2-D array of candidates",
        '''
import numpy as np


def sequence_likelihood(flips, p):
    flips = np.asarray(flips)
    p = np.asarray(p, dtype=float)
    column = p.reshape(-1, 1)
    values = np.prod(np.where(flips == 1, column, 1 - column), axis=1)
    return values if p.ndim else values[0]
''',
        kind="type",
    ),
    WrongAnswer(
        "calls mlcourse.bernoulli_loglik",
        '''
import numpy as np

import mlcourse


def sequence_likelihood(flips, p):
    return np.exp(mlcourse.bernoulli_loglik(flips, p))
''',
        kind="rule",
    ),
    WrongAnswer(
        "multiplies scipy's Bernoulli probabilities",
        '''
import numpy as np
from scipy import stats


def sequence_likelihood(flips, p):
    p = np.asarray(p, dtype=float)
    return stats.bernoulli.pmf(np.asarray(flips), p[..., None]).prod(axis=-1)
''',
        kind="rule",
    ),
    WrongAnswer(
        "forgets the parentheses: (1 - p)**n - k",
        '''
import numpy as np


def sequence_likelihood(flips, p):
    flips = np.asarray(flips)
    p = np.asarray(p, dtype=float)
    n, k = flips.size, flips.sum()
    return p**k * (1 - p) ** n - k
''',
    ),
    WrongAnswer(
        "computes in float32",
        '''
import numpy as np


def sequence_likelihood(flips, p):
    flips = np.asarray(flips)
    p = np.asarray(p, dtype=np.float32)
    n, k = flips.size, flips.sum()
    return p**k * (1 - p) ** (n - k)
''',
    ),
]

WRONG_ANSWERS["likelihood-gaussian-sample"] += [
    WrongAnswer(
        "multiplies scipy's normal densities",
        '''
import numpy as np
from scipy.stats import norm


def gaussian_sample_likelihood(x, mu, sigma):
    mu = np.asarray(mu, dtype=float)[..., None]
    return norm.pdf(np.asarray(x), mu, sigma).prod(axis=-1)
''',
        kind="rule",
    ),
    WrongAnswer(
        "uses math.log through an alias, then exponentiates",
        '''
import math as m

import numpy as np


def gaussian_sample_likelihood(x, mu, sigma):
    x = np.asarray(x, dtype=float)
    z = (x - np.asarray(mu, dtype=float)[..., None]) / sigma
    log_density = -0.5 * z**2 - m.log(sigma) - 0.5 * m.log(2 * m.pi)
    return np.exp(log_density.sum(axis=-1))
''',
        kind="rule",
    ),
    WrongAnswer(
        "subtracts mu without a new axis (works only for one mean)",
        '''
import numpy as np


def gaussian_sample_likelihood(x, mu, sigma):
    x = np.asarray(x, dtype=float)
    z = (x - mu) / sigma
    return np.prod(np.exp(-0.5 * z**2) / (sigma * np.sqrt(2 * np.pi)))
''',
        kind="type",
    ),
    WrongAnswer(
        "returns a Python list for an array of means",
        '''
import numpy as np


def gaussian_sample_likelihood(x, mu, sigma):
    x = np.asarray(x, dtype=float)

    def one(m):
        z = (x - m) / sigma
        return float(np.prod(np.exp(-0.5 * z**2) / (sigma * np.sqrt(2 * np.pi))))

    return one(mu) if np.ndim(mu) == 0 else [one(m) for m in mu]
''',
        kind="type",
    ),
    WrongAnswer(
        "returns shape (1,) for a single mean",
        '''
import numpy as np


def gaussian_sample_likelihood(x, mu, sigma):
    x = np.asarray(x, dtype=float)
    mu = np.atleast_1d(np.asarray(mu, dtype=float))
    z = (x - mu[:, None]) / sigma
    return np.prod(np.exp(-0.5 * z**2) / (sigma * np.sqrt(2 * np.pi)), axis=1)
''',
        kind="type",
    ),
    WrongAnswer(
        "puts the variance in the normalising constant",
        '''
import numpy as np


def gaussian_sample_likelihood(x, mu, sigma):
    x = np.asarray(x, dtype=float)
    z = (x - np.asarray(mu, dtype=float)[..., None]) / sigma
    return np.prod(np.exp(-0.5 * z**2) / (sigma**2 * np.sqrt(2 * np.pi)), axis=-1)
''',
    ),
    WrongAnswer(
        "uses the sample's standard deviation instead of sigma",
        '''
import numpy as np


def gaussian_sample_likelihood(x, mu, sigma):
    x = np.asarray(x, dtype=float)
    s = x.std()
    z = (x - np.asarray(mu, dtype=float)[..., None]) / s
    return np.prod(np.exp(-0.5 * z**2) / (s * np.sqrt(2 * np.pi)), axis=-1)
''',
    ),
    WrongAnswer(
        "computes in float32",
        '''
import numpy as np


def gaussian_sample_likelihood(x, mu, sigma):
    x = np.asarray(x, dtype=np.float32)
    mu = np.asarray(mu, dtype=np.float32)[..., None]
    z = (x - mu) / np.float32(sigma)
    density = np.exp(-z**2 / 2) / (np.float32(sigma) * np.float32(np.sqrt(2 * np.pi)))
    return density.prod(axis=-1)
''',
    ),
]

WRONG_ANSWERS["likelihood-grid-mle"] += [
    WrongAnswer(
        "returns the grid point nearest k/n",
        '''
import numpy as np


def grid_mle(flips, grid):
    grid = np.asarray(grid, dtype=float)
    return grid[np.argmin(np.abs(grid - np.mean(flips)))]
''',
    ),
    WrongAnswer(
        "uses nanargmax on the log-likelihood: 0 * log 0 at p = 1 is skipped",
        '''
import numpy as np


def grid_mle(flips, grid):
    flips = np.asarray(flips)
    grid = np.asarray(grid, dtype=float)
    n, k = flips.size, flips.sum()
    with np.errstate(divide="ignore", invalid="ignore"):
        loglik = k * np.log(grid) + (n - k) * np.log1p(-grid)
    return grid[np.nanargmax(loglik)]
''',
        kind="edge",
    ),
    WrongAnswer(
        "clips the grid into [1e-7, 1 - 1e-7] to avoid log 0",
        '''
import numpy as np


def grid_mle(flips, grid):
    flips = np.asarray(flips)
    grid = np.clip(np.asarray(grid, dtype=float), 1e-7, 1 - 1e-7)
    n, k = flips.size, flips.sum()
    loglik = k * np.log(grid) + (n - k) * np.log(1 - grid)
    return grid[np.argmax(loglik)]
''',
        kind="edge",
    ),
    WrongAnswer(
        "computes the likelihood in float32, which is 0 for 500 flips",
        '''
import numpy as np


def grid_mle(flips, grid):
    flips = np.asarray(flips)
    g = np.asarray(grid, dtype=np.float32)
    n, k = flips.size, int(flips.sum())
    likelihood = g**k * (1 - g) ** (n - k)
    return float(grid[np.argmax(likelihood)])
''',
        kind="edge",
    ),
    WrongAnswer(
        "returns the array of grid points where the likelihood is largest",
        '''
import numpy as np


def grid_mle(flips, grid):
    flips = np.asarray(flips)
    grid = np.asarray(grid, dtype=float)
    n, k = flips.size, flips.sum()
    likelihood = grid**k * (1 - grid) ** (n - k)
    return grid[likelihood == likelihood.max()]
''',
        kind="type",
    ),
    WrongAnswer(
        "asks mlcourse for the log-likelihood",
        '''
import numpy as np
from mlcourse import bernoulli_loglik


def grid_mle(flips, grid):
    grid = np.asarray(grid, dtype=float)
    return grid[np.argmax(bernoulli_loglik(flips, grid))]
''',
        kind="rule",
    ),
    WrongAnswer(
        "uses scipy's binomial pmf",
        '''
import numpy as np
import scipy.stats


def grid_mle(flips, grid):
    grid = np.asarray(grid, dtype=float)
    flips = np.asarray(flips)
    values = scipy.stats.binom.pmf(flips.sum(), flips.size, grid)
    return grid[np.argmax(values)]
''',
        kind="rule",
    ),
]

WRONG_ANSWERS["likelihood-integral"] += [
    WrongAnswer(
        "passes the arguments of np.trapezoid in the wrong order",
        '''
import numpy as np


def likelihood_integral(flips, grid):
    flips = np.asarray(flips)
    p = np.asarray(grid, dtype=float)
    n, k = flips.size, flips.sum()
    return np.trapezoid(p, p**k * (1 - p) ** (n - k))
''',
    ),
    WrongAnswer(
        "uses the left endpoint of each interval (a Riemann sum)",
        '''
import numpy as np


def likelihood_integral(flips, grid):
    flips = np.asarray(flips)
    p = np.asarray(grid, dtype=float)
    n, k = flips.size, flips.sum()
    likelihood = p**k * (1 - p) ** (n - k)
    return np.sum(np.diff(p) * likelihood[:-1])
''',
    ),
    WrongAnswer(
        "uses the midpoint rule instead of the trapezoid rule",
        '''
import numpy as np


def likelihood_integral(flips, grid):
    flips = np.asarray(flips)
    p = np.asarray(grid, dtype=float)
    n, k = flips.size, flips.sum()
    middle = (p[1:] + p[:-1]) / 2
    return np.sum(np.diff(p) * middle**k * (1 - middle) ** (n - k))
''',
    ),
    WrongAnswer(
        "clips p into [1e-7, 1 - 1e-7] before computing the likelihood",
        '''
import numpy as np


def likelihood_integral(flips, grid):
    flips = np.asarray(flips)
    p = np.asarray(grid, dtype=float)
    q = np.clip(p, 1e-7, 1 - 1e-7)
    n, k = flips.size, flips.sum()
    return np.trapezoid(q**k * (1 - q) ** (n - k), p)
''',
        kind="edge",
    ),
    WrongAnswer(
        "exponentiates the log-likelihood: nan where 0 * log 0 appears",
        '''
import numpy as np


def likelihood_integral(flips, grid):
    flips = np.asarray(flips)
    p = np.asarray(grid, dtype=float)
    n, k = flips.size, flips.sum()
    with np.errstate(divide="ignore", invalid="ignore"):
        likelihood = np.exp(k * np.log(p) + (n - k) * np.log(1 - p))
    return np.trapezoid(likelihood, p)
''',
        kind="edge",
    ),
    WrongAnswer(
        "computes in float32, where 500 flips underflow",
        '''
import numpy as np


def likelihood_integral(flips, grid):
    flips = np.asarray(flips)
    p = np.asarray(grid, dtype=np.float32)
    n, k = flips.size, flips.sum()
    return float(np.trapezoid(p**k * (1 - p) ** (n - k), p))
''',
        kind="edge",
    ),
    WrongAnswer(
        "returns the exact Beta integral whenever the grid spans [0, 1]",
        '''
import math

import numpy as np


def likelihood_integral(flips, grid):
    flips = np.asarray(flips)
    p = np.asarray(grid, dtype=float)
    n, k = flips.size, int(flips.sum())
    if p[0] == 0 and p[-1] == 1:
        return math.factorial(k) * math.factorial(n - k) / math.factorial(n + 1)
    return np.trapezoid(p**k * (1 - p) ** (n - k), p)
''',
        kind="cheat",
    ),
    WrongAnswer(
        "calls scipy.integrate.trapezoid",
        '''
import numpy as np
from scipy.integrate import trapezoid


def likelihood_integral(flips, grid):
    flips = np.asarray(flips)
    p = np.asarray(grid, dtype=float)
    n, k = flips.size, flips.sum()
    return trapezoid(p**k * (1 - p) ** (n - k), p)
''',
        kind="rule",
    ),
    WrongAnswer(
        "returns the area as an array of shape (1,)",
        '''
import numpy as np


def likelihood_integral(flips, grid):
    flips = np.asarray(flips)
    p = np.asarray(grid, dtype=float)
    n, k = flips.size, flips.sum()
    heights = (p**k * (1 - p) ** (n - k))[:, None]
    return np.sum(np.diff(p)[:, None] * (heights[1:] + heights[:-1]) / 2, axis=0)
''',
        kind="type",
    ),
]

# Correct answers written differently from the book's solutions: each must pass.
RIGHT_ANSWERS = {
    "likelihood-coin-sequence": [
        '''
import numpy as np


def sequence_likelihood(flips, p):
    p = np.asarray(p, dtype=float)
    result = np.ones_like(p)
    for flip in flips:  # one factor per flip
        result = result * (p if flip == 1 else 1 - p)
    return result if p.ndim else float(result)
''',
        '''
import numpy as np


def sequence_likelihood(flips, p):
    flips = np.asarray(flips)
    p = np.asarray(p, dtype=float)[..., np.newaxis]
    return np.prod(np.where(flips == 1, p, 1 - p), axis=-1)
''',
    ],
    "likelihood-gaussian-sample": [
        '''
import math

import numpy as np


def gaussian_sample_likelihood(x, mu, sigma):
    mu = np.asarray(mu, dtype=float)
    result = np.ones_like(mu)
    for value in x:
        result = result * np.exp(-((value - mu) ** 2) / (2 * sigma**2))
    return result / (sigma * math.sqrt(2 * math.pi)) ** len(x)
''',
        '''
import numpy as np


def gaussian_sample_likelihood(x, mu, sigma):
    x = np.asarray(x, dtype=float)
    mu = np.asarray(mu, dtype=float)
    squares = ((x[:, None] - mu.ravel()[None, :]) ** 2).sum(axis=0)
    values = np.exp(-squares / (2 * sigma**2)) / (2 * np.pi * sigma**2) ** (x.size / 2)
    return values.reshape(mu.shape)
''',
    ],
    "likelihood-grid-mle": [
        '''
def grid_mle(flips, grid):
    n, k = len(flips), int(sum(flips))
    best, best_value = None, -1.0
    for p in grid:
        value = p**k * (1 - p) ** (n - k)
        if value > best_value:
            best, best_value = float(p), value
    return best
''',
        '''
import numpy as np


def grid_mle(flips, grid):
    flips = np.asarray(flips)
    grid = np.asarray(grid, dtype=float)
    n, k = flips.size, flips.sum()
    with np.errstate(divide="ignore"):
        heads = np.where(k > 0, k * np.log(grid), 0.0)
        tails = np.where(n - k > 0, (n - k) * np.log1p(-grid), 0.0)
    return float(grid[np.argmax(heads + tails)])
''',
    ],
    "likelihood-integral": [
        '''
def likelihood_integral(flips, grid):
    n, k = len(flips), int(sum(flips))
    area = 0.0
    for left, right in zip(grid[:-1], grid[1:]):
        height = (left**k * (1 - left) ** (n - k) + right**k * (1 - right) ** (n - k)) / 2
        area += (right - left) * height
    return float(area)
''',
        '''
import numpy as np


def likelihood_integral(flips, grid):
    flips = np.asarray(flips)
    p = np.asarray(grid, dtype=float)
    likelihood = np.prod(np.where(flips == 1, p[:, None], 1 - p[:, None]), axis=1)
    return float(np.trapezoid(likelihood, p))
''',
    ],
}

WRONG_ANSWERS["likelihood-gaussian-sample"] += [
    WrongAnswer(
        "squeezes the result, so one candidate mean in an array gives a number",
        '''
import numpy as np


def gaussian_sample_likelihood(x, mu, sigma):
    x = np.asarray(x, dtype=float)
    z = (x - np.asarray(mu, dtype=float)[..., None]) / sigma
    return np.squeeze(np.prod(np.exp(-0.5 * z**2) / (sigma * np.sqrt(2 * np.pi)), axis=-1))
''',
        kind="edge",
    ),
    WrongAnswer(
        "adds 1e-12 to sigma to be safe from a division by zero",
        '''
import numpy as np


def gaussian_sample_likelihood(x, mu, sigma):
    x = np.asarray(x, dtype=float)
    s = sigma + 1e-12
    z = (x - np.asarray(mu, dtype=float)[..., None]) / s
    return np.prod(np.exp(-0.5 * z**2) / (s * np.sqrt(2 * np.pi)), axis=-1)
''',
        kind="edge",
    ),
    WrongAnswer(
        "takes the product over axis 0, which is right only for a single mean",
        '''
import numpy as np


def gaussian_sample_likelihood(x, mu, sigma):
    x = np.asarray(x, dtype=float)
    mu = np.asarray(mu, dtype=float)
    z = (x[:, None] - mu) / sigma if mu.ndim else (x - mu) / sigma
    return np.prod(np.exp(-0.5 * z**2) / (sigma * np.sqrt(2 * np.pi)), axis=-1)
''',
        kind="edge",
    ),
]

WRONG_ANSWERS["likelihood-grid-mle"].append(
    WrongAnswer(
        "looks k/n up in the grid and falls back to the nearest point",
        '''
import numpy as np


def grid_mle(flips, grid):
    grid = np.asarray(grid, dtype=float)
    target = np.mean(flips)
    found = np.isclose(grid, target)
    if found.any():
        return float(grid[found][0])
    return float(grid[np.argmin(np.abs(grid - target))])
''',
        kind="cheat",
    ))

WRONG_ANSWERS["likelihood-gaussian-sample"].append(
    WrongAnswer(
        "hides a logarithm behind a star import",
        '''
from numpy import *


def gaussian_sample_likelihood(x, mu, sigma):
    z = (asarray(x, dtype=float) - asarray(mu, dtype=float)[..., newaxis]) / sigma
    return exp(sum(-0.5 * z**2 - log(sigma * sqrt(2 * pi)), axis=-1))
''',
        kind="rule",
    ))
