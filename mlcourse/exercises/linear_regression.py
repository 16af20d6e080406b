"""Exercises of Chapter 5, *Linear regression is Gaussian maximum likelihood*."""

from __future__ import annotations

import math

import numpy as np

from ..datasets import load_nist
from ..densities import gaussian_logpdf, laplace_logpdf
from ..estimators import gaussian_mle, laplace_mle
from ..regression import add_intercept, linear_regression
from .framework import Trial, exercise

CHAPTER = 5
LOG_2PI = math.log(2 * math.pi)


def _design(rng: np.random.Generator, n: int, p: int) -> np.ndarray:
    """A well-conditioned design: an intercept and p - 1 standard-normal features."""
    return add_intercept(rng.normal(size=(n, p - 1))) if p > 1 else np.ones((n, 1))


def _regression(rng: np.random.Generator, n: int, p: int,
                sigma: float = 0.7) -> tuple[np.ndarray, np.ndarray]:
    X = _design(rng, n, p)
    beta = rng.normal(0.0, 2.0, size=p)
    return X, X @ beta + rng.normal(0.0, sigma, size=n)


def _sse(X: np.ndarray, y: np.ndarray, beta: np.ndarray) -> float:
    residual = np.asarray(y, dtype=float) - np.asarray(X, dtype=float) @ np.asarray(beta, float)
    return float(residual @ residual)


def _torch_gradient(X: np.ndarray, y: np.ndarray, beta: np.ndarray,
                    sigma: float) -> np.ndarray:
    """The gradient of the Gaussian NLL in (beta, sigma), by torch autograd."""
    import torch

    b = torch.tensor(beta, dtype=torch.float64, requires_grad=True)
    s = torch.tensor(sigma, dtype=torch.float64, requires_grad=True)
    mean = torch.as_tensor(X, dtype=torch.float64) @ b
    nll = -gaussian_logpdf(y, mean, s).sum()
    nll.backward()
    return np.concatenate([b.grad.numpy(), [float(s.grad)]])


# --------------------------------------------------------------------------------------------
gradient = exercise(
    "linreg-nll-gradient", chapter=CHAPTER, function="nll_gradient",
    title="The gradient of the Gaussian negative log-likelihood")


@gradient.check("agrees with torch autograd at a random (beta, sigma)")
def _(t: Trial) -> None:
    X, y = _regression(t.rng, 30, 3)
    beta, sigma = t.rng.normal(0.0, 2.0, size=3), float(t.rng.uniform(0.5, 2.0))
    t.expect_close(t.call(X, y, beta, sigma), _torch_gradient(X, y, beta, sigma), rtol=1e-9,
                   atol=1e-9, what="the p + 1 partial derivatives (beta first, then sigma)")


@gradient.check("is zero at the maximum-likelihood estimate (beta_hat, sigma_hat)")
def _(t: Trial) -> None:
    X, y = _regression(t.rng, 40, 4)
    fit = linear_regression(X, y)
    t.expect_close(t.call(X, y, fit.params, fit.sigma), np.zeros(5), atol=1e-8,
                   what="a zero gradient at the least-squares beta and sigma = sqrt(SSE/n)")


@gradient.check("reduces to -n(mean(y) - mu)/sigma^2 and n/sigma - sum((y - mu)^2)/sigma^3 "
                "for an intercept-only model")
def _(t: Trial) -> None:
    n = 25
    y = t.rng.normal(3.0, 1.5, size=n)
    mu, sigma = float(t.rng.normal(3.0, 1.0)), float(t.rng.uniform(0.8, 2.5))
    expected = [-n * (y.mean() - mu) / sigma**2,
                n / sigma - float(np.sum((y - mu) ** 2)) / sigma**3]
    t.expect_close(t.call(np.ones((n, 1)), y, np.array([mu]), sigma), expected, rtol=1e-9,
                   atol=1e-12, what="the derivatives in mu and in sigma of the location model")


@gradient.check("works for any number of columns (here 6) and agrees with autograd")
def _(t: Trial) -> None:
    X, y = _regression(t.rng, 50, 6, sigma=2.0)
    beta, sigma = t.rng.normal(0.0, 2.0, size=6), float(t.rng.uniform(1.0, 3.0))
    t.expect_close(t.call(X, y, beta, sigma), _torch_gradient(X, y, beta, sigma), rtol=1e-9,
                   atol=1e-9, what="7 partial derivatives: 6 for beta, then 1 for sigma")


def _grad_parts(X, y, beta, sigma):
    X, y, beta = np.asarray(X, float), np.asarray(y, float), np.asarray(beta, float)
    residual = y - X @ beta
    return X.T @ residual, float(residual @ residual), y.size


@gradient.mistake(
    "the gradient of the log-likelihood instead of the negative log-likelihood",
    "Every sign is flipped. The NLL is SSE/(2 sigma^2) + n log sigma + (n/2) log(2 pi); its "
    "derivative in beta is -X^T (y - X beta) / sigma^2, which points uphill of the NLL.")
def _(X, y, beta, sigma):
    xtr, sse, n = _grad_parts(X, y, beta, sigma)
    return -np.concatenate([-xtr / sigma**2, [n / sigma - sse / sigma**3]])


@gradient.mistake(
    "forgot to divide the beta part by sigma^2",
    "-X^T (y - X beta) is the gradient of SSE/2, not of SSE/(2 sigma^2): the factor "
    "1/sigma^2 stays in the derivative.")
def _(X, y, beta, sigma):
    xtr, sse, n = _grad_parts(X, y, beta, sigma)
    return np.concatenate([-xtr, [n / sigma - sse / sigma**3]])


@gradient.mistake(
    "the 2 of the square was lost: -X^T (y - X beta) / (2 sigma^2)",
    "The derivative of (y_i - x_i^T beta)^2 is -2 x_i (y_i - x_i^T beta); this 2 cancels the "
    "1/2 of SSE/(2 sigma^2), leaving -X^T (y - X beta) / sigma^2.")
def _(X, y, beta, sigma):
    xtr, sse, n = _grad_parts(X, y, beta, sigma)
    return np.concatenate([-xtr / (2 * sigma**2), [n / sigma - sse / sigma**3]])


@gradient.mistake(
    "differentiated with respect to sigma^2 instead of sigma",
    "The last entry is the derivative in sigma: d/dsigma [n log sigma + SSE/(2 sigma^2)] = "
    "n/sigma - SSE/sigma^3. In the variance v = sigma^2 it would be n/(2v) - SSE/(2v^2).")
def _(X, y, beta, sigma):
    xtr, sse, n = _grad_parts(X, y, beta, sigma)
    return np.concatenate([-xtr / sigma**2, [n / (2 * sigma**2) - sse / (2 * sigma**4)]])


@gradient.mistake(
    "dropped the n log sigma term of the NLL",
    "The normalising constant (n/2) log(2 pi sigma^2) does not depend on beta, but it does "
    "depend on sigma: its derivative n/sigma is what makes the sigma part zero at "
    "sigma^2 = SSE/n.")
def _(X, y, beta, sigma):
    xtr, sse, _n = _grad_parts(X, y, beta, sigma)
    return np.concatenate([-xtr / sigma**2, [-sse / sigma**3]])


# --------------------------------------------------------------------------------------------
nll = exercise(
    "linreg-gaussian-nll", chapter=CHAPTER, function="gaussian_nll",
    title="The Gaussian negative log-likelihood of a linear model, constant included")


@nll.check("agrees with the sum of -mlcourse.gaussian_logpdf over the observations")
def _(t: Trial) -> None:
    X, y = _regression(t.rng, 30, 3)
    beta, sigma = t.rng.normal(0.0, 2.0, size=3), float(t.rng.uniform(0.3, 3.0))
    expected = -float(np.sum(gaussian_logpdf(y, X @ beta, sigma)))
    t.expect_close(t.call(X, y, beta, sigma), expected, rtol=1e-10,
                   what="-sum_i log N(y_i | x_i^T beta, sigma^2)")


@nll.check("equals -llf of mlcourse.linear_regression at the fitted beta and sigma")
def _(t: Trial) -> None:
    X, y = _regression(t.rng, 45, 4, sigma=1.3)
    fit = linear_regression(X, y)
    t.expect_close(t.call(X, y, fit.params, fit.sigma), -fit.llf, rtol=1e-10,
                   what="(n/2)(log(2 pi sigma_hat^2) + 1), the minimum of the NLL")


@nll.check("changes between two betas by the change in SSE divided by 2 sigma^2")
def _(t: Trial) -> None:
    X, y = _regression(t.rng, 20, 2)
    first, second = t.rng.normal(0.0, 2.0, size=(2, 2))
    sigma = float(t.rng.uniform(0.5, 2.0))
    base = t.call(X, y, first, sigma)
    t.expect_type(base)
    expected = float(base) + (_sse(X, y, second) - _sse(X, y, first)) / (2 * sigma**2)
    t.expect_close(t.call(X, y, second, sigma), expected, rtol=1e-10,
                   what="your value at the first beta plus (SSE_2 - SSE_1) / (2 sigma^2)")


@nll.check("is smallest over sigma at sigma = sqrt(SSE/n), for a fixed beta")
def _(t: Trial) -> None:
    X, y = _regression(t.rng, 30, 3)
    beta = t.rng.normal(0.0, 1.0, size=3)
    best = math.sqrt(_sse(X, y, beta) / 30)
    grid = best * np.linspace(0.5, 1.5, 101)
    values = []
    for sigma in grid:
        value = t.call(X, y, beta, float(sigma))
        t.expect_type(value)
        values.append(-float(value))
    t.expect_argmax(grid, np.array(values), best, 0.006 * best, name="sigma",
                    target_name="sqrt(SSE/n)")


def _nll_parts(X, y, beta, sigma):
    return _sse(X, y, beta), np.asarray(y).size


@nll.mistake(
    "dropped the constant (n/2) log(2 pi sigma^2)",
    "SSE/(2 sigma^2) has the same minimiser in beta, but it is not the negative "
    "log-likelihood: add (n/2) log(2 pi sigma^2), the log of the Gaussian's normalising "
    "constant, which depends on sigma.")
def _(X, y, beta, sigma):
    sse, _n = _nll_parts(X, y, beta, sigma)
    return sse / (2 * sigma**2)


@nll.mistake(
    "dropped the (n/2) log(2 pi) term",
    "(n/2) log(2 pi) does not depend on any parameter, so the fit does not change, but the "
    "value is no longer the negative log-likelihood (compare it with a log-density).")
def _(X, y, beta, sigma):
    sse, n = _nll_parts(X, y, beta, sigma)
    return sse / (2 * sigma**2) + n * math.log(sigma)


@nll.mistake(
    "log sigma where log sigma^2 belongs: (n/2) log(2 pi sigma)",
    "The Gaussian density has 1/sqrt(2 pi sigma^2) in front, so each observation contributes "
    "(1/2) log(2 pi sigma^2) = log sigma + (1/2) log(2 pi).")
def _(X, y, beta, sigma):
    sse, n = _nll_parts(X, y, beta, sigma)
    return sse / (2 * sigma**2) + n / 2 * math.log(2 * math.pi * sigma)


@nll.mistake(
    "forgot the 1/2 in SSE/(2 sigma^2)",
    "The exponent of the Gaussian density is -(y - mu)^2 / (2 sigma^2).")
def _(X, y, beta, sigma):
    sse, n = _nll_parts(X, y, beta, sigma)
    return sse / sigma**2 + n / 2 * math.log(2 * math.pi * sigma**2)


@nll.mistake(
    "returned the log-likelihood instead of its negative",
    "The negative log-likelihood is -sum log p(y_i), a number that the fit minimises.")
def _(X, y, beta, sigma):
    sse, n = _nll_parts(X, y, beta, sigma)
    return -(sse / (2 * sigma**2) + n / 2 * math.log(2 * math.pi * sigma**2))


# --------------------------------------------------------------------------------------------
sigma_hat = exercise(
    "linreg-sigma-mle", chapter=CHAPTER, function="sigma_mle",
    title="The maximum-likelihood noise level")


@sigma_hat.check("agrees with mlcourse.linear_regression(X, y).sigma")
def _(t: Trial) -> None:
    X, y = _regression(t.rng, 12, 4)
    t.expect_close(t.call(X, y), linear_regression(X, y).sigma, rtol=1e-9,
                   what="sqrt(SSE/n) of the least-squares fit")


@sigma_hat.check("is the Gaussian MLE of the standard deviation for an intercept-only model")
def _(t: Trial) -> None:
    y = t.rng.normal(5.0, 2.0, size=15)
    t.expect_close(t.call(np.ones((15, 1)), y), gaussian_mle(y)[1], rtol=1e-9,
                   what="mlcourse.gaussian_mle(y)[1], the standard deviation with 1/n")


@sigma_hat.check("scales with y, and ignores anything in y that the columns of X explain")
def _(t: Trial) -> None:
    X, y = _regression(t.rng, 10, 3)
    base = t.call(X, y)
    t.expect_type(base)
    t.expect_close(t.call(X, -3.0 * y), 3.0 * float(base), rtol=1e-9,
                   what="3 times your value for y, when y is multiplied by -3")
    shift = X @ t.rng.normal(0.0, 5.0, size=3)
    t.expect_close(t.call(X, y + shift), float(base), rtol=1e-8,
                   what="your value for y: adding X gamma to y changes only beta_hat")


@sigma_hat.check("does not depend on the order of the observations")
def _(t: Trial) -> None:
    X, y = _regression(t.rng, 14, 3)
    base = t.call(X, y)
    t.expect_type(base)
    order = t.rng.permutation(14)
    t.expect_close(t.call(X[order], y[order]), float(base), rtol=1e-9,
                   what="the same value for the rows of (X, y) in another order")


def _least_squares_sse(X, y):
    X, y = np.asarray(X, float), np.asarray(y, float)
    beta = np.linalg.lstsq(X, y, rcond=None)[0]
    return _sse(X, y, beta), y.size, X.shape[1]


@sigma_hat.mistake(
    "divided by n - p instead of n",
    "SSE/(n - p) is the unbiased estimate of sigma^2 (linear_regression's sigma_unbiased); "
    "setting the derivative of the log-likelihood in sigma to zero gives SSE/n.")
def _(X, y):
    sse, n, p = _least_squares_sse(X, y)
    return math.sqrt(sse / (n - p))


@sigma_hat.mistake(
    "divided by n - 1 instead of n",
    "n - 1 is the correction for one estimated mean; the MLE divides by n whatever p is.")
def _(X, y):
    sse, n, _p = _least_squares_sse(X, y)
    return math.sqrt(sse / (n - 1))


@sigma_hat.mistake(
    "returned the variance instead of the standard deviation",
    "SSE/n is the MLE of sigma^2; the function returns sigma, its square root (the MLE of "
    "sigma, by invariance).")
def _(X, y):
    sse, n, _p = _least_squares_sse(X, y)
    return sse / n


@sigma_hat.mistake(
    "the spread of y instead of the spread of the residuals",
    "np.std(y) measures y around its mean; the noise is what is left around the fitted line, "
    "y - X beta_hat.")
def _(X, y):
    return float(np.std(np.asarray(y, dtype=float)))


# --------------------------------------------------------------------------------------------
qr = exercise(
    "linreg-qr", chapter=CHAPTER, function="least_squares_qr",
    title="Least squares by QR, accurate on NIST's Filip data")


@qr.check("agrees with mlcourse.linear_regression on a well-conditioned problem")
def _(t: Trial) -> None:
    X, y = _regression(t.rng, 30, 4)
    t.expect_close(t.call(X, y), linear_regression(X, y).params, rtol=1e-9, atol=1e-12,
                   what="the least-squares coefficients")


@qr.check("leaves residuals orthogonal to every column of X")
def _(t: Trial) -> None:
    X, y = _regression(t.rng, 25, 3)
    beta = t.call(X, y)
    t.expect_type(beta, shape=(3,))
    gradient = X.T @ (y - X @ np.asarray(beta, dtype=float))
    scale = np.abs(X).T @ np.abs(y)  # the size of the terms summed in X^T y
    t.expect(bool(np.all(np.abs(gradient) <= 1e-10 * scale)),
             f"expected: X^T (y - X beta) = 0, the normal equations, up to rounding\n"
             f"got:      X^T (y - X beta) = {np.array2string(gradient, precision=3)}")


@qr.check("moves by gamma when X gamma is added to y")
def _(t: Trial) -> None:
    X, y = _regression(t.rng, 20, 3)
    base = t.call(X, y)
    t.expect_type(base, shape=(3,))
    gamma = t.rng.normal(0.0, 3.0, size=3)
    t.expect_close(t.call(X, y + X @ gamma), np.asarray(base, float) + gamma, rtol=1e-8,
                   atol=1e-10, what="your coefficients for y, plus gamma")


@qr.check("gets NIST's certified Filip coefficients right to at least 5 significant digits")
def _(t: Trial) -> None:
    filip = load_nist("filip")
    t.expect_close(t.call(filip.design(), filip.y), filip.certified["params"], rtol=1e-5,
                   what="the certified coefficients B0..B10 (cond(X) is about 1.8e15)")


@qr.mistake(
    "solved the normal equations X^T X beta = X^T y",
    "Forming X^T X squares the condition number: for Filip about (1.8e15)^2, far beyond what "
    "float64 can hold, and no digit survives. Factorise X = QR and solve R beta = Q^T y.")
def _(X, y):
    X, y = np.asarray(X, float), np.asarray(y, float)
    return np.linalg.solve(X.T @ X, X.T @ y)


@qr.mistake(
    "inverted X^T X",
    "inv(X^T X) @ X^T @ y is the normal equations with an explicit inverse: the condition "
    "number is squared before anything is solved. Factorise X = QR and solve R beta = Q^T y.")
def _(X, y):
    X, y = np.asarray(X, float), np.asarray(y, float)
    return np.linalg.inv(X.T @ X) @ X.T @ y


@qr.mistake(
    "a pseudo-inverse with the default cutoff (np.linalg.lstsq or np.linalg.pinv)",
    "With their default cutoffs, lstsq and pinv treat singular values below roughly 1e-15 to "
    "1e-14 times the largest as zero; Filip's smallest is 1/1.8e15 of the largest, so they "
    "fit a different, minimum-norm polynomial. Use np.linalg.qr and a triangular solve.")
def _(X, y):
    return np.linalg.lstsq(np.asarray(X, float), np.asarray(y, float), rcond=None)[0]


# --------------------------------------------------------------------------------------------
laplace = exercise(
    "linreg-laplace-nll", chapter=CHAPTER, function="laplace_nll",
    title="The Laplace negative log-likelihood of a linear model")


@laplace.check("agrees with the sum of -mlcourse.laplace_logpdf over the observations")
def _(t: Trial) -> None:
    X, y = _regression(t.rng, 30, 3)
    beta, b = t.rng.normal(0.0, 2.0, size=3), float(t.rng.uniform(0.3, 3.0))
    expected = -float(np.sum(laplace_logpdf(y, X @ beta, b)))
    t.expect_close(t.call(X, y, beta, b), expected, rtol=1e-10,
                   what="-sum_i log Laplace(y_i | x_i^T beta, b)")


@laplace.check("for an intercept-only model, is smallest at the median (mlcourse.laplace_mle)")
def _(t: Trial) -> None:
    y = t.rng.standard_t(2, size=21) + 4.0
    median, spread = laplace_mle(y)
    grid = median + np.linspace(-1.0, 1.0, 201)
    values = []
    for mu in grid:
        value = t.call(np.ones((21, 1)), y, np.array([mu]), spread)
        t.expect_type(value)
        values.append(-float(value))
    t.expect_argmax(grid, np.array(values), median, 0.005, name="mu", target_name="median")


@laplace.check("is smallest over b at the mean absolute residual, for a fixed beta")
def _(t: Trial) -> None:
    X, y = _regression(t.rng, 30, 2)
    beta = t.rng.normal(0.0, 1.0, size=2)
    best = float(np.mean(np.abs(y - X @ beta)))
    grid = best * np.linspace(0.5, 1.5, 101)
    values = []
    for b in grid:
        value = t.call(X, y, beta, float(b))
        t.expect_type(value)
        values.append(-float(value))
    t.expect_argmax(grid, np.array(values), best, 0.006 * best, name="b",
                    target_name="mean |y - X beta|")


@laplace.check("changes between two betas by the change in sum |y - X beta| divided by b")
def _(t: Trial) -> None:
    X, y = _regression(t.rng, 20, 2)
    first, second = t.rng.normal(0.0, 2.0, size=(2, 2))
    b = float(t.rng.uniform(0.5, 2.0))
    base = t.call(X, y, first, b)
    t.expect_type(base)
    change = (np.sum(np.abs(y - X @ second)) - np.sum(np.abs(y - X @ first))) / b
    t.expect_close(t.call(X, y, second, b), float(base) + change, rtol=1e-10,
                   what="your value at the first beta plus (sum|r_2| - sum|r_1|) / b")


def _absolute(X, y, beta):
    X, y = np.asarray(X, float), np.asarray(y, float)
    return float(np.sum(np.abs(y - X @ np.asarray(beta, float)))), y.size


@laplace.mistake(
    "squared residuals (the Gaussian loss)",
    "The Laplace density is exp(-|y - mu| / b) / (2b): absolute residuals, not squares.")
def _(X, y, beta, b):
    X, y = np.asarray(X, float), np.asarray(y, float)
    residual = y - X @ np.asarray(beta, float)
    return float(residual @ residual) / b + y.size * math.log(2 * b)


@laplace.mistake(
    "dropped the log 2 of the normalising constant: n log b",
    "The Laplace density has 1/(2b) in front, so each observation contributes log(2b).")
def _(X, y, beta, b):
    total, n = _absolute(X, y, beta)
    return total / b + n * math.log(b)


@laplace.mistake(
    "dropped the normalising constant n log(2b)",
    "sum |y - X beta| / b has the same minimiser in beta, but not in b, and it is not the "
    "negative log-likelihood: add n log(2b).")
def _(X, y, beta, b):
    total, _n = _absolute(X, y, beta)
    return total / b


@laplace.mistake(
    "returned the log-likelihood instead of its negative",
    "The negative log-likelihood is -sum log p(y_i), a number that the fit minimises.")
def _(X, y, beta, b):
    total, n = _absolute(X, y, beta)
    return -(total / b + n * math.log(2 * b))
