"""Fixtures shared by the tests: an nbgrader course whose grading work stays in a temporary folder."""

import json
import os
import shutil
import subprocess
import sys
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
