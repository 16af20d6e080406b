"""Checking an exercise in a process of its own, so that nothing an answer does can break the check.

The process model
-----------------
A *checker* is one helper process (``python -m mlcourse.exercises.isolation``) that imports the
course's exercises once and then serves jobs, one JSON line each, on its stdin. For each job it
forks a fresh child, which

* closes stdin (``input()`` raises :class:`~mlcourse.exercises.framework.NoKeyboard`),
* captures what the learner's code prints (the verdict shows the first lines, and counts the rest),
* limits its address space (``resource.RLIMIT_AS``) and the size of the files it writes,
* blocks and reports any write outside the learner's folder (an audit hook),
* runs the exercise cell and the checks (:func:`mlcourse.exercises.cells.run_cell`), reporting
  each stage on a progress file, and writes the verdict there.

The helper waits on the child with a wall-clock limit per stage (the cell, then each check): a
stage that runs longer than the exercise's limit is killed (``SIGKILL``: no ``while True`` and no
``except BaseException`` can stop that), and the verdict says which check was running. A child that
dies (``os._exit``, a crash) is reported as such. The helper itself never runs learner code, so a
cell that rebinds ``np.exp`` changes nothing for the next exercise.

``check(...)`` in a notebook and ``python -m mlcourse check`` both send their jobs here, with the
same cell source, so they print the same verdict.
"""

from __future__ import annotations

import atexit
import builtins
import contextlib
import functools
import importlib
import inspect
import io
import json
import os
import re
import resource
import shutil
import signal
import site
import subprocess
import sys
import sysconfig
import tempfile
import threading
import time
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any

from . import framework
from .framework import Exercise, NoKeyboard, Status, Verdict, plural, registry

__all__ = ["Checker", "Job", "Limits", "run_isolated", "shared_checker"]

SECONDS_VARIABLE = "MLCOURSE_CHECK_SECONDS"  # caps every exercise's time limit (tests use 1 s)
MEMORY_VARIABLE = "MLCOURSE_CHECK_MEMORY_MB"
SHOWN_LINES = 8  # of what the learner's code printed
SHOWN_WIDTH = 74
KEPT_CHARS = 20_000  # what the child keeps of the printed text; the rest is only counted
FILE_LIMIT = 256 * 2**20  # no file the child writes grows beyond this
# A stage (the cell, or one check, which also runs the course's own reference code) is killed
# once it has run SLACK times the limit plus GRACE: the per-call alarm speaks first when it can,
# and a loaded machine does not turn a correct answer into a time-out.
SLACK = 1.5
GRACE = 0.5
START_SECONDS = 20.0  # for the child to start (fork and set up)
# Libraries a check may import (torch takes seconds): the helper imports those that the module
# of an exercise's checks imports before its first child, so that the children inherit them.
WARM_MODULES = ("torch", "scipy.stats", "scipy.integrate", "scipy.optimize", "scipy.special")
# After each child, the helper imports the installed modules of these packages that the child
# loaded (never a learner's module): torch.func loads sympy through torch.fx on its first call,
# which would cost every child a second. Only imported, never run: a helper that ran torch
# could not fork safely (OpenMP).
WARM_PACKAGES = ("torch", "scipy", "sympy", "mpmath")


@dataclass(frozen=True)
class Limits:
    """The limits of one check.

    Attributes
    ----------
    seconds : float or None
        Caps each exercise's own time limit (per call, the cell, and each check); None keeps it.
        Set by the environment variable ``MLCOURSE_CHECK_SECONDS``.
    memory_mb : int
        Memory the learner's code may use beyond what the checker has (``RLIMIT_AS``).
    """

    seconds: float | None = None
    memory_mb: int = 2048

    @classmethod
    def from_environment(cls) -> Limits:
        seconds = os.environ.get(SECONDS_VARIABLE)
        memory = os.environ.get(MEMORY_VARIABLE)
        return cls(seconds=float(seconds) if seconds else None,
                   memory_mb=int(memory) if memory else cls.memory_mb)


@dataclass(frozen=True)
class Job:
    """One exercise cell to check, and where it may write."""

    exercise_id: str
    source: str
    folder: str  # the learner's folder: the working directory and the only writable place
    label: str  # how the folder is named in messages (``my-work``)
    seconds: float
    memory_mb: int
    seed: int | None = None  # of the checks' inputs (framework.run_seed); None: the id alone


# --------------------------------------------------------------------------- the child


class _Printed(io.TextIOBase):
    """``sys.stdout`` and ``sys.stderr`` of the child: keeps the start, counts the rest."""

    def __init__(self, path: str) -> None:
        self.kept: list[str] = []
        self.size = 0
        self.characters = 0
        self.lines = 0
        self._file = open(path, "w", encoding="utf-8", errors="replace")  # noqa: SIM115

    def writable(self) -> bool:
        return True

    def write(self, text: Any) -> int:
        text = str(text)
        self.characters += len(text)
        self.lines += text.count("\n")
        if self.size < KEPT_CHARS:
            piece = text[:KEPT_CHARS - self.size]
            self.kept.append(piece)
            self.size += len(piece)
            self._file.write(piece)  # read back if the child is killed
            self._file.flush()
        return len(text)

    def text(self) -> str:
        return "".join(self.kept)


class _NoStdin(io.TextIOBase):
    def readable(self) -> bool:
        return True

    def read(self, size: int | None = -1) -> str:
        raise NoKeyboard

    def readline(self, size: int | None = -1) -> str:  # type: ignore[override]
        raise NoKeyboard


def _no_input(prompt: Any = "") -> str:
    raise NoKeyboard


_WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_APPEND | os.O_TRUNC
_PATH_EVENTS = {  # audit event -> the positions of the paths it writes
    "os.remove": (0,), "os.rmdir": (0,), "os.mkdir": (0,), "os.rename": (0, 1),
    "os.truncate": (0,), "os.symlink": (1,), "os.link": (1,), "os.chmod": (0,),
    "shutil.rmtree": (0,), "os.utime": (0,), "os.chown": (0,),
}


def _guard_writes(folder: str, blocked: list[str]) -> None:
    """An audit hook that refuses (and records) any write outside ``folder``."""
    allowed = os.path.realpath(folder)
    # torch.func (vmap, grad) creates torch's compile cache on first use: the library's doing.
    torch_cache = os.path.join(os.path.realpath(tempfile.gettempdir()), "torchinductor_")

    def inside(path: Any) -> bool:
        if isinstance(path, int) or path is None:
            return True  # an open file descriptor: already checked when it was opened
        name = os.path.realpath(os.fsdecode(path))
        if name.endswith(".pyc") or "__pycache__" in name or name.startswith(torch_cache):
            return True  # Python caching an import, not the learner's doing
        return name == allowed or name.startswith(allowed + os.sep)

    def hook(event: str, args: tuple) -> None:
        if event == "open":
            paths = [args[0]] if len(args) > 2 and args[2] & _WRITE_FLAGS else []
        elif event in _PATH_EVENTS:
            paths = [args[i] for i in _PATH_EVENTS[event] if i < len(args)]
        else:
            return
        for path in paths:
            if not inside(path):
                name = os.fsdecode(path)
                if name not in blocked:
                    blocked.append(name)
                raise PermissionError(f"an exercise may only write inside {folder}: {name}")

    sys.addaudithook(hook)


def _die_with_parent() -> None:
    """On Linux, have the kernel kill this child if the process that watches it dies."""
    with contextlib.suppress(Exception):
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG


def _child(job: Job, progress_path: str, printed_path: str) -> None:
    """The forked child: set the limits, run the cell and its checks, report. Never returns."""
    from .cells import run_cell

    progress = open(progress_path, "w", buffering=1, encoding="utf-8")  # noqa: SIM115
    _die_with_parent()

    def report(**event: Any) -> None:
        progress.write(json.dumps(event) + "\n")

    null = os.open(os.devnull, os.O_RDWR)
    for fd in (0, 1, 2):
        os.dup2(null, fd)  # nothing reaches the checker's pipes, nothing is read from them
    printed = _Printed(printed_path)
    sys.stdin, sys.stdout, sys.stderr = _NoStdin(), printed, printed
    builtins.input = _no_input
    signal.signal(signal.SIGINT, signal.default_int_handler)
    with contextlib.suppress(ValueError, OSError):
        resource.setrlimit(resource.RLIMIT_FSIZE, (FILE_LIMIT, FILE_LIMIT))
    with contextlib.suppress(ValueError, OSError, IndexError):
        pages = int(Path("/proc/self/statm").read_text().split()[0])
        limit = pages * os.sysconf("SC_PAGE_SIZE") + job.memory_mb * 2**20
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    os.chdir(job.folder)
    blocked: list[str] = []
    _guard_writes(job.folder, blocked)
    exercise = replace(registry[job.exercise_id], seconds=job.seconds)
    framework._seed = job.seed
    _one_thread()
    inherited = set(sys.modules)
    try:
        verdict = run_cell(exercise, job.source,
                           lambda number, description: report(stage=number, what=description))
        report(verdict=_to_dict(verdict), printed=printed.text(),
               characters=printed.characters, lines=printed.lines, blocked=blocked,
               warm=_loaded_libraries(inherited))
    except BaseException as error:  # a bug here must still end in a verdict
        report(crash=f"{type(error).__name__}: {error}", printed=printed.text(),
               characters=printed.characters, lines=printed.lines, blocked=blocked)
    progress.flush()
    os._exit(0)  # no atexit handler or thread of the learner's runs after this


# --------------------------------------------------------------------------- the helper


def _one_thread() -> None:
    """Run the check on one thread. Checks are small, and test runners run several at once:
    torch's and OpenBLAS's thread pools would then spin against each other on too few cores
    (measured: the chapter 12 checks ran three times slower on 2 cores with two at once)."""
    for variable in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ[variable] = "1"  # for a library the check imports itself
    torch = sys.modules.get("torch")
    if torch is not None:
        torch.set_num_threads(1)


def _to_dict(verdict: Verdict) -> dict[str, Any]:
    data = asdict(verdict)
    data["status"] = verdict.status.value
    return data


def _from_dict(data: dict[str, Any]) -> Verdict:
    return Verdict(**{**data, "status": Status(data["status"]),
                      "mistakes": tuple(data["mistakes"])})


def _read_events(path: str) -> list[dict[str, Any]]:
    events = []
    with contextlib.suppress(OSError):
        for line in Path(path).read_text(encoding="utf-8", errors="replace").splitlines():
            with contextlib.suppress(ValueError):
                events.append(json.loads(line))
    return events


def _signal_name(number: int) -> str:
    try:
        return signal.Signals(number).name
    except ValueError:
        return f"signal {number}"


def _printed_section(text: str, characters: int, lines: int) -> str:
    if not characters:
        return ""
    shown = text.splitlines()[:SHOWN_LINES]
    total = max(lines, len(shown))
    head = (f"Your code printed {plural(total, 'line')} ({characters:,} characters)"
            + (f"; the first {len(shown)}:" if total > len(shown) else ":"))
    body = [("  | " + line[:SHOWN_WIDTH] + (" ..." if len(line) > SHOWN_WIDTH else ""))
            for line in shown]
    if total > len(shown):
        body.append(f"  ({plural(total - len(shown), 'more line')} not shown)")
    return "\n".join([head, *body])


def _unfinished(job: Job, events: list[dict[str, Any]], cause: str, explanation: str) -> Verdict:
    """The verdict for a child that was killed or ended without a verdict."""
    exercise = registry[job.exercise_id]
    stages = [e for e in events if "stage" in e]
    stage = stages[-1] if stages else {"stage": 0, "what": "the exercise cell"}
    number = int(stage["stage"])
    total = len(exercise.checks)
    not_run = total - max(number, 1) + 1
    where = "the exercise cell" if number == 0 else f"check {number} ({stage['what']})"
    return exercise.failed(f"{cause}; {plural(not_run, 'check')} not run",
                           f"It was stopped in {where}. {explanation}")


def _finish(job: Job, events: list[dict[str, Any]], status: int | None, timed_out: bool,
            printed_path: str) -> Verdict:
    exercise = registry[job.exercise_id]
    final = next((e for e in reversed(events) if "verdict" in e or "crash" in e), None)
    if timed_out:
        verdict = _unfinished(
            job, events, f"timed out after {job.seconds:g} s",
            f"It ran past the limit of {job.seconds:g} s. Is there a loop that never ends (perhaps "
            "one that catches every exception), or a large computation that numpy could do at "
            "once?")
    elif final is not None and "verdict" in final:
        verdict = _from_dict(final["verdict"])
    elif final is not None:
        verdict = exercise.failed("could not be checked",
                                  f"The check itself failed: {final['crash']}. Please report "
                                  "this.")
    elif status is not None and os.WIFSIGNALED(status):
        name = _signal_name(os.WTERMSIG(status))
        why = {"SIGXFSZ": f"It wrote a file larger than {FILE_LIMIT // 2**20} MB."}.get(
            name, "Perhaps it needed more memory than a check allows "
                  f"({job.memory_mb} MB), or C code crashed.")
        verdict = _unfinished(job, events, f"your code was killed by {name}", why)
    else:
        code = os.WEXITSTATUS(status) if status is not None and os.WIFEXITED(status) else "?"
        verdict = _unfinished(job, events, f"your code exited (status {code})",
                              "Does it call os._exit()? A function returns its answer; it "
                              "does not end the program.")
    extra = []
    blocked = (final or {}).get("blocked", [])
    if blocked:
        headline = f"tried to write outside {job.label}/"
        before = verdict.message.removeprefix(f"[{job.exercise_id}] ")
        lines = [f"[{job.exercise_id}] {headline}.",
                 f"Your code tried to write outside your folder ({job.label}/), which a "
                 "check does not allow (nothing was written):"]
        lines += [f"  {name}" for name in blocked[:5]]
        verdict = replace(verdict, status=Status.FAILED, headline=headline,
                          message="\n".join(lines) + "\nApart from that: " + before)
    section = ""
    if final is not None:
        section = _printed_section(final.get("printed", ""), final.get("characters", 0),
                                   final.get("lines", 0))
    else:
        with contextlib.suppress(OSError):
            text = Path(printed_path).read_text(encoding="utf-8", errors="replace")
            section = _printed_section(text, len(text), text.count("\n"))
    if section:
        extra.append(section)
    if extra:
        verdict = replace(verdict, message=verdict.message + "\n" + "\n".join(extra))
    return verdict


def _run_job(job: Job) -> Verdict:
    exercise = registry.get(job.exercise_id)
    if exercise is None:
        known = ", ".join(sorted(registry))
        raise KeyError(f"no exercise {job.exercise_id!r}; the exercises are: {known}")
    if not hasattr(os, "fork"):  # Windows: the helper process is the only isolation there
        from .cells import run_cell

        return run_cell(replace(exercise, seconds=job.seconds), job.source)
    _warm_up(_needed_by(exercise))  # before the clock starts: the course's imports are not
    scratch = tempfile.mkdtemp(prefix="mlcourse-check-")  # the learner's time
    progress = os.path.join(scratch, "progress.jsonl")
    printed = os.path.join(scratch, "printed.txt")
    Path(progress).touch()
    warm: list[str] = []
    try:
        pid = os.fork()
        if pid == 0:  # pragma: no cover -- the child; coverage cannot follow it
            try:
                _child(job, progress, printed)
            finally:
                os._exit(70)
        try:
            status, timed_out = _watch(job, pid, progress)
        except BaseException:  # interrupted: the child must not outlive the check
            with contextlib.suppress(ProcessLookupError, ChildProcessError):
                os.kill(pid, signal.SIGKILL)
                os.waitpid(pid, 0)
            raise
        events = _read_events(progress)
        warm = next((e.get("warm", []) for e in events if "verdict" in e), [])
        return _finish(job, events, status, timed_out, printed)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
        _warm_up(warm)


def _watch(job: Job, pid: int, progress: str) -> tuple[int | None, bool]:
    """Wait for the child, killing it when a stage outlives its limit: (status, timed out)."""
    stage, started, seen = None, time.monotonic(), 0
    while True:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            return status, False
        events = _read_events(progress)
        stages = [e["stage"] for e in events if "stage" in e]
        if len(stages) != seen:
            seen, stage, started = len(stages), stages[-1], time.monotonic()
        finishing = any("verdict" in e or "crash" in e for e in events)
        # START_SECONDS while the child starts, and while it writes its verdict and ends.
        limit = START_SECONDS if stage is None or finishing else job.seconds * SLACK + GRACE
        if time.monotonic() - started > limit:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
            _, status = os.waitpid(pid, 0)
            return status, not finishing
        time.sleep(0.005 if time.monotonic() - started < 0.2 else 0.02)


@functools.cache
def _module_imports(module_name: str) -> tuple[str, ...]:
    module = sys.modules.get(module_name)
    try:
        text = inspect.getsource(module) if module is not None else ""
    except (OSError, TypeError):
        text = ""
    return tuple(name for name in WARM_MODULES
                 if re.search(rf"^\s*(import|from) {re.escape(name)}\b", text, re.MULTILINE))


def _needed_by(exercise: Exercise) -> list[str]:
    """The WARM_MODULES that the module defining the exercise's checks imports."""
    modules = {function.__module__ for _, function in exercise.checks}
    return sorted({name for module in modules for name in _module_imports(module)})


def _library_roots() -> tuple[str, ...]:
    """This Python's site-packages folders, resolved."""
    roots = {sysconfig.get_paths()[key] for key in ("purelib", "platlib")}
    with contextlib.suppress(AttributeError):  # site's functions are missing in some embeddings
        roots.update(site.getsitepackages())
        roots.add(site.getusersitepackages())
    return tuple(sorted({os.path.realpath(root) + os.sep for root in roots}))


_LIBRARY_ROOTS = _library_roots()


def _installed(path: str | None) -> bool:
    """Whether a module's file lies in this Python's installed packages (site-packages)."""
    return path is not None and os.path.realpath(path).startswith(_LIBRARY_ROOTS)


def _loaded_libraries(inherited: set[str]) -> list[str]:
    """The modules of WARM_PACKAGES, installed in site-packages, that this child loaded and did
    not inherit, in load order (a learner's own ``torch/`` folder does not qualify)."""
    return [name for name, module in list(sys.modules.items())
            if name not in inherited and name.partition(".")[0] in WARM_PACKAGES
            and _installed(getattr(module, "__file__", None))]


def _warm_up(names: list[str]) -> None:
    """Import in the helper the libraries its last child needed (see WARM_PACKAGES)."""
    for name in names:
        if name.partition(".")[0] in WARM_PACKAGES and name not in sys.modules:
            with contextlib.suppress(Exception):
                importlib.import_module(name)


def serve(requests: io.TextIOBase, replies: io.TextIOBase) -> None:
    """The helper's loop: a job (JSON) per line in, a verdict (JSON) per line out."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the client decides when to stop
    for line in requests:
        try:
            verdict = _run_job(Job(**json.loads(line)))
            reply: dict[str, Any] = {"verdict": _to_dict(verdict)}
        except Exception as error:  # report, keep serving
            reply = {"error": f"{type(error).__name__}: {error}"}
        replies.write(json.dumps(reply) + "\n")
        replies.flush()


# --------------------------------------------------------------------------- the client


class Checker:
    """A client of one helper process; started on the first job, restarted if it dies.

    ``local=True`` makes this process the helper: it forks the children itself. Only for a
    process that runs no thread and no learner code (``python -m mlcourse check``); a notebook's
    kernel has threads and the learner's variables, so it uses a helper process.
    """

    def __init__(self, *, local: bool = False) -> None:
        self._process: subprocess.Popen[str] | None = None
        self._lock = threading.Lock()
        self.local = local

    def start(self) -> subprocess.Popen[str]:
        """Start the helper process unless it is running."""
        if self._process is None or self._process.poll() is not None:
            self._process = subprocess.Popen(
                [sys.executable, "-m", "mlcourse.exercises.isolation"],
                stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                text=True, encoding="utf-8", bufsize=1, start_new_session=True)
        return self._process

    def close(self) -> None:
        """Stop the helper process (and any check it is running)."""
        process, self._process = self._process, None
        if process is not None and process.poll() is None:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(process.pid, signal.SIGKILL)  # the helper and its child
            process.wait()
        if process is not None:
            for stream in (process.stdin, process.stdout):
                with contextlib.suppress(OSError):
                    stream.close()  # type: ignore[union-attr]

    def run(self, job: Job) -> Verdict:
        """Check one job in a fresh child of the helper and return its verdict."""
        if self.local:
            return _run_job(job)
        with self._lock:
            for _attempt in range(2):  # a helper that died is restarted once
                process = self.start()
                try:
                    process.stdin.write(json.dumps(asdict(job)) + "\n")  # type: ignore[union-attr]
                    process.stdin.flush()  # type: ignore[union-attr]
                    line = process.stdout.readline()  # type: ignore[union-attr]
                except BrokenPipeError:
                    line = ""
                except BaseException:  # interrupted (the notebook's stop button): stop it all
                    self.close()
                    raise
                if line:
                    reply = json.loads(line)
                    if "verdict" in reply:
                        return _from_dict(reply["verdict"])
                    return registry[job.exercise_id].failed(
                        "could not be checked", f"The checker failed: {reply.get('error')}. "
                        "Please report this.")
                self.close()
        exercise = registry[job.exercise_id]
        return exercise.failed("could not be checked",
                               "The checking process stopped unexpectedly. Run the check again.")


_shared: Checker | None = None


def shared_checker() -> Checker:
    """The checker of this Python process (a notebook's kernel, a test run), started once."""
    global _shared
    if _shared is None:
        _shared = Checker()
        atexit.register(_shared.close)
    return _shared


def start_in_a_kernel() -> None:
    """In a Jupyter kernel, start the helper now, while the learner reads: the first check then
    does not wait for it to load the course."""
    shell_module = sys.modules.get("IPython")
    shell = shell_module.get_ipython() if shell_module is not None else None  # type: ignore
    if shell is not None and "ipykernel" in sys.modules:
        with contextlib.suppress(OSError):
            shared_checker().start()


def run_isolated(exercise_id: str, source: str, folder: str | os.PathLike[str] | None = None,
                 *, label: str | None = None, checker: Checker | None = None) -> Verdict:
    """Run an exercise cell and its checks in a process of their own; return the verdict.

    ``folder`` (default: the working directory) is the only place the cell may write.
    """
    exercise = registry[exercise_id]
    limits = Limits.from_environment()
    seconds = exercise.seconds if limits.seconds is None else min(exercise.seconds,
                                                                  limits.seconds)
    where = Path(folder if folder is not None else os.getcwd()).resolve()
    job = Job(exercise_id=exercise_id, source=source, folder=str(where),
              label=label or where.name or str(where), seconds=seconds,
              memory_mb=limits.memory_mb, seed=framework.run_seed())
    return (checker or shared_checker()).run(job)


if __name__ == "__main__":
    import mlcourse.exercises  # noqa: F401 -- registers every exercise, once, before any fork

    serve(sys.stdin, sys.stdout)
