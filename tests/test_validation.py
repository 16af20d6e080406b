"""Bad input raises, with the exception type and a message that names the argument.

One table row per (function, kind of bad input). The last test checks that every public function
of densities, likelihood and logspace has rows, so that a new function cannot skip this file.
"""

from __future__ import annotations

import re

import numpy as np
import pytest

from mlcourse import densities, likelihood, logspace

pytestmark = pytest.mark.filterwarnings("error")

NAN, INF = float("nan"), float("inf")


def case(function, *args, error=ValueError, match: str, id: str, **kwargs):
    return pytest.param(function, args, kwargs, error, match, id=f"{function.__name__}: {id}")


def shapes(*pairs: tuple[str, tuple]) -> str:
    """The regex of 'shapes do not broadcast: x has shape (3,), p has shape (2,)'."""
    return "shapes do not broadcast: " + ", ".join(
        re.escape(f"{name} has shape {shape}") for name, shape in pairs)


NOT_NUMBERS = ["1", None, object(), 1j]  # a string, None, an arbitrary object, a complex number


def non_numeric(function, position: int, name: str, good: tuple, **kwargs) -> list:
    """Rows that replace argument ``position`` (or keyword ``name``) by each non-number.

    None is left out for the optional parameters (p/logit, probs/logits), where it means "not
    given" and gives the "give exactly one" TypeError tested separately.
    """
    optional = (function.__name__.startswith(("bernoulli", "categorical"))
                and name in {"p", "logit", "probs", "logits"})
    rows = []
    for bad in NOT_NUMBERS:
        if bad is None and optional:
            continue
        label = type(bad).__name__
        if position >= 0:
            args = (*good[:position], bad, *good[position + 1:])
            rows.append(case(function, *args, error=TypeError, match=f"{name} must be real numbers",
                             id=f"{name} is a {label}", **kwargs))
        else:
            rows.append(case(function, *good, error=TypeError, match=f"{name} must be real numbers",
                             id=f"{name} is a {label}", **{**kwargs, name: bad}))
    return rows


D, L, S = densities, likelihood, logspace
PROB = re.escape("must be a probability in [0, 1]")
EXACTLY_P = "give exactly one of p and logit; got"
EXACTLY_PROBS = "give exactly one of probs and logits; got"
SUM = re.escape("each probs vector (last axis) must sum to 1")

DENSITY_CASES = [
    # bernoulli_logpmf
    case(D.bernoulli_logpmf, 2, 0.5, match="x must contain only 0 and 1; got 2", id="x=2"),
    case(D.bernoulli_logpmf, [0, NAN], 0.5, match="x must be finite", id="x nan"),
    case(D.bernoulli_logpmf, [0, 1], 1.5, match=f"p {PROB}; got 1.5", id="p>1"),
    case(D.bernoulli_logpmf, [0, 1], -0.1, match=f"p {PROB}; got -0.1", id="p<0"),
    case(D.bernoulli_logpmf, 1, NAN, match="p must be finite", id="p nan"),
    case(D.bernoulli_logpmf, 1, INF, match="p must be finite", id="p inf"),
    case(D.bernoulli_logpmf, 1, logit=INF, match="logit must be finite", id="logit inf"),
    case(D.bernoulli_logpmf, 1, logit=NAN, match="logit must be finite", id="logit nan"),
    case(D.bernoulli_logpmf, 1, 0.5, logit=0.0, error=TypeError, match=f"{EXACTLY_P} p and logit",
         id="both p and logit"),
    case(D.bernoulli_logpmf, 1, error=TypeError, match=f"{EXACTLY_P} neither", id="neither"),
    case(D.bernoulli_logpmf, [0, 1, 1], [0.2, 0.3], match=shapes(("x", (3,)), ("p", (2,))),
         id="shapes"),
    case(D.bernoulli_logpmf, [0, 1, 1], logit=[0.2, 0.3],
         match=shapes(("x", (3,)), ("logit", (2,))), id="shapes with logit"),
    *non_numeric(D.bernoulli_logpmf, 0, "x", (1, 0.5)),
    *non_numeric(D.bernoulli_logpmf, 1, "p", (1, 0.5)),
    *non_numeric(D.bernoulli_logpmf, -1, "logit", (1,)),
    # binomial_logpmf
    case(D.binomial_logpmf, 2.5, 5, 0.5, match="k must be whole numbers", id="k not whole"),
    case(D.binomial_logpmf, 2, 5.5, 0.5, match="n must be whole numbers", id="n not whole"),
    case(D.binomial_logpmf, -1, 5, 0.5, match="k must be >= 0", id="k<0"),
    case(D.binomial_logpmf, 0, -5, 0.5, match="n must be >= 0", id="n<0"),
    case(D.binomial_logpmf, [1, 4], 3, 0.5, match="k must not exceed n", id="k>n"),
    case(D.binomial_logpmf, 1, 3, 1.5, match=f"p {PROB}", id="p>1"),
    case(D.binomial_logpmf, 1, 3, -1e-12, match=f"p {PROB}", id="p<0"),
    case(D.binomial_logpmf, 1, 3, NAN, match="p must be finite", id="p nan"),
    case(D.binomial_logpmf, INF, 3, 0.5, match="k must be finite", id="k inf"),
    case(D.binomial_logpmf, 1, NAN, 0.5, match="n must be finite", id="n nan"),
    case(D.binomial_logpmf, [1, 2, 3], [4, 5], 0.5, match=shapes(("k", (3,)), ("n", (2,)),
                                                                 ("p", ())), id="shapes"),
    *non_numeric(D.binomial_logpmf, 0, "k", (1, 3, 0.5)),
    *non_numeric(D.binomial_logpmf, 1, "n", (1, 3, 0.5)),
    *non_numeric(D.binomial_logpmf, 2, "p", (1, 3, 0.5)),
    # gaussian_logpdf and laplace_logpdf
    *(row for function, scale in ((D.gaussian_logpdf, "sigma"), (D.laplace_logpdf, "b"))
      for row in [
        case(function, 0.0, 0.0, 0.0, match=f"{scale} must be > 0; got 0.0", id=f"{scale}=0"),
        case(function, 0.0, 0.0, [1.0, -2.0], match=f"{scale} must be > 0; got -2.0 at index",
             id=f"{scale}<0"),
        case(function, 0.0, 0.0, INF, match=f"{scale} must be finite", id=f"{scale} inf"),
        case(function, 0.0, 0.0, NAN, match=f"{scale} must be finite", id=f"{scale} nan"),
        case(function, 0.0, NAN, 1.0, match="mu must be finite", id="mu nan"),
        case(function, 0.0, -INF, 1.0, match="mu must be finite", id="mu -inf"),
        case(function, [0.0, INF], 0.0, 1.0, match="x must be finite", id="x inf"),
        case(function, NAN, 0.0, 1.0, match="x must be finite", id="x nan"),
        case(function, np.zeros(3), np.zeros(2), 1.0,
             match=shapes(("x", (3,)), ("mu", (2,)), (scale, ())), id="shapes"),
        *non_numeric(function, 0, "x", (0.0, 0.0, 1.0)),
        *non_numeric(function, 1, "mu", (0.0, 0.0, 1.0)),
        *non_numeric(function, 2, scale, (0.0, 0.0, 1.0)),
    ]),
    # poisson_logpmf
    case(D.poisson_logpmf, 1.5, 2.0, match="k must be whole numbers", id="k not whole"),
    case(D.poisson_logpmf, -1, 2.0, match="k must be >= 0", id="k<0"),
    case(D.poisson_logpmf, NAN, 2.0, match="k must be finite", id="k nan"),
    case(D.poisson_logpmf, 1, -2.0, match="rate must be >= 0", id="rate<0"),
    case(D.poisson_logpmf, 1, INF, match="rate must be finite", id="rate inf"),
    case(D.poisson_logpmf, 1, NAN, match="rate must be finite", id="rate nan"),
    case(D.poisson_logpmf, [1, 2, 3], [1.0, 2.0], match=shapes(("k", (3,)), ("rate", (2,))),
         id="shapes"),
    *non_numeric(D.poisson_logpmf, 0, "k", (1, 2.0)),
    *non_numeric(D.poisson_logpmf, 1, "rate", (1, 2.0)),
    # exponential_logpdf
    case(D.exponential_logpdf, -1.0, 2.0, match="x must be >= 0; got -1.0", id="x<0"),
    case(D.exponential_logpdf, INF, 2.0, match="x must be finite", id="x inf"),
    case(D.exponential_logpdf, NAN, 2.0, match="x must be finite", id="x nan"),
    case(D.exponential_logpdf, 1.0, 0.0, match="rate must be > 0", id="rate=0"),
    case(D.exponential_logpdf, 1.0, -2.0, match="rate must be > 0", id="rate<0"),
    case(D.exponential_logpdf, 1.0, INF, match="rate must be finite", id="rate inf"),
    case(D.exponential_logpdf, [1.0, 2.0, 3.0], [1.0, 2.0],
         match=shapes(("x", (3,)), ("rate", (2,))), id="shapes"),
    *non_numeric(D.exponential_logpdf, 0, "x", (1.0, 2.0)),
    *non_numeric(D.exponential_logpdf, 1, "rate", (1.0, 2.0)),
    # categorical_logpmf
    case(D.categorical_logpmf, 3, [0.2, 0.3, 0.5], match=re.escape(
        "x must be category labels 0, ..., 2; got 3"), id="label K"),
    case(D.categorical_logpmf, -1, [0.2, 0.3, 0.5], match="x must be >= 0", id="label<0"),
    case(D.categorical_logpmf, 0.5, [0.2, 0.3, 0.5], match="x must be whole numbers",
         id="label not whole"),
    case(D.categorical_logpmf, NAN, [0.2, 0.3, 0.5], match="x must be finite", id="label nan"),
    case(D.categorical_logpmf, 2, logits=[0.0, 1.0], match=re.escape(
        "x must be category labels 0, ..., 1; got 2"), id="label K with logits"),
    case(D.categorical_logpmf, 0, [0.2, 0.3, 0.4], match=f"{SUM}; got 0.9", id="sum<1"),
    case(D.categorical_logpmf, 0, [[0.5, 0.5], [0.7, 0.7]], match=f"{SUM}; got 1.4 at index",
         id="second row sum>1"),
    case(D.categorical_logpmf, 0, [1.2, -0.2], match=f"probs {PROB}", id="probs outside [0, 1]"),
    case(D.categorical_logpmf, 0, [NAN, 0.5], match="probs must be finite", id="probs nan"),
    case(D.categorical_logpmf, 0, 1.0, match="probs must have a last axis", id="probs scalar"),
    case(D.categorical_logpmf, 0, logits=[0.0, INF], match="logits must be finite",
         id="logits inf"),
    case(D.categorical_logpmf, 0, logits=[NAN, 0.0], match="logits must be finite",
         id="logits nan"),
    case(D.categorical_logpmf, 0, logits=2.0, match="logits must have a last axis",
         id="logits scalar"),
    case(D.categorical_logpmf, 0, logits=np.zeros((2, 0)), match="logits must have a last axis",
         id="logits without categories"),
    case(D.categorical_logpmf, 0, [0.5, 0.5], logits=[0.0, 0.0], error=TypeError,
         match=f"{EXACTLY_PROBS} probs and logits", id="both"),
    case(D.categorical_logpmf, 0, error=TypeError, match=f"{EXACTLY_PROBS} neither", id="neither"),
    case(D.categorical_logpmf, [0, 1, 1], np.full((2, 3), 1 / 3),
         match=re.escape("shapes do not broadcast: x has shape (3,), probs has shape (2, 3)"),
         id="shapes"),
    case(D.categorical_logpmf, [0, 1, 1], logits=np.zeros((2, 3)),
         match=re.escape("shapes do not broadcast: x has shape (3,), logits has shape (2, 3)"),
         id="shapes with logits"),
    *non_numeric(D.categorical_logpmf, 0, "x", (0, [0.5, 0.5])),
    *non_numeric(D.categorical_logpmf, 1, "probs", (0, [0.5, 0.5])),
    *non_numeric(D.categorical_logpmf, -1, "logits", (0,)),
]

LIKELIHOOD_CASES = [
    # bernoulli_loglik (one parameter of any shape: nothing that must broadcast)
    case(L.bernoulli_loglik, [], 0.5, match="x is empty", id="empty"),
    case(L.bernoulli_loglik, [0, 2], 0.5, match="x must contain only 0 and 1; got 2 at index",
         id="x=2"),
    case(L.bernoulli_loglik, [0, NAN], 0.5, match="x must be finite", id="x nan"),
    case(L.bernoulli_loglik, [0, 1], [0.5, 1.5], match=f"p {PROB}; got 1.5 at index", id="p>1"),
    case(L.bernoulli_loglik, [0, 1], -0.5, match=f"p {PROB}", id="p<0"),
    case(L.bernoulli_loglik, [0, 1], NAN, match="p must be finite", id="p nan"),
    case(L.bernoulli_loglik, [0, 1], logit=-INF, match="logit must be finite", id="logit -inf"),
    case(L.bernoulli_loglik, [0, 1], 0.5, logit=0.0, error=TypeError,
         match=f"{EXACTLY_P} p and logit", id="both"),
    case(L.bernoulli_loglik, [0, 1], error=TypeError, match=f"{EXACTLY_P} neither", id="neither"),
    *non_numeric(L.bernoulli_loglik, 0, "x", ([0, 1], 0.5)),
    *non_numeric(L.bernoulli_loglik, 1, "p", ([0, 1], 0.5)),
    *non_numeric(L.bernoulli_loglik, -1, "logit", ([0, 1],)),
    # binomial_loglik
    case(L.binomial_loglik, [], 5, 0.5, match="k is empty", id="empty"),
    case(L.binomial_loglik, [1.5], 5, 0.5, match="k must be whole numbers", id="k not whole"),
    case(L.binomial_loglik, [1], 5.5, 0.5, match="n must be whole numbers", id="n not whole"),
    case(L.binomial_loglik, [-1], 5, 0.5, match="k must be >= 0", id="k<0"),
    case(L.binomial_loglik, [1, 6], 5, 0.5, match="k must not exceed n", id="k>n"),
    case(L.binomial_loglik, [1, 2], [5, 1], 0.5, match="k must not exceed n", id="k>n per row"),
    case(L.binomial_loglik, [1], 5, 1.5, match=f"p {PROB}", id="p>1"),
    case(L.binomial_loglik, [1], 5, NAN, match="p must be finite", id="p nan"),
    case(L.binomial_loglik, [1, INF], 5, 0.5, match="k must be finite", id="k inf"),
    case(L.binomial_loglik, [1, 2, 3], [4, 5], 0.5, match=shapes(("k", (3,)), ("n", (2,))),
         id="shapes"),
    *non_numeric(L.binomial_loglik, 0, "k", ([1], 5, 0.5)),
    *non_numeric(L.binomial_loglik, 1, "n", ([1], 5, 0.5)),
    *non_numeric(L.binomial_loglik, 2, "p", ([1], 5, 0.5)),
    # gaussian_loglik and laplace_loglik
    *(row for function, scale in ((L.gaussian_loglik, "sigma"), (L.laplace_loglik, "b"))
      for row in [
        case(function, [], 0.0, 1.0, match="x is empty", id="empty"),
        case(function, [1.0, NAN], 0.0, 1.0, match=re.escape("x must be finite (no nan or inf); "
                                                           "got nan at index (1,)"), id="x nan"),
        case(function, [INF], 0.0, 1.0, match="x must be finite", id="x inf"),
        case(function, [1.0], NAN, 1.0, match="mu must be finite", id="mu nan"),
        case(function, [1.0], [0.0, INF], 1.0, match="mu must be finite", id="mu inf"),
        case(function, [1.0], 0.0, 0.0, match=f"{scale} must be > 0; got 0.0", id=f"{scale}=0"),
        case(function, [1.0], 0.0, -1.0, match=f"{scale} must be > 0", id=f"{scale}<0"),
        case(function, [1.0], 0.0, INF, match=f"{scale} must be finite", id=f"{scale} inf"),
        case(function, [1.0], np.zeros(3), np.ones(2),
             match=shapes(("mu", (3,)), (scale, (2,))), id="shapes"),
        *non_numeric(function, 0, "x", ([1.0], 0.0, 1.0)),
        *non_numeric(function, 1, "mu", ([1.0], 0.0, 1.0)),
        *non_numeric(function, 2, scale, ([1.0], 0.0, 1.0)),
    ]),
    # poisson_loglik
    case(L.poisson_loglik, [], 2.0, match="k is empty", id="empty"),
    case(L.poisson_loglik, [1, 1.5], 2.0, id="k not whole",
         match=re.escape("k must be whole numbers (counts); got 1.5 at index (1,)")),
    case(L.poisson_loglik, [-1], 2.0, match="k must be >= 0", id="k<0"),
    case(L.poisson_loglik, [NAN], 2.0, match="k must be finite", id="k nan"),
    case(L.poisson_loglik, [1], -2.0, match="rate must be >= 0", id="rate<0"),
    case(L.poisson_loglik, [1], INF, match="rate must be finite", id="rate inf"),
    case(L.poisson_loglik, [1], NAN, match="rate must be finite", id="rate nan"),
    *non_numeric(L.poisson_loglik, 0, "k", ([1], 2.0)),
    *non_numeric(L.poisson_loglik, 1, "rate", ([1], 2.0)),
    # exponential_loglik
    case(L.exponential_loglik, [], 2.0, match="x is empty", id="empty"),
    case(L.exponential_loglik, [1.0, -1.0], 2.0, match="x must be >= 0", id="x<0"),
    case(L.exponential_loglik, [INF], 2.0, match="x must be finite", id="x inf"),
    case(L.exponential_loglik, [NAN], 2.0, match="x must be finite", id="x nan"),
    case(L.exponential_loglik, [1.0], 0.0, match="rate must be > 0", id="rate=0"),
    case(L.exponential_loglik, [1.0], -1.0, match="rate must be > 0", id="rate<0"),
    case(L.exponential_loglik, [1.0], NAN, match="rate must be finite", id="rate nan"),
    *non_numeric(L.exponential_loglik, 0, "x", ([1.0], 2.0)),
    *non_numeric(L.exponential_loglik, 1, "rate", ([1.0], 2.0)),
    # categorical_loglik
    case(L.categorical_loglik, [], [0.5, 0.5], match="x is empty", id="empty"),
    case(L.categorical_loglik, [0, 2], [0.5, 0.5], match=re.escape(
        "x must be category labels 0, ..., 1; got 2 at index (1,)"), id="label K"),
    case(L.categorical_loglik, [-1], [0.5, 0.5], match="x must be >= 0", id="label<0"),
    case(L.categorical_loglik, [0.5], [0.5, 0.5], match="x must be whole numbers",
         id="label not whole"),
    case(L.categorical_loglik, [0], [0.5, 0.6], match=f"{SUM}; got 1.1", id="sum>1"),
    case(L.categorical_loglik, [0], [-0.5, 1.5], match=f"probs {PROB}", id="probs outside"),
    case(L.categorical_loglik, [0], [NAN, 1.0], match="probs must be finite", id="probs nan"),
    case(L.categorical_loglik, [0], 1.0, match="probs must have a last axis", id="probs scalar"),
    case(L.categorical_loglik, [0], logits=[INF, 0.0], match="logits must be finite",
         id="logits inf"),
    case(L.categorical_loglik, [0], logits=0.0, match="logits must have a last axis",
         id="logits scalar"),
    case(L.categorical_loglik, [0], [0.5, 0.5], logits=[0.0, 0.0], error=TypeError,
         match=f"{EXACTLY_PROBS} probs and logits", id="both"),
    case(L.categorical_loglik, [0], error=TypeError, match=f"{EXACTLY_PROBS} neither",
         id="neither"),
    *non_numeric(L.categorical_loglik, 0, "x", ([0], [0.5, 0.5])),
    *non_numeric(L.categorical_loglik, 1, "probs", ([0], [0.5, 0.5])),
    *non_numeric(L.categorical_loglik, -1, "logits", ([0],)),
]

LOGSPACE_CASES = [
    case(S.logsumexp, [0.0, NAN], match=re.escape("a contains nan at index (1,)"), id="nan"),
    *non_numeric(S.logsumexp, 0, "a", ([0.0],)),
    case(S.log_mean_exp, [], match="a is empty", id="empty"),
    case(S.log_mean_exp, np.zeros((3, 0)), axis=1, match="a is empty", id="empty axis"),
    case(S.log_mean_exp, [NAN], match="a contains nan", id="nan"),
    *non_numeric(S.log_mean_exp, 0, "a", ([0.0],)),
    case(S.softplus, [1.0, NAN], match="x contains nan", id="nan"),
    *non_numeric(S.softplus, 0, "x", (0.0,)),
    case(S.log_sigmoid, NAN, match="x contains nan", id="nan"),
    *non_numeric(S.log_sigmoid, 0, "x", (0.0,)),
    case(S.log1mexp, 0.5, match="a must be <= 0 .*; got 0.5", id="positive"),
    case(S.log1mexp, [-1.0, 2.0], match=re.escape("got 2.0 at index (1,)"), id="positive entry"),
    case(S.log1mexp, [-1.0, INF], match="a must be <= 0", id="+inf"),
    case(S.log1mexp, NAN, match="a contains nan", id="nan"),
    *non_numeric(S.log1mexp, 0, "a", (-1.0,)),
    case(S.log_softmax, [], match="z is empty", id="empty"),
    case(S.log_softmax, [0.0, INF], match="z must be finite", id="inf"),
    case(S.log_softmax, [NAN, 0.0], match="z must be finite", id="nan"),
    *non_numeric(S.log_softmax, 0, "z", ([0.0, 1.0],)),
    case(S.log_trapezoid, [0.0, 0.0, 0.0], [0.0, 1.0], match=re.escape(
        "log_y and x must be 1-D of the same length; got shapes (3,) and (2,)"), id="shapes"),
    case(S.log_trapezoid, np.zeros((2, 2)), np.zeros((2, 2)), match="log_y and x must be 1-D",
         id="2-D"),
    case(S.log_trapezoid, [0.0], [1.0], match="at least two grid points", id="one point"),
    case(S.log_trapezoid, [0.0, 0.0, 0.0], [0.0, 2.0, 1.0], match="x must be strictly increasing",
         id="decreasing"),
    case(S.log_trapezoid, [0.0, 0.0], [1.0, 1.0], match="x must be strictly increasing",
         id="repeated"),
    case(S.log_trapezoid, [0.0, INF], [0.0, 1.0], match=re.escape("log_y contains +inf"),
         id="log_y +inf"),
    case(S.log_trapezoid, [0.0, NAN], [0.0, 1.0], match="log_y contains nan", id="log_y nan"),
    case(S.log_trapezoid, [0.0, 0.0], [0.0, INF], match="x must be finite", id="x inf"),
    case(S.log_trapezoid, [0.0, 0.0], [NAN, 1.0], match="x must be finite", id="x nan"),
    *non_numeric(S.log_trapezoid, 0, "log_y", ([0.0, 0.0], [0.0, 1.0])),
    *non_numeric(S.log_trapezoid, 1, "x", ([0.0, 0.0], [0.0, 1.0])),
    case(S.underflow_length, 0.0, match="p must be strictly between 0 and 1", id="p=0"),
    case(S.underflow_length, 1.0, match="p must be strictly between 0 and 1", id="p=1"),
    case(S.underflow_length, 1.5, match=f"p {PROB}", id="p>1"),
    case(S.underflow_length, -0.5, match=f"p {PROB}", id="p<0"),
    case(S.underflow_length, NAN, match="p must be finite", id="p nan"),
    case(S.underflow_length, [0.5, 0.6], match=re.escape(
        "p must be a single probability; got an array of shape (2,)"), id="p array"),
    case(S.underflow_length, 1 - 1e-9, np.float32, match="rounds to 1 in float32",
         id="p rounds to 1"),
    case(S.underflow_length, 0.5, np.int64, match="dtype must be a floating-point type",
         id="dtype int"),
    case(S.underflow_length, 0.5, np.complex128, match="dtype must be a floating-point type",
         id="dtype complex"),
    case(S.underflow_length, 0.5, "no such type", match="dtype must be a floating-point type",
         id="dtype unknown"),
    *non_numeric(S.underflow_length, 0, "p", (0.5,)),
]

ALL_CASES = DENSITY_CASES + LIKELIHOOD_CASES + LOGSPACE_CASES


@pytest.mark.parametrize(("function", "args", "kwargs", "error", "match"), ALL_CASES)
def test_bad_input_raises_naming_the_argument(function, args, kwargs, error, match) -> None:
    with pytest.raises(error) as raised:
        function(*args, **kwargs)
    # Messages are wrapped at 78 columns for notebooks: match them as one line.
    message = str(raised.value)
    assert re.search(match, " ".join(message.split())), message
    assert all(len(line) <= 78 for line in message.splitlines()), message


def test_every_public_function_has_validation_cases() -> None:
    covered = {row.values[0].__name__ for row in ALL_CASES}
    public = set(densities.__all__) | set(likelihood.__all__) | set(logspace.__all__)
    assert public <= covered, f"no validation tests for {sorted(public - covered)}"


def test_validation_happens_before_any_warning() -> None:
    """A bad value raises instead of producing a nan or a RuntimeWarning on the way."""
    with pytest.raises(ValueError, match="sigma must be > 0"):
        likelihood.gaussian_loglik(np.ones(3), 0.0, np.array([1.0, 0.0, 2.0]))
    with pytest.raises(ValueError, match="rate must be >= 0"):
        densities.poisson_logpmf(np.arange(3), np.array([1.0, -1e-300, 2.0]))


def test_float32_probability_vectors_are_accepted_to_their_rounding() -> None:
    # float32(0.1) * 10 = 1 + 1.5e-8, beyond float64's 1e-9-per-entry tolerance but well
    # within float32 rounding: a float32 softmax produces such vectors all the time.
    probs = np.full((2, 10), 0.1, dtype=np.float32)
    assert abs(probs.sum(axis=-1, dtype=np.float64)[0] - 1) > 1e-9 * 10
    got = densities.categorical_logpmf(np.arange(2), probs)
    np.testing.assert_allclose(got, np.log(probs[:, 0].astype(np.float64)), rtol=1e-12)
    off = np.full((2, 10), 0.1) * (1 + 1e-6)
    with pytest.raises(ValueError, match="must sum to 1"):
        densities.categorical_logpmf(np.arange(2), off)
