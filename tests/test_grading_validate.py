"""Validate in plain words: nbgrader's validator, with the kit's configuration, says why a cell stopped
in a sentence (a self-check's message, a Python error told in words), never with its traceback."""

import json
import subprocess
import sys

import pytest

from .conftest import ROOT

pytestmark = pytest.mark.grading


def validate(path):
    """Run nbgrader's validator as the Validate button does, with the kit's nbgrader_config.py."""
    code = ("import json, sys\nfrom traitlets.config import Config\nfrom nbgrader.apps import NbGrader\n"
            "from nbgrader.validator import Validator\n"
            "app = NbGrader(); app.config_file_paths.append([sys.argv[2]]); app.load_config_file()\n"
            "print(json.dumps(Validator(config=app.config).validate(sys.argv[1])))")
    done = subprocess.run([sys.executable, "-c", code, str(path), str(ROOT)], capture_output=True, text=True,
                          cwd=ROOT, timeout=300)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.splitlines()[-1])


def test_validate_says_why_a_self_check_stopped_in_plain_words(tmp_path):
    from .helpers import EXERCISE, SOURCE, with_answers

    planning = with_answers(SOURCE, {"q2_answer": "fast_track = mezzanine.copy()\n"}, tmp_path / "planning.ipynb")
    errors = [cell["error"] for cell in validate(planning)["failed"]]
    assert any("This cell stopped: it uses fast_track_duration, which is not defined" in e for e in errors), errors
    assert not any("Traceback" in e or "NameError" in e or "\x1b[" in e for e in errors), errors

    blank = [cell["error"] for cell in validate(EXERCISE)["failed"]]  # every self-check stops: in words
    assert len(blank) > 5 and all(e.startswith("This cell stopped: ") and "Traceback" not in e for e in blank), blank
