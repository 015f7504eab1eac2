"""Tests of pmo_lessons.grading.mend and .outputs: a submitted notebook's malformed parts, and outputs
of every kind, put in nbformat's shape and within their limits, without an nbgrader run.
"""

import copy
import json

import nbformat
import pytest

from pmo_lessons.grading.mend import mend_notebook, nbgrader_check
from pmo_lessons.grading.outputs import cut_error, cut_outputs, mend_output, size_of

from .conftest import ROOT

SOURCE = json.loads((ROOT / "solutions" / "planning" / "planning.ipynb").read_text())
KNOWN = {c["metadata"]["nbgrader"]["grade_id"]: copy.deepcopy(c["metadata"]["nbgrader"])
         for c in SOURCE["cells"] if "nbgrader" in c["metadata"]}


def submitted():
    return copy.deepcopy(SOURCE)


def cell_of(nb, grade_id):
    return next(c for c in nb["cells"] if c["metadata"].get("nbgrader", {}).get("grade_id") == grade_id)


def reads_as_a_notebook(data):
    nb = nbformat.from_dict(data)
    nbformat.validate(nb)
    return nb


class TestMend:
    def test_a_sound_notebook_is_left_as_it_is(self):
        mended, repairs = mend_notebook(submitted(), KNOWN, nbgrader_check())
        assert [] == repairs
        assert [c["source"] for c in mended["cells"]] == ["".join(c["source"]) for c in SOURCE["cells"]]

    @pytest.mark.parametrize("damage, expected", [
        (lambda nb: cell_of(nb, "q5_answer")["metadata"].update(nbgrader="oops"),
         "could not be read: it runs as a plain cell"),
        (lambda nb: cell_of(nb, "q2_tests")["metadata"]["nbgrader"].update(points="lots"),
         "taken from the assignment: points"),
        (lambda nb: cell_of(nb, "q2_tests")["metadata"]["nbgrader"].update(points=-3),
         "taken from the assignment: points"),
        (lambda nb: cell_of(nb, "q1a_tests")["metadata"]["nbgrader"].update(schema_version=1),
         "Outdated schema version"),
        (lambda nb: cell_of(nb, "q1a_tests")["metadata"]["nbgrader"].pop("points"), "does not have points"),
        (lambda nb: cell_of(nb, "q3_answer").pop("source"), "had no source: taken as empty"),
        (lambda nb: cell_of(nb, "q3_answer").update(source=42), "had no source: taken as empty"),
        (lambda nb: cell_of(nb, "q3_answer").update(metadata="x"), "metadata could not be read"),
        (lambda nb: nb["cells"].insert(2, "not a cell"), "was not a notebook cell: left out"),
        (lambda nb: nb["cells"].insert(2, {"cell_type": "picture", "source": "x", "metadata": {}}), "unknown type"),
        (lambda nb: nb["cells"].append({"cell_type": "code", "source": "x", "metadata": {"nbgrader": {
            "grade": True, "grade_id": "mine", "points": 9, "solution": False, "locked": False}}}), "plain cell"),
    ], ids=["metadata-text", "points-text", "points-negative", "old-schema", "no-points", "no-source",
            "source-number", "metadata-text-cell", "not-a-cell", "unknown-type", "unknown-grade-id"])
    def test_each_malformed_part_is_mended_alone_and_said(self, damage, expected):
        nb = submitted()
        damage(nb)
        mended, repairs = mend_notebook(nb, KNOWN, nbgrader_check())
        assert 1 == len(repairs) and expected in repairs[0], repairs
        reads_as_a_notebook(mended)
        check = nbgrader_check()
        for cell in mended["cells"]:  # nbgrader accepts every cell: no cell can cost the notebook
            check(cell)

    def test_the_notebooks_own_metadata_and_version_are_set(self):
        nb = submitted()
        nb["metadata"], nb["nbformat_minor"] = "broken", "five"
        mended, _ = mend_notebook(nb, KNOWN)
        assert {} == mended["metadata"] and 4 == mended["nbformat"] and 5 == mended["nbformat_minor"]

    def test_saved_outputs_are_cleared_and_bad_ids_dropped(self):
        nb = submitted()
        cell_of(nb, "q1_answer").update(outputs="junk", execution_count="x", id="bad id!")
        mended, _ = mend_notebook(nb, KNOWN)
        answer = cell_of(mended, "q1_answer")
        assert [] == answer["outputs"] and answer["execution_count"] is None and answer["id"] != "bad id!"
        assert len({c["id"] for c in mended["cells"]}) == len(mended["cells"])


class TestOutputs:
    def test_a_stream_keeps_its_head_then_the_note(self):
        kept = cut_outputs([{"output_type": "stream", "name": "stdout", "text": "a" * 5000}], 1024)
        assert ["a" * 1024, "\n[output cut by the grader: over 1 kB]\n"] == [o["text"] for o in kept]

    def test_errors_stay_last_and_cut_to_their_last_lines(self):
        outputs = [{"output_type": "display_data", "data": {"text/plain": "d" * 3000}, "metadata": {}},
                   {"output_type": "error", "ename": "E", "evalue": "v",
                    "traceback": [f"frame {i}" for i in range(10000)]}]
        kept = cut_outputs(outputs, 1024)
        assert ["stream", "error"] == [o["output_type"] for o in kept]
        assert size_of(kept[1]) <= 1024 and kept[1]["traceback"][-1] == "frame 9999"

    def test_a_small_error_is_kept_whole(self):
        error = {"output_type": "error", "ename": "AssertionError", "evalue": "late", "traceback": ["x"]}
        assert error == cut_error(error, 1024)

    def test_an_output_not_in_the_notebook_format_is_replaced_by_a_note(self):
        for bad in ({"output_type": "execute_result", "data": {"text/plain": 1}, "metadata": {}, "execution_count": 1},
                    {"output_type": "error", "ename": "E"}, {"output_type": "mystery"}, "text"):
            assert "was not in the notebook format" in mend_output(bad)["text"]
        fine = {"output_type": "execute_result", "data": {"text/plain": "1"}, "metadata": {}, "execution_count": None}
        assert fine is mend_output(fine)
