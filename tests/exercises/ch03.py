"""Wrong answers for the exercises of Chapter 3, *Coin flips: the Bernoulli MLE*."""

from .wrong_answers import WrongAnswer

WRONG_ANSWERS = {
    "coin-score": [
        WrongAnswer(
            "differentiates log(1 - p) as 1/(1 - p), dropping the inner derivative",
            '''
import numpy as np


def bernoulli_score(k, n, p):
    p = np.asarray(p, dtype=float)
    return k / p + (n - k) / (1 - p)
''',
            mistake="a sign error in the derivative of log(1 - p)",
        ),
        WrongAnswer(
            "gives the heads the weight of the tails",
            '''
import numpy as np


def bernoulli_score(k, n, p):
    tails = n - k
    return tails / np.asarray(p) - k / (1 - np.asarray(p))
''',
            mistake="heads and tails swapped",
        ),
        WrongAnswer(
            "counts every flip as a tail in the second term",
            '''
import numpy as np


def bernoulli_score(k, n, p):
    p = np.asarray(p, dtype=float)
    return k / p - n / (1 - p)
''',
            mistake="n tails instead of n - k",
        ),
        WrongAnswer(
            "returns the mean score per flip",
            '''
import numpy as np


def bernoulli_score(k, n, p):
    p = np.asarray(p, dtype=float)
    p_hat = k / n
    return p_hat / p - (1 - p_hat) / (1 - p)
''',
            mistake="the score per flip instead of the total",
        ),
        WrongAnswer(
            "differentiates the likelihood instead of the log-likelihood",
            '''
import numpy as np


def bernoulli_score(k, n, p):
    p = np.asarray(p, dtype=float)
    return p ** (k - 1) * (1 - p) ** (n - k - 1) * (k - n * p)
''',
        ),
    ],
    "coin-observed-information": [
        WrongAnswer(
            "returns the second derivative without negating it",
            '''
import numpy as np


def observed_information(k, n, p):
    p = np.asarray(p, dtype=float)
    return -(k / p**2) - (n - k) / (1 - p) ** 2
''',
            mistake="forgot the minus sign: returned the second derivative itself",
        ),
        WrongAnswer(
            "uses the Fisher information formula at every p",
            '''
import numpy as np


def observed_information(k, n, p):
    p = np.asarray(p, dtype=float)
    return n / (p * (1 - p))
''',
            mistake="the expected information n / (p(1 - p)) instead of the observed",
        ),
        WrongAnswer(
            "loses the sign of the inner derivative in the tails' term",
            '''
import numpy as np


def observed_information(k, n, p):
    p = np.asarray(p, dtype=float)
    heads = k / p**2
    tails = (n - k) / (1 - p) ** 2
    return heads - tails
''',
            mistake="a sign error in the tails' term",
        ),
        WrongAnswer(
            "squares the score instead of differentiating it",
            '''
import numpy as np


def observed_information(k, n, p):
    p = np.asarray(p, dtype=float)
    return (k / p - (n - k) / (1 - p)) ** 2
''',
        ),
    ],
    "coin-standard-error": [
        WrongAnswer(
            "divides by n - 1, as for a sample variance",
            '''
import numpy as np


def standard_error(flips):
    flips = np.asarray(flips, dtype=float)
    return np.sqrt(flips.mean() * (1 - flips.mean()) / (len(flips) - 1))
''',
            mistake="n - 1 instead of n",
        ),
        WrongAnswer(
            "returns the variance of p_hat",
            '''
import numpy as np


def standard_error(flips):
    p_hat = np.mean(flips)
    return p_hat * (1 - p_hat) / len(flips)
''',
            mistake="the variance instead of the standard error",
        ),
        WrongAnswer(
            "returns the standard deviation of the flips",
            '''
import numpy as np


def standard_error(flips):
    return np.std(np.asarray(flips, dtype=float))
''',
            mistake="the standard deviation of one flip",
        ),
        WrongAnswer(
            "uses the standard error of a fair coin",
            '''
import numpy as np


def standard_error(flips):
    return np.sqrt(0.25 / len(flips))
''',
        ),
    ],
    "coin-gradient-ascent": [
        WrongAnswer(
            "subtracts the gradient, as a loss-minimising loop would",
            '''
import numpy as np


def logit_gradient_ascent(k, n, steps, lr):
    z = 0.0
    for _ in range(steps):
        p = 1 / (1 + np.exp(-z))
        z = z - lr * (k / n - p)
    return 1 / (1 + np.exp(-z))
''',
            mistake="gradient descent instead of ascent",
        ),
        WrongAnswer(
            "uses the derivative with respect to p as the step in z",
            '''
import numpy as np


def logit_gradient_ascent(k, n, steps, lr):
    z = 0.0
    for _ in range(steps):
        p = 1 / (1 + np.exp(-z))
        z = z + lr * (k / (n * p) - (n - k) / (n * (1 - p)))
    return 1 / (1 + np.exp(-z))
''',
            mistake="forgot the chain-rule factor dp/dz = p(1 - p)",
        ),
        WrongAnswer(
            "returns z",
            '''
import numpy as np


def logit_gradient_ascent(k, n, steps, lr):
    z = 0.0
    for _ in range(steps):
        z += lr * (k / n - 1 / (1 + np.exp(-z)))
    return z
''',
            mistake="returned the logit instead of the probability",
        ),
        WrongAnswer(
            "climbs the total log-likelihood",
            '''
import numpy as np


def logit_gradient_ascent(k, n, steps, lr):
    z = 0.0
    for _ in range(steps):
        p = 1 / (1 + np.exp(-z))
        z = z + lr * (k - n * p)
    return 1 / (1 + np.exp(-z))
''',
            mistake="the gradient of the total log-likelihood instead of the mean",
        ),
        WrongAnswer(
            "takes one step too few",
            '''
import numpy as np


def logit_gradient_ascent(k, n, steps, lr):
    z = 0.0
    for _ in range(steps - 1):
        z = z + lr * (k / n - 1 / (1 + np.exp(-z)))
    return 1 / (1 + np.exp(-z))
''',
        ),
    ],
    "coin-pooled-mle": [
        WrongAnswer(
            "averages the fractions of the experiments",
            '''
import numpy as np


def pooled_mle(k, n):
    return np.mean(np.asarray(k) / np.asarray(n))
''',
            mistake="the average of the per-experiment fractions",
        ),
        WrongAnswer(
            "divides by the number of experiments",
            '''
import numpy as np


def pooled_mle(k, n):
    return np.sum(k) / len(k)
''',
            mistake="divided by the number of experiments instead of the number of trials",
        ),
        WrongAnswer(
            "counts the failures",
            '''
import numpy as np


def pooled_mle(k, n):
    k, n = np.asarray(k), np.asarray(n)
    return np.sum(n - k) / np.sum(n)
''',
            mistake="the fraction of failures",
        ),
        WrongAnswer(
            "clips the estimate away from 0 and 1",
            '''
import numpy as np


def pooled_mle(k, n):
    p = np.sum(k) / np.sum(n)
    return float(np.clip(p, 1e-6, 1 - 1e-6))
''',
        ),
    ],
}

# The mutation campaign of issue 10: wrong answers that the first checks let through (edges,
# types, rules, cheats), each required to fail.
WRONG_ANSWERS["coin-score"] += [
    WrongAnswer(
        "clips p to [1e-7, 1 - 1e-7] to avoid dividing by zero, as Keras does",
        '''
import numpy as np


def bernoulli_score(k, n, p):
    p = np.clip(np.asarray(p, dtype=float), 1e-7, 1 - 1e-7)
    return k / p - (n - k) / (1 - p)
''',
        kind="edge",
    ),
    WrongAnswer(
        "divides the derivative of the likelihood by the likelihood (underflows for large n)",
        '''
import numpy as np


def bernoulli_score(k, n, p):
    p = np.asarray(p, dtype=float)
    likelihood = p**k * (1 - p) ** (n - k)
    slope = k * p ** (k - 1) * (1 - p) ** (n - k) - (n - k) * p**k * (1 - p) ** (n - k - 1)
    return slope / likelihood
''',
        kind="edge",
    ),
    WrongAnswer(
        "a central finite difference of the log-likelihood instead of the derivative",
        '''
import numpy as np


def bernoulli_score(k, n, p):
    p = np.asarray(p, dtype=float)
    h = 1e-6 * np.minimum(p, 1 - p)

    def loglik(q):
        return k * np.log(q) + (n - k) * np.log1p(-q)

    return (loglik(p + h) - loglik(p - h)) / (2 * h)
''',
        kind="cheat",
    ),
    WrongAnswer(
        "lets torch differentiate the log-likelihood",
        '''
import numpy as np
import torch


def bernoulli_score(k, n, p):
    q = torch.tensor(np.asarray(p, dtype=float), requires_grad=True)
    loglik = k * torch.log(q) + (n - k) * torch.log1p(-q)
    loglik.sum().backward()
    return q.grad.numpy()
''',
        kind="rule",
    ),
    WrongAnswer(
        "differentiates the course's log-likelihood numerically",
        '''
import numpy as np
from mlcourse import bernoulli_loglik


def bernoulli_score(k, n, p):
    flips = np.array([1] * k + [0] * (n - k))
    p = np.asarray(p, dtype=float)
    h = 1e-7
    return (bernoulli_loglik(flips, p + h) - bernoulli_loglik(flips, p - h)) / (2 * h)
''',
        kind="rule",
    ),
    WrongAnswer(
        "returns a Python list, one slope per p",
        '''
import numpy as np


def bernoulli_score(k, n, p):
    return [k / q - (n - k) / (1 - q) for q in np.atleast_1d(p)]
''',
        kind="type",
    ),
    WrongAnswer(
        "flattens p, so a number comes back as shape (1,) and a table as a vector",
        '''
import numpy as np


def bernoulli_score(k, n, p):
    p = np.ravel(np.asarray(p, dtype=float))
    return k / p - (n - k) / (1 - p)
''',
        kind="type",
    ),
]

WRONG_ANSWERS["coin-observed-information"] += [
    WrongAnswer(
        "clips p to [1e-7, 1 - 1e-7]",
        '''
import numpy as np


def observed_information(k, n, p):
    p = np.clip(np.asarray(p, dtype=float), 1e-7, 1 - 1e-7)
    return k / p**2 + (n - k) / (1 - p) ** 2
''',
        kind="edge",
    ),
    WrongAnswer(
        "(L'/L)^2 - L''/L from the likelihood itself (underflows for large n)",
        '''
import numpy as np


def observed_information(k, n, p):
    p = np.asarray(p, dtype=float)
    L = p**k * (1 - p) ** (n - k)
    d1 = L * (k / p - (n - k) / (1 - p))
    d2 = d1 * (k / p - (n - k) / (1 - p)) + L * (-k / p**2 - (n - k) / (1 - p) ** 2)
    return (d1 / L) ** 2 - d2 / L
''',
        kind="edge",
    ),
    WrongAnswer(
        "a second finite difference of the log-likelihood",
        '''
import numpy as np


def observed_information(k, n, p):
    p = np.asarray(p, dtype=float)
    h = 1e-4 * np.minimum(p, 1 - p)

    def loglik(q):
        return k * np.log(q) + (n - k) * np.log1p(-q)

    return -(loglik(p + h) - 2 * loglik(p) + loglik(p - h)) / h**2
''',
        kind="cheat",
    ),
    WrongAnswer(
        "the curvature at the estimate k/n, whatever p is asked",
        '''
import numpy as np


def observed_information(k, n, p):
    p_hat = min(max(k / n, 1e-3), 1 - 1e-3)
    return np.full(np.shape(p), n / (p_hat * (1 - p_hat)))
''',
        kind="value",
    ),
    WrongAnswer(
        "torch's second derivative",
        '''
import torch


def observed_information(k, n, p):
    q = torch.tensor(p, dtype=torch.float64, requires_grad=True)
    loglik = (k * torch.log(q) + (n - k) * torch.log1p(-q)).sum()
    (first,) = torch.autograd.grad(loglik, q, create_graph=True)
    (second,) = torch.autograd.grad(first.sum(), q)
    return -second.numpy()
''',
        kind="rule",
    ),
    WrongAnswer(
        "returns a list",
        '''
import numpy as np


def observed_information(k, n, p):
    p = np.asarray(p, dtype=float)
    return (k / p**2 + (n - k) / (1 - p) ** 2).tolist()
''',
        kind="type",
    ),
    WrongAnswer(
        "loops over a 1-D p only",
        '''
import numpy as np


def observed_information(k, n, p):
    out = np.empty(np.size(p))
    for i, q in enumerate(np.ravel(p)):
        out[i] = k / q**2 + (n - k) / (1 - q) ** 2
    return out
''',
        kind="type",
    ),
]

WRONG_ANSWERS["coin-standard-error"] += [
    WrongAnswer(
        "keeps p_hat away from 0 and 1 before taking the root",
        '''
import numpy as np


def standard_error(flips):
    p_hat = np.clip(np.mean(flips), 0.01, 0.99)
    return np.sqrt(p_hat * (1 - p_hat) / len(flips))
''',
        kind="edge",
    ),
    WrongAnswer(
        "rounds p_hat to three decimals first",
        '''
import numpy as np


def standard_error(flips):
    p_hat = round(float(np.mean(flips)), 3)
    return float(np.sqrt(p_hat * (1 - p_hat) / len(flips)))
''',
        kind="value",
    ),
    WrongAnswer(
        "bootstraps the standard error",
        '''
import numpy as np


def standard_error(flips):
    flips = np.asarray(flips, dtype=float)
    rng = np.random.default_rng(0)
    means = rng.choice(flips, size=(4000, flips.size)).mean(axis=1)
    return float(means.std())
''',
        kind="cheat",
    ),
    WrongAnswer(
        "uses scipy's standard error of the mean",
        '''
import numpy as np
from scipy import stats


def standard_error(flips):
    return float(stats.sem(np.asarray(flips, dtype=float), ddof=0))
''',
        kind="rule",
    ),
    WrongAnswer(
        "asks the course's fitter",
        '''
import numpy as np
import mlcourse


def standard_error(flips):
    flips = np.asarray(flips)
    fit = mlcourse.fit_mle(lambda p: mlcourse.bernoulli_loglik(flips, p), {"p": 0.5},
                           constraints={"p": "probability"})
    return float(fit.bse[0])
''',
        kind="rule",
    ),
    WrongAnswer(
        "returns an array of shape (1,)",
        '''
import numpy as np


def standard_error(flips):
    flips = np.asarray(flips, dtype=float).reshape(1, -1)
    p_hat = flips.mean(axis=1)
    return np.sqrt(p_hat * (1 - p_hat) / flips.shape[1])
''',
        kind="type",
    ),
]

WRONG_ANSWERS["coin-gradient-ascent"] += [
    WrongAnswer(
        "clips the logit to [-20, 20] to avoid overflow",
        '''
import numpy as np


def logit_gradient_ascent(k, n, steps, lr):
    z = 0.0
    for _ in range(steps):
        z = float(np.clip(z + lr * (k / n - 1 / (1 + np.exp(-z))), -20, 20))
    return 1 / (1 + np.exp(-z))
''',
        kind="edge",
    ),
    WrongAnswer(
        "computes the sigmoid as 1 - 1/(1 + e^z), which loses small probabilities",
        '''
import numpy as np


def logit_gradient_ascent(k, n, steps, lr):
    z = 0.0
    for _ in range(steps):
        p = 1 - 1 / (1 + np.exp(z))
        z += lr * (k / n - p)
    return 1 - 1 / (1 + np.exp(z))
''',
        kind="edge",
    ),
    WrongAnswer(
        "the sigmoid through tanh, which rounds to 0 below z = -19",
        '''
import numpy as np


def logit_gradient_ascent(k, n, steps, lr):
    z = 0.0
    for _ in range(steps):
        z += lr * (k / n - 0.5 * (1 + np.tanh(z / 2)))
    return 0.5 * (1 + np.tanh(z / 2))
''',
        kind="edge",
    ),
    WrongAnswer(
        "returns k/n outright once there are many steps",
        '''
import numpy as np


def logit_gradient_ascent(k, n, steps, lr):
    if steps >= 100:
        return k / n
    z = 0.0
    for _ in range(steps):
        z += lr * (k / n - 1 / (1 + np.exp(-z)))
    return 1 / (1 + np.exp(-z))
''',
        kind="cheat",
    ),
    WrongAnswer(
        "takes the gradient from torch",
        '''
import torch


def logit_gradient_ascent(k, n, steps, lr):
    z = torch.zeros((), dtype=torch.float64, requires_grad=True)
    for _ in range(steps):
        p = torch.sigmoid(z)
        mean = (k * torch.log(p) + (n - k) * torch.log1p(-p)) / n
        (g,) = torch.autograd.grad(mean, z)
        z = (z + lr * g).detach().requires_grad_()
    return float(torch.sigmoid(z))
''',
        kind="rule",
    ),
    WrongAnswer(
        "uses scipy's expit for the sigmoid",
        '''
from scipy.special import expit


def logit_gradient_ascent(k, n, steps, lr):
    z = 0.0
    for _ in range(steps):
        z += lr * (k / n - expit(z))
    return float(expit(z))
''',
        kind="rule",
    ),
    WrongAnswer(
        "keeps z in an array of shape (1,)",
        '''
import numpy as np


def logit_gradient_ascent(k, n, steps, lr):
    z = np.zeros(1)
    for _ in range(steps):
        z = z + lr * (k / n - 1 / (1 + np.exp(-z)))
    return 1 / (1 + np.exp(-z))
''',
        kind="type",
    ),
]

WRONG_ANSWERS["coin-pooled-mle"] += [
    WrongAnswer(
        "weights the fractions by the trials (nan when an experiment ran no trials)",
        '''
import numpy as np


def pooled_mle(k, n):
    k, n = np.asarray(k, dtype=float), np.asarray(n, dtype=float)
    return float(np.sum(n * (k / n)) / np.sum(n))
''',
        kind="edge",
    ),
    WrongAnswer(
        "averages the fractions of the experiments that ran",
        '''
import numpy as np


def pooled_mle(k, n):
    k, n = np.asarray(k, dtype=float), np.asarray(n, dtype=float)
    ran = n > 0
    return float(np.mean(k[ran] / n[ran]))
''',
        mistake="the average of the per-experiment fractions",
    ),
    WrongAnswer(
        "maximises the log-likelihood on a grid of 10001 points",
        '''
import numpy as np


def pooled_mle(k, n):
    K, N = np.sum(k), np.sum(n)
    grid = np.linspace(0, 1, 10001)
    with np.errstate(divide="ignore", invalid="ignore"):
        loglik = np.nan_to_num(K * np.log(grid)) + np.nan_to_num((N - K) * np.log1p(-grid))
    return float(grid[np.argmax(loglik)])
''',
        kind="cheat",
    ),
    WrongAnswer(
        "calls the course's binomial_mle",
        '''
import mlcourse


def pooled_mle(k, n):
    return float(mlcourse.binomial_mle(k, n))
''',
        kind="rule",
    ),
    WrongAnswer(
        "maximises with scipy",
        '''
import numpy as np
from scipy.optimize import minimize_scalar


def pooled_mle(k, n):
    K, N = np.sum(k), np.sum(n)
    result = minimize_scalar(lambda p: -(K * np.log(p) + (N - K) * np.log1p(-p)),
                             bounds=(0, 1), method="bounded", options={"xatol": 1e-14})
    return float(result.x)
''',
        kind="rule",
    ),
    WrongAnswer(
        "keeps the dimension: returns shape (1,)",
        '''
import numpy as np


def pooled_mle(k, n):
    return np.sum(k, keepdims=True) / np.sum(n, keepdims=True)
''',
        kind="type",
    ),
]

# Correct answers written differently from the book's solutions: each must pass.
RIGHT_ANSWERS = {
    "coin-score": [
        '''
import numpy as np


def bernoulli_score(k, n, p):
    p = np.asarray(p, dtype=float)
    return (k - n * p) / (p * (1 - p))
''',
        '''
import math

import numpy as np


def bernoulli_score(k, n, p):
    def one(q):
        return k / q - (n - k) / (1 - q)

    if np.ndim(p) == 0:
        return one(float(p))
    return np.vectorize(one, otypes=[float])(p)
''',
    ],
    "coin-observed-information": [
        '''
import numpy as np


def observed_information(k, n, p):
    p = np.asarray(p, dtype=float)
    q = 1 - p
    return (k * q * q + (n - k) * p * p) / (p * q) ** 2
''',
        '''
import numpy as np


def observed_information(k, n, p):
    p = np.asarray(p, dtype=float)
    return np.divide(k, np.square(p)) + np.divide(n - k, np.square(1 - p))
''',
    ],
    "coin-standard-error": [
        '''
import numpy as np


def standard_error(flips):
    flips = np.asarray(flips, dtype=float)
    return float(np.std(flips) / np.sqrt(flips.size))
''',
        '''
import math


def standard_error(flips):
    n = len(flips)
    k = sum(int(f) for f in flips)
    information = k / (k / n) ** 2 + (n - k) / (1 - k / n) ** 2
    return 1 / math.sqrt(information)
''',
    ],
    "coin-gradient-ascent": [
        '''
import math


def logit_gradient_ascent(k, n, steps, lr):
    def sigmoid(z):
        return 1 / (1 + math.exp(-z)) if z >= 0 else math.exp(z) / (1 + math.exp(z))

    z = 0.0
    for _ in range(steps):
        p = sigmoid(z)
        score = (k / p - (n - k) / (1 - p)) / n if 0 < p < 1 else k / n - p
        z += lr * score * p * (1 - p) if 0 < p < 1 else lr * score
    return sigmoid(z)
''',
        '''
import numpy as np


def logit_gradient_ascent(k, n, steps, lr):
    z = 0.0
    for _ in range(steps):
        z += lr * (k / n - np.exp(-np.logaddexp(0.0, -z)))
    return float(np.exp(-np.logaddexp(0.0, -z)))
''',
    ],
    "coin-pooled-mle": [
        '''
def pooled_mle(k, n):
    successes = trials = 0
    for k_i, n_i in zip(k, n):
        successes += int(k_i)
        trials += int(n_i)
    return successes / trials
''',
        '''
import numpy as np


def pooled_mle(k, n):
    k, n = np.asarray(k, dtype=float), np.asarray(n, dtype=float)
    ran = n > 0
    return float(np.average(k[ran] / n[ran], weights=n[ran]))
''',
    ],
}
