#!/usr/bin/env python3
"""Refresh constraints.txt: the exact versions ``kit.py`` installs, found afresh within pyproject.toml's ranges.

    python3 tools/lock.py            # then: python3 kit.py test, and commit constraints.txt

A class gets the environment the tests passed on: ``kit.py`` installs the kit with
``pip install --constraint constraints.txt``, while the package itself keeps its version ranges
(pyproject.toml) for those who install it as a library. This script installs the kit and its test
tools into a scratch virtual environment with pip, taking the newest versions the ranges allow,
and writes what pip chose (``pip freeze``) as constraints.txt, with how many packages a trainee's
set-up (``kit.py start``) and a contributor's (``kit.py test``) install. Run it on purpose (a
dependency's new release, a security fix), then the whole test suite; tests/test_packaging.py
checks that the file matches pyproject.toml's ranges and is what the environment holds.

The versions are found on this machine's platform; on another platform pip adds what that one needs
(pywinpty on Windows, say) at the versions it picks, a constraints file only pins what it names.
"""

import subprocess
import sys
import tempfile
import venv
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET = ROOT / "constraints.txt"


def frozen(python):
    """What the environment holds, as ``name==version`` lines: setuptools too (a dependency needs it),
    not pip (the environment's installer) nor the kit itself."""
    out = subprocess.run([python, "-m", "pip", "freeze", "--all", "--exclude-editable", "--disable-pip-version-check"],
                         check=True, capture_output=True, text=True).stdout
    return sorted((line for line in out.splitlines() if line and not line.startswith(("#", "pip=="))
                   and not line.lower().startswith("pmo-lessons")), key=str.lower)


def install(python, extras):
    subprocess.run([python, "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
                    f"{ROOT}{extras}"], check=True)


def main():
    with tempfile.TemporaryDirectory(prefix="pmo-lock-") as scratch:
        venv.EnvBuilder(with_pip=True).create(scratch)
        python = str(Path(scratch) / ("Scripts/python.exe" if sys.platform == "win32" else "bin/python"))
        print("Installing the kit in a scratch environment, newest versions allowed by pyproject.toml ...")
        install(python, "")
        base = frozen(python)
        install(python, "[test]")
        pins = frozen(python)
    header = [
        "# The exact versions kit.py installs (pip install --constraint constraints.txt --editable .[test]):",
        "# the environment the tests passed on. Refreshed on purpose with `python3 tools/lock.py`, then the",
        "# whole test suite; never by hand. The package itself keeps the ranges of pyproject.toml.",
        f"# Found on {date.today().isoformat()} with Python {sys.version_info.major}.{sys.version_info.minor}, "
        f"{sys.platform}.",
        f"# packages: start {len(base)}, test {len(pins)}",
    ]
    TARGET.write_text("\n".join(header + pins) + "\n")
    print(f"{TARGET.name}: {len(pins)} packages ({len(base)} for kit.py start). Now run `python3 kit.py test`.")


if __name__ == "__main__":
    main()
