"""The steering-committee deck: it opens in LibreOffice Impress and holds what the report holds.

The deck is rendered by LibreOffice headless to PDF (``soffice --convert-to pdf``) and read back
with poppler's ``pdftotext``; where either is missing the rendering test is skipped, saying so,
except in CI (``CI`` set), where a missing LibreOffice is a failure (.ci/run installs it), as for
the browser tests.
"""

import os
import shutil
import subprocess

import pytest
from pptx import Presentation
from pptx.util import Pt

from pmo_lessons.deck import MIN_FONT_POINTS, DeckError, steering_deck
from pmo_lessons.report import portfolio_report, project_report


def _need(tool):
    if shutil.which(tool) is None:
        message = (f"{tool} is not installed: the deck is not rendered (sudo apt-get install "
                   "libreoffice-impress poppler-utils)")
        if os.environ.get("CI"):
            pytest.fail(message + " (CI must render the deck: .ci/run installs it)")
        pytest.skip(message)


@pytest.fixture(scope="module")
def portfolio():
    return portfolio_report(figures=True)


def _texts(path):
    deck = Presentation(path)
    slides = []
    for slide in deck.slides:
        texts = []
        for shape in slide.shapes:
            if shape.has_text_frame:
                texts.append(shape.text_frame.text)
            if shape.has_table:
                texts += [cell.text for row in shape.table.rows for cell in row.cells]
        slides.append(texts)
    return deck, slides


def test_one_message_a_slide_with_what_the_report_holds(tmp_path, portfolio):
    path = steering_deck(portfolio, tmp_path / "committee.pptx")
    deck, slides = _texts(path)
    titles = [s.shapes.title.text for s in deck.slides]
    assert titles[0] == portfolio.title
    assert "Overall: RED" in slides[0]
    board = portfolio.data["board"]
    red = board.index[board["rag"] == "red"].tolist()
    assert titles[1] == f"{len(red)} of {len(board)} projects are red: {', '.join(red)}"
    for project, rag in board["rag"].items():  # every project with its RAG word
        row = slides[1].index(project)
        assert slides[1][row + 1] == rag.upper()
    everything = " ".join(" ".join(s) for s in slides)
    for decision in portfolio.data["decisions"]:
        assert decision in everything
    for risk in portfolio.data["risks"]["risk"]:
        assert risk in everything
    assert sum(1 for s in deck.slides for shape in s.shapes if shape.shape_type == 13) == 2


def test_readable_on_a_projector(tmp_path, portfolio):
    deck = Presentation(steering_deck(portfolio, tmp_path / "committee.pptx"))
    assert deck.slide_width / deck.slide_height == pytest.approx(16 / 9, abs=0.01)
    sizes = [run.font.size for slide in deck.slides for shape in slide.shapes
             for frame in ([shape.text_frame] if shape.has_text_frame else
                           [c.text_frame for r in shape.table.rows for c in r.cells]
                           if shape.has_table else [])
             for paragraph in frame.paragraphs for run in paragraph.runs]
    assert sizes and all(size is not None and size >= Pt(MIN_FONT_POINTS) for size in sizes)


def test_a_project_status_deck_and_extra_figures(tmp_path):
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    report = project_report("ERP", figures=True)
    figure = plt.figure()
    path = steering_deck(report, tmp_path / "erp.pptx", figures=[(figure, "The plan")])
    plt.close(figure)
    deck, slides = _texts(path)
    titles = [s.shapes.title.text for s in deck.slides]
    assert titles[-1] == "The plan"
    assert any(t.startswith("S-curves") for t in titles)
    assert any(t.startswith("Plan by phase") for t in titles)  # the Gantt
    with pytest.raises(DeckError, match="needs a report"):
        steering_deck("not a report", tmp_path / "x.pptx")
    with pytest.raises(DeckError, match="give a matplotlib Figure or PNG bytes"):
        steering_deck(report, tmp_path / "x.pptx", figures=[("chart.png", "A chart")])


def test_libreoffice_opens_the_deck_and_renders_every_slide(tmp_path, portfolio):
    _need("soffice")
    _need("pdftotext")
    path = steering_deck(portfolio, tmp_path / "committee.pptx")
    slides = len(Presentation(path).slides)
    profile = tmp_path / "profile"  # LibreOffice's own settings, away from the user's
    result = subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to",
         "pdf", "--outdir", str(tmp_path), str(path)],
        capture_output=True, text=True, timeout=180)
    pdf = tmp_path / "committee.pdf"
    assert result.returncode == 0 and pdf.is_file(), result.stderr
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                          text=True, timeout=60, check=True).stdout
    pages = text.count("\f")
    assert pages == slides
    flat = " ".join(text.split())
    assert "Overall: RED" in flat
    assert "projects are red" in flat
    assert "The committee is asked for" in flat
    for project in portfolio.data["board"].index:
        assert project in flat
