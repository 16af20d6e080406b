"""Wrong answers for the exercises of Chapter 7, *Every loss is a negative log-likelihood*."""

from .wrong_answers import WrongAnswer

WRONG_ANSWERS = {
    "loss-mse-to-nll": [
        WrongAnswer(
            "keeps only the term that depends on the predictions",
            '''
def mse_to_gaussian_nll(mse, sigma):
    return mse / (2 * sigma**2)
''',
            mistake="left out the constant (1/2) log(2 pi sigma^2)",
        ),
        WrongAnswer(
            "uses the standard deviation where the variance belongs",
            '''
import numpy as np


def mse_to_gaussian_nll(mse, sigma):
    return mse / (2 * sigma) + np.log(np.sqrt(2 * np.pi * sigma))
''',
            mistake="sigma where sigma^2 belongs",
        ),
        WrongAnswer(
            "divides the squared error by the variance only",
            '''
import numpy as np


def mse_to_gaussian_nll(mse, sigma):
    variance = sigma**2
    return mse / variance + 0.5 * np.log(2 * np.pi * variance)
''',
            mistake="forgot the 1/2 in front of the squared error",
        ),
        WrongAnswer(
            "takes the log of 2 pi sigma^2 instead of its square root",
            '''
import numpy as np


def mse_to_gaussian_nll(mse, sigma):
    return mse / (2 * sigma**2) + np.log(2 * np.pi * sigma**2)
''',
            mistake="forgot the 1/2 in front of the log",
        ),
        WrongAnswer(
            "uses log10",
            '''
import numpy as np


def mse_to_gaussian_nll(mse, sigma):
    return mse / (2 * sigma**2) + 0.5 * np.log10(2 * np.pi * sigma**2)
''',
        ),
    ],
    "loss-bce-logits": [
        WrongAnswer(
            "computes the sigmoid, then its log",
            '''
import numpy as np


def bce_with_logits(z, y):
    p = 1 / (1 + np.exp(-z))
    return -np.mean(y * np.log(p) + (1 - y) * np.log(1 - p))
''',
            mistake="the log of the sigmoid computed naively",
        ),
        WrongAnswer(
            "clamps the log-probabilities at -100 like torch's binary_cross_entropy",
            '''
import numpy as np


def bce_with_logits(z, y):
    p = 0.5 * (1 + np.tanh(z / 2))
    with np.errstate(divide="ignore"):
        log_p = np.clip(np.log(p), -100, 0)
        log_q = np.clip(np.log1p(-p), -100, 0)
    return -np.mean(y * log_p + (1 - y) * log_q)
''',
            mistake="the probabilities clamped like torch's binary_cross_entropy",
        ),
        WrongAnswer(
            "gives a label 1 the cost softplus(z)",
            '''
import numpy as np


def bce_with_logits(z, y):
    return np.mean(y * np.logaddexp(0, z) + (1 - y) * np.logaddexp(0, -z))
''',
            mistake="the two classes swapped",
        ),
        WrongAnswer(
            "returns the total over the batch",
            '''
import numpy as np


def bce_with_logits(z, y):
    z = np.asarray(z, dtype=float)
    return np.sum(np.logaddexp(0, z) - y * z)
''',
            mistake="a sum instead of a mean",
        ),
        WrongAnswer(
            "uses log1p(exp(-z)), which overflows for very negative z",
            '''
import numpy as np


def bce_with_logits(z, y):
    with np.errstate(over="ignore"):
        return np.mean(y * np.log1p(np.exp(-z)) + (1 - y) * np.log1p(np.exp(z)))
''',
        ),
    ],
    "loss-poisson-nll": [
        WrongAnswer(
            "stops at torch's loss, without log k!",
            '''
import numpy as np


def poisson_nll(log_rate, k):
    return np.mean(np.exp(log_rate) - k * log_rate)
''',
            mistake="left out log k!, as torch's poisson_nll_loss does",
        ),
        WrongAnswer(
            "adds Stirling's formula, as full=True does",
            '''
import numpy as np


def poisson_nll(log_rate, k):
    k = np.asarray(k, dtype=float)
    stirling = np.zeros_like(k)
    big = k > 1
    stirling[big] = (k[big] * np.log(k[big]) - k[big]
                     + 0.5 * np.log(2 * np.pi * k[big]))
    return np.mean(np.exp(log_rate) - k * log_rate + stirling)
''',
            mistake="Stirling's approximation instead of log k!",
        ),
        WrongAnswer(
            "uses the input as the rate",
            '''
import numpy as np
from scipy.special import gammaln


def poisson_nll(log_rate, k):
    rate = np.asarray(log_rate, dtype=float)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.mean(rate - k * np.log(rate) + gammaln(k + 1))
''',
            mistake="treated the input as a rate, not a log-rate",
        ),
        WrongAnswer(
            "uses log k for log k!",
            '''
import numpy as np


def poisson_nll(log_rate, k):
    k = np.asarray(k, dtype=float)
    log_k = np.log(np.where(k > 0, k, 1.0))
    return np.mean(np.exp(log_rate) - k * log_rate + log_k)
''',
            mistake="log k instead of log k!",
        ),
        WrongAnswer(
            "computes k! with math.factorial, which overflows a float",
            '''
import math

import numpy as np


def poisson_nll(log_rate, k):
    log_fact = np.array([math.log(float(math.factorial(int(c)))) for c in k])
    return np.mean(np.exp(log_rate) - k * log_rate + log_fact)
''',
        ),
    ],
    "loss-laplace-profile": [
        WrongAnswer(
            "estimates the scale by the root mean square",
            '''
import numpy as np


def laplace_max_loglik(residuals):
    r = np.asarray(residuals, dtype=float)
    b = np.sqrt(np.mean(r**2))
    return -r.size * np.log(2 * b) - np.sum(np.abs(r)) / b
''',
            mistake="the standard deviation as the scale",
        ),
        WrongAnswer(
            "writes the density as exp(-|r|/b) / b",
            '''
import numpy as np


def laplace_max_loglik(residuals):
    r = np.asarray(residuals, dtype=float)
    b = np.abs(r).mean()
    return np.sum(-np.log(b) - np.abs(r) / b)
''',
            mistake="log b instead of log 2b",
        ),
        WrongAnswer(
            "drops the exponent term at the optimum",
            '''
import numpy as np


def laplace_max_loglik(residuals):
    r = np.asarray(residuals, dtype=float)
    return -len(r) * np.log(2 * np.mean(np.abs(r)))
''',
            mistake="forgot the -n from sum |r| / b",
        ),
        WrongAnswer(
            "returns the maximised Gaussian log-likelihood",
            '''
import numpy as np


def laplace_max_loglik(residuals):
    r = np.asarray(residuals, dtype=float)
    n = r.size
    sigma2 = np.mean(r**2)
    return -n / 2 * np.log(2 * np.pi * sigma2) - n / 2
''',
            mistake="the Gaussian log-likelihood instead",
        ),
        WrongAnswer(
            "uses the median absolute residual as the scale",
            '''
import numpy as np


def laplace_max_loglik(residuals):
    r = np.asarray(residuals, dtype=float)
    b = np.median(np.abs(r))
    return -r.size * np.log(2 * b) - np.abs(r).sum() / b
''',
        ),
    ],
}
