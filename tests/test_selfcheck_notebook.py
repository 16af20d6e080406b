"""``check(...)`` in a real Jupyter kernel: every case of ``selfcheck_cases`` gets its verdict.

The learner's cells run in the kernel, as in JupyterLab, each followed by its check cell; a cell
that would hang the kernel is interrupted, as the learner would with the stop button.
"""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from mlcourse.exercises import check_source

from .selfcheck_cases import MEMORY_MB, SECONDS, Case, cases

SEED = 7  # the same inputs in the kernel and in check_source


def _text(cell: nbformat.NotebookNode) -> str:
    parts = []
    for output in cell.get("outputs", []):
        if output.get("output_type") == "stream":
            parts.append(output.get("text", ""))
        elif output.get("output_type") == "error":
            parts.append(f"{output.get('ename')}: {output.get('evalue')}")
    return "".join(parts)


def flat(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def ran(tmp_path_factory) -> tuple[list[Case], dict[str, str], dict[str, str], Path]:
    """One notebook with every case (exercise cell, then check cell), run in a kernel."""
    root = tmp_path_factory.mktemp("kernel")
    work = root / "my-work"
    work.mkdir()
    outside = root / "outside.txt"
    chosen = cases(outside)
    notebook = nbformat.v4.new_notebook()
    notebook.cells.append(nbformat.v4.new_code_cell(
        "import os\n"
        f"os.environ['MLCOURSE_CHECK_SECONDS'] = '{SECONDS}'\n"
        f"os.environ['MLCOURSE_CHECK_MEMORY_MB'] = '{MEMORY_MB}'\n"
        f"os.environ['MLCOURSE_SEED'] = '{SEED}'\n"
        "import numpy as np\n\nfrom mlcourse.exercises import check\n"))
    for case in chosen:
        exercise_cell = nbformat.v4.new_code_cell(case.cell)
        exercise_cell.metadata["hangs"] = case.hangs_the_kernel
        notebook.cells.append(exercise_cell)
        notebook.cells.append(nbformat.v4.new_code_cell(f'check("{case.exercise_id}")'))
    # The stub of gaussian-score was deleted: only its check cell is left.
    notebook.cells.append(nbformat.v4.new_code_cell('check("gaussian-score")'))
    client = NotebookClient(
        notebook, timeout=120, allow_errors=True, interrupt_on_timeout=True,
        kernel_name="python3", resources={"metadata": {"path": str(work)}},
        timeout_func=lambda cell: 2 if cell.metadata.get("hangs") else 120)
    client.execute()
    cells = notebook.cells[1:]
    exercise_out = {case.exercise_id: _text(cells[2 * i]) for i, case in enumerate(chosen)}
    check_out = {case.exercise_id: _text(cells[2 * i + 1]) for i, case in enumerate(chosen)}
    check_out["gaussian-score"] = _text(cells[-1])
    return chosen, exercise_out, check_out, work


def test_every_case_prints_its_verdict_in_the_notebook(ran) -> None:
    chosen, _, printed, work = ran
    outside = work.parent / "outside.txt"
    problems = []
    for case in chosen:
        text = printed[case.exercise_id]
        head = f"[{case.exercise_id}] {case.summary}"
        found = all(flat(p) in flat(text) for p in case.phrases)
        if not flat(text).startswith(flat(head)) or not found:
            problems.append(f"{case.what}: expected {head!r} and {case.phrases}; got:\n{text}")
        if re.search(r"SystemExit|KeyboardInterrupt:|Traceback", text):
            problems.append(f"{case.what}: a raw exception escaped check():\n{text}")
    assert not problems, "\n\n".join(problems)
    assert not outside.exists(), "the write outside the folder was not blocked"


def test_check_output_is_short_and_fits_80_columns(ran) -> None:
    _, _, printed, _ = ran
    for exercise_id, text in printed.items():
        assert max(map(len, text.splitlines()), default=0) <= 80, text
        assert len(text.splitlines()) <= 40, f"{exercise_id} printed {len(text.splitlines())}"


def test_a_deleted_exercise_cell_is_not_attempted(ran) -> None:
    _, _, printed, _ = ran
    assert printed["gaussian-score"].startswith(
        "[gaussian-score] not attempted yet.\nThere is no function named `gaussian_score`.")


def test_the_kernel_itself_shows_sys_exit_as_ipython_does(ran) -> None:
    """The exercise cell's own output is IPython's; the check after it is a verdict."""
    _, cell_out, printed, _ = ran
    assert "SystemExit" in cell_out["kl-gaussian"]
    assert printed["kl-gaussian"].startswith("[kl-gaussian] the cell calls sys.exit()")


def test_one_checker_one_verdict(ran, monkeypatch) -> None:
    """The notebook's check() prints exactly the verdict CI's check_source() (and so
    `python -m mlcourse check`, which calls the same function) gives for the same cell."""
    chosen, _, printed, work = ran
    monkeypatch.setenv("MLCOURSE_CHECK_SECONDS", str(SECONDS))
    monkeypatch.setenv("MLCOURSE_CHECK_MEMORY_MB", str(MEMORY_MB))
    monkeypatch.setenv("MLCOURSE_SEED", str(SEED))
    for case in chosen:
        if case.summary.startswith("timed out"):
            continue  # the same text, but each costs a second: the cases above cover them
        verdict = check_source(case.exercise_id, case.cell, work)
        assert printed[case.exercise_id] == f"{verdict}\n", case.what
