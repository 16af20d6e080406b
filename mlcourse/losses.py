r"""The losses of machine learning, written as negative log-likelihoods.

Each function here has the name, the arguments and the defaults of its namesake in
``torch.nn.functional`` and returns the same number (the tests check this on random and extreme
inputs, for every reduction). What the package adds is the statement, in every docstring, of
*which* negative log-likelihood the loss is, and of the exact constants and scale factors that
separate the two. Writing :math:`\operatorname{NLL}_i = -\log p(y_i \mid \theta_i)` for one
observation,

- ``mse_loss``: Gaussian noise with :math:`\sigma = 1`, :math:`2\operatorname{NLL}_i - \log 2\pi`;
- ``l1_loss``: Laplace noise with :math:`b = 1`, :math:`\operatorname{NLL}_i - \log 2`;
- ``binary_cross_entropy`` and ``binary_cross_entropy_with_logits``: Bernoulli,
  :math:`\operatorname{NLL}_i` (the first clamps each log at -100);
- ``cross_entropy`` and ``nll_loss``: categorical, :math:`\operatorname{NLL}_i`;
- ``poisson_nll_loss``: Poisson, :math:`\operatorname{NLL}_i - \log y_i!` (``full=True`` adds
  Stirling's approximation of :math:`\log y_i!` back);
- ``gaussian_nll_loss``: Gaussian with a predicted variance,
  :math:`\operatorname{NLL}_i - \tfrac12\log 2\pi` (``full=True`` adds it back);
- ``hinge_loss``: not a negative log-likelihood of any model of the labels;

and ``reduction="mean"`` divides the sum by the number of terms, which changes the scale of the
loss but not its minimiser.

Every function takes numpy arrays (computed in float64) or torch tensors (computed in the tensors'
dtype, or in float64 where a plain number such as ``eps`` lies beyond that dtype's range;
differentiable by autograd), works in log space (``softplus`` for
:math:`\log(1 + e^x)`, ``log_softmax`` for class probabilities, ``log1p`` for :math:`\log(1 - p)`),
and raises a ``ValueError`` that names the argument for bad input: mismatched shapes,
probabilities outside [0, 1], negative variances or rates, labels out of range, nan or inf, and an
unknown ``reduction``. Where torch only warns (a target whose shape differs from the input's and is
silently broadcast) these functions raise.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import numpy as np

from . import _validate as check
from ._backend import binary_exponent, difference_over, is_tensor, ops_for

__all__ = [
    "binary_cross_entropy",
    "binary_cross_entropy_with_logits",
    "cross_entropy",
    "gaussian_nll_loss",
    "hinge_loss",
    "l1_loss",
    "mse_loss",
    "nll_loss",
    "poisson_nll_loss",
]

LOG_2PI = math.log(2 * math.pi)
# torch.nn.functional.binary_cross_entropy clamps each log-probability at -100, so that a
# probability of exactly 0 for the observed class costs 100 nats instead of infinity.
LOG_CLAMP = -100.0
_REDUCTIONS = ("mean", "sum", "none")


# ------------------------------------------------------------------------------------------------
# Helpers: the few operations the backend namespace does not have, and the shared checks.
# ------------------------------------------------------------------------------------------------

def _where(ops: Any, condition: Any, a: Any, b: Any) -> Any:
    if ops.name == "torch":
        torch = ops.torch
        condition = torch.as_tensor(np.asarray(condition), device=ops.device) if not \
            is_tensor(condition) else condition
        return torch.where(condition, ops.asarray(a), ops.asarray(b))
    return np.where(condition, a, b)


def _relu(ops: Any, x: Any) -> Any:
    return ops.torch.clamp_min(x, 0.0) if ops.name == "torch" else np.maximum(x, 0.0)


def _exp(ops: Any, x: Any) -> Any:
    if ops.name == "torch":
        return ops.exp(x)
    with np.errstate(over="ignore"):  # e^x beyond 1.8e308 is an infinite loss, not an accident
        return np.exp(x)


def _move_class_axis_last(ops: Any, x: Any) -> Any:
    if x.ndim <= 2:
        return x
    return x.movedim(1, -1) if ops.name == "torch" else np.moveaxis(x, 1, -1)


def _reduction(reduction: str) -> str:
    if not isinstance(reduction, str) or reduction not in _REDUCTIONS:
        raise ValueError(check.wrap(
            f"reduction must be one of 'mean', 'sum', 'none'; got {reduction!r}"))
    return reduction


def _reduce(ops: Any, loss: Any, reduction: str, denominator: Any = None) -> Any:
    """Sum, mean (the sum divided by ``denominator``, default the number of terms) or nothing."""
    if reduction == "none":
        return ops.result(loss)
    with np.errstate(over="ignore"):  # a sum beyond 1.8e308 is an infinite loss, truly
        total = ops.sum(loss)
    if reduction == "sum":
        return ops.result(total)
    count = loss.numel() if ops.name == "torch" else np.size(loss)
    return ops.result(total / (count if denominator is None else denominator))


def _residual_loss(input: Any, target: Any, reduction: str, weight: Any,
                   pointwise: Callable[[Any, Any], Any]) -> Any:
    """A loss of the residual ``input - target`` (squared or absolute), optionally weighted;
    the weighted mean divides by the sum of the weights, as torch does."""
    _reduction(reduction)
    _predictions(input, target)
    _weight(weight, np.shape(check.as_numpy(input, "input")))
    if weight is not None and reduction == "mean":
        _some_weight(check.as_numpy(weight, "weight"))
    ops = ops_for(input, target, weight)
    with np.errstate(over="ignore"):  # a residual beyond 1.8e308, or its square: inf, truly
        loss = pointwise(ops, ops.asarray(input) - ops.asarray(target))
    if weight is None:
        return _reduce(ops, loss, reduction)
    w = _mean_weights(ops, weight, reduction)
    return _reduce(ops, _weighted(ops, w, loss), reduction, ops.sum(w))


def _same_shape(input: Any, target: Any, what: str = "target") -> tuple[int, ...]:
    shape_in, shape_target = np.shape(check.as_numpy(input, "input")), np.shape(
        check.as_numpy(target, what))
    if shape_in != shape_target:
        raise ValueError(check.wrap(
            f"input has shape {shape_in} but {what} has shape {shape_target}: each prediction "
            f"is compared with its own {what}, so the shapes must be equal (torch would "
            "broadcast them silently)"))
    return shape_in


def _predictions(input: Any, target: Any) -> None:
    """Non-empty, finite, equally shaped predictions and targets."""
    check.observations(input, "input")
    check.finite(target, "target")
    _same_shape(input, target)


def _weight(weight: Any, shape: tuple[int, ...], name: str = "weight") -> None:
    if weight is None:
        return
    values = check.nonnegative(weight, name)
    if values.shape != shape:
        raise ValueError(check.wrap(
            f"{name} has shape {values.shape} but input has shape {shape}: give one "
                         "weight per element"))


def _weighted(ops: Any, w: Any, loss: Any) -> Any:
    """``w * loss``, with 0 where the weight is 0 (even for an infinite loss) and inf, not a
    warning, where the product exceeds 1.8e308."""
    with np.errstate(over="ignore", invalid="ignore"):
        product = w * loss
    zero = w == 0
    if ops.name == "numpy" and not np.any(zero):
        return product
    return ops.where(zero, 0.0, product)


def _mean_weights(ops: Any, weight: Any, reduction: str) -> Any:
    """The weights as an array; for a weighted mean divided by a power of two above the largest.

    A weighted mean does not change when all weights are scaled alike, and the division by
    ``2**e`` is exact: the digits are the same, but the sum of weights near 1e308 cannot
    overflow, nor can its square in a torch gradient underflow for weights near 1e-320.
    """
    w = ops.asarray(weight)
    if reduction != "mean":
        return w
    return ops.ldexp(w, -binary_exponent(check.as_numpy(weight, "weight")))


def _squared_ratio(ops: Any, x: Any, y: Any, v: Any) -> Any:
    """``(x - y)**2 / v``; where the square overflows, ``((x - y) / sqrt(v))**2`` instead.

    The plain formula keeps its digits wherever it is finite; the other form is finite where
    the result is (a residual of 1e308 with a variance of 1e308 gives 1e308, not inf).
    """
    with np.errstate(over="ignore", invalid="ignore"):
        plain = ops.square(x - y) / v
        over = ~(ops.abs(plain.detach() if ops.name == "torch" else plain) < math.inf)
        if not over.any():
            return plain
        x_over, y_over = ops.where(over, x, 0.0), ops.where(over, y, 0.0)
        v_over = ops.where(over, v, 1.0)
        scaled = difference_over(ops, x_over, y_over, v_over ** 0.5)
        safe = ops.square(ops.where(over, 0.0, x - y)) / ops.where(over, 1.0, v)
        return ops.where(over, ops.square(scaled), safe)


def _some_weight(total: Any) -> None:
    """A weighted mean divides by the sum of the weights: it must not be 0."""
    if not np.any(total):
        raise ValueError(check.wrap(
            "weight must not be all zero with reduction='mean': the weighted "
                         "mean divides by\nthe sum of the weights (use reduction='sum')"))


def _broadcast_weight(weight: Any, shape: tuple[int, ...], name: str) -> None:
    """A non-negative weight that broadcasts to the shape of input (the shape of the loss)."""
    values = check.nonnegative(weight, name)
    try:
        fits = np.broadcast_shapes(values.shape, shape) == shape
    except ValueError:
        fits = False
    if not fits:
        raise ValueError(check.wrap(
            f"{name} has shape {values.shape}, which does not broadcast to the "
                         f"shape of input,\n{shape}: give one weight per element, or fewer "
                         "axes to repeat"))


def _clamped_log(ops: Any, p: Any, complement: bool = False) -> Any:
    """``max(log p, -100)`` (or ``max(log(1 - p), -100)``), with a finite gradient at the clamp.

    The argument of the log is replaced by 1 wherever it is 0, so that autograd never forms
    ``0 * (1 / 0)``; the clamped entries then get the constant -100 and gradient 0.
    """
    inside = (1.0 - p) if complement else p
    positive = inside > 0
    safe = _where(ops, positive, p, 0.0 if complement else 1.0)
    logged = ops.log1p(-safe) if complement else ops.log(safe)
    if ops.name == "torch":
        logged = ops.torch.clamp_min(logged, LOG_CLAMP)
    else:
        logged = np.maximum(logged, LOG_CLAMP)
    return _where(ops, positive, logged, LOG_CLAMP)


# ------------------------------------------------------------------------------------------------
# Regression losses: Gaussian and Laplace noise.
# ------------------------------------------------------------------------------------------------

def mse_loss(input: Any, target: Any, *, reduction: str = "mean", weight: Any = None) -> Any:
    r"""Mean squared error: the Gaussian negative log-likelihood with :math:`\sigma = 1`, rescaled.

    .. math:: \ell_i = (x_i - y_i)^2 = 2\,\bigl[-\log \mathcal{N}(y_i \mid x_i, 1)\bigr]
              - \log 2\pi

    For a general :math:`\sigma`,
    :math:`(x_i - y_i)^2 = -2\sigma^2 \bigl[\log \mathcal{N}(y_i \mid x_i, \sigma)
    + \tfrac12 \log(2\pi\sigma^2)\bigr]`: the squared error is the Gaussian NLL with its constant
    removed and multiplied by :math:`2\sigma^2`. Neither change moves the minimiser in the mean,
    so minimising squared error is maximum likelihood under Gaussian noise of any fixed
    :math:`\sigma`.

    Introduced in Chapter 7 (Every loss is a negative log-likelihood).

    Parameters
    ----------
    input : array_like or torch.Tensor
        Predictions :math:`x_i` (the Gaussian means).
    target : array_like or torch.Tensor
        Observations :math:`y_i`, with the shape of ``input``.
    reduction : {"mean", "sum", "none"}, default "mean"
        ``"mean"`` divides the sum by the number of elements (by the sum of the weights when
        ``weight`` is given), ``"none"`` returns the elementwise losses.
    weight : array_like or torch.Tensor, optional
        Non-negative weights with the shape of ``input`` (torch's ``weight``).

    Returns
    -------
    float or ndarray or torch.Tensor
        The loss; a tensor if any argument is a tensor.

    Raises
    ------
    ValueError
        If the shapes differ, ``input`` is empty, a value is not finite, a weight is negative,
        every weight is 0 with ``reduction="mean"`` (the mean would divide by 0), or
        ``reduction`` is unknown.

    Examples
    --------
    >>> float(mse_loss([1.0, 2.0], [0.0, 0.0]))
    2.5
    """
    return _residual_loss(input, target, reduction, weight, lambda ops, r: ops.square(r))


def l1_loss(input: Any, target: Any, *, reduction: str = "mean", weight: Any = None) -> Any:
    r"""Mean absolute error: the Laplace negative log-likelihood with scale :math:`b = 1`.

    .. math:: \ell_i = |x_i - y_i| = -\log \operatorname{Laplace}(y_i \mid x_i, 1) - \log 2

    For a general scale, :math:`|x_i - y_i| = -b\,\bigl[\log \operatorname{Laplace}(y_i \mid x_i,
    b) + \log 2b\bigr]`. Minimising it over a constant prediction gives a median, the Laplace MLE
    of the location.

    Introduced in Chapter 7 (Every loss is a negative log-likelihood).

    Parameters
    ----------
    input : array_like or torch.Tensor
        Predictions :math:`x_i` (the Laplace locations).
    target : array_like or torch.Tensor
        Observations :math:`y_i`, with the shape of ``input``.
    reduction : {"mean", "sum", "none"}, default "mean"
        As in :func:`mse_loss`.
    weight : array_like or torch.Tensor, optional
        Non-negative weights with the shape of ``input``; the mean divides by their sum.

    Returns
    -------
    float or ndarray or torch.Tensor
        The loss; a tensor if any argument is a tensor.

    Raises
    ------
    ValueError
        If the shapes differ, ``input`` is empty, a value is not finite, a weight is negative,
        every weight is 0 with ``reduction="mean"`` (the mean would divide by 0), or
        ``reduction`` is unknown.

    Examples
    --------
    >>> float(l1_loss([1.0, 2.0], [0.0, 0.0]))
    1.5
    """
    return _residual_loss(input, target, reduction, weight, lambda ops, r: ops.abs(r))


def gaussian_nll_loss(input: Any, target: Any, var: Any, full: bool = False, eps: float = 1e-6,
                      reduction: str = "mean") -> Any:
    r"""The Gaussian negative log-likelihood with a predicted variance, without its constant.

    .. math:: \ell_i = \tfrac12\bigl[\log v_i + (x_i - y_i)^2 / v_i\bigr]
              = -\log \mathcal{N}(y_i \mid x_i, \sqrt{v_i}) - \tfrac12 \log 2\pi,
              \qquad v_i = \max(\mathrm{var}_i, \varepsilon)

    With ``full=True`` the constant :math:`\tfrac12\log 2\pi` is added back and the loss *is* the
    Gaussian NLL. The variance is clamped from below at ``eps`` (not shifted by it), and, as in
    torch, the clamp is invisible to the gradient: the derivative with respect to ``var`` is
    that of the formula evaluated at the clamped value.

    Introduced in Chapter 7 (Every loss is a negative log-likelihood).

    Parameters
    ----------
    input : array_like or torch.Tensor
        Predicted means :math:`x_i`.
    target : array_like or torch.Tensor
        Observations :math:`y_i`, with the shape of ``input``.
    var : float or array_like or torch.Tensor
        Predicted variances (not standard deviations), >= 0: a number, an array of the shape of
        ``input``, one with the last axis dropped, or one with a single axis of size 1
        (torch's rules).
    full : bool, default False
        Add :math:`\tfrac12\log 2\pi` to every term.
    eps : float, default 1e-6
        Lower bound applied to the variances.
    reduction : {"mean", "sum", "none"}, default "mean"
        ``"mean"`` divides the sum by the number of elements of ``input``.

    Returns
    -------
    float or ndarray or torch.Tensor
        The loss; a tensor if any argument is a tensor.

    Raises
    ------
    ValueError
        If the shapes differ, ``var`` has a negative entry or a shape torch rejects, a value is
        not finite, ``eps`` is not positive, or ``reduction`` is unknown.
    TypeError
        If ``eps`` is not a number (numpy scalars such as ``np.float32(1e-6)`` are), or
        ``full`` is not a boolean.

    Examples
    --------
    >>> import math
    >>> math.isclose(float(gaussian_nll_loss([0.0], [1.0], 1.0, full=True)),
    ...              0.5 + 0.5 * math.log(2 * math.pi))
    True
    """
    _reduction(reduction)
    _predictions(input, target)
    variances = check.nonnegative(var, "var")
    full = check.flag(full, "full")
    eps = check.number(eps, "eps")
    if not eps > 0:
        raise ValueError(check.wrap(f"eps must be a positive number; got {eps!r}"))
    shape = np.shape(check.as_numpy(input, "input"))
    ops = ops_for(input, target, var, eps)
    v = ops.asarray(var)
    if variances.ndim and variances.shape != shape:
        if variances.shape == shape[:-1]:
            v = ops.expand_last(v)
        elif not (len(shape) == variances.ndim and sum(
                b for a, b in zip(shape, variances.shape, strict=True) if a != b) == 1):
            raise ValueError(check.wrap(
                f"var has shape {variances.shape}, which does not fit input of shape "
                             f"{shape}: give one variance per element, per row (the last axis "
                             "dropped), or an axis of size 1 to broadcast"))
    if ops.name == "torch":
        # As torch: clamp the value, let the gradient through as if the clamp were not there.
        v = v + (ops.torch.clamp_min(v, eps) - v).detach()
    else:
        v = np.maximum(v, eps)
    x, y = ops.asarray(input), ops.asarray(target)
    loss = 0.5 * (ops.log(v) + _squared_ratio(ops, x, y, v))
    if full:
        loss = loss + 0.5 * LOG_2PI
    if ops.name == "torch":
        loss = loss.expand(*shape) if tuple(loss.shape) != shape else loss
    else:
        loss = np.broadcast_to(loss, shape)
    return _reduce(ops, loss, reduction)


# ------------------------------------------------------------------------------------------------
# Binary classification: Bernoulli noise, and the hinge loss that is not a likelihood.
# ------------------------------------------------------------------------------------------------

def binary_cross_entropy(input: Any, target: Any, weight: Any = None, *,
                         reduction: str = "mean") -> Any:
    r"""Binary cross-entropy from probabilities: the Bernoulli negative log-likelihood.

    .. math:: \ell_i = -w_i\bigl[y_i \max(\log p_i, -100)
              + (1 - y_i) \max(\log(1 - p_i), -100)\bigr]

    For a 0/1 target and unit weight, :math:`\ell_i = -\log \operatorname{Bernoulli}(y_i \mid
    p_i)` exactly, except where a log-probability is below -100: like torch, each log is clamped
    at -100, so a confident mistake (:math:`p_i = 0` for :math:`y_i = 1`) costs 100 nats
    instead of infinity. A target strictly between 0 and 1 (a soft label) gives the cross-entropy
    of Bernoulli(:math:`y_i`) relative to Bernoulli(:math:`p_i`). :math:`\log(1 - p)` is
    computed with ``log1p``.

    Introduced in Chapter 7 (Every loss is a negative log-likelihood).

    Parameters
    ----------
    input : array_like or torch.Tensor
        Predicted probabilities :math:`p_i` of the class 1, in [0, 1].
    target : array_like or torch.Tensor
        Targets in [0, 1] (usually 0 or 1), with the shape of ``input``.
    weight : array_like or torch.Tensor, optional
        Non-negative weights, broadcast against ``input``. As in torch, the mean still divides
        by the number of elements, not by the sum of the weights.
    reduction : {"mean", "sum", "none"}, default "mean"
        How the elementwise losses are combined.

    Returns
    -------
    float or ndarray or torch.Tensor
        The loss in nats; a tensor if any argument is a tensor.

    Raises
    ------
    ValueError
        If the shapes differ, ``input`` or ``target`` is outside [0, 1] or not finite, a weight
        is negative or does not broadcast to the shape of ``input``, or ``reduction`` is
        unknown.

    Examples
    --------
    >>> import math
    >>> math.isclose(float(binary_cross_entropy([0.8], [1.0])), -math.log(0.8))
    True
    >>> float(binary_cross_entropy([0.0], [1.0]))  # log 0 clamped at -100
    100.0
    """
    _reduction(reduction)
    check.probability(check.nonempty(input, "input"), "input")
    check.probability(target, "target")
    shape = _same_shape(input, target)
    if weight is not None:
        _broadcast_weight(weight, shape, "weight")
    ops = ops_for(input, target, weight)
    p, y = ops.asarray(input), ops.asarray(target)
    loss = -(y * _clamped_log(ops, p) + (1.0 - y) * _clamped_log(ops, p, complement=True))
    if weight is not None:
        loss = _weighted(ops, ops.asarray(weight), loss)
        loss = loss.expand(*shape) if ops.name == "torch" else np.broadcast_to(loss, shape)
    return _reduce(ops, loss, reduction)


def binary_cross_entropy_with_logits(input: Any, target: Any, weight: Any = None, *,
                                     reduction: str = "mean", pos_weight: Any = None) -> Any:
    r"""Binary cross-entropy from logits: the Bernoulli negative log-likelihood, stably.

    With :math:`p_i = \sigma(z_i)`, :math:`-\log p_i = \operatorname{softplus}(-z_i)` and
    :math:`-\log(1 - p_i) = \operatorname{softplus}(z_i)`, so

    .. math:: \ell_i = w_i\bigl[c\, y_i \operatorname{softplus}(-z_i)
              + (1 - y_i)\operatorname{softplus}(z_i)\bigr]

    with ``pos_weight`` :math:`c` (default 1). For 0/1 targets and :math:`w = c = 1` this is
    exactly :math:`-\log \operatorname{Bernoulli}(y_i \mid \sigma(z_i))`, with no clamp needed:
    it is accurate for every finite logit. :math:`c \ne 1` multiplies the likelihood of the
    positive examples by the power :math:`c`, which reweights the classes.

    Introduced in Chapter 7 (Every loss is a negative log-likelihood).

    Parameters
    ----------
    input : array_like or torch.Tensor
        Logits :math:`z_i` (log-odds of the class 1), finite.
    target : array_like or torch.Tensor
        Targets in [0, 1], with the shape of ``input``.
    weight : array_like or torch.Tensor, optional
        Non-negative weights, broadcast against ``input``; the mean divides by the number of
        elements.
    reduction : {"mean", "sum", "none"}, default "mean"
        How the elementwise losses are combined.
    pos_weight : array_like or torch.Tensor, optional
        Non-negative weight of the positive term, broadcast along the last axis (one per class).

    Returns
    -------
    float or ndarray or torch.Tensor
        The loss in nats; a tensor if any argument is a tensor.

    Raises
    ------
    ValueError
        If the shapes differ, a logit is not finite, ``target`` is outside [0, 1], a weight is
        negative or does not broadcast to the shape of ``input``, or ``reduction`` is unknown.

    Examples
    --------
    >>> float(binary_cross_entropy_with_logits([-1000.0], [1.0]))  # -log sigmoid(-1000)
    1000.0
    """
    _reduction(reduction)
    check.observations(input, "input")
    check.probability(target, "target")
    shape = _same_shape(input, target)
    for name, value in (("weight", weight), ("pos_weight", pos_weight)):
        if value is not None:
            _broadcast_weight(value, shape, name)
    ops = ops_for(input, target, weight, pos_weight)
    z, y = ops.asarray(input), ops.asarray(target)
    positive = y * ops.softplus(-z)
    if pos_weight is not None:
        positive = _weighted(ops, ops.asarray(pos_weight), positive)
    with np.errstate(over="ignore"):  # a sum beyond 1.8e308: inf, truly
        loss = positive + (1.0 - y) * ops.softplus(z)
    if weight is not None:
        loss = _weighted(ops, ops.asarray(weight), loss)
    if tuple(loss.shape) != shape:
        loss = loss.expand(*shape) if ops.name == "torch" else np.broadcast_to(loss, shape)
    return _reduce(ops, loss, reduction)


def hinge_loss(input: Any, target: Any, margin: float = 1.0, *, reduction: str = "mean") -> Any:
    r"""The hinge loss of a support vector machine, :math:`\max(0, m - y_i z_i)`. Not an NLL.

    For labels :math:`y_i \in \{-1, +1\}` and scores :math:`z_i`. It equals
    ``2 * torch.nn.functional.multi_margin_loss`` on the two-class scores :math:`(0, z_i)`.

    Unlike every other loss in this module it is **not** the negative log-likelihood of any
    model of the labels: :math:`e^{-\ell}` would have to be a probability up to a constant that
    does not depend on the score, but :math:`e^{-\max(0, m - z)} + e^{-\max(0, m + z)}` equals
    :math:`2e^{-m}\cosh z` for :math:`|z| \le m` and :math:`1 + e^{-m-|z|}` outside: it varies
    with :math:`z`, so no single constant normalises it for every score. A score fitted with
    the hinge loss is therefore not a log-odds, and turning it into a probability needs a
    separate calibration step.

    Introduced in Chapter 7 (Every loss is a negative log-likelihood).

    Parameters
    ----------
    input : array_like or torch.Tensor
        Scores :math:`z_i` (finite).
    target : array_like or torch.Tensor
        Labels, each -1 or +1, with the shape of ``input``.
    margin : float, default 1.0
        The margin :math:`m`.
    reduction : {"mean", "sum", "none"}, default "mean"
        How the elementwise losses are combined.

    Returns
    -------
    float or ndarray or torch.Tensor
        The loss; a tensor if any argument is a tensor.

    Raises
    ------
    ValueError
        If the shapes differ, a label is not -1 or +1, a value (``margin`` included) is not
        finite, or ``reduction`` is unknown.
    TypeError
        If ``margin`` is not a single real number.

    Examples
    --------
    >>> float(hinge_loss([2.0, 0.5, -1.0], [1, 1, 1], reduction="sum"))
    2.5
    """
    _reduction(reduction)
    check.observations(input, "input")
    labels = check.finite(target, "target")
    _same_shape(input, target)
    bad = (labels != 1) & (labels != -1)
    if bad.any():
        index = tuple(int(i) for i in np.argwhere(bad)[0])
        raise ValueError(check.wrap(
            f"target must contain only -1 and +1 (the labels of a hinge loss); got "
                         f"{labels[index].item()!r}" + (f" at index {index}" if index else "")))
    margin = check.number(margin, "margin")
    ops = ops_for(input, target, margin)
    loss = _relu(ops, margin - ops.asarray(target) * ops.asarray(input))
    return _reduce(ops, loss, reduction)


# ------------------------------------------------------------------------------------------------
# Many classes: categorical noise.
# ------------------------------------------------------------------------------------------------

def _class_table(input: Any, name: str, *, allow_minus_inf: bool = False) -> np.ndarray:
    values = check.as_numpy(check.nonempty(input, name), name)
    ok = ~np.isnan(values) & (values != np.inf)
    if not allow_minus_inf:
        ok &= np.isfinite(values)
    if not ok.all():
        index = tuple(int(i) for i in np.argwhere(~ok)[0])
        rule = "finite (no nan or inf)" if not allow_minus_inf else "a log-probability (not nan "
        rule += "" if not allow_minus_inf else "or +inf)"
        raise ValueError(check.wrap(
            f"{name} must be {rule}; got {values[index].item()!r} at index {index}"))
    if values.ndim == 0:
        raise ValueError(check.wrap(
            f"{name} must have a class axis (axis 1, or axis 0 for a single "
                         "example); got a scalar"))
    return values


def _indices(target: Any, shape: tuple[int, ...], n_classes: int,
             ignore_index: int) -> tuple[np.ndarray, np.ndarray]:
    """Class labels (with ignored ones replaced by 0) and the mask of the kept ones."""
    labels = check.finite(target, "target")
    expected = shape[:1] + shape[2:] if len(shape) >= 2 else ()
    if labels.shape != expected:
        raise ValueError(check.wrap(
            f"target has shape {labels.shape} but input has shape {shape}: give one "
                         f"class label per example, shape {expected} (or class probabilities "
                         "with the shape of input)"))
    kept = labels != ignore_index
    valid = (labels == np.round(labels)) & (labels >= 0) & (labels < n_classes)
    bad = kept & ~valid
    if bad.any():
        index = tuple(int(i) for i in np.argwhere(bad)[0])
        raise ValueError(check.wrap(
            f"target must be class labels 0, ..., {n_classes - 1} (or ignore_index "
            f"= {ignore_index}) for input of shape {shape}, or class probabilities with the "
            f"shape of input; got {labels[index].item()!r}"
            + (f" at index {index}" if index else "")))
    if not kept.any():
        raise ValueError(check.wrap(
            f"every target equals ignore_index = {ignore_index}: there is no "
                         "observation to average over"))
    return np.where(kept, labels, 0).astype(np.intp), kept


def _class_weight(weight: Any, n_classes: int) -> None:
    if weight is None:
        return
    values = check.nonnegative(weight, "weight")
    if values.shape != (n_classes,):
        raise ValueError(check.wrap(
            f"weight has shape {values.shape}, but input has {n_classes} classes: give one "
            f"weight per class, shape ({n_classes},)"))


def _indexed_nll(ops: Any, log_probs: Any, labels: np.ndarray, kept: np.ndarray, weight: Any,
                 reduction: str, smoothing: float = 0.0) -> Any:
    """Weighted -log p of the labelled class, mixed with the mean over classes (smoothing)."""
    if weight is not None and reduction == "mean":
        _some_weight(check.as_numpy(weight, "weight")[labels][kept])
    n_classes = log_probs.shape[-1]
    picked = -ops.take_last(log_probs, labels)
    w = ops.asarray(np.ones(n_classes)) if weight is None else _mean_weights(ops, weight,
                                                                             reduction)
    w_label = ops.take_last(w, labels)
    mask = ops.asarray(kept.astype(np.float64))
    loss = _weighted(ops, w_label, picked)
    if smoothing:
        uniform = -ops.sum(w * log_probs, axis=-1) / n_classes
        loss = (1.0 - smoothing) * loss + smoothing * uniform
    # An ignored example contributes 0, even where its placeholder log-probability is -inf.
    loss = _where(ops, kept, loss, 0.0)
    return _reduce(ops, loss, reduction, ops.sum(w_label * mask))


def _smoothing(label_smoothing: float) -> float:
    value = check.number(label_smoothing, "label_smoothing")
    if not 0.0 <= value <= 1.0:
        raise ValueError(check.wrap(f"label_smoothing must be in [0, 1]; got {label_smoothing!r}"))
    return value


def _ignore_index(ignore_index: Any) -> int:
    if isinstance(ignore_index, (bool, np.bool_)) or not isinstance(ignore_index,
                                                                    (int, np.integer)):
        raise TypeError(check.wrap(f"ignore_index must be an integer label; got {ignore_index!r}"))
    return int(ignore_index)


def cross_entropy(input: Any, target: Any, weight: Any = None, *, ignore_index: int = -100,
                  reduction: str = "mean", label_smoothing: float = 0.0) -> Any:
    r"""Cross-entropy from logits: the categorical negative log-likelihood under a softmax.

    With class log-probabilities :math:`\log \pi_{ic} = z_{ic} - \log\sum_m e^{z_{im}}`
    (``log_softmax``, shifted by the largest logit first), a label :math:`y_i` costs

    .. math:: \ell_i = -w_{y_i} \log \pi_{i y_i}
              = -w_{y_i} \log \operatorname{Categorical}(y_i \mid \operatorname{softmax}(z_i)),

    and ``reduction="mean"`` divides the sum by :math:`\sum_i w_{y_i}` (the number of examples
    when there are no weights). With class probabilities as targets, :math:`\ell_i =
    -\sum_c w_c y_{ic} \log \pi_{ic}` and the mean divides by the number of examples. Label
    smoothing :math:`\varepsilon` replaces the target by
    :math:`(1 - \varepsilon)\,\text{target} + \varepsilon / C`; the loss is then no longer the NLL
    of the observed labels.

    Introduced in Chapter 7 (Every loss is a negative log-likelihood).

    Parameters
    ----------
    input : array_like or torch.Tensor
        Logits, shape ``(C,)``, ``(N, C)`` or ``(N, C, d1, ...)`` (classes on axis 1).
    target : array_like or torch.Tensor
        Class labels ``0, ..., C-1`` of shape ``()``, ``(N,)`` or ``(N, d1, ...)``, or class
        probabilities with the shape of ``input`` (a floating-point array).
    weight : array_like or torch.Tensor, optional
        Non-negative weight of each class, shape ``(C,)``.
    ignore_index : int, default -100
        A label value whose examples are left out (with labels only).
    reduction : {"mean", "sum", "none"}, default "mean"
        How the per-example losses are combined.
    label_smoothing : float, default 0.0
        :math:`\varepsilon \in [0, 1]`.

    Returns
    -------
    float or ndarray or torch.Tensor
        The loss in nats; a tensor if any argument is a tensor.

    Raises
    ------
    ValueError
        If a logit is not finite, a label is out of range, probability targets are outside
        [0, 1], shapes do not fit, every label is ignored, the weights of the labels all are 0
        with ``reduction="mean"``, or ``reduction`` is unknown.
    TypeError
        If ``ignore_index`` is not an integer or ``label_smoothing`` not a number.

    Examples
    --------
    >>> import math
    >>> math.isclose(float(cross_entropy([[0.0, 0.0, 0.0]], [2])), math.log(3))
    True
    """
    _reduction(reduction)
    smoothing = _smoothing(label_smoothing)
    ignore_index = _ignore_index(ignore_index)
    table = _class_table(input, "input")
    n_classes = table.shape[1] if table.ndim >= 2 else table.shape[0]
    _class_weight(weight, n_classes)
    target_values = check.as_numpy(target, "target")
    ops = ops_for(input, target, weight)
    log_probs = ops.log_softmax(_move_class_axis_last(ops, ops.asarray(input)))
    probabilistic = (target_values.shape == table.shape
                     and np.issubdtype(target_values.dtype, np.floating))
    if not probabilistic:
        labels, kept = _indices(target, table.shape, n_classes, ignore_index)
        return _indexed_nll(ops, log_probs, labels, kept, weight, reduction, smoothing)
    check.probability(target_values, "target")
    y = _move_class_axis_last(ops, ops.asarray(target))
    if smoothing:
        y = (1.0 - smoothing) * y + smoothing / n_classes
    w = ops.asarray(np.ones(n_classes) if weight is None else weight)
    # A zero target probability contributes 0 even where the log-probability is -inf.
    observed = (y.detach() if ops.name == "torch" else y) > 0
    loss = -ops.sum(_where(ops, observed, w * y * log_probs, 0.0), axis=-1)
    return _reduce(ops, loss, reduction)


def nll_loss(input: Any, target: Any, weight: Any = None, *, ignore_index: int = -100,
             reduction: str = "mean") -> Any:
    r"""The negative log-likelihood of class labels, given their log-probabilities.

    .. math:: \ell_i = -w_{y_i}\, \text{input}_{i y_i}

    When each row of ``input`` holds normalised log-probabilities (the output of a
    ``log_softmax``), :math:`\ell_i = -w_{y_i}\log \operatorname{Categorical}(y_i \mid \pi_i)`:
    the categorical NLL, and ``nll_loss(log_softmax(z), y)`` is ``cross_entropy(z, y)``. The
    function picks one entry per example and does not check the normalisation: given
    unnormalised scores it is not a likelihood. ``reduction="mean"`` divides by
    :math:`\sum_i w_{y_i}`.

    Introduced in Chapter 7 (Every loss is a negative log-likelihood).

    Parameters
    ----------
    input : array_like or torch.Tensor
        Log-probabilities, shape ``(C,)``, ``(N, C)`` or ``(N, C, d1, ...)``; ``-inf``
        (probability 0) is allowed, nan and ``+inf`` are not.
    target : array_like or torch.Tensor
        Class labels ``0, ..., C-1``, shape ``()``, ``(N,)`` or ``(N, d1, ...)``.
    weight : array_like or torch.Tensor, optional
        Non-negative weight of each class, shape ``(C,)``.
    ignore_index : int, default -100
        A label value whose examples are left out.
    reduction : {"mean", "sum", "none"}, default "mean"
        How the per-example losses are combined.

    Returns
    -------
    float or ndarray or torch.Tensor
        The loss in nats; a tensor if any argument is a tensor.

    Raises
    ------
    ValueError
        If ``input`` contains nan or ``+inf``, a label is out of range, the shapes do not fit,
        every label is ignored, the weights of the labels all are 0 with ``reduction="mean"``,
        or ``reduction`` is unknown.
    TypeError
        If ``ignore_index`` is not an integer.

    Examples
    --------
    >>> import math
    >>> math.isclose(float(nll_loss([[math.log(0.25), math.log(0.75)]], [1])), -math.log(0.75))
    True
    """
    _reduction(reduction)
    ignore_index = _ignore_index(ignore_index)
    table = _class_table(input, "input", allow_minus_inf=True)
    n_classes = table.shape[1] if table.ndim >= 2 else table.shape[0]
    _class_weight(weight, n_classes)
    labels, kept = _indices(target, table.shape, n_classes, ignore_index)
    ops = ops_for(input, target, weight)
    log_probs = _move_class_axis_last(ops, ops.asarray(input))
    return _indexed_nll(ops, log_probs, labels, kept, weight, reduction)


# ------------------------------------------------------------------------------------------------
# Counts: Poisson noise.
# ------------------------------------------------------------------------------------------------

def poisson_nll_loss(input: Any, target: Any, log_input: bool = True, full: bool = False, *,
                     eps: float = 1e-8, reduction: str = "mean") -> Any:
    r"""The Poisson negative log-likelihood without :math:`\log y!` (or with Stirling's version).

    With rate :math:`\lambda_i` (``input`` is :math:`\log\lambda_i` when ``log_input``),

    .. math:: \ell_i = \lambda_i - y_i \log\lambda_i
              = -\log \operatorname{Poisson}(y_i \mid \lambda_i) - \log y_i!

    computed as :math:`e^{x_i} - y_i x_i` from the log-rate :math:`x_i`, or as
    :math:`\lambda_i - y_i \log(\lambda_i + \varepsilon)` from the rate itself (the ``eps``
    shifts the rate inside the log, so this form is off by :math:`y_i\log(1 + \varepsilon /
    \lambda_i)`). The dropped :math:`\log y_i!` does not depend on the prediction. ``full=True``
    adds Stirling's approximation of it, :math:`y \log y - y + \tfrac12\log(2\pi y)`, **only
    where** :math:`y_i > 1`: at :math:`y = 0` and :math:`y = 1`, where :math:`\log y! = 0`, the
    term is exactly right by leaving it out. Elsewhere Stirling's formula is below
    :math:`\log y!` by about :math:`1/(12y)`, 0.041 at :math:`y = 2`, so the "full" loss is the
    NLL only up to that error.

    Introduced in Chapter 7 (Every loss is a negative log-likelihood).

    Parameters
    ----------
    input : array_like or torch.Tensor
        Log-rates (``log_input=True``) or rates >= 0 (``log_input=False``).
    target : array_like or torch.Tensor
        Observed counts :math:`y_i \ge 0` (whole numbers for a Poisson likelihood; like torch,
        non-integer values are accepted), with the shape of ``input``.
    log_input : bool, default True
        Whether ``input`` holds log-rates.
    full : bool, default False
        Add Stirling's approximation of :math:`\log y_i!` where :math:`y_i > 1`.
    eps : float, default 1e-8
        Added to the rate inside the log when ``log_input=False``.
    reduction : {"mean", "sum", "none"}, default "mean"
        How the elementwise losses are combined.

    Returns
    -------
    float or ndarray or torch.Tensor
        The loss in nats; a tensor if any argument is a tensor.

    Raises
    ------
    ValueError
        If the shapes differ, a target is negative, a rate is negative, a value is not finite,
        ``eps`` is not > 0, or ``reduction`` is unknown.
    TypeError
        If ``log_input`` or ``full`` is not a boolean (``"no"`` is not False), or ``eps`` is
        not a number.

    Examples
    --------
    >>> import math
    >>> math.isclose(float(poisson_nll_loss([0.0], [3.0])), 1.0)  # e^0 - 3 * 0
    True
    """
    _reduction(reduction)
    log_input, full = check.flag(log_input, "log_input"), check.flag(full, "full")
    eps = check.number(eps, "eps")
    if not eps > 0:
        raise ValueError(check.wrap(
            f"eps must be a number > 0 (it keeps log(rate + eps) finite); got {eps!r}"))
    _predictions(input, target)
    check.nonnegative(target, "target")
    if not log_input:
        check.nonnegative(input, "input")
    ops = ops_for(input, target, eps)
    x, y = ops.asarray(input), ops.asarray(target)
    if log_input:
        # e^x - y x; where e^x overflows the loss is inf (never inf - inf = nan).
        rate = _exp(ops, x)
        with np.errstate(over="ignore", invalid="ignore"):
            loss = _where(ops, rate == math.inf, rate, rate - y * x)
    else:
        loss = x - y * ops.log(x + eps)
    if full:
        above_one = check.as_numpy(target, "target") > 1
        safe = _where(ops, above_one, y, 2.0)
        stirling = ops.xlogy(safe, safe) - safe + 0.5 * ops.log(2 * math.pi * safe)
        loss = loss + _where(ops, above_one, stirling, 0.0)
    return _reduce(ops, loss, reduction)
