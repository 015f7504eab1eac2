"""The course in a real JupyterLab, driven in headless Chromium with Playwright.

The tests start ``jupyter lab`` on loopback over a copy of the course (so that
nothing they type or save reaches the repository), open it in Debian's
chromium, and do what a trainee and a trainer do: run every lesson, move the
planning lesson's widget, answer an exercise, validate it, open the
formgrader. Screenshots of each step go to the folder named by
PMO_SCREENSHOTS (default ``.artifacts/screenshots/``), for a human to look at.

Chromium comes from the system (``apt-get install chromium``; .ci/run installs
it); Playwright never downloads a browser here. Without chromium the tests
skip with that message, except in CI, where a missing browser is a failure.
"""

import contextlib
import hashlib
import json
import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from .conftest import ROOT

pytestmark = pytest.mark.browser

CHROMIUM = os.environ.get("PMO_CHROMIUM") or next(
    (path for path in map(shutil.which, ("chromium", "chromium-browser", "google-chrome")) if path), None
)
SHOTS = Path(os.environ.get("PMO_SCREENSHOTS") or ROOT / ".artifacts" / "screenshots")
LESSONS = sorted(p.name for p in (ROOT / "course").glob("*.ipynb"))
CHROMIUM_FLAGS = [
    "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
RUN_TIMEOUT_MS = 240_000


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """A JupyterLab server over a copy of the course; yields its base URL and token."""
    if CHROMIUM is None:
        message = ("chromium is not installed: install it with `apt-get install chromium` "
                   "(Debian/Ubuntu) or set PMO_CHROMIUM to a Chromium or Chrome executable")
        if os.environ.get("CI"):
            pytest.fail(message + " (CI must run the browser tests: .ci/run installs chromium)")
        pytest.skip(message)
    copy = tmp_path_factory.mktemp("kit")
    for folder in ("course", "exercises", "solutions"):
        shutil.copytree(ROOT / folder, copy / folder)
    shutil.copy(ROOT / "nbgrader_config.py", copy)
    port, token = free_port(), secrets.token_hex(16)
    env = {**os.environ, "PMO_GRADING_DIR": str(copy / "grading"), "JUPYTER_PLATFORM_DIRS": "1",
           "PATH": str(Path(sys.executable).parent) + os.pathsep + os.environ.get("PATH", "")}
    args = [sys.executable, "-m", "jupyterlab", "--no-browser", "--ServerApp.ip=127.0.0.1",
            f"--ServerApp.port={port}", f"--IdentityProvider.token={token}",
            f"--ServerApp.root_dir={copy}", "--LabApp.expose_app_in_browser=True",
            "--ServerApp.open_browser=False"]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        args.append("--allow-root")
    # as `kit.py start` does: trust the lessons, so their saved widgets show before anything runs
    subprocess.run([sys.executable, "-m", "jupyter", "trust", *map(str, (copy / "course").glob("*.ipynb"))],
                   env=env, check=True, capture_output=True)
    for step in (["generate_assignment", "planning", "--force"], ["release_assignment", "planning"]):
        subprocess.run([sys.executable, "-m", "nbgrader", *step], cwd=copy, env=env, check=True,
                       capture_output=True)
    with serve(args, copy, env, copy / "jupyter.log", port, token) as base:
        yield {"base": base, "token": token, "root": copy}


@contextlib.contextmanager
def serve(args, cwd, env, log_path, port, token):
    """A Jupyter server started with ``args``, up and answering; stopped afterwards. Yields its base URL."""
    log = open(log_path, "w")
    server = subprocess.Popen(args, cwd=cwd, env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                urllib.request.urlopen(f"{base}/api/status?token={token}", timeout=2)
                break
            except OSError as error:
                if server.poll() is not None or time.monotonic() > deadline:
                    raise AssertionError(f"jupyter lab did not start:\n{Path(log_path).read_text()}") from error
                time.sleep(0.5)
        yield base
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()


@pytest.fixture(scope="module")
def browser(lab):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, request):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.set_default_timeout(60_000)
    folder = SHOTS / request.node.name.replace("[", "-").replace("]", "").replace(".ipynb", "")
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    steps = iter(range(1, 100))
    page.shot = lambda name: page.screenshot(path=str(folder / f"{next(steps):02d}-{name}.png"))
    yield page
    context.close()


# --- what a trainee does --------------------------------------------------------

CODE_CELLS = """() => {
  const panel = window.jupyterapp.shell.currentWidget;
  return panel.content.widgets.filter(c => c.model.type === 'code').map(c => ({
    count: c.model.executionCount,
    outputs: c.model.outputs.toJSON().map(o => o.output_type + ':' + (o.ename || '')),
    source: c.model.sharedModel.getSource().slice(0, 80),
  }));
}"""


def lab_url(lab, path=""):
    """A URL in a fresh JupyterLab workspace, so no test inherits another's open tabs."""
    workspace = secrets.token_hex(4)
    tree = f"/tree/{path}" if path else ""
    return f"{lab['base']}/lab/workspaces/{workspace}{tree}?reset&token={lab['token']}"


def open_notebook(page, lab, path):
    page.goto(lab_url(lab, path))
    page.wait_for_function(
        """(name) => {
          const w = window.jupyterapp && window.jupyterapp.shell.currentWidget;
          const kernel = w && w.sessionContext && w.sessionContext.session
                         && w.sessionContext.session.kernel;
          return w && w.context.path.endsWith(name) && kernel && kernel.status === 'idle';
        }""",
        arg=path.rsplit("/", 1)[-1], timeout=RUN_TIMEOUT_MS,
    )


def command(page, name, args=None):
    page.evaluate("async ([name, args]) => { await window.jupyterapp.commands.execute(name, args || {}); "
                  "return null; }", [name, args])


def run_all(page):
    """Run every cell; wait until the kernel is idle and nothing is queued."""
    command(page, "notebook:run-all-cells")
    page.wait_for_function(
        """() => {
          const w = window.jupyterapp.shell.currentWidget;
          const busy = w.sessionContext.session.kernel.status !== 'idle';
          const queued = w.content.widgets.some(c => c.model.type === 'code'
                         && c.promptNode && c.promptNode.textContent.includes('*'));
          return !busy && !queued;
        }""",
        timeout=RUN_TIMEOUT_MS, polling=500,
    )
    return page.evaluate(CODE_CELLS)


def go_to_cell(page, index):
    """Make cell ``index`` the active cell and scroll it into view."""
    page.evaluate(
        """async (i) => {
          const nb = window.jupyterapp.shell.currentWidget.content;
          nb.activeCellIndex = i;
          await nb.scrollToItem(i, 'center');
        }""",
        index,
    )
    page.wait_for_timeout(300)


def cell_index(page, text):
    """Index of the first code cell whose source contains ``text``."""
    return page.evaluate(
        """(text) => window.jupyterapp.shell.currentWidget.content.widgets.findIndex(
             c => c.model.type === 'code' && c.model.sharedModel.getSource().includes(text))""",
        text,
    )


def cell_errors(page, index):
    return page.evaluate(
        """(i) => window.jupyterapp.shell.currentWidget.content.widgets[i].model.outputs.toJSON()
             .filter(o => o.output_type === 'error').map(o => o.ename + ': ' + o.evalue)""",
        index,
    )


@pytest.mark.parametrize("lesson", LESSONS)
def test_lesson_runs_and_shows_its_tables_and_figures(lab, page, lesson):
    open_notebook(page, lab, f"course/{lesson}")
    page.shot("opened")
    cells = run_all(page)
    page.shot("ran")
    not_run = [c["source"] for c in cells if c["count"] is None]
    errors = [(c["source"], o) for c in cells for o in c["outputs"] if o.startswith("error")]
    assert not not_run, f"cells that did not run in {lesson}: {not_run}"
    assert not errors, f"error outputs in {lesson}: {errors}"
    # every figure the lesson draws is an image the browser decoded
    images = page.evaluate(
        """() => { const nb = window.jupyterapp.shell.currentWidget.content;
                   return nb.widgets.flatMap(c => c.model.type !== 'code' ? [] :
                     c.model.outputs.toJSON().filter(o => o.data && o.data['image/png'])).length; }"""
    )
    tables = page.evaluate(
        """() => { const nb = window.jupyterapp.shell.currentWidget.content;
                   return nb.widgets.flatMap(c => c.model.type !== 'code' ? [] :
                     c.model.outputs.toJSON().filter(o => o.data && String(o.data['text/html'] || '')
                       .includes('<table'))).length; }"""
    )
    committed = [o for c in json.loads((ROOT / "course" / lesson).read_text())["cells"] for o in c.get("outputs", [])]
    drawn = sum(1 for o in committed if "image/png" in o.get("data", {}))
    tabled = sum(1 for o in committed if "<table" in "".join(o.get("data", {}).get("text/html", "")))
    # as many figures and tables as the lesson's committed outputs (the glossary, say, has no figure)
    assert images >= drawn and (images >= 1 or not drawn), f"{lesson} shows {images} figures, not {drawn}"
    assert tables >= min(tabled, 1), f"{lesson} shows no table"
    if not drawn:
        return
    first_figure = page.evaluate(
        """() => window.jupyterapp.shell.currentWidget.content.widgets.findIndex(c =>
             c.model.type === 'code' && c.model.outputs.toJSON().some(o => o.data && o.data['image/png']))"""
    )
    go_to_cell(page, first_figure)
    rendered = page.locator(".jp-Cell.jp-mod-active .jp-RenderedImage img").first
    rendered.wait_for()
    page.wait_for_function("(img) => img.complete && img.naturalWidth > 100", arg=rendered.element_handle())
    page.shot("figure")


def test_trusted_lesson_shows_its_widget_before_running(lab, page):
    open_notebook(page, lab, "course/01_planning.ipynb")
    go_to_cell(page, cell_index(page, "explorer = WhatIf(house"))
    page.locator(".jp-Cell.jp-mod-active .widget-dropdown select").wait_for()
    page.shot("saved-widget")


def test_planning_widget_responds_in_the_browser(lab, page):
    open_notebook(page, lab, "course/01_planning.ipynb")
    run_all(page)
    explorer = page.locator(".widget-vbox").filter(has=page.locator(".widget-dropdown")).first
    explorer.scroll_into_view_if_needed()
    summary = explorer.locator(".widget-html-content").first
    page.wait_for_function("(el) => el.textContent.includes('44 weeks')", arg=summary.element_handle())
    chart = explorer.locator(".jp-OutputArea-output img").first
    before_chart = chart.get_attribute("src")
    page.shot("before")

    explorer.locator(".widget-dropdown select").select_option(label="F  Install the interior plumbing")
    readout = explorer.locator(".widget-readout").first
    readout.click()
    page.keyboard.press("Control+A")
    page.keyboard.type("1")
    page.keyboard.press("Enter")
    page.wait_for_function("(el) => el.textContent.includes('42 weeks')", arg=summary.element_handle())
    text = summary.inner_text()
    assert "2 weeks earlier than the baseline" in text
    assert "A → B → C → I → J → L → N" in text
    page.wait_for_function(  # the Gantt chart is redrawn: a new image replaces the old one
        """([box, old]) => { const img = box.querySelector('.jp-OutputArea-output img');
                             return img && img.getAttribute('src') !== old; }""",
        arg=[explorer.element_handle(), before_chart])
    page.shot("after")


def test_the_quarter_is_played_to_the_end_in_the_cockpit(lab, page):
    """Lesson 16's cockpit: a decision, one refused, thirteen weeks played, the score, the debrief."""
    open_notebook(page, lab, "course/16_simulation.ipynb")
    run_all(page)
    cockpit = page.locator(".widget-vbox").filter(has=page.get_by_role("button", name="Play the week")).first
    cockpit.scroll_into_view_if_needed()
    summary = cockpit.locator(".widget-html-content").first
    page.wait_for_function("(el) => el.textContent.includes('Week 0 of 13')", arg=summary.element_handle())
    page.shot("cockpit-week-0")

    cockpit.get_by_role("button", name="Take the decision").click()  # the menu's default: a health check
    page.wait_for_function("(el) => el.textContent.includes('Your decisions this week')",
                           arg=summary.element_handle())
    assert "health check ERP" in summary.inner_text()

    cockpit.locator("select").first.select_option(label="Draw on the reserve")
    amount = cockpit.locator(".widget-inline-hbox").filter(has_text="EUR").locator("input").first
    amount.fill("99999999")
    amount.press("Enter")
    cockpit.get_by_role("button", name="Take the decision").click()
    page.wait_for_function("(el) => el.textContent.includes('Not applied')", arg=summary.element_handle())
    assert "management reserve left" in summary.inner_text()
    summary.get_by_text("Not applied").scroll_into_view_if_needed()
    page.shot("cockpit-refused")

    for week in range(1, 14):
        cockpit.get_by_role("button", name="Play the week").click()
        page.wait_for_function("([el, week]) => el.textContent.includes(`Week ${week} of 13`)",
                               arg=[summary.element_handle(), week], timeout=RUN_TIMEOUT_MS)
        if week == 2:
            assert "Steering committee this week" in summary.inner_text()
            cockpit.get_by_role("button", name="Portfolio report").click()
            heading = cockpit.get_by_text("Portfolio report to the steering committee").first
            heading.wait_for()
            heading.scroll_into_view_if_needed()
            page.shot("cockpit-committee")
            cockpit.get_by_role("button", name="Portfolio report").click()
    page.wait_for_function("(el) => el.textContent.includes('The quarter is over')", arg=summary.element_handle())
    text = summary.inner_text()
    assert re.search(r"The quarter is over: \d+\.\d points out of 100", text)
    assert all(part in text for part in ("value", "schedule", "cost", "risk", "health"))
    summary.get_by_text("The quarter is over").scroll_into_view_if_needed()
    page.shot("cockpit-score")

    cockpit.get_by_role("button", name="Debrief").click()
    cockpit.get_by_text("The decisions that mattered").first.wait_for(timeout=RUN_TIMEOUT_MS)
    assert "doing nothing" in cockpit.inner_text() and "the expert" in cockpit.inner_text()
    cockpit.locator("h4", has_text="Debrief").scroll_into_view_if_needed()
    page.shot("cockpit-debrief")


def test_exercise_self_check_and_validate(lab, page):
    path = "exercises/planning/planning.ipynb"
    open_notebook(page, lab, path)
    run_all(page)  # stops at the first self-check: nothing is answered yet
    answer = cell_index(page, "YOUR CODE HERE")
    check = cell_index(page, "# Self-check for 1a")
    assert 0 < answer < check

    def type_answer(text):
        go_to_cell(page, answer)
        command(page, "notebook:enter-edit-mode")
        page.keyboard.press("Control+A")
        page.keyboard.type(text)
        command(page, "notebook:run-cell-and-select-next")  # the answer
        command(page, "notebook:run-cell-and-select-next")  # its self-check
        page.wait_for_function(
            "() => window.jupyterapp.shell.currentWidget.sessionContext.session.kernel.status === 'idle'")
        page.wait_for_timeout(500)

    type_answer("project_duration = 50\ncritical_tasks = ['A']\ntotal_float = {}")
    errors = cell_errors(page, check)
    assert errors and "cannot be shorter than its longest task" in errors[0]
    go_to_cell(page, check)
    page.locator(".jp-OutputArea-output").filter(has_text="cannot be shorter").first.wait_for()
    page.shot("self-check-message")

    type_answer('project_duration = 23\ncritical_tasks = ["A", "B", "C", "F", "G", "H", "J"]\n'
                'total_float = {"D": 11, "E": 7, "I": 2}')
    assert [] == cell_errors(page, check)
    page.shot("self-check-passes")

    page.get_by_role("button", name="Validate").first.click()
    dialog = page.locator(".jp-Dialog")
    dialog.get_by_text("Validation Results").wait_for(timeout=RUN_TIMEOUT_MS)
    page.shot("validated")
    report = dialog.inner_text()
    assert "# Self-check for 1a" not in report, "question 1a is answered: validate must not flag it"
    assert "# Self-check for question 2" in report, "question 2 is not answered: validate must say so"
    assert "This cell stopped: it uses" in report and "Traceback" not in report, "validate speaks plain words"


def test_trainee_sees_the_released_assignment(lab, page):
    page.goto(lab_url(lab))
    page.wait_for_function("() => window.jupyterapp && window.jupyterapp.commands.hasCommand("
                           "'nbgrader:open-assignment-list')")
    command(page, "nbgrader:open-assignment-list")
    released = page.locator("#released_assignments_list")
    released.get_by_text("planning").first.wait_for()
    page.shot("assignment-list")
    released.get_by_role("button", name="Fetch").first.click()
    page.locator("#fetched_assignments_list").get_by_text("planning").first.wait_for()
    page.shot("fetched")


def test_formgrader_lists_the_assignments(lab, page):
    page.goto(f"{lab['base']}/formgrader?token={lab['token']}")
    for assignment in sorted(p.name for p in (ROOT / "solutions").iterdir() if p.is_dir()):
        page.get_by_role("link", name=assignment).first.wait_for()
    page.shot("formgrader")


# --- the first day: a trainee and a trainer on one machine, through the Assignment List ------------

PMO_LESSONS = Path(sys.executable).parent / "pmo-lessons"


def kit_module():
    sys.path.insert(0, str(ROOT))
    try:
        import kit
    finally:
        sys.path.remove(str(ROOT))
    return kit


@pytest.fixture(scope="module")
def day(tmp_path_factory):
    """A copy of the kit, its grading workspace and exchange, and two JupyterLab servers over it: the
    trainee's as `kit.py start` starts it (nbgrader's trainee tools only) and the trainer's as
    `pmo-lessons formgrader` starts it. The course's planning exercise is offered in the exchange."""
    if CHROMIUM is None:
        pytest.skip("chromium is not installed: install it with `apt-get install chromium`")
    kit = kit_module()
    if Path(sys.prefix).resolve() == kit.VENV.resolve():
        kit.write_settings()  # as `kit.py start` writes them, from this kit.py
    copy = tmp_path_factory.mktemp("day")
    home = tmp_path_factory.mktemp("home")  # the trainee's own nbgrader cache (submissions), no other run's
    for folder in ("course", "exercises", "solutions"):
        shutil.copytree(ROOT / folder, copy / folder)
    shutil.copy(ROOT / "nbgrader_config.py", copy)
    workspace = copy / "grading"
    env = {**os.environ, "PMO_GRADING_DIR": str(workspace), "JUPYTER_PLATFORM_DIRS": "1", "HOME": str(home),
           "PATH": str(Path(sys.executable).parent) + os.pathsep + os.environ.get("PATH", "")}
    env.pop("PMO_EXCHANGE_DIR", None)

    def trainer(*args):
        result = subprocess.run([str(PMO_LESSONS), *args, "--course", str(copy)], cwd=copy, env=env,
                                capture_output=True, text=True)
        assert result.returncode == 0, f"pmo-lessons {' '.join(args)}:\n{result.stdout}\n{result.stderr}"
        return result.stdout

    trainer("release", "planning", "--exchange")  # what `kit.py start` does for every exercise
    root_flag = ["--allow-root"] if hasattr(os, "geteuid") and os.geteuid() == 0 else []
    common = ["--no-browser", "--ServerApp.ip=127.0.0.1", "--LabApp.expose_app_in_browser=True"]
    trainee_port, trainer_port, token = free_port(), free_port(), secrets.token_hex(16)
    trainee_env = {**env, "JUPYTER_CONFIG_PATH": str(kit.trainee_config_dir())}
    trainee_args = [sys.executable, "-m", "jupyterlab", *common, f"--ServerApp.port={trainee_port}",
                    f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={copy}",
                    *kit.trainee_flags(), *root_flag]
    trainer_args = [str(PMO_LESSONS), "formgrader", "--course", str(copy), *common,
                    f"--ServerApp.port={trainer_port}", f"--IdentityProvider.token={token}"]
    with serve(trainee_args, copy, trainee_env, copy / "trainee.log", trainee_port, token) as trainee_base, \
            serve(trainer_args, copy, env, copy / "trainer.log", trainer_port, token) as trainer_base:
        yield {"root": copy, "token": token, "trainer": trainer, "workspace": workspace,
               "trainee": {"base": trainee_base, "token": token, "root": copy},
               "formgrader": {"base": trainer_base, "token": token, "root": copy}}


def no_error_dialog(page):
    dialogs = page.locator(".jp-Dialog")
    texts = [dialogs.nth(i).inner_text() for i in range(dialogs.count())]
    assert not texts, f"a dialog is open: {texts}"


def assignment_list(page, lab):
    page.goto(lab_url(lab))
    page.wait_for_function("() => window.jupyterapp && window.jupyterapp.commands.hasCommand("
                           "'nbgrader:open-assignment-list')")
    command(page, "nbgrader:open-assignment-list")
    page.locator("#released_assignments_list, #fetched_assignments_list").first.wait_for()
    page.wait_for_timeout(1500)  # the lists load from the server
    no_error_dialog(page)


def digest_of(path):
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def test_the_whole_day_on_one_machine(day, page):
    """Fetch from the Assignment List, answer, self-check, Validate, submit; the trainer collects,
    grades, sees the grades in the Formgrader, returns feedback; the trainee fetches and reads it.
    No error dialog, and the trainee's file is changed by no one but the trainee."""
    trainee = day["trainee"]
    # the trainee's JupyterLab: the Assignment List and Validate, not the trainer's tools
    assignment_list(page, trainee)
    commands = page.evaluate("() => ['nbgrader:open-formgrader', 'nbgrader:open-course-list', "
                             "'nbgrader:open-create-assignment'].filter(c => window.jupyterapp.commands.hasCommand(c))")
    assert commands == [], f"the trainee's JupyterLab offers the trainer's tools: {commands}"
    released = page.locator("#released_assignments_list")
    released.get_by_text("planning").first.wait_for()
    page.shot("assignment-list")
    released.get_by_role("button", name="Fetch").first.click()
    fetched = page.locator("#fetched_assignments_list")
    fetched.get_by_text("planning").first.wait_for()
    no_error_dialog(page)
    page.shot("fetched")
    mine = day["root"] / "my-work" / "planning" / "planning.ipynb"
    assert mine.exists(), "the Assignment List fetches into the trainee's own folder, my-work/"
    files = page.evaluate("async () => (await window.jupyterapp.serviceManager.contents.get('')).content"
                          ".map(f => f.name)")
    assert "my-work" in files and "exercises" not in files and "solutions" not in files, files

    # answer question 1, self-check it, Validate, save
    open_notebook(page, trainee, "my-work/planning/planning.ipynb")
    answer = cell_index(page, "YOUR CODE HERE")
    check = cell_index(page, "# Self-check for 1a")
    command(page, "notebook:run-all-cells")  # the imports and the plan; stops at the first blank answer
    page.wait_for_function("() => window.jupyterapp.shell.currentWidget.sessionContext.session.kernel.status"
                           " === 'idle'", timeout=RUN_TIMEOUT_MS)
    go_to_cell(page, answer)
    command(page, "notebook:enter-edit-mode")
    page.keyboard.press("Control+A")
    page.keyboard.type('project_duration = 23\ncritical_tasks = ["A", "B", "C", "F", "G", "H", "J"]\n'
                       'total_float = {"D": 11, "E": 7, "I": 2}')
    command(page, "notebook:run-cell-and-select-next")
    command(page, "notebook:run-cell-and-select-next")
    page.wait_for_function("() => window.jupyterapp.shell.currentWidget.sessionContext.session.kernel.status"
                           " === 'idle'")
    page.wait_for_timeout(500)
    assert [] == cell_errors(page, check)
    page.shot("answered-and-self-checked")
    command(page, "docmanager:save")
    page.wait_for_timeout(1000)
    page.get_by_role("button", name="Validate").first.click()
    dialog = page.locator(".jp-Dialog")
    dialog.get_by_text("Validation Results").wait_for(timeout=RUN_TIMEOUT_MS)
    page.shot("validated")
    assert "# Self-check for 1a" not in dialog.inner_text()
    dialog.get_by_role("button").last.click()
    dialog.wait_for(state="detached")
    saved = digest_of(mine)

    # submit from the Assignment List
    assignment_list(page, trainee)
    page.locator("#fetched_assignments_list").get_by_role("button", name="Submit").first.click()
    page.locator("#submitted_assignments_list").get_by_text("planning").first.wait_for(timeout=RUN_TIMEOUT_MS)
    no_error_dialog(page)
    page.shot("submitted")

    # the trainer: collect, grade, the Formgrader, feedback
    assert "(new)" in day["trainer"]("collect", "planning", "--exchange")
    graded = day["trainer"]("grade", "planning")
    me = next(line for line in graded.splitlines() if "/23" in line)
    assert re.search(r"\s5/23\s+graded", me), graded  # question 1 answered: 5 points
    assert "NotImplementedError" not in graded and "not answered" in me
    formgrader = day["formgrader"]
    page.goto(f"{formgrader['base']}/formgrader?token={formgrader['token']}")
    page.shot("formgrader-opened")
    page.goto(f"{formgrader['base']}/formgrader/gradebook/planning/planning")
    student = next(p.name for p in (day["workspace"] / "submitted").iterdir())
    page.wait_for_timeout(3000)
    page.shot("formgrader-grades")
    row = page.locator("tr").filter(has_text=student).first
    row.wait_for()
    assert re.search(r"\b5(\.0)? / 23(\.0)?\b", row.inner_text()), row.inner_text()
    day["trainer"]("feedback", "planning", "--exchange")
    assert digest_of(mine) == saved, "a command of the kit changed the trainee's notebook"

    # the trainee fetches the feedback and reads it
    assignment_list(page, trainee)
    page.locator("#submitted_assignments_list").get_by_role("button", name="Fetch Feedback").first.click()
    page.locator("#submitted_assignments_list").get_by_text("view feedback").first.wait_for(timeout=RUN_TIMEOUT_MS)
    no_error_dialog(page)
    page.shot("feedback-fetched")
    pages = list((day["root"] / "my-work" / "planning" / "feedback").rglob("planning.html"))
    assert len(pages) == 1, pages
    text = pages[0].read_text()
    assert "Your results: 5 / 23" in text and "Not answered" in text
    from pmo_lessons.grading.checks import html_text

    shown = " ".join(html_text(text).split())  # exception text, "Test cell" links: none
    assert not re.search(r"\b\w+(Error|Exception): |Traceback \(most recent|Test cell|In \[", shown), shown[:2000]
    page.locator("#submitted_assignments_list").get_by_text("view feedback").first.click()
    command(page, "docmanager:open", {"path": str(pages[0].relative_to(day["root"]))})
    page.locator(".jp-HTMLViewer iframe, iframe").first.wait_for()
    page.wait_for_timeout(2000)
    no_error_dialog(page)
    page.shot("feedback-opened")
    assert digest_of(mine) == saved
