"""Dependencies between projects: what one project needs from another, and what moves when it is late.

Inside a project, links between tasks are the plan's business (:mod:`pmo_lessons.schedule`).
Between projects, the PMO keeps a **dependency register**: one row per deliverable that one
project hands to another, with the task that produces it and the task that needs it. The
register is a DataFrame with the columns of ``dependencies.csv``:

``id``
    the dependency's id (``D-01``);
``deliverable``
    what passes from one project to the other, as people say it;
``from_project``, ``from_task``
    the project that delivers, and its task that produces the deliverable;
``to_project``, ``to_task``
    the project that needs it, and its task that cannot go on without it;
``type``, ``lag`` (optional)
    how the two tasks are linked, as in a plan: ``FS`` (the default: ``to_task`` starts
    after ``from_task`` finishes), ``SS``, ``FF`` or ``SF``, and a lag in working days
    (default 0).

:func:`portfolio_schedule` puts every project's network on one working-day clock, counted
from the earliest project start, and adds the register's links: one critical path method
(CPM) pass over the whole portfolio. Each project keeps its own start date (a project cannot
start before it) and its own links; a dependency can only push a task later. Dates follow
:func:`pmo_lessons.schedule.to_dates`, from each project's own start: a project's schedule
in the portfolio is the one it has alone, unless a dependency pushes it.

:func:`dependency_slack` says, for each dependency, when the deliverable is promised, when it
is needed and how many working days lie between them (the **slack** of the link: how far the
producing task can slip before the consumer waits). Negative slack means the two plans
already disagree: the consumer counts on a date the producer does not promise.

:func:`slip_impact` answers the PMO's question "this task will be late by N working days:
which milestones of which projects move, and by how much?". It schedules the portfolio twice,
as planned and with the slips, and compares every milestone.

Two projects, the second needs the first's design (D1) before it builds (B1):

>>> import pandas as pd
>>> tasks = pd.DataFrame({
...     "id": ["A1", "A2", "AM", "B1", "B2", "BM"], "project": ["A", "A", "A", "B", "B", "B"],
...     "duration": [5, 10, 0, 3, 4, 0], "predecessors": ["", "A1", "A2", "", "B1", "B2"],
...     "milestone": [False, False, True, False, False, True]})
>>> projects = pd.DataFrame({"id": ["A", "B"], "start_date": ["2026-03-02", "2026-03-02"]})
>>> register = pd.DataFrame({"id": ["D1"], "deliverable": ["Design"], "from_project": ["A"],
...     "from_task": ["A1"], "to_project": ["B"], "to_task": ["B2"]})
>>> alone = portfolio_schedule(tasks, projects)  # each plan as its project wrote it
>>> dependency_slack(register, alone)[["id", "promised", "needed", "slack_days"]]
   id   promised     needed  slack_days
0  D1 2026-03-06 2026-03-05        -2.0
>>> impact = slip_impact(tasks, projects, register, {"A1": 3})
>>> impact.projects[["project", "milestones_moved", "largest_move_days", "warn"]]
  project  milestones_moved  largest_move_days  warn
0       A                 1                3.0  True
1       B                 1                3.0  True
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from .calendars import as_calendar
from .columns import require_columns
from .errors import InputError
from .schedule import LINK_TYPES, cpm, parse_predecessors, to_dates

__all__ = [
    "DependencyError",
    "DEPENDENCY_COLUMNS",
    "PORTFOLIO_START",
    "check_dependencies",
    "portfolio_schedule",
    "dependency_slack",
    "SlipImpact",
    "slip_impact",
]

#: The columns a dependency register needs (``type`` and ``lag`` are optional).
DEPENDENCY_COLUMNS = ("id", "deliverable", "from_project", "from_task", "to_project", "to_task")

#: The id of the node that starts the whole portfolio (day 0 of its clock); never a task id.
PORTFOLIO_START = "PORTFOLIO-START"

_EPS = 1e-9


class DependencyError(InputError):
    """A dependency register, or a portfolio of plans, that cannot be scheduled together."""


# --- checking the register ---------------------------------------------------------


def check_dependencies(dependencies, tasks):
    """The findings of a review of the dependency register: one row per problem, empty when sound.

    ``dependencies`` is a register (see the module's help), ``tasks`` the task table of every
    project (``id`` and ``project``, as ``tasks.csv``). Checks, each an ``error``:

    * ``unknown task``: ``from_task`` or ``to_task`` is not a task of the table;
    * ``wrong project``: the task belongs to another project than the row says;
    * ``same project``: both ends in one project (a link for the project's own plan, not the
      register);
    * ``link``: a ``type`` that is not FS, SS, FF or SF, or a ``lag`` that is not a number;
    * ``duplicate``: the same id twice, or the same two tasks linked twice.

    Returns a DataFrame ``id, check, severity, problem``.

    >>> import pandas as pd
    >>> tasks = pd.DataFrame({"id": ["A1", "B1"], "project": ["A", "B"]})
    >>> register = pd.DataFrame({"id": ["D1", "D2"], "deliverable": ["Design", "Data"],
    ...     "from_project": ["A", "A"], "from_task": ["A1", "A9"],
    ...     "to_project": ["B", "A"], "to_task": ["B1", "A1"]})
    >>> check_dependencies(register, tasks)[["id", "check"]]
       id          check
    0  D2   unknown task
    1  D2  same project
    """
    require_columns(dependencies, DEPENDENCY_COLUMNS, "the dependency register", DependencyError)
    require_columns(tasks, ["id", "project"], "tasks", DependencyError)
    project_of = dict(zip(tasks["id"].astype(str).str.strip(),
                          tasks["project"].astype(str).str.strip()))
    findings = []
    seen_ids, seen_pairs = {}, {}
    for position, row in enumerate(dependencies.to_dict("records")):
        dep = _text(row["id"]) or f"row {position + 2}"

        def add(check, problem, dep=dep):
            findings.append((dep, check, "error", problem))

        if dep in seen_ids:
            add("duplicate", f"{dep} appears on rows {seen_ids[dep] + 2} and {position + 2}; "
                "give each dependency its own id.")
        seen_ids.setdefault(dep, position)
        ends = {}
        for side in ("from", "to"):
            task, project = _text(row[f"{side}_task"]), _text(row[f"{side}_project"])
            ends[side] = (task, project)
            if task not in project_of:
                add("unknown task", f"{dep}: {side}_task {task!r} is not a task of the plans; "
                    f"name a task id of project {project or '?'} (such as {project or 'ERP'}-01).")
            elif project_of[task] != project:
                add("wrong project", f"{dep}: {side}_task {task} belongs to project "
                    f"{project_of[task]}, not {project!r}; fix {side}_project or the task.")
        if ends["from"][1] and ends["from"][1] == ends["to"][1]:
            add("same project", f"{dep}: both ends are in project {ends['from'][1]}; a link "
                "inside a project belongs in its plan (the predecessors column), not in the "
                "register of dependencies between projects.")
        try:
            _link_of(row)
        except DependencyError as error:
            add("link", str(error))
        pair = (ends["from"][0], ends["to"][0])
        if pair in seen_pairs:
            add("duplicate", f"{dep} links {pair[0]} to {pair[1]}, as {seen_pairs[pair]} does "
                "already; keep one row per pair of tasks.")
        seen_pairs.setdefault(pair, dep)
    return pd.DataFrame(findings, columns=["id", "check", "severity", "problem"])


# --- the portfolio on one clock ----------------------------------------------------------


def portfolio_schedule(tasks, projects, dependencies=None, calendar=None, slips=None):
    """Every project's plan, and the dependencies between them, scheduled together by CPM.

    Args:
        tasks: the task table of every project: ``id``, ``project``, ``duration`` (working
            days) and ``predecessors`` (links inside the project only), as ``tasks.csv``;
            ``name`` and ``milestone`` are carried along when present.
        projects: one row per project with ``id`` and ``start_date``.
        dependencies: the dependency register (see the module's help), or ``None``.
        calendar: the working-day :class:`~pmo_lessons.calendars.Calendar` (weekends only
            when ``None``; pass Meridian's holidays for the company's dates).
        slips: ``{task id: working days}``, tasks that take that much longer than planned
            (a negative number: shorter); milestones take no time and cannot slip.

    Returns:
        A DataFrame indexed by task id, in the order of ``tasks``: ``project``, ``name``,
        ``milestone``, ``duration``, ``es`` and ``ef`` on the portfolio's clock (working
        days from the earliest project start), ``start_date`` and ``finish_date`` (as
        :func:`~pmo_lessons.schedule.to_dates` dates them, from the project's own start).

    Raises:
        DependencyError: a missing column, a project with no task or no start date, a task
            of an unknown project, a link inside the plans to another project, a slip of an
            unknown task or of a milestone, a register that does not check
            (:func:`check_dependencies`), or links that form a cycle across projects.

    The forward pass is the CPM of :func:`pmo_lessons.schedule.cpm` (PMI, *Practice
    Standard for Scheduling*, 3rd ed., 2019, section 4.7) on one network: a start node
    (:data:`PORTFOLIO_START`) linked to each project's first tasks with a lag equal to the
    project's offset in working days, the projects' own links, and the register's links.

    >>> import pandas as pd
    >>> tasks = pd.DataFrame({"id": ["A1", "B1"], "project": ["A", "B"], "duration": [5, 3],
    ...                       "predecessors": ["", ""]})
    >>> projects = pd.DataFrame({"id": ["A", "B"], "start_date": ["2026-03-02", "2026-03-09"]})
    >>> portfolio_schedule(tasks, projects)[["project", "es", "ef", "start_date", "finish_date"]]
       project   es    ef start_date finish_date
    id
    A1       A  0.0   5.0 2026-03-02  2026-03-06
    B1       B  5.0   8.0 2026-03-09  2026-03-11
    """
    calendar = as_calendar(calendar)
    plan = _read_plan(tasks)
    starts = _read_starts(projects, plan, calendar)
    origin = min(starts.values())
    offsets = {p: calendar.working_days_between(origin, day) for p, day in starts.items()}
    durations = dict(zip(plan["id"], plan["duration"]))
    for task_id, days in (slips or {}).items():
        task_id = str(task_id).strip()
        if task_id not in durations:
            raise DependencyError(f"Cannot slip {task_id!r}: it is not a task of the plans.")
        if durations[task_id] == 0:
            raise DependencyError(
                f"{task_id} is a milestone: it takes no time, so it cannot slip by itself. "
                "Slip the task before it that runs late.")
        number = _number(days, f"the slip of {task_id}")
        if durations[task_id] + number < 0:
            raise DependencyError(f"A slip of {number:g} days would give {task_id} a negative "
                                  f"duration (it lasts {durations[task_id]:g}).")
        durations[task_id] += number
    links = _project_links(plan, offsets)
    if dependencies is not None:
        findings = check_dependencies(dependencies, plan)
        if len(findings):
            raise DependencyError("The dependency register does not check: "
                                  + " ".join(findings["problem"]))
        for row in dependencies.to_dict("records"):
            link_type, lag = _link_of(row)
            links.append((_text(row["from_task"]), _text(row["to_task"]), link_type, lag))
    network = pd.DataFrame({"id": [PORTFOLIO_START, *plan["id"]],
                            "duration": [0.0, *(durations[t] for t in plan["id"])]})
    link_table = pd.DataFrame(links, columns=["predecessor", "successor", "type", "lag"])
    try:
        scheduled = cpm(network, links=link_table)
    except InputError as error:
        raise DependencyError(f"The plans and the dependencies cannot be scheduled together: "
                              f"{error}") from None
    scheduled = scheduled.drop(index=PORTFOLIO_START)
    result = plan.set_index("id")[["project", "name", "milestone"]].copy()
    result["duration"] = scheduled["duration"]
    result["es"], result["ef"] = scheduled["es"], scheduled["ef"]
    starts_of, finishes_of = {}, {}
    for project, day in starts.items():
        own = result.index[result["project"] == project]
        local = scheduled.loc[own, ["duration", "es", "ef", "lf"]] - [0, offsets[project],
                                                                       offsets[project],
                                                                       offsets[project]]
        dated = to_dates(local, day, calendar.holidays, calendar.weekmask)
        starts_of.update(dated["start_date"].to_dict())
        finishes_of.update(dated["finish_date"].to_dict())
    result["start_date"] = pd.to_datetime([starts_of[t] for t in result.index])
    result["finish_date"] = pd.to_datetime([finishes_of[t] for t in result.index])
    result.attrs["origin"] = origin
    return result


def dependency_slack(dependencies, schedule):
    """Each dependency with its promised and needed dates and the slack between them.

    ``schedule`` is :func:`portfolio_schedule` of the same plans. For a finish-to-start link,
    ``promised`` is the day the producing task finishes (its last working day) and ``needed``
    the day the consuming task starts; ``slack_days`` is how many working days the producer
    can slip before the consumer waits: the consumer's early start minus the producer's early
    finish and the lag. For SS, FF and SF links, the ends the link ties, as
    :func:`pmo_lessons.schedule.cpm` reads them (``needed`` is then the consumer's finish for
    FF and SF, ``promised`` the producer's start for SS and SF).

    On the plans scheduled **without** the register (``portfolio_schedule(tasks, projects)``)
    a negative slack means the plans disagree: the consumer counts on the deliverable before
    its producer promises it. With the register, the schedule has pushed the consumer, and the
    slack is never negative.

    Returns the register with ``promised``, ``needed`` (dates) and ``slack_days``.

    >>> import pandas as pd
    >>> tasks = pd.DataFrame({"id": ["A1", "B1"], "project": ["A", "B"], "duration": [5, 3],
    ...                       "predecessors": ["", ""]})
    >>> projects = pd.DataFrame({"id": ["A", "B"], "start_date": ["2026-03-02", "2026-03-16"]})
    >>> register = pd.DataFrame({"id": ["D1"], "deliverable": ["Design"], "from_project": ["A"],
    ...     "from_task": ["A1"], "to_project": ["B"], "to_task": ["B1"]})
    >>> dependency_slack(register, portfolio_schedule(tasks, projects, register))[
    ...     ["promised", "needed", "slack_days"]]
        promised     needed  slack_days
    0 2026-03-06 2026-03-16         5.0
    """
    require_columns(dependencies, DEPENDENCY_COLUMNS, "the dependency register", DependencyError)
    require_columns(schedule, ["es", "ef", "start_date", "finish_date"], "the portfolio schedule",
                    DependencyError)
    rows = []
    for row in dependencies.to_dict("records"):
        source, target = _text(row["from_task"]), _text(row["to_task"])
        for task in (source, target):
            if task not in schedule.index:
                raise DependencyError(f"{_text(row['id'])}: task {task!r} is not in the schedule; "
                                      "schedule the same plans with portfolio_schedule.")
        link_type, lag = _link_of(row)
        producer_end = "es" if link_type in ("SS", "SF") else "ef"
        consumer_end = "ef" if link_type in ("FF", "SF") else "es"
        slack = schedule.at[target, consumer_end] - lag - schedule.at[source, producer_end]
        promised = schedule.at[source, "start_date" if producer_end == "es" else "finish_date"]
        needed = schedule.at[target, "start_date" if consumer_end == "es" else "finish_date"]
        rows.append((promised, needed, _clean(slack)))
    result = dependencies.reset_index(drop=True).copy()
    extra = pd.DataFrame(rows, columns=["promised", "needed", "slack_days"])
    for column in extra.columns:
        result[column] = extra[column]
    result["promised"] = pd.to_datetime(result["promised"])
    result["needed"] = pd.to_datetime(result["needed"])
    return result


# --- what moves when a task is late ---------------------------------------------------------


@dataclass
class SlipImpact:
    """What :func:`slip_impact` found: every milestone before and after, by project.

    Attributes:
        slips: the slips applied, ``{task id: working days}``.
        milestones: one row per milestone of every project (indexed by its id): ``project``,
            ``name``, ``planned`` and ``forecast`` dates, ``moved_days`` (working days later;
            0 when it does not move; negative in the rare network where a finish-to-finish or
            start-to-finish link lets a longer task start earlier and pull a successor with
            it, an artefact of CPM logic worth a look at the links).
        moved: the rows of ``milestones`` that move, latest move first.
        projects: one row per project: ``project``, ``source`` (a slipped task is in it),
            ``milestones_moved``, ``largest_move_days``, ``end_move_days`` (its last
            milestone), ``warn`` (a milestone moves).
        dependencies: the register with ``slack_days`` as planned and ``slack_after`` with the
            slips (``None`` without a register).
        planned, forecast: the two portfolio schedules.
    """

    slips: dict
    milestones: pd.DataFrame
    moved: pd.DataFrame
    projects: pd.DataFrame
    dependencies: pd.DataFrame | None
    planned: pd.DataFrame
    forecast: pd.DataFrame

    def to_warn(self):
        """The projects whose milestones move because of a slip elsewhere (not the slipping ones).

        >>> import pandas as pd
        >>> tasks = pd.DataFrame({"id": ["A1", "AM", "B1", "BM"], "project": ["A", "A", "B", "B"],
        ...     "duration": [5, 0, 3, 0], "predecessors": ["", "A1", "", "B1"],
        ...     "milestone": [False, True, False, True]})
        >>> projects = pd.DataFrame({"id": ["A", "B"], "start_date": ["2026-03-02"] * 2})
        >>> slip_impact(tasks, projects, None, {"A1": 2}).to_warn()
        []
        """
        table = self.projects
        return sorted(table.loc[table["warn"] & ~table["source"], "project"])


def slip_impact(tasks, projects, dependencies, slips, calendar=None):
    """Which milestones of which projects move, and by how much, when tasks take longer.

    Args:
        tasks, projects, dependencies, calendar: as for :func:`portfolio_schedule`.
        slips: ``{task id: working days}``: each task takes that many working days more than
            planned (four weeks of five working days: 20; mind the public holidays when a
            slip is given in weeks of the calendar).

    Returns:
        A :class:`SlipImpact`. A milestone moves by the difference of its early start with
        and without the slips, in working days: the slip less the float it meets on the way,
        inside its project and on the links between projects (:func:`dependency_slack`).

    >>> import pandas as pd
    >>> tasks = pd.DataFrame({"id": ["A1", "AM", "B1", "BM"], "project": ["A", "A", "B", "B"],
    ...     "duration": [5, 0, 3, 0], "predecessors": ["", "A1", "", "B1"],
    ...     "milestone": [False, True, False, True]})
    >>> projects = pd.DataFrame({"id": ["A", "B"], "start_date": ["2026-03-02", "2026-03-02"]})
    >>> register = pd.DataFrame({"id": ["D1"], "deliverable": ["Design"], "from_project": ["A"],
    ...     "from_task": ["A1"], "to_project": ["B"], "to_task": ["B1"]})
    >>> impact = slip_impact(tasks, projects, register, {"A1": 4})
    >>> impact.moved[["project", "planned", "forecast", "moved_days"]]
       project    planned   forecast  moved_days
    id
    AM       A 2026-03-06 2026-03-12         4.0
    BM       B 2026-03-11 2026-03-17         4.0
    >>> impact.to_warn()
    ['B']
    """
    if not isinstance(slips, dict) or not slips:
        raise DependencyError("slips must be a dict such as {'DAT-12': 20}: the task that runs "
                              "late and its delay in working days.")
    planned = portfolio_schedule(tasks, projects, dependencies, calendar)
    forecast = portfolio_schedule(tasks, projects, dependencies, calendar, slips=slips)
    is_milestone = planned["milestone"].astype(bool) | (planned["duration"] == 0)
    milestones = planned.loc[is_milestone, ["project", "name"]].copy()
    milestones["planned"] = planned.loc[is_milestone, "start_date"]
    milestones["forecast"] = forecast.loc[is_milestone, "start_date"]
    moved = (forecast.loc[is_milestone, "es"] - planned.loc[is_milestone, "es"]).map(_clean)
    milestones["moved_days"] = moved
    moving = milestones[milestones["moved_days"] > _EPS].sort_values(
        ["moved_days", "forecast"], ascending=[False, True], kind="stable")
    sources = {planned.at[str(t).strip(), "project"] for t in slips}
    rows = []
    for project in dict.fromkeys(planned["project"]):
        own = milestones[milestones["project"] == project]
        last = own.index[own["planned"] == own["planned"].max()] if len(own) else []
        end_move = float(own.loc[last, "moved_days"].max()) if len(last) else 0.0
        count = int((own["moved_days"] > _EPS).sum())
        largest = float(own["moved_days"].max()) if len(own) else 0.0
        rows.append((project, project in sources, count, max(largest, 0.0), max(end_move, 0.0),
                     count > 0))
    summary = pd.DataFrame(rows, columns=["project", "source", "milestones_moved",
                                          "largest_move_days", "end_move_days", "warn"])
    links = None
    if dependencies is not None:
        links = dependency_slack(dependencies, planned)
        links["slack_after"] = dependency_slack(dependencies, forecast)["slack_days"]
    return SlipImpact({str(k).strip(): v for k, v in slips.items()}, milestones, moving,
                      summary, links, planned, forecast)


# --- internals ---------------------------------------------------------------------------


def _text(value):
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return str(value).strip()


def _number(value, what):
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise DependencyError(f"{what} is {value!r}; give a number of working days.") from None
    if math.isnan(number) or math.isinf(number) or isinstance(value, bool):
        raise DependencyError(f"{what} is {value!r}; give a number of working days.")
    return number


def _link_of(row):
    """(type, lag) of a register row; FS and 0 when the columns are absent or empty."""
    dep = _text(row.get("id")) or "A dependency"
    link_type = _text(row.get("type")).upper() or "FS"
    if link_type not in LINK_TYPES:
        raise DependencyError(f"{dep}: type {row.get('type')!r} is not one of "
                              f"{', '.join(LINK_TYPES)}.")
    lag = row.get("lag")
    lag = 0.0 if _text(lag) == "" else _number(lag, f"{dep}: the lag")
    return link_type, lag


def _read_plan(tasks):
    require_columns(tasks, ["id", "project", "duration"], "tasks", DependencyError)
    plan = pd.DataFrame({"id": tasks["id"].map(_text), "project": tasks["project"].map(_text)})
    if (plan["id"] == "").any():
        row = int((plan["id"] == "").to_numpy().argmax()) + 2
        raise DependencyError(f"Row {row} of tasks has no id; every task needs a unique id.")
    if plan["id"].duplicated().any():
        raise DependencyError(f"Task id {plan['id'][plan['id'].duplicated()].iloc[0]!r} appears "
                              "more than once; ids must be unique across the portfolio.")
    if (plan["id"] == PORTFOLIO_START).any():
        raise DependencyError(f"{PORTFOLIO_START!r} is reserved for the portfolio's start; "
                              "rename that task.")
    durations = []
    for task_id, raw in zip(plan["id"], tasks["duration"]):
        number = _number(raw, f"Task {task_id}: the duration")
        if number < 0:
            raise DependencyError(f"Task {task_id}: duration {number:g}; it must be >= 0.")
        durations.append(number)
    plan["duration"] = durations
    plan["predecessors"] = (tasks["predecessors"].map(_text).to_numpy()
                            if "predecessors" in tasks.columns else "")
    plan["name"] = tasks["name"].map(_text).to_numpy() if "name" in tasks.columns else ""
    plan["milestone"] = (tasks["milestone"].astype(bool).to_numpy()
                         if "milestone" in tasks.columns else plan["duration"].to_numpy() == 0)
    return plan


def _read_starts(projects, plan, calendar):
    require_columns(projects, ["id", "start_date"], "projects", DependencyError)
    known = {}
    for project, start in zip(projects["id"].map(_text), projects["start_date"]):
        try:
            known[project] = calendar.roll_forward(start)
        except (InputError, TypeError, ValueError):
            raise DependencyError(f"Project {project}: start_date {start!r} is not a date such "
                                  "as '2026-03-02'.") from None
    used = list(dict.fromkeys(plan["project"]))
    unknown = [p for p in used if p not in known]
    if unknown:
        raise DependencyError(f"tasks name project(s) {', '.join(map(repr, unknown))} that "
                              f"projects does not list; its ids are {', '.join(known)}.")
    if not used:
        raise DependencyError("The task table is empty: give the tasks of at least one project.")
    return {p: known[p] for p in used}


def _project_links(plan, offsets):
    project_of = dict(zip(plan["id"], plan["project"]))
    links, has_predecessor = [], set()
    for task_id, text in zip(plan["id"], plan["predecessors"]):
        try:
            parsed = parse_predecessors(text, successor=task_id)
        except InputError as error:
            raise DependencyError(str(error)) from None
        for link in parsed:
            if link.predecessor not in project_of:
                raise DependencyError(f"Task {task_id}: predecessor {link.predecessor!r} is not "
                                      "a task of the plans.")
            if project_of[link.predecessor] != project_of[task_id]:
                raise DependencyError(
                    f"Task {task_id} ({project_of[task_id]}) names {link.predecessor} of project "
                    f"{project_of[link.predecessor]} as a predecessor: links between projects go "
                    "in the dependency register, not in a plan.")
            links.append((link.predecessor, link.successor, link.type, link.lag))
            has_predecessor.add(task_id)
    for task_id, project in zip(plan["id"], plan["project"]):
        if task_id not in has_predecessor:  # a first task: not before its project's start
            links.append((PORTFOLIO_START, task_id, "FS", float(offsets[project])))
    return links


def _clean(value):
    return round(float(value), 9) + 0.0
