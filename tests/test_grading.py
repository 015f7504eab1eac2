"""The grading round trip through nbgrader's autograde, on the planning assignment.

The solution notebook handed in as a trainee's scores full marks; the unfilled
exercise scores 0 without crashing the grading of the others; a notebook with
typical mistakes gets partial marks and the diagnostic that names each mistake.
"""

import pytest

from .helpers import FAILED, MISTAKES, POINTS, TOTAL  # noqa: F401 - the round trip reads them here
from .round_trip import *  # noqa: F401,F403 - the shared round trip, collected here

pytestmark = pytest.mark.grading

ASSIGNMENT, NOTEBOOK = "planning", "planning"

KEPT = {"q3a_tests": 1, "q4_tests": 3}
