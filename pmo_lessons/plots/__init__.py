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
capacity       :func:`capacity_heatmap`, :func:`capacity_areas`, :func:`skills_matrix_chart`
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
from .capacity import capacity_areas, capacity_heatmap, skills_matrix_chart
from .methodology import maturity_radar, raci_chart, wbs_tree
from .monitoring import okr_chart, portfolio_dashboard, s_curve
from .planning import gantt, network_diagram, portfolio_timeline
from .portfolio import alignment_chart, frontier_chart, value_risk_bubble
from .quality import cost_of_quality_chart, health_heatmap, pareto_chart, xmr_chart
from .reporting import index_trends, stakeholder_map
from .resources import levelling_gantt, levelling_histograms, resource_histogram
from .risk import criticality_chart, decision_tree, finish_distribution, risk_matrix, tornado

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
    # capacity
    "capacity_heatmap",
    "capacity_areas",
    "skills_matrix_chart",
]
