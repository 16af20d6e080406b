"""The exercises of every chapter and their self-checks.

In a notebook, the cell after each exercise runs ``check("exercise-id")``. From a terminal,
``python -m mlcourse check`` checks every exercise in your copies of the notebooks.
"""

from . import (  # noqa: F401 -- importing a chapter's module registers its exercises
    capstone,
    coin_flips,
    cross_entropy_and_kl,
    gaussian_mle,
    large_sample_theory,
    likelihood_vs_probability,
    linear_regression,
    log_trick,
    logistic_regression,
    losses_as_likelihoods,
    map_and_regularisation,
    when_mle_fails,
)
from .framework import Exercise, Mistake, Status, Trial, Verdict, check, registry, run_check
from .isolation import start_in_a_kernel
from .notebooks import check_source, read_exercises

start_in_a_kernel()  # the first check(...) of a chapter then does not wait for the checker

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
