"""The PMO's framework: WBS roll-up, RACI checks, life cycles and stage gates, maturity.

Four tools a PMO uses to set and check the way projects are run:

**Work breakdown structure (WBS).** A table with one row per WBS element:
``wbs`` (a code such as ``"3.2.1"``: whole numbers from 1, joined by dots; the
number of parts is the level), optionally ``name``, and value columns such as
``effort_days`` and ``cost_eur`` carried by the **work packages** (the
elements with no children). Summary elements may be listed (with their value
left empty, or stated so that it can be checked) or left out: the roll-up
creates the missing levels, as the company's ``tasks.csv`` expects. The
project itself is the root, code ``"0"``, level 0. :func:`check_wbs` lists
what a PMO would send back (bad or duplicate codes, orphans, gaps in the
numbering, work packages without a value, summaries that break the 100 %
rule); :func:`roll_up` adds the work packages up through every level. The
100 % rule (PMI, *Practice Standard for Work Breakdown Structures*, 3rd ed.,
2019, section 1.4 and the rule's statement in chapter 3): the work of the
children of an element adds up to 100 % of the work of that element, no more
and no less, at every level.

**RACI matrix.** A DataFrame whose index is the activities and whose columns
are the roles; each cell holds letters among R (Responsible: does the work),
A (Accountable: answers for it, signs it off), C (Consulted) and I (Informed),
combined as ``"A/R"``, or is empty. :func:`check_raci` reports, as a table of
findings, the rules a PMO checks (PMI, *PMBOK Guide*, 6th ed., 2017, 9.1.2.2,
"Data representation: responsibility assignment matrix"): exactly one
Accountable per activity, at least one Responsible, no role overloaded (a
policy threshold, not a standard).

**Governance as data.** :data:`PMBOK8_PRINCIPLES` and :data:`PMBOK8_DOMAINS`
(the current edition, 2025), :data:`PMBOK7_PRINCIPLES`, :data:`PMBOK7_DOMAINS`
(the 7th, 2021), :data:`PRINCE2_PRINCIPLES`, :data:`PRINCE2_PRACTICES`,
:data:`PRINCE2_PROCESSES` (PRINCE2 7th edition, 2023; names and the kit's own
one-line summaries, not the publishers' text), :data:`LIFE_CYCLES` and :func:`stage_gates` (the
default gate criteria of Meridian's PMO, for predictive, agile and hybrid
life cycles, to be tailored with pandas), and :func:`gate_review` to take a
gate decision from the criteria met.

**Maturity self-assessment.** Five levels and six perspectives in the style
of AXELOS P3M3 (levels 1 awareness to 5 optimised). P3M3 (v3, 2015) assesses
seven perspectives; the kit keeps six and **leaves out P3M3's finance
perspective** (its questions on cost would repeat the monitoring lesson's), and
renames or groups the others for a PMO course (management control becomes
planning and control, stakeholder management takes in communication). The
questions in :data:`MATURITY_QUESTIONS` and the rule that a level is reached
when the mean of its answers is at least 0.75 are **the kit's own**, not
P3M3's (P3M3's own assessments are run by accredited assessors with their own
question sets). :func:`maturity_profile` gives each perspective its level
(staged: a level counts only when every level below it is reached too) and
:func:`next_steps` the questions to work on.

>>> import pandas as pd
>>> wbs = pd.DataFrame({"wbs": ["1.1", "1.2", "2"], "cost": [30.0, 20.0, 50.0]})
>>> roll_up(wbs)["cost"].to_dict()
{'0': 100.0, '1': 50.0, '1.1': 30.0, '1.2': 20.0, '2': 50.0}
"""

from __future__ import annotations

import math
import re

import numpy as np
import pandas as pd

from .columns import require_columns
from .errors import InputError

__all__ = [
    "MethodologyError",
    "WBSError",
    "RACIError",
    "MaturityError",
    # WBS
    "ROOT",
    "parse_wbs_code",
    "wbs_parent",
    "check_wbs",
    "roll_up",
    "wbs_from_tasks",
    # RACI
    "RACI_LETTERS",
    "parse_raci",
    "raci_summary",
    "check_raci",
    # governance
    "PMBOK8_PRINCIPLES",
    "PMBOK8_DOMAINS",
    "PMBOK7_PRINCIPLES",
    "PMBOK7_DOMAINS",
    "PRINCE2_PRINCIPLES",
    "PRINCE2_PRACTICES",
    "PRINCE2_PROCESSES",
    "LIFE_CYCLES",
    "stage_gates",
    "gate_review",
    # maturity
    "MATURITY_LEVELS",
    "MATURITY_PERSPECTIVES",
    "MATURITY_QUESTIONS",
    "ANSWER_SCALE",
    "maturity_profile",
    "next_steps",
]


class MethodologyError(InputError):
    """Input the methodology tools cannot work with."""


class WBSError(MethodologyError):
    """A WBS table that cannot be read or rolled up."""


class RACIError(MethodologyError):
    """A RACI matrix that cannot be read."""


class MaturityError(MethodologyError):
    """Maturity answers that cannot be scored."""


_EPS = 1e-6  # tolerance of the 100 % rule, in the unit of the value (euros, days)

# ==========================================================================
# WBS
# ==========================================================================

#: The code of the WBS's root, the project itself (level 0).
ROOT = "0"

_CODE = re.compile(r"^[1-9][0-9]*(\.[1-9][0-9]*)*$")


def parse_wbs_code(code, where="WBS code"):
    """The parts of a WBS code as a tuple of whole numbers: ``"3.2.1"`` -> ``(3, 2, 1)``.

    A code is whole numbers from 1 joined by dots, without spaces inside:
    ``"1"``, ``"2.4"``, ``"3.2.1"``. ``"0"`` is the root (the project), ``()``.
    ``where`` names the row in the error message. Sorting codes by this tuple
    puts ``1.2`` before ``1.10``, as a WBS reads.

    >>> parse_wbs_code("3.2.1")
    (3, 2, 1)
    >>> sorted(["1.10", "1.2", "2"], key=parse_wbs_code)
    ['1.2', '1.10', '2']
    >>> parse_wbs_code("1..2")
    Traceback (most recent call last):
    ...
    pmo_lessons.methodology.WBSError: WBS code: '1..2' is not a WBS code; write whole numbers from 1 joined by ...
    """
    text = code.strip() if isinstance(code, str) else code
    if text == ROOT:
        return ()
    if not isinstance(text, str) or not _CODE.match(text):
        raise WBSError(
            f"{where}: {code!r} is not a WBS code; write whole numbers from 1 joined by dots, "
            "such as '3', '3.2' or '3.2.1'."
        )
    return tuple(int(part) for part in text.split("."))


def wbs_parent(code):
    """The code of an element's parent: ``"3.2.1"`` -> ``"3.2"``, ``"3"`` -> ``"0"`` (the root).

    >>> wbs_parent("3.2.1"), wbs_parent("3")
    ('3.2', '0')
    """
    parts = parse_wbs_code(code)
    if not parts:
        raise WBSError("WBS code '0' is the root (the project): it has no parent.")
    return ".".join(map(str, parts[:-1])) or ROOT


def _code_text(parts):
    return ".".join(map(str, parts)) or ROOT


def _value_columns(wbs, code, values):
    if values is None:
        values = [c for c in wbs.columns if c != code and pd.api.types.is_numeric_dtype(wbs[c])
                  and not pd.api.types.is_bool_dtype(wbs[c])]
    elif isinstance(values, str):
        values = [values]
    values = list(values)
    require_columns(wbs, values, "The WBS table", WBSError)
    return values


def _read_wbs(wbs, code):
    require_columns(wbs, [code], "The WBS table", WBSError)


_FINDING_COLUMNS = ["wbs", "check", "severity", "problem"]


def check_wbs(wbs, code="wbs", values=None, summaries="implicit"):
    """The findings of a WBS review: what a PMO would send back, one row per problem.

    ``wbs`` is a WBS table (see the module's help); ``values`` the columns
    that roll up (default: every numeric column but the code). ``summaries``
    says how summary elements are given: ``"implicit"`` (the default; only
    work packages need a row, the levels above are created, as in
    ``tasks.csv``) or ``"listed"`` (every element has its row, so a code whose
    parent has no row is an **orphan**).

    Returns a DataFrame ``wbs, check, severity, problem``, empty when the WBS
    is valid. Checks (severity ``error`` stops :func:`roll_up`, ``warning``
    does not):

    * ``code`` (error): not a WBS code such as ``3.2.1``;
    * ``duplicate`` (error): the same code on two rows;
    * ``orphan`` (error, listed summaries only): the parent has no row;
    * ``value`` (error): a work package without a value, or a negative one;
    * ``100% rule`` (error): a summary's stated value differs from the sum of
      its children (PMI, *Practice Standard for WBS*, 3rd ed., 2019);
    * ``numbering`` (warning): children not numbered 1, 2, 3 ... without gaps.

    >>> wbs = pd.DataFrame({"wbs": ["1", "1.1", "1.2", "1.4"], "cost": [90.0, 30.0, 50.0, 0.0]})
    >>> check_wbs(wbs)[["wbs", "check", "severity"]]
       wbs      check severity
    0    1  100% rule    error
    1    1  numbering  warning
    >>> print(check_wbs(wbs)["problem"][0])  # doctest: +ELLIPSIS
    Element 1: cost is 90 but its children 1.1, 1.2, 1.4 add up to 80 (100 % rule: the children make ...
    """
    _read_wbs(wbs, code)
    columns = _value_columns(wbs, code, values)
    if summaries not in ("implicit", "listed"):
        raise WBSError(f"summaries must be 'implicit' or 'listed', not {summaries!r}.")
    findings = []

    def add(element, check, severity, problem, key=()):
        findings.append((key, element, check, severity, problem))

    rows = {}  # parts -> row position
    for position, raw in enumerate(wbs[code]):
        row = position + 2
        try:
            parts = parse_wbs_code(raw, where=f"Row {row}")
        except WBSError as error:
            add(str(raw), "code", "error", str(error), key=(math.inf, row))
            continue
        if not parts:
            add(ROOT, "code", "error", f"Row {row}: '0' is the project itself; it is not a row of "
                "the WBS (its value is the roll-up).", key=(0,))
            continue
        if parts in rows:
            add(_code_text(parts), "duplicate", "error",
                f"Rows {rows[parts] + 2} and {row} both have the code {_code_text(parts)}; "
                "each element has exactly one code.", key=parts)
            continue
        rows[parts] = position

    nodes = set(rows)
    for parts in rows:
        for k in range(1, len(parts)):
            ancestor = parts[:k]
            if ancestor not in rows:
                if summaries == "listed" and k == len(parts) - 1:
                    add(_code_text(parts), "orphan", "error",
                        f"Row {rows[parts] + 2}: element {_code_text(parts)} has no parent: "
                        f"there is no row {_code_text(ancestor)}. Add the parent, or fix the code.",
                        key=parts)
                nodes.add(ancestor)
    children = {}
    for parts in nodes:
        children.setdefault(parts[:-1], []).append(parts)

    for parent, kids in children.items():
        numbers = sorted(k[-1] for k in kids)
        expected = list(range(1, len(numbers) + 1))
        if numbers != expected:
            missing = sorted(set(range(1, max(numbers) + 1)) - set(numbers))
            where = f"Element {_code_text(parent)}" if parent else "The top level"
            add(_code_text(parent), "numbering", "warning",
                f"{where}: children numbered {', '.join(_code_text(k) for k in sorted(kids))}; "
                f"{', '.join(_code_text(parent + (m,)) for m in missing)} missing (number "
                "siblings 1, 2, 3 ... so that nothing seems lost).", key=parent + (math.inf,))

    leaves = {p for p in nodes if p not in children}
    numbers = {c: pd.to_numeric(wbs[c], errors="coerce") for c in columns}
    for column in columns:
        for parts in sorted(leaves & set(rows)):
            raw = wbs[column].iloc[rows[parts]]
            value = numbers[column].iloc[rows[parts]]
            if pd.isna(value):
                what = "no value" if pd.isna(raw) else f"{raw!r}, not a number"
                add(_code_text(parts), "value", "error",
                    f"Row {rows[parts] + 2}: work package {_code_text(parts)} has {what} in "
                    f"{column}; a work package carries a number >= 0 (0 for a milestone).",
                    key=parts)
            elif value < 0:
                add(_code_text(parts), "value", "error",
                    f"Row {rows[parts] + 2}: work package {_code_text(parts)} has {column} "
                    f"{value:g}; it must be >= 0.", key=parts)
        if any(f[2] == "value" for f in findings):
            continue
        totals = _totals(nodes, children, leaves,
                         {p: numbers[column].iloc[rows[p]] for p in leaves})
        for parts in sorted(set(rows) - leaves):
            stated = numbers[column].iloc[rows[parts]]
            if pd.isna(stated):
                continue
            total = totals[parts]
            if abs(stated - total) > _EPS * max(1.0, abs(total)):
                kids = ", ".join(_code_text(k) for k in sorted(children[parts]))
                add(_code_text(parts), "100% rule", "error",
                    f"Element {_code_text(parts)}: {column} is {stated:,.10g} but its children "
                    f"{kids} add up to {total:,.10g} (100 % rule: the children make exactly 100 % "
                    "of their parent).", key=parts)

    findings.sort(key=lambda f: (f[0], ["code", "duplicate", "orphan", "value", "100% rule",
                                        "numbering"].index(f[2])))
    return pd.DataFrame([f[1:] for f in findings], columns=_FINDING_COLUMNS)


def _totals(nodes, children, leaves, leaf_values):
    """Roll leaf values up: the total of every node, the root () included."""
    totals = {}
    for parts in sorted(nodes | {()}, key=len, reverse=True):
        if parts in leaves:
            totals[parts] = float(leaf_values.get(parts, 0.0))
        else:
            totals[parts] = float(sum(totals[k] for k in children.get(parts, [])))
    return totals


def roll_up(wbs, code="wbs", values=None, summaries="implicit", project="Project"):
    """Add the work packages up through every level of the WBS, to the project.

    ``wbs``, ``code``, ``values`` and ``summaries`` as in :func:`check_wbs`;
    ``project`` names the root. The levels left out are created (with an
    empty name); a summary's stated value is checked against its children
    (100 % rule) and replaced by the roll-up.

    Returns a DataFrame indexed by code (``"0"`` the root first, then in WBS
    order: ``1.2`` before ``1.10``) with columns ``name`` (when ``wbs`` has
    one), ``level`` (0 for the root), ``parent``, ``work_package`` (True for
    an element with no children), ``children`` (their number) and each value
    column, rolled up: a work package keeps its value; any other element is
    the sum of its children, so the root is the sum of all the work packages.

    Raises :class:`WBSError` listing the errors :func:`check_wbs` finds.

    >>> wbs = pd.DataFrame({"wbs": ["1", "1.1", "1.2.1", "1.2.2"],
    ...                     "name": ["Design", "Survey", "Plans", "Permit"],
    ...                     "cost": [None, 10.0, 25.0, 5.0]})
    >>> roll_up(wbs, project="Mezzanine")[["name", "level", "work_package", "cost"]]
               name  level  work_package  cost
    wbs
    0     Mezzanine      0         False  40.0
    1        Design      1         False  40.0
    1.1      Survey      2          True  10.0
    1.2                  2         False  30.0
    1.2.1     Plans      3          True  25.0
    1.2.2    Permit      3          True   5.0
    """
    findings = check_wbs(wbs, code=code, values=values, summaries=summaries)
    errors = findings[findings["severity"] == "error"]
    if len(errors):
        shown = "\n".join(f"- {p}" for p in errors["problem"].head(5))
        more = f"\n(and {len(errors) - 5} more)" if len(errors) > 5 else ""
        raise WBSError(f"The WBS has {len(errors)} error(s); check_wbs lists them all:\n{shown}{more}")
    columns = _value_columns(wbs, code, values)
    rows = {parse_wbs_code(raw): position for position, raw in enumerate(wbs[code])}
    nodes = set(rows)
    for parts in rows:
        nodes.update(parts[:k] for k in range(1, len(parts)))
    children = {}
    for parts in nodes:
        children.setdefault(parts[:-1], []).append(parts)
    leaves = {p for p in nodes if p not in children}
    order = sorted(nodes | {()})
    result = pd.DataFrame(index=pd.Index([_code_text(p) for p in order], name=code))
    if "name" in wbs.columns:
        names = {p: ("" if pd.isna(wbs["name"].iloc[i]) else str(wbs["name"].iloc[i]))
                 for p, i in rows.items()}
        names[()] = str(project)
        result["name"] = [names.get(p, "") for p in order]
    result["level"] = [len(p) for p in order]
    result["parent"] = ["" if not p else _code_text(p[:-1]) for p in order]
    result["work_package"] = [p in leaves for p in order]
    result["children"] = [len(children.get(p, [])) for p in order]
    for column in columns:
        numbers = pd.to_numeric(wbs[column], errors="coerce")
        totals = _totals(nodes, children, leaves, {p: numbers.iloc[rows[p]] for p in leaves})
        result[column] = [totals[p] for p in order]
    return result


def wbs_from_tasks(tasks, assignments=None):
    """The WBS of a project from its task table: work packages with their effort and cost.

    ``tasks`` is a task table of the kit (``data.load_tasks("ERP")``: columns
    ``id``, ``wbs``, ``name``, ``cost_eur``, ``duration``); ``assignments``
    (``data.load_assignments()``), when given, adds ``effort_days``, the
    person-days of each task: the sum over its roles of ``units x duration``.
    Milestones stay in, with zero effort and cost, to keep the numbering.

    Returns a DataFrame ``wbs, name, task_id, effort_days (if assignments),
    cost_eur``, in WBS order, ready for :func:`check_wbs` and :func:`roll_up`.

    >>> tasks = pd.DataFrame({"id": ["X-01", "X-02"], "wbs": ["1.2", "1.1"],
    ...     "name": ["Build", "Design"], "duration": [4, 2], "cost_eur": [800.0, 300.0]})
    >>> people = pd.DataFrame({"task_id": ["X-01", "X-01", "X-02"], "resource": ["DEV", "QA", "ARC"],
    ...                        "units": [2.0, 0.5, 1.0]})
    >>> wbs_from_tasks(tasks, people)
       wbs    name task_id  effort_days  cost_eur
    0  1.1  Design    X-02          2.0     300.0
    1  1.2   Build    X-01         10.0     800.0
    """
    needed = ["id", "wbs", "name", "cost_eur"] + (["duration"] if assignments is not None else [])
    require_columns(tasks, needed, "The task table", WBSError)
    frame = pd.DataFrame({"wbs": tasks["wbs"].astype(str).str.strip(),
                          "name": tasks["name"].astype(str),
                          "task_id": tasks["id"].astype(str)})
    if assignments is not None:
        require_columns(assignments, ["task_id", "units"], "The assignments table", WBSError)
        units = assignments.groupby(assignments["task_id"].astype(str))["units"].sum()
        duration = pd.to_numeric(tasks["duration"], errors="coerce").to_numpy(dtype=float)
        frame["effort_days"] = frame["task_id"].map(units).fillna(0.0).to_numpy() * duration
    frame["cost_eur"] = pd.to_numeric(tasks["cost_eur"], errors="coerce").to_numpy(dtype=float)
    keys = []
    for position, raw in enumerate(frame["wbs"]):
        keys.append(parse_wbs_code(raw, where=f"Task {frame['task_id'].iloc[position]}"))
    order = sorted(range(len(frame)), key=lambda i: keys[i])
    return frame.iloc[order].reset_index(drop=True)


# ==========================================================================
# RACI
# ==========================================================================

#: The letters of a RACI matrix and what they mean (PMBOK Guide 6th ed., 9.1.2.2).
RACI_LETTERS = {
    "R": "Responsible: does the work",
    "A": "Accountable: answers for the result and signs it off (one role per activity)",
    "C": "Consulted: gives an opinion before (two-way)",
    "I": "Informed: is told after (one-way)",
}

_SEPARATORS = re.compile(r"[\s/,;+&-]+")


def _letters(cell, activity, role):
    if cell is None or (isinstance(cell, float) and math.isnan(cell)):
        return frozenset()
    if not isinstance(cell, str):
        raise RACIError(f"Activity {activity!r}, role {role!r}: {cell!r} is not RACI letters; "
                        "write R, A, C or I, combined as 'A/R', or leave the cell empty.")
    letters = _SEPARATORS.sub("", cell).upper()
    unknown = sorted(set(letters) - set(RACI_LETTERS))
    if unknown:
        raise RACIError(f"Activity {activity!r}, role {role!r}: {cell!r} has "
                        f"{', '.join(map(repr, unknown))}; valid letters are R, A, C and I, "
                        "combined as 'A/R', or an empty cell.")
    if len(letters) != len(set(letters)):
        raise RACIError(f"Activity {activity!r}, role {role!r}: {cell!r} repeats a letter.")
    return frozenset(letters)


def parse_raci(matrix):
    """Read a RACI matrix into sets of letters, one per cell.

    ``matrix``: index = activities, columns = roles, cells ``"R"``, ``"A"``,
    ``"C"``, ``"I"``, combinations such as ``"A/R"`` or ``"AR"`` (upper or
    lower case), or empty (``""`` or NaN). Raises :class:`RACIError` naming
    the activity and the role for any other content, and for a duplicate
    activity or role.

    >>> m = pd.DataFrame({"PM": ["A/R", "I"], "Sponsor": ["", "A"]}, index=["Charter", "Budget"])
    >>> parse_raci(m).loc["Charter", "PM"] == frozenset("AR")
    True
    """
    if not isinstance(matrix, pd.DataFrame):
        raise RACIError(f"A RACI matrix is a DataFrame (activities as index, roles as columns), "
                        f"not {type(matrix).__name__}.")
    for axis, what in ((matrix.index, "activity"), (matrix.columns, "role")):
        duplicated = axis[axis.duplicated()]
        if len(duplicated):
            raise RACIError(f"The {what} {duplicated[0]!r} appears twice in the RACI matrix; "
                            f"each {what} has one {'row' if what == 'activity' else 'column'}.")
    if matrix.empty:
        raise RACIError("The RACI matrix is empty: it needs at least one activity (row) and one "
                        "role (column).")
    return pd.DataFrame(
        [[_letters(matrix.iat[i, j], activity, role) for j, role in enumerate(matrix.columns)]
         for i, activity in enumerate(matrix.index)],
        index=matrix.index, columns=matrix.columns)


def raci_summary(matrix):
    """Per role: how many activities it is R, A, C and I on, and its load.

    ``load`` is the share of the activities on which the role is Responsible
    (the work it has to do), the figure :func:`check_raci` compares with its
    policy threshold.

    >>> m = pd.DataFrame({"PM": ["A/R", "A", "R"], "Dev": ["R", "R", ""]},
    ...                  index=["Plan", "Build", "Report"])
    >>> raci_summary(m)
          R  A  C  I      load
    role
    PM    2  2  0  0  0.666667
    Dev   2  0  0  0  0.666667
    """
    cells = parse_raci(matrix)
    counts = {letter: [int(sum(letter in cell for cell in cells[role])) for role in cells.columns]
              for letter in "RACI"}
    summary = pd.DataFrame(counts, index=pd.Index([str(r) for r in cells.columns], name="role"))
    summary["load"] = summary["R"] / len(cells)
    return summary


_RACI_FINDINGS = ["activity", "role", "check", "severity", "problem"]


def check_raci(matrix, max_load=0.5):
    """The findings of a RACI review, one row per problem; an empty table means valid.

    Checks (PMI, *PMBOK Guide*, 6th ed., 2017, 9.1.2.2: a RACI chart makes
    sure that each activity has one and only one person accountable):

    * ``accountable`` (error): an activity with no A, or with more than one;
    * ``responsible`` (error): an activity with no R (nobody does the work);
    * ``overload`` (warning): a role Responsible on more than ``max_load`` of
      the activities (a share, 0.5 by default). This threshold is a PMO's
      policy, not a standard: set it to 1 to switch the check off;
    * ``unused`` (warning): a role with no letter at all.

    Returns a DataFrame ``activity, role, check, severity, problem`` (the
    activity or role is ``""`` when the finding is about the other one),
    activities in the matrix's order, then roles.

    >>> m = pd.DataFrame({"PM": ["A", "A", "R"], "Dev": ["R", "A/R", ""], "QA": ["", "", ""]},
    ...                  index=["Plan", "Build", "Report"])
    >>> check_raci(m)[["activity", "role", "check"]]
      activity     role        check
    0    Build  PM, Dev  accountable
    1   Report           accountable
    2               Dev     overload
    3                QA       unused
    >>> print(check_raci(m)["problem"][0])  # doctest: +ELLIPSIS
    Build: 2 roles are Accountable (PM, Dev); exactly one role answers for an activity: keep one A and ...
    """
    if isinstance(max_load, bool) or not isinstance(max_load, (int, float)) or not 0 < max_load <= 1:
        raise RACIError(f"max_load is the largest share of the activities a role may be "
                        f"Responsible for, a number in (0, 1]; got {max_load!r}.")
    cells = parse_raci(matrix)
    roles = [str(r) for r in cells.columns]
    findings = []
    for activity, row in zip(cells.index, cells.itertuples(index=False)):
        accountable = [r for r, cell in zip(roles, row) if "A" in cell]
        responsible = [r for r, cell in zip(roles, row) if "R" in cell]
        if not accountable:
            findings.append((str(activity), "", "accountable", "error",
                             f"{activity}: no role is Accountable; give exactly one role an A "
                             "(the one who signs the result off)."))
        elif len(accountable) > 1:
            findings.append((str(activity), ", ".join(accountable), "accountable", "error",
                             f"{activity}: {len(accountable)} roles are Accountable "
                             f"({', '.join(accountable)}); exactly one role answers for an "
                             "activity: keep one A and make the others R, C or I."))
        if not responsible:
            findings.append((str(activity), "", "responsible", "error",
                             f"{activity}: no role is Responsible; at least one role must do "
                             "the work (an R, or A/R when the accountable role does it)."))
    summary = raci_summary(matrix)
    n = len(cells)
    for role in roles:
        r_count = int(summary.at[role, "R"])
        if r_count > max_load * n + 1e-9:
            findings.append(("", role, "overload", "warning",
                             f"{role} is Responsible for {r_count} of {n} activities "
                             f"({r_count / n:.0%}), more than the {max_load:.0%} the PMO allows; "
                             "share the work or check the role's capacity."))
        if summary.loc[role, ["R", "A", "C", "I"]].sum() == 0:
            findings.append(("", role, "unused", "warning",
                             f"{role} has no letter on any activity: remove the role or give it "
                             "its part."))
    return pd.DataFrame(findings, columns=_RACI_FINDINGS)


# ==========================================================================
# Governance: standards, life cycles and stage gates, as data
# ==========================================================================

#: The 6 principles of project management of the current edition: PMI, *The
#: Standard for Project Management* and *PMBOK Guide*, 8th ed. (digital release
#: 13 Nov 2025, print 2026). ``group`` is the three pairs the edition groups
#: them in (value-driven, proactive, ownership); ``pmbok7`` names the 7th
#: edition's principles (:data:`PMBOK7_PRINCIPLES`) each one carries on, by the
#: kit's own reading; ``in_practice`` is the kit's own summary.
#:
#: Checked against several independent secondary sources (PMI's own text was not
#: reachable when this table was written): the six names and the three groups
#: agree across them; section numbers are therefore not given.
PMBOK8_PRINCIPLES = pd.DataFrame(
    [
        ("Adopt a holistic view", "proactive", "Systems thinking, Complexity",
         "See the project in its whole system: strategy, portfolio, operations, context."),
        ("Focus on value", "value-driven", "Value",
         "Judge the project by the benefits and value it delivers, and re-check them as it goes."),
        ("Embed quality into processes and deliverables", "proactive", "Quality",
         "Design quality in from the start instead of inspecting it in at the end."),
        ("Be an accountable leader", "ownership", "Leadership, Stewardship",
         "Own the outcomes and lead, whatever one's formal authority."),
        ("Integrate sustainability within all project areas", "value-driven", "Stewardship",
         "Weigh environmental, social and economic impacts in every decision."),
        ("Build an empowered culture", "ownership", "Team, Stakeholders",
         "Give the team the trust, skills and authority to decide and to improve."),
    ],
    columns=["principle", "group", "pmbok7", "in_practice"],
)

#: The 7 project performance domains of the current edition, PMI, *PMBOK Guide*,
#: 8th ed. (2025), in the order most sources list them; ``pmbok6`` is the 6th
#: edition's knowledge areas (2017) each one takes over, ``about`` the kit's own
#: summary. The edition also brings back processes (40, against the 6th edition's
#: 49), in five *focus areas* named like the 6th edition's process groups
#: (initiating, planning, executing, monitoring and controlling, closing); quality
#: becomes a principle, procurement moves to an appendix. Same sources and caveat
#: as :data:`PMBOK8_PRINCIPLES`: no section numbers.
PMBOK8_DOMAINS = pd.DataFrame(
    [
        ("Governance", "Integration",
         "Decision rights, oversight and integration of the whole project."),
        ("Scope", "Scope", "What the project delivers and how its scope is defined and controlled."),
        ("Schedule", "Schedule", "When: planning, sequencing and controlling the work in time."),
        ("Finance", "Cost", "How much: estimates, budget, reserves, funding and cost control."),
        ("Stakeholders", "Stakeholder, Communications",
         "Who is affected, how they are engaged and what they are told."),
        ("Resources", "Resource", "People, equipment and materials: acquiring and managing them."),
        ("Risk", "Risk", "Threats and opportunities: identifying, assessing and responding."),
    ],
    columns=["domain", "pmbok6", "about"],
)

#: The 12 principles of project management of the 7th edition, PMI, *The
#: Standard for Project Management* (in the *PMBOK Guide*, 7th ed., 2021),
#: sections 3.1 to 3.12; the 8th edition (:data:`PMBOK8_PRINCIPLES`) replaced them.
#: ``principle`` is the standard's heading; ``label`` its one-word tag;
#: ``in_practice`` the kit's own summary of what a PMO does with it.
PMBOK7_PRINCIPLES = pd.DataFrame(
    [
        ("3.1", "Be a diligent, respectful, and caring steward", "Stewardship",
         "Act with integrity and care for the organisation's resources and for people."),
        ("3.2", "Create a collaborative project team environment", "Team",
         "Agree team norms, roles and ways of working so people can work together."),
        ("3.3", "Effectively engage with stakeholders", "Stakeholders",
         "Identify stakeholders early and keep them involved, not just informed."),
        ("3.4", "Focus on value", "Value",
         "Judge the project by the benefits it delivers, and re-check them as it goes."),
        ("3.5", "Recognize, evaluate, and respond to system interactions", "Systems thinking",
         "See the project as part of a wider system whose parts affect each other."),
        ("3.6", "Demonstrate leadership behaviors", "Leadership",
         "Motivate and guide the team, whatever one's formal authority."),
        ("3.7", "Tailor based on context", "Tailoring",
         "Adapt the method, processes and artefacts to the project, not the reverse."),
        ("3.8", "Build quality into processes and deliverables", "Quality",
         "Meet the acceptance criteria by designing quality in, not by inspecting at the end."),
        ("3.9", "Navigate complexity", "Complexity",
         "Recognise what makes the project complex and adjust the approach."),
        ("3.10", "Optimize risk responses", "Risk",
         "Keep threats and opportunities at a level proportionate to what is at stake."),
        ("3.11", "Embrace adaptability and resiliency", "Adaptability and resiliency",
         "Be able to absorb shocks and change course when things change."),
        ("3.12", "Enable change to achieve the envisioned future state", "Change",
         "Help people adopt the change the project brings."),
    ],
    columns=["section", "principle", "label", "in_practice"],
)

#: The 8 project performance domains of the 7th edition, PMI, *PMBOK Guide*,
#: 7th ed., 2021, sections 2.1 to 2.8; ``about`` is the kit's own summary. The
#: 8th edition (:data:`PMBOK8_DOMAINS`) has seven others.
PMBOK7_DOMAINS = pd.DataFrame(
    [
        ("2.1", "Stakeholder", "Working with the people and groups the project affects."),
        ("2.2", "Team", "Building and leading the people who deliver the work."),
        ("2.3", "Development Approach and Life Cycle",
         "Choosing predictive, adaptive or hybrid delivery, and the phases."),
        ("2.4", "Planning", "Organising and coordinating the work: scope, schedule, cost, resources."),
        ("2.5", "Project Work", "Running the work day to day: processes, procurement, knowledge."),
        ("2.6", "Delivery", "Delivering the scope and quality that produce the expected value."),
        ("2.7", "Measurement", "Assessing performance and acting on it: KPIs, forecasts, dashboards."),
        ("2.8", "Uncertainty", "Dealing with risk, ambiguity, complexity and volatility."),
    ],
    columns=["section", "domain", "about"],
)

#: The 7 principles of PRINCE2, AXELOS, *Managing Successful Projects with
#: PRINCE2*, 7th ed., 2023, the current edition. ``about`` is the
#: kit's own summary. (The 6th edition, 2017, has the same seven, slightly renamed.)
PRINCE2_PRINCIPLES = pd.DataFrame(
    [
        ("Ensure continued business justification",
         "The project stays worth doing, checked at every stage, or it stops."),
        ("Learn from experience", "Seek lessons at the start, record them, pass them on."),
        ("Define roles, responsibilities and relationships",
         "Everyone knows who decides, who does, and how they work together."),
        ("Manage by stages", "Plan, monitor and authorise the project one stage at a time."),
        ("Manage by exception",
         "Set tolerances for each level; escalate only when they are forecast to be exceeded."),
        ("Focus on products", "Define the outputs and their quality criteria before the work."),
        ("Tailor to suit the project", "Adapt the method to the project's size, risk and context."),
    ],
    columns=["principle", "about"],
)

#: The 7 practices of PRINCE2 (called themes before the 7th edition; the 6th
#: edition's "organization" and "change" themes are "organizing" and "issues"
#: practices), PRINCE2 7th ed., 2023.
PRINCE2_PRACTICES = pd.DataFrame(
    [
        ("Business case", "Why: is the project desirable, viable and achievable?"),
        ("Organizing", "Who: the project's roles, responsibilities and relationships."),
        ("Plans", "How, how much and when: product-based planning, by stage."),
        ("Quality", "What: the quality expected of the products and how it is checked."),
        ("Risk", "What if: identifying, assessing and controlling uncertainty."),
        ("Issues", "What is the impact: handling changes and problems as they arise."),
        ("Progress", "Where are we: monitoring against plan, tolerances and escalation."),
    ],
    columns=["practice", "about"],
)

#: The 7 processes of PRINCE2, 7th ed., 2023 (the same seven as in the 6th
#: edition, 2017); ``who`` is the main role.
PRINCE2_PROCESSES = pd.DataFrame(
    [
        ("Starting up a project", "pre-project", "project executive and project manager",
         "Is the project viable and worthwhile? Appoint the team, outline the business case."),
        ("Directing a project", "throughout", "project board",
         "Authorise initiation, each stage and closure; give direction; handle exceptions."),
        ("Initiating a project", "initiation stage", "project manager",
         "Build the project's baseline: plan, business case, controls (the PID)."),
        ("Controlling a stage", "each delivery stage", "project manager",
         "Assign the work, monitor it, report, handle issues and risks."),
        ("Managing product delivery", "each delivery stage", "team manager",
         "Accept, do and hand back work packages."),
        ("Managing a stage boundary", "end of each stage", "project manager",
         "Report the stage, plan the next, update the business case for the board."),
        ("Closing a project", "final stage", "project manager",
         "Confirm acceptance, hand over, evaluate, recommend closure."),
    ],
    columns=["process", "when", "who", "about"],
)

#: Life cycles a PMO offers, in phases; ``gate_after`` is the gate that ends
#: the phase (see :func:`stage_gates`). Meridian's defaults, for tailoring;
#: the three approaches follow PMBOK Guide 7th ed. section 2.3
#: (predictive, adaptive, hybrid).
LIFE_CYCLES = pd.DataFrame(
    [
        ("predictive", 1, "Concept", "Idea and business case outline", "G0"),
        ("predictive", 2, "Initiation", "Charter, plan, business case, controls", "G1"),
        ("predictive", 3, "Design", "Requirements and solution design", "G2"),
        ("predictive", 4, "Build and test", "Build, integrate, test", "G3"),
        ("predictive", 5, "Deployment", "Training, cut-over, go-live, hypercare", "G4"),
        ("predictive", 6, "Closure", "Handover, lessons learned, benefits plan", "G5"),
        ("agile", 1, "Concept", "Vision, business case outline", "G0"),
        ("agile", 2, "Inception", "Product backlog, team, release plan", "G1"),
        ("agile", 3, "Iterations", "Sprints delivering working increments; reviews each sprint",
         "G3"),
        ("agile", 4, "Release", "Release to users; repeat iterations as funded", "G4"),
        ("agile", 5, "Closure", "Handover of the product, lessons learned", "G5"),
        ("hybrid", 1, "Concept", "Idea and business case outline", "G0"),
        ("hybrid", 2, "Initiation", "Charter, high-level plan and backlog, controls", "G1"),
        ("hybrid", 3, "Design", "Architecture and the fixed-scope parts, designed up front", "G2"),
        ("hybrid", 4, "Iterative build", "Sprints on the backlog within the stage's tolerances",
         "G3"),
        ("hybrid", 5, "Deployment", "Cut-over and go-live, planned predictively", "G4"),
        ("hybrid", 6, "Closure", "Handover, lessons learned, benefits plan", "G5"),
    ],
    columns=["life_cycle", "order", "phase", "what_happens", "gate_after"],
)

_GATE_NAMES = {
    "G0": "Idea approved for initiation",
    "G1": "Project authorised (plan baselined)",
    "G2": "Design approved",
    "G3": "Ready to deploy",
    "G4": "Go-live accepted",
    "G5": "Project closed",
}

# (gate, kind, criterion, mandatory, life cycles it applies to)
_GATE_CRITERIA = [
    ("G0", "exit", "A sponsor is named and supports the idea", True, "pah"),
    ("G0", "exit", "An outline business case states the benefits and a cost range", True, "pah"),
    ("G0", "exit", "The idea serves a strategic objective (an OKR)", True, "pah"),
    ("G0", "entry", "A project manager is appointed for initiation", True, "pah"),
    ("G1", "exit", "Charter signed by the sponsor", True, "pah"),
    ("G1", "exit", "WBS validated by the PMO (100 % rule) and baseline schedule and budget", True,
     "ph"),
    ("G1", "exit", "Product backlog prioritised and a release plan", True, "ah"),
    ("G1", "exit", "RACI matrix agreed: one Accountable per activity", True, "pah"),
    ("G1", "exit", "Risk register opened with owners", True, "pah"),
    ("G1", "exit", "Detailed business case approved", True, "pah"),
    ("G1", "entry", "Team and budget for the next phase committed", True, "pah"),
    ("G2", "exit", "Requirements and design signed off by the business", True, "ph"),
    ("G2", "exit", "Test strategy agreed", False, "ph"),
    ("G2", "exit", "Build contracts signed", False, "ph"),
    ("G2", "entry", "Build team available at the planned dates", True, "ph"),
    ("G3", "exit", "Acceptance tests passed, no open severity-1 defect", True, "pah"),
    ("G3", "exit", "Definition of done met for the release's increments", True, "ah"),
    ("G3", "exit", "Users trained or training scheduled", False, "pah"),
    ("G3", "exit", "Cut-over and fallback plan rehearsed", True, "ph"),
    ("G3", "entry", "Support organisation ready to take the calls", True, "pah"),
    ("G4", "exit", "Go-live decision recorded by the steering committee", True, "pah"),
    ("G4", "exit", "Hypercare period finished, incidents back to normal", True, "pah"),
    ("G4", "entry", "Operations accept the handover", True, "pah"),
    ("G5", "exit", "Final report with cost, schedule and scope against baseline", True, "pah"),
    ("G5", "exit", "Lessons learned recorded in the PMO's knowledge base", True, "pah"),
    ("G5", "exit", "Benefits review planned with an owner", True, "pah"),
    ("G5", "exit", "Contracts closed and project accounts closed", False, "pah"),
]

_CYCLE_LETTER = {"predictive": "p", "agile": "a", "hybrid": "h"}


def stage_gates(life_cycle="predictive"):
    """The default stage-gate criteria of Meridian's PMO for a life cycle, to tailor.

    ``life_cycle`` is ``"predictive"``, ``"agile"`` or ``"hybrid"`` (see
    :data:`LIFE_CYCLES`). Each gate is a go/no-go decision by the sponsor or
    the steering committee: its **exit** criteria close the phase that ends,
    its **entry** criteria open the next (PRINCE2's "manage by stages" and the
    phase gates of PMBOK Guide 7th ed., 2.3). ``mandatory`` criteria block the
    gate; the others make a "go with conditions". The criteria are the kit's
    own examples, not a standard's: a PMO tailors them with pandas (drop rows,
    append its own, change ``mandatory``).

    Returns a DataFrame ``gate, gate_name, kind, criterion, mandatory``.

    >>> gates = stage_gates("agile")
    >>> sorted(gates["gate"].unique())
    ['G0', 'G1', 'G3', 'G4', 'G5']
    >>> bool(gates.loc[gates["gate"] == "G1", "criterion"].str.contains("WBS").any())
    False
    """
    if life_cycle not in _CYCLE_LETTER:
        raise MethodologyError(f"Unknown life cycle {life_cycle!r}; valid ones are "
                               f"{', '.join(_CYCLE_LETTER)}.")
    letter = _CYCLE_LETTER[life_cycle]
    gates_used = set(LIFE_CYCLES.loc[LIFE_CYCLES["life_cycle"] == life_cycle, "gate_after"])
    rows = [(gate, _GATE_NAMES[gate], kind, criterion, mandatory)
            for gate, kind, criterion, mandatory, cycles in _GATE_CRITERIA
            if letter in cycles and gate in gates_used]
    return pd.DataFrame(rows, columns=["gate", "gate_name", "kind", "criterion", "mandatory"])


def gate_review(gates, gate, met):
    """The decision at a stage gate from the criteria met: go, go with conditions, or no go.

    ``gates`` is a criteria table as :func:`stage_gates` returns (tailored or
    not); ``gate`` the gate reviewed (``"G1"``); ``met`` the criteria met, as
    a collection of criterion texts or of their row labels in ``gates``.

    Returns a tuple ``(decision, review)``: ``decision`` is ``"go"`` when every
    criterion is met, ``"go with conditions"`` when only non-mandatory ones are
    missing, ``"no go"`` when a mandatory one is missing; ``review`` is the
    gate's criteria with a column ``met``. Raises :class:`MethodologyError`
    for an unknown gate or a criterion that is not one of the gate's.

    >>> gates = stage_gates()
    >>> g2 = gates[gates["gate"] == "G2"]
    >>> decision, review = gate_review(gates, "G2", g2.index[g2["mandatory"]])
    >>> decision, int(review["met"].sum()), len(review)
    ('go with conditions', 2, 4)
    """
    require_columns(gates, ["gate", "criterion", "mandatory"], "The gates table (see stage_gates())",
                    MethodologyError)
    review = gates[gates["gate"] == gate].copy()
    if review.empty:
        raise MethodologyError(f"Unknown gate {gate!r}; the gates are "
                               f"{', '.join(map(str, pd.unique(gates['gate'])))}.")
    met = list(met)
    texts = set(review["criterion"])
    labels = set(review.index)
    chosen = set()
    for item in met:
        if isinstance(item, str) and item in texts:
            chosen.update(review.index[review["criterion"] == item])
        elif not isinstance(item, str) and item in labels:
            chosen.add(item)
        else:
            raise MethodologyError(f"Gate {gate}: {item!r} is not one of its criteria; they are "
                                   + "; ".join(f"{i}: {t}" for i, t in review["criterion"].items())
                                   + ".")
    review["met"] = review.index.isin(list(chosen))
    missing = review[~review["met"]]
    if missing.empty:
        decision = "go"
    elif missing["mandatory"].astype(bool).any():
        decision = "no go"
    else:
        decision = "go with conditions"
    return decision, review


# ==========================================================================
# Maturity self-assessment
# ==========================================================================

#: The five maturity levels, in the style of AXELOS P3M3 (v3, 2015): level
#: names after P3M3; the descriptions are the kit's own.
MATURITY_LEVELS = pd.DataFrame(
    [
        (1, "Awareness", "Projects are run, but each in its own way; success depends on people."),
        (2, "Repeatable", "Basic practices are used on most projects, though not the same everywhere."),
        (3, "Defined", "One documented method, owned by the PMO, used and tailored by every project."),
        (4, "Managed", "The method is measured: the PMO uses data to control projects and the portfolio."),
        (5, "Optimised", "Measures drive continual improvement of the method and of the organisation."),
    ],
    columns=["level", "name", "description"],
).set_index("level")

#: The perspectives assessed: six of P3M3's seven (organisational governance,
#: management control, benefits, risk, stakeholder, finance and resource
#: management), renamed or grouped for a PMO course. **P3M3's finance
#: perspective is left out**: say so when you compare a kit profile with a P3M3 one.
MATURITY_PERSPECTIVES = (
    "Governance",
    "Planning and control",
    "Risk",
    "Benefits",
    "Stakeholders and communication",
    "Resources",
)

_PREFIX = {"Governance": "GOV", "Planning and control": "PLC", "Risk": "RSK", "Benefits": "BEN",
           "Stakeholders and communication": "STK", "Resources": "RES"}

_Q = {
    "Governance": [
        (2, "Does every project have a named sponsor and a project manager?"),
        (2, "Are major projects approved by someone before work starts?"),
        (3, "Is there a documented project method that all projects follow?"),
        (3, "Do projects pass defined stage gates with written entry and exit criteria?"),
        (4, "Does the PMO check compliance with the method and report it to management?"),
        (4, "Are gate decisions taken on the basis of measured project data?"),
        (5, "Is the method reviewed at least yearly using lessons learned and metrics?"),
        (5, "Are improvements to governance piloted and their effect measured?"),
    ],
    "Planning and control": [
        (2, "Do projects have a schedule and a budget before execution?"),
        (2, "Is progress reported regularly on most projects?"),
        (3, "Are WBS, schedule and budget built with the same templates on every project?"),
        (3, "Are baselines frozen and changes to them approved through change control?"),
        (4, "Are earned value or similar indices computed and compared across projects?"),
        (4, "Are estimates checked against the actuals of past projects?"),
        (5, "Are estimating norms updated from the data of closed projects?"),
        (5, "Are forecasting errors analysed and the causes fixed?"),
    ],
    "Risk": [
        (2, "Do most projects keep a risk list?"),
        (2, "Does each listed risk have an owner?"),
        (3, "Is there one risk scale and one register format for all projects?"),
        (3, "Are risks reviewed at every status meeting and at every gate?"),
        (4, "Are risk exposures aggregated for the portfolio and reported to management?"),
        (4, "Is schedule or cost risk quantified (e.g. Monte Carlo) on major projects?"),
        (5, "Is the effectiveness of risk responses measured after the fact?"),
        (5, "Does the risk process change based on what actually happened?"),
    ],
    "Benefits": [
        (2, "Do projects state the benefits they are expected to deliver?"),
        (2, "Is someone named to receive the benefits?"),
        (3, "Does every business case follow the same template with measurable benefits?"),
        (3, "Are benefits re-checked at each gate?"),
        (4, "Are benefits measured after delivery and reported to the sponsor?"),
        (4, "Is project selection based on the expected benefits of the portfolio?"),
        (5, "Do realised benefits feed back into how business cases are estimated?"),
        (5, "Are projects stopped when their benefits no longer justify them?"),
    ],
    "Stakeholders and communication": [
        (2, "Do projects identify their main stakeholders?"),
        (2, "Do sponsors receive regular status reports?"),
        (3, "Is there a standard status report and a communication plan template?"),
        (3, "Is a RACI matrix agreed on every project?"),
        (4, "Is stakeholder satisfaction measured during projects?"),
        (4, "Do management dashboards use the same KPIs across projects?"),
        (5, "Are communication practices improved from satisfaction measures?"),
        (5, "Do stakeholders help shape the PMO's method?"),
    ],
    "Resources": [
        (2, "Are people assigned to project work by name?"),
        (2, "Do projects know when key people are over-allocated?"),
        (3, "Is there one view of resource demand across all projects?"),
        (3, "Are conflicts between projects settled by a defined priority rule?"),
        (4, "Is capacity planned against the portfolio's demand months ahead?"),
        (4, "Are utilisation and allocation measured and reported?"),
        (5, "Are skills gaps found from the data and closed by training or hiring?"),
        (5, "Is the capacity plan's accuracy measured and improved?"),
    ],
}

#: The questions of the self-assessment (the kit's own wording), two per
#: perspective and level from 2 to 5; level 1 needs no evidence. ``id`` is
#: ``<perspective>-<level><a|b>``, e.g. ``"GOV-3a"``.
MATURITY_QUESTIONS = pd.DataFrame(
    [
        (f"{_PREFIX[p]}-{level}{'ab'[k % 2]}", p, level, q)
        for p in MATURITY_PERSPECTIVES
        for k, (level, q) in enumerate(_Q[p])
    ],
    columns=["id", "perspective", "level", "question"],
)

#: How answers score: a number from 0 to 1 can be given instead.
ANSWER_SCALE = {"no": 0.0, "partly": 0.5, "yes": 1.0}


def _answer_values(answers):
    if isinstance(answers, pd.Series):
        answers = answers.to_dict()
    if not isinstance(answers, dict):
        raise MaturityError("answers must be a dict (or a Series) from question id to 'yes', "
                            "'partly', 'no' or a number from 0 to 1.")
    known = set(MATURITY_QUESTIONS["id"])
    values = {}
    for qid, answer in answers.items():
        if qid not in known:
            raise MaturityError(f"{qid!r} is not a question id; ids look like 'GOV-2a' (see "
                                "MATURITY_QUESTIONS['id']).")
        if isinstance(answer, str) and answer.strip().lower() in ANSWER_SCALE:
            values[qid] = ANSWER_SCALE[answer.strip().lower()]
        elif (isinstance(answer, (int, float, np.number)) and not isinstance(answer, bool)
              and 0 <= float(answer) <= 1):
            values[qid] = float(answer)
        else:
            raise MaturityError(f"Question {qid}: answer {answer!r}; answer 'yes', 'partly', "
                                "'no' or a number from 0 to 1.")
    return values


def maturity_profile(answers, threshold=0.75):
    """Each perspective's maturity level from the self-assessment answers.

    ``answers`` maps question ids (:data:`MATURITY_QUESTIONS`) to ``"yes"``
    (1), ``"partly"`` (0.5), ``"no"`` (0) or a number from 0 to 1; a question
    not answered counts as 0. A level is **reached** when the mean of its
    questions is at least ``threshold`` (0.75 by default: **the kit's own
    rule**, not P3M3's); the perspective's ``level`` is the
    highest level L such that every level from 2 to L is reached (a staged
    model, as in P3M3: level 3 practices do not count without level 2's).
    Level 1 needs no evidence.

    Returns a DataFrame indexed by perspective with ``level`` (1-5),
    ``level_name``, ``score_2`` ... ``score_5`` (the mean answer per level)
    and ``score``: ``level`` plus the share reached of the next level, a
    continuous figure for the radar chart (5 at most).

    >>> yes = {q: "yes" for q in MATURITY_QUESTIONS["id"] if q[-2] in "23"}
    >>> maturity_profile(yes)[["level", "level_name", "score"]].iloc[0]
    level                3
    level_name     Defined
    score              3.0
    Name: Governance, dtype: object
    """
    if not 0 < threshold <= 1:
        raise MaturityError(f"threshold is the mean answer a level needs, in (0, 1]; got {threshold!r}.")
    values = _answer_values(answers)
    q = MATURITY_QUESTIONS.assign(answer=MATURITY_QUESTIONS["id"].map(values).fillna(0.0))
    scores = q.pivot_table(index="perspective", columns="level", values="answer", aggfunc="mean")
    scores = scores.reindex(list(MATURITY_PERSPECTIVES))
    rows = []
    for _perspective, row in scores.iterrows():
        level = 1
        for candidate in (2, 3, 4, 5):
            if row[candidate] >= threshold - 1e-12:
                level = candidate
            else:
                break
        score = level + (min(1.0, row[level + 1] / threshold) if level < 5 else 0.0)
        rows.append((level, MATURITY_LEVELS.at[level, "name"], *row.tolist(), round(score, 4)))
    return pd.DataFrame(rows, index=pd.Index(list(MATURITY_PERSPECTIVES), name="perspective"),
                        columns=["level", "level_name", "score_2", "score_3", "score_4", "score_5",
                                 "score"])


def next_steps(answers, threshold=0.75, target=None):
    """What to work on next: the questions not yet met at each perspective's next level.

    For each perspective below ``target`` (a level 2-5 for all, a dict
    perspective -> level, or None for "one level up"), the questions of its
    next level whose answer is below 1, weakest first. Returns a DataFrame
    ``perspective, current_level, next_level, id, question, answer``.

    >>> answers = {q: "yes" for q in MATURITY_QUESTIONS["id"] if q[-2] == "2"}
    >>> answers["RSK-3a"] = "partly"
    >>> steps = next_steps(answers)
    >>> steps[steps["perspective"] == "Risk"][["next_level", "id", "answer"]]
       next_level      id  answer
    4           3  RSK-3b     0.0
    5           3  RSK-3a     0.5
    """
    values = _answer_values(answers)
    profile = maturity_profile(answers, threshold)
    rows = []
    for perspective, current in profile["level"].items():
        goal = target.get(perspective, current + 1) if isinstance(target, dict) else (
            current + 1 if target is None else target)
        if not isinstance(goal, (int, np.integer)) or not 1 <= goal <= 5:
            raise MaturityError(f"target for {perspective}: {goal!r}; a level is a whole number "
                                "from 1 to 5.")
        if current >= goal or current == 5:
            continue
        nxt = current + 1
        qs = MATURITY_QUESTIONS[(MATURITY_QUESTIONS["perspective"] == perspective)
                                & (MATURITY_QUESTIONS["level"] == nxt)]
        for qid, question in zip(qs["id"], qs["question"]):
            answer = values.get(qid, 0.0)
            if answer < 1:
                rows.append((perspective, current, nxt, qid, question, answer))
    steps = pd.DataFrame(rows, columns=["perspective", "current_level", "next_level", "id",
                                        "question", "answer"])
    order = {p: k for k, p in enumerate(MATURITY_PERSPECTIVES)}
    steps = steps.sort_values(["perspective", "answer", "id"],
                              key=lambda s: s.map(order) if s.name == "perspective" else s)
    return steps.reset_index(drop=True)
