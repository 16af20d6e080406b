"""Wrong answers for the exercises of Chapter 8, *Cross-entropy and KL divergence*."""

from .wrong_answers import WrongAnswer

WRONG_ANSWERS = {
    "kl-entropy": [
        WrongAnswer(
            "multiplies p by np.log(p) without handling the zeros",
            '''
import numpy as np


def shannon_entropy(p):
    p = np.asarray(p, dtype=float)
    return -np.sum(p * np.log(p))
''',
            mistake="0 log 0 computed as nan",
        ),
        WrongAnswer(
            "masks the zeros but forgets the minus sign",
            '''
import numpy as np


def shannon_entropy(p):
    p = np.asarray(p, dtype=float)
    nonzero = p[p > 0]
    return np.sum(nonzero * np.log(nonzero))
''',
            mistake="forgot the minus sign",
        ),
        WrongAnswer(
            "measures in bits",
            '''
import numpy as np


def shannon_entropy(p):
    p = np.asarray(p, dtype=float)
    nonzero = p[p > 0]
    return -np.sum(nonzero * np.log2(nonzero))
''',
            mistake="bits (log2) instead of nats",
        ),
        WrongAnswer(
            "averages the terms over the categories",
            '''
import numpy as np
from scipy import special


def shannon_entropy(p):
    return -np.mean(special.xlogy(p, p))
''',
            mistake="a mean over the categories instead of a sum",
        ),
        WrongAnswer(
            "clips the probabilities away from 0 instead of dropping the zero terms",
            '''
import numpy as np


def shannon_entropy(p):
    p = np.clip(np.asarray(p, dtype=float), 1e-3, 1.0)
    return -np.sum(p * np.log(p))
''',
        ),
    ],
    "kl-divergence": [
        WrongAnswer(
            "computes KL(q || p)",
            '''
import numpy as np


def discrete_kl(p, q):
    p = np.asarray(p, dtype=float)
    q = np.asarray(q, dtype=float)
    keep = q > 0
    with np.errstate(divide="ignore"):
        return np.sum(q[keep] * np.log(q[keep] / p[keep]))
''',
            mistake="the arguments swapped",
        ),
        WrongAnswer(
            "uses log2",
            '''
import numpy as np


def discrete_kl(p, q):
    p = np.asarray(p, dtype=float)
    q = np.asarray(q, dtype=float)
    keep = p > 0
    with np.errstate(divide="ignore"):
        return np.sum(p[keep] * np.log2(p[keep] / q[keep]))
''',
            mistake="bits (log2) instead of nats",
        ),
        WrongAnswer(
            "the textbook formula, without the zero handling",
            '''
import numpy as np


def discrete_kl(p, q):
    p = np.asarray(p, dtype=float)
    q = np.asarray(q, dtype=float)
    return np.sum(p * np.log(p / q))
''',
            mistake="0 log 0 computed as nan",
        ),
        WrongAnswer(
            "adds 1e-10 to avoid dividing by zero",
            '''
import numpy as np


def discrete_kl(p, q):
    p = np.asarray(p, dtype=float)
    q = np.asarray(q, dtype=float)
    eps = 1e-10
    return np.sum(p * np.log((p + eps) / (q + eps)))
''',
            mistake="a small epsilon hides the infinite divergence",
        ),
        WrongAnswer(
            "the cross-entropy instead of the divergence",
            '''
import numpy as np
from scipy import special


def discrete_kl(p, q):
    return -np.sum(special.xlogy(p, q))
''',
        ),
    ],
    "kl-gaussian": [
        WrongAnswer(
            "plugs the standard deviations into the variance formula",
            '''
import numpy as np


def gaussian_kl(mu_p, sigma_p, mu_q, sigma_q):
    return (np.log(sigma_q / sigma_p)
            + (sigma_p + (mu_p - mu_q) ** 2) / (2 * sigma_q) - 0.5)
''',
            mistake="standard deviations used where variances belong",
        ),
        WrongAnswer(
            "swaps p and q",
            '''
import numpy as np


def gaussian_kl(mu_p, sigma_p, mu_q, sigma_q):
    return (np.log(sigma_p / sigma_q)
            + (sigma_q**2 + (mu_q - mu_p) ** 2) / (2 * sigma_p**2) - 0.5)
''',
            mistake="the arguments swapped",
        ),
        WrongAnswer(
            "writes the log term with variances and drops its 1/2",
            '''
import numpy as np


def gaussian_kl(mu_p, sigma_p, mu_q, sigma_q):
    var_p, var_q = sigma_p**2, sigma_q**2
    return np.log(var_q / var_p) + (var_p + (mu_p - mu_q) ** 2) / (2 * var_q) - 0.5
''',
            mistake="the log of the variance ratio without the factor 1/2",
        ),
        WrongAnswer(
            "forgets the constant",
            '''
import numpy as np


def gaussian_kl(mu_p, sigma_p, mu_q, sigma_q):
    return np.log(sigma_q / sigma_p) + (sigma_p**2 + (mu_p - mu_q) ** 2) / (2 * sigma_q**2)
''',
            mistake="forgot the -1/2",
        ),
        WrongAnswer(
            "divides the squared mean difference by the variance of p",
            '''
import numpy as np


def gaussian_kl(mu_p, sigma_p, mu_q, sigma_q):
    return (np.log(sigma_q / sigma_p) + sigma_p**2 / (2 * sigma_q**2)
            + (mu_p - mu_q) ** 2 / (2 * sigma_p**2) - 0.5)
''',
        ),
    ],
    "kl-label-smoothing": [
        WrongAnswer(
            "puts eps / (K - 1) on every wrong class",
            '''
import numpy as np
from scipy import special


def smoothed_cross_entropy(logits, labels, eps):
    logits = np.asarray(logits, dtype=float)
    n, k = logits.shape
    target = np.full((n, k), eps / (k - 1))
    target[np.arange(n), labels] = 1 - eps
    return -np.mean(np.sum(target * special.log_softmax(logits, axis=1), axis=1))
''',
            mistake="eps spread over the K - 1 wrong classes",
        ),
        WrongAnswer(
            "adds eps to every class without dividing by K",
            '''
import numpy as np
from scipy import special


def smoothed_cross_entropy(logits, labels, eps):
    logits = np.asarray(logits, dtype=float)
    n, k = logits.shape
    target = (1 - eps) * np.eye(k)[labels] + eps
    return -np.mean(np.sum(target * special.log_softmax(logits, axis=1), axis=1))
''',
            mistake="eps not divided by K",
        ),
        WrongAnswer(
            "sums over the batch",
            '''
import numpy as np
from scipy import special


def smoothed_cross_entropy(logits, labels, eps):
    logits = np.asarray(logits, dtype=float)
    n, k = logits.shape
    target = (1 - eps) * np.eye(k)[labels] + eps / k
    return -np.sum(target * special.log_softmax(logits, axis=1))
''',
            mistake="a sum over the batch instead of a mean",
        ),
        WrongAnswer(
            "exponentiates the logits directly",
            '''
import numpy as np


def smoothed_cross_entropy(logits, labels, eps):
    logits = np.asarray(logits, dtype=float)
    n, k = logits.shape
    q = np.exp(logits) / np.exp(logits).sum(axis=1, keepdims=True)
    target = (1 - eps) * np.eye(k)[labels] + eps / k
    return -np.mean(np.sum(target * np.log(q), axis=1))
''',
            mistake="softmax without the max shift",
        ),
        WrongAnswer(
            "smooths only the loss of the true class",
            '''
import numpy as np
from scipy import special


def smoothed_cross_entropy(logits, labels, eps):
    logits = np.asarray(logits, dtype=float)
    log_q = special.log_softmax(logits, axis=1)
    return -np.mean((1 - eps) * log_q[np.arange(len(labels)), labels])
''',
        ),
    ],
}
