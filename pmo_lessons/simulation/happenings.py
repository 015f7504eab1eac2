"""The events of the quarter as they happen, the answers to questions, and the steering committee.

:func:`before_work` runs at the start of a simulated week: the events drawn for it happen, the
questions nobody answered in time are decided by others (their default), leavers leave.
:func:`after_work` runs at its end: the questions of the next week are asked, and in a
committee week (2, 6 and 10: Thursday 8 October, 5 November and 3 December) the committee meets:
it takes up what the PMO escalated and asks its questions on the portfolio report.
:func:`answer` applies the option the PMO chose; :data:`EFFECTS` says what each option does.
"""

from __future__ import annotations

import pandas as pd

from .decisions import mid_sentence
from .events import ESCALATIONS, EVENTS, QUESTIONS, REPORT_QUESTIONS, Asked
from .state import stream

__all__ = ["before_work", "after_work", "answer", "EFFECTS", "ask", "improve", "worsen",
           "committee_date"]

_EVENTS = {e.id: e for e in EVENTS}
ANSWER_ORDER = ("no", "partly", "yes")


def committee_date(state, week):
    """The Thursday of a committee week."""
    return state.friday(week) - pd.Timedelta(days=1)


def improve(project, question, to="yes"):
    """A health-check answer gets better (never worse) by what the PMO did."""
    now = project.answers.get(question, "no")
    if ANSWER_ORDER.index(to) > ANSWER_ORDER.index(now):
        project.answers[question] = to


def worsen(project, question, to="no"):
    """A health-check answer gets worse by what happened."""
    now = project.answers.get(question, "yes")
    if ANSWER_ORDER.index(to) < ANSWER_ORDER.index(now):
        project.answers[question] = to


def ask(state, question_id, week, text=None, options=None, correct=""):
    """Put a question to the PMO, to answer before the next week is played."""
    question = QUESTIONS.get(question_id)
    if correct:
        state.correct[question_id] = correct
    state.requests[question_id] = Asked(
        question_id, week, week, text or (question.text if question else ""),
        options or tuple((o.key, o.text) for o in question.options), correct)


# --- what each answer does --------------------------------------------------------------------


def _task(state, task_id):
    return state.projects[task_id.split("-")[0]].tasks[task_id]


def _lengthen(state, task_id, days, known=True):
    task = _task(state, task_id)
    if task.is_done:
        return False
    task.remaining += days
    task.actual += days
    if known:
        task.known_delay += days
    return True


def _pilot_go(state, week):
    erp = state.projects["ERP"]
    fails = stream(state.seed, "pilot").random() < 0.8
    if fails:
        log = state.defects["ERP"]
        log["open"] += 30
        log["critical"] += 3
        _lengthen(state, "ERP-19", 8)
        erp.ac += 20000
        erp.extra_cost += 20000
        worsen(erp, "STK-2")
        worsen(erp, "QLT-3")
        return ("ERP: the finance pilot ran on the new ERP with critical defects open; the "
                "month-end close failed twice, finance logged 30 new defects (3 critical) and "
                "the key users lost confidence: acceptance testing will take 8 more days, and the "
                "rework costs 20,000 EUR.")
    _lengthen(state, "ERP-19", -3)
    return ("ERP: the finance pilot went well despite the open defects; acceptance testing "
            "should be 3 days shorter.")


def _pilot_defer(state, week):
    return ("ERP: the finance pilot will run inside user acceptance testing, once system "
            "integration testing meets its exit criteria.")


def _pilot_cancel(state, week):
    _lengthen(state, "ERP-19", 2)
    return "ERP: no finance pilot; the key users will see the system only in acceptance testing."


def _gift_now(state, week):
    release = state.releases["ECO"]
    if release.open_points <= 0:  # feature complete: nothing left to add them to
        _lengthen(state, "ECO-22", 5)
        return ("ECO: the release is feature complete, so the gift cards cannot join it before "
                "the launch: they go into the post-launch optimisation (ECO-22) instead.")
    release.items += [["ECO-901", "ECO-09", 8], ["ECO-902", "ECO-09", 5]]
    release.task_points["ECO-09"] = release.task_points.get("ECO-09", 0) + 13
    release.added += 13
    task = state.projects["ECO"].tasks["ECO-09"]
    if task.is_done:
        task.finished, task.done = None, task.done * 0.85
    return "ECO: 13 points of gift cards join the release backlog before feature complete."


def _gift_later(state, week):
    _lengthen(state, "ECO-22", 5)
    return "ECO: gift cards are planned after the launch, in the post-launch optimisation."


def _gift_no(state, week):
    worsen(state.projects["ECO"], "STK-1", "partly")
    return "ECO: the gift cards are declined; the marketing director is not pleased."


def _dash_now(state, week):
    for task_id in ("DAT-17", "DAT-18", "DAT-19"):
        if _lengthen(state, task_id, 8):
            return f"DAT: three finance dashboards added to {task_id}: about 8 more days of work."
    return "DAT: the dashboards cannot be added: the reports are already accepted."


def _dash_later(state, week):
    return "DAT: the three dashboards go to the next release, with the ERP's pipelines in 2027."


def _dash_no(state, week):
    worsen(state.projects["DAT"], "STK-1", "partly")
    return "DAT: the three dashboards are declined."


def _consultants_yes(state, week):
    state.contracts.append({"project": "ERP", "role": "DEV", "units": 2.0, "first_week": week,
                            "last_week": week + 3, "rate": 980.0})
    return "ERP: two more consultants join the integrator's team for four weeks (39,200 EUR)."


def _consultants_no(state, week):
    return "ERP: no more consultants; the integrator keeps its team."


def _erp_keep(state, week):
    return "ERP: the committee keeps the 4 January go-live and asks the integrator for more."


def _erp_replan(state, week):
    state.decided["Q-ERP-GO-LIVE"] = "B"
    erp = state.projects["ERP"]
    improve(erp, "PLN-3")
    improve(erp, "BEN-1", "partly")
    return ("ERP: the committee moves the go-live to 1 March, a period close, and plans one month "
            "of parallel running; finance and the integrator re-plan to that date.")


def _de_keep(state, week):
    return "DAT: the ERP keeps its priority on the data engineers."


def _de_dedicate(state, week):
    state.moves.append({"role": "DE", "units": 1.0, "from": "ERP", "to": "DAT",
                        "first_week": week, "last_week": state.weeks})
    alloc = state.alloc
    if alloc["ERP"].get("DE", 0) >= 1:
        alloc["ERP"]["DE"] -= 1
    alloc["DAT"]["DE"] = alloc["DAT"].get("DE", 0.0) + 1
    if "R-025" in state.responses.index:
        state.funded.setdefault("R-025", week)
    return "DAT: one data engineer is dedicated to the data platform until it is in production."


def _de_contractor(state, week):
    state.contracts.append({"project": "ERP", "role": "DE", "units": 1.0, "first_week": week,
                            "last_week": week + 5})
    return "ERP: a contractor data engineer joins for the dry runs (six weeks)."


def _bf_full(state, week):
    return "ECO: the committee keeps the full scope for the launch."


def _bf_reduced(state, week):
    from .decisions import descope_items

    state.decided["Q-BLACK-FRIDAY"] = "B"
    if not any(item[1] == "ECO-10" for item in state.releases["ECO"].items):
        return ("ECO: the trade portal's items are all done: nothing is left to move to January, "
                "the storefront launches with its full scope.")
    moved = descope_items(state, "ECO-10", week, share=0.05)
    state.decided["Q-BLACK-FRIDAY"] = "B"
    return (f"ECO: the committee launches on a reduced scope: the trade portal's {moved} open "
            "points move to January.")


def _bf_january(state, week):
    from .state import FIRST_DAY

    eco = state.projects["ECO"]
    launch_day = state.calendar.working_days_between(FIRST_DAY, pd.Timestamp("2027-01-04"))
    eco.tasks["ECO-20"].deferred_until = max(eco.tasks["ECO-20"].deferred_until, launch_day)
    state.decided["Q-BLACK-FRIDAY"] = "C"
    return "ECO: the committee moves the launch to January, after the peak season."


def _supplier_accept(state, week):
    return "WHA: the committee accepts the supplier's new date."


def _supplier_penalty(state, week):
    state.projects["WHA"].value_gained += 40000
    return "WHA: the penalty clause is invoked: the supplier owes 40,000 EUR for the delay."


def _supplier_air(state, week):
    wha = state.projects["WHA"]
    if _lengthen(state, "WHA-08", -10):
        wha.ac += 35000
        wha.extra_cost += 35000
        return "WHA: the drive motors come by air (35,000 EUR): manufacture two weeks shorter."
    return "WHA: manufacture is over: air freight would change nothing."


#: What each option of :data:`~pmo_lessons.simulation.events.QUESTIONS` does, by its effect's name.
EFFECTS = {
    "pilot_go": _pilot_go, "pilot_defer": _pilot_defer, "pilot_cancel": _pilot_cancel,
    "gift_now": _gift_now, "gift_later": _gift_later, "gift_no": _gift_no,
    "dash_now": _dash_now, "dash_later": _dash_later, "dash_no": _dash_no,
    "consultants_yes": _consultants_yes, "consultants_no": _consultants_no,
    "erp_keep": _erp_keep, "erp_replan": _erp_replan,
    "de_keep": _de_keep, "de_dedicate": _de_dedicate, "de_contractor": _de_contractor,
    "bf_full": _bf_full, "bf_reduced": _bf_reduced, "bf_january": _bf_january,
    "supplier_accept": _supplier_accept, "supplier_penalty": _supplier_penalty,
    "supplier_air": _supplier_air,
}


def answer(state, question_id, option, week):
    """Apply the PMO's answer (or the default): returns what it did, in words."""
    asked = state.requests.pop(question_id)
    state.answered[question_id] = option
    question = QUESTIONS.get(question_id)
    if question is None:  # a question on the report: no effect, the committee notes the answer
        right = option == asked.correct
        return (f"Steering committee: your answer to {question_id} "
                + ("matches the report's figures." if right else
                   "does not match the report's figures: the committee asks again next time."))
    effect = question.option(option).effect
    return EFFECTS[effect](state, week)


# --- the week's start and end -------------------------------------------------------------------


def before_work(state, week, messages):
    for question_id, asked in list(state.requests.items()):
        if asked.deadline < week:
            question = QUESTIONS.get(question_id)
            if question is None:
                state.requests.pop(question_id)
                state.answered[question_id] = ""
                messages.append(f"Steering committee: no answer to {question_id}.")
                continue
            words = answer(state, question_id, question.default, week)
            messages.append(f"No answer from the PMO: {question.asked_by} decided "
                            f"({mid_sentence(question.option(question.default).text)}). {words}")
    for event in EVENTS:
        if state.truth.events.get(event.id) != week or event.kind == "question":
            continue
        project = state.projects[event.project]
        if project.status == "stopped":
            continue
        state.issues.append({"week": week, "id": event.id, "project": event.project,
                             "title": event.title, "what": event.text})
        messages.append(f"{event.project}: {event.text}")
        if event.kind == "capacity":
            start = week + event.notice_weeks
            end = week + event.weeks - 1 if event.weeks else state.weeks + 1
            state.leaves.append({"role": event.role, "units": event.units, "first_week": start,
                                 "last_week": end})
        elif event.kind == "delay":
            _lengthen(state, event.task, event.days)
        elif event.kind == "defects":
            if project.checked:
                messages.append(f"{event.project}: the health check had the root cause fixed: "
                                "the duplicates are caught before they reach customers.")
                continue
            log = state.defects[event.project]
            log["open"] += event.defects
            log["critical"] += event.critical
            _lengthen(state, event.task, event.days)
            worsen(project, "RSK-3")
    base = state.roles["capacity"].astype(float).to_dict()
    for leave in state.leaves:
        if leave["first_week"] <= week <= leave["last_week"]:
            base[leave["role"]] -= leave["units"]
    state.capacity = base


def after_work(state, week, messages):
    for event in EVENTS:
        if event.kind == "question" and state.truth.events.get(event.id) == week + 1 and \
                state.projects[event.project].status != "stopped":
            ask(state, event.question, week)
            state.issues.append({"week": week, "id": event.id, "project": event.project,
                                 "title": event.title, "what": event.text})
            messages.append(f"{event.project}: {event.text} (question {event.question})")
    if week in state.committee_weeks:
        _committee(state, week, messages)
    _governance(state, week)


def _committee(state, week, messages):
    from .observe import board_of

    when = committee_date(state, week)
    messages.append(f"Steering committee of {when:%A %d %B}: you present the portfolio report.")
    for subject, escalated in sorted(state.escalated.items(), key=lambda kv: kv[1]):
        if subject in state.committee_seen or escalated >= week:
            continue
        state.committee_seen.add(subject)
        project = state.projects[_project_of(state, subject)]
        if subject in ESCALATIONS:
            ask(state, ESCALATIONS[subject], week)
            improve(project, "GOV-1")
            messages.append(f"The committee takes up {subject}: question "
                            f"{ESCALATIONS[subject]} for your recommendation.")
        else:
            state.unneeded_escalations += 1
            messages.append(f"The committee notes {subject} and hands it back: it is within the "
                            f"project manager's authority (no decision was needed from it).")
    board = board_of(state)
    for at, question_id, text, options in REPORT_QUESTIONS:
        if at != week:
            continue
        correct = _correct(question_id, board, state)
        ask(state, question_id, week, text=text, options=options, correct=correct)
        messages.append(f"The committee asks ({question_id}): {text}")


def _project_of(state, subject):
    register = state.register
    if subject in register.index:
        return register.loc[subject, "project"]
    return next(e.project for e in EVENTS if e.id == subject)


def _correct(question_id, board, state):
    """The answer the report's own figures give."""
    if question_id == "SC-COST":
        row = board.loc["ERP"]
        budget = state.projects["ERP"].budget
        return "A" if row["EAC"] <= row["BAC"] else "B" if row["EAC"] <= budget else "C"
    if question_id == "SC-LATE":
        candidates = board.loc[["ERP", "WHA", "ECO", "SEC"], "SPI_t"]
        return str(candidates.idxmin())
    return "A"


def _governance(state, week):
    """Issues left without an action plan: the health check's RSK-3 gets worse."""
    for issue in state.issues:
        if week - issue["week"] < 3:
            continue
        from .decisions import projects_of

        project = state.projects[issue["project"]]
        acted = any(d.get("week", 0) >= issue["week"] and project.id in projects_of(state, d)
                    for d in state.decision_log)
        if not acted:
            worsen(project, "RSK-3", "partly")
