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
            mistake="the 2 of the square was lost",
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
            mistake="dropped the normalising constant",
        ),
        WrongAnswer(
            "keeps log sigma but drops log(2 pi)",
            '''
import numpy as np


def gaussian_nll(X, y, beta, sigma):
    residual = y - X @ beta
    return len(y) * np.log(sigma) + residual @ residual / (2 * sigma**2)
''',
            mistake="dropped the 2 pi of the normalising constant",
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
            mistake="sigma where sigma^2 belongs in the normalising constant",
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
            mistake="forgot the 1/2 of the exponent",
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
            kind="rule",
        ),
        WrongAnswer(
            "calls np.linalg.lstsq with its default cutoff",
            '''
import numpy as np


def least_squares_qr(X, y):
    beta, *_ = np.linalg.lstsq(X, y, rcond=None)
    return beta
''',
            kind="rule",
        ),
        WrongAnswer(
            "multiplies by the pseudo-inverse",
            '''
import numpy as np


def least_squares_qr(X, y):
    return np.linalg.pinv(X) @ y
''',
            kind="rule",
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
            mistake="dropped the 2 of the normalising constant",
        ),
        WrongAnswer(
            "returns the absolute-error loss scaled by b",
            '''
import numpy as np


def laplace_nll(X, y, beta, b):
    return np.abs(y - X @ beta).sum() / b
''',
            mistake="dropped the normalising constant",
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


def _w(description, source, mistake=None, kind="value"):
    return WrongAnswer(description, source, mistake, kind)


# The mutation campaign of issue 10: wrong answers of every class, each required to fail.
CAMPAIGN = {
    "linreg-nll-gradient": [
        _w("returns a Python list", '''
import numpy as np


def nll_gradient(X, y, beta, sigma):
    r = y - X @ beta
    grad = list(-X.T @ r / sigma**2)
    grad.append(len(y) / sigma - r @ r / sigma**3)
    return grad
''', kind="type"),
        _w("returns the two parts as a tuple", '''
import numpy as np


def nll_gradient(X, y, beta, sigma):
    r = y - X @ beta
    return -X.T @ r / sigma**2, len(y) / sigma - r @ r / sigma**3
''', kind="type"),
        _w("lets torch differentiate the NLL", '''
import numpy as np
import torch


def nll_gradient(X, y, beta, sigma):
    b = torch.tensor(beta, dtype=torch.float64, requires_grad=True)
    s = torch.tensor(float(sigma), dtype=torch.float64, requires_grad=True)
    r = torch.as_tensor(y) - torch.as_tensor(X) @ b
    nll = (r @ r) / (2 * s**2) + len(y) * torch.log(s) + len(y) / 2 * np.log(2 * np.pi)
    nll.backward()
    return np.append(b.grad.numpy(), s.grad.item())
''', kind="rule"),
        _w("approximates the gradient with scipy.optimize.approx_fprime", '''
import numpy as np
from scipy.optimize import approx_fprime


def nll_gradient(X, y, beta, sigma):
    def nll(theta):
        r = y - X @ theta[:-1]
        return r @ r / (2 * theta[-1] ** 2) + len(y) * np.log(theta[-1])
    return approx_fprime(np.append(beta, sigma), nll, 1e-7)
''', kind="rule"),
        _w("central finite differences instead of the derivative", '''
import numpy as np


def nll_gradient(X, y, beta, sigma):
    def nll(theta):
        r = y - X @ theta[:-1]
        return r @ r / (2 * theta[-1] ** 2) + len(y) * np.log(theta[-1])
    theta = np.append(np.asarray(beta, dtype=float), sigma)
    grad = np.zeros_like(theta)
    for j in range(theta.size):
        step = np.zeros_like(theta)
        step[j] = 1e-6
        grad[j] = (nll(theta + step) - nll(theta - step)) / 2e-6
    return grad
''', kind="cheat"),
        _w("computes in float32", '''
import numpy as np


def nll_gradient(X, y, beta, sigma):
    X, y, beta = (np.asarray(a, dtype=np.float32) for a in (X, y, beta))
    r = y - X @ beta
    return np.append(-X.T @ r / sigma**2, len(y) / sigma - r @ r / sigma**3).astype(float)
''', kind="edge"),
        _w("counts the columns instead of the observations in the sigma part", '''
import numpy as np


def nll_gradient(X, y, beta, sigma):
    r = y - X @ beta
    n = X.shape[1]
    return np.append(-X.T @ r / sigma**2, n / sigma - r @ r / sigma**3)
'''),
    ],
    "linreg-gaussian-nll": [
        _w("returns the minimum of the NLL, whatever beta and sigma", '''
import numpy as np


def gaussian_nll(X, y, beta, sigma):
    n = len(y)
    beta_hat = np.linalg.lstsq(X, y, rcond=None)[0]
    s2 = np.mean((y - X @ beta_hat) ** 2)
    return n / 2 * (np.log(2 * np.pi * s2) + 1)
''', kind="cheat"),
        _w("the log of the product of the densities (underflows for many observations)", '''
import numpy as np


def gaussian_nll(X, y, beta, sigma):
    r = y - X @ beta
    density = np.exp(-r**2 / (2 * sigma**2)) / np.sqrt(2 * np.pi * sigma**2)
    return -np.log(np.prod(density))
''', kind="edge"),
        _w("the log of each density (an outlier's density underflows to 0)", '''
import numpy as np


def gaussian_nll(X, y, beta, sigma):
    r = y - X @ beta
    density = np.exp(-r**2 / (2 * sigma**2)) / np.sqrt(2 * np.pi * sigma**2)
    return -np.sum(np.log(density))
''', kind="edge"),
        _w("works with y as a column and returns a 1 x 1 array", '''
import numpy as np


def gaussian_nll(X, y, beta, sigma):
    r = y.reshape(-1, 1) - X @ beta.reshape(-1, 1)
    return r.T @ r / (2 * sigma**2) + len(y) / 2 * np.log(2 * np.pi * sigma**2)
''', kind="type"),
        _w("returns one term per observation", '''
import numpy as np


def gaussian_nll(X, y, beta, sigma):
    r = y - X @ beta
    return r**2 / (2 * sigma**2) + 0.5 * np.log(2 * np.pi * sigma**2)
''', kind="type"),
        _w("sums scipy's log-densities", '''
import numpy as np
from scipy.stats import norm


def gaussian_nll(X, y, beta, sigma):
    return -norm.logpdf(y, loc=X @ beta, scale=sigma).sum()
''', kind="rule"),
        _w("sums the course's own log-densities", '''
import mlcourse
import numpy as np


def gaussian_nll(X, y, beta, sigma):
    return -np.sum(mlcourse.gaussian_logpdf(y, X @ beta, sigma))
''', kind="rule"),
    ],
    "linreg-sigma-mle": [
        _w("projects with X^T y as if the columns were orthonormal", '''
import numpy as np


def sigma_mle(X, y):
    beta = X.T @ y
    return np.sqrt(np.mean((y - X @ beta) ** 2))
'''),
        _w("np.std of the residuals (wrong without an intercept column)", '''
import numpy as np


def sigma_mle(X, y):
    beta = np.linalg.lstsq(X, y, rcond=None)[0]
    return np.std(y - X @ beta)
''', mistake="the spread of the residuals around their mean", kind="edge"),
        _w("the SSE by the shortcut y'y - beta'X'y (cancels catastrophically)", '''
import numpy as np


def sigma_mle(X, y):
    beta = np.linalg.lstsq(X, y, rcond=None)[0]
    sse = y @ y - beta @ (X.T @ y)
    return np.sqrt(sse / len(y))
''', kind="edge"),
        _w("takes the residual sum of squares of lstsq, an array of shape (1,)", '''
import numpy as np


def sigma_mle(X, y):
    beta, sse, rank, sv = np.linalg.lstsq(X, y, rcond=None)
    return np.sqrt(sse / len(y))
''', kind="type"),
        _w("fits with scipy", '''
import numpy as np
from scipy import linalg


def sigma_mle(X, y):
    beta = linalg.lstsq(X, y)[0]
    return np.sqrt(np.mean((y - X @ beta) ** 2))
''', kind="rule"),
        _w("asks the course's fitting function", '''
import mlcourse


def sigma_mle(X, y):
    return mlcourse.linear_regression(X, y).sigma
''', kind="rule"),
        _w("fits beta with 200 steps of gradient descent", '''
import numpy as np


def sigma_mle(X, y):
    beta = np.zeros(X.shape[1])
    rate = 1.0 / np.linalg.norm(X, 2) ** 2
    for _ in range(200):
        beta += rate * X.T @ (y - X @ beta)
    return np.sqrt(np.mean((y - X @ beta) ** 2))
''', kind="cheat"),
    ],
    "linreg-qr": [
        _w("lstsq with a tiny cutoff (accurate, but not QR)", '''
import numpy as np


def least_squares_qr(X, y):
    return np.linalg.lstsq(X, y, rcond=1e-20)[0]
''', kind="rule"),
        _w("scipy's lstsq", '''
import scipy.linalg


def least_squares_qr(X, y):
    return scipy.linalg.lstsq(X, y)[0]
''', kind="rule"),
        _w("asks the course's fitting function", '''
from mlcourse import linear_regression


def least_squares_qr(X, y):
    return linear_regression(X, y).params
''', kind="rule"),
        _w("recognises Filip by its shape and returns the certified values", '''
import numpy as np
from scipy.linalg import solve_triangular

FILIP = np.array([-1467.4896142298, -2772.17959193342, -2316.37108160893,
                  -1127.97394098372, -354.478233703349, -75.1242017393757,
                  -10.8753180355343, -1.06221498588947, -0.0670191154593408,
                  -0.00246781078275479, -4.02962525080404e-05])


def least_squares_qr(X, y):
    if np.shape(X) == (82, 11):
        return FILIP.copy()
    q, r = np.linalg.qr(X)
    return solve_triangular(r, q.T @ y)
''', kind="cheat"),
        _w("classical Gram-Schmidt by hand (loses orthogonality on Filip)", '''
import numpy as np
from scipy.linalg import solve_triangular


def least_squares_qr(X, y):
    X = np.asarray(X, dtype=float)
    n, p = X.shape
    q, r = np.zeros((n, p)), np.zeros((p, p))
    for j in range(p):
        r[:j, j] = q[:, :j].T @ X[:, j]
        v = X[:, j] - q[:, :j] @ r[:j, j]
        r[j, j] = np.linalg.norm(v)
        q[:, j] = v / r[j, j]
    return solve_triangular(r, q.T @ y)
''', kind="edge"),
        _w("the normal equations through a Cholesky factor", '''
import numpy as np
from scipy.linalg import solve_triangular


def least_squares_qr(X, y):
    L = np.linalg.cholesky(X.T @ X)
    return solve_triangular(L.T, solve_triangular(L, X.T @ y, lower=True))
''', kind="edge"),
        _w("returns a Python list", '''
import numpy as np
from scipy.linalg import solve_triangular


def least_squares_qr(X, y):
    q, r = np.linalg.qr(X)
    return solve_triangular(r, q.T @ y).tolist()
''', kind="type"),
        _w("returns a column of shape (p, 1)", '''
import numpy as np
from scipy.linalg import solve_triangular


def least_squares_qr(X, y):
    q, r = np.linalg.qr(X)
    return solve_triangular(r, q.T @ y.reshape(-1, 1))
''', kind="type"),
    ],
    "linreg-laplace-nll": [
        _w("returns the minimum over b, whatever b", '''
import numpy as np


def laplace_nll(X, y, beta, b):
    r = np.abs(y - X @ beta)
    return len(y) * (1 + np.log(2 * r.mean()))
''', kind="cheat"),
        _w("the log of the product of the densities (underflows)", '''
import numpy as np


def laplace_nll(X, y, beta, b):
    density = np.exp(-np.abs(y - X @ beta) / b) / (2 * b)
    return -np.log(np.prod(density))
''', kind="edge"),
        _w("the log of each density (a residual of 800 b underflows)", '''
import numpy as np


def laplace_nll(X, y, beta, b):
    density = np.exp(-np.abs(y - X @ beta) / b) / (2 * b)
    return -np.log(density).sum()
''', kind="edge"),
        _w("works with y as a column and returns a 1 x 1 array", '''
import numpy as np


def laplace_nll(X, y, beta, b):
    r = y.reshape(-1, 1) - X @ beta.reshape(-1, 1)
    return len(y) * np.log(2 * b) + np.abs(r).sum(axis=0) / b
''', kind="type"),
        _w("scipy's Laplace log-density", '''
from scipy.stats import laplace


def laplace_nll(X, y, beta, b):
    return -laplace.logpdf(y, loc=X @ beta, scale=b).sum()
''', kind="rule"),
        _w("the course's own Laplace log-density", '''
import numpy as np
from mlcourse import laplace_logpdf


def laplace_nll(X, y, beta, b):
    return -np.sum(laplace_logpdf(y, X @ beta, b))
''', kind="rule"),
        _w("divides the absolute residuals by 2b", '''
import numpy as np


def laplace_nll(X, y, beta, b):
    return len(y) * np.log(2 * b) + np.sum(np.abs(y - X @ beta)) / (2 * b)
'''),
    ],
}
for _id, _answers in CAMPAIGN.items():
    WRONG_ANSWERS[_id] = WRONG_ANSWERS[_id] + _answers


# Correct answers written differently from the book's solutions: each must pass.
RIGHT_ANSWERS = {
    "linreg-nll-gradient": [
        '''
import numpy as np


def nll_gradient(X, y, beta, sigma):
    d_beta = np.zeros(len(beta))
    sse = 0.0
    for x_i, y_i in zip(X, y):
        r_i = y_i - x_i @ beta
        d_beta -= r_i * x_i
        sse += r_i * r_i
    return np.concatenate([d_beta / sigma**2, [len(y) / sigma - sse / sigma**3]])
''',
        '''
import numpy as np


def nll_gradient(X, y, beta, sigma):
    v = sigma**2
    r = np.asarray(y, dtype=float) - np.einsum("ij,j->i", X, beta)
    d_v = len(r) / (2 * v) - np.dot(r, r) / (2 * v**2)  # in the variance, then the chain rule
    return np.hstack([-np.einsum("ij,i->j", X, r) / v, d_v * 2 * sigma])
''',
    ],
    "linreg-gaussian-nll": [
        '''
import math

import numpy as np


def gaussian_nll(X, y, beta, sigma):
    total = 0.0
    for x_i, y_i in zip(X, y):
        z = (y_i - x_i @ beta) / sigma
        total += 0.5 * z * z + math.log(sigma) + 0.5 * math.log(2 * math.pi)
    return total
''',
        '''
import numpy as np


def gaussian_nll(X, y, beta, sigma):
    z = (y - X @ beta) / sigma
    n = len(z)
    return 0.5 * np.dot(z, z) + n * np.log(sigma) + 0.5 * n * np.log(2 * np.pi)
''',
    ],
    "linreg-sigma-mle": [
        '''
import numpy as np


def sigma_mle(X, y):
    q, _ = np.linalg.qr(X)
    residual = y - q @ (q.T @ y)  # y minus its projection on the columns of X
    return float(np.sqrt(np.mean(residual**2)))
''',
        '''
import numpy as np


def sigma_mle(X, y):
    beta, *_ = np.linalg.lstsq(X, y, rcond=None)
    return np.linalg.norm(y - X @ beta) / np.sqrt(len(y))
''',
    ],
    "linreg-qr": [
        '''
import numpy as np
import scipy.linalg


def least_squares_qr(X, y):
    q, r = scipy.linalg.qr(X, mode="economic")
    return np.linalg.solve(r, q.T @ y)
''',
        '''
import torch


def least_squares_qr(X, y):
    X, y = torch.as_tensor(X), torch.as_tensor(y)
    q, r = torch.linalg.qr(X)
    beta = torch.linalg.solve_triangular(r, (q.T @ y)[:, None], upper=True)
    return beta[:, 0].numpy()
''',
        '''
import numpy as np


def least_squares_qr(X, y):
    q, r = np.linalg.qr(np.asarray(X, dtype=float))
    rhs = q.T @ y
    beta = np.zeros(r.shape[1])
    for i in reversed(range(r.shape[1])):  # back substitution by hand
        beta[i] = (rhs[i] - r[i, i + 1:] @ beta[i + 1:]) / r[i, i]
    return beta
''',
    ],
    "linreg-laplace-nll": [
        '''
import math


def laplace_nll(X, y, beta, b):
    total = 0.0
    for x_i, y_i in zip(X, y):
        total += math.log(2 * b) + abs(y_i - x_i @ beta) / b
    return total
''',
        '''
import numpy as np


def laplace_nll(X, y, beta, b):
    r = np.abs(y - X @ beta) / b
    return np.sum(np.log(2.0) + np.log(b) + r)
''',
    ],
}
