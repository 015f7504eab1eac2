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
from tests.strategies import xmr_series

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
