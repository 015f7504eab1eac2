"""The grading round trip through nbgrader's autograde, on the capstone.

The capstone has a written answer (question 8, the recommendation to the
board) that the trainer grades by hand in the formgrader (WRITTEN, which the
shared round trip knows): autograde gives the solution every automatic point and
leaves the written answer to the trainer, whose grade brings it to full marks;
the unfilled exercise scores 0 without waiting for a manual grade (nbgrader gives
0 to an unchanged answer cell); the notebook with typical mistakes loses exactly
the points of the cells those mistakes break.
"""

import re

import pytest

from .round_trip import *  # noqa: F401,F403 - the shared round trip, collected here

pytestmark = pytest.mark.grading

ASSIGNMENT, NOTEBOOK = "capstone", "capstone"
TOTAL = 56
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
    # question 9: the average health score read as the verdict; question 3's EAC for the forecast against
    # commitments; the contingency as new money; the 85th percentile for "how many"; the smallest cut;
    # the slip without the company's calendar; the two delays added; a "no go" read as a verdict; a
    # critical-path test read as a forecast
    "q9a_answer": "quality_advice = 'A'\n",
    "q9b_answer": (
        "board = dashboard(status, projects, baseline)\n"
        "erp_over_budget = board.at['ERP', 'EAC'] - projects.set_index('id').at['ERP', 'budget_eur']\n"
    ),
    "q9c_answer": "erp_funding = 'B'\n",
    "q9d_answer": "points_by_9_october = forecast_how_many(velocities, 1, iterations=20_000, "
                  "seed=2026).percentile(85)\n",
    "q9e_answer": "launch_scope = 'A'\n",
    "q9f_answer": (
        "impact = slip_impact(data.load_tasks(), projects, data.load_dependencies(), {'DAT-12': 20})\n"
        "launch_moves = impact.milestones.at['ECO-21', 'moved_days']\n"
    ),
    "q9g_answer": "dat_advice = 'C'\n",
    "q9h_answer": "gate_advice = 'A'\n",
    "q9i_answer": "plan_advice = 'B'\n",
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
    "q9a_tests": "An average hides a dimension out of control",
    "q9b_tests": "question 3's typical forecast",
    "q9c_tests": "The contingency is inside the cost baseline",
    "q9d_tests": "85th PERCENTILE",
    "q9e_tests": "A cut sized to just fit the sprint",
    "q9f_tests": "Without Meridian's calendar",
    "q9g_tests": "The delays do not add",
    "q9h_tests": "is a list of work, not a verdict",
    "q9i_tests": "not that the dates are",
}
# q1c fails too, built on the wrong standard deviation, as it should.
POINTS = {"q1b_tests": 1, "q1c_tests": 2, "q2a_tests": 2, "q2b_tests": 2, "q2c_tests": 1,
          "q3a_tests": 2, "q3b_tests": 1, "q3c_tests": 1, "q3d_tests": 1, "q4a_tests": 2,
          "q4b_tests": 2, "q4c_tests": 2, "q4d_tests": 2, "q4f_tests": 1, "q4g_tests": 2,
          "q5a_tests": 1, "q5b_tests": 2, "q5c_tests": 2, "q6a_tests": 2, "q6b_tests": 2,
          "q9a_tests": 2, "q9b_tests": 1, "q9c_tests": 2, "q9d_tests": 1, "q9e_tests": 2, "q9f_tests": 1,
          "q9g_tests": 2, "q9h_tests": 2, "q9i_tests": 2}
# Right answers next to the mistakes keep their points: the reserve in days follows the
# trainee's own P80, and the report takes the selection object, not the greedy list.
KEPT = {"q1a_tests": 1, "q4e_tests": 1, "q7_tests": 2}


def notebook_cells():
    import json

    from .conftest import ROOT

    return json.loads((ROOT / "solutions" / ASSIGNMENT / f"{NOTEBOOK}.ipynb").read_text())["cells"]


def graded_points(cells):
    """Points per graded item ("4b", "9c", "8"), read from each grade cell's self-check or its id."""
    points = {}
    for cell in cells:
        meta = cell["metadata"].get("nbgrader", {})
        if not meta.get("grade"):
            continue
        found = re.search(r"# Self-check for (?:question )?(\w+)", "".join(cell["source"]))
        points[found.group(1) if found else meta["grade_id"][1]] = meta["points"]
    return points


def judged(cells):
    """The graded items the question texts mark "your judgement", and the written recommendation."""
    text = "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")
    items = set(re.findall(r"\*\*(\d[a-z]?)\*\* \(\d points?, your judgement\)", text))
    return items | {"8"}


def test_every_question_of_the_brief_is_graded():
    """The capstone uses every competence: a graded cell per module of pmo_lessons."""
    cells = notebook_cells()
    sources = "\n".join("".join(cell["source"]) for cell in cells)
    for module in ("schedule", "resources", "evm", "risk", "methodology", "portfolio", "report"):
        assert f"from pmo_lessons.{module} import" in sources, module
    points = sum(cell["metadata"]["nbgrader"]["points"] for cell in cells
                 if cell["metadata"].get("nbgrader", {}).get("grade"))
    assert TOTAL == points


# The elective modules question 9 draws on, and the functions each part names for a trainee who did
# not take the module.
ELECTIVES = {
    "9a": ("quality", ["portfolio_health", "health_findings"]),
    "9b": ("budget", ["project_forecasts"]),
    "9d": ("agile", ["forecast_how_many"]),
    "9f": ("dependencies", ["slip_impact"]),
    "9h": ("documents", ["gate_documents", "gate_readiness"]),
    "9i": ("health", ["health_check"]),
}


def test_question_9_takes_in_every_elective_and_each_part_stands_alone():
    cells = notebook_cells()
    by_id = {c["metadata"].get("nbgrader", {}).get("grade_id"): "".join(c["source"]) for c in cells}
    imports = by_id["q9_imports"]
    for item, (module, functions) in ELECTIVES.items():
        text = by_id[f"q{item}_text"]
        assert f"from pmo_lessons.{module} import" in imports, module
        for function in functions:
            assert f"`{function}(" in text or f"`{function}`" in text, (item, function)
            assert function in imports, function
        assert re.search(r"lesson 1[0-5]|lesson 09", text), f"{item} names the elective it comes from"


def test_the_header_states_the_points_and_the_judgement_share():
    cells = notebook_cells()
    points = graded_points(cells)
    assert TOTAL == sum(points.values())
    judgement = sum(p for item, p in points.items() if item in judged(cells))
    header = "".join(cells[0]["source"])
    written = sum(WRITTEN.values())
    assert f"{TOTAL} points: {TOTAL - written} graded automatically, {written} by" in header
    assert f"{judgement} of them ask for your judgement" in header
    assert judgement * 4 >= TOTAL  # a quarter at least, as every assignment of the kit
    question_9 = {item: p for item, p in points.items() if item.startswith("9")}
    title = next("".join(c["source"]) for c in cells
                 if c["metadata"].get("nbgrader", {}).get("grade_id") == "q9_text")
    assert f"({sum(question_9.values())} points)" in title
    judged_9 = sum(p for item, p in question_9.items() if item in judged(cells))
    assert judged_9 * 2 >= sum(question_9.values())  # at least half of question 9 on judgement
    assert f"{judged_9} of the {sum(question_9.values())} points ask for your judgement" in title


def test_the_model_recommendation_keeps_to_its_own_word_limit():
    cells = notebook_cells()
    answer = next("".join(c["source"]) for c in cells
                  if c["metadata"].get("nbgrader", {}).get("grade_id") == "q8_recommendation")
    note = answer.split("*(model answer)*")[1].split("\n---")[0]
    assert 150 <= len(note.split()) <= 250
