"""Interactive explorers for the lessons, built with ipywidgets.

:class:`WhatIf` lets a trainee change a task's duration or its predecessors
and watch the critical path and the end date move. Everything it shows is
computed by :mod:`pmo_lessons.schedule`; the widget only wires controls to it.

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

__all__ = ["WhatIf"]


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
