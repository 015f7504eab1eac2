"""Tests of the communication section of pmo_lessons.report: stakeholders, plans, KPIs, headlines.

The power/interest grid is Mendelow's ("Stakeholder mapping", Proceedings of the
2nd International Conference on Information Systems, 1991), as PMI, *PMBOK
Guide*, 6th ed., 2017, section 13.1.2.4 presents it: high power and interest,
manage closely; high power only, keep satisfied; high interest only, keep
informed; neither, monitor. The company's figures are those of
datasets/README.md (ERP: SPI 0.94 but SPI(t) about 0.85, forecast 46 working days late:
the slip counts working days, Monday to Friday minus the French holidays).
"""

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pmo_lessons.errors import InputError
from pmo_lessons.report import (
    DEFAULT_MAX_DAYS,
    FREQUENCIES,
    ReportError,
    check_communication_plan,
    check_kpis,
    portfolio_report,
    review_status_report,
    stakeholder_grid,
    status_headline,
)

PEOPLE = pd.DataFrame({
    "stakeholder": ["Sponsor", "Steering committee", "Key users", "Auditor", "Canteen"],
    "power": [5, 5, 2, 4, 1],
    "interest": [5, 4, 5, 2, 1],
})

PLAN = pd.DataFrame([
    ("Sponsor", "Highlight report", "weekly", "e-mail + 30 min call", "PM"),
    ("Steering committee", "Portfolio report", "monthly", "meeting", "Head of PMO"),
    ("Key users", "Release notes and training dates", "fortnightly", "Teams channel", "PM"),
    ("Auditor", "Control evidence", "quarterly", "shared folder", "PMO analyst"),
], columns=["audience", "what", "frequency", "channel", "owner"])


@pytest.fixture(scope="module")
def board():
    return portfolio_report(figures=False).data["board"]


class TestStakeholderGrid:
    def test_the_four_quadrants_of_mendelow(self):
        grid = stakeholder_grid(PEOPLE).set_index("stakeholder")
        assert ["manage closely", "manage closely", "keep informed", "keep satisfied",
                "monitor"] == grid["quadrant"].tolist()

    def test_high_starts_at_the_threshold(self):
        one = pd.DataFrame({"stakeholder": ["X"], "power": [3], "interest": [4]})
        assert "keep informed" == stakeholder_grid(one)["quadrant"][0]
        assert "manage closely" == stakeholder_grid(one, high=3)["quadrant"][0]

    @given(st.lists(st.tuples(st.integers(1, 5), st.integers(1, 5)), min_size=1, max_size=12),
           st.integers(2, 5))
    @settings(max_examples=60, deadline=None)
    def test_quadrant_follows_the_two_levels(self, scores, high):
        people = pd.DataFrame({"stakeholder": [f"S{k}" for k in range(len(scores))],
                               "power": [p for p, _ in scores],
                               "interest": [i for _, i in scores]})
        grid = stakeholder_grid(people, high=high)
        for (p, i), quadrant in zip(scores, grid["quadrant"]):
            assert (p >= high, i >= high) == {
                "manage closely": (True, True), "keep satisfied": (True, False),
                "keep informed": (False, True), "monitor": (False, False)}[quadrant]

    @pytest.mark.parametrize("value", [0, 6, 2.5, "high", None])
    def test_a_score_outside_one_to_five_names_the_row(self, value):
        bad = PEOPLE.copy()
        bad["power"] = bad["power"].astype(object)
        bad.loc[2, "power"] = value
        with pytest.raises(ReportError, match=r"row 4 \(Key users\): power .* integer from 1"):
            stakeholder_grid(bad)

    def test_missing_column_and_duplicate(self):
        with pytest.raises(ReportError, match="no column 'interest'"):
            stakeholder_grid(PEOPLE.drop(columns="interest"))
        with pytest.raises(ReportError, match="'Sponsor' appears twice"):
            stakeholder_grid(pd.concat([PEOPLE, PEOPLE.head(1)]))
        assert issubclass(ReportError, InputError)


class TestCommunicationPlan:
    def test_a_complete_plan_has_no_finding(self):
        assert check_communication_plan(PEOPLE, PLAN).empty

    def test_exception_only_is_not_enough_for_the_committee(self):
        plan = PLAN.copy()
        plan.loc[1, "frequency"] = "on exception"
        findings = check_communication_plan(PEOPLE, plan)
        assert [("Steering committee", "frequency")] == list(
            zip(findings["stakeholder"], findings["check"]))
        assert "only per stage or on exception" in findings["problem"][0]
        assert "every 31 calendar days" in findings["problem"][0]

    def test_quarterly_is_too_rare_for_the_sponsor_but_enough_for_the_auditor(self):
        plan = PLAN.copy()
        plan.loc[0, "frequency"] = "quarterly"
        findings = check_communication_plan(PEOPLE, plan)
        assert ["Sponsor"] == findings["stakeholder"].tolist()
        assert "every 92 calendar days at best" in findings["problem"][0]

    def test_a_forgotten_stakeholder_and_a_row_without_owner(self):
        plan = PLAN.drop(index=2).copy()
        plan.loc[0, "owner"] = ""
        plan.loc[3, "channel"] = None
        findings = check_communication_plan(PEOPLE, plan)
        assert [("Sponsor", "row"), ("Auditor", "row"), ("Key users", "missing")] == list(
            zip(findings["stakeholder"], findings["check"]))
        assert "no owner" in findings["problem"][0] and "no channel" in findings["problem"][1]

    def test_monitor_needs_nothing_and_policy_can_change(self):
        assert "Canteen" not in check_communication_plan(PEOPLE, PLAN)["stakeholder"].tolist()
        strict = check_communication_plan(PEOPLE, PLAN, max_days={"manage closely": 7})
        assert ["Steering committee"] == strict["stakeholder"].tolist()
        assert 31 == DEFAULT_MAX_DAYS["manage closely"] and 7 == FREQUENCIES["weekly"]

    def test_bad_rows_raise_with_their_row(self):
        plan = PLAN.copy()
        plan.loc[2, "audience"] = "Users"
        with pytest.raises(ReportError, match=r"plan, row 4: audience 'Users' .* valid: Sponsor"):
            check_communication_plan(PEOPLE, plan)
        plan = PLAN.copy()
        plan.loc[1, "frequency"] = "bi-weekly"
        with pytest.raises(ReportError, match=r"row 3 \(Steering committee\): frequency "
                                              r"'bi-weekly'; valid: daily, weekly"):
            check_communication_plan(PEOPLE, plan)
        with pytest.raises(ReportError, match="unknown quadrant 'vip'"):
            check_communication_plan(PEOPLE, PLAN, max_days={"vip": 1})


KPIS = pd.DataFrame([
    ("SPI(t)", "Head of PMO", "< 0.90 red", "Recovery plan or new date", "lagging"),
    ("CPI", "Head of PMO", "< 0.90 red", "Recovery plan or extra funding", "lagging"),
    ("Reserve burn vs % complete", "Sponsor", "> 1.2", "Release reserve or cut scope", "leading"),
], columns=["kpi", "owner", "threshold", "decision", "kind"])


class TestKpis:
    def test_a_good_list_has_no_finding(self):
        assert check_kpis(KPIS).empty

    def test_vanity_metric_and_missing_owner(self):
        kpis = pd.concat([KPIS, pd.DataFrame([("Status reports issued", "", "", "", "lagging")],
                                             columns=KPIS.columns)], ignore_index=True)
        findings = check_kpis(kpis)
        assert ["owner", "threshold", "decision"] == findings["check"].tolist()
        assert "vanity metric" in findings["problem"][2]

    def test_too_many_and_no_leading(self):
        many = pd.DataFrame({"kpi": [f"K{k}" for k in range(9)], "owner": "PMO",
                             "threshold": "< 1", "decision": "act", "kind": "lagging"})
        findings = check_kpis(many)
        assert [("count", "warning"), ("leading", "warning")] == list(
            zip(findings["check"], findings["severity"]))
        assert check_kpis(many.drop(columns="kind"), max_kpis=9).empty

    def test_duplicates_and_bad_input(self):
        findings = check_kpis(pd.concat([KPIS, KPIS.head(1)], ignore_index=True))
        assert ["duplicate"] == findings["check"].tolist()
        bad = KPIS.copy()
        bad.loc[1, "kind"] = "lagged"
        with pytest.raises(ReportError, match=r"row 3 \(CPI\): kind is 'lagged'"):
            check_kpis(bad)
        with pytest.raises(ReportError, match="no column 'decision'"):
            check_kpis(KPIS.drop(columns="decision"))
        with pytest.raises(ReportError, match="max_kpis"):
            check_kpis(KPIS, max_kpis=0)

    @given(st.lists(st.sampled_from(["owner", "threshold", "decision"]), max_size=3, unique=True))
    @settings(max_examples=20, deadline=None)
    def test_each_blank_field_is_one_error(self, blanks):
        kpis = KPIS.copy()
        for column in blanks:
            kpis.loc[0, column] = ""
        findings = check_kpis(kpis)
        assert sorted(blanks) == sorted(findings["check"])
        assert set(findings["kpi"]) <= {"SPI(t)"}


class TestHeadline:
    def test_erp_leads_with_the_date_and_the_overrun(self, board):
        text = status_headline(board.loc["ERP"], budget=2_490_000)
        assert text.startswith("ERP roll-out is RED: forecast to finish on 30 Mar 2027, "
                               "46 working days late")
        assert "298 k€ over its BAC of 2.26 M€" in text
        assert "above the approved budget with reserve (2.49 M€)" in text

    def test_cost_first_when_cost_is_worse(self, board):
        text = status_headline(board.loc["DAT"])
        assert text.startswith("Data platform is AMBER: forecast cost 476 k€, 33 k€ over")
        assert text.endswith("1 working day early.")  # 11 Nov is a holiday

    def test_within_budget_says_nothing_of_the_approved_budget(self, board):
        assert "approved" not in status_headline(board.loc["WHA"], budget=2_370_000)

    def test_bad_input(self, board):
        with pytest.raises(ReportError, match="a Series"):
            status_headline(board)
        with pytest.raises(ReportError, match="no 'slip_days'"):
            status_headline(board.loc["ERP"].drop("slip_days"))


GOOD_ASK = {"decision": "Approve the 67 k€ above the approved budget or cut the BI scope",
            "options": ["fund", "cut scope", "stop"], "deadline": "2026-10-09"}


class TestReview:
    def test_the_generated_headline_with_the_right_rag_and_an_ask_passes(self, board):
        for project in board.index:
            draft = {"project": project, "rag": board.at[project, "rag"],
                     "headline": status_headline(board.loc[project]), "schedule_index": "SPI_t",
                     "asks": [GOOD_ASK]}
            assert review_status_report(draft, board).empty, project

    def test_a_weak_erp_report(self, board):
        weak = {"project": "ERP", "rag": "amber", "schedule_index": "SPI",
                "headline": "The team worked hard this month and the build progresses well.",
                "asks": [{"decision": "More consultants", "options": ["yes"]}]}
        findings = review_status_report(weak, board)
        assert ["rag", "schedule index", "headline", "headline", "headline", "ask", "ask"] == \
            findings["check"].tolist()
        assert "says AMBER, but CPI 0.88 and SPI(t) 0.85 make it RED" in findings["problem"][0]
        assert "SPI 0.94 reads amber but SPI(t) 0.85 reads red" in findings["problem"][1]
        assert "no deadline" in findings["problem"][5]

    def test_spi_is_fine_where_it_agrees_with_spi_t(self, board):
        draft = {"project": "DAT", "rag": "amber", "schedule_index": "SPI",
                 "headline": status_headline(board.loc["DAT"]), "asks": [GOOD_ASK]}
        assert review_status_report(draft, board).empty

    def test_deadline_before_the_status_date_and_no_ask(self, board):
        draft = {"project": "ECO", "rag": "amber",
                 "headline": status_headline(board.loc["ECO"]),
                 "asks": [dict(GOOD_ASK, deadline="2026-09-01")]}
        assert "not after the status date 25 Sep 2026" in review_status_report(
            draft, board)["problem"][0]
        draft["asks"] = []
        assert ["ask"] == review_status_report(draft, board)["check"].tolist()

    def test_words_count_whole_not_inside_others(self, board):
        draft = {"project": "ERP", "rag": "red", "schedule_index": "SPI_t", "asks": [GOOD_ASK],
                 "headline": "The team prepared the overall integration testing."}
        findings = review_status_report(draft, board)
        assert 3 == len(findings)  # no RAG ("prepared" is not "red"), no date, no money
        assert "does not say the RAG" in findings["problem"][0]

    def test_long_headline_is_a_warning(self, board):
        draft = {"project": "CRM", "rag": "green", "asks": [],
                 "headline": status_headline(board.loc["CRM"]) + " And" + " more" * 40}
        findings = review_status_report(draft, board)
        assert [("headline", "warning")] == list(zip(findings["check"], findings["severity"]))

    def test_bad_drafts(self, board):
        with pytest.raises(ReportError, match="unknown project 'XYZ'"):
            review_status_report({"project": "XYZ", "rag": "red", "headline": ""}, board)
        with pytest.raises(ReportError, match="rag is 'RAG'"):
            review_status_report({"project": "ERP", "rag": "RAG", "headline": ""}, board)
        with pytest.raises(ReportError, match="no 'headline'"):
            review_status_report({"project": "ERP", "rag": "red"}, board)
        with pytest.raises(ReportError, match="schedule_index is 'CPI'"):
            review_status_report({"project": "ERP", "rag": "red", "headline": "",
                                  "schedule_index": "CPI"}, board)
