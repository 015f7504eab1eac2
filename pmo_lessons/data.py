"""Load and validate the datasets of Meridian Home Goods, the course's fictional company.

Each table of ``datasets/`` (see ``datasets/README.md``, the data dictionary)
loads as a pandas DataFrame with proper dtypes, and is validated on the way:
ids and text as ``str`` (an empty text cell is ``""``, never NaN), whole
numbers as ``int64``, money and other amounts as ``float64``, dates as
``datetime64``, flags as ``bool``.

A table that breaks the data dictionary raises
:class:`pmo_lessons.errors.DatasetError` (a ``ValueError``) whose message names
the file, the row, the column and what would be valid. **Rows are numbered as
in a spreadsheet**: the header is row 1, so the first data row is row 2 (for a
DataFrame, row = position + 2, whatever its index).

The rules live in two small declarative tables, :data:`SCHEMAS` (column ->
:class:`Column`) and :data:`TABLE_RULES` (rules across rows or columns), and
:func:`validate` applies them to any DataFrame, so a trainee can check a table
of their own before handing it to the other modules:

>>> import pandas as pd
>>> mine = pd.DataFrame({"id": ["R1"], "name": ["Tester"], "department": ["QA"],
...                      "capacity": ["2"], "day_rate_eur": ["480"]})
>>> validate("resources", mine).dtypes["capacity"]
dtype('int64')
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from pmo_lessons.errors import DatasetError

__all__ = [
    "DATASETS",
    "SCHEMAS",
    "TABLE_RULES",
    "Column",
    "dataset_path",
    "load_assignments",
    "load_holidays",
    "load_milestones",
    "load_okrs",
    "load_project_scores",
    "load_projects",
    "load_resources",
    "load_risks",
    "load_status",
    "load_tasks",
    "validate",
    "load_work_items",
    "load_sprints",
    "load_defects",
    "load_deliverables",
    "load_acceptance_criteria",
    "load_quality_costs",
    "load_health_checks",
    "load_purchase_orders",
    "load_budget_changes",
    "load_annual_budget",
    "load_portfolio_envelope",
    # the PMO itself (lesson 12)
    "load_pmo_charter",
    "load_pmo_services",
    "load_pmo_kpis",
    "load_maturity_assessments",
    "load_benefits",
    "load_benefit_profiles",
    "load_dependencies",
    "DOCUMENT_TYPE_IDS",
    "load_documents",
    "load_next_gates",
    "load_lessons_learned",
    "load_skills",
    "load_people",
    "load_person_skills",
    "load_absences",
    "load_role_skills",
    "load_role_demand",
    "load_candidate_roles",
    "load_courses",
    "load_training_evaluations",
    "load_risk_responses",
]

#: The bundled tables, in the order the data dictionary presents them.
DATASETS = (
    "projects",
    "tasks",
    "resources",
    "assignments",
    "status_weekly",
    "holidays",
    "risks",
    "project_scores",
    "okrs",
    "milestones",
    "work_items",
    "sprints",
    "defects",
    "deliverables",
    "acceptance_criteria",
    "quality_costs",
    "health_checks",
    "purchase_orders",
    "budget_changes",
    "annual_budget",
    "portfolio_envelope",
    # the PMO itself (lesson 12)
    "pmo_charter",
    "pmo_services",
    "pmo_kpis",
    "maturity_assessments",
    "benefits",
    "benefit_profiles",
    "dependencies",
    "documents",
    "next_gates",
    "lessons_learned",
    "skills",
    "people",
    "person_skills",
    "absences",
    "role_skills",
    "role_demand",
    "candidate_roles",
    "courses",
    "training_evaluations",
    "risk_responses",
)

_MAX_REPORTED = 5  # problems listed in one error message

# --------------------------------------------------------------------------
# The rules, as data
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    """The rule for one column of a dataset.

    Args:
        kind: ``"text"`` (str), ``"int"`` (int64), ``"number"`` (float64),
            ``"date"`` (ISO ``YYYY-MM-DD``, datetime64), ``"bool"``
            (true/false), ``"list"`` (comma-separated ids, str).
        required: an empty cell is an error (``"list"`` and optional text may be empty).
            An optional ``"int"`` column loads as pandas' nullable ``Int64`` (an empty
            cell is ``<NA>``), an optional ``"date"`` column with ``NaT``.
        minimum, maximum: bounds of a number, both included.
        choices: the allowed values of a text column.
        unique: no two rows may hold the same value.
        pattern: a regular expression a text value must match in full.
        ref: ``"table.column"``, a foreign key checked when that table is
            given to :func:`validate` (the loaders always give it).
        hint: what a valid value looks like, for the error message.
        optional: the column may be left out of a table (a plan without contingency, a
            portfolio without mandatory projects); when it is there, it is checked.

    >>> Column("int", minimum=1, maximum=5).kind
    'int'
    """

    kind: str = "text"
    required: bool = True
    minimum: float | None = None
    maximum: float | None = None
    choices: tuple = ()
    unique: bool = False
    pattern: str | None = None
    ref: str | None = None
    hint: str = ""
    optional: bool = False


_ID = r"[A-Za-z0-9][A-Za-z0-9_.\-]*"  # no spaces, no commas
_MONEY = Column("number", minimum=0, hint="an amount in EUR >= 0")
_MONTH = r"\d{4}-(0[1-9]|1[0-2])"  # a calendar month, YYYY-MM


#: The kinds of project document of a register (``documents.csv``); what each is, the gate that
#: needs it and how often it is reviewed are in :data:`pmo_lessons.documents.DOCUMENT_TYPES`.
DOCUMENT_TYPE_IDS = (
    "business case", "charter", "plan", "backlog", "RACI", "risk register", "communication plan",
    "lessons log", "status report", "definition of done", "requirements", "test strategy",
    "test report", "training plan", "cut-over plan", "support model", "go-live decision",
    "hypercare report", "acceptance certificate", "end project report", "lessons report",
    "benefits review plan",
)

#: The phases a lesson of ``lessons_learned.csv`` is logged in.
LESSON_PHASES = ("initiation", "design", "procurement", "build", "testing", "deployment",
                 "hypercare", "closure")


def _score(hint="an integer from 1 to 5"):
    return Column("int", minimum=1, maximum=5, hint=hint)


_PERCENT_OR_EMPTY = Column("number", required=False, minimum=0, maximum=100,
                           hint="a percentage 0-100, or empty when not measured")


#: Column rules of every dataset: {table: {column: Column}}.
SCHEMAS: dict[str, dict[str, Column]] = {
    "projects": {
        "id": Column(unique=True, pattern=_ID, hint="a short code such as ERP"),
        "name": Column(),
        "kind": Column(),
        "sponsor": Column(),
        "manager": Column(),
        "start_date": Column("date"),
        "budget_eur": _MONEY,
        "reserve_eur": _MONEY,
        "priority": Column("int", minimum=1, maximum=1000,
                           hint="an integer from 1 to 1000 (higher goes first)"),
        "strategic_objective": Column(ref="okrs.objective_id"),
        "status": Column(choices=("proposed", "in progress", "on hold", "closing", "closed")),
        "description": Column(required=False),
        "mandatory": Column("bool", optional=True),
    },
    "tasks": {
        "id": Column(unique=True, pattern=_ID, hint="an id without spaces or commas, e.g. ERP-01"),
        "project": Column(ref="projects.id"),
        "wbs": Column(pattern=r"\d+(\.\d+)*", hint="a WBS code such as 1.2.3"),
        "name": Column(),
        "duration": Column("int", minimum=0, hint="whole working days >= 0"),
        "optimistic": Column("int", minimum=0, hint="whole working days >= 0"),
        "most_likely": Column("int", minimum=0, hint="whole working days >= 0"),
        "pessimistic": Column("int", minimum=0, hint="whole working days >= 0"),
        "predecessors": Column(required=False),
        "milestone": Column("bool"),
        "cost_eur": _MONEY,
        "contingency_eur": Column("number", minimum=0, optional=True,
                                  hint="an amount in EUR >= 0, part of cost_eur"),
    },
    "resources": {
        "id": Column(unique=True, pattern=_ID, hint="a short code such as BA"),
        "name": Column(),
        "department": Column(),
        "capacity": Column("int", minimum=1, hint="a whole number of people >= 1"),
        "day_rate_eur": _MONEY,
    },
    "assignments": {
        "task_id": Column(ref="tasks.id"),
        "resource": Column(ref="resources.id"),
        "units": Column("number", minimum=0, hint="people per working day, > 0"),
    },
    "status_weekly": {
        "project": Column(ref="projects.id"),
        "week": Column("int", minimum=1, hint="the week number, 1 = the project's first week"),
        "status_date": Column("date"),
        "pv_eur": _MONEY,
        "ev_eur": _MONEY,
        "ac_eur": _MONEY,
        "percent_complete": Column("number", minimum=0, maximum=100, hint="a percentage 0-100"),
    },
    "holidays": {
        "date": Column("date", unique=True),
        "name": Column(),
    },
    "risks": {
        "id": Column(unique=True, pattern=_ID, hint="an id such as R-001"),
        "project": Column(ref="projects.id"),
        "title": Column(),
        "cause": Column(required=False),
        "effect": Column(required=False),
        "category": Column(choices=("technical", "resource", "supplier", "organisational",
                                    "external", "financial", "legal")),
        "owner": Column(),
        "probability": _score(),
        "impact": _score(),
        "probability_pct": Column("int", minimum=0, maximum=100, hint="a whole percentage 0-100"),
        "cost_impact_eur": Column("number",
                                  hint="EUR, negative for a threat, positive for an opportunity"),
        "schedule_impact_days": Column("int", hint="whole working days (negative = gain)"),
        "task_id": Column(required=False, ref="tasks.id"),
        "response": Column(choices=("avoid", "mitigate", "transfer", "accept", "escalate",
                                    "exploit", "enhance", "share")),
        "response_action": Column(required=False),
        "status": Column(choices=("open", "closed", "occurred")),
        "date_raised": Column("date"),
    },
    "project_scores": {
        "id": Column(unique=True, pattern=_ID, hint="a project id such as ERP or P-PIM"),
        "name": Column(),
        "status": Column(choices=("active", "proposed")),
        "strategic_fit": _score(),
        "financial_value": _score(),
        "risk": _score("an integer from 1 to 5 (5 = riskiest)"),
        "urgency": _score(),
        "capability": _score(),
        "npv_eur": Column("number", hint="EUR, may be negative"),
        "cost_eur": _MONEY,
        "duration_months": Column("int", minimum=1, hint="whole months >= 1"),
    },
    "okrs": {
        "objective_id": Column(pattern=_ID, hint="an id such as O1"),
        "objective": Column(),
        "key_result_id": Column(unique=True, pattern=_ID, hint="an id such as KR1.1"),
        "key_result": Column(),
        "unit": Column(),
        "baseline": Column("number"),
        "target": Column("number"),
        "current": Column("number"),
        "projects": Column("list", required=False, ref="projects.id"),
    },
    "milestones": {
        "task_id": Column(unique=True, ref="tasks.id"),
        "project": Column(ref="projects.id"),
        "forecast_date": Column("date", required=False),
        "accepted_date": Column("date", required=False),
        "accepted_by": Column(required=False),
    },
    "work_items": {
        "id": Column(unique=True, pattern=_ID, hint="an id such as ECO-101"),
        "project": Column(ref="projects.id"),
        "task_id": Column(ref="tasks.id"),
        "type": Column(choices=("story", "bug", "enabler")),
        "title": Column(),
        "story_points": Column("int", required=False, minimum=0,
                               hint="whole points >= 0, or empty when the team does not estimate"),
        "created": Column("date"),
        "started": Column("date", required=False),
        "done": Column("date", required=False),
        "sprint": Column("int", required=False, minimum=1,
                         hint="a sprint number of sprints.csv, or empty"),
    },
    "sprints": {
        "project": Column(ref="projects.id"),
        "sprint": Column("int", minimum=1, hint="the sprint number, 1 = the first sprint"),
        "start_date": Column("date"),
        "end_date": Column("date"),
        "sprint_goal": Column(),
        "planned_points": Column("int", minimum=0, hint="whole points >= 0"),
        "done_points": Column("int", minimum=0, hint="whole points >= 0"),
        "capacity_days": Column("number", minimum=0, hint="person-days >= 0"),
        "cost_eur": _MONEY,
    },
    "defects": {
        "id": Column(unique=True, pattern=_ID, hint="an id such as ERP-D001"),
        "project": Column(ref="projects.id"),
        "week": Column("int", minimum=1, hint="the project week it was found, as in "
                                               "status_weekly (1 = the project's first week)"),
        "date_found": Column("date"),
        "phase_found": Column(choices=("review", "build", "system test", "acceptance", "pilot",
                                       "production")),
        "severity": Column("int", minimum=1, maximum=4,
                           hint="1 critical, 2 major, 3 minor or 4 cosmetic"),
        "category": Column(),
        "deliverable": Column(required=False, ref="deliverables.id"),
        "status": Column(choices=("open", "closed")),
        "date_closed": Column("date", required=False),
    },
    "deliverables": {
        "id": Column(unique=True, pattern=_ID, hint="an id such as ERP-FIN"),
        "project": Column(ref="projects.id"),
        "task_id": Column(ref="tasks.id"),
        "name": Column(),
        "size": Column("number", minimum=0, hint="a size > 0, in size_unit"),
        "size_unit": Column(),
        "test_cases": Column("int", minimum=0, hint="a whole number of test cases >= 0"),
        "executed": Column("int", minimum=0, hint="a whole number of test cases >= 0"),
        "passed_first_run": Column("int", minimum=0, hint="a whole number of test cases >= 0"),
        "status": Column(choices=("in build", "in test", "accepted", "accepted with reservations",
                                  "rejected")),
    },
    "acceptance_criteria": {
        "deliverable": Column(ref="deliverables.id"),
        "criterion_id": Column(pattern=_ID, hint="an id such as AC-1"),
        "criterion": Column(),
        "mandatory": Column("bool"),
        "result": Column(choices=("met", "not met", "not assessed")),
        "evidence": Column(required=False),
    },
    "quality_costs": {
        "project": Column(ref="projects.id"),
        "id": Column(unique=True, pattern=_ID, hint="an id such as QC-01"),
        "description": Column(),
        "category": Column(choices=("prevention", "appraisal", "internal failure",
                                    "external failure")),
        "amount_eur": _MONEY,
        "task_id": Column(required=False, ref="tasks.id"),
    },
    "health_checks": {
        "project": Column(ref="projects.id"),
        "question_id": Column(pattern=r"(GOV|PLN|RSK|QLT|STK|BEN)-\d+",
                              hint="a question of the checklist, such as GOV-1 or QLT-3"),
        "answer": Column(choices=("yes", "partly", "no")),
        "note": Column(required=False),
    },
    "purchase_orders": {
        "id": Column(unique=True, pattern=_ID, hint="an id such as PO-1001"),
        "project": Column(ref="projects.id"),
        "task_id": Column(ref="tasks.id", hint="the task (budget line) the order is charged to"),
        "supplier": Column(),
        "description": Column(required=False),
        "ordered_on": Column("date"),
        "amount_eur": _MONEY,
        "invoiced_eur": _MONEY,
        "status": Column(choices=("open", "closed")),
        "budget_eur": Column("number", minimum=0, hint="an amount in EUR >= 0 (0 for an order "
                                                       "the plan did not foresee)"),
    },
    "budget_changes": {
        "id": Column(unique=True, pattern=_ID, hint="an id such as CR-01"),
        "project": Column(ref="projects.id"),
        "raised_on": Column("date"),
        "title": Column(),
        "kind": Column(choices=("contingency", "management reserve", "new funding", "descope",
                                "deferral")),
        "amount_eur": Column("number", minimum=0, hint="an amount in EUR >= 0 (the kind gives "
                                                        "the direction)"),
        "amount_2026_eur": Column("number", hint="EUR, the change to the 2026 spending "
                                                 "(negative: less spent in 2026)"),
        "task_id": Column(required=False, ref="tasks.id"),
        "status": Column(choices=("pending", "approved", "rejected")),
        "decided_by": Column(required=False, choices=("project manager", "sponsor",
                                                      "portfolio board")),
        "decided_on": Column("date", required=False),
    },
    "annual_budget": {
        "year": Column("int", minimum=2000, maximum=2100, hint="a year such as 2026"),
        "project": Column(ref="projects.id"),
        "budget_eur": _MONEY,
    },
    "portfolio_envelope": {
        "year": Column("int", unique=True, minimum=2000, maximum=2100, hint="a year such as 2026"),
        "envelope_eur": _MONEY,
        "reserve_eur": _MONEY,
        "approved_by": Column(),
        "approved_on": Column("date"),
    },
    # --- the PMO itself (lesson 12) ---
    "pmo_charter": {
        "section": Column(unique=True, hint="a section of the charter, such as mission"),
        "text": Column(),
    },
    "pmo_services": {
        "id": Column(unique=True, pattern=_ID, hint="a service id such as S01"),
        "service": Column(),
        "role": Column(choices=("organisational", "relational", "methodological", "analytical",
                                "coaching")),
        "customers": Column(hint="whom the service serves, comma separated"),
        "authority": Column(choices=("support", "control", "direct")),
        "service_level": Column(required=False),
        "perspective": Column(required=False, choices=(
            "Governance", "Planning and control", "Risk", "Benefits",
            "Stakeholders and communication", "Resources")),
        "fte": Column("number", minimum=0, hint="full-time equivalents of PMO staff, >= 0"),
        "status": Column(choices=("running", "pilot", "planned", "retired")),
    },
    "pmo_kpis": {
        "quarter": Column(unique=True, pattern=r"\d{4}-Q[1-4]", hint="a quarter such as 2026-Q3"),
        "as_of": Column("date"),
        "projects_active": Column("int", minimum=0, hint="a whole number of projects >= 0"),
        "on_schedule_pct": _PERCENT_OR_EMPTY,
        "on_budget_pct": _PERCENT_OR_EMPTY,
        "benefits_realised_pct": Column("number", required=False,
                                        hint="a percentage, or empty when not measured"),
        "adoption_pct": _PERCENT_OR_EMPTY,
        "maturity_level": Column("number", required=False, minimum=1, maximum=5,
                                 hint="a mean level from 1 to 5, or empty"),
        "satisfaction": Column("number", required=False, minimum=1, maximum=5,
                               hint="a score from 1 to 5, or empty"),
        "reports_issued": Column("int", minimum=0, hint="a whole number >= 0"),
        "templates_published": Column("int", minimum=0, hint="a whole number >= 0"),
        "people_trained": Column("int", minimum=0, hint="a whole number >= 0"),
    },
    "maturity_assessments": {
        "assessment_date": Column("date"),
        "question": Column(pattern=r"(GOV|PLC|RSK|BEN|STK|RES)-[2-5][ab]",
                           hint="a question id such as GOV-3a"),
        "answer": Column(choices=("yes", "partly", "no")),
    },
    "benefits": {
        "id": Column(unique=True, pattern=_ID, hint="a benefit id such as B-01"),
        "project": Column(ref="projects.id"),
        "benefit": Column(),
        "kind": Column(choices=("benefit", "dis-benefit")),
        "category": Column(choices=("cashable", "non-cashable", "non-financial")),
        "objective": Column(ref="okrs.objective_id"),
        "key_result": Column(required=False, ref="okrs.key_result_id"),
        "owner": Column(),
        "measure": Column(),
        "unit": Column(),
        "baseline": Column("number"),
        "target": Column("number"),
        "target_date": Column("date"),
        "annual_value_eur": Column("number", hint="EUR a year, negative for a dis-benefit"),
        "start_date": Column("date"),
        "ramp_months": Column("int", minimum=0, hint="whole months >= 0"),
    },
    "benefit_profiles": {
        "benefit": Column(ref="benefits.id"),
        "month": Column("date"),
        "planned_eur": Column("number", hint="EUR planned that month (negative for a dis-benefit)"),
        "realised_eur": Column("number", required=False,
                               hint="EUR realised that month, or empty when not measured"),
    },
    "dependencies": {
        "id": Column(unique=True, pattern=_ID, hint="a dependency id such as D-01"),
        "deliverable": Column(),
        "from_project": Column(ref="projects.id"),
        "from_task": Column(ref="tasks.id"),
        "to_project": Column(ref="projects.id"),
        "to_task": Column(ref="tasks.id"),
        "type": Column(choices=("FS", "SS", "FF", "SF")),
        "lag": Column("int", hint="whole working days (negative = lead)"),
    },
    "documents": {
        "id": Column(pattern=r"[A-Za-z0-9]+-DOC-\d+",
                     hint="a document reference <PROJECT>-DOC-<nn>, such as ERP-DOC-01"),
        "project": Column(ref="projects.id"),
        "doc_type": Column(choices=DOCUMENT_TYPE_IDS),
        "title": Column(),
        "version": Column(pattern=r"[0-9][0-9.]*", hint="a version number such as 1.0, 2.1 or 27"),
        "status": Column(choices=("draft", "in review", "current", "superseded")),
        "owner": Column(required=False),
        "location": Column(),
        "last_review": Column("date", required=False),
    },
    "next_gates": {
        "project": Column(unique=True, ref="projects.id"),
        "life_cycle": Column(choices=("predictive", "agile", "hybrid")),
        "gate": Column(choices=("G0", "G1", "G2", "G3", "G4", "G5")),
        "gate_date": Column("date", required=False),
        "milestone": Column(required=False, ref="tasks.id"),
    },
    "lessons_learned": {
        "id": Column(unique=True, pattern=r"LL-\d{3}", hint="an id such as LL-001"),
        "project": Column(pattern=_ID, hint="a project code such as CRM or P23-EDI"),
        "project_name": Column(),
        "phase": Column(choices=LESSON_PHASES),
        "kind": Column(choices=("went well", "went badly")),
        "date_logged": Column("date"),
        "logged_by": Column(),
        "what_happened": Column(),
        "why": Column(required=False),
        "recommendation": Column(required=False),
        "tags": Column(hint="comma-separated tags, such as 'interfaces, testing'"),
        "action_taken": Column(required=False),
    },
    "skills": {
        "id": Column(unique=True, pattern=_ID, hint="a short code such as PDATA"),
        "name": Column(),
        "kind": Column(choices=("method", "business", "technical", "people")),
        "roles": Column("list", required=False, ref="resources.id"),
        "description": Column(required=False),
    },
    "people": {
        "id": Column(unique=True, pattern=_ID, hint="an id such as P01"),
        "name": Column(unique=True),
        "role": Column(ref="resources.id"),
        "fte": Column("number", minimum=0.1, maximum=1,
                      hint="the share of a full-time contract, from 0.1 to 1"),
        "bau_share": Column("number", minimum=0, maximum=1,
                            hint="the share of their time kept for business as usual, 0 to 1"),
    },
    "person_skills": {
        "person": Column(ref="people.id"),
        "skill": Column(ref="skills.id"),
        "level": Column("int", minimum=1, maximum=4,
                        hint="a level from 1 to 4 (a skill at 0 has no row)"),
    },
    "absences": {
        "person": Column(ref="people.id"),
        "start_date": Column("date"),
        "end_date": Column("date"),
        "kind": Column(choices=("leave", "sick leave", "parental leave", "training",
                                "left the company")),
    },
    "role_skills": {
        "project": Column(ref="projects.id"),
        "role": Column(ref="resources.id"),
        "skill": Column(ref="skills.id"),
        "level": Column("int", minimum=1, maximum=4, hint="the level needed, 1 to 4"),
        "share": Column("number", minimum=0, maximum=1,
                        hint="the share of the role's days on the project, more than 0, at most 1"),
    },
    "role_demand": {
        "project": Column(ref="projects.id"),
        "role": Column(ref="resources.id"),
        "month": Column(pattern=_MONTH, hint="a month written YYYY-MM, e.g. 2026-11"),
        "person_days": Column("number", minimum=0, hint="person-days >= 0"),
    },
    "candidate_roles": {
        "project": Column(ref="project_scores.id"),
        "role": Column(ref="resources.id"),
        "skill": Column(ref="skills.id"),
        "level": Column("int", minimum=1, maximum=4, hint="the level needed, 1 to 4"),
        "month": Column(pattern=_MONTH, hint="a month written YYYY-MM, e.g. 2026-11"),
        "fte": Column("number", minimum=0, hint="people of the role per working day, > 0"),
    },
    "courses": {
        "id": Column(unique=True, pattern=_ID, hint="an id such as C01"),
        "name": Column(),
        "provider": Column(),
        "format": Column(choices=("classroom", "virtual classroom", "workshop", "e-learning",
                                  "awareness", "coaching")),
        "skill": Column(required=False, ref="skills.id"),
        "to_level": Column("int", minimum=0, maximum=4,
                           hint="the level the course brings a participant to, 1 to 4 (0 with no skill)"),
        "days": Column("number", minimum=0, hint="days of attendance > 0"),
        "fee_eur": _MONEY,
        "seats": Column("int", minimum=1, hint="seats per session >= 1"),
        "sessions": Column("list", hint="comma-separated ISO dates, e.g. 2026-10-12, 2026-11-16"),
        "maturity_questions": Column("list", required=False),
    },
    "training_evaluations": {
        "course": Column(ref="courses.id"),
        "session_date": Column("date"),
        "participant": Column(),
        "reaction": Column("int", minimum=1, maximum=5, hint="the reaction score, 1 to 5"),
        "pre_test": Column("number", minimum=0, maximum=100, hint="a test score, 0 to 100"),
        "post_test": Column("number", minimum=0, maximum=100, hint="a test score, 0 to 100"),
        "applied_90_days": Column(choices=("yes", "partly", "no")),
    },
    "risk_responses": {
        "risk_id": Column(unique=True, ref="risks.id"),
        "trigger_task": Column(required=False, ref="tasks.id"),
        "cost_eur": _MONEY,
        "lead_weeks": Column("int", minimum=0, hint="whole weeks >= 0"),
        "probability_pct_after": Column("int", minimum=0, maximum=100,
                                        hint="a whole percentage 0-100"),
        "cost_impact_eur_after": Column("number",
                                        hint="EUR, negative for a threat, positive for an "
                                             "opportunity"),
        "schedule_impact_days_after": Column("int", hint="whole working days (negative = gain)"),
        "description": Column(),
    },
}

# Predecessor grammar: ID, ID TYPE or ID TYPE+-LAG (TYPE in FS SS FF SF, lag in working days)
_PREDECESSOR = re.compile(
    r"^(?P<id>[^\s,]+)(?:\s+(?P<type>FS|SS|FF|SF)(?:\s*(?P<lag>[+-]\s*\d+(?:\.\d+)?))?)?$",
    re.IGNORECASE,
)

# --------------------------------------------------------------------------
# Rules across rows and columns. Each takes (frame, references) and yields
# (position, column, message) for every problem it finds.
# --------------------------------------------------------------------------


def _ordered(*columns):
    def rule(frame, references):
        values = frame[list(columns)].to_numpy()
        for pos, row in enumerate(values):
            for (left, a), (right, b) in zip(zip(columns, row), zip(columns[1:], row[1:])):
                if a > b:
                    yield (pos, left, f"{a:g} is above {right} ({b:g}); valid: "
                           + " <= ".join(columns))
                    break
    rule.__doc__ = " <= ".join(columns)
    return rule


def _not_above(column, limit):
    def rule(frame, references):
        for pos in np.flatnonzero(frame[column].to_numpy() > frame[limit].to_numpy()):
            yield (pos, column, f"{frame[column].iloc[pos]:g} is above {limit} "
                   f"({frame[limit].iloc[pos]:g}); valid: {column} <= {limit}")
    rule.__doc__ = f"{column} <= {limit}"
    return rule


def _unique_together(*columns):
    def rule(frame, references):
        duplicated = frame.duplicated(list(columns), keep="first").to_numpy()
        for pos in np.flatnonzero(duplicated):
            key = ", ".join(f"{c}={frame[c].iloc[pos]}" for c in columns)
            yield (pos, columns[-1], f"{key} appears twice; valid: one row per "
                   + " and ".join(columns))
    rule.__doc__ = "one row per " + " and ".join(columns)
    return rule


def _cumulative(columns, by, order):
    def rule(frame, references):
        ranked = frame.reset_index(drop=True).sort_values([by, order], kind="stable")
        for column in columns:
            drops = ranked.groupby(by, sort=False)[column].diff() < 0
            for pos in ranked.index[drops.to_numpy()]:
                yield (pos, column, f"{frame[column].iloc[pos]:g} is below the previous "
                       f"{order}'s value for {by} {frame[by].iloc[pos]}; valid: a cumulative "
                       f"amount never decreases from one {order} to the next")
    rule.__doc__ = f"{', '.join(columns)} cumulative (never decrease) per {by}"
    return rule


def _milestones_take_no_time(frame, references):
    """a milestone has duration 0"""
    bad = frame["milestone"].to_numpy() & (frame["duration"].to_numpy() != 0)
    for pos in np.flatnonzero(bad):
        yield (pos, "duration", f"milestone with duration {frame['duration'].iloc[pos]}; "
               "valid: 0 for a milestone (or set milestone to false)")


def _parse_references(text):
    """[(id, type, lag)] of a predecessors cell, or raise ValueError(reference)."""
    links = []
    for reference in (part.strip() for part in text.split(",")):
        if not reference:
            continue
        match = _PREDECESSOR.match(reference)
        if not match:
            raise ValueError(reference)
        lag = float(match["lag"].replace(" ", "")) if match["lag"] else 0.0
        links.append((match["id"], (match["type"] or "FS").upper(), lag))
    return links


def _predecessors_are_known(frame, references):
    """predecessors follow the grammar and name tasks of the same project, without cycles"""
    project_of = dict(zip(frame["id"], frame["project"]))
    graph = {}
    for pos, (task, project, text) in enumerate(
            zip(frame["id"], frame["project"], frame["predecessors"])):
        try:
            links = _parse_references(text)
        except ValueError as bad:
            yield (pos, "predecessors", f"cannot read {str(bad)!r}; valid: comma-separated "
                   "references ID, ID TYPE or ID TYPE+LAG, TYPE in FS, SS, FF, SF, "
                   "e.g. 'ERP-03, ERP-04 SS+5, ERP-06 FF-2'")
            continue
        for pred, _, _ in links:
            if pred == task:
                yield (pos, "predecessors", f"{task} cannot be its own predecessor")
            elif pred not in project_of:
                yield (pos, "predecessors", f"{pred!r} is not a task id of this table")
            elif project_of[pred] != project:
                yield (pos, "predecessors", f"{pred!r} belongs to project {project_of[pred]}, "
                       f"not {project}; valid: tasks of the same project")
        graph[task] = [p for p, _, _ in links if p in project_of and p != task]
    # cycles (Kahn's algorithm: whatever cannot be ordered lies on or after a cycle)
    waiting = {task: len(preds) for task, preds in graph.items()}
    successors = {task: [] for task in graph}
    for task, preds in graph.items():
        for pred in preds:
            successors.setdefault(pred, []).append(task)
    ready = [task for task, n in waiting.items() if n == 0]
    while ready:
        for succ in successors.get(ready.pop(), []):
            waiting[succ] -= 1
            if waiting[succ] == 0:
                ready.append(succ)
    stuck = [task for task, n in waiting.items() if n > 0]
    if stuck:
        position = {task: pos for pos, task in enumerate(frame["id"])}
        first = min(stuck, key=position.get)
        yield (position[first], "predecessors", "the links form a cycle through "
               + ", ".join(sorted(stuck)[:8]) + "; valid: a network without loops")


def _within_capacity(frame, references):
    """0 < units <= the resource's capacity (capacity checked when resources are given)"""
    resources = references.get("resources")
    capacity = {} if resources is None else dict(zip(resources["id"], resources["capacity"]))
    for pos, (resource, units) in enumerate(zip(frame["resource"], frame["units"])):
        if units <= 0:
            yield (pos, "units", f"{units:g}; valid: people per working day > 0")
        elif resource in capacity and units > capacity[resource]:
            yield (pos, "units", f"{units:g} is above the capacity of {resource} "
                   f"({capacity[resource]}); valid: units <= capacity")


def _task_in_project(owner, valid):
    def rule(frame, references):
        if "tasks" not in references:
            return
        project_of = dict(zip(references["tasks"]["id"], references["tasks"]["project"]))
        for pos, (task, project) in enumerate(zip(frame["task_id"], frame["project"])):
            if task and task in project_of and project_of[task] != project:
                yield (pos, "task_id", f"{task} belongs to project {project_of[task]}, not "
                       f"{project}; valid: {valid}")
    rule.__doc__ = f"{owner}'s task belongs to {owner}'s project"
    return rule


_risk_task_in_project = _task_in_project("a risk", "a task of the risk's project, or empty")


def _dates_in_order(*columns, needs=None):
    """Rule: the dates of ``columns`` never go backwards (empty dates are skipped); with
    ``needs``, a date in a column needs the date of the column before it."""
    def rule(frame, references):
        values = [frame[c] for c in columns]
        for pos in range(len(frame)):
            previous = None
            for k, column in enumerate(columns):
                value = values[k].iloc[pos]
                if pd.isna(value):
                    continue
                if needs and k > 0 and pd.isna(values[k - 1].iloc[pos]):
                    yield (pos, column, f"{value:%Y-%m-%d} but no {columns[k - 1]} date; valid: "
                           f"an item is {columns[k - 1]} before it is {column}")
                    break
                if previous is not None and value < previous[1]:
                    yield (pos, column, f"{value:%Y-%m-%d} is before {previous[0]} "
                           f"({previous[1]:%Y-%m-%d}); valid: " + " <= ".join(columns))
                    break
                previous = (column, value)
    rule.__doc__ = " <= ".join(columns) + (" (each needs the one before)" if needs else "")
    return rule


def _sprints_follow_each_other(frame, references):
    """a project's sprints are numbered 1, 2, ... and none starts before the previous one ends"""
    ranked = frame.reset_index(drop=True).sort_values(["project", "sprint"], kind="stable")
    for project, group in ranked.groupby("project", sort=False):
        numbers = group["sprint"].tolist()
        if numbers != list(range(1, len(numbers) + 1)):
            yield (int(group.index[0]), "sprint", f"project {project} has sprints {numbers}; "
                   "valid: 1, 2, 3 ... without a gap")
            continue
        ends = group["end_date"].shift()
        for pos, start, end in zip(group.index[1:], group["start_date"].iloc[1:], ends.iloc[1:]):
            if start <= end:
                yield (int(pos), "start_date", f"{start:%Y-%m-%d} is not after the previous "
                       f"sprint's end ({end:%Y-%m-%d}); valid: sprints one after the other")


def _done_within_its_sprint(frame, references):
    """an item's sprint is one of its project's sprints, and a done item was done inside it"""
    sprints = references.get("sprints")
    if sprints is None:
        return
    dates = {(p, int(n)): (a, b) for p, n, a, b in zip(
        sprints["project"], sprints["sprint"], sprints["start_date"], sprints["end_date"])}
    for pos, (project, number, done) in enumerate(zip(frame["project"], frame["sprint"],
                                                      frame["done"])):
        if pd.isna(number):
            continue
        if (project, int(number)) not in dates:
            known = sorted(n for p, n in dates if p == project)
            yield (pos, "sprint", f"{project} has no sprint {int(number)}; valid: "
                   + (", ".join(map(str, known)) if known else "empty (the project has no sprints)"))
        elif not pd.isna(done):
            start, end = dates[(project, int(number))]
            if not start <= done <= end:
                yield (pos, "done", f"{done:%Y-%m-%d} is outside sprint {int(number)} "
                       f"({start:%Y-%m-%d} to {end:%Y-%m-%d}); valid: the sprint the item was done in")


def _milestone_log_rows(frame, references):
    """a milestone is either accepted (date and by whom) or forecast, and is a milestone of its project"""
    accepted, forecast = frame["accepted_date"].notna(), frame["forecast_date"].notna()
    for pos in np.flatnonzero((accepted == forecast).to_numpy()):
        yield (pos, "accepted_date", "give either accepted_date (the deliverable was accepted) "
               "or forecast_date (not yet), not both and not neither")
    by = frame["accepted_by"].str.len() > 0
    for pos in np.flatnonzero((accepted != by).to_numpy()):
        yield (pos, "accepted_by", "accepted_date and accepted_by go together: who accepted "
               "the deliverable, and when")
    if "tasks" not in references:
        return
    tasks = references["tasks"]
    project_of = dict(zip(tasks["id"], tasks["project"]))
    is_milestone = dict(zip(tasks["id"], tasks["milestone"]))
    for pos, (task, project) in enumerate(zip(frame["task_id"], frame["project"])):
        if task in project_of and project_of[task] != project:
            yield (pos, "task_id", f"{task} belongs to project {project_of[task]}, not {project}")
        elif task in is_milestone and not is_milestone[task]:
            yield (pos, "task_id", f"{task} is not a milestone; valid: a task whose milestone "
                   "is true")


def _closed_with_a_date(frame, references):
    """a closed defect has its date_closed, not before date_found; an open one has none"""
    for pos, (status, found, closed) in enumerate(
            zip(frame["status"], frame["date_found"], frame["date_closed"])):
        if status == "closed" and pd.isna(closed):
            yield (pos, "date_closed", "is empty for a closed defect; valid: the date it was "
                   "closed (or status open)")
        elif status == "open" and not pd.isna(closed):
            yield (pos, "date_closed", "is set for an open defect; valid: empty while the "
                   "defect is open (or status closed)")
        elif not pd.isna(closed) and closed < found:
            yield (pos, "date_closed", f"{closed.date()} is before date_found ({found.date()}); "
                   "valid: a defect is closed after it is found")


def _in_the_same_project(column, table, key="id"):
    def rule(frame, references):
        if table not in references:
            return
        project_of = dict(zip(references[table][key], references[table]["project"]))
        for pos, (item, project) in enumerate(zip(frame[column], frame["project"])):
            if item and item in project_of and project_of[item] != project:
                yield (pos, column, f"{item} belongs to project {project_of[item]}, not "
                       f"{project}; valid: one of the project's own, or empty")
    rule.__doc__ = f"the {column} belongs to the row's project"
    return rule


def _if_present(column, rule):
    """``rule``, applied only when the optional ``column`` is in the table."""
    def checked(frame, references):
        if column in frame.columns:
            yield from rule(frame, references)
    checked.__doc__ = rule.__doc__
    return checked


def _orders_within_their_budget_line(frame, references):
    """the orders on a task add up to no more than its cost_eur (its budget line)"""
    if "tasks" not in references:
        return
    budget = dict(zip(references["tasks"]["id"], references["tasks"]["cost_eur"]))
    ordered = {}
    for pos, (task, amount) in enumerate(zip(frame["task_id"], frame["amount_eur"])):
        ordered[task] = ordered.get(task, 0.0) + amount
        if task in budget and ordered[task] > budget[task] + 0.005:
            yield (pos, "amount_eur", f"the orders on {task} add up to {ordered[task]:,.2f}, "
                   f"more than its budget line ({budget[task]:,.2f}); valid: commitments within "
                   "the task's cost_eur, or a budget change first")


def _order_budgets_within_the_estimate(frame, references):
    """the budgets of the orders on a task add up to no more than its estimate (cost_eur, less its
    contingency_eur)"""
    if "tasks" not in references:
        return
    tasks = references["tasks"]
    inside = tasks["contingency_eur"] if "contingency_eur" in tasks.columns else 0.0
    estimate = dict(zip(tasks["id"], tasks["cost_eur"] - inside))
    budgeted = {}
    for pos, (task, amount) in enumerate(zip(frame["task_id"], frame["budget_eur"])):
        budgeted[task] = budgeted.get(task, 0.0) + amount
        if task in estimate and budgeted[task] > estimate[task] + 0.005:
            yield (pos, "budget_eur", f"the budgets of the orders on {task} add up to "
                   f"{budgeted[task]:,.2f}, more than its estimate ({estimate[task]:,.2f}); valid: "
                   "the part of the task's estimate each order buys")


def _decision_follows_status(frame, references):
    """a pending change has no decision yet; an approved or rejected one says who and when"""
    for pos, (status, who, when) in enumerate(zip(frame["status"], frame["decided_by"],
                                                    frame["decided_on"])):
        decided = bool(who) or not pd.isna(when)
        if status == "pending" and decided:
            yield (pos, "decided_by", "a pending change has no decision yet; valid: empty "
                   "decided_by and decided_on, or status approved/rejected")
        elif status != "pending" and not who:
            yield (pos, "decided_by", f"is empty for a change {status}; valid: project manager, "
                   "sponsor or portfolio board")
        elif status != "pending" and pd.isna(when):
            yield (pos, "decided_on", f"is empty for a change {status}; valid: the date of "
                   "the decision, e.g. 2026-10-08")


def _envelope_adds_up(frame, references):
    """envelope = the year's annual_budget lines + the portfolio reserve"""
    lines = references.get("annual_budget")
    for pos, (year, envelope, reserve) in enumerate(zip(frame["year"], frame["envelope_eur"],
                                                        frame["reserve_eur"])):
        if reserve > envelope:
            yield (pos, "reserve_eur", f"{reserve:g} is above envelope_eur ({envelope:g}); "
                   "valid: reserve_eur <= envelope_eur")
        elif lines is not None:
            total = float(lines.loc[lines["year"] == year, "budget_eur"].sum()) + reserve
            if abs(total - envelope) > 0.005:
                yield (pos, "envelope_eur", f"{envelope:,.2f} is not the {year} lines of "
                       f"annual_budget plus the reserve ({total:,.2f}); valid: envelope = lines "
                       "+ reserve")
def _documents_of_their_project(frame, references):
    """a document's id starts with its project, and all its versions have one type"""
    for pos, (doc, project) in enumerate(zip(frame["id"], frame["project"])):
        if not doc.startswith(f"{project}-"):
            yield (pos, "id", f"{doc} does not start with its project {project}; valid: "
                   f"{project}-DOC-<nn>")
    types = {}
    for pos, (doc, kind) in enumerate(zip(frame["id"], frame["doc_type"])):
        if types.setdefault(doc, kind) != kind:
            yield (pos, "doc_type", f"{doc} is a {types[doc]} in an earlier row; valid: every "
                   "version of a document has the same type")


def _gate_of_its_life_cycle(frame, references):
    """the gate is one of the life cycle's, and the milestone a milestone of the project"""
    from pmo_lessons.methodology import LIFE_CYCLES  # the gates of each life cycle, in one place

    for pos, (cycle, gate) in enumerate(zip(frame["life_cycle"], frame["gate"])):
        gates = sorted(LIFE_CYCLES.loc[LIFE_CYCLES["life_cycle"] == cycle, "gate_after"])
        if gate not in gates:
            yield (pos, "gate", f"{gate} is not a gate of the {cycle} life cycle; valid: "
                   + ", ".join(gates))
    if "tasks" not in references:
        return
    tasks = references["tasks"]
    project_of = dict(zip(tasks["id"], tasks["project"]))
    is_milestone = dict(zip(tasks["id"], tasks["milestone"]))
    for pos, (task, project) in enumerate(zip(frame["milestone"], frame["project"])):
        if task and task in project_of and project_of[task] != project:
            yield (pos, "milestone", f"{task} belongs to project {project_of[task]}, not {project}")
        elif task and task in is_milestone and not is_milestone[task]:
            yield (pos, "milestone", f"{task} is not a milestone; valid: a task whose milestone "
                   "is true, or empty")


def _benefit_value_sign(frame, references):
    """a benefit's value is >= 0, a dis-benefit's <= 0, a non-financial one's 0"""
    for pos, (kind, category, value) in enumerate(
            zip(frame["kind"], frame["category"], frame["annual_value_eur"])):
        if category == "non-financial" and value != 0:
            yield (pos, "annual_value_eur", f"{value:g} for a non-financial benefit; valid: 0 "
                   "(it is measured, not valued)")
        elif kind == "dis-benefit" and value > 0:
            yield (pos, "annual_value_eur", f"{value:g} for a dis-benefit; valid: a negative "
                   "amount (a decline)")
        elif kind == "benefit" and value < 0:
            yield (pos, "annual_value_eur", f"{value:g} for a benefit; valid: an amount >= 0 "
                   "(a negative one is a dis-benefit)")


def _first_of_month(column):
    def rule(frame, references):
        for pos in np.flatnonzero(frame[column].dt.day.to_numpy() != 1):
            yield (pos, column, f"{frame[column].iloc[pos]:%Y-%m-%d}; valid: the first day of "
                   "the month, e.g. 2026-09-01")
    rule.__doc__ = f"{column} is the first day of a month"
    return rule


def _dependency_ends(frame, references):
    """each end's task belongs to its project, and the two projects differ"""
    project_of = ({} if "tasks" not in references
                  else dict(zip(references["tasks"]["id"], references["tasks"]["project"])))
    for pos, row in enumerate(frame[["from_project", "from_task", "to_project",
                                     "to_task"]].itertuples(index=False)):
        if row.from_project == row.to_project:
            yield (pos, "to_project", f"{row.to_project} on both ends; valid: two projects (a "
                   "link inside a project belongs in tasks.predecessors)")
        for side, task, project in (("from", row.from_task, row.from_project),
                                    ("to", row.to_task, row.to_project)):
            if task in project_of and project_of[task] != project:
                yield (pos, f"{side}_task", f"{task} belongs to project {project_of[task]}, not "
                       f"{project}")
def _people_make_the_capacity(frame, references):
    """a role's people give its capacity: the sum of fte x (1 - bau_share) is resources.capacity"""
    resources = references.get("resources")
    if resources is None:
        return
    capacity = dict(zip(resources["id"], resources["capacity"]))
    given = (frame["fte"] * (1 - frame["bau_share"])).groupby(frame["role"], sort=False).sum()
    for role, total in given.items():
        if role in capacity and abs(total - capacity[role]) > 1e-6:
            pos = int(np.flatnonzero((frame["role"] == role).to_numpy())[0])
            yield (pos, "bau_share", f"the people of role {role} give {total:g} people a day to "
                   f"projects (the sum of fte x (1 - bau_share)), but resources.csv gives {role} a "
                   f"capacity of {capacity[role]}; valid: the two agree")


def _shares_add_up(frame, references):
    """the shares of a project's role add up to 1"""
    totals = frame.groupby(["project", "role"], sort=False)["share"].sum()
    for (project, role), total in totals.items():
        if abs(total - 1) > 1e-6:
            pos = int(np.flatnonzero(((frame["project"] == project)
                                      & (frame["role"] == role)).to_numpy())[0])
            yield (pos, "share", f"the shares of role {role} on project {project} add up to "
                   f"{total:g}; valid: they add up to 1")


def _sessions_are_dates(frame, references):
    """a course's sessions are ISO dates, and a course with a skill says the level it brings"""
    for pos, (text, skill, level) in enumerate(zip(frame["sessions"], frame["skill"],
                                                   frame["to_level"])):
        for item in (part.strip() for part in text.split(",")):
            if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", item) or pd.isna(
                    pd.to_datetime(item, format="%Y-%m-%d", errors="coerce")):
                yield (pos, "sessions", f"{item!r} is not a date; valid: comma-separated ISO "
                       "dates such as 2026-10-12, 2026-11-16")
                break
        if bool(skill) != (level > 0):
            yield (pos, "to_level", f"skill {skill or '(none)'} with to_level {level}; valid: a "
                   "level from 1 to 4 with a skill, 0 without one")


def _response_of_an_open_risk(frame, references):
    """a response belongs to an open risk, and its trigger task to the risk's project"""
    if "risks" not in references:
        return
    risks = references["risks"]
    status = dict(zip(risks["id"], risks["status"]))
    project_of_risk = dict(zip(risks["id"], risks["project"]))
    project_of_task = (dict(zip(references["tasks"]["id"], references["tasks"]["project"]))
                       if "tasks" in references else {})
    for pos, (risk, task) in enumerate(zip(frame["risk_id"], frame["trigger_task"])):
        if risk in status and status[risk] != "open":
            yield (pos, "risk_id", f"{risk} is {status[risk]}; valid: an open risk (a risk that "
                   "occurred is an issue, a closed one needs no response)")
        if task and task in project_of_task and risk in project_of_risk and \
                project_of_task[task] != project_of_risk[risk]:
            yield (pos, "trigger_task", f"{task} belongs to project {project_of_task[task]}, not "
                   f"to {risk}'s project {project_of_risk[risk]}; valid: a task of the risk's "
                   "project, or empty")


#: Rules across rows or columns: {table: (rule, ...)}; each rule's docstring says what it checks.
TABLE_RULES = {
    "projects": (_not_above("reserve_eur", "budget_eur"),),
    "tasks": (_ordered("optimistic", "most_likely", "pessimistic"),
              _milestones_take_no_time, _predecessors_are_known,
              _if_present("contingency_eur", _not_above("contingency_eur", "cost_eur"))),
    "resources": (),
    "assignments": (_unique_together("task_id", "resource"), _within_capacity),
    "status_weekly": (_unique_together("project", "week"),
                      _cumulative(("pv_eur", "ev_eur", "ac_eur"), by="project", order="week")),
    "holidays": (),
    "risks": (_risk_task_in_project,),
    "project_scores": (),
    "okrs": (),
    "milestones": (_milestone_log_rows,),
    "work_items": (_dates_in_order("created", "started", "done", needs=True),
                   _task_in_project("a work item", "a task of the item's project"),
                   _done_within_its_sprint),
    "sprints": (_unique_together("project", "sprint"),
                _dates_in_order("start_date", "end_date"), _sprints_follow_each_other),
    "defects": (_closed_with_a_date, _in_the_same_project("deliverable", "deliverables")),
    "deliverables": (_ordered("passed_first_run", "executed", "test_cases"),
                     _in_the_same_project("task_id", "tasks")),
    "acceptance_criteria": (_unique_together("deliverable", "criterion_id"),),
    "quality_costs": (_in_the_same_project("task_id", "tasks"),),
    "health_checks": (_unique_together("project", "question_id"),),
    "purchase_orders": (_not_above("invoiced_eur", "amount_eur"),
                        _task_in_project("a purchase order", "a task of the order's project"),
                        _orders_within_their_budget_line, _order_budgets_within_the_estimate),
    "budget_changes": (_task_in_project("a change", "a task of the change's project, or empty"),
                       _decision_follows_status),
    "annual_budget": (_unique_together("year", "project"),),
    "portfolio_envelope": (_envelope_adds_up,),
    "pmo_charter": (),
    "pmo_services": (),
    "pmo_kpis": (),
    "maturity_assessments": (_unique_together("assessment_date", "question"),),
    "benefits": (_benefit_value_sign,),
    "benefit_profiles": (_unique_together("benefit", "month"), _first_of_month("month")),
    "dependencies": (_dependency_ends,),
    "documents": (_unique_together("id", "version"), _documents_of_their_project),
    "next_gates": (_gate_of_its_life_cycle,),
    "lessons_learned": (),
    "skills": (),
    "people": (_people_make_the_capacity,),
    "person_skills": (_unique_together("person", "skill"),),
    "absences": (_dates_in_order("start_date", "end_date"),),
    "role_skills": (_unique_together("project", "role", "skill"), _shares_add_up),
    "role_demand": (_unique_together("project", "role", "month"),),
    "candidate_roles": (_unique_together("project", "role", "skill", "month"),),
    "courses": (_sessions_are_dates,),
    "training_evaluations": (_unique_together("course", "session_date", "participant"),),
    "risk_responses": (_response_of_an_open_risk,),
}

# Tables a rule across tables reads, besides those the foreign keys point to.
_ALSO_READ = {"assignments": {"resources"}, "work_items": {"sprints"},
              "portfolio_envelope": {"annual_budget"},
              "risk_responses": {"tasks"}}

# The tables a table's foreign keys point to.
_REFERENCED = {
    name: sorted({c.ref.split(".")[0] for c in schema.values() if c.ref}
                 | _ALSO_READ.get(name, set()))
    for name, schema in SCHEMAS.items()
}

# --------------------------------------------------------------------------
# Validation
# --------------------------------------------------------------------------


def _is_blank(value) -> bool:
    if value is None:
        return True
    if isinstance(value, float) and np.isnan(value):
        return True
    if value is pd.NaT:
        return True
    return isinstance(value, str) and not value.strip()


def _text(series: pd.Series) -> pd.Series:
    return pd.Series(["" if _is_blank(v) else str(v).strip() for v in series],
                     index=series.index, dtype="str")


def _convert(series: pd.Series, column: str, rule: Column, problems: list):
    """Series converted to the rule's dtype; problems get (position, column, message)."""
    blank = np.array([_is_blank(v) for v in series], dtype=bool)
    if rule.required and rule.kind != "list":
        for pos in np.flatnonzero(blank):
            problems.append((pos, column, "is empty; valid: "
                             + (rule.hint or _KIND_HINT[rule.kind])))
    if rule.kind in ("text", "list"):
        out = _text(series)
        if rule.pattern:
            for pos in np.flatnonzero(~blank & ~out.str.fullmatch(rule.pattern).to_numpy()):
                problems.append((pos, column, f"{out.iloc[pos]!r} is not valid; valid: "
                                 + (rule.hint or f"text matching {rule.pattern}")))
        if rule.choices:
            for pos in np.flatnonzero(~blank & ~out.isin(rule.choices).to_numpy()):
                problems.append((pos, column, f"{out.iloc[pos]!r} is not valid; valid: one of "
                                 + ", ".join(rule.choices)))
        return out
    if rule.kind == "bool":
        words = {"true": True, "false": False, "1": True, "0": False, "yes": True, "no": False}
        values = []
        for pos, v in enumerate(series):
            if isinstance(v, (bool, np.bool_)):
                values.append(bool(v))
            elif not blank[pos] and str(v).strip().lower() in words:
                values.append(words[str(v).strip().lower()])
            else:
                if not blank[pos]:
                    problems.append((pos, column, f"{v!r} is not valid; valid: true or false"))
                values.append(False)
        return pd.Series(values, index=series.index, dtype=bool)
    if rule.kind == "date":
        dates = pd.to_datetime(_text(series).where(~blank, None), format="%Y-%m-%d",
                               errors="coerce") if not pd.api.types.is_datetime64_any_dtype(
            series) else series
        for pos in np.flatnonzero(~blank & dates.isna().to_numpy()):
            problems.append((pos, column, f"{series.iloc[pos]!r} is not a date; valid: "
                             "an ISO date YYYY-MM-DD, e.g. 2026-09-25"))
        return dates
    # numbers
    if pd.api.types.is_bool_dtype(series):
        numbers = pd.Series(np.nan, index=series.index)
        bad_number = ~blank
    else:
        numbers = pd.to_numeric(series.where(~blank, None) if series.dtype == object
                                or pd.api.types.is_string_dtype(series) else series,
                                errors="coerce").astype("float64")
        bad_number = ~blank & numbers.isna().to_numpy()
    hint = rule.hint or _KIND_HINT[rule.kind]
    for pos in np.flatnonzero(bad_number):
        problems.append((pos, column, f"{series.iloc[pos]!r} is not a number; valid: {hint}"))
    ok = ~blank & ~bad_number
    values = numbers.to_numpy()
    if rule.kind == "int":
        for pos in np.flatnonzero(ok & (values != np.round(values))):
            problems.append((pos, column, f"{values[pos]:g} is not a whole number; valid: {hint}"))
    if rule.minimum is not None:
        for pos in np.flatnonzero(ok & (values < rule.minimum)):
            problems.append((pos, column, f"{values[pos]:g} is too small; valid: {hint}"))
    if rule.maximum is not None:
        for pos in np.flatnonzero(ok & (values > rule.maximum)):
            problems.append((pos, column, f"{values[pos]:g} is too large; valid: {hint}"))
    if rule.kind == "int" and not rule.required:
        return pd.Series(pd.array([pd.NA if not ok[pos] else int(round(v))
                                   for pos, v in enumerate(values)], dtype="Int64"),
                         index=series.index)
    if rule.kind == "int":
        return pd.Series(np.where(np.isfinite(values), np.round(values), 0).astype("int64"),
                         index=series.index)
    return numbers


_KIND_HINT = {
    "text": "some text",
    "list": "comma-separated ids",
    "int": "a whole number",
    "number": "a number",
    "date": "an ISO date YYYY-MM-DD",
    "bool": "true or false",
}


def _raise(source: str, problems: list) -> None:
    problems = sorted(problems, key=lambda p: (p[0], p[1]))
    lines = [f"{source}, row {pos + 2}, column '{column}': {message}"
             for pos, column, message in problems[:_MAX_REPORTED]]
    more = len(problems) - _MAX_REPORTED
    if more > 0:
        lines.append(f"... and {more} more problem{'s' if more > 1 else ''}")
    lines.append("(rows counted as in a spreadsheet: the header is row 1, "
                 "the first data row is row 2)")
    raise DatasetError("\n".join(lines))


def validate(name: str, frame: pd.DataFrame, references: dict | None = None,
             source: str | None = None) -> pd.DataFrame:
    """Check a table against the data dictionary and return it with proper dtypes.

    Works on the bundled files and on a trainee's own DataFrame. Text becomes
    ``str`` (empty cells ``""``), whole numbers ``int64``, amounts ``float64``,
    dates ``datetime64``, flags ``bool``; extra columns are kept as they are.

    Args:
        name: one of :data:`DATASETS`.
        frame: the table; its columns may be text (as read from a CSV) or typed.
        references: optional ``{table: DataFrame}`` for the foreign keys (for
            example ``{"projects": load_projects()}`` to check ``tasks.project``);
            a foreign key is checked only when its table is given.
        source: the name used in messages (default ``"<name>.csv"``).

    Returns:
        A new DataFrame; ``frame`` is not modified.

    Raises:
        DatasetError: naming the file, the row (header = row 1, first data
            row = row 2), the column and what would be valid.

    >>> import pandas as pd
    >>> tasks = pd.DataFrame({"id": ["A", "B"], "project": ["X", "X"], "wbs": ["1", "2"],
    ...     "name": ["Design", "Build"], "duration": [5, 4], "optimistic": [4, 3],
    ...     "most_likely": [5, 4], "pessimistic": [8, 6], "predecessors": ["", "A"],
    ...     "milestone": [False, False], "cost_eur": [1000, 800]})
    >>> validate("tasks", tasks)["cost_eur"].dtype
    dtype('float64')
    >>> validate("tasks", tasks.assign(optimistic=[4, 9]))  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    pmo_lessons.errors.DatasetError: tasks.csv, row 3, column 'optimistic': 9 is above ...
    """
    if name not in SCHEMAS:
        raise DatasetError(f"unknown dataset {name!r}; valid: {', '.join(DATASETS)}")
    if not isinstance(frame, pd.DataFrame):
        raise DatasetError(f"{name}: expected a pandas DataFrame, got {type(frame).__name__}")
    source = source or f"{name}.csv"
    schema = SCHEMAS[name]
    missing = [c for c, rule in schema.items() if c not in frame.columns and not rule.optional]
    if missing:
        raise DatasetError(f"{source}: missing column{'s' if len(missing) > 1 else ''} "
                           + ", ".join(repr(c) for c in missing)
                           + "; the table needs: " + ", ".join(schema))
    if frame.columns.duplicated().any():
        dup = frame.columns[frame.columns.duplicated()][0]
        raise DatasetError(f"{source}: column {dup!r} appears twice; valid: each column once")
    out = frame.copy()
    problems: list = []
    schema = {c: rule for c, rule in schema.items() if c in frame.columns}
    for column, rule in schema.items():
        out[column] = _convert(frame[column].reset_index(drop=True), column, rule,
                               problems).set_axis(frame.index)
    references = references or {}
    for column, rule in schema.items():
        values = out[column].reset_index(drop=True)
        if rule.unique:
            for pos in np.flatnonzero(values.duplicated(keep="first").to_numpy()):
                first = int(np.flatnonzero((values == values.iloc[pos]).to_numpy())[0])
                problems.append((pos, column, f"{values.iloc[pos]!r} is a duplicate of row "
                                 f"{first + 2}; valid: a value used once"))
        if rule.ref:
            table, key = rule.ref.split(".")
            if table not in references:
                continue
            known = set(_text(references[table][key]))
            for pos, value in enumerate(values):
                items = [v.strip() for v in value.split(",")] if rule.kind == "list" else [value]
                for item in items:
                    if item and item not in known:
                        problems.append((pos, column, f"{item!r} is not a known {table} "
                                         f"{key}; valid: one of {_sample(known)}"))
    if not problems:
        typed = out.reset_index(drop=True)
        for rule in TABLE_RULES[name]:
            problems += list(rule(typed, references))
    if problems:
        _raise(source, problems)
    return out


def _sample(values, limit=8):
    values = sorted(values)
    return ", ".join(values[:limit]) + (", ..." if len(values) > limit else "")


# --------------------------------------------------------------------------
# Files
# --------------------------------------------------------------------------


def _folder() -> Path:
    here = Path(__file__).resolve().parent
    candidates = (here / "datasets", here.parent / "datasets")
    for folder in candidates:
        if (folder / "projects.csv").is_file():
            return folder
    raise DatasetError("cannot find the datasets: looked for projects.csv in "
                       + " and ".join(str(c) for c in candidates)
                       + "; reinstall the kit, or run tools/make_datasets.py in a source checkout")


def dataset_path(name: str) -> Path:
    """Path of the CSV file of a bundled table (``"tasks"`` or ``"tasks.csv"``).

    Looks in the installed package (``pmo_lessons/datasets/``) first, then in
    the source checkout (``<repo>/datasets/``).

    >>> dataset_path("tasks").name
    'tasks.csv'
    >>> dataset_path("tasks").is_file()
    True
    """
    stem = name[:-4] if name.endswith(".csv") else name
    if stem not in DATASETS:
        raise DatasetError(f"unknown dataset {name!r}; valid: {', '.join(DATASETS)}")
    return _folder() / f"{stem}.csv"


def _read(name: str) -> pd.DataFrame:
    """Read a bundled CSV as text and convert it (no foreign-key check)."""
    path = dataset_path(name)
    raw = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    return validate(name, raw, source=path.name)


def _load(name: str) -> pd.DataFrame:
    """Read a bundled table and check its foreign keys against the tables it refers to."""
    path = dataset_path(name)
    raw = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    references = {table: _read(table) for table in _REFERENCED[name]}
    return validate(name, raw, references=references, source=path.name)


def _select(frame: pd.DataFrame, column: str, project) -> pd.DataFrame:
    if project is None:
        return frame
    wanted = [project] if isinstance(project, str) else list(project)
    known = set(_read("projects")["id"])
    unknown = [p for p in wanted if p not in known]
    if unknown:
        raise DatasetError(f"unknown project {unknown[0]!r}; valid: {_sample(known)}")
    return frame[frame[column].isin(wanted)].reset_index(drop=True)


# --------------------------------------------------------------------------
# Loaders
# --------------------------------------------------------------------------


def load_projects() -> pd.DataFrame:
    """The portfolio: one row per project, with its budget (incl. reserve) and sponsor.

    >>> projects = load_projects()
    >>> projects["id"].tolist()
    ['ERP', 'CRM', 'WHA', 'OFM', 'DAT', 'ECO', 'SEC']
    >>> bool((projects["start_date"].dt.day_of_week == 0).all())  # all start on a Monday
    True
    """
    return _load("projects")


def load_tasks(project=None) -> pd.DataFrame:
    """Tasks (work packages and milestones) of all projects, of one project id, or of a list.

    Durations are working days; ``predecessors`` is ``""`` when a task has none.

    >>> load_tasks("ERP").shape[1]
    12
    >>> load_tasks("ERP")["id"].iloc[0]
    'ERP-01'
    >>> sorted(load_tasks(["CRM", "OFM"])["project"].unique())
    ['CRM', 'OFM']
    """
    return _select(_load("tasks"), "project", project)


def load_resources() -> pd.DataFrame:
    """Shared roles: capacity (people per working day) and day rate in EUR.

    >>> load_resources().set_index("id").at["BA", "name"]
    'Business analyst'
    """
    return _load("resources")


def load_assignments() -> pd.DataFrame:
    """Who works on what: one row per (task, resource) with the units (people per day).

    >>> assignments = load_assignments()
    >>> list(assignments.columns)
    ['task_id', 'resource', 'units']
    >>> bool((assignments["units"] > 0).all())
    True
    """
    return _load("assignments")


def load_status(project=None) -> pd.DataFrame:
    """Weekly cumulative PV, EV and AC (EUR) of every project up to the status date 2026-09-25.

    >>> status = load_status("OFM")
    >>> status["status_date"].max().date().isoformat()
    '2026-09-25'
    >>> bool(status["ev_eur"].is_monotonic_increasing)
    True
    """
    return _select(_load("status_weekly"), "project", project)


def load_holidays() -> pd.DataFrame:
    """French public holidays of 2026 and 2027 (``date`` parsed, ``name``).

    Pass it to the scheduling functions as the company calendar.

    >>> holidays = load_holidays()
    >>> holidays["date"].dt.year.value_counts().sort_index().tolist()
    [11, 11]
    """
    return _load("holidays")


def load_risks(project=None) -> pd.DataFrame:
    """The risk register (threats and opportunities) of all projects or of some.

    >>> risks = load_risks("WHA")
    >>> risks["project"].unique().tolist()
    ['WHA']
    >>> bool(risks["probability"].between(1, 5).all())
    True
    """
    return _select(_load("risks"), "project", project)


def load_project_scores() -> pd.DataFrame:
    """Scores (1-5), NPV, cost and duration of the 7 active and 5 proposed projects.

    >>> load_project_scores()["status"].value_counts().to_dict()
    {'active': 7, 'proposed': 5}
    """
    return _load("project_scores")


def load_okrs() -> pd.DataFrame:
    """Company objectives for 2026 and their key results, with the contributing projects.

    >>> okrs = load_okrs()
    >>> okrs["objective_id"].nunique()
    4
    """
    return _load("okrs")


def load_milestones(project=None) -> pd.DataFrame:
    """The milestone log at the status date: accepted milestones (when, by whom) and forecasts.

    One row per milestone of the plans. A milestone is **reached when its
    deliverable is accepted**: ``accepted_date`` and ``accepted_by`` say when
    and by whom; until then ``forecast_date`` is the project manager's forecast
    in the latest status report (25 Sep 2026).

    >>> log = load_milestones("ECO").set_index("task_id")
    >>> log.at["ECO-06", "accepted_by"], log.at["ECO-13", "forecast_date"].date().isoformat()
    ('Camille Roux', '2026-10-01')
    """
    return _select(_load("milestones"), "project", project)


def load_work_items(project=None) -> pd.DataFrame:
    """Backlog items of the projects that deliver from a backlog (ECO, DAT, ERP's build).

    One row per item with the dates it entered each state: ``created`` (into the backlog),
    ``started`` and ``done`` (``NaT`` until then); ``story_points`` and ``sprint`` are
    nullable integers (``<NA>``: DAT does not estimate and has no sprints).

    >>> items = load_work_items("ECO")
    >>> items[["id", "task_id", "type"]].iloc[0].tolist()
    ['ECO-101', 'ECO-07', 'story']
    >>> bool((items["done"].dropna() >= items.loc[items["done"].notna(), "started"]).all())
    True
    >>> str(load_work_items("DAT")["story_points"].dtype)
    'Int64'
    """
    return _select(_load("work_items"), "project", project)


def load_sprints(project=None) -> pd.DataFrame:
    """The sprints of the Scrum teams (ECO, and the integrator's build sprints of ERP).

    ``done_points`` is the sum of the points of the items done in the sprint (the velocity);
    ``planned_points`` what the developers forecast at Sprint Planning; ``capacity_days`` the
    person-days they had; ``cost_eur`` the cost booked to the release during the sprint.

    >>> sprints = load_sprints("ECO")
    >>> sprints["done_points"].tolist()
    [45, 51, 46, 49, 56, 53]
    >>> sprints["end_date"].max().date().isoformat()
    '2026-09-25'
    """
    return _select(_load("sprints"), "project", project)


def load_defects(project=None) -> pd.DataFrame:
    """The defect logs: one row per defect, with the week and phase it was found in, its
    severity (1 critical ... 4 cosmetic), category, deliverable and status.

    >>> defects = load_defects("ERP")
    >>> defects.columns.tolist()[:6]
    ['id', 'project', 'week', 'date_found', 'phase_found', 'severity']
    >>> sorted(defects["phase_found"].unique())
    ['build', 'review', 'system test']
    """
    return _select(_load("defects"), "project", project)


def load_deliverables(project=None) -> pd.DataFrame:
    """The deliverables the PMO follows for quality: size, test cases and results, status.

    >>> load_deliverables("CRM")["id"].tolist()
    ['CRM-CFG', 'CRM-INT']
    """
    return _select(_load("deliverables"), "project", project)


def load_acceptance_criteria() -> pd.DataFrame:
    """Acceptance criteria of the deliverables, each met, not met or not assessed yet.

    >>> criteria = load_acceptance_criteria()
    >>> sorted(criteria["result"].unique())
    ['met', 'not assessed', 'not met']
    """
    return _load("acceptance_criteria")


def load_quality_costs(project=None) -> pd.DataFrame:
    """Quality cost lines (prevention, appraisal, internal and external failure), in EUR.

    >>> costs = load_quality_costs("CRM")
    >>> costs["category"].unique().tolist()
    ['prevention', 'appraisal', 'internal failure', 'external failure']
    """
    return _select(_load("quality_costs"), "project", project)


def load_health_checks(project=None) -> pd.DataFrame:
    """The PMO's health-check answers: one row per project and checklist question.

    The questions themselves are :data:`pmo_lessons.quality.HEALTH_CHECK`.

    >>> answers = load_health_checks()
    >>> answers.groupby("project").size().unique().tolist()
    [18]
    """
    return _select(_load("health_checks"), "project", project)


def load_purchase_orders(project=None) -> pd.DataFrame:
    """Purchase orders (commitments) up to the status date: amount ordered, invoiced, status.

    >>> orders = load_purchase_orders("WHA")
    >>> bool((orders["invoiced_eur"] <= orders["amount_eur"]).all())
    True
    """
    return _select(_load("purchase_orders"), "project", project)


def load_budget_changes(project=None) -> pd.DataFrame:
    """The budget change log: requests to draw a reserve, fund, descope or defer, with status.

    >>> changes = load_budget_changes()
    >>> sorted(changes["status"].unique())
    ['approved', 'pending', 'rejected']
    """
    return _select(_load("budget_changes"), "project", project)


def load_annual_budget() -> pd.DataFrame:
    """The portfolio's annual budget: one line per project and year (2026), in EUR.

    >>> load_annual_budget().groupby("year").size().to_dict()
    {2026: 7}
    """
    return _load("annual_budget")


def load_portfolio_envelope() -> pd.DataFrame:
    """The CFO's envelope for the portfolio per year, with the portfolio reserve inside it.

    >>> envelope = load_portfolio_envelope().set_index("year")
    >>> float(envelope.at[2026, "reserve_eur"])
    90000.0
    """
    return _load("portfolio_envelope")


# --- the PMO itself (lesson 12) -------------------------------------------------------


def load_pmo_charter() -> pd.DataFrame:
    """The PMO's charter, one row per section (``section``, ``text``).

    >>> load_pmo_charter()["section"].iloc[0]
    'mission'
    """
    return _load("pmo_charter")


def load_pmo_services() -> pd.DataFrame:
    """The PMO's service catalogue: role, customers, authority, service level, staff, status.

    >>> services = load_pmo_services()
    >>> services.loc[services["status"] == "running", "fte"].sum().round(1)
    np.float64(2.9)
    """
    return _load("pmo_services")


def load_pmo_kpis() -> pd.DataFrame:
    """The PMO's KPI history, one row per quarter from 2025-Q1 (empty cells: not measured).

    >>> kpis = load_pmo_kpis()
    >>> kpis["quarter"].iloc[-1], float(kpis["on_schedule_pct"].iloc[-1])
    ('2026-Q3', 42.9)
    """
    return _load("pmo_kpis")


def load_maturity_assessments() -> pd.DataFrame:
    """The PMO's maturity self-assessments (2025 and 2026), one row per question answered.

    >>> assessments = load_maturity_assessments()
    >>> assessments.groupby("assessment_date").size().tolist()
    [48, 48]
    """
    return _load("maturity_assessments")


def load_benefits(project=None) -> pd.DataFrame:
    """The benefits register of all projects, or of some: owners, measures, values.

    >>> load_benefits("CRM")["id"].tolist()
    ['B-04', 'B-05', 'B-06']
    """
    return _select(_load("benefits"), "project", project)


def load_benefit_profiles() -> pd.DataFrame:
    """Month-by-month planned and realised euros of every valued benefit.

    >>> profiles = load_benefit_profiles()
    >>> int(profiles["realised_eur"].notna().sum())
    5
    """
    return _load("benefit_profiles")


def load_dependencies() -> pd.DataFrame:
    """The deliverables that pass between projects: which task of which project needs which.

    >>> load_dependencies().loc[0, ["from_task", "to_task"]].tolist()
    ['DAT-15', 'ECO-20']
    """
    return _load("dependencies")


def load_documents(project=None) -> pd.DataFrame:
    """The document registers: one row per version of each project document, with its type,
    status (``draft``, ``in review``, ``current``, ``superseded``), owner, location and last review.

    ``owner`` is ``""`` where nobody owns the document; ``last_review`` is ``NaT`` where it was
    never reviewed. :mod:`pmo_lessons.documents` checks them.

    >>> register = load_documents("ECO")
    >>> register[["id", "doc_type", "version", "status"]].iloc[2].tolist()
    ['ECO-DOC-03', 'backlog', '1.0', 'current']
    >>> sorted(load_documents()["status"].unique())
    ['current', 'draft', 'in review', 'superseded']
    """
    return _select(_load("documents"), "project", project)


def load_next_gates() -> pd.DataFrame:
    """The next stage gate of each project: its life cycle, the gate, its date and milestone.

    ``gate_date`` is ``NaT`` for a gate nobody has planned yet; the gates and their criteria are
    :func:`pmo_lessons.methodology.stage_gates`.

    >>> gates = load_next_gates().set_index("project")
    >>> gates.loc["ECO", ["life_cycle", "gate"]].tolist(), gates.at["ECO", "gate_date"].date().isoformat()
    (['agile', 'G3'], '2026-10-30')
    """
    return _load("next_gates")


def load_lessons_learned() -> pd.DataFrame:
    """The PMO's lessons-learned log: what happened, why, what to do next time, tags, and what the
    PMO changed since (``action_taken``, ``""`` while nothing was).

    Projects of the portfolio keep their id (``CRM``); past projects have a code of their own
    (``P23-EDI``) and their name in ``project_name``.

    >>> log = load_lessons_learned()
    >>> len(log), log["id"].iloc[0], log["date_logged"].is_monotonic_increasing
    (62, 'LL-001', True)
    """
    return _load("lessons_learned")
def load_skills() -> pd.DataFrame:
    """The skills catalogue: id, name, kind (method, business, technical, people), the roles
    that use it most, and what it covers.

    >>> load_skills().set_index("id").at["PDATA", "name"]
    'Product data management'
    """
    return _load("skills")


def load_people() -> pd.DataFrame:
    """The people behind the shared roles: role, contract (``fte``) and the share of their time
    kept for business as usual (``bau_share``). A role's ``fte x (1 - bau_share)`` add up to its
    capacity in ``resources.csv``.

    >>> people = load_people()
    >>> len(people), round(float((people["fte"] * (1 - people["bau_share"]))[people["role"] == "DE"].sum()), 6)
    (69, 4.0)
    """
    return _load("people")


def load_person_skills() -> pd.DataFrame:
    """The skills matrix in long form: one row per person and skill held, level 1 to 4.

    >>> skills = load_person_skills()
    >>> skills[skills["person"] == "P13"][["skill", "level"]].values.tolist()[:2]
    [['REQ', 4], ['PDATA', 4]]
    """
    return _load("person_skills")


def load_absences() -> pd.DataFrame:
    """Planned absences (leave, parental leave, training ...), first and last day included.

    >>> absences = load_absences()
    >>> absences[absences["kind"] == "parental leave"][["person", "start_date"]].values.tolist()
    [['P32', Timestamp('2026-11-02 00:00:00')]]
    """
    return _load("absences")


def load_role_skills() -> pd.DataFrame:
    """The skill and level each project's work in a role needs, and the share of that work.

    >>> needs = load_role_skills()
    >>> needs[(needs["project"] == "ERP") & (needs["role"] == "BA")]["skill"].tolist()
    ['FIN', 'SCM', 'SALES']
    """
    return _load("role_skills")


def load_role_demand() -> pd.DataFrame:
    """Person-days of each role per project and month, at the baseline's early dates (derived
    from the plans by ``tools/make_datasets.py``; :func:`pmo_lessons.capacity.role_demand`
    computes the same, and moves it).

    >>> demand = load_role_demand()
    >>> float(demand[(demand["role"] == "BA") & (demand["month"] == "2026-03")]["person_days"].sum())
    210.0
    """
    return _load("role_demand")


def load_candidate_roles() -> pd.DataFrame:
    """The candidate project's rough-cut plan: people of each role (and the skill they need)
    month by month, from its proposed start (P-PIM, November 2026).

    >>> plan = load_candidate_roles()
    >>> plan["project"].unique().tolist(), plan["month"].min(), plan["month"].max()
    (['P-PIM'], '2026-11', '2027-06')
    """
    return _load("candidate_roles")


def load_courses() -> pd.DataFrame:
    """The training catalogue: the skill a course raises and to which level, its days, fee per
    participant, seats per session, session dates, and the maturity questions it helps answer.

    >>> courses = load_courses().set_index("id")
    >>> courses.at["C02", "skill"], int(courses.at["C02", "to_level"]), float(courses.at["C02", "fee_eur"])
    ('PDATA', 3, 2400.0)
    """
    return _load("courses")


def load_training_evaluations() -> pd.DataFrame:
    """Evaluation of the PMO's planning course: reaction, tests before and after, use at 90 days.

    >>> evaluations = load_training_evaluations()
    >>> len(evaluations), evaluations["course"].unique().tolist()
    (14, ['C08'])
    """
    return _load("training_evaluations")


def load_risk_responses() -> pd.DataFrame:
    """The register's responses: for each open risk, what funding its response costs, how many
    weeks it takes to act, and the risk after it (probability, cost and schedule impact); and
    the task during which the risk may occur (empty: any week).

    >>> response = load_risk_responses().set_index("risk_id").loc["R-034"]
    >>> float(response["cost_eur"]), int(response["probability_pct_after"]), float(response["cost_impact_eur_after"])
    (20000.0, 8, -100000.0)
    """
    return _load("risk_responses")
