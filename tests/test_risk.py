"""Tests of pmo_lessons.risk: published worked examples, distributions, invariants, errors."""

import importlib.util
import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pmo_lessons.errors import InputError, NetworkError
from pmo_lessons.risk import (
    FIVE_BY_FIVE,
    PMBOK_FRACTIONS,
    RiskError,
    Scale,
    _spearman_rows,
    add_emv,
    best_decision,
    contingency_reserve,
    emv,
    evaluate_tree,
    load_register,
    monte_carlo,
    probability_impact_matrix,
    risk_events,
    sample_durations,
    score_register,
)
from pmo_lessons.schedule import cpm

from .conftest import ROOT
from .strategies import networks

# PMI, *A Guide to the Project Management Body of Knowledge (PMBOK Guide)*, 6th ed. (2017),
# section 11.4.2.5, figure 11-15 "Decision Tree Diagram": build a new plant (invest $120M)
# or upgrade the existing one (invest $50M); demand is strong (60 %) or weak (40 %);
# payoffs $200M / $90M (build) and $120M / $60M (upgrade).
PMBOK_TREE = {"decision": "Build or upgrade?", "options": [
    {"name": "Build new plant", "cost": 120, "then": {"chance": "Demand", "outcomes": [
        {"name": "Strong demand", "probability": 0.6, "then": 200},
        {"name": "Weak demand", "probability": 0.4, "then": 90}]}},
    {"name": "Upgrade existing plant", "cost": 50, "then": {"chance": "Demand", "outcomes": [
        {"name": "Strong demand", "probability": 0.6, "then": 120},
        {"name": "Weak demand", "probability": 0.4, "then": 60}]}},
]}


def three_point(rows):
    return pd.DataFrame(rows, columns=["id", "predecessors", "optimistic", "most_likely",
                                       "pessimistic"])


class TestDecisionTree:
    def test_pmbok_figure_11_15(self):
        # PMBOK 6th ed., figure 11-15: net path values $80M, -$30M, $70M, $10M;
        # EMV(build) = 0.6 x 80 + 0.4 x (-30) = $36M, EMV(upgrade) = 0.6 x 70 + 0.4 x 10 = $46M;
        # the decision is to upgrade, EMV $46M. (Recomputed: the figure's numbers are right.)
        nodes = evaluate_tree(PMBOK_TREE).set_index("path")
        assert 46 == nodes.at["", "emv"]
        assert 36 == nodes.at["Build new plant", "emv"]
        assert 46 == nodes.at["Upgrade existing plant", "emv"]
        ends = nodes[nodes["kind"] == "end"]["emv"].tolist()
        assert [80, -30, 70, 10] == ends
        assert ("Upgrade existing plant", 46.0) == best_decision(PMBOK_TREE)

    def test_chosen_marks_the_best_path_only(self):
        nodes = evaluate_tree(PMBOK_TREE)
        assert not nodes[nodes["path"].str.startswith("Build")]["chosen"].any()
        assert nodes[nodes["path"].str.startswith("Upgrade")]["chosen"].all()

    def test_nested_decision_after_a_chance(self):
        # A test that reveals the market, then a launch decision: EMV = 0.5 x 70 + 0.5 x 0 - 10.
        tree = {"decision": "Test the market?", "options": [
            {"name": "test", "cost": 10, "then": {"chance": "result", "outcomes": [
                {"name": "good", "probability": 0.5, "then": {"decision": "launch?", "options": [
                    {"name": "launch", "then": 70}, {"name": "stop", "then": 0}]}},
                {"name": "bad", "probability": 0.5, "then": {"decision": "launch?", "options": [
                    {"name": "launch", "then": -40}, {"name": "stop", "then": 0}]}}]}},
            {"name": "launch now", "then": {"chance": "market", "outcomes": [
                {"name": "good", "probability": 0.5, "then": 70},
                {"name": "bad", "probability": 0.5, "then": -40}]}}]}
        assert ("test", 25.0) == best_decision(tree)

    @pytest.mark.parametrize("tree, message", [
        ({"chance": "x", "outcomes": [{"name": "a", "probability": 0.5, "then": 1},
                                      {"name": "b", "probability": 0.4, "then": 2}]},
         "add up to 0.9"),
        ({"chance": "x", "outcomes": [{"name": "a", "probability": 1.5, "then": 1}]},
         "probability is 1.5"),
        ({"decision": "x", "options": [{"name": "a", "probability": 0.5, "then": 1}]},
         "has no probability"),
        ({"decision": "x", "options": []}, "non-empty list 'options'"),
        ({"decision": "x", "options": [{"name": "a", "then": "lots"}]}, "'lots'"),
        ({"decision": "x", "options": [{"name": "a", "then": 1}, {"name": "a", "then": 2}]},
         "two branches are called 'a'"),
    ])
    def test_bad_trees_are_explained(self, tree, message):
        with pytest.raises(RiskError, match=message):
            evaluate_tree(tree)

    def test_root_must_be_a_decision_for_best_decision(self):
        with pytest.raises(RiskError, match="not a decision"):
            best_decision({"chance": "x", "outcomes": [{"name": "a", "probability": 1, "then": 1}]})


class TestEmv:
    def test_pmbok_branch_values(self):
        # The same figure 11-15, as EMV sums: 0.6 x 80 + 0.4 x (-30) = 36.
        assert 36 == pytest.approx(emv(0.6, 80) + emv(0.4, -30))

    def test_threats_negative_opportunities_positive(self):
        assert -72_000 == emv(0.6, -120_000)
        assert 8_000 == emv(0.2, 40_000)

    def test_series_keep_their_index(self):
        result = emv(pd.Series([0.5, 0.1], index=["R1", "R2"]), pd.Series([-100, 50], index=["R1", "R2"]))
        assert {"R1": -50.0, "R2": 5.0} == result.to_dict()

    def test_percentage_is_caught_with_a_hint(self):
        with pytest.raises(RiskError, match="divide it by 100"):
            emv(60, -1000)

    @pytest.mark.parametrize("p", [-0.1, 1.01, float("nan")])
    def test_probability_outside_0_1(self, p):
        with pytest.raises(RiskError):
            emv(p, -1)

    def test_register_emv_and_reserve(self):
        register = load_register()
        expected = register["probability_pct"] / 100 * register["cost_impact_eur"]
        assert np.allclose(expected, register["emv_eur"])
        open_risks = register[register["status"] == "open"]
        assert pytest.approx(-(open_risks["probability_pct"] / 100
                               * open_risks["cost_impact_eur"]).sum()) == contingency_reserve(register)
        threats = open_risks[open_risks["cost_impact_eur"] < 0]
        assert contingency_reserve(register, threats_only=True) == pytest.approx(
            -(threats["probability_pct"] / 100 * threats["cost_impact_eur"]).sum())
        assert contingency_reserve(register, threats_only=True) > contingency_reserve(register)

    def test_bad_percentage_names_the_risk(self):
        risks = pd.DataFrame({"id": ["R9"], "probability_pct": [120], "cost_impact_eur": [-5]})
        with pytest.raises(RiskError, match="Risk R9: probability_pct is 120"):
            add_emv(risks)


class TestScoring:
    def test_default_bands_split_the_matrix_8_9_8(self):
        ratings = [FIVE_BY_FIVE.rating(p * i) for p in range(1, 6) for i in range(1, 6)]
        assert {"low": 8, "medium": 9, "high": 8} == {r: ratings.count(r) for r in FIVE_BY_FIVE.ratings}

    def test_pmbok_fraction_scale(self):
        # PMBOK 6th ed., figure 11-5 scale: 0.70 x 0.40 = 0.28; 0.10 x 0.05 = 0.005.
        risks = pd.DataFrame({"id": ["A", "B"], "probability": [0.7, 0.1], "impact": [0.4, 0.05]})
        scored = score_register(risks, PMBOK_FRACTIONS)
        assert [0.28, 0.005] == scored["score"].tolist()
        assert ["high", "low"] == scored["rating"].tolist()

    def test_bands_are_configurable(self):
        strict = Scale(bands=(("green", 1), ("amber", 4), ("red", 8)))
        risks = pd.DataFrame({"id": ["R1"], "probability": [2], "impact": [4]})
        assert "red" == score_register(risks, strict)["rating"].iloc[0]
        assert "medium" == score_register(risks)["rating"].iloc[0]

    @pytest.mark.parametrize("value", [0, 6, 2.5, "high", None])
    def test_off_scale_value_names_the_risk(self, value):
        risks = pd.DataFrame({"id": ["R7"], "probability": [value], "impact": [3]})
        with pytest.raises(RiskError, match="Risk R7: probability"):
            score_register(risks)

    @pytest.mark.parametrize("bands", [(("low", 5), ("high", 1)), (("a", 1), ("a", 5)), ()])
    def test_bad_bands(self, bands):
        with pytest.raises(RiskError):
            Scale(bands=bands)

    def test_company_register_matrix_counts_every_risk(self):
        register = load_register()
        grid = probability_impact_matrix(register)
        assert len(register) == grid.to_numpy().sum()
        assert [5, 4, 3, 2, 1] == list(grid.index)
        high = register[(register["probability"] == 4) & (register["impact"] == 4)]
        assert len(high) == grid.loc[4, 4]


class TestDistributions:
    # Means and variances: Vose, *Risk Analysis: A Quantitative Guide*, 3rd ed. (Wiley, 2008),
    # section III.7 (triangular: mean (a+b+c)/3, variance (a²+b²+c²-ab-ac-bc)/18; PERT:
    # mean (a+4b+c)/6, variance (mean-a)(c-mean)/7). Hillier & Lieberman's activity C (6, 9, 18).
    O, M, P = 6.0, 9.0, 18.0  # noqa: E741 - PERT's own letters: optimistic, most likely, pessimistic

    def test_pert_beta_mean_and_variance(self):
        d = sample_durations(self.O, self.M, self.P, 400_000, "pert", rng=11)
        mean = (self.O + 4 * self.M + self.P) / 6
        assert 10.0 == mean
        assert d.mean() == pytest.approx(mean, abs=0.02)
        assert d.var() == pytest.approx((mean - self.O) * (self.P - mean) / 7, rel=0.02)
        assert self.O <= d.min() and d.max() <= self.P

    def test_triangular_mean_and_variance(self):
        d = sample_durations(self.O, self.M, self.P, 400_000, "triangular", rng=12)
        o, m, p = self.O, self.M, self.P
        assert d.mean() == pytest.approx((o + m + p) / 3, abs=0.02)
        assert d.var() == pytest.approx((o * o + m * m + p * p - o * m - o * p - m * p) / 18, rel=0.02)

    def test_triangular_is_numpys_triangular(self):
        ours = sample_durations(self.O, self.M, self.P, 1000, rng=5)
        numpys = np.random.default_rng(5).triangular(self.O, self.M, self.P, 1000)
        assert np.allclose(numpys, ours, rtol=0, atol=1e-12)

    def test_equal_estimates_give_that_duration(self):
        d = sample_durations([4, 0], [4, 0], [4, 0], 10, "pert", rng=1)
        assert (d[0] == 4).all() and (d[1] == 0).all()


def single(o, m, p, task="A"):
    return three_point([(task, "", o, m, p)])


class TestMonteCarlo:
    def test_one_task_matches_the_triangular_percentile(self):
        # Triangular(0, 0, 1): F(x) = 1 - (1 - x)²  ->  P80 = 1 - sqrt(0.2).
        result = monte_carlo(single(0, 0, 1), iterations=200_000, seed=3)
        assert result.percentile(80) == pytest.approx(1 - math.sqrt(0.2), abs=0.005)
        assert 1.0 == result.criticality["A"] and result.sensitivity["A"] == pytest.approx(1.0)

    def test_merge_bias_two_parallel_paths(self):
        # Two independent Triangular(0, 0, 1) tasks merging: F(x)² = 0.8 at the P80,
        # x = 1 - sqrt(1 - sqrt(0.8)); each is critical half of the time; the plan (0) is
        # met never, though each path alone has its median at 1 - sqrt(0.5).
        tasks = three_point([("A", "", 0, 0, 1), ("B", "", 0, 0, 1), ("End", "A, B", 0, 0, 0)])
        result = monte_carlo(tasks, iterations=200_000, seed=4)
        assert result.percentile(80) == pytest.approx(1 - math.sqrt(1 - math.sqrt(0.8)), abs=0.005)
        assert result.criticality["A"] == pytest.approx(0.5, abs=0.01)
        assert result.criticality["End"] == 1.0
        assert 0.0 == result.deterministic_finish
        assert result.finish.mean() > monte_carlo(single(0, 0, 1), 200_000, seed=4).finish.mean()

    def test_reproducible_with_a_seed(self):
        tasks = three_point([("A", "", 1, 2, 6), ("B", "A", 2, 3, 9), ("C", "A SS+1", 1, 5, 7)])
        first = monte_carlo(tasks, 3000, seed=42)
        again = monte_carlo(tasks, 3000, seed=42)
        other = monte_carlo(tasks, 3000, seed=43)
        assert np.array_equal(first.finish, again.finish)
        assert first.sensitivity.equals(again.sensitivity)
        assert not np.array_equal(first.finish, other.finish)

    def test_chunks_cover_every_iteration(self):
        tasks = three_point([("A", "", 1, 2, 6), ("B", "A", 2, 3, 9)])
        result = monte_carlo(tasks, 2_503, seed=1, chunk_size=1000)
        assert 2_503 == len(result.finish) and np.all(result.finish > 0)
        assert result.percentile(50) == pytest.approx(monte_carlo(tasks, 2_503, seed=1).percentile(50), abs=0.3)

    def test_sensitivity_ranks_the_wide_task_first(self):
        tasks = three_point([("A", "", 9, 10, 11), ("B", "A", 5, 10, 40), ("C", "B", 3, 3, 3)])
        result = monte_carlo(tasks, 20_000, seed=2)
        assert result.sensitivity["B"] > 0.9 > result.sensitivity["A"] > 0
        assert 0.0 == result.sensitivity["C"]

    def test_sensitivity_is_spearman(self):
        # Spearman's example on Wikipedia ("Spearman's rank correlation coefficient",
        # IQ against hours of TV per week): sum of d² = 194, rho = 1 - 6 x 194 / (10 x 99) = -0.1758.
        iq = [106, 100, 86, 101, 99, 103, 97, 113, 112, 110]
        tv = [7, 27, 2, 50, 28, 29, 20, 12, 6, 17]
        rho = _spearman_rows(np.array([tv], dtype=np.float32), np.array(iq, dtype=float))
        assert rho[0] == pytest.approx(-29 / 165, abs=1e-12)

    @settings(max_examples=40, deadline=None)
    @given(st.lists(st.tuples(st.integers(0, 6), st.integers(0, 6), st.integers(0, 4)),
                    min_size=3, max_size=60))
    def test_sensitivity_with_ties_matches_pandas(self, rows):
        data = np.array(rows, dtype=float)
        frame = pd.DataFrame(data, columns=["x", "y", "finish"])
        expected = frame.corr(method="spearman")["finish"][["x", "y"]].to_numpy()
        ours = _spearman_rows(data[:, :2].T.astype(np.float32), data[:, 2])
        for got, want, column in zip(ours, expected, data[:, :2].T):
            if np.ptp(column) == 0 or np.ptp(data[:, 2]) == 0:
                assert 0.0 == got
            else:
                assert want == pytest.approx(got, abs=1e-9)

    def test_risk_events_add_their_delay(self):
        tasks = three_point([("A", "", 5, 5, 5), ("B", "A", 5, 5, 5)])
        certain = pd.DataFrame({"id": ["R1"], "task_id": ["B"], "probability": [1.0], "delay": [3]})
        assert np.all(monte_carlo(tasks, 100, seed=1, risks=certain).finish == 13)
        maybe = certain.assign(probability=0.3)
        result = monte_carlo(tasks, 20_000, seed=1, risks=maybe)
        assert np.mean(result.finish == 13) == pytest.approx(0.3, abs=0.01)
        assert result.sensitivity["B"] > 0.9

    def test_company_register_events(self):
        from pmo_lessons.data import load_tasks

        events = risk_events(load_register("ERP"))
        assert {"R-003", "R-004", "R-005", "R-006"} == set(events["id"])
        tasks = load_tasks("ERP")
        plain = monte_carlo(tasks, 2000, seed=7)
        risky = monte_carlo(tasks, 2000, seed=7, risks=events)
        assert risky.percentile(80) > plain.percentile(80) > plain.deterministic_finish

    def test_progress_prints_a_bar_without_timings(self, capsys):
        monte_carlo(single(1, 2, 3), 3000, seed=1, chunk_size=1000, progress=True)
        out = capsys.readouterr()
        assert "" == out.err
        assert out.out.endswith("[##############################] 3,000 / 3,000 iterations\n")

    def test_summary_and_tasks_table(self):
        tasks = three_point([("A", "", 1, 2, 6), ("B", "A", 2, 3, 9)])
        result = monte_carlo(tasks, 5000, seed=9)
        summary = result.summary()
        assert summary["P10"] <= summary["P50"] <= summary["P80"] <= summary["P90"]
        assert 5.0 == summary["plan (CPM)"]
        assert ["criticality", "sensitivity", "cpm_critical"] == list(result.tasks.columns)
        assert result.probability(result.percentile(80)) == pytest.approx(0.8, abs=0.01)


class TestMonteCarloInvariants:
    @settings(max_examples=60, deadline=None)
    @given(networks(max_tasks=10))
    def test_fixed_durations_give_exactly_cpm(self, tasks):
        # O = M = P: every iteration is the deterministic plan, with any link type and lag.
        fixed = tasks.assign(optimistic=tasks["duration"], most_likely=tasks["duration"],
                             pessimistic=tasks["duration"])
        plan = cpm(fixed)
        result = monte_carlo(fixed, iterations=50, seed=0, distribution="pert")
        assert np.all(result.finish == plan["ef"].max())
        assert plan["critical"].astype(float).tolist() == result.criticality.tolist()
        assert (result.sensitivity == 0).all()

    @settings(max_examples=40, deadline=None)
    @given(networks(max_tasks=10, link_types=("FS",)), st.integers(0, 2**32 - 1))
    def test_finish_between_optimistic_and_pessimistic_plans(self, tasks, seed):
        # With finish-to-start links the finish grows with every duration, so each
        # iteration lies between CPM with all-optimistic and all-pessimistic durations.
        estimates = tasks.assign(optimistic=tasks["duration"], most_likely=tasks["duration"] * 2,
                                 pessimistic=tasks["duration"] * 3 + 1)
        result = monte_carlo(estimates, iterations=300, seed=seed)
        low = cpm(estimates.assign(duration=estimates["optimistic"]))["ef"].max()
        high = cpm(estimates.assign(duration=estimates["pessimistic"]))["ef"].max()
        assert np.all(result.finish >= low - 1e-6) and np.all(result.finish <= high + 1e-6)
        assert ((0 <= result.criticality) & (result.criticality <= 1)).all()
        assert result.criticality.sum() >= 1 - 1e-12  # some task is critical in every iteration
        assert (result.sensitivity.abs() <= 1).all()


class TestErrors:
    def test_estimates_out_of_order_name_the_task(self):
        with pytest.raises(NetworkError, match="Task B: estimates must satisfy optimistic <= most_likely"):
            monte_carlo(three_point([("A", "", 1, 2, 3), ("B", "A", 5, 4, 9)]), 100)

    def test_unknown_task_in_a_risk_event(self):
        events = pd.DataFrame({"id": ["R1"], "task_id": ["Z"], "probability": [0.5], "delay": [2]})
        with pytest.raises(RiskError, match="Risk R1: task 'Z' is not a task of the network; valid: A"):
            monte_carlo(single(1, 2, 3), 100, risks=events)

    @pytest.mark.parametrize("p, hint", [(1.5, "fraction from 0 to 1"), (40, "divide it by 100"),
                                         (-0.2, "fraction from 0 to 1"), ("often", "fraction")])
    def test_risk_probability_outside_0_1(self, p, hint):
        events = pd.DataFrame({"id": ["R1"], "task_id": ["A"], "probability": [p], "delay": [2]})
        with pytest.raises(RiskError, match=hint):
            monte_carlo(single(1, 2, 3), 100, risks=events)

    def test_cycle_is_reported_by_the_schedule_module(self):
        tasks = three_point([("A", "B", 1, 2, 3), ("B", "A", 1, 2, 3)])
        with pytest.raises(NetworkError, match="cycle"):
            monte_carlo(tasks, 100)

    @pytest.mark.parametrize("kwargs, message", [
        ({"distribution": "normal"}, "'triangular' or 'pert'"),
        ({"iterations": 1}, "whole number >= 2"),
        ({"iterations": 10.5}, "whole number >= 2"),
        ({"chunk_size": 0}, "chunk_size"),
    ])
    def test_bad_parameters(self, kwargs, message):
        with pytest.raises(RiskError, match=message):
            monte_carlo(single(1, 2, 3), **{"iterations": 100, **kwargs})

    def test_percentile_out_of_range(self):
        with pytest.raises(RiskError, match="0 to 100"):
            monte_carlo(single(1, 2, 3), 100, seed=1).percentile(180)

    def test_all_are_input_errors(self):
        assert issubclass(RiskError, InputError) and issubclass(RiskError, ValueError)

    def test_input_is_not_modified(self):
        tasks = three_point([("A", "", 1, 2, 3), ("B", "A", 1, 2, 3)])
        copy = tasks.copy()
        monte_carlo(tasks, 100, seed=1)
        pd.testing.assert_frame_equal(copy, tasks)


def test_benchmark_smoke(capsys):
    """The benchmark script runs on a tiny network and prints both times and the ratio."""
    spec = importlib.util.spec_from_file_location("bench_mc", ROOT / "benchmarks" / "monte_carlo.py")
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    vectorised, loop, ratio = bench.main(["--tasks", "20", "--iterations", "2000",
                                          "--loop-iterations", "50", "--repeat", "1"])
    out = capsys.readouterr().out
    assert "vectorised (pmo_lessons.risk.monte_carlo):" in out
    assert "Python loop:" in out and "speed-up:" in out
    assert vectorised > 0 and loop > 0 and ratio == pytest.approx(loop / vectorised)


class TestPlotsAndWidget:
    def test_risk_matrix_colours_follow_the_bands(self):
        from pmo_lessons import plots

        risks = pd.DataFrame({"id": ["R1", "R2", "R3"], "probability": [5, 1, 3],
                              "impact": [5, 1, 3]})
        fig = plots.risk_matrix(risks)
        ax = fig.axes[0]
        assert 25 == len(ax.patches)
        texts = sorted(t.get_text() for t in ax.texts)
        assert ["1\nR1", "1\nR2", "1\nR3"] == texts
        colours = {p.get_facecolor()[:3] for p in ax.patches}
        assert 3 == len(colours)  # low, medium, high

    def test_finish_distribution_marks_plan_and_percentiles(self):
        from pmo_lessons import plots

        result = monte_carlo(single(2, 3, 8), 2000, seed=1)
        lines = plots.finish_distribution(result).axes[0].get_lines()
        xs = [line.get_xdata()[0] for line in lines]
        assert [3, pytest.approx(result.percentile(50)), pytest.approx(result.percentile(80))] == xs

    def test_decision_tree_shows_every_emv(self):
        from pmo_lessons import plots

        texts = {t.get_text() for t in plots.decision_tree(PMBOK_TREE).axes[0].texts}
        assert {"EMV 46", "EMV 36", "80", "-30", "70", "10"} <= texts

    def test_explorer_reacts_and_refuses_estimates_out_of_order(self):
        from pmo_lessons.widgets import RiskExplorer

        tasks = three_point([("A", "", 2, 3, 6), ("B", "A", 3, 4, 9)])
        events = pd.DataFrame({"id": ["R1"], "task_id": ["B"], "probability": [0.5], "delay": [5]})
        explorer = RiskExplorer(tasks, risks=events, iterations=3000, seed=1, chart=False)
        start = explorer.p80
        explorer.set_probability("R1", 0.0)
        assert explorer.p80 < start
        explorer.set_estimate("A", most_likely=10)  # above the pessimistic 6
        assert "optimistic <= most_likely <= pessimistic" in explorer.error
        assert 3 == explorer.tasks.set_index("id").at["A", "most_likely"]
        explorer.reset()
        assert start == explorer.p80
