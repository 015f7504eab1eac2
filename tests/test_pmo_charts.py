"""Tests of lesson 12's charts (dependency map, benefits, the PMO's value page) and its explorer."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.colors as mcolors  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from pmo_lessons import data  # noqa: E402
from pmo_lessons.benefits import benefit_streams  # noqa: E402
from pmo_lessons.calendars import Calendar  # noqa: E402
from pmo_lessons.dependencies import dependency_slack, portfolio_schedule, slip_impact  # noqa: E402
from pmo_lessons.errors import InputError  # noqa: E402
from pmo_lessons.plots import (  # noqa: E402
    benefits_map,
    benefits_realisation,
    dependency_map,
    pmo_value_dashboard,
)
from pmo_lessons.style import COLOURS, RAG_COLOURS  # noqa: E402
from pmo_lessons.widgets import SlipExplorer  # noqa: E402


@pytest.fixture(scope="module")
def meridian():
    tasks, projects = data.load_tasks(), data.load_projects()
    dependencies = data.load_dependencies()
    calendar = Calendar(holidays=data.load_holidays())
    plan = portfolio_schedule(tasks, projects, dependencies, calendar)
    return {"tasks": tasks, "projects": projects, "dependencies": dependencies,
            "calendar": calendar, "plan": plan, "slack": dependency_slack(dependencies, plan)}


def labels(ax):
    return {t.get_text(): t for t in ax.texts if t.get_text()}


class TestDependencyMap:
    def test_one_bar_per_project_and_one_labelled_arrow_per_dependency(self, meridian):
        ax = dependency_map(meridian["plan"], meridian["slack"], today="2026-09-25").axes[0]
        assert ["ERP", "CRM", "WHA", "OFM", "DAT", "ECO", "SEC"] == [
            t.get_text() for t in ax.get_yticklabels()]
        found = labels(ax)
        assert {"D-01  10 d", "D-06  5 d", "D-05  89 d"} <= set(found)
        assert 8 == len(found)
        # five days of slack or fewer is drawn in the critical colour, the rest muted
        assert COLOURS["critical"] == mcolors.to_hex(found["D-06  5 d"].get_color())
        assert COLOURS["muted"] == mcolors.to_hex(found["D-01  10 d"].get_color())

    def test_with_a_slip_the_moves_are_labelled_and_hatched(self, meridian):
        impact = slip_impact(meridian["tasks"], meridian["projects"], meridian["dependencies"],
                             {"DAT-12": 20}, meridian["calendar"])
        ax = dependency_map(impact=impact).axes[0]
        found = labels(ax)
        assert {"+20 wd", "+10 wd", "+6 wd"} <= set(found)
        assert "D-01  0 d" in found   # the slip used the slack up
        hatched = [p for p in ax.patches if p.get_hatch()]
        assert 3 == len(hatched)      # DAT, ECO, CRM

    def test_bad_input(self, meridian):
        with pytest.raises(InputError, match="slack"):
            dependency_map(meridian["plan"], meridian["dependencies"])
        with pytest.raises(InputError, match="Give the portfolio schedule"):
            dependency_map()


class TestBenefitCharts:
    def test_realisation_lines_and_cost(self):
        streams = benefit_streams(data.load_benefit_profiles(), "2026-09-30",
                                  ["B-04", "B-05", "B-06"])
        ax = benefits_realisation(streams.loc[:"2028-12"], as_of="2026-09-30",
                                  cost=750_000).axes[0]
        names = [line.get_label() for line in ax.get_lines()]
        assert ["planned", "forecast", "realised", "last measure"] == names[:4]
        assert "cost" in names
        realised = ax.get_lines()[2]
        assert [1.7] == pytest.approx(list(realised.get_ydata()))  # 1,700 EUR in k EUR

    def test_the_map_joins_projects_benefits_and_objectives(self):
        register, okrs = data.load_benefits(), data.load_okrs()
        ax = benefits_map(register, okrs).axes[0]
        texts = [t.get_text() for t in ax.texts]
        for project in register["project"].unique():
            assert project in texts
        assert any(t.startswith("O2\nRun a faster") for t in texts)
        dis = [t for t in ax.texts if t.get_text().startswith(("B-09", "B-12", "B-20"))]
        assert 3 == len(dis)
        assert all(RAG_COLOURS["red"] == mcolors.to_hex(t.get_color()) for t in dis)
        with pytest.raises(InputError, match="'objective'"):
            benefits_map(register.drop(columns="objective"))


class TestValueDashboard:
    def test_outcome_panels_with_targets_and_activity_in_grey(self):
        fig = pmo_value_dashboard(data.load_pmo_kpis())
        titled = [ax for ax in fig.axes if ax.get_visible() and ax.get_title(loc="left")]
        assert 9 == len(titled)
        schedule = titled[0]
        assert schedule.get_title(loc="left").startswith("Projects on schedule")
        dots = schedule.collections[0].get_facecolor()
        assert RAG_COLOURS["red"] == mcolors.to_hex(dots[0])   # 42.9 against 70
        satisfaction = titled[5]
        assert RAG_COLOURS["green"] == mcolors.to_hex(satisfaction.collections[0].get_facecolor()[0])
        reports = titled[6]
        assert reports.get_title(loc="left").startswith("Reports issued")
        assert not [line for line in reports.get_lines() if line.get_linestyle() == "--"]

    def test_a_history_with_no_known_kpi_is_refused(self):
        with pytest.raises(InputError, match="none of the KPIs"):
            pmo_value_dashboard(pd.DataFrame({"quarter": ["2026-Q1"], "mood": [3]}))


class TestSlipExplorer:
    def test_the_cycle_on_meridians_portfolio(self, meridian):
        explorer = SlipExplorer(meridian["tasks"], meridian["projects"], meridian["dependencies"],
                                meridian["calendar"], task="DAT-12", days=20, chart=False)
        assert ["CRM", "ECO"] == explorer.impact.to_warn()
        assert "Warn:" in explorer.summary.value and "ECO (+10 at its end)" in explorer.summary.value
        explorer.set_slip("DAT-12", 5)      # within D-01's and D-02's slack
        assert [] == explorer.impact.to_warn()
        assert "no other project" in explorer.summary.value
        explorer.set_slip("ERP-26", 10)     # a milestone: explained, the last valid slip stays
        assert ("DAT-12", 5) == (explorer.model["task"], explorer.model["days"])
        assert "Not applied" in explorer.summary.value and "milestone" in explorer.error
        assert "DAT-12" == explorer.task_picker.value
        explorer.days_slider.value = 30     # as a trainee moves the slider
        assert 30 == explorer.model["days"]
        explorer.reset()
        assert ("DAT-12", 20) == (explorer.model["task"], explorer.model["days"])
        assert explorer.error is None

    def test_with_its_chart(self, meridian):
        explorer = SlipExplorer(meridian["tasks"], meridian["projects"], meridian["dependencies"],
                                meridian["calendar"], task="ERP-17", days=30, today="2026-09-25")
        assert explorer.last_figure is not None
        assert "+25 wd" in {t.get_text() for t in explorer.last_figure.axes[0].texts}
