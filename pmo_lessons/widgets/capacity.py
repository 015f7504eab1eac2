"""Capacity explorer: :class:`CapacityExplorer`, add a candidate project or change a person's time."""

from __future__ import annotations

import html

import ipywidgets as widgets

from ..capacity import candidate_demand, demand_table, role_capacity, take_on, which_roles_break
from ..errors import InputError
from ..plots.capacity import capacity_heatmap
from .base import Explorer

__all__ = ["CapacityExplorer"]


class CapacityExplorer(Explorer):
    """The portfolio's capacity by role and month, with a candidate project to add and people to change.

    ``people`` and ``absences`` give the capacity (:func:`pmo_lessons.capacity.role_capacity`),
    ``demand`` the portfolio's role x month person-days, ``candidate`` the proposal's rough-cut
    plan (``candidate_roles``) and ``months`` the months shown. Tick the candidate and pick its
    first month: the heat map shows each role's utilisation with it, and outlines the months it
    breaks. Pick a person and move their time for projects (people per day, at most their
    ``fte``): the capacity of their role follows. A time above the person's contract is refused,
    in red, and the last valid plan stays.

    Driven from code: :meth:`set_candidate`, :meth:`set_availability`, :meth:`reset`; read
    :attr:`result` (the :func:`~pmo_lessons.capacity.take_on` table) and :attr:`breaks`.

    >>> import pandas as pd
    >>> people = pd.DataFrame({"id": ["A", "B"], "name": ["Ann", "Bob"], "role": "QA", "fte": 1.0,
    ...                        "bau_share": 0.0})
    >>> demand = pd.DataFrame({"2027-01": [30.0], "2027-02": [30.0]}, index=["QA"])
    >>> plan = pd.DataFrame({"project": "NEW", "role": ["QA"], "skill": "TEST", "level": 2,
    ...                      "month": ["2027-01"], "fte": [1.0]})
    >>> explorer = CapacityExplorer(people, None, demand, plan, ["2027-01", "2027-02"], chart=False)
    >>> explorer.breaks["role"].tolist()
    []
    >>> explorer.set_candidate("2027-01")
    >>> explorer.breaks[["role", "first_month"]].values.tolist()
    [['QA', '2027-01']]
    >>> explorer.set_availability("B", 1.5)
    >>> explorer.error
    'Bob (B) works 1 of a day on contract: their time for projects can be 0 to 1 people a day, not 1.5.'
    """

    def __init__(self, people, absences, demand, candidate, months, calendar=None, start=None, chart=True,
                 title=None):
        self.people = people.reset_index(drop=True).copy()
        self.absences, self.demand, self.candidate = absences, demand, candidate
        self.months, self.calendar, self.title = list(months), calendar, title
        self.names = dict(zip(people["id"], people["name"])) if "name" in people.columns else {}
        project = str(candidate["project"].iloc[0]) if len(candidate) else "candidate"
        self.add_box = widgets.Checkbox(value=start is not None, description=f"Add {project}",
                                        indent=False, layout=widgets.Layout(width="140px"))
        self.start_picker = widgets.Dropdown(options=self.months, value=start or min(candidate["month"]),
                                             description="starting", layout=widgets.Layout(width="200px"))
        self.person_picker = widgets.Dropdown(
            options=[(f"{self.names.get(p, p)} ({r})", p) for p, r in zip(people["id"], people["role"])],
            description="Person", layout=widgets.Layout(width="320px"))
        self.time_slider = widgets.FloatSlider(min=0, max=1, step=0.05, description="for projects",
                                               continuous_update=False, readout_format=".2f",
                                               style={"description_width": "90px"},
                                               layout=widgets.Layout(width="380px"))
        self.reset_button = self.make_reset_button("Reset")
        self.on_change(self.add_box, lambda on: self.apply(start=self.start_picker.value if on else None))
        self.on_change(self.start_picker, lambda month: self.apply(start=month) if self.add_box.value else None)
        self.on_change(self.person_picker, lambda _: self.show_controls())
        self.on_change(self.time_slider, lambda share: self.set_availability(self.person_picker.value, share))
        controls = widgets.VBox([widgets.HBox([self.add_box, self.start_picker, self.reset_button]),
                                 widgets.HBox([self.person_picker, self.time_slider])])
        super().__init__([controls], chart=chart, model={"shares": {}, "start": start})

    # --- driving it from code ------------------------------------------------

    def set_candidate(self, start):
        """Add the candidate project from month ``start`` (``YYYY-MM``), or take it out with ``None``."""
        self.apply(start=start)

    def set_availability(self, person, share):
        """Give ``person`` ``share`` people a day for projects (at most their fte): their BAU takes the rest."""
        self.apply(shares={**self.model["shares"], person: float(share)})

    @property
    def breaks(self):
        """The roles the candidate breaks, or that were over where it adds work (empty without it)."""
        return which_roles_break(self.result)

    # --- the explorer's model, summary and chart -------------------------------

    def compute(self, shares, start):
        people = self.people.copy()
        for pid, share in shares.items():
            rows = people.index[people["id"] == pid]
            if not len(rows):
                raise InputError(f"No person {pid!r}; pick one of the list.")
            fte = float(people.at[rows[0], "fte"])
            if not 0 <= share <= fte + 1e-9:
                raise InputError(f"{self.names.get(pid, pid)} ({pid}) works {fte:g} of a day on contract: "
                                 f"their time for projects can be 0 to {fte:g} people a day, not {share:g}.")
            people.at[rows[0], "bau_share"] = 1 - share / fte
        capacity = role_capacity(people, self.absences, self.months, self.calendar)
        demand = self.demand.reindex(index=capacity.index, columns=self.months, fill_value=0.0)
        if start is None:
            extra = demand * 0.0
        else:
            plan = candidate_demand(self.candidate, start=start, calendar=self.calendar)
            extra = demand_table(plan, months=self.months, roles=capacity.index)
        return take_on(capacity, demand, extra)

    def update_controls(self):
        people = self.people
        self.add_box.value = self.model["start"] is not None
        if self.model["start"] is not None:
            self.start_picker.value = self.model["start"]
        row = people[people["id"] == self.person_picker.value]
        if len(row):
            pid, fte = row["id"].iloc[0], float(row["fte"].iloc[0])
            self.time_slider.max = fte
            usual = fte * (1 - float(row["bau_share"].iloc[0]))
            self.time_slider.value = round(self.model["shares"].get(pid, usual), 4)

    def describe(self):
        table = self.breaks
        if self.model["start"] is None:
            over = self.result[self.result["status"] == "over"]
            text = "<b>Without the candidate:</b> "
            if over.empty:
                return text + "every role is within its capacity."
            firsts = over.groupby("role", sort=False)["month"].min()
            return text + "over capacity: " + html.escape(", ".join(f"{r} from {m}" for r, m in firsts.items()))
        lines = [f"<b>With the candidate from {html.escape(self.model['start'])}:</b>"]
        if table.empty:
            lines.append("it fits: no role it needs goes over capacity.")
        for row in table.itertuples(index=False):
            lines.append(f"{html.escape(row.role)}: over in {row.months} month(s) from {row.first_month}, "
                         f"{row.shortfall:.0f} person-days short ({html.escape(row.cause)})")
        return "<br>".join(lines)

    def draw(self):
        return capacity_heatmap(self.result, mark="breaks" if self.model["start"] is not None else None,
                                title=self.title)
