"""The grading round trip through nbgrader's autograde, on the methodology assignment.

The solution notebook handed in as a trainee's scores full marks; the unfilled
exercise scores 0 without crashing the grading of the others; a notebook with
typical mistakes gets partial marks and the diagnostic that names each mistake.
"""

import pytest

from .round_trip import *  # noqa: F401,F403 - the shared round trip, collected here

pytestmark = pytest.mark.grading

ASSIGNMENT, NOTEBOOK = "methodology", "methodology"
TOTAL = 20

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
    # the judgement questions: the PMO as decision owner; a mandatory gap as a condition; level 5 first
    "q3c_answer": "corrective_actions = 'A'\n",
    "q4_answer": "g2_decision = 'go with conditions'\ng2_blocking = 'Test strategy agreed'\n",
    "q4b_answer": "g2_recommendation = 'C'\n",
    "q5c_answer": "risk_target = 'A'\n",
}
FAILED = {
    "q1b_tests": "counted twice",
    "q3a_tests": "Accountable AND Responsible",
    "q5a_tests": "maturity is staged",
    "q3c_tests": "The PMO advises and arbitrates",
    "q4a_tests": "IS mandatory and not met",
    "q4b_tests": "A mandatory criterion cannot be turned into a condition",
    "q5c_tests": "level 4 is not reached",
}
POINTS = {"q1b_tests": 2, "q3a_tests": 2, "q5a_tests": 2, "q3c_tests": 2, "q4a_tests": 2, "q4b_tests": 2,
          "q5c_tests": 2}
KEPT = {"q1a_tests": 1, "q3b_tests": 2, "q5b_tests": 1}
