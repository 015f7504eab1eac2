"""The grading round trip through nbgrader's autograde, on the portfolio assignment.

The solution notebook handed in as a trainee's scores full marks; the unfilled
exercise scores 0 without crashing the grading of the others; a notebook with
typical mistakes gets partial marks and the diagnostic that names each mistake.
"""

import pytest

from .round_trip import *  # noqa: F401,F403 - the shared round trip, collected here

pytestmark = pytest.mark.grading

ASSIGNMENT, NOTEBOOK = "portfolio", "portfolio"
TOTAL = 15

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
    # the chair's rule taken as it is
    "q2c_answer": "chair_rule = 'A'\n",
    # the fallacy of issue 15 (little spent because little done); an occurred risk ranked as a risk
    "q4_answer": "wha_cost_reading = 'A'\nwha_risks = 'A'\n",
}
FAILED = {
    "q1a_tests": "a HIGH risk score counts in its favour",
    "q1b_tests": "the ranking that rewards risk",
    "q2a_tests": "greedy by ratio",
    "q2b_tests": "greedy-by-ratio choice",
    "q3_tests": "the best 0/1 selection",
    "q2c_tests": "A ranking ignores what each proposal costs",
    "q4a_tests": "a delay lowers the schedule index, not the CPI",
    "q4b_tests": "it is no longer a risk but an issue",
}
POINTS = {"q1a_tests": 1, "q1b_tests": 2, "q2a_tests": 2, "q2b_tests": 2, "q3_tests": 2,
          "q2c_tests": 2, "q4a_tests": 2, "q4b_tests": 2}
