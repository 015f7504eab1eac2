"""The kit installs as one package: dependencies in one place, datasets inside the wheel."""

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
