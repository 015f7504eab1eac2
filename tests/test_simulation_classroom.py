"""The class's quarters read as data from the trainees' notebooks, never run, and replayed."""

import json

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


def test_an_assignment_says_it_plays_the_simulation():
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    assert game_of(root / "solutions" / "simulation" / "simulation.ipynb")["seed"] == 2026
    assert game_of(root / "solutions" / "risk" / "risk.ipynb") is None
