"""The learner's edition of a chapter: the same notebook without the reference solutions.

In the HTML book each solution is folded under its exercise; in a notebook opened in JupyterLab
a ``{solution}`` cell is plain text right under the stub. So ``python -m mlcourse copy`` writes
the learner's edition: every solution cell is replaced by a short note saying where the solution
is (the book, or ``python -m mlcourse solution ID``). The note keeps the cell's id and records
the exercise in its metadata (``"role": "solution-removed"``), so an edition of an edition is
the same notebook and the self-check still finds every exercise.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

from .notebooks import _FENCE, _SOLUTION

__all__ = ["learner_edition", "reference_solution"]


def _note(exercise_id: str) -> str:
    return (f"*The reference solution of `{exercise_id}` is folded under the exercise in the "
            f"book. Try the exercise first; then print it with\n"
            f"`python -m mlcourse solution {exercise_id}`.*\n")


def learner_edition(notebook: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """The notebook with each ``{solution}`` cell replaced by a note, and the ids it removed.

    Introduced in Chapter 1 (Likelihood vs probability).

    Parameters
    ----------
    notebook : dict
        A notebook as read from its JSON (nbformat 4). It is not modified.

    Returns
    -------
    edition : dict
        A copy in which every markdown cell holding a ``{solution}`` directive is a note; all
        other cells are unchanged.
    removed : list of str
        The exercise ids whose solutions were removed, in order.

    Examples
    --------
    >>> cell = {"cell_type": "markdown", "id": "a1", "metadata": {},
    ...         "source": "::::{solution} coin-score\\n```python\\nx = 1\\n```\\n::::\\n"}
    >>> edition, removed = learner_edition({"cells": [cell]})
    >>> removed, "x = 1" in edition["cells"][0]["source"]
    (['coin-score'], False)
    """
    edition = copy.deepcopy(notebook)
    removed: list[str] = []
    for cell in edition.get("cells", []):
        if not isinstance(cell, dict) or cell.get("cell_type") != "markdown":
            continue
        text = cell.get("source", "")
        text = "".join(text) if isinstance(text, list) else str(text)
        ids = [match.group(2) for match in _SOLUTION.finditer(text)]
        if not ids:
            continue
        cell["source"] = "\n".join(_note(i) for i in ids)
        metadata = cell.setdefault("metadata", {})
        metadata["mlcourse"] = {"exercise": ids[0], "role": "solution-removed"}
        removed += ids
    return edition, removed


def reference_solution(exercise_id: str, book: Path) -> str | None:
    """The reference solution's code for ``exercise_id``, read from the course's notebooks.

    Introduced in Chapter 1 (Likelihood vs probability).

    Parameters
    ----------
    exercise_id : str
        The exercise's stable id, e.g. ``"coin-score"``.
    book : Path
        The folder of the course's chapter notebooks (``book/`` of the repository).

    Returns
    -------
    str or None
        The code of the solution, or None if no notebook has one for this id.
    """
    import json

    for path in sorted(Path(book).glob("[0-9][0-9]-*.ipynb")):
        try:
            cells = json.loads(path.read_text(encoding="utf-8")).get("cells", [])
        except (OSError, ValueError):
            continue
        for cell in cells:
            if cell.get("cell_type") != "markdown":
                continue
            text = cell.get("source", "")
            text = "".join(text) if isinstance(text, list) else str(text)
            for match in _SOLUTION.finditer(text):
                if match.group(2) == exercise_id:
                    fence = _FENCE.search(match.group(3))
                    return fence.group(2) if fence else match.group(3)
    return None
