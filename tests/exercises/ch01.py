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
}
