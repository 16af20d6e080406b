"""Bernoulli naive Bayes with add-alpha smoothing against scikit-learn's BernoulliNB and counts.

Tolerances: sklearn computes log(1 - p) as log(1 - exp(log p)), which loses up to about
1e-12 relative for p near 1 with tiny alpha; the joint log-likelihoods (sums of 64 terms of
size up to 30) are compared to 1e-9 relative.
"""

from __future__ import annotations

import numpy as np
import pytest
from sklearn.naive_bayes import BernoulliNB

import mlcourse
from mlcourse import bernoulli_naive_bayes

DIGITS = mlcourse.load_digits()
X = (DIGITS.X >= 8).astype(float)
Y = DIGITS.y.astype(int)


@pytest.mark.parametrize("alpha", [1e-3, 0.5, 1.0, 4.0])
def test_matches_sklearn_bernoulli_nb(alpha) -> None:
    ours = bernoulli_naive_bayes(X[:1200], Y[:1200], alpha)
    skl = BernoulliNB(alpha=alpha).fit(X[:1200], Y[:1200])
    assert np.allclose(ours.log_p, skl.feature_log_prob_, rtol=1e-12, atol=0)
    assert np.allclose(ours.class_log_prior, skl.class_log_prior_, rtol=1e-12, atol=0)
    joint = ours.joint_log_likelihood(X[1200:])
    expected = skl.predict_joint_log_proba(X[1200:])
    assert np.all(np.abs(joint - expected) <= 1e-9 * np.abs(expected))
    assert np.array_equal(ours.predict(X[1200:]), skl.predict(X[1200:]))


def test_probabilities_are_smoothed_counts() -> None:
    Xs = np.array([[1, 0, 1], [1, 1, 1], [0, 0, 1], [0, 0, 0], [1, 0, 0]])
    ys = np.array(["a", "a", "b", "b", "b"])
    model = bernoulli_naive_bayes(Xs, ys, alpha=1.0)
    assert list(model.classes) == ["a", "b"]
    expected = np.array([[3 / 4, 2 / 4, 3 / 4], [2 / 5, 1 / 5, 2 / 5]])
    assert np.allclose(np.exp(model.log_p), expected, rtol=1e-14)
    assert np.allclose(np.exp(model.log_1mp), 1 - expected, rtol=1e-14)
    assert np.allclose(np.exp(model.class_log_prior), [2 / 5, 3 / 5], rtol=1e-14)


def test_alpha_zero_gives_minus_infinity_not_nan() -> None:
    model = bernoulli_naive_bayes(X[:1200], Y[:1200], alpha=0.0)
    assert np.isneginf(model.log_p).any() and np.isneginf(model.log_1mp).any()
    joint = model.joint_log_likelihood(X[1200:])
    assert not np.isnan(joint).any()
    assert np.isneginf(joint).any()
    # where finite, it is the sum of log p for the 1s and log(1 - p) for the 0s
    row = int(np.flatnonzero(np.isfinite(joint[:, 0]))[0])
    p = X[:1200][Y[:1200] == 0].mean(axis=0)
    x = X[1200 + row]
    expected = np.log(np.mean(Y[:1200] == 0)) + np.sum(np.log(np.where(x == 1, p, 1 - p)))
    assert np.isclose(joint[row, 0], expected, rtol=1e-12)


@pytest.mark.parametrize(("call", "message"), [
    (lambda: bernoulli_naive_bayes(X[:10] * 2, Y[:10]), "only 0 and 1"),
    (lambda: bernoulli_naive_bayes(X[:10], Y[:9]), "one label per row"),
    (lambda: bernoulli_naive_bayes(X[:10], Y[:10], alpha=-1.0), "alpha must be >= 0"),
    (lambda: bernoulli_naive_bayes(X[:10, 0], Y[:10]), "2-D"),
    (lambda: bernoulli_naive_bayes(X[:10], Y[:10]).joint_log_likelihood(X[:3, :5]),
     "shape"),
])
def test_bad_input_raises(call, message) -> None:
    with pytest.raises(ValueError, match=message):
        call()
