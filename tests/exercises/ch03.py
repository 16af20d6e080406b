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
