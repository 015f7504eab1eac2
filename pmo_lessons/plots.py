"""Charts for the lessons: planning, resources, monitoring, risk, methodology, portfolio.

Every function takes the tables the computation modules return, draws with
matplotlib and returns the :class:`matplotlib.figure.Figure` (closed with
pyplot, so that a notebook shows it once, as the cell's result). Pass ``ax``
to draw into an axes of your own instead.

>>> import pandas as pd
>>> from pmo_lessons.schedule import cpm
>>> tasks = pd.DataFrame({"id": ["A", "B", "M"], "duration": [3, 2, 0],
...                       "predecessors": ["", "A", "A, B"]})
>>> fig = gantt(cpm(tasks), tasks)
>>> [text.get_text() for text in fig.axes[0].get_yticklabels()]
['A', 'B', 'M']
"""

from __future__ import annotations

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.patches import FancyArrowPatch, Patch, Rectangle
from matplotlib.lines import Line2D

from .schedule import links_table

__all__ = [
    "COLOURS",
    # planning
    "gantt",
    "network_diagram",
    "portfolio_timeline",
    # monitoring
    "RAG_COLOURS",
    "s_curve",
    "portfolio_dashboard",
    "okr_chart",
    # resources
    "PROJECT_COLOURS",
    "resource_histogram",
    "levelling_histograms",
    "levelling_gantt",
    # risk
    "risk_matrix",
    "finish_distribution",
    "criticality_chart",
    "tornado",
    "decision_tree",
    # methodology
    "wbs_tree",
    "raci_chart",
    "maturity_radar",
    # portfolio
    "value_risk_bubble",
    "alignment_chart",
    "frontier_chart",
    # reporting
    "stakeholder_map",
    "index_trends",
]

#: The kit's palette: critical work in red, other work in blue, float in grey.
COLOURS = {
    "critical": "#c0392b",
    "task": "#2e86c1",
    "float": "#d5d8dc",
    "milestone": "#1c2833",
    "today": "#e67e22",
    "grid": "#eaecee",
}


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
    """
    dated = "start_date" in schedule.columns
    names = _names(schedule, tasks)
    rows = list(schedule.index)
    fig, ax, own = _axes(ax, figsize=(11, max(2.5, 0.32 * len(rows) + 1.4)))

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
    ax.set_yticklabels([_label(t, names.get(t), label) for t in rows])
    ax.invert_yaxis()
    ax.grid(axis="x", color=COLOURS["grid"], zorder=0)
    ax.set_axisbelow(True)
    if dated:
        locator = mdates.AutoDateLocator(minticks=4, maxticks=10)
        ax.xaxis.set_major_locator(locator)
        ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
    else:
        ax.set_xlabel(f"{unit} from the start")
    if today is not None:
        x = mdates.date2num(pd.Timestamp(today)) if dated else float(today)
        ax.axvline(x, color=COLOURS["today"], linestyle="--", linewidth=1.5, zorder=4)
    ax.legend(handles=_legend(show_float), loc="upper right", fontsize=8, framealpha=0.9)
    finish = schedule["ef"].max()
    ax.set_title(title or f"Gantt chart: {len(rows)} tasks, {finish:g} {unit}",
                 loc="left", fontsize=12, fontweight="bold")
    return _done(fig, own)


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
    fig, ax, own = _axes(ax, figsize=(min(2.1 * width + 1, 22), min(1.3 * height + 1.2, 14)))

    box_w, box_h = 1.7, 1.0
    for p, s, kind, lag in link_frame.itertuples(index=False):
        (x0, y0), (x1, y1) = positions[p], positions[s]
        red = schedule.at[p, "critical"] and schedule.at[s, "critical"]
        arrow = FancyArrowPatch((x0 + box_w / 2, y0), (x1 - box_w / 2, y1),
                                arrowstyle="-|>", mutation_scale=12, linewidth=1.3,
                                color=COLOURS["critical"] if red else "#566573",
                                connectionstyle="arc3,rad=0.0", zorder=1)
        ax.add_patch(arrow)
        if kind != "FS" or lag != 0:
            ax.text((x0 + x1) / 2, (y0 + y1) / 2 + 0.12, f"{kind}{_signed(lag)}",
                    ha="center", va="bottom", fontsize=7, color="#566573",
                    bbox=dict(boxstyle="round,pad=0.1", fc="white", ec="none"))

    for task_id, (x, y) in positions.items():
        row = schedule.loc[task_id]
        edge = COLOURS["critical"] if row["critical"] else "#566573"
        ax.add_patch(Rectangle((x - box_w / 2, y - box_h / 2), box_w, box_h, facecolor="white",
                               edgecolor=edge, linewidth=2 if row["critical"] else 1, zorder=2))
        ax.text(x, y + 0.05, f"{task_id}\n{row['duration']:g}", ha="center", va="center",
                fontsize=8, fontweight="bold", zorder=3)
        ax.text(x - box_w / 2 + 0.06, y + box_h / 2 - 0.05, f"{row['es']:g}", ha="left", va="top", fontsize=7, zorder=3)
        ax.text(x + box_w / 2 - 0.06, y + box_h / 2 - 0.05, f"{row['ef']:g}", ha="right", va="top", fontsize=7, zorder=3)
        ax.text(x - box_w / 2 + 0.06, y - box_h / 2 + 0.05, f"{row['ls']:g}", ha="left", va="bottom", fontsize=7, zorder=3)
        ax.text(x + box_w / 2 - 0.06, y - box_h / 2 + 0.05, f"{row['lf']:g}", ha="right", va="bottom", fontsize=7, zorder=3)
        ax.text(x, y - box_h / 2 - 0.05, f"float {row['total_float']:g}", ha="center", va="top",
                fontsize=6.5, color=edge, zorder=3)

    ax.set_xlim(-box_w, max(x for x, _ in positions.values()) + box_w)
    ax.set_ylim(min(y for _, y in positions.values()) - box_h, box_h)
    ax.set_aspect("equal")
    ax.axis("off")
    ax.set_title(title or "Network diagram (ES EF on top, LS LF below)", loc="left",
                 fontsize=12, fontweight="bold")
    return _done(fig, own)


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
    from .errors import InputError

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
    fig, ax, own = _axes(ax, figsize=(11, max(2.5, 0.45 * n + 1.6)))

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
    locator = mdates.AutoDateLocator(minticks=4, maxticks=16)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))

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
    ax.set_title(title, loc="left", fontsize=12, fontweight="bold")
    return _done(fig, own)


# --- helpers ------------------------------------------------------------------


def _axes(ax, figsize):
    if ax is not None:
        return ax.figure, ax, False
    fig, ax = plt.subplots(figsize=figsize, layout="constrained")
    return fig, ax, True


def _done(fig, own):
    if own:
        plt.close(fig)  # the notebook shows the returned figure once
    return fig


def _names(schedule, tasks):
    if tasks is None or "name" not in tasks.columns:
        return {}
    return dict(zip(tasks["id"].astype(str), tasks["name"].astype(str)))


def _label(task_id, name, label):
    if label == "name" and name:
        return name
    if label == "both" and name:
        return f"{task_id}  {name}"
    return str(task_id)


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


def _signed(lag):
    return "" if lag == 0 else f"{lag:+g}"


# --- monitoring ---------------------------------------------------------------
# S-curves with forecasts, the portfolio dashboard, OKR progress (pmo_lessons.evm).

import numpy as np  # noqa: E402  (kept in this section: the sections above do not need it)

RAG_COLOURS = {"green": "#1e8449", "amber": "#f39c12", "red": "#c0392b", "grey": "#95a5a6"}


def s_curve(view, project, baseline=None, ax=None, title=None):
    """S-curves of one project: PV of the baseline, EV and AC to date, and forecasts.

    ``view`` is :func:`~pmo_lessons.evm.time_phased` (with ``status_date``);
    ``baseline`` (:func:`~pmo_lessons.evm.baseline_pv`) draws PV to the end of
    the plan. From the last status, dashed lines run to the forecast finish
    (IEAC(t) weeks from the start): AC to the EAC (BAC / CPI), EV to the BAC.
    Horizontal lines mark BAC and EAC; the orange line is the status date.

    >>> import pandas as pd
    >>> from pmo_lessons.evm import time_phased
    >>> status = pd.DataFrame({"project": "P", "week": [1, 2],
    ...     "status_date": pd.to_datetime(["2026-01-09", "2026-01-16"]),
    ...     "pv_eur": [100.0, 200.0], "ev_eur": [80.0, 150.0], "ac_eur": [90.0, 190.0]})
    >>> fig = s_curve(time_phased(status, {"P": 200.0}), "P")
    >>> [line.get_label() for line in fig.axes[0].get_lines()][:3]
    ['PV (baseline)', 'EV (earned value)', 'AC (actual cost)']
    """
    from .errors import InputError

    if project not in view.index.get_level_values("project"):
        raise InputError(f"No status for project {project!r} in the view.")
    rows = view.xs(project, level="project")
    if "status_date" not in rows.columns:
        raise InputError("The view has no status_date column: build it from a status table "
                         "with status_date (as status_weekly.csv).")
    fig, ax, own = _axes(ax, figsize=(10, 5))
    week_one = pd.Timestamp(rows["status_date"].iloc[0]) - pd.Timedelta(days=7 * (rows.index[0] - 1))

    def date_of(week):
        return week_one + pd.Timedelta(days=7 * (week - 1))

    if baseline is not None and (baseline["project"] == project).any():
        plan = baseline[baseline["project"] == project].sort_values("week")
        pv_x, pv_y = [date_of(0)] + [date_of(w) for w in plan["week"]], [0.0] + plan["pv_eur"].tolist()
    else:
        pv_x, pv_y = [date_of(0)] + list(rows["status_date"]), [0.0] + rows["PV"].tolist()
    start = [date_of(0)]
    ax.plot(pv_x, pv_y, color="#566573", linewidth=2, label="PV (baseline)")
    ax.plot(start + list(rows["status_date"]), [0.0] + rows["EV"].tolist(), color=COLOURS["task"],
            linewidth=2.2, label="EV (earned value)")
    ax.plot(start + list(rows["status_date"]), [0.0] + rows["AC"].tolist(),
            color=COLOURS["critical"], linewidth=2.2, label="AC (actual cost)")
    last = rows.iloc[-1]
    bac, eac, ieac = last["BAC"], last["EAC"], last["IEAC_t"]
    today = pd.Timestamp(last["status_date"])
    if pd.notna(eac) and pd.notna(ieac):
        end = date_of(ieac)
        ax.plot([today, end], [last["AC"], eac], color=COLOURS["critical"], linestyle="--",
                linewidth=1.5, label=f"forecast cost, EAC {eac:,.0f}")
        ax.plot([today, end], [last["EV"], bac], color=COLOURS["task"], linestyle="--",
                linewidth=1.5, label=f"forecast finish {end:%d %b %Y} (IEAC(t) {ieac:.1f} weeks)")
        ax.axhline(eac, color=COLOURS["critical"], linestyle=":", linewidth=1)
    ax.axhline(bac, color="#566573", linestyle=":", linewidth=1)
    ax.annotate(f"BAC {bac:,.0f}", xy=(0, bac), xycoords=("axes fraction", "data"),
                xytext=(4, 3), textcoords="offset points", fontsize=8, color="#566573")
    ax.axvline(today, color=COLOURS["today"], linestyle="--", linewidth=1.5,
               label=f"status date {today:%d %b %Y}")
    ax.yaxis.set_major_formatter(plt.FuncFormatter(lambda v, _: f"{v / 1e6:.1f} M" if
                                                   max(pv_y) >= 1e6 else f"{v / 1e3:.0f} k"))
    ax.set_ylabel("cumulative EUR")
    locator = mdates.AutoDateLocator(minticks=4, maxticks=10)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
    ax.grid(color=COLOURS["grid"])
    ax.set_axisbelow(True)
    ax.legend(loc="lower right", fontsize=8, framealpha=0.9)
    summary = f"CPI {last['CPI']:.2f}, SPI {last['SPI']:.2f}"
    if pd.notna(last["SPI_t"]):
        summary += f", SPI(t) {last['SPI_t']:.2f}"
    ax.set_title(title or f"{project}: S-curves at {today:%d %b %Y} ({summary})", loc="left",
                 fontsize=12, fontweight="bold")
    return _done(fig, own)


def portfolio_dashboard(board, thresholds=None, ax=None, title=None):
    """The portfolio on one chart: CPI against SPI(t), one bubble per project, in RAG colours.

    ``board`` is :func:`~pmo_lessons.evm.dashboard`. Right is ahead of
    schedule, up is under budget; bubbles grow with the BAC and are coloured
    by the overall RAG; the shaded bands are the amber and red zones of the
    thresholds (the defaults of :data:`~pmo_lessons.evm.DEFAULT_THRESHOLDS`
    unless given). Each label gives the forecast slip in working days (wd).

    >>> import pandas as pd
    >>> board = pd.DataFrame({"CPI": [0.9, 1.02], "SPI_t": [0.85, 1.0], "BAC": [2e6, 5e5],
    ...     "rag": ["red", "green"], "slip_days": [40, 0]}, index=["A", "B"])
    >>> fig = portfolio_dashboard(board)
    >>> [t.get_text() for t in fig.axes[0].texts][:2]
    ['A  +40 wd', 'B  +0 wd']
    """
    from .evm import DEFAULT_THRESHOLDS

    limits = {**DEFAULT_THRESHOLDS, **(thresholds or {})}
    fig, ax, own = _axes(ax, figsize=(8.5, 6.5))
    x, y = board["SPI_t"].astype(float), board["CPI"].astype(float)
    low = min(0.75, float(np.nanmin([x.min(), y.min()])) - 0.03)
    high = max(1.15, float(np.nanmax([x.max(), y.max()])) + 0.03)
    for edge, colour in ((limits["green"], RAG_COLOURS["amber"]), (limits["amber"], RAG_COLOURS["red"])):
        ax.axvspan(low, edge, color=colour, alpha=0.08, zorder=0)
        ax.axhspan(low, edge, color=colour, alpha=0.08, zorder=0)
    ax.axvline(1, color="#566573", linewidth=0.8)
    ax.axhline(1, color="#566573", linewidth=0.8)
    sizes = 300 + 1200 * board["BAC"] / board["BAC"].max()
    ax.scatter(x, y, s=sizes, c=[RAG_COLOURS.get(r, RAG_COLOURS["grey"]) for r in board["rag"]],
               alpha=0.85, edgecolors="white", linewidths=1.5, zorder=3)
    for project, px, py in zip(board.index, x, y):
        slip = board.at[project, "slip_days"] if "slip_days" in board.columns else None
        text = str(project) if slip is None or pd.isna(slip) else f"{project}  {slip:+.0f} wd"
        ax.annotate(text, xy=(px, py), xytext=(14, 8), textcoords="offset points", fontsize=9,
                    fontweight="bold", zorder=4)
    ax.set_xlim(low, high)
    ax.set_ylim(low, high)
    ax.set_xlabel("SPI(t): schedule efficiency (time)  \u2192 ahead")
    ax.set_ylabel("CPI: cost efficiency  \u2192 under budget")
    for text, (tx, ty), align in (("late and over budget", (0.02, 0.02), ("left", "bottom")),
                                  ("ahead and under budget", (0.98, 0.98), ("right", "top"))):
        ax.text(tx, ty, text, transform=ax.transAxes, ha=align[0], va=align[1], fontsize=8,
                color="#566573", style="italic")
    handles = [Patch(color=RAG_COLOURS[r], label=r) for r in ("green", "amber", "red")]
    ax.legend(handles=handles, title=f"RAG (green \u2265 {limits['green']:g}, amber \u2265 "
              f"{limits['amber']:g})", loc="lower right", fontsize=8, title_fontsize=8)
    ax.set_title(title or "Portfolio: cost and schedule efficiency (bubble = BAC, label = slip in working days)",
                 loc="left", fontsize=12, fontweight="bold")
    return _done(fig, own)


def okr_chart(progress, ax=None, title=None):
    """OKR progress: one bar per key result, grouped under its objective, 0 to 100 %.

    ``progress`` is :func:`~pmo_lessons.evm.okr_progress` (it needs
    ``objective_id, key_result_id, key_result, score``); each objective's row
    shows the mean of its scores. The dotted line at 70 % marks the usual
    "good stretch" score of OKR practice.

    >>> import pandas as pd
    >>> progress = pd.DataFrame({"objective_id": ["O1", "O1"], "objective": ["Grow", "Grow"],
    ...     "key_result_id": ["K1", "K2"], "key_result": ["Sales", "NPS"], "score": [0.5, 0.2]})
    >>> fig = okr_chart(progress)
    >>> [t.get_text() for t in fig.axes[0].get_yticklabels()]
    ['O1  Grow', 'K1  Sales', 'K2  NPS']
    """
    fig, ax, own = _axes(ax, figsize=(10, max(3, 0.36 * (len(progress) + 4))))
    labels, y = [], 0
    for objective_id, group in progress.groupby("objective_id", sort=False):
        mean = group["score"].mean()
        ax.barh(y, mean, color="#1c2833", height=0.7)
        ax.text(mean + 0.01, y, f"{mean:.0%}", va="center", fontsize=8, fontweight="bold")
        labels.append(f"{objective_id}  {group['objective'].iloc[0]}")
        y += 1
        for kr, name, score in zip(group["key_result_id"], group["key_result"], group["score"]):
            colour = (RAG_COLOURS["green"] if score >= 0.7 else RAG_COLOURS["amber"]
                      if score >= 0.3 else RAG_COLOURS["red"])
            ax.barh(y, score, color=colour, height=0.55, alpha=0.85)
            ax.text(score + 0.01, y, f"{score:.0%}", va="center", fontsize=8)
            labels.append(f"{kr}  {name}")
            y += 1
    ax.set_yticks(range(len(labels)))
    ax.set_yticklabels(labels, fontsize=8)
    for tick, label in zip(ax.get_yticklabels(), labels):
        if label.startswith("O"):
            tick.set_fontweight("bold")
    ax.invert_yaxis()
    ax.set_xlim(0, 1.08)
    ax.xaxis.set_major_formatter(plt.FuncFormatter(lambda v, _: f"{v:.0%}"))
    ax.axvline(0.7, color="#566573", linestyle=":", linewidth=1)
    ax.grid(axis="x", color=COLOURS["grid"])
    ax.set_axisbelow(True)
    ax.set_xlabel("progress from baseline to target")
    ax.set_title(title or "OKRs: progress of each key result and objective", loc="left",
                 fontsize=12, fontweight="bold")
    return _done(fig, own)


# --- resources ----------------------------------------------------------------
# Resource histograms stacked by project, before/after levelling (pmo_lessons.resources).

import numpy as np  # noqa: E402,F811  (this section's own import)

#: One colour per project of the company (others cycle through the tab10 palette).
PROJECT_COLOURS = {
    "ERP": "#1f77b4", "CRM": "#2ca02c", "WHA": "#9467bd", "OFM": "#8c564b",
    "DAT": "#17becf", "ECO": "#ff7f0e", "SEC": "#7f7f7f",
}


def _project_colour(project, position):
    if project in PROJECT_COLOURS:
        return PROJECT_COLOURS[project]
    return plt.get_cmap("tab10")(position % 10)


def resource_histogram(profile, resource, capacity=None, ax=None, title=None, origin=None,
                       holidays=(), unit="working days"):
    """A resource histogram: the units needed per period, stacked by project, and the capacity.

    ``profile`` comes from :func:`~pmo_lessons.resources.resource_profile`
    (``by_project=True`` stacks the projects; a plain profile draws one
    colour). ``capacity`` draws the red capacity line and shades the units
    above it. With ``origin`` (the date of period 0, e.g. a portfolio
    table's ``attrs["origin"]``) the axis shows working-day dates.

    >>> import pandas as pd
    >>> from pmo_lessons.resources import resource_profile
    >>> schedule = pd.DataFrame({"start": [0, 1], "finish": [3, 4], "project": ["P", "Q"]},
    ...                         index=pd.Index(["A", "B"], name="id"))
    >>> demands = pd.DataFrame({"task_id": ["A", "B"], "resource": ["BA", "BA"], "units": [2, 1]})
    >>> fig = resource_histogram(resource_profile(schedule, demands, by_project=True), "BA", 2)
    >>> [text.get_text() for text in fig.axes[0].get_legend().get_texts()]
    ['P', 'Q', 'capacity 2']
    """
    from .errors import InputError
    from .schedule import working_day

    if isinstance(profile.columns, pd.MultiIndex):
        if resource not in profile.columns.get_level_values(0):
            raise InputError(f"The profile has no resource {resource!r}; it has "
                             f"{', '.join(sorted(set(profile.columns.get_level_values(0))))}.")
        layers = profile.xs(resource, axis=1, level=0)
        layers = layers.loc[:, layers.sum() > 0]
    else:
        if resource not in profile.columns:
            raise InputError(f"The profile has no resource {resource!r}; it has "
                             f"{', '.join(map(str, profile.columns))}.")
        layers = profile[[resource]].rename(columns={resource: resource})
    fig, ax, own = _axes(ax, figsize=(11, 3.6))
    periods = np.arange(len(layers) + 1)
    if origin is not None:
        x = [mdates.date2num(working_day(origin, p, holidays)) for p in periods]
    else:
        x = periods
    bottom = np.zeros(len(layers) + 1)
    for position, project in enumerate(layers.columns):
        values = np.append(layers[project].to_numpy(dtype=float), 0.0)
        label = str(project) if str(project) else resource
        ax.fill_between(x, bottom, bottom + values, step="post", linewidth=0,
                        color=_project_colour(str(project), position), label=label, zorder=2)
        bottom = bottom + values
    if capacity is not None:
        ax.fill_between(x, np.full(len(x), float(capacity)), np.maximum(bottom, capacity),
                        step="post", facecolor="none", edgecolor=COLOURS["critical"],
                        hatch="////", linewidth=0, zorder=3)
        ax.axhline(capacity, color=COLOURS["critical"], linewidth=1.8, zorder=4,
                   label=f"capacity {capacity:g}")
    ax.set_ylim(0, max(float(bottom.max()), float(capacity or 0)) * 1.15 + 0.5)
    ax.set_xlim(x[0], x[-1])
    ax.grid(axis="y", color=COLOURS["grid"], zorder=0)
    ax.set_axisbelow(True)
    ax.set_ylabel("units per day" if unit == "working days" else "units per period")
    if origin is not None:
        locator = mdates.AutoDateLocator(minticks=4, maxticks=12)
        ax.xaxis.set_major_locator(locator)
        ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
    else:
        ax.set_xlabel(f"{unit} from the start")
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8, frameon=False)
    peak = float(bottom.max())
    ax.set_title(title or f"{resource}: peak {peak:g}"
                 + (f" for a capacity of {capacity:g}" if capacity is not None else ""),
                 loc="left", fontsize=12, fontweight="bold")
    return _done(fig, own)


def levelling_histograms(before, after, resource, capacity, origin=None, holidays=(),
                         labels=("before levelling", "after levelling")):
    """Two resource histograms, one above the other on the same axes: before and after.

    ``before`` and ``after`` are :func:`~pmo_lessons.resources.resource_profile`
    results (by project), e.g. of the early schedule and of a levelled one.

    >>> import pandas as pd
    >>> from pmo_lessons.resources import level, resource_profile
    >>> tasks = pd.DataFrame({"id": ["A", "B"], "duration": [2, 2], "predecessors": ["", ""],
    ...                       "QA": [1, 1]})
    >>> early = resource_profile(level(tasks, {"QA": 2}), tasks)
    >>> levelled = resource_profile(level(tasks, {"QA": 1}), tasks)
    >>> fig = levelling_histograms(early, levelled, "QA", 1)
    >>> [ax.get_title(loc="left") for ax in fig.axes]
    ['QA, before levelling: peak 2', 'QA, after levelling: peak 1']
    """
    length = max(len(before), len(after))
    fig, axes = plt.subplots(2, 1, figsize=(11, 6.4), sharex=True, sharey=True,
                             layout="constrained")
    for ax, profile, label in zip(axes, (before, after), labels):
        padded = profile.reindex(pd.RangeIndex(length, name=profile.index.name), fill_value=0.0)
        padded.attrs = {}
        if isinstance(profile.columns, pd.MultiIndex):
            total = profile.xs(resource, axis=1, level=0).sum(axis=1).max()
        else:
            total = profile[resource].max()
        resource_histogram(padded, resource, capacity, ax=ax, origin=origin, holidays=holidays,
                           title=f"{resource}, {label}: peak {total:g}")
    top = max(ax.get_ylim()[1] for ax in axes)  # each histogram set its own; keep the larger
    for ax in axes:
        ax.set_ylim(0, top)
    if origin is None:
        axes[0].set_xlabel("")
    plt.close(fig)
    return fig


def levelling_gantt(before, after, tasks=None, title=None, label="id", origin=None, holidays=(),
                    only_moved=False, ax=None):
    """A Gantt chart before/after levelling: where each task was, where it goes, by how much.

    ``before`` and ``after`` are indexed by task id with ``start`` and
    ``finish`` (a :func:`~pmo_lessons.resources.level` result and, e.g., the
    early schedule ``before = after.assign(start=after.early_start, …)``; or
    :func:`~pmo_lessons.schedule.cpm`'s ``es``/``ef``). The outlined bar is
    the task before, the filled bar after (in its project's colour when the
    tables have ``project``); a moved task is labelled with its shift
    (``+4``). ``only_moved`` keeps the tasks that moved.

    >>> import pandas as pd
    >>> from pmo_lessons.resources import level
    >>> tasks = pd.DataFrame({"id": ["A", "B"], "duration": [2, 2], "predecessors": ["", ""],
    ...                       "QA": [1, 1]})
    >>> after = level(tasks, {"QA": 1})
    >>> before = after.assign(start=after["early_start"], finish=after["early_start"] + 2)
    >>> fig = levelling_gantt(before, after)
    >>> [t.get_text().strip() for t in fig.axes[0].texts if t.get_text()]
    ['+2']
    """
    from .schedule import working_day

    def times(frame):
        if {"start", "finish"} <= set(frame.columns):
            return frame["start"], frame["finish"]
        return frame["es"], frame["ef"]

    b_start, b_finish = times(before)
    a_start, a_finish = times(after)
    rows = [t for t in after.index if not only_moved or a_start[t] != b_start[t]]
    names = _names(after, tasks)
    fig, ax, own = _axes(ax, figsize=(11, max(2.5, 0.3 * len(rows) + 1.5)))

    def x(period):
        return mdates.date2num(working_day(origin, period, holidays)) if origin is not None else period

    projects = list(dict.fromkeys(after["project"])) if "project" in after.columns else []
    for y, task_id in enumerate(rows):
        colour = (_project_colour(after.at[task_id, "project"], projects.index(after.at[task_id, "project"]))
                  if projects else COLOURS["task"])
        shift = a_start[task_id] - b_start[task_id]
        if b_finish[task_id] > b_start[task_id]:
            left = x(b_start[task_id])
            ax.barh(y, x(b_finish[task_id]) - left, left=left, height=0.7, facecolor="none",
                    edgecolor="#7f8c8d", linewidth=1.0, linestyle="--", zorder=2)
        if a_finish[task_id] > a_start[task_id]:
            left = x(a_start[task_id])
            ax.barh(y, x(a_finish[task_id]) - left, left=left, height=0.45, color=colour, zorder=3)
        else:
            ax.scatter([x(a_start[task_id])], [y], marker="D", s=50, color=COLOURS["milestone"], zorder=3)
        if shift:
            ax.annotate("", xy=(x(a_start[task_id]), y), xytext=(x(b_start[task_id]), y),
                        arrowprops=dict(arrowstyle="->", color=COLOURS["today"], lw=1.2), zorder=4)
            ax.text(x(max(a_finish[task_id], a_start[task_id])), y, f" {shift:+g}", va="center",
                    ha="left", fontsize=7.5, color=COLOURS["today"], fontweight="bold", zorder=5)
    ax.set_yticks(range(len(rows)))
    ax.set_yticklabels([_label(t, names.get(t), label) for t in rows], fontsize=8)
    ax.invert_yaxis()
    ax.grid(axis="x", color=COLOURS["grid"], zorder=0)
    ax.set_axisbelow(True)
    if origin is not None:
        locator = mdates.AutoDateLocator(minticks=4, maxticks=12)
        ax.xaxis.set_major_locator(locator)
        ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
    else:
        ax.set_xlabel("periods from the start")
    handles = [Patch(facecolor="none", edgecolor="#7f8c8d", linestyle="--", label="before"),
               Line2D([], [], color=COLOURS["today"], marker=">", label="moved (+days)")]
    handles += [Patch(color=_project_colour(p, i), label=str(p)) for i, p in enumerate(projects)
                if p in set(after.loc[rows, "project"])] if projects else [
        Patch(color=COLOURS["task"], label="after")]
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8,
              frameon=False)
    moved = sum(1 for t in after.index if a_start[t] != b_start[t])
    ax.set_title(title or f"Levelling moved {moved} of {len(after)} tasks",
                 loc="left", fontsize=12, fontweight="bold")
    return _done(fig, own)


# --- risk -----------------------------------------------------------------------

_BAND_COLOURS = ("#27ae60", "#f4d03f", "#e67e22", "#c0392b", "#7b241c")


def risk_matrix(risks, scale=None, probability="probability", impact="impact", ax=None,
                title=None, show_ids=True):
    """The probability-impact matrix of a risk register, as a heat map.

    Each cell is coloured by its rating band on ``scale`` (a
    :class:`~pmo_lessons.risk.Scale`, Meridian's 1-5 x 1-5 by default: green
    low, amber medium, red high) and shows how many risks fall in it, with
    their ids. Probability grows upwards, impact to the right.

    >>> import pandas as pd
    >>> risks = pd.DataFrame({"id": ["R1", "R2"], "probability": [4, 1], "impact": [5, 2]})
    >>> fig = risk_matrix(risks)
    >>> sorted(t.get_text() for t in fig.axes[0].texts if t.get_text().startswith("1"))
    ['1\\nR1', '1\\nR2']
    """
    from .risk import FIVE_BY_FIVE, probability_impact_matrix, score_register

    scale = scale or FIVE_BY_FIVE
    grid = probability_impact_matrix(risks, scale, probability, impact)
    scored = score_register(risks, scale, probability, impact)
    ids = scored["id"].astype(str) if "id" in scored.columns else scored.index.astype(str)
    members = {}
    for risk_id, p, i in zip(ids, scored[probability], scored[impact]):
        row = min(scale.probability, key=lambda level: abs(level - float(p)))
        column = min(scale.impact, key=lambda level: abs(level - float(i)))
        members.setdefault((row, column), []).append(risk_id)
    colours = _band_colours(len(scale.bands))
    colour_of = dict(zip(scale.ratings, colours))
    n_rows, n_cols = grid.shape
    fig, ax, own = _axes(ax, figsize=(1.35 * n_cols + 2.4, 1.05 * n_rows + 1.4))
    for y, p in enumerate(grid.index[::-1]):  # lowest probability at the bottom
        for x, i in enumerate(grid.columns):
            rating = scale.rating(p * i)
            ax.add_patch(Rectangle((x, y), 1, 1, facecolor=colour_of[rating], edgecolor="white",
                                   linewidth=2, alpha=0.85))
            count = int(grid.loc[p, i])
            if count:
                names = members.get((p, i), [])
                text = str(count)
                if show_ids:
                    shown = names[:3] + (["..."] if len(names) > 3 else [])
                    text += "\n" + "\n".join(shown)
                ax.text(x + 0.5, y + 0.5, text, ha="center", va="center", fontsize=8,
                        fontweight="bold", color="#1c2833")
    ax.set_xlim(0, n_cols)
    ax.set_ylim(0, n_rows)
    ax.set_xticks([x + 0.5 for x in range(n_cols)])
    ax.set_xticklabels([f"{v:g}" for v in grid.columns])
    ax.set_yticks([y + 0.5 for y in range(n_rows)])
    ax.set_yticklabels([f"{v:g}" for v in grid.index[::-1]])
    ax.set_xlabel("impact")
    ax.set_ylabel("probability")
    ax.set_aspect("equal")
    for side in ax.spines.values():
        side.set_visible(False)
    handles = [Patch(color=colour_of[name], label=f"{name} (score >= {low:g})" if k else name)
               for k, (name, low) in enumerate(scale.bands)]
    ax.legend(handles=handles[::-1], loc="upper left", bbox_to_anchor=(1.02, 1.0), fontsize=8,
              frameon=False, title="rating", title_fontsize=8)
    ax.set_title(title or f"Probability-impact matrix: {len(scored)} risks", loc="left",
                 fontsize=12, fontweight="bold")
    return _done(fig, own)


def finish_distribution(result, ax=None, title=None, unit="working days", bins=50,
                        percentiles=(50, 80)):
    """Histogram and S-curve of a Monte Carlo's finish, with P50, P80 and the CPM plan.

    ``result`` is a :class:`~pmo_lessons.risk.MonteCarloResult`. Bars show
    how often each finish occurred (left axis); the S-curve is the share of
    iterations finished by then (right axis). Dashed lines mark the
    ``percentiles``; the solid grey line is the deterministic plan (CPM with
    the planned durations), usually far left: the plan is optimistic.

    >>> import pandas as pd
    >>> from pmo_lessons.risk import monte_carlo
    >>> tasks = pd.DataFrame({"id": ["A"], "optimistic": [2], "most_likely": [3],
    ...                       "pessimistic": [8]})
    >>> fig = finish_distribution(monte_carlo(tasks, 2000, seed=1))
    >>> [line.get_label().split(" ")[0] for line in fig.axes[0].get_lines()]
    ['plan', 'P50', 'P80']
    """
    import numpy as np

    finish = np.asarray(result.finish)
    fig, ax, own = _axes(ax, figsize=(10, 4.6))
    ax.hist(finish, bins=bins, color=COLOURS["task"], alpha=0.55, zorder=2)
    ax.set_ylabel("iterations")
    ax.set_xlabel(f"project finish ({unit} from the start)")
    ax.grid(axis="x", color=COLOURS["grid"], zorder=0)
    ax.set_axisbelow(True)
    curve = ax.twinx()
    ordered = np.sort(finish)
    curve.plot(ordered, np.arange(1, len(ordered) + 1) / len(ordered), color=COLOURS["milestone"],
               linewidth=2, label="cumulative")
    curve.set_ylim(0, 1.02)
    curve.set_ylabel("share of iterations finished")
    curve.yaxis.set_major_formatter(lambda v, _: f"{v:.0%}")
    plan = result.deterministic_finish
    ax.axvline(plan, color="#566573", linewidth=2,
               label=f"plan (CPM) {plan:g}: {result.probability(plan):.1%} chance")
    styles = ((":", COLOURS["today"]), ("--", COLOURS["critical"]), ("-.", "#7d3c98"))
    for k, q in enumerate(percentiles):
        value = result.percentile(q)
        style, colour = styles[min(k, len(styles) - 1)]
        ax.axvline(value, color=colour, linestyle=style, linewidth=2, label=f"P{q:g} {value:.1f}")
    ax.legend(loc="upper left", fontsize=8, framealpha=0.9)
    ax.set_title(title or f"Finish of {result.iterations:,} simulated projects "
                          f"({result.distribution})", loc="left", fontsize=12, fontweight="bold")
    return _done(fig, own)


def criticality_chart(result, top=15, names=None, ax=None, title=None):
    """The criticality index of the tasks (share of iterations on the critical path).

    The ``top`` most often critical tasks, most critical on top; red bars are
    critical in the deterministic plan, blue ones are not (they become
    critical only when things go wrong). ``names`` maps ids to task names.

    >>> import pandas as pd
    >>> from pmo_lessons.risk import monte_carlo
    >>> tasks = pd.DataFrame({"id": ["A", "B"], "predecessors": ["", ""],
    ...     "optimistic": [2, 1], "most_likely": [3, 3], "pessimistic": [4, 6]})
    >>> fig = criticality_chart(monte_carlo(tasks, 2000, seed=1))
    >>> [t.get_text() for t in fig.axes[0].get_yticklabels()]
    ['B', 'A']
    """
    table = result.tasks.sort_values("criticality", ascending=False).head(top)
    fig, ax, own = _axes(ax, figsize=(11, max(2.2, 0.3 * len(table) + 1.3)))
    colours = [COLOURS["critical"] if c else COLOURS["task"] for c in table["cpm_critical"]]
    ax.barh(range(len(table)), table["criticality"], color=colours, zorder=2)
    for y, value in enumerate(table["criticality"]):
        ax.text(value + 0.01, y, f"{value:.0%}", va="center", fontsize=8)
    ax.set_yticks(range(len(table)))
    ax.set_yticklabels([_label(t, (names or {}).get(t), "both" if names else "id")
                        for t in table.index])
    ax.invert_yaxis()
    ax.set_xlim(0, 1.1)
    ax.xaxis.set_major_formatter(lambda v, _: f"{v:.0%}")
    ax.grid(axis="x", color=COLOURS["grid"], zorder=0)
    ax.set_xlabel("criticality index: share of iterations in which the task is critical")
    ax.legend(handles=[Patch(color=COLOURS["critical"], label="critical in the plan (CPM)"),
                       Patch(color=COLOURS["task"], label="has float in the plan")],
              loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8, frameon=False)
    ax.set_title(title or "Criticality index", loc="left", fontsize=12, fontweight="bold")
    return _done(fig, own)


def tornado(result, top=10, names=None, ax=None, title=None):
    """A tornado chart of the sensitivity of the finish to each task's duration.

    Bars are Spearman's rank correlation between a task's duration and the
    project finish (``result.sensitivity``), the largest on top: the tasks
    whose uncertainty drives the end date. Tasks with no correlation are left out.

    >>> import pandas as pd
    >>> from pmo_lessons.risk import monte_carlo
    >>> tasks = pd.DataFrame({"id": ["A", "B"], "predecessors": ["", "A"],
    ...     "optimistic": [2, 1], "most_likely": [3, 3], "pessimistic": [4, 12]})
    >>> fig = tornado(monte_carlo(tasks, 2000, seed=1))
    >>> [t.get_text() for t in fig.axes[0].get_yticklabels()]
    ['B', 'A']
    """
    sensitivity = result.sensitivity.dropna()
    sensitivity = sensitivity[sensitivity.abs() > 0]
    shown = sensitivity.reindex(sensitivity.abs().sort_values(ascending=False).index).head(top)
    fig, ax, own = _axes(ax, figsize=(9, max(2.2, 0.36 * len(shown) + 1.3)))
    colours = [COLOURS["critical"] if v > 0 else "#1e8449" for v in shown]
    ax.barh(range(len(shown)), shown, color=colours, zorder=2, height=0.7)
    for y, value in enumerate(shown):
        ax.text(value + (0.015 if value >= 0 else -0.015), y, f"{value:.2f}", va="center",
                ha="left" if value >= 0 else "right", fontsize=8)
    ax.axvline(0, color=COLOURS["milestone"], linewidth=1)
    ax.set_yticks(range(len(shown)))
    ax.set_yticklabels([_label(t, (names or {}).get(t), "both" if names else "id")
                        for t in shown.index])
    ax.invert_yaxis()
    low = min(0.0, float(shown.min()) if len(shown) else 0.0)
    ax.set_xlim(low - 0.12 if low < 0 else 0, 1.1)
    ax.grid(axis="x", color=COLOURS["grid"], zorder=0)
    ax.set_xlabel("rank correlation of the task's duration with the project finish")
    ax.set_title(title or "Tornado: what drives the finish", loc="left", fontsize=12,
                 fontweight="bold")
    return _done(fig, own)


def decision_tree(tree, ax=None, title=None, money="{:,.0f}"):
    """Draw a decision tree with the EMV of every node and the best choice in bold.

    ``tree`` is plain Python data, as :func:`~pmo_lessons.risk.evaluate_tree`
    reads it. Squares are decisions, circles chance nodes, triangles ends;
    each branch shows its name, probability and cost; each node its EMV (for
    an end, its net path value). The best path is drawn thick and red.
    ``money`` formats the amounts.

    >>> tree = {"decision": "Insure?", "options": [{"name": "insure", "cost": 5, "then": 0},
    ...     {"name": "do not", "then": {"chance": "fire", "outcomes": [
    ...         {"name": "fire", "probability": 0.1, "then": -100},
    ...         {"name": "no fire", "probability": 0.9, "then": 0}]}}]}
    >>> fig = decision_tree(tree)
    >>> any(t.get_text() == "EMV -5" for t in fig.axes[0].texts)
    True
    """
    from .risk import evaluate_tree

    nodes = evaluate_tree(tree)
    children = {k: list(nodes.index[nodes["parent"] == k]) for k in nodes.index}
    leaves = [k for k in nodes.index if not children[k]]
    y = {}
    for order, k in enumerate(leaves):
        y[k] = -order
    for k in reversed(list(nodes.index)):  # a parent sits in the middle of its children
        if children[k]:
            y[k] = sum(y[c] for c in children[k]) / len(children[k])
    depth = int(nodes["depth"].max())
    fig, ax, own = _axes(ax, figsize=(3.3 * (depth + 1) + 1.5, max(2.8, 1.0 * len(leaves) + 1)))
    x = {k: 3.0 * d for k, d in zip(nodes.index, nodes["depth"])}
    markers = {"decision": "s", "chance": "o", "end": "<"}
    colours = {"decision": COLOURS["task"], "chance": COLOURS["today"], "end": "#566573"}
    for k, row in nodes.iterrows():
        parent = row["parent"]
        if parent is not None and not (isinstance(parent, float)) and str(parent) != "<NA>":
            parent = int(parent)
            chosen = bool(row["chosen"]) and bool(nodes.at[parent, "chosen"])
            colour = COLOURS["critical"] if chosen else "#aab7b8"
            mid = x[parent] + 0.45
            ax.plot([x[parent], mid, x[k]], [y[parent], y[k], y[k]], color=colour,
                    linewidth=2.6 if chosen else 1.2, zorder=1)
            label = row["branch"]
            details = []
            if row["probability"] == row["probability"]:  # not NaN
                details.append(f"p = {row['probability']:g}")
            if row["cost"]:
                details.append(f"cost {money.format(row['cost'])}")
            ax.text((mid + x[k]) / 2, y[k] + 0.08, label, ha="center", va="bottom", fontsize=8,
                    fontweight="bold" if chosen else "normal")
            if details:
                ax.text((mid + x[k]) / 2, y[k] - 0.08, ", ".join(details), ha="center", va="top",
                        fontsize=7, color="#566573")
        ax.scatter([x[k]], [y[k]], marker=markers[row["kind"]], s=170 if row["kind"] != "end" else 90,
                   color=colours[row["kind"]], zorder=3, edgecolor="white")
        if row["kind"] == "end":
            ax.text(x[k] + 0.2, y[k], money.format(row["emv"]), ha="left", va="center", fontsize=8)
        else:
            ax.text(x[k], y[k] + 0.22, row["label"], ha="center", va="bottom", fontsize=8,
                    style="italic")
            ax.text(x[k], y[k] - 0.22, f"EMV {money.format(row['emv'])}", ha="center", va="top",
                    fontsize=8, fontweight="bold", color=COLOURS["critical"] if row["chosen"] else "#1c2833")
    ax.set_xlim(-0.8, 3.0 * depth + 1.6)
    ax.set_ylim(min(y.values()) - 0.7, max(y.values()) + 0.7)
    ax.axis("off")
    ax.legend(handles=[Line2D([], [], marker="s", linestyle="none", color=colours["decision"], label="decision"),
                       Line2D([], [], marker="o", linestyle="none", color=colours["chance"], label="chance"),
                       Line2D([], [], marker="<", linestyle="none", color=colours["end"], label="end (net value)"),
                       Line2D([], [], color=COLOURS["critical"], linewidth=2.6, label="best choice")],
              loc="lower left", fontsize=8, frameon=False, ncol=4, bbox_to_anchor=(0, -0.08))
    ax.set_title(title or "Decision tree (EMV rolled back from the ends)", loc="left",
                 fontsize=12, fontweight="bold")
    return _done(fig, own)


def _band_colours(count):
    """Green to red, as many colours as rating bands."""
    if count <= 1:
        return [_BAND_COLOURS[0]]
    if count == 2:
        return [_BAND_COLOURS[0], _BAND_COLOURS[3]]
    if count == 3:
        return [_BAND_COLOURS[0], _BAND_COLOURS[1], _BAND_COLOURS[3]]
    picks = [round(k * (len(_BAND_COLOURS) - 1) / (count - 1)) for k in range(count)]
    return [_BAND_COLOURS[k] for k in picks]


# --- methodology ----------------------------------------------------------------

_RACI_COLOURS = {"A": "#c0392b", "R": "#2e86c1", "C": "#f4d03f", "I": "#d5d8dc"}


def wbs_tree(rolled, value="cost_eur", max_level=None, branch=None, ax=None, title=None,
             money="{:,.0f}", label_width=22):
    """The WBS as a tree, top-down: each element a box with its code, name and rolled-up value.

    ``rolled`` is the result of :func:`pmo_lessons.methodology.roll_up`;
    ``value`` the column shown in the boxes (formatted with ``money``);
    ``max_level`` hides the deeper levels (their totals are in their parents);
    ``branch`` (a code such as ``"3"``) draws only that element and what is
    under it, for a WBS too wide to read at once. Levels run from top to
    bottom; work packages are blue, summaries grey, the top element dark.

    >>> import pandas as pd
    >>> from pmo_lessons.methodology import roll_up
    >>> wbs = pd.DataFrame({"wbs": ["1.1", "1.2", "2"], "cost": [30.0, 20.0, 50.0]})
    >>> fig = wbs_tree(roll_up(wbs), value="cost")
    >>> sorted(t.get_text().split("\\n")[0] for t in fig.axes[0].texts)
    ['1', '1.1', '1.2', '2', 'project']
    """
    import textwrap

    frame = rolled
    if branch is not None:
        branch = str(branch)
        if branch not in rolled.index:
            from .methodology import WBSError

            raise WBSError(f"No WBS element {branch!r} to draw; the top-level codes are "
                           f"{', '.join(rolled.index[rolled['level'] == 1])}.")
        inside = [c == branch or c.startswith(branch + ".") or branch == "0" for c in rolled.index]
        frame = rolled[inside]
    if max_level is not None:
        frame = frame[frame["level"] <= max_level]
    codes = list(frame.index)
    kids = {code: [] for code in codes}
    for code, parent in zip(codes, frame["parent"]):
        if parent in kids:
            kids[parent].append(code)
    x, leaf_x = {}, [0]

    def place(code):
        if not kids[code]:
            x[code] = leaf_x[0]
            leaf_x[0] += 1
        else:
            for child in kids[code]:
                place(child)
            x[code] = (x[kids[code][0]] + x[kids[code][-1]]) / 2

    place(codes[0])
    top, depth = int(frame["level"].min()), int(frame["level"].max())
    width = max(leaf_x[0], 1)
    fig, ax, own = _axes(ax, figsize=(min(2.0 + 1.45 * width, 22), 1.5 + 1.35 * (depth - top + 1)))
    for code in codes:
        parent = frame.at[code, "parent"]
        if parent in x:
            y0, y1 = -frame.at[parent, "level"], -frame.at[code, "level"]
            # centre to centre, under the boxes: the lines meet every box whatever its size
            ax.plot([x[parent], x[parent], x[code], x[code]], [y0, (y0 + y1) / 2,
                    (y0 + y1) / 2, y1], color="#808b96", linewidth=0.8, zorder=1)
    for code in codes:
        row = frame.loc[code]
        colour = (COLOURS["milestone"] if code == codes[0] else
                  COLOURS["task"] if row["work_package"] else "#aab7b8")
        name = str(row.get("name", "") or "")
        text = code if code != "0" else "project"
        if name:
            lines = textwrap.wrap(name, label_width)
            text += "\n" + "\n".join(lines[:3]) + ("..." if len(lines) > 3 else "")
        text += "\n" + money.format(row[value])
        ax.text(x[code], -row["level"], text, ha="center", va="center", fontsize=8.5,
                color="white", zorder=2,
                bbox=dict(boxstyle="round,pad=0.35", facecolor=colour, edgecolor="white"))
    ax.set_xlim(-0.7, width - 0.3)
    ax.set_ylim(-depth - 0.6, -top + 0.6)
    ax.axis("off")
    packages = int(rolled.loc[[c for c in rolled.index if c == codes[0] or codes[0] == "0"
                               or c.startswith(codes[0] + ".")], "work_package"].sum())
    ax.set_title(title or f"WBS{'' if codes[0] == '0' else ' ' + codes[0]}: {value} rolled up "
                 f"from {packages} work packages", loc="left", fontsize=12, fontweight="bold")
    return _done(fig, own)


def raci_chart(matrix, findings=None, ax=None, title=None):
    """A RACI matrix as a coloured grid, with the activities that break a rule flagged.

    ``matrix`` as :func:`pmo_lessons.methodology.check_raci` takes it (index
    activities, columns roles); ``findings`` its result (computed when not
    given, with the default policy). Cells are coloured by their strongest
    letter (A red, R blue, C yellow, I grey); an activity with an error is
    marked with a red "!" and its label is red.

    >>> import pandas as pd
    >>> m = pd.DataFrame({"PM": ["A/R", "R"], "Dev": ["R", "R"]}, index=["Plan", "Build"])
    >>> fig = raci_chart(m)
    >>> [t.get_text() for t in fig.axes[0].get_yticklabels()]
    ['Plan', 'Build !']
    """
    from .methodology import check_raci, parse_raci

    cells = parse_raci(matrix)
    if findings is None:
        findings = check_raci(matrix)
    flagged = set(findings.loc[findings["severity"] == "error", "activity"])
    n_rows, n_cols = cells.shape
    fig, ax, own = _axes(ax, figsize=(2.8 + 1.1 * n_cols, 1.0 + 0.45 * n_rows))
    for i, activity in enumerate(cells.index):
        for j, role in enumerate(cells.columns):
            letters = cells.iat[i, j]
            strongest = next((l for l in "ARCI" if l in letters), None)
            ax.add_patch(Rectangle((j, n_rows - 1 - i), 1, 1, edgecolor="white", linewidth=2,
                                   facecolor=_RACI_COLOURS[strongest] if strongest else "#f8f9f9"))
            if letters:
                ax.text(j + 0.5, n_rows - 0.5 - i, "/".join(l for l in "ARCI" if l in letters),
                        ha="center", va="center", fontsize=9, fontweight="bold",
                        color="white" if strongest in "AR" else "#1c2833")
    ax.set_xlim(0, n_cols)
    ax.set_ylim(0, n_rows)
    ax.set_xticks([j + 0.5 for j in range(n_cols)])
    ax.set_xticklabels([str(r) for r in cells.columns], rotation=30, ha="left", fontsize=8)
    ax.xaxis.tick_top()
    ax.set_yticks([n_rows - 0.5 - i for i in range(n_rows)])
    ax.set_yticklabels([f"{a} !" if a in flagged else str(a) for a in cells.index], fontsize=8)
    for label, activity in zip(ax.get_yticklabels(), cells.index):
        if activity in flagged:
            label.set_color(COLOURS["critical"])
    ax.tick_params(length=0)
    for side in ax.spines.values():
        side.set_visible(False)
    handles = [Patch(color=c, label=l) for l, c in _RACI_COLOURS.items()]
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8,
              frameon=False)
    ax.set_title(title or f"RACI: {len(flagged)} of {n_rows} activities break a rule",
                 loc="left", fontsize=12, fontweight="bold", pad=30)
    return _done(fig, own)


def maturity_radar(profile, target=None, ax=None, title=None, column="score"):
    """The maturity self-assessment as a radar chart, one spoke per perspective, levels 1 to 5.

    ``profile`` is the result of :func:`pmo_lessons.methodology.maturity_profile`;
    ``column`` the figure drawn (``score``: the level plus progress to the
    next; or ``level``). ``target``, a number or a dict perspective -> level,
    draws the PMO's goal as a dashed line.

    >>> from pmo_lessons.methodology import maturity_profile
    >>> fig = maturity_radar(maturity_profile({"GOV-2a": "yes", "GOV-2b": "yes"}), target=3)
    >>> len(fig.axes[0].get_xticklabels())
    6
    """
    import numpy as np

    names = list(profile.index)
    values = profile[column].astype(float).tolist()
    angles = np.linspace(0, 2 * np.pi, len(names), endpoint=False).tolist()
    own = ax is None
    if own:
        fig = plt.figure(figsize=(6.8, 5.6), layout="constrained")
        ax = fig.add_subplot(projection="polar")
    else:
        fig = ax.figure
    ax.set_theta_offset(np.pi / 2)
    ax.set_theta_direction(-1)
    close = lambda seq: seq + seq[:1]
    ax.plot(close(angles), close(values), color=COLOURS["task"], linewidth=2, label="now")
    ax.fill(close(angles), close(values), color=COLOURS["task"], alpha=0.25)
    if target is not None:
        goal = [float(target.get(n, np.nan)) if isinstance(target, dict) else float(target)
                for n in names]
        ax.plot(close(angles), close(goal), color=COLOURS["today"], linewidth=1.6,
                linestyle="--", label="target")
    ax.set_xticks(angles)
    ax.set_xticklabels([n.replace(" and ", "\nand ") for n in names], fontsize=8)
    ax.set_ylim(0, 5)
    ax.set_yticks([1, 2, 3, 4, 5])
    ax.set_yticklabels(["1", "2", "3", "4", "5"], fontsize=7, color="#566573")
    ax.legend(loc="upper right", bbox_to_anchor=(1.25, 1.1), fontsize=8, frameon=False)
    ax.set_title(title or "PMO maturity by perspective (levels 1-5)", loc="left",
                 fontsize=12, fontweight="bold")
    return _done(fig, own)


# --- portfolio ------------------------------------------------------------------
# Balance views of pmo_lessons.portfolio: value against risk, strategic alignment, the
# efficient frontier as the budget varies.


def value_risk_bubble(projects, selection=None, value="npv_eur", risk="risk", size="cost_eur",
                      ax=None, title=None):
    """Value against risk, one bubble per project, sized by cost: the classic balance view.

    ``projects`` has ``id`` and the columns named by ``value``, ``risk`` and
    ``size`` (as project_scores.csv). Up is more value, right is riskier; the
    quadrant lines sit at the median value and the middle of the risk scale.
    With ``selection`` (:func:`~pmo_lessons.portfolio.select_projects`) the
    selected projects are filled green and the others hollow; otherwise active
    projects (``status == "active"``) are blue and proposals orange.

    >>> import pandas as pd
    >>> projects = pd.DataFrame({"id": ["A", "B"], "npv_eur": [1e6, 2e5], "risk": [4, 2],
    ...                          "cost_eur": [5e5, 2e5]})
    >>> fig = value_risk_bubble(projects)
    >>> [t.get_text() for t in fig.axes[0].texts][:2]
    ['A', 'B']
    """
    fig, ax, own = _axes(ax, figsize=(8.5, 6))
    x = projects[risk].astype(float).to_numpy()
    y = projects[value].astype(float).to_numpy() / 1e6
    sizes = 120 + 1500 * projects[size].astype(float).to_numpy() / max(projects[size].max(), 1)
    jitter = np.zeros(len(x))
    seen = {}
    for k, key in enumerate(zip(x, np.round(y, 1))):  # spread bubbles that sit on each other
        jitter[k] = 0.2 * seen.get(key, 0)
        seen[key] = seen.get(key, 0) + 1
    ids = projects["id"].astype(str).tolist()
    if selection is not None:
        chosen = set(selection.selected)
        faces = [RAG_COLOURS["green"] if p in chosen else "white" for p in ids]
        edges = [RAG_COLOURS["green"] if p in chosen else "#566573" for p in ids]
        handles = [Patch(facecolor=RAG_COLOURS["green"], label="selected"),
                   Patch(facecolor="white", edgecolor="#566573", label="not selected")]
    else:
        active = (projects["status"].astype(str) == "active").tolist() if "status" in projects \
            else [True] * len(ids)
        faces = [COLOURS["task"] if a else COLOURS["today"] for a in active]
        edges = ["white"] * len(ids)
        handles = [Patch(color=COLOURS["task"], label="active"),
                   Patch(color=COLOURS["today"], label="proposed")]
    ax.scatter(x + jitter, y, s=sizes, c=faces, edgecolors=edges, linewidths=1.5, alpha=0.8,
               zorder=3)
    for p, px, py in zip(ids, x + jitter, y):
        ax.annotate(p, xy=(px, py), xytext=(0, 0), textcoords="offset points", ha="center",
                    va="center", fontsize=8, fontweight="bold", zorder=4)
    ax.axhline(float(np.median(y)), color="#566573", linewidth=0.8, linestyle=":")
    ax.axvline(3, color="#566573", linewidth=0.8, linestyle=":")
    ax.set_xlim(0.4, 5.6)
    ax.margins(y=0.15)  # room for the largest bubbles
    ax.set_xticks([1, 2, 3, 4, 5])
    ax.set_xlabel("risk (1 = low, 5 = the riskiest)")
    ax.set_ylabel("NPV (M EUR)")
    for text, (tx, ty), align in (("pearls: high value, low risk", (0.02, 0.98), ("left", "top")),
                                  ("oysters: high value, high risk", (0.98, 0.98), ("right", "top")),
                                  ("bread and butter", (0.02, 0.02), ("left", "bottom")),
                                  ("white elephants", (0.98, 0.02), ("right", "bottom"))):
        ax.text(tx, ty, text, transform=ax.transAxes, ha=align[0], va=align[1], fontsize=8,
                color="#566573", style="italic")
    ax.grid(color=COLOURS["grid"])
    ax.set_axisbelow(True)
    ax.legend(handles=handles, loc="center right", fontsize=8)
    ax.set_title(title or "Portfolio balance: value against risk (bubble = cost)", loc="left",
                 fontsize=12, fontweight="bold")
    return _done(fig, own)


def alignment_chart(matrix, objectives=None, ax=None, title=None):
    """The strategic alignment matrix as a grid: projects down, objectives across.

    ``matrix`` is :func:`~pmo_lessons.portfolio.alignment_matrix` (counts of
    key results). A cell shows how many key results of the objective the
    project serves; an empty project row has no line of sight to strategy, and
    the ``(none)`` row counts key results no project serves. ``objectives``
    maps ids to names for the column labels.

    >>> import pandas as pd
    >>> matrix = pd.DataFrame([[2, 0], [0, 1]], index=["A", "(none)"], columns=["O1", "O2"])
    >>> fig = alignment_chart(matrix)
    >>> sorted(t.get_text() for t in fig.axes[0].texts)
    ['1', '2']
    """
    fig, ax, own = _axes(ax, figsize=(1.9 * matrix.shape[1] + 2.5, 0.45 * len(matrix) + 1.6))
    values = matrix.to_numpy(dtype=float)
    ax.imshow(np.where(values > 0, values, np.nan), cmap="Blues", vmin=0,
              vmax=max(values.max(), 1) * 1.4, aspect="auto")
    for i in range(values.shape[0]):
        for j in range(values.shape[1]):
            if values[i, j]:
                ax.text(j, i, f"{values[i, j]:g}", ha="center", va="center", fontsize=10,
                        fontweight="bold", color="#1c2833")
    labels = [f"{c}\n{objectives[c]}" if objectives and c in objectives else str(c)
              for c in matrix.columns]
    ax.set_xticks(range(len(labels)))
    ax.set_xticklabels(labels, fontsize=8)
    ax.xaxis.tick_top()
    ax.set_yticks(range(len(matrix)))
    ax.set_yticklabels([str(p) for p in matrix.index], fontsize=9)
    ax.set_xticks(np.arange(-0.5, values.shape[1]), minor=True)
    ax.set_yticks(np.arange(-0.5, values.shape[0]), minor=True)
    ax.grid(which="minor", color="white", linewidth=2)
    ax.tick_params(which="minor", length=0)
    for k, p in enumerate(matrix.index):
        if p == "(none)" or not values[k].any():
            ax.get_yticklabels()[k].set_color(COLOURS["critical"])
    ax.set_title(title or "Strategic alignment: key results served, per project and objective",
                 loc="left", fontsize=12, fontweight="bold", pad=12)
    return _done(fig, own)


def frontier_chart(frontier, budget=None, selection=None, ax=None, title=None):
    """The efficient frontier: the best total value reachable for every budget (a step curve).

    ``frontier`` is :func:`~pmo_lessons.portfolio.efficient_frontier`. With
    ``budget`` a line marks the envelope; with ``selection`` the exact, greedy
    and LP answers are marked at that budget (the LP point sits above the
    curve: it is not a portfolio anyone can fund).

    >>> import pandas as pd
    >>> frontier = pd.DataFrame({"cost": [0.0, 5.0, 10.0], "value": [0.0, 16.0, 28.0],
    ...                          "projects": ["", "B", "B, C"]})
    >>> fig = frontier_chart(frontier, budget=8)
    >>> fig.axes[0].get_lines()[0].get_label()
    'best portfolio for the budget'
    """
    fig, ax, own = _axes(ax, figsize=(9, 5.5))
    cost = frontier["cost"].astype(float).to_numpy() / 1e6
    value = frontier["value"].astype(float).to_numpy() / 1e6
    right = max(cost.max() * 1.08, (budget or 0) / 1e6 * 1.05, 1e-6)
    ax.step(np.append(cost, right), np.append(value, value[-1]), where="post", linewidth=2,
            color=COLOURS["task"], label="best portfolio for the budget")
    ax.scatter(cost, value, s=18, color=COLOURS["task"], zorder=3)
    if budget is not None:
        ax.axvline(budget / 1e6, color=COLOURS["today"], linestyle="--", linewidth=1.5,
                   label=f"budget {budget / 1e6:.2f} M")
    if selection is not None:
        marks = (("exact", selection.cost, selection.value, RAG_COLOURS["green"], "o"),
                 ("greedy by ratio", float(selection.table.loc[selection.table["greedy"], "cost"].sum()),
                  selection.greedy_value, RAG_COLOURS["amber"], "s"),
                 ("LP relaxation", float((selection.table["lp_share"] * selection.table["cost"]).sum()),
                  selection.lp_bound, RAG_COLOURS["red"], "^"))
        for label, c, v, colour, marker in marks:
            ax.scatter([c / 1e6], [v / 1e6], s=90, color=colour, marker=marker, zorder=4,
                       edgecolors="white", label=f"{label}: {v / 1e6:.2f} M")
    ax.set_xlim(0, right)
    ax.set_xlabel("budget (M EUR)")
    ax.set_ylabel("total NPV (M EUR)")
    ax.grid(color=COLOURS["grid"])
    ax.set_axisbelow(True)
    ax.legend(loc="lower right", fontsize=8)
    ax.set_title(title or "Efficient frontier: the best NPV for each budget", loc="left",
                 fontsize=12, fontweight="bold")
    return _done(fig, own)


# --- reporting ---
# The charts of lesson 07: the stakeholder map and the trends of an index, small multiples on one
# scale, worst first (Few, Information Dashboard Design, 2nd ed., 2013; Tufte's data-ink).


def stakeholder_map(grid, high=4, ax=None, title=None):
    """The power/interest grid: one dot per stakeholder, in the quadrant that sets its strategy.

    ``grid`` is :func:`pmo_lessons.report.stakeholder_grid` (``stakeholder,
    power, interest, quadrant``), ``high`` the score from which power or
    interest is high (the grid's lines sit half a point below). Interest runs
    right, power up (Mendelow, 1991; PMI, *PMBOK Guide*, 6th ed., 2017,
    13.1.2.4); stakeholders with the same scores are spread around their point.

    >>> import pandas as pd
    >>> from pmo_lessons.report import stakeholder_grid
    >>> people = pd.DataFrame({"stakeholder": ["Sponsor", "Users"], "power": [5, 2],
    ...                        "interest": [5, 5]})
    >>> fig = stakeholder_map(stakeholder_grid(people))
    >>> sorted(t.get_text() for t in fig.axes[0].texts)[:2]
    ['KEEP INFORMED', 'KEEP SATISFIED']
    """
    fig, ax, own = _axes(ax, figsize=(9, 6.2))
    edge, right = high - 0.5, 7.2  # room on the right for the names of interest 5
    for (x0, x1), (y0, y1), name, shade in (
            ((edge, right), (edge, 5.6), "MANAGE CLOSELY", "#fadbd8"),
            ((0.4, edge), (edge, 5.6), "KEEP SATISFIED", "#fdebd0"),
            ((edge, right), (0.4, edge), "KEEP INFORMED", "#d6eaf8"),
            ((0.4, edge), (0.4, edge), "MONITOR", "#f2f3f4")):
        ax.add_patch(Rectangle((x0, y0), x1 - x0, y1 - y0, facecolor=shade, edgecolor="white",
                               linewidth=3, zorder=0))
        ax.text(x0 + 0.08, y1 - 0.08, name, ha="left", va="top", fontsize=9, color="#566573",
                fontweight="bold")
    seen = {}
    for name, power, interest in zip(grid["stakeholder"], grid["power"], grid["interest"]):
        k = seen.get((power, interest), 0)
        seen[(power, interest)] = k + 1
        ax.scatter([interest], [power], s=60, color="#1c2833", zorder=3)
        # stakeholders with the same scores: their names stack under the point
        ax.annotate(str(name), xy=(interest, power), xytext=(8, -12 * k),
                    textcoords="offset points", fontsize=8.5, va="center", zorder=4)
    ax.set_xlim(0.4, right)
    ax.set_ylim(0.4, 5.6)
    ax.set_xticks(range(1, 6))
    ax.set_yticks(range(1, 6))
    ax.set_xlabel("interest: how much the project affects them (1-5)")
    ax.set_ylabel("power: can they change its course? (1-5)")
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.set_title(title or "Stakeholders on the power/interest grid", loc="left", fontsize=12,
                 fontweight="bold")
    return _done(fig, own)


def index_trends(view, index="SPI_t", weeks=8, thresholds=None, title=None):
    """Small multiples: the last weeks of an index for each project, on one scale, worst first.

    ``view`` is :func:`pmo_lessons.evm.time_phased` (index ``project, week``),
    ``index`` one of its columns (``"SPI_t"``, ``"CPI"``, ``"SPI"``). One small
    panel per project, all on the same y scale, sorted by the latest value
    (the worst first, where the eye starts); the line is grey, its last point
    in the RAG colour of ``thresholds`` (defaults
    :data:`~pmo_lessons.evm.DEFAULT_THRESHOLDS`), with the threshold lines.
    Few colours, one scale, sorted by what matters: Few, *Information
    Dashboard Design* (2nd ed., 2013), chapters 4 and 6.

    >>> import pandas as pd
    >>> view = pd.DataFrame({"SPI_t": [1.0, 0.9, 0.98, 0.99]},
    ...     index=pd.MultiIndex.from_product([["A", "B"], [1, 2]], names=["project", "week"]))
    >>> fig = index_trends(view, weeks=2)
    >>> [ax.get_title(loc="left") for ax in fig.axes]
    ['A  0.90', 'B  0.99']
    """
    from .evm import DEFAULT_THRESHOLDS, rag_status

    limits = {**DEFAULT_THRESHOLDS, **(thresholds or {})}
    recent = view[index].groupby(level="project", sort=False).tail(weeks)
    latest = recent.groupby(level="project", sort=False).last().dropna().sort_values(
        kind="stable")
    n = len(latest)
    fig, axes = plt.subplots(1, n, figsize=(1.6 * n + 1.2, 2.7), sharey=True,
                             layout="constrained", squeeze=False)
    low = min(0.75, float(recent.min()) - 0.02)
    top = max(1.1, float(recent.max()) + 0.02)
    for ax, (project, last) in zip(axes[0], latest.items()):
        series = recent.xs(project, level="project")
        for edge in (limits["green"], limits["amber"]):
            ax.axhline(edge, color="#aab7b8", linewidth=0.7, linestyle=(0, (3, 2)))
        ax.axhline(1.0, color="#566573", linewidth=0.6)
        ax.plot(series.index, series.to_numpy(float), color="#566573", linewidth=1.6)
        ax.scatter([series.index[-1]], [last], s=40, zorder=3,
                   color=RAG_COLOURS.get(rag_status(last, **limits), RAG_COLOURS["grey"]))
        ax.set_title(f"{project}  {last:.2f}", fontsize=10, fontweight="bold", loc="left")
        ax.set_ylim(low, top)
        ax.tick_params(labelsize=7, length=2)
        ax.set_xticks([series.index[0], series.index[-1]])
        for side in ("top", "right"):
            ax.spines[side].set_visible(False)
    label = {"SPI_t": "SPI(t)"}.get(index, index)
    axes[0][0].set_ylabel(label)
    fig.supxlabel("week of the project", fontsize=8)
    fig.suptitle(title or f"{label}, last {weeks} weeks, worst first (dashed: amber "
                 f"{limits['amber']:g} and green {limits['green']:g})", x=0.01,
                 ha="left", fontsize=11, fontweight="bold")
    plt.close(fig)
    return fig
