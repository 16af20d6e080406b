"""Benchmark mlcourse's maximum-likelihood fits against scipy, statsmodels and scikit-learn.

Every problem is fitted by every implementation in the same run, on the same data. For each fit
the table gives the wall time (best of several repeats), the time ratio against mlcourse, and the
digits of agreement (LRE, the number of correct significant digits, worst over the parameters)
against the best reference available: the closed form, NIST's certified values, or statsmodels.

Run it with ``make bench`` (or ``python benchmarks/bench_fitting.py --quick`` for small sizes).
"""

from __future__ import annotations

import argparse
import math
import statistics
import time
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import statsmodels.api as sm
import torch
from scipy import linalg, optimize
from sklearn.linear_model import LogisticRegression, PoissonRegressor
from statsmodels.base.model import GenericLikelihoodModel

import mlcourse


@dataclass
class Row:
    problem: str
    implementation: str
    seconds: float
    lre: float
    reference: str


def best_time(function: Callable[[], Any], repeats: int) -> tuple[float, Any]:
    """The fastest of `repeats` calls, and the last result."""
    best, result = math.inf, None
    for _ in range(repeats):
        start = time.perf_counter()
        result = function()
        best = min(best, time.perf_counter() - start)
    return best, result


def lre(estimate: Any, reference: Any) -> float:
    """Digits of agreement, worst over the entries (15.9 when they agree exactly)."""
    estimate = np.atleast_1d(np.asarray(estimate, dtype=float))
    reference = np.atleast_1d(np.asarray(reference, dtype=float))
    with np.errstate(divide="ignore"):
        errors = np.abs(estimate - reference) / np.abs(reference)
    errors = np.where(errors == 0, 1e-16, errors)
    errors = np.where(np.isnan(errors), 1.0, errors)  # a fit that raised: 0 digits
    return float(np.clip(-np.log10(errors), 0, 15.9).min())


# --------------------------------------------------------------------------------------------
# Part I: distributions with closed-form MLEs, and NIST linear regressions


class _GaussianModel(GenericLikelihoodModel):
    def loglike(self, params: np.ndarray) -> float:
        mu, sigma = params
        if sigma <= 0:
            return -np.inf
        return float(mlcourse.gaussian_loglik(self.endog, mu, sigma))


class _PoissonRateModel(GenericLikelihoodModel):
    def loglike(self, params: np.ndarray) -> float:
        return float(mlcourse.poisson_loglik(self.endog, params[0])) if params[0] > 0 \
            else -np.inf


def distributions(rng: np.random.Generator, n: int, repeats: int) -> list[Row]:
    rows = []
    x = rng.normal(170.0, 7.5, size=n)
    closed = np.array(mlcourse.gaussian_mle(x))
    name = f"Gaussian (mu, sigma), n={n}"

    def ours() -> np.ndarray:
        fit = mlcourse.fit_mle(lambda mu, sigma: -mlcourse.gaussian_loglik(x, mu, sigma),
                               {"mu": float(np.median(x)), "sigma": 1.0},
                               constraints={"sigma": "positive"}, nobs=n)
        return fit.params

    def scipy_bfgs() -> np.ndarray:
        def nll(v: np.ndarray) -> float:
            return -float(mlcourse.gaussian_loglik(x, v[0], math.exp(v[1])))
        found = optimize.minimize(nll, [float(np.median(x)), 0.0], method="BFGS")
        return np.array([found.x[0], math.exp(found.x[1])])

    def statsmodels_generic() -> np.ndarray:
        model = _GaussianModel(x)
        return model.fit(start_params=[float(np.median(x)), 1.0], disp=0).params

    for label, function in [("mlcourse.fit_mle (Newton, autograd)", ours),
                            ("scipy.optimize.minimize (BFGS)", scipy_bfgs),
                            ("statsmodels GenericLikelihoodModel", statsmodels_generic)]:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            seconds, params = best_time(function, repeats)
        rows.append(Row(name, label, seconds, lre(params, closed), "closed form"))

    k = rng.poisson(3.2, size=n)
    rate = float(k.mean())
    name = f"Poisson rate, n={n}"

    def ours_poisson() -> float:
        return mlcourse.fit_mle(lambda rate: -mlcourse.poisson_loglik(k, rate), {"rate": 1.0},
                                constraints={"rate": "positive"}, nobs=n)["rate"]

    def scipy_bounded() -> float:
        return optimize.minimize_scalar(lambda r: -float(mlcourse.poisson_loglik(k, r)),
                                        bounds=(1e-6, 100.0), method="bounded").x

    def statsmodels_poisson() -> float:
        return _PoissonRateModel(k).fit(start_params=[1.0], disp=0).params[0]

    for label, function in [("mlcourse.fit_mle (Newton, autograd)", ours_poisson),
                            ("scipy.optimize.minimize_scalar (bounded)", scipy_bounded),
                            ("statsmodels GenericLikelihoodModel", statsmodels_poisson)]:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            seconds, estimate = best_time(function, repeats)
        rows.append(Row(name, label, seconds, lre(estimate, rate), "closed form"))
    return rows


def nist(repeats: int) -> list[Row]:
    rows = []
    for name in ("filip", "pontius"):
        data = mlcourse.load_nist(name)
        X, y, certified = data.design(), data.y, data.certified["params"]
        problem = f"NIST {name.capitalize()} (degree {data.degree})"
        implementations = [
            ("mlcourse.linear_regression (QR)",
             lambda X=X, y=y: mlcourse.linear_regression(X, y).params),
            ("scipy.linalg.lstsq (SVD)", lambda X=X, y=y: linalg.lstsq(X, y)[0]),
            ("statsmodels OLS (pinv)", lambda X=X, y=y: sm.OLS(y, X).fit().params),
            ("normal equations (solve X'X)",
             lambda X=X, y=y: np.linalg.solve(X.T @ X, X.T @ y)),
        ]
        for label, function in implementations:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                seconds, params = best_time(function, repeats)
            rows.append(Row(problem, label, seconds, lre(params, certified), "NIST certified"))
    return rows


def wampler(repeats: int) -> list[Row]:
    """NIST's Wampler 1, 4 and 5 (degree-5 polynomials; Wampler1 is an exact fit, 4 and 5 have
    huge residuals), read from NIST's .dat files."""
    rows = []
    for path in sorted((NIST_STRD / "linear").glob("*.dat")):
        problem = mlcourse.read_nist_strd(path)
        p = len(problem.certified)
        X = np.column_stack([problem.model(np.eye(p)[j]) for j in range(p)])
        y = problem.y
        implementations = [
            ("mlcourse.linear_regression (QR, refined)",
             lambda X=X, y=y: mlcourse.linear_regression(X, y, allow_exact=True).params),
            ("scipy.linalg.lstsq (SVD)", lambda X=X, y=y: linalg.lstsq(X, y)[0]),
            ("statsmodels OLS (pinv)", lambda X=X, y=y: sm.OLS(y, X).fit().params),
        ]
        for label, function in implementations:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                seconds, params = best_time(function, repeats)
            rows.append(Row(f"NIST {problem.name}", label, seconds,
                            lre(params, problem.certified), "NIST certified"))
    return rows


# --------------------------------------------------------------------------------------------
# NIST nonlinear least squares: Gaussian maximum likelihood against MINPACK


NIST_STRD = Path(__file__).resolve().parents[2] / "shared" / "data" / "nist-strd"


def _sympy_jacobian(problem: Any) -> Callable[[np.ndarray], np.ndarray]:
    """The exact Jacobian of the model, differentiated symbolically from NIST's formula and
    compiled to numpy: what a careful scipy user would pass as ``jac``."""
    import sympy

    names = {name: sympy.Symbol(name) for name in problem.parameters}
    k = problem.x.shape[1]
    xs = {"x": sympy.Symbol("x")} if k == 1 else {
        f"x{j + 1}": sympy.Symbol(f"x{j + 1}") for j in range(k)}
    text = problem.formula.split("=", 1)[1].replace("[", "(").replace("]", ")")
    expression = sympy.sympify(text.replace("arctan", "atan"),
                               locals={**names, **xs, "pi": sympy.pi})
    columns = [sympy.lambdify([list(names.values()), *xs.values()],
                              sympy.diff(expression, name), "numpy")
               for name in names.values()]
    data = [problem.x[:, j] for j in range(k)]
    n = len(problem.y)

    def jacobian(b: np.ndarray) -> np.ndarray:
        return np.column_stack([np.broadcast_to(column(b, *data), (n,)) for column in columns])
    return jacobian


floors: list[tuple[str, float]] = []  # (problem, floor ratio), filled by nist_nonlinear


def _derivative_floor(problem: Any, start: np.ndarray, jacobian: Any, repeats: int
                      ) -> tuple[str, float]:
    """What exact torch derivatives alone cost a solver as fast as MINPACK: lm's number of
    Jacobian evaluations times one torch Jacobian of the residuals (reverse mode, vectorised),
    over lm's whole time, solver work counted as free. No torch-autograd method that needs
    the Jacobian (Gauss-Newton, Levenberg-Marquardt) or the Hessian (Newton) once per
    iteration, and takes as few iterations as MINPACK, can have a time ratio below this."""
    y = torch.as_tensor(problem.y)
    point = torch.as_tensor(start, dtype=torch.float64)

    def lm() -> Any:
        with np.errstate(all="ignore"):
            return optimize.least_squares(
                lambda b: problem.model(b) - problem.y, start, jac=jacobian, method="lm",
                xtol=1e-15, ftol=1e-15, gtol=1e-15)

    lm_seconds, found = best_time(lm, repeats)
    jacobian_seconds, _ = best_time(
        lambda: torch.func.jacrev(lambda b: problem.model(b) - y)(point), max(repeats, 20))
    return problem.name, found.njev * jacobian_seconds / lm_seconds


def nist_nonlinear(repeats: int) -> list[Row]:
    rows: list[Row] = []
    floors.clear()
    for path in sorted((NIST_STRD / "nonlinear").glob("*.dat")):
        problem = mlcourse.read_nist_strd(path)
        jacobian = _sympy_jacobian(problem)
        y = torch.as_tensor(problem.y)
        n = len(problem.y)

        def negloglik(b: Any, sigma: Any, problem: Any = problem, y: Any = y, n: int = n) -> Any:
            return n * torch.log(sigma) + 0.5 * ((y - problem.model(b)) ** 2).sum() / sigma**2

        for index, start in enumerate(problem.starts, start=1):
            sigma0 = float(np.sqrt(np.mean((problem.y - problem.model(start)) ** 2)))

            def ours(start: np.ndarray = start, sigma0: float = sigma0,
                     negloglik: Any = negloglik) -> np.ndarray:
                try:
                    return mlcourse.fit_mle(negloglik, {"b": start, "sigma": sigma0},
                                            constraints={"sigma": "positive"}).params[:-1]
                except mlcourse.EstimationError:
                    return np.full(len(start), np.nan)

            def minpack(jac: Any, start: np.ndarray = start, problem: Any = problem
                        ) -> np.ndarray:
                with np.errstate(all="ignore"):
                    return optimize.least_squares(
                        lambda b: problem.model(b) - problem.y, start, jac=jac, method="lm",
                        xtol=1e-15, ftol=1e-15, gtol=1e-15).x

            name = f"NIST {problem.name}, start {index}"
            floors.append(_derivative_floor(problem, start, jacobian, repeats))
            for label, function in [
                    ("mlcourse.fit_mle (Newton, trust region)", ours),
                    ("scipy least_squares lm (exact Jacobian)",
                     lambda minpack=minpack, jacobian=jacobian: minpack(jacobian)),
                    ("scipy least_squares lm (finite differences)",
                     lambda minpack=minpack: minpack("2-point"))]:
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")
                    seconds, params = best_time(function, repeats)
                rows.append(Row(name, label, seconds, lre(params, problem.certified),
                                "NIST certified"))
    return rows


def nist_summary(rows: list[Row]) -> None:
    """The median over the NIST nonlinear problems of fit_mle's time over lm's (exact)."""
    ours = {r.problem: r for r in rows if r.implementation.startswith("mlcourse")}
    ratios = [ours[r.problem].seconds / r.seconds for r in rows
              if r.implementation == "scipy least_squares lm (exact Jacobian)"]
    failed = [p for p, r in ours.items() if not math.isfinite(r.lre) or r.lre == 0]
    if ratios:
        print(f"\nNIST nonlinear: median time of fit_mle / lm (exact Jacobian) = "
              f"{statistics.median(ratios):.2f} over {len(ratios)} problem-starts; "
              f"fit_mle raised an error on: {', '.join(failed) or 'none'}")
    if floors:
        print(f"Floor for any method with exact torch derivatives: lm's Jacobian count x one "
              f"torch Jacobian of the residuals / lm's time, median "
              f"{statistics.median(f for _, f in floors):.2f} "
              f"(range {min(f for _, f in floors):.2f}-{max(f for _, f in floors):.2f})")


# --------------------------------------------------------------------------------------------
# Part II: logistic and Poisson regression


def glm_design(rng: np.random.Generator, n: int, p: int) -> np.ndarray:
    return mlcourse.add_intercept(rng.normal(size=(n, p - 1)))


def glms(rng: np.random.Generator, sizes: list[int], p: int, repeats: int) -> list[Row]:
    rows = []
    for n in sizes:
        X = glm_design(rng, n, p)
        beta = rng.normal(0, 0.5, size=p)
        y = (rng.random(n) < 1 / (1 + np.exp(-X @ beta))).astype(float)
        counts = rng.poisson(np.exp(0.3 + X[:, 1:] @ beta[1:] / 2))
        # At n = 1e6 the first call of any implementation pays for touching fresh memory (the
        # allocator hands back large blocks and page-faults them in again): best of two, so
        # that the order of the rows does not decide the ratios.
        tries = repeats if n < 10**6 else 2
        problems = [
            (f"logistic, n={n:.0e}, p={p}", y, [
                ("mlcourse.logistic_regression (Newton/IRLS)",
                 lambda X=X, y=y: mlcourse.logistic_regression(X, y).params),
                ("statsmodels Logit (Newton)",
                 lambda X=X, y=y: sm.Logit(y, X).fit(disp=0, tol=1e-12).params),
                ("scikit-learn LogisticRegression (lbfgs, no penalty)",
                 lambda X=X, y=y: _sklearn_logistic(X, y, "lbfgs")),
                ("scikit-learn LogisticRegression (newton-cholesky)",
                 lambda X=X, y=y: _sklearn_logistic(X, y, "newton-cholesky")),
            ], lambda X=X, y=y: sm.Logit(y, X).fit(disp=0, tol=1e-12).params),
            (f"Poisson, n={n:.0e}, p={p}", counts, [
                ("mlcourse.poisson_regression (Newton/IRLS)",
                 lambda X=X, c=counts: mlcourse.poisson_regression(X, c).params),
                ("statsmodels GLM Poisson (IRLS)",
                 lambda X=X, c=counts: sm.GLM(c, X, family=sm.families.Poisson())
                 .fit(tol=1e-12).params),
                ("scikit-learn PoissonRegressor (lbfgs, alpha=0)",
                 lambda X=X, c=counts: _sklearn_poisson(X, c, "lbfgs")),
                ("scikit-learn PoissonRegressor (newton-cholesky)",
                 lambda X=X, c=counts: _sklearn_poisson(X, c, "newton-cholesky")),
            ], lambda X=X, c=counts: sm.GLM(c, X, family=sm.families.Poisson())
                .fit(tol=1e-12).params),
        ]
        for problem, _, implementations, reference in problems:
            target = reference()
            for label, function in implementations:
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")
                    seconds, params = best_time(function, tries)
                rows.append(Row(problem, label, seconds, lre(params, target), "statsmodels"))
    return rows


def _sklearn_logistic(X: np.ndarray, y: np.ndarray, solver: str) -> np.ndarray:
    model = LogisticRegression(C=np.inf, solver=solver, tol=1e-10, max_iter=10_000,
                               fit_intercept=False)
    return model.fit(X, y).coef_.ravel()


def _sklearn_poisson(X: np.ndarray, y: np.ndarray, solver: str) -> np.ndarray:
    model = PoissonRegressor(alpha=0.0, solver=solver, tol=1e-10, max_iter=10_000,
                             fit_intercept=False)
    return model.fit(X, y).coef_


# --------------------------------------------------------------------------------------------


def print_table(rows: list[Row]) -> None:
    print("| problem | implementation | time | time / mlcourse | digits (LRE) | against |")
    print("|---|---|---:|---:|---:|---|")
    baseline: dict[str, float] = {}
    for row in rows:
        if row.implementation.startswith("mlcourse"):
            baseline[row.problem] = row.seconds
        ratio = row.seconds / baseline[row.problem]
        is_reference = row.reference == "statsmodels" and row.implementation.startswith(
            "statsmodels")
        digits = "reference" if is_reference else f"{row.lre:.1f}"
        print(f"| {row.problem} | {row.implementation} | {row.seconds * 1e3:,.1f} ms | "
              f"{ratio:.2f} | {digits} | {row.reference} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small sizes only (about 10 s)")
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    sizes = [10**3, 10**4] if args.quick else [10**3, 10**4, 10**5, 10**6]
    rng = np.random.default_rng(20261122)
    torch.set_num_threads(max(1, torch.get_num_threads()))
    mlcourse.fit_mle(lambda mu: (mu - 1.0) ** 2, {"mu": 0.0})  # import torch's autograd once
    print(f"numpy {np.__version__}, torch {torch.__version__}, statsmodels {sm.__version__}; "
          f"best of {args.repeats} runs (best of 2 at n = 1e6)\n")
    rows = distributions(rng, 1000, args.repeats) + nist(args.repeats)
    rows += wampler(args.repeats)
    nonlinear = nist_nonlinear(1 if args.quick else args.repeats)
    rows += nonlinear
    rows += glms(rng, sizes, 10, args.repeats)
    print_table(rows)
    nist_summary(nonlinear)


if __name__ == "__main__":
    main()
