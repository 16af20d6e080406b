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

# The mutation campaign of issue 10: wrong answers a learner could write, of every kind.
WRONG_ANSWERS["logtrick-bernoulli-loglik"] += [
    WrongAnswer(
        "uses np.log(1 - p), which keeps few digits for tiny p",
        '''
import numpy as np


def sequence_loglik(flips, p):
    flips = np.asarray(flips)
    p = np.asarray(p, dtype=float)
    n, k = flips.size, flips.sum()
    return k * np.log(p) + (n - k) * np.log(1 - p)
''',
        mistake="log(1 - p) that loses its digits for small p",
        kind="edge",
    ),
    WrongAnswer(
        "clips p into [1e-7, 1 - 1e-7], as Keras does",
        '''
import numpy as np


def sequence_loglik(flips, p):
    flips = np.asarray(flips)
    p = np.clip(np.asarray(p, dtype=float), 1e-7, 1 - 1e-7)
    n, k = flips.size, flips.sum()
    return k * np.log(p) + (n - k) * np.log1p(-p)
''',
        kind="edge",
    ),
    WrongAnswer(
        "adds a small epsilon inside the logarithms",
        '''
import numpy as np


def sequence_loglik(flips, p):
    flips = np.asarray(flips)
    p = np.asarray(p, dtype=float)
    n, k = flips.size, flips.sum()
    eps = 1e-12
    return k * np.log(p + eps) + (n - k) * np.log(1 - p + eps)
''',
        kind="edge",
    ),
    WrongAnswer(
        "returns shape (1,) for a single p",
        '''
import numpy as np


def sequence_loglik(flips, p):
    flips = np.asarray(flips)
    p = np.atleast_1d(np.asarray(p, dtype=float))
    n, k = flips.size, flips.sum()
    return k * np.log(p) + (n - k) * np.log1p(-p)
''',
        kind="type",
    ),
    WrongAnswer(
        "returns a Python list for an array of candidates",
        '''
import math

import numpy as np


def sequence_loglik(flips, p):
    n, k = len(flips), int(np.sum(flips))
    if np.ndim(p) == 0:
        return k * math.log(p) + (n - k) * math.log1p(-p)
    return [k * math.log(q) + (n - k) * math.log1p(-q) for q in np.ravel(p)]
''',
        kind="type",
    ),
    WrongAnswer(
        "works for a 1-D array of candidates only",
        '''
import numpy as np


def sequence_loglik(flips, p):
    flips = np.asarray(flips)
    q = np.atleast_1d(np.asarray(p, dtype=float))
    terms = np.where(flips[None, :] == 1, np.log(q)[:, None], np.log1p(-q)[:, None])
    values = terms.sum(axis=1)
    return values if np.ndim(p) else values[0]
''',
        kind="type",
    ),
    WrongAnswer(
        "sums scipy's Bernoulli log-probabilities",
        '''
import numpy as np
from scipy import stats


def sequence_loglik(flips, p):
    p = np.asarray(p, dtype=float)[..., None]
    return stats.bernoulli.logpmf(np.asarray(flips), p).sum(axis=-1)
''',
        kind="rule",
    ),
    WrongAnswer(
        "calls mlcourse.bernoulli_loglik",
        '''
import mlcourse


def sequence_loglik(flips, p):
    return mlcourse.bernoulli_loglik(flips, p)
''',
        kind="rule",
    ),
    WrongAnswer(
        "returns the mean log-likelihood per flip",
        '''
import numpy as np


def sequence_loglik(flips, p):
    flips = np.asarray(flips)
    p = np.asarray(p, dtype=float)
    k = flips.mean()
    return k * np.log(p) + (1 - k) * np.log1p(-p)
''',
    ),
    WrongAnswer(
        "computes in float32",
        '''
import numpy as np


def sequence_loglik(flips, p):
    flips = np.asarray(flips)
    p = np.asarray(p, dtype=np.float32)
    n, k = flips.size, int(flips.sum())
    return k * np.log(p) + (n - k) * np.log1p(-p)
''',
    ),
]

WRONG_ANSWERS["logtrick-mean-nll"] += [
    WrongAnswer(
        "clips the probabilities into [1e-7, 1], as Keras does",
        '''
import numpy as np


def mean_nll(assigned):
    q = np.clip(np.asarray(assigned, dtype=float), 1e-7, 1.0)
    return -np.mean(np.log(q))
''',
        mistake="probabilities clipped away from 0",
        kind="edge",
    ),
    WrongAnswer(
        "adds an epsilon of 1e-12 inside the logarithm",
        '''
import numpy as np


def mean_nll(assigned):
    return -np.mean(np.log(np.asarray(assigned, dtype=float) + 1e-12))
''',
        kind="edge",
    ),
    WrongAnswer(
        "computes in float32, where 1e-50 is 0",
        '''
import numpy as np


def mean_nll(assigned):
    q = np.asarray(assigned, dtype=np.float32)
    return float(-np.mean(np.log(q)))
''',
        kind="edge",
    ),
    WrongAnswer(
        "takes -log of the mean probability",
        '''
import numpy as np


def mean_nll(assigned):
    return -np.log(np.mean(assigned))
''',
    ),
    WrongAnswer(
        "divides by n - 1",
        '''
import numpy as np


def mean_nll(assigned):
    q = np.asarray(assigned, dtype=float)
    return -np.sum(np.log(q)) / (q.size - 1)
''',
    ),
    WrongAnswer(
        "returns the loss as an array of shape (1,)",
        '''
import numpy as np


def mean_nll(assigned):
    q = np.asarray(assigned, dtype=float)
    return -np.mean(np.log(q), keepdims=True)
''',
        kind="type",
    ),
    WrongAnswer(
        "calls torch's nll_loss",
        '''
import numpy as np
import torch


def mean_nll(assigned):
    logq = torch.log(torch.as_tensor(np.asarray(assigned, dtype=float)))[:, None]
    return float(torch.nn.functional.nll_loss(logq, torch.zeros(len(assigned), dtype=int)))
''',
        kind="rule",
    ),
    WrongAnswer(
        "uses scipy.special.xlogy",
        '''
import numpy as np
from scipy.special import xlogy


def mean_nll(assigned):
    q = np.asarray(assigned, dtype=float)
    return -np.mean(xlogy(1, q))
''',
        kind="rule",
    ),
]

WRONG_ANSWERS["logtrick-logsumexp"] += [
    WrongAnswer(
        "shifts by the mean instead of the maximum",
        '''
import numpy as np


def stable_logsumexp(a):
    a = np.asarray(a, dtype=float)
    finite = a[np.isfinite(a)]
    if finite.size == 0:
        return -np.inf
    c = finite.mean()
    return c + np.log(np.sum(np.exp(a - c)))
''',
        kind="edge",
    ),
    WrongAnswer(
        "shifts by the first entry",
        '''
import numpy as np


def stable_logsumexp(a):
    a = np.asarray(a, dtype=float)
    if np.all(a == -np.inf):
        return -np.inf
    c = a[np.isfinite(a)][0]
    return c + np.log(np.sum(np.exp(a - c)))
''',
        kind="edge",
    ),
    WrongAnswer(
        "counts the maximum once: m + log1p(sum over the entries below m)",
        '''
import numpy as np


def stable_logsumexp(a):
    a = np.asarray(a, dtype=float)
    m = np.max(a)
    if m == -np.inf:
        return m
    return m + np.log1p(np.sum(np.exp(a[a < m] - m)))
''',
        kind="edge",
    ),
    WrongAnswer(
        "clips the entries into [-700, 700] so that exp cannot overflow",
        '''
import numpy as np


def stable_logsumexp(a):
    a = np.clip(np.asarray(a, dtype=float), -700, 700)
    with np.errstate(divide="ignore"):
        return np.log(np.sum(np.exp(a)))
''',
        kind="edge",
    ),
    WrongAnswer(
        "has no guard for all -inf: -inf - (-inf) is nan",
        '''
import numpy as np


def stable_logsumexp(a):
    a = np.asarray(a, dtype=float)
    m = np.max(a)
    with np.errstate(invalid="ignore"):
        return m + np.log(np.sum(np.exp(a - m)))
''',
        kind="edge",
    ),
    WrongAnswer(
        "reduces with np.logaddexp",
        '''
import numpy as np


def stable_logsumexp(a):
    return np.logaddexp.reduce(np.asarray(a, dtype=float))
''',
        kind="rule",
    ),
    WrongAnswer(
        "calls scipy's logsumexp",
        '''
from scipy.special import logsumexp


def stable_logsumexp(a):
    return logsumexp(a)
''',
        kind="rule",
    ),
    WrongAnswer(
        "returns shape (1,) (keepdims)",
        '''
import numpy as np


def stable_logsumexp(a):
    a = np.asarray(a, dtype=float)
    m = np.max(a, keepdims=True)
    if not np.isfinite(m[0]):
        return m
    return m + np.log(np.sum(np.exp(a - m), keepdims=True))
''',
        kind="type",
    ),
    WrongAnswer(
        "uses the naive formula when it is finite and the maximum otherwise",
        '''
import numpy as np


def stable_logsumexp(a):
    a = np.asarray(a, dtype=float)
    with np.errstate(over="ignore", divide="ignore"):
        naive = np.log(np.sum(np.exp(a)))
    return naive if np.isfinite(naive) else np.max(a)
''',
        kind="cheat",
    ),
]

WRONG_ANSWERS["logtrick-log1mexp"] += [
    WrongAnswer(
        "switches formulas at a = -20 instead of near -log 2",
        '''
import numpy as np


def log_one_minus_exp(a):
    a = np.asarray(a, dtype=float)
    with np.errstate(divide="ignore"):
        return np.where(a > -20, np.log(-np.expm1(a)), np.log1p(-np.exp(a)))
''',
        kind="edge",
    ),
    WrongAnswer(
        "switches formulas at a = -1e-7",
        '''
import numpy as np


def log_one_minus_exp(a):
    a = np.asarray(a, dtype=float)
    with np.errstate(divide="ignore"):
        return np.where(a > -1e-7, np.log(-np.expm1(a)), np.log1p(-np.exp(a)))
''',
        kind="edge",
    ),
    WrongAnswer(
        "approximates log(1 - exp(a)) by log(-a) for |a| < 1e-5",
        '''
import numpy as np


def log_one_minus_exp(a):
    a = np.asarray(a, dtype=float)
    with np.errstate(divide="ignore"):
        exact = np.where(a > -np.log(2), np.log(-np.expm1(a)), np.log1p(-np.exp(a)))
        return np.where(a > -1e-5, np.log(-a), exact)
''',
        kind="edge",
    ),
    WrongAnswer(
        "approximates log(1 - x) by -x below a = -20",
        '''
import numpy as np


def log_one_minus_exp(a):
    a = np.asarray(a, dtype=float)
    with np.errstate(divide="ignore"):
        near = np.where(a > -np.log(2), np.log(-np.expm1(a)), np.log1p(-np.exp(a)))
    return np.where(a < -20, -np.exp(a), near)
''',
        kind="edge",
    ),
    WrongAnswer(
        "returns a flat Python list computed with math",
        '''
import math

import numpy as np


def log_one_minus_exp(a):
    out = []
    for v in np.ravel(a):
        if v == 0:
            out.append(-math.inf)
        elif v > -math.log(2):
            out.append(math.log(-math.expm1(v)))
        else:
            out.append(math.log1p(-math.exp(v)))
    return out
''',
        kind="type",
    ),
    WrongAnswer(
        "flattens a 2-D input",
        '''
import numpy as np


def log_one_minus_exp(a):
    a = np.ravel(np.asarray(a, dtype=float))
    with np.errstate(divide="ignore"):
        return np.where(a > -np.log(2), np.log(-np.expm1(a)), np.log1p(-np.exp(a)))
''',
        kind="type",
    ),
    WrongAnswer(
        "calls mlcourse.log1mexp",
        '''
from mlcourse import log1mexp


def log_one_minus_exp(a):
    return log1mexp(a)
''',
        kind="rule",
    ),
    WrongAnswer(
        "computes with torch",
        '''
import numpy as np
import torch


def log_one_minus_exp(a):
    t = torch.as_tensor(np.asarray(a, dtype=float))
    return torch.where(t > -0.693, torch.log(-torch.expm1(t)),
                       torch.log1p(-torch.exp(t))).numpy()
''',
        kind="rule",
    ),
    WrongAnswer(
        "computes log(exp(-a) - 1), which is off by -a",
        '''
import numpy as np


def log_one_minus_exp(a):
    a = np.asarray(a, dtype=float)
    with np.errstate(divide="ignore", over="ignore"):
        return np.log(np.expm1(-a))
''',
    ),
]

# Correct answers written differently from the book's solutions: each must pass.
RIGHT_ANSWERS = {
    "logtrick-bernoulli-loglik": [
        '''
import numpy as np


def sequence_loglik(flips, p):
    flips = np.asarray(flips)
    p = np.asarray(p, dtype=float)[..., np.newaxis]
    return np.sum(np.where(flips == 1, np.log(p), np.log1p(-p)), axis=-1)
''',
        '''
import numpy as np


def sequence_loglik(flips, p):
    tails, heads = np.bincount(np.asarray(flips), minlength=2)
    p = np.asarray(p, dtype=float)
    return heads * np.log(p) + tails * np.log1p(-p)
''',
    ],
    "logtrick-mean-nll": [
        '''
import math


def mean_nll(assigned):
    return -math.fsum(math.log(q) for q in assigned) / len(assigned)
''',
        '''
import numpy as np


def mean_nll(assigned):
    q = np.asarray(assigned, dtype=float)
    return float(-np.log(q).sum() / q.size)
''',
    ],
    "logtrick-logsumexp": [
        '''
import math


def stable_logsumexp(a):
    total = -math.inf  # log of the sum so far
    for x in a:
        x = float(x)
        high, low = max(total, x), min(total, x)
        if high == -math.inf:
            continue
        total = high + math.log1p(math.exp(low - high))
    return total
''',
        '''
import numpy as np


def stable_logsumexp(a):
    a = np.asarray(a, dtype=float)
    top = int(np.argmax(a))
    m = a[top]
    if m == -np.inf:
        return -np.inf
    rest = np.delete(a, top)
    return float(m + np.log1p(np.sum(np.exp(rest - m))))
''',
    ],
    "logtrick-log1mexp": [
        '''
import numpy as np


def log_one_minus_exp(a):
    a = np.asarray(a, dtype=float)
    out = np.empty_like(a)
    near = a > -1.0
    with np.errstate(divide="ignore"):
        out[near] = np.log(-np.expm1(a[near]))
    out[~near] = np.log1p(-np.exp(a[~near]))
    return out
''',
        '''
import numpy as np


def log_one_minus_exp(a):
    a = np.asarray(a, dtype=float)
    with np.errstate(divide="ignore"):
        near = np.log(-np.expm1(np.minimum(a, 0.0)))
    middle = np.log1p(-np.exp(a))
    far = -np.exp(a)  # log(1 - x) = -x to 17 digits once x < 1e-17
    return np.where(a > -0.5, near, np.where(a < -40.0, far, middle))
''',
    ],
}

WRONG_ANSWERS["logtrick-mean-nll"].append(
    WrongAnswer(
        "calls scikit-learn's log_loss",
        '''
import numpy as np
from sklearn.metrics import log_loss


def mean_nll(assigned):
    q = np.asarray(assigned, dtype=float)
    return log_loss(np.ones(q.size), q, labels=[0, 1])
''',
        kind="rule",
    ))
