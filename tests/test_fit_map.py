"""fit_map (a prior in the one engine) against closed forms of the Beta-Bernoulli model.

References
----------
- The mode of the Beta(k + a, n - k + b) posterior, (k + a - 1) / (n + a + b - 2).
- The same prior density carried to the logit scale (Jacobian p (1 - p)): its posterior mode
  is (k + a) / (n + a + b), so the MAP is not invariant.
- The Laplace approximation: the negative log posterior's second derivative at the mode, by
  hand, ``(k + a - 1) / p^2 + (n - k + b - 1) / (1 - p)^2``.
- statsmodels-free: the MLE path of fit_mle is unchanged (estimator "MLE", no log_posterior).

Tolerance 1e-12 relative: Newton converges quadratically to a smooth one-parameter optimum.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
import torch

from mlcourse import bernoulli_loglik, fit_map, fit_mle


def _beta_log_prior(a: float, b: float):
    return lambda p: (a - 1) * torch.log(p) + (b - 1) * torch.log1p(-p)


@pytest.mark.parametrize(("k", "n", "a", "b"), [(0, 10, 2, 2), (7, 10, 2, 2), (3, 5, 1.5, 4),
                                                (10, 10, 3, 1.2)])
def test_beta_bernoulli_posterior_mode_and_laplace_variance(k, n, a, b) -> None:
    flips = np.array([1] * k + [0] * (n - k))
    fit = fit_map(lambda p: -bernoulli_loglik(flips, p), _beta_log_prior(a, b), {"p": 0.5},
                  constraints={"p": "probability"}, nobs=n)
    mode = (k + a - 1) / (n + a + b - 2)
    assert fit.estimator == "MAP"
    assert fit["p"] == pytest.approx(mode, rel=1e-12)
    curvature = (k + a - 1) / mode**2 + (n - k + b - 1) / (1 - mode) ** 2
    assert fit.bse[0] == pytest.approx(curvature ** -0.5, rel=1e-10)
    loglik = k * math.log(mode) + (n - k) * math.log1p(-mode)
    assert fit.llf == pytest.approx(loglik, rel=1e-12)
    log_prior = (a - 1) * math.log(mode) + (b - 1) * math.log1p(-mode)
    assert fit.log_posterior == pytest.approx(loglik + log_prior, rel=1e-12)
    assert "Maximum a posteriori fit" in fit.summary()
    assert "Laplace approximation" in fit.summary()


def test_map_depends_on_the_parametrisation() -> None:
    flips = np.array([1] * 7 + [0] * 3)
    # Beta(2, 2) on p, written as a density of eta = logit(p): p^2 (1 - p)^2.
    fit = fit_map(lambda eta: -bernoulli_loglik(flips, torch.sigmoid(eta)),
                  lambda eta: 2 * torch.nn.functional.logsigmoid(eta)
                  + 2 * torch.nn.functional.logsigmoid(-eta), {"eta": 0.0})
    p = 1 / (1 + math.exp(-fit["eta"]))
    assert p == pytest.approx(9 / 14, rel=1e-12)
    assert abs(p - 8 / 12) > 0.02


def test_flat_prior_is_the_mle() -> None:
    flips = np.array([1, 0, 1, 1, 0, 1])
    mle = fit_mle(lambda p: -bernoulli_loglik(flips, p), {"p": 0.3},
                  constraints={"p": "probability"})
    flat = fit_map(lambda p: -bernoulli_loglik(flips, p), lambda p: 0 * p.sum(), {"p": 0.3},
                   constraints={"p": "probability"})
    assert mle.estimator == "MLE" and mle.log_posterior is None
    assert flat["p"] == pytest.approx(mle["p"], rel=1e-13)
    assert flat.spec.log_prior is not None and mle.spec.log_prior is None


def test_bad_priors_raise() -> None:
    flips = np.array([1, 0, 1])
    with pytest.raises(TypeError, match="log_prior must be a function"):
        fit_map(lambda p: -bernoulli_loglik(flips, p), 3.0, {"p": 0.5},
                constraints={"p": "probability"})
    with pytest.raises(TypeError, match="log_prior must return a torch scalar"):
        fit_map(lambda p: -bernoulli_loglik(flips, p), lambda p: float(p), {"p": 0.5},
                constraints={"p": "probability"})
