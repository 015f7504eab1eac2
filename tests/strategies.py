"""Hypothesis strategies of the tests, in one place: random task networks, EVM status figures and PV
curves, WBS trees, portfolio selection instances, XmR series, Pareto counts, portfolios with
dependencies."""

import re

import numpy as np
import pandas as pd
from hypothesis import assume
from hypothesis import strategies as st

LINK_TYPES = ("FS", "SS", "FF", "SF")


@st.composite
def networks(draw, max_tasks=12, link_types=LINK_TYPES, max_lag=5):
    """A random acyclic task table (``id, duration, predecessors``), rows shuffled.

    Tasks only link to tasks drawn before them, so there is no cycle; the rows
    are then shuffled so that the table's order is not a topological order.
    """
    count = draw(st.integers(min_value=1, max_value=max_tasks))
    ids = [f"T{i}" for i in range(count)]
    rows = []
    for position, task_id in enumerate(ids):
        duration = draw(st.integers(min_value=0, max_value=10))
        earlier = ids[:position]
        chosen = draw(st.lists(st.sampled_from(earlier), unique=True, max_size=3)) if earlier else []
        references = []
        for predecessor in chosen:
            kind = draw(st.sampled_from(link_types))
            lag = draw(st.integers(min_value=-max_lag, max_value=max_lag))
            references.append(f"{predecessor} {kind}{lag:+d}" if lag or kind != "FS" else predecessor)
        rows.append((task_id, duration, ", ".join(references)))
    order = draw(st.permutations(range(count)))
    return pd.DataFrame([rows[i] for i in order], columns=["id", "duration", "predecessors"])


# --- earned value ------------------------------------------------------------------

amounts = st.floats(min_value=0, max_value=1e7, allow_nan=False, allow_infinity=False)


@st.composite
def statuses(draw):
    """(bac, pv, ev, ac) with 0 <= pv, ev <= bac and ac >= 0."""
    bac = draw(st.floats(min_value=1, max_value=1e7))
    pv = draw(st.floats(min_value=0, max_value=1)) * bac
    ev = draw(st.floats(min_value=0, max_value=1)) * bac
    ac = draw(amounts)
    return bac, pv, ev, ac


@st.composite
def pv_curves(draw, max_periods=30):
    """A cumulative PV curve: increments >= 0, some of them 0 (plateaus), ending > 0."""
    steps = draw(st.lists(st.one_of(st.just(0.0), st.floats(min_value=1, max_value=1e5)),
                          min_size=1, max_size=max_periods))
    assume(sum(steps) > 0)
    return np.cumsum(steps)


# --- WBS -------------------------------------------------------------------------------

@st.composite
def wbs_trees(draw, max_children=4, max_depth=4):
    """A random WBS: work packages with values, the summary levels left out, rows shuffled."""
    leaves = []

    def grow(prefix, depth):
        count = draw(st.integers(min_value=1, max_value=max_children))
        for k in range(1, count + 1):
            code = prefix + (k,)
            if depth < max_depth and draw(st.booleans()):
                grow(code, depth + 1)
            else:
                leaves.append((".".join(map(str, code)),
                               draw(st.integers(min_value=0, max_value=10**6)) / 100))

    grow((), 1)
    order = draw(st.permutations(range(len(leaves))))
    return pd.DataFrame([leaves[i] for i in order], columns=["wbs", "cost"])


# --- portfolio selection -------------------------------------------------------------------

@st.composite
def instances(draw, max_projects=10, integer=True):
    """A 0/1 selection instance: projects (id, npv, cost) and a budget."""
    n = draw(st.integers(min_value=1, max_value=max_projects))
    number = (st.integers(min_value=0, max_value=50) if integer
              else st.floats(min_value=0, max_value=50, allow_nan=False, allow_subnormal=False))
    values = draw(st.lists(st.one_of(number, st.integers(-10, 0)), min_size=n, max_size=n))
    costs = draw(st.lists(number, min_size=n, max_size=n))
    budget = draw(st.floats(min_value=0, max_value=float(sum(costs)) + 5, allow_nan=False))
    projects = pd.DataFrame({"id": [f"P{i}" for i in range(n)], "npv": values, "cost": costs})
    return projects, budget


# --- quality -------------------------------------------------------------------------------

@st.composite
def xmr_series(draw, min_size=5, max_size=40):
    """Whole-number values in time order for an XmR chart: at least two distinct values."""
    values = draw(st.lists(st.integers(min_value=0, max_value=60), min_size=min_size,
                           max_size=max_size))
    if len(set(values)) == 1:
        values[-1] += 1
    return values


@st.composite
def work_items(draw, max_items=15, days=40):
    """A work-item table whose every item starts and finishes inside days 1 .. days - 2 of a
    window that opens on 2026-03-02 (day 0) and closes on day ``days``: the window begins and
    ends with nothing in progress. Returns (items, window start, window end)."""
    origin = pd.Timestamp("2026-03-02")
    count = draw(st.integers(min_value=1, max_value=max_items))
    rows = []
    for k in range(count):
        start = draw(st.integers(min_value=1, max_value=days - 2))
        finish = draw(st.integers(min_value=start, max_value=days - 2))
        created = draw(st.integers(min_value=0, max_value=start))
        rows.append((f"W{k}", origin + pd.Timedelta(days=created), origin + pd.Timedelta(days=start),
                     origin + pd.Timedelta(days=finish)))
    items = pd.DataFrame(rows, columns=["id", "created", "started", "done"])
    return items, origin, origin + pd.Timedelta(days=days)


def pareto_counts(max_categories=12):
    """Counts by category for a Pareto analysis: names without blanks, counts 0 to 500."""
    return st.dictionaries(st.text(min_size=1, max_size=6).filter(str.strip),
                           st.integers(0, 500), min_size=1, max_size=max_categories)


@st.composite
def adjustment_problems(draw, max_options=7):
    """A small annual review (over- and under-spending projects) and deferral/descope options."""
    projects = [f"P{i}" for i in range(draw(st.integers(min_value=1, max_value=5)))]
    money = st.integers(min_value=0, max_value=200).map(lambda k: k * 500.0)
    rows = []
    for project in projects:
        budget = draw(money)
        rows.append({"project": project, "budget_eur": budget, "forecast_eur": draw(money),
                     "timing_eur": 0.0, "priority": draw(st.integers(min_value=1, max_value=1000)),
                     "mandatory": draw(st.booleans())})
    review = pd.DataFrame(rows).set_index("project")
    under = (review["budget_eur"] - review["forecast_eur"]).clip(lower=0.0)
    share = draw(st.floats(min_value=0.0, max_value=1.0))
    review["saving_eur"] = (under * share).round(2)
    review["timing_eur"] = under - review["saving_eur"]
    options = []
    for k in range(draw(st.integers(min_value=0, max_value=max_options))):
        project = draw(st.sampled_from(projects))
        options.append({"id": f"O{k}", "project": project,
                        "kind": draw(st.sampled_from(["deferral", "descope"])),
                        "saving_eur": draw(st.integers(min_value=1, max_value=100)) * 500.0,
                        "priority": int(review.at[project, "priority"])})
    options = pd.DataFrame(options, columns=["id", "project", "kind", "saving_eur", "priority"])
    reserve = draw(money)
    return review, options, reserve


@st.composite
def portfolios(draw, max_tasks=8, link_types=LINK_TYPES):
    """Two projects' plans, a dependency between them, and a slip of one task.

    Returns ``(tasks, projects, dependencies, task, days)``: ``tasks`` has ``id, project,
    duration, predecessors, milestone`` (ids ``P_T0`` ... and ``Q_T0`` ...), ``projects`` two
    start dates up to four weeks apart, ``dependencies`` a register of one or two links from P
    to Q (so no cycle), ``task`` a task of P or Q with a duration, ``days`` from 1 to 15.
    """
    plans = []
    for project in ("P", "Q"):
        plan = draw(networks(max_tasks=max_tasks, link_types=link_types)).copy()
        if not (plan["duration"] > 0).any():
            plan.loc[plan.index[0], "duration"] = 3
        plan["id"] = project + "_" + plan["id"]
        plan["predecessors"] = plan["predecessors"].map(
            lambda text, p=project: re.sub(r"\bT(\d+)", rf"{p}_T\1", text))
        plan["project"] = project
        plans.append(plan)
    tasks = pd.concat(plans, ignore_index=True)
    tasks["milestone"] = tasks["duration"] == 0
    offset = draw(st.integers(min_value=0, max_value=20))
    projects = pd.DataFrame({"id": ["P", "Q"], "start_date": [
        pd.Timestamp("2026-03-02"), pd.Timestamp("2026-03-02") + pd.offsets.BDay(offset)]})
    rows = []
    for k in range(draw(st.integers(min_value=1, max_value=2))):
        source = draw(st.sampled_from(list(plans[0]["id"])))
        target = draw(st.sampled_from(list(plans[1]["id"])))
        kind = draw(st.sampled_from(link_types))
        lag = draw(st.integers(min_value=-3, max_value=5))
        if (source, target) not in [(r[3], r[5]) for r in rows]:
            rows.append((f"D{k}", "deliverable", "P", source, "Q", target, kind, lag))
    dependencies = pd.DataFrame(rows, columns=["id", "deliverable", "from_project", "from_task",
                                               "to_project", "to_task", "type", "lag"])
    task = draw(st.sampled_from(list(tasks.loc[tasks["duration"] > 0, "id"])))
    days = draw(st.integers(min_value=1, max_value=15))
    return tasks, projects, dependencies, task, days
def skill_levels(skills=4, max_people=5):
    """A skills matrix as lists: 2 to ``max_people`` people, each with a level 0-4 in each skill."""
    return st.lists(st.lists(st.integers(0, 4), min_size=skills, max_size=skills),
                    min_size=2, max_size=max_people)
