"""Benefits management: the register's checks, planned against realised benefits, payback and NPV.

A project delivers **outputs** (a CRM, a conveyor line); the business changes the way it works
(an **outcome**) and the change is worth something: a **benefit**, a measurable improvement
resulting from an outcome, which one or more stakeholders see as an advantage and which
contributes to the organisation's objectives, or a **dis-benefit**, a measurable decline that
stakeholders see as negative (after AXELOS, *Managing Successful Programmes*, 5th ed., 2020,
glossary; the kit's paraphrase). The PMO keeps them in a
**benefits register** and follows them after the project closes, because that is when they
are realised, or not.

The **register** (``benefits.csv``) has one row per benefit: ``id``, ``project``, ``benefit``
(its name), ``kind`` (``benefit`` or ``dis-benefit``), ``category`` (``cashable``: money the
company stops spending or starts earning; ``non-cashable``: time or capacity freed, valued
in euros but not in the bank; ``non-financial``: measured, not valued), ``objective`` and
``key_result`` (what it contributes to, as in ``okrs.csv``), ``owner`` (the business manager
who answers for realising it), ``measure``, ``unit``, ``baseline``, ``target``,
``target_date``, ``annual_value_eur`` (at full run rate, negative for a dis-benefit, 0 for a
non-financial benefit), ``start_date`` and ``ramp_months`` (when it starts, and how many
months it takes to reach its full rate: its **benefit profile** over time).

The **profiles** (``benefit_profiles.csv``) time-phase each valued benefit month by month:
``benefit`` (its id), ``month`` (the first day of the month), ``planned_eur`` and
``realised_eur``, empty until the benefit is measured that month.

:func:`check_benefits` makes the checks a PMO makes of a register. :func:`realisation` gives
the **realisation rate** to a date, per benefit or per project: what was realised over what
was planned **for the same months**. :func:`benefit_streams` adds up planned, realised and
forecast euros month by month, and :func:`business_case` turns them into the payback and the
net present value of the plan and of the forecast. :func:`npv` and :func:`payback` are the
two formulas, for any series of cash flows.

>>> round(npv([-40_000, 10_000, 12_000, 15_000, 10_000, 7_000], 0.13), 2)  # Van Horne's example
-1424.42
>>> payback([-40_000, 10_000, 12_000, 15_000, 10_000, 7_000])
3.3
"""

from __future__ import annotations

import math
import re

import numpy as np
import pandas as pd

from .columns import require_columns
from .errors import InputError

__all__ = [
    "BenefitsError",
    "KINDS",
    "CATEGORIES",
    "REGISTER_COLUMNS",
    "PROFILE_COLUMNS",
    "DISCOUNT_RATE",
    "check_benefits",
    "realisation",
    "benefit_streams",
    "business_case",
    "npv",
    "payback",
]

#: The kinds of a register row.
KINDS = ("benefit", "dis-benefit")

#: The categories of a benefit, from the most to the least bankable.
CATEGORIES = ("cashable", "non-cashable", "non-financial")

#: The columns :func:`check_benefits` reads.
REGISTER_COLUMNS = ("id", "project", "benefit", "kind", "category", "objective", "key_result",
                    "owner", "measure", "unit", "baseline", "target", "target_date",
                    "annual_value_eur")

#: The columns of a benefit profile table.
PROFILE_COLUMNS = ("benefit", "month", "planned_eur", "realised_eur")

#: Meridian's discount rate for business cases, a year (its finance policy, not a standard).
DISCOUNT_RATE = 0.08

_EPS = 1e-9


class BenefitsError(InputError):
    """A benefits register or profile the kit cannot read: a missing column, an unknown benefit..."""


# --- the register -----------------------------------------------------------------------


def check_benefits(register, projects=None, okrs=None):
    """The findings of the PMO's review of a benefits register, one row per problem.

    Args:
        register: the benefits register (see the module's help).
        projects: the projects table (``id`` and ``manager``); with it, the review also says
            which projects contribute to no benefit, and which benefits their project manager
            owns.
        okrs: the objectives and key results (``objective_id``, ``key_result_id``); with them,
            the review checks that each benefit names a real objective and key result.

    Returns:
        A DataFrame ``id, check, severity, problem`` (``id`` is the benefit's, or the
        project's for ``no benefit``), empty when the register passes. The checks, each an
        ``error`` unless said otherwise:

        * ``owner``: no owner; a **warning** when the owner is the project's manager (the
          project closes before its benefits are realised, and its manager moves on: the
          owner is the business manager whose operation changes);
        * ``measure``: no measure, no baseline or no target, a target equal to its baseline,
          or no target date: a benefit nobody can verify;
        * ``objective``: no objective, an unknown one, or a key result that is unknown or
          belongs to another objective;
        * ``value``: a sign that contradicts the kind (a dis-benefit is a decline: negative
          euros), a valued non-financial benefit, or a financial one with no value;
        * ``kind`` and ``category``: values outside :data:`KINDS` and :data:`CATEGORIES`;
        * ``duplicate``: the same id twice;
        * ``counted twice``: two valued rows with the same measure (the same improvement
          claimed twice, the classic inflation of a portfolio's benefits); a **warning**
          when two projects value the same key result (check that they are different
          improvements);
        * ``no benefit`` (with ``projects``): a project that contributes to no benefit.

    >>> import pandas as pd
    >>> register = pd.DataFrame({
    ...     "id": ["B1", "B2"], "project": ["P", "Q"], "benefit": ["Stock", "Stock too"],
    ...     "kind": ["benefit", "benefit"], "category": ["cashable", "cashable"],
    ...     "objective": ["O1", "O1"], "key_result": ["KR1", "KR1"],
    ...     "owner": ["Ann", "Bob"], "measure": ["Days of stock", "days of stock "],
    ...     "unit": ["days", "days"], "baseline": [70, 70], "target": [60, 60],
    ...     "target_date": ["2027-12-31", "2027-12-31"],
    ...     "annual_value_eur": [500_000, 300_000]})
    >>> check_benefits(register)[["id", "check", "severity"]]
       id          check severity
    0  B2  counted twice    error
    1  B2  counted twice  warning
    """
    require_columns(register, REGISTER_COLUMNS, "the benefits register", BenefitsError)
    managers = {}
    if projects is not None:
        require_columns(projects, ["id"], "projects", BenefitsError)
        managers = dict(zip(projects["id"].map(_text),
                            projects["manager"].map(_text) if "manager" in projects.columns
                            else [""] * len(projects)))
    objectives, key_results = None, None
    if okrs is not None:
        require_columns(okrs, ["objective_id", "key_result_id"], "okrs", BenefitsError)
        objectives = set(okrs["objective_id"].map(_text))
        key_results = dict(zip(okrs["key_result_id"].map(_text), okrs["objective_id"].map(_text)))
    findings = []
    seen_ids, measures, valued_krs = {}, {}, {}
    for position, row in enumerate(register.to_dict("records")):
        benefit = _text(row["id"]) or f"row {position + 2}"

        def add(check, problem, severity="error", benefit=benefit):
            findings.append((benefit, check, severity, problem))

        if benefit in seen_ids:
            add("duplicate", f"{benefit} is on rows {seen_ids[benefit] + 2} and {position + 2}; "
                "give each benefit its own id.")
        seen_ids.setdefault(benefit, position)
        project = _text(row["project"])
        if projects is not None and project not in managers:
            add("project", f"{benefit}: project {project!r} is not in the portfolio; valid: "
                f"{', '.join(managers)}.")
        owner = _text(row["owner"])
        if not owner:
            add("owner", f"{benefit}: no owner. Name the business manager who answers for "
                "realising it (not the project manager, who leaves at closure).")
        elif managers.get(project) and _same_person(owner, managers[project]):
            add("owner", f"{benefit}: its owner, {owner}, is the project manager of {project}. "
                "The project closes before the benefit is realised; the owner is the business "
                "manager whose operation changes.", "warning")
        missing = [c for c in ("measure", "baseline", "target", "target_date") if _blank(row[c])]
        if missing:
            add("measure", f"{benefit}: no {', no '.join(missing)}; without "
                f"{'it' if len(missing) == 1 else 'them'} nobody can say whether the benefit was "
                "realised.")
        elif _number(row["baseline"], benefit, "baseline") == _number(row["target"], benefit,
                                                                       "target"):
            add("measure", f"{benefit}: its target equals its baseline "
                f"({_number(row['target'], benefit, 'target'):g}); a benefit is a change.")
        objective, key_result = _text(row["objective"]), _text(row["key_result"])
        if not objective:
            add("objective", f"{benefit}: no objective. Every benefit contributes to one of the "
                "company's objectives, or it is not a benefit of the portfolio.")
        elif objectives is not None and objective not in objectives:
            add("objective", f"{benefit}: objective {objective!r} is not one of the company's; "
                f"valid: {', '.join(sorted(objectives))}.")
        if key_result and key_results is not None:
            if key_result not in key_results:
                add("objective", f"{benefit}: key result {key_result!r} is unknown; valid: "
                    f"{', '.join(sorted(key_results))}.")
            elif objective and key_results[key_result] != objective:
                add("objective", f"{benefit}: key result {key_result} belongs to objective "
                    f"{key_results[key_result]}, not {objective}.")
        kind, category = _text(row["kind"]), _text(row["category"])
        if kind not in KINDS:
            add("kind", f"{benefit}: kind {kind!r}; valid: {', '.join(KINDS)}.")
        if category not in CATEGORIES:
            add("category", f"{benefit}: category {category!r}; valid: {', '.join(CATEGORIES)}.")
        value = 0.0 if _blank(row["annual_value_eur"]) else _number(
            row["annual_value_eur"], benefit, "annual_value_eur")
        if category == "non-financial" and value != 0:
            add("value", f"{benefit}: a non-financial benefit has no euro value (it has "
                f"{value:,.0f}); give it a measure, or make it cashable or non-cashable.")
        elif category in ("cashable", "non-cashable") and value == 0:
            add("value", f"{benefit}: a {category} benefit is valued in euros; its "
                "annual_value_eur is 0.")
        elif kind == "dis-benefit" and value > 0:
            add("value", f"{benefit}: a dis-benefit is a decline, so its value is negative "
                f"(-{value:,.0f} EUR a year, not +{value:,.0f}).")
        elif kind == "benefit" and value < 0:
            add("value", f"{benefit}: a benefit with a negative value ({value:,.0f}) is a "
                "dis-benefit; set its kind to dis-benefit.")
        if value != 0:
            measure = _normalised(row["measure"])
            if measure and measure in measures:
                add("counted twice", f"{benefit} values the same measure as {measures[measure]} "
                    f"({_text(row['measure'])!r}): the same improvement would count twice in the "
                    "portfolio's benefits. Keep it once, with the project that realises it.")
            measures.setdefault(measure, benefit)
            if key_result:
                other = valued_krs.get(key_result)
                if other and other[1] != project:
                    add("counted twice", f"{benefit} ({project}) and {other[0]} ({other[1]}) both "
                        f"put euros on key result {key_result}; check that they are different "
                        "improvements.", "warning")
                valued_krs.setdefault(key_result, (benefit, project))
    if projects is not None:
        claimed = set(register["project"].map(_text))
        for project in managers:
            if project not in claimed:
                findings.append((project, "no benefit", "error",
                                 f"Project {project} contributes to no benefit in the register: "
                                 "either its business case is missing, or it should not run."))
    return pd.DataFrame(findings, columns=["id", "check", "severity", "problem"])


# --- realisation ------------------------------------------------------------------------


def realisation(profiles, as_of, register=None, by="benefit"):
    """The realisation rate of each benefit (or project) up to a date: realised / planned.

    Args:
        profiles: the benefit profiles (``benefit, month, planned_eur, realised_eur``).
        as_of: the last month counted (a date; its month is included).
        register: the register, to name each benefit's project (needed for ``by="project"``).
        by: ``"benefit"`` or ``"project"``.

    Returns:
        One row per benefit (or project): ``planned_to_date`` and ``realised_to_date``
        (euros, over the months up to ``as_of``), ``rate`` (realised / planned, NaN when
        nothing was planned yet), ``months_planned`` (months with a plan) and
        ``months_unreported`` (months with a plan and no measured value, for a project: with
        at least one of its benefits unmeasured; counted as nothing realised, since a benefit
        nobody measured is not evidenced).

    The rate compares like with like: the months to date, not the whole plan, and not a
    full year against the months gone. A dis-benefit has a negative plan; its rate above 1
    means it costs more than planned. A project's rate nets its dis-benefits.

    >>> import pandas as pd
    >>> profiles = pd.DataFrame({"benefit": ["B1"] * 4,
    ...     "month": pd.to_datetime(["2026-07-01", "2026-08-01", "2026-09-01", "2026-10-01"]),
    ...     "planned_eur": [1000.0, 1000.0, 2000.0, 2000.0],
    ...     "realised_eur": [800.0, 900.0, None, None]})
    >>> realisation(profiles, "2026-09-30")[["planned_to_date", "realised_to_date", "rate",
    ...                                      "months_unreported"]]
            planned_to_date  realised_to_date    rate  months_unreported
    benefit
    B1               4000.0            1700.0  0.425                  1
    """
    frame = _read_profiles(profiles)
    if by not in ("benefit", "project"):
        raise BenefitsError(f"by must be 'benefit' or 'project', not {by!r}.")
    cut = _month(as_of, "as_of")
    past = frame[frame["month"] <= cut].copy()
    past["reported"] = past["realised_eur"].notna()
    past["planned"] = past["planned_eur"].abs() > _EPS
    past["realised"] = past["realised_eur"].fillna(0.0)
    past["unreported"] = past["planned"] & ~past["reported"]
    key = "benefit"
    if by == "project":
        past["project"] = past["benefit"].map(_projects_of(register, past["benefit"]))
        key = "project"
    order = list(dict.fromkeys(frame["benefit"] if by == "benefit"
                               else frame["benefit"].map(_projects_of(register, frame["benefit"]))))
    grouped = past.groupby(key, sort=False)
    table = pd.DataFrame({
        "planned_to_date": grouped["planned_eur"].sum(),
        "realised_to_date": grouped["realised"].sum(),
        "months_planned": past[past["planned"]].groupby(key, sort=False)["month"].nunique(),
        "months_unreported": past[past["unreported"]].groupby(key, sort=False)["month"].nunique(),
    }).reindex(order)
    table[["planned_to_date", "realised_to_date"]] = table[
        ["planned_to_date", "realised_to_date"]].fillna(0.0)
    table[["months_planned", "months_unreported"]] = table[
        ["months_planned", "months_unreported"]].fillna(0).astype(int)
    planned = table["planned_to_date"]
    table.insert(2, "rate", (table["realised_to_date"] / planned.where(planned.abs() > _EPS)))
    table.index.name = key
    return table


def benefit_streams(profiles, as_of, benefits=None):
    """Planned, realised and forecast euros month by month, summed over some benefits.

    ``benefits`` is a list of benefit ids (default: all of ``profiles``). ``realised`` is the
    measured value up to ``as_of`` (0 where a planned month was not measured, NaN after);
    ``forecast`` is what is realised up to ``as_of``, then each benefit's plan times its
    realisation rate to date (:func:`realisation`): the plan as the evidence so far bends it.
    A benefit with nothing planned yet keeps its plan (there is no evidence either way).

    Returns a DataFrame indexed by month: ``planned``, ``realised``, ``forecast`` and their
    cumulative sums ``planned_cum``, ``realised_cum``, ``forecast_cum``.

    >>> import pandas as pd
    >>> profiles = pd.DataFrame({"benefit": ["B1"] * 3,
    ...     "month": pd.to_datetime(["2026-08-01", "2026-09-01", "2026-10-01"]),
    ...     "planned_eur": [1000.0, 1000.0, 1000.0], "realised_eur": [500.0, 500.0, None]})
    >>> benefit_streams(profiles, "2026-09-30")[["planned", "realised", "forecast"]]
                planned  realised  forecast
    month
    2026-08-01   1000.0     500.0     500.0
    2026-09-01   1000.0     500.0     500.0
    2026-10-01   1000.0       NaN     500.0
    """
    frame = _read_profiles(profiles)
    if benefits is not None:
        wanted = [benefits] if isinstance(benefits, str) else list(benefits)
        unknown = [b for b in wanted if b not in set(frame["benefit"])]
        if unknown:
            raise BenefitsError(f"No profile for benefit(s) {', '.join(unknown)}; the profiles "
                                f"have {', '.join(dict.fromkeys(frame['benefit']))}.")
        frame = frame[frame["benefit"].isin(wanted)]
    cut = _month(as_of, "as_of")
    rates = realisation(frame, cut)["rate"]
    past = frame["month"] <= cut
    realised = frame["realised_eur"].where(~past, frame["realised_eur"].fillna(0.0))
    realised = realised.where(past)
    factor = frame["benefit"].map(rates).fillna(1.0)
    forecast = np.where(past, realised.fillna(0.0), frame["planned_eur"] * factor)
    monthly = pd.DataFrame({"month": frame["month"], "planned": frame["planned_eur"],
                            "realised": realised, "forecast": forecast})
    grouped = monthly.groupby("month")
    result = pd.DataFrame({"planned": grouped["planned"].sum(),
                           "realised": grouped["realised"].sum(min_count=1),
                           "forecast": grouped["forecast"].sum()})
    result.loc[result.index > cut, "realised"] = np.nan
    for column in ("planned", "realised", "forecast"):
        result[f"{column}_cum"] = result[column].cumsum()
    result.loc[result.index > cut, "realised_cum"] = np.nan
    result.index.name = "month"
    return result


def business_case(profiles, register, projects, project, as_of, rate=DISCOUNT_RATE):
    """The payback and the NPV of a project's benefits, as planned and as now forecast.

    The business case counts the project's approved budget (``budget_eur`` of ``projects``)
    as spent in its start month (t = 0), and its benefits month by month from its profiles
    (dis-benefits negative), ``t`` months later: NPV = sum of CF_t / (1 + rate)^(t / 12).
    The payback is the time, in years from the start month, at which the cumulative cash
    flows turn positive (interpolated within the month, as :func:`payback` does).

    Returns a DataFrame indexed by ``planned`` and ``forecast`` (the forecast of
    :func:`benefit_streams`): ``benefits_eur`` (undiscounted), ``cost_eur``, ``npv_eur`` and
    ``payback_years`` (NaN when the benefits never pay the cost back within their horizon).

    >>> import pandas as pd
    >>> register = pd.DataFrame({"id": ["B1"], "project": ["P"]})
    >>> projects = pd.DataFrame({"id": ["P"], "start_date": ["2026-01-05"],
    ...                          "budget_eur": [1000.0]})
    >>> profiles = pd.DataFrame({"benefit": ["B1"] * 24,
    ...     "month": pd.date_range("2026-01-01", periods=24, freq="MS"),
    ...     "planned_eur": [100.0] * 24, "realised_eur": [50.0] * 9 + [None] * 15})
    >>> case = business_case(profiles, register, projects, "P", as_of="2026-09-30", rate=0.0)
    >>> case[["benefits_eur", "npv_eur", "payback_years"]]
              benefits_eur  npv_eur  payback_years
    planned         2400.0   1400.0       0.750000
    forecast        1200.0    200.0       1.583333
    """
    require_columns(register, ["id", "project"], "the benefits register", BenefitsError)
    require_columns(projects, ["id", "start_date", "budget_eur"], "projects", BenefitsError)
    table = projects.assign(id=projects["id"].map(_text)).set_index("id")
    if project not in table.index:
        raise BenefitsError(f"Project {project!r} is not in projects; valid: "
                            f"{', '.join(table.index)}.")
    own = [b for b, p in zip(register["id"].map(_text), register["project"].map(_text))
           if p == project]
    frame = _read_profiles(profiles)
    own = [b for b in own if b in set(frame["benefit"])]
    if not own:
        raise BenefitsError(f"Project {project} has no valued benefit in the profiles: its "
                            "business case has no benefits to count.")
    streams = benefit_streams(frame, as_of, own)
    start = _month(table.at[project, "start_date"], f"the start_date of {project}")
    cost = _number(table.at[project, "budget_eur"], project, "budget_eur")
    months = [(m.year - start.year) * 12 + m.month - start.month for m in streams.index]
    if min(months) < 0:
        raise BenefitsError(f"{project}: a benefit is planned before the project starts "
                            f"({streams.index[0]:%b %Y}).")
    rows = {}
    for name in ("planned", "forecast"):
        flows = np.zeros(max(months) + 1)
        flows[0] -= cost
        for t, value in zip(months, streams[name]):
            flows[t] += value
        rows[name] = (float(streams[name].sum()), cost, float(npv(flows, rate, 12)),
                      payback(flows, 12))
    return pd.DataFrame.from_dict(rows, orient="index",
                                  columns=["benefits_eur", "cost_eur", "npv_eur", "payback_years"])


# --- the two formulas ---------------------------------------------------------------------


def npv(cash_flows, rate, periods_per_year=1):
    """Net present value of cash flows CF_0, CF_1 ... one period apart, the first one now.

    NPV = sum over t of CF_t / (1 + rate)^(t / periods_per_year), where ``rate`` is a rate a
    year and t counts periods from 0 (CF_0 is not discounted: an investment made today). With
    monthly flows and ``periods_per_year=12``, each month is discounted by the twelfth root
    of the yearly factor. Source: J. C. Van Horne and J. M. Wachowicz, *Fundamentals of
    Financial Management*, 13th ed., Pearson, 2009, chapter 13 (net present value).
    Spreadsheets' NPV function discounts its first value a whole period: put a 0 first to
    use it the same way.

    >>> round(npv([-1000, 600, 600], 0.10), 2)
    41.32
    >>> round(npv([0, 500, 1500, 4000, 10000], 0.10), 4)  # Adobe FormCalc's example
    11529.6086
    """
    flows = _flows(cash_flows)
    rate = _rate(rate)
    per_year = _per_year(periods_per_year)
    times = np.arange(len(flows)) / per_year
    return float(np.sum(flows / (1.0 + rate) ** times))


def payback(cash_flows, periods_per_year=1):
    """The payback period: when the cumulative cash flows turn positive, in years.

    Flows CF_0, CF_1 ... one period apart, the first one now (usually the investment, a
    negative number). The payback is a + (-C_a) / CF_(a+1) periods, where a is the last
    period whose cumulative flow C_a is still negative: the recovery is spread evenly over
    the period that completes it (Van Horne and Wachowicz, *Fundamentals of Financial
    Management*, 13th ed., 2009, chapter 13: "a + (b - c) / d"). Divided by
    ``periods_per_year`` to give years. NaN when the flows never pay back; 0 when nothing is
    owed at the start. It ignores the time value of money and what comes after the payback:
    a screen, never a substitute for the NPV.

    >>> payback([-1000, 300, 400, 500])
    2.6
    >>> payback([-1000, 100, 100])
    nan
    """
    flows = _flows(cash_flows)
    per_year = _per_year(periods_per_year)
    cumulative = np.cumsum(flows)
    if cumulative[0] >= 0:
        return 0.0
    positive = np.flatnonzero(cumulative >= -_EPS)
    if not len(positive):
        return math.nan
    after = int(positive[0])
    before = after - 1
    share = -cumulative[before] / flows[after]
    return round(float((before + share) / per_year), 9)


# --- internals ------------------------------------------------------------------------------


def _text(value):
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if value is pd.NaT:
        return ""
    return str(value).strip()


def _blank(value):
    return _text(value) == "" or (not isinstance(value, str) and pd.isna(value))


def _number(value, where, column):
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise BenefitsError(f"{where}: {column} is {value!r}; give a number.") from None
    if math.isnan(number):
        raise BenefitsError(f"{where}: {column} is empty; give a number.")
    return number


def _normalised(text):
    return re.sub(r"\s+", " ", _text(text).lower())


def _same_person(a, b):
    """Whether two names are one person ('Paul Girard' and 'Paul Girard (ERP PM)')."""
    def core(name):
        return re.sub(r"\s*\(.*?\)\s*", " ", name).strip().lower()
    return core(a) == core(b)


def _month(value, what):
    try:
        day = pd.Timestamp(value)
    except (TypeError, ValueError):
        raise BenefitsError(f"{what} is {value!r}; give a date such as '2026-09-30'.") from None
    if pd.isna(day):
        raise BenefitsError(f"{what} is empty; give a date such as '2026-09-30'.")
    return pd.Timestamp(day.year, day.month, 1)


def _read_profiles(profiles):
    require_columns(profiles, PROFILE_COLUMNS, "the benefit profiles", BenefitsError)
    frame = pd.DataFrame({"benefit": profiles["benefit"].map(_text).to_numpy()})
    months = []
    for position, value in enumerate(profiles["month"]):
        months.append(_month(value, f"Row {position + 2} of the profiles: month"))
    frame["month"] = pd.to_datetime(months)
    for column in ("planned_eur", "realised_eur"):
        values = pd.to_numeric(profiles[column], errors="coerce").to_numpy(dtype=float)
        given = profiles[column].map(lambda v: not _blank(v)).to_numpy()
        bad = np.flatnonzero(given & np.isnan(values))
        if len(bad):
            raise BenefitsError(f"Row {bad[0] + 2} of the profiles: {column} is "
                                f"{profiles[column].iloc[bad[0]]!r}; give euros, or leave "
                                "realised_eur empty when it was not measured.")
        frame[column] = values
    if frame["planned_eur"].isna().any():
        row = int(np.flatnonzero(frame["planned_eur"].isna())[0]) + 2
        raise BenefitsError(f"Row {row} of the profiles has no planned_eur; plan 0 for a month "
                            "with nothing planned.")
    if frame.duplicated(["benefit", "month"]).any():
        row = int(np.flatnonzero(frame.duplicated(["benefit", "month"]))[0]) + 2
        raise BenefitsError(f"Row {row} of the profiles repeats benefit "
                            f"{frame['benefit'].iloc[row - 2]} for "
                            f"{frame['month'].iloc[row - 2]:%b %Y}; one row per benefit and month.")
    return frame.sort_values(["benefit", "month"], kind="stable").reset_index(drop=True)


def _projects_of(register, benefits):
    if register is None:
        raise BenefitsError("Give the register to group benefits by project.")
    require_columns(register, ["id", "project"], "the benefits register", BenefitsError)
    project_of = dict(zip(register["id"].map(_text), register["project"].map(_text)))
    unknown = sorted(set(benefits) - set(project_of))
    if unknown:
        raise BenefitsError(f"Benefit(s) {', '.join(unknown)} of the profiles are not in the "
                            "register.")
    return project_of


def _flows(cash_flows):
    try:
        flows = np.asarray(list(cash_flows), dtype=float)
    except (TypeError, ValueError):
        raise BenefitsError("Cash flows must be a list of numbers (euros), the first one "
                            "now.") from None
    if flows.ndim != 1 or not len(flows):
        raise BenefitsError("Give at least one cash flow, the first one now.")
    if np.isnan(flows).any() or np.isinf(flows).any():
        raise BenefitsError(f"Cash flow number {int(np.flatnonzero(~np.isfinite(flows))[0])} "
                            "is not a number; give 0 for a period with no flow.")
    return flows


def _rate(rate):
    try:
        value = float(rate)
    except (TypeError, ValueError):
        raise BenefitsError(f"The discount rate is {rate!r}; give it as a fraction a year "
                            "(0.08 for 8 %).") from None
    if math.isnan(value) or value <= -1:
        raise BenefitsError(f"The discount rate is {rate!r}; give a fraction above -1 "
                            "(0.08 for 8 %).")
    if value >= 1:
        raise BenefitsError(f"A discount rate of {value:g} is {value:.0%} a year: give it as a "
                            "fraction (0.08 for 8 %).")
    return value


def _per_year(periods_per_year):
    if isinstance(periods_per_year, bool) or periods_per_year not in (1, 2, 4, 12, 52):
        raise BenefitsError(f"periods_per_year is {periods_per_year!r}; valid: 1 (years), 2, 4 "
                            "(quarters), 12 (months) or 52 (weeks).")
    return periods_per_year
