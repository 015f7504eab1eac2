"""Tests of pmo_lessons.grading.summary: the class report's table, CSV and page.

From plain data, and from a tiny gradebook written as a grading run leaves it (tests/conftest.py):
no nbgrader run.
"""

import csv
import re

import pytest

from pmo_lessons.grading import MANUAL, GradingError, class_table, report
from pmo_lessons.grading.summary import (
    class_rows,
    frequent_messages,
    missed_share,
    summary_page,
    unanswered,
    write_grades_csv,
)

from .conftest import TINY_STATE


def checks_of(*rows):
    return [("planning", *row) for row in rows]


CHECKS = {
    "ana": checks_of(("q1_tests", 2.0, 2.0, ""), ("q2a_tests", 1.0, 1.0, ""), ("q2b_tests", 1.0, 1.0, "")),
    "ben": checks_of(("q1_tests", 0.0, 2.0, "AssertionError: Count the tasks again"), ("q2a_tests", 1.0, 1.0, ""),
                     ("q2b_tests", 0.0, 1.0, "AssertionError: Count the tasks again")),
    "kim": checks_of(("q1_tests", 0.0, 2.0, "AssertionError: Count the tasks again"),
                     ("q2a_tests", 0.0, 1.0, "NameError: name 'days' is not defined"), ("q2b_tests", 0.0, 1.0, "")),
}
TOTALS = {"ana": (4.0, 4.0), "ben": (1.0, 4.0), "kim": (0.0, 4.0)}


class TestClassRows:
    def test_one_row_per_trainee_with_each_questions_score(self):
        questions, rows = class_rows(TOTALS, CHECKS, {"students": {}})
        assert ["q1", "q2"] == questions
        assert [("ana", 2.0, 2.0), ("ben", 0.0, 1.0), ("kim", 0.0, 0.0)] == [(r["student"], r["q1"], r["q2"])
                                                                             for r in rows]
        assert [4.0, 1.0, 0.0] == [r["score"] for r in rows] and {4.0} == {r["max_score"] for r in rows}

    def test_status_and_reason_come_from_the_state(self):
        state = {"students": {"kim": {"status": "broken", "reason": "planning.ipynb is not a valid notebook"}}}
        _, rows = class_rows(TOTALS, CHECKS, state)
        assert ["graded", "graded", "broken"] == [r["status"] for r in rows]
        assert ["", "", "planning.ipynb is not a valid notebook"] == [r["reason"] for r in rows]

    def test_questions_waiting_for_the_trainer_are_named_in_the_reason(self):
        checks = {"ana": checks_of(("q1_tests", 2.0, 2.0, ""), ("q3_essay", 0.0, 2.0, MANUAL),
                                   ("q2_essay", 0.0, 1.0, MANUAL))}
        _, rows = class_rows({"ana": (2.0, 5.0)}, checks, {"students": {"ana": {"reason": "q1_answer: MemoryError"}}})
        assert ("question 1: it needed more memory than grading allows (out of memory); q2, q3: waiting for the "
                "trainer's grade (formgrader)") == rows[0]["reason"]

    def test_from_the_gradebook(self, tiny_gradebook):
        questions, rows, checks = class_table(tiny_gradebook, "planning")
        assert ["q1", "q2", "q3"] == questions
        assert ["ana", "ben", "jon"] == [r["student"] for r in rows] == list(checks)
        assert [6.0, 1.0, 0.0] == [r["score"] for r in rows]
        assert {"q1": 0.0, "q2": 1.0, "q3": 0.0} == {q: rows[1][q] for q in questions}
        assert TINY_STATE["students"]["ben"]["reason"] == "q2_answer: NameError: name 'dayz' is not defined"
        assert rows[1]["reason"] == ("question 2: it uses dayz, which is not defined (a typo, or a cell above that "
                                     "was not run); q3: waiting for the trainer's grade (formgrader)")
        assert ("broken", "planning.ipynb is not a valid notebook") == (rows[2]["status"], rows[2]["reason"])


class TestCharts:
    def test_the_share_of_each_questions_points_the_class_missed(self):
        questions, rows = class_rows(TOTALS, CHECKS, {"students": {}})
        # q1: 2 points, missed 0 + 2 + 2 of 6; q2: 2 points, missed 0 + 1 + 2 of 6
        assert {"q1": pytest.approx(4 / 6), "q2": pytest.approx(3 / 6)} == missed_share(questions, rows, CHECKS)

    def test_a_question_worth_nothing_is_left_out(self):
        checks = {"ana": checks_of(("q1_tests", 1.0, 1.0, ""), ("bonus", 0.0, 0.0, ""))}
        _, rows = class_rows({"ana": (1.0, 1.0)}, checks, {"students": {}})
        assert {"q1": 0.0} == missed_share(["q1", "bonus"], rows, checks)

    def test_results_of_attempted_answers_counted_in_trainees_by_question(self):
        counts = frequent_messages(CHECKS)
        assert {"1: Answered, but not right: Count the tasks again": 2,
                "2b: Answered, but not right: Count the tasks again": 1,
                "2a: Crashed: it uses days, which is not defined (a typo, or a cell above that was not run)": 1,
                "2b: Answered, but not right": 1} == dict(counts)

    def test_answers_not_given_are_counted_apart(self):
        from pmo_lessons.grading.outcomes import Outcome

        blank = [Outcome("nb", "q1_tests", 0.0, 2.0, "", "unanswered", ""),
                 Outcome("nb", "q2a_tests", 0.0, 1.0, "", "unanswered", "")]
        partial = [Outcome("nb", "q1_tests", 0.0, 2.0, "", "wrong", "Count the tasks again"), blank[1]]
        checks = {"gina": blank, "farid": blank, "ben": partial}
        assert [("1: Answered, but not right: Count the tasks again", 1)] == frequent_messages(checks).most_common()
        assert ({"1": ["farid", "gina"], "2": ["ben", "farid", "gina"]}, ["farid", "gina"]) == unanswered(checks)

    def test_passed_checks_and_manual_ones_have_no_message_to_count(self):
        checks = {"ana": checks_of(("q1_tests", 1.0, 1.0, "UserWarning: slow"), ("q3_essay", 0.0, 2.0, MANUAL))}
        assert {} == dict(frequent_messages(checks))


class TestWritten:
    def test_the_csv_has_a_column_per_question_and_plain_numbers(self, tmp_path):
        questions, rows = class_rows(TOTALS, CHECKS, {"students": {"kim": {"status": "broken", "reason": "x, y"}}})
        write_grades_csv(tmp_path / "grades.csv", questions, rows)
        lines = (tmp_path / "grades.csv").read_text().splitlines()
        assert "student,status,score,max_score,q1,q2,reason" == lines[0]
        assert "ana,graded,4,4,2,2," == lines[1]
        assert 'kim,broken,0,4,0,0,"x, y"' == lines[3]

    def test_the_page_embeds_three_charts_and_escapes_what_trainees_wrote(self):
        checks = dict(CHECKS, kim=checks_of(("q1_tests", 0.0, 2.0, "AssertionError: <script>alert(1)</script>"),
                                            ("q2a_tests", 1.0, 1.0, ""), ("q2b_tests", 1.0, 1.0, "")))
        questions, rows = class_rows(TOTALS, checks, {"students": {}})
        page = summary_page("planning", questions, rows, checks)
        assert 3 == page.count('src="data:image/png;base64,')
        assert "<script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
        assert "3 trainees; mean score 1.7 / 4;\n0 submissions could not be graded." in page
        assert not re.search(r"https?://", page)

    def test_report_writes_both_files(self, tiny_gradebook, tmp_path):
        csv_path, html_path = report(tiny_gradebook, "planning", out_dir=tmp_path / "out")
        assert (tmp_path / "out" / "planning_grades.csv", tmp_path / "out" / "planning_summary.html") == (
            csv_path, html_path)
        rows = list(csv.DictReader(csv_path.read_text(encoding="utf-8").splitlines()))
        assert [("ana", "6", "graded"), ("ben", "1", "graded"), ("jon", "0", "broken")] == [
            (r["student"], r["score"], r["status"]) for r in rows]
        page = html_path.read_text()
        assert "1 submissions could not be graded" in page and "Count the tasks again" in page

    def test_report_without_grades_says_to_grade_first(self, tiny_gradebook):
        from nbgrader.api import Gradebook

        with Gradebook(tiny_gradebook.db_url, tiny_gradebook.course_id) as gb:
            for student in ("ana", "ben", "jon"):
                gb.remove_submission("planning", student)
        with pytest.raises(GradingError, match="no graded submission of planning: run `pmo-lessons grade planning`"):
            report(tiny_gradebook, "planning")
        assert not (tiny_gradebook.root / "reports").exists()
