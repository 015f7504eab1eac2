"""Schedule health checks (DCMA 14-point assessment, DCMA-EA PAM 200.1, October 2012, section 4.4).

Each check is pinned on a small plan whose faults are counted by hand here, and once on a real
P6 plan whose fault (an actual start after the data date) the plans' extraction notes too.
"""

import os
from pathlib import Path

import pandas as pd
import pytest

from pmo_lessons.health import DCMA_LIMITS, HealthError, health_check
from pmo_lessons.plans import plan_from_tasks, read_plan

ROOT = Path(__file__).resolve().parent.parent
REALPLANS = Path(os.environ.get("PMO_REALPLANS", ROOT.parent / "shared" / "realplans"))


def _check(plan, **kwargs):
    return health_check(plan, **kwargs).set_index("check")


def test_each_check_counts_what_it_should():
    # A -> B (FS-1 lead), B -> C (SS), C -> D (FS+2 lag); E alone; F is 50 days long;
    # D must finish by Fri 6 March (hard constraint, negative float)
    tasks = pd.DataFrame({
        "id": ["A", "B", "C", "D", "E", "F"], "duration": [3, 2, 2, 1, 1, 50],
        "predecessors": ["", "A FS-1", "B SS", "C FS+2", "", "A"],
        "constraint": ["ASAP", "ASAP", "ASAP", "FNLT", "ASAP", "ASAP"],
        "constraint_date": [None, None, None, "2026-03-06 17:00", None, None]})
    plan = plan_from_tasks(tasks, start="2026-03-02")
    report = _check(plan)
    assert report.at["leads", "count"] == 1 and report.at["leads", "tasks"] == "A -> B"
    assert report.at["lags", "count"] == 1 and not report.at["lags", "passed"]  # 1 of 5 = 20 %
    assert report.at["relationship types", "count"] == 1  # 4 of 5 FS = 80 % < 90 %
    assert not report.at["relationship types", "passed"]
    assert report.at["hard constraints", "tasks"] == "D"
    # E has neither predecessor nor successor; D has no successor but is not the last task;
    # the first task (A) may lack a predecessor and the last (F) a successor
    assert report.at["logic", "tasks"] == "D, E"
    assert report.at["high duration", "tasks"] == "F"
    assert "D" in report.at["negative float", "tasks"].split(", ")
    assert report.at["high float", "tasks"] == "E"  # E floats 52 days before F's finish
    assert report.at["critical path test", "passed"]
    assert pd.isna(report.at["baseline execution index", "passed"])


def test_a_clean_plan_passes():
    tasks = pd.DataFrame({"id": ["A", "B", "C"], "duration": [3, 2, 4],
                          "predecessors": ["", "A", "B"]})
    report = health_check(plan_from_tasks(tasks, start="2026-03-02"))
    assert report["passed"].dropna().all()


def test_limits_can_be_the_pmo_s_own():
    tasks = pd.DataFrame({"id": ["A", "B"], "duration": [3, 2], "predecessors": ["", "A FS+1"]})
    plan = plan_from_tasks(tasks, start="2026-03-02")
    assert not _check(plan).at["lags", "passed"]
    assert _check(plan, limits={"lags": 100}).at["lags", "passed"]
    with pytest.raises(HealthError, match="limit 'lags'"):
        health_check(plan, limits={"lags": "many"})
    assert DCMA_LIMITS["high days"] == 44


def test_a_real_plan_has_an_actual_start_after_its_data_date():
    path = REALPLANS / "xer_tp_building.xer"
    if not path.is_file():
        pytest.skip(f"the real plans are not at {REALPLANS} (set PMO_REALPLANS)")
    report = _check(read_plan(path))
    assert report.at["invalid dates", "tasks"] == "340"
    assert report.at["critical path test", "passed"]
