"""Reporting charts: the stakeholder map and the trends of an index, small multiples.

Small multiples on one scale, worst first: Few, *Information Dashboard Design* (2nd ed.,
2013); Tufte's data-ink. The stakeholder grid comes from
:func:`pmo_lessons.report.stakeholder_grid`, the index from :func:`pmo_lessons.evm.time_phased`.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
from matplotlib.patches import Rectangle

from ..evm import DEFAULT_THRESHOLDS, rag_status
from ..style import COLOURS, RAG_COLOURS, STAKEHOLDER_COLOURS
from .base import finished, new_axes, set_title

__all__ = ["stakeholder_map", "index_trends"]


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
    fig, ax, own = new_axes(ax, figsize=(9, 6.2))
    edge, right = high - 0.5, 7.2  # room on the right for the names of interest 5
    for (x0, x1), (y0, y1), strategy in (
            ((edge, right), (edge, 5.6), "manage closely"),
            ((0.4, edge), (edge, 5.6), "keep satisfied"),
            ((edge, right), (0.4, edge), "keep informed"),
            ((0.4, edge), (0.4, edge), "monitor")):
        ax.add_patch(Rectangle((x0, y0), x1 - x0, y1 - y0, facecolor=STAKEHOLDER_COLOURS[strategy],
                               edgecolor="white",
                               linewidth=3, zorder=0))
        ax.text(x0 + 0.08, y1 - 0.08, strategy.upper(), ha="left", va="top", fontsize=9,
                color=COLOURS["muted"], fontweight="bold")
    seen = {}
    for name, power, interest in zip(grid["stakeholder"], grid["power"], grid["interest"]):
        k = seen.get((power, interest), 0)
        seen[(power, interest)] = k + 1
        ax.scatter([interest], [power], s=60, color=COLOURS["ink"], zorder=3)
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
    set_title(ax, title or "Stakeholders on the power/interest grid")
    return finished(fig, own)


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
            ax.axhline(edge, color=COLOURS["faint"], linewidth=0.7, linestyle=(0, (3, 2)))
        ax.axhline(1.0, color=COLOURS["muted"], linewidth=0.6)
        ax.plot(series.index, series.to_numpy(float), color=COLOURS["muted"], linewidth=1.6)
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
