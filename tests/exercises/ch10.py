"""Wrong answers for the exercises of Chapter 10, *Large-sample theory: intervals and tests*, and
right answers written differently from the reference solutions (each must pass)."""

from .wrong_answers import WrongAnswer

WRONG_ANSWERS = {
    "intervals-wilson": [
        WrongAnswer(
            "z instead of z squared in the centre",
            '''
import math
from scipy.stats import norm


def wilson_interval(k, n, alpha=0.05):
    z = norm.ppf(1 - alpha / 2)
    centre = (k + z / 2) / (n + z)
    half = z * math.sqrt(k * (n - k) / n + z**2 / 4) / (n + z**2)
    return (max(centre - half, 0.0), min(centre + half, 1.0))
''',
        ),
        WrongAnswer(
            "the half-width without its z^2/4 term",
            '''
import math
from scipy.stats import norm


def wilson_interval(k, n, alpha=0.05):
    z = norm.ppf(1 - alpha / 2)
    centre = (k + z**2 / 2) / (n + z**2)
    half = z * math.sqrt(k * (n - k) / n) / (n + z**2)
    return (max(centre - half, 0.0), min(centre + half, 1.0))
''',
        ),
        WrongAnswer(
            "the Agresti-Coull interval (Wilson's centre, a Wald-like width)",
            '''
import math
from scipy.stats import norm


def wilson_interval(k, n, alpha=0.05):
    z = norm.ppf(1 - alpha / 2)
    nt = n + z**2
    pt = (k + z**2 / 2) / nt
    half = z * math.sqrt(pt * (1 - pt) / nt)
    return (max(pt - half, 0.0), min(pt + half, 1.0))
''',
        ),
        WrongAnswer(
            "Wilson's interval with a continuity correction",
            '''
import math
from scipy.stats import norm


def wilson_interval(k, n, alpha=0.05):
    z = norm.ppf(1 - alpha / 2)
    p = k / n
    lo = (2*n*p + z*z - 1 - z*math.sqrt(max(z*z - 2 - 1/n + 4*p*(n*(1-p)+1), 0))) / (2*(n+z*z))
    hi = (2*n*p + z*z + 1 + z*math.sqrt(max(z*z + 2 - 1/n + 4*p*(n*(1-p)-1), 0))) / (2*(n+z*z))
    return (max(lo, 0.0) if k else 0.0, min(hi, 1.0) if k < n else 1.0)
''',
        ),
        WrongAnswer(
            "hard-codes 1.96 at the default level only",
            '''
import math
from scipy.stats import norm


def wilson_interval(k, n, alpha=0.05):
    z = 1.96 if alpha == 0.05 else norm.ppf(1 - alpha / 2)
    centre = (k + z**2 / 2) / (n + z**2)
    half = z * math.sqrt(k * (n - k) / n + z**2 / 4) / (n + z**2)
    return (max(centre - half, 0.0), min(centre + half, 1.0))
''',
            mistake="alpha ignored (z = 1.96 always)",
            kind="cheat",
        ),
        WrongAnswer(
            "finds the roots of the quadratic with numpy.roots",
            '''
import numpy as np
from scipy.stats import norm


def wilson_interval(k, n, alpha=0.05):
    z2 = norm.ppf(1 - alpha / 2) ** 2
    r = np.sort(np.roots([n + z2, -(2 * k + z2), k * k / n]).real)
    return (float(max(r[0], 0.0)), float(min(r[-1], 1.0)))
''',
            kind="rule",
        ),
        WrongAnswer(
            "the quantile at alpha/2, which is negative: the ends come out swapped",
            '''
import math
from scipy.stats import norm


def wilson_interval(k, n, alpha=0.05):
    z = norm.ppf(alpha / 2)
    centre = (k + z**2 / 2) / (n + z**2)
    half = z * math.sqrt(k * (n - k) / n + z**2 / 4) / (n + z**2)
    return (max(centre - half, 0.0), min(centre + half, 1.0))
''',
        ),
        WrongAnswer(
            "n - 1 in the variance",
            '''
import math
from scipy.stats import norm


def wilson_interval(k, n, alpha=0.05):
    z = norm.ppf(1 - alpha / 2)
    m = n - 1 if n > 1 else 1
    centre = (k + z**2 / 2) / (n + z**2)
    half = z * math.sqrt(k * (n - k) / m + z**2 / 4) / (n + z**2)
    return (max(centre - half, 0.0), min(centre + half, 1.0))
''',
        ),
        WrongAnswer(
            "the confidence level used as alpha",
            '''
import math
from scipy.stats import norm


def wilson_interval(k, n, alpha=0.05):
    z = norm.ppf(1 - (1 - alpha) / 2)
    centre = (k + z**2 / 2) / (n + z**2)
    half = z * math.sqrt(k * (n - k) / n + z**2 / 4) / (n + z**2)
    return (max(centre - half, 0.0), min(centre + half, 1.0))
''',
        ),
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
            "brentq with its default tolerances, which are absolute",
            '''
from scipy.optimize import brentq
from scipy.special import xlog1py, xlogy
from scipy.stats import chi2


def lr_interval(k, n, alpha=0.05):
    cut = chi2.ppf(1 - alpha, 1) / 2
    phat = k / n
    def ll(p): return xlogy(k, p) + xlog1py(n - k, -p)
    def f(p): return ll(phat) - ll(p) - cut
    low = 0.0 if k == 0 else brentq(f, 1e-300, phat)
    high = 1.0 if k == n else brentq(f, phat, 1.0)
    return (float(low), float(high))
''',
            kind="edge",
        ),
        WrongAnswer(
            "the likelihood itself, not its log (0 in floats for thousands of trials)",
            '''
from scipy.optimize import brentq
from scipy.stats import chi2
import math


def lr_interval(k, n, alpha=0.05):
    cut = math.exp(-chi2.ppf(1 - alpha, 1) / 2)
    phat = k / n
    def L(p): return p**k * (1 - p) ** (n - k)
    def f(p): return L(p) / L(phat) - cut
    low = 0.0 if k == 0 else brentq(f, 1e-300, phat, xtol=1e-300, rtol=1e-15)
    high = 1.0 if k == n else brentq(f, phat, 1.0, xtol=1e-300, rtol=1e-15)
    return (float(low), float(high))
''',
            kind="edge",
        ),
        WrongAnswer(
            "the chi-square quantile with 2 degrees of freedom",
            '''
from scipy.optimize import brentq
from scipy.special import xlog1py, xlogy
from scipy.stats import chi2


def lr_interval(k, n, alpha=0.05):
    cut = chi2.ppf(1 - alpha, 2) / 2
    phat = k / n
    def ll(p): return xlogy(k, p) + xlog1py(n - k, -p)
    def f(p): return ll(phat) - ll(p) - cut
    low = 0.0 if k == 0 else brentq(f, 1e-300, phat, xtol=1e-300, rtol=1e-15)
    high = 1.0 if k == n else brentq(f, phat, 1.0, xtol=1e-300, rtol=1e-15)
    return (float(low), float(high))
''',
        ),
        WrongAnswer(
            "half the normal quantile, not half its square, as the drop",
            '''
from scipy.optimize import brentq
from scipy.special import xlog1py, xlogy
from scipy.stats import norm


def lr_interval(k, n, alpha=0.05):
    cut = norm.ppf(1 - alpha / 2) / 2
    phat = k / n
    def ll(p): return xlogy(k, p) + xlog1py(n - k, -p)
    def f(p): return ll(phat) - ll(p) - cut
    low = 0.0 if k == 0 else brentq(f, 1e-300, phat, xtol=1e-300, rtol=1e-15)
    high = 1.0 if k == n else brentq(f, phat, 1.0, xtol=1e-300, rtol=1e-15)
    return (float(low), float(high))
''',
        ),
        WrongAnswer(
            "hard-codes the drop 1.92 at the default level",
            '''
from scipy.optimize import brentq
from scipy.special import xlog1py, xlogy
from scipy.stats import chi2


def lr_interval(k, n, alpha=0.05):
    cut = 1.92 if alpha == 0.05 else chi2.ppf(1 - alpha, 1) / 2
    phat = k / n
    def ll(p): return xlogy(k, p) + xlog1py(n - k, -p)
    def f(p): return ll(phat) - ll(p) - cut
    low = 0.0 if k == 0 else brentq(f, 1e-300, phat, xtol=1e-300, rtol=1e-15)
    high = 1.0 if k == n else brentq(f, phat, 1.0, xtol=1e-300, rtol=1e-15)
    return (float(low), float(high))
''',
            kind="cheat",
        ),
        WrongAnswer(
            "40 halvings of the bracket: an absolute precision of 1e-12",
            '''
import math
from scipy.stats import chi2


def lr_interval(k, n, alpha=0.05):
    cut = chi2.ppf(1 - alpha, 1) / 2
    def ll(p):
        return (k * math.log(p) if k else 0.0) + ((n - k) * math.log1p(-p) if n - k else 0.0)
    phat = k / n; top = ll(phat)
    def bis(a, b):
        for _ in range(40):
            m = (a + b) / 2
            if top - ll(m) > cut: b = m
            else: a = m
        return (a + b) / 2
    return (0.0 if k == 0 else bis(phat, 0.0), 1.0 if k == n else bis(phat, 1.0))
''',
            kind="edge",
        ),
        WrongAnswer(
            "starts the lower bracket at 1e-8",
            '''
from scipy.optimize import brentq
from scipy.special import xlog1py, xlogy
from scipy.stats import chi2


def lr_interval(k, n, alpha=0.05):
    cut = chi2.ppf(1 - alpha, 1) / 2
    phat = k / n
    def ll(p): return xlogy(k, p) + xlog1py(n - k, -p)
    def f(p): return ll(phat) - ll(p) - cut
    low = 0.0 if k == 0 else brentq(f, min(1e-8, phat / 2), phat, xtol=1e-300, rtol=1e-15)
    high = 1.0 if k == n else brentq(f, phat, 1 - 1e-12, xtol=1e-300, rtol=1e-15)
    return (float(low), float(high))
''',
            kind="edge",
        ),
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
            "p and 1 - p swapped in the binomial probabilities",
            '''
import numpy as np
from scipy.stats import binom


def exact_coverage(lows, highs, p):
    n = len(lows) - 1
    k = np.arange(n + 1)
    c = (np.asarray(lows) <= p) & (p <= np.asarray(highs))
    return float(binom.pmf(k, n, 1 - p)[c].sum())
''',
        ),
        WrongAnswer(
            "the log-probabilities by hand, 0 log 0 = nan at p = 0 and p = 1",
            '''
import numpy as np
from scipy.special import gammaln


def exact_coverage(lows, highs, p):
    n = len(lows) - 1
    k = np.arange(n + 1)
    with np.errstate(divide="ignore", invalid="ignore"):
        logpmf = (gammaln(n + 1) - gammaln(k + 1) - gammaln(n - k + 1)
                  + k * np.log(p) + (n - k) * np.log(1 - p))
    c = (np.asarray(lows) <= p) & (p <= np.asarray(highs))
    return float(np.exp(logpmf[c]).sum())
''',
            kind="edge",
        ),
        WrongAnswer(
            "half-open intervals that exclude their upper end",
            '''
import numpy as np
from scipy.stats import binom


def exact_coverage(lows, highs, p):
    n = len(lows) - 1
    k = np.arange(n + 1)
    c = (np.asarray(lows) <= p) & (p < np.asarray(highs))
    return float(binom.pmf(k, n, p)[c].sum())
''',
            kind="edge",
        ),
        WrongAnswer(
            "the probabilities rounded to float32",
            '''
import numpy as np
from scipy.stats import binom


def exact_coverage(lows, highs, p):
    n = len(lows) - 1
    c = (np.asarray(lows) <= p) & (p <= np.asarray(highs))
    return float(binom.pmf(np.arange(n + 1), n, p).astype(np.float32)[c].sum())
''',
            kind="edge",
        ),
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
            "the score variance divided by n - 1",
            '''
import math


def three_tests(k, n, p0):
    phat = k / n
    gap = (phat - p0) ** 2
    wald = gap / (phat * (1 - phat) / n) if 0 < k < n else math.inf
    score = gap / (p0 * (1 - p0) / (n - 1))
    lr = k * math.log(phat / p0) if k else 0.0
    lr += (n - k) * math.log((1 - phat) / (1 - p0)) if k < n else 0.0
    return (wald, score, 2 * lr)
''',
        ),
        WrongAnswer(
            "the Wald variance divided by n - 1 (the unbiased variance)",
            '''
import math


def three_tests(k, n, p0):
    phat = k / n
    gap = (phat - p0) ** 2
    wald = gap / (phat * (1 - phat) / (n - 1)) if 0 < k < n else math.inf
    score = gap / (p0 * (1 - p0) / n)
    lr = k * math.log(phat / p0) if k else 0.0
    lr += (n - k) * math.log((1 - phat) / (1 - p0)) if k < n else 0.0
    return (wald, score, 2 * lr)
''',
        ),
        WrongAnswer(
            "the likelihood ratio without the failures' term",
            '''
import math


def three_tests(k, n, p0):
    phat = k / n
    gap = (phat - p0) ** 2
    wald = gap / (phat * (1 - phat) / n) if 0 < k < n else math.inf
    score = gap / (p0 * (1 - p0) / n)
    lr = k * math.log(phat / p0) if k else 0.0
    return (wald, score, 2 * lr)
''',
        ),
        WrongAnswer(
            "per-observation statistics, without the factor n",
            '''
import math


def three_tests(k, n, p0):
    phat = k / n
    gap = (phat - p0) ** 2
    wald = gap / (phat * (1 - phat)) if 0 < k < n else math.inf
    score = gap / (p0 * (1 - p0))
    lr = phat * math.log(phat / p0) if k else 0.0
    lr += (1 - phat) * math.log((1 - phat) / (1 - p0)) if k < n else 0.0
    return (wald, score, 2 * lr)
''',
        ),
        WrongAnswer(
            "a Wald statistic of 0 where the estimated variance is 0",
            '''
import math


def three_tests(k, n, p0):
    phat = k / n
    gap = (phat - p0) ** 2
    wald = gap / (phat * (1 - phat) / n) if 0 < k < n else 0.0
    score = gap / (p0 * (1 - p0) / n)
    lr = k * math.log(phat / p0) if k else 0.0
    lr += (n - k) * math.log((1 - phat) / (1 - p0)) if k < n else 0.0
    return (wald, score, 2 * lr)
''',
            kind="edge",
        ),
        WrongAnswer(
            "the binomial coefficient in one of the two log-likelihoods",
            '''
import math


def three_tests(k, n, p0):
    phat = k / n
    gap = (phat - p0) ** 2
    wald = gap / (phat * (1 - phat) / n) if 0 < k < n else math.inf
    score = gap / (p0 * (1 - p0) / n)
    ll0 = math.log(math.comb(n, k)) + k * math.log(p0) + (n - k) * math.log(1 - p0)
    llh = (k * math.log(phat) if k else 0.0) + ((n - k) * math.log(1 - phat) if k < n else 0.0)
    return (wald, score, 2 * (llh - ll0))
''',
        ),
        WrongAnswer(
            "the score variance at the midpoint of the estimate and p0",
            '''
import math


def three_tests(k, n, p0):
    phat = k / n
    gap = (phat - p0) ** 2
    m = (phat + p0) / 2
    wald = gap / (phat * (1 - phat) / n) if 0 < k < n else math.inf
    score = gap / (m * (1 - m) / n)
    lr = k * math.log(phat / p0) if k else 0.0
    lr += (n - k) * math.log((1 - phat) / (1 - p0)) if k < n else 0.0
    return (wald, score, 2 * lr)
''',
        ),
        WrongAnswer(
            "divides by the zero variance in Python floats",
            '''
import numpy as np


def three_tests(k, n, p0):
    phat = k / n
    gap = (phat - p0) ** 2
    with np.errstate(all="ignore"):
        wald = gap / (phat * (1 - phat) / n)
        lr = 2 * np.nansum([k * np.log(phat / p0), (n - k) * np.log((1 - phat) / (1 - p0))])
    score = gap / (p0 * (1 - p0) / n)
    return (float(wald), float(score), float(lr))
''',
            kind="edge",
        ),
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
            "takes the absolute value of each second derivative",
            '''
import numpy as np
import torch


def fisher_information_mc(logpdf, theta, sample):
    x = torch.as_tensor(np.asarray(sample, dtype=float))
    t = torch.full(x.shape, float(theta), dtype=torch.float64, requires_grad=True)
    (s,) = torch.autograd.grad(logpdf(x, t).sum(), t, create_graph=True)
    (h,) = torch.autograd.grad(s.sum(), t)
    return (float((s.detach() ** 2).mean()), float(h.abs().mean()))
''',
            mistake="each curvature term counted as positive",
        ),
        WrongAnswer(
            "clamps the curvature estimate at 0",
            '''
import numpy as np
import torch


def fisher_information_mc(logpdf, theta, sample):
    x = torch.as_tensor(np.asarray(sample, dtype=float))
    t = torch.full(x.shape, float(theta), dtype=torch.float64, requires_grad=True)
    (s,) = torch.autograd.grad(logpdf(x, t).sum(), t, create_graph=True)
    (h,) = torch.autograd.grad(s.sum(), t)
    return (float((s.detach() ** 2).mean()), max(float(-h.mean()), 0.0))
''',
            kind="edge",
        ),
        WrongAnswer(
            "takes the absolute value of the mean second derivative",
            '''
import numpy as np
import torch


def fisher_information_mc(logpdf, theta, sample):
    x = torch.as_tensor(np.asarray(sample, dtype=float))
    t = torch.full(x.shape, float(theta), dtype=torch.float64, requires_grad=True)
    (s,) = torch.autograd.grad(logpdf(x, t).sum(), t, create_graph=True)
    (h,) = torch.autograd.grad(s.sum(), t)
    return (float((s.detach() ** 2).mean()), abs(float(h.mean())))
''',
            mistake="each curvature term counted as positive",
            kind="edge",
        ),
        WrongAnswer(
            "theta as a float32 tensor (torch's default dtype)",
            '''
import numpy as np
import torch


def fisher_information_mc(logpdf, theta, sample):
    x = torch.as_tensor(np.asarray(sample, dtype=float))
    t = torch.full(x.shape, theta, requires_grad=True)
    (s,) = torch.autograd.grad(logpdf(x, t).sum(), t, create_graph=True)
    (h,) = torch.autograd.grad(s.sum(), t)
    return (float((s.detach() ** 2).mean()), float(-h.mean()))
''',
            kind="edge",
        ),
        WrongAnswer(
            "differentiates at a scalar theta: n times the squared mean score",
            '''
import numpy as np
import torch


def fisher_information_mc(logpdf, theta, sample):
    x = torch.as_tensor(np.asarray(sample, dtype=float))
    t = torch.tensor(float(theta), dtype=torch.float64, requires_grad=True)
    (g,) = torch.autograd.grad(logpdf(x, t).sum(), t, create_graph=True)
    (h,) = torch.autograd.grad(g, t)
    n = len(sample)
    return (float(g.detach() ** 2 / n), float(-h / n))
''',
        ),
        WrongAnswer(
            "the variance of the scores instead of the mean of their squares",
            '''
import numpy as np
import torch


def fisher_information_mc(logpdf, theta, sample):
    x = torch.as_tensor(np.asarray(sample, dtype=float))
    t = torch.full(x.shape, float(theta), dtype=torch.float64, requires_grad=True)
    (s,) = torch.autograd.grad(logpdf(x, t).sum(), t, create_graph=True)
    (h,) = torch.autograd.grad(s.sum(), t)
    return (float(s.detach().var(unbiased=False)), float(-h.mean()))
''',
        ),
        WrongAnswer(
            "differentiates at the sample mean instead of at theta",
            '''
import numpy as np
import torch


def fisher_information_mc(logpdf, theta, sample):
    x = torch.as_tensor(np.asarray(sample, dtype=float))
    t = torch.full(x.shape, float(np.mean(sample)), dtype=torch.float64, requires_grad=True)
    (s,) = torch.autograd.grad(logpdf(x, t).sum(), t, create_graph=True)
    (h,) = torch.autograd.grad(s.sum(), t)
    return (float((s.detach() ** 2).mean()), float(-h.mean()))
''',
        ),
        WrongAnswer(
            "converts the sample to float32",
            '''
import numpy as np
import torch


def fisher_information_mc(logpdf, theta, sample):
    x = torch.as_tensor(np.asarray(sample, dtype=np.float32)).double()
    t = torch.full(x.shape, float(theta), dtype=torch.float64, requires_grad=True)
    (s,) = torch.autograd.grad(logpdf(x, t).sum(), t, create_graph=True)
    (h,) = torch.autograd.grad(s.sum(), t)
    return (float((s.detach() ** 2).mean()), float(-h.mean()))
''',
            kind="edge",
        ),
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

from scipy.stats import norm


def wilson_interval(k, n, alpha=0.05):
    # no clipping: at k = 0 and k = n the ends are 0 and 1 up to rounding
    z = norm.ppf(1 - alpha / 2)
    p = k / n
    shrink = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / shrink
    half = z / shrink * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    return (centre - half, centre + half)
''',
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

from scipy.optimize import brentq
from scipy.stats import chi2


def lr_interval(k, n, alpha=0.05):
    # each end searched on a log scale: log p below the estimate, log(1 - p) above it
    cut = chi2.isf(alpha, 1) / 2

    def loglik(log_p, log_q):
        return (k * log_p if k else 0.0) + ((n - k) * log_q if n - k else 0.0)

    phat = k / n
    top = loglik(math.log(phat) if k else 0.0, math.log1p(-phat) if k < n else 0.0)

    def below(u):
        return top - loglik(u, math.log1p(-math.exp(u)) if k < n else 0.0) - cut

    def above(v):
        return top - loglik(math.log1p(-math.exp(v)) if k else 0.0, v) - cut

    tight = {"xtol": 1e-14, "rtol": 1e-15}
    low = 0.0 if k == 0 else math.exp(brentq(below, -740.0, math.log(phat), **tight))
    high = 1.0 if k == n else -math.expm1(brentq(above, -740.0, math.log1p(-phat), **tight))
    return (low, high)
''',
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
    # the binomial coefficient as the log of an exact integer
    n = len(lows) - 1
    if p in (0.0, 1.0):
        k = 0 if p == 0.0 else n
        return float(lows[k] <= p <= highs[k])
    total = 0.0
    for k in range(n + 1):
        if lows[k] <= p <= highs[k]:
            total += math.exp(math.log(math.comb(n, k)) + k * math.log(p)
                              + (n - k) * math.log1p(-p))
    return total
''',
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
import math


def three_tests(k, n, p0):
    # the likelihood-ratio statistic as 2n times a Kullback-Leibler divergence
    phat = k / n
    kl = 0.0
    if k:
        kl += phat * math.log(phat / p0)
    if k < n:
        kl += (1 - phat) * math.log((1 - phat) / (1 - p0))
    spread = phat * (1 - phat)
    wald = n * (phat - p0) ** 2 / spread if spread > 0 else math.inf
    return (wald, (k - n * p0) ** 2 / (n * p0 * (1 - p0)), 2 * n * kl)
''',
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
        '''
import numpy as np
import torch


def fisher_information_mc(logpdf, theta, sample):
    # the curvature from one scalar theta (a sum of second derivatives is the second
    # derivative of the sum); the scores one observation at a time
    x = torch.as_tensor(np.asarray(sample, dtype=float))
    t = torch.tensor(float(theta), dtype=torch.float64, requires_grad=True)
    (total_score,) = torch.autograd.grad(logpdf(x, t).sum(), t, create_graph=True)
    (total_second,) = torch.autograd.grad(total_score, t)
    squares = 0.0
    for value in x:
        (one,) = torch.autograd.grad(logpdf(value, t), t)
        squares += float(one) ** 2
    return (squares / len(x), -float(total_second) / len(x))
''',
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
