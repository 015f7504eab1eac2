"""Run Meridian's PMO for a quarter: a portfolio simulation played week by week.

Everything else in the course is a snapshot: a plan, a status date, a register. Here the
portfolio moves: every week the projects progress at the pace of their real durations, risks
of the register occur, people leave, sponsors ask for more, and the PMO decides what to move,
fund, escalate or stop, then lives with the consequences. The simulation is built on the kit's
own engines: durations drawn from the three-point estimates (:mod:`pmo_lessons.risk`), work
levelled on the people each project has (:mod:`pmo_lessons.resources`), earned value and
earned schedule (:mod:`pmo_lessons.evm`), the teams' velocities and forecasts
(:mod:`pmo_lessons.agile`), defects and health checks (:mod:`pmo_lessons.quality`), the
steering committee's report (:mod:`pmo_lessons.report`).

>>> game = new_game(seed=2026)
>>> seen = game.observe()
>>> seen.week, seen.status_date.date().isoformat(), seen.board.loc["ERP", "rag"]
(0, '2026-09-25', 'red')
>>> words = game.apply({"action": "escalate", "subject": "R-029"})
>>> news = game.next_week()
>>> game.log[0]["subject"], game.week
('R-029', 1)

The parts, one module each: :mod:`.state` (the portfolio on the status date and the truth drawn
from the seed), :mod:`.events` and :mod:`.happenings` (what happens, the requests, the
steering committee), :mod:`.decisions` (the PMO's moves, checked), :mod:`.engine` (a week),
:mod:`.observe` (what the PMO sees), :mod:`.costs` (the budget layers), :mod:`.scoring`,
:mod:`.policies` (do nothing, the course's expert, a random PMO), :mod:`.game` (play, replay,
what if, how much of a log is the expert's own) and :mod:`.debrief`.
"""

from .debrief import Debrief, debrief, outcomes
from .decisions import ACTIONS, DESCOPABLE, SimulationError
from .events import EVENTS, QUESTIONS
from .game import (
                   LESSONS,
                   Counterfactual,
                   Game,
                   check_log,
                   counterfactual,
                   decisions_that_mattered,
                   expert_overlap,
                   log_as_code,
                   new_game,
                   play,
                   quarter_outcome,
                   reference_scores,
                   replay,
)
from .observe import Observation
from .policies import POLICIES, do_nothing, expert, random_policy
from .scoring import SCORE_WEIGHTS, Score

__all__ = [
    "Game", "new_game", "replay", "play", "counterfactual", "Counterfactual",
    "decisions_that_mattered", "check_log", "log_as_code", "quarter_outcome", "reference_scores",
    "expert_overlap",
    "Observation", "Score", "SCORE_WEIGHTS",
    "ACTIONS", "DESCOPABLE", "EVENTS", "QUESTIONS", "LESSONS", "SimulationError",
    "do_nothing", "expert", "random_policy", "POLICIES", "debrief", "Debrief", "outcomes",
]
