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
Every line of a verdict fits the book's 80-column output.

This module runs checks in the current process (:func:`run_check`); :func:`check`, the cell
after each exercise, runs the exercise cell and its checks in a process of their own
(:mod:`mlcourse.exercises.isolation`), exactly as ``python -m mlcourse check`` does.
"""

from __future__ import annotations

import copy
import enum
import inspect
import linecache
import os
import re
import signal
import sys
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

from .rules import Forbidden

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


WIDTH = 80  # the book's output column: no verdict line is wider
SEED_VARIABLE = "MLCOURSE_SEED"
# The seed of this run's inputs, mixed with each exercise's id. A learner's run draws a fresh
# one (so an answer cannot be tuned to one set of inputs) and a failure prints it; CI's proofs
# and anyone reproducing a failure fix it with MLCOURSE_SEED. None: the id alone (in-process).
_seed: int | None = None


def run_seed() -> int:
    """The seed for a run of checks: ``MLCOURSE_SEED`` if set, else a fresh one."""
    import secrets

    text = os.environ.get(SEED_VARIABLE, "").strip()
    if text:
        try:
            return int(text)
        except ValueError:
            raise ValueError(f"{SEED_VARIABLE} must be a whole number, got {text!r}") from None
    return secrets.randbelow(1_000_000)


class Status(enum.Enum):
    """Not attempted, passed, failed, or (in the table of ``python -m mlcourse check``) missing."""

    NOT_ATTEMPTED = "not attempted"
    PASSED = "passed"
    FAILED = "failed"
    MISSING = "missing"


def fit_width(text: str, width: int = WIDTH) -> str:
    """Wrap every line of ``text`` longer than ``width``, keeping its indentation."""
    lines = []
    for line in text.splitlines():
        if len(line) <= width:
            lines.append(line)
            continue
        indent = line[:len(line) - len(line.lstrip())]
        lines += textwrap.wrap(line, width=width, subsequent_indent=indent + "  ",
                               break_on_hyphens=False, drop_whitespace=True) or [line[:width]]
    return "\n".join(lines)


def plural(count: int, noun: str) -> str:
    """``1 check``, ``3 checks``."""
    return f"{count:,} {noun}" + ("" if count == 1 else "s")


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
    headline : str
        The table's text when it is not ``passed k of n checks`` or ``failed k of n checks``:
        ``timed out after 5 s; 3 checks not run``, ``syntax error on line 4``, ...
    """

    exercise_id: str
    status: Status
    passed: int
    total: int
    message: str
    mistakes: tuple[str, ...] = ()
    headline: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "message", fit_width(self.message))

    def __str__(self) -> str:
        return self.message

    @property
    def summary(self) -> str:
        """One line for a table: ``passed 5 of 5 checks``, ``failed 2 of 5 checks: ...``."""
        if self.headline:
            return self.headline
        if self.status is Status.NOT_ATTEMPTED:
            return "not attempted yet"
        if self.status is Status.MISSING:
            return "missing from your copy"
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
                 stop: str = "") -> None:
        super().__init__(explanation)
        self.call = call  # the arguments of the call whose answer was wrong
        self.got = got
        self.compare = compare  # how that answer was compared (reused for the mistakes)
        self.stop = stop  # why the remaining checks are not run ("timed out after 5 s"), or ""


class NotAttempted(Exception):
    pass


class _TimeUp(BaseException):
    """Raised inside learner code by the alarm; a BaseException so `except Exception` in
    learner code cannot swallow it."""


class NoKeyboard(RuntimeError):
    """What ``input()`` raises while an exercise is checked: a check has no keyboard."""

    def __init__(self) -> None:
        super().__init__("input() waits for the keyboard, and a check has none; take the value "
                         "as an argument of your function instead")


def namespace_hint(exercise: Exercise | None = None) -> str:
    """The namespace rule, said when a name is not defined in an exercise cell."""
    provided = sorted(exercise.provides) if exercise is not None else []
    also = (" plus " + ", ".join(f"`{name}`" for name in provided)) if provided else ""
    return ("An exercise cell sees only what it imports" + also + ": add the import "
            "(such as `import numpy as np`) to the cell itself.")


def stopped_by(error: BaseException) -> str:
    """Why a BaseException from learner code stops the check, or "" for an ordinary error."""
    if isinstance(error, SystemExit):
        code = "" if error.code is None else repr(error.code)
        return f"calls sys.exit({code})"
    if isinstance(error, KeyboardInterrupt):
        return "raises KeyboardInterrupt"
    if isinstance(error, MemoryError):
        return "ran out of memory"
    return ""


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
                               max_line_width=72, separator=", ")
        if value.size > 12:
            text += f"  ({value.size} values, shape {value.shape})"
        return "array(" + " ".join(text.split()) + ")"  # one line: the verdict wraps it
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
        identity = zlib.crc32(exercise.id.encode())
        self.rng = np.random.default_rng(identity if _seed is None else [identity, _seed])
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
                "a large grid that numpy could do at once?",
                stop=f"timed out after {self.exercise.seconds:g} s") from None
        except (SystemExit, KeyboardInterrupt, MemoryError) as error:
            reason = stopped_by(error)
            why = ("It needs more memory than a check allows." if isinstance(error, MemoryError)
                   else "A function returns its answer; it does not end the program.")
            raise CheckFailure(
                f"{name}({self._arguments(originals)}): {reason}"
                f"{_learner_line(error)}. {why}", stop=reason) from None
        except NoKeyboard as error:
            raise CheckFailure(f"{name}({self._arguments(originals)}) calls input()"
                               f"{_learner_line(error)}: {error}.") from None
        except Exception as error:
            hint = "\n" + namespace_hint(self.exercise) if isinstance(error, NameError) else ""
            raise CheckFailure(
                f"{name}({self._arguments(originals)}) raised "
                f"{type(error).__name__}: {error}{_learner_line(error)}{hint}") from None
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

    def expect_array(self, got: Any, shape: tuple[int, ...]) -> np.ndarray:
        """Fail unless ``got`` is a numpy array of ``shape`` (a list, a tuple or a tensor is
        not, when the statement promises an ndarray); return it as float64."""
        self.expect_type(got, shape=shape)
        kind = f"{type(got).__module__}.{type(got).__name__}".replace("builtins.", "")
        self.expect(isinstance(got, np.ndarray),
                    f"expected: a numpy array (np.ndarray) of shape {shape}, as the "
                    f"statement asks\ngot:      a {kind}")
        return np.asarray(got, dtype=float)

    def expect_finite(self, got: Any, what: str) -> None:
        """Fail, naming no known mistake, if a single answer is inf or nan where the value is
        finite (a mistake that also overflows would otherwise be named, with a hint beside
        the point). Anything else is left to ``expect_close``."""
        try:
            value = np.asarray(_to_numpy(got), dtype=float)
        except (TypeError, ValueError):
            return
        if value.shape == () and not np.isfinite(value):
            self.expect(False, f"expected: {what}\ngot:      {describe(got)}")

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
    provides: dict[str, Any] = field(default_factory=dict)  # names the exercise cell may use
    forbidden: tuple[Forbidden, ...] = ()  # what the answer's code may not use, and why

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

    def run(self, answer: Any,
            progress: Callable[[int, str], None] | None = None) -> Verdict:
        """Check ``answer`` (the learner's function) and return the verdict; never raises.

        ``progress(number, description)`` is called before each check (the isolated runner
        reports it, so that a check it has to kill can be named).
        """
        if not callable(answer):
            return self._verdict(Status.FAILED, 0, [
                f"{self.function} should be a function, but it is {describe(answer)} "
                f"({type(answer).__name__})."], ())
        passed, failures = 0, []
        first: tuple[int, str, CheckFailure] | None = None
        matches: list[list[Mistake]] = []  # per failing check where answers were compared
        headline = ""
        for number, (description, run_one) in enumerate(self.checks, start=1):
            if progress is not None:
                progress(number, description)
            trial = Trial(self, answer)
            try:
                run_one(trial)
            except NotAttempted:
                return self.not_attempted()
            except CheckFailure as failure:
                if failure.compare is not None and failure.call is not None:
                    matches.append(self._match_mistakes(failure))
                if first is None:
                    first = (number, description, failure)
                    failures.append("")  # written below, once the mistakes are known
                else:
                    failures.append(f"Also failed: check {number}, {description}.")
                if failure.stop:
                    not_run = len(self.checks) - number + 1
                    headline = f"{failure.stop}; {plural(not_run, 'check')} not run"
                    break
            except Exception as error:  # a bug in the check itself must not crash the notebook
                failures.append(f"Check {number} ({description}) could not run: "
                                f"{type(error).__name__}: {error}. Please report this.")
            else:
                passed += 1
        # The mistakes named are those that reproduce the most wrong answers: two mistakes can
        # agree on one input (at sigma = 1, say) and not on the others.
        counts = {m.name: sum(m in found for found in matches) for m in self.mistakes}
        best = max(counts.values(), default=0)
        named = [m for m in self.mistakes if best and counts[m.name] == best]
        if first is not None:
            failures[failures.index("")] = _failure_text(*first, named)
        mistakes = [m.name for m in named]
        status = Status.PASSED if passed == len(self.checks) else Status.FAILED
        return self._verdict(status, passed, failures, tuple(mistakes), headline)

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

    def failed(self, headline: str, explanation: str) -> Verdict:
        """A failure before any check could run (the cell does not run, a time-out, ...)."""
        return Verdict(self.id, Status.FAILED, 0, len(self.checks),
                       f"[{self.id}] {headline}.\n{explanation}", (), headline)

    def _verdict(self, status: Status, passed: int, lines: list[str],
                 mistakes: tuple[str, ...], headline: str = "") -> Verdict:
        total = len(self.checks)
        if status is Status.NOT_ATTEMPTED:
            message = f"[{self.id}] not attempted yet.\n" + lines[0]
        elif status is Status.PASSED:
            message = f"[{self.id}] passed {passed} of {total} checks."
        else:
            head = f"[{self.id}] " + (headline or f"failed {total - passed} of {total} checks")
            message = head + (".\n" + "\n".join(lines) if lines else ".")
            if _seed is not None and passed < total:
                message += (f"\n(Inputs drawn with seed {_seed}; set {SEED_VARIABLE}={_seed} "
                            "to draw them again.)")
            if not self.checks:
                message = f"[{self.id}] " + lines[0]
        return Verdict(self.id, status, passed, total, message, mistakes, headline)


def _failure_text(number: int, description: str, failure: CheckFailure,
                  mistakes: list[Mistake]) -> str:
    lines = [f"First failure, check {number}: {description}."]
    lines += ["  " + line for line in str(failure).splitlines()]
    for mistake in mistakes:
        lines.append(f"  This matches a known mistake: {mistake.name}.")
        lines.append(textwrap.fill(mistake.hint, width=WIDTH, initial_indent="  Hint: ",
                                   subsequent_indent="        "))
    return "\n".join(lines)


registry: dict[str, Exercise] = {}
_checking = False  # True while an exercise cell runs under the checker (see cells.run_cell)


def exercise(id: str, *, chapter: int, title: str, function: str, seconds: float = 5.0,
             provides: dict[str, Any] | None = None,
             forbidden: tuple[Forbidden, ...] | list[Forbidden] = ()) -> Exercise:
    """Create and register an exercise. Ids are unique across the course.

    ``provides`` names the objects the exercise cell may use without importing them (data the
    statement hands over); everything else the cell must import itself. ``forbidden`` lists
    what the answer's code may not use (``Forbidden("numpy.linalg.inv", "solve, do not
    invert")``), checked on the cell's code before any check runs.
    """
    if id in registry:
        raise ValueError(f"exercise id {id!r} is registered twice")
    new = Exercise(id=id, chapter=chapter, title=title, function=function, seconds=seconds,
                   provides=dict(provides or {}), forbidden=tuple(forbidden))
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


def cell_source(answer: Any) -> str | None:
    """The source of the cell (or file) that defined the function ``answer``, or None.

    IPython registers every cell it runs in :mod:`linecache` under the file name compiled into
    the cell's functions, so the cell is found from the function itself.
    """
    code = getattr(inspect.unwrap(answer), "__code__", None) if callable(answer) else None
    if code is None:
        return None
    lines = linecache.getlines(code.co_filename)
    return "".join(lines) if lines else None


def _latest_cell_defining(name: str) -> str | None:
    """In IPython, the last cell run that contains ``def name(``, as typed; else None."""
    shell_module = sys.modules.get("IPython")
    shell = shell_module.get_ipython() if shell_module is not None else None  # type: ignore
    history = getattr(getattr(shell, "history_manager", None), "input_hist_raw", None)
    if not history:
        return None
    pattern = re.compile(rf"^[ \t]*def[ \t]+{re.escape(name)}[ \t]*\(", re.MULTILINE)
    return next((cell for cell in reversed(history) if pattern.search(cell)), None)


def check(exercise_id: str, answer: Any = None) -> None:
    """Check your answer to an exercise and print the verdict. The cell after each exercise.

    The cell that defines your function is run again, with its checks, in a process of its own
    (as ``python -m mlcourse check`` does), so whatever it does cannot stop the notebook.

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
    if _checking:
        return  # an exercise cell that calls check() is being checked: nothing to do there
    if exercise_id not in registry:
        print(fit_width(f"[{exercise_id}] is not an exercise id; the ids are: "
                        f"{', '.join(sorted(registry))}"))
        return
    found = registry[exercise_id]
    name = found.function
    source = None
    if answer is None:
        caller = inspect.currentframe().f_back  # type: ignore[union-attr]
        answer = caller.f_globals.get(name) if caller is not None else None
        source = _latest_cell_defining(name)  # even one that did not run (a syntax error)
        if answer is None and source is None:
            print(f"[{exercise_id}] not attempted yet.\nThere is no function named `{name}`.\n"
                  "Run the exercise cell above first (and keep the function's name).")
            return
    if source is None and not callable(answer):
        print(found.run(answer))
        return
    source = source or cell_source(answer)
    if source is None:
        print(found.failed("cannot find the exercise cell",
                           f"The cell that defines `{name}` cannot be found. Run the exercise "
                           "cell above again, then this one."))
        return
    from .isolation import run_isolated

    try:
        print(run_isolated(exercise_id, source))
    except KeyboardInterrupt:
        print(f"[{exercise_id}] check interrupted.")
