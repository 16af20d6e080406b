"""Test-session configuration shared by the whole repository.

nbval (the notebook regression tests) needs two adjustments to behave like Jupyter:

* it executes cells with ``store_history=False``, so a trailing ``;`` would not suppress a cell's
  value and execution counts would not advance; we execute with history, as Jupyter does;
* glued figures are stored as ``application/papermill.record/image/png``, which nbval would
  compare byte for byte; like every other image, they are not compared.
"""

from __future__ import annotations

from typing import Any

try:
    from nbval import kernel as _nbval_kernel
    from nbval import plugin as _nbval_plugin
except ImportError:  # nbval is a test dependency; the package itself does not need it
    _nbval_kernel = _nbval_plugin = None


if _nbval_kernel is not None:

    def _execute_with_history(self: Any, cell_input: str, allow_stdin: Any = None) -> str:
        return self.kc.execute(cell_input, store_history=True, allow_stdin=allow_stdin,
                               stop_on_error=False)

    _nbval_kernel.RunningKernel.execute_cell_input = _execute_with_history

    _original_init = _nbval_plugin.IPyNbFile.__init__

    def _init_skipping_glued_images(self: Any, *args: Any, **kwargs: Any) -> None:
        _original_init(self, *args, **kwargs)
        self.skip_compare = (*self.skip_compare, "application/papermill.record/image/png",
                             "application/papermill.record/image/svg+xml")

    _nbval_plugin.IPyNbFile.__init__ = _init_skipping_glued_images


def pytest_configure(config: Any) -> None:
    # Under pytest-xdist the workers share the cores: torch's thread pools in each would spin
    # against each other. Notebook kernels are processes of their own and keep torch's default.
    import os

    if os.environ.get("PYTEST_XDIST_WORKER"):
        import torch

        torch.set_num_threads(1)
