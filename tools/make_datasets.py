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
* ``milestones.csv``: the milestone log (accepted dates and forecasts), authored
  below, one row per milestone of the plans.

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
#   because of the holidays: items waited, and eleven were accepted on Thursday 6 August. From
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
# the data owners' catch-up review: 11 items accepted on Thursday 6 August.
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
    simulation_tables(out)
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
