"""The grading round trip through nbgrader's autograde, on the risk assignment.

The solution notebook handed in as a trainee's scores full marks; the unfilled
exercise scores 0 without crashing the grading of the others; a notebook with
typical mistakes gets partial marks and the diagnostic that names each mistake.
"""

import pytest

from .round_trip import *  # noqa: F401,F403 - the shared round trip, collected here

pytestmark = pytest.mark.grading

ASSIGNMENT, NOTEBOOK = "risk", "risk"
TOTAL = 23

# Mistakes a trainee makes, as answer cells: the grade cells they should fail,
# and the diagnostic each failure must show.
MISTAKES = {
    # adds probability and impact; takes "high" as a score above 12
    "q1_answer": (
        "scores = {r: p + i for r, p, i in zip(register['id'], register['probability'], register['impact'])}\n"
        "products = {r: p * i for r, p, i in zip(register['id'], register['probability'], register['impact'])}\n"
        "high_risks = sorted(r for r, s in products.items() if s > 12)\n"
    ),
    # counts the opportunity as a threat; nets it in the reserve
    "q2_answer": (
        "total_emv = -sum(p / 100 * abs(c) for p, c in zip(register['probability_pct'], register['cost_impact_eur']))\n"
        "reserve = -(register['probability_pct'] / 100 * register['cost_impact_eur']).sum()\n"
    ),
    # right tree, but the EMV of the decision without the price
    "q3_answer": (
        "tree = {'decision': 'Which robot supplier?', 'options': [\n"
        "    {'name': 'Supplier Nord', 'cost': 400_000, 'then': {'chance': 'Delivery', 'outcomes': [\n"
        "        {'name': 'on time', 'probability': 0.6, 'then': 0},\n"
        "        {'name': 'late', 'probability': 0.4, 'then': -200_000}]}},\n"
        "    {'name': 'Supplier Sud', 'cost': 440_000, 'then': {'chance': 'Delivery', 'outcomes': [\n"
        "        {'name': 'on time', 'probability': 0.9, 'then': 0},\n"
        "        {'name': 'late', 'probability': 0.1, 'then': -200_000}]}}]}\n"
        "best_option = best_decision(tree)[0]\n"
        "best_emv = 0.1 * -200_000\n"
    ),
    # the median instead of the P80; the most critical task instead of the top driver
    "q4_answer": (
        "simulation = monte_carlo(robots, iterations=20_000, seed=2026)\n"
        "p80 = simulation.percentile(50)\n"
        "reserve_days = p80 - plan\n"
        "top_driver = simulation.criticality.idxmax()\n"
    ),
    # the judgement questions: the reserve as the worst case; padding every task; the wrong responses
    "q2c_answer": "reserve_answer = 'A'\n",
    "q4d_answer": "contingency_place = 'A'\n",
    "q5_answer": "response_R5 = 'accept'\nresponse_R6 = 'exploit'\nresponse_power = 'mitigate'\n",
}
FAILED = {
    "q1a_tests": "you added probability and impact",
    "q1b_tests": "starts AT 12",
    "q2a_tests": "counts the subsidy (R6) as a threat",
    "q2b_tests": "nets the subsidy against the threats",
    "q3b_tests": "only the expected cost of a late delivery",
    "q4a_tests": "middle of the distribution",
    "q4c_tests": "criticality says how often",
    "q2c_tests": "All the threats at once is very unlikely",
    "q4d_tests": "Parkinson's law",
    "q5a_tests": "more than the 4,000 EUR premium",
    "q5b_tests": "you can raise the chance, not make it certain",
    "q5c_tests": "when the decision belongs above the project, escalate it",
}
POINTS = {"q1a_tests": 1, "q1b_tests": 2, "q2a_tests": 2, "q2b_tests": 2, "q3b_tests": 2,
          "q4a_tests": 2, "q4c_tests": 2, "q2c_tests": 2, "q4d_tests": 2, "q5a_tests": 1, "q5b_tests": 1,
          "q5c_tests": 1}
KEPT = {"q3a_tests": 2, "q4b_tests": 1}
