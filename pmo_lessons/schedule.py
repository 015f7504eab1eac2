"""Planning: task networks, the critical path method (CPM), PERT and calendars.

A task table is a pandas DataFrame with one row per task:

``id``
    a unique label, without spaces or commas (``"A"``, ``"ERP-07"``);
``duration``
    in periods (working days in this course), a number >= 0; 0 is a milestone;
``predecessors`` (optional)
    a comma-separated string of references, each ``ID``, ``ID TYPE`` or
    ``ID TYPE±LAG``: ``"A, B SS+2, C FF-1"``. TYPE is one of FS (finish to
    start, the default), SS, FF or SF; LAG is in periods (0 by default), a
    negative lag is a lead.

Conventions (activity on node, as in PMI, *Practice Standard for Scheduling*,
3rd ed., 2019, and in MS Project):

* time is counted in periods from 0: a task with early start (``es``) 0 starts
  at the beginning of the first period; early finish ``ef = es + duration``;
* a task never starts before the project start, 0;
* a link ``A -> B`` of type FS with lag L means ``start(B) >= finish(A) + L``;
  SS: ``start(B) >= start(A) + L``; FF: ``finish(B) >= finish(A) + L``;
  SF: ``finish(B) >= start(A) + L``;
* total float = ``ls - es`` (how far a task can slip without moving the end
  date); free float = how far it can slip without moving any successor's
  early start (or the project's early finish, for a task with no successor);
* a task is critical when its total float equals the smallest total float in
  the network: 0 with no deadline, negative when a deadline is missed.

>>> import pandas as pd
>>> tasks = pd.DataFrame({"id": ["A", "B", "C"], "duration": [3, 2, 4],
...                       "predecessors": ["", "A", "A"]})
>>> cpm(tasks)[["es", "ef", "total_float", "critical"]]
    es  ef  total_float  critical
id
A  0.0 3.0          0.0      True
B  3.0 5.0          2.0     False
C  3.0 7.0          0.0      True
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

import pandas as pd

from .calendars import WORK_WEEK, as_calendar, working_day
from .columns import require_columns
from .errors import NetworkError

__all__ = [
    "LINK_TYPES",
    "Link",
    "NetworkError",
    "parse_predecessors",
    "links_table",
    "cpm",
    "critical_path",
    "pert",
    "pert_probability",
    "topological_order",
    "working_day",
    "to_dates",
    "project_dates",
]

LINK_TYPES = ("FS", "SS", "FF", "SF")

#: Tolerance when comparing floats computed from durations and lags.
_EPS = 1e-9

_REFERENCE = re.compile(
    r"""^\s*
    (?P<id>[^\s,]+)                         # the predecessor's id
    (?:\s+(?P<type>[A-Za-z]{2})             # FS, SS, FF or SF
       (?:\s*(?P<lag>[+-]\s*\d+(?:\.\d+)?))?  # optional signed lag
    )?
    \s*$""",
    re.VERBOSE,
)


@dataclass(frozen=True)
class Link:
    """One precedence link: ``successor`` depends on ``predecessor``.

    >>> Link("A", "B", "SS", 2)
    Link(predecessor='A', successor='B', type='SS', lag=2)
    """

    predecessor: str
    successor: str
    type: str = "FS"
    lag: float = 0


def parse_predecessors(text, successor="?"):
    """Parse a predecessors cell into a list of :class:`Link`.

    ``successor`` is the task that owns the cell; it is named in error
    messages and stored in each link.

    >>> for link in parse_predecessors("A, B SS+2, C FF-1", successor="D"):
    ...     print(link)
    Link(predecessor='A', successor='D', type='FS', lag=0)
    Link(predecessor='B', successor='D', type='SS', lag=2)
    Link(predecessor='C', successor='D', type='FF', lag=-1)
    >>> parse_predecessors("")
    []
    """
    if text is None or (isinstance(text, float) and math.isnan(text)):
        return []
    if not isinstance(text, str):
        raise NetworkError(
            f"Task {successor}: predecessors must be text such as 'A, B SS+2', "
            f"not {text!r}."
        )
    links = []
    for part in text.split(","):
        if not part.strip():
            if text.strip():
                raise NetworkError(
                    f"Task {successor}: empty reference in predecessors {text!r} "
                    "(two commas in a row, or a comma at an end?)."
                )
            continue
        match = _REFERENCE.match(part)
        if match is None:
            raise NetworkError(
                f"Task {successor}: cannot read the reference {part.strip()!r} in "
                f"predecessors {text!r}. Write ID, 'ID TYPE' or 'ID TYPE+LAG', "
                "e.g. 'A', 'B SS', 'C FS+2', 'D FF-1'."
            )
        link_type = (match["type"] or "FS").upper()
        if link_type not in LINK_TYPES:
            raise NetworkError(
                f"Task {successor}: unknown link type {match['type']!r} in "
                f"{part.strip()!r}; valid types are {', '.join(LINK_TYPES)}."
            )
        lag = 0
        if match["lag"]:
            lag_text = match["lag"].replace(" ", "")
            lag = float(lag_text)
            if lag.is_integer():
                lag = int(lag)
        links.append(Link(match["id"], successor, link_type, lag))
    return links


def links_table(tasks):
    """The links of a task table as a DataFrame ``predecessor, successor, type, lag``.

    This is the format :func:`cpm` accepts as ``links``; it is handy to look at
    a network, or to edit links in a table rather than in strings.

    >>> tasks = pd.DataFrame({"id": ["A", "B"], "duration": [1, 1],
    ...                       "predecessors": ["", "A SS+1"]})
    >>> links_table(tasks)
      predecessor successor type  lag
    0           A         B   SS    1
    """
    require_columns(tasks, ["id"], "tasks", NetworkError)
    links = []
    if "predecessors" in tasks.columns:
        for task_id, text in zip(tasks["id"], tasks["predecessors"]):
            links.extend(parse_predecessors(text, successor=str(task_id)))
    return pd.DataFrame(
        [(link.predecessor, link.successor, link.type, link.lag) for link in links],
        columns=["predecessor", "successor", "type", "lag"],
    )


def cpm(tasks, links=None, deadline=None):
    """Schedule a task network with the critical path method.

    ``tasks`` has columns ``id``, ``duration`` and optionally ``predecessors``
    (see the module's help for the grammar). ``links``, when given, is a
    DataFrame with columns ``predecessor, successor, type, lag`` and replaces
    the predecessors column. ``deadline``, when given, is the period by which
    the project must finish: the backward pass starts from it, so float is
    negative when the network cannot meet it.

    Returns a DataFrame indexed by task id (in the order of ``tasks``) with
    columns ``duration, es, ef, ls, lf, total_float, free_float, critical``.

    Forward pass: ``es = max(0, constraint of every link)``, ``ef = es + d``.
    Backward pass: ``lf = min(end, constraint of every link)``, ``ls = lf - d``,
    where ``end`` is the deadline or the project's early finish. Source: PMI,
    *Practice Standard for Scheduling* (3rd ed., 2019), section 4.7, and
    Meredith, Mantel & Shafer, *Project Management: A Strategic Managerial
    Approach* (10th ed., 2017), chapter 8.

    Raises :class:`NetworkError` for a missing column, a duplicate or unknown
    id, a missing or negative duration, a reference that does not parse, or a
    cycle (whose tasks it names).

    B starts 2 periods after A starts; C follows A's finish:

    >>> tasks = pd.DataFrame({"id": ["A", "B", "C"], "duration": [4, 3, 2],
    ...                       "predecessors": ["", "A SS+2", "A"]})
    >>> cpm(tasks)[["es", "ef", "ls", "lf", "total_float", "free_float"]]
         es   ef   ls   lf  total_float  free_float
    id
    A   0.0  4.0  0.0  4.0          0.0         0.0
    B   2.0  5.0  3.0  6.0          1.0         1.0
    C   4.0  6.0  4.0  6.0          0.0         0.0
    """
    ids, durations = _read_tasks(tasks)
    if links is None:
        link_list = []
        if "predecessors" in tasks.columns:
            for task_id, text in zip(ids, tasks["predecessors"]):
                link_list.extend(parse_predecessors(text, successor=task_id))
    else:
        link_list = _read_links(links)
    _check_link_ends(link_list, set(ids))
    order = topological_order(ids, link_list)

    preds = {task_id: [] for task_id in ids}
    succs = {task_id: [] for task_id in ids}
    for link in link_list:
        preds[link.successor].append(link)
        succs[link.predecessor].append(link)

    es, ef = {}, {}
    for task_id in order:
        d = durations[task_id]
        start = 0.0
        for link in preds[task_id]:
            start = max(start, _earliest_start(link, es, ef, d))
        es[task_id] = start
        ef[task_id] = start + d

    early_finish = max(ef.values(), default=0.0)
    end = early_finish if deadline is None else _read_deadline(deadline)

    ls, lf = {}, {}
    for task_id in reversed(order):
        d = durations[task_id]
        finish = end
        for link in succs[task_id]:
            finish = min(finish, _latest_finish(link, ls, lf, d))
        lf[task_id] = finish
        ls[task_id] = finish - d

    free = {}
    for task_id in ids:
        slack = early_finish - ef[task_id]
        for link in succs[task_id]:
            slack = min(slack, _link_slack(link, es, ef))
        free[task_id] = _clean(slack)

    result = pd.DataFrame(
        {
            "duration": [float(durations[t]) for t in ids],
            "es": [_clean(es[t]) for t in ids],
            "ef": [_clean(ef[t]) for t in ids],
            "ls": [_clean(ls[t]) for t in ids],
            "lf": [_clean(lf[t]) for t in ids],
            "free_float": [free[t] for t in ids],
        },
        index=pd.Index(ids, name="id"),
    )
    result.insert(5, "total_float", (result["ls"] - result["es"]).map(_clean))
    least = result["total_float"].min() if len(result) else 0.0
    result["critical"] = result["total_float"] <= least + _EPS
    return result


def critical_path(schedule, tasks=None, links=None):
    """The task ids of one critical path, in order from start to finish.

    ``schedule`` is the result of :func:`cpm`; ``tasks`` (or ``links``) the
    network it was computed from, to follow the driving links. When several
    critical paths run in parallel, the one with the most tasks is returned
    (use :func:`pert_probability` for the one with the greatest variance).

    >>> tasks = pd.DataFrame({"id": ["A", "B", "C", "D"], "duration": [3, 2, 4, 1],
    ...                       "predecessors": ["", "A", "A", "B, C"]})
    >>> critical_path(cpm(tasks), tasks)
    ['A', 'C', 'D']
    """
    paths = _critical_paths(schedule, _links_of(schedule, tasks, links))
    return max(paths, key=len) if paths else []


def pert(tasks):
    """Add PERT's ``expected``, ``variance`` and ``std`` to a task table.

    ``tasks`` needs ``optimistic``, ``most_likely`` and ``pessimistic``
    (O, M, P, in periods, with 0 <= O <= M <= P). Beta approximation:
    ``expected = (O + 4M + P) / 6`` and ``std = (P - O) / 6``, so
    ``variance = ((P - O) / 6) ** 2``. Source: Malcolm, Roseboom, Clark &
    Fazar, "Application of a technique for research and development program
    evaluation", *Operations Research* 7(5), 1959; PMBOK Guide 6th ed., 6.4.2.4.

    >>> tasks = pd.DataFrame({"id": ["A"], "optimistic": [2], "most_likely": [4],
    ...                       "pessimistic": [12]})
    >>> pert(tasks)[["expected", "variance", "std"]].round(3)
       expected  variance    std
    0       5.0     2.778  1.667
    """
    require_columns(tasks, ["optimistic", "most_likely", "pessimistic"], "tasks", NetworkError)
    frame = tasks.copy()
    label = frame["id"].astype(str) if "id" in frame.columns else frame.index.astype(str)
    values = {}
    for column in ("optimistic", "most_likely", "pessimistic"):
        numbers = pd.to_numeric(frame[column], errors="coerce")
        for name, raw, number in zip(label, frame[column], numbers):
            if pd.isna(number):
                raise NetworkError(
                    f"Task {name}: {column} is {raw!r}; it must be a number of periods >= 0."
                )
            if number < 0:
                raise NetworkError(
                    f"Task {name}: {column} is {number:g}; it must be >= 0."
                )
        values[column] = numbers.astype(float)
    o, m, p = values["optimistic"], values["most_likely"], values["pessimistic"]
    for name, a, b, c in zip(label, o, m, p):
        if not a <= b <= c:
            raise NetworkError(
                f"Task {name}: estimates must satisfy optimistic <= most_likely <= "
                f"pessimistic, got {a:g}, {b:g}, {c:g}."
            )
    frame["expected"] = (o + 4 * m + p) / 6
    frame["variance"] = ((p - o) / 6) ** 2
    frame["std"] = (p - o) / 6
    return frame


def pert_probability(tasks, deadline, links=None):
    """Probability of finishing by ``deadline``, PERT's normal approximation.

    The network is scheduled with the PERT expected durations; along its
    critical path the expected durations add up to the mean ``T`` and the
    variances to ``V``; the finish is taken as normal: ``P = Phi((deadline -
    T) / sqrt(V))``. When several paths are critical, the one with the largest
    variance is used (the usual textbook rule). This ignores every other
    path, so it is optimistic (merge bias): the Monte Carlo lesson shows by
    how much. Source: Meredith, Mantel & Shafer, *Project Management* (10th
    ed., 2017), section 8.2; Malcolm et al. (1959).

    >>> tasks = pd.DataFrame({"id": ["A", "B"], "predecessors": ["", "A"],
    ...     "optimistic": [2, 3], "most_likely": [4, 5], "pessimistic": [6, 13]})
    >>> round(pert_probability(tasks, 11), 4)
    0.7113
    """
    estimated = pert(tasks)
    network = estimated.assign(duration=estimated["expected"])
    schedule = cpm(network, links=links)
    paths = _critical_paths(schedule, _links_of(schedule, network, links))
    variance_of = dict(zip(network["id"].astype(str), estimated["variance"]))
    path = max(paths, key=lambda p: (sum(variance_of[t] for t in p), len(p)))
    mean = schedule["ef"].max()
    variance = sum(variance_of[t] for t in path)
    deadline = _read_deadline(deadline)
    if variance == 0:
        return 1.0 if deadline >= mean - _EPS else 0.0
    z = (deadline - mean) / math.sqrt(variance)
    return 0.5 * (1 + math.erf(z / math.sqrt(2)))


# --- calendars ---------------------------------------------------------------


# ``working_day`` lives in pmo_lessons.calendars, with the other calendar functions; it is
# offered here too, beside to_dates, where the planning lesson looks for it.


def to_dates(schedule, start, holidays=(), weekmask=WORK_WEEK):
    """Add calendar dates to a :func:`cpm` schedule.

    Period ``p`` is working day number ``p`` from ``start`` (see
    :func:`working_day`). A task occupies the working days ``es`` to
    ``ef - 1``, so ``start_date`` is working day ``es`` and ``finish_date``
    working day ``ef - 1`` (the last day worked, as MS Project shows it). A
    milestone (duration 0) is dated at the end of the day before ``es``,
    when its predecessors finish, or on ``start`` at the very beginning.
    ``late_finish_date`` is the last day worked at the latest.

    >>> tasks = pd.DataFrame({"id": ["A", "M"], "duration": [3, 0],
    ...                       "predecessors": ["", "A"]})
    >>> dated = to_dates(cpm(tasks), "2026-03-05")
    >>> dated[["start_date", "finish_date"]]
       start_date finish_date
    id
    A  2026-03-05  2026-03-09
    M  2026-03-09  2026-03-09
    """
    calendar = as_calendar(holidays=holidays, weekmask=weekmask)

    def day(period):
        return calendar.working_day(start, max(period, 0))

    dated = schedule.copy()
    starts, finishes, late_finishes = [], [], []
    for es, ef, lf, duration in zip(schedule["es"], schedule["ef"], schedule["lf"],
                                    schedule["duration"]):
        if duration > 0:
            starts.append(day(es))
            finishes.append(day(math.ceil(ef - _EPS) - 1))
            late_finishes.append(day(math.ceil(lf - _EPS) - 1))
        else:
            moment = day(math.ceil(es - _EPS) - 1) if es > _EPS else day(0)
            starts.append(moment)
            finishes.append(moment)
            late_finishes.append(day(math.ceil(lf - _EPS) - 1) if lf > _EPS else day(0))
    dated["start_date"] = pd.to_datetime(starts)
    dated["finish_date"] = pd.to_datetime(finishes)
    dated["late_finish_date"] = pd.to_datetime(late_finishes)
    return dated


# --- internals ---------------------------------------------------------------


def _read_tasks(tasks):
    require_columns(tasks, ["id", "duration"], "tasks", NetworkError)
    ids = []
    for row, raw in enumerate(tasks["id"], start=1):
        if raw is None or (isinstance(raw, float) and math.isnan(raw)) or not str(raw).strip():
            raise NetworkError(f"Row {row} of tasks has no id; every task needs a unique id.")
        task_id = str(raw).strip()
        if re.search(r"[\s,]", task_id):
            raise NetworkError(
                f"Task id {task_id!r} (row {row}) contains a space or a comma; "
                "ids are single words such as 'A' or 'ERP-07'."
            )
        ids.append(task_id)
    seen = set()
    for task_id in ids:
        if task_id in seen:
            raise NetworkError(f"Task id {task_id!r} appears more than once; ids must be unique.")
        seen.add(task_id)
    durations = {}
    for task_id, raw in zip(ids, tasks["duration"]):
        try:
            value = float(raw)
        except (TypeError, ValueError):
            value = math.nan
        if math.isnan(value) or isinstance(raw, bool):
            raise NetworkError(
                f"Task {task_id}: duration is {raw!r}; it must be a number of periods >= 0."
            )
        if value < 0:
            raise NetworkError(f"Task {task_id}: duration is {value:g}; it must be >= 0.")
        if math.isinf(value):
            raise NetworkError(f"Task {task_id}: duration is infinite; it must be finite.")
        durations[task_id] = value
    return ids, durations


def _read_links(links):
    require_columns(links, ["predecessor", "successor"], "links", NetworkError)
    result = []
    has_type, has_lag = "type" in links.columns, "lag" in links.columns
    for row, record in enumerate(links.to_dict("records"), start=1):
        link_type = str(record["type"]).strip().upper() if has_type else "FS"
        if link_type in ("", "NAN", "NONE"):
            link_type = "FS"
        if link_type not in LINK_TYPES:
            raise NetworkError(
                f"Row {row} of links: type {record['type']!r} is not one of "
                f"{', '.join(LINK_TYPES)}."
            )
        lag = record["lag"] if has_lag else 0
        try:
            lag = 0.0 if lag is None or (isinstance(lag, float) and math.isnan(lag)) else float(lag)
        except (TypeError, ValueError):
            raise NetworkError(
                f"Row {row} of links: lag {record['lag']!r} is not a number of periods."
            ) from None
        result.append(Link(str(record["predecessor"]).strip(), str(record["successor"]).strip(),
                           link_type, lag))
    return result


def _check_link_ends(links, known):
    for link in links:
        for end, role in ((link.predecessor, "predecessor"), (link.successor, "successor")):
            if end not in known:
                raise NetworkError(
                    f"Link {link.predecessor} -> {link.successor}: {role} {end!r} is not a "
                    "task id of the table."
                )
        if link.predecessor == link.successor:
            raise NetworkError(f"Task {link.successor} cannot be its own predecessor.")


def topological_order(ids, links):
    """The task ids in an order where every task comes after its predecessors.

    Kahn's algorithm (A. B. Kahn, "Topological sorting of large networks", CACM 5(11), 1962):
    ``ids`` is the list of task ids, ``links`` the :class:`Link` objects between them. Ties keep
    the order of ``ids``. On a cycle, raises :class:`NetworkError` naming its tasks.

    >>> topological_order(["C", "A", "B"], [Link("A", "B"), Link("B", "C")])
    ['A', 'B', 'C']
    """
    indegree = {task_id: 0 for task_id in ids}
    succs = {task_id: [] for task_id in ids}
    for link in links:
        indegree[link.successor] += 1
        succs[link.predecessor].append(link.successor)
    ready = [task_id for task_id in ids if indegree[task_id] == 0]
    order = []
    while ready:
        task_id = ready.pop(0)
        order.append(task_id)
        for nxt in succs[task_id]:
            indegree[nxt] -= 1
            if indegree[nxt] == 0:
                ready.append(nxt)
    if len(order) < len(ids):
        left = {task_id for task_id in ids if indegree[task_id] > 0}
        cycle = _find_cycle(left, succs, ids)
        raise NetworkError(
            "The network has a cycle: " + " -> ".join(cycle + [cycle[0]])
            + ". A task cannot (even indirectly) depend on itself; remove one of these links."
        )
    return order


def _find_cycle(left, succs, ids):
    # Every task left by Kahn's algorithm has a predecessor that is left too,
    # so walking backwards must come back to a task already seen.
    preds = {task_id: [] for task_id in left}
    for task_id in left:
        for nxt in succs[task_id]:
            if nxt in left:
                preds[nxt].append(task_id)
    node = next(task_id for task_id in ids if task_id in left)
    seen = []
    while node not in seen:
        seen.append(node)
        node = preds[node][0]
    cycle = list(reversed(seen[seen.index(node):]))
    first = min(range(len(cycle)), key=lambda i: ids.index(cycle[i]))
    return cycle[first:] + cycle[:first]  # start from the task listed first


def _earliest_start(link, es, ef, duration):
    p = link.predecessor
    if link.type == "FS":
        return ef[p] + link.lag
    if link.type == "SS":
        return es[p] + link.lag
    if link.type == "FF":
        return ef[p] + link.lag - duration
    return es[p] + link.lag - duration  # SF


def _latest_finish(link, ls, lf, duration):
    s = link.successor
    if link.type == "FS":
        return ls[s] - link.lag
    if link.type == "SS":
        return ls[s] - link.lag + duration
    if link.type == "FF":
        return lf[s] - link.lag
    return lf[s] - link.lag + duration  # SF


def _link_slack(link, es, ef):
    """How far the predecessor can slip before this link delays its successor."""
    p, s = link.predecessor, link.successor
    if link.type == "FS":
        return es[s] - link.lag - ef[p]
    if link.type == "SS":
        return es[s] - link.lag - es[p]
    if link.type == "FF":
        return ef[s] - link.lag - ef[p]
    return ef[s] - link.lag - es[p]  # SF


def _links_of(schedule, tasks, links):
    if links is not None:
        return _read_links(links)
    if tasks is None:
        raise NetworkError("Give the task table (or the links) the schedule was computed from.")
    result = []
    if "predecessors" in tasks.columns:
        for task_id, text in zip(tasks["id"].astype(str), tasks["predecessors"]):
            result.extend(parse_predecessors(text, successor=task_id))
    return result


def _critical_paths(schedule, links):
    """Every chain of critical tasks joined by driving links, start to end."""
    critical = set(schedule.index[schedule["critical"]])
    es, ef = schedule["es"].to_dict(), schedule["ef"].to_dict()
    driving = {}
    has_driver = set()
    for link in links:
        if link.predecessor in critical and link.successor in critical:
            d = schedule.at[link.successor, "duration"]
            if abs(_earliest_start(link, es, ef, d) - es[link.successor]) <= _EPS:
                driving.setdefault(link.predecessor, []).append(link.successor)
                has_driver.add(link.successor)
    starts = [t for t in schedule.index if t in critical and t not in has_driver]
    paths = []

    def walk(path):
        nxt = driving.get(path[-1], [])
        if not nxt:
            paths.append(path)
        for task_id in nxt:
            walk(path + [task_id])

    for task_id in starts:
        walk([task_id])
    return paths


def _read_deadline(deadline):
    try:
        value = float(deadline)
    except (TypeError, ValueError):
        raise NetworkError(f"deadline must be a number of periods, not {deadline!r}.") from None
    if math.isnan(value):
        raise NetworkError("deadline must be a number of periods, not NaN.")
    return value


def _clean(value):
    """Round away float noise (4.000000000001 -> 4.0) so that results read well."""
    rounded = round(float(value), 9)
    return rounded + 0.0  # turn -0.0 into 0.0


# --- portfolio ---------------------------------------------------------------


def project_dates(tasks, projects, holidays=(), weekmask=WORK_WEEK):
    """The planned start, finish and duration of every project of a portfolio.

    ``tasks`` is a task table for several projects: the columns :func:`cpm`
    reads plus ``project``, the id of the project each task belongs to.
    ``projects`` has one row per project with ``id`` and ``start_date``.
    Each project's tasks are scheduled with :func:`cpm` (links stay within a
    project) and dated with :func:`to_dates` from the project's start date,
    skipping weekends (by ``weekmask``) and ``holidays``.

    Returns a DataFrame with one row per project, in the order of
    ``projects``: ``id``, ``start_date``, ``finish_date`` (the last working
    day of the project, as :func:`to_dates` counts it) and ``duration`` (the
    project's early finish, in working days).

    Raises :class:`NetworkError` when a project has no task, when a task
    names a project that ``projects`` does not list, or when a network
    cannot be scheduled.

    >>> tasks = pd.DataFrame({"id": ["A1", "A2", "B1"], "project": ["A", "A", "B"],
    ...                       "duration": [3, 2, 4], "predecessors": ["", "A1", ""]})
    >>> projects = pd.DataFrame({"id": ["A", "B"],
    ...                          "start_date": ["2026-03-05", "2026-12-23"]})
    >>> project_dates(tasks, projects, holidays=["2026-12-25"])
      id start_date finish_date  duration
    0  A 2026-03-05  2026-03-11       5.0
    1  B 2026-12-23  2026-12-29       4.0
    """
    require_columns(tasks, ["id", "duration", "project"], "tasks", NetworkError)
    require_columns(projects, ["id", "start_date"], "projects", NetworkError)
    project_ids = [str(p).strip() for p in projects["id"]]
    task_projects = tasks["project"].astype(str).str.strip()
    unknown = sorted(set(task_projects) - set(project_ids))
    if unknown:
        raise NetworkError(
            f"tasks name project(s) {', '.join(repr(p) for p in unknown)} that are not in "
            f"projects; its ids are {', '.join(repr(p) for p in project_ids)}."
        )
    calendar = as_calendar(holidays=holidays, weekmask=weekmask)
    rows = []
    for project_id, start in zip(project_ids, projects["start_date"]):
        own = tasks[task_projects == project_id]
        if own.empty:
            raise NetworkError(
                f"Project {project_id} has no task in the task table; each project of "
                "projects needs at least one task (its 'project' column equal to the id)."
            )
        try:
            first_day = calendar.working_day(start, 0)
        except (TypeError, ValueError):
            raise NetworkError(
                f"Project {project_id}: start_date {start!r} is not a date such as '2026-03-02'."
            ) from None
        dated = to_dates(cpm(own), start, calendar.holidays, weekmask)
        rows.append((project_id, first_day, dated["finish_date"].max(), float(dated["ef"].max())))
    result = pd.DataFrame(rows, columns=["id", "start_date", "finish_date", "duration"])
    result["start_date"] = pd.to_datetime(result["start_date"])
    result["finish_date"] = pd.to_datetime(result["finish_date"])
    return result
