"""The grading round trip through nbgrader's autograde, on the methodology assignment.

The solution notebook handed in as a trainee's scores full marks; the unfilled
exercise scores 0 without crashing the grading of the others; a notebook with
typical mistakes gets partial marks and the diagnostic that names each mistake.
"""

import pytest

from .conftest import ROOT, with_answers

pytestmark = pytest.mark.grading

ASSIGNMENT, NOTEBOOK = "methodology", "methodology"
SOURCE = ROOT / "solutions" / ASSIGNMENT / f"{NOTEBOOK}.ipynb"
EXERCISE = ROOT / "exercises" / ASSIGNMENT / f"{NOTEBOOK}.ipynb"
TOTAL = 14

# Mistakes a trainee makes, as answer cells: the grade cells they should fail,
# and the diagnostic each failure must show.
MISTAKES = {
    "q1_answer": (
        'broken_element = "2"\n'
        'project_cost = showroom["cost_keur"].sum()  # adds the summaries too\n'
    ),
    "q3_answer": (
        "# a cell counts as accountable only when it is exactly 'A'\n"
        "count_a = (raci == 'A').sum(axis=1)\n"
        "count_r = raci.apply(lambda row: row.str.contains('R').sum(), axis=1)\n"
        "no_accountable = set(count_a[count_a == 0].index)\n"
        "several_accountable = set(count_a[count_a > 1].index)\n"
        "no_responsible = set(count_r[count_r == 0].index)\n"
        "fixed_raci = raci.copy()\n"
        "fixed_raci.loc['Consolidate the portfolio dashboard', 'PMO lead'] = 'A/R'\n"
        "fixed_raci.loc['Validate budget figures', 'PMO lead'] = 'C'\n"
        "fixed_raci.loc['Decide corrective actions', 'Project managers'] = 'R'\n"
    ),
    "q5_answer": (
        "risk_level = 5  # level 5 is all yes\n"
        'risk_next = ["RSK-4a", "RSK-4b"]\n'
    ),
}
FAILED = {
    "q1b_tests": "counted twice",
    "q3a_tests": "Accountable AND Responsible",
    "q5a_tests": "maturity is staged",
}
POINTS = {"q1b_tests": 2, "q3a_tests": 2, "q5a_tests": 2}
KEPT = {"q1a_tests": 1, "q3b_tests": 2, "q5b_tests": 1}


@pytest.fixture(scope="module")
def graded(course, tmp_path_factory):
    scratch = tmp_path_factory.mktemp("submissions")
    course.submit("trainee-full", ASSIGNMENT, SOURCE)
    course.submit("trainee-blank", ASSIGNMENT, EXERCISE)
    partial = with_answers(SOURCE, MISTAKES, scratch / f"{NOTEBOOK}.ipynb")
    course.submit("trainee-partial", ASSIGNMENT, partial)
    result = course.nbgrader("autograde", ASSIGNMENT)
    gradebook = course.gradebook()
    yield course, gradebook, result
    gradebook.close()


def score(gradebook, trainee):
    return gradebook.find_submission(ASSIGNMENT, trainee).score


def test_assignment_is_worth_its_points(graded):
    _, gradebook, _ = graded
    assert TOTAL == gradebook.find_assignment(ASSIGNMENT).max_score


def test_solution_scores_full_marks(graded):
    _, gradebook, _ = graded
    assert TOTAL == score(gradebook, "trainee-full")


def test_unfilled_exercise_scores_zero_without_crashing(graded):
    course, gradebook, result = graded
    assert 0 == score(gradebook, "trainee-blank")
    assert not gradebook.find_submission(ASSIGNMENT, "trainee-blank").needs_manual_grade
    outputs = course.graded_outputs("trainee-blank", ASSIGNMENT, NOTEBOOK)
    assert all("NameError" in text or "NotImplementedError" in text for text in outputs.values())


def test_mistakes_get_partial_marks(graded):
    _, gradebook, _ = graded
    assert TOTAL - sum(POINTS.values()) == score(gradebook, "trainee-partial")
    for grade_id in POINTS:
        grade = gradebook.find_grade(grade_id, NOTEBOOK, ASSIGNMENT, "trainee-partial")
        assert 0 == grade.score, grade_id
    for grade_id, points in KEPT.items():
        grade = gradebook.find_grade(grade_id, NOTEBOOK, ASSIGNMENT, "trainee-partial")
        assert points == grade.score, grade_id


def test_feedback_names_the_mistake(graded):
    course, _, _ = graded
    outputs = course.graded_outputs("trainee-partial", ASSIGNMENT, NOTEBOOK)
    for grade_id, message in FAILED.items():
        assert message in outputs[grade_id], f"{grade_id} should explain: {message!r}"
