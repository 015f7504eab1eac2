"""Tests of pmo_lessons.resources: proven optima, hand-checked cases, the company's conflicts, invariants."""

import itertools
import math
import sys
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pmo_lessons import data
from pmo_lessons.errors import InputError
from pmo_lessons.resources import (
    RULES,
    ResourceError,
    level,
    overallocations,
    portfolio_tasks,
    read_psplib,
    resource_profile,
    smooth,
    with_dates,
)
from pmo_lessons.schedule import cpm, parse_predecessors

from .strategies import networks

ROOT = Path(__file__).resolve().parent.parent
PSPLIB = ROOT.parent / "shared" / "benchmarks" / "psplib"


def table(rows, resources=("R",)):
    return pd.DataFrame(rows, columns=["id", "duration", "predecessors", *resources])


def assert_feasible(tasks, capacities, result):
    """Every link kept, every capacity respected, every duration unchanged."""
    start, finish = result["start"].to_dict(), result["finish"].to_dict()
    duration = dict(zip(tasks["id"].astype(str), tasks["duration"]))
    for task_id in start:
        assert finish[task_id] - start[task_id] == duration[task_id], task_id
        assert start[task_id] >= 0
    for task_id, text in zip(tasks["id"].astype(str), tasks.get("predecessors", [""] * len(tasks))):
        for link in parse_predecessors(text, task_id):
            p, s = link.predecessor, link.successor
            kept = {
                "FS": start[s] >= finish[p] + link.lag,
                "SS": start[s] >= start[p] + link.lag,
                "FF": finish[s] >= finish[p] + link.lag,
                "SF": finish[s] >= start[p] + link.lag,
            }[link.type]
            assert kept, f"link {p} {link.type}{link.lag:+} {s} broken: {start}, {finish}"
    end = max(finish.values(), default=0)
    for resource, capacity in capacities.items():
        if resource not in tasks.columns:
            continue
        units = dict(zip(tasks["id"].astype(str), tasks[resource]))
        for period in range(end):
            load = sum(units[t] for t in start if start[t] <= period < finish[t])
            assert load <= capacity + 1e-9, f"{resource} at period {period}: {load} > {capacity}"


def brute_force_optimum(tasks, capacities):
    """The shortest levelled makespan, by running the serial SGS on every activity list.

    For finish-to-start networks, the serial SGS generates exactly the active
    schedules (Kolisch, "Serial and parallel resource-constrained project
    scheduling methods revisited: Theory and computation", EJOR 90, 1996,
    Theorem 1), and the set of active schedules contains an optimal one
    (Sprecher, Kolisch & Drexl, "Semi-active, active, and non-delay schedules
    for the resource-constrained project scheduling problem", EJOR 80, 1995).
    Every precedence-feasible list is a ``priority`` rule order here.
    """
    ids = tasks["id"].tolist()
    best = math.inf
    for order in itertools.permutations(range(len(ids))):
        ranked = tasks.assign(priority=[1000 - order.index(i) for i in range(len(ids))])
        best = min(best, level(ranked, capacities, rule="priority")["finish"].max())
    return best


# One resource, capacity 4; durations and demands small enough to enumerate every list.
SMALL = table([
    ("1", 3, "", 2), ("2", 4, "", 3), ("3", 2, "1", 4), ("4", 2, "2", 4),
    ("5", 1, "3", 3), ("6", 4, "4", 2),
])


class TestProvenOptima:
    def test_sampling_finds_the_enumerated_optimum(self):
        optimum = brute_force_optimum(SMALL, {"R": 4})
        # By hand: 1 and 2 cannot run together (2 + 3 > 4); 3 and 4 need the whole
        # resource; so 1, 2, 3, 4 run one after the other (11 periods) and 5, 6 overlap.
        assert 13 == optimum
        single = level(SMALL, {"R": 4})["finish"].max()
        assert single >= optimum
        assert optimum == level(SMALL, {"R": 4}, iterations=200, seed=3)["finish"].max()

    @settings(max_examples=25, deadline=None)
    @given(st.data())
    def test_sampling_never_beats_the_enumerated_optimum(self, draw):
        tasks = draw.draw(networks(max_tasks=6, link_types=("FS",), max_lag=0))
        tasks["R"] = draw.draw(st.lists(st.integers(0, 3), min_size=len(tasks), max_size=len(tasks)))
        optimum = brute_force_optimum(tasks, {"R": 3})
        sampled = level(tasks, {"R": 3}, iterations=60, seed=0)
        assert_feasible(tasks, {"R": 3}, sampled)
        assert sampled["finish"].max() >= optimum
        assert level(tasks, {"R": 3})["finish"].max() >= sampled["finish"].max()

    @pytest.mark.skipif(not (PSPLIB / "j30opt.sm").exists(), reason="PSPLIB J30 not available")
    @pytest.mark.parametrize("name", ["j301_1", "j3013_1", "j3045_7"])
    def test_psplib_j30_against_its_proven_optimum(self, name):
        # Kolisch & Sprecher, "PSPLIB - A project scheduling problem library", EJOR 96 (1997);
        # optima by Demeulemeester & Herroelen (j30opt.sm, June 1995). Not bundled (licence).
        tasks, capacities = read_psplib(PSPLIB / "j30" / f"{name}.sm")
        parameter, instance = name[3:].split("_")
        optimum = next(int(line.split()[2]) for line in (PSPLIB / "j30opt.sm").read_text().splitlines()
                       if line.split()[:2] == [parameter, instance])
        single = level(tasks, capacities)
        sampled = level(tasks, capacities, iterations=1000, seed=1)
        assert_feasible(tasks, capacities, single)
        assert_feasible(tasks, capacities, sampled)
        assert single["finish"].max() >= sampled["finish"].max() >= optimum
        assert sampled["finish"].max() <= 1.06 * optimum  # j3013_1 is one of the hardest


class TestHandChecked:
    def test_a_finish_to_start_conflict(self):
        # Two testers. A (2 testers, 3 days) and B (1 tester, 2 days) could run together
        # but C needs 2 testers while B runs: LFT takes A (LF 3) first, B (LF 5) and C
        # (after A, LF 5) tie, so B (first in the table) then C, which waits for B.
        tasks = table([("A", 3, "", 2), ("B", 2, "", 1), ("C", 2, "A", 2)], ["QA"])
        result = level(tasks, {"QA": 2})
        assert {"A": 0, "B": 3, "C": 5} == result["start"].to_dict()
        assert {"A": 0, "B": 0, "C": 3} == result["early_start"].to_dict()
        assert {"A": 0, "B": 3, "C": 2} == result["delay"].to_dict()
        assert 7 == result["finish"].max()

    def test_links_with_lags_are_kept_when_delaying(self):
        # B may start 2 days after A starts (SS+2) and must finish 1 day after A (FF+1);
        # A and B share one developer, so B cannot overlap A: it goes after A (day 4),
        # which also keeps FF+1 (6 >= 4 + 1). C (SF-1) must finish no earlier than 1 day
        # before B starts; it needs no developer, so it keeps its early start.
        tasks = table([("A", 4, "", 1), ("B", 2, "A SS+2, A FF+1", 1), ("C", 3, "B SF-1", 0)],
                      ["DEV"])
        result = level(tasks, {"DEV": 1})
        assert {"A": 0, "B": 4, "C": 0} == result["start"].to_dict()
        schedule = cpm(tasks)
        assert 3 == schedule.at["B", "es"]  # FF+1 binds before levelling: 4 + 1 - 2
        assert_feasible(tasks, {"DEV": 1}, result)

    def test_project_priority_goes_first(self):
        # MS Project style: with one analyst, the higher-priority project's task runs first.
        tasks = pd.DataFrame({"id": ["X1", "Y1"], "duration": [3, 3], "predecessors": ["", ""],
                              "project": ["X", "Y"], "project_priority": [400, 900], "BA": [1, 1]})
        result = level(tasks, {"BA": 1}, rule="priority")
        assert {"X1": 3, "Y1": 0} == result["start"].to_dict()
        assert ["X", "Y"] == result["project"].tolist()

    def test_release_dates_hold(self):
        tasks = pd.DataFrame({"id": ["A", "B"], "duration": [2, 2], "predecessors": ["", ""],
                              "release": [0, 5], "BA": [1, 1]})
        result = level(tasks, {"BA": 1})
        assert {"A": 0, "B": 5} == result["start"].to_dict()
        assert 0 == result.at["B", "delay"]

    def test_demands_as_a_long_table(self):
        tasks = table([("A", 2, ""), ("B", 2, "")], [])
        demands = pd.DataFrame({"task_id": ["A", "B"], "resource": ["PM", "PM"], "units": [1, 1]})
        assert [0, 2] == level(tasks, {"PM": 1}, demands=demands)["start"].tolist()

    def test_every_rule_runs_and_lft_equals_the_cpm_late_finish_order(self):
        tasks = SMALL
        for rule in RULES:
            assert_feasible(tasks, {"R": 4}, level(tasks, {"R": 4}, rule=rule))

    def test_same_seed_same_schedule(self):
        tasks = SMALL
        first = level(tasks, {"R": 4}, iterations=30, seed=7)
        assert first.equals(level(tasks, {"R": 4}, iterations=30, seed=7))


class TestProfileAndConflicts:
    def test_profile_of_a_cpm_schedule(self):
        tasks = table([("A", 2, "", 1), ("B", 3, "A", 2)], ["QA"])
        profile = resource_profile(cpm(tasks), tasks)
        assert [1, 1, 2, 2, 2] == profile["QA"].tolist()
        assert "period" == profile.index.name

    def test_by_project(self):
        schedule = pd.DataFrame({"start": [0, 0], "finish": [2, 1], "project": ["P", "Q"]},
                                index=pd.Index(["A", "B"], name="id"))
        demands = pd.DataFrame({"task_id": ["A", "B"], "resource": ["BA", "BA"], "units": [1, 2]})
        profile = resource_profile(schedule, demands, by_project=True)
        assert [1, 1] == profile[("BA", "P")].tolist()
        assert [2, 0] == profile[("BA", "Q")].tolist()
        conflicts = overallocations(profile, {"BA": 2})
        assert [("BA", 0, 1, 3.0, "P, Q", "A, B")] == [
            tuple(r) for r in conflicts[["resource", "start", "finish", "peak", "projects", "tasks"]]
            .itertuples(index=False)]

    def test_the_company_conflicts_of_the_data_dictionary(self):
        # datasets/README.md: BA over-allocated 2 Mar - 20 Apr 2026 up to 11 (capacity 8),
        # DE 22 May - 2 Sep 2026 up to 6 (capacity 4), SEC up to 4, AUT up to 4 (inside WHA).
        holidays = data.load_holidays()
        portfolio = portfolio_tasks(data.load_tasks(), data.load_assignments(),
                                    data.load_projects(), holidays)
        capacities = data.load_resources().set_index("id")["capacity"]
        early = level(portfolio, capacities.map(lambda c: 99).to_dict())  # no limits: early dates
        assert (early["delay"] == 0).all()
        conflicts = overallocations(resource_profile(early, portfolio, by_project=True), capacities)
        origin = portfolio.attrs["origin"]
        dated = conflicts.assign(
            first=[with_dates(pd.DataFrame({"start": [s], "finish": [f]}), origin, holidays)
                   ["start_date"].iloc[0] for s, f in zip(conflicts["start"], conflicts["finish"])],
            last=[with_dates(pd.DataFrame({"start": [s], "finish": [f]}), origin, holidays)
                  ["finish_date"].iloc[0] for s, f in zip(conflicts["start"], conflicts["finish"])])
        ba = dated[dated["resource"] == "BA"]
        assert pd.Timestamp("2026-03-02") == ba["first"].min()
        assert pd.Timestamp("2026-04-20") == ba["last"].max()
        assert 11 == ba["peak"].max()
        de = dated[dated["resource"] == "DE"]
        assert (pd.Timestamp("2026-05-22"), pd.Timestamp("2026-09-02"), 6) == (
            de["first"].min(), de["last"].max(), de["peak"].max())
        assert 4 == dated.loc[dated["resource"] == "SEC", "peak"].max()
        assert {"WHA"} == set(", ".join(dated.loc[dated["resource"] == "AUT", "projects"]).split(", "))
        assert {"BA", "DE", "DEV", "QA", "SEC", "AUT", "TRN"} == set(conflicts["resource"])

    def test_levelling_the_company_portfolio_removes_every_conflict(self):
        portfolio = portfolio_tasks(data.load_tasks(), data.load_assignments(),
                                    data.load_projects(), data.load_holidays())
        capacities = data.load_resources().set_index("id")["capacity"].to_dict()
        for rule in ("lft", "priority"):
            levelled = level(portfolio, capacities, rule=rule)
            assert_feasible(portfolio, capacities, levelled)
            assert overallocations(resource_profile(levelled, portfolio), capacities).empty
            assert (levelled["start"] >= portfolio.set_index("id")["release"]).all()


class TestSmoothing:
    def test_end_date_kept_and_histogram_flatter(self):
        # A 4 days, B and C 2 days, each one tester, all free to start at 0, ending by 4:
        # moving C after B gives 2 testers every day (sum of squares 16 instead of 20).
        tasks = table([("A", 4, "", 1), ("B", 2, "", 1), ("C", 2, "", 1)], ["QA"])
        result = smooth(tasks)
        assert (20.0, 16.0) == (result.sum_of_squares_before, result.sum_of_squares_after)
        assert [2, 2, 2, 2] == resource_profile(result.schedule, tasks)["QA"].tolist()
        assert ["C"] == result.moves["id"].tolist()

    def test_a_critical_task_never_moves(self):
        tasks = table([("A", 3, "", 2), ("B", 1, "A", 1), ("C", 2, "", 2)], ["QA"])
        result = smooth(tasks, {"QA": 2})
        assert 0 == result.schedule.at["A", "start"]
        assert 4 == result.schedule["finish"].max()
        assert 2 == result.schedule.at["C", "start"] or result.sum_of_squares_after <= 4 * 4

    @settings(max_examples=60, deadline=None)
    @given(st.data())
    def test_smoothing_keeps_links_and_end_and_never_worsens(self, draw):
        tasks = draw.draw(networks(max_tasks=10))
        tasks["R"] = draw.draw(st.lists(st.integers(0, 3), min_size=len(tasks), max_size=len(tasks)))
        result = smooth(tasks)
        assert_feasible(tasks, {}, result.schedule)
        assert cpm(tasks)["ef"].max() >= result.schedule["finish"].max()
        assert result.sum_of_squares_after <= result.sum_of_squares_before + 1e-9


class TestInvariants:
    @settings(max_examples=120, deadline=None)
    @given(st.data())
    def test_levelling_never_exceeds_capacity_and_keeps_every_link(self, draw):
        tasks = draw.draw(networks(max_tasks=12))
        capacities = {"R1": draw.draw(st.integers(1, 4)), "R2": draw.draw(st.integers(1, 4))}
        for resource, capacity in capacities.items():
            tasks[resource] = draw.draw(st.lists(st.integers(0, capacity), min_size=len(tasks),
                                                 max_size=len(tasks)))
        rule = draw.draw(st.sampled_from(sorted(RULES)))
        iterations = draw.draw(st.sampled_from([1, 1, 5]))
        result = level(tasks, capacities, rule=rule, iterations=iterations, seed=0)
        assert_feasible(tasks, capacities, result)
        early = cpm(tasks)
        assert result["finish"].max() >= early["ef"].max()
        assert (result["early_start"] == early["es"].astype(int)).all()
        assert (result["delay"] >= 0).all()

    @settings(max_examples=60, deadline=None)
    @given(networks(max_tasks=10))
    def test_enough_capacity_changes_nothing(self, tasks):
        tasks = tasks.assign(R=1)
        result = level(tasks, {"R": len(tasks)})
        assert (result["delay"] == 0).all()


class TestErrors:
    def test_a_task_needing_more_than_the_capacity(self):
        tasks = table([("A", 2, "", 5)], ["DEV"])
        with pytest.raises(ResourceError, match=r"Task A needs 5 DEV per period but the capacity is 3"):
            level(tasks, {"DEV": 3})

    def test_negative_demand(self):
        with pytest.raises(ResourceError, match=r"Task A: negative demand -1 for DEV"):
            level(table([("A", 2, "", -1)], ["DEV"]), {"DEV": 3})

    def test_unknown_resource(self):
        tasks = table([("A", 2, "")], [])
        demands = pd.DataFrame({"task_id": ["A"], "resource": ["CEO"], "units": [1]})
        with pytest.raises(ResourceError, match=r"Task A needs resource 'CEO'.*known resources are DEV"):
            level(tasks, {"DEV": 3}, demands=demands)

    def test_unknown_resource_in_a_profile(self):
        tasks = table([("A", 2, "", 1)], ["QA"])
        with pytest.raises(ResourceError, match=r"Resource 'QA' of the profile has no capacity"):
            overallocations(resource_profile(cpm(tasks), tasks), {"DEV": 1})

    def test_bad_capacity_rule_and_durations(self):
        tasks = table([("A", 2, "", 1)], ["QA"])
        with pytest.raises(ResourceError, match="Capacity of 'QA' is -1"):
            level(tasks, {"QA": -1})
        with pytest.raises(ResourceError, match="Unknown priority rule 'fifo'"):
            level(tasks, {"QA": 1}, rule="fifo")
        with pytest.raises(ResourceError, match="not a whole number of periods"):
            level(table([("A", 2.5, "", 1)], ["QA"]), {"QA": 1})
        with pytest.raises(InputError, match="cycle"):
            level(table([("A", 1, "B", 1), ("B", 1, "A", 1)], ["QA"]), {"QA": 1})

    def test_errors_are_value_errors(self):
        assert issubclass(ResourceError, ValueError)


# A 4-job instance in PSPLIB's single-mode format (written here, not taken from PSPLIB).
TINY_SM = """\
************************************************************************
file with basedata            : tiny.bas
************************************************************************
projects                      :  1
jobs (incl. supersource/sink ):  4
horizon                       :  10
RESOURCES
  - renewable                 :  1   R
  - nonrenewable              :  0   N
  - doubly constrained        :  0   D
************************************************************************
PRECEDENCE RELATIONS:
jobnr.    #modes  #successors   successors
   1        1          2           2   3
   2        1          1           4
   3        1          1           4
   4        1          0
************************************************************************
REQUESTS/DURATIONS:
jobnr. mode duration  R 1
------------------------------------------------------------------------
  1      1     0       0
  2      1     3       2
  3      1     2       2
  4      1     0       0
************************************************************************
RESOURCEAVAILABILITIES:
  R 1
    3
************************************************************************
"""

TINY_OPT = """\
Paramter Instance Makespan CPU-Time[sec.]
------------------------------------------------------------------
1       1         5       0.01
"""


class TestPsplib:
    def test_read_a_single_mode_file(self, tmp_path):
        path = tmp_path / "tiny1_1.sm"
        path.write_text(TINY_SM)
        tasks, capacities = read_psplib(path)
        assert {"R1": 3} == capacities
        assert ["1", "2", "3", "4"] == tasks["id"].tolist()
        assert ["", "1", "1", "2, 3"] == tasks["predecessors"].tolist()
        assert [0, 3, 2, 0] == tasks["duration"].tolist()
        assert 5 == level(tasks, capacities)["finish"].max()  # 2 and 3 cannot overlap

    def test_multi_mode_is_refused(self, tmp_path):
        path = tmp_path / "bad.sm"
        path.write_text(TINY_SM.replace("   2        1          1           4",
                                        "   2        2          1           4"))
        with pytest.raises(ResourceError, match=r"bad.sm, line 15: job 2 has 2 modes"):
            read_psplib(path)

    def test_benchmark_runs_on_a_tiny_folder(self, tmp_path, capsys):
        (tmp_path / "tiny1_1.sm").write_text(TINY_SM)
        (tmp_path / "tinyopt.sm").write_text(TINY_OPT)
        sys.path.insert(0, str(ROOT / "benchmarks"))
        try:
            import levelling
        finally:
            sys.path.remove(str(ROOT / "benchmarks"))
        assert 0 == levelling.main([str(tmp_path), str(tmp_path / "tinyopt.sm"), "--rules", "lft",
                                    "--iterations", "1", "10", "--jobs", "1"])
        out = capsys.readouterr().out
        assert "lft" in out and "0.00%" in out and "100.0%" in out
