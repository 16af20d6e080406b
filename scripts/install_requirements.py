"""Install requirements.txt into this Python's environment, fast on a machine with few cores.

pip installs one package after another, and the per-package work (unpacking, writing the
files, compiling them to bytecode) keeps one core busy. The pinned packages are installed first
by as many pip processes as there are cores, each with a share of the pins and no dependency
resolution (the pins are a complete, consistent set); then one ordinary `pip install -r` resolves
what is left: the editable course package and the few unpinned build tools. Should a parallel
share fail, that last pass installs what it missed, so the result is the same as a plain install.

Usage: python scripts/install_requirements.py [requirements.txt]
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PIN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*(\[[^\]]*\])?==\S+$")
PIP = [sys.executable, "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]


def pins(requirements: Path) -> list[str]:
    """The lines of a requirements file that pin one package to one version."""
    lines = (line.split("#")[0].strip() for line in requirements.read_text().splitlines())
    return [line for line in lines if PIN.match(line)]


def install(requirements: Path, workers: int) -> int:
    started = time.monotonic()
    pinned = pins(requirements)
    if workers > 1 and len(pinned) > 1:
        with tempfile.TemporaryDirectory() as scratch:
            processes = []
            for share in range(workers):
                part = Path(scratch, f"share{share}.txt")
                part.write_text("\n".join(pinned[share::workers]) + "\n")
                processes.append(subprocess.Popen([*PIP, "--no-deps", "-r", str(part)]))
            failed = sum(process.wait() != 0 for process in processes)
        if failed:
            print(f"install_requirements: {failed} of {workers} parallel shares failed; the "
                  "plain install below completes them", file=sys.stderr)
    result = subprocess.run([*PIP, "-r", str(requirements)], check=False).returncode
    print(f"Installed {requirements} in {time.monotonic() - started:.0f} s "
          f"({workers} pip processes, then one resolving pass).")
    return result


if __name__ == "__main__":
    path = Path(sys.argv[1] if len(sys.argv) > 1 else "requirements.txt")
    sys.exit(install(path, max(1, min(4, os.cpu_count() or 1))))
