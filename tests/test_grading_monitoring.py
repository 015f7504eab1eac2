"""The grading round trip through nbgrader's autograde, on the monitoring assignment.

The solution notebook handed in as a trainee's scores full marks; the unfilled
exercise scores 0 without crashing the grading of the others; a notebook with
the classic mistakes of earned value (CPI computed as AC / EV, the sign of a
variance, the wrong EAC for the situation, the reserve counted in the BAC, SPI
instead of SPI(t)) gets partial marks and the diagnostic that names each one.
"""

import pytest

from .conftest import ROOT, with_answers

pytestmark = pytest.mark.grading

ASSIGNMENT, NOTEBOOK = "monitoring", "monitoring"
SOURCE = ROOT / "solutions" / ASSIGNMENT / f"{NOTEBOOK}.ipynb"
EXERCISE = ROOT / "exercises" / ASSIGNMENT / f"{NOTEBOOK}.ipynb"
TOTAL = 17

# Mistakes a trainee makes, as answer cells: the grade cells they should fail,
# and the diagnostic each failure must show.
MISTAKES = {
    "q1_answer": (
        "cv = ac - ev      # sign flipped\n"
        "sv = ev - pv\n"
        "cpi = ac / ev     # ratio upside down\n"
        "spi = ev / pv\n"
    ),
    "q2_answer": (
        "eac_one_off = bac / cpi   # the overrun was a one-off, not a trend\n"
        "eac_continues = bac / cpi\n"
        "eac_recovery = ac + (bac - ev) / (cpi * spi)\n"
    ),
    "q6_answer": (
        "last = status[status['project'] == 'ERP'].iloc[-1]\n"
        "erp_eac = projects.set_index('id').at['ERP', 'budget_eur'] / (last['ev_eur'] / last['ac_eur'])\n"
        "board = dashboard(status, projects, baseline, thresholds={'green': 0.95, 'amber': 0.92})\n"
        "red_projects = sorted(p for p in board.index if min(board.at[p, 'CPI'], board.at[p, 'SPI']) < 0.92)\n"
    ),
}
FAILED = {
    "q1a_tests": "Sign of the cost variance: you computed AC - EV",
    "q1b_tests": "You computed CPI as AC / EV",
    "q2a_tests": "Your EAC is BAC / CPI: it assumes the overrun goes on",
    "q6a_tests": "You used budget_eur as the BAC: it includes the management reserve",
    "q6b_tests": "you rated the schedule on the cost-based SPI",
}
POINTS = {"q1a_tests": 2, "q1b_tests": 2, "q2a_tests": 1, "q6a_tests": 2, "q6b_tests": 1}
# The later answers built on the wrong cpi (q2's eac_continues = bac / 1.25, q3's vac)
# fail too, as they should: a wrong index gives a wrong forecast.
KNOCK_ON = {"q2b_tests": 1, "q2c_tests": 1, "q3a_tests": 1}


@pytest.fixture(scope="module")
def graded(course, tmp_path_factory):
    scratch = tmp_path_factory.mktemp("submissions-monitoring")
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
    lost = {**POINTS, **KNOCK_ON}
    assert TOTAL - sum(lost.values()) == score(gradebook, "trainee-partial")
    for grade_id in lost:
        grade = gradebook.find_grade(grade_id, NOTEBOOK, ASSIGNMENT, "trainee-partial")
        assert 0 == grade.score, grade_id
    for kept in ("q3b_tests", "q4a_tests", "q5_tests"):
        grade = gradebook.find_grade(kept, NOTEBOOK, ASSIGNMENT, "trainee-partial")
        assert grade.score == grade.max_score, kept


def test_feedback_names_the_mistake(graded):
    course, _, _ = graded
    outputs = course.graded_outputs("trainee-partial", ASSIGNMENT, NOTEBOOK)
    for grade_id, message in FAILED.items():
        assert message in outputs[grade_id], f"{grade_id} should explain: {message!r}"


def test_no_grade_cell_writes_to_stderr(graded):
    # nbgrader gives 0 points to a grade cell with anything on stderr (a warning, say).
    course, _, _ = graded
    outputs = course.graded_outputs("trainee-full", ASSIGNMENT, NOTEBOOK)
    assert not [g for g, text in outputs.items() if '"stderr"' in text]
