"""Tests of pmo_lessons.capacity: the skills matrix, capacity and demand by role and month, the
scenario, the skill gap and staffing.

No published worked example covers a capacity plan by role on a company's own data, so every
figure is pinned by an independent computation written here: working days counted with numpy's
business-day calendar, demand spread from a relaxation of the network (tests/test_data.py's
``early_starts``), staffing checked against scipy.optimize.linear_sum_assignment (Kuhn's
Hungarian method, "The Hungarian method for the assignment problem", Naval Research Logistics
Quarterly 2, 1955) and against brute force on small cases.
"""

import itertools
import subprocess
import sys

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from scipy.optimize import linear_sum_assignment

from pmo_lessons import capacity as cp
from pmo_lessons import data
from pmo_lessons.calendars import Calendar
from pmo_lessons.capacity import CapacityError

from .strategies import skill_levels
from .test_data import calendar as business_days
from .test_data import early_starts

STATUS = "2026-09-25"


@pytest.fixture(scope="module")
def company():
    cal = Calendar(holidays=data.load_holidays())
    return {
        "calendar": cal,
        "holidays": data.load_holidays()["date"].to_numpy().astype("datetime64[D]"),
        "people": data.load_people(),
        "absences": data.load_absences(),
        "tasks": data.load_tasks(),
        "assignments": data.load_assignments(),
        "projects": data.load_projects(),
        "resources": data.load_resources(),
        "matrix": cp.skills_matrix(data.load_person_skills(), data.load_people(), data.load_skills()),
    }


class TestSkillsMatrix:
    def test_levels_pivot_and_missing_skills_are_zero(self):
        long = pd.DataFrame({"person": ["A", "B"], "skill": ["X", "Y"], "level": [3, 1]})
        matrix = cp.skills_matrix(long, people=pd.DataFrame({"id": ["B", "A", "C"]}))
        assert ["B", "A", "C"] == matrix.index.tolist()
        assert [[0, 1], [3, 0], [0, 0]] == matrix.to_numpy().tolist()

    def test_an_unknown_person_or_a_bad_level_is_refused(self):
        with pytest.raises(CapacityError, match="Z, not in people"):
            cp.skills_matrix(pd.DataFrame({"person": ["Z"], "skill": ["X"], "level": [2]}),
                             people=pd.DataFrame({"id": ["A"]}))
        with pytest.raises(CapacityError, match="valid: a level from 0 to 4"):
            cp.skills_matrix(pd.DataFrame({"person": ["A"], "skill": ["X"], "level": [7]}))

    def test_the_company_matrix_covers_everyone_and_names_the_product_data_people(self, company):
        matrix = company["matrix"]
        assert (69, 23) == matrix.shape
        holders = matrix.index[matrix["PDATA"] >= 3].tolist()
        assert ["P04", "P13", "P30"] == holders  # Sarah Cohen, Yann Le Goff (BAs), Emma Lopez (DE)

    def test_coverage_counts_and_single_points(self):
        matrix = pd.DataFrame({"S": [4, 3, 2], "T": [1, 3, 0]}, index=["a", "b", "c"])
        table = cp.skill_coverage(matrix, level=3)
        assert [2, 1] == table["at_level"].tolist()
        assert [1, 0] == table["one_below"].tolist()
        assert [False, True] == table["single_point"].tolist()


class TestCapacity:
    def test_working_days_follow_numpys_business_days(self, company):
        for month in cp.months("2026-01", "2027-06"):
            first = np.datetime64(f"{month}-01")
            last = (pd.Period(month, freq="M") + 1).start_time.date()
            expected = int(np.busday_count(first, np.datetime64(last), holidays=company["holidays"]))
            assert expected == cp.working_days_in(month, company["calendar"]), month

    def test_a_roles_capacity_on_a_month_without_absence_is_resources_capacity(self, company):
        # September 2026: nobody is on leave; 22 working days
        capacity = cp.role_capacity(company["people"], company["absences"], ["2026-09"], company["calendar"])
        resources = company["resources"].set_index("id")["capacity"]
        assert 22 == cp.working_days_in("2026-09", company["calendar"])
        for role, value in capacity["2026-09"].items():
            assert resources[role] * 22 == pytest.approx(value), role

    def test_leave_is_counted_on_working_days_only(self):
        people = pd.DataFrame({"id": ["A"], "role": ["QA"], "fte": [0.5], "bau_share": [0.0]})
        away = pd.DataFrame({"person": ["A"], "start_date": ["2026-12-24"], "end_date": ["2027-01-03"]})
        cal = Calendar(holidays=["2026-12-25", "2027-01-01"])
        table = cp.person_capacity(people, away, ["2026-12", "2027-01"], cal)
        # December: 22 working days, away 24, 28, 29, 30, 31 (25 is a holiday); January: 20, away none
        assert [0.5 * (22 - 5), 0.5 * 20] == table.loc["A"].tolist()

    def test_a_parental_leave_and_a_departure_show_in_the_company_plan(self, company):
        table = cp.person_capacity(company["people"], company["absences"], ["2026-12", "2027-01"],
                                   company["calendar"])
        assert 0 == table.at["P32", "2026-12"]  # Léa Giraud, parental leave
        assert 0 == table.at["P16", "2027-01"]  # Stéphane Dumas left on 31 December

    def test_bad_people_and_absences_are_refused(self):
        people = pd.DataFrame({"id": ["A"], "role": ["QA"], "fte": [1.2], "bau_share": [0.0]})
        with pytest.raises(CapacityError, match="row 2 .A.: fte 1.2"):
            cp.person_capacity(people, None, ["2026-01"])
        people["fte"] = 1.0
        with pytest.raises(CapacityError, match="'B' is not a person"):
            cp.person_capacity(people, pd.DataFrame({"person": ["B"], "start_date": ["2026-01-05"],
                                                     "end_date": ["2026-01-06"]}), ["2026-01"])
        with pytest.raises(CapacityError, match="not a month"):
            cp.person_capacity(people, None, ["January"])


class TestDemand:
    def test_the_package_and_the_generator_agree_on_the_baseline(self, company):
        computed = cp.role_demand(company["tasks"], company["assignments"], company["projects"],
                                  company["calendar"])
        committed = data.load_role_demand()
        merged = computed.merge(committed, on=["project", "role", "month"], how="outer", indicator=True)
        assert (merged["_merge"] == "both").all()
        assert np.allclose(merged["person_days_x"], merged["person_days_y"])

    def test_demand_is_the_plans_work_spread_over_its_months(self, company):
        # independent: ES from relaxation, days from numpy's business days
        tasks, assignments = company["tasks"], company["assignments"]
        expected = {}
        for pid, start in zip(company["projects"]["id"], company["projects"]["start_date"]):
            own = tasks[tasks["project"] == pid]
            es = early_starts(own)
            duration = dict(zip(own["id"], own["duration"]))
            days = business_days(start, max(es[t] + duration[t] for t in es) + 1, company["holidays"])
            for task, role, units in assignments[assignments["task_id"].isin(own["id"])].itertuples(index=False):
                for k in range(es[task], es[task] + duration[task]):
                    key = (role, str(days[k])[:7])
                    expected[key] = expected.get(key, 0.0) + units
        table = cp.demand_table(cp.role_demand(tasks, assignments, company["projects"], company["calendar"]))
        for (role, month), value in expected.items():
            assert value == pytest.approx(table.at[role, month]), (role, month)
        # the total is the plans' work: units x duration summed over the assignments
        work = sum(u * d for u, d in zip(assignments["units"],
                                         assignments["task_id"].map(dict(zip(tasks["id"], tasks["duration"])))))
        assert work == pytest.approx(table.to_numpy().sum())

    def test_a_delay_moves_the_work_after_the_status_date_and_keeps_it(self):
        tasks = pd.DataFrame({"id": ["A"], "project": ["X"], "duration": [10], "predecessors": [""]})
        assignments = pd.DataFrame({"task_id": ["A"], "resource": ["BA"], "units": [1]})
        projects = pd.DataFrame({"id": ["X"], "start_date": ["2026-03-23"]})  # Mon 23 Mar to Fri 3 Apr
        plain = cp.role_demand(tasks, assignments, projects)
        late = cp.role_demand(tasks, assignments, projects, delays={"X": 5}, status_date="2026-03-27")
        assert [7.0, 3.0] == plain["person_days"].tolist()  # 23-31 Mar, 1-3 Apr
        assert [5.0, 5.0] == late["person_days"].tolist()  # 23-27 Mar done; the rest moves a week
        assert plain["person_days"].sum() == late["person_days"].sum()
        with pytest.raises(CapacityError, match="'Y'|Y, not in projects"):
            cp.role_demand(tasks, assignments, projects, delays={"Y": 1})

    def test_forecast_delays_match_the_milestone_log(self, company):
        delays = cp.forecast_delays(company["tasks"], company["projects"], data.load_milestones(),
                                    company["calendar"])
        # ERP: 22 Jan 2027 in the baseline, 30 Mar 2027 forecast; CRM went live early
        assert 46 == delays["ERP"]
        expected = int(np.busday_count(np.datetime64("2027-01-22"), np.datetime64("2027-03-30"),
                                       holidays=company["holidays"]))
        assert expected == delays["ERP"]
        assert delays["CRM"] < 0 and delays["WHA"] > 0

    def test_the_candidate_keeps_its_shape_when_it_starts_later(self, company):
        plan = data.load_candidate_roles()
        november = cp.candidate_demand(plan, calendar=company["calendar"])
        february = cp.candidate_demand(plan, start="2027-02", calendar=company["calendar"])
        assert "2027-02" == february["month"].min()
        assert len(november) == len(february)
        first_ba = february[(february["role"] == "BA")].iloc[0]
        assert 2.0 * cp.working_days_in("2027-02", company["calendar"]) == first_ba["person_days"]


@pytest.fixture(scope="module")
def scenario(company):
    months = cp.months("2026-10", "2027-06")
    capacity = cp.role_capacity(company["people"], company["absences"], months, company["calendar"])
    delays = cp.forecast_delays(company["tasks"], company["projects"], data.load_milestones(),
                                company["calendar"])
    demand = cp.demand_table(cp.role_demand(company["tasks"], company["assignments"], company["projects"],
                                            company["calendar"], delays=delays, status_date=STATUS),
                             months=months, roles=capacity.index)
    candidate = cp.demand_table(cp.candidate_demand(data.load_candidate_roles(), calendar=company["calendar"]),
                                months=months, roles=capacity.index)
    return capacity, demand, candidate


class TestScenario:
    def test_the_gap_is_capacity_minus_demand(self, scenario):
        capacity, demand, _ = scenario
        gap = cp.capacity_gap(capacity, demand)
        row = gap[(gap["role"] == "SEC") & (gap["month"] == "2026-10")].iloc[0]
        assert row["capacity"] - row["demand"] == pytest.approx(row["gap"])
        assert "over" == row["status"]  # the security specialists are over before any new project

    def test_statuses_follow_the_thresholds(self):
        capacity = pd.DataFrame({"m": [100.0, 100.0, 100.0, 0.0]}, index=["a", "b", "c", "d"])
        demand = pd.DataFrame({"m": [89.0, 90.0, 100.5, 1.0]}, index=["a", "b", "c", "d"])
        gap = cp.capacity_gap(capacity, demand)
        assert ["ok", "tight", "over", "over"] == gap["status"].tolist()
        assert np.isinf(gap["utilisation"].iloc[3])

    def test_demand_outside_the_capacity_is_refused(self):
        capacity = pd.DataFrame({"2026-10": [1.0]}, index=["QA"])
        with pytest.raises(CapacityError, match="role.s. DEV"):
            cp.capacity_gap(capacity, pd.DataFrame({"2026-10": [1.0]}, index=["DEV"]))
        with pytest.raises(CapacityError, match="2026-11"):
            cp.capacity_gap(capacity, pd.DataFrame({"2026-11": [1.0]}, index=["QA"]))

    def test_the_pim_breaks_the_testers_in_december_and_the_security_specialists(self, scenario):
        table = cp.which_roles_break(cp.take_on(*scenario)).set_index("role")
        assert {"QA", "SEC"} == set(table.index)
        assert ("2026-12", 1, "the candidate") == tuple(table.loc["QA", ["first_month", "months", "cause"]])
        assert "2026-12" == table.at["SEC", "first_month"]

    def test_starting_the_pim_in_january_spares_the_testers(self, scenario, company):
        capacity, demand, _ = scenario
        later = cp.demand_table(cp.candidate_demand(data.load_candidate_roles(), start="2027-01",
                                                    calendar=company["calendar"]),
                                months=capacity.columns, roles=capacity.index)
        table = cp.which_roles_break(cp.take_on(capacity, demand, later))
        assert "QA" not in set(table["role"])

    def test_take_on_adds_the_candidate_and_flags_only_new_breaks(self):
        capacity = pd.DataFrame({"m1": [10.0, 10.0]}, index=["a", "b"])
        demand = pd.DataFrame({"m1": [12.0, 5.0]}, index=["a", "b"])
        candidate = pd.DataFrame({"m1": [1.0, 6.0]}, index=["a", "b"])
        table = cp.take_on(capacity, demand, candidate)
        assert [13.0, 11.0] == table["demand"].tolist()
        assert [False, True] == table["breaks"].tolist()
        summary = cp.which_roles_break(table).set_index("role")
        assert "already over" == summary.at["a", "cause"] and "the candidate" == summary.at["b", "cause"]


class TestSkills:
    def test_skill_demand_splits_by_share_and_keeps_the_work(self, company):
        demand = cp.role_demand(company["tasks"], company["assignments"], company["projects"], company["calendar"])
        split = cp.skill_demand(demand, data.load_role_skills())
        assert [] == split.attrs["undescribed"]  # every project's role has its skills
        assert demand["person_days"].sum() == pytest.approx(split["person_days"].sum())

    def test_the_product_data_gap_is_the_bas_at_level_three(self, company):
        months = ["2026-12"]
        people, matrix = company["people"], company["matrix"]
        pcap = cp.person_capacity(people, company["absences"], months, company["calendar"])
        need = cp.skill_demand(cp.candidate_demand(data.load_candidate_roles(), calendar=company["calendar"]))
        gap = cp.skill_gap(need, pcap, people, matrix, months)
        row = gap[(gap["skill"] == "PDATA")].iloc[0]
        # independent: Sarah Cohen and Yann Le Goff's December, BAs at level 3 or more
        assert pcap.loc[["P04", "P13"], "2026-12"].sum() == pytest.approx(row["supply"])
        assert row["demand"] - row["supply"] == pytest.approx(row["shortfall"])


class TestStaffing:
    def test_requests_slice_the_plan_into_slots_over_the_months_that_need_them(self):
        plan = pd.DataFrame({"project": "N", "role": "BA", "skill": "X", "level": 3,
                             "month": ["2027-01", "2027-02", "2027-03"], "fte": [1.5, 1.0, 0.5]})
        requests = cp.staffing_requests(plan)
        assert ["2027-01, 2027-02, 2027-03", "2027-01, 2027-02", "2027-01"] == requests["months"].tolist()

    def test_the_greedy_answer_leaves_an_integration_developer_out(self, company):
        months = cp.months("2026-10", "2027-06")
        people, matrix = company["people"], company["matrix"]
        pcap = cp.person_capacity(people, company["absences"], months, company["calendar"])
        capacity = pcap.groupby(pd.Series(list(people["role"]), index=pcap.index)).sum()
        demand = cp.demand_table(cp.role_demand(company["tasks"], company["assignments"], company["projects"],
                                                company["calendar"]), months=months, roles=capacity.index)
        free = cp.availability(pcap, people, capacity, demand, company["calendar"])
        requests = cp.staffing_requests(data.load_candidate_roles())
        exact = cp.staff(requests, people, matrix, free).set_index("request")
        greedy = cp.staff(requests, people, matrix, free, method="greedy").set_index("request")
        assert "Kevin Lambert" == greedy.at["P-PIM-DEV-WEB-1", "name"]
        assert "" == greedy.at["P-PIM-DEV-INTEG-2", "name"]
        assert {"Kevin Lambert", "Victor Perret"} == {exact.at["P-PIM-DEV-INTEG-1", "name"],
                                                       exact.at["P-PIM-DEV-INTEG-2", "name"]}
        assert (exact["person"] != "").sum() > (greedy["person"] != "").sum()
        for request, row in exact[exact["person"] != ""].iterrows():  # every pick is eligible
            assert matrix.at[row["person"], row["skill"]] >= row["level"], request

    @settings(max_examples=40, deadline=None)
    @given(skill_levels())
    def test_exact_matches_the_hungarian_method_one_to_one(self, levels):
        # people x skills levels; each request needs one skill at level 1; each person takes one at most
        n_people, skills = len(levels), ["s0", "s1", "s2", "s3"]
        people = pd.DataFrame({"id": [f"p{i}" for i in range(n_people)], "role": "R"})
        matrix = pd.DataFrame(levels, index=people["id"], columns=skills)
        requests = pd.DataFrame({"request": skills, "role": "R", "skill": skills, "level": 1,
                                 "fte": 1.0, "months": "2027-01"})
        free = pd.DataFrame({"2027-01": [1.0] * n_people}, index=people["id"])
        result = cp.staff(requests, people, matrix, free)
        # Hungarian: fill as many as possible, then the highest total level
        weight = 4 * len(skills) + 1
        gain = np.where(matrix.to_numpy() >= 1, 100 * weight + matrix.to_numpy(), 0).T
        rows, cols = linear_sum_assignment(gain, maximize=True)
        best = gain[rows, cols].sum()
        got = sum(100 * weight + level for level in result["person_level"] if level)
        assert best == got
        assert result.loc[result["person"] != "", "person"].is_unique

    def test_exact_respects_part_time_capacity_against_brute_force(self):
        people = pd.DataFrame({"id": ["a", "b"], "role": "R"})
        matrix = pd.DataFrame({"s": [4, 2]}, index=["a", "b"])
        requests = pd.DataFrame({"request": ["r1", "r2", "r3"], "role": "R", "skill": "s", "level": [2, 2, 3],
                                 "fte": [0.5, 0.5, 0.5], "months": "2027-01"})
        free = pd.DataFrame({"2027-01": [1.0, 0.5]}, index=["a", "b"])
        result = cp.staff(requests, people, matrix, free)
        best = None
        for picks in itertools.product(["", "a", "b"], repeat=3):
            load = {p: 0.5 * picks.count(p) for p in ("a", "b")}
            if load["a"] > 1.0 or load["b"] > 0.5 or (picks[2] == "b"):
                continue
            score = (sum(p != "" for p in picks), sum(matrix.at[p, "s"] for p in picks if p))
            best = max(best or score, score)
        got = ((result["person"] != "").sum(), result["person_level"].sum())
        assert best == got
        assert 1.0 >= 0.5 * (result["person"] == "a").sum()

    def test_an_unknown_method_is_refused(self):
        with pytest.raises(CapacityError, match="'exact' or 'greedy'"):
            cp.staff(pd.DataFrame(columns=["request", "role", "skill", "level", "fte", "months"]),
                     pd.DataFrame({"id": [], "role": []}), pd.DataFrame(), pd.DataFrame(), method="best")


def test_the_computation_loads_no_plotting_library():
    code = ("import sys, pmo_lessons.capacity, pmo_lessons.training; "
            "bad = [m for m in ('matplotlib', 'ipywidgets') if m in sys.modules]; "
            "print(bad); sys.exit(1 if bad else 0)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert 0 == result.returncode, result.stdout + result.stderr
