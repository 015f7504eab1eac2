"""The one exception family of pmo_lessons.

Every function of the kit that rejects its input raises a subclass of
:class:`InputError`, itself a :class:`ValueError`, so that a notebook can
catch them all with ``except ValueError`` and a trainee always reads a
message that names the task, row or column at fault and says what is valid.

>>> from pmo_lessons.errors import NetworkError
>>> issubclass(NetworkError, ValueError)
True
"""

__all__ = ["InputError", "NetworkError", "DatasetError", "ReportError"]


class InputError(ValueError):
    """Input the kit cannot work with; the message says what and where."""


class NetworkError(InputError):
    """A task network (tasks, durations, links) that cannot be scheduled."""


class DatasetError(InputError):
    """A data table that does not follow the data dictionary."""


class ReportError(InputError):
    """A report or a communication check that cannot be made from the data given (unknown project,
    no status, a plan without an owner column ...)."""
