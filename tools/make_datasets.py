#!/usr/bin/env python
"""Write the datasets of the PMO course kit: the fictional company Meridian Home Goods.

Every table is authored here, as Python literals, and the derived numbers are
computed from them so that they always agree:

* ``tasks.csv``: ``cost_eur`` = labour (units x day rate x most-likely duration,
  from ``assignments.csv`` and ``resources.csv``) + purchases (licences,
  suppliers, works), written in the plans below;
* ``projects.csv``: ``budget_eur`` = sum of task costs + management reserve,
  rounded up to the next 10,000 EUR; ``reserve_eur`` is the difference;
* ``status_weekly.csv``: PV from a CPM forward pass of the baseline plan on the
  French working-day calendar of ``holidays.csv``; EV and AC from each
  project's performance story, with seeded noise;
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
        priority=400, objective="O4", status="closing", reserve=0.05,
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
        priority=800, objective="O4", status="in progress", reserve=0.07,
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

# --------------------------------------------------------------------------
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
        ])
        status_rows += weekly_status(project, tasks, early, rng)

    write_csv(out / "projects.csv",
              ["id", "name", "kind", "sponsor", "manager", "start_date", "budget_eur",
               "reserve_eur", "priority", "strategic_objective", "status", "description"],
              project_rows)
    write_csv(out / "tasks.csv",
              ["id", "project", "wbs", "name", "duration", "optimistic", "most_likely",
               "pessimistic", "predecessors", "milestone", "cost_eur"],
              [[t["id"], t["project"], t["wbs"], t["name"], t["duration"], t["optimistic"],
                t["most_likely"], t["pessimistic"], format_links(t["links"]), t["milestone"],
                t["cost"]] for t in all_tasks])
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
    write_csv(out / "okrs.csv",
              ["objective_id", "objective", "key_result_id", "key_result", "unit", "baseline",
               "target", "current", "projects"],
              [[oid, obj, *kr] for oid, obj, krs in OKRS for kr in krs])
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
    return schedules


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
