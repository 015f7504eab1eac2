"""Cheats, through the real ``pmo-lessons`` command: every trick that once scored, beside honest trainees.

Trainee code cannot reach the hidden tests any more: they run in a trusted interpreter, on the
answers taken out of the trainee's kernel as data. Each cheater here hands in wrong answers plus
one trick that scored against the old grader (issue 23): an IPython AST transformer that drops
``assert``, an input transformer that blanks test cells, a ``sys.settrace`` hook that sets what
each assert expects, a patched kernel ``do_execute``, a hook that emits an execute result before
each test (nbgrader's partial credit), answers whose ``==`` and ``<`` always say yes, shadowed
``abs``/``set``/``isinstance``, a redefined ``cpm``/``to_dates``, and a forged answers payload.
Every cheat scores exactly what the wrong answers score alone: 0.

Beside them: honest trainees (the solution, typical mistakes) with their exact grades; a trainee
who probes everything a kernel can read (``In``, the history, every file it can list, its memory)
for the hidden lines and writes what it has into its outputs in every encoding (nothing found, no
feedback page holds a hidden line in any form); ``exit()``, ``quit()``, ``os._exit`` and
``ask_exit`` costing the question they are in, the same on every run; a trainee whose hooks write
to stderr in every cell (costs nothing); a notebook with malformed cells (each costs at most its
question); and a trainee whose answers and notes are hostile text (``$\\evil{$``, HTML, a formula,
nbgrader's "BEGIN HIDDEN TESTS" marker): every trainee gets grades, feedback and a report row.
"""

import base64
import codecs
import csv
import hashlib
import json
import re
import shutil
import zipfile
import zlib
from pathlib import Path

import pytest

from pmo_lessons import sandbox
from pmo_lessons.grading import Workspace
from pmo_lessons.grading.checks import hidden_lines

from .conftest import ROOT, with_answers
from .helpers import (
    ASSIGNMENT,
    FULL,
    MISTAKES,
    NOTEBOOK,
    POINTS,
    SOURCE,
    TOTAL,
    expect,
    gradebook_grades,
    make,
    run,
    trainer_at,
)

pytestmark = pytest.mark.grading

LIMITS = ("--timeout", "30", "--budget", "90", "--memory-mb", "1500")


def answer(grade_id):
    for cell in json.loads(SOURCE.read_text())["cells"]:
        if cell["metadata"].get("nbgrader", {}).get("grade_id") == grade_id:
            return "".join(cell["source"])
    raise KeyError(grade_id)


def prepared(grade_id):
    """The part of an answer cell the exercise gives (outside the solution markers)."""
    return re.sub(r"### BEGIN SOLUTION.*?### END SOLUTION\n?", "", answer(grade_id), flags=re.S)


#: Wrong answers of the right types: each fails its hidden tests (some pass their self-checks).
WRONG = {
    "q1_answer": 'project_duration = 36\ncritical_tasks = ["A", "D", "H", "J"]\n'
                 'total_float = {"D": 0, "E": 0, "I": 0}\n',
    "q2_answer": prepared("q2_answer") + "fast_track_duration = 23\n",
    "q3_answer": "expected_duration = 23.0\nproject_std = 4.6667\nprobability_25_days = 0.8213\n",
    "q4_answer": prepared("q4_answer") + 'ofm_duration = 0\nofm_end_date = projects.at["OFM", "start_date"]\n',
    "q5_answer": "days_saved = 3\n",
    # the judgement questions: a wrong option each (the mistakes the round trip names)
    **{cell: MISTAKES[cell] for cell in ("q3d_answer", "q5b_answer", "q6_answer")},
}

TRICKS = {
    "ast": '''
import ast
class _NoAssert(ast.NodeTransformer):
    def visit_Assert(self, node):
        return ast.Pass()
get_ipython().ast_transformers.append(_NoAssert())
''',
    "input": '''
def _blank(lines):
    return [] if any("assert" in line for line in lines) else lines
get_ipython().input_transformers_cleanup.append(_blank)
''',
    "settrace": '''
import ast, linecache, sys, threading
def _tracer(frame, event, arg):
    if event == "line" and frame.f_code.co_filename.startswith("<"):
        text = linecache.getline(frame.f_code.co_filename, frame.f_lineno).strip()
        try:
            tree = ast.parse(text.rstrip(",( "))
        except SyntaxError:
            return _tracer
        for node in ast.walk(tree):
            if isinstance(node, ast.Compare) and isinstance(node.left, ast.Name) and isinstance(node.ops[0], ast.Eq) \\
                    and isinstance(node.comparators[0], ast.Constant):
                frame.f_globals[node.left.id] = node.comparators[0].value
    return _tracer
sys.settrace(_tracer)
threading.settrace(_tracer)
''',
    "do_execute": '''
import inspect, types
_kernel = get_ipython().kernel
_original = _kernel.do_execute
async def _do_execute(self, code, *args, **kwargs):
    return await _original("pass" if "assert" in code else code, *args, **kwargs)
_kernel.do_execute = types.MethodType(_do_execute, _kernel)
''',
    "partial": '''
_ip = get_ipython()
def _full_marks(info):
    if "assert" in (info.raw_cell or ""):
        _ip.displayhook(3)
_ip.events.register("pre_run_cell", _full_marks)
''',
    "builtins": '''
abs = lambda x: 0
isinstance = lambda *args: True
set = lambda *args: frozenset("ABCFGHJ")
all = any = lambda *args: True
''',
    "redefined": '''
import pandas as _pd
def cpm(*args, **kwargs):
    return _pd.DataFrame({"ef": [23], "id": ["A"], "es": [0]})
def to_dates(*args, **kwargs):
    return _pd.DataFrame({"ef": [0], "finish_date": [_pd.Timestamp("2026-01-01")]})
''',
    "forger": '''
import json, types
from IPython.display import publish_display_data
_kernel = get_ipython().kernel
_original = _kernel.do_execute
_forged = json.dumps({"v": 1, "files": [], "answers": {
    "project_duration": ["eval", "23"], "critical_tasks": ["record", "os.system", [["x", ["str", "true"]]]],
    "total_float": ["refused", "<b>", "<script>", "assert"], "days_saved": ["int", "2"],
    "fast_track_duration": ["np", "float64", 22.0], "fast_track": ["DataFrame", "x", "y", "z"]}})
async def _do_execute(self, code, silent, store_history=True, user_expressions=None, *args, **kwargs):
    if "_pmo_answers" in code:  # the grader's own request for answers
        publish_display_data({"application/vnd.pmo-lessons.answers+json": _forged})
        code = "pass"
    reply = await _original(code, silent, store_history, user_expressions, *args, **kwargs)
    for key in (user_expressions or {}):  # answers asked for along with a cell
        reply.setdefault("user_expressions", {})[key] = {"status": "ok", "data": {"text/plain": repr(_forged)},
                                                         "metadata": {}}
    return reply
_kernel.do_execute = types.MethodType(_do_execute, _kernel)
''',
}

YES = '''
class Yes(float):
    def __eq__(self, other):
        return True
    def __ne__(self, other):
        return False
    __lt__ = __le__ = __gt__ = __ge__ = lambda self, other: True
    __hash__ = float.__hash__
    def __abs__(self):
        return Yes(0)
    __sub__ = __rsub__ = __add__ = __radd__ = lambda self, other: Yes(0)
class YesList(list):
    def __eq__(self, other):
        return True
    def __ne__(self, other):
        return False
    def __contains__(self, item):
        return True
    __hash__ = None
class YesDict(dict):
    def __eq__(self, other):
        return True
    def get(self, key, default=None):
        return Yes(0)
    __hash__ = None
project_duration = Yes(20)
critical_tasks = YesList(["A"])
total_float = YesDict({"D": 1, "E": 1, "I": 1})
'''

EXITS = {  # the call ends the answer cell of question 2, after its right answers
    "exit": "\nexit()\n", "quit": "\nquit()\n", "os_exit": "\nimport os\nos._exit(0)\n",
    "ask_exit": "\nget_ipython().ask_exit()\n",
}


def hashes(lines):
    return sorted(hashlib.sha256(line.encode()).hexdigest() for line in lines)


PROBE = '''
import base64, codecs, gc, hashlib, os, stat, struct, sys, zlib
WANTED = set({wanted!r})
CONTROL = {control!r}  # a line of this notebook's own answer: the scan must find it where it is
found, in_files, texts, control = set(), set(), [], set()
def scan(text, where, into=found):
    for line in str(text).splitlines():
        digest = hashlib.sha256(line.strip().encode()).hexdigest()
        if digest in WANTED:
            into.add(where)
        if digest == CONTROL:
            control.add(where.split("/")[0] or "file")
ip = get_ipython()
for index, source in enumerate(In):
    scan(source, "In")
for source in ip.user_ns.get("_ih", []):
    scan(source, "_ih")
try:
    for _, _, source in ip.history_manager.get_range(raw=True):
        scan(source, "history")
        texts.append(source)
except Exception:
    pass
scanned = 0
skip = ("/proc", "/sys", "/usr", sys.prefix, sys.base_prefix)
roots = {{os.getcwd(), os.path.expanduser("~"), "/tmp", os.environ.get("TMPDIR", "/tmp"), "/dev/shm"}}
for root in roots | ({{"/"}} if {whole!r} else set()):
    for folder, dirs, files in os.walk(root):
        if folder.startswith(skip) or "site-packages" in folder or (folder.startswith("/dev") and
                                                                     not folder.startswith("/dev/shm")):
            dirs[:] = []
            continue
        for name in files:
            path = os.path.join(folder, name)
            try:
                info = os.stat(path)
                if stat.S_ISREG(info.st_mode) and info.st_size < 5_000_000:
                    with open(path, "rb") as handle:
                        scan(handle.read().decode("utf-8", "ignore"), path, in_files)
                    scanned += 1
            except OSError:
                pass
for value in list(os.environ.values()):
    scan(value, "environment")
for thing in gc.get_objects():
    if isinstance(thing, dict):
        for value in list(thing.values()):
            if isinstance(value, str) and len(value) < 200_000:
                scan(value, "memory")
    elif isinstance(thing, (list, tuple)):
        for value in thing:
            if isinstance(value, str) and len(value) < 200_000:
                scan(value, "memory")
print("FOUND", sorted(found))
print("IN FILES", sorted(in_files))
print("CONTROL", sorted(control))
print("SCANNED", scanned > 10)
# and out it goes, whatever it has, in every encoding: the cells, the history
everything = "\\n".join(list(In) + texts)
print(codecs.encode(everything, "rot13"))
print(base64.b64encode(everything.encode()).decode())
print("\\u200b".join(everything))
print(everything.encode().hex())
chunk = b"Comment\\x00" + everything.encode()
png = b"\\x89PNG\\r\\n\\x1a\\n" + struct.pack(">I", len(chunk)) + b"tEXt" + chunk + b"\\x00" * 4
from IPython.display import display, Image
display({{"image/png": base64.b64encode(png).decode()}}, raw=True)
'''


def malformed(path):
    notebook = json.loads(SOURCE.read_text())
    for cell in notebook["cells"]:
        gid = cell["metadata"].get("nbgrader", {}).get("grade_id")
        if gid == "q5_answer":
            cell["metadata"]["nbgrader"] = "oops"          # grading metadata as a text
        elif gid == "q2_tests":
            cell["metadata"]["nbgrader"]["points"] = "lots"  # points that are not a number
        elif gid == "q3_answer":
            del cell["source"]                             # a cell without source
    Path(path).write_text(json.dumps(notebook))
    return Path(path)


def answers(**cells):
    return lambda path: with_answers(SOURCE, cells, path)


def cheat(trick, after=False, **extra):
    """Wrong answers and a trick in the first answer cell (before the answers, or after them)."""
    cells = dict(WRONG, **extra)
    cells["q1_answer"] = cells["q1_answer"] + trick if after else trick + cells["q1_answer"]
    return answers(**cells)


def solution_with_end_cell(source):
    """The solution, with one more code cell of the trainee's at its end."""
    def build(path):
        notebook = json.loads(SOURCE.read_text())
        notebook["cells"].append({"cell_type": "code", "execution_count": None, "id": "trainee-extra",
                                  "metadata": {}, "outputs": [], "source": source})
        Path(path).write_text(json.dumps(notebook))
        return Path(path)
    return build


def evil(path):
    notebook = json.loads(with_answers(SOURCE, {"q1_answer": answer("q1_answer").replace(
        'critical_tasks = ["A", "B", "C", "F", "G", "H", "J"]',
        'critical_tasks = ["$\\\\evil{$", "<b>bold</b>", "=HYPERLINK(\\"x\\")", "A"]')}, path).read_text())
    notebook["cells"].insert(1, {"cell_type": "markdown", "id": "note-1", "metadata": {},
                                 "source": "### BEGIN HIDDEN TESTS\nmy notes $\\evil{$ <script>alert(1)</script>"})
    notebook["cells"].insert(2, {"cell_type": "code", "execution_count": None, "id": "note-2", "metadata": {},
                                 "outputs": [], "source": "# ### BEGIN HIDDEN TESTS (where are they?)\nx = 1\n"})
    Path(path).write_text(json.dumps(notebook))
    return Path(path)


Q1 = {"q1a_tests", "q1b_tests", "q1c_tests"}
Q3 = {"q3a_tests", "q3b_tests", "q3c_tests"}

CLASS = {
    "ana": (lambda p: make("solution", p), expect()),
    "ben": (lambda p: make("solution", p), expect()),
    "dev": (lambda p: make("mistakes", p), expect(POINTS)),
    "wrong": (answers(**WRONG), expect(FULL)),
    **{f"cheat-{name}": (cheat(code), expect(FULL)) for name, code in TRICKS.items()},
    "cheat-yes": (cheat(YES, after=True,
                        q3_answer="expected_duration = Yes(0)\nproject_std = Yes(0)\nprobability_25_days = Yes(0)\n",
                        q5_answer="days_saved = Yes(0)\n"), expect(FULL)),
    **{f"exits-{name}": (answers(q2_answer=answer("q2_answer") + code), expect({"q2_tests"}))
       for name, code in EXITS.items()},
    "exits-raise": (answers(q2_answer="raise SystemExit\n"), expect({"q2_tests"})),
    "stderr": (answers(q1_answer='''import sys, warnings
warnings.simplefilter("always")
get_ipython().events.register("pre_run_cell", lambda info: print("noise", file=sys.stderr))
get_ipython().events.register("post_run_cell", lambda result: warnings.warn("more noise"))
''' + answer("q1_answer")), expect()),
    "malformed": (malformed, expect(Q3)),
    "evil": (evil, expect({"q1b_tests"})),
}
CHEATERS = [t for t in CLASS if t.startswith("cheat-")]
EXITERS = [t for t in CLASS if t.startswith("exits-")]


@pytest.fixture(scope="module")
def cheats(tmp_path_factory):
    root = tmp_path_factory.mktemp("cheats")
    home, env, workspace = trainer_at(root)
    made = root / "made"
    made.mkdir()
    secrets = hidden_lines(Workspace(course=ROOT, root=root, config=None, course_id="pmo-course"), ASSIGNMENT)
    control = hashlib.sha256(b'crashed.loc[crashed["id"] == "G", "duration"] = 1').hexdigest()
    probe = PROBE.format(wanted=hashes(secrets), whole=sandbox.isolation()[0], control=control)
    trainees = dict(CLASS, prober=(answers(q5_answer=answer("q5_answer") + probe), expect()))
    archive = root / "lms.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        for trainee, (build, _) in trainees.items():
            zf.write(build(made / f"{trainee}.ipynb"), f"submissions/{trainee}_{NOTEBOOK}.ipynb")
    run("collect", ASSIGNMENT, str(archive), env=env)
    graded = run("grade", ASSIGNMENT, "--workers", "3", *LIMITS, env=env)
    first = gradebook_grades(workspace)
    # the exits again, in a workspace of their own: the same grades on every run
    again = root / "again"
    for trainee in EXITERS:
        shutil.copytree(workspace / "submitted" / trainee, again / "submitted" / trainee)
    regraded = run("grade", ASSIGNMENT, "--workers", "2", *LIMITS, "--workspace", str(again), env=env)
    feedback = run("feedback", ASSIGNMENT, env=env, check=False)
    report = run("report", ASSIGNMENT, env=env, check=False)
    yield {"root": root, "env": env, "workspace": workspace, "graded": graded, "grades": first,
           "again": gradebook_grades(again), "regraded": regraded, "feedback": feedback, "report": report,
           "secrets": secrets, "expected": {t: e for t, (_, e) in trainees.items()}}


def line_of(output, trainee):
    lines = [line for line in output.splitlines() if re.match(rf"{re.escape(trainee)}\s+\d", line)]
    assert len(lines) == 1, f"{trainee}: {lines}\n{output}"
    return lines[0]


def cells_of(cheats, trainee):
    path = cheats["workspace"] / "autograded" / trainee / ASSIGNMENT / f"{NOTEBOOK}.ipynb"
    return json.loads(path.read_text())["cells"]


def test_the_wrong_answers_alone_score_zero(cheats):
    assert expect(FULL) == cheats["grades"]["wrong"]


@pytest.mark.parametrize("trainee", CHEATERS)
def test_every_cheat_scores_what_its_wrong_answers_score(cheats, trainee):
    assert cheats["grades"]["wrong"] == cheats["grades"][trainee]
    assert re.search(rf"{trainee}\s+0/{TOTAL}\s+graded", line_of(cheats["graded"].stdout, trainee))


def test_honest_trainees_get_exactly_their_grades(cheats):
    for trainee in ("ana", "ben", "dev", "stderr", "prober"):
        assert cheats["expected"][trainee] == cheats["grades"][trainee], trainee


def test_answers_that_say_yes_are_refused_in_plain_words(cheats):
    q1a = next(c for c in cells_of(cheats, "cheat-yes")
               if c["metadata"].get("nbgrader", {}).get("grade_id") == "q1a_tests")
    errors = [(o["ename"], o["evalue"]) for o in q1a["outputs"] if o["output_type"] == "error"]
    assert [("NotPlainData", "project_duration is a Yes, a subclass with behaviour of its own, not plain data: the "
                             "checks read values (numbers, text, lists, dictionaries, dates, tables)")] == errors


def test_a_forged_payload_is_only_data_and_refused(cheats):
    """The forger answers the grader's requests for answers from question 2 on (its patch is in
    place after its first cell) with a payload of its own: what is not plain data is refused."""
    messages = {c["metadata"]["nbgrader"]["grade_id"]: [o.get("evalue", "") for o in c.get("outputs", [])]
                for c in cells_of(cheats, "cheat-forger") if c["metadata"].get("nbgrader", {}).get("grade")}
    assert "fast_track could not be read as plain data" in " ".join(messages["q2_tests"])
    assert "days_saved could not be read as plain data" in " ".join(messages["q5_tests"])
    assert "<script>" not in json.dumps(messages)


@pytest.mark.parametrize("trainee", EXITERS)
def test_exit_costs_the_question_it_is_in_on_every_run(cheats, trainee):
    assert cheats["expected"][trainee] == cheats["grades"][trainee]
    assert cheats["grades"][trainee] == cheats["again"][trainee]
    if trainee != "exits-raise":
        assert "question 2: the kernel died while running this cell" in line_of(cheats["graded"].stdout, trainee)


def test_the_hidden_tests_never_reached_the_trainees_kernel(cheats):
    """The prober searched ``In``, the history, every file it could open and its memory for the
    hidden lines (their hashes): nothing."""
    answer_cell = next(c for c in cells_of(cheats, "prober")
                       if c["metadata"].get("nbgrader", {}).get("grade_id") == "q5_answer")
    text = "".join("".join(o.get("text", "")) for o in answer_cell["outputs"] if o["output_type"] == "stream")
    assert "SCANNED True" in text
    control = next(line for line in text.splitlines() if line.startswith("CONTROL "))
    assert "'In'" in control and "'memory'" in control, control  # the scan finds what is there
    assert "FOUND []" in text, text[:2000]
    if sandbox.isolation()[0]:  # without the sandbox trainee code can read the course's files: it is said
        assert "IN FILES []" in text, text[:2000]


def encodings(line):
    """How a trainee could carry a hidden line out: the forms the test searches for itself."""
    data = line.encode()
    return {"plain": line, "rot13": codecs.encode(line, "rot13"), "base64": base64.b64encode(data).decode()[:-4],
            "hex": data.hex(), "zero-width": "\u200b".join(line),
            "zlib": base64.b64encode(zlib.compress(data)).decode(),
            "reversed": line[::-1]}


def test_feedback_is_written_for_every_trainee_and_no_page_holds_a_hidden_line_in_any_form(cheats):
    assert cheats["feedback"].returncode == 0, cheats["feedback"].stderr
    assert "withheld" not in cheats["feedback"].stdout.lower()
    pages = {p.parent.parent.name: p.read_text()
             for p in (cheats["workspace"] / "feedback").glob(f"*/{ASSIGNMENT}/*.html")}
    assert set(pages) == set(cheats["expected"])
    assert len(cheats["secrets"]) > 30
    for trainee, page in pages.items():
        squeezed = "".join(page.split())
        for line in cheats["secrets"]:
            for form, encoded in encodings(line).items():
                if len(encoded) >= 12:
                    assert "".join(encoded.split()) not in squeezed, (trainee, form, line)
    # and the grader's own scan, on every decoded form, agrees
    from pmo_lessons.grading.checks import leaks

    assert {t: [] for t in pages} == {t: leaks(page, cheats["secrets"]) for t, page in pages.items()}


def test_stderr_in_every_cell_costs_nothing(cheats):
    for cell in cells_of(cheats, "stderr"):
        if cell["metadata"].get("nbgrader", {}).get("grade") and cell["cell_type"] == "code":
            assert not [o for o in cell["outputs"] if o["output_type"] == "stream" and o["name"] == "stderr"]


def test_malformed_cells_cost_at_most_their_question(cheats):
    line = line_of(cheats["graded"].stdout, "malformed")
    assert re.search(rf"malformed\s+{TOTAL - 4}/{TOTAL}\s+graded", line)
    assert "grading metadata could not be read" in line and "had no source" in line and "points" in line


def test_hostile_text_is_never_interpreted_in_the_report(cheats):
    """(The charts' plain text, a "$" in a message, is pinned in tests/test_grading_summary.py.)"""
    assert cheats["report"].returncode == 0, cheats["report"].stderr
    reports = cheats["workspace"] / "reports"
    page = (reports / f"{ASSIGNMENT}_summary.html").read_text()
    assert page.count("data:image/png;base64,") == 3
    assert "<b>bold</b>" not in page and "<script>" not in page
    with (reports / f"{ASSIGNMENT}_grades.csv").open(encoding="utf-8") as handle:
        rows = {row["student"]: row for row in csv.DictReader(handle)}
    assert set(rows) == set(cheats["expected"])
    assert float(rows["evil"]["score"]) == TOTAL - 2
    assert not any(value.startswith(("=", "+", "@")) for row in rows.values() for value in row.values())


def test_every_trainee_has_a_report_row_and_the_right_score(cheats):
    reports = cheats["workspace"] / "reports"
    with (reports / f"{ASSIGNMENT}_grades.csv").open(encoding="utf-8") as handle:
        rows = {row["student"]: row for row in csv.DictReader(handle)}
    for trainee, expected in cheats["expected"].items():
        assert float(rows[trainee]["score"]) == sum(expected.values()), trainee
