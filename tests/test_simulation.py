"""Tests of pmo_lessons.simulation: the quarter played week by week on the kit's engines.

What is pinned, and against what:

* the start is the company's data: week 0's dashboard is :func:`pmo_lessons.evm.dashboard` of
  ``status_weekly.csv`` (the same CPI, SPI(t), RAG), the backlogs' open points are those of
  ``work_items.csv``, the reached milestones those of the milestone log;
* the engines are the kit's: the actual durations are :func:`pmo_lessons.risk.sample_durations`
  of the three-point estimates, drawn from the game's own stream (recomputed here); the
  reported status obeys earned value's rules (cumulative, EV within BAC, PV of the baseline
  recomputed with :func:`pmo_lessons.evm.baseline_pv`); no role is ever staffed beyond its
  capacity; a risk occurs exactly when its die is under its probability;
* determinism: the same seed and decisions give the same game, replayed, always;
* every decision is checked, with a message that names what is wrong, and a refused one
  changes nothing;
* the observation never holds the truth: at the start it is the same whatever the seed, it
  references nothing of the state, and changing the truth of what has not happened yet
  changes nothing a PMO sees;
* the reference policies: the course's expert beats doing nothing by a clear margin on every
  seed of a sample, and a random PMO does worse than doing nothing.
"""

import copy
import gc
import json
import types

import numpy as np
import pandas as pd
import pytest

from pmo_lessons import data
from pmo_lessons.errors import InputError
from pmo_lessons.evm import baseline_pv, dashboard
from pmo_lessons.risk import sample_durations
from pmo_lessons.schedule import project_dates
from pmo_lessons.simulation import (
    ACTIONS,
    SCORE_WEIGHTS,
    Game,
    Observation,
    SimulationError,
    check_log,
    counterfactual,
    debrief,
    decisions_that_mattered,
    do_nothing,
    expert,
    new_game,
    play,
    random_policy,
    replay,
)
from pmo_lessons.simulation.state import Project, Release, State, Task, Truth, stream

SEED = 2026


@pytest.fixture(scope="module")
def start():
    return new_game(SEED).observe()


@pytest.fixture(scope="module")
def played():
    """A quarter played by the expert, and its replay."""
    game = play(expert, SEED)
    return game


def frames_equal(a, b):
    """Two observations hold the same tables and words."""
    for name, value in vars(a).items():
        other = vars(b)[name]
        if isinstance(value, pd.DataFrame):
            pd.testing.assert_frame_equal(value, other, check_exact=True)
        elif isinstance(value, dict) and name == "report_tables":
            for key in value:
                pd.testing.assert_frame_equal(value[key], other[key], check_exact=True)
        else:
            assert value == other, name
    return True


# --- the start is the company's data ---------------------------------------------------------


class TestStart:
    def test_week_zero_dashboard_is_the_data(self, start):
        projects, status, tasks = data.load_projects(), data.load_status(), data.load_tasks()
        holidays = data.load_holidays()
        finish = project_dates(tasks, projects, holidays).set_index("id")["finish_date"]
        expected = dashboard(status, projects, baseline_pv(tasks, projects, holidays),
                             planned_finish=finish, holidays=holidays)
        board = start.board
        for column in ("PV", "EV", "AC", "CPI", "SPI", "SPI_t", "EAC", "rag"):
            assert expected[column].tolist() == pytest.approx(board[column].tolist()) \
                if column != "rag" else expected[column].tolist() == board[column].tolist()

    def test_backlogs_and_milestones_are_the_data(self, start):
        items = data.load_work_items()
        open_points = items[items["done"].isna()].groupby("project")["story_points"].sum()
        assert open_points["ECO"] == start.backlogs.loc["ECO", "open_points"] == 49
        assert open_points["ERP"] == start.backlogs.loc["ERP", "open_points"] == 61
        log = data.load_milestones()
        accepted = set(log.loc[log["accepted_date"].notna(), "task_id"])
        reached = set(start.milestones.loc[start.milestones["accepted_date"].notna(), "task_id"])
        assert accepted == reached

    def test_the_pm_plans_start_nothing_after_a_milestone_not_reached(self, start):
        tasks = start.tasks.set_index("task_id")
        for task_id in ("ECO-14", "ECO-16", "ERP-16", "ERP-17", "SEC-09"):
            assert tasks.loc[task_id, "state"] == "not started", task_id

    def test_a_game_starts_on_the_status_date(self, start):
        assert (0, 13, pd.Timestamp("2026-09-25")) == (start.week, start.weeks, start.status_date)
        assert start.next_committee == 2 and not start.committee

    def test_the_actual_durations_come_from_the_three_point_estimates(self):
        # recomputed: the same stream, the same triangular draw of the risk module
        game = new_game(5)
        tasks = [t for p in game._state.projects.values() for t in p.tasks.values()
                 if not t.milestone and t.release is None and t.done < 1]
        state = game._state
        drawn = [t for p in state.projects.values() for t in p.tasks.values()
                 if not t.milestone and t.done < 1]
        expected = sample_durations([t.optimistic for t in drawn], [t.duration for t in drawn],
                                    [t.pessimistic for t in drawn], 1,
                                    rng=stream(5, "durations"))[:, 0]
        actual = {t.id: t.actual for t in drawn}
        for task, value in zip(drawn, expected):
            assert actual[task.id] == max(1.0, float(round(value)))
        assert all(t.optimistic <= t.actual <= t.pessimistic for t in tasks)


# --- determinism and replay --------------------------------------------------------------------


class TestReplay:
    def test_the_same_seed_and_log_give_the_same_game(self, played):
        again = replay(SEED, played.log)
        assert again.score().as_dict() == played.score().as_dict()
        assert again.log == played.log
        assert again._state.news == played._state.news

    def test_the_log_is_plain_data(self, played):
        assert json.loads(json.dumps(played.log)) == played.log
        assert all(isinstance(d["week"], int) and "action" in d for d in played.log)

    def test_a_different_seed_is_a_different_quarter(self, played):
        other = play(expert, SEED + 1)
        assert other.score().total != played.score().total

    def test_two_games_of_one_seed_see_the_same_weeks(self):
        a, b = new_game(3, weeks=4), new_game(3, weeks=4)
        for _ in range(4):
            assert a.next_week() == b.next_week()
            assert frames_equal(a.observe(), b.observe())

    def test_a_refused_decision_in_a_log_is_named(self):
        log = [{"week": 0, "action": "health_check", "project": "ECO"},
               {"week": 1, "action": "draw_reserve", "project": "ECO", "amount_eur": 1e9}]
        with pytest.raises(SimulationError, match=r"Decision 2 of the log \(week 1, "
                                                  r"draw_reserve\) was refused: ECO has 42,910"):
            replay(SEED, log, weeks=3)

    @pytest.mark.parametrize("log, message", [
        ("not a list", "is a list of decisions"),
        ([{"week": 0, "action": "stop", "project": "OFM", "when": object()}], "plain data"),
        ([{"week": 13, "action": "stop", "project": "OFM"}], "week 13"),
        ([{"week": "0", "action": "stop", "project": "OFM"}], "week '0'"),
        (["stop OFM"], "is not a dict"),
    ])
    def test_a_log_that_is_not_plain_data_is_refused(self, log, message):
        with pytest.raises(SimulationError, match=message):
            check_log(log)

    def test_counterfactual_without_a_decision_changes_what_it_did(self, played):
        position = next(i for i, d in enumerate(played.log)
                        if d["action"] == "fund_response" and d["risk"] == "R-034")
        result = counterfactual(SEED, played.log, [position], played=played)
        assert result.played.total == played.score().total
        assert result.without.total != result.played.total
        assert result.left_out == [played.log[position]]
        table = result.table()
        assert list(table.index) == list(SCORE_WEIGHTS)
        assert table["difference"].tolist() == pytest.approx(
            (table["with"] - table["without"]).tolist())

    def test_counterfactual_without_nothing_is_the_game(self, played):
        result = counterfactual(SEED, played.log, [], played=played)
        assert result.total_difference == pytest.approx(0)

    def test_counterfactual_from_scratch_equals_from_the_snapshot(self):
        game = play(expert, 9, weeks=4)
        fast = counterfactual(9, game.log, [1], weeks=4)
        slow_game = Game(9, 4)
        from pmo_lessons.simulation.game import _play_log

        _play_log(slow_game, check_log(game.log, 4), skip={1}, strict=False)
        assert fast.without.as_dict() == slow_game.score().as_dict()

    def test_decisions_that_mattered_are_sorted_by_their_effect(self):
        log = [{"week": 0, "action": "fund_response", "risk": "R-034"},
               {"week": 0, "action": "health_check", "project": "OFM"},
               {"week": 1, "action": "stop", "project": "ECO"}]
        table = decisions_that_mattered(4, log, weeks=3)
        assert len(table) == len(log)
        assert table.loc[0, "action"] == "stop" and table.loc[0, "effect"] < 0
        assert table["effect"].abs().is_monotonic_decreasing
        assert set(table.columns) >= {"week", "action", "decision", "effect", "lesson"}


# --- the engines' rules hold every week --------------------------------------------------------


class TestRules:
    def test_status_follows_earned_value_rules(self, played):
        status = played.observe().status
        for pid, rows in status.groupby("project"):
            for column in ("pv_eur", "ev_eur", "ac_eur"):
                assert rows[column].is_monotonic_increasing, (pid, column)
            bac = played._state.projects[pid].bac
            assert (rows["ev_eur"] <= bac + 0.01).all() and (rows["pv_eur"] <= bac + 0.01).all()
        assert status["week"].groupby(status["project"]).diff().dropna().eq(1).all()

    def test_pv_is_the_baseline_recomputed(self, played):
        state = played._state
        tasks = pd.concat([pd.DataFrame({
            "id": [t.id for t in p.tasks.values()], "project": p.id,
            "duration": [t.duration for t in p.tasks.values()],
            "predecessors": [", ".join(f"{a} {k}{lag:+d}" for a, k, lag in t.links)
                             for t in p.tasks.values()],
            "cost_eur": [t.cost for t in p.tasks.values()]}) for p in state.projects.values()])
        expected = baseline_pv(tasks, data.load_projects(), data.load_holidays())
        status = played.observe().status
        merged = status.merge(expected, on=["project", "week"], suffixes=("", "_baseline"))
        bac = merged["project"].map({p: s.bac for p, s in state.projects.items()})
        assert merged["pv_eur"].tolist() == pytest.approx(
            np.minimum(merged["pv_eur_baseline"], bac).tolist(), abs=0.01)

    def test_no_role_is_staffed_beyond_its_capacity(self):
        game = new_game(11)
        state = game._state
        for _ in range(13):
            for d in expert(game.observe()):
                game.apply(d)
            game.next_week()
            for role, capacity in state.capacity.items():
                staffed = sum(a.get(role, 0.0) for a in state.alloc.values())
                assert staffed <= capacity + 1e-9, (state.week, role)

    def test_a_risk_occurs_exactly_when_its_die_says_so(self):
        game = play(do_nothing, 13)
        state = game._state
        occurred = {i["id"] for i in state.issues if i["id"].startswith("R-")}
        for risk_id in occurred - {"R-006", "R-017", "R-029"}:  # the outcome risks excepted
            p = state.register.loc[risk_id, "probability_pct"] / 100
            assert state.truth.risk_draw[risk_id] < p, risk_id

    def test_a_funded_response_lowers_the_probability_it_works_with(self):
        # R-034 funded at once: it acts after its lead week, with its probability after
        from pmo_lessons.simulation.engine import _probability

        game = new_game(1)
        game.apply({"action": "fund_response", "risk": "R-034"})
        state = game._state
        assert _probability(state, "R-034", 1)[0] == pytest.approx(0.20)
        assert _probability(state, "R-034", 2) == (0.08, -100000.0, 10)

    def test_score_parts_add_up_with_their_weights(self, played):
        result = played.score()
        assert sum(SCORE_WEIGHTS.values()) == 100
        assert result.total == pytest.approx((result.parts["points"] * result.parts["weight"]
                                              ).sum() / 100)
        assert result.parts["points"].between(0, 100).all()
        assert list(result.parts.index) == ["value", "schedule", "cost", "risk", "health"]
        assert result.parts["measure"].str.len().gt(20).all()

    def test_the_score_waits_for_the_end(self):
        with pytest.raises(SimulationError, match="not over"):
            new_game(1, weeks=2).score()

    def test_no_week_after_the_last(self):
        game = new_game(1, weeks=1)
        game.next_week()
        with pytest.raises(SimulationError, match="quarter is over"):
            game.next_week()
        with pytest.raises(SimulationError, match="quarter is over"):
            game.apply({"action": "health_check", "project": "ECO"})


class TestStory:
    def test_escalating_early_gets_the_go_live_replanned_before_it_is_missed(self):
        early = replay(SEED, [{"week": 0, "action": "escalate", "subject": "R-006"},
                              {"week": 2, "action": "answer", "question": "Q-ERP-GO-LIVE",
                               "option": "B"}], weeks=7)
        late = replay(SEED, [{"week": 3, "action": "escalate", "subject": "R-006"}], weeks=7)
        cost = {g: next(i["cost"] for i in g._state.issues if i["id"] == "R-006")
                for g in (early, late)}
        assert cost[early] == 70000 and cost[late] == 220000
        occurred = next(i["week"] for i in late._state.issues if i["id"] == "R-006")
        assert occurred < 6 and late._state.answered["Q-ERP-GO-LIVE"] == "A"  # asked at week 6

    def test_an_unanswered_request_is_decided_by_who_asked(self):
        game = new_game(SEED, weeks=3)
        game.next_week()
        assert "Q-PILOT" in game.observe().questions["id"].tolist()
        news = game.next_week()
        assert any("No answer from the PMO" in n and "the finance pilot" in n and
                   ("ran on the new ERP" in n or "went well" in n) for n in news)

    def test_the_committee_asks_about_its_report_with_the_figures(self):
        game = new_game(SEED, weeks=3)
        game.next_week(), game.next_week()
        seen = game.observe()
        assert seen.committee
        question = seen.question("SC-COST")
        assert "CFO" in question["text"]
        board, budget = seen.board.loc["ERP"], seen.budget.loc["ERP", "budget"]
        assert board["EAC"] > budget and game._state.correct["SC-COST"] == "C"
        report = seen.steering_report()
        assert report.rag == "red" and "SC-COST" in " ".join(report.data["decisions"])

    def test_a_health_check_tells_the_truth_about_the_reports(self):
        game = new_game(SEED, weeks=5)
        for _ in range(3):
            game.next_week()
        words = game.apply({"action": "health_check", "project": "ERP"})
        assert "overstated" in words and "forecast of ERP-26" in words
        assert game._state.projects["ERP"].checked


# --- every decision is checked ------------------------------------------------------------------


BAD = [
    ("not a dict", "A decision is a dict"),
    ({"action": "wish"}, "not a decision of the game; valid: move_people"),
    ({"action": "overtime"}, "overtime needs 'project'"),
    ({"action": "overtime", "project": "ECO", "colour": "red"}, "no field 'colour'"),
    ({"action": "move_people", "role": "QA", "units": 6, "from": "free", "to": "ECO"},
     "6 QA moved from those free, but only 5 of the 5 are free"),
    ({"action": "move_people", "role": "SEC", "units": 1, "from": "free", "to": "ECO"},
     "only 0 of the 2 are free this week (project SEC holds both): move them from it instead, with "
     "'from': 'SEC'"),
    ({"action": "move_people", "role": "DEV", "units": 3, "from": "ECO", "to": "DAT"},
     "ECO has 2 DEV this week: 3 cannot be moved"),
    ({"action": "move_people", "role": "DEV", "units": 1, "from": "ECO", "to": "ECO"},
     "from and to are both ECO"),
    ({"action": "move_people", "role": "CHEF", "units": 1, "to": "ECO"},
     "role 'CHEF' is not a role"),
    ({"action": "move_people", "role": "QA", "units": 1.5, "to": "ECO"},
     "units must be a whole number"),
    ({"action": "move_people", "role": "AUT", "units": 1, "to": "ECO"},
     "ECO has no work left for a AUT"),
    ({"action": "move_people", "role": "QA", "units": 1, "to": "ECO", "weeks": 20},
     "weeks is 20; valid: 1 to 13"),
    ({"action": "contractors", "project": "ECO", "role": "SEC", "units": 5},
     "units is 5; valid: 1 to 3"),
    ({"action": "contractors", "project": "XYZ", "role": "SEC", "units": 1},
     "project 'XYZ' is not a project of the portfolio"),
    ({"action": "overtime", "project": "ECO", "weeks": 6}, "weeks is 6; valid: 1 to 4"),
    ({"action": "crash", "task": "ECO-14", "days": 9},
     "ECO-14 can be shortened by at most 5 more days"),
    ({"action": "crash", "task": "ECO-13", "days": 1}, "ECO-13 is a milestone"),
    ({"action": "crash", "task": "ECO-10", "days": 1}, "delivered from ECO's backlog"),
    ({"action": "crash", "task": "WHA-08", "days": 5}, "a supplier's work"),
    ({"action": "crash", "task": "ECO-99", "days": 1}, "task 'ECO-99' is not a task"),
    ({"action": "fast_track", "task": "ECO-02"}, "ECO-02 has started"),
    ({"action": "fast_track", "task": "WHA-15"}, "waits for no unfinished work package"),
    ({"action": "fund_response", "risk": "R-029"}, "escalate it"),
    ({"action": "fund_response", "risk": "R-005"}, "accept it: there is nothing to fund"),
    ({"action": "fund_response", "risk": "R-013"}, "R-013 is occurred"),
    ({"action": "fund_response", "risk": "R-999"}, "not in the register"),
    ({"action": "draw_reserve", "project": "ERP", "amount_eur": 300000},
     "ERP has 230,820 EUR of management reserve left"),
    ({"action": "draw_reserve", "project": "ERP", "amount_eur": -5}, "above 0"),
    ({"action": "draw_reserve", "project": "ERP", "amount_eur": True}, "above 0"),
    ({"action": "escalate", "subject": "E-04"}, "E-04 has not happened"),
    ({"action": "escalate", "subject": "R-007"}, "R-007 is closed"),
    ({"action": "escalate", "subject": "budget"}, "neither a risk of the register nor an issue"),
    ({"action": "defer", "task": "ERP-23", "weeks": 2}, "ERP-23 has started"),
    ({"action": "defer", "task": "ERP-11", "weeks": 2}, "ERP-11 has started"),
    ({"action": "descope", "task": "ERP-17"},
     "ERP-17 (System integration testing) is not scope the sponsor would cut; valid for ERP"),
    ({"action": "pause", "project": "WHA", "weeks": 9}, "weeks is 9; valid: 1 to 6"),
    ({"action": "answer", "question": "Q-PILOT", "option": "A"},
     "question 'Q-PILOT' is not waiting for an answer"),
]


@pytest.fixture(scope="module")
def fresh():
    game = new_game(SEED)
    return game, game.observe()


class TestDecisions:
    @pytest.mark.parametrize("decision, message", BAD, ids=[str(i) for i in range(len(BAD))])
    def test_a_bad_decision_is_refused_and_changes_nothing(self, fresh, decision, message):
        game, seen = fresh  # one game for all: each refusal must leave it as it was
        before = copy.deepcopy(game._state.__dict__)
        with pytest.raises(SimulationError) as caught:
            game.apply(decision)
        assert message in str(caught.value)
        assert isinstance(caught.value, InputError) and isinstance(caught.value, ValueError)
        assert game.log == []
        assert set(before) == set(game._state.__dict__)
        assert frames_equal(seen, game.observe())

    def test_every_action_has_a_refusal_tested(self):
        refused = {d["action"] for d, _ in BAD if isinstance(d, dict) and d.get("action") in ACTIONS}
        assert refused | {"health_check", "stop"} == set(ACTIONS)

    def test_a_decision_on_a_stopped_project_is_refused(self):
        game = new_game(SEED)
        game.apply({"action": "stop", "project": "OFM"})
        for decision in ({"action": "health_check", "project": "OFM"},
                         {"action": "descope", "task": "OFM-21"},
                         {"action": "stop", "project": "OFM"}):
            with pytest.raises(SimulationError, match="OFM is stopped: no decision"):
                game.apply(decision)

    def test_one_health_check_a_week(self):
        game = new_game(SEED)
        game.apply({"action": "health_check", "project": "ECO"})
        with pytest.raises(SimulationError, match=r"already runs a health check this week \(ECO\)"):
            game.apply({"action": "health_check", "project": "ERP"})

    def test_a_response_is_funded_once_and_a_subject_escalated_once(self):
        game = new_game(SEED)
        game.apply({"action": "fund_response", "risk": "R-034"})
        game.apply({"action": "escalate", "subject": "R-029"})
        with pytest.raises(SimulationError, match="funded in week 0"):
            game.apply({"action": "fund_response", "risk": "R-034"})
        with pytest.raises(SimulationError, match="escalated in week 0"):
            game.apply({"action": "escalate", "subject": "R-029"})

    def test_the_reserve_drawn_is_what_is_left(self):
        game = new_game(SEED)
        game.apply({"action": "draw_reserve", "project": "ECO", "amount_eur": 40000})
        with pytest.raises(SimulationError, match="ECO has 2,910 EUR of management reserve left"):
            game.apply({"action": "draw_reserve", "project": "ECO", "amount_eur": 3000})
        assert game.observe().budget.loc["ECO", "reserve_left"] == pytest.approx(2910)

    def test_moved_people_leave_their_project_at_once(self):
        game = new_game(SEED)
        words = game.apply({"action": "move_people", "role": "DEV", "units": 1, "from": "ECO",
                            "to": "DAT", "weeks": 2})
        assert words == "1 DEV move from ECO to DAT for 2 weeks."
        capacity = game.observe().capacity.set_index(["role", "project"])["staffed"]
        assert capacity[("DEV", "ECO")] == 1 and capacity[("DEV", "DAT")] >= 1
        assert game.log == [{"week": 0, "action": "move_people", "role": "DEV", "units": 1,
                             "from": "ECO", "to": "DAT", "weeks": 2}]

    def test_defaults_are_filled_in_the_log(self):
        game = new_game(SEED)
        game.apply({"action": "overtime", "project": "ECO"})
        assert game.log[0] == {"week": 0, "action": "overtime", "project": "ECO", "weeks": 2}

    @pytest.mark.parametrize("decision", [
        {"action": "contractors", "project": "ECO", "role": "SEC", "units": 1, "weeks": 2},
        {"action": "crash", "task": "ECO-14", "days": 3},
        {"action": "fast_track", "task": "ECO-14"},
        {"action": "defer", "task": "SEC-12", "weeks": 3},
        {"action": "descope", "task": "ECO-10"},
        {"action": "descope", "task": "ECO-15"},
        {"action": "pause", "project": "WHA", "weeks": 2},
        {"action": "health_check", "project": "DAT"},
    ])
    def test_each_decision_plays_to_the_end(self, decision):
        game = new_game(SEED, weeks=4)
        assert isinstance(game.apply(decision), str)
        while not game.finished:
            game.next_week()
        assert 0 <= game.score().total <= 100


# --- the observation never holds the truth ---------------------------------------------------


class TestObservation:
    def test_at_the_start_it_is_the_same_whatever_the_seed(self):
        assert frames_equal(new_game(1).observe(), new_game(987654).observe())

    def test_it_holds_nothing_of_the_state(self, played):
        # every object the observation's data reaches (not through classes or modules, which
        # every object reaches): none is part of the simulation's state or truth
        seen = played.observe()
        hidden = (State, Truth, Task, Project, Release, Game)
        shared = (type, types.ModuleType, types.FunctionType, types.BuiltinFunctionType,
                  types.MethodType, types.CodeType, types.FrameType)
        todo, seen_ids, count = [seen], set(), 0
        while todo:
            item = todo.pop()
            if id(item) in seen_ids or isinstance(item, shared):
                continue
            seen_ids.add(id(item))
            count += 1
            assert not isinstance(item, hidden), type(item)
            if not isinstance(item, (str, bytes, int, float, type(None))):
                todo.extend(gc.get_referents(item))
        assert isinstance(seen, Observation) and count > 1000

    def test_the_truth_of_what_has_not_happened_changes_nothing_seen(self):
        a, b = new_game(SEED, weeks=6), new_game(SEED, weeks=6)
        for game in (a, b):
            game.next_week(), game.next_week()
        truth = b._state.truth
        for risk_id in truth.risk_draw:  # the dice of every risk still open
            if b._state.register.loc[risk_id, "status"] == "open":
                truth.risk_draw[risk_id] = 1 - truth.risk_draw[risk_id]
        for event, week in truth.events.items():  # the events to come
            if week > 3:
                truth.events[event] = 0
        for project in b._state.projects.values():  # the durations of work not started
            for task in project.tasks.values():
                if task.started is None and not task.milestone and task.release is None:
                    task.actual += 7
                    task.remaining += 7
            project.cost_factor *= 1.2
        for release in b._state.releases.values():
            release.draws = [v + 5 for v in release.draws]
        assert frames_equal(a.observe(), b.observe())

    def test_it_names_what_a_critical_task_waits_for(self):
        game = new_game(SEED, weeks=13)
        for _ in range(4):
            game.next_week()
        tasks = game.observe().tasks
        waiting = tasks[(tasks["waiting_for"] != "")]
        assert set(waiting.columns) >= {"task_id", "total_float", "critical", "waiting_for"}


# --- the reference policies ----------------------------------------------------------------


@pytest.fixture(scope="module")
def policies():
    seeds = (21, 22, 23, 24)
    return {seed: {"nothing": play(do_nothing, seed).score().total,
                   "expert": play(expert, seed).score().total,
                   "random": play(random_policy(seed), seed, strict=False).score().total}
            for seed in seeds}


class TestPolicies:
    def test_the_expert_beats_doing_nothing_by_a_clear_margin_on_every_seed(self, policies):
        margins = [p["expert"] - p["nothing"] for p in policies.values()]
        assert min(margins) > 10 and np.mean(margins) > 15, policies

    def test_a_random_pmo_does_worse_than_doing_nothing(self, policies):
        gaps = [p["nothing"] - p["random"] for p in policies.values()]
        assert np.mean(gaps) > 5 and sum(g > 0 for g in gaps) >= 3, policies

    def test_policies_see_only_the_observation(self):
        seen = new_game(SEED).observe()
        assert do_nothing(seen) == []
        decisions = expert(seen)
        assert {"action": "escalate", "subject": "R-029"} in decisions
        assert {"action": "fund_response", "risk": "R-034"} in decisions
        assert {"action": "fund_response", "risk": "R-009"} not in decisions  # EMV says no


@pytest.fixture(scope="module")
def nothing():
    """A quarter in which the PMO decides nothing."""
    return play(do_nothing, SEED)


class TestWords:
    """What trainees read: the register's own words, singular and plural, no self-contradiction."""

    def test_titles_keep_the_registers_capitalisation(self, nothing):
        news = [m for _, m in nothing._state.news]
        assert "CRM: risk R-012 occurred (GDPR consent data incomplete): 6,000 EUR." in news
        assert any(m.startswith("CRM: CRM-26 (CRM project closed) reached on") for m in news)
        assert not any("gdpr" in m or "crm project" in m or "black friday" in m for m in news)

    def test_one_critical_defect_is_singular(self, nothing):
        gates = [m for _, m in nothing._state.news if "is not passed" in m]
        assert gates and all(m.endswith("1 critical defect is open.") for m in gates)

    def test_an_unanswered_request_that_cannot_be_done_says_what_happens(self):
        # seed 161: the gift cards are asked in week 2, once the storefront's backlog is done
        game = new_game(161, weeks=4)
        news = [m for _ in range(4) for m in game.next_week()]
        gift = next(m for m in news if "Camille Roux (sponsor) decided" in m)
        assert "(yes: add the 13 points to the release now)" in gift
        assert "the release is feature complete, so the gift cards cannot join it" in gift
        assert "planned after the launch" not in gift

    def test_a_default_keeps_the_acronyms_of_its_text(self):
        from pmo_lessons.simulation.decisions import mid_sentence

        assert mid_sentence("The ERP keeps its priority") == "the ERP keeps its priority"
        assert mid_sentence("Yes: start it on 5 October") == "yes: start it on 5 October"

    def test_the_committees_report_is_dated_on_its_day(self):
        game = new_game(SEED, weeks=3)
        game.next_week()
        assert game.observe().steering_report().title.endswith(": 02 Oct 2026")  # no committee
        game.next_week()
        seen = game.observe()
        assert seen.committee and seen.status_date == pd.Timestamp("2026-10-09")
        assert seen.steering_report().title == "Portfolio report to the steering committee: 08 Oct 2026"


def test_the_expert_moves_the_trade_portal_only_when_it_is_not_done():
    for seed, option in ((SEED, "A"), (1, "B")):
        game = play(expert, seed, weeks=3)
        portal = game._state.projects["ECO"].tasks["ECO-10"]
        answer = next(d["option"] for d in game.log if d.get("question") == "Q-BLACK-FRIDAY")
        assert answer == option and (answer == "A") == (portal.descoped is False and portal.is_done)


def test_a_decisions_lesson_is_its_questions_for_an_answer():
    from pmo_lessons.simulation import LESSONS, QUESTIONS
    from pmo_lessons.simulation.game import lesson_of

    assert lesson_of({"action": "answer", "question": "Q-DASH", "option": "B"}) == QUESTIONS["Q-DASH"].lesson
    assert lesson_of({"action": "answer", "question": "SC-COST", "option": "C"}).startswith("06 Portfolio")
    assert lesson_of({"action": "crash", "task": "ECO-14", "days": 5}) == LESSONS["crash"]
    assert "fatigue" not in LESSONS["overtime"]  # the game does not model it


def test_the_debrief_compares_with_the_references():
    game = play(expert, 8, weeks=3)
    result = debrief(game, top=3)
    assert list(result.outcomes.index) == ["you", "doing nothing", "the expert"]
    assert result.outcomes.loc["you", "total"] == pytest.approx(game.score().total, abs=0.05)
    assert len(result.mattered) == 3
    assert result.findings()[0].startswith(f"Your quarter scored {game.score().total:.1f}")


# --- the register's responses (datasets/risk_responses.csv) ---------------------------------


class TestResponsesData:
    def test_every_open_risk_has_one_response_and_no_other_does(self):
        risks = data.load_risks()
        responses = data.load_risk_responses()
        assert sorted(risks.loc[risks["status"] == "open", "id"]) == sorted(responses["risk_id"])

    def test_only_a_response_that_acts_costs_money(self):
        merged = data.load_risk_responses().merge(data.load_risks(), left_on="risk_id",
                                                  right_on="id")
        passive = merged["response"].isin(["accept", "escalate"])
        assert (merged.loc[passive, "cost_eur"] == 0).all()
        assert (merged.loc[~passive, "cost_eur"] > 0).all()
        acting = merged[~passive]
        threats = acting[acting["cost_impact_eur"] < 0]  # lowered, never made worse
        assert ((threats["probability_pct_after"] <= threats["probability_pct"]) &
                (threats["cost_impact_eur_after"] <= 0) &
                (threats["cost_impact_eur_after"] >= threats["cost_impact_eur"])).all()
        chances = acting[acting["cost_impact_eur"] > 0]  # an opportunity is made likelier
        assert (chances["probability_pct_after"] > chances["probability_pct"]).all()
        assert set(chances["response"]) <= {"enhance", "exploit", "share"}

    def test_a_response_to_a_risk_that_occurred_is_refused_with_its_row(self):
        bad = data.load_risk_responses()
        bad.loc[3, "risk_id"] = "R-013"  # occurred: an issue, not a risk to respond to
        with pytest.raises(InputError, match=r"row 5.*R-013 is occurred; valid: an open risk"):
            data.validate("risk_responses", bad, references={"risks": data.load_risks(),
                                                             "tasks": data.load_tasks()})

    def test_a_trigger_task_of_another_project_is_refused(self):
        bad = data.load_risk_responses()
        bad.loc[0, "trigger_task"] = "ECO-14"  # R-003 is the ERP's
        with pytest.raises(InputError, match=r"ECO-14 belongs to project ECO, not to R-003's"):
            data.validate("risk_responses", bad, references={"risks": data.load_risks(),
                                                             "tasks": data.load_tasks()})


# --- where the course teaches each decision ---------------------------------------------------


def lesson_references(text):
    """The (lesson, section number, section words) a LESSONS or question text points to."""
    import re

    pattern = re.compile(r"\b(?P<lesson>\d\d) (?P<title>[A-Z][A-Za-z]*(?: [A-Za-z]+)*?)(?=,|:| \(|$)"
                         r"|(?<![\d.])(?P<number>\d{1,2})\. (?P<words>[A-Z][^:;()]*?)"
                         r"(?= and \d{1,2}\. | and \d\d [A-Z]|[:;()]|$)")
    lesson, found = None, []
    for match in pattern.finditer(text):
        if match["lesson"]:
            lesson = (match["lesson"], match["title"])
            found.append((lesson, None, None))
        else:
            found.append((lesson, match["number"], match["words"].strip()))
    return found


def test_each_decision_points_to_a_lesson_and_section_that_teach_it():
    from pmo_lessons.simulation import LESSONS, QUESTIONS

    from .conftest import ROOT

    lessons = pd.read_csv(ROOT / "course" / "lessons.csv", dtype=str).set_index("lesson")
    texts = {**{f"action {a}": LESSONS[a] for a in ACTIONS},
             **{f"question {q}": QUESTIONS[q].lesson for q in QUESTIONS}}
    assert set(LESSONS) == set(ACTIONS)
    for name, text in texts.items():
        references = lesson_references(text)
        assert references or text.startswith("not taught"), name
        for (lesson, title), number, words in references:
            assert lesson in lessons.index and lessons.at[lesson, "title"].startswith(title), (name, lesson)
            if number is None:
                continue
            cells = json.loads((ROOT / "course" / lessons.at[lesson, "notebook"]).read_text(encoding="utf-8"))
            headings = [line[3:] for c in cells["cells"] if c["cell_type"] == "markdown"
                        for line in "".join(c["source"]).splitlines() if line.startswith("## ")]
            assert any(h.startswith(f"{number}. ") and words.lower() in h.lower() for h in headings), (
                name, lesson, number, words)


def test_the_lesson_references_are_read_as_written():
    assert lesson_references("02 Resources, 5. Levelling the portfolio and 6. Smoothing: people") == [
        (("02", "Resources"), None, None), (("02", "Resources"), "5", "Levelling the portfolio"),
        (("02", "Resources"), "6", "Smoothing")]
