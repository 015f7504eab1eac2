"""Charts of skills and capacity planning: the capacity heat map, demand against capacity by role, the skills matrix."""

from __future__ import annotations

import math

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.patches import Patch

from ..capacity import TIGHT
from ..style import COLOURS, RAG_COLOURS, SEQUENTIAL_COLOURMAP, project_colour, readable_text
from .base import finished, new_axes, set_title

__all__ = ["capacity_heatmap", "capacity_areas", "skills_matrix_chart"]

_STATUS_COLOURS = {"ok": RAG_COLOURS["green"], "tight": RAG_COLOURS["amber"], "over": RAG_COLOURS["red"]}


def capacity_heatmap(gap, tight=TIGHT, ax=None, title=None, mark=None):
    """Utilisation of every role in every month: green below ``tight``, amber up to 100 %, red above.

    ``gap`` is :func:`pmo_lessons.capacity.capacity_gap` (or :func:`~pmo_lessons.capacity.take_on`);
    each cell shows the utilisation in per cent. ``mark`` (a boolean column such as ``"breaks"``)
    outlines the cells where it is true: the months a candidate breaks.

    >>> import pandas as pd
    >>> from pmo_lessons.capacity import capacity_gap
    >>> capacity = pd.DataFrame({"2026-11": [10.0, 10.0]}, index=["QA", "SEC"])
    >>> demand = pd.DataFrame({"2026-11": [5.0, 12.0]}, index=["QA", "SEC"])
    >>> fig = capacity_heatmap(capacity_gap(capacity, demand))
    >>> [t.get_text() for t in fig.axes[0].texts]
    ['50 %', '120 %']
    """
    roles = list(dict.fromkeys(gap["role"]))
    months = list(dict.fromkeys(gap["month"]))
    fig, ax, own = new_axes(ax, figsize=(0.85 * len(months) + 2.2, 0.42 * len(roles) + 1.6))
    column = {m: k for k, m in enumerate(months)}
    row = {r: k for k, r in enumerate(roles)}
    for line in gap.itertuples(index=False):
        colour = _STATUS_COLOURS[line.status]
        x, y = column[line.month], row[line.role]
        ax.add_patch(plt.Rectangle((x, y), 0.96, 0.92, color=colour))
        used = line.utilisation
        text = "n/a" if not math.isfinite(used) else f"{used:.0%}".replace("%", " %")
        ax.text(x + 0.48, y + 0.46, text, ha="center", va="center", fontsize=7.5, color=readable_text(colour))
        if mark is not None and bool(getattr(line, mark)):
            ax.add_patch(plt.Rectangle((x + 0.02, y + 0.02), 0.92, 0.88, fill=False,
                                       edgecolor=COLOURS["ink"], linewidth=2.2))
    ax.set_xlim(0, len(months))
    ax.set_ylim(len(roles), 0)
    ax.set_xticks(np.arange(len(months)) + 0.48, months, rotation=45, ha="left")
    ax.xaxis.tick_top()
    ax.set_yticks(np.arange(len(roles)) + 0.46, roles)
    ax.tick_params(length=0)
    for side in ax.spines.values():
        side.set_visible(False)
    handles = [Patch(color=_STATUS_COLOURS["ok"], label=f"below {tight:.0%}"),
               Patch(color=_STATUS_COLOURS["tight"], label=f"tight: {tight:.0%} to 100 %"),
               Patch(color=_STATUS_COLOURS["over"], label="over capacity")]
    if mark is not None:
        handles.append(Patch(facecolor="none", edgecolor=COLOURS["ink"], linewidth=2, label="the candidate breaks it"))
    ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.01), ncol=len(handles), fontsize=8,
              frameon=False)
    set_title(ax, title or "Utilisation of each role's capacity, month by month", pad=38)
    return finished(fig, own)


def capacity_areas(demand, capacity, role, ax=None, title=None, candidate=None):
    """One role's demand by project as stacked areas, month by month, against its capacity line.

    ``demand`` is the long table of :func:`pmo_lessons.capacity.role_demand` (``project, role,
    month, person_days``); ``capacity`` the role x month person-days of
    :func:`~pmo_lessons.capacity.role_capacity`; ``candidate`` (optional) a long table of the same
    form stacked on top, hatched. Months are those of ``capacity``.

    >>> import pandas as pd
    >>> demand = pd.DataFrame({"project": ["ERP", "CRM"], "role": "BA", "month": ["2026-11", "2026-12"],
    ...                        "person_days": [30.0, 20.0]})
    >>> capacity = pd.DataFrame({"2026-11": [40.0], "2026-12": [35.0]}, index=["BA"])
    >>> fig = capacity_areas(demand, capacity, "BA")
    >>> [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    ['ERP', 'CRM', 'capacity']
    """
    months = list(capacity.columns)
    fig, ax, own = new_axes(ax, figsize=(9, 3.6))
    x = np.arange(len(months))
    mine = demand[demand["role"] == role]
    bottom = np.zeros(len(months))
    for k, project in enumerate(dict.fromkeys(mine["project"])):
        values = mine[mine["project"] == project].groupby("month")["person_days"].sum()
        heights = np.array([float(values.get(m, 0.0)) for m in months])
        if not heights.any():
            continue
        ax.fill_between(x, bottom, bottom + heights, step="mid", color=project_colour(project, k), alpha=0.85,
                        label=str(project), linewidth=0)
        bottom = bottom + heights
    if candidate is not None:
        theirs = candidate[candidate["role"] == role]
        for project in dict.fromkeys(theirs["project"]):
            values = theirs[theirs["project"] == project].groupby("month")["person_days"].sum()
            heights = np.array([float(values.get(m, 0.0)) for m in months])
            ax.fill_between(x, bottom, bottom + heights, step="mid", facecolor="none", hatch="///",
                            edgecolor=COLOURS["today"], label=f"{project} (candidate)", linewidth=0.8)
            bottom = bottom + heights
    ax.step(x, capacity.loc[role, months].to_numpy(dtype=float), where="mid", color=COLOURS["critical"],
            linewidth=2, label="capacity")
    ax.set_xticks(x, months, rotation=45, ha="right")
    ax.set_ylabel("person-days a month")
    ax.set_ylim(bottom=0)
    ax.grid(axis="y", color=COLOURS["grid"])
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1), fontsize=8, frameon=False)
    set_title(ax, title or f"{role}: demand by project against capacity")
    return finished(fig, own)


def skills_matrix_chart(matrix, labels=None, ax=None, title=None):
    """The skills matrix as a grid: a row per person, a column per skill, darker for a higher level.

    ``matrix`` is :func:`pmo_lessons.capacity.skills_matrix` (levels 0-4); ``labels`` maps a
    person id to the row label (a name and a role). Each cell held shows its level.

    >>> import pandas as pd
    >>> matrix = pd.DataFrame({"PDATA": [4, 2], "REQ": [3, 0]}, index=["P13", "P06"])
    >>> fig = skills_matrix_chart(matrix, labels={"P13": "Yann Le Goff (BA)"})
    >>> [t.get_text() for t in fig.axes[0].get_yticklabels()]
    ['Yann Le Goff (BA)', 'P06']
    """
    labels = labels or {}
    fig, ax, own = new_axes(ax, figsize=(0.5 * matrix.shape[1] + 3, 0.3 * matrix.shape[0] + 1.5))
    colours = plt.get_cmap(SEQUENTIAL_COLOURMAP)
    ax.imshow(matrix.to_numpy(dtype=float), cmap=colours, vmin=0, vmax=4.5, aspect="auto")
    for (i, j), level in np.ndenumerate(matrix.to_numpy()):
        if level:
            shade = colours(level / 4.5)
            ink = readable_text("#{:02x}{:02x}{:02x}".format(*[int(255 * c) for c in shade[:3]]))
            ax.text(j, i, str(int(level)), ha="center", va="center", fontsize=7, color=ink)
    ax.set_xticks(range(matrix.shape[1]), list(matrix.columns), rotation=90)
    ax.xaxis.tick_top()
    ax.set_yticks(range(matrix.shape[0]), [labels.get(p, str(p)) for p in matrix.index], fontsize=7.5)
    ax.tick_params(length=0)
    set_title(ax, title or "Skills matrix: level 0 (blank) to 4 (expert)", pad=40)
    return finished(fig, own)
