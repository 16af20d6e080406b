"""The learner's commands: `python -m mlcourse copy` and `python -m mlcourse check [CHAPTER]`."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from mlcourse.exercises import read_exercises

from .notebook_files import CHAPTERS, ROOT


def _mlcourse(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "mlcourse", *args], cwd=cwd, text=True,
                          capture_output=True, timeout=300, check=False)


def _answer_in_place(notebook: Path, answers: dict[str, str]) -> None:
    """Replace stub cells by the given code, as a learner editing the copy would."""
    content = json.loads(notebook.read_text())
    for cell in content["cells"]:
        meta = cell.get("metadata", {}).get("mlcourse", {})
        if meta.get("role") == "stub" and meta.get("exercise") in answers:
            cell["source"] = answers[meta["exercise"]]
    notebook.write_text(json.dumps(content))


@pytest.fixture(scope="module")
def work(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("learner")
    result = _mlcourse("copy", "--book", str(ROOT / "book"), "--to", "my-work", cwd=folder)
    assert result.returncode == 0, result.stderr
    return folder


def test_copy_creates_each_chapter_and_never_overwrites(work: Path) -> None:
    copies = sorted(p.name for p in (work / "my-work").glob("*.ipynb"))
    assert copies == [p.name for p in CHAPTERS]
    mine = work / "my-work" / CHAPTERS[0].name
    mine.write_text(mine.read_text() + " ")  # the learner's edits
    edited = mine.read_text()
    again = _mlcourse("copy", "--book", str(ROOT / "book"), "--to", "my-work", cwd=work)
    assert again.returncode == 0
    assert f"kept     my-work/{CHAPTERS[0].name}" in again.stdout
    assert mine.read_text() == edited


def test_untouched_copies_are_all_not_attempted(work: Path) -> None:
    result = _mlcourse("check", cwd=work)
    assert result.returncode == 0, result.stdout + result.stderr
    ids = [found.id for path in CHAPTERS for found in read_exercises(path)]
    for exercise_id in ids:
        assert re.search(rf"^\d+\s+{exercise_id}\s+not attempted yet$", result.stdout,
                         re.MULTILINE), result.stdout
    assert f"0 passed, 0 failed, {len(ids)} not attempted yet, of {len(ids)} exercises" in (
        result.stdout)


def test_check_one_chapter_with_answers(tmp_path: Path) -> None:
    """Chapter 1 solved (one exercise wrongly): one table row each, failure shown, exit 1."""
    copied = _mlcourse("copy", "--book", str(ROOT / "book"), "--to", "my-work", cwd=tmp_path)
    assert copied.returncode == 0
    first = tmp_path / "my-work" / CHAPTERS[0].name
    exercises = read_exercises(CHAPTERS[0])
    answers = {found.id: found.solution for found in exercises}
    wrong = exercises[0].id
    answers[wrong] = answers[wrong].replace("return ", "return 2 * ", 1)
    _answer_in_place(first, answers)

    result = _mlcourse("check", "1", cwd=tmp_path)
    assert result.returncode == 1, result.stdout + result.stderr
    rows = [line for line in result.stdout.splitlines()
            if line.startswith("1 ") and any(f.id in line for f in exercises)]
    assert len(rows) == len(exercises), result.stdout
    assert any(wrong in row and "failed" in row for row in rows)
    assert sum("passed" in row for row in rows) == len(exercises) - 1
    assert f"[{wrong}] failed" in result.stdout
    others = [found.id for path in CHAPTERS[1:] for found in read_exercises(path)]
    assert not any(other in result.stdout for other in others), "only chapter 1 is checked"


def test_check_without_copies_says_what_to_do(tmp_path: Path) -> None:
    result = _mlcourse("check", cwd=tmp_path)
    assert result.returncode == 2
    assert "make my-notebooks" in result.stderr
