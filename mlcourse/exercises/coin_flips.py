"""Exercises of Chapter 3, *Coin flips: the Bernoulli MLE*."""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from ..estimators import binomial_mle
from ..likelihood import bernoulli_loglik, binomial_loglik
from .framework import Trial, exercise
from .rules import Forbidden

CHAPTER = 3

_NUMPY_ONLY = "the exercise asks for numpy only"
_BY_HAND = [
    Forbidden("mlcourse", "the check compares with the course's own functions; write yours"),
    Forbidden("scipy", _NUMPY_ONLY),
    Forbidden("torch", "derive it by hand: the check differentiates automatically"),
    Forbidden("jax", "derive it by hand: the check differentiates automatically"),
    Forbidden("sympy", "derive it by hand, not with a computer algebra system"),
    Forbidden("statsmodels", _NUMPY_ONLY),
]



def _extreme_p(t: Trial, inside: int = 0) -> np.ndarray:
    """Probabilities near 0 (below 1e-7, where clipping fails) and near 1, and ``inside``
    others, shuffled so that they cannot be recognised by position."""
    low = 10.0 ** t.rng.uniform(-12, -8, size=2)
    high = 1 - 10.0 ** t.rng.uniform(-6, -5, size=2)
    middle = t.rng.uniform(0.2, 0.8, size=inside)
    return t.rng.permutation(np.concatenate([low, high, middle]))


def _many_flips(t: Trial) -> tuple[int, int]:
    """Thousands of flips (the likelihood itself underflows), heads between 10 % and 90 %."""
    n = int(t.rng.integers(2000, 6000))
    return int(n * t.rng.uniform(0.1, 0.9)), n


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
    title="The score of the Bernoulli log-likelihood",
    forbidden=_BY_HAND)


@score.check("agrees with the derivative of the log-likelihood, by automatic "
             "differentiation, at five values of p")
def _(t: Trial) -> None:
    k, n = _heads_and_flips(t)
    p = np.sort(t.rng.uniform(0.05, 0.95, size=5))
    reference, _ = _autograd_derivatives(k, n, p)
    t.expect_close(t.call(k, n, p), reference, rtol=1e-9,
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


@score.check("is accurate to 1e-9 for p near 0 and 1, for no heads, all heads, and "
             "thousands of flips")
def _(t: Trial) -> None:
    many_k, many_n = _many_flips(t)
    for k, n in ((0, many_n), (many_n, many_n), (many_k, many_n)):
        p = _extreme_p(t)
        # k/p and (n - k)/(1 - p) are each exact to an ulp; p is far from k/n, so no cancellation
        t.expect_close(t.call(k, n, p), k / p - (n - k) / (1 - p), rtol=1e-9,
                       what="the slope of the log-likelihood at each p (rtol 1e-9)")


@score.check("returns a number for a number, and a numpy array of p's shape for an array")
def _(t: Trial) -> None:
    k, n = _heads_and_flips(t)
    p = float(t.rng.uniform(0.05, 0.95))
    value = t.call(k, n, p)
    t.expect_type(value)
    t.expect_close(value, k / p - (n - k) / (1 - p), rtol=1e-9,
                   what="the slope of the log-likelihood at this p")
    grid = t.rng.uniform(0.05, 0.95, size=(3, 4))
    values = t.call(k, n, grid)
    t.expect_array(values, grid.shape)
    t.expect_close(values, k / grid - (n - k) / (1 - grid), rtol=1e-9,
                   what="one slope per entry of the 3 x 4 array p")


@score.mistake(
    "a sign error in the derivative of log(1 - p)",
    "Apply the chain rule to log(1 - p): the inner function 1 - p has a derivative of its "
    "own, and its sign decides whether the tails pull the slope up or down.")
def _(k, n, p):
    p = np.asarray(p, dtype=float)
    return k / p + (n - k) / (1 - p)


@score.mistake(
    "heads and tails swapped",
    "Write the log-likelihood as a sum over flips: which term, log p or log(1 - p), does "
    "each head contribute, and which does each tail? Count each kind.")
def _(k, n, p):
    p = np.asarray(p, dtype=float)
    return (n - k) / p - k / (1 - p)


@score.mistake(
    "n tails instead of n - k",
    "Of the n flips, k were heads: how many of them contribute a tail's term?")
def _(k, n, p):
    p = np.asarray(p, dtype=float)
    return k / p - n / (1 - p)


@score.mistake(
    "the score per flip instead of the total",
    "The score is the derivative of the whole log-likelihood, and the sum runs over all n "
    "flips: it is not an average.")
def _(k, n, p):
    p = np.asarray(p, dtype=float)
    return (k / p - (n - k) / (1 - p)) / n


# --------------------------------------------------------------------------------------------
information = exercise(
    "coin-observed-information", chapter=CHAPTER, function="observed_information",
    title="The observed information of k heads in n flips",
    forbidden=_BY_HAND)


@information.check("agrees with minus the second derivative of the log-likelihood, by "
                   "automatic differentiation, at five values of p")
def _(t: Trial) -> None:
    k, n = _heads_and_flips(t)
    p = np.sort(t.rng.uniform(0.05, 0.95, size=5))
    _, second = _autograd_derivatives(k, n, p)
    t.expect_close(t.call(k, n, p), -second, rtol=1e-9,
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


@information.check("is accurate to 1e-9 for p near 0 and 1, for no heads, all heads, "
                   "and thousands of flips")
def _(t: Trial) -> None:
    many_k, many_n = _many_flips(t)
    for k, n in ((0, many_n), (many_n, many_n), (many_k, many_n)):
        p = _extreme_p(t, inside=2)
        # two positive terms, each exact to an ulp
        t.expect_close(t.call(k, n, p), k / p**2 + (n - k) / (1 - p) ** 2, rtol=1e-9,
                       what="minus the curvature of the log-likelihood at each p (rtol 1e-9)")


@information.check("returns a number for a number, and a numpy array of p's shape for an "
                   "array")
def _(t: Trial) -> None:
    k, n = _heads_and_flips(t)
    p = float(t.rng.uniform(0.05, 0.95))
    value = t.call(k, n, p)
    t.expect_type(value)
    t.expect_close(value, k / p**2 + (n - k) / (1 - p) ** 2, rtol=1e-9,
                   what="minus the curvature of the log-likelihood at this p")
    grid = t.rng.uniform(0.05, 0.95, size=(4, 3))
    values = t.call(k, n, grid)
    t.expect_array(values, grid.shape)
    t.expect_close(values, k / grid**2 + (n - k) / (1 - grid) ** 2, rtol=1e-9,
                   what="one value per entry of the 4 x 3 array p")


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
    "possible samples. The two agree at p = k/n only; the observed information is the "
    "curvature of this sample's log-likelihood, so at other p it depends on k.")
def _(k, n, p):
    p = np.asarray(p, dtype=float)
    return n / (p * (1 - p))


@information.mistake(
    "a sign error in the tails' term",
    "Differentiate the tails' term of the score once more, with the chain rule on 1 - p. Both "
    "heads and tails make the log-likelihood more curved, so neither term can be negative.")
def _(k, n, p):
    p = np.asarray(p, dtype=float)
    return k / p**2 - (n - k) / (1 - p) ** 2


# --------------------------------------------------------------------------------------------
standard_error = exercise(
    "coin-standard-error", chapter=CHAPTER, function="standard_error",
    title="The standard error of the estimated probability of heads",
    forbidden=_BY_HAND)


def _mixed_flips(t: Trial, n: int) -> np.ndarray:
    """0/1 flips with both outcomes present, heads probability between 0.2 and 0.8."""
    flips = (t.rng.random(n) < t.rng.uniform(0.2, 0.8)).astype(int)
    flips[:2] = (1, 0)
    return t.rng.permutation(flips)


@standard_error.check("is 1 / sqrt(observed information) at the MLE, with the curvature "
                      "found by automatic differentiation")
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


@standard_error.check("is accurate to 1e-9 for thousands of flips with a single head or a "
                      "single tail")
def _(t: Trial) -> None:
    n = int(t.rng.integers(2000, 6000))
    for k in (1, n - 1, int(t.rng.integers(1, n))):
        flips = t.rng.permutation(_flips(k, n))
        p_hat = k / n
        value = t.call(flips)
        t.expect_type(value)
        t.expect_close(value, math.sqrt(p_hat * (1 - p_hat) / n), rtol=1e-9,
                       what=f"the standard error for {k} heads in {n} flips (rtol 1e-9)")


@standard_error.mistake(
    "n - 1 instead of n",
    "The standard error comes from the curvature of the log-likelihood at its maximum, and "
    "that curvature counts every one of the n flips: there is no degree of freedom to remove.")
def _(flips):
    flips = np.asarray(flips, dtype=float)
    p_hat = flips.mean()
    return np.sqrt(p_hat * (1 - p_hat) / (flips.size - 1))


@standard_error.mistake(
    "the variance instead of the standard error",
    "One over the observed information is the estimated variance of p_hat; the standard "
    "error is on the scale of p_hat itself.")
def _(flips):
    flips = np.asarray(flips, dtype=float)
    p_hat = flips.mean()
    return p_hat * (1 - p_hat) / flips.size


@standard_error.mistake(
    "the standard deviation of one flip",
    "This is the spread of a single 0/1 outcome. The estimate averages n flips, and the "
    "information of n flips is n times that of one.")
def _(flips):
    flips = np.asarray(flips, dtype=float)
    p_hat = flips.mean()
    return np.sqrt(p_hat * (1 - p_hat))


# --------------------------------------------------------------------------------------------
ascent = exercise(
    "coin-gradient-ascent", chapter=CHAPTER, function="logit_gradient_ascent",
    title="Gradient ascent on the logit",
    forbidden=_BY_HAND)


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


@ascent.check("takes the same steps as gradient ascent driven by automatic "
              "differentiation of the mean log-likelihood")
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
    # k/n between 0.2 and 0.8: the curvature p(1 - p) >= 0.16 makes 200 steps plenty
    k = min(max(k, int(np.ceil(0.2 * n))), int(0.8 * n))
    t.expect_close(t.call(k, n, 200, 4.0), k / n, atol=1e-9,
                   what="the maximum likelihood estimate k/n after 200 steps of size 4")


@ascent.check("never lowers the log-likelihood, and raises it overall")
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
    # near the maximum a step of size 4 changes the log-likelihood by less than its rounding
    rounding = 1e-12 * float(np.max(np.abs(loglik)))
    t.expect(bool(np.all(np.diff(loglik) >= -rounding) and loglik[-1] > loglik[0]),
             "expected: a log-likelihood that never falls with a step of size 4, and rises "
             "from p = 1/2\n"
             f"got:      p after 0..5 steps = {[round(p, 6) for p in path]}")


def _sigmoid(z: Any) -> Any:
    return 1 / (1 + np.exp(-z))


def _reference_ascent(k: int, n: int, steps: int, lr: float) -> float:
    """The iteration with the gradient in closed form and a sigmoid exact for any z."""
    from scipy.special import expit

    z = 0.0
    for _ in range(steps):
        z += lr * (k / n - float(expit(z)))
    return float(expit(z))


@ascent.check("is accurate to 1e-10 for all heads or all tails and steps up to 100, where "
              "the logit reaches +-50")
def _(t: Trial) -> None:
    # few flips, so that a total's gradient (n times the mean's) still gives p > 0 in float
    n = int(t.rng.integers(1, 6))
    for k in t.rng.permutation([0, n]):
        steps, lr = int(t.rng.integers(1, 6)), float(t.rng.uniform(60.0, 100.0))
        t.expect_close(t.call(int(k), n, steps, lr), _reference_ascent(int(k), n, steps, lr),
                       rtol=1e-10, what=f"sigmoid(z) after {steps} steps of size {lr:.4g}")


@ascent.check("follows the path for hundreds of small steps, before it converges")
def _(t: Trial) -> None:
    k, n = _many_flips(t)
    # steps so small that even n times larger ones (the total's gradient) do not converge
    steps, lr = int(t.rng.integers(100, 300)), float(t.rng.uniform(1e-7, 1e-6))
    t.expect_close(t.call(k, n, steps, lr), _reference_ascent(k, n, steps, lr), rtol=1e-10,
                   what=f"sigmoid(z) after {steps} steps of size {lr:.3g} (rtol 1e-10)")


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
    "The step is taken in z, so the gradient must be a derivative with respect to z: by the "
    "chain rule, the derivative in p times dp/dz. Work out dp/dz for the sigmoid and "
    "simplify the product.")
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
    "The exercise maximises the mean log-likelihood per flip, whose gradient does not grow "
    "with n. The total's gradient is n times larger, and a fixed step then overshoots.")
def _(k, n, steps, lr):
    z = 0.0
    for _ in range(steps):
        z += lr * (k - n * _sigmoid(z))
    return _sigmoid(z)


# --------------------------------------------------------------------------------------------
pooled = exercise(
    "coin-pooled-mle", chapter=CHAPTER, function="pooled_mle",
    title="One probability from several experiments",
    forbidden=_BY_HAND)


def _experiments(t: Trial, size: int = 6) -> tuple[np.ndarray, np.ndarray]:
    """Trials of very different sizes, so that pooling and averaging fractions differ."""
    trials = t.rng.integers(3, 80, size=size)
    successes = t.rng.binomial(trials, t.rng.uniform(0.2, 0.8))
    return successes, trials


@pooled.check("is the maximum likelihood estimate of the common p")
def _(t: Trial) -> None:
    k, n = _experiments(t)
    t.expect_close(t.call(k, n), binomial_mle(k, n), rtol=1e-12,
                   what="the maximum likelihood estimate of the common p (rtol 1e-12)")


@pooled.check("zeroes the derivative of the log-likelihood (by automatic differentiation)")
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


@pooled.check("allows experiments with no trials (n_i = 0), which say nothing about p")
def _(t: Trial) -> None:
    k, n = _experiments(t, size=8)
    empty = t.rng.permutation(8)[:3]
    k[empty], n[empty] = 0, 0
    t.expect_close(t.call(k, n), k.sum() / n.sum(), rtol=1e-12,
                   what="the estimate from the experiments that ran (rtol 1e-12)")
    only = np.zeros_like(n)
    where = int(t.rng.integers(8))
    only[where] = n[where] if n[where] else 7
    ones = np.minimum(only, t.rng.integers(0, only + 1))
    t.expect_close(t.call(ones, only), ones.sum() / only.sum(), rtol=1e-12,
                   what="the fraction of successes of the only experiment that ran")


@pooled.mistake(
    "the average of the per-experiment fractions",
    "Averaging k_i / n_i gives a 3-trial experiment as much weight as an 80-trial one. Write "
    "the log-likelihood of all the experiments together and see which totals it depends on.")
def _(k, n):
    return float(np.mean(np.asarray(k, dtype=float) / np.asarray(n, dtype=float)))


@pooled.mistake(
    "divided by the number of experiments instead of the number of trials",
    "sum(k) / len(k) is the mean number of successes per experiment, not a probability: a "
    "probability is a count of successes relative to a count of trials.")
def _(k, n):
    return float(np.sum(k) / len(k))


@pooled.mistake(
    "the fraction of failures",
    "k counts successes, and p is the probability of a success, not of a failure.")
def _(k, n):
    k, n = np.asarray(k, dtype=float), np.asarray(n, dtype=float)
    return float((n - k).sum() / n.sum())
