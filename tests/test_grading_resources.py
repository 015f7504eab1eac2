"""The grading round trip through nbgrader's autograde, on the resources assignment.

The solution notebook handed in as a trainee's scores full marks; the unfilled
exercise scores 0 without crashing the grading of the others; a notebook with
typical mistakes (a finish day counted as worked, projects loaded one at a
time, the default levelling rule, a bound not rounded up; smoothing taken for a
cure, the levelling rule changed without the board, a bound taken for a promise)
gets partial marks and the diagnostic that names each mistake.
"""

import pytest

from .round_trip import *  # noqa: F401,F403 - the shared round trip, collected here

pytestmark = pytest.mark.grading

ASSIGNMENT, NOTEBOOK = "resources", "resources"
TOTAL = 20

MISTAKES = {
    "q1_answer": (
        "peak_developers = 5\n"
        "overloaded_days = [2, 3, 4, 5]  # counts C's finish day (EF 5) as worked\n"
    ),
    "q4_answer": (
        "peaks = []\n"
        "for project, own in portfolio.groupby('project'):  # one project at a time, own timeline\n"
        "    alone = own.assign(release=0)\n"
        "    profile = resource_profile(level(alone, {role: 99 for role in roles}), alone)\n"
        "    peaks.append(profile['BA'].max() if 'BA' in profile else 0)\n"
        "ba_peak = max(peaks)\n"
        "unlimited = level(portfolio, {role: 99 for role in roles})\n"
        "levelled = level(portfolio, roles)  # forgot rule='priority'\n"
        "project_delays = (levelled.groupby('project')['finish'].max()\n"
        "                  - unlimited.groupby('project')['finish'].max())\n"
        "most_delayed = project_delays.idxmax()\n"
    ),
    # the excess of the early-start plan, not of the smoothed one
    "q3_answer": (
        "early = resource_profile(cpm(portal), portal)\n"
        "missing_developer_days = float((early['DEV'] - 3).clip(lower=0).sum())\n"
    ),
    "q3b_answer": "recommendation = 'A'  # smoothing solved it\n",
    "q4d_answer": "board_message = 'C'  # change the rule, tell the board afterwards\n",
    "q5_answer": "dev_lower_bound = (portal['DEV'] * portal['duration']).sum() / 3\n",
    "q5b_answer": "better_tool = 'A'  # the bound is below day 10\n",
}
FAILED = {
    "q1b_tests": "You counted its finish day as a working day",
    "q4a_tests": "the conflicts are BETWEEN projects",
    "q4b_tests": "the default rule (lft)",
    "q5_tests": "round UP",
    "q3a_tests": "the excess of the early-start plan",
    "q3b_tests": "cannot separate B and C",
    "q4d_tests": "The rule IS the decision",
    "q5b_tests": "A lower bound is a floor",
}
POINTS = {"q1b_tests": 2, "q4a_tests": 2, "q4b_tests": 2, "q5_tests": 2,
          "q3a_tests": 1, "q3b_tests": 2, "q4d_tests": 2, "q5b_tests": 2}
KEPT = {"q1a_tests": 1, "q4c_tests": 1}
