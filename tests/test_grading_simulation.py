"""The grading round trip through nbgrader's autograde, on the simulation assignment.

The decision log is the answer: the hidden tests replay it on the class's seed, with the package,
and compare it with doing nothing and with the course's expert on the same seed. The solution (the
expert's own log) scores full marks once the trainer grades the written question; the unfilled
exercise scores 0 without crashing; a notebook with the classic mistakes (the need over four weeks
read as next week's, every costly response funded, the finance pilot started on its critical defects,
a contractor bought while a specialist's work has float, team B's quarter handed in as one's own, the
reserve draw taken for the decision that mattered most, the descoped test judged on its cost) gets
partial marks and the diagnostic that names each mistake.
"""

import pytest

from .round_trip import *  # noqa: F401,F403 - the shared round trip, collected here

pytestmark = pytest.mark.grading

ASSIGNMENT, NOTEBOOK = "simulation", "simulation"
TOTAL = 26
WRITTEN = {"q5_justification": 6}

TEAM_B_LOG = (
    "decision_log = [\n"
    "    {'week': 0, 'action': 'fund_response', 'risk': 'R-009'},\n"
    "    {'week': 0, 'action': 'move_people', 'role': 'DEV', 'units': 2, 'from': 'ECO', 'to': 'ERP', "
    "'weeks': 4},\n"
    "    {'week': 0, 'action': 'escalate', 'subject': 'R-029'},\n"
    "    {'week': 1, 'action': 'answer', 'question': 'Q-PILOT', 'option': 'A'},\n"
    "    {'week': 2, 'action': 'answer', 'question': 'Q-BLACK-FRIDAY', 'option': 'B'},\n"
    "    {'week': 2, 'action': 'descope', 'task': 'ECO-15'},\n"
    "    {'week': 4, 'action': 'overtime', 'project': 'ERP', 'weeks': 4},\n"
    "    {'week': 6, 'action': 'draw_reserve', 'project': 'ERP', 'amount_eur': 230820.0, "
    "'reason': 'the overrun'},\n"
    "]\n"
)

MISTAKES = {
    # the need over the next four weeks; every response that costs something
    "q1_answer": (
        "roles = seen.roles\n"
        "short_roles = sorted(roles.index[roles['needed_4_weeks'] > roles['capacity']])\n"
        "register = seen.register\n"
        "worth_funding = sorted(register.loc[register['response_cost_eur'] > 0, 'id'])\n"
    ),
    "q2_answer": "answer_2a = 'A'\nanswer_2b = 'A'\n",
    # a valid quarter of eight decisions, worse than doing nothing
    "q3_answer": TEAM_B_LOG,
    # the reserve draw (a gain, not the largest effect); the descoping judged on its cost
    "q4_answer": "team_b_mattered_most = 7\nanswer_4b = 'C'\n",
}
FAILED = {
    "q1a_tests": "the next four weeks",
    "q1b_tests": "gain less than they cost",
    "q2a_tests": "a test starts when its entry criteria are met",
    "q2b_tests": "levelling within float costs nothing",
    "q3b_tests": "doing nothing",
    "q3c_tests": "half is asked",
    "q4a_tests": "but not the most",
    "q4b_tests": "saved the test",
}
POINTS = {"q1a_tests": 2, "q1b_tests": 2, "q2a_tests": 2, "q2b_tests": 2, "q3b_tests": 3,
          "q3c_tests": 3, "q4a_tests": 2, "q4b_tests": 2}
KEPT = {"q3a_tests": 2}


def test_the_class_report_puts_the_quarters_side_by_side(graded, tmp_path):
    """``pmo-lessons report simulation``: each trainee's log replayed, beside the two references."""
    import csv

    from pmo_lessons import grading

    from .conftest import ROOT

    _, course, _ = graded
    ws = grading.open_workspace(course=ROOT, workspace=course.workspace)
    csv_path, html_path = grading.report(ws, ASSIGNMENT, out_dir=tmp_path)
    with csv_path.open(encoding="utf-8") as handle:
        rows = {r["student"]: r for r in csv.DictReader(handle)}
    assert float(rows["trainee-full"]["quarter_share_of_the_expert_margin"]) == 1
    assert float(rows["trainee-partial"]["quarter_total"]) < \
        float(rows["trainee-full"]["quarter_total"])
    assert "not written as data" in rows["trainee-blank"]["reason"]
    page = html_path.read_text(encoding="utf-8")
    assert "The quarter, team by team" in page and "(doing nothing)" in page and \
        "(the expert)" in page
