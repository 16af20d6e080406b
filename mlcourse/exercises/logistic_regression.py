"""Exercises of Chapter 6, *Logistic regression is Bernoulli maximum likelihood*.

Convention of the chapter: a negative log-likelihood is a *sum* over the examples (the quantity
whose minimiser is the MLE and whose Hessian gives standard errors), which is torch's
``reduction="sum"``; the mean is that sum divided by n.
"""

from __future__ import annotations

import math

import numpy as np

from ..densities import bernoulli_logpmf
from ..fitting import SeparationError
from ..regression import logistic_regression
from .framework import Trial, exercise

CHAPTER = 6


def _sigmoid(z: np.ndarray) -> np.ndarray:
    """The logistic function without overflow: 1 / (1 + e^-z) = (1 + tanh(z / 2)) / 2."""
    return 0.5 * (1.0 + np.tanh(0.5 * np.asarray(z, dtype=float)))


def _nll_from_logits(z: np.ndarray, y: np.ndarray) -> float:
    """The reference: mlcourse's Bernoulli log-probabilities from logits, summed and negated."""
    return float(-np.sum(bernoulli_logpmf(y, logit=z)))


def _design(rng: np.random.Generator, n: int, scale: float = 1.0) -> np.ndarray:
    """An intercept and two standard normal features (times ``scale``)."""
    return np.column_stack([np.ones(n), scale * rng.normal(size=(n, 2))])


def _labels(rng: np.random.Generator, X: np.ndarray, beta: np.ndarray) -> np.ndarray:
    return (rng.random(X.shape[0]) < _sigmoid(X @ beta)).astype(float)


def _fitted_data(rng: np.random.Generator, n: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Data with overlapping classes and their MLE (redrawn in the rare separated case)."""
    beta = np.array([0.3, 1.0, -0.7])
    while True:
        X = _design(rng, n)
        y = _labels(rng, X, beta)
        try:
            return X, y, logistic_regression(X, y).params
        except SeparationError:
            continue


def _torch_nll_gradient(X: np.ndarray, y: np.ndarray, beta: np.ndarray) -> np.ndarray:
    """The gradient of the Bernoulli NLL by automatic differentiation (an independent route)."""
    import torch

    b = torch.tensor(beta, dtype=torch.float64, requires_grad=True)
    logits = torch.as_tensor(X, dtype=torch.float64) @ b
    nll = torch.nn.functional.binary_cross_entropy_with_logits(
        logits, torch.as_tensor(y, dtype=torch.float64), reduction="sum")
    nll.backward()
    return b.grad.numpy()


# --------------------------------------------------------------------------------------------
nll = exercise(
    "logistic-nll-from-logits", chapter=CHAPTER, function="logistic_nll",
    title="The negative log-likelihood from logits")


@nll.check("agrees with mlcourse.bernoulli_logpmf(y, logit=z), summed and negated")
def _(t: Trial) -> None:
    z = t.rng.normal(0.0, 2.0, size=20)
    y = t.rng.integers(0, 2, size=20).astype(float)
    t.expect_close(t.call(z, y), _nll_from_logits(z, y), rtol=1e-10,
                   what="the total negative log-likelihood, in nats")


@nll.check("charges a confidently wrong prediction about |z| nats, finitely")
def _(t: Trial) -> None:
    z = np.array([40.0, -45.0, 800.0, -800.0, t.rng.normal()])
    y = np.array([0.0, 1.0, 0.0, 1.0, 1.0])
    t.expect_close(t.call(z, y), _nll_from_logits(z, y), rtol=1e-12,
                   what="a finite loss near 40 + 45 + 800 + 800 nats")


@nll.check("charges a confidently right prediction almost nothing (and not nan)")
def _(t: Trial) -> None:
    z = np.array([40.0, -40.0, 800.0, -800.0])
    y = np.array([1.0, 0.0, 1.0, 0.0])
    t.expect_close(t.call(z, y), _nll_from_logits(z, y), atol=1e-12,
                   what="practically 0 (exactly 2 exp(-40) + 2 exp(-800))")


@nll.check("is a sum over the examples: two copies of the data cost twice as much")
def _(t: Trial) -> None:
    z = t.rng.normal(0.0, 2.0, size=15)
    y = t.rng.integers(0, 2, size=15).astype(float)
    once = t.call(z, y)
    t.expect_type(once)
    t.expect_close(t.call(np.tile(z, 2), np.tile(y, 2)), 2 * float(once), rtol=1e-12,
                   what="twice your value for one copy")


@nll.check("does not depend on the order of the examples")
def _(t: Trial) -> None:
    z = t.rng.normal(0.0, 2.0, size=15)
    y = t.rng.integers(0, 2, size=15).astype(float)
    first = t.call(z, y)
    t.expect_type(first)
    order = t.rng.permutation(15)
    t.expect_close(t.call(z[order], y[order]), first, rtol=1e-12,
                   what="the same value as for the original order")


@nll.mistake(
    "log of the sigmoid computed naively",
    "sigmoid(40) rounds to exactly 1 in float64, so log(1 - sigmoid(40)) is log(0) = -inf, and "
    "exp(800) overflows. Work with the logits: -log sigmoid(z) = softplus(-z), "
    "-log(1 - sigmoid(z)) = softplus(z), with softplus(z) = np.logaddexp(0, z).")
def _(z, y):
    z, y = np.asarray(z, dtype=float), np.asarray(y, dtype=float)
    p = 1 / (1 + np.exp(-z))
    return -np.sum(y * np.log(p) + (1 - y) * np.log(1 - p))


@nll.mistake(
    "forgot the minus sign",
    "The log-likelihood is negative; the loss is its negative, a positive number that a "
    "minimiser drives down.")
def _(z, y):
    return -_nll_from_logits(z, y)


@nll.mistake(
    "a mean instead of a sum",
    "This chapter's negative log-likelihood is the sum over the examples (torch's "
    "reduction='sum'); the mean is that sum divided by n. Both have the same minimiser, but only "
    "the sum has the Hessian that gives standard errors.")
def _(z, y):
    return _nll_from_logits(z, y) / np.size(z)


@nll.mistake(
    "the labels swapped",
    "A label 1 has probability sigmoid(z), so it costs -log sigmoid(z) = softplus(-z); a label 0 "
    "costs -log(1 - sigmoid(z)) = softplus(z).")
def _(z, y):
    return _nll_from_logits(z, 1.0 - np.asarray(y, dtype=float))


# --------------------------------------------------------------------------------------------
gradient = exercise(
    "logistic-gradient", chapter=CHAPTER, function="nll_gradient",
    title="The gradient of the logistic negative log-likelihood")


@gradient.check("agrees with torch autograd of the summed binary cross-entropy")
def _(t: Trial) -> None:
    X = _design(t.rng, 30)
    y = t.rng.integers(0, 2, size=30).astype(float)
    beta = t.rng.normal(0.0, 0.8, size=3)
    t.expect_close(t.call(X, y, beta), _torch_nll_gradient(X, y, beta), rtol=1e-10,
                   atol=1e-12, what="X^T (sigmoid(X beta) - y), one entry per coefficient")


@gradient.check("is zero at the MLE found by mlcourse.logistic_regression")
def _(t: Trial) -> None:
    X, y, beta_hat = _fitted_data(t.rng, 60)
    t.expect_close(t.call(X, y, beta_hat), np.zeros(3), atol=1e-7,
                   what="a zero vector: the score equations hold at the MLE")


@gradient.check("adds up over examples: the gradient on all the data is the sum over two halves")
def _(t: Trial) -> None:
    X = _design(t.rng, 40)
    y = t.rng.integers(0, 2, size=40).astype(float)
    beta = t.rng.normal(0.0, 0.8, size=3)
    first, second = t.call(X[:20], y[:20], beta), t.call(X[20:], y[20:], beta)
    t.expect_type(first, shape=(3,))
    t.expect_type(second, shape=(3,))
    t.expect_close(t.call(X, y, beta), np.asarray(first) + np.asarray(second), rtol=1e-10,
                   atol=1e-12, what="the sum of your gradients on the two halves")


@gradient.check("stays finite and correct when some logits are near +-800")
def _(t: Trial) -> None:
    X = _design(t.rng, 10, scale=400.0)
    y = t.rng.integers(0, 2, size=10).astype(float)
    beta = np.array([0.0, 1.0, 1.0])
    t.expect_close(t.call(X, y, beta), _torch_nll_gradient(X, y, beta), rtol=1e-10,
                   atol=1e-9, what="X^T (sigmoid(X beta) - y) with probabilities of 0 and 1")


@gradient.mistake(
    "the gradient of the log-likelihood (sign flipped)",
    "X^T (y - p) is the gradient of the log-likelihood, which is maximised. The negative "
    "log-likelihood, which is minimised, has gradient X^T (p - y).")
def _(X, y, beta):
    X, y = np.asarray(X, dtype=float), np.asarray(y, dtype=float)
    return X.T @ (y - _sigmoid(X @ np.asarray(beta, dtype=float)))


@gradient.mistake(
    "divided by n (the gradient of the mean loss)",
    "The chapter's NLL is the sum over examples, so its gradient is the sum of x_i (p_i - y_i), "
    "without dividing by n.")
def _(X, y, beta):
    X, y = np.asarray(X, dtype=float), np.asarray(y, dtype=float)
    return X.T @ (_sigmoid(X @ np.asarray(beta, dtype=float)) - y) / len(y)


@gradient.mistake(
    "forgot the sigmoid (the least-squares gradient)",
    "X^T (X beta - y) is the gradient of half the squared error of a linear model. Logistic "
    "regression compares y with the probability p = sigmoid(X beta), not with the logit.")
def _(X, y, beta):
    X, y = np.asarray(X, dtype=float), np.asarray(y, dtype=float)
    return X.T @ (X @ np.asarray(beta, dtype=float) - y)


# --------------------------------------------------------------------------------------------
newton = exercise(
    "logistic-newton-step", chapter=CHAPTER, function="newton_step",
    title="One Newton (IRLS) step")


def _irls_step(X: np.ndarray, y: np.ndarray, beta: np.ndarray) -> np.ndarray:
    """The reference: weighted least squares of the working response on X (no Hessian formed)."""
    z = X @ beta
    p = _sigmoid(z)
    w = p * (1 - p)
    working = z + (y - p) / w
    root = np.sqrt(w)
    solution, *_ = np.linalg.lstsq(root[:, None] * X, root * working, rcond=None)
    return solution


@newton.check("agrees with one weighted least-squares fit of the working response (IRLS)")
def _(t: Trial) -> None:
    X = _design(t.rng, 40)
    y = t.rng.integers(0, 2, size=40).astype(float)
    beta = t.rng.normal(0.0, 0.5, size=3)
    t.expect_close(t.call(X, y, beta), _irls_step(X, y, beta), rtol=1e-8, atol=1e-10,
                   what="beta + (X^T W X)^-1 X^T (y - p), the new coefficients")


@newton.check("leaves the MLE where it is (a fixed point)")
def _(t: Trial) -> None:
    X, y, beta_hat = _fitted_data(t.rng, 60)
    t.expect_close(t.call(X, y, beta_hat), beta_hat, rtol=1e-8, atol=1e-8,
                   what="the MLE itself, where the gradient is zero")


@newton.check("reaches the MLE of mlcourse.logistic_regression from 0 in 8 steps")
def _(t: Trial) -> None:
    X, y, beta_hat = _fitted_data(t.rng, 80)
    beta = np.zeros(3)
    for _ in range(8):
        beta = np.asarray(t.call(X, y, beta), dtype=float)
        t.expect_type(beta, shape=(3,))
    t.expect_close(beta, beta_hat, rtol=1e-7, atol=1e-9,
                   what="the MLE (Newton's method converges quadratically)")


@newton.check("does not care about the units of the features (affine invariance)")
def _(t: Trial) -> None:
    X = _design(t.rng, 40)
    y = t.rng.integers(0, 2, size=40).astype(float)
    beta = t.rng.normal(0.0, 0.5, size=3)
    scale = np.array([1.0, 60.0, 0.01])  # e.g. hours -> minutes, grams -> hundreds of grams
    step = t.call(X, y, beta)
    t.expect_type(step, shape=(3,))
    t.expect_close(t.call(X * scale, y, beta / scale), np.asarray(step, dtype=float) / scale,
                   rtol=1e-8, what="your step in the original units, divided by the scales")


@newton.mistake(
    "moved uphill (the sign of the step)",
    "The Newton step for the NLL is -(X^T W X)^-1 X^T (p - y) = +(X^T W X)^-1 X^T (y - p); with "
    "the other sign the step goes away from the minimum.")
def _(X, y, beta):
    X, y, beta = (np.asarray(a, dtype=float) for a in (X, y, beta))
    return 2 * beta - _irls_step(X, y, beta)


@newton.mistake(
    "returned the step instead of the new coefficients",
    "newton_step returns beta + delta, the coefficients after the step, not delta alone.")
def _(X, y, beta):
    X, y, beta = (np.asarray(a, dtype=float) for a in (X, y, beta))
    return _irls_step(X, y, beta) - beta


@newton.mistake(
    "forgot the weights (X^T X instead of X^T W X)",
    "The Hessian of the NLL is X^T W X with W = diag(p (1 - p)); each example is weighted by the "
    "variance of its label. X^T X is the Hessian of least squares.")
def _(X, y, beta):
    X, y, beta = (np.asarray(a, dtype=float) for a in (X, y, beta))
    return beta + np.linalg.solve(X.T @ X, X.T @ (y - _sigmoid(X @ beta)))


@newton.mistake(
    "weights p instead of p (1 - p)",
    "The derivative of sigmoid(z) is sigmoid(z) (1 - sigmoid(z)) = p (1 - p): that is the weight "
    "of an example in X^T W X.")
def _(X, y, beta):
    X, y, beta = (np.asarray(a, dtype=float) for a in (X, y, beta))
    p = _sigmoid(X @ beta)
    return beta + np.linalg.solve(X.T @ (p[:, None] * X), X.T @ (y - p))


# --------------------------------------------------------------------------------------------
softmax_ce = exercise(
    "logistic-softmax-cross-entropy", chapter=CHAPTER, function="softmax_cross_entropy",
    title="Softmax cross-entropy from logits")


def _torch_cross_entropy(logits: np.ndarray, labels: np.ndarray) -> float:
    import torch

    return float(torch.nn.functional.cross_entropy(
        torch.as_tensor(logits, dtype=torch.float64), torch.as_tensor(labels, dtype=torch.int64),
        reduction="sum"))


@softmax_ce.check("agrees with torch.nn.functional.cross_entropy(..., reduction='sum')")
def _(t: Trial) -> None:
    logits = t.rng.normal(0.0, 2.0, size=(12, 4))
    labels = t.rng.integers(0, 4, size=12)
    t.expect_close(t.call(logits, labels), _torch_cross_entropy(logits, labels), rtol=1e-10,
                   what="the total categorical negative log-likelihood, in nats")


@softmax_ce.check("stays finite for logits near 1000 when the true class is not the largest")
def _(t: Trial) -> None:
    logits = np.column_stack([t.rng.normal(0.0, 1.0, size=5),
                              1000.0 + t.rng.normal(0.0, 1.0, size=5),
                              -1000.0 + t.rng.normal(0.0, 1.0, size=5)])
    labels = np.array([0, 0, 2, 0, 2])
    t.expect_close(t.call(logits, labels), _torch_cross_entropy(logits, labels), rtol=1e-12,
                   what="a finite loss of a few thousand nats")


@softmax_ce.check("does not change when a constant is added to all the logits of one example")
def _(t: Trial) -> None:
    logits = t.rng.normal(0.0, 2.0, size=(8, 3))
    labels = t.rng.integers(0, 3, size=8)
    first = t.call(logits, labels)
    t.expect_type(first)
    shifts = t.rng.uniform(-30.0, 30.0, size=(8, 1))  # one constant per example (per row)
    t.expect_close(t.call(logits + shifts, labels), first, rtol=1e-10,
                   what="the same value: softmax(z + c) = softmax(z)")


@softmax_ce.check("is n log K when every logit is equal (a uniform guess)")
def _(t: Trial) -> None:
    logits = np.full((10, 5), t.rng.normal())
    labels = t.rng.integers(0, 5, size=10)
    t.expect_close(t.call(logits, labels), 10 * math.log(5), rtol=1e-12,
                   what="10 log 5: each example gets probability 1/5")


@softmax_ce.check("with two classes, is the logistic NLL of the logit difference z1 - z0")
def _(t: Trial) -> None:
    logits = t.rng.normal(0.0, 3.0, size=(15, 2))
    labels = t.rng.integers(0, 2, size=15)
    t.expect_close(t.call(logits, labels),
                   _nll_from_logits(logits[:, 1] - logits[:, 0], labels.astype(float)),
                   rtol=1e-10, what="the binary cross-entropy with logit z1 - z0")


@softmax_ce.mistake(
    "the naive softmax (exp of large logits overflows)",
    "np.exp(1000) is inf, and a probability of inf / inf or 1 / inf follows. Subtract each "
    "row's largest logit before exponentiating: log softmax(z)_j = z_j - m - "
    "log(sum(exp(z - m))).")
def _(logits, labels):
    logits = np.asarray(logits, dtype=float)
    labels = np.asarray(labels)
    probs = np.exp(logits) / np.exp(logits).sum(axis=1, keepdims=True)
    return -np.sum(np.log(probs[np.arange(len(labels)), labels]))


@softmax_ce.mistake(
    "a mean instead of a sum",
    "This chapter's cross-entropy is the total negative log-likelihood, the sum over the "
    "examples (reduction='sum'); torch's default 'mean' divides it by n.")
def _(logits, labels):
    return _torch_cross_entropy(logits, labels) / len(labels)


@softmax_ce.mistake(
    "normalised over the examples (axis 0) instead of over the classes",
    "Each example has its own distribution over the classes: take the log-sum-exp along axis 1 "
    "(the classes), one value per row.")
def _(logits, labels):
    logits = np.asarray(logits, dtype=float)
    labels = np.asarray(labels)
    m = logits.max(axis=0, keepdims=True)
    log_probs = logits - m - np.log(np.exp(logits - m).sum(axis=0, keepdims=True))
    return -np.sum(log_probs[np.arange(len(labels)), labels])


@softmax_ce.mistake(
    "summed the log-probabilities of every class",
    "Only the observed class enters the likelihood: pick log softmax(z_i)[labels[i]] for each "
    "example i, not the sum over all classes.")
def _(logits, labels):
    logits = np.asarray(logits, dtype=float)
    m = logits.max(axis=1, keepdims=True)
    log_probs = logits - m - np.log(np.exp(logits - m).sum(axis=1, keepdims=True))
    return -np.sum(log_probs)
