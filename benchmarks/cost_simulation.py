"""Benchmark: the cost and schedule simulation (budget.simulate_costs) on the schedule Monte Carlo.

The cost simulation builds on ``pmo_lessons.risk.monte_carlo``: it runs the same engine (without
the sensitivity, with the risk events kept) and prices each iteration. This benchmark measures
what the pricing adds: on a random (seeded) network of ``--tasks`` tasks with ``--risks`` risk
events, it times ``monte_carlo`` alone (sensitivity off, the same work the cost simulation asks
of it) and ``simulate_costs``, then a joint confidence level and the least budget for a 70 % JCL.
Prints the times and the overhead.

    python benchmarks/cost_simulation.py                     # 500 tasks, 100,000 iterations
    python benchmarks/cost_simulation.py --tasks 30 --iterations 10000
"""

from __future__ import annotations

import argparse
import random
import time

import numpy as np
import pandas as pd
from monte_carlo import network  # the same random networks as the schedule benchmark

from pmo_lessons.budget import budget_for_confidence, joint_confidence, simulate_costs
from pmo_lessons.risk import monte_carlo


def priced(tasks, n_risks, seed=2026):
    """The network with a fixed cost and a cost per day per task, and a few risk events."""
    rng = random.Random(seed)
    frame = tasks.assign(fixed_cost=[rng.choice([0.0, 5_000.0, 20_000.0]) for _ in range(len(tasks))],
                         cost_per_day=[float(rng.randint(4, 20) * 100) for _ in range(len(tasks))])
    register = pd.DataFrame({
        "id": [f"R{k}" for k in range(n_risks)],
        "task_id": [f"T{rng.randrange(len(tasks))}" for _ in range(n_risks)],
        "probability_pct": [rng.randint(5, 60) for _ in range(n_risks)],
        "cost_impact_eur": [-float(rng.randint(5, 100) * 1000) for _ in range(n_risks)],
        "schedule_impact_days": [rng.randint(0, 15) for _ in range(n_risks)],
        "status": ["open"] * n_risks,
    })
    return frame, register


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tasks", type=int, default=500)
    parser.add_argument("--iterations", type=int, default=100_000)
    parser.add_argument("--risks", type=int, default=20)
    args = parser.parse_args(argv)
    tasks, register = priced(network(args.tasks), args.risks)
    events = pd.DataFrame({"id": register["id"], "task_id": register["task_id"],
                           "probability": register["probability_pct"] / 100,
                           "delay": register["schedule_impact_days"].astype(float)})

    began = time.perf_counter()
    schedule = monte_carlo(tasks, iterations=args.iterations, seed=1, risks=events,
                           sensitivity=False, keep_events=True)
    schedule_time = time.perf_counter() - began

    began = time.perf_counter()
    simulation = simulate_costs(tasks, iterations=args.iterations, seed=1, risks=register)
    cost_time = time.perf_counter() - began

    budget = float(np.percentile(simulation.cost, 80))
    date = float(np.percentile(simulation.finish, 80))
    began = time.perf_counter()
    jcl = joint_confidence(simulation, budget, date)
    least = budget_for_confidence(simulation, float(np.percentile(simulation.finish, 90)), 0.7)
    jcl_time = time.perf_counter() - began

    same = np.array_equal(schedule.finish, simulation.finish)
    print(f"{args.tasks} tasks, {args.risks} risk events, {args.iterations:,} iterations")
    print(f"  monte_carlo (sensitivity off, events kept): {schedule_time:6.2f} s")
    print(f"  simulate_costs (the same, priced):          {cost_time:6.2f} s "
          f"(+{cost_time - schedule_time:.2f} s, {cost_time / schedule_time:.2f}x)")
    print(f"  JCL at the P80s and the 70 % budget:        {jcl_time:6.3f} s "
          f"(JCL {jcl:.1%}, least 70 % budget {least:,.0f} EUR)")
    print(f"  same finishes as monte_carlo: {same}")


if __name__ == "__main__":
    main()
