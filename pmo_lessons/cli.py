"""``pmo-lessons``: the trainer's command (release, collect, grade, feedback, report, formgrader) on nbgrader.

Every sub-command works in a grading workspace: ``--workspace``, else ``$PMO_GRADING_DIR``, else
``~/pmo-grading/<course_id>``; never in ``solutions/`` or ``exercises/``. Run ``pmo-lessons
SUB-COMMAND --help`` for the details of each.
"""

import argparse
import logging
import os
import subprocess
import sys
import time
import warnings

__all__ = ["main", "ProgressBar"]


class ProgressBar:
    """A plain text progress bar on stderr: ``grade [#######.......] 12/30 trainee-07``."""

    def __init__(self, title, stream=None, width=30):
        self.title, self.stream, self.width = title, stream or sys.stderr, width
        self.start = time.monotonic()
        self.tty = getattr(self.stream, "isatty", lambda: False)()
        self.last = None

    def __call__(self, done, total, label=""):
        filled = int(self.width * done / total) if total else self.width
        line = (f"{self.title} [{'#' * filled}{'.' * (self.width - filled)}] {done}/{total} "
                f"{time.monotonic() - self.start:5.1f}s {label}")
        if self.tty:
            self.stream.write("\r" + line.ljust(100)[:100])
            if done >= total:
                self.stream.write("\n")
        elif (done, total) != self.last:
            self.stream.write(line + "\n")
        self.last = (done, total)
        self.stream.flush()


def _workspace(args):
    from . import grading

    return grading.open_workspace(course=args.course, workspace=args.workspace,
                                  timeout=getattr(args, "timeout", None), exchange=args.exchange_root)


def cmd_release(args):
    from . import grading

    ws = _workspace(args)
    if args.check and args.exchange:
        raise grading.GradingError("--check writes nothing: it cannot publish to the exchange (drop --exchange)")
    results = grading.release(ws, args.assignments, check=args.check, progress=ProgressBar("release"),
                              exchange=args.exchange)
    for assignment, status in results:
        print(f"{assignment}: {status}")
    stale = [a for a, s in results if s == "stale"]
    if stale:
        print(f"error: exercises/ is stale for {', '.join(stale)}: run `pmo-lessons release "
              f"{' '.join(stale)}` and commit exercises/", file=sys.stderr)
        return 1
    from .grading.release import RECORD_BEHIND

    behind = [a for a, s in results if s.startswith(RECORD_BEHIND)]
    if behind:
        print(f"error: exercises/releases.json is behind for {', '.join(behind)} (a fresh clone would not know "
              f"them released): run `pmo-lessons release {' '.join(behind)}` and commit exercises/", file=sys.stderr)
        return 1
    return 0


def cmd_collect(args):
    from . import grading

    if not args.exchange and not args.source:
        raise grading.GradingError("name a SOURCE (a folder or a zip), or pass --exchange")
    if args.max_mb < 0:
        raise grading.GradingError(f"--max-mb must be 0 (no limit) or a positive number, not {args.max_mb}")
    ws = _workspace(args)
    result = grading.collect(ws, args.assignment, args.source, pattern=args.pattern, exchange=args.exchange,
                             max_mb=args.max_mb)
    for student, name, why in result.taken:
        print(f"taken    {student:<20} {name} ({why})")
    for name, why in result.skipped:
        print(f"skipped  {_shown(name)}: {why}")
    for name, why in result.flagged:
        print(f"FLAGGED  {_shown(name)}: {why}")
    flagged = f", {len(result.flagged)} flagged for you to check" if result.flagged else ""
    print(f"{len(result.taken)} taken, {len(result.skipped)} skipped{flagged}, into {ws.root / 'submitted'}")
    return 0


def _shown(name, most=120):
    """A file name from a hand-in, on one line and not too long."""
    name = " ".join(str(name).split()) if any(c in str(name) for c in "\r\n\t") else str(name)
    return name if len(name) <= most else name[:most] + "..."


def cmd_grade(args):
    from . import grading

    ws = _workspace(args)
    from . import sandbox

    options = {"memory_mb": args.memory_mb, "cpu_seconds": args.cpu_seconds, "processes": args.processes,
               "file_mb": args.file_mb, "output_kb": args.output_kb, "budget_seconds": args.budget,
               "scratch_mb": args.scratch_mb}
    for name, value in options.items():  # named as the trainer typed them
        if value < 0:
            option = "--budget" if name == "budget_seconds" else "--" + name.replace("_", "-")
            raise sandbox.SandboxError(f"{option} must be 0 (no limit) or a positive number, not {value}")
    limits = sandbox.Limits(**options)
    sandboxed, how = sandbox.isolation()
    if args.isolate == "off":
        how = "NOT sandboxed (--isolate off): trainee code runs with the grader's permissions"
    print(f"isolation: {how}", file=sys.stderr)
    results = grading.grade(ws, args.assignment, workers=args.workers, limits=limits, isolate=args.isolate,
                            force=args.force, allow_stale=args.allow_stale, progress=ProgressBar("grade"))
    from .grading.feedback import plain_submission_reason

    for r in results:
        line = f"{r.student:<20} {r.score:g}/{r.max_score:g}  {r.status}"
        print(line + (f": {plain_submission_reason(r.reason)}" if r.reason else ""))
    counts = {s: sum(r.status == s for r in results) for s in ("graded", "unchanged", "broken")}
    print(f"{counts['graded']} graded, {counts['unchanged']} unchanged, {counts['broken']} could not be "
          f"graded (0 points, reason above); gradebook: {ws.root / 'gradebook.db'}")
    return 0


def cmd_feedback(args):
    from . import grading

    ws = _workspace(args)
    paths = grading.feedback(ws, args.assignment, students=args.student, progress=ProgressBar("feedback"),
                             exchange=args.exchange)
    for path in paths:
        print(path)
    for student, reason in sorted(paths.withheld.items()):
        print(f"WITHHELD {student}: {reason}")
    withheld = (f"; {len(paths.withheld)} withheld (reason above, and in the report): give those trainees "
                "their results yourself" if paths.withheld else "")
    print(f"{len(paths)} feedback pages, no hidden test in any{withheld}")
    return 0


def cmd_report(args):
    from . import grading

    ws = _workspace(args)
    csv_path, html_path = grading.report(ws, args.assignment, out_dir=args.output)
    print(csv_path)
    print(html_path)
    return 0


def cmd_formgrader(args):
    """The trainer's JupyterLab: nbgrader's Formgrader on this workspace's gradebook and exchange."""
    ws = _workspace(args)
    env = dict(os.environ, PMO_GRADING_DIR=str(ws.root), JUPYTER_PLATFORM_DIRS="1")
    if args.exchange_root:
        env["PMO_EXCHANGE_DIR"] = str(ws.exchange_root)
    env["PATH"] = os.path.dirname(sys.executable) + os.pathsep + env.get("PATH", "")
    command = [sys.executable, "-m", "jupyterlab", f"--ServerApp.root_dir={ws.course}",
               "--LabApp.default_url=/formgrader"]
    if hasattr(os, "geteuid") and os.geteuid() == 0 and "--allow-root" not in args.lab_args:
        print("Running as root: JupyterLab is started with --allow-root (an ordinary account is safer).",
              file=sys.stderr)
        command.append("--allow-root")
    print(f"The Formgrader on the workspace {ws.root} (gradebook, submissions, feedback) and the exchange "
          f"{ws.exchange_root}: it opens in your browser (JupyterLab itself is at /lab). Stop it with Ctrl+C.",
          file=sys.stderr)
    command += args.lab_args
    os.chdir(ws.course)
    if os.name == "posix":  # JupyterLab takes this process's place: Ctrl+C and signals reach it
        os.execve(sys.executable, command, env)
    try:
        return subprocess.call(command, env=env)
    except KeyboardInterrupt:
        return 0


def build_parser():
    """The argument parser of ``pmo-lessons``."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--workspace", metavar="DIR",
                        help="grading workspace (gradebook, submitted/, autograded/, feedback/); default "
                             "$PMO_GRADING_DIR, else ~/pmo-grading/<course_id>")
    common.add_argument("--course", metavar="DIR",
                        help="the course folder holding solutions/ and nbgrader_config.py (default: the "
                             "current folder, else the kit this package comes from)")
    common.add_argument("--exchange-root", metavar="DIR",
                        help="nbgrader's exchange folder (default $PMO_EXCHANGE_DIR, else <workspace>/exchange; "
                             "on JupyterHub the shared one, e.g. /srv/nbgrader/exchange)")
    parser = argparse.ArgumentParser(
        prog="pmo-lessons", description="The trainer's workflow on nbgrader: release, collect, grade, "
                                        "feedback, report.")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    p = sub.add_parser("release", parents=[common], help="regenerate exercises/ from solutions/",
                       description="Regenerate exercises/<assignment> from solutions/<assignment> with nbgrader "
                                   "(only those that changed), or with --check list the stale ones and exit 1.")
    p.add_argument("assignments", nargs="*", metavar="ASSIGNMENT", help="default: every assignment")
    p.add_argument("--check", action="store_true", help="write nothing; exit 1 if an exercise is stale")
    p.add_argument("--exchange", action="store_true",
                   help="then publish each assignment to nbgrader's exchange for trainees to fetch")
    p.set_defaults(func=cmd_release)

    p = sub.add_parser("collect", parents=[common], help="take submissions from a folder, an LMS zip or the exchange",
                       description="Copy submissions into the workspace (submitted/<trainee>/<assignment>/) and "
                                   "report what was taken and what was skipped and why.")
    p.add_argument("assignment", metavar="ASSIGNMENT")
    p.add_argument("source", nargs="?", metavar="SOURCE", help="a folder of notebooks or an LMS zip")
    p.add_argument("--pattern", default=None,
                   help="regular expression matched against each file's path inside SOURCE, with a group "
                        "(?P<student>...) and optionally (?P<notebook>...) and (?P<submitter>...) (who the LMS "
                        "says handed it in); default: <trainee>_<notebook>.ipynb")
    p.add_argument("--exchange", action="store_true", help="collect from nbgrader's exchange instead")
    p.add_argument("--max-mb", type=int, default=32,
                   help="largest hand-in taken, MB uncompressed, checked before unpacking (0: no limit)")
    p.set_defaults(func=cmd_collect)

    p = sub.add_parser("grade", parents=[common], help="autograde the collected submissions in parallel",
                       description="Autograde every new or changed submission in parallel; grades go to "
                                   "nbgrader's gradebook. A submission that cannot be graded gets 0 and a reason.")
    p.add_argument("assignment", metavar="ASSIGNMENT")
    p.add_argument("--workers", type=int, default=None,
                   help="parallel kernels (default: cores + 3: a kernel waits while starting)")
    p.add_argument("--timeout", type=int, default=None, help="seconds per cell (default: nbgrader_config.py)")
    p.add_argument("--memory-mb", type=int, default=2048,
                   help="memory per submission, MB: each process, and the whole sandbox where a control group "
                        "can be made (0: none)")
    p.add_argument("--cpu-seconds", type=int, default=600, help="CPU time per submission's kernel (0: none)")
    p.add_argument("--budget", type=int, default=600, metavar="SECONDS",
                   help="wall time per submission; cells not reached score 0 (0: none)")
    p.add_argument("--processes", type=int, default=64, help="processes and threads per kernel, sandboxed (0: none)")
    p.add_argument("--file-mb", type=int, default=64, help="largest file trainee code may write, MB (0: none)")
    p.add_argument("--output-kb", type=int, default=256,
                   help="output kept per cell, kB, and 16 times that per notebook; the rest is cut (0: all)")
    p.add_argument("--scratch-mb", type=int, default=256,
                   help="size of the sandbox's scratch folder, MB; a quarter of it each for /tmp and /dev/shm "
                        "(0: no limit)")
    p.add_argument("--isolate", choices=("auto", "require", "off"), default="auto",
                   help="sandbox each kernel with bubblewrap where it works (auto), refuse to grade "
                        "without it (require), or never (off)")
    p.add_argument("--force", action="store_true", help="grade every submission again, changed or not")
    p.add_argument("--allow-stale", action="store_true",
                   help="grade even if exercises/ is older than solutions/")
    p.set_defaults(func=cmd_grade)

    p = sub.add_parser("feedback", parents=[common], help="one HTML feedback page per trainee, no hidden tests",
                       description="Write feedback/<trainee>/<assignment>/<notebook>.html: score per question, "
                                   "diagnostic messages, no hidden test text.")
    p.add_argument("assignment", metavar="ASSIGNMENT")
    p.add_argument("--student", action="append", help="only this trainee (repeatable)")
    p.add_argument("--exchange", action="store_true",
                   help="also publish the pages of trainees who submitted through nbgrader's exchange")
    p.set_defaults(func=cmd_feedback)

    p = sub.add_parser("report", parents=[common], help="grades CSV and an HTML class summary",
                       description="Write <assignment>_grades.csv (one row per trainee, one column per "
                                   "question) and <assignment>_summary.html (charts embedded).")
    p.add_argument("assignment", metavar="ASSIGNMENT")
    p.add_argument("--output", metavar="DIR", help="where to write (default: <workspace>/reports)")
    p.set_defaults(func=cmd_report)

    p = sub.add_parser("formgrader", parents=[common], help="the trainer's JupyterLab, on the Formgrader",
                       description="Start JupyterLab on the course with nbgrader's Formgrader on this workspace: "
                                   "the grades `pmo-lessons grade` recorded, the submissions, the written answers "
                                   "to grade by hand. Other arguments go to JupyterLab "
                                   "(e.g. --no-browser, --port=8890).")
    p.set_defaults(func=cmd_formgrader, takes_lab_args=True)
    return parser


def _skip_slow_imports():
    """jsonschema imports ``rfc3987_syntax`` when it is installed, and that module builds a parser
    grammar at import: about 1.5 s in every grading process (this one and each worker). nbformat's
    notebook schema checks no IRI format, so the command does without it."""
    if "rfc3987_syntax" not in sys.modules:
        sys.modules["rfc3987_syntax"] = None  # ``import rfc3987_syntax`` now raises ImportError


def main(argv=None):
    """Entry point of the ``pmo-lessons`` command; returns the exit status."""
    _skip_slow_imports()
    # nbformat mends duplicate or missing cell ids in trainees' notebooks and warns about each:
    # noise on the trainer's terminal, not news (the grading notes say what was repaired)
    warnings.filterwarnings("ignore", module="nbformat")
    parser = build_parser()
    args, unknown = parser.parse_known_args(argv)
    if unknown and not getattr(args, "takes_lab_args", False):
        parser.error(f"unrecognized arguments: {' '.join(unknown)}")
    args.lab_args = [a for a in unknown if a != "--"]
    if getattr(args, "pattern", "") is None:
        from .grading import DEFAULT_PATTERN

        args.pattern = DEFAULT_PATTERN
    os.environ.setdefault("JUPYTER_PLATFORM_DIRS", "1")
    warnings.filterwarnings("ignore", module="sqlalchemy")
    warnings.filterwarnings("ignore", message=".*not in session.*")
    logging.getLogger("traitlets").setLevel(logging.ERROR)
    from .errors import InputError

    try:
        return args.func(args)
    except InputError as error:
        print(f"pmo-lessons {args.command}: error: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(f"pmo-lessons {args.command}: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
