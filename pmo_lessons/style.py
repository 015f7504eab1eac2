"""The kit's one palette: the colours of the charts, the explorers and the HTML reports.

Plain data and small helpers, no matplotlib: :mod:`pmo_lessons.report` (HTML
pages), :mod:`pmo_lessons.plots` (charts) and :mod:`pmo_lessons.widgets`
(explorers) all read their colours here, so the red of a RAG badge in a report
is the red of a critical task on a Gantt chart and of a "Not applied" message in
an explorer. Change a colour here and every chart, explorer and report follows;
a test checks that no chart or explorer writes a colour of its own.

**RAG status** (:data:`RAG_COLOURS`, the ratings of
:func:`pmo_lessons.evm.rag_status` and of the reports):

========  ===========  ===============================================================
rating    colour       meaning
========  ===========  ===============================================================
green     ``#1e8449``  on track: the index is at or above the green threshold
amber     ``#a16608``  at risk: between the amber and the green thresholds; watch it
red       ``#c0392b``  off track: below the amber threshold; the project needs a decision
grey      ``#6b7778``  not rated: the index is undefined (e.g. nothing planned or spent yet)
========  ===========  ===============================================================

Each carries white text at a contrast of at least 4.5:1, the minimum for normal
text in W3C, *Web Content Accessibility Guidelines (WCAG) 2.2* (2023), success
criterion 1.4.3; the same figure against a white page is above the 3:1 that
chart marks need (criterion 1.4.11), and lets amber and red serve as text
colours on white. That is why the amber is a dark amber: the bright ``#f39c12``
the charts used before gives 2.2:1, unreadable as a badge. Colour is never the
only cue: a badge prints its word, a chart has a legend.

>>> round(contrast(RAG_COLOURS["amber"], WHITE), 2)
4.75
>>> min(round(contrast(colour, WHITE), 2) for colour in RAG_COLOURS.values())
4.63

**Chart colours** (:data:`COLOURS`, by the role a mark plays):

=========  ===========  ==============================================================
role       colour       used for
=========  ===========  ==============================================================
critical   ``#c0392b``  critical work and what is wrong: critical tasks, AC, capacity
                        lines, the best choice of a decision tree (the RAG red)
task       ``#2e86c1``  other work and the main series: tasks with float, EV, the
                        current state
float      ``#d5d8dc``  room and what is over: total float, closed projects
milestone  ``#1c2833``  milestones (diamonds), and the ink of text (= ``ink``)
today      ``#e67e22``  the status date, targets and moves (dashed or arrows)
grid       ``#eaecee``  grid lines
ink        ``#1c2833``  text and dark marks
muted      ``#566573``  secondary text, reference lines, links that are not critical
faint      ``#aab7b8``  light lines: thresholds, branches not chosen, summary elements
outline    ``#7f8c8d``  outlines of what was (a task before levelling), WBS connectors
empty      ``#f8f9f9``  an empty cell
shade      ``#eaf2f8``  the background of a table's header row in the HTML reports
third      ``#7d3c98``  a third marker line after ``today`` and ``critical`` (P-values)
=========  ===========  ==============================================================

Also here: :data:`PROJECT_COLOURS` (one per project of the company, others from
:data:`CYCLE`), :data:`RISK_BAND_COLOURS` (risk rating bands, low to extreme),
:data:`RACI_COLOURS`, :data:`STAKEHOLDER_COLOURS` (the quadrants of the
power/interest grid), :data:`SEQUENTIAL_COLOURMAP` (counts) and
:data:`TITLE_SIZE`; and the helpers :func:`contrast`, :func:`readable_text`,
:func:`project_colour` and :func:`band_colours`.
"""

from __future__ import annotations

__all__ = [
    "WHITE",
    "INK",
    "RAG_COLOURS",
    "COLOURS",
    "PROJECT_COLOURS",
    "CYCLE",
    "RISK_BAND_COLOURS",
    "RACI_COLOURS",
    "STAKEHOLDER_COLOURS",
    "SEQUENTIAL_COLOURMAP",
    "TITLE_SIZE",
    "contrast",
    "readable_text",
    "project_colour",
    "band_colours",
]

WHITE = "#ffffff"
INK = "#1c2833"

#: The RAG ratings' colours: badges in reports and explorers, bubbles and bars on charts.
RAG_COLOURS = {"green": "#1e8449", "amber": "#a16608", "red": "#c0392b", "grey": "#6b7778"}

#: The chart colours, by the role a mark plays (table in the module's docstring).
COLOURS = {
    "critical": RAG_COLOURS["red"],
    "task": "#2e86c1",
    "float": "#d5d8dc",
    "milestone": INK,
    "today": "#e67e22",
    "grid": "#eaecee",
    "ink": INK,
    "muted": "#566573",
    "faint": "#aab7b8",
    "outline": "#7f8c8d",
    "empty": "#f8f9f9",
    "shade": "#eaf2f8",
    "third": "#7d3c98",
}

#: One colour per project of Meridian Home Goods, the same on every chart.
PROJECT_COLOURS = {
    "ERP": "#1f77b4", "CRM": "#2ca02c", "WHA": "#9467bd", "OFM": "#8c564b",
    "DAT": "#17becf", "ECO": "#ff7f0e", "SEC": "#7f7f7f",
}

#: Colours for series with no colour of their own, in turn (matplotlib's "tab10").
CYCLE = ("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd",
         "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf")

#: Risk rating bands from low to extreme: green, yellow, orange, red, dark red.
RISK_BAND_COLOURS = ("#27ae60", "#f4d03f", COLOURS["today"], RAG_COLOURS["red"], "#7b241c")

#: RACI letters: Accountable red, Responsible blue, Consulted yellow, Informed grey.
RACI_COLOURS = {"A": RAG_COLOURS["red"], "R": COLOURS["task"], "C": RISK_BAND_COLOURS[1],
                "I": COLOURS["float"]}

#: The four quadrants of the power/interest grid (pale, under names and dots).
STAKEHOLDER_COLOURS = {"manage closely": "#fadbd8", "keep satisfied": "#fdebd0",
                       "keep informed": "#d6eaf8", "monitor": "#f2f3f4"}

#: The matplotlib colour map for counts (light for few, dark for many).
SEQUENTIAL_COLOURMAP = "Blues"

#: The font size of a chart's title (points); other text is smaller.
TITLE_SIZE = 12


def _luminance(colour):
    """Relative luminance of a ``#rrggbb`` colour (WCAG 2.2, "relative luminance")."""
    text = colour.lstrip("#")
    if len(text) != 6:
        raise ValueError(f"{colour!r} is not a colour written #rrggbb.")
    channels = []
    for k in (0, 2, 4):
        c = int(text[k:k + 2], 16) / 255
        channels.append(c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4)
    red, green, blue = channels
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast(colour, other=WHITE):
    """The contrast ratio of two ``#rrggbb`` colours, from 1 (same) to 21 (black on white).

    (L1 + 0.05) / (L2 + 0.05) with L1 the relative luminance of the lighter
    colour: W3C, *WCAG 2.2* (2023), definitions of "contrast ratio" and
    "relative luminance". Text needs 4.5:1 (3:1 when large), chart marks 3:1.

    >>> round(contrast("#000000", "#ffffff"), 1)
    21.0
    >>> round(contrast(RAG_COLOURS["red"]), 2), round(contrast("#f39c12"), 2)
    (5.44, 2.19)
    """
    light, dark = sorted((_luminance(colour), _luminance(other)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def readable_text(background):
    """The text colour to write on ``background``: white or ink, whichever contrasts more.

    >>> readable_text(RAG_COLOURS["red"]), readable_text(RACI_COLOURS["C"])
    ('#ffffff', '#1c2833')
    """
    return WHITE if contrast(background, WHITE) >= contrast(background, INK) else INK


def project_colour(project, position=0):
    """The colour of a project: its own in :data:`PROJECT_COLOURS`, else :data:`CYCLE` by position.

    >>> project_colour("ERP"), project_colour("NEW", 1)
    ('#1f77b4', '#ff7f0e')
    """
    return PROJECT_COLOURS.get(str(project), CYCLE[position % len(CYCLE)])


def band_colours(count):
    """As many colours as a risk scale has rating bands, from green (low) to red.

    Two bands are green and red, three green, yellow and red; four or more
    spread over :data:`RISK_BAND_COLOURS` (five: all of them).

    >>> band_colours(3) == [RISK_BAND_COLOURS[0], RISK_BAND_COLOURS[1], RAG_COLOURS["red"]]
    True
    >>> len(band_colours(5)), band_colours(5)[-1]
    (5, '#7b241c')
    """
    palette = RISK_BAND_COLOURS
    if count <= 1:
        return [palette[0]]
    if count == 2:
        return [palette[0], palette[3]]
    if count == 3:
        return [palette[0], palette[1], palette[3]]
    picks = [round(k * (len(palette) - 1) / (count - 1)) for k in range(count)]
    return [palette[k] for k in picks]
