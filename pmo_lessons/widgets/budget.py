"""Budget explorer: :class:`BudgetExplorer`, move a purchase order or the portfolio reserve, watch a
project's forecast and the portfolio's annual balance."""

from __future__ import annotations

import html

import ipywidgets as widgets
import matplotlib.pyplot as plt

from ..budget import (
    adjustment_options,
    annual_review,
    commitments,
    project_forecasts,
    propose_adjustments,
    spending_forecast,
)
from ..errors import InputError
from ..formats import money_text
from ..plots.budget import budget_waterfall, cost_s_curve
from .base import Explorer

__all__ = ["BudgetExplorer"]


class BudgetExplorer(Explorer):
    """Move a purchase order or the portfolio reserve: the forecast and the portfolio balance follow.

    Pick a project and one of its open purchase orders and change the amount ordered (a new
    price, a change order, a cancelled part), or move the portfolio reserve, or release the
    timing differences (late work's money) for the year: the project's forecast against its
    commitments (:func:`pmo_lessons.budget.project_forecasts`) and the portfolio's annual review
    and proposed adjustments (:func:`~pmo_lessons.budget.annual_review`,
    :func:`~pmo_lessons.budget.propose_adjustments`) are computed again. An order that would take
    its task beyond its budget line, or an order below what is already invoiced, is explained in
    red and not applied. The chart: the project's cost S-curve and the portfolio's waterfall.

    ``tables`` may give the company's tables (``projects``, ``tasks``, ``status``, ``orders``,
    ``changes``, ``annual_budget``, ``envelope``, ``holidays``); they are read once.

    Drive it from code with :meth:`set_project`, :meth:`set_order`, :meth:`set_reserve`,
    :meth:`set_release_timing` and :meth:`reset`; read :attr:`forecast` (the project's row) and
    :attr:`adjustments`.

    >>> explorer = BudgetExplorer("WHA", chart=False)
    >>> explorer.adjustments.balanced, explorer.adjustments.chosen
    (True, ['CR-09', 'CR-12'])
    >>> explorer.set_reserve(150_000)            # a larger portfolio reserve: no work to move
    >>> explorer.adjustments.chosen
    []
    >>> explorer.set_order("PO-3006", 400_000)   # above WHA-13's budget line: refused
    >>> explorer.error.startswith("Order PO-3006: the orders on WHA-13")
    True
    """

    def __init__(self, project="WHA", tables=None, chart=True):
        from .. import data

        tables = dict(tables or {})
        loaders = {"projects": data.load_projects, "tasks": data.load_tasks,
                   "status": data.load_status, "orders": data.load_purchase_orders,
                   "changes": data.load_budget_changes, "annual_budget": data.load_annual_budget,
                   "envelope": data.load_portfolio_envelope, "holidays": data.load_holidays}
        self.tables = {name: (tables[name] if tables.get(name) is not None else load())
                       for name, load in loaders.items()}
        orders = self.tables["orders"].reset_index(drop=True).copy()
        self.options = adjustment_options(self.tables["changes"], self.tables["projects"])
        reserve = float(self.tables["envelope"]["reserve_eur"].iloc[0])
        projects = self.tables["projects"]["id"].astype(str).tolist()
        if project not in projects:
            raise InputError(f"unknown project {project!r}; valid: {', '.join(projects)}.")
        self.project_picker = widgets.Dropdown(options=projects, value=project, description="Project")
        self.order_picker = widgets.Dropdown(description="Order", layout=widgets.Layout(width="520px"))
        self.amount = widgets.FloatText(description="Ordered €", step=1000,
                                        layout=widgets.Layout(width="240px"))
        self.reserve_slider = widgets.FloatSlider(
            value=reserve, min=0.0, max=300_000.0, step=5_000.0, description="Portfolio reserve",
            readout_format=",.0f", continuous_update=False, style={"description_width": "120px"},
            layout=widgets.Layout(width="520px"))
        self.timing_box = widgets.Checkbox(value=False, description="release timing differences")
        self.on_change(self.project_picker, lambda pid: self.apply(project=pid))
        self.on_change(self.order_picker, lambda _: self.show_controls())
        self.on_change(self.amount, lambda value: self.set_order(self.order_picker.value, value))
        self.on_change(self.reserve_slider, lambda value: self.apply(reserve=value))
        self.on_change(self.timing_box, lambda value: self.apply(release_timing=bool(value)))
        controls = widgets.VBox([
            widgets.HBox([self.project_picker, self.timing_box]),
            widgets.HBox([self.order_picker, self.amount]),
            widgets.HBox([self.reserve_slider, self.make_reset_button()]),
        ])
        super().__init__([controls], model={"project": project, "orders": orders,
                                            "reserve": reserve, "release_timing": False},
                         chart=chart)

    # --- driving it from code --------------------------------------------------------

    def set_project(self, project):
        """Show another project's forecast and purchase orders."""
        self.project_picker.value = project

    def set_order(self, order_id, amount):
        """Change the amount of a purchase order (EUR) and compute everything again."""
        orders = self.model["orders"]
        rows = orders.index[orders["id"].astype(str) == str(order_id)]
        if not len(rows):
            self.error = (f"no purchase order {order_id!r}; valid: "
                          f"{', '.join(orders['id'].astype(str)[:8])}, ...")
            self.show()
            return
        trial = orders.copy()
        trial.loc[rows[0], "amount_eur"] = float(amount)
        self.apply(orders=trial)

    def set_reserve(self, amount):
        """Set the portfolio reserve (EUR)."""
        self.reserve_slider.value = float(amount)

    def set_release_timing(self, release):
        """Release (True) or keep (False) the under-spends that are late work."""
        self.timing_box.value = bool(release)

    @property
    def forecast(self):
        """The project's forecast against its commitments (a row of project_forecasts)."""
        return self.result["forecasts"].loc[self.model["project"]]

    @property
    def adjustments(self):
        """The portfolio's proposed adjustments (:class:`~pmo_lessons.budget.Adjustments`)."""
        return self.result["adjustments"]

    # --- the explorer's model, summary and chart -----------------------------------

    def compute(self, project, orders, reserve, release_timing):
        for _, order in orders.iterrows():
            if order["amount_eur"] < order["invoiced_eur"] - 0.005:
                raise InputError(f"Order {order['id']}: {money_text(order['amount_eur'])} is less "
                                 f"than what is already invoiced ({money_text(order['invoiced_eur'])}).")
        commitments(orders, self.tables["tasks"])  # an order beyond its budget line is refused
        tables = {**self.tables, "orders": orders}
        forecasts = project_forecasts(tables=tables)
        review = annual_review(tables=tables)
        adjustments = propose_adjustments(review, self.options, reserve=reserve,
                                          release_timing=release_timing)
        return {"forecasts": forecasts, "review": review, "adjustments": adjustments}

    def update_controls(self):
        self.project_picker.value = self.model["project"]
        orders = self.model["orders"]
        own = orders[(orders["project"].astype(str) == self.model["project"])
                     & (orders["status"].astype(str) == "open")]
        choices = [(f"{o['id']}  {o['task_id']}  {o['description']}"[:70], o["id"])
                   for _, o in own.iterrows()]
        current = self.order_picker.value
        self.order_picker.options = choices
        if choices:
            ids = [value for _, value in choices]
            self.order_picker.value = current if current in ids else ids[0]
            row = orders[orders["id"] == self.order_picker.value].iloc[0]
            self.amount.value = float(row["amount_eur"])
        self.reserve_slider.value = self.model["reserve"]
        self.timing_box.value = self.model["release_timing"]

    def describe(self):
        f, a = self.forecast, self.adjustments
        project = html.escape(self.model["project"])
        verdict = ("balanced" if a.balanced else f"short of {money_text(a.gap_eur)}")
        moves = "".join(f"<li>{html.escape(reason)}</li>" for reason in a.moves["reason"])
        return (f"<p><b>{project}</b>: actual cost {money_text(f['ac_eur'])}, open commitments "
                f"{money_text(f['open_eur'])} (committed {money_text(f['committed_eur'])}), "
                f"forecast at completion <b>{money_text(f['fac_eur'])}</b> against a baseline of "
                f"{money_text(f['bac_eur'])} and a budget of {money_text(f['budget_eur'])} "
                f"({money_text(f['variance_budget_eur'], signed=True)}); uncommitted "
                f"{money_text(f['uncommitted_eur'])}.</p>"
                f"<p><b>Portfolio {self.result['review'].attrs['year']}</b>: over-spends "
                f"{money_text(a.need_eur)}, <b>{verdict}</b>.</p><ul>{moves}</ul>")

    def draw(self):
        fig, (left, right) = plt.subplots(1, 2, figsize=(15, 4.8), layout="constrained",
                                          gridspec_kw={"width_ratios": [1.2, 1]})
        f = self.forecast
        tables = {**self.tables, "orders": self.model["orders"]}
        cost_s_curve(spending_forecast(self.model["project"], tables=tables), ax=left,
                     budget=f["budget_eur"], committed=f["committed_eur"],
                     title=f"{self.model['project']}: cost S-curve")
        budget_waterfall(self.adjustments, ax=right, title="Portfolio: how the over-spends are funded")
        plt.close(fig)
        return fig
