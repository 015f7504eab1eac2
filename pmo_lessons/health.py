"""Schedule health: is a plan's logic sound enough to trust its dates? In the spirit of the DCMA 14 points.

Before a PMO believes a plan's critical path, it checks the plan: tasks without predecessors or
successors (open ends) float freely and hide the real path; leads (negative lags) and long lags
hide work; hard constraints override the logic; very long tasks and very large floats say the
plan is not detailed or not linked. The US Defense Contract Management Agency's 14-point
assessment is the best-known list of such checks (DCMA, *Earned Value Management System
Program Analysis Pamphlet*, DCMA-EA PAM 200.1, October 2012, section 4.4); :func:`health_check`
makes the ones a plan's own data allow, with DCMA's thresholds as defaults:

==== ======================== ==================================================== =========
 #    check                    counts                                               limit
==== ======================== ==================================================== =========
 1    logic                    unfinished tasks without predecessor or successor    5 %
 2    leads                    links with a negative lag                            0 %
 3    lags                     links with a positive lag                            5 %
 4    relationship types       links that are finish-to-start                       >= 90 %
 5    hard constraints         MSO, MFO, SNLT, FNLT on unfinished tasks             5 %
 6    high float               unfinished tasks with total float > 44 days          5 %
 7    negative float           unfinished tasks with total float < 0                0 %
 8    high duration            unfinished tasks longer than 44 days                 5 %
 9    invalid dates            actual dates after the data date                     0
 12   critical path test       a delay on the critical path delays the finish       pass
==== ======================== ==================================================== =========

Checks 10 (resources), 11 (missed tasks), 13 (CPLI) and 14 (BEI) need a baseline or resource
loading the kit's plans do not carry; they are listed as not checked. The project's first and
last tasks are allowed one open end each, as DCMA allows.

>>> import pandas as pd
>>> from pmo_lessons.plans import plan_from_tasks
>>> plan = plan_from_tasks(pd.DataFrame({"id": ["A", "B", "C"], "duration": [3, 60, 2],
...                                      "predecessors": ["", "A", ""]}), start="2026-03-02")
>>> report = health_check(plan)
>>> report.set_index("check").loc[["logic", "high duration"], ["count", "passed"]]
               count  passed
check
logic              1   False
high duration      1   False
"""

from __future__ import annotations

import pandas as pd

from .errors import InputError

__all__ = ["HealthError", "DCMA_LIMITS", "health_check"]

#: DCMA's limits (DCMA-EA PAM 200.1, 2012, section 4.4): share of tasks or links allowed, in %,
#: and the working days above which a float or a duration is "high".
DCMA_LIMITS = {"logic": 5.0, "leads": 0.0, "lags": 5.0, "finish to start": 90.0,
               "hard constraints": 5.0, "high float": 5.0, "negative float": 0.0,
               "high duration": 5.0, "high days": 44.0}

_HARD = ("MSO", "MFO", "SNLT", "FNLT")
_SHOWN = 8  # task ids listed per check


class HealthError(InputError):
    """A plan the health check cannot assess (no task, limits that are not numbers)."""


def health_check(plan, schedule=None, limits=None):
    """The schedule health checks of a :class:`pmo_lessons.plans.Plan`, one row per check.

    ``schedule`` is its :func:`pmo_lessons.plans.schedule_plan` result (computed when not
    given); ``limits`` overrides any of :data:`DCMA_LIMITS`. Returns a DataFrame with ``number``
    (DCMA's), ``check``, ``count`` (tasks or links that fail it), ``out_of``, ``percent``,
    ``limit``, ``passed`` (``None`` for a check not made), ``tasks`` (the first ids at fault) and
    ``advice`` (what to do, in a planner's words).

    >>> import pandas as pd
    >>> from pmo_lessons.plans import plan_from_tasks
    >>> plan = plan_from_tasks(pd.DataFrame({"id": ["A", "B"], "duration": [3, 2],
    ...                                      "predecessors": ["", "A FS-1"]}), start="2026-03-02")
    >>> health_check(plan).set_index("check").at["leads", "tasks"]
    'A -> B'
    """
    from .plans import schedule_plan

    limits = {**DCMA_LIMITS, **(limits or {})}
    for key, value in limits.items():
        if not isinstance(value, (int, float)) or isinstance(value, bool):
            raise HealthError(f"limit {key!r} is {value!r}; it must be a number.")
    tasks = plan.tasks
    if tasks.empty:
        raise HealthError(f"plan {plan.name!r} has no task to check.")
    schedule = schedule_plan(plan) if schedule is None else schedule
    open_tasks = tasks[tasks["status"] != "complete"] if "status" in tasks else tasks
    work = open_tasks["id"].tolist()
    links = plan.links
    has_pred = set(links["successor"])
    has_succ = set(links["predecessor"])
    # DCMA allows the project's start and finish one open end each: of the tasks at the very
    # start (finish), the one without a predecessor (successor), a milestone usually
    starts = schedule.index[schedule["early_start"] == schedule["early_start"].min()]
    finishes = schedule.index[schedule["early_finish"] == schedule["early_finish"].max()]
    first = next((t for t in starts if t not in has_pred), starts[0])
    last = next((t for t in reversed(finishes) if t not in has_succ), finishes[-1])
    rows = []

    def add(number, check, failing, out_of, limit, advice, at_least=False, shown=None):
        count = len(failing)
        percent = 100.0 * count / out_of if out_of else 0.0
        if at_least:
            passed = out_of == 0 or percent >= limit
        else:
            passed = percent <= limit + 1e-9
        rows.append({"number": number, "check": check, "count": count, "out_of": out_of,
                     "percent": round(percent, 1), "limit": limit, "passed": passed,
                     "tasks": ", ".join((shown or failing)[:_SHOWN])
                     + (" ..." if len(shown or failing) > _SHOWN else ""),
                     "advice": advice})

    dangling = [t for t in work if (t not in has_pred and t != first)
                or (t not in has_succ and t != last)]
    add(1, "logic", dangling, len(work), limits["logic"],
        "Give every task a predecessor and a successor: an open end floats freely and hides the "
        "real critical path.")
    leads = links[links["lag"] < 0]
    lags = links[links["lag"] > 0]
    label = [f"{r.predecessor} -> {r.successor}" for r in leads.itertuples()]
    add(2, "leads", label, len(links), limits["leads"],
        "Replace a lead (negative lag) by splitting the predecessor: a lead hides an overlap "
        "nobody planned.")
    label = [f"{r.predecessor} -> {r.successor}" for r in lags.itertuples()]
    add(3, "lags", label, len(links), limits["lags"],
        "Turn long lags into tasks (curing, delivery, approval): a lag is work without an owner.")
    other = links[links["type"] != "FS"]
    add(4, "relationship types", [f"{r.predecessor} {r.type} {r.successor}"
                                  for r in other.itertuples()],
        len(links), 100 - limits["finish to start"],
        "Prefer finish-to-start links (90 % or more): SS, FF and SF links make the path hard to "
        "read and to status.")
    rows[-1]["limit"] = f">= {limits['finish to start']:g} % FS"
    rows[-1]["passed"] = not len(links) or 100.0 * (len(links) - len(other)) / len(links) \
        >= limits["finish to start"] - 1e-9
    hard = open_tasks[open_tasks["constraint"].isin(_HARD)]["id"].tolist() \
        if "constraint" in open_tasks else []
    add(5, "hard constraints", hard, len(work), limits["hard constraints"],
        "Replace a must-start, must-finish or no-later-than constraint by logic or a deadline: "
        "it overrides the network.")
    open_schedule = schedule.loc[work]
    high_float = open_schedule[open_schedule["total_float"] > limits["high days"]].index.tolist()
    add(6, "high float", high_float, len(work), limits["high float"],
        f"A float above {limits['high days']:g} working days usually means a missing link.")
    negative = open_schedule[open_schedule["total_float"] < -1e-9].index.tolist()
    add(7, "negative float", negative, len(work), limits["negative float"],
        "Negative float: a constraint or deadline cannot be met; re-plan or agree a new date.")
    long_tasks = open_tasks[open_tasks["duration"] > limits["high days"]]["id"].tolist()
    add(8, "high duration", long_tasks, len(work), limits["high duration"],
        f"Break tasks longer than {limits['high days']:g} working days into pieces that can be "
        "statused.")
    invalid = []
    if plan.data_date is not None:
        for column in ("actual_start", "actual_finish"):
            if column in tasks:
                late = tasks[pd.to_datetime(tasks[column]) > plan.data_date]["id"].tolist()
                invalid += [t for t in late if t not in invalid]
    add(9, "invalid dates", invalid, len(tasks), 0.0,
        "An actual date after the data date is not an actual: correct it or move the data date.")
    rows[-1]["limit"] = 0
    rows.append(_critical_path_test(plan, schedule, last))
    for number, check, need in ((10, "resources", "resource loading"),
                                (11, "missed tasks", "a baseline"),
                                (13, "critical path length index", "a deadline"),
                                (14, "baseline execution index", "a baseline")):
        rows.append({"number": number, "check": check, "count": None, "out_of": None,
                     "percent": None, "limit": None, "passed": None, "tasks": "",
                     "advice": f"Not checked: it needs {need}, which the plan does not carry."})
    frame = pd.DataFrame(rows).sort_values("number", kind="stable").reset_index(drop=True)
    for column in ("count", "out_of"):
        frame[column] = frame[column].astype("Int64")
    return frame


def _critical_path_test(plan, schedule, last):
    """DCMA check 12: add a delay to a critical task; the project finish must move by as much."""
    from .plans import schedule_plan

    critical = [t for t in schedule.index[schedule["critical"]]
                if schedule.at[t, "status"] != "complete"]
    row = {"number": 12, "check": "critical path test", "out_of": 1, "limit": "pass"}
    if not critical:
        return {**row, "count": 1, "percent": 100.0, "passed": False, "tasks": "",
                "advice": "No unfinished task is critical: the network does not drive the finish."}
    durations = plan.tasks.set_index("id")["duration"]
    worked = [t for t in critical if durations.get(t, 0) > 0] or critical
    probe = min(worked, key=lambda t: schedule.at[t, "early_start"])  # the first critical task
    delay_days = 10
    tasks = plan.tasks.copy()
    at = tasks["id"] == probe
    hours = plan.calendar_of(probe).hours_per_day * delay_days
    tasks.loc[at, "duration_hours"] = tasks.loc[at, "duration_hours"] + hours
    tasks.loc[at, "remaining_hours"] = tasks.loc[at, "remaining_hours"] + hours
    tasks.loc[at, "duration"] = tasks.loc[at, "duration"] + delay_days
    delayed = schedule_plan(_with_tasks(plan, tasks))
    moved = plan.calendar.work_between(schedule["early_finish"].max(),
                                       delayed["early_finish"].max()) / plan.calendar.hours_per_day
    passed = abs(moved - delay_days) < 1e-6
    return {**row, "count": 0 if passed else 1, "percent": 0.0 if passed else 100.0,
            "passed": passed, "tasks": probe,
            "advice": (f"Delaying {probe} by {delay_days} days moves the finish by {moved:g} days"
                       + (": the critical path is driven by logic." if passed else
                          ": the critical path is broken (a constraint or a missing link)."))}


def _with_tasks(plan, tasks):
    from dataclasses import replace

    return replace(plan, tasks=tasks)
