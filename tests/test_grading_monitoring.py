"""The grading round trip through nbgrader's autograde, on the monitoring assignment.

The solution notebook handed in as a trainee's scores full marks; the unfilled
exercise scores 0 without crashing the grading of the others; a notebook with
the classic mistakes of earned value (CPI computed as AC / EV, the sign of a
variance, the wrong EAC for the situation, the reserve counted in the BAC, SPI
instead of SPI(t); a TCPI taken for good news, the lowest index escalated first,
a CPI excused by being ahead) gets partial marks and the diagnostic that names
each one.
"""

import pytest

from .round_trip import *  # noqa: F401,F403 - the shared round trip, collected here

pytestmark = pytest.mark.grading

ASSIGNMENT, NOTEBOOK = "monitoring", "monitoring"
TOTAL = 23

# Mistakes a trainee makes, as answer cells: the grade cells they should fail,
# and the diagnostic each failure must show.
MISTAKES = {
    "q1_answer": (
        "cv = ac - ev      # sign flipped\n"
        "sv = ev - pv\n"
        "cpi = ac / ev     # ratio upside down\n"
        "spi = ev / pv\n"
    ),
    "q2_answer": (
        "eac_one_off = bac / cpi   # the overrun was a one-off, not a trend\n"
        "eac_continues = bac / cpi\n"
        "eac_recovery = ac + (bac - ev) / (cpi * spi)\n"
    ),
    "q6_answer": (
        "last = status[status['project'] == 'ERP'].iloc[-1]\n"
        "erp_eac = projects.set_index('id').at['ERP', 'budget_eur'] / (last['ev_eur'] / last['ac_eur'])\n"
        "board = dashboard(status, projects, baseline, thresholds={'green': 0.95, 'amber': 0.92})\n"
        "red_projects = sorted(p for p in board.index if min(board.at[p, 'CPI'], board.at[p, 'SPI']) < 0.92)\n"
    ),
    "q3c_answer": "bac_promise = 'A'  # the team will do better\n",
    "q6c_answer": "escalate = 'A'  # the lowest schedule index first\n",
    "q7_answer": "two_indices = 'D'  # money spent early\n",
}
FAILED = {
    "q1a_tests": "Sign of the cost variance: you computed AC - EV",
    "q1b_tests": "You computed CPI as AC / EV",
    "q2a_tests": "Your EAC is BAC / CPI: it assumes the overrun goes on",
    "q6a_tests": "You used budget_eur as the BAC: it includes the management reserve",
    "q6b_tests": "you rated the schedule on the cost-based SPI",
    "q3c_tests": "a hope, not a forecast",
    "q6c_tests": "escalate what needs a decision above the project's authority",
    "q7_tests": "being ahead of schedule does not enter it",
}
# The later answers built on the wrong cpi (q2's eac_continues = bac / 1.25, q3's vac)
# fail too, as they should: a wrong index gives a wrong forecast (the last three).
POINTS = {"q1a_tests": 2, "q1b_tests": 2, "q2a_tests": 1, "q6a_tests": 2, "q6b_tests": 1,
          "q2b_tests": 1, "q2c_tests": 1, "q3a_tests": 1, "q3c_tests": 2, "q6c_tests": 2, "q7_tests": 2}
KEPT = {"q3b_tests": None, "q4a_tests": None, "q5_tests": None}
