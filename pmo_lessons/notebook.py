"""The kit in a notebook: its errors read as one paragraph, the traceback one click away.

IPython shows an exception as a traceback through the package's internals with the helpful
message last. For the kit's own errors (:class:`pmo_lessons.errors.InputError` and its kinds:
input the kit cannot work with, the message naming the row, task or column and what is valid),
this IPython extension shows the message first, as one paragraph, and the traceback folded under
it (*Technical details*), one click away. The cell still fails as before: the error stops *Run
All* and nbgrader sees it. While nbgrader grades or validates (``NBGRADER_EXECUTION`` is set) only
the paragraph is shown: a traceback there could quote hidden tests.

``kit.py`` loads it in every kernel of the kit's environment (its IPython configuration,
``.venv/etc/ipython/ipython_kernel_config.json``); elsewhere ``%load_ext pmo_lessons.notebook``.

>>> from pmo_lessons.errors import NetworkError
>>> print(paragraph(NetworkError("task 'F' has a negative duration (-2); a duration is 0 or more")))
This task network cannot be scheduled: task 'F' has a negative duration (-2); a duration is 0 or more.
"""

from __future__ import annotations

import html
import os
import re
import sys

from .errors import DatasetError, InputError, NetworkError, ReportError

__all__ = ["load_ipython_extension", "unload_ipython_extension", "show_input_error", "paragraph", "details_html"]

#: How each kind of kit error begins, in words (the most specific kind first).
LEADS = [
    (NetworkError, "This task network cannot be scheduled"),
    (DatasetError, "This table does not follow the data dictionary"),
    (ReportError, "This report cannot be made from the data given"),
    (InputError, "The kit cannot use this input"),
]
ANSI = re.compile(r"\x1b\[[0-9;]*m")


def paragraph(error):
    """The error in one paragraph: what kind of problem, then the kit's message (one line, a full stop).

    >>> print(paragraph(InputError("no column 'duration' in the tasks table (columns: id, name)")))
    The kit cannot use this input: no column 'duration' in the tasks table (columns: id, name).
    """
    lead = next(text for kind, text in LEADS if isinstance(error, kind))
    message = " ".join(str(error).split()).rstrip(".")
    return f"{lead}: {message}." if message else f"{lead}."


def details_html(traceback_text):
    """The traceback, folded: an HTML ``<details>`` a click opens.

    >>> details_html("\\x1b[31mValueError\\x1b[0m: <x>").startswith("<details><summary>Technical details")
    True
    >>> "&lt;x&gt;" in details_html("ValueError: <x>") and "\\x1b" not in details_html("\\x1b[31mV")
    True
    """
    text = html.escape(ANSI.sub("", traceback_text))
    return ("<details><summary>Technical details (the traceback, for whoever maintains the kit)</summary>"
            f"<pre style='font-size:85%;white-space:pre-wrap'>{text}</pre></details>")


def show_input_error(shell, etype, value, tb, tb_offset=None):
    """IPython's custom exception handler for the kit's errors: the error output holds the paragraph
    (so the cell fails, and nbgrader and nbclient see an error), then the folded traceback."""
    sys.last_type, sys.last_value, sys.last_traceback = etype, value, tb  # for %tb and %debug
    text = paragraph(value)
    shell._showtraceback(etype, value, [f"\x1b[1;31m{text}\x1b[0m"])
    if not os.environ.get("NBGRADER_EXECUTION"):
        from IPython.display import display

        stb = shell.InteractiveTB.structured_traceback(etype, value, tb, tb_offset=tb_offset)
        full = shell.InteractiveTB.stb2text(stb)
        display({"text/html": details_html(full), "text/plain": "(the full traceback: %tb)"}, raw=True)
    return [text]


def load_ipython_extension(ipython):
    """``%load_ext pmo_lessons.notebook``: the kit's errors shown by :func:`show_input_error`."""
    ipython.set_custom_exc((InputError,), show_input_error)


def unload_ipython_extension(ipython):
    ipython.set_custom_exc((), None)
