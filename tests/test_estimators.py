"""mlcourse.estimators: each closed-form MLE against an independent reference.

References
----------
- ``scipy.stats.<dist>.fit`` where scipy has an analytic fit with the same fixed arguments:
  ``norm.fit`` (mean and the 1/n standard deviation), ``expon.fit(floc=0)`` (scale = mean, so the
  rate is its inverse), ``laplace.fit`` (median, mean absolute deviation from it).
- Direct numpy / Python formulas for counts and frequencies (``collections.Counter``, sums).
- Exact rational arithmetic (``fractions.Fraction`` on the float data, then mpmath) for a Gaussian
  sample far from 0, where a one-pass variance would lose every digit.
- The score: at a closed-form MLE the gradient of the log-likelihood is zero. It is taken with
  torch autograd through ``mlcourse.*_loglik``, an implementation independent of the estimators.

Tolerances
----------
Estimates are compared to ``RTOL = 1e-12`` relative (tests/reference_helpers.py): the estimators
and the references compute the same statistic in a different order, a few ulps apart. A score
is a sum of terms of either sign that cancel exactly at the MLE; the bound is ``1e-12`` times the
sum of the absolute values of those terms (CONTRIBUTING, "Tests").
"""

from __future__ import annotations

import math
from collections import Counter
from fractions import Fraction

import mpmath
import numpy as np
import pytest
import scipy.stats as st
import torch

from mlcourse import (
    bernoulli_loglik,
    binomial_loglik,
    categorical_loglik,
    exponential_loglik,
    gaussian_loglik,
    laplace_loglik,
    poisson_loglik,
)
from mlcourse.estimators import (
    bernoulli_mle,
    binomial_mle,
    categorical_mle,
    exponential_mle,
    gaussian_mle,
    laplace_mle,
    poisson_mle,
)

from .reference_helpers import RTOL, assert_close, tensor

pytestmark = pytest.mark.filterwarnings("error")

SEEDS = (0, 1, 2)
SIZES = (1, 7, 250)


def _rng(*key: int) -> np.random.Generator:
    return np.random.default_rng(list(key))


# ----------------------------------------------------------------------------------------------
# Closed forms against scipy.stats fits and direct formulas.
# ----------------------------------------------------------------------------------------------

@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("n", SIZES)
def test_bernoulli_mle_is_the_fraction_of_ones(seed, n) -> None:
    x = _rng(1, seed, n).binomial(1, 0.35, n)
    value = bernoulli_mle(x)
    assert isinstance(value, float)
    assert_close(value, Counter(x.tolist())[1] / n)  # counted in Python, not numpy


def test_bernoulli_mle_accepts_booleans_and_any_shape() -> None:
    x = _rng(1, 99).binomial(1, 0.6, (4, 5))
    assert_close(bernoulli_mle(x.astype(bool)), x.sum() / 20)
    assert_close(bernoulli_mle(x), x.sum() / 20)


def test_bernoulli_mle_boundaries_are_exact() -> None:
    assert bernoulli_mle(np.zeros(9)) == 0.0
    assert bernoulli_mle(np.ones(9)) == 1.0


@pytest.mark.parametrize("seed", SEEDS)
def test_binomial_mle_is_total_successes_over_total_trials(seed) -> None:
    rng = _rng(2, seed)
    n = rng.integers(0, 40, 30)
    n[0] = 5  # at least one trial
    k = rng.binomial(n, 0.3)
    assert_close(binomial_mle(k, n), sum(k.tolist()) / sum(n.tolist()))
    # a scalar n broadcasts against k
    k_scalar = rng.binomial(12, 0.7, 25)
    assert_close(binomial_mle(k_scalar, 12), sum(k_scalar.tolist()) / (12 * 25))


def test_binomial_mle_is_the_bernoulli_mle_of_the_expanded_flips() -> None:
    k, n = np.array([3, 0, 7, 2]), np.array([5, 4, 7, 9])
    flips = np.concatenate([np.r_[np.ones(a), np.zeros(b - a)] for a, b in zip(k, n,
                                                                               strict=True)])
    assert_close(binomial_mle(k, n), flips.mean())


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("n", SIZES)
def test_poisson_mle_is_the_mean_count(seed, n) -> None:
    k = _rng(3, seed, n).poisson(4.2, n)
    assert_close(poisson_mle(k), math.fsum(k.tolist()) / n)


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("n", SIZES)
def test_exponential_mle_matches_scipy_expon_fit_with_loc_zero(seed, n) -> None:
    x = _rng(4, seed, n).exponential(1 / 2.5, n)
    loc, scale = st.expon.fit(x, floc=0)
    assert loc == 0
    assert_close(exponential_mle(x), 1 / scale)


def test_exponential_mle_allows_some_zero_waits() -> None:
    assert_close(exponential_mle([0.0, 0.0, 3.0]), 1.0)


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("n_categories", [1, 3, 6])
def test_categorical_mle_is_the_class_frequencies(seed, n_categories) -> None:
    # The last category is never drawn: its frequency must be exactly 0, and the length K.
    probs = np.r_[np.full(n_categories - 1, 1.0), 0.0] if n_categories > 1 else np.ones(1)
    x = _rng(5, seed, n_categories).choice(n_categories, 200, p=probs / probs.sum())
    counts = Counter(x.tolist())
    expected = np.array([counts[j] / 200 for j in range(n_categories)])
    value = categorical_mle(x, n_categories)
    assert value.shape == (n_categories,)
    assert_close(value, expected)
    assert_close(value.sum(), 1.0)


def test_categorical_mle_accepts_numpy_integer_n_categories() -> None:
    assert_close(categorical_mle([2, 2, 0], np.int64(4)), np.array([1, 0, 2, 0]) / 3)


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("n", SIZES)
def test_gaussian_mle_matches_scipy_norm_fit(seed, n) -> None:
    x = _rng(6, seed, n).normal(-1.5, 3.0, n)
    mu, sigma = gaussian_mle(x)
    assert isinstance(mu, float) and isinstance(sigma, float)
    ref_mu, ref_sigma = st.norm.fit(x)  # analytic: the mean and the 1/n standard deviation
    assert_close(mu, ref_mu)
    if n == 1:
        assert sigma == 0.0  # a single point: the likelihood has no maximum in sigma
    else:
        assert_close(sigma, ref_sigma)
        # divided by n, not n - 1 (the classic mistake would be sqrt(n / (n - 1)) too large)
        assert_close(sigma, np.std(x, ddof=1) * math.sqrt((n - 1) / n), rtol=1e-12)


def test_gaussian_mle_far_from_zero_against_exact_arithmetic() -> None:
    """Data around 1e9 with unit spread: a one-pass formula mean(x**2) - mean(x)**2 loses every
    digit of the variance here (x**2 ~ 1e18 has ulp 128). The reference is exact: the float data
    summed as rationals, and the square root in 50-digit arithmetic."""
    x = 1e9 + _rng(6, 100).normal(0.0, 1.0, 500)
    exact = [Fraction(v) for v in x.tolist()]
    mean = sum(exact) / len(exact)
    variance = sum((v - mean) ** 2 for v in exact) / len(exact)
    with mpmath.workdps(50):
        sigma_ref = float(mpmath.sqrt(mpmath.mpf(variance.numerator) / variance.denominator))
    mu, sigma = gaussian_mle(x)
    assert_close(mu, float(mean))
    # The two-pass sum subtracts a mean that is itself rounded (error ~1e-7 absolute, 1e-7 of
    # sigma); that moves the sum of squares by n * 1e-14: relative 1e-14. 1e-12 leaves margin.
    assert_close(sigma, sigma_ref)


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("n", [1, 2, 7, 8, 251])
def test_laplace_mle_matches_scipy_laplace_fit(seed, n) -> None:
    x = _rng(7, seed, n).laplace(2.0, 0.7, n)
    mu, b = laplace_mle(x)
    ref_mu, ref_b = st.laplace.fit(x)  # analytic in scipy: median, mean |x - median|
    assert_close(mu, ref_mu)
    if n == 1:
        assert b == 0.0
    else:
        assert_close(b, ref_b)


def test_laplace_mle_even_n_takes_the_midpoint_of_the_middle_two() -> None:
    mu, b = laplace_mle([1.0, 10.0, 2.0, 4.0])
    assert mu == 3.0  # (2 + 4) / 2, written by hand
    assert_close(b, (2 + 7 + 1 + 1) / 4)


# ----------------------------------------------------------------------------------------------
# The score (gradient of the log-likelihood, by torch autograd) is zero at each estimate.
# ----------------------------------------------------------------------------------------------

def _gradient(function, *values: float) -> list[float]:
    inputs = [tensor(v, grad=True) for v in values]
    output = function(*inputs)
    assert isinstance(output, torch.Tensor)
    output.backward()
    return [float(t.grad) for t in inputs]


@pytest.mark.parametrize("seed", SEEDS)
def test_bernoulli_score_is_zero_at_the_mle(seed) -> None:
    x = _rng(11, seed).binomial(1, 0.3, 300)
    p = bernoulli_mle(x)
    (score,) = _gradient(lambda q: bernoulli_loglik(x, q), p)
    k = x.sum()
    # score = k / p - (n - k) / (1 - p): two terms that cancel
    assert abs(score) <= RTOL * (k / p + (len(x) - k) / (1 - p))


@pytest.mark.parametrize("seed", SEEDS)
def test_binomial_score_is_zero_at_the_mle(seed) -> None:
    rng = _rng(12, seed)
    n = rng.integers(1, 30, 50)
    k = rng.binomial(n, 0.6)
    p = binomial_mle(k, n)
    (score,) = _gradient(lambda q: binomial_loglik(k, n, q), p)
    assert abs(score) <= RTOL * (k.sum() / p + (n - k).sum() / (1 - p))


@pytest.mark.parametrize("seed", SEEDS)
def test_poisson_score_is_zero_at_the_mle(seed) -> None:
    k = _rng(13, seed).poisson(3.0, 300)
    rate = poisson_mle(k)
    (score,) = _gradient(lambda r: poisson_loglik(k, r), rate)
    assert abs(score) <= RTOL * (k.sum() / rate + len(k))  # K / rate - n


@pytest.mark.parametrize("seed", SEEDS)
def test_exponential_score_is_zero_at_the_mle(seed) -> None:
    x = _rng(14, seed).exponential(0.4, 300)
    rate = exponential_mle(x)
    (score,) = _gradient(lambda r: exponential_loglik(x, r), rate)
    assert abs(score) <= RTOL * (len(x) / rate + x.sum())  # n / rate - sum x


@pytest.mark.parametrize("seed", SEEDS)
def test_gaussian_score_is_zero_at_the_mle(seed) -> None:
    x = _rng(15, seed).normal(4.0, 0.5, 300)
    mu, sigma = gaussian_mle(x)
    d_mu, d_sigma = _gradient(lambda m, s: gaussian_loglik(x, m, s), mu, sigma)
    assert abs(d_mu) <= RTOL * np.abs(x - mu).sum() / sigma**2
    assert abs(d_sigma) <= RTOL * (len(x) / sigma + ((x - mu) ** 2).sum() / sigma**3)


@pytest.mark.parametrize("n", [251, 250])
def test_laplace_score_is_zero_at_the_mle(n) -> None:
    x = _rng(16, n).laplace(-1.0, 2.0, n)
    mu, b = laplace_mle(x)
    d_mu, d_b = _gradient(lambda m, s: laplace_loglik(x, m, s), mu, b)
    # d/dmu is sum(sign(x - mu)) / b: as many points above the median as below (torch takes
    # the derivative of |0| as 0 at the data point that is the median of an odd sample).
    assert abs(d_mu) <= RTOL * n / b
    assert abs(d_b) <= RTOL * (n / b + np.abs(x - mu).sum() / b**2)


@pytest.mark.parametrize("seed", SEEDS)
def test_categorical_score_is_zero_at_the_mle(seed) -> None:
    """On the probability simplex the score of pi is not zero (the constraint binds); in logits
    z = log(pi_hat) it is: d l / d z_j = c_j - n pi_j."""
    x = _rng(17, seed).choice(5, 400, p=[0.1, 0.15, 0.2, 0.25, 0.3])
    probs = categorical_mle(x, 5)
    assert np.all(probs > 0)
    logits = tensor(np.log(probs), grad=True)
    categorical_loglik(x, logits=logits).backward()
    assert_close(logits.grad, np.zeros(5), scale=np.full(5, 2.0 * len(x)))


# ----------------------------------------------------------------------------------------------
# Bad input raises ValueError.
# ----------------------------------------------------------------------------------------------

NAN_DATA = [1.0, np.nan, 2.0]
INF_DATA = [1.0, np.inf]


@pytest.mark.parametrize(
    ("function", "args", "match"),
    [
        pytest.param(bernoulli_mle, ([],), "empty", id="bernoulli-empty"),
        pytest.param(bernoulli_mle, ([1, np.nan],), "finite", id="bernoulli-nan"),
        pytest.param(bernoulli_mle, ([0, 1, 2],), "0 and 1", id="bernoulli-two"),
        pytest.param(bernoulli_mle, ([0, 0.5, 1],), "0 and 1", id="bernoulli-half"),
        pytest.param(bernoulli_mle, ([0, -1],), "0 and 1", id="bernoulli-minus-one"),
        pytest.param(binomial_mle, ([], 3), "empty", id="binomial-empty"),
        pytest.param(binomial_mle, ([1, -1], 3), ">= 0", id="binomial-negative-k"),
        pytest.param(binomial_mle, ([1, 2], -3), ">= 0", id="binomial-negative-n"),
        pytest.param(binomial_mle, ([1.5, 2], 3), "whole", id="binomial-fraction"),
        pytest.param(binomial_mle, ([1, 4], 3), "exceed", id="binomial-k-above-n"),
        pytest.param(binomial_mle, ([2, 4], [3, 3]), "exceed", id="binomial-k-above-n-array"),
        pytest.param(binomial_mle, ([0, 0], 0), "trial", id="binomial-no-trials"),
        pytest.param(binomial_mle, ([1, 2, 3], [4, 5]), "broadcast", id="binomial-shapes"),
        pytest.param(binomial_mle, ([1, np.inf], 3), "finite", id="binomial-inf"),
        pytest.param(poisson_mle, ([],), "empty", id="poisson-empty"),
        pytest.param(poisson_mle, ([1, -2],), ">= 0", id="poisson-negative"),
        pytest.param(poisson_mle, ([1, 2.5],), "whole", id="poisson-fraction"),
        pytest.param(poisson_mle, (NAN_DATA,), "finite", id="poisson-nan"),
        pytest.param(exponential_mle, ([],), "empty", id="exponential-empty"),
        pytest.param(exponential_mle, ([0.0, 0.0],), "zero", id="exponential-all-zero"),
        pytest.param(exponential_mle, ([1.0, -0.1],), ">= 0", id="exponential-negative"),
        pytest.param(exponential_mle, (INF_DATA,), "finite", id="exponential-inf"),
        pytest.param(categorical_mle, ([], 3), "empty", id="categorical-empty"),
        pytest.param(categorical_mle, ([0, 3], 3), r"0, \.\.\., 2", id="categorical-label-K"),
        pytest.param(categorical_mle, ([0, -1], 3), ">= 0", id="categorical-negative"),
        pytest.param(categorical_mle, ([0, 1.5], 3), "whole", id="categorical-fraction"),
        pytest.param(categorical_mle, ([0, np.nan], 3), "finite", id="categorical-nan"),
        pytest.param(categorical_mle, ([0], 0), "n_categories", id="categorical-K-zero"),
        pytest.param(categorical_mle, ([0], -2), "n_categories", id="categorical-K-negative"),
        pytest.param(categorical_mle, ([0], 2.5), "n_categories", id="categorical-K-float"),
        pytest.param(categorical_mle, ([0], "3"), "n_categories", id="categorical-K-string"),
        pytest.param(gaussian_mle, ([],), "empty", id="gaussian-empty"),
        pytest.param(gaussian_mle, (NAN_DATA,), "finite", id="gaussian-nan"),
        pytest.param(gaussian_mle, (INF_DATA,), "finite", id="gaussian-inf"),
        pytest.param(laplace_mle, ([],), "empty", id="laplace-empty"),
        pytest.param(laplace_mle, (NAN_DATA,), "finite", id="laplace-nan"),
        pytest.param(laplace_mle, (INF_DATA,), "finite", id="laplace-inf"),
    ],
)
def test_bad_input_raises_value_error(function, args, match) -> None:
    with pytest.raises(ValueError, match=match):
        function(*args)
