"""JupyterHub for the PMO course kit on one Linux server (deploy/jupyterhub/README.md).

Who is who comes from ``classroom.json`` beside this file (or the file named by
``$PMO_HUB_CLASSROOM``): per course, its grader account (owns the course folder and the
gradebook, runs the formgrader and ``pmo-lessons``), its instructors and its trainees. Every name
is a local Unix account; users log in with their Unix password (PAM) and each single-user server
runs as its user (LocalProcessSpawner; the hub runs as root).

Paths, each overridable by an environment variable of the hub's process:

* ``PMO_HUB_KIT``: the kit's Python environment, default ``/opt/pmo-kit`` (jupyterlab, nbgrader,
  pmo-lessons installed in it, readable by everyone);
* ``PMO_EXCHANGE_DIR``: nbgrader's exchange, default ``/srv/nbgrader/exchange``.

Per course ``C`` this makes the JupyterHub groups nbgrader expects (its docs, "Using nbgrader with
JupyterHub"): ``formgrade-C`` (the instructors and the grader: they open the formgrader service
``C``) and ``nbgrader-C`` (the trainees: they fetch and submit C's assignments).
"""

import json
import os
import pwd
from pathlib import Path

c = get_config()  # noqa: F821 - provided by JupyterHub when it loads this file

HERE = Path(__file__).resolve().parent
CLASSROOM = Path(os.environ.get("PMO_HUB_CLASSROOM") or HERE / "classroom.json")
KIT = Path(os.environ.get("PMO_HUB_KIT") or "/opt/pmo-kit")
EXCHANGE = os.environ.get("PMO_EXCHANGE_DIR") or "/srv/nbgrader/exchange"
PYTHON = str(KIT / "bin" / "python")

classroom = json.loads(CLASSROOM.read_text())
courses = classroom["courses"]


def home(user):
    return pwd.getpwnam(user).pw_dir


def course_folder(course_id, course):
    """The course (a copy of the kit's repository) in its grader's home, e.g. /home/trainer/pmo-course."""
    return course.get("folder") or os.path.join(home(course["grader"]), course_id)


# --- Users: local Unix accounts, PAM passwords ---------------------------------------------------
c.JupyterHub.authenticator_class = "pam"
c.Authenticator.allowed_users = {
    name for course in courses.values()
    for name in [course["grader"], *course["instructors"], *course["trainees"]]
}
c.Authenticator.admin_users = set(classroom.get("admins", []))

# --- Single-user servers: JupyterLab as the user, from the kit's environment ----------------------
c.JupyterHub.spawner_class = "localprocess"
c.Spawner.cmd = [PYTHON, "-m", "jupyterhub.singleuser"]
c.Spawner.default_url = "/lab"
c.Spawner.notebook_dir = "~"
c.Spawner.environment = {
    "PATH": f"{KIT / 'bin'}:/usr/local/bin:/usr/bin:/bin",
    "PMO_EXCHANGE_DIR": EXCHANGE,
    "JUPYTER_PLATFORM_DIRS": "1",
}
graders = {course["grader"]: course_id for course_id, course in courses.items()}


def pre_spawn_hook(spawner):
    """A grader's terminal knows its course (``pmo-lessons`` and the course config read PMO_COURSE_ID);
    nobody but graders gets nbgrader's formgrader and assignment-creation extensions."""
    name = spawner.user.name
    if name in graders:
        spawner.environment["PMO_COURSE_ID"] = graders[name]
    else:
        spawner.args = [*spawner.args, "--ServerApp.jpserver_extensions=nbgrader.server_extensions.formgrader=False"]


c.Spawner.pre_spawn_hook = pre_spawn_hook

# --- nbgrader's groups and the roles that give them their rights ---------------------------------
groups, roles = {}, [
    {
        # A server's own token may read its user's groups (nbgrader's JupyterHubAuthPlugin finds the
        # user's courses there) and list the course services (nbgrader's course list).
        "name": "server",
        "scopes": ["users:activity!user", "access:servers!server", "read:users:groups!user",
                   "read:users:name!user", "list:services", "read:services"],
    },
]
services = []
for course_id, course in courses.items():
    groups[f"formgrade-{course_id}"] = {"users": sorted({course["grader"], *course["instructors"]})}
    groups[f"nbgrader-{course_id}"] = {"users": sorted(course["trainees"])}
    roles.append({"name": f"formgrade-{course_id}", "groups": [f"formgrade-{course_id}"],
                  "scopes": [f"access:services!service={course_id}", "list:services",
                             f"read:services!service={course_id}"]})
    roles.append({"name": f"nbgrader-{course_id}", "groups": [f"nbgrader-{course_id}"],
                  "scopes": ["list:services", f"read:services!service={course_id}"]})
    # The formgrader's own token reads its grader's groups (nbgrader's JupyterHubAuthPlugin).
    roles.append({"name": f"formgrader-{course_id}", "services": [course_id],
                  "scopes": [f"read:users:groups!user={course['grader']}", f"read:users:name!user={course['grader']}"]})
    # The formgrader: a JupyterLab server of the grader account, on the course folder, as a hub
    # service at /services/<course>/ that only formgrade-<course> may open.
    folder = course_folder(course_id, course)
    grader_home = home(course["grader"])
    services.append({
        "name": course_id,
        "url": f"http://127.0.0.1:{course.get('formgrader_port', 9999)}",
        "command": [PYTHON, "-m", "jupyterhub.singleuser", f"--ServerApp.root_dir={folder}"],
        "user": course["grader"],
        "cwd": folder,
        "oauth_no_confirm": True,
        "environment": {
            "HOME": grader_home,
            "PATH": f"{KIT / 'bin'}:/usr/local/bin:/usr/bin:/bin",
            "PMO_COURSE_ID": course_id,
            "PMO_EXCHANGE_DIR": EXCHANGE,
            "JUPYTER_PLATFORM_DIRS": "1",
            "JUPYTERHUB_DEFAULT_URL": "/lab/tree/formgrader",
        },
    })

c.JupyterHub.load_groups = groups
c.JupyterHub.load_roles = roles
c.JupyterHub.services = services

# --- The hub's own state (run the hub from /srv/jupyterhub: it writes these there) ---------------
c.JupyterHub.db_url = "sqlite:///jupyterhub.sqlite"
c.JupyterHub.cookie_secret_file = "jupyterhub_cookie_secret"
c.ConfigurableHTTPProxy.pid_file = "jupyterhub-proxy.pid"
# Behind HTTPS (TLJH's Traefik, or your reverse proxy) the hub itself listens on plain HTTP.
