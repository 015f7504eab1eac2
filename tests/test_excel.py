"""Excel in and out: registers validated as the CSV loaders validate them, reports as workbooks."""

import datetime as dt

import pandas as pd
import pytest
from openpyxl import Workbook, load_workbook

from pmo_lessons import data
from pmo_lessons.errors import DatasetError
from pmo_lessons.excel import ExcelError, read_register, report_workbook, write_register, write_workbook
from pmo_lessons.report import portfolio_report, project_report


@pytest.mark.parametrize("name", ["projects", "tasks", "risks", "status_weekly", "holidays",
                                  "okrs", "assignments", "resources", "project_scores"])
def test_every_register_round_trips_through_excel(tmp_path, name):
    table = getattr(data, {"status_weekly": "load_status"}.get(name, f"load_{name}"))()
    path = write_register(table, tmp_path / f"{name}.xlsx", name)
    pd.testing.assert_frame_equal(read_register(path, name), data.validate(name, table))


def _sheet(path, header, rows, title="risks"):
    book = Workbook()
    sheet = book.active
    sheet.title = title
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def test_a_workbook_typed_by_hand_is_read_with_its_dates_and_numbers(tmp_path):
    path = _sheet(tmp_path / "holidays.xlsx", ["date", "name"],
                  [[dt.datetime(2026, 12, 25), "Noël"], ["2026-12-26", "Lendemain"]], "holidays")
    holidays = read_register(path, "holidays")
    assert holidays["date"].tolist() == [pd.Timestamp("2026-12-25"), pd.Timestamp("2026-12-26")]


def test_errors_name_the_file_the_sheet_the_row_and_the_column(tmp_path):
    risks = data.load_risks("WHA").head(3).copy()
    rows = risks.astype(object).values.tolist()
    header = list(risks.columns)
    rows[1][header.index("impact")] = "high"         # row 3 of the sheet, column I
    rows[2][header.index("category")] = "weather"    # row 4, column F
    path = _sheet(tmp_path / "register.xlsx", header, rows)
    with pytest.raises(DatasetError) as error:
        read_register(path, "risks")
    message = str(error.value)
    assert "register.xlsx, sheet 'risks', row 3, column 'impact' (I): 'high' is not a number" \
        in message
    assert "register.xlsx, sheet 'risks', row 4, column 'category' (F): 'weather' is not valid" \
        in message
    assert "Traceback" not in message


def test_missing_sheet_column_or_file_is_named(tmp_path):
    path = _sheet(tmp_path / "r.xlsx", ["id", "title"], [["R-1", "x"]], "Register")
    with pytest.raises(ExcelError, match=r"no sheet 'Risks'; its sheets are 'Register'"):
        read_register(path, "risks", sheet="Risks")
    with pytest.raises(DatasetError, match=r"r.xlsx, sheet 'Register': missing columns 'project'"):
        read_register(path, "risks")
    (tmp_path / "fake.xlsx").write_text("not a workbook", encoding="utf-8")
    with pytest.raises(ExcelError, match="fake.xlsx is not an Excel workbook"):
        read_register(tmp_path / "fake.xlsx", "risks")
    with pytest.raises(ExcelError, match="unknown register 'benefitz'"):
        read_register(path, "benefitz")


def test_write_register_refuses_an_invalid_table(tmp_path):
    bad = data.load_risks("WHA").assign(probability=9)
    with pytest.raises(DatasetError, match="probability"):
        write_register(bad, tmp_path / "bad.xlsx", "risks")
    assert not (tmp_path / "bad.xlsx").exists()  # nothing half-written


def test_the_portfolio_report_as_a_workbook_a_pmo_would_circulate(tmp_path):
    report = portfolio_report(figures=False)
    path = report_workbook(report, tmp_path / "portfolio.xlsx")
    book = load_workbook(path)
    assert book.sheetnames[:2] == ["Summary", "Dashboard"]
    board = book["Dashboard"]
    assert board.freeze_panes == "A2" and board.auto_filter.ref.startswith("A1:")
    header = [c.value for c in board[1]]
    erp = next(row for row in board.iter_rows(min_row=2) if row[0].value == "ERP")
    cells = dict(zip(header, erp))
    # numbers are numbers, with a format; the RAG cell is coloured and keeps its word
    assert cells["BAC"].value == pytest.approx(report.data["board"].at["ERP", "BAC"])
    assert "€" in cells["BAC"].number_format
    assert cells["CPI"].number_format == "0.00"
    assert cells["rag"].value == "red" and cells["rag"].fill.fgColor.rgb == "FFC0392B"
    assert isinstance(cells["forecast_finish"].value, dt.datetime)
    summary = {row[0].value: row[1].value for row in book["Summary"].iter_rows(min_row=2)}
    assert summary["Overall status"] == report.rag
    decisions = [row[0].value for row in book["Decisions needed"].iter_rows(min_row=2)]
    assert decisions == report.data["decisions"]


def test_a_project_report_keeps_its_kpis_as_numbers(tmp_path):
    report = project_report("ERP", figures=False)
    book = load_workbook(report_workbook(report, tmp_path / "erp.xlsx"))
    kpis = {row[0].value: row[1].value for row in book["KPIs"].iter_rows(min_row=2)}
    assert kpis["CPI"] == pytest.approx(float(report.data["kpis"]["CPI"]))
    assert "Top risks" in book.sheetnames and "Milestones" in book.sheetnames


def test_sheet_names_are_made_valid_and_unique(tmp_path):
    path = write_workbook({"a/b": pd.DataFrame({"x": [1]}), "A B": pd.DataFrame({"x": [2]}),
                           "x" * 40: pd.DataFrame({"x": [3]})}, tmp_path / "n.xlsx")
    assert load_workbook(path).sheetnames == ["a b", "A B (2)", "x" * 31]
