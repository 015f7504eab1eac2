"""The course on a real JupyterHub with nbgrader's exchange: deploy/jupyterhub/ proven end to end.

The test starts JupyterHub with deploy/jupyterhub/jupyterhub_config.py (PAM users, LocalProcessSpawner,
nbgrader's groups and roles, the formgrader as a hub service) on 127.0.0.1, with real local Unix
users it creates: an instructor (the course's grader account) and three trainees. Then, as a class
would:

* the instructor copies the course into their home (0700) and ``pmo-lessons release --exchange``;
* each trainee's single-user server lists, fetches (nbgrader's Assignments REST handlers, what
  JupyterLab's Assignments tab calls), saves a filled notebook (the contents API, what saving in
  JupyterLab does) and submits: a full solution, one with typical mistakes, one left blank;
* as trainee 1 (``runuser``) the test tries to read trainee 2's submission in the exchange, trainee
  2's home, the instructor's solutions and gradebook: every one must be refused;
* the instructor ``pmo-lessons collect --exchange``, ``grade``, ``feedback --exchange``; each trainee
  fetches their feedback page through their server: the scores are full marks, full marks
  less the mistakes' points, and 0, and no page shows a hidden test;
* the formgrader service answers the instructor and refuses a trainee.

The single-user servers need a Python environment every user may run, as ``/opt/pmo-kit`` is on a
real hub (README). The test builds one in its temporary folder: a virtual environment of a system
Python of the same version, whose own site-packages holds a plain (non-editable) copy of
``pmo_lessons`` with its datasets inside (the wheel's layout), and which borrows the third-party
packages of the test's environment through a ``.pth`` line, or copies them where that environment
sits in a private folder (no network install). So the trainees
run the kit without reading the repository, and the course's ``solutions/`` exists only in the
instructor's home.

Needs root, useradd/userdel/runuser, JupyterHub (``pip install jupyterhub``) and
configurable-http-proxy (``npm install -g configurable-http-proxy``). Without them the test skips
with the reason, except in CI (the environment variable CI set), where it fails: .ci/run installs
the proxy. Everything it creates (users, their processes and homes, the hub's state, the
exchange) is removed afterwards, even when it fails; it refuses to run if one of its users exists.
"""

import json
import os
import pwd
import re
import secrets
import shutil
import signal
import socket
import stat
import subprocess
import sys
import sysconfig
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from .conftest import ROOT, with_answers
from .helpers import FAILED, MISTAKES, POINTS, TOTAL

pytestmark = [pytest.mark.hub, pytest.mark.grading]

DEPLOY = ROOT / "deploy" / "jupyterhub"
COURSE_ID = "pmo-hub-course"  # not the kit's default id: the hub's course comes from PMO_COURSE_ID
ASSIGNMENT = NOTEBOOK = "planning"
SOURCE = ROOT / "solutions" / ASSIGNMENT / f"{NOTEBOOK}.ipynb"
EXERCISE = ROOT / "exercises" / ASSIGNMENT / f"{NOTEBOOK}.ipynb"
INSTRUCTOR = "pmo-hub-instructor"
TRAINEES = ("pmo-hub-t1", "pmo-hub-t2", "pmo-hub-t3")
USERS = (INSTRUCTOR, *TRAINEES)
# what each trainee hands in, and the score it must get
WORK = {"pmo-hub-t1": ("solution", TOTAL), "pmo-hub-t2": ("mistakes", TOTAL - sum(POINTS.values())),
        "pmo-hub-t3": ("blank", 0)}
HIDDEN = re.compile(r"### BEGIN HIDDEN TESTS(.*?)### END HIDDEN TESTS", re.S)
PROXY = shutil.which("configurable-http-proxy")
# root's tools live in sbin, which a plain user's PATH (or a clean environment) may not list
TOOLS = {tool: shutil.which(tool, path=os.pathsep.join([os.environ.get("PATH", ""), "/usr/sbin", "/sbin"]))
         for tool in ("useradd", "userdel", "runuser")}
VERSION = f"python{sys.version_info.major}.{sys.version_info.minor}"
TIMEOUT = 120  # seconds for a server or the hub to come up


# --------------------------------------------------------------------------------------------
# Can this machine run a hub with real users?
# --------------------------------------------------------------------------------------------

def reachable(path, execute=False):
    """Whether any user can reach ``path``: every folder above it o+x, the file itself o+r (o+x)."""
    path = Path(path).resolve()
    for folder in path.parents:
        if not folder.stat().st_mode & stat.S_IXOTH:
            return False
    wanted = stat.S_IROTH | (stat.S_IXOTH if execute or path.is_dir() else 0)
    return path.stat().st_mode & wanted == wanted


def base_python():
    """A Python of the test's version that every user may run (the venv's own interpreter may sit
    in root's home, as pyenv's does)."""
    candidates = [Path(sys._base_executable).resolve(), Path(f"/usr/bin/{VERSION}"), Path(f"/usr/local/bin/{VERSION}")]
    for candidate in candidates:
        if candidate.is_file() and reachable(candidate, execute=True):
            stdlib = subprocess.run([str(candidate), "-c", "import sysconfig; print(sysconfig.get_path('stdlib'))"],
                                    capture_output=True, text=True)
            if stdlib.returncode == 0 and reachable(stdlib.stdout.strip()):
                return candidate
    return None


def missing_requirement():
    """Why this machine cannot run the test (with the command that fixes it), or None."""
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        return ("needs root: it creates Unix users and the hub starts servers as them "
                "(run the suite as root, as CI does)")
    for tool, found in TOOLS.items():
        if found is None:
            return f"{tool} is missing: `apt-get install passwd util-linux`"
    if PROXY is None:
        return "configurable-http-proxy is not installed: `npm install -g configurable-http-proxy`"
    try:
        import jupyterhub  # noqa: F401
    except ImportError:
        return "JupyterHub is not installed: `pip install jupyterhub` (the kit's test extra has it)"
    if base_python() is None:
        return (f"no {VERSION} that every user may run (looked at {sys._base_executable}, /usr/bin, /usr/local/bin): "
                f"`apt-get install {VERSION}`")
    existing = [user for user in USERS if _exists(user)]
    if existing:
        return (f"the users {', '.join(existing)} already exist: the test creates and removes its own users and never "
                f"touches existing ones (a crashed run? remove them with `userdel -r NAME`)")
    return None


def _exists(user):
    try:
        pwd.getpwnam(user)
        return True
    except KeyError:
        return False


# --------------------------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------------------------

def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def http(method, url, token, body=None, json_body=True):
    data = json.dumps(body).encode() if body is not None else (b"" if method in ("POST", "PUT") else None)
    request = urllib.request.Request(url, data=data, method=method, headers={"Authorization": f"token {token}"})
    if body is not None:
        request.add_header("Content-Type", "application/json")
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            text = response.read().decode()
            return response.status, (json.loads(text) if json_body and text else text)
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode(errors="replace")


def wait_for(what, check, timeout=TIMEOUT, log=None):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if check():
                return
        except (OSError, urllib.error.URLError):
            pass
        time.sleep(0.3)
    tail = log.read_text()[-4000:] if log and log.exists() else ""
    raise AssertionError(f"{what} did not happen within {timeout} s\n{tail}")


class Hub:
    """Everything the test made: users, the kit environment, the exchange, the running hub."""

    def __init__(self, root):
        self.root = root
        self.kit = root / "kit"
        self.exchange = root / "exchange"
        self.state = root / "hub"
        self.log = self.state / "jupyterhub.log"
        self.token = secrets.token_hex(32)
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process = None
        self.users = []
        self.tokens = {}

    def home(self, user):
        return Path(pwd.getpwnam(user).pw_dir)

    @property
    def course(self):
        return self.home(INSTRUCTOR) / COURSE_ID

    def env(self, user, **extra):
        return {"HOME": str(self.home(user)), "USER": user, "LOGNAME": user, "LANG": "C.UTF-8",
                "PATH": f"{self.kit / 'bin'}:/usr/local/bin:/usr/bin:/bin", "JUPYTER_PLATFORM_DIRS": "1",
                "PMO_EXCHANGE_DIR": str(self.exchange), **extra}

    def run_as(self, user, *command, check=True, **extra):
        """A command as ``user`` (runuser: their uid, gid and groups), with a clean environment."""
        env = [f"{k}={v}" for k, v in self.env(user, **extra).items()]
        result = subprocess.run([TOOLS["runuser"], "-u", user, "--", "env", "-i", *env, *map(str, command)],
                                cwd=self.home(user), capture_output=True, text=True, timeout=600)
        if check and result.returncode:
            raise AssertionError(f"{' '.join(map(str, command))} as {user} failed ({result.returncode}):\n"
                                 f"{result.stdout}\n{result.stderr}")
        return result

    def pmo_lessons(self, *args):
        return self.run_as(INSTRUCTOR, "pmo-lessons", *args,
                           "--course", self.course, PMO_COURSE_ID=COURSE_ID)

    def api(self, method, path, body=None, token=None):
        return http(method, f"{self.url}/hub/api{path}", token or self.token, body)

    def server(self, user, method, path, body=None, json_body=True):
        return http(method, f"{self.url}/user/{user}{path}", self.tokens[user], body, json_body)

    # -- set-up -------------------------------------------------------------------------------

    def create_users(self):
        for user in USERS:
            subprocess.run([TOOLS["useradd"], "--create-home", "--shell", "/bin/bash", "--comment", "PMO hub test",
                            user], check=True, capture_output=True)
            self.users.append(user)
            os.chmod(self.home(user), 0o700)  # README: homes 0700 (useradd makes them 0755 on Debian)

    def build_kit(self):
        """The hub's kit environment, as /opt/pmo-kit would be: world-readable, pmo_lessons not editable."""
        subprocess.run([str(base_python()), "-m", "venv", "--without-pip", str(self.kit)], check=True)
        site = self.kit / "lib" / VERSION / "site-packages"
        shutil.copytree(ROOT / "pmo_lessons", site / "pmo_lessons",
                        ignore=shutil.ignore_patterns("__pycache__", "datasets"))
        shutil.copytree(ROOT / "datasets", site / "pmo_lessons" / "datasets")  # the wheel's layout
        purelib = Path(sysconfig.get_path("purelib"))
        if reachable(purelib):  # borrow the third-party packages in place
            (site / "pmo-kit-borrowed.pth").write_text(f"{purelib}\n")
        else:  # the test's environment sits in a private folder (a clone in root's home): copy them
            shutil.copytree(purelib, site, dirs_exist_ok=True, symlinks=True,
                            ignore=shutil.ignore_patterns("__pycache__", "pmo_lessons", "_editable_impl_*",
                                                          "pmo_lessons-*"))
        overlay_incompatible(site, base_python())
        here = Path(sys.prefix)
        (self.kit / "share").mkdir(exist_ok=True)
        etc = self.kit / "etc" / "jupyter"
        etc.mkdir(parents=True)
        for source, target in ((here / "share" / "jupyter", self.kit / "share" / "jupyter"),  # lab assets, kernels
                               (here / "etc" / "jupyter" / "jupyter_server_config.d", etc / "jupyter_server_config.d")):
            if reachable(source):
                target.symlink_to(source)
            else:
                shutil.copytree(source, target, symlinks=True)
        shutil.copy(DEPLOY / "nbgrader_config.py", etc / "nbgrader_config.py")  # README step
        for script in (here / "bin").iterdir():  # the console scripts (alembic, nbgrader, pmo-lessons ...)
            target = self.kit / "bin" / script.name
            if script.is_file() and not script.is_symlink() and not target.exists():
                head = script.read_bytes()[:200]
                if head.startswith(b"#!") and b"python" in head.split(b"\n")[0]:
                    body = script.read_text().split("\n", 1)[1]
                    target.write_text(f"#!{self.kit / 'bin' / 'python'}\n{body}")
                    target.chmod(0o755)
        subprocess.run(["chmod", "-R", "a+rX", str(self.kit)], check=True)

    def make_exchange(self):
        self.exchange.mkdir()
        os.chmod(self.exchange, 0o1777)  # README: sticky, so no one removes another's course folder

    def copy_course(self):
        """The instructor's course: the kit's course folders in their home (0700), owned by them."""
        course = self.course
        course.mkdir()
        for folder in ("solutions", "exercises"):
            (course / folder).mkdir()
            shutil.copytree(ROOT / folder / ASSIGNMENT, course / folder / ASSIGNMENT)
        shutil.copy(ROOT / "nbgrader_config.py", course)
        subprocess.run(["chown", "-R", f"{INSTRUCTOR}:{INSTRUCTOR}", str(course)], check=True)

    def start(self):
        self.state.mkdir(mode=0o700)
        classroom = {"admins": [], "courses": {COURSE_ID: {
            "grader": INSTRUCTOR, "instructors": [INSTRUCTOR], "trainees": list(TRAINEES),
            "formgrader_port": free_port()}}}
        (self.state / "classroom.json").write_text(json.dumps(classroom, indent=1))
        # the deploy configuration as it is, plus an API token for the test (a hub service)
        (self.state / "jupyterhub_config.py").write_text(
            f"c = get_config()\n"
            f"load_subconfig({str(DEPLOY / 'jupyterhub_config.py')!r})\n"
            f"c.JupyterHub.services = [*c.JupyterHub.services,"
            f" {{'name': 'pmo-hub-test', 'api_token': {self.token!r}}}]\n"
            f"c.JupyterHub.load_roles = [*c.JupyterHub.load_roles,"
            f" {{'name': 'pmo-hub-test', 'services': ['pmo-hub-test'],"
            f" 'scopes': ['admin:users', 'admin:servers', 'tokens', 'read:groups']}}]\n")
        env = {**os.environ, "PMO_HUB_KIT": str(self.kit), "PMO_EXCHANGE_DIR": str(self.exchange),
               "PMO_HUB_CLASSROOM": str(self.state / "classroom.json"),
               "PATH": f"{Path(PROXY).parent}:{Path(sys.executable).parent}:{os.environ.get('PATH', '')}"}
        args = [sys.executable, "-m", "jupyterhub", "-f", str(self.state / "jupyterhub_config.py"),
                "--ip=127.0.0.1", f"--port={self.port}", f"--JupyterHub.hub_port={free_port()}",
                f"--ConfigurableHTTPProxy.api_url=http://127.0.0.1:{free_port()}"]
        with open(self.log, "w") as log:
            self.process = subprocess.Popen(args, cwd=self.state, env=env, stdout=log, stderr=subprocess.STDOUT,
                                            start_new_session=True)
        wait_for("the hub's API answering", lambda: self.alive() and self.api("GET", "/")[0] == 200, log=self.log)

    def alive(self):
        if self.process.poll() is not None:
            raise AssertionError(f"the hub exited ({self.process.returncode}):\n{self.log.read_text()[-6000:]}")
        return True

    def start_servers(self, users):
        for user in users:
            status, body = self.api("POST", f"/users/{user}/tokens", {"note": "pmo-hub-test", "expires_in": 3600})
            assert status in (200, 201), f"no token for {user}: {status} {body}"
            self.tokens[user] = body["token"]
            status, body = self.api("POST", f"/users/{user}/server")
            assert status in (201, 202), f"{user}'s server did not start: {status} {body}"

        def ready():
            self.alive()
            return all(self.api("GET", f"/users/{u}")[1]["servers"].get("", {}).get("ready") for u in users)

        wait_for("every trainee's server ready", ready, log=self.log)

    # -- tear-down ----------------------------------------------------------------------------

    def stop(self):
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)  # the hub stops the servers and the proxy it started
            try:
                self.process.wait(30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(10)
        pid_file = self.state / "jupyterhub-proxy.pid"
        if pid_file.exists():  # the proxy the hub started, should it have outlived the hub
            try:
                os.kill(int(pid_file.read_text().strip()), signal.SIGKILL)
            except (ValueError, ProcessLookupError):
                pass
        for user in self.users:
            kill_processes_of(pwd.getpwnam(user).pw_uid)
            subprocess.run([TOOLS["userdel"], "--remove", user], capture_output=True)
        shutil.rmtree(self.root, ignore_errors=True)


def overlay_incompatible(site, python):
    """When the users' Python is an older patch release than the test's (Debian's 3.11.2 under a pyenv
    3.11.7, say), put into ``site`` the newest release of each borrowed package that this Python
    supports (soupsieve 3+ needs 3.11.5): what pip installing the kit with that Python would pick."""
    from importlib.metadata import distributions

    from packaging.specifiers import SpecifierSet

    version = subprocess.run([str(python), "-c", "import platform; print(platform.python_version())"],
                             capture_output=True, text=True, check=True).stdout.strip()
    wrong = sorted({d.metadata["Name"] for d in distributions(path=[sysconfig.get_path("purelib")])
                    if d.metadata.get("Requires-Python")
                    and version not in SpecifierSet(d.metadata["Requires-Python"])})
    if wrong:
        for dist in distributions(path=[str(site)]):  # copied from the test's environment: replaced below
            if dist.metadata["Name"] in wrong:
                for item in dist.files or ():
                    (site / item).unlink(missing_ok=True)
        subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "--no-deps",
                        "--upgrade", "--only-binary=:all:", "--python-version", version, "--target", str(site), *wrong],
                       check=True, capture_output=True)


def kill_processes_of(uid):
    """SIGKILL every process owned by ``uid`` (a user this test created), by pid, until none is left."""
    for _ in range(50):
        pids = []
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit():
                try:
                    if entry.stat().st_uid == uid:
                        pids.append(int(entry.name))
                except FileNotFoundError:
                    pass
        if not pids:
            return
        for pid in pids:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        time.sleep(0.1)


# --------------------------------------------------------------------------------------------
# The class
# --------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def hub():
    """A running hub with the instructor and three trainees, the course released to the exchange
    and every trainee's server up."""
    reason = missing_requirement()
    if reason:
        if os.environ.get("CI"):
            pytest.fail(reason + " (CI must run the hub test: .ci/run installs configurable-http-proxy)")
        pytest.skip(reason)
    root = Path(tempfile.mkdtemp(prefix="pmo-hub-", dir=os.environ.get("PMO_HUB_TMP") or "/tmp"))
    os.chmod(root, 0o755)  # the users traverse it to the kit and the exchange; hub/ inside stays 0700
    hub = Hub(root)
    try:
        hub.create_users()
        hub.build_kit()
        hub.make_exchange()
        hub.copy_course()
        hub.start()
        hub.start_servers(TRAINEES)
        yield hub
    finally:
        if os.environ.get("PMO_HUB_KEEP"):  # debugging only: leaves the users, the hub and its files
            pid = hub.process and hub.process.pid
            print(f"PMO_HUB_KEEP: left {root} and the users {', '.join(hub.users)} (hub pid {pid})")
        else:
            hub.stop()


@pytest.fixture(scope="module")
def submitted(hub):
    """The instructor releases planning through the exchange; each trainee fetches it in their
    server, saves their work and submits it, as JupyterLab's Assignments tab does."""
    released = hub.pmo_lessons("release", ASSIGNMENT, "--exchange")
    assert "published to the exchange" in released.stdout, released.stdout
    outbound = hub.exchange / COURSE_ID / "outbound" / ASSIGNMENT / f"{NOTEBOOK}.ipynb"
    assert outbound.read_bytes() == EXERCISE.read_bytes(), "the exchange does not hold the committed exercise"
    for trainee, (kind, _) in WORK.items():
        query = f"?course_id={COURSE_ID}&assignment_id={ASSIGNMENT}"
        status, listed = hub.server(trainee, "GET", f"/assignments?course_id={COURSE_ID}")
        assert status == 200 and listed["success"], f"{trainee} cannot list assignments: {status} {listed}"
        assert [(a["assignment_id"], a["status"]) for a in listed["value"]] == [(ASSIGNMENT, "released")], listed
        status, fetched = hub.server(trainee, "POST", f"/assignments/fetch{query}")
        assert status == 200, f"{trainee} cannot fetch: {status} {fetched}"
        path = f"{COURSE_ID}/{ASSIGNMENT}/{NOTEBOOK}.ipynb"
        assert (hub.home(trainee) / path).read_bytes() == EXERCISE.read_bytes()
        if kind != "blank":
            with tempfile.TemporaryDirectory() as scratch:
                work = Path(scratch) / "work.ipynb"
                shutil.copy(SOURCE, work) if kind == "solution" else with_answers(SOURCE, MISTAKES, work)
                notebook = json.loads(work.read_text())
            status, saved = hub.server(trainee, "PUT", f"/api/contents/{path}",
                                       {"type": "notebook", "format": "json", "content": notebook})
            assert status in (200, 201), f"{trainee} cannot save: {status} {saved}"
        status, result = hub.server(trainee, "POST", f"/assignments/submit{query}")
        assert status == 200 and isinstance(result, dict) and result.get("success"), \
            f"{trainee} cannot submit: {status} {result}"
    inbound = hub.exchange / COURSE_ID / "inbound"
    by_trainee = {entry.name.split("+")[0]: entry for entry in inbound.iterdir()}
    assert sorted(by_trainee) == sorted(TRAINEES), sorted(by_trainee)
    return by_trainee


PROBE = """\
import json, os, sys
outcome = {}
for path in sys.argv[1:]:
    try:
        if os.path.isdir(path):
            os.listdir(path)
        else:
            open(path, "rb").read(1)
        outcome[path] = "read"
    except PermissionError:
        outcome[path] = "denied"
    except FileNotFoundError:
        outcome[path] = "missing"
print(json.dumps(outcome))
"""


def probe(hub, user, paths):
    """What ``user`` may read among ``paths``: {path: "read" | "denied" | "missing"}."""
    result = hub.run_as(user, hub.kit / "bin" / "python", "-c", PROBE, *paths)
    return json.loads(result.stdout)


def test_a_trainee_reads_nothing_of_another_trainee_nor_the_instructors(hub, submitted):
    t1, t2 = TRAINEES[0], TRAINEES[1]
    t2_submission = submitted[t2]
    instructor = hub.home(INSTRUCTOR)
    workspace = instructor / "pmo-grading" / COURSE_ID
    forbidden = [
        t2_submission / f"{NOTEBOOK}.ipynb",  # even knowing its unguessable name
        t2_submission / "submission_secret.txt",  # the key to t2's feedback page
        t2_submission,
        hub.exchange / COURSE_ID / "inbound",  # nobody lists the submissions
        hub.home(t2) / COURSE_ID / ASSIGNMENT / f"{NOTEBOOK}.ipynb",  # t2's work in progress
        hub.home(t2),
        hub.course / "solutions" / ASSIGNMENT / f"{NOTEBOOK}.ipynb",  # hidden tests
        workspace / "gradebook.db",
        instructor,
    ]
    allowed = [  # the probe itself works: what a trainee must read
        hub.home(t1) / COURSE_ID / ASSIGNMENT / f"{NOTEBOOK}.ipynb",
        hub.exchange / COURSE_ID / "outbound" / ASSIGNMENT / f"{NOTEBOOK}.ipynb",
        hub.kit / "lib" / VERSION / "site-packages" / "pmo_lessons" / "datasets" / "projects.csv",
    ]
    outcome = probe(hub, t1, [*map(str, forbidden), *map(str, allowed)])
    assert {p: outcome[str(p)] for p in forbidden} == {p: "denied" for p in forbidden}
    assert {p: outcome[str(p)] for p in allowed} == {p: "read" for p in allowed}
    # and the submission is still readable by the course's graders: the instructor collects it below
    assert probe(hub, INSTRUCTOR, [str(t2_submission / f"{NOTEBOOK}.ipynb")]) == \
        {str(t2_submission / f"{NOTEBOOK}.ipynb"): "read"}


def test_a_trainee_cannot_submit_in_another_trainees_name(hub, submitted):
    t1, t2 = TRAINEES[0], TRAINEES[1]
    result = hub.run_as(t1, hub.kit / "bin" / "python", "-m", "nbgrader", "submit", ASSIGNMENT, "--course", COURSE_ID,
                        f"--CourseDirectory.student_id={t2}", check=False,
                        JUPYTERHUB_USER=t1, JUPYTERHUB_API_TOKEN=hub.tokens[t1],
                        JUPYTERHUB_API_URL=f"{hub.url}/hub/api")
    assert result.returncode != 0 and "submit as yourself" in (result.stdout + result.stderr), \
        result.stdout + result.stderr
    inbound = hub.exchange / COURSE_ID / "inbound"
    assert sorted(entry.name.split("+")[0] for entry in inbound.iterdir()) == sorted(TRAINEES)


def test_the_instructor_collects_grades_and_returns_feedback_through_the_exchange(hub, submitted):
    collected = hub.pmo_lessons("collect", ASSIGNMENT, "--exchange")
    assert collected.stdout.count("(new)") == len(TRAINEES), collected.stdout
    graded = hub.pmo_lessons("grade", ASSIGNMENT)
    for trainee, (_, score) in WORK.items():
        assert re.search(rf"{trainee}\s+{score}/{TOTAL}\s", graded.stdout), graded.stdout
    hub.pmo_lessons("feedback", ASSIGNMENT, "--exchange")
    secrets_ = [line.strip() for block in HIDDEN.findall(SOURCE.read_text())
                for line in block.splitlines() if len(line.strip()) > 3]
    for trainee, (kind, score) in WORK.items():
        status, body = hub.server(trainee, "POST",
                                  f"/assignments/fetch_feedback?course_id={COURSE_ID}&assignment_id={ASSIGNMENT}")
        assert status == 200, f"{trainee} cannot fetch feedback: {status} {body}"
        pages = list((hub.home(trainee) / COURSE_ID / ASSIGNMENT / "feedback").rglob(f"{NOTEBOOK}.html"))
        assert len(pages) == 1, f"{trainee} fetched {pages}"
        page = pages[0].read_text()
        assert f"Your results: {score} / {TOTAL}" in page, f"{trainee}'s feedback is not their graded page"
        assert not [s for s in secrets_ if s in page], f"{trainee}'s feedback shows a hidden test line"
        if kind == "mistakes":
            assert FAILED["q3b_tests"] in page, f"{trainee}'s feedback lacks the diagnostic message"
    again = hub.pmo_lessons("collect", ASSIGNMENT, "--exchange")
    assert "0 taken" in again.stdout, again.stdout


def test_a_submission_planted_in_another_trainees_name_is_not_collected(hub, submitted):
    """inbound is writable by all (nbgrader's design): t1 writes a folder named as t2's newest
    submission. Only the folder's owner says who really submitted it."""
    t1, t2 = TRAINEES[0], TRAINEES[1]
    stamp = "2999-01-01 00:00:00.000000 UTC"
    planted = hub.exchange / COURSE_ID / "inbound" / f"{t2}+{ASSIGNMENT}+{stamp}+planted"
    hub.run_as(t1, "mkdir", planted)
    hub.run_as(t1, "cp", hub.home(t1) / COURSE_ID / ASSIGNMENT / f"{NOTEBOOK}.ipynb", planted)
    hub.run_as(t1, "sh", "-c", f"printf '{stamp}' > '{planted}/timestamp.txt'")
    said = hub.pmo_lessons("collect", ASSIGNMENT, "--exchange")
    assert f"not collected: written by {t1}, not by {t2}" in said.stdout, said.stdout
    taken = hub.home(INSTRUCTOR) / "pmo-grading" / COURSE_ID / "submitted" / t2 / ASSIGNMENT / "timestamp.txt"
    assert taken.read_text() != stamp, f"{t1}'s planted notebook was collected as {t2}'s submission"


def test_the_formgrader_opens_for_the_instructor_only(hub, submitted):
    url = f"{hub.url}/services/{COURSE_ID}/formgrader/api/assignments"
    hub.tokens.setdefault(INSTRUCTOR, hub.api("POST", f"/users/{INSTRUCTOR}/tokens", {"expires_in": 3600})[1]["token"])

    def answers():
        hub.alive()
        return http("GET", url, hub.tokens[INSTRUCTOR])[0] == 200

    wait_for("the formgrader service answering", answers, log=hub.log)
    status, assignments = http("GET", url, hub.tokens[INSTRUCTOR])
    assert [a["name"] for a in assignments] == [ASSIGNMENT], assignments
    status, _ = http("GET", url, hub.tokens[TRAINEES[0]], json_body=False)
    assert status in (403, 404), f"a trainee reached the formgrader ({status})"
