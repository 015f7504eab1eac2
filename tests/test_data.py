"""Tests of the bundled datasets (Meridian Home Goods) and of pmo_lessons.data.

The consistency checks recompute what tools/make_datasets.py derives, with
independent code (relaxation instead of a topological forward pass, numpy's
business-day calendar instead of a day-by-day loop), so that a bug in one
is caught by the other.
"""

import re
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from pmo_lessons import data
from pmo_lessons.errors import DatasetError

REPO = Path(__file__).resolve().parent.parent
STATUS_DATE = pd.Timestamp("2026-09-25")
PROJECT_IDS = ["ERP", "CRM", "WHA", "OFM", "DAT", "ECO", "SEC"]

LOADERS = {
    "projects": data.load_projects,
    "tasks": data.load_tasks,
    "resources": data.load_resources,
    "assignments": data.load_assignments,
    "status_weekly": data.load_status,
    "holidays": data.load_holidays,
    "risks": data.load_risks,
    "project_scores": data.load_project_scores,
    "okrs": data.load_okrs,
    # the PMO itself (lesson 12)
    "pmo_charter": data.load_pmo_charter,
    "pmo_services": data.load_pmo_services,
    "pmo_kpis": data.load_pmo_kpis,
    "maturity_assessments": data.load_maturity_assessments,
    "benefits": data.load_benefits,
    "benefit_profiles": data.load_benefit_profiles,
    "dependencies": data.load_dependencies,
}

# A local reading of the predecessor grammar: ID, ID TYPE, ID TYPE+-LAG
REFERENCE = re.compile(r"^(?P<id>[^\s,]+)(?: (?P<type>FS|SS|FF|SF)(?P<lag>[+-]\d+)?)?$")


def links_of(text):
    """[(predecessor, type, lag)] of a predecessors cell."""
    links = []
    for part in filter(None, (p.strip() for p in text.split(","))):
        match = REFERENCE.match(part)
        assert match, f"cannot parse reference {part!r}"
        links.append((match["id"], match["type"] or "FS", int(match["lag"] or 0)))
    return links


@pytest.fixture(scope="module")
def tables():
    return {name: loader() for name, loader in LOADERS.items()}


@pytest.fixture(scope="module")
def holidays(tables):
    return tables["holidays"]["date"].to_numpy().astype("datetime64[D]")


def early_starts(tasks):
    """ES by relaxing every link until nothing moves (Bellman-Ford style, no topological order)."""
    duration = dict(zip(tasks["id"], tasks["duration"]))
    links = [(p, t, kind, lag) for t, text in zip(tasks["id"], tasks["predecessors"])
             for p, kind, lag in links_of(text)]
    es = dict.fromkeys(duration, 0)
    for _ in range(len(duration) + 1):
        moved = False
        for p, s, kind, lag in links:
            bound = {"FS": es[p] + duration[p], "SS": es[p],
                     "FF": es[p] + duration[p] - duration[s], "SF": es[p] - duration[s]}[kind] + lag
            if bound > es[s]:
                es[s], moved = bound, True
        if not moved:
            return es
    raise AssertionError("the network has a positive cycle")


def calendar(start, count, holidays):
    """The first `count` working days from `start`, as datetime64[D]."""
    offsets = np.arange(count)
    return np.busday_offset(np.datetime64(start.date()), offsets, roll="forward",
                            holidays=holidays)


def daily_load(tables, holidays):
    """One row per (role, calendar day, task) with the units, on the baseline schedule."""
    assignments = tables["assignments"]
    rows = []
    for pid, start in zip(tables["projects"]["id"], tables["projects"]["start_date"]):
        tasks = tables["tasks"][tables["tasks"]["project"] == pid]
        es = early_starts(tasks)
        days = calendar(start, max(es[t] + d for t, d in zip(tasks["id"], tasks["duration"])) + 1,
                        holidays)
        duration = dict(zip(tasks["id"], tasks["duration"]))
        for task, role, units in assignments[assignments["task_id"].isin(tasks["id"])].itertuples(
                index=False):
            for k in range(es[task], es[task] + duration[task]):
                rows.append((role, days[k], pid, task, units))
    return pd.DataFrame(rows, columns=["resource", "day", "project", "task", "units"])


# --------------------------------------------------------------------------
# Loading, dtypes, sizes
# --------------------------------------------------------------------------


class TestLoading:
    @pytest.mark.parametrize("name", data.DATASETS)
    def test_every_table_loads_and_has_its_columns(self, tables, name):
        frame = tables[name]
        assert len(frame) > 0
        assert list(data.SCHEMAS[name]) == list(frame.columns)

    @pytest.mark.parametrize("name", data.DATASETS)
    def test_dtypes_follow_the_schema(self, tables, name):
        for column, rule in data.SCHEMAS[name].items():
            series = tables[name][column]
            if rule.kind in ("text", "list"):
                assert pd.api.types.is_string_dtype(series), column
                assert not series.isna().any(), column  # empty text is "", never NaN
            elif rule.kind == "int":
                assert "int64" == series.dtype, column
            elif rule.kind == "number":
                assert "float64" == series.dtype, column
            elif rule.kind == "date":
                assert pd.api.types.is_datetime64_dtype(series), column
            elif rule.kind == "bool":
                assert "bool" == series.dtype, column

    def test_predecessors_are_empty_strings_not_nan(self, tables):
        starts = tables["tasks"][tables["tasks"]["wbs"] == "1.1"]
        assert {""} == set(starts["predecessors"])

    def test_dataset_path_and_names(self):
        assert data.dataset_path("tasks") == data.dataset_path("tasks.csv")
        assert all(data.dataset_path(n).is_file() for n in data.DATASETS)
        with pytest.raises(DatasetError, match="unknown dataset 'task'; valid: projects, tasks"):
            data.dataset_path("task")

    def test_missing_folder_is_a_clear_error(self, monkeypatch, tmp_path):
        monkeypatch.setattr(data, "__file__", str(tmp_path / "pkg" / "data.py"))
        with pytest.raises(DatasetError, match="cannot find the datasets"):
            data.load_projects()

    def test_selecting_projects(self):
        assert {"ERP"} == set(data.load_tasks("ERP")["project"])
        assert {"CRM", "ECO"} == set(data.load_risks(["CRM", "ECO"])["project"])
        assert 0 == data.load_status("SEC").index[0]
        with pytest.raises(DatasetError, match="unknown project 'XYZ'"):
            data.load_tasks("XYZ")

    def test_public_api(self):
        for name in data.__all__:
            assert getattr(data, name).__doc__ or name in ("DATASETS", "SCHEMAS", "TABLE_RULES")


class TestSizes:
    def test_projects(self, tables):
        projects = tables["projects"]
        assert PROJECT_IDS == projects["id"].tolist()
        assert (projects["start_date"].dt.day_of_week == 0).all()
        assert projects["start_date"].min() == pd.Timestamp("2026-01-12")
        assert projects["start_date"].max() == pd.Timestamp("2026-07-06")

    def test_tasks_per_project(self, tables):
        counts = tables["tasks"].groupby("project").size()
        assert 150 <= counts.sum() <= 180
        assert counts.between(20, 28).all(), counts

    def test_other_tables(self, tables):
        assert 10 <= len(tables["resources"]) <= 14
        assert tables["resources"]["capacity"].between(1, 8).all()
        assert 30 <= len(tables["risks"]) <= 40
        opportunities = tables["risks"][tables["risks"]["cost_impact_eur"] > 0]
        assert 3 <= len(opportunities) <= 5
        scores = tables["project_scores"]
        assert {"active": 7, "proposed": 5} == scores["status"].value_counts().to_dict()
        per_objective = tables["okrs"].groupby("objective_id").size()
        assert 3 <= len(per_objective) <= 4 and per_objective.between(2, 4).all()
        years = tables["holidays"]["date"].dt.year
        assert {2026, 2027} == set(years)

    def test_status_has_one_row_per_project_week_up_to_the_status_date(self, tables):
        status = tables["status_weekly"]
        for pid, start in zip(tables["projects"]["id"], tables["projects"]["start_date"]):
            rows = status[status["project"] == pid]
            first_friday = start + pd.Timedelta(days=4)
            expected = pd.date_range(first_friday, STATUS_DATE, freq="7D")
            assert list(expected) == list(rows["status_date"])
            assert list(range(1, len(expected) + 1)) == rows["week"].tolist()


# --------------------------------------------------------------------------
# Keys and networks
# --------------------------------------------------------------------------


class TestKeys:
    def test_foreign_keys_hold(self, tables):
        projects = set(tables["projects"]["id"])
        tasks = tables["tasks"]
        task_project = dict(zip(tasks["id"], tasks["project"]))
        assert set(tasks["project"]) == projects
        assert set(tables["assignments"]["task_id"]) <= set(tasks["id"])
        assert set(tables["assignments"]["resource"]) <= set(tables["resources"]["id"])
        assert set(tables["status_weekly"]["project"]) == projects
        risks = tables["risks"]
        assert set(risks["project"]) == projects
        for project, task in zip(risks["project"], risks["task_id"]):
            assert task == "" or task_project[task] == project
        for cell in tables["okrs"]["projects"]:
            assert {p for p in cell.split(",") if p} <= projects
        assert set(tables["projects"]["strategic_objective"]) <= set(tables["okrs"]["objective_id"])
        active = tables["project_scores"][tables["project_scores"]["status"] == "active"]
        assert set(active["id"]) == projects

    def test_task_ids_are_unique_and_clean(self, tables):
        ids = tables["tasks"]["id"]
        assert ids.is_unique
        assert not ids.str.contains(r"[\s,]").any()

    @pytest.mark.parametrize("pid", PROJECT_IDS)
    def test_network_is_acyclic_within_its_project(self, tables, pid):
        tasks = tables["tasks"][tables["tasks"]["project"] == pid]
        own = set(tasks["id"])
        graph = {t: [p for p, _, _ in links_of(text)]
                 for t, text in zip(tasks["id"], tasks["predecessors"])}
        assert all(set(preds) <= own for preds in graph.values())
        # depth-first search with colours
        state = {}

        def visit(node):
            state[node] = "open"
            for pred in graph[node]:
                assert state.get(pred) != "open", f"cycle through {pred}"
                if pred not in state:
                    visit(pred)
            state[node] = "done"

        for node in graph:
            if node not in state:
                visit(node)

    @pytest.mark.parametrize("pid", PROJECT_IDS)
    def test_network_shape(self, tables, pid):
        tasks = tables["tasks"][tables["tasks"]["project"] == pid]
        milestones = tasks[tasks["milestone"]]
        estimates = ["duration", "optimistic", "most_likely", "pessimistic"]
        assert (milestones[estimates] == 0).all().all()
        assert len(milestones) >= 4  # start, end and a few in between
        assert (tasks["duration"] == tasks["most_likely"]).all()
        assert (tasks["optimistic"] <= tasks["most_likely"]).all()
        assert (tasks["most_likely"] <= tasks["pessimistic"]).all()
        # one start milestone; one end milestone, which nothing follows and which ends the plan
        starts = tasks[tasks["predecessors"] == ""]
        assert 1 == len(starts) and starts["milestone"].all()
        es = early_starts(tasks)
        finish = {t: es[t] + d for t, d in zip(tasks["id"], tasks["duration"])}
        followed = {p for text in tasks["predecessors"] for p, _, _ in links_of(text)}
        ends = [t for t in tasks["id"] if t not in followed]
        assert 1 == len(ends)
        assert tasks.set_index("id").loc[ends[0], "milestone"]
        assert max(finish.values()) == finish[ends[0]]
        # real parallel paths: some work has float, and the plan uses a few SS/FF links
        kinds = [kind for text in tasks["predecessors"] for _, kind, _ in links_of(text)]
        assert 2 <= sum(k != "FS" for k in kinds) <= len(kinds) // 3
        assert len(tasks) - 1 > len(set(es.values()))


# --------------------------------------------------------------------------
# Money, schedule and earned value
# --------------------------------------------------------------------------


class TestMoney:
    def test_task_costs_plus_reserve_make_the_budget(self, tables):
        costs = tables["tasks"].groupby("project")["cost_eur"].sum()
        projects = tables["projects"].set_index("id")
        assert (projects["reserve_eur"] > 0).all()
        pd.testing.assert_series_equal(
            projects["budget_eur"], (costs + projects["reserve_eur"]).reindex(projects.index),
            check_names=False)

    def test_task_cost_covers_its_labour(self, tables):
        rate = tables["resources"].set_index("id")["day_rate_eur"]
        a = tables["assignments"].merge(tables["tasks"], left_on="task_id", right_on="id")
        labour = (a["units"] * a["resource"].map(rate) * a["duration"]).groupby(a["task_id"]).sum()
        cost = tables["tasks"].set_index("id")["cost_eur"]
        assert (cost.loc[labour.index] >= labour - 1e-6).all()
        assert (cost[tables["tasks"].set_index("id")["milestone"]] == 0).all()

    def test_milestones_have_no_assignments(self, tables):
        milestones = set(tables["tasks"].loc[tables["tasks"]["milestone"], "id"])
        assert not milestones & set(tables["assignments"]["task_id"])

    def test_risk_probability_matches_its_band(self, tables):
        bands = {1: (1, 10), 2: (11, 30), 3: (31, 50), 4: (51, 70), 5: (71, 99)}
        for p, pct in zip(tables["risks"]["probability"], tables["risks"]["probability_pct"]):
            low, high = bands[p]
            assert low <= pct <= high

    def test_threat_and_opportunity_responses(self, tables):
        risks = tables["risks"]
        threats = risks[risks["cost_impact_eur"] < 0]
        opportunities = risks[risks["cost_impact_eur"] > 0]
        assert set(threats["response"]) <= {"avoid", "mitigate", "transfer", "accept", "escalate"}
        assert set(opportunities["response"]) <= {"exploit", "enhance", "share", "accept"}
        assert len(threats) + len(opportunities) == len(risks)


class TestStatus:
    @pytest.mark.parametrize("pid", PROJECT_IDS)
    def test_pv_is_the_baseline_spread_evenly_over_working_days(self, tables, holidays, pid):
        project = tables["projects"].set_index("id").loc[pid]
        tasks = tables["tasks"][tables["tasks"]["project"] == pid]
        es = early_starts(tasks)
        horizon = max(es[t] + d for t, d in zip(tasks["id"], tasks["duration"]))
        days = calendar(project["start_date"], horizon, holidays)
        spent = pd.Series(0.0, index=pd.DatetimeIndex(days))
        for task, duration, cost in zip(tasks["id"], tasks["duration"], tasks["cost_eur"]):
            if duration:
                spent.iloc[es[task]:es[task] + duration] += cost / duration
        status = tables["status_weekly"][tables["status_weekly"]["project"] == pid]
        expected = [spent[spent.index <= friday].sum() for friday in status["status_date"]]
        np.testing.assert_allclose(status["pv_eur"], expected, atol=0.011)

    def test_a_finished_plan_has_spent_its_whole_budget(self, tables):
        ofm = tables["status_weekly"][tables["status_weekly"]["project"] == "OFM"]
        cost = tables["tasks"].loc[tables["tasks"]["project"] == "OFM", "cost_eur"].sum()
        assert cost == ofm["pv_eur"].iloc[-1]
        assert cost == ofm["pv_eur"].iloc[-2]  # the plan ended before the status date

    def test_cumulative_and_bounded(self, tables):
        bac = tables["tasks"].groupby("project")["cost_eur"].sum()
        for pid, rows in tables["status_weekly"].groupby("project"):
            for column in ("pv_eur", "ev_eur", "ac_eur"):
                assert rows[column].is_monotonic_increasing, (pid, column)
            assert (rows[["pv_eur", "ev_eur"]] <= bac[pid] + 0.005).all().all()
            np.testing.assert_allclose(rows["percent_complete"], 100 * rows["ev_eur"] / bac[pid],
                                       atol=0.051)

    def test_performance_stories(self, tables):
        last = tables["status_weekly"].groupby("project").tail(1).set_index("project")
        spi = last["ev_eur"] / last["pv_eur"]
        cpi = last["ev_eur"] / last["ac_eur"]
        assert spi["ERP"] < 0.97 and cpi["ERP"] < 0.92            # late and over budget
        assert spi["CRM"] > 1.02 and cpi["CRM"] > 1.0             # ahead
        assert spi["WHA"] < 0.85 and cpi["WHA"] > 1.02            # late, under budget
        assert last.loc["OFM", "percent_complete"] > 97           # nearly done


class TestResources:
    def test_no_task_needs_more_than_a_capacity(self, tables):
        capacity = tables["resources"].set_index("id")["capacity"]
        a = tables["assignments"]
        assert (a["units"] <= a["resource"].map(capacity)).all()
        assert (a["units"] > 0).all()

    def test_shared_roles_are_over_allocated_across_projects(self, tables, holidays):
        load = daily_load(tables, holidays)
        capacity = tables["resources"].set_index("id")["capacity"]
        per_day = load.groupby(["resource", "day"]).agg(units=("units", "sum"),
                                                        projects=("project", "nunique"))
        over = per_day[per_day["units"] > per_day.index.get_level_values(0).map(capacity)]
        roles_over = set(over.index.get_level_values(0))
        assert len(roles_over) >= 3, roles_over
        roles_across = set(over[over["projects"] >= 2].index.get_level_values(0))
        assert {"DE", "DEV"} <= roles_across
        assert len(roles_over) < len(capacity) - 3  # not every role: a plan, not a mess


# --------------------------------------------------------------------------
# Validation errors
# --------------------------------------------------------------------------


def raw(name):
    """A bundled table as read from its CSV: all text."""
    return pd.read_csv(data.dataset_path(name), dtype=str, keep_default_na=False)


def refs(*names):
    return {n: LOADERS[n]() for n in names}


def set_cell(frame, position, column, value):
    frame = frame.copy()
    frame.loc[frame.index[position], column] = value
    return frame


# (test id, table, references, corrupt(frame) -> frame, words the message must contain)
CORRUPTIONS = [
    ("missing column", "tasks", (), lambda f: f.drop(columns="cost_eur"),
     ["tasks.csv", "missing column 'cost_eur'", "the table needs"]),
    ("duplicate id", "tasks", (), lambda f: set_cell(f, 4, "id", f["id"].iloc[3]),
     ["row 6, column 'id'", "duplicate of row 5"]),
    ("duplicate resource id", "resources", (), lambda f: set_cell(f, 1, "id", f["id"].iloc[0]),
     ["row 3, column 'id'", "duplicate"]),
    ("not a number", "tasks", (), lambda f: set_cell(f, 2, "cost_eur", "12k"),
     ["row 4, column 'cost_eur'", "'12k' is not a number", "EUR >= 0"]),
    ("negative money", "projects", (), lambda f: set_cell(f, 0, "budget_eur", "-5"),
     ["row 2, column 'budget_eur'", "too small"]),
    ("negative duration", "tasks", (), lambda f: set_cell(f, 9, "duration", "-3"),
     ["row 11, column 'duration'", "-3 is too small", ">= 0"]),
    ("fractional duration", "tasks", (), lambda f: set_cell(f, 9, "duration", "2.5"),
     ["row 11, column 'duration'", "not a whole number"]),
    ("empty required", "tasks", (), lambda f: set_cell(f, 7, "name", ""),
     ["row 9, column 'name'", "is empty"]),
    ("optimistic above most likely", "tasks", (),
     lambda f: set_cell(f, 5, "optimistic", "99"),
     ["row 7, column 'optimistic'", "optimistic <= most_likely <= pessimistic"]),
    ("most likely above pessimistic", "tasks", (),
     lambda f: set_cell(set_cell(f, 5, "most_likely", "80"), 5, "duration", "80"),
     ["row 7, column 'most_likely'", "above pessimistic"]),
    ("milestone with duration", "tasks", (), lambda f: set_cell(f, 0, "duration", "3"),
     ["row 2, column 'duration'", "milestone"]),
    ("bad boolean", "tasks", (), lambda f: set_cell(f, 0, "milestone", "maybe"),
     ["row 2, column 'milestone'", "true or false"]),
    ("unknown task project", "tasks", ("projects",), lambda f: set_cell(f, 3, "project", "HR"),
     ["row 5, column 'project'", "'HR' is not a known projects id"]),
    ("predecessor in another project", "tasks", (),
     lambda f: set_cell(f, 1, "predecessors", "CRM-01"),
     ["row 3, column 'predecessors'", "belongs to project CRM", "same project"]),
    ("unknown predecessor", "tasks", (), lambda f: set_cell(f, 1, "predecessors", "ERP-99"),
     ["row 3, column 'predecessors'", "'ERP-99' is not a task id"]),
    ("bad predecessor grammar", "tasks", (),
     lambda f: set_cell(f, 1, "predecessors", "ERP-01 XX+2"),
     ["row 3, column 'predecessors'", "cannot read 'ERP-01 XX+2'", "FS, SS, FF, SF"]),
    ("cycle", "tasks", (), lambda f: set_cell(f, 1, "predecessors", "ERP-01, ERP-05"),
     ["row 3, column 'predecessors'", "cycle through", "ERP-02", "ERP-05"]),
    ("assignment to unknown task", "assignments", ("tasks", "resources"),
     lambda f: set_cell(f, 0, "task_id", "ERP-77"),
     ["assignments.csv, row 2, column 'task_id'", "'ERP-77' is not a known tasks id"]),
    ("assignment of unknown resource", "assignments", ("tasks", "resources"),
     lambda f: set_cell(f, 2, "resource", "CEO"),
     ["row 4, column 'resource'", "'CEO' is not a known resources id", "BA"]),
    ("units above capacity", "assignments", ("tasks", "resources"),
     lambda f: set_cell(f, 1, "units", "9"),
     ["row 3, column 'units'", "above the capacity", "units <= capacity"]),
    ("zero units", "assignments", (), lambda f: set_cell(f, 1, "units", "0"),
     ["row 3, column 'units'", "> 0"]),
    ("risk of unknown project", "risks", ("projects", "tasks"),
     lambda f: set_cell(f, 4, "project", "PAY"),
     ["risks.csv, row 6, column 'project'", "'PAY' is not a known projects id"]),
    ("risk on unknown task", "risks", ("projects", "tasks"),
     lambda f: set_cell(f, 4, "task_id", "ERP-99"),
     ["row 6, column 'task_id'", "'ERP-99' is not a known tasks id"]),
    ("risk on a task of another project", "risks", ("projects", "tasks"),
     lambda f: set_cell(f, 0, "task_id", "CRM-02"),
     ["row 2, column 'task_id'", "belongs to project CRM"]),
    ("probability out of range", "risks", (), lambda f: set_cell(f, 2, "probability", "6"),
     ["row 4, column 'probability'", "6 is too large", "from 1 to 5"]),
    ("bad response", "risks", (), lambda f: set_cell(f, 2, "response", "ignore"),
     ["row 4, column 'response'", "one of avoid, mitigate"]),
    ("status of unknown project", "status_weekly", ("projects",),
     lambda f: set_cell(f, 10, "project", "XXX"),
     ["status_weekly.csv, row 12, column 'project'", "'XXX' is not a known projects id"]),
    ("cumulative EV decreases", "status_weekly", (),
     lambda f: set_cell(f, 10, "ev_eur", "1000"),
     ["row 12, column 'ev_eur'", "below the previous week", "never decreases"]),
    ("duplicate status week", "status_weekly", (), lambda f: set_cell(f, 1, "week", "1"),
     ["row 3, column 'week'", "project=ERP, week=1 appears twice"]),
    ("date does not parse", "status_weekly", (),
     lambda f: set_cell(f, 3, "status_date", "2026-13-01"),
     ["row 5, column 'status_date'", "'2026-13-01' is not a date", "YYYY-MM-DD"]),
    ("date in another format", "projects", (), lambda f: set_cell(f, 2, "start_date", "13/04/2026"),
     ["projects.csv, row 4, column 'start_date'", "is not a date"]),
    ("okr on unknown project", "okrs", ("projects",),
     lambda f: set_cell(f, 0, "projects", "ECO,PIM"),
     ["okrs.csv, row 2, column 'projects'", "'PIM' is not a known projects id"]),
    ("project with unknown objective", "projects", ("okrs",),
     lambda f: set_cell(f, 1, "strategic_objective", "O9"),
     ["row 3, column 'strategic_objective'", "'O9' is not a known okrs objective_id"]),
    ("reserve above budget", "projects", (), lambda f: set_cell(f, 1, "reserve_eur", "99999999"),
     ["row 3, column 'reserve_eur'", "reserve_eur <= budget_eur"]),
    ("score out of range", "project_scores", (), lambda f: set_cell(f, 8, "risk", "0"),
     ["project_scores.csv, row 10, column 'risk'", "5 = riskiest"]),
]


class TestValidation:
    @pytest.mark.parametrize("case", CORRUPTIONS, ids=[c[0] for c in CORRUPTIONS])
    def test_a_corrupted_table_is_rejected_with_row_and_column(self, case):
        _, name, references, corrupt, words = case
        frame = corrupt(raw(name))
        with pytest.raises(DatasetError) as error:
            data.validate(name, frame, references=refs(*references))
        message = str(error.value)
        for word in words:
            assert word in message, message

    def test_the_untouched_tables_pass(self):
        for name in data.DATASETS:
            data.validate(name, raw(name))

    def test_a_corrupted_file_is_reported_by_its_loader(self, monkeypatch, tmp_path):
        for path in data.dataset_path("tasks").parent.glob("*.csv"):
            shutil.copy(path, tmp_path / path.name)
        text = (tmp_path / "tasks.csv").read_text(encoding="utf-8").splitlines()
        text[3] = text[3].replace(",ERP,", ",ERX,", 1)  # the third task, row 4 of the sheet
        (tmp_path / "tasks.csv").write_text("\n".join(text) + "\n", encoding="utf-8")
        monkeypatch.setattr(data, "_folder", lambda: tmp_path)
        with pytest.raises(DatasetError, match=r"tasks\.csv, row 4, column 'project': 'ERX'"):
            data.load_tasks()

    def test_many_problems_are_summarised(self):
        frame = raw("risks").assign(probability="9")
        with pytest.raises(DatasetError, match=r"and 30 more problems"):
            data.validate("risks", frame)

    def test_a_typed_frame_of_ones_own(self):
        mine = pd.DataFrame({
            "id": ["A", "B", "M"], "project": ["P", "P", "P"], "wbs": ["1.1", "1.2", "1.3"],
            "name": ["Design", "Build", "Done"], "duration": [5, 3, 0],
            "optimistic": [4, 2, 0], "most_likely": [5, 3, 0], "pessimistic": [9, 6, 0],
            "predecessors": [None, "A SS+2", "B"], "milestone": [False, False, True],
            "cost_eur": [1000, 500.5, 0], "owner": ["me", "you", "us"],
        }, index=[10, 20, 30])
        before = mine.copy()
        checked = data.validate("tasks", mine)
        pd.testing.assert_frame_equal(before, mine)  # the input is left alone
        assert "" == checked.loc[10, "predecessors"]
        assert "int64" == checked["duration"].dtype
        assert "owner" in checked.columns
        # rows count by position (third row = row 4), whatever the index
        with pytest.raises(DatasetError, match="row 4, column 'predecessors'"):
            data.validate("tasks", mine.assign(predecessors=["", "A", "Z"]))

    def test_not_a_frame_and_unknown_name(self):
        with pytest.raises(DatasetError, match="expected a pandas DataFrame"):
            data.validate("tasks", [1, 2])
        with pytest.raises(DatasetError, match="unknown dataset 'task'"):
            data.validate("task", pd.DataFrame())

    def test_errors_are_value_errors(self):
        with pytest.raises(ValueError):
            data.validate("holidays", pd.DataFrame({"date": ["2026-02-30"], "name": ["x"]}))


# --------------------------------------------------------------------------
# The generator
# --------------------------------------------------------------------------


def test_make_datasets_reproduces_the_committed_files(tmp_path):
    subprocess.run([sys.executable, str(REPO / "tools" / "make_datasets.py"), "--out",
                    str(tmp_path)], check=True, capture_output=True)
    written = sorted(p.name for p in tmp_path.glob("*.csv"))
    assert sorted(f"{n}.csv" for n in data.DATASETS) == written
    for name in written:
        assert (REPO / "datasets" / name).read_bytes() == (tmp_path / name).read_bytes(), name
