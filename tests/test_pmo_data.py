"""Meridian's PMO data (lesson 12): the tables' own rules, and their story against the others.

The loaders reject a corrupted table with its row and column, as for every dataset; the
benefits register agrees with the OKRs, with the plans (no benefit before its project
delivers) and with the status date (realised figures only for live projects, only up to it);
the planned profiles are the register's annual values, start and ramp-up.
"""

import pandas as pd
import pytest

from pmo_lessons import data
from pmo_lessons.errors import DatasetError
from pmo_lessons.schedule import project_dates

from .test_data import raw, refs, set_cell

STATUS_DATE = pd.Timestamp("2026-09-25")

CORRUPTIONS = [
    ("service role", "pmo_services", (), lambda f: set_cell(f, 0, "role", "policing"),
     ["pmo_services.csv, row 2, column 'role'", "organisational"]),
    ("service fte", "pmo_services", (), lambda f: set_cell(f, 1, "fte", "-0.5"),
     ["row 3, column 'fte'", "too small"]),
    ("kpi quarter", "pmo_kpis", (), lambda f: set_cell(f, 0, "quarter", "2025 Q1"),
     ["pmo_kpis.csv, row 2, column 'quarter'", "2026-Q3"]),
    ("kpi percentage", "pmo_kpis", (), lambda f: set_cell(f, 2, "on_schedule_pct", "140"),
     ["row 4, column 'on_schedule_pct'", "too large"]),
    ("maturity answer", "maturity_assessments", (),
     lambda f: set_cell(f, 3, "answer", "sometimes"), ["row 5, column 'answer'", "yes, partly, no"]),
    ("maturity repeated", "maturity_assessments", (),
     lambda f: set_cell(f, 1, "question", f["question"].iloc[0]),
     ["row 3, column 'question'", "appears twice"]),
    ("benefit project", "benefits", ("projects", "okrs"),
     lambda f: set_cell(f, 0, "project", "HR"), ["benefits.csv, row 2, column 'project'", "'HR'"]),
    ("benefit key result", "benefits", ("projects", "okrs"),
     lambda f: set_cell(f, 0, "key_result", "KR9.9"), ["row 2, column 'key_result'", "'KR9.9'"]),
    ("dis-benefit sign", "benefits", (), lambda f: set_cell(f, 8, "annual_value_eur", "120000"),
     ["row 10, column 'annual_value_eur'", "dis-benefit", "negative"]),
    ("valued non-financial", "benefits", (), lambda f: set_cell(f, 7, "annual_value_eur", "5"),
     ["row 9, column 'annual_value_eur'", "non-financial"]),
    ("profile month", "benefit_profiles", (), lambda f: set_cell(f, 0, "month", "2027-04-15"),
     ["benefit_profiles.csv, row 2, column 'month'", "first day of the month"]),
    ("profile of unknown benefit", "benefit_profiles", ("benefits",),
     lambda f: set_cell(f, 0, "benefit", "B-99"), ["row 2, column 'benefit'", "'B-99'"]),
    ("dependency task of another project", "dependencies", ("projects", "tasks"),
     lambda f: set_cell(f, 0, "from_task", "ERP-05"),
     ["dependencies.csv, row 2, column 'from_task'", "belongs to project ERP, not DAT"]),
    ("dependency inside one project", "dependencies", ("projects", "tasks"),
     lambda f: set_cell(f, 0, "to_project", "DAT"), ["row 2, column 'to_project'", "two projects"]),
    ("dependency link type", "dependencies", (), lambda f: set_cell(f, 0, "type", "XX"),
     ["row 2, column 'type'", "FS, SS, FF, SF"]),
]


@pytest.mark.parametrize("case", CORRUPTIONS, ids=[c[0] for c in CORRUPTIONS])
def test_a_corrupted_table_is_rejected_with_row_and_column(case):
    _, name, references, corrupt, words = case
    with pytest.raises(DatasetError) as error:
        data.validate(name, corrupt(raw(name)), references=refs(*references))
    for word in words:
        assert word in str(error.value), str(error.value)


@pytest.fixture(scope="module")
def register():
    return data.load_benefits()


def test_benefits_measured_on_a_key_result_share_its_baseline_and_target(register):
    okrs = data.load_okrs().set_index("key_result_id")
    same = 0
    for row in register[register["key_result"] != ""].itertuples():
        kr = okrs.loc[row.key_result]
        assert row.objective == kr["objective_id"], row.id
        if row.unit == kr["unit"]:  # the benefit is measured as its key result is
            assert (row.baseline, row.target) == (kr["baseline"], kr["target"]), row.id
            same += 1
    assert same >= 8
    # and each project claims benefits for the objective it serves
    projects = data.load_projects().set_index("id")["strategic_objective"]
    for project, objectives in register.groupby("project")["objective"]:
        assert projects[project] in set(objectives), project


# The milestone at which each project delivers what its benefits come from.
DELIVERY = {"ERP": "ERP-26", "CRM": "CRM-24", "WHA": "WHA-25", "OFM": "OFM-18",
            "DAT": "DAT-23", "ECO": "ECO-21", "SEC": "SEC-24"}


def test_no_valued_benefit_starts_before_its_project_delivers(register):
    from pmo_lessons.schedule import cpm, to_dates

    tasks, projects = data.load_tasks(), data.load_projects().set_index("id")
    holidays = data.load_holidays()
    delivered = {}
    for project, milestone in DELIVERY.items():
        own = tasks[tasks["project"] == project]
        dated = to_dates(cpm(own), projects.at[project, "start_date"], holidays)
        delivered[project] = dated.at[milestone, "finish_date"]
    for row in register[register["annual_value_eur"] != 0].itertuples():
        month_delivered = delivered[row.project].to_period("M")
        assert row.start_date.to_period("M") >= month_delivered, row.id
    finishes = project_dates(tasks, data.load_projects(), holidays).set_index("id")["finish_date"]
    assert (register["target_date"] >= register["project"].map(finishes)).all()


def test_profiles_are_the_registers_values_start_and_ramp(register):
    profiles = data.load_benefit_profiles()
    valued = register[register["annual_value_eur"] != 0].set_index("id")
    assert set(profiles["benefit"]) == set(valued.index)
    for benefit, own in profiles.groupby("benefit"):
        row = valued.loc[benefit]
        assert 60 == len(own)
        assert row["start_date"] == own["month"].min()
        full = row["annual_value_eur"] / 12
        assert full == pytest.approx(own["planned_eur"].iloc[-1], abs=0.01)
        ramp = row["ramp_months"]
        if ramp:
            assert full / ramp == pytest.approx(own["planned_eur"].iloc[0], abs=0.01)
            assert full == pytest.approx(own["planned_eur"].iloc[ramp - 1], abs=0.01)
        else:
            assert full == pytest.approx(own["planned_eur"].iloc[0], abs=0.01)


def test_realised_figures_only_for_live_projects_up_to_the_status_date(register):
    profiles = data.load_benefit_profiles()
    measured = profiles[profiles["realised_eur"].notna()]
    assert (measured["month"] <= STATUS_DATE).all()
    projects = set(measured["benefit"].map(register.set_index("id")["project"]))
    assert {"CRM", "OFM"} == projects
    # every month planned up to the status date is measured (the pilot's rule)
    due = profiles[(profiles["month"] <= STATUS_DATE) & (profiles["planned_eur"] != 0)]
    assert due["realised_eur"].notna().all()


def test_kpi_history_runs_quarter_after_quarter_to_the_status_date():
    kpis = data.load_pmo_kpis()
    assert [f"{y}-Q{q}" for y in (2025, 2026) for q in (1, 2, 3, 4)][:7] == kpis["quarter"].tolist()
    assert STATUS_DATE == kpis["as_of"].iloc[-1]
    assert (kpis["as_of"].dt.day_of_week == 4).all()  # Fridays, as the status reports
    for column in ("templates_published", "people_trained"):
        assert kpis[column].is_monotonic_increasing, column  # cumulative
