"""The debrief of a quarter: the outcome against the reference PMOs, the decisions that mattered.

:func:`debrief` plays the same seed with :func:`~pmo_lessons.simulation.policies.do_nothing`
and :func:`~pmo_lessons.simulation.policies.expert`, puts the three outcomes side by side, part
by part, replays the quarter without each decision in turn
(:func:`~pmo_lessons.simulation.game.decisions_that_mattered`) and says, for the decisions that
mattered most, what they changed and which lesson of the course weighs them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from .game import decisions_that_mattered, play
from .policies import do_nothing, expert

__all__ = ["Debrief", "debrief", "outcomes"]


def outcomes(scores):
    """Scores side by side: one row per player, the total and each part's points.

    >>> from pmo_lessons.simulation.scoring import Score
    >>> parts = pd.DataFrame({"points": [50.0, 70.0], "weight": [60, 40]}, index=["value", "cost"])
    >>> outcomes({"you": Score(58.0, parts, None)}).loc["you"].tolist()
    [58.0, 50.0, 70.0]
    """
    rows = {name: {"total": round(score.total, 1),
                   **{part: round(float(points), 1)
                      for part, points in score.parts["points"].items()}}
            for name, score in scores.items()}
    return pd.DataFrame.from_dict(rows, orient="index")


@dataclass
class Debrief:
    """What a trainer goes through with a team after its quarter."""

    seed: int
    outcomes: pd.DataFrame            # you, doing nothing, the expert: total and parts
    mattered: pd.DataFrame            # the decisions, by how much each changed the total
    scores: dict = field(repr=False, default_factory=dict)

    @property
    def margin_over_nothing(self):
        return float(self.outcomes.loc["you", "total"] - self.outcomes.loc["doing nothing", "total"])

    @property
    def gap_to_expert(self):
        return float(self.outcomes.loc["the expert", "total"] - self.outcomes.loc["you", "total"])

    def findings(self, top=3):
        """The debrief in sentences: the outcome, then the decisions that mattered most."""
        you = self.outcomes.loc["you"]
        parts = [c for c in self.outcomes.columns if c != "total"]
        gained = {p: you[p] - self.outcomes.loc["doing nothing", p] for p in parts}
        behind = {p: self.outcomes.loc["the expert", p] - you[p] for p in parts}
        best, worst = max(parts, key=gained.get), max(parts, key=behind.get)
        lines = [f"Your quarter scored {you['total']:.1f}: {self.margin_over_nothing:+.1f} "
                 f"against doing nothing, {-self.gap_to_expert:+.1f} against the expert.",
                 _parts_sentence(best, gained[best], worst, behind[worst])]
        for row in self.mattered.head(top).to_dict("records"):
            sign = "gained" if row["effect"] >= 0 else "cost"
            lines.append(f"Week {row['week']}, {row['decision']}: it {sign} "
                         f"{abs(row['effect']):.1f} points, most in {row['biggest_part']} "
                         f"(lesson {row['lesson']}).")
        if self.mattered.empty:
            lines.append("You took no decision: the quarter is what the portfolio does alone.")
        return lines


def _parts_sentence(best, gain, worst, gap):
    """Where the quarter gained most over doing nothing, and where it is furthest behind the expert.

    >>> print(_parts_sentence("risk", 30.0, "value", 12.0))  # doctest: +NORMALIZE_WHITESPACE
    You gained most over doing nothing in the risk part (+30.0 points); you are furthest behind
    the expert in the value part (-12.0).
    >>> print(_parts_sentence("health", 40.0, "health", 10.0))  # doctest: +NORMALIZE_WHITESPACE
    The health part is where you gained most over doing nothing (+40.0 points), and also where
    you are furthest behind the expert (-10.0): there is more to gain there.
    """
    if gain <= 0:
        first = "You gained over doing nothing in no part"
    else:
        first = f"You gained most over doing nothing in the {best} part ({gain:+.1f} points)"
    if gap <= 0:
        return first + "; you are behind the expert in no part."
    if best == worst and gain > 0:
        return (f"The {best} part is where you gained most over doing nothing ({gain:+.1f} points), "
                f"and also where you are furthest behind the expert ({-gap:+.1f}): there is more to "
                "gain there.")
    return first + f"; you are furthest behind the expert in the {worst} part ({-gap:+.1f})."


def debrief(game, top=None):
    """The :class:`Debrief` of a finished game (same seed for the reference policies)."""
    scores = {"you": game.score(),
              "doing nothing": play(do_nothing, game.seed, game.weeks).score(),
              "the expert": play(expert, game.seed, game.weeks).score()}
    mattered = decisions_that_mattered(game.seed, game.log, game.weeks, top=top) if game.log \
        else pd.DataFrame(columns=["position", "week", "action", "decision", "effect",
                                   "biggest_part", "lesson"])
    return Debrief(game.seed, outcomes(scores), mattered, scores)
