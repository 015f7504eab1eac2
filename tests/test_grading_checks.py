"""Tests of pmo_lessons.grading.checks: diagnostics from graded outputs, the grader's fault notes,
and the hidden-test lines no feedback page may show.

No nbgrader run: graded notebooks and a gradebook are written as a run leaves them (tests/conftest.py).
"""

import nbformat

from pmo_lessons.grading import MANUAL, hidden_lines, html_text, question_of
from pmo_lessons.grading.checks import OUTPUT_CUT, check_rows, diagnostic, fault_notes, leaks, scores
from pmo_lessons.sandbox import Limits

from .conftest import code_cell, error, notebook_json

LIMITS = Limits(output_kb=256, budget_seconds=40)


class TestQuestionOf:
    def test_the_question_is_the_q_number_before_the_part_letter(self):
        assert ["q3", "q3", "q12", "q1"] == [question_of(g) for g in ("q3b_tests", "q3_tests", "q12_answer", "q1")]

    def test_other_ids_are_their_own_question(self):
        assert ["essay", "quiz_q1", "Q2_tests"] == [question_of(g) for g in ("essay", "quiz_q1", "Q2_tests")]


class TestDiagnostic:
    def test_the_exception_line_on_one_line(self):
        assert "AssertionError: You added the standard deviations" == diagnostic(
            {"ename": "AssertionError", "evalue": "You added\n   the standard  deviations\n", "traceback": ["..."]})

    def test_no_message_leaves_the_exception_name(self):
        assert "AssertionError" == diagnostic({"ename": "AssertionError", "evalue": ""})
        assert "Error" == diagnostic({})


def graded(*cells):
    return nbformat.reads(notebook_json(list(cells)), as_version=4)


def answer(grade_id, *outputs):
    return code_cell("x = 1\n", grade_id, outputs, solution=True, grade=False)


def check_cell(grade_id, *outputs):
    return code_cell("assert x\n", grade_id, outputs, grade=True, solution=False, points=1)


def cut(text="x" * 10):
    return {"output_type": "stream", "name": "stdout", "text": f"{text}\n{OUTPUT_CUT}: over 256 kB]\n"}


class TestFaultNotes:
    def test_a_clean_notebook_has_no_note(self):
        assert [] == fault_notes(graded(answer("q1_answer"), check_cell("q1_tests")), LIMITS)

    def test_errors_in_answer_cells_are_noted_those_of_test_cells_are_not(self):
        nb = graded(answer("q1_answer", error("SyntaxError", "incomplete input (3403663057.py, line 1)")),
                    check_cell("q1_tests", error("AssertionError", "Count the tasks again")),
                    code_cell("import nothing\n", outputs=[error("ModuleNotFoundError", "No module named 'nothing'")]))
        assert ["q1_answer: SyntaxError: incomplete input (3403663057.py, line 1)",
                "cell 3: ModuleNotFoundError: No module named 'nothing'"] == fault_notes(nb, LIMITS)

    def test_the_graders_own_stops_are_noted_even_in_test_cells(self):
        nb = graded(check_cell("q1_tests", error("AssertionError", "first"), error("CellTimeoutError", "did not stop")),
                    check_cell("q2_tests", error("KernelDied", "the kernel died\nwhile running")))
        assert ["q1_tests: CellTimeoutError: did not stop", "q2_tests: KernelDied: the kernel died"] == fault_notes(
            nb, LIMITS)

    def test_cells_not_reached_in_the_budget_make_one_note_first(self):
        stop = error("TimeBudgetExceeded", "not run")
        nb = graded(answer("q1_answer", error("MemoryError")), answer("q2_answer", stop), check_cell("q2_tests", stop),
                    check_cell("q3_tests", stop))
        assert ["q2_answer and 2 more cells: not run, the time budget of 40 s was used up",
                "q1_answer: MemoryError"] == fault_notes(nb, LIMITS)

    def test_output_cut_by_the_grader_is_noted(self):
        assert ["q1_answer: output cut by the grader: over 256 kB"] == fault_notes(
            graded(answer("q1_answer", cut())), LIMITS)

    def test_long_messages_are_cut_and_many_notes_counted(self):
        nb = graded(*[answer(f"q{i}_answer", error("ValueError", "v" * 300)) for i in range(1, 7)])
        notes = fault_notes(nb, LIMITS)
        assert 5 == len(notes) and "2 more" == notes[-1]
        assert len("q1_answer: ValueError: ") + 140 == len(notes[0])


class TestHiddenLines:
    def test_the_hidden_lines_that_reveal_something(self, tiny_course):
        """In the tiny course: a lone ")" and "ok" are too short, "assert days > 0" is also a visible check."""
        assert ["assert answer == 4, 'Count the tasks again'", "assert days < 5",
                "assert days == 3, 'the critical path is three days'"] == hidden_lines(tiny_course, "planning")

    def test_a_lower_minimum_keeps_short_lines(self, tiny_course):
        assert {")", "ok"} <= set(hidden_lines(tiny_course, "planning", minimum=1))
        assert "assert days > 0" not in hidden_lines(tiny_course, "planning", minimum=1)


class TestHtmlText:
    def test_what_a_reader_sees(self):
        page = ("<html><head><style>.x{}</style><script>var s = 'assert x';</script></head>"
                "<body><p class='x'>a &lt; b &amp; <b>c</b></p><SCRIPT type=x>hidden()</SCRIPT></body></html>")
        assert "a < b & c" == html_text(page)

    def test_tags_across_lines_are_removed(self):
        assert "days" == html_text('<span\n class="n">days</span\n>')


class TestLeaks:
    SECRETS = ["assert answer == 4, 'Count the tasks again'", "assert days < 5"]

    def test_a_line_split_by_highlighting_markup_is_found(self):
        page = ('<pre><span class="k">assert</span> <span class="n">answer</span> <span class="o">==</span> '
                '<span class="mi">4</span>, <span class="s1">&#39;Count the tasks again&#39;</span></pre>')
        assert [self.SECRETS[0]] == leaks(page, self.SECRETS)

    def test_a_line_inside_markup_is_found(self):
        page = '<div data-source="assert days &lt; 5"></div>'
        assert [self.SECRETS[1]] == leaks(page, self.SECRETS)

    def test_white_space_does_not_hide_a_line(self):
        assert [self.SECRETS[1]] == leaks("<pre>assert   days\n &lt;  5</pre>", self.SECRETS)

    def test_a_page_without_them_has_no_leak(self):
        assert [] == leaks("<p>Count the tasks again: AssertionError</p><pre>assert days &lt; 6</pre>", self.SECRETS)


class TestCheckRows:
    def test_every_check_with_its_score_and_diagnostic(self, tiny_gradebook):
        assert [("planning", "q1_tests", 0.0, 2.0, "AssertionError: Count the tasks again"),
                ("planning", "q2a_tests", 1.0, 1.0, ""),
                ("planning", "q2b_tests", 0.0, 1.0, "AssertionError"),
                ("planning", "q3_essay", 0.0, 2.0, MANUAL)] == check_rows(tiny_gradebook, "planning", "ben")

    def test_a_written_answer_graded_by_the_trainer_has_its_score(self, tiny_gradebook):
        assert ("planning", "q3_essay", 2.0, 2.0, "") == check_rows(tiny_gradebook, "planning", "ana")[-1]

    def test_without_an_autograded_notebook_the_checks_have_no_message(self, tiny_gradebook):
        rows = check_rows(tiny_gradebook, "planning", "jon")
        assert [0.0] * 4 == [r[2] for r in rows] and [""] * 4 == [r[4] for r in rows]

    def test_a_trainee_not_graded_has_no_checks(self, tiny_gradebook):
        assert [] == check_rows(tiny_gradebook, "planning", "zoe")

    def test_scores(self, tiny_gradebook):
        assert {"ana": (6.0, 6.0), "ben": (1.0, 6.0), "jon": (0.0, 6.0)} == scores(tiny_gradebook, "planning")
