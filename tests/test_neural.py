"""The torch classifier and its training, against independent references: scipy's L-BFGS-B
on the same penalised softmax-regression objective written in numpy, scikit-learn's log_loss,
torch's SGD and torch.distributions, and the knob table of Chapter 9.

Tolerances
----------
- Softmax regression with weight decay lambda is strongly convex with modulus at least lambda,
  so a point whose gradient has norm g is within g / lambda of the minimiser. The fits are
  run to gradients of 1e-9 (L-BFGS in torch stops near 1e-9 on this problem: its line search
  finds no decrease beyond the objective's rounding) with lambda = 0.01, so they agree to
  about 1e-7: 1e-6 on the parameters, and 1e-10 on the objective (error ~ g^2 / lambda).
- Log losses computed by two float64 implementations: 1e-12 relative.
"""

from __future__ import annotations

import numpy as np
import pytest
import torch
from scipy import optimize, special
from sklearn.metrics import log_loss

import mlcourse
from mlcourse import (
    TrainingResult,
    class_logits,
    fit_classifier,
    knob_prior,
    mlp_classifier,
    prior_variance_for_weight_decay,
    weight_decay_for_prior,
)

RNG = np.random.default_rng(12)


def _blobs(seed: int, n: int, p: int, k: int, spread: float) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    centres = rng.normal(size=(k, p)) * spread
    y = rng.integers(0, k, size=n)
    return centres[y] + rng.normal(size=(n, p)), y


# --- mlp_classifier -------------------------------------------------------------------

def test_mlp_classifier_architecture_and_initialisation() -> None:
    model = mlp_classifier(64, 32, 10, seed=3)
    first, activation, last = model
    assert isinstance(first, torch.nn.Linear) and isinstance(last, torch.nn.Linear)
    assert isinstance(activation, torch.nn.Tanh)
    assert (first.in_features, first.out_features) == (64, 32)
    assert (last.in_features, last.out_features) == (32, 10)
    assert all(p.dtype == torch.float64 and p.requires_grad for p in model.parameters())
    # Uniform on +-1/sqrt(fan_in), as torch.nn.Linear's default: within the bound, and
    # spread over it (the extremes of 2048 uniforms are within 1% of the ends).
    for layer, fan_in in ((first, 64), (last, 32)):
        weights = layer.weight.detach().numpy()
        bound = 1 / np.sqrt(fan_in)
        assert np.abs(weights).max() <= bound
        if weights.size > 1000:
            assert weights.max() > 0.98 * bound and weights.min() < -0.98 * bound
        assert np.abs(layer.bias.detach().numpy()).max() <= bound


def test_mlp_classifier_is_reproducible_and_leaves_the_global_generator_alone() -> None:
    state = torch.get_rng_state()
    a, b = mlp_classifier(5, 7, 3, seed=11), mlp_classifier(5, 7, 3, seed=11)
    c = mlp_classifier(5, 7, 3, seed=12)
    assert torch.equal(torch.get_rng_state(), state)
    for pa, pb, pc in zip(a.parameters(), b.parameters(), c.parameters(), strict=True):
        assert torch.equal(pa, pb) and not torch.equal(pa, pc)


@pytest.mark.parametrize(("args", "seed", "match"), [
    ((0, 4, 3), 0, "n_features"), ((4, 0, 3), 0, "n_hidden"), ((4, 4, 1), 0, "n_classes"),
    ((4, 4.5, 3), 0, "n_hidden"), ((4, 4, 3), -1, "seed"), ((4, 4, 3), 1.5, "seed"),
    ((4, 4, 3), True, "seed"),
])
def test_mlp_classifier_rejects_bad_sizes(args, seed, match) -> None:
    with pytest.raises(ValueError, match=match):
        mlp_classifier(*args, seed=seed)


# --- weight decay as a prior ----------------------------------------------------------

@pytest.mark.parametrize(("decay", "n"), [(1e-4, 1078), (5e-3, 50), (2.0, 1)])
def test_weight_decay_and_prior_variance_match_the_knob_table(decay, n) -> None:
    variance = prior_variance_for_weight_decay(decay, n)
    assert variance == pytest.approx(knob_prior("SGD(weight_decay)", decay, n=n).scale,
                                     rel=1e-15)
    assert variance == pytest.approx(1 / (n * decay), rel=1e-15)
    assert weight_decay_for_prior(variance, n) == pytest.approx(decay, rel=1e-15)


def test_sgd_weight_decay_is_the_gradient_of_the_gaussian_log_posterior() -> None:
    """One torch SGD step with weight_decay on the mean loss equals a step along the
    gradient of -(log-likelihood + log N(0, prior variance) density) / n, biases included."""
    X, y = _blobs(1, 40, 3, 3, 2.0)
    inputs, targets = torch.as_tensor(X), torch.as_tensor(y)
    decay, lr = 0.05, 0.1
    variance = prior_variance_for_weight_decay(decay, len(y))
    model = mlp_classifier(3, 4, 3, seed=2)
    start = [p.detach().clone() for p in model.parameters()]
    optimizer = torch.optim.SGD(model.parameters(), lr=lr, weight_decay=decay)
    optimizer.zero_grad()
    torch.nn.functional.cross_entropy(model(inputs), targets).backward()
    optimizer.step()
    stepped = [p.detach().clone() for p in model.parameters()]

    reference = mlp_classifier(3, 4, 3, seed=2)
    prior = torch.distributions.Normal(torch.tensor(0.0, dtype=torch.float64),
                                       torch.tensor(variance, dtype=torch.float64).sqrt())
    log_lik = -torch.nn.functional.cross_entropy(reference(inputs), targets, reduction="sum")
    log_prior = sum(prior.log_prob(p).sum() for p in reference.parameters())
    grads = torch.autograd.grad(-(log_lik + log_prior) / len(y), list(reference.parameters()))
    for theta, g, new in zip(start, grads, stepped, strict=True):
        torch.testing.assert_close(new, theta - lr * g, rtol=1e-12, atol=1e-14)


@pytest.mark.parametrize(("function", "name"), [
    (weight_decay_for_prior, "prior_variance"), (prior_variance_for_weight_decay, "weight_decay"),
])
def test_weight_decay_conversions_reject_bad_input(function, name) -> None:
    for bad in (0.0, -1.0, np.inf, np.nan):
        with pytest.raises(ValueError, match=name):
            function(bad, 10)
    with pytest.raises(TypeError, match=name):
        function("0.1", 10)
    for n in (0, 2.5, True, -3):
        with pytest.raises(ValueError, match="n must be a positive whole number"):
            function(0.1, n)


# --- fit_classifier -------------------------------------------------------------------

def _penalised_softmax_regression(X: np.ndarray, y: np.ndarray, decay: float,
                                  k: int) -> np.ndarray:
    """The reference: scipy's L-BFGS-B on mean NLL + decay / 2 |theta|^2 in numpy, with the
    analytic gradient; theta = (W (k, p), b (k,)) flattened, every entry penalised."""
    n, p = X.shape
    onehot = np.eye(k)[y]

    def objective(theta: np.ndarray) -> tuple[float, np.ndarray]:
        W, b = theta[:k * p].reshape(k, p), theta[k * p:]
        logits = X @ W.T + b
        lp = special.log_softmax(logits, axis=1)
        value = -np.sum(lp * onehot) / n + decay / 2 * theta @ theta
        residual = (np.exp(lp) - onehot) / n
        grad = np.concatenate([(residual.T @ X).ravel(), residual.sum(axis=0)]) + decay * theta
        return value, grad

    result = optimize.minimize(objective, np.zeros(k * p + k), jac=True, method="L-BFGS-B",
                               options={"gtol": 1e-12, "ftol": 1e-16, "maxiter": 20_000})
    assert np.abs(objective(result.x)[1]).max() <= 1e-9
    return result.x


def test_fit_classifier_on_softmax_regression_matches_scipy() -> None:
    X, y = _blobs(2, 300, 4, 3, 1.5)
    decay = 0.01
    model = torch.nn.Sequential(torch.nn.Linear(4, 3, dtype=torch.float64))
    with torch.no_grad():
        for p in model.parameters():
            p.zero_()
    result = fit_classifier(model, X, y, weight_decay=decay, tolerance=1e-9, max_iter=2000)
    assert isinstance(result, TrainingResult)
    ours = np.concatenate([model[0].weight.detach().numpy().ravel(),
                           model[0].bias.detach().numpy()])
    reference = _penalised_softmax_regression(X, y, decay, 3)
    np.testing.assert_allclose(ours, reference, rtol=0, atol=1e-6)
    W, b = reference[:12].reshape(3, 4), reference[12:]
    nll = log_loss(y, special.softmax(X @ W.T + b, axis=1))
    assert result.train_nll == pytest.approx(nll, abs=1e-10)
    assert result.objective == pytest.approx(nll + decay / 2 * reference @ reference, abs=1e-10)
    assert result.converged and result.grad_norm <= 1e-9


def test_fit_classifier_reaches_a_stationary_point_of_the_penalised_likelihood() -> None:
    X, y = _blobs(3, 200, 5, 4, 1.0)
    decay = 0.02
    model = mlp_classifier(5, 6, 4, seed=0)
    result = fit_classifier(model, X, y, weight_decay=decay, tolerance=1e-7, max_iter=3000)
    assert result.converged
    # The gradient recomputed independently: autograd through a hand-written forward pass.
    inputs, targets = torch.as_tensor(X), torch.as_tensor(y)
    params = [p.detach().clone().requires_grad_(True) for p in model.parameters()]
    W1, b1, W2, b2 = params
    logits = torch.tanh(inputs @ W1.T + b1) @ W2.T + b2
    nll = -torch.log_softmax(logits, dim=1)[torch.arange(len(y)), targets].mean()
    objective = nll + decay / 2 * sum((p ** 2).sum() for p in params)
    grads = torch.autograd.grad(objective, params)
    assert max(float(g.abs().max()) for g in grads) <= 1e-7
    assert max(float(g.abs().max()) for g in grads) == pytest.approx(result.grad_norm,
                                                                     rel=1e-3, abs=1e-12)
    # The reported training NLL is scikit-learn's log loss of the fitted probabilities.
    probs = special.softmax(class_logits(model, X), axis=1)
    assert result.train_nll == pytest.approx(log_loss(y, probs), rel=1e-12)
    assert result.objective == pytest.approx(float(objective.detach()), rel=1e-12)


def test_without_weight_decay_the_training_likelihood_has_no_maximum() -> None:
    """Separable data: the MLE does not exist, and the training NLL runs towards 0."""
    X, y = _blobs(4, 120, 2, 3, 6.0)
    model = mlp_classifier(2, 8, 3, seed=1)
    result = fit_classifier(model, X, y, max_iter=300)
    assert result.train_nll < 1e-3 and result.objective == result.train_nll
    penalised = fit_classifier(mlp_classifier(2, 8, 3, seed=1), X, y, weight_decay=1e-2,
                               max_iter=300)
    assert penalised.train_nll > 10 * result.train_nll


def test_fit_classifier_is_deterministic_and_restores_the_thread_setting() -> None:
    X, y = _blobs(5, 150, 3, 3, 1.0)
    threads = torch.get_num_threads()
    fits = []
    for _ in range(2):
        model = mlp_classifier(3, 5, 3, seed=4)
        fits.append((fit_classifier(model, X, y, weight_decay=1e-3, max_iter=50),
                     [p.detach().clone() for p in model.parameters()]))
    assert torch.get_num_threads() == threads
    assert fits[0][0] == fits[1][0]
    assert all(torch.equal(a, b) for a, b in zip(fits[0][1], fits[1][1], strict=True))
    assert all(p.grad is None for p in model.parameters())


def test_fit_classifier_accepts_tensors() -> None:
    X, y = _blobs(6, 60, 3, 2, 1.0)
    a = mlp_classifier(3, 3, 2, seed=0)
    b = mlp_classifier(3, 3, 2, seed=0)
    first = fit_classifier(a, X, y, weight_decay=1e-2, max_iter=40)
    second = fit_classifier(b, torch.as_tensor(X), torch.as_tensor(y), weight_decay=1e-2,
                            max_iter=40)
    assert first == second


def test_fit_classifier_rejects_bad_input() -> None:
    X, y = _blobs(7, 30, 3, 3, 1.0)
    model = mlp_classifier(3, 4, 3, seed=0)
    with pytest.raises(TypeError, match=r"model must be a torch\.nn\.Module"):
        fit_classifier(lambda x: x, X, y)
    with pytest.raises(TypeError, match="float64"):
        fit_classifier(torch.nn.Linear(3, 3), X, y)
    with pytest.raises(ValueError, match="X must be a 2-D"):
        fit_classifier(model, X[:, 0], y)
    with pytest.raises(ValueError, match="X must be finite"):
        fit_classifier(model, np.where(X > 1, np.nan, X), y)
    with pytest.raises(ValueError, match="y must have shape"):
        fit_classifier(model, X, y[:-1])
    with pytest.raises(ValueError, match="y must be category labels"):
        fit_classifier(model, X, y + 1)
    with pytest.raises(ValueError, match="y must be whole"):
        fit_classifier(model, X, y + 0.5)
    with pytest.raises(ValueError, match="weight_decay must be >= 0"):
        fit_classifier(model, X, y, weight_decay=-1e-3)
    with pytest.raises(ValueError, match="weight_decay must be finite"):
        fit_classifier(model, X, y, weight_decay=np.nan)
    with pytest.raises(ValueError, match="max_iter"):
        fit_classifier(model, X, y, max_iter=0)
    with pytest.raises(ValueError, match="tolerance must be > 0"):
        fit_classifier(model, X, y, tolerance=0.0)
    with pytest.raises(ValueError, match="model must map X"):
        fit_classifier(torch.nn.Linear(3, 1, dtype=torch.float64), X, y)  # one logit
    with pytest.raises(RuntimeError):  # torch's own shape error: 3 features into 4
        fit_classifier(mlp_classifier(4, 2, 3, seed=0), X, y)


def test_class_logits_are_the_model_outputs_as_numpy() -> None:
    X, _ = _blobs(8, 20, 3, 3, 1.0)
    model = mlp_classifier(3, 4, 3, seed=0)
    logits = class_logits(model, X)
    assert isinstance(logits, np.ndarray) and logits.dtype == np.float64
    assert logits.shape == (20, 3) and logits.flags.writeable
    W1, b1, W2, b2 = (p.detach().numpy() for p in model.parameters())
    np.testing.assert_allclose(logits, np.tanh(X @ W1.T + b1) @ W2.T + b2, rtol=1e-12,
                               atol=1e-14)
    with pytest.raises(ValueError, match="X must be a 2-D"):
        class_logits(model, X[0])
    with pytest.raises(TypeError, match="model must be"):
        class_logits("model", X)


def test_neural_functions_are_exported() -> None:
    for name in ("mlp_classifier", "fit_classifier", "class_logits", "weight_decay_for_prior"):
        assert getattr(mlcourse, name) is globals()[name]
