"""One week of the portfolio: staffing, work, risks, costs, defects, milestones, the status.

:func:`simulate_week` moves the state one week on, in this order, with the kit's engines:

1. **Staffing** (the line managers' rule, lesson 02's priority levelling): people stay on the
   project they work for while its plan needs them and go back to their team when it does not;
   free people go to the projects that ask, highest priority first. What the PMO moved stays
   where it was moved. The plan that asks is the project manager's: a CPM
   (:func:`pmo_lessons.schedule.cpm`) of the work left, with the planned durations, and its
   loading (:func:`pmo_lessons.resources.resource_profile`).
2. **Work**: each project's work left is levelled on the people it has
   (:func:`pmo_lessons.resources.level`), with the tasks' *actual* durations (the truth drawn
   from the three-point estimates); the week's working days of that schedule are done. A task
   with fewer people than it needs takes longer (its work is the same). The work packages a
   Scrum team delivers progress at each sprint's end by the team's velocity (its own past
   sprints, drawn at random), scaled by the people it had.
3. **Risks and events**: a register risk occurs when its task reaches the point drawn for it and
   its die says so (its probability, after any funded response); the outcome risks when the
   simulated portfolio makes them happen.
4. **Costs**: labour as worked, purchases as progressed, contractors, overtime, the threats that
   occurred; the project's own cost trend on top (a part of its overrun so far goes on).
5. **Defects**: found at the project's own recent rate per day of work, closed at its own pace.
6. **Milestones** are reached when their work is done and, at a gate (the launch readiness
   review, the go/no-go ...), when no critical defect is open.
7. **The status**: PV of the baseline, EV as the project manager reports it (optimistic until a
   health check), AC.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from ..resources import level
from ..schedule import cpm
from .events import BLACK_FRIDAY, FISCAL_YEAR_GO_LIVE, OUTCOME_RISKS, PEAK_FREEZE
from .state import stream

__all__ = ["GATES", "start", "simulate_week", "plan_of", "network", "staffing_wishes", "true_forecast"]

#: Milestones that are a gate: reached only with no critical defect open.
GATES = ("ECO-19", "ERP-24", "DAT-23", "WHA-21")
OVERTIME_GAIN = 0.2                   # a fifth more work done a day ...
OVERTIME_PREMIUM = 1.5                # ... paid at time and a half
CONTRACTOR_PREMIUM = 1.5              # a contractor costs half as much again as the day rate
CRASH_PREMIUM = 2.0                   # a day crashed costs twice the task's daily labour
_NOW = "_NOW"


# --- the network of the work left ---------------------------------------------------------------


def _bound(kind, lag, start, finish, duration):
    if kind == "FS":
        return finish + lag
    if kind == "SS":
        return start + lag
    if kind == "FF":
        return finish + lag - duration
    return start + lag - duration  # SF


def network(project, state, durations, now=None):
    """The work left of a project as a task table: ``id, duration, predecessors, release``.

    ``durations`` maps each task left to its duration in whole working days (the plan's or the
    truth's). Links to finished tasks become a ``release`` (the earliest day from now a task may
    start); a task in progress keeps only its finish-to-finish links; a deferred task is released
    when its deferral ends.
    """
    now = state.day if now is None else now
    tasks = project.tasks
    left = [t for t in tasks.values() if not t.is_done]
    ids = {t.id for t in left}
    rows = []
    for task in left:
        release, links = 0.0, []
        for pred_id, kind, lag in task.links:
            pred = tasks[pred_id]
            if pred.is_done:
                if task.in_progress:
                    continue
                bound = _bound(kind, lag, pred.started - now, pred.finished - now,
                               durations[task.id])
                release = max(release, bound)
            elif pred.in_progress and kind in ("SS", "SF"):
                if not task.in_progress:
                    release = max(release, _bound(kind, lag, pred.started - now, 0,
                                                  durations[task.id]))
            elif task.in_progress and kind not in ("FF",):
                continue
            elif pred_id in ids:
                links.append(f"{pred_id} {kind}{int(lag):+d}")
        if task.deferred_until > now:
            release = max(release, task.deferred_until - now)
        rows.append((task.id, int(durations[task.id]), ", ".join(links),
                     int(math.ceil(max(0.0, release) - 1e-9))))
    return pd.DataFrame(rows, columns=["id", "duration", "predecessors", "release"])


def _with_now(table):
    """The table for :func:`~pmo_lessons.schedule.cpm`, which knows no release: a start node with lags."""
    if not (table["release"] > 0).any():
        return table[["id", "duration", "predecessors"]]
    frame = table[["id", "duration", "predecessors"]].copy()
    extra = [f"{_NOW} FS+{r}" if r > 0 else "" for r in table["release"]]
    frame["predecessors"] = [", ".join(x for x in (p, e) if x) for p, e in
                             zip(frame["predecessors"], extra)]
    start = pd.DataFrame({"id": [_NOW], "duration": [0], "predecessors": [""]})
    return pd.concat([start, frame], ignore_index=True)


def release_days(release, state):
    """Working days the team's release needs by its own mean velocity: the project manager's view."""
    if release.open_points <= 0:
        return 0
    velocity = float(np.mean(release.history)) or 1.0
    sprints = math.ceil(release.open_points / velocity - 1e-9)
    into = (state.week % 2) * 5       # sprints end on even weeks
    return max(1, sprints * 10 - into)


def planned_remaining(task, state):
    """The project manager's estimate of the working days a task has left (not the truth)."""
    if task.milestone:
        return 0
    if task.release is not None:
        return release_days(state.releases[task.release], state)
    done = state.projects[task.project].reported_done.get(task.id, task.done)
    return max(1, int(math.ceil(task.duration * (1 - done) + task.known_delay - 1e-9)))


def plan_of(project, state):
    """The project manager's plan of the work left: a CPM on the planned durations (never the truth).

    Indexed by task id: ``es, ef, total_float, critical`` (in working days from the start of the
    next week) and the task's ``release`` (earliest start).
    """
    left = [t for t in project.tasks.values() if not t.is_done]
    if not left:
        return pd.DataFrame(columns=["duration", "es", "ef", "ls", "lf", "total_float",
                                     "free_float", "critical", "release"])
    durations = {t.id: planned_remaining(t, state) for t in left}
    table = network(project, state, durations)
    plan = cpm(_with_now(table))
    plan = plan.drop(index=_NOW, errors="ignore")
    plan["release"] = table.set_index("id")["release"]
    return plan


def staffing_wishes(state, plans, days=None):
    """People each project's plan asks for in the coming week: role -> project -> units."""
    wishes = {}
    days = days or 5
    for pid, plan in plans.items():
        project = state.projects[pid]
        if project.status != "active" or plan.empty:
            continue
        window = plan[(plan["es"] < days) & (plan["ef"] > plan["es"])]
        for task_id in window.index:
            for role, units in project.tasks[task_id].units.items():
                by_project = wishes.setdefault(role, {})
                by_project[pid] = by_project.get(pid, 0.0) + units
    for pid, release in state.releases.items():
        # a team asks for its people while its backlog is open
        project = state.projects[pid]
        if release.open_points > 0 and project.status == "active":
            for role, units in release.wish.items():
                by_project = wishes.setdefault(role, {})
                planned = sum(project.tasks[t].units.get(role, 0.0) for t in release.tasks
                              if t in plans[pid].index and plans[pid].loc[t, "es"] < days)
                by_project[pid] = by_project.get(pid, 0.0) - planned + units
    for role, by_project in wishes.items():
        cap = state.capacity.get(role, 0.0)
        for pid in by_project:
            by_project[pid] = float(min(cap, math.ceil(by_project[pid] - 1e-9)))
    return wishes


# --- 1. staffing --------------------------------------------------------------------------------


def _dedicated(state, week):
    out = {}
    for move in state.moves:
        if move["first_week"] <= week <= move["last_week"]:
            by_project = out.setdefault(move["role"], {})
            by_project[move["to"]] = by_project.get(move["to"], 0.0) + move["units"]
    return out


def _staff(state, week, wishes):
    """The line managers' rule, with what the PMO moved kept where it was moved."""
    order = sorted(state.projects.values(), key=lambda p: -p.priority)
    dedicated = _dedicated(state, week)
    roles = set(state.capacity) | set(wishes)
    for role in sorted(roles):
        cap = state.capacity.get(role, 0.0)
        want = wishes.get(role, {})
        held = dedicated.get(role, {})
        for project in order:
            alloc = state.alloc[project.id]
            mine = alloc.get(role, 0.0)
            floor_ = held.get(project.id, 0.0) if project.status == "active" else 0.0
            keep = min(mine, max(want.get(project.id, 0.0), floor_))
            if project.status != "active":
                keep = 0.0
            alloc[role] = max(keep, floor_)
        total = sum(state.alloc[p.id].get(role, 0.0) for p in order)
        for project in reversed(order):  # a leaver: the lowest priority gives people back first
            if total <= cap + 1e-9:
                break
            alloc = state.alloc[project.id]
            give = min(alloc.get(role, 0.0) - held.get(project.id, 0.0), total - cap)
            if give > 0:
                alloc[role] -= give
                total -= give
        for project in reversed(order):
            if total <= cap + 1e-9:
                break
            alloc = state.alloc[project.id]
            give = min(alloc.get(role, 0.0), total - cap)
            alloc[role] -= give
            total -= give
        free = cap - total
        for project in order:
            if free <= 1e-9:
                break
            alloc = state.alloc[project.id]
            need = want.get(project.id, 0.0) - alloc.get(role, 0.0)
            if need > 0 and project.status == "active":
                take = min(need, free)
                alloc[role] = alloc.get(role, 0.0) + take
                free -= take


def contracted(state, pid, week):
    """Contractors working for a project this week: role -> people."""
    out = {}
    for contract in state.contracts:
        if contract["project"] == pid and contract["first_week"] <= week <= contract["last_week"]:
            out[contract["role"]] = out.get(contract["role"], 0.0) + contract["units"]
    return out


# --- 2. work ------------------------------------------------------------------------------------


def _true_durations(project, state, caps):
    """Each task left: (duration in whole days with the people it has, stretch, blocked)."""
    out = {}
    for task in project.tasks.values():
        if task.is_done:
            continue
        if task.milestone:
            out[task.id] = (0, 1.0, False)
            continue
        stretch, blocked = 1.0, False
        for role, units in task.units.items():
            have = caps.get(role, 0.0)
            if have <= 1e-9:
                blocked = True
            elif have < units:
                stretch = max(stretch, units / have)
        if task.release is not None:
            days = release_days(state.releases[task.release], state)
        else:
            days = max(1, int(math.ceil(task.remaining * stretch - 1e-9)))
        out[task.id] = (days, stretch, blocked)
    return out


def _level_project(project, state, caps, week_days):
    """The project's work left levelled on its people: task -> (start, finish), or None."""
    info = _true_durations(project, state, caps)
    if not info:
        return {}, info
    table = network(project, state, {k: v[0] for k, v in info.items()})
    units = {}
    for task_id, (_, _stretch, blocked) in info.items():
        task = project.tasks[task_id]
        for role, n in task.units.items():
            units.setdefault(role, {})[task_id] = 0.0 if blocked else min(n, caps.get(role, 0.0))
    for role, by_task in units.items():
        table[role] = table["id"].map(by_task).fillna(0.0)
    blocked = table["id"].map(lambda t: info[t][2])
    table.loc[blocked, "release"] = np.maximum(table.loc[blocked, "release"], week_days)
    capacities = {role: max(caps.get(role, 0.0), float(table[role].max())) for role in units}
    schedule = level(table, capacities, rule="lft")
    return {t: (int(s), int(f)) for t, s, f in
            zip(schedule.index, schedule["start"], schedule["finish"])}, info


def _work(state, week, messages):
    """Advance every project by the week's working days; returns labour worked per project."""
    week_days = state.week_days[week - 1]
    labour, team_share = {}, {}
    for pid, project in state.projects.items():
        labour[pid] = 0.0
        if project.status in ("stopped", "closed"):
            continue
        paused = project.status == "paused"
        caps = {} if paused else dict(state.alloc[pid])
        for role, n in contracted(state, pid, week).items():
            caps[role] = caps.get(role, 0.0) + n
        times, info = _level_project(project, state, caps, week_days)
        gain = 1.0
        if not paused and project.overtime_until >= week:
            gain += OVERTIME_GAIN
        release_units, release_wish = 0.0, 0.0
        for task_id, (start, finish) in times.items():
            task = project.tasks[task_id]
            if task.milestone:
                continue
            if paused and task.units:
                continue
            worked = max(0, min(finish, week_days) - max(start, 0))
            days, stretch, _ = info[task_id]
            if task.release is not None:
                share = sum(min(n, caps.get(r, 0.0)) for r, n in task.units.items())
                release_units += share * (worked / week_days)
                release_wish += sum(task.units.values())
                if worked > 0 and task.started is None:
                    task.started = state.day + start
                continue
            if worked <= 0:
                continue
            task.last_worked = week
            if task.started is None:
                task.started = state.day + start
            effective = worked / stretch * gain
            before = task.done
            task.remaining = max(0.0, task.remaining - effective)
            task.done = min(1.0, task.done + effective / max(task.actual, 1.0))
            if task.remaining <= 1e-9:
                task.done, task.remaining = 1.0, 0.0
                task.finished = state.day + min(finish, week_days)
            pay = effective * task.labour_per_day
            if gain > 1:
                pay *= (1 + OVERTIME_GAIN * OVERTIME_PREMIUM) / (1 + OVERTIME_GAIN)
            labour[pid] += pay + task.purchases * (task.done - before)
        if release_wish > 0:
            team_share[pid] = min(1.5, release_units / release_wish) * gain
    _sprints(state, week, team_share, labour, messages)
    return labour


def _sprints(state, week, team_share, labour, messages):
    """The Scrum teams: points at each sprint's end (every second week), the team's cost weekly."""
    for pid, release in state.releases.items():
        project = state.projects[pid]
        if release.open_points <= 0 or project.status in ("stopped", "closed"):
            continue
        share = team_share.get(pid, 0.0)
        release.staffing = getattr(release, "staffing", []) + [share]
        # the team shrinks as its backlog empties: the last points need fewer people
        left = min(1.0, release.open_points / max(float(np.mean(release.history)), 1.0))
        labour[pid] += release.team_days / 2 * release.day_rate * min(share, 1.5) * left
        if week % 2:
            continue
        staffing = float(np.mean(release.staffing[-2:]))
        draw = release.draws[release.sprints_played % len(release.draws)]
        velocity = int(round(draw * min(1.25, staffing) ** 0.8)) if staffing > 0 else 0
        release.sprints_played += 1
        release.history.append(velocity)
        done_now, left = 0, velocity
        while release.items and left >= release.items[0][2]:
            item_id, task_id, points = release.items.pop(0)
            left -= points
            done_now += points
            release.task_done_points[task_id] = release.task_done_points.get(task_id, 0) + points
        before = {t: project.tasks[t].done for t in release.tasks}
        for task_id in release.tasks:
            task = project.tasks[task_id]
            total = release.task_points.get(task_id, 0)
            still = any(i[1] == task_id for i in release.items)
            if task.is_done:
                continue
            task.done = max(task.done, release.task_done_points.get(task_id, 0) / total) \
                if total else 1.0
            if not still:
                task.done = 1.0
                task.finished = state.day + state.week_days[week - 1]
                if task.started is None:
                    task.started = state.day
            labour[pid] += task.purchases * (task.done - before[task_id])
        messages.append(f"{pid}: sprint {len(release.history)} delivered {done_now} points; "
                        f"{release.open_points} points are left in the backlog.")


# --- 3. risks and outcome risks ----------------------------------------------------------------


def _probability(state, risk_id, week):
    """The chance a risk occurs now: the register's, or its response's once it acts."""
    row = state.register.loc[risk_id]
    funded = state.funded.get(risk_id)
    if funded is not None and risk_id in state.responses.index:
        response = state.responses.loc[risk_id]
        if week > funded + int(response["lead_weeks"]):
            return (float(response["probability_pct_after"]) / 100,
                    float(response["cost_impact_eur_after"]),
                    int(response["schedule_impact_days_after"]))
    return (float(row["probability_pct"]) / 100, float(row["cost_impact_eur"]),
            int(row["schedule_impact_days"]))


def _occur(state, risk_id, week, messages, impact=None, delay=None):
    """A risk occurs: it becomes an issue, with its cost and its delay."""
    register = state.register
    row = register.loc[register["id"] == risk_id].iloc[0]
    p, cost, days = _probability(state, risk_id, week)
    cost = cost if impact is None else impact
    days = days if delay is None else delay
    register.loc[register["id"] == risk_id, "status"] = "occurred"
    project = state.projects[row["project"]]
    trigger = state.responses.loc[risk_id, "trigger_task"] if risk_id in state.responses.index \
        else row["task_id"]
    task = _task_to_delay(project, trigger or row["task_id"])
    if days and task is not None:
        task.remaining += days
        task.actual += days
        task.known_delay += days
    if cost < 0:
        project.ac += -cost
        project.threat_cost += -cost
    elif cost > 0:
        project.value_gained += cost
    words = (f"{row['project']}: risk {risk_id} occurred ({row['title']})"
             + (f": {-cost:,.0f} EUR" if cost < 0 else f": {cost:,.0f} EUR gained" if cost else "")
             + (f" and {days} working days on {task.id}" if days and task is not None else "")
             + ".")
    state.issues.append({"week": week, "id": risk_id, "project": row["project"],
                         "title": row["title"], "what": words, "cost": max(0.0, -cost)})
    messages.append(words)


def _task_to_delay(project, task_id):
    """The task a risk's delay lands on: its own, or the first one left that leads to it."""
    if not task_id or task_id not in project.tasks:
        return None
    task = project.tasks[task_id]
    seen = set()
    while task.is_done or task.milestone:
        if task.id in seen:
            return None
        seen.add(task.id)
        preds = [project.tasks[p] for p, _, _ in task.links if not project.tasks[p].is_done]
        if not task.is_done and preds:
            task = preds[-1]
            continue
        return None
    return task


def _risks(state, week, messages):
    """The register's risks: each strikes at the point of its task drawn for it, if its die says so."""
    register = state.register
    for row in register[register["status"] == "open"].itertuples(index=False):
        risk_id = row.id
        if risk_id in OUTCOME_RISKS or state.projects[row.project].status == "stopped":
            continue
        trigger = state.truth.triggers.get(risk_id, "")
        point = state.truth.risk_point[risk_id]
        p, _, _ = _probability(state, risk_id, week)
        strikes = state.truth.risk_draw[risk_id] < p
        if not trigger:  # any week of the quarter: the week drawn for it
            if week == 1 + int(point * state.weeks) and strikes:
                _occur(state, risk_id, week, messages)
            continue
        task = state.projects[row.project].tasks[trigger]
        if task.milestone:  # in the weeks after the milestone (a launch, a go-live)
            if task.is_done and week >= task.reached_week + 1 + int(point * 4):
                if strikes:
                    _occur(state, risk_id, week, messages)
                else:
                    _close(state, risk_id)
            continue
        if task.done >= point - 1e-9 and (task.in_progress or task.is_done):
            if strikes:
                _occur(state, risk_id, week, messages)
            elif task.is_done:
                _close(state, risk_id)


def _close(state, risk_id, now=True):
    if now:
        state.register.loc[state.register["id"] == risk_id, "status"] = "closed"


def _outcome_risks(state, week, messages):
    register = state.register
    friday = state.friday(week)
    # the storefront is not live on Black Friday
    if register.loc["R-029", "status"] == "open" and friday >= BLACK_FRIDAY:
        launch = state.projects["ECO"].tasks["ECO-21"]
        live = launch.finished is not None and state.date_of(launch.finished) <= BLACK_FRIDAY
        if live:
            _close(state, "R-029")
        else:
            _occur(state, "R-029", week, messages, impact=0.0, delay=0)
            state.value_lost["ECO"] = state.value_lost.get("ECO", 0.0) + \
                float(-state.register.loc["R-029", "cost_impact_eur"])
    # the ERP cannot go live on the fiscal year: it is certain once the work left cannot
    # fit, and the project manager says so at the November committee (week 6) at the latest
    if register.loc["R-006", "status"] == "open" and week >= 5:
        erp = state.projects["ERP"]
        finish = true_forecast(state, "ERP", "ERP-26")
        if finish is not None and finish > FISCAL_YEAR_GO_LIVE and erp.status != "stopped":
            impact = -70000.0 if state.decided.get("Q-ERP-GO-LIVE") == "B" else None
            _occur(state, "R-006", week, messages, impact=impact, delay=0)
    # installation work in the Christmas peak
    if register.loc["R-017", "status"] == "open":
        install = state.projects["WHA"].tasks["WHA-13"]
        monday = friday - pd.Timedelta(days=4)
        if install.last_worked == week and PEAK_FREEZE[0] <= monday <= PEAK_FREEZE[1]:
            _occur(state, "R-017", week, messages)


def true_forecast(state, pid, task_id):
    """The date a task will really finish if nothing changes: the truth, never shown to the PMO.

    The whole portfolio's work left, with its actual durations, levelled on the company's people
    by project priority (the line managers' rule, lesson 02), contractors included.
    """
    task = state.projects[pid].tasks[task_id]
    if task.is_done:
        return task.accepted[0] if task.accepted else state.date_of(task.finished - 1)
    finishes = _portfolio_forecast(state)
    if task_id not in finishes:
        return None
    return state.date_of(state.day + max(finishes[task_id] - 1, 0))


def _portfolio_forecast(state):
    key = (state.week, len(state.decision_log))
    cached = getattr(state, "_forecast", None)
    if cached is not None and cached[0] == key:
        return cached[1]
    tables = []
    for pid, project in state.projects.items():
        if project.status in ("stopped", "closed"):
            continue
        caps = dict(state.capacity)
        for role, n in contracted(state, pid, state.week + 1).items():
            caps[role] = caps.get(role, 0.0) + n
        info = _true_durations(project, state, caps)
        if not info:
            continue
        table = network(project, state, {k: v[0] for k, v in info.items()})
        if project.status == "paused":
            table["release"] = table["release"].clip(lower=state.day_of_week(
                project.paused_until + 1) - state.day)
        table["project"] = pid
        table["project_priority"] = project.priority
        for task_id in table["id"]:
            for role, n in project.tasks[task_id].units.items():
                table.loc[table["id"] == task_id, role] = min(n, state.capacity.get(role, n))
        tables.append(table)
    if not tables:
        return {}
    table = pd.concat(tables, ignore_index=True).fillna(0.0)
    roles = [c for c in table.columns if c in state.roles.index]
    capacities = {r: max(float(state.capacity.get(r, 0.0)), float(table[r].max())) for r in roles}
    schedule = level(table, capacities, rule="priority")
    finishes = dict(zip(schedule.index, schedule["finish"].astype(int)))
    state._forecast = (key, finishes)
    return finishes


# --- 4. to 7. costs, defects, milestones, the status --------------------------------------------


def _costs(state, week, labour):
    for pid, project in state.projects.items():
        spend = labour.get(pid, 0.0) * project.cost_factor
        for contract in state.contracts:
            if contract["project"] == pid and contract["first_week"] <= week <= contract["last_week"]:
                rate = float(state.roles.loc[contract["role"], "day_rate_eur"])
                spend += contract["units"] * rate * CONTRACTOR_PREMIUM * state.week_days[week - 1]
        project.ac += spend


def _defects(state, week, labour, messages):
    for pid, project in state.projects.items():
        log = state.defects[pid]
        if not log["rate"] or project.status in ("stopped", "closed"):
            log["found"].append(0)
            continue
        reference = log.get("reference", 0.0)
        work = labour.get(pid, 0.0)
        if reference <= 0:
            log["reference"] = reference = max(work, 1.0)
        factor = project.quality_factor * (1.3 if project.overtime_until >= week else 1.0)
        factor *= 1.3 if any(t.fast_tracked and t.in_progress for t in project.tasks.values()) \
            else 1.0
        rate = log["rate"] * min(2.0, work / reference) * factor
        rng = stream(state.seed, "defects", pid, week)
        found = int(rng.poisson(rate)) if rate > 0 else 0
        critical = int(rng.binomial(found, log["critical_share"])) if found else 0
        closing = log["close"] * min(1.5, max(0.3, work / reference))
        closed = int(rng.binomial(log["open"], min(0.95, closing))) if log["open"] else 0
        closed_critical = int(rng.binomial(log["critical"], min(0.95, closing * 1.5))) \
            if log["critical"] else 0
        log["found"].append(found)
        log["open"] = max(0, log["open"] + found - closed)
        log["critical"] = max(0, min(log["open"], log["critical"] + critical - closed_critical))


def _milestones(state, week, messages):
    end = state.day + state.week_days[week - 1]
    for pid, project in state.projects.items():
        if project.status in ("stopped", "closed"):
            continue
        changed = True
        while changed:
            changed = False
            for task in project.tasks.values():
                if not task.milestone or task.is_done:
                    continue
                preds = [project.tasks[p] for p, _, _ in task.links]
                if not all(p.is_done for p in preds):
                    continue
                if task.id in GATES and state.defects[pid]["critical"] > 0:
                    open_critical = state.defects[pid]["critical"]
                    words = (f"{pid}: {task.id} ({task.name}) is not passed: {open_critical} "
                             + ("critical defect is open." if open_critical == 1 else
                                "critical defects are open."))
                    if words not in messages:
                        messages.append(words)
                    continue
                when = max([p.finished for p in preds] + [state.day])
                task.started = task.finished = min(when, end)
                task.done, task.reached_week = 1.0, week
                changed = True
                messages.append(f"{pid}: {task.id} ({task.name}) reached on "
                                f"{state.date_of(min(when, end - 1)):%a %d %b}.")
        if all(t.is_done for t in project.tasks.values()):
            project.status, project.closed_week = "closed", week
            messages.append(f"{pid}: the project is closed.")


def _report(state, week):
    for project in state.projects.values():
        if project.status in ("closed", "stopped") and project.closed_week < week:
            continue  # a closed project reports no more
        bac = project.bac
        reported = 0.0
        for task in project.tasks.values():
            if task.is_done:
                share = 1.0
            elif task.done > 0 and not project.checked:
                share = min(0.95, task.done + project.optimism)
            else:
                share = task.done
            share = max(share, project.reported_done.get(task.id, 0.0))
            project.reported_done[task.id] = share
            reported += task.cost * share
        start = project.true_ev_start
        offset = project.ev_start - start
        ev = reported + offset * max(0.0, bac - reported) / max(bac - start, 1.0)
        previous = project.history[-1][2]
        ev = min(bac, max(previous, ev))
        if all(t.is_done for t in project.tasks.values()):
            ev = bac
        pv = project.pv_of(project.last_week + week) if hasattr(project, "pv_of") else 0.0
        ac = max(project.history[-1][3], project.ac)
        project.history.append((project.last_week + week, pv, ev, ac))


def start(state):
    """The first Friday: each project manager's plan, and the people staffed for week 1."""
    state.plans = {pid: plan_of(p, state) for pid, p in state.projects.items()}
    _staff(state, 1, staffing_wishes(state, state.plans))
    from .happenings import after_work

    after_work(state, 0, [])
    return state


def simulate_week(state):
    """Move the state on by one week; returns what happened, in words."""
    week = state.week + 1
    messages = []
    from .happenings import after_work, before_work

    before_work(state, week, messages)
    plans = {pid: state.plans.get(pid) if pid in state.plans else plan_of(p, state)
             for pid, p in state.projects.items()}
    _staff(state, week, staffing_wishes(state, plans))
    labour = _work(state, week, messages)
    _milestones(state, week, messages)
    _risks(state, week, messages)
    _outcome_risks(state, week, messages)
    _costs(state, week, labour)
    _defects(state, week, labour, messages)
    _milestones(state, week, messages)
    _report(state, week)
    state.day += state.week_days[week - 1]
    state.week = week
    state.plans = {pid: plan_of(p, state) for pid, p in state.projects.items()}
    after_work(state, week, messages)
    state.consequences = messages
    state.news += [(week, m) for m in messages]
    return messages
