"""Exercises of Chapter 5, *Linear regression is Gaussian maximum likelihood*.

Every check draws fresh inputs from the trial's seed, and the hard ones are disguised: Filip's
rows are shuffled and its columns and responses rescaled (by powers of 2, which float64 does
exactly), so that no answer can recognise the data and return remembered coefficients. The
references are closed forms, NIST's certified values or torch's autograd; a check never prints a
reference that would pass if pasted, and no description names the function that computes it.
"""

from __future__ import annotations

import math

import numpy as np

from ..datasets import load_nist
from ..densities import gaussian_logpdf, laplace_logpdf
from .framework import Trial, exercise
from .rules import Forbidden

CHAPTER = 5
LOG_2PI = math.log(2 * math.pi)


def _only_numpy(what: str) -> list[Forbidden]:
    """The rules of a "use only numpy" exercise: ``what`` is what the learner writes."""
    return [
        Forbidden("mlcourse", f"the check's reference comes from mlcourse: write {what} "
                              "yourself"),
        Forbidden("scipy", f"the exercise asks for numpy only: write {what} yourself"),
        Forbidden("torch", f"the exercise asks for numpy only: write {what} yourself"),
        Forbidden("statsmodels", f"the exercise asks for numpy only: write {what} yourself"),
        Forbidden("sklearn", f"the exercise asks for numpy only: write {what} yourself"),
    ]


def _uneven(rng: np.random.Generator, n: int, p: int) -> np.ndarray:
    """A design without an intercept column whose columns differ in scale by 1e5 to 1e6."""
    exponents = rng.permutation(np.linspace(-2.5, 2.5, p)) + rng.uniform(-0.5, 0.5, size=p)
    return rng.normal(size=(n, p)) * 10.0 ** exponents


def _with_far_residuals(rng: np.random.Generator, noise: np.ndarray, scale: float,
                        far: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """A design without an intercept, coefficients and a response whose noise has 20 entries
    moved to about ``far`` times ``scale`` (either sign): where a naive likelihood underflows."""
    n = noise.size
    X = _uneven(rng, n, 3)
    beta = rng.normal(0.0, 1.0, size=3) / np.abs(X).mean(axis=0)
    noise = noise.copy()
    moved = rng.choice(n, size=20, replace=False)
    noise[moved] = scale * rng.uniform(0.94 * far, 1.06 * far, size=20) * rng.choice(
        [-1.0, 1.0], 20)
    return X, beta, X @ beta + noise


def _design(rng: np.random.Generator, n: int, p: int) -> np.ndarray:
    """A well-conditioned design: an intercept and p - 1 standard-normal features."""
    return np.column_stack([np.ones(n), rng.normal(size=(n, p - 1))])


def _regression(rng: np.random.Generator, n: int, p: int,
                sigma: float = 0.7) -> tuple[np.ndarray, np.ndarray]:
    X = _design(rng, n, p)
    beta = rng.normal(0.0, 2.0, size=p)
    return X, X @ beta + rng.normal(0.0, sigma, size=n)


def _least_squares(X: np.ndarray, y: np.ndarray) -> np.ndarray:
    """The least-squares coefficients by SVD on the column-equilibrated design (a reference
    independent of QR, accurate for well-conditioned problems whatever the column scales)."""
    norms = np.linalg.norm(X, axis=0)
    return np.linalg.lstsq(X / norms, y, rcond=None)[0] / norms


def _sse(X: np.ndarray, y: np.ndarray, beta: np.ndarray) -> float:
    residual = np.asarray(y, dtype=float) - np.asarray(X, dtype=float) @ np.asarray(beta, float)
    return float(residual @ residual)



def _number(t: Trial, value: object) -> float:
    """The statement asks for a single number (a float, not an array of shape (1,))."""
    t.expect_type(value)
    return float(np.asarray(value, dtype=float))


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


def _gradient_size(X: np.ndarray, y: np.ndarray, beta: np.ndarray,
                   sigma: float) -> np.ndarray:
    """The size of the terms summed in each partial derivative (for the tolerance)."""
    residual = y - X @ beta
    return np.append(np.abs(X).T @ np.abs(residual) / sigma**2,
                     y.size / sigma + float(residual @ residual) / sigma**3)


def _check_gradient(t: Trial, X: np.ndarray, y: np.ndarray, beta: np.ndarray, sigma: float,
                    expected: np.ndarray, what: str) -> None:
    got = t.expect_array(t.call(X, y, beta, sigma), (X.shape[1] + 1,))
    t.expect_close(got, expected, rtol=1e-9, atol=1e-10 * _gradient_size(X, y, beta, sigma),
                   what=what)


# --------------------------------------------------------------------------------------------
gradient = exercise(
    "linreg-nll-gradient", chapter=CHAPTER, function="nll_gradient",
    title="The gradient of the Gaussian negative log-likelihood",
    forbidden=_only_numpy("the derivative"))


@gradient.check("agrees with torch autograd at a random (beta, sigma)")
def _(t: Trial) -> None:
    X, y = _regression(t.rng, 30, 3)
    beta, sigma = t.rng.normal(0.0, 2.0, size=3), float(t.rng.uniform(0.5, 2.0))
    _check_gradient(t, X, y, beta, sigma, _torch_gradient(X, y, beta, sigma),
                    "the p + 1 partial derivatives (beta first, then sigma)")


@gradient.check("is zero at the maximum-likelihood estimate, for 2,000 observations and a "
                "design without an intercept whose columns differ in scale by about 1e5")
def _(t: Trial) -> None:
    n = 2000
    X = _uneven(t.rng, n, 4)
    y = 3.0 + X @ (t.rng.normal(0.0, 2.0, size=4) / np.abs(X).mean(axis=0))
    y += t.rng.normal(0.0, 0.8, size=n)
    beta = _least_squares(X, y)
    sigma = math.sqrt(_sse(X, y, beta) / n)
    _check_gradient(t, X, y, beta, sigma, np.zeros(5),
                    "a zero gradient at the maximum-likelihood beta and sigma")


@gradient.check("for a column of ones, is the score of the Gaussian location-scale model")
def _(t: Trial) -> None:
    n = int(t.rng.integers(15, 40))
    y = t.rng.normal(3.0, 1.5, size=n)
    mu, sigma = float(t.rng.normal(3.0, 1.0)), float(t.rng.uniform(0.8, 2.5))
    residual = y - mu
    expected = np.array([-residual.sum() / sigma**2,
                         n / sigma - float(residual @ residual) / sigma**3])
    _check_gradient(t, np.ones((n, 1)), y, np.array([mu]), sigma, expected,
                    "the derivatives in mu and in sigma of the location model")


@gradient.check("is exact at tiny and huge noise levels: rescaling y, beta and sigma by s "
                "divides the gradient by s (s = 1e-4 or 1e4, 6 columns)")
def _(t: Trial) -> None:
    X, y = _regression(t.rng, 50, 6, sigma=2.0)
    beta, sigma = t.rng.normal(0.0, 2.0, size=6), float(t.rng.uniform(1.0, 3.0))
    residual = y - X @ beta
    unscaled = np.append(-X.T @ residual / sigma**2,
                         y.size / sigma - float(residual @ residual) / sigma**3)
    scale = float(10.0 ** t.rng.choice([-4.0, 4.0]) * t.rng.uniform(1.0, 3.0))
    _check_gradient(t, X, scale * y, scale * beta, scale * sigma, unscaled / scale,
                    "7 partial derivatives: 6 for beta, then 1 for sigma")


def _grad_parts(X, y, beta, sigma):
    X, y, beta = np.asarray(X, float), np.asarray(y, float), np.asarray(beta, float)
    residual = y - X @ beta
    return X.T @ residual, float(residual @ residual), y.size


@gradient.mistake(
    "the gradient of the log-likelihood instead of the negative log-likelihood",
    "Every sign is flipped: this is the gradient of what is maximised. The exercise asks for "
    "the gradient of the NLL, the quantity a fit minimises.")
def _(X, y, beta, sigma):
    xtr, sse, n = _grad_parts(X, y, beta, sigma)
    return -np.concatenate([-xtr / sigma**2, [n / sigma - sse / sigma**3]])


@gradient.mistake(
    "forgot to divide the beta part by sigma^2",
    "In beta, the NLL is SSE times a constant that depends on sigma only: a constant factor "
    "stays in the derivative.")
def _(X, y, beta, sigma):
    xtr, sse, n = _grad_parts(X, y, beta, sigma)
    return np.concatenate([-xtr, [n / sigma - sse / sigma**3]])


@gradient.mistake(
    "the 2 of the square was lost",
    "Differentiate each squared residual with the chain rule: the 2 it brings down meets the "
    "1/2 in front of the sum of squares.")
def _(X, y, beta, sigma):
    xtr, sse, n = _grad_parts(X, y, beta, sigma)
    return np.concatenate([-xtr / (2 * sigma**2), [n / sigma - sse / sigma**3]])


@gradient.mistake(
    "differentiated with respect to sigma^2 instead of sigma",
    "The last entry is the derivative in sigma, the parameter of the function, not in the "
    "variance v = sigma^2; the chain rule links them through dv/dsigma.")
def _(X, y, beta, sigma):
    xtr, sse, n = _grad_parts(X, y, beta, sigma)
    return np.concatenate([-xtr / sigma**2, [n / (2 * sigma**2) - sse / (2 * sigma**4)]])


@gradient.mistake(
    "dropped the n log sigma term of the NLL",
    "The normalising constant of the density does not depend on beta, but it does depend on "
    "sigma: its derivative belongs in the last entry, and without it the sigma part could "
    "never be zero.")
def _(X, y, beta, sigma):
    xtr, sse, _n = _grad_parts(X, y, beta, sigma)
    return np.concatenate([-xtr / sigma**2, [-sse / sigma**3]])


# --------------------------------------------------------------------------------------------
nll = exercise(
    "linreg-gaussian-nll", chapter=CHAPTER, function="gaussian_nll",
    title="The Gaussian negative log-likelihood of a linear model, constant included",
    forbidden=_only_numpy("the negative log-likelihood"))


def _gaussian_nll_scale(X: np.ndarray, y: np.ndarray, beta: np.ndarray, sigma: float) -> float:
    """The sum of the absolute values of the terms of the NLL (for the tolerance)."""
    return _sse(X, y, beta) / (2 * sigma**2) + y.size / 2 * abs(math.log(2 * math.pi * sigma**2))


def _check_nll(t: Trial, X: np.ndarray, y: np.ndarray, beta: np.ndarray, sigma: float,
               expected: float, what: str) -> float:
    got = _number(t, t.call(X, y, beta, sigma))
    t.expect_close(got, expected, rtol=1e-10,
                   atol=1e-10 * _gaussian_nll_scale(X, y, beta, sigma), what=what)
    return got


@nll.check("agrees with the sum of minus the Gaussian log-densities of the observations")
def _(t: Trial) -> None:
    X, y = _regression(t.rng, 30, 3)
    beta, sigma = t.rng.normal(0.0, 2.0, size=3), float(t.rng.uniform(0.3, 3.0))
    expected = -float(np.sum(gaussian_logpdf(y, X @ beta, sigma)))
    _check_nll(t, X, y, beta, sigma, expected, "-sum_i log N(y_i | x_i^T beta, sigma^2)")


@nll.check("at the least-squares fit, equals its minimum over beta and sigma")
def _(t: Trial) -> None:
    n = 45
    X, y = _regression(t.rng, n, 4, sigma=1.3)
    beta = _least_squares(X, y)
    sigma = math.sqrt(_sse(X, y, beta) / n)
    expected = n / 2 * (math.log(2 * math.pi * sigma**2) + 1)
    _check_nll(t, X, y, beta, sigma, expected, "the negative log-likelihood at the fit")


@nll.check("changes between two betas by the change in SSE divided by 2 sigma^2")
def _(t: Trial) -> None:
    X, y = _regression(t.rng, 20, 2)
    first, second = t.rng.normal(0.0, 2.0, size=(2, 2))
    sigma = float(t.rng.uniform(0.5, 2.0))
    base = _number(t, t.call(X, y, first, sigma))
    expected = base + (_sse(X, y, second) - _sse(X, y, first)) / (2 * sigma**2)
    _check_nll(t, X, y, second, sigma, expected,
               "your value at the first beta plus (SSE_2 - SSE_1) / (2 sigma^2)")


@nll.check("is smallest over sigma at the maximum-likelihood sigma, for a fixed beta")
def _(t: Trial) -> None:
    X, y = _regression(t.rng, 30, 3)
    beta = t.rng.normal(0.0, 1.0, size=3)
    best = math.sqrt(_sse(X, y, beta) / 30)
    grid = best * np.linspace(0.5, 1.5, 101)
    values = [-_number(t, t.call(X, y, beta, float(sigma))) for sigma in grid]
    t.expect_argmax(grid, np.array(values), best, 0.006 * best, name="sigma",
                    target_name="the MLE")


@nll.check("stays exact for 3,000 observations, a small sigma and residuals of 40 sigma, with "
           "no intercept column")
def _(t: Trial) -> None:
    n = 3000
    sigma = float(10.0 ** t.rng.uniform(-3.0, -1.0))
    X, beta, y = _with_far_residuals(t.rng, t.rng.normal(0.0, sigma, size=n), sigma, 50.0)
    residual = y - X @ beta
    expected = float(residual @ residual) / (2 * sigma**2) + n / 2 * math.log(
        2 * math.pi * sigma**2)
    _check_nll(t, X, y, beta, sigma, expected, "the negative log-likelihood, finite")


def _nll_parts(X, y, beta, sigma):
    return _sse(X, y, beta), np.asarray(y).size


@nll.mistake(
    "dropped the normalising constant",
    "The sum of squares over 2 sigma^2 has the same minimiser in beta, but it is not the "
    "negative log-likelihood: the density's normalising constant depends on sigma, and each "
    "observation contributes minus its log.")
def _(X, y, beta, sigma):
    sse, _n = _nll_parts(X, y, beta, sigma)
    return sse / (2 * sigma**2)


@nll.mistake(
    "dropped the 2 pi of the normalising constant",
    "A term that depends on no parameter does not change the fit, but without it the value "
    "is no longer the negative log-likelihood (compare one observation's term with a "
    "log-density).")
def _(X, y, beta, sigma):
    sse, n = _nll_parts(X, y, beta, sigma)
    return sse / (2 * sigma**2) + n * math.log(sigma)


@nll.mistake(
    "sigma where sigma^2 belongs in the normalising constant",
    "Look again at the constant in front of the Gaussian density: the square root is taken "
    "of 2 pi times the variance, not times the standard deviation.")
def _(X, y, beta, sigma):
    sse, n = _nll_parts(X, y, beta, sigma)
    return sse / (2 * sigma**2) + n / 2 * math.log(2 * math.pi * sigma)


@nll.mistake(
    "forgot the 1/2 of the exponent",
    "Look again at the exponent of the Gaussian density: the squared distance is divided by "
    "twice the variance.")
def _(X, y, beta, sigma):
    sse, n = _nll_parts(X, y, beta, sigma)
    return sse / sigma**2 + n / 2 * math.log(2 * math.pi * sigma**2)


@nll.mistake(
    "returned the log-likelihood instead of its negative",
    "The negative log-likelihood is minus the sum of the log-densities, the number that a fit "
    "minimises.")
def _(X, y, beta, sigma):
    sse, n = _nll_parts(X, y, beta, sigma)
    return -(sse / (2 * sigma**2) + n / 2 * math.log(2 * math.pi * sigma**2))


# --------------------------------------------------------------------------------------------
sigma_hat = exercise(
    "linreg-sigma-mle", chapter=CHAPTER, function="sigma_mle",
    title="The maximum-likelihood noise level",
    forbidden=_only_numpy("the fit and the estimate"))


def _sigma_reference(X: np.ndarray, y: np.ndarray) -> float:
    beta = _least_squares(X, y)
    return math.sqrt(_sse(X, y, beta) / y.size)


def _check_sigma(t: Trial, X: np.ndarray, y: np.ndarray, expected: float, what: str,
                 rtol: float = 1e-8) -> float:
    got = _number(t, t.call(X, y))
    t.expect_close(got, expected, rtol=rtol, what=what)
    return got


@sigma_hat.check("agrees with the noise level of the least-squares fit")
def _(t: Trial) -> None:
    X, y = _regression(t.rng, 12, 4)
    _check_sigma(t, X, y, _sigma_reference(X, y), "the MLE of sigma for this fit")


@sigma_hat.check("is the Gaussian MLE of the standard deviation for an intercept-only model")
def _(t: Trial) -> None:
    n = int(t.rng.integers(10, 30))
    y = t.rng.normal(5.0, 2.0, size=n)
    _check_sigma(t, np.ones((n, 1)), y, float(np.sqrt(np.mean((y - y.mean()) ** 2))),
                 "the MLE of the standard deviation of y")


@sigma_hat.check("scales with y, and ignores anything in y that the columns of X explain")
def _(t: Trial) -> None:
    X, y = _regression(t.rng, 10, 3)
    base = _number(t, t.call(X, y))
    _check_sigma(t, X, -3.0 * y, 3.0 * base,
                 "3 times your value for y, when y is multiplied by -3")
    shift = X @ t.rng.normal(0.0, 5.0, size=3)
    _check_sigma(t, X, y + shift, base,
                 "your value for y: adding X gamma to y changes only beta_hat")


@sigma_hat.check("does not depend on the order of the observations")
def _(t: Trial) -> None:
    X, y = _regression(t.rng, 14, 3)
    base = _number(t, t.call(X, y))
    order = t.rng.permutation(14)
    _check_sigma(t, X[order], y[order], base,
                 "the same value for the rows of (X, y) in another order", rtol=1e-9)


@sigma_hat.check("is right for 2,000 observations and a design without an intercept whose "
                 "columns differ in scale by about 1e5")
def _(t: Trial) -> None:
    n = 2000
    X = _uneven(t.rng, n, 3)
    y = 4.0 + X @ (t.rng.normal(0.0, 2.0, size=3) / np.abs(X).mean(axis=0))
    y += t.rng.normal(0.0, 0.5, size=n)
    _check_sigma(t, X, y, _sigma_reference(X, y), "the MLE of sigma for this fit")


@sigma_hat.check("stays accurate when the responses are far from 0 (around 1e5)")
def _(t: Trial) -> None:
    X, y = _regression(t.rng, 200, 3, sigma=0.6)
    y = y + 1e5 * t.rng.uniform(1.0, 2.0)
    _check_sigma(t, X, y, _sigma_reference(X, y), "the MLE of sigma for this fit")


def _least_squares_sse(X, y):
    X, y = np.asarray(X, float), np.asarray(y, float)
    beta = np.linalg.lstsq(X, y, rcond=None)[0]
    return _sse(X, y, beta), y.size, X.shape[1]


@sigma_hat.mistake(
    "divided by n - p instead of n",
    "Dividing by n - p gives the unbiased estimate of sigma^2, another estimator. Set the "
    "derivative of the log-likelihood in sigma to zero at beta_hat and see what divides the "
    "sum of squares.")
def _(X, y):
    sse, n, p = _least_squares_sse(X, y)
    return math.sqrt(sse / (n - p))


@sigma_hat.mistake(
    "divided by n - 1 instead of n",
    "n - 1 corrects for one estimated mean; maximum likelihood makes no such correction, "
    "whatever the number of columns.")
def _(X, y):
    sse, n, _p = _least_squares_sse(X, y)
    return math.sqrt(sse / (n - 1))


@sigma_hat.mistake(
    "returned the variance instead of the standard deviation",
    "Your value is in the squared units of y: it estimates sigma^2. The function returns "
    "sigma; the MLE of a function of a parameter is that function of the MLE.")
def _(X, y):
    sse, n, _p = _least_squares_sse(X, y)
    return sse / n


@sigma_hat.mistake(
    "the spread of y instead of the spread of the residuals",
    "np.std(y) measures y around its mean; the noise is what is left around the fitted line, "
    "y - X beta_hat.")
def _(X, y):
    return float(np.std(np.asarray(y, dtype=float)))


@sigma_hat.mistake(
    "the spread of the residuals around their mean",
    "np.std subtracts the mean of the residuals. With an intercept column that mean is 0, but "
    "without one it is not, and the likelihood measures the residuals from 0.")
def _(X, y):
    X, y = np.asarray(X, float), np.asarray(y, float)
    return float(np.std(y - X @ np.linalg.lstsq(X, y, rcond=None)[0]))


# --------------------------------------------------------------------------------------------
_NOT_QR = "the exercise is least squares through QR and a triangular solve"
qr = exercise(
    "linreg-qr", chapter=CHAPTER, function="least_squares_qr",
    title="Least squares by QR, accurate on NIST's Filip data",
    forbidden=[
        Forbidden("numpy.linalg.lstsq", _NOT_QR),
        Forbidden("numpy.linalg.pinv", _NOT_QR),
        Forbidden("numpy.linalg.inv", "an explicit inverse of X^T X squares the condition "
                                      "number; " + _NOT_QR),
        Forbidden("numpy.linalg.svd", _NOT_QR),
        Forbidden("numpy.polyfit", _NOT_QR),
        Forbidden("numpy.polynomial", _NOT_QR),
        Forbidden("scipy.linalg.lstsq", _NOT_QR),
        Forbidden("scipy.linalg.pinv", _NOT_QR),
        Forbidden("scipy.linalg.inv", _NOT_QR),
        Forbidden("scipy.linalg.svd", _NOT_QR),
        Forbidden("scipy.optimize", _NOT_QR),
        Forbidden("scipy.sparse", _NOT_QR),
        Forbidden("torch.linalg.lstsq", _NOT_QR),
        Forbidden("torch.linalg.pinv", _NOT_QR),
        Forbidden("torch.linalg.inv", _NOT_QR),
        Forbidden("torch.linalg.svd", _NOT_QR),
        Forbidden("torch.pinverse", _NOT_QR),
        Forbidden("torch.inverse", _NOT_QR),
        Forbidden("mlcourse", "the check's reference comes from mlcourse; " + _NOT_QR),
        Forbidden("statsmodels", _NOT_QR),
        Forbidden("sklearn", _NOT_QR),
    ])


def _check_coefficients(t: Trial, X: np.ndarray, y: np.ndarray, expected: np.ndarray,
                        what: str) -> None:
    got = t.expect_array(t.call(X, y), (X.shape[1],))
    t.expect_close(got, expected, rtol=1e-8, atol=1e-10 * np.abs(expected).max(), what=what)


@qr.check("agrees with least squares to 8 digits on a well-conditioned problem")
def _(t: Trial) -> None:
    X, y = _regression(t.rng, 30, 4)
    _check_coefficients(t, X, y, _least_squares(X, y), "the least-squares coefficients")


@qr.check("leaves residuals orthogonal to every column of X")
def _(t: Trial) -> None:
    X, y = _regression(t.rng, 25, 3)
    beta = t.expect_array(t.call(X, y), (3,))
    gradient = X.T @ (y - X @ beta)
    scale = np.abs(X).T @ np.abs(y)  # the size of the terms summed in X^T y
    t.expect(bool(np.all(np.abs(gradient) <= 1e-10 * scale)),
             f"expected: X^T (y - X beta) = 0, the normal equations, up to rounding\n"
             f"got:      X^T (y - X beta) = {np.array2string(gradient, precision=3)}")


@qr.check("moves by gamma when X gamma is added to y")
def _(t: Trial) -> None:
    X, y = _regression(t.rng, 20, 3)
    base = t.expect_array(t.call(X, y), (3,))
    gamma = t.rng.normal(0.0, 3.0, size=3)
    _check_coefficients(t, X, y + X @ gamma, base + gamma, "your coefficients for y, plus gamma")


@qr.check("is accurate for 3,000 observations, no intercept, nearly collinear columns "
          "(cond(X) about 1e6) whose scales differ by up to 1e6")
def _(t: Trial) -> None:
    n, p = 3000, 5
    basis, _ = np.linalg.qr(t.rng.normal(size=(n, p)))
    rotation, _ = np.linalg.qr(t.rng.normal(size=(p, p)))
    X = basis @ np.diag(np.logspace(0.0, -6.0, p)) @ rotation * 10.0 ** t.rng.uniform(-3, 3, p)
    beta = t.rng.normal(0.0, 2.0, size=p) / np.abs(X).mean(axis=0)
    fitted = X @ beta
    y = fitted + 1e-8 * np.abs(fitted).mean() * t.rng.normal(size=n)
    got = t.expect_array(t.call(X, y), (p,))
    t.expect_close(got, _least_squares(X, y), rtol=1e-8, what="the least-squares coefficients")


def _disguised_filip(rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Filip with its rows shuffled, each column and the response rescaled by a power of 2
    (exact in float64), and the certified coefficients transformed to match."""
    filip = load_nist("filip")
    order = rng.permutation(filip.y.size)
    columns = 2.0 ** rng.integers(-3, 4, size=filip.degree + 1)
    response = rng.choice([-1.0, 1.0]) * 2.0 ** float(rng.integers(-3, 4))
    X = filip.design()[order] * columns
    return X, response * filip.y[order], response * filip.certified["params"] / columns


@qr.check("gets NIST's certified Filip coefficients right to at least 5 significant digits "
          "(rows shuffled, columns rescaled)")
def _(t: Trial) -> None:
    X, y, certified = _disguised_filip(t.rng)
    got = t.expect_array(t.call(X, y), certified.shape)
    error = np.abs(got - certified) / np.abs(certified)
    worst = int(np.argmax(error))
    digits = -math.log10(error[worst]) if error[worst] > 0 else 16.0
    # The message says how many digits are right, never the certified values themselves.
    t.expect(bool(np.all(error <= 1e-5)),
             "expected: at least 5 correct significant digits in every coefficient\n"
             f"got:      {max(digits, 0.0):.1f} correct digits in coefficient B{worst}"
             " (cond(X) is about 1e15)")


@qr.mistake(
    "solved the normal equations X^T X beta = X^T y",
    "Forming X^T X squares the condition number of X: for Filip that is far beyond what "
    "float64 can hold, and no digit survives. Factorise X itself, and solve the triangular "
    "system that the factorisation leaves.")
def _(X, y):
    X, y = np.asarray(X, float), np.asarray(y, float)
    return np.linalg.solve(X.T @ X, X.T @ y)


# --------------------------------------------------------------------------------------------
laplace = exercise(
    "linreg-laplace-nll", chapter=CHAPTER, function="laplace_nll",
    title="The Laplace negative log-likelihood of a linear model",
    forbidden=_only_numpy("the negative log-likelihood"))


def _laplace_scale(X: np.ndarray, y: np.ndarray, beta: np.ndarray, b: float) -> float:
    """The sum of the absolute values of the terms of the NLL (for the tolerance)."""
    return float(np.sum(np.abs(y - X @ beta))) / b + y.size * abs(math.log(2 * b))


def _check_laplace(t: Trial, X: np.ndarray, y: np.ndarray, beta: np.ndarray, b: float,
                   expected: float, what: str) -> float:
    got = _number(t, t.call(X, y, beta, b))
    t.expect_close(got, expected, rtol=1e-10, atol=1e-10 * _laplace_scale(X, y, beta, b),
                   what=what)
    return got


@laplace.check("agrees with the sum of minus the Laplace log-densities of the observations")
def _(t: Trial) -> None:
    X, y = _regression(t.rng, 30, 3)
    beta, b = t.rng.normal(0.0, 2.0, size=3), float(t.rng.uniform(0.3, 3.0))
    expected = -float(np.sum(laplace_logpdf(y, X @ beta, b)))
    _check_laplace(t, X, y, beta, b, expected, "-sum_i log Laplace(y_i | x_i^T beta, b)")


@laplace.check("for an intercept-only model, is smallest at the median")
def _(t: Trial) -> None:
    n = 2 * int(t.rng.integers(8, 15)) + 1
    y = t.rng.standard_t(2, size=n) + 4.0
    median = float(np.median(y))
    spread = float(np.mean(np.abs(y - median)))
    grid = median + np.linspace(-1.0, 1.0, 201)
    values = [-_number(t, t.call(np.ones((n, 1)), y, np.array([mu]), spread)) for mu in grid]
    t.expect_argmax(grid, np.array(values), median, 0.005, name="mu", target_name="median")


@laplace.check("is smallest over b at the mean absolute residual, for a fixed beta")
def _(t: Trial) -> None:
    X, y = _regression(t.rng, 30, 2)
    beta = t.rng.normal(0.0, 1.0, size=2)
    best = float(np.mean(np.abs(y - X @ beta)))
    grid = best * np.linspace(0.5, 1.5, 101)
    values = [-_number(t, t.call(X, y, beta, float(b))) for b in grid]
    t.expect_argmax(grid, np.array(values), best, 0.006 * best, name="b",
                    target_name="mean |y - X beta|")


@laplace.check("changes between two betas by the change in sum |y - X beta| divided by b")
def _(t: Trial) -> None:
    X, y = _regression(t.rng, 20, 2)
    first, second = t.rng.normal(0.0, 2.0, size=(2, 2))
    b = float(t.rng.uniform(0.5, 2.0))
    base = _number(t, t.call(X, y, first, b))
    change = (np.sum(np.abs(y - X @ second)) - np.sum(np.abs(y - X @ first))) / b
    _check_laplace(t, X, y, second, b, base + float(change),
                   "your value at the first beta plus (sum|r_2| - sum|r_1|) / b")


@laplace.check("stays exact for 3,000 observations, a small b and residuals of 800 b, with no "
               "intercept column")
def _(t: Trial) -> None:
    n = 3000
    b = float(10.0 ** t.rng.uniform(-3.0, -1.0))
    X, beta, y = _with_far_residuals(t.rng, t.rng.laplace(0.0, b, size=n), b, 800.0)
    expected = float(np.sum(np.abs(y - X @ beta))) / b + n * math.log(2 * b)
    _check_laplace(t, X, y, beta, b, expected, "the negative log-likelihood, finite")


def _absolute(X, y, beta):
    X, y = np.asarray(X, float), np.asarray(y, float)
    return float(np.sum(np.abs(y - X @ np.asarray(beta, float)))), y.size


@laplace.mistake(
    "squared residuals (the Gaussian loss)",
    "The Laplace density decays with the distance |y - mu| itself, not with its square.")
def _(X, y, beta, b):
    X, y = np.asarray(X, float), np.asarray(y, float)
    residual = y - X @ np.asarray(beta, float)
    return float(residual @ residual) / b + y.size * math.log(2 * b)


@laplace.mistake(
    "dropped the 2 of the normalising constant",
    "Look again at the constant in front of the Laplace density: each observation "
    "contributes minus its log.")
def _(X, y, beta, b):
    total, n = _absolute(X, y, beta)
    return total / b + n * math.log(b)


@laplace.mistake(
    "dropped the normalising constant",
    "The sum of absolute residuals over b has the same minimiser in beta, but not in b, and it "
    "is not the negative log-likelihood: the density's constant depends on b.")
def _(X, y, beta, b):
    total, _n = _absolute(X, y, beta)
    return total / b


@laplace.mistake(
    "returned the log-likelihood instead of its negative",
    "The negative log-likelihood is minus the sum of the log-densities, the number that a fit "
    "minimises.")
def _(X, y, beta, b):
    total, n = _absolute(X, y, beta)
    return -(total / b + n * math.log(2 * b))
