"""Confining trainee code while it is graded: each kernel in a sandbox, with limits.

A submission is untrusted input. ``pmo-lessons grade`` runs each one in a scratch folder holding
only its own files, with a kernel that is

- **limited** on every POSIX system: address space (``RLIMIT_AS``), CPU time (``RLIMIT_CPU``), the
  size of any file it writes (``RLIMIT_FSIZE``), no core dumps; wall time and output size are
  limited by the grader itself (see ``pmo_lessons.grading.preprocessors.SafeExecute``);
- **isolated** on Linux where bubblewrap (``bwrap``, Debian package ``bubblewrap``) can make
  namespaces: the kernel sees a read-only Python installation, the package ``pmo_lessons`` with
  its datasets, an empty read-only ``/tmp`` and its scratch folder, and nothing else: not the course
  (``solutions/``, hidden tests), not the workspace (gradebook, other trainees' work), not the
  home folders; it has no network (a new network namespace with only a loopback that is down),
  its own process tree, and at most ``processes`` processes and threads (``RLIMIT_NPROC`` counted
  inside its user namespace; when the grader runs as root, which that limit exempts, a ``pids``
  control group where one is writable).

Without bubblewrap (macOS, Windows, Linux without it or without user namespaces) the limits still
apply where the platform has them, and the kernel runs with the grader's own permissions: it could
read what the grader can read. :func:`isolation` says which case applies; the README's trainer
section lists them.

The kernel talks to the grader over Unix sockets in a private folder (ZeroMQ's ``ipc``
transport), the only channel that crosses the sandbox's wall.

>>> limits = Limits(memory_mb=512, cpu_seconds=60)
>>> limits.memory_mb, limits.processes
(512, 64)
>>> Limits(memory_mb=-1)
Traceback (most recent call last):
...
pmo_lessons.sandbox.SandboxError: memory_mb must be 0 (no limit) or a positive number, not -1
"""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass, fields
from pathlib import Path

from .errors import InputError

__all__ = ["Limits", "SandboxError", "isolation", "bwrap_command", "apply_limits", "readable_paths", "check_hidden",
           "ProcessGroup"]


class SandboxError(InputError):
    """A grading limit or the sandbox cannot be set up as asked."""


@dataclass(frozen=True)
class Limits:
    """What one submission may use. 0 means no limit.

    - ``memory_mb``: address space of the kernel process (MB);
    - ``cpu_seconds``: CPU time of the kernel over the whole notebook;
    - ``processes``: processes and threads in the sandbox;
    - ``file_mb``: the largest file the code may write (MB);
    - ``output_kb``: output kept per cell (kB); the rest is cut with a note;
    - ``budget_seconds``: wall time for the whole submission; cells not reached get an error.
    """

    memory_mb: int = 2048
    cpu_seconds: int = 600
    processes: int = 64
    file_mb: int = 64
    output_kb: int = 256
    budget_seconds: int = 600

    def __post_init__(self):
        for item in fields(self):
            value = getattr(self, item.name)
            if not isinstance(value, int) or isinstance(value, bool) or value < 0:
                raise SandboxError(f"{item.name} must be 0 (no limit) or a positive number, not {value!r}")


def apply_limits(limits):
    """Set the resource limits of the current process (call it in the kernel's process before exec).

    A limit of 0 leaves that resource alone; core dumps are always off.

    >>> apply_limits(Limits(memory_mb=0, cpu_seconds=0, file_mb=0))  # nothing but core dumps
    """
    try:
        import resource
    except ImportError:  # Windows: no POSIX limits
        return
    megabyte = 1024 * 1024
    wanted = {"RLIMIT_AS": limits.memory_mb * megabyte, "RLIMIT_CPU": limits.cpu_seconds,
              "RLIMIT_FSIZE": limits.file_mb * megabyte, "RLIMIT_CORE": 0}
    for name, value in wanted.items():
        which = getattr(resource, name, None)
        if which is None or (not value and name != "RLIMIT_CORE"):
            continue
        soft, hard = resource.getrlimit(which)
        if hard != resource.RLIM_INFINITY:
            value = min(value, hard)
        # CPU: SIGXCPU at the soft limit (the kernel dies, the grader says so), hard limit unchanged
        resource.setrlimit(which, (value, hard if name == "RLIMIT_CPU" else value))


@functools.lru_cache(maxsize=1)
def _bwrap():
    """The bubblewrap binary if it can make the namespaces we need here, else (None, why)."""
    if not sys.platform.startswith("linux"):
        return None, f"bubblewrap is Linux only (this is {sys.platform})"
    path = shutil.which("bwrap")
    if not path:
        return None, "bubblewrap (bwrap) is not installed: `sudo apt-get install bubblewrap`"
    probe = [path, "--unshare-all", "--die-with-parent", "--ro-bind", "/", "/", "--proc", "/proc",
             "--dev", "/dev", "true"]
    try:
        done = subprocess.run(probe, capture_output=True, text=True, timeout=20)
    except (OSError, subprocess.TimeoutExpired) as error:
        return None, f"bubblewrap cannot run here: {error}"
    if done.returncode:
        return None, ("bubblewrap cannot create namespaces here (user namespaces disabled?): "
                      + (done.stderr.strip().splitlines() or ["no message"])[-1])
    return path, ""


def isolation():
    """How submissions are confined on this machine, in one sentence; ``(sandboxed, text)``."""
    path, why = _bwrap()
    if path:
        return True, ("sandboxed with bubblewrap: each kernel sees only its scratch folder, the Python "
                      "installation and pmo_lessons' datasets; no network; limits on memory, CPU, "
                      "processes and file size")
    return False, (f"NOT sandboxed ({why}): limits on memory, CPU and file size where the platform has "
                   "them, but trainee code runs with the grader's permissions")


def readable_paths(course=None):
    """The read-only paths a sandboxed kernel needs: the Python installation and ``pmo_lessons``.

    Where ``pmo_lessons`` is installed in editable mode, its folder and the datasets are given
    one by one, never the course folder that holds them (it holds ``solutions/``).
    """
    import pmo_lessons

    package = Path(pmo_lessons.__file__).resolve().parent
    paths = {Path(sys.prefix).resolve(), Path(sys.base_prefix).resolve(), Path(sys.executable).resolve().parent}
    for entry in sys.path:
        if not entry or not Path(entry).is_dir():
            continue
        entry = Path(entry).resolve()
        if entry == package.parent and (entry / "pmo_lessons").is_dir() and entry != Path(sys.prefix).resolve():
            continue  # the editable install's source folder: the course; only its package is given
        paths.add(entry)
    paths.add(package)
    for datasets in (package / "datasets", package.parent / "datasets"):
        if datasets.is_dir():
            paths.add(datasets.resolve())
    system = [Path(p) for p in ("/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32")]
    kept = sorted(p for p in paths if not any(s == p or s in p.parents for s in system if not s.is_symlink()))
    # drop paths inside others
    return [p for p in kept if not any(o != p and o in p.parents for o in kept)]


def check_hidden(forbidden):
    """The read-only paths of :func:`readable_paths`, after checking that none of them shows one of
    the ``forbidden`` folders (the course's solutions/, the grading workspace) to trainee code.

    >>> import pmo_lessons, pathlib
    >>> check_hidden([pathlib.Path(pmo_lessons.__file__).parent])
    Traceback (most recent call last):
    ...
    pmo_lessons.sandbox.SandboxError: the sandbox would show ... to trainee code...
    """
    readable = readable_paths()
    for folder in forbidden:
        folder = Path(folder).resolve()
        for item in readable:
            if item == folder or item in folder.parents:
                raise SandboxError(f"the sandbox would show {folder} to trainee code, because it lies inside "
                                   f"{item}, which the kernel needs: move the course or workspace elsewhere")
    return readable


ETC_FILES = ("ld.so.cache", "ld.so.conf", "ld.so.conf.d", "localtime", "alternatives", "fonts",
             "passwd", "group", "nsswitch.conf", "mime.types")


def bwrap_command(argv, work, private, limits, env, forbidden=()):
    """``argv`` wrapped in bubblewrap: ``work`` read-write (the kernel's folder), ``private``
    read-write (its sockets and caches), the Python installation read-only, nothing else.

    ``forbidden`` are folders that must not be visible (the course's solutions/, the workspace):
    if a read-only path would expose one, :class:`SandboxError` is raised rather than grading.
    Returns ``None`` where bubblewrap cannot run (see :func:`isolation`).
    """
    path, _ = _bwrap()
    if not path:
        return None
    # no --new-session: jupyter_client already starts the kernel in a session of its own (no terminal)
    command = [path, "--unshare-all", "--die-with-parent", "--clearenv",
               "--proc", "/proc", "--dev", "/dev", "--tmpfs", "/tmp"]
    for top in ("/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32"):
        top_path = Path(top)
        if top_path.is_symlink():
            command += ["--symlink", os.readlink(top), top]
        elif top_path.is_dir():
            command += ["--ro-bind", top, top]
    for name in ETC_FILES:
        if Path("/etc", name).exists():
            command += ["--ro-bind", f"/etc/{name}", f"/etc/{name}"]
    readable = check_hidden(forbidden)
    for item in readable:
        command += ["--ro-bind", str(item), str(item)]
    for item in (work, private):
        command += ["--bind", str(item), str(item)]
    # writable: the scratch folder and its private folder only (temporary files go to TMPDIR there);
    # /tmp is read-only too, else the folders bwrap makes in it for the binds above would be writable
    command += ["--remount-ro", "/tmp", "--remount-ro", "/"]
    for name, value in env.items():
        command += ["--setenv", name, value]
    command += ["--chdir", str(work)]
    if limits.processes:
        command += ["--", sys.executable, "-I", "-S", "-c", _NPROC_SHIM, str(limits.processes)]
    else:
        command += ["--"]
    return command + list(argv)


# Set RLIMIT_NPROC inside the sandbox's user namespace (counted there only), then exec the kernel.
_NPROC_SHIM = ("import os, resource, sys; n = int(sys.argv[1]); "
               "resource.setrlimit(resource.RLIMIT_NPROC, (n, n)); os.execv(sys.argv[2], sys.argv[2:])")


# --------------------------------------------------------------------------------------------
# Processes when grading as root: a pids control group
# --------------------------------------------------------------------------------------------

def _pids_root():
    """The folder under which a pids control group can be made here, or None.

    RLIMIT_NPROC does not bind root's processes, so a grader running as root bounds a submission's
    processes with the kernel's ``pids`` controller instead: cgroup v1 (``/sys/fs/cgroup/pids``) or
    v2 (the grader's own cgroup, where ``pids`` is delegated to children).
    """
    if not sys.platform.startswith("linux") or os.geteuid() != 0:
        return None
    v1 = Path("/sys/fs/cgroup/pids")
    if (v1 / "cgroup.procs").exists() and os.access(v1, os.W_OK):
        return v1
    try:
        own = Path("/proc/self/cgroup").read_text().splitlines()
        path = next(line.split("::", 1)[1] for line in own if line.startswith("0::"))
        v2 = Path("/sys/fs/cgroup") / path.lstrip("/")
        if "pids" in (v2 / "cgroup.subtree_control").read_text().split() and os.access(v2, os.W_OK):
            return v2
    except (OSError, StopIteration):
        pass
    return None


class ProcessGroup:
    """A pids control group for one kernel: at most ``limit`` processes and threads.

    Empty (``path`` is None) where no control group can be made: the sandbox's RLIMIT_NPROC
    is then the only bound. :meth:`close` kills whatever is left in it and removes it.
    """

    def __init__(self, limit):
        self.path = None
        root = _pids_root() if limit else None
        if root is None:
            return
        import uuid

        path = root / f"pmo-lessons-{os.getpid()}-{uuid.uuid4().hex[:8]}"
        try:
            path.mkdir()
            (path / "pids.max").write_text(str(limit))
            self.path = path
        except OSError:
            if path.exists():
                path.rmdir()

    def join(self):
        """Put the calling process in the group (call it in the kernel's process before exec)."""
        if self.path is not None:
            (self.path / "cgroup.procs").write_text(str(os.getpid()))

    def close(self):
        if self.path is None:
            return
        import signal
        import time

        for _ in range(50):
            try:
                pids = [int(p) for p in (self.path / "cgroup.procs").read_text().split()]
            except OSError:
                break
            if not pids:
                break
            for pid in pids:
                try:
                    os.kill(pid, signal.SIGKILL)
                except OSError:
                    pass
            time.sleep(0.02)
        try:
            self.path.rmdir()
        except OSError:
            pass
        self.path = None
