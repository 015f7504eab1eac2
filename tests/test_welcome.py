"""Tests of the opening lesson's helpers: project_dates (schedule) and portfolio_timeline (plots).

The expected dates are computed independently with numpy's business-day
arithmetic (``numpy.busday_offset``): a project that starts on working day 0
and lasts D working days ends on working day D - 1.
"""

import matplotlib.colors as mcolors
import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pmo_lessons import data
from pmo_lessons.errors import InputError, NetworkError
from pmo_lessons.plots import COLOURS, portfolio_timeline
from pmo_lessons.schedule import cpm, project_dates

HOLIDAYS = ["2026-04-06", "2026-05-01", "2026-05-08", "2026-12-25"]

# Two small projects. P1: A (4) then B (3) and C (5) in parallel, then milestone M:
# longest path A-C = 9 working days. P2: X (2) and Y (6) start together, Y SS+1 of X
# is not binding beyond Y's own length: 1 + 6 = 7 working days.
TASKS = pd.DataFrame(
    {
        "id": ["A", "B", "C", "M", "X", "Y"],
        "project": ["P1", "P1", "P1", "P1", "P2", "P2"],
        "duration": [4, 3, 5, 0, 2, 6],
        "predecessors": ["", "A", "A", "B, C", "", "X SS+1"],
    }
)
PROJECTS = pd.DataFrame(
    {
        "id": ["P1", "P2"],
        "name": ["Office move", "New warehouse"],
        "start_date": ["2026-04-02", "2026-12-21"],  # a Thursday before Easter; before Christmas
        "status": ["closing", "in progress"],
    }
)


def busday_finish(start, duration, holidays=HOLIDAYS):
    """Last working day of `duration` working days from `start` (numpy, independent of the kit)."""
    first = np.busday_offset(np.datetime64(start, "D"), 0, roll="forward", holidays=holidays)
    return pd.Timestamp(np.busday_offset(first, duration - 1, roll="forward", holidays=holidays))


class TestProjectDates:
    def test_one_row_per_project_in_order(self):
        result = project_dates(TASKS, PROJECTS, HOLIDAYS)
        assert ["id", "start_date", "finish_date", "duration"] == list(result.columns)
        assert ["P1", "P2"] == result["id"].tolist()

    def test_durations_are_the_longest_paths(self):
        result = project_dates(TASKS, PROJECTS, HOLIDAYS).set_index("id")
        assert 9.0 == result.at["P1", "duration"]  # A 4 + C 5
        assert 7.0 == result.at["P2", "duration"]  # Y starts 1 day after X, lasts 6

    def test_finish_dates_skip_weekends_and_holidays(self):
        result = project_dates(TASKS, PROJECTS, HOLIDAYS).set_index("id")
        # P1: Thu 2 Apr, Fri 3, (Easter Monday 6 off) Tue 7 ... 9 working days -> Wed 15 Apr
        assert pd.Timestamp("2026-04-15") == result.at["P1", "finish_date"]
        assert busday_finish("2026-04-02", 9) == result.at["P1", "finish_date"]
        # P2: Mon 21 Dec, 22, 23, 24, (25 off), 28, 29, 30 -> 7 working days
        assert pd.Timestamp("2026-12-30") == result.at["P2", "finish_date"]
        assert busday_finish("2026-12-21", 7) == result.at["P2", "finish_date"]

    def test_without_holidays_only_weekends_are_skipped(self):
        result = project_dates(TASKS, PROJECTS).set_index("id")
        assert busday_finish("2026-04-02", 9, holidays=[]) == result.at["P1", "finish_date"]
        assert pd.Timestamp("2026-04-14") == result.at["P1", "finish_date"]

    def test_holidays_as_the_company_table(self):
        table = pd.DataFrame({"date": pd.to_datetime(HOLIDAYS), "name": ["h"] * 4})
        assert project_dates(TASKS, PROJECTS, table).equals(project_dates(TASKS, PROJECTS, HOLIDAYS))

    def test_a_weekend_start_rolls_to_the_next_working_day(self):
        projects = PROJECTS.assign(start_date=["2026-04-04", "2026-12-21"])  # a Saturday
        result = project_dates(TASKS, projects, HOLIDAYS).set_index("id")
        assert pd.Timestamp("2026-04-07") == result.at["P1", "start_date"]  # Monday is Easter Monday
        assert busday_finish("2026-04-04", 9) == result.at["P1", "finish_date"]

    def test_task_order_does_not_matter(self):
        shuffled = TASKS.iloc[[5, 2, 0, 4, 3, 1]]
        assert project_dates(shuffled, PROJECTS, HOLIDAYS).equals(
            project_dates(TASKS, PROJECTS, HOLIDAYS))

    def test_dtypes(self):
        result = project_dates(TASKS, PROJECTS, HOLIDAYS)
        assert pd.api.types.is_datetime64_any_dtype(result["start_date"])
        assert pd.api.types.is_datetime64_any_dtype(result["finish_date"])
        assert result["duration"].dtype == float

    def test_a_project_without_tasks_is_named(self):
        projects = pd.concat([PROJECTS, pd.DataFrame({"id": ["P3"], "start_date": ["2026-01-05"]})])
        with pytest.raises(NetworkError, match="Project P3 has no task"):
            project_dates(TASKS, projects, HOLIDAYS)

    def test_a_task_of_an_unknown_project_is_named(self):
        tasks = TASKS.assign(project=["P1", "P1", "P1", "P1", "P2", "P9"])
        with pytest.raises(NetworkError, match="'P9'"):
            project_dates(tasks, PROJECTS, HOLIDAYS)

    def test_links_stay_within_a_project(self):
        tasks = TASKS.assign(predecessors=["", "A", "A", "B, C", "M", "X SS+1"])
        with pytest.raises(NetworkError, match="'M' is not a task id"):
            project_dates(tasks, PROJECTS, HOLIDAYS)

    def test_missing_columns(self):
        with pytest.raises(NetworkError, match="'project'"):
            project_dates(TASKS.drop(columns="project"), PROJECTS)
        with pytest.raises(NetworkError, match="'start_date'"):
            project_dates(TASKS, PROJECTS.drop(columns="start_date"))

    def test_a_bad_start_date_is_named(self):
        with pytest.raises(NetworkError, match="Project P2: start_date 'soon'"):
            project_dates(TASKS, PROJECTS.assign(start_date=["2026-04-02", "soon"]))

    @settings(max_examples=40, deadline=None)
    @given(durations=st.lists(st.integers(0, 40), min_size=1, max_size=8),
           offset=st.integers(0, 500))
    def test_a_chain_ends_on_working_day_sum_minus_one(self, durations, offset):
        ids = [f"T{i}" for i in range(len(durations))]
        tasks = pd.DataFrame({"id": ids, "project": "P", "duration": durations,
                              "predecessors": [""] + ids[:-1]})
        start = pd.Timestamp("2026-01-01") + pd.Timedelta(days=offset)
        result = project_dates(tasks, pd.DataFrame({"id": ["P"], "start_date": [start]}),
                               HOLIDAYS).iloc[0]
        total = sum(durations)
        assert total == result["duration"]
        first = busday_finish(start, 1)
        assert first == result["start_date"]
        # a project of milestones only ends where it starts
        expected = busday_finish(start, total) if total > 0 else first
        assert expected == result["finish_date"]

    def test_the_company_portfolio(self):
        projects, tasks, holidays = data.load_projects(), data.load_tasks(), data.load_holidays()
        result = project_dates(tasks, projects, holidays)
        assert projects["id"].tolist() == result["id"].tolist()
        days = holidays["date"].dt.strftime("%Y-%m-%d").tolist()
        for row, start in zip(result.itertuples(), projects["start_date"]):
            own = tasks[tasks["project"] == row.id]
            assert cpm(own)["ef"].max() == row.duration
            assert busday_finish(start.strftime("%Y-%m-%d"), int(row.duration), days) == row.finish_date


def timeline_table():
    return PROJECTS[["id", "name", "status"]].merge(project_dates(TASKS, PROJECTS, HOLIDAYS))


def bars(ax):
    return [p for p in ax.patches if p.get_height() == pytest.approx(0.6)]


class TestPortfolioTimeline:
    def test_one_bar_per_project_from_start_to_the_end_of_the_finish_day(self):
        ax = portfolio_timeline(timeline_table()).axes[0]
        found = [(mdates.num2date(p.get_x()).date(), p.get_width()) for p in bars(ax)]
        assert [
            (pd.Timestamp("2026-04-02").date(), 14.0),  # 2 Apr to the end of 15 Apr
            (pd.Timestamp("2026-12-21").date(), 10.0),  # 21 Dec to the end of 30 Dec
        ] == found

    def test_rows_keep_the_table_order_top_down(self):
        ax = portfolio_timeline(timeline_table()).axes[0]
        assert ["P1  Office move", "P2  New warehouse"] == [t.get_text() for t in ax.get_yticklabels()]
        first, second = bars(ax)
        assert first.get_y() < second.get_y()
        low, high = ax.get_ylim()
        assert low > high  # inverted: the first row on top

    def test_status_colours_and_legend(self):
        ax = portfolio_timeline(timeline_table()).axes[0]
        colours = [mcolors.to_hex(p.get_facecolor()) for p in bars(ax)]
        assert [COLOURS["float"], COLOURS["task"]] == colours  # closing, in progress
        assert ["in progress", "closing"] == [t.get_text() for t in ax.get_legend().get_texts()]

    def test_without_status_every_bar_is_blue_and_there_is_no_legend(self):
        ax = portfolio_timeline(timeline_table().drop(columns="status")).axes[0]
        assert {COLOURS["task"]} == {mcolors.to_hex(p.get_facecolor()) for p in bars(ax)}
        assert ax.get_legend() is None

    def test_finish_dates_are_written_after_the_bars(self):
        ax = portfolio_timeline(timeline_table()).axes[0]
        assert ["15 Apr 2026", "30 Dec 2026"] == [t.get_text() for t in ax.texts]
        assert ax.get_xlim()[1] > mdates.date2num(pd.Timestamp("2026-12-31"))

    def test_status_date(self):
        ax = portfolio_timeline(timeline_table(), today="2026-09-25").axes[0]
        lines = [line for line in ax.lines if line.get_linestyle() == "--"]
        assert 1 == len(lines)
        assert mdates.date2num(pd.Timestamp("2026-09-25")) == lines[0].get_xdata()[0]
        assert mcolors.to_hex(lines[0].get_color()) == COLOURS["today"]
        assert "status date 25 Sep 2026" in [t.get_text() for t in ax.get_legend().get_texts()]

    def test_title(self):
        ax = portfolio_timeline(timeline_table()).axes[0]
        assert "Portfolio timeline: 2 projects, Apr 2026 to Dec 2026" == ax.get_title(loc="left")
        ax = portfolio_timeline(timeline_table(), title="Meridian").axes[0]
        assert "Meridian" == ax.get_title(loc="left")

    def test_figure_is_closed_unless_drawn_into_an_axes(self):
        before = set(plt.get_fignums())
        fig = portfolio_timeline(timeline_table())
        assert set(plt.get_fignums()) == before
        assert len(fig.axes) == 1
        own_fig, own_ax = plt.subplots()
        try:
            assert own_fig is portfolio_timeline(timeline_table(), ax=own_ax)
            assert own_fig.number in plt.get_fignums()
            assert 2 == len(bars(own_ax))
        finally:
            plt.close(own_fig)

    def test_bad_input(self):
        with pytest.raises(InputError, match="'name'"):
            portfolio_timeline(timeline_table().drop(columns="name"))
        backwards = timeline_table().assign(finish_date=pd.Timestamp("2026-01-01"))
        with pytest.raises(ValueError, match="Project P1"):
            portfolio_timeline(backwards)


# --- the opening lesson's content ---------------------------------------------------------------

import json  # noqa: E402
import re  # noqa: E402
from pathlib import Path  # noqa: E402

COURSE = Path(__file__).resolve().parent.parent / "course"


def welcome_sections():
    """The opening lesson's markdown, by section heading ('## 3. The five roles of a PMO' ...)."""
    cells = json.loads((COURSE / "00_welcome.ipynb").read_text(encoding="utf-8"))["cells"]
    sections, current = {}, "intro"
    for cell in cells:
        if cell["cell_type"] != "markdown":
            continue
        text = "".join(cell["source"])
        heading = re.match(r"^## (\d+)\. ", text)
        if heading:
            current = int(heading[1])
        sections[current] = sections.get(current, "") + "\n" + text
    return sections


class TestOpeningLesson:
    """The five roles as the course's sources name them, the PMO as office and person, French terms."""

    def test_the_five_roles_are_the_frame_in_the_sources_order(self):
        roles = welcome_sections()[3]
        found = re.findall(r"^\| \*\*(\w+)\*\* \|", roles, re.M)
        assert ["Organisational", "Relational", "Methodological", "Analytical", "Coaching"] == found
        assert "not a standard" in roles
        # the article's five key roles, mapped onto the frame
        for key_role in ("right hand", "methodology", "risk management", "indicators", "trainer"):
            assert key_role in roles, key_role

    def test_the_pmo_is_an_office_and_a_person(self):
        first = welcome_sections()[1]
        assert first.lstrip().startswith("## 1. What a PMO is: an office and a person")
        assert "**The PMO as an organisation**" in first and "**The PMO as a person**" in first

    def test_the_french_terms_are_explained_and_in_the_glossary(self):
        words = welcome_sections()[4]
        rows = [[cell.strip() for cell in line.strip().strip("|").split("|")]
                for line in words.splitlines() if line.startswith("| ")]
        rows = [row for row in rows if row[0] != "French"]  # the header row
        assert all(4 == len(row) for row in rows)
        terms = {re.sub(r"\*", "", french) for french, *_ in rows}
        for expected in ("MOA", "AMOA", "MOE", "COPIL", "COPROJ", "chef de projet"):
            assert any(expected == t or t.startswith(expected + ",") or expected in t.split(", ")
                       for t in terms), expected
        glossary = pd.read_csv(COURSE / "glossary.csv", dtype=str, keep_default_na=False)
        french = " ".join(glossary["french"])
        for abbreviation in re.findall(r"\*\*([A-Z]{2,})\*\*", words):
            assert f"({abbreviation})" in french, f"{abbreviation} is not in the glossary"
        for _, _, meaning, english in rows:
            assert meaning.strip() and english.strip()  # every term explained, with its English
