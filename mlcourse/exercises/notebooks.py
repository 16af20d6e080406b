"""Reading exercises out of chapter notebooks.

The anatomy of an exercise in a notebook (``CONTRIBUTING.md`` has a full example):

1. a markdown cell with an ``{exercise}`` directive whose ``:label:`` is the exercise id;
2. a code cell, the *stub*, with cell metadata ``{"mlcourse": {"exercise": ID, "role": "stub"}}``,
   that defines the learner's function and raises ``NotImplementedError``;
3. a code cell, the *check*, with role ``"check"``, that calls ``check(ID)``;
4. a markdown cell with a ``{solution}`` directive for ID, holding the reference code in a
   ``python`` code fence.

The learner's self-check and CI both run the code of a stub cell (as edited, or replaced by the
solution) in a process of its own (:mod:`mlcourse.exercises.isolation`), then check the function
it defines.

A learner's copy may be damaged (a truncated file, a deleted ``cells`` list, a cell without its
``cell_type``): :func:`scan_notebook` reads what it can and says what it could not.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .framework import Verdict

__all__ = ["NotebookExercise", "NotebookScan", "check_source", "read_exercises", "scan_notebook"]

_EXERCISE = re.compile(r"^(:{3,})\{exercise\}[^\n]*\n((?::[\w-]+:[^\n]*\n)*)", re.MULTILINE)
_LABEL = re.compile(r"^:label:\s*(\S+)\s*$", re.MULTILINE)
_SOLUTION = re.compile(r"^(:{3,})\{solution\}\s+(\S+)[^\n]*\n(.*?)^\1\s*$",
                       re.MULTILINE | re.DOTALL)
_FENCE = re.compile(r"^(`{3,})python\s*\n(.*?)^\1\s*$", re.MULTILINE | re.DOTALL)


@dataclass(frozen=True)
class NotebookExercise:
    """An exercise as it stands in one notebook."""

    id: str
    notebook: Path
    stub: str | None
    check_cell: str | None
    solution: str | None
    has_statement: bool


@dataclass(frozen=True)
class NotebookScan:
    """What could be read from one notebook, and what could not.

    ``problems`` are sentences for the learner (``cell 12 has no cell_type``); ``damaged`` are
    the ids named in the metadata of cells that could not be read.
    """

    path: Path
    exercises: list[NotebookExercise] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    damaged: list[str] = field(default_factory=list)


def _source(cell: dict[str, Any]) -> str:
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else source


def scan_notebook(path: str | os.PathLike[str]) -> NotebookScan:
    """Read the exercises of a notebook, tolerating damage; never raises for its content."""
    path = Path(path)
    try:
        content = json.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        return NotebookScan(path, problems=["it is not a text file"])
    except json.JSONDecodeError as error:
        return NotebookScan(path, problems=[
            f"it is not valid JSON ({error.msg}: line {error.lineno}, column {error.colno}; "
            "perhaps it was cut off while saving)"])
    except OSError as error:
        return NotebookScan(path, problems=[f"it cannot be read ({error.strerror})"])
    cells = content.get("cells") if isinstance(content, dict) else None
    if not isinstance(cells, list):
        return NotebookScan(path, problems=["it has no `cells` list"])
    problems: list[str] = []
    damaged: list[str] = []
    good = []
    for number, cell in enumerate(cells, start=1):
        meta = cell.get("metadata") if isinstance(cell, dict) else None
        mlcourse = meta.get("mlcourse") if isinstance(meta, dict) else None
        exercise_id = mlcourse.get("exercise") if isinstance(mlcourse, dict) else None
        if not isinstance(cell, dict) or cell.get("cell_type") not in ("markdown", "code", "raw"):
            what = "is not a cell" if not isinstance(cell, dict) else (
                "has no `cell_type`" if "cell_type" not in cell else "has an unknown `cell_type`")
            problems.append(f"cell {number} {what}" + (
                f" (the {mlcourse.get('role', 'exercise')} cell of {exercise_id})"
                if isinstance(exercise_id, str) else ""))
            if isinstance(exercise_id, str):
                damaged.append(exercise_id)
            continue
        good.append(cell)
    return NotebookScan(path, _exercises(path, good), problems, damaged)


def read_exercises(path: str | Path) -> list[NotebookExercise]:
    """Every exercise of a notebook, in order of appearance, with its parts (``None`` if missing).

    Introduced in Chapter 1 (Likelihood vs probability).

    Parameters
    ----------
    path : str or Path
        The ``.ipynb`` file.

    Returns
    -------
    list of NotebookExercise
        One entry per exercise id found in a statement, a stub, a check or a solution.
    """
    scan = scan_notebook(path)
    if scan.problems:
        raise ValueError(f"{scan.path} is damaged: {'; '.join(scan.problems)}")
    return scan.exercises


def _exercises(path: Path, cells: list[dict[str, Any]]) -> list[NotebookExercise]:
    statements: list[str] = []
    stubs: dict[str, str] = {}
    checks: dict[str, str] = {}
    solutions: dict[str, str] = {}
    order: list[str] = []

    def seen(exercise_id: str) -> None:
        if exercise_id not in order:
            order.append(exercise_id)

    for cell in cells:
        text = _source(cell)
        if not isinstance(text, str):
            continue
        if cell["cell_type"] == "markdown":
            for match in _EXERCISE.finditer(text):
                label = _LABEL.search(match.group(2))
                if label:
                    statements.append(label.group(1))
                    seen(label.group(1))
            for match in _SOLUTION.finditer(text):
                fence = _FENCE.search(match.group(3))
                solutions[match.group(2)] = fence.group(2) if fence else ""
                seen(match.group(2))
        elif cell["cell_type"] == "code":
            meta = cell.get("metadata", {})
            meta = meta.get("mlcourse", {}) if isinstance(meta, dict) else {}
            if isinstance(meta, dict) and isinstance(meta.get("exercise"), str):
                target = stubs if meta.get("role") == "stub" else checks
                target[meta["exercise"]] = text
                seen(meta["exercise"])
    return [NotebookExercise(id=i, notebook=path, stub=stubs.get(i), check_cell=checks.get(i),
                             solution=solutions.get(i) or None, has_statement=i in statements)
            for i in order]


def check_source(exercise_id: str, source: str,
                 folder: str | os.PathLike[str] | None = None) -> Verdict:
    """Run the code of an exercise cell in a process of its own and check the function it defines.

    The cell runs in a fresh namespace: it sees only what it imports, plus what the exercise
    declares it provides. This is the same checker as ``check(...)`` in a notebook and
    ``python -m mlcourse check``.

    Introduced in Chapter 1 (Likelihood vs probability).

    Parameters
    ----------
    exercise_id : str
        The exercise's id.
    source : str
        The cell's code: the learner's edited stub, or the reference solution.
    folder : str or Path, optional
        The working directory of the cell and the only place it may write (default: the
        current working directory).

    Returns
    -------
    Verdict
        As :func:`mlcourse.exercises.run_check`; a cell that does not run, does not define the
        function, runs too long, or ends its process, is a failure that says so.

    Raises
    ------
    KeyError
        If no exercise has this id.
    """
    from .isolation import run_isolated

    return run_isolated(exercise_id, source, folder)
