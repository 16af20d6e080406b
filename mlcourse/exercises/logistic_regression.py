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
from .rules import Forbidden

CHAPTER = 6


def _only_numpy(what: str) -> list[Forbidden]:
    """The rules of a "use only numpy" exercise: ``what`` is what the learner writes."""
    return [
        Forbidden("mlcourse", f"the check's reference comes from mlcourse: write {what} "
                              "yourself"),
        Forbidden("scipy", f"the exercise asks for numpy only: write {what} yourself"),
        Forbidden("torch", f"the exercise asks for numpy only: write {what} yourself"),
        Forbidden("statsmodels", f"the exercise asks for numpy only: write {what} yourself"),
        Forbidden("sklearn", f"the exercise asks for numpy only: write {what} yourself"),
    ]


def _softplus(x: np.ndarray) -> np.ndarray:
    """log(1 + e^x), to full relative precision for every finite x."""
    x = np.asarray(x, dtype=float)
    return np.maximum(x, 0.0) + np.log1p(np.exp(-np.abs(x)))


def _costs(z: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Each example's -log p(y | z): softplus(-z) for a 1, softplus(z) for a 0."""
    return _softplus(np.where(np.asarray(y) == 1, -1.0, 1.0) * np.asarray(z, dtype=float))


def _far_logits(rng: np.random.Generator) -> np.ndarray:
    """One logit magnitude from each band between 10 and 35, and two in the hundreds."""
    bands = np.array([10.0, 15.0, 20.0, 25.0, 30.0])
    return np.concatenate([bands + 5.0 * rng.random(5), [rng.uniform(40.0, 700.0),
                                                         rng.uniform(710.0, 800.0)]])


def _both_labels(rng: np.random.Generator, n: int) -> np.ndarray:
    """n labels, at least a third of them of each class, in random order."""
    return rng.permutation(np.arange(n) % 2).astype(float)



def _number(t: Trial, value: object) -> float:
    """The statement asks for a single number (a float, not an array of shape (1,))."""
    t.expect_type(value)
    return float(np.asarray(value, dtype=float))


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
    title="The negative log-likelihood from logits",
    forbidden=_only_numpy("the loss"))


def _check_nll(t: Trial, z: np.ndarray, y: np.ndarray, what: str,
               expected: float | None = None) -> float:
    """The statement's accuracy: 1e-12 nats per example, or 1e-12 of the total."""
    got = _number(t, t.call(z, y))
    expected = float(np.sum(_costs(z, y))) if expected is None else expected
    t.expect_close(got, expected, rtol=1e-12, atol=1e-12 * len(z), what=what)
    return got


@nll.check("agrees with the Bernoulli log-probabilities from logits, summed and negated")
def _(t: Trial) -> None:
    z = t.rng.normal(0.0, 2.0, size=20)
    y = t.rng.integers(0, 2, size=20).astype(float)
    _check_nll(t, z, y, "the total negative log-likelihood, in nats",
               expected=_nll_from_logits(z, y))


@nll.check("charges a confidently wrong prediction about |z| nats, finitely (|z| from 10 to "
           "800)")
def _(t: Trial) -> None:
    magnitude = _far_logits(t.rng)
    y = _both_labels(t.rng, magnitude.size)
    z = np.where(y == 1, -magnitude, magnitude)  # every label is the unlikely one
    order = t.rng.permutation(z.size)
    _check_nll(t, z[order], y[order], "a finite loss near the sum of the |z|")


@nll.check("charges a confidently right prediction almost nothing, to 1e-12 nats (|z| from 10 "
           "to 800)")
def _(t: Trial) -> None:
    magnitude = _far_logits(t.rng)
    y = _both_labels(t.rng, magnitude.size)
    z = np.where(y == 1, magnitude, -magnitude)  # every label is the likely one
    order = t.rng.permutation(z.size)
    _check_nll(t, z[order], y[order], "about the sum of exp(-|z|), positive and tiny")


@nll.check("is a sum over the examples: two copies of the data cost twice as much")
def _(t: Trial) -> None:
    z = t.rng.normal(0.0, 2.0, size=15)
    y = t.rng.integers(0, 2, size=15).astype(float)
    once = _number(t, t.call(z, y))
    _check_nll(t, np.tile(z, 2), np.tile(y, 2), "twice your value for one copy",
               expected=2 * once)


@nll.check("does not depend on the order of the examples")
def _(t: Trial) -> None:
    z = t.rng.normal(0.0, 2.0, size=15)
    y = t.rng.integers(0, 2, size=15).astype(float)
    first = _number(t, t.call(z, y))
    order = t.rng.permutation(15)
    _check_nll(t, z[order], y[order], "the same value as for the original order",
               expected=first)


@nll.check("is exact for 5,000 examples with integer labels and logits of every size")
def _(t: Trial) -> None:
    n = 5000
    z = t.rng.normal(0.0, 1.0, size=n) * 10.0 ** t.rng.uniform(-2.0, 2.5, size=n)
    y = (t.rng.random(n) < 0.5).astype(np.int64)
    _check_nll(t, z, y, "the total negative log-likelihood, in nats")


@nll.mistake(
    "log of the sigmoid computed naively",
    "sigmoid(40) rounds to exactly 1 in float64, so log(1 - sigmoid(40)) is log(0) = -inf, and "
    "exp(800) overflows. Write each example's cost in terms of the logit itself, with a "
    "function that computes log(1 + e^x) without overflow and without taking log(0).")
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
    "A label 1 has probability sigmoid(z) and a label 0 has probability 1 - sigmoid(z): check "
    "which cost you charge to which label.")
def _(z, y):
    return _nll_from_logits(z, 1.0 - np.asarray(y, dtype=float))


# --------------------------------------------------------------------------------------------
gradient = exercise(
    "logistic-gradient", chapter=CHAPTER, function="nll_gradient",
    title="The gradient of the logistic negative log-likelihood",
    forbidden=_only_numpy("the gradient"))


def _check_gradient(t: Trial, X: np.ndarray, y: np.ndarray, beta: np.ndarray,
                    expected: np.ndarray, what: str, atol: float = 1e-12) -> np.ndarray:
    """The statement's accuracy: each residual sigma(z_i) - y_i to 1e-12, so each entry to
    1e-12 times the sum of |x_ij|."""
    got = t.expect_array(t.call(X, y, beta), (X.shape[1],))
    t.expect_close(got, expected, rtol=1e-10, atol=np.maximum(atol, 1e-12 * np.abs(X).sum(0)),
                   what=what)
    return got


@gradient.check("agrees with torch autograd of the summed binary cross-entropy")
def _(t: Trial) -> None:
    X = _design(t.rng, 30)
    y = t.rng.integers(0, 2, size=30).astype(float)
    beta = t.rng.normal(0.0, 0.8, size=3)
    _check_gradient(t, X, y, beta, _torch_nll_gradient(X, y, beta),
                    "the gradient of the NLL, one entry per coefficient")


@gradient.check("is zero at the maximum-likelihood estimate")
def _(t: Trial) -> None:
    X, y, beta_hat = _fitted_data(t.rng, 60)
    got = t.expect_array(t.call(X, y, beta_hat), (3,))
    t.expect_close(got, np.zeros(3), atol=1e-7,
                   what="a zero vector: the score equations hold at the MLE")


@gradient.check("adds up over examples: the gradient on all the data is the sum over two halves")
def _(t: Trial) -> None:
    X = _design(t.rng, 40)
    y = t.rng.integers(0, 2, size=40).astype(float)
    beta = t.rng.normal(0.0, 0.8, size=3)
    first = t.expect_array(t.call(X[:20], y[:20], beta), (3,))
    second = t.expect_array(t.call(X[20:], y[20:], beta), (3,))
    _check_gradient(t, X, y, beta, first + second, "the sum of your gradients on the two halves")


@gradient.check("stays finite and correct when some logits are near +-800")
def _(t: Trial) -> None:
    X = _design(t.rng, 10, scale=400.0)
    y = t.rng.integers(0, 2, size=10).astype(float)
    beta = np.array([0.0, 1.0, 1.0])
    _check_gradient(t, X, y, beta, _torch_nll_gradient(X, y, beta),
                    "the gradient, with probabilities of 0 and 1", atol=1e-9)


@gradient.check("is exact when the logits are between 10 and 35 in size, for 2,000 examples "
                "and a design without an intercept")
def _(t: Trial) -> None:
    n = 2000
    X = t.rng.normal(size=(n, 3)) * 10.0 ** t.rng.uniform(-1.0, 1.0, size=3)
    beta = t.rng.normal(0.0, 1.0, size=3)
    z = X @ beta
    X *= (t.rng.uniform(10.0, 35.0, size=n) / np.abs(z))[:, None]  # |x_i^T beta| in [10, 35]
    y = t.rng.integers(0, 2, size=n).astype(float)
    expected = X.T @ (_sigmoid(X @ beta) - y)
    _check_gradient(t, X, y, beta, expected, "the gradient, one entry per coefficient")


@gradient.mistake(
    "the gradient of the log-likelihood (sign flipped)",
    "X^T (y - p) is the gradient of the log-likelihood, which is maximised. The negative "
    "log-likelihood, which is minimised, has the opposite gradient.")
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
_SOLVE = "solve the linear system; do not invert the matrix"
newton = exercise(
    "logistic-newton-step", chapter=CHAPTER, function="newton_step",
    title="One Newton (IRLS) step",
    forbidden=[
        Forbidden("numpy.linalg.inv", _SOLVE),
        Forbidden("numpy.linalg.pinv", _SOLVE),
        Forbidden("numpy.linalg.matrix_power", _SOLVE),
        Forbidden("numpy.linalg.tensorinv", _SOLVE),
        Forbidden("numpy.eye", "solving against the identity matrix is inverting: solve for "
                               "the step itself"),
        Forbidden("numpy.identity", "solving against the identity matrix is inverting: solve "
                                    "for the step itself"),
        *_only_numpy("the step"),
    ])


def _irls_step(X: np.ndarray, y: np.ndarray, beta: np.ndarray) -> np.ndarray:
    """The reference: weighted least squares of the working response on X (no Hessian formed)."""
    z = X @ beta
    p = _sigmoid(z)
    w = p * (1 - p)
    with np.errstate(all="ignore"):
        working = z + (y - p) / w
    if not np.all(np.isfinite(working)):  # a diverging wrong answer; LAPACK would complain
        return np.full(X.shape[1], np.nan)
    root = np.sqrt(w)
    solution, *_ = np.linalg.lstsq(root[:, None] * X, root * working, rcond=None)
    return solution


def _check_step(t: Trial, X: np.ndarray, y: np.ndarray, beta: np.ndarray,
                expected: np.ndarray, what: str, rtol: float = 1e-8,
                atol: float = 1e-10) -> np.ndarray:
    got = t.expect_array(t.call(X, y, beta), (X.shape[1],))
    t.expect_close(got, expected, rtol=rtol, atol=atol, what=what)
    return got


@newton.check("agrees with one weighted least-squares fit of the working response (IRLS)")
def _(t: Trial) -> None:
    X = _design(t.rng, 40)
    y = t.rng.integers(0, 2, size=40).astype(float)
    beta = t.rng.normal(0.0, 0.5, size=3)
    _check_step(t, X, y, beta, _irls_step(X, y, beta), "the new coefficients")


@newton.check("leaves the MLE where it is (a fixed point)")
def _(t: Trial) -> None:
    X, y, beta_hat = _fitted_data(t.rng, 60)
    _check_step(t, X, y, beta_hat, beta_hat, "the MLE itself, where the gradient is zero",
                atol=1e-8)


@newton.check("reaches the maximum-likelihood estimate from 0 in 8 steps")
def _(t: Trial) -> None:
    X, y, beta_hat = _fitted_data(t.rng, 80)
    beta = np.zeros(3)
    for _ in range(8):
        beta = t.expect_array(t.call(X, y, beta), (3,))
    t.expect_close(beta, beta_hat, rtol=1e-7, atol=1e-9,
                   what="the MLE (Newton's method converges quadratically)")


@newton.check("does not care about the units of the features (affine invariance)")
def _(t: Trial) -> None:
    X = _design(t.rng, 40)
    y = t.rng.integers(0, 2, size=40).astype(float)
    beta = t.rng.normal(0.0, 0.5, size=3)
    scale = np.array([1.0, 60.0, 0.01])  # e.g. hours -> minutes, grams -> hundreds of grams
    step = t.expect_array(t.call(X, y, beta), (3,))
    _check_step(t, X * scale, y, beta / scale, step / scale,
                "your step in the original units, divided by the scales", atol=0.0)


@newton.check("weighs examples with logits of 17 to 35 as little as it should (no intercept)")
def _(t: Trial) -> None:
    n = 400
    X = t.rng.normal(size=(n, 3))
    beta = t.rng.normal(size=3)
    beta *= t.rng.uniform(1.0, 2.0) / np.linalg.norm(beta)
    far = t.rng.random(n) < 0.4  # these rows get x^T beta = +-17 to 35 along beta
    along = t.rng.uniform(17.0, 35.0, size=far.sum()) * t.rng.choice([-1.0, 1.0], far.sum())
    X[far] += ((along - X[far] @ beta) / (beta @ beta))[:, None] * beta
    z = X @ beta
    y = (t.rng.random(n) < _sigmoid(z)).astype(float)
    y[far] = (z[far] > 0).astype(float)  # the far examples are confidently right
    e = np.exp(-np.abs(z))
    weights = e / (1.0 + e) ** 2  # p (1 - p) to full relative precision
    hessian = X.T @ (weights[:, None] * X)
    expected = beta + np.linalg.solve(hessian, X.T @ (y - _sigmoid(z)))
    _check_step(t, X, y, beta, expected, "the new coefficients")


@newton.mistake(
    "moved uphill (the sign of the step)",
    "A Newton step for a function to be minimised is minus the inverse Hessian times the "
    "gradient of that function; with the other sign the step goes away from the minimum.")
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
    title="Softmax cross-entropy from logits",
    forbidden=_only_numpy("the log-sum-exp"))


def _torch_cross_entropy(logits: np.ndarray, labels: np.ndarray) -> float:
    import torch

    return float(torch.nn.functional.cross_entropy(
        torch.as_tensor(logits, dtype=torch.float64), torch.as_tensor(labels, dtype=torch.int64),
        reduction="sum"))


def _check_ce(t: Trial, logits: np.ndarray, labels: np.ndarray, what: str,
              expected: float | None = None) -> float:
    """The statement's accuracy: 1e-12 (1 + the largest |logit| of the row) nats per example."""
    got = _number(t, t.call(logits, labels))
    expected = _torch_cross_entropy(logits, labels) if expected is None else expected
    atol = 1e-12 * float(np.sum(1.0 + np.abs(logits).max(axis=1)))
    t.expect_close(got, expected, rtol=1e-12, atol=atol, what=what)
    return got


@softmax_ce.check("agrees with the categorical negative log-likelihood, summed over examples")
def _(t: Trial) -> None:
    logits = t.rng.normal(0.0, 2.0, size=(12, 4))
    labels = t.rng.integers(0, 4, size=12)
    _check_ce(t, logits, labels, "the total categorical negative log-likelihood, in nats")


@softmax_ce.check("stays finite and exact for rows of logits anywhere in [-1000, 1000], and "
                  "rows spanning it, when the true class is not the largest")
def _(t: Trial) -> None:
    n, k = 12, 4
    levels = t.rng.uniform(-1000.0, 1000.0, size=(n, 1))  # each row at its own level
    logits = levels + t.rng.normal(0.0, 3.0, size=(n, k))
    spanning = t.rng.choice(n, size=4, replace=False)  # and rows spanning -1000 to 1000:
    logits[spanning] = -1000.0 + t.rng.uniform(0.0, 10.0, size=(4, k))  # one class near
    logits[spanning, t.rng.integers(0, k, size=4)] = 1000.0 - t.rng.uniform(0.0, 10.0, 4)
    labels = np.argmin(logits, axis=1)
    labels[::3] = t.rng.integers(0, k, size=labels[::3].size)
    _check_ce(t, logits, labels, "a finite loss, exact to the last digits")


@softmax_ce.check("does not change when a constant is added to all the logits of one example")
def _(t: Trial) -> None:
    logits = t.rng.normal(0.0, 2.0, size=(8, 3))
    labels = t.rng.integers(0, 3, size=8)
    first = _number(t, t.call(logits, labels))
    shifts = t.rng.uniform(-800.0, 800.0, size=(8, 1))  # one constant per example (per row)
    _check_ce(t, logits + shifts, labels, "the same value: softmax(z + c) = softmax(z)",
              expected=first)


@softmax_ce.check("is n log K when every logit is equal (a uniform guess)")
def _(t: Trial) -> None:
    n, k = int(t.rng.integers(5, 15)), int(t.rng.integers(2, 8))
    logits = np.full((n, k), t.rng.normal(0.0, 300.0))
    labels = t.rng.integers(0, k, size=n)
    _check_ce(t, logits, labels, f"{n} log {k}: each example gets probability 1/{k}",
              expected=n * math.log(k))


@softmax_ce.check("with two classes, is the logistic NLL of the logit difference z1 - z0")
def _(t: Trial) -> None:
    logits = t.rng.normal(0.0, 3.0, size=(15, 2))
    labels = t.rng.integers(0, 2, size=15)
    _check_ce(t, logits, labels, "the binary cross-entropy with logit z1 - z0",
              expected=float(np.sum(_costs(logits[:, 1] - logits[:, 0], labels))))


@softmax_ce.check("is exact with ties at the largest logit, and for true classes whose "
                  "probability is 1e-7 or far below")
def _(t: Trial) -> None:
    n, k = 10, 5
    logits = t.rng.normal(0.0, 1.0, size=(n, k))
    gaps = np.concatenate([t.rng.uniform(17.0, 35.0, size=n - 2), [t.rng.uniform(40.0, 60.0),
                                                                   t.rng.uniform(100.0, 700.0)]])
    gaps = t.rng.permutation(gaps)
    top = logits.max(axis=1) + gaps
    first, second = np.argsort(t.rng.random((n, k)), axis=1)[:, :2].T
    rows = np.arange(n)
    logits[rows, first] = top  # two classes share the largest logit of each row
    logits[rows, second] = top
    labels = np.where((t.rng.random(n) < 0.5) & (gaps < 40.0), first, np.argmin(logits, axis=1))
    _check_ce(t, logits, labels, "the total negative log-likelihood, in nats",
              expected=float(np.sum(np.logaddexp.reduce(logits - top[:, None], axis=1)
                                    - (logits[rows, labels] - top))))


@softmax_ce.mistake(
    "the naive softmax (exp of large logits overflows)",
    "np.exp(1000) is inf, and a probability of inf / inf or 1 / inf follows. Shift each "
    "example's logits before exponentiating, so that no exponential can overflow or all "
    "underflow, and undo the shift in log space.")
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
    "Each example has its own distribution over the classes: normalise along the axis of the "
    "classes, once per row.")
def _(logits, labels):
    logits = np.asarray(logits, dtype=float)
    labels = np.asarray(labels)
    m = logits.max(axis=0, keepdims=True)
    log_probs = logits - m - np.log(np.exp(logits - m).sum(axis=0, keepdims=True))
    return -np.sum(log_probs[np.arange(len(labels)), labels])


@softmax_ce.mistake(
    "summed the log-probabilities of every class",
    "Only the observed class of each example enters its likelihood.")
def _(logits, labels):
    logits = np.asarray(logits, dtype=float)
    m = logits.max(axis=1, keepdims=True)
    log_probs = logits - m - np.log(np.exp(logits - m).sum(axis=1, keepdims=True))
    return -np.sum(log_probs)
