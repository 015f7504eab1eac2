"""The grading round trip through nbgrader's autograde, on the PMO service assignment (lesson 12).

The solution handed in as a trainee's scores every automatic point, and the trainer's grade of the
written value report (question 6, WRITTEN) brings it to full marks; the unfilled exercise scores 0;
a notebook with the classic mistakes loses exactly their points and shows the diagnostic of each.
At least half of the points grade judgement: the PMO's type (3), the first services (3), what to do
with a benefit counted twice (2), whom to warn and whom to inform (3) and the written report (4).
"""

import json

import pytest

from .conftest import ROOT
from .round_trip import *  # noqa: F403 - the shared round trip, collected here

pytestmark = pytest.mark.grading

ASSIGNMENT, NOTEBOOK = "pmo_service", "pmo_service"
TOTAL = 23
WRITTEN = {"q6_report": 4}
JUDGEMENT = {"q1_tests": 3, "q2_tests": 3, "q3b_tests": 2, "q4b_tests": 3, "q6_report": 4}

MISTAKES = {
    # runs the projects: directive
    "q1_answer": 'pmo_type = "directive"\n',
    # trains where the PMO is strongest, instead of where the organisation is weakest
    "q2_answer": 'first_services = ["A", "B"]\n',
    # checks the draft alone (misses the saving the ERP already counts); keeps both claims
    "q3_answer": (
        "findings = check_benefits(draft, proposals, data.load_okrs())\n"
        "problem_ids = sorted(set(findings['id']) & set(draft['id']))\n"
        'double_count = "A"\n'
    ),
    # four weeks as 28 days; warns every project linked to the platform, SEC included
    "q4_answer": (
        "impact = slip_impact(data.load_tasks(), data.load_projects(), data.load_dependencies(),\n"
        "                     {'DAT-12': 28}, calendar)\n"
        "end_moves = impact.projects.set_index('project')['end_move_days'].to_dict()\n"
        "warn = ['CRM', 'ECO', 'SEC']\n"
        "inform = []\n"
    ),
    # the year's plan as the yardstick; the planned case instead of the forecast
    "q5_answer": (
        "done = racking_profiles[racking_profiles['month'] <= '2026-09-30']\n"
        "year = racking_profiles[racking_profiles['month'].dt.year == 2026]\n"
        "racking_rate = float(done['realised_eur'].sum() / year['planned_eur'].sum())\n"
        "case = business_case(racking_profiles, racking_register, racking_project, 'L-RCK', STATUS_DATE)\n"
        "forecast_npv = case.at['planned', 'npv_eur']\n"
        "forecast_payback = case.at['planned', 'payback_years']\n"
    ),
}
FAILED = {
    "q1_tests": "project managers report to it",
    "q2_tests": "planning and control is already the strongest perspective",
    "q3a_tests": "the ERP's business case already counts (B-01",
    "q3b_tests": "inflated by 350,000 EUR a year",
    "q4a_tests": "Four weeks are 20 working days, not 28",
    "q4b_tests": "SEC depends on the platform (D-03) but keeps 9 working days",
    "q5a_tests": "compare the same months",
    "q5b_tests": "That is the planned case",
}
POINTS = {"q1_tests": 3, "q2_tests": 3, "q3a_tests": 2, "q3b_tests": 2, "q4a_tests": 2,
          "q4b_tests": 3, "q5a_tests": 2, "q5b_tests": 2}


def grade_cells():
    notebook = json.loads((ROOT / "solutions" / ASSIGNMENT / f"{NOTEBOOK}.ipynb").read_text())
    return {cell["metadata"]["nbgrader"]["grade_id"]: cell["metadata"]["nbgrader"]["points"]
            for cell in notebook["cells"] if cell["metadata"].get("nbgrader", {}).get("grade")}


def test_at_least_half_of_the_points_grade_judgement():
    points = grade_cells()
    assert TOTAL == sum(points.values())
    assert all(points[grade_id] == value for grade_id, value in JUDGEMENT.items())
    assert 2 * sum(JUDGEMENT.values()) >= TOTAL


def test_the_header_says_the_points():
    notebook = json.loads((ROOT / "solutions" / ASSIGNMENT / f"{NOTEBOOK}.ipynb").read_text())
    intro = "".join(notebook["cells"][0]["source"])
    assert f"{TOTAL} points, {sum(JUDGEMENT.values())} of them on" in intro.replace("\n", " ")
