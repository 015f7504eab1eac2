"""Reference policies: a PMO that does nothing, one that follows the course, one that acts at random.

A policy is a function from what the PMO sees (an
:class:`~pmo_lessons.simulation.observe.Observation`) to that week's list of decisions; it sees
nothing else (no truth). :func:`~pmo_lessons.simulation.game.play` plays a quarter with one.

* :func:`do_nothing` watches: requests are decided by those who asked, the committee hears
  nothing from the PMO.
* :func:`expert` does what the course teaches, in this order each week: answer what is asked
  with the figures (each question's lesson: quality gates, change control, levelling, the
  committee's report); **escalate early** the risks whose response is to escalate (lessons 04,
  07); **fund the responses that cut the expected loss** by more than they cost (a threat's EMV
  is negative: EMV after minus EMV before above the response's cost, lesson 04); audit the
  riskiest projects first with a **health check** (lesson 09); **protect the critical path**:
  people free or on work with float go to critical work that waits for them, a contractor where
  there is no one and the date matters, a crash of the critical test before Black Friday
  (lessons 01, 02, 13); at the committee, draw the reserve a forecast needs through a change
  request (lesson 10: in the game it raises the approved funding, not the cost baseline).
* :func:`random_policy` takes a random decision from the menu about one and a half times a
  week: the game is not won by agitation.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from .events import BLACK_FRIDAY

__all__ = ["do_nothing", "expert", "random_policy", "POLICIES", "EXPERT_ANSWERS"]

#: The expert's answer to each request and committee decision, and the reason.
EXPERT_ANSWERS = {
    "Q-PILOT": ("B", "a pilot is a test: it starts when its entry criteria are met"),
    "Q-GIFT": ("B", "scope added before Black Friday moves the launch; after it, it does not"),
    "Q-DASH": ("B", "a change goes to the next release, not into a late one"),
    "Q-CONSULTANTS": ("B", "the go-live is set by testing, not by the build: no crash off the "
                           "critical path"),
    "Q-ERP-GO-LIVE": ("B", "a date the plan cannot meet is re-planned, with its transition"),
    "Q-DE": ("B", "the lower-priority project's critical work gets its people"),
    "Q-BLACK-FRIDAY": ("B", "what does not fit by the date moves, not the date; when the trade "
                            "portal is done, nothing is left to move: the full scope (A)"),
    "Q-SUPPLIER": ("B", "the contract carries the supplier's risk"),
}


def do_nothing(observation):
    """The PMO that watches and decides nothing."""
    return []


def _answer_report(observation, row):
    board = observation.board
    if row["id"] == "SC-COST":
        budget = float(observation.budget.loc["ERP", "budget"])
        eac, bac = float(board.loc["ERP", "EAC"]), float(board.loc["ERP", "BAC"])
        return "A" if eac <= bac else "B" if eac <= budget else "C"
    if row["id"] == "SC-LATE":
        return str(board.loc[list(row["keys"]), "SPI_t"].idxmin())
    return "A"  # the sponsor releases the management reserve, through a change request


def _launch_scope(observation):
    """Black Friday's scope: the trade portal's open items move to January (B), unless the team
    has finished them (A: nothing is left to move, and the launch keeps its full scope)."""
    tasks = observation.tasks
    portal = tasks[tasks["task_id"] == "ECO-10"]
    return "A" if len(portal) and portal.iloc[0]["state"] == "done" else "B"


def _deadline_first(observation):
    """Projects in the order their dates matter: the storefront before Black Friday, then priority."""
    board = observation.board
    order = sorted(board.index, key=lambda p: -int(board.loc[p, "priority"]))
    if observation.status_date < BLACK_FRIDAY and "ECO" in order:
        order.remove("ECO")
        order.insert(0, "ECO")
    return order


def expert(observation):
    """The PMO that follows the course (see the module's help)."""
    decisions = []
    week, board = observation.week, observation.board
    active = [p for p in board.index if board.loc[p, "state"] == "active"]

    for row in observation.questions.to_dict("records"):
        if row["id"] == "Q-BLACK-FRIDAY":
            decisions.append({"action": "answer", "question": row["id"],
                              "option": _launch_scope(observation)})
        elif row["id"] in EXPERT_ANSWERS:
            decisions.append({"action": "answer", "question": row["id"],
                              "option": EXPERT_ANSWERS[row["id"]][0]})
        else:
            decisions.append({"action": "answer", "question": row["id"],
                              "option": _answer_report(observation, row)})

    register = observation.register
    for row in register.to_dict("records"):
        if row["project"] not in active:
            continue
        if row["response"] == "escalate" and pd.isna(row["escalated_week"]):
            decisions.append({"action": "escalate", "subject": row["id"]})
        elif row["response"] not in ("escalate", "accept") and pd.isna(row["funded_week"]) \
                and row["response_cost_eur"] > 0:
            before = row["probability_pct"] / 100 * row["cost_impact_eur"]  # EMV, < 0 for a threat
            after = row["probability_pct_after"] / 100 * row["cost_impact_eur_after"]
            if after - before >= row["response_cost_eur"]:  # the expected loss cut, net of its cost
                decisions.append({"action": "fund_response", "risk": row["id"]})
    issues = observation.issues
    for row in issues[(issues["week"] == week) & issues["id"].str.startswith("E-04")].to_dict(
            "records"):
        if pd.isna(row["escalated_week"]):
            decisions.append({"action": "escalate", "subject": row["id"]})

    checked = set(observation.revealed)
    order = sorted(active, key=lambda p: ({"red": 0, "amber": 1, "green": 2}.get(
        board.loc[p, "rag"], 3), -int(board.loc[p, "priority"])))
    for pid in order:
        if pid not in checked and board.loc[pid, "percent_complete"] < 95:
            decisions.append({"action": "health_check", "project": pid})
            break

    decisions += _protect_critical_path(observation, active)

    if observation.committee:
        for pid, row in observation.budget.iterrows():
            if pid in active and row["funding_gap"] > 0.01 * row["cost_baseline"] and \
                    row["reserve_left"] > 0:
                amount = min(row["reserve_left"], math.ceil(row["funding_gap"] / 10000) * 10000)
                decisions.append({"action": "draw_reserve", "project": pid,
                                  "amount_eur": float(amount),
                                  "reason": "the forecast at completion is above the cost "
                                            "baseline"})
    return decisions


def _protect_critical_path(observation, active):
    """People to the critical work that waits for them: from those free, from work with float,
    else a contractor when the date matters; the storefront's tests crashed before Black Friday."""
    decisions = []
    tasks = observation.tasks
    weeks = min(2, observation.weeks - observation.week)
    free = observation.roles["free"].to_dict()
    staffed = observation.capacity.set_index(["role", "project"])["staffed"].to_dict()
    before_peak = observation.status_date < BLACK_FRIDAY
    for pid in _deadline_first(observation):
        if pid not in active:
            continue
        mine = tasks[(tasks["project"] == pid) & (tasks["waiting_for"] != "")]
        mine = mine[mine["critical"].fillna(False).astype(bool) |
                    (mine["total_float"].fillna(99) <= 5)]
        for row in mine.to_dict("records"):
            units = dict(part.split() for part in row["units"].split(", ") if part)
            for role in row["waiting_for"].split(", "):
                need = float(units.get(role, 1)) - staffed.get((role, pid), 0.0)
                need = int(math.ceil(need))
                if need <= 0:
                    continue
                give = int(min(need, math.floor(free.get(role, 0.0) + 1e-9)))
                if give > 0:
                    decisions.append({"action": "move_people", "role": role, "units": give,
                                      "from": "free", "to": pid, "weeks": weeks})
                    free[role] -= give
                    staffed[(role, pid)] = staffed.get((role, pid), 0.0) + give
                    need -= give
                if need <= 0:
                    continue
                donor = _donor(observation, role, pid, need, staffed)
                if donor is not None:
                    decisions.append({"action": "move_people", "role": role, "units": need,
                                      "from": donor, "to": pid, "weeks": weeks})
                    staffed[(role, donor)] -= need
                    staffed[(role, pid)] = staffed.get((role, pid), 0.0) + need
                elif pid == "ECO" and before_peak:
                    decisions.append({"action": "contractors", "project": pid, "role": role,
                                      "units": min(need, 3), "weeks": weeks})
                    staffed[(role, pid)] = staffed.get((role, pid), 0.0) + need
    if before_peak and "ECO" in active:
        launch = observation.milestones.set_index("task_id").loc["ECO-21"]
        testing = tasks[(tasks["project"] == "ECO") & (tasks["task_id"] == "ECO-14")]
        if pd.notna(launch["forecast_date"]) and launch["forecast_date"] > BLACK_FRIDAY - \
                pd.Timedelta(days=7) and len(testing) and testing.iloc[0]["state"] == \
                "in progress" and observation.board.loc["ECO", "state"] == "active" and \
                not any(d["action"] == "overtime" and d["week"] >= observation.week - 1
                        for d in observation.decisions):
            decisions.append({"action": "overtime", "project": "ECO", "weeks": weeks})
        eco = tasks[(tasks["project"] == "ECO") & (tasks["task_id"] == "ECO-14")]
        if len(eco) and eco.iloc[0]["state"] == "not started" and \
                not any(d.get("task") == "ECO-14" for d in observation.decisions):
            decisions.append({"action": "crash", "task": "ECO-14", "days": 5})
    return decisions


def _donor(observation, role, receiver, need, staffed):
    """A project whose people of ``role`` work only on tasks with float (two weeks or more)."""
    tasks = observation.tasks
    board = observation.board
    for pid in sorted(board.index, key=lambda p: int(board.loc[p, "priority"])):
        if pid == receiver or staffed.get((role, pid), 0.0) < need:
            continue
        using = tasks[(tasks["project"] == pid) & tasks["units"].str.contains(rf"\b{role} ")
                      & tasks["state"].isin(["in progress", "not started"])
                      & (tasks["earliest_start"].fillna(99) < 5)]
        if len(using) and (using["total_float"].fillna(0) >= 10).all():
            return pid
    return None


def random_policy(seed=0, rate=1.5):
    """A PMO that takes about ``rate`` random decisions a week from the menu, with random fields.

    Each decision is drawn from the observation (a project, a role, a task, a risk of the week);
    the game refuses some (play it with ``strict=False``).
    """
    rng = np.random.default_rng([int(seed), 99])
    actions = ("move_people", "contractors", "overtime", "crash", "fast_track", "fund_response",
               "draw_reserve", "health_check", "escalate", "defer", "descope", "pause", "stop",
               "answer")

    def policy(observation):
        decisions = []
        board, tasks = observation.board, observation.tasks
        projects = [p for p in board.index if board.loc[p, "state"] == "active"]
        left = tasks[tasks["state"].isin(["in progress", "not started"])]
        roles = list(observation.roles.index)
        weeks_left = max(1, observation.weeks - observation.week)
        for _ in range(int(rng.poisson(rate))):
            if not projects:
                break
            action = actions[int(rng.integers(len(actions)))]
            project = projects[int(rng.integers(len(projects)))]
            role = roles[int(rng.integers(len(roles)))]
            task = str(left["task_id"].iloc[int(rng.integers(len(left)))]) if len(left) else ""
            weeks = int(rng.integers(1, min(4, weeks_left) + 1))
            if action == "move_people":
                source = ["free"] + projects
                decisions.append({"action": action, "role": role, "units": 1,
                                  "from": source[int(rng.integers(len(source)))], "to": project,
                                  "weeks": weeks})
            elif action == "contractors":
                decisions.append({"action": action, "project": project, "role": role,
                                  "units": int(rng.integers(1, 3)), "weeks": weeks})
            elif action in ("overtime", "pause"):
                decisions.append({"action": action, "project": project, "weeks": weeks})
            elif action == "crash":
                decisions.append({"action": action, "task": task, "days": int(rng.integers(1, 6))})
            elif action in ("fast_track", "descope"):
                decisions.append({"action": action, "task": task})
            elif action == "defer":
                decisions.append({"action": action, "task": task, "weeks": weeks})
            elif action == "fund_response" and len(observation.register):
                risk = observation.register["id"].iloc[int(rng.integers(len(observation.register)))]
                decisions.append({"action": action, "risk": risk})
            elif action == "escalate" and len(observation.register):
                risk = observation.register["id"].iloc[int(rng.integers(len(observation.register)))]
                decisions.append({"action": action, "subject": risk})
            elif action == "draw_reserve":
                reserve = float(observation.budget.loc[project, "reserve_left"])
                if reserve > 0:
                    decisions.append({"action": action, "project": project,
                                      "amount_eur": round(reserve * float(rng.random()), 0)})
            elif action in ("health_check", "stop"):
                decisions.append({"action": action, "project": project})
        for row in observation.questions.to_dict("records"):
            keys = row["keys"]
            decisions.append({"action": "answer", "question": row["id"],
                              "option": keys[int(rng.integers(len(keys)))]})
        return decisions

    return policy


POLICIES = {"do nothing": do_nothing, "expert": expert}
