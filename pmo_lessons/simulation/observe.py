"""What the PMO sees each Friday, and only that: :class:`Observation`.

An observation is built from what a PMO would have on its desk: the weekly status the projects
report (PV of the baseline, EV as the project managers report it, AC as booked), the dashboard
the kit computes from it (:func:`pmo_lessons.evm.dashboard`: CPI, SPI, SPI(t), EAC, RAG), the
milestone log, each project manager's plan of the work left (planned durations, not the actual
ones), who is staffed where against what each plan asks, the risk register and the issue log,
the defect logs, the teams' velocities and their forecasts (:func:`pmo_lessons.agile.forecast_when`),
the budget position, the questions waiting for an answer, and what happened last week in words.

It never holds the simulation's truth: the tasks' actual durations, the dice of the risks, the
events to come, how optimistic each report is. Tests check it: at the start the observation is
the same whatever the seed, and it holds no reference to the state it was made from.
"""

from __future__ import annotations

import pandas as pd

from ..agile import forecast_when
from ..evm import dashboard, time_phased
from ..quality import xmr
from ..risk import add_emv
from .costs import budget_position
from .engine import planned_remaining
from .state import company

__all__ = ["Observation", "observe", "board_of", "status_table", "baseline_table",
           "report_tables"]


def _bac(project):
    """The BAC as the reports compute it (budget - reserve, both to the cent)."""
    budget, reserve = _money(project)
    return budget - reserve


def _money(project):
    reserve = round(project.reserve_left, 2)
    return round(project.bac, 2) + reserve, reserve


def status_table(state):
    """The weekly status of every project, from its first week to this one (PV of its baseline)."""
    rows = []
    for pid, project in state.projects.items():
        first_friday = project.start_date + pd.Timedelta(days=4 - project.start_date.day_of_week)
        bac = _bac(project)
        for week, _, ev, ac in project.history:
            rows.append((pid, week, first_friday + pd.Timedelta(days=7 * (week - 1)),
                         min(round(project.pv_of(week), 2), bac), min(round(ev, 2), bac),
                         round(ac, 2),
                         round(100 * min(ev, bac) / bac, 1) if bac else 0.0))
    return pd.DataFrame(rows, columns=["project", "week", "status_date", "pv_eur", "ev_eur",
                                       "ac_eur", "percent_complete"])


def baseline_table(state):
    """The baseline PV of every project to the end of its plan, as :func:`~pmo_lessons.evm.baseline_pv`."""
    rows = []
    for pid, project in state.projects.items():
        first_friday = project.start_date + pd.Timedelta(days=4 - project.start_date.day_of_week)
        bac = _bac(project)
        for week, pv in sorted(project.baseline.items()):
            rows.append((pid, week, first_friday + pd.Timedelta(days=7 * (week - 1)),
                         min(round(pv, 2), bac)))
    return pd.DataFrame(rows, columns=["project", "week", "status_date", "pv_eur"])


def _trends(state, status, projects, baseline, before=4):
    """The indices of each project week by week, from ``before`` weeks before the status date."""
    view = time_phased(status, projects, baseline).reset_index()
    start = {pid: p.last_week for pid, p in state.projects.items()}
    view["game_week"] = view["week"] - view["project"].map(start)
    view = view[view["game_week"] >= -before]
    return view[["project", "game_week", "status_date", "CPI", "SPI", "SPI_t", "EAC"]] \
        .reset_index(drop=True)


def _projects_table(state):
    table = company("projects").set_index("id")
    for pid, project in state.projects.items():
        table.loc[pid, "budget_eur"], table.loc[pid, "reserve_eur"] = _money(project)
        table.loc[pid, "status"] = {"active": "in progress", "paused": "on hold",
                                    "stopped": "closed", "closed": "closed"}[project.status]
    return table.reset_index()


def board_of(state):
    """The portfolio dashboard of this week: :func:`pmo_lessons.evm.dashboard` on the reported status."""
    return dashboard(status_table(state), _projects_table(state), baseline_table(state),
                     planned_finish=pd.Series(state.planned_finish),
                     holidays=state.calendar.holidays)


def _milestone_log(state):
    rows = []
    for pid, project in state.projects.items():
        plan = state.plans.get(pid)
        for task in project.tasks.values():
            if not task.milestone:
                continue
            if task.is_done and task.accepted:  # in the company's milestone log already
                rows.append((task.id, pid, pd.NaT, *task.accepted))
            elif task.is_done:
                rows.append((task.id, pid, pd.NaT, state.date_of(task.finished - 1),
                             project.sponsor))
            else:
                es = plan.loc[task.id, "es"] if plan is not None and task.id in plan.index else 0
                rows.append((task.id, pid, state.date_of(state.day + max(es - 1, 0)), pd.NaT, ""))
    return pd.DataFrame(rows, columns=["task_id", "project", "forecast_date", "accepted_date",
                                       "accepted_by"])


def report_tables(state):
    """The tables :func:`pmo_lessons.report.portfolio_report` reads, as the game has them now."""
    from .state import tasks_frame

    tasks = company("tasks").set_index("id")
    for project in state.projects.values():
        frame = tasks_frame(project).set_index("id")
        tasks.loc[frame.index, "cost_eur"] = frame["cost_eur"]
    register = state.register.reset_index(drop=True)
    return {"projects": _projects_table(state), "tasks": tasks.reset_index(),
            "status": status_table(state), "risks": register, "okrs": company("okrs"),
            "holidays": company("holidays"), "milestones": _milestone_log(state)}


class Observation:
    """What the PMO sees at the end of a week: tables and words, never the truth.

    Attributes (all plain data: numbers, text, DataFrames):

    ``week``, ``weeks``, ``status_date``
        the week just played (0 at the start), the quarter's length, its Friday;
    ``committee``
        True in a steering committee week (2, 6, 10); ``next_committee`` the next one;
    ``board``
        the dashboard, one row per project (:func:`pmo_lessons.evm.dashboard`), plus
        ``state`` (active, paused, stopped, closed) and ``priority``;
    ``status``, ``baseline``
        the weekly status table (PV, EV, AC), every project from its first week, and the
        baseline's PV to the end of each plan; ``trends`` the indices (CPI, SPI, SPI(t), EAC)
        week by week from four weeks before the status date (``game_week``);
    ``milestones``
        one row per milestone: ``baseline``, ``forecast`` (the project manager's), ``reached``;
    ``tasks``
        the project managers' plans of the work left: planned days left, earliest start and
        finish (working days from Monday), total float, critical, and what a task waits for;
    ``capacity``
        one row per role and project: ``staffed``, ``needed`` (next week, by the plan),
        ``needed_4_weeks``; ``roles`` the summary per role: capacity, staffed, free, needed;
    ``register``
        the open risks, with EMV, their response's cost and effect, and whether it is funded;
    ``issues``
        what happened: the risks that occurred and the events, with the week;
    ``budget``
        the budget position per project (:func:`~pmo_lessons.simulation.costs.budget_position`);
    ``backlogs``
        each Scrum team: points open, velocity, the dates of a Monte Carlo forecast;
    ``defects``
        per project: found last week, open, open critical, and the process behaviour signal;
    ``questions``
        the questions waiting for an answer (id, who asks, text, options);
    ``consequences``
        what happened last week, in words; ``news`` every week's;
    ``health``
        the health-check answers the PMO holds (September's, or its own since);
    ``decisions``
        the decisions taken so far (the log).
    """

    def __init__(self, **parts):
        self.__dict__.update(parts)

    def __repr__(self):
        return f"<Observation week {self.week} of {self.weeks}, {self.status_date:%d %b %Y}>"

    def project(self, pid):
        """One project's row of the board."""
        return self.board.loc[pid]

    def question(self, question_id):
        """A question waiting for an answer, as a dict."""
        return self.questions.set_index("id").loc[question_id].to_dict()

    def steering_report(self, figures=False):
        """The portfolio report the PMO presents to the committee (:func:`pmo_lessons.report.portfolio_report`).

        In a committee week it is dated on the committee's day (the Thursday), with the week's
        status; in another week, on the status date.
        """
        from ..report import portfolio_report

        decisions = [f"{q['id']}: {q['text']}" for q in self.questions.to_dict("records")]
        meeting = self.status_date - pd.Timedelta(days=1) if self.committee else None
        return portfolio_report(tables=self.report_tables, figures=figures, decisions=decisions,
                                meeting=meeting)


def _plans(state):
    rows = []
    for pid, project in state.projects.items():
        plan = state.plans.get(pid)
        staffed = state.alloc[pid]
        for task in project.tasks.values():
            if task.milestone:
                continue
            reported = project.reported_done.get(task.id, task.done)
            state_word = ("descoped" if task.descoped else "done" if task.is_done else
                          "in progress" if task.in_progress else "not started")
            row = {"task_id": task.id, "project": pid, "name": task.name, "state": state_word,
                   "percent_done": round(100 * reported, 1),
                   "units": ", ".join(f"{r} {u:g}" for r, u in task.units.items()),
                   "release": task.release or "", "days_left": 0, "earliest_start": pd.NA,
                   "earliest_finish": pd.NA, "total_float": pd.NA, "critical": False,
                   "waiting_for": ""}
            if not task.is_done and plan is not None and task.id in plan.index:
                p = plan.loc[task.id]
                row.update(days_left=planned_remaining(task, state), earliest_start=int(p["es"]),
                           earliest_finish=int(p["ef"]), total_float=int(p["total_float"]),
                           critical=bool(p["critical"]))
                if int(p["es"]) < 5 and project.status == "active":
                    short = [r for r, u in task.units.items() if staffed.get(r, 0.0) < u - 1e-9]
                    row["waiting_for"] = ", ".join(short)
            rows.append(row)
    frame = pd.DataFrame(rows)
    for column in ("earliest_start", "earliest_finish", "total_float"):
        frame[column] = frame[column].astype("Int64")
    return frame


def _capacity(state):
    from .engine import contracted, staffing_wishes

    wishes = staffing_wishes(state, state.plans)
    later = staffing_wishes(state, state.plans, days=20)
    rows = []
    for role in state.roles.index:
        for pid in state.projects:
            staffed = state.alloc[pid].get(role, 0.0)
            hired = contracted(state, pid, state.week + 1).get(role, 0.0)
            needed = wishes.get(role, {}).get(pid, 0.0)
            soon = later.get(role, {}).get(pid, 0.0)
            if staffed or hired or needed or soon:
                rows.append((role, pid, staffed, hired, needed, soon))
    frame = pd.DataFrame(rows, columns=["role", "project", "staffed", "contractors", "needed",
                                        "needed_4_weeks"])
    summary = frame.groupby("role")[["staffed", "contractors", "needed", "needed_4_weeks"]].sum()
    summary.insert(0, "capacity", pd.Series(state.capacity).reindex(summary.index))
    summary.insert(2, "free", summary["capacity"] - summary["staffed"])
    return frame, summary


def _register(state):
    register = add_emv(state.register[state.register["status"] == "open"].copy())
    responses = state.responses
    register["response_cost_eur"] = register["id"].map(responses["cost_eur"]).fillna(0.0)
    register["probability_pct_after"] = register["id"].map(responses["probability_pct_after"])
    register["cost_impact_eur_after"] = register["id"].map(responses["cost_impact_eur_after"])
    register["schedule_impact_days_after"] = register["id"].map(
        responses["schedule_impact_days_after"])
    register["response_description"] = register["id"].map(responses["description"]).fillna("")
    register["funded_week"] = register["id"].map(state.funded).astype("Int64")
    register["escalated_week"] = register["id"].map(state.escalated).astype("Int64")
    columns = ["id", "project", "title", "category", "owner", "probability_pct",
               "cost_impact_eur", "schedule_impact_days", "task_id", "emv_eur", "response",
               "response_action", "response_cost_eur", "probability_pct_after",
               "cost_impact_eur_after", "schedule_impact_days_after", "response_description",
               "funded_week", "escalated_week"]
    return register[columns].reset_index(drop=True)


def _issues(state):
    occurred = state.register[state.register["status"] == "occurred"]
    before = [{"week": 0, "id": r.id, "project": r.project, "title": r.title,
               "what": f"{r.project}: {r.title} ({r.response_action})"}
              for r in occurred.itertuples(index=False)
              if not any(i["id"] == r.id for i in state.issues)]
    frame = pd.DataFrame(before + state.issues, columns=["week", "id", "project", "title", "what"])
    frame["escalated_week"] = frame["id"].map(state.escalated).astype("Int64")
    return frame


def _backlogs(state):
    rows = []
    for pid, release in state.releases.items():
        start = state.friday(state.week) + pd.Timedelta(days=3)
        row = {"project": pid, "open_points": release.open_points, "added_points": release.added,
               "sprints": len(release.history),
               "mean_velocity": round(sum(release.history) / len(release.history), 1),
               "last_velocity": release.history[-1], "forecast_p50": pd.NaT,
               "forecast_p85": pd.NaT}
        if release.open_points > 0:
            # a fixed seed: the forecast reads the team's history, never the game's dice
            when = forecast_when(release.history, release.open_points, iterations=2000,
                                 seed=2026, start=start, period="2 weeks",
                                 calendar=state.calendar)
            row["forecast_p50"], row["forecast_p85"] = when.date_at(50), when.date_at(85)
        rows.append(row)
    return pd.DataFrame(rows).set_index("project")


def _defects(state):
    rows = []
    for pid, log in state.defects.items():
        found = log["found"]
        signal = ""
        window = found[-13:]
        if len(window) >= 8 and len(set(window[:-1])) > 1:
            chart = xmr(pd.Series(window), baseline=len(window) - 1)
            last = chart.iloc[-1]
            signal = str(last["signal"]) if isinstance(last["signal"], str) else ""
        rows.append({"project": pid, "found_last_week": found[-1] if found else 0,
                     "open": log["open"], "open_critical": log["critical"], "signal": signal})
    return pd.DataFrame(rows).set_index("project")


def _questions(state):
    from .events import QUESTIONS

    rows = []
    for question_id, asked in state.requests.items():
        question = QUESTIONS.get(question_id)
        rows.append({"id": question_id,
                     "asked_by": question.asked_by if question else "The steering committee",
                     "text": asked.text,
                     "options": " | ".join(f"{k}: {t}" for k, t in asked.options),
                     "keys": [k for k, _ in asked.options],
                     "default": question.default if question else ""})
    return pd.DataFrame(rows, columns=["id", "asked_by", "text", "options", "keys", "default"])


def _health(state):
    rows = [(pid, q, a, state.projects[pid].notes.get(q, ""))
            for pid in state.projects for q, a in state.seen_answers.get(pid, {}).items()]
    return pd.DataFrame(rows, columns=["project", "question_id", "answer", "note"])


def observe(state):
    """The :class:`Observation` of the state's current week (plain data, copied)."""
    status, projects, baseline = status_table(state), _projects_table(state), baseline_table(state)
    board = dashboard(status, projects, baseline, planned_finish=pd.Series(state.planned_finish),
                      holidays=state.calendar.holidays)
    trends = _trends(state, status, projects, baseline)
    board.insert(1, "state", [state.projects[p].status for p in board.index])
    board.insert(2, "priority", [state.projects[p].priority for p in board.index])
    capacity, roles = _capacity(state)
    milestones = _milestone_log(state)
    planned = {t.id: t for p in state.projects.values() for t in p.tasks.values() if t.milestone}
    from ..schedule import cpm
    from .state import tasks_frame

    base = {}
    for project in state.projects.values():
        plan = cpm(tasks_frame(project))
        for task_id in plan.index:
            if task_id in planned:
                base[task_id] = state.calendar.working_day(project.start_date,
                                                           max(plan.loc[task_id, "es"] - 1, 0))
    milestones.insert(2, "name", milestones["task_id"].map(lambda t: planned[t].name))
    milestones.insert(3, "baseline", milestones["task_id"].map(base))
    nxt = next((w for w in state.committee_weeks if w > state.week), None)
    return Observation(
        week=state.week, weeks=state.weeks, status_date=state.friday(state.week),
        committee=state.week in state.committee_weeks, next_committee=nxt,
        board=board, status=status, baseline=baseline, trends=trends, milestones=milestones,
        tasks=_plans(state),
        capacity=capacity, roles=roles, register=_register(state), issues=_issues(state),
        budget=budget_position(state, board), backlogs=_backlogs(state), defects=_defects(state),
        questions=_questions(state), consequences=list(state.consequences),
        news=list(state.news), health=_health(state),
        revealed={k: tuple(v) for k, v in state.revealed.items()},
        decisions=[dict(d) for d in state.decision_log],
        report_tables=report_tables(state))
