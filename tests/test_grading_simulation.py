"""The grading round trip through nbgrader's autograde, on the simulation assignment.

The decision log is the answer: the hidden tests replay it on the class's seed (the notebook's
metadata, not the lesson's 2026), with the package, and compare it with doing nothing and with the
course's expert on the same seed. The solution (a team's own quarter, not the expert's) scores full
marks once the trainer grades the written question; the unfilled exercise scores 0 without crashing;
a notebook with the classic mistakes (the need over four weeks read as next week's, every costly
response funded, the dashboards added to a late release, a specialist taken from a programme whose
critical path needs both, the expert's own quarter handed in as the team's, the descoped test judged
on its cost, the lucky pilot judged on its outcome) gets partial marks and the diagnostic that names
each mistake. The hidden tests' other diagnostics are checked on the solution's own test cells, run
here with other answers.
"""

import json

import pytest

from pmo_lessons.simulation import expert, expert_overlap, log_as_code, play
from pmo_lessons.simulation.classroom import game_of, read_log

from .conftest import ROOT
from .round_trip import *  # noqa: F401,F403 - the shared round trip, collected here

pytestmark = pytest.mark.grading

ASSIGNMENT, NOTEBOOK = "simulation", "simulation"
TOTAL = 28
WRITTEN = {"q5_justification": 6}
SOLUTION = ROOT / "solutions" / ASSIGNMENT / f"{NOTEBOOK}.ipynb"
SEED = game_of(SOLUTION)["seed"]

TEAM_B = [
    {"week": 0, "action": "fund_response", "risk": "R-009"},
    {"week": 0, "action": "move_people", "role": "DEV", "units": 2, "from": "ECO", "to": "ERP",
     "weeks": 4},
    {"week": 0, "action": "escalate", "subject": "R-029"},
    {"week": 1, "action": "answer", "question": "Q-PILOT", "option": "A"},
    {"week": 2, "action": "answer", "question": "Q-BLACK-FRIDAY", "option": "B"},
    {"week": 2, "action": "descope", "task": "ECO-15"},
    {"week": 4, "action": "overtime", "project": "ERP", "weeks": 4},
    {"week": 6, "action": "draw_reserve", "project": "ERP", "amount_eur": 230820.0,
     "reason": "the overrun"},
]
EXPERT_LOG = play(expert, SEED).log  # the course's expert's own quarter on the class's seed

MISTAKES = {
    # the need over the next four weeks; every response that costs something
    "q1_answer": (
        "roles = seen.roles\n"
        "short_roles = sorted(roles.index[roles['needed_4_weeks'] > roles['capacity']])\n"
        "register = seen.register\n"
        "worth_funding = sorted(register.loc[register['response_cost_eur'] > 0, 'id'])\n"
    ),
    # the dashboards into the late release; a specialist taken from the programme's critical work
    "q2_answer": "answer_2a = 'A'\nanswer_2b = 'B'\n",
    # the expert's own quarter, pasted as the team's
    "q3_answer": log_as_code(EXPERT_LOG) + "\n",
    # 4a right; the descoping judged on its cost; the pilot judged on its outcome
    "q4_answer": "team_b_mattered_most = 5\nanswer_4b = 'C'\nanswer_4c = 'A'\n",
}
FAILED = {
    "q1a_tests": "the next four weeks",
    "q1b_tests": "cut the expected loss by less than they cost",
    "q2a_tests": "goes through change control",
    "q2b_tests": "one task's, not the programme's",
    "q3a_tests": "the course's expert's own on this seed",
    "q3b_tests": "the course's expert's own on this seed",
    "q3c_tests": "the course's expert's own on this seed",
    "q4b_tests": "saved the test's whole cost",
    "q4c_tests": "fails four times in five",
}
POINTS = {"q1a_tests": 2, "q1b_tests": 2, "q2a_tests": 2, "q2b_tests": 2, "q3a_tests": 2,
          "q3b_tests": 3, "q3c_tests": 3, "q4b_tests": 2, "q4c_tests": 2}
KEPT = {"q4a_tests": 2}


def test_the_class_report_puts_the_quarters_side_by_side(graded, tmp_path):
    """``pmo-lessons report simulation``: each trainee's log replayed, beside the two references."""
    import csv

    from pmo_lessons import grading

    _, course, _ = graded
    ws = grading.open_workspace(course=ROOT, workspace=course.workspace)
    csv_path, html_path = grading.report(ws, ASSIGNMENT, out_dir=tmp_path)
    with csv_path.open(encoding="utf-8") as handle:
        rows = {r["student"]: r for r in csv.DictReader(handle)}
    assert float(rows["trainee-full"]["quarter_share_of_the_expert_margin"]) >= 0.5
    assert float(rows["trainee-partial"]["quarter_share_of_the_expert_margin"]) == 1  # the expert's
    assert "not written as data" in rows["trainee-blank"]["reason"]
    page = html_path.read_text(encoding="utf-8")
    assert "The quarter, team by team" in page and "(doing nothing)" in page and \
        "(the expert)" in page


# --- the other diagnostics, on the solution's own test cells -------------------------------------


def cell_sources():
    cells = json.loads(SOLUTION.read_text(encoding="utf-8"))["cells"]
    return {c["metadata"].get("nbgrader", {}).get("grade_id"): "".join(c["source"]) for c in cells}


def failure(grade_id, **answers):
    """What a grade cell of the solution (self-check and hidden tests) says of these answers."""
    sources = cell_sources()
    space = {}
    for setup in ("imports", "team_b"):
        exec(compile(sources[setup], setup, "exec"), space)  # noqa: S102 - the course's own cells
    space.update(answers)
    try:
        exec(compile(sources[grade_id], grade_id, "exec"), space)  # noqa: S102
    except AssertionError as error:
        return str(error)
    return None


def test_the_solution_is_the_teams_own_quarter_not_the_experts():
    log = read_log(SOLUTION)
    same, longer = expert_overlap(SEED, log)
    assert same < 0.8 * longer and log != EXPERT_LOG
    assert failure("q3a_tests", decision_log=log) is None


@pytest.mark.parametrize("grade_id, answers, message", [
    ("q3a_tests", {"decision_log": EXPERT_LOG[:-6]}, "the course's expert's own on this seed"),
    ("q3b_tests", {"decision_log": TEAM_B}, "doing nothing"),
    ("q3c_tests", {"decision_log": TEAM_B}, "half is asked"),
    ("q4a_tests", {"team_b_mattered_most": 7}, "but not the most"),
    ("q4a_tests", {"team_b_mattered_most": 6}, "Positions start at 0"),
    ("q4b_tests", {"answer_4b": "D"}, "The launch date did not move"),
    ("q4c_tests", {"answer_4c": "D"}, "replays its default"),
    ("q4c_tests", {"answer_4c": "C"}, "the pilot went well"),
    ("q2a_tests", {"answer_2a": "C"}, "its timing is the problem"),
    ("q2b_tests", {"answer_2b": "C"}, "is a gate"),
    ("q2b_tests", {"answer_2b": "D"}, "5 November"),
])
def test_each_wrong_answer_gets_its_diagnostic(grade_id, answers, message):
    said = failure(grade_id, **answers)
    assert said is not None and message in said, said
