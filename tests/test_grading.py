"""The grading round trip through nbgrader's autograde, on the planning assignment.

The solution notebook handed in as a trainee's scores full marks; the unfilled
exercise scores 0 without crashing the grading of the others; a notebook with
typical mistakes gets partial marks and the diagnostic that names each mistake.
"""

import pytest

from .conftest import ROOT, with_answers

pytestmark = pytest.mark.grading

ASSIGNMENT, NOTEBOOK = "planning", "planning"
SOURCE = ROOT / "solutions" / ASSIGNMENT / f"{NOTEBOOK}.ipynb"
EXERCISE = ROOT / "exercises" / ASSIGNMENT / f"{NOTEBOOK}.ipynb"
TOTAL = 17

# Mistakes a trainee makes, as answer cells: the grade cells they should fail,
# and the diagnostic each failure must show.
MISTAKES = {
    "q3_answer": (
        "expected = pert(estimates)\n"
        "expected_duration = cpm(expected.assign(duration=expected['expected']))['ef'].max()\n"
        "path = ['A', 'B', 'C', 'F', 'G', 'H', 'J']\n"
        "project_std = expected.set_index('id').loc[path, 'std'].sum()  # adds std devs\n"
        "z = (25 - expected_duration) / project_std\n"
        "probability_25_days = 0.5 * (1 + math.erf(z / math.sqrt(2)))\n"
    ),
    "q5_answer": "days_saved = 3  # G is 3 days shorter\n",
}
FAILED = {"q3b_tests": "You added the standard deviations", "q3c_tests": "", "q5_tests": "near-critical path"}
POINTS = {"q3b_tests": 1, "q3c_tests": 2, "q5_tests": 2}


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
    for grade_id, points in POINTS.items():
        grade = gradebook.find_grade(grade_id, NOTEBOOK, ASSIGNMENT, "trainee-partial")
        assert 0 == grade.score, grade_id
    kept = gradebook.find_grade("q3a_tests", NOTEBOOK, ASSIGNMENT, "trainee-partial")
    assert 1 == kept.score


def test_feedback_names_the_mistake(graded):
    course, _, _ = graded
    outputs = course.graded_outputs("trainee-partial", ASSIGNMENT, NOTEBOOK)
    for grade_id, message in FAILED.items():
        assert message in outputs[grade_id], f"{grade_id} should explain: {message!r}"
