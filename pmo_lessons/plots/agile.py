"""Agile charts: cumulative flow, cycle-time scatter, throughput run chart, burn-up, forecasts.

The numbers come from :mod:`pmo_lessons.agile` (:func:`~pmo_lessons.agile.cumulative_flow`,
:func:`~pmo_lessons.agile.flow_metrics`, :func:`~pmo_lessons.agile.throughput_stability`,
:func:`~pmo_lessons.agile.burn_up`, :func:`~pmo_lessons.agile.forecast_when` and
:func:`~pmo_lessons.agile.forecast_how_many`); the chart draws them and computes nothing of
its own, in the colours of :mod:`pmo_lessons.style`.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.ticker import MaxNLocator

from ..agile import FlowMetrics, HowManyForecast, Stability, WhenForecast
from ..errors import InputError
from ..style import COLOURS, RAG_COLOURS
from .base import date_axis, finished, new_axes, set_title

__all__ = ["cumulative_flow_chart", "cycle_time_scatter", "throughput_run_chart",
           "burn_up_chart", "forecast_histogram"]

# the bands of a cumulative flow diagram, from the first state to the last
_BANDS = (COLOURS["faint"], COLOURS["task"], RAG_COLOURS["green"], COLOURS["third"],
          COLOURS["today"])
_PERCENTILE_STYLES = {50: ":", 70: "-.", 85: "--", 95: (0, (1, 3))}


def cumulative_flow_chart(cfd, ax=None, title=None, labels=None):
    """A cumulative flow diagram: one band per state, the last state at the bottom.

    ``cfd`` is :func:`~pmo_lessons.agile.cumulative_flow` (one column per state, in process
    order). Each line is how many items reached a state by that day; the band between two
    lines is what sits between them (the middle band of ``created, started, done`` is the
    work in progress), its width the time items spend there. A band that widens is work
    piling up; a flat top line is a backlog that stopped growing; flat bottom lines are a
    team that stopped finishing. ``labels`` names the bands (default: "waiting" for the
    first, "in progress" for the middle ones, "done" for the last).

    >>> import pandas as pd
    >>> from pmo_lessons.agile import cumulative_flow
    >>> items = pd.DataFrame({"id": ["A", "B"], "created": pd.to_datetime(["2026-03-02"] * 2),
    ...     "started": pd.to_datetime(["2026-03-02", "2026-03-04"]),
    ...     "done": pd.to_datetime(["2026-03-03", "2026-03-06"])})
    >>> fig = cumulative_flow_chart(cumulative_flow(items))
    >>> fig.axes[0].get_legend_handles_labels()[1]
    ['waiting', 'in progress', 'done']
    """
    if not isinstance(cfd, pd.DataFrame) or cfd.shape[1] < 2:
        raise InputError("cumulative_flow_chart draws what agile.cumulative_flow returns: a table "
                         "with one column per state, at least two.")
    states = list(cfd.columns)
    if labels is None:
        labels = ["waiting"] + ["in progress" if len(states) == 3 else f"{s} .. {n}"
                                for s, n in zip(states[1:-1], states[2:])] + ["done"]
    fig, ax, own = new_axes(ax, figsize=(10, 4.6))
    # Each row counts the items by the evening of its day: drawn as a step over that day, up
    # to the next midnight, so the last day's count shows too (one more edge, the same row).
    cfd = pd.concat([cfd, cfd.iloc[[-1]]])
    cfd.index = cfd.index[:-1].append(pd.DatetimeIndex([cfd.index[-1] + pd.Timedelta(days=1)]))
    days = cfd.index
    for k, state in enumerate(states):
        lower = cfd[states[k + 1]] if k + 1 < len(states) else 0 * cfd[state]
        ax.fill_between(days, lower, cfd[state], step="post", color=_BANDS[k % len(_BANDS)],
                        alpha=0.85 if k else 0.6, linewidth=0, label=labels[k])
        ax.step(days, cfd[state], where="post", color=COLOURS["ink"], linewidth=0.8)
    ax.set_ylabel("items")
    ax.set_xlim(days[0], days[-1])
    ax.set_ylim(0, None)
    date_axis(ax)
    ax.grid(axis="y", color=COLOURS["grid"])
    ax.legend(loc="upper left", fontsize=8, framealpha=0.9)
    set_title(ax, title or "Cumulative flow")
    return finished(fig, own)


def cycle_time_scatter(flow, ax=None, title=None, percentiles=(50, 85, 95), unit="calendar"):
    """The cycle-time scatterplot: one dot per item done, on its finish day, with percentile lines.

    ``flow`` is :func:`~pmo_lessons.agile.flow_metrics`; ``unit`` ``"calendar"`` or
    ``"working"`` days. A line "85 %: 17 days" reads: 85 % of the items done in the
    window took 17 days or less, the answer to "how long does an item take?" (Vacanti,
    2015). Dots that drift upwards over time are a process slowing down.

    >>> import pandas as pd
    >>> from pmo_lessons.agile import flow_metrics
    >>> items = pd.DataFrame({"id": list("ABC"), "created": pd.to_datetime(["2026-03-02"] * 3),
    ...     "started": pd.to_datetime(["2026-03-02", "2026-03-03", "2026-03-04"]),
    ...     "done": pd.to_datetime(["2026-03-03", "2026-03-06", "2026-03-11"])})
    >>> fig = cycle_time_scatter(flow_metrics(items))
    >>> [line.get_label() for line in fig.axes[0].get_lines()]
    ['50 %: 4 days', '85 %: 8 days', '95 %: 8 days']
    """
    if not isinstance(flow, FlowMetrics):
        raise InputError("cycle_time_scatter draws what agile.flow_metrics returns.")
    column, table = {"calendar": ("cycle_time_days", "calendar_days"),
                     "working": ("cycle_time_working_days", "working_days")}[unit]
    done = flow.done
    fig, ax, own = new_axes(ax, figsize=(10, 4.6))
    jitter = (np.arange(len(done)) % 5 - 2) * 0.06  # items done the same day, side by side
    ax.scatter(done["done"] + pd.to_timedelta(jitter, unit="D"), done[column], s=22,
               color=COLOURS["task"], alpha=0.75, zorder=3, label="_items")
    for q in percentiles:
        value = flow.percentiles.at[q, table]
        ax.axhline(value, color=COLOURS["critical"] if q == 85 else COLOURS["muted"],
                   linestyle=_PERCENTILE_STYLES.get(q, "--"), linewidth=1.5,
                   label=f"{q} %: {value:g} days")
        ax.annotate(f"{q} %: {value:g} days", xy=(1, value), xycoords=("axes fraction", "data"),
                    xytext=(-4, 3), textcoords="offset points", ha="right", fontsize=8,
                    color=COLOURS["ink"])
    ax.set_ylabel(f"cycle time ({unit} days)")
    ax.set_ylim(0, None)
    date_axis(ax)
    ax.grid(color=COLOURS["grid"], zorder=0)
    set_title(ax, title or f"Cycle time of the {len(done)} items done")
    return finished(fig, own)


def throughput_run_chart(throughput, stability=None, ax=None, title=None, unit="items"):
    """Throughput per period in time order, with the natural process limits of its XmR chart.

    ``throughput`` is a Series (``flow.throughput``, or a sprints' ``done_points``);
    ``stability`` (:func:`~pmo_lessons.agile.throughput_stability`) adds the centre line and
    the natural process limits, and rings in red the periods that break a detection rule: a
    history to understand before forecasting from it (the jump from one period to the next,
    the moving range, is in ``stability.reading``).

    >>> import pandas as pd
    >>> from pmo_lessons.agile import throughput_stability
    >>> weeks = pd.Series([4, 5, 3, 4, 5, 4, 13, 4, 5, 4])
    >>> fig = throughput_run_chart(weeks, throughput_stability(weeks))
    >>> [line.get_label() for line in fig.axes[0].get_lines()][1:]
    ['centre 5.1', 'natural process limits']
    """
    series = pd.Series(throughput)
    fig, ax, own = new_axes(ax, figsize=(10, 4))
    x = series.index
    ax.plot(x, series.to_numpy(dtype=float), marker="o", color=COLOURS["task"], linewidth=1.8,
            zorder=3, label=f"{unit} done")
    if stability is not None:
        if not isinstance(stability, Stability):
            raise InputError("stability must be what agile.throughput_stability returns.")
        chart = stability.chart
        centre, unpl, lnpl = (chart[c].iloc[0] for c in ("centre", "unpl", "lnpl"))
        ax.axhline(centre, color=COLOURS["muted"], linewidth=1.2, label=f"centre {centre:.1f}")
        ax.axhline(unpl, color=COLOURS["critical"], linestyle="--", linewidth=1.2,
                   label="natural process limits")
        if lnpl > 0:
            ax.axhline(lnpl, color=COLOURS["critical"], linestyle="--", linewidth=1.2)
        flagged = chart[chart["signal"] != ""]
        if len(flagged):
            rules = ", ".join(sorted(set(flagged["signal"])))
            ax.scatter(flagged.index, flagged["value"], s=140, facecolors="none",
                       edgecolors=COLOURS["critical"], linewidths=2, zorder=4,
                       label=f"signal ({rules})")
    ax.set_ylabel(f"{unit} per period")
    ax.set_ylim(0, None)
    if isinstance(x, pd.DatetimeIndex):
        date_axis(ax)
    ax.grid(axis="y", color=COLOURS["grid"])
    ax.legend(loc="upper left", fontsize=8, framealpha=0.9)
    set_title(ax, title or "Throughput, period by period")
    return finished(fig, own)


def burn_up_chart(burn, forecast=None, target=None, ax=None, title=None, confidences=(50, 85, 95)):
    """A release burn-up: the scope line above, the done line below, and the forecast cone.

    ``burn`` is :func:`~pmo_lessons.agile.burn_up`. The scope is drawn as its own line, so a
    release that grew shows it (the steps up are work added), and the gap between the lines
    is what remains. ``forecast`` (a :func:`~pmo_lessons.agile.forecast_when` result with a
    ``start``) draws the cone: from the last done point to the scope at the dates reached at
    each of ``confidences``, the band between the first and the last shaded. ``target``
    draws the date the release is wanted by.

    >>> import pandas as pd
    >>> from pmo_lessons.agile import burn_up, forecast_when
    >>> items = pd.DataFrame({"id": list("ABC"), "story_points": [3, 5, 2],
    ...     "created": pd.to_datetime(["2026-02-20", "2026-02-20", "2026-03-10"]),
    ...     "started": pd.to_datetime(["2026-03-02", "2026-03-09", pd.NaT]),
    ...     "done": pd.to_datetime(["2026-03-04", "2026-03-12", pd.NaT])})
    >>> burn = burn_up(items, "2026-03-02", "2026-03-13")
    >>> cone = forecast_when([3, 5], 2, seed=1, start="2026-03-16")
    >>> fig = burn_up_chart(burn, cone, target="2026-03-20")
    >>> [line.get_label() for line in fig.axes[0].get_lines()][:2]
    ['scope (2 points added)', 'done']
    """
    if not isinstance(burn, pd.DataFrame) or not {"scope", "done"} <= set(burn.columns):
        raise InputError("burn_up_chart draws what agile.burn_up returns (scope and done).")
    unit = burn.attrs.get("unit", "points")
    added = burn["scope_change"].clip(lower=0).sum() if "scope_change" in burn.columns else 0
    fig, ax, own = new_axes(ax, figsize=(10, 4.8))
    start = burn.attrs.get("start")
    x = ([start] if start is not None else []) + list(burn.index)
    scope_line = ([burn.attrs["initial_scope"]] if start is not None else []) + list(burn["scope"])
    done_line = ([burn.attrs.get("done_before", 0.0)] if start is not None else []) + list(burn["done"])
    last_day, last_done, scope = x[-1], done_line[-1], scope_line[-1]
    dates = []
    if forecast is not None:
        if not isinstance(forecast, WhenForecast):
            raise InputError("forecast must be what agile.forecast_when returns, with a start date.")
        dates = [forecast.date_at(q) for q in confidences]
    ax.step(x + dates[-1:], scope_line + [scope] * len(dates[-1:]), where="post",
            color=COLOURS["critical"], linewidth=2, label=f"scope ({added:g} {unit} added)")
    ax.plot(x, done_line, marker="o", color=COLOURS["task"], linewidth=2.2, label="done")
    for q, day in zip(confidences, dates):
        ax.plot([last_day, day], [last_done, scope], color=COLOURS["ink"],
                linestyle=_PERCENTILE_STYLES.get(q, "--"), linewidth=1.4,
                label=f"{q} %: done by {day:%d %b %Y}")
    if dates:
        ax.fill([last_day, dates[0], dates[-1]], [last_done, scope, scope],
                color=COLOURS["faint"], alpha=0.35, linewidth=0)
    if target is not None:
        day = pd.Timestamp(target)
        ax.axvline(day, color=COLOURS["today"], linewidth=1.8, label=f"target {day:%d %b %Y}")
    ax.set_ylabel(unit)
    ax.set_ylim(0, None)
    date_axis(ax)
    ax.grid(axis="y", color=COLOURS["grid"])
    ax.legend(loc="lower right", fontsize=8, framealpha=0.9)
    set_title(ax, title or "Release burn-up")
    return finished(fig, own)


def forecast_histogram(forecast, confidence=85, target=None, ax=None, title=None, unit="items"):
    """The distribution of a Monte Carlo forecast, with its answer at ``confidence``.

    For a :class:`~pmo_lessons.agile.WhenForecast`: how many iterations finished in each
    number of periods (by date when it has a start), the share finished by then (right
    axis), a line at the 50 % answer and one at ``confidence``; ``target`` (a date, or a
    number of periods) marks the date wanted. For a
    :class:`~pmo_lessons.agile.HowManyForecast`: how many iterations reached each count, the
    share that did at least that many, the answer at ``confidence`` (the count reached in at
    least that share of the futures), and, faint, the percentile of the same number, the
    optimistic count the classic mistake promises.

    >>> from pmo_lessons.agile import forecast_how_many
    >>> fig = forecast_histogram(forecast_how_many([3, 5, 4, 6, 2], 4, seed=1))
    >>> [line.get_label().split(":")[0] for line in fig.axes[0].get_lines()]
    ['85 % confidence', '85th percentile (not the answer)']
    """
    fig, ax, own = new_axes(ax, figsize=(10, 4.4))
    share = ax.twinx()
    share.set_ylim(0, 1.02)
    share.yaxis.set_major_formatter(lambda v, _: f"{v:.0%}")
    if isinstance(forecast, WhenForecast):
        table = forecast.distribution()
        dated = "date" in table.columns
        x = table["date"] if dated else table.index
        width = 5 * forecast.periods.max() / 100 if not dated else 3
        ax.bar(x, table["iterations"], width=width if dated else 0.8, color=COLOURS["task"],
               alpha=0.6, zorder=2)
        share.plot(x, table["cumulative"], color=COLOURS["ink"], marker=".", linewidth=1.5)
        share.set_ylabel("share of iterations done by then")
        for q, style, colour in ((50, ":", COLOURS["muted"]),
                                 (confidence, "--", COLOURS["critical"])):
            value = forecast.date_at(q) if dated else forecast.percentile(q)
            text = f"{value:%d %b %Y}" if dated else f"{value} periods"
            ax.axvline(value, color=colour, linestyle=style, linewidth=2,
                       label=f"{q} % confidence: {text}")
        if target is not None:
            day = pd.Timestamp(target) if dated else target
            chance = (forecast.probability(date=day) if dated
                      else forecast.probability(periods=target))
            text = f"{day:%d %b %Y}" if dated else f"{target} periods"
            ax.axvline(day, color=COLOURS["today"], linewidth=2,
                       label=f"target {text}: {chance:.0%} chance")
        if dated:
            date_axis(ax)
        ax.set_xlabel("finished by" if dated else "periods to finish")
        default = f"When: {forecast.iterations:,} simulated futures"
    elif isinstance(forecast, HowManyForecast):
        table = forecast.distribution()
        ax.bar(table.index, table["iterations"], width=0.8 if len(table) < 60 else 1.0,
               color=COLOURS["task"], alpha=0.6, zorder=2)
        share.plot(table.index, table["at_least"], color=COLOURS["ink"], marker=".", linewidth=1.5)
        share.set_ylabel("share of iterations that did at least this many")
        answer = forecast.at_confidence(confidence)
        ax.axvline(answer, color=COLOURS["critical"], linestyle="--", linewidth=2,
                   label=f"{confidence} % confidence: at least {answer:g} {unit}")
        trap = forecast.percentile(confidence)
        ax.axvline(trap, color=COLOURS["faint"], linestyle=":", linewidth=2,
                   label=f"{confidence}th percentile (not the answer): {trap:g}, reached in "
                         f"{forecast.probability(trap):.0%}")
        periods = f"{forecast.periods} period{'' if forecast.periods == 1 else 's'}"
        ax.set_xlabel(f"{unit} done in {periods}")
        default = f"How many in {periods}: {forecast.iterations:,} futures"
    else:
        raise InputError("forecast_histogram draws what agile.forecast_when or "
                         "agile.forecast_how_many returns.")
    ax.set_ylabel("iterations")
    ax.grid(axis="y", color=COLOURS["grid"], zorder=0)
    if not isinstance(forecast, WhenForecast) or "date" not in forecast.distribution().columns:
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.16), ncol=3, fontsize=8, frameon=False)
    set_title(ax, title or default)
    return finished(fig, own)
