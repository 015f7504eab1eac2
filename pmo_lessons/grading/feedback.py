"""Feedback: one HTML page per graded trainee, with their results and no hidden test.

nbgrader shows hidden tests in its feedback, in the cells and again inside tracebacks. The pages
here come from nbgrader's feedback pipeline plus ``ClearHiddenTests`` on the cells and
``StripGradeTracebacks`` on the outputs of grade cells (a traceback quotes the hidden lines; only
the exception line, which carries the diagnostic message, is kept), with a results table on top
(:func:`results_table`: each check's result in words, :mod:`pmo_lessons.grading.outcomes`), laid
out by the kit's template (``templates/pmo_feedback``: no prompts, no Python exception text, a
print style); the pipeline is listed in
:data:`pmo_lessons.grading.preprocessors.feedback_preprocessors`. Each page is then scanned for
every hidden line (:func:`pmo_lessons.grading.checks.leaks`) before it is written. A submission
that could not be graded gets a page saying why (:func:`broken_page`).
"""

from __future__ import annotations

import html
import re
import shutil
from pathlib import Path

from .checks import check_rows, hidden_lines, leaks, question_of, scores
from .outcomes import VERDICTS, as_outcomes, check_label, outcomes, plain_note, plain_reason, result_text
from .workspace import GradingError, quiet

__all__ = ["feedback", "results_table", "broken_page", "plain_submission_reason", "TEMPLATES"]

#: The kit's nbconvert templates (``pmo_feedback``: the page, on nbgrader's feedback template).
TEMPLATES = Path(__file__).resolve().parent / "templates"


def results_table(rows):
    """The results on top of a feedback page (Markdown with an HTML table): the total, the score
    of each question, then each check with its points and its result in words.

    ``rows`` are :class:`~pmo_lessons.grading.outcomes.Outcome` (or check rows
    ``(notebook, grade_id, score, max_score, message)`` as
    :func:`~pmo_lessons.grading.checks.check_rows` gives them).

    >>> print(results_table([("planning", "q1_tests", 2.0, 2.0, ""),
    ...                      ("planning", "q2a_tests", 0.0, 1.0, "AssertionError: <3 days")]))
    ## Your results: 2 / 3
    <BLANKLINE>
    By question: 1: 2 / 2 · 2: 0 / 1
    <BLANKLINE>
    <table class="pmo-results">...<td>2a</td><td class="points">0 / 1</td>...Answered, but not right: &lt;3 days...
    """
    outcomes = as_outcomes(rows)
    body = "".join(
        f'<tr class="pmo-{o.verdict}"><td>{html.escape(check_label(o.grade_id))}</td>'
        f'<td class="points">{o.score:g} / {o.max_score:g}</td>'
        f'<td class="result">{html.escape(result_text(o))}</td></tr>'
        for o in outcomes)
    total = sum(o.score for o in outcomes), sum(o.max_score for o in outcomes)
    by_question = {}
    for o in outcomes:
        q = by_question.setdefault(check_label(question_of(o.grade_id)), [0, 0])
        q[0] += o.score
        q[1] += o.max_score
    questions = " · ".join(f"{q}: {s:g} / {p:g}" for q, (s, p) in by_question.items())
    return (f"## Your results: {total[0]:g} / {total[1]:g}\n\nBy question: {questions}\n\n"
            '<table class="pmo-results"><thead><tr><th>Question</th><th>Points</th><th>Result</th>'
            f"</tr></thead><tbody>{body}</tbody></table>\n\n"
            '<p class="pmo-howto">Below: your notebook as it was graded. Under each of your answers, the check '
            "of that question, its points and what it found. The points come from further checks than the "
            "self-checks you ran; they are not shown.</p>\n")


def plain_submission_reason(reason):
    """Why a submission could not be graded, without the exception text a parser added.

    >>> plain_submission_reason("planning.ipynb is not a valid notebook (NotJSONError: Notebook does not ...)")
    'planning.ipynb is not a valid notebook'
    >>> plain_submission_reason("nbgrader could not prepare the notebook: KeyError: 'cells'")
    'nbgrader could not prepare the notebook'
    >>> plain_submission_reason("q1_answer: NotImplementedError; q2_answer: TypeError: x; 2 more")
    'question 1: not answered; question 2: it combines values that do not go together (text with a ...); 2 more'
    """
    parts = []
    for part in reason.split("; "):
        noted = plain_note(part)
        if noted == part:
            noted = re.sub(r"\s*\(\w*(?:Error|Exception)\b[^)]*\)?", "", part)
            noted = re.sub(r":\s*[A-Z]\w*(?:Error|Exception)\b.*$", "", noted)
        parts.append(noted)
    return "; ".join(parts)


def broken_page(student, assignment, reason, rows):
    """The feedback page of a submission that could not be graded: 0 on every check, the reason,
    and what to do.

    >>> page = broken_page("jon", "planning", "planning.ipynb is not a valid notebook",
    ...                    [("planning", "q1_tests", 0.0, 2.0, "")])
    >>> "Score: 0 / 2." in page and "not a valid notebook" in page
    True
    """
    total = sum(r[3] for r in rows)
    body = "".join(f'<tr><td>{html.escape(check_label(g))}</td><td class="points">0 / {p:g}</td></tr>'
                   for _, g, _, p, _ in rows)
    return (f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{html.escape(assignment)}: "
            f"{html.escape(student)}</title><style>{BROKEN_STYLE}</style></head><body><main>"
            f"<h1>Feedback on {html.escape(assignment)}</h1><p class='who'>{html.escape(student)}</p>"
            f"<p><strong>Score: 0 / {total:g}.</strong> Your submission could not be graded: "
            f"{html.escape(plain_submission_reason(reason))}.</p><p>Open it in JupyterLab, restart the kernel and "
            "run all cells, save, and hand it in again.</p><table><tr><th>Question</th><th>Points</th></tr>"
            f"{body}</table></main></body></html>")


BROKEN_STYLE = ("body{font-family:sans-serif;font-size:15px;line-height:1.5}main{max-width:52em;margin:1.5em auto}"
                "h1{color:#1f4e79;font-size:1.6em;margin:0}.who{color:#555;border-bottom:2px solid #1f4e79}"
                "table{border-collapse:collapse}td,th{border-bottom:1px solid #ddd;padding:.3em .8em;text-align:left}"
                ".points{text-align:right}")


def _error_filter(output, meta, resources):
    """An error output of the page in words: a check's result, or why the code stopped."""
    grade_id = (meta.get("nbgrader") or {}).get("grade_id")
    found = resources.get("pmo_outcomes", {}).get(grade_id)
    if found is not None and (meta.get("nbgrader") or {}).get("grade"):
        return html.escape(result_text(found) if found.verdict != "passed" else VERDICTS["passed"])
    if output.get("ename") == "NotImplementedError":
        return "Not answered yet."
    return html.escape("This cell stopped: " + plain_reason(output.get("ename", ""), output.get("evalue", "")) + ".")


def _verdict_filter(grade_id, resources):
    found = resources.get("pmo_outcomes", {}).get(grade_id)
    return VERDICTS[found.verdict] if found is not None else ""


def _exporter(ws):
    """nbgrader's feedback converter, its HTML exporter running the kit's feedback pipeline with the
    kit's template (``templates/pmo_feedback``, on nbgrader's feedback template), without prompts."""
    import copy

    import nbgrader
    from nbconvert.exporters import HTMLExporter
    from nbconvert.writers import FilesWriter
    from nbgrader.converters import GenerateFeedback
    from traitlets.config import Config

    from .preprocessors import feedback_preprocessors

    nbgrader_templates = Path(nbgrader.__file__).parent / "server_extensions" / "formgrader" / "templates"
    extra = Config()
    extra.HTMLExporter.template_name = "pmo_feedback"
    extra.HTMLExporter.extra_template_basedirs = [str(nbgrader_templates), str(TEMPLATES)]
    extra.HTMLExporter.exclude_input_prompt = True
    extra.HTMLExporter.exclude_output_prompt = True
    extra.HTMLExporter.anchor_link_text = ""
    config = copy.deepcopy(ws.config)
    config.merge(extra)
    converter = quiet(GenerateFeedback(coursedir=ws.coursedir(), config=config))
    paths = Config()  # nbgrader sets its own (bootstrap's CSS); the kit's template extends feedback/ from there
    paths.HTMLExporter.extra_template_paths = [*converter.config.HTMLExporter.extra_template_paths,
                                               str(nbgrader_templates)]
    converter.update_config(paths)
    converter.writer = FilesWriter(parent=converter, config=converter.config)
    exporter = converter.exporter = converter.exporter_class(parent=converter, config=converter.config)
    assert isinstance(exporter, HTMLExporter)
    for preprocessor in feedback_preprocessors:
        exporter.register_preprocessor(preprocessor)
    exporter.register_filter("pmo_error", _error_filter)
    exporter.register_filter("pmo_verdict", _verdict_filter)
    exporter.register_filter("pmo_label", check_label)
    exporter.register_filter("pmo_number", lambda value: f"{value:g}")
    return exporter


def _pages(ws, exporter, assignment, student, info, out_dir):
    """The pages of one trainee: ``(target path, HTML)`` for each autograded notebook, or the one
    page of a submission that could not be graded."""
    import nbformat

    rows = check_rows(ws, assignment, student)
    if info.get("status") == "broken" or not ws.autograded(assignment, student).exists():
        reason = info.get("reason") or "it was not graded"
        return [(out_dir / f"{assignment}.html", broken_page(student, assignment, reason, rows))]
    pages = []
    for path in sorted(ws.autograded(assignment, student).glob("*.ipynb")):
        found = outcomes(nbformat.read(str(path), as_version=4), [r for r in rows if r[0] == path.stem])
        resources = {
            "unique_key": path.stem, "output_files_dir": f"{path.stem}_files",
            "nbgrader": {"student": student, "assignment": assignment, "notebook": path.stem,
                         "db_url": ws.db_url},
            "pmo_checks": found,
            "pmo_outcomes": {o.grade_id: o for o in found},
        }
        page, _ = exporter.from_filename(str(path), resources=resources)
        pages.append((out_dir / f"{path.stem}.html", page))
    return pages


def feedback(ws, assignment, students=None, progress=None, exchange=False):
    """Write one HTML feedback page per graded trainee; returns the paths written.

    The pages come from nbgrader's feedback pipeline (``GetGrades``, its feedback template) with
    hidden tests cleared from the cells, grade cells' tracebacks cut to the exception line and a
    results table on top; a page that still contains a hidden line is not written (GradingError).
    With ``exchange`` the pages of trainees who submitted through nbgrader's exchange are published
    there (as ``nbgrader release_feedback``): they fetch them from JupyterLab's Assignment List.
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
    written = []
    for done, student in enumerate(graded):
        if progress:
            progress(done, len(graded), student)
        out_dir = ws.root / "feedback" / student / assignment
        if out_dir.exists():
            shutil.rmtree(out_dir)
        out_dir.mkdir(parents=True)
        for target, page in _pages(ws, exporter, assignment, student, state["students"].get(student, {}), out_dir):
            leaked = leaks(page, secrets)
            if leaked:
                shutil.rmtree(out_dir)
                raise GradingError(f"the feedback page for {student} ({target.name}) would show a hidden test "
                                   f"line: {leaked[0]!r}; nothing written for {student}")
            target.write_text(page, encoding="utf-8")
            written.append(target)
        for name in ("timestamp.txt", "submission_secret.txt"):  # what the exchange keys feedback on
            if (ws.submitted(assignment, student) / name).exists():
                shutil.copy(ws.submitted(assignment, student) / name, out_dir / name)
    if exchange:
        _publish(ws, assignment, graded)
    if progress:
        progress(len(graded), len(graded), "")
    return written


def _publish(ws, assignment, students):
    """Put the pages of trainees who submitted through the exchange into it, as ``nbgrader release_feedback``."""
    from nbgrader.exchange.default.release_feedback import ExchangeReleaseFeedback

    from .exchange import exchange_step

    for student in students:
        if (ws.root / "feedback" / student / assignment / "submission_secret.txt").exists():
            exchange_step(ws, ExchangeReleaseFeedback, f"publishing {student}'s feedback on {assignment}",
                          assignment_id=assignment, student_id=student)
