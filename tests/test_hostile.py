"""Bad, broken and hostile submissions, through the real ``pmo-lessons`` command and nbgrader's gradebook.

Trainee notebooks are untrusted input. One class of trainees, each handing in the planning assignment
with one fault, is collected and graded once (``grade --workers 3 --timeout 5 --budget 40
--memory-mb 1500 --file-mb 50``); then one test per fault checks the exact score of every grade cell in
nbgrader's gradebook, and the reason in the command's output, in that trainee's feedback page and in
the class report. Good trainees graded in the same run must get exactly the solution's grades.

Where bubblewrap can sandbox the kernels (:func:`pmo_lessons.sandbox.isolation`), a hostile trainee
tries to read the solutions, another trainee's work, the gradebook and ``/etc/shadow``, to write into
the course, the workspace and the gradebook, and to reach a server this test listens on and pypi.org:
nothing may succeed and nothing may change. Where it cannot, those tests fail under CI and skip
elsewhere, saying why.

Then: killing the grading run at any moment loses nothing, and collecting the same, a newer or an
older hand-in keeps the right one and says so.
"""

import ast
import copy
import csv
import hashlib
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import threading
import time
import zipfile
from pathlib import Path

import pytest

from pmo_lessons import sandbox

from .conftest import ROOT, with_answers
from .helpers import (
    ASSIGNMENT,
    COMMAND,
    FULL,
    NOTEBOOK,
    POINTS,
    SOURCE,
    TOTAL,
    environment,
    expect,
    gradebook_grades,
    make,
    run,
    trainer_at,
    visible_text,
)

pytestmark = pytest.mark.grading

LIMITS = ("--timeout", "5", "--budget", "40", "--memory-mb", "1500", "--file-mb", "50")
SANDBOXED, HOW = sandbox.isolation()


def answer(grade_id):
    """The solution's source of one cell, by grade id."""
    for cell in json.loads(SOURCE.read_text())["cells"]:
        if cell["metadata"].get("nbgrader", {}).get("grade_id") == grade_id:
            return "".join(cell["source"])
    raise KeyError(grade_id)


def cells_of(path):
    return json.loads(Path(path).read_text())["cells"]


def grade_id(cell):
    return cell["metadata"].get("nbgrader", {}).get("grade_id")


def edited(change, path):
    """A copy of the solution, changed by ``change(notebook)``."""
    notebook = json.loads(SOURCE.read_text())
    change(notebook)
    Path(path).write_text(json.dumps(notebook))
    return Path(path)


def text(content):
    """A file holding ``content`` (not a notebook)."""
    def build(path):
        Path(path).write_text(content)
        return Path(path)
    return build


def index_of(notebook, gid):
    return [grade_id(c) for c in notebook["cells"]].index(gid)


def delete_cell(gid):
    def change(notebook):
        del notebook["cells"][index_of(notebook, gid)]
    return change


def duplicate_cell(gid):
    def change(notebook):
        i = index_of(notebook, gid)
        notebook["cells"].insert(i, copy.deepcopy(notebook["cells"][i]))
    return change


def weaken_test(notebook):
    """The trainee empties the question 2 test and answers it wrongly: the test must come back."""
    notebook["cells"][index_of(notebook, "q2_tests")]["source"] = "pass\n"
    notebook["cells"][index_of(notebook, "q2_answer")]["source"] = "fast_track = None\n"


def rename_answer(notebook):
    notebook["cells"][index_of(notebook, "q5_answer")]["metadata"]["nbgrader"]["grade_id"] = "renamed"


def sleeping_cells(notebook):
    """Eleven cells of its own after question 2, each sleeping 4 s (under the 5 s cell timeout):
    44 s of sleep, more than the 40 s budget, so questions 3 to 6 are never reached."""
    i = index_of(notebook, "q2_tests")
    for _ in range(11):
        notebook["cells"].insert(i + 1, {"cell_type": "code", "execution_count": None, "metadata": {},
                                         "outputs": [], "source": "import time\ntime.sleep(4)\n"})


STUBBORN = ("import time\nwhile True:\n    try:\n        time.sleep(0.1)\n"
            "    except KeyboardInterrupt:\n        pass\n")


class Fault:
    """One trainee of the class: how the notebook is made, the expected score of every grade cell,
    whether it cannot be graded at all, the reason (a regular expression) the trainer must find on
    the command's line and in the report, and the one the trainee must find in the feedback page
    (default: the same), and the file name when the file goes straight into ``submitted/``."""

    def __init__(self, build, expected, reason=None, page=None, broken=False, direct=None):
        self.build, self.expected, self.broken, self.direct = build, expected, broken, direct
        self.reason, self.page = reason, page or reason


Q3 = {"q3a_tests", "q3b_tests", "q3c_tests"}
LATER = Q3 | {"q3d_tests", "q4_tests", "q5_tests", "q5b_tests", "q6_tests"}
TIMED_OUT = r"did not stop within 5 s"
DIED = r"the kernel died while running this cell"


def answers(**cells):
    return lambda path: with_answers(SOURCE, cells, path)


CLASS = {
    # good trainees: exactly the solution's grades, and a known partial score
    "ana": Fault(lambda p: make("solution", p), expect()),
    "ben": Fault(lambda p: make("solution", p), expect()),
    "dev": Fault(lambda p: make("mistakes", p), expect(POINTS)),
    # an answer that never ends, one that catches KeyboardInterrupt, one that sleeps past the cell
    # timeout, one whose cells each fit the timeout but together exceed the submission's budget
    "loop": Fault(answers(q2_answer="while True:\n    pass\n"), expect({"q2_tests"}), TIMED_OUT),
    "stubborn": Fault(answers(q2_answer=STUBBORN), expect({"q2_tests"}), TIMED_OUT),
    "sleepy": Fault(answers(q3_answer="import time\ntime.sleep(30)\n" + answer("q3_answer")), expect(Q3), TIMED_OUT),
    "budget": Fault(lambda p: edited(sleeping_cells, p), expect(LATER), r"time budget of 40 s"),
    # the kernel dies: the process ends, or crashes
    "exits": Fault(answers(q2_answer="import os\nos._exit(1)\n"), expect({"q2_tests"}), DIED),
    "segv": Fault(answers(q2_answer="import ctypes\nctypes.string_at(0)\n"), expect({"q2_tests"}), DIED),
    # limits: memory (--memory-mb 1500), file size (--file-mb 50), output (256 kB a cell)
    "hog": Fault(answers(q5_answer="hog = bytearray(6 * 1024 ** 3)\n" + answer("q5_answer")),
                 expect({"q5_tests"}), r"out of memory"),
    "bigfile": Fault(answers(q5_answer="with open('big.bin', 'wb') as f:\n    f.write(b'0' * 200 * 1024 ** 2)\n"
                                       + answer("q5_answer")), expect({"q5_tests"}), r"file too large"),
    "chatty": Fault(answers(q5_answer="print('x' * 50_000_000)\n" + answer("q5_answer")), expect(),
                    r"output cut by the grader: over 256 kB"),
    # input() waiting for the keyboard; a syntax error
    "asks": Fault(answers(q5_answer="x = input('days?')\n" + answer("q5_answer")), expect({"q5_tests"}),
                  r"StdinNotImplementedError|input\(\)"),
    "syntax": Fault(answers(q5_answer="days_saved = (3 +\n"), expect({"q5_tests"}), r"syntax error"),
    # test cells deleted, duplicated, edited (put back from the source); a grade id renamed
    "deleted": Fault(lambda p: edited(delete_cell("q2_tests"), p), expect(), r"q2_tests",
                     page=r"\(id:q2_tests\) was missing from the submission\. It was added back"),
    "duplicated": Fault(lambda p: edited(duplicate_cell("q2_tests"), p), expect(),
                        r"a second copy of cell 'q2_tests' was removed"),
    "edited": Fault(lambda p: edited(weaken_test, p), expect({"q2_tests"}), r"q2_tests",
                    page=r"q2_tests[^.]*(restored|put back|added back|replaced|changed|edited)"),
    "renamed": Fault(lambda p: edited(rename_answer, p), expect(),
                     r"cell \d+ \(grade id 'renamed' is not in the assignment\) was graded as a plain cell"),
    # not a notebook, none, or under another name (as nbgrader's exchange collects them)
    "notjson": Fault(text("this is not json {"), expect(FULL), r"planning.ipynb is not a valid notebook", broken=True),
    "notnb": Fault(text(json.dumps({"hello": [1, 2]})), expect(FULL),
                   r"planning.ipynb (is not a valid notebook|has no cells)", broken=True),
    "misnamed": Fault(lambda p: make("solution", p), expect(),
                      r"took 'planning \(1\).ipynb' as planning.ipynb \(misnamed\)", direct="planning (1).ipynb"),
    "missing": Fault(text("my answers are on paper"), expect(FULL),
                     r"no notebook handed in: expected planning.ipynb, found notes.txt", broken=True,
                     direct="notes.txt"),
}
GOOD = ("ana", "ben", "dev")
SLOW = ("loop", "stubborn", "sleepy", "budget")


# --------------------------------------------------------------------------------------------
# The hostile trainee (only where the kernels are sandboxed: elsewhere it would succeed)
# --------------------------------------------------------------------------------------------

ATTACK = '''
import os, socket, sqlite3
succeeded, tried = [], []

def attempt(what, action):
    tried.append(what)
    try:
        action()
        succeeded.append(what)
    except BaseException:
        pass

def read(path):
    with open(path, "rb") as handle:
        handle.read(10)

def write(path):
    with open(path, "w") as handle:
        handle.write("mallory was here")

def poison(path):
    with sqlite3.connect("file:" + path + "?mode=rw", uri=True) as db:
        db.execute("INSERT INTO student (id) VALUES ('mallory-was-here')")

def connect(host, port):
    socket.create_connection((host, port), timeout=3).close()

for path in {reads!r}:
    attempt("read " + path, lambda: read(path))
for path in {folders!r}:
    attempt("list " + path, lambda: os.listdir(path))
for path in {writes!r}:
    attempt("write " + path, lambda: write(path))
attempt("sqlite {gradebook}", lambda: poison({gradebook!r}))
attempt("connect 127.0.0.1:{port}", lambda: connect("127.0.0.1", {port}))
attempt("connect pypi.org:443", lambda: connect("pypi.org", 443))
# these may succeed inside the sandbox (its own /tmp, its own folder's parents): the test checks
# that nothing reached the real file system
for path in {contained!r}:
    try:
        write(path)
    except BaseException:
        pass
print("TRIED", len(tried))
print("SUCCEEDED", succeeded)
'''


def hostile_notebook(path, workspace, port, token):
    """Mallory answers every question right, then attacks from her last answer cell: she tries to
    read the solutions, another trainee's hand-in, the gradebook, the course's configuration and
    /etc/shadow, to list the course and the workspace, to write into the course, the workspace,
    another trainee's folder and the trainer's home, to change the gradebook, and to connect to a
    server of this test and to pypi.org. Returns what she reads, lists and writes."""
    home = workspace.parent.parent
    reads = [ROOT / "solutions" / ASSIGNMENT / f"{NOTEBOOK}.ipynb",
             workspace / "submitted" / "ana" / ASSIGNMENT / f"{NOTEBOOK}.ipynb",
             workspace / "gradebook.db", ROOT / "nbgrader_config.py", Path("/etc/shadow")]
    folders = [ROOT / "solutions", workspace, workspace / "submitted"]
    writes = [ROOT / "solutions" / ASSIGNMENT / f"{token}.txt", ROOT / f"{token}.txt",
              ROOT / "pmo_lessons" / f"{token}.py", ROOT / "datasets" / f"{token}.csv",
              workspace / f"{token}.txt", workspace / "submitted" / "ana" / ASSIGNMENT / f"{token}.txt",
              home / f"{token}.txt"]
    contained = [f"/tmp/{token}.txt", f"../../{token}-escaped.txt", f"../{token}-escaped.txt"]
    code = ATTACK.format(reads=[str(p) for p in reads], folders=[str(p) for p in folders],
                         writes=[str(p) for p in writes], contained=contained,
                         gradebook=str(workspace / "gradebook.db"), port=port)
    with_answers(SOURCE, {"q5_answer": answer("q5_answer") + code}, path)
    return len(reads) + len(folders) + len(writes) + 3


def tree_hashes(folder, skip=()):
    """Every file under ``folder`` and its hash (folders in ``skip`` left out)."""
    found = {}
    for path in sorted(Path(folder).rglob("*")):
        if any(part in skip for part in path.relative_to(folder).parts):
            continue
        if path.is_file():
            found[str(path.relative_to(folder))] = hashlib.sha256(path.read_bytes()).hexdigest()
    return found


def course_hashes():
    """The course's grading material, byte for byte (the rest of the tree is other people's work in
    progress: new files there are caught by name)."""
    hashes = {name: tree_hashes(ROOT / name, skip=("__pycache__", ".ipynb_checkpoints"))
              for name in ("solutions", "exercises", "datasets")}
    hashes["nbgrader_config.py"] = hashlib.sha256((ROOT / "nbgrader_config.py").read_bytes()).hexdigest()
    return hashes


def require_sandbox():
    """Isolation tests only mean something where the kernels are sandboxed: elsewhere they fail
    under CI (which must run them) and skip, saying why."""
    if not SANDBOXED:
        message = f"kernels cannot be sandboxed on this machine: {HOW}"
        if os.environ.get("CI"):
            pytest.fail(message + " (CI must run the isolation tests: install bubblewrap)")
        pytest.skip(message)


# --------------------------------------------------------------------------------------------
# The class, graded once
# --------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile")
    home, env, workspace = trainer_at(root)
    made = root / "made"
    made.mkdir()
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)
    listener.setblocking(False)
    port = listener.getsockname()[1]
    archive = root / "lms.zip"
    direct = {}
    with zipfile.ZipFile(archive, "w") as zf:
        for trainee, fault in CLASS.items():
            path = fault.build(made / f"{trainee}.ipynb")
            if fault.direct:
                direct[trainee] = path
            else:
                zf.write(path, f"submissions/{trainee}_{NOTEBOOK}.ipynb")
        token = f"mallory-{os.getpid()}-{time.time_ns()}"
        attempts = 0
        if SANDBOXED:
            attempts = hostile_notebook(made / "mallory.ipynb", workspace, port, token)
            zf.write(made / "mallory.ipynb", f"submissions/mallory_{NOTEBOOK}.ipynb")
    collected = run("collect", ASSIGNMENT, str(archive), env=env)
    for trainee, path in direct.items():  # as nbgrader's exchange collects them: the folder as handed in
        folder = workspace / "submitted" / trainee / ASSIGNMENT
        folder.mkdir(parents=True)
        shutil.copy(path, folder / CLASS[trainee].direct)
    course_before = course_hashes()
    submitted_before = tree_hashes(workspace / "submitted")
    started = time.monotonic()
    graded = run("grade", ASSIGNMENT, "--workers", "3", *LIMITS, env=env)
    seconds = time.monotonic() - started
    feedback_failures = feedback_for_all(env, expected_class())
    report = run("report", ASSIGNMENT, env=env, check=False)
    received = []
    try:
        while True:
            received.append(listener.accept())
    except BlockingIOError:
        pass
    listener.close()
    yield {"root": root, "env": env, "workspace": workspace, "collected": collected, "graded": graded,
           "seconds": seconds, "feedback_failures": feedback_failures, "report": report,
           "received": received, "token": token, "attempts": attempts,
           "course_before": course_before, "submitted_before": submitted_before}


def feedback_for_all(env, trainees):
    """``pmo-lessons feedback`` for the class; where it fails on one trainee's page, again for the
    others (so that one failure does not hide the rest). Returns {trainee: error output}."""
    failures, todo = {}, sorted(trainees)
    while todo:
        result = run("feedback", ASSIGNMENT, *[a for t in todo for a in ("--student", t)], env=env, check=False)
        if not result.returncode:
            break
        labels = re.findall(r"^feedback \[[#.]*\] \d+/\d+\s+[\d.]+s (\S+)", result.stderr, re.M)
        culprit = labels[-1] if labels and labels[-1] in todo else "?"
        failures[culprit] = result.stderr.strip().splitlines()[-1]
        if culprit == "?":
            break
        todo.remove(culprit)
    return failures


def line_of(output, trainee):
    """The command's line for one trainee: ``trainee  14/17  graded: reason``."""
    lines = [line for line in output.splitlines() if re.match(rf"{re.escape(trainee)}\s+\d", line)]
    assert len(lines) == 1, f"{trainee}: {lines}\n{output}"
    return lines[0]


def feedback_page(hostile, trainee):
    pages = list((hostile["workspace"] / "feedback" / trainee / ASSIGNMENT).glob("*.html"))
    assert len(pages) == 1, pages
    return visible_text(pages[0].read_text())


def report_rows(hostile):
    assert hostile["report"].returncode == 0, hostile["report"].stderr
    reports = hostile["workspace"] / "reports"
    with (reports / f"{ASSIGNMENT}_grades.csv").open() as handle:
        return {row["student"]: row for row in csv.DictReader(handle)}


def expected_class():
    expected = {trainee: fault.expected for trainee, fault in CLASS.items()}
    if SANDBOXED:
        expected["mallory"] = expect()
    return expected


def test_every_trainee_has_exactly_the_expected_grades(hostile):
    """One fault never changes anyone else's grade: every grade cell of every trainee, and the good
    trainees' exactly the solution's."""
    grades = gradebook_grades(hostile["workspace"])
    assert grades == expected_class()
    for trainee in GOOD[:2]:
        assert grades[trainee] == FULL
    out = hostile["graded"].stdout
    for trainee, expected in expected_class().items():
        status = "broken" if trainee in CLASS and CLASS[trainee].broken else "graded"
        assert re.search(rf"{sum(expected.values()):g}/{TOTAL}\s+{status}", line_of(out, trainee)), trainee
    broken = sum(f.broken for f in CLASS.values())
    assert f"{len(expected_class()) - broken} graded, 0 unchanged, {broken} could not be graded" in out


FAULTS = [t for t in CLASS if t not in GOOD]


@pytest.mark.parametrize("trainee", FAULTS)
def test_each_fault_is_graded_fairly(hostile, trainee):
    """The exact score of every grade cell of the trainee with that fault, in nbgrader's gradebook."""
    assert gradebook_grades(hostile["workspace"])[trainee] == CLASS[trainee].expected


@pytest.mark.parametrize("trainee", FAULTS)
def test_the_command_says_why(hostile, trainee):
    """The trainer sees the reason on the command's line for that trainee."""
    line = line_of(hostile["graded"].stdout, trainee)
    status = "broken" if CLASS[trainee].broken else "graded"
    said = re.match(rf"{trainee}\s+[\d.]+/{TOTAL}\s+{status}(: (?P<reason>.*))?$", line)
    assert said and re.search(CLASS[trainee].reason, said.group("reason") or ""), line


def test_feedback_is_written_for_every_trainee(hostile):
    """One trainee's notebook, however odd, never stops the feedback of the class."""
    assert hostile["feedback_failures"] == {}


@pytest.mark.parametrize("trainee", FAULTS)
def test_the_feedback_page_says_why(hostile, trainee):
    """The trainee reads the reason in their feedback page, with their score."""
    assert trainee not in hostile["feedback_failures"], hostile["feedback_failures"][trainee]
    text = " ".join(feedback_page(hostile, trainee).split())
    assert re.search(CLASS[trainee].page, text), text[:3000]
    score = sum(CLASS[trainee].expected.values())
    if CLASS[trainee].broken:
        assert f"Score: 0 / {TOTAL}" in text
    else:
        assert f"Your results: {score:g} / {TOTAL}" in text


@pytest.mark.parametrize("trainee", FAULTS)
def test_the_report_says_why(hostile, trainee):
    """The class report (CSV and HTML) gives each faulty trainee's score, and the reason: the
    report's ``reason`` column is where a trainer looks for it."""
    row = report_rows(hostile)[trainee]
    assert float(row["score"]) == sum(CLASS[trainee].expected.values())
    assert row["status"] == ("broken" if CLASS[trainee].broken else "graded")
    assert re.search(CLASS[trainee].reason, row["reason"]), row
    page = (hostile["workspace"] / "reports" / f"{ASSIGNMENT}_summary.html").read_text()
    shown = re.search(rf"<tr><td>{trainee}</td>.*?</tr>", page)
    assert shown and re.search(CLASS[trainee].reason, visible_text(shown.group())), shown


def test_good_trainees_feedback_is_the_solutions(hostile):
    for trainee in GOOD[:2]:
        assert f"Your results: {TOTAL} / {TOTAL}" in feedback_page(hostile, trainee)


def test_an_enormous_output_is_cut_in_the_graded_notebook(hostile):
    path = hostile["workspace"] / "autograded" / "chatty" / ASSIGNMENT / f"{NOTEBOOK}.ipynb"
    assert path.stat().st_size < 2 * 1024 * 1024
    cell = next(c for c in cells_of(path) if grade_id(c) == "q5_answer")
    text = "".join("".join(o.get("text", "")) for o in cell["outputs"])
    assert "[output cut by the grader: over 256 kB]" in text
    assert 250_000 < len(text) < 270_000


def test_test_cells_are_put_back_from_the_source(hostile):
    """Deleted, duplicated or edited test cells: the graded notebook holds each test cell once,
    with the source's code (hidden tests included)."""
    tests = {gid: "".join(c["source"]) for c in cells_of(SOURCE) if (gid := grade_id(c)) and gid.endswith("_tests")}
    for trainee in ("deleted", "duplicated", "edited"):
        path = hostile["workspace"] / "autograded" / trainee / ASSIGNMENT / f"{NOTEBOOK}.ipynb"
        graded = [c for c in cells_of(path) if c["metadata"].get("nbgrader", {}).get("grade")]
        assert sorted(grade_id(c) for c in graded) == sorted(tests), trainee
        for cell in graded:
            source = "".join(cell["source"])
            if trainee == "deleted":  # nbgrader says where it put a missing cell back
                note = "# This cell (id:q2_tests) was missing from the submission. It was added back by nbgrader.\n\n"
                source = source.replace(note, "") if grade_id(cell) == "q2_tests" else source
            assert source == tests[grade_id(cell)], (trainee, grade_id(cell))


def test_a_misnamed_notebook_is_graded_and_the_original_kept(hostile):
    folder = hostile["workspace"] / "submitted" / "misnamed" / ASSIGNMENT
    assert (folder / "planning (1).ipynb").read_bytes() == SOURCE.read_bytes()


def test_the_run_stays_within_its_budgets(hostile):
    """The slowest submission is bounded by the 40 s budget: the run is not the sum of its faults."""
    assert hostile["seconds"] < 150, hostile["seconds"]


# --------------------------------------------------------------------------------------------
# Isolation
# --------------------------------------------------------------------------------------------

def mallory_output(hostile):
    path = hostile["workspace"] / "autograded" / "mallory" / ASSIGNMENT / f"{NOTEBOOK}.ipynb"
    cell = next(c for c in cells_of(path) if grade_id(c) == "q5_answer")
    return "".join("".join(o.get("text", "")) for o in cell["outputs"] if o["output_type"] == "stream")


def test_the_hostile_trainee_reaches_nothing(hostile):
    require_sandbox()
    out = mallory_output(hostile)
    assert f"TRIED {hostile['attempts']}\n" in out, out  # the attack ran to its end
    succeeded = ast.literal_eval(re.search(r"SUCCEEDED (\[.*\])\n", out).group(1))
    # a course kept under /tmp shows inside the sandbox's own /tmp (a memory file system): a write there
    # stays in the sandbox, and the test below finds nothing on the grader's side
    private = [s for s in succeeded if ROOT.is_relative_to("/tmp") and s.startswith(f"write {ROOT}/")]
    assert succeeded == private, out
    assert not [s for s in private if Path(s.removeprefix("write ")).exists()]


def test_no_connection_reached_the_test_server(hostile):
    require_sandbox()
    assert hostile["received"] == []


def test_no_file_appeared_and_the_course_is_unchanged(hostile):
    require_sandbox()
    token = hostile["token"]
    written = [*hostile["root"].rglob(f"{token}*"), *Path("/tmp").glob(f"{token}*"), *Path.home().glob(f"{token}*"),
               *ROOT.glob(f"{token}*"), *ROOT.glob(f"*/{token}*"), *ROOT.glob(f"*/*/{token}*")]
    assert not written, f"trainee code wrote {written}"
    assert course_hashes() == hostile["course_before"]
    # every hand-in as collected; the grader's only change: the copy of a misnamed notebook
    submitted = tree_hashes(hostile["workspace"] / "submitted")
    copy = submitted.pop(f"misnamed/{ASSIGNMENT}/{NOTEBOOK}.ipynb")
    assert copy == submitted[f"misnamed/{ASSIGNMENT}/planning (1).ipynb"]
    assert submitted == hostile["submitted_before"]


def test_the_gradebook_has_no_trace_of_the_hostile_code(hostile):
    require_sandbox()
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{hostile['workspace'] / 'gradebook.db'}") as gb:
        students = sorted(s.id for s in gb.students)
        assignments = sorted(a.name for a in gb.assignments)
    assert students == sorted(expected_class())
    assert assignments == [ASSIGNMENT]
    assert gradebook_grades(hostile["workspace"])["mallory"] == FULL
    assert b"mallory-was-here" not in (hostile["workspace"] / "gradebook.db").read_bytes()


def test_isolate_require_grades_here(hostile):
    require_sandbox()
    again = run("grade", ASSIGNMENT, "--workers", "3", *LIMITS, "--isolate", "require", env=hostile["env"])
    assert f"0 graded, {len(expected_class())} unchanged" in again.stdout
    assert "isolation: sandboxed with bubblewrap" in again.stderr


def test_isolate_off_says_so(tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    env = environment(home)
    (tmp_path / "in").mkdir()
    make("solution", tmp_path / "in" / f"ana_{NOTEBOOK}.ipynb")
    run("collect", ASSIGNMENT, str(tmp_path / "in"), env=env)
    graded = run("grade", ASSIGNMENT, "--isolate", "off", "--timeout", "30", env=env)
    assert "isolation: NOT sandboxed" in graded.stderr
    assert re.search(rf"ana\s+{TOTAL}/{TOTAL}\s+graded", graded.stdout)



# --------------------------------------------------------------------------------------------
# Nothing lost: a grading run killed at any moment, then run again
# --------------------------------------------------------------------------------------------

SMALL = {  # a class whose uninterrupted grades are known (the class above grades each of these kinds)
    "ana": (lambda p: make("solution", p), expect()),
    "dev": (lambda p: make("mistakes", p), expect(POINTS)),
    "farid": (lambda p: make("blank", p), expect(FULL)),
    "exits": (CLASS["exits"].build, CLASS["exits"].expected),
    "notjson": (CLASS["notjson"].build, CLASS["notjson"].expected),
    "syntax": (CLASS["syntax"].build, CLASS["syntax"].expected),
}
GRADE_SMALL = ("grade", ASSIGNMENT, "--workers", "3", "--timeout", "30", "--memory-mb", "1500")


def small_class(root):
    home = root / "home"
    home.mkdir()
    env = environment(home)
    hand_ins = root / "hand-ins"
    hand_ins.mkdir()
    for trainee, (build, _) in SMALL.items():
        build(hand_ins / f"{trainee}_{NOTEBOOK}.ipynb")
    run("collect", ASSIGNMENT, str(hand_ins), env=env)
    return env, home / "pmo-grading" / "pmo-course"


def submissions_per_trainee(workspace):
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{workspace / 'gradebook.db'}") as gb:
        return {s.id: [(sub.assignment.name, len(sub.notebooks),
                        sorted(g.name for n in sub.notebooks for g in n.grades))
                       for sub in s.submissions] for s in gb.students}


def killed_run(env, after_seconds=None, after_graded=None):
    """Start the grading run and SIGKILL all of it (the command, its workers, their kernels) after
    some seconds, or as soon as its progress bar says ``after_graded`` trainees are done. Returns
    how many were done when it was killed (None if it finished first)."""
    done = 0
    with subprocess.Popen([str(COMMAND), *GRADE_SMALL], env=env, cwd=ROOT, start_new_session=True,
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True) as process:
        timer = threading.Timer(after_seconds, os.killpg, (process.pid, signal.SIGKILL)) if after_seconds else None
        if timer:
            timer.start()
        for line in process.stderr:
            progress = re.match(r"grade \[[#.]*\] (\d+)/", line)
            done = int(progress.group(1)) if progress else done
            if after_graded is not None and done >= after_graded:
                os.killpg(process.pid, signal.SIGKILL)
                break
        process.wait()
        if timer:
            timer.cancel()
    return None if process.returncode == 0 else done


def test_a_killed_run_loses_nothing(tmp_path):
    """Kill the whole grading run (SIGKILL to the command, its workers and their kernels) during its
    start, then twice just after it recorded its second trainee (the others in flight), running it
    again each time; the last run completes. The gradebook then holds exactly the grades an
    uninterrupted run gives, each trainee once, and nothing reported unchanged was never graded."""
    env, workspace = small_class(tmp_path)
    state = workspace / "pmo-lessons" / f"{ASSIGNMENT}.json"
    killed = []
    for moment in ({"after_seconds": 2}, {"after_graded": 2}, {"after_graded": 2}):
        killed.append(killed_run(env, **moment))
        if state.exists():
            json.loads(state.read_text())  # never half-written
    assert None not in killed, f"a run finished before it could be killed: {killed}"
    final = run(*GRADE_SMALL, env=env)
    grades = gradebook_grades(workspace)
    assert grades == {trainee: expected for trainee, (_, expected) in SMALL.items()}, final.stdout
    all_ids = sorted(FULL)
    assert submissions_per_trainee(workspace) == {t: [(ASSIGNMENT, 1, all_ids)] for t in SMALL}
    for trainee, (_, expected) in SMALL.items():
        line = line_of(final.stdout, trainee)
        assert re.match(rf"{trainee}\s+{sum(expected.values()):g}/{TOTAL}\s+(graded|unchanged|broken)", line), line
        if trainee != "notjson":  # what the run reported, it graded: its graded notebook is there
            assert (workspace / "autograded" / trainee / ASSIGNMENT / f"{NOTEBOOK}.ipynb").exists(), trainee
    again = run(*GRADE_SMALL, env=env)
    assert f"0 graded, {len(SMALL)} unchanged" in again.stdout
    pages = run("feedback", ASSIGNMENT, env=env)  # every graded notebook is whole
    assert f"{len(SMALL)} feedback pages" in pages.stdout


# --------------------------------------------------------------------------------------------
# Collecting again: the same, a newer or an older hand-in
# --------------------------------------------------------------------------------------------

def lms_zip(path, entries):
    """An LMS zip: (name inside, notebook kind, hand-in time)."""
    with zipfile.ZipFile(path, "w") as zf:
        for name, kind, stamp in entries:
            made = path.parent / f"made-{len(list(path.parent.glob('made-*')))}.ipynb"
            make(kind, made)
            zf.writestr(zipfile.ZipInfo(name, date_time=stamp), made.read_bytes())
    return path


def test_collecting_again_keeps_the_right_hand_in(tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    env = environment(home)
    workspace = home / "pmo-grading" / "pmo-course"
    grade = ("grade", ASSIGNMENT, "--workers", "3", "--timeout", "30")
    first = lms_zip(tmp_path / "first.zip", [
        (f"carl_{NOTEBOOK}.ipynb", "blank", (2024, 3, 1, 9, 0, 0)),
        # one trainee twice in one zip, the newer first or last: the newer is kept
        (f"early/dan_{NOTEBOOK}.ipynb", "blank", (2024, 3, 1, 9, 0, 0)),
        (f"late/dan_{NOTEBOOK}.ipynb", "solution", (2024, 3, 1, 10, 0, 0)),
        (f"a/eve_{NOTEBOOK}.ipynb", "solution", (2024, 3, 1, 10, 0, 0)),
        (f"b/eve_{NOTEBOOK}.ipynb", "blank", (2024, 3, 1, 9, 0, 0)),
    ])
    out = run("collect", ASSIGNMENT, str(first), env=env).stdout
    assert re.search(r"taken\s+carl\s.*\(new\)", out)
    assert re.search(r"skipped\s+early/dan_planning.ipynb: duplicate: .*kept the newer late/dan_planning.ipynb", out)
    assert re.search(r"skipped\s+b/eve_planning.ipynb: duplicate: .*kept the newer a/eve_planning.ipynb", out)
    graded = run(*grade, env=env).stdout
    assert re.search(rf"carl\s+0/{TOTAL}\s+graded", graded)
    assert re.search(rf"dan\s+{TOTAL}/{TOTAL}\s+graded", graded)
    assert re.search(rf"eve\s+{TOTAL}/{TOTAL}\s+graded", graded)

    # the same zip again: nothing taken, nothing graded again
    again = run("collect", ASSIGNMENT, str(first), env=env).stdout
    assert "0 taken" in again and re.search(r"unchanged: carl's planning is already collected", again)
    assert "0 graded, 3 unchanged" in run(*grade, env=env).stdout

    # a newer hand-in of carl: taken as an update, graded again
    newer = lms_zip(tmp_path / "newer.zip", [(f"carl_{NOTEBOOK}.ipynb", "solution", (2024, 3, 2, 9, 0, 0))])
    out = run("collect", ASSIGNMENT, str(newer), env=env).stdout
    assert re.search(r"taken\s+carl\s.*\(updated\)", out) and "1 taken" in out
    graded = run(*grade, env=env).stdout
    assert "1 graded, 2 unchanged" in graded and re.search(rf"carl\s+{TOTAL}/{TOTAL}\s+graded", graded)

    # an older copy collected after the newer one: the newer is kept, and the command says so
    older = lms_zip(tmp_path / "older.zip", [(f"carl_{NOTEBOOK}.ipynb", "mistakes", (2024, 3, 1, 12, 0, 0))])
    out = run("collect", ASSIGNMENT, str(older), env=env).stdout
    assert "0 taken" in out and re.search(r"skipped\s+carl_planning.ipynb: older: .*which is kept", out), out
    assert (workspace / "submitted" / "carl" / ASSIGNMENT / f"{NOTEBOOK}.ipynb").read_bytes() == SOURCE.read_bytes()
    assert "0 graded, 3 unchanged" in run(*grade, env=env).stdout
    assert gradebook_grades(workspace) == {"carl": expect(), "dan": expect(), "eve": expect()}
    assert submissions_per_trainee(workspace) == {t: [(ASSIGNMENT, 1, sorted(FULL))] for t in ("carl", "dan", "eve")}
