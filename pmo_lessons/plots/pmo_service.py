"""The PMO's value dashboard: its outcomes against their targets, quarter by quarter, and its activity apart.

Draws the KPI history (``pmo_kpis.csv``) with the definitions of
:data:`pmo_lessons.pmo_service.PMO_KPIS`, as :func:`pmo_lessons.pmo_service.value_dashboard` reads them.
"""

from __future__ import annotations

import math
import textwrap

import matplotlib.pyplot as plt
import pandas as pd

from ..errors import InputError
from ..pmo_service import PMO_KPIS, value_dashboard
from ..style import COLOURS, RAG_COLOURS, TITLE_SIZE

__all__ = ["pmo_value_dashboard"]


def pmo_value_dashboard(history, kpis=None, period="quarter", title=None):
    """Small multiples of the PMO's KPIs: outcomes on top with their targets, activity below, grey.

    ``history`` is the KPI history (one row per period, one column per KPI, empty when not
    measured), ``kpis`` the definitions (default :data:`~pmo_lessons.pmo_service.PMO_KPIS`).
    Each outcome has its panel, its target dashed, its last value in green when the target is
    met and red when not; the line joins the quarters that were measured (a survey taken twice
    a year has two points a year). The activity KPIs get their
    own row in grey and no target: they show what the PMO did, not what it changed. Few
    colours, one panel per measure (Few, *Information Dashboard Design*, 2nd ed., 2013).

    >>> import pandas as pd
    >>> history = pd.DataFrame({"quarter": ["2026-Q1", "2026-Q2"],
    ...     "on_schedule_pct": [80.0, 60.0], "reports_issued": [40, 55]})
    >>> fig = pmo_value_dashboard(history)
    >>> [ax.get_title(loc="left") for ax in fig.axes if ax.get_title(loc="left")]
    ['Projects on schedule (SPI(t) at least 0.95)  60', 'Reports issued in the quarter  55']
    """
    definitions = PMO_KPIS if kpis is None else kpis
    page = value_dashboard(history, definitions, period)
    if page.empty:
        raise InputError("The KPI history has none of the KPIs defined; its columns should be "
                         "KPI names such as on_schedule_pct (see PMO_KPIS).")
    ordered = history.sort_values(period, kind="stable")
    periods = ordered[period].astype(str).tolist()
    outcomes = page[page["kind"] != "activity"]
    activity = page[page["kind"] == "activity"]
    columns = max(3, len(activity))
    rows = math.ceil(len(outcomes) / columns) + (1 if len(activity) else 0)
    fig, axes = plt.subplots(rows, columns, figsize=(3.6 * columns, 2.4 * rows + 0.6),
                             layout="constrained", squeeze=False)
    for ax in axes.flat:
        ax.set_visible(False)
    places = [axes[k // columns][k % columns] for k in range(len(outcomes))]
    places += [axes[-1][k] for k in range(len(activity))]
    used = list(outcomes.index) + list(activity.index)
    for ax, kpi in zip(places, used):
        ax.set_visible(True)
        row = page.loc[kpi]
        values = pd.to_numeric(ordered[kpi], errors="coerce").to_numpy(float)
        x = list(range(len(periods)))
        is_activity = row["kind"] == "activity"
        line = COLOURS["faint"] if is_activity else COLOURS["muted"]
        measured = [k for k, v in enumerate(values) if not math.isnan(v)]
        ax.plot(measured, values[measured], color=line, linewidth=1.6, marker="o", markersize=3.5)
        ax.set_xlim(-0.4, len(periods) - 0.6)
        if not math.isnan(row["target"]):
            ax.axhline(row["target"], color=COLOURS["ink"], linewidth=0.8,
                       linestyle=(0, (4, 3)))
        if not math.isnan(row["latest"]):
            last = max(k for k, v in enumerate(values) if not math.isnan(v))
            colour = {"met": RAG_COLOURS["green"], "not met": RAG_COLOURS["red"]}.get(
                row["status"], COLOURS["muted"])
            ax.scatter([last], [row["latest"]], s=46, color=colour, zorder=3)
        latest = "" if math.isnan(row["latest"]) else f"  {row['latest']:g}"
        ax.set_title(textwrap.fill(f"{row['label']}{latest}", 48), loc="left", fontsize=8.5,
                     fontweight="bold",
                     color=COLOURS["muted"] if is_activity else COLOURS["ink"])
        ax.set_xticks(x[::2] if len(x) > 4 else x)
        ax.set_xticklabels([periods[k] for k in (x[::2] if len(x) > 4 else x)], fontsize=7)
        ax.tick_params(labelsize=7, length=2)
        ax.margins(y=0.2)
        for side in ("top", "right"):
            ax.spines[side].set_visible(False)
    fig.suptitle(title or "The PMO's value: outcomes against their targets (dashed), activity "
                 "below in grey", x=0.01, ha="left", fontsize=TITLE_SIZE, fontweight="bold")
    plt.close(fig)
    return fig
