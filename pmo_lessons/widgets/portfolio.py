"""Portfolio explorer: :class:`PortfolioExplorer`, move the budget or the weights, watch the selection."""

from __future__ import annotations

import html

import ipywidgets as widgets

from ..errors import InputError
from ..plots.portfolio import frontier_chart
from ..portfolio import efficient_frontier, select_projects, weighted_scores
from .base import Explorer

__all__ = ["PortfolioExplorer"]


class PortfolioExplorer(Explorer):
    """Move the budget or a criterion's weight; the ranking and the funded projects follow.

    ``projects`` is a project table (as project_scores.csv), ``weights`` and
    ``invert`` as for :func:`pmo_lessons.portfolio.weighted_scores`, ``budget``
    the envelope in EUR, ``value`` and ``cost`` as for
    :func:`pmo_lessons.portfolio.select_projects`. The summary shows the
    ranking by weighted score and the exact selection under the budget, with
    the greedy-by-ratio choice and the LP bound beside it; with ``chart=True``
    the efficient frontier marks the three answers. ``max_budget`` bounds the
    budget slider (default: the cost of every project). Weights that cannot
    rank (every weight at 0) are explained in red and not applied.

    Driven from code: :meth:`set_budget`, :meth:`set_weight`, and the
    :attr:`scores` and :attr:`selection` on screen.

    >>> import pandas as pd
    >>> candidates = pd.DataFrame({"id": ["A", "B", "C"], "npv": [21.0, 16.0, 12.0],
    ...     "cost": [10.0, 5.0, 5.0], "fit": [5, 3, 2], "risk": [4, 2, 1]})
    >>> explorer = PortfolioExplorer(candidates, {"fit": 1, "risk": 1}, budget=10,
    ...                              value="npv", cost="cost", chart=False)
    >>> explorer.selection.selected, explorer.scores.index[0]
    (['B', 'C'], 'A')
    >>> explorer.set_budget(15); explorer.set_weight("risk", 3)
    >>> explorer.selection.selected, explorer.scores.index[0]
    (['A', 'B'], 'C')
    """

    def __init__(self, projects, weights, budget, invert=("risk",), value="npv_eur",
                 cost="cost_eur", max_budget=None, chart=True):
        self.projects = projects.reset_index(drop=True)
        weights = dict(weights)
        self.invert = [c for c in ([invert] if isinstance(invert, str) else invert)
                       if c in weights]
        self.value, self.cost = value, cost
        self.frontier = efficient_frontier(self.projects, value=value, cost=cost)
        top = float(max_budget or self.frontier["cost"].max() or 1.0)
        self.budget_slider = widgets.FloatSlider(
            value=float(budget), min=0.0, max=top, step=top / 200, description="Budget",
            readout_format=",.0f", continuous_update=False, layout=widgets.Layout(width="520px"))
        self.weight_sliders = {
            column: widgets.IntSlider(value=int(w), min=0, max=10, description=column[:14],
                                      continuous_update=False,
                                      style={"description_width": "110px"})
            for column, w in weights.items()}
        self.on_change(self.budget_slider, lambda amount: self.apply(budget=amount))
        for column, slider in self.weight_sliders.items():
            self.on_change(slider, lambda weight, c=column: self.apply(
                weights={**self.weights, c: weight}))
        controls = widgets.VBox([self.budget_slider,
                                 widgets.HBox([widgets.VBox(list(self.weight_sliders.values()))])])
        super().__init__([controls], model={"weights": weights, "budget": self.budget_slider.value},
                         chart=chart)

    def set_budget(self, amount):
        """Set the envelope (EUR) and recompute the selection."""
        self.budget_slider.value = float(amount)

    def set_weight(self, criterion, weight):
        """Set the weight (0-10) of a criterion and recompute the ranking."""
        if criterion not in self.weight_sliders:
            raise InputError(f"no weight for {criterion!r}; valid: "
                             f"{', '.join(self.weight_sliders)}.")
        self.weight_sliders[criterion].value = int(weight)

    @property
    def weights(self):
        """The weight of each criterion on screen."""
        return self.model["weights"]

    @property
    def scores(self):
        """The ranking by weighted score (:func:`~pmo_lessons.portfolio.weighted_scores`)."""
        return self.result["scores"]

    @property
    def selection(self):
        """The projects funded under the budget (:func:`~pmo_lessons.portfolio.select_projects`)."""
        return self.result["selection"]

    # --- the explorer's model, summary and chart -------------------------------

    def compute(self, weights, budget):
        return {"scores": weighted_scores(self.projects, weights, invert=self.invert),
                "selection": select_projects(self.projects, budget, value=self.value,
                                             cost=self.cost)}

    def update_controls(self):
        self.budget_slider.value = self.model["budget"]
        for column, slider in self.weight_sliders.items():
            slider.value = int(self.weights[column])

    def describe(self):
        chosen = set(self.selection.selected)
        rows = "".join(
            f"<tr><td>{int(r['rank'])}</td><td><b>{html.escape(str(p))}</b></td>"
            f"<td>{r['score']:.2f}</td><td>{'funded' if p in chosen else ''}</td></tr>"
            for p, r in self.scores.iterrows())
        s = self.selection
        return (f"<table style='border-collapse:collapse'><tr><th>rank</th><th>project</th>"
                f"<th>score</th><th>exact selection</th></tr>{rows}</table>"
                f"<p><b>Exact:</b> {html.escape(', '.join(s.selected) or 'none')}, value "
                f"{s.value:,.0f} for {s.cost:,.0f} &nbsp; <b>Greedy by ratio:</b> "
                f"{s.greedy_value:,.0f} &nbsp; <b>LP bound:</b> {s.lp_bound:,.0f}</p>")

    def draw(self):
        return frontier_chart(self.frontier, budget=self.model["budget"], selection=self.selection)
