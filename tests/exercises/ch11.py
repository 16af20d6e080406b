"""Wrong answers for the exercises of Chapter 11, *When maximum likelihood fails*, and right
answers written differently from the reference solutions (each must pass)."""

from .wrong_answers import WrongAnswer

WRONG_ANSWERS = {
    "misspec-sandwich": [
        WrongAnswer(
            "returns the model-based covariance, ignoring the scores",
            '''
import numpy as np


def sandwich_cov(scores, hessian):
    hessian = np.asarray(hessian, dtype=float)
    return np.linalg.solve(hessian, np.eye(len(hessian)))
''',
            mistake="the model-based covariance A^-1",
        ),
        WrongAnswer(
            "averages the outer products instead of summing them",
            '''
import numpy as np


def sandwich_cov(scores, hessian):
    s = np.asarray(scores, dtype=float)
    meat = s.T @ s / len(s)
    left = np.linalg.solve(hessian, meat)
    return np.linalg.solve(hessian, left.T).T
''',
            mistake="B averaged over the observations",
        ),
        WrongAnswer(
            "multiplies by the Hessian instead of solving with it",
            '''
import numpy as np


def sandwich_cov(scores, hessian):
    s = np.asarray(scores, dtype=float)
    a = np.asarray(hessian, dtype=float)
    return a @ (s.T @ s) @ a
''',
            mistake="A B A instead of A^-1 B A^-1",
        ),
        WrongAnswer(
            "applies the HC1 correction",
            '''
import numpy as np


def sandwich_cov(scores, hessian):
    s = np.asarray(scores, dtype=float)
    n, k = s.shape
    half = np.linalg.solve(hessian, s.T)
    return half @ half.T * n / (n - k)
''',
            mistake="the small-sample factor n / (n - k) applied",
        ),
        WrongAnswer(
            "inverts the Hessian",
            '''
import numpy as np


def sandwich_cov(scores, hessian):
    s = np.asarray(scores, dtype=float)
    bread = np.linalg.inv(hessian)
    return bread @ s.T @ s @ bread
''',
            kind="rule",
        ),
        WrongAnswer(
            "calls the course's sandwich_cov",
            '''
import mlcourse


def sandwich_cov(scores, hessian):
    return mlcourse.sandwich_cov(scores, hessian)
''',
            kind="rule",
        ),
        WrongAnswer(
            "returns a nested list",
            '''
import numpy as np


def sandwich_cov(scores, hessian):
    half = np.linalg.solve(hessian, np.asarray(scores, dtype=float).T)
    return (half @ half.T).tolist()
''',
            kind="type",
        ),
        WrongAnswer(
            "forms the n x n matrix of scores instead of the k x k one",
            '''
import numpy as np


def sandwich_cov(scores, hessian):
    s = np.asarray(scores, dtype=float)
    meat = s @ s.T
    return np.linalg.solve(hessian, np.linalg.solve(hessian, meat[:2, :2]).T)
''',
        ),
        WrongAnswer(
            "puts the covariance of the scores in the middle (right only at the MLE)",
            '''
import numpy as np


def sandwich_cov(scores, hessian):
    s = np.asarray(scores, dtype=float)
    meat = np.cov(s.T, bias=True).reshape(s.shape[1], s.shape[1]) * len(s)
    left = np.linalg.solve(hessian, meat)
    return np.linalg.solve(hessian, left.T).T
''',
        ),
    ],
    "mixture-em-step": [
        WrongAnswer(
            "returns the variances",
            '''
import numpy as np


def em_step(x, weights, means, sigmas):
    x = np.asarray(x, dtype=float)
    log_joint = (np.log(weights) - np.log(sigmas)
                 - 0.5 * ((x[:, None] - means) / sigmas) ** 2)
    log_joint -= log_joint.max(axis=1, keepdims=True)
    resp = np.exp(log_joint)
    resp /= resp.sum(axis=1, keepdims=True)
    counts = resp.sum(axis=0)
    mu = resp.T @ x / counts
    var = (resp * (x[:, None] - mu) ** 2).sum(axis=0) / counts
    return counts / len(x), mu, var
''',
            mistake="variances returned instead of standard deviations",
        ),
        WrongAnswer(
            "measures the spread about the old means",
            '''
import numpy as np


def em_step(x, weights, means, sigmas):
    x = np.asarray(x, dtype=float)
    log_joint = (np.log(weights) - np.log(sigmas)
                 - 0.5 * ((x[:, None] - means) / sigmas) ** 2)
    log_joint -= log_joint.max(axis=1, keepdims=True)
    resp = np.exp(log_joint)
    resp /= resp.sum(axis=1, keepdims=True)
    counts = resp.sum(axis=0)
    mu = resp.T @ x / counts
    var = (resp * (x[:, None] - means) ** 2).sum(axis=0) / counts
    return counts / len(x), mu, np.sqrt(var)
''',
            mistake="spread measured about the old means",
        ),
        WrongAnswer(
            "returns the effective counts as weights",
            '''
import numpy as np


def em_step(x, weights, means, sigmas):
    x = np.asarray(x, dtype=float)
    log_joint = (np.log(weights) - np.log(sigmas)
                 - 0.5 * ((x[:, None] - means) / sigmas) ** 2)
    log_joint -= log_joint.max(axis=1, keepdims=True)
    resp = np.exp(log_joint)
    resp /= resp.sum(axis=1, keepdims=True)
    counts = resp.sum(axis=0)
    mu = resp.T @ x / counts
    var = (resp * (x[:, None] - mu) ** 2).sum(axis=0) / counts
    return counts, mu, np.sqrt(var)
''',
            mistake="weights not divided by n",
        ),
        WrongAnswer(
            "uses w_j N(x_i) as the responsibilities without normalising",
            '''
import numpy as np


def em_step(x, weights, means, sigmas):
    x = np.asarray(x, dtype=float)
    dens = (weights * np.exp(-0.5 * ((x[:, None] - means) / sigmas) ** 2)
            / (sigmas * np.sqrt(2 * np.pi)))
    counts = dens.sum(axis=0)
    mu = dens.T @ x / counts
    var = (dens * (x[:, None] - mu) ** 2).sum(axis=0) / counts
    return counts / len(x), mu, np.sqrt(var)
''',
            mistake="responsibilities not normalised",
        ),
        WrongAnswer(
            "normalises the densities directly (0 / 0 far in the tails)",
            '''
import numpy as np


def em_step(x, weights, means, sigmas):
    x = np.asarray(x, dtype=float)
    dens = weights * np.exp(-0.5 * ((x[:, None] - means) / sigmas) ** 2) / sigmas
    resp = dens / dens.sum(axis=1, keepdims=True)
    counts = resp.sum(axis=0)
    mu = resp.T @ x / counts
    var = (resp * (x[:, None] - mu) ** 2).sum(axis=0) / counts
    return counts / len(x), mu, np.sqrt(var)
''',
            kind="edge",
        ),
        WrongAnswer(
            "returns a list",
            '''
import numpy as np


def em_step(x, weights, means, sigmas):
    x = np.asarray(x, dtype=float)
    log_joint = (np.log(weights) - np.log(sigmas)
                 - 0.5 * ((x[:, None] - means) / sigmas) ** 2)
    log_joint -= log_joint.max(axis=1, keepdims=True)
    resp = np.exp(log_joint)
    resp /= resp.sum(axis=1, keepdims=True)
    counts = resp.sum(axis=0)
    mu = resp.T @ x / counts
    var = (resp * (x[:, None] - mu) ** 2).sum(axis=0) / counts
    return [counts / len(x), mu, np.sqrt(var)]
''',
            kind="type",
        ),
        WrongAnswer(
            "uses scipy's logsumexp",
            '''
import numpy as np
from scipy.special import logsumexp


def em_step(x, weights, means, sigmas):
    x = np.asarray(x, dtype=float)
    log_joint = (np.log(weights) - np.log(sigmas)
                 - 0.5 * ((x[:, None] - means) / sigmas) ** 2)
    resp = np.exp(log_joint - logsumexp(log_joint, axis=1, keepdims=True))
    counts = resp.sum(axis=0)
    mu = resp.T @ x / counts
    var = (resp * (x[:, None] - mu) ** 2).sum(axis=0) / counts
    return counts / len(x), mu, np.sqrt(var)
''',
            kind="rule",
        ),
        WrongAnswer(
            "runs scikit-learn's GaussianMixture for one iteration",
            '''
import numpy as np
from sklearn.mixture import GaussianMixture


def em_step(x, weights, means, sigmas):
    model = GaussianMixture(len(means), max_iter=1, reg_covar=0.0,
                            weights_init=weights, means_init=np.c_[means],
                            precisions_init=1 / np.asarray(sigmas)[:, None, None] ** 2)
    model.fit(np.c_[x])
    return model.weights_, model.means_.ravel(), np.sqrt(model.covariances_.ravel())
''',
            kind="rule",
        ),
    ],
    "mixture-spike-loglik": [
        WrongAnswer(
            "leaves out the weights of one half",
            '''
import numpy as np


def spike_loglik(x, center, sigma):
    x = np.asarray(x, dtype=float)
    s = x.std()
    with np.errstate(over="ignore"):
        log_spike = -np.log(sigma) - 0.5 * ((x - center) / sigma) ** 2
    log_wide = -np.log(s) - 0.5 * ((x - x.mean()) / s) ** 2
    return float(np.sum(np.logaddexp(log_spike, log_wide) - 0.5 * np.log(2 * np.pi)))
''',
            mistake="the weights of one half left out",
        ),
        WrongAnswer(
            "treats sigma as a variance",
            '''
import numpy as np


def spike_loglik(x, center, sigma):
    x = np.asarray(x, dtype=float)
    s = x.std()
    with np.errstate(over="ignore"):
        log_spike = -0.5 * np.log(sigma) - 0.5 * (x - center) ** 2 / sigma
    log_wide = -np.log(s) - 0.5 * ((x - x.mean()) / s) ** 2
    terms = np.logaddexp(log_spike, log_wide) + np.log(0.5) - 0.5 * np.log(2 * np.pi)
    return float(np.sum(terms))
''',
            mistake="sigma used as the variance",
        ),
        WrongAnswer(
            "uses the unbiased variance for the wide component",
            '''
import numpy as np


def spike_loglik(x, center, sigma):
    x = np.asarray(x, dtype=float)
    s = x.std(ddof=1)
    with np.errstate(over="ignore"):
        log_spike = -np.log(sigma) - 0.5 * ((x - center) / sigma) ** 2
    log_wide = -np.log(s) - 0.5 * ((x - x.mean()) / s) ** 2
    terms = np.logaddexp(log_spike, log_wide) + np.log(0.5) - 0.5 * np.log(2 * np.pi)
    return float(np.sum(terms))
''',
            mistake="the wide component's variance with n - 1",
        ),
        WrongAnswer(
            "adds the two densities, then takes the log",
            '''
import numpy as np


def spike_loglik(x, center, sigma):
    x = np.asarray(x, dtype=float)
    s = x.std()
    c = 1 / np.sqrt(2 * np.pi)
    spike = c / sigma * np.exp(-0.5 * ((x - center) / sigma) ** 2)
    wide = c / s * np.exp(-0.5 * ((x - x.mean()) / s) ** 2)
    return float(np.sum(np.log(0.5 * spike + 0.5 * wide)))
''',
            kind="edge",
        ),
        WrongAnswer(
            "keeps sigma above 1e-300 to avoid the overflow",
            '''
import numpy as np


def spike_loglik(x, center, sigma):
    x = np.asarray(x, dtype=float)
    sigma = max(sigma, 1e-300)
    s = x.std()
    log_spike = -np.log(sigma) - 0.5 * ((x - center) / sigma) ** 2
    log_wide = -np.log(s) - 0.5 * ((x - x.mean()) / s) ** 2
    terms = np.logaddexp(log_spike, log_wide) + np.log(0.5) - 0.5 * np.log(2 * np.pi)
    return float(np.sum(terms))
''',
            kind="edge",
        ),
        WrongAnswer(
            "uses scipy.stats.norm.logpdf",
            '''
import numpy as np
from scipy import stats


def spike_loglik(x, center, sigma):
    x = np.asarray(x, dtype=float)
    terms = np.logaddexp(stats.norm.logpdf(x, center, sigma),
                         stats.norm.logpdf(x, x.mean(), x.std()))
    return float(np.sum(terms + np.log(0.5)))
''',
            kind="rule",
        ),
        WrongAnswer(
            "returns the log-density of each observation",
            '''
import numpy as np


def spike_loglik(x, center, sigma):
    x = np.asarray(x, dtype=float)
    s = x.std()
    with np.errstate(over="ignore"):
        log_spike = -np.log(sigma) - 0.5 * ((x - center) / sigma) ** 2
    log_wide = -np.log(s) - 0.5 * ((x - x.mean()) / s) ** 2
    return np.logaddexp(log_spike, log_wide) + np.log(0.5) - 0.5 * np.log(2 * np.pi)
''',
            kind="type",
        ),
    ],
    "misspec-variance-sandwich": [
        WrongAnswer(
            "returns what the Gaussian model says",
            '''
import numpy as np


def gaussian_var_sandwich(x):
    x = np.asarray(x, dtype=float)
    return float(2 * x.var() ** 2 / len(x))
''',
            mistake="the model-based variance 2 sigma^4 / n",
        ),
        WrongAnswer(
            "divides by n once",
            '''
import numpy as np


def gaussian_var_sandwich(x):
    x = np.asarray(x, dtype=float)
    sq = (x - x.mean()) ** 2
    return float(np.sum((sq - sq.mean()) ** 2) / len(x))
''',
            mistake="divided by n instead of n^2",
        ),
        WrongAnswer(
            "uses the unbiased variance",
            '''
import numpy as np


def gaussian_var_sandwich(x):
    x = np.asarray(x, dtype=float)
    sq = (x - x.mean()) ** 2
    return float(np.sum((sq - x.var(ddof=1)) ** 2) / len(x) ** 2)
''',
            mistake="the variance with n - 1",
        ),
        WrongAnswer(
            "squares the raw values",
            '''
import numpy as np


def gaussian_var_sandwich(x):
    x = np.asarray(x, dtype=float)
    return float(np.sum((x**2 - x.var()) ** 2) / len(x) ** 2)
''',
            mistake="squares of x instead of squared deviations",
        ),
        WrongAnswer(
            "computes the variance as E[x^2] - E[x]^2",
            '''
import numpy as np


def gaussian_var_sandwich(x):
    x = np.asarray(x, dtype=float)
    n = len(x)
    v = np.mean(x**2) - np.mean(x) ** 2
    sq = x**2 - 2 * x * np.mean(x) + np.mean(x) ** 2
    return float(np.sum((sq - v) ** 2) / n**2)
''',
            kind="edge",
        ),
        WrongAnswer(
            "returns the model-based and the sandwich variance together",
            '''
import numpy as np


def gaussian_var_sandwich(x):
    x = np.asarray(x, dtype=float)
    sq = (x - x.mean()) ** 2
    return 2 * x.var() ** 2 / len(x), np.sum((sq - sq.mean()) ** 2) / len(x) ** 2
''',
            kind="type",
        ),
        WrongAnswer(
            "builds the sandwich with the course's function",
            '''
import numpy as np
import mlcourse


def gaussian_var_sandwich(x):
    x = np.asarray(x, dtype=float)
    e = x - x.mean()
    v = e.var()
    n = len(x)
    scores = np.column_stack([e / v, (e**2 - v) / (2 * v**2)])
    hessian = np.diag([n / v, n / (2 * v**2)])
    return float(mlcourse.sandwich_cov(scores, hessian)[1, 1])
''',
            kind="rule",
        ),
    ],
}

RIGHT_ANSWERS = {
    "misspec-sandwich": [
        '''
import numpy as np


def sandwich_cov(scores, hessian):
    s = np.asarray(scores, dtype=float)
    meat = np.zeros((s.shape[1], s.shape[1]))
    for row in s:
        meat += np.outer(row, row)
    left = np.linalg.solve(hessian, meat)  # A^-1 B
    return np.linalg.solve(hessian, left.T).T  # (A^-1 (A^-1 B)^T)^T
''',
        '''
import numpy as np


def sandwich_cov(scores, hessian):
    chol = np.linalg.cholesky(np.asarray(hessian, dtype=float))
    w = np.linalg.solve(chol, np.asarray(scores, dtype=float).T)  # L^-1 s_i
    inner = w @ w.T
    return np.linalg.solve(chol.T, np.linalg.solve(chol.T, inner).T)
''',
    ],
    "mixture-em-step": [
        '''
import numpy as np


def em_step(x, weights, means, sigmas):
    x = np.asarray(x, dtype=float)
    k = len(means)
    cols = [np.log(weights[j]) - np.log(sigmas[j])
            - 0.5 * ((x - means[j]) / sigmas[j]) ** 2 for j in range(k)]
    log_px = np.logaddexp.reduce(np.array(cols), axis=0)
    new_w, new_mu, new_sd = np.empty(k), np.empty(k), np.empty(k)
    for j in range(k):
        r = np.exp(cols[j] - log_px)
        new_w[j] = r.mean()
        new_mu[j] = np.sum(r * x) / r.sum()
        new_sd[j] = np.sqrt(np.sum(r * (x - new_mu[j]) ** 2) / r.sum())
    return new_w, new_mu, new_sd
''',
        '''
import numpy as np


def em_step(x, weights, means, sigmas):
    x = np.asarray(x, dtype=float)[:, None]
    log_joint = np.log(weights / sigmas) - 0.5 * ((x - means) / sigmas) ** 2
    shifted = log_joint - log_joint.max(axis=1, keepdims=True)
    resp = np.exp(shifted)
    resp /= resp.sum(axis=1, keepdims=True)
    new_w = resp.mean(axis=0)
    new_mu = np.average(np.broadcast_to(x, resp.shape), axis=0, weights=resp)
    new_var = np.average((x - new_mu) ** 2, axis=0, weights=resp)
    return new_w, new_mu, np.sqrt(new_var)
''',
    ],
    "mixture-spike-loglik": [
        '''
import math

import numpy as np


def spike_loglik(x, center, sigma):
    x = [float(v) for v in x]
    n = len(x)
    mean = sum(x) / n
    s = math.sqrt(sum((v - mean) ** 2 for v in x) / n)
    total = 0.0
    for v in x:
        z = abs(v - center) / sigma if v != center else 0.0
        a = -math.log(sigma) - 0.5 * z * z if z < 1e150 else -math.inf
        b = -math.log(s) - 0.5 * ((v - mean) / s) ** 2
        top = max(a, b)
        total += top + math.log(math.exp(a - top) + math.exp(b - top))
    return total + n * (math.log(0.5) - 0.5 * math.log(2 * math.pi))
''',
        '''
import numpy as np


def spike_loglik(x, center, sigma):
    x = np.asarray(x, dtype=float)
    mean, s = x.mean(), np.sqrt(np.mean((x - x.mean()) ** 2))
    with np.errstate(over="ignore"):
        parts = np.stack([-np.log(sigma) - 0.5 * ((x - center) / sigma) ** 2,
                          -np.log(s) - 0.5 * ((x - mean) / s) ** 2])
    top = parts.max(axis=0)
    log_p = top + np.log(np.exp(parts - top).sum(axis=0)) - np.log(2 * np.sqrt(2 * np.pi))
    return float(log_p.sum())
''',
    ],
    "misspec-variance-sandwich": [
        '''
import numpy as np


def gaussian_var_sandwich(x):
    x = np.asarray(x, dtype=float)
    n = len(x)
    e = x - x.mean()
    v = e @ e / n
    scores = np.column_stack([e / v, (e**2 - v) / (2 * v**2)])
    hessian = np.array([[n / v, 0.0], [0.0, n / (2 * v**2)]])
    half = np.linalg.solve(hessian, scores.T)
    return float((half @ half.T)[1, 1])
''',
        '''
import math


def gaussian_var_sandwich(x):
    x = [float(v) for v in x]
    n = len(x)
    mean = math.fsum(x) / n
    squares = [(v - mean) ** 2 for v in x]
    variance = math.fsum(squares) / n
    return math.fsum((q - variance) ** 2 for q in squares) / n**2
''',
    ],
}
