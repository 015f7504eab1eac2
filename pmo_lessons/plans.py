"""Real plans: read MS Project (MSPDI XML) and Primavera P6 (XER) files, schedule them, write them back.

A PMO's plans live in MS Project and Primavera P6. :func:`read_plan` opens either kind of file
and returns a :class:`Plan`: the kit's task table (``plan.tasks``: ``id``, ``name``, ``duration``
in working days, WBS, milestone flag, calendar, constraint, progress), the links table that
:func:`pmo_lessons.schedule.cpm` takes (``plan.links``), the project start and calendars
(:class:`pmo_lessons.calendars.Calendar`), the summary tasks and WBS (``plan.outline``) and the
dates and floats the software itself saved in the file (``plan.saved``), so that the kit's
schedule can be compared with the software's, task by task.

What the two formats hold, and how this module reads it:

* **MSPDI** (what MS Project's *Save as XML* writes; Microsoft, *Project XML Data Interchange
  Schema Reference*): durations as ``PT8H0M0S`` (hours of work, turned into days with the
  project's ``MinutesPerDay``); link types ``0=FF 1=FS 2=SF 3=SS``; link lags ``LinkLag`` in
  tenths of a minute, or in percent of the predecessor's duration when ``LagFormat`` is 19 or 20;
  constraints ``ConstraintType`` ``0`` ASAP, ``1`` ALAP, ``2`` MSO, ``3`` MFO, ``4`` SNET, ``5`` SNLT,
  ``6`` FNET, ``7`` FNLT; summary tasks (``Summary``), manual tasks (``Manual``), inactive tasks
  (``Active=0``); a task's own calendar (``CalendarUID``) or, for a task with resources, the
  union of its resources' calendars, as MS Project schedules it; links on summary tasks are
  applied to the summary's work tasks, as MS Project applies them.
* **XER** (P6's export: tab-separated tables ``%T`` name, ``%F`` fields, ``%R`` rows, ``%E`` end;
  Oracle, *Primavera P6 EPPM Data Dictionary*): text in the file's code page (UTF-8, else
  Windows-1252); several projects in one file (choose with ``project=``); durations and lags in
  hours (``target_drtn_hr_cnt``, ``remain_drtn_hr_cnt``, ``lag_hr_cnt``); link types
  ``PR_FS PR_SS PR_FF PR_SF``; calendars in ``clndr_data``, weekdays numbered from Sunday (1) to
  Saturday (7), exception dates as day serials counted from 1899-12-30; constraints
  ``CS_MSOA`` (start on or after) ... ; activity status and actual dates; the data date
  (``last_recalc_date``) and the scheduling options (retained logic or progress override, the
  calendar of lags).

:func:`schedule_plan` schedules a plan in working time (to the minute, on each task's own
calendar), with what plain CPM cannot express: date constraints, progress at a data date
(retained logic, P6's default, or progress override), several calendars (24-hour, 7-day, short
days), manual and inactive tasks reported. :func:`compare_schedule` sets its dates beside the
software's. :func:`write_mspdi` writes a plan (the kit's own, or one it read) as an MSPDI file that
MS Project and ProjectLibre open, and that :func:`read_plan` reads back unchanged.

>>> import pandas as pd
>>> from pmo_lessons.schedule import cpm
>>> plan = plan_from_tasks(pd.DataFrame({"id": ["A", "B"], "name": ["Design", "Build"],
...                                      "duration": [3, 2], "predecessors": ["", "A"]}),
...                        start="2026-03-02")
>>> cpm(plan.tasks, links=plan.links)["ef"].tolist()
[3.0, 5.0]
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from .calendars import STANDARD_HOURS, Calendar, as_calendar
from .columns import require_columns
from .errors import InputError
from .schedule import LINK_TYPES, Link, links_table, topological_order

__all__ = [
    "PlanError",
    "Plan",
    "read_plan",
    "plan_from_tasks",
    "schedule_plan",
    "compare_schedule",
    "write_mspdi",
    "write_xer",
    "CONSTRAINTS",
    "sample_plan_path",
]

#: The date constraints the kit schedules, by the names MS Project shows (P6's names in brackets):
#: ASAP, ALAP, SNET "start no earlier than" (start on or after), SNLT "start no later than"
#: (start on or before), FNET "finish no earlier than" (finish on or after), FNLT "finish no
#: later than" (finish on or before), MSO "must start on" (mandatory start), MFO "must finish on"
#: (mandatory finish).
CONSTRAINTS = ("ASAP", "ALAP", "SNET", "SNLT", "FNET", "FNLT", "MSO", "MFO")

_NS = "{http://schemas.microsoft.com/project}"
_MSPDI_LINK_TYPES = {"0": "FF", "1": "FS", "2": "SF", "3": "SS"}
_MSPDI_CONSTRAINTS = {"0": "ASAP", "1": "ALAP", "2": "MSO", "3": "MFO", "4": "SNET", "5": "SNLT",
                      "6": "FNET", "7": "FNLT"}
_XER_CONSTRAINTS = {"": "ASAP", "CS_ALAP": "ALAP", "CS_MSO": "MSO", "CS_MANDSTART": "MSO",
                    "CS_MEO": "MFO", "CS_MANDFIN": "MFO", "CS_MSOA": "SNET", "CS_MSOB": "SNLT",
                    "CS_MEOA": "FNET", "CS_MEOB": "FNLT"}
_XER_STATUS = {"TK_NotStart": "not started", "TK_Active": "in progress", "TK_Complete": "complete"}
_TASK_COLUMNS = ["id", "name", "wbs", "parent", "duration", "duration_hours", "calendar",
                 "milestone", "constraint", "constraint_date", "status", "actual_start",
                 "actual_finish", "remaining_hours", "percent_complete", "manual", "kind"]
_LINK_COLUMNS = ["predecessor", "successor", "type", "lag", "lag_hours", "lag_percent"]
_SAVED_COLUMNS = ["early_start", "early_finish", "late_start", "late_finish",
                  "total_float_hours", "total_float", "free_float", "critical"]
_EPS = 1e-6


class PlanError(InputError):
    """A plan file the kit cannot read, or a plan it cannot schedule; the message names the
    file, the table or element and the task."""


@dataclass
class Plan:
    """A project plan read from MS Project or P6, in the kit's tables.

    Attributes:
        name: the project's name (MSPDI ``Title`` or ``Name``; P6 ``proj_short_name``).
        source: the file it was read from ("" for a plan built in the kit).
        format: ``"MSPDI"``, ``"XER"`` or ``"kit"``.
        software: the software and version that saved it, as the file says.
        start: the project start (the first working moment on the project calendar).
        calendar: the project calendar.
        tasks: one row per task the kit schedules (summary tasks and WBS nodes are in
            ``outline``): ``id``, ``name``, ``wbs``, ``parent``, ``duration`` (working days of
            the task's calendar), ``duration_hours``, ``calendar`` (its name), ``milestone``,
            ``constraint`` (see :data:`CONSTRAINTS`) and ``constraint_date``, ``status`` (not
            started, in progress, complete), ``actual_start``, ``actual_finish``,
            ``remaining_hours``, ``percent_complete``, ``manual`` (a manually scheduled task),
            ``kind`` (task, start milestone, finish milestone).
        links: ``predecessor, successor, type, lag`` (lag in working days of the lag's
            calendar, as :func:`pmo_lessons.schedule.cpm` takes it), plus ``lag_hours`` and
            ``lag_percent`` (MS Project's lags in percent of the predecessor's duration).
        outline: every line of the plan in its order, summaries included: ``id``, ``name``,
            ``wbs``, ``level``, ``parent``, ``summary``, ``milestone``.
        calendars: every calendar of the plan by name.
        data_date: the date up to which progress is recorded (P6's data date, MS Project's
            status date), or ``None``.
        saved: the software's own values, indexed by task id: ``early_start``,
            ``early_finish``, ``late_start``, ``late_finish``, ``total_float_hours``,
            ``total_float`` (working days of the task's calendar), ``free_float``, ``critical``.
        notes: what the reader noticed and a trainee should know (manual and inactive tasks,
            links dropped, ids changed ...).
        options: scheduling options of the file (P6's retained logic, lag calendar ...).
    """

    name: str
    tasks: pd.DataFrame
    links: pd.DataFrame
    start: pd.Timestamp
    calendar: Calendar
    source: str = ""
    format: str = "kit"
    software: str = ""
    outline: pd.DataFrame = field(default=None, repr=False)
    calendars: dict = field(default_factory=dict, repr=False)
    data_date: pd.Timestamp | None = None
    saved: pd.DataFrame = field(default=None, repr=False)
    notes: list = field(default_factory=list, repr=False)
    options: dict = field(default_factory=dict, repr=False)

    def __repr__(self):
        return (f"Plan({self.name!r}, {self.format}, {len(self.tasks)} tasks, "
                f"{len(self.links)} links, start {self.start:%Y-%m-%d %H:%M})")

    def calendar_of(self, task_id):
        """The :class:`~pmo_lessons.calendars.Calendar` a task is scheduled on."""
        name = self.tasks.set_index("id").at[str(task_id), "calendar"]
        return self.calendars.get(name, self.calendar)

    def network(self):
        """The tasks with a ``predecessors`` column in the kit's grammar (``"A, B SS+2"``).

        For the functions that read links from that column: resource levelling
        (:func:`pmo_lessons.resources.level`), Monte Carlo (:func:`pmo_lessons.risk.monte_carlo`),
        the planning lesson's explorers. Lags are in working days, rounded to 3 decimals.

        >>> import pandas as pd
        >>> plan = plan_from_tasks(pd.DataFrame({"id": ["A", "B"], "duration": [2, 1],
        ...                        "predecessors": ["", "A SS+1"]}), start="2026-03-02")
        >>> plan.network()["predecessors"].tolist()
        ['', 'A SS+1']
        """
        references = {t: [] for t in self.tasks["id"]}
        for link in self.links.itertuples():
            lag = round(float(link.lag), 3)
            text = link.predecessor
            if link.type != "FS" or lag:
                text += f" {link.type}" + (f"{lag:+g}" if lag else "")
            references[link.successor].append(text)
        return self.tasks.assign(predecessors=[", ".join(references[t])
                                               for t in self.tasks["id"]])

    def summary(self):
        """What the plan holds, in a few lines of plain words.

        >>> import pandas as pd
        >>> print(plan_from_tasks(pd.DataFrame({"id": ["A"], "duration": [2]}),
        ...                       start="2026-03-02").summary())
        Plan 'plan' (kit): 1 tasks, 0 links, starts 02 Mar 2026 08:00
        Standard: Mon-Fri 08:00-12:00 13:00-17:00; 8 hours a day; 0 days off, 0 days worked
        outside the week
        """
        lines = [f"Plan {self.name!r} ({self.format}{', ' + self.software if self.software else ''}"
                 f"): {len(self.tasks)} tasks, {len(self.links)} links, starts "
                 f"{self.start:%d %b %Y %H:%M}"]
        if self.data_date is not None:
            lines.append(f"Data date: {self.data_date:%d %b %Y %H:%M}")
        lines.append(self.calendar.describe())
        lines += [f"Note: {note}" for note in self.notes]
        return "\n".join(lines)


# --- reading ---------------------------------------------------------------------


def sample_plan_path(kind="xml"):
    """The path of the sample plan of lesson 15: Meridian's warehouse automation project.

    ``kind`` is ``"xml"`` (as MS Project saves it) or ``"xer"`` (as P6 exports it); both were
    written by the kit (``tools/make_plans.py``) and travel with the package.

    >>> sample_plan_path("xer").name
    'warehouse_automation.xer'
    """
    from .data import dataset_path

    if kind not in ("xml", "xer"):
        raise PlanError(f"kind is {kind!r}; valid: 'xml' (MS Project) or 'xer' (Primavera P6).")
    path = dataset_path("projects").parent / "plans" / f"warehouse_automation.{kind}"
    if not path.is_file():
        raise PlanError(f"cannot find the sample plan {path}; reinstall the kit, or run "
                        "tools/make_plans.py in a source checkout.")
    return path


def read_plan(path, project=None, encoding=None):
    """Read an MS Project XML (MSPDI) or Primavera P6 XER file into a :class:`Plan`.

    The format is told from the content, not the file name. ``project`` chooses one project of
    an XER file that holds several (its short name or ``proj_id``); ``encoding`` overrides the
    XER code page (UTF-8 when the bytes are valid UTF-8, else Windows-1252, P6's usual export).

    Raises :class:`PlanError`, naming the file, the table or element and the task, for a file
    of another format, a truncated file, a link to a task that is not in the file, a calendar
    the kit cannot express, or several projects and no ``project``.

    >>> import tempfile, os, pandas as pd
    >>> plan = plan_from_tasks(pd.DataFrame({"id": ["A", "B"], "duration": [2, 1],
    ...                                      "predecessors": ["", "A FS+1"]}), start="2026-03-02")
    >>> path = os.path.join(tempfile.mkdtemp(), "demo.xml")
    >>> again = read_plan(write_mspdi(plan, path))
    >>> again.links[["predecessor", "successor", "type", "lag"]].values.tolist()
    [['A', 'B', 'FS', 1.0]]
    """
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as error:
        raise PlanError(f"cannot open {path}: {error.strerror or error}.") from None
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith(b"ERMHDR"):
        return _read_xer(path, data, project, encoding)
    if head.startswith(b"<"):
        return _read_mspdi(path, data)
    if path.suffix.lower() == ".mpp":
        raise PlanError(f"{path.name}: an .mpp file is MS Project's binary format, which the kit "
                        "does not read; in MS Project use File > Save As > XML Format (*.xml), "
                        "and read that file.")
    raise PlanError(f"{path.name} is neither an MS Project XML file (MSPDI, which starts with "
                    "'<?xml' and a <Project> element) nor a Primavera P6 XER file (which starts "
                    "with 'ERMHDR'); save the plan in one of these formats.")


def plan_from_tasks(tasks, start, calendar=None, links=None, name="plan"):
    """A :class:`Plan` from a kit task table (``id``, ``duration``, ``predecessors`` ...).

    ``tasks`` is a task table as :func:`pmo_lessons.schedule.cpm` takes it (the company's
    ``data.load_tasks("ERP")``, say); ``links`` may replace its ``predecessors``; ``start`` is the
    project's first day; ``calendar`` a :class:`~pmo_lessons.calendars.Calendar` (Monday to
    Friday, 8 hours a day, by default). Use it to write a kit plan with :func:`write_mspdi`.

    >>> import pandas as pd
    >>> plan = plan_from_tasks(pd.DataFrame({"id": ["A", "B"], "duration": [1, 0],
    ...                        "predecessors": ["", "A"]}), start="2026-03-06")
    >>> plan.tasks[["id", "duration", "milestone", "kind"]].values.tolist()
    [['A', 1.0, False, 'task'], ['B', 0.0, True, 'finish milestone']]
    """
    require_columns(tasks, ["id", "duration"], "tasks", PlanError)
    calendar = as_calendar(calendar)
    if not calendar.name:
        calendar.name = "Standard"
    frame = tasks.reset_index(drop=True)
    ids = [str(t).strip() for t in frame["id"]]
    durations = pd.to_numeric(frame["duration"], errors="coerce")
    for task_id, raw, value in zip(ids, frame["duration"], durations):
        if pd.isna(value) or value < 0:
            raise PlanError(f"Task {task_id}: duration is {raw!r}; it must be a number of working "
                            "days >= 0.")
    if links is None:
        links = links_table(frame.assign(id=ids))
    require_columns(links, ["predecessor", "successor"], "links", PlanError)
    links = links.copy()
    links["type"] = links["type"] if "type" in links.columns else "FS"
    links["lag"] = pd.to_numeric(links["lag"], errors="coerce").fillna(0.0).astype(float) \
        if "lag" in links.columns else 0.0
    hours = calendar.hours_per_day
    milestone = (frame["milestone"].astype(bool) if "milestone" in frame.columns
                 else durations == 0)
    start_moment = calendar.next_working_time(pd.Timestamp(start).normalize()
                                              if pd.Timestamp(start) == pd.Timestamp(start).normalize()
                                              else start)
    table = pd.DataFrame({
        "id": ids,
        "name": frame["name"].astype(str) if "name" in frame.columns else ids,
        "wbs": frame["wbs"].astype(str) if "wbs" in frame.columns else "",
        "parent": "",
        "duration": durations.astype(float),
        "duration_hours": durations.astype(float) * hours,
        "calendar": calendar.name,
        "milestone": milestone.to_numpy(),
        "constraint": frame["constraint"].astype(str) if "constraint" in frame.columns else "ASAP",
        "constraint_date": pd.to_datetime(frame["constraint_date"]) if "constraint_date"
        in frame.columns else pd.NaT,
        "status": "not started",
        "actual_start": pd.NaT,
        "actual_finish": pd.NaT,
        "remaining_hours": durations.astype(float) * hours,
        "percent_complete": 0.0,
        "manual": False,
        "kind": np.where(durations == 0, "finish milestone", "task"),
    })
    table["constraint_date"] = pd.to_datetime(table["constraint_date"])
    link_table = pd.DataFrame({
        "predecessor": links["predecessor"].astype(str).str.strip(),
        "successor": links["successor"].astype(str).str.strip(),
        "type": links["type"].astype(str).str.upper().replace({"": "FS", "NAN": "FS"}),
        "lag": links["lag"].astype(float),
    })
    link_table["lag_hours"] = link_table["lag"] * hours
    link_table["lag_percent"] = np.nan
    _check_links(link_table, set(ids), "the task table")
    outline = table[["id", "name", "wbs"]].assign(level=1, parent="", summary=False,
                                                 milestone=table["milestone"])
    return Plan(name=name, tasks=table, links=link_table.reset_index(drop=True),
                start=start_moment, calendar=calendar, outline=outline,
                calendars={calendar.name: calendar}, saved=_empty_saved())


def _empty_saved():
    return pd.DataFrame(columns=_SAVED_COLUMNS, index=pd.Index([], name="id"))


def _check_links(links, known, where):
    for row in links.itertuples():
        for end, role in ((row.predecessor, "predecessor"), (row.successor, "successor")):
            if end not in known:
                raise PlanError(f"{where}: the link {row.predecessor} -> {row.successor} names "
                                f"{role} {end!r}, which is not a task of the plan.")
        if row.type not in LINK_TYPES:
            raise PlanError(f"{where}: the link {row.predecessor} -> {row.successor} has type "
                            f"{row.type!r}; valid: {', '.join(LINK_TYPES)}.")


# --- MSPDI -----------------------------------------------------------------------------


def _read_mspdi(path, data):
    try:
        root = ET.fromstring(data)
    except ET.ParseError as error:
        line, column = error.position
        text = data.decode("utf-8", errors="replace").rstrip()
        truncated = not text.endswith(">") or "</Project>" not in text[-200:]
        raise PlanError(f"{path.name}: not well-formed XML at line {line}, column {column}"
                        + (" (the file is truncated: it ends before </Project>)" if truncated
                           else "") + "; save the plan again from MS Project.") from None
    if root.tag != _NS + "Project":
        raise PlanError(f"{path.name}: an XML file whose root element is <{_local(root.tag)}>, "
                        "not MS Project's <Project> in the namespace "
                        "http://schemas.microsoft.com/project; it is not an MSPDI file.")

    def text(node, tag, default=""):
        child = node.find(_NS + tag)
        return default if child is None or child.text is None else child.text.strip()

    minutes_per_day = _number(text(root, "MinutesPerDay", "480"), path.name, "MinutesPerDay")
    hours_per_day = minutes_per_day / 60
    name = text(root, "Title") or text(root, "Name") or path.stem
    version = text(root, "SaveVersion")
    software = "MS Project" + (f" (MSPDI SaveVersion {version})" if version else "")
    notes = []

    # calendars
    raw_calendars = {}
    calendars_node = root.find(_NS + "Calendars")
    for node in (calendars_node if calendars_node is not None else []):
        uid = text(node, "UID")
        raw_calendars[uid] = node
    built = {}

    def calendar_by_uid(uid, stack=()):
        if uid in built:
            return built[uid]
        if uid not in raw_calendars:
            raise PlanError(f"{path.name}: calendar UID {uid} is used but not defined in "
                            "<Calendars>.")
        if uid in stack:
            raise PlanError(f"{path.name}: calendar UID {uid} is based on itself.")
        node = raw_calendars[uid]
        base_uid = text(node, "BaseCalendarUID", "-1")
        base = calendar_by_uid(base_uid, stack + (uid,)) if base_uid not in ("", "-1") else None
        built[uid] = _mspdi_calendar(node, base, hours_per_day, path.name, text)
        return built[uid]

    project_uid = text(root, "CalendarUID", "1")
    project_calendar = calendar_by_uid(project_uid) if raw_calendars else Calendar(
        name="Standard", hours_per_day=hours_per_day)

    # resources and assignments: MS Project schedules a task with resources on their calendars
    resource_calendar = {}
    resources = root.find(_NS + "Resources")
    for node in (resources if resources is not None else []):
        cal = text(node, "CalendarUID")
        if cal and cal != "-1" and cal in raw_calendars:
            resource_calendar[text(node, "UID")] = cal
    task_resources = {}
    assignments = root.find(_NS + "Assignments")
    for node in (assignments if assignments is not None else []):
        resource = text(node, "ResourceUID")
        if resource in resource_calendar:
            task_resources.setdefault(text(node, "TaskUID"), []).append(resource)

    kit_ids = False
    attributes = root.find(_NS + "ExtendedAttributes")
    for node in (attributes if attributes is not None else []):
        if text(node, "FieldID") == _KIT_ID_FIELD and text(node, "Alias") == _KIT_ID_ALIAS:
            kit_ids = True
    unions = {}
    tasks_node = root.find(_NS + "Tasks")
    if tasks_node is None:
        raise PlanError(f"{path.name}: no <Tasks> element; the file holds no plan.")
    rows, outline, raw_links, saved = [], [], [], {}
    parents = []  # (level, uid)
    kit_id = {}
    known = set()
    inactive, manual = [], []
    for node in tasks_node.findall(_NS + "Task"):
        uid = text(node, "UID")
        if not uid:
            raise PlanError(f"{path.name}: a <Task> without <UID> (after task "
                            f"{rows[-1]['id'] if rows else 'none'}).")
        if text(node, "IsNull") == "1":
            continue
        level = int(_number(text(node, "OutlineLevel", "1"), path.name, f"task {uid} OutlineLevel"))
        if level == 0 or uid == "0" and text(node, "OutlineNumber") == "0":
            continue  # the project summary task
        while parents and parents[-1][0] >= level:
            parents.pop()
        parent = parents[-1][1] if parents else ""
        summary = text(node, "Summary") == "1"
        task_name = text(node, "Name")
        label = f"task {uid} ({task_name})" if task_name else f"task {uid}"
        duration_hours = _iso_hours(text(node, "Duration", "PT0H0M0S"), path.name, label,
                                    "Duration")
        milestone = text(node, "Milestone") == "1"
        active = text(node, "Active", "1") != "0"
        outline.append({"id": uid, "name": task_name, "wbs": text(node, "WBS"), "level": level,
                        "parent": parent, "summary": summary, "milestone": milestone})
        if summary:
            parents.append((level, uid))
        for link in node.findall(_NS + "PredecessorLink"):
            pred = text(link, "PredecessorUID")
            if text(link, "CrossProject") == "1":
                notes.append(f"{label}: its predecessor {pred} is in another project; that "
                             "link is left out.")
                continue
            code = text(link, "Type", "1")
            if code not in _MSPDI_LINK_TYPES:
                raise PlanError(f"{path.name}: {label}, <PredecessorLink> to {pred}: <Type> "
                                f"{code!r} is not a link type; valid: 0 (FF), 1 (FS), 2 (SF), "
                                "3 (SS).")
            lag_value = _number(text(link, "LinkLag", "0"), path.name, f"{label} LinkLag")
            lag_format = text(link, "LagFormat", "7")
            raw_links.append((pred, uid, _MSPDI_LINK_TYPES[code], lag_value, lag_format))
        for attribute in node.findall(_NS + "ExtendedAttribute"):
            if kit_ids and text(attribute, "FieldID") == _KIT_ID_FIELD and text(attribute, "Value"):
                kit_id[uid] = text(attribute, "Value")
        if not active:
            inactive.append(uid)
        known.add(uid)
        if summary:
            saved[uid] = None
            continue
        cal_uid = text(node, "CalendarUID", "-1")
        ignore_resources = text(node, "IgnoreResourceCalendar") == "1"
        calendar = project_calendar
        if cal_uid not in ("", "-1"):
            calendar = calendar_by_uid(cal_uid)
        elif not ignore_resources and task_resources.get(uid):
            cals = sorted({resource_calendar[r] for r in task_resources[uid]})
            members, seen = [], []
            for member in (calendar_by_uid(c) for c in cals):
                key = (member.week, sorted(member.exceptions.items()))
                if key not in seen:  # calendars that work the same hours count once
                    seen.append(key)
                    members.append(member)
            calendar = members[0] if len(members) == 1 else _union(members, unions)
            if len(members) > 1:
                notes.append(f"{label} is scheduled on the union of its resources' calendars "
                             f"({calendar.name}: {calendar.work_between('2026-01-05', '2026-01-12'):g}"
                             " working hours a week): plain CPM in days of the project calendar "
                             "cannot date it; schedule_plan can.")
        constraint = _MSPDI_CONSTRAINTS.get(text(node, "ConstraintType", "0"))
        if constraint is None:
            raise PlanError(f"{path.name}: {label}: <ConstraintType> "
                            f"{text(node, 'ConstraintType')!r} is not one of 0 to 7.")
        constraint_date = _date(text(node, "ConstraintDate"), path.name, label)
        actual_start = _date(text(node, "ActualStart"), path.name, label)
        actual_finish = _date(text(node, "ActualFinish"), path.name, label)
        percent = _number(text(node, "PercentComplete", "0"), path.name, f"{label} percent")
        remaining = _iso_hours(text(node, "RemainingDuration"), path.name, label,
                               "RemainingDuration") if text(node, "RemainingDuration") else \
            duration_hours * (1 - percent / 100)
        status = ("complete" if not pd.isna(actual_finish) or percent >= 100 else
                  "in progress" if not pd.isna(actual_start) or percent > 0 else "not started")
        is_manual = text(node, "Manual") == "1"
        if is_manual:
            manual.append(uid)
        rows.append({
            "id": uid, "name": task_name, "wbs": text(node, "WBS"), "parent": parent,
            "duration": duration_hours / calendar.hours_per_day,
            "duration_hours": duration_hours, "calendar": calendar.name,
            "milestone": milestone, "constraint": constraint,
            "constraint_date": constraint_date if constraint not in ("ASAP", "ALAP") else pd.NaT,
            "status": status, "actual_start": actual_start, "actual_finish": actual_finish,
            "remaining_hours": remaining, "percent_complete": percent, "manual": is_manual,
            "kind": "finish milestone" if duration_hours == 0 else "task",
            "active": active,
            "manual_start": _date(text(node, "ManualStart") or text(node, "Start"), path.name,
                                  label),
            "manual_finish": _date(text(node, "ManualFinish") or text(node, "Finish"), path.name,
                                   label),
        })
        slack = text(node, "TotalSlack")
        saved[uid] = {
            "early_start": _date(text(node, "EarlyStart"), path.name, label),
            "early_finish": _date(text(node, "EarlyFinish"), path.name, label),
            "late_start": _date(text(node, "LateStart"), path.name, label),
            "late_finish": _date(text(node, "LateFinish"), path.name, label),
            "total_float_hours": _number(slack, path.name, f"{label} TotalSlack") / 600
            if slack else np.nan,
            "free_float": _number(text(node, "FreeSlack", "0"), path.name, label) / 600
            / hours_per_day,
            "critical": text(node, "Critical") == "1",
        }
        saved[uid]["total_float"] = saved[uid]["total_float_hours"] / hours_per_day

    # links: check ends, drop inactive tasks, expand links on summary tasks to their work tasks
    outline_frame = pd.DataFrame(outline, columns=["id", "name", "wbs", "level", "parent",
                                                   "summary", "milestone"])
    summary_ids = set(outline_frame.loc[outline_frame["summary"], "id"])
    children = {}
    for row in outline_frame.itertuples():
        if row.parent:
            children.setdefault(row.parent, []).append(row.id)

    def leaves(uid):
        if uid not in summary_ids:
            return [uid]
        found = []
        for child in children.get(uid, []):
            found += leaves(child)
        return found

    name_of = dict(zip(outline_frame["id"], outline_frame["name"]))
    inactive_set = set(inactive)
    durations = {row["id"]: row["duration_hours"] for row in rows}
    link_rows = []
    on_summaries = 0
    for pred, succ, kind, lag_value, lag_format in raw_links:
        if pred not in known:
            raise PlanError(f"{path.name}: task {succ} ({name_of.get(succ, '')}) has a "
                            f"<PredecessorLink> to task UID {pred}, which is not in the file.")
        if pred in inactive_set or succ in inactive_set:
            continue
        preds, succs = leaves(pred), leaves(succ)
        if pred in summary_ids or succ in summary_ids:
            on_summaries += 1
            if kind != "FS":
                raise PlanError(f"{path.name}: the {kind} link from task {pred} to task {succ} "
                                "touches a summary task; the kit applies only finish-to-start "
                                "links of summary tasks (to their work tasks, as MS Project "
                                "does). Link the work tasks instead.")
        for p in preds:
            for s in succs:
                if p in inactive_set or s in inactive_set or p == s:
                    continue
                link_rows.append(_mspdi_lag(p, s, kind, lag_value, lag_format, durations,
                                            hours_per_day, path.name))
    if on_summaries:
        notes.append(f"{on_summaries} links touch summary tasks; they are applied to the "
                     "summaries' work tasks, as MS Project applies them.")
    if inactive:
        notes.append(f"{len(inactive)} inactive tasks (MS Project's Active = No) are left out "
                     "of the schedule: " + ", ".join(inactive[:10])
                     + (" ..." if len(inactive) > 10 else "") + ".")
    if manual:
        notes.append(f"{len(manual)} manually scheduled tasks (MS Project keeps them where the "
                     "planner put them; the kit holds them there too): " + ", ".join(manual[:10])
                     + (" ..." if len(manual) > 10 else "") + ".")
    task_frame = pd.DataFrame(rows)
    if task_frame.empty:
        raise PlanError(f"{path.name}: the plan has no task to schedule.")
    task_frame = task_frame[task_frame["active"]].drop(columns="active").reset_index(drop=True)
    link_frame = pd.DataFrame(link_rows, columns=_LINK_COLUMNS).drop_duplicates(
        subset=["predecessor", "successor", "type"], keep="first").reset_index(drop=True)
    if kit_id:
        # a plan the kit wrote: its task ids are in the custom field "Kit task id" (Text1)
        rename = lambda uid: kit_id.get(uid, uid)  # noqa: E731
        task_frame["id"] = task_frame["id"].map(rename)
        task_frame["parent"] = task_frame["parent"].map(lambda p: rename(p) if p else p)
        link_frame["predecessor"] = link_frame["predecessor"].map(rename)
        link_frame["successor"] = link_frame["successor"].map(rename)
        outline_frame["id"] = outline_frame["id"].map(rename)
        saved = {rename(k): v for k, v in saved.items()}
    task_frame = _tidy_ids(task_frame, notes)
    start = _date(text(root, "StartDate"), path.name, "the project")
    if pd.isna(start):
        start = task_frame["manual_start"].min()
    calendars = {project_calendar.name: project_calendar}
    for cal in list(built.values()):
        calendars.setdefault(cal.name, cal)
    for name_, cal in unions.items():
        if name_ in set(task_frame["calendar"]):
            calendars[name_] = cal
    status_date = _date(text(root, "StatusDate"), path.name, "the project")
    saved_frame = pd.DataFrame.from_dict({k: v for k, v in saved.items() if v is not None},
                                         orient="index", columns=_SAVED_COLUMNS)
    saved_frame.index.name = "id"
    saved_frame = saved_frame.loc[[t for t in task_frame["id"] if t in saved_frame.index]]
    options = {"honor_constraints": text(root, "HonorConstraints") == "1",
               "schedule_from_start": text(root, "ScheduleFromStart", "1") == "1",
               "current_date": _date(text(root, "CurrentDate"), path.name, "the project"),
               "lag_calendar": "successor"}
    if options["schedule_from_start"] is False:
        notes.append("the project is scheduled from its finish date (ScheduleFromStart = 0); "
                     "the kit schedules it from its start.")
    return Plan(name=name, tasks=task_frame, links=link_frame,
                start=project_calendar.next_working_time(start), calendar=project_calendar,
                source=str(path), format="MSPDI", software=software, outline=outline_frame,
                calendars=calendars, data_date=None if pd.isna(status_date) else status_date,
                saved=saved_frame, notes=notes, options=options)


def _union(calendars, unions):
    """One calendar that works whenever any of ``calendars`` works (a task with several
    resources, as MS Project schedules it)."""
    name = " + ".join(c.name for c in calendars)
    if name in unions:
        return unions[name]
    week = {}
    mask = []
    for day in ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"):
        spans = _merge([s for c in calendars for s in c.week[day]])
        week[day] = spans
        mask.append("1" if spans else "0")
    dates = set()
    for c in calendars:
        dates |= set(c.exceptions)
    exceptions = {}
    for date in dates:
        number = int(date.astype("int64"))
        exceptions[str(date)] = _spans_text(_merge([s for c in calendars
                                                    for s in c._day_spans(number)]))
    result = Calendar(weekmask="".join(mask),
                      hours={d: _spans_text(s) for d, s in week.items() if s},
                      exceptions=exceptions, hours_per_day=calendars[0].hours_per_day, name=name)
    unions[name] = result
    return result


def _merge(spans):
    merged = []
    for a, b in sorted(spans):
        if merged and a <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], b))
        else:
            merged.append((a, b))
    return tuple(merged)


def _spans_text(spans):
    return " ".join(f"{a // 60:02d}:{a % 60:02d}-{b // 60:02d}:{b % 60:02d}" for a, b in spans)


def _mspdi_calendar(node, base, hours_per_day, file_name, text):
    name = text(node, "Name") or f"Calendar {text(node, 'UID')}"
    week = {d: (base.week[d] if base is not None else ()) for d in
            ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")}
    exceptions = dict(base.exceptions) if base is not None else {}
    exceptions = {str(k): _spans_text(v) for k, v in exceptions.items()}
    weekdays = node.find(_NS + "WeekDays")
    order = ("Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat")
    has_exceptions = node.find(_NS + "Exceptions") is not None
    if node.find(_NS + "WorkWeeks") is not None and len(node.find(_NS + "WorkWeeks")):
        raise PlanError(f"{file_name}: calendar {name!r} has alternate work weeks "
                        "(<WorkWeeks>), which the kit cannot express; give the calendar one work "
                        "week and exceptions on dates.")
    for day in (weekdays if weekdays is not None else []):
        day_type = text(day, "DayType")
        working = text(day, "DayWorking") == "1"
        spans = _mspdi_times(day, working, file_name, name, text)
        if day_type == "0":
            if has_exceptions:
                continue
            period = day.find(_NS + "TimePeriod")
            if period is None:
                continue
            for date in _period_days(text(period, "FromDate"), text(period, "ToDate"),
                                     file_name, name):
                exceptions[date] = spans
        elif day_type in ("1", "2", "3", "4", "5", "6", "7"):
            week[order[int(day_type) - 1]] = _parse_spans(spans)
        else:
            raise PlanError(f"{file_name}: calendar {name!r}: <DayType> {day_type!r} is not a "
                            "day (0 for an exception, 1 Sunday to 7 Saturday).")
    for exception in (node.find(_NS + "Exceptions") if has_exceptions else []):
        kind = text(exception, "Type", "1")
        label = text(exception, "Name") or "an exception"
        if kind != "1" or text(exception, "Period", "1") not in ("", "1"):
            raise PlanError(f"{file_name}: calendar {name!r}, exception {label!r}: a recurring "
                            f"exception of <Type> {kind} (weekly, monthly or yearly), which the "
                            "kit cannot express; enter those days as separate exceptions.")
        working = text(exception, "DayWorking") == "1"
        spans = _mspdi_times(exception, working, file_name, name, text)
        period = exception.find(_NS + "TimePeriod")
        if period is None:
            raise PlanError(f"{file_name}: calendar {name!r}, exception {label!r} has no "
                            "<TimePeriod>.")
        for date in _period_days(text(period, "FromDate"), text(period, "ToDate"), file_name,
                                 name):
            exceptions[date] = spans
    mask = "".join("1" if week[d] else "0" for d in ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat",
                                                      "Sun"))
    if mask == "0000000":
        raise PlanError(f"{file_name}: calendar {name!r} works no day of the week.")
    return Calendar(weekmask=mask, hours={d: _spans_text(s) for d, s in week.items() if s},
                    exceptions=exceptions, hours_per_day=hours_per_day, name=name)


def _parse_spans(text):
    spans = []
    for part in text.split():
        a, b = part.split("-")
        x = int(a[:2]) * 60 + int(a[3:5])
        y = int(b[:2]) * 60 + int(b[3:5])
        spans.append((x, y if y else 1440))
    return tuple(spans)


def _mspdi_times(node, working, file_name, name, text):
    if not working:
        return ""
    times = node.find(_NS + "WorkingTimes")
    spans = []
    for item in (times if times is not None else []):
        a, b = text(item, "FromTime")[:5], text(item, "ToTime")[:5]
        if a:
            spans.append(f"{a}-{'24:00' if b in ('', '00:00') else b}")
    return " ".join(spans) if spans else STANDARD_HOURS


def _period_days(start, end, file_name, name):
    try:
        first, last = pd.Timestamp(start).normalize(), pd.Timestamp(end).normalize()
    except (TypeError, ValueError):
        raise PlanError(f"{file_name}: calendar {name!r}: exception dates {start!r} to {end!r} "
                        "are not dates.") from None
    if (last - first).days > 3660:
        raise PlanError(f"{file_name}: calendar {name!r}: an exception of more than ten years "
                        f"({start} to {end}).")
    return [str(d.date()) for d in pd.date_range(first, last, freq="D")]


def _mspdi_lag(pred, succ, kind, value, lag_format, durations, hours_per_day, file_name):
    if lag_format in ("19", "20", "51", "52"):
        percent = value
        hours = durations[pred] * percent / 100
    else:
        percent = np.nan
        if lag_format in ("4", "6", "8", "10", "12", "36", "38", "40", "42", "44"):
            raise PlanError(f"{file_name}: the link {pred} -> {succ} has an elapsed lag "
                            f"(LagFormat {lag_format}), counted in calendar time, not working "
                            "time; the kit cannot express it: change it to a working-time lag.")
        hours = value / 600
    return {"predecessor": pred, "successor": succ, "type": kind, "lag": hours / hours_per_day,
            "lag_hours": hours, "lag_percent": percent}


def _iso_hours(value, file_name, label, element):
    match = re.fullmatch(r"-?P(?:(\d+(?:\.\d+)?)Y)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)D)?"
                         r"(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?",
                         value or "")
    if not match or match[1] or match[2]:
        raise PlanError(f"{file_name}: {label}: <{element}> {value!r} is not a duration such as "
                        "PT8H0M0S.")
    days, hours, minutes, seconds = (float(g) if g else 0.0 for g in match.groups()[2:])
    total = days * 24 + hours + minutes / 60 + seconds / 3600
    return -total if value.startswith("-") else total


def _local(tag):
    return tag.split("}", 1)[-1]


def _number(value, file_name, what):
    try:
        return float(value)
    except (TypeError, ValueError):
        raise PlanError(f"{file_name}: {what} is {value!r}, not a number.") from None


def _date(value, file_name, label):
    if value in ("", None):
        return pd.NaT
    try:
        return pd.Timestamp(value)
    except (TypeError, ValueError):
        raise PlanError(f"{file_name}: {label}: {value!r} is not a date and time such as "
                        "2026-03-02T08:00:00.") from None


def _tidy_ids(frame, notes):
    changed = []
    ids = []
    for task_id in frame["id"]:
        clean = re.sub(r"[\s,]+", "_", str(task_id).strip())
        if clean != task_id:
            changed.append(f"{task_id!r} -> {clean!r}")
        ids.append(clean)
    if changed:
        notes.append("ids with spaces or commas were joined with '_' (the kit's ids are single "
                     "words): " + ", ".join(changed[:5]) + (" ..." if len(changed) > 5 else ""))
        frame = frame.assign(id=ids)
    return frame


# --- XER -------------------------------------------------------------------------------


def _xer_tables(path, data, encoding):
    if encoding is None:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = data.decode("cp1252", errors="replace")
    else:
        try:
            text = data.decode(encoding)
        except (LookupError, UnicodeDecodeError) as error:
            raise PlanError(f"{path.name}: cannot decode the file as {encoding}: {error}.") \
                from None
    lines = text.splitlines()
    header = lines[0].split("\t") if lines else []
    tables, fields, current = {}, None, None
    ended = False
    for number, line in enumerate(lines[1:], start=2):
        if not line.strip():
            continue
        parts = line.split("\t")
        marker = parts[0]
        if marker == "%T":
            current = parts[1].strip() if len(parts) > 1 else ""
            tables[current] = []
            fields = None
        elif marker == "%F":
            if current is None:
                raise PlanError(f"{path.name}, line {number}: a %F line before any %T table.")
            fields = parts[1:]
        elif marker == "%R":
            if fields is None:
                raise PlanError(f"{path.name}, line {number}, table {current}: a %R row before "
                                "the table's %F field names.")
            values = parts[1:]
            if len(values) > len(fields):
                raise PlanError(f"{path.name}, line {number}, table {current}: {len(values)} "
                                f"values for {len(fields)} fields.")
            values += [""] * (len(fields) - len(values))
            tables[current].append(dict(zip(fields, values)))
        elif marker.strip() == "%E":
            ended = True
            break
        else:
            raise PlanError(f"{path.name}, line {number}: {marker[:20]!r} is not a line of an "
                            "XER file (%T, %F, %R or %E).")
    if not ended:
        raise PlanError(f"{path.name}: the file ends without its %E line: it is truncated "
                        f"(last table read: {current}); export it again from P6.")
    return header, tables


def _xer_day(serial, file_name, calendar):
    try:
        return str((pd.Timestamp("1899-12-30") + pd.Timedelta(days=int(serial))).date())
    except (TypeError, ValueError):
        raise PlanError(f"{file_name}, table CALENDAR, calendar {calendar!r}: exception day "
                        f"{serial!r} is not a day serial.") from None


def _clndr_tree(text):
    """Parse clndr_data's nested ``(0||key(attrs)(children))`` into (key, attrs, children)."""
    text = text.replace("\x7f", "")
    position = 0

    def node():
        nonlocal position
        if text[position] != "(":
            raise ValueError(position)
        end = text.index("(", position + 1)
        head = text[position + 1:end]
        key = head.split("||", 1)[1] if "||" in head else head
        close = text.index(")", end)
        attrs = text[end + 1:close]
        position = close + 1
        children = []
        if position < len(text) and text[position] == "(":
            position += 1
            while True:
                while position < len(text) and text[position] in " \t\r\n":
                    position += 1
                if text[position] == ")":
                    position += 1
                    break
                children.append(node())
        while position < len(text) and text[position] in " \t\r\n":
            position += 1
        if position < len(text) and text[position] == ")":
            position += 1
        return key, attrs, children

    while position < len(text) and text[position] != "(":
        position += 1
    return node()


def _xer_calendar(row, file_name, base=None):
    name = row.get("clndr_name", "") or f"calendar {row.get('clndr_id')}"
    declared = _number(row.get("day_hr_cnt") or "8", file_name, f"calendar {name!r} day_hr_cnt")
    data = row.get("clndr_data", "")
    order = ("Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat")
    week = {d: (base.week[d] if base is not None else ()) for d in order}
    exceptions = {str(k): _spans_text(v) for k, v in (base.exceptions.items() if base else [])}
    if data.strip():
        try:
            tree = _clndr_tree(data)
        except (ValueError, IndexError):
            raise PlanError(f"{file_name}, table CALENDAR, calendar {name!r}: cannot read "
                            "clndr_data (it is cut or garbled).") from None

        def spans_of(children):
            spans = []
            for _, attrs, _ in children:
                parts = attrs.split("|")
                values = dict(zip(parts[::2], parts[1::2]))
                if "s" in values and "f" in values:
                    end = values["f"] if values["f"] not in ("00:00", "24:00") else "24:00"
                    spans.append(f"{values['s']}-{end}")
            return " ".join(spans)

        for key, _, children in tree[2]:
            if key == "DaysOfWeek":
                for day, _, times in children:
                    if day not in ("1", "2", "3", "4", "5", "6", "7"):
                        raise PlanError(f"{file_name}, table CALENDAR, calendar {name!r}: "
                                        f"weekday {day!r}; valid: 1 (Sunday) to 7 (Saturday).")
                    week[order[int(day) - 1]] = _parse_spans(spans_of(times))
            elif key == "Exceptions":
                for _, attrs, times in children:
                    parts = attrs.split("|")
                    values = dict(zip(parts[::2], parts[1::2]))
                    if "d" not in values:
                        continue
                    exceptions[_xer_day(values["d"], file_name, name)] = spans_of(times)
    days = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
    mask = "".join("1" if week[d] else "0" for d in days)
    if mask == "0000000":
        raise PlanError(f"{file_name}, table CALENDAR, calendar {name!r} works no day of the week.")
    lengths = [sum(b - a for a, b in week[d]) / 60 for d in days if week[d]]
    uniform = max(set(lengths), key=lengths.count)
    calendar = Calendar(weekmask=mask, hours={d: _spans_text(week[d]) for d in days if week[d]},
                        exceptions=exceptions, hours_per_day=uniform, name=name)
    calendar.declared_hours_per_day = declared
    return calendar


def _read_xer(path, data, project, encoding):
    header, tables = _xer_tables(path, data, encoding)
    version = header[1] if len(header) > 1 else ""
    for table in ("PROJECT", "TASK", "CALENDAR"):
        if table not in tables:
            raise PlanError(f"{path.name}: the XER file has no {table} table; export the "
                            "project from P6 with its activities and calendars.")
    projects = [p for p in tables["PROJECT"] if p.get("project_flag", "Y") == "Y"]
    if not projects:
        raise PlanError(f"{path.name}, table PROJECT: no project row.")
    if project is None:
        if len(projects) > 1:
            raise PlanError(f"{path.name} holds {len(projects)} projects: "
                            + ", ".join(p.get("proj_short_name", p["proj_id"]) for p in projects)
                            + "; choose one with read_plan(path, project=...).")
        chosen = projects[0]
    else:
        matches = [p for p in projects if str(project) in (p.get("proj_short_name"),
                                                           p.get("proj_id"))]
        if not matches:
            raise PlanError(f"{path.name}: no project {project!r}; it holds "
                            + ", ".join(p.get("proj_short_name", p["proj_id"]) for p in projects)
                            + ".")
        chosen = matches[0]
    proj_id = chosen["proj_id"]
    notes = []

    # calendars (base calendars first, then the ones derived from them)
    rows = {c["clndr_id"]: c for c in tables["CALENDAR"]}
    by_id = {}

    def calendar_by_id(cid, stack=()):
        if cid in by_id:
            return by_id[cid]
        if cid not in rows:
            raise PlanError(f"{path.name}, table CALENDAR: calendar {cid} is used but not in the "
                            "file.")
        if cid in stack:
            raise PlanError(f"{path.name}, table CALENDAR: calendar {cid} is based on itself.")
        base_id = rows[cid].get("base_clndr_id", "")
        base = calendar_by_id(base_id, stack + (cid,)) if base_id and base_id in rows else None
        by_id[cid] = _xer_calendar(rows[cid], path.name, base)
        return by_id[cid]

    default = [c["clndr_id"] for c in tables["CALENDAR"] if c.get("default_flag") == "Y"]
    project_cid = chosen.get("clndr_id") or (default[0] if default else next(iter(rows)))
    project_calendar = calendar_by_id(project_cid)
    options_rows = [o for o in tables.get("SCHEDOPTIONS", []) if o.get("proj_id") == proj_id]
    options_row = options_rows[0] if options_rows else {}
    lag_rule = options_row.get("sched_calendar_on_relationship_lag", "rcal_Predecessor")
    options = {
        "retained_logic": options_row.get("sched_retained_logic", "Y") == "Y",
        "progress_override": options_row.get("sched_progress_override", "N") == "Y",
        "lag_calendar": {"rcal_Predecessor": "predecessor", "rcal_Successor": "successor",
                         "rcal_24Hour": "24 hours", "rcal_ProjDefault": "project"}.get(
                             lag_rule, "predecessor"),
        "float": options_row.get("sched_float_type", "FT_FF"),
        "critical_float_hours": _number(chosen.get("critical_drtn_hr_cnt") or "0", path.name,
                                        "critical_drtn_hr_cnt"),
    }
    # WBS
    wbs_rows = {w["wbs_id"]: w for w in tables.get("PROJWBS", []) if w.get("proj_id") == proj_id}

    def wbs_path(wid, depth=0):
        node = wbs_rows.get(wid)
        if node is None or node.get("proj_node_flag") == "Y" or depth > 50:
            return []
        return wbs_path(node.get("parent_wbs_id", ""), depth + 1) + [node.get("wbs_short_name", "")]

    outline = []
    for wid, node in wbs_rows.items():
        if node.get("proj_node_flag") == "Y":
            continue
        code = ".".join(wbs_path(wid))
        parent = ".".join(wbs_path(node.get("parent_wbs_id", "")))
        outline.append({"id": f"WBS {code}", "name": node.get("wbs_name", ""), "wbs": code,
                        "level": code.count(".") + 1, "parent": f"WBS {parent}" if parent else "",
                        "summary": True, "milestone": False})
    task_rows, saved = [], {}
    uid_to_id = {}
    skipped = {}
    for row in tables["TASK"]:
        if row.get("proj_id") != proj_id:
            continue
        code = row.get("task_code", "").strip() or row["task_id"]
        label = f"activity {code}" + (f" ({row.get('task_name')})" if row.get("task_name") else "")
        kind = row.get("task_type", "TT_Task")
        if kind in ("TT_LOE", "TT_WBS"):
            skipped[row["task_id"]] = code
            notes.append(f"{label} is a {'level of effort' if kind == 'TT_LOE' else 'WBS summary'}"
                         " activity, whose dates come from its links; it is left out of the "
                         "schedule.")
            continue
        cid = row.get("clndr_id") or project_cid
        calendar = calendar_by_id(cid)
        hours = _number(row.get("target_drtn_hr_cnt") or "0", path.name, f"{label} duration")
        remaining = _number(row.get("remain_drtn_hr_cnt") or "0", path.name,
                            f"{label} remaining duration")
        status = _XER_STATUS.get(row.get("status_code", "TK_NotStart"), "not started")
        constraint = _XER_CONSTRAINTS.get(row.get("cstr_type", ""))
        if constraint is None:
            raise PlanError(f"{path.name}, table TASK, {label}: constraint "
                            f"{row.get('cstr_type')!r} is not one the kit knows; valid: "
                            + ", ".join(k for k in _XER_CONSTRAINTS if k) + ".")
        if row.get("cstr_type2"):
            notes.append(f"{label} has a secondary constraint ({row['cstr_type2']}), which the "
                         "kit does not apply.")
        milestone = kind in ("TT_Mile", "TT_FinMile")
        uid_to_id[row["task_id"]] = code
        wbs = ".".join(wbs_path(row.get("wbs_id", "")))
        task_rows.append({
            "id": code, "name": row.get("task_name", "").strip(), "wbs": wbs,
            "parent": f"WBS {wbs}" if wbs else "",
            "duration": hours / calendar.hours_per_day, "duration_hours": hours,
            "calendar": calendar.name, "milestone": milestone, "constraint": constraint,
            "constraint_date": _date(row.get("cstr_date"), path.name, label)
            if constraint not in ("ASAP", "ALAP") else pd.NaT,
            "status": status,
            "actual_start": _date(row.get("act_start_date"), path.name, label),
            "actual_finish": _date(row.get("act_end_date"), path.name, label),
            "remaining_hours": remaining,
            "percent_complete": _number(row.get("phys_complete_pct") or "0", path.name, label),
            "manual": False,
            "kind": {"TT_Mile": "start milestone", "TT_FinMile": "finish milestone"}.get(
                kind, "task"),
            "resource_dependent": kind == "TT_Rsrc",
        })
        float_hours = row.get("total_float_hr_cnt", "")
        saved[code] = {
            "early_start": _date(row.get("early_start_date"), path.name, label),
            "early_finish": _date(row.get("early_end_date"), path.name, label),
            "late_start": _date(row.get("late_start_date"), path.name, label),
            "late_finish": _date(row.get("late_end_date"), path.name, label),
            "total_float_hours": _number(float_hours, path.name, label) if float_hours else np.nan,
            "total_float": (_number(float_hours, path.name, label) / calendar.hours_per_day)
            if float_hours else np.nan,
            "free_float": (_number(row.get("free_float_hr_cnt"), path.name, label)
                           / calendar.hours_per_day) if row.get("free_float_hr_cnt") else np.nan,
            "critical": bool(float_hours) and _number(float_hours, path.name, label)
            <= options["critical_float_hours"] + _EPS,
        }
    if not task_rows:
        raise PlanError(f"{path.name}, table TASK: project {chosen.get('proj_short_name')} has "
                        "no activity.")
    resource_dependent = [r["id"] for r in task_rows if r.pop("resource_dependent")]
    if resource_dependent:
        notes.append(f"{len(resource_dependent)} resource-dependent activities are scheduled on "
                     "their activity calendar (P6 uses their resources' calendars): "
                     + ", ".join(resource_dependent[:10]) + ".")
    calendar_of = {r["id"]: _calendar_named(by_id, r["calendar"]) for r in task_rows}
    link_rows = []
    for row in tables.get("TASKPRED", []):
        succ_uid, pred_uid = row.get("task_id"), row.get("pred_task_id")
        if row.get("proj_id", proj_id) != proj_id and succ_uid not in uid_to_id:
            continue
        if succ_uid in skipped or pred_uid in skipped:
            continue
        if succ_uid not in uid_to_id:
            continue  # a link of another project of the file
        succ = uid_to_id[succ_uid]
        if pred_uid not in uid_to_id:
            if row.get("pred_proj_id") and row.get("pred_proj_id") != proj_id:
                notes.append(f"activity {succ}: its predecessor {pred_uid} is in another project "
                             f"({row.get('pred_proj_id')}); that link is left out.")
                continue
            raise PlanError(f"{path.name}, table TASKPRED: activity {succ} has predecessor "
                            f"task_id {pred_uid}, which is not an activity of the file.")
        pred = uid_to_id[pred_uid]
        kind = row.get("pred_type", "PR_FS").replace("PR_", "")
        if kind not in LINK_TYPES:
            raise PlanError(f"{path.name}, table TASKPRED: the link {pred} -> {succ} has "
                            f"pred_type {row.get('pred_type')!r}; valid: PR_FS, PR_SS, PR_FF, "
                            "PR_SF.")
        lag_hours = _number(row.get("lag_hr_cnt") or "0", path.name,
                            f"the link {pred} -> {succ} lag_hr_cnt")
        lag_calendar = {"predecessor": calendar_of[pred], "successor": calendar_of[succ],
                        "project": project_calendar}.get(options["lag_calendar"])
        per_day = 24.0 if lag_calendar is None else lag_calendar.hours_per_day
        link_rows.append({"predecessor": pred, "successor": succ, "type": kind,
                          "lag": lag_hours / per_day, "lag_hours": lag_hours,
                          "lag_percent": np.nan})
    task_frame = _tidy_ids(pd.DataFrame(task_rows), notes)
    if len(task_frame) != len(set(task_frame["id"])):
        duplicated = task_frame["id"][task_frame["id"].duplicated()].iloc[0]
        raise PlanError(f"{path.name}, table TASK: activity id {duplicated!r} appears twice in "
                        "the project; activity ids must be unique.")
    link_frame = pd.DataFrame(link_rows, columns=_LINK_COLUMNS)
    link_frame["predecessor"] = link_frame["predecessor"].map(
        lambda t: re.sub(r"[\s,]+", "_", t.strip()))
    link_frame["successor"] = link_frame["successor"].map(
        lambda t: re.sub(r"[\s,]+", "_", t.strip()))
    outline += [{"id": r["id"], "name": r["name"], "wbs": r["wbs"],
                 "level": (r["wbs"].count(".") + 2) if r["wbs"] else 1, "parent": r["parent"],
                 "summary": False, "milestone": r["milestone"]} for r in task_frame.to_dict("records")]
    outline_frame = pd.DataFrame(outline, columns=["id", "name", "wbs", "level", "parent",
                                                   "summary", "milestone"])
    outline_frame = outline_frame.sort_values(["wbs", "summary"], ascending=[True, False],
                                              kind="stable").reset_index(drop=True)
    start = _date(chosen.get("plan_start_date"), path.name, "the project")
    data_date = _date(chosen.get("last_recalc_date"), path.name, "the project")
    saved_frame = pd.DataFrame.from_dict(saved, orient="index", columns=_SAVED_COLUMNS)
    saved_frame.index = [re.sub(r"[\s,]+", "_", str(i).strip()) for i in saved_frame.index]
    saved_frame.index.name = "id"
    calendars = {}
    for cal in by_id.values():
        calendars.setdefault(cal.name, cal)
    if options["progress_override"]:
        notes.append("the project schedules progress with progress override.")
    options["planned_start"] = start
    return Plan(name=chosen.get("proj_short_name", "") or path.stem, tasks=task_frame,
                links=link_frame, start=project_calendar.next_working_time(start),
                calendar=project_calendar, source=str(path), format="XER",
                software=f"Primavera P6 (XER {version})" if version else "Primavera P6",
                outline=outline_frame, calendars=calendars,
                data_date=None if pd.isna(data_date) else data_date, saved=saved_frame,
                notes=notes, options=options)


def _calendar_named(by_id, name):
    for cal in by_id.values():
        if cal.name == name:
            return cal
    raise PlanError(f"calendar {name!r} is not in the plan.")


# --- scheduling in working time -----------------------------------------------------------

_PROGRESS = ("retained logic", "progress override")


def schedule_plan(plan, progress=None, data_date=None):
    """Schedule a :class:`Plan` in working time, task by task on its own calendar.

    The critical path method of :func:`pmo_lessons.schedule.cpm` (same link types, lags and
    passes), counted in working minutes of each task's calendar rather than in whole days, with
    what real plans add:

    * **calendars**: each task on its own (24-hour, 7-day, short days, night shifts); a lag is
      counted on the predecessor's calendar (P6's default; the plan's ``options`` may say
      otherwise), a float on the task's own;
    * **date constraints** (:data:`CONSTRAINTS`): SNET and FNET push the early dates, SNLT and FNLT
      pull the late dates (float may go negative), MSO and MFO fix both, ALAP places the task at
      its late dates;
    * **progress at the data date** (``data_date``, by default the plan's): a complete task keeps
      its actual dates; the remaining work of a task in progress, and every task not started,
      is scheduled from the data date. ``progress="retained logic"`` (P6's default) keeps the
      remaining work of a started task after its unfinished predecessors; ``"progress
      override"`` lets it go on from the data date whatever its predecessors. Without a data
      date, a started task keeps its actual start and its duration (MS Project's way);
    * **manual tasks** stay where the planner put them (MS Project does not move them); they
      still drive their successors.

    Returns a DataFrame indexed by task id, in the order of ``plan.tasks``: ``early_start``,
    ``early_finish``, ``late_start``, ``late_finish`` (Timestamps; for a task in progress with a
    data date the early start is that of its remaining work, as P6 reports it), ``total_float``
    (working days of the task's calendar: late finish minus early finish, and for MS Project
    plans the smaller of that and late start minus early start, as MS Project counts it),
    ``total_float_hours``, ``free_float`` (days), ``critical``, ``status``, and ``es``, ``ef``,
    ``ls``, ``lf`` in working days of the project calendar from ``plan.start`` (the periods of
    :func:`pmo_lessons.schedule.cpm`). Sources: PMI, *Practice Standard for Scheduling* (3rd ed.,
    2019), sections 4.7 (CPM) and 6.4 (constraints, progress); Oracle, *P6 EPPM Help*,
    "Schedule options" (retained logic, progress override, lag calendar).

    >>> import pandas as pd
    >>> tasks = pd.DataFrame({"id": ["A", "B"], "duration": [2, 1], "predecessors": ["", "A"],
    ...                       "constraint": ["ASAP", "SNET"],
    ...                       "constraint_date": [None, "2026-03-09 08:00"]})
    >>> plan = plan_from_tasks(tasks, start="2026-03-02")
    >>> schedule_plan(plan)[["early_start", "early_finish", "total_float"]]
               early_start        early_finish  total_float
    id
    A  2026-03-02 08:00:00 2026-03-03 17:00:00          3.0
    B  2026-03-09 08:00:00 2026-03-09 17:00:00          0.0
    """
    if progress is None:
        progress = "progress override" if plan.options.get("progress_override") else \
            "retained logic"
    if progress not in _PROGRESS:
        raise PlanError(f"progress is {progress!r}; valid: {', '.join(map(repr, _PROGRESS))}.")
    data_date = plan.data_date if data_date is None else pd.Timestamp(data_date)
    tasks = plan.tasks
    require_columns(tasks, ["id", "duration_hours", "calendar", "kind"], "plan.tasks", PlanError)
    ids = tasks["id"].astype(str).tolist()
    row = {r["id"]: r for r in tasks.to_dict("records")}
    cal = {t: plan.calendars.get(row[t]["calendar"], plan.calendar) for t in ids}
    links = [Link(r.predecessor, r.successor, r.type, r.lag_hours if "lag_hours" in plan.links
                  and not pd.isna(r.lag_hours) else r.lag * plan.calendar.hours_per_day)
             for r in plan.links.itertuples()]
    _check_links(plan.links, set(ids), f"plan {plan.name}")
    order = topological_order(ids, links)
    preds = {t: [] for t in ids}
    succs = {t: [] for t in ids}
    for link in links:
        preds[link.successor].append(link)
        succs[link.predecessor].append(link)
    lag_rule = plan.options.get("lag_calendar", "predecessor")
    day24 = Calendar(weekmask="1111111", hours="00:00-24:00", name="24 hours")

    def lag_calendar(link):
        return {"predecessor": cal[link.predecessor], "successor": cal[link.successor],
                "project": plan.calendar, "24 hours": day24}.get(lag_rule, cal[link.predecessor])

    def shift(calendar, moment, hours):
        return calendar.add_work(moment, hours) if abs(hours) > _EPS else moment

    def status_of(t):
        r = row[t]
        if r.get("status") == "complete" and not pd.isna(r.get("actual_finish", pd.NaT)):
            return "complete"
        if r.get("status") in ("in progress", "complete") and not pd.isna(
                r.get("actual_start", pd.NaT)):
            return "in progress"
        return "not started"

    status = {t: status_of(t) for t in ids}
    origin = plan.start if data_date is None else max(plan.start, data_date)
    es, ef, logic_start, logic_finish = {}, {}, {}, {}
    remaining = {}
    notes = []
    for t in order:
        r, c = row[t], cal[t]
        hours = float(r["remaining_hours"]) if status[t] != "not started" or not pd.isna(
            r.get("remaining_hours", np.nan)) else float(r["duration_hours"])
        if status[t] == "not started" and pd.isna(r.get("remaining_hours", np.nan)):
            hours = float(r["duration_hours"])
        remaining[t] = max(hours, 0.0) if status[t] != "complete" else 0.0
        if status[t] == "complete":
            es[t], ef[t] = r["actual_start"], r["actual_finish"]
            logic_start[t], logic_finish[t] = es[t], ef[t]
            continue
        starts, finishes = [], []
        for link in preds[t]:
            p = link.predecessor
            lc = lag_calendar(link)
            if link.type == "FS":
                starts.append(shift(lc, logic_finish[p], link.lag))
            elif link.type == "SS":
                starts.append(shift(lc, logic_start[p], link.lag))
            elif link.type == "FF":
                finishes.append(shift(lc, logic_finish[p], link.lag))
            else:
                finishes.append(shift(lc, logic_start[p], link.lag))
        constraint = r.get("constraint", "ASAP")
        date = r.get("constraint_date", pd.NaT)
        if status[t] == "in progress":
            actual = r["actual_start"]
            if data_date is None:
                es[t] = actual
                ef[t] = shift(c, c.next_working_time(actual), float(r["duration_hours"]))
                logic_start[t], logic_finish[t] = actual, ef[t]
                continue
            begin = c.next_working_time(data_date)
            if progress == "retained logic":
                # the remaining work waits for what must finish first (SS links are met: it began)
                for link in preds[t]:
                    if link.type == "FS" and status[link.predecessor] != "complete":
                        begin = max(begin, c.next_working_time(
                            shift(lag_calendar(link), logic_finish[link.predecessor], link.lag)))
                for moment in finishes:
                    begin = max(begin, c.add_work(c.previous_working_time(moment),
                                                  -remaining[t]) if remaining[t] else moment)
            es[t] = begin
            ef[t] = shift(c, begin, remaining[t])
            logic_start[t], logic_finish[t] = actual, ef[t]
            continue
        if r.get("manual"):
            es[t] = r["manual_start"]
            ef[t] = r["manual_finish"]
            logic_start[t], logic_finish[t] = es[t], ef[t]
            continue
        d = remaining[t]
        kind = r.get("kind", "task")
        if constraint in ("SNET", "MSO") and not pd.isna(date):
            starts.append(date)
        if constraint in ("FNET", "MFO") and not pd.isna(date):
            finishes.append(date)
        if kind == "start milestone" and d == 0 and not preds[t] and constraint == "ASAP" \
                and "planned_start" in plan.options:
            # P6 dates a start milestone with no predecessor at the project's start as entered,
            # even before the calendar's first working minute
            moment = plan.options["planned_start"]
            if data_date is not None:
                moment = max(moment, data_date)
            es[t] = ef[t] = moment
        elif kind == "finish milestone" and d == 0:
            moment = max([origin] + starts + finishes)
            if constraint == "MSO" and not pd.isna(date):
                moment = date
            es[t] = ef[t] = moment
        else:
            begin = c.next_working_time(origin)
            for moment in starts:
                begin = max(begin, c.next_working_time(moment))
            for moment in finishes:
                begin = max(begin, c.next_working_time(
                    c.add_work(c.previous_working_time(moment), -d) if d else moment))
            if constraint == "MSO" and not pd.isna(date):
                begin = c.next_working_time(date)
            if constraint == "MFO" and not pd.isna(date):
                begin = c.add_work(c.previous_working_time(date), -d) if d else date
            es[t] = begin
            # a finish pushed by an FF or SF link (or FNET) falls where the link puts it, even
            # at the start of a working day, as both MS Project and P6 date it
            ef[t] = max([shift(c, begin, d)] + finishes)
        logic_start[t], logic_finish[t] = es[t], ef[t]

    project_finish = max(ef.values())
    ls, lf = {}, {}
    for t in reversed(order):
        r, c = row[t], cal[t]
        d = remaining[t]
        finish = project_finish
        if status[t] == "complete" and plan.format == "MSPDI":
            # MS Project: finished work is late when it was done, with no float
            ls[t], lf[t] = es[t], ef[t]
            continue
        if status[t] == "complete":
            # P6 carries late dates back through finished work, without lags
            finish = project_finish
            for link in succs[t]:
                s = link.successor
                base = ls[s] if link.type in ("FS", "SS") else lf[s]
                finish = min(finish, base)
            lf[t] = ls[t] = finish
            continue
        held = False  # the finish is held by a manual successor, which does not move
        for link in succs[t]:
            s = link.successor
            if status[s] == "complete":
                continue
            lc = lag_calendar(link)
            manual = bool(row[s].get("manual")) and status[t] == "not started"
            late_start = es[s] if manual else ls[s]
            late_finish = ef[s] if manual else lf[s]
            if link.type == "FS":
                bound = shift(lc, late_start, -link.lag)
            elif link.type == "FF":
                bound = shift(lc, late_finish, -link.lag)
            else:
                base = late_start if link.type == "SS" else late_finish
                latest_start = shift(lc, base, -link.lag)
                bound = shift(c, latest_start, d) if d else latest_start
            if bound < finish:
                finish, held = bound, manual
            elif bound == finish:
                held = held or manual
        constraint = r.get("constraint", "ASAP")
        date = r.get("constraint_date", pd.NaT)
        if constraint in ("FNLT", "MFO") and not pd.isna(date):
            finish = min(finish, date)
        if constraint in ("SNLT", "MSO") and not pd.isna(date):
            finish = min(finish, shift(c, c.next_working_time(date), d) if d else date)
        if status[t] == "complete":
            lf[t] = ls[t] = finish
            continue
        if r.get("manual") and finish < ef[t]:
            # MS Project shows no negative float on a manual task that overlaps its successor
            finish = ef[t]
        elif (d > 0 or (r.get("kind") == "finish milestone" and plan.format == "XER")) \
                and not held and not r.get("manual"):
            finish = c.previous_working_time(finish)
        lf[t] = finish
        ls[t] = shift(c, finish, -d) if d else (finish if r.get("kind") == "finish milestone"
                                                 else c.next_working_time(finish))
        if d == 0 and r.get("kind") == "start milestone":
            lf[t] = ls[t]
        if constraint == "ALAP" and status[t] == "not started" and not r.get("manual"):
            es[t], ef[t] = ls[t], lf[t]

    float_rule = plan.options.get("float", "FT_FF" if plan.format == "XER" else "smallest")
    threshold = float(plan.options.get("critical_float_hours", 0.0))
    result = []
    hpd = plan.calendar.hours_per_day
    for t in ids:
        c = cal[t]
        if status[t] == "complete":
            total = 0.0 if plan.format == "MSPDI" else np.nan
            free = total
        else:
            finish_float = c.work_between(ef[t], lf[t])
            start_float = c.work_between(es[t], ls[t])
            total = {"FT_FF": finish_float, "FT_SF": start_float}.get(
                float_rule, min(finish_float, start_float))
            free = c.work_between(ef[t], project_finish)
            for link in succs[t]:
                s = link.successor
                if status[s] == "complete":
                    continue
                lc = lag_calendar(link)
                if link.type == "FS":
                    free = min(free, c.work_between(ef[t], shift(lc, es[s], -link.lag)))
                elif link.type == "SS":
                    free = min(free, c.work_between(logic_start[t], shift(lc, es[s], -link.lag)))
                elif link.type == "FF":
                    free = min(free, c.work_between(ef[t], shift(lc, ef[s], -link.lag)))
                else:
                    free = min(free, c.work_between(logic_start[t], shift(lc, ef[s], -link.lag)))
        result.append({
            "id": t, "status": status[t],
            "early_start": es[t], "early_finish": ef[t], "late_start": ls[t], "late_finish": lf[t],
            "total_float_hours": _round(total), "total_float": _round(total / c.hours_per_day),
            "free_float": _round(free / c.hours_per_day),
            "critical": bool(not np.isnan(total) and total <= threshold + _EPS),
            "es": _round(plan.calendar.work_between(plan.start, es[t]) / hpd),
            "ef": _round(plan.calendar.work_between(plan.start, ef[t]) / hpd),
            "ls": _round(plan.calendar.work_between(plan.start, ls[t]) / hpd),
            "lf": _round(plan.calendar.work_between(plan.start, lf[t]) / hpd),
        })
    frame = pd.DataFrame(result).set_index("id")
    frame.attrs["notes"] = notes
    return frame


def _round(value):
    return value if np.isnan(value) else round(float(value), 6) + 0.0


def compare_schedule(plan, schedule=None, tolerance_minutes=1, tolerance_days=0.001):
    """The kit's schedule beside the dates and floats the software saved in the file, task by task.

    ``schedule`` is the result of :func:`schedule_plan` (computed when not given). Returns a
    DataFrame indexed by task id with, for ``early_start``, ``early_finish``, ``late_finish`` and
    ``total_float``, the kit's value (``kit_...``), the software's (``saved_...``) and whether they
    agree (``..._ok``: dates within ``tolerance_minutes``, floats within ``tolerance_days``), and
    ``agrees`` for all four. A value the software did not save (P6 saves no float for a finished
    activity) counts as agreeing, and so do the early dates of a complete task, which P6 saves
    as the data date.

    >>> import pandas as pd
    >>> plan = plan_from_tasks(pd.DataFrame({"id": ["A"], "duration": [1]}), start="2026-03-02")
    >>> compare_schedule(plan).empty     # a kit plan has no saved values to compare with
    True
    """
    schedule = schedule_plan(plan) if schedule is None else schedule
    saved = plan.saved if plan.saved is not None else _empty_saved()
    rows = []
    for task_id in schedule.index:
        if task_id not in saved.index:
            continue
        mine, theirs = schedule.loc[task_id], saved.loc[task_id]
        row = {"id": task_id, "status": mine["status"]}
        ok_all = True
        for column in ("early_start", "early_finish", "late_finish", "total_float"):
            a, b = mine[column], theirs[column]
            if pd.isna(b) or (column in ("early_start", "early_finish")
                              and mine["status"] == "complete"):
                ok = True
            elif column == "total_float":
                ok = not pd.isna(a) and abs(float(a) - float(b)) <= tolerance_days
            else:
                ok = not pd.isna(a) and abs((pd.Timestamp(a) - pd.Timestamp(b)).total_seconds()) \
                    <= tolerance_minutes * 60
            row[f"kit_{column}"], row[f"saved_{column}"], row[f"{column}_ok"] = a, b, ok
            ok_all &= ok
        row["agrees"] = ok_all
        rows.append(row)
    columns = ["id", "status"] + [f"{w}_{c}" for c in ("early_start", "early_finish",
                                                       "late_finish", "total_float")
                                  for w in ("kit", "saved")] + [
        f"{c}_ok" for c in ("early_start", "early_finish", "late_finish", "total_float")] + [
        "agrees"]
    frame = pd.DataFrame(rows, columns=columns).set_index("id")
    return frame


# --- writing ------------------------------------------------------------------------------

_KIT_ID_FIELD = "188743731"  # MS Project's custom field Text1, which holds the kit's task ids
_KIT_ID_ALIAS = "Kit task id"
_CODE_OF_TYPE = {v: k for k, v in _MSPDI_LINK_TYPES.items()}
_CODE_OF_CONSTRAINT = {v: k for k, v in _MSPDI_CONSTRAINTS.items()}


def _iso_duration(hours):
    minutes = int(round(float(hours) * 60))
    sign = "-" if minutes < 0 else ""
    minutes = abs(minutes)
    return f"{sign}PT{minutes // 60}H{minutes % 60}M0S"


def _iso_date(value):
    return "" if pd.isna(value) else f"{pd.Timestamp(value):%Y-%m-%dT%H:%M:%S}"


def write_mspdi(plan, path, schedule=None):
    """Write a :class:`Plan` as an MS Project XML file (MSPDI) and return its path.

    MS Project (*File > Open*, type XML) and ProjectLibre open it; :func:`read_plan` reads it
    back with the same tasks, links, calendars and progress. Dates, floats and the critical flag
    come from ``schedule`` (a :func:`schedule_plan` result, e.g. after levelling), computed when
    not given. Task ids that are not whole numbers (the kit's ``ERP-01``) are written in the
    custom field Text1, named "Kit task id", and the tasks numbered 1, 2, ... as MS Project
    needs; links become ``PredecessorLink`` elements (type codes 0=FF 1=FS 2=SF 3=SS, lags in
    tenths of a minute, ``LagFormat`` 7 for days or 19 for a percentage).

    >>> import tempfile, os, pandas as pd
    >>> plan = plan_from_tasks(pd.DataFrame({"id": ["ERP-01", "ERP-02"], "duration": [2, 3],
    ...                        "predecessors": ["", "ERP-01 SS+1"]}), start="2026-03-02")
    >>> path = write_mspdi(plan, os.path.join(tempfile.mkdtemp(), "erp.xml"))
    >>> read_plan(path).tasks["id"].tolist()
    ['ERP-01', 'ERP-02']
    """
    schedule = schedule_plan(plan) if schedule is None else schedule
    tasks = plan.tasks
    numeric = all(re.fullmatch(r"[1-9]\d{0,8}", str(t)) for t in tasks["id"])
    uid_of = {t: (str(t) if numeric else str(n)) for n, t in enumerate(tasks["id"], start=1)}
    calendars = [plan.calendar] + [c for name, c in plan.calendars.items()
                                   if c is not plan.calendar and name in set(tasks["calendar"])]
    calendar_uid = {c.name: str(n) for n, c in enumerate(calendars, start=1)}
    minutes_per_day = int(round(plan.calendar.hours_per_day * 60))

    root = ET.Element("Project", xmlns="http://schemas.microsoft.com/project")

    def sub(parent, tag, value):
        element = ET.SubElement(parent, tag)
        element.text = str(value)
        return element

    sub(root, "SaveVersion", 14)
    sub(root, "Name", Path(str(path)).name)
    sub(root, "Title", plan.name)
    sub(root, "ScheduleFromStart", 1)
    sub(root, "StartDate", _iso_date(plan.start))
    sub(root, "FinishDate", _iso_date(schedule["early_finish"].max()))
    sub(root, "CalendarUID", 1)
    sub(root, "MinutesPerDay", minutes_per_day)
    sub(root, "MinutesPerWeek", minutes_per_day * 5)
    sub(root, "DaysPerMonth", 20)
    sub(root, "DurationFormat", 7)
    sub(root, "HonorConstraints", 1 if plan.options.get("honor_constraints") else 0)
    if plan.data_date is not None:
        sub(root, "StatusDate", _iso_date(plan.data_date))
    if not numeric:
        attributes = ET.SubElement(root, "ExtendedAttributes")
        attribute = ET.SubElement(attributes, "ExtendedAttribute")
        sub(attribute, "FieldID", _KIT_ID_FIELD)
        sub(attribute, "FieldName", "Text1")
        sub(attribute, "Alias", _KIT_ID_ALIAS)
    calendars_node = ET.SubElement(root, "Calendars")
    for calendar in calendars:
        node = ET.SubElement(calendars_node, "Calendar")
        sub(node, "UID", calendar_uid[calendar.name])
        sub(node, "Name", calendar.name)
        sub(node, "IsBaseCalendar", 1)
        sub(node, "BaseCalendarUID", -1)
        weekdays = ET.SubElement(node, "WeekDays")
        for number, day in enumerate(("Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"), start=1):
            weekday = ET.SubElement(weekdays, "WeekDay")
            sub(weekday, "DayType", number)
            _write_times(weekday, calendar.week[day], sub)
        if calendar.exceptions:
            exceptions = ET.SubElement(node, "Exceptions")
            for date, spans in sorted(calendar.exceptions.items()):
                exception = ET.SubElement(exceptions, "Exception")
                sub(exception, "EnteredByOccurrences", 0)
                period = ET.SubElement(exception, "TimePeriod")
                sub(period, "FromDate", f"{date}T00:00:00")
                sub(period, "ToDate", f"{date}T23:59:00")
                sub(exception, "Occurrences", 1)
                sub(exception, "Name", "day off" if not spans else "working day")
                sub(exception, "Type", 1)
                _write_times(exception, spans, sub)
    tasks_node = ET.SubElement(root, "Tasks")
    preds = {t: [] for t in tasks["id"]}
    for link in plan.links.itertuples():
        preds[link.successor].append(link)
    durations = dict(zip(tasks["id"], tasks["duration_hours"]))
    for number, task in enumerate(tasks.to_dict("records"), start=1):
        t = task["id"]
        node = ET.SubElement(tasks_node, "Task")
        sub(node, "UID", uid_of[t])
        sub(node, "ID", number)
        sub(node, "Name", task.get("name") or t)
        sub(node, "Active", 1)
        sub(node, "Manual", 1 if task.get("manual") else 0)
        sub(node, "Type", 1)
        sub(node, "IsNull", 0)
        sub(node, "WBS", task.get("wbs") or number)
        sub(node, "OutlineNumber", number)
        sub(node, "OutlineLevel", 1)
        row = schedule.loc[t]
        start = task["actual_start"] if not pd.isna(task.get("actual_start", pd.NaT)) else \
            row["early_start"]
        sub(node, "Start", _iso_date(start))
        sub(node, "Finish", _iso_date(row["early_finish"]))
        sub(node, "Duration", _iso_duration(task["duration_hours"]))
        if task.get("manual"):
            sub(node, "ManualStart", _iso_date(task.get("manual_start", start)))
            sub(node, "ManualFinish", _iso_date(task.get("manual_finish", row["early_finish"])))
        sub(node, "DurationFormat", 7)
        sub(node, "Milestone", 1 if task.get("milestone") else 0)
        sub(node, "Summary", 0)
        sub(node, "Critical", 1 if row["critical"] else 0)
        sub(node, "EarlyStart", _iso_date(row["early_start"]))
        sub(node, "EarlyFinish", _iso_date(row["early_finish"]))
        sub(node, "LateStart", _iso_date(row["late_start"]))
        sub(node, "LateFinish", _iso_date(row["late_finish"]))
        total = 0.0 if pd.isna(row["total_float_hours"]) else row["total_float_hours"]
        free = 0.0 if pd.isna(row["free_float"]) else row["free_float"] * \
            plan.calendar_of(t).hours_per_day
        sub(node, "FreeSlack", int(round(free * 600)))
        sub(node, "TotalSlack", int(round(total * 600)))
        sub(node, "PercentComplete", int(round(float(task.get("percent_complete") or 0))))
        if not pd.isna(task.get("actual_start", pd.NaT)):
            sub(node, "ActualStart", _iso_date(task["actual_start"]))
        if not pd.isna(task.get("actual_finish", pd.NaT)):
            sub(node, "ActualFinish", _iso_date(task["actual_finish"]))
        sub(node, "RemainingDuration", _iso_duration(task.get("remaining_hours",
                                                              task["duration_hours"])))
        # elements in the order of the MSPDI schema's sequence, which MS Project checks
        sub(node, "ConstraintType", _CODE_OF_CONSTRAINT.get(task.get("constraint") or "ASAP", 0))
        own = task["calendar"]
        sub(node, "CalendarUID", calendar_uid[own] if own != plan.calendar.name else -1)
        if not pd.isna(task.get("constraint_date", pd.NaT)):
            sub(node, "ConstraintDate", _iso_date(task["constraint_date"]))
        sub(node, "IgnoreResourceCalendar", 1)
        for link in preds[t]:
            element = ET.SubElement(node, "PredecessorLink")
            sub(element, "PredecessorUID", uid_of[link.predecessor])
            sub(element, "Type", _CODE_OF_TYPE[link.type])
            sub(element, "CrossProject", 0)
            percent = getattr(link, "lag_percent", np.nan)
            if not pd.isna(percent):
                sub(element, "LinkLag", int(round(percent)))
                sub(element, "LagFormat", 19)
            else:
                hours = link.lag_hours if not pd.isna(getattr(link, "lag_hours", np.nan)) \
                    else link.lag * plan.calendar.hours_per_day
                sub(element, "LinkLag", int(round(hours * 600)))
                sub(element, "LagFormat", 7)
        if not numeric:
            attribute = ET.SubElement(node, "ExtendedAttribute")
            sub(attribute, "FieldID", _KIT_ID_FIELD)
            sub(attribute, "Value", t)
    del durations
    ET.indent(root, space="  ")
    data = b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' + ET.tostring(
        root, encoding="utf-8") + b"\n"
    Path(path).write_bytes(data)
    return str(path)


def _write_times(parent, spans, sub):
    sub(parent, "DayWorking", 1 if spans else 0)
    if spans:
        times = ET.SubElement(parent, "WorkingTimes")
        for a, b in spans:
            working = ET.SubElement(times, "WorkingTime")
            sub(working, "FromTime", f"{a // 60:02d}:{a % 60:02d}:00")
            sub(working, "ToTime", "00:00:00" if b == 1440 else f"{b // 60:02d}:{b % 60:02d}:00")


def write_xer(plan, path, schedule=None):
    """Write a :class:`Plan` as a Primavera P6 XER file (tab-separated tables) and return its path.

    The tables P6 needs to import a schedule: ``PROJECT``, ``CALENDAR`` (``clndr_data`` with
    weekdays from Sunday and exception dates as day serials from 1899-12-30), ``PROJWBS`` (one
    node), ``TASK`` (hours, status, actual dates, constraints, the schedule's dates and float)
    and ``TASKPRED`` (``PR_FS`` ..., lags in hours), in Windows-1252 as P6 writes them.
    :func:`read_plan` reads it back with the same tasks, links and calendars.

    >>> import tempfile, os, pandas as pd
    >>> plan = plan_from_tasks(pd.DataFrame({"id": ["A", "B"], "duration": [2, 3],
    ...                        "predecessors": ["", "A FF+1"]}), start="2026-03-02")
    >>> again = read_plan(write_xer(plan, os.path.join(tempfile.mkdtemp(), "ab.xer")))
    >>> again.links[["predecessor", "successor", "type", "lag"]].values.tolist()
    [['A', 'B', 'FF', 1.0]]
    """
    schedule = schedule_plan(plan) if schedule is None else schedule
    tasks = plan.tasks
    calendars = [plan.calendar] + [c for name, c in plan.calendars.items()
                                   if c is not plan.calendar and name in set(tasks["calendar"])]
    cid = {c.name: str(100 + n) for n, c in enumerate(calendars)}
    lines = ["ERMHDR\t8.0\t" + f"{plan.start:%Y-%m-%d}" + "\tProject\tkit\tkit\tdbxDatabaseNoName"
             "\tProject Management\tEUR"]

    def table(name, fields, rows):
        lines.append(f"%T\t{name}")
        lines.append("%F\t" + "\t".join(fields))
        for row in rows:
            lines.append("%R\t" + "\t".join(str(row.get(f, "")) for f in fields))

    def when(value):
        return "" if pd.isna(value) else f"{pd.Timestamp(value):%Y-%m-%d %H:%M}"

    table("PROJECT", ["proj_id", "proj_short_name", "clndr_id", "plan_start_date",
                      "last_recalc_date", "project_flag", "critical_drtn_hr_cnt"],
          [{"proj_id": 1, "proj_short_name": plan.name, "clndr_id": cid[plan.calendar.name],
            "plan_start_date": when(plan.options.get("planned_start", plan.start)),
            "last_recalc_date": when(plan.data_date if plan.data_date is not None
                                     else plan.start),
            "project_flag": "Y", "critical_drtn_hr_cnt": 0}])
    rows = []
    for calendar in calendars:
        days = []
        for number, day in enumerate(("Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"), start=1):
            spans = "".join(f"(0||{i}(s|{a // 60:02d}:{a % 60:02d}|f|"
                            f"{'00:00' if b == 1440 else f'{b // 60:02d}:{b % 60:02d}'})())"
                            for i, (a, b) in enumerate(calendar.week[day]))
            days.append(f"(0||{number}()({spans}))")
        exceptions = []
        for i, (date, spans) in enumerate(sorted(calendar.exceptions.items())):
            serial = (pd.Timestamp(date) - pd.Timestamp("1899-12-30")).days
            times = "".join(f"(0||{j}(s|{a // 60:02d}:{a % 60:02d}|f|"
                            f"{'00:00' if b == 1440 else f'{b // 60:02d}:{b % 60:02d}'})())"
                            for j, (a, b) in enumerate(spans))
            exceptions.append(f"(0||{i}(d|{serial})({times}))")
        data = ("(0||CalendarData()((0||DaysOfWeek()(" + "".join(days) + "))(0||Exceptions()("
                + "".join(exceptions) + "))))")
        rows.append({"clndr_id": cid[calendar.name], "default_flag": "N",
                     "clndr_name": calendar.name, "clndr_type": "CA_Project",
                     "day_hr_cnt": f"{calendar.hours_per_day:g}", "clndr_data": data})
    table("CALENDAR", ["clndr_id", "default_flag", "clndr_name", "clndr_type", "day_hr_cnt",
                       "clndr_data"], rows)
    table("SCHEDOPTIONS", ["proj_id", "sched_retained_logic", "sched_progress_override",
                           "sched_calendar_on_relationship_lag", "sched_float_type"],
          [{"proj_id": 1, "sched_retained_logic": "Y",
            "sched_progress_override": "Y" if plan.options.get("progress_override") else "N",
            "sched_calendar_on_relationship_lag": {
                "successor": "rcal_Successor", "project": "rcal_ProjDefault",
                "24 hours": "rcal_24Hour"}.get(plan.options.get("lag_calendar"),
                                               "rcal_Predecessor"),
            "sched_float_type": "FT_FF"}])
    wbs_rows = [{"wbs_id": 1, "proj_id": 1, "proj_node_flag": "Y", "wbs_short_name": plan.name,
                 "wbs_name": plan.name}]
    wbs_id = {"": 1}
    names = dict(zip(plan.outline["wbs"], plan.outline["name"])) if plan.outline is not None \
        and "wbs" in plan.outline else {}
    for code in tasks["wbs"].fillna("").astype(str):
        parts = [p for p in code.split(".") if p] if code else []
        for depth in range(1, len(parts) + 1):
            node = ".".join(parts[:depth])
            if node not in wbs_id:
                wbs_id[node] = len(wbs_rows) + 1
                wbs_rows.append({"wbs_id": wbs_id[node], "proj_id": 1, "proj_node_flag": "N",
                                 "wbs_short_name": parts[depth - 1],
                                 "wbs_name": names.get(node, node) if depth < len(parts)
                                 else node,
                                 "parent_wbs_id": wbs_id[".".join(parts[:depth - 1])]})
    table("PROJWBS", ["wbs_id", "proj_id", "proj_node_flag", "wbs_short_name", "wbs_name",
                      "parent_wbs_id"], wbs_rows)
    uid = {t: str(1000 + n) for n, t in enumerate(tasks["id"])}
    status_code = {v: k for k, v in _XER_STATUS.items()}
    constraint_code = {"ASAP": "", "ALAP": "CS_ALAP", "MSO": "CS_MSO", "MFO": "CS_MEO",
                       "SNET": "CS_MSOA", "SNLT": "CS_MSOB", "FNET": "CS_MEOA", "FNLT": "CS_MEOB"}
    kind_code = {"start milestone": "TT_Mile", "finish milestone": "TT_FinMile", "task": "TT_Task"}
    rows = []
    for task in tasks.to_dict("records"):
        t = task["id"]
        row = schedule.loc[t]
        rows.append({
            "task_id": uid[t], "proj_id": 1, "wbs_id": wbs_id.get(str(task.get("wbs") or ""), 1),
            "clndr_id": cid.get(task["calendar"],
                                                                                cid[plan.calendar.name]),
            "task_code": t, "task_name": task.get("name") or t,
            "task_type": kind_code.get(task.get("kind"), "TT_Task"),
            "status_code": status_code.get(task.get("status"), "TK_NotStart"),
            "target_drtn_hr_cnt": f"{task['duration_hours']:g}",
            "remain_drtn_hr_cnt": f"{task.get('remaining_hours', task['duration_hours']):g}",
            "phys_complete_pct": f"{float(task.get('percent_complete') or 0):g}",
            "cstr_type": constraint_code.get(task.get("constraint") or "ASAP", ""),
            "cstr_date": when(task.get("constraint_date", pd.NaT)),
            "act_start_date": when(task.get("actual_start", pd.NaT)),
            "act_end_date": when(task.get("actual_finish", pd.NaT)),
            "early_start_date": when(row["early_start"]), "early_end_date": when(row["early_finish"]),
            "late_start_date": when(row["late_start"]), "late_end_date": when(row["late_finish"]),
            "total_float_hr_cnt": "" if pd.isna(row["total_float_hours"])
            else f"{row['total_float_hours']:g}",
        })
    table("TASK", ["task_id", "proj_id", "wbs_id", "clndr_id", "task_code", "task_name",
                   "task_type", "status_code", "target_drtn_hr_cnt", "remain_drtn_hr_cnt",
                   "phys_complete_pct", "cstr_type", "cstr_date", "act_start_date",
                   "act_end_date", "early_start_date", "early_end_date", "late_start_date",
                   "late_end_date", "total_float_hr_cnt"], rows)
    rows = []
    for n, link in enumerate(plan.links.itertuples(), start=1):
        hours = link.lag_hours if not pd.isna(getattr(link, "lag_hours", np.nan)) else \
            link.lag * plan.calendar.hours_per_day
        rows.append({"task_pred_id": n, "task_id": uid[link.successor],
                     "pred_task_id": uid[link.predecessor], "proj_id": 1, "pred_proj_id": 1,
                     "pred_type": f"PR_{link.type}", "lag_hr_cnt": f"{hours:g}"})
    table("TASKPRED", ["task_pred_id", "task_id", "pred_task_id", "proj_id", "pred_proj_id",
                       "pred_type", "lag_hr_cnt"], rows)
    lines.append("%E")
    text = "\r\n".join(lines) + "\r\n"
    try:
        data = text.encode("cp1252")
    except UnicodeEncodeError:
        data = text.encode("utf-8")  # names in another script: UTF-8, which read_plan tries first
    Path(path).write_bytes(data)
    return str(path)
