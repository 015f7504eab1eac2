"""Budget and cost control: the cost baseline and its reserves, cost risk, commitments, changes,
and the portfolio's annual budget.

Conventions (PMI, *PMBOK Guide*, 6th ed., 2017, chapter 7, Project Cost Management):

* **The layers** (7.2.2.6, 7.3.3.1 and figure 7-8). Activity cost estimates plus their activity
  contingency reserves make the work package cost estimates; the work packages, with any
  contingency reserve estimated for them, aggregate into control accounts; the control accounts
  add up to the **cost baseline**, which is the BAC of earned value and the time-phased plan (the
  S-curve of figure 7-9). The **management reserve** is added on top to make the **project
  budget**. (The text of 7.3.3.1 puts the work packages' contingency inside the control accounts;
  either way every contingency is inside the cost baseline and no management reserve is.)
* **Who holds which reserve.** The contingency reserve is for identified risks (the
  "known-unknowns"); it is part of the cost baseline and the project manager manages it. The
  management reserve is for unforeseen work within the scope (the "unknown-unknowns"); it is
  outside the cost baseline, management holds it, and it enters the baseline only through an
  approved change (7.2.2.6, 7.3.3.1). Which role approves which change is the organisation's
  policy: :data:`APPROVERS` is Meridian's.
* **Money** is in EUR; **time** is in working days on a :class:`~pmo_lessons.calendars.Calendar`
  (weekdays only when none is given: pass ``Calendar(data.load_holidays())`` for the company).
* **Forecasts** against commitments: a purchase order's open commitment is what is ordered and not
  yet invoiced; the forecast at completion is actual cost + open commitments + the estimate to
  complete the work that is not under contract.

>>> layers = budget_layers(pd.DataFrame({"cost_eur": [1100.0, 400.0], "contingency_eur": [100.0, 0.0]}),
...                        contingency=0, management_reserve=150)
>>> layers.loc[["cost baseline", "project budget"], "amount_eur"].tolist()
[1500.0, 1650.0]
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from . import risk, schedule
from .calendars import Calendar, as_calendar
from .columns import require_columns
from .errors import InputError
from .formats import money_text

__all__ = [
    "BudgetError",
    "APPROVERS",
    "LAYERS",
    "cost_baseline",
    "control_accounts",
    "budget_layers",
    "contingency",
    "cost_estimates",
    "simulate_costs",
    "CostSimulation",
    "joint_confidence",
    "budget_for_confidence",
    "commitments",
    "forecast",
    "project_forecasts",
    "cash_flow",
    "BudgetLog",
    "change_log",
    "approve",
    "spend_forecast",
    "spending_forecast",
    "annual_review",
    "adjustment_options",
    "Adjustments",
    "propose_adjustments",
]


class BudgetError(InputError):
    """Budget data the kit cannot use: a negative cost, a commitment above its budget line, a change
    applied twice, a reserve drawn without the approval it needs, an unknown period alias ..."""


#: The rows of :func:`budget_layers`, bottom up (PMBOK Guide 6th ed., figure 7-8).
LAYERS = (
    "activity cost estimates",
    "activity contingency reserve",
    "work package cost estimates",
    "contingency reserve",
    "control accounts",
    "cost baseline",
    "management reserve",
    "project budget",
)

#: Who may approve each kind of budget change: Meridian's policy (datasets/README.md,
#: budget_changes.csv), not a standard. The contingency is the project manager's to draw; the
#: management reserve is released by the sponsor or the portfolio board; new money comes from the
#: board; removing or deferring scope changes the baseline, so the sponsor or the board decides.
APPROVERS = {
    "contingency": ("project manager", "sponsor", "portfolio board"),
    "management reserve": ("sponsor", "portfolio board"),
    "new funding": ("portfolio board",),
    "descope": ("sponsor", "portfolio board"),
    "deferral": ("sponsor", "portfolio board"),
}

_PERIODS = "'D' (days), 'W' or 'W-FRI' (weeks), 'MS' (months), 'QS' (quarters), 'YS' (years)"
_CENT = 0.005


# --- helpers -------------------------------------------------------------------


def _is_number(value):
    if isinstance(value, (bool, np.bool_)) or value is None:
        return False
    try:
        return math.isfinite(float(value))
    except (TypeError, ValueError):
        return False


def _amount(value, what, minimum=0.0):
    if not _is_number(value):
        raise BudgetError(f"{what} is {value!r}; valid: an amount in EUR.")
    value = float(value)
    if minimum is not None and value < minimum:
        raise BudgetError(f"{what} is {value:,.2f}; valid: an amount in EUR >= {minimum:g}.")
    return value


def _offset(freq):
    try:
        return pd.tseries.frequencies.to_offset(freq)
    except (TypeError, ValueError):
        raise BudgetError(f"period alias {freq!r} is unknown; valid: a pandas alias such as "
                          f"{_PERIODS}.") from None


def _ids(frame, what):
    if "id" in frame.columns:
        return [str(v).strip() for v in frame["id"]]
    return [str(v).strip() for v in frame.index]


def _cost_column(tasks, cost):
    if cost is None:
        cost = "cost" if "cost" in tasks.columns else "cost_eur"
    require_columns(tasks, [cost], "tasks", BudgetError)
    return cost


def _costs(tasks, column, labels):
    values = pd.to_numeric(tasks[column], errors="coerce").to_numpy(float)
    for label, raw, value in zip(labels, tasks[column], values):
        if not np.isfinite(value):
            raise BudgetError(f"Task {label}: {column} is {raw!r}; valid: an amount in EUR >= 0.")
        if value < 0:
            raise BudgetError(f"Task {label}: {column} is {value:,.2f}, a cost below zero; "
                              "valid: an amount in EUR >= 0 (a saving is a change, not a task).")
    return values


# --- the time-phased cost baseline -------------------------------------------------------


def _daily(tasks, schedule_frame, calendar, cost):
    """The planned cost of every calendar day (a Series on a daily DatetimeIndex)."""
    require_columns(schedule_frame, ["start_date", "finish_date"], "schedule", BudgetError)
    column = _cost_column(tasks, cost)
    labels = _ids(tasks, "tasks")
    costs = _costs(tasks, column, labels)
    dated = schedule_frame.copy()
    dated.index = pd.Index(_ids(schedule_frame, "schedule"))
    missing = [t for t in labels if t not in dated.index]
    if missing:
        raise BudgetError(f"Task {missing[0]} is not in the schedule; the schedule needs a row "
                          "per task (schedule.to_dates(schedule.cpm(tasks), start)).")
    amounts = {}
    for label, value in zip(labels, costs):
        start, finish = dated.at[label, "start_date"], dated.at[label, "finish_date"]
        if pd.isna(start) or pd.isna(finish):
            raise BudgetError(f"Task {label}: the schedule has no start or finish date.")
        start, finish = pd.Timestamp(start).normalize(), pd.Timestamp(finish).normalize()
        if finish < start:
            raise BudgetError(f"Task {label} finishes ({finish:%Y-%m-%d}) before it starts "
                              f"({start:%Y-%m-%d}).")
        milestone = "duration" in dated.columns and float(dated.at[label, "duration"]) == 0
        days = [start] if milestone else list(calendar.working_days(start, finish))
        if not days:
            raise BudgetError(f"Task {label} has no working day between {start:%d %b %Y} and "
                              f"{finish:%d %b %Y} on this calendar, so its cost falls on no day.")
        for day in days:
            amounts[day] = amounts.get(day, 0.0) + value / len(days)
    if not amounts:
        return pd.Series(dtype=float)
    series = pd.Series(amounts).sort_index()
    return series.reindex(pd.date_range(series.index[0], series.index[-1], freq="D"), fill_value=0.0)


def cost_baseline(tasks, schedule, freq="MS", calendar=None, cost=None):
    """The time-phased cost baseline: each task's cost spread over its days, summed per period.

    ``tasks`` has ``id`` and a cost column: ``cost`` (the name of the issue's API), or ``cost_eur``
    (the company's tables) when there is no ``cost``; ``cost=`` names another. ``schedule`` has a
    row per task id with ``start_date`` and ``finish_date`` (the first and last day worked, as
    :func:`pmo_lessons.schedule.to_dates` gives them) and optionally ``duration``. Each task's
    cost is spread evenly over its working days between those dates (``calendar``: weekdays when
    None); a milestone's cost falls on its day. ``freq`` is a pandas period alias: ``"W"`` (weeks
    ending on Sunday; ``"W-FRI"`` for weeks ending on the status Friday), ``"MS"``, ``"QS"``,
    ``"YS"``, ``"D"``.

    Returns a DataFrame indexed by period (pandas labels: the start of a month, the end of a week)
    with ``planned_eur`` and ``cumulative_eur``; the last cumulative value is the BAC. This is how
    PV is made in the company's data (datasets/README.md), so on the early dates the weekly
    ``cumulative_eur`` of a project is its ``pv_eur`` of status_weekly.csv. Source: PMBOK Guide
    (6th ed.), 7.3.3.1 and figure 7-9 (the cost baseline as an S-curve).

    >>> tasks = pd.DataFrame({"id": ["A", "B"], "cost": [3000.0, 1000.0]})
    >>> dates = pd.DataFrame({"start_date": pd.to_datetime(["2026-03-25", "2026-04-01"]),
    ...                       "finish_date": pd.to_datetime(["2026-04-03", "2026-04-02"])},
    ...                      index=["A", "B"])
    >>> cost_baseline(tasks, dates)   # A: 8 working days, 375 a day, 5 in March
                planned_eur  cumulative_eur
    2026-03-01       1875.0          1875.0
    2026-04-01       2125.0          4000.0
    >>> cost_baseline(tasks, dates, freq="fortnight")
    Traceback (most recent call last):
    ...
    pmo_lessons.budget.BudgetError: period alias 'fortnight' is unknown; valid: a pandas alias such as 'D' ...
    """
    offset = _offset(freq)
    require_columns(tasks, ["id"], "tasks", BudgetError)
    daily = _daily(tasks, schedule, as_calendar(calendar), cost)
    if daily.empty:
        raise BudgetError("tasks is empty: a cost baseline needs at least one task.")
    planned = daily.resample(offset).sum()
    frame = pd.DataFrame({"planned_eur": planned.to_numpy(float)}, index=planned.index)
    frame["cumulative_eur"] = frame["planned_eur"].cumsum()
    frame.index.name = None
    return frame


def _working_curve(tasks, dated, calendar, cost=None):
    """Planned cost per working day (day 0 = the first day), and those days."""
    daily = _daily(tasks, dated, calendar, cost)
    days = calendar.working_days(daily.index[0], daily.index[-1])
    per_day = daily.reindex(days, fill_value=0.0)
    off = daily.drop(days, errors="ignore")
    if off.abs().sum() > _CENT:  # a milestone's cost on a day off: count it on the next day worked
        for day, value in off[off != 0].items():
            per_day.loc[per_day.index[per_day.index.searchsorted(day)]] += value
    return per_day


# --- the layers of the budget ----------------------------------------------------------


def control_accounts(work_packages, control_account=None):
    """Work packages summed into control accounts: estimate, activity contingency, total.

    A control account is ``control_account`` (a column name) when given, else the first level of
    ``wbs`` (the phase: ``"3.2.1"`` -> ``"3"``), else one account for all. ``cost_eur`` (or
    ``cost``) is each work package's cost estimate with its activity contingency inside;
    ``contingency_eur``, when present, is that contingency (0 otherwise). Source: PMBOK Guide (6th
    ed.), 7.3.3.1 (work packages aggregate into control accounts).

    >>> wp = pd.DataFrame({"wbs": ["1.1", "1.2", "2.1"], "cost_eur": [1100.0, 500.0, 800.0],
    ...                    "contingency_eur": [100.0, 0.0, 50.0]})
    >>> control_accounts(wp)
                     estimate_eur  activity_contingency_eur  work_packages_eur
    control_account
    1                      1500.0                     100.0             1600.0
    2                       750.0                      50.0              800.0
    """
    if not isinstance(work_packages, pd.DataFrame):
        require_columns(work_packages, ["cost_eur"], "work_packages", BudgetError)
    column = _cost_column(work_packages, None)
    labels = _ids(work_packages, "work packages") if "id" in work_packages.columns else \
        [f"in row {r}" for r in range(2, len(work_packages) + 2)]
    cost = _costs(work_packages, column, labels)
    inside = np.zeros(len(cost))
    if "contingency_eur" in work_packages.columns:
        inside = _costs(work_packages, "contingency_eur", labels)
        for label, c, k in zip(labels, cost, inside):
            if k > c + _CENT:
                raise BudgetError(f"Task {label}: contingency_eur ({k:,.2f}) is above its cost "
                                  f"({c:,.2f}); the contingency is part of the work package's cost.")
    if control_account is not None:
        require_columns(work_packages, [control_account], "work_packages", BudgetError)
        accounts = work_packages[control_account].astype(str).to_numpy()
    elif "wbs" in work_packages.columns:
        accounts = work_packages["wbs"].astype(str).str.split(".").str[0].to_numpy()
    else:
        accounts = np.array(["all"] * len(cost))
    frame = pd.DataFrame({"control_account": accounts, "estimate_eur": cost - inside,
                          "activity_contingency_eur": inside, "work_packages_eur": cost})
    return frame.groupby("control_account", sort=False).sum()


def budget_layers(work_packages, contingency=0.0, management_reserve=0.0):
    """The budget of a project layer by layer, as in PMBOK Guide (6th ed.), figure 7-8.

    ``work_packages`` is a task table with ``cost_eur`` (each work package's cost estimate,
    activity contingency included) and optionally ``contingency_eur`` (that activity contingency)
    and ``wbs`` (see :func:`control_accounts`). ``contingency`` is the contingency reserve held
    for the work packages beyond their own: a figure in EUR, a risk register (its open risks'
    EMV, see :func:`contingency`) or a :class:`CostSimulation` (its P80 above the base estimate).
    ``management_reserve`` is a figure in EUR.

    Returns a DataFrame indexed by :data:`LAYERS`, bottom up, with ``amount_eur``, ``kind``
    (``"part"`` or ``"sum"``), ``in_baseline`` (inside the cost baseline) and ``held_by``:

    * activity cost estimates + activity contingency reserve = work package cost estimates;
    * work package cost estimates + contingency reserve = control accounts;
    * the control accounts add up to the **cost baseline** (the BAC of earned value);
    * cost baseline + management reserve = **project budget**.

    The contingency layers are the project manager's, inside the baseline; the management reserve
    is management's, outside it (7.2.2.6). Adding a contingency here raises the BAC: on a project
    under way that is a change to its baseline.

    >>> wp = pd.DataFrame({"cost_eur": [1100.0, 500.0], "contingency_eur": [100.0, 0.0]})
    >>> budget_layers(wp, contingency=200, management_reserve=180)[["amount_eur", "held_by"]]
                                  amount_eur          held_by
    activity cost estimates           1500.0  project manager
    activity contingency reserve       100.0  project manager
    work package cost estimates       1600.0  project manager
    contingency reserve                200.0  project manager
    control accounts                  1800.0  project manager
    cost baseline                     1800.0  project manager
    management reserve                 180.0       management
    project budget                    1980.0       management
    """
    accounts = control_accounts(work_packages)
    estimate = float(accounts["estimate_eur"].sum())
    inside = float(accounts["activity_contingency_eur"].sum())
    reserve = _derived_contingency(contingency)
    management = _amount(management_reserve, "management_reserve")
    wp = estimate + inside
    amounts = [estimate, inside, wp, reserve, wp + reserve, wp + reserve, management,
               wp + reserve + management]
    kinds = ["part", "part", "sum", "part", "sum", "sum", "part", "sum"]
    inside_baseline = [True] * 6 + [False, False]
    held = ["project manager"] * 6 + ["management"] * 2
    return pd.DataFrame({"amount_eur": amounts, "kind": kinds, "in_baseline": inside_baseline,
                         "held_by": held}, index=pd.Index(LAYERS))


def contingency(risks=None, simulation=None, confidence=0.8, threats_only=False, status=("open",)):
    """The contingency reserve, from a risk register or from a cost simulation.

    * ``risks=`` a register (``probability_pct``, ``cost_impact_eur``, ``status``): minus the sum
      of the EMV of its risks whose status is in ``status`` (open ones), **threats minus
      opportunities** by default; ``threats_only=True`` counts the threats alone (an opportunity
      is not money to count on). The EMV method of PMBOK Guide (6th ed.), 7.2.2.6 and 11.4.2.5;
      the same computation as :func:`pmo_lessons.risk.contingency_reserve`.
    * ``simulation=`` a :class:`CostSimulation`: its cost at ``confidence`` (0.8: the P80) minus
      its base estimate (the sum of the point estimates): the reserve that brings the budget to
      that confidence ("quantitative analysis methods", 7.2.2.6). It can be negative when the
      point estimate is already above that percentile.

    >>> register = pd.DataFrame({"probability_pct": [60, 20, 50], "status": ["open"] * 3,
    ...                          "cost_impact_eur": [-120_000, 50_000, -8_000]})
    >>> contingency(risks=register), contingency(risks=register, threats_only=True)
    (66000.0, 76000.0)
    """
    if (risks is None) == (simulation is None):
        raise BudgetError("contingency needs either risks= (a register) or simulation= (a cost "
                          "simulation), not both and not neither.")
    if risks is not None:
        return risk.contingency_reserve(risks, status=status, threats_only=threats_only)
    if not isinstance(simulation, CostSimulation):
        raise BudgetError(f"simulation must be a CostSimulation (from simulate_costs), not "
                          f"{type(simulation).__name__}.")
    return simulation.cost_percentile(100 * _confidence(confidence)) - simulation.base_estimate


def _derived_contingency(value):
    """A contingency given as a figure, a register or a simulation, in EUR (never below 0)."""
    if isinstance(value, pd.DataFrame):
        return max(contingency(risks=value), 0.0)
    if isinstance(value, CostSimulation):
        return max(contingency(simulation=value), 0.0)
    return _amount(value, "contingency")


def _confidence(confidence):
    if not _is_number(confidence) or not 0 < float(confidence) < 1:
        hint = " (a percentage? 80 % is 0.8)" if _is_number(confidence) and 1 <= float(confidence) <= 100 else ""
        raise BudgetError(f"confidence is {confidence!r}{hint}; valid: a fraction between 0 and 1, "
                          "such as 0.8 for P80 or 0.7 for NASA's JCL policy.")
    return float(confidence)


# --- cost risk: simulation and joint confidence -----------------------------------------


def cost_estimates(tasks, assignments, resources):
    """A task table ready for :func:`simulate_costs`: each task's ``cost_per_day`` and ``fixed_cost``.

    ``cost_per_day`` is its labour per working day (the sum of units x day rate of its
    assignments), ``fixed_cost`` the rest of its **activity cost estimate** (``cost_eur`` minus
    ``contingency_eur`` when there is one) at the most likely duration: the purchases without
    their contingency. ``estimate_eur`` is that activity cost estimate.

    >>> tasks = pd.DataFrame({"id": ["A"], "most_likely": [10], "cost_eur": [7600.0],
    ...                       "contingency_eur": [100.0]})
    >>> assignments = pd.DataFrame({"task_id": ["A"], "resource": ["DEV"], "units": [1.0]})
    >>> resources = pd.DataFrame({"id": ["DEV"], "day_rate_eur": [650.0]})
    >>> cost_estimates(tasks, assignments, resources)[["cost_per_day", "fixed_cost", "estimate_eur"]]
       cost_per_day  fixed_cost  estimate_eur
    0         650.0      1000.0        7500.0
    """
    require_columns(tasks, ["id", "most_likely", "cost_eur"], "tasks", BudgetError)
    require_columns(assignments, ["task_id", "resource", "units"], "assignments", BudgetError)
    require_columns(resources, ["id", "day_rate_eur"], "resources", BudgetError)
    labels = _ids(tasks, "tasks")
    rate = dict(zip(resources["id"].astype(str), pd.to_numeric(resources["day_rate_eur"])))
    unknown = sorted(set(assignments["resource"].astype(str)) - set(rate))
    if unknown:
        raise BudgetError(f"assignments name resource {unknown[0]!r}, which resources does not list.")
    per_day = (pd.to_numeric(assignments["units"]) * assignments["resource"].astype(str).map(rate)) \
        .groupby(assignments["task_id"].astype(str)).sum()
    cost = _costs(tasks, "cost_eur", labels)
    inside = _costs(tasks, "contingency_eur", labels) if "contingency_eur" in tasks.columns \
        else np.zeros(len(cost))
    frame = tasks.copy()
    frame["estimate_eur"] = cost - inside
    frame["cost_per_day"] = [float(per_day.get(t, 0.0)) for t in labels]
    frame["fixed_cost"] = frame["estimate_eur"] - frame["cost_per_day"] * pd.to_numeric(
        frame["most_likely"]).astype(float)
    for label, fixed in zip(labels, frame["fixed_cost"]):
        if fixed < -_CENT:
            raise BudgetError(f"Task {label}: its labour at the most likely duration costs more "
                              f"than its estimate (by {-fixed:,.2f}); check cost_eur, the units "
                              "and the day rates.")
    frame["fixed_cost"] = frame["fixed_cost"].clip(lower=0.0)
    return frame


@dataclass
class CostSimulation:
    """What :func:`simulate_costs` returns: the cost and the finish of every iteration.

    ``cost`` (EUR) and ``finish`` (working days from the start, as
    :class:`~pmo_lessons.risk.MonteCarloResult`) are arrays with one value per iteration;
    ``base_estimate`` is the sum of the point estimates (fixed cost + cost per day x most likely
    duration), ``deterministic_finish`` the CPM finish of the plan; ``schedule`` is the schedule
    simulation it is built on; ``start`` and ``calendar`` turn dates into working days.
    """

    cost: np.ndarray
    finish: np.ndarray
    base_estimate: float
    deterministic_finish: float
    iterations: int
    seed: object
    schedule: risk.MonteCarloResult = field(repr=False)
    start: pd.Timestamp | None = None
    calendar: Calendar = field(default_factory=Calendar, repr=False)

    def __repr__(self):
        return (f"CostSimulation({self.iterations} iterations, base estimate "
                f"{money_text(self.base_estimate)}, P80 cost {money_text(self.cost_percentile(80))}, "
                f"P80 finish {self.finish_percentile(80):.1f})")

    def cost_percentile(self, q):
        """The cost not exceeded in ``q`` % of iterations (numpy's linear interpolation)."""
        if not _is_number(q) or not 0 <= float(q) <= 100:
            raise BudgetError(f"percentile {q!r}: valid: a number from 0 to 100 (80 for P80).")
        return float(np.percentile(self.cost, float(q)))

    def finish_percentile(self, q):
        """The finish (working days) not exceeded in ``q`` % of iterations."""
        if not _is_number(q) or not 0 <= float(q) <= 100:
            raise BudgetError(f"percentile {q!r}: valid: a number from 0 to 100 (80 for P80).")
        return float(np.percentile(self.finish, float(q)))

    def period(self, date):
        """A date (or a number of working days) as the finish period it allows.

        A finish of ``f`` working days means the last day worked is working day ``ceil(f) - 1``
        from the start (lesson 04's convention), so finishing by ``date`` means ``f`` at most the
        number of working days from the start to ``date`` included.
        """
        if _is_number(date):
            return float(date)
        if self.start is None:
            raise BudgetError("this simulation has no start date; give the date as a number of "
                              "working days, or simulate with start=.")
        try:
            day = pd.Timestamp(date)
        except (TypeError, ValueError):
            raise BudgetError(f"date {date!r} is neither a date nor a number of working days.") from None
        return float(self.calendar.working_days_between(self.start, day + pd.Timedelta(days=1)))

    def summary(self):
        """Cost and finish side by side: mean, P10, P50, P80, P90 and the plan's figures."""
        rows = {}
        for name, values, plan in (("cost_eur", self.cost, self.base_estimate),
                                   ("finish_days", self.finish, self.deterministic_finish)):
            rows[name] = {"mean": float(values.mean()),
                          **{f"P{q}": float(np.percentile(values, q)) for q in (10, 50, 80, 90)},
                          "plan": plan,
                          "chance of the plan": float(np.mean(values <= plan + 1e-9))}
        return pd.DataFrame(rows).round(3)


def _risk_frame(risks, first_task):
    require_columns(risks, ["task_id", "probability_pct", "cost_impact_eur"], "risks", BudgetError)
    frame = risks
    if "status" in frame.columns:
        frame = frame[frame["status"].astype(str) == "open"]
    labels = frame["id"].astype(str).tolist() if "id" in frame.columns else \
        [f"risk {k}" for k in range(1, len(frame) + 1)]
    tasks = frame["task_id"].fillna("").astype(str).str.strip()
    delays = pd.to_numeric(frame["schedule_impact_days"], errors="coerce").fillna(0.0) \
        if "schedule_impact_days" in frame.columns else pd.Series(0.0, index=frame.index)
    costs = []
    for label, value in zip(labels, frame["cost_impact_eur"]):
        if not _is_number(value):
            raise BudgetError(f"Risk {label}: cost_impact_eur is {value!r}; valid: EUR, negative "
                              "for a threat, positive for an opportunity.")
        costs.append(-float(value))  # a threat's impact is negative: it adds cost
    events = pd.DataFrame({
        "id": labels,
        "task_id": [t if t else first_task for t in tasks],  # no task: a cost, no delay
        "probability": pd.to_numeric(frame["probability_pct"], errors="coerce").to_numpy(float) / 100,
        "delay": [0.0 if not t else float(d) for t, d in zip(tasks, delays)],
    })
    return events, np.array(costs)


def simulate_costs(tasks, iterations=10_000, seed=None, distribution="triangular", risks=None,
                   start=None, calendar=None):
    """Monte Carlo of a project's cost and finish together, on the schedule simulation.

    ``tasks`` is a task network (``id``, ``predecessors``, ``optimistic``, ``most_likely``,
    ``pessimistic``) with each task's cost in two parts (:func:`cost_estimates` makes them):
    ``fixed_cost`` (purchases: what does not depend on time) and ``cost_per_day`` (labour: what
    a task costs for each working day it lasts). The fixed part can be three-point too, with
    ``fixed_optimistic`` and ``fixed_pessimistic`` around ``fixed_cost``. ``risks`` is a register
    (its open risks: ``task_id``, ``probability_pct``, ``cost_impact_eur`` and
    ``schedule_impact_days``).

    Each iteration draws every duration (and fixed cost) from its three-point estimate and decides
    which risk events occur, with :func:`pmo_lessons.risk.monte_carlo` (the same engine, the same
    ``seed`` and ``distribution``, hence the same finishes): a task costs ``fixed + cost_per_day x
    duration``, so a task that takes longer costs more; an event that occurs adds its delay to its
    task (and so to the finish) and its cost impact to the cost. The register's cost impact is the
    risk's whole cost, its delay's days included, so those days are not priced twice (the duration
    that is priced is the one drawn before the events). A risk with no task changes only the cost.
    NASA's joint cost and schedule confidence level (JCL) is read from the result with
    :func:`joint_confidence`.

    ``start`` (the project's first day) and ``calendar`` let dates be used for the finish.

    Sources: NASA, *Cost Estimating Handbook* v4.0 (2015), appendix J (JCL analysis: a
    cost-loaded schedule, time-dependent and time-independent costs, discrete risks); Hulett,
    *Integrated Cost-Schedule Risk Analysis* (Gower, 2011).

    >>> tasks = pd.DataFrame({"id": ["A", "B"], "predecessors": ["", "A"],
    ...     "optimistic": [4, 8], "most_likely": [5, 10], "pessimistic": [9, 15],
    ...     "fixed_cost": [2000.0, 0.0], "cost_per_day": [500.0, 800.0]})
    >>> sim = simulate_costs(tasks, iterations=20_000, seed=1)
    >>> sim.base_estimate, sim.deterministic_finish      # 2,000 + 500 x 5 + 800 x 10
    (12500.0, 15.0)
    >>> round(float(sim.cost.mean()), -1)                 # 2,000 + 500 x 6 + 800 x 11
    13800.0
    """
    require_columns(tasks, ["id", "optimistic", "most_likely", "pessimistic", "fixed_cost",
                            "cost_per_day"], "tasks", BudgetError)
    labels = _ids(tasks, "tasks")
    fixed = _costs(tasks, "fixed_cost", labels)
    rate = _costs(tasks, "cost_per_day", labels)
    events, event_costs = (None, np.empty(0)) if risks is None else _risk_frame(risks, labels[0])
    if not (seed is None or (isinstance(seed, (int, np.integer)) and not isinstance(seed, bool))):
        raise BudgetError(f"seed is {seed!r}; valid: a whole number (or None).")
    network = tasks[[c for c in ("id", "predecessors", "optimistic", "most_likely", "pessimistic",
                                 "duration") if c in tasks.columns]]
    result = risk.monte_carlo(network, iterations=iterations, seed=seed, distribution=distribution,
                              risks=events if events is not None and len(events) else None,
                              sensitivity=False, keep_events=True)
    durations = result.base_durations.to_numpy(float)  # iterations x tasks
    fixed_draw = np.broadcast_to(fixed, durations.shape)
    if "fixed_optimistic" in tasks.columns or "fixed_pessimistic" in tasks.columns:
        low = _costs(tasks, "fixed_optimistic", labels) if "fixed_optimistic" in tasks.columns else fixed
        high = _costs(tasks, "fixed_pessimistic", labels) if "fixed_pessimistic" in tasks.columns else fixed
        for label, lo, m, hi in zip(labels, low, fixed, high):
            if not lo <= m <= hi:
                raise BudgetError(f"Task {label}: fixed_optimistic <= fixed_cost <= fixed_pessimistic "
                                  f"is not true ({lo:,.2f}, {m:,.2f}, {hi:,.2f}).")
        child = np.random.default_rng(np.random.SeedSequence(seed).spawn(1)[0])
        fixed_draw = risk.sample_durations(low, fixed, high, iterations, distribution, rng=child).T
    cost = (fixed_draw + durations * rate).sum(axis=1)
    if len(event_costs):
        cost = cost + result.events.to_numpy(bool).astype(float) @ event_costs
    most_likely = pd.to_numeric(tasks["most_likely"]).to_numpy(float)
    return CostSimulation(
        cost=cost, finish=result.finish, base_estimate=float((fixed + rate * most_likely).sum()),
        deterministic_finish=result.deterministic_finish, iterations=int(iterations), seed=seed,
        schedule=result, start=None if start is None else pd.Timestamp(start),
        calendar=as_calendar(calendar))


def joint_confidence(simulation, budget, date):
    """The joint cost and schedule confidence level: the share of iterations within both.

    The JCL is the probability that the cost is at or below ``budget`` **and** the finish at or
    before ``date`` (a date, with the simulation's start and calendar, or a number of working
    days). NASA budgets its projects at a 70 % JCL (NPD 1000.5; NPR 7120.5E, 2012, since replaced
    by revision F, 2021, asked for a JCL at KDP-C, when a project above 250 M$ is baselined; NASA
    *Cost Estimating Handbook* v4.0, 2015, appendix J). It is never above the smaller of the two
    separate confidences, and it equals their product only when cost and finish are independent.

    >>> sim = CostSimulation(cost=np.array([90., 100, 110, 120]), finish=np.array([10., 12, 11, 14]),
    ...                      base_estimate=100.0, deterministic_finish=10.0, iterations=4, seed=None,
    ...                      schedule=None)
    >>> joint_confidence(sim, budget=110, date=11)   # 3 of 4 within the budget, 2 of those by day 11
    0.5
    """
    if not isinstance(simulation, CostSimulation):
        raise BudgetError(f"simulation must be a CostSimulation (from simulate_costs), not "
                          f"{type(simulation).__name__}.")
    budget = _amount(budget, "budget", minimum=None)
    limit = simulation.period(date)
    within = (simulation.cost <= budget + 1e-9) & (simulation.finish <= limit + 1e-9)
    return float(np.mean(within))


def budget_for_confidence(simulation, date, confidence=0.7):
    """The smallest budget that reaches a joint confidence level with a given finish date.

    The iterations finishing by ``date`` are sorted by cost; the budget is the cost of the
    ``ceil(confidence x iterations)``-th of them. Raises :class:`BudgetError` when too few
    iterations finish by that date: then no budget reaches the confidence, and the date must move.

    >>> sim = CostSimulation(cost=np.array([90., 100, 110, 120]), finish=np.array([10., 12, 11, 14]),
    ...                      base_estimate=100.0, deterministic_finish=10.0, iterations=4, seed=None,
    ...                      schedule=None)
    >>> budget_for_confidence(sim, date=14, confidence=0.75), budget_for_confidence(sim, date=12, confidence=0.5)
    (110.0, 100.0)
    """
    if not isinstance(simulation, CostSimulation):
        raise BudgetError(f"simulation must be a CostSimulation (from simulate_costs), not "
                          f"{type(simulation).__name__}.")
    confidence = _confidence(confidence) if confidence != 1 else 1.0
    limit = simulation.period(date)
    costs = np.sort(simulation.cost[simulation.finish <= limit + 1e-9])
    needed = int(math.ceil(confidence * len(simulation.cost) - 1e-9))
    if len(costs) < needed:
        raise BudgetError(f"only {len(costs) / len(simulation.cost):.0%} of the iterations finish by "
                          f"that date, so no budget reaches a {confidence:.0%} joint confidence: "
                          "move the date (or reduce the schedule risk) first.")
    return float(costs[needed - 1])


# --- commitments and forecasts ----------------------------------------------------------


def commitments(orders, tasks=None):
    """Per project: ordered, invoiced and the open commitment of its purchase orders.

    ``orders`` has ``id``, ``project``, ``amount_eur``, ``invoiced_eur`` and optionally ``status``
    (a ``closed`` order has no open commitment), ``task_id`` and ``budget_eur`` (the budget of what
    the order buys; its amount when absent). An open commitment is ``amount - invoiced``: money
    promised that the actual cost does not show yet. With ``tasks`` (``id``, ``cost_eur``), the
    orders on each task must stay within its budget line.

    Returns a DataFrame indexed by project: ``ordered_eur``, ``invoiced_eur``, ``open_eur``,
    ``budget_eur`` (of all the orders), ``open_budget_eur`` (the budget of the work the open
    commitments will deliver, in proportion: ``budget x open / amount``) and
    ``order_variance_eur`` (budget - amount: negative when orders were signed above budget).

    >>> orders = pd.DataFrame({"id": ["P1", "P2"], "project": ["A", "A"],
    ...     "amount_eur": [1000.0, 300.0], "invoiced_eur": [300.0, 300.0], "status": ["open", "closed"],
    ...     "budget_eur": [900.0, 300.0]})
    >>> commitments(orders).T
    project                 A
    ordered_eur        1300.0
    invoiced_eur        600.0
    open_eur            700.0
    budget_eur         1200.0
    open_budget_eur     630.0
    order_variance_eur -100.0
    """
    require_columns(orders, ["id", "project", "amount_eur", "invoiced_eur"], "purchase orders",
                    BudgetError)
    labels = [str(v) for v in orders["id"]]
    amount = _order_amounts(orders, "amount_eur", labels)
    invoiced = _order_amounts(orders, "invoiced_eur", labels)
    for label, a, i in zip(labels, amount, invoiced):
        if i > a + _CENT:
            raise BudgetError(f"Order {label}: invoiced {i:,.2f} is more than ordered ({a:,.2f}); "
                              "valid: invoiced_eur <= amount_eur.")
    closed = orders["status"].astype(str).eq("closed").to_numpy() if "status" in orders.columns \
        else np.zeros(len(amount), bool)
    if tasks is not None:
        require_columns(orders, ["task_id"], "purchase orders", BudgetError)
        require_columns(tasks, ["id", "cost_eur"], "tasks", BudgetError)
        line = dict(zip(tasks["id"].astype(str), pd.to_numeric(tasks["cost_eur"])))
        ordered = {}
        for label, task, a in zip(labels, orders["task_id"].astype(str), amount):
            if task not in line:
                raise BudgetError(f"Order {label} is charged to task {task!r}, which is not in tasks.")
            ordered[task] = ordered.get(task, 0.0) + a
            if ordered[task] > line[task] + _CENT:
                raise BudgetError(
                    f"Order {label}: the orders on {task} add up to {ordered[task]:,.2f}, more than "
                    f"its budget line ({line[task]:,.2f}); a commitment larger than the budget line "
                    "needs a budget change first (contingency, management reserve or new funding).")
    budgets = _order_amounts(orders, "budget_eur", labels) if "budget_eur" in orders.columns \
        else amount
    open_ = np.where(closed, 0.0, amount - invoiced)
    with np.errstate(all="ignore"):
        open_budget = np.where(amount > 0, budgets * open_ / np.where(amount > 0, amount, 1.0), 0.0)
    frame = pd.DataFrame({"project": orders["project"].astype(str).to_numpy(), "ordered_eur": amount,
                          "invoiced_eur": invoiced, "open_eur": open_, "budget_eur": budgets,
                          "open_budget_eur": open_budget, "order_variance_eur": budgets - amount})
    return frame.groupby("project", sort=False).sum()


def _order_amounts(orders, column, labels):
    values = pd.to_numeric(orders[column], errors="coerce").to_numpy(float)
    for label, raw, value in zip(labels, orders[column], values):
        if not np.isfinite(value) or value < 0:
            raise BudgetError(f"Order {label}: {column} is {raw!r}; valid: an amount in EUR >= 0.")
    return values


def forecast(actual_cost, open_commitments, estimate_to_complete, cost_baseline, budget):
    """The forecast at completion against commitments, and what it leaves.

    * ``FAC = AC + open commitments + ETC`` (the ETC of the work **not** under contract);
    * ``variance_baseline = BAC - FAC`` and ``variance_budget = budget - FAC`` (negative: over);
    * ``committed = AC + open commitments``: spent or promised;
    * ``uncommitted = budget - committed``: what the project can still decide to spend.

    Numbers in, a Series out; aligned Series in (one row per project), a DataFrame out. A
    project's actual cost alone flatters it when much is ordered and not yet invoiced.

    >>> forecast(actual_cost=900, open_commitments=1100, estimate_to_complete=150,
    ...          cost_baseline=2200, budget=2370).to_dict()
    {'FAC': 2150.0, 'variance_baseline': 50.0, 'variance_budget': 220.0, 'committed': 2000.0, 'uncommitted': 370.0}
    """
    names = ("actual_cost", "open_commitments", "estimate_to_complete", "cost_baseline", "budget")
    values = (actual_cost, open_commitments, estimate_to_complete, cost_baseline, budget)
    series = [v for v in values if isinstance(v, pd.Series)]
    if series:
        index = series[0].index
        if any(not s.index.equals(index) for s in series):
            raise BudgetError("the Series given to forecast are not aligned; give them the same index.")
        frame = pd.DataFrame({n: (v if isinstance(v, pd.Series) else pd.Series(v, index=index))
                              for n, v in zip(names, values)})
    else:
        frame = pd.DataFrame({n: [v] for n, v in zip(names, values)})
    for name in names:
        for label, value in frame[name].items():
            _amount(value, name if not series else f"{name} of {label}")
    frame = frame.astype(float)
    fac = frame["actual_cost"] + frame["open_commitments"] + frame["estimate_to_complete"]
    committed = frame["actual_cost"] + frame["open_commitments"]
    out = pd.DataFrame({"FAC": fac, "variance_baseline": frame["cost_baseline"] - fac,
                        "variance_budget": frame["budget"] - fac, "committed": committed,
                        "uncommitted": frame["budget"] - committed})
    return out if series else out.iloc[0].rename(None)


def _latest_status(status, status_date):
    require_columns(status, ["project", "status_date", "ev_eur", "ac_eur", "pv_eur"], "status",
                    BudgetError)
    frame = status.copy()
    frame["status_date"] = pd.to_datetime(frame["status_date"])
    if status_date is not None:
        frame = frame[frame["status_date"] <= pd.Timestamp(status_date)]
    if frame.empty:
        raise BudgetError(f"no status on or before {status_date}; the first status date is "
                          f"{pd.to_datetime(status['status_date']).min():%d %b %Y}.")
    return frame.sort_values("status_date").groupby("project", sort=False).tail(1).set_index("project")


def project_forecasts(status_date=None, etc="cpi", tables=None):
    """Each project's forecast at completion against its commitments, on the company's data.

    For each project at ``status_date`` (the last status by default): BAC (its cost baseline),
    budget, PV, EV, AC, CPI, the open commitments of its purchase orders, and

    * ``etc_eur``: the estimate to complete the work not under contract: ``max(BAC - EV -
      open_budget, 0)`` (the remaining work, less the budget of what the open orders will deliver,
      :func:`commitments`) divided by the CPI (``etc="cpi"``: the efficiency so far goes on) or
      not (``etc="budget"``: at the budgeted rates); the open orders themselves cost what they say;
    * ``fac_eur`` = AC + open commitments + ETC, and, for comparison, ``eac_cpi_eur`` = BAC / CPI,
      the typical EAC of lesson 03, which applies the CPI to committed work too;
    * ``variance_baseline_eur``, ``variance_budget_eur``, ``committed_eur``, ``uncommitted_eur``
      (see :func:`forecast`).

    ``tables`` may give ``projects``, ``tasks``, ``status`` and ``orders`` DataFrames instead of
    the bundled ones.

    >>> table = project_forecasts()
    >>> bool(table.at["WHA", "open_eur"] > table.at["WHA", "ac_eur"])   # more promised than booked
    True
    """
    projects, tasks, status, orders = _tables(tables, "projects", "tasks", "status", "orders")
    if etc not in ("cpi", "budget"):
        raise BudgetError(f"etc is {etc!r}; valid: 'cpi' (remaining work at the CPI) or 'budget'.")
    require_columns(projects, ["id", "budget_eur"], "projects", BudgetError)
    require_columns(tasks, ["project", "cost_eur"], "tasks", BudgetError)
    latest = _latest_status(status, status_date)
    ordered = commitments(orders, tasks)
    open_, open_budget = ordered["open_eur"], ordered["open_budget_eur"]
    rows = []
    for pid, budget in zip(projects["id"].astype(str), projects["budget_eur"]):
        if pid not in latest.index:
            raise BudgetError(f"Project {pid} has no status on or before that date.")
        bac = float(tasks.loc[tasks["project"].astype(str) == pid, "cost_eur"].sum())
        pv, ev, ac = (float(latest.at[pid, c]) for c in ("pv_eur", "ev_eur", "ac_eur"))
        cpi = ev / ac if ac > 0 else float("nan")
        committed = float(open_.get(pid, 0.0))
        remaining = max(bac - ev - float(open_budget.get(pid, 0.0)), 0.0)
        factor = cpi if etc == "cpi" and np.isfinite(cpi) and cpi > 0 else 1.0
        rows.append({"project": pid, "bac_eur": bac, "budget_eur": float(budget), "pv_eur": pv,
                     "ev_eur": ev, "ac_eur": ac, "cpi": cpi, "open_eur": committed,
                     "etc_eur": remaining / factor,
                     "eac_cpi_eur": bac / cpi if np.isfinite(cpi) and cpi > 0 else float("nan")})
    frame = pd.DataFrame(rows).set_index("project")
    result = forecast(frame["ac_eur"], frame["open_eur"], frame["etc_eur"], frame["bac_eur"],
                      frame["budget_eur"])
    frame["fac_eur"] = result["FAC"]
    frame["variance_baseline_eur"] = result["variance_baseline"]
    frame["variance_budget_eur"] = result["variance_budget"]
    frame["committed_eur"] = result["committed"]
    frame["uncommitted_eur"] = result["uncommitted"]
    columns = ["bac_eur", "budget_eur", "pv_eur", "ev_eur", "ac_eur", "cpi", "open_eur",
               "committed_eur", "etc_eur", "fac_eur", "eac_cpi_eur", "variance_baseline_eur",
               "variance_budget_eur", "uncommitted_eur"]
    return frame[columns]


def _actual_by_day(status, start, days, calendar):
    """Cumulative AC at the end of each working day in ``days``: linear between status dates (by
    working day), 0 at the start, NaN after the last status."""
    dates = pd.to_datetime(status["status_date"]).to_numpy()
    ac = pd.to_numeric(status["ac_eur"]).to_numpy(float)
    order = np.argsort(dates)
    dates, ac = dates[order], ac[order]
    position = np.array([calendar.working_days_between(start, pd.Timestamp(d) + pd.Timedelta(days=1))
                         for d in dates], dtype=float)
    x = np.concatenate([[0.0], position])
    y = np.concatenate([[0.0], ac])
    k = np.arange(1, len(days) + 1, dtype=float)  # working days done at the end of each day
    values = np.interp(k, x, y)
    values[k > x[-1] + 1e-9] = np.nan
    return pd.Series(values, index=days)


def cash_flow(tasks, schedule, status, freq="MS", calendar=None, funding_freq="QS", cost=None):
    """Planned against actual spending per period, with the finance department's funding steps.

    ``tasks`` and ``schedule`` as for :func:`cost_baseline` (one project); ``status`` its weekly
    cumulative ``status_date``, ``ac_eur`` (status_weekly.csv). Per period of ``freq``:

    * ``planned_eur``: the cost baseline of the period; ``actual_eur``: the actual cost booked in
      it (the cumulative AC read between status dates in proportion to the working days), empty
      after the last status; ``partial`` is True for the period in which the actuals stop;
    * ``cumulative_planned_eur``, ``cumulative_actual_eur``;
    * ``funding_eur``: the money finance has released by the end of the period, when it releases
      at the start of each ``funding_freq`` period (quarters) the baseline planned for it: the
      stepped funding requirement of PMBOK Guide (6th ed.), 7.3.3.2 and figure 7-9.

    A period whose actual is below its plan is not a saving by itself: for a late project it is
    work, and money, moved later.

    >>> tasks = pd.DataFrame({"id": ["A"], "cost": [4400.0]})
    >>> dates = pd.DataFrame({"start_date": [pd.Timestamp("2026-03-02")],
    ...                       "finish_date": [pd.Timestamp("2026-04-30")]}, index=["A"])
    >>> status = pd.DataFrame({"status_date": pd.to_datetime(["2026-03-13", "2026-04-03"]),
    ...                        "ac_eur": [1200.0, 2000.0]})
    >>> cash_flow(tasks, dates, status)[["planned_eur", "actual_eur", "partial", "funding_eur"]]
                planned_eur  actual_eur  partial  funding_eur
    2026-03-01       2200.0      1840.0    False       2200.0
    2026-04-01       2200.0       160.0     True       4400.0
    """
    offset, funding = _offset(freq), _offset(funding_freq)
    calendar = as_calendar(calendar)
    require_columns(status, ["status_date", "ac_eur"], "status", BudgetError)
    per_day = _working_curve(tasks, schedule, calendar, cost)
    start = per_day.index[0]
    last = max(per_day.index[-1], pd.to_datetime(status["status_date"]).max())
    days = calendar.working_days(start, last)
    planned = per_day.reindex(days, fill_value=0.0)
    cumulative_ac = _actual_by_day(status, start, days, calendar)
    actual_day = cumulative_ac.diff()
    actual_day.iloc[0] = cumulative_ac.iloc[0]
    daily = pd.DataFrame({"planned_eur": planned, "actual_eur": actual_day,
                          "missing": actual_day.isna().astype(int)})
    frame = daily.resample(offset).agg({"planned_eur": "sum", "actual_eur": lambda s: s.sum(min_count=1),
                                        "missing": "sum"})
    frame["partial"] = frame["actual_eur"].notna() & (frame["missing"] > 0)
    frame = frame.drop(columns="missing")
    frame["cumulative_planned_eur"] = frame["planned_eur"].cumsum()
    frame["cumulative_actual_eur"] = frame["actual_eur"].cumsum()
    grouped = planned.groupby(pd.Grouper(freq=funding))
    released = grouped.transform("sum").where(grouped.cumcount() == 0, 0.0)  # on the first day
    frame["funding_eur"] = released.cumsum().resample(offset).max().reindex(frame.index).ffill()
    frame.index.name = None
    return frame[["planned_eur", "actual_eur", "partial", "cumulative_planned_eur",
                  "cumulative_actual_eur", "funding_eur"]]


# --- the budget change log -------------------------------------------------------------


@dataclass
class BudgetLog:
    """What :func:`change_log` returns.

    ``versions``: one row per project and step of its history (version 0 is the approved
    baseline; a row per approved change after it, in decision order), with ``cost_baseline_eur``,
    ``contingency_eur`` (what remains of it), ``management_reserve_eur`` and ``budget_eur`` after
    the step, and ``version`` (raised only when the cost baseline or its phasing moves).
    ``current``: the last row of each project. ``pending``: the changes waiting for a decision.
    """

    versions: pd.DataFrame
    current: pd.DataFrame
    pending: pd.DataFrame


def _check_approval(change_id, kind, decided_by):
    allowed = APPROVERS.get(kind)
    if allowed is None:
        raise BudgetError(f"Change {change_id}: kind {kind!r} is unknown; valid: "
                          f"{', '.join(APPROVERS)}.")
    if decided_by not in allowed:
        what = {"management reserve": "a management reserve is released",
                "new funding": "new funding is granted",
                "descope": "scope is removed", "deferral": "work is deferred",
                "contingency": "contingency is drawn"}[kind]
        raise BudgetError(f"Change {change_id}: {what} only with the approval of the "
                          f"{' or the '.join(allowed)}, not the {decided_by or 'nobody'} "
                          "(a reserve drawn without the approval it needs).")


def change_log(projects, tasks, changes):
    """Apply a budget change log: approved changes move the baselines, pending ones do not.

    ``projects`` has ``id``, ``budget_eur``, ``reserve_eur`` (the management reserve); ``tasks`` has
    ``project``, ``cost_eur`` and optionally ``contingency_eur``; ``changes`` is a change log
    (budget_changes.csv: ``id``, ``project``, ``kind``, ``amount_eur``, ``status``,
    ``decided_by``, ``decided_on``). Each **approved** change, in the order of its decision:

    * ``contingency``: draws on the contingency inside the cost baseline (the baseline does not
      move); it cannot draw more than remains;
    * ``management reserve``: moves money from the management reserve into the cost baseline (the
      budget does not move); never more than the reserve holds;
    * ``new funding``: raises the baseline and the budget; ``descope``: lowers both;
    * ``deferral``: moves work to a later year (a new phasing: a new version, same totals).

    Pending and rejected changes change nothing. The role that decided must be one
    :data:`APPROVERS` allows for the kind (Meridian's policy); a change id that appears twice is
    refused (a change is applied once). Source: PMBOK Guide (6th ed.), 7.2.2.6 and 7.3.3.1
    (management reserve enters the baseline through change control), 4.6 (Perform Integrated
    Change Control).

    >>> projects = pd.DataFrame({"id": ["A"], "budget_eur": [1200.0], "reserve_eur": [100.0]})
    >>> tasks = pd.DataFrame({"project": ["A"], "cost_eur": [1100.0], "contingency_eur": [60.0]})
    >>> changes = pd.DataFrame({"id": ["C1", "C2"], "project": ["A", "A"],
    ...     "kind": ["contingency", "management reserve"], "amount_eur": [40.0, 80.0],
    ...     "status": ["approved", "pending"], "decided_by": ["project manager", ""],
    ...     "decided_on": [pd.Timestamp("2026-05-04"), pd.NaT]})
    >>> change_log(projects, tasks, changes).current[["cost_baseline_eur", "contingency_eur",
    ...                                                "management_reserve_eur", "budget_eur"]]
             cost_baseline_eur  contingency_eur  management_reserve_eur  budget_eur
    project
    A                   1100.0             20.0                   100.0      1200.0
    """
    require_columns(projects, ["id", "budget_eur", "reserve_eur"], "projects", BudgetError)
    require_columns(tasks, ["project", "cost_eur"], "tasks", BudgetError)
    require_columns(changes, ["id", "project", "kind", "amount_eur", "status"], "changes", BudgetError)
    ids = changes["id"].astype(str)
    twice = ids[ids.duplicated()]
    if len(twice):
        raise BudgetError(f"Change {twice.iloc[0]} appears twice in the log: a change is applied once.")
    state = {}
    rows = []
    contingency_of = (tasks.groupby(tasks["project"].astype(str))["contingency_eur"].sum()
                      if "contingency_eur" in tasks.columns else pd.Series(dtype=float))
    for pid, budget, reserve in zip(projects["id"].astype(str), projects["budget_eur"],
                                    projects["reserve_eur"]):
        baseline = float(tasks.loc[tasks["project"].astype(str) == pid, "cost_eur"].sum())
        state[pid] = {"version": 0, "cost_baseline_eur": baseline,
                      "contingency_eur": float(contingency_of.get(pid, 0.0)),
                      "management_reserve_eur": float(reserve), "budget_eur": float(budget)}
        rows.append({"project": pid, "step": 0, "change": "", "kind": "approved baseline",
                     "decided_on": pd.NaT, **state[pid]})
    approved = changes[changes["status"].astype(str) == "approved"].copy()
    for column in ("decided_by", "decided_on"):
        if column not in approved.columns:
            approved[column] = "" if column == "decided_by" else pd.NaT
    approved["decided_on"] = pd.to_datetime(approved["decided_on"])
    approved = approved.sort_values(["decided_on", "id"], kind="stable")
    steps = {pid: 0 for pid in state}
    for cid, pid, kind, amount, who, when in zip(
            approved["id"].astype(str), approved["project"].astype(str), approved["kind"].astype(str),
            approved["amount_eur"], approved["decided_by"].fillna("").astype(str), approved["decided_on"]):
        if pid not in state:
            raise BudgetError(f"Change {cid} is for project {pid!r}, which projects does not list.")
        _check_approval(cid, kind, who)
        amount = _amount(amount, f"Change {cid}: amount_eur")
        s = state[pid]
        if kind == "contingency":
            if amount > s["contingency_eur"] + _CENT:
                raise BudgetError(f"Change {cid} draws {amount:,.2f} of contingency but only "
                                  f"{s['contingency_eur']:,.2f} remains in {pid}'s baseline; the "
                                  "rest needs the management reserve (a change the sponsor approves).")
            s["contingency_eur"] -= amount
        elif kind == "management reserve":
            if amount > s["management_reserve_eur"] + _CENT:
                raise BudgetError(f"Change {cid} releases {amount:,.2f} of management reserve but "
                                  f"{pid} holds only {s['management_reserve_eur']:,.2f}; beyond the "
                                  "reserve, only new funding can pay.")
            s["management_reserve_eur"] -= amount
            s["cost_baseline_eur"] += amount
            s["version"] += 1
        elif kind == "new funding":
            s["cost_baseline_eur"] += amount
            s["budget_eur"] += amount
            s["version"] += 1
        elif kind == "descope":
            if amount > s["cost_baseline_eur"] + _CENT:
                raise BudgetError(f"Change {cid} removes {amount:,.2f}, more than {pid}'s cost "
                                  "baseline.")
            s["cost_baseline_eur"] -= amount
            s["budget_eur"] -= amount
            s["version"] += 1
        else:  # deferral: the same totals, a new phasing
            s["version"] += 1
        steps[pid] += 1
        rows.append({"project": pid, "step": steps[pid], "change": cid, "kind": kind,
                     "decided_on": when, **s})
    versions = pd.DataFrame(rows).sort_values(["project", "step"], kind="stable")
    order = {pid: k for k, pid in enumerate(state)}
    versions = versions.sort_values(["project", "step"], key=lambda c: c.map(order)
                                    if c.name == "project" else c, kind="stable").reset_index(drop=True)
    versions = versions[["project", "step", "change", "kind", "decided_on", "version",
                         "cost_baseline_eur", "contingency_eur", "management_reserve_eur",
                         "budget_eur"]]
    current = versions.groupby("project", sort=False).tail(1).set_index("project")
    current = current[["version", "cost_baseline_eur", "contingency_eur", "management_reserve_eur",
                       "budget_eur"]]
    pending = changes[changes["status"].astype(str) == "pending"].reset_index(drop=True)
    return BudgetLog(versions=versions, current=current, pending=pending)


def approve(changes, change_id, decided_by, decided_on, reject=False):
    """A copy of a change log with one pending change approved (or rejected, ``reject=True``).

    Refuses a change that is not pending (a change is decided, and applied, once) and an approval
    by a role :data:`APPROVERS` does not allow for its kind.

    >>> changes = pd.DataFrame({"id": ["C1"], "project": ["A"], "kind": ["management reserve"],
    ...     "amount_eur": [80.0], "status": ["pending"], "decided_by": [""], "decided_on": [pd.NaT]})
    >>> approve(changes, "C1", "sponsor", "2026-10-08")[["status", "decided_by"]].iloc[0].tolist()
    ['approved', 'sponsor']
    >>> approve(changes, "C1", "project manager", "2026-10-08")
    Traceback (most recent call last):
    ...
    pmo_lessons.budget.BudgetError: Change C1: a management reserve is released only with the approval of ...
    """
    require_columns(changes, ["id", "kind", "status"], "changes", BudgetError)
    ids = changes["id"].astype(str)
    if change_id not in set(ids):
        raise BudgetError(f"Change {change_id!r} is not in the log; valid: {', '.join(ids[:10])}.")
    position = int(np.flatnonzero((ids == change_id).to_numpy())[0])
    status = str(changes["status"].iloc[position])
    if status != "pending":
        raise BudgetError(f"Change {change_id} is already {status}: a change is decided, and "
                          "applied, once.")
    if not reject:
        _check_approval(change_id, str(changes["kind"].iloc[position]), decided_by)
    elif decided_by not in ("project manager", "sponsor", "portfolio board"):
        raise BudgetError(f"decided_by is {decided_by!r}; valid: project manager, sponsor or "
                          "portfolio board.")
    try:
        day = pd.Timestamp(decided_on)
    except (TypeError, ValueError):
        raise BudgetError(f"decided_on {decided_on!r} is not a date such as '2026-10-08'.") from None
    result = changes.copy()
    label = result.index[position]
    result.loc[label, "status"] = "rejected" if reject else "approved"
    result.loc[label, "decided_by"] = decided_by
    if "decided_on" in result.columns:
        result["decided_on"] = pd.to_datetime(result["decided_on"])
    result.loc[label, "decided_on"] = day
    return result


# --- the portfolio's annual budget -------------------------------------------------------


def spend_forecast(planned, ev, ac, fac, at):
    """The forecast cumulative cost, working day by working day, from the status date to the end.

    ``planned`` is the baseline's planned cost per working day (day 1 first; its sum is the BAC),
    ``ev`` and ``ac`` the cumulative EV and AC after ``at`` working days, ``fac`` the forecast at
    completion. The remaining work is done in the order of the baseline at the pace the project
    has shown, the time-based schedule index SPI(t) = ES / AT of earned schedule (Lipke, "Schedule
    is Different", 2003, in working days here): ``k`` days after the status date the project
    reaches the baseline's day ``ES + SPI(t) x k``; the money still to spend, ``FAC - AC``, follows
    the planned value still to earn. The forecast finishes at ``AT x PD / ES``, the IEAC(t) of
    lesson 03.

    Returns an array: the cumulative cost after ``at + 1``, ``at + 2`` ... working days, up to the
    forecast finish.

    >>> spend_forecast([100.0] * 10, ev=400, ac=500, fac=1200, at=5).round(1).tolist()
    [593.3, 686.7, 780.0, 873.3, 966.7, 1060.0, 1153.3, 1200.0]
    """
    from .evm import earned_schedule

    planned = np.asarray(planned, dtype=float)
    if planned.ndim != 1 or not len(planned) or np.any(~np.isfinite(planned)) or np.any(planned < 0):
        raise BudgetError("planned must be the baseline's cost per working day: amounts >= 0.")
    bac = float(planned.sum())
    ev, ac, fac = (_amount(v, name) for v, name in ((ev, "ev"), (ac, "ac"), (fac, "fac")))
    at = _amount(at, "at")
    if fac < ac - _CENT:
        raise BudgetError(f"fac ({fac:,.2f}) is below the actual cost ({ac:,.2f}).")
    if ev >= bac - _CENT:
        return np.array([fac]) if fac > ac + _CENT else np.empty(0)
    curve = np.concatenate([[0.0], np.cumsum(planned)])
    es = earned_schedule(curve[1:], ev, at)
    spi_t = float(es["SPI_t"])
    pace = spi_t if np.isfinite(spi_t) and spi_t > 0 else 1.0
    start = float(es["ES"])
    steps = int(math.ceil((len(planned) - start) / pace - 1e-9))
    k = np.arange(1, steps + 1, dtype=float)
    position = np.minimum(start + pace * k, len(planned))
    share = (np.interp(position, np.arange(len(curve)), curve) - ev) / (bac - ev)
    return ac + (fac - ac) * np.clip(share, 0.0, 1.0)


def _tables(tables, *names):
    """The company's tables by name, from ``tables`` when given there, else loaded."""
    from . import data

    loaders = {"projects": data.load_projects, "tasks": data.load_tasks, "status": data.load_status,
               "orders": data.load_purchase_orders, "annual_budget": data.load_annual_budget,
               "envelope": data.load_portfolio_envelope, "holidays": data.load_holidays,
               "changes": data.load_budget_changes}
    tables = tables or {}
    return [tables[name] if tables.get(name) is not None else loaders[name]() for name in names]


def _curves(project, tasks, status, forecast_row, calendar, status_date):
    """A project's planned cost per working day, and its cumulative spending: actual to the status
    date, then forecast (:func:`spend_forecast`) to the forecast finish."""
    pid = str(project["id"])
    own = tasks[tasks["project"].astype(str) == pid]
    dated = schedule.to_dates(schedule.cpm(own), project["start_date"], calendar.holidays,
                              calendar.weekmask)
    per_day = _working_curve(own, dated, calendar)
    start = per_day.index[0]
    own_status = status[status["project"].astype(str) == pid]
    if status_date is not None:
        own_status = own_status[pd.to_datetime(own_status["status_date"]) <= pd.Timestamp(status_date)]
    day = pd.to_datetime(own_status["status_date"]).max()
    at = calendar.working_days_between(start, day + pd.Timedelta(days=1))
    f = forecast_row
    future = spend_forecast(per_day.to_numpy(), f["ev_eur"], f["ac_eur"], f["fac_eur"], at)
    days_after = calendar.working_days(day + pd.Timedelta(days=1),
                                       calendar.working_day(day + pd.Timedelta(days=1), len(future)))
    history = _actual_by_day(own_status, start, calendar.working_days(start, day), calendar)
    spent = pd.concat([history, pd.Series(future, index=days_after[:len(future)])])
    return per_day, spent, day


def spending_forecast(project, status_date=None, calendar=None, tables=None):
    """One project's spending day by day: the baseline, the actual cost, and the forecast.

    A DataFrame indexed by working day, from the project's start to the later of its baseline
    finish and its forecast finish: ``planned_eur`` (the cumulative cost baseline),
    ``actual_eur`` (the cumulative actual cost up to the status date, read between the weekly
    status dates) and ``forecast_eur`` (from the status date, the cumulative forecast of
    :func:`spend_forecast` for the project's :func:`project_forecasts` FAC). ``tables`` as for
    :func:`project_forecasts`; the calendar is the company's by default.

    >>> curve = spending_forecast("WHA")
    >>> curve.index[-1] > curve["planned_eur"].idxmax()   # late: the forecast ends after the plan
    True
    """
    projects, tasks, status, orders, holidays = _tables(tables, "projects", "tasks", "status",
                                                        "orders", "holidays")
    calendar = calendar if calendar is not None else Calendar(holidays)
    rows = projects[projects["id"].astype(str) == str(project)]
    if rows.empty:
        raise BudgetError(f"unknown project {project!r}; valid: {', '.join(projects['id'].astype(str))}.")
    forecasts = project_forecasts(status_date, tables={"projects": projects, "tasks": tasks,
                                                       "status": status, "orders": orders})
    per_day, spent, day = _curves(rows.iloc[0], tasks, status, forecasts.loc[str(project)],
                                  calendar, status_date)
    days = per_day.index.union(spent.index)
    return pd.DataFrame({"planned_eur": per_day.cumsum().reindex(days).ffill().fillna(0.0),
                         "actual_eur": spent[spent.index <= day].reindex(days),
                         "forecast_eur": spent[spent.index >= day].reindex(days)})


def annual_review(year=2026, status_date=None, calendar=None, tables=None):
    """The portfolio's annual budget against the forecasts, project by project (company data).

    For each project: ``priority``, ``mandatory``, its ``budget_eur`` line of ``year``
    (annual_budget.csv), ``actual_eur`` (the actual cost booked in the year so far),
    ``forecast_eur`` (actual + the forecast spending to the year's end, :func:`spend_forecast` of
    its :func:`project_forecasts` FAC), ``variance_eur`` = line - forecast (negative: over), and
    the under-spend split in two: ``timing_eur``, the part the forecast spends after the year
    beyond what the baseline had planned there (late work: the money will be needed the next
    year), and ``saving_eur``, the rest (money the project will not need). The portfolio's
    envelope and reserve are in ``attrs["envelope_eur"]`` and ``attrs["reserve_eur"]``.

    ``tables`` may give ``projects``, ``tasks``, ``status``, ``orders``, ``annual_budget``,
    ``envelope`` and ``holidays`` instead of the bundled ones.

    >>> review = annual_review()
    >>> bool(review.at["WHA", "timing_eur"] > 400_000)   # the conveyors come in 2027
    True
    """
    projects, tasks, status, orders, lines, envelopes, holidays = _tables(
        tables, "projects", "tasks", "status", "orders", "annual_budget", "envelope", "holidays")
    calendar = calendar if calendar is not None else Calendar(holidays)
    forecasts = project_forecasts(status_date, tables={"projects": projects, "tasks": tasks,
                                                       "status": status, "orders": orders})
    year = int(year)
    year_lines = lines[lines["year"] == year].set_index(lines["project"].astype(str))
    envelope = envelopes[envelopes["year"] == year]
    if year_lines.empty or envelope.empty:
        raise BudgetError(f"no annual budget for {year}; the tables have "
                          f"{', '.join(map(str, sorted(set(lines['year']))))}.")
    first, last = pd.Timestamp(year=year, month=1, day=1), pd.Timestamp(year=year, month=12, day=31)
    rows = []
    for _, project in projects.iterrows():
        pid = str(project["id"])
        f = forecasts.loc[pid]
        per_day, spent, _ = _curves(project, tasks, status, f, calendar, status_date)
        before = float(spent[spent.index < first].iloc[-1]) if (spent.index < first).any() else 0.0
        in_year = spent[spent.index <= last].dropna()
        at_year_end = float(in_year.iloc[-1]) if len(in_year) else before
        line = float(year_lines.at[pid, "budget_eur"]) if pid in year_lines.index else 0.0
        forecast_year = at_year_end - before
        under = max(line - forecast_year, 0.0)
        # spending the forecast puts after the year, beyond what the baseline planned there
        planned_after = float(per_day[per_day.index > last].sum())
        moved = float(f["fac_eur"]) - at_year_end - planned_after
        moved = moved if moved > _CENT else 0.0
        timing = min(under, moved)
        rows.append({"project": pid, "priority": int(project["priority"]),
                     "mandatory": bool(project["mandatory"]) if "mandatory" in projects.columns else False,
                     "budget_eur": line, "actual_eur": float(f["ac_eur"]) - before,
                     "forecast_eur": forecast_year, "variance_eur": line - forecast_year,
                     "saving_eur": under - timing, "timing_eur": timing,
                     "fac_eur": float(f["fac_eur"]), "bac_eur": float(f["bac_eur"])})
    review = pd.DataFrame(rows).set_index("project")
    review.attrs["year"] = year
    review.attrs["envelope_eur"] = float(envelope["envelope_eur"].iloc[0])
    review.attrs["reserve_eur"] = float(envelope["reserve_eur"].iloc[0])
    return review


def adjustment_options(changes, projects, year=2026):
    """The moves a portfolio review may propose: pending deferrals and descopes that lower the
    year's spending, on projects that are not mandatory.

    Returns ``id``, ``project``, ``kind``, ``title``, ``saving_eur`` (the cut in the year's
    spending, > 0) and ``priority`` (the project's).

    >>> from pmo_lessons import data
    >>> adjustment_options(data.load_budget_changes(), data.load_projects())["id"].tolist()
    ['CR-09', 'CR-10', 'CR-11', 'CR-12']
    """
    require_columns(changes, ["id", "project", "kind", "status", f"amount_{year}_eur"], "changes",
                    BudgetError)
    require_columns(projects, ["id", "priority"], "projects", BudgetError)
    mandatory = set(projects.loc[projects["mandatory"].astype(bool), "id"].astype(str)) \
        if "mandatory" in projects.columns else set()
    priority = dict(zip(projects["id"].astype(str), projects["priority"].astype(int)))
    effect = pd.to_numeric(changes[f"amount_{year}_eur"], errors="coerce").fillna(0.0)
    keep = (changes["status"].astype(str) == "pending") & changes["kind"].isin(["deferral", "descope"]) \
        & (effect < 0) & ~changes["project"].astype(str).isin(mandatory)
    chosen = changes[keep]
    return pd.DataFrame({
        "id": chosen["id"].astype(str).to_numpy(), "project": chosen["project"].astype(str).to_numpy(),
        "kind": chosen["kind"].astype(str).to_numpy(),
        "title": chosen["title"].astype(str).to_numpy() if "title" in chosen.columns else "",
        "saving_eur": -effect[keep].to_numpy(float),
        "priority": [priority.get(str(p), 0) for p in chosen["project"]],
    })


@dataclass
class Adjustments:
    """What :func:`propose_adjustments` returns.

    ``moves``: one row per move, in the order they are proposed (``move``, ``project``,
    ``amount_eur``, ``reason``); ``need_eur``: the over-spends to fund; ``gap_eur``: what is still
    unfunded after the moves (0 when ``balanced``); ``chosen`` and ``greedy``: the ids of the
    options the exact search and a greedy pass (cheapest loss per euro first) pick.
    """

    moves: pd.DataFrame
    need_eur: float
    gap_eur: float
    balanced: bool
    chosen: list
    greedy: list
    loss: float = 0.0
    greedy_loss: float = 0.0


#: How much a euro moved costs the portfolio, by kind of move: Meridian's policy (a cut loses the
#: scope for good, a deferral only moves it). Multiplied by the project's priority.
MOVE_WEIGHTS = {"deferral": 1.0, "descope": 2.0}


def propose_adjustments(review, options=None, reserve=None, keep_reserve=0.0,
                        release_timing=False, weights=None):
    """Adjustments that bring a portfolio's annual forecasts back within its envelope.

    ``review`` is one row per project (:func:`annual_review`): ``budget_eur`` (its line),
    ``forecast_eur``, ``saving_eur`` and ``timing_eur`` (the under-spend split), ``priority`` and
    ``mandatory``. ``reserve`` is the portfolio reserve (``review.attrs["reserve_eur"]`` by
    default); ``options`` the possible deferrals and descopes (:func:`adjustment_options`: ``id``,
    ``project``, ``kind``, ``saving_eur``, ``priority``). The moves, in this order:

    1. **release the under-spends** that are savings (the project will not need the money);
       a timing difference (late work) is released only with ``release_timing=True``, since the
       money will be needed the next year;
    2. **draw on the portfolio reserve**, keeping ``keep_reserve`` of it;
    3. **defer or cut lower-priority work**: the options whose savings cover what is still missing
       at the least loss, a move's loss being ``priority x saving x`` the kind's weight
       (:data:`MOVE_WEIGHTS`); never on a mandatory project. Exact: the complement of the chosen
       set is a 0/1 knapsack (keep the options worth the most within what may be kept), solved by
       :func:`pmo_lessons.portfolio.select_projects`;
    4. **fund the over-spends**, mandatory projects first, then by priority; what cannot be funded
       is said, with the amount the board must still find.

    A is 30 over its line; B saves 10; the reserve gives 5; 15 are missing. Taking the options by
    least loss per euro (Y, then X) would lose 9,000; Y and Z lose 5,700:

    >>> review = pd.DataFrame({"budget_eur": [100.0, 200.0, 50.0, 20.0],
    ...     "forecast_eur": [130.0, 190.0, 50.0, 20.0], "saving_eur": [0.0, 10.0, 0.0, 0.0],
    ...     "timing_eur": [0.0] * 4, "priority": [900, 400, 300, 450], "mandatory": [False] * 4},
    ...     index=pd.Index(["A", "B", "C", "D"], name="project"))
    >>> options = pd.DataFrame({"id": ["X", "Y", "Z"], "project": ["B", "C", "D"],
    ...     "kind": ["deferral"] * 3, "saving_eur": [15.0, 10.0, 6.0], "priority": [400, 300, 450]})
    >>> result = propose_adjustments(review, options, reserve=5)
    >>> result.balanced, result.chosen, result.loss, result.greedy, result.greedy_loss
    (True, ['Y', 'Z'], 5700.0, ['Y', 'X'], 9000.0)
    >>> result.moves["move"].tolist()
    ['release', 'reserve', 'deferral', 'deferral', 'fund']
    """
    require_columns(review, ["budget_eur", "forecast_eur", "saving_eur", "timing_eur", "priority"],
                    "review", BudgetError)
    weights = {**MOVE_WEIGHTS, **(weights or {})}
    reserve = review.attrs.get("reserve_eur", 0.0) if reserve is None else reserve
    reserve = _amount(reserve, "reserve")
    keep_reserve = _amount(keep_reserve, "keep_reserve")
    mandatory = review["mandatory"].astype(bool) if "mandatory" in review.columns \
        else pd.Series(False, index=review.index)
    over = (review["forecast_eur"] - review["budget_eur"]).clip(lower=0.0)
    need = float(over.sum())
    moves = []

    def move(kind, project, amount, reason):
        moves.append({"move": kind, "project": project, "amount_eur": float(amount), "reason": reason})

    available = 0.0
    for project, row in review.iterrows():
        if row["saving_eur"] > _CENT:
            available += row["saving_eur"]
            move("release", project, row["saving_eur"],
                 f"{project} will not need {money_text(row['saving_eur'])} of its line, this year "
                 "or later: a saving, released to the portfolio.")
        if row["timing_eur"] > _CENT:
            if release_timing:
                available += row["timing_eur"]
                move("release", project, row["timing_eur"],
                     f"{project}'s under-spend of {money_text(row['timing_eur'])} is late work: "
                     "released for this year, it must be budgeted again next year.")
            else:
                move("keep", project, 0.0,
                     f"{project}'s under-spend of {money_text(row['timing_eur'])} is a timing "
                     "difference (late work that will be paid next year): not released.")
    missing = max(need - available, 0.0)
    drawable = max(reserve - keep_reserve, 0.0)
    draw = min(drawable, missing)
    if draw > _CENT:
        move("reserve", "portfolio", draw,
             f"Draw {money_text(draw)} from the portfolio reserve ({money_text(reserve)}"
             + (f", keeping {money_text(keep_reserve)}" if keep_reserve else "") + ").")
    missing -= draw
    chosen, greedy, loss, greedy_loss = [], [], 0.0, 0.0
    if options is not None and len(options):
        require_columns(options, ["id", "project", "kind", "saving_eur", "priority"], "options",
                        BudgetError)
        unknown = sorted(set(options["kind"].astype(str)) - set(weights))
        if unknown:
            raise BudgetError(f"option kind {unknown[0]!r} has no weight; valid: {', '.join(weights)}.")
        frame = options.copy().reset_index(drop=True)
        blocked = frame["project"].astype(str).isin(set(mandatory[mandatory].index.astype(str)))
        frame = frame[~blocked].reset_index(drop=True)
        frame["loss"] = (frame["priority"].astype(float) * frame["saving_eur"].astype(float)
                         * frame["kind"].map(weights).astype(float))
        if missing > _CENT and len(frame):
            chosen, loss = _cheapest_cover(frame, missing)
            greedy, greedy_loss = _greedy_cover(frame, missing)
            for _, row in frame[frame["id"].isin(chosen)].iterrows():
                verb = "Defer" if row["kind"] == "deferral" else "Cut"
                move(row["kind"], row["project"], row["saving_eur"],
                     f"{verb} {row.get('title', row['id']) or row['id']} ({row['id']}): "
                     f"{money_text(row['saving_eur'])} less this year, on a project of priority "
                     f"{int(row['priority'])}" + (", the scope kept for later." if row["kind"] ==
                                                  "deferral" else ", the scope lost."))
            missing -= float(frame.loc[frame["id"].isin(chosen), "saving_eur"].sum())
    funds = need - max(missing, 0.0)
    order = sorted(over[over > _CENT].index, key=lambda p: (not mandatory.get(p, False),
                                                            -int(review.at[p, "priority"])))
    for project in order:
        amount = float(over[project])
        if funds + _CENT >= amount:
            funds -= amount
            move("fund", project, amount,
                 f"{project} is forecast {money_text(amount)} over its line"
                 + (" (mandatory)" if mandatory.get(project, False) else "") + ": funded by the moves above.")
        else:
            covered = max(funds, 0.0)
            funds = 0.0
            if covered > _CENT:
                move("fund", project, covered,
                     f"{project}: {money_text(covered)} of its over-spend funded by the moves above.")
            move("unfunded", project, amount - covered,
                 f"{project}: {money_text(amount - covered)} of its over-spend cannot be funded "
                 "within the envelope: ask the board for more money, or for more work to defer.")
    gap = max(missing, 0.0)
    table = pd.DataFrame(moves, columns=["move", "project", "amount_eur", "reason"])
    return Adjustments(moves=table, need_eur=need, gap_eur=gap, balanced=gap <= _CENT,
                       chosen=chosen, greedy=greedy, loss=loss, greedy_loss=greedy_loss)


def _cheapest_cover(frame, missing):
    """The options whose savings reach ``missing`` at the least total loss (exact)."""
    from .portfolio import select_projects

    total = float(frame["saving_eur"].sum())
    if total < missing - _CENT:
        return list(frame["id"]), float(frame["loss"].sum())  # all of them, and still short
    keep = select_projects(frame.rename(columns={"saving_eur": "cost"}), total - missing,
                           value="loss", cost="cost")
    chosen = [i for i in frame["id"] if i not in set(keep.selected)]
    return chosen, float(frame.loc[frame["id"].isin(chosen), "loss"].sum())


def _greedy_cover(frame, missing):
    """The options taken by least loss per euro saved until ``missing`` is reached."""
    order = frame.assign(rate=frame["loss"] / frame["saving_eur"]).sort_values(["rate", "id"])
    chosen, covered = [], 0.0
    for _, row in order.iterrows():
        if covered >= missing - _CENT:
            break
        chosen.append(row["id"])
        covered += row["saving_eur"]
    return chosen, float(frame.loc[frame["id"].isin(chosen), "loss"].sum())
