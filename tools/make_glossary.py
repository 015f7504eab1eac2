#!/usr/bin/env python
"""Write the course's glossary page (course/glossary.ipynb) from its data (course/glossary.csv).

The terms live in ``course/glossary.csv``, one row per term: ``english`` (the headword, with its
abbreviation in brackets where it has one), ``french`` (the French terms a trainee will meet, several
separated by commas), ``topic`` (the glossary's section, one of :data:`TOPICS`), ``lesson``
(the lesson that teaches it, ``00`` to ``08``, or empty for the elective modules) and ``meaning`` (one
line, in English). The page is plain Markdown, one table per topic, so it prints as it is.

The script is deterministic and needs only the standard library: running it twice writes the same
bytes, and a test checks that the committed page matches the data. Edit the CSV, never the page.

Usage::

    python tools/make_glossary.py              # writes course/glossary.ipynb
    python tools/make_glossary.py --out FILE   # writes somewhere else
"""

from __future__ import annotations

import argparse
import csv
import json
from pathlib import Path

COURSE = Path(__file__).resolve().parent.parent / "course"

INTRO = """# Glossary: the course's terms in English and French

*PMO course kit. About 10 minutes.*

One page to keep beside the lessons: the terms the course uses, in English as the lessons write them
and in French as a trainee hears them in a French company, with a one-line meaning and the lesson
that teaches each one. Print it from JupyterLab (*File → Print*), or save it as HTML.

Where French has several current terms, all are given, the most common first. The French of the PMI
standards (the French translation of the *PMBOK Guide*) and the words of French companies do not
always agree; the table gives both where they differ. The sections follow the course: the PMO and who
is who, the eight lessons' competences, then those of the elective modules (quality, budget and
reserves, agile, benefits and programmes, capacity, lessons learned, running the portfolio)."""

OUTRO = """The terms are data: `course/glossary.csv`, which this page is written from
(`python tools/make_glossary.py`). A test checks that every term the lessons use in their headings and
key definitions is in it, each once."""


def read_terms(path):
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def cell(text):
    return text.replace("|", "\\|")


#: The sections of the page, in order: the ``topic`` of the CSV and its heading.
TOPICS = {
    "the PMO and who is who": "The PMO and who is who (lesson 0)",
    "planning": "Planning (lesson 1)",
    "resources": "Resources (lesson 2)",
    "monitoring": "Monitoring and KPIs (lesson 3)",
    "risk": "Risk (lesson 4)",
    "framework": "Framework and methodology (lesson 5)",
    "portfolio": "Portfolio (lesson 6)",
    "reporting": "Reporting and communication (lesson 7)",
    "quality": "Quality (elective module)",
    "budget and reserves": "Budget and reserves (elective module)",
    "agile": "Agile (elective module)",
    "benefits and programmes": "Benefits and programmes (elective modules)",
    "capacity": "Capacity (elective module)",
    "lessons learned": "Lessons learned (elective module)",
    "simulation": "Running the portfolio (elective module)",
}


def render(terms):
    """The glossary notebook (a dict in nbformat 4.5) for a list of term rows."""
    unknown = sorted({r["topic"] for r in terms} - set(TOPICS))
    if unknown:
        raise SystemExit(f"glossary.csv: unknown topic {unknown[0]!r}; valid: {', '.join(TOPICS)}")
    sources = [INTRO]
    for topic, title in TOPICS.items():
        rows = [r for r in terms if r["topic"] == topic]
        if not rows:
            continue
        lines = [f"## {title}", "", "| English | French | meaning | lesson |",
                 "|---|---|---|---|"]
        for r in rows:
            lesson = str(int(r["lesson"])) if r["lesson"] else "elective"
            lines.append(f"| **{cell(r['english'])}** | {cell(r['french'])} | {cell(r['meaning'])} "
                         f"| {lesson} |")
        sources.append("\n".join(lines))
    sources.append(OUTRO)
    cells = [{"cell_type": "markdown", "id": f"glossary-{k:02d}", "metadata": {},
              "source": source.splitlines(keepends=True)} for k, source in enumerate(sources)]
    return {"cells": cells,
            "metadata": {"kernelspec": {"display_name": "Python 3 (ipykernel)",
                                        "language": "python", "name": "python3"},
                         "language_info": {"name": "python"}},
            "nbformat": 4, "nbformat_minor": 5}


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--terms", type=Path, default=COURSE / "glossary.csv",
                        help="the terms (default: course/glossary.csv)")
    parser.add_argument("--out", type=Path, default=COURSE / "glossary.ipynb",
                        help="the page to write (default: course/glossary.ipynb)")
    args = parser.parse_args(argv)
    notebook = render(read_terms(args.terms))
    args.out.write_text(json.dumps(notebook, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
