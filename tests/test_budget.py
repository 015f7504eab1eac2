"""Tests of pmo_lessons.budget: published examples, independent computations, the company's data.

Where a source publishes the numbers, the test recomputes them; where none does (a count of
iterations, a change log), the test computes the answer its own way (loops instead of numpy,
brute force instead of the knapsack) and compares.
"""

import itertools
import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pmo_lessons import budget, data, evm, risk, schedule
from pmo_lessons.budget import (
    APPROVERS,
    LAYERS,
    BudgetError,
    CostSimulation,
    approve,
    budget_for_confidence,
    budget_layers,
    cash_flow,
    change_log,
    commitments,
    contingency,
    control_accounts,
    cost_baseline,
    cost_estimates,
    forecast,
    joint_confidence,
    project_forecasts,
    propose_adjustments,
    simulate_costs,
    spend_forecast,
)
from pmo_lessons.calendars import Calendar
from pmo_lessons.errors import InputError

from .strategies import adjustment_problems

STATUS_DATE = pd.Timestamp("2026-09-25")


@pytest.fixture(scope="module")
def company():
    return {
        "projects": data.load_projects(), "tasks": data.load_tasks(), "status": data.load_status(),
        "orders": data.load_purchase_orders(), "changes": data.load_budget_changes(),
        "calendar": Calendar(data.load_holidays()), "risks": data.load_risks(),
        "assignments": data.load_assignments(), "resources": data.load_resources(),
    }


def dated_plan(company, pid):
    projects = company["projects"].set_index("id")
    tasks = company["tasks"][company["tasks"]["project"] == pid]
    cal = company["calendar"]
    dated = schedule.to_dates(schedule.cpm(tasks), projects.at[pid, "start_date"], cal.holidays)
    return tasks, dated


def frame_sim(cost, finish, base=0.0):
    return CostSimulation(cost=np.asarray(cost, float), finish=np.asarray(finish, float),
                          base_estimate=base, deterministic_finish=0.0, iterations=len(cost),
                          seed=None, schedule=None)


# --------------------------------------------------------------------------------------------
# The time-phased cost baseline
# --------------------------------------------------------------------------------------------


class TestCostBaseline:
    def test_published_time_phased_budget(self):
        # Penn State World Campus, MANGT 515 "Project Budgeting", lesson 5.5.1 "Time-Phased
        # Budgets", Table 4.3 (courses.worldcampus.psu.edu/welcome/mangt515/001/content/lesson05/
        # lesson05_19.html): six activities spread over January to May; monthly planned 4,000,
        # 9,000, 11,500, 10,500, 6,000, cumulative 4,000 ... 41,000. Each activity's monthly part
        # is a work package dated inside its month.
        table = {  # activity: {month: amount}
            "Survey": {1: 4000}, "Design": {2: 5000, 3: 3000}, "Clear Site": {2: 4000, 4: 1500},
            "Foundation": {3: 6500}, "Framing": {3: 2000, 4: 8000, 5: 2000},
            "Plumb & Wire": {4: 1000, 5: 4000},
        }
        rows, dates = [], {}
        for activity, months in table.items():
            for month, amount in months.items():
                task = f"{activity} {month}".replace(" ", "_").replace("&", "and")
                rows.append((task, float(amount)))
                dates[task] = (pd.Timestamp(2026, month, 5), pd.Timestamp(2026, month, 20))
        tasks = pd.DataFrame(rows, columns=["id", "cost"])
        plan = pd.DataFrame({"start_date": [d[0] for d in dates.values()],
                             "finish_date": [d[1] for d in dates.values()]}, index=list(dates))
        result = cost_baseline(tasks, plan, freq="MS")
        assert [4000, 9000, 11500, 10500, 6000] == result["planned_eur"].round(6).tolist()
        assert [4000, 13000, 24500, 35000, 41000] == result["cumulative_eur"].round(6).tolist()

    @pytest.mark.parametrize("pid", ["ERP", "CRM", "WHA", "OFM", "DAT", "ECO", "SEC"])
    def test_weekly_curve_is_the_pv_of_the_status_table(self, company, pid):
        # tools/make_datasets.py computes PV with its own forward pass and day loop: the
        # independent generator of the company's data.
        tasks, dated = dated_plan(company, pid)
        weekly = cost_baseline(tasks, dated, freq="W-FRI", calendar=company["calendar"])
        status = company["status"][company["status"]["project"] == pid].set_index("status_date")
        planned = weekly["cumulative_eur"].reindex(status.index, method="ffill")
        np.testing.assert_allclose(status["pv_eur"].to_numpy(), planned.to_numpy(), atol=0.01)
        assert weekly["cumulative_eur"].iloc[-1] == pytest.approx(tasks["cost_eur"].sum())

    def test_spread_by_hand(self):
        # An independent day loop with numpy's business-day calendar.
        holidays = ["2026-05-01", "2026-05-08", "2026-05-14"]
        tasks = pd.DataFrame({"id": ["A", "B", "M"], "cost": [9000.0, 1200.0, 500.0]})
        plan = pd.DataFrame({"start_date": pd.to_datetime(["2026-04-27", "2026-05-11", "2026-05-29"]),
                             "finish_date": pd.to_datetime(["2026-05-22", "2026-05-15", "2026-05-29"]),
                             "duration": [17, 4, 0]}, index=["A", "B", "M"])
        result = cost_baseline(tasks, plan, freq="D", calendar=Calendar(holidays))
        expected = {}
        for task, (start, finish, duration) in plan.iterrows():
            cost = float(tasks.set_index("id").at[task, "cost"])
            if duration == 0:
                days = [start]
            else:
                days = [d for d in pd.date_range(start, finish)
                        if np.is_busday(np.datetime64(d.date()), holidays=holidays)]
            for day in days:
                expected[day] = expected.get(day, 0.0) + cost / len(days)
        for day, amount in expected.items():
            assert result.at[day, "planned_eur"] == pytest.approx(amount)
        assert result["planned_eur"].sum() == pytest.approx(10700.0)
        assert 0 == result.at[pd.Timestamp("2026-05-01"), "planned_eur"]  # Labour Day

    def test_the_late_schedule_lies_below_the_early_one(self, company):
        tasks, dated = dated_plan(company, "ECO")
        plan = schedule.cpm(tasks)
        late = schedule.to_dates(plan.assign(es=plan["ls"], ef=plan["lf"]),
                                 company["projects"].set_index("id").at["ECO", "start_date"],
                                 company["calendar"].holidays)
        early_curve = cost_baseline(tasks, dated, freq="W-FRI", calendar=company["calendar"])
        late_curve = cost_baseline(tasks, late, freq="W-FRI", calendar=company["calendar"])
        both = pd.concat([early_curve["cumulative_eur"], late_curve["cumulative_eur"]], axis=1).ffill()
        assert (both.iloc[:, 1] <= both.iloc[:, 0] + 0.01).all()
        assert (both.iloc[:, 1] < both.iloc[:, 0] - 1000).any()   # the banana: a real gap

    @pytest.mark.parametrize("freq", ["W", "MS", "QS", "YS", "D"])
    def test_every_alias_keeps_the_total(self, company, freq):
        tasks, dated = dated_plan(company, "WHA")
        result = cost_baseline(tasks, dated, freq=freq, calendar=company["calendar"])
        assert result["planned_eur"].sum() == pytest.approx(tasks["cost_eur"].sum())
        assert result["cumulative_eur"].is_monotonic_increasing

    def test_bad_input_is_named(self):
        plan = pd.DataFrame({"start_date": [pd.Timestamp("2026-03-02")],
                             "finish_date": [pd.Timestamp("2026-03-06")]}, index=["A"])
        with pytest.raises(BudgetError, match="Task A: cost is -5.00, a cost below zero"):
            cost_baseline(pd.DataFrame({"id": ["A"], "cost": [-5.0]}), plan)
        with pytest.raises(BudgetError, match="period alias 'monthly' is unknown"):
            cost_baseline(pd.DataFrame({"id": ["A"], "cost": [5.0]}), plan, freq="monthly")
        with pytest.raises(BudgetError, match="Task B is not in the schedule"):
            cost_baseline(pd.DataFrame({"id": ["A", "B"], "cost": [5.0, 1.0]}), plan)
        weekend = pd.DataFrame({"start_date": [pd.Timestamp("2026-03-07")],
                                "finish_date": [pd.Timestamp("2026-03-08")]}, index=["A"])
        with pytest.raises(BudgetError, match="no working day between 07 Mar 2026 and 08 Mar 2026"):
            cost_baseline(pd.DataFrame({"id": ["A"], "cost": [5.0]}), weekend)
        with pytest.raises(InputError, match="no column 'start_date'"):
            cost_baseline(pd.DataFrame({"id": ["A"], "cost": [5.0]}), plan.drop(columns="start_date"))


# --------------------------------------------------------------------------------------------
# The layers and the reserves
# --------------------------------------------------------------------------------------------


class TestLayers:
    def test_the_layers_add_up_as_figure_7_8(self):
        # PMBOK Guide 6th ed., 7.3.3.1 and figure 7-8: activity estimates + activity contingency
        # = work packages; + contingency reserve = control accounts; their sum = cost baseline;
        # + management reserve = project budget. Independent sums of a small example.
        wp = pd.DataFrame({"wbs": ["1.1", "1.2", "2.1", "2.2"],
                           "cost_eur": [11000.0, 4000.0, 22000.0, 0.0],
                           "contingency_eur": [1000.0, 0.0, 2000.0, 0.0]})
        layers = budget_layers(wp, contingency=1500, management_reserve=3850)
        assert list(LAYERS) == list(layers.index)
        amount = layers["amount_eur"]
        assert 34000 == amount["activity cost estimates"]
        assert 3000 == amount["activity contingency reserve"]
        assert 37000 == amount["work package cost estimates"]
        assert 38500 == amount["control accounts"] == amount["cost baseline"]
        assert 42350 == amount["project budget"]
        assert not layers.loc["management reserve", "in_baseline"]
        assert layers.loc["contingency reserve", "in_baseline"]
        assert "management" == layers.loc["management reserve", "held_by"]
        assert {"project manager"} == set(layers.loc[layers["in_baseline"], "held_by"])
        accounts = control_accounts(wp)
        assert [15000.0, 22000.0] == accounts["work_packages_eur"].tolist()

    @pytest.mark.parametrize("pid", ["ERP", "CRM", "WHA", "OFM", "DAT", "ECO", "SEC"])
    def test_the_company_baseline_is_the_bac_of_earned_value(self, company, pid):
        projects = company["projects"].set_index("id")
        tasks = company["tasks"][company["tasks"]["project"] == pid]
        layers = budget_layers(tasks, contingency=0, management_reserve=projects.at[pid, "reserve_eur"])
        bac = evm.bac_from_projects(company["projects"])[pid]
        assert bac == pytest.approx(layers.at["cost baseline", "amount_eur"])
        assert projects.at[pid, "budget_eur"] == pytest.approx(layers.at["project budget", "amount_eur"])
        assert 0 < layers.at["activity contingency reserve", "amount_eur"] < 0.1 * bac

    def test_contingency_from_the_register_is_the_risk_lessons(self, company):
        register = company["risks"][company["risks"]["project"] == "SEC"]
        # open SEC risks: R-032 .45 x 10k, R-033 .65 x 45k, R-034 .20 x 250k, R-035 +.40 x 20k
        threats = 0.45 * 10000 + 0.65 * 45000 + 0.20 * 250000
        assert threats == pytest.approx(contingency(risks=register, threats_only=True))
        assert threats - 0.40 * 20000 == pytest.approx(contingency(risks=register))
        assert risk.contingency_reserve(register) == contingency(risks=register)
        layers = budget_layers(company["tasks"][company["tasks"]["project"] == "SEC"],
                               contingency=register, management_reserve=0)
        assert threats - 8000 == pytest.approx(layers.at["contingency reserve", "amount_eur"])

    def test_contingency_from_a_simulation_is_its_p80_above_the_estimate(self):
        sim = frame_sim(np.arange(1, 101) * 10.0, np.zeros(100), base=400.0)
        assert np.percentile(np.arange(1, 101) * 10.0, 80) - 400 == contingency(simulation=sim)
        assert np.percentile(np.arange(1, 101) * 10.0, 70) - 400 == contingency(simulation=sim,
                                                                               confidence=0.7)

    def test_bad_reserves(self):
        wp = pd.DataFrame({"cost_eur": [100.0], "contingency_eur": [150.0]})
        with pytest.raises(BudgetError, match="contingency_eur \\(150.00\\) is above its cost"):
            budget_layers(wp)
        with pytest.raises(BudgetError, match="management_reserve is -5.00"):
            budget_layers(wp.assign(contingency_eur=0.0), management_reserve=-5)
        with pytest.raises(BudgetError, match="either risks= .* or simulation="):
            contingency()
        with pytest.raises(BudgetError, match="a percentage\\? 80 % is 0.8"):
            contingency(simulation=frame_sim([1.0, 2.0], [1.0, 1.0]), confidence=80)


# --------------------------------------------------------------------------------------------
# Cost risk and the joint confidence level
# --------------------------------------------------------------------------------------------


def triangular_ppf(q, o, m, p):
    """Inverse of the triangular distribution function (Vose 2008, III.7.9), written here."""
    if q <= (m - o) / (p - o):
        return o + math.sqrt(q * (p - o) * (m - o))
    return p - math.sqrt((1 - q) * (p - o) * (p - m))


class TestCostSimulation:
    def test_one_task_matches_the_triangular_distribution(self):
        # cost = 2,000 + 400 x d, d triangular(5, 8, 17): mean 2,000 + 400 x 10, and its P80 from
        # the inverse distribution function.
        tasks = pd.DataFrame({"id": ["A"], "optimistic": [5], "most_likely": [8], "pessimistic": [17],
                              "fixed_cost": [2000.0], "cost_per_day": [400.0]})
        sim = simulate_costs(tasks, iterations=200_000, seed=3)
        assert 5200.0 == sim.base_estimate
        assert sim.cost.mean() == pytest.approx(6000.0, rel=0.003)
        assert sim.cost_percentile(80) == pytest.approx(2000 + 400 * triangular_ppf(0.8, 5, 8, 17),
                                                        rel=0.003)
        assert contingency(simulation=sim) == pytest.approx(
            400 * (triangular_ppf(0.8, 5, 8, 17) - 8), rel=0.01)

    def test_the_schedule_is_the_risk_lessons_monte_carlo(self, company):
        tasks = cost_estimates(company["tasks"][company["tasks"]["project"] == "ECO"],
                               company["assignments"], company["resources"])
        register = company["risks"][company["risks"]["project"] == "ECO"]
        sim = simulate_costs(tasks, iterations=3000, seed=11, risks=register)
        events = budget._risk_frame(register, tasks["id"].iloc[0])[0]
        schedule_only = risk.monte_carlo(tasks, iterations=3000, seed=11, risks=events,
                                         sensitivity=False)
        np.testing.assert_array_equal(schedule_only.finish, sim.finish)
        # the point estimate is the activity cost estimate: cost_eur - contingency_eur
        own = company["tasks"][company["tasks"]["project"] == "ECO"]
        assert sim.base_estimate == pytest.approx((own["cost_eur"] - own["contingency_eur"]).sum())

    def test_a_risk_adds_its_cost_and_its_delay_without_pricing_the_days_twice(self):
        tasks = pd.DataFrame({"id": ["A", "B"], "predecessors": ["", "A"],
                              "optimistic": [10, 5], "most_likely": [10, 5], "pessimistic": [10, 5],
                              "fixed_cost": [0.0, 100.0], "cost_per_day": [50.0, 10.0]})
        register = pd.DataFrame({"id": ["R1", "R2"], "task_id": ["A", ""], "status": ["open", "open"],
                                 "probability_pct": [30, 50], "cost_impact_eur": [-1000.0, 200.0],
                                 "schedule_impact_days": [4, 0]})
        sim = simulate_costs(tasks, iterations=40_000, seed=5, risks=register)
        base = 50 * 10 + 100 + 10 * 5
        occurred = sim.schedule.events
        expected = base + 1000 * occurred["R1"] - 200 * occurred["R2"]
        np.testing.assert_allclose(sim.cost, expected.to_numpy(float))
        np.testing.assert_allclose(sim.finish, 15 + 4 * occurred["R1"].to_numpy(float))
        assert occurred["R1"].mean() == pytest.approx(0.30, abs=0.01)

    def test_a_three_point_fixed_cost(self):
        tasks = pd.DataFrame({"id": ["A"], "optimistic": [3], "most_likely": [3], "pessimistic": [3],
                              "fixed_cost": [1000.0], "fixed_optimistic": [900.0],
                              "fixed_pessimistic": [1400.0], "cost_per_day": [0.0]})
        sim = simulate_costs(tasks, iterations=100_000, seed=2, distribution="pert")
        assert sim.cost.mean() == pytest.approx((900 + 4 * 1000 + 1400) / 6, rel=0.003)
        assert sim.cost.min() >= 900 and sim.cost.max() <= 1400
        again = simulate_costs(tasks, iterations=100_000, seed=2, distribution="pert")
        np.testing.assert_array_equal(sim.cost, again.cost)  # seeded

    def test_late_tasks_cost_more(self, company):
        tasks = cost_estimates(company["tasks"][company["tasks"]["project"] == "ERP"],
                               company["assignments"], company["resources"])
        sim = simulate_costs(tasks, iterations=4000, seed=1)
        assert np.corrcoef(sim.cost, sim.finish)[0, 1] > 0.3
        assert sim.cost_percentile(80) > sim.base_estimate

    def test_bad_simulation_input(self):
        tasks = pd.DataFrame({"id": ["A"], "optimistic": [1], "most_likely": [2], "pessimistic": [3],
                              "fixed_cost": [-10.0], "cost_per_day": [1.0]})
        with pytest.raises(BudgetError, match="Task A: fixed_cost is -10.00, a cost below zero"):
            simulate_costs(tasks, iterations=10)
        with pytest.raises(BudgetError, match="seed is 'x'"):
            simulate_costs(tasks.assign(fixed_cost=1.0), iterations=10, seed="x")
        estimates = pd.DataFrame({"id": ["A"], "most_likely": [10], "cost_eur": [100.0]})
        with pytest.raises(BudgetError, match="Task A: its labour at the most likely duration"):
            cost_estimates(estimates, pd.DataFrame({"task_id": ["A"], "resource": ["DEV"], "units": [1]}),
                           pd.DataFrame({"id": ["DEV"], "day_rate_eur": [650.0]}))


class TestJointConfidence:
    def test_count_by_hand(self):
        rng = np.random.default_rng(4)
        cost, finish = rng.normal(100, 10, 5000), rng.normal(50, 5, 5000)
        sim = frame_sim(cost, finish)
        count = 0
        for c, f in zip(cost, finish):
            if c <= 105 and f <= 52:
                count += 1
        assert count / 5000 == joint_confidence(sim, 105, 52)

    @pytest.mark.parametrize("rho", [0.0, 0.5, 0.8])
    def test_bivariate_normal_quadrant(self, rho):
        # Sheppard (1899), "On the application of the theory of error to cases of normal
        # distribution and normal correlation", Phil. Trans. R. Soc. A 192: for a standard
        # bivariate normal with correlation rho, P(X <= 0, Y <= 0) = 1/4 + arcsin(rho) / (2 pi).
        # rho = 0: the JCL is the product of the two 50 % confidences.
        rng = np.random.default_rng(8)
        x = rng.standard_normal(400_000)
        y = rho * x + math.sqrt(1 - rho ** 2) * rng.standard_normal(400_000)
        sim = frame_sim(1000 + 100 * x, 200 + 10 * y)
        assert joint_confidence(sim, 1000, 200) == pytest.approx(0.25 + math.asin(rho) / (2 * math.pi),
                                                                 abs=0.003)

    @settings(max_examples=60, deadline=None)
    @given(st.lists(st.tuples(st.integers(0, 50), st.integers(0, 50)), min_size=2, max_size=40),
           st.integers(0, 50), st.integers(0, 50))
    def test_never_above_either_confidence(self, pairs, budget_, date):
        cost, finish = zip(*pairs)
        sim = frame_sim(cost, finish)
        jcl = joint_confidence(sim, budget_, date)
        assert jcl <= np.mean(np.array(cost) <= budget_) + 1e-12
        assert jcl <= np.mean(np.array(finish) <= date) + 1e-12
        assert jcl >= np.mean(np.array(cost) <= budget_) + np.mean(np.array(finish) <= date) - 1 - 1e-12

    def test_nasa_70_percent_budget_is_the_least_that_reaches_it(self):
        # NASA NPD 1000.5 / NPR 7120.5E: projects baselined at a 70 % JCL. The least budget with
        # JCL >= 0.7 at a date, checked against every cost of the simulation.
        rng = np.random.default_rng(9)
        cost = rng.lognormal(6, 0.2, 2000)
        finish = 100 + 0.05 * cost + rng.normal(0, 5, 2000)
        sim = frame_sim(cost, finish)
        date = float(np.percentile(finish, 90))
        b = budget_for_confidence(sim, date, 0.7)
        assert joint_confidence(sim, b, date) >= 0.7
        below = cost[cost < b]
        assert joint_confidence(sim, below.max(), date) < 0.7
        with pytest.raises(BudgetError, match="no budget reaches a 70% joint confidence"):
            budget_for_confidence(sim, float(np.percentile(finish, 50)), 0.7)

    def test_dates_on_the_company_calendar(self, company):
        projects = company["projects"].set_index("id")
        tasks = cost_estimates(company["tasks"][company["tasks"]["project"] == "ECO"],
                               company["assignments"], company["resources"])
        sim = simulate_costs(tasks, iterations=2000, seed=1, start=projects.at["ECO", "start_date"],
                             calendar=company["calendar"])
        # the plan ends on day 123: its last working day is 20 Nov 2026 (datasets/README.md)
        assert 123.0 == sim.period("2026-11-20")
        assert joint_confidence(sim, 1e9, "2026-11-20") == np.mean(sim.finish <= 123 + 1e-9)
        with pytest.raises(BudgetError, match="neither a date nor a number"):
            sim.period("soon")


# --------------------------------------------------------------------------------------------
# Commitments, forecasts and cash flow
# --------------------------------------------------------------------------------------------


class TestForecasts:
    def test_forecast_by_hand(self):
        result = forecast(actual_cost=904_052, open_commitments=1_130_850, estimate_to_complete=120_855,
                          cost_baseline=2_186_160, budget=2_370_000)
        assert 904_052 + 1_130_850 + 120_855 == result["FAC"]
        assert 2_186_160 - result["FAC"] == result["variance_baseline"]
        assert 2_370_000 - 904_052 - 1_130_850 == result["uncommitted"]

    def test_commitments_by_hand(self, company):
        orders = company["orders"]
        got = commitments(orders, company["tasks"])
        for pid in got.index:
            own = orders[orders["project"] == pid]
            open_ = sum(a - i for a, i, s in zip(own["amount_eur"], own["invoiced_eur"], own["status"])
                        if s == "open")
            assert open_ == pytest.approx(got.at[pid, "open_eur"])
        assert got.at["WHA", "open_eur"] == pytest.approx(756_000 + 11_350 + 218_000 + 145_500)

    def test_a_commitment_above_its_budget_line_is_refused(self, company):
        orders = company["orders"].copy()
        orders.loc[orders["id"] == "PO-3006", "amount_eur"] = 300_000.0   # WHA-13: 297,900
        with pytest.raises(BudgetError, match="Order PO-3006: the orders on WHA-13 add up to "
                                              "300,000.00, more than its budget line \\(297,900.00\\)"):
            commitments(orders, company["tasks"])
        orders = company["orders"].copy()
        orders.loc[0, "invoiced_eur"] = 99_999.0
        with pytest.raises(BudgetError, match="Order PO-1001: invoiced 99,999.00 is more than ordered"):
            commitments(orders)

    def test_company_forecasts(self, company):
        table = project_forecasts()
        orders = company["orders"]
        for pid, row in table.iterrows():
            own = orders[(orders["project"] == pid) & (orders["status"] == "open")]
            open_budget = sum(b * (a - i) / a for a, i, b in
                              zip(own["amount_eur"], own["invoiced_eur"], own["budget_eur"]))
            remaining = max(row["bac_eur"] - row["ev_eur"] - open_budget, 0.0)
            assert row["fac_eur"] == pytest.approx(row["ac_eur"] + row["open_eur"]
                                                   + remaining / (row["ev_eur"] / row["ac_eur"]))
            assert row["eac_cpi_eur"] == pytest.approx(row["bac_eur"] * row["ac_eur"] / row["ev_eur"])
        # the stories: ERP above its budget even with the reserve; WHA's actual cost flatters it
        assert table.at["ERP", "fac_eur"] > table.at["ERP", "budget_eur"]
        assert table.at["WHA", "committed_eur"] > 0.9 * table.at["WHA", "bac_eur"]
        assert table.at["WHA", "ac_eur"] < 0.45 * table.at["WHA", "bac_eur"]
        # committed work is at its contract price: WHA's good CPI does not discount it, and the
        # conveyors were ordered 34,545 above their quote
        assert table.at["WHA", "fac_eur"] > table.at["WHA", "eac_cpi_eur"]
        ordered = commitments(orders)
        assert ordered.at["WHA", "order_variance_eur"] == pytest.approx(
            (1_045_455 - 1_080_000) + (13_636 - 13_600) + (22_727 - 22_700) + (163_636 - 163_600)
            + (22_727 - 22_700) + (218_182 - 218_000) + (145_455 - 145_500))
        change_order = commitments(orders[orders["id"] == "PO-1007"])   # custom reports: no budget
        assert -38_000 == change_order.at["ERP", "order_variance_eur"]
        assert 0 == change_order.at["ERP", "open_budget_eur"]

    def test_cash_flow_of_the_warehouse(self, company):
        tasks, dated = dated_plan(company, "WHA")
        status = company["status"][company["status"]["project"] == "WHA"]
        flow = cash_flow(tasks, dated, status, calendar=company["calendar"])
        assert flow["planned_eur"].sum() == pytest.approx(tasks["cost_eur"].sum())
        assert flow["actual_eur"].sum() == pytest.approx(status["ac_eur"].iloc[-1])
        assert flow["partial"].sum() == 1 and flow.loc["2026-09-01", "partial"]
        assert flow["actual_eur"].loc["2026-10-01":].isna().all()
        # finance releases each quarter's plan on its first day: steps that stay above the plan
        assert (flow["funding_eur"] >= flow["cumulative_planned_eur"] - 0.01).all()
        assert flow["funding_eur"].iloc[-1] == pytest.approx(tasks["cost_eur"].sum())
        assert flow.loc["2026-08-01", "actual_eur"] < flow.loc["2026-08-01", "planned_eur"]

    def test_spend_forecast_ends_at_ieac_t(self):
        # Lipke (2003): at the pace SPI(t), the work ends at AT x PD / ES, the IEAC(t).
        planned = np.r_[np.full(20, 50.0), np.full(30, 120.0), np.full(10, 40.0)]
        cumulative = np.cumsum(planned)
        ev, at = float(cumulative[17] + 30), 26
        es = evm.earned_schedule(cumulative, ev, at)
        curve = spend_forecast(planned, ev=ev, ac=1200.0, fac=5600.0, at=at)
        assert at + len(curve) == math.ceil(es["IEAC_t"] - 1e-9)
        assert curve[-1] == pytest.approx(5600.0)
        assert (np.diff(curve) >= -1e-9).all()


# --------------------------------------------------------------------------------------------
# The change log
# --------------------------------------------------------------------------------------------


def log_frame(*rows):
    return pd.DataFrame(rows, columns=["id", "project", "kind", "amount_eur", "status", "decided_by",
                                       "decided_on"]).assign(
        decided_on=lambda f: pd.to_datetime(f["decided_on"]))


PROJECTS = pd.DataFrame({"id": ["A"], "budget_eur": [1200.0], "reserve_eur": [100.0]})
TASKS = pd.DataFrame({"project": ["A", "A"], "cost_eur": [800.0, 300.0],
                      "contingency_eur": [50.0, 10.0]})


class TestChangeLog:
    def test_each_kind_moves_what_it_should(self):
        changes = log_frame(
            ("C1", "A", "contingency", 40.0, "approved", "project manager", "2026-03-01"),
            ("C2", "A", "management reserve", 70.0, "approved", "sponsor", "2026-04-01"),
            ("C3", "A", "new funding", 50.0, "approved", "portfolio board", "2026-05-01"),
            ("C4", "A", "descope", 20.0, "approved", "sponsor", "2026-06-01"),
            ("C5", "A", "deferral", 30.0, "approved", "portfolio board", "2026-07-01"),
            ("C6", "A", "management reserve", 30.0, "pending", "", None),
            ("C7", "A", "new funding", 99.0, "rejected", "portfolio board", "2026-07-02"))
        log = change_log(PROJECTS, TASKS, changes)
        steps = log.versions.set_index("change")
        # by hand: baseline 1,100, contingency 60, reserve 100, budget 1,200
        assert (1100, 20, 100, 1200, 0) == tuple(steps.loc["C1", ["cost_baseline_eur", "contingency_eur",
                                                                   "management_reserve_eur", "budget_eur",
                                                                   "version"]])
        assert (1170, 30, 1200, 1) == tuple(steps.loc["C2", ["cost_baseline_eur", "management_reserve_eur",
                                                              "budget_eur", "version"]])
        assert (1220, 1250) == tuple(steps.loc["C3", ["cost_baseline_eur", "budget_eur"]])
        assert (1200, 1230) == tuple(steps.loc["C4", ["cost_baseline_eur", "budget_eur"]])
        assert (1200, 1230, 4) == tuple(steps.loc["C5", ["cost_baseline_eur", "budget_eur", "version"]])
        assert ["C6"] == log.pending["id"].tolist()
        assert "C7" not in steps.index
        assert 6 == len(log.versions)   # the approved baseline and five approved changes

    def test_approval_rules(self):
        for kind, allowed in APPROVERS.items():
            for role in ("project manager", "sponsor", "portfolio board"):
                changes = log_frame(("C1", "A", kind, 10.0, "approved", role, "2026-03-01"))
                if role in allowed:
                    change_log(PROJECTS, TASKS, changes)
                else:
                    with pytest.raises(BudgetError, match="without the approval it needs"):
                        change_log(PROJECTS, TASKS, changes)

    def test_reserves_cannot_be_overdrawn(self):
        with pytest.raises(BudgetError, match="draws 70.00 of contingency but only 60.00 remains"):
            change_log(PROJECTS, TASKS, log_frame(
                ("C1", "A", "contingency", 70.0, "approved", "project manager", "2026-03-01")))
        with pytest.raises(BudgetError, match="releases 150.00 of management reserve but A holds only 100.00"):
            change_log(PROJECTS, TASKS, log_frame(
                ("C1", "A", "management reserve", 150.0, "approved", "sponsor", "2026-03-01")))

    def test_a_change_is_applied_once(self):
        twice = log_frame(("C1", "A", "contingency", 10.0, "approved", "project manager", "2026-03-01"),
                          ("C1", "A", "contingency", 10.0, "approved", "project manager", "2026-03-02"))
        with pytest.raises(BudgetError, match="Change C1 appears twice in the log"):
            change_log(PROJECTS, TASKS, twice)
        pending = log_frame(("C2", "A", "management reserve", 80.0, "pending", "", None))
        approved = approve(pending, "C2", "sponsor", "2026-10-08")
        assert 1180 == change_log(PROJECTS, TASKS, approved).current.at["A", "cost_baseline_eur"]
        with pytest.raises(BudgetError, match="Change C2 is already approved"):
            approve(approved, "C2", "sponsor", "2026-10-09")
        with pytest.raises(BudgetError, match="only with the approval of the sponsor or the portfolio board"):
            approve(pending, "C2", "project manager", "2026-10-08")
        assert "rejected" == approve(pending, "C2", "sponsor", "2026-10-08", reject=True)["status"][0]
        assert "pending" == pending["status"][0]   # the log given is left alone

    def test_the_company_log(self, company):
        log = change_log(company["projects"], company["tasks"], company["changes"])
        # no approved change before the status date moves a baseline: the BAC of earned value holds
        bac = evm.bac_from_projects(company["projects"])
        pd.testing.assert_series_equal(bac, log.current["cost_baseline_eur"], check_names=False)
        assert log.current.at["ERP", "contingency_eur"] == pytest.approx(101_092 - 60_000)
        board = approve(company["changes"], "CR-05", "portfolio board", "2026-10-08")
        after = change_log(company["projects"], company["tasks"], board).current.loc["ERP"]
        assert after["cost_baseline_eur"] == pytest.approx(bac["ERP"] + 230_820)
        assert 0 == after["management_reserve_eur"] and 1 == after["version"]
        assert after["budget_eur"] == company["projects"].set_index("id").at["ERP", "budget_eur"]


# --------------------------------------------------------------------------------------------
# The portfolio's annual budget
# --------------------------------------------------------------------------------------------


def brute_force(review, options, reserve, keep=0.0):
    """The least-loss set of options covering what releases and the reserve leave: every subset."""
    need = float((review["forecast_eur"] - review["budget_eur"]).clip(lower=0).sum())
    missing = max(need - float(review["saving_eur"].sum()), 0.0)
    missing = max(missing - max(reserve - keep, 0.0), 0.0)
    mandatory = set(review.index[review["mandatory"]])
    free = options[~options["project"].isin(mandatory)]
    weight = {"deferral": 1.0, "descope": 2.0}
    best = None
    if missing <= 0.005:
        return [], 0.0, missing
    for r in range(len(free) + 1):
        for subset in itertools.combinations(range(len(free)), r):
            rows = free.iloc[list(subset)]
            if rows["saving_eur"].sum() >= missing - 0.005:
                loss = float((rows["priority"] * rows["saving_eur"] * rows["kind"].map(weight)).sum())
                if best is None or loss < best[1] - 1e-6:
                    best = (sorted(rows["id"]), loss)
    return (best[0], best[1], missing) if best else (sorted(free["id"]), None, missing)


class TestAnnualBudget:
    def test_the_company_review(self, company):
        review = budget.annual_review()
        lines = data.load_annual_budget().set_index("project")["budget_eur"]
        pd.testing.assert_series_equal(lines, review["budget_eur"], check_names=False)
        assert 8_123_000 == review.attrs["envelope_eur"] and 90_000 == review.attrs["reserve_eur"]
        # the year's forecast: the actual cost (every project started in 2026) + what is left to
        # spend this year, never more than the forecast at completion
        forecasts = project_forecasts()
        assert (review["actual_eur"] == forecasts["ac_eur"]).all()
        assert (review["forecast_eur"] <= forecasts["fac_eur"] + 0.01).all()
        for pid in ["CRM", "OFM", "DAT", "ECO"]:   # they finish in 2026 at their pace
            assert review.at[pid, "forecast_eur"] == pytest.approx(forecasts.at[pid, "fac_eur"])
        # WHA: more than half a million under its line, nearly all of it late work
        assert review.at["WHA", "timing_eur"] > 500_000
        assert review.at["WHA", "saving_eur"] == pytest.approx(
            review.at["WHA", "variance_eur"] - review.at["WHA", "timing_eur"])
        assert review.at["CRM", "timing_eur"] == 0 and review.at["CRM", "saving_eur"] > 20_000
        # the forecasts are within the envelope only by spending WHA's late money
        assert review["forecast_eur"].sum() < review.attrs["envelope_eur"]
        assert (review["forecast_eur"].sum() + review["timing_eur"].sum()
                > review.attrs["envelope_eur"] - 0.0)

    def test_the_proposed_adjustments(self, company):
        review = budget.annual_review()
        options = budget.adjustment_options(company["changes"], company["projects"])
        assert not set(options["project"]) & {"OFM", "SEC"}   # mandatory: never cut or deferred
        result = propose_adjustments(review, options)
        assert result.balanced
        chosen, loss, missing = brute_force(review, options, 90_000)
        assert chosen == sorted(result.chosen) == ["CR-09", "CR-12"]
        assert loss == pytest.approx(result.loss)
        assert result.greedy_loss > result.loss   # the greedy pass takes CR-11 it did not need
        moves = result.moves.set_index("project")
        assert "keep" == moves.loc["WHA"].set_index("move").index[-1]   # a timing difference
        assert not ((result.moves["move"] == "release") & (result.moves["project"] == "WHA")
                    & (result.moves["amount_eur"] > 100_000)).any()
        funded = result.moves[result.moves["move"] == "fund"]["project"].tolist()
        assert funded[:2] == ["SEC", "OFM"]   # mandatory first
        # with WHA's late money released, no work need move, but 2027 inherits it
        easy = propose_adjustments(review, options, release_timing=True)
        assert easy.balanced and not easy.chosen

    @settings(max_examples=80, deadline=None)
    @given(adjustment_problems())
    def test_exact_cover_matches_brute_force(self, problem):
        review, options, reserve = problem
        result = propose_adjustments(review, options, reserve=reserve)
        chosen, loss, missing = brute_force(review, options, reserve)
        if loss is None:   # even every option falls short
            assert not result.balanced and result.gap_eur > 0
        else:
            assert result.balanced
            assert loss == pytest.approx(result.loss)
            assert result.greedy_loss >= result.loss - 1e-6
        assert not set(result.chosen) & set(options.loc[options["project"].isin(
            review.index[review["mandatory"]]), "id"])

    def test_what_cannot_be_funded_is_said(self):
        review = pd.DataFrame({"budget_eur": [100.0, 50.0], "forecast_eur": [160.0, 70.0],
                               "saving_eur": [0.0, 0.0], "timing_eur": [0.0, 0.0],
                               "priority": [900, 300], "mandatory": [True, False]},
                              index=pd.Index(["A", "B"], name="project"))
        result = propose_adjustments(review, None, reserve=65)
        assert not result.balanced and result.gap_eur == pytest.approx(15)
        funded = result.moves[result.moves["move"] == "fund"]
        assert ["A", "B"] == funded["project"].tolist()   # the mandatory project first, in full
        assert [60.0, 5.0] == funded["amount_eur"].round(6).tolist()
        unfunded = result.moves[result.moves["move"] == "unfunded"].iloc[0]
        assert ("B", 15.0) == (unfunded["project"], round(unfunded["amount_eur"], 6))
        assert "ask the board for more money" in unfunded["reason"]

    def test_errors_are_input_errors(self):
        assert issubclass(BudgetError, InputError) and issubclass(BudgetError, ValueError)
        with pytest.raises(BudgetError, match="option kind 'sell' has no weight"):
            propose_adjustments(
                pd.DataFrame({"budget_eur": [1.0], "forecast_eur": [9.0], "saving_eur": [0.0],
                              "timing_eur": [0.0], "priority": [1]}),
                pd.DataFrame({"id": ["X"], "project": [0], "kind": ["sell"], "saving_eur": [5.0],
                              "priority": [1]}), reserve=0)


# --------------------------------------------------------------------------------------------
# Charts and the explorer
# --------------------------------------------------------------------------------------------


class TestChartsAndExplorer:
    def test_the_charts_draw_the_company(self, company):
        import matplotlib
        matplotlib.use("Agg")
        from pmo_lessons import plots

        projects = company["projects"].set_index("id")
        erp = company["tasks"][company["tasks"]["project"] == "ERP"]
        layers = budget_layers(erp, 0, projects.at["ERP", "reserve_eur"])
        fig = plots.budget_layers_chart(layers)
        heights = sorted({round(p.get_height()) for p in fig.axes[0].patches if p.get_height()})
        assert round(layers.at["activity contingency reserve", "amount_eur"]) in heights
        forecast_row = project_forecasts().loc["WHA"]
        fig = plots.cost_s_curve(budget.spending_forecast("WHA"), budget=projects.at["WHA", "budget_eur"],
                                 committed=forecast_row["committed_eur"])
        labels = [line.get_label() for line in fig.axes[0].get_lines()]
        assert any(label.startswith("forecast, FAC 2.18 M€") for label in labels)
        tasks, dated = dated_plan(company, "WHA")
        flow = cash_flow(tasks, dated, company["status"][company["status"]["project"] == "WHA"],
                         calendar=company["calendar"])
        assert len(plots.cash_flow_chart(flow).axes) == 2
        sim = frame_sim([1.0, 2.0, 3.0], [1.0, 2.0, 3.0])
        assert "67%" in plots.jcl_scatter(sim, 2.5, 3).axes[0].get_title(loc="left")
        review = budget.annual_review()
        result = propose_adjustments(review, budget.adjustment_options(company["changes"],
                                                                       company["projects"]))
        ticks = [t.get_text() for t in plots.budget_waterfall(result).axes[0].get_xticklabels()]
        assert ticks[0] == "SEC over" and ticks[-1] == "left to fund" and "WHA saving" in ticks

    def test_the_explorer(self):
        from pmo_lessons.widgets import BudgetExplorer

        explorer = BudgetExplorer("WHA", chart=False)
        before = explorer.forecast["fac_eur"]
        explorer.set_order("PO-3007", 160_000)   # the scanners cost 14,500 more
        assert explorer.forecast["fac_eur"] == pytest.approx(before + 14_500)
        assert explorer.error is None
        explorer.set_order("PO-3003", 100_000)   # below what is invoiced: refused
        assert "less than what is already invoiced" in explorer.error
        assert explorer.forecast["fac_eur"] == pytest.approx(before + 14_500)   # the last valid state
        explorer.set_release_timing(True)
        assert explorer.adjustments.chosen == []
        explorer.set_project("ERP")
        assert [o.startswith("PO-1") for o in explorer.order_picker.options[0]]
        fig = explorer.draw()
        assert 2 == len([ax for ax in fig.axes if ax.get_title(loc="left")])
        explorer.reset()
        assert explorer.forecast["fac_eur"] == pytest.approx(project_forecasts().at["WHA", "fac_eur"])
