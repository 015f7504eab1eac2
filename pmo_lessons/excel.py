"""Excel in and out: the company's registers read from workbooks, the kit's reports written as workbooks.

A PMO's registers (risks, tasks, status, benefits ...) live in Excel. :func:`read_register` reads
one sheet of a workbook with exactly the validation of the CSV loaders
(:func:`pmo_lessons.data.validate`: the data dictionary's types, ranges, choices and rules across
rows), and its errors name the file, the sheet, the row (as Excel numbers it: the header is row
1) and the column (by name and letter). :func:`write_register` writes a table back as a sheet
that reads back the same, and :func:`write_workbook` and :func:`report_workbook` write the kit's
tables and reports as workbooks a PMO would circulate: one sheet a table, the header row frozen
and filtered, RAG cells in the kit's colours (:mod:`pmo_lessons.style`), numbers stored as
numbers with a number format (amounts in euros, indices to two decimals, dates as dates), so
that the reader can sort, filter and sum them.

Workbooks are read and written with openpyxl (the ``.xlsx`` format of Excel 2007 and later,
ECMA-376 Office Open XML; LibreOffice Calc opens them too).

>>> import tempfile, os
>>> from pmo_lessons import data
>>> path = os.path.join(tempfile.mkdtemp(), "risks.xlsx")
>>> _ = write_register(data.load_risks("WHA"), path, "risks")
>>> read_register(path, "risks").equals(data.validate("risks", data.load_risks("WHA")))
True
"""

from __future__ import annotations

import datetime as dt
import math
import re
import zipfile
from pathlib import Path

import numpy as np
import pandas as pd

from .data import DATASETS, SCHEMAS, validate
from .errors import DatasetError, InputError
from .style import RAG_COLOURS, readable_text

__all__ = ["ExcelError", "read_register", "write_register", "write_workbook", "report_workbook"]

_MONEY = re.compile(r"(_eur$|^(BAC|PV|EV|AC|EAC|ETC|VAC|CV|SV|budget|cost|npv)$)", re.I)
_INDEX = re.compile(r"^(CPI|SPI|SPI_t|TCPI|CPLI|BEI)$", re.I)
_HEADER_FILL = "1C2833"


class ExcelError(InputError):
    """A workbook the kit cannot read or write (no such sheet, not an .xlsx file, no header)."""


def _letter(index):
    from openpyxl.utils import get_column_letter

    return get_column_letter(index)


def read_register(path, name, sheet=None, references=None):
    """Read one of the company's registers from an Excel sheet, validated as the CSV loaders do.

    ``name`` is a table of the data dictionary (``"risks"``, ``"tasks"``, ``"status_weekly"`` ...:
    :data:`pmo_lessons.data.DATASETS`); ``sheet`` the sheet's name (by default the sheet called
    ``name``, else the first one); ``references`` the tables its foreign keys point to, as for
    :func:`pmo_lessons.data.validate`. The first row holds the column names; cells are taken as
    Excel stores them (numbers as numbers, dates as dates, text as text).

    Raises :class:`pmo_lessons.errors.DatasetError` naming the file, the sheet, the row, the
    column (name and letter) and what would be valid; :class:`ExcelError` for a file that is not
    a workbook or a missing sheet.

    >>> import tempfile, os, pandas as pd
    >>> from pmo_lessons import data
    >>> path = os.path.join(tempfile.mkdtemp(), "bad.xlsx")
    >>> bad = data.load_risks("WHA").head(2).assign(probability=[3, 9])
    >>> _ = write_workbook({"risks": bad}, path)        # write_register would refuse it
    >>> read_register(path, "risks")   # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    pmo_lessons.errors.DatasetError: bad.xlsx, sheet 'risks', row 3, column 'probability' (H): 9 is too large; ...
    """
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    if name not in SCHEMAS:
        raise ExcelError(f"unknown register {name!r}; valid: {', '.join(DATASETS)}.")
    path = Path(path)
    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except FileNotFoundError:
        raise ExcelError(f"cannot open {path}: no such file.") from None
    except (InvalidFileException, KeyError, OSError, ValueError, zipfile.BadZipFile) as error:
        raise ExcelError(f"{path.name} is not an Excel workbook (.xlsx) the kit can read: "
                         f"{error}.") from None
    try:
        names = book.sheetnames
        chosen = sheet if sheet is not None else (name if name in names else names[0])
        if chosen not in names:
            raise ExcelError(f"{path.name} has no sheet {chosen!r}; its sheets are "
                             + ", ".join(repr(n) for n in names) + ".")
        rows = [list(row) for row in book[chosen].iter_rows(values_only=True)]
    finally:
        book.close()
    while rows and all(_blank(v) for v in rows[-1]):
        rows.pop()
    source = f"{path.name}, sheet '{chosen}'"
    if not rows:
        raise ExcelError(f"{source} is empty; its first row must hold the column names "
                         f"({', '.join(SCHEMAS[name])}).")
    header = ["" if _blank(v) else str(v).strip() for v in rows[0]]
    while header and not header[-1]:
        header.pop()
    if "" in header:
        column = header.index("") + 1
        raise ExcelError(f"{source}, row 1, column {_letter(column)}: a column without a name; "
                         "every column of the header row needs one.")
    body = [[_cell(v) for v in row[:len(header)]] + [""] * (len(header) - len(row))
            for row in rows[1:]]
    frame = pd.DataFrame(body, columns=header, dtype=object)
    letters = {column: _letter(i) for i, column in enumerate(header, start=1)}
    try:
        return validate(name, frame, references=references, source=source)
    except DatasetError as error:
        message = re.sub(r"column '([^']+)'",
                         lambda m: f"column '{m[1]}' ({letters[m[1]]})" if m[1] in letters
                         else m[0], str(error))
        raise DatasetError(message.replace("(rows counted as in a spreadsheet: the header is "
                                           "row 1, the first data row is row 2)",
                                           "(rows as Excel numbers them: the header is row 1)")
                           ) from None


def _blank(value):
    return value is None or (isinstance(value, str) and not value.strip()) or (
        isinstance(value, float) and math.isnan(value))


def _cell(value):
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d") if value.time() == dt.time(0) else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


# --- writing ---------------------------------------------------------------------------


def write_register(frame, path, name=None, sheet=None):
    """Write a register (a DataFrame) as one formatted sheet of a new workbook; returns the path.

    ``name`` (a table of the data dictionary) checks the table first, so that nothing invalid is
    written; ``sheet`` names the sheet (default ``name`` or "Sheet1"). Dates are written as dates,
    numbers as numbers, flags as TRUE/FALSE, lists as their text; :func:`read_register` reads it
    back equal.

    >>> import tempfile, os
    >>> from pmo_lessons import data
    >>> path = write_register(data.load_projects(), os.path.join(tempfile.mkdtemp(), "p.xlsx"),
    ...                       "projects")
    >>> read_register(path, "projects")["id"].tolist()
    ['ERP', 'CRM', 'WHA', 'OFM', 'DAT', 'ECO', 'SEC']
    """
    if name is not None:
        frame = validate(name, frame)
    return write_workbook({sheet or name or "Sheet1": frame}, path)


def write_workbook(tables, path, index=False):
    """Write several tables as one workbook, one formatted sheet a table; returns the path.

    ``tables`` maps a sheet name to a DataFrame (in the order of the sheets). Each sheet has its
    header row in bold on the kit's ink colour, frozen and with filters; columns sized to their
    content; RAG cells (green, amber, red, grey) filled with the kit's RAG colours and their
    word kept; amounts (``*_eur``, BAC, EAC, VAC ...) with a thousands separator and €; indices
    (CPI, SPI ...) to two decimals; dates as dates. ``index=True`` writes each frame's index as
    its first column.

    >>> import tempfile, os, pandas as pd
    >>> board = pd.DataFrame({"project": ["ERP"], "CPI": [0.88], "rag": ["red"]})
    >>> path = write_workbook({"Dashboard": board}, os.path.join(tempfile.mkdtemp(), "b.xlsx"))
    >>> from openpyxl import load_workbook
    >>> cell = load_workbook(path)["Dashboard"]["C2"]
    >>> cell.value, cell.fill.fgColor.rgb
    ('red', 'FFC0392B')
    """
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    if not isinstance(tables, dict) or not tables:
        raise ExcelError("tables must be a dict of sheet name -> DataFrame, with at least one.")
    book = Workbook()
    book.remove(book.active)
    used = set()
    for title, frame in tables.items():
        if not isinstance(frame, pd.DataFrame):
            frame = pd.DataFrame(frame)
        if index:
            frame = frame.reset_index()
        sheet_name = _sheet_name(str(title), used)
        sheet = book.create_sheet(sheet_name)
        columns = [str(c) for c in frame.columns]
        sheet.append(columns)
        for cell in sheet[1]:
            cell.font = Font(bold=True, color="FFFFFF")
            cell.fill = PatternFill("solid", fgColor="FF" + _HEADER_FILL)
            cell.alignment = Alignment(vertical="center", wrap_text=True)
        for record in frame.itertuples(index=False):
            sheet.append([_excel_value(v) for v in record])
        widths = [len(c) for c in columns]
        for j, column in enumerate(columns, start=1):
            letter = get_column_letter(j)
            values = frame.iloc[:, j - 1]
            number_format = _number_format(column, values)
            for i in range(2, len(frame) + 2):
                cell = sheet[f"{letter}{i}"]
                if number_format and isinstance(cell.value, (int, float, dt.date)):
                    cell.number_format = number_format
                word = str(cell.value).strip().lower() if isinstance(cell.value, str) else None
                if word in RAG_COLOURS:
                    colour = "FF" + RAG_COLOURS[word].lstrip("#").upper()
                    cell.fill = PatternFill("solid", fgColor=colour)
                    cell.font = Font(bold=True, color="FF" + readable_text(RAG_COLOURS[word])
                                     .lstrip("#").upper())
                text = cell.value if isinstance(cell.value, str) else (
                    f"{cell.value:,.2f}" if isinstance(cell.value, float) else str(cell.value))
                widths[j - 1] = max(widths[j - 1], min(len(text), 60))
            sheet.column_dimensions[letter].width = max(8, widths[j - 1] + 2)
        sheet.freeze_panes = "A2"
        if len(columns):
            sheet.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{len(frame) + 1}"
    path = Path(path)
    try:
        book.save(path)
    except OSError as error:
        raise ExcelError(f"cannot write {path}: {error.strerror or error}.") from None
    return str(path)


def _sheet_name(title, used):
    name = re.sub(r"[\[\]:*?/\\]", " ", title).strip()[:31] or "Sheet"
    base, n = name, 2
    while name.lower() in used:
        suffix = f" ({n})"
        name = base[:31 - len(suffix)] + suffix
        n += 1
    used.add(name.lower())
    return name


def _excel_value(value):
    if value is None or value is pd.NaT or value is pd.NA:
        return None
    if isinstance(value, (np.bool_, bool)):
        return bool(value)
    if isinstance(value, np.integer):
        return int(value)
    if isinstance(value, (np.floating, float)):
        return None if math.isnan(value) else float(value)
    if isinstance(value, pd.Timestamp):
        return value.to_pydatetime()
    if isinstance(value, (list, tuple, set)):
        return ", ".join(map(str, value))
    return value


def _number_format(column, values):
    if pd.api.types.is_datetime64_any_dtype(values):
        times = values.dropna()
        return "yyyy-mm-dd hh:mm" if len(times) and (times != times.dt.normalize()).any() \
            else "yyyy-mm-dd"
    if not pd.api.types.is_numeric_dtype(values) or pd.api.types.is_bool_dtype(values):
        return None
    if _MONEY.search(column):
        return '#,##0 "€";-#,##0 "€"'
    if _INDEX.match(column):
        return "0.00"
    if "percent" in column.lower():
        return "0.0"
    if pd.api.types.is_integer_dtype(values):
        return "0"
    return "#,##0.00"


def report_workbook(report, path):
    """Write a :class:`pmo_lessons.report.Report` as a workbook; returns the path.

    A "Summary" sheet holds the title, the overall RAG and the text of the report (headline,
    decisions needed); then one sheet for each of the report's tables, with its numbers as
    numbers where the report keeps them (the dashboard of a portfolio report, the KPIs of a
    project report), else as the report writes them.

    >>> import tempfile, os
    >>> from pmo_lessons.report import portfolio_report
    >>> path = report_workbook(portfolio_report(figures=False),
    ...                        os.path.join(tempfile.mkdtemp(), "portfolio.xlsx"))
    >>> from openpyxl import load_workbook
    >>> load_workbook(path).sheetnames  # doctest: +NORMALIZE_WHITESPACE
    ['Summary', 'Dashboard', 'Objectives and key results', 'Top risks of the portfolio',
     'Issue log (risks that occurred)', 'Decisions needed']
    """
    rows = [("Report", report.title), ("Overall status", report.rag)]
    sheets = {}
    heading = "Table"
    for kind, content in report.blocks:
        if kind == "h2":
            heading = content
        elif kind == "p":
            rows.append((heading if heading != "Table" else "", content))
        elif kind == "rag":
            rows += [(label, rag) for label, rag in content]
        elif kind == "list":
            sheets[heading] = pd.DataFrame({heading: list(content)})
        elif kind == "table":
            if heading == "Projects" and "board" in report.data:
                sheets["Dashboard"] = _numeric_board(report.data["board"])
            elif heading == "Key performance indicators" and "kpis" in report.data:
                kpis = report.data["kpis"]
                sheets["KPIs"] = pd.DataFrame({"indicator": kpis.index,
                                               "value": pd.to_numeric(kpis.values,
                                                                      errors="coerce")})
            else:
                sheets[heading] = content.reset_index()
    summary = pd.DataFrame(rows, columns=["item", "value"])
    return write_workbook({"Summary": summary, **sheets}, path)


def _numeric_board(board):
    keep = [c for c in ("name", "status_date", "percent_complete", "BAC", "PV", "EV", "AC",
                        "CPI", "SPI", "SPI_t", "EAC", "VAC", "planned_finish",
                        "forecast_finish", "slip_days", "cost_rag", "schedule_rag", "rag")
            if c in board.columns]
    return board[keep].reset_index()
