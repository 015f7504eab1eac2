"""The kit's nbgrader preprocessors and kernel manager, as nbgrader's own are: plain classes.

- :class:`RepairCells` runs before nbgrader's sanitize pass (autograde stage): it mends what a
  trainee did to the cells (:func:`pmo_lessons.grading.autograde.repair_cells`) and says so on top.
- :class:`SafeExecute` is nbgrader's ``Execute``, hardened for untrusted notebooks, with its
  kernel manager :class:`SandboxedKernelManager` (autograde stage, in the worker processes).
- :class:`StripGradeTracebacks` and :class:`FeedbackSummary` belong to the feedback pipeline,
  listed as data in :data:`feedback_preprocessors` (feedback stage).

This module imports nbgrader, nbclient and jupyter_client: the stages import it only when they
grade or write feedback, so that ``import pmo_lessons.grading`` stays light. Importing it also
makes nbgrader's metadata checks compile their JSON schema once rather than for every cell
(:class:`CompiledSchemas`: the same checks, a tenth of the time).
"""

from __future__ import annotations

import copy
import json
import os
import subprocess
import time
from pathlib import Path

import nbformat
from jupyter_client.manager import AsyncKernelManager
from nbclient.exceptions import CellTimeoutError, DeadKernelError
from nbclient.util import ensure_async, run_sync
from nbconvert.preprocessors import CSSHTMLHeaderPreprocessor
from nbformat.v4 import new_markdown_cell, new_output
from nbgrader import utils
from nbgrader.preprocessors import Execute, GetGrades, NbGraderPreprocessor
from traitlets import Any, Dict, Float, List

from .. import sandbox
from . import answers
from .autograde import repair_cells
from .checks import HIDDEN, diagnostic
from .feedback import results_table
from .outputs import cut_error, cut_note, mend_output, size_of


class CompiledSchemas:
    """``jsonschema`` as nbgrader's metadata checks use it, with each schema compiled once:
    ``jsonschema.validate`` checks and compiles the schema on every call, for every cell of every
    notebook. Everything else is jsonschema's own."""

    def __init__(self, jsonschema):
        self._jsonschema, self._compiled = jsonschema, {}

    def validate(self, instance, schema, *args, **kwargs):
        if args or kwargs:
            return self._jsonschema.validate(instance, schema, *args, **kwargs)
        key = json.dumps(schema, sort_keys=True)
        if key not in self._compiled:
            cls = self._jsonschema.validators.validator_for(schema)
            cls.check_schema(schema)
            self._compiled[key] = cls(schema)
        error = self._jsonschema.exceptions.best_match(self._compiled[key].iter_errors(instance))
        if error is not None:
            raise error

    def __getattr__(self, name):
        return getattr(self._jsonschema, name)


def _compile_nbgraders_schemas():
    from nbgrader.nbgraderformat import common

    if not isinstance(common.jsonschema, CompiledSchemas):
        common.jsonschema = CompiledSchemas(common.jsonschema)


_compile_nbgraders_schemas()

#: A notebook keeps at most this many times ``--output-kb`` of output, all cells together.
NOTEBOOK_OUTPUTS = 16
#: The largest snapshot of answers taken out of a kernel (its text).
TAKE_LIMIT = answers.LIMITS.max_bytes + answers.LIMITS.max_file_bytes * 4 // 3 + 4096

__all__ = [
    "RepairCells",
    "SandboxedKernelManager",
    "SafeExecute",
    "GUARD",
    "is_test",
    "CompiledSchemas",
    "ClearTests",
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

#: The largest message the grader takes from a trainee's kernel (a larger one ends the connection
#: and its cell fails: the grader never holds it in memory); room for the largest answers' snapshot.
KERNEL_MESSAGE_LIMIT = 3 * answers.LIMITS.max_bytes + 2 * answers.LIMITS.max_file_bytes


class SandboxedKernelManager(AsyncKernelManager):
    """jupyter_client's kernel manager, whose kernel command can be wrapped (in bubblewrap), and
    whose clients refuse messages over :data:`KERNEL_MESSAGE_LIMIT`."""

    wrap = Any(None, help="argv -> argv: the kernel command wrapped in the sandbox").tag(config=False)

    def format_kernel_cmd(self, extra_arguments=None):
        command = super().format_kernel_cmd(extra_arguments)
        return self.wrap(command) if self.wrap else command

    def client(self, **kwargs):
        import zmq

        client = super().client(**kwargs)
        client.context.setsockopt(zmq.MAXMSGSIZE, KERNEL_MESSAGE_LIMIT)  # for the sockets it opens next
        return client


#: Run in the trainee's kernel when it starts: ``exit()``, ``quit()`` and anything that asks the
#: kernel to stop end it at once, inside the cell that asked, so that the cell that asked is the
#: one that fails, on every run (IPython would stop the kernel only after the cell). The answers'
#: reader is loaded after it (:func:`pmo_lessons.grading.answers.kernel_loader`).
GUARD = """def _pmo_guard():
    import os
    shell = get_ipython()
    def ask_exit():
        os._exit(0)
    def after_cell(result):
        if shell.exit_now:
            os._exit(0)
    shell.ask_exit = ask_exit
    shell.events.register("post_run_cell", after_cell)
_pmo_guard()
del _pmo_guard
"""


def is_test(cell):
    """Whether a notebook cell is a test cell (graded, not an answer): it never runs in the
    trainee's kernel."""
    meta = cell.get("metadata", {}).get("nbgrader", {})
    return cell.get("cell_type") == "code" and isinstance(meta, dict) and bool(meta.get("grade")) \
        and not meta.get("solution")


class SafeExecute(Execute):
    """nbgrader's Execute preprocessor, hardened for untrusted notebooks; the tests are not run here.

    - the test cells never run in the trainee's kernel: before each group of them, the answers
      they need (``needs``: test grade id -> names) are taken out as data
      (:func:`pmo_lessons.grading.answers.take`), into :attr:`snapshots`; :attr:`take` says which
      snapshot each test reads, :attr:`take_failed` why a test has none (the kernel died, the time
      budget ran out). The trusted run (:mod:`pmo_lessons.grading.trusted`) runs the tests;
    - the kernel starts with the limits of :class:`pmo_lessons.sandbox.Limits` and, where
      bubblewrap works, inside its sandbox (talking over Unix sockets in a private folder), in
      control groups bounding its memory and processes as a whole where the machine has them;
    - a cell that outlives its timeout even after an interrupt (a loop that catches
      ``KeyboardInterrupt``), or that kills the kernel (``os._exit``, ``exit()``, a segfault,
      memory), gets an error output saying so; the kernel is restarted, the cells before it are run
      again (their saved outputs kept) and grading goes on with the next cell;
    - the submission has a wall-time budget: cells not reached get an error, so their tests score 0;
    - output beyond ``output_kb`` per cell, and beyond 16 times that per notebook, is cut with a
      note, whatever its kind (:mod:`pmo_lessons.grading.outputs`: streams keep their head, errors
      their last lines, display updates count too); widget state is not kept; outputs that are not
      in nbformat's shape are replaced by a note.
    """

    limits = Any(sandbox.Limits()).tag(config=False)
    scratch = Any(None, help="dict(work=, private=, forbidden=) to sandbox the kernel").tag(config=False)
    deadline = Float(0.0).tag(config=False)
    needs = Dict(help="test grade id -> the names of the answers it needs").tag(config=False)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("kernel_manager_class", SandboxedKernelManager)
        kwargs.setdefault("shutdown_kernel", "immediate")  # its state is never needed again: 0.3 s saved
        kwargs.setdefault("store_widget_state", False)
        super().__init__(*args, **kwargs)
        self.failed = set()
        self._output_used, self._notebook_used, self._cut, self._noted = {}, 0, set(), set()
        self._taking, self._running, self._carrying, self._carried, self._carriers = None, None, None, {}, {}
        self.snapshots, self.take, self.take_failed = [], {}, {}
        self.peak_mb = 0.0

    # ---- the kernel: limits, sandbox, sockets ------------------------------------------------
    def create_kernel_manager(self):
        km = super().create_kernel_manager()
        if self.scratch and self.scratch.get("sandboxed"):
            private = Path(self.scratch["private"])
            km.transport = "ipc"
            km.connection_file = str(private / "ipc" / "kernel.json")
            km.ip = str(private / "ipc" / "kernel-ipc")
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
            group = self._group = sandbox.ControlGroup(self.limits)

            def confine(limits=self.limits):
                group.join()
                sandbox.apply_limits(limits)

            kwargs.setdefault("preexec_fn", confine)
        if self.scratch and not self.scratch.get("sandboxed"):
            kwargs.setdefault("env", {**os.environ, **self.scratch["env"]})
        await super().async_start_new_kernel(**kwargs)

    async def async_start_new_kernel_client(self):
        client = await super().async_start_new_kernel_client()
        # the kernel runs requests in order: the guard and the answers' reader are in place before
        # the first cell (the reader loaded alone, from its file: nothing else of the grader)
        await ensure_async(self.kc.execute(GUARD + answers.kernel_loader(), silent=True, store_history=False))
        return client

    async def _async_cleanup_kernel(self):
        try:
            await super()._async_cleanup_kernel()
        finally:
            group = getattr(self, "_group", None)
            if group is not None:
                group.close()  # whatever the submission left running
                self.peak_mb = max(self.peak_mb, group.peak_mb)

    # nbclient binds its synchronous wrappers to its own coroutines: bind them to these
    start_new_kernel = run_sync(async_start_new_kernel)
    start_new_kernel_client = run_sync(async_start_new_kernel_client)
    _cleanup_kernel = run_sync(_async_cleanup_kernel)

    # ---- the notebook: what runs here, and what the kernel may send back -----------------------
    def preprocess(self, nb, resources=None, km=None):
        self._groups = self._test_groups(nb)
        nb, resources = super().preprocess(nb, resources, km)
        info = nb.metadata.get("language_info")
        if not isinstance(info, dict) or len(json.dumps(info, default=str)) > 4096:
            nb.metadata["language_info"] = {"name": "python"}  # the kernel's word, untrusted
        for cell in nb.cells:
            if cell.cell_type == "code":
                if type(cell.get("execution_count")) is not int:
                    cell["execution_count"] = None
                cell.outputs = [nbformat.from_dict(mend_output(o)) for o in cell.get("outputs", [])]
        return nb, resources

    def _test_groups(self, nb):
        """Each test cell's group: the tests that follow one another with no code run between them
        share one snapshot. ``{cell index: (first index of its group, names)}``; and, in
        :attr:`_carriers`, the code cell run just before each group: the snapshot is asked for
        along with it (``user_expressions``), with no request of its own."""
        groups, first, last_code, self._carriers = {}, None, None, {}
        for index, cell in enumerate(nb.cells):
            if is_test(cell):
                if first is None:
                    first = index
                    if last_code is not None:
                        self._carriers[last_code] = index
                groups[index] = first
            elif cell.cell_type == "code" and cell.source.strip():
                first, last_code = None, index
        names = {}
        for index, start in groups.items():
            gid = nb.cells[index].metadata["nbgrader"].get("grade_id")
            names.setdefault(start, set()).update(self.needs.get(gid, ()))
        groups = {index: (start, sorted(names[start])) for index, start in groups.items()}
        self._carriers = {carrier: (start, groups[start][1]) for carrier, start in self._carriers.items()}
        return groups

    def set_widgets_metadata(self):
        pass  # widget state is not kept in a graded notebook

    def on_comm_open_jupyter_widget(self, msg):
        return None  # no Output widget: what the kernel sends goes through output() and its limit

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

    def _budget_text(self):
        return f"not run: the submission used up its time budget of {self.limits.budget_seconds} s"

    async def async_execute_cell(self, cell, cell_index, execution_count=None, store_history=True):
        if is_test(cell):
            cell.outputs = []
            await self._take_answers(cell_index)
            return cell
        if cell.cell_type != "code" or not cell.source.strip():
            return await super().async_execute_cell(cell, cell_index, execution_count, store_history)
        if self.deadline and time.time() >= self.deadline:
            cell.outputs = [error_output("TimeBudgetExceeded", self._budget_text())]
            return cell
        self._running = cell_index
        carried = self._carriers.get(cell_index)
        if carried is not None:  # the cell before a group of tests: its snapshot comes with its reply
            send, expression = self.kc.execute, answers.take_expression(carried[1])
            self.kc.execute = lambda code, **options: send(code, user_expressions={"pmo": expression}, **options)
            self._carrying = carried[0]
        try:
            await super().async_execute_cell(cell, cell_index, execution_count, store_history)
        except (CellTimeoutError, DeadKernelError, TimeoutError, RuntimeError) as error:
            dead = isinstance(error, DeadKernelError) or "died" in str(error).lower()
            if dead:
                text = ("the kernel died while running this cell (the code ended the process: exit(), "
                        "quit(), os._exit(); or it crashed or ran out of memory); the cells after it were "
                        "run in a fresh kernel")
            else:
                text = (f"this cell did not stop within {self._get_timeout(cell)} s, even when "
                        "interrupted; the cells after it were run in a fresh kernel")
            cell.outputs = list(cell.get("outputs", [])) + [
                error_output("KernelDied" if dead else "CellTimeoutError", text)]
            self.nb["cells"][cell_index] = cell
            self.failed.add(cell_index)
            await self._restart_and_replay(cell_index)
        finally:
            self._running, self._carrying = None, None
            if carried is not None and self.kc is not None:
                self.kc.__dict__.pop("execute", None)
        if cell_index in self._cut and cell_index not in self._noted:  # cut by a display update
            errors = [o for o in cell.outputs if o.get("output_type") == "error"]
            cell.outputs = [o for o in cell.outputs if o.get("output_type") != "error"] + [
                nbformat.from_dict(cut_note(self.limits.output_kb * 1024))] + errors
        return cell

    execute_cell = run_sync(async_execute_cell)

    async def _take_answers(self, cell_index):
        """Before a test: take the answers its group needs out of the kernel, once per group."""
        start, names = self._groups.get(cell_index, (cell_index, []))
        gids = [self.nb.cells[i].metadata["nbgrader"].get("grade_id") for i, (s, _) in self._groups.items()
                if s == start]
        if start != cell_index:
            return
        if self.deadline and time.time() >= self.deadline:
            for gid in gids:
                self.take_failed[gid] = ("TimeBudgetExceeded", self._budget_text())
            return
        carried = self._carried.pop(start, None)
        if carried is not None:
            self.snapshots.append(carried)
            for gid in gids:
                self.take[gid] = len(self.snapshots) - 1
            return
        original = self.nb.cells[cell_index]
        taker = nbformat.v4.new_code_cell(answers.take_code(names))
        self._taking = {"payload": None}
        try:
            await Execute.async_execute_cell(self, taker, cell_index, store_history=False)
            failure = None
        except (CellTimeoutError, DeadKernelError, TimeoutError, RuntimeError) as error:
            dead = isinstance(error, DeadKernelError) or "died" in str(error).lower()
            failure = (("KernelDied", "the kernel died before the answers of this question could be taken")
                       if dead else ("CellTimeoutError", "the answers of this question could not be taken: "
                                                         "the kernel did not respond in time"))
        finally:
            self.nb.cells[cell_index] = original
            payload, self._taking = self._taking["payload"], None
        if failure is None and payload is None:
            failure = ("AnswersNotTaken", "the answers of this question could not be taken from the notebook "
                                          "(its code changed how the kernel runs the grader's commands)")
        if failure:
            for gid in gids:
                self.take_failed[gid] = failure
            if failure[0] != "AnswersNotTaken":
                self.failed.add(cell_index)
                await self._restart_and_replay(cell_index)
            return
        self.snapshots.append(payload)
        for gid in gids:
            self.take[gid] = len(self.snapshots) - 1

    async def _restart_and_replay(self, upto):
        """A fresh kernel, then the code cells before ``upto`` again (except those that failed and
        the tests, which never run here)."""
        for _ in range(upto + 1):
            await self._async_cleanup_kernel()
            self.km = self.create_kernel_manager()
            await self.async_start_new_kernel()
            await self.async_start_new_kernel_client()
            for index in range(upto):
                original = self.nb.cells[index]
                if original.cell_type != "code" or index in self.failed or not original.source.strip() \
                        or is_test(original):
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

    def on_cell_executed(self, **kwargs):
        """nbgrader adds the reply's error to the cell: the reply comes from the kernel, untrusted,
        so its error is cut to the output limit first."""
        content = kwargs["execute_reply"].get("content", {})
        if self._carrying is not None and isinstance(content.get("user_expressions"), dict):
            text = answers.from_expression(content["user_expressions"].get("pmo"), TAKE_LIMIT)
            if text is not None:
                self._carried[self._carrying] = text
        content.pop("user_expressions", None)
        if content.get("status") == "error":
            cut = cut_error({"output_type": "error", "ename": str(content.get("ename", "Error")),
                             "evalue": str(content.get("evalue", "")),
                             "traceback": [str(line) for line in (content.get("traceback") or [])[:100000]]},
                            self.limits.output_kb * 1024 or 1 << 30)
            content.update(ename=cut["ename"], evalue=cut["evalue"], traceback=cut["traceback"])
        return super().on_cell_executed(**kwargs)

    # ---- output size ------------------------------------------------------------------------
    def _fits(self, cell_index, size):
        """Count ``size`` bytes of output for a cell; whether they fit its limit and the notebook's."""
        cap = self.limits.output_kb * 1024
        used = self._output_used.get(cell_index, 0)
        self._output_used[cell_index] = used + size
        self._notebook_used += size
        if not cap:
            return True
        if used + size > cap or self._notebook_used > NOTEBOOK_OUTPUTS * cap:
            self._cut.add(cell_index)
            return False
        return True

    def output(self, outs, msg, display_id, cell_index):
        msg_type, content = msg["msg_type"], msg.get("content", {})
        if self._taking is not None:  # the answers' snapshot, and nothing else, is kept
            data = content.get("data") if msg_type == "display_data" else None
            if isinstance(data, dict) and isinstance(data.get(answers.MIME), str) \
                    and self._taking["payload"] is None and len(data[answers.MIME]) <= TAKE_LIMIT:
                self._taking["payload"] = data[answers.MIME]
            return None
        cap = self.limits.output_kb * 1024
        if msg_type == "error":
            output = {"output_type": "error", "ename": str(content.get("ename", "Error")),
                      "evalue": str(content.get("evalue", "")),
                      "traceback": [str(line) for line in (content.get("traceback") or [])[:100000]]}
            content.update({k: v for k, v in cut_error(output, cap or 1 << 30).items() if k != "output_type"})
            return super().output(outs, msg, display_id, cell_index)
        size = size_of(content)
        used, room = self._output_used.get(cell_index, 0), NOTEBOOK_OUTPUTS * cap - self._notebook_used
        if not self._fits(cell_index, size):
            if cell_index not in self._noted:  # keep the head of a stream, then the note says where it was cut
                self._noted.add(cell_index)
                head = min(cap - used, room)
                if msg_type == "stream" and head > 0:
                    outs.append(new_output("stream", name=content.get("name", "stdout"),
                                           text=str(content.get("text", ""))[:head]))
                outs.append(nbformat.from_dict(cut_note(cap)))
            return None
        return super().output(outs, msg, display_id, cell_index)

    def _update_display_id(self, display_id, msg):
        """A display update counts as new output of the cell running (once per output it updates)."""
        if self._taking is not None:
            return
        targets = sum(len(v) for v in self._display_id_map.get(display_id, {}).values())
        size = size_of(msg.get("content", {})) * max(targets, 1)
        index = self._running if self._running is not None else -1
        if not self._fits(index, size):
            return
        super()._update_display_id(display_id, msg)


# --------------------------------------------------------------------------------------------
# Feedback
# --------------------------------------------------------------------------------------------

class ClearTests(NbGraderPreprocessor):
    """The hidden tests cleared from the test cells, and only from them: the text of the trainee's
    own cells is never read as markers (nbgrader's ``ClearHiddenTests`` stops on a trainee's note
    that says "BEGIN HIDDEN TESTS"). A test cell with a begin marker and no end loses all that follows it."""

    def preprocess_cell(self, cell, resources, index):
        if is_test(cell) or (cell.cell_type == "code" and utils.is_grade(cell) and not utils.is_solution(cell)):
            source = HIDDEN.sub("", cell.source)
            cell.source = source.split("### BEGIN HIDDEN TESTS")[0]
        return cell, resources


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
#: the test cells, grade cells' tracebacks cut to the exception line, the results table on top, the
#: page's style.
feedback_preprocessors = [GetGrades, ClearTests, StripGradeTracebacks, FeedbackSummary, CSSHTMLHeaderPreprocessor]
