"""Agile explorer: :class:`ForecastExplorer`, change the backlog, the history window or the
confidence, and watch the forecast move."""

from __future__ import annotations

import html

import ipywidgets as widgets
import matplotlib.pyplot as plt
import pandas as pd

from ..agile import forecast_how_many, forecast_when, periods_until
from ..calendars import as_calendar
from ..errors import InputError
from ..formats import date_text
from ..plots.agile import forecast_histogram, throughput_run_chart
from ..style import COLOURS
from .base import Explorer

__all__ = ["ForecastExplorer"]


class ForecastExplorer(Explorer):
    """Forecast explorer: the backlog, the weeks of history, the confidence; the date follows.

    ``throughput`` is the team's throughput per period (``flow.throughput``: weeks labelled
    by their Friday), ``backlog`` the items left, ``start`` the first day of the forecast.
    Three controls: the **backlog** (items left: add the work you expect to be found), the
    **history window** (which past periods the Monte Carlo resamples: drop a period that does
    not stand for the future, and see what it changes), and the **confidence** (50 % is a
    coin flip; 85 % is what a steering committee can plan on). The summary gives the date at
    that confidence and at 50 %, the stability of the window (:func:`~pmo_lessons.agile.
    throughput_stability`), and with a ``target`` date the chance of meeting it and how many
    items will be done by then at that confidence. The chart shows the whole history with the
    window shaded, and the forecast's distribution.

    The simulation (:func:`~pmo_lessons.agile.forecast_when`, ``seed`` fixed) is the same
    every time, so a change shows its own effect and not noise. A window without a period,
    a negative backlog or a confidence outside 1-100 is explained in red and not applied.
    Drive it from code with :meth:`set_backlog`, :meth:`set_window`, :meth:`set_confidence`.

    >>> import pandas as pd
    >>> weeks = pd.Series([2, 3, 1, 2, 4, 5, 4, 3, 5, 4],
    ...                   index=pd.date_range("2026-07-17", periods=10, freq="7D"))
    >>> explorer = ForecastExplorer(weeks, backlog=20, start="2026-09-28", iterations=2000,
    ...                             chart=False)
    >>> early = explorer.date
    >>> explorer.set_window("2026-08-21", "2026-09-18")    # the five weeks of the new pace
    >>> explorer.date < early
    True
    >>> explorer.set_confidence(0)
    >>> explorer.error
    'confidence 0: valid: a percentage above 0 and up to 100 (85 for 85 %).'
    """

    def __init__(self, throughput, backlog, start, target=None, confidence=85, window=None,
                 iterations=10_000, seed=1, period="week", calendar=None, unit="items",
                 chart=True):
        if not isinstance(throughput, pd.Series) or throughput.empty:
            raise InputError("ForecastExplorer needs the throughput as a pandas Series with one "
                             "value per period (flow_metrics(...).throughput).")
        self.history = throughput.copy()
        self.start = pd.Timestamp(start)
        self.target = pd.Timestamp(target) if target is not None else None
        self.iterations, self.seed, self.period, self.unit = iterations, seed, period, unit
        self.calendar = as_calendar(calendar)
        labels = list(self.history.index)
        window = tuple(window) if window is not None else (labels[0], labels[-1])
        self.backlog_slider = widgets.IntSlider(
            value=int(backlog), min=0, max=max(50, 3 * int(backlog)), description="Backlog",
            continuous_update=False, style={"description_width": "110px"},
            layout=widgets.Layout(width="460px"))
        self.window_slider = widgets.SelectionRangeSlider(
            options=[(self._label(k), k) for k in labels], index=(0, len(labels) - 1),
            description="History", continuous_update=False, style={"description_width": "110px"},
            layout=widgets.Layout(width="640px"))
        self.confidence_slider = widgets.IntSlider(
            value=int(confidence), min=50, max=95, step=5, description="Confidence %",
            continuous_update=False, style={"description_width": "110px"},
            layout=widgets.Layout(width="460px"))
        self.on_change(self.backlog_slider, lambda value: self.apply(backlog=value))
        self.on_change(self.window_slider, lambda value: self.apply(window=tuple(value)))
        self.on_change(self.confidence_slider, lambda value: self.apply(confidence=value))
        self.reset_button = self.make_reset_button("Reset")
        controls = widgets.HBox([widgets.VBox([self.backlog_slider, self.window_slider,
                                               self.confidence_slider]), self.reset_button])
        super().__init__([controls], chart=chart, model={
            "backlog": backlog, "window": (pd.Timestamp(window[0]) if self._dated else window[0],
                                           pd.Timestamp(window[1]) if self._dated else window[1]),
            "confidence": confidence})

    # --- driving it from code ------------------------------------------------

    def set_backlog(self, items):
        """Change the items left and forecast again."""
        self.apply(backlog=items)

    def set_window(self, first, last):
        """Resample only the periods from ``first`` to ``last`` (their labels, both included)."""
        if self._dated:
            first, last = pd.Timestamp(first), pd.Timestamp(last)
        self.apply(window=(first, last))

    def set_confidence(self, percent):
        """Read the forecast at ``percent`` % confidence."""
        self.apply(confidence=percent)

    @property
    def forecast(self):
        """The :class:`~pmo_lessons.agile.WhenForecast` of the current model."""
        return self.result["when"]

    @property
    def date(self):
        """The date reached at the current confidence."""
        return self.result["when"].date_at(self.model["confidence"])

    # --- the explorer's model, summary and chart -------------------------------

    @property
    def _dated(self):
        return isinstance(self.history.index, pd.DatetimeIndex)

    def _label(self, value):
        return f"{value:%d %b}" if isinstance(value, pd.Timestamp) else str(value)

    def compute(self, backlog, window, confidence):
        if isinstance(confidence, bool) or not isinstance(confidence, (int, float)) \
                or not 0 < confidence <= 100:
            raise InputError(f"confidence {confidence!r}: valid: a percentage above 0 and up to "
                             "100 (85 for 85 %).")
        first, last = window
        history = self.history.loc[first:last]
        if history.empty:
            raise InputError(f"The window {self._label(first)} to {self._label(last)} holds no "
                             "period of the history: widen it.")
        when = forecast_when(history, backlog, iterations=self.iterations, seed=self.seed,
                             start=self.start, period=self.period, calendar=self.calendar)
        how_many = None
        if self.target is not None:
            periods = periods_until(self.start, self.target, self.period, self.calendar)
            how_many = forecast_how_many(history, periods, iterations=self.iterations,
                                         seed=self.seed)
        return {"when": when, "how_many": how_many, "history": history}

    def update_controls(self):
        self.backlog_slider.max = max(self.backlog_slider.max, int(self.model["backlog"]))
        self.backlog_slider.value = int(self.model["backlog"])
        first, last = self.model["window"]
        self.window_slider.value = (first, last)
        self.confidence_slider.value = min(95, max(50, int(self.model["confidence"])))

    def describe(self):
        when, history = self.result["when"], self.result["history"]
        q = self.model["confidence"]
        lines = [
            f"<b>{self.model['backlog']} {html.escape(self.unit)} left, at {q:g} % confidence:</b> "
            f"done by {date_text(when.date_at(q))} ({when.percentile(q)} {self.period}s) "
            f"&nbsp; <b>50 %:</b> {date_text(when.date_at(50))}",
            f"<b>History:</b> {len(history)} periods, {self._label(history.index[0])} to "
            f"{self._label(history.index[-1])}, mean {history.mean():.1f} a {self.period}. "
            + (html.escape(when.stability.reading) if when.stability is not None
               else "Too few periods for a stability check (5 needed)."),
        ]
        if self.target is not None:
            many = self.result["how_many"]
            lines.append(
                f"<b>Target {date_text(self.target)}:</b> {when.probability(date=self.target):.0%} "
                f"chance; by then, at {q:g} % confidence, at least {many.at_confidence(q):g} "
                f"{html.escape(self.unit)} done")
        return "<br>".join(lines)

    def draw(self):
        fig, (left, right) = plt.subplots(1, 2, figsize=(14, 4.4), layout="constrained")
        throughput_run_chart(self.history, self.result["when"].stability, ax=left, unit=self.unit,
                             title="History (the window is shaded; limits from the window)")
        first, last = self.model["window"]
        left.axvspan(first, last, color=COLOURS["shade"], zorder=0)
        forecast_histogram(self.result["when"], confidence=self.model["confidence"],
                           target=self.target, ax=right, title="When will it be done?")
        plt.close(fig)
        return fig
