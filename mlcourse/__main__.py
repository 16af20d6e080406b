"""Command line: ``python -m mlcourse copy`` and ``python -m mlcourse check [CHAPTER]``.

``copy``
    Copy every chapter notebook of the book into your own folder (``my-work/`` by default, which
    git ignores), skipping any file that already exists there: your work is never overwritten.
``check``
    Self-check the exercises in your copies with pytest and print a table, one exercise a row.
    ``check 2`` checks chapter 2 only.
"""

from __future__ import annotations

import argparse
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
        if destination.exists():
            print(f"kept     {destination} (already there; your work is not overwritten)")
        else:
            shutil.copyfile(notebook, destination)
            print(f"created  {destination}")
    # Chapters read their data relative to the notebook, as in the book.
    data = source / "data"
    if data.is_dir() and not (target / "data").exists():
        shutil.copytree(data, target / "data")
    print(f"\nOpen them with `make lab` (or `jupyter lab {target}`); "
          "check your answers with `make check`.")
    return 0


def check_notebooks(work: Path, chapter: int | None, extra: list[str]) -> int:
    import pytest

    notebooks = chapter_notebooks(work)
    if chapter is not None:
        notebooks = [p for p in notebooks if int(p.name[:2]) == chapter]
    if not notebooks:
        which = f"chapter {chapter} " if chapter is not None else ""
        print(f"No {which}notebooks in {work}/. Create your copies first: `make my-notebooks` "
              "(or `python -m mlcourse copy`).", file=sys.stderr)
        return 2
    # Our own ini file keeps the course's test configuration (and conftest) out of the way.
    ini = Path(__file__).resolve().parent / "exercises" / "selfcheck.ini"
    args = ["--exercises", "-c", str(ini), "--rootdir", str(work), "-p", "no:cacheprovider",
            "-p", "no:nbval", "-q", *extra, *map(str, notebooks)]
    return int(pytest.main(args, plugins=["mlcourse.exercises.selfcheck"]))


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
    args, extra = parser.parse_known_args(argv)
    if args.command == "copy":
        if extra:
            parser.error(f"unrecognized arguments: {' '.join(extra)}")
        return copy_notebooks(args.book, args.to)
    return check_notebooks(args.dir, args.chapter, extra)


if __name__ == "__main__":
    sys.exit(main())
