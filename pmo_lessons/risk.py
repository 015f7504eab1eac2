"""Risk management: the register, probability-impact scoring, EMV, decision trees, Monte Carlo.

**The risk register** is a DataFrame with one row per risk (threat or
opportunity); :func:`load_register` reads the company's (``datasets/risks.csv``,
see its data dictionary) and scores it. Its columns:

``id``, ``project``, ``title``, ``cause``, ``effect``, ``category``, ``owner``
    who and what ("because of *cause*, *title* may happen, which would lead
    to *effect*");
``probability``, ``impact``
    on the organisation's scale (1 to 5 by default, see :class:`Scale`);
``probability_pct``, ``cost_impact_eur``, ``schedule_impact_days``
    the quantified estimate: a threat has a **negative** cost impact, an
    opportunity a positive one; delays in working days;
``task_id``
    the task the risk hits (empty when none); ``project`` links it to a project;
``response``, ``response_action``, ``status``
    the strategy (PMI, *PMBOK Guide*, 6th ed., 2017: threats 11.5.2.4, escalate,
    avoid, transfer, mitigate, accept; opportunities 11.5.2.5, escalate,
    exploit, share, enhance, accept), what is done, and ``open``, ``closed`` or
    ``occurred`` (it happened: now an issue, no longer a risk).

**Qualitative analysis** scores each risk as probability x impact and rates
the score with bands (low, medium, high). Scales and bands are an
organisation's policy: :data:`FIVE_BY_FIVE` is the kit's default, not a
standard (PMI, *Practice Standard for Project Risk Management*, 2009,
section 5.2, asks each organisation to define its own).

**Quantitative analysis**: expected monetary value (:func:`emv`), decision
trees (:func:`evaluate_tree`) and Monte Carlo schedule risk analysis
(:func:`monte_carlo`) on the task tables of :mod:`pmo_lessons.schedule`.

>>> import pandas as pd
>>> risks = pd.DataFrame({"id": ["R1", "R2"], "probability": [4, 2], "impact": [4, 2]})
>>> score_register(risks)[["id", "score", "rating"]]
   id  score rating
0  R1     16   high
1  R2      4    low
"""

from __future__ import annotations

import contextlib
import math
import os
import sys
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from . import schedule
from .columns import require_columns
from .errors import InputError

__all__ = [
    "RiskError",
    "Scale",
    "FIVE_BY_FIVE",
    "PMBOK_FRACTIONS",
    "REGISTER_COLUMNS",
    "load_register",
    "score_register",
    "probability_impact_matrix",
    "emv",
    "add_emv",
    "contingency_reserve",
    "evaluate_tree",
    "best_decision",
    "risk_events",
    "sample_durations",
    "monte_carlo",
    "MonteCarloResult",
    "DISTRIBUTIONS",
]


class RiskError(InputError):
    """A risk register, a decision tree or a simulation input the kit cannot use."""


#: The register's columns, in the order of ``datasets/risks.csv``.
REGISTER_COLUMNS = (
    "id", "project", "title", "cause", "effect", "category", "owner", "probability", "impact",
    "probability_pct", "cost_impact_eur", "schedule_impact_days", "task_id", "response",
    "response_action", "status", "date_raised",
)

# --- helpers -------------------------------------------------------------------
def _distribution(name):
    key = str(name).strip().lower().replace("_", "-")
    if key in ("pert", "pert-beta", "beta"):
        return "pert"
    if key == "triangular":
        return "triangular"
    raise RiskError(f"distribution {name!r} is unknown; valid: 'triangular' or 'pert' (PERT-Beta).")


def _is_number(value):
    if isinstance(value, (bool, np.bool_)) or value is None:
        return False
    try:
        number = float(value)
    except (TypeError, ValueError):
        return False
    return not math.isnan(number)


def _numbers(value, name):
    try:
        array = np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        raise RiskError(f"{name} must be a number or numbers, not {value!r}.") from None
    if np.any(np.isnan(array)):
        raise RiskError(f"{name} contains a missing value (NaN); every risk needs a number.")
    return array


def _labels(frame):
    if "id" in frame.columns:
        return [str(v) for v in frame["id"]]
    return [f"in row {r}" for r in range(1, len(frame) + 1)]


def _tidy(value):
    """Round away float noise and -0.0, keeping whole numbers whole."""
    value = round(float(value), 9) + 0.0
    return value


# --- qualitative: scales, scores, bands ---------------------------------------


@dataclass(frozen=True)
class Scale:
    """A probability-impact scale and its rating bands: the organisation's policy.

    ``probability`` and ``impact`` are the levels of each axis, lowest first
    (whole numbers 1..5, or fractions such as 0.1..0.9). A risk's **score** is
    ``probability x impact``. ``bands`` are ``(rating, lowest score)`` pairs,
    lowest first: a score gets the rating of the last band whose lowest
    score it reaches. A value must lie between the lowest and the highest
    level of its axis, and be a whole number when all levels are.

    Source of the method: PMI, *PMBOK Guide* (6th ed., 2017), 11.3.2.6
    (probability and impact matrix); the bands are the organisation's choice.

    >>> FIVE_BY_FIVE.rating(12), FIVE_BY_FIVE.rating(10)
    ('high', 'medium')
    >>> Scale(bands=(("acceptable", 1), ("unacceptable", 10))).rating(9)
    'acceptable'
    """

    probability: tuple = (1, 2, 3, 4, 5)
    impact: tuple = (1, 2, 3, 4, 5)
    bands: tuple = (("low", 1), ("medium", 5), ("high", 12))

    def __post_init__(self):
        for axis in ("probability", "impact"):
            levels = tuple(getattr(self, axis))
            object.__setattr__(self, axis, levels)
            if not levels or any(not _is_number(v) for v in levels) or list(levels) != sorted(set(levels)):
                raise RiskError(f"Scale: {axis} levels must be increasing numbers, got {levels!r}.")
        try:
            bands = tuple((str(name), low if isinstance(low, int) else float(low))
                          for name, low in self.bands)
        except (TypeError, ValueError):
            bands = ()
        if not bands or [low for _, low in bands] != sorted({low for _, low in bands}):
            raise RiskError(
                f"Scale: bands must be (rating, lowest score) pairs with increasing lowest "
                f"scores, got {self.bands!r}."
            )
        if len({name for name, _ in bands}) != len(bands):
            raise RiskError(f"Scale: band names must be unique, got {self.bands!r}.")
        object.__setattr__(self, "bands", bands)

    @property
    def ratings(self):
        """The band names, lowest first."""
        return [name for name, _ in self.bands]

    def rating(self, score):
        """The band of a score (the lowest band for a score below every threshold)."""
        name = self.bands[0][0]
        for band, low in self.bands:
            if score >= low - 1e-12:
                name = band
        return name

    def check(self, value, axis, where=""):
        """``value`` as a float if it is a valid level of ``axis``, else :class:`RiskError`."""
        levels = getattr(self, axis)
        whole = all(float(v).is_integer() for v in levels)
        ok = _is_number(value) and levels[0] - 1e-12 <= float(value) <= levels[-1] + 1e-12
        if ok and whole:
            ok = float(value).is_integer()
        if not ok:
            kind = "a whole number" if whole else "a number"
            raise RiskError(
                f"{where}{axis} is {value!r}; valid: {kind} from {levels[0]:g} to {levels[-1]:g} "
                "on this scale."
            )
        return float(value)


#: The kit's default: 1-5 x 1-5, low below 5, medium 5 to 11, high from 12 (8, 9 and 8 cells).
FIVE_BY_FIVE = Scale()

#: PMBOK-style fractions: probability 0.1..0.9, impact 0.05..0.80 (PMBOK Guide 6th ed.,
#: figure 11-5). The bands (low below 0.05, high from 0.18) are the kit's default for
#: this scale, an example of a policy, not a PMI threshold.
PMBOK_FRACTIONS = Scale(probability=(0.1, 0.3, 0.5, 0.7, 0.9),
                        impact=(0.05, 0.1, 0.2, 0.4, 0.8),
                        bands=(("low", 0.0), ("medium", 0.05), ("high", 0.18)))


def load_register(project=None, scale=FIVE_BY_FIVE):
    """The company's risk register (all projects, one id, or a list), scored.

    Reads ``datasets/risks.csv`` with :func:`pmo_lessons.data.load_risks`
    (validated against the data dictionary) and adds ``score``, ``rating``
    and ``emv_eur`` (see :func:`score_register` and :func:`add_emv`).

    >>> register = load_register("WHA")
    >>> list(register.columns[-3:])
    ['score', 'rating', 'emv_eur']
    >>> bool((register["project"] == "WHA").all())
    True
    """
    from .data import load_risks

    return add_emv(score_register(load_risks(project), scale=scale))


def score_register(risks, scale=FIVE_BY_FIVE, probability="probability", impact="impact"):
    """A copy of a register with ``score = probability x impact`` and its ``rating``.

    ``scale`` (a :class:`Scale`) says which values are valid and how scores
    are rated; ``probability`` and ``impact`` name the columns to use. A
    value off the scale raises :class:`RiskError` naming the risk and column.
    Source: PMBOK Guide (6th ed.), 11.3.2.6.

    >>> risks = pd.DataFrame({"id": ["R1"], "p": [0.7], "i": [0.4]})
    >>> score_register(risks, PMBOK_FRACTIONS, probability="p", impact="i")
       id    p    i  score rating
    0  R1  0.7  0.4   0.28   high
    """
    require_columns(risks, [probability, impact], "risks", RiskError)
    labels = _labels(risks)
    scores = []
    for label, p, i in zip(labels, risks[probability], risks[impact]):
        where = f"Risk {label}: "
        p = scale.check(p, "probability", where)
        i = scale.check(i, "impact", where)
        scores.append(_tidy(p * i))
    frame = risks.copy()
    whole = all(float(v).is_integer() for v in scale.probability + scale.impact)
    frame["score"] = pd.Series(scores, index=frame.index, dtype="int64" if whole else "float64")
    frame["rating"] = pd.Series([scale.rating(s) for s in scores], index=frame.index, dtype="str")
    return frame


def probability_impact_matrix(risks, scale=FIVE_BY_FIVE, probability="probability",
                              impact="impact"):
    """How many risks fall in each cell of the probability-impact matrix.

    Rows are probability levels, highest first (as the matrix is drawn);
    columns are impact levels, lowest first. A fraction between two levels
    counts in the nearest level.

    >>> risks = pd.DataFrame({"id": ["R1", "R2", "R3"], "probability": [5, 5, 1],
    ...                       "impact": [4, 4, 1]})
    >>> probability_impact_matrix(risks)
    impact       1  2  3  4  5
    probability
    5            0  0  0  2  0
    4            0  0  0  0  0
    3            0  0  0  0  0
    2            0  0  0  0  0
    1            1  0  0  0  0
    """
    scored = score_register(risks, scale, probability, impact)
    grid = pd.DataFrame(0, index=pd.Index(scale.probability[::-1], name="probability"),
                        columns=pd.Index(scale.impact, name="impact"))
    for p, i in zip(scored[probability], scored[impact]):
        row = min(scale.probability, key=lambda level: abs(level - float(p)))
        column = min(scale.impact, key=lambda level: abs(level - float(i)))
        grid.loc[row, column] += 1
    return grid


# --- expected monetary value -------------------------------------------------


def emv(probability, impact):
    """Expected monetary value: ``probability x impact``.

    ``probability`` is a fraction 0..1; ``impact`` is signed: **negative for
    a threat** (a cost), **positive for an opportunity**. Works on single
    numbers, numpy arrays or pandas Series (element by element). Source: PMI,
    *PMBOK Guide* (6th ed., 2017), 11.4.2.5: "EMV is calculated by multiplying
    the value of each possible outcome by its probability of occurrence and
    adding the products together"; a register's total EMV is the sum.

    >>> emv(0.6, -120_000)
    -72000.0
    >>> emv(pd.Series([0.5, 0.2]), pd.Series([-10_000, 40_000])).tolist()
    [-5000.0, 8000.0]
    """
    p = _numbers(probability, "probability")
    i = _numbers(impact, "impact")
    if np.any(~np.isfinite(i)):
        raise RiskError(f"impact must be finite numbers, got {impact!r}.")
    bad = ~np.isfinite(p) | (p < 0) | (p > 1)
    if np.any(bad):
        first = np.atleast_1d(p)[np.flatnonzero(np.atleast_1d(bad))[0]]
        hint = " (a percentage? divide it by 100)" if 1 < first <= 100 else ""
        raise RiskError(f"probability {first:g} is outside 0..1{hint}; valid: a fraction from 0 to 1.")
    value = p * i + 0.0
    if isinstance(probability, pd.Series) or isinstance(impact, pd.Series):
        index = probability.index if isinstance(probability, pd.Series) else impact.index
        return pd.Series(value, index=index, name="emv")
    if np.ndim(value) == 0:
        return float(value)
    return value


def add_emv(risks, probability="probability_pct", impact="cost_impact_eur", column="emv_eur"):
    """A copy of a register with the EMV of each risk in ``column``.

    ``probability`` names a column of fractions 0..1, or of percentages when
    its name ends in ``_pct`` (the register's ``probability_pct``). ``impact``
    is signed (threats negative). A bad value raises :class:`RiskError`
    naming the risk. Source: PMBOK Guide (6th ed.), 11.4.2.5.

    >>> risks = pd.DataFrame({"id": ["R1", "R2"], "probability_pct": [60, 20],
    ...                       "cost_impact_eur": [-120_000, 50_000]})
    >>> add_emv(risks)["emv_eur"].tolist()
    [-72000.0, 10000.0]
    """
    require_columns(risks, [probability, impact], "risks", RiskError)
    percent = probability.endswith("_pct")
    values = []
    for label, p, i in zip(_labels(risks), risks[probability], risks[impact]):
        if not _is_number(p) or not _is_number(i):
            raise RiskError(
                f"Risk {label}: {probability} is {p!r} and {impact} is {i!r}; both must be numbers."
            )
        fraction = float(p) / 100 if percent else float(p)
        if not 0 <= fraction <= 1:
            valid = "a percentage from 0 to 100" if percent else "a fraction from 0 to 1"
            raise RiskError(f"Risk {label}: {probability} is {p!r}; valid: {valid}.")
        values.append(emv(fraction, float(i)))
    frame = risks.copy()
    frame[column] = pd.Series(values, index=frame.index, dtype="float64")
    return frame


def contingency_reserve(risks, status=("open",), threats_only=False,
                        probability="probability_pct", impact="cost_impact_eur"):
    """The contingency reserve of a register: minus the sum of its risks' EMV.

    Counts the risks whose ``status`` is in ``status`` (all of them if the
    register has no status column or ``status`` is None). Threats have a
    negative EMV, so a register of threats gives a positive reserve;
    opportunities reduce it unless ``threats_only``. This is the EMV method
    of PMBOK Guide (6th ed.), 7.2.2.6 (contingency reserves) and 11.4.2.5.
    The contingency reserve covers the identified risks; it sits **inside**
    the cost baseline and the project manager draws on it as risks occur. The
    management reserve, for what nobody identified, sits outside the baseline
    and is held by management (at Meridian, the sponsor): PMBOK Guide (6th
    ed.), 7.2.2.6 and figure 7-8.

    >>> risks = pd.DataFrame({"id": ["R1", "R2", "R3"], "probability_pct": [60, 20, 50],
    ...     "cost_impact_eur": [-120_000, 50_000, -8_000], "status": ["open", "open", "closed"]})
    >>> contingency_reserve(risks), contingency_reserve(risks, threats_only=True)
    (62000.0, 72000.0)
    """
    frame = add_emv(risks, probability, impact, column="_emv")
    if status is not None and "status" in frame.columns:
        wanted = [status] if isinstance(status, str) else list(status)
        frame = frame[frame["status"].isin(wanted)]
    if threats_only:
        frame = frame[frame[impact] < 0]
    return _tidy(-float(frame["_emv"].sum()))


# --- decision trees ----------------------------------------------------------


def evaluate_tree(tree):
    """Evaluate a decision tree: the EMV of every node and the best choice at each decision.

    A tree is plain Python data. A **node** is one of:

    * a number, or ``{"payoff": number}``: an end, worth its payoff;
    * ``{"decision": "question", "options": [branch, ...]}``;
    * ``{"chance": "event", "outcomes": [branch, ...]}``, whose branches'
      probabilities add up to 1.

    A **branch** is ``{"name": ..., "then": node}`` with optional ``"cost"``
    (paid when the branch is taken, e.g. an investment) and, on an outcome,
    ``"probability"``.

    Values are **net path values**, as in the PMBOK Guide: an end is worth its
    payoff minus every cost on the way from the root; a chance node's EMV is
    the probability-weighted sum of its outcomes; a decision node takes its
    best option. Returns a DataFrame, one row per node in depth-first order:
    ``node`` (0 = root), ``parent``, ``depth``, ``kind`` (decision, chance,
    end), ``label`` (the question or event; the branch name for an end),
    ``branch`` (the name of the branch leading to the node), ``path`` (the
    branch names from the root), ``probability``, ``cost``, ``payoff``,
    ``emv`` and ``chosen`` (on the best path from the root). Source: PMI,
    *PMBOK Guide* (6th ed., 2017), 11.4.2.5 and figure 11-15.

    >>> tree = {"decision": "Build or upgrade?", "options": [
    ...     {"name": "Build", "cost": 120, "then": {"chance": "Demand", "outcomes": [
    ...         {"name": "Strong", "probability": 0.6, "then": 200},
    ...         {"name": "Weak", "probability": 0.4, "then": 90}]}},
    ...     {"name": "Upgrade", "cost": 50, "then": {"chance": "Demand", "outcomes": [
    ...         {"name": "Strong", "probability": 0.6, "then": 120},
    ...         {"name": "Weak", "probability": 0.4, "then": 60}]}}]}
    >>> evaluate_tree(tree)[["path", "kind", "emv", "chosen"]]
                   path      kind   emv  chosen
    0                    decision  46.0    True
    1             Build    chance  36.0   False
    2    Build / Strong       end  80.0   False
    3      Build / Weak       end -30.0   False
    4           Upgrade    chance  46.0    True
    5  Upgrade / Strong       end  70.0    True
    6    Upgrade / Weak       end  10.0    True
    """
    rows = []
    _walk(tree, rows, parent=None, depth=0, path=(), paid=0.0, probability=math.nan,
          cost=0.0, where="the root")
    _roll_back(rows)
    _mark_chosen(rows)
    frame = pd.DataFrame(rows)
    frame = frame.drop(columns=["children"])
    frame["parent"] = frame["parent"].astype("Int64")
    return frame


def best_decision(tree):
    """The best option of the root decision and its EMV, as ``(name, emv)``.

    >>> best_decision({"decision": "Insure?", "options": [
    ...     {"name": "insure", "cost": 5, "then": 0},
    ...     {"name": "do not", "then": {"chance": "fire", "outcomes": [
    ...         {"name": "fire", "probability": 0.1, "then": -100},
    ...         {"name": "no fire", "probability": 0.9, "then": 0}]}}]})
    ('insure', -5.0)
    """
    frame = evaluate_tree(tree)
    if frame.at[0, "kind"] != "decision":
        raise RiskError("The tree's root is not a decision: there is no option to choose.")
    children = frame[(frame["parent"] == 0) & frame["chosen"]]
    return str(children["path"].iloc[0]), float(frame.at[0, "emv"])


def _walk(node, rows, parent, depth, path, paid, probability, cost, where):
    index = len(rows)
    row = {"node": index, "parent": parent, "depth": depth, "kind": "end", "label": "",
           "branch": path[-1] if path else "", "path": " / ".join(path), "probability": probability, "cost": cost,
           "payoff": math.nan, "emv": math.nan, "chosen": False, "children": []}
    rows.append(row)
    if _is_number(node):
        node = {"payoff": node}
    if not isinstance(node, dict):
        raise RiskError(
            f"Decision tree, {where}: a node must be a number (a payoff) or a dict with "
            f"'payoff', 'decision' or 'chance', not {node!r}."
        )
    kinds = [k for k in ("payoff", "decision", "chance") if k in node]
    if len(kinds) != 1:
        raise RiskError(
            f"Decision tree, {where}: a node needs exactly one of 'payoff', 'decision' or "
            f"'chance'; it has keys {sorted(node)}."
        )
    kind = kinds[0]
    row["label"] = path[-1] if path else ""
    if kind == "payoff":
        if not _is_number(node["payoff"]):
            raise RiskError(f"Decision tree, {where}: payoff {node['payoff']!r} is not a number.")
        row["payoff"] = float(node["payoff"])
        row["emv"] = _tidy(float(node["payoff"]) - paid)
        return
    row["kind"] = kind
    row["label"] = str(node[kind])
    key = "options" if kind == "decision" else "outcomes"
    branches = node.get(key)
    if not isinstance(branches, (list, tuple)) or not branches:
        raise RiskError(
            f"Decision tree, {where}: the {kind} node {node[kind]!r} needs a non-empty list "
            f"'{key}'."
        )
    names = []
    total = 0.0
    for number, branch in enumerate(branches, start=1):
        here = f"{kind} {node[kind]!r}, {key[:-1]} {number}"
        if not isinstance(branch, dict) or "name" not in branch or "then" not in branch:
            raise RiskError(f"Decision tree, {here}: a branch is a dict with 'name' and 'then'.")
        name = str(branch["name"])
        if name in names:
            raise RiskError(f"Decision tree, {here}: two branches are called {name!r}.")
        names.append(name)
        branch_cost = branch.get("cost", 0)
        if not _is_number(branch_cost):
            raise RiskError(f"Decision tree, {here} ({name}): cost {branch_cost!r} is not a number.")
        p = math.nan
        if kind == "chance":
            p = branch.get("probability")
            if not _is_number(p) or not 0 <= float(p) <= 1:
                raise RiskError(
                    f"Decision tree, {here} ({name}): probability is {p!r}; valid: a fraction "
                    "from 0 to 1."
                )
            p = float(p)
            total += p
        elif "probability" in branch:
            raise RiskError(
                f"Decision tree, {here} ({name}): an option of a decision has no probability "
                "(the decision maker chooses it); put the uncertainty in a chance node."
            )
        row["children"].append(len(rows))
        _walk(branch["then"], rows, index, depth + 1, path + (name,), paid + float(branch_cost),
              p, float(branch_cost), f"{here} ({name})")
    if kind == "chance" and abs(total - 1) > 1e-6:
        raise RiskError(
            f"Decision tree, chance node {node[kind]!r}: its probabilities add up to {total:g}; "
            "they must add up to 1."
        )


def _roll_back(rows):
    for row in reversed(rows):  # children come after their parent
        if row["kind"] == "chance":
            row["emv"] = _tidy(sum(rows[c]["probability"] * rows[c]["emv"] for c in row["children"]))
        elif row["kind"] == "decision":
            row["emv"] = max(rows[c]["emv"] for c in row["children"])


def _mark_chosen(rows):
    def mark(index):
        row = rows[index]
        row["chosen"] = True
        if row["kind"] == "decision":
            best = max(row["children"], key=lambda c: rows[c]["emv"])  # first of equals
            mark(best)
        elif row["kind"] == "chance":
            for child in row["children"]:
                mark(child)

    mark(0)


# --- Monte Carlo schedule risk analysis ----------------------------------------

#: The duration distributions :func:`monte_carlo` can sample.
DISTRIBUTIONS = ("triangular", "pert")

_CRITICAL_TOLERANCE = 1e-6  # periods: total floats this close to the least are critical
_THREADS = max(1, min(4, os.cpu_count() or 1))  # numpy releases the GIL on big arrays


def risk_events(risks, status=("open",)):
    """The discrete risk events of a register, as :func:`monte_carlo` takes them.

    Keeps the risks with a ``task_id`` and a non-zero ``schedule_impact_days``
    whose ``status`` is in ``status``, and returns ``id, task_id,
    probability`` (a fraction, from ``probability_pct``) and ``delay`` (the
    schedule impact, in working days; negative for time gained).

    >>> risks = pd.DataFrame({"id": ["R1", "R2"], "task_id": ["A", ""],
    ...     "probability_pct": [30, 50], "schedule_impact_days": [10, 5],
    ...     "status": ["open", "open"]})
    >>> risk_events(risks)
       id task_id  probability  delay
    0  R1       A          0.3   10.0
    """
    require_columns(risks, ["id", "task_id", "probability_pct", "schedule_impact_days"], "risks", RiskError)
    frame = risks
    if status is not None and "status" in frame.columns:
        wanted = [status] if isinstance(status, str) else list(status)
        frame = frame[frame["status"].isin(wanted)]
    task = frame["task_id"].fillna("").astype(str).str.strip()
    delay = pd.to_numeric(frame["schedule_impact_days"], errors="coerce")
    keep = (task != "") & delay.notna() & (delay != 0)
    frame = frame[keep]
    return pd.DataFrame({
        "id": frame["id"].astype(str).to_numpy(),
        "task_id": task[keep].to_numpy(),
        "probability": pd.to_numeric(frame["probability_pct"]).to_numpy(dtype=float) / 100,
        "delay": delay[keep].to_numpy(dtype=float),
    })


def sample_durations(optimistic, most_likely, pessimistic, size, distribution="triangular",
                     rng=None):
    """Random durations from three-point estimates, one row per estimate.

    ``optimistic``, ``most_likely``, ``pessimistic`` are numbers or arrays of
    the same length (O <= M <= P); returns an array of shape ``(len, size)``
    (or ``(size,)`` for single numbers). ``rng`` is a
    :func:`numpy.random.default_rng` generator (or a seed).

    * ``"triangular"``: the triangular distribution on [O, P] with mode M,
      sampled by inverting its distribution function, exactly as numpy's
      ``Generator.triangular`` does; its mean is (O + M + P) / 3.
    * ``"pert"``: PERT-Beta, ``O + (P - O) x Beta(alpha, beta)`` with
      ``alpha = 1 + 4 (M - O) / (P - O)`` and ``beta = 1 + 4 (P - M) / (P - O)``;
      its mean is (O + 4M + P) / 6, PERT's expected duration.

    When O = P the duration is O. Sources: Vose, *Risk Analysis: A
    Quantitative Guide* (3rd ed., Wiley, 2008), sections III.7.4 (PERT) and
    III.7.9 (triangular); Malcolm et al. (1959) for the PERT mean.

    >>> d = sample_durations(2, 4, 12, 100_000, "pert", rng=1)
    >>> round(float(d.mean()), 1)   # (2 + 4*4 + 12) / 6 = 5
    5.0
    >>> sample_durations([3], [3], [3], 4).tolist()
    [[3.0, 3.0, 3.0, 3.0]]
    """
    rng = np.random.default_rng(rng)
    o, m, p = (np.atleast_1d(np.asarray(v, dtype=float)) for v in (optimistic, most_likely, pessimistic))
    scalar = all(np.ndim(v) == 0 for v in (optimistic, most_likely, pessimistic))
    if not (o.shape == m.shape == p.shape) or o.ndim != 1:
        raise RiskError("optimistic, most_likely and pessimistic must have the same length.")
    if np.any(~np.isfinite(o) | ~np.isfinite(m) | ~np.isfinite(p)) or np.any((o > m) | (m > p)):
        raise RiskError("estimates must be finite numbers with optimistic <= most_likely <= pessimistic.")
    distribution = _distribution(distribution)
    out = np.empty((len(o), int(size)))
    _draw(_Estimates(o, m, p), distribution, rng, out)
    return out[0] if scalar else out


class _Estimates:
    """Three-point estimates as column vectors, with what sampling needs precomputed."""

    def __init__(self, o, m, p):
        span = p - o
        self.flat = span <= 0
        width = np.where(self.flat, 1.0, span)
        self.o, self.p, self.span = o[:, None], p[:, None], span[:, None]
        self.mode_share = ((m - o) / width)[:, None]          # F(M) of the triangle
        self.left = (width * (m - o))[:, None]
        self.right = (width * (p - m))[:, None]
        self.alpha = np.where(self.flat, 1.0, 1 + 4 * (m - o) / width)[:, None]
        self.beta = np.where(self.flat, 1.0, 1 + 4 * (p - m) / width)[:, None]

    def __len__(self):
        return len(self.flat)

    def rows(self, rows):
        """The estimates of some rows (a slice), as views."""
        part = object.__new__(_Estimates)
        for name, value in vars(self).items():
            setattr(part, name, value[rows])
        return part


def _draw(est, distribution, rng, out):
    """Fill ``out`` (tasks x iterations) with sampled durations."""
    raw = _uniforms(est, distribution, rng, out.shape[1])
    _transform(est, distribution, raw, out)


def _uniforms(est, distribution, rng, size):
    """The random numbers of a chunk, drawn in order from ``rng`` (not thread-safe)."""
    if distribution == "triangular":
        return rng.random((len(est), size))
    return rng.beta(est.alpha, est.beta, size=(len(est), size))


def _transform(est, distribution, raw, out):
    """Durations from the chunk's random numbers, into ``out`` (may be a column slice)."""
    if distribution == "triangular":
        # Inverse of the triangular distribution function, as numpy's triangular():
        # u <= F(M): O + sqrt(u (P-O)(M-O)), else P - sqrt((1-u)(P-O)(P-M)).
        u = raw
        tmp = np.empty(out.shape)
        np.multiply(u, est.left, out=out)
        np.sqrt(out, out=out)
        out += est.o
        np.subtract(1.0, u, out=tmp)
        tmp *= est.right
        np.sqrt(tmp, out=tmp)
        np.subtract(est.p, tmp, out=tmp)
        np.copyto(out, tmp, where=u > est.mode_share)
    else:  # PERT-Beta: O + (P - O) x Beta(alpha, beta)
        np.multiply(raw, est.span, out=out)
        out += est.o
    if est.flat.any():
        out[est.flat] = est.o[est.flat]


@dataclass
class MonteCarloResult:
    """What :func:`monte_carlo` returns.

    Attributes: ``finish`` (the project finish of every iteration, periods),
    ``criticality`` and ``sensitivity`` (Series by task id), ``deterministic_finish``
    (CPM with the planned durations), ``expected_finish`` (CPM with PERT's
    expected durations), ``iterations``, ``seed``, ``distribution``, and
    ``durations`` (iterations x tasks, float32) when ``keep_durations``. With
    ``keep_events``: ``events`` (iterations x risk events, True where the event
    occurred) and ``base_durations`` (iterations x tasks, float32: the sampled
    durations before the events' delays were added).
    """

    finish: np.ndarray
    criticality: pd.Series
    sensitivity: pd.Series
    deterministic_finish: float
    expected_finish: float
    cpm_critical: pd.Series
    iterations: int
    seed: object
    distribution: str
    durations: pd.DataFrame | None = field(default=None, repr=False)
    events: pd.DataFrame | None = field(default=None, repr=False)
    base_durations: pd.DataFrame | None = field(default=None, repr=False)

    def __repr__(self):
        return (f"MonteCarloResult({self.iterations} iterations, {self.distribution}, "
                f"P50={self.percentile(50):.1f}, P80={self.percentile(80):.1f}, "
                f"plan={self.deterministic_finish:g})")

    def percentile(self, q):
        """The finish not exceeded in ``q`` % of iterations (P80 = ``percentile(80)``).

        numpy's default (linear interpolation between order statistics).
        """
        if not _is_number(q) or not 0 <= float(q) <= 100:
            raise RiskError(f"percentile {q!r}: valid: a number from 0 to 100 (80 for P80).")
        return float(np.percentile(self.finish, float(q)))

    def probability(self, by):
        """The share of iterations that finish by period ``by`` (inclusive)."""
        if not _is_number(by):
            raise RiskError(f"by must be a number of periods, not {by!r}.")
        return float(np.mean(self.finish <= float(by) + 1e-9))

    def summary(self):
        """The finish distribution in one Series: mean, std, P10..P90, plan and its chance."""
        values = {"iterations": self.iterations, "mean": float(self.finish.mean()),
                  "std": float(self.finish.std()), "min": float(self.finish.min())}
        for q in (10, 50, 80, 90):
            values[f"P{q}"] = self.percentile(q)
        values["max"] = float(self.finish.max())
        values["plan (CPM)"] = self.deterministic_finish
        values["chance of meeting the plan"] = self.probability(self.deterministic_finish)
        return pd.Series(values, name="finish").round(3)

    @property
    def tasks(self):
        """Per task: ``criticality``, ``sensitivity`` and CPM's ``critical`` flag of the plan."""
        return pd.DataFrame({"criticality": self.criticality, "sensitivity": self.sensitivity,
                             "cpm_critical": self.cpm_critical})


def monte_carlo(tasks, iterations=10_000, seed=None, distribution="triangular", risks=None,
                links=None, sensitivity=True, keep_durations=False, chunk_size=None,
                progress=False, keep_events=False):
    """Monte Carlo schedule risk analysis of a task network.

    ``tasks`` is a task table of :mod:`pmo_lessons.schedule` with ``id``,
    ``optimistic``, ``most_likely``, ``pessimistic`` and optionally
    ``predecessors`` (FS/SS/FF/SF links with lags) and ``duration`` (the
    planned duration; ``most_likely`` when absent). ``risks`` adds discrete
    risk events: a DataFrame ``task_id, probability, delay`` (and
    optionally ``id``), as :func:`risk_events` makes from a register; in each
    iteration an event occurs with its probability and adds its delay to its
    task (a negative delay shortens it, never below 0).

    Every iteration samples each task's duration (see
    :func:`sample_durations`), then runs CPM's forward and backward passes
    with the same conventions as :func:`pmo_lessons.schedule.cpm`. The
    iterations are computed together with numpy, a chunk at a time.

    * ``finish``: the project's finish in each iteration;
      ``result.percentile(80)`` is the P80;
    * ``criticality``: the share of iterations in which a task is critical
      (total float within 1e-6 of the least);
    * ``sensitivity``: Spearman's rank correlation between a task's duration
      and the finish (midranks for ties; 0 for a task whose duration never
      varies), for a tornado chart.

    The same ``seed`` and ``chunk_size`` give the same numbers; the default
    chunk size depends only on the number of tasks (about 4 million task
    durations per chunk). Sensitivity keeps every duration while it runs
    (4 bytes x iterations x tasks). ``progress=True`` prints a bar (without
    timings, so outputs stay reproducible). ``keep_events=True`` also keeps
    which risk events occurred in each iteration and the durations before
    their delays (for a cost simulation built on this one, such as
    :func:`pmo_lessons.budget.simulate_costs`); it draws no other random
    number, so the results are the same with or without it.

    Sources: PMI, *Practice Standard for Project Risk Management* (2009),
    appendix D (Monte Carlo simulation); Hulett, *Practical Schedule Risk
    Analysis* (Gower, 2009), chapters 4 (merge bias) and 7 (criticality and
    sensitivity).

    Raises :class:`~pmo_lessons.errors.NetworkError` for estimates out of
    order (optimistic <= most_likely <= pessimistic) or a network CPM cannot
    schedule, and :class:`RiskError` for a risk event on an unknown task, a
    probability outside 0..1 or bad parameters.

    >>> tasks = pd.DataFrame({"id": ["A", "B", "C"], "predecessors": ["", "A", "A"],
    ...     "optimistic": [2, 3, 3], "most_likely": [3, 4, 4], "pessimistic": [6, 9, 9]})
    >>> result = monte_carlo(tasks, iterations=20_000, seed=1)
    >>> result.deterministic_finish, round(result.percentile(80), 1)
    (7.0, 11.0)
    >>> result.criticality.round(2).tolist()
    [1.0, 0.5, 0.5]
    """
    distribution = _distribution(distribution)
    if not isinstance(iterations, (int, np.integer)) or isinstance(iterations, bool) or iterations < 2:
        raise RiskError(f"iterations is {iterations!r}; valid: a whole number >= 2 (10,000 is usual).")
    iterations = int(iterations)
    estimated = schedule.pert(tasks)  # checks O <= M <= P, names the task
    require_columns(estimated, ["id"], "tasks", schedule.NetworkError)
    ids = [str(t).strip() for t in estimated["id"]]
    plan = estimated.copy()
    if "duration" not in plan.columns:
        plan["duration"] = plan["most_likely"]
    plan_schedule = schedule.cpm(plan, links=links)  # validates the network once
    expected_schedule = schedule.cpm(plan.assign(duration=estimated["expected"]), links=links)
    link_frame = links if links is not None else schedule.links_table(plan)
    index = {task_id: k for k, task_id in enumerate(ids)}
    events = _read_events(risks, index)

    n = len(ids)
    o = estimated["optimistic"].to_numpy(float)
    m = estimated["most_likely"].to_numpy(float)
    p = estimated["pessimistic"].to_numpy(float)
    preds, succs, order = _network(ids, index, link_frame)
    chunk = _chunk_size(chunk_size, n, iterations)

    rng = np.random.default_rng(seed)
    estimates = _Estimates(o, m, p)
    finish = np.empty(iterations)
    critical_count = np.zeros(n)
    kept = np.empty((n, iterations), dtype=np.float32) if (sensitivity or keep_durations) else None
    base_kept = np.empty((n, iterations), dtype=np.float32) if keep_events else None
    occurred = np.zeros((len(events[0]), iterations), dtype=bool) if keep_events else None
    width = min(chunk, iterations)
    d_full = np.empty((n, width))
    # Each chunk is split by columns (iterations) between the threads: the random
    # numbers are drawn first, in order, so the result does not depend on them.
    parts = min(_THREADS, max(1, width // 2_000))
    bounds = [width * k // parts for k in range(parts + 1)]
    passes = [_Passes(n, bounds[k + 1] - bounds[k]) for k in range(parts)]

    def work(k, raw, occurs, size, done):
        lo, hi = min(bounds[k], size), min(bounds[k + 1], size)
        if lo >= hi:
            return None
        d = d_full[:, lo:hi]
        step = max(1, 250_000 // (hi - lo))  # rows per block: a few MB, kept in cache
        blocks = [slice(r, min(r + step, n)) for r in range(0, n, step)]
        for rows in blocks:
            _transform(estimates.rows(rows), distribution, raw[rows, lo:hi], d[rows])
        if base_kept is not None:
            base_kept[:, done + lo:done + hi] = d + 0.0
        if occurs is not None:
            np.add.at(d, events[0], occurs[:, lo:hi] * events[2][:, None])
            np.maximum(d, 0.0, out=d)
        for rows in blocks:
            block = d[rows]
            block += 0.0  # turns -0.0 into 0.0
            # Simulate exactly the durations that are kept (rounded to float32).
            if kept is not None:
                store = kept[rows, done + lo:done + hi]
                store[...] = block
                block[...] = store
            else:
                block[...] = block.astype(np.float32)
        ends, crit = passes[k].run(d, preds, succs, order)
        finish[done + lo:done + hi] = ends
        return crit

    with _pool(parts) as pool:
        done = 0
        while done < iterations:
            size = min(chunk, iterations - done)
            raw = _uniforms(estimates, distribution, rng, size)
            occurs = None
            if len(events[0]):
                occurs = rng.random((len(events[0]), size)) < events[1][:, None]
                if occurred is not None:
                    occurred[:, done:done + size] = occurs
            counts = pool.map(lambda k, raw=raw, occurs=occurs, size=size, done=done: work(k, raw, occurs, size, done),
                              range(parts))
            for crit in counts:
                if crit is not None:
                    critical_count += crit
            done += size
            if progress:
                _progress(progress, done, iterations)
        rho = _spearman_rows(kept, finish, pool, parts) if sensitivity else np.full(n, np.nan)

    criticality = pd.Series(critical_count / iterations, index=pd.Index(ids, name="id"),
                            name="criticality")
    durations = None
    if keep_durations:
        durations = pd.DataFrame(kept.T, columns=pd.Index(ids, name="id"))
    events_kept = base_durations = None
    if keep_events:
        events_kept = pd.DataFrame(occurred.T, columns=pd.Index(events[3], name="risk"))
        base_durations = pd.DataFrame(base_kept.T, columns=pd.Index(ids, name="id"))
    return MonteCarloResult(
        finish=finish,
        criticality=criticality,
        sensitivity=pd.Series(rho, index=pd.Index(ids, name="id"), name="sensitivity"),
        deterministic_finish=float(plan_schedule["ef"].max()),
        expected_finish=float(expected_schedule["ef"].max()),
        cpm_critical=plan_schedule["critical"].rename("cpm_critical"),
        iterations=iterations, seed=seed, distribution=distribution, durations=durations,
        events=events_kept, base_durations=base_durations,
    )


_FS, _SS, _FF, _SF = range(4)
_KIND = {"FS": _FS, "SS": _SS, "FF": _FF, "SF": _SF}


def _network(ids, index, link_frame):
    """Links by task as (other task, kind, lag) lists, and a topological order."""
    preds = [[] for _ in ids]
    succs = [[] for _ in ids]
    types = link_frame["type"] if "type" in link_frame.columns else ["FS"] * len(link_frame)
    lags = link_frame["lag"] if "lag" in link_frame.columns else [0] * len(link_frame)
    for a, b, kind, lag in zip(link_frame["predecessor"], link_frame["successor"], types, lags):
        kind = str(kind).strip().upper()
        kind = "FS" if kind in ("", "NAN", "NONE") else kind
        lag = 0.0 if lag is None or (isinstance(lag, float) and math.isnan(lag)) else float(lag)
        i, j = index[str(a).strip()], index[str(b).strip()]
        preds[j].append((i, _KIND[kind], lag))
        succs[i].append((j, _KIND[kind], lag))
    waiting = [len(x) for x in preds]
    ready = [k for k in range(len(ids)) if waiting[k] == 0]
    order = []
    while ready:
        k = ready.pop()
        order.append(k)
        for j, _, _ in succs[k]:
            waiting[j] -= 1
            if waiting[j] == 0:
                ready.append(j)
    return preds, succs, order  # cpm() has already rejected cycles


class _Passes:
    """CPM forward and backward passes over a chunk of iterations, with reused arrays."""

    def __init__(self, n, width):
        self.es = np.empty((n, width))
        self.ef = np.empty((n, width))
        self.ls = np.empty((n, width))
        self.tmp = np.empty(width)

    def run(self, d, preds, succs, order):
        """The finish of each iteration, and how many iterations each task is critical."""
        n, size = d.shape
        es, ef, ls = self.es[:, :size], self.ef[:, :size], self.ls[:, :size]
        tmp = self.tmp[:size]
        for t in order:
            start = es[t]
            empty = True  # no bound written into start yet
            clamp = False  # a bound may be negative: keep start >= 0
            for k, kind, lag in preds[t]:
                if kind == _FS or kind == _SS:
                    source = ef[k] if kind == _FS else es[k]
                    clamp = clamp or lag < 0
                    if empty:
                        np.add(source, lag, out=start)
                        empty = False
                    elif lag == 0:
                        np.maximum(start, source, out=start)
                    else:
                        np.add(source, lag, out=tmp)
                        np.maximum(start, tmp, out=start)
            for k, kind, lag in preds[t]:  # FF and SF bind the finish: start >= bound - d
                if kind == _FF or kind == _SF:
                    np.subtract(ef[k] if kind == _FF else es[k], d[t], out=tmp)
                    if lag:
                        tmp += lag
                    clamp = True
                    if empty:
                        start[:] = tmp
                        empty = False
                    else:
                        np.maximum(start, tmp, out=start)
            if empty:
                start.fill(0.0)
            elif clamp:
                np.maximum(start, 0.0, out=start)
            np.add(start, d[t], out=ef[t])
        finish = ef.max(axis=0)

        lf = ef  # reuse memory: the early finishes are not needed any more
        for t in reversed(order):
            late = lf[t]
            empty = True
            for k, kind, lag in succs[t]:
                source = ls[k] if kind == _FS or kind == _SS else lf[k]
                if kind == _SS or kind == _SF:
                    np.add(source, d[t], out=tmp)
                    if lag:
                        tmp -= lag
                    bound = tmp
                elif lag:
                    np.subtract(source, lag, out=tmp)
                    bound = tmp
                else:
                    bound = source
                if empty:
                    np.minimum(bound, finish, out=late)
                    empty = False
                else:
                    np.minimum(late, bound, out=late)
            if empty:
                late[:] = finish
            np.subtract(late, d[t], out=ls[t])
        total_float = np.subtract(ls, es, out=ls)
        least = total_float.min(axis=0)
        least += _CRITICAL_TOLERANCE
        critical = np.less_equal(total_float, least, out=self._flags(size))
        return finish, np.count_nonzero(critical, axis=1)

    def _flags(self, size):
        if getattr(self, "_flag_buffer", None) is None:
            self._flag_buffer = np.empty(self.es.shape, dtype=bool)
        return self._flag_buffer[:, :size]


def _midranks(values):
    """Ranks 1..n of a 1-d array, ties sharing their average rank."""
    order = np.argsort(values, kind="stable")
    ordered = values[order]
    ranks = np.empty(len(values))
    ranks[order] = _sorted_midranks(ordered)
    return ranks


def _sorted_midranks(ordered):
    """Midranks of an already sorted array, in its order."""
    n = len(ordered)
    new = np.empty(n, dtype=bool)
    new[0] = True
    np.not_equal(ordered[1:], ordered[:-1], out=new[1:])
    if new.all():
        return np.arange(1, n + 1, dtype=float)
    starts = np.flatnonzero(new)
    ends = np.append(starts[1:], n)
    group = np.cumsum(new) - 1
    return ((starts + ends + 1) / 2)[group]


def _spearman_rows(durations, finish, pool=None, parts=1):
    """Spearman's rho of every row of ``durations`` (float32 >= 0) with ``finish``.

    Pearson's correlation of the midranks. Each row is ranked by sorting int64
    keys that pack the float32 bit pattern (which orders non-negative floats)
    with the finish's ordinal rank, much faster than an argsort: once sorted,
    the low bits are the finish ranks in duration order.
    """
    n_tasks, n = durations.shape
    rho = np.zeros(n_tasks)
    finish_order = np.argsort(finish, kind="stable")
    finish_sorted = finish[finish_order]
    finish_mid = _sorted_midranks(finish_sorted) - (n + 1) / 2  # centred, by ordinal
    finish_norm = math.sqrt(float(np.square(finish_mid).sum()))
    if finish_norm == 0:
        return rho
    finish_tied = bool(np.any(finish_sorted[1:] == finish_sorted[:-1]))
    ordinal = np.empty(n, dtype=np.int64)
    ordinal[finish_order] = np.arange(n, dtype=np.int64)
    bits = max(1, int(n - 1).bit_length())
    mask = np.int64((1 << bits) - 1)
    centred = np.arange(n, dtype=float) - (n - 1) / 2  # ranks 1..n minus their mean
    centred_norm = math.sqrt(float(np.square(centred).sum()))

    def rows(first):
        keys = np.empty(n, dtype=np.int64)
        low = np.empty(n, dtype=np.int64)
        gathered = np.empty(n)
        equal = np.empty(n - 1, dtype=bool)
        for t in range(first, n_tasks, parts):
            row = durations[t]
            if row.min() == row.max():
                continue  # a constant duration does not drive the finish
            np.copyto(keys, row.view(np.int32), casting="unsafe")
            np.left_shift(keys, bits, out=keys)
            np.bitwise_or(keys, ordinal, out=keys)
            keys.sort()
            np.bitwise_and(keys, mask, out=low)
            if finish_tied:
                np.take(finish_mid, low, out=gathered)
            else:
                np.subtract(low, (n - 1) / 2, out=gathered)
            np.right_shift(keys, bits, out=keys)
            # not np.dot: BLAS threads spin and stall when the machine is busy
            numerator = float(np.multiply(gathered, centred, out=gathered).sum())
            norm = centred_norm
            np.equal(keys[1:], keys[:-1], out=equal)
            tied = np.flatnonzero(equal)
            if len(tied):  # tied durations share their average rank
                # runs of consecutive positions in `tied` are the groups of ties
                breaks = np.flatnonzero(np.diff(tied) != 1) + 1
                starts = tied[np.concatenate(([0], breaks))]
                ends = tied[np.concatenate((breaks - 1, [len(tied) - 1]))] + 1
                lengths = ends - starts + 1
                offsets = np.arange(lengths.sum()) - np.repeat(np.cumsum(lengths) - lengths, lengths)
                members = np.repeat(starts, lengths) + offsets
                old = centred[members]
                new = np.repeat((starts + ends) / 2, lengths) - (n - 1) / 2
                values = finish_mid[low[members]]
                numerator += float(((new - old) * values).sum())
                norm = math.sqrt(centred_norm ** 2 + float((new * new - old * old).sum()))
            rho[t] = numerator / (norm * finish_norm)

    list((pool or _SerialPool()).map(rows, range(parts)))
    return np.clip(rho, -1.0, 1.0)


class _SerialPool:
    def map(self, function, items):
        return [function(item) for item in items]


@contextlib.contextmanager
def _pool(parts):
    if parts <= 1:
        yield _SerialPool()
        return
    with ThreadPoolExecutor(max_workers=parts) as pool:
        yield pool


def _chunk_size(chunk_size, n_tasks, iterations):
    if chunk_size is None:
        return max(1_000, 4_000_000 // max(n_tasks, 1))
    if not isinstance(chunk_size, (int, np.integer)) or isinstance(chunk_size, bool) or chunk_size < 1:
        raise RiskError(f"chunk_size is {chunk_size!r}; valid: a whole number >= 1, or None.")
    return int(chunk_size)


def _read_events(risks, index):
    """Risk events as (task positions, probabilities, delays) arrays and their labels, checked."""
    if risks is None:
        return np.empty(0, int), np.empty(0), np.empty(0), []
    require_columns(risks, ["task_id", "probability", "delay"], "risks", RiskError)
    positions, probabilities, delays = [], [], []
    labels = risks["id"].astype(str) if "id" in risks.columns else [f"in row {r}" for r in range(1, len(risks) + 1)]
    for label, task, p, delay in zip(labels, risks["task_id"], risks["probability"], risks["delay"]):
        task = str(task).strip()
        if task not in index:
            known = list(index)
            sample = ", ".join(known[:8]) + (", ..." if len(known) > 8 else "")
            raise RiskError(f"Risk {label}: task {task!r} is not a task of the network; valid: {sample}.")
        if not _is_number(p) or not 0 <= float(p) <= 1:
            hint = " (a percentage? divide it by 100)" if _is_number(p) and 1 < float(p) <= 100 else ""
            raise RiskError(f"Risk {label}: probability is {p!r}{hint}; valid: a fraction from 0 to 1.")
        if not _is_number(delay) or not math.isfinite(float(delay)):
            raise RiskError(f"Risk {label}: delay is {delay!r}; valid: a number of periods.")
        positions.append(index[task])
        probabilities.append(float(p))
        delays.append(float(delay))
    return np.array(positions, dtype=int), np.array(probabilities), np.array(delays), list(labels)


def _progress(progress, done, total):
    if callable(progress):
        progress(done, total)
        return
    width = 30
    filled = int(width * done / total)
    sys.stdout.write(f"\rMonte Carlo [{'#' * filled}{'.' * (width - filled)}] "
                     f"{done:,} / {total:,} iterations")
    if done >= total:
        sys.stdout.write("\n")
    sys.stdout.flush()
