"""Re-execute notebooks in place, the way CI expects them: fresh kernel, top to bottom, once.

Usage::

    python scripts/execute_notebook.py book/01-likelihood-vs-probability.ipynb [...]

(or ``make execute NB=book/01-likelihood-vs-probability.ipynb``). The kernel is this Python
(the course's virtual environment), the working directory is the notebook's folder, and cells
run with history as in Jupyter. Cell ids are kept, timing metadata is not recorded, and the
notebook is written back only if every cell ran without an unexpected error.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbval.plugin import coalesce_streams


def execute(path: Path, timeout: int) -> None:
    notebook = nbformat.read(path, as_version=4)
    client = NotebookClient(
        notebook,
        timeout=timeout,
        kernel_name="python3",
        resources={"metadata": {"path": str(path.parent)}},
        record_timing=False,
        allow_errors=False,  # cells tagged raises-exception may still raise
    )
    # Run the kernel on this interpreter, whatever kernelspec is installed where.
    client.kernel_manager_class = _current_env_kernel_manager()
    client.execute()
    for cell in notebook.cells:
        cell.metadata.pop("execution", None)
        if cell.cell_type == "code":
            # How a cell's printing is split into chunks depends on timing: merge them.
            cell.outputs = coalesce_streams(cell.outputs)
    notebook.metadata["kernelspec"] = {"display_name": "Python 3 (ipykernel)",
                                       "language": "python", "name": "python3"}
    nbformat.validate(notebook)
    nbformat.write(notebook, path)


def _current_env_kernel_manager() -> type:
    from jupyter_client.manager import AsyncKernelManager

    class CurrentEnvKernelManager(AsyncKernelManager):
        def format_kernel_cmd(self, extra_arguments: list[str] | None = None) -> list[str]:
            return [sys.executable, "-m", "ipykernel_launcher", "-f", self.connection_file]

    return CurrentEnvKernelManager


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("notebooks", nargs="+", type=Path)
    parser.add_argument("--timeout", type=int, default=300, help="seconds per cell")
    args = parser.parse_args()
    for path in args.notebooks:
        print(f"executing {path}", flush=True)
        execute(path, args.timeout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
