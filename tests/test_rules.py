"""The rules an exercise declares are found in the answer's code, not in its comments."""

from __future__ import annotations

import pytest

from mlcourse.exercises.rules import Forbidden, rule_violations

INV = Forbidden("numpy.linalg.inv", "solve the system; do not invert the matrix")
SCIPY = Forbidden("scipy", "this exercise is numpy only")
MLCOURSE = Forbidden("mlcourse", "derive it yourself; the package is the check's reference")
VAR = Forbidden("numpy.var", "compute the variance from its definition", method=True)
RULES = [INV, SCIPY, MLCOURSE, VAR]


@pytest.mark.parametrize("source, used", [
    ("b = np.linalg.inv(A) @ y", ["np.linalg.inv"]),
    ("import numpy.linalg as la\nb = la.inv(A) @ y", ["la.inv"]),
    ("from numpy.linalg import inv\nb = inv(A) @ y",
     ["from numpy.linalg import inv", "inv"]),
    ("from numpy import linalg\nb = linalg.inv(A) @ y", ["linalg.inv"]),
    ("la = np.linalg\nb = la.inv(A) @ y", ["la.inv"]),
    ("invert = np.linalg.inv\nb = invert(A) @ y", ["invert", "np.linalg.inv"]),
    ("from scipy import special\nz = special.expit(x)",
     ["from scipy import special", "special.expit"]),
    ("import scipy.stats as st", ["import scipy.stats"]),
    ("value = mlcourse.bernoulli_loglik(x, p)", ["mlcourse.bernoulli_loglik"]),
    ("from mlcourse import logsumexp", ["from mlcourse import logsumexp"]),
    ("v = x.var()", [".var()"]),
    ("v = (x - x.mean()).var(ddof=0)", [".var()"]),
    ("v = np.var(x)", ["np.var"]),
    ("f = getattr(np.linalg, 'inv')", ["getattr(...)"]),
    ("f = getattr(np.linalg, name)", ["getattr(...)"]),
    ("m = __import__('scipy')", ["__import__(...)"]),
    ("eval('np.linalg.inv(A)')", ["eval(...)"]),
    ("from numpy.linalg import *\nb = inv(A) @ y", ["from numpy.linalg import *"]),
    ("from numpy import *\nv = var(x)", ["from numpy import *"]),
])
def test_uses_are_found(source: str, used: list[str]) -> None:
    assert sorted(v.used for v in rule_violations(source, RULES)) == sorted(used)


@pytest.mark.parametrize("source", [
    "# np.linalg.inv would square the condition number\nb = np.linalg.solve(A, y)",
    "text = 'scipy.special.expit'",
    "import numpy as np\nv = np.mean((x - np.mean(x)) ** 2)",
    "import torch\nv = torch.var(x)",
    "shape = getattr(x, 'shape')",
    "def f(x):\n    return np.exp(x)",
    "this is not python (",
])
def test_allowed_code_has_no_violations(source: str) -> None:
    assert rule_violations(source, RULES) == []


def test_a_violation_says_where_and_why() -> None:
    (violation,) = rule_violations("x = 1\nb = np.linalg.inv(A)", [INV])
    assert violation.line == 2
    text = str(violation)
    assert "line 2" in text and "np.linalg.inv" in text and INV.reason in text
    assert all(len(line) <= 80 for line in text.splitlines())


def test_names_provided_by_the_notebook_resolve_as_given() -> None:
    assert rule_violations("la.inv(A)", [INV], provided={"la": "numpy.linalg"})
    assert not rule_violations("la.inv(A)", [INV], provided={})


def test_no_rules_no_parse() -> None:
    assert rule_violations("np.linalg.inv(A)", []) == []
