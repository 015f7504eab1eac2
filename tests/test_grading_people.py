"""The grading round trip through nbgrader's autograde, on the people assignment.

The solution notebook handed in as a trainee's scores full marks (the coaching plan once the trainer
grades it); the unfilled exercise scores 0 without crashing; a notebook with the classic mistakes of
the lesson (capacity without absences, a role already over counted as broken by the candidate, the
first start that fixes only the testers, the analysts' unfillable request, the mean of individual
gains, hiring for a one-month peak, a course taken for a practitioner) gets partial marks and the
diagnostic that names each mistake.
"""

import pytest

from .round_trip import *  # noqa: F401,F403 - the shared round trip, collected here

pytestmark = pytest.mark.grading

ASSIGNMENT, NOTEBOOK = "people", "people"
TOTAL = 18
WRITTEN = {"q8_plan": 3}

MISTAKES = {
    # the capacity of resources.csv on a month without absences
    "q1_answer": (
        "capacity = cp.role_capacity(people, absences, months, calendar)\n"
        "de_december = float(cp.role_capacity(people, None, months, calendar).at['DE', '2026-12'])\n"
    ),
    # every role over where the PIM adds work, already over or not
    "q2_answer": (
        "delays = cp.forecast_delays(tasks, projects, data.load_milestones(), calendar)\n"
        "demand = cp.demand_table(cp.role_demand(tasks, assignments, projects, calendar, delays=delays,\n"
        "                                        status_date='2026-09-25'), months=months, roles=capacity.index)\n"
        "pim_demand = cp.demand_table(cp.candidate_demand(pim, calendar=calendar), months=months,\n"
        "                             roles=capacity.index)\n"
        "scenario = cp.take_on(capacity, demand, pim_demand)\n"
        "broken_roles = sorted(set(scenario.loc[scenario['status'] == 'over', 'role']))\n"
    ),
    # stops when the testers fit
    "q3_answer": 'first_fitting_start = "2026-12"\n',
    # the product data request nobody can fill
    "q4_answer": 'greedy_hole = "P-PIM-BA-PDATA-3"\n',
    # the mean of each participant's gain
    "q5_answer": (
        "e = data.load_training_evaluations()\n"
        "normalised_gain = float(((e['post_test'] - e['pre_test']) / (100 - e['pre_test'])).mean())\n"
    ),
    # hires for the December peak
    "q6_answer": 'remedies = {"QA": "hire", "SEC": "hire", "PDATA": "train"}\n',
    # a course makes a practitioner
    "q7_answer": 'plan_advice = "A"\n',
}
FAILED = {
    "q1_tests": "count the absences",
    "q2_tests": "the PIM asks nothing of them",
    "q3_tests": "From December the testers fit",
    "q4_tests": "the question asks for the developers'",
    "q5_tests": "the mean of each participant's own gain",
    "q6_tests": "hiring for one month of December",
    "q7_tests": "A takes a course for a practitioner",
}
POINTS = {"q1_tests": 2, "q2_tests": 2, "q3_tests": 2, "q4_tests": 2, "q5_tests": 2, "q6_tests": 3,
          "q7_tests": 2}
