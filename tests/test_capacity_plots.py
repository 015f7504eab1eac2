"""Charts and the explorer of capacity planning: what they draw is what the computation says."""

import matplotlib

matplotlib.use("Agg")

import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from pmo_lessons import capacity as cp  # noqa: E402
from pmo_lessons import data, plots  # noqa: E402
from pmo_lessons.calendars import Calendar  # noqa: E402
from pmo_lessons.style import RAG_COLOURS  # noqa: E402
from pmo_lessons.widgets import CapacityExplorer  # noqa: E402

MONTHS = cp.months("2026-10", "2027-06")


@pytest.fixture(scope="module")
def company():
    cal = Calendar(holidays=data.load_holidays())
    people = data.load_people()
    capacity = cp.role_capacity(people, data.load_absences(), MONTHS, cal)
    demand = cp.demand_table(cp.role_demand(data.load_tasks(), data.load_assignments(), data.load_projects(), cal),
                             months=MONTHS, roles=capacity.index)
    return cal, people, capacity, demand


def test_the_heat_map_colours_each_cell_by_its_status(company):
    _, _, capacity, demand = company
    gap = cp.capacity_gap(capacity, demand)
    fig = plots.capacity_heatmap(gap)
    cells = [p for p in fig.axes[0].patches if p.get_fill()]
    assert len(gap) == len(cells)
    colours = {"ok": RAG_COLOURS["green"], "tight": RAG_COLOURS["amber"], "over": RAG_COLOURS["red"]}
    for patch, status in zip(cells, gap["status"]):
        assert matplotlib.colors.to_hex(patch.get_facecolor()) == colours[status]


def test_the_areas_stack_the_projects_under_the_capacity_line(company):
    cal, _, capacity, _ = company
    long = cp.role_demand(data.load_tasks(), data.load_assignments(), data.load_projects(), cal)
    fig = plots.capacity_areas(long, capacity, "QA", candidate=cp.candidate_demand(data.load_candidate_roles(),
                                                                                   calendar=cal))
    labels = [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    assert "capacity" == labels[-1] and "P-PIM (candidate)" in labels
    line = fig.axes[0].get_lines()[0]
    assert list(capacity.loc["QA", MONTHS]) == list(line.get_ydata())


def test_the_skills_matrix_chart_writes_every_level_held():
    matrix = cp.skills_matrix(data.load_person_skills(), data.load_people(), data.load_skills())
    fig = plots.skills_matrix_chart(matrix)
    assert int((matrix > 0).to_numpy().sum()) == len(fig.axes[0].texts)


class TestExplorer:
    def explorer(self, company, **options):
        cal, people, _, demand = company
        return CapacityExplorer(people, data.load_absences(), demand, data.load_candidate_roles(), MONTHS,
                                calendar=cal, chart=False, **options)

    def test_adding_the_candidate_shows_what_take_on_says(self, company):
        explorer = self.explorer(company)
        assert explorer.breaks.empty
        explorer.set_candidate("2026-11")
        _, _, capacity, demand = company
        expected = cp.which_roles_break(cp.take_on(capacity, demand, cp.demand_table(
            cp.candidate_demand(data.load_candidate_roles(), calendar=company[0]), months=MONTHS,
            roles=capacity.index)))
        pd.testing.assert_frame_equal(expected, explorer.breaks)
        assert "With the candidate from 2026-11" in explorer.summary.value

    def test_giving_a_person_less_time_lowers_their_roles_capacity(self, company):
        explorer = self.explorer(company)
        before = explorer.result.set_index(["role", "month"]).at[("DE", "2026-10"), "capacity"]
        explorer.set_availability("P28", 0.3)  # Nadia Rahmani, 0.8 for projects until now
        after = explorer.result.set_index(["role", "month"]).at[("DE", "2026-10"), "capacity"]
        working = cp.working_days_in("2026-10", company[0])
        assert before - 0.5 * working == pytest.approx(after)

    def test_a_time_above_the_contract_is_refused_and_the_plan_kept(self, company):
        explorer = self.explorer(company, start="2026-11")
        kept = explorer.result.copy()
        explorer.set_availability("P04", 0.9)  # Sarah Cohen works 0.8
        assert "Sarah Cohen (P04) works 0.8 of a day" in explorer.error
        assert "Not applied" in explorer.summary.value
        pd.testing.assert_frame_equal(kept, explorer.result)
        explorer.reset()
        assert explorer.error is None and explorer.model["start"] == "2026-11"
