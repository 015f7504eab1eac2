"""What happens to the portfolio during the quarter, besides the register's risks: events,
requests the PMO must answer, and the steering committee's questions.

Every event comes from Meridian's story (``datasets/README.md``; the quality, agile and risk
lessons): the integrator's finance pilot on 5 October with four critical defects open, the
data engineers shared between the ERP and the data platform, the conveyor supplier short of
drive motors, the trade customers and the marketing director asking for more before Black
Friday, the two security specialists every project needs.

* :data:`EVENTS`: what may happen, in which weeks, with what probability; drawn from the seed
  at the start (:func:`draw_events`), never shown before it happens.
* :data:`QUESTIONS`: the questions the PMO answers with the decision ``{"action": "answer",
  "question": ..., "option": ...}``: requests that events bring, and the decisions the steering
  committee takes on what the PMO escalated. An unanswered request is decided by others
  (its ``default``) when its deadline passes.
* :data:`REPORT_QUESTIONS`: what the committee asks about the portfolio report at each
  meeting; the right answer is read from the report itself (the PMO's own figures).
* :data:`OUTCOME_RISKS`: the register's risks that no die decides: they occur when the
  simulated portfolio makes them happen (the ERP go-live after the fiscal year, the storefront
  launch after Black Friday, the installation in the Christmas peak).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

__all__ = ["Option", "Question", "Event", "EVENTS", "QUESTIONS", "REPORT_QUESTIONS",
           "OUTCOME_RISKS", "BLACK_FRIDAY", "FISCAL_YEAR_GO_LIVE", "PEAK_FREEZE", "draw_events"]

#: Friday 27 November 2026: the storefront must be live by the end of the day before.
BLACK_FRIDAY = pd.Timestamp("2026-11-27")
#: The ERP's go-live on the new fiscal year: the new system runs from Monday 4 January 2027.
FISCAL_YEAR_GO_LIVE = pd.Timestamp("2027-01-04")
#: The warehouse's Christmas peak: no installation from 23 November to 8 January (R-017).
PEAK_FREEZE = (pd.Timestamp("2026-11-23"), pd.Timestamp("2027-01-08"))


@dataclass(frozen=True)
class Option:
    """One answer to a question: its letter, what it says, and the effect it has (by name)."""

    key: str
    text: str
    effect: str = ""


@dataclass(frozen=True)
class Question:
    """A question the PMO answers: a request from a sponsor or a supplier, or a committee decision."""

    id: str
    project: str
    asked_by: str
    text: str
    options: tuple
    default: str                      # what happens when nobody answers in time
    lesson: str = ""                  # where the course teaches what to weigh

    def option(self, key):
        return next(o for o in self.options if o.key == key)


@dataclass(frozen=True)
class Event:
    """Something that may happen in the quarter, with its week window and probability."""

    id: str
    project: str
    title: str
    first_week: int
    last_week: int
    probability: float
    kind: str                         # question, capacity, delay, defects
    text: str
    role: str = ""
    units: float = 0.0
    weeks: int = 0                    # how long a capacity loss lasts (0: to the end)
    notice_weeks: int = 0             # a leaver works her notice first
    task: str = ""
    days: int = 0
    defects: int = 0
    critical: int = 0
    question: str = ""
    escalation: str = ""              # the committee question when the PMO escalates it


EVENTS = (
    Event("E-01", "ERP", "The integrator proposes a finance pilot", 2, 2, 1.0, "question",
          "The integrator proposes that the finance key users run the September month-end close "
          "on the new ERP from Monday 5 October, alongside the old system. System integration "
          "testing found 97 defects still open on 25 September, 4 of them critical (two on the "
          "bank interfaces). Hélène Marchand asks for the PMO's advice today.",
          question="Q-PILOT"),
    Event("E-02", "DAT", "A data engineer resigns", 2, 8, 0.35, "capacity",
          "One of the four data engineers has resigned; she works two more weeks and then the "
          "company has three.", role="DE", units=1, notice_weeks=2),
    Event("E-03", "ECO", "Marketing asks for gift cards before Black Friday", 3, 5, 0.7,
          "question",
          "Camille Roux asks for gift cards in the storefront before Black Friday: the "
          "agency sizes them at 13 points (buy a card; pay with a card and check its balance).",
          question="Q-GIFT"),
    Event("E-04", "WHA", "The conveyor supplier slips again", 3, 9, 0.5, "delay",
          "The conveyor supplier announces three more weeks on the manufacture of the conveyors "
          "and the sorter: its factory is still short of drive motors.", task="WHA-08", days=15,
          escalation="Q-SUPPLIER"),
    Event("E-05", "SEC", "A security specialist is off sick", 2, 11, 0.3, "capacity",
          "One of the two security specialists is off sick for two weeks.", role="SEC", units=1,
          weeks=2),
    Event("E-06", "CRM", "The duplicate invoices come back", 2, 6, 0.4, "defects",
          "The duplicate invoices of the order-entry interface are back: the fix of August "
          "treated the symptom, not the cause (the health check's RSK-3). Customer service logs "
          "new defects and hypercare takes longer.", task="CRM-25", days=5, defects=8, critical=2),
    Event("E-07", "DAT", "Finance asks for three more dashboards", 4, 7, 0.6, "question",
          "Hélène Marchand asks for three more finance dashboards in the first release of the "
          "data platform (working capital, cash forecast, margin bridge): about eight more days "
          "of work.", question="Q-DASH"),
    Event("E-08", "ERP", "The integrator offers two more consultants", 2, 3, 0.6, "question",
          "To recover the build, the integrator offers two more consultants for four weeks, at "
          "its rate of 980 EUR a day: 39,200 EUR, to be paid from the ERP's budget.",
          question="Q-CONSULTANTS"),
)

QUESTIONS = {q.id: q for q in (
    Question("Q-PILOT", "ERP", "Hélène Marchand (sponsor)",
             "Do we start the finance pilot on Monday 5 October?",
             (Option("A", "Yes: start it on 5 October as the integrator proposes", "pilot_go"),
              Option("B", "Not yet: run it once system integration testing has no critical "
                          "defect open (its exit criteria), as part of acceptance testing",
                     "pilot_defer"),
              Option("C", "No: cancel the pilot", "pilot_cancel")),
             default="A", lesson="09 Quality, 7. Defect trends before a decision and 9. Quality "
                                  "gates (05 Framework, 5.: entry and exit criteria)"),
    Question("Q-GIFT", "ECO", "Camille Roux (sponsor)",
             "Do we add gift cards to the storefront before Black Friday?",
             (Option("A", "Yes: add the 13 points to the release now", "gift_now"),
              Option("B", "After the launch: in the post-launch optimisation (ECO-22)",
                     "gift_later"),
              Option("C", "No: decline the request", "gift_no")),
             default="A", lesson="11 Agile, 5. Forecasts instead of a single date: points added "
                                  "to a release move its date"),
    Question("Q-DASH", "DAT", "Hélène Marchand (sponsor of the KPIs)",
             "Do we add three finance dashboards to the first release of the data platform?",
             (Option("A", "Yes: add them now", "dash_now"),
              Option("B", "In the next release, with the ERP's pipelines in 2027", "dash_later"),
              Option("C", "No: decline them", "dash_no")),
             default="A", lesson="10 Budget, 7. Budget change control: a change to a release "
                                  "goes through its board"),
    Question("Q-CONSULTANTS", "ERP", "The integrator",
             "Do we pay for two more consultants on the ERP build for four weeks (39,200 EUR)?",
             (Option("A", "Yes", "consultants_yes"), Option("B", "No", "consultants_no")),
             default="B", lesson="01 Planning, 5. Float and 8. What if?: people added off the "
                                  "critical path buy nothing"),
    Question("Q-ERP-GO-LIVE", "ERP", "The steering committee (you escalated R-006)",
             "The ERP go-live of 4 January: what does the committee decide?",
             (Option("A", "Keep 4 January and push the integrator harder", "erp_keep"),
              Option("B", "Move the go-live to 1 March, a period close, and plan one month of "
                          "parallel running", "erp_replan")),
             default="A", lesson="07 Reporting, 7. Exception reporting: a forecast outside "
                                  "tolerance goes to the board, which decides"),
    Question("Q-DE", "DAT", "The steering committee (you escalated R-025)",
             "The data engineers the ERP and the data platform share: what does the committee "
             "decide?",
             (Option("A", "The ERP keeps its priority on every data engineer", "de_keep"),
              Option("B", "One data engineer is dedicated to the data platform until it is in "
                          "production", "de_dedicate"),
              Option("C", "A contractor data engineer for the ERP's dry runs (six weeks, "
                          "21,600 EUR)", "de_contractor")),
             default="A", lesson="02 Resources, 5. Levelling the portfolio: the rule is a "
                                  "business decision"),
    Question("Q-BLACK-FRIDAY", "ECO", "The steering committee (you escalated R-029)",
             "Black Friday: how does the storefront launch?",
             (Option("A", "Full scope, launch as planned", "bf_full"),
              Option("B", "Reduced scope: the trade-customer portal's open items move to January",
                     "bf_reduced"),
              Option("C", "Launch in January, after the peak season", "bf_january")),
             default="A", lesson="11 Agile, 7. How many by the date? (R-029: the committee "
                                  "decides the launch scope)"),
    Question("Q-SUPPLIER", "WHA", "The steering committee (you escalated the supplier's slip)",
             "The conveyor supplier slips three more weeks: what does the committee decide?",
             (Option("A", "Accept the new date", "supplier_accept"),
              Option("B", "Invoke the penalty clause of the contract", "supplier_penalty"),
              Option("C", "Pay for air freight of the drive motors (35,000 EUR, two weeks back)",
                     "supplier_air")),
             default="A", lesson="04 Risk, 1. The risk process: transfer, the contract carries "
                                  "the risk"),
)}

# Which committee question an escalation puts on the agenda.
ESCALATIONS = {"R-006": "Q-ERP-GO-LIVE", "R-025": "Q-DE", "R-029": "Q-BLACK-FRIDAY",
               "E-04": "Q-SUPPLIER"}

#: What the committee asks about the report at each meeting: (week, id, question, options as
#: (key, text)); the right answer is computed from the report's own figures when it is asked.
REPORT_QUESTIONS = (
    (2, "SC-COST", "Hélène Marchand, CFO: what will the ERP cost at completion, against its "
                   "budget?",
     (("A", "Within its cost baseline (BAC)"),
      ("B", "Above its BAC, but within its budget with the management reserve"),
      ("C", "Above its budget, even with the management reserve"))),
    (6, "SC-LATE", "Marc Fontaine, CEO: which project is furthest behind its baseline in time?",
     (("ERP", "ERP roll-out"), ("WHA", "Warehouse automation"),
      ("ECO", "E-commerce storefront relaunch"), ("SEC", "ISO 27001 programme"))),
    (10, "SC-RESERVE", "Marc Fontaine, CEO: who releases the management reserve that is left?",
     (("A", "Each project's sponsor, through a change request the PMO prepares"),
      ("B", "The project managers, as they need it"),
      ("C", "The PMO, which holds it for the portfolio"))),
)

#: The register's risks that the simulation makes happen: (risk, condition, the date).
OUTCOME_RISKS = {
    "R-006": ("the ERP cannot go live on the fiscal year", FISCAL_YEAR_GO_LIVE),
    "R-029": ("the storefront is not live on Black Friday", BLACK_FRIDAY),
    "R-017": ("the installation runs in the Christmas peak", PEAK_FREEZE[0]),
}


def draw_events(seed):
    """The week each event happens (0 when it does not), from the seed: each event its own draw.

    >>> weeks = draw_events(1)
    >>> weeks["E-01"]
    2
    >>> all(0 <= week <= 13 for week in weeks.values())
    True
    """
    from .state import stream

    weeks = {}
    for event in EVENTS:
        rng = stream(seed, "event", event.id)
        happens, when = float(rng.random()), int(rng.integers(event.first_week,
                                                               event.last_week + 1))
        weeks[event.id] = when if happens < event.probability else 0
    return weeks


@dataclass
class Asked:
    """A question waiting for the PMO's answer."""

    question: str
    week: int                         # asked at the end of this week
    deadline: int                     # answer before the end of this week
    text: str = ""
    options: tuple = field(default_factory=tuple)
    correct: str = ""                 # report questions: the answer the figures give
