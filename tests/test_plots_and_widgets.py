"""Tests of the Gantt chart, the network diagram and the what-if widget."""

import subprocess
import sys

import matplotlib.colors as mcolors
import pandas as pd
import pytest

from pmo_lessons.plots import COLOURS, gantt, network_diagram
from pmo_lessons.schedule import cpm, to_dates
from pmo_lessons.widgets import WhatIf

TASKS = pd.DataFrame(
    {
        "id": ["A", "B", "C", "M"],
        "name": ["Design", "Build", "Document", "Go-live"],
        "duration": [3, 4, 2, 0],
        "predecessors": ["", "A", "A", "B, C"],
    }
)


def bars(ax):
    return [p for p in ax.patches if p.get_height() == pytest.approx(0.6)]


def colour_of(patch):
    return mcolors.to_hex(patch.get_facecolor())


class TestGantt:
    def test_critical_tasks_are_red_and_float_is_drawn(self):
        ax = gantt(cpm(TASKS), TASKS).axes[0]
        colours = [colour_of(p) for p in bars(ax)]  # A, B, C (M is a diamond)
        assert [COLOURS["critical"], COLOURS["critical"], COLOURS["task"]] == colours
        float_bars = [p for p in ax.patches if p.get_height() == pytest.approx(0.25)]
        assert 1 == len(float_bars)  # only C has float: 2 periods after its finish at 5
        assert (5, 2) == (float_bars[0].get_x(), float_bars[0].get_width())

    def test_milestone_is_a_diamond(self):
        ax = gantt(cpm(TASKS), TASKS).axes[0]
        assert 1 == len(ax.collections)
        assert [[7.0, 3.0]] == ax.collections[0].get_offsets().tolist()

    def test_labels(self):
        ax = gantt(cpm(TASKS), TASKS, label="both").axes[0]
        assert "B  Build" == ax.get_yticklabels()[1].get_text()

    def test_dates_on_the_axis(self):
        dated = to_dates(cpm(TASKS), "2026-03-06")  # a Friday
        ax = gantt(dated, TASKS, today="2026-03-10").axes[0]
        low, high = ax.get_xlim()
        import matplotlib.dates as mdates
        assert mdates.num2date(low).date() <= pd.Timestamp("2026-03-06").date()
        assert mdates.num2date(high).date() >= pd.Timestamp("2026-03-17").date()  # B ends Tue 17
        assert any(line.get_linestyle() == "--" for line in ax.lines)


class TestNetworkDiagram:
    def test_a_box_per_task_with_its_dates(self):
        fig = network_diagram(cpm(TASKS), TASKS)
        texts = [t.get_text() for t in fig.axes[0].texts]
        assert {"A\n3", "B\n4", "C\n2", "M\n0"} <= set(texts)
        assert "float 2" in texts
        assert 4 == sum(1 for p in fig.axes[0].patches if p.__class__.__name__ == "Rectangle")


class TestWhatIf:
    def test_longer_task_moves_the_end_and_the_critical_path(self):
        explorer = WhatIf(TASKS, chart=False)
        assert (7.0, ["A", "B", "M"]) == (explorer.finish, explorer.critical)
        explorer.set_duration("C", 6)
        assert (9.0, ["A", "C", "M"]) == (explorer.finish, explorer.critical)
        assert "2 periods later than the baseline" in explorer.summary.value

    def test_new_link_moves_the_end(self):
        explorer = WhatIf(TASKS, chart=False)
        explorer.set_predecessors("C", "B")
        assert 9.0 == explorer.finish

    def test_invalid_edit_is_explained_and_not_applied(self):
        explorer = WhatIf(TASKS, chart=False)
        explorer.set_predecessors("A", "M")
        assert 7.0 == explorer.finish
        assert "Not applied" in explorer.summary.value and "cycle" in explorer.summary.value
        assert "" == explorer.tasks.loc[0, "predecessors"]

    def test_reset(self):
        explorer = WhatIf(TASKS, chart=False)
        explorer.set_duration("A", 10)
        explorer.reset()
        assert 7.0 == explorer.finish
        assert 3 == explorer.duration_slider.value  # the controls show task A again

    def test_picking_a_task_is_not_an_edit(self):
        explorer = WhatIf(TASKS, chart=False)
        explorer.task_picker.value = "B"
        assert 4 == explorer.duration_slider.value
        assert explorer.tasks.equals(explorer.baseline)

    def test_chart_follows_the_plan(self):
        explorer = WhatIf(TASKS, start="2026-03-02")
        explorer.set_duration("C", 6)
        assert "What-if plan: 9 working days" == explorer.last_figure.axes[0].get_title(loc="left")
        assert "(Thu 12 Mar 2026)" in explorer.summary.value
        assert "2 working days later than the baseline" in explorer.summary.value

    def test_unit_names_the_periods(self):
        explorer = WhatIf(TASKS, chart=False, unit="weeks")
        explorer.set_duration("A", 4)
        assert "8 weeks" in explorer.summary.value and "1 weeks later" not in explorer.summary.value


def test_computation_never_imports_plotting():
    code = ("import sys, pmo_lessons.schedule, pmo_lessons.errors; "
            "bad = [m for m in ('matplotlib', 'ipywidgets') if m in sys.modules]; "
            "print(bad); sys.exit(1 if bad else 0)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert 0 == result.returncode, result.stdout + result.stderr


def test_importing_the_package_loads_nothing_heavy():
    code = ("import sys, pmo_lessons; "
            "bad = [m for m in ('pandas', 'numpy', 'matplotlib') if m in sys.modules]; "
            "sys.exit(1 if bad else 0)")
    assert 0 == subprocess.run([sys.executable, "-c", code]).returncode
