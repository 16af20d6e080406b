"""Wrong answers for the exercises of Chapter 9, *MAP estimation and regularisation*, and right
answers written differently from the reference solutions (each must pass)."""

from .wrong_answers import WrongAnswer

WRONG_ANSWERS = {
    "map-beta": [
        WrongAnswer(
            "Newton's method on the log posterior, kept inside [1e-9, 1 - 1e-9]",
            '''
def beta_map(k, n, a, b):
    heads, tails = k + a - 1, n - k + b - 1
    if heads == 0:
        return 0.0
    if tails == 0:
        return 1.0
    p = 0.5
    for _ in range(100):
        step = (heads / p - tails / (1 - p)) / (-heads / p**2 - tails / (1 - p) ** 2)
        p = min(max(p - step, 1e-9), 1 - 1e-9)
        if abs(step) < 1e-9:
            break
    return p
''',
            kind="edge",
        ),
        WrongAnswer(
            "counts the prior's a and b in full in the numerator",
            '''
def beta_map(k, n, a, b):
    return (k + a) / (n + a + b - 2)
''',
        ),
        WrongAnswer(
            "subtracts one pseudo-count from the total instead of two",
            '''
def beta_map(k, n, a, b):
    return (k + a - 1) / (n + a + b - 1)
''',
        ),
        WrongAnswer(
            "falls back to the MLE when all flips agree",
            '''
def beta_map(k, n, a, b):
    if k == 0 or k == n:
        return k / n
    return (k + a - 1) / (n + a + b - 2)
''',
            kind="edge",
        ),
        WrongAnswer(
            "clips the estimate away from 0 and 1",
            '''
import numpy as np


def beta_map(k, n, a, b):
    return float(np.clip((k + a - 1) / (n + a + b - 2), 1e-12, 1 - 1e-12))
''',
            kind="edge",
        ),
        WrongAnswer(
            "a weighted average of the prior mode and the MLE (0/0 under a flat prior)",
            '''
def beta_map(k, n, a, b):
    weight = n / (n + a + b - 2)
    return weight * k / n + (1 - weight) * (a - 1) / (a + b - 2)
''',
            kind="edge",
        ),
        WrongAnswer(
            "returns the posterior mean",
            '''
def beta_map(k, n, a, b):
    return (k + a) / (n + a + b)
''',
            mistake="the posterior mean instead of the mode",
        ),
        WrongAnswer(
            "puts a with the tails",
            '''
def beta_map(k, n, a, b):
    return (k + b - 1) / (n + a + b - 2)
''',
            mistake="a and b swapped",
        ),
        WrongAnswer(
            "forgets the prior",
            '''
def beta_map(k, n, a, b):
    return k / n
''',
            mistake="the prior ignored",
        ),
        WrongAnswer(
            "adds the pseudo-counts to the heads only",
            '''
def beta_map(k, n, a, b):
    return (k + a - 1) / (n + a + b)
''',
            mistake="the prior's pseudo-counts added to the numerator only",
        ),
        WrongAnswer(
            "computes in float32",
            '''
import numpy as np


def beta_map(k, n, a, b):
    heads = np.float32(k) + np.float32(a) - np.float32(1)
    return float(heads / (np.float32(n) + np.float32(a + b - 2)))
''',
            kind="edge",
        ),
        WrongAnswer(
            "maximises the log posterior on a grid",
            '''
import numpy as np


def beta_map(k, n, a, b):
    p = np.linspace(0.0, 1.0, 100_001)
    with np.errstate(divide="ignore", invalid="ignore"):
        logpost = (k + a - 1) * np.log(p) + (n - k + b - 1) * np.log1p(-p)
    return float(p[np.nanargmax(logpost)])
''',
            kind="edge",
        ),
        WrongAnswer(
            "returns a one-element array",
            '''
import numpy as np


def beta_map(k, n, a, b):
    return np.array([(k + a - 1) / (n + a + b - 2)])
''',
            kind="type",
        ),
        WrongAnswer(
            "asks scipy for the mode",
            '''
from scipy import optimize, stats


def beta_map(k, n, a, b):
    result = optimize.minimize_scalar(lambda p: -stats.beta.logpdf(p, k + a, n - k + b),
                                      bounds=(0, 1), method="bounded")
    return result.x
''',
            kind="rule",
        ),
        WrongAnswer(
            "calls the course's posterior",
            '''
import mlcourse


def beta_map(k, n, a, b):
    return mlcourse.beta_bernoulli_posterior(k, n, a, b).mode
''',
            kind="rule",
        ),
    ],
    "map-ridge": [
        WrongAnswer(
            "standardises the columns and does not scale the slopes back",
            '''
import numpy as np


def ridge_map(X, y, lam):
    X, y = np.asarray(X, float), np.asarray(y, float)
    z = (X - X.mean(axis=0)) / X.std(axis=0)
    slopes = np.linalg.solve(z.T @ z + lam * np.eye(X.shape[1]), z.T @ (y - y.mean()))
    return np.r_[y.mean(), slopes]
''',
        ),
        WrongAnswer(
            "penalises the standardised slopes (a different prior)",
            '''
import numpy as np


def ridge_map(X, y, lam):
    X, y = np.asarray(X, float), np.asarray(y, float)
    mean, sd = X.mean(axis=0), X.std(axis=0)
    z = (X - mean) / sd
    slopes = np.linalg.solve(z.T @ z + lam * np.eye(X.shape[1]), z.T @ (y - y.mean())) / sd
    return np.r_[y.mean() - mean @ slopes, slopes]
''',
        ),
        WrongAnswer(
            "takes the mean of y as the intercept",
            '''
import numpy as np


def ridge_map(X, y, lam):
    X, y = np.asarray(X, float), np.asarray(y, float)
    xc = X - X.mean(axis=0)
    slopes = np.linalg.solve(xc.T @ xc + lam * np.eye(X.shape[1]), xc.T @ (y - y.mean()))
    return np.r_[y.mean(), slopes]
''',
        ),
        WrongAnswer(
            "appends lam (not its square root) times the identity as extra rows",
            '''
import numpy as np


def ridge_map(X, y, lam):
    X, y = np.asarray(X, float), np.asarray(y, float)
    p = X.shape[1]
    rows = np.vstack([X - X.mean(axis=0), lam * np.eye(p)])
    slopes = np.linalg.lstsq(rows, np.r_[y - y.mean(), np.zeros(p)], rcond=None)[0]
    return np.r_[y.mean() - X.mean(axis=0) @ slopes, slopes]
''',
        ),
        WrongAnswer(
            "the n-by-n (dual) system, singular when lam = 0",
            '''
import numpy as np


def ridge_map(X, y, lam):
    X, y = np.asarray(X, float), np.asarray(y, float)
    xc = X - X.mean(axis=0)
    slopes = xc.T @ np.linalg.solve(xc @ xc.T + lam * np.eye(len(y)), y - y.mean())
    return np.r_[y.mean() - X.mean(axis=0) @ slopes, slopes]
''',
            kind="edge",
        ),
        WrongAnswer(
            "returns a column vector",
            '''
import numpy as np


def ridge_map(X, y, lam):
    X, y = np.asarray(X, float), np.asarray(y, float).reshape(-1, 1)
    design = np.column_stack([np.ones(len(y)), X])
    penalty = lam * np.eye(design.shape[1])
    penalty[0, 0] = 0.0
    return np.linalg.solve(design.T @ design + penalty, design.T @ y)
''',
            kind="type",
        ),
        WrongAnswer(
            "penalises the column of ones",
            '''
import numpy as np


def ridge_map(X, y, lam):
    design = np.column_stack([np.ones(len(y)), X])
    gram = design.T @ design + lam * np.eye(design.shape[1])
    return np.linalg.solve(gram, design.T @ y)
''',
            mistake="the intercept penalised too",
        ),
        WrongAnswer(
            "doubles the penalty",
            '''
import numpy as np


def ridge_map(X, y, lam):
    X, y = np.asarray(X, float), np.asarray(y, float)
    xc, yc = X - X.mean(axis=0), y - y.mean()
    slopes = np.linalg.solve(xc.T @ xc + 2 * lam * np.eye(X.shape[1]), xc.T @ yc)
    return np.r_[y.mean() - X.mean(axis=0) @ slopes, slopes]
''',
            mistake="the penalty doubled",
        ),
        WrongAnswer(
            "fits the slopes on uncentred data",
            '''
import numpy as np


def ridge_map(X, y, lam):
    X, y = np.asarray(X, float), np.asarray(y, float)
    slopes = np.linalg.solve(X.T @ X + lam * np.eye(X.shape[1]), X.T @ y)
    return np.r_[y.mean() - X.mean(axis=0) @ slopes, slopes]
''',
            mistake="the slopes fitted without centring",
        ),
        WrongAnswer(
            "multiplies the penalty by n, as for a mean loss",
            '''
import numpy as np


def ridge_map(X, y, lam):
    X, y = np.asarray(X, float), np.asarray(y, float)
    n = len(y)
    xc, yc = X - X.mean(axis=0), y - y.mean()
    slopes = np.linalg.solve(xc.T @ xc + n * lam * np.eye(X.shape[1]), xc.T @ yc)
    return np.r_[y.mean() - X.mean(axis=0) @ slopes, slopes]
''',
            mistake="the penalty multiplied by n",
        ),
        WrongAnswer(
            "inverts the matrix",
            '''
import numpy as np


def ridge_map(X, y, lam):
    X, y = np.asarray(X, float), np.asarray(y, float)
    xc, yc = X - X.mean(axis=0), y - y.mean()
    slopes = np.linalg.inv(xc.T @ xc + lam * np.eye(X.shape[1])) @ xc.T @ yc
    return np.r_[y.mean() - X.mean(axis=0) @ slopes, slopes]
''',
            kind="rule",
        ),
        WrongAnswer(
            "calls scikit-learn's Ridge",
            '''
import numpy as np
from sklearn.linear_model import Ridge


def ridge_map(X, y, lam):
    model = Ridge(alpha=lam).fit(X, y)
    return np.r_[model.intercept_, model.coef_]
''',
            kind="rule",
        ),
        WrongAnswer(
            "returns a list",
            '''
import numpy as np


def ridge_map(X, y, lam):
    X, y = np.asarray(X, float), np.asarray(y, float)
    xc, yc = X - X.mean(axis=0), y - y.mean()
    slopes = np.linalg.solve(xc.T @ xc + lam * np.eye(X.shape[1]), xc.T @ yc)
    return [y.mean() - X.mean(axis=0) @ slopes, *slopes]
''',
            kind="type",
        ),
        WrongAnswer(
            "returns the slopes without the intercept",
            '''
import numpy as np


def ridge_map(X, y, lam):
    X, y = np.asarray(X, float), np.asarray(y, float)
    xc, yc = X - X.mean(axis=0), y - y.mean()
    return np.linalg.solve(xc.T @ xc + lam * np.eye(X.shape[1]), xc.T @ yc)
''',
            kind="type",
        ),
    ],
    "map-logistic": [
        WrongAnswer(
            "leaves the prior out of the Hessian (diverges under a strong prior)",
            '''
import numpy as np


def logistic_map(X, y, prior_var):
    X, y = np.asarray(X, float), np.asarray(y, float)
    design = np.column_stack([np.ones(len(y)), X])
    precision = np.r_[0.0, np.full(X.shape[1], 1 / prior_var)]
    beta = np.zeros(design.shape[1])
    for _ in range(100):
        p = 1 / (1 + np.exp(-(design @ beta)))
        hessian = (design.T * (p * (1 - p))) @ design
        beta = beta + np.linalg.solve(hessian, design.T @ (y - p) - precision * beta)
    return beta
''',
            kind="edge",
        ),
        WrongAnswer(
            "300 steps with the fixed curvature bound X'X/4 (too few on a flat ridge)",
            '''
import numpy as np


def logistic_map(X, y, prior_var):
    X, y = np.asarray(X, float), np.asarray(y, float)
    design = np.column_stack([np.ones(len(y)), X])
    precision = np.r_[0.0, np.full(X.shape[1], 1 / prior_var)]
    beta = np.zeros(design.shape[1])
    bound = design.T @ design / 4 + np.diag(precision)
    for _ in range(300):
        p = 1 / (1 + np.exp(-(design @ beta)))
        beta = beta + np.linalg.solve(bound, design.T @ (y - p) - precision * beta)
    return beta
''',
            kind="edge",
        ),
        WrongAnswer(
            "differentiates the log prior as beta / (2 v)",
            '''
import numpy as np


def logistic_map(X, y, prior_var):
    X, y = np.asarray(X, float), np.asarray(y, float)
    design = np.column_stack([np.ones(len(y)), X])
    precision = np.r_[0.0, np.full(X.shape[1], 1 / prior_var)]
    beta = np.zeros(design.shape[1])
    precision = precision / 2
    for _ in range(100):
        p = 1 / (1 + np.exp(-(design @ beta)))
        hessian = (design.T * (p * (1 - p))) @ design + np.diag(precision)
        beta = beta + np.linalg.solve(hessian, design.T @ (y - p) - precision * beta)
    return beta
''',
        ),
        WrongAnswer(
            "averages the log-likelihood over n but not the log prior",
            '''
import numpy as np


def logistic_map(X, y, prior_var):
    X, y = np.asarray(X, float), np.asarray(y, float)
    design = np.column_stack([np.ones(len(y)), X])
    precision = np.r_[0.0, np.full(X.shape[1], 1 / prior_var)]
    beta = np.zeros(design.shape[1])
    n = len(y)
    for _ in range(100):
        p = 1 / (1 + np.exp(-(design @ beta)))
        hessian = (design.T * (p * (1 - p))) @ design / n + np.diag(precision)
        beta = beta + np.linalg.solve(hessian, design.T @ (y - p) / n - precision * beta)
    return beta
''',
        ),
        WrongAnswer(
            "stops after five Newton steps",
            '''
import numpy as np


def logistic_map(X, y, prior_var):
    X, y = np.asarray(X, float), np.asarray(y, float)
    design = np.column_stack([np.ones(len(y)), X])
    precision = np.r_[0.0, np.full(X.shape[1], 1 / prior_var)]
    beta = np.zeros(design.shape[1])
    for _ in range(5):
        p = 1 / (1 + np.exp(-(design @ beta)))
        hessian = (design.T * (p * (1 - p))) @ design + np.diag(precision)
        beta = beta + np.linalg.solve(hessian, design.T @ (y - p) - precision * beta)
    return beta
''',
            kind="edge",
        ),
        WrongAnswer(
            "standardises the features before penalising",
            '''
import numpy as np


def logistic_map(X, y, prior_var):
    X, y = np.asarray(X, float), np.asarray(y, float)
    mean, sd = X.mean(axis=0), X.std(axis=0)
    design = np.column_stack([np.ones(len(y)), (X - mean) / sd])
    precision = np.r_[0.0, np.full(X.shape[1], 1 / prior_var)]
    beta = np.zeros(design.shape[1])
    for _ in range(100):
        p = 1 / (1 + np.exp(-(design @ beta)))
        hessian = (design.T * (p * (1 - p))) @ design + np.diag(precision)
        beta = beta + np.linalg.solve(hessian, design.T @ (y - p) - precision * beta)
    slopes = beta[1:] / sd
    return np.r_[beta[0] - mean @ slopes, slopes]
''',
        ),
        WrongAnswer(
            "penalises the intercept",
            '''
import numpy as np


def logistic_map(X, y, prior_var):
    design = np.column_stack([np.ones(len(y)), X])
    beta = np.zeros(design.shape[1])
    for _ in range(100):
        p = 1 / (1 + np.exp(-(design @ beta)))
        gradient = design.T @ (y - p) - beta / prior_var
        hessian = (design.T * (p * (1 - p))) @ design + np.eye(len(beta)) / prior_var
        beta = beta + np.linalg.solve(hessian, gradient)
    return beta
''',
            mistake="the intercept penalised too",
        ),
        WrongAnswer(
            "multiplies by the variance instead of dividing",
            '''
import numpy as np


def logistic_map(X, y, prior_var):
    design = np.column_stack([np.ones(len(y)), X])
    penalty = np.r_[0.0, np.full(design.shape[1] - 1, prior_var)]
    beta = np.zeros(design.shape[1])
    for _ in range(100):
        p = 1 / (1 + np.exp(-(design @ beta)))
        gradient = design.T @ (y - p) - penalty * beta
        hessian = (design.T * (p * (1 - p))) @ design + np.diag(penalty)
        beta = beta + np.linalg.solve(hessian, gradient)
    return beta
''',
            mistake="prior_var used as a precision",
        ),
        WrongAnswer(
            "squares the variance",
            '''
import numpy as np


def logistic_map(X, y, prior_var):
    design = np.column_stack([np.ones(len(y)), X])
    penalty = np.r_[0.0, np.full(design.shape[1] - 1, 1 / prior_var**2)]
    beta = np.zeros(design.shape[1])
    for _ in range(100):
        p = 1 / (1 + np.exp(-(design @ beta)))
        gradient = design.T @ (y - p) - penalty * beta
        hessian = (design.T * (p * (1 - p))) @ design + np.diag(penalty)
        beta = beta + np.linalg.solve(hessian, gradient)
    return beta
''',
            mistake="prior_var used as a standard deviation",
        ),
        WrongAnswer(
            "runs 200 steps of gradient ascent",
            '''
import numpy as np


def logistic_map(X, y, prior_var):
    design = np.column_stack([np.ones(len(y)), X])
    penalty = np.r_[0.0, np.full(design.shape[1] - 1, 1 / prior_var)]
    beta = np.zeros(design.shape[1])
    for _ in range(200):
        p = 1 / (1 + np.exp(-(design @ beta)))
        beta = beta + 0.01 * (design.T @ (y - p) - penalty * beta)
    return beta
''',
        ),
        WrongAnswer(
            "ignores the prior (the MLE, which diverges on separable data)",
            '''
import numpy as np


def logistic_map(X, y, prior_var):
    design = np.column_stack([np.ones(len(y)), X])
    beta = np.zeros(design.shape[1])
    for _ in range(30):
        p = 1 / (1 + np.exp(-(design @ beta)))
        hessian = (design.T * (p * (1 - p))) @ design + 1e-12 * np.eye(len(beta))
        beta = beta + np.linalg.solve(hessian, design.T @ (y - p))
    return beta
''',
            kind="edge",
        ),
        WrongAnswer(
            "calls scikit-learn",
            '''
import numpy as np
from sklearn.linear_model import LogisticRegression


def logistic_map(X, y, prior_var):
    model = LogisticRegression(C=prior_var, solver="newton-cholesky", tol=1e-12)
    model.fit(X, y)
    return np.r_[model.intercept_, model.coef_.ravel()]
''',
            kind="rule",
        ),
        WrongAnswer(
            "returns the coefficients as a list",
            '''
import numpy as np


def logistic_map(X, y, prior_var):
    design = np.column_stack([np.ones(len(y)), X])
    precision = np.r_[0.0, np.full(design.shape[1] - 1, 1 / prior_var)]
    beta = np.zeros(design.shape[1])
    for _ in range(50):
        p = 1 / (1 + np.exp(-(design @ beta)))
        gradient = design.T @ (y - p) - precision * beta
        hessian = (design.T * (p * (1 - p))) @ design + np.diag(precision)
        beta = beta + np.linalg.solve(hessian, gradient)
    return beta.tolist()
''',
            kind="type",
        ),
    ],
    "map-lasso-cd": [
        WrongAnswer(
            "a fixed 100 sweeps, no test of convergence",
            '''
import numpy as np


def lasso_cd(X, y, alpha):
    X, y = np.asarray(X, float), np.asarray(y, float)
    n, p = X.shape
    squares = (X**2).sum(axis=0) / n
    w = np.zeros(p)
    for _ in range(100):
        for j in range(p):
            pull = X[:, j] @ (y - X @ w) / n + squares[j] * w[j]
            w[j] = np.sign(pull) * max(abs(pull) - alpha, 0.0) / squares[j]
    return w
''',
            kind="edge",
        ),
        WrongAnswer(
            "thresholds at alpha / 2",
            '''
import numpy as np


def lasso_cd(X, y, alpha):
    X, y = np.asarray(X, float), np.asarray(y, float)
    n, p = X.shape
    squares = (X**2).sum(axis=0) / n
    w, residual = np.zeros(p), y.copy()
    for _ in range(5000):
        largest = 0.0
        for j in range(p):
            pull = X[:, j] @ residual / n + squares[j] * w[j]
            new = np.sign(pull) * max(abs(pull) - alpha / 2, 0.0) / squares[j]
            residual -= X[:, j] * (new - w[j])
            largest = max(largest, abs(new - w[j]))
            w[j] = new
        if largest < 1e-15:
            break
    return w
''',
        ),
        WrongAnswer(
            "a one-sided threshold that never gives a negative coefficient",
            '''
import numpy as np


def lasso_cd(X, y, alpha):
    X, y = np.asarray(X, float), np.asarray(y, float)
    n, p = X.shape
    squares = (X**2).sum(axis=0) / n
    w, residual = np.zeros(p), y.copy()
    for _ in range(5000):
        largest = 0.0
        for j in range(p):
            pull = X[:, j] @ residual / n + squares[j] * w[j]
            new = max(pull - alpha, 0.0) / squares[j]
            residual -= X[:, j] * (new - w[j])
            largest = max(largest, abs(new - w[j]))
            w[j] = new
        if largest < 1e-15:
            break
    return w
''',
        ),
        WrongAnswer(
            "moves towards 0 by alpha without stopping at 0",
            '''
import numpy as np


def lasso_cd(X, y, alpha):
    X, y = np.asarray(X, float), np.asarray(y, float)
    n, p = X.shape
    squares = (X**2).sum(axis=0) / n
    w, residual = np.zeros(p), y.copy()
    for _ in range(5000):
        largest = 0.0
        for j in range(p):
            pull = X[:, j] @ residual / n + squares[j] * w[j]
            new = (pull - alpha * np.sign(pull)) / squares[j]
            residual -= X[:, j] * (new - w[j])
            largest = max(largest, abs(new - w[j]))
            w[j] = new
        if largest < 1e-15:
            break
    return w
''',
        ),
        WrongAnswer(
            "scales the threshold by the column's curvature",
            '''
import numpy as np


def lasso_cd(X, y, alpha):
    X, y = np.asarray(X, float), np.asarray(y, float)
    n, p = X.shape
    squares = (X**2).sum(axis=0) / n
    w, residual = np.zeros(p), y.copy()
    for _ in range(5000):
        largest = 0.0
        for j in range(p):
            pull = X[:, j] @ residual / n + squares[j] * w[j]
            new = np.sign(pull) * max(abs(pull) - alpha * squares[j], 0.0) / squares[j]
            residual -= X[:, j] * (new - w[j])
            largest = max(largest, abs(new - w[j]))
            w[j] = new
        if largest < 1e-15:
            break
    return w
''',
        ),
        WrongAnswer(
            "stops when a sweep changes the coefficients by less than 1e-6",
            '''
import numpy as np


def lasso_cd(X, y, alpha):
    X, y = np.asarray(X, float), np.asarray(y, float)
    n, p = X.shape
    squares = (X**2).sum(axis=0) / n
    w, residual = np.zeros(p), y.copy()
    for _ in range(5000):
        largest = 0.0
        for j in range(p):
            pull = X[:, j] @ residual / n + squares[j] * w[j]
            new = np.sign(pull) * max(abs(pull) - alpha, 0.0) / squares[j]
            residual -= X[:, j] * (new - w[j])
            largest = max(largest, abs(new - w[j]))
            w[j] = new
        if largest < 1e-6:
            break
    return w
''',
            kind="edge",
        ),
        WrongAnswer(
            "updates every coordinate from the same residual (Jacobi, not coordinate descent)",
            '''
import numpy as np


def lasso_cd(X, y, alpha):
    X, y = np.asarray(X, float), np.asarray(y, float)
    n = len(y)
    squares = (X**2).sum(axis=0) / n
    w = np.zeros(X.shape[1])
    for _ in range(5000):
        pull = X.T @ (y - X @ w) / n + squares * w
        new = np.sign(pull) * np.maximum(np.abs(pull) - alpha, 0.0) / squares
        if np.abs(new - w).max() < 1e-15:
            return new
        w = new
    return w
''',
        ),
        WrongAnswer(
            "centres X and y first, as if there were an intercept",
            '''
import numpy as np


def lasso_cd(X, y, alpha):
    X, y = np.asarray(X, float), np.asarray(y, float)
    X, y = X - X.mean(axis=0), y - y.mean()
    n, p = X.shape
    squares = (X**2).sum(axis=0) / n
    w, residual = np.zeros(p), y.copy()
    for _ in range(5000):
        largest = 0.0
        for j in range(p):
            pull = X[:, j] @ residual / n + squares[j] * w[j]
            new = np.sign(pull) * max(abs(pull) - alpha, 0.0) / squares[j]
            residual -= X[:, j] * (new - w[j])
            largest = max(largest, abs(new - w[j]))
            w[j] = new
        if largest < 1e-15:
            break
    return w
''',
        ),
        WrongAnswer(
            "soft-thresholds the least-squares solution (right for orthogonal columns only)",
            '''
import numpy as np


def lasso_cd(X, y, alpha):
    X, y = np.asarray(X, float), np.asarray(y, float)
    squares = (X**2).sum(axis=0) / len(y)
    ols = np.linalg.lstsq(X, y, rcond=None)[0]
    return np.sign(ols) * np.maximum(np.abs(ols) - alpha / squares, 0.0)
''',
        ),
        WrongAnswer(
            "thresholds the sum, not the mean",
            '''
import numpy as np


def lasso_cd(X, y, alpha):
    X, y = np.asarray(X, float), np.asarray(y, float)
    p = X.shape[1]
    w = np.zeros(p)
    squares = (X**2).sum(axis=0)
    for _ in range(5000):
        old = w.copy()
        for j in range(p):
            rho = X[:, j] @ (y - X @ w) + squares[j] * w[j]
            w[j] = np.sign(rho) * max(abs(rho) - alpha, 0.0) / squares[j]
        if np.abs(w - old).max() < 1e-15:
            break
    return w
''',
            mistake="the 1/n of the loss forgotten",
        ),
        WrongAnswer(
            "divides by n instead of the column's squared norm",
            '''
import numpy as np


def lasso_cd(X, y, alpha):
    X, y = np.asarray(X, float), np.asarray(y, float)
    n, p = X.shape
    w = np.zeros(p)
    for _ in range(5000):
        old = w.copy()
        for j in range(p):
            rho = X[:, j] @ (y - X @ w + X[:, j] * w[j]) / n
            w[j] = np.sign(rho) * max(abs(rho) - alpha, 0.0)
        if np.abs(w - old).max() <= 1e-15:
            break
    return w
''',
            mistake="the columns assumed standardised",
        ),
        WrongAnswer(
            "shrinks each coordinate by a factor",
            '''
import numpy as np


def lasso_cd(X, y, alpha):
    X, y = np.asarray(X, float), np.asarray(y, float)
    n, p = X.shape
    w = np.zeros(p)
    squares = (X**2).sum(axis=0) / n
    for _ in range(5000):
        old = w.copy()
        for j in range(p):
            rho = X[:, j] @ (y - X @ w + X[:, j] * w[j]) / n
            w[j] = rho / (squares[j] + alpha)
        if np.abs(w - old).max() <= 1e-15:
            break
    return w
''',
            mistake="shrinking by a factor instead of soft-thresholding",
        ),
        WrongAnswer(
            "stops after three sweeps",
            '''
import numpy as np


def lasso_cd(X, y, alpha):
    X, y = np.asarray(X, float), np.asarray(y, float)
    n, p = X.shape
    w = np.zeros(p)
    squares = (X**2).sum(axis=0) / n
    for _ in range(3):
        for j in range(p):
            rho = X[:, j] @ (y - X @ w + X[:, j] * w[j]) / n
            w[j] = np.sign(rho) * max(abs(rho) - alpha, 0.0) / squares[j]
    return w
''',
            kind="edge",
        ),
        WrongAnswer(
            "proximal gradient with a tiny floor instead of exact zeros",
            '''
import numpy as np


def lasso_cd(X, y, alpha):
    X, y = np.asarray(X, float), np.asarray(y, float)
    n, p = X.shape
    step = n / np.linalg.norm(X, 2) ** 2
    w = np.zeros(p)
    for _ in range(5000):
        z = w + step * X.T @ (y - X @ w) / n
        w = np.sign(z) * np.maximum(np.abs(z) - step * alpha, 1e-300)
    return w
''',
            kind="edge",
        ),
        WrongAnswer(
            "calls scikit-learn's Lasso",
            '''
from sklearn.linear_model import Lasso


def lasso_cd(X, y, alpha):
    return Lasso(alpha=alpha, fit_intercept=False, tol=1e-14).fit(X, y).coef_
''',
            kind="rule",
        ),
        WrongAnswer(
            "returns a list",
            '''
import numpy as np


def lasso_cd(X, y, alpha):
    X, y = np.asarray(X, float), np.asarray(y, float)
    n, p = X.shape
    w = np.zeros(p)
    squares = (X**2).sum(axis=0) / n
    for _ in range(10000):
        old = w.copy()
        for j in range(p):
            rho = X[:, j] @ (y - X @ w + X[:, j] * w[j]) / n
            w[j] = np.sign(rho) * max(abs(rho) - alpha, 0.0) / squares[j]
        if np.abs(w - old).max() <= 1e-15:
            break
    return list(w)
''',
            kind="type",
        ),
    ],
    "map-add-alpha": [
        WrongAnswer(
            "totals the whole array, not each row",
            '''
import numpy as np


def add_alpha_log_probs(counts, alpha):
    counts = np.asarray(counts, float)
    with np.errstate(divide="ignore"):
        return np.log(counts + alpha) - np.log(counts.sum() + counts.shape[-1] * alpha)
''',
        ),
        WrongAnswer(
            "takes K as the number of entries of the array",
            '''
import numpy as np


def add_alpha_log_probs(counts, alpha):
    counts = np.asarray(counts, float)
    total = counts.sum(axis=-1, keepdims=True) + counts.size * alpha
    with np.errstate(divide="ignore"):
        return np.log(counts + alpha) - np.log(total)
''',
        ),
        WrongAnswer(
            "the Dirichlet MAP with alpha - 1 pseudo-counts",
            '''
import numpy as np


def add_alpha_log_probs(counts, alpha):
    counts = np.asarray(counts, float)
    total = counts.sum(axis=-1, keepdims=True) + counts.shape[-1] * (alpha - 1)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.log(counts + alpha - 1) - np.log(total)
''',
        ),
        WrongAnswer(
            "smooths only the zero counts",
            '''
import numpy as np


def add_alpha_log_probs(counts, alpha):
    counts = np.asarray(counts, float)
    smoothed = np.where(counts == 0, alpha, counts)
    with np.errstate(divide="ignore"):
        return np.log(smoothed) - np.log(smoothed.sum(axis=-1, keepdims=True))
''',
        ),
        WrongAnswer(
            "adds alpha to the numerator only",
            '''
import numpy as np


def add_alpha_log_probs(counts, alpha):
    counts = np.asarray(counts, float)
    with np.errstate(divide="ignore"):
        return np.log(counts + alpha) - np.log(counts.sum(axis=-1, keepdims=True))
''',
        ),
        WrongAnswer(
            "the log of a sum of two ratios",
            '''
import numpy as np


def add_alpha_log_probs(counts, alpha):
    counts = np.asarray(counts, float)
    total = counts.sum(axis=-1, keepdims=True) + counts.shape[-1] * alpha
    with np.errstate(divide="ignore"):
        return np.log(counts / total + alpha / total)
''',
            kind="edge",
        ),
        WrongAnswer(
            "works in float32",
            '''
import numpy as np


def add_alpha_log_probs(counts, alpha):
    counts = np.asarray(counts, float)
    small = counts.astype(np.float32)
    total = small.sum(axis=-1, keepdims=True) + np.float32(counts.shape[-1] * alpha)
    with np.errstate(divide="ignore"):
        return (np.log(small + np.float32(alpha)) - np.log(total)).astype(float)
''',
            kind="edge",
        ),
        WrongAnswer(
            "adds alpha once to the total",
            '''
import numpy as np


def add_alpha_log_probs(counts, alpha):
    counts = np.asarray(counts, float)
    with np.errstate(divide="ignore"):
        return np.log(counts + alpha) - np.log(counts.sum(axis=-1, keepdims=True) + alpha)
''',
            mistake="one alpha added to the total instead of K",
        ),
        WrongAnswer(
            "adds 2 alpha to the total, as for a coin",
            '''
import numpy as np


def add_alpha_log_probs(counts, alpha):
    counts = np.asarray(counts, float)
    total = counts.sum(axis=-1, keepdims=True) + 2 * alpha
    with np.errstate(divide="ignore"):
        return np.log(counts + alpha) - np.log(total)
''',
            mistake="2 alpha added to the total whatever K",
        ),
        WrongAnswer(
            "returns the probabilities",
            '''
import numpy as np


def add_alpha_log_probs(counts, alpha):
    counts = np.asarray(counts, float)
    k = counts.shape[-1]
    return (counts + alpha) / (counts.sum(axis=-1, keepdims=True) + k * alpha)
''',
            mistake="probabilities instead of log-probabilities",
        ),
        WrongAnswer(
            "totals each column",
            '''
import numpy as np


def add_alpha_log_probs(counts, alpha):
    counts = np.asarray(counts, float)
    k = counts.shape[0]
    with np.errstate(divide="ignore"):
        return np.log(counts + alpha) - np.log(counts.sum(axis=0) + k * alpha)
''',
            mistake="normalised over the wrong axis",
        ),
        WrongAnswer(
            "takes the log of the ratio",
            '''
import numpy as np


def add_alpha_log_probs(counts, alpha):
    counts = np.asarray(counts, float)
    k = counts.shape[-1]
    total = counts.sum(axis=-1, keepdims=True) + k * alpha
    with np.errstate(divide="ignore"):
        return np.log((counts + alpha) / total)
''',
            kind="edge",
        ),
        WrongAnswer(
            "replaces zero counts by a small epsilon",
            '''
import numpy as np


def add_alpha_log_probs(counts, alpha):
    counts = np.maximum(np.asarray(counts, float) + alpha, 1e-12)
    return np.log(counts) - np.log(counts.sum(axis=-1, keepdims=True))
''',
            kind="edge",
        ),
        WrongAnswer(
            "uses scipy's log_softmax",
            '''
import numpy as np
from scipy.special import log_softmax


def add_alpha_log_probs(counts, alpha):
    with np.errstate(divide="ignore"):
        return log_softmax(np.log(np.asarray(counts, float) + alpha), axis=-1)
''',
            kind="rule",
        ),
        WrongAnswer(
            "returns a nested list",
            '''
import numpy as np


def add_alpha_log_probs(counts, alpha):
    counts = np.asarray(counts, float)
    k = counts.shape[-1]
    total = counts.sum(axis=-1, keepdims=True) + k * alpha
    with np.errstate(divide="ignore"):
        return (np.log(counts + alpha) - np.log(total)).tolist()
''',
            kind="type",
        ),
    ],
}

RIGHT_ANSWERS = {
    "map-beta": [
        '''
import numpy as np


def beta_map(k, n, a, b):
    # the log-odds of the mode: log(heads) - log(tails), with log 0 = -inf at the ends
    with np.errstate(divide="ignore"):
        log_odds = np.log(k + a - 1) - np.log(n - k + b - 1)
    return float(1 / (1 + np.exp(-log_odds)))
''',
        '''
def beta_map(k, n, a, b):
    return float((k + a - 1) / (n + a + b - 2))
''',
        '''
from fractions import Fraction


def beta_map(k, n, a, b):
    heads = Fraction(k) + Fraction(a) - 1
    total = Fraction(n) + Fraction(a) + Fraction(b) - 2
    return float(heads / total)
''',
    ],
    "map-ridge": [
        '''
import numpy as np


def ridge_map(X, y, lam):
    X, y = np.asarray(X, float), np.asarray(y, float)
    xc = X - X.mean(axis=0)  # centring X alone is enough: xc.T @ y = xc.T @ (y - mean)
    chol = np.linalg.cholesky(xc.T @ xc + lam * np.eye(X.shape[1]))
    slopes = np.linalg.solve(chol.T, np.linalg.solve(chol, xc.T @ y))
    return np.r_[np.mean(y - X @ slopes), slopes]
''',
        '''
import numpy as np


def ridge_map(X, y, lam):
    X, y = np.asarray(X, float), np.asarray(y, float)
    xc, yc = X - X.mean(axis=0), y - y.mean()
    u, s, vt = np.linalg.svd(xc, full_matrices=False)
    slopes = vt.T @ (s / (s**2 + lam) * (u.T @ yc))
    return np.concatenate([[y.mean() - X.mean(axis=0) @ slopes], slopes])
''',
        '''
import numpy as np


def ridge_map(X, y, lam):
    X, y = np.asarray(X, float), np.asarray(y, float)
    n, p = X.shape
    design = np.column_stack([np.ones(n), X])
    penalty = lam * np.eye(p + 1)
    penalty[0, 0] = 0.0  # the intercept is free
    return np.linalg.solve(design.T @ design + penalty, design.T @ y)
''',
    ],
    "map-logistic": [
        '''
import numpy as np


def logistic_map(X, y, prior_var):
    n, p = np.shape(X)
    design = np.hstack([np.ones((n, 1)), X])
    beta = np.zeros(p + 1)
    for _ in range(200):
        prob = 0.5 * (1 + np.tanh(design @ beta / 2))
        weight = prob * (1 - prob)
        grad = design.T @ (y - prob)
        grad[1:] -= beta[1:] / prior_var
        hess = design.T @ (weight[:, None] * design)
        hess[1:, 1:] += np.eye(p) / prior_var
        step = np.linalg.solve(hess, grad)
        beta += step
        if np.max(np.abs(step)) < 1e-13:
            break
    return beta
''',
        '''
import numpy as np


def logistic_map(X, y, prior_var):
    X, y = np.asarray(X, float), np.asarray(y, float)
    n, p = X.shape
    design = np.column_stack([np.ones(n), X])
    root = np.r_[0.0, np.full(p, 1 / np.sqrt(prior_var))]
    beta = np.zeros(p + 1)
    for _ in range(100):  # IRLS with the prior as p extra rows
        prob = np.exp(-np.logaddexp(0.0, -(design @ beta)))
        w = np.sqrt(prob * (1 - prob))
        rows = np.vstack([w[:, None] * design, np.diag(root)])
        target = np.r_[(y - prob) / w, -root * beta]
        step = np.linalg.lstsq(rows, target, rcond=None)[0]
        beta = beta + step
        if np.abs(step).max() < 1e-13 * (1 + np.abs(beta).max()):
            break
    return beta
''',
    ],
    "map-lasso-cd": [
        '''
import numpy as np


def lasso_cd(X, y, alpha):
    # start from least squares and visit the coordinates in a random order
    X, y = np.asarray(X, float), np.asarray(y, float)
    n, p = X.shape
    curvature = (X**2).sum(axis=0) / n
    w = np.linalg.lstsq(X, y, rcond=None)[0]
    r = y - X @ w
    order = np.random.default_rng(0)
    for _ in range(100_000):
        moved = 0.0
        for j in order.permutation(p):
            pull = X[:, j] @ r / n + curvature[j] * w[j]
            new = np.sign(pull) * max(abs(pull) - alpha, 0.0) / curvature[j]
            r -= X[:, j] * (new - w[j])
            moved = max(moved, abs(new - w[j]))
            w[j] = new
        if moved == 0.0:
            break
    return w
''',
        '''
import numpy as np


def lasso_cd(X, y, alpha):
    X, y = np.asarray(X, float), np.asarray(y, float)
    n, p = X.shape
    gram, xty = X.T @ X / n, X.T @ y / n
    w = np.zeros(p)
    for _ in range(100_000):
        old = w.copy()
        for j in range(p):
            rho = xty[j] - gram[j] @ w + gram[j, j] * w[j]
            w[j] = np.sign(rho) * max(abs(rho) - alpha, 0.0) / gram[j, j]
        if np.abs(w - old).max() <= 1e-14 * max(1.0, np.abs(w).max()):
            break
    return w
''',
        '''
import numpy as np


def soft(z, t):
    return np.sign(z) * np.maximum(np.abs(z) - t, 0.0)


def lasso_cd(X, y, alpha):
    X, y = np.asarray(X, float), np.asarray(y, float)
    n, p = X.shape
    norms = np.einsum("ij,ij->j", X, X) / n
    w, r = np.zeros(p), y.copy()
    for sweep in range(50_000):
        change = 0.0
        for j in np.arange(p)[::-1]:  # backwards: the order does not matter
            new = soft(w[j] + X[:, j] @ r / (n * norms[j]), alpha / norms[j])
            r += X[:, j] * (w[j] - new)
            change = max(change, abs(new - w[j]))
            w[j] = new
        if change < 1e-15:
            break
    return w
''',
    ],
    "map-add-alpha": [
        '''
import numpy as np


def add_alpha_log_probs(counts, alpha):
    # normalise in log space with a log-sum-exp
    with np.errstate(divide="ignore"):
        logs = np.log(np.asarray(counts, dtype=float) + alpha)
    top = logs.max(axis=-1, keepdims=True)
    return logs - top - np.log(np.exp(logs - top).sum(axis=-1, keepdims=True))
''',
        '''
import numpy as np


def add_alpha_log_probs(counts, alpha):
    c = np.asarray(counts, dtype=float) + alpha
    with np.errstate(divide="ignore"):
        logs = np.log(c)
    return logs - np.log(np.sum(c, axis=-1, keepdims=True))
''',
        '''
import numpy as np


def add_alpha_log_probs(counts, alpha):
    shape = np.shape(counts)
    rows = np.asarray(counts, dtype=float).reshape(-1, shape[-1])
    out = np.empty_like(rows)
    for i, row in enumerate(rows):
        total = row.sum() + row.size * alpha
        for j, c in enumerate(row):
            out[i, j] = -np.inf if c + alpha == 0 else np.log(c + alpha) - np.log(total)
    return out.reshape(shape)
''',
    ],
}
