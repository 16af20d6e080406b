"""The learner's edition holds no solution code, loses no exercise, and is stable."""

from __future__ import annotations

import json

import pytest

from mlcourse.exercises.edition import learner_edition, reference_solution

from .notebook_files import BOOK, CHAPTERS


def _markdown(notebook: dict) -> str:
    return "\n".join("".join(c["source"]) if isinstance(c["source"], list) else c["source"]
                     for c in notebook["cells"] if c["cell_type"] == "markdown")


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.name)
def test_edition_removes_every_solution_and_nothing_else(path) -> None:
    notebook = json.loads(path.read_text(encoding="utf-8"))
    edition, removed = learner_edition(notebook)
    text = _markdown(edition)
    assert "{solution}" not in text
    assert len(edition["cells"]) == len(notebook["cells"])
    solutions = [c for c in notebook["cells"] if "{solution}" in "".join(c["source"])]
    assert len(removed) == len(solutions) > 0
    for exercise_id in removed:
        code = reference_solution(exercise_id, BOOK)
        assert code and "def " in code
        body = [line for line in code.splitlines() if line.strip().startswith("return")]
        assert all(line.strip() not in text for line in body), exercise_id
        assert f"python -m mlcourse solution {exercise_id}" in text
    kept = [c for c in edition["cells"] if c.get("metadata", {}).get("mlcourse", {})
            .get("role") != "solution-removed"]
    original = [c for c in notebook["cells"] if c not in solutions]
    assert kept == original


@pytest.mark.parametrize("path", CHAPTERS[:2], ids=lambda p: p.name)
def test_edition_of_an_edition_is_the_same(path) -> None:
    once, _ = learner_edition(json.loads(path.read_text(encoding="utf-8")))
    twice, removed = learner_edition(once)
    assert twice == once and removed == []


def test_unknown_exercise_has_no_solution() -> None:
    assert reference_solution("no-such-exercise", BOOK) is None


def test_copy_writes_the_learner_edition(tmp_path, capsys) -> None:
    from mlcourse.__main__ import main

    assert main(["copy", "--to", str(tmp_path), "--book", str(BOOK)]) == 0
    for path in CHAPTERS:
        copied = json.loads((tmp_path / path.name).read_text(encoding="utf-8"))
        assert "{solution}" not in _markdown(copied)
    assert "solutions left in the book" in capsys.readouterr().out
    assert main(["copy", "--to", str(tmp_path), "--book", str(BOOK)]) == 0  # never overwrites
    assert "kept" in capsys.readouterr().out


def test_solution_command_prints_the_reference(capsys) -> None:
    from mlcourse.__main__ import main

    assert main(["solution", "coin-score", "--book", str(BOOK)]) == 0
    assert "def bernoulli_score" in capsys.readouterr().out
    assert main(["solution", "no-such-exercise", "--book", str(BOOK)]) == 2
