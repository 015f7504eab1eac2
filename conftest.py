"""pytest's configuration for the notebooks (nbval).

Lessons (course/) run top to bottom and their outputs are compared with the
committed ones, after the substitutions in tests/nbval_sanitize.cfg (memory
addresses and the like). Solution notebooks (solutions/) run top to bottom:
every self-check and hidden test must pass, outputs are not compared.
Exercise notebooks are not run here: unfilled, they fail by design; the
grading tests (tests/test_grading.py) run them through nbgrader instead.
"""

from pathlib import Path

from nbval.plugin import IPyNbFile

ROOT = Path(__file__).resolve().parent
SANITIZE = ROOT / "tests" / "nbval_sanitize.cfg"


class CourseNotebook(IPyNbFile):
    """An nbval notebook whose mode depends on the folder it is in."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.compare_outputs = ROOT / "course" in self.path.parents

    def get_sanitize_files(self):
        return [str(SANITIZE)]


def pytest_configure(config):
    # Run notebooks in this interpreter's environment (the kit's), whatever kernels
    # the machine has registered.
    config.option.nbval_current_env = True


def pytest_collect_file(file_path, parent):
    option = parent.config.option
    if option.nbval or option.nbval_lax:
        return None  # nbval collects on its own when asked on the command line
    if file_path.suffix != ".ipynb" or ".ipynb_checkpoints" in file_path.parts:
        return None
    if {ROOT / "course", ROOT / "solutions"} & set(file_path.parents):
        return CourseNotebook.from_parent(parent, path=file_path)
    return None
