"""Quality: process behaviour charts, Pareto, cost of quality, deliverable measures, health checks.

The PMO guarantees the quality of projects and deliverables: it sets the rules (quality plans,
acceptance criteria), audits how projects apply them (assurance: the health check) and reads the
figures the projects' own quality control produces (defects, tests, acceptance). This module holds
the computations; the company's tables load with :mod:`pmo_lessons.data` (``load_defects`` ...).

* :func:`xmr`, :func:`xmr_limits`: process behaviour charts of a weekly figure (below);
* :func:`weekly_defects`, :func:`defect_trend`: a defect log turned into weekly series;
* :func:`pareto`: the vital few categories;
* :func:`cost_of_quality`: prevention, appraisal, internal and external failure;
* :func:`defect_density`, :func:`first_pass_yield`, :func:`defect_removal_efficiency`,
  :func:`acceptance_rate`, :func:`deliverable_quality`: the deliverable measures a PMO reports;
* :data:`HEALTH_CHECK`, :func:`health_check`, :func:`portfolio_health`,
  :func:`health_findings`: the project health check and its portfolio view.

**Process behaviour charts** (D. J. Wheeler, *Understanding Variation: The Key to Managing
Chaos*, 2nd ed., SPC Press, 2000; *Making Sense of Data*, SPC Press, 2003; also called
individuals and moving range charts, I-MR) separate the routine variation of a figure
(noise) from the exceptional variation worth looking for a cause of (a signal).
:func:`xmr` draws the chart's numbers for one series of individual values (defects found a
week, throughput a week, days to close an account ...), :func:`xmr_limits` gives the limits
alone.

The chart, as Wheeler computes it:

* the **moving range** of a point is the absolute difference from the point before it
  (none for the first point);
* the **centre** line is the average of the values, the **average moving range** the
  average of the moving ranges;
* the **natural process limits** are centre +- 2.660 x average moving range (UNPL, LNPL)
  and the **upper range limit** of the moving ranges is 3.268 x average moving range
  (URL). The scaling factors are 3 / d2 and D4 for ranges of two values (d2 = 1.128).
  *Understanding Variation* rounds them to 2.66 and 3.27; the kit uses the three decimals
  with which Wheeler works the software check data set of *Making Sense of Data* (p. 382);
* limits can come from a **baseline**: the first N points, the period the process was
  known, then applied to every point after it.

A point carries a **signal** when it breaks one of the three detection rules Wheeler
teaches in both books; the ``signal`` column names the rule with one of these fixed
strings, ``""`` for none:

``"beyond limits"``
    the value is above the UNPL or below the LNPL;
``"3 of 4 near a limit"``
    the value is one of at least three out of four successive values on the same side
    that are closer to the limit than to the centre line (beyond the halfway line);
``"8 on one side"``
    the value is one of a run of eight or more successive values on the same side of the
    centre line.

Every point of a run or of a three-out-of-four group is marked, not only the last one.
A point that breaks several rules shows the first of them in that order. A point lying
on a line (to rounding) is not beyond it; a point on the centre line is on neither side
and ends a run. The ``range_signal`` column says ``"range above limit"`` where a moving
range exceeds the URL: a sudden jump between two successive values.

Eight ordinary weeks, then a 17. From all nine points, the 17 widens its own limits and
is no signal; from the eight weeks before it (the baseline), it is:

>>> weeks = [10, 12, 10, 12, 10, 12, 10, 12, 17]
>>> xmr_limits(weeks).round(3).tolist()
[11.667, 2.375, 17.984, 5.349, 7.762]
>>> chart = xmr(weeks, baseline=8)
>>> chart.loc[9, ["value", "centre", "unpl"]].round(2).tolist(), chart.loc[9, "signal"]
([17.0, 11.0, 16.32], 'beyond limits')
"""

from __future__ import annotations

import math
from numbers import Real

import numpy as np
import pandas as pd

from .columns import require_columns
from .errors import InputError
from .evm import rag_status

__all__ = [
    "QualityError",
    "NATURAL_PROCESS_LIMIT_FACTOR",
    "UPPER_RANGE_LIMIT_FACTOR",
    "MIN_POINTS",
    "BEYOND_LIMITS",
    "NEAR_A_LIMIT",
    "ONE_SIDE",
    "RANGE_ABOVE_LIMIT",
    "SIGNALS",
    "XMR_COLUMNS",
    "LIMITS",
    "xmr",
    "xmr_limits",
    "weekly_defects",
    "defect_trend",
    "pareto",
    "VITAL_FEW_SHARE",
    "COST_CATEGORIES",
    "cost_of_quality",
    "defect_density",
    "first_pass_yield",
    "defect_removal_efficiency",
    "acceptance_rate",
    "deliverable_quality",
    "HEALTH_DIMENSIONS",
    "HEALTH_CHECK",
    "ANSWER_SCORES",
    "HEALTH_THRESHOLDS",
    "health_check",
    "portfolio_health",
    "health_findings",
]

#: 3 / d2 for moving ranges of two values (d2 = 1.128): the natural process limits are
#: centre +- 2.660 x average moving range (Wheeler, *Understanding Variation*, 2nd ed.).
NATURAL_PROCESS_LIMIT_FACTOR = 2.660

#: D4 for ranges of two values, as Wheeler gives it: URL = 3.268 x average moving range.
UPPER_RANGE_LIMIT_FACTOR = 3.268

#: The fewest points limits are computed from. Wheeler: "useful limits may be constructed
#: with as few as five or six values" (*Understanding Variation*, 2nd ed., appendix "XmR
#: Charts Using the Average Moving Range"); they firm up as more values come in.
MIN_POINTS = 5

#: The ``signal`` values of :func:`xmr`, in the order of precedence when a point breaks
#: several rules.
BEYOND_LIMITS = "beyond limits"
NEAR_A_LIMIT = "3 of 4 near a limit"
ONE_SIDE = "8 on one side"
SIGNALS = (BEYOND_LIMITS, NEAR_A_LIMIT, ONE_SIDE)

#: The ``range_signal`` value of :func:`xmr`: the moving range is above the URL.
RANGE_ABOVE_LIMIT = "range above limit"

#: The columns of :func:`xmr`, in order.
XMR_COLUMNS = ("value", "moving_range", "centre", "unpl", "lnpl", "url", "signal",
               "range_signal", "in_baseline")

#: The entries of :func:`xmr_limits`, in order.
LIMITS = ("centre", "average_moving_range", "unpl", "lnpl", "url")

_RUN = 8          # successive points on one side of the centre line
_NEAR_WINDOW = 4  # three out of four successive points ...
_NEAR_COUNT = 3
_ON_THE_LINE = 1e-9  # relative to the distance centre - limit: closer than this is "on" a line


class QualityError(InputError):
    """Quality data the kit cannot use: too few points, a value that is not a number..."""


# --- process behaviour charts (XmR) ------------------------------------------


def xmr_limits(values, baseline=None):
    """The centre line, average moving range and limits of an XmR chart, without the chart.

    Args:
        values: the individual values in time order: a list, an array or a pandas Series
            (one number per period).
        baseline: compute the limits from the first ``baseline`` points only (at least
            :data:`MIN_POINTS`); ``None`` (the default) uses every point.

    Returns:
        A Series with, in this order (Wheeler, *Understanding Variation*, 2nd ed., 2000,
        "Computing Limits for an XmR Chart" and the appendix; *Making Sense of Data*, 2003):

        ========================  ==============================================
        ``centre``                average of the baseline values
        ``average_moving_range``  average of the moving ranges |x(i) - x(i-1)|
                                  within the baseline
        ``unpl``                  centre + 2.660 x average moving range
        ``lnpl``                  centre - 2.660 x average moving range
        ``url``                   3.268 x average moving range
        ========================  ==============================================

        For counts, an LNPL below zero means there is no lower limit in practice: it is
        returned as computed.

    Raises:
        QualityError: fewer than :data:`MIN_POINTS` values or baseline points, a value that
            is missing or not a number (named by its point), a baseline that is not a whole
            number of points within the series, or baseline values all equal (an average
            moving range of 0 gives no limits).

    The 16 values Wheeler gives to check software with (*Making Sense of Data*, 2003,
    p. 382): average 4,135.50, average moving range 355.93, limits 3,188.72 to 5,082.28,
    URL 1,163.19.

    >>> limits = xmr_limits([5045, 4350, 4350, 3975, 4290, 4430, 4485, 4285,
    ...                      3980, 3925, 3645, 3760, 3300, 3685, 3463, 5200])
    >>> limits.round(2).to_dict()
    {'centre': 4135.5, 'average_moving_range': 355.93, 'unpl': 5082.28, 'lnpl': 3188.72, 'url': 1163.19}
    >>> xmr_limits([3, 4, 5])
    Traceback (most recent call last):
    ...
    pmo_lessons.quality.QualityError: An XmR chart needs at least 5 values to compute its limits; it has 3. ...
    """
    numbers, _ = _series(values)
    return _limits(numbers, _baseline(baseline, len(numbers)))


def xmr(values, baseline=None):
    """The XmR (process behaviour) chart of individual values: one row per point.

    Args:
        values: the individual values in time order: a list, an array or a pandas Series
            (one number per period). A Series keeps its index (weeks, dates ...); other
            values are numbered from 1 (index ``point``).
        baseline: compute the limits from the first ``baseline`` points only (at least
            :data:`MIN_POINTS`) and judge every point against them; ``None`` (the
            default) uses every point.

    Returns:
        A DataFrame with the columns :data:`XMR_COLUMNS`:

        ``value``
            the value, as a float;
        ``moving_range``
            |value - previous value|, NaN for the first point;
        ``centre``, ``unpl``, ``lnpl``, ``url``
            the centre line and limits of :func:`xmr_limits`, the same on every row;
        ``signal``
            the detection rule the point breaks (``"beyond limits"``,
            ``"3 of 4 near a limit"``, ``"8 on one side"``) or ``""``; see the module's
            description for the rules, their order and what a point on a line counts as;
        ``range_signal``
            ``"range above limit"`` where the moving range is above the URL, else ``""``;
        ``in_baseline``
            True for the points the limits were computed from.

    Raises:
        QualityError: as :func:`xmr_limits`.

    Wheeler's rules are those of *Understanding Variation* (2nd ed., 2000):
    a point outside the limits; three out of four successive values closer to the same
    limit than to the centre line; eight successive values on the same side of the centre
    line.

    >>> chart = xmr([10, 12, 10, 12, 10, 12, 10, 12, 12, 14, 11, 14, 14], baseline=8)
    >>> chart[["value", "moving_range", "signal"]].tail(5)
           value  moving_range               signal
    point
    9       12.0           0.0
    10      14.0           2.0  3 of 4 near a limit
    11      11.0           3.0
    12      14.0           3.0  3 of 4 near a limit
    13      14.0           0.0  3 of 4 near a limit
    >>> chart.loc[1, ["centre", "unpl", "lnpl", "url"]].round(3).tolist()
    [11.0, 16.32, 5.68, 6.536]
    """
    numbers, index = _series(values)
    size = _baseline(baseline, len(numbers))
    limits = _limits(numbers, size)
    centre, unpl, lnpl, url = (limits[k] for k in ("centre", "unpl", "lnpl", "url"))
    moving_range = np.concatenate([[np.nan], np.abs(np.diff(numbers))])
    tolerance = _ON_THE_LINE * (unpl - centre)
    with np.errstate(invalid="ignore"):
        range_signal = np.where(moving_range - url > tolerance, RANGE_ABOVE_LIMIT, "")
    chart = pd.DataFrame({
        "value": numbers,
        "moving_range": moving_range,
        "centre": centre,
        "unpl": unpl,
        "lnpl": lnpl,
        "url": url,
        "signal": _signals(numbers, centre, unpl, lnpl),
        "range_signal": range_signal,
        "in_baseline": np.arange(len(numbers)) < size,
    }, index=index)
    return chart[list(XMR_COLUMNS)]


def _limits(numbers, size):
    """The limits from the first ``size`` of ``numbers`` (checked already)."""
    base = numbers[:size]
    centre = float(base.mean())
    average_range = float(np.abs(np.diff(base)).mean())
    if average_range == 0:
        raise QualityError(
            f"The {size} baseline values are all equal ({_text(base[0])}): their average moving "
            "range is 0, so an XmR chart has no limits. The figure may be recorded too "
            "coarsely (round it less) or not vary at all; a longer baseline may help.")
    spread = NATURAL_PROCESS_LIMIT_FACTOR * average_range
    return pd.Series([centre, average_range, centre + spread, centre - spread,
                      UPPER_RANGE_LIMIT_FACTOR * average_range], index=list(LIMITS), name="limits")


def _signals(numbers, centre, unpl, lnpl):
    """The ``signal`` of every point (one of :data:`SIGNALS` or "")."""
    tolerance = _ON_THE_LINE * (unpl - centre)
    beyond = (numbers - unpl > tolerance) | (lnpl - numbers > tolerance)
    upper_half, lower_half = (centre + unpl) / 2, (centre + lnpl) / 2
    near = np.zeros(len(numbers), bool)
    for side in (numbers - upper_half > tolerance, lower_half - numbers > tolerance):
        for start in range(len(numbers) - _NEAR_WINDOW + 1):
            window = side[start:start + _NEAR_WINDOW]
            if window.sum() >= _NEAR_COUNT:
                near[start:start + _NEAR_WINDOW] |= window
    run = np.zeros(len(numbers), bool)
    for side in (numbers - centre > tolerance, centre - numbers > tolerance):
        start = 0
        while start < len(numbers):
            if not side[start]:
                start += 1
                continue
            end = start
            while end < len(numbers) and side[end]:
                end += 1
            if end - start >= _RUN:
                run[start:end] = True
            start = end
    return np.select([beyond, near, run], list(SIGNALS), default="")


def _series(values):
    """The values as floats and the index the chart uses; every value checked."""
    if isinstance(values, pd.DataFrame):
        raise QualityError(
            "An XmR chart takes one series of values, not a table: pass one column, e.g. "
            f"table['defects'] (this table has {len(values.columns)} columns).")
    if isinstance(values, (str, bytes)) or not _is_sequence(values):
        raise QualityError(
            f"An XmR chart needs a series of values in time order (a list, an array or a "
            f"pandas Series), not {type(values).__name__} {values!r}.")
    if isinstance(values, np.ndarray) and values.ndim != 1:
        raise QualityError(f"An XmR chart takes one series of values, not an array of shape "
                           f"{values.shape}: pass one row or column of it.")
    if isinstance(values, pd.Series):
        raw, index = list(values), values.index
        named = not isinstance(index, pd.RangeIndex)
    else:
        raw = list(values)
        index, named = pd.RangeIndex(1, len(raw) + 1, name="point"), False
    numbers = np.empty(len(raw))
    for position, value in enumerate(raw):
        where = f"point {position + 1}"
        if named:
            where += f" ({index.name or 'label'} {index[position]!r})"
        numbers[position] = _number(value, where)
    if len(numbers) < MIN_POINTS:
        raise QualityError(
            f"An XmR chart needs at least {MIN_POINTS} values to compute its limits; it has "
            f"{len(numbers)}. Wheeler: useful limits can be had from five or six values, and "
            "they firm up as more come in. Wait for more periods before judging the figure.")
    return numbers, index


def _is_sequence(values):
    return isinstance(values, (pd.Series, np.ndarray, list, tuple, range))


def _number(value, where):
    if isinstance(value, str):
        raise QualityError(f"{where} is the text {value!r}, not a number; an XmR chart plots one "
                           "number per period (a count, an amount, a number of days).")
    if value is None or value is pd.NA or value is pd.NaT or \
            (isinstance(value, Real) and not isinstance(value, bool) and math.isnan(value)):
        raise QualityError(f"{where} is missing; an XmR chart needs a number for every period "
                           "(leave a period out only if it did not happen, and say so).")
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (Real, np.number)):
        raise QualityError(f"{where} is {value!r}, not a number; an XmR chart plots one number "
                           "per period (a count, an amount, a number of days).")
    number = float(value)
    if math.isinf(number):
        raise QualityError(f"{where} is infinite; every value must be a finite number.")
    return number


def _baseline(baseline, count):
    """The number of points the limits come from."""
    if baseline is None:
        return count
    if isinstance(baseline, (bool, np.bool_)) or not isinstance(baseline, (int, np.integer)):
        raise QualityError(
            f"baseline must be a whole number of points (the first N give the limits), from "
            f"{MIN_POINTS} to {count}; not {baseline!r}.")
    if not MIN_POINTS <= baseline <= count:
        raise QualityError(
            f"baseline is {baseline}: it must be from {MIN_POINTS} (the fewest points limits can "
            f"stand on) to {count} (every point of the series).")
    return int(baseline)


def _text(number):
    return f"{number:g}"


# --- defect logs as weekly series ----------------------------------------------


def weekly_defects(defects, project, weeks=None, phases=None):
    """New defects found each week of one project: the series a PMO charts.

    Args:
        defects: a defect log with ``project``, ``week`` (the project week it was found in,
            as in ``status_weekly``) and, when ``phases`` is given, ``phase_found``
            (:func:`pmo_lessons.data.load_defects`).
        project: the project id.
        weeks: the weeks to count (a range or list); weeks without a defect count 0. Default:
            from the project's first week with a defect to its last.
        phases: count only the defects found in these phases (``["system test"]``).

    Returns:
        A Series of whole numbers, indexed by ``week``.

    >>> import pandas as pd
    >>> log = pd.DataFrame({"project": ["A", "A", "A", "B"], "week": [2, 2, 4, 1]})
    >>> weekly_defects(log, "A").to_dict()
    {2: 2, 3: 0, 4: 1}
    """
    require_columns(defects, ["project", "week"], "the defect log", QualityError)
    mine = defects[defects["project"] == project]
    if mine.empty:
        known = ", ".join(sorted(map(str, defects["project"].unique()))) or "none"
        raise QualityError(f"The defect log has no defect of project {project!r}; its projects: "
                           f"{known}.")
    if phases is not None:
        require_columns(defects, ["phase_found"], "the defect log", QualityError)
        wanted = [phases] if isinstance(phases, str) else list(phases)
        mine = mine[mine["phase_found"].isin(wanted)]
    if weeks is None:
        weeks = range(int(mine["week"].min()), int(mine["week"].max()) + 1) if len(mine) else []
    weeks = pd.Index(list(weeks), name="week")
    counts = mine.groupby("week").size()
    return counts.reindex(weeks, fill_value=0).astype("int64").rename("defects")


def defect_trend(defects, status, project):
    """A project's defects week by week: found, closed, still open, open and critical.

    The trend a go-live or pilot decision reads: are defects found more slowly, are they
    closed faster than they come, how many critical ones are still open?

    Args:
        defects: a defect log with ``project``, ``week``, ``severity``, ``date_closed``
            (empty or NaT while open) and ``date_found``.
        status: the weekly status table with ``project``, ``week`` and ``status_date`` (the
            Friday that ends each week; :func:`pmo_lessons.data.load_status`).
        project: the project id.

    Returns:
        A DataFrame indexed by ``week``: ``status_date``, ``found`` (new that week),
        ``closed`` (closed that week), ``open`` and ``open_critical`` (severity 1) at the end
        of the week.

    >>> import pandas as pd
    >>> log = pd.DataFrame({"project": ["A"] * 3, "week": [1, 1, 2], "severity": [1, 3, 1],
    ...     "date_found": pd.to_datetime(["2026-01-05", "2026-01-06", "2026-01-12"]),
    ...     "date_closed": pd.to_datetime(["2026-01-13", None, None])})
    >>> weeks = pd.DataFrame({"project": ["A", "A"], "week": [1, 2],
    ...     "status_date": pd.to_datetime(["2026-01-09", "2026-01-16"])})
    >>> defect_trend(log, weeks, "A")[["found", "closed", "open", "open_critical"]].values.tolist()
    [[2, 0, 2, 1], [1, 1, 2, 1]]
    """
    require_columns(defects, ["project", "week", "severity", "date_found", "date_closed"],
                    "the defect log", QualityError)
    require_columns(status, ["project", "week", "status_date"], "the status table", QualityError)
    weeks = status[status["project"] == project].sort_values("week")
    if weeks.empty:
        raise QualityError(f"The status table has no week of project {project!r}: give its "
                           "weekly status (week and status_date), e.g. data.load_status().")
    mine = defects[defects["project"] == project]
    found_on = pd.to_datetime(mine["date_found"])
    closed_on = pd.to_datetime(mine["date_closed"])
    critical = (mine["severity"] == 1).to_numpy()
    rows, before = [], pd.Timestamp.min
    for week, friday in zip(weeks["week"], pd.to_datetime(weeks["status_date"])):
        end = friday + pd.Timedelta(days=1)  # Friday evening
        found = (found_on < end).to_numpy()
        still_open = found & ~(closed_on < end).to_numpy()
        rows.append({"week": int(week), "status_date": friday,
                     "found": int((mine["week"] == week).sum()),
                     "closed": int(((closed_on >= before) & (closed_on < end)).sum()),
                     "open": int(still_open.sum()),
                     "open_critical": int((still_open & critical).sum())})
        before = end
    return pd.DataFrame(rows).set_index("week")


# --- Pareto ------------------------------------------------------------------------

#: The cumulative share the vital few reach: 80 %, the usual convention of a Pareto analysis
#: (Juran's "vital few"), not a law of nature; pass your own to :func:`pareto`.
VITAL_FEW_SHARE = 0.8


def pareto(counts, threshold=VITAL_FEW_SHARE):
    """Categories sorted by count, with their share, cumulative share and the vital few.

    The **vital few** are the categories up to and including the first whose cumulative
    share reaches ``threshold`` (80 % by default): the few causes worth working on first
    (J. M. Juran, who named the principle after Vilfredo Pareto: "The Non-Pareto Principle;
    Mea Culpa", *Quality Progress*, May 1975; a Pareto chart is one of the seven basic quality
    tools of the *PMBOK Guide*, 5th ed., 2013, 8.1.2.3).

    Args:
        counts: a Series (or a dict) of counts by category, e.g.
            ``defects["category"].value_counts()``; amounts (euros, hours) work too.
        threshold: the cumulative share the vital few must reach, more than 0 and at most 1.

    Returns:
        A DataFrame indexed by ``category``, largest count first (equal counts in the order
        of their names): ``count``, ``share`` and ``cumulative_share`` (fractions of the
        total) and ``vital_few`` (bool).

    Raises:
        QualityError: a count that is negative, missing or not a number (named by its
            category), a category given twice, no category, or counts that are all 0.

    >>> table = pareto({"interface": 50, "data migration": 30, "report": 12, "other": 8})
    >>> table["cumulative_share"].tolist()
    [0.5, 0.8, 0.92, 1.0]
    >>> table.index[table["vital_few"]].tolist()
    ['interface', 'data migration']
    """
    if isinstance(counts, dict):
        counts = pd.Series(counts, dtype=object)
    if isinstance(counts, pd.DataFrame) or not isinstance(counts, pd.Series):
        raise QualityError(
            "pareto needs the counts by category as a Series or a dict, e.g. "
            "defects['category'].value_counts(); not "
            f"{'a table' if isinstance(counts, pd.DataFrame) else type(counts).__name__}.")
    if isinstance(threshold, bool) or not isinstance(threshold, Real) or \
            not 0 < threshold <= 1:
        raise QualityError(f"threshold must be a share above 0 and at most 1 (0.8 for 80 %), "
                           f"not {threshold!r}.")
    if counts.empty:
        raise QualityError("pareto needs at least one category; the counts are empty.")
    labels = [str(label) for label in counts.index]
    for label, original in zip(labels, counts.index):
        if original is None or (isinstance(original, float) and math.isnan(original)) or \
                not label.strip():
            raise QualityError("A category has no name (an empty or missing label); name every "
                               "category, e.g. 'other'.")
    seen = set()
    for label in labels:
        if label in seen:
            raise QualityError(f"The category {label!r} is given twice; give each category once, "
                               "with its total count (add the two up first).")
        seen.add(label)
    values = [_number(value, f"The count of {label!r}") for label, value in zip(labels, counts)]
    for label, value in zip(labels, values):
        if value < 0:
            raise QualityError(f"The count of {label!r} is negative ({_text(value)}); a count is "
                               "0 or more.")
    total = sum(values)
    if total == 0:
        raise QualityError("Every count is 0: a Pareto analysis needs something to count.")
    if all(float(value).is_integer() for value in values):
        values = [int(value) for value in values]
    table = pd.DataFrame({"category": labels, "count": values})
    table = table.sort_values(["count", "category"], ascending=[False, True], kind="stable")
    cumulative = table["count"].cumsum()
    table["share"] = table["count"] / total
    table["cumulative_share"] = cumulative / total
    reached = (cumulative >= threshold * total * (1 - 1e-12)).to_numpy()
    first = int(np.argmax(reached))  # always reached: the last cumulative count is the total
    table["vital_few"] = np.arange(len(table)) <= first
    return table.set_index("category")


# --- cost of quality ---------------------------------------------------------------

#: The cost of quality categories, with the side each is on (PMI, *PMBOK Guide*, 6th ed.,
#: 2017, 8.1.2.3; 5th ed., 2013, 8.1.2.2 and Figure 8-5): prevention and appraisal are the
#: cost of conformance, internal and external failure the cost of non-conformance (P. B.
#: Crosby, *Quality Is Free*, McGraw-Hill, 1979: the price of conformance and of
#: non-conformance).
COST_CATEGORIES = {
    "prevention": "conformance",
    "appraisal": "conformance",
    "internal failure": "non-conformance",
    "external failure": "non-conformance",
}


def cost_of_quality(items, by="category"):
    """The cost of quality: totals and shares of prevention, appraisal and failure costs.

    **Prevention** (reviews, training, test strategy: avoiding defects) and **appraisal**
    (tests, inspections, audits: finding them) are the cost of *conformance*; **internal
    failure** (rework and re-tests of defects found before delivery) and **external failure**
    (defects found by the users: hotfixes, credit notes, extra support) the cost of
    *non-conformance* (see :data:`COST_CATEGORIES` for the sources). Testing is appraisal, not
    failure, even when it finds many defects: the rework it causes is the failure cost.

    Args:
        items: a table of cost lines with ``category`` (one of :data:`COST_CATEGORIES`; case,
            ``_`` and ``-`` do not matter) and ``amount_eur`` (:func:`pmo_lessons.data.load_quality_costs`).
        by: ``"category"`` (the four categories) or ``"conformance"`` (the two sides).

    Returns:
        A DataFrame with ``amount_eur`` and ``share`` (of the total), one row per category (all
        four, 0 when absent) with the side it is on (``cost_of``), or one row per side.

    Raises:
        QualityError: an unknown category, an amount that is missing, negative or not a
            number (naming the line by its ``id`` or row), or lines that add up to 0.

    >>> import pandas as pd
    >>> lines = pd.DataFrame({"category": ["prevention", "appraisal", "internal failure",
    ...                                    "external failure"], "amount_eur": [10, 30, 40, 20]})
    >>> cost_of_quality(lines, by="conformance")["share"].tolist()
    [0.4, 0.6]
    """
    require_columns(items, ["category", "amount_eur"], "the cost lines", QualityError)
    if by not in ("category", "conformance"):
        raise QualityError(f"by must be 'category' or 'conformance', not {by!r}.")
    names = items["id"].astype(str).tolist() if "id" in items.columns else \
        [f"row {position}" for position in range(1, len(items) + 1)]
    totals = dict.fromkeys(COST_CATEGORIES, 0.0)
    for name, category, amount in zip(names, items["category"], items["amount_eur"]):
        key = " ".join(str(category).strip().lower().replace("_", " ").replace("-", " ").split())
        if key not in COST_CATEGORIES:
            raise QualityError(
                f"Cost line {name}: the category {category!r} is unknown; valid: "
                + ", ".join(COST_CATEGORIES) + ". A test is appraisal, its rework internal "
                "failure.")
        value = _number(amount, f"Cost line {name}: amount_eur")
        if value < 0:
            raise QualityError(f"Cost line {name}: amount_eur is negative ({_text(value)}); a "
                               "cost is 0 or more (book a refund as a lower cost on its line).")
        totals[key] += value
    total = sum(totals.values())
    if total == 0:
        raise QualityError("The cost lines add up to 0 EUR: there is no cost of quality to split.")
    table = pd.DataFrame({"amount_eur": list(totals.values()),
                          "cost_of": list(COST_CATEGORIES.values())},
                         index=pd.Index(list(COST_CATEGORIES), name="category"))
    if by == "conformance":
        table = table.groupby("cost_of", sort=False)[["amount_eur"]].sum()
    table["share"] = table["amount_eur"] / total
    return table[["amount_eur", "share"] + (["cost_of"] if by == "category" else [])]


# --- deliverable measures ------------------------------------------------------------


def defect_density(defects, size, per=1):
    """Defects per unit of size of a deliverable: defects / size x ``per``.

    The ISTQB Glossary's *defect density*, "the number of defects per unit size of a work
    product". Compare densities only within one unit of size (requirements, user stories,
    function points, square metres).

    >>> defect_density(122, 42)
    2.904...
    >>> defect_density(55, 120, per=100)  # per 100 requirements
    45.83...
    """
    count = _number(defects, "defects")
    measure = _number(size, "size")
    scale = _number(per, "per")
    if count < 0:
        raise QualityError(f"defects is negative ({_text(count)}); a number of defects is 0 or more.")
    if measure <= 0:
        raise QualityError(f"size is {_text(measure)}; a deliverable's size is more than 0 "
                           "(requirements, user stories, square metres ...).")
    if scale <= 0:
        raise QualityError(f"per is {_text(scale)}; give a positive unit, such as 1 or 100.")
    return count / measure * scale


def first_pass_yield(passed_first_run, tested):
    """The share of what was tested that passed the first time, without rework or re-test.

    FPY = passed at the first run / units tested (ASQ, *Quality Glossary*, "first pass
    yield": the units entering the process minus the defective ones, over the units entering).
    Here the units are test cases or inspection points.

    >>> first_pass_yield(284, 320)
    0.8875
    """
    passed = _number(passed_first_run, "passed_first_run")
    units = _number(tested, "tested")
    if units <= 0:
        raise QualityError(f"tested is {_text(units)}: no first-pass yield before something is "
                           "tested (more than 0 units).")
    if not 0 <= passed <= units:
        raise QualityError(f"passed_first_run is {_text(passed)}; it lies between 0 and the units "
                           f"tested ({_text(units)}).")
    return passed / units


def defect_removal_efficiency(found_before, found_after=None):
    """The share of all defects that were found before release (go-live, handover).

    DRE = found before release / (found before + found after release by the users)
    (C. Jones, "Software Defect-Removal Efficiency", *IEEE Computer* 29(4), April 1996; the
    ISTQB Glossary's *defect detection percentage*). Jones counts the users' defects of the
    first 90 days; a DRE measured earlier is a first reading that can only fall.

    Args:
        found_before: the number found before release, or a defect log with ``phase_found``
            (``"production"`` is after release, every other phase before).
        found_after: the number found after release (with a number for ``found_before``).

    >>> defect_removal_efficiency(90, 10)
    0.9
    """
    if isinstance(found_before, pd.DataFrame):
        if found_after is not None:
            raise QualityError("Give either a defect log or the two numbers, not both.")
        require_columns(found_before, ["phase_found"], "the defect log", QualityError)
        after = int((found_before["phase_found"] == "production").sum())
        before = len(found_before) - after
    else:
        if found_after is None:
            raise QualityError("Give the defects found after release too: "
                               "defect_removal_efficiency(found_before, found_after).")
        before = _number(found_before, "found_before")
        after = _number(found_after, "found_after")
        for name, value in (("found_before", before), ("found_after", after)):
            if value < 0:
                raise QualityError(f"{name} is negative ({_text(value)}); a number of defects is "
                                   "0 or more.")
    if before + after == 0:
        raise QualityError("No defect found before or after release: the efficiency is undefined.")
    return before / (before + after)


def acceptance_rate(criteria):
    """The share of a deliverable's assessed acceptance criteria that are met.

    Rate = criteria met / criteria assessed (``not assessed`` ones do not count yet). The
    acceptance criteria are written in the scope statement and checked when the deliverables
    are validated (PMI, *PMBOK Guide*, 6th ed., 2017, 5.3.3.1 and 5.5). A deliverable is
    accepted when every **mandatory** criterion is met, whatever the rate:
    :func:`deliverable_quality` says so.

    Args:
        criteria: a table with ``result``, one of ``met``, ``not met``, ``not assessed``
            (:func:`pmo_lessons.data.load_acceptance_criteria`, for one deliverable).

    Returns:
        A fraction from 0 to 1, or NaN when no criterion is assessed yet.

    >>> import pandas as pd
    >>> acceptance_rate(pd.DataFrame({"result": ["met", "met", "not met", "not assessed"]}))
    0.666...
    """
    require_columns(criteria, ["result"], "the acceptance criteria", QualityError)
    results = criteria["result"].astype(str).str.strip().str.lower()
    unknown = sorted(set(results) - {"met", "not met", "not assessed"})
    if unknown:
        raise QualityError(f"Acceptance result {unknown[0]!r} is unknown; valid: met, not met, "
                           "not assessed.")
    assessed = results != "not assessed"
    if not assessed.any():
        return float("nan")
    return float((results == "met").sum() / assessed.sum())


def deliverable_quality(deliverables, defects, criteria):
    """The quality measures of each deliverable, as a PMO reports them.

    Args:
        deliverables: ``id, size, size_unit, test_cases, executed, passed_first_run``
            (:func:`pmo_lessons.data.load_deliverables`).
        defects: the defect log with ``deliverable`` and ``severity``.
        criteria: the acceptance criteria with ``deliverable``, ``mandatory`` and ``result``.

    Returns:
        A DataFrame indexed by deliverable ``id``: ``defects`` (logged against it),
        ``open_critical`` (severity 1, when the log has ``status``), ``defect_density``
        (per unit of ``size_unit``), ``tests_executed`` (share of the test cases run),
        ``first_pass_yield``, ``criteria`` (how many acceptance criteria it has),
        ``acceptance_rate`` (NaN before any criterion is assessed) and ``mandatory_open``
        (mandatory criteria not met or not assessed yet; a deliverable can be accepted without
        reservation only at 0, and only if it has criteria at all).

    >>> from pmo_lessons import data
    >>> table = deliverable_quality(data.load_deliverables("CRM"), data.load_defects(),
    ...                             data.load_acceptance_criteria())
    >>> table[["defects", "first_pass_yield", "acceptance_rate", "mandatory_open"]].round(2)
             defects  first_pass_yield  acceptance_rate  mandatory_open
    id
    CRM-CFG      128              0.89              1.0               0
    CRM-INT       36              0.75              0.8               0
    """
    require_columns(deliverables, ["id", "size", "size_unit", "test_cases", "executed",
                                   "passed_first_run"], "the deliverables", QualityError)
    require_columns(defects, ["deliverable", "severity"], "the defect log", QualityError)
    require_columns(criteria, ["deliverable", "mandatory", "result"], "the acceptance criteria",
                    QualityError)
    rows = []
    for item in deliverables.itertuples(index=False):
        logged = defects[defects["deliverable"] == item.id]
        critical = logged["severity"] == 1
        if "status" in logged.columns:
            critical &= logged["status"] == "open"
        own = criteria[criteria["deliverable"] == item.id]
        mandatory = own[own["mandatory"].astype(bool)]
        rows.append({
            "id": item.id,
            "defects": len(logged),
            "open_critical": int(critical.sum()),
            "defect_density": defect_density(len(logged), item.size),
            "size_unit": item.size_unit,
            "tests_executed": item.executed / item.test_cases if item.test_cases else float("nan"),
            "first_pass_yield": (first_pass_yield(item.passed_first_run, item.executed)
                                 if item.executed else float("nan")),
            "criteria": len(own),
            "acceptance_rate": acceptance_rate(own) if len(own) else float("nan"),
            "mandatory_open": int((mandatory["result"] != "met").sum()),
        })
    return pd.DataFrame(rows).set_index("id")


# --- the project health check --------------------------------------------------------

#: The six dimensions of the PMO's health check, in the order it reports them.
HEALTH_DIMENSIONS = ("governance", "plan", "risks", "quality", "stakeholders", "benefits")

#: The PMO's health-check checklist: three questions per dimension, each answered yes,
#: partly or no from evidence. The kit's own questions (Meridian's), not a standard's; they
#: cover what PRINCE2's practices and the PMBOK Guide's performance domains ask a project to
#: keep in order, and a PMO tailors them.
HEALTH_CHECK = pd.DataFrame(
    [
        ("GOV-1", "governance", "The sponsor chairs a steering committee that met in the last month and "
                                "recorded its decisions."),
        ("GOV-2", "governance", "Roles and decision rights are written down and known (who accepts "
                                "what, who decides what)."),
        ("GOV-3", "governance", "The last stage gate was held with its criteria checked, and its "
                                "conditions are followed up."),
        ("PLN-1", "plan", "A baseline schedule and budget are approved, and changes to them go "
                          "through change control."),
        ("PLN-2", "plan", "Progress is measured against the baseline every week (earned value or "
                          "milestones), not estimated."),
        ("PLN-3", "plan", "The forecast (finish date and cost at completion) is credible and was "
                          "updated in the last month."),
        ("RSK-1", "risks", "The risk register was reviewed in the last month; every open risk has an "
                           "owner and a response."),
        ("RSK-2", "risks", "Contingency is set from the quantified risks and its use is tracked."),
        ("RSK-3", "risks", "Every issue (a risk that occurred) has an action plan with an owner and "
                           "a date."),
        ("QLT-1", "quality", "The main deliverables have acceptance criteria, signed by the people "
                             "who will accept them."),
        ("QLT-2", "quality", "Defects are logged in one place, with a severity, and reviewed every "
                             "week."),
        ("QLT-3", "quality", "Tests and inspections have entry and exit criteria, and the last ones "
                             "met them (or the gap was approved)."),
        ("STK-1", "stakeholders", "Stakeholders are mapped and the communication plan is followed."),
        ("STK-2", "stakeholders", "The users who will receive the deliverables are involved: key "
                                  "users named and available."),
        ("STK-3", "stakeholders", "The status report goes out on time and its RAG matches the "
                                  "indicators."),
        ("BEN-1", "benefits", "The business case is up to date with the current forecast."),
        ("BEN-2", "benefits", "Each benefit has an owner and a measure with a baseline."),
        ("BEN-3", "benefits", "The handover to operations (who runs the result, with what support) "
                              "is planned."),
    ],
    columns=["question_id", "dimension", "question"],
)

#: The score of each answer.
ANSWER_SCORES = {"yes": 1.0, "partly": 0.5, "no": 0.0}

#: RAG thresholds on a health-check score (0 to 1): green from 0.75, amber from 0.5, red below.
#: Meridian PMO's policy, not a standard.
HEALTH_THRESHOLDS = {"green": 0.75, "amber": 0.5}


def _answers(answers, questions):
    """The answers checked and joined to their questions, with a ``score`` column."""
    require_columns(answers, ["project", "question_id", "answer"], "the health-check answers",
                    QualityError)
    require_columns(questions, ["question_id", "dimension", "question"], "the checklist",
                    QualityError)
    known = list(questions["question_id"])
    table = answers.copy()
    table["answer"] = table["answer"].astype(str).str.strip().str.lower()
    for project, question, answer in zip(table["project"], table["question_id"], table["answer"]):
        if question not in known:
            raise QualityError(f"Health check of {project}: question {question!r} is not in the "
                               f"checklist; valid: {', '.join(known)}.")
        if answer not in ANSWER_SCORES:
            raise QualityError(f"Health check of {project}, {question}: the answer {answer!r} is "
                               "not valid; valid: yes, partly, no.")
    twice = table[table.duplicated(["project", "question_id"])]
    if not twice.empty:
        project, question = twice.iloc[0][["project", "question_id"]]
        raise QualityError(f"Health check of {project}: {question} is answered twice; give one "
                           "answer per project and question.")
    for project, given in table.groupby("project", sort=False)["question_id"]:
        missing = [q for q in known if q not in set(given)]
        if missing:
            raise QualityError(f"Health check of {project}: no answer to {', '.join(missing)}; "
                               "a health check answers every question of the checklist (say "
                               "'no' when there is no evidence).")
    table["score"] = table["answer"].map(ANSWER_SCORES)
    return table.merge(questions[["question_id", "dimension", "question"]], on="question_id",
                       how="left")


def _rag(score, thresholds):
    return rag_status(score, green=thresholds["green"], amber=thresholds["amber"])


def health_check(answers, questions=HEALTH_CHECK, thresholds=HEALTH_THRESHOLDS):
    """Each project's score and RAG per dimension of the health check.

    A dimension's score is the mean of its answers (yes 1, partly 0.5, no 0:
    :data:`ANSWER_SCORES`), rated with ``thresholds`` (:data:`HEALTH_THRESHOLDS`: green from
    0.75, amber from 0.5; Meridian's policy).

    Args:
        answers: one row per project and question, ``project, question_id, answer``
            (:func:`pmo_lessons.data.load_health_checks`).
        questions: the checklist (default :data:`HEALTH_CHECK`).
        thresholds: ``{"green": .., "amber": ..}``.

    Returns:
        A DataFrame with one row per project and dimension: ``project``, ``dimension``,
        ``score``, ``rag`` and ``findings`` (answers other than yes).

    Raises:
        QualityError: an unknown question or answer, a question answered twice, or a project
            that leaves questions unanswered (named).

    >>> from pmo_lessons import data
    >>> checks = health_check(data.load_health_checks("OFM"))
    >>> checks[["dimension", "score", "rag"]].round(2).values.tolist()  # doctest: +NORMALIZE_WHITESPACE
    [['governance', 0.33, 'red'], ['plan', 0.67, 'amber'], ['risks', 0.33, 'red'],
     ['quality', 0.83, 'green'], ['stakeholders', 0.5, 'amber'], ['benefits', 0.17, 'red']]
    """
    table = _answers(answers, questions)
    dimensions = list(dict.fromkeys(questions["dimension"]))
    table["dimension"] = pd.Categorical(table["dimension"], categories=dimensions, ordered=True)
    table["project"] = pd.Categorical(table["project"],
                                      categories=list(dict.fromkeys(table["project"])))
    grouped = table.groupby(["project", "dimension"], observed=True)
    result = grouped.agg(score=("score", "mean"),
                         findings=("answer", lambda a: int((a != "yes").sum()))).reset_index()
    result["rag"] = _rag(result["score"], thresholds)
    result["project"] = result["project"].astype(str)
    result["dimension"] = result["dimension"].astype(str)
    return result[["project", "dimension", "score", "rag", "findings"]]


def portfolio_health(answers, questions=HEALTH_CHECK, thresholds=HEALTH_THRESHOLDS):
    """The portfolio view of the health check: one row per project, one column per dimension.

    ``overall`` is the mean of the six dimension scores; ``rag`` rates it with ``thresholds``,
    except that a project with a red dimension is never green (amber at best): one dimension
    out of control is enough to look closer. ``red_dimensions`` names them.

    >>> from pmo_lessons import data
    >>> view = portfolio_health(data.load_health_checks())
    >>> view.loc[["ERP", "ECO", "OFM"], ["quality", "overall", "rag"]].round(2)
             quality  overall    rag
    project
    ERP         0.67     0.72  amber
    ECO         0.17     0.58  amber
    OFM         0.83     0.47    red
    """
    long = health_check(answers, questions, thresholds)
    wide = long.pivot(index="project", columns="dimension", values="score")
    dimensions = list(dict.fromkeys(questions["dimension"]))
    order = list(dict.fromkeys(long["project"]))
    wide = wide.reindex(index=order, columns=dimensions)
    wide.columns.name = None
    wide["overall"] = wide[dimensions].mean(axis=1)
    rag = _rag(wide["overall"], thresholds)
    reds = long[long["rag"] == "red"].groupby("project", sort=False)["dimension"].agg(", ".join)
    wide["red_dimensions"] = reds.reindex(order).fillna("")
    wide["rag"] = [("amber" if colour == "green" and red else colour)
                   for colour, red in zip(rag, wide["red_dimensions"])]
    return wide


def health_findings(answers, questions=HEALTH_CHECK):
    """The findings of the health check: every answer other than yes, with its question and note.

    Sorted by project (in the order of ``answers``), then "no" before "partly", then in the
    checklist's order: what an audit report lists first.

    >>> from pmo_lessons import data
    >>> findings = health_findings(data.load_health_checks("ECO"))
    >>> findings[["question_id", "answer"]].head(3).values.tolist()
    [['PLN-3', 'no'], ['QLT-1', 'no'], ['QLT-2', 'no']]
    """
    table = _answers(answers, questions)
    table = table[table["answer"] != "yes"].copy()
    order = {q: i for i, q in enumerate(questions["question_id"])}
    projects = {p: i for i, p in enumerate(dict.fromkeys(answers["project"]))}
    table["_project"] = table["project"].map(projects)
    table["_answer"] = table["answer"].map({"no": 0, "partly": 1})
    table["_question"] = table["question_id"].map(order)
    table = table.sort_values(["_project", "_answer", "_question"], kind="stable")
    columns = ["project", "dimension", "question_id", "question", "answer"]
    if "note" in table.columns:
        columns.append("note")
    return table[columns].reset_index(drop=True)
