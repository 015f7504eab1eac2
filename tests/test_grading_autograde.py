"""Tests of pmo_lessons.grading.autograde, the steps that need no nbgrader run: what decides that a
submission is graded again (fingerprints), what makes it ungradable, how its cells are repaired.

The whole run (prepare, execute in the pool, record) is tested end to end in tests/test_cli.py
and tests/test_hostile.py.
"""

import copy
import json
import os
import shutil

import nbformat
import pytest

from pmo_lessons.grading.autograde import (
    check_notebook,
    copy_plain,
    fingerprint,
    gradable,
    grading_settings,
    kernel_env,
    kernel_folder,
    repair_cells,
    source_cells,
    take_misnamed,
)
from pmo_lessons.sandbox import Limits

from .conftest import TINY_CELLS, code_cell, notebook_json

SETTINGS = grading_settings("source-digest", 30, Limits(), True)


def hand_in(folder, **files):
    folder.mkdir(parents=True, exist_ok=True)
    for name, content in files.items():
        (folder / name.replace("__", " ")).write_text(content)
    return sorted(folder.iterdir())


class TestFingerprint:
    def test_the_same_files_give_the_same_fingerprint_wherever_they_are(self, tmp_path):
        first = hand_in(tmp_path / "a", **{"planning.ipynb": "{1}", "timestamp.txt": "t"})
        second = hand_in(tmp_path / "b", **{"planning.ipynb": "{1}", "timestamp.txt": "t"})
        assert fingerprint(first, SETTINGS) == fingerprint(second, SETTINGS)
        assert fingerprint(first, SETTINGS) == fingerprint(first[::-1], SETTINGS)

    def test_a_files_date_does_not_count(self, tmp_path):
        files = hand_in(tmp_path, **{"planning.ipynb": "{1}"})
        before = fingerprint(files, SETTINGS)
        os.utime(files[0], (0, 0))
        assert before == fingerprint(files, SETTINGS)

    def test_content_name_and_added_files_count(self, tmp_path):
        files = hand_in(tmp_path / "a", **{"planning.ipynb": "{1}"})
        base = fingerprint(files, SETTINGS)
        assert base != fingerprint(hand_in(tmp_path / "b", **{"planning.ipynb": "{2}"}), SETTINGS)
        assert base != fingerprint(hand_in(tmp_path / "c", **{"plan.ipynb": "{1}"}), SETTINGS)
        assert base != fingerprint(hand_in(tmp_path / "d", **{"planning.ipynb": "{1}", "data.csv": "x"}), SETTINGS)
        assert base != fingerprint(hand_in(tmp_path / "e", **{"planning.ipynb": "{1}", "timestamp.txt": "t"}),
                                   SETTINGS)

    def test_the_source_the_timeout_the_limits_and_the_isolation_count(self, tmp_path):
        files = hand_in(tmp_path, **{"planning.ipynb": "{1}"})
        base = fingerprint(files, SETTINGS)
        others = [grading_settings("other-digest", 30, Limits(), True),
                  grading_settings("source-digest", 5, Limits(), True),
                  grading_settings("source-digest", 30, Limits(memory_mb=1500), True),
                  grading_settings("source-digest", 30, Limits(budget_seconds=40), True),
                  grading_settings("source-digest", 30, Limits(), False)]
        assert len(others) == len({fingerprint(files, s) for s in others} - {base})


class TestTakeMisnamed:
    def test_the_one_unknown_notebook_is_taken_as_the_missing_one(self, tmp_path):
        hand_in(tmp_path, **{"planning__(1).ipynb": "mine"})
        assert ["took 'planning (1).ipynb' as planning.ipynb (misnamed)"] == take_misnamed(tmp_path, ["planning"])
        assert "mine" == (tmp_path / "planning.ipynb").read_text()
        assert (tmp_path / "planning (1).ipynb").exists()  # a copy: the original stays

    def test_the_note_is_given_again_on_the_next_run(self, tmp_path):
        hand_in(tmp_path, **{"planning__(1).ipynb": "mine"})
        take_misnamed(tmp_path, ["planning"])
        assert ["took 'planning (1).ipynb' as planning.ipynb (misnamed)"] == take_misnamed(tmp_path, ["planning"])

    def test_nothing_is_taken_when_it_is_ambiguous_or_not_needed(self, tmp_path):
        hand_in(tmp_path / "two", **{"a.ipynb": "1", "b.ipynb": "2"})
        assert [] == take_misnamed(tmp_path / "two", ["planning"])
        assert not (tmp_path / "two" / "planning.ipynb").exists()
        hand_in(tmp_path / "both", **{"planning.ipynb": "right", "copy.ipynb": "other"})
        assert [] == take_misnamed(tmp_path / "both", ["planning"])
        assert "right" == (tmp_path / "both" / "planning.ipynb").read_text()
        hand_in(tmp_path / "two-missing", **{"copy.ipynb": "x"})
        assert [] == take_misnamed(tmp_path / "two-missing", ["planning", "schedule"])


class TestGradable:
    def test_a_valid_notebook_is_gradable(self, tmp_path):
        hand_in(tmp_path, **{"planning.ipynb": notebook_json(TINY_CELLS), "timestamp.txt": "t"})
        assert check_notebook(tmp_path / "planning.ipynb") is None
        assert [] == gradable(tmp_path, ["planning"])

    def test_invalid_json_and_a_notebook_without_cells_are_named(self, tmp_path):
        hand_in(tmp_path, **{"planning.ipynb": "this is not json {", "risk.ipynb": json.dumps({"hello": [1]})})
        reasons = gradable(tmp_path, ["planning", "risk"])
        assert 2 == len(reasons)
        assert reasons[0] == ("planning.ipynb is not a valid notebook (its text is not JSON: Expecting value at "
                              "line 1, column 1)")
        assert reasons[1] == "risk.ipynb is not a valid notebook (it has no list of cells)"

    def test_no_notebook_names_what_was_found(self, tmp_path):
        hand_in(tmp_path, **{"notes.txt": "on paper", "timestamp.txt": "t", "submission_secret.txt": "s"})
        assert ["no notebook handed in: expected planning.ipynb, found notes.txt"] == gradable(tmp_path, ["planning"])
        (tmp_path / "notes.txt").unlink()
        assert ["no notebook handed in: expected planning.ipynb, found nothing"] == gradable(tmp_path, ["planning"])

    def test_one_of_two_notebooks_is_enough(self, tmp_path):
        hand_in(tmp_path, **{"planning.ipynb": notebook_json(TINY_CELLS)})
        assert [] == gradable(tmp_path, ["planning", "schedule"])


def tiny_cells():
    return nbformat.reads(notebook_json(copy.deepcopy(TINY_CELLS)), as_version=4).cells


def ids(cells):
    return [c.get("metadata", {}).get("nbgrader", {}).get("grade_id") for c in cells]


class TestRepairCells:
    @pytest.fixture
    def source(self, tiny_course):
        known, tests = source_cells(tiny_course, "planning")
        return known["planning"], tests["planning"]

    def test_source_cells_knows_locked_sources_answers_and_tests(self, source):
        known, tests = source
        assert {"q1_answer": None, "q2_answer": None, "q3_essay": None} == {k: v for k, v in known.items() if v is None}
        assert known["q1_tests"].startswith("assert answer is not None")
        assert ["q1_tests", "q2a_tests", "q2b_tests"] == tests

    def test_an_untouched_notebook_needs_no_repair(self, source):
        cells, repairs = repair_cells(tiny_cells(), *source)
        assert [] == repairs
        assert ids(tiny_cells()) == ids(cells)

    def test_white_space_and_hidden_tests_do_not_make_an_edit(self, source):
        cells = tiny_cells()
        cells[2].source = "assert answer is not None,  'Give an answer'\n\n"  # as released: hidden tests gone
        assert [] == repair_cells(cells, *source)[1]

    def test_an_edited_test_cell_is_noted_and_kept_for_nbgrader_to_restore(self, source):
        cells = tiny_cells()
        cells[2].source = "pass\n"
        kept, repairs = repair_cells(cells, *source)
        assert ["test cell 'q1_tests' was edited: put back as the assignment has it"] == repairs
        assert "pass\n" == kept[2].source  # nbgrader's OverwriteCells puts the source back

    def test_a_deleted_test_cell_is_noted(self, source):
        cells = [c for c in tiny_cells() if ids([c]) != ["q2a_tests"]]
        assert ["test cell 'q2a_tests' was missing: put back from the assignment"] == repair_cells(cells, *source)[1]

    def test_a_second_copy_of_a_test_cell_is_removed(self, source):
        cells = tiny_cells()
        cells.insert(3, copy.deepcopy(cells[2]))
        kept, repairs = repair_cells(cells, *source)
        assert ["a second copy of cell 'q1_tests' was removed"] == repairs
        assert ids(tiny_cells()) == ids(kept)

    def test_a_second_answer_cell_runs_as_a_plain_cell_without_hidden_tests(self, source):
        cells = tiny_cells()
        extra = copy.deepcopy(cells[1])
        extra.source = "answer = 5\n### BEGIN HIDDEN TESTS\nassert sneaky\n### END HIDDEN TESTS\n"
        cells.insert(2, extra)
        kept, repairs = repair_cells(cells, *source)
        assert ["a second copy of cell 'q1_answer' was graded as a plain cell"] == repairs
        assert "nbgrader" not in kept[2].metadata
        assert "answer = 5\n\n" == kept[2].source

    def test_a_cell_with_an_unknown_grade_id_runs_as_a_plain_cell(self, source):
        cells = tiny_cells()
        cells[3].metadata.nbgrader.grade_id = "renamed"
        kept, repairs = repair_cells(cells, *source)
        assert ["cell 4 (grade id 'renamed' is not in the assignment) was graded as a plain cell"] == repairs
        assert "nbgrader" not in kept[3].metadata and "days = 3\n" == kept[3].source

    def test_cells_without_nbgrader_metadata_are_kept_as_they_are(self, source):
        cells = tiny_cells()
        cells.append(nbformat.from_dict(code_cell("print('my own check')\n")))
        cells.append(nbformat.from_dict({**code_cell("x = 1\n"), "metadata": {"nbgrader": {"grade_id": None}}}))
        kept, repairs = repair_cells(cells, *source)
        assert [] == repairs
        assert len(cells) == len(kept)


class TestKernel:
    def test_a_sandboxed_kernel_lives_in_its_own_folders(self, tmp_path):
        env = kernel_env(True, tmp_path / "work", tmp_path)
        assert str(tmp_path / "work") == env["HOME"]
        assert "/tmp" == env["TMPDIR"]  # its own /tmp, a bounded memory file system in the sandbox
        assert "/tmp/matplotlib" == env["MPLCONFIGDIR"] and "/tmp/ipython" == env["IPYTHONDIR"]
        assert "1" == env["OMP_NUM_THREADS"] == env["OPENBLAS_NUM_THREADS"] == env["MKL_NUM_THREADS"]
        assert "HOME" not in kernel_env(False, tmp_path / "work", tmp_path)
        assert str(tmp_path / "matplotlib") == kernel_env(False, tmp_path / "work", tmp_path)["MPLCONFIGDIR"]

    def test_the_kernels_folder_holds_the_submissions_data_not_its_notebooks(self, tmp_path):
        dest = tmp_path / "autograded"
        hand_in(dest, **{"planning.ipynb": "{}", "timestamp.txt": "t", "submission_secret.txt": "s",
                         "tasks.csv": "id\nA\n", "Other.IPYNB": "{}"})
        hand_in(dest / "data", **{"more.csv": "x"})
        private = tmp_path / "private"
        private.mkdir()
        work = kernel_folder(dest, private)
        assert ["data", "tasks.csv"] == sorted(p.name for p in work.iterdir())
        assert "x" == (work / "data" / "more.csv").read_text()
        assert (private / "tmp").is_dir() and (private / "matplotlib").is_dir()
        shutil.rmtree(private)

    def test_a_sandboxed_kernel_gets_its_data_from_a_staging_folder(self, tmp_path):
        """The scratch folder is a memory file system made in the sandbox: the files wait in a
        staging folder, the sockets have a folder of their own."""
        dest = tmp_path / "autograded"
        hand_in(dest, **{"planning.ipynb": "{}", "tasks.csv": "id\nA\n"})
        private = tmp_path / "private"
        private.mkdir()
        work = kernel_folder(dest, private, sandboxed=True)
        assert [] == list(work.iterdir())
        assert ["tasks.csv"] == [p.name for p in (private / "staging" / "files").iterdir()]
        assert (private / "ipc").is_dir() and (private / "staging" / "matplotlib").is_dir()

    def test_links_and_special_files_are_never_copied(self, tmp_path):
        dest = tmp_path / "autograded"
        hand_in(dest, **{"planning.ipynb": "{}", "tasks.csv": "id\nA\n"})
        secret = tmp_path / "secret.txt"
        secret.write_text("the solution")
        (dest / "link.txt").symlink_to(secret)
        (dest / "folder").mkdir()
        (dest / "folder" / "link.txt").symlink_to(secret)
        os.link(secret, dest / "folder" / "hard.txt")
        os.mkfifo(dest / "folder" / "pipe")
        private = tmp_path / "private"
        private.mkdir()
        work = kernel_folder(dest, private)
        copied = sorted(str(p.relative_to(work)) for p in work.rglob("*"))
        assert ["folder", "tasks.csv"] == copied
        assert 3 == len(copy_plain(dest / "folder", tmp_path / "elsewhere"))
