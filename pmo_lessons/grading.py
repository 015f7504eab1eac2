"""The trainer's workflow, built on nbgrader: release, collect, grade in parallel, feed back, report.

Everything here drives nbgrader's own parts: its ``CourseDirectory`` and configuration (the course's
``nbgrader_config.py``), its converters (``GenerateAssignment``, ``Autograde``, ``GenerateFeedback``),
its preprocessors and its SQLite ``Gradebook``. What it adds:

- **Parallel autograde.** nbgrader's autograde runs one submission after the other. Here the main
  process sanitizes each submission with nbgrader's ``Autograde`` converter (restore locked and test
  cells from the gradebook, check the metadata), a pool of warm worker processes executes the
  notebooks with nbgrader's ``Execute`` preprocessor (per-cell timeout, and a memory limit set on the
  kernel process with ``RLIMIT_AS``), and the main process alone records the grades with nbgrader's
  ``SaveAutoGrades`` and ``AssignLatePenalties``: the gradebook has one writer. Scores equal those of
  ``nbgrader autograde``; the formgrader and ``nbgrader export`` see them.
- **Broken submissions get a grade.** Invalid JSON, a kernel that dies, a notebook nbgrader cannot
  sanitize: the trainee gets 0 with the reason, and the others are graded.
- **Incremental.** A submission is graded again only if its files, the assignment's source or the
  grading limits changed (a fingerprint per trainee, kept in the workspace).
- **Feedback without hidden tests.** nbgrader's feedback pipeline plus ``ClearHiddenTests`` on the
  cells and ``StripGradeTracebacks`` on the outputs of grade cells (a traceback quotes the hidden
  lines; only the exception line, which carries the diagnostic message, is kept). Each page is then
  scanned for every hidden line before it is written.
- **Collect** from a folder or an LMS zip whose file names carry the trainee's id (a regular
  expression matched against the path inside the folder or zip), or from nbgrader's exchange.
- **Report**: grades as CSV (one row per trainee, one column per question) and a class summary page.

The grading work lives in a *workspace* folder, never in ``solutions/`` or ``exercises/``: the
``workspace`` argument, else ``$PMO_GRADING_DIR``, else ``~/pmo-grading/<course_id>``.

>>> question_of("q3b_tests"), question_of("essay")
('q3', 'essay')
"""

from __future__ import annotations

import base64
import concurrent.futures
import contextlib
import copy
import csv
import dataclasses
import datetime as _dt
import functools
import hashlib
import html
import io
import json
import multiprocessing
import os
import re
import shutil
import sys
import tempfile
import zipfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from .errors import InputError

__all__ = [
    "GradingError",
    "Workspace",
    "open_workspace",
    "default_workspace",
    "release",
    "stale_exercises",
    "collect",
    "grade",
    "feedback",
    "report",
    "hidden_lines",
    "html_text",
    "question_of",
    "DEFAULT_PATTERN",
]

#: File names in an LMS zip or a folder: ``<trainee>_<notebook>.ipynb`` anywhere in it.
DEFAULT_PATTERN = r"^(?:.*/)?(?P<student>[^/]+)_(?P<notebook>[^/_]+)\.ipynb$"
STUDENT_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._@-]*$")
HIDDEN = re.compile(r"### BEGIN HIDDEN TESTS(.*?)### END HIDDEN TESTS", re.S)
STATE_FOLDER = "pmo-lessons"
MANUAL = "to be graded by the trainer"


class GradingError(InputError):
    """A grading step that cannot go on: the message names the assignment, file or trainee."""


# --------------------------------------------------------------------------------------------
# The workspace: nbgrader's configuration, with the grading work outside the repository
# --------------------------------------------------------------------------------------------

def default_workspace(course_id):
    """The grading workspace when none is named: ``$PMO_GRADING_DIR`` or ``~/pmo-grading/<course_id>``.

    >>> import os
    >>> old = os.environ.pop("PMO_GRADING_DIR", None)
    >>> default_workspace("pmo-course") == Path.home() / "pmo-grading" / "pmo-course"
    True
    >>> if old is not None: os.environ["PMO_GRADING_DIR"] = old
    """
    named = os.environ.get("PMO_GRADING_DIR")
    return Path(named).expanduser() if named else Path.home() / "pmo-grading" / course_id


def find_course(course=None):
    """The course folder (holding ``solutions/`` and ``nbgrader_config.py``)."""
    candidates = [Path(course)] if course else [Path.cwd(), Path(__file__).resolve().parent.parent]
    for candidate in candidates:
        if (candidate / "solutions").is_dir() and (candidate / "nbgrader_config.py").is_file():
            return candidate.resolve()
    where = ", ".join(str(c) for c in candidates)
    raise GradingError(f"no course found in {where}: a course folder holds solutions/ and nbgrader_config.py "
                       "(run from the kit's folder or pass --course)")


@dataclass
class Workspace:
    """A course and its grading workspace, seen through nbgrader's configuration."""

    course: Path
    root: Path
    config: object  # traitlets Config
    course_id: str

    @property
    def exchange_root(self):
        return Path(self.config.Exchange.root)

    @property
    def db_url(self):
        return f"sqlite:///{(self.root / 'gradebook.db').as_posix()}"

    def coursedir(self, **overrides):
        """nbgrader's ``CourseDirectory`` for this workspace."""
        from nbgrader.coursedir import CourseDirectory

        coursedir = CourseDirectory(config=self.config)
        for name, value in overrides.items():
            setattr(coursedir, name, value)
        return coursedir

    def gradebook(self):
        """nbgrader's gradebook (a context manager)."""
        from nbgrader.api import Gradebook

        return Gradebook(self.db_url, self.course_id)

    def source(self, assignment):
        return self.course / "solutions" / assignment

    def exercises(self, assignment):
        return self.course / "exercises" / assignment

    def submitted(self, assignment, student="*"):
        return self.root / "submitted" / student / assignment

    def autograded(self, assignment, student):
        return self.root / "autograded" / student / assignment

    def state_file(self, assignment):
        return self.root / STATE_FOLDER / f"{assignment}.json"

    def assignments(self):
        return sorted(p.name for p in (self.course / "solutions").iterdir()
                      if p.is_dir() and not p.name.startswith("."))

    def notebooks(self, assignment):
        """The notebook names (without .ipynb) of an assignment, from its source folder."""
        folder = self.source(assignment)
        if not folder.is_dir():
            known = ", ".join(self.assignments()) or "none"
            raise GradingError(f"no assignment {assignment!r}: solutions/{assignment}/ does not exist "
                               f"(assignments: {known})")
        names = sorted(p.stem for p in folder.glob("*.ipynb"))
        if not names:
            raise GradingError(f"solutions/{assignment}/ holds no notebook")
        return names

    def load_state(self, assignment):
        path = self.state_file(assignment)
        return json.loads(path.read_text()) if path.exists() else {"students": {}}

    def save_state(self, assignment, state):
        path = self.state_file(assignment)
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps(state, indent=1, sort_keys=True))
        tmp.replace(path)


def default_exchange(workspace):
    """nbgrader's exchange when none is named: ``$PMO_EXCHANGE_DIR`` or ``<workspace>/exchange``.

    On a laptop the exchange sits in the workspace; on a shared server (JupyterHub) every trainee's
    server and the trainer's use one folder such as ``/srv/nbgrader/exchange``.

    >>> import os
    >>> old = os.environ.pop("PMO_EXCHANGE_DIR", None)
    >>> default_exchange(Path("/w")) == Path("/w/exchange")
    True
    >>> if old is not None: os.environ["PMO_EXCHANGE_DIR"] = old
    """
    named = os.environ.get("PMO_EXCHANGE_DIR")
    return Path(named).expanduser() if named else Path(workspace) / "exchange"


def open_workspace(course=None, workspace=None, timeout=None, exchange=None):
    """Load the course's ``nbgrader_config.py`` and point every grading path into the workspace.

    ``workspace`` defaults to :func:`default_workspace`; it must not be inside ``solutions/`` or
    ``exercises/``. ``timeout`` (seconds) overrides the per-cell execution timeout. ``exchange`` is
    nbgrader's exchange folder (default :func:`default_exchange`).
    """
    from traitlets.config import Config
    from traitlets.config.loader import PyFileConfigLoader

    course = find_course(course)
    scratch = tempfile.mkdtemp(prefix="pmo-config-")
    old = os.environ.get("PMO_GRADING_DIR")
    os.environ["PMO_GRADING_DIR"] = scratch  # the course config creates its workspace when read
    try:
        config = PyFileConfigLoader("nbgrader_config.py", path=str(course)).load_config()
    except Exception as error:  # a broken config must not go unnoticed (nbgrader only logs it)
        raise GradingError(f"{course / 'nbgrader_config.py'} cannot be read: {error}") from error
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
        if old is None:
            os.environ.pop("PMO_GRADING_DIR", None)
        else:
            os.environ["PMO_GRADING_DIR"] = old
    course_id = config.CourseDirectory.get("course_id") or course.name
    root = Path(workspace).expanduser() if workspace else default_workspace(course_id)
    root = root.resolve()
    for protected in ("solutions", "exercises"):
        guarded = course / protected
        if root == guarded or guarded in root.parents:
            raise GradingError(f"the workspace {root} is inside {protected}/: grading work never goes there; "
                               "name another folder with --workspace or PMO_GRADING_DIR")
    root.mkdir(parents=True, exist_ok=True)
    extra = Config()
    extra.CourseDirectory.root = str(course)
    extra.CourseDirectory.course_id = course_id
    extra.CourseDirectory.submitted_directory = str(root / "submitted")
    extra.CourseDirectory.autograded_directory = str(root / "autograded")
    extra.CourseDirectory.feedback_directory = str(root / "feedback")
    extra.CourseDirectory.db_url = f"sqlite:///{(root / 'gradebook.db').as_posix()}"
    extra.Exchange.root = str(Path(exchange).expanduser().resolve() if exchange else default_exchange(root))
    if timeout is not None:
        if timeout <= 0:
            raise GradingError(f"the cell timeout must be a positive number of seconds, not {timeout}")
        extra.ExecutePreprocessor.timeout = int(timeout)
    config.merge(extra)
    return Workspace(course=course, root=root, config=config, course_id=course_id)


def _quiet(component):
    """Keep nbgrader's info logging off the trainer's terminal (warnings and errors stay)."""
    import logging

    component.log.setLevel(logging.WARNING)
    return component


@contextlib.contextmanager
def _cwd(path):
    old = os.getcwd()
    os.chdir(path)
    try:
        yield
    finally:
        os.chdir(old)


def _digest(paths):
    sha = hashlib.sha256()
    for path in sorted(paths):
        sha.update(Path(path).name.encode())
        sha.update(Path(path).read_bytes())
    return sha.hexdigest()


# --------------------------------------------------------------------------------------------
# Release
# --------------------------------------------------------------------------------------------

def _generate(ws, assignment, release_dir):
    """nbgrader's GenerateAssignment for one assignment into ``release_dir`` (records it in the gradebook)."""
    from nbgrader.converters import GenerateAssignment
    from traitlets.config import Config

    ws.notebooks(assignment)  # names the assignment if it does not exist
    extra = Config()
    extra.CourseDirectory.release_directory = str(release_dir)
    extra.CourseDirectory.assignment_id = assignment
    config = copy.deepcopy(ws.config)
    config.merge(extra)
    coursedir = ws.coursedir()
    coursedir.update_config(config)
    converter = _quiet(GenerateAssignment(coursedir=coursedir, config=config))
    converter.force = True
    with _cwd(ws.course):
        try:
            converter.start()
        except Exception as error:
            raise GradingError(f"solutions/{assignment} cannot be generated: {error}") from error
    state = ws.load_state(assignment)
    state["source"] = _digest(ws.source(assignment).glob("*.ipynb"))
    ws.save_state(assignment, state)


def _same_release(fresh, committed):
    names = sorted(p.name for p in fresh.glob("*.ipynb"))
    if names != sorted(p.name for p in committed.glob("*.ipynb")):
        return False
    return all(json.loads((fresh / n).read_text()) == json.loads((committed / n).read_text()) for n in names)


def stale_exercises(ws, assignments=None):
    """The assignments whose ``exercises/`` folder differs from a fresh generation of ``solutions/``."""
    stale = []
    with tempfile.TemporaryDirectory(prefix="pmo-release-") as scratch:
        for assignment in assignments or ws.assignments():
            _generate(ws, assignment, Path(scratch))
            if _same_release(Path(scratch) / assignment, ws.exercises(assignment)):
                state = ws.load_state(assignment)
                state["verified"] = state["source"]  # exercises/ matched this source
                ws.save_state(assignment, state)
            else:
                stale.append(assignment)
    return stale


def release(ws, assignments=None, check=False, progress=None, exchange=False):
    """Regenerate ``exercises/`` from ``solutions/`` (or, with ``check``, list the stale ones).

    Returns the list of ``(assignment, status)`` where status is ``"released"``, ``"up to date"`` or
    ``"stale"``. With ``check`` nothing is written to ``exercises/``. With ``exchange`` each
    assignment is then published to nbgrader's exchange (replacing an earlier release there), where
    trainees fetch it from JupyterLab's Assignments tab or with ``nbgrader fetch_assignment``.
    """
    names = list(assignments or ws.assignments())
    for name in names:
        ws.notebooks(name)
    results = []
    for done, assignment in enumerate(names):
        if progress:
            progress(done, len(names), assignment)
        stale = bool(stale_exercises(ws, [assignment]))
        if check:
            results.append((assignment, "stale" if stale else "up to date"))
            continue
        if stale:
            _generate(ws, assignment, ws.course / "exercises")
            if stale_exercises(ws, [assignment]):
                raise GradingError(f"exercises/{assignment} is still stale after generation")
        status = "released" if stale else "up to date"
        if exchange:
            _publish(ws, assignment)
            status += f", published to the exchange {ws.exchange_root}"
        results.append((assignment, status))
    if progress:
        progress(len(names), len(names), "")
    return results


def _exchange_step(ws, step_class, what, settings=None, **coursedir):
    """Run one of nbgrader's exchange steps (``settings``: its options, e.g. ``force``); its failure
    becomes a GradingError naming the exchange."""
    from nbgrader.auth import Authenticator
    from nbgrader.exchange import ExchangeError

    step = _quiet(step_class(coursedir=ws.coursedir(**coursedir), authenticator=Authenticator(config=ws.config),
                             config=ws.config))
    for name, value in (settings or {}).items():
        setattr(step, name, value)
    try:
        step.start()
    except (ExchangeError, OSError) as error:
        raise GradingError(f"{what} failed in the exchange {ws.exchange_root}: {error or type(error).__name__}"
                           " (the exchange must exist and be writable: see the README's trainer section)") from error
    return step


def _publish(ws, assignment):
    """Put ``exercises/<assignment>`` into nbgrader's exchange (outbound), as ``nbgrader release_assignment``."""
    from nbgrader.exchange.default.release_assignment import ExchangeReleaseAssignment

    _ensure_registered(ws, assignment)
    with ws.gradebook() as gb:  # nbgrader's release_assignment wants it in the gradebook
        gb.update_or_create_assignment(assignment)
    _exchange_step(ws, ExchangeReleaseAssignment, f"publishing {assignment}", {"force": True},
                   assignment_id=assignment)


def _registered(ws, assignment):
    """Whether the gradebook holds the current locked and test cells of ``solutions/<assignment>``."""
    from nbgrader.api import MissingEntry

    current = {}
    for path in ws.source(assignment).glob("*.ipynb"):
        for cell in json.loads(path.read_text())["cells"]:
            meta = cell["metadata"].get("nbgrader", {})
            if meta.get("grade_id"):
                current[(path.stem, meta["grade_id"])] = None if meta.get("solution") else "".join(cell["source"])
    with ws.gradebook() as gb:
        try:
            notebooks = gb.find_assignment(assignment).notebooks
        except MissingEntry:
            return False
        stored = {(nb.name, c.name): (None if (nb.name, c.name) in current and current[(nb.name, c.name)] is None
                                      else c.source)
                  for nb in notebooks for c in nb.source_cells}
    return stored == current


def _stale_job(ws, assignment):
    """Worker: is exercises/<assignment> stale? Generates with a scratch gradebook (no shared write)."""
    from traitlets.config import Config

    with tempfile.TemporaryDirectory(prefix="pmo-release-") as scratch:
        extra = Config()
        extra.CourseDirectory.db_url = f"sqlite:///{Path(scratch, 'check.db').as_posix()}"
        config = copy.deepcopy(ws.config)
        config.merge(extra)
        private = Workspace(course=ws.course, root=Path(scratch), config=config, course_id=ws.course_id)
        _generate(private, assignment, Path(scratch) / "release")
        return not _same_release(Path(scratch) / "release" / assignment, ws.exercises(assignment))


def _stale_message(assignment):
    return (f"exercises/{assignment} is stale: solutions/{assignment} changed since it was released, so "
            f"trainees did not get the tests used for grading. Run `pmo-lessons release {assignment}` "
            f"(or pass --allow-stale)")


def _ensure_registered(ws, assignment):
    """Make sure the gradebook holds the current source of ``assignment`` (nbgrader's generation)."""
    if not _registered(ws, assignment):
        with tempfile.TemporaryDirectory(prefix="pmo-release-") as scratch:
            _generate(ws, assignment, Path(scratch))


# --------------------------------------------------------------------------------------------
# Collect
# --------------------------------------------------------------------------------------------

@dataclass
class CollectReport:
    """What ``collect`` took and skipped, with the reason of each."""

    taken: list = field(default_factory=list)    # (student, file, why)
    skipped: list = field(default_factory=list)  # (file, why)


def _entries(source):
    """(relative name, content, timestamp) of every file in a folder or a zip."""
    source = Path(source)
    if source.is_dir():
        for path in sorted(source.rglob("*")):
            if path.is_file() and ".ipynb_checkpoints" not in path.parts:
                stamp = _dt.datetime.fromtimestamp(path.stat().st_mtime)
                yield path.relative_to(source).as_posix(), path.read_bytes(), stamp
    elif zipfile.is_zipfile(source):
        with zipfile.ZipFile(source) as archive:
            for info in sorted(archive.infolist(), key=lambda i: i.filename):
                if not info.is_dir() and "__MACOSX" not in info.filename:
                    yield info.filename, archive.read(info), _dt.datetime(*info.date_time)
    elif source.exists():
        raise GradingError(f"{source} is neither a folder nor a zip file")
    else:
        raise GradingError(f"{source} does not exist")


def collect(ws, assignment, source=None, pattern=DEFAULT_PATTERN, exchange=False):
    """Copy submissions into the workspace's ``submitted/<trainee>/<assignment>/``.

    ``source`` is a folder or an LMS zip; ``pattern`` a regular expression with the groups
    ``student`` and (optionally) ``notebook``, matched against each file's path inside the source.
    With ``exchange`` the submissions come from nbgrader's exchange instead.
    """
    notebooks = ws.notebooks(assignment)
    report = CollectReport()
    if exchange:
        return _collect_exchange(ws, assignment, report)
    try:
        regex = re.compile(pattern)
    except re.error as error:
        raise GradingError(f"the file name pattern {pattern!r} is not a valid regular expression: {error}")
    if "student" not in regex.groupindex:
        raise GradingError(f"the file name pattern {pattern!r} needs a group (?P<student>...) for the trainee id")
    found = {}
    for name, read, stamp in _entries(source):
        match = regex.search(name)
        if not match:
            report.skipped.append((name, "unknown file: its name does not match the pattern"))
            continue
        student = match.group("student")
        notebook = match.groupdict().get("notebook") or (notebooks[0] if len(notebooks) == 1 else None)
        if not STUDENT_ID.match(student or ""):
            report.skipped.append((name, f"unknown file: {student!r} is not a usable trainee id"))
            continue
        if notebook not in notebooks:
            report.skipped.append((name, f"wrong assignment: {assignment} has no notebook {notebook!r} "
                                         f"(it has {', '.join(notebooks)})"))
            continue
        key = (student, notebook)
        if key in found:
            kept = found[key]
            newer, older = ((name, read, stamp), kept) if stamp >= kept[2] else (kept, (name, read, stamp))
            found[key] = newer
            report.skipped.append((older[0], f"duplicate: {student} handed in {notebook} twice; "
                                             f"kept the newer {newer[0]}"))
            continue
        found[key] = (name, read, stamp)
    for (student, notebook), (name, read, stamp) in sorted(found.items()):
        folder = ws.submitted(assignment, student)
        target = folder / f"{notebook}.ipynb"
        content = read
        if target.exists() and target.read_bytes() == content:
            report.skipped.append((name, f"unchanged: {student}'s {notebook} is already collected"))
            continue
        kept = _collected_at(folder)
        if target.exists() and kept and stamp < kept:
            report.skipped.append((name, f"older: {student}'s {notebook} handed in {stamp:%Y-%m-%d %H:%M} is older "
                                         f"than the one collected ({kept:%Y-%m-%d %H:%M}), which is kept"))
            continue
        why = "updated" if target.exists() else "new"
        folder.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
        (folder / "timestamp.txt").write_text(stamp.strftime("%Y-%m-%d %H:%M:%S.%f"))
        report.taken.append((student, name, why))
    return report


def _collected_at(folder):
    """When the submission collected in ``folder`` was handed in (its timestamp.txt), or None."""
    try:
        text = (Path(folder) / "timestamp.txt").read_text().strip()
        return _dt.datetime.fromisoformat(text.replace(" UTC", "").split("+")[0])
    except (OSError, ValueError):
        return None


def _collect_exchange(ws, assignment, report):
    from nbgrader.exchange.default.collect import ExchangeCollect

    before = {p.parent.name: _digest(p.glob("*.ipynb")) for p in ws.root.glob(f"submitted/*/{assignment}")}
    class OwnedCollect(ExchangeCollect):
        """nbgrader's collect, taking only folders written by the trainee they name (or by the
        collector: one account on a laptop). nbgrader only warns: its inbound folder is writable by
        every trainee, so one could plant a folder named as another's newer submission."""

        def init_src(self):
            self.planted = []
            super().init_src()
            self.src_records = [r for r in self.src_records if r["username"] is not None]

        def _path_to_record(self, path):
            record = super()._path_to_record(path)
            owner = os.stat(path).st_uid
            if hasattr(os, "getuid") and owner != os.getuid():
                import pwd

                try:
                    name = pwd.getpwuid(owner).pw_name
                except KeyError:
                    name = f"uid {owner}"
                if name != record["username"]:
                    self.planted.append((os.path.basename(path), name, record["username"]))
                    record["username"] = None
            return record

    # update: a newer submission replaces the one collected before
    step = _exchange_step(ws, OwnedCollect, f"collecting {assignment}", {"update": True}, assignment_id=assignment)
    for folder, owner, claimed in step.planted:
        report.skipped.append((folder, f"not collected: written by {owner}, not by {claimed} whose name it bears"))
    for folder in sorted(ws.root.glob(f"submitted/*/{assignment}")):
        student, digest = folder.parent.name, _digest(folder.glob("*.ipynb"))
        if before.get(student) == digest:
            report.skipped.append((str(folder), f"unchanged: {student} is already collected"))
        else:
            report.taken.append((student, "exchange", "updated" if student in before else "new"))
    return report


# --------------------------------------------------------------------------------------------
# Grade
# --------------------------------------------------------------------------------------------

def _safe_execute_class():
    """nbgrader's Execute preprocessor, hardened for untrusted notebooks.

    - the kernel starts with the limits of :class:`pmo_lessons.sandbox.Limits` and, where
      bubblewrap works, inside its sandbox (talking over Unix sockets in a private folder);
    - a cell that outlives its timeout even after an interrupt (a loop that catches
      ``KeyboardInterrupt``), or that kills the kernel (``os._exit``, a segfault, memory), gets an
      error output saying so; the kernel is restarted, the cells before it are run again (their
      saved outputs kept) and grading goes on with the next cell;
    - the submission has a wall-time budget: cells not reached get an error, so their tests score 0;
    - output beyond ``output_kb`` per cell is cut with a note (errors are always kept).
    """
    import asyncio
    import copy as _copy
    import subprocess
    import time

    from jupyter_client.manager import AsyncKernelManager
    from nbclient.exceptions import CellTimeoutError, DeadKernelError
    from nbclient.util import run_sync
    from nbformat.v4 import new_output
    from nbgrader.preprocessors import Execute
    from traitlets import Any, Float

    from . import sandbox

    class SandboxedKernelManager(AsyncKernelManager):
        wrap = Any(None, help="argv -> argv: the kernel command wrapped in the sandbox").tag(config=False)

        def format_kernel_cmd(self, extra_arguments=None):
            command = super().format_kernel_cmd(extra_arguments)
            return self.wrap(command) if self.wrap else command

    class SafeExecute(Execute):
        limits = Any(sandbox.Limits()).tag(config=False)
        scratch = Any(None, help="dict(work=, private=, forbidden=) to sandbox the kernel").tag(config=False)
        deadline = Float(0.0).tag(config=False)

        def __init__(self, *args, **kwargs):
            kwargs.setdefault("kernel_manager_class", SandboxedKernelManager)
            kwargs.setdefault("shutdown_kernel", "immediate")  # its state is never needed again: 0.3 s saved
            super().__init__(*args, **kwargs)
            self.failed = set()
            self._output_used = {}

        # ---- the kernel: limits, sandbox, sockets ------------------------------------------------
        def create_kernel_manager(self):
            km = super().create_kernel_manager()
            if self.scratch and self.scratch.get("sandboxed"):
                private = Path(self.scratch["private"])
                km.transport = "ipc"
                km.connection_file = str(private / "kernel.json")
                km.ip = str(private / "kernel-ipc")
                # an interrupt signal would reach bubblewrap's own process first (and end the
                # sandbox): ask the kernel itself, on its control channel
                km.kernel_spec.interrupt_mode = "message"
                km.wrap = lambda argv: sandbox.bwrap_command(
                    argv, self.scratch["work"], private, self.limits, self.scratch["env"],
                    forbidden=self.scratch.get("forbidden", ()))
            return km

        async def async_start_new_kernel(self, **kwargs):
            kwargs.setdefault("stdout", subprocess.DEVNULL)  # the kernel's own start-up chatter
            kwargs.setdefault("stderr", subprocess.DEVNULL)
            if os.name == "posix":
                group = self._group = sandbox.ProcessGroup(self.limits.processes)

                def confine(limits=self.limits):
                    group.join()
                    sandbox.apply_limits(limits)

                kwargs.setdefault("preexec_fn", confine)
            if self.scratch and not self.scratch.get("sandboxed"):
                kwargs.setdefault("env", {**os.environ, **self.scratch["env"]})
            await super().async_start_new_kernel(**kwargs)

        async def _async_cleanup_kernel(self):
            try:
                await super()._async_cleanup_kernel()
            finally:
                group = getattr(self, "_group", None)
                if group is not None:
                    group.close()  # whatever the submission left running

        # nbclient binds its synchronous wrappers to its own coroutines: bind them to these
        start_new_kernel = run_sync(async_start_new_kernel)
        _cleanup_kernel = run_sync(_async_cleanup_kernel)

        # ---- time: per cell, and the submission's budget ----------------------------------------
        async def _async_handle_timeout(self, timeout, cell=None):
            reply = await super()._async_handle_timeout(timeout, cell)
            if reply:  # interrupted: say so in words a trainee reads (nbgrader's says "no reply")
                text = f"this cell did not stop within {timeout} s and was interrupted"
                reply["content"].update(ename="CellTimeoutError", evalue=text, traceback=[f"CellTimeoutError: {text}"])
            return reply

        def _get_timeout(self, cell):
            timeout = super()._get_timeout(cell)
            if self.deadline:
                left = max(1, int(self.deadline - time.time()))
                timeout = left if timeout is None else min(timeout, left)
            return timeout

        async def async_execute_cell(self, cell, cell_index, execution_count=None, store_history=True):
            if cell.cell_type != "code" or not cell.source.strip():
                return await super().async_execute_cell(cell, cell_index, execution_count, store_history)
            if self.deadline and time.time() >= self.deadline:
                budget = self.limits.budget_seconds
                cell.outputs = [_error_output("TimeBudgetExceeded",
                                              f"not run: the submission used up its time budget of {budget} s")]
                return cell
            try:
                return await super().async_execute_cell(cell, cell_index, execution_count, store_history)
            except (CellTimeoutError, DeadKernelError, asyncio.TimeoutError, RuntimeError) as error:
                dead = isinstance(error, DeadKernelError) or "died" in str(error).lower()
                if dead:
                    text = ("the kernel died while running this cell (the code ended the process, crashed "
                            "or ran out of memory); the cells after it were run in a fresh kernel")
                else:
                    text = (f"this cell did not stop within {self._get_timeout(cell)} s, even when "
                            "interrupted; the cells after it were run in a fresh kernel")
                cell.outputs = list(cell.get("outputs", [])) + [
                    _error_output("KernelDied" if dead else "CellTimeoutError", text)]
                self.nb["cells"][cell_index] = cell
                self.failed.add(cell_index)
                await self._restart_and_replay(cell_index)
                return cell

        execute_cell = run_sync(async_execute_cell)

        async def _restart_and_replay(self, upto):
            """A fresh kernel, then the code cells before ``upto`` again (except those that failed)."""
            for _ in range(upto + 1):
                await self._async_cleanup_kernel()
                self.km = self.create_kernel_manager()
                await self.async_start_new_kernel()
                await self.async_start_new_kernel_client()
                for index in range(upto):
                    original = self.nb.cells[index]
                    if original.cell_type != "code" or index in self.failed or not original.source.strip():
                        continue
                    if self.deadline and time.time() >= self.deadline:
                        return
                    try:
                        await Execute.async_execute_cell(self, _copy.deepcopy(original), index, store_history=False)
                    except (CellTimeoutError, DeadKernelError, asyncio.TimeoutError, RuntimeError):
                        self.failed.add(index)
                        break  # this one fails now: start again without it
                    finally:
                        self.nb.cells[index] = original
                else:
                    return

        # ---- output size ------------------------------------------------------------------------
        def output(self, outs, msg, display_id, cell_index):
            cap = self.limits.output_kb * 1024
            if cap and msg["msg_type"] != "error":
                content = msg.get("content", {})
                size = len(content.get("text", "")) + sum(len(str(v)) for v in content.get("data", {}).values())
                used = self._output_used.get(cell_index, 0)
                self._output_used[cell_index] = used + size
                if used + size > cap:
                    if used <= cap:  # keep the head of a stream, then say where it was cut
                        if msg["msg_type"] == "stream":
                            outs.append(new_output("stream", name=content.get("name", "stdout"),
                                                   text=content.get("text", "")[:cap - used]))
                        outs.append(new_output("stream", name="stdout",
                                               text=f"\n[output cut by the grader: over {self.limits.output_kb} kB]\n"))
                    return None
            return super().output(outs, msg, display_id, cell_index)

    return SafeExecute


def _error_output(name, text):
    from nbformat.v4 import new_output

    return new_output("error", ename=name, evalue=text, traceback=[f"{name}: {text}"])


_WORKER_CONVERTERS = {}

# nbgrader's autograde passes, split by who may run them: workers never write the gradebook.
_WRITES_GRADEBOOK = ("SaveAutoGrades", "AssignLatePenalties")


GRADER_ERRORS = ("CellTimeoutError", "KernelDied", "TimeBudgetExceeded")


def _fault_notes(nb, limits, most=4):
    """What went wrong in a graded notebook, in a few words per cell: the grader's own stops (cell
    timeout, dead kernel, time budget, output cut) in any cell, errors in answer and other cells (a
    syntax error, MemoryError, input()...). Test cells' assertion messages are not repeated here:
    they are the diagnostics of the feedback. At most ``most`` notes, then how many more."""
    notes, budget = [], []
    for index, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        meta = cell.metadata.get("nbgrader", {})
        test = meta.get("grade") and not meta.get("solution")
        where = meta.get("grade_id") or f"cell {index + 1}"
        errors = [o for o in cell.get("outputs", []) if o.output_type == "error"]
        names = {o.ename for o in errors}
        if "TimeBudgetExceeded" in names:
            budget.append(where)
        elif errors and (not test or names & set(GRADER_ERRORS)):
            error = next((o for o in errors if o.ename in GRADER_ERRORS), errors[0])
            text = (error.get("evalue") or "").strip().splitlines()
            notes.append(f"{where}: {error.ename}" + (f": {text[0][:140]}" if text else ""))
        if any(o.output_type == "stream" and "[output cut by the grader" in "".join(o.get("text", ""))
               for o in cell.get("outputs", [])):
            notes.append(f"{where}: output cut by the grader: over {limits.output_kb} kB")
    if budget:
        more = f" and {len(budget) - 1} more cells" if len(budget) > 1 else ""
        notes.insert(0, f"{budget[0]}{more}: not run, the time budget of {limits.budget_seconds} s was used up")
    return notes[:most] + ([f"{len(notes) - most} more"] if len(notes) > most else [])


def _kernel_env(sandboxed, work, private):
    """The kernel's environment: one thread per numeric library, caches in private places."""
    env = {"NBGRADER_EXECUTION": "autograde", "OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1",
           "MKL_NUM_THREADS": "1", "PYTHONDONTWRITEBYTECODE": "1", "MPLCONFIGDIR": str(Path(private) / "matplotlib"),
           "IPYTHONDIR": str(Path(private) / "ipython")}
    if sandboxed:
        env.update({"HOME": str(work), "PATH": f"{Path(sys.executable).parent}:/usr/bin:/bin",
                    "LANG": "C.UTF-8", "TMPDIR": str(Path(private) / "tmp")})
    return env


def _scratch(dest, private):
    """The kernel's folder: the submission's other files (data it ships), not the notebooks."""
    work = Path(private) / "work"
    work.mkdir()
    for item in Path(dest).iterdir():
        if item.suffix != ".ipynb" and item.name not in ("timestamp.txt", "submission_secret.txt"):
            (shutil.copytree if item.is_dir() else shutil.copy2)(item, work / item.name)
    (Path(private) / "tmp").mkdir()  # the kernel's temporary files (TMPDIR)
    cache = Path(private) / "matplotlib"
    cache.mkdir()
    try:  # the font list, so that each kernel does not rebuild it
        import matplotlib

        for found in Path(matplotlib.get_cachedir()).glob("fontlist-*.json"):
            shutil.copy2(found, cache / found.name)
    except Exception:
        pass
    return work


def _execute_job(job):
    """Worker: nbgrader's sanitize pass, its Execute (hardened, sandboxed where possible), and its
    autograde preprocessors that do not write the gradebook, on one submission; the notebook is
    written to autograded/. Never raises."""
    import time

    import nbformat
    from nbgrader.preprocessors import Execute

    from . import sandbox

    try:
        key = id(job["config"]) if job.get("local") else json.dumps(job["config"], sort_keys=True, default=str)
        converter = _WORKER_CONVERTERS.get(key)
        if converter is None:
            converter = _WORKER_CONVERTERS[key] = _make_autograde(job["config"])
        student, assignment = job["student"], job["assignment"]
        limits = job["limits"]
        after = [p for p in converter.autograde_preprocessors
                 if not issubclass(p, Execute) and p.__name__ not in _WRITES_GRADEBOOK]
        deadline = time.time() + limits.budget_seconds if limits.budget_seconds else 0.0
        sandboxed = bool(job.get("sandbox")) and sandbox.isolation()[0]
        notes = []
        for source in job["notebooks"]:
            converter._sanitizing = True
            repair = _repair_cells(job["known"].get(Path(source).stem, {}), job["tests"].get(Path(source).stem, ()),
                                   job.get("notes", ()))
            done = _run_pass(converter, [repair, *converter.sanitize_preprocessors], source, assignment, student)
            notes += done.get("pmo_repairs", [])
            path = Path(job["dest"]) / Path(source).name
            nb = nbformat.read(str(path), as_version=nbformat.NO_CONVERT)
            with tempfile.TemporaryDirectory(prefix="pmo-kernel-") as private:
                work = _scratch(job["dest"], private)
                scratch = {"sandboxed": sandboxed, "work": str(work), "private": private,
                           "env": _kernel_env(sandboxed, work, private), "forbidden": job.get("forbidden", ())}
                executor = _safe_execute_class()(config=job["config"], limits=limits, scratch=scratch,
                                                 deadline=deadline)
                executor.log.setLevel(50)
                nb, _ = executor.preprocess(nb, {"metadata": {"path": str(work)}})
            nbformat.write(nb, str(path))
            notes += _fault_notes(nb, limits)
            converter._sanitizing = False
            _run_pass(converter, after, path, assignment, student)
        return {"ok": True, "key": job["key"], "notes": notes}
    except BaseException as error:  # anything the executor could not absorb: the others go on
        reason = f"{type(error).__name__}: {str(error).strip().splitlines()[0] if str(error).strip() else ''}"
        if "DeadKernel" in type(error).__name__:
            reason = "the kernel died while running the notebook (out of memory, or the code ended the process)"
        return {"ok": False, "key": job["key"], "reason": reason.rstrip(": ")}


def _warm_worker():
    """Import the execution stack once per worker, not once per submission; on Linux, die with the
    grading run (a killed run leaves no worker behind)."""
    if sys.platform.startswith("linux"):
        import ctypes
        import signal

        try:
            ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
        except (OSError, AttributeError):
            pass
    import nbclient  # noqa: F401
    import nbformat  # noqa: F401
    import nbgrader.preprocessors  # noqa: F401


@dataclass
class GradeResult:
    """One trainee's grading outcome."""

    student: str
    status: str        # "graded", "broken" or "unchanged"
    score: float
    max_score: float
    reason: str = ""


def _make_autograde(config):
    """nbgrader's Autograde converter, set up to be driven one submission at a time."""
    from nbconvert.writers import FilesWriter
    from nbgrader.converters import Autograde
    from nbgrader.coursedir import CourseDirectory

    converter = _quiet(Autograde(coursedir=CourseDirectory(config=config), config=config))
    converter.force = True
    converter.writer = FilesWriter(parent=converter, config=converter.config)
    converter.exporter = converter.exporter_class(parent=converter, config=converter.config)
    return converter


def _run_pass(converter, preprocessors, source_path, assignment, student):
    """Run ``preprocessors`` (nbgrader's) over one notebook and write it into autograded/."""
    converter.exporter._preprocessors = []
    for preprocessor in preprocessors:
        converter.exporter.register_preprocessor(preprocessor)
    notebook = Path(source_path).stem
    resources = {
        "unique_key": notebook,
        "output_files_dir": f"{notebook}_files",
        "nbgrader": {"student": student, "assignment": assignment, "notebook": notebook,
                     "db_url": converter.coursedir.db_url},
    }
    output, resources = converter.exporter.from_filename(str(source_path), resources=resources)
    converter.writer.build_directory = converter._format_dest(assignment, student)
    converter.writer.write(output, resources, notebook_name=notebook)
    return resources


def _bare(source):
    """A cell's source as the trainee got it (hidden tests removed), whitespace aside: to compare."""
    return re.sub(r"\s+", "", HIDDEN.sub("", source))


def _repair_cells(known, tests=(), notes=()):
    """A preprocessor run before nbgrader's sanitize pass, on what the trainee handed in.

    ``known`` maps each grade id of the source notebook to its locked source (test and read-only
    cells) or None (answer cells); ``tests`` are the ids of its test cells. A second copy of a test or read-only cell is dropped; a second
    copy of an answer cell, or a cell whose grade id the source does not have (edited metadata),
    runs as a plain cell, without any hidden-test region; an edited test cell is noted (nbgrader's
    OverwriteCells puts the source back, and puts back deleted ones). The repairs, and ``notes``
    from the collection (a misnamed notebook), are listed in a note at the top of the notebook.
    """
    from nbformat.v4 import new_markdown_cell
    from nbgrader.preprocessors import NbGraderPreprocessor

    class RepairCells(NbGraderPreprocessor):
        def preprocess(self, nb, resources):
            seen, repairs, kept = set(), [], []
            for index, cell in enumerate(nb.cells):
                meta = cell.get("metadata", {}).get("nbgrader")
                gid = meta.get("grade_id") if isinstance(meta, dict) else None
                if not isinstance(meta, dict) or (gid is None and not any(
                        meta.get(k) for k in ("grade", "solution", "locked", "task"))):
                    kept.append(cell)
                    continue
                if gid in known and gid not in seen:
                    seen.add(gid)
                    if known[gid] is not None and _bare(cell.source) != _bare(known[gid]):
                        repairs.append(f"test cell {gid!r} was edited: put back as the assignment has it")
                    kept.append(cell)
                    continue
                if gid in seen and known.get(gid) is not None:
                    repairs.append(f"a second copy of cell {gid!r} was removed")
                    continue
                what = (f"a second copy of cell {gid!r}" if gid in seen
                        else f"cell {index + 1} (grade id {gid!r} is not in the assignment)")
                repairs.append(f"{what} was graded as a plain cell")
                del cell.metadata["nbgrader"]
                cell.source = HIDDEN.sub("", cell.source)
                kept.append(cell)
            nb.cells = kept
            repairs += [f"test cell {gid!r} was missing: put back from the assignment"
                        for gid in tests if gid not in seen]
            resources["pmo_repairs"] = repairs
            shown = [*notes, *repairs]
            if shown:
                nb.cells.insert(0, new_markdown_cell(
                    "**Repaired by the grader:** " + "; ".join(shown) + "."))
            return nb, resources

    return RepairCells()


def _prepare(ws, converter, assignment, student, notebooks):
    """nbgrader's autograde set-up of one submission (the gradebook writes: student, submission,
    missing notebooks at 0; the assignment's other files copied); returns the notebooks to grade."""
    converter.coursedir.assignment_id = assignment
    converter.coursedir.student_id = student
    converter._sanitizing = True
    dest = ws.autograded(assignment, student)
    if dest.exists():
        shutil.rmtree(dest)
    converter.notebooks = [str(ws.submitted(assignment, student) / f"{n}.ipynb") for n in notebooks
                           if (ws.submitted(assignment, student) / f"{n}.ipynb").exists()]
    converter.init_assignment(assignment, student)
    return list(converter.notebooks)


def _record(ws, converter, assignment, student, notebooks):
    """nbgrader's autograde preprocessors that write the gradebook (run by the main process only)."""
    converter.coursedir.assignment_id = assignment
    converter.coursedir.student_id = student
    converter._sanitizing = False
    preprocessors = [p for p in converter.autograde_preprocessors if p.__name__ in _WRITES_GRADEBOOK]
    for source in notebooks:
        _run_pass(converter, preprocessors, ws.autograded(assignment, student) / Path(source).name,
                  assignment, student)


def _record_zero(ws, assignment, student, reason):
    """Give a submission 0 on every check (it could not be graded) and drop its autograded copy."""
    dest = ws.autograded(assignment, student)
    if dest.exists():
        shutil.rmtree(dest)
    with ws.gradebook() as gb:
        gb.update_or_create_student(student)
        gb.update_or_create_submission(assignment, student)
        for notebook in gb.find_assignment(assignment).notebooks:
            for grade in gb.find_submission_notebook(notebook.name, assignment, student).grades:
                grade.auto_score = 0
                grade.needs_manual_grade = False
        gb.db.commit()


def _take_misnamed(folder, notebooks):
    """Where a trainee handed in a notebook under another name ("planning (1).ipynb") and the
    expected one is missing, take it under the expected name (a copy; the original stays).
    Only when it is unambiguous: one notebook missing, one unknown notebook. Returns the notes."""
    present = {p.stem for p in folder.glob("*.ipynb")}
    missing = [n for n in notebooks if n not in present]
    unknown = sorted(p for p in folder.glob("*.ipynb") if p.stem not in notebooks)
    if len(missing) == 1 and len(unknown) == 1:
        shutil.copy2(unknown[0], folder / f"{missing[0]}.ipynb")
    return [f"took {p.name!r} as {n}.ipynb (misnamed)" for p in unknown for n in notebooks
            if (folder / f"{n}.ipynb").exists() and (folder / f"{n}.ipynb").read_bytes() == p.read_bytes()]


def _check_notebook(path):
    """Why a submitted file is not a gradable notebook, or None."""
    import warnings

    import nbformat

    try:
        with warnings.catch_warnings():  # duplicate or missing cell ids: nbformat mends them, and says so
            warnings.simplefilter("ignore")
            nb = nbformat.read(str(path), as_version=4)
    except Exception as error:
        return f"{path.name} is not a valid notebook ({type(error).__name__}: {str(error).splitlines()[0][:200]})"
    if not isinstance(nb.get("cells"), list):
        return f"{path.name} has no cells"
    return None


def _scores(ws, assignment):
    with ws.gradebook() as gb:
        return {s["student"]: (s["score"], s["max_score"]) for s in gb.submission_dicts(assignment)}


def grade(ws, assignment, workers=None, memory_mb=None, force=False, allow_stale=False, progress=None,
          limits=None, isolate="auto"):
    """Autograde every collected submission of ``assignment``, ``workers`` at a time.

    Only submissions that are new or changed since the last run are graded (``force`` grades all).
    ``limits`` (a :class:`pmo_lessons.sandbox.Limits`) bounds each submission's memory, CPU, wall
    time, processes, file and output sizes; ``memory_mb`` overrides its memory limit. ``isolate``:
    ``"auto"`` sandboxes the kernels where bubblewrap works, ``"require"`` refuses to grade where it
    does not, ``"off"`` never sandboxes. Returns a :class:`GradeResult` per trainee, sorted by id.

    Killing a run at any moment loses nothing: each trainee's state is saved as soon as their
    grades are recorded, and a trainee whose grading was cut short is graded again next time.
    """
    from . import sandbox

    notebooks = ws.notebooks(assignment)
    workers = workers or (os.cpu_count() or 1) + 3  # measured: kernels wait while starting (benchmarks/grading.py)
    if workers < 1:
        raise GradingError(f"--workers must be at least 1, not {workers}")
    limits = limits or sandbox.Limits()
    if memory_mb is not None:
        if memory_mb < 0:
            raise GradingError(f"the memory limit must be 0 (none) or a number of MB, not {memory_mb}")
        limits = dataclasses.replace(limits, memory_mb=memory_mb)
    if isolate not in ("auto", "require", "off"):
        raise GradingError(f"isolate must be 'auto', 'require' or 'off', not {isolate!r}")
    sandboxed, how = sandbox.isolation()
    sandboxed = sandboxed and isolate != "off"
    if isolate == "require" and not sandboxed:
        raise GradingError(f"grading refused: submissions would run {how}")
    forbidden = (ws.course / "solutions", ws.root)
    if sandboxed:
        sandbox.check_hidden(forbidden)
    students = sorted(p.parent.name for p in ws.root.glob(f"submitted/*/{assignment}") if p.is_dir())
    if not students:
        raise GradingError(f"no submission of {assignment} in {ws.root / 'submitted'}: "
                           f"run `pmo-lessons collect {assignment} SOURCE` first")
    _ensure_registered(ws, assignment)
    state = ws.load_state(assignment)
    source = _digest(ws.source(assignment).glob("*.ipynb"))
    state["source"] = source
    check_release = not allow_stale and state.get("verified") != source
    timeout = ws.config.ExecutePreprocessor.get("timeout", 30)
    settings = f"{state.get('source')}|timeout={timeout}|{limits}|sandboxed={sandboxed}"
    known = _scores(ws, assignment)
    known_ids = {path.stem: {c["metadata"]["nbgrader"]["grade_id"]:
                             (None if c["metadata"]["nbgrader"].get("solution") else "".join(c["source"]))
                             for c in json.loads(path.read_text())["cells"]
                             if c["metadata"].get("nbgrader", {}).get("grade_id")}
                 for path in ws.source(assignment).glob("*.ipynb")}
    test_ids = {path.stem: [c["metadata"]["nbgrader"]["grade_id"] for c in json.loads(path.read_text())["cells"]
                            if c["metadata"].get("nbgrader", {}).get("grade")
                            and not c["metadata"]["nbgrader"].get("solution")]
                for path in ws.source(assignment).glob("*.ipynb")}
    todo, results, renamed = [], {}, {}
    for student in students:
        renamed[student] = _take_misnamed(ws.submitted(assignment, student), notebooks)
        files = list(ws.submitted(assignment, student).glob("*"))
        fingerprint = hashlib.sha256((_digest(files) + settings).encode()).hexdigest()
        previous = state["students"].get(student, {})
        graded_before = student in known and (previous.get("status") == "broken"
                                              or ws.autograded(assignment, student).exists())
        if not force and previous.get("fingerprint") == fingerprint and graded_before:
            score, max_score = known[student]
            results[student] = GradeResult(student, "unchanged", score, max_score, previous.get("reason", ""))
        else:
            todo.append((student, fingerprint))
    for student, _ in todo:  # a run killed from here on grades them again next time
        state["students"].pop(student, None)
    ws.save_state(assignment, state)
    total, done = len(todo), 0

    def tick(label):
        if progress:
            progress(done, total, label)

    tick("")
    converter = _make_autograde(ws.config)
    outcome = {}
    pool = None
    if workers > 1 and len(todo) > 1:
        # started before any gradebook work, so the forked workers inherit no open connection
        method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
        pool = concurrent.futures.ProcessPoolExecutor(min(workers, len(todo)), initializer=_warm_worker,
                                                      mp_context=multiprocessing.get_context(method))

    prepared = {}

    def finish(result):
        nonlocal done
        student = result["key"]
        if not result["ok"]:
            _record_zero(ws, assignment, student, result["reason"])
            outcome[student] = ("broken", result["reason"])
        else:
            try:
                _record(ws, converter, assignment, student, prepared[student])
                notes = renamed.get(student, []) + result.get("notes", [])
                outcome[student] = ("graded", "; ".join(notes) if prepared[student] else "no notebook handed in")
            except Exception as error:
                reason = f"nbgrader could not record the grades: {type(error).__name__}: {error}"
                _record_zero(ws, assignment, student, reason)
                outcome[student] = ("broken", reason)
        status, reason = outcome[student]
        state["students"][student] = {"fingerprint": fingerprints[student], "status": status, "reason": reason}
        ws.save_state(assignment, state)  # this trainee is done, whatever happens to the run next
        done += 1
        tick(student)

    fingerprints = dict(todo)
    futures = []
    stale_check = None
    if check_release and pool is None:
        if _stale_job(ws, assignment):
            raise GradingError(_stale_message(assignment))
    elif check_release:
        stale_check = pool.submit(_stale_job, ws, assignment)  # runs while the main process sanitizes
    try:
        for student, fingerprint in todo:
            reasons = [r for r in (_check_notebook(ws.submitted(assignment, student) / f"{n}.ipynb")
                                   for n in notebooks if (ws.submitted(assignment, student) / f"{n}.ipynb").exists())
                       if r]
            handed_in = [n for n in notebooks if (ws.submitted(assignment, student) / f"{n}.ipynb").exists()]
            if not handed_in and not reasons:
                found = sorted(p.name for p in ws.submitted(assignment, student).iterdir()
                               if p.name not in ("timestamp.txt", "submission_secret.txt"))
                reasons = [f"no notebook handed in: expected {', '.join(n + '.ipynb' for n in notebooks)}, "
                           f"found {', '.join(found) if found else 'nothing'}"]
            if not reasons:
                try:
                    prepared[student] = _prepare(ws, converter, assignment, student, notebooks)
                except Exception as error:
                    reasons = [f"nbgrader could not prepare the notebook: {type(error).__name__}: {error}"]
            if reasons:
                _record_zero(ws, assignment, student, reasons[0])
                outcome[student] = ("broken", "; ".join(reasons))
                state["students"][student] = {"fingerprint": fingerprints[student], "status": "broken",
                                              "reason": outcome[student][1]}
                ws.save_state(assignment, state)
                done += 1
                tick(student)
                continue
            job = {"key": student, "student": student, "assignment": assignment,
                   "notebooks": prepared[student], "dest": str(ws.autograded(assignment, student)),
                   "config": ws.config, "limits": limits, "sandbox": sandboxed, "known": known_ids,
                   "notes": renamed.get(student, []), "tests": test_ids,
                   "forbidden": [str(f) for f in forbidden], "local": pool is None}
            if pool is None:
                finish(_execute_job(job))
            else:
                futures.append(pool.submit(_execute_job, job))
        if stale_check is not None and stale_check.result():
            raise GradingError(_stale_message(assignment))
        for future in concurrent.futures.as_completed(futures):
            finish(future.result())
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)

    if check_release:
        state["verified"] = source
    scores = _scores(ws, assignment)
    for student, (status, reason) in outcome.items():
        score, max_score = scores.get(student, (0.0, 0.0))
        results[student] = GradeResult(student, status, score, max_score, reason)
    ws.save_state(assignment, state)
    return [results[s] for s in sorted(results)]


# --------------------------------------------------------------------------------------------
# What a graded notebook says: checks, scores, diagnostics
# --------------------------------------------------------------------------------------------

def question_of(grade_id):
    """The question a grade cell belongs to: ``q3b_tests`` -> ``q3``; other ids are their own question."""
    match = re.match(r"^(q\d+)", grade_id)
    return match.group(1) if match else grade_id


_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


def _diagnostic(output):
    """The exception line of an error output: ``AssertionError: You added ...``."""
    message = " ".join(str(output.get("evalue", "")).split())
    name = output.get("ename", "Error")
    return f"{name}: {message}" if message else name


def _checks(ws, assignment, student):
    """Every grade cell of a trainee's autograded notebooks: (notebook, grade_id, score, max, diagnostic)."""
    import nbformat

    rows = []
    with ws.gradebook() as gb:
        for notebook in gb.find_assignment(assignment).notebooks:
            try:
                submitted = gb.find_submission_notebook(notebook.name, assignment, student)
            except Exception:
                continue
            grades = {g.name: g for g in submitted.grades}
            path = ws.autograded(assignment, student) / f"{notebook.name}.ipynb"
            diagnostics = {}
            if path.exists():
                nb = nbformat.read(str(path), as_version=4)
                for cell in nb.cells:
                    meta = cell.metadata.get("nbgrader", {})
                    if meta.get("grade") and cell.cell_type == "code":
                        errors = [_diagnostic(o) for o in cell.get("outputs", []) if o.output_type == "error"]
                        diagnostics[meta["grade_id"]] = errors[0] if errors else ""
            for cell in notebook.grade_cells:
                grade = grades.get(cell.name)
                score = grade.score if grade is not None else 0.0
                message = diagnostics.get(cell.name, "")
                if grade is not None and grade.needs_manual_grade:
                    message = MANUAL
                rows.append((notebook.name, cell.name, score, cell.max_score, message))
    return rows


def hidden_lines(ws, assignment, minimum=4):
    """The lines of the ``### BEGIN HIDDEN TESTS`` blocks of ``solutions/<assignment>``.

    Lines that also appear outside the hidden blocks (a lone ``)``, a line shared with a visible
    check) and lines shorter than ``minimum`` characters are left out: they reveal nothing.
    """
    secret = set()
    for path in sorted(ws.source(assignment).glob("*.ipynb")):
        nb = json.loads(path.read_text())
        public = set()
        for cell in nb["cells"]:
            text = "".join(cell["source"])
            for block in HIDDEN.findall(text):
                secret |= {line.strip() for line in block.splitlines()}
            public |= {line.strip() for line in HIDDEN.sub("", text).splitlines()}
        secret -= public
    return sorted(line for line in secret if len(line) >= minimum and "HIDDEN TESTS" not in line)


def html_text(page):
    """The text a reader sees in an HTML page: no tags, no scripts or styles, entities decoded.

    >>> html_text('<style>p{}</style><p>a &lt; <span>b</span></p>')
    'a < b'
    """
    page = re.sub(r"(?is)<(script|style)\b.*?</\1>", "", page)
    page = re.sub(r"(?s)<[^>]+>", "", page)
    return html.unescape(page)


def _leaks(page, secrets):
    text = " ".join(html_text(page).split())
    raw = " ".join(html.unescape(page).split())
    return [line for line in secrets if " ".join(line.split()) in text or " ".join(line.split()) in raw]


# --------------------------------------------------------------------------------------------
# Feedback
# --------------------------------------------------------------------------------------------

def _feedback_preprocessors():
    """nbgrader-style preprocessors for feedback: a summary on top, grade-cell tracebacks cut."""
    from nbformat.v4 import new_markdown_cell
    from nbgrader import utils
    from nbgrader.preprocessors import NbGraderPreprocessor

    class StripGradeTracebacks(NbGraderPreprocessor):
        """Cut the tracebacks of grade cells to the exception line: a traceback quotes hidden tests."""

        def preprocess_cell(self, cell, resources, index):
            if cell.cell_type == "code" and utils.is_grade(cell):
                for output in cell.get("outputs", []):
                    if output.output_type == "error":
                        output.traceback = [_diagnostic(output)]
            return cell, resources

    class FeedbackSummary(NbGraderPreprocessor):
        """Put a table on top: score per question and check, with its diagnostic message."""

        def preprocess(self, nb, resources):
            rows = resources.get("pmo_checks", [])
            if rows:
                body = "".join(
                    f"<tr><td>{html.escape(question_of(gid))}</td><td>{html.escape(gid)}</td>"
                    f"<td>{score:g} / {points:g}</td><td>{html.escape(message)}</td></tr>"
                    for _, gid, score, points, message in rows)
                total = sum(r[2] for r in rows), sum(r[3] for r in rows)
                by_question = {}
                for _, gid, score, points, _ in rows:
                    q = by_question.setdefault(question_of(gid), [0, 0])
                    q[0] += score
                    q[1] += points
                questions = ", ".join(f"{q}: {s:g}/{p:g}" for q, (s, p) in by_question.items())
                table = (f"## Your results: {total[0]:g} / {total[1]:g}\n\n{questions}\n\n"
                         "<table><thead><tr><th>question</th><th>check</th><th>score</th><th>message</th>"
                         f"</tr></thead><tbody>{body}</tbody></table>\n")
                nb.cells.insert(0, new_markdown_cell(table))
            return nb, resources

    return StripGradeTracebacks, FeedbackSummary


def _broken_page(student, assignment, reason, rows):
    total = sum(r[3] for r in rows)
    body = "".join(f"<tr><td>{html.escape(question_of(g))}</td><td>{html.escape(g)}</td><td>0 / {p:g}</td></tr>"
                   for _, g, _, p, _ in rows)
    return (f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{html.escape(assignment)}: "
            f"{html.escape(student)}</title></head><body><h1>{html.escape(assignment)}: {html.escape(student)}</h1>"
            f"<p><strong>Score: 0 / {total:g}.</strong> Your submission could not be graded: "
            f"{html.escape(reason)}</p><p>Open it in JupyterLab, restart the kernel and run all cells, save, "
            f"and hand it in again.</p><table><tr><th>question</th><th>check</th><th>score</th></tr>{body}"
            "</table></body></html>")


def feedback(ws, assignment, students=None, progress=None, exchange=False):
    """Write one HTML feedback page per graded trainee; returns the paths written.

    The pages come from nbgrader's feedback pipeline (``GetGrades``, its feedback template) with
    hidden tests cleared from the cells, grade cells' tracebacks cut to the exception line and a
    results table on top; a page that still contains a hidden line is not written (GradingError).
    With ``exchange`` the pages of trainees who submitted through nbgrader's exchange are published
    there (as ``nbgrader release_feedback``): they fetch them from JupyterLab's Assignments tab.
    """
    from nbconvert.exporters import HTMLExporter
    from nbconvert.preprocessors import CSSHTMLHeaderPreprocessor
    from nbconvert.writers import FilesWriter
    from nbgrader.converters import GenerateFeedback
    from nbgrader.preprocessors import ClearHiddenTests, GetGrades

    ws.notebooks(assignment)
    state = ws.load_state(assignment)
    graded = sorted(set(_scores(ws, assignment)))
    if students:
        unknown = sorted(set(students) - set(graded))
        if unknown:
            raise GradingError(f"no graded submission of {assignment} for {', '.join(unknown)}: grade first")
        graded = sorted(students)
    if not graded:
        raise GradingError(f"no graded submission of {assignment}: run `pmo-lessons grade {assignment}` first")
    secrets = hidden_lines(ws, assignment)
    strip, summary = _feedback_preprocessors()
    converter = _quiet(GenerateFeedback(coursedir=ws.coursedir(), config=ws.config))
    converter.writer = FilesWriter(parent=converter, config=converter.config)
    converter.exporter = converter.exporter_class(parent=converter, config=converter.config)
    assert isinstance(converter.exporter, HTMLExporter)
    for pp in (GetGrades, ClearHiddenTests, strip, summary, CSSHTMLHeaderPreprocessor):
        converter.exporter.register_preprocessor(pp)
    written = []
    for done, student in enumerate(graded):
        if progress:
            progress(done, len(graded), student)
        out_dir = ws.root / "feedback" / student / assignment
        if out_dir.exists():
            shutil.rmtree(out_dir)
        out_dir.mkdir(parents=True)
        rows = _checks(ws, assignment, student)
        info = state["students"].get(student, {})
        pages = []
        if info.get("status") == "broken" or not ws.autograded(assignment, student).exists():
            reason = info.get("reason") or "it was not graded"
            pages.append((out_dir / f"{assignment}.html", _broken_page(student, assignment, reason, rows)))
        else:
            for path in sorted(ws.autograded(assignment, student).glob("*.ipynb")):
                resources = {
                    "unique_key": path.stem, "output_files_dir": f"{path.stem}_files",
                    "nbgrader": {"student": student, "assignment": assignment, "notebook": path.stem,
                                 "db_url": ws.db_url},
                    "pmo_checks": [r for r in rows if r[0] == path.stem],
                }
                page, _ = converter.exporter.from_filename(str(path), resources=resources)
                pages.append((out_dir / f"{path.stem}.html", page))
        for target, page in pages:
            leaked = _leaks(page, secrets)
            if leaked:
                shutil.rmtree(out_dir)
                raise GradingError(f"the feedback page for {student} ({target.name}) would show a hidden test "
                                   f"line: {leaked[0]!r}; nothing written for {student}")
            target.write_text(page, encoding="utf-8")
            written.append(target)
        for name in ("timestamp.txt", "submission_secret.txt"):  # what the exchange keys feedback on
            if (ws.submitted(assignment, student) / name).exists():
                shutil.copy(ws.submitted(assignment, student) / name, out_dir / name)
    if exchange:
        from nbgrader.exchange.default.release_feedback import ExchangeReleaseFeedback

        for student in graded:
            if (ws.root / "feedback" / student / assignment / "submission_secret.txt").exists():
                _exchange_step(ws, ExchangeReleaseFeedback, f"publishing {student}'s feedback on {assignment}",
                               assignment_id=assignment, student_id=student)
    if progress:
        progress(len(graded), len(graded), "")
    return written


# --------------------------------------------------------------------------------------------
# Report
# --------------------------------------------------------------------------------------------

def _figure_uri(figure):
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=100, bbox_inches="tight")
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


def class_table(ws, assignment):
    """One row per trainee: status, score, one column per question, reason; and the checks' rows."""
    state = ws.load_state(assignment)
    scores = _scores(ws, assignment)
    questions, rows, checks = [], [], {}
    for student in sorted(scores):
        student_checks = _checks(ws, assignment, student)
        checks[student] = student_checks
        per_question = {}
        for _, gid, score, points, _ in student_checks:
            q = question_of(gid)
            if q not in questions:
                questions.append(q)
            per_question[q] = per_question.get(q, 0) + score
        info = state["students"].get(student, {})
        score, max_score = scores[student]
        waiting = sorted({question_of(gid) for _, gid, _, _, message in student_checks if message == MANUAL})
        reason = "; ".join(filter(None, [info.get("reason", ""), waiting and
                                         f"{', '.join(waiting)}: waiting for the trainer's grade (formgrader)"]))
        rows.append({"student": student, "status": info.get("status", "graded"), "score": score,
                     "max_score": max_score, **per_question, "reason": reason})
    return questions, rows, checks


def report(ws, assignment, out_dir=None):
    """Write ``<assignment>_grades.csv`` and ``<assignment>_summary.html``; returns both paths."""
    from matplotlib.figure import Figure

    ws.notebooks(assignment)
    questions, rows, checks = class_table(ws, assignment)
    if not rows:
        raise GradingError(f"no graded submission of {assignment}: run `pmo-lessons grade {assignment}` first")
    out_dir = Path(out_dir) if out_dir else ws.root / "reports"
    out_dir.mkdir(parents=True, exist_ok=True)
    csv_path = out_dir / f"{assignment}_grades.csv"
    columns = ["student", "status", "score", "max_score", *questions, "reason"]
    with csv_path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns)
        writer.writeheader()
        for row in rows:
            writer.writerow({k: (f"{v:g}" if isinstance(v, float) else v) for k, v in row.items()})

    max_score = max(r["max_score"] for r in rows)
    points = {}
    for student_checks in checks.values():
        for _, gid, _, p, _ in student_checks:
            points[question_of(gid)] = points.get(question_of(gid), 0) + p
        break
    lost = {q: sum(points[q] - r.get(q, 0) for r in rows) / (len(rows) * points[q]) for q in questions if points.get(q)}
    messages = Counter(m for cs in checks.values() for (_, _, s, p, m) in cs if m and m != MANUAL and s < p)

    fig1 = Figure(figsize=(6, 3))
    ax = fig1.subplots()
    ax.hist([r["score"] for r in rows], bins=range(0, int(max_score) + 2), color="#4C72B0", edgecolor="white",
            align="left")
    ax.set_xlabel(f"score (out of {max_score:g})")
    ax.set_ylabel("trainees")
    ax.set_title(f"{assignment}: score distribution ({len(rows)} trainees)")
    fig2 = Figure(figsize=(6, 3))
    ax = fig2.subplots()
    order = sorted(lost, key=lost.get, reverse=True)
    ax.barh(order[::-1], [100 * lost[q] for q in order[::-1]], color="#DD8452")
    ax.set_xlabel("% of the question's points missed by the class")
    ax.set_title("Most missed questions")
    top = messages.most_common(10)
    fig3 = Figure(figsize=(7, 0.4 * max(len(top), 1) + 1))
    ax = fig3.subplots()
    labels = [(m[:70] + "...") if len(m) > 70 else m for m, _ in top][::-1]
    ax.barh(range(len(top)), [n for _, n in top][::-1], color="#55A868")
    ax.set_yticks(range(len(top)), labels, fontsize=8)
    ax.set_xlabel("trainees")
    ax.set_title("Most frequent diagnostic messages")

    def cell(value):
        return f"{value:g}" if isinstance(value, float) else html.escape(str(value))

    table = "".join("<tr>" + "".join(f"<td>{cell(r.get(c, ''))}</td>" for c in columns) + "</tr>" for r in rows)
    message_rows = "".join(f"<tr><td>{n}</td><td>{html.escape(m)}</td></tr>" for m, n in top)
    mean = sum(r["score"] for r in rows) / len(rows)
    page = f"""<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>{html.escape(assignment)}: class summary</title>
<style>body{{font-family:sans-serif;max-width:60em;margin:2em auto}}table{{border-collapse:collapse}}
td,th{{border:1px solid #ccc;padding:.2em .5em;font-size:.9em}}</style></head><body>
<h1>{html.escape(assignment)}: class summary</h1>
<p>{len(rows)} trainees; mean score {mean:.1f} / {max_score:g};
{sum(r['status'] == 'broken' for r in rows)} submissions could not be graded.</p>
<h2>Score distribution</h2><img alt="score distribution" src="{_figure_uri(fig1)}">
<h2>Most missed questions</h2><img alt="most missed questions" src="{_figure_uri(fig2)}">
<h2>Most frequent diagnostic messages</h2><img alt="most frequent diagnostics" src="{_figure_uri(fig3)}">
<table><tr><th>trainees</th><th>message</th></tr>{message_rows}</table>
<h2>Grades</h2><table><tr>{''.join(f'<th>{html.escape(c)}</th>' for c in columns)}</tr>{table}</table>
</body></html>
"""
    html_path = out_dir / f"{assignment}_summary.html"
    html_path.write_text(page, encoding="utf-8")
    return csv_path, html_path
