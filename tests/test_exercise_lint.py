"""Every exercise in the book has all its parts, in order, under a unique registered id."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from mlcourse.exercises import read_exercises, registry

from .notebook_files import CHAPTERS, cells, source

ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)+$")
FOUND = {path: read_exercises(path) for path in CHAPTERS}
ALL = [found for exercises in FOUND.values() for found in exercises]


@pytest.mark.parametrize("found", ALL, ids=lambda f: f.id)
def test_exercise_has_every_part(found) -> None:
    assert ID.match(found.id), f"{found.id}: ids are lower-case words joined by hyphens"
    assert found.has_statement, f"{found.id}: no {{exercise}} statement with this :label:"
    assert found.stub is not None, f"{found.id}: no stub cell (metadata role 'stub')"
    assert found.check_cell is not None, f"{found.id}: no check cell (metadata role 'check')"
    assert found.solution, f"{found.id}: no {{solution}} block with a python code fence"
    assert found.id in registry, f"{found.id}: not registered in mlcourse.exercises"
    function = registry[found.id].function
    assert re.search(rf"^def {function}\(", found.stub, re.MULTILINE), (
        f"{found.id}: the stub must define {function}()")
    assert "raise NotImplementedError" in found.stub, f"{found.id}: the stub must raise"
    assert re.search(rf"^def {function}\(", found.solution, re.MULTILINE), (
        f"{found.id}: the solution must define {function}()")
    assert found.check_cell.strip() == f'check("{found.id}")', (
        f"{found.id}: the check cell must be exactly check(\"{found.id}\")")


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.name)
def test_parts_are_in_order(path) -> None:
    """statement, stub, check, solution: adjacent cells, in that order."""
    notebook = cells(path)

    def index(exercise_id: str, what: str, predicate) -> int:
        hits = [i for i, cell in enumerate(notebook) if predicate(cell)]
        assert len(hits) == 1, f"{exercise_id}: expected one {what} cell, found {len(hits)}"
        return hits[0]

    def role(cell: dict) -> dict:
        return cell.get("metadata", {}).get("mlcourse", {})

    for found in FOUND[path]:
        label = re.compile(rf"^:label:\s*{found.id}\s*$", re.MULTILINE)
        solved = re.compile(rf"\{{solution\}}\s+{found.id}\b")
        statement = index(found.id, "statement", lambda c, label=label: c["cell_type"] ==
                          "markdown" and label.search(source(c)))
        stub = index(found.id, "stub", lambda c, i=found.id: role(c) ==
                     {"exercise": i, "role": "stub"})
        check = index(found.id, "check", lambda c, i=found.id: role(c) ==
                      {"exercise": i, "role": "check"})
        solution = index(found.id, "solution", lambda c, solved=solved: c["cell_type"] ==
                         "markdown" and solved.search(source(c)))
        assert statement + 1 == stub and stub + 1 == check and check + 1 == solution, (
            f"{found.id}: statement, stub, check and solution must be consecutive cells "
            f"(found at {statement}, {stub}, {check}, {solution})")


def test_ids_are_unique_across_the_book() -> None:
    counts = Counter(found.id for found in ALL)
    assert not [i for i, n in counts.items() if n > 1], f"duplicated exercise ids: {counts}"


def test_every_registered_exercise_is_in_its_chapter() -> None:
    where = {found.id: int(path.name[:2]) for path, exercises in FOUND.items()
             for found in exercises}
    for exercise_id, exercise in registry.items():
        assert exercise_id in where, f"{exercise_id} is registered but in no notebook"
        assert where[exercise_id] == exercise.chapter, (
            f"{exercise_id} is registered for chapter {exercise.chapter} but appears in "
            f"chapter {where[exercise_id]}")


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.name)
def test_chapter_has_at_least_three_exercises(path) -> None:
    assert len(FOUND[path]) >= 3, f"{path.name} has {len(FOUND[path])} exercises"
