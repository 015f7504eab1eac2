"""Tests of pmo_lessons.grading.feedback: the results on top of a page, the page of a submission
that could not be graded, and the pages of a tiny graded class through nbgrader's feedback pipeline
(tests/conftest.py writes the gradebook and autograded notebooks as a run leaves them).
"""

import json

import pytest

from pmo_lessons.grading import GradingError, feedback, hidden_lines, html_text, open_workspace
from pmo_lessons.grading.feedback import broken_page, results_table

ROWS = [("planning", "q1_tests", 0.0, 2.0, "AssertionError: Count the tasks again"),
        ("planning", "q2a_tests", 1.0, 1.0, ""),
        ("planning", "q2b_tests", 0.5, 1.0, "AssertionError: <3 & >1"),
        ("planning", "essay", 0.0, 2.0, "to be graded by the trainer")]


class TestResultsTable:
    def test_the_total_then_each_question_then_each_check(self):
        table = results_table(ROWS)
        assert table.startswith("## Your results: 1.5 / 6\n\nBy question: 1: 0 / 2 · 2: 1.5 / 2 · essay: 0 / 2\n\n"
                                '<table class="pmo-results">')
        assert 4 == table.count("<tr class=")
        assert ('<tr class="pmo-wrong"><td>1</td><td class="points">0 / 2</td><td class="result">Answered, but not '
                "right: Count the tasks again</td></tr>") in table
        assert '<tr class="pmo-passed"><td>2a</td><td class="points">1 / 1</td><td class="result">Passed</td>' in table
        assert "Waiting for your trainer&#x27;s grade" in table

    def test_messages_are_escaped_and_carry_no_exception_name(self):
        table = results_table(ROWS)
        assert "Answered, but not right: &lt;3 &amp; &gt;1" in table and "AssertionError" not in table


class TestBrokenPage:
    def test_zero_on_every_check_the_reason_and_what_to_do(self):
        page = broken_page("jon", "planning", "planning.ipynb is not a valid notebook (NotJSONError: '{')", ROWS)
        text = " ".join(html_text(page).split())
        assert "Feedback on planning" in text and "jon" in text
        assert "Score: 0 / 6. Your submission could not be graded: planning.ipynb is not a valid notebook." in text
        assert "NotJSONError" not in text
        assert "restart the kernel and run all cells" in text
        assert 4 == page.count('<td class="points">0 / ')

    def test_names_are_escaped(self):
        page = broken_page("<b>jon</b>", "planning", "a <script>", [])
        assert "<b>jon" not in page and "<script>" not in page


@pytest.fixture
def graded_class(tiny_gradebook):
    """The tiny graded class, with the course's nbgrader configuration loaded."""
    return open_workspace(course=tiny_gradebook.course, workspace=tiny_gradebook.root)


class TestFeedback:
    def test_one_page_per_trainee_with_results_and_no_hidden_test(self, graded_class):
        written = feedback(graded_class, "planning")
        folder = graded_class.root / "feedback"
        assert [folder / s / "planning" / name for s, name in
                (("ana", "planning.html"), ("ben", "planning.html"), ("jon", "planning.html"))] == written
        ben = " ".join(html_text(written[1].read_text()).split())
        assert "Your results: 1 / 6" in ben and "By question: 1: 0 / 2 · 2: 1 / 2 · 3: 0 / 2" in ben
        assert "Answered, but not right: Count the tasks again" in ben
        assert "Check of question 1: 0 / 2 points" in ben and "Waiting for your trainer's grade" in ben
        assert "AssertionError" not in ben and "Test cell" not in ben and "In [" not in ben
        jon = " ".join(html_text(written[2].read_text()).split())
        assert "Score: 0 / 6. Your submission could not be graded: planning.ipynb is not a valid notebook" in jon
        for page in written:
            assert "BEGIN HIDDEN" not in page.read_text()
            for line in hidden_lines(graded_class, "planning"):
                assert line not in html_text(page.read_text()), (page, line)

    def test_a_page_that_would_show_a_hidden_line_is_not_written(self, graded_class):
        path = graded_class.autograded("planning", "ben") / "planning.ipynb"
        nb = json.loads(path.read_text())
        answer = next(c for c in nb["cells"] if c["metadata"].get("nbgrader", {}).get("grade_id") == "q2_answer")
        answer["outputs"] = [{"output_type": "stream", "name": "stdout",
                              "text": "found it: assert days == 3, 'the critical path is three days'\n"}]
        path.write_text(json.dumps(nb))
        with pytest.raises(GradingError, match=r"the feedback page for ben \(planning.html\) would show a hidden "
                                               r"test line: \"assert days == 3, 'the critical path is three days'\""):
            feedback(graded_class, "planning")
        assert not (graded_class.root / "feedback" / "ben" / "planning").exists()  # nothing of his page
        assert (graded_class.root / "feedback" / "ana" / "planning" / "planning.html").exists()

    def test_only_the_trainees_asked_and_only_graded_ones(self, graded_class):
        assert ["ana"] == [p.parent.parent.name for p in feedback(graded_class, "planning", students=["ana"])]
        with pytest.raises(GradingError, match="no graded submission of planning for zoe: grade first"):
            feedback(graded_class, "planning", students=["ana", "zoe"])


class TestPlainWords:
    """What a trainee reads for each kind of outcome (pmo_lessons.grading.outcomes), on real cells."""

    def notebook(self, answer, test_outputs, answer_outputs=()):
        from .conftest import code_cell

        return {"cells": [code_cell(answer, "q1_answer", outputs=list(answer_outputs), solution=True, grade=False),
                          code_cell("assert x", "q1_tests", outputs=list(test_outputs), grade=True, solution=False)]}

    def outcome(self, *args, score=0.0):
        from pmo_lessons.grading.outcomes import outcomes

        return outcomes(self.notebook(*args), [("nb", "q1_tests", score, 2.0, "")])[0]

    def test_a_blank_answer_is_not_answered(self):
        from .conftest import error

        found = self.outcome("# YOUR CODE HERE\nraise NotImplementedError()", [error("NameError", "name 'x' is not "
                                                                                           "defined")],
                             [error("NotImplementedError")])
        assert ("unanswered", "") == (found.verdict, found.text)

    def test_a_wrong_answer_gives_the_diagnostic(self):
        from .conftest import error

        found = self.outcome("x = 3", [error("AssertionError", "Count the tasks again")])
        assert ("wrong", "Count the tasks again") == (found.verdict, found.text)

    def test_a_crash_gives_the_reason_in_a_sentence(self):
        from .conftest import error

        found = self.outcome("x = {}['ES']", [error("NameError", "name 'x' is not defined")],
                             [error("KeyError", "'ES'")])
        assert "crashed" == found.verdict
        assert "it looks up 'ES', which is not there" in found.text and "KeyError" not in found.text

    def test_a_misnamed_answer_says_which_name_the_question_wants(self):
        from .conftest import error

        found = self.outcome("y = 3", [error("NameError", "name 'x' is not defined")])
        assert ("crashed", "no x after your answer ran: keep the variable name the question gives") == (
            found.verdict, found.text)

    def test_a_timeout_says_so(self):
        from .conftest import error

        found = self.outcome("while True: pass", [error("TimeBudgetExceeded", "not run")],
                             [error("CellTimeoutError", "this cell did not stop within 60 s")])
        assert "timeout" == found.verdict and "did not stop within 60 s" in found.text

    def test_a_passed_check_says_nothing_more(self):
        found = self.outcome("x = 4", [], score=2.0)
        assert ("passed", "") == (found.verdict, found.text)
