"""Hostile hand-ins at collection, through the real ``pmo-lessons collect`` (and grade), beside honest ones.

What a folder, an LMS zip or nbgrader's exchange holds is untrusted: a link to the course's solution
(symbolic or hard), a FIFO that would block a reader, a zip entry that is a link, a notebook of 100 MB
that zips to a few hundred kB, a zip whose header lies about a size, a trainee id of 300 characters
or ending in a line break, and a newer copy of a trainee's notebook handed in by someone else. Each is
skipped or flagged with its reason; the honest hand-ins beside it are collected and graded.
"""

import json
import os
import re
import shutil
import stat
import struct
import zipfile

import pytest

from .conftest import ROOT
from .helpers import ASSIGNMENT, NOTEBOOK, SOURCE, TOTAL, environment, gradebook_grades, make, run

pytestmark = pytest.mark.grading


@pytest.fixture
def env(tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    return environment(home), home / "pmo-grading" / "pmo-course"


def lines(output, kind):
    return [line for line in output.splitlines() if line.startswith(kind)]


def test_links_and_special_files_in_a_folder_are_never_followed(tmp_path, env):
    env, workspace = env
    hand_ins = tmp_path / "hand-ins"
    hand_ins.mkdir()
    make("solution", hand_ins / f"ana_{NOTEBOOK}.ipynb")
    (hand_ins / f"mallory_{NOTEBOOK}.ipynb").symlink_to(SOURCE)  # the course's own solution
    copy = tmp_path / "elsewhere.ipynb"
    shutil.copy(SOURCE, copy)
    os.link(copy, hand_ins / f"eve_{NOTEBOOK}.ipynb")
    os.mkfifo(hand_ins / f"fifo_{NOTEBOOK}.ipynb")  # reading it would wait for ever
    (hand_ins / "solutions").symlink_to(ROOT / "solutions")
    out = run("collect", ASSIGNMENT, str(hand_ins), env=env).stdout
    assert re.search(r"taken\s+ana\s", out) and "1 taken" in out
    assert re.search(rf"skipped\s+mallory_{NOTEBOOK}.ipynb: a symbolic link: links are never followed", out)
    assert re.search(rf"skipped\s+eve_{NOTEBOOK}.ipynb: a hard link", out)
    assert re.search(rf"skipped\s+fifo_{NOTEBOOK}.ipynb: a special file", out)
    assert re.search(r"skipped\s+solutions: a symbolic link", out)
    assert ["ana"] == sorted(p.name for p in (workspace / "submitted").iterdir())


def zip_link(archive, name, target):
    info = zipfile.ZipInfo(name)
    info.create_system = 3  # Unix
    info.external_attr = (stat.S_IFLNK | 0o777) << 16
    archive.writestr(info, str(target))


def lying_zip(path, name, content, declared):
    """A zip whose one entry says it is ``declared`` bytes long (its real size is larger)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(name, content)
    data = bytearray(path.read_bytes())
    real = struct.pack("<I", len(content))
    for signature, offset in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):  # local and central headers
        at = data.find(signature)
        assert data[at + offset:at + offset + 4] == real
        data[at + offset:at + offset + 4] = struct.pack("<I", declared)
    path.write_bytes(bytes(data))
    return path


def test_a_zip_bomb_a_lying_zip_and_a_link_in_a_zip_are_refused_before_unpacking(tmp_path, env):
    env, workspace = env
    archive = tmp_path / "lms.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.write(SOURCE, f"ana_{NOTEBOOK}.ipynb")
        with zf.open(f"bomb_{NOTEBOOK}.ipynb", "w", force_zip64=True) as handle:
            for _ in range(100):  # 100 MB of spaces: a few hundred kB compressed
                handle.write(b" " * (1024 * 1024))
        zip_link(zf, f"mallory_{NOTEBOOK}.ipynb", SOURCE)
    assert archive.stat().st_size < 2 * 1024 * 1024
    out = run("collect", ASSIGNMENT, str(archive), env=env).stdout
    assert re.search(rf"skipped\s+bomb_{NOTEBOOK}.ipynb: over the size limit: 100.0 MB uncompressed, at most 32 MB",
                     out)
    assert re.search(rf"skipped\s+mallory_{NOTEBOOK}.ipynb: a symbolic link", out)
    assert re.search(r"taken\s+ana\s", out)
    liar = lying_zip(tmp_path / "liar.zip", f"liar_{NOTEBOOK}.ipynb", b"{" + b" " * 5_000_000 + b"}", 1000)
    out = run("collect", ASSIGNMENT, str(liar), env=env).stdout
    assert re.search(rf"skipped\s+liar_{NOTEBOOK}.ipynb: (could not be unpacked|over the size limit)", out), out
    assert not (workspace / "submitted" / "liar").exists()
    small = run("collect", ASSIGNMENT, str(archive), "--max-mb", "0.01", env=env, check=False)
    assert small.returncode == 2 and "--max-mb" in small.stderr  # a limit is a whole number of MB
    bigger = run("collect", ASSIGNMENT, str(archive), "--max-mb", "200", env=env).stdout
    assert re.search(r"taken\s+bomb\s", bigger)  # the trainer decides the limit


def test_trainee_ids_that_are_not_usable_are_skipped_and_the_others_taken(tmp_path, env):
    env, workspace = env
    archive = tmp_path / "lms.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.write(SOURCE, f"ana_{NOTEBOOK}.ipynb")
        zf.write(SOURCE, f"{'a' * 300}_{NOTEBOOK}.ipynb")
        zf.write(SOURCE, f"ben\n_{NOTEBOOK}.ipynb")
        zf.write(SOURCE, f"../../evil_{NOTEBOOK}.ipynb")
        zf.write(SOURCE, f"zoe_{NOTEBOOK}.ipynb")
    out = run("collect", ASSIGNMENT, str(archive), env=env).stdout
    assert "3 taken" in out and re.search(r"taken\s+zoe\s", out)
    assert re.search(r"is not a usable trainee id \(at most 64 characters\)", out)
    assert re.search(r"skipped\s+ben _planning.ipynb: unknown file: 'ben\\n' is not a usable trainee id", out), out
    assert ["ana", "evil", "zoe"] == sorted(p.name for p in (workspace / "submitted").iterdir())
    assert not list(tmp_path.glob("**/evil_*"))  # a name that climbs is only a name: nothing is unpacked there


def test_a_newer_copy_handed_in_by_someone_else_is_flagged_not_taken(tmp_path, env):
    env, workspace = env
    first = tmp_path / "first.zip"
    with zipfile.ZipFile(first, "w") as zf:
        zf.writestr(zipfile.ZipInfo(f"ana/ana_{NOTEBOOK}.ipynb", (2026, 3, 2, 9, 0, 0)), SOURCE.read_bytes())
        zf.writestr(zipfile.ZipInfo(f"ben/ben_{NOTEBOOK}.ipynb", (2026, 3, 2, 9, 0, 0)), SOURCE.read_bytes())
        # the same zip: mallory's folder holds a newer "ben"
        zf.writestr(zipfile.ZipInfo(f"mallory/ben_{NOTEBOOK}.ipynb", (2026, 3, 2, 10, 0, 0)), b"{}")
    out = run("collect", ASSIGNMENT, str(first), env=env).stdout
    assert re.search(rf"FLAGGED\s+mallory/ben_{NOTEBOOK}.ipynb: not taken: a newer copy of ben's planning, but the "
                     r"LMS has it from 'mallory'", out), out
    assert "1 flagged for you to check" in out
    later = tmp_path / "later.zip"
    with zipfile.ZipFile(later, "w") as zf:  # a later zip: mallory's folder holds a newer "ana"
        zf.writestr(zipfile.ZipInfo(f"mallory/ana_{NOTEBOOK}.ipynb", (2026, 3, 3, 9, 0, 0)), b"{}")
    out = run("collect", ASSIGNMENT, str(later), env=env).stdout
    assert re.search(rf"FLAGGED\s+mallory/ana_{NOTEBOOK}.ipynb: not taken: .*whose own copy from 'ana' is kept", out)
    for trainee in ("ana", "ben"):
        kept = workspace / "submitted" / trainee / ASSIGNMENT / f"{NOTEBOOK}.ipynb"
        assert SOURCE.read_bytes() == kept.read_bytes()
    own = tmp_path / "own.zip"
    with zipfile.ZipFile(own, "w") as zf:  # the trainee's own newer copy is taken, as always
        zf.writestr(zipfile.ZipInfo(f"ana/ana_{NOTEBOOK}.ipynb", (2026, 3, 4, 9, 0, 0)), b'{"cells": []}')
    assert re.search(r"taken\s+ana\s.*\(updated\)", run("collect", ASSIGNMENT, str(own), env=env).stdout)


def inbound(exchange, trainee, stamp="2026-03-02 09:00:00.000000 UTC"):
    folder = exchange / "pmo-course" / "inbound" / f"{trainee}+{ASSIGNMENT}+{stamp}"
    folder.mkdir(parents=True)
    (folder / "timestamp.txt").write_text(stamp)
    return folder


def test_links_in_the_exchange_are_never_followed_and_the_class_is_graded(tmp_path, env):
    env, workspace = env
    exchange = tmp_path / "exchange"
    make("solution", inbound(exchange, "zoe") / f"{NOTEBOOK}.ipynb")
    (inbound(exchange, "eve") / f"{NOTEBOOK}.ipynb").symlink_to(SOURCE)  # a hand-in that is a link
    (exchange / "pmo-course" / "inbound" / f"mallory+{ASSIGNMENT}+2026-03-02 09:00:00.000000 UTC").symlink_to(
        ROOT / "solutions" / ASSIGNMENT)                                  # a hand-in folder that is a link
    (exchange / "pmo-course" / "inbound" / f"{ASSIGNMENT}-notes.txt").write_text("not a hand-in")
    options = ["--exchange-root", str(exchange)]
    out = run("collect", ASSIGNMENT, "--exchange", *options, env=env).stdout
    assert re.search(r"taken\s+zoe\s", out)
    assert re.search(rf"skipped\s+mallory\+{ASSIGNMENT}\+.*: not collected: a link", out), out
    assert re.search(rf"skipped\s+eve\+{ASSIGNMENT}\+[^/]*/{NOTEBOOK}.ipynb: not collected: a link", out), out
    assert not (workspace / "submitted" / "mallory").exists()
    assert not (workspace / "submitted" / "eve" / ASSIGNMENT / f"{NOTEBOOK}.ipynb").exists()
    graded = run("grade", ASSIGNMENT, *options, "--timeout", "30", env=env).stdout
    assert re.search(rf"zoe\s+{TOTAL}/{TOTAL}\s+graded", graded)
    assert re.search(rf"eve\s+0/{TOTAL}\s+broken: no notebook handed in", graded)
    grades = gradebook_grades(workspace)
    assert sum(grades["zoe"].values()) == TOTAL and sum(grades["eve"].values()) == 0
    assert "mallory" not in grades
    assert json.loads((workspace / "submitted" / "zoe" / ASSIGNMENT / f"{NOTEBOOK}.ipynb").read_text())
