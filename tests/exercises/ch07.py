"""Wrong answers for the exercises of Chapter 7, *Every loss is a negative log-likelihood*, and
right answers written differently from the reference solutions (each must pass)."""

from .wrong_answers import WrongAnswer

WRONG_ANSWERS = {
    "loss-mse-to-nll": [
        WrongAnswer(
            "keeps only the term that depends on the predictions",
            '''
def mse_to_gaussian_nll(mse, sigma):
    return mse / (2 * sigma**2)
''',
            mistake="left out the normalising constant",
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
        # ---- the mutation campaign of issue 10
        WrongAnswer(
            "rounds the constant log(2 pi) / 2 to 0.919",
            '''
import numpy as np


def mse_to_gaussian_nll(mse, sigma):
    return mse / (2 * sigma**2) + np.log(sigma) + 0.919
''',
            kind="value",
        ),
        WrongAnswer(
            "evaluates the density and then takes its log, which underflows for a bad fit",
            '''
import numpy as np


def mse_to_gaussian_nll(mse, sigma):
    density = np.exp(-mse / (2 * sigma**2)) / np.sqrt(2 * np.pi * sigma**2)
    return -np.log(density)
''',
            kind="edge",
        ),
        WrongAnswer(
            "returns 0 for a perfect fit",
            '''
import numpy as np


def mse_to_gaussian_nll(mse, sigma):
    if mse == 0:
        return 0.0  # no error, no loss
    return mse / (2 * sigma**2) + 0.5 * np.log(2 * np.pi * sigma**2)
''',
            kind="edge",
        ),
        WrongAnswer(
            "works in float32",
            '''
import numpy as np


def mse_to_gaussian_nll(mse, sigma):
    mse, sigma = np.float32(mse), np.float32(sigma)
    return mse / (2 * sigma**2) + np.float32(0.5) * np.log(2 * np.float32(np.pi) * sigma**2)
''',
            kind="type",
        ),
        WrongAnswer(
            "returns an array of shape (1,)",
            '''
import numpy as np


def mse_to_gaussian_nll(mse, sigma):
    return np.array([mse / (2 * sigma**2) + 0.5 * np.log(2 * np.pi * sigma**2)])
''',
            kind="type",
        ),
        WrongAnswer(
            "asks scipy.stats for the log-density at a residual of sqrt(mse)",
            '''
import numpy as np
from scipy.stats import norm


def mse_to_gaussian_nll(mse, sigma):
    return -norm.logpdf(np.sqrt(mse), loc=0.0, scale=sigma)
''',
            kind="rule",
        ),
        WrongAnswer(
            "asks the course's gaussian_logpdf",
            '''
import math

import mlcourse


def mse_to_gaussian_nll(mse, sigma):
    return -float(mlcourse.gaussian_logpdf(math.sqrt(mse), 0.0, sigma))
''',
            kind="rule",
        ),
        WrongAnswer(
            "asks torch.distributions",
            '''
import math

import torch


def mse_to_gaussian_nll(mse, sigma):
    normal = torch.distributions.Normal(0.0, torch.tensor(sigma, dtype=torch.float64))
    return -normal.log_prob(torch.tensor(math.sqrt(mse), dtype=torch.float64)).item()
''',
            kind="rule",
        ),
        WrongAnswer(
            "recognises sigma = 1 and otherwise ignores sigma",
            '''
import numpy as np


def mse_to_gaussian_nll(mse, sigma):
    if sigma == 1:
        return mse / 2 + 0.5 * np.log(2 * np.pi)
    return mse / 2 + 0.5 * np.log(2 * np.pi) + np.log(sigma)
''',
            kind="cheat",
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
        # ---- the mutation campaign of issue 10
        WrongAnswer(
            "clips the probabilities at 1e-7, as Keras does",
            '''
import numpy as np


def bce_with_logits(z, y):
    z = np.asarray(z, dtype=float)
    p = np.clip(1 / (1 + np.exp(-np.clip(z, -500, 500))), 1e-7, 1 - 1e-7)
    return -np.mean(y * np.log(p) + (1 - y) * np.log(1 - p))
''',
            kind="edge",
        ),
        WrongAnswer(
            "avoids the overflow but forms log(1 + e^-|z|) as written",
            '''
import numpy as np


def bce_with_logits(z, y):
    z = np.asarray(z, dtype=float)
    softplus = np.maximum(z, 0) + np.log(1 + np.exp(-np.abs(z)))
    return np.mean(softplus - y * z)
''',
            kind="edge",
        ),
        WrongAnswer(
            "treats softplus as exact only up to |z| = 15 and cuts it off beyond",
            '''
import numpy as np


def bce_with_logits(z, y):
    z = np.asarray(z, dtype=float)
    small = np.log1p(np.exp(np.clip(z, -15, 15)))
    softplus = np.where(z > 15, z, np.where(z < -15, 0.0, small))
    return np.mean(softplus - y * z)
''',
            kind="edge",
        ),
        WrongAnswer(
            "clips the logits to +-30 before exponentiating",
            '''
import numpy as np


def bce_with_logits(z, y):
    z = np.clip(np.asarray(z, dtype=float), -30, 30)
    return np.mean(y * np.log1p(np.exp(-z)) + (1 - y) * np.log1p(np.exp(z)))
''',
            kind="edge",
        ),
        WrongAnswer(
            "divides the sum by len(z), which counts rows only for a 2-D input",
            '''
import numpy as np


def bce_with_logits(z, y):
    z = np.asarray(z, dtype=float)
    return np.sum(y * np.logaddexp(0, -z) + (1 - y) * np.logaddexp(0, z)) / len(z)
''',
            kind="type",
        ),
        WrongAnswer(
            "returns the loss of each example",
            '''
import numpy as np


def bce_with_logits(z, y):
    z = np.asarray(z, dtype=float)
    return y * np.logaddexp(0, -z) + (1 - y) * np.logaddexp(0, z)
''',
            kind="type",
        ),
        WrongAnswer(
            "calls torch's binary_cross_entropy_with_logits",
            '''
import torch
import torch.nn.functional as F


def bce_with_logits(z, y):
    return F.binary_cross_entropy_with_logits(
        torch.as_tensor(z, dtype=torch.float64), torch.as_tensor(y, dtype=torch.float64)).item()
''',
            kind="rule",
        ),
        WrongAnswer(
            "uses scipy.special.log_expit",
            '''
import numpy as np
from scipy.special import log_expit


def bce_with_logits(z, y):
    z = np.asarray(z, dtype=float)
    return -np.mean(y * log_expit(z) + (1 - y) * log_expit(-z))
''',
            kind="rule",
        ),
        WrongAnswer(
            "calls the course's binary_cross_entropy_with_logits",
            '''
from mlcourse.losses import binary_cross_entropy_with_logits


def bce_with_logits(z, y):
    return float(binary_cross_entropy_with_logits(z, y))
''',
            kind="rule",
        ),
        WrongAnswer(
            "patches a nan from the naive formula with the mean |z|",
            '''
import numpy as np


def bce_with_logits(z, y):
    z = np.asarray(z, dtype=float)
    with np.errstate(all="ignore"):
        p = 1 / (1 + np.exp(-z))
        loss = -np.mean(y * np.log(p) + (1 - y) * np.log(1 - p))
    if not np.isfinite(loss):
        return np.mean(np.abs(z))  # a confident mistake costs about |z|
    return loss
''',
            kind="cheat",
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
        # ---- the mutation campaign of issue 10
        WrongAnswer(
            "exponentiates the log-rate and takes the log again",
            '''
import numpy as np
from scipy.special import gammaln


def poisson_nll(log_rate, k):
    rate = np.exp(log_rate)
    return -np.mean(k * np.log(rate) - rate - gammaln(k + 1))
''',
            kind="edge",
        ),
        WrongAnswer(
            "uses scipy.special.factorial, which overflows beyond 170!",
            '''
import numpy as np
from scipy.special import factorial


def poisson_nll(log_rate, k):
    return np.mean(np.exp(log_rate) - k * log_rate + np.log(factorial(k)))
''',
            kind="edge",
        ),
        WrongAnswer(
            "uses gammaln(k) for log k!",
            '''
import numpy as np
from scipy.special import gammaln


def poisson_nll(log_rate, k):
    k = np.asarray(k, dtype=float)
    log_fact = np.where(k > 0, gammaln(np.maximum(k, 1)), 0.0)
    return np.mean(np.exp(log_rate) - k * log_rate + log_fact)
''',
            kind="value",
        ),
        WrongAnswer(
            "divides the sum by len(k), which counts rows only for a 2-D input",
            '''
import numpy as np
from scipy.special import gammaln


def poisson_nll(log_rate, k):
    return np.sum(np.exp(log_rate) - k * log_rate + gammaln(k + 1)) / len(k)
''',
            kind="type",
        ),
        WrongAnswer(
            "asks scipy.stats for the log-pmf",
            '''
import numpy as np
from scipy import stats


def poisson_nll(log_rate, k):
    return -np.mean(stats.poisson.logpmf(k, np.exp(log_rate)))
''',
            kind="rule",
        ),
        WrongAnswer(
            "calls torch's poisson_nll_loss with full=True",
            '''
import torch
import torch.nn.functional as F


def poisson_nll(log_rate, k):
    return F.poisson_nll_loss(torch.as_tensor(log_rate, dtype=torch.float64),
                              torch.as_tensor(k, dtype=torch.float64), full=True).item()
''',
            kind="rule",
        ),
        WrongAnswer(
            "adds log k! to the course's poisson_nll_loss",
            '''
import numpy as np
from scipy.special import gammaln

import mlcourse


def poisson_nll(log_rate, k):
    return float(mlcourse.poisson_nll_loss(log_rate, k)) + np.mean(gammaln(k + 1))
''',
            kind="rule",
        ),
        WrongAnswer(
            "returns the loss of each observation",
            '''
import numpy as np
from scipy.special import gammaln


def poisson_nll(log_rate, k):
    return np.exp(log_rate) - k * log_rate + gammaln(k + 1)
''',
            kind="type",
        ),
        WrongAnswer(
            "hides the non-finite terms with np.nan_to_num",
            '''
import numpy as np
from scipy.special import gammaln


def poisson_nll(log_rate, k):
    rate = np.exp(log_rate)
    with np.errstate(all="ignore"):
        terms = rate - k * np.log(rate) + gammaln(k + 1)
    return np.mean(np.nan_to_num(terms, nan=0.0, posinf=0.0, neginf=0.0))
''',
            kind="cheat",
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
            mistake="dropped the exponent term at the best scale",
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
        # ---- the mutation campaign of issue 10
        WrongAnswer(
            "sums the logs of the densities, each computed first",
            '''
import numpy as np


def laplace_max_loglik(residuals):
    r = np.asarray(residuals, dtype=float)
    b = np.mean(np.abs(r))
    return np.sum(np.log(np.exp(-np.abs(r) / b) / (2 * b)))
''',
            kind="edge",
        ),
        WrongAnswer(
            "takes the log of the product of the densities",
            '''
import numpy as np


def laplace_max_loglik(residuals):
    r = np.asarray(residuals, dtype=float)
    b = np.mean(np.abs(r))
    return np.log(np.prod(np.exp(-np.abs(r) / b) / (2 * b)))
''',
            kind="edge",
        ),
        WrongAnswer(
            "divides the sum of |r| by n - 1",
            '''
import numpy as np


def laplace_max_loglik(residuals):
    r = np.asarray(residuals, dtype=float)
    n = r.size
    b = np.sum(np.abs(r)) / (n - 1)
    return -n * np.log(2 * b) - np.sum(np.abs(r)) / b
''',
            kind="value",
        ),
        WrongAnswer(
            "maximises over a grid of 2,000 scales",
            '''
import numpy as np


def laplace_max_loglik(residuals):
    r = np.asarray(residuals, dtype=float)
    scale = np.abs(r).max()
    b = np.linspace(scale / 2000, scale, 2000)
    loglik = -r.size * np.log(2 * b) - np.abs(r).sum() / b
    return loglik.max()
''',
            kind="value",
        ),
        WrongAnswer(
            "fits the scale with scipy.stats.laplace",
            '''
import numpy as np
from scipy import stats


def laplace_max_loglik(residuals):
    loc, b = stats.laplace.fit(residuals, floc=0.0)
    return np.sum(stats.laplace.logpdf(residuals, loc, b))
''',
            kind="rule",
        ),
        WrongAnswer(
            "asks the course's laplace_loglik at mean |r|",
            '''
import numpy as np
from mlcourse import laplace_loglik


def laplace_max_loglik(residuals):
    r = np.asarray(residuals, dtype=float)
    return float(laplace_loglik(r, 0.0, np.mean(np.abs(r))))
''',
            kind="rule",
        ),
        WrongAnswer(
            "returns the log-density of each residual",
            '''
import numpy as np


def laplace_max_loglik(residuals):
    r = np.asarray(residuals, dtype=float)
    b = np.mean(np.abs(r))
    return -np.log(2 * b) - np.abs(r) / b
''',
            kind="type",
        ),
        WrongAnswer(
            "remembers the maximum as -n (log 2 + 1) for residuals of scale 1",
            '''
import numpy as np


def laplace_max_loglik(residuals):
    r = np.asarray(residuals, dtype=float)
    return -r.size * (np.log(2) + 1) - r.size * np.log(np.std(r) / np.sqrt(2))
''',
            kind="cheat",
        ),
    ],
}


RIGHT_ANSWERS = {
    "loss-mse-to-nll": [
        '''
import math


def mse_to_gaussian_nll(mse, sigma):
    return 0.5 * (mse / sigma) / sigma + math.log(sigma) + 0.5 * math.log(2 * math.pi)
''',
        '''
import numpy as np


def mse_to_gaussian_nll(mse, sigma):
    log_sigma = np.log(sigma)
    return float(0.5 * (mse * np.exp(-2 * log_sigma) + np.log(2 * np.pi)) + log_sigma)
''',
    ],
    "loss-bce-logits": [
        '''
import numpy as np


def bce_with_logits(z, y):
    z = np.asarray(z, dtype=float)
    y = np.asarray(y, dtype=float)
    # TensorFlow's form: max(z, 0) - z y + log(1 + e^-|z|)
    return float(np.mean(np.maximum(z, 0) - z * y + np.log1p(np.exp(-np.abs(z)))))
''',
        '''
import math


def bce_with_logits(z, y):
    total, count = 0.0, 0
    for zi, yi in zip(z.ravel().tolist(), y.ravel().tolist()):
        t = -zi if yi == 1 else zi  # the loss is softplus(t)
        total += t + math.log1p(math.exp(-t)) if t > 0 else math.log1p(math.exp(t))
        count += 1
    return total / count
''',
    ],
    "loss-poisson-nll": [
        '''
import math


def poisson_nll(log_rate, k):
    terms = [math.exp(x) - c * x + math.lgamma(c + 1)
             for x, c in zip(log_rate.ravel().tolist(), k.ravel().tolist())]
    return math.fsum(terms) / len(terms)
''',
        '''
import numpy as np
from scipy import special


def poisson_nll(log_rate, k):
    x = np.asarray(log_rate, dtype=float)
    k = np.asarray(k, dtype=float)
    return float(np.exp(x).mean() - (k * x).mean() + special.gammaln(k + 1).mean())
''',
    ],
    "loss-laplace-profile": [
        '''
import numpy as np


def laplace_max_loglik(residuals):
    r = np.abs(np.asarray(residuals, dtype=float))
    n = len(r)
    return float(-n * (np.log(2) + np.log(r.mean()) + 1))
''',
        '''
import math


def laplace_max_loglik(residuals):
    absolute = [abs(float(v)) for v in residuals]
    n = len(absolute)
    b = math.fsum(absolute) / n
    return -n * math.log(2 * b) - math.fsum(a / b for a in absolute)
''',
    ],
}
