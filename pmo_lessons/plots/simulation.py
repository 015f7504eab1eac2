"""Charts of the portfolio simulation: the quarter's trends, people against demand, the debrief.

They draw what :mod:`pmo_lessons.simulation` returns: an observation's ``trends`` and ``roles``,
a debrief's ``outcomes`` and ``mattered``.
"""

from __future__ import annotations

import numpy as np
import pandas as pd  # noqa: F401  (the examples' tables)
from matplotlib.ticker import MaxNLocator

from ..evm import DEFAULT_THRESHOLDS
from ..style import COLOURS, PROJECT_COLOURS, RAG_COLOURS
from .base import finished, new_axes, set_title

__all__ = ["quarter_trends", "staffing_chart", "outcomes_chart", "decisions_chart"]


def quarter_trends(trends, index="SPI_t", ax=None, title=None):
    """One line per project: an index (SPI(t), CPI ...) week by week, the quarter's weeks shaded.

    ``trends`` is an observation's ``trends`` (``project, game_week`` and the indices; week 0 is
    the status date, negative weeks before it).

    >>> trends = pd.DataFrame({"project": ["ERP"] * 3, "game_week": [-1, 0, 1],
    ...                        "SPI_t": [0.86, 0.85, 0.84]})
    >>> fig = quarter_trends(trends)
    >>> [line.get_label() for line in fig.axes[0].get_lines() if not line.get_label().startswith("_")]
    ['ERP']
    """
    fig, ax, own = new_axes(ax, figsize=(8, 3.6))
    weeks = trends["game_week"]
    if (weeks > 0).any():
        ax.axvspan(0, float(weeks.max()) + 0.3, color=COLOURS["shade"], zorder=0)
    for edge in (DEFAULT_THRESHOLDS["green"], DEFAULT_THRESHOLDS["amber"]):
        ax.axhline(edge, color=COLOURS["faint"], linewidth=0.7, linestyle=(0, (3, 2)))
    for project, rows in trends.groupby("project", sort=False):
        rows = rows.sort_values("game_week")
        ax.plot(rows["game_week"], rows[index], marker="o", markersize=3, linewidth=1.6,
                color=PROJECT_COLOURS.get(project, COLOURS["ink"]), label=project)
    ax.axvline(0, color=COLOURS["today"], linewidth=1)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xlabel("week of the quarter (0: the status date, 25 September 2026)")
    ax.set_ylabel(index.replace("_t", "(t)"))
    ax.legend(ncol=7, fontsize=8, loc="upper center", bbox_to_anchor=(0.5, -0.2), frameon=False)
    ax.grid(axis="y", color=COLOURS["grid"])
    set_title(ax, title or f"{index.replace('_t', '(t)')} of each project, week by week")
    return finished(fig, own)


def staffing_chart(roles, ax=None, title=None):
    """People against demand, one row per role: the capacity, those staffed, what the plans ask.

    ``roles`` is an observation's ``roles`` (indexed by role: ``capacity``, ``staffed``,
    ``contractors``, ``needed``). A red mark is a role asked for beyond its capacity.

    >>> roles = pd.DataFrame({"capacity": [5.0, 2.0], "staffed": [3.0, 2.0], "contractors": [0.0, 1.0],
    ...                       "needed": [4.0, 3.0]}, index=pd.Index(["QA", "SEC"], name="role"))
    >>> fig = staffing_chart(roles)
    >>> [t.get_text() for t in fig.axes[0].get_yticklabels()]
    ['QA', 'SEC']
    """
    fig, ax, own = new_axes(ax, figsize=(7, 0.35 * len(roles) + 1.4))
    y = np.arange(len(roles))[::-1]
    ax.barh(y, roles["capacity"], color=COLOURS["empty"], edgecolor=COLOURS["outline"],
            label="capacity")
    ax.barh(y, roles["staffed"], color=COLOURS["task"], height=0.55, label="staffed")
    ax.barh(y, roles["contractors"], left=roles["staffed"], color=COLOURS["third"], height=0.55,
            label="contractors")
    over = roles["needed"] > roles["capacity"] + roles["contractors"]
    ax.scatter(roles["needed"], y, marker="|", s=260, linewidths=2.5, zorder=3,
               color=[RAG_COLOURS["red"] if o else COLOURS["ink"] for o in over],
               label="needed next week")
    ax.set_yticks(y, roles.index)
    ax.set_xlabel("people")
    ax.legend(ncol=4, fontsize=8, loc="upper center", bbox_to_anchor=(0.5, -0.18), frameon=False)
    set_title(ax, title or "People by role: capacity, staffed and needed next week")
    return finished(fig, own)


def outcomes_chart(outcomes, ax=None, title=None):
    """The quarter's score part by part, for each player (you, doing nothing, the expert).

    ``outcomes`` is a debrief's ``outcomes`` (one row per player: ``total`` and the parts).

    >>> table = pd.DataFrame({"total": [60.0, 40.0], "value": [50.0, 30.0]},
    ...                      index=["you", "doing nothing"])
    >>> fig = outcomes_chart(table)
    >>> len(fig.axes[0].patches)
    4
    """
    fig, ax, own = new_axes(ax, figsize=(8, 3.4))
    parts = list(outcomes.columns)
    x = np.arange(len(parts))
    width = 0.8 / len(outcomes)
    colours = {"you": COLOURS["task"], "doing nothing": COLOURS["faint"],
               "the expert": COLOURS["ink"]}
    for k, (player, row) in enumerate(outcomes.iterrows()):
        bars = ax.bar(x + (k - (len(outcomes) - 1) / 2) * width, row[parts].to_numpy(float),
                      width, label=player, color=colours.get(player, COLOURS["third"]))
        ax.bar_label(bars, fmt="%.0f", fontsize=7, padding=1)
    ax.set_xticks(x, parts)
    ax.set_ylim(0, 105)
    ax.set_ylabel("points (0 to 100)")
    ax.legend(fontsize=8, frameon=False, ncol=3, loc="upper right")
    set_title(ax, title or "The quarter's score, part by part")
    return finished(fig, own)


def decisions_chart(mattered, top=8, ax=None, title=None):
    """The decisions that mattered: how many points of the total each one won or lost.

    ``mattered`` is :func:`pmo_lessons.simulation.decisions_that_mattered` (``week, decision,
    effect``); the largest effects first, gains in green and losses in red.

    >>> table = pd.DataFrame({"week": [0, 3], "decision": ["fund response R-034", "stop ECO"],
    ...                       "effect": [5.8, -12.0]})
    >>> fig = decisions_chart(table)
    >>> [t.get_text() for t in fig.axes[0].get_yticklabels()]
    ['week 3: stop ECO', 'week 0: fund response R-034']
    """
    rows = mattered.reindex(mattered["effect"].abs().sort_values(ascending=False).index).head(top)
    fig, ax, own = new_axes(ax, figsize=(8, 0.4 * len(rows) + 1.3))
    y = np.arange(len(rows))[::-1]
    colours = [RAG_COLOURS["green"] if e >= 0 else RAG_COLOURS["red"] for e in rows["effect"]]
    ax.barh(y, rows["effect"], color=colours)
    ax.axvline(0, color=COLOURS["ink"], linewidth=0.8)
    ax.set_yticks(y, [f"week {w}: {d}" for w, d in zip(rows["week"], rows["decision"])],
                  fontsize=8)
    ax.set_xlabel("points of the total score it made (the game replayed without it)")
    set_title(ax, title or "The decisions that mattered")
    return finished(fig, own)
