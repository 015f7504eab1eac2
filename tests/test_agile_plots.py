"""The agile charts draw the numbers of pmo_lessons.agile, and the forecast explorer moves with
its controls (driven from code, chart on and off)."""

import matplotlib.dates as mdates
import pandas as pd
import pytest

from pmo_lessons import agile, data
from pmo_lessons.errors import InputError
from pmo_lessons.plots import (
    burn_up_chart,
    cumulative_flow_chart,
    cycle_time_scatter,
    forecast_histogram,
    throughput_run_chart,
)
from pmo_lessons.style import COLOURS
from pmo_lessons.widgets import ForecastExplorer

STATUS_DATE = pd.Timestamp("2026-09-25")


@pytest.fixture(scope="module")
def dat():
    return data.load_work_items("DAT")


@pytest.fixture(scope="module")
def flow(dat):
    return agile.flow_metrics(dat, start="2026-06-29", end=STATUS_DATE)


def labels(ax):
    return [line.get_label() for line in ax.get_lines()]


class TestCharts:
    def test_cumulative_flow_bands_follow_the_counts(self, dat):
        cfd = agile.cumulative_flow(dat, start="2026-06-29", end=STATUS_DATE)
        ax = cumulative_flow_chart(cfd).axes[0]
        tops = [line.get_ydata()[-1] for line in ax.get_lines()]
        assert cfd.iloc[-1].tolist() == tops
        # each evening's count is drawn over its day: the status date's 53 done show, up to
        # the next midnight (a step ending on the last day would hide its 2 finishes)
        done = ax.get_lines()[-1]
        assert mdates.date2num(STATUS_DATE + pd.Timedelta(days=1)) == ax.get_xlim()[1]
        assert 53 == done.get_ydata()[-2] == done.get_ydata()[-1]

    def test_cycle_time_lines_sit_at_the_percentiles(self, flow):
        ax = cycle_time_scatter(flow).axes[0]
        lines = {line.get_label(): line.get_ydata()[0] for line in ax.get_lines()}
        assert lines["85 %: 17 days"] == flow.percentiles.at[85, "calendar_days"] == 17
        assert len(ax.collections[0].get_offsets()) == len(flow.done)

    def test_run_chart_rings_the_catch_up_week(self, flow):
        check = agile.throughput_stability(flow.throughput)
        ax = throughput_run_chart(flow.throughput, check).axes[0]
        ringed = ax.collections[0].get_offsets()
        assert 1 == len(ringed) and 14 == ringed[0][1]
        assert "natural process limits" in labels(ax)

    def test_burn_up_cone_ends_at_the_forecast_dates(self):
        items = data.load_work_items("ECO")
        sprints = data.load_sprints("ECO")
        burn = agile.burn_up(items, "2026-07-06", STATUS_DATE, period=sprints["end_date"])
        cone = agile.forecast_when(sprints["done_points"], 49, seed=1, start="2026-09-28",
                                   period="2 weeks")
        ax = burn_up_chart(burn, cone, target="2026-10-02").axes[0]
        assert "scope (61 points added)" in labels(ax)
        assert "85 %: done by 23 Oct 2026" in labels(ax) and "50 %: done by 09 Oct 2026" in labels(ax)
        done = next(line for line in ax.get_lines() if line.get_label() == "done")
        assert [0.0] + sprints["done_points"].cumsum().tolist() == list(done.get_ydata())

    def test_how_many_marks_the_answer_and_the_mistake(self, flow):
        result = agile.forecast_how_many(flow.throughput["2026-08-14":], 4, seed=1)
        ax = forecast_histogram(result).axes[0]
        lines = {line.get_label().split(":")[0]: line for line in ax.get_lines()}
        assert result.at_confidence(85) == lines["85 % confidence"].get_xdata()[0]
        assert result.percentile(85) == lines["85th percentile (not the answer)"].get_xdata()[0]
        assert COLOURS["critical"] == lines["85 % confidence"].get_color()
        assert "points done in 1 period" == forecast_histogram(
            agile.forecast_how_many([40, 50], 1, seed=1), unit="points").axes[0].get_xlabel()

    def test_when_histogram_with_a_target(self, flow):
        result = agile.forecast_when(flow.throughput, 24, seed=1, start="2026-09-28")
        ax = forecast_histogram(result, target="2026-11-13").axes[0]
        assert any(text.startswith("target 13 Nov 2026: ") for text in labels(ax))

    def test_wrong_inputs_are_explained(self, flow):
        with pytest.raises(InputError, match="flow_metrics"):
            cycle_time_scatter(flow.items)
        with pytest.raises(InputError, match="forecast_when or"):
            forecast_histogram([1, 2])
        with pytest.raises(InputError, match="at least two"):
            cumulative_flow_chart(pd.DataFrame({"done": [1]}))


class TestForecastExplorer:
    @pytest.fixture
    def explorer(self, flow):
        return ForecastExplorer(flow.throughput, 24, "2026-09-28", target="2026-11-13",
                                iterations=4_000, chart=False)

    def test_a_bigger_backlog_moves_the_date_later(self, explorer):
        before = explorer.date
        explorer.set_backlog(40)
        assert explorer.date > before and 40 == explorer.backlog_slider.value

    def test_the_window_of_the_new_review_is_stable_and_earlier(self, explorer):
        assert "Not stable" in explorer.summary.value
        before = explorer.date
        explorer.set_window("2026-08-14", STATUS_DATE)
        assert "Stable" in explorer.summary.value and explorer.date < before
        assert (pd.Timestamp("2026-08-14"), STATUS_DATE) == explorer.window_slider.value

    def test_less_confidence_is_an_earlier_date(self, explorer):
        before = explorer.date
        explorer.set_confidence(50)
        assert explorer.date <= before and 50 == explorer.confidence_slider.value
        assert "at 50 % confidence" in explorer.summary.value

    def test_a_refused_change_keeps_the_last_forecast(self, explorer):
        explorer.set_backlog(30)
        explorer.set_window("2026-10-02", "2026-10-30")
        assert "Not applied" in explorer.summary.value and "holds no period" in explorer.error
        assert 30 == explorer.model["backlog"]
        explorer.set_backlog(-3)
        assert "the work left, >= 0" in explorer.error
        explorer.reset()
        assert 24 == explorer.model["backlog"] and explorer.error is None

    def test_the_sliders_drive_it(self, explorer):
        explorer.backlog_slider.value = 12
        assert 12 == explorer.model["backlog"]

    def test_the_target_reads_how_many_at_the_confidence(self, explorer):
        assert "Target 13 Nov 2026" in explorer.summary.value
        assert explorer.result["how_many"].periods == 7

    def test_the_chart_shades_the_window(self, flow):
        explorer = ForecastExplorer(flow.throughput, 24, "2026-09-28", iterations=2_000)
        left, right = explorer.last_figure.axes[:2]
        assert left.patches and "When will it be done?" == right.get_title(loc="left")
