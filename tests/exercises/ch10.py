"""Wrong answers for the exercises of Chapter 10, *Large-sample theory: intervals and tests*, and
right answers written differently from the reference solutions (each must pass)."""

from .wrong_answers import WrongAnswer

WRONG_ANSWERS = {
    "intervals-wilson": [
        WrongAnswer(
            "the Wald interval: the variance at the estimate",
            '''
import math

from scipy.stats import norm


def wilson_interval(k, n, alpha=0.05):
    z = norm.ppf(1 - alpha / 2)
    phat = k / n
    half = z * math.sqrt(phat * (1 - phat) / n)
    return (phat - half, phat + half)
''',
            mistake="the Wald interval",
        ),
        WrongAnswer(
            "takes the normal quantile at 1 - alpha",
            '''
import math

from scipy.stats import norm


def wilson_interval(k, n, alpha=0.05):
    z = norm.ppf(1 - alpha)
    centre = (k + z**2 / 2) / (n + z**2)
    half = z * math.sqrt(k * (n - k) / n + z**2 / 4) / (n + z**2)
    return (max(centre - half, 0.0), min(centre + half, 1.0))
''',
            mistake="a one-sided quantile",
        ),
        WrongAnswer(
            "hard-codes 1.96",
            '''
import math


def wilson_interval(k, n, alpha=0.05):
    z = 1.96
    centre = (k + z**2 / 2) / (n + z**2)
    half = z * math.sqrt(k * (n - k) / n + z**2 / 4) / (n + z**2)
    return (max(centre - half, 0.0), min(centre + half, 1.0))
''',
            mistake="alpha ignored (z = 1.96 always)",
        ),
        WrongAnswer(
            "a shortcut that returns the point (0, 0) when there are no successes",
            '''
import math

from scipy.stats import norm


def wilson_interval(k, n, alpha=0.05):
    if k == 0:
        return (0.0, 0.0)
    z = norm.ppf(1 - alpha / 2)
    centre = (k + z**2 / 2) / (n + z**2)
    half = z * math.sqrt(k * (n - k) / n + z**2 / 4) / (n + z**2)
    return (max(centre - half, 0.0), min(centre + half, 1.0))
''',
            kind="edge",
        ),
        WrongAnswer(
            "returns a numpy array instead of a tuple",
            '''
import numpy as np
from scipy.stats import norm


def wilson_interval(k, n, alpha=0.05):
    z = norm.ppf(1 - alpha / 2)
    centre = (k + z**2 / 2) / (n + z**2)
    half = z * np.sqrt(k * (n - k) / n + z**2 / 4) / (n + z**2)
    return np.clip([centre - half, centre + half], 0, 1)
''',
            kind="type",
        ),
        WrongAnswer(
            "calls statsmodels",
            '''
from statsmodels.stats.proportion import proportion_confint


def wilson_interval(k, n, alpha=0.05):
    low, high = proportion_confint(k, n, alpha=alpha, method="wilson")
    return (float(low), float(high))
''',
            kind="rule",
        ),
        WrongAnswer(
            "inverts the score test numerically instead of solving the quadratic",
            '''
import math

from scipy.optimize import brentq
from scipy.stats import norm


def wilson_interval(k, n, alpha=0.05):
    z = norm.ppf(1 - alpha / 2)
    phat = k / n

    def excess(p):
        return (phat - p) ** 2 * n / (p * (1 - p)) - z**2

    low = 0.0 if k == 0 else brentq(excess, 1e-12, phat)
    high = 1.0 if k == n else brentq(excess, phat, 1 - 1e-12)
    return (low, high)
''',
            kind="rule",
        ),
    ],
    "intervals-lr": [
        WrongAnswer(
            "lets the log-likelihood drop by the full chi-square quantile",
            '''
from scipy.optimize import brentq
from scipy.special import xlog1py, xlogy
from scipy.stats import chi2


def lr_interval(k, n, alpha=0.05):
    cut = chi2.ppf(1 - alpha, 1)
    phat = k / n

    def excess(p):
        top = xlogy(k, phat) + xlog1py(n - k, -phat)
        return top - xlogy(k, p) - xlog1py(n - k, -p) - cut

    low = 0.0 if k == 0 else brentq(excess, 1e-300, phat, xtol=1e-300, rtol=1e-15)
    high = 1.0 if k == n else brentq(excess, phat, 1.0, xtol=1e-300, rtol=1e-15)
    return (low, high)
''',
            mistake="the full chi-square quantile as the drop",
        ),
        WrongAnswer(
            "splits alpha between two tails of the chi-square",
            '''
from scipy.optimize import brentq
from scipy.special import xlog1py, xlogy
from scipy.stats import chi2


def lr_interval(k, n, alpha=0.05):
    cut = chi2.ppf(1 - alpha / 2, 1) / 2
    phat = k / n

    def excess(p):
        top = xlogy(k, phat) + xlog1py(n - k, -phat)
        return top - xlogy(k, p) - xlog1py(n - k, -p) - cut

    low = 0.0 if k == 0 else brentq(excess, 1e-300, phat, xtol=1e-300, rtol=1e-15)
    high = 1.0 if k == n else brentq(excess, phat, 1.0, xtol=1e-300, rtol=1e-15)
    return (low, high)
''',
            mistake="alpha/2 in the chi-square quantile",
        ),
        WrongAnswer(
            "brackets the lower root on (0, k/n) even when k = 0",
            '''
import numpy as np
from scipy.optimize import brentq
from scipy.stats import chi2


def lr_interval(k, n, alpha=0.05):
    cut = chi2.ppf(1 - alpha, 1) / 2
    phat = min(max(k / n, 1e-12), 1 - 1e-12)

    def loglik(p):
        return k * np.log(p) + (n - k) * np.log(1 - p)

    def excess(p):
        return loglik(phat) - loglik(p) - cut

    low = brentq(excess, 1e-15, phat, xtol=1e-300, rtol=1e-15)
    high = brentq(excess, phat, 1 - 1e-15, xtol=1e-300, rtol=1e-15)
    return (float(low), float(high))
''',
            kind="edge",
        ),
        WrongAnswer(
            "searches a grid of 2001 values of p",
            '''
import numpy as np
from scipy.special import xlog1py, xlogy
from scipy.stats import chi2


def lr_interval(k, n, alpha=0.05):
    cut = chi2.ppf(1 - alpha, 1) / 2
    grid = np.linspace(0, 1, 2001)
    loglik = xlogy(k, grid) + xlog1py(n - k, -grid)
    inside = grid[loglik >= loglik.max() - cut]
    return (float(inside.min()), float(inside.max()))
''',
        ),
        WrongAnswer(
            "returns the Wald interval",
            '''
import math

from scipy.stats import norm


def lr_interval(k, n, alpha=0.05):
    z = norm.ppf(1 - alpha / 2)
    phat = k / n
    half = z * math.sqrt(phat * (1 - phat) / n)
    return (max(phat - half, 0.0), min(phat + half, 1.0))
''',
        ),
        WrongAnswer(
            "returns a list",
            '''
from scipy.optimize import brentq
from scipy.special import xlog1py, xlogy
from scipy.stats import chi2


def lr_interval(k, n, alpha=0.05):
    cut = chi2.ppf(1 - alpha, 1) / 2
    phat = k / n

    def excess(p):
        top = xlogy(k, phat) + xlog1py(n - k, -phat)
        return top - xlogy(k, p) - xlog1py(n - k, -p) - cut

    low = 0.0 if k == 0 else brentq(excess, 1e-300, phat, xtol=1e-300, rtol=1e-15)
    high = 1.0 if k == n else brentq(excess, phat, 1.0, xtol=1e-300, rtol=1e-15)
    return [low, high]
''',
            kind="type",
        ),
        WrongAnswer(
            "calls the course's own interval",
            '''
import mlcourse


def lr_interval(k, n, alpha=0.05):
    return mlcourse.proportion_interval(k, n, alpha=alpha, method="lr")
''',
            kind="rule",
        ),
    ],
    "intervals-exact-coverage": [
        WrongAnswer(
            "strict inequalities",
            '''
import numpy as np
from scipy.stats import binom


def exact_coverage(lows, highs, p):
    n = len(lows) - 1
    k = np.arange(n + 1)
    covered = (np.asarray(lows) < p) & (p < np.asarray(highs))
    return float(binom.pmf(k, n, p)[covered].sum())
''',
            mistake="ends excluded",
            kind="edge",
        ),
        WrongAnswer(
            "takes n to be the number of intervals",
            '''
import numpy as np
from scipy.stats import binom


def exact_coverage(lows, highs, p):
    n = len(lows)
    covered = (np.asarray(lows) <= p) & (p <= np.asarray(highs))
    return float(binom.pmf(np.arange(n), n, p)[covered].sum())
''',
            mistake="n taken as the number of intervals",
        ),
        WrongAnswer(
            "counts the intervals that cover p without weighting them",
            '''
import numpy as np


def exact_coverage(lows, highs, p):
    covered = (np.asarray(lows) <= p) & (p <= np.asarray(highs))
    return covered.sum() / len(covered)
''',
            mistake="the share of intervals that cover p",
        ),
        WrongAnswer(
            "binomial coefficients as floats (they overflow for n in the thousands)",
            '''
import math


def exact_coverage(lows, highs, p):
    n = len(lows) - 1
    total = 0.0
    for k in range(n + 1):
        if lows[k] <= p <= highs[k]:
            total += float(math.comb(n, k)) * p**k * (1 - p) ** (n - k)
    return total
''',
            kind="edge",
        ),
        WrongAnswer(
            "simulates 20000 counts instead of summing",
            '''
import numpy as np


def exact_coverage(lows, highs, p):
    n = len(lows) - 1
    k = np.random.default_rng(0).binomial(n, p, size=20000)
    return float(np.mean((np.asarray(lows)[k] <= p) & (p <= np.asarray(highs)[k])))
''',
        ),
        WrongAnswer(
            "returns the covered probabilities without adding them up",
            '''
import numpy as np
from scipy.stats import binom


def exact_coverage(lows, highs, p):
    n = len(lows) - 1
    covered = (np.asarray(lows) <= p) & (p <= np.asarray(highs))
    return np.where(covered, binom.pmf(np.arange(n + 1), n, p), 0.0)
''',
            kind="type",
        ),
        WrongAnswer(
            "calls the course's coverage on recognised intervals",
            '''
import mlcourse


def exact_coverage(lows, highs, p):
    n = len(lows) - 1
    return mlcourse.proportion_coverage(n, p, method="wilson")
''',
            kind="rule",
        ),
    ],
    "intervals-three-tests": [
        WrongAnswer(
            "the variance at the hypothesis for Wald and at the estimate for the score",
            '''
import math


def three_tests(k, n, p0):
    phat = k / n
    gap = (phat - p0) ** 2
    wald = gap / (p0 * (1 - p0) / n)
    score = gap / (phat * (1 - phat) / n) if 0 < k < n else math.inf
    lr = 0.0
    if k > 0:
        lr += k * math.log(phat / p0)
    if k < n:
        lr += (n - k) * math.log((1 - phat) / (1 - p0))
    return (wald, score, 2 * lr)
''',
            mistake="Wald and score swapped",
        ),
        WrongAnswer(
            "forgets the factor 2 of the likelihood-ratio statistic",
            '''
import math


def three_tests(k, n, p0):
    phat = k / n
    gap = (phat - p0) ** 2
    wald = gap / (phat * (1 - phat) / n) if 0 < k < n else math.inf
    score = gap / (p0 * (1 - p0) / n)
    lr = 0.0
    if k > 0:
        lr += k * math.log(phat / p0)
    if k < n:
        lr += (n - k) * math.log((1 - phat) / (1 - p0))
    return (wald, score, lr)
''',
            mistake="the likelihood-ratio statistic without its factor 2",
        ),
        WrongAnswer(
            "returns signed z statistics",
            '''
import math


def three_tests(k, n, p0):
    phat = k / n
    wald = (phat - p0) / math.sqrt(phat * (1 - phat) / n) if 0 < k < n else math.copysign(
        math.inf, phat - p0)
    score = (phat - p0) / math.sqrt(p0 * (1 - p0) / n)
    lr = 0.0
    if k > 0:
        lr += k * math.log(phat / p0)
    if k < n:
        lr += (n - k) * math.log((1 - phat) / (1 - p0))
    return (wald, score, 2 * lr)
''',
            mistake="z statistics instead of their squares",
        ),
        WrongAnswer(
            "computes 0 log 0 as nan at k = 0",
            '''
import numpy as np


def three_tests(k, n, p0):
    phat = k / n
    gap = (phat - p0) ** 2
    with np.errstate(divide="ignore", invalid="ignore"):
        wald = gap / (phat * (1 - phat) / n)
        score = gap / (p0 * (1 - p0) / n)
        lr = 2 * (k * np.log(phat / p0) + (n - k) * np.log((1 - phat) / (1 - p0)))
    return (float(wald), float(score), float(lr))
''',
            kind="edge",
        ),
        WrongAnswer(
            "adds a small number to the Wald variance to avoid dividing by 0",
            '''
import math


def three_tests(k, n, p0):
    phat = k / n
    gap = (phat - p0) ** 2
    wald = gap / (phat * (1 - phat) / n + 1e-12)
    score = gap / (p0 * (1 - p0) / n)
    lr = 0.0
    if k > 0:
        lr += k * math.log(phat / p0)
    if k < n:
        lr += (n - k) * math.log((1 - phat) / (1 - p0))
    return (wald, score, 2 * lr)
''',
            kind="edge",
        ),
        WrongAnswer(
            "returns a list",
            '''
import math


def three_tests(k, n, p0):
    phat = k / n
    gap = (phat - p0) ** 2
    wald = gap / (phat * (1 - phat) / n) if 0 < k < n else math.inf
    score = gap / (p0 * (1 - p0) / n)
    lr = 0.0
    if k > 0:
        lr += k * math.log(phat / p0)
    if k < n:
        lr += (n - k) * math.log((1 - phat) / (1 - p0))
    return [wald, score, 2 * lr]
''',
            kind="type",
        ),
        WrongAnswer(
            "uses scipy for 0 log 0",
            '''
import math

from scipy.special import xlog1py, xlogy


def three_tests(k, n, p0):
    phat = k / n
    gap = (phat - p0) ** 2
    wald = gap / (phat * (1 - phat) / n) if 0 < k < n else math.inf
    score = gap / (p0 * (1 - p0) / n)
    lr = 2 * (xlogy(k, phat) - xlogy(k, p0) + xlog1py(n - k, -phat) - xlog1py(n - k, -p0))
    return (wald, score, float(lr))
''',
            kind="rule",
        ),
    ],
    "intervals-fisher-information": [
        WrongAnswer(
            "squares the mean score",
            '''
import torch


def fisher_information_mc(logpdf, theta, sample):
    x = torch.as_tensor(sample, dtype=torch.float64)
    point = torch.full(x.shape, float(theta), dtype=torch.float64, requires_grad=True)
    (score,) = torch.autograd.grad(logpdf(x, point).sum(), point, create_graph=True)
    (second,) = torch.autograd.grad(score.sum(), point)
    return (float(score.detach().mean() ** 2), float(-second.mean()))
''',
            mistake="the square of the mean score",
        ),
        WrongAnswer(
            "keeps the sign of the second derivative",
            '''
import torch


def fisher_information_mc(logpdf, theta, sample):
    x = torch.as_tensor(sample, dtype=torch.float64)
    point = torch.full(x.shape, float(theta), dtype=torch.float64, requires_grad=True)
    (score,) = torch.autograd.grad(logpdf(x, point).sum(), point, create_graph=True)
    (second,) = torch.autograd.grad(score.sum(), point)
    return (float((score.detach() ** 2).mean()), float(second.mean()))
''',
            mistake="the second derivative without its minus sign",
        ),
        WrongAnswer(
            "differentiates the log-likelihood of the whole sample",
            '''
import torch


def fisher_information_mc(logpdf, theta, sample):
    x = torch.as_tensor(sample, dtype=torch.float64)
    point = torch.full(x.shape, float(theta), dtype=torch.float64, requires_grad=True)
    (score,) = torch.autograd.grad(logpdf(x, point).sum(), point, create_graph=True)
    (second,) = torch.autograd.grad(score.sum(), point)
    return (float((score.detach() ** 2).sum()), float(-second.sum()))
''',
            mistake="sums instead of means",
        ),
        WrongAnswer(
            "central finite differences instead of exact derivatives",
            '''
import numpy as np
import torch


def fisher_information_mc(logpdf, theta, sample):
    x = torch.as_tensor(sample, dtype=torch.float64)
    h = 1e-4

    def f(value):
        return logpdf(x, torch.tensor(value, dtype=torch.float64)).numpy()

    score = (f(theta + h) - f(theta - h)) / (2 * h)
    second = (f(theta + h) - 2 * f(theta) + f(theta - h)) / h**2
    return (float(np.mean(score**2)), float(-np.mean(second)))
''',
        ),
        WrongAnswer(
            "the sample variance of the score (ddof=1), undefined for one observation",
            '''
import numpy as np
import torch


def fisher_information_mc(logpdf, theta, sample):
    x = torch.as_tensor(sample, dtype=torch.float64)
    point = torch.full(x.shape, float(theta), dtype=torch.float64, requires_grad=True)
    (score,) = torch.autograd.grad(logpdf(x, point).sum(), point, create_graph=True)
    (second,) = torch.autograd.grad(score.sum(), point)
    return (float(np.var(score.detach().numpy(), ddof=1)), float(-second.mean()))
''',
        ),
        WrongAnswer(
            "returns a tensor of the two estimates",
            '''
import torch


def fisher_information_mc(logpdf, theta, sample):
    x = torch.as_tensor(sample, dtype=torch.float64)
    point = torch.full(x.shape, float(theta), dtype=torch.float64, requires_grad=True)
    (score,) = torch.autograd.grad(logpdf(x, point).sum(), point, create_graph=True)
    (second,) = torch.autograd.grad(score.sum(), point)
    return torch.stack([(score.detach() ** 2).mean(), -second.mean()])
''',
            kind="type",
        ),
        WrongAnswer(
            "differentiates numerically with numpy.gradient",
            '''
import numpy as np
import torch


def fisher_information_mc(logpdf, theta, sample):
    x = torch.as_tensor(sample, dtype=torch.float64)
    grid = theta + np.linspace(-1e-3, 1e-3, 5)
    values = np.array([logpdf(x, torch.tensor(g)).numpy() for g in grid])
    score = np.gradient(values, grid, axis=0)[2]
    second = np.gradient(np.gradient(values, grid, axis=0), grid, axis=0)[2]
    return (float(np.mean(score**2)), float(-np.mean(second)))
''',
            kind="rule",
        ),
    ],
}

RIGHT_ANSWERS = {
    "intervals-wilson": [
        '''
import math
from statistics import NormalDist


def wilson_interval(k, n, alpha=0.05):
    z = NormalDist().inv_cdf(1 - alpha / 2)
    phat = k / n
    shrink = 1 + z * z / n
    centre = (phat + z * z / (2 * n)) / shrink
    half = z / shrink * math.sqrt(phat * (1 - phat) / n + z * z / (4 * n * n))
    return (max(0.0, centre - half), min(1.0, centre + half))
''',
        '''
import numpy as np
from scipy import stats


def wilson_interval(k, n, alpha=0.05):
    # The roots of (n + z^2) p^2 - (2k + z^2) p + k^2 / n = 0, with the smaller one from
    # the product of the roots (no cancellation).
    z2 = stats.norm.isf(alpha / 2) ** 2
    a, b, c = n + z2, -(2 * k + z2), k * k / n
    big = (-b + np.sqrt(b * b - 4 * a * c)) / (2 * a)
    small = c / (a * big)
    return (float(np.clip(small, 0, 1)), float(np.clip(big, 0, 1)))
''',
    ],
    "intervals-lr": [
        '''
import math

from scipy.stats import chi2


def lr_interval(k, n, alpha=0.05):
    cut = chi2.isf(alpha, 1) / 2

    def loglik(p):
        out = 0.0
        if k:
            out += k * math.log(p)
        if n - k:
            out += (n - k) * math.log1p(-p)
        return out

    top = loglik(k / n)

    def bisect(inside, outside):
        for _ in range(200):
            middle = (inside + outside) / 2
            if middle in (inside, outside):
                break
            if top - loglik(middle) > cut:
                outside = middle
            else:
                inside = middle
        return (inside + outside) / 2

    low = 0.0 if k == 0 else bisect(k / n, 0.0)
    high = 1.0 if k == n else bisect(k / n, 1.0)
    return (low, high)
''',
        '''
import numpy as np
from scipy import optimize, special, stats


def lr_interval(k, n, alpha=0.05):
    # Search on the logit scale, where the whole real line is available.
    cut = stats.chi2.ppf(1 - alpha, 1) / 2
    phat = k / n

    def excess(eta):
        p = special.expit(eta)
        q = special.expit(-eta)
        drop = special.xlogy(k, phat / p) + special.xlogy(n - k, (1 - phat) / q)
        return drop - cut

    centre = special.logit(phat) if 0 < k < n else (-700.0 if k == 0 else 700.0)
    if k == 0:
        low = 0.0
    else:
        low = special.expit(optimize.brentq(excess, -750, centre, xtol=1e-13, rtol=1e-15))
    if k == n:
        high = 1.0
    else:
        high = special.expit(optimize.brentq(excess, centre, 750, xtol=1e-13, rtol=1e-15))
    return (float(np.float64(low)), float(np.float64(high)))
''',
    ],
    "intervals-exact-coverage": [
        '''
import math


def exact_coverage(lows, highs, p):
    n = len(lows) - 1
    total = 0.0
    for k in range(n + 1):
        if not lows[k] <= p <= highs[k]:
            continue
        if p in (0.0, 1.0):
            total += 1.0 if k == (0 if p == 0.0 else n) else 0.0
            continue
        log_pmf = (math.lgamma(n + 1) - math.lgamma(k + 1) - math.lgamma(n - k + 1)
                   + k * math.log(p) + (n - k) * math.log1p(-p))
        total += math.exp(log_pmf)
    return total
''',
        '''
import numpy as np
from scipy import stats


def exact_coverage(lows, highs, p):
    counts = np.arange(len(lows))
    weights = stats.binom(len(lows) - 1, p).pmf(counts)
    inside = np.logical_and(np.greater_equal(p, lows), np.less_equal(p, highs))
    return float(weights @ inside)
''',
    ],
    "intervals-three-tests": [
        '''
import numpy as np


def three_tests(k, n, p0):
    phat = k / n
    variance_hat = phat * (1 - phat) / n
    wald = np.inf if variance_hat == 0 else (phat - p0) ** 2 / variance_hat
    score = (phat - p0) ** 2 * n / (p0 * (1 - p0))
    successes = k * np.log(phat / p0) if k else 0.0
    failures = (n - k) * np.log((1 - phat) / (1 - p0)) if n - k else 0.0
    return (float(wald), float(score), float(2 * (successes + failures)))
''',
        '''
import math


def three_tests(k, n, p0):
    def loglik(p):
        return sum(c * math.log(q) for c, q in ((k, p), (n - k, 1 - p)) if c)

    phat = k / n
    z2 = n * (phat - p0) ** 2
    wald = z2 / (phat * (1 - phat)) if 0 < k < n else float("inf")
    return (wald, z2 / (p0 * (1 - p0)), 2 * (loglik(phat) - loglik(p0)))
''',
    ],
    "intervals-fisher-information": [
        # torch.func, which creates torch's compile cache in the temporary folder on first
        # use: the check's write guard must let the library do that.
        '''
import numpy as np
import torch
from torch.func import grad, vmap


def fisher_information_mc(logpdf, theta, sample):
    x = torch.as_tensor(np.asarray(sample, dtype=float))
    at = torch.tensor(float(theta), dtype=torch.float64)

    def one(t, xi):
        return logpdf(xi, t)

    scores = vmap(grad(one), in_dims=(None, 0))(at, x)
    curvatures = vmap(grad(grad(one)), in_dims=(None, 0))(at, x)
    return float((scores ** 2).mean()), float(-curvatures.mean())
''',
        '''
import torch
from torch.autograd.functional import hessian, jacobian


def fisher_information_mc(logpdf, theta, sample):
    x = torch.as_tensor(sample).double()
    copies = torch.full_like(x, theta)

    def total(t):
        return logpdf(x, t).sum()

    # Copy i of theta enters observation i only, so the Hessian of the total is diagonal.
    score = jacobian(total, copies)
    curvature = torch.diagonal(hessian(total, copies))
    return ((score**2).mean().item(), (-curvature).mean().item())
''',
        '''
import torch


def fisher_information_mc(logpdf, theta, sample):
    scores, seconds = [], []
    for value in sample:
        th = torch.tensor(float(theta), dtype=torch.float64, requires_grad=True)
        term = logpdf(torch.tensor(float(value), dtype=torch.float64), th)
        (g,) = torch.autograd.grad(term, th, create_graph=True)
        (h,) = torch.autograd.grad(g, th)
        scores.append(g.item())
        seconds.append(h.item())
    n = len(scores)
    return (sum(s * s for s in scores) / n, -sum(seconds) / n)
''',
    ],
}
