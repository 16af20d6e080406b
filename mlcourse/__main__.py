"""Command line: ``python -m mlcourse copy``, ``check [CHAPTER]`` and ``solution ID``.

``copy``
    Copy every chapter notebook of the book into your own folder (``my-work/`` by default, which
    git ignores), skipping any file that already exists there: your work is never overwritten.
    The copies are the learner's edition: each reference solution is replaced by a note saying
    where to find it.
``solution``
    Print the reference solution of one exercise (``python -m mlcourse solution coin-score``).
``check``
    Self-check the exercises in your copies and print a table, one row per exercise of the
    course. ``check 2`` checks chapter 2 only. Each exercise cell runs in a process of its own,
    with a time limit. The exit status is 0 when nothing failed, 1 when an exercise failed or is
    missing from your copies, 2 when there is nothing to check.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parent.parent
DEFAULT_WORK = Path("my-work")


def chapter_notebooks(folder: Path) -> list[Path]:
    """The chapter notebooks of ``folder``, whose names start with their two-digit number."""
    return sorted(p for p in folder.glob("[0-9][0-9]-*.ipynb"))


def copy_notebooks(source: Path, target: Path) -> int:
    notebooks = chapter_notebooks(source)
    if not notebooks:
        print(f"No chapter notebooks found in {source}. Run this from a clone of the course "
              "repository, or pass --book.", file=sys.stderr)
        return 2
    target.mkdir(parents=True, exist_ok=True)
    for notebook in notebooks:
        destination = target / notebook.name
        if destination.is_symlink():
            print(f"skipped  {destination} (a link: not followed)")
        elif os.path.lexists(destination):
            print(f"kept     {destination} (yours: not overwritten)")
        else:
            removed = _copy_new(notebook, destination)
            print(f"created  {destination}"
                  + (f" ({len(removed)} solutions left in the book)" if removed else ""))
    # Chapters read their data relative to the notebook, as in the book.
    data = source / "data"
    if data.is_dir() and not os.path.lexists(target / "data"):
        shutil.copytree(data, target / "data")
    print(f"\nOpen them with `make lab` (or `jupyter lab {target}`); "
          "check your answers with `make check`.")
    return 0


def _copy_new(source: Path, destination: Path) -> list[str]:
    """Write the learner's edition of ``source`` to a file that must not exist yet: never
    through a link, never over a file. Returns the ids of the solutions it left out."""
    from .exercises.edition import learner_edition

    edition, removed = learner_edition(json.loads(source.read_text(encoding="utf-8")))
    text = json.dumps(edition, indent=1, ensure_ascii=False, sort_keys=True) + "\n"
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    descriptor = os.open(destination, flags, 0o644)
    with os.fdopen(descriptor, "w", encoding="utf-8") as out:
        out.write(text)
    return removed


def print_solution(exercise_id: str, book: Path) -> int:
    from .exercises.edition import reference_solution

    code = reference_solution(exercise_id, book)
    if code is None:
        print(f"No exercise {exercise_id!r} has a solution in {book}.", file=sys.stderr)
        return 2
    print(f"# Reference solution of {exercise_id}\n{code}", end="")
    return 0


def check_notebooks(work: Path, chapter: int | None) -> int:
    from .exercises.selfcheck import self_check

    try:
        return self_check(work, chapter, label=str(work).rstrip("/"))
    except KeyboardInterrupt:
        print("\nInterrupted: the check stopped before the table.")
        return 130


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m mlcourse", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    copy = commands.add_parser("copy", help="copy the chapter notebooks into your own folder")
    copy.add_argument("--to", type=Path, default=DEFAULT_WORK, help="your folder (my-work)")
    copy.add_argument("--book", type=Path, default=REPOSITORY / "book",
                      help="where the book's notebooks are")
    check = commands.add_parser("check", help="self-check the exercises in your copies")
    check.add_argument("chapter", nargs="?", type=int, help="a chapter number, such as 2")
    check.add_argument("--dir", type=Path, default=DEFAULT_WORK, help="your folder (my-work)")
    solution = commands.add_parser("solution", help="print the reference solution of one "
                                   "exercise")
    solution.add_argument("id", help="the exercise id, such as coin-score")
    solution.add_argument("--book", type=Path, default=REPOSITORY / "book",
                          help="where the book's notebooks are")
    args = parser.parse_args(argv)
    if args.command == "copy":
        return copy_notebooks(args.book, args.to)
    if args.command == "solution":
        return print_solution(args.id, args.book)
    return check_notebooks(args.dir, args.chapter)


if __name__ == "__main__":
    sys.exit(main())
