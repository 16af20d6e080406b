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
mixtures
    Gaussian mixtures fitted by the EM algorithm (and MAP-EM).
robust
    Sandwich (robust) covariance matrices for misspecified models.
notebook
    The set-up cell of every chapter, and ``glue`` for numbers quoted in the prose.
plotting
    Plot helpers that return their ``Axes``.
inference
    Wald, score and likelihood-ratio tests; profile-likelihood intervals; the delta method.
intervals
    Intervals for a proportion and a Poisson rate, and their exact coverage.
priors
    Log prior densities for MAP estimation; the Beta-Bernoulli posterior.
regularization
    Ridge by QR, the ridge evidence, and the priors behind the libraries' knobs.
naive_bayes
    Bernoulli naive Bayes with add-alpha (Beta-prior) smoothing.
calibration
    Temperature scaling as a one-parameter MLE, reliability bins and ECE, paired comparisons.
neural
    A small torch classifier, trained reproducibly by penalised maximum likelihood.
exercises
    The exercises of every chapter and their self-checks.
"""

from .calibration import (
    PairedDifference,
    ReliabilityBins,
    expected_calibration_error,
    fit_temperature,
    paired_loglik_difference,
    reliability_bins,
    temperature_lr_test,
    temperature_negloglik,
    tempered_log_probs,
)
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
from .inference import (
    ChiSquareTest,
    DeltaResult,
    delta_method,
    likelihood_ratio_test,
    profile_conf_int,
    profile_loglik,
    score_test,
    transformed_wald_interval,
    wald_test,
)
from .information import (
    distribution_cross_entropy,
    empirical_distribution,
    entropy,
    gaussian_kl_divergence,
    kl_divergence,
)
from .intervals import poisson_rate_interval, proportion_coverage, proportion_interval
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
from .mixtures import (
    ComponentCollapseError,
    MixtureResult,
    em_update,
    fit_gaussian_mixture,
    fit_gaussian_mixture_starts,
    mixture_loglik,
    mixture_responsibilities,
)
from .naive_bayes import BernoulliNaiveBayes, bernoulli_naive_bayes
from .neural import (
    TrainingResult,
    class_logits,
    fit_classifier,
    mlp_classifier,
    prior_variance_for_weight_decay,
    weight_decay_for_prior,
)
from .notebook import glue, glue_many, setup, within
from .plotting import plot_curve, plot_likelihood
from .priors import (
    BetaPosterior,
    beta_bernoulli_posterior,
    beta_log_prior,
    gaussian_log_prior,
    laplace_log_prior,
)
from .regression import (
    LinearRegressionResult,
    add_intercept,
    linear_regression,
    logistic_regression,
    poisson_regression,
)
from .regularization import (
    KnobPrior,
    knob_prior,
    ridge_evidence_fit,
    ridge_log_evidence,
    ridge_regression,
)
from .robust import mle_sandwich_cov, regression_sandwich_cov, sandwich_cov

__version__ = "0.1.0"

__all__ = [
    "BernoulliNaiveBayes",
    "BetaPosterior",
    "BoundaryError",
    "ChiSquareTest",
    "ComponentCollapseError",
    "ConvergenceWarning",
    "DeltaResult",
    "EstimationError",
    "FitSpec",
    "HorseKicks",
    "KnobPrior",
    "LinearRegressionResult",
    "MLEResult",
    "MixtureResult",
    "NistDataset",
    "NistStrdProblem",
    "PairedDifference",
    "ReliabilityBins",
    "SeparationError",
    "TableDataset",
    "TrainingResult",
    "add_intercept",
    "bernoulli_loglik",
    "bernoulli_logpmf",
    "bernoulli_mle",
    "bernoulli_naive_bayes",
    "beta_bernoulli_posterior",
    "beta_log_prior",
    "binary_cross_entropy",
    "binary_cross_entropy_with_logits",
    "binomial_loglik",
    "binomial_logpmf",
    "binomial_mle",
    "categorical_loglik",
    "categorical_logpmf",
    "categorical_mle",
    "class_logits",
    "cross_entropy",
    "delta_method",
    "distribution_cross_entropy",
    "em_update",
    "empirical_distribution",
    "entropy",
    "expected_calibration_error",
    "exponential_loglik",
    "exponential_logpdf",
    "exponential_mle",
    "fit_classifier",
    "fit_gaussian_mixture",
    "fit_gaussian_mixture_starts",
    "fit_map",
    "fit_mle",
    "fit_temperature",
    "gaussian_kl_divergence",
    "gaussian_log_prior",
    "gaussian_loglik",
    "gaussian_logpdf",
    "gaussian_mle",
    "gaussian_nll_loss",
    "glue",
    "glue_many",
    "hinge_loss",
    "kl_divergence",
    "knob_prior",
    "l1_loss",
    "laplace_log_prior",
    "laplace_loglik",
    "laplace_logpdf",
    "laplace_mle",
    "likelihood_ratio_test",
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
    "mixture_loglik",
    "mixture_responsibilities",
    "mle_sandwich_cov",
    "mlp_classifier",
    "mse_loss",
    "nll_loss",
    "paired_loglik_difference",
    "plot_curve",
    "plot_likelihood",
    "poisson_loglik",
    "poisson_logpmf",
    "poisson_mle",
    "poisson_nll_loss",
    "poisson_rate_interval",
    "poisson_regression",
    "prior_variance_for_weight_decay",
    "profile_conf_int",
    "profile_loglik",
    "proportion_coverage",
    "proportion_interval",
    "read_nist_strd",
    "regression_sandwich_cov",
    "reliability_bins",
    "ridge_evidence_fit",
    "ridge_log_evidence",
    "ridge_regression",
    "sandwich_cov",
    "score_test",
    "setup",
    "softplus",
    "temperature_lr_test",
    "temperature_negloglik",
    "tempered_log_probs",
    "transformed_wald_interval",
    "underflow_length",
    "wald_test",
    "weight_decay_for_prior",
    "within",
]
