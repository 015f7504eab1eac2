"""Tests of pmo_lessons.report: the status report and the steering committee's report."""

import base64
import re
from html.parser import HTMLParser

import pandas as pd
import pytest

from pmo_lessons import data
from pmo_lessons.errors import InputError
from pmo_lessons.portfolio import select_projects
from pmo_lessons.report import MILESTONE_STATES, Report, ReportError, portfolio_report, project_report

VOID = {"meta", "img", "br", "hr", "link", "input"}


class Checker(HTMLParser):
    """Parses a page and checks that every element closes in order."""

    def __init__(self):
        super().__init__()
        self.stack, self.tags, self.images, self.text = [], [], [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        if tag == "img":
            self.images.append(dict(attrs))
        if tag not in VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        assert self.stack and self.stack[-1] == tag, f"</{tag}> closes {self.stack[-1:]}"
        self.stack.pop()

    def handle_data(self, data):
        self.text.append(data)


def parse(page):
    checker = Checker()
    checker.feed(page)
    checker.close()
    assert [] == checker.stack, f"unclosed elements {checker.stack}"
    return checker


@pytest.fixture(scope="module")
def eco():
    return project_report("ECO")


@pytest.fixture(scope="module")
def steering():
    proposals = data.load_project_scores().query("status == 'proposed'")
    return portfolio_report(selection=select_projects(proposals, 1_500_000))


def self_contained(page):
    assert not re.search(r"https?://", page), "the report must fetch nothing"
    assert "<script" not in page and "<link" not in page and "@import" not in page
    assert "url(" not in page  # no CSS resource either


class TestProjectReport:
    def test_html_parses_and_holds_rag_kpis_and_risks(self, eco):
        page = eco.to_html()
        text = " ".join(parse(page).text)
        board = eco.data["board"].loc["ECO"]
        assert "amber" == eco.rag == board["rag"]
        assert "AMBER" in text  # the overall badge
        assert f"{board['CPI']:.2f}" in text and f"{board['SPI_t']:.2f}" in text
        assert "615 k€" in text  # EAC = BAC / CPI
        for title in ("Launch after Black Friday", "Payment provider certification late"):
            assert title in text
        assert "Full launch" in text  # a milestone of the plan

    def test_figures_are_embedded_png(self, eco):
        images = parse(eco.to_html()).images
        assert 2 == len(images)  # the phase Gantt and the S-curves
        for image in images:
            assert image["src"].startswith("data:image/png;base64,")
            png = base64.b64decode(image["src"].split(",", 1)[1])
            assert png.startswith(b"\x89PNG\r\n\x1a\n")
            assert image["alt"]

    def test_nothing_is_fetched_and_it_prints(self, eco):
        page = eco.to_html()
        self_contained(page)
        assert "@media print" in page and "@page" in page

    def test_markdown_has_the_same_content(self, eco):
        text = eco.to_markdown()
        assert text.startswith("# ECO E-commerce storefront relaunch")
        assert "**Overall status: AMBER**" in text
        assert "| R-029 | Launch after Black Friday |" in text
        assert 2 == text.count("](data:image/png;base64,")
        assert 0 == eco.to_markdown(figures=False).count("data:image")
        self_contained(text)

    def test_top_risks_are_ranked_by_score(self):
        report = project_report("ERP", top_risks=4, figures=False)
        risks = report.data["risks"]
        scores = [int(cell.split("= ")[1].split()[0]) for cell in risks["P x I"]]
        assert 4 == len(risks) and scores == sorted(scores, reverse=True)
        assert "R-006" == risks.index[0]  # 4 x 5 = 20, EMV -132 k€, the worst of the 20s

    def test_decisions_follow_the_figures(self):
        report = project_report("ERP", decisions=["Approve the cut-over weekend"], figures=False)
        decisions = report.data["decisions"]
        assert any("exceeds the approved budget" in d for d in decisions)  # EAC > 2.49 M€
        assert any("R-006" in d and "escalated" in d for d in decisions)
        assert "Approve the cut-over weekend" == decisions[-1]

    def test_status_date_goes_back_in_time(self):
        early = project_report("ERP", status_date="2026-03-27", figures=False)
        assert "green" == early.rag  # as the StatusExplorer shows
        assert "27 Mar 2026" in early.title
        reached = early.data["milestones"]["status"]
        assert "upcoming" in set(reached)

    def test_a_milestone_is_reached_when_its_deliverable_is_accepted(self, eco):
        # The milestone log (datasets/milestones.csv): ECO's design was accepted on 21 Jul 2026;
        # its feature complete (baseline 10 Sep) is not accepted although the earned schedule,
        # about 15.6 weeks at week 17, has passed its date: it is overdue, forecast 1 Oct.
        table = eco.data["milestones"].set_index("milestone")
        assert "reached" == table.at["Design approved", "status"]
        assert "21 Jul 2026, Camille Roux" == table.at["Design approved", "accepted"]
        assert "overdue" == table.at["Feature complete", "status"]
        assert "01 Oct 2026" == table.at["Feature complete", "forecast"]
        assert "forecast late" == table.at["Full launch", "status"]
        assert "16 Nov 2026" == table.at["Full launch", "forecast"]  # 29 Oct + 11 working days
        assert set(table["status"]) <= set(MILESTONE_STATES)

    def test_an_acceptance_after_the_report_date_does_not_count(self):
        # ERP's design sign-off was accepted on 19 May 2026, a month after its baseline date
        april = project_report("ERP", status_date="2026-04-24", figures=False)
        states = april.data["milestones"].set_index("milestone")["status"]
        assert "overdue" == states["Design sign-off"]
        assert "" == april.data["milestones"].at["ERP-28", "forecast"]  # not known in April
        may = project_report("ERP", status_date="2026-05-22", figures=False)
        assert "reached" == may.data["milestones"].set_index("milestone").at[
            "Design sign-off", "status"]

    def test_without_a_log_no_milestone_is_reached(self):
        empty = data.load_milestones().iloc[0:0]
        report = project_report("CRM", tables={"milestones": empty}, figures=False)
        states = report.data["milestones"]["status"]
        assert "reached" not in set(states)
        assert "overdue" in set(states)  # CRM's go-live date has passed, with no acceptance

    def test_occurred_risks_are_issues_not_top_risks(self):
        wha = project_report("WHA", figures=False)
        assert "R-013" not in wha.data["risks"].index  # the conveyor delay has happened
        assert "open" == wha.data["risks"]["status"].unique().tolist()[0]
        assert "R-017" == wha.data["risks"].index[0]  # open, 4 x 4 = 16
        issues = wha.data["issues"]
        assert ["R-013"] == issues.index.tolist()
        assert "-50 k€, +30 working days" == issues.at["R-013", "estimated impact"]
        assert "## Issues (risks that occurred)" in wha.to_markdown(figures=False)

    def test_slips_are_in_working_days(self):
        report = project_report("ERP", figures=False)
        # 22 Jan 2027 to 30 Mar 2027: 46 working days (Easter Monday, 29 Mar 2027, is off)
        assert 46 == report.data["kpis"]["slip_days"]
        assert "+46 working days" in report.to_markdown(figures=False)
        assert any("forecast 46 working days late" in d for d in report.data["decisions"])

    def test_own_tables(self):
        projects = data.load_projects()
        status = data.load_status("OFM")
        report = project_report("OFM", tables={"status": status, "projects": projects},
                                figures=False)
        assert report.title.startswith("OFM Head-office move")

    def test_save(self, eco, tmp_path):
        assert (tmp_path / "eco.html").name in eco.save(tmp_path / "eco.html")
        assert "<!DOCTYPE html>" in (tmp_path / "eco.html").read_text(encoding="utf-8")
        eco.save(tmp_path / "eco.md")
        assert (tmp_path / "eco.md").read_text(encoding="utf-8").startswith("# ECO")
        with pytest.raises(ReportError, match="ending in .html, .htm or .md"):
            eco.save(tmp_path / "eco.pdf")

    def test_errors(self):
        with pytest.raises(ReportError, match="unknown project 'XYZ'; valid: ERP, CRM"):
            project_report("XYZ", figures=False)
        with pytest.raises(ReportError, match="SEC has no weekly status on or before 2026-03-27"):
            project_report("SEC", status_date="2026-03-27", figures=False)
        with pytest.raises(ReportError, match="unknown name 'budget'"):
            project_report("ERP", tables={"budget": pd.DataFrame()}, figures=False)
        assert issubclass(ReportError, InputError)

    def test_text_is_escaped(self):
        report = Report("A <b>bold</b> title", "green", [("p", "x < y & z")])
        page = report.to_html()
        assert "A &lt;b&gt;bold&lt;/b&gt; title" in page and "x &lt; y &amp; z" in page
        parse(page)


class TestPortfolioReport:
    def test_html_parses_with_every_project_and_rag(self, steering):
        page = steering.to_html()
        checker = parse(page)
        text = " ".join(checker.text)
        assert "red" == steering.rag
        for project in data.load_projects()["id"]:
            assert project in text
        board = steering.data["board"]
        assert {"red": 2, "amber": 4, "green": 1} == board["rag"].value_counts().to_dict()
        assert "Go-live on the fiscal year change is missed" in text  # top risk, 4 x 5
        assert "Grow profitable omnichannel sales" in text  # an objective
        self_contained(page)

    def test_top_risks_are_open_and_occurred_ones_are_in_the_issue_log(self, steering):
        risks, issues = steering.data["risks"], steering.data["issues"]
        register = data.load_risks().set_index("id")
        assert {"open"} == set(register.loc[risks.index, "status"])
        occurred = register.index[register["status"] == "occurred"].tolist()
        assert occurred == issues.index.tolist()
        assert not set(occurred) & set(risks.index)  # no longer ranked
        assert "opportunity taken" == issues.at["R-011", "kind"]  # CRM's early go-live
        assert "Issue log (risks that occurred)" in steering.to_html()

    def test_selection_and_figures(self, steering):
        page = steering.to_html()
        assert "Recommended (exact optimum): P-TMS, P-AIF" in page
        assert "LP relaxation (fractions)" in page
        assert 2 == len(parse(page).images)

    def test_markdown(self, steering):
        text = steering.to_markdown(figures=False)
        assert "| ERP | ERP roll-out | RED |" in text
        assert "## Decisions needed" in text
