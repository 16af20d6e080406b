"""The exercises of every chapter and their self-checks.

In a notebook, the cell after each exercise runs ``check("exercise-id")``. From a terminal,
``python -m mlcourse check`` checks every exercise in your copies of the notebooks.
"""

from . import likelihood_vs_probability, log_trick  # noqa: F401 -- registers the exercises
from .framework import Exercise, Mistake, Status, Trial, Verdict, check, registry, run_check
from .notebooks import check_source, read_exercises

__all__ = [
    "Exercise",
    "Mistake",
    "Status",
    "Trial",
    "Verdict",
    "check",
    "check_source",
    "read_exercises",
    "registry",
    "run_check",
]
