"""Tests of the RACI checker widget: edit a cell from code, the findings of check_raci follow.

The rule it shows is PMI's, *PMBOK Guide*, 6th ed., 2017, 9.1.2.2: a RACI chart
gives each activity one and only one Accountable role; the overload threshold
(0.5) is the PMO's policy, as in pmo_lessons.methodology.check_raci.
"""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from pmo_lessons.errors import InputError  # noqa: E402
from pmo_lessons.methodology import RACIError, check_raci  # noqa: E402
from pmo_lessons.widgets import RACIChecker  # noqa: E402

REPORTING = pd.DataFrame(
    {"Sponsor": ["I", "", "A", "C"],
     "Head of PMO": ["", "A", "R", "A"],
     "PMO analyst": ["", "R", "", "R"],
     "Project manager": ["A/R", "C", "C", "C/I"]},
    index=["Weekly status report", "Portfolio dashboard", "Steering committee pack",
           "Communication plan"])


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def checks(checker):
    return list(zip(checker.findings["activity"], checker.findings["role"],
                    checker.findings["check"]))


class TestRACIChecker:
    def test_starts_with_the_findings_of_check_raci(self):
        checker = RACIChecker(REPORTING, chart=False)
        assert checker.findings.empty
        assert check_raci(REPORTING).equals(checker.findings)
        assert "No finding" in checker.report.value

    def test_a_second_accountable_is_an_error_and_undoing_it_clears_it(self):
        checker = RACIChecker(REPORTING, chart=False)
        checker.set_cell("Weekly status report", "Sponsor", "A")
        assert [("Weekly status report", "Sponsor, Project manager", "accountable")] == checks(checker)
        assert "1 error(s), 0 warning(s)" in checker.report.value
        checker.set_cell("Weekly status report", "Sponsor", "I")
        assert checker.findings.empty

    def test_no_responsible_and_overload(self):
        checker = RACIChecker(REPORTING, chart=False)
        checker.set_cell("Steering committee pack", "Head of PMO", "")
        assert [("Steering committee pack", "", "responsible")] == checks(checker)
        checker.set_cell("Steering committee pack", "PMO analyst", "r")  # lower case is read
        assert [("", "PMO analyst", "overload")] == checks(checker)  # 3 of 4 activities
        assert "PMO analyst: 3 R, 0 A, 0 C, 0 I" in checker.report.value
        assert "warning" in checker.report.value

    def test_a_user_changing_a_dropdown_updates_the_findings(self):
        checker = RACIChecker(REPORTING, chart=False)
        checker.dropdowns[("Portfolio dashboard", "Head of PMO")].value = "C"
        assert [("Portfolio dashboard", "", "accountable")] == checks(checker)
        assert "C" == checker.matrix.at["Portfolio dashboard", "Head of PMO"]

    def test_reset_and_combinations(self):
        checker = RACIChecker(REPORTING, chart=False)
        assert "C/I" in checker.dropdowns[("Communication plan", "Project manager")].options
        checker.set_cell("Communication plan", "Sponsor", "R/C")  # written in any order
        assert "R/C" == checker.matrix.at["Communication plan", "Sponsor"]
        checker.set_cell("Weekly status report", "Project manager", "")
        assert 2 == len(checker.findings)
        checker.reset()
        assert checker.findings.empty
        assert REPORTING.equals(checker.matrix)

    def test_max_load_is_the_policy(self):
        checker = RACIChecker(REPORTING, max_load=0.25, chart=False)
        assert [("", "PMO analyst", "overload")] == checks(checker)  # 2 of 4 > 25 %

    def test_bad_input_names_what_is_valid(self):
        checker = RACIChecker(REPORTING, chart=False)
        with pytest.raises(RACIError, match="'X'"):
            checker.set_cell("Portfolio dashboard", "Sponsor", "X")
        with pytest.raises(InputError, match="no activity 'Budget' in the RACI matrix; valid: Weekly status"):
            checker.set_cell("Budget", "Sponsor", "A")
        with pytest.raises(InputError, match="no role 'CEO' in the RACI matrix; valid: Sponsor"):
            checker.set_cell("Portfolio dashboard", "CEO", "A")
        with pytest.raises(RACIError, match="max_load"):
            RACIChecker(REPORTING, max_load=2, chart=False)
        with pytest.raises(RACIError):
            RACIChecker(REPORTING.assign(Sponsor=["Z", "", "", ""]), chart=False)

    def test_chart_flags_the_activity_in_error(self):
        checker = RACIChecker(REPORTING)
        labels = [t.get_text() for t in checker.last_figure.axes[0].get_yticklabels()]
        assert "!" not in "".join(labels)
        checker.set_cell("Portfolio dashboard", "Head of PMO", "R")
        labels = [t.get_text() for t in checker.last_figure.axes[0].get_yticklabels()]
        assert "Portfolio dashboard !" in labels
