"""Tests of pmo_lessons.documents: the register's checks, the documents of each gate, completeness.

No published worked example exists for a document register; the expected findings are worked out
by hand in each test from the rows it builds (and, for Meridian, from the stories of the health
checks in datasets/README.md).
"""

import pandas as pd
import pytest

from pmo_lessons import data
from pmo_lessons.documents import (
    DOCUMENT_TYPES,
    DocumentError,
    check_register,
    completeness,
    criteria_met,
    gate_documents,
    gate_readiness,
    required_documents,
)
from pmo_lessons.methodology import gate_review, stage_gates

STATUS_DATE = "2026-09-25"


def register(*rows):
    """A register from (id, doc_type, version, status, owner, location, last_review) rows."""
    return pd.DataFrame(
        [(doc, "X", kind, kind.title(), version, status, owner, location, pd.Timestamp(review))
         for doc, kind, version, status, owner, location, review in rows],
        columns=["id", "project", "doc_type", "title", "version", "status", "owner", "location",
                 "last_review"])


CLEAN_G1_AGILE = [
    ("X-DOC-01", "business case", "1.0", "current", "Ana", "project site", "2026-09-01"),
    ("X-DOC-02", "charter", "1.0", "current", "Ana", "project site", "2026-01-05"),
    ("X-DOC-03", "backlog", "2.0", "current", "Ana", "project site", "2026-09-20"),
    ("X-DOC-04", "RACI", "1.0", "current", "Ana", "project site", "2026-01-05"),
    ("X-DOC-05", "risk register", "7", "current", "Ana", "project site", "2026-09-18"),
    ("X-DOC-06", "communication plan", "1.0", "current", "Ana", "project site", "2026-08-01"),
    ("X-DOC-07", "lessons log", "0.3", "current", "Ana", "project site", "2026-08-01"),
    ("X-DOC-08", "status report", "12", "current", "Ana", "project site", "2026-09-25"),
    ("X-DOC-09", "definition of done", "1.0", "current", "Ana", "project site", "2026-07-01"),
]


class TestPolicy:
    def test_every_document_type_of_the_data_has_a_policy_and_back(self):
        assert set(data.DOCUMENT_TYPE_IDS) == set(DOCUMENT_TYPES["doc_type"])

    def test_each_criterion_is_a_criterion_of_lesson_5s_gates(self):
        criteria = {(g, c) for cycle in ("predictive", "agile", "hybrid")
                    for g, c in stage_gates(cycle)[["gate", "criterion"]].itertuples(index=False)}
        for gate, criterion in DOCUMENT_TYPES[["gate", "criterion"]].itertuples(index=False):
            if criterion:
                assert (gate, criterion) in criteria, criterion

    def test_required_documents_accumulate_gate_after_gate(self):
        g1 = set(required_documents("predictive", "G1")["doc_type"])
        g3 = set(required_documents("predictive", "G3")["doc_type"])
        assert g1 < g3
        assert {"requirements", "test report", "cut-over plan"} <= g3 - g1

    def test_agile_life_cycle_needs_a_backlog_not_a_baseline_plan(self):
        agile = set(required_documents("agile", "G3")["doc_type"])
        assert "backlog" in agile and "definition of done" in agile
        assert "plan" not in agile and "requirements" not in agile  # no design gate G2

    def test_mandatory_follows_the_gate_criterion(self):
        needed = required_documents("predictive", "G3").set_index("doc_type")["mandatory"]
        assert not needed["test strategy"] and not needed["training plan"]  # optional criteria
        assert needed["cut-over plan"] and needed["lessons log"]  # mandatory, by criterion / policy

    def test_tailored_gates_change_what_is_mandatory(self):
        gates = stage_gates("predictive")
        gates.loc[gates["criterion"] == "Test strategy agreed", "mandatory"] = True
        needed = required_documents("predictive", "G2", gates=gates).set_index("doc_type")
        assert needed.at["test strategy", "mandatory"]

    def test_a_gate_of_another_life_cycle_is_refused(self):
        with pytest.raises(DocumentError, match="G2.*not a gate of the agile life cycle"):
            required_documents("agile", "G2")
        with pytest.raises(DocumentError, match="Unknown life cycle"):
            required_documents("waterfall", "G1")


class TestCheckRegister:
    def test_a_clean_register_has_no_finding(self):
        assert check_register(register(*CLEAN_G1_AGILE), STATUS_DATE).empty

    def test_no_owner_is_an_error(self):
        rows = [("X-DOC-01", "charter", "1.0", "current", "", "project site", "2026-01-05")]
        findings = check_register(register(*rows), STATUS_DATE)
        assert [["X-DOC-01", "no owner", "error"]] == findings[["id", "check", "severity"]].values.tolist()

    def test_two_current_versions_are_found_once_with_both_versions(self):
        rows = [("X-DOC-03", "backlog", "1.0", "current", "Ana", "project site", "2026-09-20"),
                ("X-DOC-03", "backlog", "2.1", "current", "Ana", "agency drive", "2026-09-20")]
        findings = check_register(register(*rows), STATUS_DATE)
        duplicate = findings[findings["check"] == "two current versions"]
        assert 1 == len(duplicate)
        assert "1.0 on project site" in duplicate["problem"].iloc[0]
        assert "2.1 on agency drive" in duplicate["problem"].iloc[0]
        assert ["outside the repository"] == findings.loc[findings["severity"] == "warning",
                                                          "check"].tolist()

    def test_a_superseded_version_beside_the_current_one_is_history(self):
        rows = [("X-DOC-02", "charter", "1.0", "superseded", "", "e-mail", "2025-01-05"),
                ("X-DOC-02", "charter", "1.1", "current", "Ana", "project site", "2026-01-05")]
        assert check_register(register(*rows), STATUS_DATE).empty

    def test_review_overdue_counts_calendar_days_against_the_cycle(self):
        # risk register, every 30 days: 30 days after 26 Aug is 25 Sep (on time), 31 is overdue
        on_time = [("X-DOC-05", "risk register", "7", "current", "Ana", "project site", "2026-08-26")]
        late = [("X-DOC-05", "risk register", "7", "current", "Ana", "project site", "2026-08-25")]
        assert check_register(register(*on_time), STATUS_DATE).empty
        finding = check_register(register(*late), STATUS_DATE)
        assert ["review overdue"] == finding["check"].tolist()
        assert "31 days ago" in finding["problem"].iloc[0]

    def test_a_document_without_a_review_cycle_is_never_overdue(self):
        rows = [("X-DOC-02", "charter", "1.0", "current", "Ana", "project site", "2020-01-06")]
        assert check_register(register(*rows), STATUS_DATE).empty

    def test_never_reviewed_and_unknown_type(self):
        rows = [("X-DOC-05", "risk register", "7", "current", "Ana", "project site", None),
                ("X-DOC-06", "memo", "1", "current", "Ana", "project site", "2026-09-01")]
        findings = check_register(register(*rows), STATUS_DATE)
        assert {("X-DOC-05", "never reviewed"), ("X-DOC-06", "unknown type")} == set(
            findings[["id", "check"]].itertuples(index=False, name=None))

    def test_bad_input_is_named(self):
        with pytest.raises(DocumentError, match="no column 'owner'"):
            check_register(register(*CLEAN_G1_AGILE).drop(columns="owner"), STATUS_DATE)
        bad = register(*CLEAN_G1_AGILE)
        bad.loc[3, "status"] = "approved"
        with pytest.raises(DocumentError, match=r"row 5 \(X-DOC-04\): status 'approved'"):
            check_register(bad, STATUS_DATE)
        with pytest.raises(DocumentError, match="not a date"):
            check_register(register(*CLEAN_G1_AGILE), "next Friday")


class TestGateDocuments:
    def test_a_complete_register_is_a_go(self):
        check = gate_documents(register(*CLEAN_G1_AGILE), "X", "G1", "agile", STATUS_DATE)
        assert (check["state"] == "in order").all()
        assert "go" == gate_readiness(check)

    def test_each_state_blocks_or_is_a_condition(self):
        rows = list(CLEAN_G1_AGILE)
        rows[1] = ("X-DOC-02", "charter", "0.9", "draft", "Ana", "project site", "2026-01-05")
        rows[3] = ("X-DOC-04", "RACI", "1.0", "current", "", "project site", "2026-01-05")
        rows[4] = ("X-DOC-05", "risk register", "7", "current", "Ana", "project site", "2026-06-01")
        rows[6] = ("X-DOC-07", "lessons log", "0.3", "current", "Ana", "team wiki", "2026-08-01")
        del rows[8]  # the definition of done
        check = gate_documents(register(*rows), "X", "G1", "agile", STATUS_DATE).set_index("doc_type")
        assert "draft" == check.at["charter", "state"] and check.at["charter", "blocks"]
        assert "no owner" == check.at["RACI", "state"] and check.at["RACI", "blocks"]
        assert "missing" == check.at["definition of done", "state"]
        assert check.at["definition of done", "blocks"]
        for kind, state in (("risk register", "review overdue"),
                            ("lessons log", "outside the repository")):
            assert state == check.at[kind, "state"]
            assert check.at[kind, "condition"] and not check.at[kind, "blocks"]
        assert "no go" == gate_readiness(check)

    def test_in_review_is_ready_for_the_gate_that_approves_it_but_a_gap_after(self):
        rows = [*CLEAN_G1_AGILE[:3], ("X-DOC-10", "test report", "0.9", "in review", "Ana",
                                      "project site", "2026-09-24")]
        at_g3 = gate_documents(register(*rows), "X", "G3", "agile", STATUS_DATE).set_index("doc_type")
        assert not at_g3.at["test report", "blocks"] and not at_g3.at["test report", "condition"]
        at_g4 = gate_documents(register(*rows), "X", "G4", "agile", STATUS_DATE).set_index("doc_type")
        assert at_g4.at["test report", "blocks"]

    def test_a_missing_optional_document_is_a_condition(self):
        check = gate_documents(register(*CLEAN_G1_AGILE), "X", "G3", "agile", STATUS_DATE)
        training = check.set_index("doc_type").loc["training plan"]
        assert "missing" == training["state"] and training["condition"] and not training["blocks"]

    def test_the_worst_of_several_documents_of_a_type(self):
        rows = [("X-DOC-10", "requirements", "1.0", "current", "Ana", "project site", "2026-06-01"),
                ("X-DOC-11", "requirements", "0.2", "draft", "Ana", "project site", "2026-06-01")]
        check = gate_documents(register(*rows), "X", "G2", "predictive", STATUS_DATE)
        row = check.set_index("doc_type").loc["requirements"]
        assert "draft" == row["state"] and "X-DOC-10, X-DOC-11" == row["documents"]
        assert row["note"].startswith("X-DOC-11")

    def test_criteria_met_feed_lesson_5s_gate_review(self):
        check = gate_documents(register(*CLEAN_G1_AGILE), "X", "G1", "agile", STATUS_DATE)
        met = criteria_met(check)
        gates = stage_gates("agile")
        g1 = gates[gates["gate"] == "G1"]
        assert set(met) == set(g1["criterion"]) - {"Team and budget for the next phase committed"}
        decision, _ = gate_review(gates, "G1", met)
        assert "no go" == decision  # the team commitment is not a document: judged on its own
        decision, _ = gate_review(gates, "G1", [*met, "Team and budget for the next phase committed"])
        assert "go" == decision


@pytest.fixture(scope="module")
def view():
    return completeness(data.load_documents(), data.load_next_gates(), STATUS_DATE)


@pytest.fixture(scope="module")
def findings():
    return check_register(data.load_documents(), STATUS_DATE)


class TestMeridian:
    """The registers tell the stories of the health checks (datasets/README.md)."""

    def test_two_current_versions_where_work_moved_to_a_supplier(self, findings):
        duplicates = findings[findings["check"] == "two current versions"]
        assert ["ERP-DOC-11", "ECO-DOC-03"] == duplicates["id"].tolist()

    def test_business_cases_not_updated(self, findings):
        overdue = findings[(findings["check"] == "review overdue")
                           & (findings["doc_type"] == "business case")]
        # health checks BEN-1: ERP, CRM, OFM, DAT and ECO not updated; WHA and SEC up to date
        assert {"ERP", "CRM", "OFM", "DAT", "ECO"} == set(overdue["project"])

    def test_the_head_office_move_cannot_close(self, view):
        assert "no go" == view.at["OFM", "decision"]
        for kind in ("lessons log", "acceptance certificate", "benefits review plan",
                     "lessons report"):
            assert kind in view.at["OFM", "blocking_documents"]

    def test_the_storefront_has_gaps_from_gates_already_passed(self, view):
        assert 3 == view.at["ECO", "gaps"]
        check = gate_documents(data.load_documents(), "ECO", "G3", "agile", STATUS_DATE)
        gaps = check[check["blocks"] & (check["for"] == "passed gate")]
        assert {"backlog", "RACI", "definition of done"} == set(gaps["doc_type"])

    def test_the_certification_programme_is_ready_for_its_design_gate(self, view):
        assert "go with conditions" == view.at["SEC", "decision"]
        assert 0 == view.at["SEC", "gaps"] + view.at["SEC", "to_do"]

    def test_completeness_is_the_share_in_order(self, view):
        assert (view["in_order"] + view["conditions"] + view["gaps"] + view["to_do"]
                == view["required"]).all()
        assert view["completeness"].round(6).equals((view["in_order"] / view["required"]).round(6))
