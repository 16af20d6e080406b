"""EM for univariate Gaussian mixtures, against scikit-learn, scipy and hand-computed steps."""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy import stats
from sklearn.mixture import GaussianMixture

import mlcourse
from mlcourse import EstimationError
from mlcourse.mixtures import (
    ComponentCollapseError,
    MixtureResult,
    em_update,
    fit_gaussian_mixture,
    fit_gaussian_mixture_starts,
    mixture_loglik,
    mixture_responsibilities,
)

PETALS = mlcourse.load_iris().X[:, 2]


def _sklearn(x, weights, means, sigmas, reg_covar=0.0):
    model = GaussianMixture(len(means), reg_covar=reg_covar, tol=1e-14, max_iter=100_000,
                            weights_init=weights, means_init=np.asarray(means)[:, None],
                            precisions_init=(1 / np.asarray(sigmas) ** 2)[:, None, None])
    return model.fit(np.asarray(x)[:, None])


def test_loglik_is_the_log_of_the_mixture_density_from_scipy():
    rng = np.random.default_rng(1)
    x = rng.normal(0, 3, size=40)
    w, mu, sd = np.array([0.2, 0.5, 0.3]), np.array([-2.0, 0.5, 4.0]), np.array([0.5, 1, 2])
    density = sum(wj * stats.norm.pdf(x, m, s) for wj, m, s in zip(w, mu, sd, strict=True))
    # a sum of 40 logs of order 1: agreement to about 40 eps relative
    assert mixture_loglik(x, w, mu, sd) == pytest.approx(np.log(density).sum(), rel=1e-13)


def test_loglik_is_finite_far_in_the_tails_where_the_densities_underflow():
    # Both components give density exp(-5e5): 0 in float64, but the log is finite.
    x = np.array([1000.0])
    w, mu, sd = [0.5, 0.5], [0.0, 0.0], [1.0, 1.0]
    expected = stats.norm.logpdf(1000.0)  # log of 0.5 f + 0.5 f is log f
    assert mixture_loglik(x, w, mu, sd) == pytest.approx(expected, rel=1e-14)


def test_responsibilities_are_bayes_rule_and_rows_sum_to_one():
    x = np.array([-1.0, 0.3, 2.5])
    w, mu, sd = np.array([0.3, 0.7]), np.array([0.0, 2.0]), np.array([1.0, 0.5])
    joint = w * stats.norm.pdf(x[:, None], mu, sd)
    expected = joint / joint.sum(axis=1, keepdims=True)
    got = mixture_responsibilities(x, w, mu, sd)
    np.testing.assert_allclose(got, expected, rtol=1e-13)
    np.testing.assert_allclose(got.sum(axis=1), 1.0, rtol=1e-15)


def test_one_em_step_matches_the_step_computed_by_hand():
    # Two points, two components placed symmetrically: by hand, with a = N(1; -1, 1) ratio,
    # each point's responsibility for the nearer component is e^2 / (1 + e^2).
    x = np.array([-1.0, 1.0])
    r = math.exp(2) / (1 + math.exp(2))
    w, mu, sd = em_update(x, [0.5, 0.5], [-1.0, 1.0], [1.0, 1.0])
    mean = (r * -1 + (1 - r) * 1) / 1.0  # N_j = r + (1 - r) = 1
    variance = r * (-1 - mean) ** 2 + (1 - r) * (1 - mean) ** 2
    np.testing.assert_allclose(w, [0.5, 0.5], rtol=1e-15)
    np.testing.assert_allclose(mu, [mean, -mean], rtol=1e-14)
    np.testing.assert_allclose(sd, [math.sqrt(variance)] * 2, rtol=1e-14)


def test_one_em_step_matches_a_weighted_mean_and_variance_on_random_data():
    rng = np.random.default_rng(5)
    x = rng.normal(size=30)
    w0, mu0, sd0 = np.array([0.4, 0.6]), np.array([-1.0, 1.0]), np.array([1.0, 2.0])
    joint = w0 * stats.norm.pdf(x[:, None], mu0, sd0)
    r = joint / joint.sum(axis=1, keepdims=True)
    w, mu, sd = em_update(x, w0, mu0, sd0)
    for j in range(2):
        mean = np.average(x, weights=r[:, j])
        assert mu[j] == pytest.approx(mean, rel=1e-13)
        assert sd[j] ** 2 == pytest.approx(np.average((x - mean) ** 2, weights=r[:, j]),
                                           rel=1e-12)
        assert w[j] == pytest.approx(r[:, j].mean(), rel=1e-13)


@pytest.mark.parametrize("reg_covar", [0.0, 1e-3])
def test_fit_agrees_with_sklearn_from_the_same_start(reg_covar):
    start = ([0.5, 0.5], [1.5, 4.5], [1.0, 1.0])
    fit = fit_gaussian_mixture(PETALS, weights=start[0], means=start[1], sigmas=start[2],
                               reg_covar=reg_covar, tol=1e-14)
    model = _sklearn(PETALS, *start, reg_covar=reg_covar)
    # Both stop at the same fixed point of the same iteration; their stopping rules differ,
    # and EM converges linearly, so agreement is to about 1e-8, not to rounding.
    np.testing.assert_allclose(fit.means, model.means_.ravel(), rtol=1e-8)
    np.testing.assert_allclose(fit.sigmas, np.sqrt(model.covariances_.ravel()), rtol=1e-7)
    np.testing.assert_allclose(fit.weights, model.weights_, rtol=1e-8)
    assert fit.llf == pytest.approx(model.score(PETALS[:, None]) * PETALS.size, rel=1e-10)


def test_three_components_agree_with_sklearn():
    start = ([0.3, 0.3, 0.4], [1.4, 4.0, 5.5], [0.3, 0.5, 0.5])
    fit = fit_gaussian_mixture(PETALS, weights=start[0], means=start[1], sigmas=start[2],
                               tol=1e-14, max_iter=100_000)
    model = _sklearn(PETALS, *start)
    np.testing.assert_allclose(fit.means, model.means_.ravel(), rtol=1e-6)
    assert fit.llf == pytest.approx(model.score(PETALS[:, None]) * PETALS.size, rel=1e-9)


def test_history_never_decreases_for_em_and_map_em():
    rng = np.random.default_rng(3)
    for fits in (fit_gaussian_mixture_starts(PETALS, 3, 10, rng=rng, tol=1e-8),
                 fit_gaussian_mixture_starts(PETALS, 3, 10, rng=rng, tol=1e-8,
                                             variance_prior=(2.0, 0.02), weight_prior=2.0)):
        for fit in fits:
            if isinstance(fit, MixtureResult):
                steps = np.diff(fit.history)
                # rounding of a sum of 150 logs: 1e-12 of its size
                assert np.all(steps >= -1e-12 * np.abs(fit.history).max())


def test_relabelling_the_start_relabels_the_estimate():
    start = np.array([[0.2, 0.5, 0.3], [1.4, 4.0, 5.5], [0.3, 0.5, 0.6]])
    order = np.array([2, 0, 1])
    a = fit_gaussian_mixture(PETALS, weights=start[0], means=start[1], sigmas=start[2])
    b = fit_gaussian_mixture(PETALS, weights=start[0, order], means=start[1, order],
                             sigmas=start[2, order])
    np.testing.assert_allclose(b.means, a.means[order], rtol=1e-12)
    np.testing.assert_allclose(b.sigmas, a.sigmas[order], rtol=1e-12)
    assert b.llf == pytest.approx(a.llf, rel=1e-13)


def test_single_start_equals_the_same_start_in_a_batch():
    rng = np.random.default_rng(7)
    batch = fit_gaussian_mixture_starts(PETALS, 2, 4, rng=rng, tol=1e-12)
    again = np.random.default_rng(7)
    for fit in batch:
        means = again.choice(np.unique(PETALS), size=2, replace=False)
        single = fit_gaussian_mixture(PETALS, means=means, tol=1e-12)
        np.testing.assert_allclose(single.means, fit.means, rtol=1e-12)


def test_map_em_step_is_the_posterior_mode_of_the_m_step():
    # The M-step of MAP-EM maximises sum_i r_ij log N(x_i; mu, v) + log IG(v; a, b) in v;
    # check against a numerical maximisation of that function with scipy.
    from scipy import optimize

    x = np.array([0.1, 0.3, 2.0, 2.2, 2.1])
    a, b = 3.0, 0.5
    w0, mu0, sd0 = [0.5, 0.5], [0.0, 2.0], [1.0, 1.0]
    r = mixture_responsibilities(x, w0, mu0, sd0)[:, 0]
    mean = np.average(x, weights=r)

    def negative(log_v):
        v = math.exp(log_v)
        return -(np.sum(r * stats.norm.logpdf(x, mean, math.sqrt(v)))
                 + stats.invgamma.logpdf(v, a, scale=b))

    best = optimize.minimize_scalar(negative, bounds=(-10, 5), method="bounded",
                                    options={"xatol": 1e-12})
    _, _, sd = em_update(x, w0, mu0, sd0, variance_prior=(a, b))
    assert sd[0] ** 2 == pytest.approx(math.exp(best.x), rel=1e-8)


def test_dirichlet_prior_pulls_the_weights_towards_equal():
    x = np.concatenate([np.zeros(9) + np.linspace(-0.1, 0.1, 9), [5.0, 5.1]])
    w_mle, _, _ = em_update(x, [0.5, 0.5], [0.0, 5.0], [0.5, 0.5])
    w_map, _, _ = em_update(x, [0.5, 0.5], [0.0, 5.0], [0.5, 0.5], weight_prior=3.0)
    r = mixture_responsibilities(x, [0.5, 0.5], [0.0, 5.0], [0.5, 0.5]).sum(axis=0)
    np.testing.assert_allclose(w_map, (r + 2) / (x.size + 4), rtol=1e-13)
    assert abs(w_map[0] - 0.5) < abs(w_mle[0] - 0.5)


def test_a_component_on_a_tied_value_collapses_with_a_clear_error():
    with pytest.raises(ComponentCollapseError, match=r"collapsed onto x = 1\.4") as error:
        fit_gaussian_mixture(PETALS, weights=[0.1, 0.9], means=[1.4, 4.0],
                             sigmas=[0.01, 1.5])
    assert "13 observations" in " ".join(str(error.value).split())
    assert max(len(line) for line in str(error.value).splitlines()) <= 78


def test_the_inverse_gamma_prior_prevents_the_collapse():
    fit = fit_gaussian_mixture(PETALS, weights=[0.1, 0.9], means=[1.4, 4.0],
                               sigmas=[0.01, 1.5], variance_prior=(2.0, 0.01))
    assert fit.estimator == "MAP" and np.all(fit.sigmas > 0.05)
    assert np.isfinite(fit.llf) and fit.log_posterior is not None


def test_the_likelihood_is_unbounded_at_a_tied_value():
    # With mu = 1.4 (13 ties), shrinking sigma by 10 adds 13 ln 10 minus the cost of the
    # other points, which tends to a constant: the increments tend to 13 ln 10.
    sig = np.array([1e-6, 1e-7, 1e-8])
    values = [mixture_loglik(PETALS, [0.5, 0.5], [1.4, 4.0], [s, 1.5]) for s in sig]
    # the gap to 13 ln 10 shrinks in proportion to sigma (the other component's density
    # at 1.4, relative to the spike's): below 1e-5 relative already at 1e-6
    steps = np.diff(values)
    np.testing.assert_allclose(steps, 13 * math.log(10), rtol=1e-5)
    assert abs(steps[1] - 13 * math.log(10)) < abs(steps[0] - 13 * math.log(10))
    reference = np.logaddexp(np.log(0.5) + stats.norm.logpdf(PETALS, 1.4, 1e-8),
                             np.log(0.5) + stats.norm.logpdf(PETALS, 4.0, 1.5)).sum()
    assert values[-1] == pytest.approx(reference, rel=1e-13)


def test_not_converged_raises_unless_asked_to_return():
    kwargs = {"weights": [0.5, 0.5], "means": [1.0, 2.0], "sigmas": [1.0, 1.0],
              "max_iter": 2}
    with pytest.raises(EstimationError, match="did not converge in 2 iterations"):
        fit_gaussian_mixture(PETALS, **kwargs)
    fit = fit_gaussian_mixture(PETALS, on_failure="return", **kwargs)
    assert not fit.converged and fit.n_iter == 2 and fit.history.size == 3
    assert "NOT CONVERGED" in fit.summary()


@pytest.mark.parametrize(("kwargs", "error", "match"), [
    ({"weights": [0.5, 0.6], "means": [0, 1], "sigmas": [1, 1]}, ValueError, "sum to 1"),
    ({"weights": [0.5, 0.5], "means": [0, 1], "sigmas": [1, 0]}, ValueError, "sigmas"),
    ({"weights": [0.5, 0.5], "means": [0, 1, 2], "sigmas": [1, 1]}, ValueError, "sizes"),
    ({"means": [0, 1], "variance_prior": (0, 1)}, ValueError, "variance_prior"),
    ({"means": [0, 1], "variance_prior": 3.0}, TypeError, "variance_prior"),
    ({"means": [0, 1], "weight_prior": 0.5}, ValueError, "weight_prior"),
    ({"means": [0, 1], "reg_covar": -1.0}, ValueError, "reg_covar"),
    ({"n_components": 2}, TypeError, "rng"),
    ({"means": [0, 1], "on_failure": "ignore"}, ValueError, "on_failure"),
])
def test_bad_arguments_raise_clear_errors(kwargs, error, match):
    with pytest.raises(error, match=match):
        fit_gaussian_mixture([0.0, 1.0, 2.0, 3.0], **kwargs)


def test_bad_data_raise():
    with pytest.raises(ValueError, match="x"):
        mixture_loglik([0.0, np.nan], [1.0], [0.0], [1.0])
    with pytest.raises(ValueError, match="empty"):
        fit_gaussian_mixture([], means=[0.0])


def test_starts_report_collapses_and_distinct_optima():
    fits = fit_gaussian_mixture_starts(PETALS, 3, 30, rng=np.random.default_rng(1),
                                       sigmas=[0.2, 0.2, 0.2], tol=1e-9)
    assert len(fits) == 30
    assert any(isinstance(f, ComponentCollapseError) for f in fits)
    optima = {round(f.llf, 2) for f in fits if isinstance(f, MixtureResult)}
    assert len(optima) >= 2


def test_a_component_without_observations_raises():
    with pytest.raises(EstimationError, match="no observations left"):
        fit_gaussian_mixture(PETALS, weights=[1.0, 0.0], means=[3.0, 4.0], sigmas=[1.0, 1.0])
