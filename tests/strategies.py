"""Hypothesis strategies shared by the tests: random task networks, XmR series."""

import pandas as pd
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


@st.composite
def xmr_series(draw, min_size=5, max_size=40):
    """Whole-number values in time order for an XmR chart: at least two distinct values."""
    values = draw(st.lists(st.integers(min_value=0, max_value=60), min_size=min_size,
                           max_size=max_size))
    if len(set(values)) == 1:
        values[-1] += 1
    return values


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
