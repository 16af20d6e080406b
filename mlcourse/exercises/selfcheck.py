"""A pytest plugin that checks the exercises in a learner's own notebooks.

Run it through ``python -m mlcourse check`` (or ``make check``). Each exercise becomes one test:
passed if its check passes, failed (with the check's explanation) if not, and skipped while it is
not attempted. At the end a table lists every exercise with its verdict.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from .framework import Status, Verdict, registry
from .notebooks import NotebookExercise, check_source, read_exercises

_VERDICTS = pytest.StashKey[list[tuple[NotebookExercise, Verdict]]]()


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.getgroup("mlcourse").addoption(
        "--exercises", action="store_true",
        help="collect the exercises of the given notebooks and check them")


def pytest_configure(config: pytest.Config) -> None:
    config.stash[_VERDICTS] = []


def pytest_collect_file(file_path: Path, parent: pytest.Collector) -> pytest.File | None:
    if parent.config.getoption("exercises") and file_path.suffix == ".ipynb":
        return ExerciseNotebook.from_parent(parent, path=file_path)
    return None


class ExerciseNotebook(pytest.File):
    def collect(self) -> Iterator[pytest.Item]:
        for found in read_exercises(self.path):
            if found.id in registry and found.stub is not None:
                yield ExerciseItem.from_parent(self, name=found.id, exercise=found)


class ExerciseFailed(Exception):
    pass


class ExerciseItem(pytest.Item):
    def __init__(self, *, exercise: NotebookExercise, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.exercise = exercise

    def runtest(self) -> None:
        verdict = check_source(self.exercise.id, self.exercise.stub or "")
        self.config.stash[_VERDICTS].append((self.exercise, verdict))
        if verdict.status is Status.NOT_ATTEMPTED:
            pytest.skip(verdict.message)
        if verdict.status is Status.FAILED:
            raise ExerciseFailed(verdict.message)

    def repr_failure(self, excinfo: pytest.ExceptionInfo[BaseException],
                     style: Any = None) -> str:
        if isinstance(excinfo.value, ExerciseFailed):
            return str(excinfo.value)
        return super().repr_failure(excinfo)

    def reportinfo(self) -> tuple[Path, int | None, str]:
        return self.path, None, f"exercise {self.name}"


def pytest_terminal_summary(terminalreporter: Any, config: pytest.Config) -> None:
    rows = config.stash.get(_VERDICTS, [])
    if not config.getoption("exercises"):
        return
    write = terminalreporter.write_line
    terminalreporter.section("your exercises")
    if not rows:
        write("No exercises found. Create your copies with `make my-notebooks` "
              "(or `python -m mlcourse copy`) first.")
        return
    rows = sorted(rows, key=lambda row: (registry[row[1].exercise_id].chapter,
                                         str(row[0].notebook)))
    width = max(len(verdict.exercise_id) for _, verdict in rows)
    write(f"{'chapter':<8} {'exercise':<{width}}  verdict")
    for _, verdict in rows:
        chapter = registry[verdict.exercise_id].chapter
        write(f"{chapter:<8} {verdict.exercise_id:<{width}}  {verdict.summary}")
    counts = {status: sum(v.status is status for _, v in rows) for status in Status}
    write(f"{counts[Status.PASSED]} passed, {counts[Status.FAILED]} failed, "
          f"{counts[Status.NOT_ATTEMPTED]} not attempted yet, of {len(rows)} exercises")
