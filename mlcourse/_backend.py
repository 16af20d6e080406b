"""One set of formulas for numpy arrays and torch tensors.

Every likelihood in :mod:`mlcourse` is written once, against the small namespace below. When
any parameter is a ``torch.Tensor`` the torch namespace is used, so the result is a tensor that
autograd can differentiate; otherwise everything is computed in numpy float64.

torch is never imported here: a tensor can only exist if the caller imported torch already.
"""

from __future__ import annotations

import sys
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

    def __init__(self, like: Any) -> None:
        self.torch = sys.modules["torch"]
        self.dtype = like.dtype if like.is_floating_point() else self.torch.float64
        self.device = like.device

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

    def expand_last(self, x: Any) -> Any:
        return x.unsqueeze(-1)

    def take_last(self, x: Any, index: np.ndarray) -> Any:
        index = self.torch.as_tensor(np.asarray(index, dtype=np.int64), device=self.device)
        shape = self.torch.broadcast_shapes(x.shape[:-1], index.shape)
        x = x.expand(*shape, x.shape[-1])
        return self.torch.gather(x, -1, index.expand(shape).unsqueeze(-1)).squeeze(-1)


def ops_for(*values: Any) -> NumpyOps | TorchOps:
    """The namespace to compute with: torch if any value is a tensor, else numpy."""
    for value in values:
        if is_tensor(value):
            return TorchOps(value)
    return NumpyOps()
