#!/usr/bin/env python3
"""Set up the PMO course kit and run it: the two commands of the README.

    python3 kit.py start   # set up (first time only), then open JupyterLab on the course
    python3 kit.py test    # set up (first time only), then run the whole test suite

The kit lives in a virtual environment, ``.venv`` beside this file (or the
folder named by the environment variable PMO_VENV). Set-up happens again only
when pyproject.toml changes. Extra arguments go to JupyterLab or to pytest:
``python3 kit.py start --no-browser``, ``python3 kit.py test -k schedule``.
Needs Python 3.11 or newer and nothing else.
"""

import hashlib
import json
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = Path(os.environ.get("PMO_VENV") or ROOT / ".venv")
OPENING_NOTEBOOK = "course/00_welcome.ipynb"
EXTRAS = {"start": "", "test": "[test]"}

# JupyterLab settings for the course, written into the environment: no question a trainee
# cannot answer (the "news" prompt), no calls to the internet.
LAB_SETTINGS = {
    "@jupyterlab/apputils-extension:notification": {"fetchNews": "false", "checkForUpdates": False},
}


def main(argv):
    if sys.version_info < (3, 11):  # noqa: UP036 - kit.py is what an older Python runs first
        sys.exit(f"The course kit needs Python 3.11 or newer; this is {sys.version.split()[0]}.")
    if not argv or argv[0] not in EXTRAS:
        sys.exit(__doc__)
    command, extra = argv[0], argv[1:]
    python = set_up(EXTRAS[command])
    env = environment()
    if command == "start":
        notebooks = sorted(str(p) for p in (ROOT / "course").glob("*.ipynb"))
        run([str(bin_dir() / "jupyter"), "trust", *notebooks], env, quiet=True)
        # The whole kit is the server's root, so that course/, exercises/ and the nbgrader
        # configuration are all in reach; the browser opens on the opening notebook.
        return exec_in(env, [str(bin_dir() / "jupyter"), "lab", f"--ServerApp.root_dir={ROOT}",
                             f"--LabApp.default_url=/lab/tree/{OPENING_NOTEBOOK}", *extra])
    return exec_in(env, [python, "-m", "pytest", *extra])


def bin_dir():
    return VENV / ("Scripts" if os.name == "nt" else "bin")


def set_up(extras):
    """Create the virtual environment and install the kit into it, if not done yet."""
    python = bin_dir() / ("python.exe" if os.name == "nt" else "python")
    if not python.exists():
        print(f"Creating a virtual environment in {VENV} ...", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    wanted = extras_installed(extras)
    stamp = VENV / ".pmo-kit-installed"
    if not stamp.exists() or wanted not in stamp.read_text().split():
        print(f"Installing the kit and its dependencies (pmo-lessons{extras}) ...", flush=True)
        run([str(python), "-m", "pip", "install", "--disable-pip-version-check",
             "--quiet", "--editable", f".{extras}"], environment())
        previous = stamp.read_text().split() if stamp.exists() else []
        stamp.write_text("\n".join(sorted(set(previous) | {wanted})) + "\n")
    settings = VENV / "share" / "jupyter" / "lab" / "settings" / "overrides.json"
    settings.parent.mkdir(parents=True, exist_ok=True)
    settings.write_text(json.dumps(LAB_SETTINGS, indent=2) + "\n")
    return str(python)


def extras_installed(extras):
    """A token naming what is installed: the extras and the pyproject.toml they came from."""
    digest = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()[:16]
    return f"{digest}{extras or '[base]'}"


def environment():
    env = dict(os.environ)
    env["PATH"] = str(bin_dir()) + os.pathsep + env.get("PATH", "")
    env["VIRTUAL_ENV"] = str(VENV)
    env.setdefault("JUPYTER_PLATFORM_DIRS", "1")
    env.pop("PYTHONHOME", None)
    return env


def run(args, env, quiet=False):
    result = subprocess.run(args, cwd=ROOT, env=env,
                            stdout=subprocess.DEVNULL if quiet else None,
                            stderr=subprocess.DEVNULL if quiet else None)
    if result.returncode:
        sys.exit(f"Set-up failed: {' '.join(args)} exited with {result.returncode}.")


def exec_in(env, args):
    os.chdir(ROOT)  # nbgrader and pytest read their configuration from here
    return subprocess.call(args, env=env)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
