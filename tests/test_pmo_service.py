"""Tests of pmo_lessons.pmo_service, and of Meridian's PMO data against the other tables.

The PMO types are checked against the wording of PMI's *PMBOK Guide*, 6th ed. (2017), section
2.4.4.3 (supportive: low control, templates, training, lessons learned, a repository;
controlling: moderate, requires compliance; directive: high, manages the projects directly);
the five roles against the course's source (sources/004: "organizational, relational,
methodological, analytical and coaching"). The kit's descriptions are its own summaries. The
KPI history's 2026 figures are recomputed from status_weekly.csv, the benefit profiles and the
maturity assessments.
"""

import math

import pandas as pd
import pytest

from pmo_lessons import data
from pmo_lessons.benefits import realisation
from pmo_lessons.evm import baseline_pv, dashboard
from pmo_lessons.methodology import MATURITY_PERSPECTIVES, maturity_profile
from pmo_lessons.pmo_service import (
    AUTHORITIES,
    CHARTER_SECTIONS,
    P3O_OFFICES,
    PMO_KPIS,
    PMO_ROLES,
    PMO_TYPES,
    PMOError,
    catalogue_profile,
    check_catalogue,
    check_charter,
    pmo_type,
    service_gaps,
    value_dashboard,
)


def catalogue(**changes):
    base = pd.DataFrame({
        "id": ["S1", "S2", "S3", "S4", "S5"],
        "service": ["Board pack", "Gates", "Planning help", "Coaching", "Bulletin"],
        "role": ["analytical", "methodological", "organisational", "coaching", "relational"],
        "customers": ["board", "sponsors", "project managers", "teams", "everyone"],
        "authority": ["control", "control", "support", "support", "support"],
        "service_level": ["monthly", "5 days", "on request", "quarterly", "weekly"],
        "perspective": ["Stakeholders and communication", "Governance", "Planning and control",
                        "", "Stakeholders and communication"],
        "fte": [0.5, 0.4, 0.3, 0.2, 0.1], "status": ["running"] * 5})
    for column, (position, value) in changes.items():
        base[column] = base[column].astype(object)
        base.loc[position, column] = value
    return base


class TestReferenceTables:
    def test_pmbok6_types_by_degree_of_control(self):
        types = PMO_TYPES.set_index("type")
        assert ["supportive", "controlling", "directive"] == PMO_TYPES["type"].tolist()
        assert ["low", "moderate", "high"] == PMO_TYPES["control"].tolist()
        for word in ("templates", "training", "lessons learned", "repository"):
            assert word in types.at["supportive", "what_it_does"]
        assert "comply" in types.at["controlling", "what_it_does"]
        assert "Manages the projects itself" in types.at["directive", "what_it_does"]
        assert set(AUTHORITIES.values()) == set(PMO_TYPES["type"])

    def test_p3o_offices(self):
        offices = P3O_OFFICES.set_index("office")
        assert {"Organisation portfolio office", "Hub portfolio office", "Programme office",
                "Project office", "Centre of excellence"} == set(offices.index)
        assert "temporary" == offices.at["Programme office", "lifetime"]
        assert "temporary" == offices.at["Project office", "lifetime"]
        assert "permanent" == offices.at["Organisation portfolio office", "lifetime"]
        assert "enterprise PMO" in offices.at["Organisation portfolio office", "what_it_does"]

    def test_the_five_roles_of_the_sources(self):
        assert ["organisational", "relational", "methodological", "analytical",
                "coaching"] == PMO_ROLES["role"].tolist()

    def test_kpis_have_targets_for_outcomes_only(self):
        outcomes = PMO_KPIS[PMO_KPIS["kind"] == "outcome"]
        assert outcomes["target"].notna().all()
        assert PMO_KPIS.loc[PMO_KPIS["kind"] == "activity", "target"].isna().all()
        assert set(PMO_KPIS["kpi"]) <= set(data.load_pmo_kpis().columns)


class TestCatalogue:
    def test_a_sound_catalogue_passes(self):
        assert check_catalogue(catalogue(), staff_fte=1.5).empty

    @pytest.mark.parametrize("column, position, value, check, severity", [
        ("role", 0, "policing", "values", "error"),
        ("authority", 0, "command", "values", "error"),
        ("status", 0, "maybe", "values", "error"),
        ("perspective", 0, "Money", "values", "error"),
        ("fte", 0, -1, "values", "error"),
        ("fte", 0, "half", "values", "error"),
        ("id", 1, "S1", "values", "error"),
        ("customers", 2, "", "customers", "error"),
        ("service_level", 2, "", "service level", "error"),
        ("status", 4, "planned", "roles", "warning"),   # nobody plays the relational role
    ])
    def test_each_problem_is_found(self, column, position, value, check, severity):
        found = check_catalogue(catalogue(**{column: (position, value)}))
        assert (check, severity) in set(zip(found["check"], found["severity"]))

    def test_a_planned_service_needs_no_service_level_yet(self):
        planned = catalogue(status=(2, "planned"))
        planned.loc[2, "service_level"] = ""
        assert "service level" not in set(check_catalogue(planned)["check"])

    def test_staffing(self):
        assert check_catalogue(catalogue(), staff_fte=1.5).empty   # 1.5 FTE needed
        found = check_catalogue(catalogue(), staff_fte=1.2)
        assert ["staffing"] == found["check"].tolist()
        assert "1.5 FTE" in found["problem"].iloc[0] and "1.2" in found["problem"].iloc[0]
        tailored = catalogue(status=(4, "planned"))
        assert check_catalogue(tailored, staff_fte=1.4).loc[lambda f: f["check"] == "staffing"].empty
        assert not check_catalogue(tailored, staff_fte=1.4, include_planned=True).loc[
            lambda f: f["check"] == "staffing"].empty

    def test_profile_and_type_follow_the_effort(self):
        profile = catalogue_profile(catalogue())
        assert 0.9 == pytest.approx(profile.at["control", "fte"])
        assert 0.6 == pytest.approx(profile.at["support", "fte"])
        assert 0.6 == pytest.approx(profile.at["control", "share"])
        assert "controlling" == pmo_type(catalogue())
        # the board pack handed to projects' own reporting: support takes the lead
        assert "supportive" == pmo_type(catalogue(authority=(0, "support")))
        # a tie goes to the lesser control: 0.5 direct against 0.5 support
        tie = catalogue(authority=(0, "direct"), fte=(1, 0.0))
        tie.loc[[2, 3, 4], "fte"] = [0.2, 0.2, 0.1]
        assert "supportive" == pmo_type(tie)
        with pytest.raises(PMOError, match="No service in operation takes any staff time"):
            pmo_type(catalogue(fte=(0, 0.0)).assign(fte=0.0))

    def test_service_gaps(self):
        gaps = service_gaps(catalogue(status=(2, "planned")),
                            {"Planning and control": 2, "Governance": 3, "Risk": 1,
                             "Stakeholders and communication": 2})
        assert ["Risk", "Planning and control", "Stakeholders and communication"] == \
            gaps.index.tolist()
        assert "no service" == gaps.at["Risk", "gap"]
        assert "start a service" == gaps.at["Planning and control", "gap"]
        assert "S1, S5" == gaps.at["Stakeholders and communication", "running"]
        with pytest.raises(PMOError, match="whole number from 1 to 5"):
            service_gaps(catalogue(), {"Risk": 2.5})


class TestCharter:
    def test_meridians_charter_has_every_section(self):
        assert check_charter(data.load_pmo_charter()).empty

    def test_missing_and_empty_sections(self):
        charter = data.load_pmo_charter()
        charter = charter[charter["section"] != "review"].copy()
        charter.loc[charter["section"] == "sponsor", "text"] = ""
        found = check_charter(charter)
        assert {("review", "missing"), ("sponsor", "empty")} == set(
            zip(found["section"], found["check"]))

    def test_success_measures_of_activity_only(self):
        charter = data.load_pmo_charter()
        charter.loc[charter["section"] == "success measures", "text"] = (
            "120 reports a quarter and 30 templates published.")
        assert ["outcomes"] == check_charter(charter)["check"].tolist()


class TestValueDashboard:
    def test_statuses_trends_and_targets(self):
        history = pd.DataFrame({
            "quarter": ["2026-Q2", "2026-Q1", "2026-Q3"],   # any order: sorted by quarter
            "on_schedule_pct": [80.0, 60.0, 75.0],
            "satisfaction": [3.4, None, None],
            "maturity_level": [None, None, None],
            "reports_issued": [50, 40, 50]})
        board = value_dashboard(history)
        assert 75.0 == board.at["on_schedule_pct", "latest"]
        assert "worse" == board.at["on_schedule_pct", "trend"]
        assert "met" == board.at["on_schedule_pct", "status"]      # 75 >= 70
        assert "2026-Q3" == board.at["on_schedule_pct", "as_of"]
        assert "not met" == board.at["satisfaction", "status"]      # 3.4 < 3.5, from Q2
        assert "" == board.at["satisfaction", "trend"]              # one value: no trend
        assert "not measured" == board.at["maturity_level", "status"]
        assert "flat" == board.at["reports_issued", "trend"]
        assert "activity" == board.at["reports_issued", "status"]
        assert ["outcome"] * 3 + ["activity"] == board["kind"].tolist()

    def test_a_tailored_target_and_a_lower_is_better_kpi(self):
        kpis = pd.DataFrame({"kpi": ["late_days"], "label": ["Days late"], "kind": ["outcome"],
                             "unit": ["days"], "target": [10.0], "better": ["lower"]})
        history = pd.DataFrame({"quarter": ["2026-Q1", "2026-Q2"], "late_days": [20, 8]})
        row = value_dashboard(history, kpis).loc["late_days"]
        assert ("better", "met") == (row["trend"], row["status"])

    def test_bad_values_are_named(self):
        history = pd.DataFrame({"quarter": ["2026-Q1"], "on_schedule_pct": ["lots"]})
        with pytest.raises(PMOError, match="2026-Q1.*'lots'"):
            value_dashboard(history)


# --- Meridian's PMO data, consistent with the rest of the company's tables ----------------


@pytest.fixture(scope="module")
def kpis():
    return data.load_pmo_kpis().set_index("quarter")


class TestMeridiansPMO:
    @pytest.mark.parametrize("quarter", ["2026-Q1", "2026-Q2", "2026-Q3"])
    def test_2026_schedule_and_cost_shares_are_the_dashboards(self, kpis, quarter):
        projects = data.load_projects()
        baseline = baseline_pv(data.load_tasks(), projects, data.load_holidays())
        as_of = kpis.at[quarter, "as_of"]
        board = dashboard(data.load_status(), projects, baseline, status_date=as_of)
        started = projects.loc[projects["start_date"] <= as_of, "id"]
        assert len(started) == kpis.at[quarter, "projects_active"] == len(board)
        on_schedule = 100 * (board["SPI_t"] >= 0.95).mean()
        on_budget = 100 * (board["CPI"] >= 0.95).mean()
        assert round(on_schedule, 1) == kpis.at[quarter, "on_schedule_pct"]
        assert round(on_budget, 1) == kpis.at[quarter, "on_budget_pct"]

    def test_the_benefits_figure_is_the_realisation_of_live_projects(self, kpis):
        table = realisation(data.load_benefit_profiles(), "2026-09-25")
        rate = 100 * table["realised_to_date"].sum() / table["planned_to_date"].sum()
        assert round(rate, 1) == kpis.at["2026-Q3", "benefits_realised_pct"]
        assert kpis["benefits_realised_pct"].drop("2026-Q3").isna().all()  # not measured before

    def test_the_maturity_figures_are_the_assessments(self, kpis):
        assessments = data.load_maturity_assessments()
        levels = {}
        for date, answers in assessments.groupby("assessment_date"):
            levels[date] = maturity_profile(answers.set_index("question")["answer"])["level"]
        # 2026: the profile lesson 5 shows (Governance 3, Planning 4, Risk 3, Benefits 2,
        # Stakeholders 3, Resources 1)
        assert [3, 4, 3, 2, 3, 1] == levels[pd.Timestamp("2026-09-18")].tolist()
        assert round(levels[pd.Timestamp("2026-09-18")].mean(), 2) == \
            kpis.at["2026-Q3", "maturity_level"]
        assert round(levels[pd.Timestamp("2025-06-20")].mean(), 2) == \
            kpis.at["2025-Q2", "maturity_level"]
        assert 48 * 2 == len(assessments)

    def test_the_catalogue_fits_the_charter(self):
        services = data.load_pmo_services()
        charter = data.load_pmo_charter().set_index("section")["text"]
        assert "3.0 full-time equivalents" in charter["staffing and budget"]
        assert check_catalogue(services, staff_fte=3.0).empty
        assert "controlling" == pmo_type(services)
        assert "controlling PMO" in charter["type and authority"]
        # starting the planned resource service does not fit without a change
        assert "staffing" in set(check_catalogue(services, 3.0, include_planned=True)["check"])

    def test_the_gaps_are_the_weakest_perspectives(self):
        assessments = data.load_maturity_assessments()
        latest = assessments[assessments["assessment_date"] == "2026-09-18"]
        profile = maturity_profile(latest.set_index("question")["answer"])
        gaps = service_gaps(data.load_pmo_services(), profile)
        assert ["Resources", "Benefits"] == gaps.index.tolist()
        assert ("S08", "start a service") == tuple(gaps.loc["Resources", ["to_start", "gap"]])
        assert ("S09", "scale up the pilot") == tuple(gaps.loc["Benefits", ["pilot", "gap"]])
        assert set(gaps.index) <= set(MATURITY_PERSPECTIVES)

    def test_the_value_page_of_2026_q3(self):
        board = value_dashboard(data.load_pmo_kpis())
        assert "not met" == board.at["on_schedule_pct", "status"]
        assert "worse" == board.at["on_schedule_pct", "trend"]
        assert "better" == board.at["reports_issued", "trend"]   # activity up, outcomes down
        assert "met" == board.at["satisfaction", "status"] and "2026-Q2" == board.at[
            "satisfaction", "as_of"]
        assert not math.isnan(board.at["benefits_realised_pct", "latest"])

    def test_charter_sections_are_the_kits_list(self):
        assert list(CHARTER_SECTIONS) == data.load_pmo_charter()["section"].tolist()
