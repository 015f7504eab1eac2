"""The trusted run: an assignment's tests, run where no trainee code ever runs.

The trainee's notebook executes in its own sandboxed kernel, without its test cells; before each
test, the answers it needs are taken out as data (:mod:`pmo_lessons.grading.answers`). Then, per
submission, a fresh trusted interpreter that holds the real ``pmo_lessons`` and those answers,
never the trainee's code, runs the assignment's own set-up cells and tests from the source
(:mod:`pmo_lessons.grading.plan`) and captures their outputs in nbformat's shape: errors,
``execute_result`` (nbgrader's partial credit) and streams. Those outputs become the graded cells'
outputs, so nbgrader's own grading, gradebook and formgrader work as before.

- :func:`run_steps` runs a plan in this process (an IPython shell whose outputs are captured: the
  tests behave as in a kernel) and yields each test's outputs;
- :func:`serve` is the warm interpreter: it imports the heavy libraries once, then for each
  request (a connection to its Unix socket) forks a child, fresh, that runs :func:`run_steps`
  with the limits of the request and writes length-prefixed JSON frames back. The grader starts
  one per grading run, inside the sandbox where there is one (no network, nothing writable but
  its own bounded ``/tmp``), with ``python -I`` (no folder of anyone's on its path);
- :class:`TrustedRunner` is the grader's side: it starts the server, and any worker of the run
  sends a submission's request and reads the results within a deadline; a child that dies or
  overruns loses only the tests it had not done, which get an error saying so.

A test that needs an answer that is not plain data gets an error with the reason in plain words
and is not run; a test whose answers could not be taken (the kernel died, the time budget ran
out) gets the grader's error. What a test writes to stderr (a warning) costs nothing: it is
shown in its output as a note (:data:`STDERR_NOTE`).

>>> steps = [{"kind": "setup", "grade_id": "", "source": "import math", "needs": []},
...          {"kind": "test", "grade_id": "q1_tests", "source": "assert math.isclose(days, 23), 'not 23'",
...           "needs": ["days"]}]
>>> from pmo_lessons.grading.answers import snapshot
>>> done = dict(run_steps(steps, [snapshot({"days": 22}, ["days"])], {"q1_tests": 0}))
>>> [(o["output_type"], o["ename"], o["evalue"]) for o in done["q1_tests"]]
[('error', 'AssertionError', 'not 23')]
"""

from __future__ import annotations

import json
import os
import signal
import struct
import subprocess
import sys
import time

__all__ = ["run_steps", "serve", "TrustedRunner", "STDERR_NOTE", "error_output", "server_env", "request"]

from .checks import STDERR_NOTE


def error_output(name, text):
    """An error output in nbformat's shape: ``name: text``.

    >>> error_output("NotPlainData", "x is a function")["traceback"]
    ['NotPlainData: x is a function']
    """
    return {"output_type": "error", "ename": name, "evalue": text, "traceback": [f"{name}: {text}"]}


# --------------------------------------------------------------------------------------------
# Running a plan in this process
# --------------------------------------------------------------------------------------------

class CellTimeoutError(Exception):
    """A check ran past the cell timeout (named as the grader's own timeout)."""


class _Capture:
    """The outputs of the cell being run, as a kernel would send them."""

    def __init__(self):
        self.outputs, self.stderr = [], []

    def stream(self, name, text):
        if name == "stderr":
            self.stderr.append(text)
            return
        if self.outputs and self.outputs[-1]["output_type"] == "stream" and self.outputs[-1]["name"] == name:
            self.outputs[-1]["text"] += text
        else:
            self.outputs.append({"output_type": "stream", "name": name, "text": text})

    def display(self, data, metadata, result=False):
        output = {"output_type": "execute_result" if result else "display_data", "data": dict(data),
                  "metadata": dict(metadata or {})}
        if result:
            output["execution_count"] = None
        self.outputs.append(output)

    def error(self, ename, evalue, traceback):
        self.outputs.append({"output_type": "error", "ename": ename, "evalue": evalue,
                             "traceback": [str(line) for line in traceback]})

    def take(self):
        outputs = self.outputs
        if self.stderr:
            text = " ".join("".join(self.stderr).split())
            outputs.append({"output_type": "stream", "name": "stdout", "text": f"{STDERR_NOTE}: {text[:500]}]\n"})
        self.outputs, self.stderr = [], []
        return outputs


class _Stream:
    """sys.stdout / sys.stderr while a cell runs."""

    encoding = "utf-8"
    errors = "replace"

    def __init__(self, capture, name):
        self.capture, self.name = capture, name

    def write(self, text):
        self.capture.stream(self.name, str(text))
        return len(text)

    def writelines(self, lines):
        for line in lines:
            self.write(line)

    def flush(self):
        pass

    def isatty(self):
        return False

    def fileno(self):
        raise OSError("no file descriptor")


_SHELL = None


def _shell(capture):
    """An IPython shell whose results, displays and errors go to ``capture`` (made once per process)."""
    global _SHELL
    if _SHELL is not None:
        _SHELL.pmo_capture = capture
        return _SHELL
    from IPython.core.displayhook import DisplayHook
    from IPython.core.displaypub import DisplayPublisher
    from IPython.core.interactiveshell import InteractiveShell
    from traitlets.config import Config

    class Hook(DisplayHook):
        def start_displayhook(self):
            pass

        def write_output_prompt(self):
            pass

        def write_format_data(self, format_dict, md_dict=None):
            self.shell.pmo_capture.display(format_dict, md_dict, result=True)

        def log_output(self, format_dict):
            pass

        def finish_displayhook(self):
            pass

    class Publisher(DisplayPublisher):
        def publish(self, data, metadata=None, source=None, *, transient=None, update=False, **kwargs):
            self.shell.pmo_capture.display(data, metadata)

        def clear_output(self, wait=False):
            self.shell.pmo_capture.outputs.clear()

    class Shell(InteractiveShell):
        def _showtraceback(self, etype, evalue, stb):
            self.pmo_capture.error(str(etype.__name__), str(evalue), stb)

    config = Config()
    config.HistoryManager.enabled = False
    _SHELL = Shell(config=config, displayhook_class=Hook, display_pub_class=Publisher, colors="nocolor")
    _SHELL.pmo_capture = capture
    return _SHELL


def _run_cell(shell, capture, source, timeout):
    """Run one cell in ``shell`` with its output captured; returns its outputs."""
    import warnings

    def alarm(signum, frame):
        raise CellTimeoutError(f"this check did not finish within {timeout} s")

    def show(message, category, filename, lineno, file=None, line=None):
        capture.stream("stderr", f"{category.__name__}: {message}\n")

    streams = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = _Stream(capture, "stdout"), _Stream(capture, "stderr")
    previous_show = warnings.showwarning
    warnings.showwarning = show
    timer = timeout and hasattr(signal, "setitimer")
    if timer:
        previous = signal.signal(signal.SIGALRM, alarm)
        signal.setitimer(signal.ITIMER_REAL, timeout)
    try:
        with warnings.catch_warnings():
            _python_defaults(warnings)  # what a kernel shows, whatever filters the caller has
            warnings.showwarning = show
            shell.run_cell(source, store_history=True, silent=False)  # as a kernel runs a cell ("1.5;" shows nothing)
    finally:
        if timer:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)
        warnings.showwarning = previous_show
        sys.stdout, sys.stderr = streams
    return capture.take()


def _python_defaults(warnings):
    """Python's own warning filters (those of a fresh interpreter, as in a kernel)."""
    warnings.resetwarnings()
    warnings.simplefilter("default")
    for category in (DeprecationWarning, PendingDeprecationWarning, ImportWarning, ResourceWarning):
        warnings.filterwarnings("ignore", category=category)
    warnings.filterwarnings("default", category=DeprecationWarning, module="__main__")


def _snapshots(texts, names_by_index, limits):
    """Each snapshot read (answers decoded, files completed from the earlier snapshots), in the
    order they were taken; a snapshot that cannot be read is its reason (a str)."""
    from .answers import SnapshotError, read

    files, read_back = {}, []
    for index, text in enumerate(texts):
        try:
            snap = read(text, names_by_index.get(index, ()), limits)
        except SnapshotError as error:
            read_back.append(str(error))
            continue
        complete = {}
        for path, content in snap.files.items():
            content = files.get(path) if content is None else content
            if content is not None:
                complete[path] = content
        files = snap.files = complete
        read_back.append(snap)
    return read_back


def _sync_files(folder, wanted, written):
    """Make ``folder`` hold exactly the files ``wanted`` (path -> bytes); ``written`` is what it holds."""
    from pathlib import Path

    for path in set(written) - set(wanted):
        try:
            (Path(folder) / path).unlink()
        except OSError:
            pass
        written.pop(path)
    for path, content in wanted.items():
        if written.get(path) is content:
            continue
        target = Path(folder) / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
        written[path] = content


def run_steps(steps, snapshots, take, failed=None, timeout=30, folder=None, limits=None, fresh=False):
    """Run a plan (:func:`pmo_lessons.grading.plan.trusted_steps`, as dicts) in this process and
    yield ``(grade_id, outputs)`` for each test, in order; set-up cells that fail yield
    ``("", [their error])``.

    ``snapshots`` are the snapshots' texts in the order they were taken, ``take`` maps each test to
    the index of the snapshot taken just before it; ``failed`` maps a test to ``(ename, evalue)``
    when its answers could not be taken (it gets that error); ``timeout`` bounds each cell;
    ``folder`` is the working folder where the notebook's files are put (default: the current one);
    ``fresh`` says the process is new (a forked child): its shell needs no reset.
    """
    from .answers import LIMITS, Refused

    failed, limits, folder = failed or {}, limits or LIMITS, folder or os.getcwd()
    capture = _Capture()
    shell = _shell(capture)
    if not fresh:
        shell.reset(new_session=False)  # a fresh namespace (in a forked child it is fresh already)
    names = {}
    for step in steps:
        if step["kind"] == "test" and step["grade_id"] in take:
            names.setdefault(take[step["grade_id"]], set()).update(step["needs"])
    read_back = _snapshots(snapshots, names, limits)
    written = {}
    first = next((snap for snap in read_back if not isinstance(snap, str)), None)
    if first is not None:  # a set-up cell may read a file handed out with the assignment
        _sync_files(folder, first.files, written)
    for step in steps:
        source = step["source"]
        if step["kind"] == "setup":
            outputs = _run_cell(shell, capture, source, timeout)
            errors = [o for o in outputs if o["output_type"] == "error"]
            if errors:
                yield "", errors
            continue
        grade_id = step["grade_id"]
        if grade_id in failed:
            yield grade_id, [error_output(*failed[grade_id])]
            continue
        index = take.get(grade_id)
        snap = read_back[index] if index is not None and index < len(read_back) else None
        if snap is None or isinstance(snap, str):
            why = snap or "the answers for this check were not taken from the notebook"
            yield grade_id, [error_output("AnswersNotTaken", why)]
            continue
        refused = [snap.answers[n] for n in step["needs"] if isinstance(snap.answers.get(n), Refused)]
        if refused:
            yield grade_id, [error_output("NotPlainData", str(refused[0]))]
            continue
        for name in step["needs"]:
            if name in snap.answers:
                shell.user_ns[name] = snap.answers[name]
            else:
                shell.user_ns.pop(name, None)
        _sync_files(folder, snap.files, written)
        yield grade_id, _run_cell(shell, capture, source, timeout)


# --------------------------------------------------------------------------------------------
# The warm server: one request, one fresh forked child
# --------------------------------------------------------------------------------------------

_HEADER = struct.Struct(">I")
MAX_FRAME = 256 * 1024 * 1024


def _write_frame(fd, data):
    payload = json.dumps(data, separators=(",", ":")).encode("utf-8")
    payload = _HEADER.pack(len(payload)) + payload
    view = memoryview(payload)
    while view:
        written = os.write(fd, view)
        view = view[written:]


def _read_exact(fd, n):
    chunks, left = [], n
    while left:
        chunk = os.read(fd, min(left, 1 << 20))
        if not chunk:
            return None
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def _read_frame(fd):
    header = _read_exact(fd, _HEADER.size)
    if header is None:
        return None
    (size,) = _HEADER.unpack(header)
    if size > MAX_FRAME:
        raise ValueError("frame over the limit")
    payload = _read_exact(fd, size)
    return None if payload is None else json.loads(payload)


def _warm():
    """Import once what every check needs (numpy, pandas, IPython, the kit's modules)."""
    import importlib

    for name in ("numpy", "pandas", "IPython.core.interactiveshell", "pmo_lessons.grading.answers"):
        importlib.import_module(name)
    for name in ("schedule", "calendars", "resources", "evm", "risk", "methodology", "portfolio", "report",
                 "communication", "quality", "data"):
        try:
            importlib.import_module(f"pmo_lessons.{name}")
        except Exception:
            pass
    _shell(_Capture())  # the shell too: each child starts from this one, untouched


def _limit(memory_mb, cpu_seconds):
    try:
        import resource
    except ImportError:
        return
    if memory_mb:
        resource.setrlimit(resource.RLIMIT_AS, (memory_mb * 1024 * 1024,) * 2)
    if cpu_seconds:
        _, hard = resource.getrlimit(resource.RLIMIT_CPU)
        resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, hard))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def _child(job, out_fd, folder):
    """Run one request in this (fresh) process, writing a frame per test to ``out_fd``, then the end."""
    import threading

    os.chdir(folder)
    _limit(job.get("memory_mb", 0), job.get("cpu_seconds", 0))
    if job.get("deadline"):  # whatever happens, this child ends: the grader stopped waiting by then
        watchdog = threading.Timer(job["deadline"], os._exit, (1,))
        watchdog.daemon = True
        watchdog.start()
    from .answers import AnswerLimits

    limits = AnswerLimits(**job["answer_limits"]) if job.get("answer_limits") else None
    failed = {k: tuple(v) for k, v in job.get("failed", {}).items()}
    try:
        for grade_id, outputs in run_steps(job["steps"], job["snapshots"], job["take"], failed,
                                           job.get("timeout", 30), folder, limits, fresh=True):
            _write_frame(out_fd, {"test": grade_id, "outputs": outputs})
        _write_frame(out_fd, {"end": "ok"})
    except MemoryError:
        _write_frame(out_fd, {"end": "the checks ran out of memory"})


def _forked(job, conn, folder, closing):
    """In a fresh child of the server: close what is the server's, run the request, end."""
    import shutil

    try:
        for fd in closing:
            os.close(fd)
        devnull = os.open(os.devnull, os.O_RDWR)
        for fd in (0, 1, 2):  # nothing a check prints can reach the grader but through its frames
            os.dup2(devnull, fd)
        _child(job, conn.fileno(), folder)
    except BaseException:
        pass
    finally:
        shutil.rmtree(folder, ignore_errors=True)
        os._exit(0)


def serve(listen_fd=None):
    """The warm trusted interpreter. With ``listen_fd`` (a listening Unix socket it inherited, on
    POSIX): for each connection, fork a fresh child that reads one request, runs it
    (:func:`run_steps`) and writes a frame per test, then ``{"end": "ok"}``; stop at the end of
    its standard input (the grader is gone). Without: run the one request read on the standard
    input, answer on the standard output, and stop (where there is no fork)."""
    import gc
    import selectors
    import shutil
    import socket
    import tempfile

    _warm()
    gc.freeze()  # what the warm-up made is never collected again: a child neither scans nor copies it
    if listen_fd is None:
        job = _read_frame(0)
        if job is not None:
            folder = tempfile.mkdtemp(prefix="checks-")
            try:
                _child(job, 1, folder)
            finally:
                shutil.rmtree(folder, ignore_errors=True)
        return
    listener = socket.socket(fileno=listen_fd)
    children = {}
    with selectors.DefaultSelector() as selector:
        selector.register(listener, selectors.EVENT_READ, "connection")
        selector.register(0, selectors.EVENT_READ, "control")
        while True:
            events = selector.select(timeout=1)
            while children:  # the children that ended: their folders go
                try:
                    pid, _ = os.waitpid(-1, os.WNOHANG)
                except ChildProcessError:
                    break
                if not pid:
                    break
                shutil.rmtree(children.pop(pid, ""), ignore_errors=True)
            for key, _ in events:
                if key.data == "control":
                    if not os.read(0, 4096):  # the grader closed its end: stop, and the children with it
                        for pid in children:
                            try:
                                os.kill(pid, signal.SIGKILL)
                            except OSError:
                                pass
                        return
                    continue
                conn, _ = listener.accept()
                try:
                    job = _read_frame(conn.fileno())
                except (ValueError, OSError):
                    job = None
                if job is None:
                    conn.close()
                    continue
                folder = tempfile.mkdtemp(prefix="checks-")
                pid = os.fork()
                if pid == 0:
                    _forked(job, conn, folder, [listener.fileno()])
                conn.close()
                children[pid] = folder


# --------------------------------------------------------------------------------------------
# The grader's side
# --------------------------------------------------------------------------------------------

SERVE = "import sys; from pmo_lessons.grading.trusted import serve; serve(int(sys.argv[1]) if sys.argv[1:] else None)"


def server_env():
    """The trusted interpreter's environment: one thread per numeric library, caches in its /tmp.

    >>> server_env()["MPLBACKEND"], server_env()["OMP_NUM_THREADS"]
    ('Agg', '1')
    """
    import tempfile

    tmp = "/tmp" if os.name == "posix" else tempfile.gettempdir()
    return {"OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1", "MPLBACKEND": "Agg",
            "PYTHONDONTWRITEBYTECODE": "1", "LANG": "C.UTF-8", "HOME": tmp, "TMPDIR": tmp,
            "MPLCONFIGDIR": os.path.join(tmp, "matplotlib"), "IPYTHONDIR": os.path.join(tmp, "ipython"),
            "PATH": os.path.dirname(sys.executable) + os.pathsep + "/usr/bin:/bin"}


def request(steps, snapshots, take, failed, limits, timeout, deadline=0):
    """A request to the server: the plan, the snapshots, which test reads which, the answers that
    could not be taken, and the limits (``limits``: a :class:`pmo_lessons.sandbox.Limits`);
    ``deadline`` (seconds) ends the child that runs it, whatever it does."""
    return {"steps": steps, "snapshots": snapshots, "take": take, "failed": failed, "timeout": timeout,
            "memory_mb": limits.memory_mb, "cpu_seconds": limits.cpu_seconds, "deadline": deadline}


class TrustedRunner:
    """The warm trusted interpreter of a grading run, started once (inside the sandbox where
    ``sandboxed``) by the process that grades, and shared by its workers: each request is a
    connection to its Unix socket (:attr:`address`), run by a fresh forked child. Where there is
    no fork, each request starts an interpreter of its own.

    :meth:`run` returns ``(outputs by test, end)``; it never raises for what happens on the other
    side. A runner made in one process can be used from the processes forked after it started.
    """

    def __init__(self, limits, sandboxed, forbidden=()):
        self.limits, self.sandboxed, self.forbidden = limits, sandboxed, list(forbidden)
        self.process = self.folder = self.address = None

    def command(self, *arguments):
        argv = [sys.executable, "-I", "-c", SERVE, *arguments]
        if self.sandboxed:
            from .. import sandbox

            wrapped = sandbox.trusted_command(argv, self.limits, server_env(), self.forbidden)
            if wrapped:
                return wrapped
        return argv

    def _popen(self, argv, **kwargs):
        env = None
        if not self.sandboxed:
            env = {**os.environ, **server_env()}
            for name in ("PYTHONPATH", "PYTHONSTARTUP", "PYTHONHOME"):
                env.pop(name, None)
        return subprocess.Popen(argv, stdin=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env,
                                start_new_session=True, **kwargs)

    def start(self):
        """Start the server (once): a listening socket in a private folder, handed to it."""
        if self.address is not None or not hasattr(os, "fork"):
            return
        import socket
        import tempfile

        self.folder = tempfile.mkdtemp(prefix="pmo-checks-")
        self.address = os.path.join(self.folder, "checks.sock")
        listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            listener.bind(self.address)
            listener.listen(64)
            self.process = self._popen(self.command(str(listener.fileno())), stdout=subprocess.DEVNULL,
                                       pass_fds=(listener.fileno(),),
                                       preexec_fn=_die_with_parent if sys.platform.startswith("linux") else None)
        finally:
            listener.close()  # the server holds it now

    def close(self):
        """Stop the server and remove its socket (the children still running die with it)."""
        import shutil

        process, self.process = self.process, None
        if process is not None:
            try:
                process.stdin.close()
                process.wait(timeout=5)
            except (OSError, subprocess.TimeoutExpired):
                _kill(process)
                process.wait()
        if self.folder:
            shutil.rmtree(self.folder, ignore_errors=True)
        self.folder = self.address = None

    def run(self, job, deadline):
        """Send ``job`` (:func:`request`) and read the results until the end frame or ``deadline``
        (seconds from now). Returns ``(outputs, end)``: ``outputs`` by test id, ``end`` "ok" or why not."""
        job = dict(job, deadline=job.get("deadline") or deadline + 5)
        if not hasattr(os, "fork"):
            return self._run_alone(job, deadline)
        import socket

        try:
            conn = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        except OSError as error:
            return {}, f"the trusted interpreter could not be reached ({error})"
        with conn:
            try:
                conn.connect(self.address)
                _write_frame(conn.fileno(), job)
            except (OSError, TypeError) as error:
                return {}, f"the trusted interpreter could not be reached ({error})"
            return _read_results(conn.fileno(), deadline)

    def _run_alone(self, job, deadline):
        process = self._popen(self.command(), stdout=subprocess.PIPE)
        try:
            _write_frame(process.stdin.fileno(), job)
            process.stdin.close()
            return _read_results(process.stdout.fileno(), deadline)
        except OSError as error:
            return {}, f"the trusted interpreter could not be reached ({error})"
        finally:
            _kill(process)
            process.stdout.close()
            process.wait()


def _read_results(fd, deadline):
    """The frames a child writes, until its end frame, the end of the stream or ``deadline``."""
    import selectors

    outputs, buffer, end = {}, b"", None
    stop = time.monotonic() + deadline
    with selectors.DefaultSelector() as selector:
        selector.register(fd, selectors.EVENT_READ)
        while end is None:
            left = stop - time.monotonic()
            if left <= 0 or not selector.select(left):
                return outputs, f"the checks did not finish within {deadline:.0f} s"
            chunk = os.read(fd, 1 << 20)
            if not chunk:
                return outputs, "the checks stopped before their end (the trusted interpreter ended)"
            buffer += chunk
            while len(buffer) >= _HEADER.size and end is None:
                (size,) = _HEADER.unpack(buffer[:_HEADER.size])
                if size > MAX_FRAME:
                    return outputs, "the checks sent more than the grader reads"
                if len(buffer) < _HEADER.size + size:
                    break
                frame = json.loads(buffer[_HEADER.size:_HEADER.size + size])
                buffer = buffer[_HEADER.size + size:]
                if "end" in frame:
                    end = frame["end"]
                elif frame.get("test"):
                    outputs[frame["test"]] = frame["outputs"]
                elif frame.get("outputs"):
                    outputs.setdefault("", []).extend(frame["outputs"])
    return outputs, end


def _kill(process):
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except (OSError, AttributeError):
        process.kill()


def _die_with_parent():
    """In the server's process, before exec: die when the grading process does (Linux)."""
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass
