"""What every chart of the kit shares: its figure or the caller's axes, its title, date axes, row labels.

A chart function of :mod:`pmo_lessons.plots` follows one pattern::

    fig, ax, own = new_axes(ax, figsize=(10, 4))  # a new figure, or the caller's axes
    ...                                           # draw, in the colours of pmo_lessons.style
    set_title(ax, title or "A default title")
    return finished(fig, own)                     # closed with pyplot: a notebook shows it once

A chart for a new competence (quality, budget ...) goes in a module of its own
beside the others, draws this way and is re-exported by ``plots/__init__.py``.

>>> fig, ax, own = new_axes(None, figsize=(4, 2))
>>> set_title(ax, "Two tasks")
>>> finished(fig, own) is fig, ax.get_title(loc="left")
(True, 'Two tasks')
"""

from __future__ import annotations

import matplotlib.dates as mdates
import matplotlib.pyplot as plt

from ..style import TITLE_SIZE

__all__ = ["new_axes", "finished", "set_title", "date_axis", "task_names", "row_label", "signed"]


def new_axes(ax, figsize):
    """The figure and axes to draw on, and whether the chart owns them.

    With ``ax=None`` a new figure of ``figsize`` inches (constrained layout);
    otherwise the caller's axes, in the caller's figure (a subplot of a larger
    figure, as the explorers do).

    >>> fig, ax, own = new_axes(None, (3, 2))
    >>> own, new_axes(ax, (9, 9))[2]
    (True, False)
    """
    if ax is not None:
        return ax.figure, ax, False
    fig, ax = plt.subplots(figsize=figsize, layout="constrained")
    return fig, ax, True


def finished(fig, own):
    """Return the chart's figure, closed with pyplot when the chart made it.

    A closed figure is shown once, as the notebook cell's result, and not a
    second time by the inline backend; the figure itself still draws and saves.

    >>> fig, ax, own = new_axes(None, (3, 2))
    >>> finished(fig, own) is fig, plt.fignum_exists(fig.number)
    (True, False)
    """
    if own:
        plt.close(fig)
    return fig


def set_title(ax, text, **options):
    """Write a chart's title the kit's way: at the left, bold, :data:`~pmo_lessons.style.TITLE_SIZE`.

    ``options`` go to matplotlib (``pad=12`` for a title above tick labels).

    >>> fig, ax, own = new_axes(None, (3, 2))
    >>> set_title(ax, "Risks")
    >>> ax.get_title(loc="left"), ax.get_title(loc="center")
    ('Risks', '')
    """
    ax.set_title(text, loc="left", fontsize=TITLE_SIZE, fontweight="bold", **options)


def date_axis(ax, minticks=4, maxticks=10):
    """Date ticks on the x axis, concise (``Mar``, ``09``, ``2026`` once), between two tick counts.

    >>> import pandas as pd
    >>> fig, ax, own = new_axes(None, (4, 2))
    >>> _ = ax.plot(pd.to_datetime(["2026-01-05", "2026-03-27"]), [0, 1])
    >>> date_axis(ax)
    >>> type(ax.xaxis.get_major_formatter()).__name__
    'ConciseDateFormatter'
    """
    locator = mdates.AutoDateLocator(minticks=minticks, maxticks=maxticks)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))


def task_names(tasks):
    """Task id -> name from a task table's ``id`` and ``name`` (empty without a ``name`` column).

    >>> import pandas as pd
    >>> task_names(pd.DataFrame({"id": ["A"], "name": ["Design"]})), task_names(None)
    ({'A': 'Design'}, {})
    """
    if tasks is None or "name" not in tasks.columns:
        return {}
    return dict(zip(tasks["id"].astype(str), tasks["name"].astype(str)))


def row_label(task_id, name, label="id"):
    """The label of a chart row: the ``"id"``, the ``"name"`` or ``"both"`` (the id without a name).

    >>> row_label("A", "Design", "both"), row_label("A", "Design", "name"), row_label("A", None, "name")
    ('A  Design', 'Design', 'A')
    """
    if label == "name" and name:
        return name
    if label == "both" and name:
        return f"{task_id}  {name}"
    return str(task_id)


def signed(number):
    """A lag or a shift with its sign (``+2``, ``-1``), and nothing for zero.

    >>> signed(2), signed(-1.5), signed(0)
    ('+2', '-1.5', '')
    """
    return "" if number == 0 else f"{number:+g}"
