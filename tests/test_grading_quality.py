"""The grading round trip through nbgrader's autograde, on the quality assignment.

The solution notebook handed in as a trainee's scores full marks (the written advice once the
trainer grades it); the unfilled exercise scores 0 without crashing; a notebook with the classic
mistakes of the lesson (limits from the standard deviation of all the weeks, only the points beyond
the limits taken as signals, the 80 % rule off by one category, appraisal counted as failure cost,
reacting to two lower weeks, auditing the lowest score) gets partial marks and the diagnostic that
names each mistake.
"""

import pytest

from .round_trip import *  # noqa: F401,F403 - the shared round trip, collected here

pytestmark = pytest.mark.grading

ASSIGNMENT, NOTEBOOK = "quality", "quality"
TOTAL = 16
WRITTEN = {"q8_advice": 2}

MISTAKES = {
    # the average +- 3 standard deviations of all 22 weeks
    "q1_answer": (
        "centre = erp_weeks.mean()\n"
        "unpl = centre + 3 * erp_weeks.std()\n"
    ),
    # only the first rule: the first week beyond the limit
    "q2_answer": (
        "chart = xmr(erp_weeks, baseline=12)\n"
        "first_signal_week = int(chart.index[chart['signal'] == 'beyond limits'][0])\n"
    ),
    # stops before the category that crosses 80 %
    "q3_answer": (
        "causes = pareto(defects.loc[defects['project'] == 'ERP', 'category'].value_counts())\n"
        "vital_few = causes.index[causes['cumulative_share'] < 0.8].tolist()\n"
    ),
    # counts appraisal as failure
    "q4_answer": (
        "lines = cost_of_quality(data.load_quality_costs('CRM'))\n"
        "failure_share = lines.loc[['appraisal', 'internal failure', 'external failure'], 'share'].sum()\n"
    ),
    # reacts to the two lower weeks
    "q6_answer": 'pilot_decision = "A"\n',
    # audits the lowest score
    "q7_answer": 'audit_first = "OFM"\n',
}
FAILED = {
    "q1_tests": "average + 3 standard deviations of all 22 weeks",
    "q2_tests": "only one of the three detection rules",
    "q3_tests": "short of 80 %",
    "q4_tests": "Appraisal is a cost of CONFORMANCE",
    "q6_tests": "A reacts to two points",
    "q7_tests": "Lowest score is not the same as first to audit",
}
POINTS = {"q1_tests": 2, "q2_tests": 2, "q3_tests": 2, "q4_tests": 2, "q6_tests": 2, "q7_tests": 2}
KEPT = {"q5_tests": 2}
