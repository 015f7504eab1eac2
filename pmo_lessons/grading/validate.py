"""Validate in plain words: what nbgrader's *Validate* says of a cell that stopped.

nbgrader's validator (the *Validate* button of the notebook's toolbar, and ``nbgrader validate``)
shows each failed cell's source, then its traceback: Python, where a trainee needs to know what to
fix. The kit's ``nbgrader_config.py`` calls :func:`use_plain_words`, and the validator then says in
one sentence why the cell stopped (:func:`cell_error`): a self-check's own message as it is
("fast_track must be the task table (a DataFrame)"), a kit error's message, an answer not written
yet, a Python error told in words (:func:`pmo_lessons.grading.outcomes.plain_reason`). Everything
else the validator says (a check that is not passed, an answer left empty) is its own.
"""

from __future__ import annotations

from .outcomes import plain_reason

__all__ = ["cell_error", "use_plain_words"]


def cell_error(cell):
    """Why a code cell stopped, one sentence per error, with what it wrote to stderr as it is; ``""``
    when it did not stop.

    >>> stopped = {"output_type": "error", "ename": "AssertionError", "traceback": ["..."],
    ...            "evalue": "Keep every task of the plan, in the same order."}
    >>> print(cell_error({"cell_type": "code", "outputs": [stopped]}))
    This cell stopped: Keep every task of the plan, in the same order.
    >>> typo = dict(stopped, ename="NameError", evalue="name 'fast_track_duration' is not defined")
    >>> print(cell_error({"cell_type": "code", "outputs": [typo]}))
    This cell stopped: it uses fast_track_duration, which is not defined (a typo, or a cell above that was not run).
    >>> unwritten = dict(stopped, ename="NotImplementedError", evalue="")
    >>> print(cell_error({"cell_type": "code", "outputs": [unwritten]}))
    This cell stopped: the answer is not written yet (the cell still raises NotImplementedError): write it.
    >>> cell_error({"cell_type": "code", "outputs": [{"output_type": "stream", "name": "stdout", "text": "ok"}]})
    ''
    """
    lines = []
    for output in cell.get("outputs", []) if cell.get("cell_type") == "code" else []:
        if output.get("output_type") == "error":
            name, value = output.get("ename", ""), " ".join(str(output.get("evalue", "")).split())
            if name == "AssertionError" and value:  # a self-check's own message, written for the trainee
                why = value
            elif name == "NotImplementedError":
                why = "the answer is not written yet (the cell still raises NotImplementedError): write it"
            else:
                why = plain_reason(name, value)
            lines.append(f"This cell stopped: {why.rstrip('.')}.")
        elif output.get("output_type") == "stream" and output.get("name") == "stderr":
            lines.append("".join(output.get("text", "")))
    return "\n".join(lines)


def use_plain_words():
    """Have nbgrader's validator say :func:`cell_error` of a cell that stopped (its own words
    otherwise). Called by the kit's ``nbgrader_config.py``; calling it again changes nothing."""
    from nbgrader.validator import Validator

    if getattr(Validator._extract_error, "plain_words", False):
        return
    nbgraders_own = Validator._extract_error

    def _extract_error(self, cell):
        return cell_error(cell) or nbgraders_own(self, cell)

    _extract_error.plain_words = True
    Validator._extract_error = _extract_error
