"""The grading round trip through nbgrader's autograde, on the portfolio assignment.

The solution notebook handed in as a trainee's scores full marks; the unfilled
exercise scores 0 without crashing the grading of the others; a notebook with
typical mistakes gets partial marks and the diagnostic that names each mistake.
"""

import pytest

from .conftest import ROOT, with_answers

pytestmark = pytest.mark.grading

ASSIGNMENT, NOTEBOOK = "portfolio", "portfolio"
SOURCE = ROOT / "solutions" / ASSIGNMENT / f"{NOTEBOOK}.ipynb"
EXERCISE = ROOT / "exercises" / ASSIGNMENT / f"{NOTEBOOK}.ipynb"
TOTAL = 12

# Mistakes a trainee makes, as answer cells: the grade cells they should fail,
# and the diagnostic each failure must show.
MISTAKES = {
    # weights risk as if 5 were the best
    "q1_answer": (
        "weights = {'strategic_fit': 3, 'financial_value': 4, 'risk': 2, 'capability': 1}\n"
        "ranked = weighted_scores(proposals, weights)\n"
        "best_proposal = ranked.index[0]\n"
        "ranking = ranked.index.tolist()\n"
    ),
    # greedy by NPV / cost, taking what fits
    "q2_answer": (
        "budget = 1_500_000\n"
        "order = proposals.assign(ratio=proposals['npv_eur'] / proposals['cost_eur'])"
        ".sort_values('ratio', ascending=False)\n"
        "funded, spent = [], 0\n"
        "for pid, c in zip(order['id'], order['cost_eur']):\n"
        "    if spent + c <= budget:\n"
        "        funded.append(pid)\n"
        "        spent += c\n"
        "funded_npv = float(proposals.set_index('id').loc[funded, 'npv_eur'].sum())\n"
        "choice = select_projects(proposals, budget, value='npv_eur', cost='cost_eur')\n"
    ),
    # gives the exact optimum as the LP value (the fraction is right)
    "q3_answer": "lp_value = choice.value\nfractional_project = 'P-TMS'\n",
    # cost-based SPI; top risk by EMV
    "q4_answer": (
        "wha = project_report('WHA', figures=False)\n"
        "wha_schedule_index = float(wha.data['kpis']['SPI'])\n"
        "wha_top_risk = 'R-017'\n"
    ),
}
FAILED = {
    "q1a_tests": "a HIGH risk score counts in its favour",
    "q1b_tests": "the ranking that rewards risk",
    "q2a_tests": "greedy by ratio",
    "q2b_tests": "greedy-by-ratio choice",
    "q3_tests": "the best 0/1 selection",
    "q4a_tests": "0.77 is the SPI",
    "q4b_tests": "R-017 is the worst EMV",
}
POINTS = {"q1a_tests": 1, "q1b_tests": 2, "q2a_tests": 2, "q2b_tests": 2, "q3_tests": 2,
          "q4a_tests": 1, "q4b_tests": 2}


@pytest.fixture(scope="module")
def graded(course, tmp_path_factory):
    scratch = tmp_path_factory.mktemp("portfolio-submissions")
    course.submit("portfolio-full", ASSIGNMENT, SOURCE)
    course.submit("portfolio-blank", ASSIGNMENT, EXERCISE)
    partial = with_answers(SOURCE, MISTAKES, scratch / f"{NOTEBOOK}.ipynb")
    course.submit("portfolio-partial", ASSIGNMENT, partial)
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
    assert TOTAL == score(gradebook, "portfolio-full")


def test_unfilled_exercise_scores_zero_without_crashing(graded):
    course, gradebook, _ = graded
    assert 0 == score(gradebook, "portfolio-blank")
    assert not gradebook.find_submission(ASSIGNMENT, "portfolio-blank").needs_manual_grade
    outputs = course.graded_outputs("portfolio-blank", ASSIGNMENT, NOTEBOOK)
    assert all("NameError" in text or "NotImplementedError" in text for text in outputs.values())


def test_mistakes_get_partial_marks(graded):
    _, gradebook, _ = graded
    assert TOTAL - sum(POINTS.values()) == score(gradebook, "portfolio-partial")
    for grade_id in POINTS:
        grade = gradebook.find_grade(grade_id, NOTEBOOK, ASSIGNMENT, "portfolio-partial")
        assert 0 == grade.score, grade_id


def test_feedback_names_the_mistake(graded):
    course, _, _ = graded
    outputs = course.graded_outputs("portfolio-partial", ASSIGNMENT, NOTEBOOK)
    for grade_id, message in FAILED.items():
        assert message in outputs[grade_id], f"{grade_id} should explain: {message!r}"
