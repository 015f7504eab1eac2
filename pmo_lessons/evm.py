"""Monitoring: earned value (EVM), earned schedule, forecasts, dashboards and OKRs.

Conventions, as in PMI, *PMBOK Guide* (6th ed., 2017), section 7.4.2.2 and
Table 7-1, and PMI, *Practice Standard for Earned Value Management* (2nd ed.,
2011):

* ``BAC`` (budget at completion) is the **performance measurement baseline**:
  the sum of the budgeted cost of the work, *without* the management reserve.
  In the company's data that is ``budget_eur - reserve_eur`` of projects.csv.
* ``PV``, ``EV`` and ``AC`` are **cumulative** amounts at the status date:
  planned value, earned value (the budget of the work actually done) and actual
  cost.
* Variances are ``earned minus something``: **negative is bad** (CV = EV - AC
  < 0 is an overrun, SV = EV - PV < 0 is behind plan). Indices are ``earned
  over something``: **below 1 is bad**.
* Earned schedule (Lipke, "Schedule is Different", *The Measurable News*,
  March 2003) measures the schedule in time: ``ES`` is the time at which the
  plan expected the EV earned so far; time is in periods (weeks here) from the
  project's start, period 1 ending at the first status date.

A quantity that cannot be computed (CPI with no cost booked yet, a forecast
from a CPI of 0, SPI(t) at time 0) is **never** returned as ``inf``: it is
``NaN``, and the result's ``attrs["undefined"]`` says which metric is undefined,
where, and why. Pass ``on_undefined="raise"`` to get an :class:`EVMError`
instead.

>>> m = evm_metrics(bac=1000, pv=500, ev=400, ac=500)
>>> m[["CV", "SV", "CPI", "SPI", "EAC"]].round(2).to_dict()
{'CV': -100.0, 'SV': -100.0, 'CPI': 0.8, 'SPI': 0.8, 'EAC': 1250.0}
"""

from __future__ import annotations

import math
from numbers import Number

import numpy as np
import pandas as pd

from .calendars import WORK_WEEK, as_calendar
from .columns import require_columns
from .errors import InputError
from .schedule import cpm

__all__ = [
    "EVMError",
    "METRICS",
    "SCHEDULE_METRICS",
    "DEFAULT_THRESHOLDS",
    "evm_metrics",
    "plan_duration",
    "earned_schedule",
    "bac_from_projects",
    "baseline_pv",
    "time_phased",
    "rag_status",
    "rag_thresholds",
    "dashboard",
    "okr_progress",
    "okr_rollup",
]

#: The cost-based metrics of :func:`evm_metrics`, in the order it returns them.
METRICS = ("CV", "SV", "CPI", "SPI", "EAC", "ETC", "VAC", "TCPI",
           "EAC_atypical", "EAC_cpi_spi", "TCPI_EAC")

#: The time-based metrics of :func:`earned_schedule`, in the order it returns them.
SCHEDULE_METRICS = ("ES", "SV_t", "SPI_t", "IEAC_t")

#: Default RAG thresholds on a performance index (CPI, SPI(t)): green when the
#: index is >= ``green``, amber when >= ``amber``, red below. These are the
#: Meridian PMO's policy, a common choice, not a standard: pass your own.
DEFAULT_THRESHOLDS = {"green": 0.95, "amber": 0.90}

_MONEY = ("PV", "EV", "AC")
_TOLERANCE = 1e-9  # relative, for "EV above BAC" and "decreasing" checks on rounded cents


class EVMError(InputError):
    """Monitoring data the kit cannot use: negative costs, EV above BAC, gaps..."""


# --- earned value -------------------------------------------------------------


def evm_metrics(bac, pv, ev, ac, eac=None, on_undefined="nan"):
    """Earned value metrics: variances, indices, forecasts and TCPI.

    ``bac``, ``pv``, ``ev`` and ``ac`` are numbers (one status) or aligned
    pandas Series (one row per period, or per project; ``bac`` may stay a
    number). ``eac``, optional, is the estimate at completion management has
    approved (e.g. AC + a bottom-up ETC); ``TCPI_EAC`` is computed against it.

    Returns a Series (numbers in) or a DataFrame (Series in, same index) with,
    in this order (PMBOK Guide 6th ed., Table 7-1; PMI *Practice Standard for
    EVM*, 2nd ed., chapter 5):

    ==============  =========================================  ===========================
    ``CV``          EV - AC                                    < 0: over budget
    ``SV``          EV - PV                                    < 0: behind plan
    ``CPI``         EV / AC                                    < 1: over budget
    ``SPI``         EV / PV                                    < 1: behind plan
    ``EAC``         BAC / CPI                                  the CPI will go on (typical)
    ``ETC``         EAC - AC                                   cost still to come
    ``VAC``         BAC - EAC                                  < 0: forecast overrun
    ``TCPI``        (BAC - EV) / (BAC - AC)                    CPI needed to finish on BAC
    ``EAC_atypical``  AC + (BAC - EV)                          the variance was a one-off
    ``EAC_cpi_spi``   AC + (BAC - EV) / (CPI x SPI)            cost and schedule both weigh
    ``TCPI_EAC``    (BAC - EV) / (EAC - AC)                    CPI needed to finish on EAC
    ==============  =========================================  ===========================

    Without ``eac``, ``TCPI_EAC`` uses ``EAC = BAC / CPI`` and then equals the
    CPI (the typical forecast assumes exactly that efficiency).

    Undefined values are NaN, explained in ``attrs["undefined"]`` (metric ->
    reason): CPI when AC is 0, SPI when PV is 0, the forecasts when the index
    they divide by is undefined or 0, TCPI when AC has reached BAC (the budget
    is spent) or no work remains. ``on_undefined="raise"`` raises instead.

    Raises :class:`EVMError` for a missing value, a negative amount, BAC <= 0,
    EV or PV above BAC (BAC must be the baseline without the reserve), or
    Series that are not aligned.

    >>> evm_metrics(bac=1000, pv=500, ev=400, ac=500).round(3).tolist()
    [-100.0, -100.0, 0.8, 0.8, 1250.0, 750.0, -250.0, 1.2, 1100.0, 1437.5, 0.8]
    >>> start = evm_metrics(bac=1000, pv=0, ev=0, ac=0)
    >>> float(start["CPI"]), start.attrs["undefined"]["CPI"]
    (nan, 'CPI = EV / AC is undefined: AC is 0 (no cost booked yet).')
    """
    if on_undefined not in ("nan", "raise"):
        raise EVMError(f"on_undefined must be 'nan' or 'raise', not {on_undefined!r}.")
    frame, single = _inputs({"BAC": bac, "PV": pv, "EV": ev, "AC": ac, "EAC": eac})
    _check_amounts(frame, frame.index.map(lambda label: f"row {label!r}"))
    result, undefined = _metrics(frame, has_eac=eac is not None)
    return _finish(result, undefined, single, frame.index, on_undefined)


def _metrics(frame, has_eac):
    """The 11 metrics of a checked input frame, and the masks of undefined values."""
    bac, pv, ev, ac = (frame[c].to_numpy(float) for c in ("BAC", "PV", "EV", "AC"))
    undefined = {}

    def divide(name, top, bottom, bad, reason):
        value = np.full(len(top), np.nan)
        ok = ~bad
        with np.errstate(all="ignore"):
            value[ok] = top[ok] / bottom[ok]
        huge = ok & ~np.isfinite(value)  # a divisor so close to 0 that the ratio overflows
        if huge.any():
            value[huge] = np.nan
            bad = bad | huge
            reason = (reason or f"{name} is undefined: ") + " (or a divisor too close to 0)"
        if bad.any():
            undefined[name] = (bad, reason)
        return value

    out = {"CV": ev - ac, "SV": ev - pv}
    out["CPI"] = divide("CPI", ev, ac, ac == 0,
                        "CPI = EV / AC is undefined: AC is 0 (no cost booked yet).")
    out["SPI"] = divide("SPI", ev, pv, pv == 0,
                        "SPI = EV / PV is undefined: PV is 0 (no work was planned yet).")
    cpi, spi = out["CPI"], out["SPI"]
    no_cpi = np.isnan(cpi) | (cpi == 0)
    cpi_reason = ("EAC = BAC / CPI is undefined: CPI is undefined (AC is 0) or 0 "
                  "(cost booked but nothing earned yet).")
    out["EAC"] = divide("EAC", bac, cpi, no_cpi, cpi_reason)
    out["ETC"] = out["EAC"] - ac
    out["VAC"] = bac - out["EAC"]
    no_eac = np.isnan(out["EAC"])
    if no_eac.any():
        undefined["ETC"] = (no_eac, "ETC = EAC - AC is undefined: " + cpi_reason)
        undefined["VAC"] = (no_eac, "VAC = BAC - EAC is undefined: " + cpi_reason)
    done = np.isclose(ev, bac, rtol=_TOLERANCE, atol=0)
    spent = (bac - ac <= 0) & ~done
    tcpi_bad = done | spent
    out["TCPI"] = divide("TCPI", bac - ev, bac - ac, tcpi_bad, _either(
        done, "no work remains (EV = BAC)",
        spent, "AC has reached BAC: the budget is spent, no efficiency can finish "
               "within it; look at TCPI_EAC against a new EAC",
        "TCPI = (BAC - EV) / (BAC - AC) is undefined: "))
    out["EAC_atypical"] = ac + (bac - ev)
    with np.errstate(all="ignore"):
        both = cpi * spi
    no_both = np.isnan(both) | (both == 0)
    out["EAC_cpi_spi"] = ac + divide(
        "EAC_cpi_spi", bac - ev, both, no_both,
        "EAC_cpi_spi = AC + (BAC - EV) / (CPI x SPI) is undefined: CPI or SPI is "
        "undefined or 0.")
    target = frame["EAC"].to_numpy(float) if has_eac else out["EAC"]
    left = target - ac
    with np.errstate(invalid="ignore"):
        target_bad = done | np.isnan(target) | (left <= 0)
    out["TCPI_EAC"] = divide("TCPI_EAC", bac - ev, left, target_bad, _either(
        done, "no work remains (EV = BAC)",
        ~done & (np.isnan(target) | (left <= 0)),
        "EAC is undefined, or EAC - AC <= 0 (the estimate leaves nothing to spend)",
        "TCPI_EAC = (BAC - EV) / (EAC - AC) is undefined: "))
    return pd.DataFrame(out, index=frame.index)[list(METRICS)], undefined


def _either(first, first_reason, second, second_reason, prefix):
    reasons = []
    if first.any():
        reasons.append(first_reason)
    if second.any():
        reasons.append(second_reason)
    return prefix + "; ".join(reasons) + "."


def _finish(result, undefined, single, index, on_undefined, describe=None):
    """Attach the reasons of undefined values; Series for one status, else the frame."""
    describe = describe or (lambda mask: ", ".join(repr(x) for x in index[mask][:6])
                            + (", ..." if mask.sum() > 6 else ""))
    notes = {}
    for name, (mask, reason) in undefined.items():
        notes[name] = reason if single else f"{reason} Rows: {describe(mask)}."
    if notes and on_undefined == "raise":
        name = next(iter(notes))
        raise EVMError(notes[name])
    if single:
        series = result.iloc[0].copy()
        series.name = None
        series.attrs["undefined"] = notes
        return series
    result.attrs["undefined"] = notes
    return result


def _inputs(values):
    """One float column per input, aligned; the index of the Series given, or [0]."""
    given = {k: v for k, v in values.items() if v is not None}
    series = {k: v for k, v in given.items() if isinstance(v, pd.Series)}
    arrays = {k: v for k, v in given.items()
              if not isinstance(v, pd.Series) and np.ndim(v) > 0}
    if arrays:
        for k, v in arrays.items():
            series[k] = pd.Series(np.asarray(v, dtype=object))
    if series:
        names = list(series)
        index = series[names[0]].index
        for k in names[1:]:
            if len(series[k]) != len(index) or not series[k].index.equals(index):
                raise EVMError(
                    f"{names[0].lower()} and {k.lower()} are not aligned: give Series with the "
                    f"same index (one row per period or per project); {names[0].lower()} has "
                    f"{len(index)} rows, {k.lower()} {len(series[k])}.")
        single = False
    else:
        index = pd.Index([0])
        single = True
    frame = pd.DataFrame(index=index)
    for k, v in given.items():
        column = series[k] if k in series else pd.Series([v] * len(index), index=index)
        frame[k] = [_number(x, k, label, single) for x, label in zip(column, index)]
    return frame, single


def _number(value, name, label, single):
    where = "" if single else f" in row {label!r}"
    if isinstance(value, bool) or not isinstance(value, (Number, np.number)):
        try:
            value = float(value)
        except (TypeError, ValueError):
            raise EVMError(f"{name}{where} is {value!r}; it must be an amount in EUR.") from None
    value = float(value)
    if math.isnan(value):
        raise EVMError(f"{name}{where} is missing (NaN); give an amount in EUR, 0 if none yet.")
    if math.isinf(value):
        raise EVMError(f"{name}{where} is infinite; it must be a finite amount.")
    return value


def _check_amounts(frame, labels):
    """BAC > 0, PV/EV/AC >= 0, PV and EV <= BAC; messages name the row."""
    for label, bac in zip(labels, frame["BAC"]):
        if bac <= 0:
            raise EVMError(f"BAC is {bac:,.2f} ({label}); the budget at completion must be > 0.")
    for column in _MONEY:
        for label, value in zip(labels, frame[column]):
            if value < 0:
                raise EVMError(
                    f"{column} is negative ({value:,.2f}) at {label}; cumulative PV, EV and AC "
                    "are amounts spent or earned so far, >= 0. A credit note belongs in a "
                    "lower cumulative AC, not a negative one.")
    for column in ("EV", "PV"):
        for label, value, bac in zip(labels, frame[column], frame["BAC"]):
            if value > bac * (1 + _TOLERANCE):
                raise EVMError(
                    f"{column} ({value:,.2f}) is above BAC ({bac:,.2f}) at {label}: no more than "
                    "the budget of the work can be planned or earned. Check the percent complete, "
                    "or the BAC: it is the baseline without the management reserve "
                    "(budget_eur - reserve_eur).")
    if "EAC" in frame.columns:
        for label, value in zip(labels, frame["EAC"]):
            if value <= 0:
                raise EVMError(f"EAC is {value:,.2f} at {label}; an estimate at completion is > 0.")


# --- earned schedule ----------------------------------------------------------


def plan_duration(pv):
    """The plan's duration PD: the first period (1..n) in which cumulative PV reaches BAC.

    ``pv`` is the cumulative planned value per period 1..n; BAC is its last
    value. Periods after PD (a flat tail) do not count.

    >>> plan_duration([100, 250, 400, 400])
    3
    """
    values = _pv_curve(pv)
    return _plan_duration(values)


def _plan_duration(values):
    bac = values[-1]
    return int(np.argmax(values >= bac * (1 - _TOLERANCE))) + 1


def _pv_curve(pv):
    values = [_number(v, "PV", i + 1, True) for i, v in enumerate(np.asarray(pv, dtype=object).ravel())]
    if not values:
        raise EVMError("pv is empty; give the cumulative planned value of periods 1..n.")
    values = np.array(values)
    for period, value in enumerate(values, start=1):
        if value < 0:
            raise EVMError(f"PV of period {period} is negative ({value:,.2f}); PV is >= 0.")
    for period in range(1, len(values)):
        if values[period] < values[period - 1] * (1 - _TOLERANCE) - 1e-9:
            raise EVMError(
                f"PV decreases from period {period} ({values[period - 1]:,.2f}) to period "
                f"{period + 1} ({values[period]:,.2f}); pv must be the CUMULATIVE planned value, "
                "which never decreases.")
    if values[-1] <= 0:
        raise EVMError("The last PV (the BAC) is 0; the plan must have some planned value.")
    return values


def earned_schedule(pv, ev, at, on_undefined="nan"):
    """Earned schedule: ES, SV(t), SPI(t) and IEAC(t), Lipke's interpolation.

    ``pv`` is the cumulative planned value of periods 1..n (PV of period 0 is
    0; BAC is the last value; the plan's duration PD is the period in which PV
    reaches BAC). ``ev`` is the cumulative earned value at actual time ``at``
    (periods since the start, 1 at the end of the first period). ``ev`` and
    ``at`` may be aligned Series (one row per status date): the result is then
    a DataFrame.

    With C the last period whose cumulative PV is <= EV (Lipke,
    "Schedule is Different", *The Measurable News*, March 2003; PMI,
    *Practice Standard for Scheduling*, 3rd ed., 2019, on earned schedule):

    * ``ES = C + (EV - PV_C) / (PV_{C+1} - PV_C)``, and ``ES = PD`` once EV = BAC;
    * ``SV_t = ES - AT`` (periods; < 0: late), ``SPI_t = ES / AT`` (< 1: late);
    * ``IEAC_t = PD / SPI_t``, the forecast duration (the same as
      ``AT + (PD - ES) / SPI_t``).

    SPI_t and IEAC_t are undefined (NaN, reason in ``attrs["undefined"]``) at
    ``at = 0``, IEAC_t also while nothing is earned (SPI_t = 0).

    >>> pv = [100, 200, 300, 400]
    >>> earned_schedule(pv, ev=250, at=3).tolist()
    [2.5, -0.5, 0.8333333333333334, 4.8]
    >>> float(earned_schedule(pv, ev=400, at=5)["SPI_t"])   # finished late: SPI would be 1.0
    0.8
    """
    if on_undefined not in ("nan", "raise"):
        raise EVMError(f"on_undefined must be 'nan' or 'raise', not {on_undefined!r}.")
    values = _pv_curve(pv)
    bac, pd_ = values[-1], _plan_duration(values)
    frame, single = _inputs({"EV": ev, "AT": at})
    labels = frame.index.map(lambda label: f"row {label!r}")
    for label, e, t in zip(labels, frame["EV"], frame["AT"]):
        if e < 0:
            raise EVMError(f"EV is negative ({e:,.2f}) at {label}; EV is >= 0.")
        if e > bac * (1 + _TOLERANCE):
            raise EVMError(
                f"EV ({e:,.2f}) is above BAC ({bac:,.2f}, the last PV) at {label}: no more "
                "than the planned work can be earned.")
        if t < 0:
            raise EVMError(f"AT is negative ({t:g}) at {label}; actual time counts periods "
                           "since the start, >= 0.")
    curve = np.concatenate([[0.0], values[:pd_]])  # PV_0 .. PV_PD
    es = np.array([_es(curve, e, pd_) for e in frame["EV"]])
    at_ = frame["AT"].to_numpy(float)
    undefined = {}
    spi_t = np.full(len(es), np.nan)
    zero_time = at_ == 0
    with np.errstate(all="ignore"):
        spi_t[~zero_time] = es[~zero_time] / at_[~zero_time]
    zero_time |= ~np.isfinite(spi_t)  # an AT so close to 0 that the ratio overflows
    spi_t[zero_time] = np.nan
    if zero_time.any():
        undefined["SPI_t"] = (zero_time, "SPI_t = ES / AT is undefined: AT is 0 (no time "
                                         "has passed).")
    no_rate = np.isnan(spi_t) | (spi_t == 0)
    ieac = np.full(len(es), np.nan)
    with np.errstate(all="ignore"):
        ieac[~no_rate] = pd_ / spi_t[~no_rate]
    no_rate |= ~np.isfinite(ieac)  # SPI_t so close to 0 that the forecast overflows
    ieac[no_rate] = np.nan
    if no_rate.any():
        undefined["IEAC_t"] = (no_rate, "IEAC_t = PD / SPI_t is undefined: SPI_t is "
                                         "undefined (AT is 0) or 0 (nothing earned yet).")
    result = pd.DataFrame({"ES": es, "SV_t": es - at_, "SPI_t": spi_t, "IEAC_t": ieac},
                          index=frame.index)
    return _finish(result, undefined, single, frame.index, on_undefined)


def _es(curve, ev, pd_):
    """Lipke's ES on PV_0..PV_PD (curve), for one EV."""
    if ev >= curve[-1] * (1 - _TOLERANCE):
        return float(pd_)
    c = int(np.searchsorted(curve, ev, side="right")) - 1  # last C with PV_C <= EV
    return c + (ev - curve[c]) / (curve[c + 1] - curve[c])


# --- the company's data: BAC, baseline PV, time-phased view ---------------------


def bac_from_projects(projects):
    """BAC for earned value of each project: ``budget_eur - reserve_eur``, by project id.

    The approved budget includes the management reserve, which belongs to the
    sponsor and is not in PV (datasets/README.md, "The BAC").

    >>> projects = pd.DataFrame({"id": ["A"], "budget_eur": [110.0], "reserve_eur": [10.0]})
    >>> bac_from_projects(projects).to_dict()
    {'A': 100.0}
    """
    require_columns(projects, ["id", "budget_eur", "reserve_eur"], "projects", EVMError)
    bac = pd.Series(projects["budget_eur"].to_numpy(float) - projects["reserve_eur"].to_numpy(float),
                    index=pd.Index(projects["id"].astype(str), name="project"), name="BAC")
    for project, value in bac.items():
        if not value > 0:
            raise EVMError(f"Project {project}: budget_eur - reserve_eur is {value:,.2f}; the BAC "
                           "must be > 0 (is the reserve larger than the budget?).")
    return bac


def baseline_pv(tasks, projects, holidays=(), weekmask=WORK_WEEK):
    """The baseline's cumulative PV per week, from the start to the end of each plan.

    Each project's tasks are scheduled with :func:`~pmo_lessons.schedule.cpm`
    (early dates) on the working-day calendar from its ``start_date``; each
    task's ``cost_eur`` is spread evenly over its working days, and the days
    are summed up to each Friday (week 1 ends on the first Friday). This is how
    ``pv_eur`` of status_weekly.csv was made (datasets/README.md). The last
    week is the one in which PV reaches BAC.

    ``tasks`` needs ``id, project, duration, cost_eur`` (and ``predecessors``);
    ``projects`` needs ``id, start_date``. Returns ``project, week,
    status_date, pv_eur`` (PV rounded to the cent).

    >>> tasks = pd.DataFrame({"id": ["A", "B"], "project": ["P", "P"], "duration": [5, 5],
    ...                       "predecessors": ["", "A"], "cost_eur": [500.0, 1000.0]})
    >>> projects = pd.DataFrame({"id": ["P"], "start_date": [pd.Timestamp("2026-03-04")]})
    >>> baseline_pv(tasks, projects)[["week", "pv_eur"]].values.tolist()
    [[1.0, 300.0], [2.0, 1100.0], [3.0, 1500.0]]
    """
    require_columns(tasks, ["id", "project", "duration", "cost_eur"], "tasks", EVMError)
    require_columns(projects, ["id", "start_date"], "projects", EVMError)
    calendar = as_calendar(holidays=holidays, weekmask=weekmask)
    rows = []
    for project, start in zip(projects["id"].astype(str), projects["start_date"]):
        own = tasks[tasks["project"].astype(str) == project]
        if own.empty:
            raise EVMError(f"Project {project} has no task in tasks; PV comes from its tasks' cost_eur.")
        costs = pd.to_numeric(own["cost_eur"], errors="coerce")
        for task, cost in zip(own["id"], costs):
            if not cost >= 0:
                raise EVMError(f"Task {task}: cost_eur is {cost!r}; it must be an amount >= 0.")
        plan = cpm(own)
        horizon = int(math.ceil(plan["ef"].max()))
        per_day = np.zeros(max(horizon, 1))
        for (es, ef), cost in zip(plan[["es", "ef"]].to_numpy(), costs):
            if ef > es:
                per_day[int(es):int(math.ceil(ef))] += cost / (ef - es)
        cumulative = np.concatenate([[0.0], np.cumsum(per_day)])
        bac = float(costs.sum())
        first = calendar.roll_forward(start)
        friday = pd.Timestamp(first) + pd.Timedelta(days=4 - pd.Timestamp(first).day_of_week)
        week = 1
        while True:
            done_days = calendar.working_days_between(first, friday + pd.Timedelta(days=1))
            pv = bac if done_days >= horizon else round(float(cumulative[done_days]), 2)
            rows.append((project, week, friday, round(min(pv, bac), 2)))
            if done_days >= horizon:
                break
            friday += pd.Timedelta(days=7)
            week += 1
    result = pd.DataFrame(rows, columns=["project", "week", "status_date", "pv_eur"])
    result["week"] = result["week"].astype("int64")
    return result


def time_phased(status, bac, baseline=None, on_undefined="nan"):
    """Every metric of every project, week by week, from the weekly status table.

    ``status`` has one row per project and week: ``project, week, pv_eur,
    ev_eur, ac_eur`` (cumulative, EUR) and optionally ``status_date``, as
    status_weekly.csv. ``bac`` is the BAC of each project: a Series or dict by
    project id, or the projects table (BAC = ``budget_eur - reserve_eur``).
    ``baseline``, optional, is the baseline PV to the end of each plan
    (:func:`baseline_pv`); without it, earned schedule is computed only for
    projects whose status PV already reaches BAC.

    Returns a DataFrame indexed by ``(project, week)`` with ``status_date``
    (when given), ``BAC, PV, EV, AC``, the :data:`METRICS` of
    :func:`evm_metrics` and the :data:`SCHEDULE_METRICS` of
    :func:`earned_schedule` (AT = the week number). ``attrs["undefined"]``
    explains the NaN (e.g. CPI in a first week with no cost booked).

    Raises :class:`EVMError`, naming the project, the week and the row (row 2
    is the first data row, as in a spreadsheet), for a missing column or value,
    a duplicated or missing week (weeks run 1, 2, 3, ... with no gap), a
    cumulative value that decreases, a negative amount, EV above BAC, or a
    project without BAC.

    >>> status = pd.DataFrame({"project": ["P", "P"], "week": [1, 2],
    ...     "pv_eur": [100.0, 200.0], "ev_eur": [50.0, 150.0], "ac_eur": [60.0, 200.0]})
    >>> view = time_phased(status, {"P": 200.0})
    >>> view[["CPI", "SPI", "ES", "SPI_t"]].round(3)
                    CPI   SPI   ES  SPI_t
    project week
    P       1     0.833  0.50  0.5   0.50
            2     0.750  0.75  1.5   0.75
    """
    frame = _read_status(status)
    bac = _read_bac(bac, frame)
    labels = [f"project {p}, week {w} (row {r})" for p, w, r in
              zip(frame["project"], frame["week"], frame["_row"])]
    inputs = pd.DataFrame({"BAC": frame["project"].map(bac).to_numpy(float),
                           "PV": frame["pv_eur"].to_numpy(float),
                           "EV": frame["ev_eur"].to_numpy(float),
                           "AC": frame["ac_eur"].to_numpy(float)})
    _check_amounts(inputs, labels)
    metrics, undefined = _metrics(inputs, has_eac=False)
    schedule = pd.DataFrame(np.nan, index=inputs.index, columns=list(SCHEDULE_METRICS))
    curves = _curves(frame, bac, baseline)
    for project, rows in frame.groupby("project", sort=False).groups.items():
        positions = frame.index.get_indexer(rows)
        curve = curves.get(project)
        if curve is None:
            undefined.setdefault("ES", (np.zeros(len(frame), bool), ""))[0][positions] = True
            continue
        es = earned_schedule(curve, pd.Series(inputs["EV"].to_numpy()[positions]),
                             pd.Series(frame["week"].to_numpy(float)[positions]))
        schedule.iloc[positions] = es.to_numpy()
    if "ES" in undefined:
        mask = undefined.pop("ES")[0]
        for name in SCHEDULE_METRICS:
            undefined[name] = (mask, f"{name} is undefined: the PV of the plan to its end is "
                                     "unknown (status PV has not reached BAC); pass baseline=.")
    index = pd.MultiIndex.from_arrays([frame["project"].to_numpy(),
                                       frame["week"].to_numpy()], names=["project", "week"])
    result = pd.concat([inputs, metrics, schedule], axis=1)
    result.index = index
    if "status_date" in frame.columns:
        result.insert(0, "status_date", pd.to_datetime(frame["status_date"]).to_numpy())
    names = np.array([f"{p} week {w}" for p, w in zip(frame["project"], frame["week"])])
    return _finish(result, undefined, False, index, on_undefined,
                   describe=lambda mask: ", ".join(names[mask][:6])
                   + (", ..." if mask.sum() > 6 else ""))


def _read_status(status):
    require_columns(status, ["project", "week", "pv_eur", "ev_eur", "ac_eur"], "status", EVMError)
    frame = status.reset_index(drop=True).copy()
    frame["_row"] = np.arange(len(frame)) + 2
    frame["project"] = frame["project"].astype(str)
    weeks = frame["week"].copy()
    for column in ("week", "pv_eur", "ev_eur", "ac_eur"):
        numbers = pd.to_numeric(frame[column], errors="coerce")
        for project, week, row, raw, number in zip(frame["project"], weeks, frame["_row"],
                                                   frame[column], numbers):
            if pd.isna(number):
                week_text = f", week {week}" if column != "week" else ""
                raise EVMError(f"Row {row} (project {project}{week_text}): {column} is "
                               f"{raw!r}; it must be a number" +
                               (" (EUR, cumulative)." if column != "week" else " >= 1."))
        frame[column] = numbers.astype(float)
    for project, week, row in zip(frame["project"], frame["week"], frame["_row"]):
        if week < 1 or week != int(week):
            raise EVMError(f"Row {row} (project {project}): week is {week:g}; weeks are whole "
                           "numbers from 1, the week the project starts.")
    frame["week"] = frame["week"].astype("int64")
    frame = frame.sort_values(["project", "week"], kind="stable")
    order = list(dict.fromkeys(status["project"].astype(str)))
    frame["_order"] = frame["project"].map({p: i for i, p in enumerate(order)})
    frame = frame.sort_values(["_order", "week"], kind="stable").drop(columns="_order")
    for project, group in frame.groupby("project", sort=False):
        weeks = group["week"].tolist()
        duplicated = sorted({w for w in weeks if weeks.count(w) > 1})
        if duplicated:
            raise EVMError(f"Project {project}: week {duplicated[0]} appears more than once "
                           f"(rows {', '.join(str(r) for r in group['_row'][group['week'] == duplicated[0]])}); "
                           "give one status per project and week.")
        missing = sorted(set(range(1, max(weeks) + 1)) - set(weeks))
        if missing:
            shown = ", ".join(str(w) for w in missing[:8]) + (", ..." if len(missing) > 8 else "")
            raise EVMError(f"Project {project}: week(s) {shown} missing; the weekly status must "
                           f"run 1, 2, ... {max(weeks)} without a gap (repeat the last cumulative "
                           "values for a week without news).")
        for column in ("pv_eur", "ev_eur", "ac_eur"):
            values, rows_, weeks_ = (group[column].to_numpy(), group["_row"].to_numpy(),
                                     group["week"].to_numpy())
            for i in range(1, len(values)):
                if values[i] < values[i - 1] - max(abs(values[i - 1]) * _TOLERANCE, 1e-9):
                    raise EVMError(
                        f"Project {project}: {column} decreases from week {weeks_[i - 1]} "
                        f"({values[i - 1]:,.2f}) to week {weeks_[i]} ({values[i]:,.2f}, row "
                        f"{rows_[i]}); the status columns are CUMULATIVE and never decrease. "
                        "Did you enter a weekly amount instead of the running total?")
    return frame.reset_index(drop=True)


def _read_bac(bac, frame):
    if isinstance(bac, pd.DataFrame):
        bac = bac_from_projects(bac)
    elif isinstance(bac, dict):
        bac = pd.Series(bac, dtype=float)
    elif isinstance(bac, Number) and not isinstance(bac, bool):
        bac = pd.Series({p: float(bac) for p in frame["project"].unique()})
    if not isinstance(bac, pd.Series):
        raise EVMError("bac must be a number, a dict or Series by project id, or the projects table.")
    bac = bac.copy()
    bac.index = bac.index.astype(str)
    missing = [p for p in frame["project"].unique() if p not in bac.index]
    if missing:
        raise EVMError(f"No BAC for project(s) {', '.join(missing)}; bac has "
                       f"{', '.join(bac.index) or 'no project'}.")
    return bac.astype(float)


def _curves(frame, bac, baseline):
    """Full PV curve per project: from the baseline, or from the status when it reaches BAC."""
    curves = {}
    if baseline is not None:
        require_columns(baseline, ["project", "week", "pv_eur"], "baseline", EVMError)
        for project, group in baseline.groupby(baseline["project"].astype(str), sort=False):
            group = group.sort_values("week")
            weeks = group["week"].astype(int).tolist()
            if weeks != list(range(1, len(weeks) + 1)):
                raise EVMError(f"baseline of project {project}: weeks must run 1, 2, ... without "
                               "a gap.")
            curves[project] = group["pv_eur"].to_numpy(float)
    for project, group in frame.groupby("project", sort=False):
        if project in curves:
            last = curves[project][-1]
            if not math.isclose(last, bac[project], rel_tol=1e-6):
                raise EVMError(f"baseline of project {project} ends at PV {last:,.2f}, but its BAC "
                               f"is {bac[project]:,.2f}; the last baseline PV must equal the BAC.")
            continue
        pv = group["pv_eur"].to_numpy(float)
        if pv[-1] >= bac[project] * (1 - _TOLERANCE):
            curves[project] = pv
    return curves


# --- RAG and the portfolio dashboard --------------------------------------------


def rag_status(index, green=DEFAULT_THRESHOLDS["green"], amber=DEFAULT_THRESHOLDS["amber"]):
    """RAG rating of a performance index (CPI, SPI, SPI(t)): ``"green"``, ``"amber"``, ``"red"``.

    Green when ``index >= green``, amber when ``index >= amber``, red below;
    ``"grey"`` when the index is undefined (NaN). The thresholds are the PMO's
    policy (defaults in :data:`DEFAULT_THRESHOLDS`: 0.95 and 0.90), not a
    standard. Works on a number or a Series.

    >>> rag_status(0.97), rag_status(0.92), rag_status(0.88), rag_status(float("nan"))
    ('green', 'amber', 'red', 'grey')
    """
    if not amber <= green:
        raise EVMError(f"RAG thresholds: amber ({amber}) must be <= green ({green}).")

    def one(value):
        if value is None or pd.isna(value):
            return "grey"
        return "green" if value >= green else "amber" if value >= amber else "red"

    if isinstance(index, pd.Series):
        return index.map(one)
    return one(index)


_SEVERITY = {"grey": 0, "green": 1, "amber": 2, "red": 3}


def dashboard(status, projects, baseline=None, status_date=None, thresholds=None,
              planned_finish=None, eac="typical", holidays=()):
    """The portfolio status at a date: indices, forecasts and RAG, one row per project.

    ``status``, ``projects`` and ``baseline`` as for :func:`time_phased`
    (``projects`` needs ``id, budget_eur, reserve_eur``, and ``name`` is
    shown when present). ``status_date`` (default: the latest) picks each
    project's last status on or before it. ``thresholds`` is a dict: either
    ``{"green": g, "amber": a}`` for both indices, or per index,
    ``{"CPI": {...}, "SPI_t": {...}}`` (defaults :data:`DEFAULT_THRESHOLDS`).
    ``eac`` chooses the cost forecast: ``"typical"`` (BAC / CPI),
    ``"atypical"`` (AC + BAC - EV) or ``"cpi_spi"``.

    Columns: ``name``, ``status_date``, ``percent_complete``, ``BAC, PV, EV,
    AC, CPI, SPI, SPI_t, EAC, VAC``, ``planned_finish``, ``forecast_finish``
    and ``slip_days``, ``cost_rag`` (from CPI), ``schedule_rag`` (from SPI(t),
    which does not drift back to 1 at the end of a late project, as SPI
    does) and ``rag``, the worse of the two.

    Forecast finish = planned finish + (IEAC(t) - PD) weeks, in calendar days
    (rounded, then moved to the next working day when it falls on a weekend or
    one of ``holidays``): the earned schedule forecast of Lipke (2003), moved
    from weeks to dates. ``planned_finish`` (a Series by project id, e.g. the
    ``finish_date`` of :func:`~pmo_lessons.schedule.project_dates`) defaults
    to the Friday of week PD.

    ``slip_days`` is in **working days**, like every duration of the kit: the
    working days (Monday to Friday, minus ``holidays``, e.g.
    ``data.load_holidays()``) from the planned to the forecast finish,
    negative when the forecast is early. A tolerance such as "within 10 days"
    is therefore 10 working days, two weeks.

    >>> status = pd.DataFrame({"project": ["P", "P"], "week": [1, 2],
    ...     "status_date": pd.to_datetime(["2026-01-09", "2026-01-16"]),
    ...     "pv_eur": [100.0, 200.0], "ev_eur": [80.0, 150.0], "ac_eur": [80.0, 200.0]})
    >>> projects = pd.DataFrame({"id": ["P"], "budget_eur": [450.0], "reserve_eur": [50.0]})
    >>> baseline = pd.DataFrame({"project": "P", "week": [1, 2, 3, 4],
    ...     "status_date": pd.to_datetime(["2026-01-09", "2026-01-16", "2026-01-23", "2026-01-30"]),
    ...     "pv_eur": [100.0, 200.0, 300.0, 400.0]})
    >>> board = dashboard(status, projects, baseline)
    >>> row = board.loc["P"]
    >>> float(row["CPI"]), float(row["SPI_t"]), round(float(row["EAC"]), 2), row["rag"]
    (0.75, 0.75, 533.33, 'red')
    >>> row["planned_finish"].date(), row["forecast_finish"].date()   # 9.3 days later, a Sunday
    (datetime.date(2026, 1, 30), datetime.date(2026, 2, 9))
    >>> int(row["slip_days"])                                       # working days: Fri 30 to Mon 9
    6
    """
    if eac not in ("typical", "atypical", "cpi_spi"):
        raise EVMError(f"eac must be 'typical', 'atypical' or 'cpi_spi', not {eac!r}.")
    limits = rag_thresholds(thresholds)
    view = time_phased(status, projects, baseline)
    if "status_date" in view.columns and status_date is not None:
        view = view[view["status_date"] <= pd.Timestamp(status_date)]
    elif status_date is not None:
        raise EVMError("status has no status_date column; pick the weeks yourself instead.")
    latest = view.groupby(level="project", sort=False).tail(1).reset_index()
    latest = latest.set_index("project")
    ids = [p for p in projects["id"].astype(str) if p in latest.index]
    latest = latest.loc[ids]
    names = dict(zip(projects["id"].astype(str),
                     projects["name"] if "name" in projects.columns else projects["id"]))
    board = pd.DataFrame(index=pd.Index(ids, name="project"))
    board["name"] = [names[p] for p in ids]
    if "status_date" in latest.columns:
        board["status_date"] = latest["status_date"]
    board["percent_complete"] = (100 * latest["EV"] / latest["BAC"]).round(1)
    for column in ("BAC", "PV", "EV", "AC", "CPI", "SPI", "SPI_t"):
        board[column] = latest[column]
    board["EAC"] = latest[{"typical": "EAC", "atypical": "EAC_atypical",
                           "cpi_spi": "EAC_cpi_spi"}[eac]]
    board["VAC"] = board["BAC"] - board["EAC"]
    calendar = as_calendar(holidays=holidays)
    board["planned_finish"], board["forecast_finish"] = _finish_dates(
        latest, baseline, planned_finish, calendar)
    board["slip_days"] = [  # working days; negative when early (numpy counts backwards)
        np.nan if pd.isna(planned) or pd.isna(forecast)
        else float(calendar.working_days_between(planned, forecast))
        for planned, forecast in zip(board["planned_finish"], board["forecast_finish"])]
    board["cost_rag"] = rag_status(board["CPI"], **limits["CPI"])
    board["schedule_rag"] = rag_status(board["SPI_t"], **limits["SPI_t"])
    board["rag"] = [max(c, s, key=_SEVERITY.get) for c, s in
                    zip(board["cost_rag"], board["schedule_rag"])]
    return board


def rag_thresholds(thresholds=None):
    """The RAG thresholds for CPI and SPI(t), from what a caller gave.

    ``thresholds`` is ``None`` (the policy :data:`DEFAULT_THRESHOLDS` for both indices), one
    ``{"green": .., "amber": ..}`` for both, or ``{"CPI": {...}, "SPI_t": {...}}`` each with its own.

    >>> rag_thresholds({"green": 0.97})["SPI_t"]
    {'green': 0.97, 'amber': 0.9}
    """
    if thresholds is None:
        return {"CPI": dict(DEFAULT_THRESHOLDS), "SPI_t": dict(DEFAULT_THRESHOLDS)}
    if not isinstance(thresholds, dict):
        raise EVMError("thresholds must be a dict such as {'green': 0.95, 'amber': 0.9}.")
    if set(thresholds) <= {"green", "amber"}:
        both = {**DEFAULT_THRESHOLDS, **thresholds}
        return {"CPI": both, "SPI_t": dict(both)}
    unknown = set(thresholds) - {"CPI", "SPI_t"}
    if unknown:
        raise EVMError(f"thresholds: unknown key(s) {sorted(unknown)}; use 'green' and 'amber', "
                       "or 'CPI' and 'SPI_t' each with its own {'green': .., 'amber': ..}.")
    return {k: {**DEFAULT_THRESHOLDS, **thresholds.get(k, {})} for k in ("CPI", "SPI_t")}


def _finish_dates(latest, baseline, planned_finish, calendar):
    planned, forecast = [], []
    for project, row in latest.iterrows():
        if baseline is not None and (baseline["project"].astype(str) == project).any():
            own = baseline[baseline["project"].astype(str) == project].sort_values("week")
            pd_ = _plan_duration(own["pv_eur"].to_numpy(float))
            friday = (pd.Timestamp(own["status_date"].iloc[pd_ - 1])
                      if "status_date" in own.columns else pd.NaT)
        else:
            pd_, friday = None, pd.NaT
        finish = (pd.Timestamp(planned_finish[project])
                  if planned_finish is not None and project in planned_finish else friday)
        planned.append(finish)
        if pd_ is None or pd.isna(row["IEAC_t"]) or pd.isna(finish):
            forecast.append(pd.NaT)
        else:
            day = finish + pd.Timedelta(days=round((row["IEAC_t"] - pd_) * 7))
            forecast.append(calendar.roll_forward(day))
    return pd.to_datetime(planned), pd.to_datetime(forecast)


# --- OKRs -------------------------------------------------------------------------


def okr_progress(okrs):
    """Progress of each key result: ``(current - baseline) / (target - baseline)``.

    ``okrs`` has ``key_result_id, baseline, target, current`` (as okrs.csv).
    ``progress`` is the share of the way from baseline to target (it works when
    the target is below the baseline, e.g. a lead time to cut; it is negative
    when the KR went backwards, above 1 when it beat the target); ``score``
    is the same clipped to 0..1, the 0.0-1.0 grading of OKRs (Doerr, *Measure
    What Matters*, 2018, chapter 10, "Track for accountability", and resource 1).

    >>> okrs = pd.DataFrame({"key_result_id": ["K1", "K2"], "baseline": [30.0, 10.0],
    ...                      "target": [18.0, 20.0], "current": [27.0, 22.0]})
    >>> okr_progress(okrs)[["progress", "score"]].values.tolist()
    [[0.25, 0.25], [1.2, 1.0]]
    """
    require_columns(okrs, ["key_result_id", "baseline", "target", "current"], "okrs", EVMError)
    frame = okrs.copy()
    for column in ("baseline", "target", "current"):
        numbers = pd.to_numeric(frame[column], errors="coerce")
        for kr, raw, number in zip(frame["key_result_id"], frame[column], numbers):
            if pd.isna(number):
                raise EVMError(f"Key result {kr}: {column} is {raw!r}; it must be a number.")
        frame[column] = numbers.astype(float)
    for kr, base, target in zip(frame["key_result_id"], frame["baseline"], frame["target"]):
        if base == target:
            raise EVMError(f"Key result {kr}: target equals baseline ({target:g}), so progress "
                           "(current - baseline) / (target - baseline) is undefined; a key result "
                           "must ask for a change.")
    frame["progress"] = (frame["current"] - frame["baseline"]) / (frame["target"] - frame["baseline"])
    frame["score"] = frame["progress"].clip(0.0, 1.0)
    return frame


def okr_rollup(okrs, board=None):
    """Objectives with their key results rolled up, and the projects that serve them.

    Each objective's ``progress`` is the mean ``score`` of its key results
    (:func:`okr_progress`, each clipped to 0..1, equal weights, as in Doerr,
    *Measure What Matters*, 2018). ``projects`` lists the projects named by
    its key results (okrs.csv's ``projects``). With ``board`` (a
    :func:`dashboard`), ``project_rag`` is the worst RAG of those projects:
    the objective whose projects are red is at risk even if its KRs look fine.

    >>> okrs = pd.DataFrame({"objective_id": ["O1", "O1"], "objective": ["Grow", "Grow"],
    ...     "key_result_id": ["K1", "K2"], "baseline": [0.0, 10.0], "target": [10.0, 20.0],
    ...     "current": [5.0, 25.0], "projects": ["A", "A,B"]})
    >>> okr_rollup(okrs).loc["O1", ["key_results", "progress", "projects"]].astype(str).tolist()
    ['2', '0.75', 'A, B']
    """
    frame = okr_progress(okrs)
    require_columns(frame, ["objective_id", "objective"], "okrs", EVMError)
    links = frame["projects"] if "projects" in frame.columns else pd.Series([""] * len(frame))
    rows = []
    for objective_id, group in frame.groupby("objective_id", sort=False):
        named = []
        for cell in links[group.index]:
            for project in str(cell).split(","):
                project = project.strip()
                if project and project.lower() != "nan" and project not in named:
                    named.append(project)
        row = {"objective_id": objective_id, "objective": group["objective"].iloc[0],
               "key_results": len(group), "progress": group["score"].mean(),
               "projects": ", ".join(named)}
        if board is not None:
            rags = [board.at[p, "rag"] for p in named if p in board.index]
            row["project_rag"] = max(rags, key=_SEVERITY.get) if rags else "grey"
        rows.append(row)
    return pd.DataFrame(rows).set_index("objective_id")
