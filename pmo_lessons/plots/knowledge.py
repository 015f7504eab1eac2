"""Knowledge charts: document completeness per project, the themes of the lessons-learned log.

The tables come from :func:`pmo_lessons.documents.completeness` and
:func:`pmo_lessons.lessons_learned.recurring_themes`. What is in order is green, a condition
amber, a gap red (the RAG colours of :mod:`pmo_lessons.style`), work still to do grey.
"""

from __future__ import annotations

import numpy as np
from matplotlib.patches import Patch

from ..style import COLOURS, RAG_COLOURS, readable_text
from .base import finished, new_axes, set_title

__all__ = ["document_completeness_chart", "lesson_themes_chart"]

#: The segments of a completeness bar: column of the view, colour, legend.
COMPLETENESS_SEGMENTS = (
    ("in_order", RAG_COLOURS["green"], "in order"),
    ("conditions", RAG_COLOURS["amber"], "condition (does not block)"),
    ("gaps", RAG_COLOURS["red"], "gap from a gate already passed"),
    ("to_do", COLOURS["faint"], "to finish before the next gate"),
)


def document_completeness_chart(view, ax=None, title=None):
    """One bar per project: the documents its next gate needs, by what they mean for the gate.

    ``view`` is :func:`pmo_lessons.documents.completeness`. The bar's length is the number of
    document types required up to the next gate; its segments are those in order, those with a
    condition, the gaps from gates already passed and what is still to do for the next gate. The
    label on the right gives the share in order and the decision as the documents stand. The
    least complete project comes first.

    >>> from pmo_lessons import data
    >>> from pmo_lessons.documents import completeness
    >>> fig = document_completeness_chart(completeness(data.load_documents(),
    ...                                                data.load_next_gates(), "2026-09-25"))
    >>> [t.get_text() for t in fig.axes[0].get_yticklabels()][:2]
    ['ECO, next gate G3', 'OFM, next gate G5']
    """
    frame = view.sort_values(["completeness", "required"], ascending=[True, False], kind="stable")
    fig, ax, own = new_axes(ax, figsize=(9.5, 0.55 * len(frame) + 1.8))
    rows = np.arange(len(frame))
    left = np.zeros(len(frame))
    for column, colour, _ in COMPLETENESS_SEGMENTS:
        values = frame[column].to_numpy(dtype=float)
        ax.barh(rows, values, left=left, color=colour, height=0.62, zorder=2)
        for row, (start, width) in enumerate(zip(left, values)):
            if width:
                ax.text(start + width / 2, row, f"{width:g}", ha="center", va="center", fontsize=8,
                        color=readable_text(colour), zorder=3)
        left += values
    for row, (total, share, decision) in enumerate(zip(frame["required"], frame["completeness"],
                                                       frame["decision"])):
        ax.text(total + 0.3, row, f"{share:.0%} in order · {decision}", va="center", fontsize=8.5,
                color=COLOURS["ink"])
    ax.set_yticks(rows, [f"{p}, next gate {g}" for p, g in zip(frame.index, frame["gate"])])
    ax.set_ylim(len(frame) - 0.5, -0.5)
    ax.set_xlim(0, frame["required"].max() * 1.45)
    ax.set_xlabel("document types required up to the next gate")
    ax.grid(axis="x", color=COLOURS["grid"], zorder=0)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.legend(handles=[Patch(color=colour, label=label) for _, colour, label in COMPLETENESS_SEGMENTS],
              loc="upper center", bbox_to_anchor=(0.5, -0.16), ncol=2, fontsize=8, frameon=False)
    set_title(ax, title or "Project documents against each project's next gate")
    return finished(fig, own)


def lesson_themes_chart(themes, top=12, ax=None, title=None):
    """The log's themes: lessons per tag, recurring themes in red, the actioned lessons in blue.

    ``themes`` is :func:`pmo_lessons.lessons_learned.recurring_themes`; the ``top`` most
    widespread tags are drawn (its order: projects, then lessons). Each bar is the number of
    lessons with the tag, red when the theme recurs across projects, grey otherwise; its blue part
    the lessons after which the PMO changed something (``actioned``). The label gives the number of
    projects and the theme's characteristic words.

    >>> from pmo_lessons import data
    >>> from pmo_lessons.lessons_learned import recurring_themes
    >>> fig = lesson_themes_chart(recurring_themes(data.load_lessons_learned()), top=3)
    >>> [t.get_text() for t in fig.axes[0].get_yticklabels()]
    ['testing', 'requirements', 'stakeholders']
    """
    frame = themes.head(top)
    fig, ax, own = new_axes(ax, figsize=(10, 0.42 * len(frame) + 1.8))
    rows = np.arange(len(frame))
    colours = [COLOURS["critical"] if recurring else COLOURS["faint"]
               for recurring in frame["recurring"]]
    ax.barh(rows, frame["lessons"], color=colours, height=0.62, zorder=2)
    ax.barh(rows, frame["actioned"], color=COLOURS["task"], height=0.3, zorder=3)
    for row, (lessons, projects, words) in enumerate(zip(frame["lessons"], frame["projects"],
                                                         frame["terms"])):
        ax.text(lessons + 0.2, row, f"{projects} project{'s' if projects != 1 else ''} · {words}",
                va="center", fontsize=8, color=COLOURS["muted"])
    ax.set_yticks(rows, [str(tag) for tag in frame.index])
    ax.set_ylim(len(frame) - 0.5, -0.5)
    ax.set_xlim(0, frame["lessons"].max() * 2.1)
    ax.set_xlabel("lessons with the tag")
    ax.grid(axis="x", color=COLOURS["grid"], zorder=0)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.legend(handles=[Patch(color=COLOURS["critical"], label="recurring across projects"),
                       Patch(color=COLOURS["faint"], label="in fewer projects"),
                       Patch(color=COLOURS["task"], label="lessons the PMO acted on")],
              loc="lower right", fontsize=8, frameon=False)
    set_title(ax, title or "Themes of the lessons-learned log")
    return finished(fig, own)
