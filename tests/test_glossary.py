"""The course's glossary: its data (course/glossary.csv) and its page (course/glossary.ipynb).

The terms are data: one row per English headword, with the French terms a trainee
meets, the topic, the lesson that teaches it and a one-line meaning. The page is
written from the data by tools/make_glossary.py. These tests check that the data
is clean (no duplicate, every topic known, every lesson real), that every term a
lesson uses in its headings and key definitions (bold) is in it, that every term
said to be taught by a lesson really appears in that lesson, and that the page is
the data.
"""

import json
import re
import subprocess
import sys

import pandas as pd
import pytest

from .conftest import ROOT

COURSE = ROOT / "course"
TERMS = pd.read_csv(COURSE / "glossary.csv", dtype=str, keep_default_na=False)
MAP = pd.read_csv(COURSE / "lessons.csv", dtype={"lesson": str}, keep_default_na=False)

sys.path.insert(0, str(ROOT / "tools"))
from make_glossary import TOPICS  # noqa: E402

#: For each lesson, terms it uses in a heading or as a key definition (in bold): each must be a
#: glossary headword (or its abbreviation, in brackets).
HEADING_TERMS = {
    "00": ["project management office", "project support", "risk register", "management reserve",
           "programme"],
    "01": ["work breakdown structure", "work package", "critical path", "total float", "free float",
           "lag", "lead", "network diagram", "early start"],
    "02": ["resource levelling", "over-allocation", "resource histogram", "total float"],
    "03": ["KPI", "OKR", "PV", "earned value", "AC", "BAC", "SPI", "EAC", "TCPI",
           "earned schedule", "dashboard", "management reserve", "contingency reserve"],
    "04": ["merge bias", "threat", "opportunity", "EMV", "risk response", "contingency reserve",
           "criticality index", "P80", "issue"],
    "05": ["principle", "performance domain", "tailoring", "stage gate", "RACI", "100 % rule",
           "work package"],
    "06": ["steering committee", "deliverable", "issue log", "strategic alignment", "portfolio"],
    "07": ["sponsor", "steering committee", "power/interest grid", "exception report",
           "vanity metric", "KPI"],
    "08": ["working day"],
}


def names(english):
    """The names a headword goes by: 'earned value (EV)' -> ['earned value', 'ev']."""
    match = re.match(r"^(.*?)\s*\((.*)\)$", english)
    return [match[1].lower(), match[2].lower()] if match else [english.lower()]


def lesson_text(lesson, markdown_only=False):
    notebook = MAP.set_index("lesson").at[lesson, "notebook"]
    cells = json.loads((COURSE / notebook).read_text(encoding="utf-8"))["cells"]
    return "\n".join("".join(c["source"]) for c in cells
                     if not markdown_only or c["cell_type"] == "markdown")


def plain(text):
    """Text without Markdown emphasis, on one line, in lower case."""
    return re.sub(r"\s+", " ", re.sub(r"[*_`]", "", text)).lower()


def uses(text, name):
    return re.search(rf"(?<![\w-]){re.escape(name)}s?(?![\w-])", text) is not None


HEADWORDS = {name: english for english in TERMS["english"] for name in names(english)}


class TestData:
    def test_columns_and_size(self):
        assert ["english", "french", "topic", "lesson", "meaning"] == list(TERMS.columns)
        assert len(TERMS) >= 60
        for column in ("english", "french", "topic", "meaning"):
            assert (TERMS[column].str.strip() != "").all(), column

    def test_no_duplicates(self):
        english = TERMS["english"].str.lower()
        assert not english.duplicated().any(), TERMS.loc[english.duplicated(), "english"].tolist()
        every_name = [name for e in TERMS["english"] for name in names(e)]
        assert len(every_name) == len(set(every_name)), "two headwords share a name or abbreviation"

    def test_topics_and_lessons_are_known(self):
        assert set(TERMS["topic"]) <= set(TOPICS)
        assert set(TERMS["lesson"]) - {""} <= set(MAP["lesson"])

    def test_every_lesson_and_every_coming_competence_has_terms(self):
        per_lesson = TERMS[TERMS["lesson"] != ""].groupby("lesson").size()
        for lesson in [f"0{k}" for k in range(8)]:
            assert per_lesson.get(lesson, 0) >= 3, lesson
        electives = MAP.loc[(MAP["track"] == "elective") & (MAP["assignment"] != ""), "lesson"]
        for lesson in electives:  # every elective module with an exercise teaches its own terms
            assert per_lesson.get(lesson, 0) >= 2, lesson

    @pytest.mark.parametrize("french", ["chemin critique", "marge totale", "marge libre",
                                        "valeur acquise", "jalon", "livrable",
                                        "registre des risques", "MOA", "AMOA", "COPIL",
                                        "chef de projet"])
    def test_the_terms_a_trainee_asks_for(self, french):
        assert TERMS["french"].str.contains(french, regex=False).any(), french


class TestLessons:
    @pytest.mark.parametrize("lesson", sorted(HEADING_TERMS))
    def test_heading_terms_are_in_the_glossary(self, lesson):
        markdown = lesson_text(lesson, markdown_only=True)
        spans = [plain(s) for s in re.findall(r"^#+ .*$", markdown, re.M)
                 + re.findall(r"\*\*(.+?)\*\*", markdown, re.S)]
        for term in HEADING_TERMS[lesson]:
            name = term.lower()
            assert any(uses(span, name) for span in spans), (
                f"lesson {lesson} does not use {term!r} in a heading or in bold")
            assert name in HEADWORDS, f"{term!r} (lesson {lesson}) is not in the glossary"

    @pytest.mark.parametrize("row", list(TERMS[TERMS["lesson"] != ""].itertuples(index=False)),
                             ids=lambda row: row.english)
    def test_a_term_is_used_by_the_lesson_it_names(self, row):
        text = plain(lesson_text(row.lesson))
        assert any(uses(text, name) for name in names(row.english)), (
            f"{row.english!r} is not used in lesson {row.lesson}")

    def test_a_missing_term_would_be_caught(self):
        assert "work breakdown structure" in HEADWORDS and "wbs" in HEADWORDS
        assert "scope creep" not in HEADWORDS
        assert not uses("the critical paths", "critical pat")


class TestPage:
    def test_the_page_is_written_from_the_data(self, tmp_path):
        out = tmp_path / "glossary.ipynb"
        subprocess.run([sys.executable, str(ROOT / "tools" / "make_glossary.py"), "--out",
                        str(out)], check=True, capture_output=True)
        assert (COURSE / "glossary.ipynb").read_bytes() == out.read_bytes(), (
            "course/glossary.ipynb is stale: run python tools/make_glossary.py")

    def test_every_term_is_on_the_page_once(self):
        cells = json.loads((COURSE / "glossary.ipynb").read_text(encoding="utf-8"))["cells"]
        page = "\n".join("".join(c["source"]) for c in cells)
        for english in TERMS["english"]:
            assert 1 == page.count(f"| **{english.replace('|', chr(92) + '|')}** |"), english
        assert all(c["cell_type"] == "markdown" for c in cells)  # a page to print, no code

    def test_the_page_is_on_the_lesson_map_with_no_exercise(self):
        row = MAP.set_index("notebook").loc["glossary.ipynb"]
        assert "" == row["assignment"] and 0 == row["exercise_min"]
