"""Quality: process behaviour charts (XmR) for the PMO's weekly figures.

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

from .errors import InputError

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
