"""The grading round trip through nbgrader's autograde, on the budget assignment.

The solution scores full marks once the trainer grades the note to the steering committee
(question 7, WRITTEN); the unfilled exercise scores 0; a notebook with the classic mistakes of
budget control (the management reserve inside the BAC, the contingency counted twice, the reserves'
holders swapped, the cash flow phased on the late schedule, the commitments ignored, the joint
confidence taken as a product of independent confidences, a timing difference called a saving, a
proposal that cuts scope a deferral would have spared) loses exactly their points and shows the
diagnostic of each.
"""

import pytest

from .round_trip import *  # noqa: F401,F403 - the shared round trip, collected here

pytestmark = pytest.mark.grading

ASSIGNMENT, NOTEBOOK = "budget", "budget"
TOTAL = 21
WRITTEN = {"q7_note": 3}

MISTAKES = {
    # the management reserve inside the BAC, the contingency counted twice, the holders swapped
    "q1_answer": (
        "bac = tasks['cost_eur'].sum() + management_reserve\n"
        "project_budget = tasks['cost_eur'].sum() + tasks['contingency_eur'].sum() + management_reserve\n"
        "who_releases = {'contingency': 'C', 'management reserve': 'B'}\n"
    ),
    # the budget phased on the late dates
    "q2_answer": (
        "plan = cpm(tasks)\n"
        "late = to_dates(plan.assign(es=plan['ls'], ef=plan['lf']), start, holidays)\n"
        "monthly_plan = budget.cost_baseline(tasks, late, freq='MS', calendar=calendar)\n"
        "funding_q2 = monthly_plan.loc['2026-04-01':'2026-06-01', 'planned_eur'].sum()\n"
    ),
    # the commitments ignored: the typical EAC, and the budget less the actual cost
    "q3_answer": (
        "open_orders = orders[orders['status'] == 'open']\n"
        "open_commitments = (open_orders['amount_eur'] - open_orders['invoiced_eur']).sum()\n"
        "fac = 467_500 / (ev / ac)\n"
        "uncommitted = 502_500 - ac\n"
    ),
    # cost and finish taken as independent; the cost's P70 whatever the date
    "q4_answer": (
        "cost_ok = (simulation.cost <= 467_500).mean()\n"
        "date_ok = (simulation.finish <= simulation.period('2026-07-17')).mean()\n"
        "jcl = float(cost_ok * date_ok)\n"
        "budget_70 = simulation.cost_percentile(70)\n"
    ),
    # the timing difference called a saving
    "q5_answer_cell": "q5_answer = 'A'\n",
    # a cut where a deferral would do, and the timing difference as the reason
    "q6_answer": "q6_proposal = 'D'\nq6_why = 3\n",
}
FAILED = {
    "q1a_tests": "puts the management reserve inside the BAC",
    "q1b_tests": "counts the contingency twice",
    "q1c_tests": "That is the management reserve",
    "q2a_tests": "plan on the LATE dates",
    "q2b_tests": "late dates' second quarter",
    "q3b_tests": "it ignores the commitments",
    "q3c_tests": "ignores the commitments",
    "q4a_tests": "as if cost and finish were independent",
    "q4b_tests": "the cost's P70 alone",
    "q5_tests": "Only 10,000 is saved",
    "q6a_tests": "it cuts APP's scope",
    "q6b_tests": "only if SHW's timing difference is counted as a saving",
}
POINTS = {"q1a_tests": 1, "q1b_tests": 1, "q1c_tests": 1, "q2a_tests": 2, "q2b_tests": 1,
          "q3b_tests": 2, "q3c_tests": 1, "q4a_tests": 2, "q4b_tests": 1, "q5_tests": 2,
          "q6a_tests": 2, "q6b_tests": 1}
KEPT = {"q3a_tests": 1}
