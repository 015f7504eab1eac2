"""Benchmark: the throughput Monte Carlo of pmo_lessons.agile, vectorised vs a plain loop.

Times, on the data platform's weekly throughput (``work_items.csv``, DAT, 29 June to the
status date) or on a history given with ``--history``:

* ``forecast_when`` for ``--iterations`` iterations of a ``--items``-item backlog, and the
  same with a backlog range (``--items`` to 1.2 x ``--items``);
* ``forecast_how_many`` for ``--iterations`` iterations of ``--periods`` periods;
* a straightforward Python loop doing the "when" forecast one iteration at a time (draw a
  week, add it, until the backlog is done), on ``--loop-iterations`` iterations,
  extrapolated linearly to ``--iterations``.

Each timing is the best of ``--repeat`` runs. Prints the times, the ratio, and a sanity
check that the loop and the vectorised forecast agree on the 50 % and 85 % answers.
Target (issue 19): 10,000 iterations of a 200-item forecast well under a second.

    python benchmarks/agile_forecast.py                        # 10,000 iterations, 200 items
    python benchmarks/agile_forecast.py --iterations 100000 --items 500
    python benchmarks/agile_forecast.py --history 3 5 4 0 6 2 --items 50
"""

from __future__ import annotations

import argparse
import random
import time

import numpy as np

from pmo_lessons import data
from pmo_lessons.agile import flow_metrics, forecast_how_many, forecast_when


def company_history():
    items = data.load_work_items("DAT")
    return flow_metrics(items, start="2026-06-29", end="2026-09-25").throughput.tolist()


def best_of(repeat, work):
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        result = work()
        times.append(time.perf_counter() - start)
    return min(times), result


def loop_when(history, items, iterations, seed):
    """One iteration at a time, as a spreadsheet or a first script would do it."""
    rng = random.Random(seed)
    periods = []
    for _ in range(iterations):
        done, weeks = 0.0, 0
        while done < items:
            done += rng.choice(history)
            weeks += 1
        periods.append(weeks)
    ordered = sorted(periods)
    return [ordered[max(0, -(-q * iterations // 100) - 1)] for q in (50, 85)]


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--iterations", type=int, default=10_000)
    parser.add_argument("--items", type=int, default=200)
    parser.add_argument("--periods", type=int, default=12, help="for the 'how many' forecast")
    parser.add_argument("--loop-iterations", type=int, default=2_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--history", type=float, nargs="+",
                        help="throughput per period (default: DAT's weekly throughput)")
    args = parser.parse_args(argv)
    history = args.history or company_history()
    print(f"history: {len(history)} periods, mean {np.mean(history):.2f} a period; "
          f"{args.iterations:,} iterations, {args.items} items")

    when_time, when = best_of(args.repeat, lambda: forecast_when(
        history, args.items, iterations=args.iterations, seed=2026))
    range_time, _ = best_of(args.repeat, lambda: forecast_when(
        history, (args.items, int(args.items * 1.2)), iterations=args.iterations, seed=2026))
    many_time, many = best_of(args.repeat, lambda: forecast_how_many(
        history, args.periods, iterations=args.iterations, seed=2026))
    loop_time, loop = best_of(1, lambda: loop_when(history, args.items, args.loop_iterations, 1))
    loop_full = loop_time * args.iterations / args.loop_iterations

    print(f"forecast_when, {args.items} items:               {when_time * 1000:8.1f} ms "
          f"(50 %: {when.percentile(50)} periods, 85 %: {when.percentile(85)})")
    print(f"forecast_when, {args.items}-{int(args.items * 1.2)} items:           "
          f"{range_time * 1000:8.1f} ms")
    print(f"forecast_how_many, {args.periods} periods:          {many_time * 1000:8.1f} ms "
          f"(85 %: {many.at_confidence(85):g} items)")
    print(f"Python loop, {args.loop_iterations:,} iterations:        {loop_time * 1000:8.1f} ms "
          f"-> {loop_full * 1000:.0f} ms for {args.iterations:,} (extrapolated)")
    print(f"vectorised / loop: {loop_full / when_time:.0f}x faster")
    print(f"sanity: loop 50 % / 85 % = {loop[0]} / {loop[1]} periods, vectorised "
          f"{when.percentile(50)} / {when.percentile(85)}")


if __name__ == "__main__":
    main()
