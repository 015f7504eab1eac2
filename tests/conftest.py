"""Fixtures shared by the tests: an nbgrader course whose grading work stays in a temporary folder."""

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
