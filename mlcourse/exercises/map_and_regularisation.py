"""Exercises of Chapter 9, *MAP estimation and regularisation*."""

from __future__ import annotations

import numpy as np
from scipy import special

from ..priors import beta_bernoulli_posterior
from ..regression import logistic_regression
from ..regularization import ridge_regression
from .framework import Trial, describe, exercise
from .rules import Forbidden

CHAPTER = 9


def _numpy_only(what: str) -> tuple[Forbidden, ...]:
    reason = f"the exercise asks for numpy only: write {what} yourself"
    return (Forbidden("scipy", reason), Forbidden("sklearn", reason),
            Forbidden("statsmodels", reason), Forbidden("torch", reason),
            Forbidden("mlcourse", "the check compares with the course's own function; write "
                                  "yours"))


# --------------------------------------------------------------------------------------------
beta_map = exercise(
    "map-beta", chapter=CHAPTER, function="beta_map",
    title="The MAP estimate of a coin under a Beta prior",
    forbidden=_numpy_only("the estimate"))


def _beta_case(t: Trial) -> tuple[int, int, float, float]:
    n = int(t.rng.integers(1, 60))
    k = int(t.rng.integers(0, n + 1))
    a, b = (float(v) for v in t.rng.uniform(1.0, 6.0, size=2))
    return k, n, a, b


@beta_map.check("agrees with the mode of the Beta posterior for random counts and priors")
def _(t: Trial) -> None:
    for _ in range(6):
        k, n, a, b = _beta_case(t)
        t.expect_close(t.call(k, n, a, b), beta_bernoulli_posterior(k, n, a, b).mode,
                       rtol=1e-12, what="the posterior mode, to a relative 1e-12")


@beta_map.check("is the MLE k/n under the uniform prior a = b = 1, 0 and 1 included")
def _(t: Trial) -> None:
    n = int(t.rng.integers(2, 40))
    for k in (0, int(t.rng.integers(1, n)), n):
        t.expect_close(t.call(k, n, 1.0, 1.0), k / n, rtol=1e-12, atol=0.0,
                       what=f"the MLE {k}/{n}: a flat prior changes nothing")


@beta_map.check("never says never: all tails or all heads stay inside (0, 1) when a, b > 1")
def _(t: Trial) -> None:
    n = int(t.rng.integers(5, 30))
    a, b = (float(v) for v in t.rng.uniform(1.5, 4.0, size=2))
    for k in (0, n):
        got = t.call(k, n, a, b)
        t.expect_close(got, beta_bernoulli_posterior(k, n, a, b).mode, rtol=1e-12,
                       what="a probability strictly between 0 and 1")


@beta_map.check("is exact when the mode is tiny: no heads and a prior a just above 1")
def _(t: Trial) -> None:
    # The mode (a - 1) / (n + a + b - 2) is below 1e-9 here: an iterative search that keeps
    # p away from 0, or stops at an absolute tolerance, has no correct digits left.
    n = int(t.rng.integers(1, 60))
    a = 1.0 + float(10 ** t.rng.uniform(-12, -8))
    b = float(t.rng.uniform(1.0, 6.0))
    t.expect_close(t.call(0, n, a, b), beta_bernoulli_posterior(0, n, a, b).mode, rtol=1e-12,
                   atol=0.0, what="the tiny posterior mode, to a relative 1e-12")


@beta_map.check("is exact for counts up to 1e15")
def _(t: Trial) -> None:
    n = int(10 ** t.rng.uniform(12, 15))
    k = int(n * t.rng.uniform(0.01, 0.99))
    a, b = (float(v) for v in t.rng.uniform(1.0, 3.0, size=2))
    t.expect_close(t.call(k, n, a, b), beta_bernoulli_posterior(k, n, a, b).mode,
                   rtol=1e-12, what="the posterior mode, to a relative 1e-12")


@beta_map.mistake(
    "the posterior mean instead of the mode",
    "The MAP estimate is where the posterior density is highest, found by setting the "
    "derivative of the log posterior to zero; the average of the posterior is another "
    "summary, pulled further towards 1/2.")
def _(k, n, a, b):
    return (k + a) / (n + a + b)


@beta_map.mistake(
    "a and b swapped",
    "The prior Beta(a, b) acts as a - 1 extra heads and b - 1 extra tails for the mode: a "
    "goes with the heads.")
def _(k, n, a, b):
    return (k + b - 1) / (n + a + b - 2)


@beta_map.mistake(
    "the prior ignored",
    "The answer is the MLE: the log prior must be added to the log-likelihood before "
    "maximising.")
def _(k, n, a, b):
    return k / n


@beta_map.mistake(
    "the prior's pseudo-counts added to the numerator only",
    "Your estimate does not give k/n back under the flat prior a = b = 1. Count the imaginary "
    "flips that the prior adds to the total as well as to the heads.")
def _(k, n, a, b):
    return (k + a - 1) / (n + a + b)


# --------------------------------------------------------------------------------------------
ridge_map = exercise(
    "map-ridge", chapter=CHAPTER, function="ridge_map",
    title="Ridge regression with a free intercept",
    forbidden=(*_numpy_only("the solver"),
               Forbidden("numpy.linalg.inv", "solve the linear system; do not invert the "
                                             "matrix"),
               Forbidden("numpy.linalg.pinv", "solve the linear system; do not invert the "
                                              "matrix")))


def _regression(t: Trial, n: int, p: int) -> tuple[np.ndarray, np.ndarray]:
    X = t.rng.normal(0.0, 1.0, size=(n, p)) + t.rng.normal(0.0, 2.0, size=p)
    y = 3.0 + X @ t.rng.normal(0.0, 2.0, size=p) + t.rng.normal(0.0, 1.0, size=n)
    return X, y


@ridge_map.check("agrees with the MAP estimate for random data and penalties")
def _(t: Trial) -> None:
    for lam in (0.5, 3.0, float(10 ** t.rng.uniform(1, 2))):
        X, y = _regression(t, 30, 4)
        expected = ridge_regression(X, y, lam)
        got = t.expect_array(t.call(X, y, lam), (5,))
        t.expect_close(got, expected, rtol=0.0, atol=1e-8 * np.abs(expected).max(),
                       what="[intercept, slopes], to 1e-8 of the largest")


@ridge_map.check("gives least squares with an intercept when lam = 0")
def _(t: Trial) -> None:
    X, y = _regression(t, 25, 3)
    design = np.column_stack([np.ones(len(y)), X])
    expected = np.linalg.lstsq(design, y, rcond=None)[0]
    t.expect_close(t.call(X, y, 0.0), expected, rtol=0.0,
                   atol=1e-8 * np.abs(expected).max(), what="the least-squares coefficients")


@ridge_map.check("leaves the intercept unpenalised: shifting y moves only the intercept")
def _(t: Trial) -> None:
    X, y = _regression(t, 30, 3)
    lam = float(t.rng.uniform(1.0, 20.0))
    first = t.expect_array(t.call(X, y, lam), (4,))
    shift = float(t.rng.choice([-1.0, 1.0]) * t.rng.uniform(100.0, 1000.0))
    expected = first + np.r_[shift, np.zeros(3)]
    t.expect_close(t.call(X, y + shift, lam), expected, rtol=0.0,
                   atol=1e-8 * np.abs(expected).max(),
                   what=f"the same slopes and the intercept moved by {shift:.6g}")


@ridge_map.check("works with more features than observations when lam > 0")
def _(t: Trial) -> None:
    X, y = _regression(t, 8, 15)
    lam = float(t.rng.uniform(0.5, 5.0))
    expected = ridge_regression(X, y, lam)
    t.expect_close(t.expect_array(t.call(X, y, lam), (16,)), expected, rtol=0.0,
                   atol=1e-8 * np.abs(expected).max(), what="the MAP estimate, p > n")


@ridge_map.mistake(
    "the intercept penalised too",
    "A column of ones in the design gets the same penalty as the slopes here, which pulls the "
    "mean response towards 0. The prior on the intercept is flat: leave it out of the "
    "penalty (centring X and y is one way).")
def _(X, y, lam):
    X, y = np.asarray(X, float), np.asarray(y, float)
    design = np.column_stack([np.ones(len(y)), X])
    return np.linalg.solve(design.T @ design + lam * np.eye(design.shape[1]), design.T @ y)


@ridge_map.mistake(
    "the penalty doubled",
    "Differentiate the penalised sum of squares carefully: the data term and the penalty both "
    "contribute a factor 2, and they cancel.")
def _(X, y, lam):
    return ridge_regression(X, y, 2 * lam)


@ridge_map.mistake(
    "the slopes fitted without centring",
    "Without an intercept in the fit, the slopes absorb the mean of y. Either centre X and y "
    "before solving for the slopes, or include an unpenalised intercept.")
def _(X, y, lam):
    X, y = np.asarray(X, float), np.asarray(y, float)
    slopes = np.linalg.solve(X.T @ X + lam * np.eye(X.shape[1]), X.T @ y)
    return np.r_[y.mean() - X.mean(axis=0) @ slopes, slopes]


@ridge_map.mistake(
    "the penalty multiplied by n",
    "This objective is a sum of squares, not a mean: lam multiplies the squared norm of the "
    "slopes as it is, with no factor of the sample size.")
def _(X, y, lam):
    return ridge_regression(X, y, lam * len(np.asarray(y)))


# --------------------------------------------------------------------------------------------
logistic_map = exercise(
    "map-logistic", chapter=CHAPTER, function="logistic_map",
    title="Penalised logistic regression, finite on separable data",
    forbidden=_numpy_only("Newton's method"))


def _classification(t: Trial, n: int, p: int, separable: bool = False
                    ) -> tuple[np.ndarray, np.ndarray]:
    X = t.rng.normal(0.0, 1.0, size=(n, p))
    eta = 0.5 + X @ t.rng.normal(0.0, 1.5, size=p)
    if separable:  # split at the median: both classes, separated through the slopes
        return X, (eta > np.median(eta)).astype(float)
    return X, (t.rng.random(n) < special.expit(eta)).astype(float)


def _logistic_reference(X: np.ndarray, y: np.ndarray, prior_var: float) -> np.ndarray:
    design = np.column_stack([np.ones(len(y)), X])
    variance = np.r_[np.inf, np.full(X.shape[1], prior_var)]
    return logistic_regression(design, y, prior_variance=variance).params


@logistic_map.check("agrees with the MAP estimate for random data and prior variances")
def _(t: Trial) -> None:
    # The last prior is strong (1/v far above the data's curvature), where a Newton step
    # that leaves the prior out of the Hessian overshoots and never settles.
    for prior_var in (0.3, 2.0, float(10 ** t.rng.uniform(-1, 1)),
                      float(10 ** t.rng.uniform(-3, -2))):
        X, y = _classification(t, 80, 3)
        expected = _logistic_reference(X, y, prior_var)
        got = t.expect_array(t.call(X, y, prior_var), (4,))
        t.expect_close(got, expected, rtol=0.0, atol=1e-6 * np.abs(expected).max(),
                       what="[intercept, coefficients], to 1e-6 of the largest")


@logistic_map.check("is finite and exact on completely separated classes")
def _(t: Trial) -> None:
    # The weaker prior (v from 10 to 30) leaves a long, flat ridge in the log posterior: a
    # fixed number of gradient or bounded-curvature steps stops far from its top. (The
    # fitted logits stay below about 30 in size, so that 1 - sigmoid keeps its digits.)
    for prior_var in (1.0, float(t.rng.uniform(5.0, 20.0)), float(10 ** t.rng.uniform(1, 1.5))):
        X, y = _classification(t, 50, 2, separable=True)
        expected = _logistic_reference(X, y, prior_var)
        got = t.expect_array(t.call(X, y, prior_var), (3,))
        t.expect_close(got, expected, rtol=0.0, atol=1e-6 * np.abs(expected).max(),
                       what="the finite MAP estimate (the MLE does not exist here)")


@logistic_map.check("sets the gradient of the log posterior to zero, intercept included")
def _(t: Trial) -> None:
    X, y = _classification(t, 60, 4)
    prior_var = float(t.rng.uniform(0.2, 3.0))
    got = t.expect_array(t.call(X, y, prior_var), (5,))
    design = np.column_stack([np.ones(len(y)), X])
    gradient = design.T @ (y - special.expit(design @ got)) - np.r_[0.0, got[1:] / prior_var]
    t.expect(bool(np.abs(gradient).max() <= 1e-6 * len(y)),
             f"expected: a zero gradient of the log posterior (within {1e-6 * len(y):.1e})"
             f"\ngot:      gradient {describe(gradient)}")


@logistic_map.check("does not depend on the order of the observations")
def _(t: Trial) -> None:
    X, y = _classification(t, 40, 2)
    first = t.expect_array(t.call(X, y, 1.0), (3,))
    order = t.rng.permutation(len(y))
    t.expect_close(t.call(X[order], y[order], 1.0), first, rtol=0.0,
                   atol=1e-6 * np.abs(first).max(), what="the same estimate")


@logistic_map.mistake(
    "the intercept penalised too",
    "The prior is on the coefficients of the features only; the intercept has a flat prior, "
    "so it gets no penalty (and no term in the gradient of the log prior).")
def _(X, y, prior_var):
    design = np.column_stack([np.ones(len(y)), np.asarray(X, float)])
    return logistic_regression(design, np.asarray(y, float), prior_variance=prior_var).params


@logistic_map.mistake(
    "prior_var used as a precision",
    "A large prior variance means a weak prior and a small penalty; yours does the opposite. "
    "The log density of N(0, v) divides by v.")
def _(X, y, prior_var):
    return _logistic_reference(np.asarray(X, float), np.asarray(y, float), 1 / prior_var)


@logistic_map.mistake(
    "prior_var used as a standard deviation",
    "prior_var is a variance, as scikit-learn's C is: it is not squared again in the log "
    "prior.")
def _(X, y, prior_var):
    return _logistic_reference(np.asarray(X, float), np.asarray(y, float), prior_var**2)


# --------------------------------------------------------------------------------------------
lasso_cd = exercise(
    "map-lasso-cd", chapter=CHAPTER, function="lasso_cd",
    title="The lasso by coordinate descent", seconds=10.0,
    forbidden=_numpy_only("coordinate descent"))


def _lasso_reference(X: np.ndarray, y: np.ndarray, alpha: float) -> np.ndarray:
    """Coordinate descent to convergence (the checks' own reference, for the mistakes)."""
    n, p = X.shape
    w = np.zeros(p)
    squares = np.einsum("ij,ij->j", X, X)
    residual = y.copy()
    for _ in range(100_000):
        largest = 0.0
        for j in range(p):
            old = w[j]
            rho = X[:, j] @ residual + squares[j] * old
            new = np.sign(rho) * max(abs(rho) - n * alpha, 0.0) / squares[j]
            if new != old:
                residual -= X[:, j] * (new - old)
                w[j] = new
                largest = max(largest, abs(new - old))
        if largest <= 1e-15 * max(1.0, float(np.abs(w).max())):
            break
    return w


def _lasso_data(t: Trial, n: int, p: int, scales: bool = False
                ) -> tuple[np.ndarray, np.ndarray]:
    # correlated columns (a shared factor): coordinate descent then needs many sweeps
    X = 0.6 * t.rng.normal(0.0, 1.0, size=(n, p)) + 0.8 * t.rng.normal(0.0, 1.0, size=(n, 1))
    if scales:
        X *= 10 ** t.rng.uniform(-1, 1, size=p)
    truth = t.rng.normal(0.0, 2.0, size=p) * (t.rng.random(p) < 0.5)
    return X, X @ truth + t.rng.normal(0.0, 1.0, size=n)


def _expect_kkt(t: Trial, X: np.ndarray, y: np.ndarray, alpha: float, got: object) -> None:
    w = t.expect_array(got, (X.shape[1],))
    pull = X.T @ (y - X @ w) / len(y)
    active = w != 0
    balance = np.abs(pull[active] - alpha * np.sign(w[active])).max(initial=0.0)
    inside = np.abs(pull[~active]).max(initial=0.0)
    t.expect(bool(balance <= 1e-7 * alpha and inside <= alpha * (1 + 1e-7)),
             "expected: the KKT conditions, x_j.r / n = alpha sign(w_j) where w_j != 0 and "
             "|x_j.r| / n <= alpha where w_j == 0 exactly (to a relative 1e-7)\n"
             f"got:      w = {describe(w)}, x_j.r / n = {describe(pull)}")


@lasso_cd.check("satisfies the KKT conditions, which only the minimiser does")
def _(t: Trial) -> None:
    for _ in range(2):
        X, y = _lasso_data(t, 50, 6)
        alpha_max = np.abs(X.T @ y).max() / len(y)
        alpha = float(alpha_max * t.rng.uniform(0.05, 0.5))
        _expect_kkt(t, X, y, alpha, t.call(X, y, alpha))


@lasso_cd.check("converges on strongly correlated columns (many sweeps are needed)")
def _(t: Trial) -> None:
    # Two columns with correlation about 0.99 enter with opposite signs: each sweep of
    # coordinate descent then shrinks the error by only about rho^2, so a fixed number of
    # sweeps (100, say) stops early; the loop must run until nothing changes.
    n, p = 40, 4
    rho = float(t.rng.uniform(0.98, 0.99))
    X = (np.sqrt(rho) * t.rng.normal(0.0, 1.0, size=(n, 1))
         + np.sqrt(1 - rho) * t.rng.normal(0.0, 1.0, size=(n, p)))
    X *= 10 ** t.rng.uniform(-0.5, 0.5, size=p)
    first, second = t.rng.choice(p, size=2, replace=False)
    contrast = (X[:, first] / np.linalg.norm(X[:, first])
                - X[:, second] / np.linalg.norm(X[:, second]))
    y = (float(t.rng.uniform(2.0, 4.0)) * np.sqrt(n / (1 - rho)) * contrast
         + 0.3 * t.rng.normal(0.0, 1.0, size=n))
    alpha = float(np.abs(X.T @ y).max() / n * t.rng.uniform(0.05, 0.2))
    _expect_kkt(t, X, y, alpha, t.call(X, y, alpha))


@lasso_cd.check("agrees with the minimiser, exact zeros included")
def _(t: Trial) -> None:
    X, y = _lasso_data(t, 40, 5)
    alpha = float(np.abs(X.T @ y).max() / len(y) * t.rng.uniform(0.2, 0.6))
    expected = _lasso_reference(X, y, alpha)
    t.expect_close(t.call(X, y, alpha), expected, rtol=0.0,
                   atol=1e-6 * np.abs(expected).max(), what="the lasso coefficients")


@lasso_cd.check("is exactly 0 everywhere when alpha >= max |x_j.y| / n")
def _(t: Trial) -> None:
    X, y = _lasso_data(t, 30, 4)
    alpha = float(np.abs(X.T @ y).max() / len(y) * t.rng.uniform(1.0001, 1.5))
    got = t.expect_array(t.call(X, y, alpha), (4,))
    t.expect(bool(np.all(got == 0)),
             f"expected: every coefficient exactly 0.0\ngot:      {describe(got)}")


@lasso_cd.check("handles columns of different scales (x_j.x_j is not n)")
def _(t: Trial) -> None:
    X, y = _lasso_data(t, 60, 5, scales=True)
    alpha = float(np.abs(X.T @ y).max() / len(y) * t.rng.uniform(0.05, 0.3))
    expected = _lasso_reference(X, y, alpha)
    t.expect_close(t.call(X, y, alpha), expected, rtol=0.0,
                   atol=1e-6 * np.abs(expected).max(), what="the lasso coefficients")


@lasso_cd.mistake(
    "the 1/n of the loss forgotten",
    "The data term is a mean over the n observations, (1/2n) times the sum of squares; "
    "forgetting the 1/n makes the penalty n times weaker than asked.")
def _(X, y, alpha):
    X, y = np.asarray(X, float), np.asarray(y, float)
    return _lasso_reference(X, y, alpha / len(y))


@lasso_cd.mistake(
    "the columns assumed standardised",
    "Each coordinate update divides by the curvature of the loss along that coordinate, which "
    "is the squared norm of the column over n; it is 1 only for standardised columns.")
def _(X, y, alpha):
    X, y = np.asarray(X, float), np.asarray(y, float)
    n, p = X.shape
    w = np.zeros(p)
    residual = y.copy()
    # Where columns are far from standardised this iteration does not settle: a cap of a few
    # thousand sweeps is what a learner's loop would have, and keeps the check quick.
    for _ in range(5_000):
        largest = 0.0
        for j in range(p):
            rho = (X[:, j] @ residual) / n + w[j] * (X[:, j] @ X[:, j]) / n
            new = np.sign(rho) * max(abs(rho) - alpha, 0.0)
            if new != w[j]:
                residual -= X[:, j] * (new - w[j])
                largest = max(largest, abs(new - w[j]))
                w[j] = new
        if largest <= 1e-15:
            break
    return w


@lasso_cd.mistake(
    "shrinking by a factor instead of soft-thresholding",
    "Dividing by (1 + something) shrinks a coefficient without ever making it exactly 0, "
    "which is what a Gaussian prior does. The L1 penalty subtracts a fixed amount from the "
    "coordinate's pull and stops at 0.")
def _(X, y, alpha):
    X, y = np.asarray(X, float), np.asarray(y, float)
    return ridge_regression(X, y, alpha * len(y), intercept=False)


# --------------------------------------------------------------------------------------------
add_alpha = exercise(
    "map-add-alpha", chapter=CHAPTER, function="add_alpha_log_probs",
    title="Add-alpha smoothing in log space", forbidden=_numpy_only("the smoothing"))


def _add_alpha_reference(counts: np.ndarray, alpha: float) -> np.ndarray:
    k = counts.shape[-1]
    with np.errstate(divide="ignore"):
        return np.log(counts + alpha) - np.log(counts.sum(axis=-1, keepdims=True) + k * alpha)


@add_alpha.check("agrees with log((N_j + alpha) / (N + K alpha)) for random counts")
def _(t: Trial) -> None:
    for k, alpha in ((3, 1.0), (6, 0.5), (10, float(t.rng.uniform(0.01, 5.0)))):
        counts = t.rng.integers(0, 30, size=k).astype(float)
        expected = _add_alpha_reference(counts, alpha)
        got = t.expect_array(t.call(counts, alpha), (k,))
        t.expect_close(got, expected, rtol=1e-12, what="the log-probabilities")


@add_alpha.check("gives probabilities that sum to one in each row of a 2-D array")
def _(t: Trial) -> None:
    counts = t.rng.integers(0, 12, size=(4, 5)).astype(float)
    counts[int(t.rng.integers(0, 4))] = 0.0  # a class with no data: uniform
    alpha = float(t.rng.uniform(0.1, 2.0))
    got = t.expect_array(t.call(counts, alpha), (4, 5))
    t.expect_close(got, _add_alpha_reference(counts, alpha), rtol=1e-12,
                   what="each row normalised on its own (last axis)")


@add_alpha.check("is the MLE when alpha = 0, with -inf (not nan) at zero counts")
def _(t: Trial) -> None:
    counts = t.rng.permutation(np.r_[t.rng.integers(1, 20, size=4), [0.0, 0.0]]).astype(float)
    t.expect_close(t.call(counts, 0.0), _add_alpha_reference(counts, 0.0), rtol=1e-12,
                   what="log(N_j / N), -inf where N_j = 0")


@add_alpha.check("is exact for tiny alpha and large counts (probabilities below 1e-300)")
def _(t: Trial) -> None:
    # (0 + alpha) / N underflows to a subnormal or to 0 before the log is taken.
    for alpha, scale in ((10 ** t.rng.uniform(-310, -300), 1e12), (1e-200, 1e150)):
        counts = np.r_[t.rng.integers(1, 1000, size=3) * scale, [0.0]]
        counts = t.rng.permutation(counts)
        t.expect_close(t.call(counts, float(alpha)), _add_alpha_reference(counts, alpha),
                       rtol=1e-12, what="finite log-probabilities, to a relative 1e-12")


@add_alpha.mistake(
    "one alpha added to the total instead of K",
    "Each of the K categories receives alpha imaginary observations, so the total grows by "
    "alpha once per category; otherwise the probabilities do not sum to 1.")
def _(counts, alpha):
    counts = np.asarray(counts, float)
    with np.errstate(divide="ignore"):
        return np.log(counts + alpha) - np.log(counts.sum(axis=-1, keepdims=True) + alpha)


@add_alpha.mistake(
    "2 alpha added to the total whatever K",
    "Two is the number of outcomes of a Bernoulli variable; here there are K categories, each "
    "with its own pseudo-count.")
def _(counts, alpha):
    counts = np.asarray(counts, float)
    with np.errstate(divide="ignore"):
        return np.log(counts + alpha) - np.log(counts.sum(axis=-1, keepdims=True) + 2 * alpha)


@add_alpha.mistake(
    "probabilities instead of log-probabilities",
    "The function returns logarithms: naive Bayes adds log-probabilities over features, "
    "where a product of probabilities would underflow.")
def _(counts, alpha):
    counts = np.asarray(counts, float)
    k = counts.shape[-1]
    return (counts + alpha) / (counts.sum(axis=-1, keepdims=True) + k * alpha)


@add_alpha.mistake(
    "normalised over the wrong axis",
    "Each row is one distribution (a class's counts over the K categories of the last axis): "
    "total each row along the last axis, not each column.")
def _(counts, alpha):
    counts = np.asarray(counts, float)
    if counts.ndim < 2:
        raise ValueError("only a 2-D array shows this mistake")
    with np.errstate(divide="ignore"):
        return np.log(counts + alpha) - np.log(counts.sum(axis=0, keepdims=True)
                                               + counts.shape[0] * alpha)

