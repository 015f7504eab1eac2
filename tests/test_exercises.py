"""exercises/ is exactly what nbgrader generates from solutions/, and leaks nothing."""

import hashlib
import json
import re

import pytest

from .conftest import ASSIGNMENTS, ROOT

SOLUTION = re.compile(r"### BEGIN SOLUTION(.*?)### END SOLUTION", re.S)
HIDDEN = re.compile(r"### BEGIN HIDDEN TESTS(.*?)### END HIDDEN TESTS", re.S)


def notebooks(folder):
    return sorted(p.relative_to(folder) for p in folder.rglob("*.ipynb")
                  if ".ipynb_checkpoints" not in p.parts)


def test_there_is_an_assignment():
    assert ASSIGNMENTS, "solutions/ holds no assignment folder"


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_exercises_equal_a_fresh_generation(course, assignment):
    committed, fresh = ROOT / "exercises" / assignment, course.release / assignment
    assert notebooks(fresh) == notebooks(committed), "exercises/ has other notebooks than solutions/"
    for name in notebooks(fresh):
        assert json.loads((fresh / name).read_text()) == json.loads((committed / name).read_text()), (
            f"exercises/{assignment}/{name} is stale: regenerate it with "
            f"`pmo-lessons release {assignment}` and commit it."
        )


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_exercises_hold_no_solution_and_no_hidden_test(assignment):
    for name in notebooks(ROOT / "solutions" / assignment):
        source = json.loads((ROOT / "solutions" / assignment / name).read_text())
        exercise_text = (ROOT / "exercises" / assignment / name).read_text()
        exercise = json.loads(exercise_text)
        secret_lines = set()
        for cell in source["cells"]:
            text = "".join(cell["source"])
            for block in SOLUTION.findall(text) + HIDDEN.findall(text):
                secret_lines |= {line.strip() for line in block.splitlines() if len(line.strip()) > 12}
        assert secret_lines, f"solutions/{assignment}/{name} has no solution region at all"
        exercise_sources = ["".join(cell["source"]) for cell in exercise["cells"]]
        for marker in ("BEGIN SOLUTION", "END SOLUTION", "BEGIN HIDDEN TESTS", "END HIDDEN TESTS"):
            assert marker not in exercise_text, f"{marker} left in exercises/{assignment}/{name}"
        for line in secret_lines:
            assert not any(line in cell for cell in exercise_sources), (
                f"exercises/{assignment}/{name} leaks a line of a solution or hidden test: {line!r}"
            )
        for cell in exercise["cells"]:
            assert not cell.get("outputs"), "exercise notebooks are released without outputs"


def test_the_release_record_is_current():
    """exercises/releases.json names what `pmo-lessons release` generated: in a fresh clone the
    stale check reads fingerprints only (no generation), and a trainee's save is told apart."""
    from pmo_lessons.grading.release import RECORD, contents

    record = json.loads((ROOT / "exercises" / RECORD).read_text())
    assert set(ASSIGNMENTS) <= set(record), f"exercises/{RECORD} misses assignments: run `pmo-lessons release`"
    for assignment in ASSIGNMENTS:
        source = hashlib.sha256(json.dumps(contents(ROOT / "solutions" / assignment), sort_keys=True).encode())
        assert source.hexdigest() == record[assignment]["source"], (
            f"solutions/{assignment} changed since exercises/{RECORD} was written: run `pmo-lessons release "
            f"{assignment}` and commit exercises/")
        assert contents(ROOT / "exercises" / assignment) == record[assignment]["files"], assignment
