r"""Entropy, cross-entropy and KL divergence.

For discrete distributions given as probability vectors along the last axis,

.. math::

    H(p) = -\sum_j p_j \log p_j, \qquad
    H(p, q) = -\sum_j p_j \log q_j, \qquad
    \operatorname{KL}(p \,\|\, q) = \sum_j p_j \log \frac{p_j}{q_j} = H(p, q) - H(p),

in nats (natural logarithms) unless a ``base`` is given (``base=2`` gives bits). Leading axes
broadcast, so a batch of distributions is one call.

Zeros follow the limits that make these quantities meaningful:

- :math:`0 \log 0 = 0` and :math:`0 \log(0 / q) = 0`: a category that ``p`` never produces costs
  nothing, whatever ``q`` says about it;
- :math:`p_j \log(p_j / 0) = +\infty` for :math:`p_j > 0`: a model that gives probability 0 to
  something that happens is infinitely surprised. The result is ``inf``, never nan, and no
  floating-point warning is raised.

Every function also accepts torch tensors and then returns a differentiable tensor. Where a term
is 0 because its ``p_j`` is 0, its gradient is taken as 0 (there is no 0 / 0 in the backward pass).
"""

from __future__ import annotations

import math
import operator
from typing import Any

import numpy as np

from . import _validate as check
from ._backend import difference_over, guard_overflow, is_tensor, ops_for

__all__ = [
    "distribution_cross_entropy",
    "empirical_distribution",
    "entropy",
    "gaussian_kl_divergence",
    "kl_divergence",
]


# ----------------------------------------------------------------------------------------------
# Helpers
# ----------------------------------------------------------------------------------------------

def _xp(ops: Any) -> Any:
    """The array module behind ``ops``: ``torch`` or ``numpy`` (for ``where``, ``expm1``)."""
    return ops.torch if ops.name == "torch" else np


def _log_base(base: Any) -> float:
    """``log(base)``, the divisor that converts nats to the unit of ``base`` (1 for nats)."""
    if base is None:
        return 1.0
    if isinstance(base, bool) or not isinstance(base, (int, float, np.integer, np.floating)):
        raise TypeError(check.wrap(f"base must be a real number such as 2 or math.e; got {base!r}"))
    value = float(base)
    if not (math.isfinite(value) and value > 0 and value != 1):
        raise ValueError(check.wrap(f"base must be a finite number > 0 and != 1; got {value!r}"))
    return math.log(value)


def _probability_vectors(value: Any, name: str) -> np.ndarray:
    """Probability vectors along the last axis, their sums checked to the input's precision.

    float64 vectors must sum to 1 within ``1e-9`` per category; a float32 or float16 vector
    (a softmax computed in a network's precision) within a few of its own rounding errors.
    """
    dtype = value.dtype if is_tensor(value) or isinstance(value, np.ndarray) else None
    precision = 1e-9
    if dtype is not None and str(dtype).rsplit(".", 1)[-1] in ("float32", "float16", "bfloat16"):
        name_of_dtype = str(dtype).rsplit(".", 1)[-1]
        precision = {"float32": 1e-6, "float16": 1e-3, "bfloat16": 1e-2}[name_of_dtype]
    return check.probability_vectors(value, name, atol=precision)


def _pair(p: Any, q: Any) -> tuple[np.ndarray, np.ndarray]:
    """Validate two stacks of probability vectors with the same number of categories."""
    p_values = _probability_vectors(p, "p")
    q_values = _probability_vectors(q, "q")
    if p_values.shape[-1] != q_values.shape[-1]:
        raise ValueError(
            check.wrap(
                f"p and q must have the same number of categories (length of the last axis); p has "
            f"{p_values.shape[-1]} (shape {p_values.shape}), q has {q_values.shape[-1]} (shape "
            f"{q_values.shape})"))
    check.broadcastable(p=p_values, q=q_values)
    return p_values, q_values


def _cross_terms(ops: Any, p: Any, q: Any) -> Any:
    r"""``p_j log q_j`` elementwise with ``0 log q = 0`` (also at ``q = 0``) and ``p log 0 = -inf``.

    Where ``p_j = 0`` the log is taken of 1 instead of ``q_j``, so that neither the value nor a
    torch gradient sees ``0 * log 0`` or ``0 / 0``.
    """
    xp = _xp(ops)
    q_safe = xp.where(p == 0, xp.ones_like(q), q)
    return p * ops.log(q_safe)


def _entropy_terms(ops: Any, p: Any) -> Any:
    """``p_j log p_j`` elementwise with ``0 log 0 = 0``."""
    return _cross_terms(ops, p, p)


def _kl_terms(ops: Any, p: Any, q: Any) -> Any:
    r"""``p_j log(p_j / q_j)`` elementwise: 0 where ``p_j = 0``, ``+inf`` where only ``q_j = 0``.

    The log of the ratio is computed by :func:`_log_ratio`, so a term with ``p_j`` close to
    ``q_j`` keeps its digits (``log p - log q`` would lose the digits the two logs share).
    """
    xp = _xp(ops)
    p_zero = p == 0
    p_safe = xp.where(p_zero, xp.ones_like(p), p)
    q_safe = xp.where(p_zero, xp.ones_like(q), q)
    return p * _log_ratio(ops, p_safe, q_safe)


def _expm1_excess(ops: Any, u: Any) -> Any:
    r""":math:`e^u - 1 - u \ge 0` elementwise, accurate also for :math:`|u| \ll 1`.

    ``expm1(u) - u`` cancels for small ``u`` (both terms are about ``u``, the result about
    ``u^2 / 2``); there the Taylor series :math:`\sum_{k \ge 2} u^k / k!` is used, with terms up to
    :math:`k = 20`, which is exact to rounding for :math:`|u| < 1/2`.
    """
    xp = _xp(ops)
    small = xp.abs(u) < 0.5
    # Each branch only sees values it handles (the double-where keeps nan out of gradients).
    u_small = xp.where(small, u, xp.zeros_like(u))
    u_large = xp.where(small, xp.ones_like(u), u)
    series = u_small * 0.0 + 1.0 / math.factorial(20)
    for k in range(19, 1, -1):
        series = series * u_small + 1.0 / math.factorial(k)
    series = series * u_small * u_small
    with np.errstate(over="ignore"):  # e^u beyond 1.8e308: the divergence is inf
        direct = xp.expm1(u_large) - u_large
    return xp.where(small, series, direct)


def _log_ratio(ops: Any, a: Any, b: Any) -> Any:
    r""":math:`\log(a / b)` for ``a > 0`` and ``b >= 0``, accurate to a few ulps of the result.

    Near 1, ``log1p((a - b) / b)`` keeps every digit (``a - b`` is exact there, and so the
    result is accurate even when it is tiny). Elsewhere ``log(a / b)``, unless the ratio
    overflows or leaves the normal range, where ``log a - log b`` is used instead (``inf`` for
    ``b = 0``).
    """
    xp = _xp(ops)
    tiny = np.finfo(np.float64).tiny if ops.name == "numpy" else xp.finfo(ops.dtype).tiny
    one_a, one_b = xp.ones_like(a), xp.ones_like(b)
    close = xp.abs(a - b) < 0.5 * b
    # Every branch sees only the values it handles: no inf or nan reaches a torch gradient
    # through a branch that `where` discards.
    near_a, near_b = xp.where(close, a, one_a), xp.where(close, b, one_b)
    near = xp.log1p((near_a - near_b) / near_b)
    far_a, far_b = xp.where(close, one_a, a), xp.where(close, one_b, b)
    with np.errstate(divide="ignore", over="ignore", under="ignore"):
        ratio = far_a / far_b
    normal = (ratio >= tiny) & (ratio < math.inf)
    # The ratio that is kept is recomputed from operands that are 1 where it is not: an
    # infinite a / 0 would otherwise send 0 * inf = nan into a torch gradient.
    ratio = xp.where(normal, far_a, one_a) / xp.where(normal, far_b, one_b)
    by_ratio = ops.log(ratio)
    by_logs = ops.log(xp.where(normal, one_a, far_a)) - ops.log(xp.where(normal, one_b, far_b))
    return xp.where(close, near, xp.where(normal, by_ratio, by_logs))


# ----------------------------------------------------------------------------------------------
# Public functions
# ----------------------------------------------------------------------------------------------

def entropy(p: Any, *, base: float | None = None) -> Any:
    r"""Shannon entropy :math:`H(p) = -\sum_j p_j \log p_j` of probability vectors.

    The expected surprise :math:`-\log p(x)` of an outcome drawn from ``p``: in bits
    (``base=2``), the shortest possible average length of a code for those outcomes. Zero
    probabilities contribute :math:`0 \log 0 = 0`.

    Introduced in Chapter 8 (Cross-entropy and KL divergence).

    Parameters
    ----------
    p : array_like or torch.Tensor
        Probabilities along the last axis, each vector summing to 1; leading axes index a batch.
    base : float, optional
        Base of the logarithm; by default ``e`` (nats). ``base=2`` gives bits.

    Returns
    -------
    float or ndarray or torch.Tensor
        :math:`H(p) \ge 0`, with shape ``p.shape[:-1]``; at most :math:`\log K` for ``K``
        categories, reached by the uniform distribution.

    Raises
    ------
    ValueError
        If a probability is outside [0, 1] or not finite, a vector does not sum to 1, ``p`` is a
        scalar, or ``base`` is not a number > 0 other than 1.

    See Also
    --------
    scipy.stats.entropy : the same with one argument (it also normalises its input).

    Examples
    --------
    >>> round(float(entropy([0.5, 0.25, 0.125, 0.125], base=2)), 12)
    1.75
    >>> float(entropy([1.0, 0.0]))
    0.0
    """
    divisor = _log_base(base)
    _probability_vectors(p, "p")
    ops = ops_for(p)
    p = ops.asarray(p)
    # 0 - sum, not -sum: a point mass has entropy 0.0, not -0.0
    return ops.result((0.0 - ops.sum(_entropy_terms(ops, p), axis=-1)) / divisor)


def distribution_cross_entropy(p: Any, q: Any, *, base: float | None = None) -> Any:
    r"""Cross-entropy :math:`H(p, q) = -\sum_j p_j \log q_j` of ``q`` relative to ``p``.

    The expected surprise :math:`-\log q(x)` when the outcomes come from ``p`` but are scored by
    the model ``q``; it equals :math:`H(p) + \operatorname{KL}(p \,\|\, q)`. With ``p`` the
    empirical distribution of a sample, it is the model's average negative log-likelihood. (For
    the loss that takes logits and labels, see :func:`mlcourse.losses.cross_entropy`.)

    Introduced in Chapter 8 (Cross-entropy and KL divergence).

    Parameters
    ----------
    p : array_like or torch.Tensor
        The distribution of the outcomes: probabilities along the last axis, summing to 1.
    q : array_like or torch.Tensor
        The model's probabilities, the same number of categories; leading axes broadcast
        against those of ``p``.
    base : float, optional
        Base of the logarithm; by default ``e`` (nats).

    Returns
    -------
    float or ndarray or torch.Tensor
        :math:`H(p, q) \ge H(p)`, with the broadcast shape of ``p.shape[:-1]`` and
        ``q.shape[:-1]``. It is ``inf`` where some ``p_j > 0`` has ``q_j = 0``; a category
        with ``p_j = 0`` contributes 0, even where ``q_j = 0``.

    Raises
    ------
    ValueError
        If either argument is not a stack of probability vectors, their numbers of categories
        differ, their leading axes do not broadcast, or ``base`` is invalid.

    Examples
    --------
    >>> round(float(distribution_cross_entropy([0.5, 0.5], [0.25, 0.75], base=2)), 6)
    1.207519
    >>> float(distribution_cross_entropy([0.5, 0.5], [1.0, 0.0]))
    inf
    """
    divisor = _log_base(base)
    _pair(p, q)
    ops = ops_for(p, q)
    p, q = ops.asarray(p), ops.asarray(q)
    return ops.result((0.0 - ops.sum(_cross_terms(ops, p, q), axis=-1)) / divisor)


def kl_divergence(p: Any, q: Any, *, base: float | None = None) -> Any:
    r"""Kullback-Leibler divergence :math:`\operatorname{KL}(p \| q) = \sum_j p_j \log(p_j/q_j)`.

    How many extra nats (or bits) per outcome it costs to use ``q`` where ``p`` is the truth:
    :math:`H(p, q) - H(p)`. It is :math:`\ge 0`, and 0 only when ``p == q`` (Gibbs' inequality),
    and it is not symmetric: ``kl_divergence(p, q) != kl_divergence(q, p)`` in general. The
    first argument is the distribution the expectation is taken under, as in the formula; note
    that ``torch.nn.functional.kl_div(input, target)`` takes them the other way round, with
    ``input = log q`` and ``target = p``.

    Introduced in Chapter 8 (Cross-entropy and KL divergence).

    Parameters
    ----------
    p : array_like or torch.Tensor
        The reference distribution: probabilities along the last axis, summing to 1.
    q : array_like or torch.Tensor
        The approximating distribution, the same number of categories; leading axes broadcast.
    base : float, optional
        Base of the logarithm; by default ``e`` (nats).

    Returns
    -------
    float or ndarray or torch.Tensor
        The divergence, with the broadcast shape of ``p.shape[:-1]`` and ``q.shape[:-1]``. It is
        ``inf`` where some ``p_j > 0`` has ``q_j = 0``; categories with ``p_j = 0`` contribute 0.
        Each term ``p_j log(p_j / q_j)`` is accurate to a few ulps, also when ``q_j`` is close
        to ``p_j`` (the log of the ratio is taken as ``log1p((p_j - q_j) / q_j)`` there), and
        ``kl_divergence(p, p)`` is exactly 0. The terms have both signs, so for nearly equal
        ``p`` and ``q`` the sum can still be a rounding error below 0.

    Raises
    ------
    ValueError
        If either argument is not a stack of probability vectors, their numbers of categories
        differ, their leading axes do not broadcast, or ``base`` is invalid.

    See Also
    --------
    scipy.special.rel_entr : the terms ``p_j log(p_j / q_j)``, with the same conventions at 0.

    Examples
    --------
    >>> round(float(kl_divergence([0.5, 0.5], [0.25, 0.75], base=2)), 6)
    0.207519
    >>> round(float(kl_divergence([0.25, 0.75], [0.5, 0.5], base=2)), 6)
    0.188722
    >>> round(float(kl_divergence([0.0, 1.0], [0.5, 0.5], base=2)), 12)
    1.0
    >>> float(kl_divergence([0.5, 0.5], [0.0, 1.0]))
    inf
    """
    divisor = _log_base(base)
    _pair(p, q)
    ops = ops_for(p, q)
    p, q = ops.asarray(p), ops.asarray(q)
    return ops.result(ops.sum(_kl_terms(ops, p, q), axis=-1) / divisor)


def gaussian_kl_divergence(mu_p: Any, sigma_p: Any, mu_q: Any, sigma_q: Any, *,
                           base: float | None = None) -> Any:
    r"""KL divergence between two normal distributions, in closed form.

    .. math::

        \operatorname{KL}(\mathcal N(\mu_p, \sigma_p^2) \,\|\, \mathcal N(\mu_q, \sigma_q^2))
        = \log\frac{\sigma_q}{\sigma_p} + \frac{\sigma_p^2 + (\mu_p - \mu_q)^2}{2\sigma_q^2}
          - \frac12

    Elementwise over broadcast arguments, like ``torch.distributions.kl_divergence`` for two
    ``Normal`` distributions; for normals with independent coordinates (diagonal covariance), sum
    the result over the coordinates. The arguments are standard deviations, not variances.

    With :math:`r = \sigma_p / \sigma_q` the formula is
    :math:`\tfrac12\big[(r^2 - 1 - \log r^2) + ((\mu_p - \mu_q)/\sigma_q)^2\big]`; the first
    bracket is computed as :math:`e^u - 1 - u` with :math:`u = 2 \log r`, by its Taylor series for
    small :math:`u`, so the result keeps all its digits when :math:`\sigma_p` and
    :math:`\sigma_q` are nearly equal (the textbook formula cancels there).

    Introduced in Chapter 8 (Cross-entropy and KL divergence).

    Parameters
    ----------
    mu_p, sigma_p : array_like or torch.Tensor
        Mean and standard deviation (> 0) of :math:`p`, the distribution the expectation is
        taken under.
    mu_q, sigma_q : array_like or torch.Tensor
        Mean and standard deviation (> 0) of :math:`q`.
    base : float, optional
        Base of the logarithm; by default ``e`` (nats).

    Returns
    -------
    float or ndarray or torch.Tensor
        :math:`\operatorname{KL}(p \,\|\, q) \ge 0`, with the broadcast shape of the four
        arguments; 0 exactly when the two distributions are equal.

    Raises
    ------
    ValueError
        If a mean is not finite, a standard deviation is not > 0 and finite, the shapes do not
        broadcast, or ``base`` is invalid.

    Examples
    --------
    >>> round(float(gaussian_kl_divergence(0.0, 1.0, 1.0, 1.0)), 12)
    0.5
    >>> round(float(gaussian_kl_divergence(0.0, 1.0, 0.0, 2.0)), 6)
    0.318147
    >>> round(float(gaussian_kl_divergence(0.0, 2.0, 0.0, 1.0)), 6)
    0.806853
    """
    divisor = _log_base(base)
    check.finite(mu_p, "mu_p")
    check.positive(sigma_p, "sigma_p")
    check.finite(mu_q, "mu_q")
    check.positive(sigma_q, "sigma_q")
    check.broadcastable(mu_p=mu_p, sigma_p=sigma_p, mu_q=mu_q, sigma_q=sigma_q)
    ops = ops_for(mu_p, sigma_p, mu_q, sigma_q)
    def compute(mu_p: Any, sigma_p: Any, mu_q: Any, sigma_q: Any) -> Any:
        spread = _expm1_excess(ops, 2.0 * _log_ratio(ops, sigma_p, sigma_q))
        with np.errstate(over="ignore"):  # beyond 1.8e308 the divergence is inf, legitimately
            offset = difference_over(ops, mu_p, mu_q, sigma_q)
            return 0.5 * (spread + offset * offset) / divisor

    values = {"mu_p": ops.asarray(mu_p), "sigma_p": ops.asarray(sigma_p),
              "mu_q": ops.asarray(mu_q), "sigma_q": ops.asarray(sigma_q)}
    safe = {"mu_p": 0.0, "sigma_p": 1.0, "mu_q": 0.0, "sigma_q": 1.0}
    return ops.result(guard_overflow(ops, compute, values, safe))


def empirical_distribution(x: Any, n_categories: int) -> Any:
    r"""The empirical distribution of a sample of labels: the fraction of each category.

    .. math:: \hat p_j = \frac{1}{n} \#\{i : x_i = j\}, \qquad j = 0, \dots, K - 1

    Its cross-entropy with a model ``q`` is the model's average negative log-likelihood on the
    sample, :math:`H(\hat p, q) = -\frac1n \sum_i \log q_{x_i}`, and it is also the maximum
    likelihood estimate of the category probabilities (:func:`mlcourse.categorical_mle`).

    Introduced in Chapter 8 (Cross-entropy and KL divergence).

    Parameters
    ----------
    x : array_like or torch.Tensor
        Labels ``0, ..., n_categories - 1`` along the last axis; leading axes index separate
        samples, each summarised by its own distribution.
    n_categories : int
        The number of categories ``K`` (>= 1), so that unobserved categories get frequency 0.

    Returns
    -------
    ndarray or torch.Tensor
        Frequencies with shape ``x.shape[:-1] + (n_categories,)``, each vector summing to 1
        (a tensor, float64, if ``x`` is a tensor; it carries no gradient).

    Raises
    ------
    ValueError
        If ``x`` is empty, its last axis has length 0, a label is not a whole number in
        ``0, ..., n_categories - 1``, or ``n_categories < 1``.
    TypeError
        If ``n_categories`` is not an integer.

    Examples
    --------
    >>> empirical_distribution([0, 2, 2, 1, 2], 4)
    array([0.2, 0.2, 0.6, 0. ])
    >>> empirical_distribution([[0, 0], [1, 0]], 2)
    array([[1. , 0. ],
           [0.5, 0.5]])
    """
    if isinstance(n_categories, bool):
        raise TypeError(check.wrap(f"n_categories must be an integer; got {n_categories!r}"))
    try:
        n_categories = operator.index(n_categories)
    except TypeError:
        raise TypeError(check.wrap(
            f"n_categories must be an integer; got {n_categories!r}")) from None
    if not 1 <= n_categories < 2**31:
        raise ValueError(check.wrap(
            f"n_categories must be >= 1 and below 2**31; got {n_categories}"))
    labels = check.labels(check.nonempty(x, "x"), "x", n_categories)
    labels = np.atleast_1d(labels)
    if labels.shape[-1] == 0:
        raise ValueError(check.wrap(
            f"x has no labels along its last axis; got shape {labels.shape}"))
    rows = labels.reshape(-1, labels.shape[-1])
    n_rows, n = rows.shape
    offsets = (np.arange(n_rows) * n_categories)[:, np.newaxis]
    counts = np.bincount((rows + offsets).ravel(), minlength=n_rows * n_categories)
    frequencies = (counts.reshape(n_rows, n_categories) / n).reshape(
        *labels.shape[:-1], n_categories)
    if is_tensor(x):
        return ops_for(x).asarray(frequencies)
    return frequencies
