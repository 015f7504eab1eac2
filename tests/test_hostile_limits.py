"""Limits per submission, through the real ``pmo-lessons grade``: the sandbox as a whole, every kind of output.

Each trainee here answers every question right, then adds cells of their own at the end (after the
last test, so their grades stay 17): sixteen forked children that each take memory, folders filled
until they are full, an error of 6 MB and one of 150 MB, display updates of half a megabyte, 40
widgets of half a megabyte, 60 cells of 200 kB. Beside them an honest trainee.

The host's memory moves by no more than the limit: the memory control group of each sandbox is
read while the class is graded (its peak never passes ``--memory-mb``); the scratch folder,
``/tmp`` and ``/dev/shm`` stop at their sizes; every graded notebook and feedback page stays small,
its cut cells saying so; and everyone keeps 17 points.
"""

import json
import os
import re
import threading
import time
import zipfile
from pathlib import Path

import pytest

from pmo_lessons import sandbox

from .helpers import ASSIGNMENT, NOTEBOOK, SOURCE, expect, gradebook_grades, make, run, trainer_at

pytestmark = pytest.mark.grading

MEMORY_MB = 1500
LIMITS = ("--timeout", "20", "--budget", "120", "--memory-mb", str(MEMORY_MB), "--file-mb", "50",
          "--output-kb", "256", "--scratch-mb", "256")
SANDBOXED, HOW = sandbox.isolation()

FORK_HOG = '''
import os, time
children = []
for _ in range(16):
    pid = os.fork()
    if pid == 0:
        try:
            hog = bytearray(400 * 1024 * 1024)  # 400 MB each, touched: 6.4 GB in all
            time.sleep(3)
        finally:
            os._exit(0)
    children.append(pid)
ended = [os.waitpid(pid, 0)[1] for pid in children]
print("children killed:", sum(1 for status in ended if os.WIFSIGNALED(status)), "of", len(ended))
'''

FILL = '''
import os
def fill(folder):
    written, block = 0, b"x" * (8 * 1024 * 1024)
    for index in range(1000):
        try:
            with open(os.path.join(folder, f"fill-{index}.bin"), "wb") as handle:
                for _ in range(5):  # 40 MB a file, under --file-mb
                    handle.write(block)
                    written += len(block)
        except OSError:
            break
    return written // (1024 * 1024)
print("MB written:", {"scratch": fill("."), "tmp": fill("/tmp"), "shm": fill("/dev/shm")})
'''

CELLS = {
    "forkhog": [FORK_HOG],
    "fill": [FILL],
    "bigerror": ["raise ValueError('line of a long message\\n' * 300_000)"],
    "hugeerror": ["raise ValueError('x' * 70_000_000)"],
    "updates": ["handle = display('small', display_id=True)\nfor _ in range(300):\n"
                "    handle.update({'text/plain': 'y' * 500_000}, raw=True)"],
    "widgets": ["import ipywidgets\nboxes = [ipywidgets.Textarea(value='w' * 500_000) for _ in range(40)]\n"
                "display(ipywidgets.VBox(boxes))"],
    "manyoutputs": ["print('z' * 200_000)"] * 60,
}


def with_end_cells(sources):
    def build(path):
        notebook = json.loads(SOURCE.read_text())
        for index, source in enumerate(sources):
            notebook["cells"].append({"cell_type": "code", "execution_count": None, "id": f"extra-{index}",
                                      "metadata": {}, "outputs": [], "source": source})
        Path(path).write_text(json.dumps(notebook))
        return Path(path)
    return build


def require(condition, message):
    """These tests mean something only where the machine can bound the sandbox: elsewhere they fail
    under CI (which must run them) and skip, saying why."""
    if not condition:
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)


class Peaks(threading.Thread):
    """Reads the memory control group of every sandbox while the class is graded: the peak of each."""

    def __init__(self):
        super().__init__(daemon=True)
        self.peaks, self.running = {}, True
        found = sandbox.control_groups().get("memory")
        self.root, self.version = found if found else (None, None)

    def run(self):
        name = "memory.max_usage_in_bytes" if self.version == 1 else "memory.peak"
        while self.running and self.root is not None:
            for group in self.root.glob("pmo-lessons-*"):
                try:
                    value = int((group / name).read_text().split()[0])
                except (OSError, ValueError, IndexError):
                    continue
                self.peaks[group.name] = max(self.peaks.get(group.name, 0), value)
            time.sleep(0.02)


@pytest.fixture(scope="module")
def limited(tmp_path_factory):
    root = tmp_path_factory.mktemp("limits")
    home, env, workspace = trainer_at(root)
    made = root / "made"
    made.mkdir()
    archive = root / "lms.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.write(make("solution", made / "ana.ipynb"), f"ana_{NOTEBOOK}.ipynb")
        for trainee, sources in CELLS.items():
            zf.write(with_end_cells(sources)(made / f"{trainee}.ipynb"), f"{trainee}_{NOTEBOOK}.ipynb")
    run("collect", ASSIGNMENT, str(archive), env=env)
    peaks = Peaks()
    peaks.start()
    graded = run("grade", ASSIGNMENT, "--workers", "3", *LIMITS, env=env)
    peaks.running = False
    peaks.join()
    feedback = run("feedback", ASSIGNMENT, env=env)
    yield {"workspace": workspace, "graded": graded, "feedback": feedback, "peaks": peaks}


def notebook_of(limited, trainee):
    return limited["workspace"] / "autograded" / trainee / ASSIGNMENT / f"{NOTEBOOK}.ipynb"


def extra_cells(limited, trainee):
    return [c for c in json.loads(notebook_of(limited, trainee).read_text())["cells"]
            if str(c.get("id", "")).startswith("extra-")]


def stream_text(cell):
    return "".join("".join(o.get("text", "")) for o in cell["outputs"] if o["output_type"] == "stream")


def test_every_trainee_keeps_full_marks(limited):
    grades = gradebook_grades(limited["workspace"])
    assert {t: expect() for t in ["ana", *CELLS]} == grades, limited["graded"].stdout


def test_the_memory_of_a_whole_sandbox_never_passes_its_limit(limited):
    require("memory" in sandbox.control_groups(), "no memory control group can be made here: the memory of a "
                                                  "sandbox is bound per process only")
    peaks = limited["peaks"].peaks
    assert len(peaks) >= len(CELLS) + 1, peaks  # a group per kernel, each read while it ran
    limit = MEMORY_MB * 1024 * 1024
    assert max(peaks.values()) <= limit, {k: v / 2 ** 20 for k, v in peaks.items()}
    assert max(peaks.values()) > 0.8 * limit  # the fork hog did reach the limit: the bound was tested
    state = json.loads((limited["workspace"] / "pmo-lessons" / f"{ASSIGNMENT}.json").read_text())
    assert 0 < state["students"]["forkhog"]["peak_memory_mb"] <= MEMORY_MB
    said = stream_text(extra_cells(limited, "forkhog")[0])
    killed = re.search(r"children killed: (\d+) of 16", said)
    assert "KernelDied" in json.dumps(extra_cells(limited, "forkhog")) or (killed and int(killed.group(1)) > 0), said


def test_the_scratch_folder_tmp_and_shm_stop_at_their_sizes(limited):
    require(SANDBOXED, f"kernels cannot be sandboxed on this machine: {HOW}")
    said = stream_text(extra_cells(limited, "fill")[0])
    written = json.loads(re.search(r"MB written: (\{.*\})", said).group(1).replace("'", '"'))
    assert 200 <= written["scratch"] <= 256, written
    assert 40 <= written["tmp"] <= 64 and 40 <= written["shm"] <= 64, written


@pytest.mark.parametrize("trainee", list(CELLS))
def test_every_graded_notebook_and_feedback_page_stays_small(limited, trainee):
    assert notebook_of(limited, trainee).stat().st_size < 8 * 1024 * 1024
    pages = list((limited["workspace"] / "feedback" / trainee / ASSIGNMENT).glob("*.html"))
    assert len(pages) == 1 and pages[0].stat().st_size < 12 * 1024 * 1024


def test_an_error_keeps_its_last_lines_within_the_limit(limited):
    error = next(o for o in extra_cells(limited, "bigerror")[0]["outputs"] if o["output_type"] == "error")
    size = len(error["evalue"]) + sum(len(line) for line in error["traceback"])
    assert "ValueError" == error["ename"] and size <= 256 * 1024
    assert error["evalue"].rstrip().endswith("line of a long message")


def test_an_error_too_large_to_take_costs_its_cell_only(limited):
    outputs = extra_cells(limited, "hugeerror")[0]["outputs"]
    assert [o["ename"] for o in outputs if o["output_type"] == "error"][-1] in (
        "CellTimeoutError", "KernelDied", "MemoryError")


def test_display_updates_widget_state_and_many_cells_are_cut(limited):
    updates = extra_cells(limited, "updates")[0]
    assert "[output cut by the grader: over 256 kB]" in stream_text(updates)
    widgets = json.loads(notebook_of(limited, "widgets").read_text())
    assert "widgets" not in widgets["metadata"]  # widget state is not kept in a graded notebook
    cells = extra_cells(limited, "manyoutputs")
    kept = sum(len(stream_text(c)) for c in cells)
    assert kept <= 16 * 256 * 1024 + 60 * 100
    assert "[output cut by the grader" in stream_text(cells[-1])
