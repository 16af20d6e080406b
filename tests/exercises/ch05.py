"""Wrong answers for the exercises of Chapter 5, *Linear regression is Gaussian maximum
likelihood*."""

from .wrong_answers import WrongAnswer

WRONG_ANSWERS = {
    "linreg-nll-gradient": [
        WrongAnswer(
            "differentiates the log-likelihood, so every sign is flipped",
            '''
import numpy as np


def nll_gradient(X, y, beta, sigma):
    r = y - X @ beta
    n = len(y)
    d_beta = X.T @ r / sigma**2
    d_sigma = -n / sigma + r @ r / sigma**3
    return np.append(d_beta, d_sigma)
''',
            mistake="the gradient of the log-likelihood instead of the negative log-likelihood",
        ),
        WrongAnswer(
            "differentiates SSE/2 and forgets the noise level in the beta part",
            '''
import numpy as np


def nll_gradient(X, y, beta, sigma):
    residual = y - X @ beta
    grad_beta = -(X.T @ residual)
    grad_sigma = len(y) / sigma - np.sum(residual**2) / sigma**3
    return np.concatenate([grad_beta, [grad_sigma]])
''',
            mistake="forgot to divide the beta part by sigma^2",
        ),
        WrongAnswer(
            "keeps the 1/2 of SSE/(2 sigma^2) after differentiating the square",
            '''
import numpy as np


def nll_gradient(X, y, beta, sigma):
    residual = y - X @ beta
    grad_beta = -X.T @ residual / (2 * sigma**2)
    grad_sigma = len(y) / sigma - residual @ residual / sigma**3
    return np.concatenate([grad_beta, [grad_sigma]])
''',
            mistake="the 2 of the square was lost: -X^T (y - X beta) / (2 sigma^2)",
        ),
        WrongAnswer(
            "differentiates in the variance v = sigma^2",
            '''
import numpy as np


def nll_gradient(X, y, beta, sigma):
    v = sigma**2
    residual = y - X @ beta
    grad_beta = -X.T @ residual / v
    grad_v = len(y) / (2 * v) - residual @ residual / (2 * v**2)
    return np.concatenate([grad_beta, [grad_v]])
''',
            mistake="differentiated with respect to sigma^2 instead of sigma",
        ),
        WrongAnswer(
            "starts from SSE/(2 sigma^2) alone, without the normalising constant",
            '''
import numpy as np


def nll_gradient(X, y, beta, sigma):
    residual = y - X @ beta
    sse = residual @ residual
    return np.concatenate([-X.T @ residual / sigma**2, [-sse / sigma**3]])
''',
            mistake="dropped the n log sigma term of the NLL",
        ),
        WrongAnswer(
            "returns the gradient in beta only",
            '''
import numpy as np


def nll_gradient(X, y, beta, sigma):
    return -X.T @ (y - X @ beta) / sigma**2
''',
        ),
    ],
    "linreg-gaussian-nll": [
        WrongAnswer(
            "returns the least-squares loss SSE/(2 sigma^2)",
            '''
import numpy as np


def gaussian_nll(X, y, beta, sigma):
    residual = y - X @ beta
    return np.sum(residual**2) / (2 * sigma**2)
''',
            mistake="dropped the constant (n/2) log(2 pi sigma^2)",
        ),
        WrongAnswer(
            "keeps log sigma but drops log(2 pi)",
            '''
import numpy as np


def gaussian_nll(X, y, beta, sigma):
    residual = y - X @ beta
    return len(y) * np.log(sigma) + residual @ residual / (2 * sigma**2)
''',
            mistake="dropped the (n/2) log(2 pi) term",
        ),
        WrongAnswer(
            "writes the normalising constant with sigma instead of sigma^2",
            '''
import numpy as np


def gaussian_nll(X, y, beta, sigma):
    n = len(y)
    sse = np.sum((y - X @ beta) ** 2)
    return n / 2 * np.log(2 * np.pi * sigma) + sse / (2 * sigma**2)
''',
            mistake="log sigma where log sigma^2 belongs: (n/2) log(2 pi sigma)",
        ),
        WrongAnswer(
            "divides SSE by sigma^2 without the 2",
            '''
import numpy as np


def gaussian_nll(X, y, beta, sigma):
    n = len(y)
    sse = np.sum((y - X @ beta) ** 2)
    return sse / sigma**2 + n / 2 * np.log(2 * np.pi * sigma**2)
''',
            mistake="forgot the 1/2 in SSE/(2 sigma^2)",
        ),
        WrongAnswer(
            "sums the Gaussian log-densities and forgets to negate",
            '''
import numpy as np


def gaussian_nll(X, y, beta, sigma):
    mu = X @ beta
    return np.sum(-0.5 * np.log(2 * np.pi * sigma**2) - (y - mu) ** 2 / (2 * sigma**2))
''',
            mistake="returned the log-likelihood instead of its negative",
        ),
        WrongAnswer(
            "averages over the observations instead of summing",
            '''
import numpy as np


def gaussian_nll(X, y, beta, sigma):
    residual = y - X @ beta
    return np.mean(residual**2 / (2 * sigma**2) + 0.5 * np.log(2 * np.pi * sigma**2))
''',
        ),
    ],
    "linreg-sigma-mle": [
        WrongAnswer(
            "divides by the residual degrees of freedom",
            '''
import numpy as np


def sigma_mle(X, y):
    n, p = X.shape
    beta = np.linalg.lstsq(X, y, rcond=None)[0]
    residual = y - X @ beta
    return np.sqrt(residual @ residual / (n - p))
''',
            mistake="divided by n - p instead of n",
        ),
        WrongAnswer(
            "uses the sample-variance correction n - 1",
            '''
import numpy as np


def sigma_mle(X, y):
    beta = np.linalg.lstsq(X, y, rcond=None)[0]
    residual = y - X @ beta
    return np.sqrt(np.sum(residual**2) / (len(y) - 1))
''',
            mistake="divided by n - 1 instead of n",
        ),
        WrongAnswer(
            "returns SSE/n, the variance",
            '''
import numpy as np


def sigma_mle(X, y):
    q, r = np.linalg.qr(X)
    beta = np.linalg.solve(r, q.T @ y)
    return np.mean((y - X @ beta) ** 2)
''',
            mistake="returned the variance instead of the standard deviation",
        ),
        WrongAnswer(
            "measures the spread of y itself",
            '''
import numpy as np


def sigma_mle(X, y):
    return np.std(y)
''',
            mistake="the spread of y instead of the spread of the residuals",
        ),
        WrongAnswer(
            "returns the mean absolute residual",
            '''
import numpy as np


def sigma_mle(X, y):
    beta = np.linalg.lstsq(X, y, rcond=None)[0]
    return np.mean(np.abs(y - X @ beta))
''',
        ),
    ],
    "linreg-qr": [
        WrongAnswer(
            "solves the normal equations",
            '''
import numpy as np


def least_squares_qr(X, y):
    return np.linalg.solve(X.T @ X, X.T @ y)
''',
            mistake="solved the normal equations X^T X beta = X^T y",
        ),
        WrongAnswer(
            "inverts X^T X",
            '''
import numpy as np


def least_squares_qr(X, y):
    return np.linalg.inv(X.T @ X) @ X.T @ y
''',
            mistake="inverted X^T X",
        ),
        WrongAnswer(
            "calls np.linalg.lstsq with its default cutoff",
            '''
import numpy as np


def least_squares_qr(X, y):
    beta, *_ = np.linalg.lstsq(X, y, rcond=None)
    return beta
''',
            mistake="a pseudo-inverse with the default cutoff (np.linalg.lstsq or np.linalg.pinv)",
        ),
        WrongAnswer(
            "multiplies by the pseudo-inverse",
            '''
import numpy as np


def least_squares_qr(X, y):
    return np.linalg.pinv(X) @ y
''',
            mistake="a pseudo-inverse with the default cutoff (np.linalg.lstsq or np.linalg.pinv)",
        ),
        WrongAnswer(
            "factorises X but solves with R^T R, the normal equations again",
            '''
import numpy as np


def least_squares_qr(X, y):
    q, r = np.linalg.qr(X)
    return np.linalg.solve(r.T @ r, X.T @ y)
''',
        ),
        WrongAnswer(
            "forgets to apply Q^T to y",
            '''
import numpy as np


def least_squares_qr(X, y):
    q, r = np.linalg.qr(X)
    return np.linalg.solve(r, y[: r.shape[0]])
''',
        ),
    ],
    "linreg-laplace-nll": [
        WrongAnswer(
            "squares the residuals",
            '''
import numpy as np


def laplace_nll(X, y, beta, b):
    residual = y - X @ beta
    return len(y) * np.log(2 * b) + np.sum(residual**2) / b
''',
            mistake="squared residuals (the Gaussian loss)",
        ),
        WrongAnswer(
            "writes the density as exp(-|r|/b)/b",
            '''
import numpy as np


def laplace_nll(X, y, beta, b):
    return np.sum(np.log(b) + np.abs(y - X @ beta) / b)
''',
            mistake="dropped the log 2 of the normalising constant: n log b",
        ),
        WrongAnswer(
            "returns the absolute-error loss scaled by b",
            '''
import numpy as np


def laplace_nll(X, y, beta, b):
    return np.abs(y - X @ beta).sum() / b
''',
            mistake="dropped the normalising constant n log(2b)",
        ),
        WrongAnswer(
            "sums the log-densities without negating",
            '''
import numpy as np


def laplace_nll(X, y, beta, b):
    return np.sum(-np.log(2 * b) - np.abs(y - X @ beta) / b)
''',
            mistake="returned the log-likelihood instead of its negative",
        ),
        WrongAnswer(
            "uses the mean absolute residual instead of the sum",
            '''
import numpy as np


def laplace_nll(X, y, beta, b):
    return np.log(2 * b) + np.mean(np.abs(y - X @ beta)) / b
''',
        ),
    ],
}
