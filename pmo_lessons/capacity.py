"""Skills and capacity planning: the skills matrix, capacity against demand by role, the scenario, staffing.

Lesson 2 levels **tasks** against named roles, day by day, inside the plans. A PMO also plans
**capacity by role**, a quarter or two ahead, month by month: how many person-days each role has
(its people, their contracts, their leave, the share they keep for business as usual) against what
the portfolio's plans ask of it, and what a new project would add. The two serve different
questions: levelling says *which task moves*; the capacity plan says *whether the portfolio fits*
and *which role breaks first*, before any task network exists for a proposal.

* :data:`SKILL_LEVELS`, :func:`skills_matrix`, :func:`skill_coverage`: who can do what;
* :func:`months`, :func:`working_days_in`: the calendar months the plan is kept in;
* :func:`person_capacity`, :func:`role_capacity`: person-days for projects per month;
* :func:`role_demand`, :func:`forecast_delays`, :func:`candidate_demand`, :func:`demand_table`: the
  portfolio's demand by role and month, from the plans (or a proposal's rough-cut plan);
* :func:`capacity_gap`, :func:`take_on`, :func:`which_roles_break`: the gap, and "can we take on
  this project?";
* :func:`skill_demand`, :func:`skill_gap`: the same question by skill;
* :func:`availability`, :func:`staffing_requests`, :func:`staff`: who staffs the new project's
  roles, as an assignment problem solved exactly (``scipy.optimize.milp``), with the greedy
  answer beside it.

Conventions:

* a **month** is written ``"YYYY-MM"``; its **working days** are Monday to Friday less the
  calendar's holidays (pass ``calendar=Calendar(holidays=data.load_holidays())`` for Meridian's);
* **capacity** is in person-days for projects: a person gives ``fte x (1 - bau_share)`` of each
  working day they are not absent (an absence runs from its first to its last day, both
  included); divided by the month's working days it reads as people per day, the unit of
  ``resources.csv``'s ``capacity``;
* **demand** is in person-days: a task with ``units`` people of a role for ``d`` working days asks
  ``units x d`` person-days, spread over the months its days fall in (early dates of the CPM
  schedule, lesson 1);
* **utilisation** is demand / capacity; a role-month is ``"over"`` above 100 %, ``"tight"`` from
  :data:`TIGHT` (90 %, Meridian's policy, not a standard) and ``"ok"`` below.

The capacity plan by role is what PMI's portfolio standard calls capacity and capability
management (PMI, *The Standard for Portfolio Management*, 4th ed., 2017, its performance domain
"Portfolio Capacity and Capability Management"); rough-cut capacity planning by month is the
operations-management term for the same check (Vollmann, Berry, Whybark and Jacobs,
*Manufacturing Planning and Control for Supply Chain Management*, 5th ed., McGraw-Hill, 2005).

>>> import pandas as pd
>>> people = pd.DataFrame({"id": ["P1", "P2"], "name": ["Ann", "Bob"], "role": ["BA", "BA"],
...                        "fte": [1.0, 0.5], "bau_share": [0.2, 0.0]})
>>> role_capacity(people, months=["2026-03"])          # 22 working days x (0.8 + 0.5)
month  2026-03
role
BA        28.6
"""

from __future__ import annotations

import math
import re

import numpy as np
import pandas as pd

from .calendars import as_calendar
from .columns import require_columns
from .errors import InputError
from .schedule import cpm

__all__ = [
    "CapacityError",
    "SKILL_LEVELS",
    "TIGHT",
    "skills_matrix",
    "skill_coverage",
    "months",
    "working_days_in",
    "person_capacity",
    "role_capacity",
    "role_demand",
    "forecast_delays",
    "candidate_demand",
    "demand_table",
    "capacity_gap",
    "take_on",
    "which_roles_break",
    "skill_demand",
    "skill_gap",
    "availability",
    "staffing_requests",
    "staff",
]


class CapacityError(InputError):
    """Capacity data the kit cannot work with: an unknown person or role, a bad month or level."""


#: The kit's skill scale, 0 to 4 (its own wording, in the spirit of the skills matrices of lean
#: teams, whose top level is "can train others"; not a standard such as SFIA's seven levels of
#: responsibility).
SKILL_LEVELS = {
    0: "none",
    1: "awareness: knows the terms and what good looks like",
    2: "practitioner with support: does the work, reviewed by someone at level 3 or 4",
    3: "practitioner: does the work alone",
    4: "expert: leads the work and coaches others",
}

#: Utilisation from which a role-month is "tight" (Meridian's policy): 90 %.
TIGHT = 0.9

_EPS = 1e-9


# --- the skills matrix ---------------------------------------------------------------------


def skills_matrix(person_skills, people=None, skills=None):
    """People x skills, levels 0 to 4, from the long table ``person, skill, level``.

    ``people`` (with ``id``) lists every person, also those without a skill, in its order;
    ``skills`` (with ``id``) orders the columns as the catalogue. A skill not held is 0.

    >>> long = pd.DataFrame({"person": ["P1", "P1", "P2"], "skill": ["REQ", "FIN", "REQ"],
    ...                      "level": [3, 2, 4]})
    >>> skills_matrix(long)
    skill   FIN  REQ
    person
    P1        2    3
    P2        0    4
    """
    require_columns(person_skills, ["person", "skill", "level"], "person_skills", CapacityError)
    bad = person_skills[~person_skills["level"].between(0, 4)]
    if len(bad):
        row = bad.index[0]
        raise CapacityError(f"person_skills, row {row}: level {bad['level'].iloc[0]!r} for "
                            f"{bad['person'].iloc[0]}; valid: a level from 0 to 4.")
    matrix = person_skills.pivot_table(index="person", columns="skill", values="level",
                                       aggfunc="max", fill_value=0)
    if people is not None:
        require_columns(people, ["id"], "people", CapacityError)
        unknown = sorted(set(matrix.index) - set(people["id"]))
        if unknown:
            raise CapacityError(f"person_skills names {', '.join(unknown[:5])}, not in people.")
        matrix = matrix.reindex(list(people["id"]), fill_value=0)
    if skills is not None:
        require_columns(skills, ["id"], "skills", CapacityError)
        unknown = sorted(set(matrix.columns) - set(skills["id"]))
        if unknown:
            raise CapacityError(f"person_skills names skill(s) {', '.join(unknown[:5])}, not in "
                                "the skills catalogue.")
        matrix = matrix.reindex(columns=list(skills["id"]), fill_value=0)
    matrix = matrix.astype(int)
    matrix.index.name, matrix.columns.name = "person", "skill"
    return matrix


def skill_coverage(matrix, level=3):
    """How well each skill is covered: who can do it alone, who is one step away, the single points.

    Returns, per skill: ``at_level`` (people at ``level`` or above), ``one_below`` (people at
    ``level - 1``, one course and some practice away), ``experts`` (level 4) and
    ``single_point`` (True when exactly one person holds the skill at ``level``: the
    organisation depends on one person, the first thing a skills matrix shows).

    >>> matrix = pd.DataFrame({"PDATA": [4, 2, 2], "REQ": [3, 3, 1]}, index=["A", "B", "C"])
    >>> skill_coverage(matrix)
           at_level  one_below  experts  single_point
    skill
    PDATA         1          2        1          True
    REQ           2          0        0         False
    """
    if not 1 <= level <= 4:
        raise CapacityError(f"level is {level!r}; valid: 1 to 4.")
    table = pd.DataFrame({
        "at_level": (matrix >= level).sum(),
        "one_below": (matrix == level - 1).sum(),
        "experts": (matrix == 4).sum(),
    })
    table["single_point"] = table["at_level"] == 1
    table.index.name = "skill"
    return table


# --- months and capacity ----------------------------------------------------------------------


def _month(value, what="month"):
    if isinstance(value, pd.Period):
        return f"{value.year}-{value.month:02d}"
    if not re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", str(value).strip()):
        raise CapacityError(f"{what} {value!r} is not a month; valid: YYYY-MM, e.g. 2026-11.")
    return str(value).strip()


def months(first, last):
    """The months from ``first`` to ``last``, both included, written ``YYYY-MM``.

    >>> months("2026-11", "2027-02")
    ['2026-11', '2026-12', '2027-01', '2027-02']
    """
    a, b = pd.Period(_month(first), freq="M"), pd.Period(_month(last), freq="M")
    if b < a:
        raise CapacityError(f"the last month {b} is before the first {a}.")
    return [f"{p.year}-{p.month:02d}" for p in pd.period_range(a, b, freq="M")]


def working_days_in(month, calendar=None):
    """The working days of a month on a calendar (Monday to Friday less its holidays).

    >>> from pmo_lessons.calendars import Calendar
    >>> working_days_in("2026-05"), working_days_in("2026-05", Calendar(holidays=["2026-05-01",
    ...     "2026-05-08", "2026-05-14", "2026-05-25"]))
    (21, 17)
    """
    calendar = as_calendar(calendar)
    period = pd.Period(_month(month), freq="M")
    return len(calendar.working_days(period.start_time, period.end_time.normalize()))


def _absent_days(absences, people_ids, month_list, calendar):
    """person x month working days absent."""
    table = pd.DataFrame(0.0, index=pd.Index(people_ids, name="person"), columns=month_list)
    if absences is None or len(absences) == 0:
        return table
    require_columns(absences, ["person", "start_date", "end_date"], "absences", CapacityError)
    known = set(people_ids)
    first = pd.Period(month_list[0], freq="M").start_time
    last = pd.Period(month_list[-1], freq="M").end_time.normalize()
    for pos, (person, start, end) in enumerate(zip(absences["person"], absences["start_date"],
                                                   absences["end_date"])):
        if person not in known:
            raise CapacityError(f"absences, row {pos + 2}: {person!r} is not a person of people.")
        start, end = pd.Timestamp(start), pd.Timestamp(end)
        if end < start:
            raise CapacityError(f"absences, row {pos + 2}: {person} ends on {end.date()} before "
                                f"starting on {start.date()}.")
        days = calendar.working_days(max(start, first), min(end, last))
        if len(days):
            counts = pd.Series(1, index=days).groupby(days.strftime("%Y-%m")).sum()
            for month, count in counts.items():
                table.at[person, month] += count
    return table


def person_capacity(people, absences=None, months=None, calendar=None):
    """Each person's person-days for projects, month by month.

    ``fte x (1 - bau_share) x`` (the month's working days ``-`` the working days they are
    absent). ``people`` has ``id, role, fte, bau_share``; ``absences`` (optional) ``person,
    start_date, end_date``; ``months`` is a list of ``YYYY-MM``.

    >>> people = pd.DataFrame({"id": ["P1"], "role": ["DE"], "fte": [1.0], "bau_share": [0.2]})
    >>> away = pd.DataFrame({"person": ["P1"], "start_date": ["2026-03-02"],
    ...                      "end_date": ["2026-03-06"]})
    >>> person_capacity(people, away, ["2026-03", "2026-04"])   # (22 - 5) x 0.8, 22 x 0.8
    month   2026-03  2026-04
    person
    P1         13.6     17.6
    """
    require_columns(people, ["id", "role", "fte", "bau_share"], "people", CapacityError)
    if not months:
        raise CapacityError("months is empty; give the months to plan, e.g. months('2026-10', '2027-03').")
    month_list = [_month(m) for m in months]
    calendar = as_calendar(calendar)
    for pos, (pid, fte, bau) in enumerate(zip(people["id"], people["fte"], people["bau_share"])):
        if not (0 <= fte <= 1 and 0 <= bau <= 1):
            raise CapacityError(f"people, row {pos + 2} ({pid}): fte {fte!r} and bau_share {bau!r}; "
                                "valid: both from 0 to 1.")
    ids = list(people["id"])
    worked = np.array([working_days_in(m, calendar) for m in month_list], dtype=float)
    absent = _absent_days(absences, ids, month_list, calendar).to_numpy()
    share = (people["fte"] * (1 - people["bau_share"])).to_numpy(dtype=float)[:, None]
    values = np.round(share * np.clip(worked[None, :] - absent, 0, None), 6)
    table = pd.DataFrame(values, index=pd.Index(ids, name="person"),
                         columns=pd.Index(month_list, name="month"))
    return table


def role_capacity(people, absences=None, months=None, calendar=None):
    """Person-days for projects of each role per month: the sum of its people's (:func:`person_capacity`).

    Rows follow the order in which roles first appear in ``people``.

    >>> people = pd.DataFrame({"id": ["P1", "P2", "P3"], "role": ["QA", "QA", "SEC"],
    ...                        "fte": [1.0, 1.0, 1.0], "bau_share": [0.2, 0.0, 0.5]})
    >>> role_capacity(people, months=["2026-02"])
    month  2026-02
    role
    QA        36.0
    SEC       10.0
    """
    table = person_capacity(people, absences, months, calendar)
    roles = pd.Series(list(people["role"]), index=table.index)
    grouped = table.groupby(roles, sort=False).sum()
    grouped.index.name = "role"
    return grouped


# --- demand ---------------------------------------------------------------------------------


def role_demand(tasks, assignments, projects, calendar=None, delays=None, status_date=None):
    """The portfolio's demand: person-days of each role per project and month, from the plans.

    Each project's network (``tasks`` with ``id, project, duration, predecessors``) is scheduled
    with :func:`~pmo_lessons.schedule.cpm` and dated on ``calendar`` from its ``start_date`` in
    ``projects``; a task with ``units`` people of a role (``assignments``: ``task_id, resource,
    units``) asks for them on each of its working days, at its early dates.

    ``delays`` ({project: working days}) re-dates a project: its working days after
    ``status_date`` (all of them without one) move that many working days later, or earlier
    when negative; the work itself does not change. It is how a forecast (:func:`forecast_delays`)
    or a decision to start later moves the demand.

    Returns a long table ``project, role, month, person_days``, in the order of ``projects``,
    then of the roles as ``assignments`` first names them, then of the months.

    >>> tasks = pd.DataFrame({"id": ["A", "B"], "project": ["X", "X"], "duration": [3, 2],
    ...                       "predecessors": ["", "A"]})
    >>> assignments = pd.DataFrame({"task_id": ["A", "B"], "resource": ["BA", "BA"], "units": [2, 1]})
    >>> projects = pd.DataFrame({"id": ["X"], "start_date": ["2026-03-26"]})
    >>> role_demand(tasks, assignments, projects)   # A: 26, 27, 30 Mar; B: 31 Mar, 1 Apr
      project role    month  person_days
    0       X   BA  2026-03          7.0
    1       X   BA  2026-04          1.0
    """
    require_columns(tasks, ["id", "project", "duration"], "tasks", CapacityError)
    require_columns(assignments, ["task_id", "resource", "units"], "assignments", CapacityError)
    require_columns(projects, ["id", "start_date"], "projects", CapacityError)
    calendar = as_calendar(calendar)
    delays = dict(delays or {})
    unknown = sorted(set(delays) - set(projects["id"]))
    if unknown:
        raise CapacityError(f"delays name project(s) {', '.join(unknown)}, not in projects.")
    status = None if status_date is None else pd.Timestamp(status_date)
    project_of = dict(zip(tasks["id"], tasks["project"]))
    missing = sorted(set(assignments["task_id"]) - set(project_of))
    if missing:
        raise CapacityError(f"assignments name task(s) {', '.join(missing[:5])}, not in tasks.")
    role_order = {r: k for k, r in enumerate(pd.unique(assignments["resource"]))}
    rows = []
    for order, (pid, start) in enumerate(zip(projects["id"], projects["start_date"])):
        own = tasks[tasks["project"] == pid]
        if own.empty:
            continue
        schedule = cpm(own)
        end = int(math.ceil(schedule["ef"].max() - _EPS))
        first = calendar.working_day(start, 0)
        days = calendar.working_days(first, calendar.working_day(first, max(end, 1) + 400))[:end]
        dates = pd.DatetimeIndex(days)
        shift = int(delays.get(pid, 0))
        if shift:
            moved = dates > status if status is not None else np.ones(len(dates), dtype=bool)
            dates = pd.DatetimeIndex([calendar.working_day(d, shift) if m else d
                                      for d, m in zip(dates, moved)])
        labels = np.asarray(dates.strftime("%Y-%m"))
        es = dict(zip(schedule.index, schedule["es"]))
        ef = dict(zip(schedule.index, schedule["ef"]))
        mine = assignments[assignments["task_id"].map(project_of) == pid]
        for task_id, role, units in zip(mine["task_id"], mine["resource"], mine["units"]):
            a, b = int(round(es[task_id])), int(round(ef[task_id]))
            for month in labels[a:b]:
                rows.append((order, pid, role_order[role], role, month, float(units)))
    if not rows:
        return pd.DataFrame(columns=["project", "role", "month", "person_days"])
    frame = pd.DataFrame(rows, columns=["order", "project", "rank", "role", "month", "units"])
    table = (frame.groupby(["order", "project", "rank", "role", "month"], sort=True)["units"].sum()
             .reset_index().rename(columns={"units": "person_days"}))
    return table[["project", "role", "month", "person_days"]].reset_index(drop=True)


def forecast_delays(tasks, projects, milestones, calendar=None):
    """Each project's forecast slip at its end, in working days: the forecast against the baseline.

    The end of a project is its milestone with the latest early date; its baseline date is the
    end of the last working day before it (the kit's convention for milestones, lesson 1), and
    the project manager's forecast (``milestones``: ``task_id, forecast_date`` or, once reached,
    ``accepted_date``) gives the other. Positive: late; negative: early. Use it as
    :func:`role_demand`'s ``delays`` with the status date: a first cut of the forward demand that
    moves the work still ahead by the project's slip (it does not add the work a late project
    has not done yet: ask its project manager for a re-plan).

    >>> tasks = pd.DataFrame({"id": ["A", "END"], "project": ["X", "X"], "duration": [5, 0],
    ...                       "predecessors": ["", "A"]})
    >>> projects = pd.DataFrame({"id": ["X"], "start_date": ["2026-03-02"]})
    >>> log = pd.DataFrame({"task_id": ["END"], "forecast_date": ["2026-03-11"]})
    >>> forecast_delays(tasks, projects, log)   # baseline Fri 6 Mar, forecast Wed 11 Mar
    {'X': 3}
    """
    require_columns(milestones, ["task_id"], "milestones", CapacityError)
    calendar = as_calendar(calendar)
    forecast = {}
    for column in ("accepted_date", "forecast_date"):
        if column in milestones.columns:
            for task_id, value in zip(milestones["task_id"], milestones[column]):
                if not pd.isna(value) and str(value) != "":
                    forecast[task_id] = pd.Timestamp(value)
    delays = {}
    for pid, start in zip(projects["id"], projects["start_date"]):
        own = tasks[tasks["project"] == pid]
        if own.empty:
            continue
        schedule = cpm(own)
        ends = schedule[schedule["duration"] == 0]
        if ends.empty:
            continue
        end = ends["es"].idxmax()
        if end not in forecast:
            continue
        baseline = calendar.working_day(start, max(int(round(ends.at[end, "es"])) - 1, 0))
        when = forecast[end]
        delays[pid] = (calendar.working_days_between(baseline, when) if when >= baseline
                       else -calendar.working_days_between(when, baseline))
    return delays


def candidate_demand(candidate, start=None, calendar=None):
    """A proposal's demand from its rough-cut plan: people of a role per month, as person-days.

    ``candidate`` has ``project, role, month, fte`` (and ``skill, level``, kept when present):
    ``fte`` people of the role on each working day of the month. ``start`` (``YYYY-MM``) moves
    the plan so that its first month is ``start``, keeping the gaps between its months.

    >>> plan = pd.DataFrame({"project": ["NEW", "NEW"], "role": ["BA", "BA"],
    ...                      "month": ["2026-11", "2026-12"], "fte": [1.0, 0.5]})
    >>> candidate_demand(plan, start="2027-02")[["month", "person_days"]]
         month  person_days
    0  2027-02         20.0
    1  2027-03         11.5
    """
    require_columns(candidate, ["project", "role", "month", "fte"], "the candidate's plan",
                    CapacityError)
    calendar = as_calendar(calendar)
    table = candidate.reset_index(drop=True).copy()
    periods = [pd.Period(_month(m, "candidate month"), freq="M") for m in table["month"]]
    if start is not None and periods:
        offset = (pd.Period(_month(start, "start"), freq="M") - min(periods)).n
        periods = [p + offset for p in periods]
    table["month"] = [f"{p.year}-{p.month:02d}" for p in periods]
    negative = table[table["fte"] < 0]
    if len(negative):
        raise CapacityError(f"the candidate's plan asks for {negative['fte'].iloc[0]} {negative['role'].iloc[0]} "
                            "people; valid: a number of people >= 0.")
    table["person_days"] = [round(fte * working_days_in(m, calendar), 6)
                            for fte, m in zip(table["fte"], table["month"])]
    keep = [c for c in ("project", "role", "skill", "level", "month", "person_days") if c in table.columns]
    return table[keep]


def demand_table(demand, months=None, roles=None):
    """Role x month person-days from a long demand table (``role, month, person_days``).

    ``months`` and ``roles`` fix the columns and rows (absent ones are 0).

    >>> long = pd.DataFrame({"project": ["X", "Y"], "role": ["BA", "BA"],
    ...                      "month": ["2026-03", "2026-04"], "person_days": [7.0, 3.0]})
    >>> demand_table(long, months=["2026-03", "2026-04", "2026-05"])
    month  2026-03  2026-04  2026-05
    role
    BA         7.0      3.0      0.0
    """
    require_columns(demand, ["role", "month", "person_days"], "demand", CapacityError)
    table = demand.pivot_table(index="role", columns="month", values="person_days", aggfunc="sum",
                               fill_value=0.0, sort=False)
    if months is not None:
        table = table.reindex(columns=[_month(m) for m in months], fill_value=0.0)
    else:
        table = table.reindex(columns=sorted(table.columns))
    if roles is not None:
        table = table.reindex(list(roles), fill_value=0.0)
    table = table.astype(float)
    table.index.name, table.columns.name = "role", "month"
    return table


# --- the gap and the scenario -------------------------------------------------------------


def _status(utilisation, tight):
    if utilisation > 1 + _EPS:
        return "over"
    if utilisation >= tight - _EPS:
        return "tight"
    return "ok"


def capacity_gap(capacity, demand, tight=TIGHT):
    """Capacity against demand for every role and month: the gap, the utilisation, the status.

    ``capacity`` and ``demand`` are role x month tables in person-days (:func:`role_capacity`,
    :func:`demand_table`); the demand's roles and months must be in the capacity's. Returns a
    long table ``role, month, capacity, demand, gap`` (capacity - demand, negative when short),
    ``utilisation`` (demand / capacity; infinite when demand meets no capacity) and ``status``:
    ``"over"`` above 100 %, ``"tight"`` from ``tight``, ``"ok"`` below.

    >>> capacity = pd.DataFrame({"2026-10": [100.0], "2026-11": [80.0]}, index=["QA"])
    >>> demand = pd.DataFrame({"2026-10": [95.0], "2026-11": [90.0]}, index=["QA"])
    >>> capacity_gap(capacity, demand)
      role    month  capacity  demand   gap  utilisation status
    0   QA  2026-10     100.0    95.0   5.0        0.950  tight
    1   QA  2026-11      80.0    90.0 -10.0        1.125   over
    """
    if not 0 < tight <= 1:
        raise CapacityError(f"tight is {tight!r}; valid: a share in (0, 1], e.g. 0.9.")
    unknown = [r for r in demand.index if r not in capacity.index]
    if unknown:
        raise CapacityError(f"the demand asks for role(s) {', '.join(map(str, unknown))} that the "
                            "capacity does not have; valid: roles of the capacity table.")
    outside = [m for m in demand.columns if m not in capacity.columns]
    if outside:
        raise CapacityError(f"the demand runs in month(s) {', '.join(map(str, outside[:4]))} outside "
                            f"the capacity's ({capacity.columns[0]} to {capacity.columns[-1]}); "
                            "compute the capacity for those months too.")
    aligned = demand.reindex(index=capacity.index, columns=capacity.columns, fill_value=0.0)
    rows = []
    for role in capacity.index:
        for month in capacity.columns:
            have, need = float(capacity.at[role, month]), float(aligned.at[role, month])
            used = need / have if have > _EPS else (math.inf if need > _EPS else 0.0)
            rows.append((role, month, round(have, 6), round(need, 6), round(have - need, 6),
                         round(used, 4) if math.isfinite(used) else used, _status(used, tight)))
    return pd.DataFrame(rows, columns=["role", "month", "capacity", "demand", "gap", "utilisation",
                                       "status"])


def take_on(capacity, demand, candidate, tight=TIGHT):
    """"Can we take on this project?": every role and month, before and with the candidate.

    ``capacity``, ``demand`` and ``candidate`` are role x month person-days (the candidate's from
    :func:`candidate_demand` through :func:`demand_table`). Returns :func:`capacity_gap`'s columns
    for the portfolio with the candidate, plus ``candidate`` (its person-days), ``status_before``
    and ``breaks``: True where the role-month is over capacity with the candidate and was not
    without it. ``status`` and ``status_before`` together tell the three cases apart: the
    candidate breaks the role (``breaks``), the role was over already (both ``"over"``), or it fits.

    >>> capacity = pd.DataFrame({"2026-11": [40.0], "2026-12": [30.0]}, index=["DE"])
    >>> demand = pd.DataFrame({"2026-11": [20.0], "2026-12": [25.0]}, index=["DE"])
    >>> pim = pd.DataFrame({"2026-12": [10.0]}, index=["DE"])
    >>> take_on(capacity, demand, pim)[["month", "candidate", "status_before", "status", "breaks"]]
         month  candidate status_before status  breaks
    0  2026-11        0.0            ok     ok   False
    1  2026-12       10.0            ok   over    True
    """
    before = capacity_gap(capacity, demand, tight)
    combined = demand.add(candidate, fill_value=0.0)
    after = capacity_gap(capacity, combined, tight)
    extra = candidate.reindex(index=capacity.index, columns=capacity.columns, fill_value=0.0)
    after.insert(4, "candidate", [round(float(extra.at[r, m]), 6)
                                  for r, m in zip(after["role"], after["month"])])
    after["status_before"] = before["status"].to_numpy()
    after["breaks"] = (after["status"] == "over") & (after["status_before"] != "over")
    return after


def which_roles_break(scenario):
    """The roles a candidate breaks, and the roles that were over already where it adds work.

    From :func:`take_on`: one row per role that is over capacity in a month where the candidate
    asks for it, with ``first_month``, ``months`` (how many), ``shortfall`` (person-days above
    capacity in those months, with the candidate) and ``cause``: ``"the candidate"`` when the
    role was within capacity before in every such month, ``"already over"`` when it was over in
    all of them, ``"both"`` otherwise.

    >>> capacity = pd.DataFrame({"2026-11": [40.0], "2026-12": [30.0]}, index=["DE"])
    >>> demand = pd.DataFrame({"2026-11": [20.0], "2026-12": [25.0]}, index=["DE"])
    >>> pim = pd.DataFrame({"2026-12": [10.0]}, index=["DE"])
    >>> which_roles_break(take_on(capacity, demand, pim))
      role first_month  months  shortfall          cause
    0   DE     2026-12       1        5.0  the candidate
    """
    hit = scenario[(scenario["candidate"] > _EPS) & (scenario["status"] == "over")]
    rows = []
    for role, group in hit.groupby("role", sort=False):
        caused = group["breaks"].to_numpy()
        cause = "the candidate" if caused.all() else "already over" if not caused.any() else "both"
        rows.append((role, group["month"].min(), len(group), round(float(-group["gap"].sum()), 6), cause))
    return pd.DataFrame(rows, columns=["role", "first_month", "months", "shortfall", "cause"])


# --- skills --------------------------------------------------------------------------------


def skill_demand(demand, role_skills=None):
    """The demand by skill: each project's role demand split over the skills its work needs.

    ``demand`` is long (``project, role, month, person_days``); ``role_skills`` has ``project,
    role, skill, level, share`` (the shares of a project's role add up to 1). A demand that
    already has ``skill`` and ``level`` (a candidate's plan) is kept as it is. Work of a project's
    role that ``role_skills`` does not describe is left out, and listed in
    ``result.attrs["undescribed"]``.

    >>> demand = pd.DataFrame({"project": ["X"], "role": ["BA"], "month": ["2026-03"],
    ...                        "person_days": [10.0]})
    >>> needs = pd.DataFrame({"project": ["X", "X"], "role": ["BA", "BA"], "skill": ["FIN", "SCM"],
    ...                       "level": [3, 2], "share": [0.6, 0.4]})
    >>> skill_demand(demand, needs)
      project role skill  level    month  person_days
    0       X   BA   FIN      3  2026-03          6.0
    1       X   BA   SCM      2  2026-03          4.0
    """
    require_columns(demand, ["project", "role", "month", "person_days"], "demand", CapacityError)
    columns = ["project", "role", "skill", "level", "month", "person_days"]
    if {"skill", "level"} <= set(demand.columns):
        out = demand[columns].reset_index(drop=True)
        out.attrs["undescribed"] = []
        return out
    if role_skills is None:
        raise CapacityError("this demand has no skill column; give role_skills (project, role, "
                            "skill, level, share) to split it by skill.")
    require_columns(role_skills, ["project", "role", "skill", "level", "share"], "role_skills",
                    CapacityError)
    merged = demand.merge(role_skills, on=["project", "role"], how="left")
    undescribed = sorted({(p, r) for p, r, s in zip(merged["project"], merged["role"], merged["skill"])
                          if pd.isna(s)})
    merged = merged.dropna(subset=["skill"])
    merged["person_days"] = (merged["person_days"] * merged["share"]).round(6)
    merged["level"] = merged["level"].astype(int)
    out = merged[columns].reset_index(drop=True)
    out.attrs["undescribed"] = undescribed
    return out


def skill_gap(skill_demand_table, capacity_by_person, people, matrix, months=None):
    """Can the people who hold a skill do the work that needs it? Per role, skill, level and month.

    For each ``(role, skill, level)`` the demand asks for, the demand is the person-days of that
    role needing the skill at ``level`` **or above**, and the supply the person-days (for
    projects, :func:`person_capacity`) of the role's people whose level is at least ``level``.
    ``shortfall`` is ``demand - supply`` when positive. The supply is an upper bound: a person
    who holds several skills is counted in each, as they could do any of that work, not all of it.

    >>> people = pd.DataFrame({"id": ["A", "B"], "role": ["BA", "BA"]})
    >>> matrix = pd.DataFrame({"PDATA": [3, 2]}, index=["A", "B"])
    >>> cap = pd.DataFrame({"2026-11": [16.0, 16.0]}, index=["A", "B"])
    >>> need = pd.DataFrame({"project": ["PIM"], "role": ["BA"], "skill": ["PDATA"], "level": [3],
    ...                      "month": ["2026-11"], "person_days": [30.0]})
    >>> skill_gap(need, cap, people, matrix)
      role  skill  level    month  demand  supply  shortfall
    0   BA  PDATA      3  2026-11    30.0    16.0       14.0
    """
    require_columns(skill_demand_table, ["role", "skill", "level", "month", "person_days"],
                    "the skill demand", CapacityError)
    month_list = list(capacity_by_person.columns) if months is None else [_month(m) for m in months]
    role_of = dict(zip(people["id"], people["role"]))
    rows = []
    keys = skill_demand_table[["role", "skill", "level"]].drop_duplicates()
    for role, skill, level in sorted(keys.itertuples(index=False), key=lambda k: (k[0], k[1], k[2])):
        asks = skill_demand_table[(skill_demand_table["role"] == role)
                                  & (skill_demand_table["skill"] == skill)
                                  & (skill_demand_table["level"] >= level)]
        by_month = asks.groupby("month")["person_days"].sum()
        holders = [p for p in capacity_by_person.index if role_of.get(p) == role
                   and skill in matrix.columns and p in matrix.index and matrix.at[p, skill] >= level]
        for month in month_list:
            need = float(by_month.get(month, 0.0))
            if need <= _EPS:
                continue
            have = float(capacity_by_person.loc[holders, month].sum()) if holders else 0.0
            rows.append((role, skill, int(level), month, round(need, 6), round(have, 6),
                         round(max(0.0, need - have), 6)))
    return pd.DataFrame(rows, columns=["role", "skill", "level", "month", "demand", "supply",
                                       "shortfall"])


# --- staffing ------------------------------------------------------------------------------


def availability(capacity_by_person, people, capacity, demand, calendar=None):
    """Each person's free time for a new project, in people per working day (FTE), per month.

    Named assignments to the running projects are not in the data (the plans name roles), so
    the kit shares a role's free capacity among its people in proportion to their own: a person
    is free ``person-days x max(0, 1 - demand / capacity of the role)``, divided by the month's
    working days. ``capacity_by_person`` is :func:`person_capacity`, ``capacity`` and ``demand``
    role x month person-days.

    >>> cap = pd.DataFrame({"2026-02": [16.0, 8.0]}, index=["A", "B"])
    >>> people = pd.DataFrame({"id": ["A", "B"], "role": ["BA", "BA"]})
    >>> roles = pd.DataFrame({"2026-02": [24.0]}, index=["BA"])
    >>> demand = pd.DataFrame({"2026-02": [12.0]}, index=["BA"])
    >>> availability(cap, people, roles, demand)["2026-02"].tolist()  # half free; 20 working days
    [0.4, 0.2]
    """
    calendar = as_calendar(calendar)
    role_of = dict(zip(people["id"], people["role"]))
    aligned = demand.reindex(index=capacity.index, columns=capacity.columns, fill_value=0.0)
    free_share = (1 - aligned / capacity.where(capacity > _EPS)).clip(lower=0).fillna(0.0)
    out = capacity_by_person.copy().astype(float)
    for month in out.columns:
        days = working_days_in(month, calendar)
        for person in out.index:
            role = role_of.get(person)
            share = float(free_share.at[role, month]) if role in free_share.index else 0.0
            out.at[person, month] = round(out.at[person, month] * share / days, 4) if days else 0.0
    out.index.name, out.columns.name = "person", "month"
    return out


def staffing_requests(candidate, slot=0.5):
    """The named roles to staff on a candidate project, from its rough-cut plan.

    Each ``(role, skill, level)`` of the plan becomes as many requests as its peak month needs
    slots of ``slot`` people (the last one smaller when the peak is not a multiple); slot ``k``
    runs in the months that ask for more than ``k - 1`` slots (the first in every month of the
    line, the last only at the peak). Requests keep the plan's order.

    >>> plan = pd.DataFrame({"project": "PIM", "role": ["DEV"] * 2, "skill": "INTEG", "level": 3,
    ...                      "month": ["2027-01", "2027-02"], "fte": [1.0, 0.8]})
    >>> staffing_requests(plan)[["request", "role", "skill", "level", "fte", "months"]]
             request role  skill  level  fte             months
    0  PIM-DEV-INTEG-1  DEV  INTEG      3  0.5  2027-01, 2027-02
    1  PIM-DEV-INTEG-2  DEV  INTEG      3  0.5  2027-01, 2027-02
    """
    require_columns(candidate, ["project", "role", "skill", "level", "month", "fte"],
                    "the candidate's plan", CapacityError)
    if not slot > 0:
        raise CapacityError(f"slot is {slot!r}; valid: a share of a person > 0, e.g. 0.5.")
    rows = []
    keys = list(dict.fromkeys(zip(candidate["project"], candidate["role"], candidate["skill"],
                                  candidate["level"])))
    for project, role, skill, level in keys:
        line = candidate[(candidate["project"] == project) & (candidate["role"] == role)
                         & (candidate["skill"] == skill) & (candidate["level"] == level)
                         & (candidate["fte"] > _EPS)]
        if line.empty:
            continue
        peak = float(line["fte"].max())
        count = int(math.ceil(peak / slot - _EPS))
        for k in range(count):
            size = round(min(slot, peak - k * slot), 6)
            active = ", ".join(sorted(_month(m) for m, fte in zip(line["month"], line["fte"])
                                      if fte > k * slot + _EPS))
            rows.append((f"{project}-{role}-{skill}-{k + 1}", project, role, skill, int(level), size,
                         active))
    return pd.DataFrame(rows, columns=["request", "project", "role", "skill", "level", "fte", "months"])


def _eligible(requests, free, people, matrix):
    """{(request index, person): level} for every person who can take a request alone."""
    role_of = dict(zip(people["id"], people["role"]))
    pairs = {}
    for r, (role, skill, level, fte, active) in enumerate(zip(
            requests["role"], requests["skill"], requests["level"], requests["fte"],
            requests["months"])):
        month_list = [m.strip() for m in str(active).split(",") if m.strip()]
        outside = [m for m in month_list if m not in free.columns]
        if outside:
            raise CapacityError(f"request {requests['request'].iloc[r]} runs in {outside[0]}, outside "
                                "the availability's months; compute it for those months too.")
        for person in free.index:
            if role_of.get(person) != role:
                continue
            held = int(matrix.at[person, skill]) if (person in matrix.index
                                                     and skill in matrix.columns) else 0
            if held < level:
                continue
            if float(free.loc[person, month_list].mean()) >= fte - _EPS:
                pairs[(r, person)] = held
    return pairs


def staff(requests, people, matrix, free, method="exact"):
    """Name a person for each request, by skill fit and availability: exactly, or greedily.

    A person can take a request when they have its role, hold its skill at its level or above
    (``matrix``, :func:`skills_matrix`) and are free for its ``fte`` on average over its months
    (``free``, :func:`availability`: a week of leave lowers a month a little, a long absence
    rules a person out); a person may take several requests as long as, month by month, the
    ``fte`` they take stays within their average free time over all the requests' months. The
    aim: cover **as much of the requested work as possible** (each request weighs its ``fte`` x
    its number of months), and among those staffings the one with the **highest total skill
    level** (the best fit).

    ``method="exact"`` solves it as an assignment problem, a 0-1 integer programme, with
    ``scipy.optimize.milp`` (the HiGHS solver; Huangfu and Hall, "Parallelizing the dual revised
    simplex method", *Mathematical Programming Computation* 10, 2018): one binary variable per
    eligible (request, person) pair; at most one person per request; per person and month, the
    ``fte`` taken at most the ``fte`` free; maximise the work covered times a weight larger than
    any total of levels, plus the total of levels. Without part-time requests this is the
    classic assignment problem of Kuhn's Hungarian method ("The Hungarian method for the
    assignment problem", *Naval Research Logistics Quarterly* 2, 1955), which
    ``scipy.optimize.linear_sum_assignment`` solves too (the tests check both agree).

    ``method="greedy"`` is how staffing is often done by hand: the requests in their order, each
    takes the eligible person with the highest level still free (ties: the most free, then the
    first listed). It can leave a request empty that the exact answer fills.

    Returns one row per request: ``request, role, skill, level, fte, person, name`` (``""`` when
    no one can take it) and ``person_level``.

    >>> requests = pd.DataFrame({"request": ["WEB", "INTEG"], "role": "DEV", "skill": ["WEB", "INTEG"],
    ...                          "level": [2, 3], "fte": 0.5, "months": "2027-01"})
    >>> people = pd.DataFrame({"id": ["K", "L"], "name": ["Kevin", "Lucie"], "role": "DEV"})
    >>> matrix = pd.DataFrame({"WEB": [4, 3], "INTEG": [4, 2]}, index=["K", "L"])
    >>> free = pd.DataFrame({"2027-01": [0.6, 0.6]}, index=["K", "L"])
    >>> staff(requests, people, matrix, free, method="greedy")[["request", "name"]]
      request   name
    0     WEB  Kevin
    1   INTEG
    >>> staff(requests, people, matrix, free)[["request", "name"]]
      request   name
    0     WEB  Lucie
    1   INTEG  Kevin
    """
    require_columns(requests, ["request", "role", "skill", "level", "fte", "months"], "requests",
                    CapacityError)
    require_columns(people, ["id", "role"], "people", CapacityError)
    if method not in ("exact", "greedy"):
        raise CapacityError(f"method is {method!r}; valid: 'exact' or 'greedy'.")
    requests = requests.reset_index(drop=True)
    pairs = _eligible(requests, free, people, matrix)
    month_of = [[m.strip() for m in str(a).split(",") if m.strip()] for a in requests["months"]]
    chosen = _exact(requests, free, pairs, month_of) if method == "exact" else \
        _greedy(requests, free, pairs, month_of)
    names = dict(zip(people["id"], people["name"])) if "name" in people.columns else {}
    out = requests[["request", "role", "skill", "level", "fte"]].copy()
    out["person"] = [chosen.get(r, "") for r in range(len(requests))]
    out["name"] = [names.get(p, p) if p else "" for p in out["person"]]
    out["person_level"] = [pairs.get((r, p), 0) if p else 0 for r, p in enumerate(out["person"])]
    return out


def _typical(free, month_of):
    """Each person's average free FTE over the months any request runs in."""
    used = sorted({m for months_ in month_of for m in months_})
    return free[used].mean(axis=1) if used else free.iloc[:, :0].sum(axis=1)


def _greedy(requests, free, pairs, month_of):
    typical = _typical(free, month_of)
    left = pd.DataFrame({m: typical for m in free.columns}).astype(float)
    chosen = {}
    for r in range(len(requests)):
        fte = float(requests["fte"].iloc[r])
        options = [(level, sum(left.at[p, m] for m in month_of[r]), -k, p)
                   for k, p in enumerate(free.index) if (r, p) in pairs
                   for level in [pairs[(r, p)]]
                   if all(left.at[p, m] >= fte - _EPS for m in month_of[r])]
        if not options:
            continue
        person = max(options)[3]
        chosen[r] = person
        for m in month_of[r]:
            left.at[person, m] -= fte
    return chosen


def _exact(requests, free, pairs, month_of):
    from scipy.optimize import Bounds, LinearConstraint, milp

    if not pairs:
        return {}
    keys = list(pairs)
    weight = 4 * len(requests) + 1  # more work covered outweighs any gain in levels
    work = [round(100 * float(requests["fte"].iloc[r]) * len(month_of[r])) for r in range(len(requests))]
    objective = -np.array([weight * work[k[0]] + pairs[k] for k in keys], dtype=float)
    rows, upper = [], []
    for r in range(len(requests)):
        row = np.array([1.0 if k[0] == r else 0.0 for k in keys])
        if row.any():
            rows.append(row)
            upper.append(1.0)
    typical = _typical(free, month_of)
    for person in free.index:
        for month in free.columns:
            row = np.array([float(requests["fte"].iloc[k[0]]) if k[1] == person and month in month_of[k[0]]
                            else 0.0 for k in keys])
            if np.count_nonzero(row) > 1:
                rows.append(row)
                upper.append(float(typical[person]) + _EPS)
    constraints = LinearConstraint(np.array(rows), -np.inf, np.array(upper))
    result = milp(objective, constraints=constraints, integrality=np.ones(len(keys)),
                  bounds=Bounds(0, 1))
    if not result.success:  # pragma: no cover - the all-zero staffing is always feasible
        raise CapacityError(f"the staffing could not be solved: {result.message}")
    return {keys[i][0]: keys[i][1] for i, x in enumerate(result.x) if x > 0.5}
