"""Benchmark: Monte Carlo schedule risk analysis, vectorised vs a per-iteration Python loop.

Builds a random (seeded) network of ``--tasks`` tasks with FS, SS and FF links
and lags, then times:

* ``pmo_lessons.risk.monte_carlo`` for ``--iterations`` iterations, with the
  percentiles, the criticality index and the sensitivity (Spearman) of every task;
* a straightforward Python loop doing the same work one iteration at a time
  (sample, forward pass, backward pass, critical flags; then percentiles and
  Spearman). The loop runs ``--loop-iterations`` iterations (it is slow) and its
  time for ``--iterations`` is extrapolated linearly, which favours the loop
  (its ranking step grows faster than linearly).

Prints both times, the ratio, and a sanity check that both agree on P50/P80.
Target (issue 5): 100,000 iterations of 500 tasks in at most 2 s, and at least
50 times faster than the loop.

    python benchmarks/monte_carlo.py                      # 500 tasks, 100,000 iterations
    python benchmarks/monte_carlo.py --distribution pert
    python benchmarks/monte_carlo.py --tasks 30 --iterations 2000 --loop-iterations 200
"""

from __future__ import annotations

import argparse
import math
import random
import sys
import time

import pandas as pd

from pmo_lessons.risk import monte_carlo


def network(n_tasks=500, seed=2026):
    """A random acyclic task table with three-point estimates and mixed links."""
    rng = random.Random(seed)
    rows = []
    for k in range(n_tasks):
        most_likely = rng.randint(2, 20)
        optimistic = max(1, most_likely - rng.randint(0, most_likely // 2 + 1))
        pessimistic = most_likely + rng.randint(1, most_likely + 5)
        refs = []
        if k:
            count = rng.choice([1, 1, 2, 2, 3])
            window = list(range(max(0, k - 25), k))
            for p in sorted(rng.sample(window, min(count, len(window)))):
                kind = rng.choices(["FS", "SS", "FF"], weights=[8, 1, 1])[0]
                lag = rng.choice([0, 0, 0, 2, -1]) if kind != "FS" else rng.choice([0, 0, 0, 0, 3])
                refs.append(f"T{p}" if (kind == "FS" and lag == 0) else f"T{p} {kind}{lag:+d}")
        rows.append((f"T{k}", ", ".join(refs), optimistic, most_likely, pessimistic))
    return pd.DataFrame(rows, columns=["id", "predecessors", "optimistic", "most_likely",
                                       "pessimistic"])


def loop_monte_carlo(tasks, iterations, seed=0, distribution="triangular"):
    """The straightforward way: one iteration at a time, in plain Python."""
    from pmo_lessons.schedule import links_table

    rng = random.Random(seed)
    ids = list(tasks["id"])
    est = list(zip(tasks["optimistic"], tasks["most_likely"], tasks["pessimistic"]))
    links = links_table(tasks)
    preds = {t: [] for t in ids}
    succs = {t: [] for t in ids}
    for a, b, kind, lag in links.itertuples(index=False):
        preds[b].append((a, kind, lag))
        succs[a].append((b, kind, lag))
    order = list(ids)  # the generator lists predecessors first
    finishes, durations = [], {t: [] for t in ids}
    critical = {t: 0 for t in ids}
    for _ in range(iterations):
        d = {}
        for t, (o, m, p) in zip(ids, est):
            if distribution == "triangular":
                d[t] = rng.triangular(o, p, m)
            else:
                a = 1 + 4 * (m - o) / (p - o)
                b = 1 + 4 * (p - m) / (p - o)
                d[t] = o + (p - o) * rng.betavariate(a, b)
            durations[t].append(d[t])
        es, ef = {}, {}
        for t in order:
            start = 0.0
            for a, kind, lag in preds[t]:
                bound = {"FS": ef[a] + lag, "SS": es[a] + lag, "FF": ef[a] + lag - d[t],
                         "SF": es[a] + lag - d[t]}[kind]
                start = max(start, bound)
            es[t], ef[t] = start, start + d[t]
        end = max(ef.values())
        ls, lf = {}, {}
        for t in reversed(order):
            finish = end
            for b, kind, lag in succs[t]:
                bound = {"FS": ls[b] - lag, "SS": ls[b] - lag + d[t], "FF": lf[b] - lag,
                         "SF": lf[b] - lag + d[t]}[kind]
                finish = min(finish, bound)
            lf[t], ls[t] = finish, finish - d[t]
        floats = {t: ls[t] - es[t] for t in ids}
        least = min(floats.values())
        for t in ids:
            if floats[t] <= least + 1e-6:
                critical[t] += 1
        finishes.append(end)
    finishes_sorted = sorted(finishes)
    p50 = _percentile(finishes_sorted, 50)
    p80 = _percentile(finishes_sorted, 80)
    finish_ranks = _ranks(finishes)
    sensitivity = {t: _pearson(_ranks(durations[t]), finish_ranks) for t in ids}
    criticality = {t: critical[t] / iterations for t in ids}
    return p50, p80, criticality, sensitivity


def _percentile(ordered, q):
    position = (len(ordered) - 1) * q / 100
    low = math.floor(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def _ranks(values):
    order = sorted(range(len(values)), key=values.__getitem__)
    ranks = [0.0] * len(values)
    for rank, i in enumerate(order, start=1):
        ranks[i] = rank
    return ranks


def _pearson(x, y):
    mx, my = sum(x) / len(x), sum(y) / len(y)
    sxy = sum((a - mx) * (b - my) for a, b in zip(x, y))
    sxx = sum((a - mx) ** 2 for a in x)
    syy = sum((b - my) ** 2 for b in y)
    return sxy / math.sqrt(sxx * syy) if sxx and syy else 0.0


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tasks", type=int, default=500)
    parser.add_argument("--iterations", type=int, default=100_000)
    parser.add_argument("--loop-iterations", type=int, default=1_000)
    parser.add_argument("--distribution", default="triangular", choices=["triangular", "pert"])
    parser.add_argument("--repeat", type=int, default=3, help="vectorised runs; the best is kept")
    args = parser.parse_args(argv)

    tasks = network(args.tasks)
    links = sum(1 for text in tasks["predecessors"] for part in text.split(",") if part.strip())
    print(f"network: {args.tasks} tasks, {links} links; {args.iterations:,} iterations, "
          f"{args.distribution}")

    monte_carlo(tasks, iterations=min(args.iterations, 2_000), seed=0,
                distribution=args.distribution)  # warm-up (imports, caches)
    times = []
    for _ in range(max(1, args.repeat)):
        start = time.perf_counter()
        result = monte_carlo(tasks, iterations=args.iterations, seed=1,
                             distribution=args.distribution)
        p50, p80 = result.percentile(50), result.percentile(80)
        criticality, sensitivity = result.criticality, result.sensitivity
        times.append(time.perf_counter() - start)
    vectorised = min(times)
    print(f"vectorised (pmo_lessons.risk.monte_carlo): {vectorised:.3f} s "
          f"(best of {len(times)}: {', '.join(f'{t:.3f}' for t in times)})")

    start = time.perf_counter()
    loop_p50, loop_p80, loop_crit, loop_sens = loop_monte_carlo(
        tasks, args.loop_iterations, seed=1, distribution=args.distribution)
    loop_time = time.perf_counter() - start
    per_iteration = loop_time / args.loop_iterations
    loop_total = per_iteration * args.iterations
    print(f"Python loop: {loop_time:.3f} s for {args.loop_iterations:,} iterations "
          f"({1 / per_iteration:,.0f} iterations/s) -> {loop_total:.1f} s for "
          f"{args.iterations:,} (extrapolated)")
    ratio = loop_total / vectorised
    print(f"speed-up: {ratio:.0f}x")

    crit_gap = max(abs(criticality[t] - loop_crit[t]) for t in loop_crit)
    sens_gap = max(abs(sensitivity[t] - loop_sens[t]) for t in loop_sens)
    print(f"check: P50 {p50:.1f} vs loop {loop_p50:.1f}; P80 {p80:.1f} vs loop {loop_p80:.1f}; "
          f"largest gap over the tasks: criticality {crit_gap:.3f}, sensitivity {sens_gap:.3f} "
          f"(sampling noise of the loop's {args.loop_iterations:,} iterations)")
    verdict = "met" if vectorised <= 2.0 and ratio >= 50 else "NOT met"
    print(f"target (<= 2 s and >= 50x at 500 tasks x 100,000 iterations): {verdict}")
    return vectorised, loop_total, ratio


if __name__ == "__main__":
    main(sys.argv[1:])
