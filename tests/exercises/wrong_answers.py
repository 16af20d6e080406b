"""The shape of a wrong answer kept for CI (one module per chapter beside this one)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class WrongAnswer:
    """A plausible wrong solution, written as a learner would write the exercise cell.

    Attributes
    ----------
    description : str
        What is wrong with it, for the test report.
    source : str
        The complete exercise cell (imports included).
    mistake : str or None
        The name of the known mistake the verdict must report, or None when the verdict only has
        to be a failure.
    """

    description: str
    source: str
    mistake: str | None = None
