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
    "milestones": data.load_milestones,
    "work_items": data.load_work_items,
    "sprints": data.load_sprints,
    "defects": data.load_defects,
    "deliverables": data.load_deliverables,
    "acceptance_criteria": data.load_acceptance_criteria,
    "quality_costs": data.load_quality_costs,
    "health_checks": data.load_health_checks,
    "purchase_orders": data.load_purchase_orders,
    "budget_changes": data.load_budget_changes,
    "annual_budget": data.load_annual_budget,
    "portfolio_envelope": data.load_portfolio_envelope,
    # the PMO itself (lesson 12)
    "pmo_charter": data.load_pmo_charter,
    "pmo_services": data.load_pmo_services,
    "pmo_kpis": data.load_pmo_kpis,
    "maturity_assessments": data.load_maturity_assessments,
    "benefits": data.load_benefits,
    "benefit_profiles": data.load_benefit_profiles,
    "dependencies": data.load_dependencies,
    "documents": data.load_documents,
    "next_gates": data.load_next_gates,
    "lessons_learned": data.load_lessons_learned,
    "skills": data.load_skills,
    "people": data.load_people,
    "person_skills": data.load_person_skills,
    "absences": data.load_absences,
    "role_skills": data.load_role_skills,
    "role_demand": data.load_role_demand,
    "candidate_roles": data.load_candidate_roles,
    "courses": data.load_courses,
    "training_evaluations": data.load_training_evaluations,
    "risk_responses": data.load_risk_responses,
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
                assert ("int64" if rule.required else "Int64") == series.dtype, column
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
        # PMBOK Guide (6th ed., 2017), 11.5.2.4 and 11.5.2.5: escalate is a strategy for both
        assert set(opportunities["response"]) <= {"escalate", "exploit", "share", "enhance",
                                                  "accept"}
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


class TestMilestoneLog:
    """A milestone is reached when its deliverable is accepted: the log says when, and by whom."""

    def test_one_row_per_milestone_of_the_plans(self, tables):
        tasks, log = tables["tasks"], tables["milestones"]
        assert tasks.loc[tasks["milestone"], "id"].tolist() == log["task_id"].tolist()
        assert (log["project"] == log["task_id"].str[:3]).all()

    def test_acceptances_are_in_the_past_and_forecasts_in_the_future(self, tables):
        log = tables["milestones"]
        accepted = log.dropna(subset=["accepted_date"])
        assert (accepted["accepted_date"] <= STATUS_DATE).all()
        assert (accepted["accepted_by"] != "").all()
        forecast = log[log["accepted_date"].isna()]
        assert (forecast["forecast_date"] >= STATUS_DATE).all()
        assert (forecast["accepted_by"] == "").all()

    def test_every_project_started_and_the_sponsor_accepted_it(self, tables):
        log = tables["milestones"].set_index("task_id")
        sponsors = tables["projects"].set_index("id")["sponsor"]
        for pid, start in zip(tables["projects"]["id"], tables["projects"]["start_date"]):
            first = f"{pid}-01"
            assert start == log.at[first, "accepted_date"], pid
            assert sponsors[pid] == log.at[first, "accepted_by"], pid

    def test_the_story(self, tables):
        log = tables["milestones"].set_index("task_id")
        # CRM went live early (baseline 2 Sep 2026); OFM moved everyone in August, as planned
        assert log.at["CRM-24", "accepted_date"] < pd.Timestamp("2026-09-02")
        assert pd.Timestamp("2026-08-18") == log.at["OFM-18", "accepted_date"]
        # ECO's feature complete (baseline 10 Sep) is not accepted: its build runs two weeks
        # behind, and R-029's trigger is 2 October
        assert pd.isna(log.at["ECO-13", "accepted_date"])
        assert log.at["ECO-13", "forecast_date"] < pd.Timestamp("2026-10-02")
        # the ERP's build complete (baseline 17 Aug) is overdue; the warehouse waits for conveyors
        assert pd.isna(log.at["ERP-13", "accepted_date"])
        assert pd.isna(log.at["WHA-16", "accepted_date"])


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
    ("milestone both accepted and forecast", "milestones", (),
     lambda f: set_cell(f, 0, "forecast_date", "2026-02-01"),
     ["milestones.csv, row 2, column 'accepted_date'", "either accepted_date", "or forecast_date"]),
    ("milestone accepted by nobody", "milestones", (), lambda f: set_cell(f, 1, "accepted_by", ""),
     ["row 3, column 'accepted_by'", "go together"]),
    ("milestone log on a work package", "milestones", ("tasks", "projects"),
     lambda f: set_cell(f, 2, "task_id", "ERP-02"),
     ["row 4, column 'task_id'", "ERP-02 is not a milestone"]),
    ("milestone log in the wrong project", "milestones", ("tasks", "projects"),
     lambda f: set_cell(f, 2, "project", "CRM"),
     ["row 4, column 'task_id'", "belongs to project ERP, not CRM"]),
    ("item done before it started", "work_items", (),
     lambda f: set_cell(f, 0, "done", "2026-07-01"),
     ["work_items.csv, row 2, column 'done'", "is before started", "created <= started <= done"]),
    ("item done but never started", "work_items", (), lambda f: set_cell(f, 0, "started", ""),
     ["row 2, column 'done'", "no started date"]),
    ("item started before it was created", "work_items", (),
     lambda f: set_cell(f, 0, "started", "2026-05-01"),
     ["row 2, column 'started'", "is before created"]),
    ("item in an unknown sprint", "work_items", ("sprints",), lambda f: set_cell(f, 0, "sprint", "9"),
     ["row 2, column 'sprint'", "ECO has no sprint 9", "1, 2, 3, 4, 5, 6"]),
    ("item done outside its sprint", "work_items", ("sprints",),
     lambda f: set_cell(f, 0, "sprint", "2"),
     ["row 2, column 'done'", "outside sprint 2 (2026-07-20 to 2026-07-31)"]),
    ("item on another project's task", "work_items", ("tasks",),
     lambda f: set_cell(f, 0, "task_id", "DAT-07"),
     ["row 2, column 'task_id'", "belongs to project DAT", "a task of the item's project"]),
    ("fractional story points", "work_items", (), lambda f: set_cell(f, 3, "story_points", "2.5"),
     ["row 5, column 'story_points'", "not a whole number"]),
    ("sprint overlapping the previous one", "sprints", (),
     lambda f: set_cell(f, 1, "start_date", "2026-07-10"),
     ["sprints.csv, row 3, column 'start_date'", "not after the previous sprint's end"]),
    ("sprint ending before it starts", "sprints", (),
     lambda f: set_cell(f, 2, "end_date", "2026-08-01"),
     ["row 4, column 'end_date'", "is before start_date"]),
    ("sprint numbers with a gap", "sprints", (), lambda f: set_cell(f, 5, "sprint", "8"),
     ["column 'sprint'", "project ECO has sprints [1, 2, 3, 4, 5, 8]"]),
    ("contingency above the task's cost", "tasks", (),
     lambda f: set_cell(f, 3, "contingency_eur", "999999"),
     ["tasks.csv, row 5, column 'contingency_eur'", "contingency_eur <= cost_eur"]),
    ("invoiced above the order", "purchase_orders", (),
     lambda f: set_cell(f, 5, "invoiced_eur", "999999"),
     ["purchase_orders.csv, row 7, column 'invoiced_eur'", "invoiced_eur <= amount_eur"]),
    ("orders above the budget line", "purchase_orders", ("projects", "tasks"),
     lambda f: set_cell(f, 19, "amount_eur", "1200000"),
     ["purchase_orders.csv, row 21, column 'amount_eur'", "more than its budget line",
      "commitments within"]),
    ("order on a task of another project", "purchase_orders", ("projects", "tasks"),
     lambda f: set_cell(f, 0, "task_id", "CRM-03"),
     ["row 2, column 'task_id'", "belongs to project CRM", "a task of the order's project"]),
    ("pending change already decided", "budget_changes", (),
     lambda f: set_cell(f, 4, "decided_by", "sponsor"),
     ["budget_changes.csv, row 6, column 'decided_by'", "a pending change has no decision"]),
    ("approved change without a date", "budget_changes", (),
     lambda f: set_cell(f, 0, "decided_on", ""),
     ["row 2, column 'decided_on'", "empty for a change approved"]),
    ("unknown kind of change", "budget_changes", (),
     lambda f: set_cell(f, 0, "kind", "reserve"),
     ["row 2, column 'kind'", "one of contingency, management reserve"]),
    ("envelope that does not add up", "portfolio_envelope", ("annual_budget",),
     lambda f: set_cell(f, 0, "envelope_eur", "9000000"),
     ["portfolio_envelope.csv, row 2, column 'envelope_eur'", "lines + reserve"]),
    ("annual line twice", "annual_budget", (), lambda f: set_cell(f, 1, "project", "ERP"),
     ["annual_budget.csv, row 3, column 'project'", "year=2026, project=ERP appears twice"]),
    ("people who do not make the role's capacity", "people", ("resources",),
     lambda f: set_cell(f, 4, "bau_share", "0.5"),
     ["people.csv, row 5, column 'bau_share'", "role BA give 7.7", "capacity of 8"]),
    ("a skill level of 5", "person_skills", (), lambda f: set_cell(f, 0, "level", "5"),
     ["person_skills.csv, row 2, column 'level'", "from 1 to 4"]),
    ("an absence ending before it starts", "absences", (),
     lambda f: set_cell(f, 0, "end_date", "2026-01-01"),
     ["absences.csv, row 2, column 'end_date'", "is before start_date"]),
    ("skill shares that do not add up", "role_skills", (), lambda f: set_cell(f, 1, "share", "0.5"),
     ["role_skills.csv, row 3, column 'share'", "role BA on project ERP add up to 1.1"]),
    ("a month written as a date", "candidate_roles", (), lambda f: set_cell(f, 0, "month", "2026-11-02"),
     ["candidate_roles.csv, row 2, column 'month'", "YYYY-MM"]),
    ("a course session that is not a date", "courses", (),
     lambda f: set_cell(f, 0, "sessions", "2026-10-12, next spring"),
     ["courses.csv, row 2, column 'sessions'", "'next spring' is not a date"]),
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


# --------------------------------------------------------------------------
# Agile delivery: work items and sprints (ECO in Scrum, DAT in Kanban, ERP's build in sprints)
# --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def items():
    return data.load_work_items()


@pytest.fixture(scope="module")
def sprints():
    return data.load_sprints()


class TestAgileData:
    """The backlogs agree with the sprints, the calendar, the plans and the projects' stories."""

    def test_who_works_how(self, items, sprints):
        assert ["DAT", "ECO", "ERP"] == sorted(items["project"].unique())
        assert ["ECO", "ERP"] == sorted(sprints["project"].unique())  # DAT runs a Kanban board
        dat = items[items["project"] == "DAT"]
        assert dat["story_points"].isna().all() and dat["sprint"].isna().all()  # counts items
        scrum = items[items["project"] != "DAT"]
        assert scrum["story_points"].notna().all()
        assert scrum.loc[scrum["started"].notna(), "sprint"].notna().all()

    def test_velocity_is_the_points_done_in_each_sprint(self, items, sprints):
        # Scrum Guide (Schwaber and Sutherland, November 2020), "Increment": an item that does not
        # meet the Definition of Done "returns to the Product Backlog": unfinished items add nothing
        done = items[items["done"].notna()]
        for project, number, velocity in zip(sprints["project"], sprints["sprint"],
                                             sprints["done_points"]):
            own = done[(done["project"] == project) & (done["sprint"] == number)]
            assert velocity == own["story_points"].sum(), (project, number)
        unfinished = items[items["sprint"].notna() & items["done"].isna()]
        assert {"ECO", "ERP"} == set(unfinished["project"])  # the last sprints' carried-over items

    def test_sprints_are_two_working_weeks_ending_on_the_status_date(self, sprints, holidays):
        assert (sprints["start_date"].dt.day_of_week == 0).all()   # Mondays
        assert (sprints["end_date"].dt.day_of_week == 4).all()     # Fridays
        assert ((sprints["end_date"] - sprints["start_date"]).dt.days == 11).all()
        assert {STATUS_DATE} == set(sprints.groupby("project")["end_date"].max())

    def test_dates_are_working_days_up_to_the_status_date(self, items, holidays):
        for column in ("created", "started", "done"):
            days = items[column].dropna().to_numpy().astype("datetime64[D]")
            assert np.is_busday(days, holidays=holidays).all(), column
            assert (items[column].dropna() <= STATUS_DATE).all(), column

    def test_items_belong_to_the_work_packages_delivered_from_the_backlog(self, items):
        packages = items.groupby("project")["task_id"].agg(set)
        assert {"ECO-07", "ECO-08", "ECO-09", "ECO-10", "ECO-11", "ECO-12"} == packages["ECO"]
        assert {"ERP-10", "ERP-11", "ERP-12"} == packages["ERP"]  # the build; the rest is predictive
        assert {"DAT-07", "DAT-12", "DAT-16", "DAT-22"} <= packages["DAT"]

    def test_eco_missed_feature_complete_and_the_trade_portal_is_what_is_left(self, items, sprints):
        eco = items[items["project"] == "ECO"]
        first = sprints.loc[sprints["project"] == "ECO", "start_date"].min()
        initial = eco.loc[eco["created"] < first, "story_points"].sum()
        added = eco.loc[eco["created"] >= first, "story_points"].sum()
        open_ = eco[eco["done"].isna()]
        # release plan: the initial backlog in 5 sprints (feature complete, ECO-13, 11 September)
        assert 280 <= initial <= 300 and 0.15 <= added / initial <= 0.25
        assert 45 <= open_["story_points"].sum() <= 55
        assert (open_["task_id"].isin(["ECO-09", "ECO-10"])).all()
        assert (open_["task_id"] == "ECO-10").sum() > len(open_) / 2

    def test_dat_throughput_has_one_catch_up_week_then_a_steady_flow(self, items):
        dat = items[(items["project"] == "DAT") & items["done"].notna()]
        friday = dat["done"] + pd.to_timedelta(4 - dat["done"].dt.day_of_week, unit="D")
        weekly = friday.value_counts().reindex(
            pd.date_range("2026-07-03", STATUS_DATE, freq="7D"), fill_value=0)
        assert 13 == len(weekly) and weekly.idxmax() == pd.Timestamp("2026-08-07")
        assert weekly.max() >= 3 * weekly.median()
        after = weekly["2026-08-14":]
        assert after.between(3, 6).all()
        in_progress = items[(items["project"] == "DAT") & items["started"].notna()
                            & items["done"].isna()]
        not_started = items[(items["project"] == "DAT") & items["started"].isna()]
        assert 20 <= len(in_progress) + len(not_started) <= 28  # the platform's last two months

    def test_erp_build_delivered_its_original_scope_but_not_the_scope_added(self, items, sprints):
        erp = items[items["project"] == "ERP"]
        first = sprints.loc[sprints["project"] == "ERP", "start_date"].min()
        initial = erp.loc[erp["created"] < first, "story_points"].sum()
        done = erp.loc[erp["done"].notna(), "story_points"].sum()
        assert done >= initial > done - 40                # as much as the original plan held ...
        assert erp.loc[erp["done"].isna(), "story_points"].sum() >= 50   # ... and much still open
        velocity = sprints.loc[sprints["project"] == "ERP", "done_points"]
        assert velocity.mean() < initial / 8               # below the 8-sprint release plan

    def test_sprint_costs_fit_in_the_projects_actual_cost(self, sprints, tables):
        status = tables["status_weekly"]
        for project, group in sprints.groupby("project"):
            actual = status[status["project"] == project]
            before = actual.loc[actual["status_date"] < group["start_date"].min(), "ac_eur"]
            spent = actual["ac_eur"].iloc[-1] - (before.iloc[-1] if len(before) else 0.0)
            assert group["cost_eur"].sum() < spent, project


# --------------------------------------------------------------------------
# Budget control: reserves, commitments, change requests, the 2026 envelope
# --------------------------------------------------------------------------


class TestBudgetControl:
    """The budget tables agree with the plans and the status, recomputed here independently."""

    def labour(self, tables):
        rate = tables["resources"].set_index("id")["day_rate_eur"]
        a = tables["assignments"].merge(tables["tasks"], left_on="task_id", right_on="id")
        labour = (a["units"] * a["resource"].map(rate) * a["duration"]).groupby(a["task_id"]).sum()
        return labour.reindex(tables["tasks"]["id"]).fillna(0.0).to_numpy()

    def test_contingency_is_ten_percent_of_each_quote_inside_the_task_cost(self, tables):
        tasks = tables["tasks"]
        purchases = tasks["cost_eur"].to_numpy() - self.labour(tables)
        contingency = tasks["contingency_eur"].to_numpy()
        quote = purchases - contingency
        assert (contingency <= tasks["cost_eur"]).all()
        assert (contingency[purchases < 0.5] == 0).all()  # labour-only work has none
        assert np.allclose(contingency, 0.10 * quote, atol=1.0)  # to the euro
        assert (contingency[tasks["milestone"].to_numpy()] == 0).all()

    def test_the_contingency_layer_is_large_enough_to_teach_with(self, tables):
        tasks, projects = tables["tasks"], tables["projects"].set_index("id")
        layer = tasks.groupby("project")["contingency_eur"].sum()
        bac = tasks.groupby("project")["cost_eur"].sum()
        assert 0.04 <= layer.sum() / bac.sum() <= 0.07  # about 5.6 % of the baselines
        assert (layer > 0).all()
        # the management reserve stays outside: budget = baseline + reserve, as before
        assert ((bac + projects["reserve_eur"]).reindex(projects.index)
                == projects["budget_eur"]).all()

    def test_mandatory_projects(self, tables):
        projects = tables["projects"]
        assert ["OFM", "SEC"] == sorted(projects.loc[projects["mandatory"], "id"])

    def test_orders_stay_within_their_budget_lines_and_the_actual_cost(self, tables):
        orders, tasks = tables["purchase_orders"], tables["tasks"].set_index("id")
        per_task = orders.groupby("task_id")["amount_eur"].sum()
        assert (per_task <= tasks.loc[per_task.index, "cost_eur"]).all()
        assert (orders["project"] == tasks.loc[orders["task_id"], "project"].to_numpy()).all()
        status = tables["status_weekly"]
        last_ac = status[status["status_date"] == STATUS_DATE].set_index("project")["ac_eur"]
        invoiced = orders.groupby("project")["invoiced_eur"].sum()
        assert (invoiced <= last_ac.loc[invoiced.index]).all()  # invoices are part of AC
        assert (orders["ordered_on"] <= STATUS_DATE).all()
        closed = orders[orders["status"] == "closed"]
        assert (closed["invoiced_eur"] == closed["amount_eur"]).all()

    def test_the_conveyor_order_is_the_big_open_commitment(self, tables):
        orders = tables["purchase_orders"]
        open_ = orders[orders["status"] == "open"]
        commitment = (open_["amount_eur"] - open_["invoiced_eur"]).groupby(open_["project"]).sum()
        assert "WHA" == commitment.idxmax()
        assert commitment["WHA"] > 1_000_000

    def test_no_approved_change_moves_a_baseline_before_the_status_date(self, tables):
        changes = tables["budget_changes"]
        assert (changes["raised_on"] <= STATUS_DATE).all()
        approved = changes[changes["status"] == "approved"]
        assert {"contingency"} == set(approved["kind"])  # within the baselines: BAC unchanged
        assert {"project manager"} == set(approved["decided_by"])
        asked = changes[changes["kind"] == "management reserve"].groupby("project")["amount_eur"].sum()
        reserve = tables["projects"].set_index("id")["reserve_eur"]
        assert (asked <= reserve.loc[asked.index]).all()
        # the ERP's draw for its replacement consultants follows the story: they took
        # over in week 28 (from Monday 20 July), so the draw is raised then, not before
        draw = changes.set_index("id").loc["CR-01"]
        assert pd.Timestamp("2026-07-20") <= draw["raised_on"] <= draw["decided_on"]

    def test_the_envelope_is_the_baselines_planned_in_2026_plus_a_reserve(self, tables, holidays):
        lines = tables["annual_budget"].set_index("project")["budget_eur"]
        for pid, start in zip(tables["projects"]["id"], tables["projects"]["start_date"]):
            tasks = tables["tasks"][tables["tasks"]["project"] == pid]
            es = early_starts(tasks)
            end = max(es[t] + d for t, d in zip(tasks["id"], tasks["duration"]))
            days = calendar(start, end, holidays)
            in_2026 = 0.0
            for task, d, cost in zip(tasks["id"], tasks["duration"], tasks["cost_eur"]):
                for k in range(es[task], es[task] + d):
                    in_2026 += cost / d if days[k] < np.datetime64("2027-01-01") else 0.0
            assert np.ceil(in_2026 / 1000 - 1e-9) * 1000 == lines[pid], pid
        envelope = tables["portfolio_envelope"].set_index("year").loc[2026]
        assert lines.sum() + envelope["reserve_eur"] == envelope["envelope_eur"]
# Knowledge: the document registers, the next gates, the lessons-learned log
# --------------------------------------------------------------------------


class TestKnowledgeData:
    """The registers, the gates and the log follow their rules and the company's story."""

    def test_sizes_and_every_project_has_a_register_and_a_next_gate(self, tables):
        assert 92 == len(tables["documents"]) and 62 == len(tables["lessons_learned"])
        assert PROJECT_IDS == tables["next_gates"]["project"].tolist()
        assert set(PROJECT_IDS) == set(tables["documents"]["project"])

    def test_a_gate_outside_its_life_cycle_is_rejected(self, tables):
        gates = tables["next_gates"].copy()
        gates.loc[gates["project"] == "ECO", "gate"] = "G2"  # the agile life cycle has no design gate
        with pytest.raises(DatasetError, match=r"row 7, column 'gate': G2 is not a gate of the agile"):
            data.validate("next_gates", gates)

    def test_a_gate_is_held_at_a_milestone_of_its_project(self, tables):
        gates = tables["next_gates"].copy()
        gates.loc[gates["project"] == "SEC", "milestone"] = "SEC-06"
        with pytest.raises(DatasetError, match="SEC-06 is not a milestone"):
            data.validate("next_gates", gates, references={"tasks": tables["tasks"]})

    def test_a_document_belongs_to_its_project_and_keeps_its_type(self, tables):
        register = tables["documents"].copy()
        register.loc[0, "project"] = "CRM"
        register.loc[1, "doc_type"] = "charter"  # ERP-DOC-01 version 2.0, a business case in row 2
        with pytest.raises(DatasetError) as error:
            data.validate("documents", register)
        assert "row 2, column 'id': ERP-DOC-01 does not start with its project CRM" in str(error.value)
        assert "row 3, column 'doc_type': ERP-DOC-01 is a business case" in str(error.value)

    def test_one_row_per_version_of_a_document(self, tables):
        register = pd.concat([tables["documents"], tables["documents"].iloc[[0]]], ignore_index=True)
        with pytest.raises(DatasetError, match="id=ERP-DOC-01, version=1.0 appears twice"):
            data.validate("documents", register)

    def test_lessons_are_logged_in_order_and_before_the_status_date(self, tables):
        log = tables["lessons_learned"]
        assert log["date_logged"].is_monotonic_increasing and log["date_logged"].max() <= STATUS_DATE
        assert (log["id"] == [f"LL-{k:03d}" for k in range(1, len(log) + 1)]).all()
        today = log[log["project"].isin(PROJECT_IDS)]
        names = tables["projects"].set_index("id")["name"]
        assert (today["project_name"] == today["project"].map(names)).all()
# People: skills, capacity and training (lesson 13)
# --------------------------------------------------------------------------


class TestPeopleData:
    """The people agree with the roles, the calendar, the plans and the story of lesson 13."""

    def test_each_roles_people_make_its_capacity(self, tables):
        people = tables["people"]
        given = (people["fte"] * (1 - people["bau_share"])).groupby(people["role"]).sum()
        capacity = tables["resources"].set_index("id")["capacity"]
        assert sorted(capacity.index) == sorted(given.index)
        for role, value in given.items():
            assert capacity[role] == pytest.approx(value), role

    def test_no_person_is_a_project_manager_or_named_twice(self, tables):
        people = tables["people"]
        assert people["name"].is_unique
        assert not set(people["name"]) & set(tables["projects"]["manager"])

    def test_skills_are_used_by_the_roles_the_catalogue_says(self, tables):
        roles = dict(zip(tables["people"]["id"], tables["people"]["role"]))
        used_by = {sid: {r.strip() for r in text.split(",")}
                   for sid, text in zip(tables["skills"]["id"], tables["skills"]["roles"])}
        for person, skill in zip(tables["person_skills"]["person"], tables["person_skills"]["skill"]):
            assert roles[person] in used_by[skill], (person, skill)

    def test_role_skills_describe_every_project_role_of_the_plans(self, tables):
        tasks = tables["tasks"].set_index("id")["project"]
        pairs = {(tasks[t], r) for t, r in zip(tables["assignments"]["task_id"], tables["assignments"]["resource"])}
        described = set(zip(tables["role_skills"]["project"], tables["role_skills"]["role"]))
        assert pairs == described

    def test_role_demand_is_the_plans_work(self, tables, holidays):
        load = daily_load(tables, holidays)
        load["month"] = pd.to_datetime(load["day"]).dt.strftime("%Y-%m")
        expected = load.groupby(["project", "resource", "month"])["units"].sum()
        demand = tables["role_demand"].set_index(["project", "role", "month"])["person_days"]
        assert len(expected) == len(demand)
        for key, value in expected.items():
            assert value == pytest.approx(demand[key]), key

    def test_absences_are_five_weeks_a_year_and_the_story_ones(self, tables, holidays):
        absences = tables["absences"]
        leave = absences[(absences["kind"] == "leave") & (absences["start_date"].dt.year == 2026)]
        days = {p: 0 for p in tables["people"]["id"]}
        for person, start, end in zip(leave["person"], leave["start_date"], leave["end_date"]):
            days[person] += int(np.busday_count(start.date(), (end + pd.Timedelta(days=1)).date(),
                                                holidays=holidays))
        assert all(21 <= d <= 26 for d in days.values()), days  # 5 weeks less the holidays in them
        story = absences[absences["kind"] != "leave"].set_index("person")["kind"].to_dict()
        assert {"P32": "parental leave", "P16": "left the company"}.items() <= story.items()

    def test_the_candidate_is_a_proposal_that_starts_in_november(self, tables):
        plan = tables["candidate_roles"]
        scores = tables["project_scores"].set_index("id")
        assert {"P-PIM"} == set(plan["project"])
        assert "proposed" == scores.at["P-PIM", "status"]
        assert "2026-11" == plan["month"].min()
        assert 8 == plan["month"].nunique() == scores.at["P-PIM", "duration_months"]

    def test_courses_raise_skills_their_catalogue_knows_and_serve_real_questions(self, tables):
        from pmo_lessons.methodology import MATURITY_QUESTIONS

        courses = tables["courses"]
        known = set(MATURITY_QUESTIONS["id"])
        for text in courses["maturity_questions"]:
            assert {q.strip() for q in text.split(",") if q.strip()} <= known


    def test_the_evaluated_course_had_project_managers_and_people_of_the_pools(self, tables):
        names = set(tables["training_evaluations"]["participant"])
        known = set(tables["people"]["name"]) | set(tables["projects"]["manager"])
        assert names <= known
        assert set(tables["projects"]["manager"]) <= names
