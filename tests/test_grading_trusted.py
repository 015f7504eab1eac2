"""Tests of the trusted run, without nbgrader: the plan (which answers each test needs), the tests
run in this process on answers given as data (outputs in nbformat's shape), and the warm server
that forks a fresh child per submission, plain and inside the sandbox.
"""

import json
import os
import time

import pytest

from pmo_lessons import sandbox
from pmo_lessons.grading.answers import snapshot
from pmo_lessons.grading.plan import cell_kind, names_read, names_written, source_plan, trusted_steps
from pmo_lessons.grading.trusted import STDERR_NOTE, TrustedRunner, request, run_steps

from .conftest import ROOT

SOURCE = ROOT / "solutions" / "planning" / "planning.ipynb"


def cell(source, grade_id=None, **flags):
    meta = {"nbgrader": {"grade_id": grade_id, **flags}} if grade_id else {}
    return {"cell_type": "code", "source": source, "metadata": meta}


class TestPlan:
    def test_each_kind_of_cell(self):
        assert "setup" == cell_kind(cell("import math", "imports", locked=True))
        assert "answer" == cell_kind(cell("x = 1", "q1_answer", solution=True))
        assert "test" == cell_kind(cell("assert x", "q1_tests", grade=True, points=1))
        assert "answer" == cell_kind(cell("x = 1", "essay", grade=True, solution=True))  # graded by the trainer
        assert "trainee" == cell_kind(cell("y = 2"))
        assert cell_kind({"cell_type": "markdown", "source": "", "metadata": {}}) is None
        assert "trainee" == cell_kind(cell("x", None) | {"metadata": {"nbgrader": "broken"}})

    def test_names_read_and_written_follow_pythons_syntax(self):
        assert {"a", "b", "print"} == names_read("c = a + b\nprint(c)") - {"c"}
        assert {"c", "f", "pd", "e", "i"} == names_written(
            "import pandas as pd\nc = 1\ndef f(): pass\ntry:\n    pass\nexcept E as e:\n    pass\n[i for i in x]")
        assert {"get_ipython", "x"} == names_read("%matplotlib inline\nassert x")  # a magic line does not hide the rest
        assert set() == names_read("def (") == names_written("def (")

    def test_a_test_needs_the_answers_it_reads_not_the_set_up_nor_what_a_test_wrote(self):
        steps = trusted_steps([
            cell("import math\nplan = [3, 5]", "setup", locked=True),
            cell("days = sum(plan)\nplan = None", "q1_answer", solution=True),
            cell("answer = days\nassert answer == 8", "q1_tests", grade=True),
            cell("assert answer == days and math.pi", "q1b_tests", grade=True),
            cell("extra = 1", None),
            cell("assert extra and plan", "q2_tests", grade=True),
        ])
        assert [("setup", ()), ("test", ("days",)), ("test", ("days",)), ("test", ("extra", "plan"))] == [
            (s.kind, s.needs) for s in steps]

    def test_the_planning_assignments_plan(self):
        steps = {s.grade_id: s.needs for s in source_plan(SOURCE) if s.kind == "test"}
        assert ("critical_tasks",) == steps["q1b_tests"]
        assert ("holidays", "ofm", "ofm_duration", "ofm_end_date", "projects") == steps["q4_tests"]
        setups = [s.grade_id for s in source_plan(SOURCE) if s.kind == "setup"]
        assert ["imports", "plan_table", "q3_data"] == setups


STEPS = [{"kind": "setup", "grade_id": "imports", "source": "import math", "needs": []},
         {"kind": "test", "grade_id": "q1_tests", "source": "assert math.isclose(days, 23), 'not 23'",
          "needs": ["days"]},
         {"kind": "test", "grade_id": "q2_tests", "source": "tasks", "needs": ["tasks"]}]


def run(steps=STEPS, answers=None, **kwargs):
    texts = [snapshot(answers or {}, sorted({n for s in steps for n in s["needs"]}))]
    take = {s["grade_id"]: 0 for s in steps if s["kind"] == "test"}
    return dict(run_steps(steps, texts, take, **kwargs))


class TestRunSteps:
    def test_outputs_in_nbformats_shape_an_error_a_result_a_stream(self):
        done = run(answers={"days": 22, "tasks": ["A", "B"]})
        assert [{"output_type": "error", "ename": "AssertionError", "evalue": "not 23"}] == [
            {k: o[k] for k in ("output_type", "ename", "evalue")} for o in done["q1_tests"]]
        assert any("not 23" in line for line in done["q1_tests"][0]["traceback"])
        result = done["q2_tests"][0]
        assert "execute_result" == result["output_type"] and "['A', 'B']" == result["data"]["text/plain"]
        printed = run([{"kind": "test", "grade_id": "t", "source": "print('hi')\nprint('there')", "needs": []}])
        assert [{"output_type": "stream", "name": "stdout", "text": "hi\nthere\n"}] == printed["t"]

    def test_a_number_as_last_value_is_nbgraders_partial_credit(self):
        done = run([{"kind": "test", "grade_id": "t", "source": "1.5", "needs": []}])
        assert "1.5" == done["t"][0]["data"]["text/plain"]
        quiet = run([{"kind": "test", "grade_id": "t", "source": "1.5;", "needs": []}])
        assert [] == quiet["t"]

    def test_a_missing_answer_is_a_name_error_as_in_a_kernel(self):
        done = run(answers={"tasks": []})
        error = done["q1_tests"][0]
        assert ("NameError", "name 'days' is not defined") == (error["ename"], error["evalue"])

    def test_an_answer_that_is_not_plain_data_fails_its_tests_unrun(self):
        class Yes(float):
            def __eq__(self, other):
                return True

            __hash__ = float.__hash__

        done = run(answers={"days": Yes(1), "tasks": [len]})
        assert "NotPlainData" == done["q1_tests"][0]["ename"]
        assert done["q1_tests"][0]["evalue"].startswith("days is a tests.test_grading_trusted.Yes, a subclass")
        assert done["q2_tests"][0]["evalue"].startswith("tasks[0] is a function, not a value")

    def test_the_tests_see_the_real_kit_whatever_the_trainee_named_the_same(self):
        steps = [{"kind": "setup", "grade_id": "", "source": "from pmo_lessons.schedule import cpm", "needs": []},
                 {"kind": "test", "grade_id": "t", "source": "assert cpm.__module__ == 'pmo_lessons.schedule'\n"
                                                             "assert abs(-2) == 2 and isinstance(1, int)", "needs": []}]
        assert [] == run(steps)["t"]

    def test_answers_that_could_not_be_taken_give_the_graders_reason(self):
        done = dict(run_steps(STEPS, [], {}, failed={"q1_tests": ("TimeBudgetExceeded", "not run: budget")}))
        error = done["q1_tests"][0]
        assert ("TimeBudgetExceeded", "not run: budget") == (error["ename"], error["evalue"])
        assert "AnswersNotTaken" == done["q2_tests"][0]["ename"]
        unreadable = dict(run_steps(STEPS, ["not json"], {"q1_tests": 0, "q2_tests": 0}))
        assert "not in the grader's format" in unreadable["q1_tests"][0]["evalue"]

    def test_stderr_and_warnings_cost_nothing_and_are_shown(self):
        source = "import sys, warnings\nwarnings.warn('odd value')\nprint('careful', file=sys.stderr)"
        done = run([{"kind": "test", "grade_id": "t", "source": source, "needs": []}])
        assert [o["output_type"] for o in done["t"]] == ["stream"]
        assert done["t"][0]["name"] == "stdout" and done["t"][0]["text"].startswith(STDERR_NOTE)
        assert "UserWarning: odd value" in done["t"][0]["text"] and "careful" in done["t"][0]["text"]

    def test_a_check_that_runs_too_long_is_stopped(self):
        done = run([{"kind": "test", "grade_id": "t", "source": "while True: pass", "needs": []}], timeout=1)
        assert "CellTimeoutError" == done["t"][0]["ename"]

    def test_each_run_starts_from_a_fresh_namespace(self):
        run([{"kind": "test", "grade_id": "t", "source": "leftover = 1", "needs": []}])
        done = run([{"kind": "test", "grade_id": "t", "source": "leftover", "needs": []}])
        assert "NameError" == done["t"][0]["ename"]

    def test_the_notebooks_files_are_in_the_tests_folder(self, tmp_path):
        report = tmp_path / "kernel"
        report.mkdir()
        (report / "report.html").write_text("<!DOCTYPE html>")
        texts = [snapshot({}, [], root=report)]
        steps = [{"kind": "test", "grade_id": "t", "source": "assert open('report.html').read() == '<!DOCTYPE html>'",
                  "needs": []}]
        folder = tmp_path / "checks"
        folder.mkdir()
        old = os.getcwd()
        os.chdir(folder)
        try:
            done = dict(run_steps(steps, texts, {"t": 0}, folder=str(folder)))
        finally:
            os.chdir(old)
        assert [] == done["t"]

    def test_a_set_up_cell_reads_the_files_handed_out_with_the_assignment(self, tmp_path, monkeypatch):
        kernel = tmp_path / "kernel"
        kernel.mkdir()
        (kernel / "tasks.csv").write_text("id\nA\nB\n")
        checks = tmp_path / "checks"
        checks.mkdir()
        monkeypatch.chdir(checks)
        steps = [{"kind": "setup", "grade_id": "data",
                  "source": "import pandas as pd\ntasks = pd.read_csv('tasks.csv')",
                  "needs": []},
                 {"kind": "test", "grade_id": "t", "source": "assert len(tasks) == answer", "needs": ["answer"]}]
        done = dict(run_steps(steps, [snapshot({"answer": 2}, ["answer"], root=kernel)], {"t": 0}, folder=str(checks)))
        assert {"t": []} == done

    def test_the_planning_solution_passes_every_test(self, tmp_path, monkeypatch):
        monkeypatch.chdir(tmp_path)
        steps = [s.as_dict() for s in source_plan(SOURCE)]
        texts, take, namespace = [], {}, {}
        for c in json.loads(SOURCE.read_text())["cells"]:
            meta = c["metadata"].get("nbgrader", {})
            if c["cell_type"] != "code":
                continue
            if meta.get("grade") and not meta.get("solution"):
                needs = next(s["needs"] for s in steps if s["grade_id"] == meta["grade_id"])
                texts.append(snapshot(namespace, needs))
                take[meta["grade_id"]] = len(texts) - 1
            else:
                exec("".join(c["source"]), namespace)
        done = dict(run_steps(steps, texts, take))
        assert {gid: [] for gid in take} == {gid: done[gid] for gid in take}


def limits():
    return sandbox.Limits(memory_mb=1500)


def sandboxed_or_skip():
    """The sandboxed interpreter's tests mean something only where bubblewrap works: elsewhere they
    fail under CI (which must run them) and skip, saying why."""
    sandboxed, how = sandbox.isolation()
    if not sandboxed:
        if os.environ.get("CI"):
            pytest.fail(f"the trusted interpreter cannot be sandboxed here: {how}")
        pytest.skip(f"the trusted interpreter cannot be sandboxed here: {how}")


@pytest.fixture(scope="module", params=["plain", "sandboxed"])
def runner(request):
    sandboxed = request.param == "sandboxed"
    if sandboxed:
        sandboxed_or_skip()
    made = TrustedRunner(limits(), sandboxed=sandboxed, forbidden=[str(ROOT / "solutions")])
    made.start()
    yield made
    made.close()


def one(runner, steps, deadline=60, timeout=10):
    take = {s["grade_id"]: 0 for s in steps if s["kind"] == "test"}
    return runner.run(request(steps, [snapshot({}, [])], take, {}, limits(), timeout), deadline=deadline)


class TestServer:
    def test_a_request_is_run_in_a_fresh_child_each_time(self, runner):
        steps = [{"kind": "test", "grade_id": "t", "source": "import os\nprint(os.getpid())\nglobal_count = 1",
                  "needs": []}]
        pids = set()
        for _ in range(3):
            outputs, end = one(runner, steps)
            assert "ok" == end
            pids.add(outputs["t"][0]["text"])
        assert 3 == len(pids)

    def test_requests_from_several_processes_run_side_by_side(self, runner):
        from concurrent.futures import ThreadPoolExecutor

        steps = [{"kind": "test", "grade_id": "t", "source": "import time\ntime.sleep(2)\nprint('done')", "needs": []}]
        started = time.monotonic()
        with ThreadPoolExecutor(4) as pool:
            done = list(pool.map(lambda _: one(runner, steps), range(4)))
        assert all(end == "ok" and outputs["t"][0]["text"] == "done\n" for outputs, end in done)
        assert time.monotonic() - started < 7  # not four times two seconds one after the other

    def test_a_child_that_dies_loses_only_the_tests_after_it(self, runner):
        steps = [{"kind": "test", "grade_id": "a", "source": "1", "needs": []},
                 {"kind": "test", "grade_id": "b", "source": "import os\nos._exit(3)", "needs": []},
                 {"kind": "test", "grade_id": "c", "source": "2", "needs": []}]
        outputs, end = one(runner, steps)
        assert "a" in outputs and "c" not in outputs and "stopped before their end" in end
        again, end = one(runner, steps[:1])
        assert "ok" == end and "a" in again  # the next submission gets a working interpreter

    def test_an_overrun_is_cut_at_the_deadline(self, runner):
        steps = [{"kind": "test", "grade_id": "t", "source": "while True: pass", "needs": []}]
        started = time.monotonic()
        _, end = one(runner, steps, deadline=3, timeout=60)
        assert "did not finish within 3 s" in end and time.monotonic() - started < 20

    def test_the_interpreter_runs_with_no_folder_on_its_path(self, runner):
        steps = [{"kind": "test", "grade_id": "t", "source": "import sys\nprint(sys.flags.isolated, '' in sys.path)",
                  "needs": []}]
        outputs, _ = one(runner, steps)
        assert "1 False\n" == outputs["t"][0]["text"]


def test_the_sandboxed_checks_see_no_course_no_network_and_write_nowhere():
    sandboxed_or_skip()
    runner = TrustedRunner(limits(), sandboxed=True, forbidden=[str(ROOT / "solutions")])
    runner.start()
    planted = ROOT / f"planted-{os.getpid()}.txt"
    probe = (f"import os, socket\nseen = os.path.exists({str(SOURCE)!r})\n"
             "try:\n    socket.create_connection(('pypi.org', 443), timeout=3); net = True\n"
             "except OSError:\n    net = False\n"
             f"try:\n    open({str(planted)!r}, 'w').write('x'); wrote = True\n"
             "except OSError:\n    wrote = False\n"
             "print(seen, net, os.access('/usr', os.W_OK), wrote)")
    try:
        outputs, end = one(runner, [{"kind": "test", "grade_id": "t", "source": probe, "needs": []}])
    finally:
        runner.close()
    seen, net, usr, wrote = outputs["t"][0]["text"].split()
    assert "ok" == end and ("False", "False", "False") == (seen, net, usr)
    assert not planted.exists()  # nothing reached the course
    # a course kept under /tmp shows, in the sandbox, inside its own /tmp (a memory file system): a write
    # there stays in the sandbox; anywhere else the course is not writable at all
    assert wrote == "False" or ROOT.is_relative_to("/tmp")


def test_a_stopped_server_is_said_not_hidden():
    runner = TrustedRunner(limits(), sandboxed=False)
    runner.start()
    address = runner.address
    runner.close()
    runner.address = address
    outputs, end = one(runner, [{"kind": "test", "grade_id": "t", "source": "1", "needs": []}])
    assert {} == outputs and "could not be reached" in end


def test_a_trainee_file_named_like_a_module_is_never_imported(tmp_path):
    """A file the notebook wrote (``pandas.py`` in its folder) reaches the tests as data in their
    folder; the trusted interpreter never imports from that folder."""
    kernel = tmp_path / "kernel"
    kernel.mkdir()
    (kernel / "pandas.py").write_text("raise SystemExit('imported the trainee file')")
    (kernel / "fractions.py").write_text("raise SystemExit('imported the trainee file')")
    steps = [{"kind": "test", "grade_id": "t", "source": "import fractions, pandas\nprint(pandas.__file__)",
              "needs": []}]
    runner = TrustedRunner(limits(), sandboxed=False)
    runner.start()
    try:
        outputs, end = runner.run(request(steps, [snapshot({}, [], root=kernel)], {"t": 0}, {}, limits(), 10), 60)
    finally:
        runner.close()
    assert "ok" == end and "site-packages" in outputs["t"][0]["text"], outputs
