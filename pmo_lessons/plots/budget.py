"""Budget charts: the layers of the budget, the cost S-curve with commitments and forecast, the
monthly cash flow, the joint confidence scatter and the portfolio's budget waterfall.

The tables come from :mod:`pmo_lessons.budget` (:func:`~pmo_lessons.budget.budget_layers`,
:func:`~pmo_lessons.budget.spending_forecast`, :func:`~pmo_lessons.budget.cash_flow`,
:func:`~pmo_lessons.budget.simulate_costs`, :func:`~pmo_lessons.budget.propose_adjustments`);
the colours are :mod:`pmo_lessons.style`'s.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.patches import Patch

from ..budget import joint_confidence
from ..errors import InputError
from ..formats import money_text
from ..style import COLOURS, RAG_COLOURS
from .base import date_axis, finished, new_axes, set_title

__all__ = ["budget_layers_chart", "cost_s_curve", "cash_flow_chart", "jcl_scatter",
           "budget_waterfall"]

#: The colour of each layer of the budget (from the palette).
LAYER_COLOURS = {
    "activity cost estimates": COLOURS["task"],
    "activity contingency reserve": COLOURS["today"],
    "contingency reserve": COLOURS["third"],
    "management reserve": COLOURS["muted"],
}


def _euros(ax, top):
    ax.yaxis.set_major_formatter(plt.FuncFormatter(
        lambda v, _: f"{v / 1e6:.1f} M" if top >= 1e6 else f"{v / 1e3:.0f} k"))


def budget_layers_chart(layers, ax=None, title=None):
    """The budget built up layer by layer, as the staircase of PMBOK Guide (6th ed.), figure 7-8.

    ``layers`` is :func:`~pmo_lessons.budget.budget_layers`. Four columns: the activity cost
    estimates, the work package cost estimates (+ activity contingency), the control accounts
    that add up to the cost baseline (+ contingency reserve), and the project budget (+
    management reserve). A dotted line marks the cost baseline (the BAC); the layers above it are
    outside the baseline.

    >>> from pmo_lessons.budget import budget_layers
    >>> wp = pd.DataFrame({"cost_eur": [1100.0, 500.0], "contingency_eur": [100.0, 0.0]})
    >>> fig = budget_layers_chart(budget_layers(wp, contingency=200, management_reserve=180))
    >>> [t.get_text() for t in fig.axes[0].get_xticklabels()]
    ['activity\\nestimates', 'work\\npackages', 'cost baseline\\n(control accounts)', 'project\\nbudget']
    """
    if not isinstance(layers, pd.DataFrame) or "amount_eur" not in layers.columns:
        raise InputError("layers must be the table of budget_layers (an amount_eur per layer).")
    amount = layers["amount_eur"]
    parts = ["activity cost estimates", "activity contingency reserve", "contingency reserve",
             "management reserve"]
    fig, ax, own = new_axes(ax, figsize=(8.5, 5.6))
    columns = ["activity\nestimates", "work\npackages", "cost baseline\n(control accounts)",
               "project\nbudget"]
    for column in range(4):
        bottom = 0.0
        for part in parts[:column + 1]:
            value = float(amount[part])
            ax.bar(column, value, bottom=bottom, color=LAYER_COLOURS[part], width=0.62,
                   edgecolor=COLOURS["ink"], linewidth=0.4,
                   label=part if column == parts.index(part) else None)
            if value and column == parts.index(part):
                ax.annotate(money_text(value), (column, bottom + value / 2), ha="center",
                            va="center", fontsize=8, color="white" if part != "activity contingency reserve"
                            else COLOURS["ink"])
            bottom += value
        ax.annotate(money_text(bottom), (column, bottom), xytext=(0, 3), textcoords="offset points",
                    ha="center", fontsize=9, fontweight="bold", color=COLOURS["ink"])
    baseline = float(amount["cost baseline"])
    ax.axhline(baseline, color=COLOURS["ink"], linestyle=":", linewidth=1,
               label="cost baseline = BAC (what is above it is outside)")
    ax.set_xticks(range(4), columns)
    _euros(ax, float(amount["project budget"]))
    ax.set_ylabel("EUR")
    ax.grid(axis="y", color=COLOURS["grid"])
    ax.set_axisbelow(True)
    ax.set_ylim(0, float(amount["project budget"]) * 1.1)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.14), ncol=3, fontsize=8, frameon=False)
    set_title(ax, title or "The layers of the budget (PMBOK 6, figure 7-8)")
    return finished(fig, own)


def cost_s_curve(curve, budget=None, committed=None, ax=None, title=None):
    """The cost S-curve of one project: baseline, actual cost, commitments and forecast.

    ``curve`` is :func:`~pmo_lessons.budget.spending_forecast` (``planned_eur``, ``actual_eur``,
    ``forecast_eur`` by working day). ``committed``, the actual cost plus the open commitments at
    the status date, is drawn as a bar above the actual cost: money promised that the actual cost
    does not show yet. ``budget`` (the project budget, management reserve included) and the BAC
    (the baseline's last value) are horizontal lines; the orange line is the status date.

    >>> days = pd.bdate_range("2026-03-02", periods=6)
    >>> curve = pd.DataFrame({"planned_eur": [10., 20, 30, 40, 50, 60],
    ...     "actual_eur": [12., 25, 36, np.nan, np.nan, np.nan],
    ...     "forecast_eur": [np.nan, np.nan, 36, 50, 62, 74]}, index=days)
    >>> fig = cost_s_curve(curve, budget=70, committed=55)
    >>> [line.get_label() for line in fig.axes[0].get_lines()][:3]
    ['baseline (PV)', 'actual cost (AC)', 'forecast, FAC 74 € on 09 Mar 2026']
    """
    for column in ("planned_eur", "actual_eur", "forecast_eur"):
        if not isinstance(curve, pd.DataFrame) or column not in curve.columns:
            raise InputError("curve must be the table of spending_forecast (planned_eur, "
                             "actual_eur, forecast_eur by day).")
    fig, ax, own = new_axes(ax, figsize=(10, 5))
    actual = curve["actual_eur"].dropna()
    future = curve["forecast_eur"].dropna()
    ax.plot(curve.index, curve["planned_eur"], color=COLOURS["muted"], linewidth=2,
            label="baseline (PV)")
    ax.plot(actual.index, actual, color=COLOURS["critical"], linewidth=2.2, label="actual cost (AC)")
    if len(future):
        ax.plot(future.index, future, color=COLOURS["critical"], linestyle="--", linewidth=1.6,
                label=f"forecast, FAC {money_text(future.iloc[-1])} on {future.index[-1]:%d %b %Y}")
    bac = float(curve["planned_eur"].max())
    ax.axhline(bac, color=COLOURS["muted"], linestyle=":", linewidth=1)
    ax.annotate(f"BAC {money_text(bac)}", xy=(0, bac), xycoords=("axes fraction", "data"),
                xytext=(4, 3), textcoords="offset points", fontsize=8, color=COLOURS["muted"])
    top = bac
    if budget is not None:
        ax.axhline(budget, color=COLOURS["ink"], linestyle="-.", linewidth=1)
        ax.annotate(f"budget with the management reserve {money_text(budget)}", xy=(0, budget),
                    xycoords=("axes fraction", "data"), xytext=(4, 3), textcoords="offset points",
                    fontsize=8, color=COLOURS["ink"])
        top = max(top, float(budget))
    if len(actual):
        today = actual.index[-1]
        ax.axvline(today, color=COLOURS["today"], linestyle="--", linewidth=1.5,
                   label=f"status date {today:%d %b %Y}")
        if committed is not None:
            ac = float(actual.iloc[-1])
            ax.vlines(today, ac, committed, color=COLOURS["task"], linewidth=7, alpha=0.75,
                      label=f"open commitments {money_text(committed - ac)} (committed "
                            f"{money_text(committed)})")
            top = max(top, float(committed))
    if len(future):
        top = max(top, float(future.max()))
    _euros(ax, top)
    ax.set_ylim(0, top * 1.08)
    ax.set_ylabel("cumulative EUR")
    date_axis(ax, 4, 10)
    ax.grid(color=COLOURS["grid"])
    ax.set_axisbelow(True)
    ax.legend(loc="lower right", fontsize=8, framealpha=0.9)
    set_title(ax, title or "Cost S-curve: baseline, actual cost, commitments and forecast")
    return finished(fig, own)


def cash_flow_chart(flow, ax=None, title=None):
    """Monthly cash flow: planned and actual spending per period, and the finance department's
    funding steps against the cumulative curves.

    ``flow`` is :func:`~pmo_lessons.budget.cash_flow`. Bars (left axis): the baseline's and the
    actual spending of each period, the period in which the actuals stop hatched. Lines (right
    axis): the cumulative plan, the cumulative actual and the funding released (steps).

    >>> flow = pd.DataFrame({"planned_eur": [100., 200], "actual_eur": [90., np.nan],
    ...     "partial": [False, False], "cumulative_planned_eur": [100., 300],
    ...     "cumulative_actual_eur": [90., np.nan], "funding_eur": [300., 300]},
    ...     index=pd.to_datetime(["2026-03-01", "2026-04-01"]))
    >>> fig = cash_flow_chart(flow)
    >>> len(fig.axes), [line.get_label() for line in fig.axes[1].get_lines()]
    (2, ['cumulative plan', 'cumulative actual', 'funding released'])
    """
    needed = ("planned_eur", "actual_eur", "partial", "cumulative_planned_eur",
              "cumulative_actual_eur", "funding_eur")
    if not isinstance(flow, pd.DataFrame) or any(c not in flow.columns for c in needed):
        raise InputError("flow must be the table of cash_flow (planned_eur, actual_eur, partial, "
                         "cumulative and funding columns).")
    fig, ax, own = new_axes(ax, figsize=(10, 5))
    x = np.arange(len(flow))
    ax.bar(x - 0.2, flow["planned_eur"], width=0.4, color=COLOURS["float"],
           edgecolor=COLOURS["outline"], linewidth=0.5, label="planned in the period")
    actual = flow["actual_eur"].fillna(0.0)
    hatches = ["//" if p else "" for p in flow["partial"]]
    bars = ax.bar(x + 0.2, actual, width=0.4, color=COLOURS["critical"], label="actual in the period")
    for bar, hatch in zip(bars, hatches):
        bar.set_hatch(hatch)
        bar.set_edgecolor("white" if hatch else COLOURS["critical"])
    labels = [f"{d:%b}\n{d:%Y}" if k == 0 or d.month == 1 else f"{d:%b}"
              for k, d in enumerate(pd.DatetimeIndex(flow.index))]
    ax.set_xticks(x, labels)
    _euros(ax, float(flow["planned_eur"].max()))
    ax.set_ylabel("EUR per period")
    ax.grid(axis="y", color=COLOURS["grid"])
    ax.set_axisbelow(True)
    right = ax.twinx()
    right.plot(x, flow["cumulative_planned_eur"], color=COLOURS["muted"], linewidth=2,
               label="cumulative plan")
    right.plot(x, flow["cumulative_actual_eur"], color=COLOURS["critical"], linewidth=2,
               marker="o", markersize=3, label="cumulative actual")
    right.step(x, flow["funding_eur"], where="mid", color=COLOURS["task"], linewidth=1.6,
               linestyle="--", label="funding released")
    _euros(right, float(flow["funding_eur"].max()))
    right.set_ylim(0, float(max(flow["funding_eur"].max(), flow["cumulative_planned_eur"].max())) * 1.08)
    right.set_ylabel("cumulative EUR")
    handles = ax.get_legend_handles_labels()[0] + right.get_legend_handles_labels()[0]
    if any(flow["partial"]):
        handles.append(Patch(facecolor=COLOURS["critical"], hatch="//", edgecolor="white",
                             label="actuals to the status date only"))
    ax.legend(handles=handles, loc="upper left", fontsize=8, framealpha=0.9)
    set_title(ax, title or "Cash flow: planned and actual per month, and the funding released")
    return finished(fig, own)


def jcl_scatter(simulation, budget, date, sample=4000, ax=None, title=None):
    """The joint confidence scatter: each iteration's finish against its cost, with the lines of
    the budget and the date (NASA, *Cost Estimating Handbook* v4.0, 2015, appendix J.5.2).

    The points in the lower left quadrant meet both; their share is the JCL
    (:func:`~pmo_lessons.budget.joint_confidence`). ``date`` is a date (with the simulation's start
    and calendar) or working days. At most ``sample`` points are drawn (every n-th iteration);
    the JCL counts them all.

    >>> from pmo_lessons.budget import CostSimulation
    >>> sim = CostSimulation(cost=np.array([90., 100, 110, 120]), finish=np.array([10., 12, 11, 14]),
    ...     base_estimate=100.0, deterministic_finish=10.0, iterations=4, seed=None, schedule=None)
    >>> fig = jcl_scatter(sim, budget=110, date=11)
    >>> fig.axes[0].get_title(loc="left")
    'Joint confidence: 50% within 110 € and day 11'
    """
    limit = simulation.period(date)
    jcl = joint_confidence(simulation, budget, date)
    fig, ax, own = new_axes(ax, figsize=(8.5, 6))
    step = max(1, int(np.ceil(len(simulation.cost) / sample)))
    cost, finish = simulation.cost[::step], simulation.finish[::step]
    inside = (cost <= budget + 1e-9) & (finish <= limit + 1e-9)
    ax.scatter(finish[~inside], cost[~inside], s=6, color=COLOURS["faint"], alpha=0.6,
               label="misses the budget or the date")
    ax.scatter(finish[inside], cost[inside], s=6, color=COLOURS["task"], alpha=0.7,
               label="within both")
    ax.axhline(budget, color=COLOURS["critical"], linewidth=1.4, label=f"budget {money_text(budget)}")
    when = f"{pd.Timestamp(date):%d %b %Y}" if not isinstance(date, (int, float, np.number)) \
        else f"day {limit:g}"
    ax.axvline(limit, color=COLOURS["today"], linewidth=1.4, linestyle="--", label=f"date: {when}")
    ax.scatter([simulation.deterministic_finish], [simulation.base_estimate], marker="D", s=60,
               color=COLOURS["milestone"], zorder=5, label="the plan (point estimates)")
    _euros(ax, float(np.max(cost)))
    ax.set_xlabel("finish (working days from the start)")
    ax.set_ylabel("cost, EUR")
    ax.grid(color=COLOURS["grid"])
    ax.set_axisbelow(True)
    ax.legend(loc="upper left", fontsize=8, framealpha=0.9)
    set_title(ax, title or f"Joint confidence: {jcl:.0%} within {money_text(budget)} and {when}")
    return finished(fig, own)


def budget_waterfall(adjustments, ax=None, title=None):
    """The portfolio's annual budget review as a waterfall: the over-spends to fund, then the
    moves that fund them, down to what is left (nothing when the portfolio is balanced).

    ``adjustments`` is :func:`~pmo_lessons.budget.propose_adjustments`. Red bars rise with each
    project's over-spend; green bars fall with each release, the portfolio reserve and each
    deferral or cut; the last bar is the gap still to fund.

    >>> from pmo_lessons.budget import propose_adjustments
    >>> review = pd.DataFrame({"budget_eur": [100.0, 200.0], "forecast_eur": [130.0, 190.0],
    ...     "saving_eur": [0.0, 10.0], "timing_eur": [0.0, 0.0], "priority": [900, 500],
    ...     "mandatory": [False, False]}, index=pd.Index(["A", "B"], name="project"))
    >>> fig = budget_waterfall(propose_adjustments(review, None, reserve=15))
    >>> [t.get_text() for t in fig.axes[0].get_xticklabels()]
    ['A over', 'B saving', 'reserve', 'left to fund']
    """
    moves = adjustments.moves
    fig, ax, own = new_axes(ax, figsize=(10, 5))
    steps = [(f"{p} over", a) for p, a in
             moves.loc[moves["move"].isin(["fund", "unfunded"])].groupby("project", sort=False)
             ["amount_eur"].sum().items()]
    names = {"release": "saving", "reserve": "reserve", "deferral": "defer", "descope": "cut"}
    for _, row in moves[moves["move"].isin(list(names))].iterrows():
        label = names[row["move"]] if row["move"] == "reserve" else f"{row['project']} {names[row['move']]}"
        steps.append((label, -row["amount_eur"]))
    level, x = 0.0, 0
    for _, value in steps:
        colour = COLOURS["critical"] if value > 0 else RAG_COLOURS["green"]
        ax.bar(x, value, bottom=level, color=colour, width=0.6)
        ax.annotate(money_text(abs(value)), (x, level + value),
                    xytext=(0, 3 if value > 0 else -10), textcoords="offset points", ha="center",
                    fontsize=7, color=COLOURS["ink"])
        if x:
            ax.plot([x - 1.3, x - 0.3], [level, level], color=COLOURS["outline"], linewidth=0.6)
        level += value
        x += 1
    gap = max(adjustments.gap_eur, 0.0)
    ax.bar(x, gap if gap else 0.0, color=RAG_COLOURS["red"] if gap else RAG_COLOURS["green"], width=0.6)
    ax.annotate("balanced" if adjustments.balanced else money_text(gap), (x, gap), xytext=(0, 3),
                textcoords="offset points", ha="center", fontsize=8, fontweight="bold",
                color=COLOURS["ink"])
    ax.set_xticks(range(x + 1), [label for label, _ in steps] + ["left to fund"], rotation=30,
                  ha="right")
    _euros(ax, max(adjustments.need_eur, 1.0))
    low = min(0.0, min(np.cumsum([v for _, v in steps]), default=0.0))
    ax.set_ylim(low - 0.06 * max(adjustments.need_eur, 1.0), max(adjustments.need_eur, 1.0) * 1.12)
    ax.axhline(0, color=COLOURS["ink"], linewidth=0.8)
    ax.set_ylabel("EUR")
    ax.grid(axis="y", color=COLOURS["grid"])
    ax.set_axisbelow(True)
    set_title(ax, title or ("The portfolio's budget review: over-spends and how they are funded"))
    return finished(fig, own)
