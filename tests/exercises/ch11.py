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
        WrongAnswer(
            "raises A to the power -1 instead of inverting it",
            '''
import numpy as np


def sandwich_cov(scores, hessian):
    s = np.asarray(scores, dtype=float)
    bread = np.linalg.matrix_power(hessian, -1)
    return bread @ (s.T @ s) @ bread
''',
            kind="rule",
        ),
        WrongAnswer(
            "takes the inverse from np.matrix's .I",
            '''
import numpy as np


def sandwich_cov(scores, hessian):
    s = np.asarray(scores, dtype=float)
    bread = np.asarray(np.matrix(hessian).I)
    return bread @ s.T @ s @ bread
''',
            kind="rule",
        ),
        WrongAnswer(
            "puts A^-1 on the left only",
            '''
import numpy as np


def sandwich_cov(scores, hessian):
    s = np.asarray(scores, dtype=float)
    return np.linalg.solve(hessian, s.T @ s)
''',
            mistake="A^-1 on one side only",
        ),
        WrongAnswer(
            "solves twice from the same side (A^-2 B)",
            '''
import numpy as np


def sandwich_cov(scores, hessian):
    s = np.asarray(scores, dtype=float)
    meat = s.T @ s
    return np.linalg.solve(hessian, np.linalg.solve(hessian, meat))
''',
        ),
        WrongAnswer(
            "applies HC1 with n / (n - 1)",
            '''
import numpy as np


def sandwich_cov(scores, hessian):
    s = np.asarray(scores, dtype=float)
    n = len(s)
    half = np.linalg.solve(hessian, s.T)
    return half @ half.T * n / (n - 1)
''',
        ),
        WrongAnswer(
            "keeps only the squared scores in the meat (its diagonal)",
            '''
import numpy as np


def sandwich_cov(scores, hessian):
    s = np.asarray(scores, dtype=float)
    meat = np.diag((s**2).sum(axis=0))
    left = np.linalg.solve(hessian, meat)
    return np.linalg.solve(hessian, left.T).T
''',
        ),
        WrongAnswer(
            "divides the Hessian by n (an average information)",
            '''
import numpy as np


def sandwich_cov(scores, hessian):
    s = np.asarray(scores, dtype=float)
    a = np.asarray(hessian, dtype=float) / len(s)
    half = np.linalg.solve(a, s.T)
    return half @ half.T
''',
        ),
        WrongAnswer(
            "computes in single precision",
            '''
import numpy as np


def sandwich_cov(scores, hessian):
    s = np.asarray(scores, dtype=np.float32)
    half = np.linalg.solve(np.asarray(hessian, dtype=np.float32), s.T)
    return half @ half.T
''',
            kind="edge",
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
        WrongAnswer(
            "writes the densities with sigma as the variance",
            '''
import numpy as np


def em_step(x, weights, means, sigmas):
    x = np.asarray(x, dtype=float)
    log_dens = -0.5 * np.log(2 * np.pi * sigmas) - (x[:, None] - means) ** 2 / (2 * sigmas)
    log_joint = np.log(weights) + log_dens
    log_joint -= log_joint.max(axis=1, keepdims=True)
    resp = np.exp(log_joint)
    resp /= resp.sum(axis=1, keepdims=True)
    nk = resp.sum(axis=0)
    mu = (resp * x[:, None]).sum(axis=0) / nk
    sd = np.sqrt((resp * (x[:, None] - mu) ** 2).sum(axis=0) / nk)
    return nk / len(x), mu, sd
''',
            mistake="sigmas used as variances in the densities",
        ),
        WrongAnswer(
            "forms the new variances as E[x^2] - mean^2",
            '''
import numpy as np


def em_step(x, weights, means, sigmas):
    x = np.asarray(x, dtype=float)
    log_joint = np.log(weights / sigmas) - 0.5 * ((x[:, None] - means) / sigmas) ** 2
    log_joint -= log_joint.max(axis=1, keepdims=True)
    resp = np.exp(log_joint)
    resp /= resp.sum(axis=1, keepdims=True)
    nk = resp.sum(axis=0)
    mu = resp.T @ x / nk
    second = resp.T @ x**2 / nk
    return nk / len(x), mu, np.sqrt(second - mu**2)
''',
            kind="edge",
        ),
        WrongAnswer(
            "normalises the responsibilities over the observations",
            '''
import numpy as np


def em_step(x, weights, means, sigmas):
    x = np.asarray(x, dtype=float)
    log_joint = (np.log(weights) - np.log(sigmas)
                 - 0.5 * ((x[:, None] - means) / sigmas) ** 2)
    resp = np.exp(log_joint - log_joint.max(axis=0))
    resp /= resp.sum(axis=0)
    counts = resp.sum(axis=0)
    mu = resp.T @ x / counts
    var = (resp * (x[:, None] - mu) ** 2).sum(axis=0) / counts
    return counts / len(x), mu, np.sqrt(var)
''',
        ),
        WrongAnswer(
            "subtracts the overall maximum, not each row's",
            '''
import numpy as np


def em_step(x, weights, means, sigmas):
    x = np.asarray(x, dtype=float)
    log_joint = (np.log(weights) - np.log(sigmas)
                 - 0.5 * ((x[:, None] - means) / sigmas) ** 2)
    resp = np.exp(log_joint - log_joint.max())
    resp /= resp.sum(axis=1, keepdims=True)
    counts = resp.sum(axis=0)
    mu = resp.T @ x / counts
    var = (resp * (x[:, None] - mu) ** 2).sum(axis=0) / counts
    return counts / len(x), mu, np.sqrt(var)
''',
            kind="edge",
        ),
        WrongAnswer(
            "clips the log-densities at -700 to avoid the underflow",
            '''
import numpy as np


def em_step(x, weights, means, sigmas):
    x = np.asarray(x, dtype=float)
    log_joint = (np.log(weights) - np.log(sigmas)
                 - 0.5 * ((x[:, None] - means) / sigmas) ** 2)
    resp = np.exp(np.clip(log_joint, -700, None))
    resp /= resp.sum(axis=1, keepdims=True)
    counts = resp.sum(axis=0)
    mu = resp.T @ x / counts
    var = (resp * (x[:, None] - mu) ** 2).sum(axis=0) / counts
    return counts / len(x), mu, np.sqrt(var)
''',
            kind="edge",
        ),
        WrongAnswer(
            "gives observations whose densities all underflow no responsibility",
            '''
import numpy as np


def em_step(x, weights, means, sigmas):
    x = np.asarray(x, dtype=float)
    dens = weights * np.exp(-0.5 * ((x[:, None] - means) / sigmas) ** 2) / sigmas
    total = dens.sum(axis=1, keepdims=True)
    resp = np.divide(dens, total, out=np.zeros_like(dens), where=total > 0)
    counts = resp.sum(axis=0)
    mu = resp.T @ x / counts
    var = (resp * (x[:, None] - mu) ** 2).sum(axis=0) / counts
    return counts / len(x), mu, np.sqrt(var)
''',
            kind="edge",
        ),
        WrongAnswer(
            "leaves the normalising constant 1 / sigma out of the densities",
            '''
import numpy as np


def em_step(x, weights, means, sigmas):
    x = np.asarray(x, dtype=float)
    log_joint = np.log(weights) - 0.5 * ((x[:, None] - means) / sigmas) ** 2
    log_joint -= log_joint.max(axis=1, keepdims=True)
    resp = np.exp(log_joint)
    resp /= resp.sum(axis=1, keepdims=True)
    counts = resp.sum(axis=0)
    mu = resp.T @ x / counts
    var = (resp * (x[:, None] - mu) ** 2).sum(axis=0) / counts
    return counts / len(x), mu, np.sqrt(var)
''',
        ),
        WrongAnswer(
            "assigns each observation to its most probable component (hard EM)",
            '''
import numpy as np


def em_step(x, weights, means, sigmas):
    x = np.asarray(x, dtype=float)
    log_joint = (np.log(weights) - np.log(sigmas)
                 - 0.5 * ((x[:, None] - means) / sigmas) ** 2)
    resp = np.eye(len(means))[np.argmax(log_joint, axis=1)]
    counts = resp.sum(axis=0)
    mu = resp.T @ x / counts
    var = (resp * (x[:, None] - mu) ** 2).sum(axis=0) / counts
    return counts / len(x), mu, np.sqrt(var)
''',
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
        WrongAnswer(
            "keeps the spike in log space but takes the log of the wide density",
            '''
import numpy as np


def spike_loglik(x, center, sigma):
    x = np.asarray(x, dtype=float)
    m, s = x.mean(), x.std()
    wide = np.exp(-0.5 * ((x - m) / s) ** 2) / (s * np.sqrt(2 * np.pi))
    with np.errstate(over="ignore", divide="ignore"):
        log_spike = -np.log(sigma) - 0.5 * ((x - center) / sigma) ** 2
        log_wide = np.log(wide)
    terms = np.logaddexp(log_spike - 0.5 * np.log(2 * np.pi), log_wide) + np.log(0.5)
    return float(np.sum(terms))
''',
            kind="edge",
        ),
        WrongAnswer(
            "takes the log of the spike's density",
            '''
import numpy as np


def spike_loglik(x, center, sigma):
    x = np.asarray(x, dtype=float)
    m, s = x.mean(), x.std()
    with np.errstate(over="ignore", divide="ignore", invalid="ignore"):
        spike = np.exp(-0.5 * ((x - center) / sigma) ** 2) / (sigma * np.sqrt(2 * np.pi))
        log_spike = np.log(spike)
    log_wide = -np.log(s) - 0.5 * ((x - m) / s) ** 2 - 0.5 * np.log(2 * np.pi)
    return float(np.sum(np.logaddexp(log_spike, log_wide) + np.log(0.5)))
''',
            kind="edge",
        ),
        WrongAnswer(
            "divides by sigma ** 2, which underflows",
            '''
import numpy as np


def spike_loglik(x, center, sigma):
    x = np.asarray(x, dtype=float)
    m, s = x.mean(), x.std()
    with np.errstate(over="ignore", divide="ignore", invalid="ignore"):
        log_spike = -0.5 * np.log(sigma**2) - (x - center) ** 2 / (2 * sigma**2)
    log_wide = -np.log(s) - (x - m) ** 2 / (2 * s**2)
    terms = np.logaddexp(log_spike, log_wide) + np.log(0.5) - 0.5 * np.log(2 * np.pi)
    return float(np.sum(terms))
''',
            kind="edge",
        ),
        WrongAnswer(
            "clamps sigma at the smallest normal float",
            '''
import numpy as np


def spike_loglik(x, center, sigma):
    x = np.asarray(x, dtype=float)
    m, s = x.mean(), x.std()
    sigma = max(sigma, np.finfo(float).tiny)
    log_spike = -np.log(sigma) - 0.5 * ((x - center) / sigma) ** 2
    log_wide = -np.log(s) - 0.5 * ((x - m) / s) ** 2
    terms = np.logaddexp(log_spike, log_wide) + np.log(0.5) - 0.5 * np.log(2 * np.pi)
    return float(np.sum(terms))
''',
            kind="edge",
        ),
        WrongAnswer(
            "weights the spike by one half and the wide component by one",
            '''
import numpy as np


def spike_loglik(x, center, sigma):
    x = np.asarray(x, dtype=float)
    m, s = x.mean(), x.std()
    with np.errstate(over="ignore"):
        log_spike = np.log(0.5) - np.log(sigma) - 0.5 * ((x - center) / sigma) ** 2
    log_wide = -np.log(s) - 0.5 * ((x - m) / s) ** 2
    return float(np.sum(np.logaddexp(log_spike, log_wide) - 0.5 * np.log(2 * np.pi)))
''',
        ),
        WrongAnswer(
            "forgets the 2 pi of the normalising constant",
            '''
import numpy as np


def spike_loglik(x, center, sigma):
    x = np.asarray(x, dtype=float)
    m, s = x.mean(), x.std()
    with np.errstate(over="ignore"):
        log_spike = -np.log(sigma) - 0.5 * ((x - center) / sigma) ** 2
    log_wide = -np.log(s) - 0.5 * ((x - m) / s) ** 2
    return float(np.sum(np.logaddexp(log_spike, log_wide) + np.log(0.5)))
''',
        ),
        WrongAnswer(
            "keeps the larger component instead of adding them",
            '''
import numpy as np


def spike_loglik(x, center, sigma):
    x = np.asarray(x, dtype=float)
    m, s = x.mean(), x.std()
    with np.errstate(over="ignore"):
        log_spike = -np.log(sigma) - 0.5 * ((x - center) / sigma) ** 2
    log_wide = -np.log(s) - 0.5 * ((x - m) / s) ** 2
    terms = np.maximum(log_spike, log_wide) + np.log(0.5) - 0.5 * np.log(2 * np.pi)
    return float(np.sum(terms))
''',
        ),
        WrongAnswer(
            "lets the spike count only for the observations equal to the centre",
            '''
import numpy as np


def spike_loglik(x, center, sigma):
    x = np.asarray(x, dtype=float)
    m, s = x.mean(), x.std()
    log_spike = np.where(x == center, -np.log(sigma), -np.inf)
    log_wide = -np.log(s) - 0.5 * ((x - m) / s) ** 2
    terms = np.logaddexp(log_spike, log_wide) + np.log(0.5) - 0.5 * np.log(2 * np.pi)
    return float(np.sum(terms))
''',
            kind="cheat",
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
        WrongAnswer(
            "takes the sample variance of the squared deviations, over n",
            '''
import numpy as np


def gaussian_var_sandwich(x):
    x = np.asarray(x, dtype=float)
    sq = (x - x.mean()) ** 2
    return float(np.var(sq, ddof=1) / len(x))
''',
            mistake="n (n - 1) in the denominator",
        ),
        WrongAnswer(
            "returns the standard error",
            '''
import numpy as np


def gaussian_var_sandwich(x):
    x = np.asarray(x, dtype=float)
    sq = (x - x.mean()) ** 2
    return float(np.sqrt(np.sum((sq - sq.mean()) ** 2)) / len(x))
''',
            mistake="a standard error instead of a variance",
        ),
        WrongAnswer(
            "uses n / sigma^4 for the Hessian entry",
            '''
import numpy as np


def gaussian_var_sandwich(x):
    x = np.asarray(x, dtype=float)
    n = len(x)
    e = x - x.mean()
    v = np.mean(e**2)
    meat = np.sum(((e**2 - v) / (2 * v**2)) ** 2)
    return float(meat / (n / v**2) ** 2)
''',
            mistake="the Hessian without its factor 1/2",
        ),
        WrongAnswer(
            "drops the 1/2 of the score of sigma^2",
            '''
import numpy as np


def gaussian_var_sandwich(x):
    x = np.asarray(x, dtype=float)
    n = len(x)
    e = x - x.mean()
    v = np.mean(e**2)
    meat = np.sum(((e**2 - v) / v**2) ** 2)
    return float(meat / (n / (2 * v**2)) ** 2)
''',
            mistake="the score without its factor 1/2",
        ),
        WrongAnswer(
            "builds the fourth central moment from raw moments",
            '''
import numpy as np


def gaussian_var_sandwich(x):
    x = np.asarray(x, dtype=float)
    m1, m2, m3, m4 = (np.mean(x**p) for p in (1, 2, 3, 4))
    v = m2 - m1**2
    c4 = m4 - 4 * m3 * m1 + 6 * m2 * m1**2 - 3 * m1**4
    return float((c4 - v**2) / len(x))
''',
            kind="edge",
        ),
        WrongAnswer(
            "returns the (mu, mu) entry",
            '''
import numpy as np


def gaussian_var_sandwich(x):
    x = np.asarray(x, dtype=float)
    return float(np.sum((x - x.mean()) ** 2) / len(x) ** 2)
''',
        ),
        WrongAnswer(
            "subtracts 3 sigma^4, the Gaussian fourth moment",
            '''
import numpy as np


def gaussian_var_sandwich(x):
    x = np.asarray(x, dtype=float)
    e = x - x.mean()
    v = np.mean(e**2)
    return float((np.mean(e**4) - 3 * v**2) / len(x))
''',
        ),
    ],
    "separation-direction": [
        WrongAnswer(
            "uses the logits X d without the sign of the label",
            '''
import numpy as np


def separation_limit(X, y, d):
    margins = X @ d
    if np.any(margins < 0):
        return -np.inf
    return float(-np.log(2) * np.sum(margins == 0))
''',
            mistake="labels 0 not flipped",
        ),
        WrongAnswer(
            "says 0 whenever no observation is on the wrong side",
            '''
import numpy as np


def separation_limit(X, y, d):
    margins = np.where(y == 1, 1, -1) * (X @ d)
    return 0.0 if np.all(margins >= 0) else -np.inf
''',
            mistake="the boundary counted as separated",
        ),
        WrongAnswer(
            "sends the observations on the boundary to -inf too",
            '''
import numpy as np


def separation_limit(X, y, d):
    margins = np.where(y == 1, 1, -1) * (X @ d)
    return 0.0 if np.all(margins > 0) else -np.inf
''',
            mistake="the boundary counted as the wrong side",
            kind="edge",
        ),
        WrongAnswer(
            "adds log 2 for each observation on the boundary",
            '''
import numpy as np


def separation_limit(X, y, d):
    margins = (2 * y - 1) * (X @ d)
    if (margins < 0).any():
        return -np.inf
    return float(np.log(2) * (margins == 0).sum())
''',
            mistake="log 2 with the wrong sign",
        ),
        WrongAnswer(
            "multiplies the logits by the 0/1 labels",
            '''
import numpy as np


def separation_limit(X, y, d):
    margins = y * (X @ d)
    if np.any(margins < 0):
        return -np.inf
    return float(-np.log(2) * np.sum(margins == 0))
''',
        ),
        WrongAnswer(
            "evaluates the log-likelihood at t = 1e6 instead of taking the limit",
            '''
import numpy as np


def separation_limit(X, y, d):
    z = X @ (1e6 * np.asarray(d, dtype=float))
    return float(np.sum(-y * np.logaddexp(0, -z) - (1 - y) * np.logaddexp(0, z)))
''',
            kind="edge",
        ),
        WrongAnswer(
            "returns the kind of separation as a word",
            '''
import numpy as np


def separation_limit(X, y, d):
    margins = (2 * y - 1) * (X @ d)
    if (margins < 0).any():
        return "none"
    return "complete" if (margins > 0).all() else "quasi-complete"
''',
            kind="type",
        ),
        WrongAnswer(
            "takes the limit with scipy's log_expit at t = 1e300",
            '''
import numpy as np
from scipy.special import log_expit


def separation_limit(X, y, d):
    z = X @ (1e300 * d)
    return float(np.sum(np.where(y == 1, log_expit(z), log_expit(-z))))
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
        '''
import numpy as np


def sandwich_cov(scores, hessian):
    meat = np.einsum("ij,ik->jk", scores, scores)  # sum of s_i s_i^T
    left = np.linalg.lstsq(hessian, meat, rcond=None)[0]  # A^-1 B
    return np.linalg.lstsq(hessian, left.T, rcond=None)[0]  # A^-1 B^T A^-1, B symmetric
''',
        '''
import numpy as np


def sandwich_cov(scores, hessian):
    k = len(hessian)
    total = np.zeros((k, k))
    for s in scores:  # one observation at a time
        v = np.linalg.solve(hessian, s)
        total += np.outer(v, v)
    return total
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
        '''
import numpy as np


def em_step(x, weights, means, sigmas):
    x = np.asarray(x, dtype=float)
    lj = (np.log(weights) - np.log(sigmas)
          - 0.5 * ((x[:, None] - means) / sigmas) ** 2)
    # r_ij = 1 / sum_k exp(l_ik - l_ij): an overflow to inf gives exactly 0
    with np.errstate(over="ignore"):
        resp = 1.0 / np.exp(lj[:, None, :] - lj[:, :, None]).sum(axis=2)
    nk = resp.sum(axis=0)
    mu = resp.T @ x / nk
    sd = np.sqrt(np.einsum("ij,ij->j", resp, (x[:, None] - mu) ** 2) / nk)
    return nk / len(x), mu, sd
''',
        '''
import math

import numpy as np


def em_step(x, weights, means, sigmas):
    k, n = len(weights), len(x)
    resp = np.empty((n, k))
    for i, xi in enumerate(x):
        logs = [math.log(weights[j] / sigmas[j]) - 0.5 * ((xi - means[j]) / sigmas[j]) ** 2
                for j in range(k)]
        top = max(logs)
        shares = [math.exp(value - top) for value in logs]
        resp[i] = np.array(shares) / sum(shares)
    new_w, new_mu, new_sd = np.empty(k), np.empty(k), np.empty(k)
    for j in range(k):
        r = resp[:, j]
        new_w[j] = r.sum() / n
        new_mu[j] = math.fsum(r * x) / r.sum()
        new_sd[j] = math.sqrt(math.fsum(r * (x - new_mu[j]) ** 2) / r.sum())
    return new_w, new_mu, new_sd
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
        '''
import numpy as np


def spike_loglik(x, center, sigma):
    x = np.asarray(x, dtype=float)
    mean = x.mean()
    s = np.sqrt(np.mean((x - mean) ** 2))
    d = np.abs(x - center)
    # d / sigma overflows to inf for a subnormal sigma: that log-density is -inf
    with np.errstate(over="ignore", divide="ignore"):
        z = np.where(d == 0, 0.0, d / sigma)
    a = -np.log(sigma) - 0.5 * z * z
    b = -np.log(s) - 0.5 * ((x - mean) / s) ** 2
    hi, lo = np.maximum(a, b), np.minimum(a, b)
    log_p = hi + np.log1p(np.exp(lo - hi))
    return float(np.sum(log_p) - x.size * np.log(2 * np.sqrt(2 * np.pi)))
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
        '''
import numpy as np


def gaussian_var_sandwich(x):
    x = np.asarray(x, dtype=float)
    e = x - x.mean()
    v = np.mean(e**2)
    return float((np.mean(e**4) - v**2) / len(x))  # (m4 - m2^2) / n
''',
        '''
import numpy as np


def gaussian_var_sandwich(x):
    y = np.asarray(x, dtype=float) - x[0]  # any shift near the data keeps the digits
    sq = (y - y.mean()) ** 2
    return float(np.var(sq) / len(y))
''',
    ],
    "separation-direction": [
        '''
import math


def separation_limit(X, y, d):
    total = 0.0
    for row, label in zip(X, y):
        m = sum(a * b for a, b in zip(row, d))
        if label == 0:
            m = -m
        if m < 0:
            return -math.inf
        if m == 0:
            total -= math.log(2)
    return total
''',
        '''
import numpy as np


def separation_limit(X, y, d):
    s = np.sign((2 * np.asarray(y) - 1) * (np.asarray(X) @ np.asarray(d)))
    return -np.inf if np.any(s < 0) else np.log(0.5) * np.count_nonzero(s == 0)
''',
    ],
}
