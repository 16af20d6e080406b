"""The learner's self-check: every exercise of the course, one row each, from their own copies.

``python -m mlcourse check [CHAPTER] --dir my-work`` (``make check``) runs :func:`self_check`.
The rows come from the registry of exercises, not from what the notebooks happen to contain, so
nothing disappears: an exercise whose exercise cell (or its metadata) was deleted is listed as
"missing from your copy", a notebook that cannot be read is named, and a second copy of a
chapter is reported with its file name. Each exercise cell is checked in a process of its own
(:mod:`mlcourse.exercises.isolation`), by the same code as ``check(...)`` in a notebook.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .framework import WIDTH, Exercise, Status, Verdict, fit_width, registry
from .isolation import Checker, run_isolated
from .notebooks import NotebookExercise, NotebookScan, scan_notebook

__all__ = ["Row", "self_check"]

_CHAPTER = re.compile(r"^(\d+)-")


@dataclass(frozen=True)
class Row:
    """One exercise of the table: its verdict and the notebook it was read from (if any)."""

    exercise: Exercise
    verdict: Verdict
    notebook: Path | None


def _chapter_of(path: Path) -> int | None:
    match = _CHAPTER.match(path.name)
    return int(match.group(1)) if match else None


def _say(write: Callable[[str], None], text: str) -> None:
    for paragraph in text.split("\n"):
        write(fit_width(paragraph))


def _missing(exercise: Exercise, headline: str, explanation: str) -> Verdict:
    return Verdict(exercise.id, Status.MISSING, 0, len(exercise.checks),
                   f"[{exercise.id}] {headline}.\n{explanation}", (), headline)


def _locate(exercises: list[Exercise], scans: list[NotebookScan]
            ) -> tuple[dict[str, tuple[NotebookExercise, list[Path]]], list[str]]:
    """Where each exercise is: the copy to check and the other copies; plus notes."""
    places: dict[str, list[NotebookExercise]] = {}
    for scan in scans:
        for found in scan.exercises:
            if found.stub is not None:
                places.setdefault(found.id, []).append(found)
    chosen: dict[str, tuple[NotebookExercise, list[Path]]] = {}
    notes: dict[tuple[Path, Path], list[str]] = {}
    wanted = {exercise.id for exercise in exercises}
    for exercise_id, found in places.items():
        if exercise_id not in wanted:
            continue
        # The copy named like the book's (the shortest name) is checked; Jupyter's duplicates
        # are named ``...-Copy1.ipynb``.
        ordered = sorted(found, key=lambda f: (len(f.notebook.name), f.notebook.name))
        chosen[exercise_id] = (ordered[0], [f.notebook for f in ordered[1:]])
        for other in ordered[1:]:
            notes.setdefault((other.notebook, ordered[0].notebook), []).append(exercise_id)
    lines = [f"{other.name} is a second copy of {len(ids)} exercise(s) of {first.name}; "
             f"only {first.name} is checked. Keep one copy of each chapter."
             for (other, first), ids in sorted(notes.items())]
    return chosen, lines


def self_check(folder: Path, chapter: int | None = None, *,
               write: Callable[[str], None] = print, label: str | None = None) -> int:
    """Check every exercise (of one chapter) in the learner's folder and print the table.

    Returns the exit status: 0 when nothing failed, 1 when an exercise failed or is missing,
    2 when there is nothing to check (no such chapter, no copies).
    """
    label = label or str(folder)
    chapters = sorted({exercise.chapter for exercise in registry.values()})
    if chapter is not None and chapter not in chapters:
        _say(write, f"There is no chapter {chapter} with exercises: the chapters are "
                    f"{chapters[0]} to {chapters[-1]}.")
        return 2
    notebooks = sorted(p for p in folder.glob("*.ipynb")) if folder.is_dir() else []
    if not notebooks:
        _say(write, f"No notebooks in {label}/. Create your copies first: `make my-notebooks` "
                    "(or `python -m mlcourse copy`).")
        return 2
    order = {exercise_id: i for i, exercise_id in enumerate(registry)}
    exercises = sorted((e for e in registry.values() if chapter is None or e.chapter == chapter),
                       key=lambda e: (e.chapter, order[e.id]))
    scans = [scan_notebook(path) for path in notebooks]
    chosen, notes = _locate(exercises, scans)
    damaged = [scan for scan in scans if scan.problems]
    rows: list[Row] = []
    checker = Checker(local=True)  # this process runs no learner code: it forks
    try:
        for exercise in exercises:
            rows.append(_row(exercise, chosen, damaged, folder, label, checker))
    finally:
        checker.close()
    for scan in damaged:
        notes.append(f"{scan.path.name} cannot be read as a notebook: "
                     f"{'; '.join(scan.problems)}. Jupyter cannot open it either: restore it "
                     "from a backup, or rename it and run `make my-notebooks` for a fresh copy.")
    if any(row.verdict.status is Status.MISSING and row.notebook is None for row in rows):
        notes.append("An exercise is missing when no notebook has its exercise cell (with its "
                     "metadata). Copy the cell from the book, or rename your copy and run "
                     "`make my-notebooks` for a fresh one.")
    _print(rows, notes, write)
    bad = {Status.FAILED, Status.MISSING}
    return 1 if any(row.verdict.status in bad for row in rows) else 0


def _row(exercise: Exercise, chosen: dict[str, tuple[NotebookExercise, list[Path]]],
         damaged: list[NotebookScan], folder: Path, label: str, checker: Checker) -> Row:
    if exercise.id in chosen:
        found, _others = chosen[exercise.id]
        verdict = run_isolated(exercise.id, found.stub or "", folder, label=label,
                               checker=checker)
        return Row(exercise, verdict, found.notebook)
    hurt = [scan for scan in damaged if exercise.id in scan.damaged]
    hurt += [scan for scan in damaged if not scan.exercises and
             _chapter_of(scan.path) == exercise.chapter]
    if hurt:
        name = hurt[0].path.name
        return Row(exercise, _missing(exercise, f"cannot read {name}",
                                      f"{name} is damaged (see below)."), None)
    return Row(exercise, _missing(exercise, "missing from your copy",
                                  "No notebook has its exercise cell (see below)."), None)


def _print(rows: list[Row], notes: list[str], write: Callable[[str], None]) -> None:
    details = [row.verdict for row in rows if row.verdict.status is Status.FAILED]
    for verdict in details:
        write(verdict.message)
        write("")
    width = max(len(row.exercise.id) for row in rows)
    room = WIDTH - 3 - width - 2
    write(f"{'ch':<2} {'exercise':<{width}}  verdict")
    for row in rows:
        summary = row.verdict.summary
        if len(summary) > room:
            summary = summary[:room - 3].rstrip() + "..."
        write(f"{row.exercise.chapter:<2} {row.exercise.id:<{width}}  {summary}")
    counts = {status: sum(row.verdict.status is status for row in rows) for status in Status}
    parts = [f"{counts[Status.PASSED]} passed", f"{counts[Status.FAILED]} failed",
             f"{counts[Status.NOT_ATTEMPTED]} not attempted yet"]
    if counts[Status.MISSING]:
        parts.append(f"{counts[Status.MISSING]} missing")
    write(", ".join(parts) + f", of {len(rows)} exercises")
    for note in notes:
        write("")
        for line in textwrap.wrap(note, width=WIDTH, break_on_hyphens=False):
            write(line)
