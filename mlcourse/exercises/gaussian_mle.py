"""Exercises of Chapter 4, *The Gaussian MLE*."""

from __future__ import annotations

import copy
import math
from fractions import Fraction
from typing import Any

import numpy as np

from ..estimators import gaussian_mle
from ..likelihood import gaussian_loglik
from .framework import CheckFailure, Trial, exercise
from .rules import Forbidden

CHAPTER = 4
LOG_2PI = math.log(2 * math.pi)

_OWN = Forbidden("mlcourse", "the check compares with the course's own functions; write yours")
_NUMPY_ONLY = [
    _OWN,
    Forbidden("scipy", "the exercise asks for numpy only"),
    Forbidden("torch", "the exercise asks for numpy only"),
    Forbidden("statsmodels", "the exercise asks for numpy only"),
]
_BY_HAND = [
    _OWN,
    Forbidden("scipy", "the exercise asks for numpy only"),
    Forbidden("torch", "derive it by hand: the check differentiates automatically"),
    Forbidden("jax", "derive it by hand: the check differentiates automatically"),
    Forbidden("sympy", "derive it by hand, not with a computer algebra system"),
    Forbidden("statsmodels", "the exercise asks for numpy only"),
]



def _exact_variance(x: np.ndarray) -> float:
    """The mean squared deviation of the float values in ``x``, in exact rational arithmetic."""
    values = [Fraction(float(v)) for v in x]
    mean = sum(values) / len(values)
    return float(sum((v - mean) ** 2 for v in values) / len(values))


def _torch_score(x: np.ndarray, mu: float, sigma: float) -> np.ndarray:
    """[d loglik / d mu, d loglik / d sigma] by torch autograd of mlcourse.gaussian_loglik."""
    import torch  # imported here: only this check needs it

    m = torch.tensor(mu, dtype=torch.float64, requires_grad=True)
    s = torch.tensor(sigma, dtype=torch.float64, requires_grad=True)
    grad_mu, grad_sigma = torch.autograd.grad(gaussian_loglik(x, m, s), (m, s))
    return np.array([grad_mu.item(), grad_sigma.item()])


# --------------------------------------------------------------------------------------------
variance = exercise(
    "gaussian-variance-mle", chapter=CHAPTER, function="variance_mle",
    title="The maximum likelihood estimate of the variance",
    forbidden=[*_NUMPY_ONLY,
               Forbidden("numpy.var", "compute the variance yourself", method=True),
               Forbidden("numpy.std", "compute the variance yourself", method=True),
               Forbidden("numpy.nanvar", "compute the variance yourself"),
               Forbidden("numpy.nanstd", "compute the variance yourself"),
               Forbidden("numpy.cov", "compute the variance yourself"),
               Forbidden("statistics", "compute the variance yourself"),
               Forbidden("pandas", "the exercise asks for numpy only")])


@variance.check("is the mean squared deviation from the sample mean")
def _(t: Trial) -> None:
    x = t.rng.normal(3.0, 2.0, size=12)
    t.expect_close(t.call(x), gaussian_mle(x)[1] ** 2, rtol=1e-10,
                   what="the mean squared deviation from the sample mean")


@variance.check("is (x1 - x2)^2 / 4 for a sample of two")
def _(t: Trial) -> None:
    x = t.rng.normal(0.0, 1.0, size=2)
    t.expect_close(t.call(x), (x[0] - x[1]) ** 2 / 4, rtol=1e-12,
                   what="(x1 - x2)^2 / 4: each point lies (x1 - x2)/2 from the mean")


@variance.check("ignores a shift of the data by 1e6 and scales by 9 when the data are tripled")
def _(t: Trial) -> None:
    x = t.rng.normal(0.0, 1.0, size=9)
    base = t.call(x)
    t.expect_type(base)
    # the reference two-pass formula keeps ~10 of its digits after the shift by 1e6
    t.expect_close(t.call(x + 1e6), float(base), rtol=1e-6,
                   what="the same variance as for the unshifted data")
    t.expect_close(t.call(3.0 * x), 9.0 * float(base), rtol=1e-10,
                   what="9 times the variance of the original data")


@variance.check("maximises the log-likelihood over sigma^2 at mu = mean(x)")
def _(t: Trial) -> None:
    x = t.rng.normal(-1.0, 0.5, size=20)
    v = t.call(x)
    t.expect_type(v)
    v = float(v)
    t.expect(v > 0, f"expected: a positive variance\ngot:      {v:.6g}")
    ratios = np.array([0.98, 1.0, 1.02])
    values = gaussian_loglik(x, x.mean(), np.sqrt(v * ratios))
    t.expect(values[1] > max(values[0], values[2]),
             "expected: the log-likelihood at sigma^2 = your value to exceed its values at "
             "0.98 and 1.02 times your value\n"
             f"got:      {values[0]:.6f}, {values[1]:.6f}, {values[2]:.6f}")


@variance.check("does not depend on the order of the observations")
def _(t: Trial) -> None:
    t.expect_unchanged_by_shuffling(t.rng.normal(5.0, 3.0, size=15), rtol=1e-12)


@variance.check("is accurate to 1e-7 when the mean is up to 1e7 times the spread, for any "
                "scale, and for a list of whole numbers")
def _(t: Trial) -> None:
    scale = 10.0 ** t.rng.uniform(-3, 3)
    offset = scale * 10.0 ** t.rng.uniform(5, 7) * t.rng.choice([-1.0, 1.0])
    x = offset + scale * t.rng.normal(0.0, 1.0, size=int(t.rng.integers(20, 60)))
    t.expect_close(t.call(x), _exact_variance(x), rtol=1e-7,
                   what="the variance of these numbers, computed exactly (rtol 1e-7)")
    whole = [int(v) for v in 10**8 + t.rng.integers(-50, 50, size=int(t.rng.integers(5, 30)))]
    t.expect_close(t.call(whole), _exact_variance(np.array(whole, dtype=float)), rtol=1e-7,
                   what="the variance of this list of whole numbers (rtol 1e-7)")


@variance.mistake(
    "n - 1 instead of n",
    "Dividing by n - 1 is Bessel's correction: it makes the estimate unbiased, but it is not "
    "where the likelihood is largest. Set the derivative in sigma^2 to zero and see what the "
    "sum of squared deviations is divided by.")
def _(x):
    return np.var(np.asarray(x, dtype=float), ddof=1)


@variance.mistake(
    "sigma instead of sigma squared",
    "This is the standard deviation. The exercise asks for the variance, its square (by "
    "invariance, the MLE of sigma^2 is the square of the MLE of sigma).")
def _(x):
    return np.std(np.asarray(x, dtype=float))


@variance.mistake(
    "forgot to subtract the mean",
    "The mean of x^2 is the variance only when the mean is 0. The spread is measured from the "
    "centre of the sample, not from 0.")
def _(x):
    return np.mean(np.asarray(x, dtype=float) ** 2)


@variance.mistake(
    "the one-pass formula mean(x^2) - mean(x)^2",
    "Algebraically right, numerically fragile: for data near 1e6 both terms are near 1e12 and "
    "their difference loses about 12 of the 16 digits. Subtract the mean first, then square.")
def _(x):
    x = np.asarray(x, dtype=float)
    return np.mean(x**2) - np.mean(x) ** 2


# --------------------------------------------------------------------------------------------
score = exercise(
    "gaussian-score", chapter=CHAPTER, function="gaussian_score",
    title="The score of the Gaussian log-likelihood",
    forbidden=_BY_HAND)


@score.check("agrees with automatic differentiation of the log-likelihood at (mu, sigma), "
             "as a numpy array of shape (2,)")
def _(t: Trial) -> None:
    x = t.rng.normal(1.0, 2.0, size=15)
    mu, sigma = float(t.rng.uniform(-1.0, 1.0)), float(t.rng.uniform(1.2, 2.5))
    got = t.call(x, mu, sigma)
    t.expect_array(got, (2,))
    # terms of size n / sigma ~ 10: a few ulps each, far below 1e-9
    t.expect_close(got, _torch_score(x, mu, sigma), rtol=1e-9, atol=1e-10,
                   what="[d loglik / d mu, d loglik / d sigma], from autograd")


@score.check("agrees with automatic differentiation for sigma below 1 and mu far from "
             "the data")
def _(t: Trial) -> None:
    x = t.rng.normal(-2.0, 0.3, size=8)
    mu, sigma = 1.0, float(t.rng.uniform(0.3, 0.6))
    t.expect_close(t.call(x, mu, sigma), _torch_score(x, mu, sigma), rtol=1e-9, atol=1e-10,
                   what="[d loglik / d mu, d loglik / d sigma], from autograd")


@score.check("is zero at the maximum likelihood estimate (mu_hat, sigma_hat)")
def _(t: Trial) -> None:
    x = t.rng.normal(10.0, 3.0, size=25)
    mu_hat, sigma_hat = gaussian_mle(x)
    # each component is a difference of terms of size n / sigma ~ 8
    t.expect_close(t.call(x, mu_hat, sigma_hat), [0.0, 0.0], atol=1e-9,
                   what="[0, 0]: both partial derivatives vanish at the maximum")


@score.check("adds up over observations: the score of a sample is the sum over its halves")
def _(t: Trial) -> None:
    x = t.rng.normal(0.0, 1.0, size=12)
    mu, sigma = 0.4, 0.8
    whole = t.call(x, mu, sigma)
    t.expect_type(whole, shape=(2,))
    halves = (np.asarray(t.call(x[:5], mu, sigma), dtype=float)
              + np.asarray(t.call(x[5:], mu, sigma), dtype=float))
    t.expect_close(whole, halves, rtol=1e-10, atol=1e-12,
                   what="the score of the first 5 observations plus that of the other 7")


@score.check("is accurate to 1e-9 for thousands of observations given as a list, at any "
             "scale")
def _(t: Trial) -> None:
    scale = 10.0 ** t.rng.uniform(-3, 3)
    x = scale * t.rng.normal(t.rng.uniform(-5, 5), 1.0, size=int(t.rng.integers(2000, 5000)))
    # mu away from the mean and sigma below the spread: neither component is near 0
    mu = float(x.mean() + scale * t.rng.uniform(1.0, 3.0) * t.rng.choice([-1.0, 1.0]))
    sigma = float(scale * t.rng.uniform(0.3, 0.6))
    resid = x - mu
    reference = [resid.sum() / sigma**2, -x.size / sigma + np.sum(resid**2) / sigma**3]
    t.expect_close(t.call(x.tolist(), mu, sigma), reference, rtol=1e-9,
                   what="[d loglik / d mu, d loglik / d sigma] (rtol 1e-9)")
    # mu just off the mean: d_mu is small next to the log-likelihood, which a numerical
    # derivative cannot resolve to 1e-9
    near = float(x.mean() + scale * t.rng.uniform(1e-4, 1e-3) * t.rng.choice([-1.0, 1.0]))
    resid = x - near
    reference = [resid.sum() / sigma**2, -x.size / sigma + np.sum(resid**2) / sigma**3]
    t.expect_close(t.call(x, near, sigma), reference, rtol=1e-9,
                   what="[d loglik / d mu, d loglik / d sigma] (rtol 1e-9)")


@score.mistake(
    "derivative with respect to sigma squared, not sigma",
    "The second component must be the derivative in sigma, the standard deviation. Yours is "
    "the derivative in the variance sigma^2: the chain rule relates the two through "
    "d sigma^2 / d sigma.")
def _(x, mu, sigma):
    x = np.asarray(x, dtype=float)
    q, n = np.sum((x - mu) ** 2), x.size
    return np.array([np.sum(x - mu) / sigma**2, -n / (2 * sigma**2) + q / (2 * sigma**4)])


@score.mistake(
    "signs flipped (the gradient of the negative log-likelihood)",
    "The score is the gradient of the log-likelihood itself; at mu below the sample mean its "
    "first component is positive, pointing uphill.")
def _(x, mu, sigma):
    x = np.asarray(x, dtype=float)
    q, n = np.sum((x - mu) ** 2), x.size
    return -np.array([np.sum(x - mu) / sigma**2, -n / sigma + q / sigma**3])


@score.mistake(
    "missing the factor n in -n/sigma",
    "Every one of the n observations contributes its own -log(sigma) to the log-likelihood: "
    "count them before you differentiate.")
def _(x, mu, sigma):
    x = np.asarray(x, dtype=float)
    q = np.sum((x - mu) ** 2)
    return np.array([np.sum(x - mu) / sigma**2, -1 / sigma + q / sigma**3])


@score.mistake(
    "lost the factor 2 from the power rule",
    "Differentiate the quadratic term with the power rule on sigma^-2, and see what the "
    "exponent does to the 1/2 in front.")
def _(x, mu, sigma):
    x = np.asarray(x, dtype=float)
    q, n = np.sum((x - mu) ** 2), x.size
    return np.array([np.sum(x - mu) / sigma**2, -n / sigma + q / (2 * sigma**3)])


@score.mistake(
    "sigma instead of sigma squared in the mu component",
    "Differentiating in mu leaves the denominator of the quadratic term as it is: only "
    "(x - mu)^2 changes.")
def _(x, mu, sigma):
    x = np.asarray(x, dtype=float)
    q, n = np.sum((x - mu) ** 2), x.size
    return np.array([np.sum(x - mu) / sigma, -n / sigma + q / sigma**3])


@score.mistake(
    "an average instead of a sum",
    "The log-likelihood is a sum over observations, and so is its gradient; dividing by n "
    "gives the score of the mean log-likelihood, which does not add up over data sets.")
def _(x, mu, sigma):
    x = np.asarray(x, dtype=float)
    q, n = np.sum((x - mu) ** 2), x.size
    return np.array([np.sum(x - mu) / sigma**2, -n / sigma + q / sigma**3]) / n


# --------------------------------------------------------------------------------------------
bias = exercise(
    "gaussian-bias-simulation", chapter=CHAPTER, function="mean_variance_mle",
    title="Simulating the bias of the variance MLE",
    forbidden=_NUMPY_ONLY)


def _generator(t: Trial) -> np.random.Generator:
    return np.random.default_rng(int(t.rng.integers(2**32)))


def _same_draws(got: Any, wrong: Any) -> bool:
    """A known mistake matches only if it gives the same number from the same generator state:
    on average several mistakes agree (sigma^2 for three of them), on the same draws they do
    not."""
    try:
        a, b = float(np.asarray(got, dtype=float)), float(np.asarray(wrong, dtype=float))
    except (TypeError, ValueError):
        return False
    return (math.isnan(a) and math.isnan(b)) or math.isclose(a, b, rel_tol=1e-9, abs_tol=0.0)


def _expect_average(t: Trial, got: Any, expected: float, rtol: float, what: str) -> None:
    try:
        t.expect_close(got, expected, rtol=rtol, what=what)
    except CheckFailure as failure:
        if failure.compare is not None:
            failure.compare = _same_draws
        raise


@bias.check("averages (n - 1)/n sigma^2 over 200000 samples, for sizes 2 to 6")
def _(t: Trial) -> None:
    n, sigma = int(t.rng.integers(2, 7)), float(t.rng.uniform(0.5, 3.0))
    # the Monte Carlo standard error is at most sqrt(2)/sqrt(200000) = 0.32 % (n = 2): 2 % is
    # more than 6 of them
    got = t.call(n, sigma, 200_000, _generator(t))
    _expect_average(t, got, (n - 1) / n * sigma**2, 0.02,
                    what=f"about (n - 1)/n sigma^2 for n = {n}, within 2 %")


@bias.check("returns 0 for samples of size 1 (one point is its own mean)")
def _(t: Trial) -> None:
    got = t.call(1, float(t.rng.uniform(0.5, 3.0)), 1000, _generator(t))
    _expect_average(t, got, 0.0, 0.0, what="0: the variance MLE of a single observation")


@bias.check("draws from the generator it is given: same state, same answer; new seed, new one")
def _(t: Trial) -> None:
    seed = int(t.rng.integers(2**32))
    first = t.call(5, 1.0, 2000, np.random.default_rng(seed))
    t.expect_type(first)
    t.expect_close(t.call(5, 1.0, 2000, np.random.default_rng(seed)), float(first),
                   rtol=1e-12, what="the same number for a generator in the same state")
    other = t.call(5, 1.0, 2000, np.random.default_rng(seed + 1))
    t.expect_type(other)
    t.expect(float(other) != float(first),
             "expected: a different average for a generator with a different seed\n"
             f"got:      {float(first):.6f} both times. Draw with rng.normal(...).")


@bias.check("varies as a simulation does: one sample of size 2 at a time gives estimates "
            "spread like sigma^2 chi^2_1 / 2")
def _(t: Trial) -> None:
    from scipy import stats

    sigma = float(t.rng.uniform(0.5, 3.0))
    draws = []
    for seed in t.rng.integers(2**32, size=400):
        got = t.call(2, sigma, 1, np.random.default_rng(int(seed)))
        t.expect_type(got)
        draws.append(float(np.asarray(got, dtype=float)))
    scaled = 2 * np.array(draws) / sigma**2
    # a true simulation fails this with probability 1e-9; a formula plus noise, at 400 draws,
    # is far off: its values are not chi-square distributed (some are negative, say)
    p_value = float(stats.kstest(scaled, stats.chi2(1).cdf).pvalue)
    t.expect(p_value > 1e-9,
             "expected: with reps = 1 and n = 2, estimates whose distribution over "
             "generators is sigma^2 chi^2_1 / 2\n"
             f"got:      400 estimates from {min(draws):.4g} to {max(draws):.4g}, "
             f"p-value {p_value:.2g}")


@bias.mistake(
    "n - 1 instead of n",
    "With ddof=1 (or a division by n - 1) each estimate is the unbiased s^2 and the average is "
    "sigma^2. The MLE divides by n, and its average is (n - 1)/n sigma^2.")
def _(n, sigma, reps, rng):
    rng = copy.deepcopy(rng)  # the mistakes share one copy of the call: leave it unused
    return float(np.var(rng.normal(0.0, sigma, size=(reps, n)), axis=1, ddof=1).mean())


@bias.mistake(
    "sigma instead of sigma squared",
    "This averages the standard deviations sigma_hat. Average their squares, the variance "
    "estimates.")
def _(n, sigma, reps, rng):
    rng = copy.deepcopy(rng)  # the mistakes share one copy of the call: leave it unused
    return float(np.std(rng.normal(0.0, sigma, size=(reps, n)), axis=1).mean())


@bias.mistake(
    "the true mean instead of the sample mean",
    "Deviations from the true mean 0 give an unbiased estimate, but the MLE does not know the "
    "mean: it uses each sample's own mean, which sits closer to the data than 0 does. That is "
    "where the bias comes from.")
def _(n, sigma, reps, rng):
    rng = copy.deepcopy(rng)  # the mistakes share one copy of the call: leave it unused
    return float(np.mean(rng.normal(0.0, sigma, size=(reps, n)) ** 2))


@bias.mistake(
    "one variance over all the draws instead of one per sample",
    "np.var of the whole (reps, n) array pools every draw into one huge sample. Compute one "
    "variance per row with axis=1, then average them.")
def _(n, sigma, reps, rng):
    rng = copy.deepcopy(rng)  # the mistakes share one copy of the call: leave it unused
    return float(np.var(rng.normal(0.0, sigma, size=(reps, n))))


# --------------------------------------------------------------------------------------------
log_sigma_nll = exercise(
    "gaussian-logsigma-nll", chapter=CHAPTER, function="nll_log_sigma",
    title="The negative log-likelihood in (mu, log sigma)",
    forbidden=_NUMPY_ONLY)


@log_sigma_nll.check("agrees with the negative log-likelihood at sigma = exp(log_sigma)")
def _(t: Trial) -> None:
    x = t.rng.normal(0.0, 2.0, size=10)
    mu, log_sigma = 0.5, float(t.rng.uniform(0.3, 1.0))
    t.expect_close(t.call(x, mu, log_sigma), -gaussian_loglik(x, mu, math.exp(log_sigma)),
                   rtol=1e-10, what="the negative log-likelihood at sigma = exp(log_sigma)")


@log_sigma_nll.check("broadcasts mu (5, 1) against log_sigma (1, 7) into a numpy array")
def _(t: Trial) -> None:
    x = t.rng.normal(1.0, 0.5, size=6)
    mu = np.sort(t.rng.uniform(-1.0, 3.0, size=5))[:, None]
    log_sigma = np.sort(t.rng.uniform(-3.0, 3.0, size=7))[None, :]
    got = t.call(x, mu, log_sigma)
    t.expect_array(got, (5, 7))
    t.expect_close(got, -gaussian_loglik(x, mu, np.exp(log_sigma)),
                   rtol=1e-10, what="a (5, 7) table of finite negative log-likelihoods")


def _nll_reference(x: np.ndarray, mu: float, tau: np.ndarray) -> np.ndarray:
    """n tau + (n/2) log(2 pi) + Q exp(-2 tau) / 2, overflowing to +inf only where the exact
    value is beyond the largest float."""
    q = float(np.sum((x - mu) ** 2))
    with np.errstate(over="ignore"):
        return x.size * tau + 0.5 * x.size * LOG_2PI + 0.5 * q * np.exp(-2 * tau)


@log_sigma_nll.check("is finite and accurate to 1e-10 for log_sigma from -300 to 750, and "
                     "+inf (not nan) below -400")
def _(t: Trial) -> None:
    x = t.rng.normal(t.rng.uniform(-3, 3), 1.0, size=int(t.rng.integers(5, 40)))
    mu = float(t.rng.uniform(-3, 3))
    tau = t.rng.permutation(np.concatenate([
        [-300.0, 750.0], t.rng.uniform(-300, -50, 2), t.rng.uniform(-5, 5, 2),
        t.rng.uniform(50, 750, 2)]))
    t.expect_close(t.call(x, mu, tau), _nll_reference(x, mu, tau), rtol=1e-10,
                   what="the negative log-likelihood at each log_sigma (rtol 1e-10)")
    one = float(t.rng.uniform(-800, -400))
    value = t.call(x, mu, one)
    t.expect_type(value)
    t.expect_close(value, math.inf, what=f"+inf at log_sigma = {one:.6g}, where the exact "
                                          "value exceeds the largest float")


@log_sigma_nll.check("returns a number for numbers")
def _(t: Trial) -> None:
    x = t.rng.normal(0.0, 1.0, size=int(t.rng.integers(5, 20)))
    mu, tau = float(t.rng.uniform(-1, 1)), float(t.rng.uniform(-1, 1))
    value = t.call(x, mu, tau)
    t.expect_type(value)
    t.expect_close(value, -gaussian_loglik(x, mu, math.exp(tau)), rtol=1e-10,
                   what="the negative log-likelihood at this (mu, log_sigma)")


@log_sigma_nll.check("is smallest on a grid of log_sigma at log(sigma_hat), for mu = mean(x)")
def _(t: Trial) -> None:
    x = t.rng.normal(0.0, 1.5, size=30)
    grid = np.linspace(-2.0, 2.0, 801)
    values = t.call(x, x.mean(), grid)
    t.expect_type(values, shape=grid.shape)
    t.expect_argmax(grid, -np.asarray(values, dtype=float), math.log(gaussian_mle(x)[1]),
                    0.0025, name="log_sigma", target_name="log(sigma_hat)")


@log_sigma_nll.check("does not depend on the order of the observations")
def _(t: Trial) -> None:
    t.expect_unchanged_by_shuffling(t.rng.normal(2.0, 1.0, size=11), 1.5, 0.2, rtol=1e-12)


@log_sigma_nll.mistake(
    "log_sigma used as sigma",
    "The second argument is tau = log(sigma); the standard deviation is exp(tau). Passing tau "
    "as sigma fails for tau <= 0, which is exactly the region the reparametrisation opens up.")
def _(x, mu, log_sigma):
    return -gaussian_loglik(x, mu, log_sigma)


@log_sigma_nll.mistake(
    "forgot the minus sign",
    "This is the log-likelihood; the optimiser minimises its negative.")
def _(x, mu, log_sigma):
    return gaussian_loglik(x, mu, np.exp(log_sigma))


@log_sigma_nll.mistake(
    "added a Jacobian term",
    "A likelihood is not a density over its parameter: reparametrising does not add "
    "log |d sigma / d tau| = tau. The NLL at tau is simply the NLL at sigma = exp(tau).")
def _(x, mu, log_sigma):
    return -gaussian_loglik(x, mu, np.exp(log_sigma)) - np.asarray(log_sigma, dtype=float)


@log_sigma_nll.mistake(
    "exp(log_sigma) taken as the variance",
    "exp(tau) is sigma, the standard deviation; the variance is exp(2 tau).")
def _(x, mu, log_sigma):
    return -gaussian_loglik(x, mu, np.exp(np.asarray(log_sigma, dtype=float) / 2))


@log_sigma_nll.mistake(
    "dropped the constant (n/2) log(2 pi)",
    "The constant does not move the minimum, but the value of the NLL is what a fitter reports "
    "and what AIC compares across models: keep the normalising constant of every "
    "observation's density.")
def _(x, mu, log_sigma):
    n = np.asarray(x).size
    return -gaussian_loglik(x, mu, np.exp(log_sigma)) - 0.5 * n * LOG_2PI


# --------------------------------------------------------------------------------------------
profile = exercise(
    "gaussian-profile-mu", chapter=CHAPTER, function="profile_loglik_mu",
    title="The profile log-likelihood of the mean",
    forbidden=_NUMPY_ONLY)


def _best_sigma_loglik(x: np.ndarray, mu: np.ndarray) -> np.ndarray:
    """gaussian_loglik at sigma = sqrt(mean((x - mu)^2)), one value per entry of mu."""
    best_sigma = np.sqrt(np.mean((x[None, :] - mu[:, None]) ** 2, axis=1))
    return gaussian_loglik(x, mu, best_sigma)


@profile.check("equals the largest log-likelihood over sigma, for each mu")
def _(t: Trial) -> None:
    x = t.rng.normal(4.0, 1.0, size=10)
    mu = np.array([2.5, 3.5, float(x.mean()), 4.5, 6.0])
    t.expect_close(t.call(x, mu), _best_sigma_loglik(x, mu), rtol=1e-10,
                   what="one profile log-likelihood per mu")


@profile.check("is at least the log-likelihood at any sigma on a grid, for every mu")
def _(t: Trial) -> None:
    x = t.rng.normal(-3.0, 2.0, size=12)
    mu = np.linspace(-6.0, 0.0, 7)
    got = t.call(x, mu)
    t.expect_type(got, shape=mu.shape)
    sigmas = np.linspace(0.2, 8.0, 400)
    best_on_grid = gaussian_loglik(x, mu[:, None], sigmas[None, :]).max(axis=1)
    gap = np.asarray(got, dtype=float) - best_on_grid
    t.expect(bool(np.all(gap >= -1e-9)),
             "expected: for each mu, a value at least max over sigma of the log-likelihood\n"
             f"got:      values below that maximum by up to {-gap.min():.4g}")


@profile.check("is largest on a grid of mu at the sample mean")
def _(t: Trial) -> None:
    x = t.rng.normal(1.0, 1.0, size=20)
    grid = np.linspace(-1.0, 3.0, 801)
    t.expect_argmax(grid, t.call(x, grid), float(x.mean()), 0.0025, name="mu",
                    target_name="mean(x)")


@profile.check("falls by the right amount at a distance d from the mean")
def _(t: Trial) -> None:
    x = t.rng.normal(0.0, 3.0, size=16)
    mu_hat, sigma_hat = gaussian_mle(x)
    d = 2.0
    values = t.call(x, np.array([mu_hat, mu_hat + d]))
    t.expect_type(values, shape=(2,))
    drop = float(np.asarray(values, dtype=float)[0] - np.asarray(values, dtype=float)[1])
    expected = 8.0 * math.log1p(d**2 / sigma_hat**2)
    t.expect(abs(drop - expected) <= 1e-9 * (1 + expected),
             f"expected: a drop of {expected:.6f} from mu_hat to mu_hat + 2\n"
             f"got:      a drop of {drop:.6f}")


@profile.check("is accurate to 1e-10 for thousands of observations far from 0 and mu far "
               "from the data")
def _(t: Trial) -> None:
    scale = 10.0 ** t.rng.uniform(-3, 3)
    centre = scale * 10.0 ** t.rng.uniform(2, 5) * t.rng.choice([-1.0, 1.0])
    x = centre + scale * t.rng.normal(0.0, 1.0, size=int(t.rng.integers(2000, 5000)))
    mu = t.rng.permutation(np.concatenate([
        [x.mean()], x.mean() + scale * t.rng.uniform(-1e3, 1e3, size=5)]))
    t.expect_close(t.call(x, mu), _best_sigma_loglik(x, mu), rtol=1e-10,
                   what="one profile log-likelihood per mu (rtol 1e-10)")


@profile.check("returns a number for a number and a numpy array for an array")
def _(t: Trial) -> None:
    x = t.rng.normal(0.0, 1.0, size=int(t.rng.integers(5, 20)))
    mu = float(t.rng.uniform(-1, 1))
    value = t.call(x, mu)
    t.expect_type(value)
    t.expect_close(value, _best_sigma_loglik(x, np.array([mu]))[0], rtol=1e-10,
                   what="the profile log-likelihood at this mu")
    grid = t.rng.uniform(-1, 1, size=4)
    values = t.call(x, grid)
    t.expect_array(values, grid.shape)


@profile.mistake(
    "sigma held at sigma_hat instead of maximised for each mu",
    "Plugging in the overall sigma_hat gives a slice of the surface, not the profile. For each "
    "mu, find the sigma that maximises the log-likelihood at that mu: it grows as mu leaves "
    "the mean.")
def _(x, mu):
    return gaussian_loglik(x, mu, gaussian_mle(x)[1])


@profile.mistake(
    "n - 1 in the best sigma for each mu",
    "Set the derivative in sigma to zero at fixed mu and solve: the maximiser is not the "
    "unbiased variance, and with n - 1 the value is no longer the maximum over sigma.")
def _(x, mu):
    x, mu = np.asarray(x, dtype=float), np.asarray(mu, dtype=float)
    ss = np.sum((x[None, :] - mu.reshape(-1)[:, None]) ** 2, axis=1)
    return gaussian_loglik(x, mu.reshape(-1), np.sqrt(ss / (x.size - 1))).reshape(mu.shape)


@profile.mistake(
    "left out the constant -n/2",
    "At the best sigma the quadratic term of the log-likelihood does not vanish: evaluate it "
    "there, it is part of the maximum value.")
def _(x, mu):
    x, mu = np.asarray(x, dtype=float), np.asarray(mu, dtype=float)
    v = np.mean((x[None, :] - mu.reshape(-1)[:, None]) ** 2, axis=1)
    return (-0.5 * x.size * np.log(2 * math.pi * v)).reshape(mu.shape)
