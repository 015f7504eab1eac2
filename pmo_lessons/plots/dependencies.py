"""The portfolio dependency map: the projects on one time axis, the deliverables that pass between them.

Draws what :mod:`pmo_lessons.dependencies` computes (:func:`~pmo_lessons.dependencies.portfolio_schedule`,
:func:`~pmo_lessons.dependencies.dependency_slack`, :func:`~pmo_lessons.dependencies.slip_impact`).
"""

from __future__ import annotations

import matplotlib.dates as mdates
import pandas as pd

from ..errors import InputError
from ..style import COLOURS, project_colour
from .base import date_axis, finished, new_axes, set_title

__all__ = ["dependency_map"]


def dependency_map(schedule=None, dependencies=None, impact=None, today=None, tight=5, ax=None,
                   title=None):
    """The portfolio dependency map: one bar per project, one arrow per deliverable.

    Args:
        schedule: :func:`~pmo_lessons.dependencies.portfolio_schedule` (each project's bar runs
            from its first start to its last finish).
        dependencies: :func:`~pmo_lessons.dependencies.dependency_slack` of the same plans:
            each arrow goes from the day the deliverable is promised (on the producer's row)
            to the day it is needed (on the consumer's row), labelled with its id and slack.
        impact: a :class:`~pmo_lessons.dependencies.SlipImpact`; the bars and arrows are then
            the forecast with the slips; each project whose milestones move shows its slip
            hatched after its planned finish, and says by how much (working days).
        today: the status date, drawn as a dashed line.
        tight: arrows with this many working days of slack or fewer are drawn in the critical
            colour (a slip of that size reaches the consumer).

    >>> import pandas as pd
    >>> from pmo_lessons.dependencies import dependency_slack, portfolio_schedule
    >>> tasks = pd.DataFrame({"id": ["A1", "B1"], "project": ["A", "B"], "duration": [5, 3],
    ...                       "predecessors": ["", ""]})
    >>> projects = pd.DataFrame({"id": ["A", "B"], "start_date": ["2026-03-02", "2026-03-16"]})
    >>> links = pd.DataFrame({"id": ["D1"], "deliverable": ["Design"], "from_project": ["A"],
    ...     "from_task": ["A1"], "to_project": ["B"], "to_task": ["B1"]})
    >>> plan = portfolio_schedule(tasks, projects, links)
    >>> fig = dependency_map(plan, dependency_slack(links, plan))
    >>> [t.get_text() for t in fig.axes[0].texts if t.get_text()]
    ['D1  5 d']
    """
    if impact is not None:
        schedule, dependencies = impact.forecast, impact.dependencies
        slack_column = "slack_after"
        if dependencies is None:
            raise InputError("The slip impact was computed without a dependency register: "
                             "there is no map of dependencies to draw.")
    else:
        slack_column = "slack_days"
        if schedule is None or dependencies is None:
            raise InputError("Give the portfolio schedule and its dependencies (with their "
                             "slack), or a slip impact.")
    for frame, columns, what in ((schedule, ("project", "start_date", "finish_date"), "schedule"),
                                 (dependencies, ("id", "from_project", "to_project", "promised",
                                                 "needed", slack_column), "dependencies")):
        missing = [c for c in columns if c not in frame.columns]
        if missing:
            raise InputError(f"The {what} has no column {', '.join(map(repr, missing))}; draw the "
                             "map from portfolio_schedule and dependency_slack (or slip_impact).")
    projects = list(dict.fromkeys(schedule["project"]))
    row = {p: k for k, p in enumerate(projects)}
    fig, ax, own = new_axes(ax, figsize=(12, 0.55 * len(projects) + 2.2))
    one_day = pd.Timedelta(days=1)
    spans = schedule.groupby("project", sort=False).agg(start=("start_date", "min"),
                                                        finish=("finish_date", "max"))
    if impact is not None:
        planned = impact.planned.groupby("project", sort=False)["finish_date"].max()
        moves = impact.projects.set_index("project")["end_move_days"]
    for project, span in spans.iterrows():
        y = row[project]
        left = mdates.date2num(span["start"])
        right = mdates.date2num(span["finish"] + one_day)
        colour = project_colour(project, y)
        ax.barh(y, right - left, left=left, height=0.5, color=colour, alpha=0.45, zorder=2,
                edgecolor=colour)
        if impact is not None and moves.get(project, 0) > 0:
            planned_right = mdates.date2num(planned[project] + one_day)
            ax.barh(y, right - planned_right, left=planned_right, height=0.5, fill=False,
                    hatch="////", edgecolor=COLOURS["critical"], linewidth=0.8, zorder=3)
            ax.annotate(f"+{moves[project]:g} wd", xy=(right, y), xytext=(4, 0),
                        textcoords="offset points", va="center", fontsize=8, fontweight="bold",
                        color=COLOURS["critical"])
    for link in dependencies.to_dict("records"):
        if link["from_project"] not in row or link["to_project"] not in row:
            continue
        start = (mdates.date2num(link["promised"] + one_day), row[link["from_project"]])
        end = (mdates.date2num(link["needed"]), row[link["to_project"]])
        slack = float(link[slack_column])
        colour = COLOURS["critical"] if slack <= tight else COLOURS["muted"]
        ax.annotate("", xy=end, xytext=start, zorder=4,
                    arrowprops=dict(arrowstyle="-|>", color=colour, linewidth=1.4,
                                    shrinkA=0, shrinkB=0, connectionstyle="arc3,rad=0.15"))
        ax.annotate(f"{link['id']}  {slack:g} d", xy=end, xytext=(3, 9),
                    textcoords="offset points", fontsize=7.5, color=colour, ha="left",
                    va="bottom", zorder=5, bbox=dict(boxstyle="round,pad=0.12", fc="white",
                                                     ec="none", alpha=0.85))
    if today is not None:
        ax.axvline(mdates.date2num(pd.Timestamp(today)), color=COLOURS["today"], linestyle="--",
                   linewidth=1.2, zorder=3)
    ax.set_yticks(range(len(projects)))
    ax.set_yticklabels(projects)
    ax.set_ylim(len(projects) - 0.4, -0.6)
    ax.xaxis_date()
    date_axis(ax)
    ax.grid(axis="x", color=COLOURS["grid"], zorder=0)
    ax.set_axisbelow(True)
    label = (f"arrows: deliverable promised -> needed, with its slack in working days "
             f"(red: {tight} or fewer)")
    ax.set_xlabel(label, fontsize=8, color=COLOURS["muted"])
    default = ("Portfolio dependency map" if impact is None else
               "Portfolio dependency map with the slips (hatched: how far each project moves)")
    set_title(ax, title or default)
    return finished(fig, own)
