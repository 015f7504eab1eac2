"""The explorer cycle of the kit, written once: try a change, keep the last valid state, say why, redraw.

Every explorer of :mod:`pmo_lessons.widgets` is an :class:`Explorer`; one for a
new competence is built the same way (see the example in :class:`Explorer`).
"""

from __future__ import annotations

import contextlib
import copy
import html

import ipywidgets as widgets
from IPython.display import display

from ..errors import InputError
from ..style import RAG_COLOURS

__all__ = ["Explorer"]


class Explorer(widgets.VBox):
    """An explorer: controls on top, a summary and a chart below, one model behind them.

    The **model** is a dict of named parts (a task table, the capacities, a
    budget ...); the **result** is what the kit's computation makes of it (a
    schedule, a dashboard, a simulation). An explorer for a new competence
    writes three things, and nothing else:

    1. **its controls**, built in ``__init__`` and passed to
       ``super().__init__(controls, model=..., chart=...)`` with the model to
       start from; each control is wired with :meth:`on_change`, which calls
       its handler when the trainee moves it (not when the explorer moves it
       itself), and a reset button comes from :meth:`make_reset_button`;
    2. **how a change applies to the model**: a handler calls
       :meth:`apply` with the parts it changes (``self.apply(budget=value)``),
       and :meth:`compute` turns a whole model into its result, raising
       :class:`~pmo_lessons.errors.InputError` for a model it cannot accept;
    3. **how to show it**: :meth:`describe` returns the summary as HTML,
       :meth:`draw` the chart (a matplotlib figure), and
       :meth:`update_controls` (optional) moves the controls to the model.

    The cycle is here, once for all explorers. :meth:`apply` computes the
    changed model; when :meth:`compute` raises ``InputError`` the last valid
    model and result stay on screen, the controls go back to them, the message
    is kept in :attr:`error` and shown in red after "Not applied:"; otherwise
    the model and the result are replaced, :attr:`error` is cleared, the
    summary and the chart (``chart=True``) are redrawn. :meth:`reset` goes back
    to the model the explorer started with. A starting model that does not
    compute raises its ``InputError`` at once. The last chart drawn stays in
    :attr:`last_figure`, so tests and trainers can read it.

    A small explorer of a contingency reserve, driven from code as the tests do:

    >>> import ipywidgets as widgets
    >>> from pmo_lessons.errors import InputError
    >>> class ReserveExplorer(Explorer):
    ...     '''The contingency reserve of a budget, as a share of its cost (at most 50 %).'''
    ...
    ...     def __init__(self, cost, share=0.1, chart=False):
    ...         self.share_slider = widgets.FloatSlider(value=share, max=1, step=0.05)
    ...         self.on_change(self.share_slider, lambda value: self.apply(share=value))
    ...         super().__init__([self.share_slider], model={"cost": cost, "share": share},
    ...                          chart=chart)
    ...
    ...     def compute(self, cost, share):
    ...         if share > 0.5:
    ...             raise InputError(f"A reserve of {share:.0%} is above the ceiling of 50%.")
    ...         return cost * share
    ...
    ...     def describe(self):
    ...         return f"<b>Reserve:</b> {self.result:,.0f} EUR"
    ...
    ...     def update_controls(self):
    ...         self.share_slider.value = self.model["share"]
    >>> explorer = ReserveExplorer(200_000)
    >>> explorer.share_slider.value = 0.2  # as a trainee moves the slider
    >>> explorer.result, explorer.summary.value
    (40000.0, '<b>Reserve:</b> 40,000 EUR')
    >>> explorer.share_slider.value = 0.8  # refused: the last valid reserve stays
    >>> explorer.result, explorer.share_slider.value, explorer.error
    (40000.0, 0.2, 'A reserve of 80% is above the ceiling of 50%.')
    >>> "Not applied" in explorer.summary.value
    True
    >>> explorer.reset()
    >>> explorer.result, explorer.error
    (20000.0, None)
    """

    _quiet = True  # controls moved before the explorer is ready are not edits

    def __init__(self, controls, model, chart=True):
        self.model = dict(model)
        self.initial = copy.deepcopy(self.model)
        self.chart = chart
        self.error = None
        self.last_figure = None
        self.summary = widgets.HTML()
        self.figure = widgets.Output()
        self.result = self.compute(**self.model)
        super().__init__([*controls, self.summary, self.figure])
        self.show_controls()
        self._quiet = False
        self.show()
        self.redraw()

    # --- what an explorer writes ---------------------------------------------------

    def compute(self, **model):
        """The result of a model (its parts as keywords); raise InputError when it is not valid."""
        raise NotImplementedError(f"{type(self).__name__} must say how to compute its model.")

    def describe(self):
        """The summary of the current result, as HTML (the base adds the "Not applied" line)."""
        return ""

    def draw(self):
        """The chart of the current result: a matplotlib figure, or None for no chart."""
        return None

    def update_controls(self):
        """Move the controls to the current model (called quietly: no control edits it)."""

    # --- the cycle -----------------------------------------------------------------

    def apply(self, **changes):
        """Try a change of the model's parts: keep it if it computes, else say why; True if applied."""
        unknown = sorted(set(changes) - set(self.model))
        if unknown:
            raise TypeError(f"{type(self).__name__} has no model part {', '.join(unknown)}; "
                            f"its parts are {', '.join(self.model)}.")
        trial = {**self.model, **changes}
        try:
            result = self.compute(**trial)
        except InputError as error:  # keep the last valid state, say why
            self.error = str(error)
            self.show_controls()
            self.show()
            return False
        self.model, self.result, self.error = trial, result, None
        self.show_controls()
        self.show()
        self.redraw()
        return True

    def reset(self):
        """Go back to the model the explorer started with."""
        self.apply(**copy.deepcopy(self.initial))

    def show(self):
        """Write the summary of the current result, and why the last change was not applied."""
        text = self.describe()
        if self.error:
            text += (f"<p style='color:{RAG_COLOURS['red']}'><b>Not applied:</b> "
                     f"{html.escape(self.error)}</p>")
        self.summary.value = text

    def redraw(self):
        """Draw the chart of the current result again (when the explorer has ``chart=True``)."""
        if not self.chart:
            return
        fig = self.draw()
        if fig is None:
            return
        self.last_figure = fig
        self.figure.clear_output(wait=True)
        with self.figure:
            display(fig)

    # --- wiring controls -------------------------------------------------------------

    def on_change(self, control, handler):
        """Call ``handler(new value)`` when the trainee changes ``control`` (not the explorer)."""
        def heard(change):
            if not self._quiet:
                handler(change["new"])

        control.observe(heard, names="value")

    def make_reset_button(self, description="Reset"):
        """A button that calls :meth:`reset`."""
        button = widgets.Button(description=description, icon="undo")
        button.on_click(lambda _: self.reset())
        return button

    @contextlib.contextmanager
    def quietly(self):
        """Within this block, the explorer moves its controls without taking it as an edit."""
        before, self._quiet = self._quiet, True
        try:
            yield
        finally:
            self._quiet = before

    def show_controls(self):
        """Move the controls to the model, quietly (after a pick, a change, a refusal, a reset)."""
        with self.quietly():
            self.update_controls()
