"""The money side of the game: each project's budget layers and its position against them.

The layers are the budget module's (:func:`pmo_lessons.budget.budget_layers`, PMI, *PMBOK
Guide*, 6th ed., 2017, section 7.2.2.6 and figure 7-8): the work packages' estimates with their
activity contingency (``tasks.contingency_eur``, the project manager's) make the **cost
baseline**, the BAC of earned value; the **management reserve** (``projects.reserve_eur``, held
by the sponsor) sits above it, and the two make the project's **budget**. In the game, a change
request approved by the sponsor (the decision ``draw_reserve``) moves money from the management
reserve into the project's approved funding.
"""

from __future__ import annotations

import pandas as pd

from ..budget import budget_layers

__all__ = ["budget_position"]


def budget_position(state, board=None):
    """Each project's money this week, as the PMO sees it: layers, spent, forecast, reserve.

    Columns: ``budget`` (the project budget: cost baseline + management reserve at the start,
    less what descoping saved), ``cost_baseline`` (BAC), ``contingency`` (the activity
    contingency inside it), ``management_reserve`` (at the start), ``reserve_drawn``,
    ``reserve_left``, ``approved_funding`` (BAC + drawn), ``AC``, ``EAC`` (BAC / CPI, the
    dashboard's), ``spent_on_decisions`` (what the decisions cost at once: responses, crashing,
    health checks ...; contractors are in AC as they work), ``funding_gap`` (EAC above the
    approved funding: what a change request would have to cover, 0 when none).
    """
    from .observe import board_of

    board = board_of(state) if board is None else board
    rows = []
    for pid, project in state.projects.items():
        work = pd.DataFrame({"cost_eur": [t.cost for t in project.tasks.values()],
                             "contingency_eur": [min(t.contingency, t.cost)
                                                 for t in project.tasks.values()]})
        layers = budget_layers(work, management_reserve=project.reserve)["amount_eur"]
        eac = float(board.loc[pid, "EAC"]) if pid in board.index else float("nan")
        ac = float(board.loc[pid, "AC"]) if pid in board.index else project.ac
        funding = project.bac + project.drawn
        rows.append({"project": pid, "budget": float(layers["project budget"]),
                     "cost_baseline": float(layers["cost baseline"]),
                     "contingency": float(layers["activity contingency reserve"]),
                     "management_reserve": float(layers["management reserve"]),
                     "reserve_drawn": project.drawn, "reserve_left": project.reserve_left,
                     "approved_funding": funding, "AC": ac, "EAC": eac,
                     "spent_on_decisions": project.extra_cost,
                     "funding_gap": max(0.0, eac - funding) if eac == eac else 0.0})
    return pd.DataFrame(rows).set_index("project")
