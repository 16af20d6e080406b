"""Every exercise check is proved real: the stub is not attempted, the book's solution passes,
other right answers pass, and (tests/test_wrong_answers.py) each plausible wrong answer kept in
tests/exercises/ fails, naming its known mistake.

A learner's run draws its inputs with a fresh seed; CI fixes several, so that it stays
deterministic and still sees more than one draw: the solution must pass under every seed, and a
wrong answer must fail under each.

Stubs and solutions go through the checker a learner uses (a process of their own per check).
The other right answers and the wrong answers, which are many and written by us, run their
checks in the test's process: the same checks, without the fork and exit of a process that
holds torch for each (about two thirds of the time of those tests on 2 cores). A sample of
wrong answers proves here that the two ways give the same verdict.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from mlcourse.exercises import Status, check_source, read_exercises, registry
from mlcourse.exercises.framework import SEED_VARIABLE

from .exercise_cases import (
    RIGHT_ANSWERS,
    RIGHT_CASES,
    SEEDS,
    WRONG_ANSWERS,
    check_in_this_process,
)

BOOK = Path(__file__).resolve().parent.parent / "book"
NOTEBOOK_EXERCISES = [found for notebook in sorted(BOOK.glob("[0-9][0-9]-*.ipynb"))
                      for found in read_exercises(notebook)]


ADDRESS = re.compile(r"\b0x[0-9a-fA-F]{6,}\b")


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


FIRST_WRONG_ANSWERS = [(exercise_id, answers[0]) for exercise_id, answers in WRONG_ANSWERS.items()]


@pytest.mark.parametrize(("exercise_id", "answer"), FIRST_WRONG_ANSWERS,
                         ids=[i for i, _ in FIRST_WRONG_ANSWERS])
def test_a_wrong_answer_gets_the_same_verdict_from_the_learners_checker(
        exercise_id: str, answer, monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setenv(SEED_VARIABLE, str(SEEDS[0]))
    isolated = check_source(exercise_id, answer.source, tmp_path)
    monkeypatch.chdir(tmp_path)
    here = check_in_this_process(exercise_id, answer.source, SEEDS[0])
    assert (isolated.status, isolated.mistakes, isolated.total) == (
        here.status, here.mistakes, here.total)
    # what the code printed is the one thing only the learner's checker reports
    checked = isolated.message.split("\nYour code printed ")[0]
    assert ADDRESS.sub("0x?", checked) == ADDRESS.sub("0x?", here.message)


@pytest.mark.parametrize(("exercise_id", "source"), RIGHT_CASES,
                         ids=[f"{i}: right answer {n}" for n, (i, _) in enumerate(RIGHT_CASES)])
def test_right_answer_written_differently_passes(exercise_id: str, source: str, monkeypatch,
                                                 tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)
    verdict = check_in_this_process(exercise_id, source, SEEDS[0])
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
