"""pmo_lessons: the helper package of the PMO course kit.

One module per PMO competence; import the one you need::

    from pmo_lessons import schedule, resources, evm, risk, data

The modules load on first use, so ``import pmo_lessons`` stays fast.
"""

import importlib

__version__ = "0.1.0"

__all__ = [
    "calendars",
    "columns",
    "communication",
    "data",
    "errors",
    "evm",
    "formats",
    "grading",
    "methodology",
    "plots",
    "portfolio",
    "report",
    "resources",
    "risk",
    "sandbox",
    "schedule",
    "style",
    "widgets",
    "quality",
    "agile",
    # real tools: plans from MS Project and P6, schedule health, Excel, the steering deck
    "plans",
    "health",
    "excel",
    "deck",
    "budget",
    # the PMO itself (lesson 12)
    "benefits",
    "dependencies",
    "pmo_service",
    # knowledge: the document register, the lessons-learned log
    "documents",
    "lessons_learned",
    # people: skills and capacity planning, training and coaching
    "capacity",
    "training",
    # the kit in a notebook: its errors as one paragraph (an IPython extension)
    "notebook",
    # the portfolio simulation (lesson 16)
    "simulation",
]


def __getattr__(name):
    if name in __all__:
        return importlib.import_module(f"{__name__}.{name}")
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
