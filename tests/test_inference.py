"""mlcourse.inference against independent references.

References: statsmodels on the Spector logit (Wald statistics from its GLM fit, the
likelihood-ratio statistic from the llf of two GLM fits, ``GLM.score_test``, and profile
intervals computed independently by refitting statsmodels GLMs with the profiled column moved
into an offset, ends found by scipy's brentq); closed forms for the Gaussian (the profile interval
of a mean, x-bar -/+ s sqrt(exp(c / (n/2)) - 1)) and the Poisson (likelihood-ratio ends from the
log-likelihood written out with math, the delta method exp(b) se(b)); chi-square tail
probabilities from scipy.

Tolerances: two optimisers (statsmodels' IRLS, mlcourse's Newton) agree on the estimates to
about 1e-9, so statistics built on them agree to 1e-7 relative; interval ends found by two root
finders, each to 1e-10 of the parameter's scale, agree to 1e-7. Closed forms evaluated at the
same estimate agree to 1e-10.
"""

from __future__ import annotations

import dataclasses
import math

import numpy as np
import pytest
import statsmodels.api as sm
import torch
from scipy import optimize, stats

import mlcourse
from mlcourse.inference import (
    ChiSquareTest,
    delta_method,
    likelihood_ratio_test,
    profile_conf_int,
    profile_loglik,
    score_test,
    transformed_wald_interval,
    wald_test,
)

pytestmark = pytest.mark.filterwarnings("error")


@pytest.fixture(scope="module")
def spector():
    data = mlcourse.load_spector()
    X = mlcourse.add_intercept(data.X)
    y = np.asarray(data.y, dtype=float)
    design = torch.as_tensor(X)

    def negloglik(beta):
        return -mlcourse.bernoulli_logpmf(y, logit=design @ beta).sum()

    restricted_design = torch.as_tensor(X[:, :3])
    full = mlcourse.fit_mle(negloglik, {"beta": np.zeros(4)}, nobs=len(y))
    restricted = mlcourse.fit_mle(
        lambda beta: -mlcourse.bernoulli_logpmf(y, logit=restricted_design @ beta).sum(),
        {"beta": np.zeros(3)}, nobs=len(y))
    glm = sm.GLM(y, X, family=sm.families.Binomial()).fit(tol=1e-12)
    glm_restricted = sm.GLM(y, X[:, :3], family=sm.families.Binomial()).fit(tol=1e-12)
    return X, y, negloglik, full, restricted, glm, glm_restricted


def test_the_three_tests_on_the_spector_logit(spector) -> None:
    X, y, negloglik, full, restricted, glm, glm_restricted = spector
    lr = likelihood_ratio_test(restricted, full)
    expected = 2 * (glm.llf - glm_restricted.llf)
    assert isinstance(lr, ChiSquareTest) and lr.df == 1
    assert math.isclose(lr.statistic, expected, rel_tol=1e-7)
    assert math.isclose(lr.pvalue, stats.chi2.sf(expected, 1), rel_tol=1e-6)

    wald = wald_test(full, [0, 0, 0, 1])
    assert math.isclose(wald.statistic, glm.tvalues[3] ** 2, rel_tol=1e-7)
    assert wald.df == 1

    score = score_test(negloglik, {"beta": np.r_[restricted.params, 0.0]}, df=1)
    reference = sm.GLM(y, X[:, :3], family=sm.families.Binomial()).score_test(
        glm_restricted.params, exog_extra=X[:, 3:])
    assert math.isclose(score.statistic, float(np.squeeze(reference[0])), rel_tol=1e-7)
    assert math.isclose(score.pvalue, float(np.squeeze(reference[1])), rel_tol=1e-6)
    # The ordering the chapter discusses: Wald < score < LR here.
    assert wald.statistic < score.statistic < lr.statistic


def test_joint_wald_test_matches_statsmodels(spector) -> None:
    _, _, _, full, _, glm, _ = spector
    r_matrix = np.array([[0, 0, 1, 0], [0, 0, 0, 1]], dtype=float)
    ours = wald_test(full, r_matrix, q=[0.1, 1.0])
    theirs = glm.wald_test((r_matrix, np.array([0.1, 1.0])), scalar=True)
    assert ours.df == 2
    assert math.isclose(ours.statistic, float(theirs.statistic), rel_tol=1e-7)
    assert math.isclose(ours.pvalue, float(theirs.pvalue), rel_tol=1e-6)


def _offset_profile_interval(X, y, j, estimate, se, cut):
    """Independent profile interval: statsmodels GLM refits with column j in the offset."""
    others = np.delete(X, j, axis=1)
    top = sm.GLM(y, X, family=sm.families.Binomial()).fit(tol=1e-12).llf

    def excess(value):
        fit = sm.GLM(y, others, family=sm.families.Binomial(),
                     offset=X[:, j] * value).fit(tol=1e-12)
        return top - fit.llf - cut

    ends = []
    for side in (-1, 1):
        outer = estimate + side * 3 * se
        while excess(outer) < 0:
            outer += side * 3 * se
        ends.append(optimize.brentq(excess, min(estimate, outer), max(estimate, outer),
                                    xtol=1e-12))
    return ends


def test_profile_intervals_of_the_logit_against_offset_refits(spector) -> None:
    X, y, _, full, _, glm, _ = spector
    cut = stats.chi2.ppf(0.95, 1) / 2
    ours = full.conf_int(method="profile")
    assert ours.shape == (4, 2)
    np.testing.assert_allclose(ours, profile_conf_int(full, alpha=0.05), rtol=1e-12)
    for j in range(4):
        expected = _offset_profile_interval(X, y, j, glm.params[j], glm.bse[j], cut)
        np.testing.assert_allclose(ours[j], expected, rtol=1e-7, atol=1e-7)
    # Profile and Wald differ for PSI, as the chapter says: [0.478, 4.810] vs [0.292, 4.465].
    np.testing.assert_allclose(ours[3], [0.478, 4.810], atol=5e-4)
    np.testing.assert_allclose(full.conf_int()[3], [0.292, 4.465], atol=5e-4)


def test_profile_intervals_of_glm_results_against_offset_refits(spector) -> None:
    """The IRLS solvers keep their model in result.spec: the same intervals as the fit_mle
    version of the model, and as statsmodels refits with the profiled column as an offset."""
    X, y, _, full, _, glm, _ = spector
    cut = stats.chi2.ppf(0.95, 1) / 2
    irls = mlcourse.logistic_regression(X, y)
    ours = irls.conf_int(method="profile")
    np.testing.assert_allclose(ours, full.conf_int(method="profile"), rtol=1e-7, atol=1e-7)
    expected = _offset_profile_interval(X, y, 3, glm.params[3], glm.bse[3], cut)
    np.testing.assert_allclose(ours[3], expected, rtol=1e-7, atol=1e-7)
    lr = likelihood_ratio_test(mlcourse.logistic_regression(X[:, :3], y), irls)
    assert lr.statistic == pytest.approx(2 * (glm.llf - sm.GLM(
        y, X[:, :3], family=sm.families.Binomial()).fit(tol=1e-12).llf), rel=1e-9)


def test_profile_intervals_of_a_poisson_regression_with_offset() -> None:
    kicks = mlcourse.load_horse_kicks()
    deaths, year, _ = kicks.long()
    X = mlcourse.add_intercept((year - 1884.5) / 10)
    exposure = np.log(np.full(len(deaths), 2.0))
    fit = mlcourse.poisson_regression(X, deaths, offset=exposure)
    cut = stats.chi2.ppf(0.95, 1) / 2
    for j in range(2):
        def excess(value, j=j):
            other = 1 - j
            refit = sm.GLM(deaths, X[:, [other]], family=sm.families.Poisson(),
                           offset=exposure + X[:, j] * value).fit(tol=1e-12)
            return fit.llf - refit.llf - cut
        estimate, se = fit.params[j], fit.bse[j]
        expected = [optimize.brentq(excess, estimate - 4 * se, estimate, xtol=1e-12),
                    optimize.brentq(excess, estimate, estimate + 4 * se, xtol=1e-12)]
        np.testing.assert_allclose(fit.conf_int(method="profile")[j], expected,
                                   rtol=1e-7, atol=1e-7)


def test_profile_of_a_penalised_glm_drops_its_log_posterior_by_the_cut(spector) -> None:
    X, y, *_ = spector
    fit = mlcourse.logistic_regression(X, y, prior_variance=np.r_[np.inf, 1.0, 1.0, 1.0])
    cut = stats.chi2.ppf(0.95, 1) / 2
    for j, (low, high) in enumerate(fit.conf_int(method="profile")):
        for end in (low, high):
            assert fit.log_posterior - profile_loglik(fit, fit.names[j], [end])[0] == \
                pytest.approx(cut, rel=1e-7)


def test_profile_interval_of_a_gaussian_mean_has_a_closed_form() -> None:
    rng = np.random.default_rng(3)
    x = rng.normal(2.0, 1.5, size=12)
    fit = mlcourse.fit_mle(lambda mu, sigma: -mlcourse.gaussian_loglik(x, mu, sigma),
                           {"mu": 0.0, "sigma": 1.0}, constraints={"sigma": "positive"})
    for alpha in (0.05, 0.2):
        cut = stats.chi2.ppf(1 - alpha, 1) / 2
        n, mean, s = x.size, x.mean(), x.std()
        # Profile over sigma: l_p(mu) = -n/2 log(mean (x - mu)^2) + const.
        half = s * math.sqrt(math.expm1(2 * cut / n))
        ends = profile_conf_int(fit, alpha=alpha)
        np.testing.assert_allclose(ends[0], [mean - half, mean + half], rtol=1e-9)

        # Profile over mu (always x-bar): l_p(sigma) = -n log sigma - n s^2 / (2 sigma^2).
        def excess(sigma, n=n, s=s, cut=cut):
            top = -n * math.log(s) - n / 2
            return top - (-n * math.log(sigma) - n * s**2 / (2 * sigma**2)) - cut

        expected = [optimize.brentq(excess, s / 10, s), optimize.brentq(excess, s, 10 * s)]
        np.testing.assert_allclose(ends[1], expected, rtol=1e-9)


def test_profile_loglik_is_the_maximum_over_the_rest() -> None:
    rng = np.random.default_rng(4)
    x = rng.normal(0.5, 2.0, size=30)
    fit = mlcourse.fit_mle(lambda mu, sigma: -mlcourse.gaussian_loglik(x, mu, sigma),
                           {"mu": 0.0, "sigma": 1.0}, constraints={"sigma": "positive"})
    grid = np.array([-1.0, 0.0, 0.5, 2.0])
    sigma_hat = np.sqrt(((x[None, :] - grid[:, None]) ** 2).mean(axis=1))
    expected = stats.norm.logpdf(x[None, :], grid[:, None], sigma_hat[:, None]).sum(axis=1)
    np.testing.assert_allclose(profile_loglik(fit, "mu", grid), expected, rtol=1e-10)


def test_profile_of_an_entry_of_a_vector_parameter() -> None:
    a, b = np.array([2, 0, 1, 3, 1]), np.array([4, 2, 3, 5, 1, 6])
    fit = mlcourse.fit_mle(
        lambda rate: -mlcourse.poisson_loglik(a, rate[0]) - mlcourse.poisson_loglik(b, rate[1]),
        {"rate": np.ones(2)}, constraints={"rate": "positive"})
    cut = stats.chi2.ppf(0.95, 1) / 2
    ends = profile_conf_int(fit)
    for row, counts in zip(ends, (a, b), strict=True):
        total, n = counts.sum(), counts.size

        def excess(lam, total=total, n=n):
            return (total * math.log(total / n) - total) - (total * math.log(lam) - n * lam) - cut

        mean = total / n
        expected = [optimize.brentq(excess, mean / 100, mean),
                    optimize.brentq(excess, mean, 100 * mean)]
        np.testing.assert_allclose(row, expected, rtol=1e-9)


def test_profile_of_a_map_fit_drops_the_log_posterior_by_the_cut() -> None:
    flips = np.array([1, 0, 0, 0, 0, 0, 0, 1])

    def log_prior(p):  # Beta(2, 2), up to a constant
        return torch.log(p) + torch.log1p(-p)

    fit = mlcourse.fit_map(lambda p: -mlcourse.bernoulli_loglik(flips, p), log_prior,
                           {"p": 0.5}, constraints={"p": "probability"})
    low, high = profile_conf_int(fit)[0]
    cut = stats.chi2.ppf(0.95, 1) / 2
    k, n = flips.sum(), flips.size

    def log_post(p):
        return (k + 1) * math.log(p) + (n - k + 1) * math.log1p(-p)

    mode = (k + 1) / (n + 2)
    assert math.isclose(fit["p"], mode, rel_tol=1e-9)
    for end in (low, high):
        assert abs(log_post(mode) - log_post(end) - cut) < 1e-8


def test_delta_method_and_transformed_interval_closed_forms(spector) -> None:
    _, _, _, full, _, glm, _ = spector
    odds = delta_method(full, lambda b: torch.exp(b[3]))
    beta, se = glm.params[3], glm.bse[3]
    assert math.isclose(odds.value, math.exp(beta), rel_tol=1e-8)
    assert math.isclose(odds.se, math.exp(beta) * se, rel_tol=1e-7)
    z = stats.norm.ppf(0.975)
    np.testing.assert_allclose(odds.conf_int, [math.exp(beta) * (1 - z * se),
                                               math.exp(beta) * (1 + z * se)], rtol=1e-7)
    np.testing.assert_allclose(odds.gradient, [0, 0, 0, math.exp(beta)], rtol=1e-8, atol=0)
    low, high = transformed_wald_interval(full, lambda b: b[3], math.exp)
    np.testing.assert_allclose([low, high], np.exp([beta - z * se, beta + z * se]), rtol=1e-7)
    # A decreasing inverse gives the ends in order.
    low, high = transformed_wald_interval(full, lambda b: -b[3], lambda u: math.exp(-u))
    np.testing.assert_allclose([low, high], np.exp([beta - z * se, beta + z * se]), rtol=1e-7)


def test_poisson_score_and_lr_statistics_have_closed_forms() -> None:
    a, b = np.array([3, 1, 4, 1, 5, 9, 2, 6]), np.array([0, 2, 1, 1, 0, 3])
    # The score test of rate = 3, in the natural parameter: (sum k - n 3)^2 / (n 3).
    score = score_test(lambda log_rate: -mlcourse.poisson_loglik(a, torch.exp(log_rate)),
                       {"log_rate": math.log(3.0)}, df=1)
    expected = (a.sum() - 3.0 * a.size) ** 2 / (3.0 * a.size)
    assert math.isclose(score.statistic, expected, rel_tol=1e-10)
    # Two rates against one: 2 sum over groups of k log(mean_group / mean_pooled).
    full = mlcourse.fit_mle(
        lambda rate: -mlcourse.poisson_loglik(a, rate[0]) - mlcourse.poisson_loglik(b, rate[1]),
        {"rate": np.ones(2)}, constraints={"rate": "positive"})
    pooled = np.concatenate([a, b])
    common = mlcourse.fit_mle(lambda rate: -mlcourse.poisson_loglik(pooled, rate),
                              {"rate": 1.0}, constraints={"rate": "positive"})
    statistic = 2 * sum(g.sum() * math.log(g.mean() / pooled.mean()) for g in (a, b))
    lr = likelihood_ratio_test(common, full)
    assert lr.df == 1 and math.isclose(lr.statistic, statistic, rel_tol=1e-9)
    assert math.isclose(lr.pvalue, stats.chi2.sf(statistic, 1), rel_tol=1e-8)


def test_errors_are_clear(spector) -> None:
    X, y, _, full, restricted, _, _ = spector
    glm_fit = dataclasses.replace(mlcourse.logistic_regression(X, y), spec=None)
    with pytest.raises(ValueError, match="Refit the same likelihood with fit_mle"):
        profile_conf_int(glm_fit)
    with pytest.raises(ValueError, match="Refit the same likelihood with fit_mle"):
        glm_fit.conf_int(method="profile")
    with pytest.raises(ValueError, match="alpha must lie strictly"):
        profile_conf_int(full, alpha=1.5)
    with pytest.raises(TypeError, match="must be an MLEResult"):
        profile_conf_int("fit")
    with pytest.raises(ValueError, match="name must be one of"):
        profile_loglik(full, "gamma", [0.0])
    with pytest.raises(ValueError, match="not nested"):
        likelihood_ratio_test(full, restricted, df=1)
    with pytest.raises(ValueError, match="pass df="):
        likelihood_ratio_test(full, full)
    with pytest.raises(ValueError, match="df must be a positive whole number"):
        likelihood_ratio_test(restricted, full, df=0)
    with pytest.raises(ValueError, match="r_matrix must have 4 columns"):
        wald_test(full, [0, 1])
    with pytest.raises(ValueError, match="redundant"):
        wald_test(full, [[0, 0, 0, 1], [0, 0, 0, 2]])
    with pytest.raises(TypeError, match="torch scalar"):
        delta_method(full, lambda b: b.detach().numpy()[3])
    with pytest.raises(ValueError, match="df must be a positive whole number"):
        score_test(lambda beta: beta.sum(), {"beta": np.zeros(2)}, df=1.0)
    flips = np.array([1, 0, 1])
    map_fit = mlcourse.fit_map(lambda p: -mlcourse.bernoulli_loglik(flips, p),
                               lambda p: torch.log(p) + torch.log1p(-p), {"p": 0.5},
                               constraints={"p": "probability"})
    with pytest.raises(ValueError, match="MAP fit"):
        likelihood_ratio_test(map_fit, map_fit, df=1)


def test_a_profile_that_never_drops_by_the_cut_reaches_the_boundary() -> None:
    # A mixture of a point at the estimate and a flat floor: the log-likelihood falls by
    # log 2 = 0.69 at most, less than the cut 1.92, so the interval is the whole space.
    def flat_tails(u):
        return -torch.log(0.5 + 0.5 * torch.exp(-(u**2)))

    fit = mlcourse.fit_mle(lambda mu: flat_tails(mu), {"mu": 0.3})
    np.testing.assert_array_equal(profile_conf_int(fit), [[-np.inf, np.inf]])
    fit = mlcourse.fit_mle(lambda rate: flat_tails(torch.log(rate)), {"rate": 2.0},
                           constraints={"rate": "positive"})
    np.testing.assert_array_equal(profile_conf_int(fit), [[0.0, np.inf]])
    fit = mlcourse.fit_mle(lambda p: flat_tails(torch.logit(p) - 1.0), {"p": 0.5},
                           constraints={"p": "probability"})
    np.testing.assert_array_equal(profile_conf_int(fit), [[0.0, 1.0]])
