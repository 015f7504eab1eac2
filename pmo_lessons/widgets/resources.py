"""Resource explorer: :class:`LevellingExplorer`, pick a rule, change a capacity or a priority."""

from __future__ import annotations

import html

import ipywidgets as widgets
import pandas as pd

from ..plots.resources import levelling_histograms
from ..resources import RULES, level, resource_profile
from ..schedule import working_day
from ..style import RAG_COLOURS
from .base import Explorer

__all__ = ["LevellingExplorer"]


class LevellingExplorer(Explorer):
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
        self.baseline = tasks.reset_index(drop=True).copy()
        if "project" not in self.baseline.columns:
            self.baseline["project"] = "project"
        if "project_priority" not in self.baseline.columns:
            self.baseline["project_priority"] = 500
        self.base_capacities = {str(k): v for k, v in dict(capacities).items()}
        self.origin, self.holidays = origin, holidays
        resources = [r for r in self.base_capacities if r in self.baseline.columns
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
        self.reset_button = self.make_reset_button("Reset")
        self.on_change(self.rule_picker, lambda rule: self.apply(rule=rule))
        self.on_change(self.resource_picker, lambda _: self._show_resource())
        self.on_change(self.capacity_slider, self._on_capacity)
        self.on_change(self.project_picker, lambda _: self.show_controls())
        self.on_change(self.priority_slider, self._on_priority)
        controls = widgets.VBox([
            self.rule_picker,
            widgets.HBox([self.resource_picker, self.capacity_slider]),
            widgets.HBox([self.project_picker, self.priority_slider, self.reset_button]),
        ])
        self._early = level(self.baseline, {r: 10**6 for r in self.base_capacities}, rule="lft")
        super().__init__([controls], chart=chart, model={
            "tasks": self.baseline.copy(), "capacities": dict(self.base_capacities), "rule": rule})

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
        """Back to the original capacities and priorities (the rule stays)."""
        self.apply(tasks=self.baseline.copy(), capacities=dict(self.base_capacities))

    @property
    def tasks(self):
        """The task table with the priorities as changed."""
        return self.model["tasks"]

    @property
    def capacities(self):
        """The units of each resource per period, as changed."""
        return self.model["capacities"]

    @property
    def schedule(self):
        """The current levelling (:func:`~pmo_lessons.resources.level`)."""
        return self.result

    @property
    def project_ends(self):
        """Each project's end (periods) at its early dates and after levelling, and the delay."""
        early = self._early.groupby("project")["finish"].max()
        levelled = self.schedule.groupby("project")["finish"].max()
        ends = pd.DataFrame({"early_end": early, "levelled_end": levelled})
        ends["delay"] = ends["levelled_end"] - ends["early_end"]
        order = list(dict.fromkeys(self.baseline["project"].astype(str)))
        return ends.loc[order]

    # --- the explorer's model, summary and chart -------------------------------

    def compute(self, tasks, capacities, rule):
        return level(tasks, capacities, rule=rule)

    def update_controls(self):
        self.rule_picker.value = self.model["rule"]
        resource = self.resource_picker.value
        needed = int(max(1, self.baseline[resource].max()))
        self.capacity_slider.min = needed  # below a task's own need no schedule exists
        self.capacity_slider.max = max(20, int(self.capacities[resource]) * 2)
        self.capacity_slider.value = int(self.capacities[resource])
        own = self.tasks["project"].astype(str) == self.project_picker.value
        self.priority_slider.value = int(self.tasks.loc[own, "project_priority"].iloc[0])

    def describe(self):
        ends = self.project_ends
        rows = []
        for project, r in ends.iterrows():
            colour = RAG_COLOURS["red"] if r["delay"] > 0 else RAG_COLOURS["green"]
            rows.append(f"<tr><td><b>{html.escape(str(project))}</b></td>"
                        f"<td>{self._date(r['early_end'])}</td><td>{self._date(r['levelled_end'])}</td>"
                        f"<td style='color:{colour}'>{r['delay']:+g}</td></tr>")
        unit = "working days" if self.origin is not None else "periods"
        moved = int((self.schedule["delay"] > 0).sum())
        return (f"<b>{moved}</b> of {len(self.schedule)} tasks delayed; the portfolio ends "
                f"{ends['levelled_end'].max() - ends['early_end'].max():+g} {unit} from its early end."
                "<table style='border-collapse:collapse'><tr><th>project</th><th>early end</th>"
                f"<th>levelled end</th><th>delay ({unit})</th></tr>{''.join(rows)}</table>")

    def draw(self):
        resource = self.resource_picker.value
        return levelling_histograms(
            resource_profile(self._early, self.tasks, by_project=True),
            resource_profile(self.schedule, self.tasks, by_project=True),
            resource, self.capacities[resource], origin=self.origin, holidays=self.holidays,
            labels=("early dates", f"levelled ({self.model['rule']})"))

    def _show_resource(self):
        self.show_controls()
        self.redraw()

    def _on_capacity(self, units):
        self.apply(capacities={**self.capacities, self.resource_picker.value: int(units)})

    def _on_priority(self, priority):
        trial = self.tasks.copy()
        own = trial["project"].astype(str) == self.project_picker.value
        trial.loc[own, "project_priority"] = int(priority)
        self.apply(tasks=trial)

    def _date(self, period):
        if self.origin is None:
            return f"{period:g}"
        return f"{working_day(self.origin, max(period - 1, 0), self.holidays):%d %b %Y}"
