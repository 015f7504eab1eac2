"""What several test files share; test files import from here, never from each other.

- The planning assignment handed in as trainees do, and the ``pmo-lessons`` command run as a
  trainer runs it (the grading, command-line, hostile and JupyterHub tests).
- Independent readings of the bundled datasets: the loaders, the predecessor grammar, early starts
  by relaxation, working days (the data, capacity and PMO-data tests).
"""

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd

from pmo_lessons import data

from .conftest import ROOT, with_answers

# --------------------------------------------------------------------------
# The planning assignment and the pmo-lessons command
# --------------------------------------------------------------------------

#: The planning assignment's points, and the mistakes a trainee makes, as answer cells: the grade
#: cells they should fail (POINTS: what each loses) and the diagnostic each failure must show.
TOTAL = 23


# Mistakes a trainee makes, as answer cells: the grade cells they should fail,
# and the diagnostic each failure must show.
MISTAKES = {
    "q3_answer": (
        "expected = pert(estimates)\n"
        "expected_duration = cpm(expected.assign(duration=expected['expected']))['ef'].max()\n"
        "path = ['A', 'B', 'C', 'F', 'G', 'H', 'J']\n"
        "project_std = expected.set_index('id').loc[path, 'std'].sum()  # adds std devs\n"
        "z = (25 - expected_duration) / project_std\n"
        "probability_25_days = 0.5 * (1 + math.erf(z / math.sqrt(2)))\n"
    ),
    # the judgement questions: the most probable date; the obvious crash; the longest task as critical
    "q3d_answer": "announce_reason = 'B'\nannounce_day = 26\n",
    "q5_answer": "days_saved = 3  # G is 3 days shorter\n",
    "q5b_answer": "acceleration = 'A'\n",
    "q6_answer": "permit_message = 'A'\n",
}


FAILED = {
    "q3b_tests": "You added the standard deviations",
    "q3c_tests": "",
    "q3d_tests": "late one time in two",
    "q5_tests": "near-critical path",
    "q5b_tests": "gains 2 days, not 3",
    "q6_tests": "only by what exceeds the task's total float",
}


POINTS = {"q3b_tests": 1, "q3c_tests": 2, "q3d_tests": 2, "q5_tests": 2, "q5b_tests": 2, "q6_tests": 2}


ASSIGNMENT = NOTEBOOK = "planning"


SOURCE = ROOT / "solutions" / ASSIGNMENT / f"{NOTEBOOK}.ipynb"


EXERCISE = ROOT / "exercises" / ASSIGNMENT / f"{NOTEBOOK}.ipynb"


COMMAND = Path(sys.executable).parent / "pmo-lessons"


def grade_points():
    cells = json.loads(SOURCE.read_text())["cells"]
    return {c["metadata"]["nbgrader"]["grade_id"]: c["metadata"]["nbgrader"]["points"]
            for c in cells if c["metadata"].get("nbgrader", {}).get("grade")}


POINTS_BY_CELL = grade_points()


FULL = dict(POINTS_BY_CELL)


def expect(zeroed=()):
    return {gid: (0 if gid in zeroed else pts) for gid, pts in FULL.items()}


def make(kind, path):
    if kind == "solution":
        shutil.copy(SOURCE, path)
    elif kind == "blank":
        shutil.copy(EXERCISE, path)
    elif kind == "mistakes":
        with_answers(SOURCE, MISTAKES, path)
    elif kind == "syntax":
        with_answers(SOURCE, {"q5_answer": "days_saved = (3 +\n"}, path)
    elif kind == "memory":
        with_answers(SOURCE, {"q5_answer": "hog = bytearray(6 * 1024 ** 3)\ndays_saved = 2\n"}, path)
    elif kind == "invalid":
        path.write_text(SOURCE.read_text()[:5000])
    elif kind == "dies":
        with_answers(SOURCE, {"q2_answer": "import os\nos._exit(3)\n"}, path)
    elif kind == "partial-blank":
        exercise = json.loads(EXERCISE.read_text())
        blanks = {c["metadata"]["nbgrader"]["grade_id"]: "".join(c["source"]) for c in exercise["cells"]
                  if c["metadata"].get("nbgrader", {}).get("grade_id") in ("q4_answer", "q5_answer")}
        with_answers(SOURCE, blanks, path)
    return path


def run(*args, env, check=True):
    result = subprocess.run([str(COMMAND), *args], env=env, capture_output=True, text=True, cwd=ROOT)
    if check and result.returncode:
        raise AssertionError(f"pmo-lessons {' '.join(args)} failed ({result.returncode}):\n"
                             f"{result.stdout}\n{result.stderr}")
    return result


def environment(home):
    env = dict(os.environ)
    env.pop("PMO_GRADING_DIR", None)
    env["HOME"] = str(home)
    env["PATH"] = str(COMMAND.parent) + os.pathsep + env.get("PATH", "")
    env.setdefault("JUPYTER_PLATFORM_DIRS", "1")
    return env


def trainer_at(root):
    """A trainer's home under ``root`` (a test module's folder): ``(home, env, workspace)``: the
    environment that runs ``pmo-lessons`` there and the default workspace it grades into."""
    home = root / "home"
    home.mkdir()
    return home, environment(home), home / "pmo-grading" / "pmo-course"


def gradebook_grades(workspace):
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{workspace / 'gradebook.db'}") as gb:
        return {
            s.student.id: {g.name: g.score for n in s.notebooks for g in n.grades}
            for s in gb.find_assignment(ASSIGNMENT).submissions
        }


def visible_text(page):
    page = re.sub(r"(?is)<(script|style)\b.*?</\1>", "", page)
    import html

    return " ".join(html.unescape(re.sub(r"(?s)<[^>]+>", "", page)).split())


# --------------------------------------------------------------------------
# The bundled datasets, read independently of the package's own algorithms
# --------------------------------------------------------------------------

LOADERS = {
    "projects": data.load_projects,
    "tasks": data.load_tasks,
    "resources": data.load_resources,
    "assignments": data.load_assignments,
    "status_weekly": data.load_status,
    "holidays": data.load_holidays,
    "risks": data.load_risks,
    "project_scores": data.load_project_scores,
    "okrs": data.load_okrs,
    "milestones": data.load_milestones,
    "work_items": data.load_work_items,
    "sprints": data.load_sprints,
    "defects": data.load_defects,
    "deliverables": data.load_deliverables,
    "acceptance_criteria": data.load_acceptance_criteria,
    "quality_costs": data.load_quality_costs,
    "health_checks": data.load_health_checks,
    "purchase_orders": data.load_purchase_orders,
    "budget_changes": data.load_budget_changes,
    "annual_budget": data.load_annual_budget,
    "portfolio_envelope": data.load_portfolio_envelope,
    # the PMO itself (lesson 12)
    "pmo_charter": data.load_pmo_charter,
    "pmo_services": data.load_pmo_services,
    "pmo_kpis": data.load_pmo_kpis,
    "maturity_assessments": data.load_maturity_assessments,
    "benefits": data.load_benefits,
    "benefit_profiles": data.load_benefit_profiles,
    "dependencies": data.load_dependencies,
    "documents": data.load_documents,
    "next_gates": data.load_next_gates,
    "lessons_learned": data.load_lessons_learned,
    "skills": data.load_skills,
    "people": data.load_people,
    "person_skills": data.load_person_skills,
    "absences": data.load_absences,
    "role_skills": data.load_role_skills,
    "role_demand": data.load_role_demand,
    "candidate_roles": data.load_candidate_roles,
    "courses": data.load_courses,
    "training_evaluations": data.load_training_evaluations,
    "risk_responses": data.load_risk_responses,
}


# A local reading of the predecessor grammar: ID, ID TYPE, ID TYPE+-LAG
REFERENCE = re.compile(r"^(?P<id>[^\s,]+)(?: (?P<type>FS|SS|FF|SF)(?P<lag>[+-]\d+)?)?$")


def links_of(text):
    """[(predecessor, type, lag)] of a predecessors cell."""
    links = []
    for part in filter(None, (p.strip() for p in text.split(","))):
        match = REFERENCE.match(part)
        assert match, f"cannot parse reference {part!r}"
        links.append((match["id"], match["type"] or "FS", int(match["lag"] or 0)))
    return links


def early_starts(tasks):
    """ES by relaxing every link until nothing moves (Bellman-Ford style, no topological order)."""
    duration = dict(zip(tasks["id"], tasks["duration"]))
    links = [(p, t, kind, lag) for t, text in zip(tasks["id"], tasks["predecessors"])
             for p, kind, lag in links_of(text)]
    es = dict.fromkeys(duration, 0)
    for _ in range(len(duration) + 1):
        moved = False
        for p, s, kind, lag in links:
            bound = {"FS": es[p] + duration[p], "SS": es[p],
                     "FF": es[p] + duration[p] - duration[s], "SF": es[p] - duration[s]}[kind] + lag
            if bound > es[s]:
                es[s], moved = bound, True
        if not moved:
            return es
    raise AssertionError("the network has a positive cycle")


def calendar(start, count, holidays):
    """The first `count` working days from `start`, as datetime64[D]."""
    offsets = np.arange(count)
    return np.busday_offset(np.datetime64(start.date()), offsets, roll="forward",
                            holidays=holidays)


def raw(name):
    """A bundled table as read from its CSV: all text."""
    return pd.read_csv(data.dataset_path(name), dtype=str, keep_default_na=False)


def refs(*names):
    return {n: LOADERS[n]() for n in names}


def set_cell(frame, position, column, value):
    frame = frame.copy()
    frame.loc[frame.index[position], column] = value
    return frame
