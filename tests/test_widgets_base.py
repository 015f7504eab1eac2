"""The explorer cycle, written once in pmo_lessons.widgets.base.Explorer, and the explorers built on it."""

import matplotlib

matplotlib.use("Agg")

import ipywidgets as widgets  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from pmo_lessons import widgets as explorers  # noqa: E402
from pmo_lessons.errors import InputError  # noqa: E402
from pmo_lessons.style import RAG_COLOURS  # noqa: E402
from pmo_lessons.widgets import Explorer, PortfolioExplorer, WhatIf  # noqa: E402


class Budget(Explorer):
    """A made-up explorer for a competence to come: a budget with a reserve under a ceiling."""

    def __init__(self, cost=1000.0, share=0.1, chart=True):
        self.share_slider = widgets.FloatSlider(value=share, max=1, step=0.05)
        self.cost_box = widgets.FloatText(value=cost)
        self.on_change(self.share_slider, lambda value: self.apply(share=value))
        self.on_change(self.cost_box, lambda value: self.apply(cost=value))
        self.reset_button = self.make_reset_button()
        self.drawn = 0
        super().__init__([self.share_slider, self.cost_box, self.reset_button],
                         model={"cost": cost, "share": share}, chart=chart)

    def compute(self, cost, share):
        if share > 0.5:
            raise InputError(f"A reserve of {share:.0%} is above the ceiling of 50%.")
        if cost < 0:
            raise InputError("The cost is negative.")
        return cost * (1 + share)

    def describe(self):
        return f"budget {self.result:,.0f}"

    def draw(self):
        self.drawn += 1
        fig, ax = plt.subplots()
        ax.bar(["budget"], [self.result])
        plt.close(fig)
        return fig

    def update_controls(self):
        self.share_slider.value = self.model["share"]
        self.cost_box.value = self.model["cost"]


class TestTheCycle:
    def test_a_valid_change_replaces_the_model_and_redraws(self):
        budget = Budget()
        assert (1100.0, 1) == (budget.result, budget.drawn)
        budget.share_slider.value = 0.2
        assert pytest.approx(1200.0) == budget.result
        assert {"cost": 1000.0, "share": 0.2} == budget.model
        assert "budget 1,200" == budget.summary.value and budget.error is None
        assert 2 == budget.drawn and budget.last_figure.axes[0].patches[0].get_height() == 1200

    def test_a_refused_change_keeps_the_last_valid_state_and_says_why(self):
        budget = Budget()
        budget.share_slider.value = 0.3
        figure = budget.last_figure
        budget.share_slider.value = 0.9
        assert pytest.approx(1300.0) == budget.result and 0.3 == budget.model["share"]
        assert "A reserve of 90% is above the ceiling of 50%." == budget.error
        assert (f"<p style='color:{RAG_COLOURS['red']}'><b>Not applied:</b> A reserve of 90% is "
                "above the ceiling of 50%.</p>") in budget.summary.value
        assert budget.summary.value.startswith("budget 1,300")  # the valid state stays on screen
        assert 0.3 == budget.share_slider.value  # the control goes back to the model
        assert figure is budget.last_figure  # no redraw of a refused change

    def test_the_next_valid_change_clears_the_message(self):
        budget = Budget()
        budget.cost_box.value = -5
        assert "negative" in budget.error
        budget.cost_box.value = 2000
        assert budget.error is None and "Not applied" not in budget.summary.value
        assert pytest.approx(2200.0) == budget.result

    def test_reset_goes_back_to_the_start_whatever_happened(self):
        budget = Budget()
        budget.cost_box.value = 5000
        budget.share_slider.value = 0.9
        budget.reset_button.click()
        assert (1100.0, None) == (budget.result, budget.error)
        assert (0.1, 1000.0) == (budget.share_slider.value, budget.cost_box.value)

    def test_the_explorer_moving_its_controls_is_not_an_edit(self):
        budget = Budget(chart=False)
        with budget.quietly():
            budget.share_slider.value = 0.4
        assert 0.1 == budget.model["share"]
        assert 0 == budget.drawn  # chart=False: nothing drawn

    def test_a_starting_model_that_does_not_compute_is_refused_at_once(self):
        with pytest.raises(InputError, match="ceiling"):
            Budget(share=0.8)

    def test_a_change_to_a_part_the_model_does_not_have_is_a_programming_error(self):
        with pytest.raises(TypeError, match="Budget has no model part margin; its parts are cost, share"):
            Budget().apply(margin=3)

    def test_layout_controls_then_summary_then_chart(self):
        budget = Budget()
        assert [budget.share_slider, budget.cost_box, budget.reset_button, budget.summary,
                budget.figure] == list(budget.children)


class TestEveryExplorerUsesTheCycle:
    @pytest.mark.parametrize("name", [n for n in explorers.__all__ if n != "Explorer"])
    def test_is_an_explorer_and_keeps_the_cycle_as_it_is(self, name):
        cls = getattr(explorers, name)
        assert issubclass(cls, Explorer)
        assert {"compute", "describe", "draw"} <= set(vars(cls))
        assert not {"apply", "show", "redraw", "on_change", "quietly", "show_controls"} & set(vars(cls))

    def test_what_if_refusal_puts_the_predecessors_back(self):
        tasks = pd.DataFrame({"id": ["A", "B"], "duration": [3, 2], "predecessors": ["", "A"]})
        explorer = WhatIf(tasks, chart=False)
        explorer.set_predecessors("A", "B")  # a cycle
        assert "Not applied" in explorer.summary.value
        assert "" == explorer.predecessors_box.value == explorer.tasks.at[0, "predecessors"]

    def test_portfolio_weights_that_cannot_rank_are_not_applied(self):
        candidates = pd.DataFrame({"id": ["A", "B"], "npv": [21.0, 16.0], "cost": [10.0, 5.0],
                                   "fit": [5, 3]})
        explorer = PortfolioExplorer(candidates, {"fit": 2}, budget=10, value="npv", cost="cost",
                                     chart=False)
        explorer.set_weight("fit", 0)
        assert "all weights are 0" in explorer.error and "Not applied" in explorer.summary.value
        assert {"fit": 2} == explorer.weights and 2 == explorer.weight_sliders["fit"].value
        assert ["A", "B"] == list(explorer.scores.index)
        explorer.set_budget(15)  # the budget still moves, with the last valid weights
        assert explorer.error is None and ["A", "B"] == explorer.selection.selected
