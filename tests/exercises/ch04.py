"""Wrong answers for the exercises of Chapter 4, *The Gaussian MLE*."""

from .wrong_answers import WrongAnswer

WRONG_ANSWERS = {
    "gaussian-variance-mle": [
        WrongAnswer(
            "uses the unbiased sample variance",
            '''
import numpy as np


def variance_mle(x):
    return np.var(x, ddof=1)
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
