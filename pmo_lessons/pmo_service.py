"""The PMO as a service: its types, its roles, its catalogue of services, its charter and its value.

The kit keeps what the standards and the course's sources say about the PMO itself as small
tables, and gives the PMO four checks of its own work:

* :data:`PMO_TYPES`: the three types of PMO by the degree of control they exercise over
  projects, **supportive**, **controlling** and **directive** (PMI, *A Guide to the Project
  Management Body of Knowledge*, 6th ed., 2017, section 2.4.4.3; the ``fits_when`` column is
  the kit's guidance, not PMI's);
* :data:`P3O_OFFICES`: the offices of AXELOS' P3O model (*Portfolio, Programme and Project
  Offices*, 2013 edition): the organisation portfolio office (elsewhere often called the
  enterprise PMO), hub portfolio offices, programme and project offices, and the centre of
  excellence; the one-line descriptions are the kit's;
* :data:`PMO_ROLES`: the five essential roles of a PMO as the course's sources sum them up,
  **organisational, relational, methodological, analytical and coaching**, and
  :data:`KEY_ROLES`, the sources' five "key roles" mapped onto them (a common model of PMO
  practice, not a standard; the mapping is the kit's);
* :data:`PMO_KPIS`: the PMO's own indicators, the **outcomes** it answers for and the
  **activity** it merely does, with Meridian's targets (its charter's policy).

A **service catalogue** is a DataFrame with one row per service (``pmo_services.csv``):
``id``, ``service``, ``role`` (one of the five), ``customers`` (whom it serves, comma
separated), ``authority`` (``support``: offered, the project may use it; ``control``:
required, the PMO checks it is done; ``direct``: the PMO does it or decides in the project's
place), ``service_level`` (the commitment, such as "monthly, two days before the board"),
``perspective`` (the maturity perspective it raises, as in
:data:`pmo_lessons.methodology.MATURITY_PERSPECTIVES`, or empty), ``fte`` (the PMO's staff it
takes, in full-time equivalents) and ``status`` (``running``, ``pilot``, ``planned`` or
``retired``).

:func:`check_catalogue` reviews a catalogue (and whether the PMO's staff can carry it);
:func:`catalogue_profile` says how the PMO's effort spreads over the three degrees of
authority, and :func:`pmo_type` reads a type from it; :func:`service_gaps` sets the catalogue
against a maturity profile (lesson 5) and says what to start; :func:`check_charter` checks
that a charter says what a charter must; :func:`value_dashboard` turns the PMO's KPI history
into the page it shows the executive committee.

>>> PMO_TYPES["type"].tolist(), PMO_TYPES["control"].tolist()
(['supportive', 'controlling', 'directive'], ['low', 'moderate', 'high'])
>>> PMO_ROLES["role"].tolist()
['organisational', 'relational', 'methodological', 'analytical', 'coaching']
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from .columns import require_columns
from .errors import InputError

__all__ = [
    "PMOError",
    "PMO_TYPES",
    "P3O_OFFICES",
    "PMO_ROLES",
    "KEY_ROLES",
    "AUTHORITIES",
    "SERVICE_STATUSES",
    "CATALOGUE_COLUMNS",
    "CHARTER_SECTIONS",
    "PMO_KPIS",
    "check_catalogue",
    "catalogue_profile",
    "pmo_type",
    "service_gaps",
    "check_charter",
    "value_dashboard",
]


class PMOError(InputError):
    """A service catalogue, a charter or a KPI history the kit cannot read."""


#: The three types of PMO of PMI's *PMBOK Guide*, 6th ed. (2017), section 2.4.4.3, by the
#: degree of control they exercise over projects (low, moderate, high). ``what_it_does`` is the
#: kit's summary of the Guide's description, not its text; ``fits_when`` is the kit's guidance for
#: choosing one.
PMO_TYPES = pd.DataFrame(
    [
        ("supportive", "low",
         "Advises: offers projects templates, good practices, training, information and the "
         "lessons learned of other projects, and keeps their records (a repository).",
         "Project management is young (maturity about 1-2), projects are run in the business, "
         "and the PMO must first earn trust by being useful."),
        ("controlling", "moderate",
         "Supports projects and makes them comply: the method, its templates, forms and tools, "
         "and the governance (gates, reports) are required, and the PMO checks them.",
         "A common method exists (maturity about 2-3) and management wants comparable data, "
         "gates that are respected and no surprises, while projects stay in the business."),
        ("directive", "high",
         "Manages the projects itself: their project managers report to the PMO.",
         "Projects are the organisation's core business or a critical transformation, with a "
         "strong mandate from the top and project managers who can be assigned by the PMO."),
    ],
    columns=["type", "control", "what_it_does", "fits_when"],
)

#: The offices of AXELOS' P3O model (*Portfolio, Programme and Project Offices*, 2013
#: edition): names from the model, one-line descriptions the kit's.
P3O_OFFICES = pd.DataFrame(
    [
        ("Organisation portfolio office", "permanent", "the whole organisation",
         "Helps the board choose, prioritise and balance the portfolio of change and follows "
         "its delivery and benefits; often called the enterprise PMO (EPMO)."),
        ("Hub portfolio office", "permanent", "a division, a region or a business unit",
         "The same services as the portfolio office, for one part of a large organisation, "
         "reporting into the organisation portfolio office."),
        ("Programme office", "temporary", "one programme",
         "Supports a programme's management (planning, dependencies between its projects, "
         "benefits, reporting) and closes with it."),
        ("Project office", "temporary", "one large project",
         "Supports one project's manager and team (planning, control, documents) and closes "
         "with it."),
        ("Centre of excellence", "permanent", "the whole organisation",
         "Owns the standards, methods, templates and training, and may provide independent "
         "assurance; it can be a function of the portfolio office."),
    ],
    columns=["office", "lifetime", "scope", "what_it_does"],
)

#: The five essential roles of a PMO, as the course's sources sum them up (a common model of
#: practice, not a standard), with what the PMO does in each.
PMO_ROLES = pd.DataFrame(
    [
        ("organisational", "Organises the work of projects and of the portfolio: plans, "
         "resources and conflicts between projects, governance calendar, documentation.",
         "planning support, resource view across projects, board secretariat"),
        ("relational", "Works with and between people: the project manager's right hand, "
         "stakeholders, sponsors, the board; communication across projects.",
         "communication plans, PMO bulletin, stakeholder maps"),
        ("methodological", "Defines and harmonises the methods of projects, programmes and "
         "portfolios and makes them used: standards, templates, stage gates, tailoring.",
         "method and templates, gate reviews, maturity assessment"),
        ("analytical", "Measures and analyses: indicators (KPIs, OKRs), earned value, risk "
         "exposure, benefits; turns data into decisions.",
         "portfolio report, risk review, benefits tracking"),
        ("coaching", "Develops skills: trains teams in methods and tools and coaches project "
         "managers day to day.",
         "training courses, coaching, communities of practice"),
    ],
    columns=["role", "what_the_pmo_does", "services"],
)

#: The sources' five "key roles" of a PMO mapped onto the five essential roles (the mapping
#: is the kit's: the sources name both lists without joining them).
KEY_ROLES = pd.DataFrame(
    [
        ("The project manager's right hand", "organisational, relational",
         "assists on the technical side of the project and in the relations with the team and "
         "the stakeholders"),
        ("Manages the project management methodology", "methodological",
         "harmonises and reinforces project, programme and portfolio methods"),
        ("Guarantor of risk management", "analytical",
         "the sources' summary has no separate risk role; the kit files it under analysis of "
         "uncertainty"),
        ("Steers the project's success with indicators", "analytical",
         "KPIs and OKRs that show progress, success or failure"),
        ("The team's trainer", "coaching", "training and day-to-day coaching"),
    ],
    columns=["key_role", "essential_roles", "how"],
)

#: The degrees of authority of a service, and the PMO type each one stands for.
AUTHORITIES = {"support": "supportive", "control": "controlling", "direct": "directive"}

#: The statuses of a service in the catalogue.
SERVICE_STATUSES = ("running", "pilot", "planned", "retired")

#: The columns of a service catalogue.
CATALOGUE_COLUMNS = ("id", "service", "role", "customers", "authority", "service_level",
                     "perspective", "fte", "status")

#: The sections a PMO charter must have, in the kit's order (the kit's list, drawn from what
#: a mandate must settle: why, for whom, with what authority, resources and measures).
CHARTER_SECTIONS = ("mission", "sponsor", "reports to", "scope", "type and authority",
                    "services", "staffing and budget", "success measures", "review")

#: The PMO's own indicators: what each measures, whether it is an ``outcome`` (a result the
#: PMO answers for) or an ``activity`` (work it does, which proves nothing by itself), its
#: unit, Meridian's target (the charter's policy; none for activity) and which way is better.
#: The targets are the charter's for the end of 2026, except maturity's, level 3 by the end of
#: 2027 in every perspective, which the dashboard compares with the mean level. The ``kpi``
#: names are the columns of ``pmo_kpis.csv``.
PMO_KPIS = pd.DataFrame(
    [
        ("on_schedule_pct", "Projects on schedule (SPI(t) at least 0.95)", "outcome", "%", 70.0,
         "higher"),
        ("on_budget_pct", "Projects on budget (CPI at least 0.95)", "outcome", "%", 70.0,
         "higher"),
        ("benefits_realised_pct", "Benefits realised against plan, to date", "outcome", "%",
         90.0, "higher"),
        ("adoption_pct", "Projects that follow the method (gate compliance)", "outcome", "%",
         90.0, "higher"),
        ("maturity_level", "Maturity, mean level of the six perspectives", "outcome", "level",
         3.0, "higher"),
        ("satisfaction", "Satisfaction of sponsors and project managers (1-5)", "outcome",
         "score", 3.5, "higher"),
        ("reports_issued", "Reports issued in the quarter", "activity", "reports", math.nan,
         "higher"),
        ("templates_published", "Templates published (cumulative)", "activity", "templates",
         math.nan, "higher"),
        ("people_trained", "People trained (cumulative)", "activity", "people", math.nan,
         "higher"),
    ],
    columns=["kpi", "label", "kind", "unit", "target", "better"],
)


# --- the service catalogue -------------------------------------------------------------------


def check_catalogue(catalogue, staff_fte=None, include_planned=False):
    """The findings of a review of a PMO service catalogue, one row per problem.

    Args:
        catalogue: the catalogue (see the module's help for its columns).
        staff_fte: the PMO's staff in full-time equivalents; with it, the review checks that
            the services in operation (running and pilot, and planned ones with
            ``include_planned``) fit.
        include_planned: count the planned services in the staffing check (to see whether a
            tailored catalogue can be carried before starting it).

    Returns:
        A DataFrame ``id, check, severity, problem``, empty when the catalogue passes:

        * ``values`` (error): a role, authority, status or perspective that is not one of the
          valid values, an ``fte`` that is not a number >= 0, or a duplicate id;
        * ``customers`` (error): a service for nobody;
        * ``service level`` (error): a service in operation with no stated commitment (a
          service whose customers cannot tell whether it was delivered);
        * ``staffing`` (error): the services need more people than the PMO has;
        * ``roles`` (warning): one of the five roles no service in operation plays.

    >>> import pandas as pd
    >>> catalogue = pd.DataFrame({"id": ["S1", "S2"], "service": ["Reports", "Coaching"],
    ...     "role": ["analytical", "coaching"], "customers": ["board", ""],
    ...     "authority": ["control", "support"], "service_level": ["monthly", "on request"],
    ...     "perspective": ["", ""], "fte": [0.5, 0.8], "status": ["running", "running"]})
    >>> check_catalogue(catalogue, staff_fte=1.0)[["id", "check", "severity"]]
          id      check severity
    0     S2  customers    error
    1    PMO   staffing    error
    2    PMO      roles  warning
    """
    from .methodology import MATURITY_PERSPECTIVES

    frame = _read_catalogue(catalogue)
    findings = []

    def add(where, check, problem, severity="error"):
        findings.append((where, check, severity, problem))

    roles = tuple(PMO_ROLES["role"])
    repeated = frame["id"].duplicated() & (frame["id"] != "")
    for position, row in frame.iterrows():
        service = row["id"] or f"row {position + 2}"
        if repeated[position]:
            add(service, "values", f"{service} appears twice; give each service its own id.")
        for column, valid in (("role", roles), ("authority", tuple(AUTHORITIES)),
                              ("status", SERVICE_STATUSES)):
            if row[column] not in valid:
                add(service, "values", f"{service}: {column} {row[column]!r}; valid: "
                    f"{', '.join(valid)}.")
        if row["perspective"] and row["perspective"] not in MATURITY_PERSPECTIVES:
            add(service, "values", f"{service}: perspective {row['perspective']!r}; valid: "
                f"{', '.join(MATURITY_PERSPECTIVES)}, or empty.")
        if math.isnan(row["fte"]) or row["fte"] < 0:
            add(service, "values", f"{service}: fte {catalogue['fte'].iloc[position]!r}; give "
                "the PMO staff it takes, a number of full-time equivalents >= 0.")
        if not row["customers"]:
            add(service, "customers", f"{service} ({row['service']}) serves nobody: name its "
                "customers (board, sponsors, project managers, teams ...).")
        if row["status"] in ("running", "pilot") and not row["service_level"]:
            add(service, "service level", f"{service} ({row['service']}) is in operation with "
                "no service level: say what its customers can count on (how often, how fast).")
    counted = ("running", "pilot", "planned") if include_planned else ("running", "pilot")
    if staff_fte is not None:
        staff = _positive(staff_fte, "staff_fte")
        need = frame.loc[frame["status"].isin(counted), "fte"].sum()
        if need > staff + 1e-9:
            add("PMO", "staffing", f"The services {'including the planned ones ' if include_planned else ''}"
                f"need {need:.1f} FTE and the PMO has {staff:.1f}: stop or shrink a service, "
                "automate one, or staff the PMO before promising more.")
    active = frame[frame["status"].isin(("running", "pilot"))]
    missing = [r for r in roles if r not in set(active["role"])]
    if missing:
        add("PMO", "roles", f"No service in operation plays the {', '.join(missing)} role"
            f"{'s' if len(missing) > 1 else ''} of a PMO.", "warning")
    return pd.DataFrame(findings, columns=["id", "check", "severity", "problem"])


def catalogue_profile(catalogue, statuses=("running", "pilot")):
    """How the PMO's effort spreads over the three degrees of authority of its services.

    Counts the services with a status in ``statuses`` and their ``fte``. Returns a DataFrame
    indexed by authority (``support``, ``control``, ``direct``): ``type`` (the PMO type it
    stands for), ``services`` (their ids), ``count``, ``fte`` and ``share`` of the FTE.

    >>> import pandas as pd
    >>> catalogue = pd.DataFrame({"id": ["S1", "S2", "S3"], "service": ["a", "b", "c"],
    ...     "role": ["analytical", "coaching", "methodological"],
    ...     "customers": ["board", "teams", "project managers"],
    ...     "authority": ["control", "support", "control"], "service_level": ["x"] * 3,
    ...     "perspective": [""] * 3, "fte": [0.5, 0.4, 0.3], "status": ["running"] * 3})
    >>> catalogue_profile(catalogue)[["type", "count", "fte", "share"]]
                      type  count  fte  share
    authority
    support     supportive      1  0.4  0.333
    control    controlling      2  0.8  0.667
    direct       directive      0  0.0  0.000
    """
    frame = _read_catalogue(catalogue)
    active = frame[frame["status"].isin(statuses)]
    total = active["fte"].sum()
    rows = []
    for authority, kind in AUTHORITIES.items():
        own = active[active["authority"] == authority]
        fte = round(float(own["fte"].sum()), 6)
        rows.append((authority, kind, ", ".join(own["id"]), len(own), fte,
                     round(fte / total, 3) if total > 0 else 0.0))
    return pd.DataFrame(rows, columns=["authority", "type", "services", "count", "fte",
                                       "share"]).set_index("authority")


def pmo_type(catalogue, statuses=("running", "pilot")):
    """The PMO type a catalogue stands for: the authority that takes the most of its effort.

    The kit's reading of PMI's typology (PMBOK 6th ed., 2.4.4.3), which classifies PMOs by
    the control they exercise: a PMO is as controlling as the services its staff spend their
    time on. A tie goes to the lesser degree of control.

    >>> import pandas as pd
    >>> catalogue = pd.DataFrame({"id": ["S1", "S2"], "service": ["a", "b"],
    ...     "role": ["analytical", "coaching"], "customers": ["board", "teams"],
    ...     "authority": ["control", "support"], "service_level": ["x", "y"],
    ...     "perspective": ["", ""], "fte": [0.6, 0.4], "status": ["running", "running"]})
    >>> pmo_type(catalogue)
    'controlling'
    """
    profile = catalogue_profile(catalogue, statuses)
    if profile["fte"].sum() <= 0:
        raise PMOError("No service in operation takes any staff time: the catalogue says "
                       "nothing about the PMO's type.")
    best = profile["fte"].max()
    return str(profile.loc[(profile["fte"] - best).abs() < 1e-9, "type"].iloc[0])


def service_gaps(catalogue, levels, target=3):
    """The services to start, set against the maturity of each perspective.

    Args:
        catalogue: the service catalogue.
        levels: the maturity level of each perspective: a dict, a Series, or the profile of
            :func:`pmo_lessons.methodology.maturity_profile` (its ``level`` column).
        target: the level the PMO aims at, for every perspective (default 3, *Defined*).

    Returns:
        One row per perspective below ``target``, weakest first: ``level``, ``target``,
        ``running`` and ``pilot`` (the services that raise it, in operation or tried on a few
        projects), ``to_start`` (those planned, or retired, that would), and ``gap``:
        ``"start a service"``, ``"scale up the pilot"``, ``"no service"`` (design one), or
        ``"covered"`` (a service runs: it needs time, or a better design).

    >>> import pandas as pd
    >>> catalogue = pd.DataFrame({"id": ["S1", "S2"], "service": ["Risk review", "Resources"],
    ...     "role": ["analytical", "organisational"], "customers": ["board", "managers"],
    ...     "authority": ["control", "support"], "service_level": ["monthly", "weekly"],
    ...     "perspective": ["Risk", "Resources"], "fte": [0.2, 0.4],
    ...     "status": ["running", "planned"]})
    >>> service_gaps(catalogue, {"Risk": 2, "Resources": 1, "Governance": 3})[
    ...     ["level", "running", "to_start", "gap"]]
               level running to_start              gap
    perspective
    Resources      1               S2  start a service
    Risk           2      S1                   covered
    """
    frame = _read_catalogue(catalogue)
    if isinstance(levels, pd.DataFrame):
        require_columns(levels, ["level"], "the maturity profile", PMOError)
        levels = levels["level"]
    if isinstance(levels, pd.Series):
        levels = levels.to_dict()
    if not isinstance(levels, dict):
        raise PMOError("levels must map each perspective to its level (a dict, a Series or a "
                       "maturity profile).")
    rows = []
    for perspective, level in levels.items():
        if not isinstance(level, (int, np.integer)) or not 1 <= level <= 5:
            raise PMOError(f"The level of {perspective} is {level!r}; a level is a whole "
                           "number from 1 to 5.")
        if level >= target:
            continue
        own = frame[frame["perspective"] == perspective]
        running = own.loc[own["status"] == "running", "id"].tolist()
        pilots = own.loc[own["status"] == "pilot", "id"].tolist()
        waiting = own.loc[own["status"].isin(("planned", "retired")), "id"].tolist()
        if running:
            gap = "covered"
        elif pilots:
            gap = "scale up the pilot"
        else:
            gap = "start a service" if waiting else "no service"
        rows.append((perspective, int(level), target, ", ".join(running), ", ".join(pilots),
                     ", ".join(waiting), gap))
    gaps = pd.DataFrame(rows, columns=["perspective", "level", "target", "running", "pilot",
                                       "to_start", "gap"])
    gaps = gaps.sort_values("level", kind="stable").set_index("perspective")
    return gaps


# --- the charter ----------------------------------------------------------------------------


def check_charter(charter, sections=CHARTER_SECTIONS):
    """The sections a PMO charter is missing, or leaves empty.

    ``charter`` is a DataFrame ``section, text`` (``pmo_charter.csv``), section names as in
    :data:`CHARTER_SECTIONS` (case does not matter). Returns a DataFrame ``section, check,
    severity, problem``: ``missing`` and ``empty`` are errors; a ``success measures``
    section that names no outcome of :data:`PMO_KPIS` is a warning (a PMO that would be
    judged on its activity).

    >>> import pandas as pd
    >>> charter = pd.DataFrame({"section": ["Mission", "Success measures"],
    ...     "text": ["Help Meridian deliver its projects.", "Reports issued every month."]})
    >>> findings = check_charter(charter)
    >>> findings["check"].value_counts().to_dict()
    {'missing': 7, 'outcomes': 1}
    """
    require_columns(charter, ["section", "text"], "the charter", PMOError)
    texts = {}
    for section, text in zip(charter["section"], charter["text"]):
        key = _text(section).lower()
        texts[key] = (texts.get(key, "") + " " + _text(text)).strip()
    findings = []
    for section in sections:
        key = section.lower()
        if key not in texts:
            findings.append((section, "missing", "error", f"The charter has no '{section}' "
                             "section."))
        elif not texts[key]:
            findings.append((section, "empty", "error", f"The charter's '{section}' section is "
                             "empty."))
    measures = texts.get("success measures", "").lower()
    if measures:
        outcome_words = ("schedule", "budget", "benefit", "adoption", "maturity", "satisfaction",
                         "on time", "spi", "cpi")
        if not any(word in measures for word in outcome_words):
            findings.append(("success measures", "outcomes", "warning",
                             "The success measures name no outcome (projects on time and on "
                             "budget, benefits realised, adoption of the method, maturity, "
                             "satisfaction): a PMO judged on its activity proves nothing."))
    return pd.DataFrame(findings, columns=["section", "check", "severity", "problem"])


# --- proving the PMO's value -------------------------------------------------------------------


def value_dashboard(history, kpis=None, period="quarter"):
    """The PMO's value page: each KPI's latest value, its trend and its target.

    Args:
        history: the KPI history, one row per period (``pmo_kpis.csv``): a ``period`` column
            (``quarter`` by default) and one column per KPI, empty when not measured.
        kpis: the KPI definitions (default :data:`PMO_KPIS`; tailor the targets there).
        period: the name of the period column.

    Returns:
        One row per KPI of ``kpis`` found in ``history``, outcomes first: ``label``,
        ``kind``, ``unit``, ``latest`` (the last measured value), ``as_of`` (its period),
        ``previous`` (the measured value before it), ``change``, ``trend`` (``better``,
        ``worse``, ``flat`` or ``""`` with one value), ``target`` and ``status``: ``met``,
        ``not met``, ``not measured`` (never measured) or ``activity`` (no target: what the
        PMO does is not what it achieves).

    >>> import pandas as pd
    >>> history = pd.DataFrame({"quarter": ["2026-Q1", "2026-Q2"], "on_schedule_pct": [80.0, 60.0],
    ...                         "reports_issued": [40, 55]})
    >>> value_dashboard(history)[["latest", "previous", "trend", "target", "status"]]
                     latest  previous  trend  target    status
    kpi
    on_schedule_pct    60.0      80.0  worse    70.0   not met
    reports_issued     55.0      40.0  better     NaN  activity
    """
    definitions = PMO_KPIS if kpis is None else kpis
    require_columns(definitions, ["kpi", "label", "kind", "unit", "target", "better"],
                    "the KPI definitions", PMOError)
    require_columns(history, [period], "the KPI history", PMOError)
    ordered = history.sort_values(period, kind="stable")
    rows = []
    for kpi in definitions.sort_values("kind", key=lambda s: s.map({"outcome": 0}).fillna(1),
                                       kind="stable").to_dict("records"):
        name = kpi["kpi"]
        if name not in history.columns:
            continue
        values = pd.to_numeric(ordered[name], errors="coerce")
        bad = ordered[name].notna() & values.isna() & (ordered[name].astype(str).str.strip() != "")
        if bad.any():
            raise PMOError(f"The KPI history's {name} for {ordered.loc[bad, period].iloc[0]} is "
                           f"{ordered.loc[bad, name].iloc[0]!r}; give a number, or leave it "
                           "empty when it was not measured.")
        measured = values.dropna()
        periods = ordered.loc[measured.index, period]
        higher = str(kpi["better"]).strip().lower() != "lower"
        target = float(kpi["target"]) if not pd.isna(kpi["target"]) else math.nan
        if measured.empty:
            latest = previous = change = math.nan
            as_of, trend, status = "", "", "not measured"
        else:
            latest, as_of = float(measured.iloc[-1]), str(periods.iloc[-1])
            previous = float(measured.iloc[-2]) if len(measured) > 1 else math.nan
            change = latest - previous if len(measured) > 1 else math.nan
            if math.isnan(change):
                trend = ""
            elif abs(change) < 1e-9:
                trend = "flat"
            else:
                trend = "better" if (change > 0) == higher else "worse"
            if kpi["kind"] == "activity" or math.isnan(target):
                status = "activity" if kpi["kind"] == "activity" else "no target"
            else:
                status = "met" if (latest >= target if higher else latest <= target) else "not met"
        if kpi["kind"] == "activity" and status == "not measured":
            status = "activity"
        rows.append((name, kpi["label"], kpi["kind"], kpi["unit"], latest, as_of, previous,
                     change, trend, target, status))
    return pd.DataFrame(rows, columns=["kpi", "label", "kind", "unit", "latest", "as_of",
                                       "previous", "change", "trend", "target",
                                       "status"]).set_index("kpi")


# --- internals -----------------------------------------------------------------------------


def _text(value):
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return str(value).strip()


def _positive(value, what):
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise PMOError(f"{what} is {value!r}; give a number of full-time equivalents.") from None
    if math.isnan(number) or number < 0:
        raise PMOError(f"{what} is {value!r}; give a number of full-time equivalents >= 0.")
    return number


def _read_catalogue(catalogue):
    require_columns(catalogue, CATALOGUE_COLUMNS, "the service catalogue", PMOError)
    frame = pd.DataFrame({column: catalogue[column].map(_text).to_numpy()
                          for column in CATALOGUE_COLUMNS if column != "fte"})
    for column in ("role", "authority", "status"):
        frame[column] = frame[column].str.lower()
    frame["fte"] = pd.to_numeric(catalogue["fte"], errors="coerce").to_numpy(dtype=float)
    return frame
