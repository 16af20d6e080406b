"""Wrong answers for the exercises of Chapter 2, *The log trick*."""

from .wrong_answers import WrongAnswer

WRONG_ANSWERS = {
    "logtrick-bernoulli-loglik": [
        WrongAnswer(
            "multiplies the factors with np.prod, then takes the log",
            '''
import numpy as np


def sequence_loglik(flips, p):
    flips = np.asarray(flips)
    p = np.asarray(p, dtype=float)
    factors = np.where(flips[:, None] == 1, p.reshape(1, -1), 1 - p.reshape(1, -1))
    return np.log(np.prod(factors, axis=0)).reshape(p.shape)
''',
            mistake="the log of the product instead of the sum of the logs",
        ),
        WrongAnswer(
            "returns the likelihood, exponentiating the sum of logs",
            '''
import numpy as np


def sequence_loglik(flips, p):
    flips = np.asarray(flips)
    p = np.asarray(p, dtype=float)
    k = flips.sum()
    return np.exp(k * np.log(p) + (flips.size - k) * np.log(1 - p))
''',
            mistake="the likelihood instead of the log-likelihood",
        ),
        WrongAnswer(
            "counts the zeros as heads",
            '''
import numpy as np


def sequence_loglik(flips, p):
    flips = np.asarray(flips)
    p = np.asarray(p, dtype=float)
    tails = np.sum(flips == 0)
    return tails * np.log(p) + (flips.size - tails) * np.log(1 - p)
''',
            mistake="heads and tails swapped",
        ),
        WrongAnswer(
            "loops over the flips and only works for a single p",
            '''
import math


def sequence_loglik(flips, p):
    total = 0.0
    for flip in flips:
        total += math.log(p) if flip == 1 else math.log(1 - p)
    return total
''',
        ),
    ],
    "logtrick-mean-nll": [
        WrongAnswer(
            "averages the log-probabilities without negating them",
            '''
import numpy as np


def mean_nll(assigned):
    return np.mean(np.log(assigned))
''',
            mistake="forgot the minus sign",
        ),
        WrongAnswer(
            "returns the total negative log-likelihood",
            '''
import numpy as np


def mean_nll(assigned):
    return -np.log(np.asarray(assigned, dtype=float)).sum()
''',
            mistake="a sum instead of a mean",
        ),
        WrongAnswer(
            "uses the base-10 logarithm",
            '''
import numpy as np


def mean_nll(assigned):
    assigned = np.asarray(assigned, dtype=float)
    return -np.sum(np.log10(assigned)) / len(assigned)
''',
            mistake="log10 instead of the natural log",
        ),
        WrongAnswer(
            "multiplies the probabilities first, in a loop",
            '''
import math


def mean_nll(assigned):
    likelihood = 1.0
    for q in assigned:
        likelihood *= q
    return -math.log(likelihood) / len(assigned) if likelihood > 0 else math.inf
''',
            mistake="the log of the product of the probabilities",
        ),
        WrongAnswer(
            "measures in bits with log2",
            '''
import numpy as np


def mean_nll(assigned):
    return -np.mean(np.log2(assigned))
''',
        ),
    ],
    "logtrick-logsumexp": [
        WrongAnswer(
            "uses the naive formula",
            '''
import numpy as np


def stable_logsumexp(a):
    return np.log(np.sum(np.exp(a)))
''',
            mistake="the naive formula log(sum(exp(a)))",
        ),
        WrongAnswer(
            "shifts by the maximum but does not add it back",
            '''
import numpy as np


def stable_logsumexp(a):
    a = np.asarray(a, dtype=float)
    m = a.max()
    if not np.isfinite(m):
        return m
    return np.log(np.exp(a - m).sum())
''',
            mistake="forgot to add the maximum back",
        ),
        WrongAnswer(
            "keeps only the largest term",
            '''
import numpy as np


def stable_logsumexp(a):
    return float(np.max(a))
''',
            mistake="returned only the maximum",
        ),
        WrongAnswer(
            "shifts by the maximum but does not guard against an all -inf input",
            '''
import numpy as np


def stable_logsumexp(a):
    a = np.asarray(a, dtype=float)
    m = np.max(a)
    return m + np.log(np.sum(np.exp(a - m)))
''',
        ),
    ],
    "logtrick-log1mexp": [
        WrongAnswer(
            "computes log(1 - exp(a)) directly",
            '''
import numpy as np


def log_one_minus_exp(a):
    p = np.exp(a)
    return np.log(1 - p)
''',
            mistake="the naive formula log(1 - exp(a))",
        ),
        WrongAnswer(
            "uses expm1 for every entry",
            '''
import numpy as np


def log_one_minus_exp(a):
    return np.log(-np.expm1(a))
''',
            mistake="log(-expm1(a)) everywhere",
        ),
        WrongAnswer(
            "uses log1p for every entry",
            '''
import numpy as np


def log_one_minus_exp(a):
    return np.log1p(-np.exp(a))
''',
            mistake="log1p(-exp(a)) everywhere",
        ),
        WrongAnswer(
            "picks one formula for the whole array from its largest entry",
            '''
import numpy as np


def log_one_minus_exp(a):
    a = np.asarray(a, dtype=float)
    if a.max() > -np.log(2):
        return np.log(-np.expm1(a))
    return np.log1p(-np.exp(a))
''',
        ),
    ],
}
