"""Methodology charts: the WBS tree, the RACI matrix, the maturity radar.

The tables come from :mod:`pmo_lessons.methodology` (:func:`~pmo_lessons.methodology.roll_up`,
:func:`~pmo_lessons.methodology.check_raci`, :func:`~pmo_lessons.methodology.maturity_profile`).
"""

from __future__ import annotations

import textwrap

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.patches import Patch, Rectangle

from ..methodology import WBSError, check_raci, parse_raci
from ..style import COLOURS, RACI_COLOURS, readable_text
from .base import finished, new_axes, set_title

__all__ = ["wbs_tree", "raci_chart", "maturity_radar"]


def wbs_tree(rolled, value="cost_eur", max_level=None, branch=None, ax=None, title=None,
             money="{:,.0f}", label_width=22):
    """The WBS as a tree, top-down: each element a box with its code, name and rolled-up value.

    ``rolled`` is the result of :func:`pmo_lessons.methodology.roll_up`;
    ``value`` the column shown in the boxes (formatted with ``money``);
    ``max_level`` hides the deeper levels (their totals are in their parents);
    ``branch`` (a code such as ``"3"``) draws only that element and what is
    under it, for a WBS too wide to read at once. Levels run from top to
    bottom; work packages are blue, summaries grey, the top element dark.

    >>> import pandas as pd
    >>> from pmo_lessons.methodology import roll_up
    >>> wbs = pd.DataFrame({"wbs": ["1.1", "1.2", "2"], "cost": [30.0, 20.0, 50.0]})
    >>> fig = wbs_tree(roll_up(wbs), value="cost")
    >>> sorted(t.get_text().split("\\n")[0] for t in fig.axes[0].texts)
    ['1', '1.1', '1.2', '2', 'project']
    """
    frame = rolled
    if branch is not None:
        branch = str(branch)
        if branch not in rolled.index:
            raise WBSError(f"No WBS element {branch!r} to draw; the top-level codes are "
                           f"{', '.join(rolled.index[rolled['level'] == 1])}.")
        inside = [c == branch or c.startswith(branch + ".") or branch == "0" for c in rolled.index]
        frame = rolled[inside]
    if max_level is not None:
        frame = frame[frame["level"] <= max_level]
    codes = list(frame.index)
    kids = {code: [] for code in codes}
    for code, parent in zip(codes, frame["parent"]):
        if parent in kids:
            kids[parent].append(code)
    x, leaf_x = {}, [0]

    def place(code):
        if not kids[code]:
            x[code] = leaf_x[0]
            leaf_x[0] += 1
        else:
            for child in kids[code]:
                place(child)
            x[code] = (x[kids[code][0]] + x[kids[code][-1]]) / 2

    place(codes[0])
    top, depth = int(frame["level"].min()), int(frame["level"].max())
    width = max(leaf_x[0], 1)
    fig, ax, own = new_axes(ax, figsize=(min(2.0 + 1.45 * width, 22), 1.5 + 1.35 * (depth - top + 1)))
    for code in codes:
        parent = frame.at[code, "parent"]
        if parent in x:
            y0, y1 = -frame.at[parent, "level"], -frame.at[code, "level"]
            # centre to centre, under the boxes: the lines meet every box whatever its size
            ax.plot([x[parent], x[parent], x[code], x[code]], [y0, (y0 + y1) / 2,
                    (y0 + y1) / 2, y1], color=COLOURS["outline"], linewidth=0.8, zorder=1)
    for code in codes:
        row = frame.loc[code]
        colour = (COLOURS["milestone"] if code == codes[0] else
                  COLOURS["task"] if row["work_package"] else COLOURS["faint"])
        name = str(row.get("name", "") or "")
        text = code if code != "0" else "project"
        if name:
            lines = textwrap.wrap(name, label_width)
            text += "\n" + "\n".join(lines[:3]) + ("..." if len(lines) > 3 else "")
        text += "\n" + money.format(row[value])
        ax.text(x[code], -row["level"], text, ha="center", va="center", fontsize=8.5,
                color="white", zorder=2,
                bbox=dict(boxstyle="round,pad=0.35", facecolor=colour, edgecolor="white"))
    ax.set_xlim(-0.7, width - 0.3)
    ax.set_ylim(-depth - 0.6, -top + 0.6)
    ax.axis("off")
    packages = int(rolled.loc[[c for c in rolled.index if c == codes[0] or codes[0] == "0"
                               or c.startswith(codes[0] + ".")], "work_package"].sum())
    set_title(ax, title or f"WBS{'' if codes[0] == '0' else ' ' + codes[0]}: {value} rolled up "
                 f"from {packages} work packages")
    return finished(fig, own)


def raci_chart(matrix, findings=None, ax=None, title=None):
    """A RACI matrix as a coloured grid, with the activities that break a rule flagged.

    ``matrix`` as :func:`pmo_lessons.methodology.check_raci` takes it (index
    activities, columns roles); ``findings`` its result (computed when not
    given, with the default policy). Cells are coloured by their strongest
    letter (A red, R blue, C yellow, I grey); an activity with an error is
    marked with a red "!" and its label is red.

    >>> import pandas as pd
    >>> m = pd.DataFrame({"PM": ["A/R", "R"], "Dev": ["R", "R"]}, index=["Plan", "Build"])
    >>> fig = raci_chart(m)
    >>> [t.get_text() for t in fig.axes[0].get_yticklabels()]
    ['Plan', 'Build !']
    """
    cells = parse_raci(matrix)
    if findings is None:
        findings = check_raci(matrix)
    flagged = set(findings.loc[findings["severity"] == "error", "activity"])
    n_rows, n_cols = cells.shape
    fig, ax, own = new_axes(ax, figsize=(2.8 + 1.1 * n_cols, 1.0 + 0.45 * n_rows))
    for i in range(n_rows):
        for j in range(n_cols):
            letters = cells.iat[i, j]
            strongest = next((letter for letter in "ARCI" if letter in letters), None)
            ax.add_patch(Rectangle((j, n_rows - 1 - i), 1, 1, edgecolor="white", linewidth=2,
                                   facecolor=RACI_COLOURS[strongest] if strongest else COLOURS["empty"]))
            if letters:
                ax.text(j + 0.5, n_rows - 0.5 - i, "/".join(letter for letter in "ARCI" if letter in letters),
                        ha="center", va="center", fontsize=9, fontweight="bold",
                        color=readable_text(RACI_COLOURS[strongest]))
    ax.set_xlim(0, n_cols)
    ax.set_ylim(0, n_rows)
    ax.set_xticks([j + 0.5 for j in range(n_cols)])
    ax.set_xticklabels([str(r) for r in cells.columns], rotation=30, ha="left", fontsize=8)
    ax.xaxis.tick_top()
    ax.set_yticks([n_rows - 0.5 - i for i in range(n_rows)])
    ax.set_yticklabels([f"{a} !" if a in flagged else str(a) for a in cells.index], fontsize=8)
    for label, activity in zip(ax.get_yticklabels(), cells.index):
        if activity in flagged:
            label.set_color(COLOURS["critical"])
    ax.tick_params(length=0)
    for side in ax.spines.values():
        side.set_visible(False)
    handles = [Patch(color=colour, label=letter) for letter, colour in RACI_COLOURS.items()]
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8,
              frameon=False)
    set_title(ax, title or f"RACI: {len(flagged)} of {n_rows} activities break a rule", pad=30)
    return finished(fig, own)


def maturity_radar(profile, target=None, ax=None, title=None, column="score"):
    """The maturity self-assessment as a radar chart, one spoke per perspective, levels 1 to 5.

    ``profile`` is the result of :func:`pmo_lessons.methodology.maturity_profile`;
    ``column`` the figure drawn (``score``: the level plus progress to the
    next; or ``level``). ``target``, a number or a dict perspective -> level,
    draws the PMO's goal as a dashed line.

    >>> from pmo_lessons.methodology import maturity_profile
    >>> fig = maturity_radar(maturity_profile({"GOV-2a": "yes", "GOV-2b": "yes"}), target=3)
    >>> len(fig.axes[0].get_xticklabels())
    6
    """
    names = list(profile.index)
    values = profile[column].astype(float).tolist()
    angles = np.linspace(0, 2 * np.pi, len(names), endpoint=False).tolist()
    own = ax is None
    if own:
        fig = plt.figure(figsize=(6.8, 5.6), layout="constrained")
        ax = fig.add_subplot(projection="polar")
    else:
        fig = ax.figure
    ax.set_theta_offset(np.pi / 2)
    ax.set_theta_direction(-1)

    def close(seq):
        return seq + seq[:1]

    ax.plot(close(angles), close(values), color=COLOURS["task"], linewidth=2, label="now")
    ax.fill(close(angles), close(values), color=COLOURS["task"], alpha=0.25)
    if target is not None:
        goal = [float(target.get(n, np.nan)) if isinstance(target, dict) else float(target)
                for n in names]
        ax.plot(close(angles), close(goal), color=COLOURS["today"], linewidth=1.6,
                linestyle="--", label="target")
    ax.set_xticks(angles)
    ax.set_xticklabels([n.replace(" and ", "\nand ") for n in names], fontsize=8)
    ax.set_ylim(0, 5)
    ax.set_yticks([1, 2, 3, 4, 5])
    ax.set_yticklabels(["1", "2", "3", "4", "5"], fontsize=7, color=COLOURS["muted"])
    ax.legend(loc="upper right", bbox_to_anchor=(1.25, 1.1), fontsize=8, frameon=False)
    set_title(ax, title or "PMO maturity by perspective (levels 1-5)")
    return finished(fig, own)
