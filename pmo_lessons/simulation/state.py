"""The game's state: Meridian's portfolio on the status date, and the hidden truth of the quarter.

:func:`build_state` reads the company's tables (``pmo_lessons.data``) and puts every task where
the data says it is on Friday 25 September 2026:

* the **milestone log** decides which milestones are reached (accepted), and nothing after a
  milestone that is not reached has started;
* the **backlogs** (``work_items.csv``) decide how far the work packages delivered from a backlog
  are (ECO-07 to ECO-12, ERP-10 to ERP-12): the share of their story points done;
* every other task is where the baseline had it when it had earned what the project has earned:
  the project's **earned schedule**, in working days (the day at which the baseline's PV equals
  the project's EV of the last week of ``status_weekly.csv``).

Then it draws, from the seed, what nobody knows yet (the *truth*): each task's actual duration
from its three-point estimate (:func:`pmo_lessons.risk.sample_durations`, triangular), the
teams' future velocities (a bootstrap of their own sprints, as :mod:`pmo_lessons.agile`
forecasts them), which risks of the register will occur and when, which of the quarter's
events happen and when, how optimistic each project manager's reports are. The same seed
always draws the same truth, whatever the player decides (each draw has its own random stream).

Time is counted in **working days** of the company's calendar from Monday 28 September 2026
(day 0); week 1 is 28 September to 2 October, and week ``k`` ends on the Friday
``25 September + 7k days``.
"""

from __future__ import annotations

import functools
import math
import zlib
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from .. import data
from ..calendars import Calendar
from ..evm import baseline_pv
from ..risk import sample_durations
from ..schedule import cpm, parse_predecessors, project_dates

__all__ = ["STATUS_DATE", "FIRST_DAY", "BENEFIT_MILESTONE", "Task", "Release", "Project",
           "Truth", "State", "build_state", "stream", "rebaseline", "tasks_frame", "company"]

#: The status date of the company's data: week 0 of the game.
STATUS_DATE = pd.Timestamp("2026-09-25")
#: Day 0 of the game, the Monday after the status date.
FIRST_DAY = pd.Timestamp("2026-09-28")

# The work packages each Scrum team delivers from its backlog (datasets/README.md).
RELEASES = {"ECO": ("ECO-07", "ECO-08", "ECO-09", "ECO-10", "ECO-11", "ECO-12"),
            "ERP": ("ERP-10", "ERP-11", "ERP-12")}
# The milestone each release completes.
RELEASE_MILESTONE = {"ECO": "ECO-13", "ERP": "ERP-13"}
#: The milestone from which each project's benefits flow (its go-live, its handover, its
#: certificate): a benefit starts when it is reached, and each week late costs some of it.
BENEFIT_MILESTONE = {"ERP": "ERP-26", "CRM": "CRM-24", "WHA": "WHA-23", "OFM": "OFM-18",
                     "DAT": "DAT-23", "ECO": "ECO-21", "SEC": "SEC-24"}

# How much more complete than the truth each project manager reports a task in progress (the
# "90 % done" of a task that has a month to go), a mean per project: the integrator and the
# agency report on their own work, which the PMO has not checked (health checks of September).
REPORTING_OPTIMISM = {"ERP": 0.12, "ECO": 0.10, "WHA": 0.06, "DAT": 0.03, "SEC": 0.03,
                      "CRM": 0.0, "OFM": 0.02}

# The share of a project's cost overrun so far that goes on (the rest was one-off: the
# integrator's lost consultants, the fit-gap's scope creep): future cost = plan x (1 + share x
# (1 / CPI - 1)).
OVERRUN_CARRIES_ON = 0.5


def stream(seed, *key):
    """A random generator of its own for one purpose (``"durations"``, ``"defects", "ERP", 3``).

    Each purpose draws from its own stream, so that what the player decides never shifts another
    draw: the same seed gives the same truth, and a replay without one decision differs only by
    what that decision changed (common random numbers).

    >>> float(stream(7, "defects", "ERP", 3).random()) == float(stream(7, "defects", "ERP", 3).random())
    True
    """
    words = [int(seed) & 0xFFFFFFFF] + [zlib.crc32(str(part).encode()) for part in key]
    return np.random.default_rng(words)


@dataclass
class Task:
    """A work package or milestone of a project, with its progress and its hidden duration."""

    id: str
    project: str
    name: str
    duration: int                      # planned (most likely), working days
    optimistic: int
    pessimistic: int
    milestone: bool
    cost: float                        # budgeted cost (EUR), its activity contingency included
    labour_per_day: float              # EUR per working day at full staffing
    units: dict                        # role -> people per working day
    links: list                        # (predecessor, type, lag)
    done: float = 0.0                  # fraction of the work done (EV = cost x done)
    started: float | None = None       # game day it started (negative: before day 0)
    finished: float | None = None      # game day it finished
    actual: float = 0.0                # truth: total working days at full staffing
    remaining: float = 0.0             # truth: working days left at full staffing
    release: str | None = None         # project whose backlog delivers it
    descoped: bool = False
    deferred_until: int = 0            # not before this game day
    fast_tracked: bool = False
    contingency: float = 0.0           # the activity contingency inside its cost (EUR)
    crashed: float = 0.0               # days taken off by crashing
    known_delay: float = 0.0           # days the plan added for what is known (a slip announced)
    reached_week: int = 0              # game week a milestone was reached
    accepted: tuple = ()               # (date, by) of a milestone accepted before the game
    last_worked: int = 0               # last game week it had work

    @property
    def is_done(self):
        return self.finished is not None

    @property
    def in_progress(self):
        return self.started is not None and self.finished is None

    @property
    def purchases(self):
        """The part of the cost that is not labour (licences, works, the supplier's contract)."""
        return max(0.0, self.cost - self.labour_per_day * self.duration)


@dataclass
class Release:
    """The work a Scrum team delivers from its backlog: items left, velocity, team."""

    project: str
    tasks: tuple
    items: list                        # [item id, task id, points], open items in rank order
    history: list                      # done points per sprint, the team's own
    wish: dict                         # role -> people the team needs while it runs
    team_days: float                   # person-days a sprint (the last sprint's capacity)
    day_rate: float                    # the team's rate (sprints.csv cost / capacity)
    task_points: dict                  # task id -> total points (done + open)
    task_done_points: dict             # task id -> points done
    draws: list = field(default_factory=list)   # truth: the velocity of each future sprint
    sprints_played: int = 0
    added: int = 0                     # points added during the game
    staffing: list = field(default_factory=list)  # the team's share of its people, each week

    @property
    def open_points(self):
        return int(sum(points for _, _, points in self.items))


@dataclass
class Project:
    """A project of the portfolio: its tasks, money and status."""

    id: str
    name: str
    sponsor: str
    manager: str
    priority: int
    start_date: pd.Timestamp
    budget: float                      # approved budget, with the management reserve
    reserve: float                     # management reserve at the start
    value: float                       # the value at stake: a year of its benefits (EUR)
    tasks: dict                        # id -> Task, in plan order
    last_week: int                     # the project week of the status date
    status: str = "active"             # active, paused, stopped, closed
    paused_until: int = 0              # last game week of a pause
    closed_week: int = 0               # game week it closed (or was stopped)
    drawn: float = 0.0                 # management reserve drawn through change requests
    descoped_value: float = 0.0        # share of the value given up by descoping
    history: list = field(default_factory=list)  # reported status rows (week, pv, ev, ac)
    ev_start: float = 0.0              # EV of the data at the status date
    ac_start: float = 0.0
    true_ev_start: float = 0.0         # EV of the task-level state at the start
    ac: float = 0.0                    # actual cost, cumulative
    extra_cost: float = 0.0            # spent on decisions (responses, crashing ...)
    threat_cost: float = 0.0           # what the threats that occurred cost
    reported_done: dict = field(default_factory=dict)  # task id -> fraction reported
    cost_factor: float = 1.0           # truth: how much more the remaining work costs
    optimism: float = 0.0              # truth: how optimistic the reports are
    overtime_until: int = 0            # last game week of overtime (no fatigue is modelled)
    quality_factor: float = 1.0        # defects found per day of work, against the history
    checked: bool = False              # a health check this game
    answers: dict = field(default_factory=dict)   # health-check question -> answer
    notes: dict = field(default_factory=dict)     # health-check question -> note
    value_gained: float = 0.0          # opportunities taken, penalties recovered (EUR)
    baseline: dict = field(default_factory=dict)  # project week -> PV of the baseline
    benefit_date: pd.Timestamp | None = None      # the date its benefits were planned from

    def pv_of(self, week):
        """The baseline's PV at the end of project week ``week`` (BAC after the plan's end)."""
        if week in self.baseline:
            return self.baseline[week]
        return self.baseline[max(self.baseline)] if week > max(self.baseline) else 0.0

    @property
    def bac(self):
        """The cost baseline (BAC): the sum of the task costs, without the management reserve."""
        return float(sum(t.cost for t in self.tasks.values()))

    @property
    def reserve_left(self):
        return self.reserve - self.drawn

    @property
    def active(self):
        return self.status in ("active", "paused")


@dataclass
class Truth:
    """What nobody in the game knows: drawn from the seed at the start."""

    seed: int
    risk_draw: dict                    # risk id -> uniform: it occurs when < its probability
    risk_point: dict                   # risk id -> where in its task (0-1) or week it occurs
    events: dict                       # event id -> week it happens (0: it does not)
    rework: dict                       # task id -> extra share of work when fast-tracked
    triggers: dict = field(default_factory=dict)  # risk id -> the task it may strike in, or ""


@dataclass
class State:
    """Everything the simulation holds; :func:`~pmo_lessons.simulation.observe.observe` shows the part a PMO sees."""

    seed: int
    weeks: int
    calendar: Calendar
    projects: dict                     # id -> Project, in the portfolio's order
    releases: dict                     # project id -> Release
    roles: pd.DataFrame                # resources.csv, indexed by id
    capacity: dict                     # role -> people (changes with leavers)
    alloc: dict                        # project -> role -> people staffed this week
    register: pd.DataFrame             # the risk register, as it stands
    responses: pd.DataFrame            # the register's responses: cost and effect
    truth: Truth
    week: int = 0
    day: int = 0                       # first working day of the next week
    week_days: list = field(default_factory=list)   # working days of each game week
    moves: list = field(default_factory=list)       # people the PMO moved
    contracts: list = field(default_factory=list)   # contractors
    funded: dict = field(default_factory=dict)      # risk id -> week the response was funded
    escalated: dict = field(default_factory=dict)   # subject -> week escalated
    decided: dict = field(default_factory=dict)     # committee decisions taken
    requests: dict = field(default_factory=dict)    # open questions to answer
    answered: dict = field(default_factory=dict)    # question id -> option
    issues: list = field(default_factory=list)      # what happened: risks that occurred, events
    defects: dict = field(default_factory=dict)     # project -> {"found": [...], "open": n, "critical": n}
    consequences: list = field(default_factory=list)  # last week's news, in words
    news: list = field(default_factory=list)        # every week's news (week, text)
    plans: dict = field(default_factory=dict)       # project -> the PM's plan of the remaining work
    checks: list = field(default_factory=list)      # health checks (week, project)
    committee_weeks: tuple = (2, 6, 10)
    value_lost: dict = field(default_factory=dict)  # project -> EUR of value lost (deadlines)
    leaves: list = field(default_factory=list)      # people away: role, units, weeks
    committee_seen: set = field(default_factory=set)  # subjects the committee took up
    unneeded_escalations: int = 0                   # escalations the committee handed back
    decision_log: list = field(default_factory=list)  # the decisions applied, as data
    revealed: dict = field(default_factory=dict)    # project -> what a health check re-planned
    left_behind: list = field(default_factory=list)  # risks left by cutting assurance work
    planned_finish: dict = field(default_factory=dict)  # project -> baseline finish date
    seen_answers: dict = field(default_factory=dict)  # project -> the answers the PMO last saw
    correct: dict = field(default_factory=dict)     # report question -> the figures' answer

    def day_of_week(self, week):
        """The first game day of game week ``week`` (1-based)."""
        return int(sum(self.week_days[:week - 1]))

    def friday(self, week):
        """The Friday that ends game week ``week`` (week 0: the status date)."""
        return STATUS_DATE + pd.Timedelta(days=7 * week)

    def date_of(self, day):
        """The calendar date of game day ``day`` (a day before day 0 counts back)."""
        days, zero = _working_days(self.calendar)
        index = zero + int(math.floor(day + 1e-9))
        if 0 <= index < len(days):
            return days[index]
        if day >= 0:
            return self.calendar.working_day(FIRST_DAY, day)
        return days[0]


_DAYS = {}


def _working_days(calendar):
    """The company's working days from 2025 to 2028, and the index of day 0 (a cache)."""
    key = id(calendar)
    if key not in _DAYS:
        days = calendar.working_days("2025-01-01", "2028-12-31")
        _DAYS.clear()
        _DAYS[key] = (list(days), int(days.get_loc(FIRST_DAY)))
    return _DAYS[key]


# --- building the state from the company's data -------------------------------------------------


def _labour(task_units, rates):
    return float(sum(units * rates[role] for role, units in task_units.items()))


def _snapshot(tasks, ev):
    """Each task's done fraction where the baseline had earned ``ev``, and the day it was."""
    frame = pd.DataFrame({"id": [t.id for t in tasks], "duration": [t.duration for t in tasks],
                          "predecessors": [", ".join(f"{p} {k}{lag:+d}" for p, k, lag in t.links)
                                           for t in tasks]})
    plan = cpm(frame)
    es = plan["es"].to_numpy(float)
    dur = plan["duration"].to_numpy(float)
    cost = np.array([t.cost for t in tasks])

    def fractions(d):
        safe = np.where(dur > 0, dur, 1.0)
        return np.where(dur > 0, np.clip((d - es) / safe, 0, 1), (d >= es).astype(float))

    low, high = 0.0, float((es + dur).max())
    for _ in range(60):  # bisection: PV(d) is increasing in d
        middle = (low + high) / 2
        if (cost * fractions(middle)).sum() < ev:
            low = middle
        else:
            high = middle
    return dict(zip(frame["id"], fractions(high))), dict(zip(frame["id"], es)), high


def _consistent(tasks, accepted):
    """Make the start state a state a network can be in: nothing starts after what is not done."""
    by_id = {t.id: t for t in tasks}
    for task in tasks:  # the plan's order is a topological order in the data
        if task.milestone:
            task.done = 1.0 if task.id in accepted else 0.0
        preds = [(by_id[p], kind) for p, kind, _ in task.links]
        if not task.milestone:
            if any(kind == "FS" and p.done < 1 for p, kind in preds) or \
                    any(kind == "SS" and p.done <= 0 for p, kind in preds):
                task.done = 0.0
            if task.done >= 1 and any(kind == "FF" and p.done < 1 for p, kind in preds):
                task.done = 0.9
    for task in tasks:  # a milestone not reached: the last of its predecessors is not finished
        if task.milestone and task.done < 1:
            preds = [by_id[p] for p, _, _ in task.links]
            if preds and all(p.done >= 1 for p in preds):
                last = preds[-1]
                last.done = 0.9 if last.release is None else last.done
    return tasks


@functools.lru_cache(maxsize=1)
def _company():
    """The company's tables, read and checked once per process (copies are handed out)."""
    names = ("holidays", "resources", "projects", "benefits", "tasks", "assignments",
             "status", "milestones", "work_items", "sprints", "risks", "risk_responses",
             "health_checks", "defects", "okrs")
    return {name: getattr(data, f"load_{name}")() for name in names}


def company(name):
    """A copy of one of the company's tables (``"tasks"``, ``"okrs"`` ...)."""
    return _company()[name].copy()


def build_state(seed, weeks=13):
    """The portfolio on the status date with the truth of the quarter drawn from ``seed``.

    >>> state = build_state(1)
    >>> state.projects["ECO"].tasks["ECO-13"].is_done, state.releases["ECO"].open_points
    (False, 49)
    >>> round(state.projects["ERP"].tasks["ERP-01"].done)
    1
    """
    holidays = company("holidays")
    calendar = Calendar(holidays)
    roles = company("resources").set_index("id")
    rates = roles["day_rate_eur"].to_dict()
    projects_table = company("projects")
    benefits = company("benefits")
    yearly = benefits.groupby("project")["annual_value_eur"].sum()
    tasks_table = company("tasks")
    assignments = company("assignments")
    status = company("status").sort_values(["project", "week"])
    milestones = company("milestones")
    accepted = set(milestones.loc[milestones["accepted_date"].notna(), "task_id"])
    acceptances = {row.task_id: (pd.Timestamp(row.accepted_date), row.accepted_by)
                   for row in milestones.itertuples(index=False) if row.task_id in accepted}
    items = company("work_items")
    sprints = company("sprints")
    units = {}
    for task_id, role, n in assignments[["task_id", "resource", "units"]].itertuples(index=False):
        units.setdefault(task_id, {})[role] = float(n)

    projects = {}
    for row in projects_table.itertuples(index=False):
        own = tasks_table[tasks_table["project"] == row.id]
        tasks = []
        for t in own.itertuples(index=False):
            links = [(link.predecessor, link.type, int(link.lag))
                     for link in parse_predecessors(t.predecessors, successor=t.id)]
            task_units = units.get(t.id, {})
            tasks.append(Task(t.id, row.id, t.name, int(t.duration), int(t.optimistic),
                              int(t.pessimistic), bool(t.milestone), float(t.cost_eur),
                              _labour(task_units, rates), task_units, links,
                              release=row.id if t.id in RELEASES.get(row.id, ()) else None,
                              contingency=float(getattr(t, "contingency_eur", 0.0) or 0.0)))
        history = status[status["project"] == row.id]
        last = history.iloc[-1]
        done, es, earned_day = _snapshot(tasks, float(last["ev_eur"]))
        for task in tasks:
            task.done = float(done[task.id])
        _release_progress(row.id, tasks, items)
        _consistent(tasks, accepted)
        for task in tasks:
            task.accepted = acceptances.get(task.id, ())
            if task.done >= 1:
                task.done, task.started, task.finished = 1.0, es[task.id] - earned_day, \
                    es[task.id] + task.duration - earned_day
            elif task.done > 0:
                task.started = min(es[task.id] - earned_day, -1.0)
        project = Project(row.id, row.name, row.sponsor, row.manager, int(row.priority),
                          pd.Timestamp(row.start_date), float(row.budget_eur),
                          float(row.reserve_eur), float(yearly.get(row.id, 0.0)),
                          {t.id: t for t in tasks}, int(last["week"]))
        project.history = [(int(r.week), float(r.pv_eur), float(r.ev_eur), float(r.ac_eur))
                           for r in history.itertuples(index=False)]
        project.ev_start, project.ac_start = float(last["ev_eur"]), float(last["ac_eur"])
        project.true_ev_start = sum(t.cost * t.done for t in tasks)
        project.ac = project.ac_start
        if row.status == "closing":
            project.status = "active"
        projects[row.id] = project

    releases = {pid: _release(pid, projects[pid], items, sprints) for pid in RELEASES}
    register = company("risks")
    register.index = pd.Index(register["id"].to_numpy())  # by id, the column kept
    responses = company("risk_responses").set_index("risk_id")
    answers = company("health_checks")
    for project in projects.values():
        own = answers[answers["project"] == project.id]
        project.answers = dict(zip(own["question_id"], own["answer"]))
        project.notes = dict(zip(own["question_id"], own["note"].fillna("")))

    baseline = baseline_pv(tasks_table, projects_table, holidays)
    for pid, project in projects.items():
        own = baseline[baseline["project"] == pid]
        project.baseline = dict(zip(own["week"].astype(int), own["pv_eur"].astype(float)))
        plan = cpm(tasks_frame(project))
        day = int(plan.loc[BENEFIT_MILESTONE[pid], "es"])
        project.benefit_date = calendar.working_day(project.start_date, max(day - 1, 0))
    truth = _draw_truth(seed, projects, releases, register)
    _triggers(truth, projects, register, responses)
    week_days = []
    for week in range(1, weeks + 1):
        monday = FIRST_DAY + pd.Timedelta(days=7 * (week - 1))
        week_days.append(len(calendar.working_days(monday, monday + pd.Timedelta(days=4))))
    state = State(seed=int(seed), weeks=int(weeks), calendar=calendar, projects=projects,
                  releases=releases, roles=roles, capacity=roles["capacity"].astype(float).to_dict(),
                  alloc={pid: {} for pid in projects}, register=register, responses=responses,
                  truth=truth, week_days=week_days)
    state.defects = _defect_start(company("defects"), projects)
    finish = project_dates(tasks_table, projects_table, holidays).set_index("id")["finish_date"]
    state.planned_finish = {pid: pd.Timestamp(finish[pid]) for pid in projects}
    state.seen_answers = {pid: dict(p.answers) for pid, p in projects.items()}
    return state


def tasks_frame(project):
    """A project's tasks as the kit's task table (``id, project, duration, predecessors, cost_eur``)."""
    tasks = list(project.tasks.values())
    return pd.DataFrame({
        "id": [t.id for t in tasks], "project": project.id,
        "duration": [t.duration for t in tasks],
        "predecessors": [", ".join(f"{p} {k}{lag:+d}" for p, k, lag in t.links) for t in tasks],
        "cost_eur": [t.cost for t in tasks]})


def rebaseline(state, project):
    """The baseline's PV again, after a change of scope approved by the sponsor (a descoped task)."""
    frame = pd.DataFrame({"id": [project.id], "start_date": [project.start_date]})
    curve = baseline_pv(tasks_frame(project), frame, company("holidays"))
    project.baseline = dict(zip(curve["week"].astype(int), curve["pv_eur"].astype(float)))


def _triggers(truth, projects, register, responses):
    """Where each open risk may strike: its task (and the point of it), or any week."""
    tasks = {t.id: t for p in projects.values() for t in p.tasks.values()}
    for row in register[register["status"] == "open"].itertuples(index=False):
        trigger = responses.loc[row.id, "trigger_task"] if row.id in responses.index else \
            row.task_id
        task = tasks.get(trigger)
        if task is None or (task.done >= 1 and not task.milestone):
            truth.triggers[row.id] = ""
            continue
        truth.triggers[row.id] = trigger
        if not task.milestone:  # the point lies in the part of the task still to do
            truth.risk_point[row.id] = task.done + truth.risk_point[row.id] * (1 - task.done)


def _release_progress(pid, tasks, items):
    """The done fraction of the work packages a backlog delivers: the share of their points done."""
    if pid not in RELEASES:
        return
    own = items[items["project"] == pid]
    for task in tasks:
        if task.release is None:
            continue
        mine = own[own["task_id"] == task.id]
        total = float(mine["story_points"].fillna(0).sum())
        done = float(mine.loc[mine["done"].notna(), "story_points"].fillna(0).sum())
        task.done = done / total if total else 1.0
        if task.done >= 1:
            task.done = 1.0


def _release(pid, project, items, sprints):
    own = items[items["project"] == pid]
    open_items = own[own["done"].isna()].sort_values("id")
    task_ids = RELEASES[pid]
    team = sprints[sprints["project"] == pid].sort_values("sprint")
    wish = {}
    for task_id in task_ids:
        task = project.tasks[task_id]
        if task.done < 1:
            for role, n in task.units.items():
                wish[role] = wish.get(role, 0.0) + n
    points = own.assign(points=own["story_points"].fillna(0))
    return Release(
        project=pid, tasks=task_ids,
        items=[[i, t, int(p)] for i, t, p in
               open_items[["id", "task_id", "story_points"]].fillna(0).itertuples(index=False)],
        history=[int(v) for v in team["done_points"]], wish=wish,
        team_days=float(team["capacity_days"].iloc[-1]),
        day_rate=float(team["cost_eur"].sum() / team["capacity_days"].sum()),
        task_points={t: int(points.loc[points["task_id"] == t, "points"].sum()) for t in task_ids},
        task_done_points={t: int(points.loc[(points["task_id"] == t) & points["done"].notna(),
                                            "points"].sum()) for t in task_ids})


def _draw_truth(seed, projects, releases, register):
    """Draw what nobody knows, each purpose from its own random stream."""
    open_tasks = [t for p in projects.values() for t in p.tasks.values()
                  if not t.milestone and t.done < 1]
    durations = sample_durations([t.optimistic for t in open_tasks],
                                 [t.duration for t in open_tasks],
                                 [t.pessimistic for t in open_tasks], 1,
                                 rng=stream(seed, "durations"))[:, 0]
    for task, actual in zip(open_tasks, durations):
        task.actual = max(1.0, float(round(actual)))
        if task.release is None:
            task.remaining = max(1.0, math.ceil(task.actual * (1 - task.done)))
        else:
            task.remaining = 0.0  # delivered by the team's velocity, not by days
    for project in projects.values():
        for task in project.tasks.values():
            if task.milestone:
                task.actual = task.remaining = 0.0
        rng = stream(seed, "project", project.id)
        status_cpi = project.ev_start / project.ac_start if project.ac_start else 1.0
        carry = 1 + OVERRUN_CARRIES_ON * (1 / status_cpi - 1)
        project.cost_factor = float(carry * math.exp(rng.normal(0, 0.02)))
        project.optimism = float(max(0.0, REPORTING_OPTIMISM.get(project.id, 0.0)
                                     * (1 + rng.normal(0, 0.25))))
    for pid, release in releases.items():
        rng = stream(seed, "velocity", pid)
        history = np.array(release.history, dtype=float)
        # the agile module's bootstrap: each future sprint is one of the team's past sprints
        release.draws = [float(v) for v in history[rng.integers(0, len(history), size=40)]]
    risk_draw, risk_point = {}, {}
    for risk_id in register["id"]:
        rng = stream(seed, "risk", risk_id)
        risk_draw[risk_id], risk_point[risk_id] = float(rng.random()), float(rng.random())
    from .events import draw_events

    rework = {t.id: float(stream(seed, "rework", t.id).uniform(0.10, 0.30)) for t in open_tasks}
    return Truth(int(seed), risk_draw, risk_point, draw_events(seed), rework)


def _defect_start(defects, projects):
    """Each project's defect log at the start: the weekly counts found, open and critical open."""
    from ..quality import weekly_defects

    start = {}
    for pid, project in projects.items():
        mine = defects[defects["project"] == pid]
        if mine.empty:
            start[pid] = {"found": [], "open": 0, "critical": 0, "rate": 0.0, "close": 0.0,
                          "critical_share": 0.0}
            continue
        weekly = weekly_defects(defects, pid, weeks=range(max(1, project.last_week - 5),
                                                          project.last_week + 1))
        closed = mine[mine["status"] == "closed"]
        days = (closed["date_closed"] - closed["date_found"]).dt.days
        start[pid] = {
            "found": [int(v) for v in weekly_defects(defects, pid).to_numpy()],
            "open": int((mine["status"] == "open").sum()),
            "critical": int(((mine["status"] == "open") & (mine["severity"] == 1)).sum()),
            "rate": float(weekly.mean()),
            # a defect open for m days on average: each week 7 / m of the open ones close
            "close": float(min(0.9, 7.0 / max(float(days.mean()), 7.0))) if len(days) else 0.5,
            "critical_share": float((mine["severity"] == 1).mean()),
        }
    return start
