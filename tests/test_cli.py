"""The trainer's workflow end to end, through the real ``pmo-lessons`` command.

A generated class of 12 trainees hands in the planning assignment as an LMS zip: correct, partial,
blank and broken work (a syntax error, invalid JSON, a kernel that dies, a memory hog). The test
collects it, grades it in parallel and sequentially, checks every grade in nbgrader's gradebook and
in the CSV, scans every feedback page for every hidden-test line, and checks that a second run
grades only what changed.
"""

import csv
import json
import re
import shutil
import subprocess
import zipfile

import pytest

from .conftest import ROOT
from .helpers import (
    ASSIGNMENT,
    COMMAND,
    EXERCISE,
    FULL,
    NOTEBOOK,
    POINTS,
    SOURCE,
    TOTAL,
    expect,
    gradebook_grades,
    make,
    run,
    trainer_at,
    visible_text,
)

pytestmark = pytest.mark.grading

HIDDEN = re.compile(r"### BEGIN HIDDEN TESTS(.*?)### END HIDDEN TESTS", re.S)








# trainee -> (how the notebook is made, the expected score of every grade cell, broken?)
CLASS = {
    "ana": ("solution", expect(), False),
    "ben": ("solution", expect(), False),
    "chloe": ("solution", expect(), False),
    "dev": ("mistakes", expect(POINTS), False),
    "emma": ("mistakes", expect(POINTS), False),
    "farid": ("blank", expect(FULL), False),
    "gina": ("blank", expect(FULL), False),
    "hugo": ("syntax", expect({"q5_tests"}), False),
    "ines": ("memory", expect({"q5_tests"}), False),
    "jon": ("invalid", expect(FULL), True),
    "kim": ("dies", expect({"q2_tests"}), False),  # the cell that ended the kernel scores 0, the rest is graded
    "lea": ("partial-blank", expect({"q4_tests", "q5_tests"}), False),
}










@pytest.fixture(scope="module")
def classroom(tmp_path_factory):
    root = tmp_path_factory.mktemp("classroom")
    home, env, workspace = trainer_at(root)
    work = root / "made"
    work.mkdir()
    archive = root / "lms.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        for trainee, (kind, _, _) in CLASS.items():
            zf.write(make(kind, work / f"{trainee}.ipynb"), f"submissions/{trainee}_{NOTEBOOK}.ipynb")
        # an older second hand-in of ana (skipped as duplicate), a stray file, another assignment's notebook
        info = zipfile.ZipInfo(f"early/ana_{NOTEBOOK}.ipynb", date_time=(2020, 1, 1, 0, 0, 0))
        zf.writestr(info, EXERCISE.read_text())
        zf.writestr("submissions/readme.txt", "hello")
        zf.writestr("submissions/ben_risk.ipynb", "{}")
    collected = run("collect", ASSIGNMENT, str(archive), env=env)
    parallel = run("grade", ASSIGNMENT, "--workers", "3", "--memory-mb", "1500", env=env)
    return {"root": root, "home": home, "env": env, "workspace": workspace, "work": work,
            "collected": collected, "parallel": parallel, "archive": archive}


def test_the_default_workspace_is_outside_the_repository(classroom):
    assert (classroom["workspace"] / "gradebook.db").exists()
    assert ROOT not in classroom["workspace"].parents


def test_collect_reports_what_it_took_and_skipped(classroom):
    out = classroom["collected"].stdout
    for trainee in CLASS:
        assert re.search(rf"taken\s+{trainee}\s", out), trainee
    assert re.search(r"skipped\s+early/ana_planning.ipynb: duplicate", out)
    assert re.search(r"skipped\s+submissions/readme.txt: unknown file", out)
    assert re.search(r"skipped\s+submissions/ben_risk.ipynb: wrong assignment", out)
    again = run("collect", ASSIGNMENT, str(classroom["archive"]), env=classroom["env"]).stdout
    assert "0 taken" in again and "unchanged" in again


def test_every_grade_in_the_gradebook(classroom):
    grades = gradebook_grades(classroom["workspace"])
    assert set(grades) == set(CLASS)
    for trainee, (_, expected, _) in CLASS.items():
        assert grades[trainee] == expected, trainee


def test_broken_submissions_get_zero_and_a_reason(classroom):
    out = classroom["parallel"].stdout
    assert re.search(rf"jon\s+0/{TOTAL}\s+broken: planning.ipynb is not a valid notebook", out)
    # os._exit in question 2: that question only
    assert re.search(rf"kim\s+{TOTAL - FULL['q2_tests']}/{TOTAL}\s+graded", out)
    assert re.search(rf"ana\s+{TOTAL}/{TOTAL}\s+graded", out)


def test_every_grade_in_the_csv(classroom):
    run("report", ASSIGNMENT, env=classroom["env"])
    reports = classroom["workspace"] / "reports"
    lines = (reports / f"{ASSIGNMENT}_grades.csv").read_text(encoding="utf-8").splitlines()
    rows = {r["student"]: r for r in csv.DictReader(lines)}
    assert set(rows) == set(CLASS)
    questions = sorted({re.match(r"q\d+", g).group() for g in FULL})
    for trainee, (_, expected, broken) in CLASS.items():
        row = rows[trainee]
        assert float(row["score"]) == sum(expected.values()), trainee
        assert float(row["max_score"]) == TOTAL
        for q in questions:
            assert float(row[q]) == sum(v for g, v in expected.items() if g.startswith(q + "_") or
                                        re.match(rf"{q}[a-z]_", g)), (trainee, q)
        assert (row["status"] == "broken") == broken
        kind = CLASS[trainee][0]
        if broken:
            assert row["reason"], trainee
        why = {"solution": "^$", "syntax": "question 5: the code is not valid Python",
               "memory": "question 5: it needed more memory than grading allows",
               "dies": "question 2: the kernel died while running this cell",
               "blank": "question 1: not answered"}.get(kind)
        if why:
            assert re.search(why, row["reason"]), (trainee, row["reason"])
    page = (reports / f"{ASSIGNMENT}_summary.html").read_text()
    assert page.count("data:image/png;base64,") == 3
    assert "http://" not in page and "https://" not in page
    assert "You added the standard deviations" in page


def secret_lines():
    nb = json.loads(SOURCE.read_text())
    hidden, public = set(), set()
    for cell in nb["cells"]:
        text = "".join(cell["source"])
        for block in HIDDEN.findall(text):
            hidden |= {line.strip() for line in block.splitlines()}
        public |= {line.strip() for line in HIDDEN.sub("", text).splitlines()}
    return sorted(line for line in hidden - public if len(line) > 3)




def test_feedback_shows_scores_and_diagnostics_but_no_hidden_test(classroom):
    run("feedback", ASSIGNMENT, env=classroom["env"])
    folder = classroom["workspace"] / "feedback"
    pages = {p.parent.parent.name: p.read_text() for p in folder.glob(f"*/{ASSIGNMENT}/*.html")}
    assert set(pages) == set(CLASS)
    secrets = secret_lines()
    assert len(secrets) > 40
    for trainee, page in pages.items():
        text, raw = visible_text(page), " ".join(page.split())
        for line in secrets:
            squeezed = " ".join(line.split())
            assert squeezed not in text and squeezed not in raw, f"{trainee}'s feedback shows {line!r}"
        assert "BEGIN HIDDEN" not in page
    assert "You added the standard deviations" in visible_text(pages["dev"])
    assert "near-critical path" in visible_text(pages["dev"])
    assert f"Your results: {TOTAL - sum(POINTS.values())} / {TOTAL}" in visible_text(pages["dev"])
    assert "could not be graded" in visible_text(pages["jon"])


def test_sequential_grading_gives_the_same_scores(classroom, tmp_path):
    sequential = tmp_path / "sequential"
    shutil.copytree(classroom["workspace"] / "submitted", sequential / "submitted")
    result = run("grade", ASSIGNMENT, "--workers", "1", "--memory-mb", "1500", "--workspace", str(sequential),
                 env=classroom["env"])
    assert "11 graded, 0 unchanged, 1 could not be graded" in result.stdout
    assert gradebook_grades(sequential) == gradebook_grades(classroom["workspace"])


def test_a_second_run_grades_only_what_changed(classroom):
    env = classroom["env"]
    limits = ("--memory-mb", "1500")  # the same limits: other limits would grade everything again
    again = run("grade", ASSIGNMENT, *limits, env=env).stdout
    assert "0 graded, 12 unchanged" in again
    fixed = classroom["root"] / "fixed"
    fixed.mkdir()
    shutil.copy(SOURCE, fixed / f"farid_{NOTEBOOK}.ipynb")
    assert "farid" in run("collect", ASSIGNMENT, str(fixed), env=env).stdout
    third = run("grade", ASSIGNMENT, *limits, env=env).stdout
    assert "1 graded, 11 unchanged" in third
    assert re.search(rf"farid\s+{TOTAL}/{TOTAL}\s+graded", third)
    assert gradebook_grades(classroom["workspace"])["farid"] == expect()


def test_release_refuses_stale_exercises(classroom, tmp_path):
    course = tmp_path / "course"
    for name in ("solutions", "exercises"):
        shutil.copytree(ROOT / name, course / name)
    shutil.copy(ROOT / "nbgrader_config.py", course)
    env, ws = classroom["env"], ["--course", str(course), "--workspace", str(tmp_path / "ws")]
    assert "planning: up to date" in run("release", "planning", "--check", *ws, env=env).stdout
    notebook = course / "solutions" / "planning" / "planning.ipynb"
    nb = json.loads(notebook.read_text())
    nb["cells"][0]["source"] = "# Changed\n" + "".join(nb["cells"][0]["source"])
    notebook.write_text(json.dumps(nb))
    checked = run("release", "planning", "--check", *ws, env=env, check=False)
    assert checked.returncode == 1 and "stale" in checked.stderr
    (tmp_path / "ws" / "submitted" / "ana" / "planning").mkdir(parents=True)
    shutil.copy(SOURCE, tmp_path / "ws" / "submitted" / "ana" / "planning")
    refused = run("grade", "planning", *ws, env=env, check=False)
    assert refused.returncode == 2 and "exercises/planning is stale" in refused.stderr
    assert "planning: released" in run("release", "planning", *ws, env=env).stdout
    assert "# Changed" in (course / "exercises" / "planning" / "planning.ipynb").read_text()


def test_release_check_fails_while_the_record_is_behind(classroom, tmp_path):
    """An exercise as a fresh generation would make it, that the release record does not name (released
    before the record knew it): --check says so and exits 1, since a fresh clone would take it as stale;
    release writes the record, not the exercise."""
    course = tmp_path / "course"
    for name in ("solutions", "exercises"):
        shutil.copytree(ROOT / name, course / name)
    shutil.copy(ROOT / "nbgrader_config.py", course)
    record = course / "exercises" / "releases.json"
    kept = json.loads(record.read_text())
    del kept["planning"]
    record.write_text(json.dumps(kept))
    exercise = (course / "exercises" / "planning" / "planning.ipynb").read_bytes()
    env, ws = classroom["env"], ["--course", str(course), "--workspace", str(tmp_path / "ws")]
    checked = run("release", "planning", "--check", *ws, env=env, check=False)
    assert checked.returncode == 1, checked.stdout
    assert "planning: up to date, but exercises/releases.json is behind" in checked.stdout
    assert "run `pmo-lessons release planning`" in checked.stderr
    assert "planning: up to date" in run("release", "planning", *ws, env=env).stdout
    assert "planning" in json.loads(record.read_text())
    assert exercise == (course / "exercises" / "planning" / "planning.ipynb").read_bytes()
    assert "planning: up to date\n" in run("release", "planning", "--check", *ws, env=env).stdout


def test_errors_name_the_problem(classroom, tmp_path):
    env = classroom["env"]
    missing = run("grade", "nosuch", env=env, check=False)
    assert missing.returncode == 2 and "no assignment 'nosuch'" in missing.stderr
    nofile = run("collect", ASSIGNMENT, str(tmp_path / "absent.zip"), env=env, check=False)
    assert nofile.returncode == 2 and "absent.zip does not exist" in nofile.stderr
    inside = run("grade", ASSIGNMENT, "--workspace", str(ROOT / "solutions" / "x"), env=env, check=False)
    assert inside.returncode == 2 and "inside solutions/" in inside.stderr
    negative = run("grade", ASSIGNMENT, "--budget", "-1", env=env, check=False)
    assert negative.returncode == 2 and "--budget must be 0 (no limit) or a positive number" in negative.stderr
    for command in ("release", "collect", "grade", "feedback", "report"):
        assert run(command, "--help", env=env).stdout.startswith("usage: pmo-lessons " + command)


def nbgrader_as_trainee(step, trainee, folder, exchange, env):
    """A trainee's own nbgrader command (what JupyterLab's Assignments tab runs), in their folder."""
    command = [str(COMMAND.parent / "nbgrader"), step, ASSIGNMENT, "--course", "pmo-course",
               f"--Exchange.root={exchange}", f"--Exchange.cache={folder / '.nbgrader-cache'}",
               f"--CourseDirectory.student_id={trainee}"]
    result = subprocess.run(command, cwd=folder, env=env, capture_output=True, text=True)
    assert result.returncode == 0, f"nbgrader {step} as {trainee} failed:\n{result.stdout}\n{result.stderr}"
    return result


def test_the_whole_round_through_nbgraders_exchange(classroom, tmp_path):
    """release --exchange, trainees fetch and submit with nbgrader, collect --exchange, grade,
    feedback --exchange, trainees fetch their feedback: the laptop workflow, through the exchange."""
    env = dict(classroom["env"])
    exchange = tmp_path / "exchange"
    ws = ["--workspace", str(tmp_path / "ws"), "--exchange-root", str(exchange)]
    released = run("release", ASSIGNMENT, "--exchange", *ws, env=env)
    assert "published to the exchange" in released.stdout
    published = exchange / "pmo-course" / "outbound" / ASSIGNMENT / f"{NOTEBOOK}.ipynb"
    assert published.read_bytes() == EXERCISE.read_bytes()
    answers = {"zoe": ("solution", TOTAL), "yann": ("blank", 0)}
    for trainee, (kind, _) in answers.items():
        folder = tmp_path / trainee
        folder.mkdir()
        nbgrader_as_trainee("fetch_assignment", trainee, folder, exchange, env)
        fetched = folder / ASSIGNMENT / f"{NOTEBOOK}.ipynb"
        assert fetched.read_bytes() == EXERCISE.read_bytes()
        make(kind, fetched)
        nbgrader_as_trainee("submit", trainee, folder, exchange, env)
    collected = run("collect", ASSIGNMENT, "--exchange", *ws, env=env)
    assert collected.stdout.count("(new)") == 2, collected.stdout
    graded = run("grade", ASSIGNMENT, *ws, env=env)
    assert re.search(rf"zoe\s+{TOTAL}/{TOTAL}", graded.stdout) and re.search(rf"yann\s+0/{TOTAL}", graded.stdout)
    run("feedback", ASSIGNMENT, "--exchange", *ws, env=env)
    again = run("collect", ASSIGNMENT, "--exchange", *ws, env=env)
    assert "0 taken" in again.stdout and "unchanged" in again.stdout
    secrets = [line.strip() for block in HIDDEN.findall(SOURCE.read_text())
               for line in block.splitlines() if len(line.strip()) > 3]
    for trainee, (_, score) in answers.items():
        folder = tmp_path / trainee
        nbgrader_as_trainee("fetch_feedback", trainee, folder, exchange, env)
        pages = list((folder / ASSIGNMENT / "feedback").rglob(f"{NOTEBOOK}.html"))
        assert len(pages) == 1, f"{trainee} fetched {pages}"
        page = pages[0].read_text()
        assert f"Your results: {score} / {TOTAL}" in page, f"{trainee}'s fetched feedback is not the graded page"
        assert not [s for s in secrets if s in page], f"{trainee}'s feedback shows a hidden test line"
