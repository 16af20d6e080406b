"""Every public function is documented numpy-style, names the chapter that introduces it, is
exported from the package, and appears in the book's API reference (the browser test checks the
rendered page)."""

from __future__ import annotations

import importlib
import inspect
import json
import re

import pytest
import yaml

import mlcourse
import mlcourse.exercises

from .notebook_files import BOOK, ROOT, cells, source

PUBLIC_MODULES = ["densities", "likelihood", "logspace", "estimators", "fitting", "regression",
                  "datasets", "losses", "information", "notebook", "plotting"]
PUBLIC_MODULES += ["priors", "regularization", "naive_bayes"]  # Chapter 9
PUBLIC_MODULES += ["inference", "intervals"]  # Chapter 10
PUBLIC_MODULES += ["mixtures", "robust"]  # Chapter 11
PUBLIC_MODULES += ["neural", "calibration"]  # Chapter 12
EXERCISE_API = ["check", "run_check", "check_source", "read_exercises"]
INTRODUCED = re.compile(r"Introduced in Chapter (\d+) \(([^)]+)\)\.")


def _chapter_titles() -> dict[int, str]:
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text())
    files = [c["file"] for part in toc["parts"] if part.get("numbered")
             for c in part["chapters"]]
    titles = {}
    for number, file in enumerate(files, start=1):
        first = source(cells(ROOT / f"{file}.ipynb")[0])
        titles[number] = re.match(r"#\s+(.+)", first).group(1).strip()
    return titles


def _public_functions() -> list[tuple[str, object]]:
    found = []
    for name in PUBLIC_MODULES:
        module = importlib.import_module(f"mlcourse.{name}")
        found += [(f"mlcourse.{name}.{item}", getattr(module, item)) for item in module.__all__
                  if inspect.isfunction(getattr(module, item))]
    found += [(f"mlcourse.exercises.{item}", getattr(mlcourse.exercises, item))
              for item in EXERCISE_API]
    return found


FUNCTIONS = _public_functions()


@pytest.mark.parametrize(("name", "function"), FUNCTIONS, ids=[n for n, _ in FUNCTIONS])
def test_numpy_docstring_names_its_chapter(name: str, function) -> None:
    doc = inspect.getdoc(function) or ""
    match = INTRODUCED.search(doc)
    assert match, f"{name}: the docstring must say 'Introduced in Chapter N (Title).'"
    titles = _chapter_titles()
    number, title = int(match.group(1)), match.group(2)
    assert titles.get(number) == title, (
        f"{name}: Chapter {number} is {titles.get(number)!r} in _toc.yml, not {title!r}")
    parameters = [p for p in inspect.signature(function).parameters if p not in ("self",)]
    if parameters:
        assert "Parameters\n----------" in doc, f"{name}: no numpy 'Parameters' section"
        for parameter in parameters:
            bare = parameter.lstrip("*")
            assert re.search(rf"^\**{bare}\b", doc, re.MULTILINE) or re.search(
                rf"\b{bare}\b.*:", doc), f"{name}: parameter {parameter} is not documented"
    returns = inspect.signature(function).return_annotation
    if returns not in ("None", None, inspect.Signature.empty):
        assert "Returns\n-------" in doc, f"{name}: no numpy 'Returns' section"


def test_public_functions_are_exported_at_the_top_level() -> None:
    for name in PUBLIC_MODULES:
        module = importlib.import_module(f"mlcourse.{name}")
        for item in module.__all__:
            if inspect.isfunction(getattr(module, item)):
                assert item in mlcourse.__all__, f"mlcourse.{name}.{item} is not re-exported"
                assert getattr(mlcourse, item) is getattr(module, item)
    assert sorted(mlcourse.__all__) == mlcourse.__all__, "keep mlcourse.__all__ sorted"


def test_every_module_with_public_functions_is_listed() -> None:
    """No public module is forgotten by PUBLIC_MODULES (and so by the reference)."""
    exported = {getattr(mlcourse, name).__module__ for name in mlcourse.__all__
                if inspect.isfunction(getattr(mlcourse, name))}
    assert exported == {f"mlcourse.{name}" for name in PUBLIC_MODULES}


def test_api_reference_lists_every_public_function() -> None:
    text = (BOOK / "api.md").read_text()
    documented_modules = set(re.findall(r"\.\. automodule:: mlcourse\.(\w+)\n\s+:members:", text))
    assert documented_modules == set(PUBLIC_MODULES)
    for item in EXERCISE_API:
        assert f".. autofunction:: mlcourse.exercises.{item}" in text, item


def test_chapter_notebooks_are_in_the_toc() -> None:
    toc = json.dumps(yaml.safe_load((ROOT / "_toc.yml").read_text()))
    for notebook in sorted(BOOK.glob("[0-9][0-9]-*.ipynb")):
        assert f"book/{notebook.stem}" in toc, f"{notebook.name} is not in _toc.yml"
