"""Documentation: the project document register, the PMO's checks and the documents a gate needs.

The PMO "centralises and manages all project-related documentation" so that everyone reads the
same, current version (the course's sources). Its tool is the **document register**: one row per
version of each document a project keeps (``pmo_lessons.data.load_documents()``), with its type,
title, version, status, owner, where it is filed and when it was last reviewed. This module holds
what a PMO does with it:

* :data:`DOCUMENT_TYPES`: Meridian's policy, as data: each kind of document, the stage gate that
  needs it (the gates of :func:`pmo_lessons.methodology.stage_gates`), the gate criterion it is the
  evidence of, the life cycles that use it and how often it is reviewed;
* :func:`check_register`: the PMO's checks of a register (a document without an owner, two versions
  both marked current, a review overdue, a document filed outside the project site);
* :func:`required_documents`, :func:`gate_documents`, :func:`gate_readiness` and
  :func:`criteria_met`: the documents a gate needs, the state of each, what blocks the gate, and
  the gate criteria the documents evidence (for :func:`pmo_lessons.methodology.gate_review`);
* :func:`completeness`: the per-project view, each project against its next gate.

**Statuses** of a version: ``draft`` (being written), ``in review`` (submitted for approval),
``current`` (approved: the version in force), ``superseded`` (replaced by a later version, kept for
the record). A document has exactly one current version at a time: the **single source of truth**.
Every version of a document shares its reference (``id``), so two rows with the same ``id`` both
``current`` are two versions claiming to be the one in force.

**The state of a required document** (worst first), as :func:`gate_documents` reports it:

==========================  ===================================================================
state                       meaning
==========================  ===================================================================
``missing``                 no version at all (or only superseded ones)
``two current versions``    two versions are both marked current: nobody knows which is true
``draft``                   no version is approved or submitted for approval yet
``in review``               submitted, not yet approved: ready for the gate that approves it,
                            a gap for a gate already passed
``no owner``                the current version has no owner: nobody keeps it up to date
``outside the repository``  the current version is filed outside the project site
``review overdue``          the current version was not reviewed within its review cycle
``in order``                current, owned, filed on the project site and reviewed on time
==========================  ===================================================================

A **mandatory** document that is missing, in draft, claimed by two current versions or without an
owner **blocks** the gate (so does one still in review, for a gate already passed). The other
findings, and any gap in a document that is not mandatory, are **conditions**: the gate can go
on with an owner and a date for each (lesson 5's "go with conditions"). A document is mandatory
when the gate criterion it evidences is (``stage_gates()``'s ``mandatory``); the documents that
evidence no criterion (the status report, the lessons log ...) are mandatory by Meridian's policy.

>>> import pandas as pd
>>> register = pd.DataFrame({
...     "id": ["X-DOC-01", "X-DOC-02", "X-DOC-02"], "project": "X",
...     "doc_type": ["charter", "risk register", "risk register"],
...     "title": ["Charter", "Risk register", "Risk register"], "version": ["1.0", "3", "4"],
...     "status": ["current", "current", "current"], "owner": ["Ana", "Ana", "Ana"],
...     "location": "project site", "last_review": pd.to_datetime(["2026-02-27"] * 3)})
>>> check_register(register, "2026-03-02")[["id", "check", "severity"]].values.tolist()
[['X-DOC-02', 'two current versions', 'error']]
"""

from __future__ import annotations

import pandas as pd

from .columns import require_columns
from .errors import InputError
from .methodology import LIFE_CYCLES, stage_gates

__all__ = [
    "DocumentError",
    "DOCUMENT_TYPES",
    "REPOSITORY",
    "STATES",
    "BLOCKING_STATES",
    "check_register",
    "required_documents",
    "gate_documents",
    "gate_readiness",
    "criteria_met",
    "completeness",
]


class DocumentError(InputError):
    """A document register, a policy or a gate the documentation checks cannot work with."""


#: Where Meridian files its project documents: the project's site in the PMO's repository.
REPOSITORY = "project site"

_P, _A, _H = "p", "a", "h"

#: Meridian's documentation policy: one row per kind of document. ``gate`` is the first gate that
#: needs it, ``criterion`` the criterion of :func:`~pmo_lessons.methodology.stage_gates` it is the
#: evidence of (``""``: none; the document is then mandatory by policy), ``life_cycles`` the life
#: cycles that use it (p predictive, a agile, h hybrid), ``review_days`` how often (calendar days)
#: a current version must be reviewed (``<NA>``: once approved, it changes only through a change),
#: ``source`` where the standards describe it. The policy is the kit's example; tailor it with
#: pandas as lesson 5 tailors the gates.
DOCUMENT_TYPES = pd.DataFrame(
    [
        ("business case", "Business case (detailed)", "G1", "Detailed business case approved",
         "pah", 90, "PRINCE2 6th ed. A.2; PMBOK Guide 6th ed. 1.2.6.1"),
        ("charter", "Project charter", "G1", "Charter signed by the sponsor", "pah", None,
         "PMBOK Guide 6th ed. 4.1"),
        ("plan", "Project plan: WBS, baseline schedule and budget", "G1",
         "WBS validated by the PMO (100 % rule) and baseline schedule and budget", "ph", 30,
         "PMBOK Guide 6th ed. 4.2"),
        ("backlog", "Product backlog and release plan", "G1",
         "Product backlog prioritised and a release plan", "ah", 14, "Scrum Guide 2020"),
        ("RACI", "RACI matrix", "G1", "RACI matrix agreed: one Accountable per activity", "pah",
         None, "PMBOK Guide 6th ed. 9.1.2.2"),
        ("risk register", "Risk register", "G1", "Risk register opened with owners", "pah", 30,
         "PMBOK Guide 6th ed. 11.2.3.1; PRINCE2 6th ed. A.25"),
        ("communication plan", "Stakeholder register and communication plan", "G1", "", "pah", 90,
         "PMBOK Guide 6th ed. 10.1.3.1 and 13.1.3.1; PRINCE2 6th ed. A.5"),
        ("lessons log", "Lessons log", "G1", "", "pah", 90,
         "PRINCE2 6th ed. A.14; PMBOK Guide 6th ed. 4.4.3.1 (lessons learned register)"),
        ("status report", "Status report (weekly)", "G1", "", "pah", 7,
         "PRINCE2 6th ed. A.11 (highlight report)"),
        ("definition of done", "Definition of Done", "G1", "", "ah", 90, "Scrum Guide 2020"),
        ("requirements", "Requirements and design specification", "G2",
         "Requirements and design signed off by the business", "ph", None,
         "PMBOK Guide 6th ed. 5.2.3.1"),
        ("test strategy", "Test strategy", "G2", "Test strategy agreed", "ph", None, ""),
        ("test report", "Acceptance test report", "G3",
         "Acceptance tests passed, no open severity-1 defect", "pah", None, ""),
        ("training plan", "Training plan", "G3", "Users trained or training scheduled", "pah", None,
         ""),
        ("cut-over plan", "Cut-over and fallback plan", "G3", "Cut-over and fallback plan rehearsed",
         "ph", None, ""),
        ("support model", "Support model and handover to support", "G3",
         "Support organisation ready to take the calls", "pah", None, ""),
        ("go-live decision", "Go-live decision record", "G4",
         "Go-live decision recorded by the steering committee", "pah", None, ""),
        ("hypercare report", "Hypercare exit report", "G4",
         "Hypercare period finished, incidents back to normal", "pah", None, ""),
        ("acceptance certificate", "Handover acceptance by operations", "G4",
         "Operations accept the handover", "pah", None, "PMBOK Guide 6th ed. 5.5.3.1"),
        ("end project report", "End project report", "G5",
         "Final report with cost, schedule and scope against baseline", "pah", None,
         "PRINCE2 6th ed. A.8"),
        ("lessons report", "Lessons report", "G5",
         "Lessons learned recorded in the PMO's knowledge base", "pah", None, "PRINCE2 6th ed. A.15"),
        ("benefits review plan", "Benefits review plan", "G5",
         "Benefits review planned with an owner", "pah", None,
         "PRINCE2 6th ed. A.1 (benefits management approach); PMBOK Guide 6th ed. 1.2.6.2"),
    ],
    columns=["doc_type", "name", "gate", "criterion", "life_cycles", "review_days", "source"],
).astype({"review_days": "Int64"})

#: The states of a required document, worst first (see the module's docstring).
STATES = ("missing", "two current versions", "draft", "in review", "no owner",
          "outside the repository", "review overdue", "in order")

#: The states that block a gate when the document is mandatory (``in review`` only blocks a gate
#: already passed).
BLOCKING_STATES = ("missing", "two current versions", "draft", "no owner")

_REGISTER_COLUMNS = ["id", "project", "doc_type", "title", "version", "status", "owner", "location",
                     "last_review"]
_STATUSES = ("draft", "in review", "current", "superseded")
_CYCLE_LETTER = {"predictive": _P, "agile": _A, "hybrid": _H}
_FINDINGS = ["project", "id", "doc_type", "version", "check", "severity", "problem"]


def _status_date(value):
    try:
        date = pd.Timestamp(value)
    except (TypeError, ValueError):
        date = pd.NaT
    if pd.isna(date):
        raise DocumentError(f"status_date {value!r} is not a date; give one such as '2026-09-25'.")
    return date.normalize()


def _read_register(register):
    require_columns(register, _REGISTER_COLUMNS, "The document register (see data.load_documents())",
                    DocumentError)
    frame = register[_REGISTER_COLUMNS].copy().reset_index(drop=True)
    for column in ("id", "project", "doc_type", "title", "version", "status", "owner", "location"):
        frame[column] = frame[column].fillna("").astype(str).str.strip()
    bad = frame.index[~frame["status"].isin(_STATUSES)]
    if len(bad):
        row = int(bad[0])
        raise DocumentError(f"Document register, row {row + 2} ({frame.at[row, 'id']}): status "
                            f"{frame.at[row, 'status']!r} is not valid; valid: " + ", ".join(_STATUSES)
                            + ".")
    empty = frame.index[frame["id"] == ""]
    if len(empty):
        raise DocumentError(f"Document register, row {int(empty[0]) + 2}: the document has no id; "
                            "valid: a reference such as ERP-DOC-01, shared by all its versions.")
    frame["last_review"] = pd.to_datetime(frame["last_review"], errors="coerce")
    return frame


def _read_types(types):
    types = DOCUMENT_TYPES if types is None else types
    require_columns(types, ["doc_type", "name", "gate", "criterion", "life_cycles", "review_days"],
                    "The documentation policy (see DOCUMENT_TYPES)", DocumentError)
    return types.reset_index(drop=True)


def check_register(register, status_date, types=None, repository=REPOSITORY):
    """The PMO's checks of a document register, one finding per problem.

    Args:
        register: the register (``data.load_documents()``, or a table with its columns).
        status_date: the date of the check; a review is overdue when more **calendar days** than
            the type's ``review_days`` have passed since ``last_review``.
        types: the documentation policy (default :data:`DOCUMENT_TYPES`).
        repository: where documents must be filed (default ``"project site"``).

    Returns:
        A DataFrame ``project, id, doc_type, version, check, severity, problem``, errors first:
        ``unknown type`` (error), ``two current versions`` (error, once per document), ``no owner``
        (error), ``outside the repository``, ``never reviewed`` and ``review overdue`` (warnings).
        Superseded versions are history and are not checked. Empty when all is in order.

    >>> import pandas as pd
    >>> register = pd.DataFrame({
    ...     "id": ["X-DOC-01", "X-DOC-02"], "project": "X", "doc_type": ["plan", "lessons log"],
    ...     "title": ["Plan", "Lessons log"], "version": ["2.0", "0.1"], "status": "current",
    ...     "owner": ["Ana", ""], "location": ["project site", "e-mail"],
    ...     "last_review": pd.to_datetime(["2026-01-05", "2026-03-01"])})
    >>> check_register(register, "2026-03-02")[["id", "check"]].values.tolist()
    [['X-DOC-02', 'no owner'], ['X-DOC-02', 'outside the repository'], ['X-DOC-01', 'review overdue']]
    """
    date = _status_date(status_date)
    frame = _read_register(register)
    policy = _read_types(types).set_index("doc_type")
    live = frame[frame["status"] != "superseded"]
    findings = []

    def add(row, check, severity, problem):
        findings.append((row["project"], row["id"], row["doc_type"], row["version"], check, severity,
                         problem))

    for _, row in live.iterrows():
        if row["doc_type"] not in policy.index:
            add(row, "unknown type", "error", f"{row['id']}: {row['doc_type']!r} is not a document "
                "type of the policy; valid: " + ", ".join(policy.index) + ".")
    current = live[live["status"] == "current"]
    for doc, versions in current.groupby("id", sort=False):
        if len(versions) > 1:
            where = "; ".join(f"version {v} on {loc}" for v, loc in
                              zip(versions["version"], versions["location"]))
            add(versions.iloc[-1], "two current versions", "error",
                f"{doc} ({versions.iloc[0]['title']}) has {len(versions)} versions marked current: "
                f"{where}. Keep one as current and mark the others superseded.")
    for _, row in current.iterrows():
        if not row["owner"]:
            add(row, "no owner", "error", f"{row['id']} ({row['title']}) has no owner: nobody keeps "
                "it up to date. Name one person.")
    for _, row in current.iterrows():
        if row["location"] != repository:
            add(row, "outside the repository", "warning",
                f"{row['id']} version {row['version']} is filed on {row['location'] or 'no location'}, "
                f"not on the {repository}: file the version in force where everyone looks for it.")
    for _, row in current.iterrows():
        if row["doc_type"] not in policy.index:
            continue
        cycle = policy.at[row["doc_type"], "review_days"]
        if pd.isna(cycle):
            continue
        if pd.isna(row["last_review"]):
            add(row, "never reviewed", "warning", f"{row['id']} ({row['title']}) has no review date; "
                f"it is to be reviewed every {int(cycle)} days.")
            continue
        age = (date - row["last_review"].normalize()).days
        if age > cycle:
            add(row, "review overdue", "warning",
                f"{row['id']} ({row['title']}) was last reviewed on {row['last_review']:%d %b %Y}, "
                f"{age} days ago; it is to be reviewed every {int(cycle)} days.")
    out = pd.DataFrame(findings, columns=_FINDINGS)
    out["_rank"] = out["severity"].map({"error": 0, "warning": 1})
    return out.sort_values("_rank", kind="stable").drop(columns="_rank").reset_index(drop=True)


def _gates_of(life_cycle):
    if life_cycle not in _CYCLE_LETTER:
        raise DocumentError(f"Unknown life cycle {life_cycle!r}; valid ones are "
                            f"{', '.join(_CYCLE_LETTER)}.")
    rows = LIFE_CYCLES[LIFE_CYCLES["life_cycle"] == life_cycle].sort_values("order")
    return rows["gate_after"].tolist()


def required_documents(life_cycle, gate, types=None, gates=None):
    """The documents a project needs at ``gate``: those of that gate and of every gate before it.

    A document of an earlier gate is still needed later (the charter does not stop being needed
    after G1). ``mandatory`` comes from the gate criterion the document evidences (``gates``,
    default ``stage_gates(life_cycle)``: tailor the gates and the documents follow); a document
    that evidences no criterion is mandatory.

    Returns a DataFrame ``doc_type, name, required_at, criterion, mandatory``, in gate order.

    >>> needed = required_documents("agile", "G1")
    >>> needed["doc_type"].tolist()  # doctest: +NORMALIZE_WHITESPACE
    ['business case', 'charter', 'backlog', 'RACI', 'risk register', 'communication plan',
     'lessons log', 'status report', 'definition of done']
    >>> bool(required_documents("predictive", "G2").set_index("doc_type").at["test strategy", "mandatory"])
    False
    """
    order = _gates_of(life_cycle)
    if gate not in order:
        raise DocumentError(f"{gate!r} is not a gate of the {life_cycle} life cycle; its gates are "
                            f"{', '.join(order)}.")
    policy = _read_types(types)
    gates = stage_gates(life_cycle) if gates is None else gates
    require_columns(gates, ["gate", "criterion", "mandatory"], "The gates table (see stage_gates())",
                    DocumentError)
    letter = _CYCLE_LETTER[life_cycle]
    upto = order[: order.index(gate) + 1]
    mandatory_of = dict(zip(gates["criterion"], gates["mandatory"].astype(bool)))
    rows = []
    for _, kind in policy.iterrows():
        if letter not in kind["life_cycles"] or kind["gate"] not in upto:
            continue
        criterion = kind["criterion"] or ""
        if criterion and criterion not in mandatory_of:
            continue  # the gates were tailored and this criterion dropped: nothing asks for it
        mandatory = mandatory_of[criterion] if criterion else True
        rows.append((kind["doc_type"], kind["name"], kind["gate"], criterion, bool(mandatory)))
    out = pd.DataFrame(rows, columns=["doc_type", "name", "required_at", "criterion", "mandatory"])
    out["_order"] = out["required_at"].map(order.index)
    return out.sort_values("_order", kind="stable").drop(columns="_order").reset_index(drop=True)


def _document_state(versions, review_days, date, repository, at_next_gate):
    """(state, note) of one document from its versions that are not superseded."""
    if versions.empty:
        return "missing", "no version on the register"
    current = versions[versions["status"] == "current"]
    if len(current) > 1:
        return "two current versions", "versions " + " and ".join(
            f"{v} ({loc})" for v, loc in zip(current["version"], current["location"])) + " both current"
    if current.empty:
        if (versions["status"] == "in review").any():
            version = versions.loc[versions["status"] == "in review", "version"].iloc[-1]
            return "in review", (f"version {version} submitted for approval" if at_next_gate
                                 else f"version {version} still not approved")
        return "draft", f"version {versions['version'].iloc[-1]} is a draft"
    row = current.iloc[0]
    problems = []
    if not row["owner"]:
        problems.append(("no owner", "nobody owns it"))
    if row["location"] != repository:
        problems.append(("outside the repository", f"filed on {row['location'] or 'no location'}"))
    if not pd.isna(review_days):
        if pd.isna(row["last_review"]):
            problems.append(("review overdue", "never reviewed"))
        else:
            age = (date - row["last_review"].normalize()).days
            if age > review_days:
                problems.append(("review overdue", f"last reviewed {age} days ago "
                                 f"(every {int(review_days)})"))
    if not problems:
        return "in order", f"version {row['version']} current"
    return problems[0][0], "; ".join(note for _, note in problems)


def gate_documents(register, project, gate, life_cycle, status_date, types=None, gates=None,
                   repository=REPOSITORY):
    """The documents ``project`` needs at ``gate``, the state of each, and what blocks the gate.

    Args:
        register: the document register (all projects, or the project's own rows).
        project: the project id.
        gate: the gate ahead (``"G3"``); its documents are ``for`` the ``"next gate"``, those of the
            gates before it are ``for`` a ``"passed gate"``.
        life_cycle: ``"predictive"``, ``"agile"`` or ``"hybrid"``.
        status_date: the date of the check (for overdue reviews).
        types, gates, repository: the policy, the gates' criteria and where documents are filed,
            as in :func:`check_register` and :func:`required_documents`.

    Returns:
        One row per required document type: ``doc_type, name, required_at, for, criterion,
        mandatory, documents`` (the ids of the project's documents of that type), ``state`` (the
        worst of them, see the module's docstring), ``blocks`` (the gate cannot pass) and
        ``condition`` (the gate can pass with a condition), ``note``.

    >>> import pandas as pd
    >>> register = pd.DataFrame({
    ...     "id": ["X-DOC-01", "X-DOC-02"], "project": "X", "doc_type": ["charter", "risk register"],
    ...     "title": ["Charter", "Risks"], "version": ["1.0", "0.2"], "status": ["current", "draft"],
    ...     "owner": "Ana", "location": "project site", "last_review": pd.Timestamp("2026-03-02")})
    >>> check = gate_documents(register, "X", "G1", "agile", "2026-03-02")
    >>> check.set_index("doc_type").loc[["charter", "risk register", "RACI"], ["state", "blocks"]]
                     state  blocks
    doc_type
    charter       in order   False
    risk register    draft    True
    RACI           missing    True
    """
    date = _status_date(status_date)
    frame = _read_register(register)
    frame = frame[(frame["project"] == project) & (frame["status"] != "superseded")]
    needed = required_documents(life_cycle, gate, types=types, gates=gates)
    review_days = _read_types(types).set_index("doc_type")["review_days"]
    rank = {state: k for k, state in enumerate(STATES)}
    rows = []
    for _, need in needed.iterrows():
        at_next = need["required_at"] == gate
        docs = frame[frame["doc_type"] == need["doc_type"]]
        states = [(*_document_state(versions, review_days.get(need["doc_type"]), date, repository,
                                    at_next), doc)
                  for doc, versions in docs.groupby("id", sort=True)]
        if not states:
            states = [("missing", "no document of this type on the register", "")]
        state, note, doc = min(states, key=lambda s: rank[s[0]])
        if len(states) > 1:
            note = f"{doc}: {note}"
        blocking = state in BLOCKING_STATES or (state == "in review" and not at_next)
        blocks = bool(need["mandatory"]) and blocking
        fine = state == "in order" or (state == "in review" and at_next)
        rows.append((need["doc_type"], need["name"], need["required_at"],
                     "next gate" if at_next else "passed gate", need["criterion"],
                     bool(need["mandatory"]), ", ".join(d for _, _, d in states if d), state, blocks,
                     not blocks and not fine, note))
    return pd.DataFrame(rows, columns=["doc_type", "name", "required_at", "for", "criterion",
                                       "mandatory", "documents", "state", "blocks", "condition",
                                       "note"])


def gate_readiness(check):
    """The gate's decision as far as its documents go: ``"no go"``, ``"go with conditions"``, ``"go"``.

    ``check`` is a table from :func:`gate_documents`. A blocking document makes it "no go"; only
    conditions make it "go with conditions" (lesson 5's rule for criteria that are not mandatory).
    The documents are one part of a gate: the other criteria (a team committed, tests passed)
    are judged on their own evidence, with :func:`pmo_lessons.methodology.gate_review`.

    >>> import pandas as pd
    >>> gate_readiness(pd.DataFrame({"blocks": [False, False], "condition": [True, False]}))
    'go with conditions'
    """
    require_columns(check, ["blocks", "condition"], "The gate check (see gate_documents())",
                    DocumentError)
    if check["blocks"].astype(bool).any():
        return "no go"
    if check["condition"].astype(bool).any():
        return "go with conditions"
    return "go"


def criteria_met(check, gate=None):
    """The gate criteria the documents evidence, for :func:`pmo_lessons.methodology.gate_review`.

    A criterion is met when its document is not in a blocking state (a document in review counts
    for the gate that approves it). ``gate`` keeps the criteria of one gate (default: the gate the
    check was made for, its ``"next gate"`` rows). Returns the criterion texts.

    >>> import pandas as pd
    >>> check = pd.DataFrame({"required_at": ["G1", "G1"], "for": "next gate",
    ...     "criterion": ["Charter signed by the sponsor", "Risk register opened with owners"],
    ...     "state": ["in order", "draft"]})
    >>> criteria_met(check)
    ['Charter signed by the sponsor']
    """
    require_columns(check, ["required_at", "for", "criterion", "state"],
                    "The gate check (see gate_documents())", DocumentError)
    rows = check[check["for"] == "next gate"] if gate is None else check[check["required_at"] == gate]
    ok = ~rows["state"].isin(BLOCKING_STATES) & ~((rows["state"] == "in review")
                                                   & (rows["for"] != "next gate"))
    return [c for c in rows.loc[ok, "criterion"] if c]


def completeness(register, next_gates, status_date, types=None, repository=REPOSITORY):
    """The per-project view: each project's documents against its next gate.

    ``next_gates`` has one row per project (``data.load_next_gates()``: ``project, life_cycle,
    gate``). For each project, the document types required up to and including its next gate
    (:func:`gate_documents`), counted by what they mean for the gate:

    * ``in_order``: in order, or in review for the gate ahead;
    * ``conditions``: a finding that does not block (review overdue, filed outside the project
      site, an optional document missing ...);
    * ``gaps``: blocking documents of a gate **already passed**: a gap today;
    * ``to_do``: blocking documents of the **next** gate: work to finish before it.

    Returns a DataFrame indexed by project: ``life_cycle, gate, required, in_order, conditions,
    gaps, to_do, completeness`` (in order over required), ``decision`` (:func:`gate_readiness`,
    as the documents stand today) and ``blocking_documents`` (the types that block).

    >>> import pandas as pd
    >>> register = pd.DataFrame({
    ...     "id": ["X-DOC-01"], "project": "X", "doc_type": ["charter"], "title": ["Charter"],
    ...     "version": ["1.0"], "status": ["current"], "owner": ["Ana"], "location": "project site",
    ...     "last_review": pd.to_datetime(["2026-03-02"])})
    >>> gates = pd.DataFrame({"project": ["X"], "life_cycle": ["agile"], "gate": ["G1"]})
    >>> completeness(register, gates, "2026-03-02").loc["X", ["required", "in_order", "to_do"]].tolist()
    [9, 1, 8]
    """
    require_columns(next_gates, ["project", "life_cycle", "gate"],
                    "The next gates (see data.load_next_gates())", DocumentError)
    rows = []
    for _, row in next_gates.iterrows():
        check = gate_documents(register, row["project"], row["gate"], row["life_cycle"], status_date,
                               types=types, repository=repository)
        passed = check["for"] == "passed gate"
        fine = int((~check["blocks"] & ~check["condition"]).sum())
        rows.append((row["project"], row["life_cycle"], row["gate"], len(check), fine,
                     int(check["condition"].sum()), int((check["blocks"] & passed).sum()),
                     int((check["blocks"] & ~passed).sum()),
                     fine / len(check) if len(check) else 1.0, gate_readiness(check),
                     ", ".join(check.loc[check["blocks"], "doc_type"])))
    return pd.DataFrame(rows, columns=["project", "life_cycle", "gate", "required", "in_order",
                                       "conditions", "gaps", "to_do", "completeness", "decision",
                                       "blocking_documents"]).set_index("project")
