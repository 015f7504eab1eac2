"""Lessons learned: a log someone can use, the lessons that matter to a new project, the themes.

A lesson is worth the trouble only if someone finds it when it matters and can act on it. The
PMO keeps one **lessons-learned log** for the portfolio (``pmo_lessons.data.load_lessons_learned()``:
what happened, why, what to do next time, tags, project, phase), the organisational process asset
of PMBOK Guide 6th ed. 2.3.2 fed by each project's lessons log (PRINCE2 6th ed. A.14) and lessons
report (A.15). This module holds what the PMO does with it:

* :func:`lesson_quality`: the screen a PMO runs before it accepts a lesson (facts, a cause, a
  recommendation someone can act on, tags), to send the vague ones back;
* :func:`relevant_lessons`: given a new project's description, the past lessons most relevant to
  it, ranked, with the words that matched (TF-IDF and cosine similarity, below);
* :func:`split_tags`, :func:`recurring_themes`: the tags counted across projects, with the terms
  that characterise each theme: a theme that recurs in several projects is no longer a project's
  lesson but the organisation's.

**How the ranking works** (the vector space model of G. Salton and C. Buckley, "Term-weighting
approaches in automatic text retrieval", *Information Processing & Management* 24(5), 1988,
pp. 513-523; C. D. Manning, P. Raghavan and H. Schütze, *Introduction to Information Retrieval*,
Cambridge University Press, 2008, chapter 6). Each lesson becomes a vector of term weights, with
scikit-learn's ``TfidfVectorizer`` fitted on the log:

* the **terms** are the words of two letters or more, lower-cased, without English stop words
  ("the", "and" ...), and the pairs of adjacent words (``"data migration"``);
* a term's weight in a lesson is **tf x idf**: tf = 1 + ln(count of the term in the lesson)
  (sublinear, so that a word said five times does not count five times as much), and
  idf = ln((1 + n) / (1 + df)) + 1, with n the lessons in the log and df those that use the term
  (scikit-learn's smoothed idf): a term found in every lesson says little, a rare one a lot;
* each vector is divided by its length (l2 norm), and the **score** of a lesson for a description
  is the cosine of the angle between their vectors: 0 when they share no term, 1 when their
  weights are in the same proportions.

A word of the description that no lesson uses has no weight (the log's vocabulary is the only
one), and "interface" and "interfaces" are two different terms: a PMO writes the description with
the log's words, and the tags help. The score measures shared words, not relevance: a PMO reads
the top of the ranking and chooses.

>>> import pandas as pd
>>> log = pd.DataFrame({
...     "id": ["L1", "L2", "L3"], "project": ["P1", "P2", "P3"], "phase": "testing",
...     "what_happened": ["Interface failed at peak volume", "Supplier delivered late",
...                       "Training too late for the warehouse"],
...     "why": ["No volume test", "No penalty in the contract", "Trainers booked late"],
...     "recommendation": ["Volume test every interface", "Penalties and milestones in contracts",
...                        "Book trainers at the design gate"],
...     "tags": ["interfaces, testing", "supplier, contracts", "training"]})
>>> relevant_lessons(log, "New interface with the bank: volume test needed", top=2)["id"].tolist()
['L1']
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics.pairwise import cosine_similarity

from .columns import require_columns
from .errors import InputError

__all__ = [
    "LessonsError",
    "TEXT_FIELDS",
    "QUALITY_RULES",
    "lesson_text",
    "vectorizer",
    "relevant_lessons",
    "lesson_quality",
    "split_tags",
    "recurring_themes",
]


class LessonsError(InputError):
    """A lessons log, a description or a setting the lessons functions cannot work with."""


#: The fields of a lesson the ranking reads, in this order (the tags are words too).
TEXT_FIELDS = ("what_happened", "why", "recommendation", "tags")

#: The PMO's screen of a lesson before it enters the log: (check, what it looks at, rule).
#: Thresholds are the kit's own, a screen that points the reviewer to lessons to read again,
#: not a verdict: a short recommendation can be specific, a long one empty.
QUALITY_RULES = pd.DataFrame(
    [
        ("no facts", "what_happened", "fewer than 10 words: says little of what happened, where, "
         "how much"),
        ("no cause", "why", "empty or fewer than 5 words: nobody can tell whether it will happen "
         "again"),
        ("no recommendation", "recommendation", "empty: nothing to do next time"),
        ("vague recommendation", "recommendation", "fewer than 8 words: rarely says who does what, "
         "when"),
        ("not tagged", "tags", "empty: nobody will find it by theme"),
    ],
    columns=["check", "field", "rule"],
)

_MIN_WORDS = {"what_happened": 10, "why": 5, "recommendation": 8}
_WORD = re.compile(r"\w+(?:[-']\w+)*")


def _read_log(log, columns):
    require_columns(log, ["id", *columns], "The lessons log (see data.load_lessons_learned())",
                    LessonsError)
    frame = log.reset_index(drop=True).copy()
    for column in ["id", *columns]:
        frame[column] = frame[column].fillna("").astype(str).str.strip()
    if frame.empty:
        raise LessonsError("The lessons log is empty: there is nothing to rank or count.")
    return frame


def lesson_text(log, fields=TEXT_FIELDS):
    """The text of each lesson the ranking reads: its ``fields`` joined, one string per lesson.

    >>> import pandas as pd
    >>> lesson_text(pd.DataFrame({"id": ["L1"], "what_happened": ["Late"], "why": [""],
    ...                           "recommendation": ["Book early"], "tags": ["training"]})).tolist()
    ['Late. Book early. training']
    """
    fields = list(fields)
    frame = _read_log(log, fields)
    return frame[fields].apply(lambda row: ". ".join(part for part in row if part), axis=1)


def vectorizer():
    """The TF-IDF settings of the ranking, as a fresh scikit-learn ``TfidfVectorizer``.

    Words and pairs of words, English stop words removed, sublinear tf, smoothed idf, l2 norm
    (the module's docstring says what each does).

    >>> vectorizer().get_params()["ngram_range"], vectorizer().get_params()["sublinear_tf"]
    ((1, 2), True)
    """
    return TfidfVectorizer(stop_words="english", ngram_range=(1, 2), sublinear_tf=True,
                           smooth_idf=True, norm="l2")


def relevant_lessons(log, description, top=5, fields=TEXT_FIELDS, min_score=0.0, terms=5):
    """The past lessons most relevant to a new project's description, best first.

    Args:
        log: the lessons log (``data.load_lessons_learned()``), with ``id`` and ``fields``.
        description: what the new project is about, in plain words (a few sentences).
        top: how many lessons to return at most (``None``: all that score above ``min_score``).
        fields: the fields of a lesson that are read (default :data:`TEXT_FIELDS`).
        min_score: lessons scoring this or less are left out (0: those sharing no term).
        terms: how many of the shared terms to show for each lesson.

    Returns:
        The lessons (all the log's columns) with ``rank``, ``score`` (the cosine similarity,
        0 to 1) and ``shared_terms`` (the terms that weigh most in the score, comma-separated),
        sorted by score, then by id for equal scores.

    Raises:
        LessonsError: an empty description, or one whose words no lesson uses.

    >>> import pandas as pd
    >>> log = pd.DataFrame({"id": ["L1", "L2"], "what_happened": ["Data migration late",
    ...     "Supplier late"], "why": ["", ""], "recommendation": ["Profile the data early",
    ...     "Penalties in the contract"], "tags": ["data migration", "supplier"]})
    >>> found = relevant_lessons(log, "ERP data migration from the legacy system")
    >>> found[["id", "rank", "shared_terms"]].values.tolist()
    [['L1', 1, 'data, data migration, migration']]
    """
    if not isinstance(description, str) or not description.strip():
        raise LessonsError("The description of the new project is empty: describe it in a few "
                           "sentences (what it delivers, which systems, who uses it).")
    if top is not None and (not isinstance(top, (int, np.integer)) or top < 1):
        raise LessonsError(f"top must be a whole number of lessons of 1 or more, not {top!r}.")
    frame = _read_log(log, list(fields))
    texts = lesson_text(frame, fields)
    tfidf = vectorizer()
    try:
        matrix = tfidf.fit_transform(texts)
    except ValueError as error:  # every lesson empty, or only stop words
        raise LessonsError("The lessons hold no words to rank them by (only empty fields or stop "
                           "words).") from error
    query = tfidf.transform([description])
    if query.nnz == 0:
        raise LessonsError("No word of the description appears in any lesson: describe the project "
                           "with the words of the log (its tags are a good start).")
    scores = cosine_similarity(query, matrix).ravel()
    vocabulary = tfidf.get_feature_names_out()
    q = query.toarray().ravel()
    shared = []
    for row in matrix.toarray():
        weight = q * row
        order = np.argsort(-weight, kind="stable")
        shared.append(", ".join(vocabulary[k] for k in order[:terms] if weight[k] > 0))
    out = frame.assign(score=scores, shared_terms=shared)
    out = out[out["score"] > min_score].sort_values(["score", "id"], ascending=[False, True],
                                                    kind="stable")
    if top is not None:
        out = out.head(top)
    out.insert(0, "rank", range(1, len(out) + 1))
    return out.reset_index(drop=True)


def _words(text):
    return len(_WORD.findall(text))


def lesson_quality(log):
    """The PMO's screen of each lesson (:data:`QUALITY_RULES`): can someone use it as written?

    A usable lesson says what happened (with facts: where, how much), why (a cause, so that one
    can tell whether it will happen again), what to do next time (a recommendation someone can
    act on) and is tagged (so that it can be found). PRINCE2's lessons log asks for the event,
    its effect, its causes and the recommendations (6th ed., A.14).

    Returns a DataFrame with ``id``, one boolean column per check (``True``: the check found a
    problem), ``problems`` (their names, comma-separated) and ``usable`` (no problem found).

    >>> import pandas as pd
    >>> log = pd.DataFrame({"id": ["L1"], "what_happened": ["Communication could have been better."],
    ...                     "why": [""], "recommendation": ["Communicate more next time."],
    ...                     "tags": ["communication"]})
    >>> lesson_quality(log)[["id", "problems", "usable"]].values.tolist()
    [['L1', 'no facts, no cause, vague recommendation', False]]
    """
    frame = _read_log(log, ["what_happened", "why", "recommendation", "tags"])
    words = {field: frame[field].map(_words) for field in _MIN_WORDS}
    checks = pd.DataFrame({
        "id": frame["id"],
        "no facts": words["what_happened"] < _MIN_WORDS["what_happened"],
        "no cause": words["why"] < _MIN_WORDS["why"],
        "no recommendation": words["recommendation"] == 0,
        "vague recommendation": (words["recommendation"] > 0)
        & (words["recommendation"] < _MIN_WORDS["recommendation"]),
        "not tagged": frame["tags"] == "",
    })
    names = list(QUALITY_RULES["check"])
    checks["problems"] = checks[names].apply(
        lambda row: ", ".join(name for name in names if row[name]), axis=1)
    checks["usable"] = ~checks[names].any(axis=1)
    return checks


def split_tags(log):
    """One row per (lesson, tag): the log's comma-separated ``tags`` split, trimmed, lower-cased.

    >>> import pandas as pd
    >>> split_tags(pd.DataFrame({"id": ["L1"], "tags": ["Interfaces, testing ,"]})).values.tolist()
    [['L1', 'interfaces'], ['L1', 'testing']]
    """
    frame = _read_log(log, ["tags"])
    rows = [(lesson, tag.strip().lower()) for lesson, tags in zip(frame["id"], frame["tags"])
            for tag in tags.split(",") if tag.strip()]
    return pd.DataFrame(rows, columns=["id", "tag"])


def recurring_themes(log, min_projects=3, terms=4):
    """The themes of the log: each tag counted across lessons and projects, with its words.

    A tag that comes back in ``min_projects`` projects or more is **recurring**: the same lesson
    is being learned again, which calls for a change of the organisation's method (a template, a
    gate criterion, a contract clause), not one more line in a log. ``actioned`` counts the lessons
    of the theme after which the PMO changed something (``action_taken``).

    The ``terms`` of a theme are the words that weigh most, on average, in its lessons' TF-IDF
    vectors (:func:`vectorizer`, fitted on the whole log), leaving out the tag's own words: what
    the lessons of the theme talk about.

    Returns a DataFrame indexed by tag: ``lessons, projects, went_badly, actioned, recurring,
    terms``, the most widespread themes first (projects, then lessons, then tag).

    >>> import pandas as pd
    >>> log = pd.DataFrame({"id": ["L1", "L2", "L3"], "project": ["A", "B", "B"],
    ...     "kind": ["went badly", "went badly", "went well"],
    ...     "what_happened": ["Supplier late", "Supplier late again", "Tests found defects"],
    ...     "why": "", "recommendation": "", "action_taken": ["Clause", "", ""],
    ...     "tags": ["supplier", "supplier, testing", "testing"]})
    >>> recurring_themes(log, min_projects=2)[["lessons", "projects", "actioned", "recurring"]]
              lessons  projects  actioned  recurring
    tag
    supplier        2         2         1       True
    testing         2         1         0      False
    """
    if not isinstance(min_projects, (int, np.integer)) or min_projects < 1:
        raise LessonsError(f"min_projects must be a whole number of 1 or more, not {min_projects!r}.")
    frame = _read_log(log, ["project", "kind", "action_taken", *TEXT_FIELDS])
    tags = split_tags(frame)
    if tags.empty:
        raise LessonsError("No lesson of the log has a tag: there are no themes to count.")
    tfidf = vectorizer()
    matrix = tfidf.fit_transform(lesson_text(frame)).toarray()
    vocabulary = tfidf.get_feature_names_out()
    analyse = tfidf.build_analyzer()
    position = {lesson: k for k, lesson in enumerate(frame["id"])}
    info = frame.set_index("id")
    rows = []
    for tag, group in tags.groupby("tag", sort=True):
        ids = list(dict.fromkeys(group["id"]))
        lessons = info.loc[ids]
        own = set(analyse(tag))
        mean = matrix[[position[i] for i in ids]].mean(axis=0)
        words = [vocabulary[k] for k in np.argsort(-mean, kind="stable")
                 if mean[k] > 0 and not own & set(vocabulary[k].split())][:terms]
        projects = lessons["project"].nunique()
        rows.append((tag, len(ids), projects, int((lessons["kind"] == "went badly").sum()),
                     int((lessons["action_taken"] != "").sum()), projects >= min_projects,
                     ", ".join(words)))
    out = pd.DataFrame(rows, columns=["tag", "lessons", "projects", "went_badly", "actioned",
                                      "recurring", "terms"])
    out = out.sort_values(["projects", "lessons", "tag"], ascending=[False, False, True],
                          kind="stable")
    return out.set_index("tag")
