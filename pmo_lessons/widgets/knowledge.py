"""Knowledge explorer: :class:`LessonFinder`, describe a new project and read the lessons ranked."""

from __future__ import annotations

import html

import ipywidgets as widgets

from ..lessons_learned import lesson_quality, relevant_lessons
from ..plots.base import finished, new_axes, set_title
from ..style import COLOURS
from .base import Explorer

__all__ = ["LessonFinder"]


class LessonFinder(Explorer):
    """Type a new project's description and see the past lessons most relevant to it, ranked.

    ``log`` is the lessons-learned log (``data.load_lessons_learned()``), ``description`` the
    project to start from (a description that finds no lesson is refused). Write or change the
    description and press **Find lessons**; move **How many** to see more or fewer; tick **Usable
    lessons only** to leave out those the PMO's screen sends back
    (:func:`pmo_lessons.lessons_learned.lesson_quality`). The ranking is
    :func:`pmo_lessons.lessons_learned.relevant_lessons`: the summary lists each lesson with its
    score, the words that matched and its recommendation; the chart (``chart=True``) draws the
    scores. An empty description, or one whose words no lesson uses, is explained in red and the
    last ranking stays.

    Driven from code: :meth:`describe_project`, :meth:`set_top`, :meth:`set_usable_only`; read
    :attr:`result` (the ranked lessons) and :attr:`ids`.

    >>> import pandas as pd
    >>> log = pd.DataFrame({"id": ["L1", "L2"], "what_happened": [
    ...     "The interface failed at go-live under the peak volume of orders.",
    ...     "The racking supplier delivered nine weeks late, with no penalty."],
    ...     "why": ["It was tested with 50 orders only.", "The contract was negotiated on price."],
    ...     "recommendation": ["Run a volume test of every interface at peak load.",
    ...                        "Put penalties and milestones in supply contracts."],
    ...     "tags": ["interfaces, testing", "supplier, contracts"]})
    >>> finder = LessonFinder(log, "A new interface with the bank", chart=False)
    >>> finder.ids
    ['L1']
    >>> finder.describe_project("")
    >>> finder.ids, finder.error.startswith("The description of the new project is empty")
    (['L1'], True)
    """

    def __init__(self, log, description, top=5, usable_only=False, chart=True):
        self.lessons = log.reset_index(drop=True)
        screen = lesson_quality(self.lessons)
        self.usable_ids = set(screen.loc[screen["usable"], "id"])
        self.description_box = widgets.Textarea(value=description, placeholder=(
            "What the project delivers, which systems, who uses it, how it will be tested ..."),
            layout=widgets.Layout(width="95%", height="90px"))
        self.find_button = widgets.Button(description="Find lessons", icon="search",
                                          button_style="primary")
        self.top_slider = widgets.IntSlider(value=top, min=1, max=15, description="How many",
                                            continuous_update=False)
        self.usable_box = widgets.Checkbox(value=usable_only, description="Usable lessons only",
                                           indent=False)
        self.find_button.on_click(lambda _: self.apply(description=self.description_box.value))
        self.on_change(self.top_slider, lambda value: self.apply(top=int(value)))
        self.on_change(self.usable_box, lambda value: self.apply(usable_only=bool(value)))
        controls = [self.description_box,
                    widgets.HBox([self.find_button, self.top_slider, self.usable_box])]
        super().__init__(controls, chart=chart,
                         model={"description": description, "top": top, "usable_only": usable_only})

    # --- driving it from code ------------------------------------------------

    def describe_project(self, description):
        """Rank the lessons for a new description (as typing it and pressing Find lessons)."""
        with self.quietly():
            self.description_box.value = description
        self.apply(description=description)

    def set_top(self, top):
        """Show the ``top`` most relevant lessons."""
        self.apply(top=top)

    def set_usable_only(self, usable_only=True):
        """Leave out (or bring back) the lessons the PMO's screen sends back."""
        self.apply(usable_only=bool(usable_only))

    @property
    def ids(self):
        """The ids of the lessons shown, best first."""
        return self.result["id"].tolist()

    # --- the explorer ------------------------------------------------------------

    def compute(self, description, top, usable_only):
        log = self.lessons[self.lessons["id"].isin(self.usable_ids)] if usable_only else self.lessons
        return relevant_lessons(log, description, top=top)

    def describe(self):
        if self.result.empty:
            return "<p>No lesson shares a word with this description.</p>"
        items = "".join(
            f"<li><b>{html.escape(row['id'])}</b> ({html.escape(str(row.get('project', '')))}, "
            f"score {row['score']:.2f}{'' if row['id'] in self.usable_ids else ', sent back by the screen'}): "
            f"{html.escape(row['what_happened'])} <i>Next time:</i> "
            f"{html.escape(row['recommendation'] or 'no recommendation')} "
            f"<span style='color:{COLOURS['muted']}'>(matched: {html.escape(row['shared_terms'])})"
            "</span></li>"
            for _, row in self.result.iterrows())
        return f"<p><b>The {len(self.result)} most relevant lessons</b></p><ol>{items}</ol>"

    def draw(self):
        frame = self.result
        fig, ax, own = new_axes(None, figsize=(8, 0.4 * max(len(frame), 1) + 1.3))
        colours = [COLOURS["task"] if lesson in self.usable_ids else COLOURS["faint"]
                   for lesson in frame["id"]]
        ax.barh(range(len(frame)), frame["score"], color=colours, height=0.6)
        ax.set_yticks(range(len(frame)), frame["id"].tolist())
        ax.set_ylim(len(frame) - 0.5, -0.5)
        ax.set_xlabel("cosine similarity with the description (grey: sent back by the screen)")
        set_title(ax, "Lessons for the new project, most relevant first")
        return finished(fig, own)
