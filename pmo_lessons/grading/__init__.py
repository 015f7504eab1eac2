"""The trainer's workflow, built on nbgrader: release, collect, grade in parallel, feed back, report.

Every stage drives nbgrader's own parts: its ``CourseDirectory`` and configuration (the course's
``nbgrader_config.py``), its converters, its preprocessors, its exchange and its SQLite
``Gradebook``. One module per stage, in the order a trainer runs them:

- ``workspace``: the course and the folder where grading work goes, never in ``solutions/`` or
  ``exercises/`` (:func:`open_workspace`, :class:`Workspace`);
- ``release``: ``exercises/`` regenerated from ``solutions/`` and checked fresh (:func:`release`);
- ``collect``: submissions from a folder, an LMS zip or nbgrader's exchange (:func:`collect`);
- ``autograde``: prepare, execute in a pool of warm workers (sandboxed kernels, with limits),
  record in the gradebook from one process; broken submissions get 0 and a reason; only what
  changed is graded again (:func:`grade`). Its steps have modules of their own:

  - ``mend``: a submitted notebook's malformed cells mended one by one before nbgrader reads it;
  - ``plan``: from the source, the set-up cells and tests of the trusted run, and the answers each
    test needs;
  - ``answers``: those answers taken out of the trainee's kernel as data (tagged JSON, exact
    types, limits) and read back strictly on the trusted side;
  - ``trusted``: the tests run in a warm, sandboxed trusted interpreter, a fresh forked child per
    submission, never where trainee code runs; their outputs become the graded cells' outputs;
  - ``outputs``: every kind of output kept within its limit, in nbformat's shape;
- ``checks``: what graded notebooks say (scores, diagnostics, the grader's notes) and the hidden
  test lines no page may show (:func:`hidden_lines`, :func:`html_text`);
- ``feedback``: one HTML page per trainee, with no hidden test (:func:`feedback`);
- ``summary``: the class report, grades CSV and summary page (:func:`report`).
- ``validate``: nbgrader's *Validate* says why a cell stopped in plain words (the kit's
  ``nbgrader_config.py`` turns it on).

``preprocessors`` holds the kit's nbgrader preprocessors and kernel manager, and ``exchange`` the
exchange steps; both import nbgrader, and the stages import them only when they run, so importing
this package loads no nbgrader. The kernels' sandbox, control groups and limits are
:mod:`pmo_lessons.sandbox`. In a trainee's kernel, only ``answers`` is ever loaded, from its file
alone.

A new stage gets a module of its own here and its public names below. The names ``release``,
``collect`` and ``feedback`` of this package are the stage functions; their modules are reached
with ``from pmo_lessons.grading.collect import match_submissions``.

>>> question_of("q3b_tests"), question_of("essay")
('q3', 'essay')
"""

from .autograde import GradeResult, grade
from .checks import GRADER_ERRORS, HIDDEN, MANUAL, hidden_lines, html_text, question_of
from .collect import DEFAULT_PATTERN, STUDENT_ID, CollectReport, collect
from .feedback import feedback
from .release import release, stale_exercises
from .summary import class_table, report
from .workspace import (
    STATE_FOLDER,
    GradingError,
    Workspace,
    default_exchange,
    default_workspace,
    find_course,
    open_workspace,
)

__all__ = [
    "GradingError",
    "Workspace",
    "open_workspace",
    "default_workspace",
    "default_exchange",
    "find_course",
    "release",
    "stale_exercises",
    "collect",
    "CollectReport",
    "grade",
    "GradeResult",
    "feedback",
    "report",
    "class_table",
    "hidden_lines",
    "html_text",
    "question_of",
    "DEFAULT_PATTERN",
    "STUDENT_ID",
    "HIDDEN",
    "MANUAL",
    "GRADER_ERRORS",
    "STATE_FOLDER",
]
