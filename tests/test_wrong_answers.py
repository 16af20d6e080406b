"""Each plausible wrong answer kept in tests/exercises/ fails its exercise's check, under each
of two seeds, and the verdict names the known mistake it was written for. The checks run in the
test's process (see tests/test_exercises.py, which proves that this gives the learner's
verdict)."""

from __future__ import annotations

from pathlib import Path

import pytest

from mlcourse.exercises import Status

from .exercise_cases import WRONG_ANSWER_SEEDS, WRONG_CASES, check_in_this_process, flat


@pytest.mark.parametrize("seed", WRONG_ANSWER_SEEDS)
@pytest.mark.parametrize(("exercise_id", "answer"), WRONG_CASES,
                         ids=[f"{i}: {a.description}" for i, a in WRONG_CASES])
def test_wrong_answer_fails(exercise_id: str, answer, seed: int, monkeypatch,
                            tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)  # where the answer's code runs, as a check in its own folder
    verdict = check_in_this_process(exercise_id, answer.source, seed)
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
