"""mlcourse.likelihood against sums of scipy.stats log-densities over the sample.

mlcourse computes each log-likelihood from sufficient statistics (k, sum x, the sum of squared
deviations, ...) while the reference adds one scipy log-density per observation. The two sums are
rounded differently and their terms can have opposite signs, so every comparison is
``|ours - sum(terms)| <= 1e-12 * sum(|terms|)`` (see tests/reference_helpers.py).
"""

from __future__ import annotations

import math

import mpmath
import numpy as np
import pytest
import scipy.stats as st
import torch
from scipy import special

from mlcourse import likelihood
from mlcourse.likelihood import (
    bernoulli_loglik,
    binomial_loglik,
    categorical_loglik,
    exponential_loglik,
    gaussian_loglik,
    laplace_loglik,
    poisson_loglik,
)

from .reference_helpers import (
    assert_close,
    assert_gradient_is_score,
    assert_sum_close,
    binomial_scale,
    poisson_scale,
    tensor,
)

pytestmark = pytest.mark.filterwarnings("error")

TINY_TO_HUGE = 10.0 ** np.arange(-100, 101, 25)  # 1e-100, 1e-75, ..., 1e100


def column(grid) -> np.ndarray:
    """A parameter grid as a column, to broadcast against a sample along the last axis."""
    return np.asarray(grid, dtype=np.float64)[..., np.newaxis]


# ----------------------------------------------------------------------------------------------
# Agreement with the sum over the sample of scipy's log-densities.
# ----------------------------------------------------------------------------------------------

def _bernoulli_cases() -> list:
    rng = np.random.default_rng(21)
    grid = np.concatenate([np.linspace(0.001, 0.999, 25), [1e-300, 1e-12, 1 - 1e-12]])
    return [pytest.param(rng.binomial(1, 0.3, 500), grid, id="n-500"),
            pytest.param(np.array([1]), grid, id="one-flip"),
            pytest.param(np.zeros(100, dtype=int), grid, id="all-zeros"),  # only log(1 - p)
            pytest.param(rng.binomial(1, 1e-3, 2000), grid, id="rare-ones")]


@pytest.mark.parametrize(("x", "p"), _bernoulli_cases())
def test_bernoulli_loglik_matches_scipy_sum(x, p) -> None:
    terms = st.bernoulli.logpmf(x, column(p))
    assert_sum_close(bernoulli_loglik(x, p), terms)
    # the same likelihood through the log-odds, computed from p: their rounding moves each term
    # by a few eps of its size (see test_densities.test_bernoulli_logit_and_p_agree)
    assert_sum_close(bernoulli_loglik(x, logit=np.log(p) - np.log1p(-p)), terms)


@pytest.mark.parametrize("z", [np.array([-1e3, -40.0, -1.0, 0.0, 2.5, 40.0, 1e3])], ids=["logits"])
def test_bernoulli_loglik_with_extreme_logits_matches_log_expit(z) -> None:
    x = np.array([1, 0, 0, 1, 1, 0, 1, 1])
    terms = np.where(x == 1, special.log_expit(column(z)), special.log_expit(-column(z)))
    assert_sum_close(bernoulli_loglik(x, logit=z), terms)


def _binomial_cases() -> list:
    rng = np.random.default_rng(22)
    n = rng.integers(1, 60, 40)
    grid = np.concatenate([np.linspace(0.01, 0.99, 15), [1e-300, 1e-12, 1 - 1e-12]])
    return [pytest.param(rng.binomial(n, 0.4), n, grid, id="n-per-experiment"),
            pytest.param(rng.binomial(25, 0.7, 30), 25, grid, id="scalar-n"),
            pytest.param(np.zeros(40, dtype=int), n, grid, id="no-successes")]


@pytest.mark.parametrize(("k", "n", "p"), _binomial_cases())
def test_binomial_loglik_matches_scipy_sum(k, n, p) -> None:
    assert_sum_close(binomial_loglik(k, n, p), st.binom.logpmf(k, n, column(p)))


def test_binomial_loglik_large_counts() -> None:
    rng = np.random.default_rng(23)
    n = rng.integers(5_000_000, 10_000_001, 20)
    k = rng.binomial(n, 0.1)
    p = np.linspace(0.0995, 0.1005, 11)
    terms = st.binom.logpmf(k, n, column(p))
    # Each term is log C(n, k) ~ 3e6 plus k log p + (n - k) log(1 - p) ~ -3e6: a sum of -10 made
    # of terms a million times larger. Neither scipy's per-term formula nor ours can be accurate
    # to 1e-12 of |terms| here; both are to 1e-12 of the size of the terms inside each log-pmf.
    assert_sum_close(binomial_loglik(k, n, p), terms,
                     term_scale=binomial_scale(k, n, column(p)))


def _location_scale_cases(seed: int) -> list:
    rng = np.random.default_rng(seed)
    cases = [pytest.param(rng.normal(1.5, 2.0, 300), np.linspace(-1, 4, 11),
                          np.linspace(0.5, 5, 7), id="random")]
    for scale in (1e-200, 1e-100, 1e100, 1e200):
        # squares of deviations of data on this scale underflow (overflow) beyond 1e-154 (1e154)
        cases.append(pytest.param(scale * rng.normal(3.0, 1.0, 100),
                                  scale * np.linspace(1, 5, 5), scale * np.linspace(0.5, 3, 4),
                                  id=f"scale-{scale:.0e}"))
    return cases


@pytest.mark.parametrize(("x", "mu", "sigma"), _location_scale_cases(24))
def test_gaussian_loglik_surface_matches_scipy_sum(x, mu, sigma) -> None:
    ours = gaussian_loglik(x, mu[:, None], sigma[None, :])
    assert ours.shape == (len(mu), len(sigma))
    terms = st.norm.logpdf(x, mu[:, None, None], sigma[None, :, None])
    assert_sum_close(ours, terms)


@pytest.mark.parametrize(("x", "mu", "b"), _location_scale_cases(25))
def test_laplace_loglik_surface_matches_scipy_sum(x, mu, b) -> None:
    ours = laplace_loglik(x, mu[:, None], b[None, :])
    assert ours.shape == (len(mu), len(b))
    assert_sum_close(ours, st.laplace.logpdf(x, mu[:, None, None], b[None, :, None]))


def test_laplace_loglik_in_blocks(monkeypatch: pytest.MonkeyPatch) -> None:
    """A grid larger than one block (here shrunk to 64 pairs) gives the same values."""
    rng = np.random.default_rng(26)
    x = rng.laplace(0.0, 1.0, 10)
    mu = np.linspace(-2, 2, 37)
    monkeypatch.setattr(likelihood, "_BLOCK_ELEMENTS", 64)
    assert_sum_close(laplace_loglik(x, mu, 1.3), st.laplace.logpdf(x, column(mu), 1.3))


def _poisson_cases() -> list:
    rng = np.random.default_rng(27)
    return [
        pytest.param(rng.poisson(3.5, 200), np.linspace(0.5, 8, 16), id="random"),
        pytest.param(rng.poisson(3.5, 200), np.array([1e-300, 1e-12, 1e12]), id="extreme-rates"),
        pytest.param(np.array([0, 0, 1]), TINY_TO_HUGE, id="rates-1e-100-to-1e100"),
    ]


@pytest.mark.parametrize(("k", "rate"), _poisson_cases())
def test_poisson_loglik_matches_scipy_sum(k, rate) -> None:
    assert_sum_close(poisson_loglik(k, rate), st.poisson.logpmf(k, column(rate)))


def test_poisson_loglik_large_counts() -> None:
    rng = np.random.default_rng(28)
    k = rng.poisson(1e6, 50)
    rate = np.linspace(0.999e6, 1.001e6, 9)
    # k log(rate) - rate - log k! is -8 from terms of 1.4e7 (see the binomial case above).
    assert_sum_close(poisson_loglik(k, rate), st.poisson.logpmf(k, column(rate)),
                     term_scale=poisson_scale(k, column(rate)))


def _exponential_cases() -> list:
    rng = np.random.default_rng(29)
    return [pytest.param(rng.exponential(2.0, 300), np.linspace(0.05, 2, 14), id="random"),
            pytest.param(rng.exponential(1e-100, 100), 1e100 * np.linspace(0.2, 3, 6),
                         id="rate-1e100"),
            pytest.param(rng.exponential(1e100, 100), 1e-100 * np.linspace(0.2, 3, 6),
                         id="rate-1e-100"),
            pytest.param(np.array([0.0, 0.0]), TINY_TO_HUGE, id="zero-waits")]


@pytest.mark.parametrize(("x", "rate"), _exponential_cases())
def test_exponential_loglik_matches_scipy_sum(x, rate) -> None:
    assert_sum_close(exponential_loglik(x, rate), st.expon.logpdf(x, scale=1 / column(rate)))


def _categorical_cases() -> list:
    rng = np.random.default_rng(30)
    probs = rng.dirichlet(np.ones(4), 12)  # 12 candidate vectors
    extreme = np.array([[1e-300, 1e-12, 1 - 1e-12, 0.0], [0.25, 0.25, 0.25, 0.25],
                        [1 - 1e-12, 1e-12 - 1e-300, 1e-300, 0.0]])
    return [pytest.param(rng.integers(0, 4, 300), probs, id="random"),
            pytest.param(np.array([0, 1, 1, 2, 2, 2]), extreme, id="extreme-probs")]


@pytest.mark.parametrize(("x", "probs"), _categorical_cases())
def test_categorical_loglik_matches_indexing_and_multinomial(x, probs) -> None:
    ours = categorical_loglik(x, probs)
    assert ours.shape == probs.shape[:-1]
    assert_sum_close(ours, np.log(probs[:, x]))  # log pi_{x_i} by explicit indexing
    counts = np.bincount(x, minlength=probs.shape[-1])
    # multinomial of the counts = log(n! / prod c_j!) + the likelihood of the sequence
    multinomial = st.multinomial.logpmf(counts, len(x), probs)
    coefficient = special.gammaln(len(x) + 1) - special.gammaln(counts + 1).sum()
    assert_close(ours, multinomial - coefficient,
                 scale=np.abs(multinomial) + coefficient + np.abs(np.log(probs[:, x])).sum(-1))


LOGIT_ROWS = np.concatenate([
    np.random.default_rng(31).normal(0, 3, (10, 4)),
    [[1e3, -1e3, 0.0, 999.0], [1e3, 990.0, -1e3, 0.0], [1e3, 970.0, -1e3, 0.0],
     [1e17, 1e17, -1e17, 0.0]],
])


def _mp_log_softmax_table(z: np.ndarray) -> np.ndarray:
    """log pi_j = z_j - log sum_m e^(z_m) for every row, exactly (60 digits), then rounded."""
    with mpmath.workdps(60):
        table = []
        for row in z:
            values = [mpmath.mpf(float(v)) for v in row]
            total = mpmath.log(mpmath.fsum(mpmath.exp(v) for v in values))
            table.append([float(v - total) for v in values])
    return np.array(table)


@pytest.mark.parametrize("x", [np.array([0, 0, 1, 3, 1, 0, 0]), np.array([0, 1, 1, 0, 0, 0])],
                         ids=["all-categories", "only-the-large-logits"])
def test_categorical_loglik_with_logits_matches_exact_log_softmax_sum(x) -> None:
    # with only the two largest logits observed, the 1e17 row's likelihood is 6 log(1/2): a
    # formula sum_j c_j z_j - n logsumexp(z) would return 6e17 - 6e17 = 0 there
    terms = _mp_log_softmax_table(LOGIT_ROWS)[:, x]
    assert_sum_close(categorical_loglik(x, logits=LOGIT_ROWS), terms)


# ----------------------------------------------------------------------------------------------
# Shapes and types.
# ----------------------------------------------------------------------------------------------

SAME = 4 * np.finfo(np.float64).eps  # vectorised and scalar log/exp may differ in the last bit


@pytest.mark.parametrize("function", [gaussian_loglik, laplace_loglik], ids=lambda f: f.__name__)
def test_surface_entries_equal_the_scalar_call(function) -> None:
    rng = np.random.default_rng(32)
    x = rng.normal(0.3, 1.2, 40)
    mu, scale = np.linspace(-1, 1, 6), np.linspace(0.4, 2.0, 3)
    surface = function(x, mu[:, None], scale[None, :])
    assert isinstance(surface, np.ndarray)
    assert surface.shape == (6, 3)
    expected = [[function(x, m, s) for s in scale] for m in mu]
    assert_close(surface, expected, rtol=SAME)
    curve = function(x, mu, 0.8)
    assert curve.shape == (6,)
    assert_close(curve, [function(x, m, 0.8) for m in mu], rtol=SAME)


@pytest.mark.parametrize(("function", "data", "grid"), [
    pytest.param(bernoulli_loglik, ([1, 0, 1],), np.linspace(0.05, 0.95, 7), id="bernoulli"),
    pytest.param(binomial_loglik, ([3, 4], 10), np.linspace(0.05, 0.95, 7), id="binomial"),
    pytest.param(poisson_loglik, ([3, 4, 0],), np.linspace(0.5, 9, 7), id="poisson"),
    pytest.param(exponential_loglik, ([0.3, 2.0],), np.linspace(0.5, 9, 7), id="exponential"),
])
def test_grids_give_curves_and_surfaces(function, data, grid) -> None:
    curve = function(*data, grid)
    assert isinstance(curve, np.ndarray)
    assert curve.shape == grid.shape
    assert_close(curve, [function(*data, value) for value in grid], rtol=SAME)
    surface = function(*data, grid.reshape(7, 1) * np.ones(3))
    assert surface.shape == (7, 3)
    assert isinstance(function(*data, grid[2]), np.float64)


def test_categorical_loglik_candidate_grid() -> None:
    rng = np.random.default_rng(33)
    probs = rng.dirichlet(np.ones(3), (4, 5))  # a 4 x 5 grid of candidate vectors
    x = rng.integers(0, 3, 20)
    grid = categorical_loglik(x, probs)
    assert grid.shape == (4, 5)
    assert_close(grid, [[categorical_loglik(x, probs[i, j]) for j in range(5)] for i in range(4)],
                 rtol=SAME)
    assert isinstance(categorical_loglik(x, probs[0, 0]), np.float64)


@pytest.mark.parametrize(("function", "x", "params"), [
    pytest.param(bernoulli_loglik, [[1, 0], [0, 0]], (0.3,), id="bernoulli"),
    pytest.param(gaussian_loglik, [[1.0, 2.0], [0.5, -1.0]], (0.2, 1.1), id="gaussian"),
    pytest.param(laplace_loglik, [[1.0, 2.0], [0.5, -1.0]], (0.2, 1.1), id="laplace"),
    pytest.param(poisson_loglik, [[1, 2], [0, 5]], (1.7,), id="poisson"),
    pytest.param(exponential_loglik, [[1.0, 2.0], [0.5, 0.0]], (1.7,), id="exponential"),
    pytest.param(categorical_loglik, [[1, 2], [0, 2]], ([0.2, 0.3, 0.5],), id="categorical"),
])
def test_data_of_any_shape_are_one_flat_sample(function, x, params) -> None:
    assert function(x, *params) == function(np.ravel(x), *params)


def test_every_loglik_is_covered() -> None:
    assert set(likelihood.__all__) == {
        "bernoulli_loglik", "binomial_loglik", "categorical_loglik", "exponential_loglik",
        "gaussian_loglik", "laplace_loglik", "poisson_loglik"}


# ----------------------------------------------------------------------------------------------
# Exact boundary values.
# ----------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("x", "p", "expected"), [
    pytest.param([0, 1, 0], 0.0, -np.inf, id="p=0-with-a-1"),
    pytest.param([0, 0, 0], 0.0, 0.0, id="p=0-all-zeros"),
    pytest.param([1, 1], 1.0, 0.0, id="p=1-all-ones"),
    pytest.param([1, 0], 1.0, -np.inf, id="p=1-with-a-0"),
])
def test_bernoulli_loglik_at_p_0_and_1(x, p, expected) -> None:
    assert st.bernoulli.logpmf(x, p).sum() == expected  # the reference agrees
    assert bernoulli_loglik(x, p) == expected
    assert bernoulli_loglik(x, tensor(p)).item() == expected


def test_bernoulli_loglik_grid_through_the_boundaries() -> None:
    x = [0, 1, 1, 0]
    p = np.array([0.0, 0.25, 0.5, 1.0])
    np.testing.assert_array_equal(np.isinf(bernoulli_loglik(x, p)), [True, False, False, True])
    assert_sum_close(bernoulli_loglik(x, p), st.bernoulli.logpmf(x, column(p)))


@pytest.mark.parametrize(("k", "n", "p", "expected"), [
    pytest.param([0, 0], [5, 3], 0.0, 0.0, id="p=0-no-successes"),
    pytest.param([0, 2], [5, 3], 0.0, -np.inf, id="p=0-with-successes"),
    pytest.param([5, 3], [5, 3], 1.0, 0.0, id="p=1-no-failures"),
    pytest.param([0, 0], 0, 0.3, 0.0, id="no-trials"),
])
def test_binomial_loglik_at_the_boundaries(k, n, p, expected) -> None:
    assert st.binom.logpmf(k, n, p).sum() == expected
    assert binomial_loglik(k, n, p) == expected


@pytest.mark.parametrize(("k", "expected"), [pytest.param([0, 0, 0], 0.0, id="all-zero"),
                                             pytest.param([0, 1], -np.inf, id="a-positive-count")])
def test_poisson_loglik_at_rate_0(k, expected) -> None:
    assert st.poisson.logpmf(k, 0.0).sum() == expected
    assert poisson_loglik(k, 0.0) == expected


def test_categorical_loglik_zero_probability_of_an_unobserved_label_is_finite() -> None:
    assert categorical_loglik([0, 1, 0], [0.5, 0.5, 0.0]) == 3 * math.log(0.5)
    assert categorical_loglik([0, 2], [0.5, 0.5, 0.0]) == -np.inf


def test_torch_gradients_at_the_boundary_are_finite() -> None:
    """The one-sided derivatives at a boundary, where the zero-count term must not add a 0/0."""
    p = tensor(0.0, grad=True)
    bernoulli_loglik([0, 0, 0], p).backward()
    assert p.grad.item() == -3.0  # d/dp of 3 log(1 - p)
    rate = tensor(0.0, grad=True)
    poisson_loglik([0, 0], rate).backward()
    assert rate.grad.item() == -2.0  # d/drate of -2 rate
    probs = tensor([0.5, 0.5, 0.0], grad=True)
    categorical_loglik([0, 1, 0], probs).backward()
    np.testing.assert_array_equal(probs.grad.numpy(), [4.0, 2.0, 0.0])  # c_j / pi_j


# ----------------------------------------------------------------------------------------------
# torch: differentiable tensors, gradcheck, and the analytic score.
# ----------------------------------------------------------------------------------------------

RNG_T = np.random.default_rng(34)
FLIPS = RNG_T.binomial(1, 0.35, 40)
SAMPLE = RNG_T.normal(0.7, 1.3, 30)
COUNTS = RNG_T.poisson(2.5, 30)
WAITS = RNG_T.exponential(0.8, 30)
TRIALS = RNG_T.integers(1, 20, 10)
SUCCESSES = RNG_T.binomial(TRIALS, 0.6)
LABELS = RNG_T.integers(0, 4, 30)


def _score_cases() -> list:
    """(log-likelihood of parameter tensors, parameter values, analytic gradient of the sum)."""
    n, k = FLIPS.size, FLIPS.sum()
    p = np.array([0.2, 0.35, 0.7])
    z = np.array([-1.0, 0.3, 2.0])
    mu, sigma = np.array([0.1, 0.7, 1.5]), np.array([0.8, 1.3, 2.0])
    b = np.array([0.5, 1.0, 1.7])
    rate = np.array([0.5, 2.5, 4.0])
    big_k, big_n = SUCCESSES.sum(), TRIALS.sum()
    squares = ((SAMPLE - mu[:, None]) ** 2).sum(-1)
    absolute = np.abs(SAMPLE - mu[:, None]).sum(-1)
    signs = np.sign(SAMPLE - mu[:, None]).sum(-1)
    return [
        pytest.param(lambda q: bernoulli_loglik(FLIPS, q), (p,), (k / p - (n - k) / (1 - p),),
                     id="bernoulli-p"),
        pytest.param(lambda t: bernoulli_loglik(FLIPS, logit=t), (z,), (k - n * special.expit(z),),
                     id="bernoulli-logit"),
        pytest.param(lambda q: binomial_loglik(SUCCESSES, TRIALS, q), (p,),
                     (big_k / p - (big_n - big_k) / (1 - p),), id="binomial"),
        pytest.param(lambda m, s: gaussian_loglik(SAMPLE, m, s), (mu, sigma),
                     (SAMPLE.size * (SAMPLE.mean() - mu) / sigma**2,
                      -SAMPLE.size / sigma + squares / sigma**3), id="gaussian"),
        pytest.param(lambda m, s: laplace_loglik(SAMPLE, m, s), (mu, b),
                     (signs / b, -SAMPLE.size / b + absolute / b**2), id="laplace"),
        pytest.param(lambda r: poisson_loglik(COUNTS, r), (rate,),
                     (COUNTS.sum() / rate - COUNTS.size,), id="poisson"),
        pytest.param(lambda r: exponential_loglik(WAITS, r), (rate,),
                     (WAITS.size / rate - WAITS.sum(),), id="exponential"),
    ]


@pytest.mark.parametrize(("function", "values", "scores"), _score_cases())
def test_torch_gradient_is_the_analytic_score(function, values, scores) -> None:
    assert_gradient_is_score(function, values, scores, shape=(3,))


def test_torch_gaussian_surface_from_a_grid_of_tensors() -> None:
    mu = tensor(np.linspace(0, 1, 4), grad=True)
    sigma = tensor(np.linspace(0.5, 2, 3), grad=True)
    surface = gaussian_loglik(SAMPLE, mu[:, None], sigma[None, :])
    assert surface.shape == (4, 3)
    assert_close(surface, gaussian_loglik(SAMPLE, mu.detach().numpy()[:, None],
                                          sigma.detach().numpy()[None, :]), rtol=1e-14)


def test_torch_categorical_gradients() -> None:
    counts = np.bincount(LABELS, minlength=4)
    z = tensor(np.random.default_rng(35).normal(0, 1, (3, 4)), grad=True)
    assert torch.autograd.gradcheck(lambda t: categorical_loglik(LABELS, logits=t), (z,))
    categorical_loglik(LABELS, logits=z).sum().backward()
    softmax = special.softmax(z.detach().numpy(), axis=-1)
    assert_close(z.grad, counts - LABELS.size * softmax, scale=LABELS.size)  # c - n pi
    probs = tensor(np.random.default_rng(36).dirichlet(np.ones(4), 3), grad=True)
    categorical_loglik(LABELS, probs).sum().backward()
    assert_close(probs.grad, counts / probs.detach().numpy())  # c_j / pi_j
    w = tensor(np.random.default_rng(37).uniform(0.5, 2, (3, 4)), grad=True)
    assert torch.autograd.gradcheck(
        lambda t: categorical_loglik(LABELS, t / t.sum(dim=-1, keepdim=True)), (w,))
