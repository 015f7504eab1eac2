"""The workspace: nbgrader's configuration, with the grading work outside the repository.

Every stage works on a :class:`Workspace`: the course folder (``solutions/``, ``exercises/``,
``nbgrader_config.py``) and the folder where the grading work goes (the gradebook,
``submitted/``, ``autograded/``, ``feedback/``, ``reports/`` and the kit's own state in
``pmo-lessons/``). That folder is the ``workspace`` argument, else ``$PMO_GRADING_DIR``, else
``~/pmo-grading/<course_id>``; never inside ``solutions/`` or ``exercises/``.

Also here, because every stage needs them: :func:`digest` (what a set of files holds) and
:func:`quiet` (nbgrader's components without their info logging).

>>> ws = Workspace(course=Path("/kit"), root=Path("/w"), config=None, course_id="pmo-course")
>>> ws.submitted("planning", "ana").as_posix(), ws.state_file("planning").as_posix()
('/w/submitted/ana/planning', '/w/pmo-lessons/planning.json')
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError

__all__ = [
    "GradingError",
    "Workspace",
    "default_workspace",
    "default_exchange",
    "find_course",
    "open_workspace",
    "digest",
    "quiet",
    "commands_on_path",
    "STATE_FOLDER",
]

#: The workspace's folder for the kit's own state: one JSON file per assignment (fingerprints,
#: statuses and reasons of the trainees, the digest of the source last released and verified).
STATE_FOLDER = "pmo-lessons"


class GradingError(InputError):
    """A grading step that cannot go on: the message names the assignment, file or trainee."""


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
    """The course folder (holding ``solutions/`` and ``nbgrader_config.py``).

    ``course`` if given, else the current folder, else the kit this package comes from.

    >>> find_course("/nowhere")
    Traceback (most recent call last):
    ...
    pmo_lessons.grading.workspace.GradingError: no course found in /nowhere: a course folder holds ...
    """
    candidates = [Path(course)] if course else [Path.cwd(), Path(__file__).resolve().parents[2]]
    for candidate in candidates:
        if (candidate / "solutions").is_dir() and (candidate / "nbgrader_config.py").is_file():
            return candidate.resolve()
    where = ", ".join(str(c) for c in candidates)
    raise GradingError(f"no course found in {where}: a course folder holds solutions/ and nbgrader_config.py "
                       "(run from the kit's folder or pass --course)")


@dataclass
class Workspace:
    """A course and its grading workspace, seen through nbgrader's configuration.

    >>> ws = Workspace(course=Path("/kit"), root=Path("/w"), config=None, course_id="pmo-course")
    >>> ws.db_url, ws.autograded("planning", "ana").as_posix()
    ('sqlite:////w/gradebook.db', '/w/autograded/ana/planning')
    """

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

    commands_on_path()
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


def commands_on_path():
    """Put the folder of this interpreter's commands first on ``PATH`` if it is not there:
    nbgrader runs ``alembic`` from ``PATH`` when it creates a gradebook, so ``.venv/bin/pmo-lessons``
    run without the environment activated would fail on a fresh workspace."""
    folder = str(Path(sys.executable).parent)
    if folder not in os.environ.get("PATH", "").split(os.pathsep):
        os.environ["PATH"] = folder + os.pathsep + os.environ.get("PATH", "")


def digest(paths):
    """What a set of files holds: a SHA-256 of their names (not their folders) and contents, in
    name order; their dates do not count.

    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> _ = (folder / "a.ipynb").write_text("{}")
    >>> digest([folder / "a.ipynb"]) == digest([folder / "a.ipynb"])
    True
    >>> _ = (folder / "b.ipynb").write_text("{}")
    >>> digest([folder / "a.ipynb"]) == digest([folder / "b.ipynb"])  # same content, another name
    False
    """
    sha = hashlib.sha256()
    for path in sorted(paths):
        sha.update(Path(path).name.encode())
        sha.update(Path(path).read_bytes())
    return sha.hexdigest()


def quiet(component):
    """Keep nbgrader's info logging off the trainer's terminal (warnings and errors stay).

    >>> import logging
    >>> class Component:
    ...     log = logging.getLogger("pmo-example")
    >>> quiet(Component()).log.level == logging.WARNING
    True
    """
    import logging

    component.log.setLevel(logging.WARNING)
    return component
