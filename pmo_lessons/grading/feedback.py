"""Feedback: one HTML page per graded trainee, with their results and no hidden test.

nbgrader shows hidden tests in its feedback, in the cells and again inside tracebacks. The pages
here come from nbgrader's feedback pipeline with the kit's ``ClearTests`` on the test cells and
``StripGradeTracebacks`` on the outputs of grade cells (a traceback quotes the hidden lines; only
the exception line, which carries the diagnostic message, is kept), with a results table on top
(:func:`results_table`); the pipeline is listed in
:data:`pmo_lessons.grading.preprocessors.feedback_preprocessors`. The hidden tests never ran in
the trainee's kernel, so no output of the trainee's can hold them; each page is still scanned for
every hidden line, plainly and in decoded forms (:func:`pmo_lessons.grading.checks.leaks`), before
it is written. A page that fails the scan, or that cannot be made, is withheld for that trainee
alone, with the reason (:class:`FeedbackReport`); the others are written. A submission that could
not be graded gets a page saying why (:func:`broken_page`).
"""

from __future__ import annotations

import html
import shutil

from .checks import check_rows, hidden_lines, leaks, question_of, scores
from .workspace import GradingError, quiet

__all__ = ["feedback", "results_table", "broken_page", "FeedbackReport"]


class FeedbackReport(list):
    """The pages written (a list of paths), and ``withheld``: the trainees whose page was not
    written, each with the reason."""

    def __init__(self, pages=()):
        super().__init__(pages)
        self.withheld = {}


def results_table(rows):
    """The results on top of a feedback page (Markdown with an HTML table): the total, the score
    of each question, then each check with its score and diagnostic message.

    ``rows`` are ``(notebook, grade_id, score, max_score, message)`` as
    :func:`~pmo_lessons.grading.checks.check_rows` gives them.

    >>> print(results_table([("planning", "q1_tests", 2.0, 2.0, ""),
    ...                      ("planning", "q2a_tests", 0.0, 1.0, "AssertionError: <3 days")]))
    ## Your results: 2 / 3
    <BLANKLINE>
    q1: 2/2, q2: 0/1
    <BLANKLINE>
    <table>...<td>q2</td><td>q2a_tests</td><td>0 / 1</td><td>AssertionError: &lt;3 days</td></tr></tbody></table>
    <BLANKLINE>
    """
    body = "".join(
        f"<tr><td>{html.escape(question_of(gid))}</td><td>{html.escape(gid)}</td>"
        f"<td>{score:g} / {points:g}</td><td>{html.escape(message)}</td></tr>"
        for _, gid, score, points, message in rows)
    total = sum(r[2] for r in rows), sum(r[3] for r in rows)
    by_question = {}
    for _, gid, score, points, _ in rows:
        q = by_question.setdefault(question_of(gid), [0, 0])
        q[0] += score
        q[1] += points
    questions = ", ".join(f"{q}: {s:g}/{p:g}" for q, (s, p) in by_question.items())
    return (f"## Your results: {total[0]:g} / {total[1]:g}\n\n{questions}\n\n"
            "<table><thead><tr><th>question</th><th>check</th><th>score</th><th>message</th>"
            f"</tr></thead><tbody>{body}</tbody></table>\n")


def broken_page(student, assignment, reason, rows):
    """The feedback page of a submission that could not be graded: 0 on every check, the reason,
    and what to do.

    >>> page = broken_page("jon", "planning", "planning.ipynb is not a valid notebook",
    ...                    [("planning", "q1_tests", 0.0, 2.0, "")])
    >>> "Score: 0 / 2." in page and "not a valid notebook" in page
    True
    """
    total = sum(r[3] for r in rows)
    body = "".join(f"<tr><td>{html.escape(question_of(g))}</td><td>{html.escape(g)}</td><td>0 / {p:g}</td></tr>"
                   for _, g, _, p, _ in rows)
    return (f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{html.escape(assignment)}: "
            f"{html.escape(student)}</title></head><body><h1>{html.escape(assignment)}: {html.escape(student)}</h1>"
            f"<p><strong>Score: 0 / {total:g}.</strong> Your submission could not be graded: "
            f"{html.escape(reason)}</p><p>Open it in JupyterLab, restart the kernel and run all cells, save, "
            f"and hand it in again.</p><table><tr><th>question</th><th>check</th><th>score</th></tr>{body}"
            "</table></body></html>")


def _exporter(ws):
    """nbgrader's feedback converter, its HTML exporter running the kit's feedback pipeline."""
    from nbconvert.exporters import HTMLExporter
    from nbconvert.writers import FilesWriter
    from nbgrader.converters import GenerateFeedback

    from .preprocessors import feedback_preprocessors

    converter = quiet(GenerateFeedback(coursedir=ws.coursedir(), config=ws.config))
    converter.writer = FilesWriter(parent=converter, config=converter.config)
    converter.exporter = converter.exporter_class(parent=converter, config=converter.config)
    assert isinstance(converter.exporter, HTMLExporter)
    for preprocessor in feedback_preprocessors:
        converter.exporter.register_preprocessor(preprocessor)
    return converter.exporter


def _pages(ws, exporter, assignment, student, info, out_dir):
    """The pages of one trainee: ``(target path, HTML)`` for each autograded notebook, or the one
    page of a submission that could not be graded."""
    rows = check_rows(ws, assignment, student)
    if info.get("status") == "broken" or not ws.autograded(assignment, student).exists():
        reason = info.get("reason") or "it was not graded"
        return [(out_dir / f"{assignment}.html", broken_page(student, assignment, reason, rows))]
    pages = []
    for path in sorted(ws.autograded(assignment, student).glob("*.ipynb")):
        resources = {
            "unique_key": path.stem, "output_files_dir": f"{path.stem}_files",
            "nbgrader": {"student": student, "assignment": assignment, "notebook": path.stem,
                         "db_url": ws.db_url},
            "pmo_checks": [r for r in rows if r[0] == path.stem],
        }
        page, _ = exporter.from_filename(str(path), resources=resources)
        pages.append((out_dir / f"{path.stem}.html", page))
    return pages


def feedback(ws, assignment, students=None, progress=None, exchange=False):
    """Write one HTML feedback page per graded trainee; returns a :class:`FeedbackReport` (the
    paths written, and the trainees whose page was withheld, with the reason).

    The pages come from nbgrader's feedback pipeline (``GetGrades``, its feedback template) with
    hidden tests cleared from the test cells, grade cells' tracebacks cut to the exception line and
    a results table on top; a page that still contains a hidden line, in any form, is not written,
    nor one that cannot be made: that trainee's reason, kept in the workspace's state (the class
    report shows it). With ``exchange`` the pages of trainees who submitted through nbgrader's
    exchange are published there (as ``nbgrader release_feedback``): they fetch them from
    JupyterLab's Assignments tab.
    """
    ws.notebooks(assignment)
    state = ws.load_state(assignment)
    graded = sorted(set(scores(ws, assignment)))
    if students:
        unknown = sorted(set(students) - set(graded))
        if unknown:
            raise GradingError(f"no graded submission of {assignment} for {', '.join(unknown)}: grade first")
        graded = sorted(students)
    if not graded:
        raise GradingError(f"no graded submission of {assignment}: run `pmo-lessons grade {assignment}` first")
    secrets = hidden_lines(ws, assignment)
    exporter = _exporter(ws)
    report = FeedbackReport()
    for done, student in enumerate(graded):
        if progress:
            progress(done, len(graded), student)
        out_dir = ws.root / "feedback" / student / assignment
        if out_dir.exists():
            shutil.rmtree(out_dir)
        out_dir.mkdir(parents=True)
        info = state["students"].setdefault(student, {})
        info.pop("feedback", None)
        try:
            pages = _pages(ws, exporter, assignment, student, info, out_dir)
            for target, page in pages:
                how = {}
                leaked = leaks(page, secrets, how)
                if leaked:
                    raise _Withheld(f"the page {target.name} would show a hidden test line"
                                    f"{' (encoded)' if how[leaked[0]] == 'encoded' else ''}: {leaked[0][:60]!r}")
        except _Withheld as why:
            reason = str(why)
        except Exception as error:  # one trainee's page that cannot be made is that trainee's problem
            reason = f"the page could not be made ({type(error).__name__}: {str(error)[:120]})"
        else:
            reason = ""
            for target, page in pages:
                target.write_text(page, encoding="utf-8")
                report.append(target)
            for name in ("timestamp.txt", "submission_secret.txt"):  # what the exchange keys feedback on
                if (ws.submitted(assignment, student) / name).exists():
                    shutil.copy(ws.submitted(assignment, student) / name, out_dir / name)
        if reason:
            shutil.rmtree(out_dir)
            report.withheld[student] = info["feedback"] = f"feedback withheld: {reason}"
    ws.save_state(assignment, state)
    if exchange:
        _publish(ws, assignment, [s for s in graded if s not in report.withheld])
    if progress:
        progress(len(graded), len(graded), "")
    return report


class _Withheld(Exception):
    """A page that must not be written, with the reason."""


def _publish(ws, assignment, students):
    """Put the pages of trainees who submitted through the exchange into it, as ``nbgrader release_feedback``."""
    from nbgrader.exchange.default.release_feedback import ExchangeReleaseFeedback

    from .exchange import exchange_step

    for student in students:
        if (ws.root / "feedback" / student / assignment / "submission_secret.txt").exists():
            exchange_step(ws, ExchangeReleaseFeedback, f"publishing {student}'s feedback on {assignment}",
                          assignment_id=assignment, student_id=student)
