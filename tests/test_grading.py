"""The grading round trip through nbgrader's autograde, on the planning assignment.

The solution notebook handed in as a trainee's scores full marks; the unfilled
exercise scores 0 without crashing the grading of the others; a notebook with
typical mistakes gets partial marks and the diagnostic that names each mistake.
"""

import pytest

from .round_trip import *  # noqa: F401,F403 - the shared round trip, collected here

pytestmark = pytest.mark.grading

ASSIGNMENT, NOTEBOOK = "planning", "planning"
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
KEPT = {"q3a_tests": 1, "q4_tests": 3}
