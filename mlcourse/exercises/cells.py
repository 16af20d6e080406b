"""Running one exercise cell, in the current process, and checking the function it defines.

This is what happens inside the isolated process of :mod:`mlcourse.exercises.isolation`, for
``check(...)`` in a notebook and for ``python -m mlcourse check`` alike.

The namespace rule: the cell runs in a fresh namespace that holds only Python's builtins, the
names the exercise declares it provides (``exercise(..., provides={...})``; none of the course's
exercises needs any today), and ``check``, which does nothing while a cell is being checked (so a
cell that ends with ``check("...")`` still works). Everything else, ``numpy`` included, the cell
imports itself, so an answer behaves the same in the notebook, in the table and in the book's
solution.
"""

from __future__ import annotations

import linecache
import traceback
from collections.abc import Callable
from typing import Any

from . import framework
from .framework import (
    Exercise,
    NoKeyboard,
    Verdict,
    _time_limit,
    _TimeUp,
    namespace_hint,
    plural,
    stopped_by,
)
from .rules import rule_violations

__all__ = ["CELL_FILENAME", "run_cell"]

CELL_FILENAME = "<exercise cell>"


def _cell_line(error: BaseException, source: str) -> tuple[int | None, str]:
    """The line of the cell where ``error`` was raised, and its text."""
    frames = [f for f in traceback.extract_tb(error.__traceback__) if f.filename == CELL_FILENAME]
    if not frames or frames[-1].lineno is None:
        return None, ""
    number = frames[-1].lineno
    lines = source.splitlines()
    return number, (lines[number - 1].strip() if 0 < number <= len(lines) else "")


def _syntax_error(exercise: Exercise, error: SyntaxError) -> Verdict:
    line = error.lineno or 0
    text = (error.text or "").rstrip("\n")
    shown = ""
    if text.strip():
        stripped = text.lstrip()
        caret = max((error.offset or 1) - 1 - (len(text) - len(stripped)), 0)
        shown = f"\n    {stripped}\n    {' ' * caret}^"
    kind = type(error).__name__
    return exercise.failed(f"syntax error on line {line}",
                           f"{kind}: {error.msg}, on line {line} of the exercise cell:{shown}")


def _cell_raises(exercise: Exercise, error: BaseException, source: str) -> Verdict:
    number, text = _cell_line(error, source)
    where = f"line {number}" if number else "the cell"
    quoted = f"\n    {text}" if text else ""
    not_run = plural(len(exercise.checks), "check")
    if isinstance(error, NoKeyboard):
        return exercise.failed(f"the cell calls input() on {where}; {not_run} not run",
                               f"The exercise cell waits for the keyboard:{quoted}\n{error}.")
    reason = stopped_by(error)
    if reason:
        why = ("It needs more memory than a check allows." if isinstance(error, MemoryError)
               else "An exercise cell defines the function; it does not end the program.")
        return exercise.failed(f"the cell {reason}; {not_run} not run",
                               f"The exercise cell stops on {where}:{quoted}\n{why}")
    kind = type(error).__name__
    hint = "\n" + namespace_hint(exercise) if isinstance(error, NameError) else ""
    return exercise.failed(f"the exercise cell raises {kind} on {where}",
                           f"{kind}: {error}{quoted}{hint}")


def run_cell(exercise: Exercise, source: str,
             progress: Callable[[int, str], None] | None = None) -> Verdict:
    """Run ``source`` (an exercise cell) in a fresh namespace and check the function it defines.

    ``progress`` is called with ``(0, "the exercise cell")`` before the cell runs and with
    ``(number, description)`` before each check. Never raises for anything the cell does.
    """
    namespace: dict[str, Any] = {"__name__": "__main__", "check": framework.check,
                                 **exercise.provides}
    # Registered like an IPython cell, so that an error can quote the learner's line.
    linecache.cache[CELL_FILENAME] = (len(source), None, source.splitlines(True), CELL_FILENAME)
    try:
        code = compile(source, CELL_FILENAME, "exec")
    except SyntaxError as error:
        return _syntax_error(exercise, error)
    except (ValueError, OverflowError, RecursionError, MemoryError) as error:
        return exercise.failed("the exercise cell cannot be compiled",
                               f"{type(error).__name__}: {error}")
    if progress is not None:
        progress(0, "the exercise cell")
    checking, framework._checking = framework._checking, True
    try:
        return _run(exercise, code, namespace, source, progress)
    finally:
        framework._checking = checking


def _run(exercise: Exercise, code: Any, namespace: dict[str, Any], source: str,
         progress: Callable[[int, str], None] | None) -> Verdict:
    try:
        with _time_limit(exercise.seconds):
            exec(code, namespace)  # the learner's own cell, as Jupyter would run it
    except NotImplementedError:
        return exercise.not_attempted()
    except _TimeUp:
        return exercise.failed(
            f"timed out after {exercise.seconds:g} s; "
            f"{plural(len(exercise.checks), 'check')} not run",
            f"The exercise cell itself did not finish within {exercise.seconds:g} s. Is "
            "there a loop outside the function?")
    except BaseException as error:  # anything the cell does is a verdict
        return _cell_raises(exercise, error, source)
    answer = namespace.get(exercise.function)
    if answer is None:
        return exercise.failed(f"the cell does not define `{exercise.function}`",
                               f"The exercise cell must define `{exercise.function}` (keep "
                               "the name of the stub).")
    broken = rule_violations(source, exercise.forbidden)
    if broken:
        return exercise.failed(
            f"breaks a rule of the exercise; {plural(len(exercise.checks), 'check')} not run",
            "\n".join(str(violation) for violation in broken))
    return exercise.run(answer, progress)
