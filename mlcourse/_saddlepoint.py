r"""Loader's saddle-point evaluation of binomial and Poisson log-probabilities at large counts.

The textbook formulas, ``log C(n, k) + k log p + (n - k) log(1 - p)`` and
``k log(rate) - rate - log k!``, add terms of size ``n log n`` to get a result of size
``log sqrt(n)``: at ``n = 1e12`` about 4 digits are left, at ``1e16`` none. Loader (2000, "Fast
and accurate computation of binomial probabilities") rewrites both around the saddle point, with
two functions that are small where the result is small:

- ``stirlerr(n) = log n! - log(sqrt(2 pi n) (n / e)^n)``, the error of Stirling's formula
  (about ``1 / (12 n)``), from a table for ``n <= 15`` and its asymptotic series above;
- ``bd0(x, M) = x log(x / M) + M - x >= 0``, the deviance term, by a series in
  ``v = (x - M) / (x + M)`` where ``x`` is close to ``M`` (no cancellation) and by its formula
  elsewhere.

Then ``log Binomial(k | n, p) = stirlerr(n) - stirlerr(k) - stirlerr(n - k) - bd0(k, n p)
- bd0(n - k, n q) - log(2 pi k (n - k) / n) / 2`` and ``log Poisson(k | rate) = -stirlerr(k)
- bd0(k, rate) - log(2 pi k) / 2``, as in R's ``dbinom`` and ``dpois``.

The means ``n p`` and ``n (1 - p)`` are carried as double-doubles (a rounded value and its exact
rounding error, by Dekker's product): at ``n = 1e15`` the rounding of ``n p`` alone would cost
three digits of a tail probability. Everything here is numpy float64; the public functions attach
torch gradients themselves.
"""

from __future__ import annotations

import math

import numpy as np
from scipy import special

LOG_2PI = math.log(2 * math.pi)

# stirlerr(n) for n = 0, 1, ..., 15, from mpmath at 40 digits (stirlerr(0) = 0 by convention).
_STIRLERR_TABLE = np.array([
    0.0, 0.08106146679532726, 0.0413406959554093, 0.02767792568499834, 0.020790672103765093,
    0.016644691189821193, 0.013876128823070748, 0.01189670994589177, 0.010411265261972096,
    0.009255462182712733, 0.00833056343336287, 0.007573675487951841, 0.00694284010720953,
    0.006408994188004207, 0.0059513701127588475, 0.005554733551962801,
])
_S0, _S1, _S2, _S3, _S4 = 1 / 12, 1 / 360, 1 / 1260, 1 / 1680, 1 / 1188
_SPLITTER = 134217729.0  # 2**27 + 1, Dekker's splitting constant
_SERIES_TERMS = 12  # |v| < 0.1: the terms fall by 100 each, 12 of them reach 1e-24 of the first


def stirlerr(n: np.ndarray) -> np.ndarray:
    """``log n! - log(sqrt(2 pi n) (n/e)^n)`` for whole numbers ``n >= 0``."""
    n = np.asarray(n, dtype=np.float64)
    small = n <= 15
    table = _STIRLERR_TABLE[np.where(small, n, 0).astype(np.intp)]
    with np.errstate(divide="ignore", over="ignore", invalid="ignore"):
        large = np.where(small, 16.0, n)
        nn = large * large
        series = (_S0 - (_S1 - (_S2 - (_S3 - _S4 / nn) / nn) / nn) / nn) / large
    return np.where(small, table, series)


def _split(a: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    t = _SPLITTER * a
    high = t - (t - a)
    return high, a - high


def two_product(a: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``a * b`` as ``(rounded, error)`` with ``rounded + error`` exact (Dekker), where finite."""
    a, b = np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64)
    with np.errstate(over="ignore", invalid="ignore", under="ignore"):
        product = a * b
        a_high, a_low = _split(a)
        b_high, b_low = _split(b)
        error = ((a_high * b_high - product) + a_high * b_low + a_low * b_high) + a_low * b_low
    return product, np.where(np.isfinite(error), error, 0.0)


def one_minus(p: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``1 - p`` as ``(rounded, error)`` with ``rounded + error`` exact (Knuth's TwoSum)."""
    p = np.asarray(p, dtype=np.float64)
    q = 1.0 - p
    virtual = q - 1.0
    error = (1.0 - (q - virtual)) + (-p - virtual)
    return q, error


def bd0(x: np.ndarray, mean: np.ndarray, mean_low: np.ndarray | float = 0.0) -> np.ndarray:
    """``x log(x / M) + M - x`` for ``x > 0`` and ``M = mean + mean_low > 0`` (a double-double).

    Where ``|x - M| < 0.1 (x + M)`` it is the series ``(x - M) v + 2 x sum_j v^(2j+1) / (2j+1)``
    with ``v = (x - M) / (x + M)``, whose terms all have the sign of the result.
    """
    x = np.asarray(x, dtype=np.float64)
    mean = np.asarray(mean, dtype=np.float64)
    with np.errstate(over="ignore", invalid="ignore", divide="ignore", under="ignore"):
        d = (x - mean) - mean_low
        half_sum = 0.5 * x + 0.5 * mean
        close = np.abs(d) < 0.2 * half_sum
        v = np.where(close, 0.5 * d / np.where(close, half_sum, 1.0), 0.0)
        v2 = v * v
        term = x * (2 * v)  # not (2 x) v: 2 x overflows for x near 1e308
        total = np.zeros_like(v)
        for j in range(1, _SERIES_TERMS + 1):
            term = term * v2
            total = total + term / (2 * j + 1)
        series = np.where(close, d, 0.0) * v + total
        ratio = x / mean
        normal = (ratio > 1e-300) & (ratio < 1e300)
        log_ratio = np.where(normal, np.log(np.where(normal, ratio, 1.0)),
                             np.log(x) - np.log(mean))
        direct = x * log_ratio + (mean - x)
    return np.where(close, series, direct)


def binomial_deviance(k: np.ndarray, n: np.ndarray, p: np.ndarray) -> np.ndarray:
    """``bd0(k, n p) + bd0(n - k, n (1 - p))`` for ``0 < k < n`` and ``0 < p < 1``."""
    k, n, p = np.broadcast_arrays(*(np.asarray(a, dtype=np.float64) for a in (k, n, p)))
    q, q_low = one_minus(p)
    n_p, n_p_low = two_product(n, p)
    n_q, n_q_low = two_product(n, q)
    with np.errstate(over="ignore", invalid="ignore"):
        n_q_low = n_q_low + n * q_low
    return bd0(k, n_p, n_p_low) + bd0(n - k, n_q, n_q_low)


def binomial_logpmf(k: np.ndarray, n: np.ndarray, p: np.ndarray) -> np.ndarray:
    """``log Binomial(k | n, p)`` for whole ``0 <= k <= n`` and ``p`` in [0, 1], all float64."""
    k, n, p = np.broadcast_arrays(*(np.asarray(a, dtype=np.float64) for a in (k, n, p)))
    inner = (k > 0) & (k < n) & (p > 0) & (p < 1)
    safe_k = np.where(inner, k, 1.0)
    safe_n = np.where(inner, n, 2.0)
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        correction = stirlerr(safe_n) - stirlerr(safe_k) - stirlerr(safe_n - safe_k)
        deviance = binomial_deviance(safe_k, safe_n, np.where(inner, p, 0.5))
        # log((n - k) / n): log1p(-k / n) would lose the digits of a small n - k.
        rest = np.where(safe_k <= 0.5 * safe_n, np.log1p(-safe_k / safe_n),
                        np.log((safe_n - safe_k) / safe_n))
        log_f = LOG_2PI + np.log(safe_k) + rest
        middle = correction - deviance - 0.5 * log_f
        # k = 0 and k = n: (n - k) log(1 - p) and k log p, with 0 log 0 = 0.
        edge = special.xlogy(k, p) + special.xlog1py(n - k, -p)
        # k strictly between 0 and n, but p at 0 or 1: impossible.
        impossible = (k > 0) & (k < n)
    return np.where(inner, middle, np.where(impossible, -np.inf, edge))


def poisson_logpmf(k: np.ndarray, rate: np.ndarray) -> np.ndarray:
    """``log Poisson(k | rate)`` for whole ``k >= 0`` and ``rate >= 0``, all float64."""
    k, rate = np.broadcast_arrays(*(np.asarray(a, dtype=np.float64) for a in (k, rate)))
    # For a rate below k * 2.2e-308 (R's cut-off) the direct formula has no cancellation.
    inner = (k > 0) & (rate > k * np.finfo(np.float64).tiny)
    safe_k = np.where(inner, k, 1.0)
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        middle = (-stirlerr(safe_k) - bd0(safe_k, np.where(inner, rate, 1.0))
                  - 0.5 * (LOG_2PI + np.log(safe_k)))
        edge = special.xlogy(k, rate) - rate - special.gammaln(k + 1)
    return np.where(inner, middle, edge)
