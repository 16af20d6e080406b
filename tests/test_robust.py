"""Sandwich covariances, against statsmodels' cov_type="HC0"/"HC1" and closed forms."""

from __future__ import annotations

import numpy as np
import pytest
import statsmodels.api as sm
import torch

import mlcourse
from mlcourse.robust import mle_sandwich_cov, regression_sandwich_cov, sandwich_cov

ENGEL = mlcourse.load_engel()
ENGEL_X = mlcourse.add_intercept(ENGEL.X)


def _randhie(n: int = 2000):
    data = mlcourse.load_randhie()
    return mlcourse.add_intercept(data.X[:n]), data.y[:n]


# statsmodels solves its own fit with its own iterations: covariances agree to about 1e-8
# relative (the estimates agree to about 1e-10; the sandwich amplifies their differences).
RTOL = 1e-7


@pytest.mark.parametrize("cov_type", ["HC0", "HC1"])
def test_ols_sandwich_is_statsmodels(cov_type):
    fit = mlcourse.linear_regression(ENGEL_X, ENGEL.y)
    expected = sm.OLS(ENGEL.y, ENGEL_X).fit(cov_type=cov_type).cov_params()
    got = regression_sandwich_cov(fit, ENGEL_X, ENGEL.y, cov_type=cov_type)
    np.testing.assert_allclose(got, expected, rtol=RTOL)


@pytest.mark.parametrize("cov_type", ["HC0", "HC1"])
def test_logit_sandwich_is_statsmodels(cov_type):
    data = mlcourse.load_spector()
    X = mlcourse.add_intercept(data.X)
    fit = mlcourse.logistic_regression(X, data.y)
    expected = sm.Logit(data.y, X).fit(disp=0, cov_type=cov_type).cov_params()
    if cov_type == "HC1":  # statsmodels' discrete models and GLMs return HC0 for HC1
        expected = expected * X.shape[0] / (X.shape[0] - X.shape[1])
    got = regression_sandwich_cov(fit, X, data.y, cov_type=cov_type)
    np.testing.assert_allclose(got, expected, rtol=RTOL)


@pytest.mark.parametrize("cov_type", ["HC0", "HC1"])
def test_poisson_sandwich_is_statsmodels(cov_type):
    X, y = _randhie()
    fit = mlcourse.poisson_regression(X, y)
    expected = sm.GLM(y, X, family=sm.families.Poisson()).fit(
        cov_type=cov_type, tol=1e-12).cov_params()
    if cov_type == "HC1":  # statsmodels' GLMs return HC0 for HC1 (no n / (n - k))
        expected = expected * X.shape[0] / (X.shape[0] - X.shape[1])
    got = regression_sandwich_cov(fit, X, y, cov_type=cov_type)
    np.testing.assert_allclose(got, expected, rtol=RTOL)


def test_poisson_with_offset_is_statsmodels():
    X, y = _randhie(500)
    offset = np.linspace(-0.2, 0.3, y.size)
    fit = mlcourse.poisson_regression(X, y, offset=offset)
    expected = sm.GLM(y, X, family=sm.families.Poisson(), offset=offset).fit(
        cov_type="HC0", tol=1e-12).cov_params()
    got = regression_sandwich_cov(fit, X, y, offset=offset)
    np.testing.assert_allclose(got, expected, rtol=RTOL)


def test_sandwich_cov_is_the_model_covariance_when_b_equals_a():
    # Scores whose outer products sum to A give A^{-1}: a closed form.
    rng = np.random.default_rng(2)
    s = rng.normal(size=(50, 3))
    a = s.T @ s
    np.testing.assert_allclose(sandwich_cov(s, a), np.linalg.inv(a), rtol=1e-12)
    np.testing.assert_allclose(sandwich_cov(-s, a, cov_type="HC1"),
                               np.linalg.inv(a) * 50 / 47, rtol=1e-12)


def test_fit_mle_sandwich_matches_ols_hc0():
    # Gaussian regression written by hand for fit_mle: the sandwich for beta is HC0.
    x = torch.tensor(ENGEL_X)
    y = torch.tensor(ENGEL.y)

    def terms(beta, sigma):
        return 0.5 * ((y - x @ beta) / sigma) ** 2 + torch.log(sigma) + 0.5 * np.log(2 * np.pi)

    fit = mlcourse.fit_mle(lambda beta, sigma: terms(beta, sigma).sum(),
                           {"beta": [0.0, 0.5], "sigma": 100.0},
                           constraints={"sigma": "positive"})
    cov = mle_sandwich_cov(fit, terms)
    expected = sm.OLS(ENGEL.y, ENGEL_X).fit(cov_type="HC0").cov_params()
    np.testing.assert_allclose(cov[:2, :2], expected, rtol=1e-6)


def test_gaussian_variance_sandwich_is_the_fourth_moment_formula():
    # For the Gaussian MLE of a variance v, the sandwich is sum (e^2 - v)^2 / n^2 (closed
    # form from the scores (e^2 - v) / (2 v^2) and A = n / (2 v^2)).
    rng = np.random.default_rng(4)
    data = rng.exponential(size=200)
    x = torch.tensor(data)

    def terms(mu, v):
        return 0.5 * (x - mu) ** 2 / v + 0.5 * torch.log(v) + 0.5 * np.log(2 * np.pi)

    fit = mlcourse.fit_mle(lambda mu, v: terms(mu, v).sum(), {"mu": 1.0, "v": 1.0},
                           constraints={"v": "positive"})
    e2 = (data - data.mean()) ** 2
    expected = np.sum((e2 - e2.mean()) ** 2) / data.size**2
    assert mle_sandwich_cov(fit, terms)[1, 1] == pytest.approx(expected, rel=1e-8)


def test_wrong_data_or_model_is_rejected():
    fit = mlcourse.linear_regression(ENGEL_X, ENGEL.y)
    with pytest.raises(ValueError, match="fitted on"):
        regression_sandwich_cov(fit, ENGEL_X, ENGEL.y[::-1])
    with pytest.raises(ValueError, match="columns"):
        regression_sandwich_cov(fit, ENGEL_X[:, :1], ENGEL.y)
    with pytest.raises(TypeError, match="family"):
        regression_sandwich_cov(object(), ENGEL_X, ENGEL.y)
    with pytest.raises(ValueError, match="cov_type"):
        regression_sandwich_cov(fit, ENGEL_X, ENGEL.y, cov_type="HC3")
    x = torch.tensor([1.0, 2.0, 4.0], dtype=torch.float64)
    mean = mlcourse.fit_mle(lambda mu: (0.5 * (x - mu) ** 2).sum(), {"mu": 0.0})
    with pytest.raises(ValueError, match="sum to"):
        mle_sandwich_cov(mean, lambda mu: (x - mu) ** 2)


@pytest.mark.parametrize(("scores", "hessian", "match"), [
    (np.ones((3, 2)), np.eye(3), "shape"),
    (np.ones((3, 2)), np.array([[1.0, 0.0], [0.0, -1.0]]), "positive definite"),
    (np.ones((3, 2)), np.array([[1.0, 0.5], [0.0, 1.0]]), "symmetric"),
    (np.array([[np.nan, 1.0]]), np.eye(2), "finite"),
])
def test_bad_inputs_raise(scores, hessian, match):
    with pytest.raises(ValueError, match=match):
        sandwich_cov(scores, hessian)


def test_hc1_needs_more_observations_than_parameters():
    with pytest.raises(ValueError, match="HC1"):
        sandwich_cov(np.ones((2, 2)) + np.eye(2), np.eye(2), cov_type="HC1")


def test_map_fit_is_rejected():
    x = torch.tensor([1.0, 2.0, 4.0], dtype=torch.float64)
    fit = mlcourse.fit_map(lambda mu: (0.5 * (x - mu) ** 2).sum(),
                           lambda mu: -0.5 * mu**2, {"mu": 0.0})
    with pytest.raises(ValueError, match="MAP"):
        mle_sandwich_cov(fit, lambda mu: 0.5 * (x - mu) ** 2)
