"""Hints teach without giving the answer away.

A known mistake's hint is shown after one wrong attempt of that kind, so a hint that states the
formula the exercise asks for hands over the answer. These tests read every hint as a learner
would copy from it: each fragment that parses as a Python expression in the function's own
argument names is evaluated on the inputs the checks really use, and must not reproduce the
reference solution. Check descriptions, which every verdict shows, must not name the package
function that computes the reference.
"""

from __future__ import annotations

import inspect
import math
import re
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from mlcourse.exercises import read_exercises, registry
from mlcourse.exercises.framework import _parameter_names

BOOK = Path(__file__).resolve().parent.parent / "book"
SOLUTIONS = {found.id: found.solution for notebook in sorted(BOOK.glob("[0-9][0-9]-*.ipynb"))
             for found in read_exercises(notebook)}
# Where a hint may split into a formula: after a colon, "is", "gives", "=", ...
SPLIT = re.compile(r"[:;,]|\.\s|\bis\b|\bgives\b|\bequals\b|=|\bso\b|\bthen\b|\bwhere\b")
MATH = {name: getattr(np, name) for name in (
    "log", "exp", "sqrt", "sum", "mean", "abs", "log1p", "expm1", "maximum", "minimum", "pi",
    "tanh", "cosh", "prod", "var", "std", "max", "min", "logaddexp")}
MATH.update(np=np, math=math, sigmoid=lambda z: 1 / (1 + np.exp(-np.asarray(z, float))),
            log2=np.log2, ln=np.log)


def _fragments(hint: str) -> set[str]:
    """Every run of words in the hint that might be a formula, as Python source."""
    text = (hint.replace("^", "**").replace("\u2212", "-").replace("\u00b7", "*")
            .replace("\u03c3", "sigma").replace("\u03bc", "mu"))
    found = set()
    for piece in SPLIT.split(text):
        words = piece.strip().rstrip(".").split()
        for start in range(len(words)):
            for end in range(start + 1, len(words) + 1):
                found.add(" ".join(words[start:end]))
    return {f for f in found if any(ch in f for ch in "+-*/(") and len(f) >= 3}


@cache
def _solution_function(exercise_id: str) -> Any:
    namespace: dict[str, Any] = {"__name__": "__main__"}
    exec(SOLUTIONS[exercise_id], namespace)  # the book's own reference solution
    return namespace[registry[exercise_id].function]


@cache
def _recorded_calls(exercise_id: str) -> list[tuple[tuple, dict, Any]]:
    """The calls the checks make on the reference solution, and what it returned."""
    solution = _solution_function(exercise_id)
    calls: list[tuple[tuple, dict, Any]] = []

    def recording(*args: Any, **kwargs: Any) -> Any:
        result = solution(*args, **kwargs)
        calls.append((args, kwargs, result))
        return result

    recording.__signature__ = inspect.signature(solution)  # type: ignore[attr-defined]
    registry[exercise_id].run(recording)
    return calls[:6]


def _reveals(fragment: str, exercise_id: str) -> bool:
    calls = _recorded_calls(exercise_id)
    if not calls:
        return False
    names = _parameter_names(_solution_function(exercise_id))
    try:
        code = compile(fragment, "<hint>", "eval")
    except (SyntaxError, ValueError):
        return False
    matched = 0
    for args, kwargs, expected in calls:
        scope = dict(MATH)
        scope.update(zip(names, args, strict=False))
        scope.update(kwargs)
        try:
            with np.errstate(all="ignore"):
                value = eval(code, {"__builtins__": {}}, scope)  # a hint's formula, at most
            got = np.asarray(value, dtype=float)
            want = np.asarray(expected, dtype=float)
        except Exception:
            return False
        if got.shape != want.shape or not np.allclose(got, want, rtol=1e-6, atol=1e-12):
            return False
        matched += 1
    return matched == len(calls)


def test_the_audit_finds_a_formula_in_a_hint() -> None:
    """The audit itself can fail: the old coin-score hint gave the whole score away."""
    leaky = ("By the chain rule, d/dp log(1 - p) = -1/(1 - p): the tails pull the slope "
             "down. The score is k/p - (n - k)/(1 - p).")
    assert any(_reveals(f, "coin-score") for f in _fragments(leaky))
    assert not any(_reveals(f, "coin-score") for f in _fragments(
        "Differentiate log(1 - p) with the chain rule: its inner function has slope -1."))


@pytest.mark.parametrize("exercise_id", sorted(registry))
def test_no_hint_states_the_answer(exercise_id: str) -> None:
    if SOLUTIONS.get(exercise_id) is None:
        pytest.skip("no reference solution in the book")
    for mistake in registry[exercise_id].mistakes:
        leaks = sorted(f for f in _fragments(mistake.hint) if _reveals(f, exercise_id))
        assert not leaks, (f"the hint of {mistake.name!r} states the answer: {leaks[0]!r}; "
                           "name the idea, not the formula")


@pytest.mark.parametrize("exercise_id", sorted(registry))
def test_descriptions_do_not_name_the_reference(exercise_id: str) -> None:
    for description, _ in registry[exercise_id].checks:
        assert not re.search(r"\bmlcourse\.\w+", description), (
            f"check {description!r} names the package function behind the reference: "
            "describe the property instead")
