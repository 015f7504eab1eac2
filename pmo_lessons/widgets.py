"""Interactive explorers for the lessons, built with ipywidgets.

:class:`WhatIf` lets a trainee change a task's duration or its predecessors
and watch the critical path and the end date move; :class:`StatusExplorer`
moves the status date or the actuals of earned value; :class:`LevellingExplorer`
changes a priority rule, a capacity or a project's priority; :class:`RiskExplorer`
changes an estimate or a risk's probability and shows P80 and the tornado;
:class:`MaturityAssessment` turns a PMO self-assessment into a radar and next
steps; :class:`PortfolioExplorer` moves the budget or the scoring weights.
Everything they show is computed by the computation modules; the widgets only
wire controls to them, and each can be driven from code.

>>> import pandas as pd
>>> tasks = pd.DataFrame({"id": ["A", "B", "C"], "duration": [3, 2, 4],
...                       "predecessors": ["", "A", "A"]})
>>> explorer = WhatIf(tasks, chart=False)
>>> explorer.finish, explorer.critical
(7.0, ['A', 'C'])
>>> explorer.set_duration("B", 6)
>>> explorer.finish, explorer.critical
(9.0, ['A', 'B'])
"""

from __future__ import annotations

import html

import ipywidgets as widgets
from IPython.display import display

from . import plots
from .errors import InputError
from .schedule import cpm, critical_path, to_dates

__all__ = [
    "WhatIf",
    "StatusExplorer",
    "LevellingExplorer",
    "RiskExplorer",
    "MaturityAssessment",
    "PortfolioExplorer",
    "RACIChecker",
]


class WhatIf(widgets.VBox):
    """A what-if explorer of a task network.

    Pick a task, move its duration or edit its predecessors: the summary (end
    date, change from the baseline, critical path) and the Gantt chart follow.
    An invalid edit (a cycle, an unknown task) is explained in red and leaves
    the last valid plan on screen. ``start`` (a date) and ``holidays`` turn
    periods into calendar dates (the periods are then working days); ``unit``
    names the periods in the summary ("weeks" for a plan in weeks).

    The explorer can also be driven from code, which is how the tests and a
    trainer's demo use it: :meth:`set_duration`, :meth:`set_predecessors`,
    :meth:`reset`, and the :attr:`finish`, :attr:`critical` and
    :attr:`schedule` of the current plan.
    """

    def __init__(self, tasks, start=None, holidays=(), label="both", chart=True, unit=None):
        self.baseline = tasks.reset_index(drop=True).copy()
        if "predecessors" not in self.baseline.columns:
            self.baseline["predecessors"] = ""
        self.baseline["predecessors"] = self.baseline["predecessors"].fillna("").astype(str)
        self.tasks = self.baseline.copy()
        self.start, self.holidays, self.label, self.chart = start, holidays, label, chart
        self.unit = unit or ("working days" if start is not None else "periods")
        self.baseline_finish = cpm(self.baseline)["ef"].max()
        self.error = None
        self.last_figure = None

        names = dict(zip(self.baseline["id"].astype(str),
                         self.baseline.get("name", self.baseline["id"]).astype(str)))
        options = [(f"{t}  {names[t]}" if names[t] != t else t, t)
                   for t in self.baseline["id"].astype(str)]
        longest = float(self.baseline["duration"].max() or 1)
        self.task_picker = widgets.Dropdown(options=options, description="Task",
                                            layout=widgets.Layout(width="420px"))
        self.duration_slider = widgets.FloatSlider(min=0, max=max(10.0, 3 * longest), step=1,
                                                   description="Duration", continuous_update=False,
                                                   readout_format=".0f")
        self.predecessors_box = widgets.Text(description="Depends on",
                                             placeholder="e.g. A, B SS+2, C FF-1",
                                             continuous_update=False,
                                             layout=widgets.Layout(width="420px"))
        self.reset_button = widgets.Button(description="Reset to baseline", icon="undo")
        self.summary = widgets.HTML()
        self.figure = widgets.Output()

        self.task_picker.observe(self._on_pick, names="value")
        self.duration_slider.observe(self._on_duration, names="value")
        self.predecessors_box.observe(self._on_predecessors, names="value")
        self.reset_button.on_click(lambda _: self.reset())

        controls = widgets.HBox([widgets.VBox([self.task_picker, self.predecessors_box]),
                                 widgets.VBox([self.duration_slider, self.reset_button])])
        super().__init__([controls, self.summary, self.figure])
        self._picking = False
        self._on_pick()
        self._refresh()

    # --- driving it from code ------------------------------------------------

    def set_duration(self, task_id, duration):
        """Set a task's duration (periods) and recompute."""
        self.task_picker.value = str(task_id)
        self.duration_slider.value = float(duration)

    def set_predecessors(self, task_id, text):
        """Replace a task's predecessors (e.g. ``"A, B SS+2"``) and recompute."""
        self.task_picker.value = str(task_id)
        self.predecessors_box.value = text

    def reset(self):
        """Go back to the baseline plan."""
        self.tasks = self.baseline.copy()
        self._on_pick()
        self._refresh()

    @property
    def finish(self):
        """The end of the current plan, in periods."""
        return float(self.schedule["ef"].max())

    @property
    def critical(self):
        """One critical path of the current plan, as task ids in order."""
        return critical_path(self.schedule, self.tasks)

    # --- internals ----------------------------------------------------------

    def _row(self, task_id):
        return self.tasks.index[self.tasks["id"].astype(str) == task_id][0]

    def _on_pick(self, change=None):
        row = self._row(self.task_picker.value)
        self._picking = True  # moving the controls to the task is not an edit
        self.duration_slider.value = float(self.tasks.at[row, "duration"])
        self.predecessors_box.value = self.tasks.at[row, "predecessors"]
        self._picking = False

    def _on_duration(self, change):
        if not self._picking:
            self._edit("duration", float(change["new"]))

    def _on_predecessors(self, change):
        if not self._picking:
            self._edit("predecessors", change["new"])

    def _edit(self, column, value):
        trial = self.tasks.copy()
        trial[column] = trial[column].astype(object)
        trial.at[self._row(self.task_picker.value), column] = value
        try:
            cpm(trial)
        except InputError as error:  # keep the last valid plan, say why
            self.error = str(error)
            self._show_summary()
            return
        self.tasks = trial
        self._refresh()

    def _refresh(self):
        self.error = None
        self.schedule = cpm(self.tasks)
        self._show_summary()
        if self.chart:
            self._draw()

    def _show_summary(self):
        delta = self.finish - self.baseline_finish
        end = f"{self.finish:g} {self.unit}"
        if self.start is not None:
            last_day = to_dates(self.schedule, self.start, self.holidays)["finish_date"].max()
            end += f" ({last_day:%a %d %b %Y})"
        change = ("same as the baseline" if delta == 0 else
                  f"{_amount(abs(delta), self.unit)} {'later' if delta > 0 else 'earlier'} than the baseline")
        colour = "#c0392b" if delta > 0 else "#1e8449" if delta < 0 else "#1c2833"
        lines = [
            f"<b>End:</b> {html.escape(end)} &mdash; <span style='color:{colour}'>{change}</span>",
            f"<b>Critical path:</b> {' &rarr; '.join(html.escape(t) for t in self.critical)}",
        ]
        if self.error:
            lines.append(f"<span style='color:#c0392b'><b>Not applied:</b> "
                         f"{html.escape(self.error)}</span>")
        self.summary.value = "<br>".join(lines)

    def _draw(self):
        schedule = self.schedule
        if self.start is not None:
            schedule = to_dates(schedule, self.start, self.holidays)
        fig = plots.gantt(schedule, self.tasks, label=self.label, unit=self.unit,
                          title=f"What-if plan: {self.finish:g} {self.unit}")
        self.last_figure = fig
        self.figure.clear_output(wait=True)
        with self.figure:
            display(fig)


def _amount(number, unit):
    """'1 week', '3 weeks': the unit in the singular for exactly one."""
    return f"{number:g} {unit[:-1] if number == 1 and unit.endswith('s') else unit}"


# --- monitoring ---------------------------------------------------------------
# StatusExplorer: move the status date or change the actuals, watch the dashboard (pmo_lessons.evm).

import pandas as pd  # noqa: E402  (kept in this section: the sections above do not need it)


class StatusExplorer(widgets.VBox):
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
        from .evm import dashboard

        self._dashboard = dashboard
        self.original = status.reset_index(drop=True).copy()
        self.status = self.original.copy()
        self.projects, self.baseline = projects, baseline
        self.planned_finish, self.thresholds, self.chart = planned_finish, thresholds, chart
        self.holidays = holidays
        self.error = None
        self.last_figure = None
        dates = sorted(_unique_dates(self.status["status_date"]))
        self.date_slider = widgets.SelectionSlider(
            options=[(f"{d:%d %b %Y}", d) for d in dates], value=dates[-1],
            description="Status date", continuous_update=False,
            layout=widgets.Layout(width="520px"))
        ids = [p for p in projects["id"].astype(str) if p in set(self.status["project"].astype(str))]
        self.project_picker = widgets.Dropdown(options=ids, description="Project")
        self.cost_box = widgets.FloatText(description="AC (EUR)", step=10_000,
                                          layout=widgets.Layout(width="260px"))
        self.reset_button = widgets.Button(description="Reset actuals", icon="undo")
        self.summary = widgets.HTML()
        self.figure = widgets.Output()
        self._syncing = False
        self.date_slider.observe(lambda _: self._refresh(), names="value")
        self.project_picker.observe(lambda _: self._sync_cost(), names="value")
        self.cost_box.observe(self._on_cost, names="value")
        self.reset_button.on_click(lambda _: self.reset())
        controls = widgets.VBox([self.date_slider,
                                 widgets.HBox([self.project_picker, self.cost_box,
                                               self.reset_button])])
        super().__init__([controls, self.summary, self.figure])
        self._refresh()

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
        """Back to the actuals of the status table."""
        self.status = self.original.copy()
        self._refresh()

    # --- internals ----------------------------------------------------------

    def _row(self, project):
        mask = ((self.status["project"].astype(str) == str(project))
                & (pd.to_datetime(self.status["status_date"]) <= self.date_slider.value))
        return self.status.index[mask][-1] if mask.any() else None

    def _sync_cost(self):
        self._syncing = True
        self.cost_box.value = self.actual_cost(self.project_picker.value)
        self._syncing = False

    def _on_cost(self, change):
        if self._syncing:
            return
        project, row = self.project_picker.value, self._row(self.project_picker.value)
        if row is None:
            return
        delta = float(change["new"]) - float(self.status.at[row, "ac_eur"])
        trial = self.status.copy()
        later = (trial["project"].astype(str) == project) & (trial.index >= row)
        trial.loc[later, "ac_eur"] = trial.loc[later, "ac_eur"] + delta
        try:
            self._compute(trial)
        except InputError as error:  # keep the last valid actuals, say why
            self.error = str(error)
            self._show()
            return
        self.status = trial
        self._refresh()

    def _compute(self, status):
        return self._dashboard(status, self.projects, self.baseline,
                               status_date=self.date_slider.value, thresholds=self.thresholds,
                               planned_finish=self.planned_finish, holidays=self.holidays)

    def _refresh(self):
        self.error = None
        self.board = self._compute(self.status)
        self._sync_cost()
        self._show()
        if self.chart:
            fig = plots.portfolio_dashboard(self.board, thresholds=self.thresholds,
                                            title=f"Portfolio at {self.date_slider.value:%d %b %Y}")
            self.last_figure = fig
            self.figure.clear_output(wait=True)
            with self.figure:
                display(fig)

    def _show(self):
        colours = plots.RAG_COLOURS
        head = ("<tr><th>project</th><th>CPI</th><th>SPI</th><th>SPI(t)</th><th>EAC</th>"
                "<th>forecast finish</th><th>slip (working days)</th><th>RAG</th></tr>")
        rows = []
        for project, r in self.board.iterrows():
            finish = "" if r["forecast_finish"] != r["forecast_finish"] else f"{r['forecast_finish']:%d %b %Y}"
            slip = "" if r["slip_days"] != r["slip_days"] else f"{r['slip_days']:+.0f}"
            rows.append(
                f"<tr><td><b>{html.escape(str(project))}</b></td><td>{r['CPI']:.2f}</td>"
                f"<td>{r['SPI']:.2f}</td><td>{r['SPI_t']:.2f}</td><td>{r['EAC']:,.0f}</td>"
                f"<td>{finish}</td><td>{slip}</td>"
                f"<td style='background:{colours.get(r['rag'], '#95a5a6')};color:white'>"
                f"{r['rag']}</td></tr>")
        text = (f"<table style='border-collapse:collapse'>{head}{''.join(rows)}</table>")
        if self.error:
            text += (f"<p style='color:#c0392b'><b>Not applied:</b> {html.escape(self.error)}</p>")
        self.summary.value = text


def _unique_dates(values):
    """The distinct dates of a column, as Timestamps."""
    return list(pd.to_datetime(pd.Series(values)).drop_duplicates())


# --- resources ----------------------------------------------------------------
# LevellingExplorer: pick a rule, change a capacity or a priority, watch the ends move
# (pmo_lessons.resources).

import pandas as pd  # noqa: E402,F811  (this section's own import)


class LevellingExplorer(widgets.VBox):
    """Level a portfolio with a priority rule; change a capacity or a project's priority.

    ``tasks`` is a task table with one column per resource (for the
    company, :func:`pmo_lessons.resources.portfolio_tasks`), ``capacities``
    the units of each resource per period. The explorer levels the tasks
    with the chosen rule and shows each project's end before and after
    levelling and its delay; with ``chart=True`` the histogram of the chosen
    resource before and after. ``origin`` (the date of period 0) and
    ``holidays`` turn periods into dates.

    Driven from code: :meth:`set_rule`, :meth:`set_capacity`,
    :meth:`set_priority`, :meth:`reset`, and :attr:`schedule` and
    :attr:`project_ends` of the current levelling.

    >>> tasks = pd.DataFrame({"id": ["X1", "Y1"], "duration": [3, 2], "predecessors": ["", ""],
    ...                       "project": ["X", "Y"], "project_priority": [500, 500], "BA": [1, 1]})
    >>> explorer = LevellingExplorer(tasks, {"BA": 1}, chart=False)
    >>> explorer.project_ends["delay"].to_dict()
    {'X': 0, 'Y': 3}
    >>> explorer.set_rule("priority"); explorer.set_priority("Y", 900)
    >>> explorer.project_ends["delay"].to_dict()
    {'X': 2, 'Y': 0}
    >>> explorer.set_capacity("BA", 2)
    >>> explorer.project_ends["delay"].to_dict()
    {'X': 0, 'Y': 0}
    """

    def __init__(self, tasks, capacities, rule="lft", resource=None, origin=None, holidays=(),
                 chart=True):
        from .resources import RULES

        self.baseline = tasks.reset_index(drop=True).copy()
        if "project" not in self.baseline.columns:
            self.baseline["project"] = "project"
        if "project_priority" not in self.baseline.columns:
            self.baseline["project_priority"] = 500
        self.tasks = self.baseline.copy()
        self.base_capacities = {str(k): v for k, v in dict(capacities).items()}
        self.capacities = dict(self.base_capacities)
        self.origin, self.holidays, self.chart = origin, holidays, chart
        self.error = None
        self.last_figure = None
        resources = [r for r in self.capacities if r in self.baseline.columns
                     and (self.baseline[r] > 0).any()]
        projects = list(dict.fromkeys(self.baseline["project"].astype(str)))
        self.rule_picker = widgets.Dropdown(options=[(f"{r}: {RULES[r]}", r) for r in RULES],
                                            value=rule, description="Rule",
                                            layout=widgets.Layout(width="520px"))
        self.resource_picker = widgets.Dropdown(options=resources, description="Resource",
                                                value=resource or resources[0])
        self.capacity_slider = widgets.IntSlider(min=1, max=20, description="Capacity",
                                                 continuous_update=False)
        self.project_picker = widgets.Dropdown(options=projects, description="Project")
        self.priority_slider = widgets.IntSlider(min=1, max=1000, step=50, description="Priority",
                                                 continuous_update=False)
        self.reset_button = widgets.Button(description="Reset", icon="undo")
        self.summary = widgets.HTML()
        self.figure = widgets.Output()
        self._moving = False
        self.rule_picker.observe(lambda _: self._refresh(), names="value")
        self.resource_picker.observe(self._on_resource, names="value")
        self.capacity_slider.observe(self._on_capacity, names="value")
        self.project_picker.observe(self._on_project, names="value")
        self.priority_slider.observe(self._on_priority, names="value")
        self.reset_button.on_click(lambda _: self.reset())
        controls = widgets.VBox([
            self.rule_picker,
            widgets.HBox([self.resource_picker, self.capacity_slider]),
            widgets.HBox([self.project_picker, self.priority_slider, self.reset_button]),
        ])
        super().__init__([controls, self.summary, self.figure])
        self._on_resource()
        self._on_project()
        self._early = self._level(self.baseline, {r: 10**6 for r in self.capacities}, "lft")
        self._refresh()

    # --- driving it from code ------------------------------------------------

    def set_rule(self, rule):
        """Level with another priority rule (a key of :data:`pmo_lessons.resources.RULES`)."""
        self.rule_picker.value = rule

    def set_capacity(self, resource, units):
        """Change the units of ``resource`` available per period, and level again."""
        self.resource_picker.value = resource
        self.capacity_slider.value = int(units)

    def set_priority(self, project, priority):
        """Change a project's priority (1-1000, higher goes first with the priority rule)."""
        self.project_picker.value = project
        self.priority_slider.value = int(priority)

    def reset(self):
        """Back to the original capacities and priorities."""
        self.tasks = self.baseline.copy()
        self.capacities = dict(self.base_capacities)
        self._on_resource()
        self._on_project()
        self._refresh()

    @property
    def project_ends(self):
        """Each project's end (periods) at its early dates and after levelling, and the delay."""
        early = self._early.groupby("project")["finish"].max()
        levelled = self.schedule.groupby("project")["finish"].max()
        ends = pd.DataFrame({"early_end": early, "levelled_end": levelled})
        ends["delay"] = ends["levelled_end"] - ends["early_end"]
        order = list(dict.fromkeys(self.baseline["project"].astype(str)))
        return ends.loc[order]

    # --- internals ----------------------------------------------------------

    def _level(self, tasks, capacities, rule):
        from .resources import level

        return level(tasks, capacities, rule=rule)

    def _on_resource(self, change=None):
        self._moving = True
        resource = self.resource_picker.value
        needed = int(max(1, self.baseline[resource].max()))
        self.capacity_slider.min = needed  # below a task's own need no schedule exists
        self.capacity_slider.max = max(20, int(self.capacities[resource]) * 2)
        self.capacity_slider.value = int(self.capacities[resource])
        self._moving = False
        if change is not None and self.chart:
            self._draw()

    def _on_capacity(self, change):
        if not self._moving:
            self.capacities[self.resource_picker.value] = int(change["new"])
            self._refresh()

    def _on_project(self, change=None):
        self._moving = True
        own = self.tasks["project"].astype(str) == self.project_picker.value
        self.priority_slider.value = int(self.tasks.loc[own, "project_priority"].iloc[0])
        self._moving = False

    def _on_priority(self, change):
        if not self._moving:
            own = self.tasks["project"].astype(str) == self.project_picker.value
            self.tasks.loc[own, "project_priority"] = int(change["new"])
            self._refresh()

    def _refresh(self):
        try:
            self.schedule = self._level(self.tasks, self.capacities, self.rule_picker.value)
            self.error = None
        except InputError as error:  # keep the last levelling, say why
            self.error = str(error)
        self._show()
        if self.chart:
            self._draw()

    def _date(self, period):
        if self.origin is None:
            return f"{period:g}"
        from .schedule import working_day

        return f"{working_day(self.origin, max(period - 1, 0), self.holidays):%d %b %Y}"

    def _show(self):
        ends = self.project_ends
        rows = []
        for project, r in ends.iterrows():
            colour = "#c0392b" if r["delay"] > 0 else "#1e8449"
            rows.append(f"<tr><td><b>{html.escape(str(project))}</b></td>"
                        f"<td>{self._date(r['early_end'])}</td><td>{self._date(r['levelled_end'])}</td>"
                        f"<td style='color:{colour}'>{r['delay']:+g}</td></tr>")
        unit = "working days" if self.origin is not None else "periods"
        moved = int((self.schedule["delay"] > 0).sum())
        text = (f"<b>{moved}</b> of {len(self.schedule)} tasks delayed; the portfolio ends "
                f"{ends['levelled_end'].max() - ends['early_end'].max():+g} {unit} from its early end."
                "<table style='border-collapse:collapse'><tr><th>project</th><th>early end</th>"
                f"<th>levelled end</th><th>delay ({unit})</th></tr>{''.join(rows)}</table>")
        if self.error:
            text += f"<p style='color:#c0392b'><b>Not applied:</b> {html.escape(self.error)}</p>"
        self.summary.value = text

    def _draw(self):
        from .resources import resource_profile

        resource = self.resource_picker.value
        fig = plots.levelling_histograms(
            resource_profile(self._early, self.tasks, by_project=True),
            resource_profile(self.schedule, self.tasks, by_project=True),
            resource, self.capacities[resource], origin=self.origin, holidays=self.holidays,
            labels=("early dates", f"levelled ({self.rule_picker.value})"))
        self.last_figure = fig
        self.figure.clear_output(wait=True)
        with self.figure:
            display(fig)


# --- risk -----------------------------------------------------------------------


class RiskExplorer(widgets.VBox):
    """Schedule risk explorer: move a three-point estimate or a risk's probability, watch P80.

    Pick a task and move its optimistic, most likely and pessimistic
    durations, or pick a risk event and move its probability: the Monte Carlo
    simulation (:func:`pmo_lessons.risk.monte_carlo`, same ``seed`` every
    time, so a change shows its own effect and not noise) runs again and the
    summary (P50, P80, the plan and its chance) and the charts (finish
    distribution and tornado) follow. Estimates out of order are explained
    in red and not applied.

    Drive it from code with :meth:`set_estimate`, :meth:`set_probability`
    and :meth:`reset`; read :attr:`result`, :attr:`p80`.

    >>> import pandas as pd
    >>> tasks = pd.DataFrame({"id": ["A", "B"], "predecessors": ["", "A"],
    ...     "optimistic": [2, 3], "most_likely": [3, 4], "pessimistic": [6, 9]})
    >>> explorer = RiskExplorer(tasks, iterations=2000, chart=False)
    >>> before = explorer.p80
    >>> explorer.set_estimate("B", pessimistic=20)
    >>> explorer.p80 > before
    True
    """

    def __init__(self, tasks, risks=None, iterations=5_000, seed=1, distribution="triangular",
                 chart=True, top=8, unit="working days"):
        from .risk import monte_carlo

        self._simulate = monte_carlo
        self.baseline = tasks.reset_index(drop=True).copy()
        for column in ("optimistic", "most_likely", "pessimistic"):
            self.baseline[column] = self.baseline[column].astype(float)
        self.tasks = self.baseline.copy()
        self.baseline_risks = None if risks is None else risks.reset_index(drop=True).copy()
        self.risks = None if risks is None else self.baseline_risks.copy()
        self.iterations, self.seed, self.distribution = iterations, seed, distribution
        self.chart, self.top, self.unit = chart, top, unit
        self.error = None
        self.last_figure = None

        ids = self.baseline["id"].astype(str).tolist()
        names = (dict(zip(ids, self.baseline["name"].astype(str))) if "name" in self.baseline
                 else {t: t for t in ids})
        self.names = names
        longest = float(self.baseline["pessimistic"].max() or 1)
        self.task_picker = widgets.Dropdown(
            options=[(f"{t}  {names[t]}" if names[t] != t else t, t) for t in ids],
            description="Task", layout=widgets.Layout(width="420px"))
        slider = dict(min=0, max=max(10.0, 2 * longest), step=1, continuous_update=False,
                      readout_format=".0f", style={"description_width": "90px"})
        self.optimistic = widgets.FloatSlider(description="Optimistic", **slider)
        self.most_likely = widgets.FloatSlider(description="Most likely", **slider)
        self.pessimistic = widgets.FloatSlider(description="Pessimistic", **slider)
        controls = [self.task_picker, self.optimistic, self.most_likely, self.pessimistic]
        self.risk_picker = self.probability = None
        if self.risks is not None and len(self.risks):
            labels = (self.risks["id"].astype(str) + "  on " + self.risks["task_id"].astype(str)
                      + (" (+" + self.risks["delay"].map("{:g}".format) + " days)"))
            self.risk_picker = widgets.Dropdown(options=list(zip(labels, self.risks["id"].astype(str))),
                                                description="Risk", layout=widgets.Layout(width="420px"))
            self.probability = widgets.FloatSlider(min=0, max=1, step=0.05, description="Probability",
                                                   continuous_update=False, readout_format=".0%",
                                                   style={"description_width": "90px"})
            controls += [self.risk_picker, self.probability]
        self.reset_button = widgets.Button(description="Reset", icon="undo")
        self.summary = widgets.HTML()
        self.figure = widgets.Output()

        self._picking = False
        self.task_picker.observe(self._on_pick, names="value")
        for box in (self.optimistic, self.most_likely, self.pessimistic):
            box.observe(self._on_estimate, names="value")
        if self.risk_picker is not None:
            self.risk_picker.observe(self._on_pick_risk, names="value")
            self.probability.observe(self._on_probability, names="value")
        self.reset_button.on_click(lambda _: self.reset())
        super().__init__([widgets.HBox([widgets.VBox(controls), self.reset_button]),
                          self.summary, self.figure])
        self._on_pick()
        self._on_pick_risk()
        self._refresh()

    # --- driving it from code ------------------------------------------------

    def set_estimate(self, task_id, optimistic=None, most_likely=None, pessimistic=None):
        """Change a task's three-point estimate (the values not given are kept) and rerun."""
        row = self._row(str(task_id))
        values = {"optimistic": optimistic, "most_likely": most_likely, "pessimistic": pessimistic}
        trial = self.tasks.copy()
        for column, value in values.items():
            if value is not None:
                trial.at[row, column] = float(value)
        self._try(trial, self.risks)
        self._picking = True
        self.task_picker.value = str(task_id)
        self._picking = False
        self._on_pick()

    def set_probability(self, risk_id, probability):
        """Change a risk event's probability (0..1) and rerun."""
        if self.risks is None:
            raise InputError("This explorer has no risk events; pass risks=... to create it.")
        rows = self.risks.index[self.risks["id"].astype(str) == str(risk_id)]
        if not len(rows):
            raise InputError(f"No risk {risk_id!r}; valid: {', '.join(self.risks['id'].astype(str))}.")
        trial = self.risks.copy()
        trial.at[rows[0], "probability"] = float(probability)
        self._try(self.tasks, trial)
        self._picking = True
        self.risk_picker.value = str(risk_id)
        self.probability.value = float(self.risks.at[rows[0], "probability"])
        self._picking = False

    def reset(self):
        """Back to the baseline estimates and probabilities."""
        self.tasks = self.baseline.copy()
        self.risks = None if self.baseline_risks is None else self.baseline_risks.copy()
        self._on_pick()
        self._on_pick_risk()
        self._refresh()

    @property
    def p80(self):
        """The P80 finish of the current simulation."""
        return self.result.percentile(80)

    # --- internals ----------------------------------------------------------

    def _row(self, task_id):
        matches = self.tasks.index[self.tasks["id"].astype(str) == task_id]
        if not len(matches):
            raise InputError(f"No task {task_id!r} in the explorer's network.")
        return matches[0]

    def _on_pick(self, change=None):
        row = self._row(self.task_picker.value)
        self._picking = True
        self.optimistic.value = float(self.tasks.at[row, "optimistic"])
        self.most_likely.value = float(self.tasks.at[row, "most_likely"])
        self.pessimistic.value = float(self.tasks.at[row, "pessimistic"])
        self._picking = False

    def _on_pick_risk(self, change=None):
        if self.risk_picker is None:
            return
        row = self.risks.index[self.risks["id"].astype(str) == self.risk_picker.value][0]
        self._picking = True
        self.probability.value = float(self.risks.at[row, "probability"])
        self._picking = False

    def _on_estimate(self, change):
        if self._picking:
            return
        row = self._row(self.task_picker.value)
        trial = self.tasks.copy()
        trial.at[row, "optimistic"] = self.optimistic.value
        trial.at[row, "most_likely"] = self.most_likely.value
        trial.at[row, "pessimistic"] = self.pessimistic.value
        self._try(trial, self.risks)

    def _on_probability(self, change):
        if self._picking:
            return
        trial = self.risks.copy()
        trial.loc[trial["id"].astype(str) == self.risk_picker.value, "probability"] = change["new"]
        self._try(self.tasks, trial)

    def _try(self, tasks, risks):
        try:
            self._run(tasks, risks)
        except InputError as error:  # keep the last valid simulation, say why
            self.error = str(error)
            self._show_summary()
            return
        self.tasks, self.risks = tasks, risks
        self.error = None
        self._show_summary()
        if self.chart:
            self._draw()

    def _run(self, tasks, risks):
        self.result = self._simulate(tasks, iterations=self.iterations, seed=self.seed,
                                     distribution=self.distribution, risks=risks)

    def _refresh(self):
        self._try(self.tasks, self.risks)

    def _show_summary(self):
        r = self.result
        plan = r.deterministic_finish
        top = r.sensitivity.abs().idxmax() if r.sensitivity.abs().max() > 0 else "-"
        lines = [
            f"<b>P50:</b> {r.percentile(50):.1f} &nbsp; <b>P80:</b> {r.percentile(80):.1f} "
            f"{html.escape(self.unit)} &nbsp; <b>plan (CPM):</b> {plan:g}, met in "
            f"{r.probability(plan):.0%} of {r.iterations:,} iterations",
            f"<b>Schedule reserve for P80:</b> {r.percentile(80) - plan:.1f} {html.escape(self.unit)}"
            f" &nbsp; <b>Top driver:</b> {html.escape(str(top))} "
            f"{html.escape(self.names.get(top, '')) if top != '-' else ''}",
        ]
        if self.error:
            lines.append(f"<span style='color:#c0392b'><b>Not applied:</b> "
                         f"{html.escape(self.error)}</span>")
        self.summary.value = "<br>".join(lines)

    def _draw(self):
        import matplotlib.pyplot as plt

        fig, (left, right) = plt.subplots(1, 2, figsize=(14, 4.4), layout="constrained",
                                          gridspec_kw={"width_ratios": [1.3, 1]})
        plots.finish_distribution(self.result, ax=left, unit=self.unit, title="Finish")
        plots.tornado(self.result, top=self.top, ax=right, title="Tornado")
        plt.close(fig)
        self.last_figure = fig
        self.figure.clear_output(wait=True)
        with self.figure:
            display(fig)


# --- methodology ----------------------------------------------------------------


class MaturityAssessment(widgets.VBox):
    """The PMO maturity self-assessment: answer the questions, watch the radar and the next steps.

    Pick a perspective, answer its eight questions (no, partly, yes); the
    summary (the level of every perspective, staged as in
    :func:`pmo_lessons.methodology.maturity_profile`, and the next steps of
    the perspective shown) and the radar chart follow. ``answers`` (question
    id -> answer) starts the assessment somewhere; ``target`` draws the
    PMO's goal on the radar.

    Drive it from code with :meth:`set_answer` and :meth:`reset`; read
    :attr:`answers`, :attr:`profile` and :attr:`levels`.

    >>> assessment = MaturityAssessment(chart=False)
    >>> assessment.levels["Risk"]
    1
    >>> assessment.set_answer("RSK-2a", "yes")
    >>> assessment.set_answer("RSK-2b", "partly")
    >>> assessment.levels["Risk"]
    2
    """

    def __init__(self, answers=None, target=None, threshold=0.75, chart=True):
        from .methodology import MATURITY_PERSPECTIVES, MATURITY_QUESTIONS, maturity_profile

        self._profile_of = maturity_profile
        self.questions = MATURITY_QUESTIONS
        self.baseline = dict(answers or {})
        maturity_profile(self.baseline, threshold)  # rejects bad answers now, with their message
        self.answers = {q: "no" for q in MATURITY_QUESTIONS["id"]}
        self.answers.update(self._words(self.baseline))
        self.target, self.threshold, self.chart = target, threshold, chart
        self.last_figure = None
        self.picker = widgets.Dropdown(options=list(MATURITY_PERSPECTIVES), description="Perspective",
                                       layout=widgets.Layout(width="420px"),
                                       style={"description_width": "90px"})
        self.buttons = [widgets.ToggleButtons(options=["no", "partly", "yes"],
                                              style={"button_width": "60px"}) for _ in range(8)]
        self.labels = [widgets.HTML(layout=widgets.Layout(width="560px")) for _ in range(8)]
        self.reset_button = widgets.Button(description="Reset", icon="undo")
        self.summary = widgets.HTML()
        self.figure = widgets.Output()
        self._showing = []
        self._picking = False
        self.picker.observe(self._on_pick, names="value")
        for k, box in enumerate(self.buttons):
            box.observe(lambda change, k=k: self._on_answer(k, change), names="value")
        self.reset_button.on_click(lambda _: self.reset())
        rows = [widgets.HBox([label, box]) for label, box in zip(self.labels, self.buttons)]
        super().__init__([widgets.HBox([self.picker, self.reset_button]), *rows, self.summary,
                          self.figure])
        self._on_pick()
        self._refresh()

    # --- driving it from code ------------------------------------------------

    def set_answer(self, question_id, answer):
        """Answer one question (``"no"``, ``"partly"``, ``"yes"`` or 0, 0.5, 1) and update."""
        self._profile_of({question_id: answer}, self.threshold)  # checks id and answer
        self.answers[question_id] = self._words({question_id: answer})[question_id]
        self._on_pick()
        self._refresh()

    def reset(self):
        """Back to the answers the assessment started with."""
        self.answers = {q: "no" for q in self.questions["id"]}
        self.answers.update(self._words(self.baseline))
        self._on_pick()
        self._refresh()

    @property
    def levels(self):
        """The level of each perspective, as a dict."""
        return {p: int(v) for p, v in self.profile["level"].items()}

    # --- internals -------------------------------------------------------------

    @staticmethod
    def _words(answers):
        named = {0.0: "no", 0.5: "partly", 1.0: "yes"}
        words = {}
        for qid, answer in answers.items():
            if isinstance(answer, str):
                words[qid] = answer.strip().lower()
            else:  # a number: keep it when it is not one of the three buttons
                words[qid] = named.get(float(answer), float(answer))
        return words

    def _on_pick(self, change=None):
        perspective = self.picker.value
        rows = self.questions[self.questions["perspective"] == perspective]
        self._showing = list(rows["id"])
        self._picking = True
        try:
            for label, box, qid, level, text in zip(self.labels, self.buttons, rows["id"],
                                                    rows["level"], rows["question"]):
                label.value = f"<b>L{level}</b> {html.escape(text)}"
                value = self.answers[qid]
                box.value = value if value in ("no", "partly", "yes") else None
        finally:
            self._picking = False

    def _on_answer(self, k, change):
        if self._picking or change["new"] is None:
            return
        self.answers[self._showing[k]] = change["new"]
        self._refresh()

    def _refresh(self):
        from .methodology import next_steps

        self.profile = self._profile_of(self.answers, self.threshold)
        steps = next_steps(self.answers, self.threshold)
        mine = steps[steps["perspective"] == self.picker.value]
        levels = " &nbsp; ".join(f"{html.escape(p)}: <b>{int(l)}</b>"
                                 for p, l in self.profile["level"].items())
        todo = ("".join(f"<li>{html.escape(q)} ({html.escape(i)})</li>"
                        for i, q in zip(mine["id"], mine["question"]))
                or "<li>nothing: this perspective is at level 5</li>")
        self.summary.value = (f"<b>Levels:</b> {levels}<br><b>Next steps for "
                              f"{html.escape(self.picker.value)}:</b><ul>{todo}</ul>")
        if self.chart:
            self._draw()

    def _draw(self):
        fig = plots.maturity_radar(self.profile, target=self.target)
        self.last_figure = fig
        self.figure.clear_output(wait=True)
        with self.figure:
            display(fig)


# --- portfolio ------------------------------------------------------------------
# PortfolioExplorer: move the budget or the weights, watch the ranking and the selection
# (pmo_lessons.portfolio).


class PortfolioExplorer(widgets.VBox):
    """Move the budget or a criterion's weight; the ranking and the funded projects follow.

    ``projects`` is a project table (as project_scores.csv), ``weights`` and
    ``invert`` as for :func:`pmo_lessons.portfolio.weighted_scores`, ``budget``
    the envelope in EUR, ``value`` and ``cost`` as for
    :func:`pmo_lessons.portfolio.select_projects`. The summary shows the
    ranking by weighted score and the exact selection under the budget, with
    the greedy-by-ratio choice and the LP bound beside it; with ``chart=True``
    the efficient frontier marks the three answers. ``max_budget`` bounds the
    budget slider (default: the cost of every project).

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
        from .portfolio import efficient_frontier, select_projects, weighted_scores

        self._scores, self._select = weighted_scores, select_projects
        self.projects = projects.reset_index(drop=True)
        self.weights = dict(weights)
        self.invert = [c for c in ([invert] if isinstance(invert, str) else invert)
                       if c in self.weights]
        self.value, self.cost, self.chart = value, cost, chart
        self.frontier = efficient_frontier(self.projects, value=value, cost=cost)
        top = float(max_budget or self.frontier["cost"].max() or 1.0)
        self.last_figure = None
        self.budget_slider = widgets.FloatSlider(
            value=float(budget), min=0.0, max=top, step=top / 200, description="Budget",
            readout_format=",.0f", continuous_update=False, layout=widgets.Layout(width="520px"))
        self.weight_sliders = {
            column: widgets.IntSlider(value=int(w), min=0, max=10, description=column[:14],
                                      continuous_update=False,
                                      style={"description_width": "110px"})
            for column, w in self.weights.items()}
        self.summary = widgets.HTML()
        self.figure = widgets.Output()
        self.budget_slider.observe(lambda _: self._refresh(), names="value")
        for column, slider in self.weight_sliders.items():
            slider.observe(lambda change, c=column: self._on_weight(c, change["new"]),
                           names="value")
        controls = widgets.VBox([self.budget_slider,
                                 widgets.HBox([widgets.VBox(list(self.weight_sliders.values()))])])
        super().__init__([controls, self.summary, self.figure])
        self._refresh()

    def set_budget(self, amount):
        """Set the envelope (EUR) and recompute the selection."""
        self.budget_slider.value = float(amount)

    def set_weight(self, criterion, weight):
        """Set the weight (0-10) of a criterion and recompute the ranking."""
        if criterion not in self.weight_sliders:
            raise InputError(f"no weight for {criterion!r}; valid: "
                             f"{', '.join(self.weight_sliders)}.")
        self.weight_sliders[criterion].value = int(weight)

    def _on_weight(self, criterion, weight):
        self.weights[criterion] = weight
        self._refresh()

    def _refresh(self):
        self.error = None
        try:
            self.scores = self._scores(self.projects, self.weights, invert=self.invert)
        except InputError as error:  # e.g. every weight at 0: keep the last ranking
            self.error = str(error)
        self.selection = self._select(self.projects, self.budget_slider.value, value=self.value,
                                      cost=self.cost)
        self._show()
        if self.chart:
            fig = plots.frontier_chart(self.frontier, budget=self.budget_slider.value,
                                       selection=self.selection)
            self.last_figure = fig
            self.figure.clear_output(wait=True)
            with self.figure:
                display(fig)

    def _show(self):
        chosen = set(self.selection.selected)
        rows = "".join(
            f"<tr><td>{int(r['rank'])}</td><td><b>{html.escape(str(p))}</b></td>"
            f"<td>{r['score']:.2f}</td><td>{'funded' if p in chosen else ''}</td></tr>"
            for p, r in getattr(self, "scores", pd.DataFrame(columns=["rank", "score"])).iterrows())
        s = self.selection
        text = (f"<table style='border-collapse:collapse'><tr><th>rank</th><th>project</th>"
                f"<th>score</th><th>exact selection</th></tr>{rows}</table>"
                f"<p><b>Exact:</b> {html.escape(', '.join(s.selected) or 'none')}, value "
                f"{s.value:,.0f} for {s.cost:,.0f} &nbsp; <b>Greedy by ratio:</b> "
                f"{s.greedy_value:,.0f} &nbsp; <b>LP bound:</b> {s.lp_bound:,.0f}</p>")
        if self.error:
            text += f"<p style='color:#c0392b'><b>Not applied:</b> {html.escape(self.error)}</p>"
        self.summary.value = text


# --- RACI ---
# RACIChecker: edit a RACI matrix cell by cell and watch the findings of
# pmo_lessons.methodology.check_raci (one A, at least one R, overloaded roles) follow.


class RACIChecker(widgets.VBox):
    """Edit a RACI matrix in a grid of dropdowns; the review's findings follow every change.

    ``matrix`` (index activities, columns roles, cells as
    :func:`pmo_lessons.methodology.parse_raci` reads them) starts the grid;
    each cell offers blank, R, A, C, I and A/R (and the cell's own combination,
    e.g. C/I, when it has one). Under the grid: the findings of
    :func:`pmo_lessons.methodology.check_raci` with ``max_load`` (errors
    first: exactly one A, at least one R; then warnings: overloaded and unused
    roles) and each role's R/A/C/I counts. With ``chart=True`` the matrix is
    drawn by :func:`pmo_lessons.plots.raci_chart`, activities in error flagged.

    Driven from code: :meth:`set_cell`, :meth:`reset`; read :attr:`matrix`
    and :attr:`findings`.

    >>> import pandas as pd
    >>> m = pd.DataFrame({"PM": ["A/R", "A"], "Dev": ["R", ""]}, index=["Plan", "Build"])
    >>> checker = RACIChecker(m, chart=False)
    >>> checker.findings["check"].tolist()
    ['responsible']
    >>> checker.set_cell("Build", "Dev", "R")
    >>> checker.findings["check"].tolist()   # Dev now does all the work
    ['overload']
    """

    OPTIONS = ("", "R", "A", "C", "I", "A/R")

    def __init__(self, matrix, max_load=0.5, chart=True):
        from .methodology import check_raci, parse_raci, raci_summary

        self._check, self._summary = check_raci, raci_summary
        cells = parse_raci(matrix)  # rejects a bad matrix now, with its message
        check_raci(matrix, max_load)  # and a bad max_load
        self.max_load, self.chart = max_load, chart
        self.activities = [str(a) for a in cells.index]
        self.roles = [str(r) for r in cells.columns]
        self.baseline = {(a, r): self._text(cells.iat[i, j])
                         for i, a in enumerate(self.activities)
                         for j, r in enumerate(self.roles)}
        self.last_figure = None
        self.dropdowns = {}
        grid = [widgets.HTML("<b>activity \\ role</b>")]
        grid += [widgets.HTML(f"<b>{html.escape(r)}</b>") for r in self.roles]
        for a in self.activities:
            grid.append(widgets.HTML(html.escape(a)))
            for r in self.roles:
                value = self.baseline[(a, r)]
                options = list(self.OPTIONS) + ([value] if value not in self.OPTIONS else [])
                box = widgets.Dropdown(options=options, value=value,
                                       layout=widgets.Layout(width="72px"))
                box.observe(lambda change: self._refresh(), names="value")
                self.dropdowns[(a, r)] = box
                grid.append(box)
        self.grid = widgets.GridBox(grid, layout=widgets.Layout(
            grid_template_columns=f"minmax(180px, max-content) repeat({len(self.roles)}, 80px)",
            grid_gap="2px 6px"))
        self.reset_button = widgets.Button(description="Reset", icon="undo")
        self.reset_button.on_click(lambda _: self.reset())
        self.report = widgets.HTML()
        self.figure = widgets.Output()
        self._quiet = False
        super().__init__([self.grid, self.reset_button, self.report, self.figure])
        self._refresh()

    # --- driving it from code ------------------------------------------------

    def set_cell(self, activity, role, value):
        """Set one cell (``""``, ``"R"``, ``"A"``, ``"C"``, ``"I"``, ``"A/R"``...) and re-check."""
        key = (str(activity), str(role))
        if key not in self.dropdowns:
            what, valid = (("activity", self.activities) if key[0] not in self.activities
                           else ("role", self.roles))
            raise InputError(f"no {what} {key[0] if what == 'activity' else key[1]!r} in the "
                             f"RACI matrix; valid: {', '.join(valid)}.")
        from .methodology import parse_raci

        letters = parse_raci(pd.DataFrame({key[1]: [value]}, index=[key[0]])).iat[0, 0]
        text = self._text(letters)
        box = self.dropdowns[key]
        if text not in box.options:
            box.options = list(box.options) + [text]
        box.value = text

    def reset(self):
        """Back to the matrix the checker started with."""
        self._quiet = True
        try:
            for key, box in self.dropdowns.items():
                box.value = self.baseline[key]
        finally:
            self._quiet = False
        self._refresh()

    @property
    def matrix(self):
        """The matrix on screen, as a DataFrame (activities x roles)."""
        return pd.DataFrame([[self.dropdowns[(a, r)].value for r in self.roles]
                             for a in self.activities], index=self.activities, columns=self.roles)

    # --- internals -------------------------------------------------------------

    @staticmethod
    def _text(letters):
        return "/".join(letter for letter in "ARCI" if letter in letters)

    def _refresh(self):
        if self._quiet:
            return
        matrix = self.matrix
        self.findings = self._check(matrix, self.max_load)
        summary = self._summary(matrix)
        errors = int((self.findings["severity"] == "error").sum())
        warnings = len(self.findings) - errors
        rows = "".join(
            f"<li style='color:{'#c0392b' if s == 'error' else '#b9770e'}'><b>{s}</b>: "
            f"{html.escape(p)}</li>"
            for s, p in zip(self.findings["severity"], self.findings["problem"]))
        loads = " &nbsp; ".join(
            f"{html.escape(role)}: {int(r['R'])} R, {int(r['A'])} A, {int(r['C'])} C, "
            f"{int(r['I'])} I" for role, r in summary.iterrows())
        verdict = ("<b style='color:#1e8449'>No finding: one A and at least one R per activity, "
                   "no role overloaded.</b>" if self.findings.empty else
                   f"<b>{errors} error(s), {warnings} warning(s)</b><ul>{rows}</ul>")
        self.report.value = f"{verdict}<p><b>Per role:</b> {loads}</p>"
        if self.chart:
            fig = plots.raci_chart(matrix, self.findings)
            self.last_figure = fig
            self.figure.clear_output(wait=True)
            with self.figure:
                display(fig)
            import matplotlib.pyplot as plt

            plt.close(fig)
