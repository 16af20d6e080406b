"""Exercises of Chapter 8, *Cross-entropy and KL divergence*."""

from __future__ import annotations

import math

import numpy as np
from scipy import integrate, special, stats

from ..densities import categorical_logpmf
from ..information import entropy, gaussian_kl_divergence
from ..logspace import log_softmax
from .framework import Trial, _to_numpy, describe, exercise

CHAPTER = 8


# --------------------------------------------------------------------------------------------
shannon_entropy = exercise(
    "kl-entropy", chapter=CHAPTER, function="shannon_entropy",
    title="Entropy, with 0 log 0 = 0")


@shannon_entropy.check("agrees with scipy.stats.entropy for vectors without zeros")
def _(t: Trial) -> None:
    for k in (2, 5, 12):
        p = t.rng.dirichlet(np.ones(k))
        t.expect_close(t.call(p), stats.entropy(p), rtol=1e-10,
                              what=f"-sum p log p in nats, for {k} categories")


@shannon_entropy.check("treats 0 log 0 as 0: categories with probability 0 change nothing")
def _(t: Trial) -> None:
    positive = t.rng.dirichlet(np.ones(4))
    p = t.rng.permutation(np.concatenate([positive, np.zeros(3)]))
    t.expect_close(t.call(p), stats.entropy(positive), rtol=1e-10,
                          what="the entropy of the nonzero probabilities alone")


@shannon_entropy.check("is log K for the uniform distribution and 0 for a certain outcome")
def _(t: Trial) -> None:
    k = int(t.rng.integers(3, 9))
    t.expect_close(t.call(np.full(k, 1.0 / k)), math.log(k), rtol=1e-12,
                   what=f"log {k} (natural log): every category equally likely")
    certain = np.zeros(k)
    certain[int(t.rng.integers(0, k))] = 1.0
    t.expect_close(t.call(certain), 0.0, rtol=0.0,
                          what="0: the outcome is certain, there is no surprise")


@shannon_entropy.check("does not depend on the order of the categories")
def _(t: Trial) -> None:
    t.expect_unchanged_by_shuffling(t.rng.dirichlet(np.ones(7)))


@shannon_entropy.mistake(
    "forgot the minus sign",
    "log p <= 0 for a probability, so sum p log p is <= 0; the entropy is its negative, "
    "-sum p log p >= 0.")
def _(p):
    p = np.asarray(p, dtype=float)
    return float(np.sum(special.xlogy(p, p)))


@shannon_entropy.mistake(
    "bits (log2) instead of nats",
    "The course measures information in nats, with the natural log np.log; np.log2 gives "
    "bits, a value 1/log(2) = 1.44 times larger.")
def _(p):
    p = np.asarray(p, dtype=float)
    return float(-np.sum(special.xlogy(p, p)) / math.log(2))


@shannon_entropy.mistake(
    "a mean over the categories instead of a sum",
    "The probabilities p_j already weight the surprises -log p_j; the expectation is their "
    "sum, not their average over the K categories.")
def _(p):
    p = np.asarray(p, dtype=float)
    return float(-np.mean(special.xlogy(p, p)))


@shannon_entropy.mistake(
    "0 log 0 computed as nan",
    "np.log(0) is -inf and 0 * -inf is nan. The limit of p log p as p -> 0 is 0: leave those "
    "terms out (a mask p > 0) or use scipy.special.xlogy(p, p), which is 0 at p = 0.")
def _(p):
    p = np.asarray(p, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        return float(-np.sum(p * np.log(p)))


# --------------------------------------------------------------------------------------------
discrete_kl = exercise(
    "kl-divergence", chapter=CHAPTER, function="discrete_kl",
    title="The KL divergence of two discrete distributions")


@discrete_kl.check("agrees with the sum of scipy.special.rel_entr for vectors without zeros")
def _(t: Trial) -> None:
    for k in (2, 4, 9):
        p, q = t.rng.dirichlet(np.ones(k)), t.rng.dirichlet(np.ones(k))
        t.expect_close(t.call(p, q), special.rel_entr(p, q).sum(), rtol=1e-9,
                              what=f"sum p log(p / q) in nats, for {k} categories")


@discrete_kl.check("is 0 when q = p and positive otherwise (Gibbs' inequality)")
def _(t: Trial) -> None:
    p = t.rng.dirichlet(np.ones(5))
    t.expect_close(t.call(p, p.copy()), 0.0, rtol=0.0,
                          what="0: a distribution does not diverge from itself")
    q = t.rng.dirichlet(np.ones(5))
    got = t.call(p, q)
    t.expect_type(got)
    t.expect(float(np.asarray(_to_numpy(got))) > 0,
             f"expected: a positive number, since q differs from p\ngot:      {describe(got)}")


@discrete_kl.check("ignores the categories where p is 0, even where q is 0 too")
def _(t: Trial) -> None:
    p = np.concatenate([t.rng.dirichlet(np.ones(3)), [0.0, 0.0]])
    q = np.concatenate([0.8 * t.rng.dirichlet(np.ones(3)), [0.2, 0.0]])
    order = t.rng.permutation(5)
    t.expect_close(t.call(p[order], q[order]), special.rel_entr(p, q).sum(),
                          rtol=1e-9, what="the sum over the categories with p > 0 only")


@discrete_kl.check("is +inf when q is 0 somewhere p is not")
def _(t: Trial) -> None:
    p = t.rng.dirichlet(np.ones(4))
    q = np.concatenate([t.rng.dirichlet(np.ones(3)), [0.0]])
    t.expect_close(t.call(p, q), math.inf,
                   what="inf: q says impossible to something that happens under p")


@discrete_kl.mistake(
    "the arguments swapped",
    "KL(p || q) takes the expectation under p: sum over j of p_j log(p_j / q_j). You computed "
    "sum q_j log(q_j / p_j), which is KL(q || p), a different number: KL is not symmetric.")
def _(p, q):
    p, q = np.asarray(p, dtype=float), np.asarray(q, dtype=float)
    return float(special.rel_entr(q, p).sum())


@discrete_kl.mistake(
    "bits (log2) instead of nats",
    "Use the natural log, np.log: the course measures divergences in nats. np.log2 gives "
    "bits, 1.44 times more.")
def _(p, q):
    p, q = np.asarray(p, dtype=float), np.asarray(q, dtype=float)
    return float(special.rel_entr(p, q).sum() / math.log(2))


@discrete_kl.mistake(
    "0 log 0 computed as nan",
    "Where p_j = 0, p_j * log(p_j / q_j) is 0 * -inf = nan in floating point, but its value is "
    "0. Sum only over the categories with p_j > 0 (or use scipy.special.rel_entr).")
def _(p, q):
    p, q = np.asarray(p, dtype=float), np.asarray(q, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        return float(np.sum(p * np.log(p / q)))


@discrete_kl.mistake(
    "a small epsilon hides the infinite divergence",
    "Adding a small number to q (or to both) turns log(p / 0) into a large finite number. The "
    "true divergence is +inf: q rules out something that p produces, and no finite amount of "
    "extra code length makes up for it.")
def _(p, q):
    p, q = np.asarray(p, dtype=float), np.asarray(q, dtype=float)
    eps = 1e-10
    return float(np.sum(p * np.log((p + eps) / (q + eps))))


# --------------------------------------------------------------------------------------------
gaussian_kl = exercise(
    "kl-gaussian", chapter=CHAPTER, function="gaussian_kl",
    title="The KL divergence between two Gaussians")


def _random_gaussians(t: Trial) -> tuple[float, float, float, float]:
    mu_p, mu_q = (float(v) for v in t.rng.normal(0.0, 2.0, size=2))
    sigma_p, sigma_q = (float(v) for v in t.rng.uniform(0.3, 3.0, size=2))
    return mu_p, sigma_p, mu_q, sigma_q


@gaussian_kl.check("agrees with mlcourse.gaussian_kl_divergence for random parameters")
def _(t: Trial) -> None:
    for _ in range(4):
        case = _random_gaussians(t)
        t.expect_close(t.call(*case), gaussian_kl_divergence(*case), rtol=1e-9,
                       what="KL(p || q) in nats")


@gaussian_kl.check("equals the integral of p(x) log(p(x) / q(x)), computed numerically")
def _(t: Trial) -> None:
    mu_p, sigma_p, mu_q, sigma_q = _random_gaussians(t)

    def integrand(x: float) -> float:
        log_p = stats.norm.logpdf(x, mu_p, sigma_p)
        return math.exp(log_p) * (log_p - stats.norm.logpdf(x, mu_q, sigma_q))

    value, _ = integrate.quad(integrand, mu_p - 30 * sigma_p, mu_p + 30 * sigma_p,
                              points=[mu_p], epsabs=1e-12, epsrel=1e-11, limit=200)
    # the quadrature is accurate to about 1e-10 relative
    t.expect_close(t.call(mu_p, sigma_p, mu_q, sigma_q), value, rtol=1e-8,
                   what="the integral of p log(p / q) over the real line (scipy quad)")


@gaussian_kl.check("is 0 for two equal Gaussians")
def _(t: Trial) -> None:
    mu, sigma = float(t.rng.normal(0.0, 3.0)), float(t.rng.uniform(0.2, 4.0))
    t.expect_close(t.call(mu, sigma, mu, sigma), 0.0, atol=1e-14,
                   what="0: the two distributions are the same")


@gaussian_kl.check("is unchanged when both distributions are shifted and scaled alike")
def _(t: Trial) -> None:
    mu_p, sigma_p, mu_q, sigma_q = _random_gaussians(t)
    first = t.call(mu_p, sigma_p, mu_q, sigma_q)
    t.expect_type(first)
    shift, scale = float(t.rng.normal(0.0, 5.0)), float(t.rng.uniform(0.2, 5.0))
    t.expect_close(t.call(shift + scale * mu_p, scale * sigma_p, shift + scale * mu_q,
                          scale * sigma_q), float(first), rtol=1e-9,
                   what="the same value: KL does not depend on the units of x")


@gaussian_kl.mistake(
    "standard deviations used where variances belong",
    "The fraction is (sigma_p**2 + (mu_p - mu_q)**2) / (2 * sigma_q**2): the arguments are "
    "standard deviations, so square them.")
def _(mu_p, sigma_p, mu_q, sigma_q):
    return (math.log(sigma_q / sigma_p)
            + (sigma_p + (mu_p - mu_q) ** 2) / (2 * sigma_q) - 0.5)


@gaussian_kl.mistake(
    "the arguments swapped",
    "KL(p || q) is an expectation under p, and the formula is not symmetric: "
    "log(sigma_q / sigma_p) + (sigma_p**2 + (mu_p - mu_q)**2) / (2 sigma_q**2) - 1/2. You "
    "computed KL(q || p).")
def _(mu_p, sigma_p, mu_q, sigma_q):
    return float(gaussian_kl_divergence(mu_q, sigma_q, mu_p, sigma_p))


@gaussian_kl.mistake(
    "the log of the variance ratio without the factor 1/2",
    "log(sigma_q / sigma_p) = (1/2) log(sigma_q**2 / sigma_p**2): written with variances, the "
    "log term needs its factor 1/2.")
def _(mu_p, sigma_p, mu_q, sigma_q):
    return (math.log(sigma_q**2 / sigma_p**2)
            + (sigma_p**2 + (mu_p - mu_q) ** 2) / (2 * sigma_q**2) - 0.5)


@gaussian_kl.mistake(
    "forgot the -1/2",
    "E_p[(x - mu_p)**2] / (2 sigma_p**2) = 1/2 is the term of -E_p[log p] that remains; "
    "without the -1/2 two equal Gaussians would have KL 1/2 instead of 0.")
def _(mu_p, sigma_p, mu_q, sigma_q):
    return float(gaussian_kl_divergence(mu_p, sigma_p, mu_q, sigma_q)) + 0.5


# --------------------------------------------------------------------------------------------
smoothed = exercise(
    "kl-label-smoothing", chapter=CHAPTER, function="smoothed_cross_entropy",
    title="Label-smoothed cross-entropy")


def _smoothed_reference(logits: np.ndarray, labels: np.ndarray, eps: float) -> float:
    k = logits.shape[-1]
    target = (1 - eps) * np.eye(k)[labels] + eps / k
    return float(-np.mean(np.sum(target * log_softmax(logits), axis=-1)))


def _batch(t: Trial, n: int, k: int, spread: float = 2.0) -> tuple[np.ndarray, np.ndarray]:
    return t.rng.normal(0.0, spread, size=(n, k)), t.rng.integers(0, k, size=n)


@smoothed.check("agrees with the cross-entropy against (1 - eps) one-hot + eps / K")
def _(t: Trial) -> None:
    for n, k, eps in ((6, 4, 0.1), (10, 7, 0.25)):
        logits, labels = _batch(t, n, k)
        t.expect_close(t.call(logits, labels, eps),
                              _smoothed_reference(logits, labels, eps), rtol=1e-10,
                              what=f"the mean over {n} examples of -sum_j target_j log q_j")


@smoothed.check("is the ordinary cross-entropy (mean NLL of the labels) when eps = 0")
def _(t: Trial) -> None:
    logits, labels = _batch(t, 8, 5)
    expected = -np.mean(categorical_logpmf(labels, logits=logits))
    t.expect_close(t.call(logits, labels, 0.0), expected, rtol=1e-10,
                   what="the mean of -log softmax(logits)[label]")


@smoothed.check("stays finite for logits near 1000 and ignores a shift of a row's logits")
def _(t: Trial) -> None:
    logits, labels = _batch(t, 5, 4)
    base = t.call(logits, labels, 0.1)
    t.expect_type(base)
    shifted = logits + np.array([[1000.0], [-1000.0], [0.0], [500.0], [-700.0]])
    t.expect_close(t.call(shifted, labels, 0.1), float(base), rtol=1e-9,
                          what="your value for the unshifted logits: softmax ignores a "
                               "constant added to a row")


@smoothed.check("is smallest, H(target), when softmax(logits) equals the smoothed target")
def _(t: Trial) -> None:
    k, eps = 6, 0.2
    labels = t.rng.integers(0, k, size=4)
    target = (1 - eps) * np.eye(k)[labels] + eps / k
    best = np.log(target) + t.rng.normal(0.0, 3.0, size=(4, 1))  # any row shift
    t.expect_close(t.call(best, labels, eps), float(np.mean(entropy(target))),
                          rtol=1e-10,
                          what="the entropy of the smoothed target, the smallest possible "
                               "value (Gibbs' inequality)")


@smoothed.mistake(
    "eps spread over the K - 1 wrong classes",
    "PyTorch's label_smoothing (and this exercise) mixes the one-hot target with the uniform "
    "distribution over all K classes: (1 - eps) one-hot + eps / K, so the true class keeps "
    "1 - eps + eps / K. Spreading eps / (K - 1) over the other classes only is a different "
    "convention.")
def _(logits, labels, eps):
    logits, labels = np.asarray(logits, dtype=float), np.asarray(labels)
    k = logits.shape[-1]
    target = (1 - eps) * np.eye(k)[labels] + eps / (k - 1) * (1 - np.eye(k)[labels])
    return float(-np.mean(np.sum(target * log_softmax(logits), axis=-1)))


@smoothed.mistake(
    "eps not divided by K",
    "(1 - eps) one-hot + eps sums to 1 + (K - 1) eps, not 1: the smoothing mass eps is shared "
    "by the K classes, eps / K each.")
def _(logits, labels, eps):
    logits, labels = np.asarray(logits, dtype=float), np.asarray(labels)
    k = logits.shape[-1]
    target = (1 - eps) * np.eye(k)[labels] + eps
    return float(-np.mean(np.sum(target * log_softmax(logits), axis=-1)))


@smoothed.mistake(
    "a sum over the batch instead of a mean",
    "Like F.cross_entropy with its default reduction='mean', average the per-example losses "
    "over the batch.")
def _(logits, labels, eps):
    logits, labels = np.asarray(logits, dtype=float), np.asarray(labels)
    return _smoothed_reference(logits, labels, eps) * len(labels)


@smoothed.mistake(
    "softmax without the max shift",
    "np.exp(1000) overflows to inf, and inf / inf is nan. Compute log-probabilities with the "
    "log-sum-exp trick: z - max(z) - log(sum(exp(z - max(z)))).")
def _(logits, labels, eps):
    logits, labels = np.asarray(logits, dtype=float), np.asarray(labels)
    k = logits.shape[-1]
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        q = np.exp(logits) / np.exp(logits).sum(axis=-1, keepdims=True)
        target = (1 - eps) * np.eye(k)[labels] + eps / k
        return float(-np.mean(np.sum(target * np.log(q), axis=-1)))
