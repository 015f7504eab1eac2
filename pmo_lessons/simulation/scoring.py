"""The score of a quarter: five parts, each shown with its measure, its points and its weight.

The score is computed on the truth at the end of the quarter (what really happened, and the
forecasts the simulation knows), never on what the reports said:

=========  ======  =========================================================================
part       weight  measure, and how it becomes points (0 to 100)
=========  ======  =========================================================================
value      35      the benefits secured. At stake: a year of each project's benefits at full
                   rate (the benefits register, ``benefits.csv``, dis-benefits deducted). Lost:
                   a week of them for each week its go-live (handover, certificate) comes
                   later than the baseline's, the share of them a descoped task carried, all of
                   them for a project stopped before its go-live, and the deadlines missed
                   (Black Friday, R-029); opportunities taken and penalties recovered count
                   back. 100 points when nothing is lost, 0 when 30 % is
schedule   20      how fast the portfolio earned schedule in the quarter: the BAC-weighted rate
                   of earned schedule (weeks of the baseline earned per week worked, Lipke's ES;
                   a stopped project earns no more); 100 at 1.0 (on plan), 0 at 0.6
cost       20      the quarter's cost performance: earned value over actual cost of the
                   quarter's work (what the decisions cost and what the threats that occurred
                   cost are in the actual cost); 100 at 1.0, 0 at 0.5
risk       10      the threats' cost the quarter paid plus the EMV of those still open at its
                   end, against the EMV of the open threats at its start; 100 when it is none,
                   0 when it is twice the start's
health     15      the health check of every project at the end (:func:`pmo_lessons.quality.
                   portfolio_health`), less 5 points for each escalation the committee did not
                   need, each committee question answered against the report's figures, and
                   each project whose forecast is above its approved funding while reserve
                   is left (no change request raised)
=========  ======  =========================================================================

A year of benefits is the measure of value because the quarter moves *when* benefits start
far more than *whether* they come: a week of delay is a week of benefits the company never
gets (:mod:`pmo_lessons.benefits` follows them once they flow).
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from ..evm import earned_schedule
from ..quality import portfolio_health
from .state import BENEFIT_MILESTONE, stream

__all__ = ["SCORE_WEIGHTS", "Score", "score"]

#: The weight of each part of the score, in points out of 100.
SCORE_WEIGHTS = {"value": 35, "schedule": 20, "cost": 20, "risk": 10, "health": 15}


def _clip(x):
    return float(min(1.0, max(0.0, x)))


@dataclass
class Score:
    """A quarter's score: ``total`` (0 to 100) and ``parts`` (a table: measure, points, weight)."""

    total: float
    parts: pd.DataFrame
    projects: pd.DataFrame

    def __repr__(self):
        return f"<Score {self.total:.1f}: " + ", ".join(
            f"{name} {row.points:.0f}" for name, row in self.parts.iterrows()) + ">"

    def as_dict(self):
        """The total and each part's points, as plain numbers (for a class report)."""
        return {"total": round(self.total, 1),
                **{name: round(float(p), 1) for name, p in self.parts["points"].items()}}


def _value(state):
    from .engine import true_forecast

    rows = []
    for pid, project in state.projects.items():
        key = BENEFIT_MILESTONE[pid]
        task = project.tasks[key]
        at_stake = project.value
        if project.status == "stopped" and not task.is_done:
            finish, late, lost = pd.NaT, float("nan"), at_stake
        else:
            finish = task.accepted[0] if task.accepted else true_forecast(state, pid, key)
            late = 0.0 if finish is None or pd.isna(finish) else max(
                0, state.calendar.working_days_between(project.benefit_date, finish)) / 5
            lost = at_stake * min(1.0, late / 52 + project.descoped_value)
        deadline = state.value_lost.get(pid, 0.0)
        for left in state.left_behind:  # assurance cut: its risk strikes by its own die
            if left["project"] == pid and stream(state.seed, "left", left["task"]).random() < \
                    left["probability"]:
                deadline += left["cost"]
        rows.append({"project": pid, "value_at_stake": at_stake, "benefit_from": finish,
                     "weeks_late": late, "lost_to_delay_and_scope": lost,
                     "deadline_losses": deadline, "gained": project.value_gained,
                     "secured": at_stake - lost - deadline + project.value_gained})
    return pd.DataFrame(rows).set_index("project")


def _schedule(state):
    rates = {}
    for pid, project in state.projects.items():
        curve = [project.pv_of(w) for w in range(1, max(project.baseline) + 1)]
        start_week = project.last_week
        history = {w: ev for w, _, ev, _ in project.history}
        ev0 = history[start_week]
        true_ev = sum(t.cost * t.done for t in project.tasks.values())
        # EV of the truth at the end, on the scale of the reports (the start offset fades)
        bac = project.bac
        offset = project.ev_start - project.true_ev_start
        ev1 = min(bac, true_ev + offset * max(0.0, bac - true_ev) /
                  max(bac - project.true_ev_start, 1.0))
        if ev1 <= ev0 + 1e-6 and ev0 >= bac - 1e-6:
            continue  # finished before the quarter
        es0 = float(earned_schedule(curve, ev0, start_week)["ES"])
        es1 = float(earned_schedule(curve, min(ev1, curve[-1]), start_week + state.week)["ES"])
        weeks = state.week
        finish = [t.finished for t in project.tasks.values()]
        if project.status == "closed" and all(f is not None for f in finish):
            end_day = max(finish)
            weeks = max(1, min(state.week, next((k for k in range(1, state.week + 1)
                                                 if state.day_of_week(k + 1) >= end_day),
                                                state.week)))
        rates[pid] = ((es1 - es0) / max(weeks, 1), bac)
    return rates


def score(state):
    """The :class:`Score` of the quarter as it stands (call it once the quarter is played)."""
    value = _value(state)
    at_stake = value["value_at_stake"].sum()
    lost_share = 1 - value["secured"].sum() / at_stake
    value_points = 100 * _clip(1 - lost_share / 0.30)

    rates = _schedule(state)
    weight = sum(b for _, b in rates.values())
    rate = sum(r * b for r, b in rates.values()) / weight if weight else 1.0
    schedule_points = 100 * _clip((rate - 0.6) / 0.4)

    ev_gain = ac_gain = 0.0
    for project in state.projects.values():
        true_ev = sum(t.cost * t.done for t in project.tasks.values())
        ev_gain += max(0.0, true_ev - project.true_ev_start)
        ac_gain += project.ac - project.ac_start
    cpi = ev_gain / ac_gain if ac_gain > 0 else 1.0
    cost_points = 100 * _clip((cpi - 0.5) / 0.5)

    start, end, paid = _exposure(state)
    risk_points = 100 * _clip(1 - (paid + end) / (2 * start)) if start else 100.0

    health = portfolio_health(pd.DataFrame(
        [(pid, q, a) for pid, p in state.projects.items() for q, a in p.answers.items()],
        columns=["project", "question_id", "answer"]))
    penalties = _penalties(state)
    health_points = max(0.0, 100 * float(health["overall"].mean()) - 5 * sum(penalties.values()))

    points = {"value": value_points, "schedule": schedule_points, "cost": cost_points,
              "risk": risk_points, "health": health_points}
    measures = {
        "value": f"{value['secured'].sum():,.0f} EUR of benefits secured of {at_stake:,.0f} "
                 f"at stake, a year's ({100 * lost_share:.1f} % lost)",
        "schedule": f"earned schedule at {rate:.2f} week per week",
        "cost": f"CPI of the quarter {cpi:.2f} ({ev_gain:,.0f} EUR earned for "
                f"{ac_gain:,.0f} spent)",
        "risk": f"{paid:,.0f} EUR of threats paid + {end:,.0f} EUR of EMV open, against "
                f"{start:,.0f} at the start",
        "health": f"health check {100 * float(health['overall'].mean()):.0f} / 100, "
                  + (", ".join(f"{k} {v}" for k, v in penalties.items() if v) or "no penalty"),
    }
    parts = pd.DataFrame({"measure": measures, "points": points, "weight": SCORE_WEIGHTS})
    parts["weighted"] = parts["points"] * parts["weight"] / 100
    parts.index.name = "part"
    projects = value.join(health[["overall", "rag"]].rename(columns={"overall": "health",
                                                                       "rag": "health_rag"}))
    return Score(float(parts["weighted"].sum()), parts, projects)


def _exposure(state):
    """EMV of the open threats at the start and at the end, and the threats' cost paid."""
    from .state import company

    start_register = company("risks")
    opening = start_register[(start_register["status"] == "open") &
                             (start_register["cost_impact_eur"] < 0)]
    start = float(-(opening["probability_pct"] / 100 * opening["cost_impact_eur"]).sum())
    end = 0.0
    register = state.register
    for risk_id, row in register.iterrows():
        if row["status"] != "open" or row["cost_impact_eur"] >= 0:
            continue
        p, impact = row["probability_pct"] / 100, row["cost_impact_eur"]
        if risk_id in state.funded and risk_id in state.responses.index:
            response = state.responses.loc[risk_id]
            p, impact = response["probability_pct_after"] / 100, response["cost_impact_eur_after"]
        end += float(-p * impact)
    for left in state.left_behind:
        end += left["probability"] * left["cost"]
    paid = 0.0
    for issue in state.issues:
        if issue["id"] in register.index and register.loc[issue["id"], "cost_impact_eur"] < 0:
            paid += float(issue.get("cost", 0.0))
    paid += sum(state.value_lost.values())
    return start, end, paid


def _penalties(state):
    from .events import REPORT_QUESTIONS

    wrong = 0
    for _, question_id, _, _ in REPORT_QUESTIONS:
        if question_id in state.answered and state.answered[question_id] != \
                state.correct.get(question_id):
            wrong += 1
    unfunded = 0
    from .costs import budget_position

    position = budget_position(state)
    for pid, row in position.iterrows():
        bac = state.projects[pid].bac
        if state.projects[pid].status == "active" and row["funding_gap"] > 0.01 * bac and \
                row["reserve_left"] > 0.01 * bac:
            unfunded += 1
    return {"escalations not needed": state.unneeded_escalations,
            "committee answers against the figures": wrong,
            "forecasts above funding with reserve left": unfunded}
