"""Outputs: every kind of cell output kept within its limit, and in nbformat's shape.

A cell's outputs come from the trainee's kernel (untrusted: any size, any shape) or from the
trusted run of the tests (trusted code, but quoting the trainee's answers). Either way a graded
notebook keeps at most ``cap`` bytes of output per cell (the grader's ``--output-kb``):

- a stream keeps its head, then a note says where it was cut (:data:`CUT`);
- an error always stays, cut to its last lines (:func:`cut_error`): the exception's message and
  the end of its traceback are what a reader needs;
- display data, results and display updates that do not fit are left out, with the note;
- an output that is not in nbformat's shape is replaced by a note saying so (:func:`mend_output`).

>>> outputs = [{"output_type": "stream", "name": "stdout", "text": "x" * 100}]
>>> [o["text"][:12] for o in cut_outputs(outputs, 10)]
['xxxxxxxxxx', '\\n[output cut']
"""

from __future__ import annotations

from .checks import OUTPUT_CUT

__all__ = ["CUT", "size_of", "cut_note", "cut_error", "cut_outputs", "mend_output"]

#: The note the grader puts where it cut a cell's output (``[output cut by the grader: over N kB]``).
CUT = OUTPUT_CUT


def size_of(output):
    """The bytes an output takes, roughly: its texts and data.

    >>> size_of({"output_type": "error", "ename": "E", "evalue": "abc", "traceback": ["E: abc"]})
    10
    """
    size = len(str(output.get("text", ""))) + len(str(output.get("ename", ""))) + len(str(output.get("evalue", "")))
    size += sum(len(str(line)) for line in output.get("traceback", []) or [])
    data = output.get("data") or {}
    if isinstance(data, dict):
        size += sum(len(str(k)) + len(str(v)) for k, v in data.items())
    return size


def cut_note(cap):
    """The note where output was cut (a stream output).

    >>> cut_note(256 * 1024)["text"]
    '\\n[output cut by the grader: over 256 kB]\\n'
    """
    return {"output_type": "stream", "name": "stdout", "text": f"\n{CUT}: over {max(1, cap // 1024)} kB]\n"}


def _tail(text, limit):
    """The last lines of ``text`` that fit in ``limit`` characters (at least the end of the last)."""
    text = str(text)
    if len(text) <= limit:
        return text
    lines, kept, size = text.splitlines(keepends=True), [], 0
    for line in reversed(lines):
        if size + len(line) > limit:
            break
        kept.append(line)
        size += len(line)
    return "".join(reversed(kept)) if kept else text[-limit:]


def cut_error(output, cap):
    """An error output within ``cap`` bytes: its name (200 characters at most), its message and its
    traceback cut to their last lines, the traceback saying how many lines were left out.

    >>> error = {"output_type": "error", "ename": "ValueError", "evalue": "bad\\n" * 1000,
    ...          "traceback": [f"line {i}" for i in range(1000)]}
    >>> cut = cut_error(error, 400)
    >>> len(cut["evalue"]) <= 100, cut["traceback"][0], cut["traceback"][-1]
    (True, '[traceback cut by the grader: 977 lines left out]', 'line 999')
    """
    if size_of(output) <= cap:
        return output
    cap = max(cap, 400)
    ename = str(output.get("ename", "Error"))[:200]
    evalue = _tail(output.get("evalue", ""), cap // 4)
    budget, kept = cap - len(ename) - len(evalue) - 100, []  # 100: room for the note
    lines = [str(line) for line in output.get("traceback", []) or []]
    for line in reversed(lines):
        line = _tail(line, budget) if not kept else line
        if len(line) > budget:
            break
        kept.append(line)
        budget -= len(line)
    kept.reverse()
    if len(kept) < len(lines):
        kept.insert(0, f"[traceback cut by the grader: {len(lines) - len(kept)} lines left out]")
    return {"output_type": "error", "ename": ename, "evalue": evalue, "traceback": kept}


def cut_outputs(outputs, cap, used=0):
    """A cell's outputs within ``cap`` bytes (``used`` already taken): see the module's rules.
    Returns a new list; ``cap`` 0 keeps everything."""
    if not cap:
        return list(outputs)
    kept, cut = [], False
    for output in outputs:
        size = size_of(output)
        if output.get("output_type") == "error":
            kept.append(cut_error(output, cap))
            continue
        if used + size <= cap:
            kept.append(output)
            used += size
            continue
        if output.get("output_type") == "stream" and used < cap and not cut:
            kept.append({**output, "text": str(output.get("text", ""))[:cap - used]})
        used = cap
        cut = True
    if cut:
        errors = [o for o in kept if o.get("output_type") == "error"]
        kept = [o for o in kept if o.get("output_type") != "error"] + [cut_note(cap)] + errors
    return kept


_FIELDS = {"stream": {"name", "text"}, "display_data": {"data", "metadata"},
           "execute_result": {"data", "metadata", "execution_count"}, "error": {"ename", "evalue", "traceback"}}


def mend_output(output):
    """``output`` if it is in nbformat's shape (version 4), else a stream saying that an output of
    the cell could not be kept. Untrusted kernels can send anything.

    >>> mend_output({"output_type": "stream", "name": "stdout", "text": "hi"})["text"]
    'hi'
    >>> mend_output({"output_type": "stream", "name": 3})["text"]
    '[an output of this cell was not in the notebook format and was left out by the grader]\\n'
    """
    kind = output.get("output_type") if isinstance(output, dict) else None
    ok = kind in _FIELDS and _FIELDS[kind] <= set(output)
    if ok and kind == "stream":
        ok = output["name"] in ("stdout", "stderr") and isinstance(output["text"], (str, list))
    elif ok and kind in ("display_data", "execute_result"):
        ok = isinstance(output["data"], dict) and isinstance(output["metadata"], dict) and all(
            isinstance(k, str) and isinstance(v, (str, list, dict)) for k, v in output["data"].items())
        if ok and kind == "execute_result":
            ok = output["execution_count"] is None or type(output["execution_count"]) is int
    elif ok and kind == "error":
        ok = isinstance(output["ename"], str) and isinstance(output["evalue"], str) and isinstance(
            output["traceback"], list) and all(isinstance(line, str) for line in output["traceback"])
    if ok:
        return output
    return {"output_type": "stream", "name": "stdout",
            "text": "[an output of this cell was not in the notebook format and was left out by the grader]\n"}
