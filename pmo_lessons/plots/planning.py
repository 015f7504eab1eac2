"""Planning charts: the Gantt chart, the network diagram and the portfolio timeline.

The tables come from :mod:`pmo_lessons.schedule` (:func:`~pmo_lessons.schedule.cpm`,
:func:`~pmo_lessons.schedule.to_dates`, :func:`~pmo_lessons.schedule.project_dates`).
"""

from __future__ import annotations

import matplotlib.dates as mdates
import pandas as pd
from matplotlib.lines import Line2D
from matplotlib.patches import FancyArrowPatch, Patch, Rectangle

from ..errors import InputError
from ..schedule import links_table
from ..style import COLOURS
from .base import date_axis, finished, new_axes, row_label, set_title, signed, task_names

__all__ = ["gantt", "network_diagram", "portfolio_timeline"]


def gantt(schedule, tasks=None, title=None, today=None, show_float=True, ax=None,
          label="id", unit="periods"):
    """A Gantt chart of a :func:`~pmo_lessons.schedule.cpm` schedule.

    Bars run from early start to early finish, red when the task is critical;
    a grey bar after a task shows its total float (how far it can slip);
    milestones (duration 0) are diamonds. When the schedule has calendar dates
    (from :func:`~pmo_lessons.schedule.to_dates`) the axis shows dates,
    otherwise periods. ``tasks`` adds the task names (its ``name`` column);
    ``label`` chooses what the rows show: ``"id"``, ``"name"`` or ``"both"``.
    ``today`` draws the status date (a date, or a period); ``unit`` names the
    periods on an axis without dates ("working days", "weeks").

    >>> import pandas as pd
    >>> from pmo_lessons.schedule import cpm
    >>> tasks = pd.DataFrame({"id": ["A", "B", "M"], "duration": [3, 2, 0],
    ...                       "predecessors": ["", "A", "A, B"]})
    >>> fig = gantt(cpm(tasks), tasks)
    >>> [text.get_text() for text in fig.axes[0].get_yticklabels()]
    ['A', 'B', 'M']
    """
    dated = "start_date" in schedule.columns
    names = task_names(tasks)
    rows = list(schedule.index)
    fig, ax, own = new_axes(ax, figsize=(11, max(2.5, 0.32 * len(rows) + 1.4)))

    for y, task_id in enumerate(rows):
        row = schedule.loc[task_id]
        colour = COLOURS["critical"] if row["critical"] else COLOURS["task"]
        start, width, float_start, float_width = _bar(row, dated)
        if row["duration"] == 0:
            ax.scatter([start], [y], marker="D", s=70, color=COLOURS["milestone"]
                       if not row["critical"] else COLOURS["critical"], zorder=3)
        else:
            ax.barh(y, width, left=start, height=0.6, color=colour, zorder=2)
        if show_float and row["total_float"] > 0:
            ax.barh(y, float_width, left=float_start, height=0.25,
                    color=COLOURS["float"], zorder=1)

    ax.set_yticks(range(len(rows)))
    ax.set_yticklabels([row_label(t, names.get(t), label) for t in rows])
    ax.invert_yaxis()
    ax.grid(axis="x", color=COLOURS["grid"], zorder=0)
    ax.set_axisbelow(True)
    if dated:
        date_axis(ax, 4, 10)
    else:
        ax.set_xlabel(f"{unit} from the start")
    if today is not None:
        x = mdates.date2num(pd.Timestamp(today)) if dated else float(today)
        ax.axvline(x, color=COLOURS["today"], linestyle="--", linewidth=1.5, zorder=4)
    ax.legend(handles=_legend(show_float), loc="upper right", fontsize=8, framealpha=0.9)
    finish = schedule["ef"].max()
    set_title(ax, title or f"Gantt chart: {len(rows)} tasks, {finish:g} {unit}")
    return finished(fig, own)


def network_diagram(schedule, tasks=None, links=None, title=None, ax=None):
    """An activity-on-node network diagram of a :func:`~pmo_lessons.schedule.cpm` schedule.

    Each box shows the task id and duration, early start and finish on top,
    late start and finish below, and the total float; critical tasks and the
    links between them are red. Columns follow the links (a task stands right
    of all its predecessors); a link other than plain FS is labelled (``SS+2``).

    >>> import pandas as pd
    >>> from pmo_lessons.schedule import cpm
    >>> tasks = pd.DataFrame({"id": ["A", "B"], "duration": [3, 2], "predecessors": ["", "A SS+1"]})
    >>> fig = network_diagram(cpm(tasks), tasks)
    >>> sorted(t.get_text() for t in fig.axes[0].texts if t.get_text() == "SS+1")
    ['SS+1']
    """
    link_frame = links if links is not None else links_table(tasks)
    columns = _columns(list(schedule.index), link_frame)
    positions = {}
    by_column = {}
    for task_id in schedule.index:
        by_column.setdefault(columns[task_id], []).append(task_id)
    for column, members in by_column.items():
        members.sort(key=lambda t: (schedule.at[t, "es"], not schedule.at[t, "critical"]))
        for row, task_id in enumerate(members):
            positions[task_id] = (column * 2.6, -row * 1.6)
    width = max(by_column) + 1 if by_column else 1
    height = max(len(m) for m in by_column.values()) if by_column else 1
    fig, ax, own = new_axes(ax, figsize=(min(2.1 * width + 1, 22), min(1.3 * height + 1.2, 14)))

    box_w, box_h = 1.7, 1.0
    for p, s, kind, lag in link_frame.itertuples(index=False):
        (x0, y0), (x1, y1) = positions[p], positions[s]
        red = schedule.at[p, "critical"] and schedule.at[s, "critical"]
        arrow = FancyArrowPatch((x0 + box_w / 2, y0), (x1 - box_w / 2, y1),
                                arrowstyle="-|>", mutation_scale=12, linewidth=1.3,
                                color=COLOURS["critical"] if red else COLOURS["muted"],
                                connectionstyle="arc3,rad=0.0", zorder=1)
        ax.add_patch(arrow)
        if kind != "FS" or lag != 0:
            ax.text((x0 + x1) / 2, (y0 + y1) / 2 + 0.12, f"{kind}{signed(lag)}",
                    ha="center", va="bottom", fontsize=7, color=COLOURS["muted"],
                    bbox=dict(boxstyle="round,pad=0.1", fc="white", ec="none"))

    for task_id, (x, y) in positions.items():
        row = schedule.loc[task_id]
        edge = COLOURS["critical"] if row["critical"] else COLOURS["muted"]
        ax.add_patch(Rectangle((x - box_w / 2, y - box_h / 2), box_w, box_h, facecolor="white",
                               edgecolor=edge, linewidth=2 if row["critical"] else 1, zorder=2))
        ax.text(x, y + 0.05, f"{task_id}\n{row['duration']:g}", ha="center", va="center",
                fontsize=8, fontweight="bold", zorder=3)
        left, right = x - box_w / 2 + 0.06, x + box_w / 2 - 0.06
        top, bottom = y + box_h / 2 - 0.05, y - box_h / 2 + 0.05
        for dx, dy, field, ha, va in ((left, top, "es", "left", "top"), (right, top, "ef", "right", "top"),
                                      (left, bottom, "ls", "left", "bottom"),
                                      (right, bottom, "lf", "right", "bottom")):
            ax.text(dx, dy, f"{row[field]:g}", ha=ha, va=va, fontsize=7, zorder=3)
        ax.text(x, y - box_h / 2 - 0.05, f"float {row['total_float']:g}", ha="center", va="top",
                fontsize=6.5, color=edge, zorder=3)

    ax.set_xlim(-box_w, max(x for x, _ in positions.values()) + box_w)
    ax.set_ylim(min(y for _, y in positions.values()) - box_h, box_h)
    ax.set_aspect("equal")
    ax.axis("off")
    set_title(ax, title or "Network diagram (ES EF on top, LS LF below)")
    return finished(fig, own)


def portfolio_timeline(projects, today=None, ax=None, title=None):
    """A portfolio timeline: one bar per project, from its start to its planned finish.

    ``projects`` has one row per project with columns ``id``, ``name``,
    ``start_date`` and ``finish_date`` (the last working day, as
    :func:`~pmo_lessons.schedule.project_dates` returns it, so a bar ends at
    the end of that day), and optionally ``status``: bars of projects that
    are closing or closed (``closing``, ``closed``, ``completed``, ``done``,
    ``cancelled``) are grey, the others blue. Rows keep the order of the
    table; each bar is labelled with its finish date. ``today`` draws the
    status date as an orange dashed line.

    >>> import pandas as pd
    >>> projects = pd.DataFrame({"id": ["A", "B"], "name": ["Move", "Build"],
    ...     "start_date": ["2026-01-05", "2026-02-02"],
    ...     "finish_date": ["2026-03-27", "2026-06-30"]})
    >>> fig = portfolio_timeline(projects, today="2026-03-02")
    >>> [text.get_text() for text in fig.axes[0].get_yticklabels()]
    ['A  Move', 'B  Build']
    """
    missing = [c for c in ("id", "name", "start_date", "finish_date") if c not in projects.columns]
    if missing:
        raise InputError(
            f"projects has no column {', '.join(repr(c) for c in missing)}; a portfolio "
            "timeline needs id, name, start_date and finish_date (and optionally status)."
        )
    starts = pd.to_datetime(projects["start_date"])
    finishes = pd.to_datetime(projects["finish_date"])
    for project_id, start, finish in zip(projects["id"], starts, finishes):
        if pd.isna(start) or pd.isna(finish) or finish < start:
            raise InputError(
                f"Project {project_id}: start_date {start} and finish_date {finish} must be "
                "dates, the finish on or after the start."
            )
    closed_words = ("closing", "closed", "completed", "done", "cancelled")
    statuses = (projects["status"].astype(str).tolist() if "status" in projects.columns
                else [""] * len(projects))
    n = len(projects)
    fig, ax, own = new_axes(ax, figsize=(11, max(2.5, 0.45 * n + 1.6)))

    one_day = pd.Timedelta(days=1)
    for y, (start, finish, status) in enumerate(zip(starts, finishes, statuses)):
        closed = status.strip().lower() in closed_words
        left = mdates.date2num(start)
        right = mdates.date2num(finish + one_day)  # the bar covers the finish day
        ax.barh(y, right - left, left=left, height=0.6, zorder=2,
                color=COLOURS["float"] if closed else COLOURS["task"],
                edgecolor=COLOURS["milestone"] if closed else COLOURS["task"], linewidth=0.8)
        ax.annotate(f"{finish:%d %b %Y}", xy=(right, y), xytext=(5, 0),
                    textcoords="offset points", ha="left", va="center", fontsize=8,
                    color=COLOURS["milestone"], zorder=5,
                    bbox=dict(boxstyle="square,pad=0.15", fc="white", ec="none"))

    ax.set_yticks(range(n))
    ax.set_yticklabels([f"{i}  {name}" for i, name in zip(projects["id"], projects["name"])])
    ax.invert_yaxis()
    ax.grid(axis="x", color=COLOURS["grid"], zorder=0)
    ax.set_axisbelow(True)
    if n:
        first, last = mdates.date2num(starts.min()), mdates.date2num(finishes.max() + one_day)
        span = max(last - first, 1)
        ax.set_xlim(first - 0.02 * span, last + 0.2 * span)  # room for the finish labels
    date_axis(ax, 4, 16)

    handles = []
    active = sorted({s for s in statuses if s and s.strip().lower() not in closed_words})
    closing = sorted({s for s in statuses if s.strip().lower() in closed_words})
    if active:
        handles.append(Patch(color=COLOURS["task"], label=", ".join(active)))
    if closing:
        handles.append(Patch(facecolor=COLOURS["float"], edgecolor=COLOURS["milestone"],
                             label=", ".join(closing)))
    if today is not None:
        today = pd.Timestamp(today)
        ax.axvline(mdates.date2num(today), color=COLOURS["today"], linestyle="--",
                   linewidth=1.5, zorder=4)
        handles.append(Line2D([], [], color=COLOURS["today"], linestyle="--",
                              label=f"status date {today:%d %b %Y}"))
    if handles:
        ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8,
                  frameon=False)
    if title is None:
        title = f"Portfolio timeline: {n} projects"
        if n:
            title += f", {starts.min():%b %Y} to {finishes.max():%b %Y}"
    set_title(ax, title)
    return finished(fig, own)


def _bar(row, dated):
    """x positions of a task's bar and of its float bar, in periods or in dates."""
    if not dated:
        return row["es"], row["duration"], row["ef"], row["total_float"]
    start = mdates.date2num(row["start_date"])
    if row["duration"] == 0:
        start = mdates.date2num(row["start_date"] + pd.Timedelta(days=1))  # end of that day
        end = start
        late_end = mdates.date2num(row["late_finish_date"] + pd.Timedelta(days=1))
    else:
        end = mdates.date2num(row["finish_date"] + pd.Timedelta(days=1))
        late_end = mdates.date2num(row["late_finish_date"] + pd.Timedelta(days=1))
    return start, end - start, end, late_end - end


def _legend(show_float):
    handles = [Patch(color=COLOURS["critical"], label="critical"),
               Patch(color=COLOURS["task"], label="has float")]
    if show_float:
        handles.append(Patch(color=COLOURS["float"], label="total float"))
    handles.append(Line2D([], [], marker="D", linestyle="none", color=COLOURS["milestone"],
                          label="milestone"))
    return handles


def _columns(ids, link_frame):
    """Column of each task: 1 + the largest column of its predecessors (longest path in links)."""
    succs = {task_id: [] for task_id in ids}
    waiting = {task_id: 0 for task_id in ids}
    for p, s in zip(link_frame["predecessor"], link_frame["successor"]):
        succs[p].append(s)
        waiting[s] += 1
    column = {task_id: 0 for task_id in ids}
    ready = [task_id for task_id in ids if waiting[task_id] == 0]
    while ready:  # Kahn's order: a task is placed once all its predecessors are
        task_id = ready.pop()
        for s in succs[task_id]:
            column[s] = max(column[s], column[task_id] + 1)
            waiting[s] -= 1
            if waiting[s] == 0:
                ready.append(s)
    return column
