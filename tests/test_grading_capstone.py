"""The grading round trip through nbgrader's autograde, on the capstone.

The capstone has a written answer (question 8, the recommendation to the
board) that the trainer grades by hand in the formgrader (WRITTEN, which the
shared round trip knows): autograde gives the solution every automatic point and
leaves the written answer to the trainer, whose grade brings it to full marks;
the unfilled exercise scores 0 without waiting for a manual grade (nbgrader gives
0 to an unchanged answer cell); the notebook with typical mistakes loses exactly
the points of the cells those mistakes break.
"""

import pytest

from .round_trip import *  # noqa: F401,F403 - the shared round trip, collected here

pytestmark = pytest.mark.grading

ASSIGNMENT, NOTEBOOK = "capstone", "capstone"
TOTAL = 41
# Graded by the trainer, not by autograde: grade id -> points.
WRITTEN = {"q8_recommendation": 4}

# Mistakes a trainee makes, as answer cells: the grade cells they should fail,
# and the diagnostic each failure must show.
MISTAKES = {
    # adds the standard deviations of the critical tasks
    "q1_answer": (
        "expected = pert(launch)\n"
        "expected_schedule = cpm(expected.assign(duration=expected['expected']))\n"
        "launch_expected = expected_schedule['ef'].max()\n"
        "path = critical_path(expected_schedule, expected)\n"
        "launch_std = expected.set_index('id').loc[path, 'std'].sum()\n"
        "z = (black_friday_day - launch_expected) / launch_std\n"
        "launch_probability = 0.5 * (1 + math.erf(z / math.sqrt(2)))\n"
    ),
    # one project at a time; the default rule; no holidays on the calendar
    "q2_answer": (
        "roles = set()\n"
        "for project, own in portfolio.groupby('project'):\n"
        "    alone = own.assign(release=0)\n"
        "    load = resource_profile(level(alone, {r: 99 for r in capacities}), alone)\n"
        "    roles |= set(overallocations(load, capacities)['resource'])\n"
        "cross_project_roles = sorted(roles)\n"
        "unlimited = level(portfolio, {r: 99 for r in capacities})\n"
        "levelled = level(portfolio, capacities)\n"
        "project_delays = (levelled.groupby('project')['finish'].max()\n"
        "                  - unlimited.groupby('project')['finish'].max())\n"
        "dated = with_dates(level(portfolio, capacities, rule='priority'), origin)\n"
        "crm_levelled_finish = dated.loc[dated['project'] == 'CRM', 'finish_date'].max()\n"
    ),
    # the approved budget as the BAC; the cost-based SPI for the schedule; the project's finish as the launch
    "q3_answer": (
        "board = dashboard(status, projects, baseline)\n"
        "erp = status[status['project'] == 'ERP'].iloc[-1]\n"
        "budget = projects.set_index('id').at['ERP', 'budget_eur']\n"
        "erp_beyond_budget = budget / (erp['ev_eur'] / erp['ac_eur']) - budget\n"
        "eco_spi_t = board.at['ECO', 'SPI']\n"
        "eco_launch_forecast = board.at['ECO', 'forecast_finish']\n"
        "schedule_red = sorted(board.index[board['SPI'] < 0.9])\n"
    ),
    # nets the opportunities
    "q4_answer": "portfolio_reserve = contingency_reserve(register)\n",
    # the judgement questions: the management reserve; R-029 counted twice (and simulated so); the
    # forecast finish read as the launch; the analyst accountable
    "q4b_answer": "reserve_home = 'A'\n",
    "q4c_answer": "launch_events = 'A'\n",
    "q4d_answer": (
        "simulation = monte_carlo(launch, iterations=20_000, seed=2026, risks=risk_events(load_register('ECO')))\n"
        "launch_p80 = simulation.percentile(80)\n"
        "launch_reserve_days = launch_p80 - baseline_launch\n"
        "black_friday_chance = simulation.probability(black_friday_day)\n"
    ),
    "q4g_answer": "ceo_answer = 'C'\n",
    # a cell counts as accountable only when it is exactly 'A'
    "q5_answer": (
        "count_a = (raci == 'A').sum(axis=1)\n"
        "no_accountable = set(count_a[count_a == 0].index)\n"
        "several_accountable = set(count_a[count_a > 1].index)\n"
    ),
    "q5c_answer": "report_accountable = 'D'\n",
    # risk not inverted; greedy by NPV per euro
    "q6_answer": (
        "ranking = weighted_scores(proposals, weights).index.tolist()\n"
        "choice = select_projects(proposals, envelope, value='npv_eur', cost='cost_eur')\n"
        "order = proposals.assign(ratio=proposals['npv_eur'] / proposals['cost_eur'])"
        ".sort_values('ratio', ascending=False)\n"
        "funded, spent = [], 0\n"
        "for pid, c in zip(order['id'], order['cost_eur']):\n"
        "    if spent + c <= envelope:\n"
        "        funded.append(pid)\n"
        "        spent += c\n"
        "funded = sorted(funded)\n"
    ),
}
FAILED = {
    "q1b_tests": "You added the standard deviations",
    "q2a_tests": "the conflicts are BETWEEN projects",
    "q2b_tests": "the default rule (lft)",
    "q2c_tests": "not the public holidays",
    "q3a_tests": "You used budget_eur as the BAC",
    "q3b_tests": "cost-based SPI, EV / PV",
    "q3c_tests": "That is the forecast FINISH of the project",
    "q3d_tests": "you rated the schedule on the cost-based SPI",
    "q4a_tests": "nets the open opportunities",
    "q4b_tests": "The management reserve is for work nobody foresaw",
    "q4c_tests": "R-029 is counted twice",
    "q4d_tests": "counts R-029 twice",
    "q4f_tests": "About 0.60 counts R-029 twice",
    "q4g_tests": "The forecast finish is the end of the whole project",
    "q5a_tests": "Accountable AND Responsible",
    "q5b_tests": "the CEO's 'A/R'",
    "q5c_tests": "The analyst does the writing (R)",
    "q6a_tests": "a HIGH risk score counts in its favour",
    "q6b_tests": "greedy by ratio",
}
# q1c fails too, built on the wrong standard deviation, as it should.
POINTS = {"q1b_tests": 1, "q1c_tests": 2, "q2a_tests": 2, "q2b_tests": 2, "q2c_tests": 1,
          "q3a_tests": 2, "q3b_tests": 1, "q3c_tests": 1, "q3d_tests": 1, "q4a_tests": 2,
          "q4b_tests": 2, "q4c_tests": 2, "q4d_tests": 2, "q4f_tests": 1, "q4g_tests": 2,
          "q5a_tests": 1, "q5b_tests": 2, "q5c_tests": 2, "q6a_tests": 2, "q6b_tests": 2}
# Right answers next to the mistakes keep their points: the reserve in days follows the
# trainee's own P80, and the report takes the selection object, not the greedy list.
KEPT = {"q1a_tests": 1, "q4e_tests": 1, "q7_tests": 2}


def test_every_question_of_the_brief_is_graded():
    """The capstone uses every competence: a graded cell per module of pmo_lessons."""
    import json

    from .conftest import ROOT

    notebook = json.loads((ROOT / "solutions" / ASSIGNMENT / f"{NOTEBOOK}.ipynb").read_text())
    sources = "\n".join("".join(cell["source"]) for cell in notebook["cells"])
    for module in ("schedule", "resources", "evm", "risk", "methodology", "portfolio", "report"):
        assert f"from pmo_lessons.{module} import" in sources, module
    points = sum(cell["metadata"]["nbgrader"]["points"] for cell in notebook["cells"]
                 if cell["metadata"].get("nbgrader", {}).get("grade"))
    assert TOTAL == points
