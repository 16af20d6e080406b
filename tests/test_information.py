"""mlcourse.information against independent references.

References: ``scipy.stats.entropy`` and ``scipy.special.entr`` / ``rel_entr`` / ``xlogy`` for the
discrete quantities, ``torch.distributions.kl_divergence`` for two ``Categorical`` and two
``Normal`` distributions, numerical integration (``scipy.integrate.quad``) and 50-digit mpmath
for the Gaussian closed form, and analytic derivatives for the torch gradients.

Tolerances: a sum over K categories of terms of either sign is compared to ``1e-12 * sum|terms|``
(see tests/reference_helpers.py); scipy and mlcourse round each term a few times, in a different
order. Where a reference is evaluated in 50-digit arithmetic the bound is relative to the result.
"""

from __future__ import annotations

import math

import mpmath
import numpy as np
import pytest
import scipy.stats as st
import torch
from scipy import integrate, special
from torch.distributions import Categorical, Normal

from mlcourse.information import (
    distribution_cross_entropy,
    empirical_distribution,
    entropy,
    gaussian_kl_divergence,
    kl_divergence,
)

from .reference_helpers import assert_close, tensor

pytestmark = pytest.mark.filterwarnings("error")


def _pairs(seed: int, shape: tuple[int, ...], k: int, zeros: bool = False):
    """Random probability vectors p, q (Dirichlet), optionally with exact zeros."""
    rng = np.random.default_rng(seed)
    p = rng.dirichlet(np.full(k, 0.7), size=shape)
    q = rng.dirichlet(np.full(k, 0.7), size=shape)
    if zeros:
        p[..., 0] = 0.0  # p = 0: contributes 0, whatever q says
        q[..., 1] = 0.0  # q = 0 where p > 0: infinite divergence
        q[..., 2] = 0.0
        p[..., 2] = 0.0  # both 0: contributes 0
        p /= p.sum(axis=-1, keepdims=True)
        q /= q.sum(axis=-1, keepdims=True)
    return p, q


# ----------------------------------------------------------------------------------------------
# Entropy
# ----------------------------------------------------------------------------------------------

@pytest.mark.parametrize("base", [None, 2, 10, math.e])
@pytest.mark.parametrize("k", [2, 5, 40])
def test_entropy_matches_scipy(k: int, base) -> None:
    p, _ = _pairs(1, (6,), k)
    p[0, : k // 2] = 0.0  # a vector with many zeros
    p[0] /= p[0].sum()
    expected = st.entropy(p, base=base, axis=-1)
    terms = special.entr(p) / (1.0 if base is None else math.log(base))
    assert_close(entropy(p, base=base), expected, scale=np.abs(terms).sum(axis=-1))
    assert_close(entropy(p, base=base), terms.sum(axis=-1), scale=np.abs(terms).sum(axis=-1))


def test_entropy_limits() -> None:
    for k in (1, 2, 7, 1000):
        assert_close(entropy(np.full(k, 1.0 / k)), math.log(k), scale=math.log(k) + 1)
    point_mass = np.eye(4)
    result = entropy(point_mass)
    assert result.shape == (4,)
    assert np.all(result == 0.0) and not np.signbit(result).any()  # 0.0, never -0.0
    assert entropy([0.5, 0.5], base=2) == 1.0


def test_entropy_of_a_dyadic_distribution_is_its_code_length() -> None:
    # Probabilities 2^-l have an optimal prefix code with lengths l: the entropy in bits is the
    # average length exactly.
    lengths = np.array([1, 2, 3, 4, 4])
    p = 0.5 ** lengths
    assert entropy(p, base=2) == float(np.sum(p * lengths))


# ----------------------------------------------------------------------------------------------
# Cross-entropy and KL divergence
# ----------------------------------------------------------------------------------------------

@pytest.mark.parametrize("zeros", [False, True], ids=["positive", "with-zeros"])
def test_cross_entropy_matches_xlogy(zeros: bool) -> None:
    p, q = _pairs(2, (5, 3), 6, zeros=zeros)
    terms = -special.xlogy(p, q)
    result = distribution_cross_entropy(p, q)
    finite = np.isfinite(terms.sum(axis=-1))
    assert_close(result[finite], terms.sum(axis=-1)[finite],
                 scale=np.abs(terms).sum(axis=-1)[finite])
    assert np.all(result[~finite] == np.inf)
    assert zeros == bool((~finite).any())


@pytest.mark.parametrize("zeros", [False, True], ids=["positive", "with-zeros"])
def test_kl_matches_rel_entr_scipy_and_torch(zeros: bool) -> None:
    p, q = _pairs(3, (7,), 5, zeros=zeros)
    terms = special.rel_entr(p, q)
    expected = terms.sum(axis=-1)
    scale = np.where(np.isfinite(terms), np.abs(terms), 0).sum(axis=-1)
    result = kl_divergence(p, q)
    assert_close(result, expected, scale=scale)
    assert_close(result, st.entropy(p, q, axis=-1), scale=scale)
    with torch.no_grad():
        reference = torch.distributions.kl_divergence(Categorical(probs=torch.tensor(p)),
                                                      Categorical(probs=torch.tensor(q)))
    reference = reference.numpy()
    # torch computes p (log p - log q) from its normalised logits: a few ulps of p |log p| and
    # of p |log q| per term
    positive = p > 0
    log_sizes = np.abs(np.log(np.where(positive, p, 1.0)))
    log_sizes += np.abs(np.log(np.where(positive & (q > 0), q, 1.0)))
    assert_close(result, reference, scale=(p * log_sizes).sum(axis=-1))
    if zeros:
        assert np.all(result == np.inf)


def test_kl_in_bits_and_the_decomposition() -> None:
    p, q = _pairs(4, (10,), 8)
    nats = kl_divergence(p, q)
    assert_close(kl_divergence(p, q, base=2), nats / math.log(2))
    # H(p, q) = H(p) + KL(p || q), each side from scipy
    cross = -special.xlogy(p, q).sum(axis=-1)
    scale = np.abs(special.xlogy(p, q)).sum(axis=-1) + np.abs(special.entr(p)).sum(axis=-1)
    assert_close(distribution_cross_entropy(p, q), st.entropy(p, axis=-1) + nats, scale=scale)
    assert_close(distribution_cross_entropy(p, q, base=2), cross / math.log(2),
                 scale=scale / math.log(2))


def test_gibbs_inequality() -> None:
    p, q = _pairs(5, (2000,), 4)
    assert np.all(kl_divergence(p, q) > 0)
    assert np.all(kl_divergence(p, p) == 0.0)
    assert np.all(distribution_cross_entropy(p, q) >= entropy(p))
    p0, _ = _pairs(6, (50,), 4, zeros=True)
    assert np.all(kl_divergence(p0, p0) == 0.0)


def test_kl_is_not_symmetric() -> None:
    p, q = [0.5, 0.5], [0.9, 0.1]
    forward = 0.5 * math.log(0.5 / 0.9) + 0.5 * math.log(0.5 / 0.1)
    backward = 0.9 * math.log(0.9 / 0.5) + 0.1 * math.log(0.1 / 0.5)
    assert_close(kl_divergence(p, q), forward)
    assert_close(kl_divergence(q, p), backward)
    assert abs(forward - backward) > 0.1


def test_kl_of_nearly_equal_distributions_against_mpmath() -> None:
    rng = np.random.default_rng(7)
    p = rng.dirichlet(np.ones(6))
    q = p * (1 + 1e-6 * rng.standard_normal(6))
    q /= q.sum()
    with mpmath.workdps(50):
        terms = [mpmath.mpf(a) * mpmath.log(mpmath.mpf(a) / mpmath.mpf(b))
                 for a, b in zip(p, q, strict=True)]
        exact = float(mpmath.fsum(terms))
        scale = float(mpmath.fsum(abs(t) for t in terms))
    # The terms are about 1e-6 and cancel to about 1e-12; each is accurate to a few ulps.
    assert_close(kl_divergence(p, q), exact, scale=scale)


def test_broadcasting_over_leading_axes() -> None:
    rng = np.random.default_rng(8)
    p = rng.dirichlet(np.ones(5), size=(3, 1))
    q = rng.dirichlet(np.ones(5), size=(4,))
    result = kl_divergence(p, q)
    assert result.shape == (3, 4)
    for i in range(3):
        for j in range(4):
            assert_close(result[i, j], special.rel_entr(p[i, 0], q[j]).sum(),
                         scale=np.abs(special.rel_entr(p[i, 0], q[j])).sum())
    assert distribution_cross_entropy(p, q).shape == (3, 4)
    assert entropy(p).shape == (3, 1)
    assert isinstance(kl_divergence([0.5, 0.5], [0.25, 0.75]), float)


# ----------------------------------------------------------------------------------------------
# Gaussian KL
# ----------------------------------------------------------------------------------------------

def _gaussian_cases():
    rng = np.random.default_rng(9)
    mu_p, mu_q = rng.normal(0, 3, 20), rng.normal(0, 3, 20)
    sigma_p, sigma_q = np.exp(rng.normal(0, 1, 20)), np.exp(rng.normal(0, 1, 20))
    return mu_p, sigma_p, mu_q, sigma_q


def _mp_gaussian_kl(mu_p, sigma_p, mu_q, sigma_q) -> float:
    with mpmath.workdps(50):
        mp, sp, mq, sq = (mpmath.mpf(float(v)) for v in (mu_p, sigma_p, mu_q, sigma_q))
        return float(mpmath.log(sq / sp) + (sp**2 + (mp - mq) ** 2) / (2 * sq**2)
                     - mpmath.mpf(1) / 2)


def test_gaussian_kl_matches_torch_normal() -> None:
    mu_p, sigma_p, mu_q, sigma_q = _gaussian_cases()
    with torch.no_grad():
        reference = torch.distributions.kl_divergence(
            Normal(tensor(mu_p), tensor(sigma_p)), Normal(tensor(mu_q), tensor(sigma_q)))
    # torch evaluates 0.5 (r^2 + d^2 - 1 - log r^2): error a few ulps of the terms
    ratio = (sigma_p / sigma_q) ** 2
    scale = ratio + ((mu_p - mu_q) / sigma_q) ** 2 + 1 + np.abs(np.log(ratio))
    assert_close(gaussian_kl_divergence(mu_p, sigma_p, mu_q, sigma_q), reference.numpy(),
                 scale=scale)


def test_gaussian_kl_matches_mpmath_including_nearly_equal_scales() -> None:
    mu_p, sigma_p, mu_q, sigma_q = _gaussian_cases()
    cases = list(zip(mu_p, sigma_p, mu_q, sigma_q, strict=True))
    cases += [(0.0, 1.0, 0.0, 1.0 + 1e-9), (0.0, 2.5, 1e-7, 2.5 * (1 - 3e-12)),
              (5.0, 1e-3, 5.0, 1.1e-3), (0.0, 1e-150, 0.0, 1e150), (0.0, 1.0, 0.0, 0.5 + 1e-12),
              (0.0, 1.0, 0.0, 1.5), (0.0, 1.0, 0.0, 2.0 / 3.0)]
    for case in cases:
        exact = _mp_gaussian_kl(*case)
        # relative to the result itself: the stable form has no cancellation
        assert_close(gaussian_kl_divergence(*case), exact, rtol=1e-13)


@pytest.mark.parametrize("case", [(0.0, 1.0, 1.0, 2.0), (-1.0, 0.5, 2.0, 0.7),
                                  (3.0, 2.0, 3.0, 1.0)])
def test_gaussian_kl_is_the_integral_of_p_log_p_over_q(case) -> None:
    mu_p, sigma_p, mu_q, sigma_q = case

    def integrand(x: float) -> float:
        log_p = st.norm.logpdf(x, mu_p, sigma_p)
        return math.exp(log_p) * (log_p - st.norm.logpdf(x, mu_q, sigma_q))

    value, error = integrate.quad(integrand, mu_p - 40 * sigma_p, mu_p + 40 * sigma_p,
                                  points=[mu_p], epsabs=1e-13, epsrel=1e-12, limit=200)
    assert error < 1e-10
    assert_close(gaussian_kl_divergence(*case), value, rtol=1e-9)  # quadrature accuracy


def test_gaussian_kl_properties() -> None:
    assert gaussian_kl_divergence(1.5, 0.3, 1.5, 0.3) == 0.0
    assert_close(gaussian_kl_divergence(0.0, 1.0, 2.0, 1.0), 2.0)  # d^2 / 2 for unit variances
    # invariant under the same affine map x -> a + b x of both distributions
    assert_close(gaussian_kl_divergence(0.3, 1.2, -0.5, 0.9),
                 gaussian_kl_divergence(7 + 4 * 0.3, 4 * 1.2, 7 + 4 * -0.5, 4 * 0.9), rtol=1e-14)
    assert_close(gaussian_kl_divergence(0.0, 2.0, 0.0, 1.0, base=2),
                 (math.log(0.5) + 2.0 - 0.5) / math.log(2))
    big = gaussian_kl_divergence(np.array([0.0, 1.0]), 1.0, 0.0, np.array([1e-300, 1e-300]))
    assert np.all(big == np.inf)  # overflows to inf without a warning
    assert gaussian_kl_divergence(0.0, 1e-300, 0.0, 1e300) == pytest.approx(
        600 * math.log(10) - 0.5, rel=1e-14)
    assert gaussian_kl_divergence(np.zeros((3, 1)), 1.0, np.zeros(4), 2.0).shape == (3, 4)


def test_gaussian_kl_gradient_is_analytic() -> None:
    values = (0.3, 1.2, -0.5, 0.9)
    inputs = tuple(tensor(v, grad=True) for v in values)
    result = gaussian_kl_divergence(*inputs)
    assert result.dtype == torch.float64
    result.backward()
    mp, sp, mq, sq = values
    scores = ((mp - mq) / sq**2, -1 / sp + sp / sq**2, -(mp - mq) / sq**2,
              1 / sq - (sp**2 + (mp - mq) ** 2) / sq**3)
    for given, score in zip(inputs, scores, strict=True):
        assert_close(given.grad, score)
    # across the switch between the series and the direct branch, and at equal scales
    inputs = (tensor([0.0, 0.1, -0.2], grad=True), tensor([1.0, 1.0, 3.0], grad=True),
              tensor([0.0, 0.0, 0.0], grad=True), tensor([1.0, 1.0 / math.sqrt(math.e), 1.0],
                                                         grad=True))
    assert torch.autograd.gradcheck(gaussian_kl_divergence, inputs)


# ----------------------------------------------------------------------------------------------
# Torch gradients of the discrete quantities
# ----------------------------------------------------------------------------------------------

def test_discrete_gradients_are_analytic_and_never_nan() -> None:
    p_values = np.array([0.0, 0.2, 0.3, 0.5])
    q_values = np.array([0.0, 0.4, 0.4, 0.2])
    p, q = tensor(p_values, grad=True), tensor(q_values, grad=True)
    kl_divergence(p, q).backward()
    positive = p_values > 0
    expected_q = np.where(positive, -p_values / np.where(positive, q_values, 1), 0.0)
    assert_close(q.grad, expected_q)
    assert_close(p.grad[1:], np.log(p_values[1:] / q_values[1:]) + 1)
    assert p.grad[0] == 0.0  # the convention at p_j = 0 (documented in the module)

    p = tensor(p_values, grad=True)
    entropy(p).backward()
    assert_close(p.grad[1:], -(np.log(p_values[1:]) + 1))
    assert p.grad[0] == 0.0

    p, q = tensor(p_values, grad=True), tensor(q_values, grad=True)
    distribution_cross_entropy(p, q).backward()
    assert_close(q.grad, expected_q)
    assert_close(p.grad[1:], -np.log(q_values[1:]))

    # gradcheck perturbs each input by 1e-6, so the probabilities are softmaxes of free logits
    # (a perturbed probability vector would no longer sum to 1, and be rejected)
    logits_p, logits_q = (tensor(np.random.default_rng(s).normal(size=(3, 4)), grad=True)
                          for s in (10, 11))

    def through_softmax(function):
        return lambda *logits: function(*(torch.softmax(z, dim=-1) for z in logits))

    assert torch.autograd.gradcheck(through_softmax(kl_divergence), (logits_p, logits_q))
    assert torch.autograd.gradcheck(through_softmax(distribution_cross_entropy),
                                    (logits_p, logits_q))
    assert torch.autograd.gradcheck(through_softmax(entropy), (logits_p,))


def test_tensor_results_equal_numpy_results() -> None:
    p, q = _pairs(11, (5,), 6, zeros=True)
    for function in (kl_divergence, distribution_cross_entropy):
        result = function(torch.tensor(p), torch.tensor(q))
        assert isinstance(result, torch.Tensor)
        # the same formula; torch may add the K terms in another order
        assert_close(result, function(p, q), rtol=1e-15)
    assert_close(entropy(torch.tensor(p)), entropy(p), rtol=1e-15)
    # a float32 tensor stays float32
    assert entropy(torch.tensor(p, dtype=torch.float32)).dtype == torch.float32


# ----------------------------------------------------------------------------------------------
# Empirical distribution and the average negative log-likelihood
# ----------------------------------------------------------------------------------------------

def test_empirical_distribution_counts() -> None:
    rng = np.random.default_rng(12)
    x = rng.integers(0, 5, size=300)
    values, counts = np.unique(x, return_counts=True)
    expected = np.zeros(7)
    expected[values] = counts / x.size
    np.testing.assert_array_equal(empirical_distribution(x, 7), expected)
    batch = rng.integers(0, 3, size=(2, 4, 50))
    result = empirical_distribution(batch, 3)
    assert result.shape == (2, 4, 3)
    for i in range(2):
        for j in range(4):
            np.testing.assert_array_equal(result[i, j], np.bincount(batch[i, j], minlength=3) / 50)
    as_tensor = empirical_distribution(torch.tensor(x), 7)
    assert isinstance(as_tensor, torch.Tensor) and as_tensor.dtype == torch.float64
    np.testing.assert_array_equal(as_tensor.numpy(), expected)
    np.testing.assert_array_equal(empirical_distribution(2, 3), [0.0, 0.0, 1.0])


def test_cross_entropy_with_the_empirical_distribution_is_the_average_nll() -> None:
    rng = np.random.default_rng(13)
    x = rng.integers(0, 4, size=500)
    q = rng.dirichlet(np.ones(4))
    nll = -np.log(q[x])
    p_hat = empirical_distribution(x, 4)
    assert_close(distribution_cross_entropy(p_hat, q), nll.mean(), scale=nll.mean())
    assert_close(entropy(p_hat) + kl_divergence(p_hat, q), nll.mean())


# ----------------------------------------------------------------------------------------------
# Validation
# ----------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("call", "message"), [
    (lambda: entropy([0.5, 0.6]), "each p vector (last axis) must sum to 1"),
    (lambda: entropy([1.5, -0.5]), "p must be a probability in [0, 1]"),
    (lambda: entropy(0.5), "last axis of category probabilities"),
    (lambda: entropy([0.5, np.nan]), "p must be finite"),
    (lambda: kl_divergence([0.5, 0.5], [0.2, 0.3, 0.5]), "same number of categories"),
    (lambda: kl_divergence([0.5, 0.5], [0.2, 0.3]), "each q vector (last axis) must sum to 1"),
    (lambda: kl_divergence(np.full((2, 2), 0.5), np.full((3, 2), 0.5)), "do not broadcast"),
    (lambda: distribution_cross_entropy([1.0], [1.0], base=1), "base must be"),
    (lambda: entropy([1.0], base=-2), "base must be"),
    (lambda: gaussian_kl_divergence(0.0, 0.0, 0.0, 1.0), "sigma_p must be > 0"),
    (lambda: gaussian_kl_divergence(0.0, 1.0, 0.0, -1.0), "sigma_q must be > 0"),
    (lambda: gaussian_kl_divergence(np.inf, 1.0, 0.0, 1.0), "mu_p must be finite"),
    (lambda: gaussian_kl_divergence([0, 1], 1.0, [0, 1, 2], 1.0), "do not broadcast"),
    (lambda: empirical_distribution([0, 3], 3), "x must be category labels 0, ..., 2"),
    (lambda: empirical_distribution([0, 1.5], 3), "whole numbers"),
    (lambda: empirical_distribution([], 3), "x is empty"),
    (lambda: empirical_distribution([0], 0), "n_categories must be >= 1"),
])
def test_bad_input_raises_value_error(call, message: str) -> None:
    with pytest.raises(ValueError, match=None) as raised:
        call()
    assert message in str(raised.value)


@pytest.mark.parametrize("call", [lambda: empirical_distribution([0, 1], 2.5),
                                  lambda: empirical_distribution([0, 1], True),
                                  lambda: entropy([1.0], base="2")])
def test_bad_types_raise_type_error(call) -> None:
    with pytest.raises(TypeError):
        call()
