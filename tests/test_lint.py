"""The code is clean under the project's own lint rules ([tool.ruff] in pyproject.toml)."""

import subprocess
import sys

from .conftest import ROOT


def test_ruff_finds_nothing():
    result = subprocess.run([sys.executable, "-m", "ruff", "check", "--no-cache", str(ROOT)],
                            cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, f"ruff check finds problems (run `ruff check .`):\n{result.stdout}{result.stderr}"
