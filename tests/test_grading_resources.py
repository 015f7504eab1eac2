"""The grading round trip through nbgrader's autograde, on the resources assignment.

The solution notebook handed in as a trainee's scores full marks; the unfilled
exercise scores 0 without crashing the grading of the others; a notebook with
typical mistakes (a finish day counted as worked, projects loaded one at a
time, the default levelling rule, a bound not rounded up) gets partial marks
and the diagnostic that names each mistake.
"""

import pytest

from .conftest import ROOT, with_answers

pytestmark = pytest.mark.grading

ASSIGNMENT, NOTEBOOK = "resources", "resources"
SOURCE = ROOT / "solutions" / ASSIGNMENT / f"{NOTEBOOK}.ipynb"
EXERCISE = ROOT / "exercises" / ASSIGNMENT / f"{NOTEBOOK}.ipynb"
TOTAL = 15

MISTAKES = {
    "q1_answer": (
        "peak_developers = 5\n"
        "overloaded_days = [2, 3, 4, 5]  # counts C's finish day (EF 5) as worked\n"
    ),
    "q4_answer": (
        "peaks = []\n"
        "for project, own in portfolio.groupby('project'):  # one project at a time, own timeline\n"
        "    alone = own.assign(release=0)\n"
        "    profile = resource_profile(level(alone, {role: 99 for role in roles}), alone)\n"
        "    peaks.append(profile['BA'].max() if 'BA' in profile else 0)\n"
        "ba_peak = max(peaks)\n"
        "unlimited = level(portfolio, {role: 99 for role in roles})\n"
        "levelled = level(portfolio, roles)  # forgot rule='priority'\n"
        "project_delays = (levelled.groupby('project')['finish'].max()\n"
        "                  - unlimited.groupby('project')['finish'].max())\n"
        "most_delayed = project_delays.idxmax()\n"
    ),
    "q5_answer": "dev_lower_bound = (portal['DEV'] * portal['duration']).sum() / 3\n",
}
FAILED = {
    "q1b_tests": "You counted its finish day as a working day",
    "q4a_tests": "the conflicts are BETWEEN projects",
    "q4b_tests": "the default rule (lft)",
    "q5_tests": "round UP",
}
POINTS = {"q1b_tests": 2, "q4a_tests": 2, "q4b_tests": 2, "q5_tests": 2}
KEPT = {"q1a_tests": 1, "q4c_tests": 1}


@pytest.fixture(scope="module")
def graded(course, tmp_path_factory):
    scratch = tmp_path_factory.mktemp("resources-submissions")
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
    course, gradebook, _ = graded
    assert 0 == score(gradebook, "trainee-blank")
    assert not gradebook.find_submission(ASSIGNMENT, "trainee-blank").needs_manual_grade
    outputs = course.graded_outputs("trainee-blank", ASSIGNMENT, NOTEBOOK)
    assert all("NameError" in text or "NotImplementedError" in text for text in outputs.values())


def test_mistakes_get_partial_marks(graded):
    _, gradebook, _ = graded
    assert TOTAL - sum(POINTS.values()) == score(gradebook, "trainee-partial")
    for grade_id in POINTS:
        assert 0 == gradebook.find_grade(grade_id, NOTEBOOK, ASSIGNMENT, "trainee-partial").score, grade_id
    for grade_id, points in KEPT.items():
        grade = gradebook.find_grade(grade_id, NOTEBOOK, ASSIGNMENT, "trainee-partial")
        assert points == grade.score, grade_id


def test_feedback_names_the_mistake(graded):
    course, _, _ = graded
    outputs = course.graded_outputs("trainee-partial", ASSIGNMENT, NOTEBOOK)
    for grade_id, message in FAILED.items():
        assert message in outputs[grade_id], f"{grade_id} should explain: {message!r}"
