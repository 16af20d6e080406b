r"""A small neural-network classifier fitted by (penalised) maximum likelihood, reproducibly.

- :func:`mlp_classifier`: a one-hidden-layer tanh network in float64, initialised from its own
  seeded generator (the global torch random state is left alone).
- :func:`fit_classifier`: full-batch L-BFGS on the mean categorical negative log-likelihood
  plus a Gaussian prior (weight decay); no randomness, so a fit is repeatable.
- :func:`weight_decay_for_prior`, :func:`prior_variance_for_weight_decay`: torch's
  ``weight_decay`` on a mean loss and the variance of the Gaussian prior it is.
- :func:`class_logits`: the network's class scores as a numpy array.

torch is imported by these functions, not by ``import mlcourse``.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import numpy as np

from . import _validate as check
from .fitting import check_count

__all__ = [
    "TrainingResult",
    "class_logits",
    "fit_classifier",
    "mlp_classifier",
    "prior_variance_for_weight_decay",
    "weight_decay_for_prior",
]


def mlp_classifier(n_features: int, n_hidden: int, n_classes: int, *, seed: int) -> Any:
    r"""A one-hidden-layer perceptron for classification: linear, tanh, linear, in float64.

    The network maps x to the logits :math:`W_2 \tanh(W_1 x + b_1) + b_2`, whose softmax is the
    categorical distribution of the class (Chapter 7). tanh rather than ReLU: the likelihood is
    then smooth in the weights, which suits L-BFGS and Hessian-based checks. The weights and
    biases of each layer are drawn uniformly on :math:`\pm 1/\sqrt{\text{fan in}}` (the
    distribution of ``torch.nn.Linear``'s default) from ``torch.Generator().manual_seed(seed)``:
    the same seed gives the same network, and the global torch random state is not used.

    Introduced in Chapter 12 (Capstone: a neural network fitted by likelihood).

    Parameters
    ----------
    n_features : int
        The number of inputs.
    n_hidden : int
        The number of hidden units.
    n_classes : int
        The number of classes (>= 2): the number of logits.
    seed : int
        The seed of the initial weights (a non-negative whole number).

    Returns
    -------
    torch.nn.Sequential
        ``Linear(n_features, n_hidden), Tanh(), Linear(n_hidden, n_classes)``, float64.

    Raises
    ------
    ValueError
        If a size is not a positive whole number, `n_classes` is below 2, or `seed` is not a
        non-negative whole number.

    Examples
    --------
    >>> model = mlp_classifier(64, 32, 10, seed=0)
    >>> sum(p.numel() for p in model.parameters())
    2410
    >>> bool((mlp_classifier(64, 32, 10, seed=0)[0].weight == model[0].weight).all())
    True
    """
    import torch

    n_features = check_count(n_features, "n_features")
    n_hidden = check_count(n_hidden, "n_hidden")
    n_classes = check_count(n_classes, "n_classes")
    if n_classes < 2:
        raise ValueError(f"n_classes must be at least 2; got {n_classes}")
    if isinstance(seed, bool) or not isinstance(seed, (int, np.integer)) or seed < 0:
        raise ValueError(f"seed must be a non-negative whole number; got {seed!r}")
    generator = torch.Generator().manual_seed(int(seed))
    layers = []
    for fan_in, fan_out in ((n_features, n_hidden), (n_hidden, n_classes)):
        # skip_init builds the layer without drawing from the global generator.
        layer = torch.nn.utils.skip_init(torch.nn.Linear, fan_in, fan_out, dtype=torch.float64)
        bound = 1 / math.sqrt(fan_in)
        with torch.no_grad():
            for parameter in (layer.weight, layer.bias):
                parameter.copy_(torch.rand(parameter.shape, generator=generator,
                                           dtype=torch.float64) * (2 * bound) - bound)
        layers.append(layer)
    return torch.nn.Sequential(layers[0], torch.nn.Tanh(), layers[1])


def _positive(value: Any, name: str) -> float:
    result = check.number(value, name)
    if not result > 0:
        raise ValueError(f"{name} must be > 0; got {result!r}")
    return result


def weight_decay_for_prior(prior_variance: float, n: int) -> float:
    r"""The torch ``weight_decay`` that is a Gaussian prior N(0, prior_variance) on every
    parameter, for a mean loss over n examples.

    An optimiser's ``weight_decay`` adds :math:`\lambda\theta` to the gradient of the mean
    negative log-likelihood, so it minimises :math:`\frac1n \mathrm{NLL}(\theta) +
    \frac\lambda2 \lVert\theta\rVert^2`, which is :math:`\frac1n` times the negative log
    posterior under :math:`\theta_j \sim \mathcal N(0, 1/(n\lambda))` for every parameter,
    biases included. So :math:`\lambda = 1/(n\sigma^2)`: the same prior needs a smaller
    weight decay on more data. Inverse of :func:`prior_variance_for_weight_decay`.

    Introduced in Chapter 12 (Capstone: a neural network fitted by likelihood).

    Parameters
    ----------
    prior_variance : float
        :math:`\sigma^2 > 0`, the variance of each parameter's prior.
    n : int
        The number of examples the loss averages over.

    Returns
    -------
    float
        :math:`1/(n\sigma^2)`.

    Raises
    ------
    ValueError
        If `prior_variance` is not a finite number > 0 or `n` not a positive whole number.
    TypeError
        If `prior_variance` is not a real number.

    Examples
    --------
    >>> weight_decay_for_prior(2.0, 50)
    0.01
    """
    variance = _positive(prior_variance, "prior_variance")
    n = check_count(n, "n")
    return 1 / (n * variance)


def prior_variance_for_weight_decay(weight_decay: float, n: int) -> float:
    r"""The variance of the Gaussian prior that torch's ``weight_decay`` is, on a mean loss
    over n examples: :math:`1/(n\lambda)`, on every parameter, biases included.

    Inverse of :func:`weight_decay_for_prior`; the scale of
    ``mlcourse.knob_prior("SGD(weight_decay)", weight_decay, n=n)``.

    Introduced in Chapter 12 (Capstone: a neural network fitted by likelihood).

    Parameters
    ----------
    weight_decay : float
        :math:`\lambda > 0`.
    n : int
        The number of examples the loss averages over.

    Returns
    -------
    float
        :math:`1/(n\lambda)`.

    Raises
    ------
    ValueError
        If `weight_decay` is not a finite number > 0 (0 is no prior: an infinite variance) or
        `n` not a positive whole number.
    TypeError
        If `weight_decay` is not a real number.

    Examples
    --------
    >>> prior_variance_for_weight_decay(0.01, 50)
    2.0
    """
    decay = _positive(weight_decay, "weight_decay")
    n = check_count(n, "n")
    return 1 / (n * decay)


@dataclass(frozen=True)
class TrainingResult:
    """What :func:`fit_classifier` reached.

    Introduced in Chapter 12 (Capstone: a neural network fitted by likelihood).

    Attributes
    ----------
    objective : float
        The minimised objective at the end: the mean negative log-likelihood plus
        ``weight_decay / 2`` times the sum of squared parameters.
    train_nll : float
        The mean negative log-likelihood of the training data (without the penalty).
    n_iter : int
        L-BFGS iterations taken.
    converged : bool
        Whether the largest absolute entry of the objective's gradient fell to `tolerance`.
    grad_norm : float
        That largest absolute entry (the infinity norm of the gradient) at the end.
    """

    objective: float
    train_nll: float
    n_iter: int
    converged: bool
    grad_norm: float


@contextmanager
def _one_thread(torch: Any) -> Iterator[None]:
    """Run torch on one thread, and restore the caller's setting after.

    A fit is a long chain of small products (about a thousand 1000 x 64 matrices): threads
    cost more to synchronise than they save, many times more on a busy machine, and a result
    that does not depend on the number of cores is reproducible on every machine.
    """
    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    try:
        yield
    finally:
        torch.set_num_threads(threads)


def _inputs(torch: Any, X: Any) -> Any:
    array = check.observations(check.fixed(X, "X"), "X").astype(np.float64)
    if array.ndim != 2:
        raise ValueError(check.wrap(
            f"X must be a 2-D array (n examples, n features); got shape {array.shape}"))
    return torch.as_tensor(array, dtype=torch.float64)


def _module(torch: Any, model: Any) -> Any:
    if not isinstance(model, torch.nn.Module):
        raise TypeError(f"model must be a torch.nn.Module; got {type(model).__name__}")
    parameters = list(model.parameters())
    if not parameters:
        raise ValueError("model has no parameters to fit")
    wrong = [p.dtype for p in parameters if p.dtype != torch.float64]
    if wrong:
        raise TypeError(check.wrap(
            f"model must have float64 parameters (call model.double()); got {wrong[0]}"))
    return parameters


def _forward(model: Any, inputs: Any) -> Any:
    logits = model(inputs)
    if logits.ndim != 2 or logits.shape[0] != inputs.shape[0] or logits.shape[1] < 2:
        raise ValueError(check.wrap(
            f"model must map X of shape {tuple(inputs.shape)} to logits of shape (n, K) "
            f"with K >= 2; got shape {tuple(logits.shape)}"))
    return logits


def fit_classifier(model: Any, X: Any, y: Any, *, weight_decay: float = 0.0,
                   max_iter: int = 500, tolerance: float = 1e-9) -> TrainingResult:
    r"""Train a classifier in place by penalised maximum likelihood, with full-batch L-BFGS.

    Minimises

    .. math:: \frac1n \sum_i -\log \operatorname{softmax}(f_\theta(x_i))_{y_i}
              + \frac\lambda2 \lVert\theta\rVert^2,

    ``F.cross_entropy(model(X), y)`` plus the weight-decay penalty on every parameter:
    :math:`\frac1n` times the negative log posterior under the Gaussian prior of variance
    ``prior_variance_for_weight_decay(weight_decay, n)`` (Chapter 9), so the result is a MAP
    estimate. The optimiser is ``torch.optim.LBFGS`` with a strong-Wolfe line search on the
    whole training set: no mini-batches, no random numbers, and torch on one thread (the
    caller's thread setting is restored after), so the same model, data and settings give
    the same fit on any number of cores. Different CPUs round the products differently in
    their last bits, and many iterations on a nonconvex likelihood can amplify that: quote a
    fit with the digits its convergence guarantees, and only from a converged fit.

    Without weight decay (``weight_decay=0``) this is maximum likelihood, and for a network
    that can separate its training data **the MLE does not exist**: the training NLL keeps
    falling towards 0 as the weights grow. The fit then stops at `max_iter` with
    ``converged=False``, or with ``converged=True`` because the gradient, which shrinks with
    the NLL, fell below `tolerance` on the way down: either way the training NLL is near 0
    and the weights are no optimum. No error is raised, since watching this happen is the
    point (Chapter 12). L-BFGS also stops, unconverged, where its line search finds no
    decrease: at the objective's rounding level, which a `tolerance` far below about
    ``1e-8 * sqrt(objective)`` can ask for.

    Introduced in Chapter 12 (Capstone: a neural network fitted by likelihood).

    Parameters
    ----------
    model : torch.nn.Module
        float64 parameters; maps X (n, p) to logits (n, K), K >= 2. Trained in place.
    X : array_like or torch.Tensor, shape (n, p)
        The inputs, finite.
    y : array_like or torch.Tensor of int, shape (n,)
        The classes, 0, ..., K - 1.
    weight_decay : float, default 0.0
        :math:`\lambda \ge 0`, the coefficient of the penalty (torch's ``weight_decay``).
    max_iter : int, default 500
        The most L-BFGS iterations.
    tolerance : float, default 1e-9
        Convergence: the largest absolute entry of the gradient of the objective at most this.

    Returns
    -------
    TrainingResult
        ``objective``, ``train_nll`` (mean, no penalty), ``n_iter``, ``converged``,
        ``grad_norm``.

    Raises
    ------
    TypeError
        If `model` is not a torch module with float64 parameters.
    ValueError
        If X or y is malformed (shape, non-finite, a label not a class index), the model's
        output is not (n, K), `weight_decay` is negative or not finite, or `max_iter` or
        `tolerance` is not positive.

    Examples
    --------
    >>> import numpy as np
    >>> X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
    >>> y = np.array([0, 1, 1, 0])
    >>> model = mlp_classifier(2, 4, 2, seed=1)
    >>> fit = fit_classifier(model, X, y, weight_decay=1e-2, tolerance=1e-5)
    >>> fit.converged, bool(fit.grad_norm <= 1e-5)
    (True, True)
    >>> print((class_logits(model, X).argmax(axis=1) == y).all())
    True
    """
    import torch
    from torch.nn import functional

    parameters = _module(torch, model)
    inputs = _inputs(torch, X)
    n = inputs.shape[0]
    decay = check.number(weight_decay, "weight_decay")
    if decay < 0:
        raise ValueError(f"weight_decay must be >= 0; got {decay!r}")
    max_iter = check_count(max_iter, "max_iter")
    tolerance = _positive(tolerance, "tolerance")
    with torch.no_grad():
        n_classes = _forward(model, inputs[:1]).shape[1]
    labels = check.as_numpy(y, "y")
    if labels.shape != (n,):
        raise ValueError(check.wrap(
            f"y must have shape ({n},): one class per row of X; got shape {labels.shape}"))
    targets = torch.as_tensor(check.labels(labels, "y", n_classes, "the model's output"),
                              dtype=torch.int64)

    def objective() -> tuple[Any, Any]:
        nll = functional.cross_entropy(_forward(model, inputs), targets)
        if decay == 0:
            return nll, nll
        penalty = sum(p.square().sum() for p in parameters)
        return nll + (decay / 2) * penalty, nll

    # A history of 20 pairs: longer ones cost more per iteration (in small torch operations)
    # than they save in iterations on networks of this size.
    optimizer = torch.optim.LBFGS(parameters, lr=1.0, max_iter=max_iter,
                                  max_eval=2 * max_iter, tolerance_grad=tolerance,
                                  tolerance_change=0.0, history_size=20,
                                  line_search_fn="strong_wolfe")

    def closure() -> Any:
        optimizer.zero_grad()
        value, _ = objective()
        value.backward()
        return value

    with _one_thread(torch):
        optimizer.step(closure)
        n_iter = int(optimizer.state[parameters[0]].get("n_iter", 0))
        optimizer.zero_grad()
        value, nll = objective()
        gradients = torch.autograd.grad(value, parameters)
    grad_norm = max(float(g.abs().max()) for g in gradients)
    for p in parameters:
        p.grad = None
    return TrainingResult(objective=float(value.detach()), train_nll=float(nll.detach()),
                          n_iter=n_iter,
                          converged=bool(grad_norm <= tolerance), grad_norm=grad_norm)


def class_logits(model: Any, X: Any) -> np.ndarray:
    """The model's class scores (logits) for the rows of X, as a float64 numpy array.

    Introduced in Chapter 12 (Capstone: a neural network fitted by likelihood).

    Parameters
    ----------
    model : torch.nn.Module
        A classifier with float64 parameters, mapping (n, p) to (n, K).
    X : array_like or torch.Tensor, shape (n, p)
        The inputs, finite.

    Returns
    -------
    ndarray, shape (n, K)
        The logits, computed without gradients.

    Raises
    ------
    TypeError
        If `model` is not a torch module with float64 parameters.
    ValueError
        If X is not a finite 2-D array, or the model's output is not (n, K), K >= 2.

    Examples
    --------
    >>> model = mlp_classifier(3, 2, 4, seed=0)
    >>> class_logits(model, [[0.0, 1.0, 2.0]]).shape
    (1, 4)
    """
    import torch

    _module(torch, model)
    inputs = _inputs(torch, X)
    with torch.no_grad(), _one_thread(torch):
        return _forward(model, inputs).numpy().astype(np.float64, copy=True)

