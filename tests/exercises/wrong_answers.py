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
    kind : str
        Which class of wrong answer it is, for the report of the mutation campaign: "value"
        (wrong on typical inputs), "edge" (wrong only at the ends or awkward points of the
        domain), "type" (the wrong type or shape), "rule" (breaks a rule of the statement; the
        verdict must say so) or "cheat" (passes by recognising the inputs or faking the work).
    """

    description: str
    source: str
    mistake: str | None = None
    kind: str = "value"

    def __post_init__(self) -> None:
        kinds = ("value", "edge", "type", "rule", "cheat")
        if self.kind not in kinds:
            raise ValueError(f"kind must be one of {kinds}, got {self.kind!r}")
