"""Tests of pmo_lessons.dependencies: the portfolio on one CPM clock, dependency slack, slips.

No textbook works a multi-project dependency example end to end, so the expected figures are
computed independently in the tests: by hand on small portfolios (each step written out), and
on Meridian's plans by an independent forward pass that relaxes every link until nothing moves
(no topological order, no shared code with pmo_lessons.schedule).
"""

import re

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings

from pmo_lessons import data
from pmo_lessons.calendars import Calendar
from pmo_lessons.dependencies import (
    PORTFOLIO_START,
    DependencyError,
    check_dependencies,
    dependency_slack,
    portfolio_schedule,
    slip_impact,
)
from pmo_lessons.errors import InputError
from pmo_lessons.schedule import cpm, to_dates

from .strategies import portfolios

REFERENCE = re.compile(r"^(?P<id>[^\s,]+)(?: (?P<type>FS|SS|FF|SF)(?P<lag>[+-]\d+)?)?$")


def register(*rows):
    return pd.DataFrame(rows, columns=["id", "deliverable", "from_project", "from_task",
                                       "to_project", "to_task", "type", "lag"])


@pytest.fixture(scope="module")
def meridian():
    return {"tasks": data.load_tasks(), "projects": data.load_projects(),
            "dependencies": data.load_dependencies(),
            "calendar": Calendar(holidays=data.load_holidays())}


# Two small projects, both starting Monday 2 March 2026 (a working week with no holiday).
# A: A1 (5 days) -> A2 (10 days) -> AM (milestone)   B: B1 (3) -> B2 (4) -> BM (milestone)
TWO = pd.DataFrame({
    "id": ["A1", "A2", "AM", "B1", "B2", "BM"], "project": ["A", "A", "A", "B", "B", "B"],
    "name": ["Design", "Build", "A done", "Prepare", "Install", "B done"],
    "duration": [5, 10, 0, 3, 4, 0], "predecessors": ["", "A1", "A2", "", "B1", "B2"],
    "milestone": [False, False, True, False, False, True]})
SAME_START = pd.DataFrame({"id": ["A", "B"], "start_date": ["2026-03-02", "2026-03-02"]})


def early_starts(tasks, projects, dependencies, calendar, slips=None):
    """ES on one clock by relaxing every link until nothing moves (Bellman-Ford style)."""
    origin = min(calendar.roll_forward(s) for s in projects["start_date"])
    offset = {p: calendar.working_days_between(origin, calendar.roll_forward(s))
              for p, s in zip(projects["id"], projects["start_date"])}
    duration = dict(zip(tasks["id"], tasks["duration"].astype(float)))
    for task, days in (slips or {}).items():
        duration[task] += days
    links = []
    for task, text in zip(tasks["id"], tasks["predecessors"]):
        for part in filter(None, (p.strip() for p in text.split(","))):
            match = REFERENCE.match(part)
            links.append((match["id"], task, match["type"] or "FS", int(match["lag"] or 0)))
    for row in dependencies.itertuples(index=False):
        links.append((row.from_task, row.to_task, row.type, row.lag))
    es = {t: float(offset[p]) for t, p in zip(tasks["id"], tasks["project"])}
    for _ in range(len(es) + 1):
        moved = False
        for p, s, kind, lag in links:
            bound = {"FS": es[p] + duration[p], "SS": es[p],
                     "FF": es[p] + duration[p] - duration[s],
                     "SF": es[p] - duration[s]}[kind] + lag
            if bound > es[s] + 1e-9:
                es[s], moved = bound, True
        if not moved:
            return es
    raise AssertionError("a positive cycle")


class TestPortfolioSchedule:
    def test_each_project_alone_keeps_the_dates_it_has_on_its_own(self, meridian):
        # Without a register, the portfolio clock changes nothing: every task has the dates
        # its project's own CPM gives it (schedule.cpm + schedule.to_dates, day 0 = its start).
        together = portfolio_schedule(meridian["tasks"], meridian["projects"],
                                      calendar=meridian["calendar"])
        for project, start in zip(meridian["projects"]["id"], meridian["projects"]["start_date"]):
            own = meridian["tasks"][meridian["tasks"]["project"] == project]
            alone = to_dates(cpm(own), start, meridian["calendar"].holidays)
            pd.testing.assert_series_equal(alone["start_date"], together.loc[own["id"], "start_date"],
                                           check_names=False)
            pd.testing.assert_series_equal(alone["finish_date"],
                                           together.loc[own["id"], "finish_date"], check_names=False)

    def test_the_clock_counts_working_days_from_the_first_start(self, meridian):
        together = portfolio_schedule(meridian["tasks"], meridian["projects"],
                                      calendar=meridian["calendar"])
        assert pd.Timestamp("2026-01-12") == together.attrs["origin"]  # ERP, the first to start
        # CRM starts on Monday 2 February 2026: 15 working days after 12 January (no holiday).
        assert 15 == together.at["CRM-01", "es"]
        # DAT starts on Monday 4 May 2026: 16 weeks later, less Easter Monday (6 April) and
        # 1 May: 80 - 2 = 78 working days.
        assert 78 == together.at["DAT-01", "es"]
        assert PORTFOLIO_START not in together.index

    def test_meridians_register_matches_an_independent_forward_pass(self, meridian):
        together = portfolio_schedule(meridian["tasks"], meridian["projects"],
                                      meridian["dependencies"], meridian["calendar"])
        expected = early_starts(meridian["tasks"], meridian["projects"], meridian["dependencies"],
                                meridian["calendar"])
        assert expected == together["es"].to_dict()

    def test_a_dependency_pushes_the_consumer_and_its_project(self):
        # A1 finishes at day 5; B2 needs it (FS) so starts at 5, not 3; BM moves to 9.
        pushed = portfolio_schedule(TWO, SAME_START, register(
            ("D1", "Design", "A", "A1", "B", "B2", "FS", 0)))
        assert 5 == pushed.at["B2", "es"] and 9 == pushed.at["BM", "es"]
        assert pd.Timestamp("2026-03-09") == pushed.at["B2", "start_date"]  # Monday, day 5
        assert pd.Timestamp("2026-03-12") == pushed.at["BM", "start_date"]  # end of day 8

    @pytest.mark.parametrize("link, lag, es_b2", [
        ("FS", 2, 7),   # start(B2) >= finish(A1) + 2 = 7
        ("SS", 4, 4),   # start(B2) >= start(A1) + 4 = 4 (B1 ends at 3)
        ("FF", 0, 11),  # finish(B2) >= finish(A2) = 15, so start >= 15 - 4 = 11
        ("SF", 9, 5),   # finish(B2) >= start(A1) + 9 = 9, so start >= 9 - 4 = 5
    ])
    def test_every_link_type_ties_the_ends_it_names(self, link, lag, es_b2):
        source = "A2" if link == "FF" else "A1"
        pushed = portfolio_schedule(TWO, SAME_START, register(
            ("D1", "x", "A", source, "B", "B2", link, lag)))
        assert es_b2 == pushed.at["B2", "es"]

    def test_a_project_never_starts_before_its_start_date(self):
        later = pd.DataFrame({"id": ["A", "B"], "start_date": ["2026-03-02", "2026-03-16"]})
        together = portfolio_schedule(TWO, later)
        assert 10 == together.at["B1", "es"]  # two weeks later: day 10 of the clock
        assert pd.Timestamp("2026-03-16") == together.at["B1", "start_date"]
        assert pd.Timestamp("2026-03-16") == together.at["B1", "start_date"]
        # a start given on a Saturday rolls forward to the Monday
        weekend = pd.DataFrame({"id": ["A", "B"], "start_date": ["2026-03-02", "2026-03-14"]})
        assert 10 == portfolio_schedule(TWO, weekend).at["B1", "es"]

    def test_slips_lengthen_tasks(self):
        slipped = portfolio_schedule(TWO, SAME_START, slips={"A1": 3})
        assert 8 == slipped.at["A1", "duration"] and 18 == slipped.at["AM", "es"]


class TestDependencySlack:
    def test_slack_and_dates_of_a_finish_to_start_link(self):
        # A1 ends on day 5 (Friday 6 March); B2 starts on day 3 alone: the plans disagree by 2.
        links = register(("D1", "Design", "A", "A1", "B", "B2", "FS", 0))
        alone = dependency_slack(links, portfolio_schedule(TWO, SAME_START))
        assert -2 == alone.at[0, "slack_days"]
        assert pd.Timestamp("2026-03-06") == alone.at[0, "promised"]
        assert pd.Timestamp("2026-03-05") == alone.at[0, "needed"]
        # with the register the schedule has pushed B2: the slack is 0, never negative
        pushed = dependency_slack(links, portfolio_schedule(TWO, SAME_START, links))
        assert 0 == pushed.at[0, "slack_days"]

    def test_meridians_plans_agree_with_their_register(self, meridian):
        # Every deliverable is promised before it is needed, on the plans as each project wrote
        # them: the register pushes nothing.
        alone = portfolio_schedule(meridian["tasks"], meridian["projects"],
                                   calendar=meridian["calendar"])
        slack = dependency_slack(meridian["dependencies"], alone).set_index("id")["slack_days"]
        assert (slack >= 0).all()
        # By hand from the baselines: the data models are released at the end of DAT's day 105
        # (1 October); the soft launch starts on ECO's day 98 (16 October). DAT starts 17
        # working days before ECO (4 May to 1 June, less 8 May, Ascension and Whit Monday), so
        # the slack is (98 + 17) - 105 = 10 working days. ERP goes live at the end of its day
        # 246 (31 December 2026); WHA's inbound lanes start on 11 January 2027: 5 working days.
        assert 10 == slack["D-01"] and 5 == slack["D-06"]
        together = portfolio_schedule(meridian["tasks"], meridian["projects"],
                                      meridian["dependencies"], meridian["calendar"])
        pd.testing.assert_series_equal(alone["es"], together["es"])

    def test_finish_to_finish_slack_compares_finishes(self, meridian):
        # D-02: the legacy CRM's decommissioning (CRM-25, ends 21 October) finishes after the
        # sales data model (DAT-12, ends 1 October): 14 working days apart.
        alone = portfolio_schedule(meridian["tasks"], meridian["projects"],
                                   calendar=meridian["calendar"])
        slack = dependency_slack(meridian["dependencies"], alone).set_index("id")
        assert 14 == slack.at["D-02", "slack_days"]
        assert pd.Timestamp("2026-10-21") == slack.at["D-02", "needed"]
        assert pd.Timestamp("2026-10-01") == slack.at["D-02", "promised"]


class TestSlipImpact:
    def test_a_slip_moves_milestones_by_what_the_float_does_not_absorb(self):
        # A1 +4: AM moves 4. The register pushed B2 to start when A1 ends (the link has no
        # slack left), so BM moves 4 as well.
        links = register(("D1", "Design", "A", "A1", "B", "B2", "FS", 0))
        impact = slip_impact(TWO, SAME_START, links, {"A1": 4})
        assert {"AM": 4.0, "BM": 4.0} == impact.moved["moved_days"].to_dict()
        assert ["B"] == impact.to_warn()
        # Without the link B is untouched.
        assert [] == slip_impact(TWO, SAME_START, None, {"A1": 4}).to_warn()

    def test_slack_absorbs_a_small_slip(self):
        # B starts two weeks later: B2 (day 13) needs A1 (day 5): 8 days of slack.
        later = pd.DataFrame({"id": ["A", "B"], "start_date": ["2026-03-02", "2026-03-16"]})
        links = register(("D1", "Design", "A", "A1", "B", "B2", "FS", 0))
        small = slip_impact(TWO, later, links, {"A1": 8})
        assert [] == small.to_warn()
        assert 8 == small.dependencies.at[0, "slack_days"]
        assert 0 == small.dependencies.at[0, "slack_after"]
        large = slip_impact(TWO, later, links, {"A1": 11})
        assert ["B"] == large.to_warn()
        assert 3 == large.projects.set_index("project").at["B", "end_move_days"]

    def test_four_weeks_on_the_sales_data_model(self, meridian):
        # The data engineers announce 20 more working days on DAT-12 (sales data model).
        impact = slip_impact(meridian["tasks"], meridian["projects"], meridian["dependencies"],
                             {"DAT-12": 20}, meridian["calendar"])
        moves = impact.projects.set_index("project")
        # Worked by hand: DAT-12 is critical in DAT, so the data models (DAT-15) and the
        # platform's production (DAT-23) move 20 days. D-01 had 10 days of slack: ECO's soft
        # launch, full launch and closure move 20 - 10 = 10. D-02 had 14: the CRM's closure
        # moves 6. D-03 had 29: SEC keeps 9 and moves nothing.
        assert 20 == moves.at["DAT", "end_move_days"]
        assert 10 == moves.at["ECO", "end_move_days"]
        assert 6 == moves.at["CRM", "end_move_days"]
        assert ["CRM", "ECO"] == impact.to_warn()
        slack = impact.dependencies.set_index("id")
        assert 9 == slack.at["D-03", "slack_after"]
        assert pd.Timestamp("2026-11-13") == impact.milestones.at["ECO-21", "forecast"]
        # ten working days after 29 October: 11 November is a public holiday (Armistice)
        assert pd.Timestamp("2026-10-29") == impact.milestones.at["ECO-21", "planned"]
        expected = early_starts(meridian["tasks"], meridian["projects"], meridian["dependencies"],
                                meridian["calendar"], {"DAT-12": 20})
        assert expected == impact.forecast["es"].to_dict()

    def test_the_erp_late_moves_the_warehouse(self, meridian):
        # ERP's system tests take 30 days more: go-live moves 30, WHA (5 days of slack on D-06)
        # moves 25; nothing else depends on the ERP's remaining work.
        impact = slip_impact(meridian["tasks"], meridian["projects"], meridian["dependencies"],
                             {"ERP-17": 30}, meridian["calendar"])
        assert ["WHA"] == impact.to_warn()
        assert 25 == impact.projects.set_index("project").at["WHA", "end_move_days"]

    @settings(max_examples=40, deadline=None)
    @given(portfolios(link_types=("FS",)))
    def test_with_finish_to_start_links_a_slip_moves_nothing_earlier_nor_further(self, case):
        tasks, projects, links, task, days = case
        impact = slip_impact(tasks, projects, links, {task: days})
        moved = impact.milestones["moved_days"]
        assert (moved >= -1e-9).all() and (moved <= days + 1e-9).all()
        shift = impact.forecast["es"] - impact.planned["es"]
        assert (shift >= -1e-9).all() and (shift <= days + 1e-9).all()

    @settings(max_examples=40, deadline=None)
    @given(portfolios())
    def test_with_any_links_no_date_moves_by_more_than_the_slip(self, case):
        # The forward pass is a max of terms that each move by at most the slip: with SS, FF and
        # SF links a date may move earlier (a longer task tied by its finish starts earlier),
        # never by more than the slip in either direction.
        tasks, projects, links, task, days = case
        impact = slip_impact(tasks, projects, links, {task: days})
        for column in ("es", "ef"):
            shift = impact.forecast[column] - impact.planned[column]
            assert (shift.abs() <= days + 1e-9).all()


class TestChecksAndErrors:
    def test_meridians_register_checks(self, meridian):
        assert check_dependencies(meridian["dependencies"], meridian["tasks"]).empty

    def test_the_checks_name_each_problem(self, meridian):
        bad = register(
            ("D1", "x", "DAT", "DAT-99", "ECO", "ECO-20", "FS", 0),     # unknown task
            ("D2", "x", "DAT", "ECO-17", "ECO", "ECO-20", "FS", 0),     # wrong project
            ("D3", "x", "ECO", "ECO-17", "ECO", "ECO-21", "FS", 0),     # same project
            ("D4", "x", "DAT", "DAT-15", "ECO", "ECO-19", "XX", 0),     # bad type
            ("D4", "x", "DAT", "DAT-15", "ECO", "ECO-20", "FS", 0),     # duplicate id
            ("D6", "x", "DAT", "DAT-15", "ECO", "ECO-20", "SS", 0),     # same pair again
        )
        findings = check_dependencies(bad, meridian["tasks"])
        checks = findings.groupby("id")["check"].apply(list).to_dict()
        assert ["unknown task"] == checks["D1"]
        assert ["wrong project"] == checks["D2"]
        assert ["same project"] == checks["D3"]
        assert {"link", "duplicate"} <= set(checks["D4"])
        assert ["duplicate"] == checks["D6"]
        assert "FS, SS, FF, SF" in " ".join(findings["problem"])

    def test_a_register_that_does_not_check_is_refused_when_scheduling(self, meridian):
        bad = register(("D1", "x", "DAT", "DAT-99", "ECO", "ECO-20", "FS", 0))
        with pytest.raises(DependencyError, match="DAT-99"):
            portfolio_schedule(meridian["tasks"], meridian["projects"], bad)

    def test_a_cycle_across_projects_is_named(self):
        links = register(("D1", "x", "A", "A2", "B", "B1", "FS", 0),
                         ("D2", "x", "B", "B2", "A", "A1", "FS", 0))
        with pytest.raises(DependencyError, match="cycle") as error:
            portfolio_schedule(TWO, SAME_START, links)
        assert {"A1", "A2", "B1", "B2"} <= set(re.findall(r"[AB][12]", str(error.value)))

    def test_a_plan_that_links_to_another_project_is_refused(self):
        mixed = TWO.assign(predecessors=["", "A1", "A2", "A1", "B1", "B2"])
        with pytest.raises(DependencyError, match="dependency register"):
            portfolio_schedule(mixed, SAME_START)

    @pytest.mark.parametrize("slips, words", [
        ({"ZZ": 3}, "not a task"),
        ({"AM": 3}, "milestone"),
        ({"A1": "a week"}, "working days"),
        ({"A1": -9}, "negative duration"),
    ])
    def test_bad_slips_are_explained(self, slips, words):
        with pytest.raises(DependencyError, match=words):
            portfolio_schedule(TWO, SAME_START, slips=slips)

    def test_bad_inputs_are_explained(self):
        with pytest.raises(DependencyError, match="no column 'project'"):
            portfolio_schedule(TWO.drop(columns="project"), SAME_START)
        with pytest.raises(DependencyError, match="'C'"):
            portfolio_schedule(TWO.replace({"project": {"B": "C"}}), SAME_START)
        with pytest.raises(DependencyError, match="not a date"):
            portfolio_schedule(TWO, SAME_START.assign(start_date=["2026-03-02", "soon"]))
        with pytest.raises(DependencyError, match="slips must be a dict"):
            slip_impact(TWO, SAME_START, None, [("A1", 3)])
        assert issubclass(DependencyError, InputError) and issubclass(DependencyError, ValueError)

    def test_nothing_is_changed_in_the_callers_tables(self, meridian):
        before = meridian["tasks"].copy(), meridian["dependencies"].copy()
        slip_impact(meridian["tasks"], meridian["projects"], meridian["dependencies"],
                    {"DAT-12": 20}, meridian["calendar"])
        pd.testing.assert_frame_equal(before[0], meridian["tasks"])
        pd.testing.assert_frame_equal(before[1], meridian["dependencies"])
        assert np.all(meridian["tasks"]["duration"].to_numpy() >= 0)
