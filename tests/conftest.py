"""Fixtures shared by the tests: an nbgrader course whose grading work stays in a temporary folder."""

import copy
import hashlib
import json
import os
import shutil
import subprocess
import sys
import warnings
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ASSIGNMENTS = sorted(p.name for p in (ROOT / "solutions").iterdir() if p.is_dir())


@dataclass
class Course:
    """A grading workspace: nbgrader runs from the repository with its gradebook elsewhere."""

    workspace: Path
    release: Path

    @property
    def env(self):
        env = dict(os.environ)
        env["PMO_GRADING_DIR"] = str(self.workspace)
        env["PATH"] = str(Path(sys.executable).parent) + os.pathsep + env.get("PATH", "")
        env.setdefault("JUPYTER_PLATFORM_DIRS", "1")
        return env

    def nbgrader(self, *args, check=True):
        result = subprocess.run([sys.executable, "-m", "nbgrader", *args], cwd=ROOT,
                                env=self.env, capture_output=True, text=True)
        if check and result.returncode:
            raise AssertionError(f"nbgrader {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
        return result

    def submit(self, trainee, assignment, notebook_path, name=None):
        folder = self.workspace / "submitted" / trainee / assignment
        folder.mkdir(parents=True, exist_ok=True)
        shutil.copy(notebook_path, folder / (name or Path(notebook_path).name))
        return folder


    def gradebook(self):
        """nbgrader's gradebook of this workspace (close it after use)."""
        from nbgrader.api import Gradebook

        return Gradebook(f"sqlite:///{self.workspace / 'gradebook.db'}")

    def graded_outputs(self, trainee, assignment, notebook):
        """The outputs of every graded cell of an autograded notebook, as text, by grade id."""
        path = self.workspace / "autograded" / trainee / assignment / f"{notebook}.ipynb"
        cells = json.loads(path.read_text())["cells"]
        return {
            cell["metadata"]["nbgrader"]["grade_id"]: json.dumps(cell.get("outputs", []))
            for cell in cells
            if cell["metadata"].get("nbgrader", {}).get("grade")
        }


def with_answers(source, answers, path):
    """Write a copy of the notebook ``source`` whose answer cells (by grade id) are replaced."""
    notebook = json.loads(Path(source).read_text())
    found = set()
    for cell in notebook["cells"]:
        grade_id = cell["metadata"].get("nbgrader", {}).get("grade_id")
        if grade_id in answers:
            cell["source"] = answers[grade_id]
            found.add(grade_id)
    assert found == set(answers), f"no cells {sorted(set(answers) - found)} in {source}"
    Path(path).write_text(json.dumps(notebook))
    return Path(path)


@pytest.fixture(scope="session")
def course(tmp_path_factory):
    """The course with every assignment generated afresh into a temporary release folder."""
    workspace = tmp_path_factory.mktemp("grading")
    release = workspace / "release"
    course = Course(workspace, release)
    for assignment in ASSIGNMENTS:
        course.nbgrader("generate_assignment", assignment, "--force",
                        f"--CourseDirectory.release_directory={release}")
    return course


# --------------------------------------------------------------------------------------------
# A tiny course for the grading stages' unit tests (tests/test_grading_<module>.py)
# --------------------------------------------------------------------------------------------

def code_cell(source, grade_id=None, outputs=(), **nbgrader):
    """A notebook cell as JSON: code, with nbgrader's metadata when it has a grade id."""
    meta = {"nbgrader": {"grade_id": grade_id, "schema_version": 3, **nbgrader}} if grade_id else {}
    cell_id = grade_id or "cell-" + hashlib.sha1(source.encode()).hexdigest()[:8]
    return {"cell_type": "code", "execution_count": None, "id": cell_id, "metadata": meta,
            "outputs": list(outputs), "source": source}


def error(name, text=""):
    """An error output, as a kernel writes it."""
    return {"output_type": "error", "ename": name, "evalue": text, "traceback": [f"{name}: {text}"]}


def notebook_json(cells):
    return json.dumps({"cells": cells, "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3",
                                                                   "language": "python"}},
                       "nbformat": 4, "nbformat_minor": 5})


#: The source of the tiny course's one notebook, ``planning``: 6 points, 2 of them written (q3).
TINY_CELLS = [
    {"cell_type": "markdown", "id": "intro", "metadata": {}, "source": "# Planning\n"},
    code_cell("answer = 4\n", "q1_answer", solution=True, grade=False, locked=False),
    code_cell("assert answer is not None, 'Give an answer'\n### BEGIN HIDDEN TESTS\n"
              "assert answer == 4, 'Count the tasks again'\n)\n### END HIDDEN TESTS\n",
              "q1_tests", grade=True, solution=False, locked=True, points=2),
    code_cell("days = 3\n", "q2_answer", solution=True, grade=False, locked=False),
    code_cell("assert days > 0\n### BEGIN HIDDEN TESTS\nassert days == 3, 'the critical path is three days'\n"
              "assert days > 0\n### END HIDDEN TESTS\n", "q2a_tests",
              grade=True, solution=False, locked=True, points=1),
    code_cell("### BEGIN HIDDEN TESTS\nassert days < 5\nok\n### END HIDDEN TESTS\n", "q2b_tests",
              grade=True, solution=False, locked=True, points=1),
    {"cell_type": "markdown", "id": "q3_essay", "source": "Who holds the management reserve?\n",
     "metadata": {"nbgrader": {"grade_id": "q3_essay", "grade": True, "solution": True, "locked": False,
                               "points": 2, "schema_version": 3}}},
]


@pytest.fixture
def tiny_course(tmp_path):
    """A course of one assignment (``planning``, one notebook of :data:`TINY_CELLS`) and an empty
    grading workspace beside it: a :class:`pmo_lessons.grading.Workspace` (no nbgrader configuration
    loaded: the stages that need none run on it)."""
    from pmo_lessons.grading import Workspace

    course = tmp_path / "course"
    (course / "solutions" / "planning").mkdir(parents=True)
    (course / "solutions" / "planning" / "planning.ipynb").write_text(notebook_json(TINY_CELLS))
    (course / "nbgrader_config.py").write_text("c = get_config()  # noqa: F821\n"
                                                "c.CourseDirectory.course_id = 'tiny'\n")
    (tmp_path / "workspace").mkdir()
    return Workspace(course=course, root=tmp_path / "workspace", config=None, course_id="tiny")


#: The tiny course's class, graded: each check's (auto score, manual score, waits for the trainer?).
#: ana has everything right (her essay graded by the trainer); ben misses q1 and q2b and waits for
#: his essay's grade; jon's notebook could not be graded (0 on everything).
TINY_GRADES = {
    "ana": {"q1_tests": (2, None, False), "q2a_tests": (1, None, False), "q2b_tests": (1, None, False),
            "q3_essay": (None, 2, False)},
    "ben": {"q1_tests": (0, None, False), "q2a_tests": (1, None, False), "q2b_tests": (0, None, False),
            "q3_essay": (None, None, True)},
    "jon": {"q1_tests": (0, None, False), "q2a_tests": (0, None, False), "q2b_tests": (0, None, False),
            "q3_essay": (0, None, False)},
}
TINY_STATE = {"students": {
    "ana": {"status": "graded", "reason": ""},
    "ben": {"status": "graded", "reason": "q2_answer: NameError: name 'dayz' is not defined"},
    "jon": {"status": "broken", "reason": "planning.ipynb is not a valid notebook"},
}}


@pytest.fixture(scope="session")
def tiny_gradebook_db(tmp_path_factory):
    """nbgrader's gradebook of the tiny course, graded (:data:`TINY_GRADES`), made once: a file."""
    from nbgrader.api import Gradebook

    path = tmp_path_factory.mktemp("tiny-gradebook") / "gradebook.db"
    points = {"q1_tests": (2, "code"), "q2a_tests": (1, "code"), "q2b_tests": (1, "code"), "q3_essay": (2, "markdown")}
    with pytest.MonkeyPatch.context() as patch, warnings.catch_warnings():
        # nbgrader runs its `alembic` command (beside this interpreter) when it creates a gradebook
        patch.setenv("PATH", str(Path(sys.executable).parent) + os.pathsep + os.environ.get("PATH", ""))
        # nbgrader's add_submission makes SQLAlchemy warn "... not in session" (the command ignores it too)
        warnings.filterwarnings("ignore", message=".*not in session.*")
        with Gradebook(f"sqlite:///{path.as_posix()}", "tiny") as gb:
            gb.add_assignment("planning")
            gb.add_notebook("planning", "planning")
            for grade_id, (score, kind) in points.items():
                gb.add_grade_cell(grade_id, "planning", "planning", max_score=score, cell_type=kind)
            for grade_id in ("q1_answer", "q2_answer", "q3_essay"):  # where the trainer can comment
                gb.add_solution_cell(grade_id, "planning", "planning")
            for student, grades in TINY_GRADES.items():
                gb.add_student(student)
                gb.add_submission("planning", student)
                for grade_id, (auto, manual, waits) in grades.items():
                    grade = gb.find_grade(grade_id, "planning", "planning", student)
                    grade.auto_score, grade.manual_score, grade.needs_manual_grade = auto, manual, waits
            gb.db.commit()
    return path


@pytest.fixture
def tiny_gradebook(tiny_course, tiny_gradebook_db):
    """The tiny course graded (:data:`TINY_GRADES`, :data:`TINY_STATE`), as nbgrader's gradebook and
    autograded notebooks are after a run: ben's failed checks show their errors. The workspace."""
    ws = tiny_course
    shutil.copy(tiny_gradebook_db, ws.root / "gradebook.db")
    outputs = {"ben": {"q1_tests": [error("AssertionError", "Count the tasks again")],
                       "q2b_tests": [error("AssertionError")]}, "ana": {}}
    for student, failed in outputs.items():
        cells = copy.deepcopy(TINY_CELLS)
        for cell in cells:
            cell_id = cell["metadata"].get("nbgrader", {}).get("grade_id")
            if cell_id in failed:
                cell["outputs"] = failed[cell_id]
        ws.autograded("planning", student).mkdir(parents=True)
        (ws.autograded("planning", student) / "planning.ipynb").write_text(notebook_json(cells))
    ws.save_state("planning", copy.deepcopy(TINY_STATE))
    return ws
