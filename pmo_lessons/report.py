"""Reporting: a one-page status report per project and a portfolio report for the steering committee.

A report is built from the company's tables (``pmo_lessons.data``, or tables of
your own passed as ``tables``), with the numbers of the other modules: RAG and
KPIs from :func:`pmo_lessons.evm.dashboard`, milestones from the plan
(:func:`pmo_lessons.schedule.cpm`) and the milestone log (``milestones.csv``:
a milestone is reached when its deliverable is accepted), the top **open** risks
from the register (:func:`pmo_lessons.risk.score_register`) and the risks that
occurred in an issue log, OKRs from :func:`pmo_lessons.evm.okr_rollup`. It
renders as

* **HTML**: one self-contained page, readable in a browser and printable (A4,
  a print stylesheet), figures embedded as base64 PNG, no external CSS,
  JavaScript or font, no link fetched from anywhere;
* **Markdown**: the same content for a wiki or an e-mail, figures embedded as
  ``data:`` images (``figures=False`` leaves them out).

What goes in a status report follows PMI, *PMBOK Guide* (7th ed., 2021), section
2.7 (the measurement performance domain: dashboards, RAG, forecasts) and
AXELOS, *Managing Successful Projects with PRINCE2* (6th ed., 2017), appendix
A.11 (highlight report: status, tolerances, issues and risks, decisions sought).
Durations and slips are in working days.
Figures need matplotlib, which is imported only when a report is rendered
with figures.

>>> report = project_report("ECO", figures=False)
>>> report.rag, report.title
('amber', 'ECO E-commerce storefront relaunch: status at 25 Sep 2026')
"""

from __future__ import annotations

import base64
import html
import io
import string
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

# The communication checks of lesson 07 live in pmo_lessons.communication; they are offered here
# too, where the lessons and exercises import them from.
from .communication import (  # noqa: F401  (re-exported)
    DEFAULT_MAX_DAYS,
    FREQUENCIES,
    STAKEHOLDER_STRATEGIES,
    check_communication_plan,
    check_kpis,
    review_status_report,
    stakeholder_grid,
    status_headline,
)
from .errors import ReportError
from .formats import date_text, money_text
from .style import COLOURS, RAG_COLOURS, WHITE

__all__ = [
    "ReportError", "Report", "MILESTONE_STATES", "project_report", "portfolio_report",
    # communication
    "STAKEHOLDER_STRATEGIES", "FREQUENCIES", "DEFAULT_MAX_DAYS", "stakeholder_grid",
    "check_communication_plan", "check_kpis", "status_headline", "review_status_report",
]

_RAG_COLOURS = RAG_COLOURS  # the kit's one palette (pmo_lessons.style): badges with white text
_TABLES = ("projects", "tasks", "status", "risks", "okrs", "holidays", "milestones")

#: The states of a milestone in a report, from the milestone log (``milestones.csv``).
MILESTONE_STATES = {
    "reached": "its deliverable was accepted on or before the report's date",
    "overdue": "its baseline date has passed and its deliverable is not accepted",
    "forecast late": "not due yet, and the project manager forecasts it after its baseline date",
    "upcoming": "not due yet, and not forecast late",
}


@dataclass
class Report:
    """A report: a title, a RAG, and blocks of content that render as HTML or Markdown.

    ``blocks`` is a list of ``(kind, content)``: ``("h2", text)``, ``("p", text)``,
    ``("rag", (label, rag))``, ``("table", DataFrame of text)``, ``("list", [text])``,
    ``("figure", (png_bytes, caption))``. Build one with :func:`project_report`
    or :func:`portfolio_report`.

    >>> r = Report("Demo", "green", [("p", "All fine.")])
    >>> "All fine." in r.to_html() and r.to_markdown().startswith("# Demo")
    True
    """

    title: str
    rag: str
    blocks: list = field(default_factory=list)
    data: dict = field(default_factory=dict, repr=False)

    def to_html(self):
        """One self-contained HTML page (inline CSS, figures as base64 PNG, nothing fetched)."""
        body = [f"<h1>{_e(self.title)} {_badge(self.rag)}</h1>"]
        for kind, content in self.blocks:
            if kind == "h2":
                body.append(f"<h2>{_e(content)}</h2>")
            elif kind == "p":
                body.append(f"<p>{_e(content)}</p>")
            elif kind == "rag":
                body.append("<p class='rags'>" + " ".join(
                    f"<span>{_e(label)} {_badge(rag)}</span>" for label, rag in content) + "</p>")
            elif kind == "list":
                body.append("<ul>" + "".join(f"<li>{_e(item)}</li>" for item in content) + "</ul>")
            elif kind == "table":
                body.append(_html_table(content))
            elif kind == "figure":
                png, caption = content
                body.append(f"<figure><img alt='{_e(caption)}' src='data:image/png;base64,"
                            f"{base64.b64encode(png).decode('ascii')}'><figcaption>{_e(caption)}"
                            "</figcaption></figure>")
        return (f"<!DOCTYPE html>\n<html lang='en'><head><meta charset='utf-8'>"
                f"<title>{_e(self.title)}</title><style>{_CSS}</style></head>\n<body>\n"
                + "\n".join(body) + "\n</body></html>\n")

    def to_markdown(self, figures=True):
        """The same report in Markdown (figures as data: images unless ``figures=False``)."""
        lines = [f"# {self.title}", "", f"**Overall status: {self.rag.upper()}**", ""]
        for kind, content in self.blocks:
            if kind == "h2":
                lines += [f"## {content}", ""]
            elif kind == "p":
                lines += [content, ""]
            elif kind == "rag":
                lines += [" · ".join(f"{label}: **{rag.upper()}**" for label, rag in content), ""]
            elif kind == "list":
                lines += [f"- {item}" for item in content] + [""]
            elif kind == "table":
                lines += [_md_table(content), ""]
            elif kind == "figure" and figures:
                png, caption = content
                lines += [f"![{caption}](data:image/png;base64,"
                          f"{base64.b64encode(png).decode('ascii')})", f"*{caption}*", ""]
        return "\n".join(lines).rstrip() + "\n"

    def save(self, path):
        """Write the report to ``path``: HTML for ``.html``/``.htm``, Markdown for ``.md``."""
        path = str(path)
        if path.lower().endswith((".html", ".htm")):
            text = self.to_html()
        elif path.lower().endswith(".md"):
            text = self.to_markdown()
        else:
            raise ReportError(f"cannot tell the format of {path!r}; valid: a name ending in "
                              ".html, .htm or .md.")
        with open(path, "w", encoding="utf-8") as handle:
            handle.write(text)
        return path


# --- the project report ----------------------------------------------------------


def project_report(project, status_date=None, top_risks=3, decisions=(), tables=None,
                   figures=True, thresholds=None):
    """A one-page status report of one project: RAG, KPIs, milestones, top risks, decisions.

    ``project`` is a project id of ``projects``; ``status_date`` (default: the
    latest status) picks the last weekly status on or before it. ``tables``
    replaces any of the company's tables (``projects, tasks, status, risks,
    okrs, holidays, milestones``: the frames of ``pmo_lessons.data``); the
    others are loaded. ``decisions`` adds decisions the project manager asks
    for to those the figures call for.

    Content:

    * **RAG**: overall, cost (CPI) and schedule (SPI(t)), from
      :func:`pmo_lessons.evm.dashboard` with ``thresholds`` (the PMO's policy);
    * **KPIs**: % complete, BAC, PV, EV, AC, CPI, SPI, SPI(t), EAC, VAC, planned
      and forecast finish, slip in working days;
    * **milestones** of the plan with their baseline date and their state
      (:data:`MILESTONE_STATES`), read from the milestone log: a milestone is
      ``reached`` when its deliverable is **accepted** (``accepted_date`` on or
      before the report's date), not when its date or the earned schedule
      passes it; ``overdue`` when its baseline date has passed without an
      acceptance; ``forecast late`` when the project manager's forecast
      (``forecast_date``, shown for a report at the log's date, the latest
      status) is after the baseline; ``upcoming`` otherwise. A milestone with
      no row in the log is never reached;
    * **top risks**: the **open** risks with the highest probability x impact
      (then the worst EMV); a risk that occurred is no longer uncertain: it is
      listed under **issues** (risks that occurred), with its impact, owner and
      action, and is not ranked;
    * **decisions needed**: an EAC above the approved budget (BAC + reserve), a
      red schedule forecast more than 10 working days late, open risks
      escalated to the committee (response ``escalate``), and ``decisions``;
    * **figures**: a small Gantt of the phases (WBS level 1) and milestones with
      the status date, and the S-curves.

    Raises :class:`ReportError` for an unknown project or a project with no
    status on or before the date.

    >>> report = project_report("ERP", figures=False)
    >>> round(float(report.data["kpis"]["CPI"]), 2), report.rag
    (0.88, 'red')
    >>> "## Top risks" in report.to_markdown()
    True
    >>> report.data["milestones"].loc["ERP-13", ["milestone", "status"]].tolist()
    ['Build complete', 'overdue']
    >>> report.data["issues"].index.tolist()     # occurred: issues, not ranked risks
    ['R-001', 'R-002']
    """
    from .evm import baseline_pv, dashboard, time_phased
    from .schedule import cpm, to_dates

    t = _tables(tables)
    projects = t["projects"]
    ids = projects["id"].astype(str).tolist()
    if str(project) not in ids:
        raise ReportError(f"unknown project {project!r}; valid: {', '.join(ids)}.")
    row = projects[projects["id"].astype(str) == str(project)].iloc[0]
    tasks = t["tasks"][t["tasks"]["project"].astype(str) == str(project)].reset_index(drop=True)
    status = t["status"][t["status"]["project"].astype(str) == str(project)]
    if status_date is not None:
        status = status[pd.to_datetime(status["status_date"]) <= pd.Timestamp(status_date)]
    if status.empty:
        raise ReportError(f"project {project} has no weekly status"
                          + (f" on or before {status_date}" if status_date is not None else "")
                          + "; valid: a date after its first status Friday.")
    one = projects[projects["id"].astype(str) == str(project)]
    baseline = baseline_pv(tasks, one, t["holidays"]) if len(tasks) else None
    schedule = to_dates(cpm(tasks), row["start_date"], t["holidays"]) if len(tasks) else None
    planned = (pd.Series({str(project): schedule["finish_date"].max()})
               if schedule is not None else None)
    board = dashboard(status, one, baseline, thresholds=thresholds, planned_finish=planned,
                      holidays=t["holidays"])
    kpi = board.loc[str(project)]
    view = time_phased(status, one, baseline).xs(str(project), level="project")
    date = pd.Timestamp(kpi["status_date"])

    kpis = pd.Series({k: kpi[k] for k in ("percent_complete", "BAC", "PV", "EV", "AC", "CPI",
                                          "SPI", "SPI_t", "EAC", "VAC", "slip_days")})
    blocks = [("p", f"Sponsor: {row['sponsor']} · Project manager: {row['manager']} · "
                    f"Status date: {date:%d %b %Y} (week {int(view.index[-1])})"),
              ("rag", [("Overall", kpi["rag"]), ("Cost (CPI)", kpi["cost_rag"]),
                       ("Schedule (SPI(t))", kpi["schedule_rag"])]),
              ("p", _headline(kpi)),
              ("h2", "Key performance indicators"),
              ("table", _kpi_table(kpi))]

    latest = pd.to_datetime(t["status"]["status_date"]).max()
    milestones = (_milestones(schedule, tasks, t["milestones"], date,
                              forecasts=date >= latest)
                  if schedule is not None else pd.DataFrame())
    if len(milestones):
        blocks += [("h2", "Milestones"),
                   ("p", "A milestone is reached when its deliverable is accepted (the "
                         "milestone log); the forecasts are the project manager's."),
                   ("table", milestones)]

    risks = _top_risks(t["risks"], [str(project)], top_risks)
    blocks += [("h2", "Top risks"),
               ("table", risks) if len(risks) else ("p", "No open risk in the register.")]
    issues = _issues(t["risks"], [str(project)])
    if len(issues):
        blocks += [("h2", "Issues (risks that occurred)"), ("table", issues)]

    needed = _decisions(board, one, t["risks"], [str(project)]) + list(decisions)
    blocks += [("h2", "Decisions needed"), ("list", needed or ["None this week."])]

    if figures:
        blocks += _project_figures(str(project), schedule, tasks, view, baseline, date)
    title = f"{project} {row['name']}: status at {date:%d %b %Y}"
    return Report(title, kpi["rag"], blocks,
                  data={"kpis": kpis, "board": board, "milestones": milestones,
                        "risks": risks, "issues": issues, "decisions": needed})


# --- the portfolio report ---------------------------------------------------------


def portfolio_report(status_date=None, top_risks=5, decisions=(), selection=None, tables=None,
                     figures=True, thresholds=None, meeting=None):
    """The steering committee's report: every project's RAG, money, OKRs, top risks, decisions.

    ``status_date``, ``tables``, ``thresholds`` and ``decisions`` as for
    :func:`project_report`. ``meeting``, the date of the committee the report is presented to,
    dates its title (by default the status date). ``selection``, a
    :class:`pmo_lessons.portfolio.Selection`, adds the proposed portfolio
    (the projects recommended for funding, with the greedy and LP answers for
    contrast). The overall RAG is the worst project RAG.

    Content: a headline (how many projects are red, amber, green; total BAC,
    EAC and VAC), the dashboard table (one row per project, slips in working
    days), the OKR roll-up with the worst RAG of the projects serving each
    objective, the top **open** risks across the portfolio, the issue log (the
    risks that occurred), the selection when given, the decisions needed, and
    the portfolio chart and OKR chart.

    >>> report = portfolio_report(figures=False)
    >>> report.rag, list(report.data["board"]["rag"].value_counts().sort_index().items())
    ('red', [('amber', 4), ('green', 1), ('red', 2)])
    >>> set(report.data["risks"]["status"]), len(report.data["issues"])
    ({'open'}, 6)
    """
    from .evm import baseline_pv, dashboard, okr_rollup
    from .schedule import project_dates

    t = _tables(tables)
    projects, status = t["projects"], t["status"]
    if status_date is not None:
        status = status[pd.to_datetime(status["status_date"]) <= pd.Timestamp(status_date)]
    if status.empty:
        raise ReportError("no weekly status" + (f" on or before {status_date}" if status_date
                                                 else "") + "; valid: a later status date.")
    baseline = baseline_pv(t["tasks"], projects, t["holidays"])
    finish = project_dates(t["tasks"], projects, t["holidays"]).set_index("id")["finish_date"]
    board = dashboard(status, projects, baseline, thresholds=thresholds, planned_finish=finish,
                      holidays=t["holidays"])
    date = pd.Timestamp(board["status_date"].max())
    worst = max(board["rag"], key={"grey": 0, "green": 1, "amber": 2, "red": 3}.get)
    counts = board["rag"].value_counts()
    bac, eac = board["BAC"].sum(), board["EAC"].sum()
    blocks = [("p", f"Status date: {date:%d %b %Y} · {len(board)} projects reporting: "
                    + ", ".join(f"{counts.get(r, 0)} {r}" for r in ("red", "amber", "green"))
                    + f". Total BAC {money_text(bac)}, forecast at completion {money_text(eac)} "
                      f"(VAC {money_text(bac - eac, signed=True)})."),
              ("h2", "Projects"), ("table", _board_table(board))]
    rollup = okr_rollup(t["okrs"], board)
    blocks += [("h2", "Objectives and key results"), ("table", _okr_table(rollup))]
    risks = _top_risks(t["risks"], board.index.tolist(), top_risks, with_project=True)
    blocks += [("h2", "Top risks of the portfolio"),
               ("table", risks) if len(risks) else ("p", "No open risk in the register.")]
    issues = _issues(t["risks"], board.index.tolist(), with_project=True)
    if len(issues):
        blocks += [("h2", "Issue log (risks that occurred)"), ("table", issues)]
    if selection is not None:
        compare = selection.compare()
        table = pd.DataFrame({"value": compare["value"].map(money_text),
                              "cost": compare["cost"].map(money_text),
                              "budget left": compare["unused"].map(money_text),
                              "projects": compare["projects"]}, index=compare.index)
        blocks += [("h2", "Proposed projects for funding"),
                   ("p", f"Budget {money_text(selection.budget)}. Recommended (exact optimum): "
                         f"{', '.join(selection.selected) or 'none'}, total value "
                         f"{money_text(selection.value)}."),
                   ("table", table.rename_axis("answer"))]
    needed = _decisions(board, projects, t["risks"], board.index.tolist()) + list(decisions)
    blocks += [("h2", "Decisions needed"), ("list", needed or ["None this period."])]
    if figures:
        from . import plots
        from .evm import okr_progress

        blocks.append(("figure", (_png(plots.portfolio_dashboard(board, thresholds=thresholds)),
                                  "CPI against SPI(t): bubble size is the BAC, colour the RAG")))
        blocks.append(("figure", (_png(plots.okr_chart(okr_progress(t["okrs"]))),
                                  "Progress of the key results (70 % is a good stretch score)")))
    title_date = pd.Timestamp(meeting) if meeting is not None else date
    return Report(f"Portfolio report to the steering committee: {title_date:%d %b %Y}", worst, blocks,
                  data={"board": board, "okrs": rollup, "risks": risks, "issues": issues,
                        "decisions": needed})


# --- content ------------------------------------------------------------------------


def _tables(tables):
    from . import data

    tables = dict(tables or {})
    unknown = set(tables) - set(_TABLES)
    if unknown:
        raise ReportError(f"tables: unknown name {sorted(unknown)[0]!r}; valid: "
                          f"{', '.join(_TABLES)}.")
    loaders = {"projects": data.load_projects, "tasks": data.load_tasks,
               "status": data.load_status, "risks": data.load_risks, "okrs": data.load_okrs,
               "holidays": data.load_holidays, "milestones": data.load_milestones}
    return {name: tables[name] if name in tables else loaders[name]() for name in _TABLES}


def _headline(kpi):
    pieces = [f"{kpi['percent_complete']:.1f} % complete."]
    cpi, spi_t = kpi["CPI"], kpi["SPI_t"]
    if pd.notna(cpi):
        pieces.append(f"Every euro spent earns {cpi:.2f} € of planned work (CPI); "
                      f"the forecast at completion is {money_text(kpi['EAC'])} for a BAC of "
                      f"{money_text(kpi['BAC'])}.")
    if pd.notna(spi_t):
        slip = kpi["slip_days"]
        when = ("" if pd.isna(kpi["forecast_finish"]) else
                f", forecast to finish on {kpi['forecast_finish']:%d %b %Y}"
                + ("" if pd.isna(slip) else f" ({slip:+.0f} working days against plan)"))
        pieces.append(f"Work progresses at {spi_t:.2f} of the planned pace (SPI(t)){when}.")
    return " ".join(pieces)


def _kpi_table(kpi):
    def index(value):
        return "n/a" if pd.isna(value) else f"{value:.2f}"

    rows = [("% complete", f"{kpi['percent_complete']:.1f} %", ""),
            ("BAC (budget at completion)", money_text(kpi["BAC"]), "baseline, without the reserve"),
            ("PV / EV / AC", f"{money_text(kpi['PV'])} / {money_text(kpi['EV'])} / {money_text(kpi['AC'])}",
             "planned value, earned value, actual cost"),
            ("CPI", index(kpi["CPI"]), f"{kpi['cost_rag']}: EV / AC"),
            ("SPI", index(kpi["SPI"]), "EV / PV (drifts to 1 at the end, late or not)"),
            ("SPI(t)", index(kpi["SPI_t"]), f"{kpi['schedule_rag']}: earned schedule / time"),
            ("EAC", money_text(kpi["EAC"]), "BAC / CPI"),
            ("VAC", money_text(kpi["VAC"], signed=True), "BAC - EAC (negative: overrun)"),
            ("Planned finish", date_text(kpi["planned_finish"]), "baseline"),
            ("Forecast finish", date_text(kpi["forecast_finish"]),
             "" if pd.isna(kpi["slip_days"]) else f"{kpi['slip_days']:+.0f} working days"),
            ]
    return pd.DataFrame(rows, columns=["indicator", "value", "meaning"]).set_index("indicator")


def _milestones(schedule, tasks, log, date, forecasts=True):
    """The plan's milestones with their state at ``date``, from the milestone log."""
    marks = schedule[schedule["duration"] == 0]
    names = dict(zip(tasks["id"].astype(str), tasks["name"].astype(str))) if "name" in tasks else {}
    entries = {}
    if log is not None and len(log):
        for _, entry in log.iterrows():
            entries[str(entry["task_id"])] = entry
    rows = []
    for task_id, m in marks.iterrows():
        when = pd.Timestamp(m["finish_date"])
        entry = entries.get(str(task_id))
        accepted = pd.NaT if entry is None else pd.to_datetime(entry.get("accepted_date"))
        forecast = pd.NaT if entry is None or not forecasts else pd.to_datetime(
            entry.get("forecast_date"))
        if pd.notna(accepted) and accepted <= date:
            state = "reached"
            forecast = pd.NaT
            acceptance = f"{accepted:%d %b %Y}, {entry.get('accepted_by', '')}".rstrip(", ")
        else:
            acceptance = ""
            if when <= date:
                state = "overdue"
            elif pd.notna(forecast) and forecast > when:
                state = "forecast late"
            else:
                state = "upcoming"
        rows.append((task_id, names.get(str(task_id), task_id), f"{when:%d %b %Y}",
                     "" if pd.isna(forecast) else f"{forecast:%d %b %Y}", acceptance, state))
    return pd.DataFrame(rows, columns=["id", "milestone", "baseline date", "forecast",
                                       "accepted", "status"]).set_index("id")


def _top_risks(register, projects, top, with_project=False):
    from .risk import add_emv, score_register

    risks = register[register["project"].astype(str).isin(projects)
                     & (register["status"] == "open")]
    if risks.empty:
        return pd.DataFrame()
    scored = add_emv(score_register(risks))
    scored = scored.sort_values(["score", "emv_eur"], ascending=[False, True], kind="stable")
    scored = scored.head(top)
    table = pd.DataFrame({
        "project": scored["project"].astype(str),
        "risk": scored["title"].astype(str),
        "P x I": [f"{p} x {i} = {s} ({r})" for p, i, s, r in
                  zip(scored["probability"], scored["impact"], scored["score"], scored["rating"])],
        "EMV": scored["emv_eur"].map(lambda v: money_text(v, signed=True)),
        "owner": scored["owner"].astype(str),
        "response": scored["response"].astype(str),
        "status": scored["status"].astype(str),
    })
    table.index = pd.Index(scored["id"].astype(str), name="id")
    return table if with_project else table.drop(columns="project")


def _issues(register, projects, with_project=False):
    """The risks that occurred: now issues (threats) or benefits taken (opportunities), not ranked."""
    occurred = register[register["project"].astype(str).isin(projects)
                        & (register["status"] == "occurred")]
    if occurred.empty:
        return pd.DataFrame()
    cost = occurred["cost_impact_eur"].astype(float)
    days = occurred["schedule_impact_days"].astype(float)
    table = pd.DataFrame({
        "project": occurred["project"].astype(str),
        "issue": occurred["title"].astype(str),
        "kind": ["opportunity taken" if c > 0 else "issue" for c in cost],
        "estimated impact": [money_text(c, signed=True) + ("" if d == 0 else f", {d:+.0f} working days")
                             for c, d in zip(cost, days)],
        "owner": occurred["owner"].astype(str),
        "action": occurred["response_action"].astype(str),
    })
    table.index = pd.Index(occurred["id"].astype(str), name="id")
    return table if with_project else table.drop(columns="project")


def _decisions(board, projects, register, ids):
    approved = dict(zip(projects["id"].astype(str),
                        projects["budget_eur"].astype(float)))
    needed = []
    for p, r in board.iterrows():
        if pd.notna(r["EAC"]) and r["EAC"] > approved.get(p, np.inf):
            needed.append(f"{p}: the forecast at completion ({money_text(r['EAC'])}) exceeds the "
                          f"approved budget with its reserve ({money_text(approved[p])}): approve "
                          "extra funding or a recovery plan that cuts cost or scope.")
        if pd.notna(r["slip_days"]) and r["slip_days"] > 10 and r["schedule_rag"] == "red":
            needed.append(f"{p}: forecast {r['slip_days']:.0f} working days late "
                          f"({date_text(r['forecast_finish'])}): accept the new date, or fund "
                          "recovery (crashing, fast-tracking) or cut scope.")
    mine = register[register["project"].astype(str).isin(ids)]
    for _, risk in mine[(mine["status"] == "open") & (mine["response"] == "escalate")].iterrows():
        needed.append(f"{risk['project']}: risk {risk['id']} ({risk['title']}) is escalated "
                      "to this committee: decide the response and its owner.")
    return needed


def _project_figures(project, schedule, tasks, view, baseline, date):
    from . import plots

    blocks = []
    if schedule is not None:
        phases = _phases(schedule, tasks)
        fig = plots.gantt(phases, show_float=False, today=date,
                          title=f"{project}: phases and milestones (orange: status date)")
        fig.set_size_inches(8, max(2.2, 0.3 * len(phases) + 1.2))
        blocks.append(("figure", (_png(fig), "Plan by phase (WBS level 1), with its milestones")))
    whole = view.assign(project=project).set_index("project", append=True)
    whole = whole.reorder_levels(["project", whole.index.names[0]])
    fig = plots.s_curve(whole, project, baseline)
    fig.set_size_inches(8, 3.8)
    blocks.append(("figure", (_png(fig), "S-curves: PV of the baseline, EV and AC to date, "
                                         "forecasts")))
    return blocks


def _phases(schedule, tasks):
    """A schedule of one bar per WBS phase, with the milestones between them."""
    frame = schedule.copy()
    wbs = dict(zip(tasks["id"].astype(str), tasks["wbs"].astype(str))) if "wbs" in tasks else {}
    names = dict(zip(tasks["id"].astype(str), tasks["name"].astype(str))) if "name" in tasks else {}
    frame["phase"] = [wbs.get(str(t), "1").split(".")[0] for t in frame.index]
    rows = {}
    for phase, group in frame.groupby("phase", sort=False):
        work = group[group["duration"] > 0]
        if len(work):
            rows[f"Phase {phase}"] = {
                "duration": float(work["ef"].max() - work["es"].min()),
                "es": work["es"].min(), "ef": work["ef"].max(), "total_float": 0.0,
                "critical": bool(work["critical"].any()),
                "start_date": work["start_date"].min(), "finish_date": work["finish_date"].max(),
                "late_finish_date": work["finish_date"].max()}
        for task_id, m in group[group["duration"] == 0].iterrows():
            rows[names.get(str(task_id), str(task_id))[:40]] = {
                "duration": 0.0, "es": m["es"], "ef": m["ef"], "total_float": 0.0,
                "critical": bool(m["critical"]), "start_date": m["start_date"],
                "finish_date": m["finish_date"], "late_finish_date": m["late_finish_date"]}
    out = pd.DataFrame.from_dict(rows, orient="index")
    return out.sort_values(["es", "duration"], kind="stable")


def _board_table(board):
    rows = []
    for p, r in board.iterrows():
        rows.append((p, r["name"], r["rag"].upper(), f"{r['percent_complete']:.0f} %",
                     "n/a" if pd.isna(r["CPI"]) else f"{r['CPI']:.2f}",
                     "n/a" if pd.isna(r["SPI_t"]) else f"{r['SPI_t']:.2f}",
                     money_text(r["BAC"]), money_text(r["EAC"]), money_text(r["VAC"], signed=True),
                     date_text(r["forecast_finish"]),
                     "" if pd.isna(r["slip_days"]) else f"{r['slip_days']:+.0f}"))
    return pd.DataFrame(rows, columns=["project", "name", "RAG", "complete", "CPI", "SPI(t)",
                                       "BAC", "EAC", "VAC", "forecast finish",
                                       "slip (working days)"]).set_index("project")


def _okr_table(rollup):
    table = pd.DataFrame({"objective": rollup["objective"],
                          "key results": rollup["key_results"].astype(str),
                          "progress": rollup["progress"].map(lambda v: f"{v:.0%}"),
                          "projects": rollup["projects"]}, index=rollup.index)
    if "project_rag" in rollup.columns:
        table["projects' RAG"] = rollup["project_rag"].str.upper()
    return table


# --- rendering ------------------------------------------------------------------------


_CSS = string.Template("""
body{font-family:-apple-system,'Segoe UI',Helvetica,Arial,sans-serif;color:$ink;max-width:60rem;
margin:1.5rem auto;padding:0 1rem;line-height:1.4;font-size:11pt}
h1{font-size:1.5rem;border-bottom:3px solid $accent;padding-bottom:.3rem}
h2{font-size:1.1rem;color:$accent;margin:1.2rem 0 .4rem}
table{border-collapse:collapse;width:100%;font-size:.9rem;margin:.3rem 0}
th,td{border:1px solid $rule;padding:.25rem .5rem;text-align:left;vertical-align:top}
th{background:$shade}
.rag{display:inline-block;padding:.1rem .6rem;border-radius:.8rem;color:$white;font-weight:bold;
font-size:.85rem;-webkit-print-color-adjust:exact;print-color-adjust:exact}
.rags span{margin-right:1.5rem}
figure{margin:.6rem 0;break-inside:avoid}
img{max-width:100%}
figcaption{font-size:.85rem;color:$muted}
@media print{body{margin:0;max-width:none;font-size:9.5pt}h2{break-after:avoid}
table,figure{break-inside:avoid}@page{size:A4;margin:12mm}}
""").substitute(
    ink=COLOURS["ink"], accent=COLOURS["task"], rule=COLOURS["float"], shade=COLOURS["shade"],
    muted=COLOURS["muted"], white=WHITE)


def _e(text):
    return html.escape(str(text), quote=True)


def _badge(rag):
    colour = _RAG_COLOURS.get(str(rag), _RAG_COLOURS["grey"])
    return f"<span class='rag rag-{_e(rag)}' style='background:{colour}'>{_e(str(rag).upper())}</span>"


def _html_table(frame):
    head = "".join(f"<th>{_e(c)}</th>" for c in [frame.index.name or ""] + list(frame.columns))
    rows = []
    for key, row in frame.iterrows():
        cells = [f"<th>{_e(key)}</th>"]
        for column, value in row.items():
            text = _e(value)
            if str(column) in ("RAG", "projects' RAG") and str(value).lower() in _RAG_COLOURS:
                text = _badge(str(value).lower())
            cells.append(f"<td>{text}</td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"


def _md_table(frame):
    def cell(value):
        return str(value).replace("|", "\\|").replace("\n", " ")

    header = [frame.index.name or ""] + [str(c) for c in frame.columns]
    lines = ["| " + " | ".join(map(cell, header)) + " |", "|" + "---|" * len(header)]
    for key, row in frame.iterrows():
        lines.append("| " + " | ".join(cell(v) for v in [key] + list(row)) + " |")
    return "\n".join(lines)


def _png(fig):
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=90, metadata={"Software": None})
    return buffer.getvalue()
