"""Grading speed: ``pmo-lessons grade`` (parallel) against ``nbgrader autograde`` (serial), same submissions.

Both commands run as a trainer runs them (a fresh process each), on the same class of submissions
of one assignment (a third correct, a third with typical mistakes, a third blank), each in its own
workspace whose gradebook already knows the assignment (``generate_assignment``, not timed). The
script checks that every grade cell gets the same score from both, and prints both times and the
ratio.

    python benchmarks/grading.py                 # 30 submissions of planning
    python benchmarks/grading.py --submissions 6 --workers 2
"""

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
sys.path.insert(0, str(ROOT))

from tests.conftest import with_answers  # noqa: E402
from tests.test_grading import MISTAKES  # noqa: E402


def environment(workspace):
    env = dict(os.environ, PMO_GRADING_DIR=str(workspace), JUPYTER_PLATFORM_DIRS="1")
    env["PATH"] = str(BIN) + os.pathsep + env.get("PATH", "")
    return env


def prepare(workspace, assignment, kinds):
    release = workspace / "release"
    subprocess.run([str(BIN / "nbgrader"), "generate_assignment", assignment, "--force",
                    f"--CourseDirectory.release_directory={release}"], cwd=ROOT, env=environment(workspace),
                   check=True, capture_output=True)
    for index, kind in enumerate(kinds):
        folder = workspace / "submitted" / f"trainee-{index:02d}" / assignment
        folder.mkdir(parents=True)
        shutil.copy(kind, folder / f"{assignment}.ipynb")


def grades(workspace, assignment):
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{workspace / 'gradebook.db'}") as gb:
        return {(s.student.id, g.name): g.score for s in gb.find_assignment(assignment).submissions
                for n in s.notebooks for g in n.grades}


def timed(command, workspace):
    start = time.perf_counter()
    result = subprocess.run(command, cwd=ROOT, env=environment(workspace), capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if result.returncode:
        raise SystemExit(f"{' '.join(command)} failed:\n{result.stdout}\n{result.stderr}")
    return elapsed


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--submissions", type=int, default=30)
    parser.add_argument("--workers", type=int, default=None, help="pmo-lessons grade --workers (default: its own)")
    parser.add_argument("--assignment", default="planning")
    args = parser.parse_args(argv)
    assignment = args.assignment
    source = ROOT / "solutions" / assignment / f"{assignment}.ipynb"
    exercise = ROOT / "exercises" / assignment / f"{assignment}.ipynb"
    load = os.getloadavg()
    with tempfile.TemporaryDirectory(prefix="pmo-bench-") as scratch:
        scratch = Path(scratch)
        mistakes = with_answers(source, MISTAKES, scratch / "mistakes.ipynb") if assignment == "planning" else source
        kinds = [(source, mistakes, exercise)[i % 3] for i in range(args.submissions)]
        serial, parallel = scratch / "nbgrader", scratch / "pmo"
        prepare(serial, assignment, kinds)
        prepare(parallel, assignment, kinds)
        t_serial = timed([str(BIN / "nbgrader"), "autograde", assignment], serial)
        command = [str(BIN / "pmo-lessons"), "grade", assignment, "--workspace", str(parallel)]
        if args.workers:
            command += ["--workers", str(args.workers)]
        t_parallel = timed(command, parallel)
        same = grades(serial, assignment) == grades(parallel, assignment)
        n_cells = len(grades(serial, assignment))
    print(f"{args.submissions} submissions of {assignment} on {os.cpu_count()} cores "
          f"(load average {load[0]:.1f} before, {os.getloadavg()[0]:.1f} after: other work slows the parallel "
          "run more than the serial one)")
    print(f"nbgrader autograde (serial):     {t_serial:6.1f} s  ({t_serial / args.submissions:.2f} s/submission)")
    print(f"pmo-lessons grade (parallel):    {t_parallel:6.1f} s  ({t_parallel / args.submissions:.2f} s/submission)"
          f"  command: {' '.join(command[1:3])} {' '.join(command[5:])}")
    print(f"speed-up: {t_serial / t_parallel:.2f}x")
    print(f"scores identical on all {n_cells} grade cells: {same}")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
