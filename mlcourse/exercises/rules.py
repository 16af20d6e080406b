"""What an answer may not use, checked on its code.

Some exercises exist to make the learner do by hand what a library does in one call: "use only
numpy", "solve, do not invert", "derive it without logarithms". A check that only looks at the
returned values cannot tell a derivation from a call to the library function that the check
itself uses as its reference. So an exercise can declare :class:`Forbidden` names, and the
answer's source is parsed (with :mod:`ast`, not searched as text, so a comment or a string that
mentions ``np.linalg.inv`` is not a use of it) and every use is reported with its line and the
reason the exercise gives.

Names are resolved through the answer's own imports: after ``import numpy.linalg as la`` the
call ``la.inv(A)`` is a use of ``numpy.linalg.inv``, and after ``from scipy import special`` the
name ``special`` is ``scipy.special``. The names a notebook provides without an import (``np``,
``torch``, ``mlcourse``) are resolved the same way. Dynamic lookups (``getattr`` with a
forbidden attribute name, ``__import__``, ``importlib``, ``eval``, ``exec``) are reported too:
the rule could not otherwise be checked.
"""

from __future__ import annotations

import ast
from collections.abc import Sequence
from dataclasses import dataclass

__all__ = ["Forbidden", "Violation", "rule_violations"]

#: Names a chapter notebook binds before any exercise cell runs.
NOTEBOOK_ALIASES = {"np": "numpy", "torch": "torch", "mlcourse": "mlcourse", "plt":
                    "matplotlib.pyplot"}

_DYNAMIC = {"__import__", "eval", "exec", "compile", "globals", "vars", "locals"}
_MODULES = {"numpy", "scipy", "torch", "math", "mlcourse", "statsmodels", "sklearn"}


@dataclass(frozen=True)
class Forbidden:
    """A name an answer may not use, and why.

    Parameters
    ----------
    name : str
        A dotted name: a module (``"scipy"``, ``"mlcourse"``) forbids everything in it; a
        function (``"numpy.linalg.inv"``, ``"numpy.var"``) forbids that function.
    reason : str
        Why the exercise asks for it, shown to the learner (one short sentence).
    method : bool, default False
        Also forbid the method of the same name on any object (``x.var()`` for ``numpy.var``).
    """

    name: str
    reason: str
    method: bool = False

    def matches(self, dotted: str) -> bool:
        return dotted == self.name or dotted.startswith(self.name + ".")

    @property
    def attribute(self) -> str:
        return self.name.rsplit(".", 1)[-1]


@dataclass(frozen=True)
class Violation:
    """One use of a forbidden name: which rule, where, and what was written."""

    rule: Forbidden
    line: int
    used: str

    def __str__(self) -> str:
        return (f"line {self.line}: uses {self.used}, which this exercise rules out\n"
                f"  ({self.rule.reason})")


def _dotted(node: ast.AST) -> str | None:
    """``a.b.c`` for a chain of attributes on a name; None for anything else."""
    parts: list[str] = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        parts.append(node.id)
        return ".".join(reversed(parts))
    return None


def _aliases(tree: ast.AST, provided: dict[str, str]) -> dict[str, str]:
    aliases = dict(provided)
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.asname:
                    aliases[alias.asname] = alias.name
                else:
                    top = alias.name.split(".")[0]
                    aliases[top] = top
        elif (isinstance(node, ast.Assign) and len(node.targets) == 1
              and isinstance(node.targets[0], ast.Name) and _dotted(node.value)):
            aliases[node.targets[0].id] = _resolve(_dotted(node.value), aliases)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            for alias in node.names:
                aliases[alias.asname or alias.name] = f"{node.module}.{alias.name}"
    return aliases


def _resolve(dotted: str, aliases: dict[str, str]) -> str:
    root, _, rest = dotted.partition(".")
    if root in aliases:
        return aliases[root] + ("." + rest if rest else "")
    return dotted


def rule_violations(source: str, rules: Sequence[Forbidden],
                    provided: dict[str, str] | None = None) -> list[Violation]:
    """Every use of a forbidden name in ``source``, in order of lines.

    Introduced in Chapter 1 (Likelihood vs probability).

    Parameters
    ----------
    source : str
        The answer's code (the learner's exercise cell).
    rules : sequence of Forbidden
        What the exercise rules out.
    provided : dict, optional
        Names bound without an import, mapped to what they are; by default those of a chapter
        notebook (``np`` is ``numpy``, and so on).

    Returns
    -------
    list of Violation
        Empty when the answer keeps every rule. Code that does not parse has no violations
        here: the syntax error is reported on its own.

    Examples
    --------
    >>> rule = Forbidden("numpy.linalg.inv", "solve the system; do not invert the matrix")
    >>> [v.used for v in rule_violations("b = np.linalg.inv(A) @ y", [rule])]
    ['np.linalg.inv']
    >>> rule_violations("# np.linalg.inv would be wrong here", [rule])
    []
    """
    if not rules:
        return []
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return []
    aliases = _aliases(tree, NOTEBOOK_ALIASES if provided is None else provided)
    inner = {id(node.value) for node in ast.walk(tree) if isinstance(node, ast.Attribute)}
    found: dict[tuple[int, str], Violation] = {}

    def report(rule: Forbidden, node: ast.AST, used: str) -> None:
        found.setdefault((node.lineno, used), Violation(rule, node.lineno, used))

    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                for rule in rules:
                    if rule.matches(alias.name):
                        report(rule, node, f"import {alias.name}")
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            for alias in node.names:
                full = f"{node.module}.{alias.name}"
                for rule in rules:
                    star = alias.name == "*" and rule.name.startswith(node.module + ".")
                    if rule.matches(node.module) or rule.matches(full) or star:
                        report(rule, node, f"from {node.module} import {alias.name}")
        elif (isinstance(node, (ast.Attribute, ast.Name)) and id(node) not in inner
              and isinstance(node.ctx, ast.Load)):
            dotted = _dotted(node)
            resolved = _resolve(dotted, aliases) if dotted else ""
            for rule in rules:
                if dotted and rule.matches(resolved):
                    report(rule, node, dotted)
                elif (rule.method and isinstance(node, ast.Attribute)
                      and node.attr == rule.attribute
                      and resolved.split(".")[0] not in _MODULES):
                    report(rule, node, f".{node.attr}()")
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            name = node.func.id
            dynamic = name in _DYNAMIC or (name == "getattr" and len(node.args) >= 2 and not (
                isinstance(node.args[1], ast.Constant) and isinstance(node.args[1].value, str)
                and all(node.args[1].value != rule.attribute for rule in rules)))
            if dynamic:
                report(Forbidden(name, "a dynamic lookup hides what the code uses, so the "
                                       "exercise's rules could not be checked"), node,
                       f"{name}(...)")
    return sorted(found.values(), key=lambda v: (v.line, v.used))
