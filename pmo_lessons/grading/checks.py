"""Checks: what a graded notebook says, and what it must never show.

From the gradebook and the autograded notebooks: each grade cell's score and diagnostic message
(:func:`check_rows`, the rows the feedback and the class summary are made of), each trainee's
score (:func:`scores`), and the grader's own notes on what went wrong in a notebook
(:func:`fault_notes`: a cell timed out, the kernel died, the time budget ran out, output was cut).

And the hidden tests: the lines of the ``### BEGIN HIDDEN TESTS`` blocks (:func:`hidden_lines`),
which no feedback page may show, in its text or in its markup, plainly or encoded: zero-width or
other invisible characters, rot13, reversed, base64 (PNG text chunks and compressed data inside
it too), hex, percent and backslash escapes (:func:`decoded_forms`, :func:`leaks`, :func:`html_text`).

>>> question_of("q3b_tests"), question_of("essay")
('q3', 'essay')
"""

from __future__ import annotations

import base64
import binascii
import codecs
import functools
import html
import json
import re
import unicodedata
import urllib.parse
import zlib

__all__ = [
    "question_of",
    "diagnostic",
    "check_rows",
    "scores",
    "fault_notes",
    "hidden_lines",
    "html_text",
    "leaks",
    "decoded_forms",
    "HIDDEN",
    "MANUAL",
    "GRADER_ERRORS",
    "OUTPUT_CUT",
    "STDERR_NOTE",
]

#: A hidden-test block of a source cell (the text between its markers is group 1).
HIDDEN = re.compile(r"### BEGIN HIDDEN TESTS(.*?)### END HIDDEN TESTS", re.S)
#: The message of a check the trainer grades by hand (a written answer), until they have.
MANUAL = "to be graded by the trainer"
#: The errors the grader itself puts in a cell's outputs (see ``preprocessors.SafeExecute`` and
#: ``trusted``): a timeout, a dead kernel, the time budget, an answer that is not plain data,
#: answers that could not be taken, checks that could not run.
GRADER_ERRORS = ("CellTimeoutError", "KernelDied", "TimeBudgetExceeded", "NotPlainData", "AnswersNotTaken",
                 "ChecksNotRun")
#: How a check's writes to stderr are shown in its output (they cost nothing), see ``trusted``.
STDERR_NOTE = "[this check wrote to stderr, which does not count"
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
            try:
                nb = nbformat.read(str(path), as_version=4) if path.exists() else None
            except Exception:  # an unreadable graded notebook: the scores stand, without messages
                nb = None
            for cell in nb.cells if nb is not None else []:
                meta = cell.metadata.get("nbgrader", {})
                if isinstance(meta, dict) and meta.get("grade") and cell.cell_type == "code":
                    errors = [diagnostic(o) for o in cell.get("outputs", []) if o.get("output_type") == "error"]
                    diagnostics[meta.get("grade_id")] = errors[0] if errors else ""
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
        wrote = [o for o in cell.get("outputs", [])
                 if o.output_type == "stream" and STDERR_NOTE in "".join(o.get("text", ""))]
        if wrote:
            said = "".join(wrote[0].get("text", "")).split(STDERR_NOTE, 1)[1].strip(" :]\n")
            notes.append(f"{where}: wrote to stderr (not counted): {said[:100]}")
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


@functools.lru_cache(maxsize=1)
def _invisible():
    """The characters a reader does not see (format and control characters, line and paragraph
    separators, but not new lines and tabs), as a translation table: made once, when first needed."""
    return dict.fromkeys(i for i in range(0x110000) if unicodedata.category(chr(i)) in ("Cf", "Cc", "Zl", "Zp")
                         and chr(i) not in "\n\t\r")

_BLOB = re.compile(r"[A-Za-z0-9+/_-]{16,}={0,2}")
_HEX = re.compile(r"(?:[0-9a-fA-F]{2}[\s:,-]?){8,}")
_ESCAPES = re.compile(r"(?:\\(?:x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|[0-7]{3}))+")


def _text_of(data):
    """Bytes as text, with what they hold: compressed data inflated, PNG text chunks read."""
    found = []
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        position = 8
        while position + 8 <= len(data):
            size = int.from_bytes(data[position:position + 4], "big")
            kind, chunk = data[position + 4:position + 8], data[position + 8:position + 8 + size]
            if kind in (b"tEXt", b"iTXt", b"zTXt"):
                found.append(chunk)
                head, _, rest = chunk.partition(b"\x00")
                for start in range(0, min(len(rest), 8)):
                    try:
                        found.append(zlib.decompress(rest[start:]))
                        break
                    except zlib.error:
                        continue
            position += 12 + size
    for wbits in (15, 31, -15):  # zlib, gzip, raw deflate
        try:
            found.append(zlib.decompressobj(wbits).decompress(data, 4 * 1024 * 1024))
            break
        except zlib.error:
            continue
    found.append(data)
    texts = []
    for chunk in found:
        for encoding in ("utf-8", "utf-16", "latin-1"):
            try:
                texts.append(chunk.decode(encoding))
                break
            except UnicodeDecodeError:
                continue
    return texts


def decoded_forms(text, depth=2):
    """The forms a hidden line could take in ``text``: the text itself, without invisible characters
    (zero-width spaces, joiners, direction marks), in compatibility form (NFKC), rot13, reversed,
    unescaped (``%41``, ``\\x41``, ``\\u0041``), and what its base64 and hex blobs decode to, down
    ``depth`` levels.

    >>> secret = "assert days == 3"
    >>> any(secret in form for form in decoded_forms(base64.b64encode(secret.encode()).decode()))
    True
    >>> any(secret in form for form in decoded_forms("a\u200bs\u200bsert days == 3"))
    True
    """
    plain = unicodedata.normalize("NFKC", text.translate(_invisible()))
    forms = [text, plain, codecs.decode(plain, "rot13"), plain[::-1]]
    if "%" in plain:
        forms.append(urllib.parse.unquote(plain))
    if "\\" in plain:
        forms.append(_ESCAPES.sub(lambda m: codecs.decode(m.group(), "unicode_escape", errors="ignore"), plain))
    if depth <= 0:
        return forms
    decoded = []
    for blob in _BLOB.findall(plain):
        for decode in (base64.b64decode, base64.urlsafe_b64decode):
            try:
                data = decode(blob + "=" * (-len(blob) % 4))
            except (binascii.Error, ValueError):
                continue
            decoded += _text_of(data)
            break
    for blob in _HEX.findall(plain):
        try:
            decoded += _text_of(bytes.fromhex(re.sub(r"[\s:,-]", "", blob)))
        except ValueError:
            continue
    for item in decoded:
        forms += decoded_forms(item, depth - 1)
    return forms


def leaks(page, secrets, how=None):
    """The ``secrets`` (hidden-test lines) an HTML page shows, in its visible text or in its markup
    (entities decoded), plainly or in one of the :func:`decoded_forms`; runs of white space count
    as one space, and lines of 12 characters or more are found with their spaces removed too.
    ``how`` (a dict, if given) receives, for each line found, ``"as it is"`` or ``"encoded"``.

    >>> leaks("<pre>assert  total_float(&quot;C&quot;) == 0</pre>", ['assert total_float("C") == 0', "x = 1"])
    ['assert total_float("C") == 0']
    >>> found = {}
    >>> leaks("<p>YXNzZXJ0IGRheXMgPT0gMw==</p>", ["assert days == 3"], found), found
    (['assert days == 3'], {'assert days == 3': 'encoded'})
    """
    how = {} if how is None else how
    text = html_text(page)
    raw = html.unescape(page)
    plain = [" ".join(form.split()) for form in (text, raw)]
    found, seen = [], set()
    squeezed = [(line, " ".join(line.split()), "".join(line.split())) for line in secrets]
    for line, spaced, _ in squeezed:
        if any(spaced in form for form in plain):
            found.append(line)
            how[line] = "as it is"
            seen.add(line)
    todo = [item for item in squeezed if item[0] not in seen]
    if not todo:
        return found
    forms = [" ".join(form.split()) for source in (text, raw) for form in decoded_forms(source)]
    bare = ["".join(form.split()) for form in forms]
    for line, spaced, compact in todo:
        if any(spaced in form for form in forms) or (len(compact) >= 12 and any(compact in form for form in bare)):
            found.append(line)
            how[line] = "encoded"
    return found
