"""The kit installs as one package: dependencies in one place, datasets inside the wheel."""

import json
import os
import re
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pandas as pd
import pytest
import yaml

from .conftest import ROOT


def requirement(text):
    """'pandas >= 2.1, <4' -> ('pandas', '<4,>=2.1'): a name and its sorted specifiers."""
    match = re.match(r"^\s*([A-Za-z0-9_.\-]+)\s*(.*)$", text)
    name = match[1].lower().replace("_", "-")
    specifiers = ",".join(sorted(s.strip().replace(" ", "") for s in match[2].split(",") if s.strip()))
    return name, specifiers


def test_environment_yml_equals_pyproject():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    wanted = {requirement(r) for r in project["dependencies"] + project["optional-dependencies"]["test"]}
    environment = yaml.safe_load((ROOT / "environment.yml").read_text())
    assert ["conda-forge"] == environment["channels"]
    conda = [d for d in environment["dependencies"] if isinstance(d, str)]
    listed = {requirement(d) for d in conda if requirement(d)[0] not in ("python", "pip")}
    assert wanted == listed, "environment.yml and pyproject.toml list different dependencies"
    assert ("python", project["requires-python"]) == requirement(
        next(d for d in conda if d.startswith("python"))
    )
    pip_section = next(d for d in environment["dependencies"] if isinstance(d, dict))["pip"]
    assert ["--editable ."] == pip_section, "conda users get the kit itself through pip"


def test_pandas_is_capped_below_4():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert "<4" in dict(requirement(r) for r in project["dependencies"])["pandas"]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    folder = tmp_path_factory.mktemp("wheel")
    result = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "--wheel-dir", str(folder), str(ROOT)],
        capture_output=True, text=True,
    )
    assert 0 == result.returncode, result.stderr
    return next(folder.glob("pmo_lessons-*.whl"))


def test_wheel_carries_the_datasets(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    for csv in sorted((ROOT / "datasets").glob("*.csv")):
        assert f"pmo_lessons/datasets/{csv.name}" in names
    assert "pmo_lessons/datasets/README.md" in names
    assert not any(n.startswith(("tests/", "solutions/", "exercises/")) for n in names)


def test_installed_package_finds_its_datasets_anywhere(wheel, tmp_path):
    """Installed from the wheel, away from the repository, the loaders read the packaged copy."""
    target = tmp_path / "site"
    result = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "--quiet", "--target", str(target), str(wheel)],
        capture_output=True, text=True,
    )
    assert 0 == result.returncode, result.stderr
    code = ("import pmo_lessons.data as d; "
            "print(d.dataset_path('tasks')); print(len(d.load_tasks()))")
    env = {**os.environ, "PYTHONPATH": str(target)}
    run = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, env=env, capture_output=True, text=True)
    assert 0 == run.returncode, run.stderr
    path, count = run.stdout.split()
    assert Path(path).is_relative_to(target / "pmo_lessons" / "datasets")
    assert len(pd.read_csv(ROOT / "datasets" / "tasks.csv")) == int(count)


def test_readme_gives_exactly_two_setup_commands():
    readme = (ROOT / "README.md").read_text()
    commands = re.findall(r"^\s*(python3 kit\.py \w+)\s*$", readme, re.M)
    assert {"python3 kit.py start", "python3 kit.py test"} == set(commands)
    ci = (ROOT / ".ci" / "run").read_text()
    assert "python3 kit.py test" in ci, ".ci/run must run the README's test command"


def pinned():
    """constraints.txt as {name: version}, names normalised as pip does."""
    lines = [line for line in (ROOT / "constraints.txt").read_text().splitlines() if line and not line.startswith("#")]
    assert all(re.fullmatch(r"[A-Za-z0-9_.\-]+==[A-Za-z0-9_.+!\-]+", line) for line in lines), \
        "constraints.txt holds name==version lines only (python3 tools/lock.py writes it)"
    return {canonical(line.split("==")[0]): line.split("==")[1] for line in lines}


def canonical(name):
    return re.sub(r"[-_.]+", "-", name).lower()


def test_the_lock_pins_every_dependency_within_pyprojects_ranges():
    from packaging.requirements import Requirement

    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    pins = pinned()
    for text in project["dependencies"] + project["optional-dependencies"]["test"]:
        wanted = Requirement(text)
        name = canonical(wanted.name)
        assert name in pins, f"constraints.txt does not pin {name}: run python3 tools/lock.py"
        assert wanted.specifier.contains(pins[name], prereleases=True), (
            f"constraints.txt pins {name}=={pins[name]}, outside pyproject.toml's {wanted}: run python3 tools/lock.py")
    assert "pmo-lessons" not in pins and "pip" not in pins


def test_the_tests_run_in_the_locked_environment():
    """kit.py installs with --constraint constraints.txt: what this environment holds is what the lock says."""
    from importlib import metadata

    installed = {canonical(d.metadata["Name"]): d.version for d in metadata.distributions()}
    differ = {name: (version, installed.get(name)) for name, version in pinned().items()
              if installed.get(name) not in (version, None)}
    assert not differ, f"installed versions differ from constraints.txt (locked, installed): {differ}"
    counts = re.search(r"^# packages: start (\d+), test (\d+)$", (ROOT / "constraints.txt").read_text(), re.M)
    assert counts and int(counts[2]) == len(pinned()), "the header's package count is not the file's"


def test_the_lock_installs_with_pyproject(tmp_path):
    """pip's resolver, from the package index, finds the kit and its test tools at exactly the locked
    versions: nothing conflicts, nothing is missing from the lock."""
    report = tmp_path / "report.json"
    result = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--dry-run", "--ignore-installed", "--quiet",
         "--disable-pip-version-check", "--constraint", str(ROOT / "constraints.txt"), "--report", str(report),
         f"{ROOT}[test]"], capture_output=True, text=True)
    assert 0 == result.returncode, result.stderr[-3000:]
    chosen = {canonical(i["metadata"]["name"]): i["metadata"]["version"]
              for i in json.loads(report.read_text())["install"]}
    chosen.pop("pmo-lessons")
    pins = pinned()
    assert {n: v for n, v in chosen.items() if pins.get(n) != v} == {}, "pip chose versions the lock does not name"
