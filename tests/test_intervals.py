"""mlcourse.intervals against independent references.

References: statsmodels' ``proportion_confint`` (methods "normal", "wilson", "beta") and
``confint_poisson`` ("wald", "score", "exact-c"); for the likelihood-ratio intervals, which
statsmodels does not offer, the defining equation (the log-likelihood, written out here with
scipy, drops by chi2_1(1 - alpha) / 2 at both ends, to the accuracy a float end can have) and
the closed forms at a count of 0; for the coverage, a brute-force loop over the counts with
statsmodels' intervals and scipy's binomial pmf, and the Clopper-Pearson guarantee.

Tolerances: closed forms and quantiles evaluated by the same special functions agree to 1e-12
(a few roundings each); the likelihood-ratio ends are roots found to about 1e-15 relative, so the
drop of the log-likelihood there equals the cut to 1e-9 relative to the log-likelihood's terms.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy import special, stats
from statsmodels.stats.proportion import proportion_confint
from statsmodels.stats.rates import confint_poisson

from mlcourse.intervals import poisson_rate_interval, proportion_coverage, proportion_interval

pytestmark = pytest.mark.filterwarnings("error")

STATSMODELS_PROPORTION = {"wald": "normal", "wilson": "wilson", "score": "wilson",
                          "exact": "beta"}
STATSMODELS_POISSON = {"wald": "wald", "score": "score", "exact": "exact-c"}


def _binomial_loglik(k: float, n: float, p: float) -> float:
    return float(special.xlogy(k, p) + special.xlog1py(n - k, -p))


@pytest.mark.parametrize("method", sorted(STATSMODELS_PROPORTION))
@pytest.mark.parametrize("n", [1, 7, 10, 250])
@pytest.mark.parametrize("alpha", [0.05, 0.1, 0.01])
def test_proportion_interval_matches_statsmodels(method: str, n: int, alpha: float) -> None:
    k = np.arange(n + 1)
    low, high = proportion_interval(k, n, alpha=alpha, method=method)
    ref_low, ref_high = proportion_confint(k, n, alpha=alpha,
                                           method=STATSMODELS_PROPORTION[method])
    np.testing.assert_allclose(low, ref_low, rtol=1e-12, atol=1e-15)
    np.testing.assert_allclose(high, ref_high, rtol=1e-12, atol=1e-15)


def test_the_chapter_numbers_for_3_of_10() -> None:
    # The values of the issue, recomputed independently with statsmodels.
    for method, (low, high) in {"wald": (0.0160, 0.5840), "wilson": (0.1078, 0.6032),
                                "exact": (0.0667, 0.6525), "lr": (0.0846, 0.6065)}.items():
        got = proportion_interval(3, 10, method=method)
        assert isinstance(got[0], float) and isinstance(got[1], float)
        assert abs(got[0] - low) < 5e-5 and abs(got[1] - high) < 5e-5, method


@pytest.mark.parametrize(("n", "alpha"), [(10, 0.05), (37, 0.1), (1000, 0.01), (10**9, 0.05)])
def test_lr_interval_ends_drop_the_loglik_by_half_the_chi2_quantile(n: int, alpha: float
                                                                    ) -> None:
    cut = stats.chi2.ppf(1 - alpha, 1) / 2
    for k in sorted({1, 2, n // 3, n // 2, n - 1}):
        low, high = proportion_interval(k, n, alpha=alpha, method="lr")
        top = _binomial_loglik(k, n, k / n)
        scale = abs(special.xlogy(k, k / n)) + abs(special.xlog1py(n - k, -k / n)) + cut
        for end in (low, high):
            assert 0 < end < 1
            # An end near 1 is a float with an absolute error of eps, where the slope of the
            # log-likelihood is huge: that much error is in the float itself.
            slope = abs(k / end - (n - k) / (1 - end))
            limit = 1e-9 * scale + 4 * np.finfo(float).eps * end * slope
            assert abs(top - _binomial_loglik(k, n, end) - cut) <= limit
        assert low < k / n < high


@pytest.mark.parametrize("n", [1, 10, 400])
def test_lr_interval_at_zero_and_all_successes(n: int) -> None:
    cut = stats.chi2.ppf(0.95, 1) / 2
    low, high = proportion_interval(0, n, method="lr")
    assert low == 0.0
    assert math.isclose(high, 1 - math.exp(-cut / n), rel_tol=1e-14)
    low, high = proportion_interval(n, n, method="lr")
    assert high == 1.0
    assert math.isclose(low, math.exp(-cut / n), rel_tol=1e-14)


def test_proportion_interval_broadcasts_and_keeps_floats_for_scalars() -> None:
    low, high = proportion_interval(np.array([[1], [2]]), np.array([5, 6, 7]), method="lr")
    assert low.shape == high.shape == (2, 3)
    assert math.isclose(low[1, 2], proportion_interval(2, 7, method="lr")[0], rel_tol=1e-14)
    assert proportion_interval(3.0, 10.0) == proportion_interval(3, 10)


@pytest.mark.parametrize("method", ["wald", "wilson", "lr", "exact"])
@pytest.mark.parametrize("n", [10, 23])
def test_coverage_is_the_sum_over_counts(method: str, n: int) -> None:
    p = np.array([0.0, 0.01, 0.05, 0.3, 0.5, 0.77, 1.0])
    got = proportion_coverage(n, p, method=method)
    expected = []
    for prob in p:
        total = 0.0
        for k in range(n + 1):
            low, high = proportion_interval(k, n, method=method) if method == "lr" else \
                proportion_confint(k, n, method=STATSMODELS_PROPORTION[method])
            if method == "wilson":
                # The Wilson ends at k = 0 and k = n are exactly 0 and 1; statsmodels leaves
                # rounding residue (1 - 1e-16), which would wrongly exclude p = 1.
                low, high = (0.0 if k == 0 else low), (1.0 if k == n else high)
            if low <= prob <= high:
                total += stats.binom.pmf(k, n, prob)
        expected.append(total)
    np.testing.assert_allclose(got, expected, rtol=1e-12, atol=1e-15)


def test_coverage_numbers_of_the_chapter_and_the_exact_guarantee() -> None:
    assert round(proportion_coverage(10, 0.05, method="wald"), 3) == 0.400
    assert round(proportion_coverage(10, 0.05, method="wilson"), 3) == 0.914
    # The LR interval covers 0.05 for k <= 2 only: the coverage is P(K <= 2) = 0.98850.
    assert math.isclose(proportion_coverage(10, 0.05, method="lr"),
                        stats.binom.cdf(2, 10, 0.05), rel_tol=1e-12)
    grid = np.linspace(0.001, 0.999, 499)
    # Clopper-Pearson never covers less than its nominal level (each tail <= alpha / 2).
    assert np.all(proportion_coverage(17, grid, method="exact") >= 0.95 - 1e-12)
    assert isinstance(proportion_coverage(5, 0.5), float)


@pytest.mark.parametrize("method", sorted(STATSMODELS_POISSON))
@pytest.mark.parametrize("exposure", [1.0, 3.5, 280.0])
def test_poisson_interval_matches_statsmodels(method: str, exposure: float) -> None:
    counts = np.arange(0, 60)
    low, high = poisson_rate_interval(counts, exposure, method=method)
    ref_low, ref_high = confint_poisson(counts, exposure, method=STATSMODELS_POISSON[method])
    # statsmodels' Wald interval is not clipped at 0; ours is (a rate is never negative).
    np.testing.assert_allclose(low, np.maximum(ref_low, 0.0), rtol=1e-12, atol=1e-15)
    np.testing.assert_allclose(high, ref_high, rtol=1e-12, atol=1e-15)


def test_poisson_lr_interval_solves_its_equation() -> None:
    cut = stats.chi2.ppf(0.95, 1) / 2
    for count, exposure in [(1, 1.0), (7, 5.0), (196, 280.0), (10**7, 3.0)]:
        low, high = poisson_rate_interval(count, exposure, method="lr")
        rate = count / exposure
        scale = count * (abs(math.log(rate * exposure)) + 1) + cut

        def loglik(lam: float, count: int = count, exposure: float = exposure) -> float:
            return count * math.log(lam * exposure) - lam * exposure

        for end in (low, high):
            assert abs(loglik(rate) - loglik(end) - cut) <= 1e-9 * scale
    low, high = poisson_rate_interval(0, 4.0, method="lr")
    assert low == 0.0 and math.isclose(high, cut / 4.0, rel_tol=1e-14)


@pytest.mark.parametrize(("call", "error", "words"), [
    (lambda: proportion_interval(11, 10), ValueError, "k must not exceed n"),
    (lambda: proportion_interval(0, 0), ValueError, "n must be at least 1"),
    (lambda: proportion_interval(2.5, 10), ValueError, "k must be whole numbers"),
    (lambda: proportion_interval(2, 10.5), ValueError, "n must be whole numbers"),
    (lambda: proportion_interval(-1, 10), ValueError, "k must be >= 0"),
    (lambda: proportion_interval(3, 10, alpha=0.0), ValueError, "alpha must lie strictly"),
    (lambda: proportion_interval(3, 10, alpha=1.0), ValueError, "alpha must lie strictly"),
    (lambda: proportion_interval(3, 10, alpha=float("nan")), ValueError, "alpha must be finite"),
    (lambda: proportion_interval(3, 10, method="agresti"), ValueError, "method must be one"),
    (lambda: proportion_interval("3", 10), TypeError, "k must be real numbers"),
    (lambda: proportion_interval([1, 2], [3, 4, 5]), ValueError, "do not broadcast"),
    (lambda: proportion_coverage(0, 0.5), ValueError, "n must be a positive whole number"),
    (lambda: proportion_coverage(10.0, 0.5), ValueError, "n must be a positive whole number"),
    (lambda: proportion_coverage(10, 1.5), ValueError, "p must be a probability"),
    (lambda: poisson_rate_interval(-2, 1.0), ValueError, "count must be >= 0"),
    (lambda: poisson_rate_interval(1.5, 1.0), ValueError, "count must be whole numbers"),
    (lambda: poisson_rate_interval(3, 0.0), ValueError, "exposure must be > 0"),
    (lambda: poisson_rate_interval(3, 1.0, method="wilson"), ValueError, "method must be"),
    (lambda: poisson_rate_interval(3, 1.0, alpha=2), ValueError, "alpha must lie strictly"),
])
def test_bad_input_raises_clearly(call, error, words: str) -> None:
    with pytest.raises(error, match=words):
        call()
