"""The kit's nbgrader preprocessors and kernel manager, as nbgrader's own are: plain classes.

- :class:`RepairCells` runs before nbgrader's sanitize pass (autograde stage): it mends what a
  trainee did to the cells (:func:`pmo_lessons.grading.autograde.repair_cells`) and says so on top.
- :class:`SafeExecute` is nbgrader's ``Execute``, hardened for untrusted notebooks, with its
  kernel manager :class:`SandboxedKernelManager` (autograde stage, in the worker processes).
- :class:`StripGradeTracebacks` and :class:`FeedbackSummary` belong to the feedback pipeline,
  listed as data in :data:`feedback_preprocessors` (feedback stage).

This module imports nbgrader, nbclient and jupyter_client: the stages import it only when they
grade or write feedback, so that ``import pmo_lessons.grading`` stays light.
"""

from __future__ import annotations

import copy
import os
import subprocess
import time
from pathlib import Path

from jupyter_client.manager import AsyncKernelManager
from nbclient.exceptions import CellTimeoutError, DeadKernelError
from nbclient.util import run_sync
from nbconvert.preprocessors import CSSHTMLHeaderPreprocessor
from nbformat.v4 import new_markdown_cell, new_output
from nbgrader import utils
from nbgrader.preprocessors import ClearHiddenTests, Execute, GetGrades, NbGraderPreprocessor
from traitlets import Any, Dict, Float, List

from .. import sandbox
from .autograde import repair_cells
from .checks import OUTPUT_CUT, diagnostic
from .feedback import results_table

__all__ = [
    "RepairCells",
    "SandboxedKernelManager",
    "SafeExecute",
    "StripGradeTracebacks",
    "FeedbackSummary",
    "feedback_preprocessors",
    "error_output",
]


def error_output(name, text):
    """An error output the grader puts in a cell, as a kernel would: ``name: text``.

    >>> error_output("TimeBudgetExceeded", "not run").traceback
    ['TimeBudgetExceeded: not run']
    """
    return new_output("error", ename=name, evalue=text, traceback=[f"{name}: {text}"])


# --------------------------------------------------------------------------------------------
# Autograde: before nbgrader's sanitize pass
# --------------------------------------------------------------------------------------------

class RepairCells(NbGraderPreprocessor):
    """Mend the cells of a submission before nbgrader's sanitize pass, and say so on top.

    ``known`` maps each grade id of the source notebook to its locked source (test and read-only
    cells) or None (answer cells); ``tests`` are the ids of its test cells; ``notes`` come from the
    collection (a misnamed notebook). The repairs (see
    :func:`~pmo_lessons.grading.autograde.repair_cells`) go to ``resources["pmo_repairs"]``; they
    and the notes are listed in a note at the top of the notebook.
    """

    known = Dict(help="grade id -> locked source, or None for an answer cell").tag(config=False)
    tests = List(help="the grade ids of the source's test cells").tag(config=False)
    notes = List(help="what the collection did (a misnamed notebook taken)").tag(config=False)

    def preprocess(self, nb, resources):
        nb.cells, repairs = repair_cells(nb.cells, self.known, self.tests)
        resources["pmo_repairs"] = repairs
        shown = [*self.notes, *repairs]
        if shown:
            nb.cells.insert(0, new_markdown_cell("**Repaired by the grader:** " + "; ".join(shown) + "."))
        return nb, resources


# --------------------------------------------------------------------------------------------
# Autograde: execution, in the worker processes
# --------------------------------------------------------------------------------------------

class SandboxedKernelManager(AsyncKernelManager):
    """jupyter_client's kernel manager, whose kernel command can be wrapped (in bubblewrap)."""

    wrap = Any(None, help="argv -> argv: the kernel command wrapped in the sandbox").tag(config=False)

    def format_kernel_cmd(self, extra_arguments=None):
        command = super().format_kernel_cmd(extra_arguments)
        return self.wrap(command) if self.wrap else command


class SafeExecute(Execute):
    """nbgrader's Execute preprocessor, hardened for untrusted notebooks.

    - the kernel starts with the limits of :class:`pmo_lessons.sandbox.Limits` and, where
      bubblewrap works, inside its sandbox (talking over Unix sockets in a private folder);
    - a cell that outlives its timeout even after an interrupt (a loop that catches
      ``KeyboardInterrupt``), or that kills the kernel (``os._exit``, a segfault, memory), gets an
      error output saying so; the kernel is restarted, the cells before it are run again (their
      saved outputs kept) and grading goes on with the next cell;
    - the submission has a wall-time budget: cells not reached get an error, so their tests score 0;
    - output beyond ``output_kb`` per cell is cut with a note (errors are always kept).
    """

    limits = Any(sandbox.Limits()).tag(config=False)
    scratch = Any(None, help="dict(work=, private=, forbidden=) to sandbox the kernel").tag(config=False)
    deadline = Float(0.0).tag(config=False)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("kernel_manager_class", SandboxedKernelManager)
        kwargs.setdefault("shutdown_kernel", "immediate")  # its state is never needed again: 0.3 s saved
        super().__init__(*args, **kwargs)
        self.failed = set()
        self._output_used = {}

    # ---- the kernel: limits, sandbox, sockets ------------------------------------------------
    def create_kernel_manager(self):
        km = super().create_kernel_manager()
        if self.scratch and self.scratch.get("sandboxed"):
            private = Path(self.scratch["private"])
            km.transport = "ipc"
            km.connection_file = str(private / "kernel.json")
            km.ip = str(private / "kernel-ipc")
            # an interrupt signal would reach bubblewrap's own process first (and end the
            # sandbox): ask the kernel itself, on its control channel
            km.kernel_spec.interrupt_mode = "message"
            km.wrap = lambda argv: sandbox.bwrap_command(
                argv, self.scratch["work"], private, self.limits, self.scratch["env"],
                forbidden=self.scratch.get("forbidden", ()))
        return km

    async def async_start_new_kernel(self, **kwargs):
        kwargs.setdefault("stdout", subprocess.DEVNULL)  # the kernel's own start-up chatter
        kwargs.setdefault("stderr", subprocess.DEVNULL)
        if os.name == "posix":
            group = self._group = sandbox.ProcessGroup(self.limits.processes)

            def confine(limits=self.limits):
                group.join()
                sandbox.apply_limits(limits)

            kwargs.setdefault("preexec_fn", confine)
        if self.scratch and not self.scratch.get("sandboxed"):
            kwargs.setdefault("env", {**os.environ, **self.scratch["env"]})
        await super().async_start_new_kernel(**kwargs)

    async def _async_cleanup_kernel(self):
        try:
            await super()._async_cleanup_kernel()
        finally:
            group = getattr(self, "_group", None)
            if group is not None:
                group.close()  # whatever the submission left running

    # nbclient binds its synchronous wrappers to its own coroutines: bind them to these
    start_new_kernel = run_sync(async_start_new_kernel)
    _cleanup_kernel = run_sync(_async_cleanup_kernel)

    # ---- time: per cell, and the submission's budget ----------------------------------------
    async def _async_handle_timeout(self, timeout, cell=None):
        reply = await super()._async_handle_timeout(timeout, cell)
        if reply:  # interrupted: say so in words a trainee reads (nbgrader's says "no reply")
            text = f"this cell did not stop within {timeout} s and was interrupted"
            reply["content"].update(ename="CellTimeoutError", evalue=text, traceback=[f"CellTimeoutError: {text}"])
        return reply

    def _get_timeout(self, cell):
        timeout = super()._get_timeout(cell)
        if self.deadline:
            left = max(1, int(self.deadline - time.time()))
            timeout = left if timeout is None else min(timeout, left)
        return timeout

    async def async_execute_cell(self, cell, cell_index, execution_count=None, store_history=True):
        if cell.cell_type != "code" or not cell.source.strip():
            return await super().async_execute_cell(cell, cell_index, execution_count, store_history)
        if self.deadline and time.time() >= self.deadline:
            budget = self.limits.budget_seconds
            cell.outputs = [error_output("TimeBudgetExceeded",
                                         f"not run: the submission used up its time budget of {budget} s")]
            return cell
        try:
            return await super().async_execute_cell(cell, cell_index, execution_count, store_history)
        except (CellTimeoutError, DeadKernelError, TimeoutError, RuntimeError) as error:
            dead = isinstance(error, DeadKernelError) or "died" in str(error).lower()
            if dead:
                text = ("the kernel died while running this cell (the code ended the process, crashed "
                        "or ran out of memory); the cells after it were run in a fresh kernel")
            else:
                text = (f"this cell did not stop within {self._get_timeout(cell)} s, even when "
                        "interrupted; the cells after it were run in a fresh kernel")
            cell.outputs = list(cell.get("outputs", [])) + [
                error_output("KernelDied" if dead else "CellTimeoutError", text)]
            self.nb["cells"][cell_index] = cell
            self.failed.add(cell_index)
            await self._restart_and_replay(cell_index)
            return cell

    execute_cell = run_sync(async_execute_cell)

    async def _restart_and_replay(self, upto):
        """A fresh kernel, then the code cells before ``upto`` again (except those that failed)."""
        for _ in range(upto + 1):
            await self._async_cleanup_kernel()
            self.km = self.create_kernel_manager()
            await self.async_start_new_kernel()
            await self.async_start_new_kernel_client()
            for index in range(upto):
                original = self.nb.cells[index]
                if original.cell_type != "code" or index in self.failed or not original.source.strip():
                    continue
                if self.deadline and time.time() >= self.deadline:
                    return
                try:
                    await Execute.async_execute_cell(self, copy.deepcopy(original), index, store_history=False)
                except (CellTimeoutError, DeadKernelError, TimeoutError, RuntimeError):
                    self.failed.add(index)
                    break  # this one fails now: start again without it
                finally:
                    self.nb.cells[index] = original
            else:
                return

    # ---- output size ------------------------------------------------------------------------
    def output(self, outs, msg, display_id, cell_index):
        cap = self.limits.output_kb * 1024
        if cap and msg["msg_type"] != "error":
            content = msg.get("content", {})
            size = len(content.get("text", "")) + sum(len(str(v)) for v in content.get("data", {}).values())
            used = self._output_used.get(cell_index, 0)
            self._output_used[cell_index] = used + size
            if used + size > cap:
                if used <= cap:  # keep the head of a stream, then say where it was cut
                    if msg["msg_type"] == "stream":
                        outs.append(new_output("stream", name=content.get("name", "stdout"),
                                               text=content.get("text", "")[:cap - used]))
                    outs.append(new_output("stream", name="stdout",
                                           text=f"\n{OUTPUT_CUT}: over {self.limits.output_kb} kB]\n"))
                return None
        return super().output(outs, msg, display_id, cell_index)


# --------------------------------------------------------------------------------------------
# Feedback
# --------------------------------------------------------------------------------------------

class StripGradeTracebacks(NbGraderPreprocessor):
    """Cut the tracebacks of grade cells to the exception line: a traceback quotes hidden tests."""

    def preprocess_cell(self, cell, resources, index):
        if cell.cell_type == "code" and utils.is_grade(cell):
            for output in cell.get("outputs", []):
                if output.output_type == "error":
                    output.traceback = [diagnostic(output)]
        return cell, resources


class FeedbackSummary(NbGraderPreprocessor):
    """Put a table on top: score per question and check, with its diagnostic message
    (the rows of ``resources["pmo_checks"]``, see :func:`pmo_lessons.grading.feedback.results_table`)."""

    def preprocess(self, nb, resources):
        rows = resources.get("pmo_checks", [])
        if rows:
            nb.cells.insert(0, new_markdown_cell(results_table(rows)))
        return nb, resources


#: The feedback pipeline, in order: nbgrader's grades from the gradebook, hidden tests cleared from
#: the cells, grade cells' tracebacks cut to the exception line, the results table on top, the
#: page's style.
feedback_preprocessors = [GetGrades, ClearHiddenTests, StripGradeTracebacks, FeedbackSummary,
                          CSSHTMLHeaderPreprocessor]
