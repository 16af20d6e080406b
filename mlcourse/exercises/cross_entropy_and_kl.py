"""Exercises of Chapter 8, *Cross-entropy and KL divergence*."""

from __future__ import annotations

import math

import numpy as np
from scipy import integrate, special, stats

from ..densities import categorical_logpmf
from ..information import entropy, gaussian_kl_divergence
from ..logspace import log_softmax
from .framework import Trial, _to_numpy, describe, exercise
from .rules import Forbidden

CHAPTER = 8

# What "use only numpy" rules out: the libraries that have the answer ready-made, and the
# course's own function, which is what the checks compare with.
ONLY_NUMPY = (
    Forbidden("scipy", "the exercise asks for numpy only; scipy has this ready-made"),
    Forbidden("torch", "the exercise asks for numpy only; torch has this ready-made"),
    Forbidden("mlcourse", "the check compares with the course's own function; write yours"),
)



def _tiny(t: Trial, size: int) -> np.ndarray:
    """Positive probabilities far below 1e-7, each drawn afresh, cycling through four ranges:
    1e-14 to 1e-11, 1e-11 to 1e-8, 1e-300 to 1e-200, and subnormal (below 2.2e-308)."""
    draws = [lambda: 10.0 ** t.rng.uniform(-14, -11), lambda: 10.0 ** t.rng.uniform(-11, -8),
             lambda: 10.0 ** t.rng.uniform(-300, -200),
             lambda: float(t.rng.integers(1, 2000)) * 5e-324]
    return np.array([draws[i % 4]() for i in range(size)])


# --------------------------------------------------------------------------------------------
shannon_entropy = exercise(
    "kl-entropy", chapter=CHAPTER, function="shannon_entropy",
    title="Entropy, with 0 log 0 = 0", forbidden=ONLY_NUMPY)


@shannon_entropy.check("agrees with -sum p log p for vectors without zeros")
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
    t.expect_close(t.call(np.full(k, 1.0 / k)), math.log(k), rtol=1e-9,
                   what=f"log {k} (natural log): every category equally likely")
    certain = np.zeros(k)
    certain[int(t.rng.integers(0, k))] = 1.0
    t.expect_close(t.call(certain), 0.0, rtol=0.0,
                   what="0: the outcome is certain, there is no surprise")


@shannon_entropy.check("does not depend on the order of the categories")
def _(t: Trial) -> None:
    t.expect_unchanged_by_shuffling(t.rng.dirichlet(np.ones(7)))


@shannon_entropy.check("is exact when it comes from probabilities far below 1e-7")
def _(t: Trial) -> None:
    # A nearly certain outcome: the entropy is made of the tiny probabilities, so clipping
    # them (at 1e-7, like Keras) or adding an epsilon inside the log changes it completely.
    for size in (4, 7):
        tiny = _tiny(t, size)
        p = t.rng.permutation(np.concatenate([[1.0 - tiny.sum()], tiny, np.zeros(2)]))
        t.expect_close(t.call(p), -np.sum(special.xlogy(p, p)), rtol=1e-9,
                       what="-sum p log p, every tiny term in, to a relative 1e-9")


@shannon_entropy.mistake(
    "forgot the minus sign",
    "Every log p_j of a probability is <= 0, so sum p log p is <= 0; the entropy is a "
    "number of nats of surprise, never negative.")
def _(p):
    p = np.asarray(p, dtype=float)
    return float(np.sum(special.xlogy(p, p)))


@shannon_entropy.mistake(
    "bits (log2) instead of nats",
    "The course measures information in nats, with the natural log; a log in base 2 gives "
    "bits, a larger number for the same distribution.")
def _(p):
    p = np.asarray(p, dtype=float)
    return float(-np.sum(special.xlogy(p, p)) / math.log(2))


@shannon_entropy.mistake(
    "a mean over the categories instead of a sum",
    "The probabilities p_j already weight the surprises -log p_j: the expectation adds the "
    "weighted terms; it does not also average them over the K categories.")
def _(p):
    p = np.asarray(p, dtype=float)
    return float(-np.mean(special.xlogy(p, p)))


@shannon_entropy.mistake(
    "0 log 0 computed as nan",
    "np.log(0) is -inf and 0 * -inf is nan in floating point, but the limit of p log p as "
    "p -> 0 is 0: those terms must not be computed at all.")
def _(p):
    p = np.asarray(p, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        return float(-np.sum(p * np.log(p)))


# --------------------------------------------------------------------------------------------
discrete_kl = exercise(
    "kl-divergence", chapter=CHAPTER, function="discrete_kl",
    title="The KL divergence of two discrete distributions", forbidden=ONLY_NUMPY)


def _kl_reference(p: np.ndarray, q: np.ndarray) -> float:
    """sum p (log p - log q) over p > 0, with logs taken separately (no overflow in p / q)."""
    keep = p > 0
    if np.any(q[keep] == 0):
        return math.inf
    return float(np.sum(p[keep] * (np.log(p[keep]) - np.log(q[keep]))))


@discrete_kl.check("agrees with sum p log(p / q) for vectors without zeros")
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
    order = t.rng.permutation(4)
    t.expect_close(t.call(p[order], q[order]), math.inf,
                   what="inf: q says impossible to something that happens under p")


@discrete_kl.check("is finite and exact when q is tiny (below 1e-7, even subnormal)")
def _(t: Trial) -> None:
    # p / q overflows to inf for a subnormal q, although the divergence is finite: the log of
    # the ratio must be formed without the ratio. Clipping q (or p) at 1e-7 is no good either.
    for _ in range(2):
        tiny = _tiny(t, 4)
        q = np.concatenate([(1.0 - tiny.sum()) * t.rng.dirichlet(np.ones(3)), tiny])
        p = t.rng.dirichlet(np.ones(7))
        p[int(t.rng.integers(0, 3))] = 10.0 ** t.rng.uniform(-14, -9)
        order = t.rng.permutation(7)
        p, q = p[order], q[order]
        got = t.call(p, q)
        t.expect_finite(got, "a finite number: q is tiny, but nowhere 0 where p > 0")
        t.expect_close(got, _kl_reference(p, q), rtol=1e-9,
                       what="sum p log(p / q), tiny terms included, to a relative 1e-9")


@discrete_kl.mistake(
    "the arguments swapped",
    "KL(p || q) is an expectation under p, so p is the weight of each term; KL is not "
    "symmetric, and exchanging the roles of p and q gives a different number.")
def _(p, q):
    p, q = np.asarray(p, dtype=float), np.asarray(q, dtype=float)
    return float(special.rel_entr(q, p).sum())


@discrete_kl.mistake(
    "bits (log2) instead of nats",
    "Use the natural log: the course measures divergences in nats. A log in base 2 gives "
    "bits, a larger number for the same pair of distributions.")
def _(p, q):
    p, q = np.asarray(p, dtype=float), np.asarray(q, dtype=float)
    return float(special.rel_entr(p, q).sum() / math.log(2))


@discrete_kl.mistake(
    "0 log 0 computed as nan",
    "Where p_j = 0 the term is 0 * log(0 / q_j), which floating point makes 0 * -inf = nan, "
    "but its value is 0: those categories must be left out, not computed.")
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
    title="The KL divergence between two Gaussians", forbidden=ONLY_NUMPY)


def _random_gaussians(t: Trial) -> tuple[float, float, float, float]:
    mu_p, mu_q = (float(v) for v in t.rng.normal(0.0, 2.0, size=2))
    sigma_p, sigma_q = (float(v) for v in t.rng.uniform(0.3, 3.0, size=2))
    return mu_p, sigma_p, mu_q, sigma_q


@gaussian_kl.check("agrees with KL(p || q) in closed form for random parameters")
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
    shift, scale = float(t.rng.normal(0.0, 5.0)), float(10.0 ** t.rng.uniform(-3.0, 3.0))
    t.expect_close(t.call(shift + scale * mu_p, scale * sigma_p, shift + scale * mu_q,
                          scale * sigma_q), float(first), rtol=1e-9,
                   what="the same value: KL does not depend on the units of x")


@gaussian_kl.check("is finite and exact for standard deviations from 1e-100 to 1e100")
def _(t: Trial) -> None:
    # The two scales are far apart, so the squares of their ratio overflow: squaring first
    # and taking the log of the ratio of the variances gives inf for a finite divergence.
    for _ in range(3):
        narrow, wide = 10.0 ** t.rng.uniform(-100, -70), 10.0 ** t.rng.uniform(70, 100)
        mu_q = float(t.rng.normal(0.0, 1.0)) * wide
        mu_p = mu_q + float(t.rng.normal(0.0, 1.0)) * wide
        expected = (math.log(wide) - math.log(narrow)
                    + 0.5 * ((narrow / wide) ** 2 + ((mu_p - mu_q) / wide) ** 2) - 0.5)
        got = t.call(mu_p, narrow, mu_q, wide)
        t.expect_finite(got, "a finite number: both standard deviations are positive "
                               "floats")
        t.expect_close(got, expected, rtol=1e-9,
                       what="KL(p || q), p much narrower than q, to a relative 1e-9")


@gaussian_kl.mistake(
    "standard deviations used where variances belong",
    "The arguments are standard deviations, but the expectations E_p[(x - mu)^2] that the "
    "derivation needs are variances.")
def _(mu_p, sigma_p, mu_q, sigma_q):
    return (math.log(sigma_q / sigma_p)
            + (sigma_p + (mu_p - mu_q) ** 2) / (2 * sigma_q) - 0.5)


@gaussian_kl.mistake(
    "the arguments swapped",
    "KL(p || q) is an expectation under p, and it is not symmetric: you computed KL(q || p). "
    "Check which density's variance ends up in the denominator.")
def _(mu_p, sigma_p, mu_q, sigma_q):
    return float(gaussian_kl_divergence(mu_q, sigma_q, mu_p, sigma_p))


@gaussian_kl.mistake(
    "the log of the variance ratio without the factor 1/2",
    "The log of a normal density has log sigma in it, not log sigma^2: written with the "
    "variances, the log term keeps the factor that turns a variance back into a standard "
    "deviation.")
def _(mu_p, sigma_p, mu_q, sigma_q):
    return (math.log(sigma_q**2 / sigma_p**2)
            + (sigma_p**2 + (mu_p - mu_q) ** 2) / (2 * sigma_q**2) - 0.5)


@gaussian_kl.mistake(
    "forgot the constant from E_p[log p]",
    "Two equal Gaussians must have KL 0; yours does not. The expectation of log p(x) under p "
    "has a term of its own besides -log sigma_p: work out E_p[(x - mu_p)^2] / (2 sigma_p^2).")
def _(mu_p, sigma_p, mu_q, sigma_q):
    return float(gaussian_kl_divergence(mu_p, sigma_p, mu_q, sigma_q)) + 0.5


# --------------------------------------------------------------------------------------------
smoothed = exercise(
    "kl-label-smoothing", chapter=CHAPTER, function="smoothed_cross_entropy",
    title="Label-smoothed cross-entropy", forbidden=ONLY_NUMPY)


def _smoothed_reference(logits: np.ndarray, labels: np.ndarray, eps: float) -> float:
    k = logits.shape[-1]
    target = (1 - eps) * np.eye(k)[labels] + eps / k
    return float(-np.mean(np.sum(target * log_softmax(logits), axis=-1)))


def _batch(t: Trial, n: int, k: int, spread: float = 2.0) -> tuple[np.ndarray, np.ndarray]:
    return t.rng.normal(0.0, spread, size=(n, k)), t.rng.integers(0, k, size=n)


@smoothed.check("agrees with the cross-entropy against (1 - eps) one-hot + eps / K")
def _(t: Trial) -> None:
    for n, k, eps in ((6, 4, 0.1), (10, 7, 0.25), (1, 2, float(t.rng.uniform(0.05, 0.95)))):
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


@smoothed.check("ignores the labels when eps = 1: the target is then uniform")
def _(t: Trial) -> None:
    logits, labels = _batch(t, 7, 5, spread=4.0)
    expected = float(-np.mean(log_softmax(logits)))
    t.expect_close(t.call(logits, labels, 1.0), expected, rtol=1e-10,
                   what="the mean over examples and classes of -log q_j")
    t.expect_close(t.call(logits, t.rng.integers(0, 5, size=7), 1.0), expected, rtol=1e-10,
                   what="the same value for other labels")


@smoothed.check("stays finite for logits near 1000 and ignores a shift of a row's logits")
def _(t: Trial) -> None:
    logits, labels = _batch(t, 5, 4)
    base = t.call(logits, labels, 0.1)
    t.expect_type(base)
    shifted = logits + t.rng.permutation(np.array([[1000.0], [-1000.0], [0.0], [500.0],
                                                   [-700.0]]))
    t.expect_close(t.call(shifted, labels, 0.1), float(base), rtol=1e-9,
                   what="your value for the unshifted logits: softmax ignores a "
                        "constant added to a row")


@smoothed.check("is exact for rows whose logits span -1000 to 1000")
def _(t: Trial) -> None:
    # Shifting by the largest logit of the whole batch, or by a row's mean, overflows or
    # underflows here; only each row's own maximum keeps every log-probability finite.
    n, k = 6, 5
    logits = t.rng.normal(0.0, 2.0, size=(n, k))
    for row in range(n):
        cols = t.rng.permutation(k)[:2]
        logits[row, cols] = [t.rng.uniform(600, 1000), -t.rng.uniform(600, 1000)]
    logits[int(t.rng.integers(0, n))] -= 1800.0  # a row far below the others
    labels = t.rng.integers(0, k, size=n)
    eps = float(t.rng.uniform(0.05, 0.5))
    t.expect_close(t.call(logits, labels, eps), _smoothed_reference(logits, labels, eps),
                   rtol=1e-10, what="a finite loss, to a relative 1e-10")


@smoothed.check("is exact when the label's probability is far below 1e-7")
def _(t: Trial) -> None:
    # Labels 10 to 35 nats below their row's best logit: a probability clipped at 1e-7 (as
    # Keras does) or an epsilon inside the log gives a visibly different loss.
    n, k = 8, 4
    logits = t.rng.normal(0.0, 1.0, size=(n, k))
    labels = t.rng.integers(0, k, size=n)
    logits[np.arange(n), labels] -= t.rng.uniform(10.0, 35.0, size=n)
    for eps in (0.0, float(10.0 ** t.rng.uniform(-4, -2))):
        t.expect_close(t.call(logits, labels, eps), _smoothed_reference(logits, labels, eps),
                       rtol=1e-10, what="the smoothed cross-entropy, to a relative 1e-10")


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
    "distribution over all K classes, the true class included. Spreading eps over the other "
    "classes only is a different convention.")
def _(logits, labels, eps):
    logits, labels = np.asarray(logits, dtype=float), np.asarray(labels)
    k = logits.shape[-1]
    target = (1 - eps) * np.eye(k)[labels] + eps / (k - 1) * (1 - np.eye(k)[labels])
    return float(-np.mean(np.sum(target * log_softmax(logits), axis=-1)))


@smoothed.mistake(
    "eps not divided by K",
    "A target is a probability distribution, so its entries must sum to 1; add yours up. The "
    "smoothing mass eps is shared by the K classes.")
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
    "np.exp(1000) overflows to inf, and inf / inf is nan. Softmax does not change when a "
    "constant is added to a row: choose, row by row, the constant that keeps every "
    "exponential finite, and stay in log space (the log-sum-exp trick of Chapter 2).")
def _(logits, labels, eps):
    logits, labels = np.asarray(logits, dtype=float), np.asarray(labels)
    k = logits.shape[-1]
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        q = np.exp(logits) / np.exp(logits).sum(axis=-1, keepdims=True)
        target = (1 - eps) * np.eye(k)[labels] + eps / k
        return float(-np.mean(np.sum(target * np.log(q), axis=-1)))
