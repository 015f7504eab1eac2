"""The simulation's cockpit and charts: driven from code as a trainee drives them with the mouse.

The cockpit is an :class:`~pmo_lessons.widgets.base.Explorer`: a decision the game refuses is
shown after "Not applied" and changes nothing; the menu builds the same decision as code does;
the game it holds is the replay of its seed and log.
"""

import matplotlib
import pandas as pd
import pytest

from pmo_lessons import plots
from pmo_lessons.simulation import debrief, expert, play, replay
from pmo_lessons.widgets import Cockpit

matplotlib.use("Agg")


@pytest.fixture
def cockpit():
    return Cockpit(seed=2026, weeks=3, chart=False)


def test_a_decision_goes_in_the_log(cockpit):
    cockpit.decide({"action": "escalate", "subject": "R-029"})
    assert cockpit.error is None
    assert cockpit.log == [{"week": 0, "action": "escalate", "subject": "R-029"}]
    assert "escalate R-029" in cockpit.summary.value


def test_a_refused_decision_is_explained_and_changes_nothing(cockpit):
    cockpit.decide({"action": "move_people", "role": "SEC", "units": 2, "from": "free",
                    "to": "ECO"})
    assert "only 0 of the 2 are free" in cockpit.error
    assert "Not applied" in cockpit.summary.value and cockpit.log == []


def test_the_menu_builds_the_decision(cockpit):
    cockpit.action.value = "fund_response"
    assert cockpit.fields["risk"].layout.display == "" and \
        cockpit.fields["role"].layout.display == "none"
    cockpit.fields["risk"].value = "R-034"
    cockpit.decide_button.click()
    assert cockpit.log == [{"week": 0, "action": "fund_response", "risk": "R-034"}]


def test_the_menu_starts_on_a_choice_in_every_list(cockpit):
    # ipywidgets 8 leaves a dropdown empty when its options change: the menu picks the first
    assert cockpit.fields["project"].value == "ERP" and cockpit.fields["task"].value == "ERP-10"
    cockpit.decide_button.click()  # the menu's default: a health check of the first project
    assert cockpit.error is None
    assert cockpit.log == [{"week": 0, "action": "health_check", "project": "ERP"}]
    assert "health check ERP" in cockpit.summary.value


def test_the_week_view_reads_as_a_pmo_presents_it(cockpit):
    text = cockpit.summary.value
    for header in ("<th", "Complete", "Forecast finish", "Reserve left", "Float (working days)",
                   "People needed", "Probability", "Cost impact", "EMV", "Response cost",
                   "Funded in week", "Escalated in week"):
        assert header in text
    for raw in ("probability_pct", "cost_impact_eur", "funded_week", "total_float", "<NA>",
                "-220000.0", "nan"):
        assert raw not in text
    # R-006 (-220,000 EUR, EMV -132,000, 60 %): the kit's money, an id that does not wrap
    assert "<td style='padding:1px 8px;vertical-align:top;white-space:nowrap;'><b>R-006</b></td>" in text
    assert all(money in text for money in ("-220 k€", "-132 k€", "60 %", "2.56 M€", "30 Mar 2027"))


def test_answering_a_question_from_the_menu(cockpit):
    cockpit.week_button.click()
    assert "Q-PILOT" in cockpit.summary.value
    cockpit.action.value = "answer"
    cockpit.fields["question"].value = "Q-PILOT"
    assert [v for _, v in cockpit.fields["option"].options] == ["A", "B", "C"]
    cockpit.fields["option"].value = "B"
    cockpit.decide_button.click()
    assert cockpit.log[-1] == {"week": 1, "action": "answer", "question": "Q-PILOT",
                               "option": "B"}


def test_the_committee_week_shows_the_report(cockpit):
    cockpit.next_week(), cockpit.next_week()
    assert "Steering committee this week" in cockpit.summary.value
    cockpit.report_button.value = True
    assert "Portfolio report to the steering committee" in cockpit.report_view.value
    cockpit.report_button.value = False
    assert cockpit.report_view.value == ""


def test_the_game_is_the_replay_of_its_log():
    cockpit = Cockpit(seed=2026, weeks=3, chart=False)
    cockpit.play_to_end(expert)
    assert cockpit.game.finished and cockpit.week_button.disabled
    assert not cockpit.debrief_button.disabled
    assert replay(2026, cockpit.log, weeks=3).score().total == cockpit.game.score().total
    assert "The quarter is over" in cockpit.summary.value
    assert all(header in cockpit.summary.value for header in ("Part", "Measure", "Points (of 100)",
                                                              "Weight", "In the total"))
    cockpit.next_week()
    assert "quarter is over" in cockpit.error


def test_starting_again_forgets_the_decisions(cockpit):
    cockpit.decide({"action": "health_check", "project": "ERP"})
    cockpit.next_week()
    cockpit.reset()
    assert cockpit.log == [] and cockpit.observation.week == 0


def test_the_debrief_at_the_end():
    cockpit = Cockpit(seed=5, weeks=2, chart=False)
    assert cockpit.debrief() is None and "to its end" in cockpit.error
    cockpit.decide({"action": "health_check", "project": "ECO"})
    cockpit.play_to_end()
    result = cockpit.debrief(top=2)
    assert list(result.outcomes.index) == ["you", "doing nothing", "the expert"]
    assert "The decisions that mattered" in cockpit.debrief_view.value
    assert all(f"<b>{player}</b>" in cockpit.debrief_view.value
               for player in ("you", "doing nothing", "the expert"))
    assert "Effect on the total (points)" in cockpit.debrief_view.value


def test_with_its_chart_it_draws_the_trends_and_the_people():
    cockpit = Cockpit(seed=2026, weeks=2, chart=True)
    cockpit.next_week()
    titles = [ax.get_title(loc="left") for ax in cockpit.last_figure.axes]
    assert titles == ["SPI(t) week by week", "People by role: staffed and needed"]


# --- the charts ---------------------------------------------------------------------------


def test_quarter_trends_one_line_per_project():
    game = play(expert, 2026, weeks=2)
    fig = plots.quarter_trends(game.observe().trends)
    labels = [line.get_label() for line in fig.axes[0].get_lines() if
              not line.get_label().startswith("_")]
    assert labels == ["ERP", "CRM", "WHA", "OFM", "DAT", "ECO", "SEC"]


def test_staffing_chart_marks_a_role_asked_beyond_its_capacity():
    roles = pd.DataFrame({"capacity": [2.0], "staffed": [2.0], "contractors": [0.0],
                          "needed": [3.0]}, index=pd.Index(["SEC"], name="role"))
    fig = plots.staffing_chart(roles)
    marks = fig.axes[0].collections[0]
    assert tuple(marks.get_edgecolor()[0][:3]) == pytest.approx(
        matplotlib.colors.to_rgb(plots.RAG_COLOURS["red"]))


def test_debrief_charts():
    game = play(expert, 3, weeks=2)
    result = debrief(game, top=3)
    fig = plots.outcomes_chart(result.outcomes)
    assert len(fig.axes[0].patches) == 3 * len(result.outcomes.columns)
    fig = plots.decisions_chart(result.mattered)
    assert len(fig.axes[0].patches) == min(8, len(result.mattered))
