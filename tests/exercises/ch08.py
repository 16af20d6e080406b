"""Wrong answers for the exercises of Chapter 8, *Cross-entropy and KL divergence*, and right
answers written differently from the reference solutions (each must pass)."""

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


def shannon_entropy(p):
    p = np.asarray(p, dtype=float)
    terms = np.zeros_like(p)
    terms[p > 0] = p[p > 0] * np.log(p[p > 0])
    return -np.mean(terms)
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
        # ---- the mutation campaign of issue 10
        WrongAnswer(
            "clips at 1e-7, as Keras does",
            '''
import numpy as np


def shannon_entropy(p):
    p = np.clip(np.asarray(p, dtype=float), 1e-7, 1.0)
    return -np.sum(p * np.log(p))
''',
            kind="edge",
        ),
        WrongAnswer(
            "adds a small epsilon inside the log",
            '''
import numpy as np


def shannon_entropy(p):
    p = np.asarray(p, dtype=float)
    return -np.sum(p * np.log(p + 1e-12))
''',
            kind="edge",
        ),
        WrongAnswer(
            "treats probabilities below 1e-10 as zeros",
            '''
import numpy as np


def shannon_entropy(p):
    p = np.asarray(p, dtype=float)
    big = p[p > 1e-10]
    return -np.sum(big * np.log(big))
''',
            kind="edge",
        ),
        WrongAnswer(
            "calls scipy.stats.entropy",
            '''
from scipy.stats import entropy


def shannon_entropy(p):
    return entropy(p)
''',
            kind="rule",
        ),
        WrongAnswer(
            "calls the course's own entropy",
            '''
import mlcourse


def shannon_entropy(p):
    return float(mlcourse.entropy(p))
''',
            kind="rule",
        ),
        WrongAnswer(
            "asks torch.distributions",
            '''
import torch


def shannon_entropy(p):
    return torch.distributions.Categorical(probs=torch.tensor(p)).entropy().item()
''',
            kind="rule",
        ),
        WrongAnswer(
            "returns the array of terms instead of their sum",
            '''
import numpy as np


def shannon_entropy(p):
    p = np.asarray(p, dtype=float)
    out = np.zeros_like(p)
    out[p > 0] = -p[p > 0] * np.log(p[p > 0])
    return out
''',
            kind="type",
        ),
        WrongAnswer(
            "returns an array of shape (1,)",
            '''
import numpy as np


def shannon_entropy(p):
    p = np.asarray(p, dtype=float)
    nonzero = p[p > 0]
    return -np.sum(nonzero * np.log(nonzero), keepdims=True)
''',
            kind="type",
        ),
        WrongAnswer(
            "estimates the entropy by sampling",
            '''
import numpy as np


def shannon_entropy(p):
    p = np.asarray(p, dtype=float)
    rng = np.random.default_rng(0)
    draws = rng.choice(len(p), size=200_000, p=p / p.sum())
    return float(-np.mean(np.log(p[draws])))
''',
            kind="cheat",
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


def discrete_kl(p, q):
    p = np.asarray(p, dtype=float)
    q = np.asarray(q, dtype=float)
    keep = p > 0
    with np.errstate(divide="ignore"):
        return -np.sum(p[keep] * np.log(q[keep]))
''',
        ),
        # ---- the mutation campaign of issue 10
        WrongAnswer(
            "divides p by q first, which overflows for a subnormal q",
            '''
import numpy as np


def discrete_kl(p, q):
    p = np.asarray(p, dtype=float)
    q = np.asarray(q, dtype=float)
    keep = p > 0
    if np.any(q[keep] == 0):
        return np.inf
    return np.sum(p[keep] * np.log(p[keep] / q[keep]))
''',
            kind="edge",
        ),
        WrongAnswer(
            "clips both vectors at 1e-7, as Keras does",
            '''
import numpy as np


def discrete_kl(p, q):
    p = np.clip(np.asarray(p, dtype=float), 1e-7, 1)
    q = np.clip(np.asarray(q, dtype=float), 1e-7, 1)
    return np.sum(p * np.log(p / q))
''',
            kind="edge",
        ),
        WrongAnswer(
            "returns inf whenever q has a zero, even where p is 0 too",
            '''
import numpy as np


def discrete_kl(p, q):
    p = np.asarray(p, dtype=float)
    q = np.asarray(q, dtype=float)
    if np.any(q == 0):
        return np.inf
    keep = p > 0
    return np.sum(p[keep] * (np.log(p[keep]) - np.log(q[keep])))
''',
            kind="edge",
        ),
        WrongAnswer(
            "skips the categories where q is 0 instead of returning inf",
            '''
import numpy as np


def discrete_kl(p, q):
    p = np.asarray(p, dtype=float)
    q = np.asarray(q, dtype=float)
    keep = (p > 0) & (q > 0)
    return np.sum(p[keep] * (np.log(p[keep]) - np.log(q[keep])))
''',
            kind="value",
        ),
        WrongAnswer(
            "sums scipy.special.rel_entr",
            '''
import numpy as np
from scipy.special import rel_entr


def discrete_kl(p, q):
    return float(np.sum(rel_entr(p, q)))
''',
            kind="rule",
        ),
        WrongAnswer(
            "calls scipy.stats.entropy with two arguments",
            '''
import scipy.stats as st


def discrete_kl(p, q):
    return st.entropy(p, q)
''',
            kind="rule",
        ),
        WrongAnswer(
            "calls the course's kl_divergence",
            '''
from mlcourse import kl_divergence


def discrete_kl(p, q):
    return float(kl_divergence(p, q))
''',
            kind="rule",
        ),
        WrongAnswer(
            "returns the terms, not their sum",
            '''
import numpy as np


def discrete_kl(p, q):
    p = np.asarray(p, dtype=float)
    q = np.asarray(q, dtype=float)
    terms = np.zeros_like(p)
    keep = p > 0
    with np.errstate(divide="ignore"):
        terms[keep] = p[keep] * (np.log(p[keep]) - np.log(q[keep]))
    return terms
''',
            kind="type",
        ),
        WrongAnswer(
            "estimates the expectation under p by sampling",
            '''
import numpy as np


def discrete_kl(p, q):
    p = np.asarray(p, dtype=float)
    q = np.asarray(q, dtype=float)
    if np.any(q[p > 0] == 0):
        return np.inf
    draws = np.random.default_rng(1).choice(len(p), size=100_000, p=p / p.sum())
    return float(np.mean(np.log(p[draws]) - np.log(q[draws])))
''',
            kind="cheat",
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
            mistake="forgot the constant from E_p[log p]",
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
        # ---- the mutation campaign of issue 10
        WrongAnswer(
            "takes half the log of the ratio of the variances, which overflows",
            '''
import numpy as np


def gaussian_kl(mu_p, sigma_p, mu_q, sigma_q):
    var_p, var_q = sigma_p**2, sigma_q**2
    return 0.5 * np.log(var_q / var_p) + (var_p + (mu_p - mu_q) ** 2) / (2 * var_q) - 0.5
''',
            kind="edge",
        ),
        WrongAnswer(
            "the textbook form with the ratio of the variances, which underflows",
            '''
import numpy as np


def gaussian_kl(mu_p, sigma_p, mu_q, sigma_q):
    ratio = sigma_p**2 / sigma_q**2
    return 0.5 * (ratio + (mu_p - mu_q) ** 2 / sigma_q**2 - 1 - np.log(ratio))
''',
            kind="edge",
        ),
        WrongAnswer(
            "gets the sign of the log term wrong",
            '''
import numpy as np


def gaussian_kl(mu_p, sigma_p, mu_q, sigma_q):
    return (np.log(sigma_p / sigma_q)
            + (sigma_p**2 + (mu_p - mu_q) ** 2) / (2 * sigma_q**2) - 0.5)
''',
            kind="value",
        ),
        WrongAnswer(
            "asks torch.distributions for the divergence",
            '''
import torch
from torch.distributions import Normal, kl_divergence


def gaussian_kl(mu_p, sigma_p, mu_q, sigma_q):
    p = Normal(torch.tensor(mu_p, dtype=torch.float64), torch.tensor(sigma_p, dtype=torch.float64))
    q = Normal(torch.tensor(mu_q, dtype=torch.float64), torch.tensor(sigma_q, dtype=torch.float64))
    return kl_divergence(p, q).item()
''',
            kind="rule",
        ),
        WrongAnswer(
            "calls the course's gaussian_kl_divergence",
            '''
import mlcourse as ml


def gaussian_kl(mu_p, sigma_p, mu_q, sigma_q):
    return float(ml.gaussian_kl_divergence(mu_p, sigma_p, mu_q, sigma_q))
''',
            kind="rule",
        ),
        WrongAnswer(
            "integrates numerically with scipy instead of deriving",
            '''
import numpy as np
from scipy import integrate, stats


def gaussian_kl(mu_p, sigma_p, mu_q, sigma_q):
    def f(x):
        lp = stats.norm.logpdf(x, mu_p, sigma_p)
        return np.exp(lp) * (lp - stats.norm.logpdf(x, mu_q, sigma_q))
    return integrate.quad(f, mu_p - 40 * sigma_p, mu_p + 40 * sigma_p, points=[mu_p])[0]
''',
            kind="rule",
        ),
        WrongAnswer(
            "returns an array of shape (1,)",
            '''
import numpy as np


def gaussian_kl(mu_p, sigma_p, mu_q, sigma_q):
    value = (np.log(sigma_q / sigma_p)
             + (sigma_p**2 + (mu_p - mu_q) ** 2) / (2 * sigma_q**2) - 0.5)
    return np.array([value])
''',
            kind="type",
        ),
        WrongAnswer(
            "estimates the expectation under p by sampling",
            '''
import numpy as np


def gaussian_kl(mu_p, sigma_p, mu_q, sigma_q):
    x = np.random.default_rng(0).normal(mu_p, sigma_p, 400_000)
    log_p = -np.log(sigma_p) - 0.5 * ((x - mu_p) / sigma_p) ** 2
    log_q = -np.log(sigma_q) - 0.5 * ((x - mu_q) / sigma_q) ** 2
    return float(np.mean(log_p - log_q))
''',
            kind="cheat",
        ),
    ],
    "kl-label-smoothing": [
        WrongAnswer(
            "puts eps / (K - 1) on every wrong class",
            '''
import numpy as np


def smoothed_cross_entropy(logits, labels, eps):
    z = np.asarray(logits, dtype=float)
    n, k = z.shape
    z = z - z.max(axis=1, keepdims=True)
    log_q = z - np.log(np.exp(z).sum(axis=1, keepdims=True))
    target = np.full((n, k), eps / (k - 1))
    target[np.arange(n), labels] = 1 - eps
    return -np.mean(np.sum(target * log_q, axis=1))
''',
            mistake="eps spread over the K - 1 wrong classes",
        ),
        WrongAnswer(
            "adds eps to every class without dividing by K",
            '''
import numpy as np


def smoothed_cross_entropy(logits, labels, eps):
    z = np.asarray(logits, dtype=float)
    n, k = z.shape
    z = z - z.max(axis=1, keepdims=True)
    log_q = z - np.log(np.exp(z).sum(axis=1, keepdims=True))
    target = (1 - eps) * np.eye(k)[labels] + eps
    return -np.mean(np.sum(target * log_q, axis=1))
''',
            mistake="eps not divided by K",
        ),
        WrongAnswer(
            "sums over the batch",
            '''
import numpy as np


def smoothed_cross_entropy(logits, labels, eps):
    z = np.asarray(logits, dtype=float)
    n, k = z.shape
    z = z - z.max(axis=1, keepdims=True)
    log_q = z - np.log(np.exp(z).sum(axis=1, keepdims=True))
    target = (1 - eps) * np.eye(k)[labels] + eps / k
    return -np.sum(target * log_q)
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


def smoothed_cross_entropy(logits, labels, eps):
    z = np.asarray(logits, dtype=float)
    z = z - z.max(axis=1, keepdims=True)
    log_q = z - np.log(np.exp(z).sum(axis=1, keepdims=True))
    return -np.mean((1 - eps) * log_q[np.arange(len(labels)), labels])
''',
        ),
        # ---- the mutation campaign of issue 10
        WrongAnswer(
            "shifts by the largest logit of the whole batch",
            '''
import numpy as np


def smoothed_cross_entropy(logits, labels, eps):
    z = np.asarray(logits, dtype=float)
    n, k = z.shape
    z = z - z.max()
    log_q = z - np.log(np.exp(z).sum(axis=1, keepdims=True))
    target = (1 - eps) * np.eye(k)[labels] + eps / k
    return -np.mean(np.sum(target * log_q, axis=1))
''',
            kind="edge",
        ),
        WrongAnswer(
            "shifts each row by its mean",
            '''
import numpy as np


def smoothed_cross_entropy(logits, labels, eps):
    z = np.asarray(logits, dtype=float)
    n, k = z.shape
    z = z - z.mean(axis=1, keepdims=True)
    log_q = z - np.log(np.exp(z).sum(axis=1, keepdims=True))
    target = (1 - eps) * np.eye(k)[labels] + eps / k
    return -np.mean(np.sum(target * log_q, axis=1))
''',
            kind="edge",
        ),
        WrongAnswer(
            "takes the log of a max-shifted softmax",
            '''
import numpy as np


def smoothed_cross_entropy(logits, labels, eps):
    z = np.asarray(logits, dtype=float)
    n, k = z.shape
    e = np.exp(z - z.max(axis=1, keepdims=True))
    q = e / e.sum(axis=1, keepdims=True)
    target = (1 - eps) * np.eye(k)[labels] + eps / k
    return -np.mean(np.sum(target * np.log(q), axis=1))
''',
            kind="edge",
        ),
        WrongAnswer(
            "clips the softmax probabilities at 1e-7, as Keras does",
            '''
import numpy as np


def smoothed_cross_entropy(logits, labels, eps):
    z = np.asarray(logits, dtype=float)
    n, k = z.shape
    e = np.exp(z - z.max(axis=1, keepdims=True))
    q = np.clip(e / e.sum(axis=1, keepdims=True), 1e-7, 1 - 1e-7)
    target = (1 - eps) * np.eye(k)[labels] + eps / k
    return -np.mean(np.sum(target * np.log(q), axis=1))
''',
            kind="edge",
        ),
        WrongAnswer(
            "divides the uniform part by K twice",
            '''
import numpy as np


def smoothed_cross_entropy(logits, labels, eps):
    z = np.asarray(logits, dtype=float)
    n, k = z.shape
    z = z - z.max(axis=1, keepdims=True)
    log_q = z - np.log(np.exp(z).sum(axis=1, keepdims=True))
    nll = -log_q[np.arange(n), labels]
    return np.mean((1 - eps) * nll - eps / k * log_q.mean(axis=1))
''',
            kind="value",
        ),
        WrongAnswer(
            "calls torch's cross_entropy with label_smoothing",
            '''
import torch
import torch.nn.functional as F


def smoothed_cross_entropy(logits, labels, eps):
    return F.cross_entropy(torch.as_tensor(logits, dtype=torch.float64),
                           torch.as_tensor(labels), label_smoothing=eps).item()
''',
            kind="rule",
        ),
        WrongAnswer(
            "uses scipy.special.log_softmax",
            '''
import numpy as np
from scipy import special


def smoothed_cross_entropy(logits, labels, eps):
    log_q = special.log_softmax(np.asarray(logits, dtype=float), axis=1)
    n, k = log_q.shape
    target = (1 - eps) * np.eye(k)[labels] + eps / k
    return -np.mean(np.sum(target * log_q, axis=1))
''',
            kind="rule",
        ),
        WrongAnswer(
            "returns the loss of each example",
            '''
import numpy as np


def smoothed_cross_entropy(logits, labels, eps):
    z = np.asarray(logits, dtype=float)
    n, k = z.shape
    z = z - z.max(axis=1, keepdims=True)
    log_q = z - np.log(np.exp(z).sum(axis=1, keepdims=True))
    target = (1 - eps) * np.eye(k)[labels] + eps / k
    return -np.sum(target * log_q, axis=1)
''',
            kind="type",
        ),
        WrongAnswer(
            "works in float32 to save memory",
            '''
import numpy as np


def smoothed_cross_entropy(logits, labels, eps):
    z = np.asarray(logits, dtype=np.float32)
    n, k = z.shape
    z = z - z.max(axis=1, keepdims=True)
    log_q = z - np.log(np.exp(z).sum(axis=1, keepdims=True))
    target = ((1 - eps) * np.eye(k)[labels] + eps / k).astype(np.float32)
    return float(-np.mean(np.sum(target * log_q, axis=1)))
''',
            kind="type",
        ),
        WrongAnswer(
            "skips the rows that overflow with np.nanmean",
            '''
import numpy as np


def smoothed_cross_entropy(logits, labels, eps):
    z = np.asarray(logits, dtype=float)
    n, k = z.shape
    target = (1 - eps) * np.eye(k)[labels] + eps / k
    with np.errstate(all="ignore"):
        log_q = np.log(np.exp(z) / np.exp(z).sum(axis=1, keepdims=True))
        per_row = -np.sum(target * log_q, axis=1)
    return np.nanmean(np.where(np.isfinite(per_row), per_row, np.nan))
''',
            kind="cheat",
        ),
    ],
}

RIGHT_ANSWERS = {
    "kl-entropy": [
        '''
import math


def shannon_entropy(p):
    total = 0.0
    for value in p:
        if value > 0:
            total -= value * math.log(value)
    return total
''',
        '''
import numpy as np


def shannon_entropy(p):
    p = np.asarray(p, dtype=float)
    safe = np.where(p > 0, p, 1.0)  # log 1 = 0 where p = 0
    return float(-np.dot(p, np.log(safe)))
''',
    ],
    "kl-divergence": [
        '''
import math


def discrete_kl(p, q):
    total = 0.0
    for pj, qj in zip(p, q):
        if pj == 0:
            continue
        if qj == 0:
            return math.inf
        total += pj * (math.log(pj) - math.log(qj))
    return total
''',
        '''
import numpy as np


def discrete_kl(p, q):
    p = np.asarray(p, dtype=float)
    q = np.asarray(q, dtype=float)
    if np.any((p > 0) & (q == 0)):
        return float("inf")
    with np.errstate(divide="ignore"):
        log_ratio = np.where(p > 0, np.log(np.where(p > 0, p, 1.0)) - np.log(
            np.where(p > 0, q, 1.0)), 0.0)
    return float(np.dot(p, log_ratio))
''',
    ],
    "kl-gaussian": [
        '''
import math


def gaussian_kl(mu_p, sigma_p, mu_q, sigma_q):
    ratio = sigma_p / sigma_q
    gap = (mu_p - mu_q) / sigma_q
    return 0.5 * (ratio**2 + gap**2 - 1.0) - math.log(ratio)
''',
        '''
import numpy as np


def gaussian_kl(mu_p, sigma_p, mu_q, sigma_q):
    log_ratio = np.log(sigma_q) - np.log(sigma_p)
    spread = np.exp(-2 * log_ratio) / 2
    shift = 0.5 * ((mu_p - mu_q) / sigma_q) ** 2
    return float(log_ratio + spread + shift - 0.5)
''',
    ],
    "kl-label-smoothing": [
        '''
import numpy as np


def smoothed_cross_entropy(logits, labels, eps):
    z = np.asarray(logits, dtype=float)
    n, k = z.shape
    log_q = z - np.logaddexp.reduce(z, axis=1, keepdims=True)
    nll = -log_q[np.arange(n), labels]
    uniform = -log_q.mean(axis=1)  # cross-entropy against eps / K everywhere, per unit eps
    return float(np.mean((1 - eps) * nll + eps * uniform))
''',
        '''
import math


def smoothed_cross_entropy(logits, labels, eps):
    total = 0.0
    for row, label in zip(logits, labels):
        row = [float(v) for v in row]
        k = len(row)
        top = max(row)
        log_norm = top + math.log(sum(math.exp(v - top) for v in row))
        for j, v in enumerate(row):
            weight = eps / k + (1 - eps if j == label else 0.0)
            total -= weight * (v - log_norm)
    return total / len(labels)
''',
    ],
}
