"""Every exercise check is proved real: the stub is not attempted, the book's solution passes,
and each plausible wrong answer kept in tests/exercises/ fails (naming its known mistake).

A learner's run draws its inputs with a fresh seed; CI fixes several, so that it stays
deterministic and still sees more than one draw: the solution must pass under every seed, and a
wrong answer must fail under each.
"""

from __future__ import annotations

import importlib
import pkgutil
from pathlib import Path

import pytest

from mlcourse.exercises import Status, check_source, read_exercises, registry
from mlcourse.exercises.framework import SEED_VARIABLE

from . import exercises as wrong_answer_modules

BOOK = Path(__file__).resolve().parent.parent / "book"
NOTEBOOK_EXERCISES = [found for notebook in sorted(BOOK.glob("[0-9][0-9]-*.ipynb"))
                      for found in read_exercises(notebook)]


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


def _id(found) -> str:
    return found.id


@pytest.mark.parametrize("found", NOTEBOOK_EXERCISES, ids=_id)
def test_untouched_stub_is_not_attempted(found) -> None:
    verdict = check_source(found.id, found.stub)
    assert verdict.status is Status.NOT_ATTEMPTED, verdict.message
    assert verdict.message.startswith(f"[{found.id}] not attempted yet.\n")
    assert max(map(len, verdict.message.splitlines())) <= 80, verdict.message


@pytest.fixture(autouse=True)
def _fixed_seed(monkeypatch) -> None:
    monkeypatch.setenv(SEED_VARIABLE, str(SEEDS[0]))


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("found", NOTEBOOK_EXERCISES, ids=_id)
def test_reference_solution_passes(found, seed: int, monkeypatch) -> None:
    monkeypatch.setenv(SEED_VARIABLE, str(seed))
    verdict = check_source(found.id, found.solution)
    assert verdict.status is Status.PASSED, verdict.message
    assert verdict.message == f"[{found.id}] passed {verdict.total} of {verdict.total} checks."
    assert verdict.total >= 3, "an exercise needs at least three property checks"


@pytest.mark.parametrize("seed", WRONG_ANSWER_SEEDS)
@pytest.mark.parametrize(("exercise_id", "answer"), WRONG_CASES,
                         ids=[f"{i}: {a.description}" for i, a in WRONG_CASES])
def test_wrong_answer_fails(exercise_id: str, answer, seed: int, monkeypatch) -> None:
    monkeypatch.setenv(SEED_VARIABLE, str(seed))
    verdict = check_source(exercise_id, answer.source)
    assert verdict.status is Status.FAILED, (
        f"the check of {exercise_id} lets a wrong answer through ({answer.description}):\n"
        f"{verdict.message}")
    if answer.kind == "rule":
        assert "breaks a rule of the exercise" in verdict.message, verdict.message
    if answer.mistake is not None:
        assert answer.mistake in verdict.mistakes, (
            f"expected the verdict to name the mistake {answer.mistake!r}; it named "
            f"{list(verdict.mistakes)}:\n{verdict.message}")
        assert f"This matches a known mistake: {answer.mistake}." in flat(verdict.message)


@pytest.mark.parametrize(("exercise_id", "source"), RIGHT_CASES,
                         ids=[f"{i}: right answer {n}" for n, (i, _) in enumerate(RIGHT_CASES)])
def test_right_answer_written_differently_passes(exercise_id: str, source: str) -> None:
    verdict = check_source(exercise_id, source)
    assert verdict.status is Status.PASSED, verdict.message


@pytest.mark.parametrize("exercise_id", sorted(registry))
def test_every_exercise_has_a_mutation_campaign(exercise_id: str) -> None:
    """At least five wrong answers, of at least two kinds, and two other right answers."""
    answers = WRONG_ANSWERS.get(exercise_id, [])
    assert len(answers) >= 5, f"{exercise_id} has {len(answers)} wrong answers in tests/exercises"
    kinds = {answer.kind for answer in answers}
    assert len(kinds) >= 2, f"{exercise_id}: wrong answers of one kind only ({kinds})"
    assert len(RIGHT_ANSWERS.get(exercise_id, [])) >= 2, (
        f"{exercise_id} needs two correct answers written differently (RIGHT_ANSWERS)")


@pytest.mark.parametrize("exercise_id", sorted(registry))
def test_every_known_mistake_is_exercised(exercise_id: str) -> None:
    named = {answer.mistake for answer in WRONG_ANSWERS.get(exercise_id, [])}
    for mistake in registry[exercise_id].mistakes:
        assert mistake.name in named, (
            f"no wrong answer in tests/exercises shows that {exercise_id} detects the mistake "
            f"{mistake.name!r}")
