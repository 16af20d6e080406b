"""Exercises of Chapter 3, *Coin flips: the Bernoulli MLE*."""

from __future__ import annotations

from typing import Any

import numpy as np

from ..estimators import binomial_mle
from ..likelihood import bernoulli_loglik, binomial_loglik
from .framework import Trial, exercise

CHAPTER = 3


def _flips(k: int, n: int) -> np.ndarray:
    """A 0/1 sample with k heads in n flips (the order does not matter)."""
    return np.array([1] * int(k) + [0] * (int(n) - int(k)))


def _autograd_derivatives(k: int, n: int, p: Any) -> tuple[np.ndarray, np.ndarray]:
    """First and second derivatives of ``bernoulli_loglik`` at each entry of ``p``, by torch.

    Each entry of the log-likelihood depends on its own p only, so the gradient of the sum is
    the vector of elementwise derivatives. torch is imported here, not at module level, so that
    importing the exercises (every chapter does) stays fast.
    """
    import torch

    at = torch.tensor(np.atleast_1d(np.asarray(p, dtype=np.float64)), requires_grad=True)
    loglik = bernoulli_loglik(_flips(k, n), at)
    (first,) = torch.autograd.grad(loglik.sum(), at, create_graph=True)
    (second,) = torch.autograd.grad(first.sum(), at)
    shape = np.shape(p)
    return (first.detach().numpy().reshape(shape), second.detach().numpy().reshape(shape))


def _heads_and_flips(t: Trial, low: int = 20, high: int = 60) -> tuple[int, int]:
    """A random sample size and a number of heads strictly between 0 and n, away from n/2."""
    n = int(t.rng.integers(low, high))
    k = int(t.rng.integers(1, n))
    if abs(k - n / 2) < 2:  # keep k/n away from 1/2, where some mistakes look right
        k = max(1, n // 5)
    return k, n


# --------------------------------------------------------------------------------------------
score = exercise(
    "coin-score", chapter=CHAPTER, function="bernoulli_score",
    title="The score of the Bernoulli log-likelihood")


@score.check("agrees with torch autograd of mlcourse.bernoulli_loglik at five values of p")
def _(t: Trial) -> None:
    k, n = _heads_and_flips(t)
    p = np.sort(t.rng.uniform(0.05, 0.95, size=5))
    reference, _ = _autograd_derivatives(k, n, p)
    t.expect_close(t.call(k, n, p), reference, rtol=1e-10,
                   what="the derivative of the log-likelihood at each p")


@score.check("is zero at p = k/n, the maximum likelihood estimate")
def _(t: Trial) -> None:
    k, n = _heads_and_flips(t)
    # k/(k/n) - (n-k)/(1-k/n) = n - n: rounding leaves a few multiples of n * 1e-16
    t.expect_close(t.call(k, n, k / n), 0.0, atol=1e-10 * n,
                   what="0: the slope of the log-likelihood at its maximum")


@score.check("is positive below k/n and negative above it")
def _(t: Trial) -> None:
    k, n = _heads_and_flips(t)
    grid = np.linspace(0.01, 0.99, 99)
    grid = grid[np.abs(grid - k / n) > 1e-3]
    values = t.call(k, n, grid)
    t.expect_type(values, shape=grid.shape)
    signs = np.sign(np.asarray(values, dtype=float))
    t.expect(bool(np.all(signs == np.where(grid < k / n, 1.0, -1.0))),
             f"expected: a positive slope for p < k/n = {k / n:.4g} (the log-likelihood rises) "
             "and a negative one above\n"
             f"got:      signs {signs.astype(int).tolist()}")


@score.check("doubles when the sample is doubled (2k heads in 2n flips)")
def _(t: Trial) -> None:
    k, n = _heads_and_flips(t)
    p = np.sort(t.rng.uniform(0.05, 0.95, size=4))
    single = t.call(k, n, p)
    t.expect_type(single, shape=p.shape)
    t.expect_close(t.call(2 * k, 2 * n, p), 2 * np.asarray(single, dtype=float), rtol=1e-10,
                   what="twice your score for k heads in n flips: the log-likelihood is a sum")


@score.mistake(
    "a sign error in the derivative of log(1 - p)",
    "By the chain rule, d/dp log(1 - p) = -1/(1 - p): the tails pull the slope down. The score "
    "is k/p - (n - k)/(1 - p).")
def _(k, n, p):
    p = np.asarray(p, dtype=float)
    return k / p + (n - k) / (1 - p)


@score.mistake(
    "heads and tails swapped",
    "Each head contributes log p and each tail log(1 - p), so the k heads give k/p and the "
    "n - k tails give -(n - k)/(1 - p).")
def _(k, n, p):
    p = np.asarray(p, dtype=float)
    return (n - k) / p - k / (1 - p)


@score.mistake(
    "n tails instead of n - k",
    "Of the n flips, k were heads; only the other n - k were tails.")
def _(k, n, p):
    p = np.asarray(p, dtype=float)
    return k / p - n / (1 - p)


@score.mistake(
    "the score per flip instead of the total",
    "The score is the derivative of the whole log-likelihood, a sum over the n flips; do not "
    "divide by n.")
def _(k, n, p):
    p = np.asarray(p, dtype=float)
    return (k / p - (n - k) / (1 - p)) / n


# --------------------------------------------------------------------------------------------
information = exercise(
    "coin-observed-information", chapter=CHAPTER, function="observed_information",
    title="The observed information of k heads in n flips")


@information.check("agrees with minus the second derivative of mlcourse.bernoulli_loglik by "
                   "torch autograd, at five values of p")
def _(t: Trial) -> None:
    k, n = _heads_and_flips(t)
    p = np.sort(t.rng.uniform(0.05, 0.95, size=5))
    _, second = _autograd_derivatives(k, n, p)
    t.expect_close(t.call(k, n, p), -second, rtol=1e-10,
                   what="-(second derivative of the log-likelihood) at each p")


@information.check("equals n / (p(1 - p)) at the maximum p = k/n")
def _(t: Trial) -> None:
    k, n = _heads_and_flips(t)
    p_hat = k / n
    t.expect_close(t.call(k, n, p_hat), n / (p_hat * (1 - p_hat)), rtol=1e-10,
                   what="n / (p_hat (1 - p_hat)), the curvature at the maximum")


@information.check("is positive everywhere in (0, 1), even with no heads at all")
def _(t: Trial) -> None:
    n = int(t.rng.integers(5, 30))
    grid = np.linspace(0.01, 0.99, 99)
    for k in (0, int(t.rng.integers(1, n)), n):
        values = t.call(k, n, grid)
        t.expect_type(values, shape=grid.shape)
        smallest = float(np.min(np.asarray(values, dtype=float)))
        t.expect(smallest > 0,
                 f"expected: a positive value at every p (the log-likelihood of {k} heads in "
                 f"{n} flips is concave)\ngot:      a smallest value of {smallest:.6g}")


@information.check("averages to n / (p(1 - p)), the Fisher information, over k ~ Binomial(n, p)")
def _(t: Trial) -> None:
    from scipy import stats

    n = int(t.rng.integers(6, 15))
    p = float(t.rng.uniform(0.15, 0.85))
    weights = stats.binom.pmf(np.arange(n + 1), n, p)
    values = []
    for k in range(n + 1):
        value = t.call(k, n, p)
        t.expect_type(value)
        values.append(float(np.asarray(value, dtype=float)))
    average = float(np.dot(weights, values))
    t.expect(abs(average - n / (p * (1 - p))) <= 1e-9 * n / (p * (1 - p)),
             f"expected: an average over k = 0..{n} (binomial weights) of n / (p (1 - p)) = "
             f"{n / (p * (1 - p)):.6g}\ngot:      {average:.6g}")


@information.mistake(
    "forgot the minus sign: returned the second derivative itself",
    "The observed information is MINUS the second derivative of the log-likelihood; the second "
    "derivative is negative (the curve is concave), the information positive.")
def _(k, n, p):
    p = np.asarray(p, dtype=float)
    return -k / p**2 - (n - k) / (1 - p) ** 2


@information.mistake(
    "the expected information n / (p(1 - p)) instead of the observed",
    "n / (p (1 - p)) is the Fisher information: the observed information averaged over "
    "possible samples. The two agree at p = k/n, but the observed information at other p "
    "depends on k: k/p^2 + (n - k)/(1 - p)^2.")
def _(k, n, p):
    p = np.asarray(p, dtype=float)
    return n / (p * (1 - p))


@information.mistake(
    "a sign error in the tails' term",
    "Differentiate -(n - k)/(1 - p) once more: d/dp (1 - p)^-1 = (1 - p)^-2, so the second "
    "derivative is -k/p^2 - (n - k)/(1 - p)^2, and both terms of the information are positive.")
def _(k, n, p):
    p = np.asarray(p, dtype=float)
    return k / p**2 - (n - k) / (1 - p) ** 2


# --------------------------------------------------------------------------------------------
standard_error = exercise(
    "coin-standard-error", chapter=CHAPTER, function="standard_error",
    title="The standard error of the estimated probability of heads")


def _mixed_flips(t: Trial, n: int) -> np.ndarray:
    """0/1 flips with both outcomes present, heads probability between 0.2 and 0.8."""
    flips = (t.rng.random(n) < t.rng.uniform(0.2, 0.8)).astype(int)
    flips[:2] = (1, 0)
    return t.rng.permutation(flips)


@standard_error.check("is 1 / sqrt(observed information) at the MLE, with the information "
                      "from torch autograd of mlcourse.bernoulli_loglik")
def _(t: Trial) -> None:
    flips = _mixed_flips(t, int(t.rng.integers(30, 60)))
    k, n = int(flips.sum()), flips.size
    _, second = _autograd_derivatives(k, n, k / n)
    t.expect_close(t.call(flips), 1 / np.sqrt(-float(second)), rtol=1e-9,
                   what="1 / sqrt(-(second derivative of the log-likelihood at k/n))")


@standard_error.check("halves when the same flips are seen four times over (it falls like "
                      "1/sqrt(n))")
def _(t: Trial) -> None:
    flips = _mixed_flips(t, 25)
    single = t.call(flips)
    t.expect_type(single)
    t.expect_close(t.call(np.tile(flips, 4)), float(np.asarray(single)) / 2, rtol=1e-10,
                   what="half your value for the flips seen once")


@standard_error.check("does not depend on the order of the flips, or on which side is heads")
def _(t: Trial) -> None:
    flips = _mixed_flips(t, 30)
    t.expect_unchanged_by_shuffling(flips)
    first = t.call(flips)
    t.expect_type(first)
    t.expect_close(t.call(1 - flips), float(np.asarray(first)), rtol=1e-10,
                   what="the same value with heads and tails swapped: p(1 - p) is symmetric")


@standard_error.check("matches the spread of the estimate k/n over 20000 simulated experiments")
def _(t: Trial) -> None:
    flips = _mixed_flips(t, 50)
    p_hat = flips.mean()
    estimates = t.rng.binomial(flips.size, p_hat, size=20_000) / flips.size
    spread = float(estimates.std())
    # the standard deviation of 20000 draws is within about 1/sqrt(40000) = 0.5 % of the truth
    t.expect_close(t.call(flips), spread, rtol=0.03,
                   what="about the standard deviation of k/n in repeated experiments "
                        "(within 3 %)")


@standard_error.mistake(
    "n - 1 instead of n",
    "The variance of k/n is p(1 - p)/n exactly, and the curvature of the log-likelihood at the "
    "maximum is n / (p_hat (1 - p_hat)): divide by n.")
def _(flips):
    flips = np.asarray(flips, dtype=float)
    p_hat = flips.mean()
    return np.sqrt(p_hat * (1 - p_hat) / (flips.size - 1))


@standard_error.mistake(
    "the variance instead of the standard error",
    "p_hat (1 - p_hat) / n is the estimated variance of k/n; the standard error is its square "
    "root.")
def _(flips):
    flips = np.asarray(flips, dtype=float)
    p_hat = flips.mean()
    return p_hat * (1 - p_hat) / flips.size


@standard_error.mistake(
    "the standard deviation of one flip",
    "sqrt(p_hat (1 - p_hat)) is the spread of a single 0/1 outcome. The estimate averages n "
    "flips, so its spread is smaller by sqrt(n).")
def _(flips):
    flips = np.asarray(flips, dtype=float)
    p_hat = flips.mean()
    return np.sqrt(p_hat * (1 - p_hat))


# --------------------------------------------------------------------------------------------
ascent = exercise(
    "coin-gradient-ascent", chapter=CHAPTER, function="logit_gradient_ascent",
    title="Gradient ascent on the logit")


def _autograd_ascent(k: int, n: int, steps: int, lr: float) -> float:
    """The same gradient ascent, with the gradient from torch autograd of bernoulli_loglik."""
    import torch

    flips = _flips(k, n)
    z = torch.zeros((), dtype=torch.float64, requires_grad=True)
    for _ in range(steps):
        mean_loglik = bernoulli_loglik(flips, logit=z) / n
        (gradient,) = torch.autograd.grad(mean_loglik, z)
        with torch.no_grad():
            z += lr * gradient
    return float(torch.sigmoid(z.detach()))


@ascent.check("takes the same steps as gradient ascent driven by torch autograd of "
              "mlcourse.bernoulli_loglik(flips, logit=z)")
def _(t: Trial) -> None:
    k, n = _heads_and_flips(t)
    t.expect_close(t.call(k, n, 3, 2.0), _autograd_ascent(k, n, 3, 2.0), rtol=1e-10,
                   what="p = sigmoid(z) after 3 steps of size 2")


@ascent.check("returns 1/2 after zero steps (it starts at z = 0)")
def _(t: Trial) -> None:
    k, n = _heads_and_flips(t)
    t.expect_close(t.call(k, n, 0, 4.0), 0.5, rtol=1e-12, what="sigmoid(0) = 0.5")


@ascent.check("converges to k/n")
def _(t: Trial) -> None:
    k, n = _heads_and_flips(t)
    t.expect_close(t.call(k, n, 200, 4.0), k / n, atol=1e-9,
                   what="the maximum likelihood estimate k/n after 200 steps of size 4")


@ascent.check("raises the log-likelihood at every step")
def _(t: Trial) -> None:
    k, n = _heads_and_flips(t)
    path = []
    for steps in range(6):
        p = t.call(k, n, steps, 4.0)
        t.expect_type(p)
        p = float(np.asarray(p, dtype=float))
        t.expect(0 < p < 1, f"expected: a probability strictly between 0 and 1 after {steps} "
                            f"steps\ngot:      {p:.6g}")
        path.append(p)
    loglik = bernoulli_loglik(_flips(k, n), np.array(path))
    t.expect(bool(np.all(np.diff(loglik) > 0)),
             "expected: a log-likelihood that increases with every step of size 4\n"
             f"got:      p after 0..5 steps = {[round(p, 6) for p in path]}")


def _sigmoid(z: Any) -> Any:
    return 1 / (1 + np.exp(-z))


@ascent.mistake(
    "gradient descent instead of ascent",
    "To maximise the log-likelihood, step along its gradient: z = z + lr * gradient.")
def _(k, n, steps, lr):
    z = 0.0
    for _ in range(steps):
        z -= lr * (k / n - _sigmoid(z))
    return _sigmoid(z)


@ascent.mistake(
    "forgot the chain-rule factor dp/dz = p(1 - p)",
    "The step is taken in z, so the gradient is d/dz = (d/dp)(dp/dz), and dp/dz = p(1 - p). "
    "The product simplifies to k/n - p.")
def _(k, n, steps, lr):
    z = 0.0
    for _ in range(steps):
        p = _sigmoid(z)
        z += lr * ((k / n) / p - (1 - k / n) / (1 - p))
    return _sigmoid(z)


@ascent.mistake(
    "returned the logit instead of the probability",
    "Gradient ascent runs on z, but the exercise asks for p = sigmoid(z) = 1 / (1 + exp(-z)).")
def _(k, n, steps, lr):
    z = 0.0
    for _ in range(steps):
        z += lr * (k / n - _sigmoid(z))
    return z


@ascent.mistake(
    "the gradient of the total log-likelihood instead of the mean",
    "The exercise maximises the mean log-likelihood per flip, whose gradient k/n - p does not "
    "grow with n. The total's gradient, k - n p, is n times larger, and a fixed step then "
    "overshoots wildly.")
def _(k, n, steps, lr):
    z = 0.0
    for _ in range(steps):
        z += lr * (k - n * _sigmoid(z))
    return _sigmoid(z)


# --------------------------------------------------------------------------------------------
pooled = exercise(
    "coin-pooled-mle", chapter=CHAPTER, function="pooled_mle",
    title="One probability from several experiments")


def _experiments(t: Trial, size: int = 6) -> tuple[np.ndarray, np.ndarray]:
    """Trials of very different sizes, so that pooling and averaging fractions differ."""
    trials = t.rng.integers(3, 80, size=size)
    successes = t.rng.binomial(trials, t.rng.uniform(0.2, 0.8))
    return successes, trials


@pooled.check("agrees with mlcourse.binomial_mle")
def _(t: Trial) -> None:
    k, n = _experiments(t)
    t.expect_close(t.call(k, n), binomial_mle(k, n), rtol=1e-12,
                   what="the maximum likelihood estimate of the common p")


@pooled.check("zeroes the derivative of mlcourse.binomial_loglik (by torch autograd)")
def _(t: Trial) -> None:
    import torch

    k, n = _experiments(t)
    answer = t.call(k, n)
    t.expect_type(answer)
    value = float(np.asarray(answer, dtype=float))
    t.expect(0 < value < 1, f"expected: a probability strictly between 0 and 1\n"
                            f"got:      {value:.6g}")
    at = torch.tensor(value, dtype=torch.float64, requires_grad=True)
    (slope,) = torch.autograd.grad(binomial_loglik(k, n, at), at)
    # the two terms of the slope are each about sum(n); rounding leaves ~1e-16 of that
    t.expect(abs(float(slope)) <= 1e-9 * n.sum(),
             f"expected: a slope of 0 at your answer (the maximum)\n"
             f"got:      a slope of {float(slope):.6g} at p = {value:.6g}")


@pooled.check("is the same as for one experiment with all the trials pooled, and does not "
              "depend on the order of the experiments")
def _(t: Trial) -> None:
    k, n = _experiments(t)
    first = t.call(k, n)
    t.expect_type(first)
    first = float(np.asarray(first, dtype=float))
    t.expect_close(t.call(np.array([k.sum()]), np.array([n.sum()])), first, rtol=1e-12,
                   what="your value for the separate experiments")
    order = t.rng.permutation(k.size)
    t.expect_close(t.call(k[order], n[order]), first, rtol=1e-12,
                   what="your value for the experiments in their original order")


@pooled.check("is 0 when nothing succeeded and 1 when everything did (no nan)")
def _(t: Trial) -> None:
    _, n = _experiments(t)
    t.expect_close(t.call(np.zeros_like(n), n), 0.0, atol=0.0,
                   what="0: the log-likelihood N log(1 - p) is largest at p = 0")
    t.expect_close(t.call(n.copy(), n), 1.0, rtol=0.0,
                   what="1: the log-likelihood N log p is largest at p = 1")


@pooled.mistake(
    "the average of the per-experiment fractions",
    "Averaging k_i / n_i gives a 3-trial experiment as much weight as an 80-trial one. The "
    "log-likelihood is K log p + (N - K) log(1 - p) with K and N the totals, so p = K / N.")
def _(k, n):
    return float(np.mean(np.asarray(k, dtype=float) / np.asarray(n, dtype=float)))


@pooled.mistake(
    "divided by the number of experiments instead of the number of trials",
    "sum(k) / len(k) is the mean number of successes per experiment, not a probability. "
    "Divide the total successes by the total trials.")
def _(k, n):
    return float(np.sum(k) / len(k))


@pooled.mistake(
    "the fraction of failures",
    "k counts successes: p is the total successes over the total trials, not the failures.")
def _(k, n):
    k, n = np.asarray(k, dtype=float), np.asarray(n, dtype=float)
    return float((n - k).sum() / n.sum())
