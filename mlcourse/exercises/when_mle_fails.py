"""Exercises of Chapter 11, *When maximum likelihood fails*."""

from __future__ import annotations

import math

import numpy as np

from ..mixtures import em_update, mixture_loglik, mixture_responsibilities
from ..robust import sandwich_cov as _sandwich_reference
from .framework import Trial, _to_numpy, describe, exercise
from .rules import Forbidden

CHAPTER = 11

# What "use only numpy" rules out: the libraries that have the answer ready-made, and the
# course's own functions, which the checks compare with.
ONLY_NUMPY = (
    Forbidden("scipy", "the exercise asks for numpy only"),
    Forbidden("torch", "the exercise asks for numpy only"),
    Forbidden("sklearn", "the exercise asks for numpy only; scikit-learn has EM ready-made"),
    Forbidden("statsmodels", "the exercise asks for numpy only; statsmodels has this "
              "ready-made"),
    Forbidden("mlcourse", "the check compares with the course's own function; write yours"),
)


def _random_spd(t: Trial, k: int) -> np.ndarray:
    """A random symmetric positive-definite matrix with condition number below about 100."""
    q, _ = np.linalg.qr(t.rng.normal(size=(k, k)))
    return (q * 10.0 ** t.rng.uniform(-1, 1, size=k)) @ q.T


def _expect_tuple_of_arrays(t: Trial, got: object, count: int, k: int) -> None:
    ok = (isinstance(got, tuple) and len(got) == count
          and all(isinstance(part, np.ndarray) and part.shape == (k,) for part in got))
    t.expect(ok, f"expected: a tuple of {count} numpy arrays, each of shape ({k},)\n"
                 f"got:      {describe(got)} ({type(got).__name__})")


# --------------------------------------------------------------------------------------------
sandwich = exercise(
    "misspec-sandwich", chapter=CHAPTER, function="sandwich_cov",
    title="The sandwich covariance",
    forbidden=(*ONLY_NUMPY,
               Forbidden("numpy.linalg.inv", "solve linear systems with A; do not invert it"),
               Forbidden("numpy.linalg.pinv", "solve linear systems with A; do not invert it"),
               # The other spellings of an explicit inverse: A to the power -1, and np.matrix,
               # whose .I attribute is the inverse.
               Forbidden("numpy.linalg.matrix_power",
                         "solve linear systems with A; do not raise it to the power -1"),
               Forbidden("numpy.linalg.tensorinv", "solve linear systems with A; do not invert it"),
               Forbidden("numpy.matrix", "solve linear systems with A; do not invert it (and "
                         "return an ndarray, not a matrix)")))


def _reference(scores: np.ndarray, hessian: np.ndarray) -> np.ndarray:
    half = np.linalg.solve(hessian, scores.T)
    return half @ half.T


@sandwich.check("agrees with A^-1 B A^-1 for random scores and a random Hessian")
def _(t: Trial) -> None:
    for n, k in ((40, 3), (15, 1), (60, 5)):
        scores, hessian = t.rng.normal(size=(n, k)), _random_spd(t, k) * n
        got = t.call(scores, hessian)
        t.expect_array(got, (k, k))
        t.expect_close(got, _reference(scores, hessian), rtol=1e-9,
                       what=f"the {k} x {k} sandwich A^-1 B A^-1, B = sum of s_i s_i^T")


@sandwich.check("is A^-1 when the outer products of the scores add up to A")
def _(t: Trial) -> None:
    # The information equality of a correct model: B = A, and the sandwich is A^-1.
    scores = t.rng.normal(size=(30, 3))
    hessian = scores.T @ scores
    t.expect_close(t.call(scores, hessian), np.linalg.solve(hessian, np.eye(3)), rtol=1e-9,
                   what="the inverse of A: the sandwich collapses when B = A")


@sandwich.check("gives the heteroscedasticity-robust covariance of least squares")
def _(t: Trial) -> None:
    n = 50
    X = np.column_stack([np.ones(n), t.rng.uniform(0, 10, size=n)])
    y = X @ [1.0, 2.0] + t.rng.normal(size=n) * (0.2 + X[:, 1])  # noise grows with x
    beta = np.linalg.lstsq(X, y, rcond=None)[0]
    e = y - X @ beta
    v = float(e @ e) / n
    expected = _reference(X * e[:, None], X.T @ X)
    t.expect_close(t.call(X * (e / v)[:, None], X.T @ X / v), expected, rtol=1e-8,
                   what="(X^T X)^-1 X^T diag(e^2) X (X^T X)^-1 (White's HC0)")


@sandwich.check("does not depend on the order of the observations or the sign of a score")
def _(t: Trial) -> None:
    scores, hessian = t.rng.normal(size=(25, 2)), _random_spd(t, 2) * 25
    first = t.call(scores, hessian)
    t.expect_array(first, (2, 2))
    signs = t.rng.choice([-1.0, 1.0], size=(25, 1))
    t.expect_close(t.call(t.rng.permutation(scores) * 1.0, hessian), first, rtol=1e-9,
                   what="the same matrix for the observations in another order")
    t.expect_close(t.call(scores * signs, hessian), first, rtol=1e-9,
                   what="the same matrix: B uses only the outer products s_i s_i^T")


@sandwich.check("transforms like a covariance when the parameters change units")
def _(t: Trial) -> None:
    scores, hessian = t.rng.normal(size=(30, 3)), _random_spd(t, 3) * 30
    first = np.asarray(_to_numpy(t.call(scores, hessian)), dtype=float)
    t.expect_type(first, shape=(3, 3))
    d = 10.0 ** t.rng.uniform(-2, 2, size=3)  # theta_j measured in units 1 / d_j
    t.expect_close(t.call(scores * d, hessian * np.outer(d, d)), first / np.outer(d, d),
                   rtol=1e-8, what="your matrix with entry (i, j) divided by d_i d_j")


@sandwich.mistake(
    "the model-based covariance A^-1",
    "That is the inverse observed information, which is right only when the model is right. "
    "The sandwich puts the spread of the scores, observed, between two copies of A^-1.")
def _(scores, hessian):
    return np.linalg.inv(np.asarray(hessian, dtype=float))


@sandwich.mistake(
    "B averaged over the observations",
    "A is the Hessian of the total negative log-likelihood, a sum over observations; the "
    "meat between the two A^-1 must be a sum as well, on the same scale.")
def _(scores, hessian):
    s = np.asarray(scores, dtype=float)
    return _reference(s, np.asarray(hessian, dtype=float)) / len(s)


@sandwich.mistake(
    "A B A instead of A^-1 B A^-1",
    "The bread of the sandwich is the inverse of the Hessian: a covariance shrinks when the "
    "curvature grows.")
def _(scores, hessian):
    s, a = np.asarray(scores, dtype=float), np.asarray(hessian, dtype=float)
    return a @ (s.T @ s) @ a


@sandwich.mistake(
    "A^-1 on one side only",
    "A covariance is symmetric, and so is the sandwich: the bread is on both sides of the "
    "meat, once on the left and once on the right.")
def _(scores, hessian):
    s = np.asarray(scores, dtype=float)
    return np.linalg.solve(np.asarray(hessian, dtype=float), s.T @ s)


@sandwich.mistake(
    "the small-sample factor n / (n - k) applied",
    "The statement asks for HC0, the plain sandwich; HC1 is the one with a degrees-of-freedom "
    "correction.")
def _(scores, hessian):
    s = np.asarray(scores, dtype=float)
    n, k = s.shape
    return _reference(s, np.asarray(hessian, dtype=float)) * n / (n - k)


# --------------------------------------------------------------------------------------------
step = exercise(
    "mixture-em-step", chapter=CHAPTER, function="em_step",
    title="One step of EM for a Gaussian mixture", forbidden=ONLY_NUMPY)


def _mixture_start(t: Trial, k: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    return (t.rng.dirichlet(np.full(k, 3.0)), np.sort(t.rng.normal(0.0, 3.0, size=k)),
            t.rng.uniform(0.5, 2.0, size=k))


def _mixture_data(t: Trial, n: int = 60) -> np.ndarray:
    centres = t.rng.choice([-3.0, 0.5, 4.0], size=n)
    return centres + t.rng.normal(size=n)


@step.check("returns a tuple (weights, means, sigmas) of arrays of shape (K,)")
def _(t: Trial) -> None:
    x, start = _mixture_data(t), _mixture_start(t, 3)
    _expect_tuple_of_arrays(t, t.call(x, *start), 3, 3)


@step.check("agrees with the E-step and M-step computed by hand")
def _(t: Trial) -> None:
    for k in (2, 3):
        x, start = _mixture_data(t), _mixture_start(t, k)
        got = t.call(x, *start)
        _expect_tuple_of_arrays(t, got, 3, k)
        t.expect_close(got, np.array(em_update(x, *start)), rtol=1e-9,
                       what="(weights, means, sigmas) after one step")


@step.check("never decreases the log-likelihood")
def _(t: Trial) -> None:
    x = _mixture_data(t)
    params = _mixture_start(t, 3)
    before = mixture_loglik(x, *params)
    for iteration in range(1, 6):
        if np.min(em_update(x, *params)[2]) < 1e-6:
            # The next step collapses a component onto one observation (a few seeds in a
            # hundred): its sigma may underflow to exactly 0, where the likelihood is unbounded.
            break
        got = t.call(x, *params)
        _expect_tuple_of_arrays(t, got, 3, 3)
        w, mu, sd = (np.asarray(part, dtype=float) for part in got)
        ok = (np.all(np.isfinite(w)) and np.all(w >= 0) and abs(w.sum() - 1) < 1e-9
              and np.all(np.isfinite(mu)) and np.all(sd > 0) and np.all(np.isfinite(sd)))
        t.expect(ok, "expected: weights >= 0 summing to 1, finite means, positive sigmas\n"
                     f"got:      {describe(w)}, {describe(mu)}, {describe(sd)}")
        after = mixture_loglik(x, w, mu, sd)
        t.expect(after >= before - 1e-9 * abs(before),
                 f"expected: a log-likelihood >= {before:.6f} after step {iteration}\n"
                 f"got:      {after:.6f}")
        before, params = after, (w, mu, sd)


@step.check("permutes its output when the components are relabelled")
def _(t: Trial) -> None:
    x, start = _mixture_data(t), _mixture_start(t, 3)
    first = t.call(x, *start)
    _expect_tuple_of_arrays(t, first, 3, 3)
    order = t.rng.permutation(3)
    while np.all(order == np.arange(3)):
        order = t.rng.permutation(3)
    expected = np.array([np.asarray(part, dtype=float)[order] for part in first])
    t.expect_close(t.call(x, *(part[order] for part in start)), expected, rtol=1e-9,
                   what="your previous answer, with the components in the new order")


@step.check("with one component gives the mean and the MLE standard deviation of x")
def _(t: Trial) -> None:
    x = t.rng.normal(2.0, 3.0, size=20)
    got = t.call(x, np.array([1.0]), np.array([t.rng.normal()]),
                 np.array([t.rng.uniform(0.5, 2)]))
    t.expect_close(got, np.array([[1.0], [x.mean()], [x.std()]]), rtol=1e-9,
                   what="weight 1, the sample mean and the standard deviation dividing by n")


@step.check("is exact for observations 1000 standard deviations from every component")
def _(t: Trial) -> None:
    # Every density underflows to 0 there, so responsibilities formed from the densities
    # themselves are 0 / 0; in log space they are well defined.
    x = _mixture_data(t, 30)
    far = t.rng.choice([-1.0, 1.0], 3) * t.rng.uniform(1000, 2000, size=3)
    x[t.rng.choice(30, size=3, replace=False)] = far
    start = _mixture_start(t, 2)
    t.expect_close(t.call(x, *start), np.array(em_update(x, *start)), rtol=1e-9,
                   what="finite (weights, means, sigmas), to a relative 1e-9")


@step.check("moves with the data: a shift of x and of the means by c moves the new means by c")
def _(t: Trial) -> None:
    # Spreads formed as E[x^2] - E[x]^2 lose every digit this far from zero; deviations from
    # the means keep them (the shift itself rounds x by about 1e-10, far below 1e-7).
    x, start = _mixture_data(t), _mixture_start(t, 3)
    c = float(t.rng.choice([-1.0, 1.0]) * 10.0 ** t.rng.uniform(5, 6))
    weights, means, sigmas = em_update(x, *start)
    got = t.call(x + c, start[0], start[1] + c, start[2])
    _expect_tuple_of_arrays(t, got, 3, 3)
    t.expect_close(got, np.array([weights, means + c, sigmas]), rtol=1e-7,
                   what=f"the unshifted step's weights, means + c and sigmas (c = {c:.8g}), "
                        "to a relative 1e-7")


@step.mistake(
    "sigmas used as variances in the densities",
    "The third input holds standard deviations: in a Gaussian density the squared distance "
    "is divided by twice the square of sigma, and the normalising constant has sigma itself, "
    "not its square root.")
def _(x, weights, means, sigmas):
    x = np.asarray(x, dtype=float)
    r = mixture_responsibilities(x, weights, means, np.sqrt(np.asarray(sigmas, dtype=float)))
    n_j = r.sum(axis=0)
    mu = r.T @ x / n_j
    return n_j / len(x), mu, np.sqrt((r * (x[:, None] - mu) ** 2).sum(axis=0) / n_j)


@step.mistake(
    "variances returned instead of standard deviations",
    "The third output holds standard deviations, like the third input; the M-step gives a "
    "weighted average of squared deviations first.")
def _(x, weights, means, sigmas):
    w, mu, sd = em_update(x, weights, means, sigmas)
    return w, mu, sd**2


@step.mistake(
    "spread measured about the old means",
    "The M-step maximises over means and variances together: the variance of a component "
    "is measured about its new mean, the one this step has just computed.")
def _(x, weights, means, sigmas):
    x, mu0 = np.asarray(x, dtype=float), np.asarray(means, dtype=float)
    w, mu, _ = em_update(x, weights, means, sigmas)
    r = mixture_responsibilities(x, weights, means, sigmas)
    return w, mu, np.sqrt((r * (x[:, None] - mu0) ** 2).sum(axis=0) / r.sum(axis=0))


@step.mistake(
    "weights not divided by n",
    "The new weight of a component is a share of the data, so the weights must add up to 1; "
    "yours add up to the number of observations.")
def _(x, weights, means, sigmas):
    w, mu, sd = em_update(x, weights, means, sigmas)
    return w * len(x), mu, sd


@step.mistake(
    "responsibilities not normalised",
    "A responsibility is a posterior probability: for each observation they sum to 1 over "
    "the components (Bayes' rule divides by the mixture density of that observation).")
def _(x, weights, means, sigmas):
    x = np.asarray(x, dtype=float)
    w0, mu0, sd0 = (np.asarray(v, dtype=float) for v in (weights, means, sigmas))
    r = w0 * np.exp(-0.5 * ((x[:, None] - mu0) / sd0) ** 2) / (sd0 * math.sqrt(2 * math.pi))
    n_j = r.sum(axis=0)
    mu = (r * x[:, None]).sum(axis=0) / n_j
    return n_j / len(x), mu, np.sqrt((r * (x[:, None] - mu) ** 2).sum(axis=0) / n_j)


# --------------------------------------------------------------------------------------------
spike = exercise(
    "mixture-spike-loglik", chapter=CHAPTER, function="spike_loglik",
    title="The log-likelihood of a spike", forbidden=ONLY_NUMPY)


def _spike_reference(x: np.ndarray, center: float, sigma: float) -> float:
    return mixture_loglik(x, [0.5, 0.5], [center, float(np.mean(x))],
                          [sigma, float(np.std(x))])


def _tied_sample(t: Trial, ties: int) -> tuple[np.ndarray, float]:
    center = float(np.round(t.rng.normal(0.0, 2.0), 1))
    x = np.concatenate([np.full(ties, center), np.round(t.rng.normal(0.0, 2.0, size=25), 1)])
    x = x[(x != center) | (np.arange(x.size) < ties)]
    return t.rng.permutation(x), center


@spike.check("agrees with the log of the mixture density, summed over the data")
def _(t: Trial) -> None:
    for sigma in (0.5, 2.0, 0.05):
        x = t.rng.normal(1.0, 2.0, size=30)
        center = float(x[int(t.rng.integers(0, 30))])
        t.expect_close(t.call(x, center, sigma), _spike_reference(x, center, sigma),
                       rtol=1e-10, what="sum_i log(p(x_i)) in nats, to a relative 1e-10")


@spike.check("grows by k log 10 for each tenfold shrinking of sigma (k ties at the centre)")
def _(t: Trial) -> None:
    ties = int(t.rng.integers(2, 6))
    x, center = _tied_sample(t, ties)
    low = 10.0 ** t.rng.uniform(-60, -20)
    high = low * 10
    got_low, got_high = t.call(x, center, low), t.call(x, center, high)
    t.expect_type(got_low)
    t.expect_type(got_high)
    gain = float(np.asarray(_to_numpy(got_low))) - float(np.asarray(_to_numpy(got_high)))
    t.expect(abs(gain - ties * math.log(10)) <= 1e-6 * ties * math.log(10),
             f"expected: an increase of {ties} log 10 = {ties * math.log(10):.6f}\n"
             f"got:      an increase of {gain:.6f}")


@spike.check("is finite and exact for sigma from 1e-300 down to subnormal values")
def _(t: Trial) -> None:
    # 1 / sigma overflows to inf below about 5.6e-309: the density of the spike itself
    # cannot be formed, only its logarithm.
    x, center = _tied_sample(t, 3)
    for sigma in (10.0 ** t.rng.uniform(-305, -300), float(t.rng.integers(1, 1000)) * 5e-324):
        got = t.call(x, center, sigma)
        t.expect_finite(got, "a finite log-likelihood: sigma is a positive float")
        t.expect_close(got, _spike_reference(x, center, sigma), rtol=1e-10,
                       what="the log-likelihood, to a relative 1e-10")


@spike.check("is exact with an outlier far in the tails of both components")
def _(t: Trial) -> None:
    # One outlier among n points is at most sqrt(n - 1) wide standard deviations from the
    # mean: with n = 2000 and a distance of 1e4 it is about 44 of them, where the wide
    # density, exp(-1000), underflows as well as the spike's.
    n = 2000
    x = t.rng.normal(0.0, 1.0, size=n)
    x[0] = float(t.rng.choice([-1.0, 1.0]) * t.rng.uniform(1e4, 2e4))
    center = float(x[int(t.rng.integers(1, n))])
    x = t.rng.permutation(x)
    got = t.call(x, center, 0.1)
    t.expect_finite(got, "a finite log-likelihood: every density is positive")
    t.expect_close(got, _spike_reference(x, center, 0.1), rtol=1e-10,
                   what="the log-likelihood, to a relative 1e-10")


@spike.check("does not depend on the order of the data")
def _(t: Trial) -> None:
    x = t.rng.normal(0.0, 1.0, size=20)
    t.expect_unchanged_by_shuffling(x, float(x[3]), 0.2)


@spike.mistake(
    "the weights of one half left out",
    "Each component carries half of the probability: the mixture density is a weighted "
    "sum, and without the weights it integrates to 2.")
def _(x, center, sigma):
    return _spike_reference(np.asarray(x, dtype=float), center, sigma) + len(x) * math.log(2)


@spike.mistake(
    "sigma used as the variance",
    "sigma is a standard deviation: the exponent divides the squared distance by its "
    "square, and the normalising constant has sigma itself.")
def _(x, center, sigma):
    x = np.asarray(x, dtype=float)
    return mixture_loglik(x, [0.5, 0.5], [center, x.mean()], [math.sqrt(sigma), x.std()])


@spike.mistake(
    "the wide component's variance with n - 1",
    "The wide component is the Gaussian MLE of the data, whose variance divides by n.")
def _(x, center, sigma):
    x = np.asarray(x, dtype=float)
    return mixture_loglik(x, [0.5, 0.5], [center, x.mean()], [sigma, x.std(ddof=1)])


# --------------------------------------------------------------------------------------------
variance_sandwich = exercise(
    "misspec-variance-sandwich", chapter=CHAPTER, function="gaussian_var_sandwich",
    title="How uncertain is a Gaussian variance, really?", forbidden=ONLY_NUMPY)


def _variance_reference(x: np.ndarray) -> float:
    """The (v, v) entry of A^-1 B A^-1 for the Gaussian model in (mu, v)."""
    n = x.size
    mu = x.mean()
    e = x - mu
    v = float(e @ e) / n
    scores = np.column_stack([e / v, (e**2 - v) / (2 * v**2)])
    hessian = np.array([[n / v, 0.0], [0.0, n / (2 * v**2)]])
    return float(_sandwich_reference(scores, hessian)[1, 1])


@variance_sandwich.check("agrees with the sandwich built from the scores of (mu, sigma^2)")
def _(t: Trial) -> None:
    for draw in (t.rng.exponential(2.0, size=50), t.rng.normal(0.0, 3.0, size=15),
                 t.rng.standard_t(4, size=200)):
        t.expect_close(t.call(draw), _variance_reference(draw), rtol=1e-9,
                       what="the (sigma^2, sigma^2) entry of A^-1 B A^-1")


@variance_sandwich.check("ignores a shift of the data and scales with the fourth power")
def _(t: Trial) -> None:
    x = t.rng.exponential(1.0, size=40)
    first = t.call(x)
    t.expect_type(first)
    shift, scale = float(t.rng.normal(0, 50)), float(10 ** t.rng.uniform(-2, 2))
    t.expect_close(t.call(shift + scale * x), float(first) * scale**4, rtol=1e-8,
                   what=f"your value for x times {scale:.4g}^4")


@variance_sandwich.check("does not depend on the order of the data")
def _(t: Trial) -> None:
    t.expect_unchanged_by_shuffling(t.rng.gamma(2.0, size=30))


@variance_sandwich.check("is 0 when every point is equally far from the mean")
def _(t: Trial) -> None:
    a, centre = float(t.rng.uniform(0.5, 3)), float(t.rng.normal(0, 5))
    x = t.rng.permutation(centre + a * np.repeat([-1.0, 1.0], 6))
    t.expect_close(t.call(x), 0.0, atol=1e-12 * a**4,
                   what="0: every squared deviation equals the variance, so no score varies")


@variance_sandwich.check("is exact for data near 1e8 with a spread of 1")
def _(t: Trial) -> None:
    # E[x^2] - E[x]^2 cancels catastrophically here: every digit of the variance is lost.
    x = 1e8 + t.rng.exponential(1.0, size=60)
    t.expect_close(t.call(x), _variance_reference(x), rtol=1e-6,
                   what="the sandwich variance, to a relative 1e-6")


@variance_sandwich.mistake(
    "the model-based variance 2 sigma^4 / n",
    "That is what the Gaussian model claims, from the curvature alone; the sandwich uses the "
    "observed spread of the squared deviations, which the model gets wrong for other data.")
def _(x):
    x = np.asarray(x, dtype=float)
    return 2 * x.var() ** 2 / x.size


@variance_sandwich.mistake(
    "divided by n instead of n^2",
    "The variance of an average of n terms shrinks like 1/n: the sum of squares is divided "
    "by the square of the number of terms.")
def _(x):
    x = np.asarray(x, dtype=float)
    return _variance_reference(x) * x.size


@variance_sandwich.mistake(
    "the variance with n - 1",
    "The estimate whose uncertainty is asked for is the MLE of the variance, which divides "
    "by n.")
def _(x):
    x = np.asarray(x, dtype=float)
    e2 = (x - x.mean()) ** 2
    return float(np.sum((e2 - e2.sum() / (x.size - 1)) ** 2)) / x.size**2


@variance_sandwich.mistake(
    "n (n - 1) in the denominator",
    "The sandwich is a plug-in estimate: B sums the squared scores and A is the Hessian, "
    "both at the MLE, and neither has a degrees-of-freedom correction.")
def _(x):
    x = np.asarray(x, dtype=float)
    return _variance_reference(x) * x.size / (x.size - 1)


@variance_sandwich.mistake(
    "a standard error instead of a variance",
    "The entry of A^-1 B A^-1 is a variance, in the units of sigma^2 squared; its square "
    "root is the standard error.")
def _(x):
    return math.sqrt(_variance_reference(np.asarray(x, dtype=float)))


@variance_sandwich.mistake(
    "the Hessian without its factor 1/2",
    "Differentiate the log-likelihood twice in sigma^2 and evaluate at the estimate: the two "
    "terms do not cancel, and a half remains.")
def _(x):
    return _variance_reference(np.asarray(x, dtype=float)) / 4


@variance_sandwich.mistake(
    "the score without its factor 1/2",
    "The derivative of the log-density in sigma^2 has a 2 sigma^4 beneath the difference "
    "of the squared deviation and sigma^2.")
def _(x):
    return _variance_reference(np.asarray(x, dtype=float)) * 4


@variance_sandwich.mistake(
    "squares of x instead of squared deviations",
    "The score of sigma^2 involves the deviations from the estimated mean, not the raw "
    "values.")
def _(x):
    x = np.asarray(x, dtype=float)
    v = x.var()
    return float(np.sum((x**2 - v) ** 2)) / x.size**2


# --------------------------------------------------------------------------------------------
separation = exercise(
    "separation-direction", chapter=CHAPTER, function="separation_limit",
    title="Where the log-likelihood goes along a direction", forbidden=ONLY_NUMPY)

_LOG_HALF = -math.log(2.0)


def _limit_reference(X: np.ndarray, y: np.ndarray, d: np.ndarray) -> float:
    """The sum over observations of lim log sigma(t m_i), m_i the signed margin."""
    margins = np.where(y == 1, 1.0, -1.0) * (X @ d)
    if np.any(margins < 0):
        return -math.inf
    return _LOG_HALF * int(np.sum(margins == 0))


def _integer_design(t: Trial, n: int, k: int) -> tuple[np.ndarray, np.ndarray]:
    """Small integers, an intercept column and a non-zero integer direction: every margin is
    computed exactly, so a zero margin is exactly 0."""
    X = np.column_stack([np.ones(n), t.rng.integers(-3, 4, size=(n, k - 1))]).astype(float)
    d = t.rng.integers(-2, 3, size=k).astype(float)
    while not np.any(d[1:]):
        d = t.rng.integers(-2, 3, size=k).astype(float)
    return X, d


def _separated(t: Trial, n: int = 30, k: int = 3, ties: int = 0
               ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Data that d separates, both classes off the boundary, with exactly `ties`
    observations on it."""
    while True:  # rarely more than once
        X, d = _integer_design(t, 4 * n, k)
        z = X @ d
        off, on = np.flatnonzero(z != 0)[:n - ties], np.flatnonzero(z == 0)[:ties]
        if (on.size == ties and off.size == n - ties and np.any(z[off] > 0)
                and np.any(z[off] < 0)):
            break
    rows = t.rng.permutation(np.concatenate([off, on]))
    X, z = X[rows], z[rows]
    y = np.where(z > 0, 1, np.where(z < 0, 0, t.rng.integers(0, 2, size=z.size)))
    return X, y, d


@separation.check("is 0 when the direction separates the classes completely")
def _(t: Trial) -> None:
    for k in (2, 4):
        X, y, d = _separated(t, k=k)
        t.expect_close(t.call(X, y, d), 0.0, atol=1e-12,
                       what="0: every term log sigma(t m_i) tends to log 1")


@separation.check("loses log 2 for each observation exactly on the boundary")
def _(t: Trial) -> None:
    ties = int(t.rng.integers(1, 6))
    X, y, d = _separated(t, ties=ties)
    t.expect_close(t.call(X, y, d), ties * _LOG_HALF, rtol=1e-12,
                   what=f"{ties} times log(1/2), the term of a zero margin")


@separation.check("is -inf when one observation of either class is on the wrong side")
def _(t: Trial) -> None:
    for label in (0, 1):
        X, y, d = _separated(t, ties=int(t.rng.integers(0, 3)))
        z = X @ d
        wrong = t.rng.choice(np.flatnonzero((z != 0) & (y == label)))
        y = y.copy()
        y[wrong] = 1 - label
        t.expect_close(t.call(X, y, d), -math.inf,
                       what=f"-inf: a label {label} turned into {1 - label} on the wrong side")


@separation.check("is -n log 2 for the zero direction")
def _(t: Trial) -> None:
    X, y, d = _separated(t, n=int(t.rng.integers(5, 40)))
    t.expect_close(t.call(X, y, np.zeros_like(d)), len(y) * _LOG_HALF, rtol=1e-12,
                   what="n log(1/2): every logit stays 0")


@separation.check("does not change when the data are reordered or d is rescaled")
def _(t: Trial) -> None:
    X, y, d = _separated(t, ties=int(t.rng.integers(0, 4)))
    first = t.call(X, y, d)
    t.expect_type(first)
    expected = _limit_reference(X, y, d)
    t.expect_close(first, expected, rtol=1e-12, what="the limit of the log-likelihood")
    order = t.rng.permutation(len(y))
    scale = 2.0 ** int(t.rng.integers(-30, 31))  # a power of 2: margins stay exact
    t.expect_close(t.call(X[order], y[order], d * scale), expected, rtol=1e-12,
                   what=f"the same limit for the rows reordered and d times {scale:g}")


@separation.mistake(
    "labels 0 not flipped",
    "An observation with label 0 is on its side when its logit is negative: its term "
    "log(1 - sigma(z)) grows when z falls.")
def _(X, y, d):
    margins = np.asarray(X, dtype=float) @ np.asarray(d, dtype=float)
    if np.any(margins < 0):
        return -math.inf
    return _LOG_HALF * int(np.sum(margins == 0))


@separation.mistake(
    "the boundary counted as separated",
    "An observation on the boundary keeps a logit of 0 for every t: its probability stays "
    "one half, whatever the size of the coefficients.")
def _(X, y, d):
    value = _limit_reference(np.asarray(X, dtype=float), np.asarray(y), np.asarray(d, float))
    return 0.0 if value > -math.inf else value


@separation.mistake(
    "the boundary counted as the wrong side",
    "A zero margin does not grow with t, in either direction: its term is constant, not "
    "heading to minus infinity.")
def _(X, y, d):
    margins = np.where(np.asarray(y) == 1, 1.0, -1.0) * (np.asarray(X, float) @ d)
    return -math.inf if np.any(margins <= 0) else 0.0


@separation.mistake(
    "log 2 with the wrong sign",
    "A log-likelihood of 0/1 labels is never positive: each term is the log of a "
    "probability.")
def _(X, y, d):
    return -_limit_reference(np.asarray(X, dtype=float), np.asarray(y), np.asarray(d, float))
