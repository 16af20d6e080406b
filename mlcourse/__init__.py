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
estimators
    Closed-form maximum-likelihood estimates (fractions, means, medians).
fitting
    The general maximum-likelihood fitter and its result object.
regression
    Linear, logistic and Poisson regression by maximum likelihood.
datasets
    The datasets of the course (NIST certified regressions, a count dataset).
losses
    The losses of machine learning, written as negative log-likelihoods.
information
    Entropy, cross-entropy and KL divergence.
notebook
    The set-up cell of every chapter, and ``glue`` for numbers quoted in the prose.
plotting
    Plot helpers that return their ``Axes``.
exercises
    The exercises of every chapter and their self-checks.
"""

from .datasets import (
    HorseKicks,
    NistDataset,
    NistStrdProblem,
    TableDataset,
    load_breast_cancer,
    load_diabetes,
    load_digits,
    load_engel,
    load_horse_kicks,
    load_iris,
    load_nist,
    load_randhie,
    load_spector,
    read_nist_strd,
)
from .densities import (
    bernoulli_logpmf,
    binomial_logpmf,
    categorical_logpmf,
    exponential_logpdf,
    gaussian_logpdf,
    laplace_logpdf,
    poisson_logpmf,
)
from .estimators import (
    bernoulli_mle,
    binomial_mle,
    categorical_mle,
    exponential_mle,
    gaussian_mle,
    laplace_mle,
    poisson_mle,
)
from .fitting import (
    BoundaryError,
    ConvergenceWarning,
    EstimationError,
    FitSpec,
    MLEResult,
    SeparationError,
    fit_map,
    fit_mle,
)
from .information import (
    distribution_cross_entropy,
    empirical_distribution,
    entropy,
    gaussian_kl_divergence,
    kl_divergence,
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
from .losses import (
    binary_cross_entropy,
    binary_cross_entropy_with_logits,
    cross_entropy,
    gaussian_nll_loss,
    hinge_loss,
    l1_loss,
    mse_loss,
    nll_loss,
    poisson_nll_loss,
)
from .notebook import glue, glue_many, setup, within
from .plotting import plot_curve, plot_likelihood
from .regression import (
    LinearRegressionResult,
    add_intercept,
    linear_regression,
    logistic_regression,
    poisson_regression,
)

__version__ = "0.1.0"

__all__ = [
    "BoundaryError",
    "ConvergenceWarning",
    "EstimationError",
    "FitSpec",
    "HorseKicks",
    "LinearRegressionResult",
    "MLEResult",
    "NistDataset",
    "NistStrdProblem",
    "SeparationError",
    "TableDataset",
    "add_intercept",
    "bernoulli_loglik",
    "bernoulli_logpmf",
    "bernoulli_mle",
    "binary_cross_entropy",
    "binary_cross_entropy_with_logits",
    "binomial_loglik",
    "binomial_logpmf",
    "binomial_mle",
    "categorical_loglik",
    "categorical_logpmf",
    "categorical_mle",
    "cross_entropy",
    "distribution_cross_entropy",
    "empirical_distribution",
    "entropy",
    "exponential_loglik",
    "exponential_logpdf",
    "exponential_mle",
    "fit_map",
    "fit_mle",
    "gaussian_kl_divergence",
    "gaussian_loglik",
    "gaussian_logpdf",
    "gaussian_mle",
    "gaussian_nll_loss",
    "glue",
    "glue_many",
    "hinge_loss",
    "kl_divergence",
    "l1_loss",
    "laplace_loglik",
    "laplace_logpdf",
    "laplace_mle",
    "linear_regression",
    "load_breast_cancer",
    "load_diabetes",
    "load_digits",
    "load_engel",
    "load_horse_kicks",
    "load_iris",
    "load_nist",
    "load_randhie",
    "load_spector",
    "log1mexp",
    "log_mean_exp",
    "log_sigmoid",
    "log_softmax",
    "log_trapezoid",
    "logistic_regression",
    "logsumexp",
    "mse_loss",
    "nll_loss",
    "plot_curve",
    "plot_likelihood",
    "poisson_loglik",
    "poisson_logpmf",
    "poisson_mle",
    "poisson_nll_loss",
    "poisson_regression",
    "read_nist_strd",
    "setup",
    "softplus",
    "underflow_length",
    "within",
]
