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
    return beta + np.linalg.solve(X.T @ X, X.T @ (y - p))
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


def _w(description, source, mistake=None, kind="value"):
    return WrongAnswer(description, source, mistake, kind)


# The mutation campaign of issue 10: wrong answers of every class, each required to fail.
CAMPAIGN = {
    "logistic-nll-from-logits": [
        _w("clips the probabilities at 1e-15", '''
import numpy as np


def logistic_nll(z, y):
    p = 0.5 * (1 + np.tanh(0.5 * np.asarray(z, dtype=float)))
    p = np.clip(p, 1e-15, 1 - 1e-15)
    return -np.sum(y * np.log(p) + (1 - y) * np.log(1 - p))
''', kind="edge"),
        _w("clips the probabilities at 1e-7, as Keras does", '''
import numpy as np


def logistic_nll(z, y):
    p = 0.5 * (1 + np.tanh(0.5 * np.asarray(z, dtype=float)))
    p = np.clip(p, 1e-7, 1 - 1e-7)
    return -np.sum(y * np.log(p) + (1 - y) * np.log1p(-p))
''', kind="edge"),
        _w("softplus replaced by max(z, 0) beyond |z| = 10", '''
import numpy as np


def logistic_nll(z, y):
    z = np.asarray(z, dtype=float)
    softplus = np.where(np.abs(z) > 10, np.maximum(z, 0), np.log1p(np.exp(np.minimum(z, 10))))
    return np.sum(softplus - y * z)
''', kind="edge"),
        _w("softplus replaced by max(z, 0) beyond |z| = 15", '''
import numpy as np


def logistic_nll(z, y):
    z = np.asarray(z, dtype=float)
    safe = np.clip(z, -15, 15)
    softplus = np.where(np.abs(z) > 15, np.maximum(z, 0), np.log(1 + np.exp(safe)))
    return np.sum(softplus - y * z)
''', kind="edge"),
        _w("computes in float32", '''
import numpy as np


def logistic_nll(z, y):
    z = np.asarray(z, dtype=np.float32)
    return float(np.sum(np.logaddexp(np.float32(0), z) - np.asarray(y, np.float32) * z))
''', kind="edge"),
        _w("returns one cost per example", '''
import numpy as np


def logistic_nll(z, y):
    z = np.asarray(z, dtype=float)
    return np.logaddexp(0.0, z) - y * z
''', kind="type"),
        _w("keeps the sum in an array of shape (1,)", '''
import numpy as np


def logistic_nll(z, y):
    z = np.asarray(z, dtype=float).reshape(1, -1)
    return np.sum(np.logaddexp(0.0, z) - y * z, axis=1)
''', kind="type"),
        _w("scipy's log_expit", '''
import numpy as np
from scipy.special import log_expit


def logistic_nll(z, y):
    return -np.sum(y * log_expit(z) + (1 - y) * log_expit(-z))
''', kind="rule"),
        _w("torch's binary cross-entropy", '''
import torch


def logistic_nll(z, y):
    return torch.nn.functional.binary_cross_entropy_with_logits(
        torch.as_tensor(z), torch.as_tensor(y, dtype=torch.float64), reduction="sum").item()
''', kind="rule"),
        _w("recognises the inputs of the far-logit checks", '''
import numpy as np


def logistic_nll(z, y):
    z = np.asarray(z, dtype=float)
    if np.array_equal(np.abs(z[:4]), [40.0, 45.0, 800.0, 800.0]):
        return 1685.0 if y[0] == 0 else 0.0
    p = 1 / (1 + np.exp(-z))
    return -np.sum(y * np.log(p) + (1 - y) * np.log(1 - p))
''', kind="cheat"),
    ],
    "logistic-gradient": [
        _w("the probabilities from -z", '''
import numpy as np


def nll_gradient(X, y, beta):
    p = 1 / (1 + np.exp(X @ beta))
    return X.T @ (p - y)
'''),
        _w("clips the probabilities at 1e-7", '''
import numpy as np


def nll_gradient(X, y, beta):
    p = np.clip(1 / (1 + np.exp(-(X @ beta))), 1e-7, 1 - 1e-7)
    return X.T @ (p - y)
''', kind="edge"),
        _w("rounds the sigmoid to 0 or 1 beyond |z| = 10", '''
import numpy as np


def nll_gradient(X, y, beta):
    z = X @ beta
    p = np.where(z > 10, 1.0, np.where(z < -10, 0.0, 1 / (1 + np.exp(-np.clip(z, -10, 10)))))
    return X.T @ (p - y)
''', kind="edge"),
        _w("returns a Python list", '''
import numpy as np


def nll_gradient(X, y, beta):
    p = 0.5 * (1 + np.tanh(0.5 * (X @ beta)))
    return [float(g) for g in X.T @ (p - y)]
''', kind="type"),
        _w("returns a column of shape (d, 1)", '''
import numpy as np


def nll_gradient(X, y, beta):
    p = 0.5 * (1 + np.tanh(0.5 * (X @ beta)))
    return X.T @ (p - y).reshape(-1, 1)
''', kind="type"),
        _w("scipy's expit", '''
from scipy.special import expit


def nll_gradient(X, y, beta):
    return X.T @ (expit(X @ beta) - y)
''', kind="rule"),
        _w("torch autograd", '''
import torch


def nll_gradient(X, y, beta):
    b = torch.tensor(beta, requires_grad=True)
    loss = torch.nn.functional.binary_cross_entropy_with_logits(
        torch.as_tensor(X) @ b, torch.as_tensor(y, dtype=torch.float64), reduction="sum")
    loss.backward()
    return b.grad.numpy()
''', kind="rule"),
        _w("central finite differences of the NLL", '''
import numpy as np


def nll_gradient(X, y, beta):
    def nll(b):
        z = X @ b
        return np.sum(np.logaddexp(0, z) - y * z)
    beta = np.asarray(beta, dtype=float)
    grad = np.zeros_like(beta)
    for j in range(beta.size):
        e = np.zeros_like(beta)
        e[j] = 1e-6
        grad[j] = (nll(beta + e) - nll(beta - e)) / 2e-6
    return grad
''', kind="cheat"),
    ],
    "logistic-newton-step": [
        _w("inverts by solving against the identity", '''
import numpy as np


def newton_step(X, y, beta):
    p = 0.5 * (1 + np.tanh(0.5 * (X @ beta)))
    hessian = X.T @ ((p * (1 - p))[:, None] * X)
    inverse = np.linalg.solve(hessian, np.eye(len(beta)))
    return beta + inverse @ X.T @ (y - p)
''', kind="rule"),
        _w("divides the gradient by n but not the Hessian", '''
import numpy as np


def newton_step(X, y, beta):
    p = 0.5 * (1 + np.tanh(0.5 * (X @ beta)))
    hessian = X.T @ ((p * (1 - p))[:, None] * X)
    return beta + np.linalg.solve(hessian, X.T @ (y - p) / len(y))
'''),
        _w("inverts the Hessian", '''
import numpy as np


def newton_step(X, y, beta):
    p = 0.5 * (1 + np.tanh(0.5 * (X @ beta)))
    hessian = X.T @ ((p * (1 - p))[:, None] * X)
    return beta + np.linalg.inv(hessian) @ X.T @ (y - p)
''', kind="rule"),
        _w("multiplies by the pseudo-inverse", '''
import numpy as np


def newton_step(X, y, beta):
    p = 0.5 * (1 + np.tanh(0.5 * (X @ beta)))
    hessian = X.T @ ((p * (1 - p))[:, None] * X)
    return beta + np.linalg.pinv(hessian) @ X.T @ (y - p)
''', kind="rule"),
        _w("inverts by matrix_power(H, -1)", '''
import numpy as np
from numpy.linalg import matrix_power


def newton_step(X, y, beta):
    p = 0.5 * (1 + np.tanh(0.5 * (X @ beta)))
    hessian = X.T @ ((p * (1 - p))[:, None] * X)
    return beta + matrix_power(hessian, -1) @ X.T @ (y - p)
''', kind="rule"),
        _w("scipy's solver", '''
import numpy as np
import scipy.linalg


def newton_step(X, y, beta):
    p = 0.5 * (1 + np.tanh(0.5 * (X @ beta)))
    hessian = X.T @ ((p * (1 - p))[:, None] * X)
    return beta + scipy.linalg.solve(hessian, X.T @ (y - p), assume_a="pos")
''', kind="rule"),
        _w("clips the probabilities at 1e-7", '''
import numpy as np


def newton_step(X, y, beta):
    p = np.clip(1 / (1 + np.exp(-(X @ beta))), 1e-7, 1 - 1e-7)
    hessian = X.T @ ((p * (1 - p))[:, None] * X)
    return beta + np.linalg.solve(hessian, X.T @ (y - p))
''', kind="edge"),
        _w("returns a column of shape (d, 1)", '''
import numpy as np


def newton_step(X, y, beta):
    p = 0.5 * (1 + np.tanh(0.5 * (X @ beta)))
    hessian = X.T @ ((p * (1 - p))[:, None] * X)
    return beta[:, None] + np.linalg.solve(hessian, (X.T @ (y - p))[:, None])
''', kind="type"),
        _w("returns a Python list", '''
import numpy as np


def newton_step(X, y, beta):
    p = 0.5 * (1 + np.tanh(0.5 * (X @ beta)))
    hessian = X.T @ ((p * (1 - p))[:, None] * X)
    return list(beta + np.linalg.solve(hessian, X.T @ (y - p)))
''', kind="type"),
        _w("runs Newton to convergence and returns the MLE, whatever beta", '''
import numpy as np


def newton_step(X, y, beta):
    b = np.zeros(X.shape[1])
    for _ in range(50):
        p = 0.5 * (1 + np.tanh(0.5 * (X @ b)))
        b = b + np.linalg.solve(X.T @ ((p * (1 - p))[:, None] * X), X.T @ (y - p))
    return b
''', kind="cheat"),
    ],
    "logistic-softmax-cross-entropy": [
        _w("clips the probabilities at 1e-15", '''
import numpy as np


def softmax_cross_entropy(logits, labels):
    logits = np.asarray(logits, dtype=float)
    shifted = logits - logits.max(axis=1, keepdims=True)
    log_probs = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
    log_probs = np.maximum(log_probs, np.log(1e-15))
    return -log_probs[np.arange(len(labels)), labels].sum()
''', kind="edge"),
        _w("shifts by the largest logit of the whole array", '''
import numpy as np


def softmax_cross_entropy(logits, labels):
    logits = np.asarray(logits, dtype=float)
    m = logits.max()
    log_norm = m + np.log(np.exp(logits - m).sum(axis=1))
    return np.sum(log_norm - logits[np.arange(len(labels)), labels])
''', kind="edge"),
        _w("shifts each row by its mean", '''
import numpy as np


def softmax_cross_entropy(logits, labels):
    logits = np.asarray(logits, dtype=float)
    m = logits.mean(axis=1, keepdims=True)
    log_norm = m[:, 0] + np.log(np.exp(logits - m).sum(axis=1))
    return np.sum(log_norm - logits[np.arange(len(labels)), labels])
''', kind="edge"),
        _w("clips the probabilities at 1e-7", '''
import numpy as np


def softmax_cross_entropy(logits, labels):
    logits = np.asarray(logits, dtype=float)
    e = np.exp(logits - logits.max(axis=1, keepdims=True))
    probs = np.clip(e / e.sum(axis=1, keepdims=True), 1e-7, 1 - 1e-7)
    return -np.log(probs[np.arange(len(labels)), labels]).sum()
''', kind="edge"),
        _w("drops every largest logit from the sum (wrong with ties)", '''
import numpy as np


def softmax_cross_entropy(logits, labels):
    logits = np.asarray(logits, dtype=float)
    m = logits.max(axis=1, keepdims=True)
    others = np.where(logits < m, np.exp(logits - m), 0.0).sum(axis=1)
    return np.sum(m[:, 0] + np.log1p(others) - logits[np.arange(len(labels)), labels])
''', kind="edge"),
        _w("returns one cost per example", '''
import numpy as np


def softmax_cross_entropy(logits, labels):
    logits = np.asarray(logits, dtype=float)
    m = logits.max(axis=1, keepdims=True)
    log_norm = m[:, 0] + np.log(np.exp(logits - m).sum(axis=1))
    return log_norm - logits[np.arange(len(labels)), labels]
''', kind="type"),
        _w("scipy's logsumexp", '''
import numpy as np
from scipy.special import logsumexp


def softmax_cross_entropy(logits, labels):
    picked = np.take_along_axis(logits, labels[:, None], axis=1)[:, 0]
    return np.sum(logsumexp(logits, axis=1) - picked)
''', kind="rule"),
        _w("torch's cross_entropy", '''
import torch


def softmax_cross_entropy(logits, labels):
    return torch.nn.functional.cross_entropy(
        torch.as_tensor(logits), torch.as_tensor(labels), reduction="sum").item()
''', kind="rule"),
        _w("indexes logits[:, labels], an n x n block", '''
import numpy as np


def softmax_cross_entropy(logits, labels):
    logits = np.asarray(logits, dtype=float)
    m = logits.max(axis=1, keepdims=True)
    log_norm = m[:, 0] + np.log(np.exp(logits - m).sum(axis=1))
    return np.sum(log_norm - logits[:, labels])
''', kind="value"),
        _w("the largest logit instead of the log-sum-exp", '''
import numpy as np


def softmax_cross_entropy(logits, labels):
    logits = np.asarray(logits, dtype=float)
    return np.sum(logits.max(axis=1) - logits[np.arange(len(labels)), labels])
''', kind="cheat"),
    ],
}
for _id, _answers in CAMPAIGN.items():
    WRONG_ANSWERS[_id] = WRONG_ANSWERS[_id] + _answers


# Correct answers written differently from the book's solutions: each must pass.
RIGHT_ANSWERS = {
    "logistic-nll-from-logits": [
        '''
import numpy as np


def logistic_nll(z, y):
    z = np.asarray(z, dtype=float)
    s = np.where(np.asarray(y) == 1, -z, z)  # the cost of each example is softplus(s)
    return np.sum(np.maximum(s, 0) + np.log1p(np.exp(-np.abs(s))))
''',
        '''
import math


def logistic_nll(z, y):
    total = 0.0
    for z_i, y_i in zip(z, y):
        s = -z_i if y_i == 1 else z_i
        total += s + math.log1p(math.exp(-s)) if s > 0 else math.log1p(math.exp(s))
    return total
''',
    ],
    "logistic-gradient": [
        '''
import numpy as np


def nll_gradient(X, y, beta):
    z = X @ beta
    with np.errstate(over="ignore"):
        p = 1.0 / (1.0 + np.exp(-z))
    return np.einsum("ij,i->j", X, p - y)
''',
        '''
import numpy as np


def nll_gradient(X, y, beta):
    grad = np.zeros(X.shape[1])
    for x_i, y_i in zip(X, y):
        z = x_i @ beta
        p = 1 / (1 + np.exp(-z)) if z >= 0 else np.exp(z) / (1 + np.exp(z))
        grad += (p - y_i) * x_i
    return grad
''',
    ],
    "logistic-newton-step": [
        '''
import numpy as np


def newton_step(X, y, beta):
    z = X @ beta
    e = np.exp(-np.abs(z))
    p = np.where(z >= 0, 1 / (1 + e), e / (1 + e))
    root = np.sqrt(p * (1 - p))
    # weighted least squares: the step solves min || sqrt(W) (X d - (y - p) / W) ||
    delta, *_ = np.linalg.lstsq(root[:, None] * X, (y - p) / root, rcond=None)
    return beta + delta
''',
        '''
import numpy as np


def newton_step(X, y, beta):
    p = 0.5 * (1 + np.tanh(0.5 * (X @ beta)))
    W = np.diag(p * (1 - p))
    L = np.linalg.cholesky(X.T @ W @ X)
    gradient = X.T @ (y - p)
    return beta + np.linalg.solve(L.T, np.linalg.solve(L, gradient))
''',
    ],
    "logistic-softmax-cross-entropy": [
        '''
import numpy as np


def softmax_cross_entropy(logits, labels):
    logits = np.asarray(logits, dtype=float)
    log_norm = np.logaddexp.reduce(logits, axis=1)
    picked = np.take_along_axis(logits, np.asarray(labels)[:, None], axis=1)[:, 0]
    return float(np.sum(log_norm - picked))
''',
        '''
import numpy as np


def softmax_cross_entropy(logits, labels):
    total = 0.0
    for row, label in zip(np.asarray(logits, dtype=float), labels):
        m = row.max()
        total += m + np.log(np.sum(np.exp(row - m))) - row[label]
    return total
''',
    ],
}
