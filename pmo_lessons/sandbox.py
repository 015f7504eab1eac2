"""Confining trainee code while it is graded: each kernel in a sandbox, with limits.

A submission is untrusted input. ``pmo-lessons grade`` runs each one in a scratch folder holding
only its own files, with a kernel that is

- **limited** on every POSIX system: address space (``RLIMIT_AS``), CPU time (``RLIMIT_CPU``), the
  size of any file it writes (``RLIMIT_FSIZE``), no core dumps; wall time and output size are
  limited by the grader itself (see ``pmo_lessons.grading.preprocessors.SafeExecute``);
- **bounded as a whole** where the machine has writable control groups (cgroup v1 or v2, as root
  or with delegation): the memory of the whole sandbox (the kernel, its children and what they
  write in memory-backed folders) and its processes (:class:`ControlGroup`);
- **isolated** on Linux where bubblewrap (``bwrap``, Debian package ``bubblewrap``) can make
  namespaces: the kernel sees a read-only Python installation, the package ``pmo_lessons`` with
  its datasets, and its own scratch folder, ``/tmp`` and ``/dev/shm``, each a memory file system
  of a bounded size (``scratch_mb``, a quarter of it for ``/tmp`` and ``/dev/shm``), and nothing
  else: not the course (``solutions/``, hidden tests), not the workspace (gradebook, other
  trainees' work), not the home folders; it has no network (a new network namespace with only a
  loopback that is down), its own process tree, and at most ``processes`` processes and threads
  (``RLIMIT_NPROC`` counted inside its user namespace; when the grader runs as root, which that
  limit exempts, a ``pids`` control group where one is writable).

The tests of an assignment never run in that kernel: they run in a trusted interpreter, sandboxed
too (:func:`trusted_command`: no network, nothing writable but its own bounded ``/tmp``), that gets
the trainee's answers as data (see :mod:`pmo_lessons.grading.trusted`).

Without bubblewrap (macOS, Windows, Linux without it or without user namespaces) the limits still
apply where the platform has them, and the kernel runs with the grader's own permissions: it could
read what the grader can read. :func:`isolation` says which case applies; the README's trainer
section lists them.

The kernel talks to the grader over Unix sockets in a private folder (ZeroMQ's ``ipc``
transport), the only channel that crosses the sandbox's wall; the submission's own files are
copied into its scratch folder from a read-only staging folder when it starts.

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

__all__ = ["Limits", "SandboxError", "isolation", "bwrap_command", "trusted_command", "apply_limits",
           "readable_paths", "check_hidden", "ControlGroup", "control_groups"]


class SandboxError(InputError):
    """A grading limit or the sandbox cannot be set up as asked."""


@dataclass(frozen=True)
class Limits:
    """What one submission may use. 0 means no limit.

    - ``memory_mb``: address space of each process (MB), and the memory of the whole sandbox where
      a memory control group can be made (its processes and its memory-backed folders);
    - ``cpu_seconds``: CPU time of the kernel over the whole notebook;
    - ``processes``: processes and threads in the sandbox;
    - ``file_mb``: the largest file the code may write (MB);
    - ``output_kb``: output kept per cell (kB); the rest is cut with a note;
    - ``budget_seconds``: wall time for the whole submission; cells not reached get an error;
    - ``scratch_mb``: the size of the scratch folder (a memory file system in the sandbox), and a
      quarter of it for each of ``/tmp`` and ``/dev/shm``.
    """

    memory_mb: int = 2048
    cpu_seconds: int = 600
    processes: int = 64
    file_mb: int = 64
    output_kb: int = 256
    budget_seconds: int = 600
    scratch_mb: int = 256

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
    groups = control_groups()
    whole = ("memory and processes bound per submission by control groups" if "memory" in groups
             else "no control group writable here, so memory is bound per process only")
    if path:
        return True, ("sandboxed with bubblewrap: each kernel sees only its scratch folder, the Python "
                      "installation and pmo_lessons' datasets; no network; limits on memory, CPU, "
                      f"processes, file and folder sizes; {whole}; the tests run apart, in a trusted "
                      "interpreter that gets the answers as data")
    return False, (f"NOT sandboxed ({why}): limits on memory, CPU and file size where the platform has "
                   f"them ({whole}), but trainee code runs with the grader's permissions; the tests run "
                   "apart, in a trusted interpreter that gets the answers as data")


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


def _system_binds(forbidden):
    """bubblewrap's arguments for what every sandbox sees: the system, read-only; the Python
    installation and ``pmo_lessons`` (checked against ``forbidden``), read-only."""
    command = []
    for top in ("/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32"):
        top_path = Path(top)
        if top_path.is_symlink():
            command += ["--symlink", os.readlink(top), top]
        elif top_path.is_dir():
            command += ["--ro-bind", top, top]
    for name in ETC_FILES:
        if Path("/etc", name).exists():
            command += ["--ro-bind", f"/etc/{name}", f"/etc/{name}"]
    for item in check_hidden(forbidden):
        command += ["--ro-bind", str(item), str(item)]
    return command


def _sized(megabytes):
    """``--size`` for the next tmpfs (none when 0: no limit)."""
    return ["--size", str(megabytes * 1024 * 1024)] if megabytes else []


def bwrap_command(argv, work, private, limits, env, forbidden=()):
    """``argv`` wrapped in bubblewrap, for a trainee's kernel: the Python installation read-only;
    ``work`` (its scratch folder), ``/tmp`` and ``/dev/shm`` memory file systems of bounded sizes
    (``limits.scratch_mb``, a quarter of it for the other two); ``private/ipc`` read-write (its
    sockets and connection file); ``private/staging`` read-only (the submission's files, copied
    into ``work`` when it starts, and matplotlib's font list); nothing else.

    ``forbidden`` are folders that must not be visible (the course's solutions/, the workspace):
    if a read-only path would expose one, :class:`SandboxError` is raised rather than grading.
    Returns ``None`` where bubblewrap cannot run (see :func:`isolation`).
    """
    path, _ = _bwrap()
    if not path:
        return None
    private, small = Path(private), limits.scratch_mb // 4 if limits.scratch_mb else 0
    # no --new-session: jupyter_client already starts the kernel in a session of its own (no terminal)
    command = [path, "--unshare-all", "--die-with-parent", "--clearenv", "--proc", "/proc", "--dev", "/dev",
               *_sized(small), "--tmpfs", "/dev/shm", *_sized(small), "--tmpfs", "/tmp"]
    command += _system_binds(forbidden)
    command += ["--bind", str(private / "ipc"), str(private / "ipc"),
                "--ro-bind", str(private / "staging"), str(private / "staging"),
                *_sized(limits.scratch_mb), "--tmpfs", str(work), "--remount-ro", "/"]
    for name, value in env.items():
        command += ["--setenv", name, value]
    command += ["--chdir", str(work), "--", sys.executable, "-I", "-S", "-c", _SHIM, str(limits.processes),
                str(private / "staging"), str(work)]
    return command + list(argv)


# In the sandbox, before the kernel: the submission's files into the scratch folder, the kernel's
# caches into /tmp, RLIMIT_NPROC (counted in the sandbox's user namespace), then exec the kernel.
_SHIM = ("import os, resource, shutil, sys; n, staging, work = int(sys.argv[1]), sys.argv[2], sys.argv[3]; "
         "shutil.copytree(os.path.join(staging, 'files'), work, dirs_exist_ok=True); "
         "[os.makedirs(d, exist_ok=True) for d in ('/tmp/ipython', '/tmp/matplotlib')]; "
         "fonts = os.path.join(staging, 'matplotlib'); "
         "[shutil.copy2(os.path.join(fonts, f), '/tmp/matplotlib') for f in os.listdir(fonts)]; "
         "n and resource.setrlimit(resource.RLIMIT_NPROC, (n, n)); os.execv(sys.argv[4], sys.argv[4:])")


def trusted_command(argv, limits, env, forbidden=()):
    """``argv`` wrapped in bubblewrap, for the trusted interpreter that runs the tests: the Python
    installation and ``pmo_lessons`` read-only, its own ``/tmp`` (a memory file system of
    ``limits.scratch_mb``: the notebook's files are put there for the tests), no network, nothing
    else (no folder of the grader's is writable, none is shown but the Python installation).
    Returns ``None`` where bubblewrap cannot run."""
    path, _ = _bwrap()
    if not path:
        return None
    command = [path, "--unshare-all", "--die-with-parent", "--clearenv", "--proc", "/proc", "--dev", "/dev",
               *_sized(4), "--tmpfs", "/dev/shm", *_sized(limits.scratch_mb), "--tmpfs", "/tmp"]
    command += _system_binds(forbidden) + ["--remount-ro", "/"]
    for name, value in env.items():
        command += ["--setenv", name, value]
    return command + ["--chdir", "/tmp", "--", *argv]


# --------------------------------------------------------------------------------------------
# Control groups: a submission's memory and processes, bound as a whole
# --------------------------------------------------------------------------------------------

CGROUP = Path("/sys/fs/cgroup")


def _own_cgroups():
    """This process's control groups: {controller or "" (v2): path}, from /proc/self/cgroup."""
    groups = {}
    try:
        for line in Path("/proc/self/cgroup").read_text().splitlines():
            _, controllers, path = line.split(":", 2)
            for controller in (controllers.split(",") if controllers else [""]):
                groups[controller] = path
    except (OSError, ValueError):
        pass
    return groups


@functools.cache
def control_groups():
    """Where this process can make child control groups: ``{"memory": (folder, version),
    "pids": (folder, version)}`` for the controllers it can use (cgroup v1 or v2), empty elsewhere
    (not Linux, no control group writable by this user).

    The memory group bounds the whole sandbox, memory-backed files included; the pids group
    bounds its processes where ``RLIMIT_NPROC`` does not (when grading as root).
    """
    found = {}
    if not sys.platform.startswith("linux"):
        return found
    own = _own_cgroups()
    for controller in ("memory", "pids"):
        v1 = CGROUP / controller
        if (v1 / "cgroup.procs").exists() and controller in own:
            folder = v1 / own[controller].lstrip("/")
            limit = "memory.limit_in_bytes" if controller == "memory" else "pids.max"
            if controller == "pids" and not (folder / limit).exists():
                folder = v1  # the root of the v1 hierarchy holds no pids.max, its children do
            if os.access(folder, os.W_OK):
                found[controller] = (folder, 1)
                continue
        if "" in own:
            for root in (CGROUP, CGROUP / "unified"):
                folder = root / own[""].lstrip("/")
                try:
                    enabled = (folder / "cgroup.subtree_control").read_text().split()
                except OSError:
                    continue
                if controller in enabled and os.access(folder, os.W_OK):
                    found[controller] = (folder, 2)
                    break
    return found


class ControlGroup:
    """One sandbox's control groups: its memory (``limits.memory_mb`` for all its processes and
    memory-backed files together, no swap) and its processes (``limits.processes``), where the
    machine lets this process make them (:func:`control_groups`); else empty.

    :meth:`join` puts the calling process in them (call it in the kernel's process before exec);
    :meth:`close` kills whatever is left in them, notes the peak memory (``peak_mb``) and removes
    them.
    """

    def __init__(self, limits):
        import uuid

        self.paths, self.peak_mb = [], 0.0
        wanted = {"memory": limits.memory_mb * 1024 * 1024, "pids": limits.processes}
        name = f"pmo-lessons-{os.getpid()}-{uuid.uuid4().hex[:8]}"
        for controller, (root, version) in control_groups().items():
            if not wanted[controller]:
                continue
            path = root / name
            try:
                path.mkdir()
            except OSError:
                continue
            try:
                if controller == "pids":
                    (path / "pids.max").write_text(str(wanted[controller]))
                elif version == 1:
                    (path / "memory.limit_in_bytes").write_text(str(wanted[controller]))
                    if (path / "memory.memsw.limit_in_bytes").exists():
                        (path / "memory.memsw.limit_in_bytes").write_text(str(wanted[controller]))
                else:
                    (path / "memory.max").write_text(str(wanted[controller]))
                    if (path / "memory.swap.max").exists():
                        (path / "memory.swap.max").write_text("0")
                self.paths.append((controller, version, path))
            except OSError:
                _remove(path)

    @property
    def memory_bound(self):
        """Whether the sandbox's memory is bound as a whole."""
        return any(controller == "memory" for controller, _, _ in self.paths)

    def join(self):
        """Put the calling process in the groups (before exec, in the kernel's process)."""
        for _, _, path in self.paths:
            (path / "cgroup.procs").write_text(str(os.getpid()))

    def peak(self):
        """The peak memory of the group so far, in MB (0 without a memory group)."""
        for controller, version, path in self.paths:
            if controller == "memory":
                name = "memory.max_usage_in_bytes" if version == 1 else "memory.peak"
                try:
                    return int((path / name).read_text().split()[0]) / 1024 / 1024
                except (OSError, ValueError, IndexError):
                    return 0.0
        return 0.0

    def close(self):
        import signal
        import time

        self.peak_mb = max(self.peak_mb, self.peak())
        for _, _, path in self.paths:
            for _ in range(50):
                try:
                    pids = [int(p) for p in (path / "cgroup.procs").read_text().split()]
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
            _remove(path)
        self.paths = []


def _remove(path):
    for _ in range(25):
        try:
            path.rmdir()
            return
        except FileNotFoundError:
            return
        except OSError:
            import time

            time.sleep(0.02)
