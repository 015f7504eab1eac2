"""Risk explorer: :class:`RiskExplorer`, move an estimate or a risk's probability, watch P80 and the tornado."""

from __future__ import annotations

import html

import ipywidgets as widgets
import matplotlib.pyplot as plt

from ..errors import InputError
from ..plots.risk import finish_distribution, tornado
from ..risk import monte_carlo
from .base import Explorer

__all__ = ["RiskExplorer"]

_ESTIMATES = ("optimistic", "most_likely", "pessimistic")


class RiskExplorer(Explorer):
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
        self.baseline = tasks.reset_index(drop=True).copy()
        for column in _ESTIMATES:
            self.baseline[column] = self.baseline[column].astype(float)
        self.baseline_risks = None if risks is None else risks.reset_index(drop=True).copy()
        self.iterations, self.seed, self.distribution = iterations, seed, distribution
        self.top, self.unit = top, unit

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
        self.on_change(self.task_picker, lambda _: self.show_controls())
        for box in (self.optimistic, self.most_likely, self.pessimistic):
            self.on_change(box, lambda _: self._on_estimate())
        self.risk_picker = self.probability = None
        if self.baseline_risks is not None and len(self.baseline_risks):
            events = self.baseline_risks
            labels = (events["id"].astype(str) + "  on " + events["task_id"].astype(str)
                      + (" (+" + events["delay"].map("{:g}".format) + " days)"))
            self.risk_picker = widgets.Dropdown(options=list(zip(labels, events["id"].astype(str))),
                                                description="Risk", layout=widgets.Layout(width="420px"))
            self.probability = widgets.FloatSlider(min=0, max=1, step=0.05, description="Probability",
                                                   continuous_update=False, readout_format=".0%",
                                                   style={"description_width": "90px"})
            controls += [self.risk_picker, self.probability]
            self.on_change(self.risk_picker, lambda _: self.show_controls())
            self.on_change(self.probability, self._on_probability)
        self.reset_button = self.make_reset_button("Reset")
        super().__init__([widgets.HBox([widgets.VBox(controls), self.reset_button])], chart=chart,
                         model={"tasks": self.baseline.copy(),
                                "risks": None if risks is None else self.baseline_risks.copy()})

    # --- driving it from code ------------------------------------------------

    def set_estimate(self, task_id, optimistic=None, most_likely=None, pessimistic=None):
        """Change a task's three-point estimate (the values not given are kept) and rerun."""
        row = self._row(str(task_id))
        values = {"optimistic": optimistic, "most_likely": most_likely, "pessimistic": pessimistic}
        trial = self.tasks.copy()
        for column, value in values.items():
            if value is not None:
                trial.at[row, column] = float(value)
        with self.quietly():
            self.task_picker.value = str(task_id)
        self.apply(tasks=trial)

    def set_probability(self, risk_id, probability):
        """Change a risk event's probability (0..1) and rerun."""
        if self.risks is None:
            raise InputError("This explorer has no risk events; pass risks=... to create it.")
        rows = self.risks.index[self.risks["id"].astype(str) == str(risk_id)]
        if not len(rows):
            raise InputError(f"No risk {risk_id!r}; valid: {', '.join(self.risks['id'].astype(str))}.")
        trial = self.risks.copy()
        trial.at[rows[0], "probability"] = float(probability)
        with self.quietly():
            self.risk_picker.value = str(risk_id)
        self.apply(risks=trial)

    @property
    def tasks(self):
        """The task table with the estimates as changed."""
        return self.model["tasks"]

    @property
    def risks(self):
        """The risk events with the probabilities as changed (None without risk events)."""
        return self.model["risks"]

    @property
    def p80(self):
        """The P80 finish of the current simulation."""
        return self.result.percentile(80)

    # --- the explorer's model, summary and chart -------------------------------

    def compute(self, tasks, risks):
        return monte_carlo(tasks, iterations=self.iterations, seed=self.seed,
                           distribution=self.distribution, risks=risks)

    def update_controls(self):
        row = self._row(self.task_picker.value)
        for column, box in zip(_ESTIMATES, (self.optimistic, self.most_likely, self.pessimistic)):
            box.value = float(self.tasks.at[row, column])
        if self.risk_picker is not None:
            chosen = self.risks["id"].astype(str) == self.risk_picker.value
            self.probability.value = float(self.risks.loc[chosen, "probability"].iloc[0])

    def describe(self):
        r = self.result
        plan = r.deterministic_finish
        top = r.sensitivity.abs().idxmax() if r.sensitivity.abs().max() > 0 else "-"
        return "<br>".join([
            f"<b>P50:</b> {r.percentile(50):.1f} &nbsp; <b>P80:</b> {r.percentile(80):.1f} "
            f"{html.escape(self.unit)} &nbsp; <b>plan (CPM):</b> {plan:g}, met in "
            f"{r.probability(plan):.0%} of {r.iterations:,} iterations",
            f"<b>Schedule reserve for P80:</b> {r.percentile(80) - plan:.1f} {html.escape(self.unit)}"
            f" &nbsp; <b>Top driver:</b> {html.escape(str(top))} "
            f"{html.escape(self.names.get(top, '')) if top != '-' else ''}",
        ])

    def draw(self):
        fig, (left, right) = plt.subplots(1, 2, figsize=(14, 4.4), layout="constrained",
                                          gridspec_kw={"width_ratios": [1.3, 1]})
        finish_distribution(self.result, ax=left, unit=self.unit, title="Finish")
        tornado(self.result, top=self.top, ax=right, title="Tornado")
        plt.close(fig)
        return fig

    def _row(self, task_id):
        matches = self.tasks.index[self.tasks["id"].astype(str) == task_id]
        if not len(matches):
            raise InputError(f"No task {task_id!r} in the explorer's network.")
        return matches[0]

    def _on_estimate(self):
        trial = self.tasks.copy()
        row = self._row(self.task_picker.value)
        for column, box in zip(_ESTIMATES, (self.optimistic, self.most_likely, self.pessimistic)):
            trial.at[row, column] = box.value
        self.apply(tasks=trial)

    def _on_probability(self, probability):
        trial = self.risks.copy()
        trial.loc[trial["id"].astype(str) == self.risk_picker.value, "probability"] = probability
        self.apply(risks=trial)
