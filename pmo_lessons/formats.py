"""How the kit writes amounts and dates for people: in reports, summaries and feedback.

One place, so that a status report, a portfolio report and a communication check write
"1.25 M€" and "25 Sep 2026" the same way.

>>> money_text(1_250_000), money_text(-66_802, signed=True), date_text("2026-09-25")
('1.25 M€', '-67 k€', '25 Sep 2026')
"""

from __future__ import annotations

import math

import pandas as pd

__all__ = ["date_text", "money_text"]


def money_text(value, signed=False):
    """An amount in euros, rounded for reading: "1.25 M€", "67 k€", "450 €"; "n/a" when missing.

    ``signed=True`` writes "+" before a positive amount (a variance, a change).

    >>> money_text(450), money_text(12_345, signed=True), money_text(float("nan"))
    ('450 €', '+12 k€', 'n/a')
    """
    if value is None or (isinstance(value, float) and math.isnan(value)) or pd.isna(value):
        return "n/a"
    sign = ("+" if value > 0 else "-" if value < 0 else "") if signed else ("-" if value < 0 else "")
    amount = abs(float(value))
    if amount >= 1e6:
        return f"{sign}{amount / 1e6:.2f} M€"
    if amount >= 1e3:
        return f"{sign}{amount / 1e3:.0f} k€"
    return f"{sign}{amount:.0f} €"


def date_text(value):
    """A date as a report writes it, "25 Sep 2026"; "n/a" when missing.

    >>> date_text(pd.Timestamp("2026-12-24")), date_text(pd.NaT)
    ('24 Dec 2026', 'n/a')
    """
    return "n/a" if pd.isna(value) else f"{pd.Timestamp(value):%d %b %Y}"
