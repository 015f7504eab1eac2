"""Methodology explorers: :class:`MaturityAssessment` and :class:`RACIChecker`.

Both wrap :mod:`pmo_lessons.methodology`: the PMO maturity self-assessment
(:func:`~pmo_lessons.methodology.maturity_profile`) and the review of a RACI
matrix (:func:`~pmo_lessons.methodology.check_raci`), which lesson 07 uses for
the reporting duties.
"""

from __future__ import annotations

import html

import ipywidgets as widgets
import pandas as pd

from ..errors import InputError
from ..methodology import (
    MATURITY_PERSPECTIVES,
    MATURITY_QUESTIONS,
    check_raci,
    maturity_profile,
    next_steps,
    parse_raci,
    raci_summary,
)
from ..plots.methodology import maturity_radar, raci_chart
from ..style import RAG_COLOURS
from .base import Explorer

__all__ = ["MaturityAssessment", "RACIChecker"]


class MaturityAssessment(Explorer):
    """The PMO maturity self-assessment: answer the questions, watch the radar and the next steps.

    Pick a perspective, answer its eight questions (no, partly, yes); the
    summary (the level of every perspective, staged as in
    :func:`pmo_lessons.methodology.maturity_profile`, and the next steps of
    the perspective shown) and the radar chart follow. ``answers`` (question
    id -> answer) starts the assessment somewhere; ``target`` draws the
    PMO's goal on the radar.

    Drive it from code with :meth:`set_answer` and :meth:`reset`; read
    :attr:`answers`, :attr:`profile` and :attr:`levels`.

    >>> assessment = MaturityAssessment(chart=False)
    >>> assessment.levels["Risk"]
    1
    >>> assessment.set_answer("RSK-2a", "yes")
    >>> assessment.set_answer("RSK-2b", "partly")
    >>> assessment.levels["Risk"]
    2
    """

    def __init__(self, answers=None, target=None, threshold=0.75, chart=True):
        self.questions = MATURITY_QUESTIONS
        self.baseline = dict(answers or {})
        maturity_profile(self.baseline, threshold)  # rejects bad answers now, with their message
        self.target, self.threshold = target, threshold
        start = {q: "no" for q in MATURITY_QUESTIONS["id"]}
        start.update(self._words(self.baseline))
        self.picker = widgets.Dropdown(options=list(MATURITY_PERSPECTIVES), description="Perspective",
                                       layout=widgets.Layout(width="420px"),
                                       style={"description_width": "90px"})
        self.buttons = [widgets.ToggleButtons(options=["no", "partly", "yes"],
                                              style={"button_width": "60px"}) for _ in range(8)]
        self.labels = [widgets.HTML(layout=widgets.Layout(width="560px")) for _ in range(8)]
        self.reset_button = self.make_reset_button("Reset")
        self._showing = []
        self.on_change(self.picker, lambda _: self._show_perspective())
        for k, box in enumerate(self.buttons):
            self.on_change(box, lambda answer, k=k: self._on_answer(k, answer))
        rows = [widgets.HBox([label, box]) for label, box in zip(self.labels, self.buttons)]
        super().__init__([widgets.HBox([self.picker, self.reset_button]), *rows],
                         model={"answers": start}, chart=chart)

    # --- driving it from code ------------------------------------------------

    def set_answer(self, question_id, answer):
        """Answer one question (``"no"``, ``"partly"``, ``"yes"`` or 0, 0.5, 1) and update."""
        maturity_profile({question_id: answer}, self.threshold)  # checks id and answer
        self.apply(answers={**self.answers, **self._words({question_id: answer})})

    @property
    def answers(self):
        """The answers on screen: question id -> ``"no"``, ``"partly"``, ``"yes"`` (or a number)."""
        return self.model["answers"]

    @property
    def profile(self):
        """The :func:`~pmo_lessons.methodology.maturity_profile` of the answers."""
        return self.result

    @property
    def levels(self):
        """The level of each perspective, as a dict."""
        return {p: int(v) for p, v in self.profile["level"].items()}

    # --- the explorer's model, summary and chart -------------------------------

    def compute(self, answers):
        return maturity_profile(answers, self.threshold)

    def update_controls(self):
        rows = self.questions[self.questions["perspective"] == self.picker.value]
        self._showing = list(rows["id"])
        for label, box, qid, level, text in zip(self.labels, self.buttons, rows["id"],
                                                rows["level"], rows["question"]):
            label.value = f"<b>L{level}</b> {html.escape(text)}"
            value = self.answers[qid]
            box.value = value if value in ("no", "partly", "yes") else None

    def describe(self):
        steps = next_steps(self.answers, self.threshold)
        mine = steps[steps["perspective"] == self.picker.value]
        levels = " &nbsp; ".join(f"{html.escape(p)}: <b>{int(level)}</b>"
                                 for p, level in self.profile["level"].items())
        todo = ("".join(f"<li>{html.escape(q)} ({html.escape(i)})</li>"
                        for i, q in zip(mine["id"], mine["question"]))
                or "<li>nothing: this perspective is at level 5</li>")
        return (f"<b>Levels:</b> {levels}<br><b>Next steps for "
                f"{html.escape(self.picker.value)}:</b><ul>{todo}</ul>")

    def draw(self):
        return maturity_radar(self.profile, target=self.target)

    @staticmethod
    def _words(answers):
        named = {0.0: "no", 0.5: "partly", 1.0: "yes"}
        words = {}
        for qid, answer in answers.items():
            if isinstance(answer, str):
                words[qid] = answer.strip().lower()
            else:  # a number: keep it when it is not one of the three buttons
                words[qid] = named.get(float(answer), float(answer))
        return words

    def _show_perspective(self):
        self.show_controls()
        self.show()  # the next steps are those of the perspective shown

    def _on_answer(self, k, answer):
        if answer is not None:
            self.apply(answers={**self.answers, self._showing[k]: answer})


class RACIChecker(Explorer):
    """Edit a RACI matrix in a grid of dropdowns; the review's findings follow every change.

    ``matrix`` (index activities, columns roles, cells as
    :func:`pmo_lessons.methodology.parse_raci` reads them) starts the grid;
    each cell offers blank, R, A, C, I and A/R (and the cell's own combination,
    e.g. C/I, when it has one). Under the grid: the findings of
    :func:`pmo_lessons.methodology.check_raci` with ``max_load`` (errors
    first: exactly one A, at least one R; then warnings: overloaded and unused
    roles) and each role's R/A/C/I counts. With ``chart=True`` the matrix is
    drawn by :func:`pmo_lessons.plots.raci_chart`, activities in error flagged.

    Driven from code: :meth:`set_cell`, :meth:`reset`; read :attr:`matrix`
    and :attr:`findings`.

    >>> m = pd.DataFrame({"PM": ["A/R", "A"], "Dev": ["R", ""]}, index=["Plan", "Build"])
    >>> checker = RACIChecker(m, chart=False)
    >>> checker.findings["check"].tolist()
    ['responsible']
    >>> checker.set_cell("Build", "Dev", "R")
    >>> checker.findings["check"].tolist()   # Dev now does all the work
    ['overload']
    """

    OPTIONS = ("", "R", "A", "C", "I", "A/R")

    def __init__(self, matrix, max_load=0.5, chart=True):
        cells = parse_raci(matrix)  # rejects a bad matrix now, with its message
        check_raci(matrix, max_load)  # and a bad max_load
        self.max_load = max_load
        self.activities = [str(a) for a in cells.index]
        self.roles = [str(r) for r in cells.columns]
        self.baseline = {(a, r): self._text(cells.iat[i, j])
                         for i, a in enumerate(self.activities)
                         for j, r in enumerate(self.roles)}
        self.dropdowns = {}
        grid = [widgets.HTML("<b>activity \\ role</b>")]
        grid += [widgets.HTML(f"<b>{html.escape(r)}</b>") for r in self.roles]
        for a in self.activities:
            grid.append(widgets.HTML(html.escape(a)))
            for r in self.roles:
                value = self.baseline[(a, r)]
                options = list(self.OPTIONS) + ([value] if value not in self.OPTIONS else [])
                box = widgets.Dropdown(options=options, value=value,
                                       layout=widgets.Layout(width="72px"))
                self.on_change(box, lambda text, a=a, r=r: self._edit(a, r, text))
                self.dropdowns[(a, r)] = box
                grid.append(box)
        self.grid = widgets.GridBox(grid, layout=widgets.Layout(
            grid_template_columns=f"minmax(180px, max-content) repeat({len(self.roles)}, 80px)",
            grid_gap="2px 6px"))
        self.reset_button = self.make_reset_button("Reset")
        start = pd.DataFrame([[self.baseline[(a, r)] for r in self.roles] for a in self.activities],
                             index=self.activities, columns=self.roles)
        super().__init__([self.grid, self.reset_button], model={"matrix": start}, chart=chart)

    # --- driving it from code ------------------------------------------------

    def set_cell(self, activity, role, value):
        """Set one cell (``""``, ``"R"``, ``"A"``, ``"C"``, ``"I"``, ``"A/R"``...) and re-check."""
        key = (str(activity), str(role))
        if key not in self.dropdowns:
            what, valid = (("activity", self.activities) if key[0] not in self.activities
                           else ("role", self.roles))
            raise InputError(f"no {what} {key[0] if what == 'activity' else key[1]!r} in the "
                             f"RACI matrix; valid: {', '.join(valid)}.")
        letters = parse_raci(pd.DataFrame({key[1]: [value]}, index=[key[0]])).iat[0, 0]
        self._edit(*key, self._text(letters))

    @property
    def matrix(self):
        """The matrix on screen, as a DataFrame (activities x roles)."""
        return self.model["matrix"]

    @property
    def findings(self):
        """The findings of :func:`~pmo_lessons.methodology.check_raci` on the matrix."""
        return self.result

    @property
    def report(self):
        """The HTML under the grid: the findings and each role's load."""
        return self.summary

    # --- the explorer's model, summary and chart -------------------------------

    def compute(self, matrix):
        return check_raci(matrix, self.max_load)

    def update_controls(self):
        for (a, r), box in self.dropdowns.items():
            text = self.matrix.at[a, r]
            if text not in box.options:
                box.options = list(box.options) + [text]
            box.value = text

    def describe(self):
        summary = raci_summary(self.matrix)
        errors = int((self.findings["severity"] == "error").sum())
        warnings = len(self.findings) - errors
        rows = "".join(
            f"<li style='color:{RAG_COLOURS['red'] if s == 'error' else RAG_COLOURS['amber']}'>"
            f"<b>{s}</b>: {html.escape(p)}</li>"
            for s, p in zip(self.findings["severity"], self.findings["problem"]))
        loads = " &nbsp; ".join(
            f"{html.escape(role)}: {int(r['R'])} R, {int(r['A'])} A, {int(r['C'])} C, "
            f"{int(r['I'])} I" for role, r in summary.iterrows())
        verdict = (f"<b style='color:{RAG_COLOURS['green']}'>No finding: one A and at least one R "
                   "per activity, no role overloaded.</b>" if self.findings.empty else
                   f"<b>{errors} error(s), {warnings} warning(s)</b><ul>{rows}</ul>")
        return f"{verdict}<p><b>Per role:</b> {loads}</p>"

    def draw(self):
        return raci_chart(self.matrix, self.findings)

    @staticmethod
    def _text(letters):
        return "/".join(letter for letter in "ARCI" if letter in letters)

    def _edit(self, activity, role, text):
        trial = self.matrix.copy()
        trial.at[activity, role] = text
        self.apply(matrix=trial)
