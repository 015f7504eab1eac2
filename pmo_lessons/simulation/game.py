"""The game: play Meridian's portfolio week by week, replay a quarter, ask what if.

>>> game = new_game(seed=7, weeks=2)
>>> game.observe().week
0
>>> game.apply({"action": "health_check", "project": "ECO"}).startswith("ECO: health check")
True
>>> _ = game.next_week(); _ = game.next_week()
>>> game.finished, game.log[0]["action"]
(True, 'health_check')
>>> replay(7, game.log, weeks=2).score().total == game.score().total
True
"""

from __future__ import annotations

import copy
import functools
import json
from dataclasses import dataclass

import pandas as pd

from .decisions import SimulationError, carry_out, check
from .engine import simulate_week, start
from .events import QUESTIONS
from .observe import observe
from .scoring import score
from .state import build_state

__all__ = ["Game", "new_game", "replay", "play", "counterfactual", "Counterfactual",
           "decisions_that_mattered", "check_log", "log_as_code", "reference_scores",
           "quarter_outcome", "expert_overlap", "LESSONS"]

#: Where the course teaches what each decision weighs: the lesson and its section. What no lesson
#: teaches as such (overtime, a pause, crashing's price) says so and names the nearest section.
LESSONS = {
    "move_people": "02 Resources, 5. Levelling the portfolio and 6. Smoothing: critical work "
                   "gets its people from work with float",
    "defer": "02 Resources, 6. Smoothing: a task moved within its float frees its people and "
             "keeps the dates",
    "contractors": "13 People, 7. Closing a gap: hire, train or reschedule (a contractor comes in "
                   "weeks, at a higher rate)",
    "overtime": "not taught as such; 01 Planning, 8. What if?: time bought pays only on the "
                "critical path (here at time and a half, with more defects)",
    "crash": "01 Planning, 8. What if?: shortening a critical task moves the end only until "
             "another path takes over (crashing's price, PMBOK 6.5.2.6, is not taught)",
    "fast_track": "01 Planning, 4. Link types, lags and leads: an overlap (a lead, a "
                  "start-to-start link) hides risk: here rework",
    "fund_response": "04 Risk, 4. Expected monetary value and 5. Decision trees: fund a response "
                     "when it cuts the expected loss by more than it costs",
    "draw_reserve": "10 Budget, 3. Reserves and who holds them and 7. Budget change control: "
                    "the sponsor releases the management reserve through a change request",
    "health_check": "09 Quality, 8. The health check, a PMO service: assurance finds what the "
                    "reports do not say",
    "escalate": "04 Risk, 1. The risk process (escalate: beyond the project's authority) and "
                "07 Reporting, 7. Exception reporting: the board decides",
    "descope": "11 Agile, 7. How many by the date? and 10 Budget, 7. Budget change control: "
               "what does not fit moves, and the sponsor decides",
    "pause": "not taught as such; 12 The PMO itself, 7. Benefits: benefits start at the go-live, "
             "so a pause delays them",
    "stop": "05 Framework, 5. Life cycles and stage gates (the board stops a project) and "
            "12 The PMO itself, 7. Benefits: a project stopped delivers none",
    "answer": "each question names its own lesson (QUESTIONS): 09 Quality, 10 Budget, "
              "02 Resources, 07 Reporting, 11 Agile, 04 Risk",
}


class Game:
    """One quarter of Meridian's portfolio, played from the status date (25 September 2026).

    ``observe()`` gives what the PMO sees this Friday; ``apply(decision)`` takes a decision
    (plain data, checked: :data:`~pmo_lessons.simulation.decisions.ACTIONS`), which acts from the
    next week; ``next_week()`` plays the week and returns what happened in words; ``log`` is
    every decision taken, with its week; ``score()`` the score once the quarter is played.
    """

    def __init__(self, seed, weeks=13):
        seed = _whole(seed, "seed", 0)
        weeks = _whole(weeks, "weeks", 1, 13)
        self.seed, self.weeks = seed, weeks
        self._state = start(build_state(seed, weeks))
        self._snapshots = {}
        self._score = None

    def __repr__(self):
        return f"<Game seed {self.seed}, week {self.week} of {self.weeks}>"

    @property
    def week(self):
        """The last week played (0 before the first)."""
        return self._state.week

    @property
    def finished(self):
        return self._state.week >= self.weeks

    @property
    def log(self):
        """The decisions taken so far, as plain data: ``{"week": ..., "action": ..., ...}``."""
        return [dict(d) for d in self._state.decision_log]

    def observe(self):
        """What the PMO sees this Friday (:class:`~pmo_lessons.simulation.observe.Observation`)."""
        return observe(self._state)

    def apply(self, decision):
        """Take a decision; returns what it does, in words. Raises SimulationError, changing nothing."""
        checked = check(self._state, decision)
        words = carry_out(self._state, checked)
        self._state.decision_log.append({"week": self._state.week, **checked})
        return words

    def next_week(self):
        """Play the next week; returns its consequences, in words."""
        if self.finished:
            raise SimulationError(f"The quarter is over: all {self.weeks} weeks are played; "
                                  "read game.score() and the debrief.")
        return simulate_week(self._state)

    def play_to_end(self, policy=None):
        """Play every week left, asking ``policy`` (observation -> decisions) each week."""
        while not self.finished:
            if policy is not None:
                for decision in policy(self.observe()) or []:
                    self.apply(decision)
            self.next_week()
        return self

    def score(self):
        """The :class:`~pmo_lessons.simulation.scoring.Score` of the quarter (once it is played)."""
        if not self.finished:
            raise SimulationError(f"The quarter is not over: week {self.week} of {self.weeks} is "
                                  "played. The score reads what really happened, so it comes at "
                                  "the end (play on with game.next_week()).")
        if self._score is None:
            self._score = score(self._state)
        return self._score

    def save_log(self, path):
        """Write the decision log to a JSON file (what a trainee hands in)."""
        with open(path, "w", encoding="utf-8") as handle:
            json.dump(self.log, handle, indent=1)
        return path


def _whole(value, name, low, high=None):
    if isinstance(value, bool) or not isinstance(value, int):
        try:
            if float(value) != int(value):
                raise ValueError
            value = int(value)
        except (TypeError, ValueError):
            raise SimulationError(f"{name} must be a whole number, not {value!r}.") from None
    if value < low or (high is not None and value > high):
        raise SimulationError(f"{name} is {value}; valid: {low} to {high}." if high else
                              f"{name} is {value}; valid: {low} or more.")
    return value


def new_game(seed, weeks=13):
    """A new :class:`Game` from the status date, its truth drawn from ``seed``."""
    return Game(seed, weeks)


def check_log(log, weeks=13):
    """The log as plain data, each decision with a whole ``week`` from 0 to ``weeks - 1``.

    A log is a list of dicts of text and numbers, as ``game.log`` or a JSON file gives it: it is
    copied through JSON, so that nothing but data goes into a replay.

    >>> check_log([{"week": 0, "action": "stop", "project": "OFM"}])
    [{'week': 0, 'action': 'stop', 'project': 'OFM'}]
    """
    if isinstance(log, (str, bytes)) or not isinstance(log, (list, tuple)):
        raise SimulationError("The decision log is a list of decisions (dicts), as game.log "
                              f"gives it, not {type(log).__name__}.")
    try:
        plain = json.loads(json.dumps(list(log), allow_nan=False))
    except (TypeError, ValueError) as error:
        raise SimulationError("The decision log must hold only plain data (dicts of text and "
                              f"numbers): {error}.") from None
    for number, decision in enumerate(plain, start=1):
        if not isinstance(decision, dict):
            raise SimulationError(f"Decision {number} of the log is not a dict: {decision!r}.")
        week = decision.get("week")
        if isinstance(week, bool) or not isinstance(week, int) or not 0 <= week < weeks:
            raise SimulationError(f"Decision {number} of the log has week {week!r}; valid: a "
                                  f"whole week from 0 to {weeks - 1} (the week it was taken in).")
    return plain


def log_as_code(log, name="decision_log"):
    """The log as a line of Python per decision, to paste into a notebook's answer cell.

    A played game lives in the kernel; a notebook that is run again starts a new one. Pasting
    the log keeps the answer as data, which a grader replays.

    >>> print(log_as_code([{"week": 0, "action": "health_check", "project": "ECO"}]))
    decision_log = [
        {'week': 0, 'action': 'health_check', 'project': 'ECO'},
    ]
    """
    plain = check_log(log)
    return "\n".join([f"{name} = ["] + [f"    {decision!r}," for decision in plain] + ["]"])


def replay(seed, log, weeks=13, skip=()):
    """The same quarter again, decision by decision: the same seed and log give the same game.

    ``log`` is a decision log (:func:`check_log`); ``skip``, positions in the log (0-based) of
    decisions to leave out. A decision the replay refuses raises :class:`SimulationError` naming
    it (its position, week and action) and why.
    """
    plain = check_log(log, weeks)
    game = Game(seed, weeks)
    _play_log(game, plain, skip=set(skip))
    return game


def _play_log(game, plain, skip=(), strict=True, first_week=0, snapshots=True):
    by_week = {}
    for position, decision in enumerate(plain):
        by_week.setdefault(decision["week"], []).append((position, decision))
    skipped = []
    for week in range(first_week, game.weeks):
        if snapshots and by_week.get(week):  # the state before the week's decisions, for what-ifs
            game._snapshots[week] = copy.deepcopy(game._state)
        for position, decision in by_week.get(week, []):
            if position in skip:
                continue
            body = {k: v for k, v in decision.items() if k != "week"}
            try:
                game.apply(body)
            except SimulationError as error:
                if strict:
                    raise SimulationError(f"Decision {position + 1} of the log (week {week}, "
                                          f"{body.get('action')}) was refused: {error}") from None
                skipped.append((position, str(error)))
        game.next_week()
    return skipped


def play(policy, seed, weeks=13, strict=True):
    """Play a quarter with ``policy`` (observation -> list of decisions); returns the finished game.

    ``strict=False`` skips the decisions the game refuses (a random policy's), instead of raising.
    """
    game = Game(seed, weeks)
    while not game.finished:
        for decision in policy(game.observe()) or []:
            try:
                game.apply(decision)
            except SimulationError:
                if strict:
                    raise
        game.next_week()
    return game


@dataclass
class Counterfactual:
    """A quarter and the same quarter without some decisions: what they changed."""

    played: object        # the Score with every decision
    without: object       # the Score without them
    left_out: list        # the decisions left out
    refused: list         # later decisions the replay without them could not take (and why)

    @property
    def difference(self):
        """Points each part gained by the decisions (played minus without)."""
        return (self.played.parts["points"] - self.without.parts["points"]).rename("difference")

    @property
    def total_difference(self):
        return self.played.total - self.without.total

    def table(self):
        """Both scores side by side, part by part."""
        return pd.DataFrame({"weight": self.played.parts["weight"],
                             "with": self.played.parts["points"],
                             "without": self.without.parts["points"],
                             "difference": self.difference})


def counterfactual(seed, log, without, weeks=13, played=None):
    """What if these decisions had not been taken? ``without``: positions in the log (0-based).

    The same seed, every other decision as it was (a later decision that the game now refuses,
    such as an answer to a question no longer asked, is left out and listed in ``refused``).
    """
    plain = check_log(log, weeks)
    without = [without] if isinstance(without, int) else list(without)
    for position in without:
        if isinstance(position, bool) or not isinstance(position, int) or \
                not 0 <= position < len(plain):
            raise SimulationError(f"without: {position!r} is not a position in the log; valid: "
                                  f"0 to {len(plain) - 1}.")
    base = played if played is not None else replay(seed, plain, weeks)
    first = min(plain[p]["week"] for p in without) if without else weeks
    if first in base._snapshots:
        game = Game.__new__(Game)
        game.seed, game.weeks, game._snapshots, game._score = base.seed, base.weeks, {}, None
        game._state = copy.deepcopy(base._snapshots[first])
        game._state.decision_log = [d for d in game._state.decision_log if d["week"] < first]
    else:
        game, first = Game(seed, weeks), 0
    refused = _play_log(game, plain, skip=set(without), strict=False, first_week=first,
                        snapshots=False)
    return Counterfactual(base.score(), game.score(), [plain[p] for p in without],
                          [(plain[p], why) for p, why in refused])


def decisions_that_mattered(seed, log, weeks=13, top=None):
    """Each decision's weight in the outcome: the score with it minus the score without it.

    One replay per decision (from the week it was taken); sorted by how much it mattered, in
    either direction. Columns: ``position, week, action, decision, effect`` (points of the total
    score), ``biggest_part`` (the part it moved most) and ``lesson``.
    """
    plain = check_log(log, weeks)
    base = replay(seed, plain, weeks)
    rows = []
    for position, decision in enumerate(plain):
        result = counterfactual(seed, plain, [position], weeks, played=base)
        difference = result.difference
        rows.append({"position": position, "week": decision["week"],
                     "action": decision["action"], "decision": describe(decision),
                     "effect": round(result.total_difference, 2),
                     "biggest_part": str(difference.abs().idxmax()) if len(difference) else "",
                     "lesson": lesson_of(decision)})
    frame = pd.DataFrame(rows, columns=["position", "week", "action", "decision", "effect",
                                        "biggest_part", "lesson"])
    frame = frame.reindex(frame["effect"].abs().sort_values(ascending=False, kind="stable").index)
    frame = frame.reset_index(drop=True)
    return frame.head(top) if top else frame


def lesson_of(decision):
    """Where the course teaches what a decision weighs: an answer, its question's lesson.

    >>> lesson_of({"action": "answer", "question": "Q-PILOT", "option": "B"})[:10]
    '09 Quality'
    >>> lesson_of({"action": "health_check", "project": "ECO"})[:10]
    '09 Quality'
    """
    if decision.get("action") == "answer" and decision.get("question") in QUESTIONS:
        return QUESTIONS[decision["question"]].lesson
    if decision.get("action") == "answer":  # a question on the report
        return "06 Portfolio, 7. The steering committee's report: answer from its figures"
    return LESSONS.get(decision.get("action"), "")


def describe(decision):
    """A decision in a few words: ``move_people QA 1 ERP -> ECO (3 weeks)``."""
    d = decision
    action = d.get("action", "?")
    if action == "move_people":
        return f"move {d['units']} {d['role']} from {d['from']} to {d['to']} ({d['weeks']} weeks)"
    if action == "contractors":
        return f"{d['units']} contractor {d['role']} for {d['project']} ({d['weeks']} weeks)"
    if action == "answer":
        return f"answer {d['question']}: {d['option']}"
    if action == "draw_reserve":
        return f"draw {d['amount_eur']:,.0f} EUR of {d['project']}'s reserve"
    fields = [str(v) for k, v in d.items() if k not in ("action", "week", "reason") and v != ""]
    return " ".join([action.replace("_", " ")] + fields)


@functools.lru_cache(maxsize=8)
def reference_scores(seed, weeks=13):
    """The scores of the two reference PMOs on a seed: ``{"doing nothing": Score, "the expert": Score}``.

    Played once per process and seed (a cache): a class's outcomes all compare with the same two.
    """
    from .policies import do_nothing, expert

    return {"doing nothing": play(do_nothing, seed, weeks).score(),
            "the expert": play(expert, seed, weeks).score()}


@functools.lru_cache(maxsize=8)
def _expert_log(seed, weeks):
    from .policies import expert

    return json.dumps(play(expert, seed, weeks).log)


def _same_decision(decision):
    return json.dumps({k: v for k, v in decision.items() if k != "reason"}, sort_keys=True)


def expert_overlap(seed, log, weeks=13):
    """How much of a log is the course's expert's own quarter on the seed: ``(same, longer)``.

    ``same`` counts the log's decisions that the expert took too, in the same week with the same
    fields (a change request's ``reason`` aside, defaults filled in by a replay), each of the
    expert's matched once; ``longer`` is the length of the longer of the two logs. A log is the
    expert's quarter, or nearly, when ``same`` is 80 % or more of ``longer``: an assignment that
    asks for the team's own quarter refuses it. Raises :class:`SimulationError` for a log the
    replay refuses.

    >>> from .policies import expert
    >>> log = play(expert, 3, weeks=2).log
    >>> same, longer = expert_overlap(3, log, weeks=2)
    >>> same == longer == len(log)
    True
    >>> expert_overlap(3, log[:1], weeks=2)[0]
    1
    """
    mine = [_same_decision(d) for d in replay(seed, log, weeks).log]
    theirs = [_same_decision(d) for d in json.loads(_expert_log(int(seed), int(weeks)))]
    left, same = list(theirs), 0
    for decision in mine:
        if decision in left:
            left.remove(decision)
            same += 1
    return same, max(len(mine), len(theirs))


def quarter_outcome(seed, log, weeks=13):
    """A logged quarter replayed and compared: its score, its parts, and the two reference PMOs'.

    Returns a dict: ``total`` and each part's points, ``decisions`` (how many), ``doing_nothing``
    and ``expert`` (their totals), and ``share_of_the_expert_margin`` (0 at doing nothing's
    score, 1 at the expert's). Raises :class:`SimulationError` for a log the replay refuses.
    """
    plain = check_log(log, weeks)
    return dict(_outcome(int(seed), json.dumps(plain), int(weeks)))


@functools.lru_cache(maxsize=64)
def _outcome(seed, log_text, weeks):
    played = replay(seed, json.loads(log_text), weeks).score()
    references = reference_scores(seed, weeks)
    nothing, best = references["doing nothing"].total, references["the expert"].total
    margin = best - nothing
    return tuple({"total": round(played.total, 2),
                  **{part: round(float(p), 2) for part, p in played.parts["points"].items()},
                  "decisions": len(json.loads(log_text)), "doing_nothing": round(nothing, 2),
                  "expert": round(best, 2),
                  "share_of_the_expert_margin": round((played.total - nothing) / margin, 3)
                  if margin > 0 else 0.0}.items())
