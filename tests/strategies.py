"""Hypothesis strategies shared by the tests: random task networks, XmR series, Pareto counts."""

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


def pareto_counts(max_categories=12):
    """Counts by category for a Pareto analysis: names without blanks, counts 0 to 500."""
    return st.dictionaries(st.text(min_size=1, max_size=6).filter(str.strip),
                           st.integers(0, 500), min_size=1, max_size=max_categories)
