"""Monitoring charts: S-curves with forecasts, the portfolio dashboard, OKR progress.

The tables come from :mod:`pmo_lessons.evm` (:func:`~pmo_lessons.evm.time_phased`,
:func:`~pmo_lessons.evm.dashboard`, :func:`~pmo_lessons.evm.okr_progress`); RAG colours
are :data:`pmo_lessons.style.RAG_COLOURS`.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.patches import Patch

from ..errors import InputError
from ..evm import DEFAULT_THRESHOLDS
from ..style import COLOURS, RAG_COLOURS
from .base import date_axis, finished, new_axes, set_title

__all__ = ["s_curve", "portfolio_dashboard", "okr_chart"]


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
    if project not in view.index.get_level_values("project"):
        raise InputError(f"No status for project {project!r} in the view.")
    rows = view.xs(project, level="project")
    if "status_date" not in rows.columns:
        raise InputError("The view has no status_date column: build it from a status table "
                         "with status_date (as status_weekly.csv).")
    fig, ax, own = new_axes(ax, figsize=(10, 5))
    week_one = pd.Timestamp(rows["status_date"].iloc[0]) - pd.Timedelta(days=7 * (rows.index[0] - 1))

    def date_of(week):
        return week_one + pd.Timedelta(days=7 * (week - 1))

    if baseline is not None and (baseline["project"] == project).any():
        plan = baseline[baseline["project"] == project].sort_values("week")
        pv_x, pv_y = [date_of(0)] + [date_of(w) for w in plan["week"]], [0.0] + plan["pv_eur"].tolist()
    else:
        pv_x, pv_y = [date_of(0)] + list(rows["status_date"]), [0.0] + rows["PV"].tolist()
    start = [date_of(0)]
    ax.plot(pv_x, pv_y, color=COLOURS["muted"], linewidth=2, label="PV (baseline)")
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
    ax.axhline(bac, color=COLOURS["muted"], linestyle=":", linewidth=1)
    ax.annotate(f"BAC {bac:,.0f}", xy=(0, bac), xycoords=("axes fraction", "data"),
                xytext=(4, 3), textcoords="offset points", fontsize=8, color=COLOURS["muted"])
    ax.axvline(today, color=COLOURS["today"], linestyle="--", linewidth=1.5,
               label=f"status date {today:%d %b %Y}")
    ax.yaxis.set_major_formatter(plt.FuncFormatter(lambda v, _: f"{v / 1e6:.1f} M" if
                                                   max(pv_y) >= 1e6 else f"{v / 1e3:.0f} k"))
    ax.set_ylabel("cumulative EUR")
    date_axis(ax, 4, 10)
    ax.grid(color=COLOURS["grid"])
    ax.set_axisbelow(True)
    ax.legend(loc="lower right", fontsize=8, framealpha=0.9)
    summary = f"CPI {last['CPI']:.2f}, SPI {last['SPI']:.2f}"
    if pd.notna(last["SPI_t"]):
        summary += f", SPI(t) {last['SPI_t']:.2f}"
    set_title(ax, title or f"{project}: S-curves at {today:%d %b %Y} ({summary})")
    return finished(fig, own)


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
    limits = {**DEFAULT_THRESHOLDS, **(thresholds or {})}
    fig, ax, own = new_axes(ax, figsize=(8.5, 6.5))
    x, y = board["SPI_t"].astype(float), board["CPI"].astype(float)
    low = min(0.75, float(np.nanmin([x.min(), y.min()])) - 0.03)
    high = max(1.15, float(np.nanmax([x.max(), y.max()])) + 0.03)
    for edge, colour in ((limits["green"], RAG_COLOURS["amber"]), (limits["amber"], RAG_COLOURS["red"])):
        ax.axvspan(low, edge, color=colour, alpha=0.08, zorder=0)
        ax.axhspan(low, edge, color=colour, alpha=0.08, zorder=0)
    ax.axvline(1, color=COLOURS["muted"], linewidth=0.8)
    ax.axhline(1, color=COLOURS["muted"], linewidth=0.8)
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
                color=COLOURS["muted"], style="italic")
    handles = [Patch(color=RAG_COLOURS[r], label=r) for r in ("green", "amber", "red")]
    ax.legend(handles=handles, title=f"RAG (green \u2265 {limits['green']:g}, amber \u2265 "
              f"{limits['amber']:g})", loc="lower right", fontsize=8, title_fontsize=8)
    set_title(ax, title or "Portfolio: cost and schedule efficiency (bubble = BAC, label = slip in working days)")
    return finished(fig, own)


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
    fig, ax, own = new_axes(ax, figsize=(10, max(3, 0.36 * (len(progress) + 4))))
    labels, y = [], 0
    for objective_id, group in progress.groupby("objective_id", sort=False):
        mean = group["score"].mean()
        ax.barh(y, mean, color=COLOURS["ink"], height=0.7)
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
    ax.axvline(0.7, color=COLOURS["muted"], linestyle=":", linewidth=1)
    ax.grid(axis="x", color=COLOURS["grid"])
    ax.set_axisbelow(True)
    ax.set_xlabel("progress from baseline to target")
    set_title(ax, title or "OKRs: progress of each key result and objective")
    return finished(fig, own)
