r"""Newton's method with a scaled trust region: the iteration behind :func:`mlcourse.fit_mle`.

Where the Hessian :math:`H` of the objective is positive definite the iteration takes the Newton
step :math:`-H^{-1} g` with a backtracking line search (which is invariant to any linear change
of the parameters). Where it is not, or the line search fails, it takes the exact minimiser of the
quadratic model within the ellipsoid :math:`\|D s\| \le \Delta` (Moré and Sorensen 1983), with
:math:`D` the square roots of the Hessian's diagonal, so that parameters whose curvatures differ by
many orders of magnitude move in step. The radius :math:`\Delta` grows and shrinks with the ratio
of the actual to the predicted decrease.

Derivatives are exact: the gradient by reverse mode and the Hessian by a second, vectorised
reverse pass over the gradient (``is_grads_batched``; one pass per row for one or two
parameters, where that is cheaper), one forward evaluation per iteration. Trial points that
need no derivatives (longer steps, shorter steps, larger trust regions) cost one forward
evaluation each.

The module has no public functions; :func:`mlcourse.fit_mle` is its interface.
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from scipy import linalg

__all__: list[str] = []

# Below this Newton decrement (relative to 1 + |f|) the estimate is accurate to the precision
# of the objective; below the second, rounding error may hide any further decrease.
DECREMENT_CONVERGED = 1e-20
DECREMENT_ROUNDING = 1e-12
DECREMENT_QUADRATIC = 1e-8
# A Newton step this small relative to every parameter means the estimate is resolved to the
# precision of the objective, even where rounding error hides any decrease.
STEP_CONVERGED = 1e-10
# A full Newton step that decreases the objective by more than this multiple of its quadratic
# model's prediction is tried at twice, four times... its length.
EXTRAPOLATE = 1.1
# A fit that no step can improve stops at the noise floor of the objective where the decrease
# its Newton step promises is within this many standard deviations of the rounding noise in
# the objective's values (no comparison of values can then confirm a better point), ...
NOISE_MARGIN = 4.0
# ... and only where that Newton step is this short (a squared length in standard errors).
DECREMENT_NOISE = 0.25


class DetachedError(TypeError):
    """The objective returned a tensor that does not depend on the parameters through autograd."""


@dataclass
class Run:
    """What an optimisation did: the last iterate and, if it failed, why."""

    eta: np.ndarray
    f: float
    converged: bool
    n_iter: int
    history: list[float]
    method: str = "Newton with exact autograd Hessian"
    failure: str = ""
    cause: str = ""  # "max_iter", "edge", "flat", "stall" or "nonfinite"
    gradient: np.ndarray = field(default_factory=lambda: np.zeros(0))
    last_step: np.ndarray = field(default_factory=lambda: np.zeros(0))
    noise: float = 0.0  # the rounding noise of f where the run stopped at it, else 0


class Derivatives:
    """Value, gradient and Hessian of a scalar torch function of one float64 vector."""

    def __init__(self, torch: Any, function: Callable[[Any], Any]) -> None:
        self.torch = torch
        self.function = function
        self.batched = True
        self.float64 = True  # whether the last derivatives were computed in float64
        self._cache: tuple[bytes, tuple[float, np.ndarray, np.ndarray]] | None = None
        # The last two trial points with their graphs (an extrapolation keeps the one before
        # the last, refused, trial).
        self._pending: list[tuple[bytes, Any, Any]] = []

    def trial(self, x: np.ndarray) -> float:
        """The objective at a trial point (inf where it is not finite or the likelihood
        rejects the point). Its autograd graph is kept, and the derivatives are computed
        from it only if they are then asked for at the same point: an accepted full Newton
        step costs one evaluation, a refused one no backward pass."""
        key = np.asarray(x, dtype=float).tobytes()
        if self._cache is not None and self._cache[0] == key:
            return self._cache[1][0]
        torch = self.torch
        point = torch.tensor(x, dtype=torch.float64, requires_grad=True)
        try:
            with torch.enable_grad():
                out = self.function(point)
        except ValueError:
            return math.inf
        value = float(out.detach())
        if not math.isfinite(value):
            return math.inf
        self._pending = [*self._pending[-1:], (key, point, out)]
        return value

    def start(self, x: np.ndarray) -> float | None:
        """The objective at the start, its graph kept for the first derivatives; None where
        that evaluation raised or warned (the caller then evaluates it as usual, so that
        the user sees what the likelihood itself does)."""
        torch = self.torch
        point = torch.tensor(x, dtype=torch.float64, requires_grad=True)
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("error")
                with torch.enable_grad():
                    out = self.function(point)
                value = float(out.detach()) if torch.is_tensor(out) and out.numel() == 1 \
                    else None
        except Exception:  # any failure is reported by the plain evaluation that follows
            return None
        if value is None:
            return None
        self._pending = [(np.asarray(x, dtype=float).tobytes(), point, out)]
        return value

    def _find_pending(self, key: bytes) -> tuple[bytes, Any, Any] | None:
        return next((entry for entry in self._pending if entry[0] == key), None)

    def at(self, x: np.ndarray) -> tuple[float, np.ndarray, np.ndarray] | None:
        """The derivatives at `x` if they were computed there, or its value was (with its
        graph) by the last evaluation, in float64; else None."""
        key = np.asarray(x, dtype=float).tobytes()
        pending = self._find_pending(key)
        if pending is not None:
            if pending[2].dtype != self.torch.float64:
                return None
            return self(x)
        if self._cache is not None and self._cache[0] == key and self.float64:
            return self._cache[1]
        return None

    def __call__(self, x: np.ndarray) -> tuple[float, np.ndarray, np.ndarray]:
        key = np.asarray(x, dtype=float).tobytes()
        if self._cache is not None and self._cache[0] == key:
            return self._cache[1]
        torch = self.torch
        pending = self._find_pending(key)
        if pending is not None:
            _, point, out = pending
        else:
            point = torch.tensor(x, dtype=torch.float64, requires_grad=True)
            with torch.enable_grad():
                out = self.function(point)
        self._pending = []
        self.float64 = out.dtype == torch.float64
        with torch.enable_grad():
            if not out.requires_grad:
                raise DetachedError(
                    "negloglik returned a tensor that is not connected to its parameters\n"
                    "(requires_grad is False), so no derivative exists. It was detached\n"
                    "(.detach(), .item(), float(), .numpy(), torch.tensor(...) of a\n"
                    "computed value) or it does not depend on the parameters at all;\n"
                    "write every step with torch operations on the parameters.")
            (gradient,) = torch.autograd.grad(out, point, create_graph=True)
            hessian = self._hessian(gradient, point)
        result = float(out.detach()), gradient.detach().numpy().copy(), hessian
        self._cache = key, result
        return result

    def _hessian(self, gradient: Any, point: Any) -> np.ndarray:
        torch = self.torch
        k = point.numel()
        if not gradient.requires_grad:  # the objective is linear in the parameters
            return np.zeros((k, k))
        # For one or two parameters, separate backward passes are cheaper than the setup of a
        # batched (vectorised) one.
        if self.batched and k > 2:
            try:
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")
                    (rows,) = torch.autograd.grad(
                        gradient, point, torch.eye(k, dtype=torch.float64),
                        retain_graph=True, is_grads_batched=True, allow_unused=True)
                if rows is not None:
                    return rows.detach().numpy().copy()
            except RuntimeError:
                self.batched = False  # an operation without a batching rule: one row at a time
        rows = []
        for i in range(k):
            (row,) = torch.autograd.grad(gradient[i], point, retain_graph=True,
                                         allow_unused=True)
            rows.append(np.zeros(k) if row is None else row.detach().numpy())
        return np.array(rows)


def value_or_inf(torch: Any, function: Callable[[Any], Any], x: np.ndarray) -> float:
    """The objective at a trial point; a point the likelihood rejects (a scale that underflowed
    to 0, a probability outside [0, 1]) counts as infinitely bad, so the step is shortened."""
    try:
        with torch.no_grad():
            value = float(function(torch.tensor(x, dtype=torch.float64)))
    except ValueError:
        return math.inf
    return value if not math.isnan(value) else math.inf


def newton_trust_region(torch: Any, function: Callable[[Any], Any], x0: np.ndarray,
                        max_iter: int, derivatives: Derivatives | None = None) -> Run:
    """Minimise `function` from `x0`; never raises for a failure to converge (see `Run`).
    The derivatives at the last iterate are then available from `derivatives` (of
    `function`), if given, through :meth:`Derivatives.at`."""
    if derivatives is None:
        derivatives = Derivatives(torch, function)
    return _minimise(torch, function, derivatives, x0, max_iter)


def escape_degenerate(torch: Any, function: Callable[[Any], Any], run: Run,
                      max_iter: int, origin: np.ndarray | None = None) -> Run:
    """Restart a run that stopped at a stationary point whose Hessian is singular.

    At a degenerate saddle (two exponential terms of a model that have merged into one, say)
    the Hessian cannot see the way down. Where the objective is flat along the singular
    direction (merged components), the valley is walked to a point with negative curvature
    and restarted from both sides of it; otherwise the run is restarted from both sides of
    the singular direction, where third-order terms may open a way down. A restart is kept
    only if it converges lower; among equally low ones (relabelled components), the one
    nearest `origin` (the fit's start). Returns `run` itself when no restart does better.
    """
    derivatives = Derivatives(torch, function)
    for _ in range(3):
        _, _, h = derivatives(run.eta)
        d = _scaling(h, run.eta)
        values, vectors = np.linalg.eigh((h + h.T) / 2 / np.outer(d, d))
        if values[0] > 1e-10 * max(float(values[-1]), 1.0):
            return run
        best = run
        starts = _valley_starts(derivatives, run.eta, vectors[:, 0] / d) or [
            run.eta + sign * vectors[:, 0] / d for sign in (1.0, -1.0)]
        lower, unfinished = [], []
        for start in starts:
            restart = _minimise(torch, function, derivatives, start, max_iter)
            if restart.converged and restart.f < run.f - max(
                    1e-10 * (1 + abs(run.f)), NOISE_MARGIN * restart.noise):
                lower.append(restart)
            elif restart.f < run.f - 1e-6 * (1 + abs(run.f)):
                unfinished.append(restart)
        if not lower and unfinished:
            # The degenerate point is not the maximum (a restart went far lower) though no
            # restart met the convergence test: that failure, not the saddle, is the news.
            failed = min(unfinished, key=lambda r: r.f)
            failed.n_iter += run.n_iter
            failed.history = run.history + failed.history
            return failed
        if lower:
            # Equally good optima (the same fit with its components relabelled) are told
            # apart by their distance to where the fit started: the caller's labelling.
            # (Values within the rounding noise of the objective are equally good.)
            lowest = min(r.f for r in lower)
            noise = NOISE_MARGIN * max(r.noise for r in lower)
            tied = [r for r in lower if r.f <= lowest + max(1e-9 * (1 + abs(lowest)), noise)]
            reference = run.eta if origin is None else origin
            best = min(tied, key=lambda r: float(np.sum(
                ((r.eta - reference) / (1 + np.abs(reference))) ** 2)))
        if best is run:
            return run
        best.n_iter += run.n_iter
        best.history = run.history + best.history
        run = best
    return run


def _valley_starts(derivatives: Derivatives, x: np.ndarray, direction: np.ndarray
                   ) -> list[np.ndarray]:
    """Starts on both sides of a way down from the flat valley of a degenerate stationary
    point, or none if the valley shows no negative curvature.

    Where two components of a model have merged (two exponential rates equal, two peaks on
    top of each other), the objective is exactly flat along the direction that moves weight
    from one component to the other, and whether the merged point is a saddle depends on
    where along that valley one stands (the curvature that splits the components changes
    sign with their weights). So the valley is walked, in steps of the parameters' own size,
    to the point where the Hessian shows the steepest way down, and both sides of that
    direction (the two labellings of the split components) are offered as starts.
    """
    size = float(np.max(np.abs(direction) / (1 + np.abs(x))))
    if not size > 0:
        return []
    unit = direction / size
    best: tuple[float, np.ndarray, np.ndarray] | None = None
    for length in (0.125, 0.25, 0.375, 0.5, 0.75, 1.0, 2.0):
        for sign in (1.0, -1.0):
            point = x + sign * length * unit
            try:
                value, _, h = derivatives(point)
            except (ValueError, RuntimeError):
                continue
            if not (math.isfinite(value) and np.all(np.isfinite(h))):
                continue
            d = _scaling(h, point)
            values, vectors = np.linalg.eigh((h + h.T) / 2 / np.outer(d, d))
            if values[0] < -1e-6 and (best is None or values[0] < best[0]):
                down = vectors[:, 0] / d
                best = float(values[0]), point, down / np.max(np.abs(down) / (1 + np.abs(point)))
    if best is None:
        return []
    _, point, down = best
    return [point + 0.1 * down, point - 0.1 * down]


def _minimise(torch: Any, function: Callable[[Any], Any], derivatives: Derivatives,
              x0: np.ndarray, max_iter: int) -> Run:
    x = np.array(x0, dtype=float)
    f, g, h = derivatives(x)
    history = [f]
    radius: float | None = None
    polishes, last_decrement, flat, nonfinite = 0, math.inf, 0, False
    last_step = np.zeros_like(x)
    edge = False
    for iteration in range(1, max_iter + 1):
        if not (np.all(np.isfinite(g)) and np.all(np.isfinite(h))):
            return _failed(x, f, iteration - 1, history, g, last_step, "nonfinite")
        h = (h + h.T) / 2
        flat = flat + 1 if np.all(h == 0) and np.any(g != 0) else 0
        shrinking = len(history) >= 3 and history[-2] - history[-1] <= history[-3] - history[-2]
        if flat >= 5 and shrinking and not nonfinite:
            # No curvature anywhere the iteration has been, and its decreases shrink: a
            # kink (a linear objective would be followed, with growing steps, to its edge).
            return _failed(x, f, iteration - 1, history, g, last_step, "flat")
        newton = _newton(g, h)
        quadratic = newton is not None and newton[1] <= DECREMENT_QUADRATIC * (1 + abs(f))
        if newton is not None and (radius is None or quadratic):
            step, decrement = newton
            tolerance = 1 + abs(f)
            if decrement <= DECREMENT_CONVERGED * tolerance:
                x, f = _polish(torch, function, x, step, f, history, derivatives)
                return Run(x, f, True, iteration, history)
            accepted = _line_search(torch, function, x, step, f, -decrement, derivatives)
            if accepted is None and decrement <= DECREMENT_QUADRATIC * tolerance:
                # Inside the region of quadratic convergence the Newton step is taken even
                # when rounding hides its decrease of the objective, until the decrement
                # stops falling (it has reached the rounding error of the gradient).
                stagnant = polishes > 0 and decrement >= 0.25 * last_decrement
                if decrement <= DECREMENT_ROUNDING * tolerance and stagnant:
                    return Run(x, f, True, iteration, history)
                trial = x + step
                value = value_or_inf(torch, function, trial)
                if polishes < 5 and value <= f + 1e-13 * tolerance:
                    accepted = trial, min(value, f)
                    polishes += 1
                    last_decrement = decrement
            else:
                polishes = 0
            if accepted is None and decrement <= DECREMENT_ROUNDING * tolerance:
                return Run(x, f, True, iteration, history)  # resolved to rounding error
            if accepted is not None:
                if not _along(accepted[0], x, step):
                    # The full Newton step was refused: the quadratic model is poor at this
                    # range, so from here on the step is kept within a trust region.
                    radius = float(np.linalg.norm(_scaling(h, x) * (accepted[0] - x)))
                last_step = accepted[0] - x
                x, f = accepted
                history.append(f)
                f, g, h = derivatives(x)
                continue
            if radius is None:
                radius = 0.25 * float(np.linalg.norm(_scaling(h, x) * step))
        if newton is not None and newton[1] <= DECREMENT_CONVERGED * (1 + abs(f)):
            x, f = _polish(torch, function, x, newton[0], f, history, derivatives)
            return Run(x, f, True, iteration, history)
        accepted, radius, edge = _trust_region_step(torch, function, x, f, g, h, radius)
        nonfinite = nonfinite or edge
        if accepted is None:
            scaled_g = g / _scaling(h, x)
            if not edge and scaled_g @ scaled_g <= DECREMENT_ROUNDING * (1 + abs(f)):
                # A stationary point, to rounding error, where H is singular or indefinite:
                # the caller's check of the Hessian says which.
                return Run(x, f, True, iteration, history)
            if not edge and newton is not None and np.all(
                    np.abs(newton[0]) <= STEP_CONVERGED * np.abs(x)):
                # The Newton step (H positive definite) changes no parameter beyond its
                # tenth significant digit, yet no step lowers the objective: its rounding
                # error, not the distance to the optimum, is what is left (an almost exact
                # fit, where sigma is tiny and the residuals are rounding noise).
                return Run(x, f, True, iteration, history)
            final = None if edge or newton is None else _noise_floor(
                torch, function, x, f, *newton)
            if final is not None:
                # The decrease left (half the Newton decrement) is within the rounding noise
                # of the objective itself, which is far larger than eps |f| where it is
                # computed by cancellation (residuals of a near-exact fit at the rounding
                # floor of the data): no value of the objective can tell a better point.
                x, f, noise = final
                return Run(x, f, True, iteration, history, noise=noise,
                           method=Run.method + ", stopped at the rounding noise of negloglik")
            cause = "edge" if edge else ("flat" if _no_curvature(g, h) else "stall")
            return _failed(x, f, iteration, history, g, last_step, cause)
        last_step = accepted[0] - x
        x, f = accepted
        history.append(f)
        f, g, h = derivatives(x)
    cause = "flat" if _no_curvature(g, h) and not nonfinite else "max_iter"
    return _failed(x, f, max_iter, history, g, last_step, cause)


def noise_level(values: np.ndarray) -> float | None:
    """The standard deviation of the noise in values of a function at equally spaced points
    (Moré and Wild's ECnoise, 2011), or None where the values show no consistent noise.

    The k-th differences of a smooth function over a short stencil are negligible, while those
    of independent noise of standard deviation s have mean square s**2 (2k)! / (k!)**2; a level
    that agrees over three consecutive orders, with differences of both signs, is noise.
    """
    values = np.asarray(values, dtype=float)
    if not np.all(np.isfinite(values)):
        return None
    top, bottom = float(values.max()), float(values.min())
    if top == bottom:
        return 0.0
    if top - bottom > 0.1 * max(abs(top), abs(bottom)):
        return None  # the stencil is too wide: the function's own variation dominates
    levels, mixed = [], []
    gamma, differences = 1.0, values
    for order in range(1, len(values)):
        differences = np.diff(differences)
        gamma *= order / (2 * (2 * order - 1))  # (k!)**2 / (2k)!
        levels.append(math.sqrt(gamma * float(np.mean(differences**2))))
        mixed.append(bool(differences.min() < 0 < differences.max()))
    for k in range(len(levels) - 2):
        window = levels[k:k + 3]
        if mixed[k] and 0 < max(window) <= 4 * min(window):
            return levels[k]
    return None


def _noise_floor(torch: Any, function: Callable[[Any], Any], x: np.ndarray, f: float,
                 step: np.ndarray, decrement: float
                 ) -> tuple[np.ndarray, float, float] | None:
    """The final point of a fit stopped by the rounding noise of its objective, its value
    and the noise level, or None if that noise does not explain why no step lowers it.

    The noise is measured along the Newton direction on stencils of nine points, 1, 8 and 64
    times the Newton step wide (at least 1e-3 standard errors), and its largest level is kept:
    rounding noise need not show at every scale, since the computed objective changes only
    where some rounded intermediate changes. The fit has reached the noise floor if the
    decrease the Newton step promises (half the decrement) is within `NOISE_MARGIN` levels of
    noise, so that no comparison of values can confirm it, and the step is short (the
    decrement, a squared length in standard errors, at most `DECREMENT_NOISE`), so that even a
    kink mistaken for noise leaves the point within a fraction of a standard error of the
    optimum. The Newton step is then taken if its value is not worse beyond the noise (it
    carries a scale parameter to the one that the computed residuals determine).
    """
    if not 0 < decrement <= DECREMENT_NOISE:
        return None
    direction = step / math.sqrt(decrement)  # unit length in the metric of H
    levels = []
    for widen in (1, 8, 64):
        spacing = widen * max(math.sqrt(decrement), 1e-3) / 4
        values = [value_or_inf(torch, function, x + j * spacing * direction)
                  for j in range(-4, 5)]
        level = noise_level(np.array(values))
        if level:
            levels.append(level)
    if not levels or 0.5 * decrement > NOISE_MARGIN * max(levels):
        return None
    noise = max(levels)
    value = value_or_inf(torch, function, x + step)
    if value <= f + NOISE_MARGIN * noise:
        return x + step, value, noise
    return x, f, noise


def _failed(x: np.ndarray, f: float, iteration: int, history: list[float], g: np.ndarray,
            last_step: np.ndarray, cause: str) -> Run:
    return Run(x, f, False, iteration, history, cause=cause, gradient=g, last_step=last_step)


def _newton(g: np.ndarray, h: np.ndarray) -> tuple[np.ndarray, float] | None:
    """The Newton step and decrement if H is (numerically) positive definite, else None."""
    diagonal = np.diag(h)
    if not np.all(diagonal > 0):
        return None
    scale = np.sqrt(diagonal)
    try:
        lower = np.linalg.cholesky(h / np.outer(scale, scale))
    except np.linalg.LinAlgError:
        return None
    if np.min(np.diag(lower)) ** 2 < 1e-14:  # positive definite only through rounding
        return None
    half = linalg.solve_triangular(lower, g / scale, lower=True, check_finite=False)
    step = -linalg.solve_triangular(lower.T, half, check_finite=False) / scale
    decrement = float(-(g @ step))
    if not math.isfinite(decrement) or decrement < 0:
        return None
    return step, decrement


def _line_search(torch: Any, function: Callable[[Any], Any], x: np.ndarray,
                 step: np.ndarray, f: float, slope: float, derivatives: Derivatives
                 ) -> tuple[np.ndarray, float] | None:
    length = 1.0
    while length > 1e-3:
        candidate = x + length * step
        value = (derivatives.trial(candidate) if length == 1.0 else
                 value_or_inf(torch, function, candidate))
        if value <= f + 1e-4 * length * slope and value < f:
            if length == 1.0 and f - value > -0.5 * slope * EXTRAPOLATE \
                    and -slope > DECREMENT_QUADRATIC * (1 + abs(f)):
                return _extrapolate(torch, function, x, step, candidate, value, derivatives)
            return candidate, value
        length /= 2
    return None


def _extrapolate(torch: Any, function: Callable[[Any], Any], x: np.ndarray,
                 step: np.ndarray, candidate: np.ndarray, value: float,
                 derivatives: Derivatives | None = None) -> tuple[np.ndarray, float]:
    """Longer steps along a Newton direction whose full step decreased the objective by more
    than its quadratic model predicted (far from the optimum of a scale parameter, say, where
    Newton's steps in log sigma are about 1/2): doubled while the objective keeps falling
    clearly, each costing one evaluation without derivatives."""
    best, best_value = candidate, value
    length = 1.0
    for _ in range(6):
        length *= 2
        trial = x + length * step
        # With `derivatives`, the graph of the trial is kept: the best is the last trial or
        # the one before, and its derivatives are asked for next.
        trial_value = math.inf if derivatives is None else derivatives.trial(trial)
        if trial_value == math.inf:
            trial_value = value_or_inf(torch, function, trial)
        if not trial_value < best_value - 1e-3 * abs(best_value - value) - 1e-12 * (
                1 + abs(best_value)):
            break
        best, best_value = trial, trial_value
    return best, best_value


def _along(point: np.ndarray, x: np.ndarray, step: np.ndarray) -> bool:
    """Whether `point` is ``x + step`` or an extrapolation of it (not a shortened step)."""
    if np.array_equal(point, x + step):
        return True
    scale = float(step @ step)
    return scale > 0 and float((point - x) @ step) >= 1.5 * scale


def _polish(torch: Any, function: Callable[[Any], Any], x: np.ndarray, step: np.ndarray,
            f: float, history: list[float], derivatives: Derivatives
            ) -> tuple[np.ndarray, float]:
    """The full Newton step, unless it makes the objective worse by more than rounding (a
    lower value is recorded in `history`). Its graph is kept: the caller's final derivatives
    then cost no further evaluation."""
    candidate = x + step
    value = derivatives.trial(candidate)
    if value == math.inf:
        value = value_or_inf(torch, function, candidate)
    if value <= f + 1e-13 * (1 + abs(f)):
        if value < f:
            history.append(value)
        return candidate, min(value, f)
    return x, f


def _scaling(h: np.ndarray, x: np.ndarray) -> np.ndarray:
    """Moré's scaling: the square roots of the curvatures, floored at 1 / (1 + |x|) so that a
    parameter with (almost) no curvature moves by at most about its own size per radius."""
    return np.maximum(np.sqrt(np.abs(np.diag(h))), 1 / (1 + np.abs(x)))


def _no_curvature(g: np.ndarray, h: np.ndarray) -> bool:
    """The Hessian is (numerically) zero along the gradient: the objective is linear or
    piecewise linear there."""
    norm = float(np.linalg.norm(g))
    if norm == 0:
        return bool(np.all(h == 0))
    return abs(float(g @ h @ g)) <= 1e-10 * norm**2 * max(float(np.abs(h).max()), 1e-300) \
        or bool(np.all(h == 0))


def _trust_region_step(torch: Any, function: Callable[[Any], Any], x: np.ndarray, f: float,
                       g: np.ndarray, h: np.ndarray, radius: float | None
                       ) -> tuple[tuple[np.ndarray, float] | None, float, bool]:
    """One accepted trust-region step (shrinking the radius as needed) or None, the new
    radius, and whether the objective was not finite at the last trial (on failure) or at
    some trial (on success)."""
    d = _scaling(h, x)
    scaled_h = h / np.outer(d, d)
    scaled_g = g / d
    values, vectors = np.linalg.eigh(scaled_h)
    a = vectors.T @ scaled_g
    if radius is None or not math.isfinite(radius) or radius <= 0:
        radius = 1.0
    size = 1 + float(np.linalg.norm(d * x))
    edge = refused = False
    for _ in range(200):
        c = _subproblem(a, values, radius)
        predicted = -float(a @ c + 0.5 * np.sum(values * c * c))
        step = (vectors @ c) / d
        length = float(np.linalg.norm(c))
        if predicted <= 0 or length <= 1e-15 * size:
            break
        value = value_or_inf(torch, function, x + step)
        if not math.isfinite(value):
            edge = refused = True
            radius = 0.1 * length
            continue
        edge = False
        rho = (f - value) / predicted
        if rho < 0.25:
            radius = 0.25 * length
        elif rho > 0.75 and length >= 0.99 * radius:
            radius = 3.0 * radius
        if rho > 1e-4 and value < f:
            if rho > 0.75 and length >= 0.99 * radius / 3:
                # A step on the boundary that the model predicted well: larger regions are
                # tried at once, each for one evaluation without derivatives, while the
                # objective keeps falling (far from the optimum, growing the radius by 3
                # per iteration would cost an iteration per factor of 3).
                for _ in range(12):
                    c = _subproblem(a, values, radius)
                    if float(np.linalg.norm(c)) < 0.99 * radius:
                        break  # the model's minimiser lies inside: no larger step to try
                    longer = (vectors @ c) / d
                    trial = value_or_inf(torch, function, x + longer)
                    expected = -float(a @ c + 0.5 * np.sum(values * c * c))
                    if not (trial < value and f - trial > 0.75 * expected):
                        break  # no lower, or the model no longer predicts it well
                    step, value = longer, trial
                    radius *= 3.0
            elif rho > EXTRAPOLATE and values[0] > 0 and length < 0.99 * radius:
                return _extrapolate(torch, function, x, step, x + step, value), \
                    radius, refused
            return (x + step, value), radius, refused
    return None, radius, edge


def _subproblem(a: np.ndarray, values: np.ndarray, radius: float) -> np.ndarray:
    """Minimise ``a.c + c.diag(values).c / 2`` over ``|c| <= radius`` (eigen coordinates)."""
    lowest = float(values[0])
    if lowest > 0:
        newton = -a / values
        if np.linalg.norm(newton) <= radius:
            return newton
    floor = max(0.0, -lowest)
    norm_a = float(np.linalg.norm(a))

    def solution(mu: float) -> np.ndarray:
        with np.errstate(divide="ignore", invalid="ignore"):
            return np.where(values + mu > 0, -a / (values + mu), 0.0)

    # The hard case: the gradient has (almost) no component along the lowest eigenvector and
    # even the most negative shift does not reach the boundary; move along that eigenvector.
    tiny = np.abs(values + floor) <= 1e-12 * max(1.0, float(np.abs(values).max()))
    if np.all(np.abs(a[tiny]) <= 1e-12 * max(norm_a, 1e-300)):
        c = solution(floor)
        c[tiny] = 0.0
        gap = radius**2 - float(c @ c)
        if gap >= 0:
            c[int(np.flatnonzero(tiny)[0]) if np.any(tiny) else 0] += math.sqrt(gap)
            return c
    low, high = floor, floor + norm_a / radius + 1e-300
    mu = high
    for _ in range(100):
        c = solution(mu)
        norm = float(np.linalg.norm(c))
        if abs(norm - radius) <= 1e-3 * radius:
            return c
        if norm > radius:
            low = mu
        else:
            high = mu
        # Newton's step on 1/radius - 1/|c(mu)|, which is almost linear in mu.
        with np.errstate(divide="ignore", invalid="ignore"):
            slope = float(np.sum(c * c / (values + mu)))
        candidate = mu + (norm / radius - 1) * norm**2 / slope if slope > 0 else math.nan
        mu = candidate if low < candidate < high else (
            math.sqrt(low * high) if low > 0 else (low + high) / 2)
    return solution(high)
