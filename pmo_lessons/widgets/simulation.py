"""The simulation's cockpit: :class:`Cockpit`, Meridian's PMO played week by week in a notebook."""

from __future__ import annotations

import copy
import html
import re

import ipywidgets as widgets
import matplotlib.pyplot as plt
import pandas as pd

from ..formats import date_text, money_text
from ..plots.simulation import outcomes_chart, quarter_trends, staffing_chart
from ..simulation import ACTIONS, Game, debrief
from ..simulation.game import describe as describe_decision
from ..style import RAG_COLOURS, WHITE
from .base import Explorer

__all__ = ["Cockpit"]

LABELS = {"move_people": "Move people", "contractors": "Contractors", "overtime": "Overtime",
          "crash": "Crash a task", "fast_track": "Fast-track a task",
          "fund_response": "Fund a risk response", "draw_reserve": "Draw on the reserve",
          "health_check": "Health check", "escalate": "Escalate to the committee",
          "defer": "Defer a task", "descope": "Descope a task", "pause": "Pause a project",
          "stop": "Stop a project", "answer": "Answer a question"}


def _badge(rag):
    colour = RAG_COLOURS.get(rag, RAG_COLOURS["grey"])
    return (f"<span style='background:{colour};color:{WHITE};padding:0 6px;border-radius:3px'>"
            f"{html.escape(str(rag))}</span>")


def _offer(dropdown, options):
    """Give a menu's dropdown new options, keeping its choice if it is still one, else the first.

    (ipywidgets 8 leaves a dropdown with no choice when its options change: the menu's default
    decision would then name no project.)
    """
    keep = dropdown.value
    dropdown.options = options
    values = [o[1] if isinstance(o, tuple) else o for o in dropdown.options]
    if keep in values:
        dropdown.value = keep
    elif values:
        dropdown.index = 0


def _table(frame, headers, formats=None, html_columns=(), right=()):
    """A table as a PMO presents it, in the kit's money and dates.

    ``headers`` maps each column shown, in order, to its header in words; ``formats`` maps a
    column to how its values are written (:func:`~pmo_lessons.formats.money_text` for amounts);
    ``html_columns`` already hold HTML (a RAG badge); ``right`` are figures, aligned right.
    A missing value is a blank. As in the other explorers, the first column (an id) is in bold;
    it, the headers and the formatted columns stay on one line ("R-006", "-220 k€"), free text
    wraps.

    >>> import pandas as pd
    >>> frame = pd.DataFrame({"id": ["R-006"], "emv_eur": [-132000.0],
    ...                       "funded_week": pd.array([None], dtype="Int64")})
    >>> text = _table(frame, {"id": "Risk", "emv_eur": "EMV", "funded_week": "Funded in week"},
    ...               formats={"emv_eur": money_text})
    >>> "<b>R-006</b>" in text, "-132 k€" in text, "NA" in text
    (True, True, False)
    """
    formats = formats or {}
    cell = "padding:1px 8px;vertical-align:top;"
    head = "".join(f"<th style='{cell}white-space:nowrap;"
                   f"text-align:{'right' if c in right else 'left'}'>{html.escape(header)}</th>"
                   for c, header in headers.items())
    rows = []
    for record in frame[list(headers)].to_dict("records"):
        cells = []
        for i, (column, value) in enumerate(record.items()):
            text = "" if pd.api.types.is_scalar(value) and pd.isna(value) else \
                str(formats[column](value) if column in formats else value)
            if column not in html_columns:
                text = html.escape(text)
            style = cell + ("text-align:right;" if column in right else "")
            if i == 0 or column in formats:
                style += "white-space:nowrap;"
            cells.append(f"<td style='{style}'>{f'<b>{text}</b>' if i == 0 else text}</td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return (f"<table style='border-collapse:collapse;font-size:12px;margin:2px 0 10px'>"
            f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>")


def _ratio(value):
    return f"{value:.2f}"


def _percent(value):
    return f"{value:.0f} %"


def _yes(value):
    return "yes" if value else ""


class Cockpit(Explorer):
    """The PMO's cockpit: this Friday's status, the decision menu, last week's consequences.

    Play Meridian's portfolio from the status date (Friday 25 September 2026) for ``weeks``
    weeks with the truth drawn from ``seed`` (every team of a workshop plays the same seed).
    Each Friday the cockpit shows what the PMO sees (:class:`~pmo_lessons.simulation.Observation`):
    what happened during the week, the questions waiting for an answer, the dashboard, the
    critical work waiting for people, the budget position, the risks, and (``chart=True``) the
    trends and the people against the demand. Choose a decision in the menu, fill in its
    fields and press **Take the decision**; press **Play the week** when the week's decisions
    are taken. In a committee week, **Portfolio report** shows the report you present
    (:func:`pmo_lessons.report.portfolio_report`) and the committee's questions wait in the
    menu's *Answer a question*. A decision the game refuses is explained in red and changes
    nothing. At the end, the score with its parts and weights, and **Debrief**: your quarter
    against doing nothing and against the course's expert, and the decisions that mattered.

    The game's state is the seed and the decision log (``model["log"]``): :attr:`log` is the
    answer an assignment hands in. Drive it from code with :meth:`decide`, :meth:`next_week`
    and :meth:`play_to_end`; :attr:`game` and :attr:`observation` are the game and this week's
    observation.

    >>> cockpit = Cockpit(seed=2026, weeks=2, chart=False)
    >>> cockpit.decide({"action": "health_check", "project": "ECO"})
    >>> cockpit.next_week()
    >>> cockpit.observation.week, cockpit.log[0]["action"]
    (1, 'health_check')
    >>> cockpit.decide({"action": "draw_reserve", "project": "ECO", "amount_eur": 90000})
    >>> cockpit.error
    'ECO has 42,910 EUR of management reserve left; a change request cannot draw 90,000 EUR (valid: up to 42,910 EUR).'
    """

    def __init__(self, seed=2026, weeks=13, log=(), chart=True):
        self.show_report = False
        self.action = widgets.Dropdown(options=[(LABELS[a], a) for a in ACTIONS],
                                       description="Decision", value="health_check",
                                       layout=widgets.Layout(width="300px"))
        self.fields = {
            "role": widgets.Dropdown(description="Role", layout=widgets.Layout(width="170px")),
            "units": widgets.BoundedIntText(value=1, min=1, max=8, description="People",
                                            layout=widgets.Layout(width="150px")),
            "from": widgets.Dropdown(description="From", layout=widgets.Layout(width="170px")),
            "to": widgets.Dropdown(description="To", layout=widgets.Layout(width="170px")),
            "project": widgets.Dropdown(description="Project",
                                        layout=widgets.Layout(width="180px")),
            "task": widgets.Dropdown(description="Task", layout=widgets.Layout(width="420px")),
            "days": widgets.BoundedIntText(value=2, min=1, max=60, description="Days",
                                           layout=widgets.Layout(width="150px")),
            "risk": widgets.Dropdown(description="Risk", layout=widgets.Layout(width="420px")),
            "subject": widgets.Dropdown(description="Subject",
                                        layout=widgets.Layout(width="420px")),
            "amount_eur": widgets.FloatText(value=10000, description="EUR",
                                            layout=widgets.Layout(width="200px")),
            "reason": widgets.Text(description="Reason", layout=widgets.Layout(width="360px")),
            "question": widgets.Dropdown(description="Question",
                                         layout=widgets.Layout(width="260px")),
            "option": widgets.Dropdown(description="Answer", layout=widgets.Layout(width="520px")),
            "weeks": widgets.BoundedIntText(value=2, min=1, max=13, description="Weeks",
                                            layout=widgets.Layout(width="150px")),
        }
        self.decide_button = widgets.Button(description="Take the decision", icon="check",
                                            button_style="primary")
        self.week_button = widgets.Button(description="Play the week", icon="forward")
        self.report_button = widgets.ToggleButton(description="Portfolio report", icon="file")
        self.debrief_button = widgets.Button(description="Debrief", icon="graduation-cap",
                                             disabled=True)
        self.reset_button = self.make_reset_button("Start again")
        self.report_view = widgets.HTML()
        self.debrief_view = widgets.HTML()
        self.last_debrief = None
        self.decide_button.on_click(lambda _: self.decide(self._menu_decision()))
        self.week_button.on_click(lambda _: self.next_week())
        self.debrief_button.on_click(lambda _: self.debrief())
        self.report_button.observe(lambda change: self._toggle_report(change["new"]), "value")
        self.on_change(self.action, lambda _: self.show_controls())
        self.fields["question"].observe(lambda _: self._options_of_question(), "value")
        menu = widgets.VBox([
            widgets.HBox([self.action, self.decide_button, self.week_button, self.report_button,
                          self.debrief_button, self.reset_button]),
            widgets.HBox(list(self.fields.values()),
                         layout=widgets.Layout(flex_flow="row wrap"))])
        super().__init__([menu], model={"seed": seed, "weeks": weeks, "log": list(log),
                                        "played": 0}, chart=chart)
        self.children = (*self.children, self.report_view, self.debrief_view)

    # --- the model: a seed and a log, played up to a week ---------------------------------

    def compute(self, seed, weeks, log, played):
        current = getattr(self, "result", None)
        if current is not None and current.seed == seed and current.weeks == weeks and \
                log[:len(current.log)] == current.log and played >= current.week and \
                all(d["week"] >= current.week for d in log[len(current.log):]):
            game, new = copy.deepcopy(current), log[len(current.log):]
        else:
            game, new = Game(seed, weeks), list(log)
        while True:
            for decision in [d for d in new if d["week"] == game.week]:
                game.apply({k: v for k, v in decision.items() if k != "week"})
            if game.week >= played:
                break
            game.next_week()
        self.observation = game.observe()
        return game

    @property
    def game(self):
        return self.result

    @property
    def log(self):
        """The decisions taken, as plain data: what an assignment hands in."""
        return self.result.log

    def decide(self, decision):
        """Take a decision this week (plain data, as in :data:`~pmo_lessons.simulation.ACTIONS`)."""
        if not isinstance(decision, dict):
            decision = {}
        self.apply(log=self.model["log"] + [{"week": self.model["played"], **decision}])

    def next_week(self):
        """Play the week: the decisions taken act, and next Friday's status comes."""
        if self.result.finished:
            self.error = "The quarter is over: read the score, then press Debrief."
            self.show()
            return
        self.apply(played=self.model["played"] + 1)

    def play_to_end(self, policy=None):
        """Play every week left, asking ``policy`` (observation -> decisions) each week."""
        while not self.result.finished:
            for decision in (policy(self.observation) if policy else []):
                self.decide(decision)
            self.next_week()

    def debrief(self, top=5):
        """The debrief of the quarter played (replays: it takes some seconds)."""
        if not self.result.finished:
            self.error = "The debrief comes when the quarter is played to its end."
            self.show()
            return None
        result = debrief(self.result, top=top)
        self.last_debrief = result
        outcomes = result.outcomes.reset_index(names="player")
        points = {c: c.capitalize() for c in result.outcomes.columns}
        mattered = _table(result.mattered, {"week": "Week", "decision": "Decision",
                                            "effect": "Effect on the total (points)",
                                            "biggest_part": "Most in", "lesson": "Lesson"},
                          formats={"effect": "{:+.1f}".format}, right=("week", "effect"))
        self.debrief_view.value = (
            "<h4>Debrief</h4><ul>" + "".join(f"<li>{html.escape(line)}</li>"
                                             for line in result.findings(top)) + "</ul>"
            + _table(outcomes, {"player": "Player", **points},
                     formats=dict.fromkeys(points, "{:.1f}".format), right=points)
            + "<p><b>The decisions that mattered</b> (the quarter replayed without each one)</p>"
            + mattered)
        if self.chart:
            fig, axes = plt.subplots(1, 1, figsize=(8, 3.4), layout="constrained")
            outcomes_chart(result.outcomes, ax=axes)
            plt.close(fig)
            self.last_figure = fig
            self.figure.clear_output(wait=True)
            with self.figure:
                from IPython.display import display

                display(fig)
        return result

    def steering_report(self, figures=False):
        """The portfolio report of this week, as presented to the committee."""
        return self.observation.steering_report(figures=figures)

    # --- the menu -----------------------------------------------------------------------

    def _menu_decision(self):
        action = self.action.value
        decision = {"action": action}
        for name in ACTIONS[action]["fields"]:
            value = self.fields[name].value
            if value is None or value == "":
                if name in ACTIONS[action]["optional"]:
                    continue
            decision[name] = value
        return decision

    def _options_of_question(self):
        seen = self.observation
        question = self.fields["question"].value
        rows = seen.questions[seen.questions["id"] == question]
        options = []
        if len(rows):
            text = rows.iloc[0]["options"]
            options = [(part.strip()[:90], part.split(":")[0].strip())
                       for part in text.split(" | ")]
        with self.quietly():
            _offer(self.fields["option"], options or [("(no question waiting)", "")])

    def update_controls(self):
        seen = self.observation
        projects = [p for p in seen.board.index if seen.board.loc[p, "state"] in ("active",
                                                                                 "paused")]
        left = seen.tasks[seen.tasks["state"].isin(["in progress", "not started"])]
        register, issues = seen.register, seen.issues
        choices = {
            "role": list(seen.roles.index), "from": ["free"] + projects, "to": projects,
            "project": projects,
            "task": [(f"{t}  {n[:48]}", t) for t, n in zip(left["task_id"], left["name"])],
            "risk": [(f"{r}  {t[:48]}", r) for r, t in zip(register["id"], register["title"])],
            "subject": [(f"{r}  {t[:48]}", r) for r, t in zip(register["id"], register["title"])]
                       + [(f"{e}  {t[:48]}", e) for e, t in zip(issues["id"], issues["title"])
                          if str(e).startswith("E-")],
            "question": list(seen.questions["id"]) or [("(none waiting)", "")],
        }
        for name, options in choices.items():
            _offer(self.fields[name], options or [("(none)", "")])
        self._options_of_question()
        wanted = ACTIONS[self.action.value]["fields"]
        for name, widget in self.fields.items():
            widget.layout.display = "" if name in wanted else "none"
        self.fields["weeks"].max = max(1, seen.weeks - seen.week)
        over = self.result.finished
        self.decide_button.disabled = self.week_button.disabled = over
        self.debrief_button.disabled = not over
        self._toggle_report(self.report_button.value)

    def _toggle_report(self, on):
        if not on:
            self.report_view.value = ""
            return
        page = self.steering_report().to_html()
        body = re.search(r"<body>(.*)</body>", page, re.S)
        style = re.search(r"<style>(.*?)</style>", page, re.S)
        self.report_view.value = ((f"<style>{style.group(1)}</style>" if style else "")
                                  + (body.group(1) if body else page))

    # --- what the cockpit shows ------------------------------------------------------------

    def describe(self):
        seen, game = self.observation, self.result
        parts = [f"<h3 style='margin:4px 0'>Week {seen.week} of {seen.weeks}: Friday "
                 f"{date_text(seen.status_date)}</h3>"]
        if seen.committee:
            parts.append("<p><b>Steering committee this week.</b> Present the portfolio report "
                         "(button <i>Portfolio report</i>) and answer the committee's questions "
                         "(<i>Answer a question</i>).</p>")
        elif seen.next_committee:
            parts.append(f"<p>Next steering committee: week {seen.next_committee}.</p>")
        if seen.consequences:
            parts.append("<b>What happened this week</b><ul>" + "".join(
                f"<li>{html.escape(m)}</li>" for m in seen.consequences) + "</ul>")
        if len(seen.questions):
            parts.append("<b>Waiting for your answer</b> (answered before you play the week, or "
                         "others decide)<ul>" + "".join(
                f"<li><b>{html.escape(q['id'])}</b> ({html.escape(q['asked_by'])}): "
                f"{html.escape(q['text'])}<br><small>{html.escape(q['options'])}</small></li>"
                for q in seen.questions.to_dict("records")) + "</ul>")
        board = seen.board.reset_index()
        board["RAG"] = board["rag"].map(_badge)
        board["reserve_left"] = board["project"].map(seen.budget["reserve_left"])
        board["funding_gap"] = board["project"].map(seen.budget["funding_gap"])
        parts.append("<b>The portfolio</b>" + _table(
            board, {"project": "Project", "state": "State", "percent_complete": "Complete",
                    "CPI": "CPI", "SPI_t": "SPI(t)", "EAC": "EAC",
                    "forecast_finish": "Forecast finish", "RAG": "RAG",
                    "reserve_left": "Reserve left", "funding_gap": "Funding gap"},
            formats={"percent_complete": _percent, "CPI": _ratio, "SPI_t": _ratio,
                     "EAC": money_text, "forecast_finish": date_text, "reserve_left": money_text,
                     "funding_gap": money_text},
            html_columns=("RAG",),
            right=("percent_complete", "CPI", "SPI_t", "EAC", "reserve_left", "funding_gap")))
        waiting = seen.tasks[(seen.tasks["waiting_for"] != "")]
        if len(waiting):
            parts.append("<b>Work that starts next week without all its people</b>" + _table(
                waiting, {"task_id": "Task", "name": "Name", "critical": "Critical",
                          "total_float": "Float (working days)", "units": "People needed",
                          "waiting_for": "Waiting for"},
                formats={"critical": _yes}, right=("total_float",)))
        risks = seen.register.sort_values("emv_eur").head(6)
        parts.append("<b>The largest open threats</b>" + _table(
            risks, {"id": "Risk", "project": "Project", "title": "Title",
                    "probability_pct": "Probability", "cost_impact_eur": "Cost impact",
                    "emv_eur": "EMV", "response": "Response",
                    "response_cost_eur": "Response cost", "funded_week": "Funded in week",
                    "escalated_week": "Escalated in week"},
            formats={"probability_pct": _percent, "cost_impact_eur": money_text,
                     "emv_eur": money_text, "response_cost_eur": money_text},
            right=("probability_pct", "cost_impact_eur", "emv_eur", "response_cost_eur",
                   "funded_week", "escalated_week")))
        mine = [d for d in game.log if d["week"] == seen.week]
        if mine:
            parts.append("<b>Your decisions this week</b><ul>" + "".join(
                f"<li>{html.escape(describe_decision(d))}</li>" for d in mine) + "</ul>")
        if game.finished:
            score = game.score()
            table = _table(score.parts.reset_index(),
                           {"part": "Part", "measure": "Measure", "points": "Points (of 100)",
                            "weight": "Weight", "weighted": "In the total"},
                           formats={"points": "{:.0f}".format, "weighted": "{:.1f}".format},
                           right=("points", "weight", "weighted"))
            parts.append(f"<h3>The quarter is over: {score.total:.1f} points out of 100</h3>"
                         + table + "<p>Press <i>Debrief</i> to compare with doing "
                                   "nothing and with the expert.</p>")
        return "".join(parts)

    def draw(self):
        seen = self.observation
        fig = plt.figure(figsize=(13, 4.2), layout="constrained")
        left, right = fig.subplots(1, 2, width_ratios=[1.4, 1])
        quarter_trends(seen.trends, ax=left, title="SPI(t) week by week")
        staffing_chart(seen.roles, ax=right, title="People by role: staffed and needed")
        plt.close(fig)
        return fig
