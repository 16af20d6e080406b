"""mlcourse.densities against scipy.stats, torch.distributions and mpmath.

Every expected value comes from an independent implementation evaluated on the same float64
inputs; tolerances are explained in tests/reference_helpers.py (1e-12 relative, relative to the
sum of the absolute values of the formula's terms where those can have opposite signs).
"""

from __future__ import annotations

import math

import mpmath
import numpy as np
import pytest
import scipy.stats as st
import torch
from scipy import special

from mlcourse import densities
from mlcourse.densities import (
    bernoulli_logpmf,
    binomial_logpmf,
    categorical_logpmf,
    exponential_logpdf,
    gaussian_logpdf,
    laplace_logpdf,
    poisson_logpmf,
)

from .reference_helpers import (
    assert_close,
    assert_gradient_is_score,
    binomial_scale,
    exponential_scale,
    gaussian_scale,
    laplace_scale,
    poisson_scale,
    tensor,
)

pytestmark = pytest.mark.filterwarnings("error")

N = 200  # random parameter sets per case
TORCH_EPS = float(torch.finfo(torch.float64).eps)


def logit(p):
    """log(p / (1 - p)) in float64, accurate for p near 0 and near 1."""
    return np.log(p) - np.log1p(-np.asarray(p))


# ----------------------------------------------------------------------------------------------
# Parameter sets: random ones and the extremes of the brief, each with a readable test id.
# ----------------------------------------------------------------------------------------------

def _location_scale_cases(seed: int) -> list:
    rng = np.random.default_rng(seed)
    cases = []
    scale = np.exp(rng.uniform(-3, 3, N))
    mu = rng.normal(0, 10, N)
    cases.append(pytest.param(mu + scale * rng.normal(0, 2, N), mu, scale, id="random"))
    # sigma from 1e-100 to 1e100, data and location on the matching scale
    scale = 10.0 ** rng.uniform(-100, 100, N)
    mu = scale * rng.normal(0, 3, N)
    cases.append(pytest.param(mu + scale * rng.normal(0, 2, N), mu, scale,
                              id="scale-1e-100-to-1e100"))
    for fixed, name in ((1e-100, "scale-1e-100"), (1e100, "scale-1e100")):
        scale = np.full(N, fixed)
        mu = fixed * rng.normal(0, 3, N)
        cases.append(pytest.param(mu + scale * rng.normal(0, 2, N), mu, scale, id=name))
    # far in the tails: |x - mu| up to 30 scales
    scale = np.exp(rng.uniform(-3, 3, N))
    cases.append(pytest.param(scale * rng.uniform(-30, 30, N), np.zeros(N), scale, id="tails"))
    return cases


@pytest.mark.parametrize(("x", "mu", "sigma"), _location_scale_cases(1))
def test_gaussian_logpdf_matches_scipy_and_torch(x, mu, sigma) -> None:
    ours = gaussian_logpdf(x, mu, sigma)
    scale = gaussian_scale(x, mu, sigma)
    assert_close(ours, st.norm.logpdf(x, loc=mu, scale=sigma), scale=scale)
    assert_close(ours, torch.distributions.Normal(tensor(mu), tensor(sigma)).log_prob(tensor(x)),
                 scale=scale)


@pytest.mark.parametrize(("x", "mu", "b"), _location_scale_cases(2))
def test_laplace_logpdf_matches_scipy_and_torch(x, mu, b) -> None:
    ours = laplace_logpdf(x, mu, b)
    scale = laplace_scale(x, mu, b)
    assert_close(ours, st.laplace.logpdf(x, loc=mu, scale=b), scale=scale)
    assert_close(ours, torch.distributions.Laplace(tensor(mu), tensor(b)).log_prob(tensor(x)),
                 scale=scale)


def _exponential_cases() -> list:
    rng = np.random.default_rng(3)
    rate = np.exp(rng.uniform(-5, 5, N))
    x = rng.exponential(1.0, N) / rate
    x[:10] = 0.0  # the boundary of the support
    wide = 10.0 ** rng.uniform(-100, 100, N)
    return [pytest.param(x, rate, id="random"),
            pytest.param(rng.exponential(1.0, N) / wide, wide, id="rate-1e-100-to-1e100"),
            pytest.param(rng.exponential(1.0, N) * 1e100, np.full(N, 1e-100), id="rate-1e-100"),
            pytest.param(rng.exponential(1.0, N) * 1e-100, np.full(N, 1e100), id="rate-1e100")]


@pytest.mark.parametrize(("x", "rate"), _exponential_cases())
def test_exponential_logpdf_matches_scipy_and_torch(x, rate) -> None:
    ours = exponential_logpdf(x, rate)
    scale = exponential_scale(x, rate)
    # scipy's expon is parametrised by the mean, scale = 1 / rate.
    assert_close(ours, st.expon.logpdf(x, scale=1 / rate), scale=scale)
    assert_close(ours, torch.distributions.Exponential(tensor(rate)).log_prob(tensor(x)),
                 scale=scale)


def _poisson_cases() -> list:
    rng = np.random.default_rng(4)
    rate = np.exp(rng.uniform(-3, 4, N))
    large = rng.uniform(5e5, 2e6, N)
    tiny = np.repeat([1e-300, 1e-12, 1e-3], 4)
    return [
        pytest.param(rng.poisson(rate).astype(float), rate, id="random"),
        pytest.param(rng.poisson(large).astype(float), large, id="counts-1e6"),
        pytest.param(rng.poisson(1e6, N).astype(float), rng.uniform(1, 2e6, N),
                     id="counts-1e6-any-rate"),
        pytest.param(np.tile([0.0, 1.0, 2.0, 5.0], 3), tiny, id="rate-tiny"),
        pytest.param(np.zeros(3), np.zeros(3), id="rate-0"),
    ]


@pytest.mark.parametrize(("k", "rate"), _poisson_cases())
def test_poisson_logpmf_matches_scipy_and_torch(k, rate) -> None:
    ours = poisson_logpmf(k, rate)
    # k log(rate) - rate - log k!: at k ~ rate ~ 1e6 the terms are 1e7 and the result -8.
    scale = poisson_scale(k, rate)
    assert_close(ours, st.poisson.logpmf(k, rate), scale=scale)
    assert_close(ours, torch.distributions.Poisson(tensor(rate)).log_prob(tensor(k)), scale=scale)


def test_poisson_logpmf_large_counts_against_mpmath() -> None:
    """Against the exact value (mpmath, 40 digits) the same bound holds: within 1e-12 of the size
    of the terms (1.4e7). Relative to the result (-8) it is only ~1e-10, as for scipy and torch,
    which use the same formula."""
    k = np.array([1e6, 1e6 + 17, 2e6, 999_999.0])
    rate = np.array([1e6, 1.0003e6, 1.9999e6, 1e6 + 0.5])
    with mpmath.workdps(40):
        exact = [float(kk * mpmath.log(r) - r - mpmath.loggamma(kk + 1))
                 for kk, r in zip(k, rate, strict=True)]
    assert_close(poisson_logpmf(k, rate), exact, scale=poisson_scale(k, rate))


def _bernoulli_p_cases() -> list:
    rng = np.random.default_rng(5)
    p = np.concatenate([rng.uniform(0, 1, N), [1e-300, 1e-12, 0.5, 1 - 1e-12]])
    return [pytest.param(np.zeros_like(p), p, id="x=0"), pytest.param(np.ones_like(p), p, id="x=1")]


def torch_bernoulli_scale(x, z):
    """torch evaluates log p(x) as -((1 - x) z - log sigma(z)), z the logit: its rounding error is
    relative to those two terms, which cancel for a 0 at a very negative z (log(1 - p) ~ -p)."""
    return (1 - x) * np.abs(z) + np.abs(special.log_expit(z))


@pytest.mark.parametrize(("x", "p"), _bernoulli_p_cases())
def test_bernoulli_logpmf_with_p_matches_scipy_and_torch(x, p) -> None:
    ours = bernoulli_logpmf(x, p)
    assert_close(ours, st.bernoulli.logpmf(x, p))
    # torch clamps probs to [eps, 1 - eps]; it is a reference only inside that range.
    inside = (p >= TORCH_EPS) & (p <= 1 - TORCH_EPS)
    assert not inside.all(), "the extreme p = 1e-300 must be among the cases"
    reference = torch.distributions.Bernoulli(probs=tensor(p[inside])).log_prob(tensor(x[inside]))
    assert_close(ours[inside], reference, scale=torch_bernoulli_scale(x, logit(p))[inside])


def _bernoulli_logit_cases() -> list:
    rng = np.random.default_rng(6)
    z = np.concatenate([rng.normal(0, 5, N), [-1e3, -40.0, -1e-8, 0.0, 1e-8, 40.0, 1e3]])
    return [pytest.param(np.zeros_like(z), z, id="x=0"), pytest.param(np.ones_like(z), z, id="x=1")]


@pytest.mark.parametrize(("x", "z"), _bernoulli_logit_cases())
def test_bernoulli_logpmf_with_logit_matches_torch_and_log_expit(x, z) -> None:
    ours = bernoulli_logpmf(x, logit=z)
    # log sigma(z) for a 1, log sigma(-z) for a 0
    assert_close(ours, special.log_expit(np.where(x == 1, z, -z)))
    assert_close(ours, torch.distributions.Bernoulli(logits=tensor(z)).log_prob(tensor(x)),
                 scale=torch_bernoulli_scale(x, z))


def test_bernoulli_logit_and_p_agree() -> None:
    rng = np.random.default_rng(7)
    p = np.concatenate([rng.uniform(0, 1, N), [1e-300, 1e-12, 1 - 1e-12]])
    x = np.concatenate([rng.integers(0, 2, N), [0, 0, 1]])
    # logit(p) = log p - log(1 - p) carries an absolute error of a few eps (|log p| + |log(1-p)|);
    # log p(1) moves by (1 - p) times that, log p(0) by p times that: relative to the result
    # both are a few eps, also at the extremes.
    assert_close(bernoulli_logpmf(x, logit=logit(p)), bernoulli_logpmf(x, p))


def _binomial_cases() -> list:
    rng = np.random.default_rng(8)
    n = rng.integers(1, 200, N).astype(float)
    p = rng.uniform(0, 1, N)
    cases = [pytest.param(rng.binomial(n.astype(int), p).astype(float), n, p, id="random")]
    big_n = rng.integers(5_000_000, 10_000_001, N).astype(float)
    big_p = rng.uniform(0.05, 0.2, N)
    cases.append(pytest.param(rng.binomial(big_n.astype(int), big_p).astype(float), big_n, big_p,
                              id="n-1e7-k-1e6"))
    for extreme, name in ((1e-300, "p-1e-300"), (1e-12, "p-1e-12"), (1 - 1e-12, "p-1-1e-12")):
        n = rng.integers(1, 10_000_001, 20).astype(float)
        k = rng.binomial(n.astype(int), extreme).astype(float)
        # the first successes (failures) of a rare (near-certain) outcome
        k[:3] = [0.0, 1.0, 2.0] if extreme < 0.5 else n[:3] - [0.0, 1.0, 2.0]
        cases.append(pytest.param(k, n, np.full(20, extreme), id=name))
    return cases


@pytest.mark.parametrize(("k", "n", "p"), _binomial_cases())
def test_binomial_logpmf_matches_scipy_and_torch(k, n, p) -> None:
    ours = binomial_logpmf(k, n, p)
    # log C(n, k) + k log p + (n - k) log(1 - p): log C(n, k) ~ 3e6 at n ~ 1e7 cancels against
    # the rest, so the tolerance is relative to the size of those terms.
    assert_close(ours, st.binom.logpmf(k, n, p), scale=binomial_scale(k, n, p))
    # torch evaluates k z - log k! - log (n - k)! - (n max(z, 0) + n log1p(e^-|z|) - log n!) with
    # z the logit: its rounding error is relative to those terms (log n! stays in even at k = 0).
    z = logit(p)
    scale = (np.abs(k * z) + special.gammaln(k + 1) + special.gammaln(n - k + 1)
             + n * np.maximum(z, 0) + n * np.log1p(np.exp(-np.abs(z))) + special.gammaln(n + 1))
    by_logits = torch.distributions.Binomial(total_count=tensor(n), logits=tensor(z))
    assert_close(ours, by_logits.log_prob(tensor(k)), scale=scale)
    inside = (p >= TORCH_EPS) & (p <= 1 - TORCH_EPS)  # torch clamps probs to [eps, 1 - eps]
    if inside.any():
        by_probs = torch.distributions.Binomial(total_count=tensor(n[inside]),
                                                probs=tensor(p[inside]))
        assert_close(ours[inside], by_probs.log_prob(tensor(k[inside])), scale=scale[inside])


def test_bernoulli_is_binomial_with_one_trial() -> None:
    rng = np.random.default_rng(9)
    p = rng.uniform(0, 1, N)
    x = rng.integers(0, 2, N).astype(float)
    assert_close(bernoulli_logpmf(x, p), st.binom.logpmf(x, 1, p))


# Rows that sum to exactly 1.0 in float64 (checked below), with the extreme entries of the brief.
EXTREME_PROBS = np.array([
    [1e-300, 1e-12, 1 - 1e-12, 0.0],
    [0.5, 0.5 - 1e-12, 1e-12, 0.0],
    [1e-300, 0.25, 0.25, 0.5],
    [1 - 1e-12, 1e-12 - 1e-300, 1e-300, 0.0],
])


def _categorical_probs_cases() -> list:
    rng = np.random.default_rng(10)
    probs = rng.dirichlet(np.ones(5), N)
    x = rng.integers(0, 5, N)  # uniform labels: unlikely categories are hit too
    rows = np.repeat(EXTREME_PROBS, 3, axis=0)
    labels = np.tile([0, 1, 2], len(EXTREME_PROBS))
    return [pytest.param(x, probs, id="random-dirichlet"),
            pytest.param(labels, rows, id="extreme-probs")]


def test_extreme_probability_rows_sum_to_one() -> None:
    np.testing.assert_array_equal(EXTREME_PROBS.sum(axis=-1), 1.0)


@pytest.mark.parametrize(("x", "probs"), _categorical_probs_cases())
def test_categorical_logpmf_with_probs_matches_indexing_multinomial_and_torch(x, probs) -> None:
    ours = categorical_logpmf(x, probs)
    rows = np.arange(len(x))
    assert_close(ours, np.log(probs[rows, x]))  # the definition, log pi_x, by explicit indexing
    one_hot = np.eye(probs.shape[-1])[x]
    assert_close(ours, st.multinomial.logpmf(one_hot, 1, probs))
    # torch divides probs by their sum, 1 only to within a few ulps, which moves log p by about
    # 1e-16 in absolute terms; where log p is -1e-12 only an absolute bound is meaningful.
    # It also clamps probs to [eps, 1 - eps], so rows with smaller entries are left out.
    inside = (probs[rows, x] >= TORCH_EPS) & (probs.min(axis=-1) >= TORCH_EPS)
    if inside.any():
        reference = torch.distributions.Categorical(probs=tensor(probs[inside]))
        assert_close(ours[inside], reference.log_prob(torch.as_tensor(x[inside])),
                     scale=np.abs(ours[inside]) + 1)


EXTREME_LOGITS = np.array([
    [1e3, -1e3, 0.0, 999.0],
    [1e3, 990.0, -1e3, 0.0],
    [1e3, 970.0, -1e3, 0.0],  # log p_0 = -9.4e-14: log(1 + s) instead of log1p(s) loses it
    [-1e3, -1e3, -1e3, -1e3 + 1e-3],
    [1e3, 1e3, 1e3, -1e3],
    [1e17, 1e17, -1e17, 0.0],  # z - logsumexp(z) would lose every digit here
])


def _categorical_logit_cases() -> list:
    rng = np.random.default_rng(11)
    z = rng.normal(0, 3, (40, 4))
    rows = np.repeat(EXTREME_LOGITS, 4, axis=0)
    return [pytest.param(rng.integers(0, 4, 40), z, id="random"),
            pytest.param(np.tile(np.arange(4), len(EXTREME_LOGITS)), rows, id="extreme-logits")]


def _mp_log_softmax(z: np.ndarray, label: int) -> float:
    with mpmath.workdps(60):
        row = [mpmath.mpf(float(v)) for v in z]
        return float(row[label] - mpmath.log(mpmath.fsum(mpmath.exp(v) for v in row)))


@pytest.mark.parametrize(("x", "z"), _categorical_logit_cases())
def test_categorical_logpmf_with_logits_matches_mpmath_and_torch(x, z) -> None:
    ours = categorical_logpmf(x, logits=z)
    assert_close(ours, [_mp_log_softmax(row, label) for row, label in zip(z, x, strict=True)])
    # torch normalises as z - logsumexp(z): its rounding error is a few ulps of |z| + |lse|.
    scale = np.abs(z[np.arange(len(x)), x]) + np.abs(special.logsumexp(z, axis=-1))
    reference = torch.distributions.Categorical(logits=tensor(z)).log_prob(torch.as_tensor(x))
    assert_close(ours, reference, scale=scale)


def test_categorical_logits_and_probs_agree() -> None:
    rng = np.random.default_rng(12)
    probs = rng.dirichlet(np.ones(6), 50)
    x = rng.integers(0, 6, 50)
    # log(probs) has relative error eps; logits are normalised again by a sum of 1 +- ulps.
    assert_close(categorical_logpmf(x, logits=np.log(probs)), categorical_logpmf(x, probs),
                 scale=np.abs(np.log(probs[np.arange(50), x])) + 1)


# ----------------------------------------------------------------------------------------------
# Exact values at the boundaries of the parameter space (no warnings: see pytestmark).
# ----------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("x", "p", "expected"), [
    (1, 0.0, -np.inf), (0, 0.0, 0.0), (1, 1.0, 0.0), (0, 1.0, -np.inf),
])
def test_bernoulli_logpmf_at_p_0_and_1(x, p, expected) -> None:
    assert st.bernoulli.logpmf(x, p) == expected  # the reference agrees
    assert bernoulli_logpmf(x, p) == expected
    assert bernoulli_logpmf(x, tensor(p)).item() == expected


@pytest.mark.parametrize(("k", "n", "p", "expected"), [
    (0, 10, 0.0, 0.0), (3, 10, 0.0, -np.inf), (10, 10, 1.0, 0.0), (3, 10, 1.0, -np.inf),
    (0, 0, 0.3, 0.0),
])
def test_binomial_logpmf_at_the_boundaries(k, n, p, expected) -> None:
    assert st.binom.logpmf(k, n, p) == expected
    assert binomial_logpmf(k, n, p) == expected


@pytest.mark.parametrize(("k", "expected"), [(0, 0.0), (2, -np.inf)])
def test_poisson_logpmf_at_rate_0(k, expected) -> None:
    assert st.poisson.logpmf(k, 0.0) == expected
    assert poisson_logpmf(k, 0.0) == expected


def test_exponential_logpdf_at_0_is_log_rate() -> None:
    rate = np.array([1e-100, 0.5, 3.0, 1e100])
    np.testing.assert_array_equal(exponential_logpdf(0.0, rate), np.log(rate))


def test_categorical_logpmf_with_a_zero_probability() -> None:
    probs = [0.5, 0.5, 0.0]
    assert categorical_logpmf(2, probs) == -np.inf
    assert categorical_logpmf(0, probs) == math.log(0.5)


# ----------------------------------------------------------------------------------------------
# Broadcasting and result types.
# ----------------------------------------------------------------------------------------------

# float64 scalar and vectorised loops of log/exp may round differently in the last bit.
SAME = 4 * np.finfo(np.float64).eps


def test_gaussian_logpdf_surface_over_mu_and_sigma() -> None:
    mu, sigma = np.linspace(-2, 2, 7), np.linspace(0.5, 3, 5)
    surface = gaussian_logpdf(0.3, mu[:, None], sigma[None, :])
    assert isinstance(surface, np.ndarray)
    assert surface.shape == (7, 5)
    expected = [[gaussian_logpdf(0.3, m, s) for s in sigma] for m in mu]
    assert_close(surface, expected, rtol=SAME)
    assert_close(surface, st.norm.logpdf(0.3, mu[:, None], sigma[None, :]),
                 scale=gaussian_scale(0.3, mu[:, None], sigma[None, :]))


@pytest.mark.parametrize(("function", "data", "grid"), [
    pytest.param(bernoulli_logpmf, (1,), (np.linspace(0.01, 0.99, 9),), id="bernoulli"),
    pytest.param(binomial_logpmf, (3, 10), (np.linspace(0.01, 0.99, 9),), id="binomial"),
    pytest.param(laplace_logpdf, (0.7, 0.0), (np.linspace(0.1, 2, 9),), id="laplace"),
    pytest.param(poisson_logpmf, (4,), (np.linspace(0.5, 9, 9),), id="poisson"),
    pytest.param(exponential_logpdf, (0.4,), (np.linspace(0.5, 9, 9),), id="exponential"),
])
def test_one_dimensional_grid_gives_a_curve(function, data, grid) -> None:
    curve = function(*data, *grid)
    assert isinstance(curve, np.ndarray)
    assert curve.shape == grid[0].shape
    assert_close(curve, [function(*data, value) for value in grid[0]], rtol=SAME)


def test_categorical_logpmf_broadcasts_labels_against_candidate_rows() -> None:
    rng = np.random.default_rng(13)
    probs = rng.dirichlet(np.ones(4), 3)  # three candidate vectors
    x = np.array([[0], [3], [1], [1], [2]])  # five labels, as a column
    table = categorical_logpmf(x, probs)
    assert table.shape == (5, 3)
    assert_close(table, np.log(probs[np.arange(3)[None, :], x]))


@pytest.mark.parametrize("function, args", [
    pytest.param(bernoulli_logpmf, (1, 0.3), id="bernoulli"),
    pytest.param(binomial_logpmf, (2, 5, 0.3), id="binomial"),
    pytest.param(gaussian_logpdf, (0.2, 0.0, 1.5), id="gaussian"),
    pytest.param(laplace_logpdf, (0.2, 0.0, 1.5), id="laplace"),
    pytest.param(poisson_logpmf, (2, 1.5), id="poisson"),
    pytest.param(exponential_logpdf, (0.2, 1.5), id="exponential"),
    pytest.param(categorical_logpmf, (1, [0.2, 0.8]), id="categorical"),
])
def test_numpy_scalars_in_numpy_scalar_out(function, args) -> None:
    assert isinstance(function(*args), np.float64)
    assert isinstance(function(*(np.asarray(a) for a in args)), np.float64)  # 0-d arrays too
    batch = function(*(np.asarray([a, a]) if i == 0 else a for i, a in enumerate(args)))
    assert isinstance(batch, np.ndarray)
    assert batch.shape == (2,)


def test_every_density_is_tested_for_types() -> None:
    tested = {"bernoulli_logpmf", "binomial_logpmf", "gaussian_logpdf", "laplace_logpdf",
              "poisson_logpmf", "exponential_logpdf", "categorical_logpmf"}
    assert set(densities.__all__) == tested


# ----------------------------------------------------------------------------------------------
# torch: tensors in, differentiable tensors out, with the analytic derivative.
# ----------------------------------------------------------------------------------------------

RNG_T = np.random.default_rng(14)
X_REAL = RNG_T.normal(0, 2, 6)
X_BIN = np.array([0.0, 1.0, 1.0, 0.0, 1.0, 1.0])
K_COUNT = np.array([0.0, 1.0, 3.0, 7.0, 2.0, 5.0])
N_TRIALS = np.array([1.0, 4.0, 3.0, 10.0, 9.0, 5.0])


def _score_cases() -> list:
    """(function of the parameter tensors, parameter values, analytic gradients)."""
    mu, sigma = RNG_T.normal(0, 1, 6), RNG_T.uniform(0.5, 2, 6)
    b = RNG_T.uniform(0.5, 2, 6)
    p = RNG_T.uniform(0.1, 0.9, 6)
    z = RNG_T.normal(0, 2, 6)
    rate = RNG_T.uniform(0.5, 5, 6)
    d = X_REAL - mu
    return [
        pytest.param(lambda m, s: gaussian_logpdf(X_REAL, m, s), (mu, sigma),
                     (d / sigma**2, -1 / sigma + d**2 / sigma**3), id="gaussian"),
        pytest.param(lambda m, s: laplace_logpdf(X_REAL, m, s), (mu, b),
                     (np.sign(d) / b, -1 / b + np.abs(d) / b**2), id="laplace"),
        pytest.param(lambda q: bernoulli_logpmf(X_BIN, q), (p,),
                     (X_BIN / p - (1 - X_BIN) / (1 - p),), id="bernoulli-p"),
        pytest.param(lambda t: bernoulli_logpmf(X_BIN, logit=t), (z,),
                     (X_BIN - special.expit(z),), id="bernoulli-logit"),
        pytest.param(lambda q: binomial_logpmf(K_COUNT, N_TRIALS, q), (p,),
                     (K_COUNT / p - (N_TRIALS - K_COUNT) / (1 - p),), id="binomial"),
        pytest.param(lambda r: poisson_logpmf(K_COUNT, r), (rate,), (K_COUNT / rate - 1,),
                     id="poisson"),
        pytest.param(lambda r: exponential_logpdf(np.abs(X_REAL), r), (rate,),
                     (1 / rate - np.abs(X_REAL),), id="exponential"),
    ]


@pytest.mark.parametrize(("function", "values", "scores"), _score_cases())
def test_torch_gradient_is_the_analytic_score(function, values, scores) -> None:
    assert_gradient_is_score(function, values, scores, shape=(6,))


def test_torch_categorical_gradients() -> None:
    rng = np.random.default_rng(15)
    x = rng.integers(0, 4, 5)
    z = tensor(rng.normal(0, 1, (5, 4)), grad=True)
    assert torch.autograd.gradcheck(lambda t: categorical_logpmf(x, logits=t), (z,))
    categorical_logpmf(x, logits=z).sum().backward()
    softmax = special.softmax(z.detach().numpy(), axis=-1)
    assert_close(z.grad, np.eye(4)[x] - softmax, scale=1.0)  # d log pi_x / dz = onehot - pi
    # probs: gradcheck perturbs entries one by one, so normalise unconstrained weights inside.
    w = tensor(rng.uniform(0.5, 2, (5, 4)), grad=True)
    assert torch.autograd.gradcheck(
        lambda t: categorical_logpmf(x, t / t.sum(dim=-1, keepdim=True)), (w,))
