"""Tests of pmo_lessons.methodology: WBS roll-up and checks, RACI checks, gates, maturity.

No published WBS cost roll-up could be reproduced exactly here, so the 100 % rule
(PMI, *Practice Standard for Work Breakdown Structures*, 3rd ed., 2019) is pinned by
hand-checked cases, by the company's own figures (the roll-up of tasks.csv equals
budget_eur - reserve_eur in projects.csv, computed independently by
tools/make_datasets.py) and by property tests on random trees.
"""

import math

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pmo_lessons import data
from pmo_lessons.errors import InputError
from pmo_lessons.methodology import (
    LIFE_CYCLES,
    MATURITY_LEVELS,
    MATURITY_PERSPECTIVES,
    MATURITY_QUESTIONS,
    PMBOK7_DOMAINS,
    PMBOK7_PRINCIPLES,
    PMBOK8_DOMAINS,
    PMBOK8_PRINCIPLES,
    PRINCE2_PRACTICES,
    PRINCE2_PRINCIPLES,
    PRINCE2_PROCESSES,
    MaturityError,
    MethodologyError,
    RACIError,
    WBSError,
    check_raci,
    check_wbs,
    gate_review,
    maturity_profile,
    next_steps,
    parse_raci,
    parse_wbs_code,
    raci_summary,
    roll_up,
    stage_gates,
    wbs_from_tasks,
    wbs_parent,
)

from .strategies import wbs_trees


def wbs(rows, columns=("wbs", "cost")):
    return pd.DataFrame(rows, columns=list(columns))


# A hand-checked WBS: a warehouse mezzanine (costs in k EUR), summaries listed with their
# stated budgets. 1 Design = 10 + 25 + 5 = 40; 2 Build = 60 + (12 + 8) = 80; project = 120.
MEZZANINE = wbs(
    [
        ("1", "Design", 40.0, None), ("1.1", "Survey", 10.0, 4.0),
        ("1.2", "Structural design", 25.0, 12.0), ("1.3", "Permit", 5.0, 2.0),
        ("2", "Build", 80.0, None), ("2.1", "Steel structure", 60.0, 20.0),
        ("2.2", "Fit-out", None, None), ("2.2.1", "Electrical", 12.0, 6.0),
        ("2.2.2", "Racking", 8.0, 3.0),
    ],
    columns=("wbs", "name", "cost", "effort"),
)


class TestCodes:
    @pytest.mark.parametrize("code, parts", [("1", (1,)), ("3.2.1", (3, 2, 1)), ("10.12", (10, 12)),
                                             (" 2.4 ", (2, 4)), ("0", ())])
    def test_parse(self, code, parts):
        assert parts == parse_wbs_code(code)

    @pytest.mark.parametrize("code", ["", "1.", ".1", "1..2", "1.0", "01", "1.a", "1,2", "1. 2", 1.2, None])
    def test_bad_codes_say_what_is_valid(self, code):
        with pytest.raises(WBSError, match="whole numbers from 1 joined by dots"):
            parse_wbs_code(code)

    def test_natural_order(self):
        assert ["1", "1.2", "1.10", "2", "10"] == sorted(["10", "1.10", "2", "1", "1.2"],
                                                         key=parse_wbs_code)

    def test_parent(self):
        assert ("3.2", "3", "0") == (wbs_parent("3.2.1"), wbs_parent("3.2"), wbs_parent("3"))
        with pytest.raises(WBSError, match="root"):
            wbs_parent("0")

    def test_errors_are_input_errors(self):
        for error in (WBSError, RACIError, MaturityError):
            assert issubclass(error, MethodologyError) and issubclass(error, InputError)


class TestRollUp:
    def test_hand_checked_mezzanine(self):
        rolled = roll_up(MEZZANINE, values=["cost", "effort"], summaries="listed", project="Mezzanine")
        assert {"0": 120, "1": 40, "2": 80, "2.2": 20} == {
            k: rolled.at[k, "cost"] for k in ("0", "1", "2", "2.2")}
        assert 47 == rolled.at["0", "effort"]  # 4 + 12 + 2 + 20 + 6 + 3
        assert ["0", "1", "1.1", "1.2", "1.3", "2", "2.1", "2.2", "2.2.1", "2.2.2"] == list(rolled.index)
        assert [0, 1, 2, 2, 2, 1, 2, 2, 3, 3] == rolled["level"].tolist()
        assert ["", "0", "1", "1", "1", "0", "2", "2", "2.2", "2.2"] == rolled["parent"].tolist()
        assert ["1.1", "1.2", "1.3", "2.1", "2.2.1", "2.2.2"] == list(rolled.index[rolled["work_package"]])
        assert "Mezzanine" == rolled.at["0", "name"]
        assert [2, 3, 0] == [rolled.at[k, "children"] for k in ("0", "1", "1.1")]

    def test_missing_levels_are_created(self):
        rolled = roll_up(wbs([("2.1.1", 5.0), ("2.1.2", 7.0), ("1", 3.0)]))
        assert ["0", "1", "2", "2.1", "2.1.1", "2.1.2"] == list(rolled.index)
        assert [15, 3, 12, 12, 5, 7] == rolled["cost"].tolist()

    def test_hundred_percent_rule_violation_is_named(self):
        broken = MEZZANINE.copy()
        broken.loc[broken["wbs"] == "1", "cost"] = 45.0  # 5 more than its children
        findings = check_wbs(broken, values="cost")
        assert [("1", "100% rule", "error")] == list(zip(findings["wbs"], findings["check"], findings["severity"]))
        assert "cost is 45 but its children 1.1, 1.2, 1.3 add up to 40" in findings["problem"][0]
        with pytest.raises(WBSError, match=r"1 error(?s:.*)add up to 40"):
            roll_up(broken, values="cost")

    def test_rule_holds_within_rounding(self):
        exact = wbs([("1", 0.3), ("1.1", 0.1), ("1.2", 0.2)])
        assert check_wbs(exact).empty

    def test_orphans_only_when_summaries_are_listed(self):
        table = wbs([("1", 10.0), ("2.3.1", 5.0)])
        assert check_wbs(table).empty or set(check_wbs(table)["check"]) == {"numbering"}
        listed = check_wbs(table, summaries="listed")
        orphan = listed[listed["check"] == "orphan"]
        assert ["2.3.1"] == orphan["wbs"].tolist()
        assert "there is no row 2.3" in orphan["problem"].iloc[0]

    def test_numbering_gaps_are_warnings(self):
        table = wbs([("1.1", 1.0), ("1.3", 2.0), ("2", 3.0)])
        findings = check_wbs(table)
        assert [("1", "numbering", "warning")] == list(zip(findings["wbs"], findings["check"], findings["severity"]))
        assert "1.2 missing" in findings["problem"][0]
        assert 6 == roll_up(table).at["0", "cost"]  # a warning does not stop the roll-up

    def test_duplicates_and_bad_codes(self):
        table = wbs([("1", 1.0), ("1", 2.0), ("x", 3.0)])
        findings = check_wbs(table)
        assert {"duplicate", "code"} == set(findings["check"])
        assert "Rows 2 and 3 both have the code 1" in " ".join(findings["problem"])
        assert "Row 4: 'x' is not a WBS code" in " ".join(findings["problem"])

    def test_work_package_values(self):
        table = wbs([("1", 1.0), ("2", None), ("3", -4.0)])
        problems = check_wbs(table)["problem"].tolist()
        assert any("Row 3: work package 2 has no value in cost" in p for p in problems)
        assert any("Row 4: work package 3 has cost -4" in p for p in problems)
        text = wbs([("1", "lots")])
        assert "'lots', not a number" in check_wbs(text, values="cost")["problem"][0]

    def test_table_errors(self):
        with pytest.raises(WBSError, match="no column 'wbs'"):
            check_wbs(pd.DataFrame({"code": ["1"]}))
        with pytest.raises(WBSError, match="no column 'budget'"):
            roll_up(MEZZANINE, values="budget")
        with pytest.raises(WBSError, match="'implicit' or 'listed'"):
            check_wbs(MEZZANINE, summaries="yes")
        with pytest.raises(WBSError, match="DataFrame"):
            roll_up([("1", 2)])


class TestCompanyWBS:
    @pytest.mark.parametrize("project", ["ERP", "CRM", "WHA", "OFM", "DAT", "ECO", "SEC"])
    def test_tasks_wbs_validates_and_rolls_up_to_the_bac(self, project):
        # datasets/README.md: budget_eur - reserve_eur is the sum of the task costs (the BAC).
        tasks = data.load_tasks(project)
        table = wbs_from_tasks(tasks, data.load_assignments())
        assert check_wbs(table).empty
        rolled = roll_up(table, project=project)
        projects = data.load_projects().set_index("id")
        bac = projects.at[project, "budget_eur"] - projects.at[project, "reserve_eur"]
        assert bac == pytest.approx(rolled.at["0", "cost_eur"], abs=0.01)
        assert len(tasks) == int(rolled["work_package"].sum())

    def test_erp_hand_checked(self):
        rolled = roll_up(wbs_from_tasks(data.load_tasks("ERP"), data.load_assignments()))
        # 3.2 = 195,800 + 320,000 + 279,600; effort of 3.2.2 = (DEV 2 + ARC 1) x 80 days.
        assert 795_400 == rolled.at["3.2", "cost_eur"]
        assert 1_111_900 == rolled.at["3", "cost_eur"]  # 316,500 + 795,400 + 0
        assert 240 == rolled.at["3.2.2", "effort_days"]
        assert 3 == rolled.at["3", "children"]

    def test_wbs_from_tasks_needs_columns(self):
        with pytest.raises(WBSError, match="no column 'cost_eur'"):
            wbs_from_tasks(pd.DataFrame({"id": ["A"], "wbs": ["1"], "name": ["x"]}))


class TestProperties:
    @settings(max_examples=80, deadline=None)
    @given(wbs_trees())
    def test_root_is_the_sum_of_the_work_packages(self, table):
        rolled = roll_up(table)
        assert check_wbs(table).empty
        assert math.fsum(table["cost"]) == pytest.approx(rolled.at["0", "cost"], rel=1e-12, abs=1e-9)
        assert len(table) == int(rolled["work_package"].sum())

    @settings(max_examples=80, deadline=None)
    @given(wbs_trees())
    def test_every_element_is_the_sum_of_its_children(self, table):
        rolled = roll_up(table)
        sums = rolled.groupby("parent")["cost"].sum()
        for code, row in rolled[~rolled["work_package"]].iterrows():
            assert sums[code] == pytest.approx(row["cost"], rel=1e-12, abs=1e-9)
            assert row["children"] == (rolled["parent"] == code).sum()

    @settings(max_examples=60, deadline=None)
    @given(wbs_trees(), st.data())
    def test_listing_the_rolled_up_summaries_passes_and_a_wrong_one_is_caught(self, table, extra):
        rolled = roll_up(table)
        summaries = rolled[~rolled["work_package"]].drop(index="0")
        full = pd.concat([table, pd.DataFrame({"wbs": summaries.index, "cost": summaries["cost"].values})])
        assert check_wbs(full, summaries="listed").empty
        if len(summaries):
            code = extra.draw(st.sampled_from(list(summaries.index)))
            full.loc[full["wbs"] == code, "cost"] += 1.0
            findings = check_wbs(full, summaries="listed")
            assert [code] == findings.loc[findings["check"] == "100% rule", "wbs"].tolist()


RACI = pd.DataFrame(
    {
        "Sponsor": ["A", "A", "I", "A"],
        "PM": ["R", "R", "A/R", "R"],
        "PMO": ["C", "C", "R", ""],
        "Finance": ["", "C", "I", "C"],
    },
    index=["Charter", "Budget", "Status report", "Gate review"],
)


class TestRACI:
    def test_a_valid_matrix_has_no_findings_except_policy(self):
        findings = check_raci(RACI, max_load=1.0)
        assert findings.empty

    def test_overload_is_a_policy(self):
        # PM is R on 4 of 4 activities: above 50 %, at most 100 %.
        findings = check_raci(RACI)
        assert [("", "PM", "overload", "warning")] == list(
            zip(findings["activity"], findings["role"], findings["check"], findings["severity"]))
        assert "PM is Responsible for 4 of 4 activities (100%), more than the 50%" in findings["problem"][0]

    def test_missing_and_double_accountable_and_no_responsible(self):
        bad = RACI.copy()
        bad.loc["Charter", "Sponsor"] = "R"  # no A
        bad.loc["Budget", "Finance"] = "A"   # two As
        bad.loc["Gate review", "PM"] = "C"   # no R
        findings = check_raci(bad, max_load=1.0)
        got = list(zip(findings["activity"], findings["role"], findings["check"]))
        assert [("Charter", "", "accountable"), ("Budget", "Sponsor, Finance", "accountable"),
                ("Gate review", "", "responsible")] == got
        assert "Charter: no role is Accountable; give exactly one role an A" in findings["problem"][0]
        assert "2 roles are Accountable (Sponsor, Finance)" in findings["problem"][1]
        assert "no role is Responsible" in findings["problem"][2]

    def test_unused_role(self):
        findings = check_raci(RACI.assign(Legal=""), max_load=1.0)
        assert [("", "Legal", "unused")] == list(zip(findings["activity"], findings["role"], findings["check"]))

    def test_summary_counts(self):
        summary = raci_summary(RACI)
        assert [0, 3, 0, 1] == summary.loc["Sponsor", ["R", "A", "C", "I"]].tolist()
        assert [4, 1, 0, 0] == summary.loc["PM", ["R", "A", "C", "I"]].tolist()
        assert 1.0 == summary.at["PM", "load"]

    @pytest.mark.parametrize("cell, letters", [("A/R", "AR"), ("ar", "AR"), ("R, C", "RC"), ("", ""),
                                               (None, ""), (float("nan"), ""), (" I ", "I")])
    def test_cells(self, cell, letters):
        matrix = pd.DataFrame({"PM": [cell]}, index=["x"])
        assert frozenset(letters) == parse_raci(matrix).at["x", "PM"]

    @pytest.mark.parametrize("cell, message", [
        ("S", "Activity 'x', role 'PM': 'S' has 'S'; valid letters are R, A, C and I"),
        ("RR", "repeats a letter"), (1, "is not RACI letters")])
    def test_bad_cells_name_activity_and_role(self, cell, message):
        with pytest.raises(RACIError, match=message):
            check_raci(pd.DataFrame({"PM": [cell]}, index=["x"]))

    def test_bad_matrices(self):
        with pytest.raises(RACIError, match="'Charter' appears twice"):
            check_raci(pd.DataFrame({"PM": ["A", "R"]}, index=["Charter", "Charter"]))
        with pytest.raises(RACIError, match="empty"):
            check_raci(pd.DataFrame())
        with pytest.raises(RACIError, match=r"max_load .* \(0, 1\]"):
            check_raci(RACI, max_load=2)

    @settings(max_examples=60, deadline=None)
    @given(st.lists(st.lists(st.sampled_from(["", "R", "A", "C", "I", "A/R"]), min_size=3, max_size=3),
                    min_size=1, max_size=6))
    def test_findings_match_a_direct_count(self, rows):
        matrix = pd.DataFrame(rows, columns=["X", "Y", "Z"], index=[f"a{i}" for i in range(len(rows))])
        findings = check_raci(matrix, max_load=1.0)
        for activity, row in zip(matrix.index, rows):
            a_count = sum("A" in cell for cell in row)
            has_r = any("R" in cell for cell in row)
            flagged = findings[findings["activity"] == activity]["check"].tolist()
            assert (a_count != 1) == ("accountable" in flagged)
            assert (not has_r) == ("responsible" in flagged)


class TestGovernanceData:
    def test_pmbok7_has_12_principles_and_8_domains(self):
        # PMI, PMBOK Guide 7th ed. (2021): The Standard, sections 3.1-3.12; the Guide, 2.1-2.8.
        assert 12 == len(PMBOK7_PRINCIPLES) and PMBOK7_PRINCIPLES["label"].is_unique
        assert [f"3.{k}" for k in range(1, 13)] == PMBOK7_PRINCIPLES["section"].tolist()
        assert ["Stakeholder", "Team", "Development Approach and Life Cycle", "Planning",
                "Project Work", "Delivery", "Measurement", "Uncertainty"] == PMBOK7_DOMAINS["domain"].tolist()

    def test_pmbok8_has_6_principles_in_3_groups_and_7_domains(self):
        # PMI, PMBOK Guide 8th ed. (2025). PMI's text was not reachable; the names are those that
        # independent secondary sources agree on (projectmanagement.com.br, "PMBOK 8 principles";
        # E. Harrin, rebelsguidetopm.com, "Project performance domains (updated for PMBOK 8)";
        # Global Knowledge/globalpm.com, "What's new in the PMBOK Guide Eighth Edition").
        assert ["Adopt a holistic view", "Focus on value",
                "Embed quality into processes and deliverables", "Be an accountable leader",
                "Integrate sustainability within all project areas",
                "Build an empowered culture"] == PMBOK8_PRINCIPLES["principle"].tolist()
        groups = PMBOK8_PRINCIPLES.groupby("group")["principle"].apply(set).to_dict()
        assert {"value-driven", "proactive", "ownership"} == set(groups)
        assert all(2 == len(members) for members in groups.values())
        assert {"Focus on value", "Integrate sustainability within all project areas"} == groups[
            "value-driven"]
        assert ["Governance", "Scope", "Schedule", "Finance", "Stakeholders", "Resources",
                "Risk"] == PMBOK8_DOMAINS["domain"].tolist()
        # every 7th-edition principle the table names exists
        named = {p.strip() for cell in PMBOK8_PRINCIPLES["pmbok7"] for p in cell.split(",")}
        assert named <= set(PMBOK7_PRINCIPLES["label"])

    def test_prince2_7th_edition_has_7_principles_practices_processes(self):
        # AXELOS, Managing Successful Projects with PRINCE2, 7th ed. (2023).
        assert 7 == len(PRINCE2_PRINCIPLES) == len(PRINCE2_PRACTICES) == len(PRINCE2_PROCESSES)
        assert "Organizing" in PRINCE2_PRACTICES["practice"].tolist()
        assert "Manage by exception" in PRINCE2_PRINCIPLES["principle"].tolist()
        assert "Managing a stage boundary" in PRINCE2_PROCESSES["process"].tolist()

    @pytest.mark.parametrize("cycle", ["predictive", "agile", "hybrid"])
    def test_every_phase_ends_at_a_gate_with_criteria(self, cycle):
        gates = stage_gates(cycle)
        phases = LIFE_CYCLES[LIFE_CYCLES["life_cycle"] == cycle]
        assert set(phases["gate_after"]) == set(gates["gate"])
        for gate, rows in gates.groupby("gate"):
            assert rows["mandatory"].any() and "exit" in set(rows["kind"]), gate

    def test_unknown_life_cycle(self):
        with pytest.raises(MethodologyError, match="valid ones are predictive, agile, hybrid"):
            stage_gates("waterfall")

    def test_gate_decisions(self):
        gates = stage_gates()
        g2 = gates[gates["gate"] == "G2"]
        assert "go" == gate_review(gates, "G2", g2["criterion"])[0]
        assert "go with conditions" == gate_review(gates, "G2", g2.index[g2["mandatory"]])[0]
        assert "no go" == gate_review(gates, "G2", g2.index[~g2["mandatory"]])[0]
        decision, review = gate_review(gates, "G2", [])
        assert "no go" == decision and not review["met"].any()

    def test_gate_errors(self):
        gates = stage_gates()
        with pytest.raises(MethodologyError, match="Unknown gate 'G9'"):
            gate_review(gates, "G9", [])
        with pytest.raises(MethodologyError, match="'Pizza' is not one of its criteria"):
            gate_review(gates, "G2", ["Pizza"])

    def test_tailored_gates_still_work(self):
        gates = stage_gates("hybrid")
        tailored = pd.concat([gates, pd.DataFrame([{"gate": "G2", "gate_name": "Design approved",
                                                    "kind": "exit", "criterion": "Data protection review",
                                                    "mandatory": True}])], ignore_index=True)
        g2 = tailored[tailored["gate"] == "G2"]
        met = [c for c in g2["criterion"] if c != "Data protection review"]
        assert "no go" == gate_review(tailored, "G2", met)[0]


class TestMaturity:
    def test_questions(self):
        assert 5 == len(MATURITY_LEVELS)
        assert MATURITY_QUESTIONS["id"].is_unique
        counts = MATURITY_QUESTIONS.groupby(["perspective", "level"]).size()
        assert set(counts) == {2} and len(counts) == len(MATURITY_PERSPECTIVES) * 4

    def test_staged_levels(self):
        everything = {q: "yes" for q in MATURITY_QUESTIONS["id"]}
        assert (maturity_profile(everything)["level"] == 5).all()
        assert (maturity_profile({})["level"] == 1).all()
        # Level 3 and 4 practices without level 2's: still level 1 (staged model).
        skip = {q: "yes" for q in MATURITY_QUESTIONS["id"] if q.startswith("RSK") and q[-2] in "34"}
        profile = maturity_profile(skip)
        assert 1 == profile.at["Risk", "level"]
        assert 1.0 == profile.at["Risk", "score_3"]

    def test_partly_and_threshold(self):
        answers = {"GOV-2a": "yes", "GOV-2b": "partly"}  # mean 0.75
        assert 2 == maturity_profile(answers).at["Governance", "level"]
        assert 1 == maturity_profile(answers, threshold=0.8).at["Governance", "level"]
        assert 1 == maturity_profile({"GOV-2a": 1, "GOV-2b": 0.4}).at["Governance", "level"]

    def test_score_is_level_plus_progress(self):
        answers = {"PLC-2a": "yes", "PLC-2b": "yes", "PLC-3a": "partly"}  # level 3 at 0.25 of 0.75
        row = maturity_profile(answers).loc["Planning and control"]
        assert 2 == row["level"] and 0.25 == row["score_3"]
        assert pytest.approx(2 + 0.25 / 0.75, abs=1e-4) == row["score"]

    def test_next_steps(self):
        answers = {"BEN-2a": "yes", "BEN-2b": "yes", "BEN-3a": "partly"}
        steps = next_steps(answers)
        benefits = steps[steps["perspective"] == "Benefits"]
        assert ["BEN-3b", "BEN-3a"] == benefits["id"].tolist()
        assert (benefits["next_level"] == 3).all()
        assert 2 == len(steps[steps["perspective"] == "Risk"])  # level 2 questions of Risk
        assert next_steps(answers, target=1).empty
        only = next_steps(answers, target={p: 1 for p in MATURITY_PERSPECTIVES if p != "Benefits"})
        assert {"Benefits"} == set(only["perspective"])

    @pytest.mark.parametrize("answers, message", [
        ({"X-1": "yes"}, "'X-1' is not a question id"),
        ({"GOV-2a": "maybe"}, "answer 'maybe'"),
        ({"GOV-2a": 2}, "number from 0 to 1"),
        (["yes"], "must be a dict"),
    ])
    def test_bad_answers(self, answers, message):
        with pytest.raises(MaturityError, match=message):
            maturity_profile(answers)
