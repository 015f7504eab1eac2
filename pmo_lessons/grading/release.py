"""Release: ``exercises/`` generated from ``solutions/`` by nbgrader, kept fresh, never over a trainee's work.

nbgrader's ``GenerateAssignment`` writes the release and records the assignment's locked and test
cells in the gradebook (autograde puts them back from there). Each release is written down in
``exercises/releases.json`` (:data:`RECORD`, committed with the exercises): the fingerprint of the
``solutions/`` folder it came from and of each file it wrote. With that record:

- an exercise is *stale* when ``solutions/`` changed since it was released **and** a fresh
  generation would give trainees something else; a trainee who saved answers into
  ``exercises/`` does not make it stale. The check reads fingerprints: milliseconds, not a
  generation, unless ``solutions/`` changed (:func:`release_status`, :func:`stale_release`);
- :func:`release` writes only the files it made; a file of ``exercises/`` that changed after it was
  released (answers saved there, a hand edit) is never overwritten nor deleted: release refuses,
  names the file and says how to keep both (:func:`changed_message`). Files it did not make are
  left alone.

With the exchange, a release is also published for trainees to fetch (never a changed file).
"""

from __future__ import annotations

import contextlib
import copy
import fnmatch
import hashlib
import json
import os
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from .workspace import GradingError, Workspace, digest, quiet

__all__ = [
    "release",
    "stale_exercises",
    "release_status",
    "ReleaseStatus",
    "contents",
    "generate",
    "ensure_registered",
    "stale_release",
    "stale_message",
    "changed_message",
    "RECORD",
]

#: The record of what release generated, beside the exercises: one entry per assignment.
RECORD = "releases.json"
#: What is never part of an assignment's files (nbgrader_config.py ignores the same).
IGNORED = (".ipynb_checkpoints", "*.pyc", "__pycache__", "feedback", "steering_committee_*.html", ".*")


@contextlib.contextmanager
def _working_directory(path):
    old = os.getcwd()
    os.chdir(path)
    try:
        yield
    finally:
        os.chdir(old)


def _fingerprint(path):
    """What a file holds, line endings and JSON layout aside (a notebook saved on Windows, or
    re-indented, holds the same cells)."""
    data = path.read_bytes()
    if path.suffix == ".ipynb":
        with contextlib.suppress(ValueError):
            data = json.dumps(json.loads(data), sort_keys=True, separators=(",", ":")).encode()
    else:
        data = data.replace(b"\r\n", b"\n")
    return hashlib.sha256(data).hexdigest()


def contents(folder):
    """The files of an assignment folder, by path inside it (``/`` separated), with the fingerprint
    of each; checkpoints, caches and hidden files left out. An absent folder holds nothing.

    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> _ = (folder / "a.ipynb").write_text('{"cells": []}')
    >>> _ = (folder / ".ipynb_checkpoints").mkdir()
    >>> list(contents(folder)), contents(folder / "none")
    (['a.ipynb'], {})
    >>> _ = (folder / "b.ipynb").write_text('{\\r\\n  "cells" : [ ]\\r\\n}')
    >>> contents(folder)["a.ipynb"] == contents(folder)["b.ipynb"]
    True
    """
    folder = Path(folder)
    found = {}
    if not folder.is_dir():
        return found
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not any(fnmatch.fnmatch(d, p) for p in IGNORED))
        for name in sorted(files):
            if not any(fnmatch.fnmatch(name, p) for p in IGNORED):
                path = Path(root) / name
                found[path.relative_to(folder).as_posix()] = _fingerprint(path)
    return found


def _source_fingerprint(ws, assignment):
    return hashlib.sha256(json.dumps(contents(ws.source(assignment)), sort_keys=True).encode()).hexdigest()


def _record_path(ws):
    return ws.course / "exercises" / RECORD


def _load_record(ws):
    path = _record_path(ws)
    if not path.exists():
        return {}
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except ValueError as error:
        raise GradingError(f"{path} cannot be read ({error}): restore it with `git checkout -- exercises/{RECORD}`") \
            from error


def _save_record(ws, assignment, source, files):
    record = _load_record(ws)
    record["about"] = ("Written by `pmo-lessons release`: what it generated from solutions/ (the fingerprint of "
                       "the source folder, and of each file). Never edit by hand.")
    record[assignment] = {"source": source, "files": dict(sorted(files.items()))}
    path = _record_path(ws)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(record, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    tmp.replace(path)


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


def _private(ws, scratch):
    """The workspace with a scratch gradebook: a generation that writes nothing of the trainer's."""
    from traitlets.config import Config

    extra = Config()
    extra.CourseDirectory.db_url = f"sqlite:///{Path(scratch, 'check.db').as_posix()}"
    config = copy.deepcopy(ws.config)
    config.merge(extra)
    return Workspace(course=ws.course, root=Path(scratch), config=config, course_id=ws.course_id)


@dataclass
class ReleaseStatus:
    """What :func:`release_status` found about one assignment.

    ``stale``: trainees would get something else from a fresh generation of ``solutions/``;
    ``changed``: the files of ``exercises/<assignment>`` that differ from what release wrote (a
    trainee's answers, a hand edit), or, with no record of the release, from a fresh generation;
    ``recorded``: whether a record of the release exists; ``current``: whether it matches
    ``solutions/`` and ``exercises/`` as they are; ``source``: the fingerprint of ``solutions/``;
    ``generated``: the folder of a fresh generation, when one was needed (in the caller's scratch).
    """

    assignment: str
    stale: bool
    changed: list = field(default_factory=list)
    recorded: bool = True
    current: bool = True
    source: str = ""
    generated: Path | None = None


def release_status(ws, assignment, scratch, private=False):
    """Whether ``exercises/<assignment>`` is stale, and which of its files changed since release.

    Fast when ``solutions/<assignment>`` is as it was at the last release (fingerprints only);
    otherwise the assignment is generated into the folder ``scratch`` and compared with what was
    released, then with ``exercises/``. ``private`` generates with a scratch gradebook (nothing
    written to the workspace's).
    """
    record = _load_record(ws).get(assignment)
    source = _source_fingerprint(ws, assignment)
    exercises = contents(ws.exercises(assignment))
    if record:
        changed = sorted(name for name, print_ in record["files"].items()
                         if name in exercises and exercises[name] != print_)
        if record["source"] == source:
            return ReleaseStatus(assignment, stale=False, changed=changed, source=source)
    scratch = Path(scratch)
    generate(_private(ws, scratch) if private else ws, assignment, scratch / "release")
    generated = scratch / "release" / assignment
    fresh = contents(generated)
    if all(exercises.get(name) == print_ for name, print_ in fresh.items()):
        # exercises/ holds a fresh generation (nbgrader's own command wrote it): only the record is behind
        return ReleaseStatus(assignment, stale=False, recorded=bool(record), current=False, source=source,
                             generated=generated)
    if record:
        return ReleaseStatus(assignment, stale=fresh != record["files"], changed=changed, current=False,
                             source=source, generated=generated)
    changed = sorted(name for name in fresh if name in exercises and exercises[name] != fresh[name])
    return ReleaseStatus(assignment, stale=True, changed=changed, recorded=False, current=False, source=source,
                         generated=generated)


def stale_exercises(ws, assignments=None):
    """The assignments whose ``solutions/`` changed since their release in a way trainees would see
    (see :func:`release_status`); a file changed in ``exercises/`` after release does not count."""
    stale = []
    for assignment in assignments or ws.assignments():
        with tempfile.TemporaryDirectory(prefix="pmo-release-") as scratch:
            if release_status(ws, assignment, scratch).stale:
                stale.append(assignment)
    return stale


def changed_message(assignment, changed, recorded=True, doing="regenerate it"):
    """Why release will not write over files of ``exercises/``, naming them, and how to keep both.

    >>> print(changed_message("planning", ["planning.ipynb"]))  # doctest: +NORMALIZE_WHITESPACE
    exercises/planning/planning.ipynb changed after it was released (answers saved in it, or an
    edit): release will not regenerate it over those changes. To keep both, move it out of
    exercises/ (for example `mv exercises/planning/planning.ipynb my-work/planning/`: a trainee's
    answers belong in my-work/), then run `pmo-lessons release planning` again; to drop the changes
    instead: `git checkout -- exercises/planning`.
    """
    files = [f"exercises/{assignment}/{name}" for name in changed]
    one = len(files) == 1
    what = files[0] if one else ", ".join(files[:-1]) + " and " + files[-1]
    it = "it" if one else "them"
    if recorded:
        why = "changed after it was released" if one else "changed after they were released"
    else:
        why = (("differs" if one else "differ") + f" from a fresh generation and exercises/{RECORD} has no "
               f"record of releasing {assignment}")
    return (f"{what} {why} (answers saved in {it}, or an edit): release will not {doing} over those changes. "
            f"To keep both, move {it} out of exercises/ (for example `mv {files[0]} my-work/{assignment}/`: a "
            f"trainee's answers belong in my-work/), then run `pmo-lessons release {assignment}` again; to drop "
            f"the changes instead: `git checkout -- exercises/{assignment}`.")


def _write_release(ws, assignment, status):
    """Copy a fresh generation into ``exercises/<assignment>``: only the files release makes; a file
    release made before and makes no more is removed only if it is as release wrote it."""
    record = _load_record(ws).get(assignment, {"files": {}})
    target = ws.exercises(assignment)
    fresh = contents(status.generated)
    for name in fresh:
        (target / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(status.generated / name, target / name)
    now = contents(target)
    for name, print_ in record["files"].items():
        if name not in fresh and now.get(name) == print_:
            (target / name).unlink()
    _save_record(ws, assignment, status.source, fresh)


#: What ``release --check`` says of an exercise that is as a fresh generation while the release record
#: (exercises/releases.json) does not name its solution as it is: the next ``release`` writes the record.
RECORD_BEHIND = "up to date, but exercises/releases.json is behind"


def release(ws, assignments=None, check=False, progress=None, exchange=False):
    """Regenerate ``exercises/`` from ``solutions/`` where it is stale (or, with ``check``, only say).

    Returns the list of ``(assignment, status)``; status is ``"released"``, ``"up to date"`` or
    ``"stale"`` (with ``check``, also :data:`RECORD_BEHIND`), with a note where a file of
    ``exercises/`` changed after release (it is left as it is). A stale assignment whose files
    changed after release is not regenerated: GradingError, naming the files
    (:func:`changed_message`). With ``check`` nothing is written. With ``exchange`` each assignment
    is then published to nbgrader's exchange (replacing an earlier release there),
    where trainees fetch it from JupyterLab's Assignment List or with ``nbgrader fetch_assignment``.
    """
    names = list(assignments or ws.assignments())
    for name in names:
        ws.notebooks(name)
    results = []
    for done, assignment in enumerate(names):
        if progress:
            progress(done, len(names), assignment)
        with tempfile.TemporaryDirectory(prefix="pmo-release-") as scratch:
            status = release_status(ws, assignment, scratch)
            note = ""
            if status.changed and not status.stale:
                files = ", ".join(f"exercises/{assignment}/{n}" for n in status.changed)
                note = f" ({files} changed after release: left as it is)"
            if check:
                if not status.stale and not status.current:  # a fresh clone reads the record: keep it current
                    results.append((assignment, RECORD_BEHIND + note))
                else:
                    results.append((assignment, ("stale" if status.stale else "up to date") + note))
                continue
            if status.stale and status.changed:
                raise GradingError(changed_message(assignment, status.changed, status.recorded))
            if status.stale:
                _write_release(ws, assignment, status)
                if release_status(ws, assignment, scratch).stale:
                    raise GradingError(f"exercises/{assignment} is still stale after generation")
            elif not status.current and status.generated is not None:
                _save_record(ws, assignment, status.source, contents(status.generated))
            result = ("released" if status.stale else "up to date") + note
        if exchange:
            if status.changed and not status.stale:
                raise GradingError(changed_message(assignment, status.changed, doing="publish it to the exchange"))
            outbound = ws.exchange_root / ws.course_id / "outbound" / assignment
            if contents(outbound) == contents(ws.exercises(assignment)):
                result += f", already in the exchange {ws.exchange_root}"
            else:
                _publish(ws, assignment)
                result += f", published to the exchange {ws.exchange_root}"
        results.append((assignment, result))
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
    """Whether ``exercises/<assignment>`` is stale (:func:`release_status`), generating, when that is
    needed, with a scratch gradebook (no write to the workspace's): the autograde stage runs it in a
    worker while it sanitizes submissions."""
    with tempfile.TemporaryDirectory(prefix="pmo-release-") as scratch:
        return release_status(ws, assignment, scratch, private=True).stale


def stale_message(assignment):
    """Why grading is refused when ``exercises/<assignment>`` is stale, and what to do.

    >>> stale_message("planning")
    'exercises/planning is stale: solutions/planning changed since it was released, so ...'
    """
    return (f"exercises/{assignment} is stale: solutions/{assignment} changed since it was released, so "
            f"trainees did not get the tests used for grading. Run `pmo-lessons release {assignment}` "
            f"(or pass --allow-stale)")
