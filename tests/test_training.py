"""Tests of pmo_lessons.training: needs, options, the plan within a budget, Kirkpatrick's levels.

The plan is checked against brute force (every subset of places within the budget); the
normalised gain against the definition of R. R. Hake, "Interactive-engagement versus traditional
methods: A six-thousand-student survey of mechanics test data for introductory physics courses",
American Journal of Physics 66(1), 1998, pp. 64-74: <g> = (%post - %pre) / (100 - %pre) from the
class averages (Hake's own example, a class at 30 % before and 65 % after, gains 0.5).
"""

import itertools

import pandas as pd
import pytest

from pmo_lessons import capacity as cp
from pmo_lessons import data
from pmo_lessons import training as tr
from pmo_lessons.training import TrainingError


def test_the_four_levels_and_grow_are_in_order():
    assert ["Reaction", "Learning", "Behavior", "Results"] == tr.KIRKPATRICK_LEVELS["name"].tolist()
    assert ["Goal", "Reality", "Options", "Will"] == tr.GROW.index.tolist()


class TestNeeds:
    def test_candidates_are_the_people_one_level_below(self):
        gaps = pd.DataFrame({"role": ["BA", "BA"], "skill": ["S", "S"], "level": [3, 3],
                             "month": ["2027-01", "2027-02"], "shortfall": [4.0, 6.0]})
        matrix = pd.DataFrame({"S": [4, 2, 2, 1]}, index=list("abcd"))
        people = pd.DataFrame({"id": list("abcd"), "name": list("ABCD"), "role": ["BA", "BA", "QA", "BA"]})
        needs = tr.skill_needs(gaps, matrix, people)
        assert ["b"] == needs["person"].tolist()  # c is a tester, d two levels below
        assert 10.0 == needs.at[0, "shortfall"]
        assert ["b", "d"] == tr.skill_needs(gaps, matrix, people, below=2)["person"].tolist()

    def test_the_company_needs_three_product_data_analysts(self):
        people = data.load_people()
        matrix = cp.skills_matrix(data.load_person_skills(), people)
        months = cp.months("2026-11", "2027-06")
        pcap = cp.person_capacity(people, data.load_absences(), months)
        need = cp.skill_demand(cp.candidate_demand(data.load_candidate_roles()))
        needs = tr.skill_needs(cp.skill_gap(need, pcap, people, matrix, months), matrix, people)
        pdata = needs[needs["skill"] == "PDATA"]
        assert ["Mehdi Haddad", "Laura Petit", "Chloé Martin"] == pdata["name"].tolist()

    def test_maturity_needs_follow_lesson_5s_next_steps(self):
        needs = tr.maturity_needs(data.load_maturity_assessments(), data.load_courses())  # September 2026
        resources = needs[needs["perspective"] == "Resources"]
        assert {1} == set(resources["current_level"])  # lesson 5: Resources at level 1
        assert {"C09", "C12"} == set(resources["course"])
        unserved = needs[needs["course"] == ""]
        assert "GOV-4b" in set(unserved["id"])  # not every gap is a course

    def test_options_match_the_next_level(self):
        needs = pd.DataFrame({"person": ["a", "b"], "skill": ["PDATA", "PLC"], "current": [1, 2]})
        options = tr.course_options(needs, data.load_courses())
        assert [("a", "C01"), ("b", "")] == list(zip(options["person"], options["course"]))


class TestPlan:
    def catalogue(self):
        return pd.DataFrame({"id": ["X", "Y"], "name": ["x", "y"], "days": [2, 3], "fee_eur": [1000.0, 1500.0],
                             "seats": [2, 5], "sessions": ["2026-10-05, 2026-12-07", "2026-11-02"]})

    def test_the_plan_is_the_best_subset_within_the_budget(self):
        options = pd.DataFrame({"person": ["a", "b", "c", "a", "d"], "course": ["X", "X", "X", "Y", "Y"],
                                "value": [5.0, 4.0, 3.0, 6.0, 2.0]})
        plan = tr.training_plan(options, self.catalogue(), budget=3500, not_before="2026-09-28")
        # brute force over the options (each session of X has 2 seats, so seats do not bind here)
        fee = {"X": 1000.0, "Y": 1500.0}
        best = max(sum(options["value"].iloc[list(s)]) for n in range(6)
                   for s in itertools.combinations(range(5), n)
                   if sum(fee[options["course"].iloc[k]] for k in s) <= 3500)
        assert best == plan["value"].sum()
        assert plan["fee_eur"].sum() <= 3500

    def test_seats_dates_and_deadlines_are_kept(self):
        options = pd.DataFrame({"person": ["a", "b", "c"], "course": "X", "value": 1.0,
                                "needed_by": ["2026-11-30", "2026-11-30", "2026-11-30"]})
        plan = tr.training_plan(options, self.catalogue(), budget=10_000, not_before="2026-09-28")
        assert 2 == len(plan)  # two seats on 5 October, the December session is too late
        assert {pd.Timestamp("2026-10-05")} == set(plan["session"])
        assert ["budget"] == plan.attrs["left_out"]["why"].tolist()
        late = tr.training_plan(options, self.catalogue(), budget=10_000, not_before="2026-10-06")
        assert late.empty and {"no session"} == set(late.attrs["left_out"]["why"])

    def test_the_time_away_is_costed_apart_from_the_fees(self):
        options = pd.DataFrame({"person": ["a"], "course": ["Y"]})
        plan = tr.training_plan(options, self.catalogue(), budget=2000, day_rates={"a": 640.0})
        assert 3 * 640.0 == plan.at[0, "time_cost_eur"]

    def test_a_bad_budget_or_course_is_refused(self):
        with pytest.raises(TrainingError, match="budget"):
            tr.training_plan(pd.DataFrame({"person": ["a"], "course": ["X"]}), self.catalogue(), budget=-1)
        with pytest.raises(TrainingError, match="row 2: course 'Z'"):
            tr.training_plan(pd.DataFrame({"person": ["a"], "course": ["Z"]}), self.catalogue(), budget=1)


class TestKirkpatrick:
    def test_hakes_class_average_gain(self):
        records = pd.DataFrame({"reaction": [4, 4], "pre_test": [20, 40], "post_test": [60, 70],
                                "applied_90_days": ["yes", "no"]})
        assert 0.5 == pytest.approx(tr.kirkpatrick(records).at[2, "value"])  # 30 -> 65 of 100

    def test_the_planning_course_of_2026(self):
        table = tr.kirkpatrick(data.load_training_evaluations(),
                               results={"measure": "plans with a baseline (%)", "before": 40, "after": 65})
        evaluations = data.load_training_evaluations()
        assert round(evaluations["reaction"].mean(), 4) == table.at[1, "value"]
        assert round(8 / 14, 4) == table.at[3, "value"]  # 8 of 14 apply it
        assert 25 == table.at[4, "value"]
        assert "Hugo" not in table.at[3, "reading"]  # a summary, not a list of names

    def test_a_bad_record_names_its_row(self):
        records = pd.DataFrame({"reaction": [4, 9], "pre_test": [20, 40], "post_test": [60, 70],
                                "applied_90_days": ["yes", "no"]})
        with pytest.raises(TrainingError, match="row 3: reaction is 9"):
            tr.kirkpatrick(records)
