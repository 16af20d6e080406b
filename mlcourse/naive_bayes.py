r"""Bernoulli naive Bayes with add-alpha smoothing, read as a Beta prior.

Each feature :math:`x_j \in \{0, 1\}` is Bernoulli given the class, with probability
:math:`p_{cj}`. Its maximum likelihood estimate is a fraction of counts, :math:`N_{cj}/N_c`, which
is exactly 0 (or 1) for a pixel never (or always) on in a class's training images; one such pixel
in a test image then gives that class probability 0. Add-alpha smoothing,
:math:`(N_{cj} + \alpha)/(N_c + 2\alpha)`, is the MAP estimate under a
Beta(:math:`\alpha + 1`, :math:`\alpha + 1`) prior, and what scikit-learn's ``BernoulliNB(alpha)``
computes.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from . import _validate as check

__all__ = ["BernoulliNaiveBayes", "bernoulli_naive_bayes"]


@dataclass(frozen=True)
class BernoulliNaiveBayes:
    """A fitted Bernoulli naive Bayes classifier (log-probabilities throughout).

    Introduced in Chapter 9 (MAP estimation and regularisation).

    Attributes
    ----------
    classes : ndarray, shape (K,)
        The class labels, sorted.
    class_log_prior : ndarray, shape (K,)
        ``log(N_c / n)``, the maximum likelihood estimate of each class's probability.
    log_p : ndarray, shape (K, d)
        ``log P(x_j = 1 | class c)``, smoothed; ``-inf`` where a zero count is left unsmoothed.
    log_1mp : ndarray, shape (K, d)
        ``log P(x_j = 0 | class c)``, computed from the counts (not as ``log(1 - p)``).
    alpha : float
        The smoothing constant.
    """

    classes: np.ndarray
    class_log_prior: np.ndarray
    log_p: np.ndarray
    log_1mp: np.ndarray
    alpha: float

    def joint_log_likelihood(self, X: Any) -> np.ndarray:
        """``log p(x, c)`` for each row of ``X`` and each class, shape (n, K); ``-inf`` where a
        feature of ``x`` has probability 0 under the class (never ``nan``)."""
        values = check.binary(check.observations(X, "X"), "X")
        if values.ndim != 2 or values.shape[1] != self.log_p.shape[1]:
            raise ValueError(check.wrap(
                f"X must have shape (n, {self.log_p.shape[1]}); got {values.shape}"))
        on = values[:, None, :] == 1
        return np.where(on, self.log_p, self.log_1mp).sum(axis=-1) + self.class_log_prior

    def predict(self, X: Any) -> np.ndarray:
        """The class of largest posterior probability for each row of ``X`` (the first class
        where every class has probability 0)."""
        return self.classes[np.argmax(self.joint_log_likelihood(X), axis=1)]


def bernoulli_naive_bayes(X: Any, y: Any, alpha: float = 1.0) -> BernoulliNaiveBayes:
    r"""Fit Bernoulli naive Bayes with add-alpha (Beta-prior) smoothing.

    .. math:: \hat p_{cj} = \frac{N_{cj} + \alpha}{N_c + 2\alpha}

    the MAP estimate of :math:`p_{cj}` under a Beta(:math:`\alpha + 1`, :math:`\alpha + 1`)
    prior; ``alpha=0`` gives the maximum likelihood estimate. The class probabilities are their
    maximum likelihood estimates :math:`N_c/n`, as in scikit-learn.

    Introduced in Chapter 9 (MAP estimation and regularisation).

    Parameters
    ----------
    X : array_like of 0 and 1, shape (n, d)
        Binary features.
    y : array_like, shape (n,)
        Class labels (any sortable values).
    alpha : float, default 1.0
        The smoothing constant, >= 0 (1 is add-one, or Laplace, smoothing).

    Returns
    -------
    BernoulliNaiveBayes
        The fitted log-probabilities, with ``joint_log_likelihood(X)`` and ``predict(X)``.

    Raises
    ------
    ValueError
        If ``X`` is not 0/1 and 2-D, the shapes do not match, or ``alpha`` is negative.

    Examples
    --------
    >>> import numpy as np
    >>> X = np.array([[1, 0], [1, 1], [0, 0], [0, 1]])
    >>> model = bernoulli_naive_bayes(X, [0, 0, 1, 1], alpha=1.0)
    >>> np.exp(model.log_p).round(4)  # (2 + 1) / (2 + 2), (1 + 1) / (2 + 2), ...
    array([[0.75, 0.5 ],
           [0.25, 0.5 ]])
    """
    values = check.binary(check.observations(X, "X"), "X").astype(float)
    if values.ndim != 2:
        raise ValueError(f"X must be 2-D (n, d); got shape {values.shape}")
    labels = np.asarray(y)
    if labels.shape != (len(values),):
        raise ValueError(check.wrap(
            f"y must be 1-D with one label per row of X: X has shape {values.shape}, y has "
            f"shape {labels.shape}"))
    smoothing = float(check.nonnegative(check.number(alpha, "alpha"), "alpha"))
    classes, index = np.unique(labels, return_inverse=True)
    members = np.eye(len(classes))[index]  # (n, K) one-hot
    class_count = members.sum(axis=0)
    on = members.T @ values  # N_cj
    total = (class_count + 2 * smoothing)[:, None]
    with np.errstate(divide="ignore"):  # an unsmoothed zero count is log 0 = -inf, truly
        log_p = np.log(on + smoothing) - np.log(total)
        log_1mp = np.log(class_count[:, None] - on + smoothing) - np.log(total)
    return BernoulliNaiveBayes(classes=classes, class_log_prior=np.log(class_count / len(values)),
                               log_p=log_p, log_1mp=log_1mp, alpha=smoothing)
