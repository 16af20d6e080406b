"""The exercise framework reports every kind of learner error clearly, and never crashes."""

from __future__ import annotations

import linecache

import numpy as np
import pytest

from mlcourse.exercises import framework
from mlcourse.exercises.framework import Exercise, Status, Trial


def flat(text: str) -> str:
    """A verdict with its line wrapping undone, to look for a phrase in it."""
    return " ".join(text.split())


def _mean_exercise(seconds: float = 1.0) -> Exercise:
    """A small exercise: write mean(x). Two checks and one known mistake."""
    exercise = Exercise(id="test-mean", chapter=1, title="mean", function="mean", seconds=seconds)

    @exercise.check("agrees with np.mean")
    def _(t: Trial) -> None:
        x = t.rng.normal(size=8)
        t.expect_close(t.call(x), np.mean(x), what="the mean")

    @exercise.check("is unchanged by shuffling")
    def _(t: Trial) -> None:
        x = t.rng.normal(size=8)
        first = t.call(x)
        t.expect_type(first)
        t.expect_close(t.call(t.rng.permutation(x)), first, what="the same mean")

    @exercise.mistake("divided by n - 1", "The mean divides by n.")
    def _(x):
        return np.sum(x) / (len(x) - 1)

    return exercise


def test_stub_is_not_attempted() -> None:
    def mean(x):
        raise NotImplementedError

    verdict = _mean_exercise().run(mean)
    assert verdict.status is Status.NOT_ATTEMPTED
    assert verdict.message.startswith("[test-mean] not attempted yet.\n")


def test_correct_answer_passes_and_counts_checks() -> None:
    verdict = _mean_exercise().run(lambda x: float(np.mean(x)))
    assert verdict.status is Status.PASSED
    assert verdict.message == "[test-mean] passed 2 of 2 checks."
    assert verdict.summary == "passed 2 of 2 checks"


def test_known_mistake_is_named_with_input_expected_and_got() -> None:
    verdict = _mean_exercise().run(lambda x: np.sum(x) / (len(x) - 1))
    assert verdict.status is Status.FAILED
    assert verdict.mistakes == ("divided by n - 1",)
    for part in ("input:    x=array(", "expected: the mean:", "got:",
                 "This matches a known mistake: divided by n - 1.", "Hint: The mean divides"):
        assert flat(part) in flat(verdict.message)
    assert verdict.passed == 1  # shuffling does not change a wrong-but-symmetric answer


def test_unknown_wrong_answer_fails_without_naming_a_mistake() -> None:
    verdict = _mean_exercise().run(lambda x: float(np.median(x)))
    assert verdict.status is Status.FAILED and verdict.mistakes == ()
    assert "known mistake" not in verdict.message


@pytest.mark.parametrize(("answer", "phrase"), [
    (lambda x: None, "returned None. Did you forget `return`?"),
    (lambda x: "0.5", "a single real number was expected"),
    (lambda x: np.array([np.mean(x)] * 2), "returned an array of shape (2,); a single real"),
    (lambda x: float("nan"), "returned nan"),
    (lambda x: 1 / 0, "raised ZeroDivisionError: division by zero"),
    (lambda x: x.sort(), "changed its input `x` in place"),
])
def test_learner_errors_are_reported(answer, phrase: str) -> None:
    verdict = _mean_exercise().run(answer)
    assert verdict.status is Status.FAILED
    assert flat(phrase) in flat(verdict.message), verdict.message


def test_learner_code_line_is_quoted_when_it_raises() -> None:
    source = "def mean(x):\n    total = sum(x)\n    return total / undefined_name\n"
    namespace: dict = {}
    exec(compile(source, "<learner cell>", "exec"), namespace)
    verdict = _mean_exercise().run(namespace["mean"])
    assert "NameError" in verdict.message
    assert "(in your code, line 3)" in verdict.message


def test_learner_code_line_is_quoted_from_an_exercise_cell() -> None:
    from mlcourse.exercises.cells import run_cell

    source = "import numpy as np\n\ndef mean(x):\n    return np.sum(x) / undefined_name\n"
    verdict = run_cell(_mean_exercise(), source)
    assert "(in your code, line 4: return np.sum(x) / undefined_name)" in verdict.message
    assert "An exercise cell sees only what it imports" in verdict.message


def test_a_cell_sees_only_its_imports_and_what_the_exercise_provides() -> None:
    from mlcourse.exercises.cells import run_cell

    source = "def mean(x):\n    return float(np.mean(x))\n"
    verdict = run_cell(_mean_exercise(), source)
    assert "raised NameError: name 'np' is not defined" in verdict.message
    provided = _mean_exercise()
    provided.provides["np"] = np
    assert run_cell(provided, source).status is Status.PASSED


def test_every_line_of_a_verdict_fits_80_columns() -> None:
    verdict = _mean_exercise().run(lambda x: np.sum(x) / (len(x) - 1) + 0 * np.arange(100.0))
    assert verdict.status is Status.FAILED
    assert max(map(len, verdict.message.splitlines())) <= 80, verdict.message


def test_time_limit_interrupts_and_stops_the_remaining_checks() -> None:
    def mean(x):
        while True:
            pass

    verdict = _mean_exercise(seconds=0.2).run(mean)
    assert verdict.status is Status.FAILED
    assert "did not finish within 0.2 s" in verdict.message
    assert verdict.summary == "timed out after 0.2 s; 2 checks not run"
    assert verdict.message.startswith("[test-mean] timed out after 0.2 s; 2 checks not run.")


def test_warnings_are_captured_and_reported_not_printed(recwarn) -> None:
    def mean(x):
        return np.log(-1.0) + 0 * np.sum(x)

    verdict = _mean_exercise().run(mean)
    assert "warning:  RuntimeWarning: invalid value encountered in log" in verdict.message
    assert len(recwarn) == 0


def test_not_a_function() -> None:
    verdict = _mean_exercise().run(3)
    assert verdict.status is Status.FAILED
    assert "mean should be a function, but it is 3 (int)" in verdict.message


def test_torch_answers_are_accepted() -> None:
    torch = pytest.importorskip("torch")
    verdict = _mean_exercise().run(lambda x: torch.tensor(np.asarray(x)).mean())
    assert verdict.status is Status.PASSED, verdict.message


def test_a_broken_check_is_reported_not_raised() -> None:
    exercise = Exercise(id="test-broken", chapter=1, title="broken", function="f")

    @exercise.check("a check with a bug")
    def _(t: Trial) -> None:
        raise KeyError("oops")

    verdict = exercise.run(lambda: 0)
    assert verdict.status is Status.FAILED
    assert "could not run: KeyError" in verdict.message


def _run_like_ipython(source: str, namespace: dict, name: str) -> None:
    """Run a cell as IPython does: compiled under a file name registered in linecache."""
    linecache.cache[name] = (len(source), None, source.splitlines(True), name)
    exec(compile(source, name, "exec"), namespace)


def test_check_finds_the_function_by_name_and_prints(capsys) -> None:
    namespace = {"check": framework.check}
    cell = ("import numpy as np\n\ndef sequence_likelihood(flips, p):\n"
            "    k = np.sum(flips)\n    return p**k * (1 - p) ** (len(flips) - k)\n")
    _run_like_ipython(cell, namespace, "<ipython-cell-1>")
    _run_like_ipython("check('likelihood-coin-sequence')", namespace, "<ipython-cell-2>")
    total = len(framework.registry["likelihood-coin-sequence"].checks)
    assert capsys.readouterr().out == (
        f"[likelihood-coin-sequence] passed {total} of {total} checks.\n")
    _run_like_ipython("del sequence_likelihood\ncheck('likelihood-coin-sequence')", namespace,
                      "<ipython-cell-3>")
    out = capsys.readouterr().out
    assert "There is no function named `sequence_likelihood`" in out
    assert max(map(len, out.splitlines())) <= 80
    framework.check("no-such-exercise")
    out = capsys.readouterr().out
    assert "is not an exercise id" in out and max(map(len, out.splitlines())) <= 80


def test_run_check_rejects_unknown_ids() -> None:
    with pytest.raises(KeyError, match="no exercise 'nope'"):
        framework.run_check("nope", lambda: 0)


def test_describe_is_short_and_readable() -> None:
    assert framework.describe(1.0) == "1.0"
    assert framework.describe(0.1234567891) == "0.123457"
    assert framework.describe(np.int64(3)) == "3"
    long = framework.describe(np.arange(100.0))
    assert "(100 values, shape (100,))" in long and len(long) < 200


def test_a_nan_answer_is_still_matched_against_the_known_mistakes() -> None:
    # 0 * log 0 computed as 0 * -inf gives nan: the nan is that mistake's signature.
    exercise = Exercise(id="test-entropy", chapter=1, title="entropy", function="entropy")

    @exercise.check("agrees with scipy on a vector with a zero")
    def _(t: Trial) -> None:
        p = np.array([0.5, 0.5, 0.0])
        t.expect_close(t.call(p), np.log(2), what="log 2")

    @exercise.mistake("0 log 0 computed as nan", "Leave out the zero probabilities.")
    def _(p):
        with np.errstate(divide="ignore", invalid="ignore"):
            return -np.sum(p * np.log(p))

    @exercise.mistake("log base 2", "Entropy here is in nats.")
    def _(p):
        nonzero = p[p > 0]
        return -np.sum(nonzero * np.log2(nonzero))

    def naive(p):
        with np.errstate(divide="ignore", invalid="ignore"):
            return -np.sum(p * np.log(p))

    verdict = exercise.run(naive)
    assert verdict.status is Status.FAILED
    assert "returned nan" in verdict.message
    assert verdict.mistakes == ("0 log 0 computed as nan",)


def test_a_cell_that_calls_check_is_checked_once() -> None:
    from mlcourse.exercises.cells import run_cell

    source = ("import numpy as np\nfrom mlcourse.exercises import check\n\ndef mean(x):\n"
              "    return float(np.mean(x))\n\ncheck('test-mean')\n")
    assert run_cell(_mean_exercise(), source).message == "[test-mean] passed 2 of 2 checks."
