"""The knowledge charts and the LessonFinder explorer draw and behave as their docstrings say."""

import matplotlib

matplotlib.use("Agg")

import pytest  # noqa: E402

from pmo_lessons import data, plots  # noqa: E402
from pmo_lessons.documents import completeness  # noqa: E402
from pmo_lessons.lessons_learned import recurring_themes  # noqa: E402
from pmo_lessons.style import COLOURS, RAG_COLOURS  # noqa: E402
from pmo_lessons.widgets import LessonFinder  # noqa: E402

TMS = ("Transport management system: carriers, delivery routes and freight invoices, with interfaces to "
       "the WMS and the ERP; training of the transport planners before go-live, outside the peak season")


@pytest.fixture(scope="module")
def log():
    return data.load_lessons_learned()


def test_completeness_bars_add_up_to_the_documents_required():
    view = completeness(data.load_documents(), data.load_next_gates(), "2026-09-25")
    fig = plots.document_completeness_chart(view)
    ax = fig.axes[0]
    first = view.sort_values(["completeness", "required"], ascending=[True, False]).iloc[0]
    widths = [p.get_width() for p in ax.patches if abs(p.get_y() + p.get_height() / 2) < 1e-9]
    assert first["required"] == pytest.approx(sum(widths))
    assert matplotlib.colors.to_hex(ax.patches[0].get_facecolor()) == RAG_COLOURS["green"]


def test_theme_bars_are_the_lessons_and_recurring_ones_are_red(log):
    themes = recurring_themes(log)
    fig = plots.lesson_themes_chart(themes, top=5)
    bars = fig.axes[0].patches[:5]
    assert themes["lessons"].head(5).tolist() == [b.get_width() for b in bars]
    assert all(matplotlib.colors.to_hex(b.get_facecolor()) == COLOURS["critical"] for b in bars)


def test_the_finder_ranks_refuses_and_filters(log):
    finder = LessonFinder(log, TMS, top=6, chart=False)
    assert "LL-015" in finder.ids  # "Training was too late.", on the word training alone
    finder.set_usable_only()
    assert "LL-015" not in finder.ids and 6 == len(finder.ids)
    before = finder.ids
    finder.describe_project("quantum blockchain")
    assert before == finder.ids and "No word of the description" in finder.error
    assert "Not applied" in finder.summary.value
    finder.set_top(3)
    assert before[:3] == finder.ids and finder.error is None


def test_the_finder_draws_its_scores(log):
    finder = LessonFinder(log, TMS, top=4, chart=True)
    assert 4 == len(finder.last_figure.axes[0].patches)
