"""Outcomes: what each check of a graded notebook found, in the words of a PMO, not of Python.

A check (a grade cell) ends in one of: *passed*; *not answered* (the answer cell before it still
holds its ``raise NotImplementedError()``, or a written answer its ``YOUR ANSWER HERE``);
*wrong*, answered but not right, with the check's diagnostic message; *crashed*, the answer or the
check stopped with an error, with the reason in one sentence (:func:`plain_reason`); *timed out*
(a cell ran past its time, or the notebook past its time budget); *waiting* for the trainer's grade
(a written answer). :func:`outcomes` reads them from an autograded notebook and the check rows of
:func:`pmo_lessons.grading.checks.check_rows`; the feedback pages and the class summary show them,
and :func:`plain_note` rewrites the grader's notes (``q1_answer: NotImplementedError``) the same way.

>>> print(plain_reason("KeyError", "'ES'"))
it looks up 'ES', which is not there (a column or task id spelt differently?)
>>> plain_note("q1_answer: NotImplementedError")
'question 1: not answered'
"""

from __future__ import annotations

import re
from typing import NamedTuple

from .checks import GRADER_ERRORS, MANUAL

__all__ = ["Outcome", "outcomes", "as_outcomes", "result_text", "plain_reason", "plain_note", "check_label",
           "VERDICTS", "KIT_ERRORS"]

#: Each verdict, as the pages name it.
VERDICTS = {"passed": "Passed", "unanswered": "Not answered", "wrong": "Answered, but not right",
            "crashed": "Crashed", "timeout": "Timed out", "waiting": "Waiting for your trainer's grade"}
#: The kit's own errors, by name as a notebook's error output gives it: every subclass of
#: :class:`pmo_lessons.errors.InputError`, whose message is already written for a trainee (the tests
#: check that a new one is added here).
KIT_ERRORS = (
    "InputError", "NetworkError", "DatasetError", "ReportError", "GradingError", "SandboxError",
    "AgileError", "BenefitsError", "BudgetError", "CapacityError", "DeckError", "DependencyError",
    "DocumentError", "EVMError", "ExcelError", "HealthError", "LessonsError", "MaturityError",
    "MethodologyError", "PlanError", "PMOError", "PortfolioError", "QualityError", "RACIError",
    "ResourceError", "RiskError", "SimulationError", "TrainingError", "WBSError",
)
STUB = "raise NotImplementedError()"
TEXT_STUB = "YOUR ANSWER HERE"


class Outcome(NamedTuple):
    """One check: the fields of a check row, then its verdict (a key of :data:`VERDICTS`) and what
    it says in plain words (empty when it passed)."""

    notebook: str
    grade_id: str
    score: float
    max_score: float
    message: str
    verdict: str
    text: str


def check_label(grade_id):
    """How a page names a check: ``q1a_tests`` -> ``1a``, ``q8_essay`` -> ``8``; other ids as they are.

    >>> check_label("q1a_tests"), check_label("q2_tests"), check_label("q8_essay"), check_label("reflection")
    ('1a', '2', '8', 'reflection')
    """
    match = re.match(r"^q(\d+[a-z]?)(_|$)", grade_id)
    return match.group(1) if match else grade_id


def plain_reason(name, value=""):
    """Why code stopped, in one sentence for a trainee: the kit's own message as it is, a Python
    error told in words (no exception name).

    >>> plain_reason("NetworkError", "Task B: duration is -2; it must be >= 0.")
    'Task B: duration is -2; it must be >= 0.'
    >>> print(plain_reason("NameError", "name 'dayz' is not defined"))
    it uses dayz, which is not defined (a typo, or a cell above that was not run)
    >>> plain_reason("SyntaxError", "incomplete input (3403663057.py, line 1)")
    'the code is not valid Python (a syntax error: a bracket, a quote or an indentation is off)'
    >>> plain_reason("OSError", "whatever")
    'it stopped with an error: run the cell to see it'
    """
    value = " ".join(str(value).split())
    if name in KIT_ERRORS:
        return value or "the kit could not use this input"
    if name in GRADER_ERRORS and value:  # the grader's own words (preprocessors.SafeExecute)
        return value
    if name == "OSError" and "File too large" in value:
        return "it wrote a file larger than grading allows (file too large)"
    if name == "OSError" and "No space left" in value:
        return "it wrote more data than grading allows (no space left on the device)"
    if name == "NameError":
        found = re.search(r"name '(\w+)' is not defined", value)
        what = found.group(1) if found else "a name"
        return f"it uses {what}, which is not defined (a typo, or a cell above that was not run)"
    if name == "KeyError":
        return f"it looks up {value or 'a key'}, which is not there (a column or task id spelt differently?)"
    words = {
        "SyntaxError": "the code is not valid Python (a syntax error: a bracket, a quote or an indentation is off)",
        "IndentationError": "the code is not valid Python (a syntax error: a bracket, a quote or an indentation "
                            "is off)",
        "TypeError": "it combines values that do not go together (text with a number, a list with a table?)",
        "ValueError": "a value is not one the code can use (a date or a number written as text?)",
        "ZeroDivisionError": "it divides by zero",
        "IndexError": "it reads past the end of a list or a table",
        "AttributeError": "it uses a method or a column this value does not have",
        "MemoryError": "it needed more memory than grading allows (out of memory)",
        "RecursionError": "it calls itself without end",
        "ModuleNotFoundError": "it imports a module that is not available here",
        "ImportError": "it imports something that is not available here",
        "FileNotFoundError": "it reads a file that is not there",
        "AssertionError": "a check in your own code failed",
        "KernelDied": "it ended the Python process (a crash, os._exit, or too much memory)",
        "StdinNotImplementedError": "it waits for typed input (input()), which grading cannot give",
    }
    return words.get(name, "it stopped with an error: run the cell to see it")


def _errors(cell):
    return [o for o in cell.get("outputs", []) if o.get("output_type") == "error"]


def _unanswered(cell):
    source = "".join(cell.get("source", ""))
    if cell.get("cell_type") == "markdown":
        return TEXT_STUB in source
    return STUB in source or any(o.get("ename") == "NotImplementedError" for o in _errors(cell))


def _timed_out(errors):
    names = {o.get("ename") for o in errors}
    if "TimeBudgetExceeded" in names:
        return "not run: the time budget of the whole notebook was used up by the cells before"
    if "CellTimeoutError" in names:
        said = next(o.get("evalue", "") for o in errors if o.get("ename") == "CellTimeoutError")
        return (" ".join(str(said).split()) or "a cell ran past its time limit") + " (an endless loop?)"
    return None


def _verdict(row, test, answer):
    """``(verdict, text)`` of one check row, from its test cell and the answer cell before it."""
    _, _, score, points, message = row[:5]
    if message == MANUAL:
        return "waiting", "your trainer reads and grades this written answer"
    if points and score >= points:
        return "passed", ""
    if test is not None and test.get("cell_type") == "markdown":  # a written answer graded at 0
        return ("unanswered", "") if _unanswered(test) else ("wrong", "")
    for cell in (answer, test):
        if cell is not None and _timed_out(_errors(cell)):
            return "timeout", _timed_out(_errors(cell))
    if answer is not None and _unanswered(answer):
        return "unanswered", ""
    if answer is not None and _errors(answer):
        error = _errors(answer)[0]
        return "crashed", "your answer stopped before it was complete: " + plain_reason(error["ename"],
                                                                                         error.get("evalue", ""))
    errors = _errors(test) if test is not None else []
    if not errors:
        return "wrong", f"{score:g} of {points:g} points"
    error = next((o for o in errors if o.get("ename") in GRADER_ERRORS), errors[0])
    name, value = error.get("ename", ""), " ".join(str(error.get("evalue", "")).split())
    if name == "AssertionError":
        return "wrong", value or "the answer is not the expected one"
    if name == "NameError":
        found = re.search(r"name '(\w+)' is not defined", value)
        what = found.group(1) if found else "the variable the question names"
        return "crashed", f"no {what} after your answer ran: keep the variable name the question gives"
    if name in KIT_ERRORS:
        return "wrong", value
    return "crashed", "the check could not use your answer: " + plain_reason(name, value)


def outcomes(nb, rows):
    """The :class:`Outcome` of each check row of one notebook (``nb``: the autograded notebook,
    nbformat or plain JSON; ``rows``: its check rows), in the order of ``rows``.

    The answer cell of a check is the last answer cell before its test cell in the notebook.
    """
    cells = nb["cells"] if isinstance(nb, dict) else nb.cells
    tests, answers, last_answer = {}, {}, None
    for cell in cells:
        meta = cell.get("metadata", {}).get("nbgrader", {})
        if meta.get("solution") and not meta.get("grade"):
            last_answer = cell
        if meta.get("grade") and meta.get("grade_id"):
            tests[meta["grade_id"]] = cell
            answers[meta["grade_id"]] = None if meta.get("solution") else last_answer
    found = []
    for row in rows:
        verdict, text = _verdict(row, tests.get(row[1]), answers.get(row[1]))
        found.append(Outcome(*row[:5], verdict, text))
    return found


def as_outcomes(rows):
    """Check rows as :class:`~pmo_lessons.grading.outcomes.Outcome` (rows read without their notebook
    get their verdict from the score and message alone)."""
    found = []
    for row in rows:
        if isinstance(row, Outcome):
            found.append(row)
            continue
        _, _, score, points, message = row
        if message == MANUAL:
            verdict, text = "waiting", "your trainer reads and grades this written answer"
        elif points and score >= points:
            verdict, text = "passed", ""
        else:
            name, _, value = message.partition(": ")
            if name in ("", "AssertionError"):
                verdict, text = "wrong", value
            else:
                verdict, text = "crashed", plain_reason(name, value)
        found.append(Outcome(*row, verdict, text))
    return found


def result_text(outcome):
    """The result of one check in words: the verdict, then what it says.

    >>> result_text(Outcome("nb", "q1_tests", 0.0, 2.0, "", "wrong", "Count the tasks again"))
    'Answered, but not right: Count the tasks again'
    >>> result_text(Outcome("nb", "q1_tests", 0.0, 2.0, "", "unanswered", ""))
    'Not answered'
    """
    label = VERDICTS[outcome.verdict]
    return f"{label}: {outcome.text}" if outcome.text else label


def plain_note(note):
    """A grader's note on a notebook (:func:`pmo_lessons.grading.checks.fault_notes`) in plain words:
    ``q2_answer: KeyError: 'ES'`` -> ``question 2: it looks up 'ES', which is not there (...)``.

    >>> plain_note("q5_answer: SyntaxError: incomplete input (3403663057.py, line 1)")
    'question 5: the code is not valid Python (a syntax error: a bracket, a quote or an indentation is off)'
    >>> plain_note("4 more"), plain_note("took 'planning (1).ipynb' as planning.ipynb (misnamed)")
    ('4 more', "took 'planning (1).ipynb' as planning.ipynb (misnamed)")
    """
    match = re.match(r"^(q\d+[a-z]?)_\w+: (\w+)(?:: (.*))?$", note)
    if not match:
        return note
    where = "question " + check_label(match.group(1))
    name, value = match.group(2), match.group(3) or ""
    if name == "NotImplementedError":
        return f"{where}: not answered"
    if name in ("CellTimeoutError", "TimeBudgetExceeded"):
        return f"{where}: timed out ({value})" if value else f"{where}: timed out"
    if name in GRADER_ERRORS and value:
        return f"{where}: {value}"
    return f"{where}: {plain_reason(name, value)}"
