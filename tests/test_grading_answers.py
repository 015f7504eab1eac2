"""Tests of pmo_lessons.grading.answers: the answers that cross from the trainee's kernel to the
trusted interpreter, as data. No kernel and no nbgrader run: the kernel's side (``snapshot``) and
the trusted side (``read``) are called here, in one process.

Every answer of every assignment's solution crosses exactly (type, dtype, index, value); plain data
of every supported kind round-trips; anything that could carry code or behaviour (a function, a
class, an object of the trainee's class, a subclass with its own ``__eq__``, ``__lt__`` or
``__hash__``) is refused with the reason in plain words; a forged or oversized payload can only be
refused, never executed.
"""

import base64
import collections
import datetime as dt
import decimal
import fractions
import json
import math
import os
import zoneinfo

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pmo_lessons.grading import answers
from pmo_lessons.grading.answers import AnswerLimits, Refused, SnapshotError, read, snapshot
from pmo_lessons.grading.plan import source_plan

from .conftest import ASSIGNMENTS, ROOT


def cross(value, limits=answers.LIMITS):
    """A value taken out of a namespace and read back on the trusted side."""
    return read(snapshot({"x": value}, ["x"], limits=limits), ["x"], limits).answers["x"]


def same(a, b):
    """Equal in type, dtype, index and value (NaN equal to NaN)."""
    assert type(a) is type(b), (type(a), type(b))
    if isinstance(a, pd.DataFrame):
        pd.testing.assert_frame_equal(a, b, check_exact=True, check_freq=False)
        assert type(a.index) is type(b.index) and type(a.columns) is type(b.columns)
    elif isinstance(a, pd.Series):
        pd.testing.assert_series_equal(a, b, check_exact=True, check_freq=False)
        assert type(a.index) is type(b.index)
    elif isinstance(a, pd.Index):
        pd.testing.assert_index_equal(a, b, exact=True)
    elif isinstance(a, np.ndarray):
        assert a.dtype == b.dtype and a.shape == b.shape
        np.testing.assert_array_equal(a, b)
    elif isinstance(a, (list, tuple)):
        assert len(a) == len(b)
        for x, y in zip(a, b):
            same(x, y)
    elif isinstance(a, dict):
        assert list(a) == list(b)
        for key in a:
            same(a[key], b[key])
    elif hasattr(a, "__dataclass_fields__"):
        for name in a.__dataclass_fields__:
            same(getattr(a, name), getattr(b, name))
    elif a is pd.NaT or a is pd.NA:
        assert a is b
    elif isinstance(a, float) and math.isnan(a):
        assert math.isnan(b)
    else:
        assert a == b and str(a) == str(b)
        if isinstance(a, dt.datetime):
            assert a.tzinfo == b.tzinfo and a.fold == b.fold


def solution_answers(assignment):
    """Each test of an assignment's solution with the answers it needs, as the solution leaves them
    (the cells run in order in one namespace, in a scratch folder)."""
    notebook = ROOT / "solutions" / assignment / f"{assignment}.ipynb"
    needs = {s.grade_id: s.needs for s in source_plan(notebook) if s.kind == "test"}
    namespace, found = {"display": lambda *shown: None}, []  # a notebook's display(), here with no screen
    for cell in json.loads(notebook.read_text())["cells"]:
        meta = cell["metadata"].get("nbgrader", {})
        source = "".join(cell["source"])
        if cell["cell_type"] != "code":
            continue
        if meta.get("grade") and not meta.get("solution"):  # a test: its answers, as it would get them
            found.append((meta["grade_id"], {n: namespace[n] for n in needs[meta["grade_id"]] if n in namespace}))
            continue
        exec(compile(source, meta.get("grade_id", "cell"), "exec"), namespace)
    return found


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_every_answer_of_every_solution_crosses_exactly(assignment, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    import matplotlib

    matplotlib.use("Agg")
    tests = solution_answers(assignment)
    assert tests
    for grade_id, values in tests:
        names = sorted(values)
        got = read(snapshot(values, names), names).answers
        assert sorted(got) == names, grade_id
        for name in names:
            assert not isinstance(got[name], Refused), (grade_id, name, got[name])
            same(values[name], got[name])


PLAIN = [
    None, True, False, 0, -(2 ** 80), 2.5, -0.0, float("inf"), float("nan"), 1 + 2j, "", "é\n\x00", b"\x00\xff",
    decimal.Decimal("1.10"), fractions.Fraction(1, 3), [1, [2, "a"]], (1,), {1, 2}, frozenset({"a"}),
    range(0, 10, 3), {("a", 1): [1], 2: {"b": None}}, collections.OrderedDict(a=1), collections.Counter("aab"),
    collections.defaultdict(list, {"a": [1]}),
    dt.date(2026, 5, 29), dt.datetime(2026, 5, 29, 9, 30, 1, 5), dt.time(9, 30),
    dt.datetime(2026, 5, 29, tzinfo=dt.timezone(dt.timedelta(hours=2))),
    dt.datetime(2026, 10, 25, 2, 30, fold=1, tzinfo=zoneinfo.ZoneInfo("Europe/Paris")),
    dt.timedelta(days=-1, seconds=5),
    np.float64(0.1), np.float32(0.1), np.int64(-3), np.uint8(200), np.bool_(True), np.str_("ab"),
    np.datetime64("2026-05-29"), np.timedelta64(3, "h"), np.complex128(1 - 1j),
    np.array([[1, 2], [3, 4]]), np.array(["a", "bb"]), np.array([0.5, np.nan]), np.array([], dtype=bool),
    np.array(["2026-01-01", "NaT"], dtype="datetime64[ms]"), np.array([1, "a", None], dtype=object),
    pd.Timestamp("2026-05-29"), pd.Timestamp("2026-05-29 10:00", tz="Europe/Paris"),
    pd.Timestamp("2026-05-29 10:00:00.000000001"), pd.Timedelta(days=3, nanoseconds=1), pd.NaT, pd.NA,
    pd.Series([1, 2], index=["a", "b"], name="x"), pd.Series(pd.to_datetime(["2026-01-01", None])),
    pd.Series(["a", None]), pd.Series([1, None], dtype="Int64"), pd.Series([True, None], dtype="boolean"),
    pd.Series(pd.Categorical(["a", "b", "a"], ordered=True)), pd.Series([], dtype=float),
    pd.DataFrame({"a": [1, 2], "b": ["x", "y"]}, index=pd.Index(["r", "s"], name="id")),
    pd.DataFrame({"d": pd.date_range("2026-01-01", periods=3, tz="UTC"), "t": pd.to_timedelta([1, 2, 3], "D")}),
    pd.DataFrame(np.arange(4).reshape(2, 2), columns=pd.MultiIndex.from_tuples([("a", 1), ("a", 2)], names=["k", "n"])),
    pd.DataFrame({"x": [1, 1]}, index=[0, 0]), pd.DataFrame({"o": np.array([1, "a", None], dtype=object)}),
    pd.DataFrame(), pd.DataFrame(columns=["a", "b"]), pd.Index([1, 2, 3]), pd.RangeIndex(2, 10, 2, name="r"),
    pd.date_range("2026-01-01", periods=2), pd.CategoricalIndex(["a", "b"]),
]


@pytest.mark.parametrize("value", PLAIN, ids=[f"{type(v).__name__}-{i}" for i, v in enumerate(PLAIN)])
def test_plain_data_round_trips(value):
    same(value, cross(value))


def test_the_kits_records_are_rebuilt_with_the_real_class():
    from pmo_lessons.portfolio import select_projects
    from pmo_lessons.report import Report

    report = Report("Board", "red", [("p", "late"), ("table", pd.DataFrame({"a": ["1"]}))], {"decisions": ["x"]})
    got = cross(report)
    assert type(got) is Report and got.to_html() == report.to_html()
    table = pd.DataFrame({"id": ["A", "B"], "value": [3.0, 2.0], "cost": [2.0, 1.0]})
    selection = select_projects(table, budget=2.0, value="value")
    same(selection, cross(selection))


@given(st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
                    lambda inner: st.lists(inner, max_size=4) | st.tuples(inner, inner)
                    | st.dictionaries(st.text(max_size=5), inner, max_size=4), max_leaves=20))
@settings(max_examples=150, deadline=None)
def test_any_nest_of_plain_values_round_trips(value):
    same(value, cross(value))


class Sneaky(float):
    """An answer that says yes to every comparison."""

    def __eq__(self, other):
        return True

    __ne__ = __lt__ = __le__ = __gt__ = __ge__ = lambda self, other: True
    __hash__ = float.__hash__


class YesList(list):
    def __eq__(self, other):
        return True

    def __contains__(self, item):
        return True

    __hash__ = None


class Plan:
    pass


def generator():
    yield 1


REFUSED = {
    "a function": (len, "x is a function, not a value"),
    "a lambda": (lambda: 1, "x is a function, not a value"),
    "a class": (Plan, "x is a class, not a value"),
    "a module": (os, "x is a module, not a value"),
    "a generator": (generator(), "x is a generator, not a value"),
    "an object": (Plan(), "x is an object of type tests.test_grading_answers.Plan, not plain data"),
    "a float that says yes": (Sneaky(3),
                              "x is a tests.test_grading_answers.Sneaky, a subclass with behaviour of its own"),
    "a list that says yes": (YesList(), "x is a tests.test_grading_answers.YesList, a subclass with"),
    "deep inside": ({"a": [1, Sneaky(1)]}, "x['a'][1] is a tests.test_grading_answers.Sneaky, a subclass"),
    "in a table": (pd.Series([Plan()]), "x[0] is an object of type tests.test_grading_answers.Plan"),
    "a structured array": (np.array([(1,)], dtype=[("a", "i4")]), "x holds data of type ?, not plain data"),
    "a defaultdict of a lambda": (collections.defaultdict(lambda: 1), "x is a defaultdict whose default is"),
    "a DataFrame subclass": (type("Frame", (pd.DataFrame,), {})(), "x is an object of type"),
}


@pytest.mark.parametrize("name", list(REFUSED))
def test_what_is_not_plain_data_is_refused_in_plain_words(name):
    value, reason = REFUSED[name]
    got = cross(value)
    assert isinstance(got, Refused)
    assert str(got).startswith(reason), got
    assert "Traceback" not in got and "Error" not in got


def test_only_the_names_asked_for_are_taken_and_missing_ones_stay_missing():
    text = snapshot({"a": 1, "b": 2}, ["a", "gone"])
    assert {"a": 1} == read(text, ["a", "gone"]).answers
    assert {} == read(text, ["b"]).answers  # a name the payload holds but the reader did not ask for


FORGED = [
    "", "not json", "[]", '{"v": 2, "answers": {}, "files": []}', '{"v": 1, "answers": [], "files": []}',
    '{"v": 1, "answers": {"x": ["int", 1]}, "files": {}}', '{"v": 1, "answers": {"x": NaN}, "files": []}',
    "[" * 100000 + "]" * 100000,
]


@pytest.mark.parametrize("text", FORGED, ids=range(len(FORGED)))
def test_a_payload_not_in_the_format_is_refused_as_a_whole(text):
    with pytest.raises(SnapshotError):
        read(text, ["x"])


EVIL = [
    ["eval", "__import__('os').system('true')"], ["record", "os.system", [["command", ["str", "true"]]]],
    ["record", "pmo_lessons.report.Report", [["__class__", ["str", "x"]]]], ["int", "12"], ["int", True],
    ["float", "1e999999"], ["str", 1], ["list", [["int", 1]], "extra"], ["set", [["list", []]]],
    ["ndarray", "float64", [3], [1.0]], ["ndarray", "void", [1], [1]], ["np", "datetime64[D]", "x"],
    ["DataFrame", ["RangeIndex", 0, 2, 1, ["none"]], [["col", "int64", [1]]], ["RangeIndex", 0, 2, 1, ["none"]]],
    ["Series", ["col", "category", ["Index", ["col", "str", [["str", "a"]]], ["none"]], False, [5]],
     ["RangeIndex", 0, 1, 1, ["none"]], ["none"]],
    ["Timestamp", "2026-01-01; rm -rf /", None, "s", 0], ["datetime", "2026-01-01", "../../etc/passwd", 0],
    ["decimal", "1" * 10000], ["range", 0, 1, 0], ["bytes", "not base64!"],
    ["list", [["list", [["list", [["list", []]]]]]]],
]


@pytest.mark.parametrize("node", EVIL, ids=range(len(EVIL)))
def test_a_forged_value_is_refused_never_run(node):
    text = json.dumps({"v": 1, "answers": {"x": node}, "files": []})
    limits = AnswerLimits(max_depth=2) if node[0] == "list" and len(node) == 2 else answers.LIMITS
    got = read(text, ["x"], limits).answers["x"]
    assert isinstance(got, Refused), got


def test_a_forged_refusal_can_only_say_the_graders_words():
    text = json.dumps({"v": 1, "answers": {"x": ["refused", "<script>alert(1)</script>", "<b>bold</b>",
                                                 "assert x == 23"]}, "files": []})
    got = read(text, ["x"]).answers["x"]
    assert "x could not be read as plain data" in got
    assert "<" not in got and "assert" not in got


def test_size_limits_hold_on_both_sides():
    small = AnswerLimits(max_bytes=1000, max_items=100)
    assert "too large" in cross(list(range(1000)), small)
    assert "too large" in cross("x" * 5000, small)
    assert "nested too deeply" in cross([[[[[[1]]]]]], AnswerLimits(max_depth=3))
    with pytest.raises(SnapshotError, match="size limit"):
        read("x" * (2 * 1024 * 1024), ["x"], AnswerLimits(max_bytes=1024, max_file_bytes=1024))


def test_the_notebooks_files_cross_as_data_without_links(tmp_path):
    (tmp_path / "report.html").write_text("<!DOCTYPE html>")
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "tasks.csv").write_text("id\nA\n")
    secret = tmp_path.parent / "secret.txt"
    secret.write_text("the solution")
    (tmp_path / "link.txt").symlink_to(secret)
    os.link(secret, tmp_path / "hard.txt")
    os.mkfifo(tmp_path / "pipe")
    seen = {}
    first = read(snapshot({}, [], root=tmp_path, seen=seen), [])
    assert {"report.html": b"<!DOCTYPE html>", "data/tasks.csv": b"id\nA\n"} == first.files
    again = read(snapshot({}, [], root=tmp_path, seen=seen), [])
    assert {"report.html": None, "data/tasks.csv": None} == again.files  # unchanged: not sent again


def test_file_paths_that_climb_or_are_absolute_are_dropped():
    content = base64.b64encode(b"x").decode()
    text = json.dumps({"v": 1, "answers": {}, "files": [["../up.txt", 1, content], ["/etc/x", 1, content],
                                                        ["a/./b", 1, content], ["ok.txt", 1, content]]})
    assert {"ok.txt": b"x"} == read(text, []).files


def test_the_code_run_in_the_kernel_names_only_names():
    assert "_pmo_answers.take(['days'])" in answers.take_code(["days"])
    with pytest.raises(ValueError):
        answers.take_code(["days); import os; os.system('x'"])
