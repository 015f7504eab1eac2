"""Dependency explorer: :class:`SlipExplorer`, make a task late, see which projects' milestones move."""

from __future__ import annotations

import html

import ipywidgets as widgets

from ..dependencies import slip_impact
from ..formats import date_text
from ..plots.dependencies import dependency_map
from ..style import RAG_COLOURS
from .base import Explorer

__all__ = ["SlipExplorer"]


class SlipExplorer(Explorer):
    """Pick a task of any project and a delay in working days: the projects to warn follow.

    ``tasks``, ``projects``, ``dependencies`` and ``calendar`` as for
    :func:`pmo_lessons.dependencies.slip_impact`; ``task`` and ``days`` the slip to start
    from; ``today`` the status date drawn on the map. The summary lists the projects whose
    milestones move (the slipping project first, then the ones to warn), each milestone with
    its planned and forecast dates, and the dependencies whose slack the slip uses up; the
    chart (``chart=True``) is the dependency map of :func:`~pmo_lessons.plots.dependency_map`
    with the slip. A milestone cannot slip by itself: picking one is explained in red and
    not applied.

    Driven from code: :meth:`set_slip`, and the :attr:`impact` on screen.

    >>> import pandas as pd
    >>> tasks = pd.DataFrame({"id": ["A1", "AM", "B1", "BM"], "project": ["A", "A", "B", "B"],
    ...     "name": ["Design", "A done", "Build", "B done"], "duration": [5, 0, 3, 0],
    ...     "predecessors": ["", "A1", "", "B1"], "milestone": [False, True, False, True]})
    >>> projects = pd.DataFrame({"id": ["A", "B"], "start_date": ["2026-03-02", "2026-03-02"]})
    >>> links = pd.DataFrame({"id": ["D1"], "deliverable": ["Design"], "from_project": ["A"],
    ...     "from_task": ["A1"], "to_project": ["B"], "to_task": ["B1"]})
    >>> explorer = SlipExplorer(tasks, projects, links, task="A1", days=4, chart=False)
    >>> explorer.impact.to_warn()
    ['B']
    >>> explorer.set_slip("AM", 4)   # a milestone: not applied
    >>> explorer.model["task"], explorer.error.startswith("AM is a milestone")
    ('A1', True)
    """

    def __init__(self, tasks, projects, dependencies, calendar=None, task=None, days=20,
                 today=None, max_days=60, chart=True):
        self.tasks = tasks.reset_index(drop=True)
        self.projects, self.dependencies = projects, dependencies
        self.calendar, self.today = calendar, today
        names = (dict(zip(self.tasks["id"].astype(str), self.tasks["name"].astype(str)))
                 if "name" in self.tasks.columns else {})
        options = [(f"{t}  {names.get(t, '')}".strip(), t) for t in self.tasks["id"].astype(str)]
        first = task or next(t for t, d in zip(self.tasks["id"], self.tasks["duration"]) if d > 0)
        self.task_picker = widgets.Dropdown(options=options, value=str(first), description="Task",
                                            layout=widgets.Layout(width="460px"))
        self.days_slider = widgets.IntSlider(value=int(days), min=0, max=int(max_days),
                                             description="Late by", continuous_update=False,
                                             style={"description_width": "70px"})
        self.unit = widgets.Label("working days")
        self.on_change(self.task_picker, lambda value: self.apply(task=value))
        self.on_change(self.days_slider, lambda value: self.apply(days=int(value)))
        controls = widgets.HBox([self.task_picker, self.days_slider, self.unit,
                                 self.make_reset_button()])
        super().__init__([controls], model={"task": str(first), "days": int(days)}, chart=chart)

    def set_slip(self, task, days):
        """Make ``task`` late by ``days`` working days, and recompute."""
        with self.quietly():
            self.task_picker.value = str(task)
            self.days_slider.value = int(days)
        self.apply(task=str(task), days=int(days))

    @property
    def impact(self):
        """The :class:`~pmo_lessons.dependencies.SlipImpact` on screen."""
        return self.result

    # --- the explorer's model, summary and chart -------------------------------------

    def compute(self, task, days):
        return slip_impact(self.tasks, self.projects, self.dependencies, {task: days},
                           self.calendar)

    def update_controls(self):
        self.task_picker.value = self.model["task"]
        self.days_slider.value = self.model["days"]

    def describe(self):
        impact = self.impact
        task, days = self.model["task"], self.model["days"]
        summary = impact.projects.set_index("project")
        source = ", ".join(summary.index[summary["source"]])
        warn = impact.to_warn()
        lines = [f"<b>{html.escape(task)} late by {days} working days</b> ({html.escape(source)})."]
        if warn:
            moves = ", ".join(f"{html.escape(p)} (+{summary.at[p, 'end_move_days']:g} at its end)"
                              for p in warn)
            lines.append(f"<span style='color:{RAG_COLOURS['red']}'><b>Warn:</b> {moves}</span>")
        else:
            lines.append("<b>Warn:</b> no other project: the slack between the projects absorbs it.")
        rows = "".join(
            f"<tr><td>{html.escape(r.project)}</td><td>{html.escape(str(i))}</td>"
            f"<td>{html.escape(r.name)}</td><td>{date_text(r.planned)}</td>"
            f"<td>{date_text(r.forecast)}</td><td>+{r.moved_days:g}</td></tr>"
            for i, r in impact.moved.iterrows())
        if rows:
            lines.append("<table style='border-collapse:collapse'><tr><th>project</th>"
                         "<th>milestone</th><th></th><th>planned</th><th>forecast</th>"
                         f"<th>working days</th></tr>{rows}</table>")
        if impact.dependencies is not None:
            used = impact.dependencies[impact.dependencies["slack_after"]
                                       < impact.dependencies["slack_days"]]
            if len(used):
                lines.append("<b>Slack used up:</b> " + ", ".join(
                    f"{html.escape(r.id)} {r.slack_days:g} &rarr; {r.slack_after:g} d"
                    for r in used.itertuples()))
        return "<br>".join(lines)

    def draw(self):
        return dependency_map(impact=self.impact, today=self.today)
