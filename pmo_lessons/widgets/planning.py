"""Planning explorer: :class:`WhatIf`, change a task's duration or predecessors, watch the critical path."""

from __future__ import annotations

import html

import ipywidgets as widgets

from ..plots.planning import gantt
from ..schedule import cpm, critical_path, to_dates
from ..style import INK, RAG_COLOURS
from .base import Explorer

__all__ = ["WhatIf"]


class WhatIf(Explorer):
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

    >>> import pandas as pd
    >>> tasks = pd.DataFrame({"id": ["A", "B", "C"], "duration": [3, 2, 4],
    ...                       "predecessors": ["", "A", "A"]})
    >>> explorer = WhatIf(tasks, chart=False)
    >>> explorer.finish, explorer.critical
    (7.0, ['A', 'C'])
    >>> explorer.set_predecessors("A", "C")  # a cycle: explained, not applied
    >>> explorer.finish, explorer.error.startswith("The network has a cycle")
    (7.0, True)
    """

    def __init__(self, tasks, start=None, holidays=(), label="both", chart=True, unit=None):
        self.baseline = tasks.reset_index(drop=True).copy()
        if "predecessors" not in self.baseline.columns:
            self.baseline["predecessors"] = ""
        self.baseline["predecessors"] = self.baseline["predecessors"].fillna("").astype(str)
        self.start, self.holidays, self.label = start, holidays, label
        self.unit = unit or ("working days" if start is not None else "periods")
        self.baseline_finish = cpm(self.baseline)["ef"].max()

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
        self.reset_button = self.make_reset_button("Reset to baseline")

        self.on_change(self.task_picker, lambda _: self.show_controls())  # a pick is not an edit
        self.on_change(self.duration_slider, lambda value: self._edit("duration", float(value)))
        self.on_change(self.predecessors_box, lambda text: self._edit("predecessors", text))

        controls = widgets.HBox([widgets.VBox([self.task_picker, self.predecessors_box]),
                                 widgets.VBox([self.duration_slider, self.reset_button])])
        super().__init__([controls], model={"tasks": self.baseline.copy()}, chart=chart)

    # --- driving it from code ------------------------------------------------

    def set_duration(self, task_id, duration):
        """Set a task's duration (periods) and recompute."""
        self.task_picker.value = str(task_id)
        self.duration_slider.value = float(duration)

    def set_predecessors(self, task_id, text):
        """Replace a task's predecessors (e.g. ``"A, B SS+2"``) and recompute."""
        self.task_picker.value = str(task_id)
        self.predecessors_box.value = text

    @property
    def tasks(self):
        """The task table of the current plan."""
        return self.model["tasks"]

    @property
    def schedule(self):
        """The :func:`~pmo_lessons.schedule.cpm` schedule of the current plan."""
        return self.result

    @property
    def finish(self):
        """The end of the current plan, in periods."""
        return float(self.schedule["ef"].max())

    @property
    def critical(self):
        """One critical path of the current plan, as task ids in order."""
        return critical_path(self.schedule, self.tasks)

    # --- the explorer's model, summary and chart -------------------------------

    def compute(self, tasks):
        return cpm(tasks)

    def update_controls(self):
        row = self._row(self.task_picker.value)
        self.duration_slider.value = float(self.tasks.at[row, "duration"])
        self.predecessors_box.value = self.tasks.at[row, "predecessors"]

    def describe(self):
        delta = self.finish - self.baseline_finish
        end = f"{self.finish:g} {self.unit}"
        if self.start is not None:
            last_day = to_dates(self.schedule, self.start, self.holidays)["finish_date"].max()
            end += f" ({last_day:%a %d %b %Y})"
        change = ("same as the baseline" if delta == 0 else
                  f"{_amount(abs(delta), self.unit)} {'later' if delta > 0 else 'earlier'} than the baseline")
        colour = RAG_COLOURS["red"] if delta > 0 else RAG_COLOURS["green"] if delta < 0 else INK
        return "<br>".join([
            f"<b>End:</b> {html.escape(end)} &mdash; <span style='color:{colour}'>{change}</span>",
            f"<b>Critical path:</b> {' &rarr; '.join(html.escape(t) for t in self.critical)}",
        ])

    def draw(self):
        schedule = self.schedule
        if self.start is not None:
            schedule = to_dates(schedule, self.start, self.holidays)
        return gantt(schedule, self.tasks, label=self.label, unit=self.unit,
                     title=f"What-if plan: {self.finish:g} {self.unit}")

    def _row(self, task_id):
        return self.tasks.index[self.tasks["id"].astype(str) == task_id][0]

    def _edit(self, column, value):
        trial = self.tasks.copy()
        trial[column] = trial[column].astype(object)
        trial.at[self._row(self.task_picker.value), column] = value
        self.apply(tasks=trial)


def _amount(number, unit):
    """'1 week', '3 weeks': the unit in the singular for exactly one."""
    return f"{number:g} {unit[:-1] if number == 1 and unit.endswith('s') else unit}"
