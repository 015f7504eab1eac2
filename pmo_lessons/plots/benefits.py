"""Benefits charts: planned against realised benefits over time, and the benefits map.

Draws what :mod:`pmo_lessons.benefits` computes (:func:`~pmo_lessons.benefits.benefit_streams`)
and the register itself (``benefits.csv``).
"""

from __future__ import annotations

import textwrap

import pandas as pd

from ..errors import InputError
from ..style import COLOURS, RAG_COLOURS, project_colour
from .base import date_axis, finished, new_axes, set_title

__all__ = ["benefits_realisation", "benefits_map"]


def benefits_realisation(streams, as_of=None, cost=None, ax=None, title=None):
    """Cumulative benefits: the plan, what was realised, and the forecast it bends the plan into.

    ``streams`` is :func:`~pmo_lessons.benefits.benefit_streams` (``planned_cum``,
    ``realised_cum``, ``forecast_cum`` by month; slice it to show fewer months). The plan is a
    thin grey line, the forecast a dashed blue one, the realised months a solid dark line with
    points; ``as_of`` draws the date of the last measure; ``cost`` (euros) draws the project's
    cost as a line: where a curve crosses it, the benefits have paid the project back (its
    payback, undiscounted). Amounts in thousands of euros.

    >>> import pandas as pd
    >>> from pmo_lessons.benefits import benefit_streams
    >>> profiles = pd.DataFrame({"benefit": ["B1"] * 3,
    ...     "month": pd.to_datetime(["2026-08-01", "2026-09-01", "2026-10-01"]),
    ...     "planned_eur": [1000.0, 1000.0, 1000.0], "realised_eur": [500.0, 500.0, None]})
    >>> fig = benefits_realisation(benefit_streams(profiles, "2026-09-30"), as_of="2026-09-30")
    >>> [line.get_label() for line in fig.axes[0].get_lines()][:3]
    ['planned', 'forecast', 'realised']
    """
    missing = [c for c in ("planned_cum", "realised_cum", "forecast_cum") if c not in streams]
    if missing:
        raise InputError(f"streams has no column {', '.join(map(repr, missing))}; draw it from "
                         "pmo_lessons.benefits.benefit_streams.")
    fig, ax, own = new_axes(ax, figsize=(10, 4.5))
    months = pd.to_datetime(streams.index)
    ax.plot(months, streams["planned_cum"] / 1e3, color=COLOURS["muted"], linewidth=1.4,
            label="planned")
    ax.plot(months, streams["forecast_cum"] / 1e3, color=COLOURS["task"], linewidth=1.6,
            linestyle="--", label="forecast")
    realised = streams["realised_cum"].dropna()
    ax.plot(pd.to_datetime(realised.index), realised / 1e3, color=COLOURS["ink"], linewidth=2.2,
            marker="o", markersize=4, label="realised")
    if as_of is not None:
        ax.axvline(pd.Timestamp(as_of), color=COLOURS["today"], linestyle="--", linewidth=1.2,
                   label="last measure")
    ax.axhline(0, color=COLOURS["faint"], linewidth=0.8)
    if cost is not None:
        ax.axhline(float(cost) / 1e3, color=COLOURS["critical"], linewidth=1.0,
                   linestyle=(0, (4, 3)), label="cost")
    ax.set_ylabel("cumulative benefits (k EUR)")
    date_axis(ax)
    ax.grid(color=COLOURS["grid"])
    ax.set_axisbelow(True)
    ax.legend(loc="upper left", fontsize=8, frameon=False)
    set_title(ax, title or "Benefits: planned, realised and forecast")
    return finished(fig, own)


def benefits_map(register, okrs=None, ax=None, title=None):
    """The benefits map: which project delivers which benefit, towards which objective.

    Three columns joined by lines: the projects (left), their benefits (middle: each id with
    its name, the dis-benefits in red, the non-financial ones in grey), and the company's
    objectives (right, with their names when ``okrs`` is given). A line to an objective is
    labelled with the key result the benefit moves, if any; a benefit's line is thicker the
    more euros it is worth. A benefit with no objective stands alone at the right edge: the
    map shows what the register's checks say. MSP calls this the benefits map (AXELOS,
    *Managing Successful Programmes*, 5th ed., 2020); its full form also shows the outputs and
    outcomes between the projects and the benefits.

    >>> import pandas as pd
    >>> register = pd.DataFrame({"id": ["B1", "B2"], "project": ["P", "P"],
    ...     "benefit": ["Stock", "Upkeep"], "kind": ["benefit", "dis-benefit"],
    ...     "category": ["cashable", "cashable"], "objective": ["O1", "O1"],
    ...     "key_result": ["KR1", ""], "annual_value_eur": [100_000, -20_000]})
    >>> fig = benefits_map(register)
    >>> sorted(t.get_text() for t in fig.axes[0].texts if t.get_text().startswith(("P", "O")))
    ['O1', 'P']
    """
    needed = ("id", "project", "benefit", "kind", "objective")
    missing = [c for c in needed if c not in register.columns]
    if missing:
        raise InputError(f"The register has no column {', '.join(map(repr, missing))}; the map "
                         "needs id, project, benefit, kind and objective.")
    rows = register.reset_index(drop=True)
    projects = list(dict.fromkeys(rows["project"].astype(str)))
    objectives = sorted({str(o) for o in rows["objective"] if str(o).strip()})
    names = {}
    if okrs is not None:
        names = dict(zip(okrs["objective_id"].astype(str), okrs["objective"].astype(str)))
    n = len(rows)
    fig, ax, own = new_axes(ax, figsize=(12, max(4.0, 0.32 * n + 1.5)))
    x_project, x_benefit, x_objective = 0.0, 0.38, 0.86

    def spread(count):
        return [n - 1 - (k + 0.5) * n / count for k in range(count)] if count else []

    y_project = dict(zip(projects, spread(len(projects))))
    y_objective = dict(zip(objectives, spread(len(objectives))))
    values = pd.to_numeric(rows.get("annual_value_eur", pd.Series(0.0, index=rows.index)),
                           errors="coerce").fillna(0.0).abs()
    biggest = max(float(values.max()), 1.0)
    for k, benefit in rows.iterrows():
        y = n - 1 - k
        project, objective = str(benefit["project"]), str(benefit["objective"]).strip()
        width = 0.6 + 3.0 * values[k] / biggest
        category = str(benefit.get("category", ""))
        if str(benefit["kind"]) == "dis-benefit":
            colour = RAG_COLOURS["red"]
        elif category == "non-financial":
            colour = COLOURS["muted"]
        else:
            colour = COLOURS["task"]
        ax.plot([x_project + 0.06, x_benefit - 0.01], [y_project[project], y], color=colour,
                linewidth=width, alpha=0.6, solid_capstyle="round")
        label = f"{benefit['id']}  " + textwrap.shorten(str(benefit["benefit"]), 46, placeholder="…")
        ax.text(x_benefit, y, label, fontsize=7.5, va="center", ha="left", color=colour)
        if objective in y_objective:
            ax.plot([x_benefit + 0.3, x_objective - 0.01], [y, y_objective[objective]],
                    color=colour, linewidth=width, alpha=0.35)
            key_result = str(benefit.get("key_result", "")).strip()
            if key_result:
                ax.text(x_benefit + 0.31, y, key_result, fontsize=6.5, va="bottom",
                        color=COLOURS["muted"])
    for project, y in y_project.items():
        ax.text(x_project, y, project, fontsize=10, fontweight="bold", va="center", ha="left",
                color=project_colour(project, projects.index(project)))
    for objective, y in y_objective.items():
        text = objective + (f"\n{textwrap.fill(names[objective], 22)}" if objective in names else "")
        ax.text(x_objective, y, text, fontsize=8.5, fontweight="bold", va="center", ha="left",
                color=COLOURS["ink"])
    ax.set_xlim(-0.02, 1.02)
    ax.set_ylim(-1, n)
    ax.axis("off")
    set_title(ax, title or "Benefits map: projects, their benefits, the objectives they serve "
              "(red: dis-benefit, grey: non-financial)")
    return finished(fig, own)
