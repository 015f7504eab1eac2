"""Tests of pmo_lessons.grading.release: stale means solutions/ changed, a trainee's save into
exercises/ is never overwritten, and the check is fast when nothing changed.

On the tiny course of tests/conftest.py, released for real by nbgrader into its exercises/.
"""

import importlib
import json

import pytest

from pmo_lessons.grading import GradingError, open_workspace, release, stale_exercises
from pmo_lessons.grading.release import RECORD, contents, release_status, stale_release

pytestmark = pytest.mark.grading


@pytest.fixture
def released(tiny_course):
    """The tiny course with nbgrader's folders, released once: its workspace."""
    (tiny_course.course / "nbgrader_config.py").write_text(
        "c = get_config()  # noqa: F821\nc.CourseDirectory.course_id = 'tiny'\n"
        "c.CourseDirectory.source_directory = 'solutions'\nc.CourseDirectory.release_directory = 'exercises'\n")
    ws = open_workspace(course=tiny_course.course, workspace=tiny_course.root)
    assert [("planning", "released")] == release(ws)
    return ws


def exercise(ws):
    return ws.exercises("planning") / "planning.ipynb"


def save_answer(path, text="answer = 4\n"):
    """What JupyterLab does when a trainee saves: the answer cell changed, the file re-indented."""
    nb = json.loads(path.read_text())
    cell = next(c for c in nb["cells"] if c["metadata"].get("nbgrader", {}).get("grade_id") == "q1_answer")
    cell["source"] = text
    path.write_text(json.dumps(nb, indent=1))


def change_solutions(ws, text="# Planning, second edition\n"):
    path = ws.source("planning") / "planning.ipynb"
    nb = json.loads(path.read_text())
    nb["cells"][0]["source"] = text
    path.write_text(json.dumps(nb))


class TestTheRecord:
    def test_release_writes_down_the_source_and_each_file(self, released):
        record = json.loads((released.course / "exercises" / RECORD).read_text())
        assert {"planning.ipynb": contents(released.exercises("planning"))["planning.ipynb"]} == \
            record["planning"]["files"]
        assert 64 == len(record["planning"]["source"])

    def test_fingerprints_ignore_line_endings_and_layout(self, released, tmp_path):
        path, copy = exercise(released), tmp_path / "copy"
        copy.mkdir()
        (copy / "planning.ipynb").write_text(json.dumps(json.loads(path.read_text()), indent=4).replace("\n", "\r\n"))
        assert contents(copy) == contents(released.exercises("planning"))

    def test_the_check_reads_fingerprints_only_when_nothing_changed(self, released, tmp_path, monkeypatch):
        module = importlib.import_module("pmo_lessons.grading.release")  # the package's `release` is the stage
        monkeypatch.setattr(module, "generate", lambda *args: pytest.fail("no generation is needed"))
        status = release_status(released, "planning", tmp_path)
        assert (False, [], True) == (status.stale, status.changed, status.current)


class TestATraineesSave:
    def test_does_not_make_the_exercise_stale(self, released, tmp_path):
        save_answer(exercise(released))
        status = release_status(released, "planning", tmp_path)
        assert (False, ["planning.ipynb"]) == (status.stale, status.changed)
        assert [] == stale_exercises(released)
        assert not stale_release(released, "planning")  # grading is not refused

    def test_is_named_by_the_check_and_left_as_it_is(self, released):
        save_answer(exercise(released))
        saved = exercise(released).read_bytes()
        assert [("planning", "up to date (exercises/planning/planning.ipynb changed after release: left as it "
                             "is)")] == release(released)
        assert saved == exercise(released).read_bytes()

    def test_is_never_regenerated_over(self, released):
        save_answer(exercise(released))
        saved = exercise(released).read_bytes()
        change_solutions(released)
        assert ["planning"] == stale_exercises(released)
        with pytest.raises(GradingError) as refused:
            release(released)
        message = str(refused.value)
        assert message.startswith("exercises/planning/planning.ipynb changed after it was released")
        assert "To keep both, move it out of exercises/" in message and "then run `pmo-lessons release" in message
        assert saved == exercise(released).read_bytes()

    def test_nor_published_to_the_exchange(self, released):
        save_answer(exercise(released))
        with pytest.raises(GradingError, match="release will not publish it to the exchange over those changes"):
            release(released, exchange=True)
        assert not (released.exchange_root / "tiny" / "outbound").exists()

    def test_moved_away_as_the_message_says_both_are_kept(self, released, tmp_path):
        save_answer(exercise(released))
        change_solutions(released)
        kept = tmp_path / "my-work" / "planning"
        kept.mkdir(parents=True)
        exercise(released).rename(kept / "planning.ipynb")
        assert [("planning", "released")] == release(released)
        assert "answer = 4" in (kept / "planning.ipynb").read_text()
        assert "second edition" in exercise(released).read_text()


class TestStale:
    def test_solutions_changed_is_stale_until_released(self, released):
        change_solutions(released)
        assert [("planning", "stale")] == release(released, check=True)
        assert stale_release(released, "planning")
        assert [("planning", "released")] == release(released)
        assert [("planning", "up to date")] == release(released, check=True)

    def test_a_change_trainees_would_not_see_is_not_stale(self, released):
        path = released.source("planning") / "planning.ipynb"
        nb = json.loads(path.read_text())
        tests = next(c for c in nb["cells"] if c["metadata"].get("nbgrader", {}).get("grade_id") == "q2b_tests")
        tests["source"] = tests["source"].replace("assert days < 5", "assert days < 4")  # a hidden test
        path.write_text(json.dumps(nb))
        assert [] == stale_exercises(released)

    def test_files_release_did_not_make_are_left_alone(self, released):
        notes = released.exercises("planning") / "my notes.txt"
        notes.write_text("ask about the float")
        change_solutions(released)
        assert [("planning", "released")] == release(released)
        assert "ask about the float" == notes.read_text()

    def test_exercises_written_by_nbgraders_own_command_are_fresh(self, released, tmp_path):
        change_solutions(released)
        status = release_status(released, "planning", tmp_path)
        exercise(released).write_bytes((status.generated / "planning.ipynb").read_bytes())  # as --force writes it
        assert [] == stale_exercises(released)
        assert [("planning", "up to date")] == release(released)  # and the record catches up
        assert release_status(released, "planning", tmp_path / "again").generated is None  # no generation needed

    def test_without_a_record_release_does_not_write_over_a_difference(self, released):
        (released.course / "exercises" / RECORD).unlink()
        save_answer(exercise(released))
        with pytest.raises(GradingError, match="has no record of releasing planning"):
            release(released)
