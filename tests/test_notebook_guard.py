"""What nbval lets through: never-run cells, runs out of order, stderr, stray errors, and outputs
that would not reproduce. Each committed notebook must look as if it had just been run once, top
to bottom, in a fresh kernel."""

from __future__ import annotations

import json
import re

import nbformat
import pytest

from .notebook_files import CHAPTERS, cells, code_cells, source

LONG_FLOAT = re.compile(r"\d\.\d{10,}")
# A number in scientific notation: its size decides whether it can be rounding noise.
SCIENTIFIC = re.compile(r"(?<![\w.])[-+]?\d+(?:\.\d+)?[eE][-+]?\d+\b")
ROUNDING_LEVEL = 1e-12
OUTPUT_COLUMNS = 80


def _texts(output: dict) -> list[str]:
    """Every text a reader (or the prose, through glue) sees from one output."""
    if output["output_type"] == "stream":
        return [output["text"] if isinstance(output["text"], str) else "".join(output["text"])]
    if output["output_type"] == "error":
        return [f"{output['ename']}: {output['evalue']}"]
    data = output.get("data", {})
    return ["".join(v) if isinstance(v, list) else v for k, v in data.items()
            if isinstance(v, (str, list)) and ("text" in k or k.endswith("json"))]


def _tiny_values_reason(cell: dict) -> str:
    """Why a cell may print numbers below 1e-12: the reason in metadata.mlcourse.tiny_values."""
    return cell.get("metadata", {}).get("mlcourse", {}).get("tiny_values", "")


def rounding_level_numbers(text: str) -> list[str]:
    """Numbers in scientific notation smaller than 1e-12 in size, zero included.

    Printed as differences, residuals or errors, their digits are decided by rounding, which
    differs between CPUs (BLAS kernels, SIMD loops): 4.4e-16 on one machine is 6.7e-16 or
    0.0e+00 on another. A cell that prints such a number because it *is* the point (the
    smallest float64, an underflowing probability) says why in its metadata.
    """
    return [m.group() for m in SCIENTIFIC.finditer(text)
            if abs(float(m.group())) < ROUNDING_LEVEL]


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.name)
def test_notebook_is_valid(path) -> None:
    notebook = nbformat.read(path, as_version=4)
    nbformat.validate(notebook)
    assert notebook.metadata.get("kernelspec", {}).get("name") == "python3"
    assert "widgets" not in notebook.metadata


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.name)
def test_executed_once_in_order(path) -> None:
    counts = [cell.get("execution_count") for cell in code_cells(path)]
    assert None not in counts, f"{counts.count(None)} code cells were never executed"
    assert counts == list(range(1, len(counts) + 1)), (
        f"execution counts {counts}: run the notebook top to bottom in a fresh kernel "
        "(make execute NB=...)")


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.name)
def test_no_stderr_and_no_unexpected_errors(path) -> None:
    for number, cell in enumerate(code_cells(path), start=1):
        expected_error = "raises-exception" in cell.get("metadata", {}).get("tags", [])
        kinds = [output["output_type"] for output in cell.get("outputs", [])]
        streams = [output.get("name") for output in cell.get("outputs", [])
                   if output["output_type"] == "stream"]
        assert "stderr" not in streams, f"code cell {number} wrote to stderr (a warning?)"
        if expected_error:
            assert "error" in kinds, f"code cell {number} is tagged raises-exception but did not"
        else:
            assert "error" not in kinds, f"code cell {number} raised an error"


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.name)
def test_starts_with_the_course_setup(path) -> None:
    first = source(code_cells(path)[0])
    assert re.search(r"^import mlcourse\b", first, re.MULTILINE), "import mlcourse first"
    assert re.search(r"^rng = mlcourse\.setup\(", first, re.MULTILINE), (
        "the first code cell calls rng = mlcourse.setup()")


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.name)
def test_outputs_reproduce(path) -> None:
    for number, cell in enumerate(code_cells(path), start=1):
        for output in cell.get("outputs", []):
            for text in _texts(output):
                assert not LONG_FLOAT.search(text), (
                    f"code cell {number} prints a full-precision float "
                    f"({LONG_FLOAT.search(text).group()}): format it with fewer digits")
                assert "np.float64(" not in text and "np.float32(" not in text, (
                    f"code cell {number} shows a numpy scalar repr; print a formatted number")


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.name)
def test_no_rounding_level_numbers(path) -> None:
    """Outputs print bounds and verdicts, not the digits rounding decides (see CONTRIBUTING)."""
    for number, cell in enumerate(code_cells(path), start=1):
        reason = _tiny_values_reason(cell)
        if reason:
            assert len(reason) >= 20, (
                f"code cell {number}: metadata mlcourse.tiny_values must give the reason")
            continue
        for output in cell.get("outputs", []):
            for text in _texts(output):
                tiny = rounding_level_numbers(text)
                assert not tiny, (
                    f"code cell {number} prints {', '.join(tiny[:3])}: a difference at rounding "
                    "level differs between CPUs; print a bound, e.g. mlcourse.within(d, 1e-12), "
                    "or give the reason in metadata mlcourse.tiny_values if the value is exact")


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.name)
def test_outputs_fit_the_page(path) -> None:
    """The book's output boxes show 80 characters; longer lines are cut off."""
    for number, cell in enumerate(code_cells(path), start=1):
        for output in cell.get("outputs", []):
            if output.get("metadata", {}).get("scrapbook"):
                continue  # a glued value is quoted in the prose, not shown as output
            for text in _texts(output):
                for line in text.splitlines():
                    assert len(line) <= OUTPUT_COLUMNS, (
                        f"code cell {number} prints a line of {len(line)} characters: "
                        f"{line[:60]}...")


@pytest.mark.parametrize("text, expected", [
    ("difference 4.4e-16", ["4.4e-16"]),
    ("E[score] = 0.0e+00", ["0.0e+00"]),
    ("agree to within 1e-12", []),
    ("tiny 2.225e-308 and -1e-20", ["2.225e-308", "-1e-20"]),
    ("residual 6.3e-11, size 640x480, id a1e-20b", []),
])
def test_rounding_level_pattern(text, expected) -> None:
    assert rounding_level_numbers(text) == expected


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.name)
def test_figures_are_captioned_and_described(path) -> None:
    for number, cell in enumerate(code_cells(path), start=1):
        images = [o for o in cell.get("outputs", []) if "image/png" in o.get("data", {})]
        if not images:
            continue
        assert len(images) == 1, f"code cell {number} shows {len(images)} figures; one per cell"
        assert source(cell).rstrip().endswith("plt.show()"), (
            f"code cell {number} draws a figure: end it with plt.show()")
        meta = cell.get("metadata", {}).get("mystnb", {})
        figure, image = meta.get("figure", {}), meta.get("image", {})
        assert figure.get("name", "").startswith("fig-"), (
            f"code cell {number}: metadata mystnb.figure.name must be a fig-... label")
        assert len(figure.get("caption", "")) >= 20, f"code cell {number}: write a caption"
        assert len(image.get("alt", "")) >= 20, f"code cell {number}: write alt text"


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.name)
def test_code_fits_the_page(path) -> None:
    """The book's code boxes show 80 characters; longer lines scroll out of sight."""
    for number, cell in enumerate(code_cells(path), start=1):
        for line in source(cell).splitlines():
            assert len(line) <= 80, f"code cell {number} has a line of {len(line)} characters"


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.name)
def test_code_in_the_text_fits_the_page(path) -> None:
    """Code blocks in markdown (the folded solutions) obey the same 80 columns."""
    fence = re.compile(r"^(`{3,})python\s*\n(.*?)^\1", re.MULTILINE | re.DOTALL)
    for cell in cells(path):
        if cell["cell_type"] != "markdown":
            continue
        for block in fence.finditer(source(cell)):
            for line in block.group(2).splitlines():
                assert len(line) <= 80, f"a code block has a line of {len(line)}: {line[:50]}"


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.name)
def test_notebook_is_small(path) -> None:
    size = path.stat().st_size
    assert size < 1_500_000, f"{path.name} is {size} bytes; lower the figure resolution"
    json.loads(path.read_text(encoding="utf-8"))  # and is plain JSON
