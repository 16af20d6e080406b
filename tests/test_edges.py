"""The package at the edges: every public function of the core modules against bad and extreme
input, with a clear error or the right number.

- *Large counts*: binomial and Poisson log-probabilities (and log-likelihoods) against mpmath at
  50 digits for counts from 1 to 1e16, to 12 significant digits of the result itself (Loader's
  saddle-point algorithm; the textbook formula keeps none at 1e16).
- *torch*: the ``logspace`` functions return differentiable tensors, with the gradients of their
  closed forms; the pointwise densities have finite, correct gradients at boundary parameters.
- *Mixed precision*: a float32 tensor with a Python number it cannot hold is promoted, not
  rounded to 0.
- *Overflow inside sums*: closed forms (mpmath) for data and scales near 1e308 and 1e-308.
- *Arguments*: the cases of issue 9, each with its error naming the argument.
- *The probe*: every public function of densities, likelihood, logspace, losses, information and
  estimators, each argument replaced by ~30 bad or extreme values. The call must either raise a
  ``ValueError`` or ``TypeError`` whose message names the argument, in lines of at most 78
  characters, or return a value without nan (and, for a tensor, a gradient without nan); a
  nan, a string, None or an object where a number is required must never be accepted.
"""

from __future__ import annotations

import inspect
import math
from decimal import Decimal
from fractions import Fraction

import mpmath
import numpy as np
import pytest
import torch
from scipy import special

import mlcourse
from mlcourse import densities, estimators, information, likelihood, logspace, losses

from .reference_helpers import assert_close

pytestmark = pytest.mark.filterwarnings("error")

DIGITS = 1e-12  # "12 digits": relative to the result itself, not to the size of its terms
BIG = np.finfo(np.float64).max


def t64(value, grad: bool = False) -> torch.Tensor:
    return torch.tensor(np.asarray(value, dtype=np.float64), dtype=torch.float64,
                        requires_grad=grad)


# ----------------------------------------------------------------------------------------------
# Large counts: Loader's algorithm against mpmath
# ----------------------------------------------------------------------------------------------

def mp_binomial(k: float, n: float, p: float) -> float:
    k, n, p = mpmath.mpf(k), mpmath.mpf(n), mpmath.mpf(p)  # exact binary values
    if p == 0 or p == 1:
        return 0.0 if (k == 0 if p == 0 else k == n) else -math.inf
    return float(mpmath.loggamma(n + 1) - mpmath.loggamma(k + 1) - mpmath.loggamma(n - k + 1)
                 + k * mpmath.log(p) + (n - k) * mpmath.log1p(-p))


def mp_poisson(k: float, rate: float) -> float:
    k, rate = mpmath.mpf(k), mpmath.mpf(rate)
    if rate == 0:
        return 0.0 if k == 0 else -math.inf
    return float(k * mpmath.log(rate) - rate - mpmath.loggamma(k + 1))


def _binomial_cases() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Near the mean, in the tails, at the edges; n from 1 to 1e16, p from 1e-300 to 1 - 1e-16."""
    rng = np.random.default_rng(90)
    k, n, p = [], [], []
    for exponent in range(17):
        for _ in range(8):
            size = float(np.floor(10 ** rng.uniform(max(exponent - 1, 0), exponent))) or 1.0
            prob = float(rng.choice([rng.uniform(0, 1), 0.5, 0.3, 10 ** rng.uniform(-300, -1),
                                     1 - 10 ** rng.uniform(-16, -1)]))
            sd = math.sqrt(size * prob * (1 - prob)) + 1
            middle = size * prob + rng.normal(0, 3) * sd
            count = float(np.clip(np.round(middle), 0, size))
            if rng.uniform() < 0.3:
                count = float(np.floor(rng.uniform(0, size + 1)))
            k.append(count)
            n.append(size)
            p.append(prob)
    k += [5e15, 0.0, 1e15, 1e15 - 1, 1.0, 3e14 + 7]
    n += [1e16, 1e15, 1e15, 1e15, 1e15, 1e15]
    p += [0.5, 1e-15, 1 - 1e-15, 0.999999, 1e-15, 0.3]
    return np.array(k), np.array(n), np.array(p)


def test_binomial_logpmf_has_12_digits_up_to_1e16() -> None:
    k, n, p = _binomial_cases()
    with mpmath.workdps(50):
        exact = np.array([mp_binomial(*row) for row in zip(k, n, p, strict=True)])
    assert_close(mlcourse.binomial_logpmf(k, n, p), exact, rtol=DIGITS)


def test_the_issue_cases_at_1e16() -> None:
    with mpmath.workdps(50):
        assert_close(mlcourse.binomial_logpmf(5e15, 1e16, 0.5), mp_binomial(5e15, 1e16, 0.5),
                     rtol=DIGITS)
        assert_close(mlcourse.poisson_logpmf(1e16, 1e16), mp_poisson(1e16, 1e16), rtol=DIGITS)
    assert mlcourse.binomial_logpmf(5e15, 1e16, 0.5) < 0  # it is a probability


def _poisson_cases() -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(91)
    k, rate = [], []
    for exponent in range(17):
        for _ in range(8):
            count = float(np.floor(10 ** rng.uniform(max(exponent - 1, 0), exponent)))
            choice = rng.integers(4)
            value = [count + rng.normal() * 3 * math.sqrt(count + 1), 10 ** rng.uniform(-300, 17),
                     count * rng.uniform(0.5, 2), 1e-300 * (count + 1)][choice]
            k.append(count)
            rate.append(abs(value))
    return np.array(k), np.array(rate)


def test_poisson_logpmf_has_12_digits_up_to_1e16() -> None:
    k, rate = _poisson_cases()
    with mpmath.workdps(50):
        exact = np.array([mp_poisson(*row) for row in zip(k, rate, strict=True)])
    assert_close(mlcourse.poisson_logpmf(k, rate), exact, rtol=DIGITS)


def test_large_count_log_likelihoods_have_12_digits() -> None:
    k, n = np.array([5e14, 3e14 + 7, 123.0]), np.array([1e15, 6e14, 400.0])
    p = np.array([0.3, 0.5, 0.5 + 1e-8, 0.7, 1e-300, 0.0, 1.0])
    rate = np.array([1e-300, 3.0, 2.7e14, 2.7e14 * (1 + 1e-9), 1e16, 0.0])
    with mpmath.workdps(50):
        binomial = [sum(mp_binomial(a, b, q) for a, b in zip(k, n, strict=True)) for q in p]
        poisson = [sum(mp_poisson(a, r) for a in k) for r in rate]
    assert_close(mlcourse.binomial_loglik(k, n, p), binomial, rtol=DIGITS)
    assert_close(mlcourse.poisson_loglik(k, rate), poisson, rtol=DIGITS)
    # n * rate = 2e308 overflows, the log-likelihood (-1.34e308) does not
    with mpmath.workdps(400):
        exact = [2 * mp_poisson(1e307, r) for r in (1e308, 1e300)]
    assert_close(mlcourse.poisson_loglik([1e307, 1e307], [1e308, 1e300]), exact, rtol=DIGITS)


def test_large_counts_with_torch_parameters() -> None:
    """The same value as numpy, and the score k / p - (n - k) / (1 - p) as gradient."""
    k, n = np.array([5e15, 3e14 + 7, 2.0]), np.array([1e16, 1e15, 9.0])
    p = t64([0.5, 0.3, 0.2], grad=True)
    value = mlcourse.binomial_logpmf(k, n, p)
    assert_close(value, mlcourse.binomial_logpmf(k, n, p.detach().numpy()), rtol=DIGITS)
    value.sum().backward()
    q = p.detach().numpy()
    assert_close(p.grad, k / q - (n - k) / (1 - q), scale=k / q + (n - k) / (1 - q))
    rate = t64([1e16, 2.0], grad=True)
    counts = np.array([1e16 + 1e8, 3.0])
    value = mlcourse.poisson_logpmf(counts, rate)
    with mpmath.workdps(50):
        assert_close(value, [mp_poisson(c, r) for c, r in zip(counts, [1e16, 2.0], strict=True)],
                     rtol=DIGITS)
    value.sum().backward()
    assert_close(rate.grad, counts / rate.detach().numpy() - 1, scale=counts / 2 + 1)
    grid = t64([0.4, 0.5], grad=True)
    mlcourse.binomial_loglik(k, n, grid).sum().backward()
    g = grid.detach().numpy()
    total_k, total_n = k.sum(), n.sum()
    assert_close(grid.grad, total_k / g - (total_n - total_k) / (1 - g),
                 scale=total_k / g + (total_n - total_k) / (1 - g))


# ----------------------------------------------------------------------------------------------
# torch gradients at the boundaries of the parameter space
# ----------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("function", "data", "parameter", "value", "gradient"), [
    # d/dp log(1 - p) = -1/(1 - p); d/dp log p = 1/p; d/dp n log(1 - p); d/drate (-rate) = -1
    pytest.param(mlcourse.bernoulli_logpmf, (0,), 0.0, 0.0, -1.0, id="bernoulli(0|p=0)"),
    pytest.param(mlcourse.bernoulli_logpmf, (1,), 1.0, 0.0, 1.0, id="bernoulli(1|p=1)"),
    pytest.param(mlcourse.bernoulli_logpmf, (1,), 0.0, -math.inf, math.inf,
                 id="bernoulli(1|p=0)"),
    pytest.param(lambda p: mlcourse.binomial_logpmf(0, 5, p), (), 0.0, 0.0, -5.0,
                 id="binomial(0|5,p=0)"),
    pytest.param(lambda p: mlcourse.binomial_logpmf(5, 5, p), (), 1.0, 0.0, 5.0,
                 id="binomial(5|5,p=1)"),
    pytest.param(lambda p: mlcourse.binomial_logpmf(2, 5, p), (), 0.0, -math.inf, math.inf,
                 id="binomial(2|5,p=0)"),
    pytest.param(mlcourse.poisson_logpmf, (0,), 0.0, 0.0, -1.0, id="poisson(0|rate=0)"),
    pytest.param(mlcourse.poisson_logpmf, (2,), 0.0, -math.inf, math.inf, id="poisson(2|0)"),
    pytest.param(mlcourse.bernoulli_loglik, ([0, 0],), 0.0, 0.0, -2.0, id="bernoulli_loglik"),
    pytest.param(mlcourse.poisson_loglik, ([0, 0],), 0.0, 0.0, -2.0, id="poisson_loglik"),
])
def test_gradient_at_a_boundary_parameter(function, data, parameter, value, gradient) -> None:
    p = t64(parameter, grad=True)
    result = function(*data, p)
    assert result.item() == value
    result.backward()
    assert p.grad.item() == gradient


def test_categorical_gradient_with_a_zero_probability() -> None:
    probs = t64([1.0, 0.0], grad=True)
    result = mlcourse.categorical_logpmf(0, probs)
    assert result.item() == 0.0
    result.backward()
    assert probs.grad.tolist() == [1.0, 0.0]  # d log pi_0 / d pi = (1 / pi_0, 0)


def test_kl_divergence_gradient_where_q_is_zero() -> None:
    """d KL / d q_j = -p_j / q_j: -inf where q_j = 0 < p_j, 0 where p_j = 0, never nan."""
    q = t64([[0.5, 0.5, 0.0], [1.0, 0.0, 0.0]], grad=True)
    p = [[0.25, 0.25, 0.5], [1.0, 0.0, 0.0]]
    result = mlcourse.kl_divergence(p, q)
    assert result[0].item() == math.inf
    assert result[1].item() == 0.0
    result.sum().backward()
    assert q.grad.tolist() == [[-0.5, -0.5, -math.inf], [-1.0, 0.0, 0.0]]
    r = t64([1e-320, 1.0 - 1e-320], grad=True)  # a ratio 0.5 / 1e-320 that overflows
    mlcourse.kl_divergence([0.5, 0.5], r).backward()
    assert not torch.isnan(r.grad).any()
    assert r.grad[0].item() < -1e300


# ----------------------------------------------------------------------------------------------
# logspace: torch in, differentiable torch out
# ----------------------------------------------------------------------------------------------

EXTREMES = np.array([-math.inf, -1e308, -800.0, -40.0, -1.0, -1e-20, 0.0, 1e-20, 1.0, 40.0,
                     800.0, 1e308])


@pytest.mark.parametrize(("function", "values", "derivative"), [
    pytest.param(mlcourse.softplus, EXTREMES[1:], special.expit, id="softplus"),
    pytest.param(mlcourse.log_sigmoid, EXTREMES[1:], lambda x: special.expit(-x),
                 id="log_sigmoid"),
    pytest.param(mlcourse.log1mexp, np.array([-1e308, -800.0, -40.0, -1.0, -0.5, -1e-20]),
                 lambda a: -1.0 / np.expm1(-a), id="log1mexp"),
])
def test_elementwise_logspace_gradients(function, values, derivative) -> None:
    x = t64(values, grad=True)
    result = function(x)
    assert isinstance(result, torch.Tensor)
    assert result.requires_grad
    assert_close(result, function(values), rtol=1e-15)
    result.sum().backward()
    with np.errstate(over="ignore"):
        expected = derivative(values)
    assert_close(x.grad, expected, scale=np.abs(expected) + 1e-300, rtol=1e-14)


def test_logspace_elementwise_at_infinities_and_zero() -> None:
    x = t64([-math.inf, math.inf, 0.0], grad=True)
    mlcourse.softplus(x).sum().backward()
    assert x.grad.tolist() == [0.0, 1.0, 0.5]
    a = t64([0.0, -math.inf], grad=True)
    result = mlcourse.log1mexp(a)
    assert result.tolist() == [-math.inf, 0.0]
    result.sum().backward()
    assert a.grad.tolist() == [-math.inf, 0.0]  # log(1 - e^a) falls to -inf as a rises to 0


@pytest.mark.parametrize("axis", [None, 0, 1, -1])
@pytest.mark.parametrize("keepdims", [False, True])
def test_logsumexp_and_log_mean_exp_with_tensors(axis, keepdims) -> None:
    rng = np.random.default_rng(92)
    a = rng.normal(0, 30, (3, 4))
    a[0, 1] = -math.inf
    a[2, :] = -math.inf  # a row of zero terms
    x = t64(a, grad=True)
    result = mlcourse.logsumexp(x, axis=axis, keepdims=keepdims)
    expected = special.logsumexp(a, axis=axis, keepdims=keepdims)
    assert tuple(result.shape) == np.shape(expected)
    assert_close(result, expected, scale=np.abs(np.where(np.isfinite(expected), expected, 0))
                 + 1, rtol=1e-14)
    result.sum().backward()
    # d logsumexp / d a = softmax along the axis (rows of -inf terms: finite, no nan)
    assert not torch.isnan(x.grad).any()
    with np.errstate(invalid="ignore"):  # rows of -inf: nan weights, left out below
        weights = np.exp(a - special.logsumexp(a, axis=axis, keepdims=True))
    finite_rows = np.isfinite(special.logsumexp(a, axis=axis, keepdims=True))
    finite_rows = np.broadcast_to(finite_rows, a.shape)
    assert_close(x.grad.numpy()[finite_rows], weights[finite_rows], scale=1.0, rtol=1e-14)
    if axis is not None:
        y = t64(a[:2], grad=True)
        mean = mlcourse.log_mean_exp(y, axis=axis)
        assert_close(mean, special.logsumexp(a[:2], axis=axis) - math.log(a[:2].shape[axis]),
                     scale=np.abs(special.logsumexp(a[:2], axis=axis)) + 1, rtol=1e-14)


def test_log_softmax_and_log_trapezoid_with_tensors() -> None:
    rng = np.random.default_rng(93)
    z = rng.normal(0, 5, (3, 4)) + np.array([[0.0], [1e17], [-1e300]])
    x = t64(z, grad=True)
    weights = rng.uniform(0, 1, (3, 4))
    result = mlcourse.log_softmax(x)
    assert_close(result, mlcourse.log_softmax(z), scale=np.abs(mlcourse.log_softmax(z)) + 1,
                 rtol=1e-15)
    (t64(weights) * result).sum().backward()
    softmax = special.softmax(z, axis=-1)
    # d/dz sum_j w_j log_softmax_j = w - softmax * sum(w)
    assert_close(x.grad, weights - softmax * weights.sum(-1, keepdims=True), scale=1.0,
                 rtol=1e-14)
    grid = np.linspace(0.0, 2.0, 21)
    log_y = t64(-grid**2 - 1000.0, grad=True)
    integral = mlcourse.log_trapezoid(log_y, grid)
    assert_close(integral, mlcourse.log_trapezoid(log_y.detach().numpy(), grid), rtol=1e-15)
    integral.backward()
    w = np.full(21, 0.1)
    w[[0, -1]] = 0.05
    terms = w * np.exp(-grid**2)
    assert_close(log_y.grad, terms / terms.sum(), scale=1.0, rtol=1e-14)


def test_logspace_on_float32_and_integer_tensors() -> None:
    x32 = torch.tensor([-3.0, 0.0, 2.0], dtype=torch.float32, requires_grad=True)
    result = mlcourse.logsumexp(x32)
    assert result.dtype == torch.float32
    assert abs(result.item() - special.logsumexp([-3.0, 0.0, 2.0])) < 1e-6
    assert mlcourse.softplus(torch.tensor([1, 2])).dtype == torch.float64


# ----------------------------------------------------------------------------------------------
# Mixed precision
# ----------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("call", "exact"), [
    pytest.param(lambda t: mlcourse.gaussian_logpdf(0.0, t, 1e-300),
                 lambda: -mpmath.log(mpmath.mpf(1e-300)) - mpmath.log(2 * mpmath.pi) / 2,
                 id="gaussian_logpdf sigma=1e-300"),
    pytest.param(lambda t: mlcourse.gaussian_kl_divergence(t, 1e-300, 0.0, 1.0),
                 lambda: -mpmath.log(mpmath.mpf(1e-300)) + mpmath.mpf(1e-300) ** 2 / 2 - 0.5,
                 id="gaussian_kl sigma_p=1e-300"),
    pytest.param(lambda t: mlcourse.laplace_logpdf(t, 0.0, 1e39),
                 lambda: -mpmath.log(2 * mpmath.mpf(1e39)), id="laplace_logpdf b=1e39"),
    pytest.param(lambda t: mlcourse.exponential_logpdf(t, 1e-40),
                 lambda: mpmath.log(mpmath.mpf(1e-40)), id="exponential_logpdf rate=1e-40"),
    pytest.param(lambda t: mlcourse.gaussian_loglik([1e-300, 3e-300], t, 1e-300),
                 lambda: (-2 * mpmath.log(mpmath.mpf(1e-300)) - mpmath.log(2 * mpmath.pi)
                          - (mpmath.mpf(1e-300) ** 2 + mpmath.mpf(3e-300) ** 2)
                          / (2 * mpmath.mpf(1e-300) ** 2)), id="gaussian_loglik"),
])
def test_float32_tensor_with_a_number_it_cannot_hold_is_promoted(call, exact) -> None:
    t = torch.tensor(0.0, dtype=torch.float32, requires_grad=True)
    result = call(t)
    assert result.dtype == torch.float64  # promoted, not rounded to 0 or inf
    with mpmath.workdps(40):
        assert_close(result, float(exact()), rtol=1e-14)
    result.backward()
    assert t.grad is not None and not torch.isnan(t.grad).any()  # 4e300 is inf in float32


def test_ordinary_float32_stays_float32() -> None:
    t = torch.tensor([0.5, 1.5], dtype=torch.float32)
    assert mlcourse.gaussian_logpdf(1.0, t, 2.0).dtype == torch.float32
    assert mlcourse.gaussian_logpdf(t.double(), t, 2.0).dtype == torch.float64


# ----------------------------------------------------------------------------------------------
# Overflow inside sums: closed forms in mpmath
# ----------------------------------------------------------------------------------------------

def mp(value: float):
    return mpmath.mpf(value)


def mp_gaussian_loglik(x, mu, sigma):
    return sum(-mpmath.log(mp(sigma)) - mpmath.log(2 * mpmath.pi) / 2
               - ((mp(v) - mp(mu)) / mp(sigma)) ** 2 / 2 for v in x)


def mp_laplace_loglik(x, mu, b):
    return sum(-mpmath.log(2 * mp(b)) - abs(mp(v) - mp(mu)) / mp(b) for v in x)


@pytest.mark.parametrize(("call", "exact"), [
    pytest.param(lambda: mlcourse.gaussian_loglik([1e308, 1e308], 1e308, 1.0),
                 lambda: mp_gaussian_loglik([1e308, 1e308], 1e308, 1.0), id="gaussian 1e308"),
    pytest.param(lambda: mlcourse.gaussian_loglik([1.7e308, -1.7e308, 1.7e308], -1e308, 1e308),
                 lambda: mp_gaussian_loglik([1.7e308, -1.7e308, 1.7e308], -1e308, 1e308),
                 id="gaussian spread 3.4e308"),
    pytest.param(lambda: mlcourse.gaussian_loglik([1e-320, 3e-320], 0.0, 1e-320),
                 lambda: mp_gaussian_loglik([1e-320, 3e-320], 0.0, 1e-320),
                 id="gaussian subnormal"),
    pytest.param(lambda: mlcourse.gaussian_logpdf(1e308, -1e308, 1e308),
                 lambda: mp_gaussian_loglik([1e308], -1e308, 1e308), id="gaussian_logpdf"),
    pytest.param(lambda: mlcourse.laplace_logpdf(0.0, 0.0, 1e308),
                 lambda: mp_laplace_loglik([0.0], 0.0, 1e308), id="laplace b=1e308"),
    pytest.param(lambda: mlcourse.laplace_logpdf(1.5e308, -1.5e308, 1.7e308),
                 lambda: mp_laplace_loglik([1.5e308], -1.5e308, 1.7e308), id="laplace x-mu"),
    pytest.param(lambda: mlcourse.laplace_loglik([1e308, -1e308, 1.7e308], 0.0, 1e308),
                 lambda: mp_laplace_loglik([1e308, -1e308, 1.7e308], 0.0, 1e308),
                 id="laplace_loglik"),
    pytest.param(lambda: mlcourse.exponential_loglik([1e308] * 2, 1e-308),
                 lambda: 2 * mpmath.log(mp(1e-308)) - mp(1e-308) * 2 * mp(1e308),
                 id="exponential_loglik"),
    pytest.param(lambda: mlcourse.gaussian_nll_loss([1e308], [0.0], [1e308]),
                 lambda: (mpmath.log(mp(1e308)) + mp(1e308) ** 2 / mp(1e308)) / 2,
                 id="gaussian_nll_loss"),
    pytest.param(lambda: mlcourse.mse_loss([1e-170, 0.0], [-1e-170, 0.0],
                                           weight=[1e308, 1e308]),
                 lambda: (2 * mp(1e-170)) ** 2 / 2, id="mse_loss weights 1e308"),
    pytest.param(lambda: mlcourse.log_trapezoid([0.0, 0.0], [-1e308, 1e308]),
                 lambda: mpmath.log(2 * mp(1e308)), id="log_trapezoid wide"),
    pytest.param(lambda: mlcourse.log_trapezoid([0.0, -1.0, 0.0], [0.0, 5e-324, 1e-323]),
                 lambda: mpmath.log(mp(5e-324) / 2 * (1 + 2 * mpmath.exp(-1) + 1)),
                 id="log_trapezoid subnormal grid"),
])
def test_sums_that_would_overflow(call, exact) -> None:
    with mpmath.workdps(40):
        assert_close(call(), float(exact()), rtol=1e-14)


def test_estimates_that_would_overflow_or_underflow() -> None:
    assert mlcourse.gaussian_mle([1e200, -1e200]) == (0.0, 1e200)
    assert mlcourse.gaussian_mle([1e-170, -1e-170]) == (0.0, 1e-170)
    x = [1.5e308, -1.5e308, 1.5e308]
    with mpmath.workdps(40):
        mean = sum(mp(v) for v in x) / 3
        sd = mpmath.sqrt(sum((mp(v) - mean) ** 2 for v in x) / 3)
        assert_close(mlcourse.gaussian_mle(x), [float(mean), float(sd)], rtol=1e-15)
        b = sum(abs(mp(v) - mp(1.5e308)) for v in x) / 3
        assert_close(mlcourse.laplace_mle(x), [1.5e308, float(b)], rtol=1e-15)
    assert mlcourse.exponential_mle([1e308] * 2) == 1e-308
    assert mlcourse.poisson_mle([1e308, 1e308]) == 1e308
    big = np.array([2**62, 2**62], dtype=np.int64)  # the int64 sum wraps to a negative number
    assert mlcourse.binomial_mle(big, big) == 1.0
    assert mlcourse.binomial_mle(np.array([2**62, 0]), big) == 0.5
    with pytest.raises(ValueError, match=r"exceeds 1\.8e308"):
        mlcourse.exponential_mle([1e-310, 1e-310])
    with pytest.raises(ValueError, match="n is too large"):
        mlcourse.binomial_mle([1, 1], [1e308, 1e308])
    with pytest.raises(ValueError, match="n is too large"):
        mlcourse.binomial_loglik([1, 1], [1e308, 1e308], 0.5)


# ----------------------------------------------------------------------------------------------
# The arguments of issue 9
# ----------------------------------------------------------------------------------------------

X2, Y2 = [1.0, 2.0], [0.0, 0.5]


@pytest.mark.parametrize(("call", "error", "match"), [
    (lambda: mlcourse.poisson_nll_loss(X2, Y2, eps=-1), ValueError, "eps must be a number > 0"),
    (lambda: mlcourse.poisson_nll_loss(X2, Y2, eps=math.nan), ValueError, "eps must be finite"),
    (lambda: mlcourse.poisson_nll_loss(X2, Y2, eps="a"), TypeError, "eps must be a real number"),
    (lambda: mlcourse.poisson_nll_loss(X2, Y2, log_input="no"), TypeError,
     "log_input must be True or False"),
    (lambda: mlcourse.poisson_nll_loss(X2, Y2, full=1), TypeError, "full must be True or False"),
    (lambda: mlcourse.hinge_loss(X2, [1, -1], margin=None), TypeError,
     "margin must be a real number"),
    (lambda: mlcourse.hinge_loss(X2, [1, -1], margin="1"), TypeError,
     "margin must be a real number"),
    (lambda: mlcourse.hinge_loss(X2, [1, -1], margin=math.inf), ValueError,
     "margin must be finite"),
    (lambda: mlcourse.mse_loss(X2, Y2, weight=[0.0, 0.0]), ValueError,
     "weight must not be all zero"),
    (lambda: mlcourse.l1_loss(X2, Y2, weight=[0.0, 0.0]), ValueError,
     "weight must not be all zero"),
    (lambda: mlcourse.cross_entropy([[1.0, 2.0]], [1], weight=[1.0, 0.0]), ValueError,
     "weight must not be all zero"),
    (lambda: mlcourse.nll_loss([[-1.0, -2.0]], [0], weight=[0.0, 1.0]), ValueError,
     "weight must not be all zero"),
    (lambda: mlcourse.binary_cross_entropy([0.2, 0.7], [0.0, 1.0], weight=[[1.0, 1.0]]),
     ValueError, "weight has shape"),
    (lambda: mlcourse.binary_cross_entropy_with_logits([0.2], [1.0], pos_weight=[1.0, 2.0]),
     ValueError, "pos_weight has shape"),
    (lambda: mlcourse.log_mean_exp([1.0, 2.0], axis=3), ValueError, "axis must be in"),
    (lambda: mlcourse.logsumexp([1.0, 2.0], axis=1.0), TypeError, "axis must be an integer"),
    (lambda: mlcourse.logsumexp(3.0, axis=0), ValueError, "axis must be None"),
    (lambda: mlcourse.log_softmax([1.0, 2.0], axis=-2), ValueError, "axis must be in"),
    (lambda: mlcourse.logsumexp([1.0], keepdims="yes"), TypeError, "keepdims must be True"),
    (lambda: mlcourse.setup(precision=-1), ValueError, "precision must be >= 0"),
    (lambda: mlcourse.setup(precision=2.5), TypeError, "precision must be a whole number"),
    (lambda: mlcourse.setup(seed="a"), TypeError, "seed must be a whole number"),
    (lambda: mlcourse.cross_entropy([[1.0, 2.0]], [1], ignore_index="a"), TypeError,
     "ignore_index must be an integer"),
    (lambda: mlcourse.cross_entropy([[1.0, 2.0]], [1], label_smoothing="0.1"), TypeError,
     "label_smoothing must be a real number"),
    (lambda: mlcourse.gaussian_nll_loss(X2, Y2, 1.0, eps=0.0), ValueError,
     "eps must be a positive number"),
    (lambda: mlcourse.mse_loss(X2, Y2, reduction=["mean"]), ValueError,
     "reduction must be one of"),
])
def test_unchecked_arguments_now_raise(call, error, match) -> None:
    with pytest.raises(error) as raised:
        call()
    message = str(raised.value)
    assert match in " ".join(message.split())
    assert all(len(line) <= 78 for line in message.splitlines())


def test_arguments_that_must_be_accepted() -> None:
    plain = mlcourse.gaussian_nll_loss(X2, Y2, [1.0, 2.0], eps=1e-6)
    assert mlcourse.gaussian_nll_loss(X2, Y2, [1.0, 2.0], eps=np.float32(1e-6)) == plain
    hinge = mlcourse.hinge_loss(torch.tensor(X2), torch.tensor([1.0, -1.0]),
                                margin=torch.tensor(1.0))
    expected = np.mean(np.maximum(0.0, 1.0 - np.array([1.0, -1.0]) * np.array(X2)))
    assert abs(hinge.item() - expected) < 1e-7
    # all-zero weights are fine where nothing is divided by their sum
    assert mlcourse.mse_loss(X2, Y2, weight=[0.0, 0.0], reduction="sum") == 0.0
    assert mlcourse.cross_entropy([[1.0, 2.0]], [1], label_smoothing=np.float32(0.5)) > 0
    weighted = mlcourse.binary_cross_entropy([[0.2, 0.7]], [[0.0, 1.0]], weight=[2.0, 1.0],
                                             reduction="sum")
    assert abs(weighted - (-2 * math.log(0.8) - math.log(0.7))) < 1e-15
    rng = mlcourse.setup(seed=np.int64(3), precision=np.int64(4))
    assert rng.integers(0, 10, 3).tolist() == np.random.default_rng(3).integers(0, 10, 3).tolist()


# ----------------------------------------------------------------------------------------------
# The probe: every public function, every argument, ~30 bad or extreme values
# ----------------------------------------------------------------------------------------------

VALID = {
    "bernoulli_logpmf": ((1, 0.3), {}),
    "binomial_logpmf": ((2, 5, 0.3), {}),
    "categorical_logpmf": ((1, [0.2, 0.8]), {}),
    "exponential_logpdf": ((0.5, 2.0), {}),
    "gaussian_logpdf": ((0.1, 0.0, 1.5), {}),
    "laplace_logpdf": ((0.1, 0.0, 1.5), {}),
    "poisson_logpmf": ((3, 2.5), {}),
    "bernoulli_loglik": (([1, 0, 1], 0.3), {}),
    "binomial_loglik": (([2, 3], 5, 0.3), {}),
    "categorical_loglik": (([0, 1], [0.2, 0.8]), {}),
    "exponential_loglik": (([0.5, 1.0], 2.0), {}),
    "gaussian_loglik": (([0.1, 0.5], 0.0, 1.5), {}),
    "laplace_loglik": (([0.1, 0.5], 0.0, 1.5), {}),
    "poisson_loglik": (([3, 1], 2.5), {}),
    "logsumexp": (([1.0, 2.0],), {"axis": 0, "keepdims": False}),
    "log_mean_exp": (([1.0, 2.0],), {"axis": 0}),
    "softplus": ((1.0,), {}),
    "log_sigmoid": ((1.0,), {}),
    "log1mexp": ((-0.5,), {}),
    "log_softmax": (([1.0, 2.0],), {"axis": -1}),
    "log_trapezoid": (([0.0, 0.0, 0.0], [0.0, 0.5, 1.0]), {}),
    "underflow_length": ((0.5,), {"dtype": np.float32}),
    "mse_loss": ((X2, Y2), {"reduction": "mean", "weight": [1.0, 1.0]}),
    "l1_loss": ((X2, Y2), {"reduction": "mean", "weight": [1.0, 1.0]}),
    "gaussian_nll_loss": ((X2, Y2, [1.0, 2.0]), {"full": False, "eps": 1e-6,
                                                 "reduction": "mean"}),
    "binary_cross_entropy": (([0.2, 0.7], [0.0, 1.0]), {"weight": [1.0, 1.0],
                                                        "reduction": "mean"}),
    "binary_cross_entropy_with_logits": (([0.2, -0.7], [0.0, 1.0]), {
        "weight": [1.0, 1.0], "reduction": "mean", "pos_weight": [1.0, 1.0]}),
    "hinge_loss": (([0.2, -0.7], [1.0, -1.0]), {"margin": 1.0, "reduction": "mean"}),
    "cross_entropy": (([[0.2, -0.7], [1.0, 0.0]], [0, 1]), {
        "weight": [1.0, 1.0], "ignore_index": -100, "reduction": "mean",
        "label_smoothing": 0.1}),
    "nll_loss": (([[-0.2, -1.7], [-1.0, -0.5]], [0, 1]), {
        "weight": [1.0, 1.0], "ignore_index": -100, "reduction": "mean"}),
    "poisson_nll_loss": (([0.2, -0.7], [1.0, 3.0]), {
        "log_input": True, "full": False, "eps": 1e-8, "reduction": "mean"}),
    "entropy": (([0.2, 0.8],), {"base": 2}),
    "distribution_cross_entropy": (([0.2, 0.8], [0.5, 0.5]), {"base": 2}),
    "kl_divergence": (([0.2, 0.8], [0.5, 0.5]), {"base": 2}),
    "gaussian_kl_divergence": ((0.0, 1.0, 0.5, 2.0), {"base": 2}),
    "empirical_distribution": (([0, 1, 1], 3), {}),
    "bernoulli_mle": (([1, 0, 1],), {}),
    "binomial_mle": (([2, 3], 5), {}),
    "poisson_mle": (([3, 1],), {}),
    "exponential_mle": (([0.5, 1.0],), {}),
    "categorical_mle": (([0, 1], 3), {}),
    "gaussian_mle": (([0.1, 0.5],), {}),
    "laplace_mle": (([0.1, 0.5, 0.3],), {}),
}
# Second templates, for the keyword arguments and modes the first ones leave out.
VARIANTS = {
    "bernoulli_logpmf[logit]": ("bernoulli_logpmf", (1,), {"logit": 0.3}),
    "bernoulli_loglik[logit]": ("bernoulli_loglik", ([1, 0, 1],), {"logit": 0.3}),
    "categorical_logpmf[logits]": ("categorical_logpmf", (1,), {"logits": [0.2, 0.8]}),
    "categorical_loglik[logits]": ("categorical_loglik", ([0, 1],), {"logits": [0.2, 0.8]}),
    "cross_entropy[probabilities]": ("cross_entropy", ([[0.2, -0.7], [1.0, 0.0]],
                                                       [[0.5, 0.5], [1.0, 0.0]]), {}),
    "poisson_nll_loss[rates]": ("poisson_nll_loss", ([0.2, 0.7], [1.0, 3.0]), {
        "log_input": False, "full": True, "eps": 1e-8, "reduction": "sum"}),
    "gaussian_nll_loss[full]": ("gaussian_nll_loss", ([1.0, 2.0], [0.0, 0.5], 0.5), {
        "full": True, "reduction": "none"}),
    "logsumexp[2-d]": ("logsumexp", ([[1.0, 2.0], [0.0, -1.0]],), {"axis": 1,
                                                                   "keepdims": True}),
}
MODULES = (densities, likelihood, logspace, losses, information, estimators)

# Values that are never a valid number, array of numbers or option.
JUNK = {"nan": math.nan, "nan in an array": [0.5, math.nan], "string": "a",
        "strings": ["a", "b"], "ragged": [[1, 2], [3]], "object": object(), "complex": 1j,
        "dict": {"a": 1}, "None in a list": [None, 1.0], "None": None}
# Values that are valid somewhere and extreme or wrong elsewhere.
EXTREME = {"inf": math.inf, "-inf": -math.inf, "empty": [], "True": True, "-1": -1.0,
           "2": 2.0, "1e308": 1e308, "1e-308": 1e-308, "0": 0.0, "-1e-300": -1e-300,
           "0.5": 0.5, "3-d": np.zeros((2, 2, 2)), "int64 2**62": np.array([2**62, 2**62]),
           "booleans": np.array([True, False]), "5e-324": 5e-324,
           "tensor with grad": lambda: t64([0.5, 0.5], grad=True),
           "float32 tensor": lambda: torch.tensor([0.5, 0.5], dtype=torch.float32,
                                                  requires_grad=True),
           "int tensor": lambda: torch.tensor([1, 0]),
           "0-d tensor": lambda: t64(0.25, grad=True),
           "float32 scalar": np.float32(0.5), "huge count": 1e15, "2**64": 2**64,
           "-2**70": -(2**70), "fraction": Fraction(1, 3), "decimal": Decimal("0.5"),
           "float16": np.float16(0.5), "float16 array": np.array([0.5, 0.25], dtype=np.float16),
           "uint64 array": np.array([2**63, 1], dtype=np.uint64),
           "int8 array": np.array([1, 0], dtype=np.int8), "-0.0": -0.0,
           "2-d tensor": lambda: torch.ones((2, 2), dtype=torch.float64, requires_grad=True),
           "float16 tensor": lambda: torch.tensor([0.5, 0.5], dtype=torch.float16,
                                                  requires_grad=True),
           "bfloat16 tensor": lambda: torch.tensor([0.5, 0.5], dtype=torch.bfloat16,
                                                   requires_grad=True),
           "complex tensor": lambda: torch.tensor([0.5 + 1j, 0.5]),
           "bool tensor": lambda: torch.tensor([True, False]),
           "tensor with inf": lambda: torch.tensor([math.inf, 0.5], requires_grad=True),
           "tensor with nan": lambda: torch.tensor([math.nan, 0.5], requires_grad=True),
           "tensor 1e308": lambda: t64([1e308, 1e308], grad=True),
           "tensor 1e-320": lambda: t64([1e-320, 5e-324], grad=True),
           "list of bools": [True, False], "tuple": (0.5, 0.5), "column": [[0.5], [0.5]],
           "bytes": b"ab", "set": {1, 2}, "range": range(2),
           "float32 nan": np.array([np.nan], dtype=np.float32),
           "+-1e308": np.array([1e308, -1e308]), "max": np.array([BIG] * 3),
           "mixed signs": np.array([-0.5, 0.5]),
           "masked array": np.ma.masked_array([0.5, 0.5], mask=[True, False]),
           "3x3": np.full((3, 3), 0.5), "zeros": np.zeros(2), "ones": np.ones(2)}


def test_the_probe_covers_every_public_function() -> None:
    public = {name for module in MODULES for name in module.__all__}
    assert public == set(VALID)


def _names(function) -> list[str]:
    return list(inspect.signature(function).parameters)


def _accepts_none(function, name: str) -> bool:
    """None is a documented value: "not given", or (log_softmax) "all axes"."""
    parameter = inspect.signature(function).parameters[name]
    return parameter.default is None or (function.__name__, name) == ("log_softmax", "axis")


@pytest.mark.parametrize("case", sorted(VALID) + sorted(VARIANTS))
def test_probe(case: str) -> None:
    name, args, kwargs = VARIANTS[case] if case in VARIANTS else (case, *VALID[case])
    function = getattr(mlcourse, name)
    function(*args, **kwargs)  # the template itself is valid
    names = _names(function)
    slots = [(i, names[i]) for i in range(len(args))] + [(key, key) for key in kwargs]
    problems = []
    for slot, argument in slots:
        for label, bad in {**JUNK, **EXTREME}.items():
            bad = bad() if callable(bad) and not isinstance(bad, type) else bad
            call_args, call_kwargs = list(args), dict(kwargs)
            if isinstance(slot, int):
                call_args[slot] = bad
            else:
                call_kwargs[slot] = bad
            where = f"{name}({argument}={label})"
            try:
                result = function(*call_args, **call_kwargs)
            except (ValueError, TypeError) as error:
                message = str(error)
                if argument not in message:
                    problems.append(f"{where}: the message does not name {argument}: {message}")
                if any(len(line) > 78 for line in message.splitlines()):
                    problems.append(f"{where}: a message line is longer than 78: {message}")
                continue
            except Exception as error:  # any other exception is the finding
                problems.append(f"{where}: {type(error).__name__}: {error}")
                continue
            if label in JUNK and not (label == "None" and _accepts_none(function, argument)):
                problems.append(f"{where}: accepted, returned {result!r}")
                continue
            values = result if isinstance(result, tuple) else (result,)
            for value in values:
                array = (value.detach().double().numpy() if isinstance(value, torch.Tensor)
                         else np.asarray(value, dtype=np.float64))
                if np.isnan(array).any():
                    problems.append(f"{where}: nan in {result!r}")
            if isinstance(result, torch.Tensor) and result.requires_grad:
                leaves = [v for v in (*call_args, *call_kwargs.values())
                          if isinstance(v, torch.Tensor) and v.requires_grad]
                finite = torch.isfinite(result.detach())
                if finite.any():
                    result[finite].sum().backward()
                    for leaf in leaves:
                        if leaf.grad is not None and torch.isnan(leaf.grad).any():
                            problems.append(f"{where}: nan in the gradient {leaf.grad}")
    assert not problems, "\n".join(problems)


# ----------------------------------------------------------------------------------------------
# The right value at every extreme: the pointwise densities over grids of extreme arguments
# ----------------------------------------------------------------------------------------------

MAGNITUDES = [0.0, 1e-320, 1e-300, 0.3, 1.0, 1e20, 1e300, 1.7e308]
SIGNED = sorted({s * v for v in MAGNITUDES for s in (1.0, -1.0)})
SCALES = [v for v in MAGNITUDES if v > 0]


def _grid(*axes: list[float]) -> list[np.ndarray]:
    return [a.ravel() for a in np.meshgrid(*axes, indexing="ij")]


def _compare(ours, terms: list[list]) -> None:
    """``ours`` against the sum of mpmath terms, within 1e-13 of the sum of their sizes."""
    exact = np.array([float(mpmath.fsum(row)) for row in terms])
    scale = np.array([float(mpmath.fsum(abs(t) for t in row)) for row in terms])
    assert_close(ours, exact, scale=np.where(np.isfinite(scale), scale, 1.0), rtol=1e-13)


@pytest.mark.parametrize("density", ["gaussian", "laplace"])
def test_location_scale_densities_over_extreme_grids(density) -> None:
    x, mu, scale = _grid(SIGNED, SIGNED, SCALES)
    function = mlcourse.gaussian_logpdf if density == "gaussian" else mlcourse.laplace_logpdf
    with mpmath.workdps(40):
        if density == "gaussian":
            terms = [[-mpmath.log(mp(s)), -mpmath.log(2 * mpmath.pi) / 2,
                      -((mp(a) - mp(m)) / mp(s)) ** 2 / 2] for a, m, s in zip(x, mu, scale,
                                                                            strict=True)]
        else:
            terms = [[-mpmath.log(2 * mp(s)), -abs(mp(a) - mp(m)) / mp(s)]
                     for a, m, s in zip(x, mu, scale, strict=True)]
        _compare(function(x, mu, scale), terms)


def test_exponential_and_poisson_over_extreme_grids() -> None:
    x, rate = _grid(MAGNITUDES, SCALES)
    with mpmath.workdps(40):
        _compare(mlcourse.exponential_logpdf(x, rate),
                 [[mpmath.log(mp(r)), -mp(r) * mp(a)] for a, r in zip(x, rate, strict=True)])
    k, rate = _grid([0.0, 1.0, 2.0, 30.0, 1e6, 1e15, 1e300], MAGNITUDES)
    with mpmath.workdps(320):  # terms of 1e302 cancel to -346
        exact = [mp_poisson(a, r) for a, r in zip(k, rate, strict=True)]
    assert_close(mlcourse.poisson_logpmf(k, rate), exact, rtol=DIGITS)


def test_bernoulli_and_binomial_over_extreme_grids() -> None:
    probabilities = [0.0, 5e-324, 1e-300, 1e-17, 0.3, 0.5, 1 - 1e-16, 1.0]
    x, p = _grid([0.0, 1.0], probabilities)
    with mpmath.workdps(40):
        exact = [mp_binomial(a, 1.0, q) for a, q in zip(x, p, strict=True)]
    assert_close(mlcourse.bernoulli_logpmf(x, p), exact, rtol=DIGITS)
    k, n, p = _grid([0.0, 1.0, 7.0, 1e15], [7.0, 1e15, 1e300], probabilities)
    keep = k <= n
    k, n, p = k[keep], n[keep], p[keep]
    with mpmath.workdps(320):
        exact = [mp_binomial(a, b, q) for a, b, q in zip(k, n, p, strict=True)]
    assert_close(mlcourse.binomial_logpmf(k, n, p), exact, rtol=DIGITS)


SAMPLES = [[1e308, -1e308, 1.7e308], [1e-320, 3e-320], [0.0, 0.0], [1.0, 1.0 + 2**-52],
           [1e20, 1e20 + 1e5, -3.0], [0.3, 1e300]]


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda s: f"x={s[0]:g},...")
def test_log_likelihoods_over_extreme_samples(sample) -> None:
    """Each sum against mpmath, within 1e-13 of the summed sizes of its terms."""
    mu, scale = _grid(SIGNED, SCALES)
    with mpmath.workdps(40):
        gauss = [[t for v in sample for t in (-mpmath.log(mp(s)), -mpmath.log(2 * mpmath.pi) / 2,
                                             -((mp(v) - mp(m)) / mp(s)) ** 2 / 2)]
                 for m, s in zip(mu, scale, strict=True)]
        _compare(mlcourse.gaussian_loglik(sample, mu, scale), gauss)
        laplace = [[t for v in sample
                    for t in (-mpmath.log(2 * mp(s)), -abs(mp(v) - mp(m)) / mp(s))]
                   for m, s in zip(mu, scale, strict=True)]
        _compare(mlcourse.laplace_loglik(sample, mu, scale), laplace)
        times = np.abs(sample)
        _compare(mlcourse.exponential_loglik(times, np.array(SCALES)),
                 [[t for v in times for t in (mpmath.log(mp(r)), -mp(r) * mp(v))]
                  for r in SCALES])


@pytest.mark.parametrize(("call", "error", "match"), [
    (lambda: mlcourse.plot_curve([0, 1], [0, 1], xlabel=None, ylabel="y"), TypeError,
     "xlabel must be a non-empty string"),
    (lambda: mlcourse.plot_curve([0, 1], [0, 1], xlabel="x", ylabel=""), TypeError,
     "ylabel must be a non-empty string"),
    (lambda: mlcourse.plot_curve([0, 1], [0, 1], xlabel="x", ylabel="y", label=3), TypeError,
     "label must be a string or None"),
    (lambda: mlcourse.plot_curve([0, 1], [0, 1], xlabel="x", ylabel="y", ax="a"), TypeError,
     "ax must be a matplotlib Axes"),
    (lambda: mlcourse.plot_likelihood([], []), ValueError, "x and y are empty"),
    (lambda: mlcourse.plot_likelihood([0, 1], [0, 1], mark_max="yes"), TypeError,
     "mark_max must be True or False"),
    (lambda: mlcourse.glue(None, 1.0), TypeError, "name must be a non-empty string"),
    (lambda: mlcourse.glue("a", "text", ".3f"), ValueError, "fmt '.3f' cannot format"),
])
def test_plot_and_notebook_arguments(call, error, match) -> None:
    with pytest.raises(error) as raised:
        call()
    message = str(raised.value)
    assert match in " ".join(message.split())
    assert all(len(line) <= 78 for line in message.splitlines())


@pytest.mark.parametrize("call", [
    lambda x: mlcourse.gaussian_loglik(x, 0.0, 1.0),
    lambda x: mlcourse.poisson_loglik(x, 1.0),
    lambda x: mlcourse.binomial_loglik(x, 5, 0.5),
    lambda x: mlcourse.gaussian_mle(x),
    lambda x: mlcourse.exponential_mle(x),
    lambda x: mlcourse.log_trapezoid([0.0, 0.0], x),
], ids=["gaussian_loglik", "poisson_loglik", "binomial_loglik", "gaussian_mle",
        "exponential_mle", "log_trapezoid"])
def test_data_that_requires_grad_is_not_silently_detached(call) -> None:
    """A numpy result cannot carry the gradient: a clear error, not an AttributeError later."""
    data = t64([1.0, 2.0], grad=True)
    with pytest.raises(ValueError, match=r"(?s)requires grad.*detach\(\)") as raised:
        call(data)
    assert all(len(line) <= 78 for line in str(raised.value).splitlines())
    assert np.isfinite(call(data.detach())).all()  # the same data, detached, is fine
