"""Portfolio charts: value against risk, strategic alignment, the efficient frontier.

The balance views of :mod:`pmo_lessons.portfolio` (:func:`~pmo_lessons.portfolio.select_projects`,
:func:`~pmo_lessons.portfolio.alignment_matrix`, :func:`~pmo_lessons.portfolio.efficient_frontier`).
"""

from __future__ import annotations

import numpy as np
from matplotlib.patches import Patch

from ..style import COLOURS, RAG_COLOURS, SEQUENTIAL_COLOURMAP
from .base import finished, new_axes, set_title

__all__ = ["value_risk_bubble", "alignment_chart", "frontier_chart"]


def value_risk_bubble(projects, selection=None, value="npv_eur", risk="risk", size="cost_eur",
                      ax=None, title=None):
    """Value against risk, one bubble per project, sized by cost: the classic balance view.

    ``projects`` has ``id`` and the columns named by ``value``, ``risk`` and
    ``size`` (as project_scores.csv). Up is more value, right is riskier; the
    quadrant lines sit at the median value and the middle of the risk scale.
    With ``selection`` (:func:`~pmo_lessons.portfolio.select_projects`) the
    selected projects are filled green and the others hollow; otherwise active
    projects (``status == "active"``) are blue and proposals orange.

    >>> import pandas as pd
    >>> projects = pd.DataFrame({"id": ["A", "B"], "npv_eur": [1e6, 2e5], "risk": [4, 2],
    ...                          "cost_eur": [5e5, 2e5]})
    >>> fig = value_risk_bubble(projects)
    >>> [t.get_text() for t in fig.axes[0].texts][:2]
    ['A', 'B']
    """
    fig, ax, own = new_axes(ax, figsize=(8.5, 6))
    x = projects[risk].astype(float).to_numpy()
    y = projects[value].astype(float).to_numpy() / 1e6
    sizes = 120 + 1500 * projects[size].astype(float).to_numpy() / max(projects[size].max(), 1)
    jitter = np.zeros(len(x))
    seen = {}
    for k, key in enumerate(zip(x, np.round(y, 1))):  # spread bubbles that sit on each other
        jitter[k] = 0.2 * seen.get(key, 0)
        seen[key] = seen.get(key, 0) + 1
    ids = projects["id"].astype(str).tolist()
    if selection is not None:
        chosen = set(selection.selected)
        faces = [RAG_COLOURS["green"] if p in chosen else "white" for p in ids]
        edges = [RAG_COLOURS["green"] if p in chosen else COLOURS["muted"] for p in ids]
        handles = [Patch(facecolor=RAG_COLOURS["green"], label="selected"),
                   Patch(facecolor="white", edgecolor=COLOURS["muted"], label="not selected")]
    else:
        active = (projects["status"].astype(str) == "active").tolist() if "status" in projects \
            else [True] * len(ids)
        faces = [COLOURS["task"] if a else COLOURS["today"] for a in active]
        edges = ["white"] * len(ids)
        handles = [Patch(color=COLOURS["task"], label="active"),
                   Patch(color=COLOURS["today"], label="proposed")]
    ax.scatter(x + jitter, y, s=sizes, c=faces, edgecolors=edges, linewidths=1.5, alpha=0.8,
               zorder=3)
    for p, px, py in zip(ids, x + jitter, y):
        ax.annotate(p, xy=(px, py), xytext=(0, 0), textcoords="offset points", ha="center",
                    va="center", fontsize=8, fontweight="bold", zorder=4)
    ax.axhline(float(np.median(y)), color=COLOURS["muted"], linewidth=0.8, linestyle=":")
    ax.axvline(3, color=COLOURS["muted"], linewidth=0.8, linestyle=":")
    ax.set_xlim(0.4, 5.6)
    ax.margins(y=0.15)  # room for the largest bubbles
    ax.set_xticks([1, 2, 3, 4, 5])
    ax.set_xlabel("risk (1 = low, 5 = the riskiest)")
    ax.set_ylabel("NPV (M EUR)")
    for text, (tx, ty), align in (("pearls: high value, low risk", (0.02, 0.98), ("left", "top")),
                                  ("oysters: high value, high risk", (0.98, 0.98), ("right", "top")),
                                  ("bread and butter", (0.02, 0.02), ("left", "bottom")),
                                  ("white elephants", (0.98, 0.02), ("right", "bottom"))):
        ax.text(tx, ty, text, transform=ax.transAxes, ha=align[0], va=align[1], fontsize=8,
                color=COLOURS["muted"], style="italic")
    ax.grid(color=COLOURS["grid"])
    ax.set_axisbelow(True)
    ax.legend(handles=handles, loc="center right", fontsize=8)
    set_title(ax, title or "Portfolio balance: value against risk (bubble = cost)")
    return finished(fig, own)


def alignment_chart(matrix, objectives=None, ax=None, title=None):
    """The strategic alignment matrix as a grid: projects down, objectives across.

    ``matrix`` is :func:`~pmo_lessons.portfolio.alignment_matrix` (counts of
    key results). A cell shows how many key results of the objective the
    project serves; an empty project row has no line of sight to strategy, and
    the ``(none)`` row counts key results no project serves. ``objectives``
    maps ids to names for the column labels.

    >>> import pandas as pd
    >>> matrix = pd.DataFrame([[2, 0], [0, 1]], index=["A", "(none)"], columns=["O1", "O2"])
    >>> fig = alignment_chart(matrix)
    >>> sorted(t.get_text() for t in fig.axes[0].texts)
    ['1', '2']
    """
    fig, ax, own = new_axes(ax, figsize=(1.9 * matrix.shape[1] + 2.5, 0.45 * len(matrix) + 1.6))
    values = matrix.to_numpy(dtype=float)
    ax.imshow(np.where(values > 0, values, np.nan), cmap=SEQUENTIAL_COLOURMAP, vmin=0,
              vmax=max(values.max(), 1) * 1.4, aspect="auto")
    for i in range(values.shape[0]):
        for j in range(values.shape[1]):
            if values[i, j]:
                ax.text(j, i, f"{values[i, j]:g}", ha="center", va="center", fontsize=10,
                        fontweight="bold", color=COLOURS["ink"])
    labels = [f"{c}\n{objectives[c]}" if objectives and c in objectives else str(c)
              for c in matrix.columns]
    ax.set_xticks(range(len(labels)))
    ax.set_xticklabels(labels, fontsize=8)
    ax.xaxis.tick_top()
    ax.set_yticks(range(len(matrix)))
    ax.set_yticklabels([str(p) for p in matrix.index], fontsize=9)
    ax.set_xticks(np.arange(-0.5, values.shape[1]), minor=True)
    ax.set_yticks(np.arange(-0.5, values.shape[0]), minor=True)
    ax.grid(which="minor", color="white", linewidth=2)
    ax.tick_params(which="minor", length=0)
    for k, p in enumerate(matrix.index):
        if p == "(none)" or not values[k].any():
            ax.get_yticklabels()[k].set_color(COLOURS["critical"])
    set_title(ax, title or "Strategic alignment: key results served, per project and objective", pad=12)
    return finished(fig, own)


def frontier_chart(frontier, budget=None, selection=None, ax=None, title=None):
    """The efficient frontier: the best total value reachable for every budget (a step curve).

    ``frontier`` is :func:`~pmo_lessons.portfolio.efficient_frontier`. With
    ``budget`` a line marks the envelope; with ``selection`` the exact, greedy
    and LP answers are marked at that budget (the LP point sits above the
    curve: it is not a portfolio anyone can fund).

    >>> import pandas as pd
    >>> frontier = pd.DataFrame({"cost": [0.0, 5.0, 10.0], "value": [0.0, 16.0, 28.0],
    ...                          "projects": ["", "B", "B, C"]})
    >>> fig = frontier_chart(frontier, budget=8)
    >>> fig.axes[0].get_lines()[0].get_label()
    'best portfolio for the budget'
    """
    fig, ax, own = new_axes(ax, figsize=(9, 5.5))
    cost = frontier["cost"].astype(float).to_numpy() / 1e6
    value = frontier["value"].astype(float).to_numpy() / 1e6
    right = max(cost.max() * 1.08, (budget or 0) / 1e6 * 1.05, 1e-6)
    ax.step(np.append(cost, right), np.append(value, value[-1]), where="post", linewidth=2,
            color=COLOURS["task"], label="best portfolio for the budget")
    ax.scatter(cost, value, s=18, color=COLOURS["task"], zorder=3)
    if budget is not None:
        ax.axvline(budget / 1e6, color=COLOURS["today"], linestyle="--", linewidth=1.5,
                   label=f"budget {budget / 1e6:.2f} M")
    if selection is not None:
        marks = (("exact", selection.cost, selection.value, RAG_COLOURS["green"], "o"),
                 ("greedy by ratio", float(selection.table.loc[selection.table["greedy"], "cost"].sum()),
                  selection.greedy_value, RAG_COLOURS["amber"], "s"),
                 ("LP relaxation", float((selection.table["lp_share"] * selection.table["cost"]).sum()),
                  selection.lp_bound, RAG_COLOURS["red"], "^"))
        for label, c, v, colour, marker in marks:
            ax.scatter([c / 1e6], [v / 1e6], s=90, color=colour, marker=marker, zorder=4,
                       edgecolors="white", label=f"{label}: {v / 1e6:.2f} M")
    ax.set_xlim(0, right)
    ax.set_xlabel("budget (M EUR)")
    ax.set_ylabel("total NPV (M EUR)")
    ax.grid(color=COLOURS["grid"])
    ax.set_axisbelow(True)
    ax.legend(loc="lower right", fontsize=8)
    set_title(ax, title or "Efficient frontier: the best NPV for each budget")
    return finished(fig, own)
