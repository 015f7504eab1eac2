"""Portfolio management: scoring, selection under a budget, balance and alignment.

A project table is a pandas DataFrame with one row per project (candidate or
under way): an ``id`` column, criteria columns scored by the PMO (the company's
``project_scores.csv`` uses 1-5 scales: ``strategic_fit``, ``financial_value``,
``risk``, ``urgency``, ``capability``), a value (``npv_eur``) and a cost
(``cost_eur``).

Conventions:

* **Scoring** is the weighted factor scoring model (Meredith, Mantel & Shafer,
  *Project Management: A Strategic Managerial Approach*, 10th ed., 2017,
  chapter 2, project selection models; PMI, *The Standard for Portfolio
  Management*, 4th ed., 2017): ``score = sum(w_i * x_i) / sum(w_i)``, a weighted average on the
  criteria's own scale. Weights are non-negative; a criterion where a high
  value is bad (``risk``: 5 is the riskiest) is **inverted** on its scale
  (``low + high - x``) rather than given a negative weight, so the score stays
  on the 1-5 scale.
* **Selection** is the 0/1 knapsack: choose the subset of projects with the
  largest total value whose total cost fits the budget (Weingartner,
  *Mathematical Programming and the Analysis of Capital Budgeting Problems*,
  1963; Martello & Toth, *Knapsack Problems*, Wiley, 1990, chapter 2). It is
  solved **exactly**. Two tempting shortcuts are computed for contrast: the
  greedy choice by value/cost ratio (the "profitability index" ranking), which
  can leave money on the table, and the LP relaxation (Dantzig, 1957), which
  funds a *fraction* of one project and so gives an upper bound no real
  portfolio reaches.

>>> import pandas as pd
>>> candidates = pd.DataFrame({"id": ["A", "B", "C"], "npv": [21.0, 16.0, 12.0],
...                            "cost": [10.0, 5.0, 5.0]})
>>> choice = select_projects(candidates, budget=10)
>>> choice.selected, choice.value
(['B', 'C'], 28.0)
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from .columns import require_columns
from .errors import InputError

__all__ = [
    "PortfolioError",
    "Selection",
    "weighted_scores",
    "select_projects",
    "efficient_frontier",
    "portfolio_balance",
    "alignment_matrix",
]

_TOLERANCE = 1e-9  # relative, when comparing sums of costs with the budget


class PortfolioError(InputError):
    """A project table, weights or budget the portfolio functions cannot use."""


# --- scoring -------------------------------------------------------------------


def weighted_scores(projects, weights, invert=(), scale=(1, 5), id="id"):
    """Score and rank projects with a weighted factor scoring model.

    ``weights`` maps criteria columns of ``projects`` to non-negative weights
    (they need not add up to 1: they are normalised). ``invert`` lists the
    criteria where a high value is bad (``"risk"``): they are turned around on
    ``scale`` = (low, high), ``low + high - x``, before weighting.

    Score = sum(w_i * x_i) / sum(w_i) (Meredith, Mantel & Shafer, *Project
    Management*, 10th ed., 2017, chapter 2, the weighted factor scoring
    model), so it stays on the criteria's scale. Rank 1 is the best; equal
    scores share a rank and the next rank is skipped (1, 1, 3: the standard competition
    ranking).

    Returns a DataFrame indexed by project id, best first (ties keep the table's
    order), with the criteria as weighted (inverted where asked), ``score`` and
    ``rank``.

    Raises :class:`PortfolioError` when a weight names no column, is negative
    or not a number, when all weights are 0, when a criterion holds a value that
    is not a number (naming the project and column), or when ids repeat.

    >>> projects = pd.DataFrame({"id": ["A", "B"], "value": [5, 3], "risk": [4, 1]})
    >>> weighted_scores(projects, {"value": 2, "risk": 1}, invert=["risk"]).round(3)
        value  risk  score  rank
    id
    A       5     2  4.000     1
    B       3     5  3.667     2
    """
    frame = _table(projects, id)
    if not isinstance(weights, dict) or not weights:
        raise PortfolioError("weights must be a dict {criterion column: weight}, e.g. "
                             "{'strategic_fit': 3, 'financial_value': 2, 'risk': 1}.")
    known = [c for c in frame.columns if c != id]
    for column, weight in weights.items():
        if column not in frame.columns or column == id:
            raise PortfolioError(f"weight for {column!r}: no such criterion column; valid: "
                                 f"{', '.join(map(repr, known))}.")
        if isinstance(weight, bool) or not isinstance(weight, (int, float, np.integer, np.floating)) \
                or not np.isfinite(weight):
            raise PortfolioError(f"weight for {column!r} is {weight!r}; valid: a number >= 0.")
        if weight < 0:
            raise PortfolioError(f"weight for {column!r} is {weight:g}; valid: a number >= 0 "
                                 "(to count a criterion against a project, list it in invert).")
    total = float(sum(weights.values()))
    if total <= 0:
        raise PortfolioError("all weights are 0; give at least one criterion a positive weight.")
    invert = [invert] if isinstance(invert, str) else list(invert)
    for column in invert:
        if column not in weights:
            raise PortfolioError(f"invert names {column!r}, which has no weight; valid: one of "
                                 f"{', '.join(map(repr, weights))}.")
    low, high = scale
    criteria = pd.DataFrame(index=pd.Index(frame[id].astype(str), name="id"))
    for column in weights:
        values = _numeric(frame, column, id)
        if column in invert:
            outside = [(p, v) for p, v in zip(frame[id], values) if not low <= v <= high]
            if outside:
                p, v = outside[0]
                raise PortfolioError(f"project {p}: {column} is {v:g}, outside the scale "
                                     f"{low}-{high} used to invert it; valid: a value from "
                                     f"{low} to {high}, or pass scale=(low, high).")
            values = low + high - values
        criteria[column] = values.to_numpy()
    score = sum(criteria[c].astype(float) * (w / total) for c, w in weights.items())
    criteria["score"] = score
    # rounded so that float noise (0.1 + 0.2) does not split a tie
    criteria["rank"] = score.round(12).rank(ascending=False, method="min").astype(int)
    order = np.argsort(-score.to_numpy(), kind="stable")
    return criteria.iloc[order]


# --- selection -----------------------------------------------------------------


@dataclass(frozen=True)
class Selection:
    """The projects chosen under a budget, with the greedy and LP answers beside them.

    ``table`` has one row per project (index: id) with ``value``, ``cost``,
    ``ratio`` (value / cost), ``selected`` (the exact optimum), ``greedy``
    (the greedy-by-ratio choice) and ``lp_share`` (the share of the project
    the LP relaxation funds, 0 to 1). ``budget`` is the budget given,
    ``method`` the algorithm used for the exact answer.
    """

    table: pd.DataFrame
    budget: float
    method: str = "Nemhauser-Ullmann dynamic programming (exact)"
    states: int = field(default=0, compare=False)

    @property
    def selected(self):
        """Ids of the projects of the exact optimum, in the table's order."""
        return list(self.table.index[self.table["selected"]])

    @property
    def value(self):
        """Total value of the exact optimum."""
        return float(self.table.loc[self.table["selected"], "value"].sum())

    @property
    def cost(self):
        """Total cost of the exact optimum."""
        return float(self.table.loc[self.table["selected"], "cost"].sum())

    @property
    def greedy(self):
        """Ids chosen greedily by value/cost ratio."""
        return list(self.table.index[self.table["greedy"]])

    @property
    def greedy_value(self):
        """Total value of the greedy choice (never above :attr:`value`)."""
        return float(self.table.loc[self.table["greedy"], "value"].sum())

    @property
    def lp_bound(self):
        """Value of the LP relaxation: an upper bound (never below :attr:`value`)."""
        return float((self.table["lp_share"] * self.table["value"]).sum())

    def compare(self):
        """The three answers side by side: value, cost, budget left and projects.

        >>> candidates = pd.DataFrame({"id": ["A", "B", "C"], "npv": [60.0, 100.0, 120.0],
        ...                            "cost": [10.0, 20.0, 30.0]})
        >>> select_projects(candidates, 50).compare()[["value", "cost"]]
                                   value  cost
        answer
        exact (0/1)                220.0  50.0
        greedy by value/cost       160.0  30.0
        LP relaxation (fractions)  240.0  50.0
        """
        t = self.table
        rows = []
        for name, share in (("exact (0/1)", t["selected"].astype(float)),
                            ("greedy by value/cost", t["greedy"].astype(float)),
                            ("LP relaxation (fractions)", t["lp_share"])):
            cost = float((share * t["cost"]).sum())
            projects = [f"{p} ({s:.0%})" if 0 < s < 1 else str(p)
                        for p, s in zip(t.index, share) if s > 0]
            rows.append({"answer": name, "value": float((share * t["value"]).sum()), "cost": cost,
                         "unused": self.budget - cost, "projects": ", ".join(projects)})
        return pd.DataFrame(rows).set_index("answer")


def select_projects(projects, budget, value="npv", cost="cost", id="id", mandatory=(),
                    excluded=()):
    """The 0/1 selection of projects with the largest total value within a budget.

    ``value`` and ``cost`` name columns of ``projects`` (when the exact name is
    absent, the same name with ``_eur`` is used, as in project_scores.csv:
    ``npv_eur``, ``cost_eur``). Costs must be >= 0; a value may be negative
    (such a project is never chosen unless ``mandatory``). ``mandatory`` ids are
    funded first (regulatory or committed work); ``excluded`` ids are never
    chosen.

    Method: the Nemhauser-Ullmann dynamic programme (Nemhauser & Ullmann,
    "Discrete dynamic programming and capital allocation", *Management Science*
    15(9), 1969; Kellerer, Pferschy & Pisinger, *Knapsack Problems*, Springer,
    2004, section 3.3): projects are added one at a time, keeping only the
    non-dominated (cost, value) portfolios (no other is cheaper *and* worth at
    least as much). It is **exact** for any real costs (no rounding to a grid),
    takes O(n * L) time and memory, where L is the number of non-dominated
    portfolios: at most 2^n, and at most (budget / g + 1) when all costs are
    multiples of g (pseudo-polynomial, like the textbook table O(n * budget)).
    Ties between portfolios of equal value go to the cheaper one.

    The greedy answer ranks projects by value / cost (cost 0 first) and takes
    each one that still fits (Martello & Toth 1990, section 2.4); the LP
    relaxation fills the budget in the same order and funds a fraction of the
    first project that does not fit (Dantzig, 1957; Martello & Toth, section
    2.2.1): exact <= LP bound and greedy <= exact.

    Returns a :class:`Selection`.

    Raises :class:`PortfolioError` for a missing column, a value or cost that is
    not a number (naming the project), a negative cost or budget, an unknown id
    in ``mandatory``/``excluded``, or mandatory projects that exceed the budget.

    Brealey, Myers & Allen, *Principles of Corporate Finance* (10th ed., 2011),
    section 5.4: with 10 to invest, B and C (NPV 28) beat A alone (NPV 21):

    >>> candidates = pd.DataFrame({"id": ["A", "B", "C"], "npv": [21, 16, 12],
    ...                            "cost": [10, 5, 5]})
    >>> select_projects(candidates, 10).selected
    ['B', 'C']
    """
    frame = _table(projects, id)
    value, cost = _column(frame, value, "value"), _column(frame, cost, "cost")
    values = _numeric(frame, value, id).astype(float).to_numpy()
    costs = _numeric(frame, cost, id).astype(float).to_numpy()
    ids = frame[id].astype(str).tolist()
    for p, c in zip(ids, costs):
        if c < 0:
            raise PortfolioError(f"project {p}: {cost} is {c:g}; valid: a cost >= 0.")
    budget = _budget(budget)
    must, never = _ids(mandatory, ids, "mandatory"), _ids(excluded, ids, "excluded")
    both = must & never
    if both:
        raise PortfolioError(f"project {sorted(both)[0]} is both mandatory and excluded; "
                             "valid: one or the other.")
    forced = [i for i, p in enumerate(ids) if p in must]
    spent = float(costs[forced].sum())
    if spent > budget * (1 + _TOLERANCE):
        raise PortfolioError(f"the mandatory projects {', '.join(ids[i] for i in forced)} cost "
                             f"{spent:,.2f}, more than the budget {budget:,.2f}; valid: a budget "
                             "of at least their cost, or fewer mandatory projects.")
    room = budget - spent
    # candidates: not forced, not excluded, worth something
    free = [i for i, p in enumerate(ids) if p not in must and p not in never and values[i] > 0]
    front = _pareto(free, values, costs, room)
    best = max(front, key=lambda s: (s[1], -s[0]))  # largest value, then the cheaper
    chosen = set(forced) | set(best[2])
    greedy_pick, shares = _greedy_and_lp(free, values, costs, room)
    table = pd.DataFrame({"value": values, "cost": costs}, index=pd.Index(ids, name="id"))
    with np.errstate(all="ignore"):
        table["ratio"] = np.where(costs > 0, values / np.where(costs > 0, costs, 1), np.inf)
    table["selected"] = [i in chosen for i in range(len(ids))]
    table["greedy"] = [i in forced or i in greedy_pick for i in range(len(ids))]
    table["lp_share"] = [1.0 if i in forced else shares.get(i, 0.0) for i in range(len(ids))]
    return Selection(table=table, budget=budget, states=len(front))


def efficient_frontier(projects, value="npv", cost="cost", id="id", budget=None,
                       mandatory=(), excluded=()):
    """The best portfolio for every budget: a step curve of value against budget.

    Each row is a non-dominated portfolio (the Nemhauser-Ullmann states of
    :func:`select_projects`): ``cost`` (the budget from which it is the best
    choice), ``value`` and ``projects`` (ids, comma-separated). For any budget B
    the optimum is the last row with ``cost <= B``. ``budget`` caps the curve.
    Value rises with cost along the frontier, with diminishing returns in the
    typical case.

    >>> candidates = pd.DataFrame({"id": ["A", "B", "C"], "npv": [21, 16, 12],
    ...                            "cost": [10, 5, 5]})
    >>> efficient_frontier(candidates)
       cost  value projects
    0   0.0    0.0
    1   5.0   16.0        B
    2  10.0   28.0     B, C
    3  15.0   37.0     A, B
    4  20.0   49.0  A, B, C
    """
    frame = _table(projects, id)
    value, cost = _column(frame, value, "value"), _column(frame, cost, "cost")
    values = _numeric(frame, value, id).astype(float).to_numpy()
    costs = _numeric(frame, cost, id).astype(float).to_numpy()
    ids = frame[id].astype(str).tolist()
    for p, c in zip(ids, costs):
        if c < 0:
            raise PortfolioError(f"project {p}: {cost} is {c:g}; valid: a cost >= 0.")
    must, never = _ids(mandatory, ids, "mandatory"), _ids(excluded, ids, "excluded")
    forced = [i for i, p in enumerate(ids) if p in must]
    base_cost, base_value = float(costs[forced].sum()), float(values[forced].sum())
    cap = np.inf if budget is None else _budget(budget) - base_cost
    free = [i for i, p in enumerate(ids) if p not in must and p not in never and values[i] > 0]
    front = _pareto(free, values, costs, cap)
    rows = [(base_cost + c, base_value + v,
             ", ".join(ids[i] for i in sorted(set(forced) | set(members))))
            for c, v, members in sorted(front, key=lambda s: s[0])]
    return pd.DataFrame(rows, columns=["cost", "value", "projects"])


def _pareto(candidates, values, costs, room):
    """Non-dominated (cost, value, members) portfolios within ``room`` (Nemhauser-Ullmann)."""
    limit = room * (1 + _TOLERANCE) if np.isfinite(room) else np.inf
    states = [(0.0, 0.0, ())]  # sorted by cost, value strictly increasing
    for i in candidates:
        added = [(c + costs[i], v + values[i], m + (i,)) for c, v, m in states
                 if c + costs[i] <= limit]
        merged = sorted(states + added, key=lambda s: (s[0], -s[1]))
        states = []
        for state in merged:  # keep a state only if it is worth more than every cheaper one
            if not states or state[1] > states[-1][1]:
                states.append(state)
    return states


def _greedy_and_lp(candidates, values, costs, room):
    with np.errstate(over="ignore"):  # a tiny cost gives an infinite ratio: it sorts first, rightly
        order = sorted(candidates, key=lambda i: (0 if costs[i] == 0 else 1,
                                                  -(values[i] / costs[i]) if costs[i] else 0))
    greedy, left = set(), room
    for i in order:
        if costs[i] <= left + room * _TOLERANCE:
            greedy.add(i)
            left -= costs[i]
    shares, left = {}, room
    for i in order:
        if left <= 0 and costs[i] > 0:
            break
        share = 1.0 if costs[i] <= left * (1 + _TOLERANCE) else left / costs[i]
        shares[i] = share
        left -= share * costs[i]
        if share < 1:
            break
    return greedy, shares


# --- balance and alignment -------------------------------------------------------------


def portfolio_balance(projects, by, measure="cost", id="id"):
    """How the portfolio spreads over a category: count, total and share of a measure.

    ``by`` is a column of ``projects`` (e.g. ``risk``, ``status``,
    ``strategic_fit``); ``measure`` a numeric column (``cost`` falls back to
    ``cost_eur``). One row per category, in ascending order, with ``projects``
    (count), ``ids``, the total of the measure and its ``share`` of the whole
    (the balance views of PMI, *The Standard for Portfolio Management*, 4th
    ed., 2017: risk against value, categories against budget).

    >>> projects = pd.DataFrame({"id": ["A", "B", "C"], "risk": [1, 4, 4],
    ...                          "cost": [10.0, 20.0, 70.0]})
    >>> portfolio_balance(projects, "risk")
          projects   ids   cost  share
    risk
    1            1     A   10.0    0.1
    4            2  B, C   90.0    0.9
    """
    frame = _table(projects, id)
    if by not in frame.columns:
        raise PortfolioError(f"no column {by!r} to group by; valid: "
                             f"{', '.join(map(repr, map(str, frame.columns)))}.")
    measure = _column(frame, measure, "measure")
    amounts = _numeric(frame, measure, id).astype(float)
    frame = frame.assign(**{measure: amounts.to_numpy()})
    groups = frame.groupby(by, sort=True)
    out = pd.DataFrame({"projects": groups[id].count(),
                        "ids": groups[id].agg(lambda s: ", ".join(map(str, s))),
                        measure: groups[measure].sum()})
    total = out[measure].sum()
    out["share"] = out[measure] / total if total else np.nan
    return out


def alignment_matrix(okrs, projects=None):
    """Strategic alignment: how many key results each project serves, per objective.

    ``okrs`` is okrs.csv (``objective_id``, ``key_result_id``, ``projects``, a
    comma-separated list). Rows are projects (in the order of ``projects['id']``
    when given, which also adds projects that serve no key result, as a row of
    zeros: a project with no line of sight to strategy), columns the
    objectives; a last row ``(none)`` counts the key results no project serves
    (business as usual, or a gap in the portfolio).

    >>> okrs = pd.DataFrame({"objective_id": ["O1", "O1", "O2"],
    ...     "key_result_id": ["K1", "K2", "K3"], "projects": ["A", "A, B", ""]})
    >>> alignment_matrix(okrs)
    objective_id  O1  O2
    project
    A              2   0
    B              1   0
    (none)         0   1
    """
    require_columns(okrs, ["objective_id", "key_result_id", "projects"], "okrs", PortfolioError)
    objectives = list(dict.fromkeys(okrs["objective_id"].astype(str)))
    pairs = []
    for objective, cell in zip(okrs["objective_id"].astype(str), okrs["projects"]):
        named = [p.strip() for p in str("" if pd.isna(cell) else cell).split(",") if p.strip()]
        pairs += [(p, objective) for p in named] or [("(none)", objective)]
    order = list(dict.fromkeys(p for p, _ in pairs if p != "(none)"))
    if projects is not None:
        listed = projects["id"].astype(str).tolist()
        order = listed + [p for p in order if p not in listed]
    matrix = pd.DataFrame(0, index=pd.Index(order + ["(none)"], name="project"),
                          columns=pd.Index(objectives, name="objective_id"))
    for p, objective in pairs:
        matrix.loc[p, objective] += 1
    return matrix


# --- helpers --------------------------------------------------------------------------


def _table(projects, id):
    require_columns(projects, [id], "projects", PortfolioError)
    duplicated = projects[id].astype(str).duplicated()
    if duplicated.any():
        raise PortfolioError(f"project {projects[id].astype(str)[duplicated].iloc[0]!r} appears "
                             "twice; valid: one row per project.")
    return projects.reset_index(drop=True)


def _column(frame, name, role):
    if name in frame.columns:
        return name
    if f"{name}_eur" in frame.columns:
        return f"{name}_eur"
    raise PortfolioError(f"no {role} column {name!r} (nor {name + '_eur'!r}); valid: one of "
                         f"{', '.join(map(repr, map(str, frame.columns)))}.")


def _numeric(frame, column, id):
    series = frame[column]
    numbers = pd.to_numeric(series, errors="coerce")
    bad = numbers.isna() | ~np.isfinite(numbers.astype(float))
    if bad.any() or series.dtype == bool:
        position = int(np.flatnonzero(bad.to_numpy())[0]) if bad.any() else 0
        raise PortfolioError(f"project {frame[id].iloc[position]} (row {position + 2}): {column} "
                             f"is {series.iloc[position]!r}; valid: a number.")
    return numbers


def _budget(budget):
    if isinstance(budget, bool) or not isinstance(budget, (int, float, np.integer, np.floating)) \
            or not np.isfinite(budget) or budget < 0:
        raise PortfolioError(f"budget is {budget!r}; valid: a number >= 0 (EUR).")
    return float(budget)


def _ids(given, ids, what):
    given = [given] if isinstance(given, str) else list(given)
    for p in given:
        if str(p) not in ids:
            raise PortfolioError(f"{what} names {p!r}, which is not a project of the table; "
                                 f"valid: {', '.join(ids[:10])}{', ...' if len(ids) > 10 else ''}.")
    return {str(p) for p in given}
