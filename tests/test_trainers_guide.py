"""The trainer's guide (course/trainers_guide.ipynb) stays true to the kit.

It names every lesson and every assignment; its agendas fit their formats and
their slots follow each other; the lesson map's durations are positive; every
``pmo-lessons`` command it shows is one the command-line parser accepts.
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


@pytest.mark.parametrize("name", ["ONE_DAY", "TWO_DAYS", "FIVE_SESSIONS"])
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


def test_every_lesson_taught_in_two_days_and_five_sessions(tables):
    for name in ("TWO_DAYS", "FIVE_SESSIONS"):
        content = " ".join(tables[name]["content"])
        for lesson in tables["LESSON_MAP"].index:
            assert re.search(rf"\b{lesson} [A-Z]", content), (name, lesson)


def test_every_command_is_a_real_pmo_lessons_sub_command(text):
    commands = re.findall(r"`pmo-lessons ([^`]+)`", text)
    assert len(commands) >= 5
    parser = build_parser()
    used = set()
    for command in commands:
        args = parser.parse_args(shlex.split(command))  # exits (SystemExit) on a wrong command
        used.add(args.command)
    assert {"release", "collect", "grade", "feedback", "report"} == used


def test_a_wrong_command_would_be_caught():
    with pytest.raises(SystemExit):
        build_parser().parse_args(shlex.split("publish planning"))


def test_the_agenda_tables_are_data_not_styled(tables):
    assert isinstance(tables["AGENDAS"], pd.DataFrame)
    assert {"format", "part", "start", "minutes", "kind", "content"} == set(tables["AGENDAS"].columns)
    assert set(tables["AGENDAS"]["kind"]) <= {"teach", "exercise", "break"}
