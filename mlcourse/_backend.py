"""One set of formulas for numpy arrays and torch tensors.

Every likelihood in :mod:`mlcourse` is written once, against the small namespace below. When
any parameter is a ``torch.Tensor`` the torch namespace is used, so the result is a tensor that
autograd can differentiate; otherwise everything is computed in numpy float64. The torch dtype
is that of the tensors (promoted together), except that a plain number the dtype cannot hold
(``1e-300`` next to a float32 tensor) promotes the computation to float64 instead of being
rounded to 0 or inf.

torch is never imported here: a tensor can only exist if the caller imported torch already.
"""

from __future__ import annotations

import math
import sys
from collections.abc import Callable
from typing import Any

import numpy as np
from scipy import special


def is_tensor(value: Any) -> bool:
    torch = sys.modules.get("torch")
    return torch is not None and isinstance(value, torch.Tensor)


class NumpyOps:
    """float64 numpy implementations of the operations the likelihoods use."""

    name = "numpy"

    def asarray(self, value: Any) -> np.ndarray:
        return np.asarray(value, dtype=np.float64)

    def result(self, value: Any) -> Any:
        value = np.asarray(value, dtype=np.float64)
        return value[()] if value.ndim == 0 else value

    @staticmethod
    def log(x: np.ndarray) -> np.ndarray:
        # log(0) = -inf is a legitimate log-probability here, not an accident to warn about.
        with np.errstate(divide="ignore"):
            return np.log(x)

    log1p = staticmethod(np.log1p)
    exp = staticmethod(np.exp)
    abs = staticmethod(np.abs)
    square = staticmethod(np.square)
    xlogy = staticmethod(special.xlogy)
    xlog1py = staticmethod(special.xlog1py)
    lgamma = staticmethod(special.gammaln)

    @staticmethod
    def softplus(x: np.ndarray) -> np.ndarray:
        return np.logaddexp(0.0, x)

    @staticmethod
    def logsumexp(x: np.ndarray, axis: int) -> np.ndarray:
        return special.logsumexp(x, axis=axis)

    @staticmethod
    def log_softmax(x: np.ndarray) -> np.ndarray:
        """``x - logsumexp(x)`` along the last axis, without cancellation.

        Shifted by the maximum m first, ``x - m`` is exact and ``e^{x - m}`` is exactly 1 at the
        maximum; the log of the sum is ``log1p`` of the other terms, which keeps the digits that
        ``log(1 + tiny)`` would round away (the log-probability of a dominant category).
        """
        top = np.argmax(x, axis=-1, keepdims=True)
        with np.errstate(over="ignore"):  # a spread beyond 1.8e308 gives -inf: probability 0
            shifted = x - np.take_along_axis(x, top, axis=-1)
        terms = np.exp(shifted)
        np.put_along_axis(terms, top, 0.0, axis=-1)
        return shifted - np.log1p(np.sum(terms, axis=-1, keepdims=True))

    @staticmethod
    def sum(x: np.ndarray, axis: int | None = None) -> np.ndarray:
        return np.sum(x, axis=axis)

    @staticmethod
    def where(condition: Any, a: Any, b: Any) -> np.ndarray:
        return np.where(np.asarray(condition), a, b)

    @staticmethod
    def ldexp(x: Any, exponent: Any) -> np.ndarray:
        """``x * 2**exponent``, exact unless the result leaves the normal range."""
        with np.errstate(over="ignore"):
            return np.ldexp(x, exponent)

    @staticmethod
    def with_gradient_of(value: np.ndarray, generator: Any) -> np.ndarray:
        """``value`` itself: numpy has no gradients to carry (see :meth:`TorchOps`)."""
        return np.asarray(value, dtype=np.float64)

    @staticmethod
    def expand_last(x: np.ndarray) -> np.ndarray:
        return x[..., np.newaxis]

    @staticmethod
    def take_last(x: np.ndarray, index: np.ndarray) -> np.ndarray:
        """``x[..., index]`` elementwise: pick entry ``index[i]`` of the last axis of ``x[i]``."""
        index = np.asarray(index, dtype=np.intp)
        shape = np.broadcast_shapes(x.shape[:-1], index.shape)
        x = np.broadcast_to(x, (*shape, x.shape[-1]))
        index = np.broadcast_to(index, shape)[..., np.newaxis]
        return np.take_along_axis(x, index, axis=-1)[..., 0]


class TorchOps:
    """The same operations on torch tensors, in the dtype and device of the first tensor."""

    name = "torch"

    def __init__(self, like: Any, *others: Any) -> None:
        torch = self.torch = sys.modules["torch"]
        self.device = like.device
        tensors = [v for v in (like, *others) if is_tensor(v) and v.is_floating_point()]
        dtype = tensors[0].dtype if tensors else torch.float64
        for tensor in tensors[1:]:
            dtype = torch.promote_types(dtype, tensor.dtype)
        # A plain number that the tensor's precision cannot hold (1e-300 in float32 rounds to 0,
        # 1e39 to inf) would turn a finite result into nan or inf: compute in float64 instead.
        if dtype != torch.float64 and any(_outside_range(v, dtype) for v in others
                                          if not is_tensor(v)):
            dtype = torch.float64
        self.dtype = dtype

    def asarray(self, value: Any) -> Any:
        if is_tensor(value):
            return value.to(dtype=self.dtype, device=self.device)
        return self.torch.as_tensor(np.asarray(value, dtype=np.float64), dtype=self.dtype,
                                    device=self.device)

    def result(self, value: Any) -> Any:
        return value

    def __getattr__(self, name: str) -> Any:
        torch = self.torch
        table = {
            "log": torch.log, "log1p": torch.log1p, "exp": torch.exp, "abs": torch.abs,
            "square": torch.square, "xlogy": torch.xlogy, "xlog1py": torch.special.xlog1py,
            "lgamma": torch.lgamma,
        }
        if name in table:
            return table[name]
        raise AttributeError(name)

    def softplus(self, x: Any) -> Any:
        # torch.nn.functional.softplus returns x itself above x = 20, an error of up to 2e-9.
        return self.torch.logaddexp(x, self.torch.zeros_like(x))

    def logsumexp(self, x: Any, axis: int) -> Any:
        return self.torch.logsumexp(x, dim=axis)

    def log_softmax(self, x: Any) -> Any:
        # As NumpyOps.log_softmax; torch.log_softmax takes log(1 + tiny) and loses those digits.
        top, index = x.max(dim=-1, keepdim=True)
        shifted = x - top
        others = self.torch.exp(shifted).scatter(-1, index, 0.0).sum(dim=-1, keepdim=True)
        return shifted - self.torch.log1p(others)

    def sum(self, x: Any, axis: int | None = None) -> Any:
        return x.sum() if axis is None else x.sum(dim=axis)

    def where(self, condition: Any, a: Any, b: Any) -> Any:
        torch = self.torch
        if not is_tensor(condition):
            condition = torch.as_tensor(np.asarray(condition), device=self.device)
        a = a if is_tensor(a) else self.asarray(a)
        b = b if is_tensor(b) else self.asarray(b)
        return torch.where(condition, a, b)

    def ldexp(self, x: Any, exponent: Any) -> Any:
        """``x * 2**exponent``, exact unless the result leaves the normal range (in two steps
        where ``2**exponent`` itself is not a float, as ``2**1024``)."""
        if isinstance(exponent, (int, np.integer)):
            if -1000 <= exponent <= 1000:  # 2**exponent is a normal float: one exact step
                return x * (2.0 ** int(exponent))
            half = int(exponent) // 2
            return x * (2.0 ** half) * (2.0 ** (int(exponent) - half))
        exponent = self.asarray(exponent)
        half = self.torch.floor(exponent / 2)
        return x * self.torch.exp2(half) * self.torch.exp2(exponent - half)

    def with_gradient_of(self, value: np.ndarray, generator: Any) -> Any:
        """The float64 ``value``, carrying the autograd graph of ``generator``.

        ``generator`` is a tensor with the same derivatives as the quantity ``value`` holds (it
        differs from it by a constant), computed so that it is finite wherever ``value`` is:
        the result is ``value + (generator - generator.detach())``, exactly ``value`` forwards
        and the derivative of ``generator`` backwards. Where ``generator`` is infinite (an
        impossible outcome, log-probability -inf) it is returned itself.
        """
        torch = self.torch
        constant = torch.as_tensor(np.asarray(value, dtype=np.float64), dtype=generator.dtype,
                                   device=generator.device)
        finite = torch.isfinite(generator.detach())
        return torch.where(finite, constant + (generator - generator.detach()), generator)

    def expand_last(self, x: Any) -> Any:
        return x.unsqueeze(-1)

    def take_last(self, x: Any, index: np.ndarray) -> Any:
        index = self.torch.as_tensor(np.asarray(index, dtype=np.int64), device=self.device)
        shape = self.torch.broadcast_shapes(x.shape[:-1], index.shape)
        x = x.expand(*shape, x.shape[-1])
        return self.torch.gather(x, -1, index.expand(shape).unsqueeze(-1)).squeeze(-1)


def log_twice(ops: Any, b: Any) -> Any:
    """``log(2 b)`` for ``b > 0``, also where ``2 b`` overflows (``b`` above 9e307)."""
    big = b > 8e307
    return ops.where(big, ops.log(ops.where(big, b, 1.0)) + math.log(2),
                     ops.log(2 * ops.where(big, 1.0, b)))


def difference_over(ops: Any, a: Any, b: Any, c: Any) -> Any:
    """``(a - b) / c`` for finite ``a``, ``b`` and ``c > 0``, also where ``a - b`` overflows.

    There (``a = 1e308``, ``b = -1e308``) it is ``(a / 2 - b / 2) / c * 2``; elsewhere the plain
    formula, with its digits.
    """
    with np.errstate(over="ignore", invalid="ignore"):
        d = a - b
        over = ops.abs(d) == math.inf
        if is_tensor(over):
            over = over.detach()
            if not bool(over.any()):
                return d / c  # the usual case: the plain formula, with a smaller graph
        elif not np.any(over):
            return d / c
        plain = ops.where(over, 0.0, d) / c
        halves = (ops.where(over, a, 0.0) * 0.5 - ops.where(over, b, 0.0) * 0.5) / c * 2
        return ops.where(over, halves, plain)


def guard_overflow(ops: Any, compute: Callable[..., Any], values: dict[str, Any],
                   safe: dict[str, Any]) -> Any:
    """``compute(**values)``, with torch gradients kept free of nan where entries overflow.

    An entry that overflows to +-inf (a log-density below -1.8e308) gets a zero gradient from a
    sum of the finite entries, but autograd multiplies that zero by the infinite partial
    derivatives on the way (0 * inf = nan), which poisons a parameter shared with finite
    entries. Such entries are recomputed from the harmless inputs ``safe`` and given their
    overflowed value as a constant: the values are unchanged, the gradient there is 0.
    """
    result = compute(**values)
    if ops.name != "torch" or not result.requires_grad:
        return result
    torch = ops.torch
    bad = ~torch.isfinite(result.detach())
    if not bad.any():
        return result
    guarded = {name: ops.where(bad, safe[name], value) if name in safe else value
               for name, value in values.items()}
    return torch.where(bad, result.detach(), compute(**guarded))


def binary_exponent(*arrays: Any) -> int:
    """The ``e`` with ``max |entry| < 2**e`` (0 if every entry is 0): dividing by ``2**e`` is
    exact, and brings every entry into (-1, 1), where sums and squares cannot overflow."""
    largest = max((float(np.max(np.abs(a), initial=0.0)) for a in arrays), default=0.0)
    return int(np.frexp(largest)[1])


def _outside_range(value: Any, dtype: Any) -> bool:
    """Whether a finite, non-zero entry of ``value`` would round to 0 or inf in ``dtype``."""
    if value is None or isinstance(value, str):
        return False
    try:
        array = np.abs(np.asarray(value, dtype=np.float64))
    except (TypeError, ValueError):
        return False
    info = sys.modules["torch"].finfo(dtype)
    inside = (array == 0) | ~np.isfinite(array) | ((array >= info.tiny) & (array <= info.max))
    return not bool(np.all(inside))


def ops_for(*values: Any) -> NumpyOps | TorchOps:
    """The namespace to compute with: torch if any value is a tensor, else numpy.

    With torch, the dtype is the promotion of the floating tensors' dtypes, or float64 where a
    plain number among ``values`` lies outside the range of that dtype.
    """
    for index, value in enumerate(values):
        if is_tensor(value):
            return TorchOps(value, *values[:index], *values[index + 1:])
    return NumpyOps()
