"""The class's quarters read as data from the trainees' notebooks, never run, and replayed."""

import json
from pathlib import Path

import pandas as pd
import pytest

from pmo_lessons.grading.summary import summary_page
from pmo_lessons.simulation import SimulationError, log_as_code, quarter_outcome
from pmo_lessons.simulation.classroom import class_outcomes, game_of, read_log


def notebook(path, source, grade_id="q3_answer"):
    cells = [{"cell_type": "code", "metadata": {"nbgrader": {"grade_id": grade_id}},
              "source": source, "outputs": [], "execution_count": None}]
    path.write_text(json.dumps({"cells": cells, "metadata": {}, "nbformat": 4,
                                "nbformat_minor": 5}), encoding="utf-8")
    return path


LOG = [{"week": 0, "action": "fund_response", "risk": "R-034"},
       {"week": 0, "action": "escalate", "subject": "R-029"}]


def test_a_pasted_log_is_read_as_data(tmp_path):
    path = notebook(tmp_path / "a.ipynb", log_as_code(LOG) + "\n")
    assert read_log(path) == LOG


@pytest.mark.parametrize("source, why", [
    ("decision_log = cockpit.log\n", "not written as data"),
    ("decision_log = __import__('os').system('touch /tmp/pwned')\n", "not written as data"),
    ("decision_log = [\n", "not valid Python"),
    ("log = []\n", "not written as data"),
])
def test_code_is_never_run_and_is_refused_with_a_reason(tmp_path, source, why):
    path = notebook(tmp_path / "a.ipynb", source)
    with pytest.raises(SimulationError, match=why):
        read_log(path)
    assert not (tmp_path / "pwned").exists()


def test_a_notebook_without_the_answer_cell(tmp_path):
    with pytest.raises(SimulationError, match="no answer cell q3_answer"):
        read_log(notebook(tmp_path / "a.ipynb", "x = 1", grade_id="q1_answer"))
    with pytest.raises(SimulationError, match="no notebook"):
        read_log(tmp_path / "missing.ipynb")


def test_the_class_side_by_side_with_the_references(tmp_path):
    spec = {"seed": 2026, "weeks": 2, "answer": "q3_answer", "variable": "decision_log"}
    notebooks = {"ana": notebook(tmp_path / "ana.ipynb", log_as_code(LOG)),
                 "ben": notebook(tmp_path / "ben.ipynb", "decision_log = cockpit.log"),
                 "kim": notebook(tmp_path / "kim.ipynb", log_as_code(
                     [{"week": 0, "action": "draw_reserve", "project": "ECO",
                       "amount_eur": 1e9}]))}
    rows = {r["team"]: r for r in class_outcomes(spec, notebooks)}
    assert rows["ana"]["total"] == quarter_outcome(2026, LOG, weeks=2)["total"]
    assert "not written as data" in rows["ben"]["reason"]
    assert "ECO has 42,910 EUR of management reserve left" in rows["kim"]["reason"]
    assert rows["(the expert)"]["share_of_the_expert_margin"] == 1.0
    page = summary_page("simulation", ["q1"], [{"student": "ana", "status": "graded", "score": 1.0,
                                                "max_score": 2.0, "q1": 1.0, "reason": ""}],
                        {"ana": [("simulation", "q1_tests", 1.0, 2.0, "")]},
                        outcomes=list(rows.values()) + [{"team": "$\\evil{$", "total": 1.0}])
    assert "The quarter, team by team" in page and "$\\evil{$" in page


ROOT = Path(__file__).resolve().parent.parent
ASSIGNMENT = ROOT / "solutions" / "simulation" / "simulation.ipynb"


def assignment_cells():
    cells = json.loads(ASSIGNMENT.read_text(encoding="utf-8"))["cells"]
    return {c["metadata"]["nbgrader"]["grade_id"]: "".join(c["source"]) for c in cells}


def test_an_assignment_says_it_plays_the_simulation():
    spec = game_of(ASSIGNMENT)
    assert spec["seed"] != 2026  # not the lesson's seed, whose expert quarter lesson 16 shows
    assert f"SEED = {spec['seed']}  #" in assignment_cells()["imports"]  # the code plays the metadata's
    assert game_of(ROOT / "solutions" / "risk" / "risk.ipynb") is None


@pytest.fixture(scope="module")
def handover():
    """What the assignment's questions 1 and 2 read: its own set-up cell, run."""
    space = {}
    exec(compile(assignment_cells()["imports"], "imports", "exec"), space)  # noqa: S102
    return space["seen"]


def test_the_figures_of_question_2_are_the_kits(handover):
    """Every figure question 2 states is what the kit computes on the class's seed that Friday."""
    text = assignment_cells()["q2_text"]
    tasks = handover.tasks.set_index("task_id")
    floats = {"ECO-16": 14, "DAT-17": 5, "SEC-09": 8, "SEC-15": 21, "SEC-12": 27}
    assert {t: int(tasks.at[t, "total_float"]) for t in floats} == floats
    assert tasks.at["ECO-16", "waiting_for"] == "SEC" and not tasks.at["ECO-16", "critical"]
    assert tasks.at["ECO-14", "critical"] and tasks.at["SEC-13", "critical"]
    assert tasks.at["SEC-13", "state"] == "not started" and int(tasks.at["SEC-12", "days_left"]) == 3
    assert set(tasks.index[(tasks["project"] == "SEC") & tasks["units"].str.contains("SEC ")
                           & (tasks["earliest_start"] == 0)]) == {"SEC-09", "SEC-12", "SEC-13", "SEC-15"}
    assert handover.roles.at["SEC", "free"] == 0
    assert "Q-DASH" in handover.questions["id"].tolist()
    budget, milestones = handover.budget.loc["DAT"], handover.milestones.set_index("task_id")
    assert (round(budget["EAC"] / 1000), round(budget["cost_baseline"] / 1000),
            round(budget["budget"] / 1000)) == (510, 443, 470)
    assert milestones.at["DAT-23", "baseline"] == pd.Timestamp("2026-11-13")
    assert milestones.at["DAT-23", "forecast_date"] == pd.Timestamp("2026-11-30")
    for figure in ("14 working days", "5 working days", "510 k€", "443 k€", "470 k€", "13 November",
                   "30 November", "SEC-09 (8 days", "SEC-15 (21)", "SEC-12 (27, with 3 days"):
        assert figure in " ".join(text.split()), figure


def test_a_log_that_is_the_experts_own_quarter_is_told_apart():
    from pmo_lessons.simulation import expert, expert_overlap, play

    log = play(expert, 5, weeks=3).log
    same, longer = expert_overlap(5, log, weeks=3)
    assert same == longer == len(log)
    edited = [dict(d, reason="ours") if d["action"] == "draw_reserve" else d for d in log]
    assert expert_overlap(5, edited, weeks=3) == (same, longer)  # a change request's words aside
    assert expert_overlap(5, log[: len(log) // 2], weeks=3) == (len(log) // 2, len(log))
