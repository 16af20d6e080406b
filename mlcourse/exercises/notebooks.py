"""Reading exercises out of chapter notebooks.

The anatomy of an exercise in a notebook (``CONTRIBUTING.md`` has a full example):

1. a markdown cell with an ``{exercise}`` directive whose ``:label:`` is the exercise id;
2. a code cell, the *stub*, with cell metadata ``{"mlcourse": {"exercise": ID, "role": "stub"}}``,
   that defines the learner's function and raises ``NotImplementedError``;
3. a code cell, the *check*, with role ``"check"``, that calls ``check(ID)``;
4. a markdown cell with a ``{solution}`` directive for ID, holding the reference code in a
   ``python`` code fence.

The learner's self-check and CI both run the code of a stub cell (as edited, or replaced by the
solution) in a fresh namespace, then check the function it defines.
"""

from __future__ import annotations

import contextlib
import io
import json
import linecache
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .framework import Status, Verdict, registry, run_check

__all__ = ["NotebookExercise", "check_source", "read_exercises"]

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


def _source(cell: dict[str, Any]) -> str:
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else source


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
    path = Path(path)
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
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
            meta = cell.get("metadata", {}).get("mlcourse", {})
            if "exercise" in meta:
                target = stubs if meta.get("role") == "stub" else checks
                target[meta["exercise"]] = text
                seen(meta["exercise"])
    return [NotebookExercise(id=i, notebook=path, stub=stubs.get(i), check_cell=checks.get(i),
                             solution=solutions.get(i) or None, has_statement=i in statements)
            for i in order]


def check_source(exercise_id: str, source: str) -> Verdict:
    """Run the code of an exercise cell in a fresh namespace and check the function it defines.

    Introduced in Chapter 1 (Likelihood vs probability).

    Parameters
    ----------
    exercise_id : str
        The exercise's id.
    source : str
        The cell's code: the learner's edited stub, or the reference solution.

    Returns
    -------
    Verdict
        As :func:`mlcourse.exercises.run_check`; a cell that does not run, or does not define the
        function, is a failure that says so.
    """
    found = registry[exercise_id]
    namespace: dict[str, Any] = {"__name__": f"exercise_{exercise_id.replace('-', '_')}"}
    printed = io.StringIO()
    filename = f"<exercise {exercise_id}>"
    # Registered like an IPython cell, so that an error can quote the learner's line.
    linecache.cache[filename] = (len(source), None, source.splitlines(True), filename)
    try:
        code = compile(source, filename, "exec")
        with contextlib.redirect_stdout(printed):
            exec(code, namespace)  # the learner's own cell, as Jupyter would run it
    except NotImplementedError:
        return found.not_attempted()
    except Exception as error:  # the cell itself fails: syntax, a missing import, ...
        where = f" (line {error.lineno})" if isinstance(error, SyntaxError) else ""
        return Verdict(exercise_id, Status.FAILED, 0, len(found.checks),
                       f"[{exercise_id}] the exercise cell does not run: "
                       f"{type(error).__name__}{where}: {error}. Exercise cells must be "
                       "self-contained: import what they use inside the cell.")
    answer = namespace.get(found.function)
    if answer is None:
        return Verdict(exercise_id, Status.FAILED, 0, len(found.checks),
                       f"[{exercise_id}] the exercise cell does not define `{found.function}`.")
    return run_check(exercise_id, answer)
