"""The exercises' proofs, shared by tests/test_exercises.py and tests/test_wrong_answers.py: the
seeds, the wrong and right answers kept in tests/exercises/, and a way to check an answer in
this process."""

from __future__ import annotations

import importlib
import pkgutil
import warnings
from dataclasses import replace

from mlcourse.exercises import Verdict, framework, registry
from mlcourse.exercises.cells import run_cell
from mlcourse.exercises.isolation import Limits

from . import exercises as wrong_answer_modules


def _collected(name: str) -> dict:
    """``WRONG_ANSWERS`` or ``RIGHT_ANSWERS`` of every module in tests/exercises, merged."""
    collected: dict = {}
    for info in pkgutil.iter_modules(wrong_answer_modules.__path__):
        module = importlib.import_module(f"{wrong_answer_modules.__name__}.{info.name}")
        for exercise_id, answers in getattr(module, name, {}).items():
            assert exercise_id not in collected, f"{exercise_id} has {name} in two modules"
            collected[exercise_id] = answers
    return collected


SEEDS = (11, 29, 47)  # the solution passes under each
WRONG_ANSWER_SEEDS = SEEDS[:2]  # and every wrong answer fails under each of these
WRONG_ANSWERS = _collected("WRONG_ANSWERS")
# Correct answers written differently from the book's solution: the checks are not too strict.
RIGHT_ANSWERS = _collected("RIGHT_ANSWERS")
RIGHT_CASES = [(exercise_id, source) for exercise_id, sources in RIGHT_ANSWERS.items()
               for source in sources]
WRONG_CASES = [(exercise_id, answer) for exercise_id, answers in WRONG_ANSWERS.items()
               for answer in answers]


def flat(text: str) -> str:
    """A verdict with its line wrapping undone, to look for a phrase in it."""
    return " ".join(text.split())


def check_in_this_process(exercise_id: str, source: str, seed: int) -> Verdict:
    """The verdict of ``check_source(exercise_id, source)`` under ``seed``, with the checks run in
    this process as the checker's child runs them: the same time limit, and a warning outside
    the answer's own calls is no error (the test suite's filter makes every warning one)."""
    exercise = registry[exercise_id]
    limit = Limits.from_environment().seconds
    if limit is not None:
        exercise = replace(exercise, seconds=min(exercise.seconds, limit))
    saved, framework._seed = framework._seed, seed
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return run_cell(exercise, source)
    finally:
        framework._seed = saved
