"""Collect: submissions into the workspace's ``submitted/<trainee>/<assignment>/``, as nbgrader lays them out.

From a folder or an LMS zip, whose file names carry the trainee's id: a regular expression
(:data:`DEFAULT_PATTERN` unless the trainer names another) is matched against each file's path
inside the folder or zip (:func:`match_submissions`), then each match is stored unless the same
or a newer copy is already there. Or from nbgrader's exchange, taking only the folders a trainee
wrote. Every file taken or skipped is reported with the reason (:class:`CollectReport`).

>>> import re
>>> re.match(DEFAULT_PATTERN, "week 3/ana_planning.ipynb").group("student", "notebook")
('ana', 'planning')
"""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from .workspace import GradingError, digest

__all__ = [
    "collect",
    "CollectReport",
    "DEFAULT_PATTERN",
    "STUDENT_ID",
    "compile_pattern",
    "entries",
    "match_submissions",
    "collected_at",
]

#: File names in an LMS zip or a folder: ``<trainee>_<notebook>.ipynb`` anywhere in it.
DEFAULT_PATTERN = r"^(?:.*/)?(?P<student>[^/]+)_(?P<notebook>[^/_]+)\.ipynb$"
#: What a trainee id may be: a folder name nbgrader accepts, starting with a letter or digit.
STUDENT_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._@-]*$")


@dataclass
class CollectReport:
    """What ``collect`` took and skipped, with the reason of each."""

    taken: list = field(default_factory=list)    # (student, file, why)
    skipped: list = field(default_factory=list)  # (file, why)


def entries(source):
    """(relative name, content, timestamp) of every file in a folder or a zip, in name order.

    Jupyter's checkpoints and the ``__MACOSX`` folder of a zip made on a Mac are left out.
    """
    source = Path(source)
    if source.is_dir():
        for path in sorted(source.rglob("*")):
            if path.is_file() and ".ipynb_checkpoints" not in path.parts:
                stamp = dt.datetime.fromtimestamp(path.stat().st_mtime)
                yield path.relative_to(source).as_posix(), path.read_bytes(), stamp
    elif zipfile.is_zipfile(source):
        with zipfile.ZipFile(source) as archive:
            for info in sorted(archive.infolist(), key=lambda i: i.filename):
                if not info.is_dir() and "__MACOSX" not in info.filename:
                    yield info.filename, archive.read(info), dt.datetime(*info.date_time)
    elif source.exists():
        raise GradingError(f"{source} is neither a folder nor a zip file")
    else:
        raise GradingError(f"{source} does not exist")


def compile_pattern(pattern):
    """The file name pattern as a regular expression, checked: it must have a ``student`` group.

    >>> compile_pattern("(?P<student>[a-z]+)_").groupindex["student"]
    1
    >>> compile_pattern("[a-z]+_")
    Traceback (most recent call last):
    ...
    pmo_lessons.grading.workspace.GradingError: the file name pattern '[a-z]+_' needs a group (?P<student>...) ...
    """
    try:
        regex = re.compile(pattern)
    except re.error as error:
        raise GradingError(f"the file name pattern {pattern!r} is not a valid regular expression: {error}") from error
    if "student" not in regex.groupindex:
        raise GradingError(f"the file name pattern {pattern!r} needs a group (?P<student>...) for the trainee id")
    return regex


def match_submissions(files, regex, assignment, notebooks):
    """Which file is whose notebook: ``(found, skipped)``.

    ``files`` are ``(name, content, timestamp)`` as :func:`entries` gives them; ``regex`` (from
    :func:`compile_pattern`) is searched in each name. Without a ``notebook`` group, a file is the
    assignment's notebook if it has only one. ``found`` maps ``(student, notebook)`` to the file
    taken (the newer of two copies); ``skipped`` lists ``(name, why)`` for the others.

    >>> import datetime
    >>> day = datetime.datetime(2026, 3, 2)
    >>> found, skipped = match_submissions([("ana_planning.ipynb", b"{}", day), ("notes.txt", b"", day)],
    ...                                    re.compile(DEFAULT_PATTERN), "planning", ["planning"])
    >>> sorted(found), skipped
    ([('ana', 'planning')], [('notes.txt', 'unknown file: its name does not match the pattern')])
    """
    found, skipped = {}, []
    for name, read, stamp in files:
        match = regex.search(name)
        if not match:
            skipped.append((name, "unknown file: its name does not match the pattern"))
            continue
        student = match.group("student")
        notebook = match.groupdict().get("notebook") or (notebooks[0] if len(notebooks) == 1 else None)
        if not STUDENT_ID.match(student or ""):
            skipped.append((name, f"unknown file: {student!r} is not a usable trainee id"))
            continue
        if notebook not in notebooks:
            skipped.append((name, f"wrong assignment: {assignment} has no notebook {notebook!r} "
                                  f"(it has {', '.join(notebooks)})"))
            continue
        key = (student, notebook)
        if key in found:
            kept = found[key]
            newer, older = ((name, read, stamp), kept) if stamp >= kept[2] else (kept, (name, read, stamp))
            found[key] = newer
            skipped.append((older[0], f"duplicate: {student} handed in {notebook} twice; "
                                      f"kept the newer {newer[0]}"))
            continue
        found[key] = (name, read, stamp)
    return found, skipped


def collected_at(folder):
    """When the submission collected in ``folder`` was handed in (its timestamp.txt), or None.

    nbgrader's own timestamps (``2026-03-02 09:15:00.000000 UTC``, or with ``+00:00``) are read too.
    """
    try:
        text = (Path(folder) / "timestamp.txt").read_text().strip()
        return dt.datetime.fromisoformat(text.replace(" UTC", "").split("+")[0])
    except (OSError, ValueError):
        return None


def _store(ws, assignment, found, report):
    """Write each file found into ``submitted/``, unless the same or a newer copy is there already."""
    for (student, notebook), (name, content, stamp) in sorted(found.items()):
        folder = ws.submitted(assignment, student)
        target = folder / f"{notebook}.ipynb"
        if target.exists() and target.read_bytes() == content:
            report.skipped.append((name, f"unchanged: {student}'s {notebook} is already collected"))
            continue
        kept = collected_at(folder)
        if target.exists() and kept and stamp < kept:
            report.skipped.append((name, f"older: {student}'s {notebook} handed in {stamp:%Y-%m-%d %H:%M} is older "
                                         f"than the one collected ({kept:%Y-%m-%d %H:%M}), which is kept"))
            continue
        why = "updated" if target.exists() else "new"
        folder.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
        (folder / "timestamp.txt").write_text(stamp.strftime("%Y-%m-%d %H:%M:%S.%f"))
        report.taken.append((student, name, why))


def collect(ws, assignment, source=None, pattern=DEFAULT_PATTERN, exchange=False):
    """Copy submissions into the workspace's ``submitted/<trainee>/<assignment>/``.

    ``source`` is a folder or an LMS zip; ``pattern`` a regular expression with the groups
    ``student`` and (optionally) ``notebook``, matched against each file's path inside the source.
    With ``exchange`` the submissions come from nbgrader's exchange instead. Returns a
    :class:`CollectReport`.
    """
    notebooks = ws.notebooks(assignment)
    report = CollectReport()
    if exchange:
        return _collect_exchange(ws, assignment, report)
    regex = compile_pattern(pattern)
    found, report.skipped = match_submissions(entries(source), regex, assignment, notebooks)
    _store(ws, assignment, found, report)
    return report


def _collect_exchange(ws, assignment, report):
    """nbgrader's collect from the exchange (newer submissions replace older ones), taking only
    folders written by the trainee they name."""
    from .exchange import OwnedCollect, exchange_step

    before = {p.parent.name: digest(p.glob("*.ipynb")) for p in ws.root.glob(f"submitted/*/{assignment}")}
    step = exchange_step(ws, OwnedCollect, f"collecting {assignment}", {"update": True}, assignment_id=assignment)
    for folder, owner, claimed in step.planted:
        report.skipped.append((folder, f"not collected: written by {owner}, not by {claimed} whose name it bears"))
    for folder in sorted(ws.root.glob(f"submitted/*/{assignment}")):
        student, now = folder.parent.name, digest(folder.glob("*.ipynb"))
        if before.get(student) == now:
            report.skipped.append((str(folder), f"unchanged: {student} is already collected"))
        else:
            report.taken.append((student, "exchange", "updated" if student in before else "new"))
    return report
