"""nbgrader's configuration for every user of the hub (trainees, instructors, the formgrader).

Install it in the kit's environment, where every single-user server reads it:

    cp deploy/jupyterhub/nbgrader_config.py /opt/pmo-kit/etc/jupyter/nbgrader_config.py

What it does (deploy/jupyterhub/README.md explains each step):

* every server uses one exchange folder, ``$PMO_EXCHANGE_DIR`` or ``/srv/nbgrader/exchange``,
  with one sub-folder per course (several courses on one hub);
* a user's courses are their JupyterHub groups ``nbgrader-<course>`` (trainees) and
  ``formgrade-<course>`` (instructors): nbgrader's ``JupyterHubAuthPlugin`` asks the hub;
* a submission is closed to other trainees: nbgrader's own submit leaves it world-readable
  (files 0644, folder 0777) and relies on its unguessable name; here it is readable by its
  author and the course's graders only (the group of the course's ``inbound`` folder).

The course's own settings (course id, source and release folders, the grading workspace) stay in
the course folder's ``nbgrader_config.py``, which the instructor's commands read.
"""

import os
import shutil
import stat

from nbgrader.auth import JupyterHubAuthPlugin
from nbgrader.exchange.default.submit import ExchangeSubmit
from nbgrader.utils import get_username, ignore_patterns

c = get_config()  # noqa: F821 - provided by nbgrader when it loads this file

c.Exchange.root = os.environ.get("PMO_EXCHANGE_DIR") or "/srv/nbgrader/exchange"
c.Exchange.path_includes_course = True  # fetched work goes to ~/<course>/<assignment>/
c.Authenticator.plugin_class = JupyterHubAuthPlugin


class PrivateSubmit(ExchangeSubmit):
    """nbgrader's submit, then the submission readable by its author and the course's graders only.

    nbgrader creates the course's ``inbound`` folder set-group-id, owned by the instructor who
    first released: what is created in it takes that group. nbgrader's own copy then copies the
    trainee's folder modes over (dropping set-group-id before it writes ``timestamp.txt`` and
    ``submission_secret.txt``, which so end up in the trainee's group) and opens everything to
    all (files 0644, folder 0777). Here the copy creates every folder and file in the inbound's
    group, and the submission ends folder 0770, files 0640: its author and the graders, no one
    else. A trainee also submits under their own login only (nbgrader's ``--student`` names anyone).
    """

    def init_dest(self):
        student = self.coursedir.student_id
        if student not in ("", "*") and student != get_username():
            self.fail(f"You submit as yourself ({get_username()}), not as {student!r}.")
        super().init_dest()

    def do_copy(self, src, dest, log=None):
        if os.path.dirname(os.path.abspath(dest)) != os.path.abspath(self.inbound_path):
            return super().do_copy(src, dest, log)  # the trainee's own cache copy
        if self.get_size(src) > 1000 * self.coursedir.max_dir_size:
            raise RuntimeError(f"Directory size is too big: more than {self.coursedir.max_dir_size} kB")
        ignore = ignore_patterns(exclude=self.coursedir.ignore, include=self.coursedir.include,
                                 max_file_size=self.coursedir.max_file_size, log=self.log)

        def copy(source, target):
            os.mkdir(target)  # inside the set-group-id inbound: its group, set-group-id kept
            names = os.listdir(source)
            skipped = ignore(source, names)
            for name in names:
                path = os.path.join(source, name)
                if name in skipped or os.path.islink(path):
                    continue
                if os.path.isdir(path):
                    copy(path, os.path.join(target, name))
                else:
                    shutil.copyfile(path, os.path.join(target, name))  # contents only: the group stays

        copy(src, dest)

    def copy_files(self):
        super().copy_files()
        submission = os.path.join(self.inbound_path, self.assignment_filename)
        for folder, _, files in os.walk(submission):
            for name in files:
                os.chmod(os.path.join(folder, name), stat.S_IRUSR | stat.S_IWUSR | stat.S_IRGRP)
            os.chmod(folder, stat.S_IRWXU | stat.S_IRWXG)


c.ExchangeFactory.submit = PrivateSubmit

# Validate (the notebook's toolbar button, `nbgrader validate`) says why a cell stopped in plain words,
# not with its traceback (pmo_lessons.grading.validate).
try:
    from pmo_lessons.grading.validate import use_plain_words
except ImportError:  # nbgrader run where the kit is not installed: its own words
    pass
else:
    use_plain_words()
