"""The kit's errors in a notebook (pmo_lessons/notebook.py): one paragraph, the traceback folded under it.

In real kernels started by nbclient, as JupyterLab and nbgrader start them: the kit's environment
loads the extension in every kernel (kit.py writes IPython's configuration); the cell still fails;
while nbgrader grades, no traceback is shown (it could quote a hidden test).
"""

import json
import os
import sys
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

from .conftest import ROOT

BAD_DURATION = ("import pandas as pd\nfrom pmo_lessons.schedule import cpm\n"
                "cpm(pd.DataFrame({'id': ['A', 'B'], 'duration': [3, -2]}))")


def run(*sources, allow_errors=True, env=None):
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(source) for source in sources]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    saved = dict(os.environ)
    os.environ.update(env or {})
    try:
        NotebookClient(nb, timeout=120, allow_errors=allow_errors, kernel_name="python3",
                       resources={"metadata": {"path": str(ROOT)}}).execute()
    finally:
        os.environ.clear()
        os.environ.update(saved)
    return nb.cells


def test_the_kits_environment_loads_the_extension_in_every_kernel():
    sys.path.insert(0, str(ROOT))
    try:
        import kit
    finally:
        sys.path.remove(str(ROOT))
    config = Path(sys.prefix) / "etc" / "ipython" / "ipython_kernel_config.json"
    assert kit.KERNEL_CONFIG == json.loads(config.read_text()), "set up the environment with kit.py"
    assert ["pmo_lessons.notebook"] == kit.KERNEL_CONFIG["InteractiveShellApp"]["extensions"]


def test_a_kit_error_reads_as_one_paragraph_with_the_traceback_folded_under_it():
    cell = run(BAD_DURATION)[0]
    error, details = cell.outputs
    assert ("error", "NetworkError") == (error.output_type, error.ename)
    assert ["\x1b[1;31mThis task network cannot be scheduled: Task B: duration is -2; it must be >= 0.\x1b[0m"] \
        == error.traceback
    html = details.data["text/html"]
    assert html.startswith("<details><summary>Technical details")
    assert "_read_tasks" in html and "Traceback" in html  # the whole traceback, one click away


def test_the_cell_still_fails_and_stops_run_all():
    with pytest.raises(CellExecutionError, match="This task network cannot be scheduled: Task B"):
        run(BAD_DURATION, "print('not reached')", allow_errors=False)


def test_other_errors_keep_their_traceback():
    error = run("{}['missing']")[0].outputs[0]
    assert "KeyError" == error.ename and len(error.traceback) > 1


def test_while_nbgrader_grades_no_traceback_is_shown():
    outputs = run(BAD_DURATION, env={"NBGRADER_EXECUTION": "autograde"})[0].outputs
    assert ["error"] == [o.output_type for o in outputs]
    assert "Task B: duration is -2" in outputs[0].traceback[0]
