"""Exercises of Chapter 4, *The Gaussian MLE*."""

from __future__ import annotations

import math

import numpy as np

from ..estimators import gaussian_mle
from ..likelihood import gaussian_loglik
from .framework import Trial, exercise

CHAPTER = 4
LOG_2PI = math.log(2 * math.pi)


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
    title="The maximum likelihood estimate of the variance")


@variance.check("agrees with the square of sigma_hat from mlcourse.gaussian_mle")
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


@variance.mistake(
    "n - 1 instead of n",
    "Dividing by n - 1 is Bessel's correction: it makes the estimate unbiased, but it is not "
    "where the likelihood is largest. Setting the derivative in sigma^2 to zero gives the mean "
    "of the squared deviations, a division by n.")
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
    "The mean of x^2 is the variance only when the mean is 0. Subtract the sample mean first: "
    "mean((x - mean(x))^2).")
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
    title="The score of the Gaussian log-likelihood")


@score.check("agrees with torch autograd of mlcourse.gaussian_loglik at (mu, sigma)")
def _(t: Trial) -> None:
    x = t.rng.normal(1.0, 2.0, size=15)
    mu, sigma = float(t.rng.uniform(-1.0, 1.0)), float(t.rng.uniform(1.2, 2.5))
    # terms of size n / sigma ~ 10: a few ulps each, far below 1e-9
    t.expect_close(t.call(x, mu, sigma), _torch_score(x, mu, sigma), rtol=1e-9, atol=1e-10,
                   what="[d loglik / d mu, d loglik / d sigma], from autograd")


@score.check("agrees with torch autograd for sigma below 1 and mu far from the data")
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


@score.mistake(
    "derivative with respect to sigma squared, not sigma",
    "The second component must be d loglik / d sigma = -n/sigma + sum((x - mu)^2)/sigma^3. "
    "-n/(2 sigma^2) + sum((x - mu)^2)/(2 sigma^4) is the derivative in sigma^2; the two differ "
    "by the factor d sigma^2 / d sigma = 2 sigma.")
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
    "Each of the n observations contributes -log(sigma) to the log-likelihood, so the term is "
    "-n log(sigma) and its derivative is -n/sigma.")
def _(x, mu, sigma):
    x = np.asarray(x, dtype=float)
    q = np.sum((x - mu) ** 2)
    return np.array([np.sum(x - mu) / sigma**2, -1 / sigma + q / sigma**3])


@score.mistake(
    "lost the factor 2 from the power rule",
    "d/d sigma of -q/(2 sigma^2) is +q/sigma^3: the exponent -2 cancels the 1/2.")
def _(x, mu, sigma):
    x = np.asarray(x, dtype=float)
    q, n = np.sum((x - mu) ** 2), x.size
    return np.array([np.sum(x - mu) / sigma**2, -n / sigma + q / (2 * sigma**3)])


@score.mistake(
    "sigma instead of sigma squared in the mu component",
    "d/d mu of -(x - mu)^2/(2 sigma^2) is (x - mu)/sigma^2: sigma stays squared.")
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
    title="Simulating the bias of the variance MLE")


def _generator(t: Trial) -> np.random.Generator:
    return np.random.default_rng(int(t.rng.integers(2**32)))


@bias.check("averages (n - 1)/n sigma^2 = 3 for n = 4 and sigma = 2")
def _(t: Trial) -> None:
    # 200000 replications: the Monte Carlo standard error is 0.0055, so 1% is 5.5 of them
    t.expect_close(t.call(4, 2.0, 200_000, _generator(t)), 3.0, rtol=0.01,
                   what="about 3 = (3/4) * 4, within 1%")


@bias.check("averages sigma^2 / 2 = 1.125 for n = 2 and sigma = 1.5")
def _(t: Trial) -> None:
    # Monte Carlo standard error 0.0036 = 0.3% of 1.125
    t.expect_close(t.call(2, 1.5, 200_000, _generator(t)), 1.125, rtol=0.02,
                   what="about 1.125 = (1/2) * 2.25, within 2%")


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


@bias.mistake(
    "n - 1 instead of n",
    "With ddof=1 (or a division by n - 1) each estimate is the unbiased s^2 and the average is "
    "sigma^2. The MLE divides by n, and its average is (n - 1)/n sigma^2.")
def _(n, sigma, reps, rng):
    return float(np.var(rng.normal(0.0, sigma, size=(reps, n)), axis=1, ddof=1).mean())


@bias.mistake(
    "sigma instead of sigma squared",
    "This averages the standard deviations sigma_hat. Average their squares, the variance "
    "estimates.")
def _(n, sigma, reps, rng):
    return float(np.std(rng.normal(0.0, sigma, size=(reps, n)), axis=1).mean())


@bias.mistake(
    "the true mean instead of the sample mean",
    "Deviations from the true mean 0 give an unbiased estimate, but the MLE does not know the "
    "mean: it uses each sample's own mean, which sits closer to the data than 0 does. That is "
    "where the bias comes from.")
def _(n, sigma, reps, rng):
    return float(np.mean(rng.normal(0.0, sigma, size=(reps, n)) ** 2))


@bias.mistake(
    "one variance over all the draws instead of one per sample",
    "np.var of the whole (reps, n) array pools every draw into one huge sample. Compute one "
    "variance per row with axis=1, then average them.")
def _(n, sigma, reps, rng):
    return float(np.var(rng.normal(0.0, sigma, size=(reps, n))))


# --------------------------------------------------------------------------------------------
log_sigma_nll = exercise(
    "gaussian-logsigma-nll", chapter=CHAPTER, function="nll_log_sigma",
    title="The negative log-likelihood in (mu, log sigma)")


@log_sigma_nll.check("agrees with -mlcourse.gaussian_loglik(x, mu, exp(log_sigma))")
def _(t: Trial) -> None:
    x = t.rng.normal(0.0, 2.0, size=10)
    mu, log_sigma = 0.5, float(t.rng.uniform(0.3, 1.0))
    t.expect_close(t.call(x, mu, log_sigma), -gaussian_loglik(x, mu, math.exp(log_sigma)),
                   rtol=1e-10, what="the negative log-likelihood at sigma = exp(log_sigma)")


@log_sigma_nll.check("is finite for every real log_sigma and broadcasts mu (5, 1) against "
                     "log_sigma (1, 7)")
def _(t: Trial) -> None:
    x = t.rng.normal(1.0, 0.5, size=6)
    mu = np.linspace(-1.0, 3.0, 5)[:, None]
    log_sigma = np.linspace(-3.0, 3.0, 7)[None, :]
    t.expect_close(t.call(x, mu, log_sigma), -gaussian_loglik(x, mu, np.exp(log_sigma)),
                   rtol=1e-10, what="a (5, 7) table of finite negative log-likelihoods")


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
    "and what AIC compares across models: keep (n/2) log(2 pi).")
def _(x, mu, log_sigma):
    n = np.asarray(x).size
    return -gaussian_loglik(x, mu, np.exp(log_sigma)) - 0.5 * n * LOG_2PI


# --------------------------------------------------------------------------------------------
profile = exercise(
    "gaussian-profile-mu", chapter=CHAPTER, function="profile_loglik_mu",
    title="The profile log-likelihood of the mean")


def _best_sigma_loglik(x: np.ndarray, mu: np.ndarray) -> np.ndarray:
    """gaussian_loglik at sigma = sqrt(mean((x - mu)^2)), one value per entry of mu."""
    best_sigma = np.sqrt(np.mean((x[None, :] - mu[:, None]) ** 2, axis=1))
    return gaussian_loglik(x, mu, best_sigma)


@profile.check("equals the log-likelihood at the best sigma for each mu, "
               "sigma = sqrt(mean((x - mu)^2))")
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


@profile.check("falls by (n/2) log(1 + d^2 / sigma_hat^2) at a distance d from the mean")
def _(t: Trial) -> None:
    x = t.rng.normal(0.0, 3.0, size=16)
    mu_hat, sigma_hat = gaussian_mle(x)
    d = 2.0
    values = t.call(x, np.array([mu_hat, mu_hat + d]))
    t.expect_type(values, shape=(2,))
    drop = float(np.asarray(values, dtype=float)[0] - np.asarray(values, dtype=float)[1])
    expected = 8.0 * math.log1p(d**2 / sigma_hat**2)
    t.expect(abs(drop - expected) <= 1e-9 * (1 + expected),
             f"expected: a drop of (16/2) log(1 + 4 / sigma_hat^2) = {expected:.6f}\n"
             f"got:      a drop of {drop:.6f}")


@profile.mistake(
    "sigma held at sigma_hat instead of maximised for each mu",
    "Plugging in the overall sigma_hat gives a slice of the surface, not the profile. For each "
    "mu the best sigma is sqrt(mean((x - mu)^2)), which grows as mu leaves the mean.")
def _(x, mu):
    return gaussian_loglik(x, mu, gaussian_mle(x)[1])


@profile.mistake(
    "n - 1 in the best sigma for each mu",
    "For fixed mu the maximising variance is mean((x - mu)^2), a division by n. With n - 1 the "
    "value is no longer the maximum over sigma.")
def _(x, mu):
    x, mu = np.asarray(x, dtype=float), np.asarray(mu, dtype=float)
    ss = np.sum((x[None, :] - mu.reshape(-1)[:, None]) ** 2, axis=1)
    return gaussian_loglik(x, mu.reshape(-1), np.sqrt(ss / (x.size - 1))).reshape(mu.shape)


@profile.mistake(
    "left out the constant -n/2",
    "At sigma^2 = mean((x - mu)^2) the quadratic term is sum((x - mu)^2)/(2 sigma^2) = n/2; it "
    "is part of the maximum value: -(n/2) log(2 pi sigma^2) - n/2.")
def _(x, mu):
    x, mu = np.asarray(x, dtype=float), np.asarray(mu, dtype=float)
    v = np.mean((x[None, :] - mu.reshape(-1)[:, None]) ** 2, axis=1)
    return (-0.5 * x.size * np.log(2 * math.pi * v)).reshape(mu.shape)
