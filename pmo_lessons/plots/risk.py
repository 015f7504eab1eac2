"""Risk charts: the probability-impact matrix, Monte Carlo results, the decision tree.

The results come from :mod:`pmo_lessons.risk` (:func:`~pmo_lessons.risk.score_register`,
:func:`~pmo_lessons.risk.monte_carlo`, :func:`~pmo_lessons.risk.evaluate_tree`); rating
bands use :func:`pmo_lessons.style.band_colours`.
"""

from __future__ import annotations

import numpy as np
from matplotlib.lines import Line2D
from matplotlib.patches import Patch, Rectangle

from ..risk import FIVE_BY_FIVE, evaluate_tree, probability_impact_matrix, score_register
from ..style import COLOURS, RAG_COLOURS, band_colours, readable_text
from .base import finished, new_axes, row_label, set_title

__all__ = ["risk_matrix", "finish_distribution", "criticality_chart", "tornado", "decision_tree"]


def risk_matrix(risks, scale=None, probability="probability", impact="impact", ax=None,
                title=None, show_ids=True):
    """The probability-impact matrix of a risk register, as a heat map.

    Each cell is coloured by its rating band on ``scale`` (a
    :class:`~pmo_lessons.risk.Scale`, Meridian's 1-5 x 1-5 by default: green
    low, amber medium, red high) and shows how many risks fall in it, with
    their ids (in white on the dark bands). Probability grows upwards, impact to the right.

    >>> import pandas as pd
    >>> risks = pd.DataFrame({"id": ["R1", "R2"], "probability": [4, 1], "impact": [5, 2]})
    >>> fig = risk_matrix(risks)
    >>> sorted(t.get_text() for t in fig.axes[0].texts if t.get_text().startswith("1"))
    ['1\\nR1', '1\\nR2']
    """
    scale = scale or FIVE_BY_FIVE
    grid = probability_impact_matrix(risks, scale, probability, impact)
    scored = score_register(risks, scale, probability, impact)
    ids = scored["id"].astype(str) if "id" in scored.columns else scored.index.astype(str)
    members = {}
    for risk_id, p, i in zip(ids, scored[probability], scored[impact]):
        row = min(scale.probability, key=lambda level: abs(level - float(p)))
        column = min(scale.impact, key=lambda level: abs(level - float(i)))
        members.setdefault((row, column), []).append(risk_id)
    colours = band_colours(len(scale.bands))
    colour_of = dict(zip(scale.ratings, colours))
    n_rows, n_cols = grid.shape
    fig, ax, own = new_axes(ax, figsize=(1.35 * n_cols + 2.4, 1.05 * n_rows + 1.4))
    for y, p in enumerate(grid.index[::-1]):  # lowest probability at the bottom
        for x, i in enumerate(grid.columns):
            rating = scale.rating(p * i)
            ax.add_patch(Rectangle((x, y), 1, 1, facecolor=colour_of[rating], edgecolor="white",
                                   linewidth=2, alpha=0.85))
            count = int(grid.loc[p, i])
            if count:
                names = members.get((p, i), [])
                text = str(count)
                if show_ids:
                    shown = names[:3] + (["..."] if len(names) > 3 else [])
                    text += "\n" + "\n".join(shown)
                ax.text(x + 0.5, y + 0.5, text, ha="center", va="center", fontsize=8,
                        fontweight="bold", color=readable_text(colour_of[rating]))
    ax.set_xlim(0, n_cols)
    ax.set_ylim(0, n_rows)
    ax.set_xticks([x + 0.5 for x in range(n_cols)])
    ax.set_xticklabels([f"{v:g}" for v in grid.columns])
    ax.set_yticks([y + 0.5 for y in range(n_rows)])
    ax.set_yticklabels([f"{v:g}" for v in grid.index[::-1]])
    ax.set_xlabel("impact")
    ax.set_ylabel("probability")
    ax.set_aspect("equal")
    for side in ax.spines.values():
        side.set_visible(False)
    handles = [Patch(color=colour_of[name], label=f"{name} (score >= {low:g})" if k else name)
               for k, (name, low) in enumerate(scale.bands)]
    ax.legend(handles=handles[::-1], loc="upper left", bbox_to_anchor=(1.02, 1.0), fontsize=8,
              frameon=False, title="rating", title_fontsize=8)
    set_title(ax, title or f"Probability-impact matrix: {len(scored)} risks")
    return finished(fig, own)


def finish_distribution(result, ax=None, title=None, unit="working days", bins=50,
                        percentiles=(50, 80)):
    """Histogram and S-curve of a Monte Carlo's finish, with P50, P80 and the CPM plan.

    ``result`` is a :class:`~pmo_lessons.risk.MonteCarloResult`. Bars show
    how often each finish occurred (left axis); the S-curve is the share of
    iterations finished by then (right axis). Dashed lines mark the
    ``percentiles``; the solid grey line is the deterministic plan (CPM with
    the planned durations), usually far left: the plan is optimistic.

    >>> import pandas as pd
    >>> from pmo_lessons.risk import monte_carlo
    >>> tasks = pd.DataFrame({"id": ["A"], "optimistic": [2], "most_likely": [3],
    ...                       "pessimistic": [8]})
    >>> fig = finish_distribution(monte_carlo(tasks, 2000, seed=1))
    >>> [line.get_label().split(" ")[0] for line in fig.axes[0].get_lines()]
    ['plan', 'P50', 'P80']
    """
    finish = np.asarray(result.finish)
    fig, ax, own = new_axes(ax, figsize=(10, 4.6))
    ax.hist(finish, bins=bins, color=COLOURS["task"], alpha=0.55, zorder=2)
    ax.set_ylabel("iterations")
    ax.set_xlabel(f"project finish ({unit} from the start)")
    ax.grid(axis="x", color=COLOURS["grid"], zorder=0)
    ax.set_axisbelow(True)
    curve = ax.twinx()
    ordered = np.sort(finish)
    curve.plot(ordered, np.arange(1, len(ordered) + 1) / len(ordered), color=COLOURS["milestone"],
               linewidth=2, label="cumulative")
    curve.set_ylim(0, 1.02)
    curve.set_ylabel("share of iterations finished")
    curve.yaxis.set_major_formatter(lambda v, _: f"{v:.0%}")
    plan = result.deterministic_finish
    ax.axvline(plan, color=COLOURS["muted"], linewidth=2,
               label=f"plan (CPM) {plan:g}: {result.probability(plan):.1%} chance")
    styles = ((":", COLOURS["today"]), ("--", COLOURS["critical"]), ("-.", COLOURS["third"]))
    for k, q in enumerate(percentiles):
        value = result.percentile(q)
        style, colour = styles[min(k, len(styles) - 1)]
        ax.axvline(value, color=colour, linestyle=style, linewidth=2, label=f"P{q:g} {value:.1f}")
    ax.legend(loc="upper left", fontsize=8, framealpha=0.9)
    set_title(ax, title or f"Finish of {result.iterations:,} simulated projects "
                          f"({result.distribution})")
    return finished(fig, own)


def criticality_chart(result, top=15, names=None, ax=None, title=None):
    """The criticality index of the tasks (share of iterations on the critical path).

    The ``top`` most often critical tasks, most critical on top; red bars are
    critical in the deterministic plan, blue ones are not (they become
    critical only when things go wrong). ``names`` maps ids to task names.

    >>> import pandas as pd
    >>> from pmo_lessons.risk import monte_carlo
    >>> tasks = pd.DataFrame({"id": ["A", "B"], "predecessors": ["", ""],
    ...     "optimistic": [2, 1], "most_likely": [3, 3], "pessimistic": [4, 6]})
    >>> fig = criticality_chart(monte_carlo(tasks, 2000, seed=1))
    >>> [t.get_text() for t in fig.axes[0].get_yticklabels()]
    ['B', 'A']
    """
    table = result.tasks.sort_values("criticality", ascending=False).head(top)
    fig, ax, own = new_axes(ax, figsize=(11, max(2.2, 0.3 * len(table) + 1.3)))
    colours = [COLOURS["critical"] if c else COLOURS["task"] for c in table["cpm_critical"]]
    ax.barh(range(len(table)), table["criticality"], color=colours, zorder=2)
    for y, value in enumerate(table["criticality"]):
        ax.text(value + 0.01, y, f"{value:.0%}", va="center", fontsize=8)
    ax.set_yticks(range(len(table)))
    ax.set_yticklabels([row_label(t, (names or {}).get(t), "both" if names else "id")
                        for t in table.index])
    ax.invert_yaxis()
    ax.set_xlim(0, 1.1)
    ax.xaxis.set_major_formatter(lambda v, _: f"{v:.0%}")
    ax.grid(axis="x", color=COLOURS["grid"], zorder=0)
    ax.set_xlabel("criticality index: share of iterations in which the task is critical")
    ax.legend(handles=[Patch(color=COLOURS["critical"], label="critical in the plan (CPM)"),
                       Patch(color=COLOURS["task"], label="has float in the plan")],
              loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8, frameon=False)
    set_title(ax, title or "Criticality index")
    return finished(fig, own)


def tornado(result, top=10, names=None, ax=None, title=None):
    """A tornado chart of the sensitivity of the finish to each task's duration.

    Bars are Spearman's rank correlation between a task's duration and the
    project finish (``result.sensitivity``), the largest on top: the tasks
    whose uncertainty drives the end date. Tasks with no correlation are left out.

    >>> import pandas as pd
    >>> from pmo_lessons.risk import monte_carlo
    >>> tasks = pd.DataFrame({"id": ["A", "B"], "predecessors": ["", "A"],
    ...     "optimistic": [2, 1], "most_likely": [3, 3], "pessimistic": [4, 12]})
    >>> fig = tornado(monte_carlo(tasks, 2000, seed=1))
    >>> [t.get_text() for t in fig.axes[0].get_yticklabels()]
    ['B', 'A']
    """
    sensitivity = result.sensitivity.dropna()
    sensitivity = sensitivity[sensitivity.abs() > 0]
    shown = sensitivity.reindex(sensitivity.abs().sort_values(ascending=False).index).head(top)
    fig, ax, own = new_axes(ax, figsize=(9, max(2.2, 0.36 * len(shown) + 1.3)))
    colours = [COLOURS["critical"] if v > 0 else RAG_COLOURS["green"] for v in shown]
    ax.barh(range(len(shown)), shown, color=colours, zorder=2, height=0.7)
    for y, value in enumerate(shown):
        ax.text(value + (0.015 if value >= 0 else -0.015), y, f"{value:.2f}", va="center",
                ha="left" if value >= 0 else "right", fontsize=8)
    ax.axvline(0, color=COLOURS["milestone"], linewidth=1)
    ax.set_yticks(range(len(shown)))
    ax.set_yticklabels([row_label(t, (names or {}).get(t), "both" if names else "id")
                        for t in shown.index])
    ax.invert_yaxis()
    low = min(0.0, float(shown.min()) if len(shown) else 0.0)
    ax.set_xlim(low - 0.12 if low < 0 else 0, 1.1)
    ax.grid(axis="x", color=COLOURS["grid"], zorder=0)
    ax.set_xlabel("rank correlation of the task's duration with the project finish")
    set_title(ax, title or "Tornado: what drives the finish")
    return finished(fig, own)


def decision_tree(tree, ax=None, title=None, money="{:,.0f}"):
    """Draw a decision tree with the EMV of every node and the best choice in bold.

    ``tree`` is plain Python data, as :func:`~pmo_lessons.risk.evaluate_tree`
    reads it. Squares are decisions, circles chance nodes, triangles ends;
    each branch shows its name, probability and cost; each node its EMV (for
    an end, its net path value). The best path is drawn thick and red.
    ``money`` formats the amounts.

    >>> tree = {"decision": "Insure?", "options": [{"name": "insure", "cost": 5, "then": 0},
    ...     {"name": "do not", "then": {"chance": "fire", "outcomes": [
    ...         {"name": "fire", "probability": 0.1, "then": -100},
    ...         {"name": "no fire", "probability": 0.9, "then": 0}]}}]}
    >>> fig = decision_tree(tree)
    >>> any(t.get_text() == "EMV -5" for t in fig.axes[0].texts)
    True
    """
    nodes = evaluate_tree(tree)
    children = {k: list(nodes.index[nodes["parent"] == k]) for k in nodes.index}
    leaves = [k for k in nodes.index if not children[k]]
    y = {}
    for order, k in enumerate(leaves):
        y[k] = -order
    for k in reversed(list(nodes.index)):  # a parent sits in the middle of its children
        if children[k]:
            y[k] = sum(y[c] for c in children[k]) / len(children[k])
    depth = int(nodes["depth"].max())
    fig, ax, own = new_axes(ax, figsize=(3.3 * (depth + 1) + 1.5, max(2.8, 1.0 * len(leaves) + 1)))
    x = {k: 3.0 * d for k, d in zip(nodes.index, nodes["depth"])}
    markers = {"decision": "s", "chance": "o", "end": "<"}
    colours = {"decision": COLOURS["task"], "chance": COLOURS["today"], "end": COLOURS["muted"]}
    for k, row in nodes.iterrows():
        parent = row["parent"]
        if parent is not None and not (isinstance(parent, float)) and str(parent) != "<NA>":
            parent = int(parent)
            chosen = bool(row["chosen"]) and bool(nodes.at[parent, "chosen"])
            colour = COLOURS["critical"] if chosen else COLOURS["faint"]
            mid = x[parent] + 0.45
            ax.plot([x[parent], mid, x[k]], [y[parent], y[k], y[k]], color=colour,
                    linewidth=2.6 if chosen else 1.2, zorder=1)
            label = row["branch"]
            details = []
            if row["probability"] == row["probability"]:  # not NaN
                details.append(f"p = {row['probability']:g}")
            if row["cost"]:
                details.append(f"cost {money.format(row['cost'])}")
            ax.text((mid + x[k]) / 2, y[k] + 0.08, label, ha="center", va="bottom", fontsize=8,
                    fontweight="bold" if chosen else "normal")
            if details:
                ax.text((mid + x[k]) / 2, y[k] - 0.08, ", ".join(details), ha="center", va="top",
                        fontsize=7, color=COLOURS["muted"])
        ax.scatter([x[k]], [y[k]], marker=markers[row["kind"]], s=170 if row["kind"] != "end" else 90,
                   color=colours[row["kind"]], zorder=3, edgecolor="white")
        if row["kind"] == "end":
            ax.text(x[k] + 0.2, y[k], money.format(row["emv"]), ha="left", va="center", fontsize=8)
        else:
            ax.text(x[k], y[k] + 0.22, row["label"], ha="center", va="bottom", fontsize=8,
                    style="italic")
            ax.text(x[k], y[k] - 0.22, f"EMV {money.format(row['emv'])}", ha="center", va="top",
                    fontsize=8, fontweight="bold", color=COLOURS["critical"] if row["chosen"] else COLOURS["ink"])
    ax.set_xlim(-0.8, 3.0 * depth + 1.6)
    ax.set_ylim(min(y.values()) - 0.7, max(y.values()) + 0.7)
    ax.axis("off")
    ax.legend(handles=[Line2D([], [], marker="s", linestyle="none", color=colours["decision"], label="decision"),
                       Line2D([], [], marker="o", linestyle="none", color=colours["chance"], label="chance"),
                       Line2D([], [], marker="<", linestyle="none", color=colours["end"], label="end (net value)"),
                       Line2D([], [], color=COLOURS["critical"], linewidth=2.6, label="best choice")],
              loc="lower left", fontsize=8, frameon=False, ncol=4, bbox_to_anchor=(0, -0.08))
    set_title(ax, title or "Decision tree (EMV rolled back from the ends)")
    return finished(fig, own)
