"""Tests of the charts of lesson 07: the stakeholder map and the small multiples of an index."""

import matplotlib

matplotlib.use("Agg")

import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from pmo_lessons import data  # noqa: E402
from pmo_lessons.evm import baseline_pv, time_phased  # noqa: E402
from pmo_lessons.plots import RAG_COLOURS, index_trends, stakeholder_map  # noqa: E402
from pmo_lessons.report import stakeholder_grid  # noqa: E402


@pytest.fixture(scope="module")
def view():
    projects, tasks = data.load_projects(), data.load_tasks()
    return time_phased(data.load_status(), projects,
                       baseline_pv(tasks, projects, data.load_holidays()))


def test_trends_are_sorted_worst_first_on_one_scale(view):
    fig = index_trends(view)
    titles = [ax.get_title(loc="left") for ax in fig.axes]
    assert ["WHA", "ERP", "ECO", "OFM", "DAT", "SEC", "CRM"] == [t.split()[0] for t in titles]
    assert "ERP  0.85" == titles[1]
    assert 1 == len({ax.get_ylim() for ax in fig.axes})  # the same scale everywhere
    last = fig.axes[0].collections[-1].get_facecolor()[0]
    assert pytest.approx(matplotlib.colors.to_rgba(RAG_COLOURS["red"])) == tuple(last)


def test_spi_reads_better_than_spi_t_for_the_late_erp(view):
    spi = {ax.get_title(loc="left").split()[0]: float(ax.get_title(loc="left").split()[1])
           for ax in index_trends(view, index="SPI").axes}
    assert spi["ERP"] == 0.94 and spi["OFM"] == 0.99  # SPI(t): 0.85 and 0.92


def test_stakeholder_map_places_each_name_at_its_scores():
    people = pd.DataFrame({"stakeholder": ["Sponsor", "Users", "Ops"], "power": [5, 2, 2],
                           "interest": [5, 5, 5]})
    ax = stakeholder_map(stakeholder_grid(people)).axes[0]
    names = {t.get_text(): t.xy for t in ax.texts if hasattr(t, "xy")}
    assert (5, 5) == names["Sponsor"] and (5, 2) == names["Users"] == names["Ops"]
    offsets = sorted(t.xyann[1] for t in ax.texts if t.get_text() in ("Users", "Ops"))
    assert offsets[0] < offsets[1]  # same scores: the names stack, they do not overlap
