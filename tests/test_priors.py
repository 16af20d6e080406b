"""Log priors and the Beta-Bernoulli posterior against scipy.stats and closed forms.

Tolerances: the log densities are short sums of terms of size at most a few hundred, evaluated
in another order by scipy, so 1e-12 relative to the sum of the absolute values of the terms.
"""

from __future__ import annotations

import numpy as np
import pytest
import torch
from scipy import optimize, stats

import mlcourse
from mlcourse import (
    beta_bernoulli_posterior,
    beta_log_prior,
    gaussian_log_prior,
    laplace_log_prior,
)

RNG = np.random.default_rng(2026)


def test_gaussian_log_prior_is_a_sum_of_normal_log_densities() -> None:
    theta = RNG.normal(0.0, 3.0, size=7)
    variance = RNG.uniform(0.1, 5.0, size=7)
    expected = stats.norm.logpdf(theta, 0.0, np.sqrt(variance))
    got = gaussian_log_prior(theta, variance)
    assert abs(got - expected.sum()) <= 1e-12 * np.abs(expected).sum()


def test_infinite_variance_or_scale_is_a_flat_prior() -> None:
    theta = np.array([1e6, 0.5, -2.0])
    expected = stats.norm.logpdf(theta[1:], 0.0, 2.0).sum()
    assert np.isclose(gaussian_log_prior(theta, [np.inf, 4.0, 4.0]), expected, rtol=1e-13)
    expected = stats.laplace.logpdf(theta[1:], 0.0, 0.7).sum()
    assert np.isclose(laplace_log_prior(theta, [np.inf, 0.7, 0.7]), expected, rtol=1e-13)


def test_laplace_log_prior_is_a_sum_of_laplace_log_densities() -> None:
    theta = RNG.normal(0.0, 3.0, size=6)
    expected = stats.laplace.logpdf(theta, 0.0, 1.5)
    assert abs(laplace_log_prior(theta, 1.5) - expected.sum()) <= 1e-12 * np.abs(expected).sum()


def test_torch_gradients_are_the_penalty_derivatives() -> None:
    """-d/dtheta log prior: theta / v (ridge) and sign(theta) / b (lasso); 0 for a flat entry."""
    values = np.array([0.3, -1.2, 2.0])
    theta = torch.tensor(values, dtype=torch.float64, requires_grad=True)
    gaussian_log_prior(theta, [2.0, 0.5, np.inf]).backward()
    assert np.allclose(theta.grad.numpy(), -values / np.array([2.0, 0.5, np.inf]), rtol=1e-14)
    theta.grad = None
    laplace_log_prior(theta, 0.25).backward()
    assert np.allclose(theta.grad.numpy(), -np.sign(values) / 0.25, rtol=1e-14)


def test_beta_log_prior_matches_scipy_and_its_gradient() -> None:
    p = RNG.uniform(0.01, 0.99, size=5)
    for a, b in [(2.0, 5.0), (0.5, 0.5), (1.0, 3.0)]:
        assert np.isclose(beta_log_prior(p, a, b), stats.beta.logpdf(p, a, b).sum(),
                          rtol=1e-12)
    tensor = torch.tensor(0.3, dtype=torch.float64, requires_grad=True)
    beta_log_prior(tensor, 3.0, 2.0).backward()
    assert np.isclose(tensor.grad.item(), 2 / 0.3 - 1 / 0.7, rtol=1e-13)


def test_beta_log_prior_at_the_ends() -> None:
    assert beta_log_prior(0.0, 1.0, 3.0) == pytest.approx(np.log(3.0))  # 0 * log 0 = 0
    assert beta_log_prior(0.0, 2.0, 2.0) == -np.inf
    assert beta_log_prior(1.0, 0.5, 0.5) == np.inf


def test_posterior_is_the_conjugate_beta() -> None:
    posterior = beta_bernoulli_posterior(7, 10, 2.0, 3.0)
    exact = stats.beta(9.0, 6.0)
    assert (posterior.a, posterior.b) == (9.0, 6.0)
    assert np.isclose(posterior.mean, exact.mean(), rtol=1e-14)
    assert np.isclose(posterior.var, exact.var(), rtol=1e-13)
    assert np.allclose(posterior.interval(0.9), exact.interval(0.9), rtol=1e-12)
    grid = np.linspace(0.05, 0.95, 7)
    assert np.allclose(posterior.logpdf(grid), exact.logpdf(grid), rtol=1e-12)


@pytest.mark.parametrize(("k", "n", "a", "b"), [(0, 10, 2.0, 2.0), (7, 10, 2.0, 2.0),
                                                (3, 4, 1.5, 7.0), (10, 10, 2.0, 1.2)])
def test_mode_is_the_maximiser_of_the_posterior(k, n, a, b) -> None:
    posterior = beta_bernoulli_posterior(k, n, a, b)
    found = optimize.minimize_scalar(lambda p: -stats.beta.logpdf(p, a + k, b + n - k),
                                     bounds=(1e-12, 1 - 1e-12), method="bounded",
                                     options={"xatol": 1e-12})
    assert abs(posterior.mode - found.x) < 1e-8  # bounded Brent: about 1e-9
    fit = mlcourse.fit_map(lambda p: -mlcourse.bernoulli_loglik(np.r_[np.ones(k),
                                                                      np.zeros(n - k)], p),
                           lambda p: beta_log_prior(p, a, b), {"p": 0.5},
                           constraints={"p": "probability"})
    assert abs(fit["p"] - posterior.mode) < 1e-10


def test_mode_at_an_end_and_without_a_mode() -> None:
    assert beta_bernoulli_posterior(0, 5, 1.0, 2.0).mode == 0.0
    assert beta_bernoulli_posterior(5, 5, 2.0, 1.0).mode == 1.0
    with pytest.raises(ValueError, match="no single mode"):
        _ = beta_bernoulli_posterior(0, 0, 0.5, 1.0).mode


@pytest.mark.parametrize(("call", "message"), [
    (lambda: gaussian_log_prior([1.0, 2.0], [1.0, 0.0]), "variance must be > 0"),
    (lambda: gaussian_log_prior([1.0, 2.0], np.nan), "variance must be > 0"),
    (lambda: gaussian_log_prior([1.0, 2.0], [1.0, 2.0, 3.0]), "broadcast"),
    (lambda: laplace_log_prior([np.nan], 1.0), "theta must be finite"),
    (lambda: beta_log_prior(1.5, 2.0, 2.0), "p must be a probability"),
    (lambda: beta_log_prior(0.5, -1.0, 2.0), "a must be > 0"),
    (lambda: beta_bernoulli_posterior(11, 10), "k must not exceed n"),
    (lambda: beta_bernoulli_posterior(2.5, 10), "whole numbers"),
])
def test_bad_input_raises(call, message) -> None:
    with pytest.raises(ValueError, match=message):
        call()
