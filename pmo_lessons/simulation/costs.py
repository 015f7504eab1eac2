"""The money side of the game: each project's budget layers and its position against them.

The layers follow PMI, *PMBOK Guide* (6th ed., 2017), section 7.2.2.6 and figure 7-8: the work
packages' estimates and the **contingency reserve** (for the identified risks, under the
project manager) make the **cost baseline**, the BAC of earned value; the **management reserve**
(for what nobody identified, held by the sponsor) sits above it, and the two make the
project's **budget**. A change request approved by the sponsor moves money from the management
reserve into the project's approved funding.

The company's data has the cost baseline (the task costs), the management reserve
(``projects.csv``) and no contingency layer yet: :func:`budget_layers` is the one place that
builds the layers, and is meant to be replaced by the budget module's when it lands (issue 18).
"""

from __future__ import annotations

import pandas as pd

__all__ = ["budget_layers", "budget_position"]


def budget_layers(cost_baseline, management_reserve, contingency=0.0):
    """The layers of a project's budget, from the work packages up (PMBOK 6, figure 7-8).

    >>> layers = budget_layers(2_259_180, 230_820)
    >>> layers["budget"], layers["contingency"]
    (2490000.0, 0.0)
    """
    cost_baseline, reserve = float(cost_baseline), float(management_reserve)
    return {"work_packages": cost_baseline - float(contingency), "contingency": float(contingency),
            "cost_baseline": cost_baseline, "management_reserve": reserve,
            "budget": cost_baseline + reserve}


def budget_position(state, board=None):
    """Each project's money this week, as the PMO sees it: layers, spent, forecast, reserve.

    Columns: ``budget`` (the approved budget, with the reserve, less what descoping saved),
    ``cost_baseline`` (BAC), ``management_reserve`` (at the start), ``reserve_drawn``,
    ``reserve_left``, ``approved_funding`` (BAC + drawn), ``AC``, ``EAC`` (BAC / CPI, the
    dashboard's), ``spent_on_decisions`` (contractors are in AC as they work; this is what the
    decisions cost at once: responses, crashing, health checks ...), ``funding_gap`` (EAC above
    the approved funding: what a change request would have to cover, 0 when none).
    """
    from .observe import board_of

    board = board_of(state) if board is None else board
    rows = []
    for pid, project in state.projects.items():
        layers = budget_layers(project.bac, project.reserve)
        eac = float(board.loc[pid, "EAC"]) if pid in board.index else float("nan")
        ac = float(board.loc[pid, "AC"]) if pid in board.index else project.ac
        funding = project.bac + project.drawn
        rows.append({"project": pid, "budget": layers["budget"],
                     "cost_baseline": layers["cost_baseline"],
                     "contingency": layers["contingency"],
                     "management_reserve": layers["management_reserve"],
                     "reserve_drawn": project.drawn, "reserve_left": project.reserve_left,
                     "approved_funding": funding, "AC": ac, "EAC": eac,
                     "spent_on_decisions": project.extra_cost,
                     "funding_gap": max(0.0, eac - funding) if eac == eac else 0.0})
    return pd.DataFrame(rows).set_index("project")
