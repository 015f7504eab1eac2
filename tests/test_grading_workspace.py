"""Tests of pmo_lessons.grading.workspace: where grading work goes, and the course's configuration."""

import pytest

from pmo_lessons.grading import GradingError, open_workspace
from pmo_lessons.grading.workspace import digest, find_course

from .conftest import ROOT


class TestOpenWorkspace:
    def test_every_grading_path_points_into_the_workspace(self, tiny_course, tmp_path):
        ws = open_workspace(course=tiny_course.course, workspace=tmp_path / "grading")
        assert (tiny_course.course, (tmp_path / "grading").resolve(), "tiny") == (ws.course, ws.root, ws.course_id)
        directory = ws.config.CourseDirectory
        assert [str(ws.root / name) for name in ("submitted", "autograded", "feedback")] == [
            directory.submitted_directory, directory.autograded_directory, directory.feedback_directory]
        assert f"sqlite:///{ws.root}/gradebook.db" == directory.db_url == ws.db_url
        assert ws.root / "exchange" == ws.exchange_root

    def test_the_default_workspace_and_exchange_come_from_the_environment(self, tiny_course, tmp_path, monkeypatch):
        monkeypatch.setenv("PMO_GRADING_DIR", str(tmp_path / "named"))
        monkeypatch.setenv("PMO_EXCHANGE_DIR", str(tmp_path / "shared"))
        ws = open_workspace(course=tiny_course.course)
        assert ((tmp_path / "named").resolve(), tmp_path / "shared") == (ws.root, ws.exchange_root)
        monkeypatch.delenv("PMO_GRADING_DIR")
        monkeypatch.setenv("HOME", str(tmp_path / "home"))
        assert tmp_path / "home" / "pmo-grading" / "tiny" == open_workspace(course=tiny_course.course).root

    def test_grading_work_never_goes_into_solutions_or_exercises(self, tiny_course):
        for inside in ("solutions", "solutions/planning", "exercises", "exercises/x/y"):
            with pytest.raises(GradingError, match=f"is inside {inside.split('/')[0]}/: grading work never goes"):
                open_workspace(course=tiny_course.course, workspace=tiny_course.course / inside)
        assert not (tiny_course.course / "exercises").exists()

    def test_the_cell_timeout_can_be_set_but_not_to_nothing(self, tiny_course, tmp_path):
        ws = open_workspace(course=tiny_course.course, workspace=tmp_path, timeout=7)
        assert 7 == ws.config.ExecutePreprocessor.timeout
        with pytest.raises(GradingError, match="the cell timeout must be a positive number of seconds, not 0"):
            open_workspace(course=tiny_course.course, workspace=tmp_path, timeout=0)

    def test_a_broken_configuration_is_an_error_not_a_warning(self, tiny_course, tmp_path):
        (tiny_course.course / "nbgrader_config.py").write_text("c = get_config()\nc.CourseDirectory.course_id = (\n")
        with pytest.raises(GradingError, match=r"nbgrader_config.py cannot be read"):
            open_workspace(course=tiny_course.course, workspace=tmp_path)

    def test_the_kits_own_course_is_found(self):
        assert ROOT == find_course(ROOT)
        with pytest.raises(GradingError, match="a course folder holds solutions/ and nbgrader_config.py"):
            find_course(ROOT / "datasets")


class TestWorkspace:
    def test_assignments_and_their_notebooks_come_from_solutions(self, tiny_course):
        assert ["planning"] == tiny_course.assignments()
        assert ["planning"] == tiny_course.notebooks("planning")

    def test_an_unknown_or_empty_assignment_is_named(self, tiny_course):
        with pytest.raises(GradingError, match=r"no assignment 'risk': solutions/risk/ does not exist "
                                               r"\(assignments: planning\)"):
            tiny_course.notebooks("risk")
        (tiny_course.course / "solutions" / "empty").mkdir()
        with pytest.raises(GradingError, match="solutions/empty/ holds no notebook"):
            tiny_course.notebooks("empty")

    def test_the_state_is_saved_whole_and_read_back(self, tiny_course):
        assert {"students": {}} == tiny_course.load_state("planning")
        state = {"source": "abc", "students": {"ana": {"status": "graded", "fingerprint": "f", "reason": ""}}}
        tiny_course.save_state("planning", state)
        assert state == tiny_course.load_state("planning")
        assert ["planning.json"] == [p.name for p in (tiny_course.root / "pmo-lessons").iterdir()]  # no .tmp left


class TestDigest:
    def test_names_and_contents_count_folders_and_dates_do_not(self, tmp_path):
        for folder in ("a", "b"):
            (tmp_path / folder).mkdir()
            (tmp_path / folder / "x.ipynb").write_text("{}")
        assert digest([tmp_path / "a" / "x.ipynb"]) == digest([tmp_path / "b" / "x.ipynb"])
        (tmp_path / "b" / "x.ipynb").write_text("{ }")
        assert digest([tmp_path / "a" / "x.ipynb"]) != digest([tmp_path / "b" / "x.ipynb"])
        assert digest([]) == digest([])
