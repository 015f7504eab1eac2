"""Summary: the class report, ``<assignment>_grades.csv`` and ``<assignment>_summary.html``.

The CSV has one row per trainee (status, score, one column per question, the reason of a
submission that could not be graded or of a question waiting for the trainer, in plain words);
the page has three charts (the score distribution, in whole trainees; the most missed questions;
the most frequent results of attempted answers: diagnostics, crashes, timeouts), embedded, the
answers not given counted apart (:func:`unanswered`), and the same table. The rows come from the
gradebook through :func:`class_table`, made by :func:`class_rows` from plain data; each check's
result is its :class:`~pmo_lessons.grading.outcomes.Outcome`.

Text that comes from trainee work (diagnostic messages quote answers) is never interpreted: it is
escaped in the page, drawn as plain text in the charts (no mathtext: a ``$`` is a dollar), and a
CSV cell that a spreadsheet would read as a formula is written with a leading quote
(:func:`csv_safe`). A trainee whose checks cannot be read still gets a row, with the reason.
"""

from __future__ import annotations

import base64
import csv
import html
import io
import re
from collections import Counter
from pathlib import Path

from .checks import MANUAL, check_rows, question_of, scores
from .outcomes import as_outcomes, check_label, outcomes, plain_note, result_text
from .workspace import GradingError

__all__ = ["report", "class_table", "class_rows", "missed_share", "frequent_messages", "unanswered",
           "write_grades_csv", "summary_page", "csv_safe", "quarter_outcomes"]


def class_rows(totals, checks, state):
    """One row per trainee, from plain data: ``(questions, rows)``.

    ``totals`` maps each trainee to ``(score, max_score)``; ``checks`` each trainee to their
    check rows ``(notebook, grade_id, score, max_score, message)``; ``state`` is the workspace's
    state of the assignment (each trainee's status and reason). A row holds the trainee, their
    status, score and max score, their score on each question, and the reason.

    >>> questions, rows = class_rows(
    ...     {"ana": (3.0, 4.0)},
    ...     {"ana": [("nb", "q1a_tests", 1.0, 1.0, ""), ("nb", "q1b_tests", 2.0, 2.0, ""),
    ...              ("nb", "q2_essay", 0.0, 1.0, MANUAL)]},
    ...     {"students": {"ana": {"status": "graded", "reason": ""}}})
    >>> questions, rows[0]["q1"], rows[0]["reason"]
    (['q1', 'q2'], 3.0, "q2: waiting for the trainer's grade (formgrader)")

    The grader's notes are told in plain words (:func:`~pmo_lessons.grading.outcomes.plain_note`):

    >>> _, rows = class_rows({"ben": (0.0, 2.0)}, {"ben": [("nb", "q1_tests", 0.0, 2.0, "")]},
    ...                      {"students": {"ben": {"status": "graded", "reason": "q1_answer: NotImplementedError"}}})
    >>> rows[0]["reason"]
    'question 1: not answered'

    """
    questions, rows = [], []
    for student in sorted(totals):
        per_question = {}
        for check in checks[student]:
            gid, score = check[1], check[2]
            q = question_of(gid)
            if q not in questions:
                questions.append(q)
            per_question[q] = per_question.get(q, 0) + score
        info = state["students"].get(student, {})
        score, max_score = totals[student]
        waiting = sorted({question_of(check[1]) for check in checks[student] if check[4] == MANUAL})
        noted = "; ".join(plain_note(part) for part in info.get("reason", "").split("; ") if part)
        reason = "; ".join(filter(None, [noted, waiting and
                                         f"{', '.join(waiting)}: waiting for the trainer's grade (formgrader)",
                                         info.get("feedback", "")]))
        rows.append({"student": student, "status": info.get("status", "graded"), "score": score,
                     "max_score": max_score, **per_question, "reason": reason})
    return questions, rows


def class_table(ws, assignment):
    """One row per graded trainee (see :func:`class_rows`), from the gradebook and the autograded
    notebooks: ``(questions, rows, checks)``, ``checks`` mapping each trainee to the
    :class:`~pmo_lessons.grading.outcomes.Outcome` of each of their checks."""
    import nbformat

    state = ws.load_state(assignment)
    graded = scores(ws, assignment)
    checks = {}
    for student in sorted(graded):
        try:
            rows = check_rows(ws, assignment, student)
            found = []
            for notebook in dict.fromkeys(r[0] for r in rows):
                mine = [r for r in rows if r[0] == notebook]
                path = ws.autograded(assignment, student) / f"{notebook}.ipynb"
                found += outcomes(nbformat.read(str(path), as_version=4), mine) if path.exists() else as_outcomes(mine)
            checks[student] = found
        except Exception:  # that trainee's row says why; the others are read
            checks[student] = []
            info = state["students"].setdefault(student, {})
            info["reason"] = "; ".join(filter(None, [info.get("reason", ""), "the report could not read the results "
                                                     f"of the checks (grade again: `pmo-lessons grade {assignment}`)"]))
    questions, rows = class_rows(graded, checks, state)
    return questions, rows, checks


def missed_share(questions, rows, checks):
    """The share of each question's points the class missed (0 to 1), for questions worth points.

    A question's points are read from the first trainee's checks (every trainee has the same).

    >>> rows = [{"q1": 2.0, "q2": 0.0}, {"q1": 1.0, "q2": 1.0}]
    >>> checks = {"ana": [("nb", "q1_tests", 2.0, 2.0, ""), ("nb", "q2_tests", 0.0, 1.0, "")]}
    >>> missed_share(["q1", "q2"], rows, checks)
    {'q1': 0.25, 'q2': 0.5}
    """
    points = {}
    for student_checks in checks.values():
        for check in student_checks:
            points[question_of(check[1])] = points.get(question_of(check[1]), 0) + check[3]
        break
    return {q: sum(points[q] - r.get(q, 0) for r in rows) / (len(rows) * points[q])
            for q in questions if points.get(q)}


def frequent_messages(checks):
    """How many trainees got each result of an attempted answer (a diagnostic, a crash, a timeout),
    named with its question; answers not given are counted apart (:func:`unanswered`), and so are
    those waiting for the trainer.

    >>> frequent_messages({"ana": [("nb", "q1_tests", 0.0, 1.0, "AssertionError: late")],
    ...                    "ben": [("nb", "q1_tests", 0.0, 1.0, "AssertionError: late")],
    ...                    "kim": [("nb", "q1_tests", 1.0, 1.0, "")]}).most_common()
    [('1: Answered, but not right: late', 2)]
    """
    counts = Counter()
    for student_checks in checks.values():
        counts.update({f"{check_label(o.grade_id)}: {result_text(o)}" for o in as_outcomes(student_checks)
                       if o.verdict in ("wrong", "crashed", "timeout")})
    return counts


def unanswered(checks):
    """The answers not given: ``(by question, blank)``, ``by question`` mapping each question's label
    to the trainees who left it unanswered, ``blank`` the trainees who answered nothing at all.

    >>> from pmo_lessons.grading.outcomes import Outcome
    >>> blank = [Outcome("nb", "q1_tests", 0.0, 1.0, "", "unanswered", ""),
    ...          Outcome("nb", "q2_tests", 0.0, 1.0, "", "unanswered", "")]
    >>> unanswered({"gina": blank, "ana": [Outcome("nb", "q1_tests", 1.0, 1.0, "", "passed", ""), blank[1]]})
    ({'1': ['gina'], '2': ['ana', 'gina']}, ['gina'])
    """
    by_question, blank = {}, []
    for student in sorted(checks):
        found = as_outcomes(checks[student])
        for o in found:
            if o.verdict == "unanswered":
                by_question.setdefault(check_label(question_of(o.grade_id)), []).append(student)
        if found and all(o.verdict == "unanswered" for o in found if o.max_score):
            blank.append(student)
    def order(label):
        number = re.match(r"\d+", label)
        return (int(number.group()) if number else 10**6, label)

    by_question = {q: sorted(set(by_question[q])) for q in sorted(by_question, key=order)}
    return by_question, blank


def csv_safe(value):
    """A text for a CSV cell that no spreadsheet reads as a formula: one starting with ``=``,
    ``+``, ``-``, ``@``, a tab or a carriage return gets a leading quote.

    >>> csv_safe("=SUM(A1:A9)"), csv_safe("q2_answer: NameError")
    ("'=SUM(A1:A9)", 'q2_answer: NameError')
    """
    value = str(value)
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def write_grades_csv(path, questions, rows, extra=()):
    """The grades as CSV: one row per trainee, numbers written as ``%g`` (17, not 17.0), texts
    made safe for spreadsheets (:func:`csv_safe`).

    ``extra`` columns (a simulation's outcome, see :func:`quarter_outcomes`) come before ``reason``.
    """
    columns = ["student", "status", "score", "max_score", *questions, *extra, "reason"]
    with Path(path).open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns)
        writer.writeheader()
        for row in rows:
            writer.writerow({k: (f"{v:g}" if isinstance(v, (int, float)) else csv_safe(v)) for k, v in row.items()})


def _figure_uri(figure):
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=100, bbox_inches="tight")
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


def _charts(assignment, rows, lost, top):
    """The three charts of the page, as embedded PNG images."""
    from matplotlib.figure import Figure
    from matplotlib.ticker import MaxNLocator

    from ..style import COLOURS

    max_score = max(r["max_score"] for r in rows)
    fig1 = Figure(figsize=(6, 3))
    ax = fig1.subplots()
    ax.hist([r["score"] for r in rows], bins=range(0, int(max_score) + 2), color=COLOURS["task"], edgecolor="white",
            align="left")
    ax.set_xlabel(f"score (out of {max_score:g})")
    ax.set_ylabel("trainees")
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))  # whole trainees, never half ones
    ax.set_title(f"{assignment}: score distribution ({len(rows)} trainees)")
    fig2 = Figure(figsize=(6, 3))
    ax = fig2.subplots()
    order = sorted(lost, key=lost.get, reverse=True)
    ax.barh([f"question {check_label(q)}" for q in order[::-1]], [100 * lost[q] for q in order[::-1]],
            color=COLOURS["today"])
    ax.set_xlabel("% of the question's points missed by the class")
    ax.set_title("Most missed questions")
    fig3 = Figure(figsize=(7, 0.4 * max(len(top), 1) + 1))
    ax = fig3.subplots()
    labels = [(m[:70] + "...") if len(m) > 70 else m for m, _ in top][::-1]
    ax.barh(range(len(top)), [n for _, n in top][::-1], color=COLOURS["third"])
    ax.set_yticks(range(len(top)), labels, fontsize=8)
    for label in ax.get_yticklabels():  # trainee text: a "$" is a dollar, not mathtext
        label.set_parse_math(False)
    ax.set_xlabel("trainees")
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_title("Most frequent results of attempted answers")
    return [_figure_uri(figure) for figure in (fig1, fig2, fig3)]


def quarter_outcomes(ws, assignment, students):
    """For an assignment that plays the simulation (its notebook's metadata says so), each trainee's
    quarter replayed from the decision log of their autograded notebook, beside doing nothing and
    the expert (:func:`pmo_lessons.simulation.classroom.class_outcomes`); ``[]`` for the others."""
    for source in sorted(ws.source(assignment).glob("*.ipynb")):
        from ..simulation.classroom import class_outcomes, game_of

        spec = game_of(source)
        if spec is not None:
            notebooks = {s: ws.autograded(assignment, s) / source.name for s in students}
            return class_outcomes(spec, notebooks)
        break
    return []


def _outcomes_section(outcomes):
    """The class's quarters side by side: a table, and the totals as a chart (names never interpreted)."""
    from matplotlib.figure import Figure

    from ..simulation.classroom import OUTCOME_COLUMNS
    from ..style import COLOURS

    played = [o for o in outcomes if "total" in o]
    fig = Figure(figsize=(7, 0.32 * max(len(played), 1) + 1.2))
    ax = fig.subplots()
    order = sorted(played, key=lambda o: o["total"])
    colours = [COLOURS["outline"] if o["team"].startswith("(") else COLOURS["task"] for o in order]
    ax.barh(range(len(order)), [o["total"] for o in order], color=colours)
    ax.set_yticks(range(len(order)), [o["team"] for o in order], fontsize=8)
    for label in ax.get_yticklabels():  # trainee ids: a "$" is a dollar, not mathtext
        label.set_parse_math(False)
    ax.set_xlabel("score of the quarter (0 to 100)")
    ax.set_title("The quarter, team by team (grey: doing nothing and the expert)")
    columns = ["team", *OUTCOME_COLUMNS, "reason"]

    def cell(value):
        return f"{value:g}" if isinstance(value, float) else html.escape(str(value))

    table = "".join("<tr>" + "".join(f"<td>{cell(o.get(c, ''))}</td>" for c in columns) + "</tr>"
                    for o in outcomes)
    return (f"<h2>The quarter, team by team</h2><p>Each team's decision log replayed on the class's "
            f"seed, part by part, beside doing nothing and the course's expert.</p>"
            f"<img alt='the quarter, team by team' src='{_figure_uri(fig)}'>"
            f"<table><tr>{''.join(f'<th>{html.escape(c)}</th>' for c in columns)}</tr>{table}</table>")


def summary_page(assignment, questions, rows, checks, outcomes=()):
    """The class summary page (HTML, its charts embedded: it works offline and can be mailed).

    ``outcomes`` (:func:`quarter_outcomes`) adds the class's quarters of the simulation, side by side.
    """
    lost = missed_share(questions, rows, checks)
    top = frequent_messages(checks).most_common(10)
    distribution, missed, messages = _charts(assignment, rows, lost, top)
    columns = ["student", "status", "score", "max_score", *questions, "reason"]
    max_score = max(r["max_score"] for r in rows)

    def cell(value):
        return f"{value:g}" if isinstance(value, float) else html.escape(str(value))

    table = "".join("<tr>" + "".join(f"<td>{cell(r.get(c, ''))}</td>" for c in columns) + "</tr>" for r in rows)
    message_rows = "".join(f"<tr><td>{n}</td><td>{html.escape(m)}</td></tr>" for m, n in top) or (
        "<tr><td colspan='2'>none: every attempted answer passed its checks</td></tr>")
    by_question, blank = unanswered(checks)
    blanks = "".join(f"<li>question {html.escape(q)}: {len(names)} ({html.escape(', '.join(names))})</li>"
                     for q, names in by_question.items()) or "<li>none: every question was attempted</li>"
    blank_line = (f"<p>{len(blank)} handed in a notebook with no answer at all: {html.escape(', '.join(blank))}.</p>"
                  if blank else "")
    mean = sum(r["score"] for r in rows) / len(rows)
    return f"""<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>{html.escape(assignment)}: class summary</title>
<style>body{{font-family:sans-serif;max-width:60em;margin:2em auto;line-height:1.45}}table{{border-collapse:collapse}}
td,th{{border:1px solid #ccc;padding:.25em .6em;font-size:.9em;text-align:left;vertical-align:top}}
th{{background:#f3f6f9}}.note{{color:#555;font-size:.9em}}h1{{color:#1f4e79}}
@media print{{body{{margin:0;max-width:none}}img{{max-width:100%}}tr{{page-break-inside:avoid}}}}</style></head><body>
<h1>{html.escape(assignment)}: class summary</h1>
<p>{len(rows)} trainees; mean score {mean:.1f} / {max_score:g};
{sum(r['status'] == 'broken' for r in rows)} submissions could not be graded.</p>
<h2>Score distribution</h2><img alt="score distribution" src="{distribution}">
<h2>Most missed questions</h2><img alt="most missed questions" src="{missed}">
<h2>Most frequent results of attempted answers</h2>
<p class="note">What the checks said to trainees who answered (a wrong answer's diagnostic, a crash, a timeout), by
question; answers not given are counted below, apart.</p>
<img alt="most frequent results of attempted answers" src="{messages}">
<table><tr><th>trainees</th><th>question: result</th></tr>{message_rows}</table>
<h2>Answers not given</h2><p class="note">Trainees who left each question unanswered.</p><ul>{blanks}</ul>
{blank_line}
{_outcomes_section(outcomes) if outcomes else ""}
<h2>Grades</h2><table><tr>{''.join(f'<th>{html.escape(c)}</th>' for c in columns)}</tr>{table}</table>
</body></html>
"""


def report(ws, assignment, out_dir=None):
    """Write ``<assignment>_grades.csv`` and ``<assignment>_summary.html``; returns both paths."""
    ws.notebooks(assignment)
    questions, rows, checks = class_table(ws, assignment)
    if not rows:
        raise GradingError(f"no graded submission of {assignment}: run `pmo-lessons grade {assignment}` first")
    out_dir = Path(out_dir) if out_dir else ws.root / "reports"
    out_dir.mkdir(parents=True, exist_ok=True)
    outcomes = quarter_outcomes(ws, assignment, [r["student"] for r in rows])
    extra = []
    if outcomes:  # the simulation: each trainee's quarter in the grades too
        from ..simulation.classroom import OUTCOME_COLUMNS

        extra = [f"quarter_{c}" for c in OUTCOME_COLUMNS]
        by_team = {o["team"]: o for o in outcomes}
        for row in rows:
            outcome = by_team.get(row["student"], {})
            row.update({f"quarter_{c}": outcome.get(c, "") for c in OUTCOME_COLUMNS})
            if outcome.get("reason"):
                row["reason"] = "; ".join(filter(None, [row["reason"], f"quarter: {outcome['reason']}"]))
    csv_path = out_dir / f"{assignment}_grades.csv"
    write_grades_csv(csv_path, questions, rows, extra)
    html_path = out_dir / f"{assignment}_summary.html"
    html_path.write_text(summary_page(assignment, questions, rows, checks, outcomes), encoding="utf-8")
    return csv_path, html_path
