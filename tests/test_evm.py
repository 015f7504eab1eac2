"""Tests of pmo_lessons.evm: worked examples, the company's data, bad input, invariants.

About the sources. The formulas are those of PMI, *A Guide to the Project Management Body of
Knowledge* (PMBOK Guide), 6th ed. (2017), section 7.4.2.2 and Table 7-1 "Earned Value
Calculations Summary Table" (CV, SV, CPI, SPI, EAC variants, ETC, VAC, TCPI), and of W. Lipke,
"Schedule is Different", *The Measurable News*, March 2003 (ES with linear interpolation
between periods, SV(t), SPI(t); IEAC(t) = PD / SPI(t)). The numeric cases below are worked
by hand, every step written in the comment, with exact fractions; they were recomputed, not
copied. One published textbook case pins the cost metrics (TestPublishedExample: Schwalbe's
exercise); earned schedule by the hand-worked cases, the properties and three secondary
published examples (TestEarnedSchedulePublished, which says why not the primary ones).
The independent check on real data is tools/make_datasets.py, which computes PV without
pmo_lessons (numpy only) and states the story's indices in datasets/README.md.
"""

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pmo_lessons import data
from pmo_lessons.errors import InputError
from pmo_lessons.evm import (
    DEFAULT_THRESHOLDS,
    METRICS,
    SCHEDULE_METRICS,
    EVMError,
    bac_from_projects,
    baseline_pv,
    dashboard,
    earned_schedule,
    evm_metrics,
    okr_progress,
    okr_rollup,
    plan_duration,
    rag_status,
    time_phased,
)
from pmo_lessons.schedule import project_dates

from .strategies import pv_curves, statuses


def status_table(rows):
    return pd.DataFrame(rows, columns=["project", "week", "pv_eur", "ev_eur", "ac_eur"])


# --- evm_metrics ------------------------------------------------------------------


class TestEvmMetrics:
    def test_worked_example_every_metric(self):
        # BAC 1,000; at the status date PV 500, EV 400, AC 500. By hand (PMBOK 6, Table 7-1):
        # CV = 400 - 500 = -100; SV = 400 - 500 = -100; CPI = 400/500 = 0.8; SPI = 0.8;
        # EAC = 1000/0.8 = 1,250; ETC = 1250 - 500 = 750; VAC = 1000 - 1250 = -250;
        # TCPI = (1000-400)/(1000-500) = 1.2; EAC atypical = 500 + 600 = 1,100;
        # EAC cpi*spi = 500 + 600/0.64 = 1,437.5; TCPI against EAC = 600/(1250-500) = 0.8.
        result = evm_metrics(1000, 500, 400, 500)
        expected = [-100, -100, 0.8, 0.8, 1250, 750, -250, 1.2, 1100, 1437.5, 0.8]
        assert list(METRICS) == result.index.tolist()
        assert expected == pytest.approx(result.tolist())
        assert {} == result.attrs["undefined"]

    def test_ahead_and_under_budget_signs(self):
        # BAC 200,000, PV 80,000, EV 90,000, AC 75,000: CV = +15,000 (under budget), SV =
        # +10,000 (ahead); CPI = 1.2, SPI = 1.125; EAC = 200000/1.2 = 166,666.67;
        # TCPI = 110000/125000 = 0.88 (a lower efficiency would still finish on budget).
        result = evm_metrics(200_000, 80_000, 90_000, 75_000)
        assert 15_000 == result["CV"] and 10_000 == result["SV"]
        assert 1.2 == pytest.approx(result["CPI"]) and 1.125 == pytest.approx(result["SPI"])
        assert 166_666.67 == pytest.approx(result["EAC"], abs=0.01)
        assert 0.88 == pytest.approx(result["TCPI"])

    def test_tcpi_against_an_approved_eac(self):
        # Management approves EAC = 1,300 (AC 500 + a bottom-up ETC of 800):
        # TCPI_EAC = (1000 - 400) / (1300 - 500) = 600/800 = 0.75; the other metrics unchanged.
        result = evm_metrics(1000, 500, 400, 500, eac=1300)
        assert 0.75 == pytest.approx(result["TCPI_EAC"])
        assert 1250 == pytest.approx(result["EAC"])

    def test_tcpi_against_the_typical_eac_is_the_cpi(self):
        # (BAC - EV) / (BAC/CPI - AC) = (BAC - EV) / (AC (BAC - EV) / EV) = EV / AC.
        result = evm_metrics(1000, 300, 250, 400)
        assert result["CPI"] == pytest.approx(result["TCPI_EAC"])

    def test_series_in_frame_out(self):
        weeks = pd.Index([1, 2, 3], name="week")
        pv = pd.Series([100.0, 200.0, 300.0], index=weeks)
        ev = pd.Series([90.0, 180.0, 300.0], index=weeks)
        ac = pd.Series([100.0, 200.0, 310.0], index=weeks)
        result = evm_metrics(400, pv, ev, ac)
        assert isinstance(result, pd.DataFrame)
        assert list(METRICS) == result.columns.tolist()
        assert weeks.equals(result.index)
        assert [0.9, 0.9, 300 / 310] == pytest.approx(result["CPI"].tolist())

    def test_one_row_per_project(self):
        projects = pd.Index(["A", "B"])
        result = evm_metrics(pd.Series([100.0, 50.0], index=projects),
                             pd.Series([50.0, 25.0], index=projects),
                             pd.Series([40.0, 25.0], index=projects),
                             pd.Series([50.0, 20.0], index=projects))
        assert [-10, 5] == result["CV"].tolist()
        assert [125, 40] == pytest.approx(result["EAC"].tolist())

    def test_start_of_a_project_is_undefined_not_infinite(self):
        result = evm_metrics(1000, 0, 0, 0)
        for name in ("CPI", "SPI", "EAC", "ETC", "VAC", "EAC_cpi_spi"):
            assert math.isnan(result[name]), name
            assert name in result.attrs["undefined"], name
        assert "AC is 0" in result.attrs["undefined"]["CPI"]
        assert "PV is 0" in result.attrs["undefined"]["SPI"]
        assert 0 == result["CV"] and 1000 == result["EAC_atypical"] and 1 == result["TCPI"]

    def test_cost_booked_nothing_earned(self):
        # CPI = 0/50 = 0 is a fact; BAC / 0 is not a forecast.
        result = evm_metrics(1000, 100, 0, 50)
        assert 0 == result["CPI"]
        assert math.isnan(result["EAC"]) and "CPI" in result.attrs["undefined"]["EAC"]

    def test_budget_spent_makes_tcpi_undefined(self):
        result = evm_metrics(1000, 1000, 800, 1000)
        assert math.isnan(result["TCPI"])
        assert "budget is spent" in result.attrs["undefined"]["TCPI"]
        over = evm_metrics(1000, 1000, 800, 1200)
        assert math.isnan(over["TCPI"])  # not a negative TCPI

    def test_work_complete(self):
        result = evm_metrics(1000, 1000, 1000, 1100)
        assert 1000 / 1100 == pytest.approx(result["CPI"]) and 1 == result["SPI"]
        assert 1100 == pytest.approx(result["EAC"]) and 0 == pytest.approx(result["ETC"])
        assert "no work remains" in result.attrs["undefined"]["TCPI"]

    def test_undefined_rows_are_named_in_a_frame(self):
        result = evm_metrics(100, pd.Series([0.0, 10.0]), pd.Series([0.0, 10.0]),
                             pd.Series([0.0, 10.0]))
        assert math.isnan(result.at[0, "CPI"]) and 1 == result.at[1, "CPI"]
        assert "Rows: 0." in result.attrs["undefined"]["CPI"]

    def test_raise_on_undefined(self):
        with pytest.raises(EVMError, match="AC is 0"):
            evm_metrics(1000, 0, 0, 0, on_undefined="raise")

    @pytest.mark.parametrize(
        "args, message",
        [
            ((1000, 500, 1200, 500), "EV \\(1,200.00\\) is above BAC.*reserve"),
            ((1000, 1100, 500, 500), "PV .* above BAC"),
            ((1000, 500, 400, -5), "AC is negative"),
            ((1000, -1, 400, 5), "PV is negative"),
            ((0, 0, 0, 0), "BAC is 0.00"),
            ((1000, float("nan"), 400, 5), "PV is missing"),
            ((1000, "lots", 400, 5), "PV is 'lots'"),
        ],
    )
    def test_bad_input_is_named(self, args, message):
        with pytest.raises(EVMError, match=message):
            evm_metrics(*args)

    def test_misaligned_series(self):
        with pytest.raises(EVMError, match="not aligned"):
            evm_metrics(100, pd.Series([1.0, 2.0]), pd.Series([1.0, 2.0], index=[5, 6]),
                        pd.Series([1.0, 2.0]))

    def test_errors_belong_to_the_family(self):
        assert issubclass(EVMError, InputError) and issubclass(EVMError, ValueError)

    @given(statuses())
    @settings(max_examples=200, deadline=None)
    def test_invariants(self, status):
        bac, pv, ev, ac = status
        result = evm_metrics(bac, pv, ev, ac)
        assert not np.isinf(result.to_numpy(float)).any()
        assert set(result.index[result.isna()]) <= set(result.attrs["undefined"])
        assert result["EAC_atypical"] == pytest.approx(ac + bac - ev, rel=1e-9, abs=1e-6)  # EUR: a micro-euro
        if not math.isnan(result["EAC"]):
            assert result["ETC"] == pytest.approx(result["EAC"] - ac, rel=1e-9, abs=1e-6)
            assert result["VAC"] == pytest.approx(bac - result["EAC"], rel=1e-9, abs=1e-6)
        if ac > 0:  # a negative cost variance is exactly a CPI below 1
            assert (result["CV"] < 0) == (result["CPI"] < 1)
        if pv > 0:
            assert (result["SV"] < 0) == (result["SPI"] < 1)


# --- earned schedule -----------------------------------------------------------


class TestEarnedSchedule:
    def test_interpolation_by_hand(self):
        # PV per period 1..6: 100, 250, 450, 700, 900, 1000 (BAC 1,000, PD 6). At AT = 4,
        # EV = 550: C = 3 (PV_3 = 450 <= 550 < PV_4 = 700), ES = 3 + (550-450)/(700-450)
        # = 3.4; SV(t) = 3.4 - 4 = -0.6; SPI(t) = 3.4/4 = 0.85; IEAC(t) = 6/0.85 = 7.0588.
        result = earned_schedule([100, 250, 450, 700, 900, 1000], 550, 4)
        assert list(SCHEDULE_METRICS) == result.index.tolist()
        assert [3.4, -0.6, 0.85, 6 / 0.85] == pytest.approx(result.tolist())

    def test_ahead_of_plan(self):
        # Same plan, AT = 2, EV = 500: C = 3, ES = 3 + 50/250 = 3.2, SPI(t) = 1.6.
        result = earned_schedule([100, 250, 450, 700, 900, 1000], 500, 2)
        assert 3.2 == pytest.approx(result["ES"]) and 1.6 == pytest.approx(result["SPI_t"])

    def test_late_project_spi_goes_to_one_spi_t_does_not(self):
        # Lipke (2003): at completion EV = PV = BAC, so SPI = 1.0 whatever the delay; ES = PD,
        # so SPI(t) = PD / AT. Plan of 10 periods (100 each), done in period 13.
        plan = [100.0 * k for k in range(1, 11)]
        done_late = earned_schedule(plan, 1000, 13)
        assert 10 == done_late["ES"] and -3 == done_late["SV_t"]
        assert 10 / 13 == pytest.approx(done_late["SPI_t"])
        assert 13 == pytest.approx(done_late["IEAC_t"])  # the actual duration
        assert 1.0 == evm_metrics(1000, 1000, 1000, 1200)["SPI"]

    def test_plateau_takes_the_last_period_reached(self):
        # PV 100, 100, 200: EV = 100 has been planned by period 1 AND by period 2; Lipke's C
        # is the number of periods whose PV <= EV, so C = 2 and ES = 2 + 0/100 = 2.
        assert 2 == earned_schedule([100, 100, 200], 100, 3)["ES"]

    def test_plan_duration_ignores_a_flat_tail(self):
        assert 3 == plan_duration([100, 250, 400, 400, 400])
        result = earned_schedule([100, 250, 400, 400, 400], 400, 5)
        assert 3 == result["ES"] and 3 / 5 == pytest.approx(result["SPI_t"])

    def test_series_of_status_dates(self):
        at = pd.Series([1.0, 2.0, 3.0], index=pd.Index([1, 2, 3], name="week"))
        ev = pd.Series([50.0, 100.0, 300.0], index=at.index)
        result = earned_schedule([100, 200, 300, 400], ev, at)
        assert [0.5, 1.0, 3.0] == pytest.approx(result["ES"].tolist())
        assert at.index.equals(result.index)

    def test_time_zero_is_undefined(self):
        result = earned_schedule([100, 200], 0, 0)
        assert 0 == result["ES"] and math.isnan(result["SPI_t"]) and math.isnan(result["IEAC_t"])
        assert "AT is 0" in result.attrs["undefined"]["SPI_t"]
        nothing = earned_schedule([100, 200], 0, 1)
        assert 0 == nothing["SPI_t"] and "nothing earned" in nothing.attrs["undefined"]["IEAC_t"]

    @pytest.mark.parametrize(
        "pv, ev, at, message",
        [
            ([100, 90, 200], 50, 1, "PV decreases from period 1 \\(100.00\\) to period 2 \\(90.00\\)"),
            ([100, 200], 250, 2, "EV \\(250.00\\) is above BAC"),
            ([100, 200], -1, 2, "EV is negative"),
            ([100, 200], 50, -1, "AT is negative"),
            ([], 0, 1, "pv is empty"),
            ([0, 0], 0, 1, "BAC\\) is 0"),
        ],
    )
    def test_bad_input_is_named(self, pv, ev, at, message):
        with pytest.raises(EVMError, match=message):
            earned_schedule(pv, ev, at)

    @given(pv_curves(), st.floats(min_value=0, max_value=1), st.floats(min_value=0.1, max_value=50))
    @settings(max_examples=200, deadline=None)
    def test_es_inverts_the_pv_curve(self, curve, share, at):
        # PV interpolated at ES gives back EV: ES is the time the plan expected that EV.
        ev = share * curve[-1]
        result = earned_schedule(curve, ev, at)
        pd_ = plan_duration(curve)
        assert 0 <= result["ES"] <= pd_
        times = np.arange(0, pd_ + 1)
        assert ev == pytest.approx(np.interp(result["ES"], times,
                                             np.concatenate([[0], curve[:pd_]])),
                                   rel=1e-9, abs=1e-6)
        assert result["SV_t"] == pytest.approx(result["ES"] - at)

    @given(pv_curves(), st.floats(min_value=0, max_value=1), st.floats(min_value=0, max_value=1))
    @settings(max_examples=200, deadline=None)
    def test_es_never_decreases_with_ev(self, curve, a, b):
        low, high = sorted((a, b))
        assert (earned_schedule(curve, low * curve[-1], 1)["ES"]
                <= earned_schedule(curve, high * curve[-1], 1)["ES"] + 1e-12)

    @given(pv_curves(max_periods=15), st.integers(min_value=1, max_value=20))
    @settings(max_examples=100, deadline=None)
    def test_at_completion_spi_is_one_and_spi_t_is_pd_over_at(self, curve, delay):
        pd_ = plan_duration(curve)
        at = pd_ + delay
        bac = curve[-1]
        assert 1 == evm_metrics(bac, bac, bac, bac)["SPI"]
        assert pd_ / at == pytest.approx(earned_schedule(curve, bac, at)["SPI_t"])


class TestEarnedSchedulePublished:
    """Earned schedule on numeric examples published elsewhere, recomputed.

    The primary sources (Lipke, "Schedule is Different", *The Measurable News*, March 2003;
    Henderson, *The Measurable News*, Summer 2003; Vandevoorde & Vanhoucke, *Int. J. Project
    Management* 24 (2006) 289-302; Stratton, NASA PM Challenge 2006; PMI, *Practice Standard for
    EVM*, 2nd ed., App. D) could not be read as far as their numeric tables, so none of their
    numbers is used here. The three examples below are secondary sources (a practitioner article,
    an exam-prep forum, a glossary) whose inputs and answers are published in full; each is
    recomputed, and every rounded figure is given with its exact value.
    """

    def test_late_finish_spi_is_one_but_two_months_late(self):
        # S. N. Dash, "Earned Schedule Management (ESM) with MS Project", managementyogi.com,
        # 11 Nov 2021 (first published by MPUG.com): 10 modules at US$100,000 each, planned in
        # 10 months (BAC = US$1M); the project took 12 months and cost US$1.3M. Published: EVM
        # gives SV = US$0.0M and SPI = 1.0, yet the project is "two months behind schedule",
        # with a "cost overrun of US$0.3 million". Recomputed with ES: at AT = 12, EV = BAC, so
        # ES = PD = 10 whatever the shape of the plan: SV(t) = -2 months, SPI(t) = 10/12 =
        # 0.833 (0.83 rounded), IEAC(t) = 10 / (10/12) = 12 months, the actual duration.
        plan = [100_000.0 * k for k in range(1, 11)]  # one module a month
        evm = evm_metrics(1_000_000, 1_000_000, 1_000_000, 1_300_000)
        assert 0 == evm["SV"] and 1.0 == evm["SPI"] and -300_000 == evm["CV"]
        es = earned_schedule(plan, 1_000_000, 12)
        assert [10, -2, 10 / 12, 12] == pytest.approx(es.tolist())
        assert 0.83 == pytest.approx(es["SPI_t"], abs=0.005)
        front_loaded = [300_000, 500_000, 650_000, 750_000, 820_000, 880_000, 930_000,
                        960_000, 990_000, 1_000_000]
        same = earned_schedule(front_loaded, 1_000_000, 12)
        assert es.tolist() == pytest.approx(same.tolist())

    def test_half_the_work_done_after_three_of_five_months(self):
        # The Project Management PrepCast, PMP exam discussion forum, topic "Explanation",
        # posts #21314 (question), #21327 and #22422 (answers): "A project was planned to take
        # 5 months. The team is currently 3 months into it and has completed half of the work."
        # Published answer: SV = -0.5 months, SPI = 0.83 (answer A). The answers assume work
        # planned evenly (100% <=> 5 months), so PV is 20, 40, 60, 80, 100 % of BAC.
        # Recomputed: C = 2 (PV_2 = 40 <= 50 < PV_3 = 60), ES = 2 + (50 - 40)/(60 - 40) = 2.5;
        # SV(t) = 2.5 - 3 = -0.5; SPI(t) = 2.5/3 = 0.8333 (0.83 rounded). Not asked there:
        # IEAC(t) = 5 / (5/6) = 6 months.
        es = earned_schedule([20, 40, 60, 80, 100], 50, 3)
        assert 2.5 == pytest.approx(es["ES"]) and -0.5 == pytest.approx(es["SV_t"])
        assert 5 / 6 == pytest.approx(es["SPI_t"])
        assert 0.83 == pytest.approx(es["SPI_t"], abs=0.005)
        assert 6 == pytest.approx(es["IEAC_t"])

    @pytest.mark.parametrize("planned_week, at, sv_t, spi_t", [(18, 20, -2, 0.90),
                                                                (21, 24, -3, 0.875)])
    def test_ev_equal_to_an_earlier_weeks_plan(self, planned_week, at, sv_t, spi_t):
        # HKSM, "Earned Schedule (ES)", hksmnow.com project-management definitions: "AT = 20.
        # The earned value achieved to date equals the planned value that was scheduled for
        # week 18. Therefore, ES = 18 weeks. SV(t) = 18 - 20 = -2 weeks, and SPI(t) = 18/20 =
        # 0.90"; and its exam question: AT = 24 weeks and ES = 21 weeks, "3 weeks behind
        # schedule" (SV(t) = -3; SPI(t) = 21/24 = 0.875, recomputed). The plan's shape must not
        # matter: here a 30-week S-curve (weekly PV 1..15, 15..1 thousand).
        s_curve = np.cumsum(list(range(1, 16)) + list(range(15, 0, -1))) * 1000.0
        es = earned_schedule(s_curve, s_curve[planned_week - 1], at)
        assert planned_week == pytest.approx(es["ES"])
        assert sv_t == pytest.approx(es["SV_t"]) and spi_t == pytest.approx(es["SPI_t"])
        assert 30 / spi_t == pytest.approx(es["IEAC_t"])


# --- the company's data ----------------------------------------------------------


@pytest.fixture(scope="module")
def company():
    projects, tasks, holidays = data.load_projects(), data.load_tasks(), data.load_holidays()
    status = data.load_status()
    baseline = baseline_pv(tasks, projects, holidays)
    finish = project_dates(tasks, projects, holidays).set_index("id")["finish_date"]
    return projects, status, baseline, finish


class TestCompanyData:
    def test_baseline_pv_matches_the_independent_generator(self, company):
        # tools/make_datasets.py computes PV with its own forward pass (numpy only).
        _, status, baseline, _ = company
        both = status.merge(baseline, on=["project", "week"], suffixes=("", "_baseline"))
        assert len(status) - 1 == len(both)  # OFM reports one week after its plan ended
        assert (both["pv_eur"] == both["pv_eur_baseline"]).all()
        assert (both["status_date"] == both["status_date_baseline"]).all()

    def test_baseline_ends_at_bac_without_reserve(self, company):
        projects, _, baseline, _ = company
        last = baseline.groupby("project")["pv_eur"].last()
        bac = bac_from_projects(projects)
        assert bac.sort_index().tolist() == pytest.approx(last.sort_index().tolist())
        # ERP: 2,490,000 approved budget - 230,820 reserve = 2,259,180.
        assert 2_259_180 == bac["ERP"]

    def test_the_story_in_the_readme(self, company):
        # datasets/README.md: ERP SPI 0.94, CPI 0.88, SPI(t) about 0.84; CRM 1.03/1.03;
        # WHA SPI 0.77, CPI 1.03; DAT CPI 0.93; ECO SPI 0.94; SEC SPI 1.04, CPI 0.95.
        projects, status, baseline, _ = company
        last = time_phased(status, projects, baseline).groupby(level="project").tail(1)
        last = last.droplevel("week")
        story = {"ERP": (0.94, 0.88), "CRM": (1.03, 1.03), "WHA": (0.77, 1.03),
                 "DAT": (1.01, 0.93), "ECO": (0.94, 0.99), "SEC": (1.04, 0.95)}
        for project, (spi, cpi) in story.items():
            assert spi == pytest.approx(last.at[project, "SPI"], abs=0.005), project
            assert cpi == pytest.approx(last.at[project, "CPI"], abs=0.005), project
        assert 0.84 == pytest.approx(last.at["ERP", "SPI_t"], abs=0.01)
        assert last.at["ERP", "SPI_t"] < last.at["ERP", "SPI"] - 0.08

    def test_erp_forecast_is_above_the_budget_even_with_the_reserve(self, company):
        projects, status, baseline, _ = company
        board = dashboard(status, projects, baseline)
        assert board.at["ERP", "EAC"] > projects.set_index("id").at["ERP", "budget_eur"]

    def test_time_phased_covers_every_week_without_undefined_values(self, company):
        projects, status, baseline, _ = company
        view = time_phased(status, projects, baseline)
        assert len(status) == len(view)
        assert {} == view.attrs["undefined"]
        assert not view[list(METRICS) + list(SCHEDULE_METRICS)].isna().to_numpy().any()

    def test_dashboard_rag(self, company):
        projects, status, baseline, finish = company
        board = dashboard(status, projects, baseline, planned_finish=finish)
        assert projects["id"].tolist() == board.index.tolist()
        assert {"ERP": "red", "CRM": "green", "WHA": "red", "DAT": "amber", "ECO": "amber"} == {
            p: board.at[p, "rag"] for p in ("ERP", "CRM", "WHA", "DAT", "ECO")}
        assert "green" == board.at["WHA", "cost_rag"] and "red" == board.at["WHA", "schedule_rag"]
        # ERP: planned to end on 22 Jan 2027; SPI(t) 0.85 pushes it two months later.
        assert pd.Timestamp("2027-01-22") == board.at["ERP", "planned_finish"]
        assert board.at["ERP", "forecast_finish"] > pd.Timestamp("2027-03-15")
        assert board.at["CRM", "forecast_finish"] < board.at["CRM", "planned_finish"]
        assert (board["forecast_finish"].dt.day_of_week < 5).all()

    def test_the_slip_is_in_working_days_of_the_company_calendar(self, company):
        projects, status, baseline, finish = company
        days = data.load_holidays()["date"].to_numpy().astype("datetime64[D]")
        board = dashboard(status, projects, baseline, planned_finish=finish,
                          holidays=data.load_holidays())
        for project, row in board.iterrows():
            planned = np.datetime64(row["planned_finish"].date())
            forecast = np.datetime64(row["forecast_finish"].date())
            assert np.is_busday(forecast, holidays=days), project  # never on a holiday
            # numpy's business-day count, independent of the kit's calendar
            assert np.busday_count(planned, forecast, holidays=days) == row["slip_days"], project
        # ERP: 22 Jan 2027 to 30 Mar 2027 is 67 calendar days but 46 working days
        assert 46 == board.at["ERP", "slip_days"]
        # DAT's forecast would fall on 11 Nov 2026, Armistice Day: it moves to the 12th
        assert pd.Timestamp("2026-11-12") == board.at["DAT", "forecast_finish"]
        # without the holidays, only weekends are skipped
        plain = dashboard(status, projects, baseline, planned_finish=finish)
        assert 47 == plain.at["ERP", "slip_days"]  # Easter Monday 2027 counted as worked

    def test_dashboard_at_an_earlier_date_and_custom_thresholds(self, company):
        projects, status, baseline, _ = company
        board = dashboard(status, projects, baseline, status_date="2026-06-05")
        assert "SEC" not in board.index  # it starts in July
        assert (board["status_date"] <= pd.Timestamp("2026-06-05")).all()
        lenient = dashboard(status, projects, baseline, thresholds={"green": 0.8, "amber": 0.7})
        assert "green" == lenient.at["ERP", "rag"]
        strict_cost = dashboard(status, projects, baseline,
                                thresholds={"CPI": {"green": 1.01, "amber": 1.0}})
        assert "amber" == strict_cost.at["OFM", "cost_rag"]

    def test_okr_rollup_of_the_company(self, company):
        projects, status, baseline, _ = company
        board = dashboard(status, projects, baseline)
        rollup = okr_rollup(data.load_okrs(), board)
        # O4: KR4.1 0/1 = 0; KR4.2 (48-35)/(95-35) = 13/60; KR4.3 (66-62)/(70-62) = 0.5.
        assert (0 + 13 / 60 + 0.5) / 3 == pytest.approx(rollup.at["O4", "progress"])
        assert "SEC, OFM" == rollup.at["O4", "projects"]
        assert "red" == rollup.at["O2", "project_rag"]  # WHA and ERP are red


# --- time-phased view: bad data ---------------------------------------------------


class TestTimePhasedBadData:
    GOOD = [("P", 1, 100.0, 90.0, 95.0), ("P", 2, 200.0, 170.0, 190.0),
            ("P", 3, 300.0, 260.0, 280.0)]

    def test_good_table(self):
        view = time_phased(status_table(self.GOOD), {"P": 400.0})
        assert [0.9, 0.85, 260 / 300] == pytest.approx(view["SPI"].tolist())
        assert view[list(SCHEDULE_METRICS)].isna().all().all()  # PV never reached BAC
        assert "pass baseline=" in view.attrs["undefined"]["ES"]

    def test_missing_week(self):
        rows = [self.GOOD[0], self.GOOD[2]]
        with pytest.raises(EVMError, match="Project P: week\\(s\\) 2 missing"):
            time_phased(status_table(rows), {"P": 400.0})

    def test_duplicated_week(self):
        rows = self.GOOD + [("P", 3, 300.0, 260.0, 280.0)]
        with pytest.raises(EVMError, match="week 3 appears more than once \\(rows 4, 5\\)"):
            time_phased(status_table(rows), {"P": 400.0})

    def test_decreasing_cumulative_cost(self):
        rows = list(self.GOOD)
        rows[2] = ("P", 3, 300.0, 260.0, 100.0)  # a weekly amount typed as the total
        with pytest.raises(EVMError, match="ac_eur decreases from week 2 .* to week 3 .*row 4.*"
                                           "CUMULATIVE"):
            time_phased(status_table(rows), {"P": 400.0})

    def test_negative_cost(self):
        rows = [("P", 1, 100.0, 90.0, -5.0)]
        with pytest.raises(EVMError, match="AC is negative .* project P, week 1 \\(row 2\\)"):
            time_phased(status_table(rows), {"P": 400.0})

    def test_ev_above_bac_points_at_the_reserve(self):
        rows = [("P", 1, 100.0, 450.0, 95.0)]
        with pytest.raises(EVMError, match="EV .* above BAC .* week 1.*reserve"):
            time_phased(status_table(rows), {"P": 400.0})

    def test_missing_value_and_missing_bac(self):
        rows = [("P", 1, 100.0, None, 95.0)]
        with pytest.raises(EVMError, match="Row 2 \\(project P, week 1\\): ev_eur"):
            time_phased(status_table(rows), {"P": 400.0})
        with pytest.raises(EVMError, match="No BAC for project\\(s\\) P"):
            time_phased(status_table(self.GOOD), {"Q": 400.0})

    def test_first_week_without_cost_is_explained(self):
        rows = [("P", 1, 0.0, 0.0, 0.0), ("P", 2, 100.0, 80.0, 90.0)]
        view = time_phased(status_table(rows), {"P": 100.0})
        assert math.isnan(view.loc[("P", 1), "CPI"])
        assert "P week 1" in view.attrs["undefined"]["CPI"]
        assert not np.isinf(view.select_dtypes("number").to_numpy()).any()

    def test_baseline_must_end_at_bac(self):
        baseline = pd.DataFrame({"project": "P", "week": [1, 2], "pv_eur": [100.0, 300.0]})
        with pytest.raises(EVMError, match="ends at PV 300.00, but its BAC is 400.00"):
            time_phased(status_table(self.GOOD), {"P": 400.0}, baseline)


# --- RAG and OKRs -----------------------------------------------------------------


class TestRagAndOkrs:
    def test_default_thresholds_are_documented_values(self):
        assert {"green": 0.95, "amber": 0.90} == DEFAULT_THRESHOLDS
        assert ["red", "amber", "amber", "green", "green"] == rag_status(
            pd.Series([0.89, 0.90, 0.949, 0.95, 1.2])).tolist()

    def test_custom_thresholds_and_their_order(self):
        assert "amber" == rag_status(0.97, green=1.0, amber=0.95)
        with pytest.raises(EVMError, match="amber .* must be <= green"):
            rag_status(1.0, green=0.9, amber=0.95)

    def test_progress_when_the_target_is_below_the_baseline(self):
        # Order-to-ship lead time (okrs.csv KR2.2): 30 h -> 18 h, now 27 h: 3/12 = 0.25.
        okrs = pd.DataFrame({"key_result_id": ["KR2.2"], "baseline": [30], "target": [18],
                             "current": [27]})
        assert 0.25 == okr_progress(okrs).at[0, "progress"]

    def test_progress_backwards_and_beyond(self):
        okrs = pd.DataFrame({"key_result_id": ["a", "b"], "baseline": [10, 10],
                             "target": [20, 20], "current": [5, 30]})
        result = okr_progress(okrs)
        assert [-0.5, 2.0] == result["progress"].tolist() and [0, 1] == result["score"].tolist()

    def test_key_result_without_a_change_is_named(self):
        okrs = pd.DataFrame({"key_result_id": ["KR9"], "baseline": [5], "target": [5],
                             "current": [5]})
        with pytest.raises(EVMError, match="Key result KR9: target equals baseline"):
            okr_progress(okrs)


# --- the charts and the explorer built on this module -------------------------------


class TestChartsAndExplorer:
    def test_charts_of_the_company(self, company):
        from pmo_lessons import plots

        projects, status, baseline, finish = company
        view = time_phased(status, projects, baseline)
        fig = plots.s_curve(view, "ERP", baseline)
        labels = [line.get_label() for line in fig.axes[0].get_lines()]
        assert any(label.startswith("forecast cost, EAC 2,556,") for label in labels)
        board = dashboard(status, projects, baseline, planned_finish=finish,
                          holidays=data.load_holidays())
        texts = [t.get_text() for t in plots.portfolio_dashboard(board).axes[0].texts]
        assert "ERP  +46 wd" in texts  # slips in working days
        chart = plots.okr_chart(okr_progress(data.load_okrs()))
        assert 16 == len(chart.axes[0].get_yticklabels())  # 4 objectives + 12 key results
        with pytest.raises(InputError, match="No status for project 'XYZ'"):
            plots.s_curve(view, "XYZ")

    def test_explorer_moves_with_the_date_and_the_actuals(self, company):
        from pmo_lessons.widgets import StatusExplorer

        projects, status, baseline, finish = company
        explorer = StatusExplorer(status, projects, baseline, planned_finish=finish, chart=False)
        before = explorer.actual_cost("ERP")
        explorer.set_actual_cost("ERP", before + 150_000)
        assert explorer.board.at["ERP", "CPI"] < 0.83 and explorer.error is None
        explorer.set_actual_cost("ERP", 0)  # below last week's cumulative AC: refused, explained
        assert "ac_eur decreases" in explorer.error
        assert before + 150_000 == pytest.approx(explorer.actual_cost("ERP"))
        explorer.reset()
        assert before == explorer.actual_cost("ERP")
        explorer.set_status_date("2026-06-10")  # a Wednesday: the Friday before counts
        assert pd.Timestamp("2026-06-05") == explorer.board["status_date"].max()
        with pytest.raises(InputError, match="No status on or before 2025-01-01"):
            explorer.set_status_date("2025-01-01")


class TestPublishedExample:
    """K. Schwalbe, *Information Technology Project Management* (Cengage), chapter 7 "Project
    Cost Management", end-of-chapter exercise 1: a one-year project with PV = $23,000,
    EV = $20,000, AC = $25,000 and BAC = $120,000. The book's expected answers, recomputed
    here: CV = -5,000, SV = -3,000, CPI = 0.80, SPI = 0.87, EAC = BAC / CPI = 150,000, and a
    time estimate of 12 / 0.87 = 13.8 months. ETC, VAC and TCPI follow from PMBOK 6, Table 7-1."""

    def test_cost_and_schedule_metrics(self):
        m = evm_metrics(120_000, 23_000, 20_000, 25_000)
        assert -5_000 == m["CV"]
        assert -3_000 == m["SV"]
        assert 0.80 == pytest.approx(m["CPI"])
        assert 0.87 == pytest.approx(m["SPI"], abs=0.005)
        assert 150_000 == pytest.approx(m["EAC"])
        assert 125_000 == pytest.approx(m["ETC"])  # EAC - AC
        assert -30_000 == pytest.approx(m["VAC"])  # BAC - EAC
        assert 100_000 / 95_000 == pytest.approx(m["TCPI"])  # (BAC - EV) / (BAC - AC)
        assert 125_000 == pytest.approx(m["EAC_atypical"])  # AC + BAC - EV

    def test_time_estimate_from_spi(self):
        m = evm_metrics(120_000, 23_000, 20_000, 25_000)
        assert 13.8 == pytest.approx(12 / m["SPI"], abs=0.05)

