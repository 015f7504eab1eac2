"""The trusted run's plan: from an assignment's source notebook, what runs where.

Every code cell of a source notebook (``solutions/<assignment>/``) is one of four kinds
(:func:`cell_kind`): a **test** (a graded cell that is not an answer), an **answer** (a solution
cell), a **set-up** cell (locked: imports, data) or a **trainee** cell (editable, no answer of its
own). The trainee's kernel runs the answers, the set-up and the trainee cells of the submission;
the trusted interpreter runs the set-up cells and the tests, from the source, and gets the answers
as data (:mod:`pmo_lessons.grading.answers`).

Which answers a test needs (:func:`trusted_steps`): the names it reads (found in its syntax tree,
:func:`names_read`) whose last writer before it, in the source's order, is an answer or a trainee
cell (:func:`names_written`). A name a set-up cell or an earlier test wrote last is already in
the trusted interpreter, with the source's own value.

>>> cells = [{"cell_type": "code", "source": "import math\\nplan = [3, 5]", "metadata": {"nbgrader":
...           {"grade_id": "setup", "locked": True}}},
...          {"cell_type": "code", "source": "days = sum(plan)", "metadata": {"nbgrader":
...           {"grade_id": "q1_answer", "solution": True}}},
...          {"cell_type": "code", "source": "assert math.isclose(days, sum(plan))", "metadata":
...           {"nbgrader": {"grade_id": "q1_tests", "grade": True, "points": 1}}}]
>>> [(s.kind, s.grade_id, s.needs) for s in trusted_steps(cells)]
[('setup', 'setup', ()), ('test', 'q1_tests', ('days',))]
"""

from __future__ import annotations

import ast
from dataclasses import dataclass

__all__ = ["Step", "cell_kind", "names_read", "names_written", "trusted_steps", "source_plan", "python_source"]


@dataclass(frozen=True)
class Step:
    """One step of the trusted run: a set-up cell or a test, with its source; a test lists the
    answers it needs, taken from the trainee's kernel just before it."""

    kind: str          # "setup" or "test"
    grade_id: str      # the cell's grade id ("" for a set-up cell without one)
    source: str
    needs: tuple = ()

    def as_dict(self):
        return {"kind": self.kind, "grade_id": self.grade_id, "source": self.source, "needs": list(self.needs)}


def _source(cell):
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else str(source)


def cell_kind(cell):
    """``"test"``, ``"answer"``, ``"setup"``, ``"trainee"``, or None for a cell that is not code.

    >>> cell_kind({"cell_type": "code", "metadata": {"nbgrader": {"grade": True, "solution": False}}})
    'test'
    >>> cell_kind({"cell_type": "code", "metadata": {}})
    'trainee'
    """
    if cell.get("cell_type") != "code":
        return None
    meta = cell.get("metadata", {}).get("nbgrader", {})
    meta = meta if isinstance(meta, dict) else {}
    if meta.get("solution"):
        return "answer"
    if meta.get("grade"):
        return "test"
    if meta.get("locked"):
        return "setup"
    return "trainee"


def python_source(source):
    """A cell's source as Python (IPython's ``%magics`` and ``!commands`` turned into calls), or
    None if it is not valid Python."""
    try:
        from IPython.core.inputtransformer2 import TransformerManager

        source = TransformerManager().transform_cell(source)
    except Exception:
        pass
    try:
        return ast.parse(source)
    except (SyntaxError, ValueError):
        return None


def names_read(source):
    """The names a cell's code reads (loads), wherever they are in it.

    >>> sorted(names_read("answer = set(critical_tasks)\\nassert 'A' in answer, f'{len(answer)}'"))
    ['answer', 'critical_tasks', 'len', 'set']
    """
    tree = python_source(source)
    if tree is None:
        return set()
    return {node.id for node in ast.walk(tree) if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load)}


def names_written(source):
    """The names a cell's code binds: assignments, ``for`` and ``with`` targets, definitions, imports.

    >>> sorted(names_written("import pandas as pd, os.path\\nfor i, t in x: pass\\ndef f(): pass"))
    ['f', 'i', 'os', 'pd', 't']
    """
    tree = python_source(source)
    if tree is None:
        return set()
    written = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and isinstance(node.ctx, (ast.Store, ast.Del)):
            written.add(node.id)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            written.add(node.name)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            written |= {(alias.asname or alias.name).split(".")[0] for alias in node.names if alias.name != "*"}
        elif isinstance(node, ast.ExceptHandler) and node.name:
            written.add(node.name)
        elif isinstance(node, (ast.MatchAs, ast.MatchStar)) and node.name:
            written.add(node.name)
        elif isinstance(node, ast.MatchMapping) and node.rest:
            written.add(node.rest)
    return written


def trusted_steps(cells):
    """The steps of the trusted run for one source notebook's cells (dicts, as in the JSON file):
    its set-up cells and its tests in order, each test with the answers it needs."""
    steps, last = [], {}
    for cell in cells:
        kind = cell_kind(cell)
        if kind is None:
            continue
        source = _source(cell)
        meta = cell.get("metadata", {}).get("nbgrader", {})
        grade_id = str(meta.get("grade_id", "")) if isinstance(meta, dict) else ""
        if kind == "test":
            needs = sorted(n for n in names_read(source) if last.get(n) in ("answer", "trainee"))
            steps.append(Step("test", grade_id, source, tuple(needs)))
        elif kind == "setup":
            steps.append(Step("setup", grade_id, source))
        for name in names_written(source):
            last[name] = kind
    return steps


def source_plan(path):
    """:func:`trusted_steps` of the source notebook at ``path`` (its JSON read as it is)."""
    import json
    from pathlib import Path

    return trusted_steps(json.loads(Path(path).read_text(encoding="utf-8"))["cells"])
