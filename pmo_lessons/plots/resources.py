"""Resource charts: histograms stacked by project, before and after levelling.

The tables come from :mod:`pmo_lessons.resources` (:func:`~pmo_lessons.resources.resource_profile`,
:func:`~pmo_lessons.resources.level`); each project keeps its colour of
:data:`pmo_lessons.style.PROJECT_COLOURS`.
"""

from __future__ import annotations

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from ..errors import InputError
from ..schedule import working_day
from ..style import COLOURS, project_colour
from .base import date_axis, finished, new_axes, row_label, set_title, task_names

__all__ = ["resource_histogram", "levelling_histograms", "levelling_gantt"]


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
    fig, ax, own = new_axes(ax, figsize=(11, 3.6))
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
                        color=project_colour(str(project), position), label=label, zorder=2)
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
        date_axis(ax, 4, 12)
    else:
        ax.set_xlabel(f"{unit} from the start")
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8, frameon=False)
    peak = float(bottom.max())
    set_title(ax, title or f"{resource}: peak {peak:g}"
                 + (f" for a capacity of {capacity:g}" if capacity is not None else ""))
    return finished(fig, own)


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
    def times(frame):
        if {"start", "finish"} <= set(frame.columns):
            return frame["start"], frame["finish"]
        return frame["es"], frame["ef"]

    b_start, b_finish = times(before)
    a_start, a_finish = times(after)
    rows = [t for t in after.index if not only_moved or a_start[t] != b_start[t]]
    names = task_names(tasks)
    fig, ax, own = new_axes(ax, figsize=(11, max(2.5, 0.3 * len(rows) + 1.5)))

    def x(period):
        return mdates.date2num(working_day(origin, period, holidays)) if origin is not None else period

    projects = list(dict.fromkeys(after["project"])) if "project" in after.columns else []
    for y, task_id in enumerate(rows):
        colour = (project_colour(after.at[task_id, "project"], projects.index(after.at[task_id, "project"]))
                  if projects else COLOURS["task"])
        shift = a_start[task_id] - b_start[task_id]
        if b_finish[task_id] > b_start[task_id]:
            left = x(b_start[task_id])
            ax.barh(y, x(b_finish[task_id]) - left, left=left, height=0.7, facecolor="none",
                    edgecolor=COLOURS["outline"], linewidth=1.0, linestyle="--", zorder=2)
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
    ax.set_yticklabels([row_label(t, names.get(t), label) for t in rows], fontsize=8)
    ax.invert_yaxis()
    ax.grid(axis="x", color=COLOURS["grid"], zorder=0)
    ax.set_axisbelow(True)
    if origin is not None:
        date_axis(ax, 4, 12)
    else:
        ax.set_xlabel("periods from the start")
    handles = [Patch(facecolor="none", edgecolor=COLOURS["outline"], linestyle="--", label="before"),
               Line2D([], [], color=COLOURS["today"], marker=">", label="moved (+days)")]
    handles += [Patch(color=project_colour(p, i), label=str(p)) for i, p in enumerate(projects)
                if p in set(after.loc[rows, "project"])] if projects else [
        Patch(color=COLOURS["task"], label="after")]
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8,
              frameon=False)
    moved = sum(1 for t in after.index if a_start[t] != b_start[t])
    set_title(ax, title or f"Levelling moved {moved} of {len(after)} tasks")
    return finished(fig, own)
