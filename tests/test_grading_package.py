"""Tests of the package pmo_lessons.grading: importing it, or any stage's public names, loads no
nbgrader (the preprocessors and the exchange load it when grading runs), and it offers every name it
offered when it was one module.
"""

import importlib
import subprocess
import sys

import pmo_lessons.grading as grading

STAGES = {
    "workspace": ["GradingError", "Workspace", "open_workspace", "default_workspace", "digest", "quiet"],
    "release": ["release", "stale_exercises", "ensure_registered", "stale_release", "stale_message"],
    "collect": ["collect", "CollectReport", "DEFAULT_PATTERN", "match_submissions", "entries"],
    "autograde": ["grade", "GradeResult", "GradingRun", "fingerprint", "repair_cells", "execute", "save_grades"],
    "checks": ["check_rows", "scores", "fault_notes", "hidden_lines", "html_text", "leaks", "question_of"],
    "feedback": ["feedback", "results_table", "broken_page"],
    "summary": ["report", "class_table", "class_rows", "summary_page"],
    "mend": ["mend_notebook"],
    "plan": ["trusted_steps", "names_read", "names_written"],
    "answers": ["snapshot", "read", "encode", "decode", "take_code", "kernel_loader"],
    "trusted": ["run_steps", "serve", "TrustedRunner"],
    "outputs": ["cut_outputs", "cut_error", "mend_output"],
}
HEAVY = ("nbgrader", "nbclient", "jupyter_client", "nbconvert", "matplotlib", "pandas")


def test_importing_the_stages_loads_no_nbgrader():
    imports = "; ".join(f"from pmo_lessons.grading.{module} import {', '.join(names)}"
                        for module, names in STAGES.items())
    code = (f"import sys; import pmo_lessons.grading; {imports}; "
            f"print([m for m in {HEAVY!r} if m in sys.modules])")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert "[]" == result.stdout.strip()


def test_every_name_of_the_old_module_is_still_offered():
    public = ["GradingError", "Workspace", "open_workspace", "default_workspace", "release", "stale_exercises",
              "collect", "grade", "feedback", "report", "hidden_lines", "html_text", "question_of",
              "DEFAULT_PATTERN"]
    assert set(public) <= set(grading.__all__)
    assert all(hasattr(grading, name) for name in grading.__all__)
    assert all(callable(getattr(grading, name)) for name in ("release", "collect", "feedback", "grade", "report"))


def test_the_answers_reader_loads_alone_in_a_kernel():
    """In a trainee's kernel only the answers' module is loaded, from its file: no grading stage, no
    nbgrader, nothing that reads the course."""
    from pmo_lessons.grading.answers import kernel_loader

    code = (kernel_loader() + "import sys; import _pmo_answers; "
            f"print(sorted(m for m in sys.modules if m.startswith('pmo_lessons') or m in {HEAVY!r}))")
    result = subprocess.run([sys.executable, "-I", "-c", code], capture_output=True, text=True, check=True)
    assert "[]" == result.stdout.strip()


def test_each_stage_module_lists_its_public_names():
    for module in [*STAGES, "preprocessors", "exchange"]:
        loaded = importlib.import_module(f"pmo_lessons.grading.{module}")
        assert all(hasattr(loaded, name) for name in loaded.__all__), module
        assert set(STAGES.get(module, [])) <= set(loaded.__all__), module


def test_every_kit_error_is_told_to_the_trainee_in_its_own_words():
    """A kit error's message is written for a trainee: feedback shows it as it is, for every subclass of
    InputError in the package (a new competence's error is added to KIT_ERRORS, or this fails)."""
    import pkgutil

    import pmo_lessons
    from pmo_lessons.errors import InputError
    from pmo_lessons.grading.outcomes import KIT_ERRORS, plain_reason

    for info in pkgutil.walk_packages(pmo_lessons.__path__, "pmo_lessons."):
        importlib.import_module(info.name)
    found, seen = [InputError], set()
    while found:
        kind = found.pop()
        seen.add(kind.__name__)
        found.extend(k for k in kind.__subclasses__() if k.__module__.startswith("pmo_lessons."))
    assert len(seen) > 20
    assert seen <= set(KIT_ERRORS), sorted(seen - set(KIT_ERRORS))
    message = "Decision 1 of the log (week 0) was refused: DEV 2 is not free."
    assert all(plain_reason(name, message) == message for name in seen)
    assert plain_reason("OSError", message) != message  # a Python error is told in words, not passed on
