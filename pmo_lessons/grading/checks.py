"""Checks: what a graded notebook says, and what it must never show.

From the gradebook and the autograded notebooks: each grade cell's score and diagnostic message
(:func:`check_rows`, the rows the feedback and the class summary are made of), each trainee's
score (:func:`scores`), and the grader's own notes on what went wrong in a notebook
(:func:`fault_notes`: a cell timed out, the kernel died, the time budget ran out, output was cut).

And the hidden tests: the lines of the ``### BEGIN HIDDEN TESTS`` blocks (:func:`hidden_lines`),
which no feedback page may show, in its text or in its markup (:func:`leaks`, :func:`html_text`).

>>> question_of("q3b_tests"), question_of("essay")
('q3', 'essay')
"""

from __future__ import annotations

import html
import json
import re

__all__ = [
    "question_of",
    "diagnostic",
    "check_rows",
    "scores",
    "fault_notes",
    "hidden_lines",
    "html_text",
    "leaks",
    "HIDDEN",
    "MANUAL",
    "GRADER_ERRORS",
    "OUTPUT_CUT",
]

#: A hidden-test block of a source cell (the text between its markers is group 1).
HIDDEN = re.compile(r"### BEGIN HIDDEN TESTS(.*?)### END HIDDEN TESTS", re.S)
#: The message of a check the trainer grades by hand (a written answer), until they have.
MANUAL = "to be graded by the trainer"
#: The errors the grader itself puts in a cell's outputs (see ``preprocessors.SafeExecute``).
GRADER_ERRORS = ("CellTimeoutError", "KernelDied", "TimeBudgetExceeded")
#: How the grader marks a cell's output that it cut (see ``preprocessors.SafeExecute``).
OUTPUT_CUT = "[output cut by the grader"


def question_of(grade_id):
    """The question a grade cell belongs to: ``q3b_tests`` -> ``q3``; other ids are their own question.

    >>> question_of("q12_answer"), question_of("reflection")
    ('q12', 'reflection')
    """
    match = re.match(r"^(q\d+)", grade_id)
    return match.group(1) if match else grade_id


def diagnostic(output):
    """The exception line of an error output: ``AssertionError: You added ...``.

    >>> diagnostic({"ename": "AssertionError", "evalue": "You added\\n  the standard deviations"})
    'AssertionError: You added the standard deviations'
    >>> diagnostic({"ename": "NameError", "evalue": ""})
    'NameError'
    """
    message = " ".join(str(output.get("evalue", "")).split())
    name = output.get("ename", "Error")
    return f"{name}: {message}" if message else name


def check_rows(ws, assignment, student):
    """Every grade cell of a trainee's autograded notebooks, from the gradebook:
    ``(notebook, grade_id, score, max_score, diagnostic)``.

    The diagnostic is the first error of the cell's outputs (:func:`diagnostic`), or :data:`MANUAL`
    while the trainer has not graded it; a notebook not handed in gives its cells with no message.
    """
    import nbformat

    rows = []
    with ws.gradebook() as gb:
        for notebook in gb.find_assignment(assignment).notebooks:
            try:
                submitted = gb.find_submission_notebook(notebook.name, assignment, student)
            except Exception:
                continue
            grades = {g.name: g for g in submitted.grades}
            path = ws.autograded(assignment, student) / f"{notebook.name}.ipynb"
            diagnostics = {}
            if path.exists():
                nb = nbformat.read(str(path), as_version=4)
                for cell in nb.cells:
                    meta = cell.metadata.get("nbgrader", {})
                    if meta.get("grade") and cell.cell_type == "code":
                        errors = [diagnostic(o) for o in cell.get("outputs", []) if o.output_type == "error"]
                        diagnostics[meta["grade_id"]] = errors[0] if errors else ""
            for cell in notebook.grade_cells:
                grade = grades.get(cell.name)
                score = grade.score if grade is not None else 0.0
                message = diagnostics.get(cell.name, "")
                if grade is not None and grade.needs_manual_grade:
                    message = MANUAL
                rows.append((notebook.name, cell.name, score, cell.max_score, message))
    return rows


def scores(ws, assignment):
    """Each graded trainee's ``(score, max_score)`` for the assignment, from the gradebook."""
    with ws.gradebook() as gb:
        return {s["student"]: (s["score"], s["max_score"]) for s in gb.submission_dicts(assignment)}


def fault_notes(nb, limits, most=4):
    """What went wrong in a graded notebook, in a few words per cell.

    The grader's own stops (cell timeout, dead kernel, time budget, output cut) in any cell, errors
    in answer and other cells (a syntax error, MemoryError, input()...). Test cells' assertion
    messages are not repeated here: they are the diagnostics of the feedback. At most ``most``
    notes, then how many more. ``nb`` is an nbformat notebook, ``limits`` a
    :class:`pmo_lessons.sandbox.Limits` (to name the budget and the output cap).
    """
    notes, budget = [], []
    for index, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        meta = cell.metadata.get("nbgrader", {})
        test = meta.get("grade") and not meta.get("solution")
        where = meta.get("grade_id") or f"cell {index + 1}"
        errors = [o for o in cell.get("outputs", []) if o.output_type == "error"]
        names = {o.ename for o in errors}
        if "TimeBudgetExceeded" in names:
            budget.append(where)
        elif errors and (not test or names & set(GRADER_ERRORS)):
            error = next((o for o in errors if o.ename in GRADER_ERRORS), errors[0])
            text = (error.get("evalue") or "").strip().splitlines()
            notes.append(f"{where}: {error.ename}" + (f": {text[0][:140]}" if text else ""))
        if any(o.output_type == "stream" and OUTPUT_CUT in "".join(o.get("text", ""))
               for o in cell.get("outputs", [])):
            notes.append(f"{where}: output cut by the grader: over {limits.output_kb} kB")
    if budget:
        more = f" and {len(budget) - 1} more cells" if len(budget) > 1 else ""
        notes.insert(0, f"{budget[0]}{more}: not run, the time budget of {limits.budget_seconds} s was used up")
    return notes[:most] + ([f"{len(notes) - most} more"] if len(notes) > most else [])


def hidden_lines(ws, assignment, minimum=4):
    """The lines of the ``### BEGIN HIDDEN TESTS`` blocks of ``solutions/<assignment>``.

    Lines that also appear outside the hidden blocks (a lone ``)``, a line shared with a visible
    check) and lines shorter than ``minimum`` characters are left out: they reveal nothing.
    """
    secret = set()
    for path in sorted(ws.source(assignment).glob("*.ipynb")):
        nb = json.loads(path.read_text())
        public = set()
        for cell in nb["cells"]:
            text = "".join(cell["source"])
            for block in HIDDEN.findall(text):
                secret |= {line.strip() for line in block.splitlines()}
            public |= {line.strip() for line in HIDDEN.sub("", text).splitlines()}
        secret -= public
    return sorted(line for line in secret if len(line) >= minimum and "HIDDEN TESTS" not in line)


def html_text(page):
    """The text a reader sees in an HTML page: no tags, no scripts or styles, entities decoded.

    >>> html_text('<style>p{}</style><p>a &lt; <span>b</span></p>')
    'a < b'
    """
    page = re.sub(r"(?is)<(script|style)\b.*?</\1>", "", page)
    page = re.sub(r"(?s)<[^>]+>", "", page)
    return html.unescape(page)


def leaks(page, secrets):
    """The ``secrets`` (hidden-test lines) an HTML page shows, in its visible text or in its markup
    (entities decoded); runs of white space count as one space.

    >>> leaks("<pre>assert  total_float(&quot;C&quot;) == 0</pre>", ['assert total_float("C") == 0', "x = 1"])
    ['assert total_float("C") == 0']
    """
    text = " ".join(html_text(page).split())
    raw = " ".join(html.unescape(page).split())
    return [line for line in secrets if " ".join(line.split()) in text or " ".join(line.split()) in raw]
