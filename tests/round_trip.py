"""The grading round trip every assignment goes through, shared by the tests/test_grading*.py files.

A test module describes its assignment with module-level names and imports the
fixture and the tests from here (pytest collects imported test functions):

``ASSIGNMENT``, ``NOTEBOOK``
    the assignment's folder and notebook name in solutions/ and exercises/;
``TOTAL``
    the points the assignment is worth;
``MISTAKES``
    answer cells (by grade id) with the classic mistakes a trainee makes;
``POINTS``
    the grade cells those mistakes must fail, with the points they lose;
``FAILED``
    the diagnostic text each failing grade cell must show the trainee;
``KEPT`` (optional)
    grade cells the mistakes must not cost, with their points (None: full marks);
``WRITTEN`` (optional)
    written answers the trainer grades by hand in the formgrader (grade id -> points):
    autograde leaves them to the trainer, and the trainer's grade brings the solution to TOTAL.

Through nbgrader's real autograde: the solution handed in as a trainee's
scores TOTAL; the unfilled exercise scores 0 without crashing or being flagged;
the notebook with mistakes scores TOTAL minus the lost points and shows each
diagnostic; no grade cell of the solution writes to stderr (nbgrader would give
it 0). Then the kit's own grader (``pmo-lessons grade``, which runs the tests in
a trusted interpreter on the answers taken out as data) grades the same three
hand-ins: every grade cell gets nbgrader's score and nbgrader's diagnostic.
"""

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT, with_answers

__all__ = [  # what each tests/test_grading*.py collects with `from .round_trip import *`
    "graded",
    "test_assignment_is_worth_its_points",
    "test_solution_scores_full_marks",
    "test_unfilled_exercise_scores_zero_without_crashing",
    "test_mistakes_get_partial_marks",
    "test_feedback_names_the_mistake",
    "test_no_grade_cell_writes_to_stderr",
    "test_the_kits_grader_gives_nbgraders_scores_and_diagnostics",
]

FULL, BLANK, PARTIAL = "trainee-full", "trainee-blank", "trainee-partial"


class Spec:
    """The module-level description of an assignment's round trip."""

    def __init__(self, module):
        self.assignment, self.notebook = module.ASSIGNMENT, module.NOTEBOOK
        self.total, self.mistakes = module.TOTAL, module.MISTAKES
        self.points, self.failed = module.POINTS, module.FAILED
        self.kept = getattr(module, "KEPT", {})
        self.written = getattr(module, "WRITTEN", {})
        self.automatic = self.total - sum(self.written.values())
        self.source = ROOT / "solutions" / self.assignment / f"{self.notebook}.ipynb"
        self.exercise = ROOT / "exercises" / self.assignment / f"{self.notebook}.ipynb"


@pytest.fixture(scope="module")
def graded(course, request, tmp_path_factory):
    spec = Spec(request.module)
    scratch = tmp_path_factory.mktemp(f"{spec.assignment}-submissions")
    course.submit(FULL, spec.assignment, spec.source)
    course.submit(BLANK, spec.assignment, spec.exercise)
    partial = with_answers(spec.source, spec.mistakes, scratch / f"{spec.notebook}.ipynb")
    course.submit(PARTIAL, spec.assignment, partial)
    course.nbgrader("autograde", spec.assignment)
    gradebook = course.gradebook()
    yield spec, course, gradebook
    gradebook.close()


def grade_of(gradebook, spec, grade_id, trainee):
    return gradebook.find_grade(grade_id, spec.notebook, spec.assignment, trainee)


def test_assignment_is_worth_its_points(graded):
    spec, _, gradebook = graded
    assert spec.total == gradebook.find_assignment(spec.assignment).max_score


def test_solution_scores_full_marks(graded):
    spec, _, gradebook = graded
    submission = gradebook.find_submission(spec.assignment, FULL)
    assert spec.automatic == submission.score
    assert bool(spec.written) == submission.needs_manual_grade
    for grade_id, points in spec.written.items():  # what the formgrader does when the trainer saves
        grade = grade_of(gradebook, spec, grade_id, FULL)
        assert grade.auto_score is None and grade.needs_manual_grade, grade_id
        grade.manual_score = points
        grade.needs_manual_grade = False
    gradebook.db.commit()
    submission = gradebook.find_submission(spec.assignment, FULL)
    assert spec.total == submission.score
    assert not submission.needs_manual_grade


def test_unfilled_exercise_scores_zero_without_crashing(graded):
    spec, course, gradebook = graded
    submission = gradebook.find_submission(spec.assignment, BLANK)
    assert 0 == submission.score
    assert not submission.needs_manual_grade  # an unchanged written answer gets 0 at once
    outputs = course.graded_outputs(BLANK, spec.assignment, spec.notebook)
    assert set(spec.written) <= set(outputs)
    code = {grade_id: text for grade_id, text in outputs.items() if grade_id not in spec.written}
    assert all("NameError" in text or "NotImplementedError" in text for text in code.values())


def test_mistakes_get_partial_marks(graded):
    spec, _, gradebook = graded
    assert spec.automatic - sum(spec.points.values()) == gradebook.find_submission(spec.assignment, PARTIAL).score
    for grade_id in spec.points:
        assert 0 == grade_of(gradebook, spec, grade_id, PARTIAL).score, grade_id
    for grade_id, points in spec.kept.items():
        grade = grade_of(gradebook, spec, grade_id, PARTIAL)
        assert (grade.max_score if points is None else points) == grade.score, grade_id


def test_feedback_names_the_mistake(graded):
    spec, course, _ = graded
    outputs = course.graded_outputs(PARTIAL, spec.assignment, spec.notebook)
    for grade_id, message in spec.failed.items():
        assert message in outputs[grade_id], f"{grade_id} should explain: {message!r}"


def test_no_grade_cell_writes_to_stderr(graded):
    spec, course, _ = graded
    outputs = course.graded_outputs(FULL, spec.assignment, spec.notebook)
    assert not [grade_id for grade_id, text in outputs.items() if '"stderr"' in text]


def kit_grades(workspace, assignment):
    """Every grade cell's automatic score and whether it waits for the trainer, by trainee, and the
    error each grade cell shows (its first), from a workspace's gradebook and autograded notebooks."""
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{workspace / 'gradebook.db'}") as gb:
        scores = {(s.student.id, g.name): (g.auto_score, g.needs_manual_grade or g.manual_score is not None)
                  for s in gb.find_assignment(assignment).submissions for n in s.notebooks for g in n.grades}
    errors = {}
    for path in Path(workspace, "autograded").glob(f"*/{assignment}/*.ipynb"):
        for cell in json.loads(path.read_text())["cells"]:
            meta = cell["metadata"].get("nbgrader", {})
            if meta.get("grade") and cell["cell_type"] == "code":
                found = [(o["ename"], o["evalue"]) for o in cell.get("outputs", []) if o["output_type"] == "error"]
                errors[(path.parent.parent.name, meta["grade_id"])] = found[:1]
    return scores, errors


def test_the_kits_grader_gives_nbgraders_scores_and_diagnostics(graded, tmp_path):
    """The same hand-ins graded by ``pmo-lessons grade``: the tests run apart from the trainee's
    code, on the answers taken as data, and every grade cell's score and error equal nbgrader's."""
    spec, course, _ = graded
    kit = tmp_path / "kit"
    for trainee in (FULL, BLANK, PARTIAL):
        shutil.copytree(course.workspace / "submitted" / trainee / spec.assignment,
                        kit / "submitted" / trainee / spec.assignment)
    command = Path(sys.executable).parent / "pmo-lessons"
    done = subprocess.run([str(command), "grade", spec.assignment, "--workspace", str(kit), "--course", str(ROOT),
                           "--workers", "3"], env=course.env, cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    nbgrader_scores, nbgrader_errors = kit_grades(course.workspace, spec.assignment)
    nbgrader_scores = {k: v for k, v in nbgrader_scores.items() if k[0] in (FULL, BLANK, PARTIAL)}
    nbgrader_errors = {k: v for k, v in nbgrader_errors.items() if k[0] in (FULL, BLANK, PARTIAL)}
    kit_scores, kit_errors = kit_grades(kit, spec.assignment)
    assert nbgrader_scores == kit_scores
    assert nbgrader_errors == kit_errors
