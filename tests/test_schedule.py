"""Tests of pmo_lessons.schedule: published worked examples, hand-checked links, invariants."""

import math

import pandas as pd
import pytest
from hypothesis import given, settings

from pmo_lessons.errors import InputError, NetworkError
from pmo_lessons.schedule import (
    Link,
    cpm,
    critical_path,
    links_table,
    parse_predecessors,
    pert,
    pert_probability,
    to_dates,
    working_day,
)

from .strategies import networks


def table(rows, columns=("id", "duration", "predecessors")):
    return pd.DataFrame(rows, columns=list(columns))


# Hillier & Lieberman, *Introduction to Operations Research*, 8th ed. (McGraw-Hill, 2005),
# chapter 10 "Project Management with PERT/CPM": the Reliable Construction Co. house,
# durations in weeks (Table 10.1), three-point estimates (Table 10.4).
RELIABLE = table(
    [
        ("A", 2, ""), ("B", 4, "A"), ("C", 10, "B"), ("D", 6, "C"), ("E", 4, "C"),
        ("F", 5, "E"), ("G", 7, "D"), ("H", 9, "E, G"), ("I", 7, "C"), ("J", 8, "F, I"),
        ("K", 4, "J"), ("L", 5, "J"), ("M", 2, "H"), ("N", 6, "K, L"),
    ]
)
RELIABLE_ESTIMATES = {  # optimistic, most likely, pessimistic
    "A": (1, 2, 3), "B": (2, 3.5, 8), "C": (6, 9, 18), "D": (4, 5.5, 10), "E": (1, 4.5, 5),
    "F": (4, 4, 10), "G": (5, 6.5, 11), "H": (5, 8, 17), "I": (3, 7.5, 9), "J": (3, 9, 9),
    "K": (4, 4, 4), "L": (1, 5.5, 7), "M": (1, 2, 3), "N": (5, 5.5, 9),
}


class TestPublishedExamples:
    def test_reliable_construction_duration_and_critical_path(self):
        # Hillier & Lieberman: the project takes 44 weeks; the critical path is
        # START -> A -> B -> C -> E -> F -> J -> L -> N -> FINISH.
        schedule = cpm(RELIABLE)
        assert 44 == schedule["ef"].max()
        assert ["A", "B", "C", "E", "F", "J", "L", "N"] == critical_path(schedule, RELIABLE)
        assert {"A", "B", "C", "E", "F", "J", "L", "N"} == set(schedule.index[schedule["critical"]])

    def test_reliable_construction_slack(self):
        # Hillier & Lieberman, the slack table: D, G, H, M have 4 weeks; I has 2; K has 1.
        schedule = cpm(RELIABLE)
        expected = {"D": 4, "G": 4, "H": 4, "M": 4, "I": 2, "K": 1}
        for task, slack in expected.items():
            assert slack == schedule.at[task, "total_float"], task
        # and the early/late dates the book tabulates for H: ES 29, EF 38, LS 33, LF 42
        assert [29, 38, 33, 42] == schedule.loc["H", ["es", "ef", "ls", "lf"]].tolist()

    def test_reliable_construction_pert_probability(self):
        # Hillier & Lieberman: mean critical path length 44 weeks, variance 9, so the
        # probability of meeting the 47-week deadline is P(Z <= 1) = 0.8413.
        tasks = RELIABLE.copy()
        tasks[["optimistic", "most_likely", "pessimistic"]] = [
            RELIABLE_ESTIMATES[t] for t in tasks["id"]
        ]
        estimated = pert(tasks).set_index("id")
        critical = ["A", "B", "C", "E", "F", "J", "L", "N"]
        assert 44 == pytest.approx(estimated.loc[critical, "expected"].sum())
        assert 9 == pytest.approx(estimated.loc[critical, "variance"].sum())
        assert 0.8413 == pytest.approx(pert_probability(tasks, 47), abs=5e-5)
        assert 0.5 == pytest.approx(pert_probability(tasks, 44))

    def test_penn_state_finish_to_start_example(self):
        # Penn State e-Education, "Network Construction - Critical Path Method" (project
        # management module): paths A-B-E-L-N 35, A-B-F-I-K-L-N 41, A-C-J-N 30,
        # A-D-G-J-N 39, A-D-H-M-N 38; the critical path is A-B-F-I-K-L-N, 41 days.
        tasks = table(
            [
                ("A", 2, ""), ("B", 10, "A"), ("C", 13, "A"), ("D", 12, "A"), ("E", 12, "B"),
                ("F", 7, "B"), ("G", 10, "D"), ("H", 16, "D"), ("I", 6, "F"), ("J", 12, "C, G"),
                ("K", 5, "I"), ("L", 8, "E, K"), ("M", 5, "H"), ("N", 3, "J, L, M"),
            ]
        )
        schedule = cpm(tasks)
        assert 41 == schedule["ef"].max()
        assert ["A", "B", "F", "I", "K", "L", "N"] == critical_path(schedule, tasks)
        # the float of each path's own tasks is 41 minus the path's length, at most
        assert 41 - 39 == schedule.at["G", "total_float"]
        assert 41 - 38 == schedule.at["M", "total_float"]

    def test_penn_state_precedence_diagram_example(self):
        # Penn State e-Education, "Network Construction - Precedence Diagram Method": the
        # same network with B SS A, J after C and SS G, K SS I. Recomputed by hand here:
        # A 0-2, B 0-10, C 2-15, D 2-14, G 14-24, H 14-30, J max(15, 14)=15-27,
        # F 10-17, I 17-23, K 17-22, E 10-22, L max(22, 23, 22)=23-31, M 30-35,
        # N max(24, 27, 31, 35)=35-38: 38 days, driven by A-D-H-M-N.
        tasks = table(
            [
                ("A", 2, ""), ("B", 10, "A SS"), ("C", 13, "A"), ("D", 12, "A"), ("E", 12, "B"),
                ("F", 7, "B"), ("G", 10, "D"), ("H", 16, "D"), ("I", 6, "F"),
                ("J", 12, "C, G SS"), ("K", 5, "I SS"), ("L", 8, "E, I, K"), ("M", 5, "H"),
                ("N", 3, "G, J, L, M"),
            ]
        )
        schedule = cpm(tasks)
        assert 38 == schedule["ef"].max()
        assert [15, 27] == schedule.loc["J", ["es", "ef"]].tolist()
        assert [23, 31] == schedule.loc["L", ["es", "ef"]].tolist()
        assert ["A", "D", "H", "M", "N"] == critical_path(schedule, tasks)


class TestLinkTypes:
    """Each link type and lag, computed by hand (PMI Practice Standard for Scheduling, 3rd
    ed., 2019, on precedence relationships; Meredith, Mantel & Shafer, 10th ed., 8.3)."""

    def schedule(self, link, duration_a=4, duration_b=3):
        return cpm(table([("A", duration_a, ""), ("B", duration_b, link)]))

    def test_finish_to_start_with_lag(self):
        s = self.schedule("A FS+2")
        assert [6, 9] == s.loc["B", ["es", "ef"]].tolist()

    def test_finish_to_start_with_lead(self):
        s = self.schedule("A FS-1")
        assert [3, 6] == s.loc["B", ["es", "ef"]].tolist()

    def test_start_to_start(self):
        s = self.schedule("A SS+1")
        assert [1, 4] == s.loc["B", ["es", "ef"]].tolist()
        # A and B both end at 4: both are critical
        assert s["critical"].all()

    def test_finish_to_finish(self):
        # B must finish at least 2 after A finishes: EF_B = 4 + 2 = 6, ES_B = 3
        s = self.schedule("A FF+2")
        assert [3, 6] == s.loc["B", ["es", "ef"]].tolist()

    def test_start_to_finish(self):
        # B cannot finish before A has started + 5: EF_B >= 5, ES_B = 2
        s = self.schedule("A SF+5")
        assert [2, 5] == s.loc["B", ["es", "ef"]].tolist()

    def test_finish_to_finish_never_starts_before_project_start(self):
        # A short successor of a long task, FF-linked, would start at 4 + 0 - 10 < 0
        s = self.schedule("A FF", duration_a=4, duration_b=10)
        assert [0, 10] == s.loc["B", ["es", "ef"]].tolist()
        assert 6 == s.at["A", "total_float"]

    def test_start_to_start_makes_the_predecessor_start_critical(self):
        # B (SS+2) then C: A's start drives B; A's finish has float but its start has not.
        tasks = table([("A", 4, ""), ("B", 6, "A SS+2"), ("C", 1, "B")])
        s = cpm(tasks)
        assert 0 == s.at["A", "total_float"]
        assert 9 == s["ef"].max()

    def test_links_table_replaces_predecessors(self):
        tasks = table([("A", 4, "B"), ("B", 3, "")])  # the column says B -> A ...
        links = pd.DataFrame(
            {"predecessor": ["A"], "successor": ["B"], "type": ["SS"], "lag": [1]}
        )
        s = cpm(tasks, links=links)  # ... but the links say A SS+1 -> B
        assert [1, 4] == s.loc["B", ["es", "ef"]].tolist()

    def test_links_table_round_trip(self):
        tasks = table([("A", 4, ""), ("B", 3, "A SS+1"), ("C", 2, "A, B FF-1")])
        assert cpm(tasks).equals(cpm(tasks, links=links_table(tasks)))

    def test_free_float(self):
        # Meredith, Mantel & Shafer: free float is the delay that moves no successor.
        tasks = table([("A", 2, ""), ("B", 3, "A"), ("C", 1, "A"), ("D", 1, "C"), ("E", 2, "B, D")])
        s = cpm(tasks)
        assert 1 == s.at["C", "total_float"]
        assert 0 == s.at["C", "free_float"]  # delaying C delays D
        assert 1 == s.at["D", "free_float"]  # D can slip 1 before E moves

    def test_deadline_gives_negative_float(self):
        s = cpm(RELIABLE, deadline=40)
        assert -4 == s["total_float"].min()
        assert {"A", "B", "C", "E", "F", "J", "L", "N"} == set(s.index[s["critical"]])
        later = cpm(RELIABLE, deadline=47)
        assert 3 == later.at["A", "total_float"]


class TestParsing:
    def test_grammar(self):
        assert [
            Link("A", "X"),
            Link("B", "X", "SS", 2),
            Link("C", "X", "FF", -1),
            Link("ERP-07", "X", "SF", 0.5),
            Link("D", "X", "FS", 3),
        ] == parse_predecessors("A, B SS+2, C ff-1, ERP-07 SF +0.5,D FS+3", successor="X")

    @pytest.mark.parametrize("text", ["A B", "A XX", "A FS*2", "A,,B", "A, ", "A FS+"])
    def test_unreadable_reference_is_named(self, text):
        with pytest.raises(NetworkError, match="Task X"):
            parse_predecessors(text, successor="X")

    def test_unknown_type_lists_the_valid_ones(self):
        with pytest.raises(NetworkError, match="FS, SS, FF, SF"):
            parse_predecessors("A XF", successor="X")


class TestErrors:
    def test_cycle_names_its_tasks(self):
        tasks = table([("A", 1, ""), ("B", 1, "A, D"), ("C", 1, "B"), ("D", 1, "C"), ("E", 1, "D")])
        with pytest.raises(NetworkError, match=r"cycle: B -> C -> D -> B") as error:
            cpm(tasks)
        assert "A ->" not in str(error.value) and "E" not in str(error.value).split(":")[1]

    def test_self_loop(self):
        with pytest.raises(NetworkError, match="A cannot be its own predecessor"):
            cpm(table([("A", 1, "A")]))

    def test_unknown_id(self):
        with pytest.raises(NetworkError, match=r"B -> C: predecessor 'B' is not a task id"):
            cpm(table([("A", 1, ""), ("C", 1, "A, B")]))

    def test_duplicate_id(self):
        with pytest.raises(NetworkError, match="'A' appears more than once"):
            cpm(table([("A", 1, ""), ("A", 2, "")]))

    @pytest.mark.parametrize("value", [-1, None, "three", float("nan"), float("inf")])
    def test_bad_duration_names_the_task(self, value):
        with pytest.raises(NetworkError, match=r"Task B: duration"):
            cpm(table([("A", 1, ""), ("B", value, "A")]))

    def test_missing_column_lists_what_is_there(self):
        with pytest.raises(NetworkError, match=r"no column 'duration'; it has 'id', 'days'"):
            cpm(pd.DataFrame({"id": ["A"], "days": [3]}))

    def test_id_with_a_space(self):
        with pytest.raises(NetworkError, match=r"'Task A' \(row 1\) contains a space"):
            cpm(table([("Task A", 1, "")]))

    def test_missing_id(self):
        with pytest.raises(NetworkError, match="Row 2 of tasks has no id"):
            cpm(table([("A", 1, ""), (None, 1, "")]))

    def test_bad_link_row(self):
        links = pd.DataFrame({"predecessor": ["A"], "successor": ["B"], "type": ["XX"], "lag": [0]})
        with pytest.raises(NetworkError, match="Row 1 of links: type 'XX'"):
            cpm(table([("A", 1, ""), ("B", 1, "")]), links=links)

    def test_estimates_out_of_order(self):
        tasks = pd.DataFrame({"id": ["A"], "optimistic": [5], "most_likely": [4], "pessimistic": [9]})
        with pytest.raises(NetworkError, match=r"Task A: .*optimistic <= most_likely <= pessimistic, got 5, 4, 9"):
            pert(tasks)

    def test_all_are_value_errors(self):
        with pytest.raises(ValueError):
            cpm(table([("A", -1, "")]))

    def test_input_is_not_modified(self):
        tasks = table([("A", 1, ""), ("B", 2, "A")])
        before = tasks.copy()
        cpm(tasks)
        pert(tasks.assign(optimistic=1, most_likely=1, pessimistic=2))
        assert before.equals(tasks)


class TestPert:
    def test_formulas(self):
        # PMBOK Guide 6th ed., 6.4.2.4 (beta distribution): tE = (tO + 4tM + tP) / 6;
        # Meredith, Mantel & Shafer's Table 8-3 style row: a=2, m=4, b=12 -> 5.0, var 2.78.
        row = pert(pd.DataFrame({"id": ["A"], "optimistic": [2], "most_likely": [4],
                                 "pessimistic": [12]})).iloc[0]
        assert 5 == row["expected"]
        assert 100 / 36 == pytest.approx(row["variance"])
        assert 10 / 6 == pytest.approx(row["std"])

    def test_parallel_critical_paths_take_the_largest_variance(self):
        tasks = pd.DataFrame({
            "id": ["A", "B", "C"], "predecessors": ["", "", "A, B"],
            "optimistic": [5, 2, 1], "most_likely": [5, 5, 1], "pessimistic": [5, 8, 1],
        })  # A and B both take 5 on average; B is the uncertain one (variance 1)
        assert 0.8413 == pytest.approx(pert_probability(tasks, 7), abs=5e-5)


class TestCalendar:
    def test_working_days_skip_weekends_and_holidays(self):
        # 2026-05-01 (Friday) and 2026-05-08 (Friday) are French public holidays
        holidays = ["2026-05-01", "2026-05-08"]
        assert pd.Timestamp("2026-05-04") == working_day("2026-04-30", 1, holidays)
        assert pd.Timestamp("2026-05-11") == working_day("2026-04-30", 5, holidays)

    def test_start_on_a_weekend_rolls_forward(self):
        assert pd.Timestamp("2026-01-12") == working_day("2026-01-10", 0)

    def test_to_dates(self):
        tasks = table([("A", 5, ""), ("B", 3, "A"), ("M", 0, "B"), ("S", 0, "")])
        dated = to_dates(cpm(tasks), "2026-03-02")  # a Monday
        assert pd.Timestamp("2026-03-06") == dated.at["A", "finish_date"]  # Mon..Fri
        assert pd.Timestamp("2026-03-09") == dated.at["B", "start_date"]
        assert pd.Timestamp("2026-03-11") == dated.at["B", "finish_date"]
        assert pd.Timestamp("2026-03-11") == dated.at["M", "start_date"]  # end of B's last day
        assert pd.Timestamp("2026-03-02") == dated.at["S", "start_date"]
        assert pd.Timestamp("2026-03-11") == dated.at["S", "late_finish_date"]

    def test_holidays_from_a_table(self):
        holidays = pd.DataFrame({"date": pd.to_datetime(["2026-03-04"]), "name": ["x"]})
        dated = to_dates(cpm(table([("A", 3, "")])), "2026-03-02", holidays)
        assert pd.Timestamp("2026-03-05") == dated.at["A", "finish_date"]


def bellman_ford_early_starts(tasks):
    """An independent oracle: relax every link until nothing moves (no topological order)."""
    durations = dict(zip(tasks["id"], tasks["duration"].astype(float)))
    es = {t: 0.0 for t in durations}
    links = links_table(tasks)
    for _ in range(len(durations) + 1):
        moved = False
        for p, s, kind, lag in links.itertuples(index=False):
            bound = {
                "FS": es[p] + durations[p] + lag,
                "SS": es[p] + lag,
                "FF": es[p] + durations[p] + lag - durations[s],
                "SF": es[p] + lag - durations[s],
            }[kind]
            if bound > es[s] + 1e-9:
                es[s], moved = bound, True
        if not moved:
            return es
    raise AssertionError("did not converge")


def link_holds(kind, lag, start_p, finish_p, start_s, finish_s):
    return {
        "FS": start_s >= finish_p + lag,
        "SS": start_s >= start_p + lag,
        "FF": finish_s >= finish_p + lag,
        "SF": finish_s >= start_p + lag,
    }[kind] or math.isclose(
        {"FS": start_s - finish_p, "SS": start_s - start_p, "FF": finish_s - finish_p,
         "SF": finish_s - start_p}[kind], lag, abs_tol=1e-9)


class TestInvariants:
    @settings(max_examples=150, deadline=None)
    @given(networks())
    def test_floats_and_critical_tasks(self, tasks):
        s = cpm(tasks)
        finish = s["ef"].max()
        assert (s["total_float"] >= 0).all(), "no negative float without a deadline"
        assert (s["free_float"] >= 0).all()
        assert (s["free_float"] <= s["total_float"] + 1e-9).all()
        assert (s.loc[s["critical"], "total_float"] == 0).all()
        assert s["critical"].any()
        assert (s["es"] >= 0).all() and (s["lf"] <= finish + 1e-9).all()
        assert s.loc[s["critical"], "ef"].max() == finish

    @settings(max_examples=150, deadline=None)
    @given(networks())
    def test_every_link_holds_early_and_late(self, tasks):
        s = cpm(tasks)
        for p, succ, kind, lag in links_table(tasks).itertuples(index=False):
            assert link_holds(kind, lag, s.at[p, "es"], s.at[p, "ef"], s.at[succ, "es"], s.at[succ, "ef"])
            assert link_holds(kind, lag, s.at[p, "ls"], s.at[p, "lf"], s.at[succ, "ls"], s.at[succ, "lf"])

    @settings(max_examples=150, deadline=None)
    @given(networks())
    def test_early_starts_are_the_least_feasible(self, tasks):
        s = cpm(tasks)
        oracle = bellman_ford_early_starts(tasks)
        for task_id, es in oracle.items():
            assert es == pytest.approx(s.at[task_id, "es"])

    @settings(max_examples=60, deadline=None)
    @given(networks())
    def test_a_deadline_shifts_every_total_float_equally(self, tasks):
        s = cpm(tasks)
        shifted = cpm(tasks, deadline=s["ef"].max() - 3)
        assert (shifted["total_float"] - s["total_float"]).round(9).eq(-3).all()
        assert shifted["critical"].equals(s["critical"])


class TestCalendarWorkingTime:
    """Working times, exceptions and hours per day (the calendars of MS Project and P6 plans)."""

    def test_a_finish_stays_at_the_end_of_the_day_and_a_start_moves_to_the_next(self):
        from pmo_lessons.calendars import Calendar
        cal = Calendar()
        # 8 hours from Monday 08:00 end on Monday 17:00 (with the lunch hour), not Tuesday 08:00
        assert cal.add_work("2026-03-02 08:00", 8) == pd.Timestamp("2026-03-02 17:00")
        assert cal.next_working_time("2026-03-02 17:00") == pd.Timestamp("2026-03-03 08:00")
        assert cal.next_working_time("2026-03-02 12:00") == pd.Timestamp("2026-03-02 13:00")
        assert cal.previous_working_time("2026-03-03 08:00") == pd.Timestamp("2026-03-02 17:00")
        assert cal.work_between("2026-03-02 10:00", "2026-03-02 14:00") == 3.0

    def test_a_24_hour_calendar_runs_through_nights_and_weekends(self):
        from pmo_lessons.calendars import Calendar
        cal = Calendar(weekmask="1111111", hours="00:00-24:00")
        assert cal.hours_per_day == 24.0
        assert cal.add_work("2026-03-06 20:00", 30) == pd.Timestamp("2026-03-08 02:00")

    def test_a_night_shift_spans_midnight_in_two_parts(self):
        from pmo_lessons.calendars import Calendar
        night = {"Mon": "22:00-24:00", "Tue": "00:00-06:00 22:00-24:00", "Wed": "00:00-06:00"}
        cal = Calendar(weekmask="Mon Tue Wed", hours=night)
        assert cal.add_work("2026-03-02 22:00", 8) == pd.Timestamp("2026-03-03 06:00")
        with pytest.raises(InputError, match="ends before it starts"):
            Calendar(hours="22:00-06:00")

    def test_working_exceptions_work_a_day_off_and_holidays_stop_a_working_day(self):
        from pmo_lessons.calendars import Calendar
        cal = Calendar(holidays=["2026-03-04"], exceptions={"2026-03-07": "08:00-12:00"})
        assert cal.is_working("2026-03-07") and not cal.is_working("2026-03-04")
        # Friday 6, then Saturday 7 (worked), then Monday 9
        assert cal.working_day("2026-03-06", 1) == pd.Timestamp("2026-03-07")
        assert cal.working_days_between("2026-03-02", "2026-03-09") == 5  # Mon Tue Thu Fri Sat
        assert list(cal.working_days("2026-03-06", "2026-03-09").day) == [6, 7, 9]
        # Friday 13:00-17:00 and the Saturday morning: 8 hours
        assert cal.add_work("2026-03-06 13:00", 8) == pd.Timestamp("2026-03-07 12:00")
        assert cal.add_work("2026-03-06 13:00", 9) == pd.Timestamp("2026-03-09 09:00")

    def test_hours_per_day_is_declared_or_taken_from_the_week(self):
        from pmo_lessons.calendars import Calendar
        assert Calendar(hours="07:30-12:00 13:00-16:00").hours_per_day == 7.5
        assert Calendar(hours_per_day=10).hours_per_day == 10.0
        with pytest.raises(InputError, match="hours_per_day"):
            Calendar(hours_per_day=30)
        with pytest.raises(InputError, match="weekmask does not work that day"):
            Calendar(hours={"Sat": "08:00-12:00"})
