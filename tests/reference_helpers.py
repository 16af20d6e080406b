"""Shared helpers of the reference tests for mlcourse's core (densities, likelihood, logspace).

Tolerances
----------
float64 has eps = 2.2e-16. The default bound is ``RTOL = 1e-12`` relative, about 4500 eps: room
for two independent implementations that each round a handful of times (scipy and mlcourse
evaluate the same formula in a different order, torch sometimes by a different formula), yet a
million times tighter than any wrong formula (a missing log k!, a variance for a standard
deviation, log(1 - p) for log(p), ...).

*Relative to what.* A log-density is itself a short sum of terms of either sign, for instance
``-log(sigma) - log(2 pi) / 2 - z**2 / 2``. Every implementation rounds each term, so its error is
a few ulps of the *largest term*, not of the result: where the terms cancel (a Poisson log-pmf at
k ~ lambda ~ 1e6 is -7.8 from terms of 1.4e7) no float64 code, scipy's and torch's included, is
accurate relative to the result. :func:`assert_close` therefore takes an optional ``scale``, the
sum of the absolute values of the terms, and checks ``|actual - expected| <= rtol * scale``.
Without cancellation ``scale`` is ``|expected|`` and the bound is an ordinary relative one; the
tests pass ``scale`` only for formulas whose terms can have opposite signs. The same rule, applied
to the terms of a sum over a sample, is the CONTRIBUTING rule for log-likelihoods.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from scipy import special

RTOL = 1e-12


def to_numpy(value: Any) -> np.ndarray:
    """float64 numpy array of a number, array or (detached) torch tensor."""
    if hasattr(value, "detach"):
        value = value.detach().cpu().numpy()
    return np.asarray(value, dtype=np.float64)


def assert_close(actual: Any, expected: Any, scale: Any = None, rtol: float = RTOL) -> None:
    """``|actual - expected| <= rtol * scale`` elementwise, with equal infinities and no nan.

    ``scale`` defaults to ``|expected|`` (a plain relative tolerance). Infinite expected values
    must be matched exactly (``-inf`` is a legitimate log-probability).
    """
    actual, expected = to_numpy(actual), to_numpy(expected)
    assert actual.shape == expected.shape, f"shape {actual.shape} != expected {expected.shape}"
    assert not np.isnan(expected).any(), "the reference itself contains nan"
    assert not np.isnan(actual).any(), f"nan in the result: {actual}"
    infinite = np.isinf(expected)
    np.testing.assert_array_equal(actual[infinite], expected[infinite])
    scale = np.abs(expected) if scale is None else np.broadcast_to(to_numpy(scale), expected.shape)
    finite = ~infinite
    assert np.isfinite(actual[finite]).all(), f"inf where the reference is finite: {actual}"
    error = np.abs(actual[finite] - expected[finite])
    bound = rtol * scale[finite]
    if not np.all(error <= bound):
        worst = int(np.argmax(error - bound))
        raise AssertionError(
            f"{np.count_nonzero(error > bound)} of {error.size} values differ by more than "
            f"{rtol:g} x scale; worst: actual {actual[finite][worst]!r}, expected "
            f"{expected[finite][worst]!r}, error {error[worst]:.3e} > bound {bound[worst]:.3e}"
        )


def assert_sum_close(actual: Any, terms: Any, rtol: float = RTOL, term_scale: Any = None) -> None:
    """A sum over the last axis of ``terms`` (one term per observation), to ``rtol * sum|terms|``.

    The sum of per-observation log-densities can cancel (terms of either sign) and is computed by
    mlcourse from sufficient statistics, in a different order than the reference: the rounding
    error of either is a few ulps of the *terms*, so the bound is relative to ``sum |terms|``.
    ``term_scale``, if given, replaces ``|terms|`` by the size of the terms inside each
    log-density (see the module docstring) for formulas that cancel within one observation.
    """
    terms = to_numpy(terms)
    size = np.abs(terms) if term_scale is None else np.broadcast_to(to_numpy(term_scale),
                                                                    terms.shape)
    assert_close(actual, terms.sum(axis=-1), scale=size.sum(axis=-1), rtol=rtol)


# Sizes of the terms of each textbook formula (see the module docstring), for ``scale=``.

def gaussian_scale(x: Any, mu: Any, sigma: Any) -> np.ndarray:
    z = (np.asarray(x) - mu) / sigma
    return np.abs(np.log(sigma)) + 0.5 * np.log(2 * np.pi) + 0.5 * z**2


def laplace_scale(x: Any, mu: Any, b: Any) -> np.ndarray:
    return np.abs(np.log(2 * np.asarray(b))) + np.abs(np.asarray(x) - mu) / b


def exponential_scale(x: Any, rate: Any) -> np.ndarray:
    return np.abs(np.log(rate)) + np.asarray(rate) * x


def poisson_scale(k: Any, rate: Any) -> np.ndarray:
    return np.abs(special.xlogy(k, rate)) + rate + special.gammaln(np.asarray(k) + 1.0)


def binomial_scale(k: Any, n: Any, p: Any) -> np.ndarray:
    k, n = np.asarray(k, dtype=np.float64), np.asarray(n, dtype=np.float64)
    # log C(n, k) = lgamma(n + 1) - lgamma(k + 1) - lgamma(n - k + 1) is a few ulps of the three
    # terms, except at k = 0 and k = n, where it is lgamma(n + 1) - lgamma(n + 1) = 0 exactly.
    coefficient = special.gammaln(n + 1) + special.gammaln(k + 1) + special.gammaln(n - k + 1)
    coefficient = np.where((k == 0) | (k == n), 0.0, coefficient)
    return (coefficient + np.abs(special.xlogy(k, p))
            + np.abs(special.xlog1py(n - k, -np.asarray(p))))


def tensor(value: Any, grad: bool = False) -> Any:
    """A float64 torch tensor (torch is imported only by the tests that use it)."""
    import torch

    return torch.tensor(np.asarray(value, dtype=np.float64), dtype=torch.float64,
                        requires_grad=grad)


def assert_gradient_is_score(function: Any, values: tuple, scores: tuple,
                             shape: tuple[int, ...]) -> None:
    """With tensor parameters, ``function`` returns a float64 tensor equal to its numpy value,
    passes torch's gradcheck, and its gradient is the analytic score."""
    import torch

    inputs = tuple(tensor(v, grad=True) for v in values)
    result = function(*inputs)
    assert isinstance(result, torch.Tensor)
    assert result.dtype == torch.float64
    assert result.shape == shape
    assert_close(result, function(*values), scale=np.abs(function(*values)) + 1)
    assert torch.autograd.gradcheck(function, inputs)
    result.sum().backward()
    for given, score in zip(inputs, scores, strict=True):
        assert_close(given.grad, score, scale=np.abs(score) + 1)
