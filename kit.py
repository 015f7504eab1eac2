#!/usr/bin/env python3
"""Set up the PMO course kit and run it: the two commands of the README.

    python3 kit.py start   # set up (first time only), then open JupyterLab on the course
    python3 kit.py test    # set up (first time only), then run the whole test suite

The kit lives in a virtual environment, ``.venv`` beside this file (or the
folder named by the environment variable PMO_VENV), installed with the exact
versions of ``constraints.txt`` (the ones the tests passed on; refresh it with
``python3 tools/lock.py``). Set-up happens again only when pyproject.toml or
constraints.txt changes. Extra arguments go to JupyterLab or to pytest:
``python3 kit.py start --no-browser``, ``python3 kit.py test -k schedule``.
Needs Python 3.11 or newer and nothing else.

``start`` opens the trainee's JupyterLab: the lessons, the Assignment List (the
course's exercises are offered there from this machine's own exchange, and each
one fetched lands in ``my-work/``), Validate in each exercise's toolbar; not the
trainer's tools (the trainer's JupyterLab is ``pmo-lessons formgrader``).
"""

import hashlib
import json
import os
import re
import subprocess
import sys
import time
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = Path(os.environ.get("PMO_VENV") or ROOT / ".venv")
CONSTRAINTS = ROOT / "constraints.txt"
OPENING_NOTEBOOK = "course/00_welcome.ipynb"
EXTRAS = {"start": "", "test": "[test]"}

# JupyterLab settings for the course, written into the environment: no question a trainee
# cannot answer (the "news" prompt), no calls to the internet.
LAB_SETTINGS = {
    "@jupyterlab/apputils-extension:notification": {"fetchNews": "false", "checkForUpdates": False},
}
# The trainee's JupyterLab (kit.py start): nbgrader's trainee tools only. The Formgrader, the course
# list and "Create Assignment" are the trainer's (pmo-lessons formgrader shows them).
TRAINER_PLUGINS = ["@jupyter/nbgrader:formgrader", "@jupyter/nbgrader:course-list",
                   "@jupyter/nbgrader:create-assignment"]
TRAINER_SERVER_EXTENSIONS = ["nbgrader.server_extensions.formgrader", "nbgrader.server_extensions.course_list"]
# What the trainee's file browser does not list: the trainer's source (solutions/) and the release
# the Assignment List hands out (exercises/); a trainee works in my-work/. jupyter_server's own first.
HIDDEN_FROM_TRAINEES = ["__pycache__", "*.pyc", "*.pyo", ".DS_Store", "*~", "solutions", "exercises",
                        "nbgrader_config.py"]
# Every kernel of the environment shows the kit's errors (pmo_lessons.errors.InputError) as one
# paragraph, the traceback one click away (pmo_lessons/notebook.py).
KERNEL_CONFIG = {"InteractiveShellApp": {"extensions": ["pmo_lessons.notebook"]}}


def main(argv):
    if sys.version_info < (3, 11):  # noqa: UP036 - kit.py is what an older Python runs first
        sys.exit(f"The course kit needs Python 3.11 or newer; this is {sys.version.split()[0]}.")
    if not argv or argv[0] not in EXTRAS:
        sys.exit(__doc__)
    command, extra = argv[0], argv[1:]
    python = set_up(EXTRAS[command])
    env = environment()
    if command == "start":
        return start(env, extra)
    return exec_in(env, [python, "-m", "pytest", *extra])


def bin_dir():
    return VENV / ("Scripts" if os.name == "nt" else "bin")


def trainee_config_dir():
    return VENV / "etc" / "pmo-kit" / "trainee"


def set_up(extras):
    """Create the virtual environment and install the kit into it, if not done yet."""
    python = bin_dir() / ("python.exe" if os.name == "nt" else "python")
    wanted = extras_installed(extras)
    stamp = VENV / ".pmo-kit-installed"
    if not python.exists() or not stamp.exists() or wanted not in stamp.read_text().split():
        first = not python.exists()
        print(("Setting up the course kit (first run only): " if first else
               "Updating the course kit (its dependencies changed): ") +
              f"a Python environment in {VENV}, about {count_packages(extras)} packages "
              f"from the Python Package Index ({'900' if extras else '600'} MB on disk).\n"
              "This takes 2 to 5 minutes on a broadband connection; later starts take seconds.", flush=True)
        started = time.monotonic()
        if first:
            print("  creating the environment ...", flush=True)
            venv.EnvBuilder(with_pip=True).create(VENV)
        install(python, extras)
        previous = stamp.read_text().split() if stamp.exists() else []
        stamp.write_text("\n".join(sorted(set(previous) | {wanted})) + "\n")
        print(f"  done in {time.monotonic() - started:.0f} s.", flush=True)
    write_settings()
    return str(python)


def count_packages(extras):
    """How many packages set-up installs, as tools/lock.py counted them (the header of constraints.txt)."""
    found = re.search(r"^# packages: start (\d+), test (\d+)$", CONSTRAINTS.read_text(), re.M)
    return (found[2] if extras else found[1]) if found else "150"


def install(python, extras):
    """pip install of the kit at the versions of constraints.txt, saying what it is doing: pip's own
    lines go to a log (shown if it fails), a line per stage and a count of packages to the screen."""
    log_path = VENV / "pip-install.log"
    args = [str(python), "-m", "pip", "install", "--disable-pip-version-check", "--progress-bar", "off",
            "--constraint", str(CONSTRAINTS), "--editable", f".{extras}"]
    tty = sys.stdout.isatty()
    seen, stage = 0, None
    with log_path.open("w", encoding="utf-8") as log:
        process = subprocess.Popen(args, cwd=ROOT, env=environment(), stdout=subprocess.PIPE,
                                   stderr=subprocess.STDOUT, text=True, bufsize=1)
        for line in process.stdout:
            log.write(line)
            if re.match(r"(Collecting|Requirement already satisfied) ", line):
                seen += 1
                if stage != "collect":
                    stage = "collect"
                    print("  finding and downloading the packages ...", flush=True)
                if tty:
                    name = line.split()[1] if line.startswith("Collecting") else line.split()[3]
                    sys.stdout.write(f"\r    {seen} packages ({name[:40]})".ljust(70))
                    sys.stdout.flush()
                elif seen % 25 == 0:
                    print(f"    {seen} packages ...", flush=True)
            elif line.startswith("Installing collected packages"):
                count = len(line.split(":", 1)[1].split(","))
                if tty:
                    sys.stdout.write("\n")
                what = f"{count} packages (a minute or two, with no news while it works)" if count > 1 else "1 package"
                print(f"  installing {what} ...", flush=True)
                stage = "install"
        code = process.wait()
    if code:
        tail = "".join(log_path.read_text(encoding="utf-8").splitlines(keepends=True)[-25:])
        sys.exit(f"{tail}\nSet-up failed: pip exited with {code} (its whole output: {log_path}). "
                 "Check the network connection and run the same command again: it goes on where it stopped.")


def extras_installed(extras):
    """A token naming what is installed: the extras and the pyproject.toml and constraints they came from."""
    sha = hashlib.sha256((ROOT / "pyproject.toml").read_bytes() + CONSTRAINTS.read_bytes())
    return f"{sha.hexdigest()[:16]}{extras or '[base]'}"


def write_settings():
    """The environment's JupyterLab settings, the trainee's JupyterLab configuration, the kernels' extension."""
    settings = VENV / "share" / "jupyter" / "lab" / "settings" / "overrides.json"
    trainee = trainee_config_dir()
    files = {
        settings: LAB_SETTINGS,
        trainee / "labconfig" / "page_config.json": {"disabledExtensions": {name: True for name in TRAINER_PLUGINS}},
        trainee / "jupyter_server_config.json": {"ContentsManager": {"hide_globs": HIDDEN_FROM_TRAINEES}},
        VENV / "etc" / "ipython" / "ipython_kernel_config.json": KERNEL_CONFIG,
    }
    for path, content in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(content, indent=2) + "\n")


def environment():
    env = dict(os.environ)
    env["PATH"] = str(bin_dir()) + os.pathsep + env.get("PATH", "")
    env["VIRTUAL_ENV"] = str(VENV)
    env.setdefault("JUPYTER_PLATFORM_DIRS", "1")
    env.pop("PYTHONHOME", None)
    return env


def start(env, extra):
    """The trainee's JupyterLab on the kit: the exercises offered in the Assignment List first."""
    notebooks = sorted(str(p) for p in (ROOT / "course").glob("*.ipynb"))
    run([str(bin_dir() / "jupyter"), "trust", *notebooks], env, quiet=True)
    offer_exercises(env)
    env = dict(env)
    env["JUPYTER_CONFIG_PATH"] = os.pathsep.join(filter(None, [str(trainee_config_dir()),
                                                                env.get("JUPYTER_CONFIG_PATH")]))
    args = [str(bin_dir() / "jupyter"), "lab", f"--ServerApp.root_dir={ROOT}",
            f"--LabApp.default_url=/lab/tree/{OPENING_NOTEBOOK}", *trainee_flags(), *root_flag(extra), *extra]
    print("Starting JupyterLab (about 10 s): it opens in your browser on the welcome lesson; if it does not, "
          "open the link that starts with http://127.0.0.1 below. Stop it with Ctrl+C in this window.",
          flush=True)
    return exec_in(env, args)


def trainee_flags():
    """JupyterLab's options for the trainee: the trainer's server extensions off."""
    return [f"--ServerApp.jpserver_extensions={name}=False" for name in TRAINER_SERVER_EXTENSIONS]


def offer_exercises(env):
    """Publish the course's exercises to this machine's own nbgrader exchange (those not there yet
    or changed), so the Assignment List offers them. Not on a shared server, whose exchange
    (PMO_EXCHANGE_DIR) only the trainer publishes to."""
    if env.get("PMO_EXCHANGE_DIR"):
        return
    print("Offering the course's exercises in JupyterLab's Assignment List (the first time, about 20 s) ...",
          flush=True)
    result = subprocess.run([str(bin_dir() / "pmo-lessons"), "release", "--exchange"], cwd=ROOT,
                            env=env, capture_output=True, text=True)
    if result.returncode:
        print("  The Assignment List will be empty: " + (result.stderr.strip().splitlines() or ["?"])[-1]
              + "\n  The lessons work all the same; ask your trainer for the exercise files.", flush=True)


def root_flag(extra):
    """JupyterLab refuses to run as root without --allow-root: add it, and say so."""
    if hasattr(os, "geteuid") and os.geteuid() == 0 and "--allow-root" not in extra:
        print("Running as root: JupyterLab is started with --allow-root (an ordinary account is safer).",
              flush=True)
        return ["--allow-root"]
    return []


def run(args, env, quiet=False):
    result = subprocess.run(args, cwd=ROOT, env=env,
                            stdout=subprocess.DEVNULL if quiet else None,
                            stderr=subprocess.DEVNULL if quiet else None)
    if result.returncode:
        sys.exit(f"Set-up failed: {' '.join(args)} exited with {result.returncode}.")


def exec_in(env, args):
    """Run JupyterLab or pytest in this process's place (POSIX): Ctrl+C and signals reach it."""
    os.chdir(ROOT)  # nbgrader and pytest read their configuration from here
    sys.stdout.flush()
    if os.name == "posix":
        os.execve(args[0], args, env)
    try:
        return subprocess.call(args, env=env)
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
