"""Tests of pmo_lessons.grading.collect: which file is whose notebook, and what is stored.

No nbgrader run: the files are matched and written as the trainer's ``pmo-lessons collect`` does.
"""

import datetime as dt
import os
import re
import zipfile

import pytest

from pmo_lessons.grading import DEFAULT_PATTERN, GradingError, collect
from pmo_lessons.grading.collect import collected_at, compile_pattern, entries, match_submissions

MONDAY = dt.datetime(2026, 3, 2, 9, 0)
TUESDAY = dt.datetime(2026, 3, 3, 9, 0)


def student_and_notebook(name):
    match = re.search(DEFAULT_PATTERN, name)
    return match and match.group("student", "notebook")


class TestDefaultPattern:
    def test_trainee_then_notebook_anywhere_in_the_folder(self):
        assert ("ana", "planning") == student_and_notebook("ana_planning.ipynb")
        assert ("ana", "planning") == student_and_notebook("week 3/submissions/ana_planning.ipynb")

    def test_the_notebook_is_the_part_after_the_last_underscore(self):
        assert ("ana_smith", "planning") == student_and_notebook("ana_smith_planning.ipynb")
        assert ("ana.smith@acme.example", "risk") == student_and_notebook("ana.smith@acme.example_risk.ipynb")

    def test_other_files_do_not_match(self):
        assert student_and_notebook("ana_planning.ipynb.bak") is None
        assert student_and_notebook("planning.ipynb") is None
        assert student_and_notebook("ana_planning.py") is None
        assert student_and_notebook("ana_/planning.ipynb") is None  # the trainee id is not a folder


class TestCompilePattern:
    def test_a_pattern_needs_a_student_group(self):
        with pytest.raises(GradingError, match=r"needs a group \(\?P<student>"):
            compile_pattern(r"(?P<notebook>\w+)\.ipynb")

    def test_an_invalid_pattern_is_named(self):
        with pytest.raises(GradingError, match=r"'\(' is not a valid regular expression"):
            compile_pattern("(")


def match(names, notebooks=("planning",), pattern=DEFAULT_PATTERN, stamps=None):
    stamps = stamps or {}
    files = [(name, name.encode(), stamps.get(name, MONDAY)) for name in names]
    return match_submissions(files, compile_pattern(pattern), "planning", list(notebooks))


class TestMatchSubmissions:
    def test_each_trainee_gets_their_notebook(self):
        found, skipped = match(["a/ana_planning.ipynb", "a/ben_planning.ipynb"])
        assert {("ana", "planning"): "a/ana_planning.ipynb", ("ben", "planning"): "a/ben_planning.ipynb"} == {
            key: name for key, (name, _, _) in found.items()}
        assert [] == skipped

    def test_unknown_files_are_skipped_with_the_reason(self):
        found, skipped = match(["readme.txt", "ana_planning.ipynb"])
        assert [("readme.txt", "unknown file: its name does not match the pattern")] == skipped
        assert [("ana", "planning")] == list(found)

    def test_a_trainee_id_nbgrader_cannot_use_is_skipped(self):
        found, skipped = match(["Ana Smith_planning.ipynb", "-ana_planning.ipynb"])
        assert {} == found
        assert ["unknown file: 'Ana Smith' is not a usable trainee id",
                "unknown file: '-ana' is not a usable trainee id"] == [why for _, why in skipped]

    def test_another_assignments_notebook_is_skipped(self):
        found, skipped = match(["ana_risk.ipynb"], notebooks=("planning", "schedule"))
        assert {} == found
        assert [("ana_risk.ipynb",
                 "wrong assignment: planning has no notebook 'risk' (it has planning, schedule)")] == skipped

    def test_of_two_copies_the_newer_is_kept_whatever_the_order(self):
        stamps = {"early/ana_planning.ipynb": MONDAY, "late/ana_planning.ipynb": TUESDAY}
        for names in (list(stamps), list(stamps)[::-1]):
            found, skipped = match(names, stamps=stamps)
            assert "late/ana_planning.ipynb" == found[("ana", "planning")][0]
            assert [("early/ana_planning.ipynb", "duplicate: ana handed in planning twice; kept the newer "
                                                 "late/ana_planning.ipynb")] == skipped

    def test_an_lms_zip_pattern_takes_the_id_from_the_folder(self):
        """Moodle's "download all submissions": ``<Full Name>_<participant id>_assignsubmission_file_/<file>``."""
        moodle = r"^[^/]*_(?P<student>\d+)_assignsubmission_file_/(?P<notebook>[^/]+)\.ipynb$"
        found, skipped = match(["Ana Smith_1042_assignsubmission_file_/planning.ipynb",
                                "Ben Okafor_1043_assignsubmission_file_/Planning copy.ipynb"], pattern=moodle)
        assert [("1042", "planning")] == list(found)
        assert "wrong assignment: planning has no notebook 'Planning copy'" in skipped[0][1]

    def test_without_a_notebook_group_a_one_notebook_assignment_takes_the_file(self):
        pattern = r"^(?P<student>[a-z]+)/"
        found, _ = match(["ana/whatever.ipynb"], pattern=pattern)
        assert [("ana", "planning")] == list(found)
        found, skipped = match(["ana/whatever.ipynb"], notebooks=("planning", "schedule"), pattern=pattern)
        assert {} == found and "has no notebook None" in skipped[0][1]


def lms_zip(path, files):
    """A zip of ``{name: (bytes, datetime)}``, as an LMS gives it (with a Mac's ``__MACOSX`` folder)."""
    with zipfile.ZipFile(path, "w") as archive:
        for name, (content, stamp) in files.items():
            archive.writestr(zipfile.ZipInfo(name, date_time=stamp.timetuple()[:6]), content)
        archive.writestr("__MACOSX/._ana_planning.ipynb", b"resource fork")
        archive.writestr("folder/", b"")
    return path


class TestEntries:
    def test_a_zip_gives_its_files_with_their_dates_and_no_mac_folders(self, tmp_path):
        archive = lms_zip(tmp_path / "lms.zip", {"b/ben_planning.ipynb": (b"B", TUESDAY),
                                                 "a/ana_planning.ipynb": (b"A", MONDAY)})
        assert [("a/ana_planning.ipynb", b"A", MONDAY),
                ("b/ben_planning.ipynb", b"B", TUESDAY)] == list(entries(archive))

    def test_a_folder_gives_its_files_without_checkpoints(self, tmp_path):
        (tmp_path / "sub" / ".ipynb_checkpoints").mkdir(parents=True)
        (tmp_path / "sub" / ".ipynb_checkpoints" / "ana_planning-checkpoint.ipynb").write_text("old")
        (tmp_path / "sub" / "ana_planning.ipynb").write_text("new")
        os.utime(tmp_path / "sub" / "ana_planning.ipynb", (MONDAY.timestamp(), MONDAY.timestamp()))
        assert [("sub/ana_planning.ipynb", b"new", MONDAY)] == list(entries(tmp_path))

    def test_a_missing_source_or_another_file_is_named(self, tmp_path):
        with pytest.raises(GradingError, match="absent.zip does not exist"):
            list(entries(tmp_path / "absent.zip"))
        (tmp_path / "grades.xlsx").write_bytes(b"not a zip")
        with pytest.raises(GradingError, match="grades.xlsx is neither a folder nor a zip file"):
            list(entries(tmp_path / "grades.xlsx"))


class TestCollect:
    def test_taken_files_go_to_nbgraders_submitted_folder_with_their_date(self, tiny_course, tmp_path):
        archive = lms_zip(tmp_path / "lms.zip", {"ana_planning.ipynb": (b"ANA", MONDAY), "notes.txt": (b"", MONDAY)})
        result = collect(tiny_course, "planning", archive)
        assert [("ana", "ana_planning.ipynb", "new")] == result.taken
        assert [("notes.txt", "unknown file: its name does not match the pattern")] == result.skipped
        folder = tiny_course.submitted("planning", "ana")
        assert b"ANA" == (folder / "planning.ipynb").read_bytes()
        assert "2026-03-02 09:00:00.000000" == (folder / "timestamp.txt").read_text()
        assert MONDAY == collected_at(folder)

    def test_the_same_file_again_is_unchanged(self, tiny_course, tmp_path):
        archive = lms_zip(tmp_path / "lms.zip", {"ana_planning.ipynb": (b"ANA", MONDAY)})
        collect(tiny_course, "planning", archive)
        again = collect(tiny_course, "planning", archive)
        assert [] == again.taken
        assert [("ana_planning.ipynb", "unchanged: ana's planning is already collected")] == again.skipped

    def test_a_newer_copy_replaces_an_older_one_never_the_reverse(self, tiny_course, tmp_path):
        collect(tiny_course, "planning", lms_zip(tmp_path / "first.zip", {"ana_planning.ipynb": (b"MONDAY", MONDAY)}))
        newer = collect(tiny_course, "planning", lms_zip(tmp_path / "second.zip",
                                                         {"ana_planning.ipynb": (b"TUESDAY", TUESDAY)}))
        assert [("ana", "ana_planning.ipynb", "updated")] == newer.taken
        older = collect(tiny_course, "planning", lms_zip(tmp_path / "third.zip",
                                                         {"ana_planning.ipynb": (b"MONDAY", MONDAY)}))
        assert [] == older.taken
        assert [("ana_planning.ipynb", "older: ana's planning handed in 2026-03-02 09:00 is older than the one "
                                       "collected (2026-03-03 09:00), which is kept")] == older.skipped
        folder = tiny_course.submitted("planning", "ana")
        assert b"TUESDAY" == (folder / "planning.ipynb").read_bytes()
        assert TUESDAY == collected_at(folder)

    def test_duplicates_in_one_source_store_the_newer(self, tiny_course, tmp_path):
        archive = lms_zip(tmp_path / "lms.zip", {"late/ana_planning.ipynb": (b"LATE", TUESDAY),
                                                 "early/ana_planning.ipynb": (b"EARLY", MONDAY)})
        result = collect(tiny_course, "planning", archive)
        assert [("ana", "late/ana_planning.ipynb", "new")] == result.taken
        assert b"LATE" == (tiny_course.submitted("planning", "ana") / "planning.ipynb").read_bytes()

    def test_a_bad_source_writes_nothing(self, tiny_course, tmp_path):
        with pytest.raises(GradingError, match="does not exist"):
            collect(tiny_course, "planning", tmp_path / "absent")
        with pytest.raises(GradingError, match="needs a group"):
            collect(tiny_course, "planning", tmp_path, pattern="x")
        with pytest.raises(GradingError, match="no assignment 'risk'"):
            collect(tiny_course, "risk", tmp_path)
        assert not (tiny_course.root / "submitted").exists()


class TestCollectedAt:
    def test_reads_the_kits_and_nbgraders_timestamps(self, tmp_path):
        for text in ("2026-03-02 09:00:00.000000", "2026-03-02 09:00:00.000000 UTC", "2026-03-02 09:00:00+00:00"):
            (tmp_path / "timestamp.txt").write_text(text)
            assert MONDAY == collected_at(tmp_path), text

    def test_none_without_a_readable_timestamp(self, tmp_path):
        assert collected_at(tmp_path) is None
        (tmp_path / "timestamp.txt").write_text("last Monday")
        assert collected_at(tmp_path) is None
