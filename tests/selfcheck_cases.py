"""What learners' answers can do to the self-check: one case per exercise, with its verdict.

``tests/test_selfcheck.py`` puts every case in a learner's copies and runs
``python -m mlcourse check``; ``tests/test_selfcheck_notebook.py`` runs the same cells in a
Jupyter kernel followed by ``check(...)``. Both must print the verdict phrases listed here.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from mlcourse.exercises import read_exercises, registry

from .exercises.ch04 import WRONG_ANSWERS as CH04_WRONG
from .notebook_files import CHAPTERS

SECONDS = 1  # the time limit the tests set (MLCOURSE_CHECK_SECONDS)
MEMORY_MB = 1024  # and the memory limit (MLCOURSE_CHECK_MEMORY_MB)
SOLUTIONS = {found.id: found.solution for path in CHAPTERS for found in read_exercises(path)}
STUBS = {found.id: found.stub for path in CHAPTERS for found in read_exercises(path)}


@dataclass(frozen=True)
class Case:
    """A learner's exercise cell, the table's text for it, and phrases of the full verdict."""

    exercise_id: str
    what: str
    cell: str
    summary: str
    phrases: tuple[str, ...] = ()
    hangs_the_kernel: bool = False  # the learner would press stop: the test interrupts it


def _with_body(exercise_id: str, body: str) -> str:
    """The book's solution with ``body`` run first inside the function."""
    solution = SOLUTIONS[exercise_id]
    head, _, rest = solution.partition("\ndef ")
    signature, _, tail = rest.partition(":\n")
    indented = "".join(f"    {line}\n" for line in body.splitlines())
    return f"{head}\ndef {signature}:\n{indented}{tail}"


_KNOWN = next(a for a in CH04_WRONG["gaussian-logsigma-nll"]
              if a.mistake == "dropped the constant (n/2) log(2 pi)")
NOT_RUN = "checks not run"


def _n(exercise_id: str) -> int:
    """How many checks the exercise has (each case stops before the first, or runs them all)."""
    return len(registry[exercise_id].checks)


def _all(verb: str, exercise_id: str) -> str:
    return f"{verb} {_n(exercise_id)} of {_n(exercise_id)} checks"


def cases(outside: Path) -> list[Case]:
    """Every case; ``outside`` is a path outside the learner's folder that must stay unwritten."""
    return [
        Case("likelihood-coin-sequence", "a top-level `while True: pass`",
             SOLUTIONS["likelihood-coin-sequence"] + "\nwhile True:\n    pass\n",
             f"timed out after {SECONDS} s; {_n('likelihood-coin-sequence')} {NOT_RUN}",
             ("did not finish within 1 s", "Is there a loop outside the function?"),
             hangs_the_kernel=True),
        Case("likelihood-gaussian-sample", "a loop inside try/except BaseException",
             _with_body("likelihood-gaussian-sample",
                        "while True:\n    try:\n        while True:\n            pass\n"
                        "    except BaseException:\n        pass"),
             f"timed out after {SECONDS} s; {_n('likelihood-gaussian-sample')} {NOT_RUN}",
             ("It was stopped in check 1", "catches every exception")),
        Case("likelihood-grid-mle", "sum(range(10**10)), which no alarm can interrupt",
             _with_body("likelihood-grid-mle", "sum(range(10**10))"),
             f"timed out after {SECONDS} s; {_n('likelihood-grid-mle')} {NOT_RUN}",
             ("It was stopped in check 1",)),
        Case("likelihood-integral", "os._exit(1)",
             _with_body("likelihood-integral", "import os\nos._exit(1)"),
             f"your code exited (status 1); {_n('likelihood-integral')} {NOT_RUN}",
             ("Does it call os._exit()?",)),
        Case("logtrick-bernoulli-loglik", "raise KeyboardInterrupt",
             _with_body("logtrick-bernoulli-loglik", "raise KeyboardInterrupt"),
             f"raises KeyboardInterrupt; {_n('logtrick-bernoulli-loglik')} {NOT_RUN}",
             ("it does not end the program",)),
        Case("logtrick-mean-nll", "sys.exit(3)",
             _with_body("logtrick-mean-nll", "import sys\nsys.exit(3)"),
             f"calls sys.exit(3); {_n('logtrick-mean-nll')} {NOT_RUN}",
             ("(in your code, line", "sys.exit(3)")),
        Case("logtrick-logsumexp", "input()",
             _with_body("logtrick-logsumexp", "input('a number: ')"),
             _all("failed", "logtrick-logsumexp"),
             ("input() waits for the keyboard, and a check has none",)),
        Case("logtrick-log1mexp", "printing 10 MB",
             _with_body("logtrick-log1mexp", "print('x' * 10_000_000)"),
             _all("passed", "logtrick-log1mexp"),
             ("Your code printed", "0,000,0", "| xxxxxxxx")),
        Case("coin-score", "300 prints",
             _with_body("coin-score", "for i in range(300):\n    print('step', i)"),
             _all("passed", "coin-score"),
             ("the first 8:", "| step 0", "| step 7", "more lines not shown")),
        Case("coin-observed-information", "a cell that rebinds np.exp",
             "import numpy as np\n\nnp.exp = lambda x: 0 * x\n\n"
             + STUBS["coin-observed-information"],
             "not attempted yet", ("still raises NotImplementedError",)),
        Case("coin-standard-error", "a syntax error",
             SOLUTIONS["coin-standard-error"].replace("):\n", ":\n", 1),
             "syntax error on line", ("SyntaxError", "^")),
        Case("coin-gradient-ascent", "a correct answer that uses np.exp, after the rebinding",
             SOLUTIONS["coin-gradient-ascent"], _all("passed", "coin-gradient-ascent")),
        Case("coin-pooled-mle", "a write outside the learner's folder",
             _with_body("coin-pooled-mle",
                        f"try:\n    open({str(outside)!r}, 'w').write('x')\n"
                        "except OSError:\n    pass"),
             "tried to write outside my-work/",
             ("Your code tried to write outside your folder", str(outside))),
        Case("gaussian-variance-mle", "the notebook's np, not imported in the cell",
             SOLUTIONS["gaussian-variance-mle"].replace("import numpy as np\n", ""),
             _all("failed", "gaussian-variance-mle"),
             ("raised NameError: name 'np' is not defined",
              "An exercise cell sees only what it imports")),
        Case("gaussian-logsigma-nll", "a known mistake: the 2 pi constant dropped",
             _KNOWN.source, "failed",
             (f"This matches a known mistake: {_KNOWN.mistake}.", "Hint:")),
        Case("kl-entropy", "more memory than allowed",
             _with_body("kl-entropy", "block = bytearray(4 * 1024 * 2**20)"),
             f"ran out of memory; {_n('kl-entropy')} {NOT_RUN}",
             ("It needs more memory than a check allows.",)),
        Case("kl-gaussian", "sys.exit() at the end of the cell",
             "import sys\n" + SOLUTIONS["kl-gaussian"] + "\nsys.exit()\n",
             f"the cell calls sys.exit(); {_n('kl-gaussian')} {NOT_RUN}",
             ("The exercise cell stops on line", "sys.exit()")),
    ]
