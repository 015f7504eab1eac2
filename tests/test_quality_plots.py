"""Tests of the quality charts (Pareto, XmR, cost of quality, health-check heat map) and the XmR explorer."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.colors as mcolors  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from pmo_lessons import data  # noqa: E402
from pmo_lessons.plots import (  # noqa: E402
    COLOURS,
    RAG_COLOURS,
    cost_of_quality_chart,
    health_heatmap,
    pareto_chart,
    xmr_chart,
)
from pmo_lessons.quality import (  # noqa: E402
    HEALTH_CHECK,
    cost_of_quality,
    pareto,
    portfolio_health,
    weekly_defects,
    xmr,
)
from pmo_lessons.widgets import XmRExplorer  # noqa: E402

BASELINE = [10, 12, 10, 12, 10, 12, 10, 12]


def hex_of(colour):
    return mcolors.to_hex(colour)


class TestParetoChart:
    def test_vital_few_in_blue_and_the_cumulative_line(self):
        table = pareto({"interface": 50, "data migration": 30, "report": 12, "other": 8})
        fig = pareto_chart(table)
        bars, share = fig.axes
        assert [COLOURS["task"]] * 2 + [COLOURS["faint"]] * 2 == [hex_of(p.get_facecolor())
                                                                  for p in bars.patches]
        assert [50, 30, 12, 8] == [p.get_height() for p in bars.patches]
        line = share.lines[0]
        assert [50, 80, 92, 100] == pytest.approx(list(line.get_ydata()))
        assert [80, 80] == pytest.approx(list(share.lines[1].get_ydata()))  # the 80 % line
        assert "2 of 4 categories make 80 %" in bars.get_title(loc="left")


@pytest.fixture(scope="module")
def chart():
    # ERP, weeks 16-37, limits from the 12 build weeks 16-27 (see tests/test_quality.py).
    return xmr(weekly_defects(data.load_defects(), "ERP", weeks=range(16, 38)), baseline=12)


class TestXmRChart:
    def test_two_panels_with_their_limits(self, chart):
        fig = xmr_chart(chart)
        top, bottom = fig.axes
        levels = {round(line.get_ydata()[0], 6) for line in top.lines[1:]}
        limits = chart.iloc[0]
        assert {round(limits["centre"], 6), round(limits["unpl"], 6), round(limits["lnpl"], 6)} == levels
        assert round(limits["url"], 6) in {round(line.get_ydata()[0], 6) for line in bottom.lines}

    def test_every_signal_is_marked_with_its_rule(self, chart):
        top = xmr_chart(chart).axes[0]
        marked = {}
        for collection in top.collections:
            for x, _ in collection.get_offsets():
                marked[int(x)] = hex_of(collection.get_facecolor()[0])
        signals = chart.index[chart["signal"] != ""].tolist()
        assert signals == sorted(marked)
        assert {COLOURS["critical"]} == set(marked.values())
        legend = [t.get_text() for t in top.get_legend().get_texts()]
        assert ["natural process limits", "beyond a limit", "3 of 4 nearer a limit than the centre",
                "8 or more on one side of the centre"] == legend

    def test_the_jump_is_marked_on_the_range_panel(self, chart):
        bottom = xmr_chart(chart).axes[1]
        points = [tuple(p) for c in bottom.collections for p in c.get_offsets()]
        assert [(34.0, 10.0)] == points

    def test_a_negative_lnpl_is_not_drawn_for_counts(self):
        values = [1, 5, 0, 6, 2, 7, 1, 4]  # centre 3.25, average range 4.57: LNPL below 0
        chart = xmr(values)
        top = xmr_chart(chart, lower_bound=0).axes[0]
        levels = [line.get_ydata()[0] for line in top.lines[1:]]
        assert chart["lnpl"].iloc[0] < 0 and chart["lnpl"].iloc[0] not in levels
        assert any("no lower limit" in t.get_text() for t in top.texts)
        assert chart["lnpl"].iloc[0] in [line.get_ydata()[0] for line in xmr_chart(chart).axes[0].lines]

    def test_labels_that_are_not_numbers(self):
        values = pd.Series(BASELINE, index=[f"W{k}" for k in range(1, 9)])
        bottom = xmr_chart(xmr(values)).axes[1]
        assert "W1" == bottom.get_xticklabels()[0].get_text()


class TestCostOfQualityChart:
    def test_bars_by_side(self):
        table = cost_of_quality(data.load_quality_costs("CRM"))
        ax = cost_of_quality_chart(table).axes[0]
        assert [31500, 61900, 34100, 21300] == [p.get_width() for p in ax.patches]
        assert [COLOURS["task"]] * 2 + [COLOURS["critical"]] * 2 == [hex_of(p.get_facecolor())
                                                                     for p in ax.patches]
        assert "63% conformance, 37% failures" in ax.get_title(loc="left")


class TestHealthHeatmap:
    def test_worst_first_and_coloured_by_rag(self):
        view = portfolio_health(data.load_health_checks())
        ax = health_heatmap(view).axes[0]
        rows = [t.get_text() for t in ax.get_yticklabels()]
        assert rows == view.sort_values("overall", kind="stable").index.tolist()
        cells = [p for p in ax.patches]
        assert 7 * 7 == len(cells)
        eco_quality = cells[7 * rows.index("ECO") + 3]
        assert RAG_COLOURS["red"] == hex_of(eco_quality.get_facecolor())

    def test_a_red_dimension_makes_the_overall_cell_amber(self):
        rows = [("X", q, "yes", "") for q in HEALTH_CHECK["question_id"]]
        answers = pd.DataFrame(rows, columns=["project", "question_id", "answer", "note"])
        answers.loc[answers["question_id"].isin(["QLT-1", "QLT-2"]), "answer"] = "no"
        view = portfolio_health(answers)
        assert view.at["X", "overall"] >= 0.75
        ax = health_heatmap(view).axes[0]
        assert RAG_COLOURS["amber"] == hex_of(ax.patches[-1].get_facecolor())


class TestXmRExplorer:
    def test_moving_a_point_changes_its_signal_not_the_limits(self):
        explorer = XmRExplorer(BASELINE + [17], baseline=8, chart=False)
        before = explorer.limits
        assert {9: "beyond limits"} == explorer.signals
        explorer.point_picker.value = 9   # as a trainee picks a point ...
        explorer.value_box.value = 15     # ... and types a value
        assert {} == explorer.signals and before == explorer.limits
        assert "No signal" in explorer.summary.value

    def test_moving_the_baseline_moves_the_limits(self):
        explorer = XmRExplorer(BASELINE + [17], baseline=8, chart=False)
        explorer.baseline_slider.value = 9
        assert 105 / 9 == pytest.approx(explorer.limits["centre"])
        assert {} == explorer.signals  # the 17 hides in limits it widened itself
        assert "first 9 points" in explorer.summary.value

    def test_a_bad_value_is_not_applied(self):
        explorer = XmRExplorer(BASELINE + [17], baseline=8, chart=False)
        explorer.set_value(3, "twelve")
        assert "point 3 is the text 'twelve'" in explorer.error
        assert "Not applied" in explorer.summary.value
        assert 10 == explorer.result.at[3, "value"]
        explorer.reset()
        assert explorer.error is None and {9: "beyond limits"} == explorer.signals

    def test_an_unknown_point(self):
        explorer = XmRExplorer(BASELINE, chart=False)
        explorer.set_value(42, 3)
        assert "No point 42" in explorer.error

    def test_the_summary_lists_the_signals_by_rule(self):
        weekly = weekly_defects(data.load_defects(), "ERP", weeks=range(16, 38))
        explorer = XmRExplorer(weekly, baseline=12, chart=False)
        text = explorer.summary.value
        assert "<b>beyond limits:</b> 34, 35, 36, 37" in text
        assert "<b>8 on one side:</b> 28, 29, 33" in text
        assert "Jumps above the upper range limit:</b> 34" in text
        assert "Week" == explorer.point_picker.description

    def test_with_its_chart(self):
        explorer = XmRExplorer(BASELINE + [17], baseline=8)
        assert 2 == len(explorer.last_figure.axes)
        explorer.set_baseline(9)
        assert "no signal" not in explorer.last_figure.axes[0].get_title(loc="left").lower()
        assert "0 points" in explorer.last_figure.axes[0].get_title(loc="left")
