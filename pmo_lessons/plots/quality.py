"""Quality charts: the Pareto chart, the XmR chart, the cost of quality, the health-check heat map.

The tables come from :mod:`pmo_lessons.quality` (:func:`~pmo_lessons.quality.pareto`,
:func:`~pmo_lessons.quality.xmr`, :func:`~pmo_lessons.quality.cost_of_quality`,
:func:`~pmo_lessons.quality.portfolio_health`). Signals and failures are drawn in the critical
red, what is in order in the task blue, the rest in greys.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.ticker import FuncFormatter, MaxNLocator

from ..evm import rag_status
from ..formats import money_text
from ..quality import (
    BEYOND_LIMITS,
    HEALTH_THRESHOLDS,
    NEAR_A_LIMIT,
    ONE_SIDE,
    RANGE_ABOVE_LIMIT,
    UPPER_RANGE_LIMIT_FACTOR,
    VITAL_FEW_SHARE,
)
from ..style import COLOURS, RAG_COLOURS, readable_text
from .base import finished, new_axes, set_title

__all__ = ["pareto_chart", "xmr_chart", "cost_of_quality_chart", "health_heatmap"]

#: How each detection rule is marked on the XmR chart: marker, size, label of the legend.
SIGNAL_MARKS = {
    BEYOND_LIMITS: ("o", 90, "beyond a limit"),
    NEAR_A_LIMIT: ("^", 80, "3 of 4 nearer a limit than the centre"),
    ONE_SIDE: ("s", 60, "8 or more on one side of the centre"),
}


def pareto_chart(table, threshold=VITAL_FEW_SHARE, ax=None, title=None, unit="defects"):
    """Bars of the categories, largest first, and the line of their cumulative share.

    ``table`` is :func:`pmo_lessons.quality.pareto`. The vital few are blue, the others grey;
    the dashed line marks ``threshold`` (80 %) on the right-hand axis of the cumulative share.

    >>> from pmo_lessons.quality import pareto
    >>> fig = pareto_chart(pareto({"interface": 50, "data migration": 30, "report": 20}))
    >>> [t.get_text() for t in fig.axes[0].get_xticklabels()]
    ['interface', 'data migration', 'report']
    """
    fig, ax, own = new_axes(ax, figsize=(max(6.0, 1.1 * len(table) + 2.5), 4.2))
    positions = np.arange(len(table))
    colours = [COLOURS["task"] if vital else COLOURS["faint"] for vital in table["vital_few"]]
    ax.bar(positions, table["count"], color=colours, width=0.7, zorder=2)
    for x, count in zip(positions, table["count"]):
        ax.text(x, count, f"{count:g}", ha="center", va="bottom", fontsize=8,
                color=COLOURS["ink"])
    ax.set_xticks(positions, [str(c) for c in table.index], rotation=30, ha="right")
    ax.set_ylabel(unit)
    ax.grid(axis="y", color=COLOURS["grid"], zorder=0)
    share = ax.twinx()
    share.plot(positions, 100 * table["cumulative_share"], color=COLOURS["ink"], marker="o",
               markersize=4, linewidth=1.5, zorder=3)
    share.axhline(100 * threshold, color=COLOURS["today"], linestyle="--", linewidth=1)
    share.set_ylim(0, 105)
    share.set_ylabel("cumulative share (%)")
    for side in ("top",):
        ax.spines[side].set_visible(False)
        share.spines[side].set_visible(False)
    vital = int(table["vital_few"].sum())
    reached = 100 * table["cumulative_share"].iloc[vital - 1]
    ax.legend(handles=[Patch(color=COLOURS["task"], label=f"vital few ({vital}: {reached:.0f} %)"),
                       Patch(color=COLOURS["faint"], label="the others"),
                       Line2D([], [], color=COLOURS["today"], linestyle="--",
                              label=f"{100 * threshold:.0f} %")],
              loc="center right", fontsize=8, frameon=False)
    set_title(ax, title or f"Pareto: {vital} of {len(table)} categories make "
                           f"{reached:.0f} % of the {unit}")
    return finished(fig, own)


def xmr_chart(chart, title=None, unit="defects a week", lower_bound=None, xlabel="week"):
    """The process behaviour chart in its two panels: the values (X) and the moving ranges (mR).

    ``chart`` is :func:`pmo_lessons.quality.xmr`. Top: the values, the centre line and the
    natural process limits (dashed), the baseline shaded; below: the moving ranges, their
    average and the upper range limit. Every point that breaks a detection rule is marked in
    red, one marker per rule (the legend says which), as is every moving range above the URL.
    ``lower_bound`` (0 for counts) drops an LNPL below it: there is no lower limit then.

    >>> from pmo_lessons.quality import xmr
    >>> fig = xmr_chart(xmr([10, 12, 10, 12, 10, 12, 10, 12, 17], baseline=8))
    >>> len(fig.axes), [t.get_text() for t in fig.axes[0].get_legend().get_texts()][-1]
    (2, 'beyond a limit')
    """
    fig, (top, bottom) = plt.subplots(2, 1, figsize=(10, 6), sharex=True, layout="constrained",
                                      gridspec_kw={"height_ratios": [2.2, 1]})
    index = chart.index
    numeric = np.issubdtype(np.asarray(index).dtype, np.number)
    x = np.asarray(index, dtype=float) if numeric else np.arange(len(index), dtype=float)
    first = chart.iloc[0]
    centre, unpl, lnpl, url = (float(first[k]) for k in ("centre", "unpl", "lnpl", "url"))
    inside = chart["in_baseline"].to_numpy()
    if not inside.all():
        edge = x[int(inside.sum()) - 1] + 0.5
        for ax in (top, bottom):
            ax.axvspan(x[0] - 0.5, edge, color=COLOURS["shade"], zorder=0)
        top.text(x[0] - 0.4, unpl, "baseline", fontsize=8, color=COLOURS["muted"], va="bottom")
    top.plot(x, chart["value"], color=COLOURS["muted"], linewidth=1.2, marker="o", markersize=4,
             markerfacecolor=COLOURS["task"], markeredgecolor=COLOURS["task"], zorder=2)
    top.axhline(centre, color=COLOURS["ink"], linewidth=1)
    has_lower = lower_bound is None or lnpl > lower_bound
    for level, name in ((unpl, "UNPL"), (lnpl, "LNPL")):
        if name == "LNPL" and not has_lower:
            continue
        top.axhline(level, color=COLOURS["critical"], linestyle="--", linewidth=1)
    right = x[-1] + 0.6
    labels = [(unpl, f"UNPL {unpl:.1f}"), (centre, f"centre {centre:.1f}")]
    labels.append((lnpl, f"LNPL {lnpl:.1f}") if has_lower else
                  (lower_bound, f"no lower limit (LNPL {lnpl:.1f} < {lower_bound:g})"))
    for level, text in labels:
        top.text(right, level, text, fontsize=8, va="center", color=COLOURS["ink"])
    handles = [Line2D([], [], color=COLOURS["critical"], linestyle="--", label="natural process limits")]
    for rule, (marker, size, label) in SIGNAL_MARKS.items():
        hit = (chart["signal"] == rule).to_numpy()
        if hit.any():
            top.scatter(x[hit], chart["value"].to_numpy()[hit], marker=marker, s=size, zorder=4,
                        color=COLOURS["critical"], edgecolor="white", linewidth=0.6)
            handles.append(Line2D([], [], marker=marker, linestyle="", color=COLOURS["critical"],
                                  label=label))
    top.legend(handles=handles, fontsize=8, loc="upper left", frameon=False)
    top.set_ylabel(unit)
    average_range = url / UPPER_RANGE_LIMIT_FACTOR
    ranges = chart["moving_range"].to_numpy(float)
    bottom.plot(x, ranges, color=COLOURS["muted"], linewidth=1, marker="o", markersize=3,
                markerfacecolor=COLOURS["task"], markeredgecolor=COLOURS["task"])
    bottom.axhline(average_range, color=COLOURS["ink"], linewidth=1)
    bottom.axhline(url, color=COLOURS["critical"], linestyle="--", linewidth=1)
    bottom.text(right, url, f"URL {url:.1f}", fontsize=8, va="center")
    bottom.text(right, average_range, f"average {average_range:.1f}", fontsize=8, va="center")
    jumps = (chart["range_signal"] == RANGE_ABOVE_LIMIT).to_numpy()
    if jumps.any():
        bottom.scatter(x[jumps], ranges[jumps], marker="o", s=70, color=COLOURS["critical"],
                       zorder=4, edgecolor="white", linewidth=0.6)
    bottom.set_ylabel("moving range")
    bottom.set_xlabel(xlabel)
    bottom.set_ylim(bottom=0)
    if numeric:
        bottom.xaxis.set_major_locator(MaxNLocator(integer=True))
    else:
        bottom.set_xticks(x, [str(i) for i in index], rotation=45, ha="right")
    for ax in (top, bottom):
        ax.grid(axis="y", color=COLOURS["grid"], zorder=0)
        for side in ("top", "right"):
            ax.spines[side].set_visible(False)
        ax.set_xlim(x[0] - 0.6, x[-1] + 0.5)
    signals = int((chart["signal"] != "").sum())
    set_title(top, title or f"Process behaviour chart: {signals} point"
                            f"{'' if signals == 1 else 's'} with a signal")
    plt.close(fig)
    return fig


def cost_of_quality_chart(table, ax=None, title=None):
    """The four categories of the cost of quality as bars, conformance blue, failures red.

    ``table`` is :func:`pmo_lessons.quality.cost_of_quality` (``by="category"``). Each bar
    says its amount and its share; the title gives the two sides.

    >>> import pandas as pd
    >>> from pmo_lessons.quality import cost_of_quality
    >>> lines = pd.DataFrame({"category": ["prevention", "appraisal", "internal failure"],
    ...                       "amount_eur": [10_000, 30_000, 20_000]})
    >>> fig = cost_of_quality_chart(cost_of_quality(lines))
    >>> [t.get_text() for t in fig.axes[0].get_yticklabels()]
    ['prevention', 'appraisal', 'internal failure', 'external failure']
    """
    fig, ax, own = new_axes(ax, figsize=(8.5, 3.4))
    rows = list(table.index)
    y = np.arange(len(rows))[::-1]
    colours = [COLOURS["task"] if side == "conformance" else COLOURS["critical"]
               for side in table["cost_of"]]
    ax.barh(y, table["amount_eur"], color=colours, height=0.6, zorder=2)
    top = float(table["amount_eur"].max())
    for level, amount, share in zip(y, table["amount_eur"], table["share"]):
        ax.text(amount + 0.01 * top, level, f"{money_text(amount)}  ({share:.0%})", va="center",
                fontsize=9, color=COLOURS["ink"])
    ax.set_yticks(y, rows)
    ax.set_xlim(0, 1.3 * top)
    ax.set_xlabel("EUR")
    ax.xaxis.set_major_formatter(FuncFormatter(lambda value, _: f"{value:,.0f}"))
    ax.grid(axis="x", color=COLOURS["grid"], zorder=0)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    conformance = table.loc[table["cost_of"] == "conformance", "share"].sum()
    ax.legend(handles=[Patch(color=COLOURS["task"], label="cost of conformance"),
                       Patch(color=COLOURS["critical"], label="cost of non-conformance")],
              fontsize=8, loc="lower right", frameon=False)
    set_title(ax, title or f"Cost of quality {money_text(table['amount_eur'].sum())}: "
                           f"{conformance:.0%} conformance, {1 - conformance:.0%} failures")
    return finished(fig, own)


def health_heatmap(view, thresholds=HEALTH_THRESHOLDS, sort=True, ax=None, title=None):
    """The portfolio's health check as a heat map: a row per project, a column per dimension.

    ``view`` is :func:`pmo_lessons.quality.portfolio_health`. Each cell is coloured by the RAG
    of its score (``thresholds``, Meridian's policy) and shows the score; the last column is
    the project's overall score and RAG. With ``sort`` the weakest project comes first.

    >>> from pmo_lessons import data
    >>> from pmo_lessons.quality import portfolio_health
    >>> fig = health_heatmap(portfolio_health(data.load_health_checks()))
    >>> [t.get_text() for t in fig.axes[0].get_yticklabels()][:2]
    ['OFM', 'ECO']
    """
    dimensions = [c for c in view.columns if c not in ("overall", "rag", "red_dimensions")]
    frame = view.sort_values("overall", kind="stable") if sort else view
    fig, ax, own = new_axes(ax, figsize=(1.25 * (len(dimensions) + 1) + 2, 0.55 * len(frame) + 1.6))
    columns = dimensions + ["overall"]
    for row, (_, line) in enumerate(frame.iterrows()):
        for column, name in enumerate(columns):
            score = float(line[name])
            rating = line["rag"] if name == "overall" else rag_status(score, **thresholds)
            colour = RAG_COLOURS[rating]
            ax.add_patch(plt.Rectangle((column, row), 0.96, 0.92, color=colour))
            text = f"{score:.2f}" + (f"\n{rating}" if name == "overall" else "")
            ax.text(column + 0.48, row + 0.46, text, ha="center", va="center", fontsize=8.5,
                    color=readable_text(colour), fontweight="bold" if name == "overall" else None)
    ax.set_xlim(0, len(columns))
    ax.set_ylim(len(frame), 0)
    ax.set_xticks(np.arange(len(columns)) + 0.48, columns)
    ax.xaxis.tick_top()
    ax.set_yticks(np.arange(len(frame)) + 0.46, [str(p) for p in frame.index])
    ax.tick_params(length=0)
    for side in ax.spines.values():
        side.set_visible(False)
    ax.legend(handles=[Patch(color=RAG_COLOURS["green"], label=f"green from {thresholds['green']:g}"),
                       Patch(color=RAG_COLOURS["amber"], label=f"amber from {thresholds['amber']:g}"),
                       Patch(color=RAG_COLOURS["red"], label="red below")],
              loc="upper center", bbox_to_anchor=(0.5, -0.02), ncol=3, fontsize=8, frameon=False)
    set_title(ax, title or "Health check of the portfolio: score per dimension (1 = all yes)",
              pad=22)
    return finished(fig, own)
