"""Tests of pmo_lessons.lessons_learned: retrieval of past lessons, the quality screen, themes.

The cosine similarity is pinned by the published example of C. D. Manning, P. Raghavan and
H. Schütze, *Introduction to Information Retrieval*, Cambridge University Press, 2008, section 6.3
("Cosine similarity amongst 3 documents", the three novels, with log frequency weighting
1 + log10 tf and length normalisation; the book's lecture slides give 0.94, 0.79 and 0.69, which
this test recomputes from the counts). The TF-IDF weights of the ranking are pinned by an
independent computation in numpy of the formulas the module's docstring states (scikit-learn's
smoothed idf and sublinear tf).
"""

import math
import re

import numpy as np
import pandas as pd
import pytest
from sklearn.metrics.pairwise import cosine_similarity

from pmo_lessons import data
from pmo_lessons.lessons_learned import (
    LessonsError,
    lesson_quality,
    recurring_themes,
    relevant_lessons,
    split_tags,
)

CRM_RELEASE_2 = (
    "CRM release 2. A self-service portal where trade customers see their orders, invoices and "
    "claims. A mobile app for the 80 field sales representatives, who take orders at the customers' "
    "premises, often with a poor signal. The CRM's interfaces with order entry and invoicing move "
    "from the legacy order system to the new ERP.")


def tiny_log(*texts, tags=None):
    n = len(texts)
    return pd.DataFrame({"id": [f"L{k + 1}" for k in range(n)], "project": [f"P{k}" for k in range(n)],
                         "kind": "went badly", "what_happened": list(texts), "why": "",
                         "recommendation": "", "action_taken": "",
                         "tags": tags or [""] * n})


class TestPublishedCosine:
    def test_three_novels_of_introduction_to_information_retrieval(self):
        counts = np.array([[115, 10, 2, 0],    # Sense and Sensibility: affection jealous gossip wuthering
                           [58, 7, 0, 0],      # Pride and Prejudice
                           [20, 11, 6, 38]])   # Wuthering Heights
        weights = np.where(counts > 0, 1 + np.log10(np.where(counts > 0, counts, 1)), 0)
        similarity = cosine_similarity(weights)
        assert 0.94 == pytest.approx(similarity[0, 1], abs=0.005)
        assert 0.79 == pytest.approx(similarity[0, 2], abs=0.005)
        assert 0.69 == pytest.approx(similarity[1, 2], abs=0.005)


class TestRanking:
    def test_scores_are_the_cosine_of_tfidf_computed_independently(self):
        texts = ["supplier late delivery", "supplier contract penalty penalty", "training late"]
        log = tiny_log(*texts)
        query = "late supplier"
        found = relevant_lessons(log, query, top=None).set_index("id")
        # independent: unigrams and bigrams (no stop word here), tf = 1 + ln(count),
        # idf = ln((1 + n) / (1 + df)) + 1, l2 normalised, cosine
        docs = [t.split() for t in texts]
        grams = [d + [f"{a} {b}" for a, b in zip(d, d[1:])] for d in docs]
        vocabulary = sorted({g for d in grams for g in d})
        n = len(grams)
        idf = {t: math.log((1 + n) / (1 + sum(t in d for d in grams))) + 1 for t in vocabulary}

        def vector(terms):
            v = np.array([(1 + math.log(terms.count(t))) * idf[t] if t in terms else 0.0
                          for t in vocabulary])
            return v / np.linalg.norm(v)

        q_terms = query.split() + ["late supplier"]
        q = vector([t for t in q_terms if t in vocabulary])
        expected = {f"L{k + 1}": float(q @ vector(d)) for k, d in enumerate(grams)}
        for lesson, score in expected.items():
            if score > 0:
                assert score == pytest.approx(found.at[lesson, "score"], abs=1e-9), lesson
        assert ["L1", "L3", "L2"] == relevant_lessons(log, query, top=None)["id"].tolist()

    def test_a_lesson_sharing_no_word_is_left_out_and_top_limits(self):
        log = tiny_log("supplier late", "training late", "budget cloud bill")
        found = relevant_lessons(log, "late supplier", top=None)
        assert "L3" not in set(found["id"])
        assert [1, 2] == found["rank"].tolist()
        assert 1 == len(relevant_lessons(log, "late supplier", top=1))

    def test_equal_scores_keep_the_order_of_the_ids(self):
        log = tiny_log("late delivery", "late delivery")
        assert ["L1", "L2"] == relevant_lessons(log, "late", top=None)["id"].tolist()

    def test_shared_terms_explain_the_score(self):
        log = tiny_log("interface volume test failed", "supplier late")
        found = relevant_lessons(log, "volume test of the interface")
        assert {"volume", "test", "interface", "volume test"} >= set(found.at[0, "shared_terms"].split(", "))

    def test_bad_descriptions_are_explained(self):
        log = tiny_log("supplier late")
        with pytest.raises(LessonsError, match="description of the new project is empty"):
            relevant_lessons(log, "  ")
        with pytest.raises(LessonsError, match="No word of the description appears in any lesson"):
            relevant_lessons(log, "quantum blockchain")
        with pytest.raises(LessonsError, match="top must be a whole number"):
            relevant_lessons(log, "supplier", top=0)
        with pytest.raises(LessonsError, match="no column 'why'"):
            relevant_lessons(log.drop(columns="why"), "supplier")


class TestQualityScreen:
    def test_each_rule(self):
        good = ("The racking supplier delivered nine weeks late; its contract had no penalty.",
                "Purchasing negotiated the contract on price alone, without the project.",
                "Put milestones and delay penalties in every supply contract on the critical path.",
                "supplier")
        log = pd.DataFrame([("L1", *good),
                            ("L2", "Training was too late.", "", "", "training"),
                            ("L3", good[0], good[1], "Manage suppliers better.", "")],
                           columns=["id", "what_happened", "why", "recommendation", "tags"])
        screen = lesson_quality(log).set_index("id")
        assert screen.at["L1", "usable"] and "" == screen.at["L1", "problems"]
        assert "no facts, no cause, no recommendation" == screen.at["L2", "problems"]
        assert "vague recommendation, not tagged" == screen.at["L3", "problems"]

    def test_meridians_vague_lessons_are_sent_back(self):
        log = data.load_lessons_learned()
        screen = lesson_quality(log).merge(log, on="id")
        flagged = screen[~screen["usable"]]
        assert 9 == len(flagged)
        assert {"Communication could have been better.", "Hypercare was hard.", "Plan better.",
                "Projects should use the templates."} <= set(flagged["what_happened"])

    def test_the_screen_has_limits_a_reviewer_must_know(self):
        log = data.load_lessons_learned().set_index("id")
        screen = lesson_quality(log.reset_index()).set_index("id")
        blame = log.index[log["what_happened"].str.startswith("The integrator's consultants")][0]
        assert screen.at[blame, "usable"]  # blames, recommends nothing anyone can do: passes
        scripts = log.index[log["recommendation"] == "Reuse the nightly reconciliation scripts."][0]
        assert "vague recommendation" == screen.at[scripts, "problems"]  # short, but specific


class TestThemes:
    def test_counts_are_the_tags_split_and_counted_independently(self):
        log = data.load_lessons_learned()
        themes = recurring_themes(log, min_projects=3)
        by_tag = {}
        for lesson, project, kind, action, tags in log[["id", "project", "kind", "action_taken",
                                                         "tags"]].itertuples(index=False):
            for tag in {t.strip().lower() for t in tags.split(",") if t.strip()}:
                entry = by_tag.setdefault(tag, [set(), set(), 0, 0])
                entry[0].add(lesson)
                entry[1].add(project)
                entry[2] += kind == "went badly"
                entry[3] += bool(action)
        assert set(by_tag) == set(themes.index)
        for tag, (lessons, projects, badly, actioned) in by_tag.items():
            assert [len(lessons), len(projects), badly, actioned] == themes.loc[
                tag, ["lessons", "projects", "went_badly", "actioned"]].tolist(), tag
            assert (len(projects) >= 3) == themes.at[tag, "recurring"]
        assert themes["projects"].is_monotonic_decreasing

    def test_the_terms_of_a_theme_leave_its_own_words_out(self):
        themes = recurring_themes(data.load_lessons_learned())
        for tag, terms in themes["terms"].items():
            own = set(re.findall(r"\w\w+", tag))
            for term in filter(None, terms.split(", ")):
                assert not own & set(term.split()), (tag, term)

    def test_interfaces_and_data_migration_recur_across_projects(self):
        themes = recurring_themes(data.load_lessons_learned())
        assert themes.at["interfaces", "recurring"] and themes.at["data migration", "recurring"]
        assert themes.at["interfaces", "projects"] >= 4

    def test_split_tags_and_errors(self):
        assert [("L1", "a"), ("L1", "b c")] == list(
            split_tags(pd.DataFrame({"id": ["L1"], "tags": [" A, b c ,"]})).itertuples(index=False,
                                                                                     name=None))
        with pytest.raises(LessonsError, match="No lesson of the log has a tag"):
            recurring_themes(tiny_log("a b c"))
        with pytest.raises(LessonsError, match="min_projects"):
            recurring_themes(data.load_lessons_learned(), min_projects=0)


class TestMeridianBriefing:
    def test_the_crm_release_2_finds_the_lessons_of_its_three_parts(self):
        found = relevant_lessons(data.load_lessons_learned(), CRM_RELEASE_2, top=15)
        texts = " ".join(found["what_happened"])
        assert "offline" in texts                      # the field app (mobile lesson)
        assert "Duplicate invoices" in texts           # the CRM's own interface lesson
        assert "Trade customers hardly used" in texts  # the trade customers of the web shop
        assert found["score"].is_monotonic_decreasing
        assert found["score"].between(0, 1).all()
