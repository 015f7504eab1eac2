"""Collect: submissions into the workspace's ``submitted/<trainee>/<assignment>/``, as nbgrader lays them out.

From a folder or an LMS zip, whose file names carry the trainee's id: a regular expression
(:data:`DEFAULT_PATTERN` unless the trainer names another) is matched against each file's path
inside the folder or zip (:func:`match_submissions`), then each match is stored unless the same
or a newer copy is already there. Or from nbgrader's exchange, taking only the folders a trainee
wrote. Every file taken or skipped is reported with the reason (:class:`CollectReport`).

What a source holds is untrusted:

- no link (symbolic or hard) and no special file (a FIFO, a device) is ever followed, read or
  copied, from a folder, a zip or the exchange: each is skipped with the reason;
- a hand-in over the size limit (``max_mb``, checked on its uncompressed size before it is read)
  is skipped with the reason;
- a trainee id must be a usable folder name (:func:`valid_student_id`: at most 64 characters,
  letters, digits and ``._@-``, no line break);
- a copy that the LMS attributes to someone else (the ``submitter`` group of the pattern, else
  the folder it sits in) never replaces the trainee's own copy, now or collected before: it is
  flagged for the trainer, not taken (:func:`attributed_to`);
- a failure on one file is that file's reason; the others are collected.

>>> import re
>>> re.match(DEFAULT_PATTERN, "week 3/ana_planning.ipynb").group("student", "notebook")
('ana', 'planning')
"""

from __future__ import annotations

import datetime as dt
import os
import re
import stat
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
    "valid_student_id",
    "attributed_to",
    "MAX_MB",
]

#: File names in an LMS zip or a folder: ``<trainee>_<notebook>.ipynb`` anywhere in it.
DEFAULT_PATTERN = r"^(?:.*/)?(?P<student>[^/]+)_(?P<notebook>[^/_]+)\.ipynb$"
#: What a trainee id may be: a folder name nbgrader accepts, starting with a letter or digit.
STUDENT_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._@-]{0,63}\Z")
#: The largest hand-in collected, in MB (uncompressed).
MAX_MB = 32


def valid_student_id(student):
    """Whether a trainee id can be used: 1 to 64 characters, letters, digits and ``._@-``, starting
    with a letter or a digit, no line break.

    >>> valid_student_id("ana.smith@acme.example"), valid_student_id("ana\\n"), valid_student_id("a" * 65)
    (True, False, False)
    """
    return isinstance(student, str) and bool(STUDENT_ID.match(student))


@dataclass
class CollectReport:
    """What ``collect`` took, skipped and flagged for the trainer, with the reason of each."""

    taken: list = field(default_factory=list)    # (student, file, why)
    skipped: list = field(default_factory=list)  # (file, why)
    flagged: list = field(default_factory=list)  # (file, why): the trainer must look


def _too_big(size, limit):
    return f"over the size limit: {size / 1024 / 1024:.1f} MB uncompressed, at most {limit / 1024 / 1024:g} MB"


def _walk(folder, prefix=""):
    """Every entry under ``folder`` that is not a folder, as ``(relative name, path)``; folders are
    entered only when they are real folders (a link to a folder is an entry, never entered)."""
    found = []
    for entry in os.scandir(folder):
        rel = f"{prefix}{entry.name}"
        if entry.is_dir(follow_symlinks=False):
            if entry.name != ".ipynb_checkpoints":
                found += _walk(entry.path, rel + "/")
        else:
            found.append((rel, Path(entry.path)))
    return found


def _folder_entries(source, limit, skipped, wanted):
    for rel, path in sorted(_walk(source)):
        try:
            info = path.lstat()
            if stat.S_ISLNK(info.st_mode):
                skipped.append((rel, "a symbolic link: links are never followed"))
                continue
            if not stat.S_ISREG(info.st_mode):
                skipped.append((rel, "a special file (not a regular file): never read"))
                continue
            stamp = dt.datetime.fromtimestamp(info.st_mtime)
            if wanted is not None and not wanted(rel):
                yield rel, b"", stamp
                continue
            if info.st_nlink > 1:
                skipped.append((rel, "a hard link (another name of a file elsewhere): never read"))
                continue
            if info.st_size > limit:
                skipped.append((rel, _too_big(info.st_size, limit)))
                continue
            fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
            with os.fdopen(fd, "rb") as handle:
                content = handle.read(limit + 1)
            if len(content) > limit:
                skipped.append((rel, _too_big(len(content), limit)))
                continue
        except OSError as error:
            skipped.append((rel, f"could not be read: {error.strerror or error}"))
            continue
        yield rel, content, stamp


def _zip_entries(source, limit, skipped, wanted):
    with zipfile.ZipFile(source) as archive:
        for info in sorted(archive.infolist(), key=lambda i: i.filename):
            if info.is_dir() or "__MACOSX" in info.filename:
                continue
            name, mode = info.filename, info.external_attr >> 16
            try:
                stamp = dt.datetime(*info.date_time)
            except ValueError:
                stamp = dt.datetime(1980, 1, 1)
            if stat.S_ISLNK(mode):
                skipped.append((name, "a symbolic link: links are never followed"))
                continue
            if stat.S_IFMT(mode) and not stat.S_ISREG(mode):
                skipped.append((name, "a special file (not a regular file): never read"))
                continue
            if wanted is not None and not wanted(name):
                yield name, b"", stamp
                continue
            if info.file_size > limit:  # the size the zip declares, before anything is unpacked
                skipped.append((name, _too_big(info.file_size, limit)))
                continue
            try:
                with archive.open(info) as handle:
                    content = handle.read(limit + 1)  # the declared size may lie: read no further
            except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError, EOFError) as error:
                skipped.append((name, f"could not be unpacked: {error}"))
                continue
            if len(content) > limit:
                skipped.append((name, _too_big(len(content), limit)))
                continue
            yield name, content, stamp


def entries(source, max_mb=MAX_MB, skipped=None, wanted=None):
    """(relative name, content, timestamp) of every file in a folder or a zip, in name order.

    Jupyter's checkpoints and the ``__MACOSX`` folder of a zip made on a Mac are left out; links,
    special files and files over ``max_mb`` (uncompressed) are never read: they go to ``skipped``
    with the reason. A file whose name ``wanted`` refuses is given with no content (it is not read).
    """
    source = Path(source)
    skipped = [] if skipped is None else skipped
    limit = int(max_mb * 1024 * 1024) if max_mb else 1 << 62
    if source.is_dir():
        yield from _folder_entries(source, limit, skipped, wanted)
    elif zipfile.is_zipfile(source):
        try:
            yield from _zip_entries(source, limit, skipped, wanted)
        except zipfile.BadZipFile as error:
            raise GradingError(f"{source} is not a readable zip file: {error}") from error
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


def attributed_to(name, match):
    """Who the LMS says handed a file in: the pattern's ``submitter`` group where it has one, else
    the folder the file sits in (empty at the top of the source).

    >>> attributed_to("mallory/ana_planning.ipynb", re.search(DEFAULT_PATTERN, "mallory/ana_planning.ipynb"))
    'mallory'
    """
    submitter = match.groupdict().get("submitter")
    if submitter:
        return submitter
    return name.rsplit("/", 1)[0] if "/" in name else ""


def names_trainee(attribution, student):
    """Whether an attribution (a folder path, a submitter) names the trainee: one of its parts is
    the id, starts with it, or holds it as a word.

    >>> names_trainee("week 3/Ana_1042_assignsubmission_file_", "ana"), names_trainee("mallory", "ana")
    (True, False)
    """
    student = student.casefold()
    for part in attribution.casefold().split("/"):
        words = re.split(r"[^a-z0-9.@-]+", part)
        if part == student or student in words or (part.startswith(student) and part[len(student)] in "_ -."):
            return True
    return False


def match_submissions(files, regex, assignment, notebooks, flagged=None, attributions=None):
    """Which file is whose notebook: ``(found, skipped)``.

    ``files`` are ``(name, content, timestamp)`` as :func:`entries` gives them; ``regex`` (from
    :func:`compile_pattern`) is searched in each name. Without a ``notebook`` group, a file is the
    assignment's notebook if it has only one. ``found`` maps ``(student, notebook)`` to the file
    taken; ``skipped`` lists ``(name, why)`` for the others. Of several copies of one notebook, the
    newest of those the LMS attributes to the trainee (:func:`attributed_to`, :func:`names_trainee`)
    is taken, or the newest of all where none is; a newer copy attributed to someone else goes to
    ``flagged`` (default: ``skipped``) with the reason: the trainer must look. ``attributions`` (a
    dict, if given) receives the attribution of each file taken.

    >>> import datetime
    >>> day = datetime.datetime(2026, 3, 2)
    >>> found, skipped = match_submissions([("ana_planning.ipynb", b"{}", day), ("notes.txt", b"", day)],
    ...                                    re.compile(DEFAULT_PATTERN), "planning", ["planning"])
    >>> sorted(found), skipped
    ([('ana', 'planning')], [('notes.txt', 'unknown file: its name does not match the pattern')])
    """
    candidates, skipped = {}, []
    flagged = skipped if flagged is None else flagged
    for name, read, stamp in files:
        try:
            match = regex.search(name)
            if not match:
                skipped.append((name, "unknown file: its name does not match the pattern"))
                continue
            student = match.group("student")
            notebook = match.groupdict().get("notebook") or (notebooks[0] if len(notebooks) == 1 else None)
            if not valid_student_id(student):
                shown = student if student is None or len(student) <= 80 else student[:80] + "..."
                skipped.append((name, f"unknown file: {shown!r} is not a usable trainee id"
                                      + (" (at most 64 characters)" if student and len(student) > 64 else "")))
                continue
            if notebook not in notebooks:
                skipped.append((name, f"wrong assignment: {assignment} has no notebook {notebook!r} "
                                      f"(it has {', '.join(notebooks)})"))
                continue
            candidates.setdefault((student, notebook), []).append((name, read, stamp, attributed_to(name, match)))
        except Exception as error:  # one odd file name is that file's problem
            skipped.append((name, f"could not be matched: {type(error).__name__}"))
    found = {}
    for (student, notebook), copies in candidates.items():
        own = [c for c in copies if names_trainee(c[3], student)]
        kept = max(own or copies, key=lambda c: c[2])
        for other in copies:
            if other is kept:
                continue
            if own and other not in own and other[2] > kept[2]:
                flagged.append((other[0], f"not taken: a newer copy of {student}'s {notebook}, but the LMS has it "
                                          f"from {other[3]!r}, not from {student}; {student}'s own {kept[0]} is "
                                          "kept (check with the trainees)"))
            else:
                skipped.append((other[0], f"duplicate: {student} handed in {notebook} twice; kept the newer "
                                          f"{kept[0]}"))
        found[(student, notebook)] = kept[:3]
        if attributions is not None:
            attributions[(student, notebook)] = kept[3]
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


def _store(ws, assignment, found, report, attributions=None):
    """Write each file found into ``submitted/``, unless the same or a newer copy is there already,
    or unless it would replace the trainee's own copy with one attributed to someone else."""
    attributions = attributions or {}
    state = ws.load_state(assignment)
    collected = state.setdefault("collected", {})
    for (student, notebook), (name, content, stamp) in sorted(found.items()):
        try:
            folder = ws.submitted(assignment, student)
            target = folder / f"{notebook}.ipynb"
            if target.exists() and target.read_bytes() == content:
                report.skipped.append((name, f"unchanged: {student}'s {notebook} is already collected"))
                continue
            kept = collected_at(folder)
            if target.exists() and kept and stamp < kept:
                report.skipped.append((name, f"older: {student}'s {notebook} handed in {stamp:%Y-%m-%d %H:%M} is "
                                             f"older than the one collected ({kept:%Y-%m-%d %H:%M}), which is kept"))
                continue
            before = collected.get(student, {}).get(notebook, "")
            now = attributions.get((student, notebook), "")
            if target.exists() and names_trainee(before, student) and now and not names_trainee(now, student):
                report.flagged.append((name, f"not taken: a newer copy of {student}'s {notebook}, but the LMS has it "
                                             f"from {now!r}, not from {student}, whose own copy from {before!r} is "
                                             "kept (check with the trainees)"))
                continue
            why = "updated" if target.exists() else "new"
            folder.mkdir(parents=True, exist_ok=True)
            target.write_bytes(content)
            (folder / "timestamp.txt").write_text(stamp.strftime("%Y-%m-%d %H:%M:%S.%f"))
            collected.setdefault(student, {})[notebook] = now
            report.taken.append((student, name, why))
        except OSError as error:  # one trainee's file is that trainee's problem
            report.skipped.append((name, f"could not be stored: {error.strerror or error}"))
    ws.save_state(assignment, state)


def collect(ws, assignment, source=None, pattern=DEFAULT_PATTERN, exchange=False, max_mb=MAX_MB):
    """Copy submissions into the workspace's ``submitted/<trainee>/<assignment>/``.

    ``source`` is a folder or an LMS zip; ``pattern`` a regular expression with the groups
    ``student`` and (optionally) ``notebook`` and ``submitter`` (who the LMS says handed the file
    in), matched against each file's path inside the source. With ``exchange`` the submissions
    come from nbgrader's exchange instead. A hand-in over ``max_mb`` (uncompressed; 0: no limit)
    is skipped. Returns a :class:`CollectReport`.
    """
    notebooks = ws.notebooks(assignment)
    report = CollectReport()
    if exchange:
        return _collect_exchange(ws, assignment, report, max_mb)
    regex = compile_pattern(pattern)
    skipped, attributions = [], {}
    files = entries(source, max_mb, skipped, wanted=regex.search)
    found, matched = match_submissions(files, regex, assignment, notebooks, report.flagged, attributions)
    report.skipped = skipped + matched
    _store(ws, assignment, found, report, attributions)
    return report


def _collect_exchange(ws, assignment, report, max_mb=MAX_MB):
    """nbgrader's collect from the exchange (newer submissions replace older ones), taking only
    folders written by the trainee they name, and only their regular files within the size limit."""
    from .exchange import OwnedCollect, exchange_step

    before = {p.parent.name: digest(p.glob("*.ipynb")) for p in ws.root.glob(f"submitted/*/{assignment}")}
    step = exchange_step(ws, OwnedCollect, f"collecting {assignment}", {"update": True, "max_mb": max_mb},
                         assignment_id=assignment)
    for folder, owner, claimed in step.planted:
        report.flagged.append((folder, f"not collected: written by {owner}, not by {claimed} whose name it bears"))
    report.skipped += step.refused
    for folder in sorted(ws.root.glob(f"submitted/*/{assignment}")):
        student, now = folder.parent.name, digest(folder.glob("*.ipynb"))
        if before.get(student) == now:
            report.skipped.append((str(folder), f"unchanged: {student} is already collected"))
        else:
            report.taken.append((student, "exchange", "updated" if student in before else "new"))
    return report
