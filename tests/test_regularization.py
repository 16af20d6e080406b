"""Ridge by QR, the ridge evidence and the knob-to-prior table, against scikit-learn, scipy,
torch and closed forms.

Tolerances: ridge is a well-conditioned least-squares problem (cond(X) of the diabetes data is
about 30), so two backward-stable solvers agree to about cond * eps relative to the largest
coefficient: 1e-10 leaves a factor of 100 of room. The evidence is compared with a dense
multivariate-normal log density (1e-10 relative) and its maximiser with BayesianRidge's
fixed-point iteration run to tol=1e-12 (1e-8 relative).
"""

from __future__ import annotations

import warnings

import numpy as np
import pytest
import torch
from scipy import stats
from sklearn.linear_model import BayesianRidge, Lasso, LogisticRegression, Ridge
from sklearn.mixture import GaussianMixture
from sklearn.naive_bayes import BernoulliNB

import mlcourse
from mlcourse import knob_prior, ridge_evidence_fit, ridge_log_evidence, ridge_regression

RNG = np.random.default_rng(9)
DIABETES = mlcourse.load_diabetes()
CANCER = mlcourse.load_breast_cancer()
X_CANCER = (CANCER.X - CANCER.X.mean(axis=0)) / CANCER.X.std(axis=0)


def _relative(a: np.ndarray, b: np.ndarray) -> float:
    return float(np.abs(a - b).max() / np.abs(b).max())


@pytest.mark.parametrize("alpha", [1e-4, 0.1, 1.0, 100.0])
def test_ridge_matches_sklearn_on_diabetes(alpha) -> None:
    skl = Ridge(alpha=alpha).fit(DIABETES.X, DIABETES.y)
    ours = ridge_regression(DIABETES.X, DIABETES.y, alpha)
    assert _relative(ours, np.r_[skl.intercept_, skl.coef_]) <= 1e-10


def test_ridge_without_intercept_and_with_p_above_n() -> None:
    X = RNG.normal(size=(12, 30))
    y = RNG.normal(size=12) + 5.0
    skl = Ridge(alpha=0.7, fit_intercept=False).fit(X, y)
    assert _relative(ridge_regression(X, y, 0.7, intercept=False), skl.coef_) <= 1e-10
    skl = Ridge(alpha=0.7).fit(X, y)
    assert _relative(ridge_regression(X, y, 0.7), np.r_[skl.intercept_, skl.coef_]) <= 1e-10


def test_per_coefficient_penalties_solve_the_normal_equations() -> None:
    X = RNG.normal(size=(40, 3))
    y = X @ [1.0, -2.0, 0.5] + RNG.normal(size=40)
    penalties = np.array([0.0, 3.0, 50.0])
    xc, yc = X - X.mean(axis=0), y - y.mean()
    slopes = np.linalg.solve(xc.T @ xc + np.diag(penalties), xc.T @ yc)
    assert _relative(ridge_regression(X, y, penalties)[1:], slopes) <= 1e-12


def test_alpha_zero_is_least_squares() -> None:
    design = mlcourse.add_intercept(DIABETES.X)
    expected = np.linalg.lstsq(design, DIABETES.y, rcond=None)[0]
    assert _relative(ridge_regression(DIABETES.X, DIABETES.y, 0.0), expected) <= 1e-10


def test_ridge_is_the_map_of_a_gaussian_prior() -> None:
    """fit_map with the Gaussian likelihood and prior variance sigma^2 / alpha: the same."""
    X, y = DIABETES.X, DIABETES.y
    sigma2, alpha = 3000.0, 0.5
    design, target = torch.as_tensor(mlcourse.add_intercept(X)), torch.as_tensor(y)
    variance = np.r_[np.inf, np.full(X.shape[1], sigma2 / alpha)]
    fit = mlcourse.fit_map(
        lambda beta: -mlcourse.gaussian_logpdf(target, design @ beta, np.sqrt(sigma2)).sum(),
        lambda beta: mlcourse.gaussian_log_prior(beta, variance), {"beta": np.zeros(11)})
    assert _relative(ridge_regression(X, y, alpha), fit.params) <= 1e-9


@pytest.mark.parametrize(("call", "message"), [
    (lambda: ridge_regression(np.ones((5, 2)), np.ones(4), 1.0), "one value per row"),
    (lambda: ridge_regression(np.eye(3), np.ones(3), -1.0), "alpha must be >= 0"),
    (lambda: ridge_regression(np.eye(3), np.ones(3), [1.0, 2.0]), "one value per column"),
    (lambda: ridge_regression(np.c_[np.arange(5.0), np.arange(5.0)], np.arange(5.0), 0.0),
     "singular"),
    (lambda: ridge_regression(np.c_[np.ones(5), np.arange(5.0)], np.arange(5.0), 0.0),
     "constant"),
])
def test_ridge_bad_input(call, message) -> None:
    with pytest.raises(ValueError, match=message):
        call()


@pytest.mark.parametrize(("n", "p", "intercept"), [(15, 4, True), (6, 9, False)])
def test_log_evidence_is_a_multivariate_normal_density(n, p, intercept) -> None:
    X, y = RNG.normal(size=(n, p)), RNG.normal(2.0, 1.0, size=n)
    Xc, yc = (X - X.mean(axis=0), y - y.mean()) if intercept else (X, y)
    cov = 0.7 * np.eye(n) + 2.5 * Xc @ Xc.T
    expected = stats.multivariate_normal(np.zeros(n), cov, allow_singular=True).logpdf(yc)
    got = ridge_log_evidence(X, y, 0.7, 2.5, intercept=intercept)
    assert abs(got - expected) <= 1e-10 * abs(expected)


def test_log_evidence_gradient_matches_torch_distributions() -> None:
    X, y = RNG.normal(size=(10, 3)), RNG.normal(size=10)
    params = torch.tensor([0.4, 1.7], dtype=torch.float64, requires_grad=True)
    ridge_log_evidence(X, y, params[0], params[1], intercept=False).backward()
    ours = params.grad.clone()
    params.grad = None
    Xt, yt = torch.as_tensor(X), torch.as_tensor(y)
    cov = params[0] * torch.eye(10, dtype=torch.float64) + params[1] * Xt @ Xt.T
    torch.distributions.MultivariateNormal(torch.zeros(10, dtype=torch.float64),
                                           cov).log_prob(yt).backward()
    assert torch.allclose(ours, params.grad, rtol=1e-10, atol=0)


def test_evidence_maximum_is_bayesian_ridge() -> None:
    fit = ridge_evidence_fit(DIABETES.X, DIABETES.y)
    bayes = BayesianRidge(alpha_1=0.0, alpha_2=0.0, lambda_1=0.0, lambda_2=0.0, tol=1e-12,
                          max_iter=10_000).fit(DIABETES.X, DIABETES.y)
    assert abs(fit["noise_variance"] * bayes.alpha_ - 1) <= 1e-8
    assert abs(fit["prior_variance"] * bayes.lambda_ - 1) <= 1e-8
    assert abs(fit.llf - ridge_log_evidence(DIABETES.X, DIABETES.y, fit["noise_variance"],
                                            fit["prior_variance"])) <= 1e-9 * abs(fit.llf)


def test_ridge_knob_is_the_gaussian_prior_variance() -> None:
    sigma2 = 2000.0
    prior = knob_prior("Ridge(alpha)", 0.3, noise_variance=sigma2)
    assert prior.family == "Gaussian" and prior.scale == pytest.approx(sigma2 / 0.3)
    skl = Ridge(alpha=sigma2 / prior.scale).fit(DIABETES.X, DIABETES.y)
    assert _relative(ridge_regression(DIABETES.X, DIABETES.y, 0.3),
                     np.r_[skl.intercept_, skl.coef_]) <= 1e-10


@pytest.mark.parametrize("C", [0.01, 0.3, 10.0])
def test_logistic_c_is_the_prior_variance(C) -> None:
    variance = knob_prior("LogisticRegression(C)", C).scale
    design = mlcourse.add_intercept(X_CANCER)
    fit = mlcourse.logistic_regression(
        design, CANCER.y, prior_variance=np.r_[np.inf, np.full(30, variance)])
    skl = LogisticRegression(C=C, solver="newton-cholesky", tol=1e-12).fit(X_CANCER, CANCER.y)
    assert np.abs(fit.params - np.r_[skl.intercept_, skl.coef_.ravel()]).max() <= 1e-8


def test_lasso_knob_gives_the_kkt_conditions_of_a_laplace_posterior() -> None:
    X, y = DIABETES.X, DIABETES.y
    n, sigma2 = len(y), 2900.0
    b = knob_prior("Lasso(alpha)", 0.2, n=n, noise_variance=sigma2).scale
    lasso = Lasso(alpha=0.2, tol=1e-12, max_iter=100_000).fit(X, y)
    # the subgradient of SSE / (2 sigma^2) + |w|_1 / b contains 0
    pull = X.T @ (y - lasso.intercept_ - X @ lasso.coef_) / sigma2
    active = lasso.coef_ != 0
    assert 0 < active.sum() < X.shape[1]
    assert np.allclose(pull[active], np.sign(lasso.coef_[active]) / b, rtol=1e-7, atol=0)
    assert np.all(np.abs(pull[~active]) <= 1 / b)


def test_bernoulli_nb_knob_is_the_beta_mode() -> None:
    X = (RNG.random((60, 8)) < 0.2).astype(float)
    y = RNG.integers(0, 3, size=60)
    a, b = knob_prior("BernoulliNB(alpha)", 0.5).scale
    skl = BernoulliNB(alpha=0.5).fit(X, y)
    for c in range(3):
        rows = X[y == c]
        for j in range(8):
            mode = mlcourse.beta_bernoulli_posterior(rows[:, j].sum(), len(rows), a, b).mode
            assert np.isclose(np.exp(skl.feature_log_prob_[c, j]), mode, rtol=1e-12)


def test_reg_covar_is_added_whatever_n() -> None:
    assert knob_prior("GaussianMixture(reg_covar)", 1e-3).family == "none"
    X = RNG.normal(size=(200, 3)) @ np.array([[1.0, 0.5, 0.0], [0.0, 1.0, 0.3], [0, 0, 1]])
    for rows in (X[:50], X):
        gm = GaussianMixture(1, reg_covar=1e-3).fit(rows)
        assert np.allclose(gm.covariances_[0] - np.cov(rows.T, bias=True),
                           1e-3 * np.eye(3), rtol=0, atol=1e-12)


def _one_step_from_map(optimizer_class, **options) -> float:
    wd, n = 0.02, len(CANCER.y)
    variance = knob_prior("SGD(weight_decay)", wd, n=n).scale
    assert variance == pytest.approx(1 / (n * wd))
    fit = mlcourse.logistic_regression(mlcourse.add_intercept(X_CANCER), CANCER.y,
                                       prior_variance=variance)
    model = torch.nn.Linear(30, 1, dtype=torch.float64)
    with torch.no_grad():
        model.bias.copy_(torch.as_tensor(fit.params[:1]))
        model.weight.copy_(torch.as_tensor(fit.params[1:])[None, :])
    optimizer = optimizer_class(model.parameters(), lr=0.05, weight_decay=wd, **options)
    loss = torch.nn.functional.binary_cross_entropy_with_logits(
        model(torch.as_tensor(X_CANCER)).squeeze(1), torch.as_tensor(CANCER.y, dtype=float))
    loss.backward()
    optimizer.step()
    after = np.r_[model.bias.detach().numpy(), model.weight.detach().numpy()[0]]
    return float(np.abs(after - fit.params).max())


def test_sgd_weight_decay_keeps_the_map_fixed_and_adamw_does_not() -> None:
    assert _one_step_from_map(torch.optim.SGD) <= 1e-9
    assert _one_step_from_map(torch.optim.Adam) <= 1e-9  # coupled L2: the same prior
    assert _one_step_from_map(torch.optim.AdamW) > 1e-3
    assert knob_prior("AdamW(weight_decay)", 0.01).family == "none"


@pytest.mark.parametrize(("call", "message"), [
    (lambda: knob_prior("Ridge(lambda)", 1.0), "knob must be one of"),
    (lambda: knob_prior("Ridge(alpha)", 1.0), "needs noise_variance"),
    (lambda: knob_prior("Lasso(alpha)", 1.0, noise_variance=1.0), "needs n"),
    (lambda: knob_prior("LogisticRegression(C)", 0.0), "must be a number > 0"),
])
def test_knob_bad_input(call, message) -> None:
    with pytest.raises(ValueError, match=message):
        call()


def test_no_warnings_from_the_references() -> None:
    """The sklearn calls above are warning-free (pytest turns warnings into errors anyway)."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        LogisticRegression(C=1.0, solver="newton-cholesky", tol=1e-12).fit(X_CANCER, CANCER.y)
