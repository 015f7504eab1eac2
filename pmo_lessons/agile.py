"""Agile and hybrid delivery: flow metrics, burn charts, velocity and probabilistic forecasts.

A team that delivers from a backlog is followed by what its items did, not by a plan's tasks.
The kit's conventions, as the sources define them:

* A **work item** table has one row per item with the dates it entered each state of the
  board: at least ``created`` (into the backlog), ``started`` and ``done``, empty (``NaT``)
  until the item gets there, and an ``id``. ``story_points`` is the size, when the team
  estimates (see ``datasets/README.md``, ``work_items.csv``).
* **Cycle time** = done - started + 1, in calendar days: both the start and the finish day
  count, so an item started and done the same day took 1 day (D. Vacanti, *Actionable Agile
  Metrics for Predictability*, 2015; ActionableAgile's "(Finish TU - Start TU) + 1"). The
  working-day cycle time counts the working days from start to finish, both included, on
  the company calendar. **Lead time** counts from ``created`` instead: how long a request
  waited in total, not how long the team took.
* **Work in progress** on a day = the items started on or before it and not done before it
  (an item done that day was still worked on). With this count, the sum of the daily WIP
  over any window that holds whole item lives equals the sum of the cycle times: Little's
  law, L = lambda W (J. D. C. Little, "A Proof for the Queuing Formula: L = lambda W",
  *Operations Research* 9(3), 1961; J. D. C. Little and S. C. Graves, "Little's Law", in
  D. Chhajed and T. J. Lowe (eds.), *Building Intuition*, Springer, 2008), written for flow
  as average cycle time = average WIP / average throughput (Vacanti, 2015).
* **Throughput** = items done per period; a period with none counts 0 (leaving it out
  overstates the pace). Weeks run Monday to Sunday and are labelled by their Friday, as
  ``status_weekly.csv``.
* **Percentiles** are read as the sources read them: the cycle time's 85th percentile is the
  number of days within which at least 85 % of the items finished; a "when" forecast's 85 %
  is the number of periods within which at least 85 % of the iterations finished; a "how
  many" forecast's 85 % is the count reached in at least 85 % of the iterations (the 15th
  percentile of the counts: reading the 85th is the classic mistake).
* **Velocity** is the story points done in a sprint; the Scrum Guide (K. Schwaber and
  J. Sutherland, *The Scrum Guide*, November 2020) names neither velocity nor story points:
  it says that "various practices exist to forecast progress, like burn-downs, burn-ups, or
  cumulative flows" and that they "do not replace the importance of empiricism".

Forecasts resample the team's own history (a bootstrap Monte Carlo, as T. Magennis's
Throughput Forecaster spreadsheet for Focused Objective does), vectorised with numpy and
seeded; before trusting a history, :func:`throughput_stability` puts it on the process
behaviour chart of :mod:`pmo_lessons.quality`.

>>> import pandas as pd
>>> items = pd.DataFrame({"id": ["A", "B", "C"],
...     "created": pd.to_datetime(["2026-03-02", "2026-03-02", "2026-03-03"]),
...     "started": pd.to_datetime(["2026-03-02", "2026-03-03", "2026-03-04"]),
...     "done": pd.to_datetime(["2026-03-02", "2026-03-06", pd.NaT])})
>>> flow_metrics(items).items["cycle_time_days"].tolist()
[1.0, 4.0, nan]
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from numbers import Real

import numpy as np
import pandas as pd

from .calendars import as_calendar
from .columns import require_columns
from .errors import InputError
from .formats import date_text

__all__ = [
    "AgileError",
    "PERCENTILES",
    "FLOW_RAG",
    "FlowMetrics",
    "Stability",
    "WhenForecast",
    "HowManyForecast",
    "flow_metrics",
    "littles_law",
    "cumulative_flow",
    "burn_up",
    "burn_down",
    "velocity",
    "throughput_stability",
    "forecast_when",
    "forecast_how_many",
    "periods_until",
    "agile_evm",
    "release_status",
    "hybrid_dashboard",
]

#: The cycle-time percentiles a flow report shows, and the confidences of a forecast's summary.
PERCENTILES = (50, 70, 85, 95)

#: Meridian PMO's policy for the schedule RAG of a backlog forecast against its target date
#: (the kit's default, not a standard): green when the target is met at this confidence or
#: more, amber when met at ``amber`` or more, red below.
FLOW_RAG = {"green": 85, "amber": 50}

_PERIODS = ("working day", "week", "2 weeks", "3 weeks", "4 weeks")
_MAX_PERIODS = 5_000  # a forecast that needs more periods than this never really finishes


class AgileError(InputError):
    """Agile data the kit cannot use: dates out of order, an empty or negative history..."""


# --- reading the work items ------------------------------------------------------------


def _rows(frame):
    """How a message names each row: the item id and its spreadsheet row (header = row 1)."""
    ids = frame["id"].astype(str).tolist() if "id" in frame.columns else [None] * len(frame)
    return [f"item {i} (row {pos + 2})" if i is not None else f"row {pos + 2}"
            for pos, i in enumerate(ids)]


def _dates(frame, column, where, required=False):
    """A date column as datetime64 (NaT for empty), every cell checked."""
    values = frame[column]
    if pd.api.types.is_datetime64_any_dtype(values):
        out = pd.to_datetime(values).dt.normalize()
    else:
        out = pd.to_datetime(values, errors="coerce", format="mixed").dt.normalize()
        for pos, (raw, parsed) in enumerate(zip(values, out)):
            if pd.isna(parsed) and not (raw is None or (isinstance(raw, str) and not raw.strip())
                                        or (isinstance(raw, float) and math.isnan(raw))
                                        or raw is pd.NaT or raw is pd.NA):
                raise AgileError(f"{where[pos]}: {column} is {raw!r}, not a date; give an ISO "
                                 "date such as 2026-09-25, or leave it empty.")
    if required:
        for pos in np.flatnonzero(out.isna().to_numpy()):
            raise AgileError(f"{where[pos]}: {column} is empty; every item needs the date it "
                             f"was {column}.")
    return out.reset_index(drop=True)


def _read_items(items, states=("created", "started", "done"), what="work items"):
    """The item table with checked dates: each state reached in order, none skipped."""
    require_columns(items, ["id", *states], what, AgileError)
    where = _rows(items)
    frame = pd.DataFrame({"id": items["id"].astype(str).to_numpy()})
    for k, state in enumerate(states):
        frame[state] = _dates(items, state, where, required=k == 0)
    for earlier, later in zip(states, states[1:]):
        for pos in np.flatnonzero((frame[later].notna() & frame[earlier].isna()).to_numpy()):
            raise AgileError(f"{where[pos]} has a {later} date ({date_text(frame.at[pos, later])}) "
                             f"but no {earlier} date: an item is {earlier} before it is {later}.")
        for pos in np.flatnonzero((frame[later] < frame[earlier]).to_numpy()):
            raise AgileError(f"{where[pos]}: {later} {date_text(frame.at[pos, later])} is before "
                             f"{earlier} {date_text(frame.at[pos, earlier])}; the dates must "
                             f"follow the board: {' <= '.join(states)}.")
    for column in items.columns:
        if column not in frame.columns:
            frame[column] = items[column].to_numpy()
    return frame


def _window(start, end, frame, columns):
    dates = pd.concat([frame[c] for c in columns]).dropna()
    first = pd.Timestamp(start).normalize() if start is not None else (
        dates.min() if len(dates) else None)
    last = pd.Timestamp(end).normalize() if end is not None else (
        dates.max() if len(dates) else None)
    if first is None or last is None:
        raise AgileError("No item has started yet: there is no flow to measure. Give start= and "
                         "end= for the window, or wait for the first items.")
    if last < first:
        raise AgileError(f"The window ends ({date_text(last)}) before it starts "
                         f"({date_text(first)}); give start <= end.")
    return first, last


def _friday(dates):
    """The Friday of each date's Monday-to-Sunday week."""
    dates = pd.DatetimeIndex(dates)
    return dates - pd.to_timedelta(dates.day_of_week, unit="D") + pd.Timedelta(days=4)


def _share_at_least(sorted_values, share):
    """The smallest value v with at least ``share`` of the values <= v (values sorted)."""
    position = max(0, math.ceil(share * len(sorted_values) - 1e-9) - 1)
    return sorted_values[position]


# --- flow metrics ----------------------------------------------------------------------


@dataclass
class FlowMetrics:
    """What :func:`flow_metrics` returns.

    Attributes:
        items: one row per item: ``id, created, started, done``, ``state`` (``"waiting"``,
            ``"in progress"``, ``"done"`` at the window's end), ``cycle_time_days`` and
            ``cycle_time_working_days`` (done items), ``lead_time_days`` and ``age_days``
            (in-progress items: the end of the window - started + 1), and any other column
            of the input.
        throughput: items done per period of the window (zeros included), labelled by the
            week's Friday or by the working day.
        wip: items in progress on each calendar day of the window.
        percentiles: cycle times (calendar and working days) within which at least 50, 70,
            85 and 95 % of the items done in the window finished.
        start, end, period: the window and the period of ``throughput``.
    """

    items: pd.DataFrame
    throughput: pd.Series
    wip: pd.Series
    percentiles: pd.DataFrame
    start: pd.Timestamp
    end: pd.Timestamp
    period: str

    def __repr__(self):
        done = int(self.throughput.sum())
        return (f"FlowMetrics({date_text(self.start)} to {date_text(self.end)}: {done} items "
                f"done, {self.throughput.mean():.2f} a {self.period}, average WIP "
                f"{self.wip.mean():.1f})")

    @property
    def done(self):
        """The items done inside the window."""
        frame = self.items
        return frame[frame["done"].between(self.start, self.end)]

    def summary(self):
        """The flow in one Series: items done, throughput, WIP, cycle-time mean and P85."""
        done = self.done
        return pd.Series({
            "items done": len(done),
            f"throughput per {self.period}": float(self.throughput.mean()),
            "average WIP": float(self.wip.mean()),
            "WIP at the end": int(self.wip.iloc[-1]),
            "average cycle time (days)": float(done["cycle_time_days"].mean()),
            "cycle time P85 (days)": float(self.percentiles.at[85, "calendar_days"]),
        }, name="flow").round(2)


def flow_metrics(items, start=None, end=None, period="week", calendar=None):
    """Cycle times, throughput, work in progress and cycle-time percentiles of a board.

    Args:
        items: a work-item table with ``id, created, started, done`` (dates; ``started`` and
            ``done`` empty until reached), such as ``data.load_work_items("DAT")``.
        start, end: the window (both days included). Throughput counts the items done in
            it, WIP is counted on each of its days, the percentiles come from the items done
            in it. Default: from the first start to the last date of the table. Start a
            weekly window on a Monday and end it on a Friday, or its edge weeks are partial.
        period: ``"week"`` (Monday to Sunday, labelled by the Friday) or ``"working day"``
            (an item done on a day off counts on the next working day).
        calendar: a :class:`~pmo_lessons.calendars.Calendar` for the working days (default:
            Monday to Friday, no holidays).

    Returns:
        A :class:`FlowMetrics`. Conventions (module description): cycle time = done -
        started + 1 calendar days (Vacanti, 2015), WIP counts an item on every day from its
        start to its finish, both included.

    Raises:
        AgileError: a missing column, a date that does not parse, an item done before it
            started or started before it was created (named by its id and row), a window that
            ends before it starts, an unknown period.

    >>> import pandas as pd
    >>> items = pd.DataFrame({"id": ["A", "B", "C", "D"],
    ...     "created": pd.to_datetime(["2026-03-02"] * 4),
    ...     "started": pd.to_datetime(["2026-03-02", "2026-03-02", "2026-03-04", "2026-03-09"]),
    ...     "done": pd.to_datetime(["2026-03-03", "2026-03-06", "2026-03-10", pd.NaT])})
    >>> flow = flow_metrics(items, start="2026-03-02", end="2026-03-13")
    >>> flow.throughput.tolist(), flow.items["cycle_time_days"].tolist()
    ([2, 1], [2.0, 5.0, 7.0, nan])
    >>> flow.wip.loc["2026-03-04"], flow.percentiles.at[85, "calendar_days"]   # B and C
    (np.int64(2), np.float64(7.0))
    """
    if period not in ("week", "working day"):
        raise AgileError(f"period {period!r}: valid: 'week' or 'working day'.")
    cal = as_calendar(calendar)
    frame = _read_items(items)
    first, last = _window(start, end, frame, ["started", "done"])
    started, done = frame["started"], frame["done"]
    frame["state"] = np.select([done.notna() & (done <= last), started.notna() & (started <= last)],
                               ["done", "in progress"], default="waiting")
    frame["cycle_time_days"] = ((done - started).dt.days + 1).astype(float)
    frame["cycle_time_working_days"] = [
        float(cal.working_days_between(s, d + pd.Timedelta(days=1))) if pd.notna(d) else np.nan
        for s, d in zip(started, done)]
    frame["lead_time_days"] = ((done - frame["created"]).dt.days + 1).astype(float)
    frame["age_days"] = np.where(frame["state"] == "in progress",
                                 (last - started).dt.days + 1, np.nan)
    # throughput per period, with the empty periods
    finished = frame.loc[done.between(first, last), "done"]
    if period == "week":
        labels = pd.date_range(_friday([first])[0], _friday([last])[0], freq="7D")
        counted = pd.Series(_friday(finished)).value_counts()
    else:
        labels = cal.working_days(first, last)
        if labels.empty:
            raise AgileError(f"The window {date_text(first)} to {date_text(last)} has no working "
                             "day; widen it or use period='week'.")
        rolled = pd.DatetimeIndex([cal.roll_forward(d) for d in finished])
        counted = pd.Series(rolled).value_counts()
    throughput = counted.reindex(labels, fill_value=0).astype(int)
    throughput.index.name = "week ending" if period == "week" else "day"
    throughput.name = "throughput"
    # WIP on each calendar day: started on or before it, not done before it
    days = pd.date_range(first, last, freq="D")
    begun = np.sort(started.dropna().to_numpy())
    ended = np.sort(done.dropna().to_numpy())
    wip = (np.searchsorted(begun, days.to_numpy(), side="right")
           - np.searchsorted(ended, days.to_numpy(), side="left"))
    wip = pd.Series(wip, index=pd.DatetimeIndex(days, name="day"), name="wip")
    # percentiles of the items done in the window
    rows = {}
    for column, name in (("cycle_time_days", "calendar_days"),
                         ("cycle_time_working_days", "working_days")):
        values = np.sort(frame.loc[done.between(first, last), column].to_numpy())
        rows[name] = [float(_share_at_least(values, q / 100)) if len(values) else np.nan
                      for q in PERCENTILES]
    percentiles = pd.DataFrame(rows, index=pd.Index(PERCENTILES, name="percentile"))
    return FlowMetrics(frame, throughput, wip, percentiles, first, last, period)


def littles_law(flow, tolerance=0.2):
    """Little's law as a check of a window: is average WIP = throughput x average cycle time?

    ``flow`` is a :class:`FlowMetrics`. In calendar days: ``average_wip`` (the mean of the
    daily WIP), ``throughput_per_day`` (items done in the window / its days),
    ``average_cycle_time`` (of those items), and what the law predicts from them,
    ``wip_by_littles_law`` = throughput x average cycle time and ``cycle_time_by_littles_law``
    = average WIP / throughput (Vacanti's form). ``gap`` is (average WIP - the law's WIP) /
    average WIP, and ``consistent`` says whether it is within ``tolerance``.

    Over a window that starts and ends with nothing in progress, the law is an identity
    (Little and Graves, 2008, the finite-time version): each day an item is in progress adds
    one to the WIP and one day to its cycle time. Over any other window, the items crossing
    its edges make a gap; a large one says the window is not a stable period (WIP growing or
    shrinking, items ageing), which is also when averages forecast badly (Vacanti, 2015,
    lists the law's assumptions).

    >>> import pandas as pd
    >>> items = pd.DataFrame({"id": ["A", "B", "C"], "created": pd.to_datetime(["2026-03-02"] * 3),
    ...     "started": pd.to_datetime(["2026-03-02", "2026-03-03", "2026-03-05"]),
    ...     "done": pd.to_datetime(["2026-03-04", "2026-03-04", "2026-03-06"])})
    >>> check = littles_law(flow_metrics(items))
    >>> check[["average_wip", "wip_by_littles_law", "gap"]].tolist()
    [1.4, 1.4, 0.0]
    """
    if not isinstance(flow, FlowMetrics):
        raise AgileError(f"littles_law takes what flow_metrics returns, not {type(flow).__name__}.")
    done = flow.done
    days = len(flow.wip)
    average_wip = float(flow.wip.mean())
    throughput = len(done) / days
    cycle = float(done["cycle_time_days"].mean()) if len(done) else np.nan
    predicted = throughput * cycle if len(done) else np.nan
    gap = (round((average_wip - predicted) / average_wip, 4) + 0.0  # never "-0.0"
           if average_wip > 0 and len(done) else np.nan)
    numbers = {"average_wip": average_wip, "throughput_per_day": throughput,
               "average_cycle_time": cycle, "wip_by_littles_law": predicted,
               "cycle_time_by_littles_law": average_wip / throughput if throughput else np.nan}
    return pd.Series({
        "days": days, "items_done": len(done), **{k: round(v, 4) for k, v in numbers.items()},
        "gap": gap, "consistent": bool(abs(gap) <= tolerance) if not np.isnan(gap) else False,
    }, name="littles_law", dtype=object)


def cumulative_flow(items, states=("created", "started", "done"), start=None, end=None):
    """The cumulative flow diagram's numbers: per day, how many items are in or past each state.

    ``states`` are the date columns of the board in process order (default ``created,
    started, done``). Counted at the end of each calendar day from ``start`` to ``end``
    (default: the first and last dates of the table): the column of a state holds the items
    that reached it by that evening. The band between two lines is what sits between the
    states (between ``started`` and ``done``: the work in progress overnight, which leaves
    out the items finished that day, unlike :func:`flow_metrics`' daily WIP); the
    horizontal distance between them is roughly the time items spend there (Vacanti, 2015,
    on reading cumulative flow diagrams). Lines never go down, and a later state never
    lies above an earlier one.

    >>> import pandas as pd
    >>> items = pd.DataFrame({"id": ["A", "B"], "created": pd.to_datetime(["2026-03-02"] * 2),
    ...     "started": pd.to_datetime(["2026-03-02", "2026-03-03"]),
    ...     "done": pd.to_datetime(["2026-03-03", pd.NaT])})
    >>> cumulative_flow(items).astype(int).values.tolist()
    [[2, 1, 0], [2, 2, 1]]
    """
    states = list(states)
    if len(states) < 2:
        raise AgileError("A cumulative flow diagram needs at least two states, e.g. "
                         "('created', 'started', 'done').")
    frame = _read_items(items, tuple(states))
    first, last = _window(start, end, frame, states)
    days = pd.date_range(first, last, freq="D")
    counts = {}
    for state in states:
        reached = np.sort(frame[state].dropna().to_numpy())
        counts[state] = np.searchsorted(reached, days.to_numpy(), side="right")
    return pd.DataFrame(counts, index=pd.DatetimeIndex(days, name="day"))


# --- burn charts ------------------------------------------------------------------------


def _sizes(frame, unit, points):
    if unit == "items":
        return pd.Series(1.0, index=frame.index)
    if unit != "points":
        raise AgileError(f"unit {unit!r}: valid: 'points' or 'items'.")
    if points not in frame.columns:
        raise AgileError(f"unit='points' needs a column {points!r} with each item's size; "
                         "count items instead with unit='items'.")
    sizes = pd.to_numeric(frame[points], errors="coerce")
    missing = frame.loc[sizes.isna(), "id"].tolist()
    if missing:
        shown = ", ".join(missing[:5]) + (" ..." if len(missing) > 5 else "")
        raise AgileError(f"{len(missing)} item(s) have no {points} ({shown}): a team that does "
                         "not estimate is burned up in items, unit='items'.")
    if (sizes < 0).any():
        bad = frame.loc[sizes < 0, "id"].iloc[0]
        raise AgileError(f"item {bad}: {points} is negative; sizes are >= 0.")
    return sizes.astype(float)


def _period_ends(start, end, period, calendar):
    """The ends of the periods of a burn chart: weeks' Fridays, working days, or given dates."""
    if isinstance(period, str):
        if period == "week":
            return pd.date_range(_friday([start])[0], _friday([end])[0], freq="7D")
        if period == "working day":
            return calendar.working_days(start, end)
        raise AgileError(f"period {period!r}: valid: 'week', 'working day', or a list of "
                         "period end dates (e.g. the sprints' end_date).")
    ends = pd.DatetimeIndex(pd.to_datetime(list(period))).normalize()
    if ends.empty or not ends.is_monotonic_increasing:
        raise AgileError("period end dates must be a non-empty list in time order.")
    return ends


def burn_up(items, start, end, unit="points", period="week", points="story_points",
            calendar=None):
    """A release burn-up: the scope and the work done at the end of each period.

    ``scope`` counts every item created by the end of the period (those created before
    ``start`` form the initial scope), ``done`` the items done by then, in story points
    (``unit="points"``, column ``points``) or in items (``unit="items"``). Scope changes are
    shown, not hidden: ``scope_change`` is what the scope gained in the period (against the
    initial scope for the first one), so a line that rises is work added, never a team that
    slowed down. ``done_in_period`` is the period's throughput (or velocity), ``remaining``
    = scope - done.

    ``period`` is ``"week"`` (labelled by the Friday), ``"working day"``, or a list of
    period end dates, such as a team's sprints' ``end_date``.

    >>> import pandas as pd
    >>> items = pd.DataFrame({"id": ["A", "B", "C"], "story_points": [3, 5, 2],
    ...     "created": pd.to_datetime(["2026-02-20", "2026-02-20", "2026-03-10"]),
    ...     "started": pd.to_datetime(["2026-03-02", "2026-03-09", pd.NaT]),
    ...     "done": pd.to_datetime(["2026-03-04", "2026-03-12", pd.NaT])})
    >>> burn_up(items, "2026-03-02", "2026-03-13")[["scope", "done", "scope_change"]]
                 scope  done  scope_change
    period end
    2026-03-06     8.0   3.0           0.0
    2026-03-13    10.0   8.0           2.0
    """
    cal = as_calendar(calendar)
    frame = _read_items(items)
    first, last = pd.Timestamp(start).normalize(), pd.Timestamp(end).normalize()
    if last < first:
        raise AgileError(f"end {date_text(last)} is before start {date_text(first)}.")
    sizes = _sizes(frame, unit, points)
    ends = _period_ends(first, last, period, cal)
    created = frame["created"].to_numpy()
    finished = frame["done"].to_numpy()
    values = sizes.to_numpy()
    rows = []
    for moment in ends.to_numpy():
        rows.append((values[created <= moment].sum(),
                     values[~pd.isna(finished) & (finished <= moment)].sum()))
    result = pd.DataFrame(rows, columns=["scope", "done"],
                          index=pd.DatetimeIndex(ends, name="period end"))
    initial = values[created < first.to_datetime64()].sum()
    done_before = values[~pd.isna(finished) & (finished < first.to_datetime64())].sum()
    result["scope_change"] = result["scope"].diff().fillna(result["scope"].iloc[0] - initial)
    result["done_in_period"] = result["done"].diff().fillna(result["done"].iloc[0] - done_before)
    result["remaining"] = result["scope"] - result["done"]
    result.attrs.update(unit=unit, initial_scope=float(initial), done_before=float(done_before),
                        start=first)
    return result


def burn_down(items, start, end, unit="points", period="working day", points="story_points",
              calendar=None):
    """A sprint (or release) burn-down: the work remaining at the end of each period.

    The same counts as :func:`burn_up` (pass the sprint's items: ``items[items["sprint"] ==
    6]``, with the sprint's first and last day), turned into what is left: ``remaining`` =
    scope - done, with ``scope_change`` so that work added during the sprint shows as a
    step up and not as a slow day, and ``ideal``, the straight line from the scope at the
    start to zero on the last period (the guide line most tools draw; a team is not late
    for being above it early).

    >>> import pandas as pd
    >>> items = pd.DataFrame({"id": ["A", "B", "C"], "story_points": [3, 5, 2],
    ...     "created": pd.to_datetime(["2026-03-01", "2026-03-01", "2026-03-03"]),
    ...     "started": pd.to_datetime(["2026-03-02", "2026-03-02", "2026-03-03"]),
    ...     "done": pd.to_datetime(["2026-03-03", "2026-03-05", "2026-03-04"])})
    >>> burn_down(items, "2026-03-02", "2026-03-06")[["remaining", "scope_change", "ideal"]]
                 remaining  scope_change  ideal
    period end
    2026-03-02         8.0           0.0    6.4
    2026-03-03         7.0           2.0    4.8
    2026-03-04         5.0           0.0    3.2
    2026-03-05         0.0           0.0    1.6
    2026-03-06         0.0           0.0    0.0
    """
    up = burn_up(items, start, end, unit=unit, period=period, points=points, calendar=calendar)
    initial = up.attrs["initial_scope"]
    steps = len(up)
    result = pd.DataFrame({
        "remaining": up["remaining"], "scope": up["scope"], "scope_change": up["scope_change"],
        "done_in_period": up["done_in_period"],
        "ideal": [initial * (1 - (k + 1) / steps) for k in range(steps)],
    }, index=up.index)
    result.attrs.update(up.attrs)
    return result


# --- velocity ---------------------------------------------------------------------------


def velocity(sprints, last=None, remaining=None):
    """The velocity of a Scrum team's last sprints: its mean and range, and a release forecast.

    ``sprints`` has ``sprint`` and ``done_points`` (one project: ``data.load_sprints("ECO")``).
    ``last`` keeps the last N sprints (default all). With ``remaining`` (points left in the
    release), the forecast is a range, not a date: ``sprints_at_mean`` = ceil(remaining /
    mean), and the cone around it, ``sprints_at_high`` (at the best velocity seen) and
    ``sprints_at_low`` (at the worst; NaN when that was 0).

    Velocity measures one team's own pace in its own points: it is not a productivity
    measure and does not compare teams (their points are not the same unit). And the mean
    is the middle of what the team did: a date from it is met about half the time; the
    range, or :func:`forecast_when` on the sprints' points, says how sure a date is.

    >>> import pandas as pd
    >>> sprints = pd.DataFrame({"sprint": [1, 2, 3, 4], "done_points": [30, 42, 36, 40]})
    >>> result = velocity(sprints, last=3, remaining=100)
    >>> result[["first_sprint", "last_sprint", "mean", "low", "high"]].tolist()
    [2, 4, 39.33, 36.0, 42.0]
    >>> result[["sprints_at_mean", "sprints_at_high", "sprints_at_low"]].tolist()
    [3.0, 3.0, 3.0]
    """
    require_columns(sprints, ["sprint", "done_points"], "sprints", AgileError)
    if "project" in sprints.columns and sprints["project"].nunique() > 1:
        raise AgileError("velocity is one team's: sprints holds projects "
                         f"{', '.join(sorted(map(str, sprints['project'].unique())))}; pass one, "
                         "e.g. sprints[sprints['project'] == 'ECO'].")
    frame = sprints.sort_values("sprint")
    points = pd.to_numeric(frame["done_points"], errors="coerce")
    for number, value, raw in zip(frame["sprint"], points, frame["done_points"]):
        if pd.isna(value) or value < 0:
            raise AgileError(f"sprint {number}: done_points is {raw!r}; valid: points >= 0.")
    if last is not None:
        if not isinstance(last, (int, np.integer)) or isinstance(last, bool) or last < 1:
            raise AgileError(f"last must be a whole number of sprints >= 1, not {last!r}.")
        frame, points = frame.tail(last), points.tail(last)
    if frame.empty:
        raise AgileError("No sprint to take a velocity from: the team has not finished one.")
    mean, low, high = float(points.mean()), float(points.min()), float(points.max())
    result = {"sprints": len(frame), "first_sprint": int(frame["sprint"].iloc[0]),
              "last_sprint": int(frame["sprint"].iloc[-1]), "mean": round(mean, 2),
              "low": low, "high": high}
    if remaining is not None:
        remaining = _number(remaining, "remaining")
        if remaining < 0:
            raise AgileError(f"remaining is {remaining:g}; valid: the points left, >= 0.")
        result["remaining"] = remaining
        result["sprints_at_mean"] = float(math.ceil(remaining / mean)) if mean else np.nan
        result["sprints_at_high"] = float(math.ceil(remaining / high)) if high else np.nan
        result["sprints_at_low"] = float(math.ceil(remaining / low)) if low else np.nan
    return pd.Series(result, name="velocity", dtype=object)


# --- stability --------------------------------------------------------------------------


@dataclass
class Stability:
    """What :func:`throughput_stability` returns.

    Attributes: ``chart`` (the XmR chart of :func:`pmo_lessons.quality.xmr`), ``stable``
    (no point and no moving range signals), ``signals`` (the rows that signal), ``since``
    (where a window without a signal can start: the period after the last point that breaks a
    detection rule, or the point a jump lands on when a moving range above its limit comes
    later; None when the history is stable or its last period signals) and ``reading``, the
    verdict in words.
    """

    chart: pd.DataFrame
    stable: bool
    signals: pd.DataFrame
    since: object
    reading: str

    def __repr__(self):
        return f"Stability(stable={self.stable}, {len(self.signals)} signal(s))"


def _label(value):
    return date_text(value) if isinstance(value, (pd.Timestamp, np.datetime64)) else str(value)


def _period_name(value):
    """A period as a sentence names it: "the period ending 07 Aug 2026", or "period 6"."""
    if isinstance(value, (pd.Timestamp, np.datetime64)):
        return f"the period ending {date_text(value)}"
    return f"period {value}"


def throughput_stability(throughput, baseline=None):
    """Is a throughput (or velocity) history stable enough to forecast from?

    Puts the history on a process behaviour chart (:func:`pmo_lessons.quality.xmr`:
    Wheeler's natural process limits, centre +- 2.66 average moving ranges, and his three
    detection rules, plus the moving range's upper limit). A signal is a period that the
    routine variation does not explain: a batch of items closed at once, a team halved by
    holidays, a change of process. Forecasting by resampling the history assumes the future
    looks like it, which holds for a stable history only (Vacanti, 2015, on the assumptions
    of forecasting; Wheeler, *Understanding Variation*, 2nd ed., 2000): find the cause of
    each signal, then forecast from a window without it, or from the periods since, and say
    so.

    ``throughput`` is a Series (its index names the periods) or a list; ``baseline`` as for
    :func:`~pmo_lessons.quality.xmr`. At least 5 periods (:data:`quality.MIN_POINTS`).

    >>> check = throughput_stability([4, 5, 3, 4, 5, 4, 13, 4, 5, 4])
    >>> check.stable, check.signals.index.tolist(), check.since
    (False, [7], 8)
    """
    from .quality import QualityError, xmr

    history = _history(throughput, "throughput")
    try:
        chart = xmr(history, baseline=baseline)
    except QualityError as error:
        raise AgileError(f"The throughput history cannot be put on a process behaviour chart: "
                         f"{error}") from error
    flagged = (chart["signal"] != "") | (chart["range_signal"] != "")
    signals = chart[flagged]
    unit = "items" if "point" not in str(history.name or "") else "points"
    if signals.empty:
        reading = (f"Stable: every one of the {len(chart)} periods lies within the natural process "
                   f"limits ({max(chart['lnpl'].iloc[0], 0):.1f} to {chart['unpl'].iloc[0]:.1f} "
                   f"{unit}) and no detection rule fires: a history to forecast from.")
        return Stability(chart, True, signals, None, reading)
    # the periods after the last signal: after the last point beyond the rules; a jump (a
    # moving range above its limit) starts a new level at the point it lands on
    points = np.flatnonzero((chart["signal"] != "").to_numpy())
    jumps = np.flatnonzero((chart["range_signal"] != "").to_numpy())
    begin = max(points[-1] + 1 if points.size else 0, jumps[-1] if jumps.size else 0)
    since = chart.index[begin] if begin < len(chart) else None
    limits = f"{max(chart['lnpl'].iloc[0], 0):.1f} to {chart['unpl'].iloc[0]:.1f} {unit}"
    parts = []
    if points.size:
        first = chart.iloc[points[0]]
        parts.append(f"{_period_name(chart.index[points[0]])} ({first['value']:g} {unit}) "
                     f"breaks a detection rule ({first['signal']}; the natural process limits "
                     f"are {limits})" + (f", and {points.size - 1} more period(s) do"
                                        if points.size > 1 else ""))
    if jumps.size:
        parts.append(f"{jumps.size} jump(s) from one period to the next exceed the moving "
                     f"range's limit ({chart['url'].iloc[0]:.1f}), the first into "
                     f"{_period_name(chart.index[jumps[0]])}")
    reading = ("Not stable: " + "; ".join(parts) + ". Find the cause before forecasting from "
               "this history" + (f"; a window from {_period_name(since)} on holds no signal."
                                 if since is not None else "; the last period itself signals."))
    return Stability(chart, False, signals, since, reading)


# --- Monte Carlo forecasts --------------------------------------------------------------


def _number(value, name):
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (Real, np.number)):
        raise AgileError(f"{name} must be a number, not {value!r}.")
    value = float(value)
    if math.isnan(value) or math.isinf(value):
        raise AgileError(f"{name} must be a finite number, not {value}.")
    return value


def _history(throughput, what):
    """The history as a float Series (its labels kept), every value checked."""
    if isinstance(throughput, pd.DataFrame):
        raise AgileError(f"The {what} history is one column of numbers per period, not a table: "
                         "pass e.g. flow.throughput or sprints['done_points'].")
    if isinstance(throughput, (str, bytes)) or not isinstance(
            throughput, (pd.Series, np.ndarray, list, tuple, range)):
        raise AgileError(f"The {what} history must be a list or Series of counts per period, not "
                         f"{type(throughput).__name__}.")
    series = throughput.copy() if isinstance(throughput, pd.Series) else pd.Series(
        list(throughput), index=pd.RangeIndex(1, len(throughput) + 1, name="period"))
    if series.empty:
        raise AgileError(f"The {what} history is empty: a forecast resamples past periods, so it "
                         "needs at least one (better ten or more).")
    values = []
    for label, value in series.items():
        if isinstance(value, str) or value is None or value is pd.NA or (
                isinstance(value, (Real, np.number)) and not isinstance(value, bool)
                and math.isnan(float(value))):
            raise AgileError(f"The {what} of period {_label(label)} is {value!r}; give a number "
                             "for every period (0 for a period with nothing done).")
        if isinstance(value, (bool, np.bool_)) or not isinstance(value, (Real, np.number)):
            raise AgileError(f"The {what} of period {_label(label)} is {value!r}, not a number.")
        if value < 0:
            raise AgileError(f"The {what} of period {_label(label)} is {value:g}: a throughput "
                             "cannot be negative (count the items done, >= 0).")
        values.append(float(value))
    return pd.Series(values, index=series.index, name=series.name or what)


def _backlog(items, iterations, rng):
    """Items to finish in each iteration: a number, or (low, high) sampled uniformly."""
    if isinstance(items, (tuple, list)) and len(items) == 2:
        low, high = (_number(v, "items") for v in items)
        if low < 0 or high < low:
            raise AgileError(f"items range {items!r}: valid: (low, high) with 0 <= low <= high.")
        if low != int(low) or high != int(high):
            raise AgileError(f"items range {items!r}: give whole numbers of items.")
        return rng.integers(int(low), int(high) + 1, size=iterations)
    value = _number(items, "items")
    if value < 0:
        raise AgileError(f"items is {value:g}: the work left, >= 0.")
    return np.full(iterations, value)


def _iterations(iterations):
    if isinstance(iterations, bool) or not isinstance(iterations, (int, np.integer)) \
            or iterations < 1:
        raise AgileError(f"iterations must be a whole number >= 1, not {iterations!r}.")
    return int(iterations)


def _stability_or_none(history):
    from .quality import MIN_POINTS

    if len(history) < MIN_POINTS or history.nunique() < 2:
        return None
    return throughput_stability(history)


def _period(period):
    if period not in _PERIODS:
        raise AgileError(f"period {period!r}: valid: {', '.join(map(repr, _PERIODS))} (a sprint "
                         "of two weeks is '2 weeks').")
    return 0 if period == "working day" else int(period.split()[0]) if " " in period else 1


def _finish_dates(start, counts, period, calendar):
    """The date each number of periods ends on, counted from ``start`` (period 1 holds it)."""
    weeks = _period(period)
    start = pd.Timestamp(start).normalize()
    out = {}
    for n in np.unique(counts):
        n = int(n)
        if n == 0:
            out[n] = start - pd.Timedelta(days=1)
        elif weeks == 0:
            out[n] = calendar.working_day(start, n - 1)
        else:
            friday = _friday([start])[0] + pd.Timedelta(weeks=weeks * n - 1)
            day = friday
            while not calendar.is_working(day) and day > friday - pd.Timedelta(days=4):
                day -= pd.Timedelta(days=1)
            out[n] = day
    return out


@dataclass
class WhenForecast:
    """What :func:`forecast_when` returns: the number of periods each iteration needed.

    ``periods`` (int per iteration) and ``backlog`` (the items each iteration had to finish)
    are arrays; ``history`` the periods resampled; ``stability`` the check of that history
    (None with fewer than 5 periods); ``start``, ``period`` and ``calendar`` turn periods
    into dates.
    """

    periods: np.ndarray
    backlog: np.ndarray
    history: pd.Series
    iterations: int
    seed: object
    period: str
    start: pd.Timestamp | None
    calendar: object
    stability: Stability | None = None
    _dates: dict = field(default_factory=dict, repr=False)

    def __repr__(self):
        return (f"WhenForecast({self.iterations} iterations, 50 %: {self.percentile(50)} "
                f"{self.period}s, 85 %: {self.percentile(85)})")

    def percentile(self, q):
        """The number of periods within which at least ``q`` % of the iterations finished."""
        share = _confidence(q)
        return int(_share_at_least(np.sort(self.periods), share))

    def at_confidence(self, q):
        """The same as :meth:`percentile`: finished within this many periods at ``q`` % confidence."""
        return self.percentile(q)

    def probability(self, periods=None, date=None):
        """The share of iterations finished within ``periods`` periods, or by ``date``."""
        if (periods is None) == (date is None):
            raise AgileError("Give periods= or date=, one of them.")
        if date is not None:
            day = pd.Timestamp(date).normalize()
            return float(np.mean(self.dates <= day))
        return float(np.mean(self.periods <= _number(periods, "periods")))

    def _date_of(self):
        if self.start is None:
            raise AgileError("This forecast has no dates: give forecast_when a start= date (the "
                             "first day of the forecast, e.g. the Monday after the status date).")
        if not self._dates:
            self._dates.update(_finish_dates(self.start, self.periods, self.period, self.calendar))
        return self._dates

    @property
    def dates(self):
        """The finish date of every iteration (the last working day of its last period)."""
        lookup = self._date_of()
        return pd.DatetimeIndex([lookup[int(n)] for n in self.periods])

    def date_at(self, q):
        """The date by which at least ``q`` % of the iterations finished."""
        return self._date_of()[self.percentile(q)]

    def distribution(self):
        """One row per number of periods: iterations, share, cumulative share (and date)."""
        values, counts = np.unique(self.periods, return_counts=True)
        frame = pd.DataFrame({"iterations": counts, "share": counts / self.iterations},
                             index=pd.Index(values, name="periods"))
        frame["cumulative"] = frame["share"].cumsum()
        if self.start is not None:
            lookup = self._date_of()
            frame["date"] = [lookup[int(n)] for n in values]
        return frame

    def summary(self):
        """Periods (and dates) at 50, 70, 85 and 95 % confidence."""
        frame = pd.DataFrame({"periods": [self.percentile(q) for q in PERCENTILES]},
                             index=pd.Index(PERCENTILES, name="confidence"))
        if self.start is not None:
            frame["date"] = [self.date_at(q) for q in PERCENTILES]
        return frame


@dataclass
class HowManyForecast:
    """What :func:`forecast_how_many` returns: the count each iteration reached.

    ``counts`` (per iteration), ``periods``, ``history``, ``stability`` as for
    :class:`WhenForecast`.
    """

    counts: np.ndarray
    periods: int
    history: pd.Series
    iterations: int
    seed: object
    stability: Stability | None = None

    def __repr__(self):
        return (f"HowManyForecast({self.iterations} iterations over {self.periods} periods, "
                f"85 % confidence: {self.at_confidence(85):g})")

    def at_confidence(self, q):
        """The count reached in at least ``q`` % of the iterations: the answer "at q %".

        At 85 % it is the 15th percentile of the counts (:meth:`percentile` (15)): only 15 %
        of the futures do fewer. The 85th percentile is what only 15 % of them reach.
        """
        share = _confidence(q)
        ordered = np.sort(self.counts)
        return float(ordered[min(len(ordered) - 1, math.floor((1 - share) * len(ordered) + 1e-9))])

    def percentile(self, q):
        """The q-th percentile of the counts: at most ``q`` % of the iterations did fewer.

        ``percentile(15) == at_confidence(85)``; ``percentile(85)`` is an optimistic count
        that 85 % of the iterations do not reach in full.
        """
        share = _confidence(q)
        ordered = np.sort(self.counts)
        return float(ordered[min(len(ordered) - 1, math.floor(share * len(ordered) + 1e-9))])

    def probability(self, at_least):
        """The share of iterations that did at least ``at_least``."""
        return float(np.mean(self.counts >= _number(at_least, "at_least") - 1e-9))

    def distribution(self):
        """One row per count: iterations, share, and the share that did at least that many."""
        values, counts = np.unique(self.counts, return_counts=True)
        frame = pd.DataFrame({"iterations": counts, "share": counts / self.iterations},
                             index=pd.Index(values, name="count"))
        frame["at_least"] = frame["share"][::-1].cumsum()[::-1]
        return frame

    def summary(self):
        """The counts reached at 50, 70, 85 and 95 % confidence."""
        return pd.DataFrame({"at_least": [self.at_confidence(q) for q in PERCENTILES]},
                            index=pd.Index(PERCENTILES, name="confidence"))


def _confidence(q):
    q = _number(q, "confidence")
    if not 0 < q <= 100:
        raise AgileError(f"confidence {q:g}: valid: a percentage above 0 and up to 100 (85 for 85 %).")
    return q / 100


def forecast_when(throughput, items, iterations=10_000, seed=None, start=None, period="week",
                  calendar=None):
    """When will ``items`` be done? A Monte Carlo of the team's own throughput.

    Each iteration draws past periods at random, with replacement (a bootstrap of the
    history), and adds their throughput until ``items`` are done; the number of periods it
    took is the iteration's answer (Magennis's Throughput Forecaster; Vacanti, 2015, "Monte
    Carlo: when"). ``items`` may be a range ``(low, high)``: each iteration then draws its
    backlog uniformly between them, both included (the backlog that will have grown).

    Args:
        throughput: items (or points) done per past period: ``flow.throughput``, a list, or
            ``sprints["done_points"]``. Every value >= 0, at least one above 0.
        items: the work left: a number or ``(low, high)``.
        iterations: how many futures to draw (10,000 by default).
        seed: for a reproducible forecast (the same seed gives the same answer).
        start: the first day of the forecast (period 1 is the week, or working day, that
            holds it; a day off rolls forward to the next working day); gives dates.
        period: what one period of the history is: ``"week"``, ``"2 weeks"`` (a two-week
            sprint) ... ``"4 weeks"``, or ``"working day"``. Period N ends on the last
            working day of the Nth week (of ``calendar``) counted from ``start``.
        calendar: a :class:`~pmo_lessons.calendars.Calendar` (default Monday to Friday).

    Returns:
        A :class:`WhenForecast`: ``percentile(85)`` is the number of periods within which at
        least 85 % of the iterations finished, ``date_at(85)`` its date, ``probability(date=
        ...)`` the chance of a date, ``stability`` the check of the history (look at it: a
        history with a signal makes a forecast that means little).

    Raises:
        AgileError: an empty history, a negative or missing value (named by its period), a
            history that never finishes anything, a bad range, an unknown period.

    >>> result = forecast_when([3, 5, 4, 6, 2, 5, 4, 3], items=20, seed=1, start="2026-09-28")
    >>> result.percentile(50), result.percentile(85), result.date_at(85).date().isoformat()
    (5, 6, '2026-11-06')
    """
    iterations = _iterations(iterations)
    _period(period)
    history = _history(throughput, "throughput")
    values = history.to_numpy()
    if values.max() <= 0:
        raise AgileError("Every period of the history has 0 done: at that pace nothing is ever "
                         "finished. Take a window where the team delivered.")
    rng = np.random.default_rng(seed)
    targets = _backlog(items, iterations, rng)
    periods = np.zeros(iterations, dtype=np.int64)
    pending = np.flatnonzero(targets > 0)
    total = np.zeros(iterations)
    elapsed = 0
    horizon = int(max(8, math.ceil(targets.max() / values.mean() * 1.5) + 4))
    while pending.size:
        if elapsed >= _MAX_PERIODS:
            raise AgileError(f"After {_MAX_PERIODS} periods some iterations are still not done: "
                             "the history delivers too little for this backlog to mean anything.")
        draws = values[rng.integers(0, len(values), size=(pending.size, horizon))]
        running = total[pending, None] + np.cumsum(draws, axis=1)
        reached = running >= targets[pending, None] - 1e-9
        hit = reached.any(axis=1)
        periods[pending[hit]] = elapsed + reached[hit].argmax(axis=1) + 1
        total[pending[~hit]] = running[~hit, -1]
        pending = pending[~hit]
        elapsed += horizon
    cal = as_calendar(calendar)
    first = cal.roll_forward(pd.Timestamp(start).normalize()) if start is not None else None
    return WhenForecast(periods, targets, history, iterations, seed, period, first, cal,
                        _stability_or_none(history))


def forecast_how_many(throughput, periods, iterations=10_000, seed=None):
    """How many items will be done in ``periods`` periods? A Monte Carlo of the history.

    Each iteration draws ``periods`` past periods at random, with replacement, and adds their
    throughput. **The answer "at 85 % confidence" is the count reached in at least 85 % of
    the iterations: the 15th percentile of the counts** (``at_confidence(85)``). The usual
    mistake is to read the 85th percentile, a count that only 15 % of the futures reach: it
    promises the optimistic tail. (Vacanti, 2015, and ActionableAgile's "Monte Carlo: How
    Many": "an 85 % chance that we can finish 27 items or more".)

    Args:
        throughput: items (or points) per past period, as for :func:`forecast_when`.
        periods: the whole number of periods until the date (e.g. weeks to the launch).
        iterations, seed: as for :func:`forecast_when`.

    Returns:
        A :class:`HowManyForecast`: ``at_confidence(85)``, ``probability(at_least=n)``,
        ``distribution()``, ``stability``.

    >>> result = forecast_how_many([3, 5, 4, 6, 2, 5, 4, 3], periods=4, seed=1)
    >>> result.at_confidence(85), result.percentile(15), result.percentile(85)
    (13.0, 13.0, 19.0)
    """
    iterations = _iterations(iterations)
    if isinstance(periods, bool) or not isinstance(periods, (int, np.integer)) or periods < 0:
        raise AgileError(f"periods must be a whole number of periods >= 0, not {periods!r}.")
    history = _history(throughput, "throughput")
    rng = np.random.default_rng(seed)
    values = history.to_numpy()
    counts = np.zeros(iterations)
    chunk = max(1, 2_000_000 // max(1, int(periods)))   # bounded memory for long horizons
    for first in range(0, iterations, chunk):
        size = min(chunk, iterations - first)
        draws = values[rng.integers(0, len(values), size=(size, int(periods)))]
        counts[first:first + size] = draws.sum(axis=1)
    return HowManyForecast(counts, int(periods), history, iterations, seed,
                           _stability_or_none(history))


def periods_until(start, date, period="week", calendar=None):
    """How many whole periods of a forecast from ``start`` end on or before ``date``.

    The number of periods to give :func:`forecast_how_many` for "how many by that date":
    period 1 is the week (or working day) that holds ``start``, as in :func:`forecast_when`,
    and a period counts when it ends by ``date`` (a week ends on its last working day).

    >>> periods_until("2026-09-28", "2026-10-09")                  # two weeks: 2 and 9 October
    2
    >>> periods_until("2026-09-28", "2026-10-08"), periods_until("2026-09-28", "2026-10-23", "2 weeks")
    (1, 2)
    """
    cal = as_calendar(calendar)
    first = cal.roll_forward(pd.Timestamp(start).normalize())
    last = pd.Timestamp(date).normalize()
    if last < first:
        return 0
    weeks = _period(period)
    if weeks == 0:
        return cal.working_days_between(first, last + pd.Timedelta(days=1))
    count = 0
    ends = _finish_dates(first, np.arange(1, 2 + ((last - first).days // (7 * weeks)) + 1),
                         period, cal)
    for n in sorted(ends):
        if ends[n] <= last:
            count = n
    return int(count)


# --- AgileEVM and the hybrid portfolio --------------------------------------------------


def agile_evm(bac, planned_sprints, sprints_done, points_done, points_planned, actual_cost):
    """AgileEVM: earned value from a release's story points (Sulaiman, Barton and Blackburn).

    T. Sulaiman, B. Barton and T. Blackburn, "AgileEVM: Earned Value Management in Scrum
    Projects", *Proceedings of the AGILE 2006 Conference*, IEEE, 2006, map EVM onto a
    release:

    =====================  ================================================================
    ``PPC``                planned percent complete = sprints done / planned sprints
    ``APC``                actual percent complete = points done / points planned for the
                           release (as it stands now, scope added included)
    ``PV``, ``EV``         PPC x BAC and APC x BAC (BAC: the release's budget)
    ``AC``                 the actual cost of the sprints
    ``CV``, ``SV``         EV - AC, EV - PV
    ``CPI``, ``SPI``       EV / AC, EV / PV
    ``EAC``                BAC / CPI
    ``expected_sprints``   planned sprints / SPI: the release's length at the pace so far
    ``sprints_left``       expected_sprints - sprints done
    =====================  ================================================================

    SPI here is mean velocity / planned velocity (points planned / planned sprints), so
    ``expected_sprints`` equals points planned / mean velocity: the paper's point, that
    AgileEVM and the mean-velocity release forecast agree. Past the planned sprints PPC
    goes above 1 (the paper does not cap it), which keeps that equality. It inherits the
    mean's weakness: a single date met about half the time.

    >>> row = agile_evm(bac=100_000, planned_sprints=5, sprints_done=3, points_done=120,
    ...                 points_planned=250, actual_cost=50_000)
    >>> row[["PV", "EV", "CPI", "SPI", "expected_sprints"]].round(3).tolist()
    [60000.0, 48000.0, 0.96, 0.8, 6.25]
    """
    values = {name: _number(value, name) for name, value in (
        ("bac", bac), ("planned_sprints", planned_sprints), ("sprints_done", sprints_done),
        ("points_done", points_done), ("points_planned", points_planned),
        ("actual_cost", actual_cost))}
    for name, value in values.items():
        if value < 0:
            raise AgileError(f"{name} is {value:g}; valid: >= 0.")
    for name in ("bac", "planned_sprints", "points_planned"):
        if values[name] == 0:
            raise AgileError(f"{name} is 0: AgileEVM divides by it (give the release's {name}).")
    if values["points_done"] > values["points_planned"]:
        raise AgileError(f"points_done ({values['points_done']:g}) is above points_planned "
                         f"({values['points_planned']:g}): the release's points include the done ones.")
    ppc = values["sprints_done"] / values["planned_sprints"]
    apc = values["points_done"] / values["points_planned"]
    bac_, ac = values["bac"], values["actual_cost"]
    pv, ev = ppc * bac_, apc * bac_
    cpi = ev / ac if ac else np.nan
    spi = ev / pv if pv else np.nan
    expected = values["planned_sprints"] / spi if spi else np.nan
    return pd.Series({
        "PPC": ppc, "APC": apc, "PV": pv, "EV": ev, "AC": ac, "CV": ev - ac, "SV": ev - pv,
        "CPI": cpi, "SPI": spi, "EAC": bac_ / cpi if cpi else np.nan,
        "expected_sprints": expected, "sprints_left": expected - values["sprints_done"],
    }, name="agile_evm")


def _flow_rag(chance):
    if pd.isna(chance):
        return "grey"
    return ("green" if chance >= FLOW_RAG["green"] / 100 - 1e-9 else
            "amber" if chance >= FLOW_RAG["amber"] / 100 - 1e-9 else "red")


def release_status(items, as_of, target=None, history=None, window=None, unit="items",
                   period="week", backlog_growth=0.0, iterations=10_000, seed=None,
                   calendar=None, approach="agile", points="story_points"):
    """Where a backlog stands on a date, and when it will be done: one row of the dashboard.

    ``items`` is the release's work-item table; ``as_of`` the status date. The scope counts
    the items created by then, ``done`` those done by then, in ``unit`` (``"items"`` or
    ``"points"``). The forecast (:func:`forecast_when`) starts the day after ``as_of`` and
    resamples ``history`` when given (e.g. the sprints' ``done_points`` with ``period="2
    weeks"``), else the weekly throughput of the items done in ``window`` (``(start, end)``,
    default: all weeks up to ``as_of``). ``backlog_growth`` (a share, 0.1 = 10 %) turns the
    remaining work into a range, remaining to remaining x (1 + growth).

    Returns a Series: ``approach, unit, scope, done, remaining, percent_done,
    history_periods, stable`` (the stability check of the history, None below 5 periods),
    ``forecast_p50``, ``forecast_p85`` (dates), ``target``, ``chance_by_target`` and
    ``flow_rag`` (:data:`FLOW_RAG`: green when the target is met at 85 % confidence, amber
    at 50 %, red below; grey without a target).

    >>> import pandas as pd
    >>> items = pd.DataFrame({"id": list("ABCDEF"), "created": pd.to_datetime(["2026-08-31"] * 6),
    ...     "started": pd.to_datetime(["2026-08-31", "2026-09-02", "2026-09-07", "2026-09-14",
    ...                                pd.NaT, pd.NaT]),
    ...     "done": pd.to_datetime(["2026-09-02", "2026-09-04", "2026-09-10", "2026-09-18",
    ...                             pd.NaT, pd.NaT])})
    >>> row = release_status(items, as_of="2026-09-18", target="2026-10-02", seed=1)
    >>> row[["remaining", "percent_done", "forecast_p85", "flow_rag"]].astype(str).tolist()
    ['2.0', '66.7', '2026-10-02 00:00:00', 'green']
    """
    cal = as_calendar(calendar)
    frame = _read_items(items)
    day = pd.Timestamp(as_of).normalize()
    sizes = _sizes(frame, unit, points)
    in_scope = frame["created"] <= day
    finished = frame["done"].notna() & (frame["done"] <= day)
    scope, done = float(sizes[in_scope].sum()), float(sizes[in_scope & finished].sum())
    remaining = scope - done
    if history is None:
        start = window[0] if window else None
        end = window[1] if window else day
        if period != "week":
            raise AgileError("Without a history, release_status measures weekly throughput: "
                             "period='week' (or give history= and its period).")
        flow = flow_metrics(frame[in_scope], start=start, end=end, calendar=cal)
        if unit == "items":
            history = flow.throughput
        else:
            labels = flow.throughput.index
            weeks = pd.Series(_friday(frame.loc[finished, "done"]), index=frame.index[finished])
            history = sizes[finished].groupby(weeks.to_numpy()).sum().reindex(labels, fill_value=0)
    history = _history(history, "throughput")
    growth = _number(backlog_growth, "backlog_growth")
    if growth < 0:
        raise AgileError(f"backlog_growth is {growth:g}; valid: a share >= 0 (0.1 for 10 %).")
    work = (math.ceil(remaining), math.ceil(remaining * (1 + growth))) if growth else remaining
    first_day = day + pd.Timedelta(days=1)
    if remaining > 0:
        result = forecast_when(history, work, iterations=iterations, seed=seed, start=first_day,
                               period=period, calendar=cal)
        p50, p85 = result.date_at(50), result.date_at(85)
        stability = result.stability
        chance = result.probability(date=target) if target is not None else np.nan
    else:
        p50 = p85 = day
        stability = _stability_or_none(history)
        chance = 1.0 if target is not None else np.nan
    return pd.Series({
        "approach": approach, "unit": unit, "scope": scope, "done": done,
        "remaining": remaining, "percent_done": round(100 * done / scope, 1) if scope else np.nan,
        "history_periods": len(history),
        "stable": None if stability is None else stability.stable,
        "forecast_p50": p50, "forecast_p85": p85,
        "target": pd.Timestamp(target).normalize() if target is not None else pd.NaT,
        "chance_by_target": chance, "flow_rag": _flow_rag(chance),
    }, name="release")


_SEVERITY = {"grey": 0, "green": 1, "amber": 2, "red": 3}
APPROACHES = ("predictive", "agile", "hybrid")


def hybrid_dashboard(board=None, releases=None, agile_evm_rows=None):
    """The hybrid portfolio on one page: earned value where it exists, the backlog where it runs.

    Args:
        board: :func:`pmo_lessons.evm.dashboard` (one row per project with earned value):
            its ``CPI``, ``SPI_t``, ``forecast_finish``, ``cost_rag``, ``schedule_rag`` are
            kept. None when no project reports earned value.
        releases: ``{project: release_status(...)}`` for the projects that deliver from a
            backlog; the Series' ``approach`` says ``"agile"`` or ``"hybrid"``.
        agile_evm_rows: optional ``{project: agile_evm(...)}``: AgileEVM's ``CPI`` and
            ``SPI`` appear as ``agile_CPI``, ``agile_SPI`` (Sulaiman et al., 2006).

    Returns:
        One row per project (the board's order, then releases without a board row):
        ``approach`` (predictive when it has no backlog), ``CPI``, ``SPI_t``,
        ``ev_forecast_finish``, ``percent_done``, ``target``, ``forecast_p50``,
        ``forecast_p85``, ``chance_by_target``, ``stable``, ``cost_rag``, ``schedule_rag``
        and ``rag``. For a backlog, the schedule RAG is the forecast's (:data:`FLOW_RAG`;
        for a hybrid, the worse of it and earned schedule's); the cost RAG stays earned
        value's (AgileEVM's CPI on the board's thresholds when there is no board row);
        ``rag`` is the worse of the two.

    >>> import pandas as pd
    >>> board = pd.DataFrame({"name": ["Plan", "Shop"], "CPI": [0.97, 0.99], "SPI_t": [0.93, 0.95],
    ...     "forecast_finish": pd.to_datetime(["2026-12-04", "2026-12-07"]),
    ...     "cost_rag": ["green", "green"], "schedule_rag": ["amber", "green"],
    ...     "rag": ["amber", "green"]}, index=pd.Index(["P", "S"], name="project"))
    >>> shop = pd.Series({"approach": "agile", "percent_done": 80.0, "target": pd.Timestamp("2026-10-09"),
    ...     "forecast_p50": pd.Timestamp("2026-10-09"), "forecast_p85": pd.Timestamp("2026-10-23"),
    ...     "chance_by_target": 0.6, "stable": True, "flow_rag": "amber"})
    >>> hybrid_dashboard(board, {"S": shop})[["approach", "schedule_rag", "rag"]].values.tolist()
    [['predictive', 'amber', 'amber'], ['agile', 'amber', 'amber']]
    """
    from .evm import rag_status

    releases = dict(releases or {})
    extra = dict(agile_evm_rows or {})
    if board is not None:
        require_columns(board, ["CPI", "SPI_t", "cost_rag", "schedule_rag"], "board", AgileError)
    ids = list(board.index.astype(str)) if board is not None else []
    ids += [p for p in releases if p not in ids]
    rows = []
    for project in ids:
        has_board = board is not None and project in board.index
        release = releases.get(project)
        row = {"project": project,
               "name": board.at[project, "name"] if has_board and "name" in board.columns else project}
        approach = "predictive" if release is None else str(release.get("approach", "agile"))
        if approach not in APPROACHES:
            raise AgileError(f"project {project}: approach {approach!r}; valid: "
                             f"{', '.join(APPROACHES)}.")
        row["approach"] = approach
        row["CPI"] = board.at[project, "CPI"] if has_board else np.nan
        row["SPI_t"] = board.at[project, "SPI_t"] if has_board else np.nan
        row["ev_forecast_finish"] = (board.at[project, "forecast_finish"]
                                     if has_board and "forecast_finish" in board.columns else pd.NaT)
        for column in ("percent_done", "target", "forecast_p50", "forecast_p85",
                       "chance_by_target", "stable"):
            row[column] = release.get(column) if release is not None else (
                pd.NaT if column in ("target", "forecast_p50", "forecast_p85") else np.nan)
        cost = board.at[project, "cost_rag"] if has_board else "grey"
        schedule = board.at[project, "schedule_rag"] if has_board else "grey"
        if project in extra:
            row["agile_CPI"], row["agile_SPI"] = extra[project]["CPI"], extra[project]["SPI"]
            if not has_board:
                cost = rag_status(row["agile_CPI"])
        if release is not None:
            flow = release.get("flow_rag", _flow_rag(release.get("chance_by_target")))
            schedule = (max(flow, schedule, key=_SEVERITY.get) if approach == "hybrid" and has_board
                        else flow)
        row["cost_rag"], row["schedule_rag"] = cost, schedule
        row["rag"] = max(cost, schedule, key=_SEVERITY.get)
        rows.append(row)
    frame = pd.DataFrame(rows).set_index("project")
    for column in ("target", "forecast_p50", "forecast_p85", "ev_forecast_finish"):
        frame[column] = pd.to_datetime(frame[column])
    return frame
