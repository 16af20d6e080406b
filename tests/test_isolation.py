"""The checker's helper process learns which libraries its children load, and imports them, so
that the next child inherits them instead of paying for the import inside the learner's time."""

from __future__ import annotations

import subprocess
import sys
import sysconfig
import types
from pathlib import Path

import pytest

from mlcourse.exercises import isolation

SITE_PACKAGES = Path(sysconfig.get_paths()["purelib"])


@pytest.fixture
def fake_modules():
    """Modules put into sys.modules by hand, removed afterwards."""
    added: list[str] = []

    def add(name: str, file: Path | None) -> None:
        module = types.ModuleType(name)
        if file is not None:
            module.__file__ = str(file)
        sys.modules[name] = module
        added.append(name)

    yield add
    for name in added:
        sys.modules.pop(name, None)


def test_reports_the_installed_library_modules_a_child_loaded(tmp_path: Path,
                                                               fake_modules) -> None:
    inherited = set(sys.modules)
    fake_modules("sympy._loaded_by_a_check", SITE_PACKAGES / "sympy" / "x.py")
    fake_modules("torch._loaded_by_a_check", SITE_PACKAGES / "torch" / "y.py")
    fake_modules("scipy._without_a_file", None)
    fake_modules("mylearnerhelpers", tmp_path / "mylearnerhelpers.py")
    fake_modules("numpy._not_a_warm_package", SITE_PACKAGES / "numpy" / "z.py")
    fake_modules("torch._shadowed_in_the_learner_folder", tmp_path / "torch" / "z.py")

    loaded = isolation._loaded_libraries(inherited)

    assert loaded == ["sympy._loaded_by_a_check", "torch._loaded_by_a_check"]


def test_nothing_is_reported_when_nothing_new_was_loaded() -> None:
    assert isolation._loaded_libraries(set(sys.modules)) == []


def test_warm_up_imports_library_modules_only(monkeypatch) -> None:
    imported: list[str] = []
    monkeypatch.setattr(isolation.importlib, "import_module", imported.append)
    absent = "scipy._not_imported_here_yet"
    isolation._warm_up([absent, "os", "mylearnerhelpers", "numpy.linalg", "torch"])
    assert imported == [absent] + (["torch"] if "torch" not in sys.modules else [])


def test_a_first_fit_reports_what_torch_loads_lazily() -> None:
    """torch.func imports torch.fx's symbolic shapes (and sympy) on its first call: in a fresh
    process, as in a child, a fit by the engine reports them, so that the helper imports them."""
    code = (
        "import sys, numpy as np\n"
        "import torch, scipy.optimize, scipy.special, scipy.stats\n"
        "from mlcourse.exercises import isolation\n"
        "from mlcourse.calibration import fit_temperature\n"
        "before = set(sys.modules)\n"
        "rng = np.random.default_rng(0)\n"
        "z = rng.normal(size=(50, 3)); y = z.argmax(axis=1); y[:15] = rng.integers(0, 3, 15)\n"
        "fit_temperature(z, y)\n"
        "print('\\n'.join(isolation._loaded_libraries(before)))\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout.split()
    assert "torch.fx.experimental.symbolic_shapes" in out
    assert all(name.partition(".")[0] in isolation.WARM_PACKAGES for name in out)
