"""Charts for the lessons, one module per PMO competence.

Every function takes the tables the computation modules return, draws with
matplotlib in the colours of :mod:`pmo_lessons.style` and returns the
:class:`matplotlib.figure.Figure` (closed with pyplot, so that a notebook shows
it once, as the cell's result). Pass ``ax`` to draw into an axes of your own.

=============  ===================================================================
module         charts
=============  ===================================================================
planning       :func:`gantt`, :func:`network_diagram`, :func:`portfolio_timeline`
monitoring     :func:`s_curve`, :func:`portfolio_dashboard`, :func:`okr_chart`
resources      :func:`resource_histogram`, :func:`levelling_histograms`,
               :func:`levelling_gantt`
risk           :func:`risk_matrix`, :func:`finish_distribution`,
               :func:`criticality_chart`, :func:`tornado`, :func:`decision_tree`
methodology    :func:`wbs_tree`, :func:`raci_chart`, :func:`maturity_radar`
portfolio      :func:`value_risk_bubble`, :func:`alignment_chart`, :func:`frontier_chart`
reporting      :func:`stakeholder_map`, :func:`index_trends`
agile          :func:`cumulative_flow_chart`, :func:`cycle_time_scatter`,
               :func:`throughput_run_chart`, :func:`burn_up_chart`, :func:`forecast_histogram`
quality        :func:`pareto_chart`, :func:`xmr_chart`, :func:`cost_of_quality_chart`,
               :func:`health_heatmap`
budget         :func:`budget_layers_chart`, :func:`cost_s_curve`, :func:`cash_flow_chart`,
               :func:`jcl_scatter`, :func:`budget_waterfall`
dependencies   :func:`dependency_map`
benefits       :func:`benefits_realisation`, :func:`benefits_map`
pmo_service    :func:`pmo_value_dashboard`
knowledge      :func:`document_completeness_chart`, :func:`lesson_themes_chart`
capacity       :func:`capacity_heatmap`, :func:`capacity_areas`, :func:`skills_matrix_chart`
simulation     :func:`quarter_trends`, :func:`staffing_chart`, :func:`outcomes_chart`,
               :func:`decisions_chart`
base           what they share: :func:`~.base.new_axes`, :func:`~.base.set_title`, ...
=============  ===================================================================

A chart for a new competence goes in a module of its own, built on :mod:`.base`
and re-exported here. Import from this package: ``from pmo_lessons.plots import gantt``.

>>> import pandas as pd
>>> from pmo_lessons.schedule import cpm
>>> tasks = pd.DataFrame({"id": ["A", "B"], "duration": [3, 2], "predecessors": ["", "A"]})
>>> fig = gantt(cpm(tasks), tasks)
>>> [text.get_text() for text in fig.axes[0].get_yticklabels()]
['A', 'B']
"""

from ..style import COLOURS, PROJECT_COLOURS, RAG_COLOURS
from .agile import burn_up_chart, cumulative_flow_chart, cycle_time_scatter, forecast_histogram, throughput_run_chart
from .benefits import benefits_map, benefits_realisation
from .budget import budget_layers_chart, budget_waterfall, cash_flow_chart, cost_s_curve, jcl_scatter
from .capacity import capacity_areas, capacity_heatmap, skills_matrix_chart
from .dependencies import dependency_map
from .knowledge import document_completeness_chart, lesson_themes_chart
from .methodology import maturity_radar, raci_chart, wbs_tree
from .monitoring import okr_chart, portfolio_dashboard, s_curve
from .planning import gantt, network_diagram, portfolio_timeline
from .pmo_service import pmo_value_dashboard
from .portfolio import alignment_chart, frontier_chart, value_risk_bubble
from .quality import cost_of_quality_chart, health_heatmap, pareto_chart, xmr_chart
from .reporting import index_trends, stakeholder_map
from .resources import levelling_gantt, levelling_histograms, resource_histogram
from .risk import criticality_chart, decision_tree, finish_distribution, risk_matrix, tornado
from .simulation import decisions_chart, outcomes_chart, quarter_trends, staffing_chart

__all__ = [
    "COLOURS",
    # planning
    "gantt",
    "network_diagram",
    "portfolio_timeline",
    # monitoring
    "RAG_COLOURS",
    "s_curve",
    "portfolio_dashboard",
    "okr_chart",
    # resources
    "PROJECT_COLOURS",
    "resource_histogram",
    "levelling_histograms",
    "levelling_gantt",
    # risk
    "risk_matrix",
    "finish_distribution",
    "criticality_chart",
    "tornado",
    "decision_tree",
    # methodology
    "wbs_tree",
    "raci_chart",
    "maturity_radar",
    # portfolio
    "value_risk_bubble",
    "alignment_chart",
    "frontier_chart",
    # reporting
    "stakeholder_map",
    "index_trends",
    # agile
    "cumulative_flow_chart",
    "cycle_time_scatter",
    "throughput_run_chart",
    "burn_up_chart",
    "forecast_histogram",
    # quality
    "pareto_chart",
    "xmr_chart",
    "cost_of_quality_chart",
    "health_heatmap",
    # budget
    "budget_layers_chart",
    "cost_s_curve",
    "cash_flow_chart",
    "jcl_scatter",
    "budget_waterfall",
    # the PMO itself (lesson 12)
    "dependency_map",
    "benefits_realisation",
    "benefits_map",
    "pmo_value_dashboard",
    # knowledge
    "document_completeness_chart",
    "lesson_themes_chart",
    # capacity
    "capacity_heatmap",
    "capacity_areas",
    "skills_matrix_chart",
    # the portfolio simulation (lesson 16)
    "quarter_trends",
    "staffing_chart",
    "outcomes_chart",
    "decisions_chart",
]
