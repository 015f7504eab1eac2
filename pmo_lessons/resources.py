"""Resources across projects: loading, over-allocation, levelling and smoothing.

A PMO's daily work is resolving resource conflicts between projects. This
module loads the resources of a schedule period by period, finds where
demand exceeds capacity, and resolves it in the two classic ways:

* **levelling** (:func:`level`) delays tasks until no resource is over its
  capacity, keeping every precedence link; the end date may move;
* **smoothing** (:func:`smooth`) moves tasks within their float only, so the
  end date does not move, to flatten the histogram.

Conventions (those of :mod:`pmo_lessons.schedule`):

* time is in whole periods (working days in this course) counted from 0; a
  task with start ``s`` and duration ``d`` occupies periods ``s … s + d - 1``
  and finishes at ``s + d``; a milestone (``d = 0``) uses no resource;
* a task table has the columns :func:`~pmo_lessons.schedule.cpm` reads
  (``id, duration, predecessors`` with FS/SS/FF/SF links and lags) plus
  **one column per resource** holding the units the task needs in every
  period it runs (people per day), and optionally ``project``,
  ``project_priority`` and ``priority`` (1–1000, higher goes first, as in
  MS Project; 500 when absent) and ``release`` (the earliest period the
  task may start, e.g. its project's start on a portfolio timeline);
* ``capacities`` maps each resource to the units available per period (a
  dict, or a Series indexed by resource).

The levelling engine is the **serial schedule generation scheme** (serial
SGS) with a priority rule: take the tasks one by one, the highest-priority
task whose predecessors are all scheduled first, and start each at the
earliest period where its links and the free capacity allow it (Kelley,
1963; Kolisch, "Serial and parallel resource-constrained project scheduling
methods revisited: Theory and computation", *EJOR* 90, 1996, pp. 320–333).
Many schedules can be sampled, biased by the rule (regret-based biased random
sampling, Kolisch 1996 and Kolisch & Hartmann 1999), and improved by
forward-backward justification (Li & Willis, *EJOR* 56, 1992; Valls,
Ballestín & Quintanilla, "Justification and RCPSP: A technique that pays",
*EJOR* 165, 2005, pp. 375–386). Finding the shortest levelled schedule is
NP-hard (Blazewicz, Lenstra & Rinnooy Kan, 1983): these are heuristics, good
ones, checked against the proven optima of PSPLIB (``benchmarks/levelling.py``).

>>> import pandas as pd
>>> tasks = pd.DataFrame({"id": ["A", "B", "C"], "duration": [3, 2, 2],
...                       "predecessors": ["", "", "A"], "DEV": [2, 2, 1]})
>>> level(tasks, {"DEV": 3})[["start", "finish"]]
    start  finish
id
A       0       3
B       3       5
C       3       5
"""

from __future__ import annotations

import math
from collections import namedtuple
from pathlib import Path

import numpy as np
import pandas as pd

from .calendars import WORK_WEEK, as_calendar
from .columns import require_columns
from .errors import InputError
from .schedule import cpm, parse_predecessors, topological_order

__all__ = [
    "RULES",
    "ResourceError",
    "Smoothed",
    "level",
    "overallocations",
    "portfolio_tasks",
    "read_psplib",
    "resource_profile",
    "smooth",
    "with_dates",
]


class ResourceError(InputError):
    """Resource data the kit cannot work with: unknown resource, bad demand or capacity."""


#: The priority rules :func:`level` knows, with what each puts first.
RULES = {
    "lft": "latest finish time first (smallest LF of the precedence-only schedule)",
    "lst": "latest start time first (smallest LS)",
    "total_float": "least total float first (LS - ES)",
    "successors": "most total successors first (all tasks that follow, directly or not)",
    "priority": "highest project priority, then highest task priority, then smallest LF "
                "(as MS Project levels across projects)",
}

#: Columns of a task table that are never resources.
RESERVED = frozenset({
    "id", "project", "name", "wbs", "duration", "optimistic", "most_likely", "pessimistic",
    "predecessors", "milestone", "cost_eur", "contingency_eur", "release", "priority",
    "project_priority",
    "start", "finish", "es", "ef", "ls", "lf", "total_float", "free_float", "critical",
    "delay", "early_start", "shift", "task_id", "resource", "units",
})

_EPS = 1e-9
_FS, _SS, _FF, _SF = 0, 1, 2, 3
_CODE = {"FS": _FS, "SS": _SS, "FF": _FF, "SF": _SF}
_MIRROR = {_FS: _FS, _SS: _FF, _FF: _SS, _SF: _SF}  # a link seen backwards in time


# --- loading and over-allocation ----------------------------------------------


def resource_profile(schedule, demands, by_project=False):
    """The units of each resource needed in each period by a schedule.

    ``schedule`` is indexed by task id and has ``start`` and ``finish`` (as
    :func:`level` returns them) or ``es`` and ``ef`` (as
    :func:`~pmo_lessons.schedule.cpm` returns them), in whole periods.
    ``demands`` is either a long table ``task_id, resource, units`` (like the
    company's ``assignments.csv``) or a task table with one column per
    resource (every numeric column not in :data:`RESERVED`). A task running
    from ``s`` to ``f`` loads periods ``s … f - 1`` with its units.

    Returns a DataFrame indexed by ``period`` (0 to the last period worked),
    one column per resource; with ``by_project=True`` the columns are
    ``(resource, project)`` pairs, the project read from a ``project`` column
    of the schedule or of ``demands``. The task-level detail is kept in
    ``profile.attrs["loads"]`` for :func:`overallocations`.

    Source: the resource loading histogram, PMI, *Practice Standard for
    Scheduling* (3rd ed., 2019), section 4.8; Harris, *Precedence and
    Arrow Networking Techniques for Construction* (Wiley, 1978), ch. 9.

    Raises :class:`ResourceError` for a task of ``demands`` that the schedule
    does not have, or a negative or missing demand.

    >>> schedule = pd.DataFrame({"start": [0, 1], "finish": [2, 3]},
    ...                         index=pd.Index(["A", "B"], name="id"))
    >>> demands = pd.DataFrame({"task_id": ["A", "B", "B"], "resource": ["QA", "QA", "DEV"],
    ...                         "units": [1, 2, 1]})
    >>> resource_profile(schedule, demands)
    resource  DEV  QA
    period
    0         0.0  1.0
    1         1.0  3.0
    2         1.0  2.0
    """
    starts, finishes = _schedule_times(schedule)
    long = _long_demands(demands)
    projects = _projects_of(schedule, demands)
    loads = []
    for task_id, resource, units in long:
        if task_id not in starts:
            raise ResourceError(
                f"Task {task_id} has a demand for {resource} but is not in the schedule; "
                f"the schedule's tasks are {_sample(starts)}."
            )
        loads.append((task_id, projects.get(task_id, ""), resource, units,
                      starts[task_id], finishes[task_id]))
    horizon = max(list(finishes.values()) + [0])
    resources = sorted({load[2] for load in loads})
    if by_project:
        columns = sorted({(load[2], load[1]) for load in loads})
        index = pd.MultiIndex.from_tuples(columns, names=["resource", "project"])
    else:
        columns = resources
        index = pd.Index(columns, name="resource")
    position = {c: i for i, c in enumerate(columns)}
    table = np.zeros((horizon, len(columns)))
    for _task_id, project, resource, units, start, finish in loads:
        column = position[(resource, project) if by_project else resource]
        table[start:finish, column] += units
    profile = pd.DataFrame(table, index=pd.RangeIndex(horizon, name="period"), columns=index)
    profile.attrs["loads"] = tuple(loads)
    return profile


def overallocations(profile, capacities):
    """Where and when demand exceeds capacity, and who competes there.

    ``profile`` comes from :func:`resource_profile` (either form);
    ``capacities`` maps each resource to its units per period. Returns one
    row per run of consecutive over-allocated periods of a resource:
    ``resource, start, finish`` (the run covers periods ``start … finish - 1``),
    ``periods``, ``peak`` (the highest demand), ``capacity``, ``excess``
    (peak - capacity), ``projects`` and ``tasks`` (comma-separated, those
    that use the resource during the run; ``tasks`` needs the profile's
    ``attrs["loads"]``, which :func:`resource_profile` writes).

    Raises :class:`ResourceError` for a resource of the profile that has no
    capacity (an unknown resource) or a capacity that is not a number >= 0.

    >>> schedule = pd.DataFrame({"start": [0, 1], "finish": [2, 3]},
    ...                         index=pd.Index(["A", "B"], name="id"))
    >>> demands = pd.DataFrame({"task_id": ["A", "B"], "resource": ["QA", "QA"],
    ...                         "units": [1, 2]})
    >>> overallocations(resource_profile(schedule, demands), {"QA": 2})
      resource  start  finish  periods  peak  capacity  excess projects tasks
    0       QA      1       2        1   3.0       2.0     1.0           A, B
    """
    capacity = _capacities(capacities)
    if isinstance(profile.columns, pd.MultiIndex):
        totals = profile.T.groupby(level=0).sum().T
    else:
        totals = profile
    loads = profile.attrs.get("loads", ())
    rows = []
    for resource in totals.columns:
        if resource not in capacity:
            raise ResourceError(
                f"Resource {resource!r} of the profile has no capacity; capacities are given "
                f"for {_sample(capacity)}."
            )
        over = totals[resource].to_numpy() > capacity[resource] + _EPS
        period = 0
        while period < len(over):
            if not over[period]:
                period += 1
                continue
            end = period
            while end < len(over) and over[end]:
                end += 1
            users = [load for load in loads if load[2] == resource and load[4] < end and load[5] > period]
            if isinstance(profile.columns, pd.MultiIndex):
                part = profile.xs(resource, axis=1, level=0).iloc[period:end]
                projects = [p for p in part.columns if part[p].sum() > 0]
            else:
                projects = sorted({load[1] for load in users if load[1]})
            peak = float(totals[resource].iloc[period:end].max())
            rows.append((resource, period, end, end - period, peak, float(capacity[resource]),
                         peak - capacity[resource], ", ".join(str(p) for p in projects if p),
                         ", ".join(load[0] for load in users)))
            period = end
    return pd.DataFrame(rows, columns=["resource", "start", "finish", "periods", "peak",
                                       "capacity", "excess", "projects", "tasks"])


# --- levelling -------------------------------------------------------------------


def level(tasks, capacities, rule="lft", iterations=1, seed=None, demands=None):
    """Level resources: delay tasks until no resource is over its capacity.

    ``tasks`` is a task table (see the module's help) with one column per
    resource of ``capacities`` holding the units each task needs per period
    (a missing column means no task needs that resource); or pass the units
    as a long table ``task_id, resource, units`` in ``demands``. Durations and
    lags must be whole periods.

    ``rule`` is one of :data:`RULES`. With ``iterations=1`` the result is
    the classic single pass of the serial SGS with that rule, ties broken by
    the order of the table. With ``iterations=n > 1``, ``n`` schedules are
    sampled, each task being picked among the eligible ones with a
    probability that grows with its regret under the rule (regret-based
    biased random sampling; the first sample is the single pass); each
    sample is improved by one round of forward-backward justification, the
    best one until it stops improving, and the shortest schedule is kept.
    The same ``seed`` gives the same schedule. Sampling stops early when a
    schedule reaches a lower bound (the critical path, or a resource's
    total work over its capacity): it cannot be beaten.

    Returns a DataFrame indexed by task id, in the order of ``tasks``, with
    ``start``, ``finish`` (whole periods), ``early_start`` (without resource
    limits) and ``delay`` (start - early_start), plus ``project`` when the
    table has it. The result never exceeds a capacity and keeps every link.

    Sources: Kolisch, *EJOR* 90 (1996) 320–333 (serial SGS, priority rules,
    sampling); Kolisch & Hartmann, "Heuristic algorithms for solving the
    resource-constrained project scheduling problem", in Węglarz (ed.),
    *Project Scheduling: Recent Models, Algorithms and Applications* (Kluwer,
    1999), pp. 147–178 (regret-based biased random sampling); Valls, Ballestín
    & Quintanilla, *EJOR* 165 (2005) 375–386 (justification).

    Raises :class:`ResourceError` for a task that needs more of a resource
    than its capacity (no schedule could fit it), a negative or missing
    demand, an unknown resource in ``demands``, a capacity that is not a
    number >= 0, a non-integer duration or lag, or an unknown rule; and
    :class:`~pmo_lessons.errors.NetworkError` for a network :func:`cpm`
    rejects.

    Two developers, three tasks that each need some of them:

    >>> tasks = pd.DataFrame({"id": ["A", "B", "C"], "duration": [2, 3, 2],
    ...                       "predecessors": ["", "", "A"], "DEV": [1, 2, 1]})
    >>> level(tasks, {"DEV": 2})
        start  finish  early_start  delay
    id
    A       0       2            0      0
    B       2       5            0      2
    C       5       7            2      3
    >>> level(tasks, {"DEV": 2}, rule="successors")["finish"].max()
    np.int64(7)
    """
    problem = _problem(tasks, capacities, demands)
    if rule not in RULES:
        raise ResourceError(f"Unknown priority rule {rule!r}; the rules are {', '.join(RULES)}.")
    try:
        iterations = int(iterations)
    except (TypeError, ValueError):
        raise ResourceError(f"iterations must be a whole number >= 1, not {iterations!r}.") from None
    if iterations < 1:
        raise ResourceError(f"iterations must be a whole number >= 1, not {iterations}.")
    starts = _level(problem, rule, iterations, seed)
    return _result(problem, starts, tasks)


def _level(problem, rule, iterations, seed, alpha=1.0, batch=128):
    """The levelling engine on a prepared problem: start periods of the tasks.

    One pass is plain Python (fast for one schedule); sampling runs ``batch``
    schedules at a time through a numpy version of the same serial SGS, each
    followed by one forward-backward round, and keeps the shortest.
    """
    key = _priorities(problem, rule)
    best = _serial(problem, key)
    if iterations == 1:
        return best
    bound = _lower_bound(problem)
    best_span = _makespan(problem, best)
    best, best_span = _justify(problem, best, best_span, rounds=None)
    rng = np.random.default_rng(seed)
    arrays = _Arrays(problem)
    keys = np.array(key, dtype=float)
    left = iterations - 1
    size = min(8, batch)  # small first batches: easy networks stop at the bound early
    while left > 0 and best_span > bound:
        count = min(size, left)
        left -= count
        size = min(2 * size, batch)
        starts = arrays.serial(np.broadcast_to(keys, (count, problem.n)), rng, alpha)
        starts = arrays.justify(starts)
        spans = (starts + arrays.dur).max(axis=1)
        pick = int(np.argmin(spans))
        if spans[pick] < best_span:
            candidate = [int(x) for x in starts[pick]]
            best, best_span = _justify(problem, candidate, int(spans[pick]), rounds=None)
    return best


class _Arrays:
    """The problem as numpy arrays, to run many serial SGS passes side by side."""

    def __init__(self, p):
        self.n = p.n
        self.dur = np.array(p.dur, dtype=np.int64)
        self.demand = np.zeros((p.n, max(len(p.caps), 1)))
        for j, pairs in enumerate(p.demand):
            for k, r in pairs:
                self.demand[j, k] = r
        self.caps = np.array(p.caps if p.caps else [0.0], dtype=float)
        whole = (np.all(self.demand == np.round(self.demand))
                 and np.all(self.caps == np.round(self.caps)) and self.caps.max() < 2**30)
        if whole:  # whole units (the usual case): integer arithmetic is faster and exact
            self.demand = self.demand.astype(np.int32)
            self.caps = self.caps.astype(np.int32)
        self.longest = int(self.dur.max()) if p.n else 0
        self.horizon = p.horizon
        self.forward = self._links(p.preds, p.succs, np.array(p.release, dtype=np.int64))
        self.backward = self._links(p.succs, p.preds, np.zeros(p.n, dtype=np.int64))

    def _links(self, preds, succs, release):
        width = max((len(x) for x in preds), default=0) or 1
        index = np.zeros((self.n, width), dtype=np.int64)
        kind = np.zeros((self.n, width), dtype=np.int64)
        lag = np.zeros((self.n, width), dtype=np.int64)
        used = np.zeros((self.n, width), dtype=bool)
        for j, links in enumerate(preds):
            for x, (i, k, link_lag) in enumerate(links):
                index[j, x], kind[j, x], lag[j, x], used[j, x] = i, k, link_lag, True
        follows = np.zeros((self.n, self.n), dtype=np.int64)  # follows[i, j]: links i -> j
        for i, links in enumerate(succs):
            for j, _, _ in links:
                follows[i, j] += 1
        waiting = np.array([len(x) for x in preds], dtype=np.int64)
        return index, kind, lag, used, follows, waiting, release

    def serial(self, keys, rng=None, alpha=1.0, backward=False):
        """Serial SGS on a batch: one row of priority keys per schedule (smallest first)."""
        index, kind, lag, used, follows, waiting0, release = (
            self.backward if backward else self.forward)
        rows, n = keys.shape
        row = np.arange(rows)
        slack = 0 if self.caps.dtype.kind == "i" else _EPS
        avail = np.broadcast_to(self.caps[None, :, None],
                                (rows, len(self.caps), self.horizon)).copy()
        start = np.zeros((rows, n), dtype=np.int64)
        finish = np.zeros((rows, n), dtype=np.int64)
        waiting = np.broadcast_to(waiting0, (rows, n)).copy()
        done = np.zeros((rows, n), dtype=bool)
        period = np.arange(self.horizon)
        for _ in range(n):
            eligible = (waiting == 0) & ~done
            if rng is None:
                j = np.argmin(np.where(eligible, keys, np.inf), axis=1)
            else:
                top = np.where(eligible, keys, -np.inf).max(axis=1, keepdims=True)
                weight = np.where(eligible, top - keys, 0.0) + 1.0
                if alpha != 1.0:
                    weight **= alpha
                weight *= eligible
                total = np.cumsum(weight, axis=1)
                u = rng.random(rows)[:, None] * total[:, -1:]
                j = np.argmax(total > u, axis=1)
            d = self.dur[j]
            pi = index[j]
            ps = start[row[:, None], pi]
            pf = finish[row[:, None], pi]
            k, lg = kind[j], lag[j]
            bound = np.where(k == _FS, pf + lg, np.where(k == _SS, ps + lg,
                             np.where(k == _FF, pf + lg - d[:, None], ps + lg - d[:, None])))
            bound = np.where(used[j], bound, 0)
            est = np.maximum(np.maximum(bound.max(axis=1), release[j]), 0)
            need = self.demand[j]
            reach = int(min(self.horizon, max(finish.max(), est.max()) + d.max() + 1))
            bad = avail[:, 0, :reach] < need[:, 0, None] - slack
            for r in range(1, avail.shape[1]):
                bad |= avail[:, r, :reach] < need[:, r, None] - slack
            count = np.zeros((rows, reach + 1), dtype=np.int32)
            np.cumsum(bad, axis=1, out=count[:, 1:])
            ends = np.minimum(period[None, :reach] + d[:, None], reach)
            clash = np.take_along_axis(count, ends, axis=1) - count[:, :reach]
            fits = (clash == 0) & (period[None, :reach] >= est[:, None]) & (
                period[None, :reach] + d[:, None] <= reach)
            t = np.argmax(fits, axis=1)
            busy = (period[None, :reach] >= t[:, None]) & (period[None, :reach] < (t + d)[:, None])
            avail[:, :, :reach] -= need[:, :, None] * busy[:, None, :]
            start[row, j] = t
            finish[row, j] = t + d
            done[row, j] = True
            waiting -= follows[j]
        return start

    def justify(self, starts):
        """One forward-backward round on a batch; keeps each row's shorter schedule."""
        finish = starts + self.dur
        mirrored = self.serial(-finish.astype(float), backward=True)
        back_span = (mirrored + self.dur).max(axis=1, keepdims=True)
        right = back_span - (mirrored + self.dur)
        forward = self.serial(right.astype(float))
        better = (forward + self.dur).max(axis=1) < finish.max(axis=1)
        return np.where(better[:, None], forward, starts)


# --- smoothing -------------------------------------------------------------------

Smoothed = namedtuple("Smoothed", "schedule moves sum_of_squares_before sum_of_squares_after")
Smoothed.__doc__ = """The result of :func:`smooth`: the smoothed schedule, the moved tasks, and
the sum of squares of the per-period loads before and after."""


def smooth(tasks, capacities=None, demands=None, schedule=None, max_rounds=20):
    """Smooth resources within float: flatten the histogram, keep the end date.

    Starting from ``schedule`` (a :func:`level` result, or by default the
    early-start schedule), each task in turn, from the last-starting one to
    the first, moves to the start within the window its links, its release
    and the end date allow (given where the other tasks stand) that gives the
    least sum of squares of the loads, ``Σ_periods Σ_resources (load /
    capacity)²`` (without ``capacities``, the loads themselves); ties keep
    the earliest start. Rounds repeat until no task moves. This is the
    Burgess method (Burgess & Killebrew, "Variation in activity level on a
    cyclical arrow diagram", *Journal of Industrial Engineering* 13(2), 1962,
    pp. 76–83; Harris, *Precedence and Arrow Networking Techniques for
    Construction*, 1978, ch. 9).

    Smoothing never moves the end date, so it cannot always remove an
    over-allocation: check the result with :func:`overallocations`.

    Returns :class:`Smoothed`: ``schedule`` (indexed by task id: ``start,
    finish, early_start, shift``), ``moves`` (the tasks that moved:
    ``id, from_start, to_start, shift``), and the sum of squares before
    and after.

    >>> tasks = pd.DataFrame({"id": ["A", "B", "C"], "duration": [4, 2, 2],
    ...                       "predecessors": ["", "", ""], "QA": [1, 1, 1]})
    >>> result = smooth(tasks)
    >>> result.moves
      id  from_start  to_start  shift
    0  C           0         2      2
    >>> result.sum_of_squares_before, result.sum_of_squares_after
    (20.0, 16.0)
    """
    if capacities is None:  # no capacities: flatten the raw loads of every resource
        used = {resource for _, resource, _ in _long_demands(tasks if demands is None else demands)}
        problem = _problem(tasks, {r: 1 for r in sorted(used)}, demands, check_capacity=False)
    else:
        problem = _problem(tasks, capacities, demands)
    n = problem.n
    if schedule is None:
        starts = list(problem.es)
    else:
        given, _ = _schedule_times(schedule)
        missing = [t for t in problem.ids if t not in given]
        if missing:
            raise ResourceError(f"The schedule has no start for task(s) {_sample(missing)}.")
        starts = [given[t] for t in problem.ids]
        _check_feasible_links(problem, starts)
    end = _makespan(problem, starts)
    weights = [1.0 / (c * c) if c > 0 else 1.0 for c in problem.caps] if capacities is not None \
        else [1.0] * len(problem.caps)
    load = np.zeros((len(problem.caps), max(end, 1)))
    for j in range(n):
        for k, r in problem.demand[j]:
            load[k, starts[j]:starts[j] + problem.dur[j]] += r
    w = np.array(weights)[:, None]
    before = float((w * load ** 2).sum())
    original = list(starts)
    for _ in range(max_rounds):
        moved = False
        for j in sorted(range(n), key=lambda i: (-starts[i], -i)):
            d, dem = problem.dur[j], problem.demand[j]
            if d == 0 or not dem:
                continue
            low, high = _window(problem, j, starts, end)
            if high <= low:
                continue
            for k, r in dem:
                load[k, starts[j]:starts[j] + d] -= r
            best_t, best_cost = None, math.inf
            for t in range(low, high + 1):
                cost = 0.0
                for k, r in dem:
                    segment = load[k, t:t + d]
                    cost += weights[k] * float(((segment + r) ** 2 - segment ** 2).sum())
                if cost < best_cost - _EPS or (abs(cost - best_cost) <= _EPS and t == starts[j]):
                    best_t, best_cost = t, cost
            for k, r in dem:
                load[k, best_t:best_t + d] += r
            if best_t != starts[j]:
                starts[j] = best_t
                moved = True
        if not moved:
            break
    after = float((w * load ** 2).sum())
    result = _result(problem, starts, tasks).rename(columns={"delay": "shift"})
    moves = pd.DataFrame(
        [(problem.ids[j], original[j], starts[j], starts[j] - original[j])
         for j in range(n) if starts[j] != original[j]],
        columns=["id", "from_start", "to_start", "shift"])
    return Smoothed(result, moves, round(before, 9), round(after, 9))


# --- portfolio helpers -----------------------------------------------------------------


def portfolio_tasks(tasks, assignments, projects, holidays=(), weekmask=WORK_WEEK):
    """One task table for a whole portfolio, on a common working-day timeline.

    ``tasks`` has the :func:`cpm` columns plus ``project``; ``assignments``
    is ``task_id, resource, units``; ``projects`` has ``id``, ``start_date``
    and optionally ``priority``. Each project starts on its own date, so its
    tasks get a ``release``: the number of working days (Monday to Friday by
    ``weekmask``, minus ``holidays``) from the earliest project start, which
    is period 0 and is kept in ``table.attrs["origin"]``. The table has the
    task columns, ``release``, ``project_priority`` (from ``priority``, 500
    when absent) and one column per resource (units per period), ready for
    :func:`level`, :func:`smooth` and :func:`resource_profile`.

    >>> tasks = pd.DataFrame({"id": ["A1", "B1"], "project": ["A", "B"],
    ...                       "duration": [3, 2], "predecessors": ["", ""]})
    >>> assignments = pd.DataFrame({"task_id": ["A1", "B1"], "resource": ["BA", "BA"],
    ...                             "units": [1, 2]})
    >>> projects = pd.DataFrame({"id": ["A", "B"], "start_date": ["2026-03-02", "2026-03-09"],
    ...                          "priority": [900, 400]})
    >>> table = portfolio_tasks(tasks, assignments, projects)
    >>> table[["id", "release", "project_priority", "BA"]]
       id  release  project_priority   BA
    0  A1        0               900  1.0
    1  B1        5               400  2.0
    >>> table.attrs["origin"]
    Timestamp('2026-03-02 00:00:00')
    """
    require_columns(tasks, ["id", "project", "duration"], "tasks", ResourceError)
    require_columns(projects, ["id", "start_date"], "projects", ResourceError)
    calendar = as_calendar(holidays=holidays, weekmask=weekmask)
    starts = {str(p): calendar.working_day(s, 0)
              for p, s in zip(projects["id"], projects["start_date"])}
    unknown = sorted(set(tasks["project"].astype(str)) - set(starts))
    if unknown:
        raise ResourceError(f"tasks name project(s) {', '.join(unknown)} that projects does not list.")
    origin = min(starts.values())
    offsets = {p: calendar.working_days_between(origin, s) for p, s in starts.items()}
    priority = (dict(zip(projects["id"].astype(str), projects["priority"]))
                if "priority" in projects.columns else {})
    table = tasks.reset_index(drop=True).copy()
    table["release"] = table["project"].astype(str).map(offsets).astype(int)
    table["project_priority"] = table["project"].astype(str).map(
        lambda p: int(priority.get(p, 500)))
    long = _long_demands(assignments)
    known = set(table["id"].astype(str))
    wide = {}
    for task_id, resource, units in long:
        if task_id not in known:
            raise ResourceError(f"assignments name task {task_id!r}, which tasks does not have.")
        wide.setdefault(resource, {})[task_id] = units
    for resource in sorted(wide):
        table[resource] = table["id"].astype(str).map(wide[resource]).fillna(0.0).astype(float)
    table.attrs["origin"] = origin
    return table


def with_dates(schedule, origin, holidays=(), weekmask=WORK_WEEK):
    """Add ``start_date`` and ``finish_date`` (the last day worked) to a levelled schedule.

    Period ``p`` is working day ``p`` from ``origin`` (see
    :func:`~pmo_lessons.schedule.working_day`); a task occupies ``start`` to
    ``finish - 1``; a milestone is dated on the day its predecessors end.

    >>> schedule = pd.DataFrame({"start": [0, 3], "finish": [3, 3]},
    ...                         index=pd.Index(["A", "M"], name="id"))
    >>> with_dates(schedule, "2026-03-05")[["start_date", "finish_date"]]
       start_date finish_date
    id
    A  2026-03-05  2026-03-09
    M  2026-03-09  2026-03-09
    """
    calendar = as_calendar(holidays=holidays, weekmask=weekmask)
    starts, finishes = _schedule_times(schedule)
    dated = schedule.copy()
    first, last = [], []
    for task_id in schedule.index:
        s, f = starts[str(task_id)], finishes[str(task_id)]
        if f > s:
            first.append(calendar.working_day(origin, s))
            last.append(calendar.working_day(origin, f - 1))
        else:
            moment = calendar.working_day(origin, max(s - 1, 0))
            first.append(moment)
            last.append(moment)
    dated["start_date"] = pd.to_datetime(first)
    dated["finish_date"] = pd.to_datetime(last)
    return dated


# --- PSPLIB ---------------------------------------------------------------------------


def read_psplib(path):
    """Read a single-mode PSPLIB instance (``.sm``) as ``(tasks, capacities)``.

    PSPLIB (Kolisch & Sprecher, "PSPLIB - A project scheduling problem
    library", *EJOR* 96, 1997, pp. 205–216) describes each job's successors
    (finish-to-start, no lag), duration and demand for renewable resources
    ``R 1 … R K``. The task table has ``id`` (the job number, as text),
    ``duration``, ``predecessors`` and one column per resource, named
    ``R1 … RK``; ``capacities`` is a dict ``{"R1": …}``. Jobs 1 and the last
    are the dummy source and sink (duration 0), so the makespan is the
    sink's finish.

    Raises :class:`ResourceError` for a file that is not a single-mode
    PSPLIB instance, naming the line.
    """
    path = Path(path)
    try:
        lines = path.read_text().splitlines()
    except OSError as error:
        raise ResourceError(f"Cannot read the PSPLIB file {path}: {error.strerror}.") from None

    def section(title):
        for number, line in enumerate(lines):
            if line.strip().upper().startswith(title):
                return number
        raise ResourceError(f"{path.name}: no '{title}' section; is it a PSPLIB .sm file?")

    def numbers(number):
        try:
            return [int(x) for x in lines[number].split()]
        except ValueError:
            raise ResourceError(
                f"{path.name}, line {number + 1}: expected whole numbers, found "
                f"{lines[number].strip()!r}.") from None

    successors, order = {}, []
    number = section("PRECEDENCE RELATIONS") + 2
    while number < len(lines) and not lines[number].startswith("*"):
        if lines[number].strip():
            row = numbers(number)
            if len(row) < 3 or len(row) != 3 + row[2]:
                raise ResourceError(f"{path.name}, line {number + 1}: a precedence row is "
                                    "'job modes count successors...'.")
            if row[1] != 1:
                raise ResourceError(f"{path.name}, line {number + 1}: job {row[0]} has {row[1]} "
                                    "modes; only single-mode (.sm) instances are read.")
            successors[row[0]] = row[3:]
            order.append(row[0])
        number += 1
    header = section("REQUESTS/DURATIONS")
    names = lines[header + 1].split()[3:]
    resources = [f"R{names[i + 1]}" for i in range(0, len(names), 2)]
    durations, requests = {}, {}
    number = header + 3
    while number < len(lines) and not lines[number].startswith("*"):
        if lines[number].strip():
            row = numbers(number)
            if len(row) != 3 + len(resources):
                raise ResourceError(f"{path.name}, line {number + 1}: expected job, mode, duration "
                                    f"and {len(resources)} requests.")
            durations[row[0]] = row[2]
            requests[row[0]] = row[3:]
        number += 1
    number = section("RESOURCEAVAILABILITIES") + 2
    available = numbers(number)
    if len(available) != len(resources) or set(durations) != set(successors):
        raise ResourceError(f"{path.name}: the resources or jobs of its sections do not match.")
    predecessors = {job: [] for job in order}
    for job in order:
        for nxt in successors[job]:
            if nxt not in predecessors:
                raise ResourceError(f"{path.name}: job {job} is followed by unknown job {nxt}.")
            predecessors[nxt].append(str(job))
    tasks = pd.DataFrame({
        "id": [str(job) for job in order],
        "duration": [durations[job] for job in order],
        "predecessors": [", ".join(predecessors[job]) for job in order],
    })
    for k, resource in enumerate(resources):
        tasks[resource] = [requests[job][k] for job in order]
    return tasks, dict(zip(resources, available))


# --- internals: the problem ---------------------------------------------------------------


class _Problem:
    """A task network with demands, as plain lists for a fast inner loop."""

    __slots__ = ("ids", "n", "dur", "preds", "succs", "mirror", "release", "demand", "caps",
                 "resources", "order", "es", "ls", "lf", "horizon", "project_priority",
                 "priority", "projects")


def _problem(tasks, capacities, demands=None, check_capacity=True):
    schedule = cpm(tasks)  # validates ids, durations, links and cycles
    ids = [str(t) for t in schedule.index]
    index = {t: i for i, t in enumerate(ids)}
    n = len(ids)
    p = _Problem()
    p.ids, p.n = ids, n
    p.dur = []
    for task_id, d in zip(ids, schedule["duration"]):
        if not float(d).is_integer():
            raise ResourceError(f"Task {task_id}: duration {d:g} is not a whole number of "
                                "periods; levelling works period by period.")
        p.dur.append(int(d))
    p.preds = [[] for _ in range(n)]
    p.succs = [[] for _ in range(n)]
    links = []
    if "predecessors" in tasks.columns:
        for task_id, text in zip(ids, tasks["predecessors"]):
            links.extend(parse_predecessors(text, successor=task_id))
    for link in links:
        if not float(link.lag).is_integer():
            raise ResourceError(f"Link {link.predecessor} -> {link.successor}: lag {link.lag:g} "
                                "is not a whole number of periods.")
        i, j = index[link.predecessor], index[link.successor]
        p.preds[j].append((i, _CODE[link.type], int(link.lag)))
        p.succs[i].append((j, _MIRROR[_CODE[link.type]], int(link.lag)))
    p.order = [index[t] for t in topological_order(ids, links)]
    p.release = _int_column(tasks, "release", ids, 0)
    p.project_priority = _int_column(tasks, "project_priority", ids, 500)
    p.priority = _int_column(tasks, "priority", ids, 500)
    p.projects = (tasks["project"].astype(str).tolist() if "project" in tasks.columns
                  else [""] * n)

    capacity = _capacities(capacities)
    p.resources = list(capacity)
    p.caps = [capacity[r] for r in p.resources]
    column = {r: k for k, r in enumerate(p.resources)}
    wide = [dict() for _ in range(n)]
    if demands is not None:
        for task_id, resource, units in _long_demands(demands):
            if task_id not in index:
                raise ResourceError(f"demands name task {task_id!r}, which is not in tasks.")
            if resource not in column:
                raise ResourceError(f"Task {task_id} needs resource {resource!r}, which has no "
                                    f"capacity; known resources are {_sample(p.resources)}.")
            wide[index[task_id]][column[resource]] = units
    else:
        for resource in p.resources:
            if resource not in tasks.columns:
                continue
            for task_id, raw in zip(ids, tasks[resource]):
                units = _units(raw, task_id, resource)
                if units:
                    wide[index[task_id]][column[resource]] = units
    p.demand = []
    for j in range(n):
        pairs = []
        for k, units in sorted(wide[j].items()):
            if check_capacity and units > p.caps[k] + _EPS:
                raise ResourceError(
                    f"Task {ids[j]} needs {units:g} {p.resources[k]} per period but the capacity "
                    f"is {p.caps[k]:g}: no schedule can fit it. Lower its units (and lengthen "
                    "it), or raise the capacity.")
            if units > 0 and p.dur[j] > 0:
                pairs.append((k, units))
        p.demand.append(pairs)
    _dates(p)
    return p


def _dates(p):
    """Early and late dates with releases (whole periods), into the problem."""
    es, ef = [0] * p.n, [0] * p.n
    for j in p.order:
        t = p.release[j]
        d = p.dur[j]
        for i, kind, lag in p.preds[j]:
            t = max(t, _bound(kind, lag, es[i], ef[i], d))
        es[j], ef[j] = t, t + d
    end = max(ef, default=0)
    lf = [end] * p.n
    for i in reversed(p.order):
        finish = end
        for j, kind, lag in p.succs[i]:  # mirrored links: successor j seen backwards
            finish = min(finish, -_bound(kind, lag, -(lf[j]), -(lf[j] - p.dur[j]), p.dur[i]) + 0)
        lf[i] = finish
    p.es, p.lf = es, lf
    p.ls = [lf[j] - p.dur[j] for j in range(p.n)]
    positive = sum(max(lag, 0) for preds in p.preds for _, _, lag in preds)
    p.horizon = sum(p.dur) + positive + max(p.release, default=0) + max(p.dur, default=0) + 2


def _bound(kind, lag, start, finish, duration):
    """Earliest start of a successor of ``duration`` allowed by one link."""
    if kind == _FS:
        return finish + lag
    if kind == _SS:
        return start + lag
    if kind == _FF:
        return finish + lag - duration
    return start + lag - duration  # SF


def _priorities(p, rule):
    """A key per task: the task with the smallest key goes first."""
    if rule == "lft":
        return [float(x) for x in p.lf]
    if rule == "lst":
        return [float(x) for x in p.ls]
    if rule == "total_float":
        return [float(p.ls[j] - p.es[j]) for j in range(p.n)]
    if rule == "successors":
        followers = [set() for _ in range(p.n)]
        for i in reversed(p.order):
            for j, _, _ in p.succs[i]:
                followers[i].add(j)
                followers[i] |= followers[j]
        return [-float(len(f)) for f in followers]
    ranked = sorted(range(p.n), key=lambda j: (-p.project_priority[j], -p.priority[j], p.lf[j], j))
    key = [0.0] * p.n
    for rank, j in enumerate(ranked):
        key[j] = float(rank)
    return key


def _lower_bound(p):
    """No levelled schedule can be shorter: critical path, and work / capacity per resource."""
    bound = max((p.es[j] + p.dur[j] for j in range(p.n)), default=0)
    work = [0.0] * len(p.caps)
    for j in range(p.n):
        for k, r in p.demand[j]:
            work[k] += r * p.dur[j]
    for k, total in enumerate(work):
        if p.caps[k] > 0:
            bound = max(bound, math.ceil(total / p.caps[k] - _EPS))
    return bound


def _makespan(p, starts):
    return max((starts[j] + p.dur[j] for j in range(p.n)), default=0)


# --- internals: the serial schedule generation scheme --------------------------------------


def _serial(p, key, preds=None, succs=None, release=None):
    """Serial SGS, one schedule in plain Python: tasks one by one at their earliest feasible start.

    A task is eligible once all its predecessors are scheduled; the eligible
    task with the smallest key goes first (ties: table order). Its earliest
    start honours every link (FS/SS/FF/SF with lags) from the scheduled
    predecessors and its release; then it moves right until every resource
    it needs is free for its whole duration. (:class:`_Arrays` runs the same
    scheme on many schedules at once, with biased random picks.)
    """
    preds = p.preds if preds is None else preds
    succs = p.succs if succs is None else succs
    release = p.release if release is None else release
    n, dur, demand, caps = p.n, p.dur, p.demand, p.caps
    avail = [[c] * p.horizon for c in caps]
    waiting = [len(preds[j]) for j in range(n)]
    eligible = [j for j in range(n) if waiting[j] == 0]
    start = [0] * n
    finish = [0] * n
    for _ in range(n):
        pick = min(range(len(eligible)), key=lambda x: (key[eligible[x]], eligible[x]))
        j = eligible[pick]
        eligible[pick] = eligible[-1]
        eligible.pop()
        d = dur[j]
        t = release[j]
        for i, kind, lag in preds[j]:
            if kind == 0:
                c = finish[i] + lag
            elif kind == 1:
                c = start[i] + lag
            elif kind == 2:
                c = finish[i] + lag - d
            else:
                c = start[i] + lag - d
            if c > t:
                t = c
        if t < 0:
            t = 0
        dem = demand[j]
        if dem:
            while True:
                end = t + d
                if end > len(avail[0]):
                    for a, c in zip(avail, caps):
                        a.extend([c] * (end - len(a) + p.horizon))
                for k, r in dem:
                    a = avail[k]
                    if min(a[t:end]) < r - 1e-9:
                        q = end - 1
                        while a[q] >= r - 1e-9:
                            q -= 1
                        t = q + 1
                        break
                else:
                    break
            for k, r in dem:
                a = avail[k]
                a[t:end] = [x - r for x in a[t:end]]
        start[j] = t
        finish[j] = t + d
        for s, _, _ in succs[j]:
            waiting[s] -= 1
            if waiting[s] == 0:
                eligible.append(s)
    return start


def _justify(p, starts, span, rounds):
    """Forward-backward improvement: right-justify, then left-justify, while it helps.

    Backward pass: a serial SGS on the network seen backwards in time (links
    mirrored: SS <-> FF), tasks taken latest finish first; forward pass: a
    serial SGS taking tasks in the order of those right-justified starts.
    Each pass keeps the schedule at most as long (Valls et al., 2005);
    ``rounds=None`` repeats until the makespan stops falling.
    """
    done = 0
    while rounds is None or done < rounds:
        done += 1
        finish_key = [-(starts[j] + p.dur[j]) for j in range(p.n)]
        mirrored = _serial(p, finish_key, preds=p.succs, succs=p.preds, release=[0] * p.n)
        back_span = _makespan(p, mirrored)
        right = [back_span - (mirrored[j] + p.dur[j]) for j in range(p.n)]
        forward = _serial(p, [float(x) for x in right])
        forward_span = _makespan(p, forward)
        if forward_span < span:
            starts, span = forward, forward_span
        else:
            break
    return starts, span


def _check_feasible_links(p, starts):
    for j in range(p.n):
        if starts[j] < p.release[j]:
            raise ResourceError(f"The schedule starts task {p.ids[j]} at {starts[j]}, before its "
                                f"release {p.release[j]}.")
        for i, kind, lag in p.preds[j]:
            if starts[j] < _bound(kind, lag, starts[i], starts[i] + p.dur[i], p.dur[j]):
                raise ResourceError(f"The schedule breaks the link {p.ids[i]} -> {p.ids[j]}.")


def _window(p, j, starts, end):
    """The starts task j can take with the other tasks where they are, end date fixed."""
    d = p.dur[j]
    low = max(p.release[j], 0)
    for i, kind, lag in p.preds[j]:
        low = max(low, _bound(kind, lag, starts[i], starts[i] + p.dur[i], d))
    high = end - d
    for s, kind, lag in p.succs[j]:
        # the link j -> s seen backwards: the latest start of j that keeps it
        forward = {_FS: _FS, _FF: _SS, _SS: _FF, _SF: _SF}[kind]
        ds = p.dur[s]
        if forward == _FS:
            high = min(high, starts[s] - lag - d)
        elif forward == _SS:
            high = min(high, starts[s] - lag)
        elif forward == _FF:
            high = min(high, starts[s] + ds - lag - d)
        else:
            high = min(high, starts[s] + ds - lag)
    return low, high


def _result(p, starts, tasks):
    result = pd.DataFrame(
        {
            "start": np.array(starts, dtype="int64"),
            "finish": np.array([starts[j] + p.dur[j] for j in range(p.n)], dtype="int64"),
            "early_start": np.array(p.es, dtype="int64"),
        },
        index=pd.Index(p.ids, name="id"),
    )
    result["delay"] = result["start"] - result["early_start"]
    if "project" in tasks.columns:
        result["project"] = p.projects
    return result


# --- internals: reading inputs ------------------------------------------------------------


def _capacities(capacities):
    if isinstance(capacities, pd.Series):
        capacities = capacities.to_dict()
    if not isinstance(capacities, dict):
        raise ResourceError("capacities must map each resource to its units per period, e.g. "
                            f"{{'DEV': 8, 'QA': 5}}, not {type(capacities).__name__}.")
    result = {}
    for resource, raw in capacities.items():
        try:
            value = float(raw)
        except (TypeError, ValueError):
            value = math.nan
        if math.isnan(value) or value < 0 or math.isinf(value) or isinstance(raw, bool):
            raise ResourceError(f"Capacity of {resource!r} is {raw!r}; it must be a number of "
                                "units per period >= 0.")
        result[str(resource)] = value
    return result


def _units(raw, task_id, resource):
    try:
        value = float(raw)
    except (TypeError, ValueError):
        value = math.nan
    if math.isnan(value) or math.isinf(value) or isinstance(raw, bool):
        raise ResourceError(f"Task {task_id}: the units of {resource} are {raw!r}; write a number "
                            ">= 0 (0 when the task does not need it).")
    if value < 0:
        raise ResourceError(f"Task {task_id}: negative demand {value:g} for {resource}; units "
                            "must be >= 0.")
    return value


def _long_demands(demands):
    """(task_id, resource, units) triples from a long or a wide demand table."""
    if not isinstance(demands, pd.DataFrame):
        raise ResourceError(f"demands must be a DataFrame, not {type(demands).__name__}.")
    if {"task_id", "resource", "units"} <= set(demands.columns):
        triples = []
        for task_id, resource, units in zip(demands["task_id"], demands["resource"], demands["units"]):
            value = _units(units, task_id, resource)
            if value:
                triples.append((str(task_id), str(resource), value))
        return triples
    ids = (demands["id"] if "id" in demands.columns else demands.index).astype(str).tolist()
    triples = []
    for column in demands.columns:
        if column in RESERVED or not pd.api.types.is_numeric_dtype(demands[column]):
            continue
        for task_id, raw in zip(ids, demands[column]):
            value = _units(raw, task_id, column)
            if value:
                triples.append((task_id, str(column), value))
    return triples


def _schedule_times(schedule):
    if not isinstance(schedule, pd.DataFrame):
        raise ResourceError(f"schedule must be a DataFrame, not {type(schedule).__name__}.")
    if {"start", "finish"} <= set(schedule.columns):
        first, last = "start", "finish"
    elif {"es", "ef"} <= set(schedule.columns):
        first, last = "es", "ef"
    else:
        raise ResourceError("schedule needs columns start and finish (from level) or es and ef "
                            "(from cpm), indexed by task id.")
    starts, finishes = {}, {}
    for task_id, s, f in zip(schedule.index.astype(str), schedule[first], schedule[last]):
        if not (float(s).is_integer() and float(f).is_integer()) or f < s or s < 0:
            raise ResourceError(f"Task {task_id}: start {s} and finish {f} must be whole periods "
                                ">= 0, the finish not before the start.")
        starts[task_id], finishes[task_id] = int(s), int(f)
    return starts, finishes


def _projects_of(schedule, demands):
    if "project" in schedule.columns:
        return dict(zip(schedule.index.astype(str), schedule["project"].astype(str)))
    if "project" in demands.columns:
        for column in ("task_id", "id"):
            if column in demands.columns:
                return dict(zip(demands[column].astype(str), demands["project"].astype(str)))
        return dict(zip(demands.index.astype(str), demands["project"].astype(str)))
    return {}


def _int_column(tasks, column, ids, default):
    if column not in tasks.columns:
        return [default] * len(ids)
    values = []
    for task_id, raw in zip(ids, tasks[column]):
        try:
            value = float(raw)
        except (TypeError, ValueError):
            value = math.nan
        if math.isnan(value) or not value.is_integer() or value < 0:
            raise ResourceError(f"Task {task_id}: {column} is {raw!r}; it must be a whole "
                                "number >= 0.")
        values.append(int(value))
    return values


def _sample(values, limit=8):
    values = [str(v) for v in values]
    shown = ", ".join(values[:limit])
    return shown + (f" and {len(values) - limit} more" if len(values) > limit else "") or "none"
