"""Write the sample plans of lesson 15 (datasets/plans/) with the kit's own writers.

The warehouse automation project of Meridian Home Goods (datasets/tasks.csv, project WHA), on the
company calendar (datasets/holidays.csv), saved as MS Project XML (MSPDI) and as a Primavera P6
XER file: plans a trainee can open in MS Project, ProjectLibre or P6, and that the lesson reads
as it would read the trainee's own. Byte-reproducible (tests/test_plans.py checks it):

    python tools/make_plans.py
"""

from pathlib import Path

from pmo_lessons import data
from pmo_lessons.calendars import Calendar
from pmo_lessons.plans import plan_from_tasks, write_mspdi, write_xer

ROOT = Path(__file__).resolve().parent.parent


def sample_plan():
    """The WHA project as a kit plan."""
    project = data.load_projects().set_index("id").loc["WHA"]
    calendar = Calendar(holidays=data.load_holidays(), name="Meridian (France)")
    return plan_from_tasks(data.load_tasks("WHA"), start=project["start_date"],
                           calendar=calendar, name=f"WHA {project['name']}")


def main(folder=ROOT / "datasets" / "plans"):
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    plan = sample_plan()
    written = [write_mspdi(plan, folder / "warehouse_automation.xml"),
               write_xer(plan, folder / "warehouse_automation.xer")]
    for path in written:
        print("wrote", Path(path).relative_to(ROOT) if Path(path).is_relative_to(ROOT) else path)
    return written


if __name__ == "__main__":
    main()
