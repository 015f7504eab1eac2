"""Working-day calendars: which days are worked, and how working days map to dates.

Every date the kit computes goes through this module. A :class:`Calendar` is a work week (which
weekdays are worked, numpy's ``weekmask``: ``"Mon Tue Wed Thu Fri"`` by default) and a list of
non-working dates (public holidays, the company's closing days). Durations in the kit are in
**working days**; period ``p`` of a schedule is working day number ``p`` counted from the project's
first working day (0 = the start), as MS Project and Primavera P6 count.

Functions that predate the class take ``holidays=`` and ``weekmask=`` arguments; newer ones take a
``calendar=``; :func:`as_calendar` turns either form into a :class:`Calendar`.

>>> cal = Calendar(holidays=["2026-12-25"])
>>> cal.working_day("2026-12-24", 1)            # Christmas is skipped
Timestamp('2026-12-28 00:00:00')
>>> cal.working_days_between("2026-12-21", "2026-12-28")   # Mon 21 to Fri 24 (25 is off)
4
"""

from __future__ import annotations

import functools
import math

import numpy as np
import pandas as pd

from .errors import InputError

__all__ = ["WORK_WEEK", "Calendar", "as_calendar", "as_day", "holiday_days", "working_day"]

#: The default work week: Monday to Friday.
WORK_WEEK = "Mon Tue Wed Thu Fri"

_EPS = 1e-9


def as_day(value):
    """A date-like value (text, ``date``, ``Timestamp``) as a numpy day (``datetime64[D]``).

    >>> as_day("2026-03-05")
    np.datetime64('2026-03-05')
    """
    try:
        return np.datetime64(pd.Timestamp(value).date(), "D")
    except (TypeError, ValueError) as error:
        raise InputError(f"{value!r} is not a date; give one such as '2026-03-05'.") from error


def holiday_days(holidays):
    """Non-working dates as a numpy array of days.

    ``holidays`` is a list of date-like values, a Series, a DataFrame with a ``date`` column (such as
    ``data.load_holidays()``), or ``None`` for none.

    >>> holiday_days(["2026-12-25", "2026-01-01"])
    array(['2026-12-25', '2026-01-01'], dtype='datetime64[D]')
    """
    if holidays is None:
        return np.array([], dtype="datetime64[D]")
    if isinstance(holidays, Calendar):
        return holidays.holidays
    if isinstance(holidays, np.ndarray) and holidays.dtype == "datetime64[D]":
        return holidays
    if isinstance(holidays, pd.DataFrame):
        if "date" not in holidays.columns:
            raise InputError("A holidays table needs a 'date' column (as holidays.csv); it has "
                             f"{', '.join(map(str, holidays.columns)) or 'no columns'}.")
        holidays = holidays["date"]
    return np.array([as_day(h) for h in holidays], dtype="datetime64[D]")


@functools.lru_cache(maxsize=64)
def _check_weekmask(weekmask):
    try:
        worked = np.busday_count("2026-01-05", "2026-01-12", weekmask=weekmask)
    except (TypeError, ValueError) as error:
        raise InputError(f"weekmask {weekmask!r} is not a work week; give the worked days such "
                         "as 'Mon Tue Wed Thu Fri' or seven 0/1 digits from Monday.") from error
    if not worked:
        raise InputError(f"weekmask {weekmask!r} works no day of the week.")


class Calendar:
    """A work week and its non-working dates.

    Args:
        holidays: non-working dates (see :func:`holiday_days`).
        weekmask: the worked weekdays, as numpy's ``busday`` functions take them
            (``"Mon Tue Wed Thu Fri"``, or seven 0/1 digits from Monday: ``"1111100"``).

    >>> Calendar(weekmask="Mon Tue Wed Thu").working_day("2026-03-05", 1)   # Thursday, then Monday
    Timestamp('2026-03-09 00:00:00')
    """

    def __init__(self, holidays=(), weekmask=WORK_WEEK):
        _check_weekmask(weekmask)
        self.weekmask = weekmask
        self.holidays = holiday_days(holidays)

    def __repr__(self):
        return f"Calendar(weekmask={self.weekmask!r}, holidays={len(self.holidays)} dates)"

    def _busday(self):
        return {"weekmask": self.weekmask, "holidays": self.holidays}

    def is_working(self, date):
        """Whether ``date`` is a working day.

        >>> Calendar().is_working("2026-03-07")   # a Saturday
        False
        """
        return bool(np.is_busday(as_day(date), **self._busday()))

    def roll_forward(self, date):
        """``date`` itself if it is worked, else the next working day.

        >>> Calendar().roll_forward("2026-03-07")
        Timestamp('2026-03-09 00:00:00')
        """
        return pd.Timestamp(np.busday_offset(as_day(date), 0, roll="forward", **self._busday()))

    def working_day(self, start, period):
        """The date of working day number ``period`` counted from ``start`` (0 = ``start``).

        ``start`` is rolled forward to a working day first; a fractional period falls on the day it
        begins in.

        >>> Calendar().working_day("2026-01-09", 1)   # a Friday, then the next Monday
        Timestamp('2026-01-12 00:00:00')
        """
        first = np.busday_offset(as_day(start), 0, roll="forward", **self._busday())
        day = np.busday_offset(first, int(math.floor(period + _EPS)), roll="forward",
                               **self._busday())
        return pd.Timestamp(day)

    def working_days_between(self, start, end):
        """How many working days lie from ``start`` (included) to ``end`` (excluded).

        >>> Calendar().working_days_between("2026-03-02", "2026-03-09")   # Monday to Monday
        5
        """
        return int(np.busday_count(as_day(start), as_day(end), **self._busday()))

    def working_days(self, start, end):
        """The working days from ``start`` to ``end``, both included, as a DatetimeIndex.

        >>> list(Calendar(holidays=["2026-03-04"]).working_days("2026-03-03", "2026-03-05").day)
        [3, 5]
        """
        days = pd.date_range(pd.Timestamp(start).normalize(), pd.Timestamp(end).normalize(), freq="D")
        if days.empty:
            return days
        worked = np.is_busday(days.values.astype("datetime64[D]"), **self._busday())
        return days[worked]


def as_calendar(calendar=None, holidays=(), weekmask=WORK_WEEK):
    """A :class:`Calendar` from a ``calendar=`` argument or from ``holidays=`` and ``weekmask=``.

    >>> as_calendar(holidays=["2026-12-25"]).is_working("2026-12-25")
    False
    >>> cal = Calendar()
    >>> as_calendar(cal) is cal
    True
    """
    if calendar is None:
        return Calendar(holidays, weekmask)
    if isinstance(calendar, Calendar):
        return calendar
    raise InputError(f"calendar must be a pmo_lessons.calendars.Calendar, not "
                     f"{type(calendar).__name__}; build one with Calendar(holidays=..., weekmask=...).")


def working_day(start, period, holidays=(), weekmask=WORK_WEEK):
    """The calendar date of working day number ``period`` (0 = ``start``).

    ``start`` is the project's first working day; weekends (by ``weekmask``)
    and ``holidays`` are skipped. A fractional period falls on the day it
    begins in.

    >>> working_day("2026-01-09", 1)   # a Friday, then the next Monday
    Timestamp('2026-01-12 00:00:00')
    >>> working_day("2026-12-24", 1, holidays=["2026-12-25"])
    Timestamp('2026-12-28 00:00:00')
    """
    return as_calendar(holidays=holidays, weekmask=weekmask).working_day(start, period)
