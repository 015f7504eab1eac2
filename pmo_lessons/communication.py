"""Communication: who hears what, when and from whom; which KPIs deserve the dashboard; what a
status report must say first.

The checks a PMO runs on the way projects communicate (lesson 07), on the company's tables:
Mendelow's power/interest grid (:func:`stakeholder_grid`), the communication plan
(:func:`check_communication_plan`), the choice of KPIs (:func:`check_kpis`), the headline of a status
report (:func:`status_headline`) and the review of a draft (:func:`review_status_report`). Each check
returns its findings as a table (what, which check, severity, the problem in plain words).

>>> sorted(STAKEHOLDER_STRATEGIES.values())
['keep informed', 'keep satisfied', 'manage closely', 'monitor']
"""

from __future__ import annotations

import math
import re

import numpy as np
import pandas as pd

from .columns import require_columns
from .errors import ReportError
from .formats import date_text, money_text

__all__ = [
    "STAKEHOLDER_STRATEGIES", "FREQUENCIES", "DEFAULT_MAX_DAYS", "stakeholder_grid",
    "check_communication_plan", "check_kpis", "status_headline", "review_status_report",
]

#: Mendelow's power/interest grid: the strategy for each quadrant, keyed by (power, interest).
#: Mendelow, "Stakeholder mapping", Proceedings of the 2nd International Conference on Information
#: Systems, Cambridge MA, 1991; PMI, *PMBOK Guide*, 6th ed., 2017, section 13.1.2.4.
STAKEHOLDER_STRATEGIES = {
    ("high", "high"): "manage closely",
    ("high", "low"): "keep satisfied",
    ("low", "high"): "keep informed",
    ("low", "low"): "monitor",
}

#: The frequencies a communication plan may use, with the calendar days between two messages
#: (``None``: not a regular message; "per stage" and "on exception" come when something happens).
FREQUENCIES = {"daily": 1, "weekly": 7, "fortnightly": 14, "monthly": 31, "quarterly": 92,
               "per stage": None, "on exception": None}

#: The Meridian PMO's policy (not a standard): the longest interval, in calendar days, between two regular
#: messages to a stakeholder of each quadrant (``None``: no regular message is required).
DEFAULT_MAX_DAYS = {"manage closely": 31, "keep satisfied": 92, "keep informed": 31,
                    "monitor": None}

_COMMS_FINDINGS = ["stakeholder", "check", "severity", "problem"]
_KPI_FINDINGS = ["kpi", "check", "severity", "problem"]
_REVIEW_FINDINGS = ["part", "check", "severity", "problem"]


def _blank(value):
    if value is None:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    return isinstance(value, str) and not value.strip()


def _score_1_to_5(frame, column, what):
    for k, (name, value) in enumerate(zip(frame["stakeholder"], frame[column])):
        if isinstance(value, bool) or not isinstance(value, (int, float, np.integer, np.floating)) \
                or pd.isna(value) or value != int(value) or not 1 <= value <= 5:
            raise ReportError(f"{what}, row {k + 2} ({name}): {column} is {value!r}; valid: an "
                              "integer from 1 (lowest) to 5 (highest).")


def stakeholder_grid(stakeholders, high=4):
    """Place each stakeholder on the power/interest grid and give the strategy of its quadrant.

    ``stakeholders`` has ``stakeholder, power, interest`` (power and interest
    scored 1 to 5, as the PMO rates them). A score is **high** when it is at
    least ``high`` (4 by default: the PMO's convention, not a standard). The
    quadrants and their strategies are Mendelow's (1991), as in PMI, *PMBOK
    Guide* (6th ed., 2017), section 13.1.2.4: high power and high interest,
    **manage closely**; high power, low interest, **keep satisfied**; low
    power, high interest, **keep informed**; low and low, **monitor**.

    Returns a copy with ``power_level``, ``interest_level`` (``"high"`` or
    ``"low"``) and ``quadrant``. Rows ``(spreadsheet numbering, header = 1)``
    with a score outside 1-5 raise :class:`ReportError`.

    >>> people = pd.DataFrame({"stakeholder": ["Sponsor", "Key users", "Auditor"],
    ...                        "power": [5, 2, 4], "interest": [5, 5, 2]})
    >>> stakeholder_grid(people)["quadrant"].tolist()
    ['manage closely', 'keep informed', 'keep satisfied']
    """
    require_columns(stakeholders, ["stakeholder", "power", "interest"], "stakeholders", ReportError)
    if not 1 < high <= 5:
        raise ReportError(f"high is the score from which power or interest counts as high, a "
                          f"number in (1, 5]; got {high!r}.")
    names = stakeholders["stakeholder"]
    duplicated = names[names.duplicated()]
    if len(duplicated):
        raise ReportError(f"stakeholders: {duplicated.iloc[0]!r} appears twice; one row per "
                          "stakeholder.")
    for column in ("power", "interest"):
        _score_1_to_5(stakeholders, column, "stakeholders")
    grid = stakeholders.copy()
    grid["power_level"] = np.where(grid["power"] >= high, "high", "low")
    grid["interest_level"] = np.where(grid["interest"] >= high, "high", "low")
    grid["quadrant"] = [STAKEHOLDER_STRATEGIES[(p, i)]
                        for p, i in zip(grid["power_level"], grid["interest_level"])]
    return grid


def check_communication_plan(stakeholders, plan, high=4, max_days=None):
    """The findings of a communication plan review, one row per problem; empty means complete.

    ``stakeholders`` as for :func:`stakeholder_grid`; ``plan`` has one row per
    message: ``audience`` (a stakeholder), ``what``, ``frequency`` (one of
    :data:`FREQUENCIES`), ``channel`` and ``owner``, the columns of the
    communications management plan of PMI, *PMBOK Guide* (6th ed., 2017),
    section 10.1.3.1 (who, what, when, how, by whom).

    Checks: every row has ``what``, a ``channel`` and an ``owner``
    (``row``, error); every stakeholder to manage closely, keep satisfied or
    keep informed has a message (``missing``, error) at least as often as
    ``max_days`` allows for its quadrant (``frequency``, error; defaults in
    :data:`DEFAULT_MAX_DAYS`, the PMO's policy): "on exception" alone is not
    enough for someone who must hear regularly.

    An audience that is not a stakeholder, or a frequency that is not in
    :data:`FREQUENCIES`, raises :class:`ReportError` naming the row.

    >>> people = pd.DataFrame({"stakeholder": ["Sponsor", "Key users", "Auditor"],
    ...                        "power": [5, 2, 4], "interest": [5, 5, 2]})
    >>> plan = pd.DataFrame({"audience": ["Sponsor", "Key users"],
    ...     "what": ["Highlight report", "Release notes"], "frequency": ["on exception", "weekly"],
    ...     "channel": ["meeting", "e-mail"], "owner": ["PM", ""]})
    >>> check_communication_plan(people, plan)[["stakeholder", "check"]]
      stakeholder      check
    0   Key users        row
    1     Sponsor  frequency
    2     Auditor    missing
    """
    grid = stakeholder_grid(stakeholders, high)
    require_columns(plan, ["audience", "what", "frequency", "channel", "owner"], "plan", ReportError)
    limits = dict(DEFAULT_MAX_DAYS)
    if max_days is not None:
        unknown = set(max_days) - set(limits)
        if unknown:
            raise ReportError(f"max_days: unknown quadrant {sorted(unknown)[0]!r}; valid: "
                              f"{', '.join(limits)}.")
        limits.update(max_days)
    known = list(grid["stakeholder"].astype(str))
    findings, intervals = [], {name: [] for name in known}
    for k, row in enumerate(plan.itertuples(index=False)):
        where = f"plan, row {k + 2}"
        audience = str(row.audience).strip() if not _blank(row.audience) else ""
        if audience not in intervals:
            raise ReportError(f"{where}: audience {row.audience!r} is not a stakeholder; valid: "
                              f"{', '.join(known)}.")
        frequency = "" if _blank(row.frequency) else str(row.frequency).strip().lower()
        if frequency not in FREQUENCIES:
            raise ReportError(f"{where} ({audience}): frequency {row.frequency!r}; valid: "
                              f"{', '.join(FREQUENCIES)}.")
        lacking = [c for c in ("what", "channel", "owner") if _blank(getattr(row, c))]
        if lacking:
            findings.append((audience, "row", "error",
                             f"{where} ({audience}): no {' and no '.join(lacking)}; every message "
                             "says what is sent, through which channel, and who sends it."))
        intervals[audience].append(FREQUENCIES[frequency])
    for name, quadrant in zip(known, grid["quadrant"]):
        limit = limits[quadrant]
        if quadrant == "monitor":
            continue
        if not intervals[name]:
            findings.append((name, "missing", "error",
                             f"{name} ({quadrant}) gets no message at all; plan at least one"
                             + (f", every {limit} calendar days or more often." if limit else ".")))
            continue
        regular = [d for d in intervals[name] if d is not None]
        if limit is not None and (not regular or min(regular) > limit):
            heard = (f"every {min(regular)} calendar days at best" if regular
                     else "only per stage or on exception")
            findings.append((name, "frequency", "error",
                             f"{name} ({quadrant}) hears {heard}; the PMO's policy for this "
                             f"quadrant is a regular message at least every {limit} calendar days."))
    order = {name: k for k, name in enumerate(known)}
    rank = {"row": 0, "missing": 1, "frequency": 1}
    findings.sort(key=lambda f: (rank[f[1]], order.get(f[0], -1)))
    return pd.DataFrame(findings, columns=_COMMS_FINDINGS)


def check_kpis(kpis, max_kpis=7):
    """The findings of a KPI list review, one row per problem; an empty table means fit to publish.

    ``kpis`` has one row per indicator: ``kpi`` (its name), ``owner`` (who acts
    on it), ``threshold`` (the value that turns it amber or red, e.g.
    ``"< 0.90"``), ``decision`` (what the owner decides when it crosses the
    threshold) and, optionally, ``kind``: ``"leading"`` (predicts, e.g. the
    burn rate of the risk reserve) or ``"lagging"`` (records, e.g. CPI).

    Checks, after Parmenter, *Key Performance Indicators* (4th ed., Wiley,
    2019), chapter 1 (few indicators, each owned and acted on), and Kaplan &
    Norton, *The Balanced Scorecard* (1996), chapter 7 (leading and lagging
    measures): a KPI with no ``owner``, no ``threshold`` or no ``decision``
    (error: without a decision it is a **vanity metric**); the same KPI twice
    (error); more than ``max_kpis`` indicators (warning: a handful, not fifty;
    7 is the PMO's policy); no leading indicator when ``kind`` is given
    (warning: lagging indicators alone report too late to act).

    >>> kpis = pd.DataFrame({"kpi": ["SPI(t)", "Status reports issued"],
    ...     "owner": ["Head of PMO", "PMO analyst"], "threshold": ["< 0.90", ""],
    ...     "decision": ["Recovery plan or new date at the committee", ""],
    ...     "kind": ["lagging", "lagging"]})
    >>> check_kpis(kpis)[["kpi", "check", "severity"]]
                         kpi      check severity
    0  Status reports issued  threshold    error
    1  Status reports issued   decision    error
    2                             leading  warning
    """
    require_columns(kpis, ["kpi", "owner", "threshold", "decision"], "kpis", ReportError)
    if isinstance(max_kpis, bool) or not isinstance(max_kpis, int) or max_kpis < 1:
        raise ReportError(f"max_kpis is a whole number of indicators, at least 1; got {max_kpis!r}.")
    if "kind" in kpis.columns:
        for k, (name, kind) in enumerate(zip(kpis["kpi"], kpis["kind"])):
            if _blank(kind) or str(kind).strip().lower() not in ("leading", "lagging"):
                raise ReportError(f"kpis, row {k + 2} ({name}): kind is {kind!r}; valid: "
                                  "'leading' or 'lagging'.")
    findings, seen = [], set()
    why = {"owner": "nobody acts on it: name the person who answers for it",
           "threshold": "nobody can tell when it is bad: give the value that turns it red",
           "decision": "it drives no decision: a vanity metric; say what its owner decides when "
                       "it crosses the threshold, or drop it"}
    for k, row in enumerate(kpis.itertuples(index=False)):
        name = "" if _blank(row.kpi) else str(row.kpi).strip()
        if not name:
            raise ReportError(f"kpis, row {k + 2}: the KPI has no name.")
        if name in seen:
            findings.append((name, "duplicate", "error",
                             f"{name} appears twice; one row per indicator."))
            continue
        seen.add(name)
        for column in ("owner", "threshold", "decision"):
            if _blank(getattr(row, column)):
                findings.append((name, column, "error", f"{name}: no {column}; {why[column]}."))
    if len(seen) > max_kpis:
        findings.append(("", "count", "warning",
                         f"{len(seen)} indicators: more than the {max_kpis} a dashboard can show "
                         "and a reader can act on; keep the few that drive decisions."))
    if "kind" in kpis.columns and not (kpis["kind"].str.strip().str.lower() == "leading").any():
        findings.append(("", "leading", "warning",
                         "no leading indicator: lagging ones (CPI, SPI(t), % complete) say what "
                         "happened; add one that warns before it happens (reserve burn, open "
                         "high risks, defects found per week)."))
    return pd.DataFrame(findings, columns=_KPI_FINDINGS)


def status_headline(row, budget=None):
    """The first sentence of a status report: the RAG and the news, worst first, in working days and euros.

    ``row`` is one project's row of :func:`pmo_lessons.evm.dashboard` (a Series
    with ``name`` when present, ``rag``, ``cost_rag``, ``schedule_rag``,
    ``forecast_finish``, ``slip_days``, ``BAC``, ``EAC``; its ``.name`` is the
    project id; ``slip_days`` is in working days, as the dashboard gives it).
    ``budget`` is the approved budget with its reserve
    (projects.csv's ``budget_eur``): when the forecast exceeds it, the
    headline says so, since that is when the sponsor must decide.

    The schedule news comes from the earned-schedule forecast (SPI(t)), never
    from SPI, which drifts back to 1 at the end of a late project; the worse of
    cost and schedule comes first (the answer first: Minto, *The Pyramid
    Principle*, 3rd ed., 2009, chapter 1).

    >>> row = pd.Series({"name": "ERP roll-out", "rag": "red", "cost_rag": "red",
    ...     "schedule_rag": "red", "forecast_finish": pd.Timestamp("2027-03-30"),
    ...     "slip_days": 46, "BAC": 2_259_180.0, "EAC": 2_556_802.0}, name="ERP")
    >>> import textwrap
    >>> print(textwrap.fill(status_headline(row, budget=2_490_000), 100))
    ERP roll-out is RED: forecast to finish on 30 Mar 2027, 46 working days late; forecast cost 2.56 M€,
    298 k€ over its BAC of 2.26 M€ and above the approved budget with reserve (2.49 M€).
    """
    if not isinstance(row, pd.Series):
        raise ReportError(f"row is one project's row of evm.dashboard (a Series), not "
                          f"{type(row).__name__}.")
    for column in ("rag", "cost_rag", "schedule_rag", "slip_days", "forecast_finish", "BAC", "EAC"):
        if column not in row.index:
            raise ReportError(f"row has no {column!r}; pass a row of evm.dashboard, "
                              "e.g. board.loc['ERP'].")
    who = str(row["name"]) if "name" in row.index and not _blank(row["name"]) else str(row.name)
    slip = row["slip_days"]
    if pd.isna(slip):
        schedule = "no schedule forecast yet"
    elif slip > 0:
        schedule = (f"forecast to finish on {date_text(row['forecast_finish'])}, "
                    f"{_working_days(slip)} late")
    elif slip < 0:
        schedule = (f"forecast to finish on {date_text(row['forecast_finish'])}, "
                    f"{_working_days(-slip)} early")
    else:
        schedule = f"on time for {date_text(row['forecast_finish'])}"
    eac, bac = row["EAC"], row["BAC"]
    if pd.isna(eac):
        cost = "no cost forecast yet"
    else:
        gap = eac - bac
        side = "over" if gap > 0 else "under"
        cost = (f"forecast cost {money_text(eac)}, {money_text(abs(gap))} {side} its BAC of {money_text(bac)}"
                if abs(gap) >= 0.5 else f"forecast cost {money_text(eac)}, on its BAC")
        if budget is not None and eac > budget:
            cost += f" and above the approved budget with reserve ({money_text(budget)})"
    severity = {"grey": 0, "green": 1, "amber": 2, "red": 3}
    news = [schedule, cost]
    if severity.get(row["cost_rag"], 0) > severity.get(row["schedule_rag"], 0):
        news.reverse()
    return f"{who} is {str(row['rag']).upper()}: {news[0]}; {news[1]}."


def _working_days(days):
    """'1 working day', '46 working days'."""
    return f"{days:.0f} working day{'' if round(days) == 1 else 's'}"


_SCHEDULE_WORDS = re.compile(r"\b(late|delay|slip|behind|finish|days|weeks|go-live)")
_DATE = re.compile(r"\b\d{1,2} [A-Za-z]{3,9} \d{4}\b|\b\d{4}-\d{2}-\d{2}\b")
_COST_WORDS = re.compile(r"€|\b(budget|cost|eur|spend|spent|eac|overrun|overspen)")


def review_status_report(draft, board, thresholds=None, status_date=None, max_words=40):
    """The findings of a PMO review of a status report, one row per problem; empty means fit to send.

    ``draft`` is a dict: ``project`` (an id of ``board``), ``rag`` (the RAG the
    project manager reports), ``headline`` (the first sentence), optionally
    ``schedule_index`` (``"SPI"`` or ``"SPI_t"``, the index the report quotes)
    and ``asks``, a list of dicts ``decision, options, deadline`` (the
    decisions the report requests). ``board`` is :func:`pmo_lessons.evm.dashboard`
    computed with the same ``thresholds``; ``status_date`` defaults to the
    project's status date on the board.

    Checks, after AXELOS, *Managing Successful Projects with PRINCE2* (6th ed.,
    2017), appendix A.11 (highlight report) and A.10 (exception report):

    * ``rag`` (error): the reported RAG is not the one the indices give under
      the PMO's thresholds (a green report on a red project);
    * ``schedule index`` (error): the report quotes SPI where SPI and SPI(t)
      give different ratings (SPI drifts to 1 at the end of a late project);
    * ``headline``: it must name the RAG (error), carry the schedule news when
      the schedule is amber or red and the cost news when cost is (error: it
      buries the news; checked by words such as *late*, *finish*, *cost*,
      *budget*, *€*, a heuristic), and be one sentence of at most
      ``max_words`` words (warning);
    * ``ask``: each decision has a text, a deadline after the status date
      (error: a decision without a deadline is not a request) and at least two
      options (warning); an amber or red project with no ask gets a warning.

    >>> board = pd.DataFrame({"rag": ["red"], "cost_rag": ["green"], "schedule_rag": ["red"],
    ...     "SPI": [0.94], "SPI_t": [0.85], "status_date": [pd.Timestamp("2026-09-25")]},
    ...     index=pd.Index(["ERP"], name="project"))
    >>> draft = {"project": "ERP", "rag": "amber", "schedule_index": "SPI",
    ...          "headline": "Good progress this week on the build.", "asks": []}
    >>> review_status_report(draft, board)["check"].tolist()
    ['rag', 'schedule index', 'headline', 'headline', 'ask']
    """
    from .evm import rag_status

    if not isinstance(draft, dict):
        raise ReportError(f"draft is a dict with project, rag, headline and asks, not "
                          f"{type(draft).__name__}.")
    for key in ("project", "rag", "headline"):
        if key not in draft:
            raise ReportError(f"draft has no {key!r}; it needs project, rag and headline "
                              "(and optionally schedule_index and asks).")
    project = str(draft["project"])
    if project not in board.index:
        raise ReportError(f"draft: unknown project {project!r}; valid: "
                          f"{', '.join(map(str, board.index))}.")
    row = board.loc[project]
    rag = str(draft["rag"]).strip().lower()
    if rag not in ("green", "amber", "red"):
        raise ReportError(f"draft: rag is {draft['rag']!r}; valid: 'green', 'amber' or 'red'.")
    findings = []
    if rag != row["rag"]:
        findings.append(("rag", "rag", "error",
                         f"{project}: the report says {rag.upper()}, but CPI "
                         f"{row.get('CPI', float('nan')):.2f} and SPI(t) "
                         f"{row.get('SPI_t', float('nan')):.2f} make it {row['rag'].upper()} "
                         "under the PMO's thresholds; report the RAG the indices give, and "
                         "say why."))
    index = draft.get("schedule_index")
    if index is not None and str(index).replace("(", "_").replace(")", "") not in ("SPI", "SPI_t"):
        raise ReportError(f"draft: schedule_index is {index!r}; valid: 'SPI' or 'SPI_t'.")
    limits = _schedule_limits(thresholds)
    if index == "SPI" and "SPI" in row.index and "SPI_t" in row.index:
        by_spi, by_time = rag_status(row["SPI"], **limits), rag_status(row["SPI_t"], **limits)
        if by_spi != by_time:
            findings.append(("schedule", "schedule index", "error",
                             f"{project}: SPI {row['SPI']:.2f} reads {by_spi} but SPI(t) "
                             f"{row['SPI_t']:.2f} reads {by_time}; SPI is in euros and drifts "
                             "back to 1 as a late project ends: report SPI(t)."))
    headline = "" if _blank(draft["headline"]) else str(draft["headline"]).strip()
    lower = headline.lower()
    if not re.search(rf"\b{row['rag']}\b", lower):
        findings.append(("headline", "headline", "error",
                         f"the headline does not say the RAG ({row['rag'].upper()}); the "
                         "reader decides from the first sentence: put the status and its "
                         "reason there."))
    if row["schedule_rag"] in ("amber", "red") and not (
            _SCHEDULE_WORDS.search(lower) or _DATE.search(headline)):
        findings.append(("headline", "headline", "error",
                         f"the schedule is {row['schedule_rag'].upper()} but the headline says "
                         "nothing of the date: it buries the news. Give the forecast finish "
                         "and how late it is."))
    if row["cost_rag"] in ("amber", "red") and not _COST_WORDS.search(lower):
        findings.append(("headline", "headline", "error",
                         f"the cost is {row['cost_rag'].upper()} but the headline says nothing "
                         "of money: it buries the news. Give the forecast cost against the "
                         "budget."))
    if len(headline.split()) > max_words:
        findings.append(("headline", "headline", "warning",
                         f"the headline has {len(headline.split())} words; one sentence of at "
                         f"most {max_words} carries the news, the details follow."))
    date = pd.Timestamp(status_date if status_date is not None else row.get("status_date", pd.NaT))
    asks = draft.get("asks") or []
    for k, ask in enumerate(asks, start=1):
        if not isinstance(ask, dict):
            raise ReportError(f"draft: ask {k} is a dict with decision, options and deadline, "
                              f"not {type(ask).__name__}.")
        what = ask.get("decision")
        label = f"ask {k}" + ("" if _blank(what) else f" ({str(what)[:40]})")
        if _blank(what):
            findings.append(("ask", "ask", "error", f"{label}: no decision; say what the "
                                                    "committee must decide."))
        deadline = ask.get("deadline")
        when = pd.NaT if _blank(deadline) else pd.to_datetime(deadline, errors="coerce")
        if pd.isna(when):
            findings.append(("ask", "ask", "error",
                             f"{label}: no deadline; a decision without a date is not a "
                             "request. Say by when, and what happens if it is late."))
        elif pd.notna(date) and when <= date:
            findings.append(("ask", "ask", "error",
                             f"{label}: the deadline {when:%d %b %Y} is not after the status "
                             f"date {date:%d %b %Y}."))
        options = ask.get("options") or []
        if isinstance(options, str) or len(options) < 2:
            findings.append(("ask", "ask", "warning",
                             f"{label}: give the committee at least two options, with your "
                             "recommendation, not a single answer to rubber-stamp."))
    if not asks and row["rag"] in ("amber", "red"):
        findings.append(("ask", "ask", "warning",
                         f"{project} is {row['rag'].upper()} and asks for nothing: say what you "
                         "need (a decision, a resource, a date), or that you need nothing and "
                         "why."))
    return pd.DataFrame(findings, columns=_REVIEW_FINDINGS)


def _schedule_limits(thresholds):
    from .evm import rag_thresholds

    return rag_thresholds(thresholds)["SPI_t"]
