"""The kit's one palette (pmo_lessons.style): readable RAG colours, read by reports, charts and explorers.

Contrast follows W3C, *Web Content Accessibility Guidelines (WCAG) 2.2* (2023): the
contrast ratio (L1 + 0.05) / (L2 + 0.05) runs from 1 to 21 (black on white); normal
text needs 4.5:1 (success criterion 1.4.3), chart marks 3:1 (1.4.11). A published check
of the formula: #777777 grey on white falls just short of 4.5:1 ("4.47:1", wcag.eu,
"Use enough contrast for text", computed by the WebAIM checker).
"""

import ast
import re
import subprocess
import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.colors as mcolors  # noqa: E402
import pytest  # noqa: E402

from pmo_lessons import plots, style, widgets  # noqa: E402
from pmo_lessons.report import project_report  # noqa: E402
from pmo_lessons.style import RAG_COLOURS, WHITE, contrast  # noqa: E402

PACKAGE = Path(style.__file__).parent
CHART_AND_EXPLORER_FILES = sorted((PACKAGE / "plots").glob("*.py")) + sorted(
    (PACKAGE / "widgets").glob("*.py"))


class TestContrast:
    def test_the_formula_against_published_values(self):
        assert 21.0 == pytest.approx(contrast("#000000", "#ffffff"))
        assert 1.0 == pytest.approx(contrast("#c0392b", "#c0392b"))
        assert 4.47 <= contrast("#777777", WHITE) < 4.5  # just short of AA, as published
        assert contrast("#ffffff", "#1c2833") == pytest.approx(contrast("#1c2833", "#ffffff"))

    def test_a_colour_not_written_rrggbb_is_refused(self):
        with pytest.raises(ValueError, match="'red' is not a colour written #rrggbb"):
            contrast("red")

    @pytest.mark.parametrize("rating", ["green", "amber", "red", "grey"])
    def test_every_rag_colour_carries_white_text(self, rating):
        # a badge is white text on the colour; the same figure holds for the colour on a white chart
        assert contrast(RAG_COLOURS[rating], WHITE) >= 4.5

    def test_the_old_bright_amber_would_not(self):
        assert contrast("#f39c12", WHITE) < 3  # why the kit's amber is a dark amber

    def test_readable_text_picks_the_stronger_of_white_and_ink(self):
        assert WHITE == style.readable_text(RAG_COLOURS["red"])
        assert style.INK == style.readable_text(style.RISK_BAND_COLOURS[1])  # yellow


class TestOnePalette:
    def test_reports_charts_and_explorers_share_the_rag_colours(self):
        assert plots.RAG_COLOURS is style.RAG_COLOURS
        assert plots.COLOURS is style.COLOURS and plots.PROJECT_COLOURS is style.PROJECT_COLOURS
        assert style.COLOURS["critical"] == RAG_COLOURS["red"]
        page = project_report("ECO", figures=False).to_html()  # ECO is amber at the status date
        assert f"background:{RAG_COLOURS['amber']}" in page

    @pytest.mark.parametrize("path", CHART_AND_EXPLORER_FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
    def test_no_chart_or_explorer_writes_a_colour_of_its_own(self, path):
        found = re.findall(r"#[0-9a-fA-F]{6}\b", path.read_text())
        assert [] == found, f"{path.name} writes colours itself; take them from pmo_lessons.style"

    def test_the_project_cycle_is_matplotlibs_tab10(self):
        tab10 = [mcolors.to_hex(matplotlib.colormaps["tab10"](k)) for k in range(10)]
        assert tab10 == list(style.CYCLE)
        assert tab10[3] == style.project_colour("NEW", 13)

    def test_importing_the_palette_loads_no_plotting_and_no_data_library(self):
        code = ("import sys, pmo_lessons.style; "
                "bad = [m for m in ('matplotlib', 'pandas', 'numpy', 'ipywidgets') if m in sys.modules]; "
                "print(bad); sys.exit(1 if bad else 0)")
        result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
        assert 0 == result.returncode, result.stdout + result.stderr


class TestPackagesStayThin:
    """plots/ and widgets/ re-export every public name; no module borrows another's private name."""

    OLD_PLOTS = ["COLOURS", "gantt", "network_diagram", "portfolio_timeline", "RAG_COLOURS",
                 "s_curve", "portfolio_dashboard", "okr_chart", "PROJECT_COLOURS",
                 "resource_histogram", "levelling_histograms", "levelling_gantt", "risk_matrix",
                 "finish_distribution", "criticality_chart", "tornado", "decision_tree", "wbs_tree",
                 "raci_chart", "maturity_radar", "value_risk_bubble", "alignment_chart",
                 "frontier_chart", "stakeholder_map", "index_trends"]
    OLD_WIDGETS = ["WhatIf", "StatusExplorer", "LevellingExplorer", "RiskExplorer",
                   "MaturityAssessment", "PortfolioExplorer", "RACIChecker"]

    def test_every_name_of_the_single_files_still_imports(self):
        assert set(self.OLD_PLOTS) <= set(plots.__all__)
        assert set(self.OLD_WIDGETS) <= set(widgets.__all__)
        for name in plots.__all__:
            assert getattr(plots, name) is not None
        for name in widgets.__all__:
            assert getattr(widgets, name) is not None

    @pytest.mark.parametrize("package", ["plots", "widgets"])
    def test_each_competence_module_is_re_exported(self, package):
        root = __import__(f"pmo_lessons.{package}", fromlist=["*"])
        for path in sorted((PACKAGE / package).glob("*.py")):
            if path.stem in ("__init__", "base"):
                continue
            module = __import__(f"pmo_lessons.{package}.{path.stem}", fromlist=["*"])
            for name in module.__all__:
                assert getattr(root, name) is getattr(module, name), f"{package}.{name}"

    @pytest.mark.parametrize("path", CHART_AND_EXPLORER_FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
    def test_no_private_name_crosses_modules(self, path):
        tree = ast.parse(path.read_text())
        borrowed = [alias.name for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)
                    for alias in node.names if alias.name.startswith("_") and alias.name != "__future__"
                    and node.module != "__future__"]
        assert [] == borrowed

    def test_charts_never_import_widgets(self):
        code = ("import sys, pmo_lessons.plots; "
                "bad = [m for m in ('ipywidgets', 'pmo_lessons.widgets') if m in sys.modules]; "
                "print(bad); sys.exit(1 if bad else 0)")
        result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
        assert 0 == result.returncode, result.stdout + result.stderr
