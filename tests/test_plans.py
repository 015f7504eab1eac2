"""Real plans: reading MSPDI and XER, scheduling beyond plain CPM, writing back.

The eight plans of ``../shared/realplans`` were saved by MS Project and Primavera P6, so every date
and float in them is the software's own; each plan is compared here, task by task, with those
values (the ``*.json`` beside each file is a neutral extraction of the same values, written outside
the project). The files are never committed (most carry no licence): the tests read them from
``ROOT.parent / "shared" / "realplans"`` or from ``$PMO_REALPLANS``, and skip, saying so, where
they are absent. The small plans of the other tests are computed by hand in the test.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pandas as pd
import pytest

from pmo_lessons import data
from pmo_lessons.calendars import Calendar
from pmo_lessons.plans import (
    PlanError,
    compare_schedule,
    plan_from_tasks,
    read_plan,
    schedule_plan,
    write_mspdi,
    write_xer,
)
from pmo_lessons.schedule import cpm

ROOT = Path(__file__).resolve().parent.parent
REALPLANS = Path(os.environ.get("PMO_REALPLANS", ROOT.parent / "shared" / "realplans"))
PLANS = {
    # file: comparable with plain CPM (the plans' README)
    "mspdi_software_development.xml": True,
    "mspdi_mpxj_task_links_2007.xml": True,
    "xer_takt_interiors.xer": True,
    "xer_tp_building.xer": True,
    "mspdi_mpxj_legacy_sample.xml": False,
    "mspdi_student_wbs.xml": False,
    "xer_bl_54069.xer": False,
    "xer_19282_wharf_shutdown.xer": False,
}
COMPARABLE = [name for name, comparable in PLANS.items() if comparable]


def _real(name):
    path = REALPLANS / name
    if not path.is_file():
        pytest.skip(f"the real plans are not at {REALPLANS} (set PMO_REALPLANS to their folder); "
                    f"{name} is needed for this test")
    return path


def _extraction(name):
    path = _real(name)
    return json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))


def _json_id(plan, task):
    """The kit's id of a task of the neutral extraction (MS Project: UID; P6: activity ID)."""
    return task["uid"] if plan.format == "MSPDI" else task["code"]


# --- reading ---------------------------------------------------------------------------


@pytest.mark.parametrize("name", list(PLANS))
def test_reader_finds_the_tasks_durations_and_links_of_the_extraction(name):
    plan = read_plan(_real(name))
    extraction = _extraction(name)
    work = {_json_id(plan, t): t for t in extraction["tasks"] if not t["summary"]}
    assert sorted(work) == sorted(plan.tasks["id"])
    assert extraction["counts"]["links"] == len(plan.links)
    mine = {(r.predecessor, r.successor, r.type): r.lag for r in plan.links.itertuples()}
    by_json = {t["id"]: _json_id(plan, t) for t in extraction["tasks"]}
    theirs = {(by_json[link["pred"]], by_json[link["succ"]], link["type"]): link["lag_days"]
              for link in extraction["links"]}
    assert theirs.keys() == mine.keys()
    for key, lag in theirs.items():
        assert lag == pytest.approx(mine[key], abs=1e-9), key
    tasks = plan.tasks.set_index("id")
    for task_id, task in work.items():
        source = task["duration_source"]
        if "target_drtn_hr_cnt" in source:  # P6: the original duration, in days of its calendar
            hours = float(source.split("target_drtn_hr_cnt=")[1])
            assert tasks.at[task_id, "duration_hours"] == pytest.approx(hours)
        elif name != "mspdi_mpxj_legacy_sample.xml" or task_id != "2":
            assert tasks.at[task_id, "duration"] == pytest.approx(task["duration_days"]), task_id


@pytest.mark.parametrize("name", COMPARABLE)
def test_cpm_matches_the_software_on_every_task_of_the_comparable_plans(name):
    """The kit's plain CPM (in working days) against MS Project's and P6's own dates and floats."""
    plan = read_plan(_real(name))
    extraction = _extraction(name)
    schedule = cpm(plan.tasks, links=plan.links)
    checked = 0
    for task in extraction["tasks"]:
        if task["summary"]:
            continue
        row = schedule.loc[_json_id(plan, task)]
        software = task["software"]
        for mine, theirs in (("es", "es"), ("ef", "ef"), ("lf", "lf"),
                             ("total_float", "total_float_days")):
            if software[theirs] is not None:
                assert row[mine] == pytest.approx(software[theirs], abs=1e-3), (task["id"], mine)
                checked += 1
    assert checked >= 4 * len(plan.tasks) - 2  # P6 saved no float for one milestone of TP


@pytest.mark.parametrize("name", list(PLANS))
def test_schedule_plan_matches_the_dates_and_floats_saved_in_every_plan(name):
    """Early start, early finish, late finish and total float of every task, against the file."""
    plan = read_plan(_real(name))
    comparison = compare_schedule(plan)
    assert len(comparison) == len(plan.tasks)
    wrong = comparison[~comparison["agrees"]]
    assert wrong.empty, wrong.to_string()


@pytest.mark.parametrize("name", COMPARABLE)
def test_schedule_plan_agrees_with_cpm_where_plain_cpm_applies(name):
    plan = read_plan(_real(name))
    timed = schedule_plan(plan)
    plain = cpm(plan.tasks, links=plan.links)
    for column in ("es", "ef", "lf"):
        assert (timed[column] - plain[column]).abs().max() < 1e-3, column


def test_the_software_saved_values_are_read_from_the_file():
    plan = read_plan(_real("xer_19282_wharf_shutdown.xer"))
    extraction = _extraction("xer_19282_wharf_shutdown.xer")
    for task in extraction["tasks"]:
        saved = plan.saved.loc[task["code"]]
        assert saved["early_start"] == pd.Timestamp(task["software"]["early_start"])
        assert saved["late_finish"] == pd.Timestamp(task["software"]["late_finish"])
        assert saved["total_float"] == pytest.approx(task["software"]["total_float_days"])


def test_several_calendars_a_24_hour_one_and_progress_are_read():
    plan = read_plan(_real("xer_19282_wharf_shutdown.xer"))
    assert len(set(plan.tasks["calendar"])) == 5
    assert plan.data_date == pd.Timestamp("2025-03-24 00:00")
    assert set(plan.tasks["status"]) == {"not started", "in progress"}
    week = plan.calendars["# 7 Day Week"]
    assert week.weekmask == "1111111" and week.hours_per_day == 8
    assert plan.options["retained_logic"] and not plan.options["progress_override"]


def test_links_on_summary_tasks_and_manual_tasks_are_reported():
    plan = read_plan(_real("mspdi_student_wbs.xml"))
    notes = " ".join(plan.notes)
    assert "15 links touch summary tasks" in notes
    assert "22 manually scheduled tasks" in notes
    assert plan.tasks["manual"].sum() == 22
    assert plan.outline["summary"].sum() == 22


# --- scheduling beyond plain CPM (hand-computed) -------------------------------------


def _plan(rows, **kwargs):
    return plan_from_tasks(pd.DataFrame(rows), start="2026-03-02", **kwargs)  # a Monday


def test_constraints_push_early_dates_and_pull_late_dates():
    plan = _plan({"id": ["A", "B", "C"], "duration": [2, 1, 3], "predecessors": ["", "A", "A"],
                  "constraint": ["ASAP", "SNET", "FNLT"],
                  "constraint_date": [None, "2026-03-09 08:00", "2026-03-04 17:00"]})
    result = schedule_plan(plan)
    # B cannot start before Monday 9 March although A ends on Tuesday 3 March
    assert result.at["B", "early_start"] == pd.Timestamp("2026-03-09 08:00")
    # C runs Wed 4 to Fri 6 March but must finish by Wed 4: two days late, float -2
    assert result.at["C", "early_finish"] == pd.Timestamp("2026-03-06 17:00")
    assert result.at["C", "total_float"] == -2.0
    assert result.at["A", "total_float"] == -2.0  # the deadline pulls A too
    assert bool(result.at["C", "critical"]) and bool(result.at["A", "critical"])


def test_must_start_on_and_as_late_as_possible():
    plan = _plan({"id": ["A", "B", "C"], "duration": [1, 2, 5], "predecessors": ["", "", ""],
                  "constraint": ["MSO", "ALAP", "ASAP"],
                  "constraint_date": ["2026-03-04 08:00", None, None]})
    result = schedule_plan(plan)
    assert result.at["A", "early_start"] == result.at["A", "late_start"] == \
        pd.Timestamp("2026-03-04 08:00")
    # B (2 days) as late as possible in a 5-day project: Thursday and Friday
    assert result.at["B", "early_start"] == pd.Timestamp("2026-03-05 08:00")


def _progress_plan():
    # A (4 days) is done; B (4 days, after A) began on Mon 2 March, half done; C follows B;
    # D (2 days, not started) has no predecessor. Data date: Friday 6 March, 17:00.
    plan = _plan({"id": ["A", "B", "C", "D"], "duration": [4, 4, 2, 2],
                  "predecessors": ["", "A", "B", ""]})
    tasks = plan.tasks.set_index("id")
    tasks.loc["A", ["status", "actual_start", "actual_finish", "remaining_hours"]] = [
        "complete", pd.Timestamp("2026-03-02 08:00"), pd.Timestamp("2026-03-09 17:00"), 0.0]
    tasks.loc["B", ["status", "actual_start", "remaining_hours"]] = [
        "in progress", pd.Timestamp("2026-03-02 08:00"), 16.0]
    plan.tasks = tasks.reset_index()
    plan.data_date = pd.Timestamp("2026-03-06 17:00")
    return plan


def test_progress_retained_logic_keeps_remaining_work_after_its_predecessors():
    plan = _progress_plan()
    plan.tasks.loc[plan.tasks["id"] == "A", "actual_finish"] = pd.NaT
    plan.tasks.loc[plan.tasks["id"] == "A", ["status", "remaining_hours"]] = ["in progress", 8.0]
    result = schedule_plan(plan, progress="retained logic")
    # A's last day is Monday 9 March; B's remaining 2 days wait for it: Tue 10 to Wed 11
    assert result.at["A", "early_finish"] == pd.Timestamp("2026-03-09 17:00")
    assert result.at["B", "early_start"] == pd.Timestamp("2026-03-10 08:00")
    assert result.at["B", "early_finish"] == pd.Timestamp("2026-03-11 17:00")
    override = schedule_plan(plan, progress="progress override")
    # progress override: B goes on from the data date, Mon 9 to Tue 10
    assert override.at["B", "early_start"] == pd.Timestamp("2026-03-09 08:00")
    assert override.at["B", "early_finish"] == pd.Timestamp("2026-03-10 17:00")
    assert override.at["C", "early_start"] == pd.Timestamp("2026-03-11 08:00")


def test_progress_schedules_unstarted_work_from_the_data_date():
    result = schedule_plan(_progress_plan())
    assert result.at["D", "early_start"] == pd.Timestamp("2026-03-09 08:00")
    assert result.at["A", "status"] == "complete" and pd.isna(result.at["A", "total_float"])
    with pytest.raises(PlanError, match="progress"):
        schedule_plan(_progress_plan(), progress="ignore")


def test_a_task_on_a_24_hour_calendar_beside_a_5_day_one():
    round_clock = Calendar(weekmask="1111111", hours="00:00-24:00", hours_per_day=24,
                           name="24 hours")
    plan = _plan({"id": ["A", "B"], "duration": [1, 2], "predecessors": ["", "A"]})
    plan.calendars["24 hours"] = round_clock
    plan.tasks.loc[plan.tasks["id"] == "B", ["calendar", "duration_hours",
                                             "remaining_hours"]] = ["24 hours", 48.0, 48.0]
    result = schedule_plan(plan)
    # A ends Monday 17:00; B works round the clock for 48 hours: Wednesday 17:00
    assert result.at["B", "early_start"] == pd.Timestamp("2026-03-02 17:00")
    assert result.at["B", "early_finish"] == pd.Timestamp("2026-03-04 17:00")


# --- writing back ---------------------------------------------------------------------


_COMPARED = ["id", "name", "wbs", "duration", "duration_hours", "calendar", "milestone",
             "constraint", "constraint_date", "status", "actual_start", "actual_finish",
             "remaining_hours", "manual", "kind"]


def _assert_same_plan(a, b, same_software=True):
    pd.testing.assert_frame_equal(a.tasks[_COMPARED].reset_index(drop=True),
                                  b.tasks[_COMPARED].reset_index(drop=True), check_dtype=False)
    key = ["successor", "predecessor", "type"]
    pd.testing.assert_frame_equal(
        a.links[key + ["lag", "lag_hours"]].sort_values(key).reset_index(drop=True),
        b.links[key + ["lag", "lag_hours"]].sort_values(key).reset_index(drop=True),
        check_dtype=False)
    for name in set(a.tasks["calendar"]):
        assert a.calendars[name].week == b.calendars[name].week
        assert a.calendars[name].exceptions == b.calendars[name].exceptions
    if same_software:  # a kit plan written as XER is dated as P6 dates it (its milestones)
        columns = ["early_start", "early_finish", "late_finish", "total_float"]
        pd.testing.assert_frame_equal(schedule_plan(a)[columns], schedule_plan(b)[columns])


@pytest.mark.parametrize("writer", [write_mspdi, write_xer])
def test_a_meridian_project_round_trips_through_read_plan(tmp_path, writer):
    calendar = Calendar(holidays=data.load_holidays(), name="Meridian")
    plan = plan_from_tasks(data.load_tasks("WHA"), start="2026-03-02", calendar=calendar,
                           name="WHA Warehouse automation")
    again = read_plan(writer(plan, tmp_path / ("wha.xml" if writer is write_mspdi
                                               else "wha.xer")))
    _assert_same_plan(plan, again, same_software=writer is write_mspdi)
    assert again.name == plan.name
    # and the kit's cpm sees the same network
    pd.testing.assert_frame_equal(cpm(plan.tasks, links=plan.links),
                                  cpm(again.tasks, links=again.links))


@pytest.mark.parametrize("name", list(PLANS))
def test_every_real_plan_round_trips_in_its_own_format(tmp_path, name):
    plan = read_plan(_real(name))
    writer = write_mspdi if name.endswith(".xml") else write_xer
    _assert_same_plan(plan, read_plan(writer(plan, tmp_path / f"again{Path(name).suffix}")))


def test_a_levelled_schedule_is_what_the_file_says(tmp_path):
    plan = _plan({"id": ["A", "B"], "duration": [2, 2], "predecessors": ["", ""]})
    schedule = schedule_plan(plan)
    schedule.loc["B", ["early_start", "early_finish"]] = [pd.Timestamp("2026-03-04 08:00"),
                                                          pd.Timestamp("2026-03-05 17:00")]
    again = read_plan(write_mspdi(plan, tmp_path / "levelled.xml", schedule=schedule))
    assert again.saved.at["B", "early_start"] == pd.Timestamp("2026-03-04 08:00")


# --- errors ---------------------------------------------------------------------------


def test_a_file_of_another_format_is_named(tmp_path):
    path = tmp_path / "tasks.csv"
    path.write_text("id,duration\nA,3\n", encoding="utf-8")
    with pytest.raises(PlanError, match=r"tasks.csv is neither an MS Project XML file"):
        read_plan(path)
    (tmp_path / "plan.mpp").write_bytes(b"\xd0\xcf\x11\xe0binary")
    with pytest.raises(PlanError, match="Save As > XML"):
        read_plan(tmp_path / "plan.mpp")
    (tmp_path / "other.xml").write_text("<Workbook/>", encoding="utf-8")
    with pytest.raises(PlanError, match="root element is <Workbook>"):
        read_plan(tmp_path / "other.xml")


def _kit_plan(tmp_path, writer, suffix):
    plan = _plan({"id": ["A", "B"], "duration": [2, 1], "predecessors": ["", "A"]})
    return Path(writer(plan, tmp_path / f"ab{suffix}"))


def test_a_truncated_file_is_named(tmp_path):
    for writer, suffix, message in ((write_mspdi, ".xml", r"ab.xml: not well-formed XML.*truncated"),
                                    (write_xer, ".xer", r"ab.xer: the file ends without its %E")):
        path = _kit_plan(tmp_path, writer, suffix)
        path.write_bytes(path.read_bytes()[: len(path.read_bytes()) // 2])
        with pytest.raises(PlanError, match=message):
            read_plan(path)


def test_a_link_to_a_task_not_in_the_file_names_both(tmp_path):
    path = _kit_plan(tmp_path, write_mspdi, ".xml")
    text = path.read_text(encoding="utf-8").replace("<PredecessorUID>1</PredecessorUID>",
                                                    "<PredecessorUID>77</PredecessorUID>")
    path.write_text(text, encoding="utf-8")
    with pytest.raises(PlanError, match=r"ab.xml: task 2 .*task UID 77, which is not in the file"):
        read_plan(path)
    path = _kit_plan(tmp_path, write_xer, ".xer")
    lines = path.read_bytes().decode("cp1252").split("\r\n")
    pred = next(i for i, line in enumerate(lines) if line == "%T\tTASKPRED") + 2
    fields = lines[pred].split("\t")
    fields[3] = "999"
    lines[pred] = "\t".join(fields)
    path.write_bytes("\r\n".join(lines).encode("cp1252"))
    with pytest.raises(PlanError, match=r"table TASKPRED: activity B has predecessor task_id 999"):
        read_plan(path)


def test_a_calendar_feature_the_kit_cannot_express_is_named(tmp_path):
    path = _kit_plan(tmp_path, write_mspdi, ".xml")
    text = path.read_text(encoding="utf-8").replace(
        "<BaseCalendarUID>-1</BaseCalendarUID>",
        "<BaseCalendarUID>-1</BaseCalendarUID><WorkWeeks><WorkWeek><Name>Summer</Name>"
        "</WorkWeek></WorkWeeks>", 1)
    path.write_text(text, encoding="utf-8")
    with pytest.raises(PlanError, match=r"calendar 'Standard' has alternate work weeks"):
        read_plan(path)
    path = _kit_plan(tmp_path, write_mspdi, ".xml")
    text = path.read_text(encoding="utf-8").replace("<LagFormat>7</LagFormat>",
                                                    "<LagFormat>8</LagFormat>")
    path.write_text(text, encoding="utf-8")
    with pytest.raises(PlanError, match=r"elapsed lag \(LagFormat 8\)"):
        read_plan(path)


def test_an_xer_file_with_several_projects_asks_which(tmp_path):
    path = _kit_plan(tmp_path, write_xer, ".xer")
    lines = path.read_bytes().decode("cp1252").split("\r\n")
    at = next(i for i, line in enumerate(lines) if line == "%T\tPROJECT") + 2
    second = lines[at].split("\t")
    second[1], second[2] = "2", "Other"
    lines.insert(at + 1, "\t".join(second))
    path.write_bytes("\r\n".join(lines).encode("cp1252"))
    with pytest.raises(PlanError, match=r"holds 2 projects: plan, Other; choose one"):
        read_plan(path)
    assert read_plan(path, project="plan").tasks["id"].tolist() == ["A", "B"]
    with pytest.raises(PlanError, match="no activity"):
        read_plan(path, project="Other")


def test_an_xer_file_in_windows_1252_is_decoded(tmp_path):
    plan = _plan({"id": ["A"], "duration": [1], "name": ["Bâtiment été"]})
    path = Path(write_xer(plan, tmp_path / "fr.xer"))
    assert "Bâtiment".encode("cp1252") in path.read_bytes()
    assert read_plan(path).tasks.at[0, "name"] == "Bâtiment été"


# --- sample plans of lesson 15, and a cross-check with MPXJ ------------------------------


def test_the_sample_plans_are_what_tools_make_plans_writes(tmp_path):
    import importlib.util

    spec = importlib.util.spec_from_file_location("make_plans", ROOT / "tools" / "make_plans.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    for path in module.main(tmp_path):
        committed = ROOT / "datasets" / "plans" / Path(path).name
        assert committed.read_bytes() == Path(path).read_bytes(), committed.name
    plan = read_plan(ROOT / "datasets" / "plans" / "warehouse_automation.xml")
    pd.testing.assert_frame_equal(cpm(plan.tasks, links=plan.links),
                                  cpm(data.load_tasks("WHA")))


def test_mpxj_reads_what_the_kit_writes():
    """MPXJ (the Java library ProjectLibre imports MS Project and P6 files with) as a cross-check:
    optional, it needs Java (pip install mpxj jpype1); never a dependency of the kit."""
    jpype = pytest.importorskip("jpype", reason="MPXJ cross-check: pip install mpxj jpype1")
    pytest.importorskip("mpxj", reason="MPXJ cross-check: pip install mpxj jpype1")
    if not jpype.isJVMStarted():
        try:
            jpype.startJVM(classpath=jpype.getClassPath())
        except Exception as error:  # no Java runtime
            pytest.skip(f"MPXJ cross-check: no Java runtime ({error})")
    reader = jpype.JClass("org.mpxj.reader.UniversalProjectReader")
    plan = read_plan(ROOT / "datasets" / "plans" / "warehouse_automation.xml")
    schedule = schedule_plan(plan)
    for name in ("warehouse_automation.xml", "warehouse_automation.xer"):
        project = reader().read(str(ROOT / "datasets" / "plans" / name))
        work = [t for t in project.getTasks() if t.getUniqueID().intValue() > 0
                and not t.getSummary()]
        assert len(work) == len(plan.tasks)
        assert sum(len(list(t.getPredecessors())) for t in work) == len(plan.links)
        by_name = {str(t.getName()): t for t in work}
        for task in plan.tasks.itertuples():
            theirs = by_name[task.name]
            assert pd.Timestamp(str(theirs.getStart())) == schedule.at[task.id, "early_start"]
            assert pd.Timestamp(str(theirs.getFinish())) == schedule.at[task.id, "early_finish"]


def test_the_real_tools_never_import_plotting():
    import subprocess
    import sys

    code = ("import sys, pmo_lessons.plans, pmo_lessons.health, pmo_lessons.excel, "
            "pmo_lessons.deck; bad = [m for m in ('matplotlib', 'ipywidgets') if m in sys.modules]; "
            "print(bad); sys.exit(1 if bad else 0)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert 0 == result.returncode, result.stdout + result.stderr
