"""Reporting: a one-page status report per project and a portfolio report for the steering committee.

A report is built from the company's tables (``pmo_lessons.data``, or tables of
your own passed as ``tables``), with the numbers of the other modules: RAG and
KPIs from :func:`pmo_lessons.evm.dashboard`, milestones from the plan
(:func:`pmo_lessons.schedule.cpm`), top risks from the register
(:func:`pmo_lessons.risk.score_register`), OKRs from
:func:`pmo_lessons.evm.okr_rollup`. It renders as

* **HTML**: one self-contained page, readable in a browser and printable (A4,
  a print stylesheet), figures embedded as base64 PNG, no external CSS,
  JavaScript or font, no link fetched from anywhere;
* **Markdown**: the same content for a wiki or an e-mail, figures embedded as
  ``data:`` images (``figures=False`` leaves them out).

What goes in a status report follows PMI, *PMBOK Guide* (7th ed., 2021), section
2.6 (the measurement performance domain: dashboards, RAG, forecasts) and
AXELOS, *Managing Successful Projects with PRINCE2* (2017), appendix A.11
(highlight report: status, tolerances, issues and risks, decisions sought).
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
import math
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from .errors import InputError
from .style import RAG_COLOURS

__all__ = [
    "ReportError", "Report", "project_report", "portfolio_report",
    # communication
    "STAKEHOLDER_STRATEGIES", "FREQUENCIES", "DEFAULT_MAX_DAYS", "stakeholder_grid",
    "check_communication_plan", "check_kpis", "status_headline", "review_status_report",
]

_RAG_COLOURS = RAG_COLOURS  # the kit's one palette (pmo_lessons.style): badges with white text
_TABLES = ("projects", "tasks", "status", "risks", "okrs", "holidays")


class ReportError(InputError):
    """A report that cannot be written from the data given (unknown project, no status...)."""


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
    okrs, holidays``: the frames of ``pmo_lessons.data``); the others are
    loaded. ``decisions`` adds decisions the project manager asks for to those
    the figures call for.

    Content:

    * **RAG**: overall, cost (CPI) and schedule (SPI(t)), from
      :func:`pmo_lessons.evm.dashboard` with ``thresholds`` (the PMO's policy);
    * **KPIs**: % complete, BAC, PV, EV, AC, CPI, SPI, SPI(t), EAC, VAC, planned
      and forecast finish, slip;
    * **milestones** of the plan with their baseline date, ``reached`` when the
      earned schedule (Lipke, 2003) has passed the milestone's week, ``overdue``
      when its date is past but the work before it is not earned,
      ``upcoming`` otherwise;
    * **top risks**: the open and occurred risks with the highest
      probability x impact (then the worst EMV);
    * **decisions needed**: an EAC above the approved budget (BAC + reserve), a
      red schedule forecast more than 10 days late, risks escalated to the
      committee (response ``escalate``), and ``decisions``;
    * **figures**: a small Gantt of the phases (WBS level 1) and milestones with
      the status date, and the S-curves.

    Raises :class:`ReportError` for an unknown project or a project with no
    status on or before the date.

    >>> report = project_report("ERP", figures=False)
    >>> round(float(report.data["kpis"]["CPI"]), 2), report.rag
    (0.88, 'red')
    >>> "## Top risks" in report.to_markdown()
    True
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
    board = dashboard(status, one, baseline, thresholds=thresholds, planned_finish=planned)
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

    milestones = (_milestones(schedule, tasks, view, date) if schedule is not None
                  else pd.DataFrame())
    if len(milestones):
        blocks += [("h2", "Milestones"), ("table", milestones)]

    risks = _top_risks(t["risks"], [str(project)], top_risks)
    blocks += [("h2", "Top risks"),
               ("table", risks) if len(risks) else ("p", "No open risk in the register.")]

    needed = _decisions(board, one, t["risks"], [str(project)]) + list(decisions)
    blocks += [("h2", "Decisions needed"), ("list", needed or ["None this week."])]

    if figures:
        blocks += _project_figures(str(project), schedule, tasks, view, baseline, date)
    title = f"{project} {row['name']}: status at {date:%d %b %Y}"
    return Report(title, kpi["rag"], blocks,
                  data={"kpis": kpis, "board": board, "milestones": milestones,
                        "risks": risks, "decisions": needed})


# --- the portfolio report ---------------------------------------------------------


def portfolio_report(status_date=None, top_risks=5, decisions=(), selection=None, tables=None,
                     figures=True, thresholds=None):
    """The steering committee's report: every project's RAG, money, OKRs, top risks, decisions.

    ``status_date``, ``tables``, ``thresholds`` and ``decisions`` as for
    :func:`project_report`. ``selection``, a
    :class:`pmo_lessons.portfolio.Selection`, adds the proposed portfolio
    (the projects recommended for funding, with the greedy and LP answers for
    contrast). The overall RAG is the worst project RAG.

    Content: a headline (how many projects are red, amber, green; total BAC,
    EAC and VAC), the dashboard table (one row per project), the OKR roll-up
    with the worst RAG of the projects serving each objective, the top risks
    across the portfolio, the selection when given, the decisions needed, and
    the portfolio chart and OKR chart.

    >>> report = portfolio_report(figures=False)
    >>> report.rag, list(report.data["board"]["rag"].value_counts().sort_index().items())
    ('red', [('amber', 4), ('green', 1), ('red', 2)])
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
    board = dashboard(status, projects, baseline, thresholds=thresholds, planned_finish=finish)
    date = pd.Timestamp(board["status_date"].max())
    worst = max(board["rag"], key={"grey": 0, "green": 1, "amber": 2, "red": 3}.get)
    counts = board["rag"].value_counts()
    bac, eac = board["BAC"].sum(), board["EAC"].sum()
    blocks = [("p", f"Status date: {date:%d %b %Y} · {len(board)} projects reporting: "
                    + ", ".join(f"{counts.get(r, 0)} {r}" for r in ("red", "amber", "green"))
                    + f". Total BAC {_money(bac)}, forecast at completion {_money(eac)} "
                      f"(VAC {_money(bac - eac, signed=True)})."),
              ("h2", "Projects"), ("table", _board_table(board))]
    rollup = okr_rollup(t["okrs"], board)
    blocks += [("h2", "Objectives and key results"), ("table", _okr_table(rollup))]
    risks = _top_risks(t["risks"], board.index.tolist(), top_risks, with_project=True)
    blocks += [("h2", "Top risks of the portfolio"),
               ("table", risks) if len(risks) else ("p", "No open risk in the register.")]
    if selection is not None:
        compare = selection.compare()
        table = pd.DataFrame({"value": compare["value"].map(_money),
                              "cost": compare["cost"].map(_money),
                              "budget left": compare["unused"].map(_money),
                              "projects": compare["projects"]}, index=compare.index)
        blocks += [("h2", "Proposed projects for funding"),
                   ("p", f"Budget {_money(selection.budget)}. Recommended (exact optimum): "
                         f"{', '.join(selection.selected) or 'none'}, total value "
                         f"{_money(selection.value)}."),
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
    return Report(f"Portfolio report to the steering committee: {date:%d %b %Y}", worst, blocks,
                  data={"board": board, "okrs": rollup, "risks": risks, "decisions": needed})


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
               "holidays": data.load_holidays}
    return {name: tables[name] if name in tables else loaders[name]() for name in _TABLES}


def _headline(kpi):
    pieces = [f"{kpi['percent_complete']:.1f} % complete."]
    cpi, spi_t = kpi["CPI"], kpi["SPI_t"]
    if pd.notna(cpi):
        pieces.append(f"Every euro spent earns {cpi:.2f} € of planned work (CPI); "
                      f"the forecast at completion is {_money(kpi['EAC'])} for a BAC of "
                      f"{_money(kpi['BAC'])}.")
    if pd.notna(spi_t):
        slip = kpi["slip_days"]
        when = ("" if pd.isna(kpi["forecast_finish"]) else
                f", forecast to finish on {kpi['forecast_finish']:%d %b %Y}"
                + ("" if pd.isna(slip) else f" ({slip:+.0f} days against plan)"))
        pieces.append(f"Work progresses at {spi_t:.2f} of the planned pace (SPI(t)){when}.")
    return " ".join(pieces)


def _kpi_table(kpi):
    def index(value):
        return "n/a" if pd.isna(value) else f"{value:.2f}"

    rows = [("% complete", f"{kpi['percent_complete']:.1f} %", ""),
            ("BAC (budget at completion)", _money(kpi["BAC"]), "baseline, without the reserve"),
            ("PV / EV / AC", f"{_money(kpi['PV'])} / {_money(kpi['EV'])} / {_money(kpi['AC'])}",
             "planned value, earned value, actual cost"),
            ("CPI", index(kpi["CPI"]), f"{kpi['cost_rag']}: EV / AC"),
            ("SPI", index(kpi["SPI"]), "EV / PV (drifts to 1 at the end, late or not)"),
            ("SPI(t)", index(kpi["SPI_t"]), f"{kpi['schedule_rag']}: earned schedule / time"),
            ("EAC", _money(kpi["EAC"]), "BAC / CPI"),
            ("VAC", _money(kpi["VAC"], signed=True), "BAC - EAC (negative: overrun)"),
            ("Planned finish", _date(kpi["planned_finish"]), "baseline"),
            ("Forecast finish", _date(kpi["forecast_finish"]),
             "" if pd.isna(kpi["slip_days"]) else f"{kpi['slip_days']:+.0f} days"),
            ]
    return pd.DataFrame(rows, columns=["indicator", "value", "meaning"]).set_index("indicator")


def _milestones(schedule, tasks, view, date):
    marks = schedule[schedule["duration"] == 0]
    names = dict(zip(tasks["id"].astype(str), tasks["name"].astype(str))) if "name" in tasks else {}
    week_one = pd.Timestamp(view["status_date"].iloc[0]) - pd.Timedelta(days=7 * int(view.index[0]))
    earned = float(view["ES"].iloc[-1]) if "ES" in view.columns else float("nan")
    rows = []
    for task_id, m in marks.iterrows():
        when = pd.Timestamp(m["finish_date"])
        weeks = (when - week_one).days / 7  # time of the milestone in weeks, as ES counts
        if pd.notna(earned) and earned >= weeks - 1e-9:
            state = "reached"
        elif when <= date:
            state = "overdue"
        else:
            state = "upcoming"
        rows.append((task_id, names.get(str(task_id), task_id), f"{when:%d %b %Y}", state))
    return pd.DataFrame(rows, columns=["id", "milestone", "baseline date", "status"]).set_index("id")


def _top_risks(register, projects, top, with_project=False):
    from .risk import add_emv, score_register

    risks = register[register["project"].astype(str).isin(projects)
                     & register["status"].isin(["open", "occurred"])]
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
        "EMV": scored["emv_eur"].map(lambda v: _money(v, signed=True)),
        "owner": scored["owner"].astype(str),
        "response": scored["response"].astype(str),
        "status": scored["status"].astype(str),
    })
    table.index = pd.Index(scored["id"].astype(str), name="id")
    return table if with_project else table.drop(columns="project")


def _decisions(board, projects, register, ids):
    approved = dict(zip(projects["id"].astype(str),
                        projects["budget_eur"].astype(float)))
    needed = []
    for p, r in board.iterrows():
        if pd.notna(r["EAC"]) and r["EAC"] > approved.get(p, np.inf):
            needed.append(f"{p}: the forecast at completion ({_money(r['EAC'])}) exceeds the "
                          f"approved budget with its reserve ({_money(approved[p])}): approve "
                          "extra funding or a recovery plan that cuts cost or scope.")
        if pd.notna(r["slip_days"]) and r["slip_days"] > 10 and r["schedule_rag"] == "red":
            needed.append(f"{p}: forecast {r['slip_days']:.0f} days late "
                          f"({_date(r['forecast_finish'])}): accept the new date, or fund "
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
                     _money(r["BAC"]), _money(r["EAC"]), _money(r["VAC"], signed=True),
                     _date(r["forecast_finish"]),
                     "" if pd.isna(r["slip_days"]) else f"{r['slip_days']:+.0f} d"))
    return pd.DataFrame(rows, columns=["project", "name", "RAG", "complete", "CPI", "SPI(t)",
                                       "BAC", "EAC", "VAC", "forecast finish",
                                       "slip"]).set_index("project")


def _okr_table(rollup):
    table = pd.DataFrame({"objective": rollup["objective"],
                          "key results": rollup["key_results"].astype(str),
                          "progress": rollup["progress"].map(lambda v: f"{v:.0%}"),
                          "projects": rollup["projects"]}, index=rollup.index)
    if "project_rag" in rollup.columns:
        table["projects' RAG"] = rollup["project_rag"].str.upper()
    return table


# --- rendering ------------------------------------------------------------------------


_CSS = """
body{font-family:-apple-system,'Segoe UI',Helvetica,Arial,sans-serif;color:#1c2833;max-width:60rem;
margin:1.5rem auto;padding:0 1rem;line-height:1.4;font-size:11pt}
h1{font-size:1.5rem;border-bottom:3px solid #2e86c1;padding-bottom:.3rem}
h2{font-size:1.1rem;color:#2e86c1;margin:1.2rem 0 .4rem}
table{border-collapse:collapse;width:100%;font-size:.9rem;margin:.3rem 0}
th,td{border:1px solid #d5d8dc;padding:.25rem .5rem;text-align:left;vertical-align:top}
th{background:#eaf2f8}
.rag{display:inline-block;padding:.1rem .6rem;border-radius:.8rem;color:#fff;font-weight:bold;
font-size:.85rem;-webkit-print-color-adjust:exact;print-color-adjust:exact}
.rags span{margin-right:1.5rem}
figure{margin:.6rem 0;break-inside:avoid}
img{max-width:100%}
figcaption{font-size:.85rem;color:#566573}
@media print{body{margin:0;max-width:none;font-size:9.5pt}h2{break-after:avoid}
table,figure{break-inside:avoid}@page{size:A4;margin:12mm}}
"""


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


def _money(value, signed=False):
    if value is None or (isinstance(value, float) and math.isnan(value)) or pd.isna(value):
        return "n/a"
    sign = ("+" if value > 0 else "-" if value < 0 else "") if signed else ("-" if value < 0 else "")
    amount = abs(float(value))
    if amount >= 1e6:
        return f"{sign}{amount / 1e6:.2f} M€"
    if amount >= 1e3:
        return f"{sign}{amount / 1e3:.0f} k€"
    return f"{sign}{amount:.0f} €"


def _date(value):
    return "n/a" if pd.isna(value) else f"{pd.Timestamp(value):%d %b %Y}"


# --- communication ---
# Who hears what, when, from whom; which KPIs deserve a place on the dashboard; what a status report
# must say first. Checks a PMO runs on the way projects report (lesson 07), on the company's tables.

#: Mendelow's power/interest grid: the strategy for each quadrant, keyed by (power, interest).
#: Mendelow, "Stakeholder mapping", Proceedings of the 2nd International Conference on Information
#: Systems, Cambridge MA, 1991; PMI, *PMBOK Guide*, 6th ed., 2017, section 13.1.2.4.
STAKEHOLDER_STRATEGIES = {
    ("high", "high"): "manage closely",
    ("high", "low"): "keep satisfied",
    ("low", "high"): "keep informed",
    ("low", "low"): "monitor",
}

#: The frequencies a communication plan may use, with the days between two messages
#: (``None``: not a regular message; "per stage" and "on exception" come when something happens).
FREQUENCIES = {"daily": 1, "weekly": 7, "fortnightly": 14, "monthly": 31, "quarterly": 92,
               "per stage": None, "on exception": None}

#: The Meridian PMO's policy (not a standard): the longest interval, in days, between two regular
#: messages to a stakeholder of each quadrant (``None``: no regular message is required).
DEFAULT_MAX_DAYS = {"manage closely": 31, "keep satisfied": 92, "keep informed": 31,
                    "monitor": None}

_COMMS_FINDINGS = ["stakeholder", "check", "severity", "problem"]
_KPI_FINDINGS = ["kpi", "check", "severity", "problem"]
_REVIEW_FINDINGS = ["part", "check", "severity", "problem"]


def _blank(value):
    if value is None:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    return isinstance(value, str) and not value.strip()


def _need(frame, columns, what):
    if not isinstance(frame, pd.DataFrame):
        raise ReportError(f"{what} is a DataFrame with the columns {', '.join(columns)}, "
                          f"not {type(frame).__name__}.")
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise ReportError(f"{what} has no column {missing[0]!r}; it needs "
                          f"{', '.join(columns)} (it has {', '.join(map(str, frame.columns))}).")


def _score_1_to_5(frame, column, what):
    for k, (name, value) in enumerate(zip(frame["stakeholder"], frame[column])):
        if isinstance(value, bool) or not isinstance(value, (int, float, np.integer, np.floating)) \
                or pd.isna(value) or value != int(value) or not 1 <= value <= 5:
            raise ReportError(f"{what}, row {k + 2} ({name}): {column} is {value!r}; valid: an "
                              "integer from 1 (lowest) to 5 (highest).")


def stakeholder_grid(stakeholders, high=4):
    """Place each stakeholder on the power/interest grid and give the strategy of its quadrant.

    ``stakeholders`` has ``stakeholder, power, interest`` (power and interest
    scored 1 to 5, as the PMO rates them). A score is **high** when it is at
    least ``high`` (4 by default: the PMO's convention, not a standard). The
    quadrants and their strategies are Mendelow's (1991), as in PMI, *PMBOK
    Guide* (6th ed., 2017), section 13.1.2.4: high power and high interest,
    **manage closely**; high power, low interest, **keep satisfied**; low
    power, high interest, **keep informed**; low and low, **monitor**.

    Returns a copy with ``power_level``, ``interest_level`` (``"high"`` or
    ``"low"``) and ``quadrant``. Rows ``(spreadsheet numbering, header = 1)``
    with a score outside 1-5 raise :class:`ReportError`.

    >>> people = pd.DataFrame({"stakeholder": ["Sponsor", "Key users", "Auditor"],
    ...                        "power": [5, 2, 4], "interest": [5, 5, 2]})
    >>> stakeholder_grid(people)["quadrant"].tolist()
    ['manage closely', 'keep informed', 'keep satisfied']
    """
    _need(stakeholders, ["stakeholder", "power", "interest"], "stakeholders")
    if not 1 < high <= 5:
        raise ReportError(f"high is the score from which power or interest counts as high, a "
                          f"number in (1, 5]; got {high!r}.")
    names = stakeholders["stakeholder"]
    duplicated = names[names.duplicated()]
    if len(duplicated):
        raise ReportError(f"stakeholders: {duplicated.iloc[0]!r} appears twice; one row per "
                          "stakeholder.")
    for column in ("power", "interest"):
        _score_1_to_5(stakeholders, column, "stakeholders")
    grid = stakeholders.copy()
    grid["power_level"] = np.where(grid["power"] >= high, "high", "low")
    grid["interest_level"] = np.where(grid["interest"] >= high, "high", "low")
    grid["quadrant"] = [STAKEHOLDER_STRATEGIES[(p, i)]
                        for p, i in zip(grid["power_level"], grid["interest_level"])]
    return grid


def check_communication_plan(stakeholders, plan, high=4, max_days=None):
    """The findings of a communication plan review, one row per problem; empty means complete.

    ``stakeholders`` as for :func:`stakeholder_grid`; ``plan`` has one row per
    message: ``audience`` (a stakeholder), ``what``, ``frequency`` (one of
    :data:`FREQUENCIES`), ``channel`` and ``owner``, the columns of the
    communications management plan of PMI, *PMBOK Guide* (6th ed., 2017),
    section 10.1.3.1 (who, what, when, how, by whom).

    Checks: every row has ``what``, a ``channel`` and an ``owner``
    (``row``, error); every stakeholder to manage closely, keep satisfied or
    keep informed has a message (``missing``, error) at least as often as
    ``max_days`` allows for its quadrant (``frequency``, error; defaults in
    :data:`DEFAULT_MAX_DAYS`, the PMO's policy): "on exception" alone is not
    enough for someone who must hear regularly.

    An audience that is not a stakeholder, or a frequency that is not in
    :data:`FREQUENCIES`, raises :class:`ReportError` naming the row.

    >>> people = pd.DataFrame({"stakeholder": ["Sponsor", "Key users", "Auditor"],
    ...                        "power": [5, 2, 4], "interest": [5, 5, 2]})
    >>> plan = pd.DataFrame({"audience": ["Sponsor", "Key users"],
    ...     "what": ["Highlight report", "Release notes"], "frequency": ["on exception", "weekly"],
    ...     "channel": ["meeting", "e-mail"], "owner": ["PM", ""]})
    >>> check_communication_plan(people, plan)[["stakeholder", "check"]]
      stakeholder      check
    0   Key users        row
    1     Sponsor  frequency
    2     Auditor    missing
    """
    grid = stakeholder_grid(stakeholders, high)
    _need(plan, ["audience", "what", "frequency", "channel", "owner"], "plan")
    limits = dict(DEFAULT_MAX_DAYS)
    if max_days is not None:
        unknown = set(max_days) - set(limits)
        if unknown:
            raise ReportError(f"max_days: unknown quadrant {sorted(unknown)[0]!r}; valid: "
                              f"{', '.join(limits)}.")
        limits.update(max_days)
    known = list(grid["stakeholder"].astype(str))
    findings, intervals = [], {name: [] for name in known}
    for k, row in enumerate(plan.itertuples(index=False)):
        where = f"plan, row {k + 2}"
        audience = str(row.audience).strip() if not _blank(row.audience) else ""
        if audience not in intervals:
            raise ReportError(f"{where}: audience {row.audience!r} is not a stakeholder; valid: "
                              f"{', '.join(known)}.")
        frequency = "" if _blank(row.frequency) else str(row.frequency).strip().lower()
        if frequency not in FREQUENCIES:
            raise ReportError(f"{where} ({audience}): frequency {row.frequency!r}; valid: "
                              f"{', '.join(FREQUENCIES)}.")
        lacking = [c for c in ("what", "channel", "owner") if _blank(getattr(row, c))]
        if lacking:
            findings.append((audience, "row", "error",
                             f"{where} ({audience}): no {' and no '.join(lacking)}; every message "
                             "says what is sent, through which channel, and who sends it."))
        intervals[audience].append(FREQUENCIES[frequency])
    for name, quadrant in zip(known, grid["quadrant"]):
        limit = limits[quadrant]
        if quadrant == "monitor":
            continue
        if not intervals[name]:
            findings.append((name, "missing", "error",
                             f"{name} ({quadrant}) gets no message at all; plan at least one"
                             + (f", every {limit} days or more often." if limit else ".")))
            continue
        regular = [d for d in intervals[name] if d is not None]
        if limit is not None and (not regular or min(regular) > limit):
            heard = (f"every {min(regular)} days at best" if regular
                     else "only per stage or on exception")
            findings.append((name, "frequency", "error",
                             f"{name} ({quadrant}) hears {heard}; the PMO's policy for this "
                             f"quadrant is a regular message at least every {limit} days."))
    order = {name: k for k, name in enumerate(known)}
    rank = {"row": 0, "missing": 1, "frequency": 1}
    findings.sort(key=lambda f: (rank[f[1]], order.get(f[0], -1)))
    return pd.DataFrame(findings, columns=_COMMS_FINDINGS)


def check_kpis(kpis, max_kpis=7):
    """The findings of a KPI list review, one row per problem; an empty table means fit to publish.

    ``kpis`` has one row per indicator: ``kpi`` (its name), ``owner`` (who acts
    on it), ``threshold`` (the value that turns it amber or red, e.g.
    ``"< 0.90"``), ``decision`` (what the owner decides when it crosses the
    threshold) and, optionally, ``kind``: ``"leading"`` (predicts, e.g. the
    burn rate of the risk reserve) or ``"lagging"`` (records, e.g. CPI).

    Checks, after Parmenter, *Key Performance Indicators* (4th ed., Wiley,
    2019), chapter 1 (few indicators, each owned and acted on), and Kaplan &
    Norton, *The Balanced Scorecard* (1996), chapter 7 (leading and lagging
    measures): a KPI with no ``owner``, no ``threshold`` or no ``decision``
    (error: without a decision it is a **vanity metric**); the same KPI twice
    (error); more than ``max_kpis`` indicators (warning: a handful, not fifty;
    7 is the PMO's policy); no leading indicator when ``kind`` is given
    (warning: lagging indicators alone report too late to act).

    >>> kpis = pd.DataFrame({"kpi": ["SPI(t)", "Status reports issued"],
    ...     "owner": ["Head of PMO", "PMO analyst"], "threshold": ["< 0.90", ""],
    ...     "decision": ["Recovery plan or new date at the committee", ""],
    ...     "kind": ["lagging", "lagging"]})
    >>> check_kpis(kpis)[["kpi", "check", "severity"]]
                         kpi      check severity
    0  Status reports issued  threshold    error
    1  Status reports issued   decision    error
    2                             leading  warning
    """
    _need(kpis, ["kpi", "owner", "threshold", "decision"], "kpis")
    if isinstance(max_kpis, bool) or not isinstance(max_kpis, int) or max_kpis < 1:
        raise ReportError(f"max_kpis is a whole number of indicators, at least 1; got {max_kpis!r}.")
    if "kind" in kpis.columns:
        for k, (name, kind) in enumerate(zip(kpis["kpi"], kpis["kind"])):
            if _blank(kind) or str(kind).strip().lower() not in ("leading", "lagging"):
                raise ReportError(f"kpis, row {k + 2} ({name}): kind is {kind!r}; valid: "
                                  "'leading' or 'lagging'.")
    findings, seen = [], set()
    why = {"owner": "nobody acts on it: name the person who answers for it",
           "threshold": "nobody can tell when it is bad: give the value that turns it red",
           "decision": "it drives no decision: a vanity metric; say what its owner decides when "
                       "it crosses the threshold, or drop it"}
    for k, row in enumerate(kpis.itertuples(index=False)):
        name = "" if _blank(row.kpi) else str(row.kpi).strip()
        if not name:
            raise ReportError(f"kpis, row {k + 2}: the KPI has no name.")
        if name in seen:
            findings.append((name, "duplicate", "error",
                             f"{name} appears twice; one row per indicator."))
            continue
        seen.add(name)
        for column in ("owner", "threshold", "decision"):
            if _blank(getattr(row, column)):
                findings.append((name, column, "error", f"{name}: no {column}; {why[column]}."))
    if len(seen) > max_kpis:
        findings.append(("", "count", "warning",
                         f"{len(seen)} indicators: more than the {max_kpis} a dashboard can show "
                         "and a reader can act on; keep the few that drive decisions."))
    if "kind" in kpis.columns and not (kpis["kind"].str.strip().str.lower() == "leading").any():
        findings.append(("", "leading", "warning",
                         "no leading indicator: lagging ones (CPI, SPI(t), % complete) say what "
                         "happened; add one that warns before it happens (reserve burn, open "
                         "high risks, defects found per week)."))
    return pd.DataFrame(findings, columns=_KPI_FINDINGS)


def status_headline(row, budget=None):
    """The first sentence of a status report: the RAG and the news, worst first, in days and euros.

    ``row`` is one project's row of :func:`pmo_lessons.evm.dashboard` (a Series
    with ``name`` when present, ``rag``, ``cost_rag``, ``schedule_rag``,
    ``forecast_finish``, ``slip_days``, ``BAC``, ``EAC``; its ``.name`` is the
    project id). ``budget`` is the approved budget with its reserve
    (projects.csv's ``budget_eur``): when the forecast exceeds it, the
    headline says so, since that is when the sponsor must decide.

    The schedule news comes from the earned-schedule forecast (SPI(t)), never
    from SPI, which drifts back to 1 at the end of a late project; the worse of
    cost and schedule comes first (the answer first: Minto, *The Pyramid
    Principle*, 3rd ed., 2009, chapter 1).

    >>> row = pd.Series({"name": "ERP roll-out", "rag": "red", "cost_rag": "red",
    ...     "schedule_rag": "red", "forecast_finish": pd.Timestamp("2027-03-30"),
    ...     "slip_days": 67, "BAC": 2_259_180.0, "EAC": 2_556_802.0}, name="ERP")
    >>> status_headline(row, budget=2_490_000)
    'ERP roll-out is RED: forecast to finish on 30 Mar 2027, 67 days late; forecast cost 2.56 M€, 298 k€ over its BAC of 2.26 M€ and above the approved budget with reserve (2.49 M€).'
    """
    if not isinstance(row, pd.Series):
        raise ReportError(f"row is one project's row of evm.dashboard (a Series), not "
                          f"{type(row).__name__}.")
    for column in ("rag", "cost_rag", "schedule_rag", "slip_days", "forecast_finish", "BAC", "EAC"):
        if column not in row.index:
            raise ReportError(f"row has no {column!r}; pass a row of evm.dashboard, "
                              "e.g. board.loc['ERP'].")
    who = str(row["name"]) if "name" in row.index and not _blank(row["name"]) else str(row.name)
    slip = row["slip_days"]
    if pd.isna(slip):
        schedule = "no schedule forecast yet"
    elif slip > 0:
        schedule = f"forecast to finish on {_date(row['forecast_finish'])}, {slip:.0f} days late"
    elif slip < 0:
        schedule = f"forecast to finish on {_date(row['forecast_finish'])}, {-slip:.0f} days early"
    else:
        schedule = f"on time for {_date(row['forecast_finish'])}"
    eac, bac = row["EAC"], row["BAC"]
    if pd.isna(eac):
        cost = "no cost forecast yet"
    else:
        gap = eac - bac
        side = "over" if gap > 0 else "under"
        cost = (f"forecast cost {_money(eac)}, {_money(abs(gap))} {side} its BAC of {_money(bac)}"
                if abs(gap) >= 0.5 else f"forecast cost {_money(eac)}, on its BAC")
        if budget is not None and eac > budget:
            cost += f" and above the approved budget with reserve ({_money(budget)})"
    severity = {"grey": 0, "green": 1, "amber": 2, "red": 3}
    news = [schedule, cost]
    if severity.get(row["cost_rag"], 0) > severity.get(row["schedule_rag"], 0):
        news.reverse()
    return f"{who} is {str(row['rag']).upper()}: {news[0]}; {news[1]}."


import re  # noqa: E402 - used by this section only

_SCHEDULE_WORDS = re.compile(r"\b(late|delay|slip|behind|finish|days|weeks|go-live)")
_DATE = re.compile(r"\b\d{1,2} [A-Za-z]{3,9} \d{4}\b|\b\d{4}-\d{2}-\d{2}\b")
_COST_WORDS = re.compile(r"€|\b(budget|cost|eur|spend|spent|eac|overrun|overspen)")


def review_status_report(draft, board, thresholds=None, status_date=None, max_words=40):
    """The findings of a PMO review of a status report, one row per problem; empty means fit to send.

    ``draft`` is a dict: ``project`` (an id of ``board``), ``rag`` (the RAG the
    project manager reports), ``headline`` (the first sentence), optionally
    ``schedule_index`` (``"SPI"`` or ``"SPI_t"``, the index the report quotes)
    and ``asks``, a list of dicts ``decision, options, deadline`` (the
    decisions the report requests). ``board`` is :func:`pmo_lessons.evm.dashboard`
    computed with the same ``thresholds``; ``status_date`` defaults to the
    project's status date on the board.

    Checks, after AXELOS, *Managing Successful Projects with PRINCE2* (2017),
    appendix A.11 (highlight report) and A.10 (exception report):

    * ``rag`` (error): the reported RAG is not the one the indices give under
      the PMO's thresholds (a green report on a red project);
    * ``schedule index`` (error): the report quotes SPI where SPI and SPI(t)
      give different ratings (SPI drifts to 1 at the end of a late project);
    * ``headline``: it must name the RAG (error), carry the schedule news when
      the schedule is amber or red and the cost news when cost is (error: it
      buries the news; checked by words such as *late*, *finish*, *cost*,
      *budget*, *€*, a heuristic), and be one sentence of at most
      ``max_words`` words (warning);
    * ``ask``: each decision has a text, a deadline after the status date
      (error: a decision without a deadline is not a request) and at least two
      options (warning); an amber or red project with no ask gets a warning.

    >>> board = pd.DataFrame({"rag": ["red"], "cost_rag": ["green"], "schedule_rag": ["red"],
    ...     "SPI": [0.94], "SPI_t": [0.85], "status_date": [pd.Timestamp("2026-09-25")]},
    ...     index=pd.Index(["ERP"], name="project"))
    >>> draft = {"project": "ERP", "rag": "amber", "schedule_index": "SPI",
    ...          "headline": "Good progress this week on the build.", "asks": []}
    >>> review_status_report(draft, board)["check"].tolist()
    ['rag', 'schedule index', 'headline', 'headline', 'ask']
    """
    from .evm import rag_status

    if not isinstance(draft, dict):
        raise ReportError(f"draft is a dict with project, rag, headline and asks, not "
                          f"{type(draft).__name__}.")
    for key in ("project", "rag", "headline"):
        if key not in draft:
            raise ReportError(f"draft has no {key!r}; it needs project, rag and headline "
                              "(and optionally schedule_index and asks).")
    project = str(draft["project"])
    if project not in board.index:
        raise ReportError(f"draft: unknown project {project!r}; valid: "
                          f"{', '.join(map(str, board.index))}.")
    row = board.loc[project]
    rag = str(draft["rag"]).strip().lower()
    if rag not in ("green", "amber", "red"):
        raise ReportError(f"draft: rag is {draft['rag']!r}; valid: 'green', 'amber' or 'red'.")
    findings = []
    if rag != row["rag"]:
        findings.append(("rag", "rag", "error",
                         f"{project}: the report says {rag.upper()}, but CPI "
                         f"{row.get('CPI', float('nan')):.2f} and SPI(t) "
                         f"{row.get('SPI_t', float('nan')):.2f} make it {row['rag'].upper()} "
                         "under the PMO's thresholds; report the RAG the indices give, and "
                         "say why."))
    index = draft.get("schedule_index")
    if index is not None and str(index).replace("(", "_").replace(")", "") not in ("SPI", "SPI_t"):
        raise ReportError(f"draft: schedule_index is {index!r}; valid: 'SPI' or 'SPI_t'.")
    limits = _schedule_limits(thresholds)
    if index == "SPI" and "SPI" in row.index and "SPI_t" in row.index:
        by_spi, by_time = rag_status(row["SPI"], **limits), rag_status(row["SPI_t"], **limits)
        if by_spi != by_time:
            findings.append(("schedule", "schedule index", "error",
                             f"{project}: SPI {row['SPI']:.2f} reads {by_spi} but SPI(t) "
                             f"{row['SPI_t']:.2f} reads {by_time}; SPI is in euros and drifts "
                             "back to 1 as a late project ends: report SPI(t)."))
    headline = "" if _blank(draft["headline"]) else str(draft["headline"]).strip()
    lower = headline.lower()
    if not re.search(rf"\b{row['rag']}\b", lower):
        findings.append(("headline", "headline", "error",
                         f"the headline does not say the RAG ({row['rag'].upper()}); the "
                         "reader decides from the first sentence: put the status and its "
                         "reason there."))
    if row["schedule_rag"] in ("amber", "red") and not (
            _SCHEDULE_WORDS.search(lower) or _DATE.search(headline)):
        findings.append(("headline", "headline", "error",
                         f"the schedule is {row['schedule_rag'].upper()} but the headline says "
                         "nothing of the date: it buries the news. Give the forecast finish "
                         "and how late it is."))
    if row["cost_rag"] in ("amber", "red") and not _COST_WORDS.search(lower):
        findings.append(("headline", "headline", "error",
                         f"the cost is {row['cost_rag'].upper()} but the headline says nothing "
                         "of money: it buries the news. Give the forecast cost against the "
                         "budget."))
    if len(headline.split()) > max_words:
        findings.append(("headline", "headline", "warning",
                         f"the headline has {len(headline.split())} words; one sentence of at "
                         f"most {max_words} carries the news, the details follow."))
    date = pd.Timestamp(status_date if status_date is not None else row.get("status_date", pd.NaT))
    asks = draft.get("asks") or []
    for k, ask in enumerate(asks, start=1):
        if not isinstance(ask, dict):
            raise ReportError(f"draft: ask {k} is a dict with decision, options and deadline, "
                              f"not {type(ask).__name__}.")
        what = ask.get("decision")
        label = f"ask {k}" + ("" if _blank(what) else f" ({str(what)[:40]})")
        if _blank(what):
            findings.append(("ask", "ask", "error", f"{label}: no decision; say what the "
                                                    "committee must decide."))
        deadline = ask.get("deadline")
        when = pd.NaT if _blank(deadline) else pd.to_datetime(deadline, errors="coerce")
        if pd.isna(when):
            findings.append(("ask", "ask", "error",
                             f"{label}: no deadline; a decision without a date is not a "
                             "request. Say by when, and what happens if it is late."))
        elif pd.notna(date) and when <= date:
            findings.append(("ask", "ask", "error",
                             f"{label}: the deadline {when:%d %b %Y} is not after the status "
                             f"date {date:%d %b %Y}."))
        options = ask.get("options") or []
        if isinstance(options, str) or len(options) < 2:
            findings.append(("ask", "ask", "warning",
                             f"{label}: give the committee at least two options, with your "
                             "recommendation, not a single answer to rubber-stamp."))
    if not asks and row["rag"] in ("amber", "red"):
        findings.append(("ask", "ask", "warning",
                         f"{project} is {row['rag'].upper()} and asks for nothing: say what you "
                         "need (a decision, a resource, a date), or that you need nothing and "
                         "why."))
    return pd.DataFrame(findings, columns=_REVIEW_FINDINGS)


def _schedule_limits(thresholds):
    from .evm import _thresholds

    return _thresholds(thresholds)["SPI_t"]
