"""The steering-committee deck: a report of the kit as PowerPoint slides, one message a slide.

A steering committee reads slides. :func:`steering_deck` turns the portfolio report of lesson 06
or the project status report of lesson 07 (:mod:`pmo_lessons.report`) into a ``.pptx`` deck that
PowerPoint and LibreOffice Impress open: a title slide with the overall RAG, then one slide a
message, each titled with the message itself (not the topic): the RAG of the projects, the
decisions the committee must take, the top risks, the plan (Gantt) and the earned-value trend
(the report's figures). Written for a projector: 16:9, titles of 32 points, body text of 18
points or more, RAG as coloured cells that also print their word (the colour is never the only
cue), at most eight lines of a table on a slide (the rest on the next). Guidance followed:
Garr Reynolds, *Presentation Zen* (3rd ed., 2019), chapter 6 (one idea a slide, the headline as
the message); AXELOS, *Managing Successful Projects with PRINCE2* (7th ed., 2023), the highlight
report's content (status, forecasts, issues and risks, decisions sought).

The deck is written with python-pptx (ECMA-376 Office Open XML presentations).

>>> import tempfile, os
>>> from pmo_lessons.report import portfolio_report
>>> path = steering_deck(portfolio_report(figures=False),
...                      os.path.join(tempfile.mkdtemp(), "committee.pptx"))
>>> from pptx import Presentation
>>> [s.shapes.title.text for s in Presentation(path).slides][:2]   # doctest: +ELLIPSIS
['Portfolio report to the steering committee: 25 Sep 2026', '2 of 7 projects are red: ...']
"""

from __future__ import annotations

import io
from pathlib import Path

import pandas as pd

from .errors import InputError
from .style import COLOURS, RAG_COLOURS, WHITE, readable_text

__all__ = ["DeckError", "steering_deck", "MIN_FONT_POINTS"]

#: The smallest text on a slide, in points: readable from the back of a meeting room.
MIN_FONT_POINTS = 18
_TITLE_POINTS = 32
_ROWS_PER_SLIDE = 8


class DeckError(InputError):
    """A report the deck cannot be made from, or a file that cannot be written."""


def _rgb(colour):
    from pptx.dml.color import RGBColor

    return RGBColor.from_string(colour.lstrip("#").upper())


def steering_deck(report, path, figures=()):
    """Write a report as a steering-committee deck (``.pptx``) and return its path.

    ``report`` is a :class:`pmo_lessons.report.Report` from
    :func:`~pmo_lessons.report.portfolio_report` or :func:`~pmo_lessons.report.project_report`
    (with ``figures=True`` the Gantt and the EVM trend are slides too). Slides: the title with
    the overall RAG; the projects' RAG (a portfolio report) or the KPIs (a project report); the
    decisions needed; the top risks; the milestones; one slide for each figure of the report,
    and for each of ``figures``, ``(figure, message)`` pairs where a figure is a matplotlib
    Figure or PNG bytes (the portfolio's Gantt of lesson 06, say:
    :func:`pmo_lessons.plots.portfolio_timeline`).

    >>> import tempfile, os
    >>> from pmo_lessons.report import project_report
    >>> path = steering_deck(project_report("ERP", figures=False),
    ...                      os.path.join(tempfile.mkdtemp(), "erp.pptx"))
    >>> from pptx import Presentation
    >>> len(Presentation(path).slides)
    5
    """
    from pptx import Presentation
    from pptx.util import Inches

    if not hasattr(report, "blocks") or not hasattr(report, "rag"):
        raise DeckError(f"steering_deck needs a report of pmo_lessons.report, not "
                        f"{type(report).__name__}.")
    deck = Presentation()
    deck.slide_width, deck.slide_height = Inches(13.333), Inches(7.5)
    _title_slide(deck, report)
    sections = _sections(report)
    data = report.data or {}
    if "board" in data and "Projects" in sections:
        _rag_slide(deck, data["board"])
    elif "kpis" in data:
        _kpi_slide(deck, report, data["kpis"])
    decisions = data.get("decisions") or sections.get("Decisions needed", [])
    _bullets_slide(deck, _decisions_title(decisions), decisions or ["No decision needed."])
    for heading, content in sections.items():
        if heading.startswith("Top risks") and isinstance(content, pd.DataFrame):
            _table_slides(deck, _risks_title(content), content.reset_index(), rag=False)
        elif heading == "Milestones" and isinstance(content, pd.DataFrame):
            _table_slides(deck, _milestones_title(content), content.reset_index(), rag=False)
    for png, caption in [c for k, c in report.blocks if k == "figure"] + list(figures):
        if hasattr(png, "savefig"):
            buffer = io.BytesIO()
            png.savefig(buffer, format="png", dpi=110, metadata={"Software": None})
            png = buffer.getvalue()
        if not isinstance(png, (bytes, bytearray)):
            raise DeckError(f"figure {caption!r} is a {type(png).__name__}; give a matplotlib "
                            "Figure or PNG bytes.")
        _figure_slide(deck, caption, bytes(png))
    path = Path(path)
    try:
        deck.save(path)
    except OSError as error:
        raise DeckError(f"cannot write {path}: {error.strerror or error}.") from None
    return str(path)


def _sections(report):
    sections, heading = {}, ""
    for kind, content in report.blocks:
        if kind == "h2":
            heading = content
        elif kind in ("table", "list") and heading:
            sections[heading] = content
    return sections


def _text(frame, text, size, bold=False, colour=None):
    from pptx.util import Pt

    frame.text = ""
    paragraph = frame.paragraphs[0]
    run = paragraph.add_run()
    run.text = str(text)
    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.color.rgb = _rgb(colour or COLOURS["ink"])
    return paragraph


def _slide(deck, title):
    from pptx.util import Inches, Pt

    slide = deck.slides.add_slide(deck.slide_layouts[5])  # title only
    shape = slide.shapes.title
    shape.left, shape.top = Inches(0.5), Inches(0.3)
    shape.width, shape.height = deck.slide_width - Inches(1.0), Inches(1.2)
    _text(shape.text_frame, title, _TITLE_POINTS, bold=True)
    shape.text_frame.word_wrap = True
    for paragraph in shape.text_frame.paragraphs:
        for run in paragraph.runs:
            run.font.size = Pt(_TITLE_POINTS)
    return slide


def _title_slide(deck, report):
    from pptx.util import Inches

    slide = _slide(deck, report.title)
    slide.shapes.title.top = Inches(2.0)
    badge = slide.shapes.add_shape(1, Inches(0.5), Inches(3.6), Inches(4.5), Inches(1.0))
    colour = RAG_COLOURS.get(report.rag, RAG_COLOURS["grey"])
    badge.fill.solid()
    badge.fill.fore_color.rgb = _rgb(colour)
    badge.line.fill.background()
    _text(badge.text_frame, f"Overall: {report.rag.upper()}", 28, bold=True,
          colour=readable_text(colour))
    first = next((c for k, c in report.blocks if k == "p"), "")
    box = slide.shapes.add_textbox(Inches(0.5), Inches(4.9), deck.slide_width - Inches(1.0),
                                   Inches(2.0))
    box.text_frame.word_wrap = True
    _text(box.text_frame, first, 20, colour=COLOURS["muted"])


def _bullets_slide(deck, title, items):
    from pptx.util import Inches, Pt

    items = list(items)
    for start in range(0, len(items), 5):
        slide = _slide(deck, title if start == 0 else f"{title} (continued)")
        box = slide.shapes.add_textbox(Inches(0.6), Inches(1.6), deck.slide_width - Inches(1.2),
                                       Inches(5.5))
        frame = box.text_frame
        frame.word_wrap = True
        for i, item in enumerate(items[start:start + 5]):
            paragraph = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
            run = paragraph.add_run()
            run.text = f"• {item}"
            run.font.size = Pt(20)
            run.font.color.rgb = _rgb(COLOURS["ink"])
            paragraph.space_after = Pt(10)


def _table_slides(deck, title, frame, rag=True, columns=None):
    from pptx.util import Inches, Pt

    frame = frame if columns is None else frame[columns]
    frame = frame.astype(str)
    per_slide = _ROWS_PER_SLIDE if len(frame.columns) <= 6 else _ROWS_PER_SLIDE // 2
    for start in range(0, max(len(frame), 1), per_slide):
        part = frame.iloc[start:start + per_slide]
        slide = _slide(deck, title if start == 0 else f"{title} (continued)")
        rows, cols = len(part) + 1, len(part.columns)
        shape = slide.shapes.add_table(rows, cols, Inches(0.5), Inches(1.6),
                                       deck.slide_width - Inches(1.0), Inches(0.6) * rows)
        table = shape.table
        for j, column in enumerate(part.columns):
            cell = table.cell(0, j)
            _text(cell.text_frame, column, MIN_FONT_POINTS, bold=True, colour=WHITE)
            cell.fill.solid()
            cell.fill.fore_color.rgb = _rgb(COLOURS["ink"])
        for i, record in enumerate(part.itertuples(index=False), start=1):
            for j, value in enumerate(record):
                cell = table.cell(i, j)
                word = str(value).strip().lower()
                if rag and word in RAG_COLOURS:
                    cell.fill.solid()
                    cell.fill.fore_color.rgb = _rgb(RAG_COLOURS[word])
                    _text(cell.text_frame, str(value).upper(), MIN_FONT_POINTS, bold=True,
                          colour=readable_text(RAG_COLOURS[word]))
                else:
                    cell.fill.solid()
                    cell.fill.fore_color.rgb = _rgb(WHITE if i % 2 else COLOURS["empty"])
                    _text(cell.text_frame, value, MIN_FONT_POINTS)
                cell.text_frame.word_wrap = True
        for paragraph_cell in (table.cell(0, j) for j in range(cols)):
            paragraph_cell.text_frame.paragraphs[0].runs[0].font.size = Pt(MIN_FONT_POINTS)


def _rag_slide(deck, board):
    from .formats import date_text, money_text

    counts = board["rag"].value_counts()
    red = board.index[board["rag"] == "red"].tolist()
    title = (f"{counts.get('red', 0)} of {len(board)} projects are red: {', '.join(red)}"
             if red else f"No project is red; {counts.get('amber', 0)} of {len(board)} are amber")
    table = pd.DataFrame({
        "project": board.index,
        "RAG": board["rag"].values,
        "CPI": board["CPI"].map(lambda v: f"{v:.2f}").values,
        "SPI(t)": board["SPI_t"].map(lambda v: f"{v:.2f}").values,
        "EAC": board["EAC"].map(money_text).values,
        "forecast finish": board["forecast_finish"].map(date_text).values,
    })
    _table_slides(deck, title, table)


def _kpi_slide(deck, report, kpis):
    def number(value, digits=2):
        return "n/a" if pd.isna(value) else f"{float(value):.{digits}f}"

    from .formats import money_text

    table = pd.DataFrame({
        "indicator": ["RAG", "% complete", "CPI", "SPI(t)", "EAC", "VAC", "slip (days)"],
        "value": [report.rag, number(kpis["percent_complete"], 0) + " %", number(kpis["CPI"]),
                  number(kpis["SPI_t"]), money_text(kpis["EAC"]),
                  money_text(kpis["VAC"], signed=True), number(kpis["slip_days"], 0)],
    })
    headline = next((c for k, c in report.blocks if k == "p" and c != report.blocks[0][1]), None)
    title = headline if headline and len(headline) <= 110 else \
        f"{report.rag.upper()}: CPI {number(kpis['CPI'])}, SPI(t) {number(kpis['SPI_t'])}"
    _table_slides(deck, title, table)


def _decisions_title(decisions):
    n = len(decisions)
    return ("No decision is needed from the committee" if not n else
            f"The committee is asked for {n} decision{'s' if n > 1 else ''}")


def _risks_title(risks):
    if not len(risks):
        return "No open risk"
    first = risks["risk"].iloc[0] if "risk" in risks.columns else risks.iloc[0, 0]
    return f"The top {len(risks)} risks: the first is {first}"


def _milestones_title(milestones):
    status = milestones["status"].value_counts() if "status" in milestones else pd.Series()
    overdue = int(status.get("overdue", 0))
    return (f"{overdue} milestone{'s are' if overdue != 1 else ' is'} overdue" if overdue
            else "Milestones: none overdue")


def _figure_slide(deck, caption, png):
    from pptx.util import Inches

    slide = _slide(deck, caption)
    image = slide.shapes.add_picture(io.BytesIO(png), Inches(0.8), Inches(1.6),
                                     height=Inches(5.6))
    if image.width > deck.slide_width - Inches(1.0):  # a wide chart: fit the width instead
        ratio = (deck.slide_width - Inches(1.6)) / image.width
        image.width = int(image.width * ratio)
        image.height = int(image.height * ratio)
    image.left = int((deck.slide_width - image.width) / 2)
