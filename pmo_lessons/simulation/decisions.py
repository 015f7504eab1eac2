"""The decisions a PMO has, as plain data, each checked before anything changes.

A decision is a dict with an ``action`` and its fields, e.g. ``{"action": "move_people",
"role": "QA", "units": 1, "from": "ERP", "to": "ECO", "weeks": 3}``. :data:`ACTIONS` lists
them, with their fields and what each does; :func:`check` validates one against the state and
returns it complete (defaults filled in), or raises :class:`SimulationError` saying what is
wrong and what would be valid; :func:`carry_out` applies a checked decision. A decision takes
effect from the next week played.

What each decision does in the game, and the lesson that teaches what it weighs (the section is
in :data:`~pmo_lessons.simulation.game.LESSONS`; "--": not taught as such):

============== ======================================================================= ======
action         effect                                                                  lesson
============== ======================================================================= ======
move_people    people of a role go from a project (or from those free) to another, for 02
               some weeks; the project they leave has fewer (its tasks take longer)
contractors    external people of a role for a project, at the day rate plus half      13
overtime       the project's people do a fifth more a day, paid at time and a half,    --
               with more defects; one decision lasts four weeks at most (the game
               does not model fatigue)
crash          a task's work is shortened by adding people to it: each day taken off   01
               costs twice its daily labour, down to its optimistic estimate
fast_track     a task starts before its predecessors finish (half-way through): time   01
               gained, rework (10 to 30 % more work) and more defects
fund_response  the register's response to a risk is paid for: after its lead time, the 04
               risk's probability and impact are those after the response
draw_reserve   a change request moves money from the sponsor's management reserve into 10
               the project's approved funding (the cost baseline, the BAC, stays)
health_check   the PMO audits a project: the truth about its forecast and its reports, 09
               its findings, and a quality process that finds fewer defects
escalate       a risk or an issue goes to the next steering committee, which decides   04, 07
               what is above the project's authority (and hands back the rest)
defer          a task may not start for some weeks: its people are free for others    02
descope        a task is taken out of the scope: its cost is saved, its share of the   11, 10
               project's value is lost; an assurance task cut leaves a risk behind
pause, stop    a project stops working for some weeks, or for good                    05, 12
answer         the PMO's answer to a request or to the committee's question: each      its own
               question names its lesson
============== ======================================================================= ======

>>> from pmo_lessons.simulation.state import build_state
>>> state = build_state(1)
>>> check(state, {"action": "overtime", "project": "ECO"})
{'action': 'overtime', 'project': 'ECO', 'weeks': 2}
>>> check(state, {"action": "draw_reserve", "project": "ERP", "amount_eur": -5})
Traceback (most recent call last):
...
pmo_lessons.simulation.decisions.SimulationError: amount_eur must be an amount in EUR above 0, not -5.
"""

from __future__ import annotations

import math
from numbers import Real

from ..errors import InputError
from .events import EVENTS, QUESTIONS

__all__ = ["SimulationError", "ACTIONS", "DESCOPABLE", "HEALTH_CHECK_COST", "check",
           "carry_out", "projects_of", "descope_items", "mid_sentence"]


class SimulationError(InputError):
    """A decision the game cannot take, or a game it cannot play: says what is wrong and what is valid."""


#: Each action: its fields (name -> what it is), and which are optional (with their default).
ACTIONS = {
    "move_people": {"fields": {"role": "a role id of resources.csv (DEV, QA ...)",
                               "units": "whole people >= 1",
                               "from": "the project they leave, or 'free' (people no project has)",
                               "to": "the project they join",
                               "weeks": "how many weeks (1 to the weeks left)"},
                    "optional": {"from": "free", "weeks": 4}},
    "contractors": {"fields": {"project": "the project", "role": "a role id",
                               "units": "people, 1 to 3", "weeks": "weeks, 1 to the weeks left"},
                    "optional": {"weeks": 2}},
    "overtime": {"fields": {"project": "the project", "weeks": "weeks, 1 to 4"},
                 "optional": {"weeks": 2}},
    "crash": {"fields": {"task": "a task id", "days": "working days to take off, >= 1"},
              "optional": {}},
    "fast_track": {"fields": {"task": "a task id, not started, after a predecessor not finished"},
                   "optional": {}},
    "fund_response": {"fields": {"risk": "an open risk id of the register"}, "optional": {}},
    "draw_reserve": {"fields": {"project": "the project",
                                "amount_eur": "EUR, up to the reserve left",
                                "reason": "what the change request is for (text)"},
                     "optional": {"reason": ""}},
    "health_check": {"fields": {"project": "the project"}, "optional": {}},
    "escalate": {"fields": {"subject": "an open risk id, or an event that happened (E-..)"},
                 "optional": {}},
    "defer": {"fields": {"task": "a task id, not started", "weeks": "weeks, >= 1"},
              "optional": {"weeks": 2}},
    "descope": {"fields": {"task": "a task the sponsors accept to cut (see DESCOPABLE)"},
                "optional": {}},
    "pause": {"fields": {"project": "the project", "weeks": "weeks, 1 to 6"},
              "optional": {"weeks": 2}},
    "stop": {"fields": {"project": "the project"}, "optional": {}},
    "answer": {"fields": {"question": "a question id asked (Q-... or SC-...)",
                          "option": "the letter (or id) of an option"},
               "optional": {}},
}

#: The tasks the sponsors would accept to cut: (kind, share of the project's value lost, what
#: is left behind). ``scope``: a feature; ``assurance``: a test, a training, a rehearsal: no
#: value lost at once, but a risk left behind (its probability, its cost in EUR, what it is).
DESCOPABLE = {
    "ECO-10": ("scope", 0.05, "the trade-customer portal's open items move to January"),
    "ECO-15": ("assurance", 0.0, (0.4, 100000, "the storefront slows down under the Black "
                                               "Friday traffic")),
    "ECO-18": ("assurance", 0.01, (0.3, 10000, "customer service cannot answer questions on "
                                               "the new storefront")),
    "ECO-22": ("scope", 0.03, "no post-launch optimisation"),
    "ERP-18": ("assurance", 0.0, (0.5, 60000, "the cut-over fails and is run again")),
    "ERP-22": ("assurance", 0.05, (0.4, 30000, "140 users go live untrained")),
    "ERP-23": ("scope", 0.03, "no change network: the business is less ready"),
    "DAT-17": ("scope", 0.15, "no inventory and service-level dashboards"),
    "DAT-21": ("assurance", 0.05, (0.3, 10000, "the self-service reports are not used")),
    "SEC-12": ("scope", 0.10, "no supplier security assessment: a finding at the audit"),
    "SEC-14": ("scope", 0.10, "no awareness training: the staff key result is missed"),
    "WHA-20": ("assurance", 0.05, (0.4, 20000, "operators untrained on the new line")),
    "CRM-25": ("scope", 0.05, "the legacy CRM is not decommissioned (its licence runs on)"),
    "OFM-21": ("scope", 0.0, "no lessons learned from the move"),
}

#: What a health check costs the project (the PMO's auditor's days).
HEALTH_CHECK_COST = 3000.0
_ASSURANCE_FINDINGS = ("PLN-3", "QLT-1", "QLT-2", "QLT-3", "RSK-1", "RSK-3", "STK-3", "BEN-1",
                       "BEN-2", "BEN-3", "GOV-2", "GOV-3", "PLN-1", "PLN-2", "RSK-2")


def mid_sentence(text):
    """A register's text inside a sentence: its first letter lowered, unless it starts an acronym.

    >>> mid_sentence("Endpoint protection fast-tracked"), mid_sentence("GDPR consent data")
    ('endpoint protection fast-tracked', 'GDPR consent data')
    >>> mid_sentence("The ERP keeps its priority")
    'the ERP keeps its priority'
    """
    text = str(text)
    first = text.split(" ", 1)[0]
    if len(first) > 1 and not first[1:2].islower():
        return text
    return text[:1].lower() + text[1:]


def _fail(message):
    raise SimulationError(message)


def _whole(value, name, low=1, high=None):
    if isinstance(value, bool) or not isinstance(value, Real) or not math.isfinite(value) or \
            float(value) != int(value):
        _fail(f"{name} must be a whole number, not {value!r}.")
    value = int(value)
    if value < low or (high is not None and value > high):
        _fail(f"{name} is {value}; valid: {low} to {high}." if high is not None else
              f"{name} is {value}; valid: {low} or more.")
    return value


def _project(state, pid, field_name="project", allow_paused=True):
    if not isinstance(pid, str) or pid not in state.projects:
        _fail(f"{field_name} {pid!r} is not a project of the portfolio; valid: "
              f"{', '.join(state.projects)}.")
    project = state.projects[pid]
    if project.status == "stopped":
        _fail(f"{pid} is stopped: no decision can change it any more.")
    if project.status == "closed":
        _fail(f"{pid} is closed: all its work is done.")
    if project.status == "paused" and not allow_paused:
        _fail(f"{pid} is paused until the end of week {project.paused_until}; its people are "
              "back when it resumes.")
    return project


def _task(state, task_id):
    if not isinstance(task_id, str) or task_id.split("-")[0] not in state.projects or \
            task_id not in state.projects[task_id.split("-")[0]].tasks:
        _fail(f"task {task_id!r} is not a task of the plans; valid: an id such as ECO-14.")
    project = _project(state, task_id.split("-")[0])
    return project, project.tasks[task_id]


def _role(state, role):
    if not isinstance(role, str) or role not in state.roles.index:
        _fail(f"role {role!r} is not a role of resources.csv; valid: "
              f"{', '.join(state.roles.index)}.")
    return role


def _holders(state, role):
    """Who holds a role's people this week, and the decision that moves one: for an error message.

    The role and the project may share a name (SEC is the security specialists and the ISO
    programme), so the project is named as one.
    """
    held = [(p, a.get(role, 0.0)) for p, a in state.alloc.items() if a.get(role, 0.0) > 1e-9]
    if not held:
        return ""
    if len(held) == 1:
        pid, n = held[0]
        words = {1: "the one", 2: "both"}.get(int(n), f"all {n:g}") if \
            n >= state.capacity.get(role, 0.0) - 1e-9 else f"{n:g}"
        return f" (project {pid} holds {words}): move them from it instead, with 'from': '{pid}'"
    names = ", ".join(f"{p} ({n:g})" for p, n in held)
    return (f" (projects {names} hold them): move them from a project instead, with 'from': "
            f"'{held[0][0]}' or another of them")


def _weeks_left(state):
    return state.weeks - state.week


def check(state, decision):
    """The decision checked against the state and completed; raises :class:`SimulationError`.

    Nothing in the state changes. The result is a new dict with every field of the action.
    """
    if not isinstance(decision, dict):
        _fail(f"A decision is a dict such as {{'action': 'health_check', 'project': 'ECO'}}, "
              f"not {type(decision).__name__}.")
    action = decision.get("action")
    if action not in ACTIONS:
        _fail(f"action {action!r} is not a decision of the game; valid: {', '.join(ACTIONS)}.")
    if state.week >= state.weeks:
        _fail(f"The quarter is over (week {state.week} of {state.weeks}): no decision can be "
              "taken any more.")
    spec = ACTIONS[action]
    unknown = sorted(set(decision) - set(spec["fields"]) - {"action", "week"})
    if unknown:
        _fail(f"{action} has no field {', '.join(map(repr, unknown))}; its fields are "
              f"{', '.join(spec['fields'])}.")
    full = {"action": action}
    for name in spec["fields"]:
        if name in decision:
            full[name] = decision[name]
        elif name == "weeks":  # by default, as long as the quarter allows
            full[name] = min(spec["optional"][name], max(1, _weeks_left(state)))
        elif name in spec["optional"]:
            full[name] = spec["optional"][name]
        else:
            _fail(f"{action} needs {name!r}: {spec['fields'][name]}.")
    return _CHECKS[action](state, full)


def _check_move(state, d):
    role = _role(state, d["role"])
    units = _whole(d["units"], "units")
    to = _project(state, d["to"], "to", allow_paused=False)
    d["weeks"] = _whole(d["weeks"], "weeks", 1, _weeks_left(state))
    if d["from"] == d["to"]:
        _fail(f"from and to are both {d['to']}: people are moved from one project to another.")
    if d["from"] == "free":
        free = state.capacity.get(role, 0.0) - sum(a.get(role, 0.0) for a in state.alloc.values())
        if units > free + 1e-9:
            _fail(f"{units:g} {role} moved from those free, but only {max(free, 0):g} of the "
                  f"{state.capacity.get(role, 0):g} are free this week"
                  f"{_holders(state, role)}.")
    else:
        source = _project(state, d["from"], "from")
        have = state.alloc[source.id].get(role, 0.0)
        if units > have + 1e-9:
            _fail(f"{source.id} has {have:g} {role} this week: {units:g} cannot be moved from it "
                  f"(valid: 1 to {have:g}, or from 'free').")
    d["units"] = units
    if to.id not in (d["from"],) and not any(role in t.units for t in to.tasks.values()
                                             if not t.is_done):
        _fail(f"{to.id} has no work left for a {role}; valid: a project whose tasks need one.")
    return d


def _check_contractors(state, d):
    project = _project(state, d["project"], allow_paused=False)
    role = _role(state, d["role"])
    d["units"] = _whole(d["units"], "units", 1, 3)
    d["weeks"] = _whole(d["weeks"], "weeks", 1, _weeks_left(state))
    if not any(role in t.units for t in project.tasks.values() if not t.is_done):
        _fail(f"{project.id} has no work left for a {role}; valid: a role its tasks need.")
    return d


def _check_overtime(state, d):
    _project(state, d["project"], allow_paused=False)
    d["weeks"] = _whole(d["weeks"], "weeks", 1, min(4, _weeks_left(state)))
    return d


def _check_crash(state, d):
    project, task = _task(state, d["task"])
    days = _whole(d["days"], "days")
    if task.is_done or task.milestone:
        _fail(f"{task.id} is {'a milestone' if task.milestone else 'finished'}: only work left "
              "can be crashed.")
    if task.release is not None:
        _fail(f"{task.id} is delivered from {task.release}'s backlog: a team goes faster with "
              "more people (move_people, contractors) or less scope (descope), not by crashing "
              "a task.")
    if not task.units:
        _fail(f"{task.id} is a supplier's work, with none of the company's people: crashing "
              "adds people; escalate the supplier's delay to the committee instead.")
    room = task.duration - task.optimistic - task.crashed
    if days > room:
        _fail(f"{task.id} can be shortened by at most {max(room, 0):g} more days (from its "
              f"{task.duration} planned to its optimistic {task.optimistic}, "
              f"{task.crashed:g} already taken off).")
    d["days"] = days
    return d


def _check_fast_track(state, d):
    project, task = _task(state, d["task"])
    if task.milestone or task.is_done or task.started is not None:
        _fail(f"{task.id} has {'started' if task.started is not None else 'no work'}: "
              "fast-tracking starts a task before its predecessors finish.")
    if task.release is not None:
        _fail(f"{task.id} is delivered from a backlog: it has no predecessor to overlap.")
    if task.fast_tracked:
        _fail(f"{task.id} is already fast-tracked.")
    waiting = [p for p, kind, _ in task.links if kind == "FS" and not project.tasks[p].is_done]
    if not waiting:
        _fail(f"{task.id} waits for no unfinished work package (finish-to-start): there is "
              "nothing to overlap.")
    return d


def _check_fund(state, d):
    risk = d["risk"]
    register = state.register
    if not isinstance(risk, str) or risk not in register.index:
        _fail(f"risk {risk!r} is not in the register; valid: an id such as R-034.")
    row = register.loc[risk]
    _project(state, row["project"])
    if row["status"] != "open":
        _fail(f"{risk} is {row['status']}: only an open risk's response can be funded"
              + (" (it is an issue now: act on its consequences)." if row["status"] == "occurred"
                 else "."))
    if row["response"] == "escalate":
        _fail(f"{risk}'s response is to escalate it: the steering committee decides "
              f"({{'action': 'escalate', 'subject': '{risk}'}}).")
    if row["response"] == "accept" or risk not in state.responses.index or \
            state.responses.loc[risk, "cost_eur"] <= 0:
        _fail(f"{risk}'s response is to accept it: there is nothing to fund; watch it.")
    if risk in state.funded:
        _fail(f"{risk}'s response was funded in week {state.funded[risk]}.")
    return d


def _check_draw(state, d):
    project = _project(state, d["project"])
    amount = d["amount_eur"]
    if isinstance(amount, bool) or not isinstance(amount, Real) or not math.isfinite(amount) \
            or amount <= 0:
        _fail(f"amount_eur must be an amount in EUR above 0, not {amount!r}.")
    left = project.reserve_left
    if amount > left + 0.005:
        _fail(f"{project.id} has {left:,.0f} EUR of management reserve left; a change request "
              f"cannot draw {amount:,.0f} EUR (valid: up to {left:,.0f} EUR).")
    if not isinstance(d["reason"], str):
        _fail("reason must be text: what the change request is for.")
    d["amount_eur"] = float(amount)
    return d


def _check_health(state, d):
    _project(state, d["project"])
    this_week = [p for w, p in state.checks if w == state.week]
    if this_week:
        _fail(f"The PMO already runs a health check this week ({this_week[0]}): one a week is "
              "what its auditor can do.")
    return d


def _check_escalate(state, d):
    subject = d["subject"]
    register = state.register
    happened = {i["id"] for i in state.issues}
    if isinstance(subject, str) and subject in register.index:
        _project(state, register.loc[subject, "project"])
        if register.loc[subject, "status"] == "closed":
            _fail(f"{subject} is closed: it can no longer happen.")
    elif isinstance(subject, str) and subject in {e.id for e in EVENTS}:
        if subject not in happened:
            _fail(f"{subject} has not happened: escalate a risk of the register, or an issue "
                  "of the issue log.")
        _project(state, next(e.project for e in EVENTS if e.id == subject))
    else:
        _fail(f"subject {subject!r} is neither a risk of the register nor an issue; valid: an "
              "id such as R-029, or an event of the issue log such as E-04.")
    if subject in state.escalated:
        _fail(f"{subject} was escalated in week {state.escalated[subject]}: the committee has it.")
    return d


def _check_defer(state, d):
    project, task = _task(state, d["task"])
    d["weeks"] = _whole(d["weeks"], "weeks", 1, _weeks_left(state))
    if task.milestone or task.started is not None:
        _fail(f"{task.id} {'is a milestone' if task.milestone else 'has started'}: only a task "
              "not started can be deferred.")
    if task.release is not None:
        _fail(f"{task.id} is delivered from a backlog: the team orders its own backlog.")
    return d


def _check_descope(state, d):
    project, task = _task(state, d["task"])
    if task.id not in DESCOPABLE:
        mine = [t for t in DESCOPABLE if t.startswith(project.id + "-")
                and not project.tasks[t].is_done]
        _fail(f"{task.id} ({task.name}) is not scope the sponsor would cut; valid for "
              f"{project.id}: {', '.join(mine) or 'none'}.")
    if task.is_done or task.descoped:
        _fail(f"{task.id} is {'descoped' if task.descoped else 'finished'} already.")
    return d


def _check_pause(state, d):
    _project(state, d["project"], allow_paused=False)
    d["weeks"] = _whole(d["weeks"], "weeks", 1, min(6, _weeks_left(state)))
    return d


def _check_stop(state, d):
    _project(state, d["project"])
    return d


def _check_answer(state, d):
    question = d["question"]
    if question not in state.requests:
        waiting = ", ".join(state.requests) or "none"
        _fail(f"question {question!r} is not waiting for an answer; the questions asked now: "
              f"{waiting}.")
    options = [key for key, _ in state.requests[question].options]
    if d["option"] not in options:
        _fail(f"option {d['option']!r} is not an answer to {question}; valid: "
              f"{', '.join(options)}.")
    return d


_CHECKS = {"move_people": _check_move, "contractors": _check_contractors,
           "overtime": _check_overtime, "crash": _check_crash, "fast_track": _check_fast_track,
           "fund_response": _check_fund, "draw_reserve": _check_draw,
           "health_check": _check_health, "escalate": _check_escalate, "defer": _check_defer,
           "descope": _check_descope, "pause": _check_pause, "stop": _check_stop,
           "answer": _check_answer}


# --- carrying them out --------------------------------------------------------------------------


def projects_of(state, decision):
    """The projects a decision concerns (for the issue log: was an issue acted on?)."""
    out = set()
    for key in ("project", "to", "from"):
        if decision.get(key) in state.projects:
            out.add(decision[key])
    if "task" in decision:
        out.add(str(decision["task"]).split("-")[0])
    for key in ("risk", "subject"):
        subject = decision.get(key)
        if subject is None:
            continue
        if subject in state.register.index:
            out.add(state.register.at[subject, "project"])
        out |= {e.project for e in EVENTS if e.id == subject}
    if "question" in decision and decision["question"] in QUESTIONS:
        out.add(QUESTIONS[decision["question"]].project)
    return out


def _charge(project, amount):
    project.ac += amount
    project.extra_cost += amount


def carry_out(state, d):
    """Apply a checked decision; returns what it does, in words."""
    from .happenings import improve, worsen

    week = state.week
    action = d["action"]
    if action == "move_people":
        state.moves.append({"role": d["role"], "units": float(d["units"]), "from": d["from"],
                            "to": d["to"], "first_week": week + 1, "last_week": week + d["weeks"]})
        if d["from"] != "free":
            state.alloc[d["from"]][d["role"]] -= d["units"]
        state.alloc[d["to"]][d["role"]] = state.alloc[d["to"]].get(d["role"], 0.0) + d["units"]
        return (f"{d['units']:g} {d['role']} move from {d['from']} to {d['to']} for "
                f"{d['weeks']} weeks.")
    if action == "contractors":
        state.contracts.append({"project": d["project"], "role": d["role"],
                                "units": float(d["units"]), "first_week": week + 1,
                                "last_week": week + d["weeks"]})
        rate = float(state.roles.loc[d["role"], "day_rate_eur"]) * 1.5
        return (f"{d['units']} contractor {d['role']} for {d['project']} for {d['weeks']} weeks, "
                f"at {rate:,.0f} EUR a day each.")
    if action == "overtime":
        project = state.projects[d["project"]]
        project.overtime_until = max(project.overtime_until, week + d["weeks"])
        return f"{d['project']}: overtime for {d['weeks']} weeks."
    if action == "crash":
        project = state.projects[d["task"].split("-")[0]]
        task = project.tasks[d["task"]]
        cut = min(float(d["days"]), max(task.remaining - 1, 0.0))
        task.remaining -= cut
        task.actual = max(1.0, task.actual - cut)
        task.known_delay -= d["days"]
        task.crashed += d["days"]
        cost = d["days"] * task.labour_per_day * 2.0
        _charge(project, cost)
        return f"{task.id} crashed by {d['days']} days: {cost:,.0f} EUR of extra people."
    if action == "fast_track":
        return _fast_track(state, d)
    if action == "fund_response":
        register = state.register
        project = state.projects[register.loc[d["risk"], "project"]]
        response = state.responses.loc[d["risk"]]
        state.funded[d["risk"]] = week
        _charge(project, float(response["cost_eur"]))
        improve(project, "RSK-1")
        improve(project, "RSK-2", "partly")
        if d["risk"] == "R-017":
            _freeze_installation(state)
        return (f"{project.id}: {d['risk']}'s response funded ({response['cost_eur']:,.0f} EUR): "
                f"{mid_sentence(response['description'])}.")
    if action == "draw_reserve":
        project = state.projects[d["project"]]
        project.drawn += d["amount_eur"]
        improve(project, "PLN-1")
        improve(project, "RSK-2")
        return (f"{project.id}: a change request draws {d['amount_eur']:,.0f} EUR of the "
                f"management reserve ({project.reserve_left:,.0f} EUR left), approved by "
                f"{project.sponsor}.")
    if action == "health_check":
        return _health_check(state, d)
    if action == "escalate":
        state.escalated[d["subject"]] = week
        nxt = next((w for w in state.committee_weeks if w > week), None)
        return (f"{d['subject']} escalated: on the agenda of the steering committee of week "
                f"{nxt}." if nxt else f"{d['subject']} escalated, but no committee meets before "
                "the end of the quarter.")
    if action == "defer":
        project = state.projects[d["task"].split("-")[0]]
        task = project.tasks[d["task"]]
        task.deferred_until = max(task.deferred_until, state.day_of_week(week + 1 + d["weeks"]))
        return f"{task.id} may not start before week {week + 1 + d['weeks']}."
    if action == "descope":
        return _descope(state, d)
    if action == "pause":
        project = state.projects[d["project"]]
        project.status, project.paused_until = "paused", week + d["weeks"]
        state.alloc[project.id] = {}
        return f"{project.id} paused for {d['weeks']} weeks: its people go back to their teams."
    if action == "stop":
        project = state.projects[d["project"]]
        project.status, project.closed_week = "stopped", week + 1
        state.alloc[project.id] = {}
        worsen(project, "BEN-1")
        return f"{project.id} stopped: its work left is cancelled and its people released."
    if action == "answer":
        from .happenings import answer

        return answer(state, d["question"], d["option"], week + 1)
    raise AssertionError(action)


def _fast_track(state, d):
    from .engine import planned_remaining
    from .happenings import worsen

    project = state.projects[d["task"].split("-")[0]]
    task = project.tasks[d["task"]]
    links = []
    for pred_id, kind, lag in task.links:
        pred = project.tasks[pred_id]
        if kind != "FS" or pred.is_done:
            links.append((pred_id, kind, lag))
            continue
        if pred.milestone:  # start half-way through the work that leads to the milestone
            left = [project.tasks[p] for p, _, _ in pred.links if not project.tasks[p].is_done]
            half = max([int(math.ceil(planned_remaining(t, state) / 2)) for t in left] or [0])
            task.deferred_until = max(task.deferred_until, state.day + half)
            links.append((pred_id, "FF", 0))
        elif pred.in_progress:
            half = int(math.ceil(planned_remaining(pred, state) / 2))
            task.deferred_until = max(task.deferred_until, state.day + half)
            links.append((pred_id, "FF", 0))
        else:
            links.append((pred_id, "SS", int(math.ceil(pred.duration / 2))))
    task.links = links
    rework = state.truth.rework.get(task.id, 0.2)
    extra = task.remaining * rework
    task.remaining += extra
    task.actual += extra
    task.fast_tracked = True
    worsen(project, "QLT-3")
    return (f"{task.id} fast-tracked: it may start half-way through its predecessors' work "
            "(with rework to expect).")


def _freeze_installation(state):
    from .state import FIRST_DAY

    wha = state.projects["WHA"]
    january = state.calendar.working_days_between(FIRST_DAY, "2027-01-11")
    for task_id in ("WHA-13", "WHA-14"):
        task = wha.tasks[task_id]
        if task.started is None:
            task.deferred_until = max(task.deferred_until, january)


def _health_check(state, d):
    from .engine import true_forecast
    from .happenings import improve
    from .state import BENEFIT_MILESTONE

    project = state.projects[d["project"]]
    state.checks.append((state.week, project.id))
    _charge(project, HEALTH_CHECK_COST)
    overstated = sum(t.cost * (project.reported_done.get(t.id, t.done) - t.done)
                     for t in project.tasks.values() if not t.is_done)
    project.checked = True
    project.quality_factor = min(project.quality_factor, 0.8)
    for question in _ASSURANCE_FINDINGS:
        now = project.answers.get(question, "no")
        improve(project, question, "partly" if now == "no" else "yes")
    state.seen_answers[project.id] = dict(project.answers)
    key = BENEFIT_MILESTONE[project.id]
    finish = true_forecast(state, project.id, key)
    state.revealed[project.id] = (state.week, key, finish)
    words = f"{project.id}: health check done ({HEALTH_CHECK_COST:,.0f} EUR)."
    if overstated > 1:
        words += (f" The reports overstated the work done by {overstated:,.0f} EUR of EV: the "
                  "reported EV stays flat until the work catches up.")
    if finish is not None:
        words += (f" The re-planned forecast of {key} ({project.tasks[key].name}): "
                  f"{finish:%d %b %Y}.")
    return words


def descope_items(state, task_id, week, share=None):
    """Take a backlog work package's open items out of its release; returns the points moved."""
    from .state import rebaseline

    project = state.projects[task_id.split("-")[0]]
    task = project.tasks[task_id]
    release = state.releases[task.release]
    moved = sum(p for _, t, p in release.items if t == task_id)
    release.items = [item for item in release.items if item[1] != task_id]
    total = release.task_points.get(task_id, 0)
    done = release.task_done_points.get(task_id, 0)
    task.done = done / total if total else 1.0
    _cut(state, project, task, share if share is not None else DESCOPABLE[task_id][1])
    for other_id in release.tasks:  # what the team finished needs no sprint's end to count
        other = project.tasks[other_id]
        if not other.is_done and not any(item[1] == other_id for item in release.items):
            other.done, other.finished = 1.0, state.day
            other.started = state.day if other.started is None else other.started
    rebaseline(state, project)
    return moved


def _cut(state, project, task, share):
    saved = task.cost * (1 - task.done)
    task.cost = task.cost * task.done
    project.budget -= saved
    task.done, task.remaining, task.descoped = 1.0, 0.0, True
    task.started = state.day if task.started is None else task.started
    task.finished = state.day
    project.reported_done[task.id] = 1.0
    project.descoped_value += share
    return saved


def _descope(state, d):
    from .happenings import worsen
    from .state import rebaseline

    project = state.projects[d["task"].split("-")[0]]
    task = project.tasks[d["task"]]
    kind, share, left = DESCOPABLE[task.id]
    if task.release is not None:
        moved = descope_items(state, task.id, state.week)
        return f"{task.id} descoped: {moved} open points leave the release; {left}."
    saved = _cut(state, project, task, share)
    rebaseline(state, project)
    if kind == "assurance":
        worsen(project, "QLT-3")
        probability, cost, what = left
        state.left_behind.append({"task": task.id, "project": project.id,
                                  "probability": probability, "cost": cost, "what": what})
        return (f"{task.id} descoped ({saved:,.0f} EUR saved); a risk is left behind: {what}.")
    return f"{task.id} descoped ({saved:,.0f} EUR saved): {left}."
