"""Wrong answers for the exercises of Chapter 4, *The Gaussian MLE*."""

from .wrong_answers import WrongAnswer

WRONG_ANSWERS = {
    "gaussian-variance-mle": [
        WrongAnswer(
            "uses the unbiased sample variance",
            '''
import numpy as np


def variance_mle(x):
    x = np.asarray(x, dtype=float)
    return np.sum((x - x.mean()) ** 2) / (x.size - 1)
''',
            mistake="n - 1 instead of n",
        ),
        WrongAnswer(
            "divides the sum of squares by len(x) - 1 in a loop",
            '''
def variance_mle(x):
    mean = sum(x) / len(x)
    total = 0.0
    for value in x:
        total += (value - mean) ** 2
    return total / (len(x) - 1)
''',
            mistake="n - 1 instead of n",
        ),
        WrongAnswer(
            "returns the standard deviation",
            '''
import numpy as np


def variance_mle(x):
    x = np.asarray(x, dtype=float)
    return np.sqrt(np.mean((x - x.mean()) ** 2))
''',
            mistake="sigma instead of sigma squared",
        ),
        WrongAnswer(
            "averages the squares without centring",
            '''
import numpy as np


def variance_mle(x):
    return np.mean(np.square(x))
''',
            mistake="forgot to subtract the mean",
        ),
        WrongAnswer(
            "uses the shortcut E[x^2] - E[x]^2",
            '''
import numpy as np


def variance_mle(x):
    x = np.asarray(x, dtype=float)
    return np.mean(x**2) - np.mean(x) ** 2
''',
            mistake="the one-pass formula mean(x^2) - mean(x)^2",
        ),
        WrongAnswer(
            "returns the sum of squared deviations",
            '''
import numpy as np


def variance_mle(x):
    x = np.asarray(x, dtype=float)
    return np.sum((x - x.mean()) ** 2)
''',
        ),
    ],
    "gaussian-score": [
        WrongAnswer(
            "differentiates in sigma squared",
            '''
import numpy as np


def gaussian_score(x, mu, sigma):
    x = np.asarray(x, dtype=float)
    n, var = len(x), sigma**2
    d_mu = np.sum(x - mu) / var
    d_var = -n / (2 * var) + np.sum((x - mu) ** 2) / (2 * var**2)
    return np.array([d_mu, d_var])
''',
            mistake="derivative with respect to sigma squared, not sigma",
        ),
        WrongAnswer(
            "returns the gradient of the loss",
            '''
import numpy as np


def gaussian_score(x, mu, sigma):
    x = np.asarray(x, dtype=float)
    d_mu = -np.sum(x - mu) / sigma**2
    d_sigma = len(x) / sigma - np.sum((x - mu) ** 2) / sigma**3
    return np.array([d_mu, d_sigma])
''',
            mistake="signs flipped (the gradient of the negative log-likelihood)",
        ),
        WrongAnswer(
            "differentiates one log(sigma) instead of n of them",
            '''
import numpy as np


def gaussian_score(x, mu, sigma):
    x = np.asarray(x, dtype=float)
    d_mu = np.sum(x - mu) / sigma**2
    d_sigma = -1 / sigma + np.sum((x - mu) ** 2) / sigma**3
    return np.array([d_mu, d_sigma])
''',
            mistake="missing the factor n in -n/sigma",
        ),
        WrongAnswer(
            "keeps the 1/2 of the exponent",
            '''
import numpy as np


def gaussian_score(x, mu, sigma):
    x = np.asarray(x, dtype=float)
    q = np.sum((x - mu) ** 2)
    return np.array([np.sum(x - mu) / sigma**2,
                     -len(x) / sigma + q / (2 * sigma**3)])
''',
            mistake="lost the factor 2 from the power rule",
        ),
        WrongAnswer(
            "divides the mean component by sigma only",
            '''
import numpy as np


def gaussian_score(x, mu, sigma):
    x = np.asarray(x, dtype=float)
    q = np.sum((x - mu) ** 2)
    return np.array([np.sum(x - mu) / sigma, -len(x) / sigma + q / sigma**3])
''',
            mistake="sigma instead of sigma squared in the mu component",
        ),
        WrongAnswer(
            "returns the gradient of the mean log-likelihood",
            '''
import numpy as np


def gaussian_score(x, mu, sigma):
    x = np.asarray(x, dtype=float)
    d_mu = np.mean(x - mu) / sigma**2
    d_sigma = -1 / sigma + np.mean((x - mu) ** 2) / sigma**3
    return np.array([d_mu, d_sigma])
''',
            mistake="an average instead of a sum",
        ),
        WrongAnswer(
            "returns a tuple of the per-observation scores",
            '''
import numpy as np


def gaussian_score(x, mu, sigma):
    x = np.asarray(x, dtype=float)
    return (x - mu) / sigma**2, -1 / sigma + (x - mu) ** 2 / sigma**3
''',
        ),
    ],
    "gaussian-bias-simulation": [
        WrongAnswer(
            "simulates the unbiased variance",
            '''
import numpy as np


def mean_variance_mle(n, sigma, reps, rng):
    samples = rng.normal(0.0, sigma, size=(reps, n))
    return samples.var(axis=1, ddof=1).mean()
''',
            mistake="n - 1 instead of n",
        ),
        WrongAnswer(
            "averages the standard deviations",
            '''
import numpy as np


def mean_variance_mle(n, sigma, reps, rng):
    samples = rng.normal(0.0, sigma, size=(reps, n))
    centred = samples - samples.mean(axis=1, keepdims=True)
    return np.sqrt(np.mean(centred**2, axis=1)).mean()
''',
            mistake="sigma instead of sigma squared",
        ),
        WrongAnswer(
            "measures deviations from the true mean 0",
            '''
import numpy as np


def mean_variance_mle(n, sigma, reps, rng):
    samples = rng.normal(0.0, sigma, size=(reps, n))
    return np.mean(np.sum(samples**2, axis=1) / n)
''',
            mistake="the true mean instead of the sample mean",
        ),
        WrongAnswer(
            "takes one variance of the whole array",
            '''
import numpy as np


def mean_variance_mle(n, sigma, reps, rng):
    return np.var(rng.normal(0.0, sigma, size=(reps, n)))
''',
            mistake="one variance over all the draws instead of one per sample",
        ),
        WrongAnswer(
            "draws from numpy's global generator",
            '''
import numpy as np


def mean_variance_mle(n, sigma, reps, rng):
    samples = np.random.normal(0.0, sigma, size=(reps, n))
    return samples.var(axis=1).mean()
''',
        ),
        WrongAnswer(
            "loops over the replications in Python",
            '''
import numpy as np


def mean_variance_mle(n, sigma, reps, rng):
    total = 0.0
    for _ in range(reps):
        sample = rng.normal(0.0, sigma, size=n)
        total += np.var(sample, ddof=1)
    return total / reps
''',
        ),
    ],
    "gaussian-logsigma-nll": [
        WrongAnswer(
            "passes log_sigma as the standard deviation",
            '''
import numpy as np


def nll_log_sigma(x, mu, log_sigma):
    x = np.asarray(x, dtype=float)
    mu = np.asarray(mu, dtype=float)[..., None]
    sigma = np.asarray(log_sigma, dtype=float)[..., None]
    terms = np.log(sigma) + 0.5 * np.log(2 * np.pi) + (x - mu) ** 2 / (2 * sigma**2)
    return terms.sum(axis=-1)
''',
            mistake="log_sigma used as sigma",
        ),
        WrongAnswer(
            "returns the log-likelihood",
            '''
import numpy as np


def nll_log_sigma(x, mu, log_sigma):
    x = np.asarray(x, dtype=float)
    mu = np.asarray(mu, dtype=float)[..., None]
    tau = np.asarray(log_sigma, dtype=float)[..., None]
    terms = -tau - 0.5 * np.log(2 * np.pi) - 0.5 * (x - mu) ** 2 * np.exp(-2 * tau)
    return terms.sum(axis=-1)
''',
            mistake="forgot the minus sign",
        ),
        WrongAnswer(
            "adds the log-Jacobian of sigma = exp(tau)",
            '''
import numpy as np


def nll_log_sigma(x, mu, log_sigma):
    x = np.asarray(x, dtype=float)
    mu = np.asarray(mu, dtype=float)[..., None]
    tau = np.asarray(log_sigma, dtype=float)[..., None]
    terms = tau + 0.5 * np.log(2 * np.pi) + 0.5 * (x - mu) ** 2 * np.exp(-2 * tau)
    return terms.sum(axis=-1) - tau[..., 0]
''',
            mistake="added a Jacobian term",
        ),
        WrongAnswer(
            "treats exp(log_sigma) as the variance",
            '''
import numpy as np


def nll_log_sigma(x, mu, log_sigma):
    x = np.asarray(x, dtype=float)
    mu = np.asarray(mu, dtype=float)[..., None]
    var = np.exp(np.asarray(log_sigma, dtype=float))[..., None]
    terms = 0.5 * np.log(2 * np.pi * var) + (x - mu) ** 2 / (2 * var)
    return terms.sum(axis=-1)
''',
            mistake="exp(log_sigma) taken as the variance",
        ),
        WrongAnswer(
            "drops the 2 pi constant",
            '''
import numpy as np


def nll_log_sigma(x, mu, log_sigma):
    x = np.asarray(x, dtype=float)
    mu = np.asarray(mu, dtype=float)[..., None]
    tau = np.asarray(log_sigma, dtype=float)[..., None]
    terms = tau + 0.5 * (x - mu) ** 2 * np.exp(-2 * tau)
    return terms.sum(axis=-1)
''',
            mistake="dropped the constant (n/2) log(2 pi)",
        ),
        WrongAnswer(
            "works only for a single mu and log_sigma",
            '''
import math


def nll_log_sigma(x, mu, log_sigma):
    sigma = math.exp(log_sigma)
    total = 0.0
    for value in x:
        total += (math.log(sigma) + 0.5 * math.log(2 * math.pi)
                  + (value - mu) ** 2 / (2 * sigma**2))
    return total
''',
        ),
    ],
    "gaussian-profile-mu": [
        WrongAnswer(
            "plugs in the overall sigma_hat",
            '''
import numpy as np


def profile_loglik_mu(x, mu):
    x = np.asarray(x, dtype=float)
    mu = np.asarray(mu, dtype=float)
    var = np.mean((x - x.mean()) ** 2)
    ss = np.sum((x[:, None] - mu.reshape(-1)) ** 2, axis=0)
    value = -0.5 * x.size * np.log(2 * np.pi * var) - ss / (2 * var)
    return value.reshape(mu.shape)
''',
            mistake="sigma held at sigma_hat instead of maximised for each mu",
        ),
        WrongAnswer(
            "uses n - 1 for the best variance",
            '''
import numpy as np


def profile_loglik_mu(x, mu):
    x = np.asarray(x, dtype=float)
    mu = np.asarray(mu, dtype=float)
    n = x.size
    ss = np.sum((x[:, None] - mu.reshape(-1)) ** 2, axis=0)
    var = ss / (n - 1)
    value = -0.5 * n * np.log(2 * np.pi * var) - ss / (2 * var)
    return value.reshape(mu.shape)
''',
            mistake="n - 1 in the best sigma for each mu",
        ),
        WrongAnswer(
            "keeps only the log term",
            '''
import numpy as np


def profile_loglik_mu(x, mu):
    x = np.asarray(x, dtype=float)
    mu = np.asarray(mu, dtype=float)
    var = np.mean((x[:, None] - mu.reshape(-1)) ** 2, axis=0)
    return (-0.5 * x.size * np.log(2 * np.pi * var)).reshape(mu.shape)
''',
            mistake="left out the constant -n/2",
        ),
        WrongAnswer(
            "profiles with the standard deviation in place of the variance",
            '''
import numpy as np


def profile_loglik_mu(x, mu):
    x = np.asarray(x, dtype=float)
    mu = np.asarray(mu, dtype=float)
    n = x.size
    sd = np.sqrt(np.mean((x[:, None] - mu.reshape(-1)) ** 2, axis=0))
    return (-0.5 * n * np.log(2 * np.pi * sd) - n / 2).reshape(mu.shape)
''',
        ),
    ],
}

# The mutation campaign of issue 10: wrong answers that the first checks let through (edges,
# types, rules, cheats), each required to fail.
WRONG_ANSWERS["gaussian-variance-mle"] += [
    WrongAnswer(
        "calls np.var",
        '''
import numpy as np


def variance_mle(x):
    return float(np.var(x))
''',
        kind="rule",
    ),
    WrongAnswer(
        "calls the array's .var() method",
        '''
import numpy as np


def variance_mle(x):
    return np.asarray(x, dtype=float).var()
''',
        kind="rule",
    ),
    WrongAnswer(
        "uses the statistics module",
        '''
import statistics


def variance_mle(x):
    return statistics.pvariance([float(v) for v in x])
''',
        kind="rule",
    ),
    WrongAnswer(
        "works in float32 to save memory",
        '''
import numpy as np


def variance_mle(x):
    x = np.asarray(x, dtype=np.float32)
    return float(np.mean((x - x.mean()) ** 2))
''',
        kind="edge",
    ),
    WrongAnswer(
        "needs a numpy array: x.mean() fails on a list",
        '''
def variance_mle(x):
    deviations = x - x.mean()
    return float((deviations**2).mean())
''',
        kind="type",
    ),
    WrongAnswer(
        "centres the data in place",
        '''
import numpy as np


def variance_mle(x):
    x = np.asarray(x)
    x -= x.mean()
    return float(np.mean(x**2))
''',
        kind="edge",
    ),
    WrongAnswer(
        "keeps the dimension: returns shape (1,)",
        '''
import numpy as np


def variance_mle(x):
    x = np.asarray(x, dtype=float)
    return np.mean((x - x.mean()) ** 2, keepdims=True)
''',
        kind="type",
    ),
]

WRONG_ANSWERS["gaussian-score"] += [
    WrongAnswer(
        "central finite differences of the log-likelihood",
        '''
import numpy as np


def gaussian_score(x, mu, sigma):
    x = np.asarray(x, dtype=float)

    def loglik(m, s):
        return np.sum(-np.log(s) - 0.5 * np.log(2 * np.pi) - (x - m) ** 2 / (2 * s**2))

    h = 1e-6 * sigma
    return np.array([(loglik(mu + h, sigma) - loglik(mu - h, sigma)) / (2 * h),
                     (loglik(mu, sigma + h) - loglik(mu, sigma - h)) / (2 * h)])
''',
        kind="cheat",
    ),
    WrongAnswer(
        "differentiates the likelihood and divides by it (underflows for large n)",
        '''
import numpy as np


def gaussian_score(x, mu, sigma):
    x = np.asarray(x, dtype=float)
    L = np.prod(np.exp(-(x - mu) ** 2 / (2 * sigma**2)) / (sigma * np.sqrt(2 * np.pi)))
    dL_mu = L * np.sum(x - mu) / sigma**2
    dL_sigma = L * (-x.size / sigma + np.sum((x - mu) ** 2) / sigma**3)
    return np.array([dL_mu / L, dL_sigma / L])
''',
        kind="edge",
    ),
    WrongAnswer(
        "torch autograd",
        '''
import numpy as np
import torch


def gaussian_score(x, mu, sigma):
    m = torch.tensor(float(mu), dtype=torch.float64, requires_grad=True)
    s = torch.tensor(float(sigma), dtype=torch.float64, requires_grad=True)
    data = torch.as_tensor(np.asarray(x, dtype=float))
    loglik = torch.distributions.Normal(m, s).log_prob(data).sum()
    return np.array([g.item() for g in torch.autograd.grad(loglik, (m, s))])
''',
        kind="rule",
    ),
    WrongAnswer(
        "returns a list",
        '''
import numpy as np


def gaussian_score(x, mu, sigma):
    x = np.asarray(x, dtype=float)
    r = x - mu
    return [r.sum() / sigma**2, -x.size / sigma + np.sum(r**2) / sigma**3]
''',
        kind="type",
    ),
    WrongAnswer(
        "expects an array: x - mu fails on a list",
        '''
import numpy as np


def gaussian_score(x, mu, sigma):
    r = x - mu
    return np.array([r.sum() / sigma**2, -len(x) / sigma + np.sum(r**2) / sigma**3])
''',
        kind="edge",
    ),
    WrongAnswer(
        "plugs in the sample's own standard deviation for sigma",
        '''
import numpy as np


def gaussian_score(x, mu, sigma):
    x = np.asarray(x, dtype=float)
    s = np.sqrt(np.mean((x - x.mean()) ** 2))
    r = x - mu
    return np.array([r.sum() / s**2, -x.size / s + np.sum(r**2) / s**3])
''',
        kind="value",
    ),
]

WRONG_ANSWERS["gaussian-bias-simulation"] += [
    WrongAnswer(
        "the formula plus a little noise from rng",
        '''
def mean_variance_mle(n, sigma, reps, rng):
    return (n - 1) / n * sigma**2 * (1 + 0.001 * rng.standard_normal())
''',
        kind="cheat",
    ),
    WrongAnswer(
        "the formula plus noise of the right size",
        '''
import numpy as np


def mean_variance_mle(n, sigma, reps, rng):
    mean = (n - 1) / n * sigma**2
    spread = np.sqrt(2 * (n - 1)) / n * sigma**2 / np.sqrt(reps)
    return float(mean + spread * rng.standard_normal())
''',
        kind="cheat",
    ),
    WrongAnswer(
        "the unbiased variance rescaled by (n - 1)/n (nan for samples of one)",
        '''
import numpy as np


def mean_variance_mle(n, sigma, reps, rng):
    samples = rng.normal(0.0, sigma, size=(reps, n))
    return float(samples.var(axis=1, ddof=1).mean() * (n - 1) / n)
''',
        kind="edge",
    ),
    WrongAnswer(
        "draws with scipy",
        '''
import numpy as np
from scipy import stats


def mean_variance_mle(n, sigma, reps, rng):
    samples = stats.norm(0, sigma).rvs(size=(reps, n), random_state=rng)
    return float(samples.var(axis=1).mean())
''',
        kind="rule",
    ),
    WrongAnswer(
        "returns every estimate instead of their average",
        '''
import numpy as np


def mean_variance_mle(n, sigma, reps, rng):
    samples = rng.normal(0.0, sigma, size=(reps, n))
    return samples.var(axis=1)
''',
        kind="type",
    ),
    WrongAnswer(
        "passes the variance as numpy's scale",
        '''
import numpy as np


def mean_variance_mle(n, sigma, reps, rng):
    samples = rng.normal(0.0, sigma**2, size=(reps, n))
    return float(samples.var(axis=1).mean())
''',
        kind="value",
    ),
]

WRONG_ANSWERS["gaussian-logsigma-nll"] += [
    WrongAnswer(
        "computes sigma = exp(log_sigma) and takes its log again",
        '''
import numpy as np


def nll_log_sigma(x, mu, log_sigma):
    x = np.asarray(x, dtype=float)
    mu = np.asarray(mu, dtype=float)[..., None]
    sigma = np.exp(np.asarray(log_sigma, dtype=float))[..., None]
    terms = np.log(sigma) + 0.5 * np.log(2 * np.pi) + (x - mu) ** 2 / (2 * sigma**2)
    return terms.sum(axis=-1)
''',
        kind="edge",
    ),
    WrongAnswer(
        "clips log_sigma to [-20, 20] against overflow",
        '''
import numpy as np


def nll_log_sigma(x, mu, log_sigma):
    x = np.asarray(x, dtype=float)
    tau = np.clip(np.asarray(log_sigma, dtype=float), -20, 20)
    n, mean = x.size, x.mean()
    q = np.sum((x - mean) ** 2) + n * (mean - np.asarray(mu, dtype=float)) ** 2
    return n * tau + 0.5 * n * np.log(2 * np.pi) + 0.5 * q * np.exp(-2 * tau)
''',
        kind="edge",
    ),
    WrongAnswer(
        "replaces inf by the largest float with nan_to_num",
        '''
import numpy as np


def nll_log_sigma(x, mu, log_sigma):
    x = np.asarray(x, dtype=float)
    tau = np.asarray(log_sigma, dtype=float)
    n, mean = x.size, x.mean()
    q = np.sum((x - mean) ** 2) + n * (mean - np.asarray(mu, dtype=float)) ** 2
    with np.errstate(over="ignore"):
        value = n * tau + 0.5 * n * np.log(2 * np.pi) + 0.5 * q * np.exp(-2 * tau)
    return np.nan_to_num(value)
''',
        kind="edge",
    ),
    WrongAnswer(
        "scipy's normal log-density",
        '''
import numpy as np
from scipy.stats import norm


def nll_log_sigma(x, mu, log_sigma):
    x = np.asarray(x, dtype=float)
    mu = np.asarray(mu, dtype=float)[..., None]
    sigma = np.exp(np.asarray(log_sigma, dtype=float))[..., None]
    return -norm.logpdf(x, mu, sigma).sum(axis=-1)
''',
        kind="rule",
    ),
    WrongAnswer(
        "the course's gaussian_loglik",
        '''
import numpy as np
import mlcourse


def nll_log_sigma(x, mu, log_sigma):
    return -mlcourse.gaussian_loglik(x, mu, np.exp(log_sigma))
''',
        kind="rule",
    ),
    WrongAnswer(
        "returns a nested list",
        '''
import numpy as np


def nll_log_sigma(x, mu, log_sigma):
    x = np.asarray(x, dtype=float)
    tau = np.asarray(log_sigma, dtype=float)
    n, mean = x.size, x.mean()
    q = np.sum((x - mean) ** 2) + n * (mean - np.asarray(mu, dtype=float)) ** 2
    value = n * tau + 0.5 * n * np.log(2 * np.pi) + 0.5 * q * np.exp(-2 * tau)
    return value.tolist()
''',
        kind="type",
    ),
    WrongAnswer(
        "the mean negative log-likelihood per observation",
        '''
import numpy as np


def nll_log_sigma(x, mu, log_sigma):
    x = np.asarray(x, dtype=float)
    tau = np.asarray(log_sigma, dtype=float)
    n, mean = x.size, x.mean()
    q = np.sum((x - mean) ** 2) + n * (mean - np.asarray(mu, dtype=float)) ** 2
    return tau + 0.5 * np.log(2 * np.pi) + 0.5 * q / n * np.exp(-2 * tau)
''',
        kind="value",
    ),
]

WRONG_ANSWERS["gaussian-profile-mu"] += [
    WrongAnswer(
        "maximises over a grid of sigmas",
        '''
import numpy as np


def profile_loglik_mu(x, mu):
    x = np.asarray(x, dtype=float)
    mu = np.asarray(mu, dtype=float)
    spread = np.sqrt(np.mean((x - x.mean()) ** 2))
    sigmas = np.linspace(0.01, 20, 20000) * spread
    q = np.sum((x[:, None] - mu.reshape(-1)) ** 2, axis=0)[:, None]
    loglik = -x.size * np.log(sigmas) - 0.5 * x.size * np.log(2 * np.pi) - q / (2 * sigmas**2)
    return loglik.max(axis=1).reshape(mu.shape)
''',
        kind="cheat",
    ),
    WrongAnswer(
        "maximises over sigma with scipy",
        '''
import numpy as np
from scipy.optimize import minimize_scalar


def profile_loglik_mu(x, mu):
    x = np.asarray(x, dtype=float)

    def one(m):
        def nll(log_s):
            s = np.exp(log_s)
            return np.sum(np.log(s) + 0.5 * np.log(2 * np.pi) + (x - m) ** 2 / (2 * s * s))
        return -minimize_scalar(nll).fun

    return np.vectorize(one)(mu)
''',
        kind="rule",
    ),
    WrongAnswer(
        "the log of the product of the densities (underflows for thousands of points)",
        '''
import numpy as np


def profile_loglik_mu(x, mu):
    x = np.asarray(x, dtype=float)
    mu = np.asarray(mu, dtype=float)
    m = mu.reshape(-1)
    var = np.mean((x[:, None] - m) ** 2, axis=0)
    dens = np.exp(-(x[:, None] - m) ** 2 / (2 * var)) / np.sqrt(2 * np.pi * var)
    return np.log(np.prod(dens, axis=0)).reshape(mu.shape)
''',
        kind="edge",
    ),
    WrongAnswer(
        "forgets that the squared deviations grow as mu leaves the mean",
        '''
import numpy as np


def profile_loglik_mu(x, mu):
    x = np.asarray(x, dtype=float)
    n = x.size
    var = np.mean((x - x.mean()) ** 2)
    return np.full(np.shape(mu), -0.5 * n * np.log(2 * np.pi * var) - 0.5 * n)
''',
        kind="value",
    ),
    WrongAnswer(
        "returns a list",
        '''
import numpy as np


def profile_loglik_mu(x, mu):
    x = np.asarray(x, dtype=float)
    out = []
    for m in np.atleast_1d(mu):
        var = np.mean((x - m) ** 2)
        out.append(-0.5 * x.size * np.log(2 * np.pi * var) - 0.5 * x.size)
    return out if np.ndim(mu) else out[0]
''',
        kind="type",
    ),
    WrongAnswer(
        "always returns a 1-D array, shape (1,) for a number",
        '''
import numpy as np


def profile_loglik_mu(x, mu):
    x = np.asarray(x, dtype=float)
    mu = np.atleast_1d(np.asarray(mu, dtype=float))
    var = np.mean((x[:, None] - mu) ** 2, axis=0)
    return -0.5 * x.size * np.log(2 * np.pi * var) - 0.5 * x.size
''',
        kind="type",
    ),
]

# Correct answers written differently from the book's solutions: each must pass.
RIGHT_ANSWERS = {
    "gaussian-variance-mle": [
        '''
def variance_mle(x):
    mean, m2, count = 0.0, 0.0, 0
    for value in x:  # Welford's one-pass update
        count += 1
        delta = float(value) - mean
        mean += delta / count
        m2 += delta * (float(value) - mean)
    return m2 / count
''',
        '''
import numpy as np


def variance_mle(x):
    x = np.asarray(x, dtype=float)
    shifted = x - x[0]  # a shift by a data point keeps the one-pass formula accurate
    return float(np.mean(shifted**2) - np.mean(shifted) ** 2)
''',
    ],
    "gaussian-score": [
        '''
import math

import numpy as np


def gaussian_score(x, mu, sigma):
    d_mu = d_sigma = 0.0
    for value in x:
        z = (float(value) - mu) / sigma
        d_mu += z / sigma
        d_sigma += (z * z - 1) / sigma
    return np.array([d_mu, d_sigma])
''',
        '''
import numpy as np


def gaussian_score(x, mu, sigma):
    x = np.asarray(x, dtype=float)
    n, mean = x.size, x.mean()
    ss = np.sum((x - mean) ** 2)
    q = ss + n * (mean - mu) ** 2
    return np.array([n * (mean - mu) / sigma**2, (q / sigma**2 - n) / sigma])
''',
    ],
    "gaussian-bias-simulation": [
        '''
import numpy as np


def mean_variance_mle(n, sigma, reps, rng):
    samples = sigma * rng.standard_normal((n, reps))
    return float(np.var(samples, axis=0).mean())
''',
        '''
import numpy as np


def mean_variance_mle(n, sigma, reps, rng):
    samples = rng.normal(0.0, sigma, size=(reps, n))
    sums = samples.sum(axis=1)
    squares = (samples**2).sum(axis=1)
    return float(np.mean(squares / n - (sums / n) ** 2))
''',
    ],
    "gaussian-logsigma-nll": [
        '''
import numpy as np


def nll_log_sigma(x, mu, log_sigma):
    x = np.asarray(x, dtype=float)
    mu, tau = np.broadcast_arrays(np.asarray(mu, dtype=float),
                                  np.asarray(log_sigma, dtype=float))
    q = np.sum((x - mu[..., None]) ** 2, axis=-1)
    with np.errstate(over="ignore"):
        value = x.size * (tau + 0.5 * np.log(2 * np.pi)) + 0.5 * q * np.exp(-2 * tau)
    return value[()] if value.ndim == 0 else value
''',
        '''
import numpy as np


def nll_log_sigma(x, mu, log_sigma):
    x = np.asarray(x, dtype=float)
    tau = np.asarray(log_sigma, dtype=float)
    mu = np.asarray(mu, dtype=float)
    total = 0.0
    for value in x:
        z2 = (value - mu) ** 2
        with np.errstate(over="ignore"):
            total = total + tau + 0.5 * np.log(2 * np.pi) + 0.5 * z2 * np.exp(-2 * tau)
    return total
''',
    ],
    "gaussian-profile-mu": [
        '''
import numpy as np


def profile_loglik_mu(x, mu):
    x = np.asarray(x, dtype=float)
    mu = np.asarray(mu, dtype=float)
    best_var = np.mean((x - mu[..., None]) ** 2, axis=-1)
    return -0.5 * x.size * (np.log(2 * np.pi * best_var) + 1)
''',
        '''
import math

import numpy as np


def profile_loglik_mu(x, mu):
    x = np.asarray(x, dtype=float)
    n = x.size

    def one(m):
        var = math.fsum((v - m) ** 2 for v in x) / n
        return -n / 2 * (math.log(2 * math.pi) + math.log(var)) - n / 2

    if np.ndim(mu) == 0:
        return one(float(mu))
    return np.array([one(float(m)) for m in mu])
''',
    ],
}
