"""The trainer's guide (course/trainers_guide.ipynb) stays true to the kit, and times agree.

It names every lesson and every assignment; its agendas fit their formats and
their slots follow each other; every ``pmo-lessons`` command it shows is one the
command-line parser accepts.

Times have one source, the lesson map ``course/lessons.csv``: every lesson's
header states its times, the opening lesson computes the course's length from
it, and every agenda slot that teaches a lesson or runs an exercise lasts what
the map says (an exercise may be split over slots, or done at home; one done
partly in class says in its last slot that the rest is done at home, and then
takes less than the map's time in class). A one-day agenda teaches one track,
not the whole course.
"""

import json
import os
import re
import shlex

import pandas as pd
import pytest

from pmo_lessons.cli import build_parser

from .conftest import ASSIGNMENTS, ROOT

GUIDE = ROOT / "course" / "trainers_guide.ipynb"
LESSONS = sorted(p.name for p in (ROOT / "course").glob("*.ipynb") if p.name != GUIDE.name)
MAP = pd.read_csv(ROOT / "course" / "lessons.csv", dtype={"lesson": str},
                  keep_default_na=False).set_index("lesson")
HEADER = re.compile(r"\*PMO course kit(?:, elective module)?\. About (\d+) minutes"
                    r"(?:: (\d+) to (?:teach|read this page)(?:, (\d+) for the exercise)?)?\.(?: After [^*]+)?\*"
                    r"|\*Lesson 0\. About (\d+) minutes\.\*")


@pytest.fixture(scope="module")
def cells():
    return json.loads(GUIDE.read_text(encoding="utf-8"))["cells"]


@pytest.fixture(scope="module")
def text(cells):
    return "\n".join("".join(cell["source"]) for cell in cells)


@pytest.fixture(scope="module")
def tables(cells):
    """The guide's code cells run in order, in the guide's folder: LESSON_MAP, AGENDAS and the rest."""
    namespace = {}
    here = os.getcwd()
    os.chdir(GUIDE.parent)
    try:
        for cell in cells:
            if cell["cell_type"] == "code":
                exec("".join(cell["source"]), namespace)  # noqa: S102 - the guide's own cells
    finally:
        os.chdir(here)
    return namespace


def minutes(clock):
    hours, mins = clock.split(":")
    return 60 * int(hours) + int(mins)


@pytest.mark.parametrize("notebook", LESSONS)
def test_the_guide_names_every_lesson(text, notebook):
    assert notebook in text


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_the_guide_names_every_assignment(text, tables, assignment):
    assert f"exercise `{assignment}`" in text
    assert assignment in set(tables["LESSON_MAP"]["assignment"])


def test_the_lesson_map_lists_the_lessons_in_order(tables):
    notebooks = tables["LESSON_MAP"]["notebook"].tolist()
    assert notebooks == sorted(notebooks)
    assert set(LESSONS) <= set(notebooks)


def test_every_duration_of_the_lesson_map_is_positive(tables):
    lesson_map = tables["LESSON_MAP"]
    assert (lesson_map["teaching_min"] > 0).all()
    with_exercise = lesson_map[lesson_map["assignment"] != ""]
    assert (with_exercise["exercise_min"] > 0).all()
    assert (lesson_map.loc[lesson_map["assignment"] == "", "exercise_min"] == 0).all()
    assert (lesson_map["total_min"] == lesson_map["teaching_min"] + lesson_map["exercise_min"]).all()


def test_the_points_are_the_assignments_points(tables):
    lesson_map = tables["LESSON_MAP"].set_index("assignment")
    for assignment in ASSIGNMENTS:
        notebook = json.loads((ROOT / "solutions" / assignment / f"{assignment}.ipynb").read_text())
        points = sum(cell["metadata"]["nbgrader"]["points"] for cell in notebook["cells"]
                     if cell["metadata"].get("nbgrader", {}).get("grade"))
        assert points == lesson_map.at[assignment, "points"], assignment


def content_hours(agenda):
    return agenda.loc[agenda["kind"] != "break", "minutes"].sum() / 60


def test_one_day_holds_six_to_seven_hours_of_content(tables):
    assert 6 <= content_hours(tables["ONE_DAY"]) <= 7
    assert tables["ONE_DAY"]["part"].nunique() == 1


def test_two_days_hold_twelve_to_fourteen_hours_six_or_seven_a_day(tables):
    agenda = tables["TWO_DAYS"]
    assert 12 <= content_hours(agenda) <= 14
    days = [content_hours(day) for _, day in agenda.groupby("part")]
    assert 2 == len(days) and all(6 <= hours <= 7 for hours in days)


def test_five_sessions_of_two_to_three_hours(tables):
    sessions = [content_hours(s) for _, s in tables["FIVE_SESSIONS"].groupby("part")]
    assert 5 == len(sessions)
    assert all(2 <= hours <= 3 for hours in sessions), sessions


def test_the_closing_session_plays_the_simulation_in_90_to_120_minutes(tables):
    """The issue's slot: the simulation closes the course in 90 to 120 minutes, taught, played and
    debriefed in one session."""
    session = tables["CLOSING_SESSION"]
    assert 1 == session["part"].nunique()
    assert 1.5 <= content_hours(session) <= 2
    assert session["content"].iloc[0].startswith("16 ") and "simulation exercise" in session["content"].iloc[1]
    assert session["content"].iloc[-1].startswith("Debrief")


@pytest.mark.parametrize("name", ["ONE_DAY", "TWO_DAYS", "FIVE_SESSIONS", "CLOSING_SESSION"])
def test_each_slot_starts_when_the_previous_one_ends(tables, name):
    for part, slots in tables[name].groupby("part", sort=False):
        starts = [minutes(s) for s in slots["start"]]
        ends = [a + b for a, b in zip(starts, slots["minutes"])]
        assert starts[1:] == ends[:-1], (name, part)
        assert (slots["minutes"] > 0).all()


def test_the_shown_totals_are_the_agendas(tables):
    shown = tables["per_format"]
    agendas = tables["AGENDAS"]
    for format_, hours in shown.items():
        assert round(content_hours(agendas[agendas["format"] == format_]), 2) == hours


def test_every_core_lesson_taught_in_two_days_and_five_sessions(tables):
    lesson_map = tables["LESSON_MAP"]
    for name in ("TWO_DAYS", "FIVE_SESSIONS"):
        content = " ".join(tables[name]["content"])
        for lesson in lesson_map.index[lesson_map["track"] == "core"]:
            assert re.search(rf"\b{lesson} [A-Z]", content), (name, lesson)


# --- times that agree ----------------------------------------------------------------------


def lesson_header(notebook):
    cells = json.loads((ROOT / "course" / notebook).read_text(encoding="utf-8"))["cells"]
    return "".join(cells[0]["source"])


@pytest.mark.parametrize("lesson", MAP.index.tolist())
def test_each_lesson_header_states_the_times_of_the_lesson_map(lesson):
    row = MAP.loc[lesson]
    match = HEADER.search(lesson_header(row["notebook"]))
    assert match, f"{row['notebook']}: no 'About N minutes' header"
    total, teaching, exercise, welcome = match.groups()
    total = int(total or welcome)
    assert row["teaching_min"] + row["exercise_min"] == total, row["notebook"]
    if row["exercise_min"]:
        assert (row["teaching_min"], row["exercise_min"]) == (int(teaching), int(exercise)), (
            row["notebook"])
    else:
        assert teaching is None and exercise is None, row["notebook"]


def test_a_wrong_header_would_be_caught():
    assert HEADER.search("*PMO course kit. About 110 minutes: 60 to teach, 50 for the exercise.*")
    match = HEADER.search("*PMO course kit. About 90 minutes, with the exercise.*")
    assert match is None  # the old headers, which disagreed with the guide, no longer parse
    elective = HEADER.search("*PMO course kit, elective module. About 70 minutes: 40 to teach, 30 for the exercise. "
                             "After lessons 01 (planning) and 03 (monitoring).*")
    assert ("70", "40", "30") == elective.groups()[:3]


def test_the_lesson_map_has_a_track_per_lesson_and_the_map_is_every_notebook():
    assert {"core", "elective"} >= set(MAP["track"])
    assert sorted(MAP["notebook"]) == LESSONS  # every notebook but the guide, and only those
    assert MAP.index.is_unique and MAP["title"].ne("").all()
    assert (MAP["teaching_min"] > 0).all() and (MAP["exercise_min"] >= 0).all()


def test_the_guide_reads_the_lesson_map(tables):
    lesson_map = tables["LESSON_MAP"]
    for column in ("teaching_min", "exercise_min", "track", "assignment"):
        assert MAP[column].tolist() == lesson_map[column].tolist(), column


def exercise_time_agrees(contents, minutes, planned):
    """An exercise's slots in class last its time in the lesson map, or less when the last one says
    that the rest is done at home (and only the last one says so)."""
    if any("the rest at home" in content for content in contents[:-1]):
        return False
    if contents[-1].endswith("the rest at home"):
        return 0 < sum(minutes) < planned
    return sum(minutes) == planned


def test_a_wrong_split_would_be_caught():
    assert exercise_time_agrees(["capstone exercise, questions 1 to 4", "capstone exercise, 5 to 8"], [80, 70], 150)
    assert not exercise_time_agrees(["capstone exercise, questions 1 to 8"], [150], 195)  # squeezed, silently
    assert exercise_time_agrees(["capstone exercise, 1 to 8; question 9, the rest at home"], [150], 195)
    assert not exercise_time_agrees(["capstone exercise; the rest at home", "capstone exercise"], [80, 70], 195)
    assert not exercise_time_agrees(["capstone exercise, all of it; the rest at home"], [195], 195)


SLOT = re.compile(r"^(?P<lesson>\w+) (?P<title>.+?)( \(.*\))?$")


@pytest.mark.parametrize("name", ["ONE_DAY", "TWO_DAYS", "FIVE_SESSIONS", "CLOSING_SESSION"])
def test_agenda_slots_last_what_the_lesson_map_says(tables, name):
    agenda = tables[name]
    taught = {}
    for _, slot in agenda[agenda["kind"] == "teach"].iterrows():
        match = SLOT.match(slot["content"])
        lesson = match["lesson"] if match else None
        if lesson in MAP.index and match["title"].startswith(MAP.at[lesson, "title"]):
            assert MAP.at[lesson, "teaching_min"] == slot["minutes"], (name, slot["content"])
            assert lesson not in taught, (name, lesson)  # a lesson is taught once, whole
            taught[lesson] = slot["minutes"]
    by_assignment = MAP[MAP["assignment"] != ""].set_index("assignment")
    exercises = agenda[agenda["kind"] == "exercise"]
    done = exercises["content"].str.extract(r"^(\w+) exercise")[0]
    assert done.notna().all(), (name, exercises["content"].tolist())
    for assignment, slots in exercises.groupby(done):
        planned = by_assignment.at[assignment, "exercise_min"]
        assert exercise_time_agrees(slots["content"].tolist(), slots["minutes"].tolist(), planned), (
            name, assignment)
    # an exercise is done in class only after its lesson has been taught
    order = list(agenda["content"])
    for assignment in set(done):
        lesson = MAP.index[MAP["assignment"] == assignment][0]
        first_exercise = next(k for k, c in enumerate(order) if c.startswith(f"{assignment} exercise"))
        lesson_slot = next(k for k, c in enumerate(order) if c.startswith(f"{lesson} "))
        assert lesson_slot < first_exercise, (name, assignment)


def test_one_day_picks_a_track_and_does_not_squeeze_the_course(tables):
    agenda, tracks = tables["ONE_DAY"], tables["ONE_DAY_TRACKS"]
    taught = [c.split(" ")[0] for c in agenda.loc[agenda["kind"] == "teach", "content"]
              if c.split(" ")[0] in MAP.index]
    core = MAP.index[MAP["track"] == "core"].tolist()
    assert set(taught) < set(core), "a one-day agenda teaches a track, not every lesson"
    assert taught in [list(lessons) for lessons in tracks.values()]
    for name, lessons in tracks.items():  # every track fits a day, each lesson with its exercise
        hours = MAP.loc[lessons, ["teaching_min", "exercise_min"]].to_numpy().sum() / 60
        assert 6 <= hours <= 7, (name, hours)


def test_the_opening_lesson_computes_the_course_length_from_the_map():
    cells = json.loads((ROOT / "course" / "00_welcome.ipynb").read_text(encoding="utf-8"))["cells"]
    cell = next(c for c in cells if c["cell_type"] == "code"
                and "lessons.csv" in "".join(c["source"]))
    printed = "".join("".join(o.get("text", "")) for o in cell["outputs"] if o.get("name") == "stdout")
    core = MAP[MAP["track"] == "core"]
    teaching, exercises = core["teaching_min"].sum() / 60, core["exercise_min"].sum() / 60
    assert (f"Core track: {len(core)} notebooks, {teaching:.1f} hours of teaching and "
            f"{exercises:.1f} hours of exercises, {teaching + exercises:.1f} hours in all") in printed
    text = "".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")
    assert "60 to 90 minutes" not in text  # the old, hard-coded claim


def test_every_command_is_a_real_pmo_lessons_sub_command(text):
    commands = re.findall(r"`pmo-lessons ([^`]+)`", text)
    assert len(commands) >= 5
    parser = build_parser()
    used = set()
    for command in commands:
        args = parser.parse_args(shlex.split(command))  # exits (SystemExit) on a wrong command
        used.add(args.command)
    assert {"release", "collect", "grade", "feedback", "report", "formgrader"} == used


def test_a_wrong_command_would_be_caught():
    with pytest.raises(SystemExit):
        build_parser().parse_args(shlex.split("publish planning"))


def test_the_agenda_tables_are_data_not_styled(tables):
    assert isinstance(tables["AGENDAS"], pd.DataFrame)
    assert {"format", "part", "start", "minutes", "kind", "content"} == set(tables["AGENDAS"].columns)
    assert set(tables["AGENDAS"]["kind"]) <= {"teach", "exercise", "break"}
