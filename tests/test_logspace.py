"""mlcourse.logspace against scipy.special, numpy, torch.nn.functional, mpmath and closed forms.

These functions are a few roundings deep, so most comparisons are tighter than the 1e-12 of the
density tests: each bound is stated where it is used.
"""

from __future__ import annotations

import math
from fractions import Fraction

import mpmath
import numpy as np
import pytest
import torch
from scipy import special

from mlcourse import logspace
from mlcourse.logspace import (
    log1mexp,
    log_mean_exp,
    log_sigmoid,
    log_softmax,
    log_trapezoid,
    logsumexp,
    softplus,
    underflow_length,
)

from .reference_helpers import RTOL, assert_close

pytestmark = pytest.mark.filterwarnings("error")

TIGHT = 1e-14  # about 45 ulps: for results that both sides compute within a few roundings
BIG = np.finfo(np.float64).max


def test_every_function_is_covered() -> None:
    assert set(logspace.__all__) == {
        "log1mexp", "log_mean_exp", "log_sigmoid", "log_softmax", "log_trapezoid", "logsumexp",
        "softplus", "underflow_length"}


# ----------------------------------------------------------------------------------------------
# logsumexp and log_mean_exp
# ----------------------------------------------------------------------------------------------

def lse_scale(a, axis, keepdims: bool = False) -> np.ndarray:
    """|max| + |log of the shifted sum|: logsumexp = max + log1p(...) is accurate to a few ulps of
    those two parts, which cancel when the maximum is negative and the sum is large."""
    top = np.max(a, axis=axis, keepdims=keepdims)
    top = np.where(np.isfinite(top), top, 0.0)
    return np.abs(top) + np.abs(special.logsumexp(a, axis=axis, keepdims=keepdims) - top)


def _random_arrays() -> np.ndarray:
    rng = np.random.default_rng(41)
    a = rng.normal(0, 3, (4, 5, 6))
    a[0, 0, :] = -np.inf  # a whole row of zero terms
    a[1, 2, 3] = a[2, 0, 0] = -np.inf  # single zero terms
    return a


@pytest.mark.parametrize("keepdims", [False, True], ids=["keepdims=False", "keepdims=True"])
@pytest.mark.parametrize("axis", [None, 0, 1, 2, -1, -3], ids=lambda axis: f"axis={axis}")
def test_logsumexp_matches_scipy(axis, keepdims) -> None:
    a = _random_arrays()
    ours = logsumexp(a, axis=axis, keepdims=keepdims)
    expected = special.logsumexp(a, axis=axis, keepdims=keepdims)
    assert np.shape(ours) == np.shape(expected)
    assert_close(ours, expected, scale=lse_scale(a, axis, keepdims), rtol=TIGHT)
    if axis is None and not keepdims:
        assert isinstance(ours, np.float64)


@pytest.mark.parametrize(("a", "expected"), [
    pytest.param([0.0, -40.0], math.log1p(math.exp(-40.0)), id="1+tiny"),
    pytest.param([-np.inf, -np.inf], -np.inf, id="all--inf"),
    pytest.param([np.inf, 1.0], np.inf, id="+inf"),
    pytest.param([np.inf, -np.inf, BIG], np.inf, id="+inf-and-huge"),
    pytest.param([1e308, 1e308], 1e308, id="1e308-twice"),
    pytest.param([1e308, -1e308], 1e308, id="+-1e308"),
    pytest.param([-1e308, -1e308], -1e308, id="-1e308-twice"),
    pytest.param([BIG, BIG, BIG], BIG, id="float64-max"),
    pytest.param([1000.0, 1000.0], 1000.0 + math.log(2.0), id="1000-twice"),
    pytest.param([-1000.0, -1000.0, -1000.0], -1000.0 + math.log(3.0), id="-1000-thrice"),
])
def test_logsumexp_closed_forms_and_extremes(a, expected) -> None:
    # closed forms: log(e^a + e^a) = a + log 2; log(e^M + e^-M) = M in float64; log(1 + e^-40)
    assert_close(logsumexp(a), expected, rtol=TIGHT)
    with np.errstate(over="ignore"):  # scipy's own a - max overflows (harmlessly) at -1e308
        assert_close(special.logsumexp(a), expected, rtol=TIGHT)  # the reference agrees


def test_naive_logsumexp_overflows_where_ours_does_not() -> None:
    a = np.random.default_rng(42).normal(800, 5, 20)
    with np.errstate(over="ignore"):
        assert np.log(np.sum(np.exp(a))) == np.inf
    assert_close(logsumexp(a), special.logsumexp(a), rtol=TIGHT)
    # and shifting every term shifts the result
    assert_close(logsumexp(a - 800.0), logsumexp(a) - 800.0, rtol=TIGHT)


@pytest.mark.parametrize(("shape", "axis", "keepdims"), [
    pytest.param((0,), None, False, id="empty"),
    pytest.param((0, 3), 0, False, id="(0,3)-axis0"),
    pytest.param((0, 3), 1, False, id="(0,3)-axis1"),
    pytest.param((0, 3), 0, True, id="(0,3)-axis0-keepdims"),
    pytest.param((2, 0), None, True, id="(2,0)-keepdims"),
])
def test_logsumexp_of_no_terms_is_minus_inf(shape, axis, keepdims) -> None:
    a = np.empty(shape)
    ours = logsumexp(a, axis=axis, keepdims=keepdims)
    # the sum of no exponentials is 0, with the shape numpy gives a sum over the same axes
    # (scipy 1.17's logsumexp fails on empty input with axis=None and keepdims=True)
    with np.errstate(divide="ignore"):
        expected = np.log(np.sum(np.exp(a), axis=axis, keepdims=keepdims))
    assert np.shape(ours) == np.shape(expected)
    np.testing.assert_array_equal(ours, expected)


@pytest.mark.parametrize("axis", [None, 0, 1])
def test_log_mean_exp(axis) -> None:
    a = np.random.default_rng(43).normal(0, 2, (5, 7))
    n = a.size if axis is None else a.shape[axis]
    expected = special.logsumexp(a, axis=axis) - math.log(n)
    assert_close(log_mean_exp(a, axis=axis), expected, scale=lse_scale(a, axis) + math.log(n),
                 rtol=TIGHT)
    # the naive formula is accurate for moderate values (relative to the same scale)
    assert_close(log_mean_exp(a, axis=axis), np.log(np.mean(np.exp(a), axis=axis)),
                 scale=lse_scale(a, axis) + math.log(n), rtol=TIGHT)


def test_log_mean_exp_where_the_naive_mean_underflows() -> None:
    assert log_mean_exp([-1000.0, -1000.0]) == -1000.0
    a = np.array([-1000.0, -1001.0, -1002.0])
    expected = -1000.0 + math.log((1 + math.exp(-1) + math.exp(-2)) / 3)
    assert_close(log_mean_exp(a), expected, rtol=TIGHT)


# ----------------------------------------------------------------------------------------------
# softplus and log_sigmoid
# ----------------------------------------------------------------------------------------------

MODERATE = np.concatenate([np.linspace(-700, 700, 281), np.linspace(-5, 5, 101),
                           [1e-300, -1e-300, 1e-8, -1e-8, 0.0]])
EXTREME = np.array([-np.inf, -1e300, -1e3, -40.0, 0.0, 40.0, 1e3, 1e300, np.inf])


def test_softplus_matches_the_naive_formula_where_it_is_accurate() -> None:
    # log1p(exp(x)): exp(x) is correctly rounded to within an ulp and log1p does not amplify a
    # relative error (its condition number is <= 1), so below the overflow at 709 it is accurate.
    assert_close(softplus(MODERATE), np.log1p(np.exp(MODERATE)), rtol=TIGHT)


def test_softplus_at_extremes_matches_logaddexp() -> None:
    assert_close(softplus(EXTREME), np.logaddexp(0.0, EXTREME), rtol=TIGHT)
    assert softplus(1e3) == 1e3
    assert softplus(-700.0) == pytest.approx(math.exp(-700.0), rel=TIGHT)  # not rounded to 0
    # log(1 + e^x) = e^x (1 - e^x / 2 + ...) rounds to libm's subnormal exp(x) here
    assert softplus(-745.0) == math.exp(-745.0) > 0


def test_log_sigmoid_matches_naive_and_scipy() -> None:
    # -log1p(exp(-x)) is accurate wherever exp(-x) does not overflow (as for softplus)
    assert_close(log_sigmoid(MODERATE), -np.log1p(np.exp(-MODERATE)), rtol=TIGHT)
    assert_close(log_sigmoid(MODERATE), special.log_expit(MODERATE), rtol=TIGHT)


def test_log_sigmoid_at_extremes_matches_torch() -> None:
    reference = torch.nn.functional.logsigmoid(torch.tensor(EXTREME, dtype=torch.float64))
    assert_close(log_sigmoid(EXTREME), reference, rtol=TIGHT)
    assert log_sigmoid(-1e3) == -1e3
    # torch's vectorised exp flushes subnormal results to 0; the closed form -e^-x does not
    assert log_sigmoid(745.0) == -math.exp(-745.0) < 0


def test_softplus_and_log_sigmoid_types() -> None:
    assert isinstance(softplus(0.5), np.float64)
    assert isinstance(log_sigmoid(0.5), np.float64)
    assert softplus([[0.5, 1.0]]).shape == (1, 2)
    assert log_sigmoid(np.zeros((3, 1))).shape == (3, 1)


# ----------------------------------------------------------------------------------------------
# log1mexp
# ----------------------------------------------------------------------------------------------

def test_log1mexp_matches_mpmath() -> None:
    a = np.concatenate([-np.logspace(-300, math.log10(700.0), 300),
                        -math.log(2) + np.array([-1e-12, -1e-15, 0.0, 1e-15, 1e-12]),
                        [-1e-20, -1e-8, -0.5, -1.0, -36.0, -37.0, -700.0]])
    # At 50 digits 1 - e^a is exact enough in either form except where it rounds to 1 (a < -115)
    # or e^a rounds to 1 (a > -1e-50); the reference picks the form that cannot, switching at -1
    # (not at -log 2, where the implementation under test switches).
    with mpmath.workdps(50):
        exact = [float(mpmath.log(-mpmath.expm1(v)) if v > -1 else mpmath.log1p(-mpmath.exp(v)))
                 for v in (mpmath.mpf(float(value)) for value in a)]
    assert_close(log1mexp(a), exact, rtol=TIGHT)


@pytest.mark.parametrize(("a", "expected"), [
    pytest.param(0.0, -np.inf, id="0"), pytest.param(-0.0, -np.inf, id="-0"),
    pytest.param(-np.inf, 0.0, id="-inf"),
])
def test_log1mexp_endpoints(a, expected) -> None:
    assert log1mexp(a) == expected


def test_log1mexp_is_log_of_one_minus_p() -> None:
    p = np.array([1e-300, 1e-12, 0.3, 0.5, 0.9, 1 - 1e-12])
    # np.log(p) carries an absolute rounding error of up to eps |log p| / 2, which log(1 - e^a)
    # passes on multiplied by p / (1 - p); relative to log(1 - p) ~ -p that is about
    # eps |log p| / 2 ~ 8e-14 at p = 1e-300, inside 1e-12.
    assert_close(log1mexp(np.log(p)), np.log1p(-p), rtol=RTOL)


# ----------------------------------------------------------------------------------------------
# log_softmax
# ----------------------------------------------------------------------------------------------

@pytest.mark.parametrize("axis", [-1, 0], ids=["axis=-1", "axis=0"])
def test_log_softmax_rows_exponentiate_to_one(axis) -> None:
    z = np.random.default_rng(44).normal(0, 4, (6, 8))
    result = log_softmax(z, axis=axis)
    assert result.shape == z.shape
    np.testing.assert_allclose(np.exp(result).sum(axis=axis), 1.0, rtol=0, atol=z.shape[axis]
                               * 4 * np.finfo(np.float64).eps)  # a few ulps per term
    assert_close(result, special.log_softmax(z, axis=axis), rtol=RTOL)


def test_log_softmax_of_large_logits() -> None:
    np.testing.assert_allclose(log_softmax([1e17, 1e17]), [-math.log(2)] * 2, rtol=TIGHT, atol=0)
    z = np.array([3.0, -1.0, 0.0, 2.0])
    # adding 1e6 to small integers is exact, so the result must not move: a z - logsumexp(z)
    # implementation would lose ~1e6 * eps = 2e-10 here
    assert_close(log_softmax(z + 1e6), log_softmax(z), rtol=TIGHT)
    with mpmath.workdps(40):
        exact = [float(v - mpmath.log(mpmath.fsum(mpmath.exp(w) for w in z))) for v in z]
    assert_close(log_softmax(z), exact, rtol=TIGHT)


# ----------------------------------------------------------------------------------------------
# log_trapezoid
# ----------------------------------------------------------------------------------------------

def test_log_trapezoid_matches_numpy_on_moderate_values() -> None:
    rng = np.random.default_rng(45)
    x = np.sort(rng.uniform(0, 3, 60))
    log_y = 3 * np.sin(x) - 1
    result = log_trapezoid(log_y, x)
    assert isinstance(result, float)
    # a sum of positive terms in a different order: a few ulps
    assert_close(result, math.log(np.trapezoid(np.exp(log_y), x)), rtol=TIGHT)
    log_y[[0, -1]] = -np.inf  # zero at the ends
    assert_close(log_trapezoid(log_y, x), math.log(np.trapezoid(np.exp(log_y), x)), rtol=TIGHT)


@pytest.mark.parametrize("k", [50, 700, 1000, 1950])
def test_log_trapezoid_beta_integral_where_the_integrand_underflows(k) -> None:
    n = 2000
    p = np.linspace(0.0, 1.0, 2001)
    log_y = special.xlogy(k, p) + special.xlog1py(n - k, -p)
    if 200 < k < 1800:
        assert np.all(np.exp(log_y) == 0), "the point of the test: the integrand underflows"
    # int_0^1 p^k (1 - p)^(n - k) dp = k! (n - k)! / (n + 1)! = B(k + 1, n - k + 1). The
    # integrand and its first 49 derivatives vanish at both ends, so by Euler-Maclaurin the
    # trapezoid rule's error is far below rounding on this grid; what remains are the roundings
    # of log y (a few ulps of ~1400), well inside 1e-12 relative.
    assert_close(log_trapezoid(log_y, p), special.betaln(k + 1, n - k + 1), rtol=RTOL)


def test_log_trapezoid_of_a_zero_integrand() -> None:
    assert log_trapezoid([-np.inf, -np.inf], [0.0, 1.0]) == -np.inf


# ----------------------------------------------------------------------------------------------
# underflow_length: the platform's pow and exact rational arithmetic as references
# ----------------------------------------------------------------------------------------------

POWER_CASES = [
    *(pytest.param(p, np.float32, id=f"float32-{p}")
      for p in (0.5, 0.25, 0.3, 0.7, 0.9, 0.99, 0.999, 0.99999, 1e-5, 1e-50)),
    *(pytest.param(p, np.float64, id=f"float64-{p}")
      for p in (0.5, 0.25, 0.3, 0.7, 0.9, 0.99, 0.999, 1 - 1e-12, 1e-5, 1e-200, 5e-324)),
]


@pytest.mark.parametrize(("p", "dtype"), POWER_CASES)
def test_underflow_length_against_pow(p, dtype) -> None:
    n = underflow_length(p, dtype)
    exact = 2 ** (np.finfo(dtype).nmant + 1)
    assert n <= exact, "n must be exact in dtype for the reference power"
    base, power = dtype(p), dtype(n)
    assert np.power(base, power) == 0
    assert np.power(base, power - 1) > 0


EXACT_CASES = [
    pytest.param(p, dtype, id=f"{np.dtype(dtype).name}-{p}")
    for dtype in (np.float16, np.float32, np.float64, np.longdouble)
    for p in (0.5, 0.125, 0.3, 0.7, 0.9)
    if not (dtype is np.longdouble and p == 0.9)  # 1e5 factors of 64 bits: too slow in Fraction
]


@pytest.mark.parametrize(("p", "dtype"), EXACT_CASES)
def test_underflow_length_in_exact_arithmetic(p, dtype) -> None:
    # round to nearest, ties to even: p^n rounds to 0 iff p^n <= s / 2 (a tie goes to the even 0)
    n = underflow_length(p, dtype)
    base = Fraction(*dtype(p).as_integer_ratio())
    half_smallest = Fraction(*np.finfo(dtype).smallest_subnormal.as_integer_ratio()) / 2
    assert base**n <= half_smallest < base ** (n - 1)


def test_underflow_length_tie_rounds_to_zero() -> None:
    # 0.5^150 is exactly half of float32's smallest subnormal 2^-149
    assert underflow_length(0.5, np.float32) == 150
    assert underflow_length(0.5, np.float64) == 1075


def test_underflow_length_near_one_is_the_logarithm_ratio() -> None:
    # ~7.5e14 factors (the answer must come from logarithms, not from multiplying): n is
    # log(s / 2) / log(p) rounded up, and float64 logarithms get it to within a few units
    p = 1 - 1e-12
    n = underflow_length(p)
    assert abs(n - -1075 * math.log(2.0) / math.log(p)) < 10
