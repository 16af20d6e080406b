"""mlcourse.losses against torch.nn.functional, and each loss against the log-density it negates.

Two kinds of reference, both independent of the code under test:

- ``torch.nn.functional``: every loss must return the same value (and, for tensors, the same
  gradient) as the torch function of the same name, on random and on extreme inputs, for every
  reduction, whether it is given numpy arrays or tensors.
- ``scipy.stats`` / ``torch.distributions`` / ``scipy.special.gammaln``: every loss must be the
  negative log-likelihood it claims to be, with exactly the constants and scale factors its
  docstring states; and the same identity is checked against ``mlcourse.*_loglik``, whose own
  tests compare it with scipy.

Tolerances: a loss is a sum of terms of either sign (``exp(x) - y x``, ``log v + r^2 / v``), so
values are compared to ``RTOL = 1e-12`` of the sum of the absolute values of the terms (see
tests/reference_helpers.py). Gradients are compared to ``1e-12`` of their own size plus the same
scale of the loss divided by the number of elements, which bounds the rounding of either side.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
import scipy.stats as st
import torch
import torch.nn.functional as F
from scipy import special

import mlcourse
from mlcourse import losses

from .reference_helpers import assert_close

pytestmark = pytest.mark.filterwarnings("error")

REDUCTIONS = ["mean", "sum", "none"]
KINDS = ["numpy", "torch"]


def t(x, grad: bool = False, dtype=torch.float64) -> torch.Tensor:
    return torch.tensor(np.asarray(x), dtype=dtype, requires_grad=grad)


def convert(kind: str, *arrays):
    """The arrays as numpy (float64) or as float64 tensors."""
    if kind == "numpy":
        return arrays
    return tuple(None if a is None else torch.as_tensor(np.asarray(a)) for a in arrays)


def terms_scale(shape: tuple[int, ...], reduction: str, parts) -> np.ndarray:
    """Sum of |terms| of the formula, reduced the same way (the rounding scale of the result)."""
    size = sum(np.abs(np.broadcast_to(np.asarray(p, dtype=float), shape)) for p in parts)
    if reduction == "none":
        return size
    total = size.sum()
    return total / size.size if reduction == "mean" else total


def rng_for(seed: int) -> np.random.Generator:
    return np.random.default_rng(seed)


# ------------------------------------------------------------------------------------------------
# Inputs: random and extreme
# ------------------------------------------------------------------------------------------------

def regression_cases():
    rng = rng_for(1)
    return {
        "random": (rng.normal(0, 2, (7, 3)), rng.normal(0, 2, (7, 3))),
        "huge": (rng.normal(0, 1e150, 12), rng.normal(0, 1e150, 12)),
        "tiny": (rng.normal(0, 1e-150, 12), rng.normal(0, 1e-150, 12)),
        "scalar": (np.array(1.5), np.array(-0.25)),
        "equal": (np.arange(5.0), np.arange(5.0)),
    }


REGRESSION = regression_cases()


# ------------------------------------------------------------------------------------------------
# mse_loss and l1_loss
# ------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["mse_loss", "l1_loss"])
@pytest.mark.parametrize("case", sorted(REGRESSION))
@pytest.mark.parametrize("reduction", REDUCTIONS)
@pytest.mark.parametrize("kind", KINDS)
def test_regression_losses_equal_torch(name, case, reduction, kind) -> None:
    x, y = REGRESSION[case]
    expected = getattr(F, name)(t(x), t(y), reduction=reduction)
    got = getattr(losses, name)(*convert(kind, x, y), reduction=reduction)
    assert isinstance(got, torch.Tensor) == (kind == "torch")
    assert_close(got, expected)


@pytest.mark.parametrize("name", ["mse_loss", "l1_loss"])
@pytest.mark.parametrize("reduction", REDUCTIONS)
def test_regression_losses_with_weights_equal_torch(name, reduction) -> None:
    rng = rng_for(2)
    x, y, w = rng.normal(size=(4, 5)), rng.normal(size=(4, 5)), rng.uniform(0, 3, (4, 5))
    expected = getattr(F, name)(t(x), t(y), reduction=reduction, weight=t(w))
    assert_close(getattr(losses, name)(x, y, reduction=reduction, weight=w), expected)


@pytest.mark.parametrize("name", ["mse_loss", "l1_loss"])
def test_regression_gradients_equal_torch(name) -> None:
    rng = rng_for(3)
    x, y = rng.normal(size=20), rng.normal(size=20)
    ours, theirs = t(x, grad=True), t(x, grad=True)
    getattr(losses, name)(ours, t(y)).backward()
    getattr(F, name)(theirs, t(y)).backward()
    assert_close(ours.grad, theirs.grad)


def test_float32_tensors_stay_float32() -> None:
    x = torch.randn(6, dtype=torch.float32, generator=torch.Generator().manual_seed(0))
    got = losses.mse_loss(x, torch.zeros(6))
    assert got.dtype == torch.float32
    assert torch.allclose(got, F.mse_loss(x, torch.zeros(6)), rtol=1e-6)


@pytest.mark.parametrize("sigma", [0.3, 1.0, 2.5])
def test_mse_is_rescaled_gaussian_nll(sigma) -> None:
    """mse_loss = mean(-2 sigma^2 (log N(y | x, sigma) + log(2 pi sigma^2) / 2)), any sigma."""
    rng = rng_for(4)
    x, y = rng.normal(size=50), rng.normal(size=50)
    logpdf = st.norm.logpdf(y, x, sigma)
    expected = -2 * sigma**2 * (logpdf + 0.5 * math.log(2 * math.pi * sigma**2))
    assert_close(losses.mse_loss(x, y, reduction="none"), expected,
                 scale=2 * sigma**2 * (np.abs(logpdf) + 0.5 * abs(math.log(2 * math.pi
                                                                             * sigma**2))))
    # sigma = 1: twice the NLL minus log(2 pi), elementwise
    if sigma == 1.0:
        reference = -2 * st.norm.logpdf(y, x, 1.0) - math.log(2 * math.pi)
        assert_close(losses.mse_loss(x, y, reduction="none"), reference,
                     scale=2 * np.abs(st.norm.logpdf(y, x, 1.0)) + math.log(2 * math.pi))


def test_mse_matches_mlcourse_gaussian_loglik() -> None:
    """A constant prediction mu: the summed squared error from the sample log-likelihood."""
    rng = rng_for(5)
    y, mu, sigma = rng.normal(3, 2, 200), 2.5, 1.7
    n = y.size
    loglik = mlcourse.gaussian_loglik(y, mu, sigma)
    expected = -2 * sigma**2 * (loglik + 0.5 * n * math.log(2 * math.pi * sigma**2))
    assert_close(losses.mse_loss(np.full(n, mu), y, reduction="sum"), expected,
                 scale=2 * sigma**2 * (abs(loglik) + n * abs(math.log(2 * math.pi * sigma**2))))


@pytest.mark.parametrize("b", [0.4, 1.0, 3.0])
def test_l1_is_rescaled_laplace_nll(b) -> None:
    """|x - y| = -b (log Laplace(y | x, b) + log 2b); at b = 1, NLL - log 2."""
    rng = rng_for(6)
    x, y = rng.normal(size=50), rng.laplace(size=50)
    logpdf = st.laplace.logpdf(y, x, b)
    expected = -b * (logpdf + math.log(2 * b))
    assert_close(losses.l1_loss(x, y, reduction="none"), expected,
                 scale=b * (np.abs(logpdf) + abs(math.log(2 * b))))
    loglik = mlcourse.laplace_loglik(y, 0.3, b)
    assert_close(losses.l1_loss(np.full(50, 0.3), y, reduction="sum"),
                 -b * (loglik + 50 * math.log(2 * b)),
                 scale=b * (abs(loglik) + 50 * abs(math.log(2 * b))))


# ------------------------------------------------------------------------------------------------
# binary_cross_entropy
# ------------------------------------------------------------------------------------------------

def bce_cases():
    rng = rng_for(7)
    return {
        "random": (rng.uniform(0.01, 0.99, (6, 4)), rng.integers(0, 2, (6, 4)).astype(float)),
        "soft-targets": (rng.uniform(0.01, 0.99, 30), rng.uniform(0, 1, 30)),
        "edges": (np.array([0.0, 0.0, 1.0, 1.0, 1e-300, 1 - 1e-16, 1e-50, 0.5]),
                  np.array([0.0, 1.0, 0.0, 1.0, 1.0, 0.0, 0.0, 1.0])),
    }


BCE = bce_cases()


@pytest.mark.parametrize("case", sorted(BCE))
@pytest.mark.parametrize("reduction", REDUCTIONS)
@pytest.mark.parametrize("kind", KINDS)
def test_bce_equals_torch(case, reduction, kind) -> None:
    p, y = BCE[case]
    expected = F.binary_cross_entropy(t(p), t(y), reduction=reduction)
    assert_close(losses.binary_cross_entropy(*convert(kind, p, y), reduction=reduction),
                 expected)


@pytest.mark.parametrize("reduction", REDUCTIONS)
def test_bce_weights_equal_torch(reduction) -> None:
    rng = rng_for(8)
    p, y = rng.uniform(0.01, 0.99, (5, 3)), rng.integers(0, 2, (5, 3)).astype(float)
    w = rng.uniform(0, 2, 3)  # broadcast over the rows, as torch allows
    expected = F.binary_cross_entropy(t(p), t(y), weight=t(w), reduction=reduction)
    assert_close(losses.binary_cross_entropy(p, y, w, reduction=reduction), expected)


def test_bce_clamps_the_log_at_minus_100() -> None:
    """p = 0 for a 1 (and p = 1 for a 0) costs exactly 100 nats, as in torch; right ones 0."""
    p, y = np.array([0.0, 1.0, 0.0, 1.0]), np.array([1.0, 0.0, 0.0, 1.0])
    got = losses.binary_cross_entropy(p, y, reduction="none")
    np.testing.assert_array_equal(got, [100.0, 100.0, 0.0, 0.0])
    np.testing.assert_array_equal(F.binary_cross_entropy(t(p), t(y), reduction="none"),
                                  [100.0, 100.0, 0.0, 0.0])
    # just inside the clamp: log(1e-40) = -92.1 is not clamped, log(1e-50) = -115.1 is
    assert_close(losses.binary_cross_entropy([1e-40], [1.0]), 40 * math.log(10))
    assert float(losses.binary_cross_entropy([1e-50], [1.0])) == 100.0


def test_bce_gradient_is_finite_at_zero_and_one() -> None:
    p = t([0.0, 1.0, 0.0, 1.0, 0.3], grad=True)
    losses.binary_cross_entropy(p, t([1.0, 0.0, 0.0, 1.0, 1.0]), reduction="sum").backward()
    assert torch.isfinite(p.grad).all()
    assert_close(p.grad[4], -1 / 0.3)


def test_bce_gradient_equals_torch_inside() -> None:
    rng = rng_for(9)
    p, y = rng.uniform(0.05, 0.95, 25), rng.uniform(0, 1, 25)
    ours, theirs = t(p, grad=True), t(p, grad=True)
    losses.binary_cross_entropy(ours, t(y)).backward()
    F.binary_cross_entropy(theirs, t(y)).backward()
    assert_close(ours.grad, theirs.grad, rtol=1e-10)


def test_bce_is_bernoulli_nll() -> None:
    rng = rng_for(10)
    p, y = rng.uniform(0.001, 0.999, 100), rng.integers(0, 2, 100)
    assert_close(losses.binary_cross_entropy(p, y, reduction="none"),
                 -st.bernoulli.logpmf(y, p))
    q = 0.37  # a constant prediction: the summed loss is minus the sample log-likelihood
    assert_close(losses.binary_cross_entropy(np.full(100, q), y, reduction="sum"),
                 -mlcourse.bernoulli_loglik(y, q))


# ------------------------------------------------------------------------------------------------
# binary_cross_entropy_with_logits
# ------------------------------------------------------------------------------------------------

def logit_cases():
    rng = rng_for(11)
    return {
        "random": (rng.normal(0, 3, (5, 4)), rng.integers(0, 2, (5, 4)).astype(float)),
        "extreme": (np.array([-800.0, 800.0, -40.0, 40.0, 0.0, 1e-20]),
                    np.array([1.0, 0.0, 1.0, 0.0, 1.0, 0.0])),
        "soft": (rng.normal(0, 3, 20), rng.uniform(0, 1, 20)),
    }


LOGITS = logit_cases()


def expected_terms(z: np.ndarray, y: np.ndarray) -> np.ndarray:
    """The elementwise Bernoulli NLL from scipy (the size of the loss terms)."""
    return y * np.logaddexp(0, -z) + (1 - y) * np.logaddexp(0, z)


@pytest.mark.parametrize("case", sorted(LOGITS))
@pytest.mark.parametrize("reduction", REDUCTIONS)
@pytest.mark.parametrize("kind", KINDS)
def test_bce_with_logits_equals_torch(case, reduction, kind) -> None:
    z, y = LOGITS[case]
    expected = F.binary_cross_entropy_with_logits(t(z), t(y), reduction=reduction)
    got = losses.binary_cross_entropy_with_logits(*convert(kind, z, y), reduction=reduction)
    # torch's formula (1 - y) z - log sigmoid(z) has terms of size |z|
    assert_close(got, expected, scale=terms_scale(z.shape, reduction, [z, expected_terms(z, y)]))


@pytest.mark.parametrize("reduction", REDUCTIONS)
def test_bce_with_logits_weights_equal_torch(reduction) -> None:
    rng = rng_for(12)
    z, y = rng.normal(0, 3, (6, 3)), rng.integers(0, 2, (6, 3)).astype(float)
    w, pw = rng.uniform(0, 2, (6, 3)), rng.uniform(0.5, 4, 3)
    expected = F.binary_cross_entropy_with_logits(t(z), t(y), weight=t(w), pos_weight=t(pw),
                                                  reduction=reduction)
    got = losses.binary_cross_entropy_with_logits(z, y, w, reduction=reduction, pos_weight=pw)
    assert_close(got, expected, scale=terms_scale(z.shape, reduction, [w * pw * np.abs(z)]))


def test_bce_with_logits_gradient_equals_torch() -> None:
    rng = rng_for(13)
    z, y = rng.normal(0, 5, 30), rng.integers(0, 2, 30).astype(float)
    ours, theirs = t(z, grad=True), t(z, grad=True)
    losses.binary_cross_entropy_with_logits(ours, t(y)).backward()
    F.binary_cross_entropy_with_logits(theirs, t(y)).backward()
    assert_close(ours.grad, theirs.grad, rtol=1e-10)


def test_bce_with_logits_is_bernoulli_nll() -> None:
    rng = rng_for(14)
    z, y = rng.normal(0, 4, 100), rng.integers(0, 2, 100)
    reference = -torch.distributions.Bernoulli(logits=t(z)).log_prob(t(y))
    # torch.distributions evaluates (1 - y) z - log sigmoid(z), which cancels for y = 0 and
    # z << 0 (to 1e-16 absolute); the scale is the size of its terms.
    assert_close(losses.binary_cross_entropy_with_logits(z, y, reduction="none"), reference,
                 scale=np.abs(z) + reference.abs().numpy())
    assert_close(losses.binary_cross_entropy_with_logits(np.full(100, -0.8), y, reduction="sum"),
                 -mlcourse.bernoulli_loglik(y, logit=-0.8))
    # The probability form agrees up to the rounding of p = sigmoid(z) near 1, an absolute
    # error of about 1e-16 in p and so in -log p: an absolute floor of 1e-15.
    assert_close(losses.binary_cross_entropy(special.expit(z), y, reduction="none"),
                 reference, scale=reference.abs() + 1e-6, rtol=1e-9)


# ------------------------------------------------------------------------------------------------
# cross_entropy and nll_loss
# ------------------------------------------------------------------------------------------------

def class_cases():
    rng = rng_for(15)
    return {
        "2d": (rng.normal(0, 2, (8, 4)), rng.integers(0, 4, 8)),
        "1d": (rng.normal(0, 2, 5), np.array(3)),
        "spatial": (rng.normal(0, 2, (3, 4, 2, 5)), rng.integers(0, 4, (3, 2, 5))),
        "huge-logits": (rng.normal(0, 1, (6, 3)) * 1e3, rng.integers(0, 3, 6)),
    }


CLASSES = class_cases()


@pytest.mark.parametrize("case", sorted(CLASSES))
@pytest.mark.parametrize("reduction", REDUCTIONS)
@pytest.mark.parametrize("kind", KINDS)
def test_cross_entropy_equals_torch(case, reduction, kind) -> None:
    z, y = CLASSES[case]
    expected = F.cross_entropy(t(z), torch.as_tensor(y), reduction=reduction)
    got_z, got_y = (z, y) if kind == "numpy" else (t(z), torch.as_tensor(y))
    # log_softmax = z - logsumexp(z): terms of the size of the largest logit
    assert_close(losses.cross_entropy(got_z, got_y, reduction=reduction), expected,
                 scale=np.abs(expected.numpy()) + np.abs(z).max())


@pytest.mark.parametrize("reduction", REDUCTIONS)
@pytest.mark.parametrize("smoothing", [0.0, 0.15])
def test_cross_entropy_weights_ignore_index_smoothing_equal_torch(reduction, smoothing) -> None:
    rng = rng_for(16)
    z, y, w = rng.normal(0, 2, (9, 4)), rng.integers(0, 4, 9), rng.uniform(0.2, 3, 4)
    y[[2, 5]] = -100
    expected = F.cross_entropy(t(z), torch.as_tensor(y), weight=t(w), reduction=reduction,
                               label_smoothing=smoothing)
    got = losses.cross_entropy(z, y, w, reduction=reduction, label_smoothing=smoothing)
    assert_close(got, expected)
    custom = y.copy()  # a custom ignore_index
    custom[[2, 5]], custom[4] = 1, 7
    expected = F.cross_entropy(t(z), torch.as_tensor(custom), ignore_index=7,
                               reduction=reduction)
    assert_close(losses.cross_entropy(z, custom, ignore_index=7, reduction=reduction), expected)


@pytest.mark.parametrize("reduction", REDUCTIONS)
@pytest.mark.parametrize("smoothing", [0.0, 0.2])
def test_cross_entropy_probability_targets_equal_torch(reduction, smoothing) -> None:
    rng = rng_for(17)
    z, w = rng.normal(0, 2, (7, 3)), rng.uniform(0.5, 2, 3)
    probs = rng.dirichlet(np.ones(3), 7)
    probs[0] = [0.0, 1.0, 0.0]
    expected = F.cross_entropy(t(z), t(probs), weight=t(w), reduction=reduction,
                               label_smoothing=smoothing)
    got = losses.cross_entropy(z, probs, w, reduction=reduction, label_smoothing=smoothing)
    assert_close(got, expected)


def test_cross_entropy_gradient_equals_torch() -> None:
    rng = rng_for(18)
    z, y, w = rng.normal(0, 3, (10, 5)), rng.integers(0, 5, 10), rng.uniform(0.5, 2, 5)
    ours, theirs = t(z, grad=True), t(z, grad=True)
    losses.cross_entropy(ours, torch.as_tensor(y), t(w), label_smoothing=0.1).backward()
    F.cross_entropy(theirs, torch.as_tensor(y), weight=t(w), label_smoothing=0.1).backward()
    assert_close(ours.grad, theirs.grad, scale=theirs.grad.abs() + 1e-3 / 10)


def test_cross_entropy_is_categorical_nll() -> None:
    rng = rng_for(19)
    z, y = rng.normal(0, 3, (40, 6)), rng.integers(0, 6, 40)
    reference = -torch.distributions.Categorical(logits=t(z)).log_prob(torch.as_tensor(y))
    assert_close(losses.cross_entropy(z, y, reduction="none"), reference)
    row = rng.normal(0, 2, 6)  # one logit vector for every example
    assert_close(losses.cross_entropy(np.tile(row, (40, 1)), y, reduction="sum"),
                 -mlcourse.categorical_loglik(y, logits=row))
    # nll_loss of the log-softmax is the cross-entropy of the logits
    assert_close(losses.nll_loss(special.log_softmax(z, axis=1), y, reduction="none"), reference)


@pytest.mark.parametrize("case", sorted(CLASSES))
@pytest.mark.parametrize("reduction", REDUCTIONS)
@pytest.mark.parametrize("kind", KINDS)
def test_nll_loss_equals_torch(case, reduction, kind) -> None:
    z, y = CLASSES[case]
    log_probs = special.log_softmax(z, axis=1 if z.ndim > 1 else 0)
    expected = F.nll_loss(t(log_probs), torch.as_tensor(y), reduction=reduction)
    got_x, got_y = (log_probs, y) if kind == "numpy" else (t(log_probs), torch.as_tensor(y))
    assert_close(losses.nll_loss(got_x, got_y, reduction=reduction), expected)


@pytest.mark.parametrize("reduction", REDUCTIONS)
def test_nll_loss_weights_and_ignore_index_equal_torch(reduction) -> None:
    rng = rng_for(20)
    log_probs = np.log(rng.dirichlet(np.ones(3), 8))
    y, w = rng.integers(0, 3, 8), rng.uniform(0.2, 2, 3)
    y[3] = -100
    expected = F.nll_loss(t(log_probs), torch.as_tensor(y), weight=t(w), reduction=reduction)
    assert_close(losses.nll_loss(log_probs, y, w, reduction=reduction), expected)


def test_nll_loss_allows_minus_infinity_and_matches_categorical_loglik() -> None:
    probs = np.array([0.5, 0.0, 0.5])
    with np.errstate(divide="ignore"):
        log_probs = np.log(np.tile(probs, (4, 1)))
    y = np.array([0, 2, 2, 0])
    assert_close(losses.nll_loss(log_probs, y, reduction="sum"),
                 -mlcourse.categorical_loglik(y, probs))
    assert float(losses.nll_loss(log_probs, np.array([1, 0, 0, 0]), reduction="sum")) == np.inf


def test_nll_loss_gradient_equals_torch() -> None:
    rng = rng_for(21)
    log_probs = np.log(rng.dirichlet(np.ones(4), 6))
    y, w = rng.integers(0, 4, 6), rng.uniform(0.5, 2, 4)
    ours, theirs = t(log_probs, grad=True), t(log_probs, grad=True)
    losses.nll_loss(ours, torch.as_tensor(y), t(w)).backward()
    F.nll_loss(theirs, torch.as_tensor(y), weight=t(w)).backward()
    assert_close(ours.grad, theirs.grad)


# ------------------------------------------------------------------------------------------------
# poisson_nll_loss
# ------------------------------------------------------------------------------------------------

def poisson_cases():
    rng = rng_for(22)
    rate = rng.gamma(2.0, 2.0, (5, 6))
    return {
        "random": (np.log(rate), rng.poisson(rate).astype(float)),
        "large-counts": (np.log(np.full(10, 1e6)), rng.poisson(1e6, 10).astype(float)),
        "zeros-ones": (rng.normal(0, 1, 8), np.array([0.0, 1, 0, 1, 2, 0, 1, 3])),
        "soft-targets": (rng.normal(0, 1, 8), rng.uniform(0, 4, 8)),
    }


POISSON = poisson_cases()


@pytest.mark.parametrize("case", sorted(POISSON))
@pytest.mark.parametrize("reduction", REDUCTIONS)
@pytest.mark.parametrize("log_input", [True, False])
@pytest.mark.parametrize("full", [False, True])
@pytest.mark.parametrize("kind", KINDS)
def test_poisson_nll_loss_equals_torch(case, reduction, log_input, full, kind) -> None:
    log_rate, y = POISSON[case]
    x = log_rate if log_input else np.exp(log_rate)
    expected = F.poisson_nll_loss(t(x), t(y), log_input=log_input, full=full,
                                  reduction=reduction)
    got = losses.poisson_nll_loss(*convert(kind, x, y), log_input, full, reduction=reduction)
    rate = np.exp(log_rate)
    parts = [rate, y * log_rate]
    if full:
        parts += [special.xlogy(y, y), y, np.log(2 * np.pi * np.maximum(y, 1))]
    assert_close(got, expected, scale=terms_scale(x.shape, reduction, parts))


def test_poisson_nll_loss_eps_equals_torch() -> None:
    x, y = np.array([0.0, 1e-9, 0.5, 3.0]), np.array([0.0, 2.0, 1.0, 4.0])
    for eps in (1e-8, 1e-3):
        expected = F.poisson_nll_loss(t(x), t(y), log_input=False, eps=eps, reduction="none")
        assert_close(losses.poisson_nll_loss(x, y, False, eps=eps, reduction="none"), expected)


def test_poisson_nll_loss_gradient_equals_torch() -> None:
    rng = rng_for(23)
    x, y = rng.normal(0, 1, 20), rng.poisson(2.0, 20).astype(float)
    for log_input, full in ((True, False), (True, True), (False, True)):
        value = x if log_input else np.exp(x)
        ours, theirs = t(value, grad=True), t(value, grad=True)
        losses.poisson_nll_loss(ours, t(y), log_input, full).backward()
        F.poisson_nll_loss(theirs, t(y), log_input=log_input, full=full).backward()
        assert_close(ours.grad, theirs.grad, scale=theirs.grad.abs() + 1e-15)


def test_poisson_nll_loss_is_poisson_nll_without_log_factorial() -> None:
    rng = rng_for(24)
    rate = rng.gamma(2.0, 3.0, 200)
    k = rng.poisson(rate)
    logpmf = st.poisson.logpmf(k, rate)
    got = losses.poisson_nll_loss(np.log(rate), k, reduction="none")
    assert_close(got, -logpmf - special.gammaln(k + 1.0),
                 scale=rate + k * np.abs(np.log(rate)) + special.gammaln(k + 1.0))
    reference = -torch.distributions.Poisson(t(rate)).log_prob(t(k))
    assert_close(got + special.gammaln(k + 1.0), reference,
                 scale=rate + k * np.abs(np.log(rate)) + special.gammaln(k + 1.0))
    # a constant rate: the summed loss is minus the sample log-likelihood, minus sum log k!
    loglik = mlcourse.poisson_loglik(k, 4.2)
    total = losses.poisson_nll_loss(np.full(k.size, math.log(4.2)), k, reduction="sum")
    log_factorials = special.gammaln(k + 1.0).sum()
    assert_close(total, -loglik - log_factorials,
                 scale=abs(loglik) + 2 * log_factorials + 4.2 * k.size)


def test_poisson_full_adds_stirling_only_above_one() -> None:
    """full=True is exact at k = 0 and 1 (log k! = 0, term left out) and Stirling above."""
    k = np.arange(0.0, 60.0)
    rate = np.full(k.size, 3.0)
    full = losses.poisson_nll_loss(np.log(rate), k, full=True, reduction="none")
    plain = losses.poisson_nll_loss(np.log(rate), k, full=False, reduction="none")
    added = np.asarray(full) - np.asarray(plain)
    np.testing.assert_array_equal(added[:2], [0.0, 0.0])
    stirling = k[2:] * np.log(k[2:]) - k[2:] + 0.5 * np.log(2 * np.pi * k[2:])
    assert_close(added[2:], stirling, scale=k[2:] * np.log(k[2:]) + k[2:] + 3)
    # and at a non-integer target just above 1 it is already added
    assert float(losses.poisson_nll_loss([0.0], [1.5], full=True)) != float(
        losses.poisson_nll_loss([0.0], [1.5]))


def test_poisson_full_error_is_the_stirling_error() -> None:
    """The 'full' loss exceeds the true NLL by log k! - Stirling(k), between the bounds
    1/(12k) - 1/(360k^3) and 1/(12k), for k >= 2; it is 0.0413 at k = 2."""
    k = np.arange(2.0, 500.0)
    rate = np.full(k.size, 7.0)
    full = losses.poisson_nll_loss(np.log(rate), k, full=True, reduction="none")
    error = -st.poisson.logpmf(k, rate) - np.asarray(full)
    # rounding: a few ulps of the terms, which reach 3e3 at k = 500
    slack = 1e-12 * (k * np.log(k) + k + rate)
    assert np.all(error <= 1 / (12 * k) + slack)
    assert np.all(error >= 1 / (12 * k) - 1 / (360 * k**3) - slack)
    assert abs(error[0] - (math.log(2) - (2 * math.log(2) - 2 + 0.5 * math.log(4 * math.pi)))) \
        < 1e-13
    assert round(float(error[0]), 4) == 0.0413


# ------------------------------------------------------------------------------------------------
# gaussian_nll_loss
# ------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("reduction", REDUCTIONS)
@pytest.mark.parametrize("full", [False, True])
@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("var_shape", ["same", "float", "drop-last", "size-one"])
def test_gaussian_nll_loss_equals_torch(reduction, full, kind, var_shape) -> None:
    rng = rng_for(25)
    x, y = rng.normal(0, 2, (6, 3)), rng.normal(0, 2, (6, 3))
    var = {"same": rng.uniform(0.1, 4, (6, 3)), "float": 0.7,
           "drop-last": rng.uniform(0.1, 4, 6), "size-one": rng.uniform(0.1, 4, (6, 1))}[var_shape]
    torch_var = var if isinstance(var, float) else t(var)
    expected = F.gaussian_nll_loss(t(x), t(y), torch_var, full=full, reduction=reduction)
    if kind == "numpy":
        got = losses.gaussian_nll_loss(x, y, var, full, reduction=reduction)
    else:
        got = losses.gaussian_nll_loss(t(x), t(y), torch_var, full, reduction=reduction)
    full_var = var[:, None] if var_shape == "drop-last" else var
    log_v = np.abs(np.log(np.broadcast_to(full_var, (6, 3))))
    assert_close(got, expected, scale=terms_scale(x.shape, reduction, [log_v, (x - y)**2, 1]))


def test_gaussian_nll_loss_eps_clamps_the_variance() -> None:
    x, y = np.array([0.0, 0.0, 0.0, 0.0]), np.array([1e-4, 1e-4, 1e-4, 1e-4])
    var = np.array([0.0, 1e-9, 1e-6, 1e-3])
    expected = F.gaussian_nll_loss(t(x), t(y), t(var), reduction="none")
    got = losses.gaussian_nll_loss(x, y, var, reduction="none")
    assert_close(got, expected)
    # clamped, not shifted: 0 and 1e-9 give exactly the value at var = eps = 1e-6
    assert got[0] == got[2] and got[1] == got[2]
    assert_close(got[2], 0.5 * (math.log(1e-6) + 1e-8 / 1e-6))
    for eps in (1e-3, 0.5):
        assert_close(losses.gaussian_nll_loss(x, y, var, eps=eps, reduction="none"),
                     F.gaussian_nll_loss(t(x), t(y), t(var), eps=eps, reduction="none"))


def test_gaussian_nll_loss_full_adds_half_log_two_pi() -> None:
    rng = rng_for(26)
    x, y, var = rng.normal(size=30), rng.normal(size=30), rng.uniform(0.2, 3, 30)
    full = losses.gaussian_nll_loss(x, y, var, full=True, reduction="none")
    plain = losses.gaussian_nll_loss(x, y, var, reduction="none")
    assert_close(full - plain, np.full(30, 0.5 * math.log(2 * math.pi)), rtol=1e-14 * 10)
    logpdf = st.norm.logpdf(y, x, np.sqrt(var))
    assert_close(full, -logpdf, scale=np.abs(np.log(var)) + (x - y)**2 / var + 1)
    reference = -torch.distributions.Normal(t(x), t(np.sqrt(var))).log_prob(t(y))
    assert_close(full, reference, scale=np.abs(np.log(var)) + (x - y)**2 / var + 1)
    # a constant mean and variance: the summed full loss is minus the sample log-likelihood
    loglik = mlcourse.gaussian_loglik(y, 0.2, math.sqrt(1.3))
    assert_close(losses.gaussian_nll_loss(np.full(30, 0.2), y, 1.3, True, reduction="sum"),
                 -loglik)


def test_gaussian_nll_loss_gradients_equal_torch_even_where_clamped() -> None:
    rng = rng_for(27)
    x, y = rng.normal(size=8), rng.normal(size=8)
    var = np.concatenate([rng.uniform(0.1, 2, 6), [1e-9, 0.0]])
    ours = (t(x, grad=True), t(var, grad=True))
    theirs = (t(x, grad=True), t(var, grad=True))
    losses.gaussian_nll_loss(ours[0], t(y), ours[1], full=True).backward()
    F.gaussian_nll_loss(theirs[0], t(y), theirs[1], full=True).backward()
    for a, b in zip(ours, theirs, strict=True):
        assert_close(a.grad, b.grad, scale=b.grad.abs() + 1e-12)


# ------------------------------------------------------------------------------------------------
# hinge_loss
# ------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("reduction", REDUCTIONS)
@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("margin", [1.0, 0.5])
def test_hinge_loss_is_twice_two_class_multi_margin_loss(reduction, kind, margin) -> None:
    rng = rng_for(28)
    z, y = rng.normal(0, 2, 25), rng.choice([-1.0, 1.0], 25)
    scores = torch.stack([torch.zeros(25, dtype=torch.float64), t(z)], dim=1)
    labels = torch.as_tensor((y > 0).astype(np.int64))
    expected = 2 * F.multi_margin_loss(scores, labels, margin=margin, reduction=reduction)
    got = losses.hinge_loss(*convert(kind, z, y), margin, reduction=reduction)
    assert_close(got, expected, scale=np.abs(expected.numpy()) + 1e-15)
    terms = np.maximum(0.0, margin - y * z)  # the textbook formula
    by_hand = {"none": terms, "mean": terms.mean(), "sum": terms.sum()}[reduction]
    assert_close(got, by_hand, scale=np.abs(by_hand) + 1e-15)


def test_hinge_loss_gradient_equals_torch() -> None:
    rng = rng_for(29)
    z, y = rng.normal(0, 2, 25), rng.choice([-1.0, 1.0], 25)
    ours = t(z, grad=True)
    losses.hinge_loss(ours, t(y)).backward()
    theirs = t(z, grad=True)
    scores = torch.stack([torch.zeros(25, dtype=torch.float64), theirs], dim=1)
    (2 * F.multi_margin_loss(scores, torch.as_tensor((y > 0).astype(np.int64)))).backward()
    assert_close(ours.grad, theirs.grad)


def test_exp_minus_hinge_cannot_be_normalised() -> None:
    """e^{-hinge(z, +1)} + e^{-hinge(z, -1)} depends on z: 2 cosh(z) / e inside the margin,
    1 + e^{-1-|z|} outside, so no constant turns it into a probability for every score."""
    z = np.array([0.0, 0.5, 1.0, 2.0, 10.0])
    total = (np.exp(-losses.hinge_loss(z, np.ones(5), reduction="none"))
             + np.exp(-losses.hinge_loss(z, -np.ones(5), reduction="none")))
    assert_close(total[:3], 2 * np.cosh(z[:3]) / math.e)
    assert_close(total[3:], 1 + np.exp(-1 - z[3:]))
    assert total.max() - total.min() > 0.3  # from 2/e = 0.736 at z = 0 to 1.135 at z = 1


# ------------------------------------------------------------------------------------------------
# Bad input raises a ValueError that says what is wrong
# ------------------------------------------------------------------------------------------------

BAD = [
    (lambda: losses.mse_loss(np.zeros(3), np.zeros(4)), "shape"),
    (lambda: losses.mse_loss(np.zeros((3, 1)), np.zeros(3)), "shape"),
    (lambda: losses.l1_loss([1.0, np.nan], [0.0, 0.0]), "finite"),
    (lambda: losses.l1_loss([1.0, 2.0], [0.0, np.inf]), "finite"),
    (lambda: losses.mse_loss([], []), "empty"),
    (lambda: losses.mse_loss([1.0], [1.0], reduction="average"), "reduction"),
    (lambda: losses.mse_loss([1.0, 2.0], [1.0, 1.0], weight=[1.0]), "weight"),
    (lambda: losses.binary_cross_entropy([0.5, 1.2], [0.0, 1.0]), "probability"),
    (lambda: losses.binary_cross_entropy([0.5, -0.1], [0.0, 1.0]), "probability"),
    (lambda: losses.binary_cross_entropy([0.5, 0.5], [0.0, 2.0]), "probability"),
    (lambda: losses.binary_cross_entropy([0.5, 0.5], [0.0]), "shape"),
    (lambda: losses.binary_cross_entropy_with_logits([0.0, np.inf], [0.0, 1.0]), "finite"),
    (lambda: losses.binary_cross_entropy_with_logits([0.0], [1.0], pos_weight=[-1.0]), ">= 0"),
    (lambda: losses.cross_entropy(np.zeros((2, 3)), [0, 3]), "class labels"),
    (lambda: losses.cross_entropy(np.zeros((2, 3)), [0.5, 1]), "class labels"),
    (lambda: losses.cross_entropy(np.zeros((2, 3)), [0, 1, 2]), "shape"),
    (lambda: losses.cross_entropy(np.zeros((2, 3)), [-100, -100]), "ignore_index"),
    (lambda: losses.cross_entropy(np.zeros((2, 3)), np.full((2, 3), 0.6) * [1, 1, -1]),
     "probability"),
    (lambda: losses.cross_entropy(np.zeros((2, 3)), [0, 1], [1.0, 2.0]), "weight"),
    (lambda: losses.cross_entropy(np.zeros((2, 3)), [0, 1], label_smoothing=1.5), "smoothing"),
    (lambda: losses.cross_entropy([[0.0, np.nan]], [0]), "finite"),
    (lambda: losses.nll_loss([[0.0, np.inf]], [0]), "log-probability"),
    (lambda: losses.poisson_nll_loss([0.0, 0.0], [1.0, -1.0]), ">= 0"),
    (lambda: losses.poisson_nll_loss([-0.5, 1.0], [1.0, 1.0], log_input=False), ">= 0"),
    (lambda: losses.poisson_nll_loss([0.0, np.nan], [1.0, 1.0]), "finite"),
    (lambda: losses.gaussian_nll_loss([0.0, 0.0], [0.0, 1.0], [1.0, -0.5]), "var must be"),
    (lambda: losses.gaussian_nll_loss([0.0, 0.0], [0.0, 1.0], -1.0), "var must be"),
    (lambda: losses.gaussian_nll_loss(np.zeros((2, 3)), np.zeros((2, 3)), np.ones(4)), "var"),
    (lambda: losses.gaussian_nll_loss([0.0], [0.0], 1.0, eps=0.0), "eps"),
    (lambda: losses.hinge_loss([0.5, 0.5], [1, 0]), r"only -1 and \+1"),
]


@pytest.mark.parametrize(("call", "words"), BAD, ids=[f"{i}-{w}" for i, (_, w) in enumerate(BAD)])
def test_bad_input_raises_a_clear_value_error(call, words) -> None:
    with pytest.raises(ValueError, match=words):
        call()


def test_messages_name_the_argument_and_the_value() -> None:
    with pytest.raises(ValueError, match=r"input must be a probability in \[0, 1\]; got 1.2 at "
                                         r"index \(1,\)"):
        losses.binary_cross_entropy([0.5, 1.2], [0.0, 1.0])
    with pytest.raises(ValueError, match=r"input has shape \(3,\) but target has shape \(4,\)"):
        losses.mse_loss(np.zeros(3), np.zeros(4))
    with pytest.raises(ValueError, match=r"var must be >= 0; got -0.5"):
        losses.gaussian_nll_loss([0.0, 0.0], [0.0, 1.0], [1.0, -0.5])


def test_tensor_inputs_are_validated_too() -> None:
    with pytest.raises(ValueError, match="probability"):
        losses.binary_cross_entropy(t([0.5, 1.5], grad=True), t([0.0, 1.0]))


# ------------------------------------------------------------------------------------------------
# The count dataset of Chapter 7
# ------------------------------------------------------------------------------------------------

def test_horse_kicks_reproduce_bortkiewicz_totals() -> None:
    """Published: 196 deaths in 280 corps-years, 144/91/32/11/2 corps-years with 0..4 deaths;
    Fisher's 10 corps: 122 deaths, 109/65/22/3/1."""
    kicks = mlcourse.load_horse_kicks()
    assert kicks.deaths.shape == (20, 14)
    assert kicks.years.tolist() == list(range(1875, 1895))
    assert kicks.corps == ("G", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X",
                           "XI", "XIV", "XV")
    assert int(kicks.deaths.sum()) == 196
    assert np.bincount(kicks.deaths.ravel()).tolist() == [144, 91, 32, 11, 2]
    kept = kicks.deaths[:, kicks.fisher]
    assert kept.shape == (20, 10) and int(kept.sum()) == 122
    assert np.bincount(kept.ravel()).tolist() == [109, 65, 22, 3, 1]
    deaths, year, corps = kicks.long()
    assert deaths.shape == year.shape == corps.shape == (280,)
    assert int(deaths[(year == 1880) & (corps == 11)][0]) == 4  # corps XI in 1880
    assert "Bortkiewicz" in kicks.source
