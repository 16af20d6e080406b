"""The landing page, the README and the chapter endings describe the book that exists.

The table of contents (`_toc.yml`) is the source of truth: the landing page links every chapter
in order, the README lists their titles in order, each chapter's "What comes next" leads to the
next chapter, and no page refers to a chapter the book does not have.
"""

from __future__ import annotations

import re

import pytest
import yaml

from .notebook_files import BOOK, ROOT, cells, source

TOC = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
CHAPTER_FILES = [chapter["file"] for part in TOC["parts"] if part.get("numbered")
                 for chapter in part["chapters"]]
CHAPTER_PATHS = [ROOT / f"{name}.ipynb" for name in CHAPTER_FILES]


def _title(path) -> str:
    first = source(cells(path)[0])
    return first.splitlines()[0].removeprefix("# ").strip()


def _markdown(path) -> str:
    return "\n\n".join(source(c) for c in cells(path) if c["cell_type"] == "markdown")


def _section(text: str, heading: str) -> str:
    match = re.search(rf"^## {re.escape(heading)}\n(.*?)(?=^## |\Z)", text, re.M | re.S)
    assert match, f"no '## {heading}' section"
    return match.group(1)


def test_every_numbered_chapter_is_a_notebook() -> None:
    assert CHAPTER_FILES, "the table of contents has no numbered chapters"
    for path in CHAPTER_PATHS:
        assert path.exists(), f"{path.name} is in _toc.yml but not in book/"
    on_disk = sorted(BOOK.glob("[0-9][0-9]-*.ipynb"))
    assert on_disk == CHAPTER_PATHS, "book/ has chapter notebooks that _toc.yml does not list"


def test_landing_page_links_every_chapter_in_order() -> None:
    chapters = _section((BOOK / "intro.md").read_text(encoding="utf-8"), "Chapters")
    linked = re.findall(r"^\s*(\d+)\. \{doc\}`([^`]+)`", chapters, re.M)
    assert [int(n) for n, _ in linked] == list(range(1, len(CHAPTER_FILES) + 1))
    assert [f"book/{name}" for _, name in linked] == CHAPTER_FILES


def test_readme_lists_every_chapter_title_in_order() -> None:
    chapters = _section((ROOT / "README.md").read_text(encoding="utf-8"), "Chapters")
    listed = re.findall(r"^(\d+)\. \*\*(.+?)\*\*", chapters, re.M)
    assert [int(n) for n, _ in listed] == list(range(1, len(CHAPTER_FILES) + 1))
    assert [title for _, title in listed] == [_title(p) for p in CHAPTER_PATHS]


@pytest.mark.parametrize("index", range(len(CHAPTER_PATHS)),
                         ids=[p.stem for p in CHAPTER_PATHS])
def test_what_comes_next_leads_to_the_next_chapter(index: int) -> None:
    ending = _section(_markdown(CHAPTER_PATHS[index]), "What comes next")
    if index + 1 < len(CHAPTER_PATHS):
        following = CHAPTER_PATHS[index + 1]
        assert re.search(rf"\{{doc\}}`([^`]*<)?{following.stem}>?`", ending), (
            f"'What comes next' should link {{doc}}`{following.stem}`")
    else:
        links = re.findall(r"\{doc\}`(?:[^`<]*<)?([^`>]+)>?`", ending)
        assert all(f"book/{link}" in CHAPTER_FILES for link in links)


def _pages() -> dict[str, str]:
    pages = {p.name: p.read_text(encoding="utf-8") for p in BOOK.glob("*.md")}
    pages["README.md"] = (ROOT / "README.md").read_text(encoding="utf-8")
    pages.update({p.name: _markdown(p) for p in CHAPTER_PATHS})
    return pages


@pytest.mark.parametrize("name, text", sorted(_pages().items()))
def test_no_page_refers_to_a_missing_chapter(name: str, text: str) -> None:
    numbers = [int(n) for n in re.findall(r"\bChapters? (\d+)\b", text)]
    numbers += [int(b) for b in re.findall(r"\bChapters \d+[-\u2013](\d+)\b", text)]
    missing = sorted({n for n in numbers if not 1 <= n <= len(CHAPTER_FILES)})
    assert not missing, f"{name} refers to chapter(s) {missing}, which the book does not have"
