#!/usr/bin/env python
"""Write the datasets of the PMO course kit: the fictional company Meridian Home Goods.

Every table is authored here, as Python literals, and the derived numbers are
computed from them so that they always agree:

* ``tasks.csv``: ``cost_eur`` = labour (units x day rate x most-likely duration,
  from ``assignments.csv`` and ``resources.csv``) + purchases (licences,
  suppliers, works), written in the plans below; ``contingency_eur`` is the
  activity contingency inside the purchases (10 % of each quote);
* ``projects.csv``: ``budget_eur`` = sum of task costs + management reserve,
  rounded up to the next 10,000 EUR; ``reserve_eur`` is the difference;
* ``status_weekly.csv``: PV from a CPM forward pass of the baseline plan on the
  French working-day calendar of ``holidays.csv``; EV and AC from each
  project's performance story, with seeded noise;
* ``milestones.csv``: the milestone log (accepted dates and forecasts), authored
  below, one row per milestone of the plans.
* ``annual_budget.csv``: each project's 2026 line, the part of its baseline
  planned in 2026; ``portfolio_envelope.csv``: the lines plus the portfolio
  reserve. ``purchase_orders.csv`` and ``budget_changes.csv`` are literals,
  checked against the plans and the status.
* ``benefit_profiles.csv``: each valued benefit's planned euros month by month,
  from its annual value, start and ramp-up in ``benefits.csv`` (the realised
  months are authored); ``pmo_kpis.csv``: the 2026-Q3 benefits figure from
  those profiles, and the maturity levels from ``maturity_assessments.csv``.

The script is deterministic: running it twice writes byte-identical files.
It needs only numpy and the standard library (it does not import
pmo_lessons, so that the package's own scheduler can be checked against it).

Usage::

    python tools/make_datasets.py              # writes datasets/*.csv
    python tools/make_datasets.py --out /tmp/x # writes somewhere else
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import math
import re
from pathlib import Path

import numpy as np

STATUS_DATE = dt.date(2026, 9, 25)  # a Friday
SEED = 20260925

# --------------------------------------------------------------------------
# Calendar: French public holidays 2026-2027
# --------------------------------------------------------------------------


def easter_sunday(year: int) -> dt.date:
    """Gregorian Easter (anonymous Gregorian algorithm, Meeus/Jones/Butcher)."""
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month, day = divmod(h + l_ - 7 * m + 114, 31)
    return dt.date(year, month, day + 1)


def french_holidays(year: int) -> list[tuple[dt.date, str]]:
    easter = easter_sunday(year)
    days = [
        (dt.date(year, 1, 1), "New Year's Day (Jour de l'an)"),
        (easter + dt.timedelta(days=1), "Easter Monday (Lundi de Pâques)"),
        (dt.date(year, 5, 1), "Labour Day (Fête du Travail)"),
        (dt.date(year, 5, 8), "Victory in Europe Day (Victoire 1945)"),
        (easter + dt.timedelta(days=39), "Ascension Day (Ascension)"),
        (easter + dt.timedelta(days=50), "Whit Monday (Lundi de Pentecôte)"),
        (dt.date(year, 7, 14), "Bastille Day (Fête nationale)"),
        (dt.date(year, 8, 15), "Assumption of Mary (Assomption)"),
        (dt.date(year, 11, 1), "All Saints' Day (Toussaint)"),
        (dt.date(year, 11, 11), "Armistice Day (Armistice 1918)"),
        (dt.date(year, 12, 25), "Christmas Day (Noël)"),
    ]
    return sorted(days)


HOLIDAYS = french_holidays(2026) + french_holidays(2027)
HOLIDAY_SET = {d for d, _ in HOLIDAYS}


def is_working_day(day: dt.date) -> bool:
    return day.weekday() < 5 and day not in HOLIDAY_SET


def working_days_from(start: dt.date, count: int) -> list[dt.date]:
    """The first ``count`` working days from ``start`` (included if working)."""
    days, day = [], start
    while len(days) < count:
        if is_working_day(day):
            days.append(day)
        day += dt.timedelta(days=1)
    return days


# --------------------------------------------------------------------------
# Shared resources (roles)
# --------------------------------------------------------------------------

# id, name, department, capacity (people), day rate (EUR, loaded internal or contract rate)
RESOURCES = [
    ("PM", "Project coordinator", "PMO", 2, 620),
    ("BA", "Business analyst", "IT - Business solutions", 8, 640),
    ("ARC", "Solution architect", "IT - Architecture", 3, 920),
    ("DEV", "Developer", "IT - Business solutions", 8, 680),
    ("DE", "Data engineer", "IT - Data", 4, 720),
    ("INF", "Infrastructure engineer", "IT - Infrastructure", 4, 650),
    ("QA", "Tester", "IT - Quality", 5, 520),
    ("SEC", "Security specialist", "IT - Security", 2, 820),
    ("AUT", "Automation engineer", "Supply chain engineering", 3, 740),
    ("TRN", "Trainer", "HR - Learning", 2, 480),
    ("CHG", "Change manager", "HR - Transformation", 3, 600),
    ("FAC", "Facilities coordinator", "General services", 3, 450),
    ("PRC", "Procurement officer", "Finance - Purchasing", 3, 560),
]
RATE = {r[0]: r[4] for r in RESOURCES}

# --------------------------------------------------------------------------
# Projects
# --------------------------------------------------------------------------

# Each project: metadata, reserve rate, performance story, and its plan.
# A plan line is:  n | wbs | name | O M P | predecessors | resources | purchases
#   n            local task number (the id is <PROJECT>-<nn>)
#   O M P        optimistic, most likely, pessimistic duration (working days); 0 0 0 = milestone
#   predecessors local numbers with optional TYPE and lag: "3, 4 SS+5, 6 FF-2"
#   resources    ROLE:units ...
#   purchases    non-labour cost in EUR (licences, suppliers, works)
#
# The performance story drives EV and AC: ``spi`` and ``cpi`` are
# (week, value) knots, linearly interpolated; ``spi`` is the time-based
# schedule index (earned schedule / actual time), ``cpi`` is EV/AC of the
# week's work. ``final_ev`` caps the EV (a share of BAC) for a project whose
# last items are still open.

PROJECTS = [
    dict(
        id="ERP", name="ERP roll-out", kind="IT - business application",
        sponsor="Hélène Marchand", manager="Paul Girard", start=dt.date(2026, 1, 12),
        priority=900, objective="O2", status="in progress", reserve=0.10,
        description="Replace the 15-year-old in-house order and stock system with a cloud ERP "
                    "for finance, purchasing, inventory and sales, going live on the new fiscal year.",
        spi=[(1, 1.0), (8, 1.0), (20, 0.9), (37, 0.84)],
        cpi=[(1, 1.0), (10, 0.97), (25, 0.86), (37, 0.84)],
        plan="""
01 | 1.1   | ERP programme start                              | 0 0 0    |                | | 0
02 | 1.2   | Project charter, governance and PMO set-up       | 8 10 15  | 1              | PM:1 BA:1 | 0
03 | 1.3   | Integrator selection and contract                | 25 30 45 | 1              | PRC:1 ARC:1 | 0
04 | 1.4   | Solution architecture and integration design     | 25 30 40 | 3              | ARC:1 INF:1 | 30000
05 | 2.1   | Fit-gap workshops: finance and controlling       | 25 30 40 | 2, 3           | BA:2 | 60000
06 | 2.2   | Fit-gap workshops: purchasing and inventory      | 30 35 50 | 5 SS+5         | BA:2 | 70000
07 | 2.3   | Fit-gap workshops: sales and distribution        | 25 30 45 | 6 SS+5         | BA:2 | 60000
08 | 2.4   | Design sign-off                                  | 0 0 0    | 4, 5, 6, 7     | | 0
09 | 3.1   | Platform provisioning and licences (year 1)      | 8 10 15  | 8              | INF:1 | 310000
10 | 3.2.1 | Build: finance configuration and reports         | 55 65 90 | 8              | DEV:1 BA:1 | 110000
11 | 3.2.2 | Build: supply chain configuration                | 65 80 115 | 8             | DEV:2 BA:1 | 160000
12 | 3.2.3 | Build: interfaces with WMS, EDI and banks        | 60 70 100 | 8, 9 SS+5     | DEV:2 ARC:1 | 120000
13 | 3.3   | Build complete                                   | 0 0 0    | 10, 11, 12     | | 0
14 | 4.1   | Data cleansing: customers, suppliers and items   | 45 60 80 | 8              | DE:1 BA:1 | 0
15 | 4.2   | Data migration scripts                           | 35 45 60 | 14 SS+20       | DE:2 | 30000
16 | 4.3   | Data migration dry run 1                         | 4 5 8    | 13, 15         | DE:2 QA:1 | 0
17 | 5.1   | System integration testing                       | 40 50 70 | 13, 16         | QA:3 DEV:1 | 30000
18 | 4.4   | Data migration dry run 2                         | 4 5 8    | 16, 17 SS+15   | DE:2 QA:1 | 0
19 | 5.2   | User acceptance testing                          | 30 38 55 | 17             | QA:2 BA:2 | 25000
20 | 5.3   | Cut-over rehearsal                               | 3 4 6    | 18, 19 FF      | INF:1 DE:2 | 0
21 | 6.1   | Training material and train-the-trainer          | 15 20 25 | 17 SS+10       | TRN:1 CHG:1 | 15000
22 | 6.2   | End-user training (140 users)                    | 15 20 30 | 21, 19 SS+5    | TRN:2 | 12000
23 | 6.3   | Change network and business readiness            | 80 90 100 | 8             | CHG:1 | 0
24 | 6.4   | Go/no-go decision                                | 0 0 0    | 19, 20, 22, 23 | | 0
25 | 6.5   | Cut-over weekend                                 | 2 3 4    | 24             | INF:2 DE:2 DEV:1 | 20000
26 | 6.6   | Go-live                                          | 0 0 0    | 25             | | 0
27 | 6.7   | Hypercare and handover to support                | 12 15 25 | 26             | DEV:2 BA:1 | 60000
28 | 6.8   | ERP project closed                               | 0 0 0    | 27             | | 0
""",
    ),
    dict(
        id="CRM", name="CRM migration", kind="IT - business application",
        sponsor="Thomas Berger", manager="Amélie Dubois", start=dt.date(2026, 2, 2),
        priority=600, objective="O1", status="in progress", reserve=0.06,
        description="Move the sales and customer-service teams from the legacy on-premise CRM "
                    "to a SaaS CRM, with its data and its links to order entry and telephony.",
        spi=[(1, 1.0), (6, 1.02), (20, 1.06), (35, 1.06)],
        cpi=[(1, 1.0), (10, 1.03), (35, 1.04)],
        plan="""
01 | 1.1 | CRM migration start                                 | 0 0 0    |               | | 0
02 | 1.2 | Current-state review of the legacy CRM              | 10 12 16 | 1             | BA:1 | 0
03 | 1.3 | SaaS tenant set-up and licences (year 1)            | 5 8 12   | 1             | INF:1 ARC:1 | 95000
04 | 2.1 | Requirements: sales processes                       | 15 20 30 | 2             | BA:2 | 0
05 | 2.2 | Requirements: customer-service processes            | 10 15 20 | 4 SS+5        | BA:1 CHG:1 | 0
06 | 2.3 | Data model and field mapping                        | 12 15 22 | 3, 4 SS+5     | BA:1 DE:1 | 0
07 | 2.4 | Requirements baseline approved                      | 0 0 0    | 4, 5, 6       | | 0
08 | 3.1 | Configure accounts, contacts and opportunities      | 35 40 55 | 7             | DEV:2 BA:1 | 20000
09 | 3.2 | Configure service cases and SLAs                    | 25 30 40 | 7             | DEV:1 BA:1 | 10000
10 | 3.3 | Integration with order entry and invoicing          | 40 45 65 | 7             | DEV:1 ARC:1 | 15000
11 | 3.4 | Integration with e-mail and telephony               | 15 18 25 | 8 SS+10       | DEV:1 INF:1 | 8000
12 | 3.5 | Configuration complete                              | 0 0 0    | 8, 9, 10, 11  | | 0
13 | 4.1 | Data extraction and cleansing                       | 30 35 50 | 6             | DE:1 BA:1 | 0
14 | 4.2 | Migration trial load 1                              | 4 5 8    | 13, 8         | DE:2 | 0
15 | 4.3 | Migration trial load 2                              | 3 4 6    | 14, 12        | DE:2 QA:1 | 0
16 | 5.1 | System test                                         | 20 25 35 | 12            | QA:2 | 0
17 | 5.2 | User acceptance testing: sales and service          | 15 20 30 | 15, 16        | QA:1 BA:1 | 0
18 | 5.3 | Pilot with the Lyon sales region                    | 15 20 25 | 17            | BA:1 DEV:1 | 5000
19 | 6.1 | Change and communication plan                       | 25 30 40 | 7             | CHG:1 | 5000
20 | 6.2 | Training: sales representatives (80 users)          | 10 12 16 | 18 SS+10, 19  | TRN:1 BA:1 | 6000
21 | 6.3 | Training: customer service (35 users)               | 4 5 8    | 20 SS+4       | TRN:1 | 2000
22 | 6.4 | Go-live readiness review                            | 0 0 0    | 18, 20, 21    | | 0
23 | 6.5 | Final data migration and cut-over                   | 2 3 5    | 22            | DE:2 INF:1 | 0
24 | 6.6 | CRM go-live                                         | 0 0 0    | 23            | | 0
25 | 6.7 | Hypercare and legacy CRM decommissioning            | 30 35 45 | 24            | DEV:1 INF:1 | 12000
26 | 6.8 | CRM project closed                                  | 0 0 0    | 25            | | 0
""",
    ),
    dict(
        id="WHA", name="Warehouse automation", kind="Operations - capital investment",
        sponsor="Karim Benali", manager="Lucas Moreau", start=dt.date(2026, 4, 13),
        priority=750, objective="O2", status="in progress", reserve=0.08,
        description="Install a conveyor, sorter and scanning line in the Saint-Priest warehouse "
                    "to lift picking productivity by 40 % before the 2027 peak season.",
        spi=[(1, 1.0), (12, 1.0), (18, 0.86), (24, 0.8)],
        cpi=[(1, 1.0), (12, 1.04), (24, 1.08)],
        plan="""
01 | 1.1 | Warehouse automation start                          | 0 0 0    |                 | | 0
02 | 1.2 | Throughput study and business case refresh          | 12 15 20 | 1               | AUT:1 BA:1 | 15000
03 | 1.3 | Detailed layout design, Saint-Priest                | 15 20 30 | 2               | AUT:1 FAC:1 | 25000
04 | 1.4 | Works council (CSE) information and consultation    | 20 25 40 | 2               | CHG:1 | 0
05 | 2.1 | Request for proposal: conveyors and sorter          | 12 15 20 | 2               | PRC:1 AUT:1 | 0
06 | 2.2 | Supplier selection and contract negotiation         | 15 20 30 | 5               | PRC:1 | 0
07 | 2.3 | Supplier contract signed                            | 0 0 0    | 6               | | 0
08 | 2.4 | Manufacture of conveyors and sorter (supplier)      | 75 90 120 | 7, 3           | | 1150000
09 | 3.1 | Floor preparation and electrical works              | 20 25 35 | 3, 7            | FAC:1 | 180000
10 | 3.2 | WMS interface specification                         | 10 12 18 | 3               | ARC:1 DEV:1 | 0
11 | 3.3 | WMS interface development                           | 25 30 45 | 10              | DEV:1 | 25000
12 | 3.4 | Site ready for installation                         | 0 0 0    | 9               | | 0
13 | 4.1 | Delivery and installation of conveyors              | 25 30 45 | 8, 12, 4        | AUT:2 FAC:1 | 240000
14 | 4.2 | Sorter and scanner installation                     | 12 15 20 | 13 SS+10        | AUT:1 | 160000
15 | 4.3 | Control software configuration                      | 15 20 30 | 13 SS+5, 11     | AUT:1 DEV:1 | 45000
16 | 4.4 | Mechanical completion                               | 0 0 0    | 13, 14          | | 0
17 | 5.1 | Integration testing with the WMS                    | 10 12 18 | 15, 16          | QA:2 AUT:1 | 0
18 | 5.2 | Throughput and peak-load test                       | 4 5 8    | 17              | QA:1 AUT:2 | 0
19 | 5.3 | Safety inspection and CE certification              | 3 5 10   | 16              | FAC:1 | 12000
20 | 6.1 | Operator training (3 shifts)                        | 8 10 12  | 17 SS+3         | TRN:2 | 8000
21 | 6.2 | Site acceptance test signed                         | 0 0 0    | 18, 19          | | 0
22 | 6.3 | Phased go-live: inbound lanes                       | 4 5 8    | 21, 20          | AUT:1 CHG:1 | 0
23 | 6.4 | Phased go-live: outbound lanes and sorter           | 4 5 8    | 22              | AUT:1 CHG:1 | 0
24 | 6.5 | Hypercare and throughput ramp-up                    | 10 15 20 | 23              | AUT:1 | 20000
25 | 6.6 | Handover to warehouse operations                    | 0 0 0    | 24              | | 0
""",
    ),
    dict(
        id="OFM", name="Head-office move", kind="Facilities - relocation",
        sponsor="Sophie Laurent", manager="Isabelle Fournier", start=dt.date(2026, 3, 2),
        priority=400, objective="O4", status="closing", reserve=0.05, mandatory=True,
        description="Move the 180 head-office staff from three floors in central Lyon "
                    "to a new, single-floor office at Gerland, without a day of lost business.",
        spi=[(1, 1.0), (10, 1.03), (20, 1.02), (28, 1.0)],
        cpi=[(1, 1.0), (10, 1.02), (30, 1.03)],
        final_ev=0.988,
        plan="""
01 | 1.1 | Head-office move start                             | 0 0 0    |                | | 0
02 | 1.2 | Space requirements survey                          | 8 10 14  | 1              | FAC:1 BA:1 | 0
03 | 1.3 | Lease negotiation and signature                    | 15 20 30 | 2              | FAC:1 PRC:1 | 20000
04 | 2.1 | Space planning and seating plan                    | 12 15 20 | 3              | FAC:1 BA:1  | 18000
05 | 2.2 | Fit-out tender and contractor award                | 10 12 18 | 4              | PRC:1 FAC:1 | 0
06 | 2.3 | Fit-out works (contractor)                         | 45 50 65 | 5              | FAC:1 | 690000
07 | 2.4 | Furniture selection and procurement                | 20 25 35 | 4              | PRC:1 | 210000
08 | 3.1 | Network and cabling design                         | 5 8 12   | 4              | INF:1 | 0
09 | 3.2 | Network cabling and Wi-Fi installation             | 12 15 20 | 8, 6 SS+15     | INF:2 | 85000
10 | 3.3 | Meeting-room audio-visual and telephony            | 5 8 12   | 9              | INF:1 | 45000
11 | 3.4 | Server room migration plan                         | 5 6 10   | 8              | INF:2 | 0
12 | 3.5 | Building ready for occupation                      | 0 0 0    | 6, 7, 9, 10    | | 0
13 | 4.1 | Staff communication and move guides                | 15 20 25 | 4              | CHG:1 | 6000
14 | 4.2 | Packing and labelling, department by department    | 8 10 12  | 13, 12 FS-5    | FAC:1 CHG:1 | 15000
15 | 4.3 | Move wave 1: finance, HR and IT                    | 2 2 3    | 14, 12         | FAC:2 INF:2 | 28000
16 | 4.4 | Server room move                                   | 1 2 3    | 11, 15 SS      | INF:2 | 12000
17 | 4.5 | Move wave 2: sales, purchasing and management      | 2 2 3    | 15             | FAC:2 INF:1 | 30000
18 | 4.6 | All staff moved                                    | 0 0 0    | 16, 17         | | 0
19 | 5.1 | Snagging and defects list                          | 10 15 20 | 18             | FAC:1 | 0
20 | 5.2 | Old premises reinstatement and keys returned       | 15 20 25 | 18             | FAC:1 | 65000
21 | 5.3 | Lessons learned and closure report                 | 3 5 8    | 19             | PM:1 CHG:1 | 0
22 | 5.4 | Head-office move closed                            | 0 0 0    | 20, 21         | | 0
""",
    ),
    dict(
        id="DAT", name="Data platform", kind="IT - data and analytics",
        sponsor="David Okafor", manager="Priya Raman", start=dt.date(2026, 5, 4),
        priority=500, objective="O3", status="in progress", reserve=0.06,
        description="Build a cloud data platform that brings ERP, CRM, WMS and web-shop data "
                    "together and replaces the spreadsheet-based management reporting.",
        spi=[(1, 1.0), (10, 0.98), (21, 0.99)],
        cpi=[(1, 1.0), (8, 0.95), (21, 0.93)],
        plan="""
01 | 1.1 | Data platform start                                 | 0 0 0    |               | | 0
02 | 1.2 | Data source inventory                               | 12 15 20 | 1             | DE:1 BA:1 | 0
03 | 1.3 | Cloud platform selection and target architecture    | 15 20 30 | 1             | ARC:1 INF:1 | 0
04 | 1.4 | Data governance charter and data owners             | 15 20 30 | 2             | BA:2 | 0
05 | 2.1 | Landing zone and security baseline                  | 12 15 20 | 3             | INF:1 SEC:1 | 40000
06 | 2.2 | Platform foundation ready                           | 0 0 0    | 5             | | 0
07 | 3.1 | Ingestion pipelines: legacy order system            | 25 30 45 | 6, 2          | DE:2 | 15000
08 | 3.2 | Ingestion pipelines: CRM                            | 12 15 20 | 7 SS+5        | DE:1 | 5000
09 | 3.3 | Ingestion pipelines: WMS and transport              | 15 20 30 | 7             | DE:1 | 5000
10 | 3.4 | Ingestion pipelines: web shop                       | 12 15 20 | 9 SS+5        | DE:1 | 5000
11 | 3.5 | Data quality rules and monitoring                   | 15 20 30 | 7 SS+10       | BA:1 | 10000
12 | 4.1 | Sales data model                                    | 15 20 30 | 7, 8, 10      | DE:1 BA:1 | 0
13 | 4.2 | Inventory and supply data model                     | 15 20 30 | 9             | DE:1 BA:1 | 0
14 | 4.3 | Finance data model                                  | 15 20 30 | 7             | DE:1 BA:1 | 0
15 | 4.4 | Data models released                                | 0 0 0    | 4, 12, 13, 14 | | 0
16 | 5.1 | Sales dashboards                                    | 12 15 20 | 12            | DEV:1 BA:1 | 0
17 | 5.2 | Inventory and service-level dashboards              | 12 15 20 | 13            | DEV:1 BA:1 | 0
18 | 5.3 | Management KPI pack                                 | 12 15 22 | 15            | DEV:1 BA:1 | 0
19 | 5.4 | User acceptance of reports                          | 8 10 15  | 16, 17, 18    | QA:1 BA:1 | 0
20 | 6.1 | Access roles and GDPR review                        | 5 8 12   | 15            | SEC:1 | 0
21 | 6.2 | Self-service BI training                            | 8 10 15  | 19 SS+3       | TRN:1 | 4000
22 | 6.3 | Legacy reporting switch-off                         | 4 5 8    | 19, 20, 11    | DE:1 | 0
23 | 6.4 | Platform in production                              | 0 0 0    | 21, 22        | | 0
""",
    ),
    dict(
        id="ECO", name="E-commerce storefront relaunch", kind="Digital - customer facing",
        sponsor="Camille Roux", manager="Hugo Lefèvre", start=dt.date(2026, 6, 1),
        priority=700, objective="O1", status="in progress", reserve=0.07,
        description="Relaunch the consumer and trade web shop on a headless commerce platform "
                    "in time for Black Friday and the Christmas peak.",
        spi=[(1, 1.0), (5, 0.98), (17, 0.91)],
        cpi=[(1, 1.0), (17, 0.99)],
        plan="""
01 | 1.1 | Storefront relaunch start                           | 0 0 0    |                    | | 0
02 | 1.2 | UX research and customer journeys                   | 12 15 20 | 1                  | BA:1 | 18000
03 | 1.3 | Commerce platform and agency onboarding             | 5 8 12   | 1                  | ARC:1 PRC:1 | 60000
04 | 2.1 | Visual design and design system                     | 15 18 25 | 2                  | DEV:1 | 45000
05 | 2.2 | Headless architecture and API design                | 10 12 18 | 3                  | ARC:1 DEV:1 | 0
06 | 2.3 | Design approved                                     | 0 0 0    | 4, 5               | | 0
07 | 3.1 | Catalogue and product pages                         | 25 30 40 | 6                  | DEV:1 | 60000
08 | 3.2 | Search and navigation                               | 12 15 22 | 7 SS+5             | DEV:1 | 12000
09 | 3.3 | Basket, checkout and payment                        | 30 35 50 | 6                  | DEV:1 | 70000
10 | 3.4 | Trade-customer portal (B2B prices and ordering)     | 25 30 45 | 9 SS+10            | DEV:1 BA:1 | 10000
11 | 3.5 | Stock and order integration with order system       | 15 20 30 | 5                  | DEV:1 | 15000
12 | 3.6 | Product content migration                           | 15 20 25 | 6                  | BA:2 | 8000
13 | 3.7 | Feature complete                                    | 0 0 0    | 7, 8, 9, 10, 11    | | 0
14 | 4.1 | Functional and regression testing                   | 20 25 35 | 13                 | QA:2 | 15000
15 | 4.2 | Performance test for peak season                    | 4 5 8    | 14 SS+5            | QA:1 INF:1 | 9000
16 | 4.3 | Security penetration test                           | 4 5 8    | 13                 | SEC:1 | 14000
17 | 4.4 | SEO redirects and web analytics                     | 4 5 8    | 12, 13             | DEV:1 | 0
18 | 5.1 | Customer-service training                           | 3 4 6    | 14 SS+5            | BA:1  | 0
19 | 5.2 | Launch readiness review                             | 0 0 0    | 14, 15, 16, 17, 18 | | 0
20 | 5.3 | Soft launch (10 % of traffic)                       | 8 10 12  | 19                 | DEV:1 INF:1 | 0
21 | 5.4 | Full launch                                         | 0 0 0    | 20                 | | 0
22 | 5.5 | Post-launch optimisation                            | 10 15 20 | 21                 | DEV:1 BA:1 | 10000
23 | 5.6 | Storefront relaunch closed                          | 0 0 0    | 22                 | | 0
""",
    ),
    dict(
        id="SEC", name="ISO 27001 certification programme", kind="Compliance - security",
        sponsor="David Okafor", manager="Martin Kowalski", start=dt.date(2026, 7, 6),
        priority=800, objective="O4", status="in progress", reserve=0.07, mandatory=True,
        description="Put an information security management system in place and obtain "
                    "ISO/IEC 27001 certification, which two large retail customers now require.",
        spi=[(1, 1.0), (12, 1.03)],
        cpi=[(1, 1.0), (6, 0.94), (12, 0.93)],
        plan="""
01 | 1.1  | Security programme start                           | 0 0 0    |                    | | 0
02 | 1.2  | ISMS scope and context                             | 10 12 15 | 1                  | SEC:1 PM:1 | 12000
03 | 1.3  | Information asset inventory                        | 15 20 30 | 2 SS+5             | SEC:1 INF:1 | 0
04 | 1.4  | Risk assessment method and criteria                | 5 8 10   | 2                  | SEC:1 | 6000
05 | 2.1  | Information security risk assessment               | 20 25 35 | 3, 4               | SEC:1 BA:1 | 18000
06 | 2.2  | Statement of applicability                         | 8 10 15  | 5                  | SEC:1 | 6000
07 | 2.3  | Risk treatment plan approved                       | 0 0 0    | 6                  | | 0
08 | 3.1  | Information security policies                      | 15 20 30 | 4                  | SEC:1 CHG:1 | 8000
09 | 3.2  | Identity and access management hardening           | 30 35 50 | 7                  | INF:1 SEC:1 | 45000
10 | 3.3  | Endpoint protection and patch management           | 20 25 35 | 7                  | INF:1 | 38000
11 | 3.4  | Backup and disaster recovery test                  | 10 12 20 | 7                  | INF:1 | 15000
12 | 3.5  | Supplier security assessment                       | 12 15 20 | 7                  | PRC:1 SEC:1 | 0
13 | 3.6  | Security logging and monitoring (managed SOC)      | 25 30 40 | 9 SS+10            | SEC:1 | 60000
14 | 3.7  | Security awareness training, all staff             | 20 30 40 | 8                  | TRN:1 CHG:1 | 12000
15 | 3.8  | Business continuity plan                           | 15 20 30 | 5                  | BA:1 SEC:1 | 0
16 | 3.9  | Controls implemented                               | 0 0 0    | 9, 10, 11, 12, 13, 14, 15 | | 0
17 | 4.1  | ISMS in operation: metrics and records             | 40 45 50 | 16                 | SEC:1 | 0
18 | 4.2  | Internal audit                                     | 8 10 15  | 16 FS+20           | SEC:1 | 15000
19 | 4.3  | Corrective actions                                 | 8 10 20  | 18                 | SEC:1 INF:1 | 10000
20 | 4.4  | Management review                                  | 2 3 5    | 19 SS+5            | SEC:1 PM:1 | 0
21 | 4.5  | Stage 1 certification audit                        | 2 3 4    | 17, 20, 19 FF      | SEC:1 | 9000
22 | 4.6  | Stage 1 findings closed                            | 5 10 15  | 21                 | SEC:1 INF:1 | 0
23 | 4.7  | Stage 2 certification audit                        | 3 4 5    | 22                 | SEC:1 | 16000
24 | 4.8  | ISO 27001 certificate obtained                     | 0 0 0    | 23                 | | 0
""",
    ),
]

# Meridian's estimating rule (the PMO's policy, not a standard): every purchase in a plan
# (a supplier quote, licences, works) carries an activity contingency reserve of 10 % of the
# quote, for the known-unknowns of price and quantity. The plan's purchases column is the
# quote plus that contingency, so a task's cost_eur (its work package cost estimate) is
# labour + quote + contingency; the labour is costed at the most likely duration and has no
# contingency of its own (its uncertainty is what a cost simulation shows).
CONTINGENCY_RATE = 0.10


def activity_contingency(purchases: int) -> int:
    """The contingency inside a purchase line: purchases = quote x (1 + rate), to the euro."""
    return int(round(purchases * CONTINGENCY_RATE / (1 + CONTINGENCY_RATE)))


REF_RE = re.compile(r"^(?P<n>\d+)(?:\s*(?P<type>FS|SS|FF|SF)(?P<lag>[+-]\d+)?)?$")


def parse_plan(project: dict) -> list[dict]:
    """Turn a plan text into task dicts with global ids and parsed links."""
    pid = project["id"]
    tasks = []
    for line in project["plan"].strip().splitlines():
        n, wbs, name, omp, preds, res, purchases = (part.strip() for part in line.split("|"))
        o, m, p = (int(x) for x in omp.split())
        links = []
        for ref in filter(None, (r.strip() for r in preds.split(","))):
            match = REF_RE.match(ref)
            if not match:
                raise ValueError(f"{pid}-{n}: bad reference {ref!r}")
            links.append((f"{pid}-{int(match['n']):02d}", match["type"] or "FS",
                          int(match["lag"] or 0)))
        resources = []
        for item in res.split():
            role, units = item.split(":")
            resources.append((role, float(units)))
        labour = sum(RATE[role] * units * m for role, units in resources)
        tasks.append(dict(
            id=f"{pid}-{int(n):02d}", project=pid, wbs=wbs, name=name,
            optimistic=o, most_likely=m, pessimistic=p, duration=m, milestone=m == 0,
            links=links, resources=resources, cost=int(round(labour + int(purchases))),
            contingency=activity_contingency(int(purchases)), purchases=int(purchases),
        ))
    return tasks


def format_links(links) -> str:
    out = []
    for pred, kind, lag in links:
        if kind == "FS" and lag == 0:
            out.append(pred)
        elif lag == 0:
            out.append(f"{pred} {kind}")
        else:
            out.append(f"{pred} {kind}{lag:+d}")
    return ", ".join(out)


def forward_pass(tasks: list[dict]) -> dict[str, tuple[int, int]]:
    """Early start and finish (working-day offsets) of every task.

    ES_j = max(0, EF_i + lag [FS], ES_i + lag [SS], EF_i + lag - d_j [FF],
    ES_i + lag - d_j [SF]); EF = ES + d.
    """
    by_id = {t["id"]: t for t in tasks}
    indegree = {t["id"]: len(t["links"]) for t in tasks}
    successors = {t["id"]: [] for t in tasks}
    for t in tasks:
        for pred, _, _ in t["links"]:
            successors[pred].append(t["id"])
    ready = [tid for tid, k in indegree.items() if k == 0]
    early = {}
    while ready:
        tid = ready.pop(0)
        t = by_id[tid]
        d = t["duration"]
        es = 0
        for pred, kind, lag in t["links"]:
            pes, pef = early[pred]
            es = max(es, {"FS": pef + lag, "SS": pes + lag,
                          "FF": pef + lag - d, "SF": pes + lag - d}[kind])
        early[tid] = (es, es + d)
        for s in successors[tid]:
            indegree[s] -= 1
            if indegree[s] == 0:
                ready.append(s)
    if len(early) != len(tasks):
        raise ValueError("cycle in the network")
    return early


def daily_pv(tasks, early) -> np.ndarray:
    """Planned cost of each working day (index 0 = the project's start day)."""
    horizon = max(ef for _, ef in early.values())
    per_day = np.zeros(horizon)
    for t in tasks:
        es, ef = early[t["id"]]
        if ef > es:
            per_day[es:ef] += t["cost"] / (ef - es)
    return per_day


# --------------------------------------------------------------------------
# Status (PV from the baseline, EV and AC from the story)
# --------------------------------------------------------------------------


def knots(points, x):
    weeks, values = zip(*points)
    return np.interp(x, weeks, values)


def weekly_status(project, tasks, early, rng):
    per_day = daily_pv(tasks, early)
    bac = float(sum(t["cost"] for t in tasks))
    days = working_days_from(project["start"], len(per_day) + 400)
    cum = np.concatenate([[0.0], np.cumsum(per_day)])  # cum[k] = PV after k working days
    cum = np.minimum(cum, bac)

    def pv_after(k: float) -> float:
        """PV after k working days (k may be fractional, or beyond the plan)."""
        if k >= len(cum) - 1:
            return bac
        return float(np.interp(k, np.arange(len(cum)), cum))

    start = project["start"]
    friday = start + dt.timedelta(days=4 - start.weekday())
    rows, week = [], 1
    ev_prev = ac_prev = 0.0
    while friday <= STATUS_DATE:
        k = sum(1 for d in days if d <= friday)  # working days elapsed by Friday evening
        pv = round(pv_after(k), 2) if k < len(cum) else round(bac, 2)
        spi = float(knots(project["spi"], week))
        cpi = float(knots(project["cpi"], week))
        earned_time = k * spi * (1 + rng.normal(0, 0.015))
        ev = pv_after(earned_time)
        ev = min(ev, bac * project.get("final_ev", 1.0))
        ev = max(ev, ev_prev)
        ev_inc = ev - ev_prev
        ac_inc = max(0.0, ev_inc / cpi * (1 + rng.normal(0, 0.06)))
        # people still book time in a week where nothing new is earned
        if ev_inc == 0 and rows:
            recent = [r["ac_eur"] for r in rows[-4:]]
            run_rate = (recent[-1] - recent[0]) / max(1, len(recent) - 1)
            ac_inc = 0.3 * run_rate
        ev = round(ev, 2)
        ac = round(ac_prev + ac_inc, 2)
        rows.append(dict(project=project["id"], week=week, status_date=friday.isoformat(),
                         pv_eur=pv, ev_eur=ev, ac_eur=ac,
                         percent_complete=round(100 * ev / bac, 1)))
        ev_prev, ac_prev = ev, ac
        week += 1
        friday += dt.timedelta(days=7)
    return rows


# --------------------------------------------------------------------------
# Authored tables: OKRs, risks, portfolio scores
# --------------------------------------------------------------------------

OKRS = [
    ("O1", "Grow profitable omnichannel sales", [
        ("KR1.1", "Share of revenue from online channels", "%", 12, 18, 13.4, "ECO,CRM"),
        ("KR1.2", "Trade-customer retention rate", "%", 86, 90, 87.5, "CRM"),
        ("KR1.3", "Net promoter score of online customers", "points", 31, 40, 33, "ECO"),
    ]),
    ("O2", "Run a faster, leaner supply chain", [
        ("KR2.1", "Order lines picked per hour at Saint-Priest", "lines/hour", 85, 120, 88, "WHA"),
        ("KR2.2", "Order-to-ship lead time", "hours", 30, 18, 27, "WHA,ERP"),
        ("KR2.3", "Days of inventory on hand", "days", 74, 62, 70, "ERP,DAT"),
        ("KR2.4", "Orders shipped complete and on time", "%", 91, 96, 92.8, ""),
    ]),
    ("O3", "Decide with one version of the truth", [
        ("KR3.1", "Management KPIs served from the data platform", "%", 0, 80, 25, "DAT,ERP"),
        ("KR3.2", "Month-end close", "working days", 9, 5, 8, "ERP"),
    ]),
    ("O4", "Be a secure, attractive place to work", [
        ("KR4.1", "ISO 27001 certificate obtained", "yes=1/no=0", 0, 1, 0, "SEC"),
        ("KR4.2", "Staff who completed security awareness training", "%", 35, 95, 48, "SEC"),
        ("KR4.3", "Employee engagement score (annual survey)", "points", 62, 70, 66, "OFM"),
    ]),
]

# Probability bands (policy of the PMO, documented in the README):
# 1 = rare (1-10 %), 2 = unlikely (11-30 %), 3 = possible (31-50 %),
# 4 = likely (51-70 %), 5 = almost certain (71-99 %).
PROBABILITY_BANDS = {1: (1, 10), 2: (11, 30), 3: (31, 50), 4: (51, 70), 5: (71, 99)}

# id, project, title, cause, effect, category, owner, P, I, pct, cost, days, task,
# response, action, status, raised
RISKS = [
    ("R-001", "ERP", "Integrator consultants pulled onto another client",
     "the integrator runs several go-lives in autumn 2026",
     "the build and test phases lose experienced consultants and slip",
     "supplier", "Paul Girard", 4, 4, 60, -120000, 20, "ERP-11", "mitigate",
     "Named key consultants written into the contract; weekly staffing review with the integrator",
     "occurred", "2026-03-16"),
    ("R-002", "ERP", "Scope creep from fit-gap workshops",
     "business units ask to reproduce every legacy screen and report",
     "more configuration and custom development than budgeted",
     "organisational", "Hélène Marchand", 5, 4, 80, -150000, 15, "ERP-10", "mitigate",
     "Design authority rejects non-standard requests unless a business case is approved by the sponsor",
     "occurred", "2026-02-23"),
    ("R-003", "ERP", "Poor quality of legacy item master data",
     "15 years of duplicate and obsolete item codes in the old system",
     "migration dry runs fail and cut-over is delayed",
     "technical", "Priya Raman", 4, 4, 65, -60000, 15, "ERP-14", "mitigate",
     "Data owners per domain; weekly data quality dashboard; obsolete items archived before migration",
     "open", "2026-02-09"),
    ("R-004", "ERP", "Key users unavailable during peak season",
     "sales and warehouse key users are needed for Black Friday and Christmas orders",
     "user acceptance testing in November is under-staffed",
     "resource", "Hélène Marchand", 4, 3, 55, -40000, 10, "ERP-19", "mitigate",
     "Back-fill key users with temporary staff from October; UAT scripts ready before November",
     "open", "2026-05-11"),
    ("R-005", "ERP", "Bank interface certification takes longer than planned",
     "each bank requires its own test cycle for payment files",
     "the interfaces build finishes late",
     "external", "Paul Girard", 3, 2, 40, -15000, 10, "ERP-12", "accept",
     "Start bank certification requests as soon as file formats are frozen",
     "open", "2026-04-20"),
    ("R-006", "ERP", "Go-live on the fiscal year change is missed",
     "schedule slippage on build and testing",
     "go-live pushed to a period close, double running of old and new systems",
     "organisational", "Hélène Marchand", 4, 5, 60, -220000, 40, "ERP-26", "escalate",
     "Steering committee to decide in October between a February go-live and descoping phase 1",
     "open", "2026-08-31"),
    ("R-007", "ERP", "Reuse of the integrator's wholesale template",
     "the integrator has a ready-made template for distributors",
     "less configuration effort for supply chain",
     "supplier", "Paul Girard", 3, 3, 35, 45000, -5, "ERP-11", "exploit",
     "Adopt the template for purchasing and inventory; only document the gaps",
     "closed", "2026-04-06"),
    ("R-008", "CRM", "Legacy CRM export tool unsupported",
     "the legacy CRM vendor no longer supports its export utility",
     "data extraction needs custom scripts",
     "technical", "Amélie Dubois", 2, 2, 25, -8000, 3, "CRM-13", "accept",
     "Data engineer writes SQL extracts directly on the legacy database",
     "closed", "2026-02-16"),
    ("R-009", "CRM", "Sales representatives resist the new opportunity pipeline",
     "the new pipeline makes forecasts visible to management",
     "low adoption and poor data quality after go-live",
     "organisational", "Thomas Berger", 3, 3, 45, -20000, 0, "CRM-19", "mitigate",
     "Sales champions in each region; pipeline reviews run from the CRM from day one",
     "open", "2026-03-02"),
    ("R-010", "CRM", "Telephony connector not compatible with the switchboard",
     "the switchboard firmware is two major versions behind",
     "click-to-call and call logging do not work at go-live",
     "technical", "Amélie Dubois", 2, 3, 20, -12000, 5, "CRM-11", "transfer",
     "Telephony provider upgrades the firmware under the support contract",
     "closed", "2026-04-13"),
    ("R-011", "CRM", "Early go-live before the autumn sales campaign",
     "configuration is ahead of plan",
     "sales teams use the new CRM for the whole autumn campaign",
     "organisational", "Amélie Dubois", 4, 3, 60, 30000, -10, "CRM-23", "exploit",
     "Bring final migration forward by two weeks if UAT exit criteria are met",
     "occurred", "2026-07-20"),
    ("R-012", "CRM", "GDPR consent data incomplete",
     "marketing consents were stored in spreadsheets outside the legacy CRM",
     "contacts without proven consent cannot be migrated for marketing use",
     "external", "Thomas Berger", 3, 2, 35, -6000, 0, "CRM-13", "mitigate",
     "Consolidate consent spreadsheets; re-consent campaign for the rest",
     "open", "2026-03-23"),
    ("R-013", "WHA", "Conveyor supplier delivery delay",
     "the supplier's factory is short of drive motors",
     "installation cannot start on time and the peak-season deadline is at risk",
     "supplier", "Lucas Moreau", 4, 5, 65, -50000, 30, "WHA-08", "mitigate",
     "Penalty clause invoked; weekly factory progress calls; installation crew re-planned",
     "occurred", "2026-06-01"),
    ("R-014", "WHA", "Works council asks for an ergonomic study",
     "the new workstations change the pickers' working conditions",
     "installation cannot start until the CSE gives its opinion",
     "organisational", "Karim Benali", 3, 3, 40, -15000, 15, "WHA-04", "mitigate",
     "Ergonomist involved in the layout design; CSE members visit a reference site",
     "closed", "2026-04-20"),
    ("R-015", "WHA", "Floor slab too weak for the sorter",
     "the 1998 slab was not designed for point loads of the sorter frame",
     "extra civil works and delay to site readiness",
     "technical", "Lucas Moreau", 2, 4, 20, -80000, 15, "WHA-09", "avoid",
     "Core samples taken before design freeze; sorter moved to the reinforced zone",
     "closed", "2026-05-04"),
    ("R-016", "WHA", "WMS vendor slow to deliver the interface",
     "the WMS vendor's integration team is fully booked",
     "control software cannot be tested end to end",
     "supplier", "Lucas Moreau", 3, 3, 45, -25000, 10, "WHA-11", "transfer",
     "Fixed-price change request with a delivery date and penalties",
     "open", "2026-06-15"),
    ("R-017", "WHA", "Installation overlaps the Christmas peak",
     "installation is planned for November-December and the supplier delay pushes it later",
     "installation disturbs picking during the busiest weeks",
     "external", "Karim Benali", 4, 4, 60, -70000, 20, "WHA-13", "avoid",
     "Freeze installation from 23 November to 8 January; install inbound lanes first",
     "open", "2026-08-17"),
    ("R-018", "WHA", "Energy-efficiency subsidy for the conveyor drives",
     "the conveyor drives qualify for the national energy-saving certificates scheme",
     "part of the equipment cost is refunded",
     "external", "Karim Benali", 3, 2, 45, 35000, 0, "WHA-08", "enhance",
     "Subsidy file prepared with the supplier's energy data before delivery",
     "open", "2026-07-06"),
    ("R-019", "OFM", "Fit-out contractor delay",
     "the contractor's workforce is shared with another site",
     "building not ready and move weekends pushed back",
     "supplier", "Isabelle Fournier", 3, 4, 35, -40000, 10, "OFM-06", "mitigate",
     "Weekly site meetings; late-delivery penalties in the contract",
     "closed", "2026-04-13"),
    ("R-020", "OFM", "Network link not ready at the new office",
     "the telecom operator's lead time for fibre is 60 days",
     "staff cannot work on day one after the move",
     "external", "Isabelle Fournier", 3, 5, 40, -30000, 10, "OFM-09", "mitigate",
     "Fibre ordered at lease signature; 4G backup routers rented for the move period",
     "closed", "2026-04-06"),
    ("R-021", "OFM", "Furniture delivered damaged or incomplete",
     "long supply chain of the furniture maker",
     "some teams without desks on move day",
     "supplier", "Isabelle Fournier", 2, 2, 25, -8000, 2, "OFM-07", "accept",
     "Keep 20 old desks in storage until the snag list is closed",
     "occurred", "2026-05-18"),
    ("R-022", "OFM", "Staff disengagement after the move",
     "open-plan office and longer commute for some staff",
     "drop in engagement and higher turnover",
     "organisational", "Sophie Laurent", 3, 3, 35, -20000, 0, "OFM-13", "mitigate",
     "Staff visits of the new office; quiet rooms; flexible start times for the first month",
     "open", "2026-03-16"),
    ("R-023", "OFM", "Dilapidations claim on the old premises",
     "the landlord's surveyor lists damage beyond normal wear and tear",
     "reinstatement of the old offices costs more and the keys are returned late",
     "financial", "Sophie Laurent", 3, 3, 45, -35000, 10, "OFM-20", "mitigate",
     "Joint inspection with the landlord's surveyor, using the photos of the 2014 entry inventory",
     "open", "2026-08-24"),
    ("R-024", "DAT", "Cloud consumption above estimate",
     "pipelines reload full tables instead of increments",
     "monthly cloud bill higher than budgeted",
     "technical", "Priya Raman", 4, 2, 55, -25000, 0, "DAT-07", "mitigate",
     "Incremental loads for the largest tables; budget alerts on the cloud account",
     "occurred", "2026-06-22"),
    ("R-025", "DAT", "Data engineers shared with the ERP migration",
     "the same three data engineers also run the ERP data migration",
     "ingestion pipelines slip when ERP dry runs need them",
     "resource", "David Okafor", 4, 3, 65, -30000, 15, "DAT-09", "escalate",
     "PMO to arbitrate data-engineer allocation at the portfolio board; contractor as back-up",
     "open", "2026-05-25"),
    ("R-026", "DAT", "No agreed definition of gross margin",
     "finance and sales compute margin differently",
     "KPI pack rejected by management",
     "organisational", "Hélène Marchand", 3, 3, 40, -10000, 10, "DAT-18", "mitigate",
     "Data owners agree a glossary of the 25 management KPIs before the data models are released",
     "open", "2026-06-08"),
    ("R-027", "DAT", "Legacy system changes during the ERP roll-out",
     "the old order system is being replaced while pipelines read from it",
     "ingestion pipelines must be rebuilt on the new ERP",
     "technical", "Priya Raman", 5, 3, 85, -40000, 0, "DAT-07", "accept",
     "Accepted: pipelines rebuilt on the ERP in a follow-up release, budgeted in 2027",
     "open", "2026-05-11"),
    ("R-028", "ECO", "Payment provider certification late",
     "the payment provider requires a new certification for the headless checkout",
     "checkout cannot go live",
     "supplier", "Hugo Lefèvre", 3, 4, 40, -20000, 10, "ECO-09", "mitigate",
     "Certification requested early; fallback to the hosted payment page",
     "open", "2026-06-15"),
    ("R-029", "ECO", "Launch after Black Friday",
     "development runs behind plan",
     "the relaunch misses the peak season and the online revenue target",
     "organisational", "Camille Roux", 3, 5, 45, -150000, 15, "ECO-21", "escalate",
     "Steering committee to decide a reduced launch scope (B2B portal in January) "
     "if feature complete slips past 2 October",
     "open", "2026-09-07"),
    ("R-030", "ECO", "SEO ranking drop after relaunch",
     "changed URLs and page structure",
     "organic traffic falls for several weeks",
     "technical", "Hugo Lefèvre", 3, 3, 45, -35000, 0, "ECO-17", "mitigate",
     "Full redirect map tested in staging; monitoring of search console after launch",
     "open", "2026-06-29"),
    ("R-031", "ECO", "Agency offers its accessibility toolkit",
     "the agency has a ready accessibility component library",
     "faster design and compliance with the accessibility law of June 2025",
     "supplier", "Hugo Lefèvre", 4, 2, 60, 12000, -3, "ECO-04", "exploit",
     "Use the agency's component library for the design system",
     "closed", "2026-06-08"),
    ("R-032", "SEC", "Certification body audit slots fully booked",
     "many firms seek ISO 27001 before NIS2 obligations apply",
     "stage 1 audit cannot be held on the planned date",
     "external", "Martin Kowalski", 3, 4, 45, -10000, 20, "SEC-21", "mitigate",
     "Book audit dates with the certification body now, with a provisional date",
     "open", "2026-07-13"),
    ("R-033", "SEC", "Security specialists overloaded",
     "two security specialists support the programme and all projects' security reviews",
     "controls implementation slips",
     "resource", "David Okafor", 4, 4, 65, -45000, 20, "SEC-09", "mitigate",
     "Managed security service for monitoring; security reviews of projects batched monthly",
     "open", "2026-07-20"),
    ("R-034", "SEC", "Ransomware incident before controls are in place",
     "phishing campaigns targeting wholesalers",
     "systems down for several days and certification delayed",
     "external", "David Okafor", 2, 5, 20, -250000, 30, "SEC-10", "mitigate",
     "Fast-track endpoint protection and offline backups; cyber insurance reviewed",
     "open", "2026-07-06"),
    ("R-035", "SEC", "Customer audits replaced by the certificate",
     "two retail customers accept the certificate instead of their own audits",
     "less audit effort each year",
     "external", "Martin Kowalski", 3, 2, 40, 20000, 0, "", "enhance",
     "Share the ISMS scope with the customers' security teams early",
     "open", "2026-08-10"),
]

# Portfolio scores. Active projects: strategic_fit, financial_value, risk, urgency,
# capability, npv (their cost is the budget and their duration the baseline's).
# Proposed projects: id, name, the five scores, npv, cost, duration in months.
SCORES_ACTIVE = {
    "ERP": (5, 4, 5, 5, 3, 2100000),
    "CRM": (4, 3, 2, 3, 4, 640000),
    "WHA": (5, 5, 4, 4, 3, 2900000),
    "OFM": (3, 2, 2, 5, 4, 350000),
    "DAT": (4, 3, 3, 3, 3, 520000),
    "ECO": (5, 4, 3, 5, 4, 1300000),
    "SEC": (4, 2, 2, 5, 3, 400000),
}
SCORES_PROPOSED = [
    ("P-PIM", "Product information management (PIM)", 4, 3, 2, 3, 4, 480000, 520000, 8),
    ("P-TMS", "Transport management system", 4, 4, 3, 3, 3, 950000, 780000, 9),
    ("P-SOL", "Solar roof on the Lille warehouse", 3, 3, 2, 2, 2, 610000, 1100000, 6),
    ("P-EDI", "Supplier portal and EDI expansion", 3, 3, 2, 3, 4, 390000, 310000, 5),
    ("P-AIF", "AI demand forecasting pilot", 4, 4, 4, 2, 2, 820000, 450000, 6),
]

# The milestone log, as the project managers reported it on the status date (25 Sep 2026): for
# every milestone of every plan, either the date its deliverable was accepted, and by whom (a
# milestone is reached when its deliverable is accepted, not when a date or an index passes it),
# or the project manager's forecast date. Forecasts move each milestone's baseline date by the
# project's slip in working days (the earned-schedule forecast of its end), except where the story
# says otherwise (ECO's feature complete, two weeks behind; the start of a project is accepted).
# task_id: (forecast, accepted, accepted_by); dates ISO, "" for none.
MILESTONE_LOG = {
    "ERP-01": ("", "2026-01-12", "Hélène Marchand"),
    "ERP-08": ("", "2026-05-19", "Hélène Marchand"),  # fit-gap scope creep: a month late
    "ERP-13": ("2026-10-20", "", ""),
    "ERP-24": ("2027-03-03", "", ""),
    "ERP-26": ("2027-03-08", "", ""),
    "ERP-28": ("2027-03-30", "", ""),
    "CRM-01": ("", "2026-02-02", "Thomas Berger"),
    "CRM-07": ("", "2026-03-13", "Thomas Berger"),
    "CRM-12": ("", "2026-05-19", "Thomas Berger"),
    "CRM-22": ("", "2026-08-14", "Thomas Berger"),
    "CRM-24": ("", "2026-08-18", "Thomas Berger"),  # went live early, now in hypercare
    "CRM-26": ("2026-10-05", "", ""),
    "WHA-01": ("", "2026-04-13", "Karim Benali"),
    "WHA-07": ("", "2026-06-25", "Karim Benali"),
    "WHA-12": ("", "2026-07-31", "Karim Benali"),  # the site is ready; the conveyors are not
    "WHA-16": ("2027-02-24", "", ""),
    "WHA-21": ("2027-03-19", "", ""),
    "WHA-25": ("2027-04-26", "", ""),
    "OFM-01": ("", "2026-03-02", "Sophie Laurent"),
    "OFM-12": ("", "2026-08-05", "Sophie Laurent"),
    "OFM-18": ("", "2026-08-18", "Sophie Laurent"),  # everyone moved in August, as planned
    "OFM-22": ("2026-10-02", "", ""),  # the snags and the old premises are still open
    "DAT-01": ("", "2026-05-04", "David Okafor"),
    "DAT-06": ("", "2026-06-24", "David Okafor"),
    "DAT-15": ("2026-09-30", "", ""),
    "DAT-23": ("2026-11-12", "", ""),
    "ECO-01": ("", "2026-06-01", "Camille Roux"),
    "ECO-06": ("", "2026-07-21", "Camille Roux"),
    "ECO-13": ("2026-10-01", "", ""),  # the build runs about two weeks behind (R-029: 2 October)
    "ECO-19": ("2026-10-30", "", ""),
    "ECO-21": ("2026-11-16", "", ""),
    "ECO-23": ("2026-12-07", "", ""),
    "SEC-01": ("", "2026-07-06", "David Okafor"),
    "SEC-07": ("2026-09-28", "", ""),
    "SEC-16": ("2026-11-23", "", ""),
    "SEC-24": ("2027-02-19", "", ""),
}

# --------------------------------------------------------------------------
# Agile delivery: work items and sprints
# --------------------------------------------------------------------------
#
# Three projects deliver part of their scope from a backlog, inside the phase plan the PMO
# baselined (tasks.csv) and reports earned value against:
#
# * ECO, the storefront relaunch, is built by one Scrum team (the agency's and Meridian's
#   developers) in two-week sprints from 6 July; the release plan put feature complete (ECO-13)
#   at the end of sprint 5, 11 September. Trade customers asked for more of the B2B portal
#   during the sprints, so the release grew, and sprint 6 ended on the status date with the
#   portal still open.
# * DAT, the data platform, runs a Kanban board from 29 June, when the platform foundation was
#   ready. Until 7 August the data owners accepted finished items in one review, held late
#   because of the holidays: items waited, and twelve were accepted on Thursday 6 August. From
#   10 August each item is reviewed as soon as it is ready. The team does not estimate: it counts
#   items.
# * ERP is the hybrid: design, testing and deployment are planned predictively, the build
#   (ERP-10, ERP-11, ERP-12) runs in the integrator's two-week sprints from 27 April. The release
#   plan held 8 sprints; the fit-gap workshops' change requests kept arriving during the build
#   (risk R-002), and the integrator lost consultants in the summer (R-001).
#
# A title that starts with "+" was added to the backlog during the sprints (scope growth); the
# others were in the backlog the team started from. Story points are drawn from the sizes the
# teams use, with a generator of their own, so the tables above keep their values.

AGILE_SEED = [SEED, 19]
AGILE_START = {"ECO": dt.date(2026, 7, 6), "ERP": dt.date(2026, 4, 27), "DAT": dt.date(2026, 6, 29)}

# project: (team rate in EUR per person-day, (first, last) day the initial backlog was written)
SCRUM_TEAMS = {
    "ECO": (690, (dt.date(2026, 6, 8), dt.date(2026, 7, 3))),
    "ERP": (980, (dt.date(2026, 2, 23), dt.date(2026, 4, 24))),
}

# project, sprint, start, end, sprint goal, planned points (the developers' forecast at Sprint
# Planning), capacity (person-days available, after holidays and leave), points to take in
SPRINTS = [
    ("ECO", 1, "2026-07-06", "2026-07-17",
     "Product pages show live stock from the order system", 58, 63, 45),
    ("ECO", 2, "2026-07-20", "2026-07-31",
     "A consumer finds a product and puts it in the basket", 56, 66, 52),
    ("ECO", 3, "2026-08-03", "2026-08-14",
     "Checkout with card payment works end to end in test", 52, 52, 46),
    ("ECO", 4, "2026-08-17", "2026-08-28",
     "Trade customers sign in and see their own prices", 55, 58, 50),
    ("ECO", 5, "2026-08-31", "2026-09-11",
     "Web orders reach the order system; product content is migrated", 58, 68, 55),
    ("ECO", 6, "2026-09-14", "2026-09-25",
     "Trade customers order by item code; search is ready for the peak catalogue", 58, 70, 53),
    ("ERP", 1, "2026-04-27", "2026-05-08",
     "Finance core: chart of accounts, cost centres and fiscal calendar", 50, 62, 30),
    ("ERP", 2, "2026-05-11", "2026-05-22",
     "Purchasing master data and approval workflow", 48, 70, 34),
    ("ERP", 3, "2026-05-25", "2026-06-05",
     "Inventory: warehouses, locations and units of measure", 48, 68, 38),
    ("ERP", 4, "2026-06-08", "2026-06-19",
     "Sales orders with pricing conditions, end to end in the test system", 50, 78, 42),
    ("ERP", 5, "2026-06-22", "2026-07-03",
     "Bank payments and statements; first WMS interface", 50, 78, 44),
    ("ERP", 6, "2026-07-06", "2026-07-17",
     "Receivables and dunning; EDI orders from the retail chains", 48, 70, 40),
    ("ERP", 7, "2026-07-20", "2026-07-31",
     "Stock counting and lot tracking; WMS shipment confirmations", 46, 60, 34),
    ("ERP", 8, "2026-08-03", "2026-08-14",
     "Period close and the finance reports", 42, 56, 31),
    ("ERP", 9, "2026-08-17", "2026-08-28",
     "EDI invoices and despatch advice; rebates", 44, 64, 37),
    ("ERP", 10, "2026-08-31", "2026-09-11",
     "Change requests from the fit-gap: custom invoice layouts and pallet labels", 44, 70, 39),
    ("ERP", 11, "2026-09-14", "2026-09-25",
     "Credit management and the telesales order screen", 45, 72, 41),
]

# project: items started in the last sprint and still open on the status date (points)
CARRY_OVER = {"ECO": [3, 3], "ERP": [8, 5, 3]}

# The backlogs, in the order the product owners ranked them: (task_id, [titles]); the packages
# are interleaved by their place in the ranking, (first, last) as shares of the backlog.
BACKLOGS = {
    "ECO": [
        ("ECO-11", (0.0, 0.3), [
            "Stock levels from the order system every five minutes", "Web orders sent to the order system",
            "Order status updates back to the web shop", "Customer accounts synchronised with the order system",
            "Price lists imported nightly", "Integration error queue with replay",
            "Returns created in the order system from the web shop",
            "Stock reserved while a basket is checked out",
            "Integration monitoring and alerts for the operations team",
            "Delivery slots from the warehouse planning", "Order cancellation before picking",
        ]),
        ("ECO-07", (0.03, 0.5), [
            "Product page: image gallery with zoom", "Product page: variants by size and colour",
            "Product page: live stock by warehouse", "Product page: delivery promise",
            "Category page: facets and filters", "Category page: sort by price, novelty and rating",
            "Catalogue: product data feed from the item master", "Catalogue: prices with and without VAT",
            "Product page: related and complementary products",
            "Catalogue: promotions and struck-through prices", "Product page: care instructions and size guide",
            "Product page: structured data for search engines",
            "Catalogue: out-of-stock behaviour and back-in-stock alert", "Catalogue: bundles and sets",
            "Product page: mobile layout", "Catalogue: cache and CDN rules", "Product page: customer reviews",
            "Catalogue: eco-participation fee shown on furniture",
            "Category page: landing pages for the seasonal ranges",
            "+Product page: 3-D view of the small furniture range",
        ]),
        ("ECO-08", (0.15, 0.55), [
            "Search: type-ahead suggestions", "Search: synonyms and misspellings",
            "Search: ranking rules for the merchandisers", "Navigation: mega-menu", "Navigation: breadcrumbs",
            "Search: no-results page with suggestions", "Search: filters on the results page",
            "Search: search by item code for trade customers", "Navigation: store finder",
            "+Search: boost the Black Friday ranges",
        ]),
        ("ECO-12", (0.25, 0.65), [
            "Content: migrate 4,200 product descriptions", "Content: image resizing and compression pipeline",
            "Content: category texts rewritten for search engines", "Content: inventory of the legacy URLs",
            "Content: brand pages", "Content: legal pages and terms of sale", "Content: buying guides",
            "Content: translations for the Belgian trade customers",
        ]),
        ("ECO-09", (0.3, 0.84), [
            "Basket: add, change and remove lines", "Basket: saved basket for signed-in customers",
            "Checkout: guest checkout", "Checkout: address autocomplete",
            "Checkout: delivery options and prices", "Checkout: click and collect at the Lyon showroom",
            "Payment: card payment with 3-D Secure", "Payment: PayPal", "Payment: refunds from the back office",
            "Checkout: order confirmation e-mail", "Checkout: promotion codes", "Checkout: gift message",
            "Payment: fraud screening rules", "Checkout: VAT invoice download",
            "Basket: minimum order and free-delivery threshold", "Checkout: accessibility audit fixes",
            "+Payment: certification of the headless checkout by the payment provider",
            "+Payment: fallback to the hosted payment page", "Checkout: one-page checkout on mobile",
            "Account: sign up, sign in and password reset [5]", "Account: order history and tracking",
            "Checkout: payment in three instalments [3]",
        ]),
        ("ECO-10", (0.5, 1.0), [
            "Trade portal: sign in with the customer account number",
            "Trade portal: customer-specific price lists", "Trade portal: quick order by item code",
            "Trade portal: order history and reorder", "Trade portal: several delivery addresses per customer",
            "Trade portal: order from a spreadsheet file", "Trade portal: credit limit check at checkout",
            "Trade portal: invoices and statements", "Trade portal: users and roles per trade customer",
            "Trade portal: carton and pallet quantities",
            "+Trade portal: order approval by the buyer's manager [5]",
            "+Trade portal: contract prices valid from a date [3]",
            "+Trade portal: back-order lines and partial deliveries [3]",
            "+Trade portal: order templates for repeat orders [5]", "Trade portal: payment on account [3]",
            "+Trade portal: quotes requested online [5]",
            "+Trade portal: punch-out catalogue for the retail chains' buyers [5]",
            "+Trade portal: delivery date on each order line [3]",
        ]),
    ],
    "ERP": [
        ("ERP-10", (0.0, 0.85), [
            "Configure the chart of accounts", "Configure cost centres", "Configure profit centres",
            "Configure the fiscal calendar", "Configure French VAT codes", "Configure payment terms",
            "Configure bank accounts", "Configure fixed asset classes", "Configure depreciation rules",
            "Configure intercompany accounts", "Configure budget versions", "Configure dunning levels",
            "Configure the period close checklist", "Configure currency revaluation", "Report: trial balance",
            "Report: aged debtors", "Report: aged creditors", "Report: VAT return", "Report: cash forecast",
            "Report: profit and loss by cost centre", "Report: margin by customer",
            "Report: fixed asset register", "Report: budget against actual",
            "+Report: legacy management pack replica", "+Configure: customer-specific invoice layouts",
            "Configure credit management", "Configure expense reports",
        ]),
        ("ERP-11", (0.05, 0.95), [
            "Configure warehouses and locations", "Configure item categories", "Configure units of measure",
            "Configure the purchase approval workflow", "Configure reorder points",
            "Configure supplier price lists", "Configure landed costs", "Configure stock counting",
            "Configure lot tracking", "Configure sales order types", "Configure pricing conditions",
            "Configure customer rebates", "Configure delivery routes", "Configure the returns process",
            "Configure drop shipment", "Configure purchase contracts",
            "Configure quality inspection on receipt", "Configure stock transfers between warehouses",
            "Configure the available-to-promise check", "Configure backorders",
            "Configure goods receipt tolerances", "Configure vendor evaluation", "Configure sales quotations",
            "Configure the credit check on orders", "Configure promotions for the retail chains",
            "+Enhancement: telesales order screen like the legacy one", "+Enhancement: custom pallet labels",
            "+Enhancement: rebate statements for the retail chains",
            "Configure serial numbers for small furniture", "Configure packaging materials",
        ]),
        ("ERP-12", (0.1, 1.0), [
            "Interface: pick orders to the WMS", "Interface: shipment confirmations from the WMS",
            "Interface: stock adjustments from the WMS", "Interface: goods receipts from the WMS",
            "Interface: EDI orders from the retail chains", "Interface: EDI invoices to the retail chains",
            "Interface: EDI despatch advice", "Interface: SEPA credit transfers to the banks",
            "Interface: bank statements from the banks", "Interface: SEPA direct debits",
            "Interface: web-shop orders in", "Interface: customer master to the CRM",
            "Interface: item master to the web shop", "Interface: prices to the web shop",
            "Interface: stock levels to the web shop", "Interface: carrier labels",
            "Interface: carrier tracking events", "Interface: fixed assets from the legacy system",
            "Interface: supplier invoices by e-invoicing",
            "+Interface: EDI orders from the second retail chain", "Interface: monitoring and error handling",
            "Interface: data platform extracts", "+Interface: telephony pop-up for telesales",
            "Interface: electronic invoicing platform (France 2026)", "Interface: payroll journal",
            "+Interface: marketplace orders", "+Interface: factoring company file",
        ]),
    ],
    "DAT": [
        ("DAT-07", (0.0, 0.22), [
            "Pipeline: legacy orders", "Pipeline: legacy order lines", "Pipeline: legacy customers",
            "Pipeline: legacy items", "Pipeline: legacy price lists", "Pipeline: legacy invoices",
            "Pipeline: legacy credit notes", "Pipeline: legacy stock movements", "Pipeline: legacy suppliers",
            "Pipeline: legacy purchase orders",
        ]),
        ("DAT-08", (0.05, 0.25), [
            "Pipeline: CRM accounts", "Pipeline: CRM contacts", "Pipeline: CRM opportunities",
            "Pipeline: CRM service cases", "Pipeline: CRM activities",
        ]),
        ("DAT-11", (0.08, 0.32), [
            "Quality rule: duplicate customers", "Quality rule: items without a weight",
            "Quality rule: order lines without an order", "Quality rule: price outliers",
            "Quality rule: negative stock", "Quality rule: invalid VAT numbers",
            "Quality rule: missing cost prices", "Quality rule: late-shipment flag",
            "Data quality dashboard for the data owners",
        ]),
        ("DAT-09", (0.3, 0.5), [
            "Pipeline: WMS stock on hand", "Pipeline: WMS picks", "Pipeline: WMS receipts",
            "Pipeline: WMS shipments", "Pipeline: carrier tracking", "Pipeline: WMS returns",
        ]),
        ("DAT-10", (0.35, 0.52), [
            "Pipeline: web orders", "Pipeline: web sessions", "Pipeline: products viewed",
            "Pipeline: abandoned baskets",
        ]),
        ("DAT-14", (0.38, 0.6), [
            "Finance model: general ledger fact", "Finance model: cost centre dimension",
            "Finance model: budget fact", "Finance model: fiscal calendar", "Finance model: margin measures",
            "+Pipeline: incremental loads for the largest tables", "+Cloud: budget alerts on the cloud account",
        ]),
        ("DAT-12", (0.55, 0.78), [
            "Sales model: sales fact", "Sales model: customer dimension", "Sales model: product dimension",
            "Sales model: channel dimension", "Sales model: returns fact",
            "+Sales model: gross margin as agreed by finance and sales",
        ]),
        ("DAT-13", (0.58, 0.8), [
            "Inventory model: stock snapshot fact", "Inventory model: warehouse dimension",
            "Inventory model: days of inventory", "Inventory model: service level",
            "Inventory model: supplier dimension",
        ]),
        ("DAT-16", (0.75, 0.9), [
            "Dashboard: sales by channel", "Dashboard: top customers", "Dashboard: margin by category",
            "+Dashboard: web-shop funnel", "Dashboard: sales against budget",
        ]),
        ("DAT-17", (0.78, 0.92), [
            "Dashboard: stock cover", "Dashboard: service level by customer", "Dashboard: slow movers",
            "Dashboard: supplier on-time delivery",
        ]),
        ("DAT-18", (0.8, 0.95), [
            "KPI pack: glossary of the 25 management KPIs", "KPI pack: monthly layout",
            "KPI pack: distribution to the management committee",
        ]),
        ("DAT-20", (0.85, 0.97), [
            "Access roles by department", "GDPR review of the customer data",
        ]),
        ("DAT-19", (0.9, 0.98), [
            "User acceptance of the reports", "+Fixes from the user acceptance of the reports",
        ]),
        ("DAT-21", (0.92, 0.99), [
            "Self-service BI training material", "Self-service BI training sessions",
        ]),
        ("DAT-22", (0.95, 1.0), [
            "Switch off the legacy reports", "Archive the reporting spreadsheets",
            "Retire the legacy reporting server",
        ]),
    ],
}

# Bugs found during the work: (project, sprint or week it is fixed in, task_id, title)
BUGS = {
    "ECO": [
        (2, "ECO-11", "Bug: stock shows zero for items held only in Lille"),
        (3, "ECO-07", "Bug: variant picker loses the colour on mobile"),
        (3, "ECO-09", "Bug: basket total wrong with two promotion codes"),
        (4, "ECO-09", "Bug: 3-D Secure pop-up blocked on some browsers"),
        (4, "ECO-08", "Bug: type-ahead shows discontinued items"),
        (5, "ECO-11", "Bug: orders with a gift message rejected by the order system"),
        (5, "ECO-12", "Bug: accented characters broken in migrated descriptions"),
        (6, "ECO-10", "Bug: trade prices shown without the customer's discount"),
        (6, "ECO-09", "Bug: delivery price not updated after an address change"),
    ],
    "ERP": [
        (3, "ERP-10", "Bug: VAT rounding differs from the legacy invoices"),
        (5, "ERP-11", "Bug: reorder point ignores open purchase orders"),
        (6, "ERP-12", "Bug: bank statement import fails on a second statement the same day"),
        (7, "ERP-11", "Bug: pricing condition for the retail chains applied twice"),
        (8, "ERP-12", "Bug: WMS shipment confirmation creates a duplicate delivery"),
        (9, "ERP-10", "Bug: dunning letter in English for French customers"),
        (10, "ERP-12", "Bug: EDI invoice rejected for a missing buyer reference"),
        (11, "ERP-11", "Bug: lot number not printed on the pallet label"),
    ],
    "DAT": [
        (5, "DAT-07", "Bug: order lines loaded twice after a failed run"),
        (8, "DAT-11", "Bug: duplicate-customer rule flags shared head offices"),
        (10, "DAT-09", "Bug: WMS shipment times in UTC instead of Paris time"),
        (12, "DAT-14", "Bug: budget fact misses the November revision"),
    ],
}

# DAT: items done each week (weeks ending on Fridays 3 July ... 25 September 2026). Week 6 is
# the data owners' catch-up review: 11 items accepted on Thursday 6 August (one of the week's
# other items falls on the same day: 12 are done on 6 August).
DAT_WEEKLY_DONE = [2, 3, 1, 2, 1, 14, 4, 5, 4, 3, 5, 4, 5]
DAT_BATCH_DAY = dt.date(2026, 8, 6)
DAT_REVIEW_CHANGE = dt.date(2026, 8, 10)  # from this Monday, items are reviewed one by one
DAT_IN_PROGRESS = 5
DAT_INITIAL_BACKLOG = (dt.date(2026, 5, 27), dt.date(2026, 6, 26))

# The sizes the teams use, and how often each comes up (the integrator slices its work coarser)
POINT_SIZES = (1, 2, 3, 5, 8, 13)
POINT_WEIGHTS = {"ECO": (0.10, 0.22, 0.30, 0.23, 0.12, 0.03),
                 "ERP": (0.05, 0.12, 0.25, 0.30, 0.20, 0.08)}


def working_days_in(first: dt.date, last: dt.date) -> list[dt.date]:
    days, day = [], first
    while day <= last:
        if is_working_day(day):
            days.append(day)
        day += dt.timedelta(days=1)
    return days


SIZED = re.compile(r"^(?P<title>.*?)(?: \[(?P<points>\d+)\])?$")


def ranked_backlog(project, rng):
    """The backlog's titles in rank order: [(task_id, title, added, points or None)].

    A title may end with its size in points, "[5]"; the others are sized by the generator.
    """
    entries = []
    for task_id, (first, last), titles in BACKLOGS[project]:
        for k, title in enumerate(titles):
            rank = first + (last - first) * (k + rng.uniform(0.1, 0.9)) / len(titles)
            sized = SIZED.match(title.lstrip("+"))
            points = int(sized["points"]) if sized["points"] else None
            entries.append((rank, task_id, sized["title"], title.startswith("+"), points))
    entries.sort(key=lambda e: e[0])
    return [e[1:] for e in entries]


def scrum_items(project, rng):
    """Work items of a Scrum team: sprints filled in rank order up to the points they took in."""
    rate, (first, last) = SCRUM_TEAMS[project]
    sprints = [s for s in SPRINTS if s[0] == project]
    backlog = []
    for task_id, title, added, size in ranked_backlog(project, rng):
        drawn = int(rng.choice(POINT_SIZES, p=POINT_WEIGHTS[project]))  # drawn even when sized
        backlog.append(dict(task_id=task_id, title=title, added=added, points=size or drawn))
    initial_days = working_days_in(first, last)
    bugs = {}
    for sprint, task_id, title in BUGS[project]:
        bugs.setdefault(sprint, []).append(dict(task_id=task_id, title=title, added=True, bug=True,
                                                points=int(rng.choice((1, 2, 3)))))
    items, queue = [], list(backlog)
    for _, number, start, end, _, _, _, take in sprints:
        days = working_days_in(dt.date.fromisoformat(start), dt.date.fromisoformat(end))
        chosen, total = [], 0
        for bug in bugs.get(number, []):
            window = working_days_in(days[0] - dt.timedelta(days=10), days[3])
            bug["created"] = window[int(rng.integers(len(window)))]
            chosen.append(bug)
            total += bug["points"]
        k = 0  # the next item in rank order; one too big for what is left waits for the next sprint
        while k < min(len(queue), 4) and total < take - 1:
            if total + queue[k]["points"] <= take + 1:
                item = queue.pop(k)
                chosen.append(item)
                total += item["points"]
            else:
                k += 1
        for k, item in enumerate(chosen):
            begin = min(len(days) - 2, int(k * (len(days) - 2) / len(chosen)) + int(rng.integers(0, 2)))
            if item.get("bug"):
                begin = max(begin, next(i for i, d in enumerate(days) if d >= item["created"]))
            length = {1: 1, 2: 2, 3: 2, 5: 3, 8: 4, 13: 5}[item["points"]] + int(rng.integers(0, 2))
            item["sprint"], item["started"] = number, days[begin]
            item["done"] = days[min(len(days) - 1, begin + length - 1)]
            items.append(item)
    # the last sprint's unfinished items, then the rest of the backlog
    _, number, start, end, *_ = sprints[-1]
    days = working_days_in(dt.date.fromisoformat(start), dt.date.fromisoformat(end))
    for points in CARRY_OVER[project]:
        item = queue.pop(0)
        item.update(points=points, sprint=number, started=days[-3 - int(rng.integers(0, 3))], done=None)
        items.append(item)
    for item in queue:
        item.update(sprint=None, started=None, done=None)
        items.append(item)
    # creation dates: the initial backlog before the first sprint, the rest during the sprints
    sprint_days = working_days_in(dt.date.fromisoformat(sprints[1][2]), STATUS_DATE)
    for item in items:
        if "created" in item:
            continue
        if not item["added"]:
            item["created"] = initial_days[int(rng.integers(len(initial_days)))]
            continue
        latest = item["started"] - dt.timedelta(days=1) if item["started"] else STATUS_DATE
        window = [d for d in sprint_days if d <= latest] or initial_days[-3:]
        item["created"] = window[int(rng.integers(len(window)))]
    return items, rate


def kanban_items(project, rng):
    """Work items of DAT's Kanban board: weekly counts done, cycle times before and after the
    change of the review, the work in progress on the status date, then the backlog."""
    backlog = [dict(task_id=t, title=title, added=added, points=None)
               for t, title, added, _ in ranked_backlog(project, rng)]
    bugs = {week: [] for week in range(1, len(DAT_WEEKLY_DONE) + 1)}
    for week, task_id, title in BUGS[project]:
        bugs[week].append(dict(task_id=task_id, title=title, added=True, bug=True, points=None))
    board_start = AGILE_START[project]
    items, queue = [], list(backlog)
    friday = board_start + dt.timedelta(days=4)
    for week, count in enumerate(DAT_WEEKLY_DONE, start=1):
        days = working_days_in(friday - dt.timedelta(days=4), friday)
        chosen = bugs[week] + [queue.pop(0) for _ in range(count - len(bugs[week]))]
        for k, item in enumerate(chosen):
            if week == 6 and k < 11:
                done = DAT_BATCH_DAY
            else:
                done = days[int(rng.integers(len(days)))]
            if done < DAT_REVIEW_CHANGE:
                wait = int(rng.integers(6, 18))      # built, then waited for the data owners
            else:
                wait = int(rng.integers(3, 9))
            before = [d for d in working_days_in(board_start, done)]
            item["started"] = before[max(0, len(before) - wait)]
            item["done"] = done
            if item.get("bug"):
                item["created"] = before[max(0, len(before) - wait - int(rng.integers(1, 4)))]
            items.append(item)
        friday += dt.timedelta(days=7)
    recent = working_days_in(STATUS_DATE - dt.timedelta(days=11), STATUS_DATE)
    for _ in range(DAT_IN_PROGRESS):
        item = queue.pop(0)
        item.update(started=recent[int(rng.integers(len(recent)))], done=None)
        items.append(item)
    for item in queue:
        item.update(started=None, done=None)
        items.append(item)
    initial = working_days_in(*DAT_INITIAL_BACKLOG)
    later = working_days_in(board_start, STATUS_DATE)
    for item in items:
        item["sprint"] = None
        if "created" in item:
            continue
        if not item["added"]:
            item["created"] = initial[int(rng.integers(len(initial)))]
        else:
            latest = item["started"] - dt.timedelta(days=1) if item["started"] else STATUS_DATE
            window = [d for d in later if d <= latest] or initial[-3:]
            item["created"] = window[int(rng.integers(len(window)))]
    return items


def item_type(item) -> str:
    if item.get("bug"):
        return "bug"
    title = item["title"]
    if title.startswith(("Pipeline:", "Interface:", "Cloud:", "Quality rule:")) or "monitoring" in title:
        return "enabler"
    return "story"


def agile_tables():
    """Rows of work_items.csv and sprints.csv."""
    item_rows, sprint_rows = [], []
    for number, project in enumerate(("ECO", "DAT", "ERP")):
        rng = np.random.default_rng(AGILE_SEED + [number])  # one generator per project
        if project in SCRUM_TEAMS:
            items, rate = scrum_items(project, rng)
        else:
            items, rate = kanban_items(project, rng), None
        items.sort(key=lambda i: (i["created"], i["started"] or dt.date.max, i["title"]))
        for n, item in enumerate(items, start=101):
            item["id"] = f"{project}-{n}"
            item_rows.append([item["id"], project, item["task_id"], item_type(item), item["title"],
                              "" if item["points"] is None else item["points"], item["created"].isoformat(),
                              item["started"].isoformat() if item["started"] else "",
                              item["done"].isoformat() if item["done"] else "",
                              "" if item["sprint"] is None else item["sprint"]])
        if rate is None:
            continue
        for _, number, start, end, goal, planned, capacity, _ in (s for s in SPRINTS if s[0] == project):
            done = sum(i["points"] for i in items if i["sprint"] == number and i["done"])
            sprint_rows.append([project, number, start, end, goal, planned, done, capacity,
                                capacity * rate])
    return item_rows, sprint_rows


# --------------------------------------------------------------------------
# Quality: the defect logs, deliverables and their acceptance criteria, the
# CRM's quality cost lines, the PMO's health checks
# --------------------------------------------------------------------------

QUALITY_SEED = SEED + 17  # its own random stream: the tables above do not change

# New defects logged per project week, by the phase that found them: {project: [(phase,
# first week, [count per week, ...]), ...]}. The stories (see datasets/README.md): the ERP's
# build finds about 11 a week until week 27; from week 28 the integrator's replacement
# consultants take over the interfaces and the count rises; system integration testing
# starts in week 34. The CRM's defects fall through system test, acceptance and the pilot;
# it goes live on Wednesday 19 August (week 29). The head-office move's handover inspection
# (weeks 22-23) misses half the snags, which the staff report after the move. The storefront
# kept its defects in the agency's chat until the PMO asked for a log (week 15). The ISO
# programme has no defect log: its deliverables are documents, reviewed at the internal audit.
DEFECT_WEEKS = {
    "ERP": [("review", 7, [3, 4, 6, 5, 7, 5, 4, 6, 3]),
            ("build", 16, [9, 12, 8, 11, 14, 10, 9, 13, 11, 8, 12, 10,
                           14, 13, 16, 15, 17, 14]),
            ("system test", 34, [24, 31, 27, 23])],
    "CRM": [("review", 3, [2, 3, 4, 3, 2]),
            ("build", 8, [4, 6, 5, 7, 6, 8, 5, 6, 4]),
            ("system test", 17, [15, 18, 14, 12, 11]),
            ("acceptance", 22, [10, 9, 7, 6]),
            ("pilot", 26, [5, 4, 2]),
            ("production", 29, [6, 5, 3, 3, 2, 1])],
    "WHA": [("review", 4, [2, 3, 1, 2, 2, 1]),
            ("build", 12, [2, 3, 3, 2, 2, 1])],
    "OFM": [("review", 7, [2, 1, 2, 1]),
            ("acceptance", 22, [14, 9]),
            ("production", 25, [11, 8, 5, 4, 2, 1])],
    "DAT": [("review", 3, [1, 2, 2, 1]),
            ("build", 9, [3, 4, 5, 4, 6, 5, 7, 6, 5, 6, 4, 5, 6])],
    "ECO": [("build", 15, [14, 11, 13])],
}
CRM_GO_LIVE = dt.date(2026, 8, 19)  # two weeks early (risk R-011): production defects from here

# The share of each category among a phase's defects: {project: {phase: {category: share}}}.
DEFECT_CATEGORIES = {
    "ERP": {"review": {"configuration": .40, "documentation": .30, "interface": .20,
                       "report": .10},
            "build": {"interface": .33, "data migration": .27, "configuration": .25,
                      "report": .07, "authorisation": .06, "performance": .02},
            "system test": {"interface": .40, "data migration": .33, "configuration": .12,
                            "report": .06, "authorisation": .05, "performance": .04}},
    "CRM": {"review": {"configuration": .6, "data migration": .4},
            "*": {"configuration": .45, "interface": .20, "data migration": .15,
                  "usability": .10, "report": .07, "authorisation": .03}},
    "WHA": {"review": {"layout": .6, "interface": .4},
            "build": {"electrical": .6, "interface": .4}},
    "OFM": {"review": {"fit-out": .5, "network": .5},
            "*": {"fit-out": .40, "furniture": .20, "network": .15, "audio-visual": .10,
                  "signage": .08, "cleaning": .07}},
    "DAT": {"review": {"data model": .5, "pipeline": .5},
            "build": {"pipeline": .35, "data quality": .30, "data model": .15,
                      "performance": .12, "authorisation": .08}},
    "ECO": {"build": {"checkout": .30, "catalogue": .20, "B2B portal": .20, "search": .10,
                      "integration": .10, "content": .10}},
}

# The share of each severity (1 critical ... 4 cosmetic) among a phase's defects.
DEFECT_SEVERITIES = {
    "review": (0, .25, .55, .20),
    "build": (.04, .30, .50, .16),
    "system test": (.07, .38, .45, .10),
    "acceptance": (.03, .30, .50, .17),
    "pilot": (0, .30, .50, .20),
    "production": (.05, .35, .45, .15),
}

# Mean working days to close a defect, by severity 1..4, per project; the ERP's fixes slow
# down from week 28 (fewer experienced consultants), by the factor given.
CLOSING_DAYS = {"ERP": (4, 10, 18, 28), "CRM": (2, 5, 9, 15), "WHA": (5, 10, 15, 20),
                "OFM": (5, 12, 20, 30), "DAT": (3, 8, 14, 20), "ECO": (3, 7, 12, 20)}
ERP_SLOWER_FROM_WEEK, ERP_SLOWER = 28, 1.8


def _deliverable_of(project, category, rng):
    """The deliverable a defect is logged against ("" for designs and unlisted items)."""
    if project == "ERP":
        if category == "interface":
            return "ERP-INT"
        if category == "data migration":
            return "ERP-MIG"
        if category == "documentation":
            return ""
        return "ERP-FIN" if rng.random() < 0.45 else "ERP-SCM"
    if project == "CRM":
        return {"interface": "CRM-INT", "data migration": ""}.get(category, "CRM-CFG")
    if project == "OFM":
        return "OFM-FIT" if category in ("fit-out", "signage", "cleaning") else ""
    if project == "DAT":
        return "DAT-FIN" if category == "data model" else ""
    if project == "ECO":
        return "ECO-CHK" if category == "checkout" else ""
    return ""


def _exact_shares(count, shares, labels):
    """``count`` labels in the given shares, by largest remainder (ties: the listed order)."""
    raw = [count * s for s in shares]
    whole = [int(math.floor(r)) for r in raw]
    order = sorted(range(len(raw)), key=lambda i: (-(raw[i] - whole[i]), i))
    for i in order[: count - sum(whole)]:
        whole[i] += 1
    return [label for label, n in zip(labels, whole) for _ in range(n)]


def project_friday(start: dt.date, week: int) -> dt.date:
    """The Friday of a project's week (week 1 is the week of its start), as status_weekly."""
    return start + dt.timedelta(days=4 - start.weekday() + 7 * (week - 1))


def defect_log() -> list[list]:
    rng = np.random.default_rng(QUALITY_SEED)
    starts = {p["id"]: p["start"] for p in PROJECTS}
    rows = []
    for project, phases in DEFECT_WEEKS.items():
        entries = []
        for phase, first, counts in phases:
            weeks = [w for w, n in zip(range(first, first + len(counts)), counts) for _ in range(n)]
            mix = DEFECT_CATEGORIES[project].get(phase) or DEFECT_CATEGORIES[project]["*"]
            categories = _exact_shares(len(weeks), list(mix.values()), list(mix))
            severities = _exact_shares(len(weeks), DEFECT_SEVERITIES[phase], [1, 2, 3, 4])
            rng.shuffle(categories)
            rng.shuffle(severities)
            entries += [(w, phase, c, s) for w, c, s in zip(weeks, categories, severities)]
        for number, (week, phase, category, severity) in enumerate(entries, start=1):
            friday = project_friday(starts[project], week)
            days = [friday - dt.timedelta(days=k) for k in range(4, -1, -1)]
            days = [d for d in days if is_working_day(d)]
            if project == "CRM" and phase == "production":
                days = [d for d in days if d >= CRM_GO_LIVE] or days
            elif project == "CRM" and week == 29:
                days = [d for d in days if d < CRM_GO_LIVE] or days
            found = days[int(rng.integers(len(days)))]
            mean = CLOSING_DAYS[project][severity - 1]
            if project == "ERP" and week >= ERP_SLOWER_FROM_WEEK:
                mean *= ERP_SLOWER
            to_close = 1 + int(rng.exponential(mean))
            closed = working_days_from(found + dt.timedelta(days=1), to_close)[-1]
            is_open = closed > STATUS_DATE
            rows.append([f"{project}-D{number:03d}", project, week, found.isoformat(), phase,
                         severity, category, _deliverable_of(project, category, rng),
                         "open" if is_open else "closed", "" if is_open else closed.isoformat()])
    return rows


# Deliverables the PMO follows for quality: id, project, task, name, size and its unit (for
# defect density), test cases or inspection points planned, executed, passed at the first run,
# and the deliverable's status on the status date.
DELIVERABLES = [
    ("ERP-FIN", "ERP", "ERP-10", "Finance configuration and reports", 120, "requirements",
     210, 130, 92, "in test"),
    ("ERP-SCM", "ERP", "ERP-11", "Supply chain configuration", 185, "requirements",
     260, 95, 66, "in test"),
    ("ERP-INT", "ERP", "ERP-12", "Interfaces with WMS, EDI and banks", 42, "requirements",
     120, 70, 31, "in test"),
    ("ERP-MIG", "ERP", "ERP-15", "Data migration scripts", 36, "requirements",
     80, 80, 43, "in test"),
    ("CRM-CFG", "CRM", "CRM-08", "CRM configuration: sales and customer service", 150,
     "requirements", 320, 320, 284, "accepted"),
    ("CRM-INT", "CRM", "CRM-10", "CRM integrations: order entry, e-mail and telephony", 38,
     "requirements", 95, 95, 71, "accepted with reservations"),
    ("OFM-FIT", "OFM", "OFM-06", "Fit-out of the Gerland office", 32, "100 m2 of floor",
     180, 180, 151, "accepted with reservations"),
    ("DAT-FIN", "DAT", "DAT-14", "Finance data model", 30, "requirements",
     60, 40, 33, "in test"),
    ("ECO-CHK", "ECO", "ECO-09", "Basket, checkout and payment", 64, "user stories",
     140, 35, 24, "in test"),
]

# Acceptance criteria of the deliverables: deliverable, id, criterion, mandatory, result
# (met, not met, not assessed) and the evidence or the reason.
ACCEPTANCE_CRITERIA = [
    ("CRM-CFG", "AC-1", "Every requirement of the approved baseline is traced to a passed test case",
     True, "met", "traceability matrix signed by Amélie Dubois on 12 August"),
    ("CRM-CFG", "AC-2", "No open severity-1 or severity-2 defect at the go-live gate",
     True, "met", "defect log, 14 August: no severity-1 or severity-2 defect open"),
    ("CRM-CFG", "AC-3", "Opportunity pipeline reviewed by the sales managers of two regions",
     True, "met", "Lyon pilot review, 11 August"),
    ("CRM-CFG", "AC-4", "Service cases meet the SLA timers of the service charter",
     True, "met", "UAT scenario set S-04, all passed"),
    ("CRM-CFG", "AC-5", "Key users rate the screens at least 4 out of 5 for ease of use",
     False, "met", "survey of 24 key users: 4.2"),
    ("CRM-INT", "AC-1", "Orders keyed in the CRM reach order entry within 5 minutes",
     True, "met", "performance test, 98 % within 2 minutes"),
    ("CRM-INT", "AC-2", "Invoices appear on the customer record the day after they are issued",
     True, "met", "reconciliation of 3 weeks of invoices"),
    ("CRM-INT", "AC-3", "E-mails to and from customers are logged on the customer record",
     True, "met", "UAT scenario set S-07"),
    ("CRM-INT", "AC-4", "Calls are logged automatically with their duration",
     False, "not met", "call logging works for sales, not yet for the service switchboard queue; "
     "fix planned in hypercare"),
    ("CRM-INT", "AC-5", "No duplicate invoice or order created by the interface",
     True, "met", "tested in UAT; 14 duplicate invoices found after go-live (external failure)"),
    ("OFM-FIT", "AC-1", "Works conform to the drawings and the fire safety report",
     True, "met", "fire safety officer's report, 4 August"),
    ("OFM-FIT", "AC-2", "Every workstation has power, two network points and Wi-Fi coverage",
     True, "met", "network survey, 6 August"),
    ("OFM-FIT", "AC-3", "Meeting rooms equipped and tested (screen, camera, booking panel)",
     True, "met", "audio-visual handover, 31 July"),
    ("OFM-FIT", "AC-4", "Air conditioning holds 21 to 24 degrees on every zone",
     True, "met", "commissioning report, 30 July"),
    ("OFM-FIT", "AC-5", "Every snag of the handover list closed within 30 days",
     False, "not met", "12 fit-out snags still open on 25 September, 2 of them from the "
     "handover list of 31 July"),
    ("OFM-FIT", "AC-6", "As-built drawings and maintenance manuals handed to Facilities",
     False, "not met", "manuals received, as-built drawings promised for October"),
    ("ERP-FIN", "AC-1", "Month-end close of a full month runs end to end, with results equal to "
     "the old system's", True, "not assessed", "planned in the finance pilot"),
    ("ERP-FIN", "AC-2", "Every finance requirement traced to a passed test case",
     True, "not met", "130 of 210 test cases executed"),
    ("ERP-FIN", "AC-3", "Payment files accepted by the three banks' test platforms",
     True, "not met", "one bank of three certified; two severity-1 defects open on the bank "
     "interfaces"),
    ("ERP-FIN", "AC-4", "Reports of the management pack reconcile with the general ledger",
     True, "met", "reconciliation of the August trial balance"),
    ("ERP-FIN", "AC-5", "Finance key users trained on the new close calendar",
     False, "not assessed", "training planned in November"),
    ("ERP-SCM", "AC-1", "Purchase-to-pay and order-to-cash scenarios of the fit-gap pass end to end",
     True, "not assessed", "scenarios scheduled in SIT cycle 2"),
    ("ERP-SCM", "AC-2", "Stock values after migration reconcile with the old system to the cent",
     True, "not assessed", "depends on data migration dry run 2"),
    ("ERP-SCM", "AC-3", "Warehouse key users confirm the picking and replenishment screens",
     False, "not assessed", "key-user sessions planned in November"),
    ("ECO-CHK", "AC-1", "Checkout completes with every payment method of the payment provider",
     True, "not met", "card and PayPal pass; the provider's new certification is pending (R-028)"),
    ("ECO-CHK", "AC-2", "Basket and checkout pages load in under 2 seconds at 3 times the peak "
     "traffic of last year", True, "not assessed", "performance test not run yet"),
    ("ECO-CHK", "AC-3", "Checkout meets the accessibility standard (RGAA 4.1)",
     True, "met", "agency's audit with its component library"),
    ("ECO-CHK", "AC-4", "Trade customers see their own prices in the basket",
     True, "not assessed", "depends on the B2B portal, whose criteria are not written yet"),
]

# The CRM's quality cost lines, from its cost report (category after PMBOK 6, 8.1.2.3 and
# Crosby): id, description, category, amount, the task it was booked on ("" for none).
QUALITY_COSTS = [
    ("CRM", "QC-01", "Requirements reviews with sales and service key users", "prevention",
     6400, "CRM-04"),
    ("CRM", "QC-02", "Test strategy and acceptance criteria workshop", "prevention", 3800,
     ""),
    ("CRM", "QC-03", "Profiling of the legacy CRM data before migration", "prevention", 9600,
     "CRM-13"),
    ("CRM", "QC-04", "Vendor training of the configuration team", "prevention", 7200, "CRM-08"),
    ("CRM", "QC-05", "Sales champions trained before acceptance testing", "prevention", 4500,
     "CRM-19"),
    ("CRM", "QC-06", "System test", "appraisal", 26000, "CRM-16"),
    ("CRM", "QC-07", "User acceptance testing: sales and service", "appraisal", 23200, "CRM-17"),
    ("CRM", "QC-08", "Test management tool licences, six months", "appraisal", 4800, ""),
    ("CRM", "QC-09", "Reconciliation checks of the migration trial loads", "appraisal", 6000,
     "CRM-15"),
    ("CRM", "QC-10", "Go-live readiness review by the PMO", "appraisal", 1900, ""),
    ("CRM", "QC-11", "Rework of configuration defects found in system test and acceptance",
     "internal failure", 18400, "CRM-08"),
    ("CRM", "QC-12", "Third migration trial load after a failed reconciliation",
     "internal failure", 5400, ""),
    ("CRM", "QC-13", "Re-testing after defect fixes", "internal failure", 6200, ""),
    ("CRM", "QC-14", "Pipeline stages reworked after the Lyon pilot", "internal failure", 4100,
     "CRM-18"),
    ("CRM", "QC-15", "Hotfixes of production defects during hypercare", "external failure", 9800,
     "CRM-25"),
    ("CRM", "QC-16", "Credit notes for duplicate invoices sent to 14 customers",
     "external failure", 3600, ""),
    ("CRM", "QC-17", "Extra service-desk cover in the first two weeks after go-live",
     "external failure", 5200, "CRM-25"),
    ("CRM", "QC-18", "Sales representatives' overtime re-entering lost opportunities",
     "external failure", 2700, ""),
]

# The PMO's health check of every project (September 2026), against the checklist of
# pmo_lessons.quality.HEALTH_CHECK: project, question, answer (yes, partly, no), note.
HEALTH_CHECKS = {
    "ERP": [
        ("GOV-1", "yes", "weekly steering committee since August, decisions minuted"),
        ("GOV-2", "yes", "design authority and steering roles written in the charter"),
        ("GOV-3", "partly", "design gate held; the build gate was skipped when SIT started early"),
        ("PLN-1", "partly", "12 change requests approved by the design authority are not in the "
                            "baseline"),
        ("PLN-2", "yes", "earned value every week"),
        ("PLN-3", "no", "the plan still shows the 4 January go-live; the PMO's forecast is end "
                        "of March"),
        ("RSK-1", "yes", "register reviewed at each steering committee"),
        ("RSK-2", "partly", "the management reserve is being spent without a record of what for"),
        ("RSK-3", "yes", "recovery plan for the integrator's staffing, dated"),
        ("QLT-1", "partly", "acceptance criteria signed for finance and supply chain, not for the "
                            "interfaces and the data migration"),
        ("QLT-2", "yes", "integrator's defect tool, triaged twice a week"),
        ("QLT-3", "partly", "SIT started before its entry criteria were met (dry run 1 not "
                            "reconciled)"),
        ("STK-1", "yes", ""),
        ("STK-2", "partly", "key users not yet back-filled for November (R-004)"),
        ("STK-3", "yes", ""),
        ("BEN-1", "partly", "business case not updated with the forecast cost"),
        ("BEN-2", "yes", "benefit owners named per process"),
        ("BEN-3", "partly", "support model agreed; the support contract is not signed"),
    ],
    "CRM": [
        ("GOV-1", "yes", ""), ("GOV-2", "yes", ""), ("GOV-3", "yes", "go-live gate held on "
                                                                      "14 August, minuted"),
        ("PLN-1", "yes", ""), ("PLN-2", "yes", ""),
        ("PLN-3", "partly", "hypercare end date not re-forecast after the early go-live"),
        ("RSK-1", "yes", ""), ("RSK-2", "yes", ""),
        ("RSK-3", "partly", "duplicate invoices: fixed, but no action on the root cause yet"),
        ("QLT-1", "yes", ""), ("QLT-2", "yes", ""), ("QLT-3", "yes", ""),
        ("STK-1", "yes", ""),
        ("STK-2", "partly", "the service switchboard team was not in the pilot"),
        ("STK-3", "yes", ""),
        ("BEN-1", "partly", "business case not revisited since February"),
        ("BEN-2", "yes", "Thomas Berger owns the pipeline visibility target"),
        ("BEN-3", "partly", "decommissioning of the legacy CRM has no date"),
    ],
    "WHA": [
        ("GOV-1", "yes", ""),
        ("GOV-2", "partly", "who accepts the installation for operations is not written down"),
        ("GOV-3", "yes", ""),
        ("PLN-1", "yes", ""), ("PLN-2", "yes", ""),
        ("PLN-3", "partly", "forecast depends on the supplier's new delivery date, not confirmed"),
        ("RSK-1", "yes", ""), ("RSK-2", "yes", ""), ("RSK-3", "yes", "penalty clause invoked"),
        ("QLT-1", "partly", "site acceptance test criteria not yet agreed with the warehouse"),
        ("QLT-2", "yes", ""),
        ("QLT-3", "partly", "no factory acceptance test planned at the supplier"),
        ("STK-1", "yes", "works council consulted"), ("STK-2", "yes", ""), ("STK-3", "yes", ""),
        ("BEN-1", "yes", ""), ("BEN-2", "yes", ""),
        ("BEN-3", "partly", "maintenance contract for the conveyors not chosen"),
    ],
    "OFM": [
        ("GOV-1", "no", "no steering committee since the move on 18 August"),
        ("GOV-2", "yes", ""),
        ("GOV-3", "no", "no closure gate planned"),
        ("PLN-1", "yes", ""),
        ("PLN-2", "partly", "progress reported, not measured, since the move"),
        ("PLN-3", "partly", "closure date not re-forecast"),
        ("RSK-1", "no", "register not reviewed since July; the dilapidations claim (R-023) has "
                        "no response"),
        ("RSK-2", "partly", ""),
        ("RSK-3", "partly", "furniture claims open with the supplier, no date"),
        ("QLT-1", "yes", "fit-out acceptance criteria in the contract"),
        ("QLT-2", "yes", "snag list kept by Facilities"),
        ("QLT-3", "partly", "handover inspection missed half the snags"),
        ("STK-1", "partly", "staff survey after the move not done"),
        ("STK-2", "yes", ""),
        ("STK-3", "no", "status report green while the project is 17 days late"),
        ("BEN-1", "no", "business case never updated"),
        ("BEN-2", "no", "nobody owns the rent and energy savings"),
        ("BEN-3", "partly", "handover to Facilities not signed"),
    ],
    "DAT": [
        ("GOV-1", "yes", ""), ("GOV-2", "yes", ""),
        ("GOV-3", "partly", "foundation gate held without the security review"),
        ("PLN-1", "yes", ""), ("PLN-2", "yes", ""), ("PLN-3", "yes", ""),
        ("RSK-1", "yes", ""),
        ("RSK-2", "partly", "no contingency for the cloud bill"),
        ("RSK-3", "partly", "full reloads (R-024): action agreed, no date"),
        ("QLT-1", "partly", "no acceptance criteria yet for the management KPI pack"),
        ("QLT-2", "partly", "pipeline defects in a spreadsheet, data quality issues in the "
                            "monitoring tool"),
        ("QLT-3", "yes", ""),
        ("STK-1", "yes", ""),
        ("STK-2", "partly", "finance and sales still disagree on gross margin (R-026)"),
        ("STK-3", "yes", ""),
        ("BEN-1", "partly", "business case not updated with the cloud cost"),
        ("BEN-2", "partly", "report owners named, no measure of spreadsheet time saved"),
        ("BEN-3", "yes", ""),
    ],
    "ECO": [
        ("GOV-1", "partly", "monthly steering; the August meeting was cancelled"),
        ("GOV-2", "partly", "who accepts the agency's deliverables is not written down"),
        ("GOV-3", "partly", "design gate passed without a test strategy, no condition followed up"),
        ("PLN-1", "yes", ""),
        ("PLN-2", "partly", "progress is the agency's percent complete, not measured"),
        ("PLN-3", "no", "the plan still shows the 30 October launch"),
        ("RSK-1", "yes", ""),
        ("RSK-2", "partly", "no schedule contingency before Black Friday"),
        ("RSK-3", "yes", ""),
        ("QLT-1", "no", "no acceptance criteria for the B2B portal; checkout criteria written by "
                        "the agency, not signed by Marketing"),
        ("QLT-2", "no", "defects kept in the agency's chat until 7 September"),
        ("QLT-3", "partly", "functional testing has entry criteria but no exit criteria; the "
                            "launch readiness review has no quality criterion"),
        ("STK-1", "yes", ""),
        ("STK-2", "partly", "no trade customer in the B2B testing"),
        ("STK-3", "yes", ""),
        ("BEN-1", "partly", "online revenue forecast not updated for a later launch"),
        ("BEN-2", "yes", "Camille Roux owns the online revenue target"),
        ("BEN-3", "partly", "customer service trained; no support contract with the agency "
                            "after launch"),
    ],
    "SEC": [
        ("GOV-1", "yes", ""), ("GOV-2", "yes", ""), ("GOV-3", "yes", ""),
        ("PLN-1", "yes", ""), ("PLN-2", "yes", ""), ("PLN-3", "yes", ""),
        ("RSK-1", "yes", ""),
        ("RSK-2", "partly", "contingency not yet set"),
        ("RSK-3", "yes", ""),
        ("QLT-1", "partly", "review criteria for the policies written, not approved"),
        ("QLT-2", "yes", "findings tracked in the ISMS tool"),
        ("QLT-3", "partly", "internal audit planned, its criteria not yet written"),
        ("STK-1", "yes", ""),
        ("STK-2", "partly", "the IT teams who implement the controls are overloaded (R-033)"),
        ("STK-3", "yes", ""),
        ("BEN-1", "yes", "two retail customers require the certificate"),
        ("BEN-2", "partly", "benefit of fewer customer audits not measured"),
        ("BEN-3", "partly", "who runs the ISMS after certification is not decided"),
    ],
}


def quality_tables(out: Path) -> None:
    write_csv(out / "defects.csv",
              ["id", "project", "week", "date_found", "phase_found", "severity", "category",
               "deliverable", "status", "date_closed"], defect_log())
    write_csv(out / "deliverables.csv",
              ["id", "project", "task_id", "name", "size", "size_unit", "test_cases",
               "executed", "passed_first_run", "status"], DELIVERABLES)
    write_csv(out / "acceptance_criteria.csv",
              ["deliverable", "criterion_id", "criterion", "mandatory", "result", "evidence"],
              ACCEPTANCE_CRITERIA)
    write_csv(out / "quality_costs.csv",
              ["project", "id", "description", "category", "amount_eur", "task_id"],
              QUALITY_COSTS)
    write_csv(out / "health_checks.csv", ["project", "question_id", "answer", "note"],
              [[project, *answer] for project, answers in HEALTH_CHECKS.items()
               for answer in answers])


# --------------------------------------------------------------------------
# Budget control: purchase orders, budget change requests, the 2026 envelope
# --------------------------------------------------------------------------

# Purchase orders up to the status date: id, project, task, supplier, what, ordered on,
# amount (the commitment), invoiced so far, status, and whether the plan budgeted what it
# buys. A PO sits on one task (its budget line); the orders on a task never exceed that task's
# cost_eur. "closed" means no more invoice will come. What is ordered but not invoiced on an
# open order is an open commitment. A budgeted order's budget is its task's quote (the
# purchases of the plan without their contingency); an order the plan did not foresee (a
# change order, a replacement, an overrun) has a budget of 0.
PURCHASE_ORDERS = [
    ("PO-1001", "ERP", "ERP-04", "Nordis Consulting", "Solution architecture and integration design",
     "2026-02-16", 27000, 27000, "closed", True),
    ("PO-1002", "ERP", "ERP-05", "Nordis Consulting", "Fit-gap workshops: finance and controlling",
     "2026-02-16", 54500, 54500, "closed", True),
    ("PO-1003", "ERP", "ERP-06", "Nordis Consulting", "Fit-gap workshops: purchasing and inventory",
     "2026-02-16", 63600, 63600, "closed", True),
    ("PO-1004", "ERP", "ERP-07", "Nordis Consulting", "Fit-gap workshops: sales and distribution",
     "2026-02-16", 54500, 54500, "closed", True),
    ("PO-1005", "ERP", "ERP-09", "Altaris Cloud ERP", "Platform subscription, year 1",
     "2026-04-14", 281800, 281800, "closed", True),
    ("PO-1006", "ERP", "ERP-10", "Nordis Consulting", "Build: finance configuration and reports",
     "2026-04-14", 100000, 80000, "open", True),
    ("PO-1007", "ERP", "ERP-10", "Nordis Consulting",
     "Custom management reports asked in the fit-gap workshops (change order)",
     "2026-06-15", 38000, 20000, "open", False),
    ("PO-1008", "ERP", "ERP-11", "Nordis Consulting", "Build: supply chain configuration",
     "2026-04-14", 145500, 110000, "open", True),
    ("PO-1009", "ERP", "ERP-12", "Nordis Consulting", "Build: interfaces with WMS, EDI and banks",
     "2026-04-14", 109100, 80000, "open", True),
    ("PO-1010", "ERP", "ERP-15", "DataBridge", "Migration tooling licence",
     "2026-05-18", 27300, 27300, "closed", True),
    ("PO-1011", "ERP", "ERP-17", "Nordis Consulting", "Test automation support for system testing",
     "2026-08-24", 27300, 0, "open", True),
    ("PO-1012", "ERP", "ERP-21", "Formaplus", "Training material and train-the-trainer sessions",
     "2026-09-07", 13600, 0, "open", True),
    ("PO-2001", "CRM", "CRM-03", "Cirrus CRM", "SaaS subscription, year 1 (115 users)",
     "2026-02-02", 86400, 86400, "closed", True),
    ("PO-2002", "CRM", "CRM-08", "Alto Partners", "Configuration: accounts, contacts and opportunities",
     "2026-03-16", 18200, 18200, "closed", True),
    ("PO-2003", "CRM", "CRM-10", "Alto Partners", "Order-entry integration connector",
     "2026-03-16", 13600, 13600, "closed", True),
    ("PO-2004", "CRM", "CRM-11", "TelcoLink", "Telephony connector",
     "2026-03-30", 7300, 7300, "closed", True),
    ("PO-2005", "CRM", "CRM-25", "Alto Partners", "Hypercare support",
     "2026-08-31", 10900, 4000, "open", True),
    ("PO-3001", "WHA", "WHA-02", "LogiStudy", "Throughput study",
     "2026-04-13", 13600, 13600, "closed", True),
    ("PO-3002", "WHA", "WHA-03", "LogiStudy", "Detailed layout design",
     "2026-05-04", 22700, 22700, "closed", True),
    ("PO-3003", "WHA", "WHA-08", "Convoyeurs Rhône-Alpes",
     "Conveyors and sorter: manufacture (30 % paid at signature)",
     "2026-06-22", 1080000, 324000, "open", True),
    ("PO-3004", "WHA", "WHA-09", "BTP Est", "Floor preparation and electrical works",
     "2026-06-22", 163600, 163600, "closed", True),
    ("PO-3005", "WHA", "WHA-11", "Stokia WMS", "WMS interface, fixed price",
     "2026-06-22", 22700, 11350, "open", True),
    ("PO-3006", "WHA", "WHA-13", "Convoyeurs Rhône-Alpes", "Delivery and installation of the conveyors",
     "2026-06-22", 218000, 0, "open", True),
    ("PO-3007", "WHA", "WHA-14", "ScanTech", "Sorter scanners and labelling",
     "2026-08-03", 145500, 0, "open", True),
    ("PO-4001", "OFM", "OFM-03", "Cabinet Delorme", "Lease advisory and legal fees",
     "2026-03-16", 18200, 18200, "closed", True),
    ("PO-4002", "OFM", "OFM-04", "Espace & Co", "Space planning",
     "2026-04-14", 16400, 16400, "closed", True),
    ("PO-4003", "OFM", "OFM-06", "Aménag Lyon", "Fit-out works",
     "2026-05-25", 627000, 627000, "closed", True),
    ("PO-4004", "OFM", "OFM-07", "Mobilier Pro", "Furniture",
     "2026-05-06", 190900, 190900, "closed", True),
    ("PO-4005", "OFM", "OFM-07", "Mobilier Pro", "Replacement of desks damaged in delivery",
     "2026-08-20", 2000, 2000, "closed", False),
    ("PO-4006", "OFM", "OFM-09", "Réseaux Gerland", "Network cabling and Wi-Fi",
     "2026-06-15", 77300, 77300, "closed", True),
    ("PO-4007", "OFM", "OFM-10", "AV Concept", "Meeting-room audio-visual equipment",
     "2026-07-06", 40900, 40900, "closed", True),
    ("PO-4008", "OFM", "OFM-15", "Déménagements Saône", "Move wave 1",
     "2026-07-20", 25500, 25500, "closed", True),
    ("PO-4009", "OFM", "OFM-17", "Déménagements Saône", "Move wave 2",
     "2026-07-20", 27300, 27300, "closed", True),
    ("PO-4010", "OFM", "OFM-20", "Aménag Lyon", "Reinstatement of the old premises",
     "2026-08-17", 59100, 30000, "open", True),
    ("PO-5001", "DAT", "DAT-05", "Nimbus Cloud", "Landing zone and cloud consumption, year 1",
     "2026-06-01", 36400, 30000, "open", True),
    ("PO-5002", "DAT", "DAT-07", "Nimbus Cloud", "Extra cloud consumption (full reloads)",
     "2026-07-20", 12000, 12000, "closed", False),
    ("PO-5003", "DAT", "DAT-21", "DataSkills", "Self-service BI training",
     "2026-09-14", 3600, 0, "open", True),
    ("PO-6001", "ECO", "ECO-02", "Studio Lumen", "UX research and customer journeys",
     "2026-06-01", 16400, 16400, "closed", True),
    ("PO-6002", "ECO", "ECO-03", "Headless Commerce", "Commerce platform licence, year 1",
     "2026-06-01", 54500, 54500, "closed", True),
    ("PO-6003", "ECO", "ECO-04", "Studio Lumen", "Visual design and design system",
     "2026-06-15", 40900, 40900, "closed", True),
    ("PO-6004", "ECO", "ECO-07", "Agence Pixel", "Catalogue and product pages",
     "2026-07-13", 54500, 40000, "open", True),
    ("PO-6005", "ECO", "ECO-09", "Agence Pixel", "Basket, checkout and payment",
     "2026-07-13", 63600, 40000, "open", True),
    ("PO-6006", "ECO", "ECO-16", "SecuAudit", "Security penetration test",
     "2026-09-07", 12700, 0, "open", True),
    ("PO-6007", "ECO", "ECO-15", "LoadLab", "Performance test for the peak season",
     "2026-09-07", 8200, 0, "open", True),
    ("PO-7001", "SEC", "SEC-02", "Cyberis Conseil", "ISMS scope and context workshops",
     "2026-07-06", 10900, 10900, "closed", True),
    ("PO-7002", "SEC", "SEC-05", "Cyberis Conseil", "Risk assessment support",
     "2026-08-03", 16400, 12000, "open", True),
    ("PO-7003", "SEC", "SEC-09", "IdentiSafe", "Identity and access management tooling",
     "2026-09-14", 40900, 0, "open", True),
    ("PO-7004", "SEC", "SEC-10", "EndPoint Secure", "Endpoint protection licences",
     "2026-09-14", 34500, 0, "open", True),
    ("PO-7005", "SEC", "SEC-21", "CertiQual", "Stage 1 certification audit (date booked early)",
     "2026-07-20", 8200, 0, "open", True),
    ("PO-7006", "SEC", "SEC-23", "CertiQual", "Stage 2 certification audit (date booked early)",
     "2026-07-20", 14500, 0, "open", True),
]

# Budget change requests up to the status date: id, project, raised on, title, kind,
# amount (EUR, >= 0), effect on the 2026 spending (EUR, signed), task, status, decided by,
# decided on. What each kind does, and who may approve it, is Meridian's policy
# (datasets/README.md, budget_changes.csv). No approved change moves a cost baseline before
# the status date: the status data's BAC is the original baseline.
BUDGET_CHANGES = [
    ("CR-01", "ERP", "2026-07-20", "Replacement integrator consultants brought up to speed (R-001)",
     "contingency", 60000, 0, "ERP-11", "approved", "project manager", "2026-07-24"),
    ("CR-02", "DAT", "2026-07-13", "Cloud consumption above estimate (R-024)",
     "contingency", 5000, 0, "DAT-07", "approved", "project manager", "2026-07-20"),
    ("CR-03", "OFM", "2026-08-18", "Desks damaged in delivery replaced (R-021)",
     "contingency", 2000, 0, "OFM-07", "approved", "project manager", "2026-08-20"),
    ("CR-04", "CRM", "2026-06-01", "Marketing automation connector",
     "new funding", 35000, 35000, "", "rejected", "portfolio board", "2026-06-11"),
    ("CR-05", "ERP", "2026-09-21", "Release the management reserve for the forecast overrun",
     "management reserve", 230820, 85000, "", "pending", "", ""),
    ("CR-06", "ERP", "2026-09-21", "Extra funding beyond the reserve (forecast above the budget)",
     "new funding", 70000, 0, "", "pending", "", ""),
    ("CR-07", "DAT", "2026-09-14", "Contract data engineer while the ERP dry runs take ours (R-025)",
     "management reserve", 20000, 20000, "", "pending", "", ""),
    ("CR-08", "SEC", "2026-09-16", "Consultant day rates above plan",
     "management reserve", 30000, 30000, "", "pending", "", ""),
    ("CR-09", "ECO", "2026-09-21", "Trade-customer portal after the launch, in January (R-029)",
     "deferral", 25000, -25000, "ECO-10", "pending", "", ""),
    ("CR-10", "ECO", "2026-09-21", "Post-launch optimisation cut by half",
     "descope", 14900, -14900, "ECO-22", "pending", "", ""),
    ("CR-11", "DAT", "2026-09-18", "Self-service BI training in January",
     "deferral", 8800, -8800, "DAT-21", "pending", "", ""),
    ("CR-12", "DAT", "2026-09-18", "Inventory and service-level dashboards moved to release 2",
     "descope", 19800, -19800, "DAT-17", "pending", "", ""),
]

# The portfolio's 2026 envelope, approved by the CFO with the 2026 budget: one line per
# project (the part of its cost baseline planned in 2026, rounded up to the next 1,000 EUR,
# computed in build()) and one portfolio reserve that the portfolio board holds.
BUDGET_YEAR = 2026
PORTFOLIO_RESERVE = 90000
ENVELOPE_APPROVED = ("Hélène Marchand (CFO)", "2025-12-15")
# The PMO itself: charter, services, KPI history, maturity, benefits, dependencies
# (lesson 12). Authored here; the benefit profiles' planned months and the PMO's
# 2026-Q3 benefits KPI are derived from the register.
# --------------------------------------------------------------------------

# The PMO's self-assessments (question ids of pmo_lessons.methodology.MATURITY_QUESTIONS).
# 2026 is the assessment lesson 5 shows; a question not listed is answered "no".
_LEVEL_2 = [f"{p}-2{x}" for p in ("GOV", "PLC", "RSK", "BEN", "STK", "RES") for x in "ab"]
MATURITY_ANSWERS = {
    "2025-06-20": {**{q: "yes" for q in _LEVEL_2},
                   "GOV-3a": "partly", "PLC-3a": "partly", "PLC-3b": "partly",
                   "RSK-2b": "no", "BEN-2a": "partly", "BEN-2b": "no", "RES-2b": "no",
                   "STK-3a": "partly"},
    "2026-09-18": {**{q: "yes" for q in _LEVEL_2},
                   "GOV-3a": "yes", "GOV-3b": "yes", "GOV-4a": "partly", "GOV-4b": "no",
                   "PLC-3a": "yes", "PLC-3b": "yes", "PLC-4a": "yes", "PLC-4b": "partly",
                   "RSK-3a": "yes", "RSK-3b": "partly", "RSK-4b": "yes",
                   "BEN-2b": "partly", "BEN-3a": "yes",
                   "STK-3a": "yes", "STK-3b": "partly",
                   "RES-2b": "no", "RES-3a": "yes"},
}
MATURITY_QUESTION_IDS = [f"{p}-{level}{x}" for p in ("GOV", "PLC", "RSK", "BEN", "STK", "RES")
                         for level in (2, 3, 4, 5) for x in "ab"]

PMO_CHARTER = [
    ("mission", "Help Meridian choose the right projects and deliver them as promised, with the "
     "benefits that justified them: one way of running projects, one view of the portfolio, one "
     "version of the truth for the board."),
    ("sponsor", "Marc Fontaine, CEO."),
    ("reports to", "The CEO. The PMO prepares and runs the monthly portfolio board (the executive "
     "committee and the sponsors)."),
    ("scope", "Every project of more than 100,000 EUR or six months, in every department (IT, "
     "operations, facilities, digital, compliance): seven projects in 2026, and the programmes "
     "the board creates. Business-as-usual improvements are out of scope."),
    ("type and authority", "A controlling PMO (PMI, PMBOK Guide, 6th ed., 2.4.4.3): the method, "
     "its templates and the gate criteria are mandatory; the PMO checks them before each gate "
     "and may recommend that the board stop or re-plan a project. It does not manage projects: "
     "project managers report to their sponsors."),
    ("services", "The service catalogue (pmo_services.csv), reviewed with its customers every "
     "six months."),
    ("staffing and budget", "3.0 full-time equivalents (the Head of PMO and two PMO analysts); "
     "310,000 EUR a year for staff, the PPM tool's licences and training."),
    ("success measures", "By the end of 2026: 70 % of projects on schedule (SPI(t) at least "
     "0.95) and 70 % on budget (CPI at least 0.95); 90 % of projects following the method; "
     "benefits of live projects realised at 90 % of plan or more; satisfaction of sponsors and "
     "project managers at least 3.5 out of 5. By the end of 2027: maturity level 3 in every "
     "perspective."),
    ("review", "Every January, by the CEO and the executive committee: the mandate, the type "
     "and the catalogue. Next review: January 2027."),
]

# id, service, role, customers, authority, service level, perspective, fte, status
PMO_SERVICES = [
    ("S01", "Portfolio report and board pack", "analytical", "board, CEO", "control",
     "Monthly, sent two working days before the board", "Stakeholders and communication",
     0.5, "running"),
    ("S02", "Project method, templates and gate criteria", "methodological",
     "project managers, sponsors", "control",
     "Templates kept current; questions answered within two working days", "Governance",
     0.3, "running"),
    ("S03", "Gate reviews: compliance check before each gate", "methodological",
     "sponsors, board", "control",
     "Review within five working days of the request, before the gate meeting", "Governance",
     0.4, "running"),
    ("S04", "Planning and baseline support (schedules, earned value set-up)", "organisational",
     "project managers", "support", "On request; first session within a week",
     "Planning and control", 0.5, "running"),
    ("S05", "Portfolio risk review: exposure and the top five risks", "analytical",
     "board, sponsors", "control", "Monthly, with the board pack", "Risk", 0.2, "running"),
    ("S06", "Training and coaching of project managers", "coaching", "project managers, teams",
     "support", "A course each quarter; coaching on request", "", 0.3, "running"),
    ("S07", "Communication support and the weekly PMO bulletin", "relational",
     "project managers, teams, sponsors", "support",
     "Bulletin every Monday; communication plans reviewed on request",
     "Stakeholders and communication", 0.2, "running"),
    ("S08", "Cross-project resource view and settlement of conflicts", "organisational",
     "project managers, line managers, board", "control",
     "Monthly capacity review; conflicts settled within a week by the priority rule",
     "Resources", 0.4, "planned"),
    ("S09", "Benefits tracking after go-live", "analytical",
     "sponsors, benefit owners, board", "control",
     "Register kept current; quarterly realisation report to the board", "Benefits",
     0.1, "pilot"),
    ("S10", "Recovery support for projects in difficulty", "organisational", "sponsors, board",
     "direct", "On the board's decision, a PMO analyst joins the project for up to eight weeks",
     "Planning and control", 0.2, "running"),
    ("S11", "Project documentation and lessons learned library", "methodological",
     "project managers, teams", "support",
     "Closure reports and lessons filed within a month of closure", "Governance", 0.1,
     "running"),
    ("S12", "PPM tool administration", "organisational", "project managers, PMO", "support",
     "Accounts and access within two working days", "", 0.2, "running"),
]

# The PMO's KPI history, one row per quarter, measured on the quarter's last Friday. 2025
# covers the projects of the PMO's first year (all closed since; they are not in
# projects.csv). 2026's schedule and cost shares are those of evm.dashboard on
# status_weekly.csv (a test checks them); benefits_realised_pct of 2026-Q3 is derived from
# the benefit profiles below. None = not measured that quarter.
PMO_KPI_HISTORY = [
    # quarter, as_of, active, on schedule, on budget, adoption, maturity, satisfaction,
    # reports issued, templates (cumulative), people trained (cumulative)
    ("2025-Q1", "2025-03-28", 4, 25.0, 50.0, 25.0, None, None, 36, 4, 0),
    ("2025-Q2", "2025-06-27", 5, 40.0, 40.0, 40.0, "2025-06-20", 2.8, 48, 9, 14),
    ("2025-Q3", "2025-09-26", 5, 60.0, 60.0, 60.0, None, None, 52, 14, 26),
    ("2025-Q4", "2025-12-26", 4, 50.0, 75.0, 75.0, None, 3.1, 44, 18, 38),
    ("2026-Q1", "2026-03-27", 3, 100.0, 100.0, 100.0, None, None, 41, 22, 51),
    ("2026-Q2", "2026-06-26", 6, 83.3, 83.3, 83.3, None, 3.6, 88, 27, 69),
    ("2026-Q3", "2026-09-25", 7, 42.9, 57.1, 85.7, "2026-09-18", None, 117, 31, 88),
]

# The benefits register. Values are EUR a year at full run rate (negative for a
# dis-benefit, 0 for a non-financial benefit); the business case of each project (its
# planned benefits over 60 months from their start, less its budget spent at its start,
# discounted at 8 % a year) reproduces its npv_eur in project_scores.csv to the 10,000.
# id, project, benefit, kind, category, objective, key result, owner, measure, unit,
# baseline, target, target date, annual value, start (month), ramp (months)
BENEFITS = [
    ("B-01", "ERP", "Inventory carrying cost saved", "benefit", "cashable", "O2", "KR2.3",
     "Karim Benali", "Days of inventory on hand (month-end stock over cost of sales a day)",
     "days", 74, 62, "2027-12-31", 891000, "2027-04-01", 12),
    ("B-02", "ERP", "Legacy order system retired", "benefit", "cashable", "O2", "",
     "David Okafor", "Annual run cost of the legacy order and stock system (licences, "
     "maintenance, hosting)", "EUR a year", 300000, 0, "2027-03-31", 300000, "2027-02-01", 0),
    ("B-03", "ERP", "Faster month-end close", "benefit", "non-cashable", "O3", "KR3.2",
     "Hélène Marchand", "Working days to close the month", "working days", 9, 5,
     "2027-06-30", 120000, "2027-03-01", 6),
    ("B-04", "CRM", "Trade-customer margin retained", "benefit", "cashable", "O1", "KR1.2",
     "Thomas Berger", "Trade-customer retention rate (customers who order in both years)", "%",
     86, 90, "2027-12-31", 207000, "2026-09-01", 12),
    ("B-05", "CRM", "Legacy CRM licences and hosting retired", "benefit", "cashable", "O1", "",
     "David Okafor", "Annual run cost of the legacy CRM", "EUR a year", 90000, 0, "2026-12-31",
     90000, "2026-11-01", 0),
    ("B-06", "CRM", "Sales representatives' admin time saved", "benefit", "non-cashable", "O1",
     "", "Thomas Berger", "Hours of administration per sales representative a week "
     "(time-sheet sample)", "hours a week", 6, 3, "2027-03-31", 80000, "2026-09-01", 6),
    ("B-07", "WHA", "Picking labour cost saved (temporary staff and overtime at peak)",
     "benefit", "cashable", "O2", "KR2.1", "Julien Mercier",
     "Order lines picked per hour at Saint-Priest", "lines/hour", 85, 120, "2027-09-30",
     1556000, "2027-03-01", 6),
    ("B-08", "WHA", "Shorter order-to-ship lead time", "benefit", "non-financial", "O2", "KR2.2",
     "Karim Benali", "Order-to-ship lead time, order to truck", "hours", 30, 18, "2027-09-30",
     0, "2027-03-01", 6),
    ("B-09", "WHA", "Maintenance and energy of the conveyor line", "dis-benefit", "cashable",
     "O2", "", "Julien Mercier", "Annual maintenance contract and electricity of the line",
     "EUR a year", 0, 120000, "2027-02-28", -120000, "2027-02-01", 0),
    ("B-10", "OFM", "Rent and service charges saved", "benefit", "cashable", "O4", "",
     "Sophie Laurent", "Annual rent and service charges of the head office", "EUR a year",
     1180000, 741000, "2026-12-31", 439000, "2026-09-01", 0),
    ("B-11", "OFM", "Energy and facility costs saved", "benefit", "cashable", "O4", "",
     "Sophie Laurent", "Annual energy and cleaning bills of the head office", "EUR a year",
     210000, 150000, "2026-12-31", 60000, "2026-09-01", 0),
    ("B-12", "OFM", "Transport allowance for the longer commute", "dis-benefit", "cashable",
     "O4", "", "Sophie Laurent", "Annual transport allowance paid for the commute to Gerland",
     "EUR a year", 0, 40000, "2026-09-30", -40000, "2026-09-01", 0),
    ("B-13", "OFM", "Staff engagement in the new office", "benefit", "non-financial", "O4",
     "KR4.3", "Sophie Laurent", "Employee engagement score (annual survey)", "points", 62, 70,
     "2026-12-31", 0, "2026-09-01", 0),
    ("B-14", "DAT", "Analysts' time on spreadsheet reporting saved", "benefit", "non-cashable",
     "O3", "KR3.1", "Hélène Marchand",
     "Analyst days a month spent compiling management reports", "days a month", 60, 15,
     "2027-06-30", 199000, "2026-12-01", 6),
    ("B-15", "DAT", "Legacy reporting tools retired", "benefit", "cashable", "O3", "",
     "David Okafor", "Annual licences of the legacy reporting tools", "EUR a year", 60000, 0,
     "2027-01-31", 60000, "2027-01-01", 0),
    ("B-16", "DAT", "Management decides on one version of the truth", "benefit",
     "non-financial", "O3", "KR3.1", "Hélène Marchand",
     "Management KPIs served from the data platform", "%", 0, 80, "2027-06-30", 0,
     "2026-12-01", 6),
    ("B-17", "ECO", "Online gross margin", "benefit", "cashable", "O1", "KR1.1", "Camille Roux",
     "Share of revenue from online channels", "%", 12, 18, "2027-12-31", 542000, "2026-11-01",
     12),
    ("B-18", "ECO", "Happier online customers", "benefit", "non-financial", "O1", "KR1.3",
     "Camille Roux", "Net promoter score of online customers", "points", 31, 40, "2027-06-30",
     0, "2026-11-01", 6),
    ("B-19", "ECO", "Order-entry calls saved by the trade portal", "benefit", "non-cashable",
     "O1", "", "Thomas Berger", "Trade orders taken by phone a month", "orders a month", 4000,
     2500, "2027-06-30", 60000, "2026-12-01", 6),
    ("B-20", "ECO", "Trade margin lost to web-shop prices", "dis-benefit", "cashable", "O1", "",
     "Thomas Berger", "Margin lost on trade orders placed at the web shop's prices",
     "EUR a year", 0, 60000, "2027-06-30", -60000, "2026-11-01", 6),
    ("B-21", "SEC", "Retail-chain contracts kept", "benefit", "cashable", "O4", "KR4.1",
     "Thomas Berger", "Retail-chain contracts renewed with the ISO 27001 requirement met",
     "contracts", 0, 2, "2027-06-30", 241000, "2027-03-01", 0),
    ("B-22", "SEC", "Cyber-insurance premium reduced", "benefit", "cashable", "O4", "",
     "Hélène Marchand", "Annual cyber-insurance premium", "EUR a year", 140000, 100000,
     "2027-06-30", 40000, "2027-04-01", 0),
    ("B-23", "SEC", "Staff aware of security", "benefit", "non-financial", "O4", "KR4.2",
     "David Okafor", "Staff who completed security awareness training", "%", 35, 95,
     "2027-02-28", 0, "2026-09-01", 0),
]
BENEFIT_MONTHS = 60  # each valued benefit is planned over five years from its start

# Realised euros by benefit and month, as measured up to the status date. The CRM went
# live on 2 September; the head office moved in August, but the old premises are not
# handed back yet (OFM-20), so their rent is still paid.
BENEFITS_REALISED = {
    ("B-04", "2026-09-01"): 1100,
    ("B-06", "2026-09-01"): 600,
    ("B-10", "2026-09-01"): 0,
    ("B-11", "2026-09-01"): 5600,
    ("B-12", "2026-09-01"): -4100,
}

# Deliverables that pass between projects: id, deliverable, from (project, task), to
# (project, task), link type and lag in working days.
DEPENDENCIES = [
    ("D-01", "Stock availability and product data feed for the web shop", "DAT", "DAT-15",
     "ECO", "ECO-20", "FS", 0),
    ("D-02", "Legacy CRM history archived in the sales data model", "DAT", "DAT-12", "CRM",
     "CRM-25", "FF", 0),
    ("D-03", "Access roles and GDPR review of the data platform (ISMS evidence)", "DAT",
     "DAT-20", "SEC", "SEC-17", "FS", 0),
    ("D-04", "Web analytics tagging of the new storefront", "ECO", "ECO-17", "DAT", "DAT-16",
     "FS", 0),
    ("D-05", "ERP interfaces with the WMS, for the conveyor line's tests", "ERP", "ERP-12",
     "WHA", "WHA-17", "FS", 0),
    ("D-06", "ERP live: the automated lanes take their orders from it", "ERP", "ERP-26", "WHA",
     "WHA-22", "FS", 0),
    ("D-07", "Trade-customer accounts and B2B price lists in the CRM", "CRM", "CRM-12", "ECO",
     "ECO-10", "FS", 0),
    ("D-08", "Server room moved to Gerland, before the disaster recovery test", "OFM", "OFM-16",
     "SEC", "SEC-11", "FS", 0),
]


def _add_months(day: dt.date, months: int) -> dt.date:
    year, month = divmod(day.month - 1 + months, 12)
    return dt.date(day.year + year, month + 1, 1)


def benefit_profile_rows():
    """Month-by-month planned euros of every valued benefit, with the realised ones."""
    rows = []
    for b in BENEFITS:
        bid, annual, start, ramp = b[0], b[13], dt.date.fromisoformat(b[14]), b[15]
        if annual == 0:
            continue
        for k in range(BENEFIT_MONTHS):
            share = min(1.0, (k + 1) / ramp) if ramp else 1.0
            month = _add_months(start, k).isoformat()
            realised = BENEFITS_REALISED.get((bid, month), "")
            rows.append([bid, month, round(annual / 12 * share, 2), realised])
    return rows


def maturity_levels(answers: dict, threshold: float = 0.75) -> dict:
    """Each perspective's level (staged: a level counts when it and all below are reached)."""
    score = {"yes": 1.0, "partly": 0.5, "no": 0.0}
    levels = {}
    for prefix in ("GOV", "PLC", "RSK", "BEN", "STK", "RES"):
        level = 1
        for candidate in (2, 3, 4, 5):
            mean = sum(score[answers.get(f"{prefix}-{candidate}{x}", "no")] for x in "ab") / 2
            if mean >= threshold:
                level = candidate
            else:
                break
        levels[prefix] = level
    return levels


def benefits_realised_pct(profile_rows, as_of: str) -> float:
    """Realised over planned euros, in %, over the months measured up to as_of."""
    planned = realised = 0.0
    for _, month, plan, real in profile_rows:
        if month <= as_of and plan != 0:
            planned += plan
            realised += real if real != "" else 0.0
    return round(100 * realised / planned, 1)

# --------------------------------------------------------------------------
# Knowledge: the document registers, each project's next gate, the lessons-learned log
# --------------------------------------------------------------------------

# The next stage gate of each project (pmo_lessons.methodology.stage_gates): its life cycle,
# the gate, its date (empty: not planned) and the milestone it is held at (empty: none).
NEXT_GATES = [
    ("ERP", "hybrid", "G3", "2027-03-03", "ERP-24"),
    ("CRM", "predictive", "G4", "2026-10-05", ""),
    ("WHA", "predictive", "G3", "2027-03-19", "WHA-21"),
    ("OFM", "predictive", "G5", "", "OFM-22"),
    ("DAT", "agile", "G3", "2026-11-05", ""),
    ("ECO", "agile", "G3", "2026-10-30", "ECO-19"),
    ("SEC", "predictive", "G2", "2026-09-28", "SEC-07"),
]

# The document register of each project: one row per version of a document the project keeps
# (id, version), with its type (pmo_lessons.documents.DOCUMENT_TYPES), title, status, owner, where
# it is filed and when it was last reviewed. Written with the stories of the health checks above.
_SITE = "project site"
DOCUMENT_REGISTERS = {
    "ERP": [
        ("01", "business case", "ERP business case", "1.0", "superseded", "Hélène Marchand", _SITE,
         "2025-11-14"),
        ("01", "business case", "ERP business case", "2.0", "current", "Hélène Marchand", _SITE,
         "2026-01-09"),
        ("02", "charter", "ERP project charter", "1.0", "current", "Paul Girard", _SITE, "2026-01-23"),
        ("03", "plan", "ERP integrated plan and cost baseline", "2.4", "superseded", "Paul Girard",
         _SITE, "2026-05-19"),
        ("03", "plan", "ERP integrated plan and cost baseline", "3.1", "current", "Paul Girard",
         _SITE, "2026-09-18"),
        ("04", "backlog", "Build backlog and release plan", "4.0", "current", "Paul Girard",
         "integrator portal", "2026-09-21"),
        ("05", "RACI", "ERP governance and RACI matrix", "1.2", "current", "Paul Girard", _SITE,
         "2026-05-19"),
        ("06", "risk register", "ERP risk register", "27", "current", "Paul Girard", _SITE,
         "2026-09-24"),
        ("07", "communication plan", "Stakeholder register and communication plan", "1.1",
         "current", "Paul Girard", _SITE, "2026-07-02"),
        ("08", "lessons log", "ERP lessons log", "0.6", "current", "Paul Girard", _SITE,
         "2026-08-28"),
        ("09", "status report", "ERP weekly status report", "37", "current", "Paul Girard", _SITE,
         "2026-09-25"),
        ("10", "definition of done", "Definition of Done, build sprints", "1.0", "current",
         "Paul Girard", "integrator portal", "2026-04-24"),
        ("11", "requirements", "Fit-gap design and functional specification", "1.0", "current",
         "Paul Girard", _SITE, "2026-05-19"),
        ("11", "requirements", "Fit-gap design and functional specification", "1.3", "current",
         "Paul Girard", "integrator portal", "2026-09-10"),
        ("12", "test strategy", "Test strategy and test entry criteria", "1.1", "current",
         "Paul Girard", _SITE, "2026-06-30"),
        ("13", "test report", "System integration test report", "0.3", "draft", "Paul Girard",
         _SITE, "2026-09-25"),
        ("14", "training plan", "End-user training plan (140 users)", "0.2", "draft", "Paul Girard",
         _SITE, "2026-09-04"),
        ("15", "support model", "Support model and support contract", "0.4", "draft",
         "David Okafor", _SITE, "2026-09-11"),
    ],
    "CRM": [
        ("01", "business case", "CRM business case", "1.1", "current", "Thomas Berger", _SITE,
         "2026-02-13"),
        ("02", "charter", "CRM project charter", "1.0", "current", "Amélie Dubois", _SITE,
         "2026-02-06"),
        ("03", "plan", "CRM plan and cost baseline", "2.2", "current", "Amélie Dubois", _SITE,
         "2026-09-11"),
        ("04", "RACI", "CRM RACI matrix", "1.0", "current", "Amélie Dubois", _SITE, "2026-02-20"),
        ("05", "risk register", "CRM risk register", "15", "current", "Amélie Dubois", _SITE,
         "2026-09-18"),
        ("06", "communication plan", "Stakeholder register and communication plan", "1.2",
         "current", "Amélie Dubois", _SITE, "2026-07-15"),
        ("07", "lessons log", "CRM lessons log", "0.9", "current", "Amélie Dubois", _SITE,
         "2026-09-04"),
        ("08", "status report", "CRM weekly status report", "34", "current", "Amélie Dubois",
         _SITE, "2026-09-25"),
        ("09", "requirements", "Requirements baseline: sales and customer service", "1.0",
         "current", "Amélie Dubois", _SITE, "2026-03-13"),
        ("10", "test strategy", "CRM test strategy", "1.0", "current", "Amélie Dubois", _SITE,
         "2026-03-27"),
        ("11", "test report", "User acceptance test and Lyon pilot report", "1.0", "current",
         "Amélie Dubois", _SITE, "2026-08-13"),
        ("12", "training plan", "Training plan: sales and customer service", "1.1", "current", "",
         _SITE, "2026-07-24"),
        ("13", "cut-over plan", "Cut-over and fallback plan", "1.2", "current", "Amélie Dubois",
         _SITE, "2026-08-13"),
        ("14", "support model", "Support model and handover to the service desk", "1.0",
         "current", "Amélie Dubois", _SITE, "2026-08-12"),
        ("15", "go-live decision", "Go-live readiness review of 14 August: decision and minutes",
         "1.0", "current", "Thomas Berger", _SITE, "2026-08-14"),
        ("16", "hypercare report", "Hypercare exit report", "0.2", "draft", "Amélie Dubois", _SITE,
         "2026-09-22"),
    ],
    "WHA": [
        ("01", "business case", "Business case refresh and throughput study", "2.0", "current",
         "Karim Benali", _SITE, "2026-07-31"),
        ("02", "charter", "Warehouse automation project charter", "1.0", "current", "Lucas Moreau",
         _SITE, "2026-04-17"),
        ("03", "plan", "WHA plan and cost baseline", "1.0", "superseded", "Lucas Moreau", _SITE,
         "2026-04-24"),
        ("03", "plan", "WHA plan and cost baseline", "2.0", "current", "Lucas Moreau", _SITE,
         "2026-09-18"),
        ("04", "RACI", "WHA RACI matrix", "1.0", "current", "Lucas Moreau", _SITE, "2026-04-24"),
        ("05", "risk register", "WHA risk register", "11", "current", "Lucas Moreau", _SITE,
         "2026-09-11"),
        ("06", "communication plan", "Stakeholder and works council communication plan", "1.1",
         "current", "Lucas Moreau", _SITE, "2026-07-03"),
        ("07", "lessons log", "WHA lessons log", "0.3", "current", "Lucas Moreau", _SITE,
         "2026-07-03"),
        ("08", "status report", "WHA weekly status report", "24", "current", "Lucas Moreau", _SITE,
         "2026-09-25"),
        ("09", "requirements", "Detailed layout design, Saint-Priest", "1.0", "current",
         "Lucas Moreau", _SITE, "2026-06-19"),
        ("10", "requirements", "WMS interface specification", "1.0", "current", "Lucas Moreau",
         _SITE, "2026-06-26"),
        ("11", "support model", "Conveyor maintenance options", "0.1", "draft", "Karim Benali",
         _SITE, "2026-09-04"),
    ],
    "OFM": [
        ("01", "business case", "Head-office move business case", "1.0", "current",
         "Sophie Laurent", _SITE, "2026-02-20"),
        ("02", "charter", "Head-office move charter", "1.0", "current", "Isabelle Fournier", _SITE,
         "2026-03-06"),
        ("03", "plan", "Move plan and cost baseline", "2.1", "current", "Isabelle Fournier", _SITE,
         "2026-07-24"),
        ("04", "RACI", "Move RACI matrix", "1.0", "current", "Isabelle Fournier", _SITE,
         "2026-03-13"),
        ("05", "risk register", "Move risk register", "6", "current", "Isabelle Fournier", _SITE,
         "2026-07-10"),
        ("06", "communication plan", "Staff communication plan and move guides", "2.0", "current",
         "Isabelle Fournier", _SITE, "2026-08-07"),
        ("07", "status report", "Move weekly status report", "30", "current", "Isabelle Fournier",
         _SITE, "2026-09-25"),
        ("08", "requirements", "Space requirements and seating plan", "1.2", "current",
         "Isabelle Fournier", _SITE, "2026-04-10"),
        ("09", "test report", "Fit-out handover inspection report", "1.0", "current",
         "Isabelle Fournier", _SITE, "2026-08-04"),
        ("10", "cut-over plan", "Move plan, waves and fallback", "1.3", "current",
         "Isabelle Fournier", _SITE, "2026-08-07"),
        ("11", "support model", "Facilities support after the move", "1.0", "current",
         "Isabelle Fournier", _SITE, "2026-08-14"),
        ("12", "go-live decision", "Move go decision, steering committee of 5 August", "1.0",
         "current", "Sophie Laurent", _SITE, "2026-08-05"),
        ("13", "hypercare report", "Snag list and post-move support report", "0.4", "draft",
         "Isabelle Fournier", _SITE, "2026-09-18"),
        ("14", "acceptance certificate", "Handover of the new premises to Facilities", "0.9",
         "in review", "", "e-mail", "2026-09-02"),
    ],
    "DAT": [
        ("01", "business case", "Data platform business case", "1.0", "current", "David Okafor",
         _SITE, "2026-05-08"),
        ("02", "charter", "Data platform charter", "1.0", "current", "Priya Raman", _SITE,
         "2026-05-11"),
        ("03", "backlog", "Data platform board and release plan", "3.0", "current", "Priya Raman",
         _SITE, "2026-09-21"),
        ("04", "RACI", "Data platform RACI matrix", "1.0", "current", "Priya Raman", _SITE,
         "2026-05-22"),
        ("05", "risk register", "Data platform risk register", "9", "current", "Priya Raman", _SITE,
         "2026-09-18"),
        ("06", "communication plan", "Data owners and communication plan", "1.1", "current",
         "Priya Raman", _SITE, "2026-08-21"),
        ("07", "lessons log", "Data platform lessons log", "0.4", "current", "Priya Raman", _SITE,
         "2026-08-14"),
        ("08", "status report", "Data platform weekly status report", "21", "current",
         "Priya Raman", _SITE, "2026-09-25"),
        ("09", "definition of done", "Definition of Done for data items", "1.0", "current", "",
         "team wiki", "2026-06-29"),
        ("10", "test report", "User acceptance of reports", "0.1", "draft", "Priya Raman", _SITE,
         "2026-09-18"),
        ("11", "training plan", "Self-service BI training plan", "1.0", "current", "Priya Raman",
         _SITE, "2026-09-04"),
    ],
    "ECO": [
        ("01", "business case", "Storefront relaunch business case", "1.0", "current",
         "Camille Roux", _SITE, "2026-05-22"),
        ("02", "charter", "Storefront relaunch charter", "1.0", "current", "Hugo Lefèvre", _SITE,
         "2026-06-05"),
        ("03", "backlog", "Release plan, Storefront 1.0", "1.0", "current", "Hugo Lefèvre", _SITE,
         "2026-07-06"),
        ("03", "backlog", "Release plan, Storefront 1.0", "2.1", "current", "Hugo Lefèvre",
         "agency drive", "2026-09-14"),
        ("04", "risk register", "Storefront risk register", "8", "current", "Hugo Lefèvre", _SITE,
         "2026-09-17"),
        ("05", "communication plan", "Stakeholder register and communication plan", "1.0",
         "current", "Hugo Lefèvre", _SITE, "2026-07-10"),
        ("06", "lessons log", "Storefront lessons log", "0.1", "current", "Hugo Lefèvre", _SITE,
         "2026-06-05"),
        ("07", "status report", "Storefront weekly status report", "17", "current", "Hugo Lefèvre",
         _SITE, "2026-09-25"),
        ("08", "definition of done", "Definition of Done and checkout acceptance criteria", "0.3",
         "draft", "Hugo Lefèvre", "agency drive", "2026-08-28"),
        ("09", "training plan", "Customer-service training plan", "1.0", "current", "Hugo Lefèvre",
         _SITE, "2026-09-11"),
    ],
    "SEC": [
        ("01", "business case", "ISO 27001 programme business case", "1.0", "current",
         "David Okafor", _SITE, "2026-07-03"),
        ("02", "charter", "ISO 27001 programme charter", "1.0", "current", "Martin Kowalski", _SITE,
         "2026-07-10"),
        ("03", "plan", "Programme plan and cost baseline", "1.1", "superseded", "Martin Kowalski",
         _SITE, "2026-07-17"),
        ("03", "plan", "Programme plan and cost baseline", "1.2", "current", "Martin Kowalski",
         _SITE, "2026-09-04"),
        ("04", "RACI", "ISMS RACI matrix", "1.0", "current", "Martin Kowalski", _SITE, "2026-07-17"),
        ("05", "risk register", "Programme risk register", "5", "current", "Martin Kowalski", _SITE,
         "2026-09-18"),
        ("06", "communication plan", "Stakeholder register and communication plan", "1.0",
         "current", "Martin Kowalski", _SITE, "2026-07-17"),
        ("07", "lessons log", "Programme lessons log", "0.2", "current", "Martin Kowalski", _SITE,
         "2026-09-11"),
        ("08", "status report", "Programme weekly status report", "12", "current",
         "Martin Kowalski", _SITE, "2026-09-25"),
        ("09", "requirements", "Statement of applicability and risk treatment plan", "0.9",
         "in review", "Martin Kowalski", _SITE, "2026-09-23"),
        ("10", "test strategy", "Internal audit programme and criteria", "0.2", "draft",
         "Martin Kowalski", _SITE, "2026-09-18"),
    ],
}

# The lessons-learned log of the PMO: lessons from the closure reports of 2019-2024 (gathered when
# the PMO was set up in 2025) and from the projects since. One row per lesson: id, project (a code;
# the past projects' codes start with P and the year), project name, phase, went well or badly,
# date logged, logged by, what happened, why, what to do next time, tags, what the PMO changed.
PAST_PROJECTS = {
    "P19-WMS": "WMS roll-out, Lille warehouse",
    "P21-WEB": "Web shop, first version",
    "P22-PAY": "Payroll and HR system replacement",
    "P22-MOB": "Sales order-taking app pilot",
    "P23-EDI": "EDI with the two retail chains",
    "P23-TEL": "Telephony and contact-centre migration",
    "P24-LIL": "Lille warehouse extension",
    "P24-REP": "Sales reporting cube",
    "P25-FIN": "Month-end close acceleration",
    "P25-PMO": "Setting up the PMO",
}
LESSONS = [
    ("P19-WMS", "testing", "went badly", "2019-11-29", "Olivier Garnier",
     "The interface between the WMS and the order system passed its tests with 50 test orders, then "
     "failed on the first Monday after go-live, when the 4,000 orders of the morning batch arrived. "
     "Picking stopped for six hours.",
     "The interface was tested with small volumes only: nobody had written a volume requirement, and "
     "the test environment could not hold a full day of orders.",
     "Write the peak volume of every interface as a requirement (orders per hour at the busiest hour "
     "of the year) and run a volume test at that load before the go-live gate.",
     "interfaces, testing, performance, go-live",
     "Volume test added to the test strategy template (2025)."),
    ("P19-WMS", "build", "went badly", "2019-10-04", "Olivier Garnier",
     "The integrator's consultants were not competent enough, which made the build late and caused "
     "many defects in the interfaces.",
     "The integrator put junior people on our project to save money on its side.",
     "Next time, make sure that the supplier gives us its best people and not juniors.",
     "supplier, resources, interfaces", ""),
    ("P25-FIN", "testing", "went well", "2025-02-07", "Paul Girard",
     "The reconciliation scripts written for the parallel run caught three posting errors before "
     "the first live close.",
     "The scripts compared every ledger balance of the old and the new system each night.",
     "Reuse the nightly reconciliation scripts.",
     "testing, finance, cut-over", "Scripts kept in the finance team's repository (2025)."),
    ("P19-WMS", "deployment", "went badly", "2019-11-29", "Olivier Garnier",
     "Go-live was set for the first week of November. The warehouse was already in its peak and had "
     "no slack to absorb the slower picking of the first weeks: 1,800 orders shipped late.",
     "The date was chosen by IT around the integrator's availability, without the warehouse's "
     "calendar.",
     "Do not take a warehouse system live between 15 October and 15 January; agree the go-live date "
     "with the warehouse manager before the plan is baselined.",
     "schedule, peak season, go-live, stakeholders",
     "Rule in the PMO's planning guide (2025)."),
    ("P19-WMS", "deployment", "went well", "2019-12-06", "Olivier Garnier",
     "The super-users chosen from each shift trained their colleagues and answered about 80 % of the "
     "questions on the floor in the first two weeks.",
     "They were chosen by the shift leaders, released half-time for the six weeks before go-live and "
     "trained before everybody else.",
     "Name one super-user per shift or team, release them at least half-time from six weeks before "
     "go-live, and train them before the end users.",
     "training, key users, go-live, change management", ""),
    ("P19-WMS", "closure", "went badly", "2019-12-06", "Olivier Garnier",
     "Communication could have been better.", "", "Communicate more next time.",
     "communication", ""),
    ("P21-WEB", "build", "went badly", "2021-06-18", "Claire Fabre",
     "The agency reported its progress as a percent complete of its own plan. It said 90 % for seven "
     "weeks while the checkout still did not work end to end.",
     "The contract paid on milestones the agency declared itself, and Meridian could see neither the "
     "agency's backlog nor its defects.",
     "In a contract with an agency, measure progress by the features Meridian accepts in a demo every "
     "two weeks, and get read access to the agency's backlog and defect log from day one.",
     "supplier, progress measurement, contracts, agile",
     "Clause in the PMO's agency contract template (2025)."),
    ("P21-WEB", "testing", "went badly", "2021-09-24", "Claire Fabre",
     "On launch day, card payments failed for the customers of one bank: its 3-D Secure check "
     "behaved differently from the payment provider's test environment.",
     "Payment was tested only in the provider's sandbox; no real card payment was made before the "
     "launch.",
     "Before a launch, make real low-value payments in production with the cards of the main banks, "
     "during a soft launch to a small share of the traffic.",
     "testing, payment, go-live, supplier", "ECO-20 soft launch in the storefront's plan."),
    ("P21-WEB", "deployment", "went badly", "2021-11-26", "Claire Fabre",
     "Traffic from search engines fell by 40 % for two months after the launch.",
     "The old product URLs were not redirected to the new ones: search engine optimisation was not "
     "in the scope.",
     "Put URL redirects and web analytics in the scope of every web relaunch, and test the 500 most "
     "visited URLs before the launch.",
     "scope, go-live, web, testing", "ECO-17 in the storefront's plan."),
    ("P21-WEB", "closure", "went badly", "2021-12-17", "Claire Fabre",
     "Trade customers hardly used the web shop: 3 % of trade orders came online in the first year, "
     "against 25 % in the business case.",
     "No trade customer took part in the design or the testing. Their price lists and their way of "
     "ordering (reordering the same 40 lines every week) were not supported.",
     "Involve at least three trade customers in the design workshops and the acceptance tests of "
     "anything they will use, and test with their real order patterns.",
     "stakeholders, requirements, benefits, trade customers, testing", ""),
    ("P21-WEB", "closure", "went badly", "2021-12-17", "Claire Fabre",
     "The agency was not good.", "", "Choose a better agency.", "supplier", ""),
    ("P22-PAY", "design", "went badly", "2022-03-11", "Antoine Roussel",
     "The collective agreement's rules for night shifts were found in the third month of the build, "
     "and added six weeks.",
     "Only head-office HR took part in the requirements workshops; no payroll clerk of the "
     "warehouses did.",
     "Invite the people who do the work today (here the payroll clerks of each site), not only their "
     "managers, to the requirements workshops.",
     "requirements, key users, scope, schedule", ""),
    ("P22-PAY", "build", "went badly", "2022-05-20", "Antoine Roussel",
     "11 % of the employee records had a missing or wrong social security number, and the first "
     "payroll trial failed.",
     "Nobody measured the data quality before the migration began; cleansing was planned for two "
     "weeks.",
     "Profile the data in the first month (completeness and validity of each key field), size the "
     "cleansing from the profile, and name a business owner for each data object.",
     "data migration, data quality, estimation", ""),
    ("P22-PAY", "testing", "went well", "2022-09-30", "Antoine Roussel",
     "A parallel run of two payrolls found 14 differences before the first live payroll; none "
     "reached an employee.",
     "Payroll ran in both systems for two months, and every difference above 1 EUR was explained "
     "before the switch.",
     "For any system that pays or invoices, run the old and the new in parallel for at least two "
     "cycles and reconcile every difference before switching the old one off.",
     "testing, cut-over, finance, data migration", "In the cut-over plan template (2025)."),
    ("P22-PAY", "deployment", "went badly", "2022-10-14", "Antoine Roussel",
     "Training was too late.", "", "", "training", ""),
    ("P22-MOB", "testing", "went badly", "2022-11-18", "Nadia Haddad",
     "The sales representatives stopped using the order-taking app after a month: it did not work "
     "offline, in customers' basements and stock-rooms.",
     "The app was tested in the office, on Wi-Fi; nobody tested it where it would be used.",
     "Test a field app where it is used (customers' premises, poor mobile signal) and design it to "
     "work offline from the start.",
     "mobile, testing, requirements, adoption", ""),
    ("P22-MOB", "deployment", "went badly", "2022-11-18", "Nadia Haddad",
     "Two phone models of the fleet could not run the app: 15 representatives needed new phones, "
     "9,000 EUR nobody had planned.",
     "The device fleet and its operating system versions were not inventoried at the start.",
     "Inventory the devices and their operating system versions at initiation, and test the app on "
     "each model in use.",
     "mobile, budget, estimation", ""),
    ("P23-EDI", "initiation", "went badly", "2023-02-10", "Julie Bernard",
     "The EDI links were built on the old order system, which the ERP will replace: the mappings "
     "must be rebuilt in 2026.",
     "Nobody checked which of the systems the project integrated with were planned to change.",
     "At initiation, check the IT roadmap for every system the project connects to, and design the "
     "interfaces to survive a planned replacement (through the integration platform, not point to "
     "point).",
     "interfaces, architecture, ERP, roadmap", ""),
    ("P23-EDI", "build", "went badly", "2023-05-26", "Julie Bernard",
     "One retail chain changed the version of its invoice message three weeks before go-live; 600 "
     "invoices were rejected in the first month.",
     "The chain's specification was taken from its website: nobody had a named technical contact at "
     "the chain, and the interface agreement had no notice period for changes.",
     "For every partner interface, name a technical contact on each side, get the partner's roadmap "
     "of message versions, and agree a notice period for changes in the interface agreement.",
     "interfaces, customers, contracts, invoicing", ""),
    ("P23-EDI", "testing", "went well", "2023-06-16", "Julie Bernard",
     "End-to-end tests with each chain's own test system found 23 mapping errors before go-live.",
     "Three weeks of tests with the partners were in the plan from the start, and booked with them "
     "when the contracts were signed.",
     "Plan end-to-end tests with each external partner's test system (three weeks at least), booked "
     "with the partner when the contract is signed.",
     "interfaces, testing, customers", ""),
    ("P23-EDI", "hypercare", "went badly", "2023-07-21", "Julie Bernard",
     "Rejected invoices went unnoticed for ten days, because the error messages went to a mailbox "
     "nobody read.",
     "Monitoring and error handling of the interface were never designed; the alerts went to the "
     "mailbox of someone who had left.",
     "Design the error handling of every interface (who is alerted, within what time, how a rejected "
     "message is corrected and sent again) and test it before go-live.",
     "interfaces, error handling, invoicing, support", ""),
    ("P23-TEL", "deployment", "went badly", "2023-04-07", "Amélie Dubois",
     "The switch to cloud telephony was made on a Monday morning; customer service lost calls for "
     "half a day because call-routing rules were missing.",
     "The routing rules were rebuilt from the old system's documentation, which was out of date.",
     "Extract the configuration from the live system, not from its documentation; test a day of "
     "real call scenarios before the switch, and switch at a quiet time (a Friday evening).",
     "cut-over, configuration, customer service, go-live", ""),
    ("P23-TEL", "deployment", "went well", "2023-04-28", "Amélie Dubois",
     "A one-week pilot with five agents and their team leader changed nine screens before the "
     "roll-out to the whole contact centre.",
     "The plan had a pilot team and a week after the pilot to change what it found.",
     "Pilot with a small real team, and keep time in the plan to change what the pilot finds before "
     "the roll-out.",
     "pilot, key users, customer service, change management", ""),
    ("P23-TEL", "closure", "went badly", "2023-05-12", "Amélie Dubois",
     "Plan better.", "", "", "planning", ""),
    ("P24-LIL", "procurement", "went badly", "2024-03-15", "Lucas Moreau",
     "The racking supplier delivered nine weeks late; its contract had no penalty and no "
     "intermediate milestone.",
     "Purchasing negotiated the contract on price alone, without the project.",
     "Put intermediate milestones (design freeze, factory acceptance, shipping) and delay penalties "
     "in every supply contract on the critical path, and have the project manager at the "
     "negotiation.",
     "supplier, contracts, procurement, schedule",
     "Applied to the warehouse automation's conveyor contract (2026)."),
    ("P24-LIL", "build", "went badly", "2024-05-31", "Lucas Moreau",
     "The works council heard of the new shift patterns after the works had started; its "
     "consultation delayed the opening by five weeks.",
     "The legal information and consultation of the works council was not in the plan.",
     "For any change of working conditions, put the works council's information and consultation "
     "in the plan from the start, owned by HR, with at least a month for it.",
     "stakeholders, works council, schedule, legal", "WHA-04 in the warehouse automation plan."),
    ("P24-LIL", "build", "went well", "2024-06-28", "Lucas Moreau",
     "A weekly site meeting with the contractors and the warehouse manager solved most issues within "
     "a week.",
     "Same day, same time, 30 minutes, one issue list with an owner and a date for each line.",
     "On works projects, hold a short weekly site meeting with one issue list, owners and dates.",
     "governance, works, issues", ""),
    ("P24-LIL", "deployment", "went badly", "2024-09-20", "Lucas Moreau",
     "The new area ran at 60 % of its target productivity in its first month: the operators had "
     "been trained on paper, not on the equipment.",
     "Training took place before the equipment was installed.",
     "Train operators on the installed equipment in the weeks just before go-live, and plan a "
     "ramp-up period in the business case.",
     "training, go-live, ramp-up, benefits", "WHA-20 follows WHA-17 in the warehouse plan."),
    ("P24-LIL", "closure", "went badly", "2024-10-18", "Lucas Moreau",
     "The project was late because of the supplier.", "Supplier problems.",
     "Manage suppliers better.", "supplier", ""),
    ("P24-REP", "design", "went badly", "2024-04-12", "Priya Raman",
     "Finance and sales had two definitions of gross margin, and both rejected the first reports.",
     "The developers wrote the definition of each KPI; no business owner signed them.",
     "Write a definition of each KPI (formula, source, owner) and have its business owner sign it "
     "before the report is built.",
     "requirements, data quality, reporting, stakeholders",
     "DAT-04: the data platform's data owners and governance charter."),
    ("P24-REP", "build", "went badly", "2024-06-07", "Priya Raman",
     "The cloud bill of the third month was twice the estimate.",
     "Queries ran on the full tables every hour, and nobody watched the cost.",
     "Set a monthly cloud budget with an alert at 80 %, look at the cost every week during the "
     "build, and design incremental loads.",
     "budget, cloud, estimation, monitoring", ""),
    ("P24-REP", "closure", "went well", "2024-07-05", "Priya Raman",
     "70 % of the managers used the reports every week a month after the release.",
     "The future users came to every sprint review and changed the reports every two weeks.",
     "Invite the users of a report to every sprint review and let them reorder the backlog.",
     "agile, stakeholders, adoption, reporting", ""),
    ("P25-FIN", "initiation", "went well", "2025-01-24", "Paul Girard",
     "A two-day workshop with the accountants mapped the month-end close and found five steps that "
     "could run in parallel.",
     "The people who ran the close every month drew the process themselves, step by step.",
     "Map the current process with the people who run it before designing the new one.",
     "requirements, process, finance, key users", ""),
    ("P25-FIN", "deployment", "went badly", "2025-02-14", "Paul Girard",
     "The new close calendar was used for the first time at the year-end close, the hardest of the "
     "year; two steps failed and the accounts were four days late.",
     "Go-live had been fixed on the fiscal year for reporting reasons.",
     "Try a new finance process or system on an ordinary month-end first, never first at year-end.",
     "go-live, finance, schedule, pilot", ""),
    ("P25-FIN", "closure", "went badly", "2025-03-07", "Paul Girard",
     "The finance key users worked on the project on top of their jobs; two of them were on sick "
     "leave in the last month.",
     "No back-fill had been budgeted for them.",
     "Budget a back-fill for every key user who gives more than 30 % of their time to the project, "
     "and agree it with their manager before the project starts.",
     "key users, resources, budget, HR", ""),
    ("P25-PMO", "initiation", "went badly", "2025-04-04", "Nathalie Perrin",
     "The lessons of the projects of 2019 to 2024 were in 14 separate closure reports; nobody read "
     "them when a new project started.",
     "There was no single log, no way to search it, and no moment in the life cycle where lessons "
     "are read.",
     "Keep one lessons log for the portfolio, tagged and searchable, and brief every new project "
     "manager on the relevant lessons before the initiation gate.",
     "knowledge management, governance, documentation", "This log (2025)."),
    ("P25-PMO", "closure", "went well", "2025-09-26", "Nathalie Perrin",
     "The monthly portfolio board with one page per project replaced four status meetings a month "
     "for the executive team.",
     "Every project reported the same indicators on the same template, on the same day.",
     "Keep one report template and one reporting day for all the projects of the portfolio.",
     "governance, reporting", ""),
    ("P25-PMO", "closure", "went badly", "2025-09-26", "Nathalie Perrin",
     "Projects should use the templates.", "", "Use the templates.", "documentation", ""),
    ("P25-PMO", "closure", "went badly", "2025-10-10", "Nathalie Perrin",
     "Involve the business.", "", "The business should be more involved.", "stakeholders", ""),
    ("ERP", "design", "went badly", "2026-05-22", "Paul Girard",
     "The fit-gap workshops accepted about 40 change requests in three months, and the build "
     "backlog grew by a fifth.",
     "The workshops had no design authority and no rule for what a change may cost: every gap "
     "became a requirement.",
     "Set up the design authority before the fit-gap workshops, with a rule: a gap that is not a "
     "legal requirement is solved by changing the process first, and a change request is costed "
     "before it is accepted.",
     "scope, requirements, governance, change control", ""),
    ("ERP", "build", "went badly", "2026-07-24", "Paul Girard",
     "Legacy item data held about 18,000 duplicate or obsolete items; cleansing is now on the "
     "critical path.",
     "Data profiling started with the migration scripts, not at initiation.",
     "Profile the legacy data in the first month (duplicates, obsolete and incomplete records per "
     "data object) and plan the cleansing from the profile, with a business owner for each object.",
     "data migration, data quality, estimation", ""),
    ("ERP", "build", "went badly", "2026-08-07", "Paul Girard",
     "The integrator replaced three of its five senior consultants in July; new interface defects "
     "rose from about 11 to 15 a week.",
     "The contract named no key people and said nothing on replacing them.",
     "Name the supplier's key people in the contract, with Meridian's approval needed to replace "
     "one and a two-week handover.",
     "supplier, contracts, resources, interfaces", ""),
    ("ERP", "testing", "went well", "2026-09-04", "Paul Girard",
     "Earned value every week showed the steering committee the cost overrun at 20 % complete, "
     "early enough to act on it.",
     "Weekly EV from the baseline since the first week, reviewed by the PMO before each committee.",
     "Measure earned value weekly from the first week, against a baseline the PMO has checked.",
     "monitoring, reporting, governance", ""),
    ("ERP", "testing", "went badly", "2026-09-11", "Paul Girard",
     "System integration testing started on 31 August before its entry criteria were met: the first "
     "data migration dry run was not reconciled.",
     "The start date was kept to protect the go-live date.",
     "Treat testing entry criteria as a gate: if they are not met, move the start and tell the "
     "steering committee what it costs.",
     "testing, quality, governance, data migration", ""),
    ("CRM", "design", "went well", "2026-03-20", "Amélie Dubois",
     "The data model and field mapping were signed by the sales operations manager before "
     "configuration: the data model needed no rework later.",
     "The mapping was walked through with her, field by field, on real customer records.",
     "Have the business owner sign the data model and the field mapping before configuration "
     "starts.",
     "data migration, requirements, sign-off", ""),
    ("CRM", "testing", "went well", "2026-08-21", "Amélie Dubois",
     "The four-week pilot with the Lyon sales region found 31 defects and two missing reports before "
     "the national roll-out; the CRM went live two weeks early.",
     "A real region used the CRM for its daily work, with time to fix what it found before the "
     "go-live readiness review.",
     "Pilot a sales system with one real region for four weeks, and hold the go-live readiness "
     "review after the pilot.",
     "pilot, key users, go-live, testing", ""),
    ("CRM", "deployment", "went well", "2026-08-28", "Amélie Dubois",
     "Training the sales representatives on their own customers (a copy of production) made the "
     "sessions concrete; they rated them 4.5 out of 5.",
     "The training environment was loaded from the second migration trial.",
     "Train on a copy of real data, with exercises on the trainees' own accounts.",
     "training, data migration, change management", ""),
    ("CRM", "hypercare", "went badly", "2026-09-04", "Amélie Dubois",
     "Duplicate invoices were sent to 14 customers after go-live: the order-entry interface sent "
     "orders again after a time-out.",
     "What the interface does when the other side does not answer (time-outs, retries, duplicates) "
     "was neither specified nor tested; the tests covered the normal flow only.",
     "Specify and test what every interface does when the other side does not answer (time-outs, "
     "retries, duplicate messages) with the receiving system's owner, and make it part of the "
     "interface's acceptance criteria.",
     "interfaces, error handling, invoicing, testing", ""),
    ("CRM", "hypercare", "went badly", "2026-09-11", "Amélie Dubois",
     "The service switchboard team was not in the pilot; in the first week after go-live they could "
     "not find customer cases.",
     "The list of user groups came from the sales and service organisation chart, which leaves out "
     "the switchboard.",
     "Check the user groups against the system's access roles before the pilot, and put every group "
     "in the pilot or the training.",
     "stakeholders, training, customer service, pilot", ""),
    ("CRM", "hypercare", "went badly", "2026-09-18", "Amélie Dubois",
     "Hypercare was hard.", "", "", "hypercare", ""),
    ("CRM", "deployment", "went badly", "2026-09-18", "Amélie Dubois",
     "The licences of 20 customer-service agents were bought for a full year, though the agents "
     "only started on the CRM in August.",
     "The licences were ordered in one batch with the sales licences, at contract signature.",
     "Buy SaaS licences in step with the roll-out waves, and negotiate a ramp-up in the contract.",
     "budget, licences, procurement", ""),
    ("WHA", "initiation", "went well", "2026-05-15", "Lucas Moreau",
     "The works council was informed and consulted in the first month, and gave its opinion on the "
     "new shift patterns before the supplier contract was signed.",
     "The lesson of the Lille extension: the consultation was in the plan (WHA-04) with HR as its "
     "owner.",
     "Keep the works council's consultation in the plan of every project that changes working "
     "conditions, before contracts are signed.",
     "stakeholders, works council, legal", ""),
    ("WHA", "procurement", "went badly", "2026-07-10", "Lucas Moreau",
     "A month after signature, the conveyor supplier announced that manufacture would take twelve "
     "weeks longer.",
     "Its order book was full; the tender asked for no evidence of production capacity.",
     "In a tender for long-lead equipment, ask for the supplier's production slots and order book, "
     "and visit the factory before the award.",
     "supplier, procurement, schedule", ""),
    ("OFM", "deployment", "went well", "2026-08-21", "Isabelle Fournier",
     "180 people moved in two waves over two weekends without a lost business day.",
     "Every department had its own move guide, packing started five days before the building was "
     "ready, and IT moved the server room between the waves.",
     "Move in waves over weekends, with a move guide per department and the IT move between two "
     "waves.",
     "cut-over, communication, change management", ""),
    ("OFM", "testing", "went badly", "2026-09-04", "Isabelle Fournier",
     "The fit-out's handover inspection found 23 snags; the staff found 31 more after the move.",
     "Facilities inspected the floor alone, in one afternoon, without the users of each area.",
     "Inspect works room by room with a user representative of each area and a checklist, a week "
     "before handover, and keep a retention on the contractor until the snags are closed.",
     "works, acceptance, quality, handover", ""),
    ("OFM", "closure", "went badly", "2026-09-18", "Nathalie Perrin",
     "No steering committee has met since the move; the dilapidations claim on the old premises has "
     "no owner.",
     "Attention left the project once its visible part was done.",
     "Keep the steering committee until the closure gate, with the closure actions (claims, "
     "contracts, benefits) on its agenda.",
     "governance, closure, benefits", ""),
    ("DAT", "build", "went badly", "2026-08-14", "Priya Raman",
     "The data owners accepted finished items in a single review, held late because of the "
     "holidays (6 August); 11 items waited for weeks.",
     "One batch review had been planned, and no deputy was named for the summer.",
     "Review each item when it is ready, with a named data owner and a deputy for the holidays.",
     "agile, acceptance, flow, key users", "Items reviewed as they are ready since 10 August."),
    ("DAT", "build", "went badly", "2026-08-28", "Priya Raman",
     "The shared data engineers were pulled onto the ERP's data migration in July, and the "
     "pipelines waited.",
     "Each project planned the data engineers as if it had them alone.",
     "Agree each project's share of shared specialists at the portfolio board, for the quarter, and "
     "re-plan when it changes.",
     "resources, portfolio, data migration", ""),
    ("ECO", "build", "went badly", "2026-09-11", "Hugo Lefèvre",
     "Until September the defects were kept in the agency's chat; nobody knew how many were open.",
     "The contract did not ask for a defect log.",
     "Require a shared defect log from the first sprint, in Meridian's tool or with read access for "
     "Meridian, and report the open defects by severity every week.",
     "supplier, quality, testing, reporting", ""),
    ("ECO", "build", "went badly", "2026-09-18", "Hugo Lefèvre",
     "Trade customers asked for more of the B2B portal during the sprints, and the release grew by a "
     "fifth.",
     "The trade portal's scope was only sketched at design, and its product owner had no budget "
     "limit.",
     "Give the product owner a release budget and have trade customers rank the features before the "
     "first sprint; growth beyond the budget goes to the steering committee.",
     "scope, trade customers, agile, customers", ""),
    ("SEC", "initiation", "went well", "2026-07-24", "Martin Kowalski",
     "The ISMS scope was agreed in two weeks, limited to what the two retail customers require, "
     "instead of the whole company.",
     "The CIO and the customers' security requirements framed the scope workshop.",
     "Scope a certification from the requirement that calls for it (here the customers' contracts), "
     "agreed with the sponsor in the first weeks.",
     "scope, security, requirements", ""),
    ("P21-WEB", "hypercare", "went badly", "2021-10-08", "Claire Fabre",
     "In the week after the launch, 2,300 customers called because they could not log in to their "
     "new account pages: their old passwords could not be migrated.",
     "The account migration was not designed; customer service learned of it from the customers.",
     "Design the account migration (reset e-mails, password rules) with the launch, and staff "
     "customer service for the first weeks.",
     "customer portal, data migration, customer service, go-live", ""),
]


def knowledge_tables(out: Path) -> None:
    write_csv(out / "next_gates.csv", ["project", "life_cycle", "gate", "gate_date", "milestone"],
              NEXT_GATES)
    write_csv(out / "documents.csv",
              ["id", "project", "doc_type", "title", "version", "status", "owner", "location",
               "last_review"],
              [[f"{project}-DOC-{number}", project, *row]
               for project, rows in DOCUMENT_REGISTERS.items() for number, *row in rows])
    names = {**PAST_PROJECTS, **{p["id"]: p["name"] for p in PROJECTS}}
    ranked = sorted(LESSONS, key=lambda lesson: lesson[3])  # by date logged (a stable sort)
    write_csv(out / "lessons_learned.csv",
              ["id", "project", "project_name", "phase", "kind", "date_logged", "logged_by",
               "what_happened", "why", "recommendation", "tags", "action_taken"],
              [[f"LL-{k:03d}", lesson[0], names[lesson[0]], *lesson[1:]]
               for k, lesson in enumerate(ranked, start=1)])
# People: skills, capacity, training (lesson 13)
# --------------------------------------------------------------------------

# The people behind the shared roles of resources.csv. A person gives their role
# fte x (1 - bau_share) people per working day; summed over a role this is the role's
# capacity in resources.csv (a test checks it). The project managers of projects.csv are
# not in a pool: each runs one project. Skills: "ID:level" on the kit's 0-4 scale (a skill
# not listed is 0).
SKILLS = [
    ("PLAN", "Planning and scheduling", "method", "PM, BA",
     "Builds and maintains a task network, a baseline and its forecast"),
    ("RISK", "Risk management", "method", "PM, BA, SEC",
     "Identifies, assesses and follows risks and their responses"),
    ("AGILE", "Agile delivery", "method", "PM, QA",
     "Works in Scrum or Kanban: backlog, sprints, flow metrics"),
    ("REQ", "Requirements analysis", "business", "BA",
     "Elicits, writes and traces requirements and acceptance criteria"),
    ("FIN", "Finance processes", "business", "BA, PRC",
     "Order-to-cash, procure-to-pay and record-to-report"),
    ("SCM", "Supply chain and warehouse processes", "business", "BA, AUT",
     "Purchasing, inventory, picking and distribution"),
    ("SALES", "Sales and customer service processes", "business", "BA",
     "Accounts, opportunities, orders, service cases"),
    ("PDATA", "Product data management", "business", "BA, DE",
     "Item master, product attributes, catalogue and supplier product data"),
    ("BI", "Reporting and business intelligence", "technical", "BA, DEV, DE",
     "Data models, dashboards and KPI definitions"),
    ("TEST", "Test design and management", "technical", "QA, BA",
     "Test strategy, test cases, defect triage, acceptance tests"),
    ("INTEG", "Integration (APIs, EDI, middleware)", "technical", "ARC, DEV",
     "Interfaces between systems and with partners"),
    ("INFRA", "Infrastructure and cloud operations", "technical", "ARC, INF, SEC",
     "Networks, servers, cloud platforms and their operation"),
    ("ERPCFG", "ERP configuration", "technical", "ARC, DEV",
     "Configuring and extending the ERP's modules"),
    ("CRMCFG", "CRM configuration", "technical", "DEV",
     "Configuring the SaaS CRM: objects, workflows, service levels"),
    ("WEB", "Web development", "technical", "DEV",
     "Web shop, portals and their front ends"),
    ("DMIG", "Data migration", "technical", "DE",
     "Extracting, cleansing, mapping and loading legacy data"),
    ("DPIPE", "Data pipelines and data platform", "technical", "DE",
     "Ingestion pipelines, data quality rules, the cloud data platform"),
    ("ISMS", "Information security (ISO/IEC 27001)", "technical", "SEC, INF",
     "Security risk assessment, controls, audits"),
    ("PLC", "Automation and control software", "technical", "AUT",
     "Conveyors, sorters and their PLC and control software"),
    ("TRAIN", "Training design and delivery", "people", "TRN, CHG",
     "Designs courses and material, trains users and trainers"),
    ("CHG", "Change management", "people", "CHG, TRN",
     "Change impact, change networks, business readiness"),
    ("WORK", "Workplace and facilities", "business", "FAC",
     "Space planning, fit-out, moves and building services"),
    ("PROC", "Procurement and contracts", "business", "PRC, FAC",
     "Tenders, supplier selection, contracts and claims"),
]

# id, name, role, fte, bau_share, skills
PEOPLE = [
    ("P01", "Claire Vidal", "PM", 1.0, 0.3, "PLAN:4 RISK:3 AGILE:2"),
    ("P02", "Julien Roche", "PM", 1.0, 0.3, "PLAN:3 RISK:2 AGILE:3"),
    ("P03", "Anaïs Lemoine", "PM", 0.8, 0.25, "PLAN:3 RISK:3 AGILE:1"),
    ("P04", "Sarah Cohen", "BA", 0.8, 0.25, "REQ:4 FIN:3 PDATA:3 SCM:2 TEST:2"),
    ("P05", "Mehdi Haddad", "BA", 1.0, 0.2, "REQ:3 FIN:4 SALES:2 PDATA:2 BI:2"),
    ("P06", "Laura Petit", "BA", 1.0, 0.2, "REQ:3 SCM:3 PDATA:2 TEST:2"),
    ("P07", "Antoine Faure", "BA", 1.0, 0.2, "REQ:3 SALES:3 BI:2 RISK:2"),
    ("P08", "Inès Bernard", "BA", 1.0, 0.2, "REQ:3 SCM:4 FIN:2 TEST:3"),
    ("P09", "Romain Garnier", "BA", 1.0, 0.2, "REQ:2 SALES:3 SCM:2 BI:3"),
    ("P10", "Chloé Martin", "BA", 1.0, 0.2, "REQ:3 FIN:3 PDATA:2 RISK:3"),
    ("P11", "Nicolas Blanc", "BA", 1.0, 0.2, "REQ:2 SCM:3 SALES:2 TEST:2"),
    ("P12", "Élodie Marchetti", "BA", 1.0, 0.2, "REQ:3 SALES:2 BI:2 PDATA:1"),
    ("P13", "Yann Le Goff", "BA", 1.0, 0.0, "REQ:4 PDATA:4 SALES:3 SCM:3"),
    ("P14", "Olivier Mercier", "ARC", 1.0, 0.25, "INTEG:4 INFRA:3 ERPCFG:2"),
    ("P15", "Fatima Zerrouki", "ARC", 1.0, 0.25, "INTEG:3 INFRA:2 ERPCFG:3"),
    ("P16", "Stéphane Dumas", "ARC", 1.0, 0.25, "INFRA:4 INTEG:2"),
    ("P17", "Agnès Colin", "ARC", 1.0, 0.25, "INTEG:3 INFRA:3"),
    ("P18", "Thomas Nguyen", "DEV", 1.0, 0.2, "ERPCFG:3 INTEG:2 WEB:1"),
    ("P19", "Lucie Fabre", "DEV", 1.0, 0.2, "WEB:3 INTEG:2 CRMCFG:2"),
    ("P20", "Maxime Robin", "DEV", 1.0, 0.2, "CRMCFG:3 INTEG:2"),
    ("P21", "Samira Khelifi", "DEV", 1.0, 0.2, "ERPCFG:4 BI:2"),
    ("P22", "Kevin Lambert", "DEV", 1.0, 0.2, "WEB:4 INTEG:4"),
    ("P23", "Pauline Henry", "DEV", 1.0, 0.2, "CRMCFG:3 WEB:2 BI:3"),
    ("P24", "Adrien Brun", "DEV", 1.0, 0.2, "ERPCFG:3 INTEG:2 WEB:2"),
    ("P25", "Jade Morel", "DEV", 1.0, 0.2, "WEB:3 BI:2"),
    ("P26", "Victor Perret", "DEV", 1.0, 0.2, "INTEG:3 ERPCFG:2"),
    ("P27", "Nina Schmitt", "DEV", 0.8, 0.0, "BI:3 WEB:2 CRMCFG:2"),
    ("P28", "Nadia Rahmani", "DE", 1.0, 0.2, "DMIG:4 DPIPE:3 BI:2"),
    ("P29", "Bastien Carré", "DE", 1.0, 0.2, "DPIPE:4 BI:3"),
    ("P30", "Emma Lopez", "DE", 1.0, 0.2, "DMIG:3 PDATA:3 DPIPE:2"),
    ("P31", "Rafael Costa", "DE", 1.0, 0.2, "DPIPE:3 DMIG:2 BI:3"),
    ("P32", "Léa Giraud", "DE", 1.0, 0.2, "DMIG:3 DPIPE:3"),
    ("P33", "Franck Meyer", "INF", 1.0, 0.5, "INFRA:4 ISMS:2"),
    ("P34", "Sylvain Aubert", "INF", 1.0, 0.5, "INFRA:3"),
    ("P35", "Damien Leroy", "INF", 1.0, 0.5, "INFRA:3 ISMS:2"),
    ("P36", "Carole Picard", "INF", 1.0, 0.5, "INFRA:2"),
    ("P37", "Jérôme Michel", "INF", 1.0, 0.5, "INFRA:3 ISMS:1"),
    ("P38", "Benoît Guérin", "INF", 1.0, 0.5, "INFRA:2"),
    ("P39", "Aurélie Masson", "INF", 1.0, 0.5, "INFRA:3 ISMS:2"),
    ("P40", "Patrick Chevalier", "INF", 1.0, 0.5, "INFRA:2"),
    ("P41", "Mathilde Caron", "QA", 1.0, 0.2, "TEST:4 AGILE:2"),
    ("P42", "Youssef Amrani", "QA", 1.0, 0.2, "TEST:3"),
    ("P43", "Céline Noël", "QA", 1.0, 0.2, "TEST:3 AGILE:3"),
    ("P44", "Arnaud Boyer", "QA", 1.0, 0.2, "TEST:2"),
    ("P45", "Manon Lacroix", "QA", 1.0, 0.2, "TEST:2 AGILE:2"),
    ("P46", "Dimitri Popescu", "QA", 1.0, 0.0, "TEST:3"),
    ("P47", "Sébastien Marty", "SEC", 1.0, 0.5, "ISMS:4 RISK:3"),
    ("P48", "Aïcha Diallo", "SEC", 1.0, 0.5, "ISMS:3 INFRA:3"),
    ("P49", "Laurent Gilles", "SEC", 1.0, 0.0, "ISMS:3 RISK:3"),
    ("P50", "Pierre Vasseur", "AUT", 1.0, 0.25, "PLC:4 SCM:2"),
    ("P51", "Gaëlle Renaud", "AUT", 1.0, 0.25, "PLC:3"),
    ("P52", "Mathieu Charpentier", "AUT", 1.0, 0.25, "PLC:3 SCM:2"),
    ("P53", "Oscar Lindqvist", "AUT", 1.0, 0.25, "PLC:2"),
    ("P54", "Valérie Besson", "TRN", 1.0, 0.5, "TRAIN:4 CHG:2"),
    ("P55", "Karine Hoarau", "TRN", 1.0, 0.5, "TRAIN:3"),
    ("P56", "Alexis Tessier", "TRN", 1.0, 0.0, "TRAIN:2 CHG:2"),
    ("P57", "Marion Delmas", "CHG", 1.0, 0.0, "CHG:4 TRAIN:2"),
    ("P58", "Grégoire Paris", "CHG", 1.0, 0.0, "CHG:3"),
    ("P59", "Sandrine Olivier", "CHG", 1.0, 0.0, "CHG:2 TRAIN:2"),
    ("P60", "Bruno Lefort", "FAC", 1.0, 0.4, "WORK:4 PROC:2"),
    ("P61", "Monique Barbier", "FAC", 1.0, 0.4, "WORK:3"),
    ("P62", "Éric Royer", "FAC", 1.0, 0.4, "WORK:3"),
    ("P63", "Salomé Perrot", "FAC", 1.0, 0.4, "WORK:2"),
    ("P64", "Jean-Marc Huet", "FAC", 1.0, 0.4, "WORK:2 PROC:2"),
    ("P65", "Caroline Weber", "PRC", 1.0, 0.4, "PROC:4 FIN:2"),
    ("P66", "Ludovic Marchal", "PRC", 1.0, 0.4, "PROC:3"),
    ("P67", "Hafsa Bouzid", "PRC", 1.0, 0.4, "PROC:3 FIN:2"),
    ("P68", "Thierry Collet", "PRC", 1.0, 0.4, "PROC:2"),
    ("P69", "Mélanie Rivière", "PRC", 1.0, 0.4, "PROC:2"),
]

# The skill and level that each project's work in a role needs (project, role, skill, level,
# share of the role's person-days on the project that need it; the shares of a pair add to 1).
ROLE_SKILLS = [
    ("ERP", "PM", "PLAN", 3, 1.0), ("ERP", "BA", "FIN", 3, 0.4), ("ERP", "BA", "SCM", 3, 0.4),
    ("ERP", "BA", "SALES", 2, 0.2), ("ERP", "ARC", "INTEG", 3, 1.0), ("ERP", "PRC", "PROC", 3, 1.0),
    ("ERP", "INF", "INFRA", 3, 1.0), ("ERP", "DEV", "ERPCFG", 3, 0.7), ("ERP", "DEV", "INTEG", 3, 0.3),
    ("ERP", "DE", "DMIG", 3, 1.0), ("ERP", "QA", "TEST", 3, 1.0), ("ERP", "TRN", "TRAIN", 3, 1.0),
    ("ERP", "CHG", "CHG", 3, 1.0),
    ("CRM", "BA", "SALES", 3, 1.0), ("CRM", "ARC", "INTEG", 3, 1.0), ("CRM", "INF", "INFRA", 2, 1.0),
    ("CRM", "CHG", "CHG", 2, 1.0), ("CRM", "DE", "DMIG", 3, 1.0), ("CRM", "DEV", "CRMCFG", 3, 0.8),
    ("CRM", "DEV", "INTEG", 3, 0.2), ("CRM", "QA", "TEST", 2, 1.0), ("CRM", "TRN", "TRAIN", 2, 1.0),
    ("WHA", "ARC", "INTEG", 3, 1.0), ("WHA", "AUT", "PLC", 3, 1.0), ("WHA", "BA", "SCM", 3, 1.0),
    ("WHA", "CHG", "CHG", 2, 1.0), ("WHA", "DEV", "INTEG", 3, 1.0), ("WHA", "FAC", "WORK", 3, 1.0),
    ("WHA", "PRC", "PROC", 3, 1.0), ("WHA", "QA", "TEST", 2, 1.0), ("WHA", "TRN", "TRAIN", 2, 1.0),
    ("OFM", "BA", "REQ", 2, 1.0), ("OFM", "CHG", "CHG", 2, 1.0), ("OFM", "FAC", "WORK", 3, 1.0),
    ("OFM", "INF", "INFRA", 2, 1.0), ("OFM", "PM", "PLAN", 2, 1.0), ("OFM", "PRC", "PROC", 2, 1.0),
    ("DAT", "ARC", "INFRA", 3, 1.0), ("DAT", "BA", "BI", 2, 1.0), ("DAT", "DE", "DPIPE", 3, 0.7),
    ("DAT", "DE", "BI", 3, 0.3), ("DAT", "DEV", "BI", 2, 1.0), ("DAT", "INF", "INFRA", 3, 1.0),
    ("DAT", "QA", "TEST", 2, 1.0), ("DAT", "SEC", "ISMS", 3, 1.0), ("DAT", "TRN", "TRAIN", 2, 1.0),
    ("ECO", "ARC", "INTEG", 3, 1.0), ("ECO", "BA", "REQ", 3, 0.5), ("ECO", "BA", "SALES", 2, 0.5),
    ("ECO", "DEV", "WEB", 3, 1.0), ("ECO", "INF", "INFRA", 2, 1.0), ("ECO", "PRC", "PROC", 2, 1.0),
    ("ECO", "QA", "TEST", 3, 1.0), ("ECO", "SEC", "ISMS", 3, 1.0),
    ("SEC", "BA", "RISK", 2, 1.0), ("SEC", "CHG", "CHG", 2, 1.0), ("SEC", "INF", "ISMS", 2, 0.5),
    ("SEC", "INF", "INFRA", 3, 0.5), ("SEC", "PM", "PLAN", 3, 1.0), ("SEC", "PRC", "PROC", 2, 1.0),
    ("SEC", "SEC", "ISMS", 3, 1.0), ("SEC", "TRN", "TRAIN", 2, 1.0),
]

# Leave. Everyone takes three weeks in summer (staggered over July and August), a week at
# Christmas (half the people the week of 21 December, half the week after), a week in spring
# and, in 2027, half of them a week in the February school holidays: five weeks a year, as
# French paid leave gives. Then the absences that are not the rule.
SUMMER_2026 = [dt.date(2026, 7, 6) + dt.timedelta(weeks=k) for k in range(6)]
SPRING = {2026: [dt.date(2026, 4, 13) + dt.timedelta(weeks=k) for k in range(4)],
          2027: [dt.date(2027, 4, 12) + dt.timedelta(weeks=k) for k in range(4)]}
CHRISTMAS = [(dt.date(2026, 12, 21), dt.date(2026, 12, 25)), (dt.date(2026, 12, 28),
                                                             dt.date(2027, 1, 1))]
WINTER_2027 = [dt.date(2027, 2, 8) + dt.timedelta(weeks=k) for k in range(3)]
OTHER_ABSENCES = [
    ("P32", "2026-11-02", "2027-02-26", "parental leave"),
    ("P16", "2027-01-01", "2027-12-31", "left the company"),
    ("P48", "2026-10-12", "2026-11-20", "sick leave"),
    ("P41", "2026-11-30", "2026-12-04", "training"),
]


def leave_rows():
    rows = []
    for k, person in enumerate(PEOPLE):
        pid = person[0]
        summer = SUMMER_2026[k % 4 + (k // 4) % 3]  # a start from 6 July to 10 August
        rows.append((pid, summer, summer + dt.timedelta(days=18), "leave"))
        for year in (2026, 2027):
            spring = SPRING[year][(k * 3 + year) % 4]
            rows.append((pid, spring, spring + dt.timedelta(days=4), "leave"))
        christmas = CHRISTMAS[k % 2]
        rows.append((pid, christmas[0], christmas[1], "leave"))
        if k % 2 == 1:
            winter = WINTER_2027[(k // 2) % 3]
            rows.append((pid, winter, winter + dt.timedelta(days=4), "leave"))
    rows += [(p, dt.date.fromisoformat(a), dt.date.fromisoformat(b), kind)
             for p, a, b, kind in OTHER_ABSENCES]
    rows.sort(key=lambda r: (r[0], r[1]))
    return [[p, a.isoformat(), b.isoformat(), kind] for p, a, b, kind in rows]


# The candidate project of the capacity scenario: the product information management (PIM)
# proposal of project_scores.csv, as the proposal's rough-cut plan gives its people, month by
# month from a start on Monday 2 November 2026: (role, skill, level, {month: fte}).
CANDIDATE_START = "2026-11"
CANDIDATE = [
    ("PM", "PLAN", 3, {m: 0.2 for m in range(1, 9)}),
    ("BA", "PDATA", 3, {1: 2.0, 2: 2.0, 3: 2.0, 4: 1.5, 5: 1.5, 6: 1.0, 7: 1.0, 8: 0.5}),
    ("ARC", "INTEG", 3, {1: 0.5, 2: 0.5}),
    ("SEC", "ISMS", 3, {2: 0.5, 3: 0.5, 6: 0.5}),
    ("INF", "INFRA", 2, {2: 0.5, 3: 0.25}),
    ("DEV", "WEB", 2, {3: 0.5, 4: 0.5, 5: 0.5}),
    ("DEV", "INTEG", 3, {3: 1.0, 4: 1.0, 5: 1.0}),
    ("DE", "DMIG", 3, {2: 1.0, 3: 1.0, 4: 1.0, 5: 0.5}),
    ("QA", "TEST", 2, {2: 2.0, 5: 1.0, 6: 1.0}),
    ("TRN", "TRAIN", 2, {7: 1.0}),
    ("CHG", "CHG", 2, {5: 0.5, 6: 0.5, 7: 0.5, 8: 0.5}),
]


def month_after(first: str, offset: int) -> str:
    year, month = map(int, first.split("-"))
    index = year * 12 + month - 1 + offset
    return f"{index // 12}-{index % 12 + 1:02d}"


def candidate_rows():
    return [["P-PIM", role, skill, level, month_after(CANDIDATE_START, m - 1), fte]
            for role, skill, level, months in CANDIDATE for m, fte in sorted(months.items())]


# The training catalogue: id, name, provider, format, skill, to_level (the level it brings a
# participant one level below to), days, fee (EUR per participant), seats per session, the
# sessions' start dates, the maturity questions of lesson 5 it helps answer "yes".
COURSES = [
    ("C01", "Product information management fundamentals", "Catalogue Academy", "classroom",
     "PDATA", 2, 3, 1450, 8, "2026-10-12, 2026-11-16, 2027-01-18", ""),
    ("C02", "Product data stewardship in practice", "Catalogue Academy", "classroom",
     "PDATA", 3, 4, 2400, 6, "2026-11-23, 2027-02-08", ""),
    ("C03", "ISO/IEC 27001 implementer", "Sécurité Formation", "classroom",
     "ISMS", 3, 5, 3600, 10, "2026-10-19, 2027-01-25", ""),
    ("C04", "Integration patterns and APIs", "TechSkills Lyon", "classroom",
     "INTEG", 3, 3, 1650, 10, "2026-11-09, 2027-01-11", ""),
    ("C05", "Cloud data pipelines", "TechSkills Lyon", "virtual classroom",
     "DPIPE", 3, 4, 2100, 12, "2026-10-26, 2027-02-01", ""),
    ("C06", "Test design techniques", "QualiTest Institute", "classroom",
     "TEST", 3, 3, 1300, 12, "2026-11-02, 2027-01-04", ""),
    ("C07", "Training design for subject experts", "HR - Learning (internal)", "classroom",
     "TRAIN", 3, 2, 250, 8, "2026-10-05, 2026-12-07", ""),
    ("C08", "Planning and scheduling with the course kit", "PMO (internal)", "workshop",
     "PLAN", 3, 2, 150, 10, "2026-10-08, 2026-11-12, 2027-01-14", "PLC-3a, PLC-3b"),
    ("C09", "Capacity planning by role and skill", "PMO (internal)", "workshop",
     "PLAN", 3, 1, 100, 12, "2026-10-15, 2026-11-19", "RES-2b, RES-3b, RES-4a"),
    ("C10", "Benefits management essentials", "APM Partners", "virtual classroom",
     "", 0, 2, 980, 12, "2026-11-05, 2027-02-04", "BEN-2b, BEN-3b, BEN-4a"),
    ("C11", "Facilitating risk workshops", "APM Partners", "classroom",
     "RISK", 3, 2, 1150, 10, "2026-10-22, 2027-01-21", "RSK-3b"),
    ("C12", "How the portfolio's resources are planned (awareness)", "PMO (internal)",
     "awareness", "", 0, 0.5, 0, 40, "2026-10-06, 2026-11-03", "RES-2b"),
    ("C13", "Stakeholder engagement and RACI in practice", "APM Partners", "virtual classroom",
     "", 0, 1, 620, 12, "2026-11-26, 2027-02-11", "STK-3b, GOV-4a"),
]

# Kirkpatrick evaluation of the PMO's first course, "Planning and scheduling with the course
# kit" (C08), run on 16 March and 13 April 2026: participant, reaction (1-5, the end-of-day
# form), knowledge test before and after (0-100), and at 90 days whether they use it on their
# project (yes / partly / no, from the PMO's review of their plans).
EVALUATIONS = [
    ("2026-03-16", "Paul Girard", 4, 55, 80, "yes"),
    ("2026-03-16", "Amélie Dubois", 5, 60, 90, "yes"),
    ("2026-03-16", "Lucas Moreau", 4, 45, 75, "yes"),
    ("2026-03-16", "Isabelle Fournier", 3, 50, 70, "no"),
    ("2026-03-16", "Claire Vidal", 5, 70, 95, "yes"),
    ("2026-03-16", "Julien Roche", 4, 65, 85, "yes"),
    ("2026-03-16", "Sarah Cohen", 4, 40, 75, "partly"),
    ("2026-04-13", "Priya Raman", 5, 60, 85, "yes"),
    ("2026-04-13", "Hugo Lefèvre", 3, 35, 55, "no"),
    ("2026-04-13", "Martin Kowalski", 4, 50, 80, "partly"),
    ("2026-04-13", "Anaïs Lemoine", 4, 55, 85, "yes"),
    ("2026-04-13", "Laura Petit", 5, 45, 80, "partly"),
    ("2026-04-13", "Antoine Faure", 4, 40, 70, "no"),
    ("2026-04-13", "Inès Bernard", 4, 50, 80, "yes"),
]


def month_of(day: dt.date) -> str:
    return f"{day.year}-{day.month:02d}"


def role_demand_rows(schedules) -> list:
    """Person-days of each role per project and calendar month, at the baseline's early dates."""
    totals = {}
    for project in PROJECTS:
        tasks, early = schedules[project["id"]]
        end = max(ef for _, ef in early.values())
        days = working_days_from(project["start"], end)
        for task in tasks:
            es, ef = early[task["id"]]
            for role, units in task["resources"]:
                for k in range(es, ef):
                    key = (project["id"], role, month_of(days[k]))
                    totals[key] = totals.get(key, 0.0) + units
    order = {p["id"]: i for i, p in enumerate(PROJECTS)}
    roles = {r[0]: i for i, r in enumerate(RESOURCES)}
    return [[p, r, m, float(v)] for (p, r, m), v in
            sorted(totals.items(), key=lambda kv: (order[kv[0][0]], roles[kv[0][1]], kv[0][2]))]


def people_tables(out: Path, schedules) -> None:
    write_csv(out / "skills.csv", ["id", "name", "kind", "roles", "description"], SKILLS)
    write_csv(out / "people.csv", ["id", "name", "role", "fte", "bau_share"],
              [p[:5] for p in PEOPLE])
    write_csv(out / "person_skills.csv", ["person", "skill", "level"],
              [[p[0], *item.split(":")] for p in PEOPLE for item in p[5].split()])
    write_csv(out / "absences.csv", ["person", "start_date", "end_date", "kind"], leave_rows())
    write_csv(out / "role_skills.csv", ["project", "role", "skill", "level", "share"],
              ROLE_SKILLS)
    write_csv(out / "role_demand.csv", ["project", "role", "month", "person_days"],
              role_demand_rows(schedules))
    write_csv(out / "candidate_roles.csv", ["project", "role", "skill", "level", "month", "fte"],
              candidate_rows())
    write_csv(out / "courses.csv",
              ["id", "name", "provider", "format", "skill", "to_level", "days", "fee_eur",
               "seats", "sessions", "maturity_questions"], COURSES)
    write_csv(out / "training_evaluations.csv",
              ["course", "session_date", "participant", "reaction", "pre_test", "post_test",
               "applied_90_days"], [["C08", *row] for row in EVALUATIONS])


# --------------------------------------------------------------------------
# The register's responses: what funding each open risk's response costs, and the risk after it
# (the residual risk), as the risk owners estimated them in September 2026. The portfolio
# simulation (pmo_lessons.simulation) funds them, and occurs the risks, with these figures.
# --------------------------------------------------------------------------

# risk_id, trigger_task, cost_eur, lead_weeks, probability_pct_after, cost_impact_eur_after,
# schedule_impact_days_after, description
RISK_RESPONSES = [
    ["R-003", "ERP-16", 25000, 2, 30, -30000, 7,
     "Two data stewards for four weeks: obsolete items archived and an owner per data domain "
     "before dry run 1"],
    ["R-004", "ERP-19", 18000, 3, 20, -15000, 4,
     "Temporary staff back-fill eight sales and warehouse key users from October, so that they "
     "can test in November"],
    ["R-005", "ERP-12", 0, 0, 40, -15000, 10,
     "Accepted: certification requests go to each bank as soon as the file formats are frozen; "
     "nothing to fund"],
    ["R-006", "ERP-26", 0, 0, 60, -70000, 40,
     "Escalated: the steering committee moves the go-live to a period close (1 March) and plans "
     "one month of parallel running instead of an unplanned one"],
    ["R-009", "", 8000, 1, 20, -10000, 0,
     "Sales champions in each region, paid half a day a week, and pipeline reviews run from the "
     "CRM"],
    ["R-012", "", 3000, 1, 15, -6000, 0,
     "The consent spreadsheets consolidated and a re-consent campaign sent"],
    ["R-016", "WHA-15", 6000, 1, 45, -5000, 5,
     "A fixed-price change request with the WMS vendor, with a delivery date and penalties"],
    ["R-017", "WHA-13", 15000, 1, 0, 0, 0,
     "Installation frozen from 23 November to 8 January and the crews re-planned: inbound lanes "
     "first, in January"],
    ["R-018", "WHA-08", 5000, 1, 75, 35000, 0,
     "An energy auditor prepares the subsidy file with the supplier's data before delivery"],
    ["R-022", "", 6000, 1, 15, -20000, 0,
     "Quiet rooms fitted and flexible start times for the first month"],
    ["R-023", "OFM-20", 4000, 1, 20, -15000, 5,
     "A joint inspection with the landlord's surveyor, with the photos of the 2014 entry "
     "inventory"],
    ["R-025", "DAT-13", 0, 0, 20, -10000, 5,
     "Escalated: the steering committee dedicates one data engineer to the platform until it is "
     "in production"],
    ["R-026", "DAT-18", 3000, 1, 15, -10000, 3,
     "A facilitated workshop where finance and sales agree the glossary of the 25 KPIs"],
    ["R-027", "", 0, 0, 85, -40000, 0,
     "Accepted: the pipelines are rebuilt on the ERP in a follow-up release budgeted in 2027"],
    ["R-028", "ECO-09", 6000, 1, 15, -8000, 3,
     "The payment provider's certification fast lane, with the hosted payment page as a "
     "fallback"],
    ["R-029", "ECO-21", 0, 0, 45, -150000, 15,
     "Escalated: the steering committee decides the launch scope (the trade-customer portal in "
     "January if feature complete slips)"],
    ["R-030", "ECO-21", 5000, 1, 15, -15000, 0,
     "The full redirect map tested in staging, and the search console watched after the launch"],
    ["R-032", "", 2000, 0, 10, -10000, 20,
     "Stage 1 and stage 2 audit dates booked now with the certification body, with a "
     "provisional date"],
    ["R-033", "SEC-09", 24000, 2, 25, -20000, 8,
     "A managed security service takes the monitoring for the quarter; the projects' security "
     "reviews are batched monthly"],
    ["R-034", "SEC-10", 20000, 1, 8, -100000, 10,
     "Endpoint protection fast-tracked to all laptops and offline backups in place within two "
     "weeks"],
    ["R-035", "", 2000, 1, 70, 20000, 0,
     "The ISMS scope shared early with the two retail customers' security teams"],
]


def simulation_tables(out: Path) -> None:
    write_csv(out / "risk_responses.csv",
              ["risk_id", "trigger_task", "cost_eur", "lead_weeks", "probability_pct_after",
               "cost_impact_eur_after", "schedule_impact_days_after", "description"],
              RISK_RESPONSES)


# --------------------------------------------------------------------------
# Writing
# --------------------------------------------------------------------------


def write_csv(path: Path, header, rows) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        for row in rows:
            writer.writerow([fmt(v) for v in row])


def fmt(value) -> str:
    """CSV text of a value: true/false, whole numbers without decimals, else 2 decimals."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        if value.is_integer():
            return str(int(value))
        return f"{value:.2f}".rstrip("0").rstrip(".")
    return str(value)


def build(out: Path) -> dict:
    out.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(SEED)
    all_tasks, schedules, status_rows, project_rows = [], {}, [], []
    for project in PROJECTS:
        tasks = parse_plan(project)
        early = forward_pass(tasks)
        schedules[project["id"]] = (tasks, early)
        all_tasks += tasks
        total = sum(t["cost"] for t in tasks)
        budget = int(math.ceil(total * (1 + project["reserve"]) / 10000) * 10000)
        project_rows.append([
            project["id"], project["name"], project["kind"], project["sponsor"],
            project["manager"], project["start"].isoformat(), budget, budget - total,
            project["priority"], project["objective"], project["status"], project["description"],
            project.get("mandatory", False),
        ])
        status_rows += weekly_status(project, tasks, early, rng)

    write_csv(out / "projects.csv",
              ["id", "name", "kind", "sponsor", "manager", "start_date", "budget_eur",
               "reserve_eur", "priority", "strategic_objective", "status", "description",
               "mandatory"],
              project_rows)
    write_csv(out / "tasks.csv",
              ["id", "project", "wbs", "name", "duration", "optimistic", "most_likely",
               "pessimistic", "predecessors", "milestone", "cost_eur", "contingency_eur"],
              [[t["id"], t["project"], t["wbs"], t["name"], t["duration"], t["optimistic"],
                t["most_likely"], t["pessimistic"], format_links(t["links"]), t["milestone"],
                t["cost"], t["contingency"]] for t in all_tasks])
    write_csv(out / "resources.csv",
              ["id", "name", "department", "capacity", "day_rate_eur"], RESOURCES)
    write_csv(out / "assignments.csv", ["task_id", "resource", "units"],
              [[t["id"], role, units] for t in all_tasks for role, units in t["resources"]])
    write_csv(out / "status_weekly.csv",
              ["project", "week", "status_date", "pv_eur", "ev_eur", "ac_eur",
               "percent_complete"],
              [[r["project"], r["week"], r["status_date"], r["pv_eur"], r["ev_eur"],
                r["ac_eur"], r["percent_complete"]] for r in status_rows])
    write_csv(out / "holidays.csv", ["date", "name"],
              [[d.isoformat(), name] for d, name in HOLIDAYS])
    write_csv(out / "risks.csv",
              ["id", "project", "title", "cause", "effect", "category", "owner", "probability",
               "impact", "probability_pct", "cost_impact_eur", "schedule_impact_days",
               "task_id", "response", "response_action", "status", "date_raised"],
              RISKS)
    budgets = {row[0]: row[6] for row in project_rows}
    names = {row[0]: row[1] for row in project_rows}
    months = {}
    for project in PROJECTS:
        tasks, early = schedules[project["id"]]
        finish = working_days_from(project["start"], max(ef for _, ef in early.values()))[-1]
        months[project["id"]] = round((finish - project["start"]).days / 30.44)
    score_rows = [[pid, names[pid], "active", *s[:5], s[5], budgets[pid], months[pid]]
                  for pid, s in SCORES_ACTIVE.items()]
    score_rows += [[p[0], p[1], "proposed", *p[2:]] for p in SCORES_PROPOSED]
    write_csv(out / "project_scores.csv",
              ["id", "name", "status", "strategic_fit", "financial_value", "risk", "urgency",
               "capability", "npv_eur", "cost_eur", "duration_months"], score_rows)
    write_budget_tables(out, all_tasks, schedules, project_rows, status_rows)
    write_csv(out / "okrs.csv",
              ["objective_id", "objective", "key_result_id", "key_result", "unit", "baseline",
               "target", "current", "projects"],
              [[oid, obj, *kr] for oid, obj, krs in OKRS for kr in krs])
    milestones = [t for t in all_tasks if t["milestone"]]
    assert [t["id"] for t in milestones] == list(MILESTONE_LOG), "one log row per milestone"
    write_csv(out / "milestones.csv",
              ["task_id", "project", "forecast_date", "accepted_date", "accepted_by"],
              [[t["id"], t["project"], *MILESTONE_LOG[t["id"]]] for t in milestones])
    item_rows, sprint_rows = agile_tables()
    write_csv(out / "work_items.csv",
              ["id", "project", "task_id", "type", "title", "story_points", "created", "started",
               "done", "sprint"], item_rows)
    write_csv(out / "sprints.csv",
              ["project", "sprint", "start_date", "end_date", "sprint_goal", "planned_points",
               "done_points", "capacity_days", "cost_eur"], sprint_rows)
    quality_tables(out)
    # the PMO itself (lesson 12)
    write_csv(out / "pmo_charter.csv", ["section", "text"], PMO_CHARTER)
    write_csv(out / "pmo_services.csv",
              ["id", "service", "role", "customers", "authority", "service_level", "perspective",
               "fte", "status"], PMO_SERVICES)
    write_csv(out / "maturity_assessments.csv", ["assessment_date", "question", "answer"],
              [[date, q, answers.get(q, "no")] for date, answers in MATURITY_ANSWERS.items()
               for q in MATURITY_QUESTION_IDS])
    profiles = benefit_profile_rows()
    kpi_rows = []
    for quarter, as_of, active, on_time, on_budget, adoption, assessed, satisfaction, \
            reports, templates, trained in PMO_KPI_HISTORY:
        benefits = benefits_realised_pct(profiles, as_of) if quarter == "2026-Q3" else ""
        maturity = ""
        if assessed:
            levels = maturity_levels(MATURITY_ANSWERS[assessed])
            maturity = round(sum(levels.values()) / len(levels), 2)
        kpi_rows.append([quarter, as_of, active, on_time, on_budget, benefits, adoption,
                         maturity, "" if satisfaction is None else satisfaction, reports,
                         templates, trained])
    write_csv(out / "pmo_kpis.csv",
              ["quarter", "as_of", "projects_active", "on_schedule_pct", "on_budget_pct",
               "benefits_realised_pct", "adoption_pct", "maturity_level", "satisfaction",
               "reports_issued", "templates_published", "people_trained"], kpi_rows)
    write_csv(out / "benefits.csv",
              ["id", "project", "benefit", "kind", "category", "objective", "key_result", "owner",
               "measure", "unit", "baseline", "target", "target_date", "annual_value_eur",
               "start_date", "ramp_months"], BENEFITS)
    write_csv(out / "benefit_profiles.csv", ["benefit", "month", "planned_eur", "realised_eur"],
              profiles)
    write_csv(out / "dependencies.csv",
              ["id", "deliverable", "from_project", "from_task", "to_project", "to_task", "type",
               "lag"], DEPENDENCIES)
    knowledge_tables(out)
    people_tables(out, schedules)
    simulation_tables(out)
    return schedules


def year_part(project, tasks, early, year) -> float:
    """The part of a project's cost baseline planned in a calendar year (EUR)."""
    per_day = daily_pv(tasks, early)
    days = working_days_from(project["start"], len(per_day))
    return float(sum(cost for day, cost in zip(days, per_day) if day.year == year))


def write_budget_tables(out, all_tasks, schedules, project_rows, status_rows) -> None:
    """purchase_orders.csv, budget_changes.csv, annual_budget.csv, portfolio_envelope.csv."""
    task = {t["id"]: t for t in all_tasks}
    last_ac = {r["project"]: r["ac_eur"] for r in status_rows}  # rows are in week order
    reserve = {row[0]: row[7] for row in project_rows}
    ordered, invoiced = {}, {}
    rows = []
    for po, project, task_id, supplier, what, day, amount, paid, status, budgeted in PURCHASE_ORDERS:
        t = task[task_id]
        quote = t["purchases"] - t["contingency"]
        rows.append([po, project, task_id, supplier, what, day, amount, paid, status,
                     quote if budgeted else 0])
        start = next(p["start"] for p in PROJECTS if p["id"] == project)
        if t["project"] != project or not start <= dt.date.fromisoformat(day) <= STATUS_DATE:
            raise ValueError(f"{po}: task of another project, or ordered outside the project")
        if not 0 <= paid <= amount or status not in ("open", "closed"):
            raise ValueError(f"{po}: invoiced above the order, or a bad status")
        ordered[task_id] = ordered.get(task_id, 0) + amount
        if ordered[task_id] > t["cost"]:
            raise ValueError(f"{po}: the orders on {task_id} exceed its budget line")
        invoiced[project] = invoiced.get(project, 0) + paid
    for project, paid in invoiced.items():
        if paid > last_ac[project]:
            raise ValueError(f"{project}: more invoiced than the actual cost booked")
    for change in BUDGET_CHANGES:
        day = dt.date.fromisoformat(change[2])
        if not day <= STATUS_DATE or (change[8] == "approved" and change[4] not in ("contingency",)):
            raise ValueError(f"{change[0]}: no approved change may move a baseline before the "
                             "status date, and none is raised after it")
    drawn = {}
    for change in BUDGET_CHANGES:
        if change[4] == "management reserve":
            drawn[change[1]] = drawn.get(change[1], 0) + change[5]
    for project, amount in drawn.items():
        if amount > reserve[project]:
            raise ValueError(f"{project}: more management reserve asked than there is")
    write_csv(out / "purchase_orders.csv",
              ["id", "project", "task_id", "supplier", "description", "ordered_on", "amount_eur",
               "invoiced_eur", "status", "budget_eur"], rows)
    write_csv(out / "budget_changes.csv",
              ["id", "project", "raised_on", "title", "kind", "amount_eur", "amount_2026_eur",
               "task_id", "status", "decided_by", "decided_on"], BUDGET_CHANGES)
    lines = []
    for project in PROJECTS:
        tasks, early = schedules[project["id"]]
        part = year_part(project, tasks, early, BUDGET_YEAR)
        lines.append([BUDGET_YEAR, project["id"], int(math.ceil(part / 1000) * 1000)])
    write_csv(out / "annual_budget.csv", ["year", "project", "budget_eur"], lines)
    envelope = sum(line[2] for line in lines) + PORTFOLIO_RESERVE
    write_csv(out / "portfolio_envelope.csv",
              ["year", "envelope_eur", "reserve_eur", "approved_by", "approved_on"],
              [[BUDGET_YEAR, envelope, PORTFOLIO_RESERVE, *ENVELOPE_APPROVED]])


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path,
                        default=Path(__file__).resolve().parent.parent / "datasets",
                        help="folder to write the CSV files into (default: datasets/)")
    parser.add_argument("--summary", action="store_true",
                        help="print each project's baseline dates and budget")
    args = parser.parse_args(argv)
    schedules = build(args.out)
    if args.summary:
        for project in PROJECTS:
            tasks, early = schedules[project["id"]]
            end = max(ef for _, ef in early.values())
            days = working_days_from(project["start"], end)
            cost = sum(t["cost"] for t in tasks)
            print(f"{project['id']}: {project['start']} -> {days[-1]} ({end} wd), "
                  f"{len(tasks)} tasks, cost {cost:,}")


if __name__ == "__main__":
    main()
