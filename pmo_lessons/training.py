"""Training and coaching: needs from the skills gaps and the maturity assessment, a plan within a budget,
its evaluation on Kirkpatrick's four levels, and the GROW model of a coaching conversation.

The PMO "organises training and awareness-raising sessions" and coaches project managers (the
course's sources, role 5). This module holds what can be computed:

* :func:`skill_needs`: who to train, from the skill gaps of :func:`pmo_lessons.capacity.skill_gap`
  (the people of the role one level below the level the work needs);
* :func:`maturity_needs`: which courses serve the next maturity level of lesson 5's
  self-assessment (:func:`pmo_lessons.methodology.next_steps`), for a team;
* :func:`course_options`, :func:`training_plan`: who goes to which session of which course, when,
  at what cost, within a budget (an exact choice with ``scipy.optimize.milp``);
* :data:`KIRKPATRICK_LEVELS`, :func:`kirkpatrick`: the evaluation of a course on four levels;
* :data:`GROW`: the four stages of a coaching conversation, with questions to ask.

A course gives knowledge; level 3 on the kit's scale ("does the work alone",
:data:`pmo_lessons.capacity.SKILL_LEVELS`) also takes practice on real work, with someone at level 3
or 4 reviewing it. That is why a plan counts a course as moving a person **one** level, and why
Kirkpatrick's level 3 (behaviour) is measured months after the course.

>>> KIRKPATRICK_LEVELS.loc[3, "name"], GROW.index.tolist()
('Behavior', ['Goal', 'Reality', 'Options', 'Will'])
"""

from __future__ import annotations

import pandas as pd

from .columns import require_columns
from .errors import InputError

__all__ = [
    "TrainingError",
    "KIRKPATRICK_LEVELS",
    "GROW",
    "skill_needs",
    "maturity_needs",
    "course_options",
    "training_plan",
    "kirkpatrick",
]


class TrainingError(InputError):
    """Training data the kit cannot work with: an unknown course or person, a bad budget or score."""


#: Kirkpatrick's four levels of training evaluation (J. D. Kirkpatrick and W. K. Kirkpatrick,
#: *Kirkpatrick's Four Levels of Training Evaluation*, ATD Press, 2016; the model is D. L.
#: Kirkpatrick's, 1959). The level names are the book's (American spelling); the questions and the
#: evidence are the kit's summary.
KIRKPATRICK_LEVELS = pd.DataFrame(
    [
        (1, "Reaction", "Did the participants find it favourable, engaging and relevant to their job?",
         "end-of-session form"),
        (2, "Learning", "Did they acquire the knowledge, skills, attitude, confidence and commitment intended?",
         "a test before and after, a practical exercise"),
        (3, "Behavior", "Do they apply what they learned when they are back on the job?",
         "observation or review of their work some months later"),
        (4, "Results", "Did the targeted outcomes occur, as a result of the training and of the support that followed?",
         "the organisation's measures, before and after"),
    ],
    columns=["level", "name", "question", "evidence"],
).set_index("level")

#: The GROW model of a coaching conversation (J. Whitmore, *Coaching for Performance: The
#: Principles and Practice of Coaching and Leadership*, 5th ed., Nicholas Brealey, 2017; the model
#: goes back to Whitmore, Graham Alexander and Alan Fine in the 1980s). The coach asks; the coachee
#: finds the answers. The questions are examples in the kit's words.
GROW = pd.DataFrame(
    [
        ("Goal", "what the coachee wants from this conversation and beyond it",
         "What would you like to leave this meeting with? | What would good look like in four weeks?"),
        ("Reality", "where things stand now, facts before opinions",
         "What is happening now, in figures? | What have you tried so far, and what did it give?"),
        ("Options", "what could be done, as many ways as possible before choosing",
         "What could you do? | What else? | What would you do if you had another week, or one more person?"),
        ("Will", "what the coachee will do, when, and how committed they are",
         "What will you do, and by when? | What could stop you? | On a scale of 1 to 10, how likely?"),
    ],
    columns=["stage", "purpose", "questions"],
).set_index("stage")


def skill_needs(gaps, matrix, people, below=1):
    """Who to train: for each skill gap, the people of its role one level below the level needed.

    ``gaps`` is :func:`pmo_lessons.capacity.skill_gap` (``role, skill, level, month, shortfall``);
    ``matrix`` the skills matrix (person x skill); ``people`` has ``id, name, role``. For every
    ``(role, skill, level)`` with a shortfall, the people of the role at ``level - below`` up to
    ``level - 1`` are the candidates: a course and practice take them to the level. Returns one row
    per candidate: ``person, name, role, skill, current, target, shortfall`` (the gap's person-days
    in all its months) and ``months`` (the months short), largest shortfall first.

    >>> gaps = pd.DataFrame({"role": ["BA"], "skill": ["PDATA"], "level": [3], "month": ["2026-12"],
    ...                      "shortfall": [15.2]})
    >>> matrix = pd.DataFrame({"PDATA": [3, 2, 1]}, index=["A", "B", "C"])
    >>> people = pd.DataFrame({"id": ["A", "B", "C"], "name": ["Ann", "Bob", "Cyd"], "role": "BA"})
    >>> skill_needs(gaps, matrix, people)[["name", "skill", "current", "target"]]
      name  skill  current  target
    0  Bob  PDATA        2       3
    """
    require_columns(gaps, ["role", "skill", "level", "month", "shortfall"], "the skill gaps", TrainingError)
    require_columns(people, ["id", "name", "role"], "people", TrainingError)
    if below < 1:
        raise TrainingError(f"below is {below!r}; valid: a whole number of levels >= 1.")
    short = gaps[gaps["shortfall"] > 0]
    rows = []
    for (role, skill, level), group in short.groupby(["role", "skill", "level"], sort=False):
        total = round(float(group["shortfall"].sum()), 6)
        months_short = ", ".join(sorted(group["month"]))
        for pid, name, their_role in zip(people["id"], people["name"], people["role"]):
            if their_role != role:
                continue
            current = int(matrix.at[pid, skill]) if (pid in matrix.index and skill in matrix.columns) else 0
            if level - below <= current < level:
                rows.append((pid, name, role, skill, current, int(level), total, months_short))
    needs = pd.DataFrame(rows, columns=["person", "name", "role", "skill", "current", "target",
                                        "shortfall", "months"])
    return needs.sort_values(["shortfall", "person"], ascending=[False, True], kind="stable").reset_index(drop=True)


def maturity_needs(answers, courses, target=None, threshold=0.75):
    """Which courses serve the next maturity level: lesson 5's next steps, matched to the catalogue.

    ``answers`` are the self-assessment's: question id -> yes / partly / no, or a table ``question,
    answer`` such as ``data.load_maturity_assessments()`` (with an ``assessment_date`` column, the
    latest assessment is read); :func:`pmo_lessons.methodology.next_steps` gives the questions not
    yet met at each perspective's next level (or ``target``), and a course serves a question when
    its ``maturity_questions`` lists it. Returns one row per (question, course): ``perspective,
    current_level, next_level, id, question, answer, course, course_name``; a question no course
    serves has an empty ``course`` (training is not the answer to every gap: some need a decision
    or a process).

    >>> courses = pd.DataFrame({"id": ["C09"], "name": ["Capacity planning"],
    ...                         "maturity_questions": ["RES-2b, RES-3b"]})
    >>> answers = {"RES-2a": "yes", "RES-2b": "no"}
    >>> needs = maturity_needs(answers, courses)
    >>> needs.loc[needs["perspective"] == "Resources", ["id", "course"]].values.tolist()
    [['RES-2b', 'C09']]
    """
    from .methodology import next_steps

    if isinstance(answers, pd.DataFrame):
        require_columns(answers, ["question", "answer"], "the maturity answers", TrainingError)
        if "assessment_date" in answers.columns:
            answers = answers[answers["assessment_date"] == answers["assessment_date"].max()]
        answers = dict(zip(answers["question"], answers["answer"]))
    require_columns(courses, ["id", "name", "maturity_questions"], "courses", TrainingError)
    serves = {}
    for cid, name, text in zip(courses["id"], courses["name"], courses["maturity_questions"]):
        for qid in (q.strip() for q in str(text).split(",") if q.strip()):
            serves.setdefault(qid, []).append((cid, name))
    steps = next_steps(answers, threshold=threshold, target=target)
    rows = []
    for step in steps.itertuples(index=False):
        for cid, name in serves.get(step.id, [("", "")]):
            rows.append((step.perspective, step.current_level, step.next_level, step.id, step.question,
                         step.answer, cid, name))
    return pd.DataFrame(rows, columns=["perspective", "current_level", "next_level", "id", "question",
                                       "answer", "course", "course_name"])


def _sessions(text):
    return [pd.Timestamp(s.strip()) for s in str(text).split(",") if s.strip()]


def course_options(needs, courses):
    """The courses that can take each person in ``needs`` from their level to the next.

    ``needs`` has ``person, skill, current`` (and any other columns, kept: ``value``,
    ``needed_by`` ...); a course fits when it raises ``skill`` to ``current + 1``. A need no course
    fits is kept with an empty ``course``: the catalogue has a hole (coaching, a mentor, or a hire).

    >>> needs = pd.DataFrame({"person": ["B"], "skill": ["PDATA"], "current": [2]})
    >>> courses = pd.DataFrame({"id": ["C01", "C02"], "skill": ["PDATA", "PDATA"], "to_level": [2, 3]})
    >>> course_options(needs, courses)[["person", "course"]]
      person course
    0      B    C02
    """
    require_columns(needs, ["person", "skill", "current"], "the needs", TrainingError)
    require_columns(courses, ["id", "skill", "to_level"], "courses", TrainingError)
    rows = []
    for need in needs.to_dict("records"):
        fitting = courses[(courses["skill"] == need["skill"]) & (courses["to_level"] == need["current"] + 1)]
        for cid in (fitting["id"].tolist() or [""]):
            rows.append({**need, "course": cid})
    return pd.DataFrame(rows, columns=[*needs.columns, "course"])


def training_plan(options, courses, budget, not_before=None, people=None, day_rates=None):
    """Who goes to which session of which course, within a training budget: the best plan.

    ``options`` has ``person, course`` and optionally ``value`` (how much the training is worth:
    the shortfall it closes, a priority; 1 when absent) and ``needed_by`` (a date: the session must
    start on or before it). ``courses`` has ``id, name, days, fee_eur, seats, sessions``
    (comma-separated start dates). Sessions before ``not_before`` are past. The plan picks at most
    one session per (person, course), fills no session beyond its seats and keeps the fees within
    ``budget``, maximising the total value (then, for equal value, the lower fees): a 0-1 choice
    solved exactly with ``scipy.optimize.milp``, as the portfolio's selection under a budget (a
    knapsack, lesson 6).

    Returns one row per place booked: ``person`` (and ``name`` with ``people``), ``course``,
    ``course_name``, ``session``, ``days``, ``fee_eur``, ``value``, and with ``day_rates`` (person ->
    EUR per day) ``time_cost_eur``, the cost of the days away from work, which the fees hide. The
    options left out are in ``plan.attrs["left_out"]``, each with why (``"budget"``, ``"no
    session"``, ``"no course"``).

    >>> courses = pd.DataFrame({"id": ["C02"], "name": ["Product data"], "days": [4], "fee_eur": [2400.0],
    ...                         "seats": [6], "sessions": ["2026-11-23, 2027-02-08"]})
    >>> options = pd.DataFrame({"person": ["A", "B"], "course": "C02", "value": [15.0, 8.0],
    ...                         "needed_by": ["2026-12-31", "2027-03-31"]})
    >>> plan = training_plan(options, courses, budget=3000, not_before="2026-09-25")
    >>> plan[["person", "session", "fee_eur"]].values.tolist(), plan.attrs["left_out"]["why"].tolist()
    ([['A', Timestamp('2026-11-23 00:00:00'), 2400.0]], ['budget'])
    """
    from scipy.optimize import Bounds, LinearConstraint, milp

    require_columns(options, ["person", "course"], "the options", TrainingError)
    require_columns(courses, ["id", "name", "days", "fee_eur", "seats", "sessions"], "courses", TrainingError)
    if not budget >= 0:
        raise TrainingError(f"budget is {budget!r}; valid: an amount in EUR >= 0.")
    catalogue = courses.set_index("id")
    start = None if not_before is None else pd.Timestamp(not_before)
    choices, left_out = [], []
    for k, option in enumerate(options.to_dict("records")):
        course = option["course"]
        if not course:
            left_out.append({**option, "why": "no course"})
            continue
        if course not in catalogue.index:
            raise TrainingError(f"options, row {k + 2}: course {course!r} is not in the catalogue.")
        deadline = pd.Timestamp(option["needed_by"]) if pd.notna(option.get("needed_by", None)) else None
        dates = [d for d in _sessions(catalogue.at[course, "sessions"])
                 if (start is None or d >= start) and (deadline is None or d <= deadline)]
        if not dates:
            left_out.append({**option, "why": "no session"})
            continue
        for date in dates:
            choices.append((k, course, date, float(option.get("value", 1.0)),
                            float(catalogue.at[course, "fee_eur"])))
    plan_rows = []
    if choices:
        fees = sum(c[4] for c in choices) + 1.0
        n = len(choices)
        # value first; for equal value the lower fees and the earlier session
        order = {d: i for i, d in enumerate(sorted({c[2] for c in choices}))}
        objective = [-(c[3] - c[4] / fees / 2 - order[c[2]] / (len(order) + 1) / fees / 2) for c in choices]
        rows, upper = [[c[4] for c in choices]], [float(budget)]
        for k in sorted({c[0] for c in choices}):
            rows.append([1.0 if c[0] == k else 0.0 for c in choices])
            upper.append(1.0)
        for course, date in sorted({(c[1], c[2]) for c in choices}):
            rows.append([1.0 if (c[1], c[2]) == (course, date) else 0.0 for c in choices])
            upper.append(float(catalogue.at[course, "seats"]))
        result = milp(objective, constraints=LinearConstraint(rows, -float("inf"), upper),
                      integrality=[1] * n, bounds=Bounds(0, 1))
        if not result.success:  # pragma: no cover - booking nothing is always feasible
            raise TrainingError(f"the training plan could not be solved: {result.message}")
        taken = {choices[i][0]: choices[i] for i, x in enumerate(result.x) if x > 0.5}
        records = options.to_dict("records")
        for k in sorted({c[0] for c in choices}):
            if k in taken:
                _, course, date, value, fee = taken[k]
                plan_rows.append((records[k]["person"], course, catalogue.at[course, "name"], date,
                                  float(catalogue.at[course, "days"]), fee, value))
            else:
                left_out.append({**records[k], "why": "budget"})
    plan = pd.DataFrame(plan_rows, columns=["person", "course", "course_name", "session", "days", "fee_eur",
                                            "value"])
    if people is not None:
        names = dict(zip(people["id"], people["name"]))
        plan.insert(1, "name", [names.get(p, p) for p in plan["person"]])
    if day_rates is not None:
        plan["time_cost_eur"] = [round(d * float(day_rates.get(p, 0.0)), 2)
                                 for p, d in zip(plan["person"], plan["days"])]
    plan = plan.sort_values(["session", "course", "person"], kind="stable").reset_index(drop=True)
    plan.attrs["left_out"] = pd.DataFrame(left_out, columns=[*options.columns, "why"])
    return plan


def kirkpatrick(evaluations, results=None, pass_mark=70, satisfied=4):
    """A course's evaluation on Kirkpatrick's four levels, from its participants' records.

    ``evaluations`` has ``reaction`` (1-5), ``pre_test`` and ``post_test`` (0-100) and
    ``applied_90_days`` (yes / partly / no), one row per participant. Level 1: the mean reaction
    and the share at ``satisfied`` or above. Level 2: the mean scores before and after, the share
    passing ``pass_mark`` after, and the class's **average normalised gain** (mean post - mean
    pre) / (100 - mean pre), the share of what the class could still learn that it did learn (R.
    R. Hake, "Interactive-engagement versus traditional methods", *American Journal of Physics*
    66(1), 1998, pp. 64-74, who computes it from the class averages). Level 3: the share
    applying it at 90 days (yes; partly counted apart).
    Level 4 needs the organisation's measure: ``results`` = ``{"measure": ..., "before": ...,
    "after": ...}``; without it level 4 says "not measured". A good level 1 or 2 says nothing of
    levels 3 and 4 (Kirkpatrick & Kirkpatrick, 2016): read the chain.

    Returns a table indexed by level: ``name``, ``measure``, ``value`` and ``reading`` (in words).

    >>> records = pd.DataFrame({"reaction": [5, 4, 3], "pre_test": [50, 60, 40],
    ...                         "post_test": [80, 90, 55], "applied_90_days": ["yes", "partly", "no"]})
    >>> kirkpatrick(records)["value"].round(3).tolist()
    [4.0, 0.5, 0.333, nan]
    """
    require_columns(evaluations, ["reaction", "pre_test", "post_test", "applied_90_days"], "the evaluations",
                    TrainingError)
    if evaluations.empty:
        raise TrainingError("the evaluations have no participant; give one row per participant.")
    frame = evaluations.reset_index(drop=True)
    for column, low, high in (("reaction", 1, 5), ("pre_test", 0, 100), ("post_test", 0, 100)):
        bad = frame[~frame[column].between(low, high)]
        if len(bad):
            raise TrainingError(f"the evaluations, row {bad.index[0] + 2}: {column} is {bad[column].iloc[0]:g}; "
                                f"valid: {low} to {high}.")
    applied = frame["applied_90_days"].astype(str).str.strip().str.lower()
    unknown = applied[~applied.isin(["yes", "partly", "no"])]
    if len(unknown):
        raise TrainingError(f"the evaluations, row {unknown.index[0] + 2}: applied_90_days is "
                            f"{unknown.iloc[0]!r}; valid: yes, partly or no.")
    n = len(frame)
    reaction = float(frame["reaction"].mean())
    happy = float((frame["reaction"] >= satisfied).mean())
    pre, post = float(frame["pre_test"].mean()), float(frame["post_test"].mean())
    gain = (post - pre) / (100 - pre) if pre < 100 else float("nan")
    passing = float((frame["post_test"] >= pass_mark).mean())
    yes, partly = float((applied == "yes").mean()), float((applied == "partly").mean())
    rows = [
        (1, "mean reaction (1-5)", round(reaction, 4),
         f"{reaction:.1f} out of 5; {happy:.0%} gave {satisfied} or more"),
        (2, "average normalised gain", round(gain, 4),
         f"test {pre:.0f} before, {post:.0f} after; they learned "
         f"{gain:.0%} of what they did not know; {passing:.0%} passed {pass_mark}"),
        (3, "share applying it at 90 days", round(yes, 4),
         f"{yes:.0%} of the {n} use it on their project, {partly:.0%} in part, {1 - yes - partly:.0%} not"),
    ]
    if results:
        before, after = float(results["before"]), float(results["after"])
        rows.append((4, str(results.get("measure", "result")), round(after - before, 4),
                     f"{results.get('measure', 'the measure')}: {before:g} before, {after:g} after; training is "
                     "one cause among others (the support after it, the projects themselves)"))
    else:
        rows.append((4, "not measured", float("nan"), "not measured: agree the measure with the sponsor "
                     "before the course, then read it after"))
    table = pd.DataFrame(rows, columns=["level", "measure", "value", "reading"]).set_index("level")
    table.insert(0, "name", KIRKPATRICK_LEVELS["name"])
    return table
