"""Benchmark: staffing as an exact assignment problem (scipy.optimize.milp) against the greedy answer.

Times :func:`pmo_lessons.capacity.staff` on the PIM's requests and Meridian's people (the
lesson's case), then on random cases of ``--people`` people of one role and ``--requests``
half-time requests over ``--months`` months (skills and levels drawn with ``--seed``), growing
by doubling. Each timing is the best of ``--repeat`` runs. Prints, per case, the exact and the
greedy time and how many requests each fills (the exact answer never fills fewer).

    python benchmarks/staffing.py
    python benchmarks/staffing.py --people 40 --requests 30 --months 6
"""

from __future__ import annotations

import argparse
import time

import numpy as np
import pandas as pd

from pmo_lessons import capacity as cp
from pmo_lessons import data
from pmo_lessons.calendars import Calendar


def best_of(repeat, function):
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - start)
    return min(times), result


def meridian():
    calendar = Calendar(holidays=data.load_holidays())
    people, absences = data.load_people(), data.load_absences()
    months = cp.months("2026-10", "2027-06")
    person_days = cp.person_capacity(people, absences, months, calendar)
    capacity = person_days.groupby(pd.Series(list(people["role"]), index=person_days.index)).sum()
    demand = cp.demand_table(cp.role_demand(data.load_tasks(), data.load_assignments(), data.load_projects(),
                                            calendar), months=months, roles=capacity.index)
    free = cp.availability(person_days, people, capacity, demand, calendar)
    matrix = cp.skills_matrix(data.load_person_skills(), people, data.load_skills())
    return cp.staffing_requests(data.load_candidate_roles()), people, matrix, free


def random_case(n_people, n_requests, n_months, rng):
    months = cp.months("2027-01", f"2027-{n_months:02d}")
    skills = [f"S{k}" for k in range(6)]
    people = pd.DataFrame({"id": [f"P{k}" for k in range(n_people)], "role": "R"})
    matrix = pd.DataFrame(rng.integers(0, 5, size=(n_people, len(skills))), index=people["id"], columns=skills)
    free = pd.DataFrame(rng.choice([0.3, 0.5, 0.8, 1.0], size=(n_people, n_months)), index=people["id"],
                        columns=months)
    rows = []
    for k in range(n_requests):
        first = int(rng.integers(0, n_months))
        last = int(rng.integers(first, n_months))
        rows.append((f"Q{k}", "R", skills[int(rng.integers(0, len(skills)))], int(rng.integers(1, 4)), 0.5,
                     ", ".join(months[first:last + 1])))
    requests = pd.DataFrame(rows, columns=["request", "role", "skill", "level", "fte", "months"])
    return requests, people, matrix, free


def report(label, case, repeat):
    requests, people, matrix, free = case
    exact_time, exact = best_of(repeat, lambda: cp.staff(requests, people, matrix, free))
    greedy_time, greedy = best_of(repeat, lambda: cp.staff(requests, people, matrix, free, method="greedy"))
    print(f"{label:<34} exact {exact_time * 1000:8.1f} ms, fills {(exact['person'] != '').sum():3d}   "
          f"greedy {greedy_time * 1000:7.1f} ms, fills {(greedy['person'] != '').sum():3d}   of {len(requests)}")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=10)
    parser.add_argument("--requests", type=int, default=8)
    parser.add_argument("--months", type=int, default=6)
    parser.add_argument("--steps", type=int, default=4, help="how many times the random case doubles")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=13)
    args = parser.parse_args(argv)
    report("Meridian, the PIM's 20 requests", meridian(), args.repeat)
    rng = np.random.default_rng(args.seed)
    for step in range(args.steps):
        n, r = args.people * 2 ** step, args.requests * 2 ** step
        report(f"random, {n} people, {r} requests", random_case(n, r, args.months, rng), args.repeat)


if __name__ == "__main__":
    main()
