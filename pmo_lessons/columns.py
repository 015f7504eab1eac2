"""The one check every module makes of a table it is given: is it a DataFrame with these columns?

Each competence module raises its own kind of :class:`~pmo_lessons.errors.InputError`
(``NetworkError`` for a task network, ``EVMError`` for status data, ...), so the check takes the
exception class to raise; the message is the same everywhere: what the table is, which columns are
missing, which it has and which it needs.

>>> import pandas as pd
>>> require_columns(pd.DataFrame({"id": ["A"], "days": [3]}), ["id", "duration"], "tasks")
Traceback (most recent call last):
...
pmo_lessons.errors.InputError: tasks has no column 'duration'; it has 'id', 'days' (it needs 'id', 'duration').
"""

from __future__ import annotations

import pandas as pd

from .errors import InputError

__all__ = ["require_columns"]


def require_columns(frame, columns, what, error=InputError):
    """Raise ``error`` unless ``frame`` is a DataFrame holding every one of ``columns``.

    Args:
        frame: the table given by the caller.
        columns: the column names the caller needs, in the order the message lists them.
        what: how the table is called in the message (``"tasks"``, ``"the risk register"``).
        error: the :class:`~pmo_lessons.errors.InputError` subclass to raise.

    Returns:
        ``frame``, unchanged, so that the check can be written inline.

    >>> import pandas as pd
    >>> require_columns(pd.DataFrame({"id": ["A"]}), ["id"], "tasks").columns.tolist()
    ['id']
    >>> require_columns([1, 2], ["id"], "tasks")
    Traceback (most recent call last):
    ...
    pmo_lessons.errors.InputError: tasks must be a pandas DataFrame with the column 'id', not list.
    """
    columns = list(columns)
    needed = ", ".join(repr(str(c)) for c in columns)
    if not isinstance(frame, pd.DataFrame):
        noun = "column" if len(columns) == 1 else "columns"
        raise error(f"{what} must be a pandas DataFrame with the {noun} {needed}, "
                    f"not {type(frame).__name__}.")
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        have = ", ".join(repr(str(c)) for c in frame.columns) or "no columns"
        raise error(f"{what} has no column {', '.join(repr(str(c)) for c in missing)}; "
                    f"it has {have} (it needs {needed}).")
    return frame
