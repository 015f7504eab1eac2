"""Tests of pmo_lessons.quality: process behaviour charts (XmR).

About the sources. The chart is D. J. Wheeler's: *Understanding Variation: The Key to Managing
Chaos*, 2nd ed. (SPC Press, 2000), chapter 3 ("Computing Limits for an XmR Chart") and the
appendix "XmR Charts Using the Average Moving Range", which rounds the factors to 2.66 and 3.27;
*Making Sense of Data* (SPC Press, 2003), Tables 8.1, 9.1, 9.2, Figure 9.9 and the data set for
checking software (p. 382), worked with 2.660 and 3.268. Limits: centre +- 2.660 x average moving range,
URL = 3.268 x average moving range. Detection rules: a point beyond a limit; three out of four
successive values closer to the same limit than to the centre line; eight successive values on
one side of the centre line.

We could not open the books themselves. The published data and figures used below were taken
from two transcriptions, named in each test: the tests of the statprocon project
(M. McCormick, github.com/mattmccormick/statprocon, tests/test_xmr.py), which gives the table or
figure and page of *Making Sense of Data* for each data set, and C. Chin, "How to Plot an XmR
Chart" (Commoncog, xmrit.com/articles/plot-xmr-chart-instructions/), which works Wheeler's
in-process inventory example. Every figure was recomputed here by hand (the arithmetic is in
the comments); where a published figure comes from rounded intermediate values, the test says
so and by how much it differs. The detection rules are pinned by hand-made series, each with
a case where the rule fires and cases where it must not.
"""

import math
import subprocess
import sys

import numpy as np
import pandas as pd
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from pmo_lessons.errors import InputError
from pmo_lessons.quality import (
    BEYOND_LIMITS,
    LIMITS,
    MIN_POINTS,
    NATURAL_PROCESS_LIMIT_FACTOR,
    NEAR_A_LIMIT,
    ONE_SIDE,
    RANGE_ABOVE_LIMIT,
    SIGNALS,
    UPPER_RANGE_LIMIT_FACTOR,
    XMR_COLUMNS,
    QualityError,
    xmr,
    xmr_limits,
)
from tests.strategies import pareto_counts, xmr_series

# Wheeler, *Making Sense of Data* (2003), p. 382, "Data Set to Use When Verifying Software",
# as transcribed by statprocon (tests/test_xmr.py, test_verifying_software). The spctools_py
# project gives the same 16 values as Wheeler and Chambers, *Understanding Statistical Process
# Control*, 3rd ed. (2010), p. 386.
SOFTWARE_CHECK = [5045, 4350, 4350, 3975, 4290, 4430, 4485, 4285,
                  3980, 3925, 3645, 3760, 3300, 3685, 3463, 5200]

# Wheeler, *Making Sense of Data*, Table 9.2, accounts receivable as a percentage of sales,
# years one and two (statprocon, test_rule_1_points_beyond_both_limits).
ACCOUNTS_RECEIVABLE = [55.6, 54.7, 54.9, 54.8, 56.9, 55.7, 53.8, 54.8, 53.4, 57.0, 59.4, 63.2,
                       60.9, 60.7, 58.6, 57.3, 56.9, 58.1, 58.3, 50.9, 53.3, 52.5, 50.8, 52.9]

# The hand-made baseline of the rule tests: mean 11, every moving range 2, so
# UNPL = 11 + 2.660 x 2 = 16.32, LNPL = 5.68, URL = 3.268 x 2 = 6.536;
# halfway lines 11 +- 2.66 = 13.66 and 8.34.
BASELINE = [10, 12, 10, 12, 10, 12, 10, 12]


BASELINE_POINTS = len(BASELINE)


def signals(values, baseline=BASELINE_POINTS):
    """The signal column as a list, for readable assertions."""
    return xmr(values, baseline=baseline)["signal"].tolist()


def after_baseline(values):
    """The signals of ``values`` appended to BASELINE, judged on the baseline's limits."""
    return signals(BASELINE + values)[len(BASELINE):]


# --- published worked examples ---------------------------------------------------------


class TestWheelerPublished:
    def test_software_check_data_set(self):
        # Making Sense of Data, p. 382 (statprocon's transcription): moving ranges 695, 0, 375,
        # 315, 140, 55, 200, 305, 55, 280, 115, 460, 385, 222, 1737 (sum 5,339); average
        # 66,168 / 16 = 4,135.50; average moving range 5,339 / 15 = 355.933; UNPL = 4,135.50 +
        # 2.660 x 355.933 = 5,082.28; LNPL = 3,188.72; URL = 3.268 x 355.933 = 1,163.19.
        limits = xmr_limits(SOFTWARE_CHECK)
        assert list(LIMITS) == limits.index.tolist()
        assert 4135.50 == pytest.approx(limits["centre"], abs=0.005)
        assert 355.93 == pytest.approx(limits["average_moving_range"], abs=0.005)
        assert 5082.28 == pytest.approx(limits["unpl"], abs=0.005)
        assert 3188.72 == pytest.approx(limits["lnpl"], abs=0.005)
        assert 1163.19 == pytest.approx(limits["url"], abs=0.005)
        chart = xmr(SOFTWARE_CHECK)
        assert [695, 0, 375, 315, 140, 55, 200, 305, 55, 280, 115, 460, 385, 222, 1737] == \
            chart["moving_range"].iloc[1:].tolist()
        assert math.isnan(chart["moving_range"].iloc[0])

    def test_published_url_pins_the_factor_3_268(self):
        # 1,163.19 is 3.268 x 355.933 (1,163.19); 3.27 would give 1,163.90 and the 3.267 of
        # the ASTM tables 1,162.83: the published figure fixes Wheeler's three decimals.
        assert 3.268 == UPPER_RANGE_LIMIT_FACTOR and 2.660 == NATURAL_PROCESS_LIMIT_FACTOR
        average_range = 5339 / 15
        assert 1163.19 == pytest.approx(3.268 * average_range, abs=0.005)
        assert 1163.19 != pytest.approx(3.27 * average_range, abs=0.5)
        assert 1163.19 != pytest.approx(3.267 * average_range, abs=0.3)

    def test_software_check_signals(self):
        # Against 3,188.72 .. 5,082.28 only the last value (5,200) is beyond a limit and its
        # moving range (1,737) is above the URL (1,163.19). By hand, nothing else: halfway
        # lines 4,608.9 and 3,662.1; no four successive values hold three below 3,662.1
        # (3,645, 3,300 and 3,463 are never three in one window of four) and points 9 to 15
        # are seven in a row below the centre, one short of a run.
        chart = xmr(SOFTWARE_CHECK)
        assert [""] * 15 + [BEYOND_LIMITS] == chart["signal"].tolist()
        assert [""] * 15 + [RANGE_ABOVE_LIMIT] == chart["range_signal"].tolist()

    def test_peak_flow_rates_figure_9_9(self):
        # Making Sense of Data, Figure 9.9, p. 130, AM premedication peak flow rates, days 1-18
        # (statprocon, test_peak_flow_rates). Sum 3,295, average 183.06 (published 183.1);
        # moving ranges sum to 890 over 17, 52.35 (published 52.4). The book's limits, 322.5,
        # 43.7 and 171.3, come from the rounded 183.1 and 52.4 (183.1 + 2.66 x 52.4 = 322.48);
        # from the unrounded values they are 322.31, 43.80 and 171.09: within 0.25 of the book.
        flow = [120, 140, 100, 150, 260, 150, 100, 120, 300, 300, 275, 300, 140, 170, 150,
                150, 190, 180]
        limits = xmr_limits(flow)
        assert 183.1 == pytest.approx(limits["centre"], abs=0.05)
        assert 52.4 == pytest.approx(limits["average_moving_range"], abs=0.05)
        assert 322.31 == pytest.approx(limits["unpl"], abs=0.005)
        assert 43.80 == pytest.approx(limits["lnpl"], abs=0.005)
        assert 171.09 == pytest.approx(limits["url"], abs=0.005)
        for published, key in ((322.5, "unpl"), (43.7, "lnpl"), (171.3, "url")):
            assert published == pytest.approx(limits[key], abs=0.25)
        # Days 9 to 12 (300, 300, 275, 300) are all above the halfway line 183.06 + 69.63 =
        # 252.69: three (here four) out of four near the upper limit, none beyond it.
        assert [""] * 8 + [NEAR_A_LIMIT] * 4 + [""] * 6 == xmr(flow)["signal"].tolist()

    def test_accident_rates_table_9_1(self):
        # Making Sense of Data, Table 9.1 (statprocon, test_rule_1_*): group A, 12 values, sum
        # 417, average 34.75, moving ranges sum 38 over 11 = 3.4545, limits 34.75 -+ 9.189 =
        # 25.56 .. 43.94 (published 25.6 and 43.9). Group B judged on A's limits: its values
        # 8, 9, 11 and 12 (22, 25, 24, 19) are below 25.56.
        group_a = [43, 40, 37, 33, 30, 33, 34, 35, 29, 33, 31, 39]
        group_b = [35, 37, 33, 32, 27, 29, 31, 22, 25, 30, 24, 19]
        limits = xmr_limits(group_a)
        assert 25.6 == pytest.approx(limits["lnpl"], abs=0.05)
        assert 43.9 == pytest.approx(limits["unpl"], abs=0.05)
        chart = xmr(group_a + group_b, baseline=12)
        beyond = chart.index[chart["signal"] == BEYOND_LIMITS].tolist()
        assert [20, 21, 23, 24] == beyond
        # Group B's own limits (published 18.0 and 39.3): sum 344, average 28.667, moving
        # ranges 44 / 11 = 4.0, 28.667 -+ 10.64 = 18.03 .. 39.31.
        own = xmr_limits(group_b)
        assert 18.0 == pytest.approx(own["lnpl"], abs=0.05)
        assert 39.3 == pytest.approx(own["unpl"], abs=0.05)

    def test_accounts_receivable_table_9_2_year_one_as_baseline(self):
        # Making Sense of Data, Table 9.2 (statprocon, test_rule_1_*: upper limit 60.7; the
        # book marks 60.7, point 14, as outside). Year one as the baseline: sum 674.2, average
        # 56.183; moving ranges sum 18.6 over 11 = 1.6909; UNPL = 56.183 + 4.498 = 60.681
        # (60.7 published), LNPL = 51.686, URL = 5.526. Halfway lines 58.43 and 53.93.
        limits = xmr_limits(ACCOUNTS_RECEIVABLE, baseline=12)
        assert 60.7 == pytest.approx(limits["unpl"], abs=0.05)
        assert 56.183 == pytest.approx(limits["centre"], abs=0.0005)
        assert 1.6909 == pytest.approx(limits["average_moving_range"], abs=0.00005)
        chart = xmr(ACCOUNTS_RECEIVABLE, baseline=12)
        # By hand, point by point:
        #  1-9    inside, no run (9 is below the centre, 5 above, the rest below);
        #  10     57.0: first of ten in a row above 56.183 (points 10-19): 8 on one side;
        #  11     59.4: above 58.43, in the window 11-14 with 63.2, 60.9, 60.7: 3 of 4 near;
        #  12-14  63.2, 60.9, 60.7: above 60.681, beyond limits (60.7 by 0.02, as the book);
        #  15     58.6: above 58.43 in the window 12-15: 3 of 4 near;
        #  16-19  57.3, 56.9, 58.1, 58.3: below the halfway line, in the run: 8 on one side;
        #  20, 23 50.9, 50.8: below 51.686, beyond limits; point 20 jumps 7.4 > URL 5.526;
        #  21, 22, 24  53.3, 52.5, 52.9: below 53.93 with 20 and 23: 3 of 4 near.
        expected = ([""] * 9 + [ONE_SIDE, NEAR_A_LIMIT] + [BEYOND_LIMITS] * 3 + [NEAR_A_LIMIT]
                    + [ONE_SIDE] * 4 + [BEYOND_LIMITS, NEAR_A_LIMIT, NEAR_A_LIMIT, BEYOND_LIMITS,
                                        NEAR_A_LIMIT])
        assert expected == chart["signal"].tolist()
        assert [20] == chart.index[chart["range_signal"] == RANGE_ABOVE_LIMIT].tolist()
        assert chart["in_baseline"].tolist() == [True] * 12 + [False] * 12

    def test_smokers_table_8_1_run_below_the_centre(self):
        # Making Sense of Data, Table 8.1, percentage of high-school seniors who smoke daily
        # (statprocon, test_rule_2: the last eight values are a run). Sum 269.8, average
        # 19.271; the last eight (18.7 ... 19.0) are all below it: 8 on one side. By hand also:
        # average moving range 11.1 / 13 = 0.8538, upper halfway line 19.271 + 1.136 = 20.41;
        # 21.3, 20.9 and 21.0 (values 1, 3, 4) are above it: 3 of 4 near the upper limit.
        smokers = [21.3, 20.2, 20.9, 21.0, 18.8, 19.6, 18.7, 18.6, 18.1, 18.9, 19.2, 18.2,
                   17.3, 19.0]
        assert ([NEAR_A_LIMIT, "", NEAR_A_LIMIT, NEAR_A_LIMIT, "", ""] + [ONE_SIDE] * 8
                == xmr(smokers)["signal"].tolist())

    def test_in_process_inventory(self):
        # Wheeler's in-process inventory (100s of pounds), worked in C. Chin, "How to Plot an
        # XmR Chart" (xmrit.com): 31 months, sum 632, average 20.39; moving ranges sum 141 over
        # 30 = 4.7; UNPL = 20.39 + 2.66 x 4.7 = 32.89, LNPL = 7.89, URL = 3.268 x 4.7 = 15.36.
        inventory = [19, 27, 20, 16, 18, 25, 22, 24, 17, 25, 15, 17,
                     20, 22, 19, 16, 22, 19, 25, 22, 18, 20, 16, 17,
                     20, 15, 27, 25, 17, 19, 28]
        limits = xmr_limits(inventory)
        assert 20.39 == pytest.approx(limits["centre"], abs=0.005)
        assert 4.7 == pytest.approx(limits["average_moving_range"])
        assert 32.89 == pytest.approx(limits["unpl"], abs=0.005)
        assert 7.89 == pytest.approx(limits["lnpl"], abs=0.01)
        assert 15.36 == pytest.approx(limits["url"], abs=0.005)
        assert set(xmr(inventory)["signal"]) == {""}


# --- the chart's table ------------------------------------------------------------------


class TestChartTable:
    def test_columns_exactly(self):
        chart = xmr(BASELINE)
        assert ["value", "moving_range", "centre", "unpl", "lnpl", "url", "signal"] == \
            chart.columns[:7].tolist()
        assert list(XMR_COLUMNS) == chart.columns.tolist()

    def test_signal_strings_are_stable(self):
        # Other modules and lessons compare against these strings: they are part of the API.
        assert ("beyond limits", "3 of 4 near a limit", "8 on one side") == SIGNALS
        assert "range above limit" == RANGE_ABOVE_LIMIT

    def test_limits_on_every_row_and_equal_to_xmr_limits(self):
        chart = xmr(BASELINE + [13, 9])
        limits = xmr_limits(BASELINE + [13, 9])
        for key in ("centre", "unpl", "lnpl", "url"):
            assert {limits[key]} == set(chart[key])

    def test_hand_made_limits(self):
        # BASELINE: mean 88 / 8 = 11, seven moving ranges of 2; 11 +- 5.32; URL 6.536.
        assert [11, 2, 16.32, 5.68, 6.536] == pytest.approx(xmr_limits(BASELINE).tolist())

    def test_a_list_is_numbered_from_1(self):
        chart = xmr(BASELINE)
        assert list(range(1, 9)) == chart.index.tolist()
        assert "point" == chart.index.name

    def test_a_series_keeps_its_index(self):
        weeks = pd.Index([f"2026-W{w:02d}" for w in range(1, 9)], name="week")
        chart = xmr(pd.Series(BASELINE, index=weeks))
        assert weeks.equals(chart.index)

    def test_values_are_floats_and_input_untouched(self):
        values = pd.Series(BASELINE)
        chart = xmr(values)
        assert chart["value"].dtype == float
        assert BASELINE == values.tolist()

    def test_numpy_and_nullable_integers(self):
        assert xmr(np.array(BASELINE))["value"].tolist() == BASELINE
        assert xmr(pd.Series(BASELINE, dtype="Int64"))["value"].tolist() == BASELINE


# --- the detection rules, on hand-made series ---------------------------------------------


class TestBeyondLimits:
    def test_above_the_upper_limit(self):
        assert [BEYOND_LIMITS] == after_baseline([17])  # 17 > 16.32

    def test_below_the_lower_limit(self):
        assert [BEYOND_LIMITS] == after_baseline([5])  # 5 < 5.68

    def test_just_inside_is_no_signal(self):
        assert [""] == after_baseline([16.3])
        assert [""] == after_baseline([5.7])

    def test_a_point_on_the_limit_is_not_beyond_it(self):
        # 11 + 2.660 x 2 = 16.32 in decimals; in floating point the sum may land a hair either
        # side: a point on the line is not a signal either way.
        assert [""] == after_baseline([16.32])
        assert [""] == after_baseline([5.68])

    def test_a_single_point_inside_the_limits_is_noise(self):
        # The classic mistake: react to the worst week. 16 is the highest value so far and
        # 33 % above the centre, yet inside the limits and alone near them: no signal.
        assert [""] == after_baseline([16])


class TestThreeOfFourNearALimit:
    def test_three_of_four_above_the_halfway_line(self):
        # Halfway line 13.66: 14, 11, 14, 14 holds three above it; 11 is on the centre.
        assert [NEAR_A_LIMIT, "", NEAR_A_LIMIT, NEAR_A_LIMIT] == after_baseline([14, 11, 14, 14])

    def test_three_of_four_below_the_halfway_line(self):
        # Lower halfway line 8.34.
        assert [NEAR_A_LIMIT, NEAR_A_LIMIT, "", NEAR_A_LIMIT] == after_baseline([8, 8, 11, 8])

    def test_four_of_four(self):
        assert [NEAR_A_LIMIT] * 4 == after_baseline([14, 14, 14, 14])

    def test_two_of_four_is_no_signal(self):
        assert [""] * 4 == after_baseline([14, 11, 11, 14])

    def test_three_near_but_not_within_four_successive(self):
        # 14 _ _ 14 14: windows of four hold two near points each.
        assert [""] * 5 == after_baseline([14, 11, 11, 14, 14])

    def test_near_points_on_opposite_sides_do_not_add_up(self):
        # Two near the upper limit, one near the lower: not three on the same side.
        assert [""] * 4 == after_baseline([14, 8, 14, 11])

    def test_on_the_halfway_line_is_not_near(self):
        # 13.66 is exactly halfway: not closer to the limit than to the centre.
        assert [""] * 4 == after_baseline([13.66, 13.66, 13.66, 11])

    def test_a_point_beyond_the_limit_counts_as_near_and_keeps_its_own_signal(self):
        # 14, 17, 14: three near (17 is beyond, hence nearer the limit than the centre).
        assert [NEAR_A_LIMIT, BEYOND_LIMITS, NEAR_A_LIMIT, ""] == after_baseline([14, 17, 14, 11])


class TestEightOnOneSide:
    def test_eight_above(self):
        assert [ONE_SIDE] * 8 + [""] == after_baseline([12] * 8 + [10])

    def test_eight_below(self):
        assert [ONE_SIDE] * 8 == after_baseline([10] * 8)

    def test_a_longer_run_is_marked_whole(self):
        assert [ONE_SIDE] * 11 == after_baseline([12] * 11)

    def test_seven_is_no_signal(self):
        # The baseline ends on a 12: a 10 first, so that the run above is seven long.
        assert [""] * 9 == after_baseline([10] + [12] * 7 + [10])

    def test_a_point_on_the_centre_line_ends_the_run(self):
        assert [""] * 9 == after_baseline([12] * 4 + [11] + [12] * 4)

    def test_a_run_across_the_end_of_the_baseline(self):
        # The last baseline value (12) and seven more above: eight in a row.
        chart = xmr(BASELINE + [12] * 7, baseline=8)
        assert [""] * 7 + [ONE_SIDE] * 8 == chart["signal"].tolist()

    def test_the_beyond_limits_rule_comes_first(self):
        # 12 x 4, 17, 12 x 3: eight above the centre; 17 is beyond the limit too.
        assert [ONE_SIDE] * 4 + [BEYOND_LIMITS] + [ONE_SIDE] * 3 == \
            after_baseline([12] * 4 + [17] + [12] * 3)

    def test_near_a_limit_comes_before_the_run(self):
        # 14, 14, 14 inside a run of eight above: near a limit wins for those three.
        assert [ONE_SIDE] * 5 + [NEAR_A_LIMIT] * 3 == after_baseline([12] * 5 + [14] * 3)


class TestRangeSignal:
    def test_a_jump_above_the_url(self):
        # 12 then 5: moving range 7 > URL 6.536 (and 5 is below the LNPL).
        chart = xmr(BASELINE + [5], baseline=8)
        assert RANGE_ABOVE_LIMIT == chart["range_signal"].iloc[-1]
        assert [""] * 8 == chart["range_signal"].iloc[:-1].tolist()

    def test_a_jump_below_the_url(self):
        chart = xmr(BASELINE + [6], baseline=8)  # range 6 < 6.536
        assert "" == chart["range_signal"].iloc[-1]


# --- limits from a baseline ----------------------------------------------------------------


class TestBaseline:
    def test_limits_come_from_the_first_points_only(self):
        values = BASELINE + [20, 1, 20]
        assert xmr_limits(BASELINE).equals(xmr_limits(values, baseline=8))

    def test_moving_a_later_point_leaves_the_limits(self):
        first = xmr(BASELINE + [13], baseline=8)
        second = xmr(BASELINE + [30], baseline=8)
        assert first[["centre", "unpl", "lnpl", "url"]].equals(second[["centre", "unpl", "lnpl", "url"]])
        assert ["", BEYOND_LIMITS] == [first["signal"].iloc[-1], second["signal"].iloc[-1]]

    def test_moving_a_baseline_point_moves_the_limits(self):
        changed = list(BASELINE)
        changed[3] = 16  # moving ranges 2, 2, 6, 6, 2, 2, 2: average 22 / 7; mean 92 / 8
        limits = xmr_limits(changed)
        assert 11.5 == pytest.approx(limits["centre"])
        assert 22 / 7 == pytest.approx(limits["average_moving_range"])

    def test_no_baseline_is_every_point(self):
        values = BASELINE + [14, 9]
        assert xmr(values).equals(xmr(values, baseline=len(values)))
        assert xmr(values)["in_baseline"].all()

    def test_the_point_an_outlier_hides_in_its_own_limits(self):
        # From all nine points the 17 raises the average (105 / 9 = 11.667) and the average
        # moving range (19 / 8 = 2.375): UNPL 11.667 + 6.318 = 17.98, and 17 is inside.
        assert "" == signals(BASELINE + [17], baseline=None)[-1]
        assert BEYOND_LIMITS == signals(BASELINE + [17], baseline=8)[-1]


# --- bad input -----------------------------------------------------------------------------


class TestBadInput:
    @pytest.mark.parametrize("values", [[], [3], [3, 4, 5, 6]])
    def test_too_few_points(self, values):
        with pytest.raises(QualityError, match=f"at least {MIN_POINTS} values.*it has {len(values)}"):
            xmr(values)
        with pytest.raises(QualityError, match=f"at least {MIN_POINTS} values"):
            xmr_limits(values)

    def test_five_points_are_enough(self):
        assert 5 == len(xmr([3, 4, 5, 6, 3]))

    def test_text_names_its_point(self):
        with pytest.raises(QualityError, match=r"point 3 is the text 'twelve', not a number"):
            xmr([10, 12, "twelve", 12, 10, 12])

    def test_a_number_written_as_text_is_still_text(self):
        with pytest.raises(QualityError, match=r"point 2 is the text '12'"):
            xmr_limits([10, "12", 10, 12, 10, 12])

    def test_a_series_names_the_label(self):
        weeks = pd.Index([f"W{w}" for w in range(1, 7)], name="week")
        values = pd.Series([10, 12, 10, None, 10, 12], index=weeks, dtype=object)
        with pytest.raises(QualityError, match=r"point 4 \(week 'W4'\) is missing"):
            xmr(values)

    @pytest.mark.parametrize("missing", [None, float("nan"), np.nan, pd.NA])
    def test_missing_values(self, missing):
        with pytest.raises(QualityError, match="point 2 is missing"):
            xmr([10, missing, 10, 12, 10, 12])

    def test_infinite(self):
        with pytest.raises(QualityError, match="point 6 is infinite"):
            xmr([10, 12, 10, 12, 10, float("inf")])

    @pytest.mark.parametrize("odd", [True, [1], {"a": 1}, object()])
    def test_other_non_numbers(self, odd):
        with pytest.raises(QualityError, match="point 1 is .*not a number"):
            xmr([odd, 12, 10, 12, 10, 12])

    def test_a_table_is_not_a_series(self):
        with pytest.raises(QualityError, match="not a table: pass one column"):
            xmr(pd.DataFrame({"defects": BASELINE, "week": range(8)}))

    def test_a_two_dimensional_array(self):
        with pytest.raises(QualityError, match="shape"):
            xmr(np.array(BASELINE).reshape(2, 4))

    @pytest.mark.parametrize("values", [12, "10 12 10 12 10", None])
    def test_not_a_series_at_all(self, values):
        with pytest.raises(QualityError, match="a series of values in time order"):
            xmr(values)

    @pytest.mark.parametrize("baseline", [4, 0, -1, 9])
    def test_baseline_out_of_range(self, baseline):
        with pytest.raises(QualityError, match=f"baseline is {baseline}: it must be from 5 .* to 8"):
            xmr(BASELINE, baseline=baseline)

    @pytest.mark.parametrize("baseline", [5.0, "8", True])
    def test_baseline_not_a_whole_number(self, baseline):
        with pytest.raises(QualityError, match="baseline must be a whole number of points"):
            xmr_limits(BASELINE, baseline=baseline)

    def test_a_flat_baseline_has_no_limits(self):
        with pytest.raises(QualityError, match="all equal .*average moving range is 0"):
            xmr([7, 7, 7, 7, 7, 9, 3], baseline=5)

    def test_errors_are_input_errors(self):
        assert issubclass(QualityError, InputError) and issubclass(QualityError, ValueError)


# --- invariants ------------------------------------------------------------------------------


class TestProperties:
    @given(xmr_series())
    @settings(max_examples=150, deadline=None)
    def test_limits_are_the_scaled_average_moving_range(self, values):
        limits = xmr_limits(values)
        spread = 2.660 * limits["average_moving_range"]
        assert limits["unpl"] - limits["centre"] == pytest.approx(spread)
        assert limits["centre"] - limits["lnpl"] == pytest.approx(spread)
        assert limits["url"] == pytest.approx(3.268 * limits["average_moving_range"])
        assert limits["centre"] == pytest.approx(float(np.mean(values)))
        assert limits["average_moving_range"] == pytest.approx(float(np.mean(np.abs(np.diff(values)))))

    @given(xmr_series())
    @settings(max_examples=150, deadline=None)
    def test_beyond_limits_exactly_outside_the_limits(self, values):
        chart = xmr(values)
        outside = (chart["value"] > chart["unpl"] + 1e-6) | (chart["value"] < chart["lnpl"] - 1e-6)
        assert set(chart["signal"]) <= set(SIGNALS) | {""}
        assert outside.tolist() == (chart["signal"] == BEYOND_LIMITS).tolist()

    @given(xmr_series(), st.integers(min_value=-1000, max_value=1000), st.integers(1, 9))
    @settings(max_examples=150, deadline=None)
    def test_signals_do_not_depend_on_units_or_origin(self, values, shift, scale):
        moved = [scale * v + shift for v in values]
        assert xmr(values)["signal"].tolist() == xmr(moved)["signal"].tolist()
        assert xmr(values)["range_signal"].tolist() == xmr(moved)["range_signal"].tolist()

    @given(xmr_series())
    @settings(max_examples=150, deadline=None)
    def test_reversed_time_reverses_the_signals(self, values):
        # Limits from every point do not depend on the order; the three rules read the same
        # backwards (windows and runs are symmetric).
        forward = xmr(values)["signal"].tolist()
        backward = xmr(values[::-1])["signal"].tolist()
        assert forward == backward[::-1]

    @given(xmr_series(min_size=10), st.data())
    @settings(max_examples=100, deadline=None)
    def test_points_after_the_baseline_never_move_the_limits(self, values, data):
        baseline = data.draw(st.integers(min_value=MIN_POINTS, max_value=len(values) - 1))
        assume(len(set(values[:baseline])) > 1)  # a flat baseline has no limits (tested above)
        later = data.draw(st.lists(st.integers(0, 60), min_size=len(values) - baseline,
                                   max_size=len(values) - baseline))
        changed = values[:baseline] + later
        assert xmr_limits(values, baseline=baseline).equals(xmr_limits(changed, baseline=baseline))


def test_the_module_never_imports_plotting():
    code = ("import sys, pmo_lessons.quality; "
            "bad = [m for m in ('matplotlib', 'ipywidgets') if m in sys.modules]; "
            "print(bad); sys.exit(1 if bad else 0)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert 0 == result.returncode, result.stdout + result.stderr


# =========================================================================================
# The rest of the module: weekly series, Pareto, cost of quality, deliverable measures and
# the health check. No published worked example fits the company's data; each figure is
# worked by hand in the comment or recomputed from the raw CSV files with the csv module
# (independently of pandas and of the functions under test).
# =========================================================================================

import csv  # noqa: E402
from collections import Counter  # noqa: E402
from pathlib import Path  # noqa: E402

from pmo_lessons import data  # noqa: E402
from pmo_lessons.quality import (  # noqa: E402
    ANSWER_SCORES,
    COST_CATEGORIES,
    HEALTH_CHECK,
    HEALTH_DIMENSIONS,
    HEALTH_THRESHOLDS,
    VITAL_FEW_SHARE,
    acceptance_rate,
    cost_of_quality,
    defect_density,
    defect_removal_efficiency,
    defect_trend,
    deliverable_quality,
    first_pass_yield,
    health_check,
    health_findings,
    pareto,
    portfolio_health,
    weekly_defects,
)

DATASETS = Path(__file__).resolve().parent.parent / "datasets"


def raw(name):
    """A dataset's rows as dicts of text, read with the csv module."""
    with open(DATASETS / f"{name}.csv", encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


class TestWeeklyDefects:
    LOG = pd.DataFrame({"project": ["A", "A", "A", "A", "B"], "week": [2, 2, 5, 3, 1],
                        "phase_found": ["build", "build", "system test", "build", "build"]})

    def test_counts_and_fills_the_weeks_between(self):
        assert {2: 2, 3: 1, 4: 0, 5: 1} == weekly_defects(self.LOG, "A").to_dict()

    def test_weeks_given(self):
        assert [0, 2, 1, 0, 1, 0] == weekly_defects(self.LOG, "A", weeks=range(1, 7)).tolist()

    def test_one_phase(self):
        assert {2: 0, 3: 0, 4: 0, 5: 1} == weekly_defects(self.LOG, "A", weeks=range(2, 6),
                                                          phases="system test").to_dict()

    def test_unknown_project(self):
        with pytest.raises(QualityError, match="no defect of project 'Z'; its projects: A, B"):
            weekly_defects(self.LOG, "Z")

    def test_not_a_log(self):
        with pytest.raises(InputError, match="the defect log has no column 'week'"):
            weekly_defects(pd.DataFrame({"project": ["A"]}), "A")

    def test_the_erp_series_is_the_story_of_the_data_dictionary(self):
        # Counted from the raw CSV: weeks 16-27 (build) about 11 a week, 28-33 higher, SIT 34-37.
        counts = Counter(int(row["week"]) for row in raw("defects") if row["project"] == "ERP")
        expected = [counts.get(week, 0) for week in range(16, 38)]
        assert [9, 12, 8, 11, 14, 10, 9, 13, 11, 8, 12, 10, 14, 13, 16, 15, 17, 14,
                24, 31, 27, 23] == expected
        assert expected == weekly_defects(data.load_defects(), "ERP", weeks=range(16, 38)).tolist()


class TestDefectTrend:
    def test_hand_made(self):
        # Week 1 (to Fri 9 Jan): 2 found (one critical), none closed -> 2 open, 1 critical.
        # Week 2 (to Fri 16 Jan): 1 found (critical), the first closed on 13 Jan -> 2 open,
        # 1 critical (the new one).
        log = pd.DataFrame({"project": ["A"] * 3, "week": [1, 1, 2], "severity": [1, 3, 1],
                            "date_found": pd.to_datetime(["2026-01-05", "2026-01-06", "2026-01-12"]),
                            "date_closed": pd.to_datetime(["2026-01-13", None, None])})
        weeks = pd.DataFrame({"project": ["A", "A"], "week": [1, 2],
                              "status_date": pd.to_datetime(["2026-01-09", "2026-01-16"])})
        trend = defect_trend(log, weeks, "A")
        assert [2, 1] == trend["found"].tolist()
        assert [0, 1] == trend["closed"].tolist()
        assert [2, 2] == trend["open"].tolist()
        assert [1, 1] == trend["open_critical"].tolist()

    def test_closed_on_the_friday_counts_that_week(self):
        log = pd.DataFrame({"project": ["A"], "week": [1], "severity": [2],
                            "date_found": pd.to_datetime(["2026-01-05"]),
                            "date_closed": pd.to_datetime(["2026-01-09"])})
        weeks = pd.DataFrame({"project": ["A"], "week": [1],
                              "status_date": pd.to_datetime(["2026-01-09"])})
        assert [1, 0] == defect_trend(log, weeks, "A")[["closed", "open"]].iloc[0].tolist()

    def test_erp_on_the_status_date(self):
        # From the raw CSV: open = status "open"; critical = severity 1.
        rows = [row for row in raw("defects") if row["project"] == "ERP"]
        open_rows = [row for row in rows if row["status"] == "open"]
        trend = defect_trend(data.load_defects(), data.load_status(), "ERP")
        assert len(open_rows) == trend["open"].iloc[-1] == 97
        assert sum(row["severity"] == "1" for row in open_rows) == trend["open_critical"].iloc[-1] == 4
        assert len(rows) == trend["found"].sum()
        assert len(rows) - len(open_rows) == trend["closed"].sum()

    def test_no_status_for_the_project(self):
        log = pd.DataFrame({"project": ["A"], "week": [1], "severity": [2],
                            "date_found": [pd.Timestamp("2026-01-05")], "date_closed": [pd.NaT]})
        with pytest.raises(QualityError, match="no week of project 'A'"):
            defect_trend(log, pd.DataFrame({"project": [], "week": [], "status_date": []}), "A")


class TestPareto:
    def test_hand_made(self):
        # 50 + 30 + 12 + 8 = 100: shares 0.5, 0.3, 0.12, 0.08; cumulative 0.5, 0.8 (reached
        # exactly at the second: it is included, and the vital few stop there).
        table = pareto({"report": 12, "interface": 50, "other": 8, "data migration": 30})
        assert ["interface", "data migration", "report", "other"] == table.index.tolist()
        assert [50, 30, 12, 8] == table["count"].tolist()
        assert [0.5, 0.3, 0.12, 0.08] == pytest.approx(table["share"].tolist())
        assert [0.5, 0.8, 0.92, 1.0] == pytest.approx(table["cumulative_share"].tolist())
        assert [True, True, False, False] == table["vital_few"].tolist()
        assert "category" == table.index.name

    def test_just_below_80_takes_one_more(self):
        # 50 + 29 = 79 of 100: below 80 %, so the third (12, cumulative 91 %) is in the vital
        # few. Stopping at two is the classic off-by-one.
        table = pareto({"a": 50, "b": 29, "c": 12, "d": 9})
        assert ["a", "b", "c"] == table.index[table["vital_few"]].tolist()

    def test_the_first_category_alone(self):
        assert [True, False, False] == pareto({"a": 85, "b": 10, "c": 5})["vital_few"].tolist()

    def test_ties_are_sorted_by_name(self):
        assert ["alpha", "beta", "gamma"] == pareto({"gamma": 5, "beta": 5, "alpha": 5}).index.tolist()

    def test_the_default_share_is_80_percent(self):
        assert 0.8 == VITAL_FEW_SHARE

    def test_other_threshold(self):
        table = pareto({"a": 50, "b": 30, "c": 12, "d": 8}, threshold=0.9)
        assert ["a", "b", "c"] == table.index[table["vital_few"]].tolist()
        assert [True, True] == pareto({"a": 1, "b": 1}, threshold=1)["vital_few"].tolist()

    def test_a_zero_category_is_listed_last_and_never_vital(self):
        table = pareto({"a": 8, "b": 0, "c": 2})
        assert ["a", "c", "b"] == table.index.tolist()
        assert not table.at["b", "vital_few"]

    def test_amounts_work_too(self):
        table = pareto({"rework": 1250.5, "hotfix": 249.5})
        assert [1250.5, 249.5] == table["count"].tolist()

    def test_erp_vital_few_recomputed_from_the_csv(self):
        counts = Counter(row["category"] for row in raw("defects") if row["project"] == "ERP")
        ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
        total, running, vital = sum(counts.values()), 0, []
        for category, count in ranked:
            vital.append(category)
            running += count
            if running >= 0.8 * total:
                break
        table = pareto(data.load_defects("ERP")["category"].value_counts())
        assert vital == table.index[table["vital_few"]].tolist()
        assert ["interface", "data migration", "configuration"] == vital

    @pytest.mark.parametrize("counts, message", [
        ({"a": 3, "b": -1}, r"The count of 'b' is negative \(-1\)"),
        ({"a": 3, "b": "many"}, r"The count of 'b' is the text 'many', not a number"),
        ({"a": 3, "b": None}, r"The count of 'b' is missing"),
        ({}, "at least one category"),
        ({"a": 0, "b": 0}, "Every count is 0"),
    ])
    def test_bad_counts(self, counts, message):
        with pytest.raises(QualityError, match=message):
            pareto(counts)

    def test_a_category_twice(self):
        with pytest.raises(QualityError, match="'interface' is given twice"):
            pareto(pd.Series([3, 4, 2], index=["interface", "report", "interface"]))

    def test_an_unnamed_category(self):
        with pytest.raises(QualityError, match="has no name"):
            pareto(pd.Series([3, 4], index=["interface", ""]))

    def test_a_table_or_a_list(self):
        with pytest.raises(QualityError, match="not a table"):
            pareto(pd.DataFrame({"category": ["a"], "count": [1]}))
        with pytest.raises(QualityError, match="not list"):
            pareto([1, 2])

    @pytest.mark.parametrize("threshold", [0, 1.5, -0.2, "80%", True])
    def test_bad_threshold(self, threshold):
        with pytest.raises(QualityError, match="threshold must be a share"):
            pareto({"a": 1}, threshold=threshold)

    @given(pareto_counts(), st.floats(min_value=0.05, max_value=1.0))
    @settings(max_examples=200, deadline=None)
    def test_the_vital_few_are_the_shortest_prefix_reaching_the_threshold(self, counts, threshold):
        if sum(counts.values()) == 0:
            return
        table = pareto(counts, threshold=threshold)
        vital = table["vital_few"].to_numpy()
        n = int(vital.sum())
        assert vital[:n].all() and not vital[n:].any()  # a prefix
        cumulative = table["count"].cumsum().to_numpy()
        total = cumulative[-1]
        assert cumulative[n - 1] >= threshold * total - 1e-9
        if n > 1:
            assert cumulative[n - 2] < threshold * total
        assert table["count"].is_monotonic_decreasing
        assert 1.0 == pytest.approx(table["cumulative_share"].iloc[-1])


class TestCostOfQuality:
    LINES = pd.DataFrame({"id": ["L1", "L2", "L3", "L4", "L5"],
                          "category": ["prevention", "appraisal", "Internal failure",
                                       "external_failure", "appraisal"],
                          "amount_eur": [10, 20, 40, 20, 10]})

    def test_hand_made(self):
        # prevention 10, appraisal 20 + 10 = 30, internal 40, external 20: total 100.
        table = cost_of_quality(self.LINES)
        assert list(COST_CATEGORIES) == table.index.tolist()
        assert [10, 30, 40, 20] == table["amount_eur"].tolist()
        assert [0.1, 0.3, 0.4, 0.2] == pytest.approx(table["share"].tolist())
        assert ["conformance", "conformance", "non-conformance", "non-conformance"] == \
            table["cost_of"].tolist()
        sides = cost_of_quality(self.LINES, by="conformance")
        assert ["conformance", "non-conformance"] == sides.index.tolist()
        assert [40, 60] == sides["amount_eur"].tolist()

    def test_appraisal_is_a_cost_of_conformance(self):
        # The classic mistake: testing finds defects, so it "feels" like failure. It is not.
        assert "conformance" == COST_CATEGORIES["appraisal"]
        only_tests = pd.DataFrame({"category": ["appraisal"], "amount_eur": [500]})
        assert 1.0 == cost_of_quality(only_tests, by="conformance").at["conformance", "share"]

    def test_missing_categories_show_as_zero(self):
        table = cost_of_quality(pd.DataFrame({"category": ["external failure"], "amount_eur": [5]}))
        assert [0, 0, 0, 5] == table["amount_eur"].tolist()

    def test_the_crm_recomputed_from_the_csv(self):
        totals = Counter()
        for row in raw("quality_costs"):
            if row["project"] == "CRM":
                totals[row["category"]] += float(row["amount_eur"])
        assert {"prevention": 31500, "appraisal": 61900, "internal failure": 34100,
                "external failure": 21300} == totals
        table = cost_of_quality(data.load_quality_costs("CRM"))
        assert [totals[c] for c in COST_CATEGORIES] == table["amount_eur"].tolist()
        sides = cost_of_quality(data.load_quality_costs("CRM"), by="conformance")
        assert 55400 / 148800 == pytest.approx(sides.at["non-conformance", "share"])

    def test_unknown_category_names_the_line(self):
        lines = self.LINES.assign(category=["prevention", "testing", "appraisal", "appraisal",
                                            "appraisal"])
        with pytest.raises(QualityError, match="Cost line L2: the category 'testing' is unknown"):
            cost_of_quality(lines)

    def test_a_line_without_id_is_named_by_its_row(self):
        lines = pd.DataFrame({"category": ["appraisal", "appraisal"], "amount_eur": [3, -2]})
        with pytest.raises(QualityError, match=r"Cost line row 2: amount_eur is negative \(-2\)"):
            cost_of_quality(lines)

    @pytest.mark.parametrize("amount, message", [(None, "missing"), ("a lot", "not a number")])
    def test_bad_amounts(self, amount, message):
        lines = pd.DataFrame({"id": ["Q1"], "category": ["appraisal"], "amount_eur": [amount]},
                             dtype=object)
        with pytest.raises(QualityError, match=f"Cost line Q1: amount_eur is .*{message}"):
            cost_of_quality(lines)

    def test_nothing_to_split(self):
        with pytest.raises(QualityError, match="add up to 0"):
            cost_of_quality(pd.DataFrame({"category": ["appraisal"], "amount_eur": [0]}))

    def test_bad_by_and_missing_columns(self):
        with pytest.raises(QualityError, match="by must be"):
            cost_of_quality(self.LINES, by="side")
        with pytest.raises(QualityError, match="no column 'amount_eur'"):
            cost_of_quality(pd.DataFrame({"category": ["appraisal"], "eur": [1]}))


class TestDeliverableMeasures:
    def test_defect_density(self):
        # ERP interfaces: 122 defects on 42 requirements = 2.905 per requirement.
        assert 122 / 42 == pytest.approx(defect_density(122, 42))
        assert 45.833 == pytest.approx(defect_density(55, 120, per=100), abs=0.001)
        assert 0 == defect_density(0, 10)

    @pytest.mark.parametrize("args, message", [((-1, 10), "defects is negative"),
                                               ((3, 0), "size is 0"), ((3, 5, 0), "per is 0"),
                                               (("3", 5), "text")])
    def test_defect_density_bad_input(self, args, message):
        with pytest.raises(QualityError, match=message):
            defect_density(*args)

    def test_first_pass_yield_asq(self):
        # ASQ's formula: (units entering - defective units) / units entering. 320 test cases,
        # 36 failed at their first run: (320 - 36) / 320 = 284 / 320 = 0.8875.
        assert 0.8875 == first_pass_yield(320 - 36, 320)

    @pytest.mark.parametrize("args, message", [((5, 0), "tested is 0"), ((6, 5), "between 0"),
                                               ((-1, 5), "between 0")])
    def test_first_pass_yield_bad_input(self, args, message):
        with pytest.raises(QualityError, match=message):
            first_pass_yield(*args)

    def test_defect_removal_efficiency_jones(self):
        # C. Jones (IEEE Computer, April 1996), as quoted in practice: the team finds and fixes
        # 90 defects, the customers then report 10: DRE = 90 / (90 + 10) = 90 %.
        assert 0.9 == defect_removal_efficiency(90, 10)
        assert 1.0 == defect_removal_efficiency(5, 0)

    def test_defect_removal_efficiency_from_a_log(self):
        # CRM: 178 defects before go-live (every phase but production), 20 after.
        rows = [row for row in raw("defects") if row["project"] == "CRM"]
        after = sum(row["phase_found"] == "production" for row in rows)
        assert (178, 20) == (len(rows) - after, after)
        assert 178 / 198 == pytest.approx(defect_removal_efficiency(data.load_defects("CRM")))

    def test_defect_removal_efficiency_bad_input(self):
        with pytest.raises(QualityError, match="found after release too"):
            defect_removal_efficiency(10)
        with pytest.raises(QualityError, match="undefined"):
            defect_removal_efficiency(0, 0)
        with pytest.raises(QualityError, match="found_after is negative"):
            defect_removal_efficiency(3, -1)
        with pytest.raises(QualityError, match="not both"):
            defect_removal_efficiency(data.load_defects("CRM"), 3)

    def test_acceptance_rate(self):
        # 2 met of 3 assessed; the fourth is not assessed yet and does not count.
        criteria = pd.DataFrame({"result": ["met", "met", "not met", "not assessed"]})
        assert 2 / 3 == pytest.approx(acceptance_rate(criteria))
        assert math.isnan(acceptance_rate(pd.DataFrame({"result": ["not assessed"]})))
        with pytest.raises(QualityError, match="'passed' is unknown"):
            acceptance_rate(pd.DataFrame({"result": ["passed"]}))

    def test_deliverable_quality_recomputed(self):
        defects = raw("defects")
        criteria = raw("acceptance_criteria")
        table = deliverable_quality(data.load_deliverables(), data.load_defects(),
                                    data.load_acceptance_criteria())
        for row in raw("deliverables"):
            mine = [d for d in defects if d["deliverable"] == row["id"]]
            own = [c for c in criteria if c["deliverable"] == row["id"]]
            assessed = [c for c in own if c["result"] != "not assessed"]
            line = table.loc[row["id"]]
            assert len(mine) == line["defects"], row["id"]
            assert sum(d["severity"] == "1" and d["status"] == "open" for d in mine) == \
                line["open_critical"], row["id"]
            assert len(mine) / float(row["size"]) == pytest.approx(line["defect_density"])
            assert int(row["passed_first_run"]) / int(row["executed"]) == \
                pytest.approx(line["first_pass_yield"])
            assert len(own) == line["criteria"]
            if assessed:
                met = sum(c["result"] == "met" for c in assessed)
                assert met / len(assessed) == pytest.approx(line["acceptance_rate"])
            assert sum(c["mandatory"] == "true" and c["result"] != "met" for c in own) == \
                line["mandatory_open"], row["id"]
        # The story: the ERP's interfaces are the densest, the finance build is not ready.
        erp = table.loc[["ERP-FIN", "ERP-SCM", "ERP-INT", "ERP-MIG"], "defect_density"]
        assert "ERP-INT" == erp.idxmax()
        assert 3 == table.at["ERP-FIN", "mandatory_open"]


class TestHealthCheck:
    @staticmethod
    def answers(project="X", **changes):
        rows = [(project, q, "yes", "") for q in HEALTH_CHECK["question_id"]]
        table = pd.DataFrame(rows, columns=["project", "question_id", "answer", "note"])
        for question, answer in changes.items():
            table.loc[table["question_id"] == question.replace("_", "-"), "answer"] = answer
        return table

    def test_the_checklist(self):
        assert 18 == len(HEALTH_CHECK) and HEALTH_CHECK["question_id"].is_unique
        assert list(HEALTH_DIMENSIONS) == list(dict.fromkeys(HEALTH_CHECK["dimension"]))
        assert {3} == set(HEALTH_CHECK.groupby("dimension").size())
        assert {"yes": 1.0, "partly": 0.5, "no": 0.0} == ANSWER_SCORES
        assert {"green": 0.75, "amber": 0.5} == HEALTH_THRESHOLDS

    def test_scores_and_rag_by_hand(self):
        # governance: yes, partly, no = (1 + 0.5 + 0) / 3 = 0.5 -> amber (0.5 is amber's floor);
        # quality: no, no, partly = 0.5 / 3 = 0.167 -> red; the other four dimensions 1.0.
        table = health_check(self.answers(GOV_2="partly", GOV_3="no", QLT_1="no", QLT_2="no",
                                          QLT_3="partly"))
        by_dimension = table.set_index("dimension")
        assert 0.5 == by_dimension.at["governance", "score"]
        assert "amber" == by_dimension.at["governance", "rag"]
        assert 1 / 6 == pytest.approx(by_dimension.at["quality", "score"])
        assert "red" == by_dimension.at["quality", "rag"]
        assert [2, 0, 0, 3, 0, 0] == table["findings"].tolist()

    def test_a_red_dimension_caps_the_project_at_amber(self):
        # Overall (0.5 + 1 + 1 + 1/6 + 1 + 1) / 6 = 0.778 would be green; quality is red.
        view = portfolio_health(self.answers(GOV_2="partly", GOV_3="no", QLT_1="no", QLT_2="no",
                                             QLT_3="partly"))
        assert (0.5 + 4 + 1 / 6) / 6 == pytest.approx(view.at["X", "overall"])
        assert "amber" == view.at["X", "rag"]
        assert "quality" == view.at["X", "red_dimensions"]
        assert "green" == portfolio_health(self.answers())["rag"].iloc[0]

    def test_the_company_portfolio(self):
        # Recomputed from the raw CSV: mean of the six dimension means.
        dimension_of = dict(zip(HEALTH_CHECK["question_id"], HEALTH_CHECK["dimension"]))
        scores = {}
        for row in raw("health_checks"):
            scores.setdefault(row["project"], {}).setdefault(dimension_of[row["question_id"]], []) \
                .append(ANSWER_SCORES[row["answer"]])
        view = portfolio_health(data.load_health_checks())
        for project, dims in scores.items():
            means = {d: sum(v) / len(v) for d, v in dims.items()}
            assert sum(means.values()) / 6 == pytest.approx(view.at[project, "overall"])
            for dimension, mean in means.items():
                assert mean == pytest.approx(view.at[project, dimension])
        # The story of the data dictionary.
        assert {"ERP": "amber", "CRM": "green", "WHA": "green", "OFM": "red", "DAT": "green",
                "ECO": "amber", "SEC": "green"} == view["rag"].to_dict()
        assert "quality" == view.at["ECO", "red_dimensions"]
        assert "OFM" == view["overall"].idxmin()
        assert "ECO" == view["quality"].idxmin()

    def test_findings_are_ordered_for_a_report(self):
        findings = health_findings(self.answers(GOV_2="partly", PLN_1="no", QLT_3="no"))
        assert ["PLN-1", "QLT-3", "GOV-2"] == findings["question_id"].tolist()
        assert {"project", "dimension", "question", "answer", "note"} <= set(findings.columns)

    def test_unknown_question(self):
        table = pd.concat([self.answers(), pd.DataFrame([("X", "QLT-9", "yes", "")],
                                                        columns=["project", "question_id", "answer", "note"])])
        with pytest.raises(QualityError, match="Health check of X: question 'QLT-9' is not in the checklist"):
            health_check(table)

    def test_bad_answer(self):
        with pytest.raises(QualityError, match="RSK-2: the answer 'maybe' is not valid; valid: yes, partly, no"):
            health_check(self.answers(RSK_2="maybe"))

    def test_answers_are_read_generously(self):
        assert 0.5 == health_check(self.answers(RSK_1=" Partly ", RSK_2="NO ", RSK_3="Yes")) \
            .set_index("dimension").at["risks", "score"]

    def test_a_question_twice(self):
        table = pd.concat([self.answers(), self.answers().iloc[[4]]])
        with pytest.raises(QualityError, match="PLN-2 is answered twice"):
            health_check(table)

    def test_missing_answers_are_named(self):
        table = self.answers()
        table = table[~table["question_id"].isin(["QLT-2", "BEN-3"])]
        with pytest.raises(QualityError, match="Health check of X: no answer to QLT-2, BEN-3"):
            portfolio_health(table)

    def test_missing_column(self):
        with pytest.raises(QualityError, match="no column 'answer'"):
            health_check(self.answers().drop(columns="answer"))


class TestCompanyQualityStory:
    """The quality tables tell the story the data dictionary and the other lessons tell."""

    def test_crm_production_defects_come_after_its_go_live(self):
        rows = [row for row in raw("defects") if row["project"] == "CRM"]
        after = [row["date_found"] for row in rows if row["phase_found"] == "production"]
        before = [row["date_found"] for row in rows if row["phase_found"] != "production"]
        assert min(after) >= "2026-08-19" > max(before)

    def test_crm_had_no_severe_defect_open_at_its_go_live_gate(self):
        # acceptance_criteria.csv, CRM-CFG AC-2: none open on 14 August.
        for row in raw("defects"):
            if row["project"] == "CRM" and row["severity"] in ("1", "2") and \
                    row["date_found"] <= "2026-08-14":
                assert row["status"] == "closed" and row["date_closed"] <= "2026-08-14", row["id"]

    def test_open_fit_out_snags_match_the_acceptance_evidence(self):
        snags = [row for row in raw("defects") if row["deliverable"] == "OFM-FIT"
                 and row["status"] == "open"]
        assert 12 == len(snags)
        assert 2 == sum(row["phase_found"] == "acceptance" for row in snags)
        evidence = {(c["deliverable"], c["criterion_id"]): c["evidence"]
                    for c in raw("acceptance_criteria")}
        assert evidence[("OFM-FIT", "AC-5")].startswith("12 fit-out snags still open")

    def test_the_erp_open_critical_defects(self):
        critical = [row for row in raw("defects") if row["project"] == "ERP"
                    and row["status"] == "open" and row["severity"] == "1"]
        assert 4 == len(critical)
        assert 2 == sum(row["deliverable"] == "ERP-INT" for row in critical)

    def test_defects_are_in_their_week(self):
        starts = {row["id"]: pd.Timestamp(row["start_date"]) for row in raw("projects")}
        for row in raw("defects"):
            found = pd.Timestamp(row["date_found"])
            week = (found - starts[row["project"]]).days // 7 + 1
            assert int(row["week"]) == week, row["id"]
            assert found.day_of_week < 5, row["id"]
            assert found <= pd.Timestamp("2026-09-25"), row["id"]

    def test_the_storefront_log_starts_in_week_15_and_sec_has_none(self):
        weeks = [int(row["week"]) for row in raw("defects") if row["project"] == "ECO"]
        assert 15 == min(weeks)
        assert not [row for row in raw("defects") if row["project"] == "SEC"]

    def test_quality_cost_lines_on_tasks_are_within_the_task_cost(self):
        cost = {row["id"]: float(row["cost_eur"]) for row in raw("tasks")}
        booked = Counter()
        for row in raw("quality_costs"):
            if row["task_id"]:
                booked[row["task_id"]] += float(row["amount_eur"])
        for task, amount in booked.items():
            assert amount <= cost[task], task
        # The two test tasks are booked whole, as appraisal.
        assert booked["CRM-16"] == cost["CRM-16"] and booked["CRM-17"] == cost["CRM-17"]

    def test_every_project_answers_the_whole_checklist(self):
        per_project = Counter(row["project"] for row in raw("health_checks"))
        assert {p["id"]: 18 for p in raw("projects")} == per_project
