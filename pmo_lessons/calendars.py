"""Working-day calendars: which days are worked, and how working days map to dates.

Every date the kit computes goes through this module. A :class:`Calendar` is a work week (which
weekdays are worked, numpy's ``weekmask``: ``"Mon Tue Wed Thu Fri"`` by default) and a list of
non-working dates (public holidays, the company's closing days). Durations in the kit are in
**working days**; period ``p`` of a schedule is working day number ``p`` counted from the project's
first working day (0 = the start), as MS Project and Primavera P6 count.

Functions that predate the class take ``holidays=`` and ``weekmask=`` arguments; newer ones take a
``calendar=``; :func:`as_calendar` turns either form into a :class:`Calendar`.

The plans of MS Project and Primavera P6 need more than a list of days off, and a :class:`Calendar`
can say it too: **working times** of each weekday (``"08:00-12:00 13:00-17:00"``, a night shift
``"23:00-24:00"``, a 24-hour day ``"00:00-24:00"``), **exceptions** on particular dates (a holiday,
a Saturday worked, a short day), and the **hours per day** that turn hours of work into days. Its
working-time methods (:meth:`Calendar.add_work`, :meth:`Calendar.work_between`,
:meth:`Calendar.next_working_time`, :meth:`Calendar.previous_working_time`) count working hours
between moments, as both tools do, to the minute.

>>> cal = Calendar(holidays=["2026-12-25"])
>>> cal.working_day("2026-12-24", 1)            # Christmas is skipped
Timestamp('2026-12-28 00:00:00')
>>> cal.working_days_between("2026-12-21", "2026-12-28")   # Mon 21 to Fri 24 (25 is off)
4
"""

from __future__ import annotations

import functools
import math
import re

import numpy as np
import pandas as pd

from .errors import InputError

__all__ = ["WORK_WEEK", "STANDARD_HOURS", "Calendar", "as_calendar", "as_day", "holiday_days",
           "working_day"]

#: The default work week: Monday to Friday.
WORK_WEEK = "Mon Tue Wed Thu Fri"

#: The default working times of a worked day: 8 hours with a lunch break, as MS Project's
#: "Standard" calendar and P6's default calendar have them.
STANDARD_HOURS = "08:00-12:00 13:00-17:00"

_WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_DAY_MINUTES = 1440

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


def _parse_clock(text, what):
    match = re.fullmatch(r"\s*(\d{1,2}):(\d{2})(?::(\d{2}))?\s*", str(text))
    if not match or int(match[2]) > 59 or int(match[1]) > 24 or (
            int(match[1]) == 24 and int(match[2]) != 0):
        raise InputError(f"{what}: {text!r} is not a time of day; give one such as '08:00' "
                         "(24:00 for midnight at the end of a day).")
    return int(match[1]) * 60 + int(match[2])


def _parse_times(times, what):
    """Working times as a tuple of (from, to) minutes after midnight, sorted and checked.

    ``times`` is text such as ``"08:00-12:00 13:00-17:00"`` or a list of (from, to) pairs;
    ``""``, ``None`` or ``[]`` is a day off. A "to" of 00:00 means midnight at the end of the day.
    """
    if times is None:
        return ()
    if isinstance(times, str):
        pairs = []
        for part in times.replace(",", " ").split():
            if "-" not in part:
                raise InputError(f"{what}: cannot read {part!r}; write working times such as "
                                 "'08:00-12:00 13:00-17:00'.")
            pairs.append(tuple(part.split("-", 1)))
    else:
        pairs = list(times)
    spans = []
    for pair in pairs:
        try:
            start, end = pair
        except (TypeError, ValueError):
            raise InputError(f"{what}: {pair!r} is not a (from, to) pair of times.") from None
        a, b = _parse_clock(start, what), _parse_clock(end, what)
        if b == 0:
            b = _DAY_MINUTES
        if b <= a:
            raise InputError(f"{what}: working time {start}-{end} ends before it starts; a shift "
                             "that runs past midnight is two spans, e.g. '22:00-24:00' on one day "
                             "and '00:00-06:00' on the next.")
        spans.append((a, b))
    spans.sort()
    for (a1, b1), (a2, b2) in zip(spans, spans[1:]):
        if a2 < b1:
            raise InputError(f"{what}: working times overlap ({a1 // 60:02d}:{a1 % 60:02d}-"
                             f"{b1 // 60:02d}:{b1 % 60:02d} and {a2 // 60:02d}:{a2 % 60:02d}-"
                             f"{b2 // 60:02d}:{b2 % 60:02d}).")
    return tuple(spans)


def _clock_text(spans):
    return " ".join(f"{a // 60:02d}:{a % 60:02d}-{b // 60:02d}:{b % 60:02d}" for a, b in spans)


def _minute(moment):
    """A moment as minutes since 1970-01-01 00:00 (a float; dates alone are midnight)."""
    try:
        stamp = pd.Timestamp(moment)
    except (TypeError, ValueError) as error:
        raise InputError(f"{moment!r} is not a date and time; give one such as "
                         "'2026-03-05 08:00'.") from error
    if pd.isna(stamp):
        raise InputError("a missing date (NaT) cannot be placed on a calendar.")
    return (stamp.tz_localize(None) if stamp.tzinfo else stamp).value / 60e9


def _stamp(minutes):
    return pd.Timestamp(int(round(minutes * 60)), unit="s")


class Calendar:
    """A work week, its working times, and the dates that differ from it.

    Args:
        holidays: non-working dates (see :func:`holiday_days`).
        weekmask: the worked weekdays, as numpy's ``busday`` functions take them
            (``"Mon Tue Wed Thu Fri"``, or seven 0/1 digits from Monday: ``"1111100"``).
        hours: the working times of a worked day: text such as ``"08:00-12:00 13:00-17:00"``
            (the default, :data:`STANDARD_HOURS`), ``"00:00-24:00"`` for a 24-hour day, or a
            dict from weekday (``"Mon"`` ... ``"Sun"``) to such text when days differ.
        exceptions: dates that differ from their weekday: ``{date: times}``, where ``times`` is
            ``""`` for a day off or working times (a Saturday worked, a short day).
        hours_per_day: the hours of one day of duration (MS Project's "hours per day", P6's
            ``day_hr_cnt``); by default the hours of the most common worked weekday.
        name: what the calendar is called in the plan it comes from.

    Day-based methods (``working_day``, ``working_days_between`` ...) count worked days, and a
    date with working times in ``exceptions`` is worked whatever its weekday.

    >>> Calendar(weekmask="Mon Tue Wed Thu").working_day("2026-03-05", 1)   # Thursday, then Monday
    Timestamp('2026-03-09 00:00:00')
    >>> night = Calendar(weekmask="Mon Tue Wed Thu Fri Sat Sun", hours="00:00-24:00")
    >>> night.hours_per_day
    24.0
    >>> Calendar(exceptions={"2026-03-07": "08:00-12:00"}).is_working("2026-03-07")  # a Saturday
    True
    """

    def __init__(self, holidays=(), weekmask=WORK_WEEK, hours=None, exceptions=None,
                 hours_per_day=None, name=""):
        _check_weekmask(weekmask)
        self.weekmask = weekmask
        self.name = str(name or "")
        worked = [bool(w) for w in np.is_busday(
            np.arange("2026-01-05", "2026-01-12", dtype="datetime64[D]"), weekmask=weekmask)]
        if hours is None or isinstance(hours, (str, list, tuple)):
            default = _parse_times(STANDARD_HOURS if hours is None else hours, "hours")
            if not default:
                raise InputError("hours gives no working time; give some such as "
                                 f"{STANDARD_HOURS!r}.")
            week = {day: (default if worked[i] else ()) for i, day in enumerate(_WEEKDAYS)}
        elif isinstance(hours, dict):
            unknown = [k for k in hours if k not in _WEEKDAYS]
            if unknown:
                raise InputError(f"hours: {unknown[0]!r} is not a weekday; valid: "
                                 + ", ".join(_WEEKDAYS) + ".")
            week = {}
            for i, day in enumerate(_WEEKDAYS):
                spans = _parse_times(hours.get(day, STANDARD_HOURS if worked[i] else ""),
                                     f"hours of {day}")
                if bool(spans) != worked[i]:
                    raise InputError(
                        f"hours of {day}: " + ("working times are given but the weekmask does "
                                               "not work that day" if spans else
                                               "the weekmask works that day but no working "
                                               "time is given") + f" (weekmask {weekmask!r}).")
                week[day] = spans
        else:
            raise InputError(f"hours must be text such as {STANDARD_HOURS!r} or a dict by "
                             f"weekday, not {type(hours).__name__}.")
        self.week = week
        days_off = list(holiday_days(holidays))
        self.exceptions = {}
        for day in days_off:
            self.exceptions[np.datetime64(day, "D")] = ()
        for date, times in (exceptions or {}).items():
            self.exceptions[as_day(date)] = _parse_times(times, f"exception {as_day(date)}")
        self.holidays = np.array(sorted(d for d, t in self.exceptions.items() if not t),
                                 dtype="datetime64[D]")
        self.working_exceptions = np.array(sorted(
            d for d, t in self.exceptions.items()
            if t and not worked[int((d.astype("int64") + 3) % 7)]), dtype="datetime64[D]")
        if hours_per_day is None:
            lengths = [sum(b - a for a, b in spans) for spans in week.values() if spans]
            hours_per_day = max(set(lengths), key=lengths.count) / 60
        try:
            hours_per_day = float(hours_per_day)
        except (TypeError, ValueError):
            raise InputError(f"hours_per_day must be a number of hours, not {hours_per_day!r}."
                             ) from None
        if not 0 < hours_per_day <= 24:
            raise InputError(f"hours_per_day is {hours_per_day:g}; valid: more than 0, at "
                             "most 24.")
        self.hours_per_day = hours_per_day
        self._spans = {}

    def __repr__(self):
        name = f"{self.name!r}, " if self.name else ""
        return (f"Calendar({name}weekmask={self.weekmask!r}, holidays={len(self.holidays)} dates"
                + (f", {len(self.working_exceptions)} working exceptions"
                   if len(self.working_exceptions) else "") + ")")

    def describe(self):
        """The calendar in words: its week, hours per day and exceptions.

        >>> print(Calendar(holidays=["2026-12-25"], name="Office").describe())
        Office: Mon-Fri 08:00-12:00 13:00-17:00; 8 hours a day; 1 day off, 0 days worked
        outside the week
        """
        groups, previous = [], ""
        for day in _WEEKDAYS:
            text = _clock_text(self.week[day])
            if text and previous == text:
                groups[-1][1] = day
            elif text:
                groups.append([day, day, text])
            previous = text
        week = ", ".join((a if a == b else f"{a}-{b}") + f" {text}" for a, b, text in groups)
        return (f"{self.name or 'Calendar'}: {week}; {self.hours_per_day:g} hours a day; "
                f"{len(self.holidays)} day{'s' if len(self.holidays) != 1 else ''} off, "
                f"{len(self.working_exceptions)} days worked outside the week")

    # --- days ------------------------------------------------------------------

    def _busday(self):
        return {"weekmask": self.weekmask, "holidays": self.holidays}

    def _is_worked(self, day):
        if day in self.exceptions:
            return bool(self.exceptions[day])
        return bool(np.is_busday(day, weekmask=self.weekmask))

    def is_working(self, date):
        """Whether ``date`` is a working day.

        >>> Calendar().is_working("2026-03-07")   # a Saturday
        False
        """
        day = as_day(date)
        if len(self.working_exceptions):
            return self._is_worked(day)
        return bool(np.is_busday(day, **self._busday()))

    def roll_forward(self, date):
        """``date`` itself if it is worked, else the next working day.

        >>> Calendar().roll_forward("2026-03-07")
        Timestamp('2026-03-09 00:00:00')
        """
        day = as_day(date)
        if len(self.working_exceptions):
            while not self._is_worked(day):
                day += np.timedelta64(1, "D")
            return pd.Timestamp(day)
        return pd.Timestamp(np.busday_offset(day, 0, roll="forward", **self._busday()))

    def working_day(self, start, period):
        """The date of working day number ``period`` counted from ``start`` (0 = ``start``).

        ``start`` is rolled forward to a working day first; a fractional period falls on the day it
        begins in.

        >>> Calendar().working_day("2026-01-09", 1)   # a Friday, then the next Monday
        Timestamp('2026-01-12 00:00:00')
        """
        steps = int(math.floor(period + _EPS))
        if len(self.working_exceptions):
            day = as_day(self.roll_forward(start))
            step = 1 if steps >= 0 else -1
            for _ in range(abs(steps)):
                day += np.timedelta64(step, "D")
                while not self._is_worked(day):
                    day += np.timedelta64(step, "D")
            return pd.Timestamp(day)
        first = np.busday_offset(as_day(start), 0, roll="forward", **self._busday())
        day = np.busday_offset(first, steps, roll="forward", **self._busday())
        return pd.Timestamp(day)

    def working_days_between(self, start, end):
        """How many working days lie from ``start`` (included) to ``end`` (excluded).

        >>> Calendar().working_days_between("2026-03-02", "2026-03-09")   # Monday to Monday
        5
        """
        count = int(np.busday_count(as_day(start), as_day(end), **self._busday()))
        if len(self.working_exceptions):
            a, b = sorted((as_day(start), as_day(end)))
            extra = int(((self.working_exceptions >= a) & (self.working_exceptions < b)).sum())
            count += extra if as_day(start) <= as_day(end) else -extra
        return count

    def working_days(self, start, end):
        """The working days from ``start`` to ``end``, both included, as a DatetimeIndex.

        >>> list(Calendar(holidays=["2026-03-04"]).working_days("2026-03-03", "2026-03-05").day)
        [3, 5]
        """
        days = pd.date_range(pd.Timestamp(start).normalize(), pd.Timestamp(end).normalize(), freq="D")
        if days.empty:
            return days
        values = days.values.astype("datetime64[D]")
        worked = np.is_busday(values, **self._busday())
        if len(self.working_exceptions):
            worked |= np.isin(values, self.working_exceptions)
        return days[worked]

    # --- working time ----------------------------------------------------------

    def working_times(self, date):
        """The working times of ``date`` as text ("" for a day off).

        >>> Calendar(exceptions={"2026-12-24": "08:00-12:00"}).working_times("2026-12-24")
        '08:00-12:00'
        """
        return _clock_text(self._day_spans(int(as_day(date).astype("int64"))))

    def _day_spans(self, day_number):
        """Working spans of a day (days since 1970-01-01) in minutes after midnight."""
        spans = self._spans.get(day_number)
        if spans is None:
            day = np.datetime64(day_number, "D")
            if day in self.exceptions:
                spans = self.exceptions[day]
            else:
                spans = self.week[_WEEKDAYS[(day_number + 3) % 7]]
            self._spans[day_number] = spans
        return spans

    def _forward(self, t, work):
        """The moment ``work`` minutes of work after moment ``t`` (minutes since 1970)."""
        day = int(t // _DAY_MINUTES)
        limit = day + 366 * 200
        remaining = work
        while day < limit:
            base = day * _DAY_MINUTES
            for a, b in self._day_spans(day):
                start, end = base + a, base + b
                if end <= t:
                    continue
                start = max(start, t)
                if end - start >= remaining - 1e-9:
                    return start + remaining
                remaining -= end - start
            day += 1
        raise InputError(f"calendar {self.name or ''} has no working time for 200 years.")

    def _backward(self, t, work):
        """The moment ``work`` minutes of work before moment ``t``."""
        day = int(math.ceil(t / _DAY_MINUTES))
        limit = day - 366 * 200
        remaining = work
        while day > limit:
            base = day * _DAY_MINUTES
            for a, b in reversed(self._day_spans(day)):
                start, end = base + a, base + b
                if start >= t:
                    continue
                end = min(end, t)
                if end - start >= remaining - 1e-9:
                    return end - remaining
                remaining -= end - start
            day -= 1
        raise InputError(f"calendar {self.name or ''} has no working time for 200 years.")

    def _next(self, t):
        day = int(t // _DAY_MINUTES)
        for _ in range(366 * 200):
            base = day * _DAY_MINUTES
            for a, b in self._day_spans(day):
                if base + b > t:
                    return max(base + a, t)
            day += 1
        raise InputError(f"calendar {self.name or ''} has no working time for 200 years.")

    def _previous(self, t):
        day = int(math.ceil(t / _DAY_MINUTES))
        for _ in range(366 * 200):
            base = day * _DAY_MINUTES
            for a, b in reversed(self._day_spans(day)):
                if base + a < t:
                    return min(base + b, t)
            day -= 1
        raise InputError(f"calendar {self.name or ''} has no working time for 200 years.")

    def _between(self, a, b):
        if b < a:
            return -self._between(b, a)
        total = 0.0
        for day in range(int(a // _DAY_MINUTES), int(math.ceil(b / _DAY_MINUTES)) + 1):
            base = day * _DAY_MINUTES
            for x, y in self._day_spans(day):
                lo, hi = max(base + x, a), min(base + y, b)
                if hi > lo:
                    total += hi - lo
        return total

    def add_work(self, moment, hours):
        """The moment at which ``hours`` of work begun at ``moment`` are done (negative: before).

        Work goes through working times only; a result that falls at the end of a working span
        stays there (17:00, not the next morning), as both MS Project and P6 date a finish.
        ``hours=0`` returns ``moment`` itself.

        >>> Calendar().add_work("2026-03-06 15:00", 4)        # Friday 15:00, 4 hours
        Timestamp('2026-03-09 10:00:00')
        >>> Calendar().add_work("2026-03-09 10:00", -4)
        Timestamp('2026-03-06 15:00:00')
        """
        t = _minute(moment)
        minutes = float(hours) * 60
        if abs(minutes) < 1e-9:
            return _stamp(t)
        return _stamp(self._forward(t, minutes) if minutes > 0 else self._backward(t, -minutes))

    def work_between(self, start, end):
        """The hours of working time from ``start`` to ``end`` (negative when ``end`` is before).

        >>> Calendar().work_between("2026-03-06 08:00", "2026-03-09 17:00")   # Friday and Monday
        16.0
        """
        return self._between(_minute(start), _minute(end)) / 60

    def next_working_time(self, moment):
        """``moment`` if work goes on at it, else the start of the next working time.

        >>> Calendar().next_working_time("2026-03-06 17:00")   # Friday evening
        Timestamp('2026-03-09 08:00:00')
        """
        return _stamp(self._next(_minute(moment)))

    def previous_working_time(self, moment):
        """``moment`` if work went on just before it, else the end of the last working time.

        >>> Calendar().previous_working_time("2026-03-09 08:00")   # Monday morning
        Timestamp('2026-03-06 17:00:00')
        """
        return _stamp(self._previous(_minute(moment)))


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
