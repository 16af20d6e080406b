"""Wrong answers for the exercises of Chapter 6, *Logistic regression is Bernoulli maximum
likelihood*."""

from .wrong_answers import WrongAnswer

WRONG_ANSWERS = {
    "logistic-nll-from-logits": [
        WrongAnswer(
            "computes the sigmoid first, then the textbook formula",
            '''
import numpy as np


def logistic_nll(z, y):
    p = 1 / (1 + np.exp(-z))
    return -np.sum(y * np.log(p) + (1 - y) * np.log(1 - p))
''',
            mistake="log of the sigmoid computed naively",
        ),
        WrongAnswer(
            "picks log p or log(1 - p) with np.where, from the probability",
            '''
import numpy as np


def logistic_nll(z, y):
    z = np.asarray(z, dtype=float)
    p = 1.0 / (1.0 + np.exp(-z))
    return -np.where(np.asarray(y) == 1, np.log(p), np.log(1.0 - p)).sum()
''',
            mistake="log of the sigmoid computed naively",
        ),
        WrongAnswer(
            "returns the log-likelihood",
            '''
import numpy as np


def logistic_nll(z, y):
    z = np.asarray(z, dtype=float)
    return np.sum(y * z - np.logaddexp(0.0, z))
''',
            mistake="forgot the minus sign",
        ),
        WrongAnswer(
            "averages, as torch's default reduction does",
            '''
import numpy as np


def logistic_nll(z, y):
    z = np.asarray(z, dtype=float)
    return np.mean(np.logaddexp(0.0, z) - y * z)
''',
            mistake="a mean instead of a sum",
        ),
        WrongAnswer(
            "stable, but charges a 1 the cost of a 0",
            '''
import numpy as np


def logistic_nll(z, y):
    z = np.asarray(z, dtype=float)
    y = np.asarray(y, dtype=float)
    return np.sum(y * np.logaddexp(0.0, z) + (1 - y) * np.logaddexp(0.0, -z))
''',
            mistake="the labels swapped",
        ),
        WrongAnswer(
            "clips the probabilities away from 0 and 1, as some libraries do",
            '''
import numpy as np


def logistic_nll(z, y):
    p = np.clip(1 / (1 + np.exp(-np.asarray(z, dtype=float))), 1e-7, 1 - 1e-7)
    return -np.sum(y * np.log(p) + (1 - y) * np.log(1 - p))
''',
        ),
    ],
    "logistic-gradient": [
        WrongAnswer(
            "returns the gradient of the log-likelihood",
            '''
import numpy as np


def nll_gradient(X, y, beta):
    p = 1 / (1 + np.exp(-(X @ beta)))
    return X.T @ (y - p)
''',
            mistake="the gradient of the log-likelihood (sign flipped)",
        ),
        WrongAnswer(
            "the gradient of the mean loss",
            '''
import numpy as np


def nll_gradient(X, y, beta):
    p = 1 / (1 + np.exp(-(X @ beta)))
    return X.T @ (p - y) / X.shape[0]
''',
            mistake="divided by n (the gradient of the mean loss)",
        ),
        WrongAnswer(
            "compares the labels with the logits",
            '''
import numpy as np


def nll_gradient(X, y, beta):
    residual = X @ beta - y
    return X.T @ residual
''',
            mistake="forgot the sigmoid (the least-squares gradient)",
        ),
        WrongAnswer(
            "the gradient of the squared error of the probabilities",
            '''
import numpy as np


def nll_gradient(X, y, beta):
    p = 1 / (1 + np.exp(-(X @ beta)))
    return X.T @ ((p - y) * p * (1 - p))
''',
        ),
    ],
    "logistic-newton-step": [
        WrongAnswer(
            "subtracts the step computed from y - p",
            '''
import numpy as np


def newton_step(X, y, beta):
    p = 1 / (1 + np.exp(-(X @ beta)))
    W = np.diag(p * (1 - p))
    return beta - np.linalg.solve(X.T @ W @ X, X.T @ (y - p))
''',
            mistake="moved uphill (the sign of the step)",
        ),
        WrongAnswer(
            "returns the increment only",
            '''
import numpy as np


def newton_step(X, y, beta):
    p = 1 / (1 + np.exp(-(X @ beta)))
    hessian = X.T @ (X * (p * (1 - p))[:, None])
    return np.linalg.solve(hessian, X.T @ (y - p))
''',
            mistake="returned the step instead of the new coefficients",
        ),
        WrongAnswer(
            "uses the least-squares Hessian",
            '''
import numpy as np


def newton_step(X, y, beta):
    p = 1 / (1 + np.exp(-(X @ beta)))
    return beta + np.linalg.inv(X.T @ X) @ X.T @ (y - p)
''',
            mistake="forgot the weights (X^T X instead of X^T W X)",
        ),
        WrongAnswer(
            "weights each example by p",
            '''
import numpy as np


def newton_step(X, y, beta):
    p = 1 / (1 + np.exp(-(X @ beta)))
    hessian = (X * p[:, None]).T @ X
    return beta + np.linalg.solve(hessian, X.T @ (y - p))
''',
            mistake="weights p instead of p (1 - p)",
        ),
        WrongAnswer(
            "takes a gradient-descent step of size 0.1 instead",
            '''
import numpy as np


def newton_step(X, y, beta):
    p = 1 / (1 + np.exp(-(X @ beta)))
    return beta + 0.1 * X.T @ (y - p)
''',
        ),
    ],
    "logistic-softmax-cross-entropy": [
        WrongAnswer(
            "exponentiates the raw logits",
            '''
import numpy as np


def softmax_cross_entropy(logits, labels):
    e = np.exp(logits)
    probs = e / e.sum(axis=1, keepdims=True)
    return -np.log(probs[np.arange(len(labels)), labels]).sum()
''',
            mistake="the naive softmax (exp of large logits overflows)",
        ),
        WrongAnswer(
            "returns the mean over the examples",
            '''
import numpy as np


def softmax_cross_entropy(logits, labels):
    logits = np.asarray(logits, dtype=float)
    m = logits.max(axis=1, keepdims=True)
    log_norm = m[:, 0] + np.log(np.exp(logits - m).sum(axis=1))
    picked = logits[np.arange(len(labels)), labels]
    return np.mean(log_norm - picked)
''',
            mistake="a mean instead of a sum",
        ),
        WrongAnswer(
            "takes the log-sum-exp down the columns",
            '''
import numpy as np


def softmax_cross_entropy(logits, labels):
    logits = np.asarray(logits, dtype=float)
    m = logits.max(axis=0)
    log_norm = m + np.log(np.exp(logits - m).sum(axis=0))
    log_probs = logits - log_norm
    return -log_probs[np.arange(len(labels)), labels].sum()
''',
            mistake="normalised over the examples (axis 0) instead of over the classes",
        ),
        WrongAnswer(
            "adds up the log-probabilities of all the classes",
            '''
import numpy as np


def softmax_cross_entropy(logits, labels):
    logits = np.asarray(logits, dtype=float)
    m = logits.max(axis=1, keepdims=True)
    log_probs = logits - m - np.log(np.exp(logits - m).sum(axis=1, keepdims=True))
    return -log_probs.sum()
''',
            mistake="summed the log-probabilities of every class",
        ),
        WrongAnswer(
            "shifts by the maximum but forgets to add it back",
            '''
import numpy as np


def softmax_cross_entropy(logits, labels):
    logits = np.asarray(logits, dtype=float)
    m = logits.max(axis=1, keepdims=True)
    log_norm = np.log(np.exp(logits - m).sum(axis=1))
    return np.sum(log_norm - logits[np.arange(len(labels)), labels])
''',
        ),
    ],
}
