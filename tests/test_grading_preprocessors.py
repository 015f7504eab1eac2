"""Tests of pmo_lessons.grading.preprocessors, each preprocessor on a notebook of its own, no kernel.

The kernel side of SafeExecute (timeouts, dead kernels, the sandbox, the limits) needs real kernels:
tests/test_hostile.py runs it on a class of hostile submissions.
"""

import copy

import nbformat
import pytest

from pmo_lessons.grading.autograde import source_cells
from pmo_lessons.grading.preprocessors import (
    FeedbackSummary,
    RepairCells,
    SafeExecute,
    StripGradeTracebacks,
    feedback_preprocessors,
)
from pmo_lessons.sandbox import Limits

from .conftest import TINY_CELLS, error, notebook_json


def tiny(outputs=None):
    cells = copy.deepcopy(TINY_CELLS)
    for cell in cells:
        grade_id = cell["metadata"].get("nbgrader", {}).get("grade_id")
        if outputs and grade_id in outputs:
            cell["outputs"] = outputs[grade_id]
    return nbformat.reads(notebook_json(cells), as_version=4)


class TestRepairCells:
    def test_repairs_and_collection_notes_are_said_on_top(self, tiny_course):
        known, tests = source_cells(tiny_course, "planning")
        nb = tiny()
        nb.cells = [c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") != "q2b_tests"]
        repair = RepairCells(known=known["planning"], tests=tests["planning"],
                             notes=["took 'planning (1).ipynb' as planning.ipynb (misnamed)"])
        nb, resources = repair.preprocess(nb, {})
        assert ["test cell 'q2b_tests' was missing: put back from the assignment"] == resources["pmo_repairs"]
        assert "markdown" == nb.cells[0].cell_type
        assert ("**Repaired by the grader:** took 'planning (1).ipynb' as planning.ipynb (misnamed); "
                "test cell 'q2b_tests' was missing: put back from the assignment.") == nb.cells[0].source

    def test_nothing_to_say_adds_no_cell(self, tiny_course):
        known, tests = source_cells(tiny_course, "planning")
        nb, resources = RepairCells(known=known["planning"], tests=tests["planning"]).preprocess(tiny(), {})
        assert [] == resources["pmo_repairs"]
        assert len(TINY_CELLS) == len(nb.cells)


class TestStripGradeTracebacks:
    def test_grade_cells_keep_only_the_exception_line(self):
        failed = error("AssertionError", "Count the tasks again")
        failed["traceback"] = ["Traceback (most recent call last):", "assert answer == 4, 'Count the tasks again'",
                               "AssertionError: Count the tasks again"]
        answer = error("NameError", "name 'x' is not defined")
        answer["traceback"] = ["Traceback", "x + 1", "NameError: name 'x' is not defined"]
        nb = tiny({"q1_tests": [failed], "q1_answer": [answer]})
        nb, _ = StripGradeTracebacks().preprocess(nb, {})
        by_id = {c.metadata.get("nbgrader", {}).get("grade_id"): c for c in nb.cells}
        assert ["AssertionError: Count the tasks again"] == by_id["q1_tests"].outputs[0].traceback
        assert 3 == len(by_id["q1_answer"].outputs[0].traceback)  # not a grade cell: the trainee's own traceback


class TestFeedbackSummary:
    def test_the_results_table_goes_on_top(self):
        rows = [("planning", "q1_tests", 2.0, 2.0, ""), ("planning", "q2a_tests", 0.0, 1.0, "AssertionError")]
        nb, _ = FeedbackSummary().preprocess(tiny(), {"pmo_checks": rows})
        assert nb.cells[0].source.startswith("## Your results: 2 / 3\n")

    def test_no_rows_no_table(self):
        nb, _ = FeedbackSummary().preprocess(tiny(), {})
        assert "# Planning\n" == nb.cells[0].source


def test_the_feedback_pipeline_clears_hidden_tests_before_the_summary_and_the_style():
    names = [p.__name__ for p in feedback_preprocessors]
    assert ["GetGrades", "ClearTests", "StripGradeTracebacks", "FeedbackSummary",
            "CSSHTMLHeaderPreprocessor"] == names


def stream(text, parent="m1"):
    return {"msg_type": "stream", "header": {"msg_type": "stream"}, "parent_header": {"msg_id": parent},
            "content": {"name": "stdout", "text": text}}


def executor_with(limits):
    """SafeExecute as nbclient leaves it when a cell starts running (no kernel is started here)."""
    executor = SafeExecute(limits=limits)
    executor.reset_execution_trackers()
    executor.clear_before_next_output = False
    return executor


class TestOutputCap:
    @pytest.fixture
    def executor(self):
        return executor_with(Limits(output_kb=1))

    def test_output_under_the_cap_is_kept(self, executor):
        outs = []
        executor.output(outs, stream("a" * 1000), None, 0)
        assert ["a" * 1000] == [o.text for o in outs]

    def test_output_over_the_cap_is_cut_with_a_note_once(self, executor):
        outs = []
        for text in ("a" * 600, "b" * 600, "c" * 600):
            executor.output(outs, stream(text), None, 0)
        assert ["a" * 600, "b" * 424, "\n[output cut by the grader: over 1 kB]\n"] == [o.text for o in outs]

    def test_each_cell_has_its_own_cap(self, executor):
        outs = []
        executor.output(outs, stream("a" * 1000), None, 0)
        executor.output(outs, stream("b" * 1000), None, 1)
        assert 2 == len(outs)

    def test_no_cap_keeps_everything(self):
        outs = []
        executor = executor_with(Limits(output_kb=0))
        for _ in range(3):
            executor.output(outs, stream("a" * 1000), None, 0)
        assert 3 == len(outs)
