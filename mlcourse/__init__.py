"""mlcourse: the companion package of *Maximum likelihood for machine learning*.

Every chapter of the book imports it. The package is the single source of truth for the course's
formulas: a notebook may derive a result by hand, and then checks it against the function here.

Modules
-------
densities
    Log-probabilities of single observations (the probability reading of a model).
likelihood
    Log-likelihoods of samples, broadcasting over parameter grids (the likelihood reading).
logspace
    Stable arithmetic on log-probabilities: logsumexp, softplus, log1mexp, ...
notebook
    The set-up cell of every chapter, and ``glue`` for numbers quoted in the prose.
plotting
    Plot helpers that return their ``Axes``.
exercises
    The exercises of every chapter and their self-checks.
"""

from .densities import (
    bernoulli_logpmf,
    binomial_logpmf,
    categorical_logpmf,
    exponential_logpdf,
    gaussian_logpdf,
    laplace_logpdf,
    poisson_logpmf,
)
from .likelihood import (
    bernoulli_loglik,
    binomial_loglik,
    categorical_loglik,
    exponential_loglik,
    gaussian_loglik,
    laplace_loglik,
    poisson_loglik,
)
from .logspace import (
    log1mexp,
    log_mean_exp,
    log_sigmoid,
    log_softmax,
    log_trapezoid,
    logsumexp,
    softplus,
    underflow_length,
)
from .notebook import glue, setup
from .plotting import plot_curve, plot_likelihood

__version__ = "0.1.0"

__all__ = [
    "bernoulli_loglik",
    "bernoulli_logpmf",
    "binomial_loglik",
    "binomial_logpmf",
    "categorical_loglik",
    "categorical_logpmf",
    "exponential_loglik",
    "exponential_logpdf",
    "gaussian_loglik",
    "gaussian_logpdf",
    "glue",
    "laplace_loglik",
    "laplace_logpdf",
    "log1mexp",
    "log_mean_exp",
    "log_sigmoid",
    "log_softmax",
    "log_trapezoid",
    "logsumexp",
    "plot_curve",
    "plot_likelihood",
    "poisson_loglik",
    "poisson_logpmf",
    "setup",
    "softplus",
    "underflow_length",
]
