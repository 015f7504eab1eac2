"""Benchmark: how fast Meridian's quarter plays, and how the reference PMOs score over many seeds.

Times, on the machine it runs on:

* a new game (the state built from the company's data and the truth drawn from the seed);
* one simulated week (``next_week``: staffing, levelling of each project, sprints, risks, costs,
  defects, milestones, status), mean and worst over the quarter;
* one observation (what the PMO sees on a Friday: the dashboard, the plans, the forecasts);
* a whole replay of a logged quarter (the expert's), and its score;
* a counterfactual replay (the quarter without one decision, from the week it was taken) and
  the debrief's "decisions that mattered" over the whole log.

Then plays ``--seeds`` seeds with each reference policy (doing nothing, the course's expert, a
random PMO) and prints the scores: the expert must beat doing nothing by a clear margin and the
random PMO do worse than nothing, seed after seed. Targets (issue 24): a week well under a second,
a counterfactual replay in seconds.

    python benchmarks/simulation.py               # 10 seeds
    python benchmarks/simulation.py --seeds 30 --first 100
"""

from __future__ import annotations

import argparse
import statistics
import time

from pmo_lessons.simulation import (
    counterfactual,
    decisions_that_mattered,
    do_nothing,
    expert,
    new_game,
    play,
    random_policy,
    replay,
)


def timed(work):
    start = time.perf_counter()
    result = work()
    return time.perf_counter() - start, result


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=10, help="seeds to play each policy on")
    parser.add_argument("--first", type=int, default=1, help="the first seed")
    parser.add_argument("--seed", type=int, default=2026, help="the seed of the timings")
    args = parser.parse_args(argv)

    build, game = timed(lambda: new_game(args.seed))
    weeks, looks = [], []
    while not game.finished:
        look, seen = timed(game.observe)
        looks.append(look)
        for decision in expert(seen):
            game.apply(decision)
        week, _ = timed(game.next_week)
        weeks.append(week)
    log = game.log
    whole, again = timed(lambda: replay(args.seed, log))
    scoring, total = timed(lambda: again.score().total)
    position = len(log) // 2
    what_if, result = timed(lambda: counterfactual(args.seed, log, [position], played=again))
    mattered, table = timed(lambda: decisions_that_mattered(args.seed, log))
    print(f"seed {args.seed}, the expert's quarter: {len(log)} decisions, score {total:.1f}")
    print(f"  new game                          {build:6.2f} s")
    print(f"  one week (next_week), mean, worst {statistics.mean(weeks):6.3f} s "
          f"{max(weeks):6.3f} s")
    print(f"  one observation, mean             {statistics.mean(looks):6.3f} s")
    print(f"  replay of the whole quarter       {whole:6.2f} s (+ its score {scoring:.2f} s)")
    print(f"  counterfactual without decision {position + 1} (week {log[position]['week']}) "
          f"{what_if:6.2f} s: {result.total_difference:+.1f} points")
    print(f"  decisions that mattered, all {len(log)}  {mattered:6.1f} s "
          f"({mattered / max(len(log), 1):.2f} s a decision); the largest: "
          f"{table.iloc[0]['decision']} ({table.iloc[0]['effect']:+.1f})")

    rows = []
    for seed in range(args.first, args.first + args.seeds):
        t, nothing = timed(lambda seed=seed: play(do_nothing, seed).score().total)
        best = play(expert, seed).score().total
        wild = play(random_policy(seed), seed, strict=False).score().total
        rows.append((seed, nothing, best, wild))
        print(f"  seed {seed:4d}: nothing {nothing:5.1f}  expert {best:5.1f}  random {wild:5.1f}  "
              f"(a game {t:.1f} s)", flush=True)
    margins = [b - n for _, n, b, _ in rows]
    gaps = [n - r for _, n, _, r in rows]
    print(f"over {len(rows)} seeds: expert - nothing: mean {statistics.mean(margins):+.1f}, "
          f"least {min(margins):+.1f}; nothing - random: mean {statistics.mean(gaps):+.1f}, "
          f"random worse on {sum(g > 0 for g in gaps)} of {len(gaps)}")


if __name__ == "__main__":
    main()
