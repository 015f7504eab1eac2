"""Interactive explorers for the lessons, built with ipywidgets, one module per PMO competence.

:class:`WhatIf` (planning) lets a trainee change a task's duration or its
predecessors and watch the critical path and the end date move;
:class:`StatusExplorer` (monitoring) moves the status date or the actuals of
earned value; :class:`LevellingExplorer` (resources) changes a priority rule, a
capacity or a project's priority; :class:`RiskExplorer` (risk) changes an
estimate or a risk's probability and shows P80 and the tornado;
:class:`MaturityAssessment` and :class:`RACIChecker` (methodology) turn a PMO
self-assessment into a radar and next steps, and review a RACI matrix;
:class:`PortfolioExplorer` (portfolio) moves the budget or the scoring weights;
:class:`ForecastExplorer` (agile) changes the backlog, the weeks of history or the
confidence of a throughput forecast.
:class:`XmRExplorer` (quality) moves a point of a process behaviour chart or its
baseline and shows the limits and signals. :class:`Cockpit` (simulation) plays Meridian's PMO
for a quarter, week by week.
:class:`BudgetExplorer` (budget) moves a purchase order or the portfolio reserve and shows a
project's forecast and the portfolio's annual balance.
:class:`SlipExplorer` (dependencies between projects) makes a task late and shows which
projects' milestones move.
:class:`LessonFinder` (knowledge) ranks the past lessons for a new project's description.
:class:`CapacityExplorer` (capacity) adds a candidate project or changes a person's time
for projects and shows the capacity heat map by role and month.

Everything they show is computed by the computation modules; the explorers only
wire controls to them, and each can be driven from code. All are
:class:`~pmo_lessons.widgets.base.Explorer`: the cycle "apply the change; if it
is not valid keep the last valid state and say why; redraw" is written once,
in :mod:`pmo_lessons.widgets.base`, whose docstring shows how to write an
explorer for a new competence.

>>> import pandas as pd
>>> tasks = pd.DataFrame({"id": ["A", "B", "C"], "duration": [3, 2, 4],
...                       "predecessors": ["", "A", "A"]})
>>> explorer = WhatIf(tasks, chart=False)
>>> explorer.finish, explorer.critical
(7.0, ['A', 'C'])
>>> explorer.set_duration("B", 6)
>>> explorer.finish, explorer.critical
(9.0, ['A', 'B'])
"""

from .agile import ForecastExplorer
from .base import Explorer
from .budget import BudgetExplorer
from .capacity import CapacityExplorer
from .dependencies import SlipExplorer
from .knowledge import LessonFinder
from .methodology import MaturityAssessment, RACIChecker
from .monitoring import StatusExplorer
from .planning import WhatIf
from .portfolio import PortfolioExplorer
from .quality import XmRExplorer
from .resources import LevellingExplorer
from .risk import RiskExplorer
from .simulation import Cockpit

__all__ = [
    "Explorer",
    "WhatIf",
    "StatusExplorer",
    "LevellingExplorer",
    "RiskExplorer",
    "MaturityAssessment",
    "PortfolioExplorer",
    "RACIChecker",
    "ForecastExplorer",
    "XmRExplorer",
    "BudgetExplorer",
    # the PMO itself (lesson 12)
    "SlipExplorer",
    "LessonFinder",
    "CapacityExplorer",
    # the portfolio simulation (lesson 16)
    "Cockpit",
]
