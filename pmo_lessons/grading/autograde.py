"""Autograde: every collected submission graded with nbgrader's own passes, in parallel, once.

nbgrader's ``nbgrader autograde`` runs one submission after the other. :func:`grade` runs the
same passes of nbgrader's ``Autograde`` converter (its ``sanitize_preprocessors``, then its
``autograde_preprocessors``), split by who may run them, in three steps per submission:

1. **prepare**, in the main process: a misnamed notebook is taken under its expected name
   (:func:`take_misnamed`), a file that is not a notebook makes the submission broken
   (:func:`gradable`), then nbgrader's set-up (:func:`set_up`: the student and submission in
   the gradebook, missing notebooks at 0, the assignment's other files copied);
2. **execute**, in a pool of warm worker processes (:func:`execute`): the kit's
   ``RepairCells`` (:func:`repair_cells`) and nbgrader's sanitize pass (restore locked and test
   cells from the gradebook, check the metadata), nbgrader's ``Execute`` hardened and sandboxed
   (``preprocessors.SafeExecute``: per-cell timeout, a time budget, limits on memory, CPU,
   processes, file and output size), then the autograde preprocessors that do not write the
   gradebook (:func:`after_execution`);
3. **record**, in the main process alone: nbgrader's ``SaveAutoGrades`` and
   ``AssignLatePenalties`` (:func:`recording`, :func:`save_grades`). The gradebook has one writer.

Scores equal those of ``nbgrader autograde``; the formgrader and ``nbgrader export`` see them.
A submission that cannot be graded (invalid JSON, a kernel that dies for good, a notebook
nbgrader cannot sanitize) gets 0 with the reason (:func:`record_zero`), and the others are graded.
A submission is graded again only if its files, the assignment's source or the grading limits
changed (:func:`fingerprint`, kept in the workspace's state); each trainee's state is saved as
soon as their grades are recorded, so a run killed at any moment loses nothing.
"""

from __future__ import annotations

import concurrent.futures
import dataclasses
import hashlib
import json
import multiprocessing
import os
import re
import shutil
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from .. import sandbox
from .checks import HIDDEN, fault_notes, scores
from .plan import source_plan
from .release import ensure_registered, stale_message, stale_release
from .workspace import GradingError, digest, quiet

__all__ = [
    "grade",
    "GradeResult",
    "GradingRun",
    "Job",
    "Execution",
    "WRITES_GRADEBOOK",
    "grading_settings",
    "fingerprint",
    "source_cells",
    "take_misnamed",
    "unsafe_entries",
    "check_notebook",
    "read_json",
    "source_metadata",
    "gradable",
    "repair_cells",
    "make_autograde",
    "run_pass",
    "after_execution",
    "recording",
    "set_up",
    "execute",
    "save_grades",
    "record_zero",
    "kernel_env",
    "kernel_folder",
    "copy_plain",
    "private_root",
    "run_tests",
    "warm_worker",
]

#: nbgrader's autograde preprocessors that write the gradebook: the main process alone runs them.
WRITES_GRADEBOOK = ("SaveAutoGrades", "AssignLatePenalties")
#: How the kit grades: tests in a trusted interpreter, answers taken as data. Part of every fingerprint.
GRADER = "trusted-tests-1"
#: nbgrader's own files in a submission folder (not the trainee's).
SUBMISSION_FILES = ("timestamp.txt", "submission_secret.txt")


@dataclass
class GradeResult:
    """One trainee's grading outcome."""

    student: str
    status: str        # "graded", "broken" or "unchanged"
    score: float
    max_score: float
    reason: str = ""


# --------------------------------------------------------------------------------------------
# What decides whether a submission is graded again
# --------------------------------------------------------------------------------------------

def grading_settings(source, timeout, limits, sandboxed):
    """What, besides the submission, decides its grades: the assignment's source (its digest),
    the cell timeout, the limits, the isolation and the way the kit grades (:data:`GRADER`: a kit
    that grades differently grades everything again). Part of every :func:`fingerprint`.

    >>> grading_settings("ab12", 30, sandbox.Limits(), True).split("|")
    ['ab12', 'timeout=30',
     'Limits(memory_mb=2048, cpu_seconds=600, processes=64, file_mb=64, output_kb=256, budget_seconds=600,
             scratch_mb=256)',
     'sandboxed=True', 'grader=trusted-tests-1']
    """
    return f"{source}|timeout={timeout}|{limits}|sandboxed={sandboxed}|grader={GRADER}"


def fingerprint(files, settings):
    """A submission's fingerprint: the names and contents of its files (not their dates, not the
    folder they are in) and the :func:`grading_settings`. Equal fingerprints, equal grades."""
    return hashlib.sha256((digest(files) + settings).encode()).hexdigest()


def source_cells(ws, assignment):
    """The grade ids of the source notebooks: ``(known, tests)``, both by notebook name.

    ``known[notebook]`` maps each grade id to its locked source (test and read-only cells) or None
    (answer cells); ``tests[notebook]`` lists the ids of its test cells, in order.
    """
    known, tests = {}, {}
    for path in ws.source(assignment).glob("*.ipynb"):
        cells = json.loads(path.read_text())["cells"]
        known[path.stem] = {c["metadata"]["nbgrader"]["grade_id"]:
                            (None if c["metadata"]["nbgrader"].get("solution") else "".join(c["source"]))
                            for c in cells if c["metadata"].get("nbgrader", {}).get("grade_id")}
        tests[path.stem] = [c["metadata"]["nbgrader"]["grade_id"] for c in cells
                            if c["metadata"].get("nbgrader", {}).get("grade")
                            and not c["metadata"]["nbgrader"].get("solution")]
    return known, tests


# --------------------------------------------------------------------------------------------
# Prepare (main process): what was handed in, and nbgrader's set-up
# --------------------------------------------------------------------------------------------

def unsafe_entries(folder):
    """What a submission folder holds that is never read: links and special files, in words.

    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> (folder / "planning.ipynb").symlink_to("/etc/hostname")
    >>> unsafe_entries(folder)
    ['a link (planning.ipynb)']
    """
    import stat

    found = []
    for item in sorted(Path(folder).iterdir()):
        mode = item.lstat().st_mode
        if stat.S_ISLNK(mode):
            found.append(f"a link ({item.name})")
        elif stat.S_ISDIR(mode):
            found += unsafe_entries(item)
        elif not stat.S_ISREG(mode):
            found.append(f"a special file ({item.name})")
    return found


def take_misnamed(folder, notebooks):
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


def read_json(path):
    """A submitted notebook's JSON (a dict with a list of cells), or why it is not one (a str)."""
    try:
        data = json.loads(Path(path).read_bytes())
    except json.JSONDecodeError as error:
        return (f"{path.name} is not a valid notebook (its text is not JSON: {error.msg} at line {error.lineno}, "
                f"column {error.colno})")
    except UnicodeDecodeError:
        return f"{path.name} is not a valid notebook (its bytes are not text)"
    except (ValueError, RecursionError, OSError):
        return f"{path.name} is not a valid notebook (its text cannot be read as JSON)"
    if not isinstance(data, dict) or not isinstance(data.get("cells"), list):
        return f"{path.name} is not a valid notebook (it has no list of cells)"
    if data.get("nbformat") not in (None, 4) or isinstance(data.get("nbformat"), bool):
        return f"{path.name} is not a notebook of version 4 (Jupyter's format since 2015)"
    return data


def check_notebook(path):
    """Why a submitted file is not a gradable notebook, or None. Malformed cells do not count:
    they are mended one by one (:func:`pmo_lessons.grading.mend.mend_notebook`)."""
    data = read_json(path)
    return data if isinstance(data, str) else None


def source_metadata(ws, assignment):
    """The grading metadata of each cell of the source notebooks: ``{notebook: {grade id: metadata}}``."""
    found = {}
    for path in ws.source(assignment).glob("*.ipynb"):
        cells = json.loads(path.read_text())["cells"]
        found[path.stem] = {c["metadata"]["nbgrader"]["grade_id"]: c["metadata"]["nbgrader"] for c in cells
                            if isinstance(c["metadata"].get("nbgrader", {}).get("grade_id"), str)}
    return found


def gradable(folder, notebooks):
    """Why the submission in ``folder`` cannot be graded at all (a file that is not a notebook, no
    notebook handed in), as a list of reasons; empty if it can."""
    handed_in = [n for n in notebooks if (folder / f"{n}.ipynb").exists()]
    reasons = [r for r in (check_notebook(folder / f"{n}.ipynb") for n in handed_in) if r]
    if not handed_in and not reasons:
        found = sorted(p.name for p in folder.iterdir() if p.name not in SUBMISSION_FILES)
        reasons = [f"no notebook handed in: expected {', '.join(n + '.ipynb' for n in notebooks)}, "
                   f"found {', '.join(found) if found else 'nothing'}"]
    return reasons


def make_autograde(config):
    """nbgrader's Autograde converter, set up to be driven one submission at a time."""
    from nbconvert.writers import FilesWriter
    from nbgrader.converters import Autograde
    from nbgrader.coursedir import CourseDirectory

    converter = quiet(Autograde(coursedir=CourseDirectory(config=config), config=config))
    converter.force = True
    converter.writer = FilesWriter(parent=converter, config=converter.config)
    converter.exporter = converter.exporter_class(parent=converter, config=converter.config)
    return converter


def set_up(ws, converter, assignment, student, notebooks):
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


# --------------------------------------------------------------------------------------------
# Execute (worker processes): repair, sanitize, run, and the passes that write no gradebook
# --------------------------------------------------------------------------------------------

def _bare(source):
    """A cell's source as the trainee got it (hidden tests removed), whitespace aside: to compare."""
    return re.sub(r"\s+", "", HIDDEN.sub("", source))


def repair_cells(cells, known, tests=()):
    """Mend what a trainee did to a notebook's cells, before nbgrader's sanitize pass:
    ``(cells kept, repairs)``, the repairs in words.

    ``known`` maps each grade id of the source notebook to its locked source (test and read-only
    cells) or None (answer cells); ``tests`` are the ids of its test cells. A second copy of a test
    or read-only cell is dropped; a second copy of an answer cell, or a cell whose grade id the
    source does not have (edited metadata), runs as a plain cell, without any hidden-test region;
    an edited test cell is noted (nbgrader's OverwriteCells puts the source back), and so is a
    deleted one (nbgrader puts it back). Cells are nbformat cells or plain dicts; the ones kept
    are changed in place.

    >>> known = {"q1_answer": None, "q1_tests": "assert answer == 4"}
    >>> def cell(gid, source, **flags):
    ...     return {"metadata": {"nbgrader": {"grade_id": gid, **flags}}, "source": source}
    >>> kept, repairs = repair_cells([cell("q1_answer", "answer = 4", solution=True),
    ...                               cell("q1_tests", "assert True", grade=True),
    ...                               cell("q1_tests", "assert True", grade=True)], known, ["q1_tests"])
    >>> len(kept), repairs
    (2, ["test cell 'q1_tests' was edited: put back as the assignment has it",
         "a second copy of cell 'q1_tests' was removed"])
    """
    seen, repairs, kept = set(), [], []
    for index, cell in enumerate(cells):
        meta = cell.get("metadata", {}).get("nbgrader")
        gid = meta.get("grade_id") if isinstance(meta, dict) else None
        if not isinstance(meta, dict) or (gid is None and not any(
                meta.get(k) for k in ("grade", "solution", "locked", "task"))):
            kept.append(cell)
            continue
        if gid in known and gid not in seen:
            seen.add(gid)
            if known[gid] is not None and _bare(cell["source"]) != _bare(known[gid]):
                repairs.append(f"test cell {gid!r} was edited: put back as the assignment has it")
            kept.append(cell)
            continue
        if gid in seen and known.get(gid) is not None:
            repairs.append(f"a second copy of cell {gid!r} was removed")
            continue
        what = (f"a second copy of cell {gid!r}" if gid in seen
                else f"cell {index + 1} (grade id {gid!r} is not in the assignment)")
        repairs.append(f"{what} was graded as a plain cell")
        del cell["metadata"]["nbgrader"]
        cell["source"] = HIDDEN.sub("", cell["source"])
        kept.append(cell)
    repairs += [f"test cell {gid!r} was missing: put back from the assignment" for gid in tests if gid not in seen]
    return kept, repairs


def run_pass(converter, preprocessors, source_path, assignment, student):
    """Run ``preprocessors`` (nbgrader's) over one notebook and write it into autograded/;
    returns the resources they filled in."""
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


def after_execution(converter):
    """nbgrader's autograde preprocessors a worker runs after executing: all but ``Execute``
    (replaced by ``SafeExecute``), those that write the gradebook (:data:`WRITES_GRADEBOOK`), and
    ``CheckCellMetadata``, which the sanitize pass ran on the same metadata (execution writes
    outputs only: checking the metadata again is a third of a submission's validation time)."""
    from nbgrader.preprocessors import CheckCellMetadata, Execute

    return [p for p in converter.autograde_preprocessors
            if not issubclass(p, (Execute, CheckCellMetadata)) and p.__name__ not in WRITES_GRADEBOOK]


def recording(converter):
    """nbgrader's autograde preprocessors that write the gradebook, run by the main process."""
    return [p for p in converter.autograde_preprocessors if p.__name__ in WRITES_GRADEBOOK]


@dataclass
class Job:
    """One submission for a worker to execute: what to run, where, with which limits."""

    student: str
    assignment: str
    notebooks: list            # the paths nbgrader's set-up kept, in submitted/
    dest: str                  # autograded/<student>/<assignment>
    config: object             # the workspace's traitlets Config
    limits: sandbox.Limits
    sandboxed: bool
    known: dict                # source_cells(): grade id -> locked source, by notebook
    tests: dict                # source_cells(): test cell ids, by notebook
    plans: dict                # the trusted run's steps (plan.trusted_steps, as dicts), by notebook
    trusted: object            # the address of the run's trusted interpreter (None: one per request)
    source_meta: dict          # source_metadata(): grade id -> grading metadata, by notebook
    notes: list                # what the collection did (a misnamed notebook taken)
    forbidden: list            # folders the kernel must not see
    local: bool = False        # run in this process (no pool)


@dataclass
class Execution:
    """What a worker did with a submission: the notes on its notebooks, or why it failed."""

    student: str
    notes: list = field(default_factory=list)
    failure: str = ""          # empty when the submission was executed
    peak_mb: float = 0.0       # the peak memory of its sandboxes, where a control group measured it
    retry: bool = False        # the grader failed, not the submission: graded again next run


def kernel_env(sandboxed, work, private):
    """The kernel's environment: one thread per numeric library, caches in private places (in a
    sandbox: its own bounded /tmp).

    >>> env = kernel_env(False, "/w", "/p")
    >>> env["NBGRADER_EXECUTION"], env["OMP_NUM_THREADS"], env["MPLCONFIGDIR"]
    ('autograde', '1', '/p/matplotlib')
    >>> kernel_env(True, "/w", "/p")["MPLCONFIGDIR"]
    '/tmp/matplotlib'
    """
    caches = Path("/tmp") if sandboxed else Path(private)
    env = {"NBGRADER_EXECUTION": "autograde", "OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1",
           "MKL_NUM_THREADS": "1", "PYTHONDONTWRITEBYTECODE": "1", "MPLCONFIGDIR": str(caches / "matplotlib"),
           "IPYTHONDIR": str(caches / "ipython")}
    if sandboxed:
        env.update({"HOME": str(work), "PATH": f"{Path(sys.executable).parent}:/usr/bin:/bin",
                    "LANG": "C.UTF-8", "TMPDIR": "/tmp"})
    return env


def copy_plain(source, target):
    """Copy the regular files under ``source`` into ``target``, never following or copying a link
    or a special file (a FIFO, a device); returns what was left out, in words."""
    import stat

    left_out = []
    target.mkdir(parents=True, exist_ok=True)
    for item in sorted(Path(source).iterdir()):
        info = item.lstat()
        if stat.S_ISDIR(info.st_mode):
            left_out += copy_plain(item, target / item.name)
        elif stat.S_ISREG(info.st_mode) and info.st_nlink == 1:
            shutil.copyfile(item, target / item.name, follow_symlinks=False)
        else:
            left_out.append(f"{item.name} (a link or a special file) was not given to the kernel")
    return left_out


def kernel_folder(dest, private, sandboxed=False):
    """The kernel's folder: the submission's other files (data it ships), not the notebooks, and
    no link or special file. Sandboxed, they go to ``private/staging/files`` (copied into the
    kernel's own scratch folder when it starts) beside matplotlib's font list, the kernel's
    sockets go to ``private/ipc``, and the folder returned is the path of the scratch folder inside
    the sandbox; otherwise the files go straight into it, beside the kernel's temporary files and
    caches."""
    work = Path(private) / "work"
    work.mkdir()
    files = Path(private) / "staging" / "files" if sandboxed else work
    files.mkdir(parents=True, exist_ok=True)
    for item in Path(dest).iterdir():
        if item.suffix.lower() == ".ipynb" or item.name in SUBMISSION_FILES or item.is_symlink():
            continue
        if item.is_dir():
            copy_plain(item, files / item.name)
        elif item.is_file() and item.lstat().st_nlink == 1:
            shutil.copyfile(item, files / item.name, follow_symlinks=False)
    if sandboxed:
        (Path(private) / "ipc").mkdir()
        cache = Path(private) / "staging" / "matplotlib"
    else:
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


def private_root(sandboxed):
    """Where a sandboxed kernel's private folder goes: ``/dev/shm`` where there is one (what the
    kernel writes in its socket folder then counts in its memory), else the system's temporary
    folder."""
    shm = Path("/dev/shm")
    if sandboxed and shm.is_dir() and os.access(shm, os.W_OK):
        return str(shm)
    return None


_converters = {}  # a worker's Autograde converters, by configuration: made once per worker
def _converter_for(job):
    key = id(job.config) if job.local else json.dumps(job.config, sort_keys=True, default=str)
    if key not in _converters:
        _converters[key] = make_autograde(job.config)
    return _converters[key]


def run_tests(job, stem, nb, executor, sandboxed):
    """The trusted run of one notebook's tests (:mod:`pmo_lessons.grading.trusted`): their outputs
    put into the test cells of ``nb``, cut to the output limit. Returns notes for the trainer."""
    from .outputs import cut_outputs, mend_output
    from .preprocessors import is_test
    from .trusted import TrustedRunner, error_output, request

    steps = job.plans.get(stem, [])
    tests = [s for s in steps if s["kind"] == "test"]
    timeout = int(executor.timeout or 30)
    runner = TrustedRunner(job.limits, sandboxed, job.forbidden)
    runner.address = job.trusted
    work = request(steps, executor.snapshots, executor.take, executor.take_failed, job.limits, timeout)
    outputs, end = runner.run(work, deadline=timeout * (len(tests) + 1) + 30)
    if "could not be reached" in end:  # the grader's own failure, not the trainee's: graded again next run
        raise ChecksUnavailable(f"the grader's checks could not run ({end}): run the grading again")
    notes = []
    if end != "ok":
        notes.append(f"the checks stopped early: {end}")
    for setup_error in outputs.get("", []):
        notes.append(f"the assignment's set-up failed in the trusted run: {setup_error.get('ename')}: "
                     f"{str(setup_error.get('evalue', ''))[:200]}")
    cap = job.limits.output_kb * 1024
    for cell in nb.cells:
        if not is_test(cell):
            continue
        gid = cell.metadata["nbgrader"].get("grade_id")
        done = outputs.get(gid)
        if done is None:
            done = [error_output("ChecksNotRun", f"this check could not be run: {end}" if end != "ok"
                                 else "this check is not in the assignment")]
        cell.outputs = [nbformat_output(mend_output(o)) for o in cut_outputs(done, cap)]
    return notes


class ChecksUnavailable(Exception):
    """The trusted interpreter could not be reached: the submission is graded again next run."""


def nbformat_output(output):
    import nbformat

    return nbformat.from_dict(output)


def _execute_notebook(job, converter, source, deadline, sandboxed):
    """Sanitize, execute (no test cell in the trainee's kernel), run the tests in the trusted
    interpreter, and post-process one notebook of a submission; returns the notes on it and the
    peak memory of its kernels (MB, 0 where not measured)."""
    import nbformat

    from .mend import mend_notebook, nbgrader_check
    from .preprocessors import RepairCells, SafeExecute

    stem = Path(source).stem
    converter._sanitizing = True
    mended, repairs = mend_notebook(read_json(source), job.source_meta.get(stem, {}), nbgrader_check())
    with tempfile.TemporaryDirectory(prefix="pmo-mended-") as folder:
        mended_path = Path(folder) / Path(source).name
        mended_path.write_text(json.dumps(mended), encoding="utf-8")
        repair = RepairCells(known=job.known.get(stem, {}), tests=list(job.tests.get(stem, ())),
                             notes=[*job.notes, *repairs])
        done = run_pass(converter, [repair, *converter.sanitize_preprocessors], mended_path, job.assignment,
                        job.student)
    notes = repairs + list(done.get("pmo_repairs", []))
    path = Path(job.dest) / Path(source).name
    nb = nbformat.read(str(path), as_version=nbformat.NO_CONVERT)
    needs = {s["grade_id"]: s["needs"] for s in job.plans.get(stem, []) if s["kind"] == "test"}
    with tempfile.TemporaryDirectory(prefix="pmo-kernel-", dir=private_root(sandboxed)) as private:
        work = kernel_folder(job.dest, private, sandboxed)
        scratch = {"sandboxed": sandboxed, "work": str(work), "private": private,
                   "env": kernel_env(sandboxed, work, private), "forbidden": job.forbidden}
        executor = SafeExecute(config=job.config, limits=job.limits, scratch=scratch, deadline=deadline,
                               needs=needs)
        executor.log.setLevel(50)
        nb, _ = executor.preprocess(nb, {"metadata": {"path": str(work)}})
    notes += run_tests(job, stem, nb, executor, sandboxed)
    converter._sanitizing = False
    resources = {"unique_key": stem, "nbgrader": {"student": job.student, "assignment": job.assignment,
                                                   "notebook": stem, "db_url": converter.coursedir.db_url}}
    for preprocessor in after_execution(converter):  # on the notebook in memory: one write, not two
        nb, resources = preprocessor(config=converter.config)(nb, resources)
    nbformat.write(nb, str(path))
    notes += fault_notes(nb, job.limits)
    return notes, executor.peak_mb


def execute(job):
    """Worker: nbgrader's sanitize pass, its Execute (hardened, sandboxed where possible), and its
    autograde preprocessors that do not write the gradebook, on each notebook of one submission;
    the notebooks are written to autograded/. Never raises: returns an :class:`Execution`."""
    import time

    try:
        converter = _converter_for(job)
        deadline = time.time() + job.limits.budget_seconds if job.limits.budget_seconds else 0.0
        sandboxed = job.sandboxed and sandbox.isolation()[0]
        notes, peak = [], 0.0
        for source in job.notebooks:
            more, used = _execute_notebook(job, converter, source, deadline, sandboxed)
            notes += more
            peak = max(peak, used)
        return Execution(job.student, notes, peak_mb=peak)
    except ChecksUnavailable as error:
        return Execution(job.student, failure=str(error), retry=True)
    except BaseException as error:  # anything the executor could not absorb: the others go on
        reason = f"{type(error).__name__}: {str(error).strip().splitlines()[0] if str(error).strip() else ''}"
        if "DeadKernel" in type(error).__name__:
            reason = "the kernel died while running the notebook (out of memory, or the code ended the process)"
        return Execution(job.student, failure=reason.rstrip(": "))


def warm_worker():
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

    from . import preprocessors  # noqa: F401


# --------------------------------------------------------------------------------------------
# Record (main process): the gradebook's one writer
# --------------------------------------------------------------------------------------------

def save_grades(ws, converter, assignment, student, notebooks):
    """nbgrader's autograde preprocessors that write the gradebook (run by the main process only)."""
    converter.coursedir.assignment_id = assignment
    converter.coursedir.student_id = student
    converter._sanitizing = False
    for source in notebooks:
        run_pass(converter, recording(converter), ws.autograded(assignment, student) / Path(source).name,
                 assignment, student)


def record_zero(ws, assignment, student):
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


# --------------------------------------------------------------------------------------------
# The run: prepare, execute in the pool, record
# --------------------------------------------------------------------------------------------

class GradingRun:
    """One run of :func:`grade` over an assignment: which trainees it grades, and what became of
    each. A trainee's outcome is saved in the workspace's state as soon as it is known."""

    def __init__(self, ws, assignment, limits, sandboxed, progress=None):
        self.ws, self.assignment, self.limits, self.sandboxed = ws, assignment, limits, sandboxed
        self.notebooks = ws.notebooks(assignment)
        self.progress = progress
        self.forbidden = (ws.course / "solutions", ws.root)
        self.todo = {}        # student -> fingerprint, in order
        self.unchanged = {}   # student -> GradeResult
        self.renamed = {}     # student -> notes on misnamed notebooks
        self.prepared = {}    # student -> the notebooks nbgrader's set-up kept
        self.outcome = {}     # student -> (status, reason)
        self.refused = {}     # student -> why their submission is not even read
        self.invalid = []     # folders in submitted/ whose name is not a usable trainee id
        self.state = self.source = None  # the workspace's state of the assignment, its source's digest
        self.known = self.tests = None   # source_cells()
        self.plans = {}                  # the trusted run's steps, by notebook
        self.source_meta = {}            # source_metadata()
        self.trusted = None              # the address of the run's trusted interpreter
        self.done = 0

    def select(self, force=False):
        """Which collected submissions to grade: the new and changed ones (all with ``force``).
        Those are forgotten in the state first, so a run killed later grades them again."""
        from .collect import valid_student_id

        ws, assignment = self.ws, self.assignment
        folders = [p for p in ws.root.glob(f"submitted/*/{assignment}") if p.is_dir() and not p.is_symlink()
                   and not p.parent.is_symlink()]
        students = sorted(p.parent.name for p in folders if valid_student_id(p.parent.name))
        self.invalid = sorted(p.parent.name for p in folders if not valid_student_id(p.parent.name))
        if not students:
            raise GradingError(f"no submission of {assignment} in {ws.root / 'submitted'}: "
                               f"run `pmo-lessons collect {assignment} SOURCE` first")
        ensure_registered(ws, assignment)
        self.state = ws.load_state(assignment)
        self.source = self.state["source"] = digest(ws.source(assignment).glob("*.ipynb"))
        timeout = ws.config.ExecutePreprocessor.get("timeout", 30)
        settings = grading_settings(self.source, timeout, self.limits, self.sandboxed)
        known = scores(ws, assignment)
        self.known, self.tests = source_cells(ws, assignment)
        self.plans = {path.stem: [step.as_dict() for step in source_plan(path)]
                      for path in ws.source(assignment).glob("*.ipynb")}
        self.source_meta = source_metadata(ws, assignment)
        for student in students:
            folder = ws.submitted(assignment, student)
            unsafe = unsafe_entries(folder)
            if unsafe:  # never read: that submission gets 0 with the reason, the others are graded
                self.refused[student] = f"the submission holds {unsafe[0]}: it was not read"
                self.todo[student] = "unsafe"
                continue
            try:
                self.renamed[student] = take_misnamed(folder, self.notebooks)
                now = fingerprint(list(folder.glob("*")), settings)
            except OSError as error:
                self.refused[student] = f"the submission could not be read: {error.strerror or error}"
                self.todo[student] = "unreadable"
                continue
            previous = self.state["students"].get(student, {})
            graded_before = student in known and (previous.get("status") == "broken"
                                                  or ws.autograded(assignment, student).exists())
            if not force and previous.get("fingerprint") == now and graded_before:
                score, max_score = known[student]
                self.unchanged[student] = GradeResult(student, "unchanged", score, max_score,
                                                      previous.get("reason", ""))
            else:
                self.todo[student] = now
        for student in self.todo:  # a run killed from here on grades them again next time
            self.state["students"].pop(student, None)
        ws.save_state(assignment, self.state)
        self.tick("")

    def tick(self, label):
        if self.progress:
            self.progress(self.done, len(self.todo), label)

    def settle(self, student, status, reason, peak_mb=0.0):
        """A trainee is done, whatever happens to the run next: their outcome goes to the state
        (with the peak memory of their sandboxes, where a control group measured it)."""
        self.outcome[student] = (status, reason)
        self.state["students"][student] = {"fingerprint": self.todo[student], "status": status, "reason": reason}
        if peak_mb:
            self.state["students"][student]["peak_memory_mb"] = round(peak_mb, 1)
        self.ws.save_state(self.assignment, self.state)
        self.done += 1
        self.tick(student)

    def prepare(self, converter, student, local):
        """Step 1: the submission checked and set up by nbgrader; its :class:`Job`, or None if it
        cannot be graded (then it has 0 and its reason)."""
        reasons = [self.refused[student]] if student in self.refused else \
            gradable(self.ws.submitted(self.assignment, student), self.notebooks)
        if not reasons:
            try:
                self.prepared[student] = set_up(self.ws, converter, self.assignment, student, self.notebooks)
            except Exception as error:
                reasons = [f"nbgrader could not prepare the notebook: {type(error).__name__}: {error}"]
        if reasons:
            record_zero(self.ws, self.assignment, student)
            self.settle(student, "broken", "; ".join(reasons))
            return None
        return Job(student=student, assignment=self.assignment, notebooks=self.prepared[student],
                   dest=str(self.ws.autograded(self.assignment, student)), config=self.ws.config,
                   limits=self.limits, sandboxed=self.sandboxed, known=self.known, tests=self.tests,
                   plans=self.plans, trusted=self.trusted, source_meta=self.source_meta,
                   notes=self.renamed.get(student, []),
                   forbidden=[str(f) for f in self.forbidden], local=local)

    def record(self, converter, execution):
        """Step 3: the grades of an executed submission into the gradebook (0 if it failed)."""
        student = execution.student
        if execution.failure:
            record_zero(self.ws, self.assignment, student)
            if execution.retry:  # not the trainee's doing: no fingerprint kept, graded again next run
                self.todo[student] = ""
            self.settle(student, "broken", execution.failure)
            return
        try:
            save_grades(self.ws, converter, self.assignment, student, self.prepared[student])
            notes = self.renamed.get(student, []) + execution.notes
            status, reason = "graded", ("; ".join(notes) if self.prepared[student] else "no notebook handed in")
        except Exception as error:
            status, reason = "broken", f"nbgrader could not record the grades: {type(error).__name__}: {error}"
            record_zero(self.ws, self.assignment, student)
        self.settle(student, status, reason, execution.peak_mb)

    def results(self):
        """Every trainee's :class:`GradeResult`, sorted by id (the state saved once more)."""
        graded = scores(self.ws, self.assignment)
        results = dict(self.unchanged)
        for student, (status, reason) in self.outcome.items():
            score, max_score = graded.get(student, (0.0, 0.0))
            results[student] = GradeResult(student, status, score, max_score, reason)
        for folder in self.invalid:
            shown = " ".join(folder.split())[:64]
            results[shown] = GradeResult(shown, "broken", 0.0, 0.0, "not graded: the folder's name is not a usable "
                                                                     "trainee id")
        self.ws.save_state(self.assignment, self.state)
        return [results[s] for s in sorted(results)]


def _limits(limits, memory_mb):
    limits = limits or sandbox.Limits()
    if memory_mb is not None:
        if memory_mb < 0:
            raise GradingError(f"the memory limit must be 0 (none) or a number of MB, not {memory_mb}")
        limits = dataclasses.replace(limits, memory_mb=memory_mb)
    return limits


def _isolation(isolate):
    """Whether the kernels are sandboxed, as ``isolate`` asks and the machine allows."""
    if isolate not in ("auto", "require", "off"):
        raise GradingError(f"isolate must be 'auto', 'require' or 'off', not {isolate!r}")
    sandboxed, how = sandbox.isolation()
    sandboxed = sandboxed and isolate != "off"
    if isolate == "require" and not sandboxed:
        raise GradingError(f"grading refused: submissions would run {how}")
    return sandboxed


def _pool(workers, jobs, run):
    """The worker processes, or None where one process does (one worker, or one job).

    Started before the run touches the gradebook again, so the forked workers inherit no open
    connection."""
    if workers > 1 and jobs > 1:
        method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
        return concurrent.futures.ProcessPoolExecutor(min(workers, jobs), initializer=warm_worker,
                                                      mp_context=multiprocessing.get_context(method))
    return None


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
    ws.notebooks(assignment)
    workers = workers or (os.cpu_count() or 1) + 3  # measured: kernels wait while starting (benchmarks/grading.py)
    if workers < 1:
        raise GradingError(f"--workers must be at least 1, not {workers}")
    run = GradingRun(ws, assignment, _limits(limits, memory_mb), _isolation(isolate), progress)
    if run.sandboxed:
        sandbox.check_hidden(run.forbidden)
    run.select(force)
    check_release = not allow_stale and run.state.get("verified") != run.source
    converter = make_autograde(ws.config)
    from .trusted import TrustedRunner

    checks = TrustedRunner(run.limits, run.sandboxed, [str(f) for f in run.forbidden])
    if run.todo:
        checks.start()  # one warm trusted interpreter for the run: it warms up while the first kernels start
    run.trusted = checks.address
    pool = _pool(workers, len(run.todo), run)
    stale_check = None
    if check_release and pool is None:
        if stale_release(ws, assignment):
            raise GradingError(stale_message(assignment))
    elif check_release:
        stale_check = pool.submit(stale_release, ws, assignment)  # runs while the main process prepares
    futures = []
    try:
        for student in run.todo:
            job = run.prepare(converter, student, local=pool is None)
            if job is None:
                continue
            if pool is None:
                run.record(converter, execute(job))
            else:
                futures.append(pool.submit(execute, job))
        if stale_check is not None and stale_check.result():
            raise GradingError(stale_message(assignment))
        for future in concurrent.futures.as_completed(futures):
            run.record(converter, future.result())
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)
        checks.close()
    if check_release:
        run.state["verified"] = run.source
    return run.results()
