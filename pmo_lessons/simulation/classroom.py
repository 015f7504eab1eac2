"""The class's quarters side by side: each team's decision log read as data and replayed.

An assignment that plays the simulation says so in its notebook's metadata (``pmo_lessons:
{"simulation": {"seed": .., "weeks": .., "answer": <grade id of the answer cell>, "variable":
"decision_log"}}``). :func:`read_log` takes the log a trainee pasted into that cell **as data**:
the cell is parsed, never run (:func:`ast.literal_eval` of the value assigned), so nothing of the
trainee's code runs in the trainer's process. :func:`class_outcomes` replays every log on the
class's seed with :func:`~pmo_lessons.simulation.game.quarter_outcome`, beside doing nothing and the
expert: the rows ``pmo-lessons report`` adds to its class summary.
"""

from __future__ import annotations

import ast
import json
from pathlib import Path

from .decisions import SimulationError
from .game import quarter_outcome, reference_scores

__all__ = ["game_of", "read_log", "class_outcomes", "OUTCOME_COLUMNS"]

#: The most decisions a trainee's log may hold (the expert takes about 50 in a quarter): a longer
#: one is refused before it is replayed, so one hand-in cannot hold up the class report.
MAX_DECISIONS = 1000

#: The columns of a team's outcome, in the order a report shows them.
OUTCOME_COLUMNS = ("total", "value", "schedule", "cost", "risk", "health", "decisions",
                   "share_of_the_expert_margin")


def game_of(notebook_path):
    """The simulation an assignment's notebook plays (its metadata), or None.

    >>> import tempfile
    >>> path = Path(tempfile.mkdtemp()) / "a.ipynb"
    >>> _ = path.write_text('{"cells": [], "metadata": {"pmo_lessons": {"simulation": {"seed": 7}}}}')
    >>> game_of(path)
    {'seed': 7, 'weeks': 13, 'answer': 'q3_answer', 'variable': 'decision_log'}
    """
    metadata = json.loads(Path(notebook_path).read_text(encoding="utf-8")).get("metadata", {})
    spec = metadata.get("pmo_lessons", {}).get("simulation")
    if not isinstance(spec, dict) or "seed" not in spec:
        return None
    return {"seed": int(spec["seed"]), "weeks": int(spec.get("weeks", 13)),
            "answer": str(spec.get("answer", "q3_answer")),
            "variable": str(spec.get("variable", "decision_log"))}


def read_log(notebook_path, answer="q3_answer", variable="decision_log"):
    """The decision log of a trainee's notebook, read from its answer cell as data (never run).

    Raises :class:`~pmo_lessons.simulation.decisions.SimulationError`, in words for the trainer,
    when the notebook has no such cell or the cell does not assign ``variable`` a plain list.
    """
    try:
        notebook = json.loads(Path(notebook_path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        raise SimulationError("no notebook to read the decision log from") from None
    sources = ["".join(c.get("source", "")) if isinstance(c.get("source"), list) else
               str(c.get("source", "")) for c in notebook.get("cells", [])
               if isinstance(c, dict) and isinstance(c.get("metadata"), dict)
               and isinstance(c["metadata"].get("nbgrader"), dict)
               and c["metadata"]["nbgrader"].get("grade_id") == answer]
    if not sources:
        raise SimulationError(f"the notebook has no answer cell {answer}")
    try:
        tree = ast.parse(sources[0])
    except (SyntaxError, ValueError):
        raise SimulationError("the decision log's cell is not valid Python") from None
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == variable
                                                for t in node.targets):
            try:
                log = ast.literal_eval(node.value)
            except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
                break
            if isinstance(log, list) and len(log) > MAX_DECISIONS:
                raise SimulationError(f"{variable} holds {len(log):,} decisions; a quarter's log holds at most "
                                      f"{MAX_DECISIONS:,}")
            return log
    raise SimulationError(f"{variable} is not written as data (a list of dicts): paste what "
                          "log_as_code(cockpit.log) prints")


def class_outcomes(spec, notebooks):
    """Each team's quarter replayed, then doing nothing and the expert: a list of rows.

    ``spec`` is :func:`game_of`'s; ``notebooks`` maps each trainee to their notebook's path. A
    row holds ``team`` and :data:`OUTCOME_COLUMNS`, or ``team`` and ``reason`` when the log cannot
    be read or replayed (the trainee's alone: the others are not affected).
    """
    rows = []
    for team in sorted(notebooks):
        try:
            log = read_log(notebooks[team], spec["answer"], spec["variable"])
            outcome = quarter_outcome(spec["seed"], log, spec["weeks"])
        except SimulationError as error:
            rows.append({"team": team, "reason": str(error)})
            continue
        rows.append({"team": team, **{c: outcome[c] for c in OUTCOME_COLUMNS}, "reason": ""})
    references = reference_scores(spec["seed"], spec["weeks"])
    for name, score in references.items():
        parts = score.parts["points"]
        rows.append({"team": f"({name})", "total": round(score.total, 2),
                     **{p: round(float(v), 2) for p, v in parts.items()}, "decisions": "",
                     "share_of_the_expert_margin": 0.0 if name == "doing nothing" else 1.0,
                     "reason": ""})
    return rows
