"""How an exercise is checked.

An :class:`Exercise` asks the learner to write one function. Its checks call that function on
fresh, seeded inputs and test *properties* of the answers (agreement with a reference, invariance
to the order of the data, a zero derivative at the optimum), never a stored answer key. The
:class:`Trial` object handed to each check calls the learner's function defensively: a copy of
every input, a time limit, and a clear report if the function raises, returns the wrong type or
shape, returns nan, or changes its input.

When a value is wrong, the known mistakes of the exercise (each a small wrong implementation, such
as "returned the likelihood instead of the log-likelihood") are tried on the same input; if one
reproduces the learner's answer, the verdict names it and gives its hint.

The verdict is one of: not attempted (the stub still raises ``NotImplementedError``), passed
(``passed k of k checks``), or failed (with the input, the expected property, and what came back).
"""

from __future__ import annotations

import copy
import enum
import inspect
import signal
import textwrap
import threading
import time
import traceback
import warnings
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import numpy as np

__all__ = [
    "Exercise",
    "Mistake",
    "Status",
    "Trial",
    "Verdict",
    "check",
    "exercise",
    "registry",
    "run_check",
]


class Status(enum.Enum):
    NOT_ATTEMPTED = "not attempted"
    PASSED = "passed"
    FAILED = "failed"


@dataclass(frozen=True)
class Verdict:
    """The outcome of checking one exercise.

    Attributes
    ----------
    exercise_id : str
        The exercise's stable id.
    status : Status
        Not attempted, passed or failed.
    passed, total : int
        How many property checks passed, out of how many.
    message : str
        The full text shown to the learner.
    mistakes : tuple of str
        Names of the known mistakes the wrong answers matched (empty if none did).
    """

    exercise_id: str
    status: Status
    passed: int
    total: int
    message: str
    mistakes: tuple[str, ...] = ()

    def __str__(self) -> str:
        return self.message

    @property
    def summary(self) -> str:
        """One line for a table: ``passed 5 of 5 checks``, ``failed 2 of 5 checks: ...``."""
        if self.status is Status.NOT_ATTEMPTED:
            return "not attempted yet"
        if self.status is Status.PASSED:
            return f"passed {self.passed} of {self.total} checks"
        failed = self.total - self.passed
        line = f"failed {failed} of {self.total} checks"
        return line + (f" (looks like: {'; '.join(self.mistakes)})" if self.mistakes else "")


@dataclass(frozen=True)
class Mistake:
    """A known wrong answer: its name, a hint, and an implementation that makes the mistake."""

    name: str
    hint: str
    answer: Callable[..., Any]


class CheckFailure(Exception):
    """A check found something wrong; ``str()`` is the explanation for the learner."""

    def __init__(self, explanation: str, *, call: tuple[tuple, dict] | None = None,
                 got: Any = None, compare: Callable[[Any, Any], bool] | None = None,
                 stop: bool = False) -> None:
        super().__init__(explanation)
        self.call = call  # the arguments of the call whose answer was wrong
        self.got = got
        self.compare = compare  # how that answer was compared (reused for the mistakes)
        self.stop = stop  # no point running the remaining checks (a time-out)


class NotAttempted(Exception):
    pass


class _TimeUp(BaseException):
    """Raised inside learner code by the alarm; a BaseException so `except Exception` in
    learner code cannot swallow it."""


@contextmanager
def _time_limit(seconds: float) -> Iterator[None]:
    usable = (hasattr(signal, "SIGALRM") and threading.current_thread() is threading.main_thread())
    if not usable:  # Windows or a worker thread: measure instead of interrupting
        yield
        return

    def alarm(signum: int, frame: Any) -> None:
        raise _TimeUp

    previous = signal.signal(signal.SIGALRM, alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def describe(value: Any) -> str:
    """A short, readable rendering of an input or an answer."""
    if isinstance(value, bool) or value is None:
        return repr(value)
    if isinstance(value, (int, np.integer)):
        return str(int(value))
    if isinstance(value, (float, np.floating)):
        text = f"{float(value):.6g}"
        return text + ".0" if text.lstrip("-").isdigit() else text
    if isinstance(value, (list, tuple)) and len(value) <= 10 and all(
            isinstance(v, (int, float, np.number)) for v in value):
        return "[" + ", ".join(describe(v) for v in value) + "]"
    if isinstance(value, np.ndarray):
        if value.ndim == 0:
            return describe(value[()])
        text = np.array2string(value, precision=6, threshold=12, edgeitems=4,
                               max_line_width=88, separator=", ")
        if value.size > 12:
            text += f"  ({value.size} values, shape {value.shape})"
        return "array(" + text + ")"
    if callable(value):
        return getattr(value, "__name__", "a function")
    text = repr(value)
    return text if len(text) <= 120 else text[:117] + "..."


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float, np.integer, np.floating)) and not isinstance(value, bool)


def _to_numpy(value: Any) -> Any:
    """Tensors become numpy arrays (learners may answer with torch); everything else unchanged."""
    if type(value).__module__.startswith("torch") and hasattr(value, "detach"):
        return value.detach().cpu().numpy()
    return value


def _same_including_nan(got: Any, wrong: Any) -> bool:
    """Whether an answer and a known mistake's answer agree, nan for nan."""
    try:
        a = np.asarray(_to_numpy(got), dtype=np.float64)
        b = np.asarray(_to_numpy(wrong), dtype=np.float64)
    except (TypeError, ValueError):
        return False
    return a.shape == b.shape and bool(np.all(
        np.isclose(a, b, rtol=1e-9, atol=0.0, equal_nan=True) | (a == b)))


def _close(got: Any, expected: Any, rtol: float, atol: float) -> bool:
    try:
        g = np.asarray(_to_numpy(got), dtype=np.float64)
    except (TypeError, ValueError):
        return False
    e = np.asarray(expected, dtype=np.float64)
    if g.shape != e.shape:
        return False
    return bool(np.all(np.isclose(g, e, rtol=rtol, atol=atol, equal_nan=False)
                       | ((g == e) & np.isinf(e))))


class Trial:
    """What a check uses to call the learner's function and judge its answers.

    Attributes
    ----------
    rng : numpy.random.Generator
        Seeded from the exercise id, so every run of a check sees the same fresh data.
    """

    def __init__(self, exercise: Exercise, answer: Callable[..., Any]) -> None:
        self.exercise = exercise
        self.answer = answer
        self._parameter_names = _parameter_names(answer)
        self.rng = np.random.default_rng(zlib.crc32(exercise.id.encode()))
        self._last_call: tuple[tuple, dict] | None = None
        self._warnings: list[str] = []

    def call(self, *args: Any, **kwargs: Any) -> Any:
        """Call the learner's function on copies of the arguments and return its answer."""
        name = self.exercise.function
        originals = (args, kwargs)
        copies = copy.deepcopy(originals)
        self._last_call = originals
        started = time.perf_counter()
        try:
            with _time_limit(self.exercise.seconds), warnings.catch_warnings(record=True) as seen:
                warnings.simplefilter("always")
                result = self.answer(*copies[0], **copies[1])
        except NotImplementedError:
            raise NotAttempted from None
        except _TimeUp:
            raise CheckFailure(
                f"{name}({self._arguments(originals)}) did not finish within "
                f"{self.exercise.seconds:g} s. Is there a loop that never ends, or a loop over "
                "a large grid that numpy could do at once?", stop=True) from None
        except Exception as error:
            raise CheckFailure(
                f"{name}({self._arguments(originals)}) raised "
                f"{type(error).__name__}: {error}{_learner_line(error)}") from None
        self._warnings = sorted({f"{w.category.__name__}: {w.message}" for w in seen})
        elapsed = time.perf_counter() - started
        if elapsed > self.exercise.seconds:
            raise CheckFailure(f"{name}({self._arguments(originals)}) took {elapsed:.1f} s; "
                               f"the limit is {self.exercise.seconds:g} s.")
        for label, before, after in _changed_inputs(originals, copies, self._parameter_names):
            raise CheckFailure(
                f"{name} changed its input `{label}` in place (before the call: "
                f"{describe(before)}; after: {describe(after)}). Work on a copy, for example "
                "`x = np.array(x, dtype=float)`, instead of `x.sort()` or `x -= ...`.")
        return result

    def _arguments(self, call: tuple[tuple, dict]) -> str:
        args, kwargs = call
        names = self._parameter_names
        parts = [f"{names[i]}={describe(a)}" if i < len(names) else describe(a)
                 for i, a in enumerate(args)]
        parts += [f"{k}={describe(v)}" for k, v in kwargs.items()]
        return ", ".join(parts)

    def _inputs(self) -> str:
        return self._arguments(self._last_call) if self._last_call else "(no call)"

    def _warned(self) -> str:
        return "".join(f"\nwarning:  {w}" for w in self._warnings)

    def expect_close(self, got: Any, expected: Any, *, rtol: float = 1e-9, atol: float = 0.0,
                     what: str = "the value") -> None:
        """Fail unless ``got`` is a number (or array) of the expected shape close to ``expected``.

        ``what`` says in words what was expected, for the message.
        """
        expected_array = np.asarray(expected, dtype=np.float64)
        self.expect_type(got, shape=expected_array.shape)
        if not _close(got, expected_array, rtol, atol):
            raise CheckFailure(
                f"input:    {self._inputs()}\n"
                f"expected: {what}: {describe(_scalar_or_array(expected_array))}\n"
                f"got:      {describe(_scalar_or_array(np.asarray(_to_numpy(got), float)))}"
                + self._warned(),
                call=self._last_call, got=got,
                compare=lambda a, b: _close(a, np.asarray(b, dtype=np.float64), rtol, atol))

    def expect_type(self, got: Any, *, shape: tuple[int, ...] = ()) -> None:
        """Fail unless ``got`` is a real number (``shape=()``) or an array of that shape, no nan."""
        name = self.exercise.function
        if got is None:
            raise CheckFailure(f"{name}({self._inputs()}) returned None. Did you forget "
                               "`return`?")
        value = _to_numpy(got)
        if shape == () and isinstance(value, np.ndarray) and value.ndim > 0:
            raise CheckFailure(
                f"{name}({self._inputs()}) returned an array of shape {value.shape}; a single "
                "real number was expected.")
        if shape == () and not (_is_number(value) or (isinstance(value, np.ndarray)
                                                      and value.shape == ())):
            raise CheckFailure(
                f"{name}({self._inputs()}) returned {describe(value)} "
                f"({type(value).__name__}); a single real number was expected.")
        try:
            array = np.asarray(value, dtype=np.float64)
        except (TypeError, ValueError):
            raise CheckFailure(f"{name}({self._inputs()}) returned {describe(value)} "
                               f"({type(value).__name__}); numbers were expected.") from None
        if array.shape != shape:
            raise CheckFailure(
                f"{name}({self._inputs()}) returned shape {array.shape}; shape {shape} was "
                "expected (one value per entry of the parameter grid).")
        if np.isnan(array).any():
            # The nan itself can be the signature of a known mistake (0 * log 0 computed as
            # 0 * -inf), so the mistakes are still compared, nan for nan.
            raise CheckFailure(
                f"{name}({self._inputs()}) returned nan. Look for log(0) multiplied by 0, 0/0, "
                "or inf - inf." + self._warned(),
                call=self._last_call, got=got, compare=_same_including_nan)

    def expect_unchanged_by_shuffling(self, data: np.ndarray, *rest: Any, rtol: float = 1e-9,
                                      what: str = "the same value as for the original order"
                                      ) -> None:
        """Call with ``data`` and with a shuffled copy of it: i.i.d. data have no order."""
        first = self.call(data, *rest)
        self.expect_type(first, shape=np.shape(_to_numpy(first)))
        self.expect_close(self.call(self.rng.permutation(data), *rest), first, rtol=rtol,
                          what=what)

    def expect_argmax(self, grid: np.ndarray, values: Any, target: float, tolerance: float,
                      *, name: str = "p", target_name: str = "k/n") -> None:
        """Fail unless ``values`` (one per grid point) is largest within ``tolerance`` of
        ``target``."""
        self.expect_type(values, shape=grid.shape)
        best = grid[int(np.argmax(np.asarray(_to_numpy(values), dtype=float)))]
        self.expect(abs(best - target) <= tolerance,
                    f"expected: the largest value at {name} = {target_name} = {target:.4g}\n"
                    f"got:      the largest value at {name} = {best:.4g}")

    def expect(self, condition: bool, explanation: str) -> None:
        """Fail with ``explanation`` (a sentence about the property) unless ``condition``."""
        if not condition:
            raise CheckFailure(f"input:    {self._inputs()}\n{explanation}" + self._warned())


def _parameter_names(function: Callable[..., Any]) -> tuple[str, ...]:
    try:
        return tuple(inspect.signature(function).parameters)
    except (TypeError, ValueError):
        return ()


def _scalar_or_array(array: np.ndarray) -> Any:
    return array[()] if array.ndim == 0 else array


def _changed_inputs(originals: tuple, copies: tuple,
                    names: tuple[str, ...]) -> Iterator[tuple[str, Any, Any]]:
    (args, kwargs), (args_after, kwargs_after) = originals, copies
    labelled = [(names[i] if i < len(names) else f"argument {i + 1}", a, b)
                for i, (a, b) in enumerate(zip(args, args_after, strict=True))]
    labelled += [(k, kwargs[k], kwargs_after[k]) for k in kwargs]
    for label, before, after in labelled:
        changed_array = isinstance(before, np.ndarray) and not np.array_equal(
            before, after, equal_nan=before.dtype.kind == "f")
        if changed_array or (isinstance(before, list) and before != after):
            yield label, before, after


def _learner_line(error: BaseException) -> str:
    """`` (in your code, line 4: return np.prod(p))`` for the innermost frame of learner code."""
    frames = [f for f in traceback.extract_tb(error.__traceback__)
              if "site-packages" not in f.filename and "/mlcourse/" not in f.filename
              and "/lib/python" not in f.filename]
    if not frames:
        return ""
    line = (frames[-1].line or "").strip()
    return f" (in your code, line {frames[-1].lineno}" + (f": {line})" if line else ")")


@dataclass
class Exercise:
    """One exercise: its id, the function the learner writes, and the checks of that function."""

    id: str
    chapter: int
    title: str
    function: str
    seconds: float = 5.0
    checks: list[tuple[str, Callable[[Trial], None]]] = field(default_factory=list)
    mistakes: list[Mistake] = field(default_factory=list)

    def check(self, description: str) -> Callable[[Callable[[Trial], None]], Callable]:
        """Decorator registering a property check, described in one line for the learner."""
        def register(function: Callable[[Trial], None]) -> Callable[[Trial], None]:
            self.checks.append((description, function))
            return function
        return register

    def mistake(self, name: str, hint: str) -> Callable[[Callable], Callable]:
        """Decorator registering a known mistake: the decorated function makes it."""
        def register(function: Callable) -> Callable:
            self.mistakes.append(Mistake(name, hint, function))
            return function
        return register

    def run(self, answer: Any) -> Verdict:
        """Check ``answer`` (the learner's function) and return the verdict; never raises."""
        if not callable(answer):
            return self._verdict(Status.FAILED, 0, [
                f"{self.function} should be a function, but it is {describe(answer)} "
                f"({type(answer).__name__})."], ())
        passed, failures, mistakes = 0, [], []
        for number, (description, run_one) in enumerate(self.checks, start=1):
            trial = Trial(self, answer)
            try:
                run_one(trial)
            except NotAttempted:
                return self.not_attempted()
            except CheckFailure as failure:
                found = self._match_mistakes(failure)
                mistakes += [m.name for m in found if m.name not in mistakes]
                if not failures:
                    failures.append(_failure_text(number, description, failure, found))
                else:
                    failures.append(f"Also failed: check {number}, {description}.")
                if failure.stop:
                    skipped = len(self.checks) - number
                    if skipped:
                        failures.append(f"The remaining {skipped} checks were not run.")
                    break
            except Exception as error:  # a bug in the check itself must not crash the notebook
                failures.append(f"Check {number} ({description}) could not run: "
                                f"{type(error).__name__}: {error}. Please report this.")
            else:
                passed += 1
        status = Status.PASSED if passed == len(self.checks) else Status.FAILED
        return self._verdict(status, passed, failures, tuple(mistakes))

    def _match_mistakes(self, failure: CheckFailure) -> list[Mistake]:
        if failure.call is None or failure.compare is None:
            return []
        args, kwargs = copy.deepcopy(failure.call)
        found = []
        for mistake in self.mistakes:
            try:
                with np.errstate(all="ignore"):
                    wrong = mistake.answer(*args, **kwargs)
                if failure.compare(failure.got, wrong):
                    found.append(mistake)
            except Exception:  # a mistake that does not apply to this input
                continue
        return found

    def not_attempted(self) -> Verdict:
        """The verdict for an untouched stub."""
        return self._verdict(Status.NOT_ATTEMPTED, 0, [
            f"`{self.function}` still raises NotImplementedError.\nReplace that line with "
            "your code, run the exercise cell, then this one."], ())

    def _verdict(self, status: Status, passed: int, lines: list[str],
                 mistakes: tuple[str, ...]) -> Verdict:
        total = len(self.checks)
        if status is Status.NOT_ATTEMPTED:
            message = f"[{self.id}] not attempted yet: " + lines[0]
        elif status is Status.PASSED:
            message = f"[{self.id}] passed {passed} of {total} checks."
        else:
            head = f"[{self.id}] failed {total - passed} of {total} checks"
            message = head + (".\n" + "\n".join(lines) if lines else ".")
            if not self.checks:
                message = f"[{self.id}] " + lines[0]
        return Verdict(self.id, status, passed, total, message, mistakes)


def _failure_text(number: int, description: str, failure: CheckFailure,
                  mistakes: list[Mistake]) -> str:
    lines = [f"First failure, check {number}: {description}."]
    lines += ["  " + line for line in str(failure).splitlines()]
    for mistake in mistakes:
        lines.append(f"  This matches a known mistake: {mistake.name}.")
        lines.append(textwrap.fill(mistake.hint, width=88, initial_indent="  Hint: ",
                                   subsequent_indent="        "))
    return "\n".join(lines)


registry: dict[str, Exercise] = {}


def exercise(id: str, *, chapter: int, title: str, function: str,
             seconds: float = 5.0) -> Exercise:
    """Create and register an exercise. Ids are unique across the course."""
    if id in registry:
        raise ValueError(f"exercise id {id!r} is registered twice")
    new = Exercise(id=id, chapter=chapter, title=title, function=function, seconds=seconds)
    registry[id] = new
    return new


def run_check(exercise_id: str, answer: Any) -> Verdict:
    """Check ``answer`` against the exercise ``exercise_id`` and return the :class:`Verdict`.

    Introduced in Chapter 1 (Likelihood vs probability).

    Parameters
    ----------
    exercise_id : str
        The exercise's id, as in the book (``likelihood-coin-sequence``).
    answer : callable
        The learner's function.

    Returns
    -------
    Verdict
        Not attempted, passed or failed, with the explanation.

    Raises
    ------
    KeyError
        If no exercise has this id.
    """
    try:
        found = registry[exercise_id]
    except KeyError:
        known = ", ".join(sorted(registry))
        raise KeyError(f"no exercise {exercise_id!r}; the exercises are: {known}") from None
    return found.run(answer)


def check(exercise_id: str, answer: Any = None) -> None:
    """Check your answer to an exercise and print the verdict. The cell after each exercise.

    Introduced in Chapter 1 (Likelihood vs probability).

    Parameters
    ----------
    exercise_id : str
        The exercise's id, as in the book.
    answer : callable, optional
        Your function. By default the function with the exercise's name is looked up in the
        notebook, so a missing or misspelt definition is reported instead of raising NameError.

    Examples
    --------
    In a notebook, after the cell that defines ``sequence_likelihood``::

        check("likelihood-coin-sequence")
    """
    if exercise_id not in registry:
        print(f"[{exercise_id}] is not an exercise id; the ids are: {', '.join(sorted(registry))}")
        return
    if answer is None:
        name = registry[exercise_id].function
        caller = inspect.currentframe().f_back  # type: ignore[union-attr]
        answer = caller.f_globals.get(name) if caller is not None else None
        if answer is None:
            print(f"[{exercise_id}] not attempted yet: there is no function named `{name}`.\n"
                  "Run the exercise cell above first (and keep the function's name).")
            return
    print(run_check(exercise_id, answer))

