"""Release: ``exercises/`` generated from ``solutions/`` by nbgrader, and kept fresh.

nbgrader's ``GenerateAssignment`` writes the release and records the assignment's locked and test
cells in the gradebook (autograde puts them back from there). An ``exercises/`` folder that differs
from a fresh generation is *stale*: trainees would not get the tests used for grading, so
:func:`release` regenerates it and the autograde stage refuses to grade against it
(:func:`stale_release`, :func:`stale_message`). With the exchange, a release is also published
for trainees to fetch.
"""

from __future__ import annotations

import contextlib
import copy
import json
import os
import tempfile
from pathlib import Path

from .workspace import GradingError, Workspace, digest, quiet

__all__ = [
    "release",
    "stale_exercises",
    "generate",
    "ensure_registered",
    "stale_release",
    "stale_message",
]


@contextlib.contextmanager
def _working_directory(path):
    old = os.getcwd()
    os.chdir(path)
    try:
        yield
    finally:
        os.chdir(old)


def generate(ws, assignment, release_dir):
    """nbgrader's GenerateAssignment for one assignment into ``release_dir`` (records it in the
    gradebook, and the digest of its source in the workspace's state)."""
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
    converter = quiet(GenerateAssignment(coursedir=coursedir, config=config))
    converter.force = True
    with _working_directory(ws.course):
        try:
            converter.start()
        except Exception as error:
            raise GradingError(f"solutions/{assignment} cannot be generated: {error}") from error
    state = ws.load_state(assignment)
    state["source"] = digest(ws.source(assignment).glob("*.ipynb"))
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
            generate(ws, assignment, Path(scratch))
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
            generate(ws, assignment, ws.course / "exercises")
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


def _publish(ws, assignment):
    """Put ``exercises/<assignment>`` into nbgrader's exchange (outbound), as ``nbgrader release_assignment``."""
    from nbgrader.exchange.default.release_assignment import ExchangeReleaseAssignment

    from .exchange import exchange_step

    ensure_registered(ws, assignment)
    with ws.gradebook() as gb:  # nbgrader's release_assignment wants it in the gradebook
        gb.update_or_create_assignment(assignment)
    exchange_step(ws, ExchangeReleaseAssignment, f"publishing {assignment}", {"force": True},
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


def ensure_registered(ws, assignment):
    """Make sure the gradebook holds the current source of ``assignment`` (nbgrader's generation)."""
    if not _registered(ws, assignment):
        with tempfile.TemporaryDirectory(prefix="pmo-release-") as scratch:
            generate(ws, assignment, Path(scratch))


def stale_release(ws, assignment):
    """Whether ``exercises/<assignment>`` is stale, generating with a scratch gradebook (no write to
    the workspace's): the autograde stage runs it in a worker while it sanitizes submissions."""
    from traitlets.config import Config

    with tempfile.TemporaryDirectory(prefix="pmo-release-") as scratch:
        extra = Config()
        extra.CourseDirectory.db_url = f"sqlite:///{Path(scratch, 'check.db').as_posix()}"
        config = copy.deepcopy(ws.config)
        config.merge(extra)
        private = Workspace(course=ws.course, root=Path(scratch), config=config, course_id=ws.course_id)
        generate(private, assignment, Path(scratch) / "release")
        return not _same_release(Path(scratch) / "release" / assignment, ws.exercises(assignment))


def stale_message(assignment):
    """Why grading is refused when ``exercises/<assignment>`` is stale, and what to do.

    >>> stale_message("planning")
    'exercises/planning is stale: solutions/planning changed since it was released, so ...'
    """
    return (f"exercises/{assignment} is stale: solutions/{assignment} changed since it was released, so "
            f"trainees did not get the tests used for grading. Run `pmo-lessons release {assignment}` "
            f"(or pass --allow-stale)")
