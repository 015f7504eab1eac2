"""The grading round trip through nbgrader's autograde, on the reporting assignment.

The solution notebook handed in as a trainee's scores full marks; the unfilled
exercise scores 0 without crashing the grading of the others; a notebook with
the classic reporting mistakes (swapped grid axes, SPI for a late project, EAC
against the BAC instead of the approved budget, a green-washed report that
buries its news, current / target as an OKR score; a share of greens on the dashboard, targets
lowered to score 0.7) gets partial marks and the diagnostic that names each
mistake. The written part of the report (4d) is graded by the trainer.
"""

import pytest

from .round_trip import *  # noqa: F401,F403 - the shared round trip, collected here

pytestmark = pytest.mark.grading

ASSIGNMENT, NOTEBOOK = "reporting", "reporting"
TOTAL = 21
# Graded by the trainer, not by autograde: grade id -> points.
WRITTEN = {"q4d_report": 2}

# Mistakes a trainee makes, as answer cells: the grade cells they should fail,
# and the diagnostic each failure must show.
MISTAKES = {
    # power and interest swapped; the plan itself is fixed (1b keeps its points)
    "q1_answer": (
        "grid = stakeholder_grid(erp_stakeholders.rename(columns={'power': 'interest', "
        "'interest': 'power'}))\n"
        "keep_satisfied = grid.loc[grid['quadrant'] == 'keep satisfied', 'stakeholder'].tolist()\n"
        "erp_plan = draft_plan.copy()\n"
        "erp_plan.loc[1, 'frequency'] = 'monthly'\n"
        "erp_plan.loc[2, 'owner'] = 'Paul Girard'\n"
        "erp_plan = pd.concat([erp_plan, pd.DataFrame([\n"
        "    ('Marc Fontaine (CEO)', 'Portfolio summary', 'monthly', 'e-mail', 'Nathalie Perrin'),\n"
        "    ('Warehouse team leaders', 'What changes', 'monthly', 'briefing', 'Paul Girard'),\n"
        "    ('Integrator account manager', 'Milestones', 'weekly', 'meeting', 'Paul Girard'),\n"
        "    ('IT operations', 'Handover plan', 'fortnightly', 'meeting', 'Paul Girard'),\n"
        "], columns=erp_plan.columns)], ignore_index=True)\n"
    ),
    # SPI instead of SPI(t) (the list is otherwise fine: 2a keeps its points)
    "q2_answer": "dashboard_kpis = candidates.iloc[[0, 2, 3, 4]].reset_index(drop=True)\n",
    # SPI and its RAG; EAC against the BAC
    "q3_answer": (
        "erp = board.loc['ERP']\n"
        "erp_schedule_index = float(erp['SPI'])\n"
        "erp_schedule_rag = rag_status(erp_schedule_index)\n"
        "extra_funding = float(erp['EAC'] - erp['BAC'])\n"
    ),
    # last week's report, green-washed and burying the news; the asks are right (4c keeps its point)
    "q4_answer": (
        "erp_draft = {'project': 'ERP', 'rag': 'amber', 'schedule_index': 'SPI',\n"
        "    'headline': 'This month the team prepared integration testing and held 14 workshops.',\n"
        "    'asks': [{'decision': 'Fund the overrun', 'options': ['fund', 'cut scope'],\n"
        "              'deadline': '2026-10-09'}]}\n"
    ),
    # current / target, clipped
    "q5_answer": (
        "o2_scores = {k: min(1.0, c / t) for k, c, t in zip(o2['key_result_id'], o2['current'], "
        "o2['target'])}\n"
        "o2_score = float(sum(o2_scores.values()) / len(o2_scores))\n"
    ),
    "q2c_answer": "ceo_kpi = 'A'  # one figure for the portfolio\n",
    "q5c_answer": "o2_advice = 'A'  # lower the targets to score 0.7\n",
}
FAILED = {
    "q1a_tests": "you swapped the axes",
    "q2b_tests": "SPI (EV / PV) drifts back to 1 as a late project ends",
    "q3a_tests": "0.94 is ERP",
    "q3b_tests": "the new money is EAC - budget_eur",
    "q4a_tests": "the report says AMBER, but CPI 0.88 and SPI(t) 0.85 make it RED",
    "q4b_tests": "it buries the news",
    "q5a_tests": "0.73 is current / target",
    "q5b_tests": "mean of its four key results",
    "q2c_tests": "A share of greens drives no decision",
    "q5c_tests": "empties the measure",
}
POINTS = {"q1a_tests": 1, "q2b_tests": 1, "q3a_tests": 2, "q3b_tests": 2, "q4a_tests": 1,
          "q4b_tests": 1, "q5a_tests": 1, "q5b_tests": 1, "q2c_tests": 2, "q5c_tests": 2}
KEPT = {"q1b_tests": None, "q2a_tests": None, "q4c_tests": None}
