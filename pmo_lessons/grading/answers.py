"""Answers as data: what crosses from the trainee's kernel to the trusted interpreter that grades.

Hidden tests never run where trainee code runs. Before each test cell, the answers it needs are
taken out of the trainee's kernel as plain data (:func:`take`, run there), written in a tagged
JSON that nothing executes (never pickle), then read back on the trusted side (:func:`read`),
strictly and with limits, into values the tests can compare: a forged payload can only be data
the trainee could have written as an answer.

Plain data, by exact type (a subclass with an ``__eq__`` or ``__hash__`` of its own is refused):

- ``None``, ``bool``, ``int``, ``float``, ``complex``, ``str``, ``bytes``, ``Decimal``, ``Fraction``;
- ``list``, ``tuple``, ``set``, ``frozenset``, ``range``, ``dict``, ``OrderedDict``, ``Counter``,
  ``defaultdict`` (of ``int``, ``float``, ``str``, ``list``, ``dict``, ``set``, ``tuple``, ``bool``);
- ``date``, ``datetime`` (naive, fixed offset or a named time zone), ``time``, ``timedelta``;
- numpy scalars and arrays of plain dtypes (bool, integers, floats, complex, dates, durations, text,
  objects holding plain data);
- pandas ``Timestamp``, ``Timedelta``, ``NaT``, ``NA``, ``Series``, ``DataFrame``, ``Index``
  (``RangeIndex``, ``DatetimeIndex``, ``TimedeltaIndex``, ``CategoricalIndex``, ``MultiIndex``),
  with plain dtypes (those above, pandas' text, nullable and category dtypes);
- the kit's own records, rebuilt with the real class from their fields (:data:`RECORDS`: a report,
  a portfolio selection, a Monte Carlo result...).

Anything else (a function, a class, a module, an object of the trainee's own class, a subclass) is
refused with the reason in plain words (:func:`refusal`): the question it answers gets 0.

The format: each value is a JSON array whose first item is its tag, ``["int", 3]``,
``["list", [["str", "A"], ["str", "B"]]]``; a snapshot is one JSON object
``{"v": 1, "answers": {name: value}, "files": [[path, size, base64 or null], ...]}``, the files
being what the notebook wrote in its folder (a test may read a report the answer saved).

>>> text = snapshot({"days": 23, "tasks": ["A", "B"], "f": len}, ["days", "tasks", "f", "gone"])
>>> got = read(text, ["days", "tasks", "f", "gone"])
>>> got.answers["days"], got.answers["tasks"], "gone" in got.answers
(23, ['A', 'B'], False)
>>> print(got.answers["f"])
f is a function, not a value: the checks read values (numbers, text, lists, dictionaries, dates, tables)
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import json
import math
import os
import re
import sys
from collections import Counter, OrderedDict, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction

__all__ = [
    "MIME",
    "RECORDS",
    "AnswerLimits",
    "Refused",
    "Snapshot",
    "SnapshotError",
    "encode",
    "decode",
    "snapshot",
    "take",
    "take_text",
    "take_code",
    "take_expression",
    "kernel_loader",
    "KERNEL_MODULE",
    "from_expression",
    "read",
    "refusal",
]

#: The MIME type of the display data that carries a snapshot out of the trainee's kernel.
MIME = "application/vnd.pmo-lessons.answers+json"

#: The kit's records an answer may be: rebuilt on the trusted side with the real class, from fields.
RECORDS = (
    "pmo_lessons.report.Report",
    "pmo_lessons.portfolio.Selection",
    "pmo_lessons.risk.MonteCarloResult",
    "pmo_lessons.risk.Scale",
    "pmo_lessons.schedule.Link",
)

_FACTORIES = {"int": int, "float": float, "str": str, "list": list, "dict": dict, "set": set,
              "tuple": tuple, "bool": bool, "none": None}
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]{0,99}\Z")
_DTYPE = re.compile(r"(bool|u?int(8|16|32|64)|float(16|32|64)|complex(64|128)|object|str|string|category|"
                    r"boolean|U?Int(8|16|32|64)|Float(32|64)|[<>|=]?U\d{1,6}|"
                    r"(datetime|timedelta)64\[(Y|M|W|D|h|m|s|ms|us|ns)\]|"
                    r"datetime64\[(s|ms|us|ns), [A-Za-z0-9_/+\-:]{1,64}\])\Z")
_TZ = re.compile(r"[A-Za-z0-9_/+\-:]{1,64}\Z")
_ISO = re.compile(r"[0-9T:.+\- ]{4,40}\Z")
_NAT = -(2 ** 63)  # numpy's NaT as an int64


@dataclass(frozen=True)
class AnswerLimits:
    """How much one snapshot may hold: its JSON text, its values (nodes and array items), nesting,
    and the files taken from the notebook's folder (how many, their total size)."""

    max_bytes: int = 16 * 1024 * 1024
    max_items: int = 500_000
    max_depth: int = 40
    max_files: int = 200
    max_file_bytes: int = 8 * 1024 * 1024


LIMITS = AnswerLimits()


class SnapshotError(ValueError):
    """A snapshot that cannot be read at all (not the grader's format, over a limit)."""


class Refused(str):
    """Why an answer is not taken, in plain words (a ``str``): the tests that need it fail with it."""


class _Refuse(Exception):
    """Raised while encoding: ``code`` (what kind of thing), the type's name, where in the answer."""

    def __init__(self, code, kind="", where=""):
        super().__init__(code)
        self.code, self.kind, self.where = code, kind, where


# --------------------------------------------------------------------------------------------
# Encoding (in the trainee's kernel: the code is the kit's, the values are the trainee's)
# --------------------------------------------------------------------------------------------

def _float(x):
    return x if math.isfinite(x) else ("nan" if math.isnan(x) else ("inf" if x > 0 else "-inf"))


def _typename(t):
    """A type's name as a trainee knows it: ``Plan`` for a class of the notebook, else with its module."""
    module, name = getattr(t, "__module__", "") or "", getattr(t, "__name__", "?")
    return name if module in ("__main__", "builtins") else f"{module}.{name}"


def _record_name(t):
    return f"{getattr(t, '__module__', '')}.{getattr(t, '__qualname__', '')}"


def _what(value):
    """The refusal code of a value that is not plain data."""
    import inspect
    import types

    t = type(value)
    if isinstance(value, type):
        return "class"
    if isinstance(value, types.ModuleType):
        return "module"
    if isinstance(value, (types.GeneratorType, types.CoroutineType, types.AsyncGeneratorType)):
        return "generator"
    if inspect.isroutine(value) or (callable(value) and t.__module__ == "functools"):
        return "function"
    plain = (bool, int, float, complex, str, bytes, list, tuple, set, frozenset, dict, dt.date, dt.time,
             dt.timedelta, Decimal, Fraction)
    if isinstance(value, plain):
        return "subclass"
    return "instance"


class _Encoder:
    def __init__(self, limits):
        self.limits, self.items = limits, 0
        self.np = sys.modules.get("numpy")
        self.pd = sys.modules.get("pandas")

    def count(self, n=1):
        self.items += n
        if self.items > self.limits.max_items:
            raise _Refuse("big")

    def value(self, v, where, depth=0):
        if depth > self.limits.max_depth:
            raise _Refuse("deep", where=where)
        self.count()
        t = type(v)
        if v is None:
            return ["none"]
        if t is bool:
            return ["bool", v]
        if t is int:
            if v.bit_length() > 4096:
                raise _Refuse("big", where=where)
            return ["int", v]
        if t is float:
            return ["float", _float(v)]
        if t is complex:
            return ["complex", _float(v.real), _float(v.imag)]
        if t is str:
            self.count(len(v) // 64)
            return ["str", v]
        if t is bytes:
            self.count(len(v) // 48)
            return ["bytes", base64.b64encode(v).decode("ascii")]
        if t is Decimal:
            return ["decimal", str(v)]
        if t is Fraction:
            return ["fraction", v.numerator, v.denominator]
        if t in (list, tuple, set, frozenset):
            items = v if t in (list, tuple) else list(v)
            return [t.__name__, [self.value(x, f"{where}[{i}]", depth + 1) for i, x in enumerate(items)]]
        if t is range:
            return ["range", v.start, v.stop, v.step]
        if t in (dict, OrderedDict, Counter, defaultdict):
            tag = {dict: "dict", OrderedDict: "OrderedDict", Counter: "Counter", defaultdict: "defaultdict"}[t]
            pairs = [[self.value(k, f"{where} (a key)", depth + 1), self.value(x, f"{where}[{k!r}]", depth + 1)]
                     for k, x in dict.items(v)]
            if t is defaultdict:
                factory = next((n for n, f in _FACTORIES.items() if f is v.default_factory), None)
                if factory is None:
                    raise _Refuse("factory", _typename(type(v.default_factory)), where)
                return [tag, pairs, factory]
            return [tag, pairs]
        if t is dt.date:
            return ["date", v.isoformat()]
        if t is dt.datetime:
            return ["datetime", *self._zoned(v, where)]
        if t is dt.time:
            if v.tzinfo is not None:
                raise _Refuse("zone", _typename(type(v.tzinfo)), where)
            return ["time", v.isoformat()]
        if t is dt.timedelta:
            return ["timedelta", v.days, v.seconds, v.microseconds]
        if self.np is not None and self._numpy(t):
            return self._np(v, t, where, depth)
        if self.pd is not None and t.__module__.startswith("pandas"):
            return self._pandas(v, t, where, depth)
        name = _record_name(t)
        if name in RECORDS:
            import dataclasses

            if dataclasses.is_dataclass(t):
                return ["record", name, [[f.name, self.value(getattr(v, f.name), f"{where}.{f.name}", depth + 1)]
                                         for f in dataclasses.fields(t) if f.init]]
        raise _Refuse(_what(v), _typename(t), where)

    def _zoned(self, v, where):
        zone = v.tzinfo
        if zone is None or type(zone) is dt.timezone:
            return [v.isoformat(), None, v.fold]
        key = getattr(zone, "key", None) if type(zone).__name__ == "ZoneInfo" else None
        if key is None or not _TZ.match(key):
            raise _Refuse("zone", _typename(type(zone)), where)
        return [v.replace(tzinfo=None).isoformat(), key, v.fold]

    # ---- numpy ------------------------------------------------------------------------------
    def _numpy(self, t):
        np = self.np
        return t is np.ndarray or t in (np.bool_, np.int8, np.int16, np.int32, np.int64, np.uint8, np.uint16,
                                        np.uint32, np.uint64, np.float16, np.float32, np.float64, np.complex64,
                                        np.complex128, np.str_, np.datetime64, np.timedelta64)

    def _np(self, v, t, where, depth):
        np = self.np
        dtype = str(v.dtype)
        if not _DTYPE.match(dtype):
            raise _Refuse("dtype", dtype, where)
        if t is np.ndarray:
            flat = v.reshape(-1)
            self.count(flat.size)
            return ["ndarray", dtype, list(v.shape), self._items(flat, dtype, where, depth)]
        return ["np", dtype, self._items(v.reshape(1), dtype, where, depth)[0]]

    def _items(self, array, dtype, where, depth):
        """The items of a 1-D numpy array (or pandas array) of ``dtype``, as JSON values."""
        np = self.np
        kind = dtype[0] if dtype[0] not in "<>|=" else dtype[1]
        if dtype in ("bool",) or re.match(r"u?int\d+\Z", dtype):
            return np.asarray(array).tolist()
        if re.match(r"float\d+\Z", dtype):
            return [_float(x) for x in np.asarray(array, dtype="float64").tolist()]
        if re.match(r"complex\d+\Z", dtype):
            return [[_float(x.real), _float(x.imag)] for x in np.asarray(array).tolist()]
        if dtype.startswith(("datetime64", "timedelta64")):
            unit = dtype.split("[")[1].split(",")[0].rstrip("]")
            numbers = np.asarray(array).view("int64") if dtype.endswith(f"[{unit}]") else None
            if numbers is None:  # tz-aware pandas data: its UTC values in its unit
                numbers = np.asarray(array.asi8 if hasattr(array, "asi8") else array, dtype="int64")
            return [None if x == _NAT else x for x in numbers.tolist()]
        if kind == "U":
            return [str(x) for x in np.asarray(array).tolist()]
        # object, pandas text and nullable dtypes: each item tagged
        return [self.value(x, f"{where}[{i}]", depth + 1) for i, x in enumerate(np.asarray(array, dtype=object))]

    # ---- pandas -----------------------------------------------------------------------------
    def _pandas(self, v, t, where, depth):
        pd = self.pd
        if t is pd.Timestamp:
            return ["Timestamp", *self._zoned(v.to_pydatetime(warn=False), where)[:2], v.unit, v.nanosecond]
        if t is pd.Timedelta:
            return ["Timedelta", int(v.value), v.unit]
        if v is pd.NaT:
            return ["NaT"]
        if v is pd.NA:
            return ["NA"]
        if t is pd.Series:
            return ["Series", self._column(v.array, where, depth), self._index(v.index, where, depth),
                    self.value(v.name, f"{where}.name", depth + 1)]
        if t is pd.DataFrame:
            columns = [self._column(v.iloc[:, i].array, f"{where}[{v.columns[i]!r}]", depth)
                       for i in range(v.shape[1])]
            return ["DataFrame", self._index(v.columns, where, depth), columns, self._index(v.index, where, depth)]
        if isinstance(v, pd.Index):
            return self._index(v, where, depth)
        raise _Refuse(_what(v), _typename(t), where)

    def _column(self, array, where, depth):
        dtype = str(array.dtype)
        if not _DTYPE.match(dtype):
            raise _Refuse("dtype", dtype, where)
        self.count(len(array))
        if dtype == "category":
            cats = array.categories
            return ["col", dtype, self._index(cats, where, depth), bool(array.ordered), array.codes.tolist()]
        return ["col", dtype, self._items(array, dtype, where, depth)]

    def _index(self, index, where, depth):
        pd = self.pd
        t = type(index)
        name = self.value(index.name, f"{where}.index.name", depth + 1) if t is not pd.MultiIndex else None
        if t is pd.RangeIndex:
            return ["RangeIndex", index.start, index.stop, index.step, name]
        if t is pd.MultiIndex:
            return ["MultiIndex", [self._index(level, where, depth + 1) for level in index.levels],
                    [codes.tolist() for codes in index.codes],
                    [self.value(n, f"{where}.index.names", depth + 1) for n in index.names]]
        if t in (pd.Index, pd.DatetimeIndex, pd.TimedeltaIndex, pd.CategoricalIndex):
            freq = getattr(index, "freqstr", None) if t in (pd.DatetimeIndex, pd.TimedeltaIndex) else None
            return ["Index", self._column(index.array, where, depth), name, freq]
        raise _Refuse(_what(index), _typename(t), where)


def encode(value, where="answer", limits=LIMITS):
    """One value as tagged JSON data (a list), or :class:`_Refuse` raised with why it is not plain data.

    >>> encode(["A", 2.5, None])
    ['list', [['str', 'A'], ['float', 2.5], ['none']]]
    >>> encode({"D": 11})
    ['dict', [[['str', 'D'], ['int', 11]]]]
    """
    return _Encoder(limits).value(value, where)


# --------------------------------------------------------------------------------------------
# Decoding (on the trusted side: strict, bounded, builds only plain data)
# --------------------------------------------------------------------------------------------

class _Bad(Exception):
    """A value the decoder does not accept."""


def _num(x, kinds=(int,)):
    if type(x) not in kinds:
        raise _Bad("not a number")
    return x


def _fl(x):
    if type(x) in (int, float):
        return float(x)
    if x in ("nan", "inf", "-inf"):
        return float(x)
    raise _Bad("not a float")


def _text(x, limit=None):
    if type(x) is not str or (limit and len(x) > limit):
        raise _Bad("not a text")
    return x


class _Decoder:
    def __init__(self, limits):
        self.limits, self.items = limits, 0
        import numpy as np
        import pandas as pd

        self.np, self.pd = np, pd

    def count(self, n=1):
        self.items += n
        if self.items > self.limits.max_items:
            raise _Bad("too many items")

    def value(self, node, depth=0):
        if depth > self.limits.max_depth:
            raise _Bad("nested too deeply")
        if type(node) is not list or not node or type(node[0]) is not str:
            raise _Bad("not a tagged value")
        self.count()
        tag, args = node[0], node[1:]
        method = _TAGS.get(tag)
        if method is None:
            raise _Bad(f"unknown tag {tag[:20]!r}")
        arity = _ARITY[tag]
        if len(args) != arity:
            raise _Bad(f"{tag} takes {arity} fields")
        return method(self, depth, *args)

    # scalars
    def none(self, depth):
        return None

    def bool_(self, depth, x):
        if type(x) is not bool:
            raise _Bad("not a bool")
        return x

    def int_(self, depth, x):
        return _num(x)

    def float_(self, depth, x):
        return _fl(x)

    def complex_(self, depth, re_, im):
        return complex(_fl(re_), _fl(im))

    def str_(self, depth, x):
        return _text(x)

    def bytes_(self, depth, x):
        try:
            return base64.b64decode(_text(x), validate=True)
        except binascii.Error as error:
            raise _Bad("bad bytes") from error

    def decimal(self, depth, x):
        if not re.fullmatch(r"[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d{1,6})?|[-+]?(NaN|sNaN|Infinity)", _text(x, 5000)):
            raise _Bad("bad decimal")
        return Decimal(x)

    def fraction(self, depth, n, d):
        if _num(d) == 0:
            raise _Bad("bad fraction")
        return Fraction(_num(n), d)

    # containers
    def items_of(self, items, depth):
        if type(items) is not list:
            raise _Bad("not a list")
        return [self.value(x, depth + 1) for x in items]

    def list_(self, depth, items):
        return self.items_of(items, depth)

    def tuple_(self, depth, items):
        return tuple(self.items_of(items, depth))

    def set_(self, depth, items):
        return set(self.items_of(items, depth))

    def frozenset_(self, depth, items):
        return frozenset(self.items_of(items, depth))

    def range_(self, depth, start, stop, step):
        if _num(step) == 0:
            raise _Bad("bad range")
        return range(_num(start), _num(stop), step)

    def pairs(self, pairs, depth):
        if type(pairs) is not list or any(type(p) is not list or len(p) != 2 for p in pairs):
            raise _Bad("not pairs")
        return [(self.value(k, depth + 1), self.value(v, depth + 1)) for k, v in pairs]

    def dict_(self, depth, pairs):
        return dict(self.pairs(pairs, depth))

    def ordered(self, depth, pairs):
        return OrderedDict(self.pairs(pairs, depth))

    def counter(self, depth, pairs):
        return Counter(dict(self.pairs(pairs, depth)))

    def default(self, depth, pairs, factory):
        if factory not in _FACTORIES:
            raise _Bad("bad factory")
        return defaultdict(_FACTORIES[factory], self.pairs(pairs, depth))

    # dates
    def date(self, depth, iso):
        return dt.date.fromisoformat(_text(iso, 40))

    def datetime(self, depth, iso, zone, fold):
        if not _ISO.match(_text(iso, 40)) or fold not in (0, 1):
            raise _Bad("bad datetime")
        value = dt.datetime.fromisoformat(iso).replace(fold=fold)
        if zone is not None:
            from zoneinfo import ZoneInfo

            if value.tzinfo is not None or not _TZ.match(_text(zone)):
                raise _Bad("bad zone")
            value = value.replace(tzinfo=ZoneInfo(zone))
        return value

    def time(self, depth, iso):
        if not _ISO.match(_text(iso, 40)):
            raise _Bad("bad time")
        return dt.time.fromisoformat(iso)

    def timedelta(self, depth, days, seconds, micro):
        return dt.timedelta(days=_num(days), seconds=_num(seconds), microseconds=_num(micro))

    # numpy
    def np_scalar(self, depth, dtype, item):
        return self.array(_text(dtype, 40), [item], depth)[0]

    def ndarray(self, depth, dtype, shape, items):
        if type(shape) is not list or len(shape) > 32 or any(type(n) is not int or n < 0 for n in shape):
            raise _Bad("bad shape")
        array = self.array(_text(dtype, 40), items, depth)
        if math.prod(shape) != len(array):
            raise _Bad("shape and items differ")
        return array.reshape(shape)

    def dtype_of(self, dtype):
        if not _DTYPE.match(dtype):
            raise _Bad(f"dtype {dtype[:40]!r} is not plain")
        return dtype

    def array(self, dtype, items, depth):
        """A 1-D numpy array of ``dtype`` from JSON items."""
        np = self.np
        dtype = self.dtype_of(dtype)
        if type(items) is not list:
            raise _Bad("not a list")
        self.count(len(items))
        if dtype == "bool":
            if any(type(x) is not bool for x in items):
                raise _Bad("not bools")
            return np.array(items, dtype=bool)
        if re.match(r"u?int\d+\Z", dtype):
            if any(type(x) is not int for x in items):
                raise _Bad("not integers")
            return np.array(items, dtype=dtype)
        if re.match(r"float\d+\Z", dtype):
            return np.array([_fl(x) for x in items], dtype=dtype)
        if re.match(r"complex\d+\Z", dtype):
            if any(type(x) is not list or len(x) != 2 for x in items):
                raise _Bad("not complex numbers")
            return np.array([complex(_fl(a), _fl(b)) for a, b in items], dtype=dtype)
        if re.match(r"(datetime|timedelta)64\[\w+\]\Z", dtype):
            if any(x is not None and type(x) is not int for x in items):
                raise _Bad("not dates")
            return np.array([_NAT if x is None else x for x in items], dtype="int64").view(dtype)
        if re.match(r"[<>|=]?U\d+\Z", dtype):
            return np.array([_text(x) for x in items], dtype=dtype)
        if dtype == "object":
            array = np.empty(len(items), dtype=object)
            for i, x in enumerate(items):
                array[i] = self.value(x, depth + 1)
            return array
        raise _Bad(f"dtype {dtype!r} is not a numpy dtype")

    # pandas
    def timestamp(self, depth, iso, zone, unit, nanosecond):
        pd = self.pd
        if unit not in ("s", "ms", "us", "ns") or type(nanosecond) is not int or not 0 <= nanosecond < 1000:
            raise _Bad("bad timestamp")
        value = pd.Timestamp(self.datetime(depth, iso, zone, 0)).as_unit(unit)
        return value + pd.Timedelta(nanoseconds=nanosecond) if nanosecond else value

    def timedelta64(self, depth, ns, unit):
        if unit not in ("s", "ms", "us", "ns"):
            raise _Bad("bad timedelta")
        return self.pd.Timedelta(_num(ns), unit="ns").as_unit(unit)

    def nat(self, depth):
        return self.pd.NaT

    def na(self, depth):
        return self.pd.NA

    def column(self, node, depth):
        """A pandas array (or numpy array) from a ``["col", dtype, ...]`` node."""
        pd = self.pd
        if type(node) is not list or len(node) < 3 or node[0] != "col":
            raise _Bad("not a column")
        dtype = self.dtype_of(_text(node[1], 80))
        if dtype == "category":
            if len(node) != 5 or type(node[3]) is not bool or type(node[4]) is not list:
                raise _Bad("bad category column")
            categories = self.index(node[2], depth + 1)
            codes = self.array("int64", node[4], depth)
            if len(codes) and (codes.min() < -1 or codes.max() >= len(categories)):
                raise _Bad("bad category codes")
            return pd.Categorical.from_codes(codes, categories=categories, ordered=node[3])
        if len(node) != 3:
            raise _Bad("bad column")
        zoned = re.match(r"datetime64\[(\w+), (.+)\]\Z", dtype)
        if zoned:
            unit, zone = zoned.groups()
            values = self.array(f"datetime64[{unit}]", node[2], depth)
            return pd.DatetimeIndex(values).tz_localize("UTC").tz_convert(zone).array
        if dtype in ("str", "string", "boolean") or re.match(r"(U?Int|Float)\d+\Z", dtype):
            return pd.array(list(self.array("object", node[2], depth)), dtype=dtype)
        return self.array(dtype, node[2], depth)

    def index(self, node, depth):
        pd = self.pd
        if depth > self.limits.max_depth:
            raise _Bad("nested too deeply")
        if type(node) is not list or not node:
            raise _Bad("not an index")
        if node[0] == "RangeIndex" and len(node) == 5:
            self.count()
            if _num(node[3]) == 0:
                raise _Bad("bad range")
            return pd.RangeIndex(_num(node[1]), _num(node[2]), node[3], name=self.label(node[4], depth))
        if node[0] == "Index" and len(node) == 4:
            self.count()
            values = self.column(node[1], depth)
            index = pd.Index(values, dtype=values.dtype, name=self.label(node[2], depth), tupleize_cols=False)
            if node[3] is not None:
                if not isinstance(index, (pd.DatetimeIndex, pd.TimedeltaIndex)) \
                        or not re.fullmatch(r"[A-Za-z0-9-]{1,20}", _text(node[3])):
                    raise _Bad("bad frequency")
                index = type(index)(index, freq=node[3])  # checked against the values: a lie is refused
            return index
        if node[0] == "MultiIndex" and len(node) == 4 and all(type(x) is list for x in node[1:]):
            levels = [self.index(level, depth + 1) for level in node[1]]
            codes = [self.array("int64", c, depth) for c in node[2]]
            names = [self.label(n, depth) for n in node[3]]
            if not len(levels) == len(codes) == len(names) or len({len(c) for c in codes}) > 1:
                raise _Bad("bad multi-index")
            return pd.MultiIndex(levels=levels, codes=codes, names=names)
        raise _Bad("not an index")

    def label(self, node, depth):
        value = self.value(node, depth + 1)
        hash(value)
        return value

    def index_(self, depth, *args):
        return self.index(["Index", *args], depth)

    def range_index(self, depth, *args):
        return self.index(["RangeIndex", *args], depth)

    def multi_index(self, depth, *args):
        return self.index(["MultiIndex", *args], depth)

    def series(self, depth, column, index, name):
        values = self.column(column, depth)
        index = self.index(index, depth + 1)
        if len(values) != len(index):
            raise _Bad("values and index differ in length")
        return self.pd.Series(values, index=index, name=self.label(name, depth), dtype=values.dtype, copy=False)

    def frame(self, depth, columns, data, index):
        pd = self.pd
        columns = self.index(columns, depth + 1)
        index = self.index(index, depth + 1)
        if type(data) is not list or len(data) != len(columns):
            raise _Bad("columns and data differ")
        arrays = [self.column(c, depth) for c in data]
        if any(len(a) != len(index) for a in arrays):
            raise _Bad("a column and the index differ in length")
        if not arrays:
            return pd.DataFrame(index=index, columns=columns)
        frame = pd.DataFrame({i: pd.Series(a, dtype=a.dtype, copy=False) for i, a in enumerate(arrays)})
        frame.index, frame.columns = index, columns
        return frame

    def record(self, depth, name, fields):
        import dataclasses
        import importlib

        if name not in RECORDS:
            raise _Bad("not one of the kit's records")
        module, _, qualname = name.rpartition(".")
        cls = getattr(importlib.import_module(module), qualname)
        allowed = {f.name for f in dataclasses.fields(cls) if f.init}
        values = dict(self.pairs([[["str", _text(k, 100)], v] for k, v in self._fields(fields)], depth))
        if not set(values) <= allowed:
            raise _Bad("unknown fields")
        return cls(**values)

    def _fields(self, fields):
        if type(fields) is not list or any(type(f) is not list or len(f) != 2 for f in fields):
            raise _Bad("bad fields")
        return fields


_TAGS = {
    "none": _Decoder.none, "bool": _Decoder.bool_, "int": _Decoder.int_, "float": _Decoder.float_,
    "complex": _Decoder.complex_, "str": _Decoder.str_, "bytes": _Decoder.bytes_, "decimal": _Decoder.decimal,
    "fraction": _Decoder.fraction, "list": _Decoder.list_, "tuple": _Decoder.tuple_, "set": _Decoder.set_,
    "frozenset": _Decoder.frozenset_, "range": _Decoder.range_, "dict": _Decoder.dict_,
    "OrderedDict": _Decoder.ordered, "Counter": _Decoder.counter, "defaultdict": _Decoder.default,
    "date": _Decoder.date, "datetime": _Decoder.datetime, "time": _Decoder.time, "timedelta": _Decoder.timedelta,
    "np": _Decoder.np_scalar, "ndarray": _Decoder.ndarray, "Timestamp": _Decoder.timestamp,
    "Timedelta": _Decoder.timedelta64, "NaT": _Decoder.nat, "NA": _Decoder.na, "Series": _Decoder.series,
    "DataFrame": _Decoder.frame, "Index": _Decoder.index_, "RangeIndex": _Decoder.range_index,
    "MultiIndex": _Decoder.multi_index, "record": _Decoder.record,
}
_ARITY = {"none": 0, "bool": 1, "int": 1, "float": 1, "complex": 2, "str": 1, "bytes": 1, "decimal": 1,
          "fraction": 2, "list": 1, "tuple": 1, "set": 1, "frozenset": 1, "range": 3, "dict": 1,
          "OrderedDict": 1, "Counter": 1, "defaultdict": 2, "date": 1, "datetime": 3, "time": 1,
          "timedelta": 3, "np": 2, "ndarray": 3, "Timestamp": 4, "Timedelta": 2, "NaT": 0, "NA": 0,
          "Series": 3, "DataFrame": 3, "Index": 3, "RangeIndex": 4, "MultiIndex": 3, "record": 2}


def decode(node, limits=LIMITS):
    """The value a tagged JSON node stands for (the inverse of :func:`encode`); ValueError if the
    node is not the grader's format or over a limit.

    >>> decode(["tuple", [["int", 1], ["float", "nan"]]])
    (1, nan)
    >>> decode(["eval", "__import__('os')"])
    Traceback (most recent call last):
    ...
    ValueError: not plain data: unknown tag 'eval'
    """
    try:
        return _Decoder(limits).value(node)
    except (_Bad, ValueError, TypeError, OverflowError, KeyError, IndexError, RecursionError) as error:
        raise ValueError(f"not plain data: {error}") from None


# --------------------------------------------------------------------------------------------
# Snapshots: the answers a group of tests needs, and the notebook's files
# --------------------------------------------------------------------------------------------

_VALUES = "the checks read values (numbers, text, lists, dictionaries, dates, tables)"
_WHY = {
    "function": "{where} is a function, not a value: " + _VALUES,
    "class": "{where} is a class, not a value: " + _VALUES,
    "module": "{where} is a module, not a value: " + _VALUES,
    "generator": "{where} is a generator, not a value: " + _VALUES,
    "instance": "{where} is an object of type {kind}, not plain data: " + _VALUES,
    "subclass": "{where} is a {kind}, a subclass with behaviour of its own, not plain data: " + _VALUES,
    "dtype": "{where} holds data of type {kind}, not plain data: " + _VALUES,
    "zone": "{where} has a time zone of type {kind} that the grader cannot take: use a zone name or none",
    "factory": "{where} is a defaultdict whose default is {kind}: use a plain dictionary",
    "big": "{where} is too large for the grader to take (over its size limit)",
    "deep": "{where} is nested too deeply for the grader to take",
    "unreadable": "{where} could not be read as plain data: " + _VALUES,
}


def refusal(name, code, kind="", where=""):
    """Why an answer is not taken, in plain words (a :class:`Refused`). The code, type name and
    place come from the trainee's kernel: they are checked, and the sentence is the grader's own.

    >>> print(refusal("critical_tasks", "subclass", "planning.Sneaky", "critical_tasks"))
    critical_tasks is a planning.Sneaky, a subclass with behaviour of its own, not plain data: the checks \
read values (numbers, text, lists, dictionaries, dates, tables)
    >>> print(refusal("x", "<script>", "<b>", "x"))
    x could not be read as plain data: the checks read values (numbers, text, lists, dictionaries, dates, tables)
    """
    kind = kind if re.fullmatch(r"[\w.\[\], :]{1,80}", kind or "") else "?"
    where = where if re.fullmatch(r"[\w.\[\]'\"() -]{1,120}", where or "") else name
    return Refused(_WHY.get(code, _WHY["unreadable"]).format(kind=kind, where=where))


def _files(root, limits, seen):
    """The regular files under ``root`` (no link followed, no special file): ``[path, size, base64 or
    None when unchanged since the last snapshot]``; ``seen`` remembers what was sent."""
    found, total = [], 0
    base = os.path.realpath(root)
    stack = [(base, "", 0)]
    while stack:
        folder, prefix, depth = stack.pop()
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError:
            continue
        for entry in entries:
            rel = f"{prefix}{entry.name}"
            if entry.is_dir(follow_symlinks=False):
                if depth < 6 and entry.name not in ("__pycache__", ".ipynb_checkpoints"):
                    stack.append((entry.path, rel + "/", depth + 1))
                continue
            if not entry.is_file(follow_symlinks=False) or len(found) >= limits.max_files:
                continue
            info = entry.stat(follow_symlinks=False)
            if info.st_nlink > 1 or total + info.st_size > limits.max_file_bytes:
                continue
            key = (info.st_size, info.st_mtime_ns, info.st_ino)
            content = None
            if seen.get(rel) != key:
                try:
                    fd = os.open(entry.path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
                    with os.fdopen(fd, "rb") as handle:
                        data = handle.read(info.st_size + 1)[:info.st_size]
                except OSError:
                    continue
                content = base64.b64encode(data).decode("ascii")
                seen[rel] = key
            total += info.st_size
            found.append([rel, info.st_size, content])
    return found


def snapshot(namespace, names, root=None, limits=LIMITS, seen=None):
    """The snapshot (JSON text) of the answers ``names`` found in ``namespace``, and of the files
    under ``root`` (none if ``root`` is None); ``seen`` keeps what an earlier snapshot already sent.

    A name missing from the namespace is left out; a value that is not plain data is sent as a
    refusal (its code, type and place), so that the trusted side says why in its own words.
    """
    answers, size = {}, 0
    for name in names:
        if name not in namespace:
            continue
        try:
            node = encode(namespace[name], name, limits)
            text = json.dumps(node, allow_nan=False, separators=(",", ":"))
        except _Refuse as refused:
            node = ["refused", refused.code, refused.kind[:80], (refused.where or name)[:120]]
            text = ""
        except Exception:  # the trainee's object broke while being read (a broken __len__...)
            node, text = ["refused", "unreadable", "", name], ""
        if size + len(text) > limits.max_bytes:
            node, text = ["refused", "big", "", name], ""
        size += len(text)
        answers[name] = node
    files = _files(root, limits, seen if seen is not None else {}) if root else []
    return json.dumps({"v": 1, "answers": answers, "files": files}, allow_nan=False, separators=(",", ":"))


_SEEN = {}  # in the trainee's kernel: the files the snapshots of this kernel already sent


def take_text(names):
    """In the trainee's kernel: the snapshot of ``names`` (and of the kernel's folder), as text.
    The grader asks for it along with the cell before a test (:func:`take_expression`)."""
    from IPython import get_ipython

    return snapshot(get_ipython().user_ns, names, root=os.getcwd(), seen=_SEEN)


def take(names):
    """In the trainee's kernel: publish the snapshot of ``names`` (and of the kernel's folder) as
    display data of type :data:`MIME`. The grader runs this through :func:`take_code` where it
    could not have it with the cell before (a cell that failed, a test at the top)."""
    from IPython.display import publish_display_data

    publish_display_data({MIME: take_text(names)})


def take_expression(names):
    """The expression the grader has the trainee's kernel evaluate right after the cell before a
    test (an execute request's ``user_expressions``): the snapshot's text, with no extra request.

    >>> take_expression(["days"])
    "__import__('_pmo_answers').take_text(['days'])"
    """
    if not all(_NAME.match(n) for n in names):
        raise ValueError(f"not names: {names!r}")
    return f"__import__({KERNEL_MODULE!r}).take_text({list(names)!r})"


#: The name this module has in the trainee's kernel, where it is loaded from its file alone
#: (:func:`kernel_loader`): the rest of the grading package is never imported there.
KERNEL_MODULE = "_pmo_answers"


def kernel_loader():
    """The code that loads this module into a trainee's kernel as :data:`KERNEL_MODULE`, from its
    file (read-only in the sandbox), without the grading package around it."""
    return ("import importlib.util as _u, sys as _s\n"
            f"_spec = _u.spec_from_file_location({KERNEL_MODULE!r}, {os.path.abspath(__file__)!r})\n"
            f"_module = _s.modules[{KERNEL_MODULE!r}] = _u.module_from_spec(_spec)\n"
            "_spec.loader.exec_module(_module)\ndel _u, _s, _spec, _module\n")


def from_expression(result, limit):
    """The snapshot's text from a kernel's answer to :func:`take_expression` (``{"status": "ok",
    "data": {"text/plain": repr of the text}}``), or None if it is not one. Parsed as a Python
    string literal only, within ``limit`` characters: nothing in it is run.

    >>> from_expression({"status": "ok", "data": {"text/plain": "'{\\"v\\": 1}'"}}, 100)
    '{"v": 1}'
    >>> from_expression({"status": "ok", "data": {"text/plain": "__import__('os')"}}, 100) is None
    True
    """
    import ast

    if not isinstance(result, dict) or result.get("status") != "ok" or not isinstance(result.get("data"), dict):
        return None
    text = result["data"].get("text/plain")
    if not isinstance(text, str) or len(text) > 2 * limit or not text.lstrip("(\n ").startswith(("'", '"')):
        return None
    try:
        value = ast.literal_eval(text)
    except (ValueError, SyntaxError, MemoryError, RecursionError):
        return None
    return value if isinstance(value, str) and len(value) <= limit else None


def take_code(names):
    """The code the grader runs in the trainee's kernel to take ``names`` out (never stored in its history).

    >>> take_code(["days", "tasks"])
    "import _pmo_answers; _pmo_answers.take(['days', 'tasks']); del _pmo_answers"
    """
    if not all(_NAME.match(n) for n in names):
        raise ValueError(f"not names: {names!r}")
    return f"import {KERNEL_MODULE}; {KERNEL_MODULE}.take({list(names)!r}); del {KERNEL_MODULE}"


@dataclass
class Snapshot:
    """A snapshot read on the trusted side: ``answers`` (name -> value, or a :class:`Refused`
    reason), ``files`` (path -> bytes, or None where the previous snapshot's copy stands)."""

    answers: dict = field(default_factory=dict)
    files: dict = field(default_factory=dict)


_PATH = re.compile(r"[^\x00-\x1f/\\]{1,255}(/[^\x00-\x1f/\\]{1,255}){0,7}\Z")


def read(text, names, limits=LIMITS):
    """Read a snapshot's JSON text strictly: only the ``names`` asked for, only plain data, within
    ``limits``. A value that cannot be read becomes a :class:`Refused`; a text that is not a
    snapshot at all raises :class:`SnapshotError`.

    >>> read('{"v": 1, "answers": {"x": ["int", 1], "y": ["eval", "1"]}, "files": []}', ["x", "y"]).answers
    {'x': 1, 'y': 'y could not be read as plain data: the checks read values (numbers, text, lists, \
dictionaries, dates, tables)'}
    >>> read('[1]', ["x"])
    Traceback (most recent call last):
    ...
    pmo_lessons.grading.answers.SnapshotError: the answers taken from the notebook are not in the grader's format
    """
    if type(text) is not str or len(text) > limits.max_bytes + 4 * limits.max_file_bytes // 3 + 4096:
        raise SnapshotError("the answers taken from the notebook are over the size limit")

    def refuse_constant(name):
        raise ValueError(name)

    try:
        data = json.loads(text, parse_constant=refuse_constant)
    except (ValueError, RecursionError) as error:
        raise SnapshotError("the answers taken from the notebook are not in the grader's format") from error
    if type(data) is not dict or data.get("v") != 1 or type(data.get("answers")) is not dict \
            or type(data.get("files")) is not list:
        raise SnapshotError("the answers taken from the notebook are not in the grader's format")
    result = Snapshot()
    decoder = _Decoder(limits)
    for name, node in data["answers"].items():
        if name not in names:
            continue
        if type(node) is list and node[:1] == ["refused"] and len(node) == 4 and all(type(x) is str for x in node):
            result.answers[name] = refusal(name, node[1], node[2], node[3])
            continue
        try:
            result.answers[name] = decoder.value(node)
        except (_Bad, ValueError, TypeError, OverflowError, KeyError, IndexError, RecursionError, ImportError):
            result.answers[name] = refusal(name, "unreadable")
    total = 0
    for entry in data["files"][:limits.max_files]:
        if type(entry) is not list or len(entry) != 3 or type(entry[0]) is not str or not _PATH.match(entry[0]) \
                or any(part in ("", ".", "..") for part in entry[0].split("/")):
            continue
        content = entry[2]
        if content is None:
            result.files[entry[0]] = None
            continue
        try:
            data_bytes = base64.b64decode(_text(content), validate=True)
        except (binascii.Error, _Bad):
            continue
        total += len(data_bytes)
        if total > limits.max_file_bytes:
            break
        result.files[entry[0]] = data_bytes
    return result
