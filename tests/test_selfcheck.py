"""The learner's commands: `python -m mlcourse copy`, `python -m mlcourse check [CHAPTER]`, and
the `make check` / `make lab` targets. The cases of ``selfcheck_cases`` all go in one learner's
copies, with damaged notebooks beside them, and each gets its own row and verdict."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from mlcourse.__main__ import main
from mlcourse.exercises import read_exercises, registry

from .notebook_files import CHAPTERS, ROOT
from .selfcheck_cases import MEMORY_MB, SECONDS, cases

ENVIRONMENT = {**os.environ, "MLCOURSE_CHECK_SECONDS": str(SECONDS),
               "MLCOURSE_CHECK_MEMORY_MB": str(MEMORY_MB)}


def _mlcourse(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "mlcourse", *args], cwd=cwd, text=True,
                          capture_output=True, timeout=300, check=False, env=ENVIRONMENT)


def _make(*args: str) -> subprocess.CompletedProcess:
    # -o: never rebuild .venv from here, even if requirements.txt is newer.
    return subprocess.run(["make", "--no-print-directory", "-o", ".venv/.installed", *args],
                          cwd=ROOT, text=True, capture_output=True, timeout=300, check=False,
                          env=ENVIRONMENT)


def flat(text: str) -> str:
    return " ".join(text.split())


def _edit(notebook: Path, change) -> None:
    content = json.loads(notebook.read_text())
    change(content)
    notebook.write_text(json.dumps(content))


def _answer_in_place(notebook: Path, answers: dict[str, str]) -> None:
    """Replace stub cells by the given code, as a learner editing the copy would."""
    def change(content: dict) -> None:
        for cell in content["cells"]:
            meta = cell.get("metadata", {}).get("mlcourse", {})
            if meta.get("role") == "stub" and meta.get("exercise") in answers:
                cell["source"] = answers[meta["exercise"]]
    _edit(notebook, change)


def _stub_index(content: dict, exercise_id: str) -> int:
    return next(i for i, cell in enumerate(content["cells"])
                if cell.get("metadata", {}).get("mlcourse") ==
                {"exercise": exercise_id, "role": "stub"})


def _copy(folder: Path) -> Path:
    result = _mlcourse("copy", "--book", str(ROOT / "book"), "--to", "my-work", cwd=folder)
    assert result.returncode == 0, result.stderr
    return folder / "my-work"


def _chapter(work: Path, number: int) -> Path:
    return next(work.glob(f"{number:02d}-*.ipynb"))


@pytest.fixture(scope="module")
def work(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("learner")
    _copy(folder)
    return folder


@pytest.fixture(scope="module")
def broken(tmp_path_factory) -> tuple[subprocess.CompletedProcess, list, Path]:
    """A learner's copies with every case of selfcheck_cases, and damage: checked once."""
    folder = tmp_path_factory.mktemp("broken")
    mine = _copy(folder)
    outside = folder / "outside.txt"
    chosen = cases(outside)
    for number in range(1, 9):
        ids = {c.exercise_id: c.cell for c in chosen
               if registry[c.exercise_id].chapter == number}
        _answer_in_place(_chapter(mine, number), ids)

    def damage_chapter_4(content: dict) -> None:
        del content["cells"][_stub_index(content, "gaussian-score")]  # the stub cell deleted
        bias = content["cells"][_stub_index(content, "gaussian-bias-simulation")]
        del bias["metadata"]["mlcourse"]  # its metadata deleted

    _edit(_chapter(mine, 4), damage_chapter_4)
    five = _chapter(mine, 5)
    five.write_text(five.read_text()[:5000])  # cut off while saving
    _edit(_chapter(mine, 6), lambda content: content.pop("cells"))
    _edit(_chapter(mine, 7), lambda content: content["cells"][
        _stub_index(content, "loss-mse-to-nll")].pop("cell_type"))
    eight = _chapter(mine, 8)
    shutil.copyfile(eight, eight.with_name(eight.stem + "-Copy1.ipynb"))
    return _mlcourse("check", cwd=folder), chosen, outside


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


def test_copy_does_not_follow_a_broken_link_out_of_the_folder(tmp_path: Path) -> None:
    (tmp_path / "my-work").mkdir()
    target = tmp_path / "elsewhere" / "stolen.ipynb"
    target.parent.mkdir()
    (tmp_path / "my-work" / CHAPTERS[0].name).symlink_to(target)
    result = _mlcourse("copy", "--book", str(ROOT / "book"), "--to", "my-work", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert f"skipped  my-work/{CHAPTERS[0].name} (a link" in result.stdout
    assert not target.exists(), "copy wrote through the link, outside my-work/"
    assert (tmp_path / "my-work" / CHAPTERS[1].name).is_file()


def test_untouched_copies_are_all_not_attempted(work: Path) -> None:
    result = _mlcourse("check", cwd=work)
    assert result.returncode == 0, result.stdout + result.stderr
    ids = [found.id for path in CHAPTERS for found in read_exercises(path)]
    for exercise_id in ids:
        assert re.search(rf"^\d+\s+{exercise_id}\s+not attempted yet$", result.stdout,
                         re.MULTILINE), result.stdout
    assert f"0 passed, 0 failed, {len(ids)} not attempted yet, of {len(ids)} exercises" in (
        result.stdout)
    for word in ("pytest", "skipped", "collected", "==="):
        assert word not in result.stdout + result.stderr


def test_every_case_gets_its_own_row_and_verdict(broken) -> None:
    result, chosen, outside = broken
    out = result.stdout
    assert result.returncode == 1, out + result.stderr
    rows = {m.group(1): m.group(2) for m in re.finditer(r"^\d+\s+([a-z0-9-]+)\s{2,}(.+)$", out,
                                                         re.MULTILINE)}
    assert sorted(rows) == sorted(registry), "one row per exercise of the course"
    problems = []
    for case in chosen:
        row = rows[case.exercise_id]
        if not (row.startswith(case.summary) or case.summary.startswith(row.rstrip("."))):
            problems.append(f"{case.what}: row {row!r}, expected {case.summary!r}")
        if not case.summary.startswith(("passed", "not attempted")):
            detail = flat(out)
            wanted = [flat(p) for p in case.phrases] + [flat(f"[{case.exercise_id}] ")]
            if not all(p in detail for p in wanted):
                problems.append(f"{case.what}: the details lack {case.phrases}")
    assert not problems, "\n".join(problems) + "\n\n" + out
    assert not outside.exists()


def test_nothing_disappears(broken) -> None:
    out = broken[0].stdout
    rows = {m.group(1): m.group(2) for m in re.finditer(r"^\d+\s+([a-z0-9-]+)\s{2,}(.+)$", out,
                                                         re.MULTILINE)}
    assert rows["gaussian-score"] == "missing from your copy"  # the stub cell deleted
    assert rows["gaussian-bias-simulation"] == "missing from your copy"  # its metadata deleted
    for number, name in ((5, "05-linear-regression.ipynb"), (6, "06-logistic-regression.ipynb")):
        for exercise in (e for e in registry.values() if e.chapter == number):
            assert rows[exercise.id] == f"cannot read {name}", out
    assert rows["loss-mse-to-nll"] == "cannot read 07-losses-as-likelihoods.ipynb"
    assert rows["loss-bce-logits"] == "not attempted yet"  # the rest of chapter 7 is checked
    text = flat(out)
    for note in (
            "05-linear-regression.ipynb cannot be read as a notebook: it is not valid JSON",
            "06-logistic-regression.ipynb cannot be read as a notebook: it has no `cells` list",
            "07-losses-as-likelihoods.ipynb cannot be read as a notebook: cell",
            "has no `cell_type` (the stub cell of loss-mse-to-nll)",
            "08-cross-entropy-and-kl-Copy1.ipynb is a second copy of 4 exercise(s) of "
            "08-cross-entropy-and-kl.ipynb; only 08-cross-entropy-and-kl.ipynb is checked"):
        assert note in text, out
    assert re.search(r"^\d+ passed, \d+ failed, \d+ not attempted yet, \d+ missing, of "
                     f"{len(registry)} exercises$", out, re.MULTILINE), out


def test_reads_like_a_course_tool(broken) -> None:
    result = broken[0]
    text = result.stdout + result.stderr
    assert max(map(len, text.splitlines())) <= 80
    assert len(text) < 30_000, "printed output is truncated, not dumped"
    for word in ("skipped", "Traceback", "no tests ran", "-s`", "passed in", "PASSED"):
        assert word not in text


def test_check_one_chapter_with_answers(tmp_path: Path) -> None:
    """Chapter 1 solved (one exercise wrongly): one table row each, failure shown, exit 1."""
    first = _chapter(_copy(tmp_path), 1)
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

    made = _make("check", "CHAPTER=1", f"DIR={tmp_path / 'my-work'}")
    assert made.returncode == 0, made.stdout + made.stderr
    assert "Some exercises need more work" in made.stdout
    assert "***" not in made.stdout + made.stderr and "Error" not in made.stderr


def test_check_without_copies_says_what_to_do(tmp_path: Path, capsys) -> None:
    assert main(["check", "--dir", str(tmp_path / "my-work")]) == 2  # what `-m mlcourse` runs
    assert "make my-notebooks" in capsys.readouterr().out


def test_check_a_chapter_that_does_not_exist(work: Path, capsys) -> None:
    last = max(exercise.chapter for exercise in registry.values())
    missing = str(last + 1)
    assert main(["check", missing, "--dir", str(work / "my-work")]) == 2
    said = f"There is no chapter {missing} with exercises: the chapters are 1 to {last}.\n"
    assert capsys.readouterr().out == said
    made = _make("check", f"CHAPTER={missing}", f"DIR={work / 'my-work'}")
    assert made.stdout == said and "***" not in made.stderr, made.stderr


def test_make_lab_allows_root_only_for_root() -> None:
    made = _make("-n", "lab", "DIR=book")
    command = next(line for line in made.stdout.splitlines() if "jupyter lab" in line)
    assert ("--allow-root" in command) == (os.getuid() == 0), command
