"""Quality explorer: :class:`XmRExplorer`, move a point or the baseline, watch limits and signals."""

from __future__ import annotations

import html

import ipywidgets as widgets
import pandas as pd

from ..plots.quality import xmr_chart
from ..quality import MIN_POINTS, SIGNALS, xmr
from .base import Explorer

__all__ = ["XmRExplorer"]


class XmRExplorer(Explorer):
    """A process behaviour chart to play with: change a point's value or the baseline.

    ``values`` is the weekly series (a pandas Series indexed by week, or a list), ``baseline``
    the number of first points the limits come from (``None``: all). Pick a point and type its
    value, or move the baseline slider: the limits (:func:`pmo_lessons.quality.xmr`) and the
    signals follow, in the summary and (``chart=True``) on the two-panel chart. A value that is
    not a number, or a baseline too short, is explained in red and not applied.

    Driven from code: :meth:`set_value`, :meth:`set_baseline`, :meth:`reset`; read
    :attr:`result` (the chart's table), :attr:`limits` and :attr:`signals`.

    >>> explorer = XmRExplorer([10, 12, 10, 12, 10, 12, 10, 12, 17], baseline=8, chart=False)
    >>> explorer.signals
    {9: 'beyond limits'}
    >>> explorer.set_value(9, 16)
    >>> explorer.signals, round(explorer.limits["unpl"], 2)
    ({}, 16.32)
    >>> explorer.set_baseline(4)
    >>> explorer.error
    'baseline is 4: it must be from 5 (the fewest points limits can stand on) to 9 (every point of the series).'
    """

    def __init__(self, values, baseline=None, chart=True, unit="defects a week", xlabel="week",
                 lower_bound=0, title=None):
        series = values.copy() if isinstance(values, pd.Series) else pd.Series(
            list(values), index=pd.RangeIndex(1, len(values) + 1, name="point"))
        self.unit, self.xlabel, self.lower_bound, self.title = unit, xlabel, lower_bound, title
        size = len(series) if baseline is None else baseline
        self.point_picker = widgets.Dropdown(options=[(str(label), label) for label in series.index],
                                             description=str(series.index.name or "point").capitalize(),
                                             layout=widgets.Layout(width="220px"))
        self.value_box = widgets.FloatText(description="Value", layout=widgets.Layout(width="200px"))
        self.baseline_slider = widgets.IntSlider(min=MIN_POINTS, max=max(MIN_POINTS, len(series)),
                                                 value=min(max(size, MIN_POINTS), len(series)),
                                                 description="Baseline", continuous_update=False,
                                                 style={"description_width": "70px"},
                                                 layout=widgets.Layout(width="420px"))
        self.reset_button = self.make_reset_button("Reset")
        self.on_change(self.point_picker, lambda _: self.show_controls())
        self.on_change(self.value_box, self._on_value)
        self.on_change(self.baseline_slider, lambda size: self.apply(baseline=int(size)))
        controls = widgets.VBox([widgets.HBox([self.point_picker, self.value_box, self.reset_button]),
                                 self.baseline_slider])
        super().__init__([controls], chart=chart, model={"values": series, "baseline": size})

    # --- driving it from code ------------------------------------------------

    def set_value(self, label, value):
        """Change the value of the point ``label`` (a week) and recompute."""
        values = self.model["values"]
        if label not in values.index:
            self.error = (f"No point {label!r}; the points are {values.index[0]!r} to "
                          f"{values.index[-1]!r}.")
            self.show()
            return
        trial = values.astype(object).copy()
        trial[label] = value
        with self.quietly():
            self.point_picker.value = label
        self.apply(values=trial)

    def set_baseline(self, size):
        """Take the limits from the first ``size`` points and recompute."""
        self.apply(baseline=size)

    @property
    def limits(self):
        """The centre line and limits now on the chart: ``centre, unpl, lnpl, url``."""
        return self.result.iloc[0][["centre", "unpl", "lnpl", "url"]].astype(float).to_dict()

    @property
    def signals(self):
        """Point -> the detection rule it breaks, for the points with a signal."""
        marked = self.result[self.result["signal"] != ""]
        return dict(zip(marked.index, marked["signal"]))

    # --- the explorer's model, summary and chart -------------------------------

    def compute(self, values, baseline):
        return xmr(values, baseline=baseline)

    def update_controls(self):
        label = self.point_picker.value
        self.value_box.value = float(self.result.at[label, "value"])
        self.baseline_slider.value = int(self.result["in_baseline"].sum())

    def describe(self):
        limits = self.limits
        size = int(self.result["in_baseline"].sum())
        lines = [f"<b>Limits from the first {size} points:</b> centre {limits['centre']:.1f}, "
                 f"natural process limits {limits['lnpl']:.1f} to {limits['unpl']:.1f}, "
                 f"upper range limit {limits['url']:.1f}"]
        found = self.signals
        if not found:
            lines.append("<b>No signal:</b> every point is routine variation; do not react to "
                         "any one of them.")
        for rule in SIGNALS:
            points = [str(point) for point, name in found.items() if name == rule]
            if points:
                lines.append(f"<b>{html.escape(rule)}:</b> {html.escape(', '.join(points))}")
        jumps = self.result.index[self.result["range_signal"] != ""]
        if len(jumps):
            lines.append("<b>Jumps above the upper range limit:</b> "
                         + html.escape(", ".join(str(point) for point in jumps)))
        return "<br>".join(lines)

    def draw(self):
        return xmr_chart(self.result, title=self.title, unit=self.unit,
                         lower_bound=self.lower_bound, xlabel=self.xlabel)

    def _on_value(self, value):
        trial = self.model["values"].astype(object).copy()
        trial[self.point_picker.value] = value
        self.apply(values=trial)
