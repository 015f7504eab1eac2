"""The grading round trip through nbgrader's autograde, on the agile assignment.

The solution notebook handed in as a trainee's scores full marks; the unfilled exercise scores 0
without crashing the grading of the others; a notebook with the classic mistakes of lesson 11
(cycle time counted from created, the history with its signal kept, the mean velocity's date, the
85th percentile read for "how many", and the wrong option of each judgement question) gets partial
marks and the diagnostic that names each mistake.
"""

import pytest

from .round_trip import *  # noqa: F401,F403 - the shared round trip, collected here

pytestmark = pytest.mark.grading

ASSIGNMENT, NOTEBOOK = "agile", "agile"
TOTAL = 18

# Mistakes a trainee makes, as answer cells: the grade cells they should fail,
# and the diagnostic each failure must show.
MISTAKES = {
    # cycle time counted from 'created' (the lead time); the weekly throughput right
    "q1_answer": (
        "flow = flow_metrics(requests, start='2026-07-06', end='2026-08-28')\n"
        "done = flow.done\n"
        "lead = (done['done'] - done['created']).dt.days + 1\n"
        "cycle_time_p85 = float(lead.sort_values().iloc[16])\n"
        "weekly_throughput = flow.throughput\n"
    ),
    # Little's law right; "correct" the measured throughput with it
    "q2_answer": (
        "cycle_time_by_littles_law = littles_law(flow)['cycle_time_by_littles_law']\n"
        "answer_2b = 'D'\n"
    ),
    # sees the signal but forecasts from all twelve weeks
    "q3_answer": (
        "history_is_stable = throughput_stability(weekly).stable\n"
        "answer_3b = 'A'\n"
        "forecast = forecast_when(weekly, 50, iterations=20_000, seed=2026, start='2026-10-05')\n"
        "chance_by_4_december = forecast.probability(date='2026-12-04')\n"
    ),
    # the mean velocity's single date; the chance right
    "q4_answer": (
        "release = forecast_when(app_sprints['done_points'], remaining_points, iterations=20_000, "
        "seed=2026, start='2026-10-05', period='2 weeks')\n"
        "release_date_85 = pd.Timestamp('2026-11-13')\n"
        "chance_of_mean_date = release.probability(date='2026-11-13')\n"
    ),
    # the 85th percentile of the counts
    "q5_answer": (
        "how_many = forecast_how_many(app_sprints['done_points'], 2, iterations=20_000, seed=2026)\n"
        "points_by_30_october = how_many.percentile(85)\n"
    ),
    "q6_answer": "answer_6 = 'A'\n",
}
FAILED = {
    "q1a_tests": "LEAD time",
    "q2b_tests": "not a way to correct a measured figure",
    "q3b_tests": "include the clean-up week",
    "q3c_tests": "clean-up week's 18 included",
    "q4a_tests": "the mean velocity's date",
    "q5_tests": "85th PERCENTILE",
    "q6_tests": "about half the futures",
}
POINTS = {"q1a_tests": 2, "q2b_tests": 2, "q3b_tests": 2, "q3c_tests": 2, "q4a_tests": 2,
          "q5_tests": 2, "q6_tests": 2}
KEPT = {"q1b_tests": 1, "q2a_tests": 1, "q3a_tests": 1, "q4b_tests": 1}
