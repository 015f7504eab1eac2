"""The grading round trip through nbgrader's autograde, on the knowledge assignment.

The solution notebook handed in as a trainee's scores full marks (the written briefing once the
trainer grades it); the unfilled exercise scores 0 without crashing; a notebook with the classic
mistakes of the lesson (two current versions looked for by type instead of by document, only the gaps
of gates already passed taken as blockers, a review overdue taken as a blocker, the ranking taken for
the brief, the quality screen followed to the letter) gets partial marks and the diagnostic that
names each mistake.
"""

import pytest

from .round_trip import *  # noqa: F401,F403 - the shared round trip, collected here

pytestmark = pytest.mark.grading

ASSIGNMENT, NOTEBOOK = "knowledge", "knowledge"
TOTAL = 18
WRITTEN = {"q9_briefing": 2}

MISTAKES = {
    # two current rows of the same TYPE, not of the same document
    "q1_answer": (
        "current = register[register['status'] == 'current']\n"
        "counts = current.groupby(['project', 'doc_type'])['id'].transform('size')\n"
        "duplicates = sorted(current.loc[counts > 1, 'id'].unique())\n"
    ),
    # only the gaps of the gates already passed
    "q3_answer": (
        "eco = gate_documents(register, 'ECO', 'G3', 'agile', STATUS_DATE)\n"
        "eco_blockers = sorted(eco.loc[eco['blocks'] & (eco['for'] == 'passed gate'), 'doc_type'])\n"
    ),
    # a review overdue taken as a blocker
    "q6_answer": 'crm_g4 = "B"\n',
    # the ranking taken for the brief
    "q7_answer": 'briefing = "A"\n',
    # the screen followed both ways
    "q8_answer": 'send_back = "C"\n',
}
FAILED = {
    "q1_tests": "group the current rows by id, not by type",
    "q3_tests": "Those are the gaps from gates ECO already passed",
    "q6_tests": "B treats a review overdue as a blocker",
    "q7_tests": "A takes the ranking for the brief",
    "q8_tests": "C follows the screen both ways",
}
POINTS = {"q1_tests": 2, "q3_tests": 2, "q6_tests": 2, "q7_tests": 2, "q8_tests": 2}
KEPT = {"q2_tests": 2, "q4_tests": 2, "q5_tests": 2}
