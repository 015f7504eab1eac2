"""Monitoring explorer: :class:`StatusExplorer`, move the status date or the actuals, watch the dashboard."""

from __future__ import annotations

import html

import ipywidgets as widgets
import pandas as pd

from ..errors import InputError
from ..evm import dashboard
from ..plots.monitoring import portfolio_dashboard
from ..style import RAG_COLOURS
from .base import Explorer

__all__ = ["StatusExplorer"]


class StatusExplorer(Explorer):
    """Move the status date or change a project's actual cost; the dashboard follows.

    ``status``, ``projects``, ``baseline``, ``planned_finish``, ``thresholds``
    and ``holidays`` (which the slip in working days skips) are those of
    :func:`pmo_lessons.evm.dashboard`. The
    explorer shows every project's CPI, SPI, SPI(t), forecast cost and finish
    and RAG at the chosen status date, and (with ``chart=True``) the portfolio
    chart. Changing the actual cost of a project at the status date moves its
    cumulative AC from that week on (an invoice booked that week stays in the
    later totals); an impossible value (AC below the week before) is
    explained in red and not applied.

    Driven from code: :meth:`set_status_date`, :meth:`set_actual_cost`,
    :meth:`actual_cost`, :meth:`reset` and :attr:`board`.

    >>> from pmo_lessons import data
    >>> from pmo_lessons.evm import baseline_pv
    >>> projects, status = data.load_projects(), data.load_status()
    >>> baseline = baseline_pv(data.load_tasks(), projects, data.load_holidays())
    >>> explorer = StatusExplorer(status, projects, baseline, chart=False)
    >>> explorer.board.at["ERP", "rag"]
    'red'
    >>> explorer.set_status_date("2026-03-27")
    >>> explorer.board.at["ERP", "rag"], "SEC" in explorer.board.index
    ('green', False)
    """

    def __init__(self, status, projects, baseline=None, planned_finish=None, thresholds=None,
                 chart=True, holidays=()):
        self.original = status.reset_index(drop=True).copy()
        self.holidays = holidays
        self.projects, self.baseline = projects, baseline
        self.planned_finish, self.thresholds = planned_finish, thresholds
        dates = sorted(_unique_dates(self.original["status_date"]))
        self.date_slider = widgets.SelectionSlider(
            options=[(f"{d:%d %b %Y}", d) for d in dates], value=dates[-1],
            description="Status date", continuous_update=False,
            layout=widgets.Layout(width="520px"))
        ids = [p for p in projects["id"].astype(str)
               if p in set(self.original["project"].astype(str))]
        self.project_picker = widgets.Dropdown(options=ids, description="Project")
        self.cost_box = widgets.FloatText(description="AC (EUR)", step=10_000,
                                          layout=widgets.Layout(width="260px"))
        self.reset_button = self.make_reset_button("Reset actuals")
        self.on_change(self.date_slider, lambda date: self.apply(status_date=date))
        self.on_change(self.project_picker, lambda _: self.show_controls())
        self.on_change(self.cost_box, self._on_cost)
        controls = widgets.VBox([self.date_slider,
                                 widgets.HBox([self.project_picker, self.cost_box,
                                               self.reset_button])])
        super().__init__([controls], chart=chart,
                         model={"status": self.original.copy(), "status_date": dates[-1]})

    # --- driving it from code ------------------------------------------------

    def set_status_date(self, date):
        """Show the portfolio as it was on ``date`` (a status Friday, or any later day)."""
        chosen = [d for _, d in self.date_slider.options if d <= pd.Timestamp(date)]
        if not chosen:
            raise InputError(f"No status on or before {date}; the first is "
                             f"{self.date_slider.options[0][1]:%Y-%m-%d}.")
        self.date_slider.value = chosen[-1]

    def actual_cost(self, project):
        """The cumulative AC of ``project`` at the current status date (EUR)."""
        row = self._row(project)
        return float(self.status.at[row, "ac_eur"]) if row is not None else float("nan")

    def set_actual_cost(self, project, amount):
        """Set the cumulative AC of ``project`` at the status date; later weeks move with it."""
        self.project_picker.value = str(project)
        self.cost_box.value = float(amount)

    def reset(self):
        """Back to the actuals of the status table (the status date stays)."""
        self.apply(status=self.original.copy())

    @property
    def status(self):
        """The status table with the actuals as changed."""
        return self.model["status"]

    @property
    def board(self):
        """The :func:`~pmo_lessons.evm.dashboard` at the current status date."""
        return self.result

    # --- the explorer's model, summary and chart -------------------------------

    def compute(self, status, status_date):
        return dashboard(status, self.projects, self.baseline, status_date=status_date,
                         thresholds=self.thresholds, planned_finish=self.planned_finish,
                         holidays=self.holidays)

    def update_controls(self):
        self.date_slider.value = self.model["status_date"]
        self.cost_box.value = self.actual_cost(self.project_picker.value)

    def describe(self):
        head = ("<tr><th>project</th><th>CPI</th><th>SPI</th><th>SPI(t)</th><th>EAC</th>"
                "<th>forecast finish</th><th>slip (working days)</th><th>RAG</th></tr>")
        rows = []
        for project, r in self.board.iterrows():
            finish = "" if r["forecast_finish"] != r["forecast_finish"] else f"{r['forecast_finish']:%d %b %Y}"
            slip = "" if r["slip_days"] != r["slip_days"] else f"{r['slip_days']:+.0f}"
            colour = RAG_COLOURS.get(r["rag"], RAG_COLOURS["grey"])
            rows.append(
                f"<tr><td><b>{html.escape(str(project))}</b></td><td>{r['CPI']:.2f}</td>"
                f"<td>{r['SPI']:.2f}</td><td>{r['SPI_t']:.2f}</td><td>{r['EAC']:,.0f}</td>"
                f"<td>{finish}</td><td>{slip}</td>"
                f"<td style='background:{colour};color:white'>{r['rag']}</td></tr>")
        return f"<table style='border-collapse:collapse'>{head}{''.join(rows)}</table>"

    def draw(self):
        return portfolio_dashboard(self.board, thresholds=self.thresholds,
                                   title=f"Portfolio at {self.model['status_date']:%d %b %Y}")

    def _row(self, project):
        mask = ((self.status["project"].astype(str) == str(project))
                & (pd.to_datetime(self.status["status_date"]) <= self.model["status_date"]))
        return self.status.index[mask][-1] if mask.any() else None

    def _on_cost(self, amount):
        project = self.project_picker.value
        row = self._row(project)
        if row is None:
            return
        delta = float(amount) - float(self.status.at[row, "ac_eur"])
        trial = self.status.copy()
        later = (trial["project"].astype(str) == project) & (trial.index >= row)
        trial.loc[later, "ac_eur"] = trial.loc[later, "ac_eur"] + delta
        self.apply(status=trial)


def _unique_dates(values):
    """The distinct dates of a column, as Timestamps."""
    return list(pd.to_datetime(pd.Series(values)).drop_duplicates())
