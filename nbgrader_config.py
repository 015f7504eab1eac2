"""nbgrader's configuration for the PMO course kit.

The repository's top level is the course: ``solutions/`` is nbgrader's source
folder (instructor notebooks, with solutions and hidden tests) and
``exercises/`` its release folder (what trainees get, generated, committed).

Grading work (the gradebook, submitted/, autograded/, feedback/, the exchange) never goes
into the tracked tree: it lives in a workspace folder, ``~/pmo-grading/pmo-course``
by default, or wherever the environment variable ``PMO_GRADING_DIR`` points (one
folder per workshop, say). ``pmo-lessons`` uses the same workspace, so its grades
and plain nbgrader commands share one gradebook.

A trainee's work never goes into ``exercises/`` either: JupyterLab's Assignment List fetches each
exercise into ``my-work/<assignment>/`` (a folder of the trainee's own, which no command of the kit
writes over), and submits and fetches feedback from there.

Run nbgrader's commands from this folder so that it reads this file.
"""

import os
from pathlib import Path

c = get_config()  # noqa: F821 - provided by nbgrader when it loads this file

course_root = Path(__file__).resolve().parent
COURSE_ID = os.environ.get("PMO_COURSE_ID") or "pmo-course"  # one id per course on a shared hub
workspace = Path(os.environ.get("PMO_GRADING_DIR") or Path.home() / "pmo-grading" / COURSE_ID).resolve()
workspace.mkdir(parents=True, exist_ok=True)

c.CourseDirectory.course_id = COURSE_ID
c.CourseDirectory.root = str(course_root)
c.CourseDirectory.source_directory = "solutions"
c.CourseDirectory.release_directory = "exercises"
c.CourseDirectory.submitted_directory = str(workspace / "submitted")
c.CourseDirectory.autograded_directory = str(workspace / "autograded")
c.CourseDirectory.feedback_directory = str(workspace / "feedback")
c.CourseDirectory.db_url = f"sqlite:///{(workspace / 'gradebook.db').as_posix()}"

# The exchange that carries assignments between trainer and trainees on one machine (release,
# fetch, submit, collect from JupyterLab's Assignment List). A shared server (JupyterHub) names one
# folder for everyone with PMO_EXCHANGE_DIR, e.g. /srv/nbgrader/exchange (deploy/jupyterhub/README.md;
# its trainees' servers read deploy/jupyterhub/nbgrader_config.py, not this file).
c.Exchange.root = os.environ.get("PMO_EXCHANGE_DIR") or str(workspace / "exchange")
# Where a trainee's exercises go when fetched from the Assignment List: my-work/planning/, ...
trainee_folder = course_root / "my-work"
trainee_folder.mkdir(exist_ok=True)  # the Assignment List works in it: it must exist
# The Assignment List reads nbgrader's configuration again in that folder: this file, through a
# one-line pointer the kit writes there once (and never writes over).
pointer = trainee_folder / "nbgrader_config.py"
if not pointer.exists():
    pointer.write_text("# Written by the course kit: nbgrader's settings are the course's, in the folder above.\n"
                       "from pathlib import Path\n\n"
                       "load_subconfig(str(Path(__file__).resolve().parent.parent / 'nbgrader_config.py'))"
                       "  # noqa: F821\n")
c.Exchange.assignment_dir = str(trainee_folder)
c.Exchange.path_includes_course = False  # one course on this machine: my-work/planning, not my-work/<course>/planning

# Only the assignment notebooks: not checkpoints, not scratch files.
c.CourseDirectory.ignore = [".ipynb_checkpoints", "*.pyc", "__pycache__", "feedback",
                            "steering_committee_*.html"]  # the capstone's report, when run

# What a trainee finds in place of a solution.
c.ClearSolutions.code_stub = {"python": "# YOUR CODE HERE\nraise NotImplementedError()"}
c.ClearSolutions.text_stub = "YOUR ANSWER HERE"

# A deleted or stripped test cell is put back from the source and graded,
# rather than leaving the submission flagged for manual grading.
c.OverwriteCells.add_missing_cells = True

# Per cell time budget when grading; a lesson exercise runs in well under a second.
c.ExecutePreprocessor.timeout = 60

# Validate (the notebook's toolbar button, `nbgrader validate`) says why a cell stopped in plain words,
# not with its traceback (pmo_lessons.grading.validate).
try:
    from pmo_lessons.grading.validate import use_plain_words
except ImportError:  # nbgrader run where the kit is not installed: its own words
    pass
else:
    use_plain_words()
