"""nbgrader's exchange, for the stages that use it: release publishes, collect takes, feedback returns.

On a laptop the exchange is a folder in the workspace; on JupyterHub one folder shared by every
trainee's server and the trainer's. Trainees fetch and submit with JupyterLab's Assignment List
(nbgrader's own commands); the stages call nbgrader's exchange steps through :func:`exchange_step`.

This module imports nbgrader: the stages import it only when they use the exchange.
"""

from __future__ import annotations

import os

from nbgrader.auth import Authenticator
from nbgrader.exchange import ExchangeError
from nbgrader.exchange.default.collect import ExchangeCollect

from .workspace import GradingError, quiet

__all__ = ["exchange_step", "OwnedCollect"]


def exchange_step(ws, step_class, what, settings=None, **coursedir):
    """Run one of nbgrader's exchange steps (``settings``: its options, e.g. ``force``); its failure
    becomes a GradingError naming the exchange. Returns the step, to read what it did."""
    step = quiet(step_class(coursedir=ws.coursedir(**coursedir), authenticator=Authenticator(config=ws.config),
                            config=ws.config))
    for name, value in (settings or {}).items():
        setattr(step, name, value)
    try:
        step.start()
    except (ExchangeError, OSError) as error:
        raise GradingError(f"{what} failed in the exchange {ws.exchange_root}: {error or type(error).__name__}"
                           " (the exchange must exist and be writable: see the README's trainer section)") from error
    return step


class OwnedCollect(ExchangeCollect):
    """nbgrader's collect, taking only folders written by the trainee they name (or by the
    collector: one account on a laptop), and from them only regular files. nbgrader only warns: its
    inbound folder is writable by every trainee, so one could plant a folder named as another's
    newer submission, or a link to the course's solutions.

    ``planted`` lists what was left as another's: ``(folder, its owner, the trainee it names)``;
    ``refused`` what was left for another reason: ``(folder or file, why)`` (a link, a special file,
    a name that is not a submission, a file over ``max_mb``).
    """

    max_mb = 32

    def init_src(self):
        self.planted, self.refused = [], []
        super().init_src()
        self.src_records = [r for r in self.src_records if r["username"] is not None]

    def _path_to_record(self, path):
        import stat

        from .collect import valid_student_id

        name = os.path.basename(path)
        try:
            record = super()._path_to_record(path)
        except Exception:  # nbgrader's fail(): one odd name must not stop the collection
            self.refused.append((name, "not collected: not a submission's folder name (trainee+assignment+time)"))
            return {"username": None, "filename": name, "timestamp": None}
        info = os.lstat(path)
        if not stat.S_ISDIR(info.st_mode):
            what = "a link" if stat.S_ISLNK(info.st_mode) else "not a folder"
            self.refused.append((name, f"not collected: {what} (links are never followed)"))
            record["username"] = None
            return record
        if not valid_student_id(record["username"]):
            self.refused.append((name, "not collected: the trainee id in its name is not usable"))
            record["username"] = None
            return record
        owner = info.st_uid
        if hasattr(os, "getuid") and owner != os.getuid():
            import pwd

            try:
                owner_name = pwd.getpwuid(owner).pw_name
            except KeyError:
                owner_name = f"uid {owner}"
            if owner_name != record["username"]:
                self.planted.append((name, owner_name, record["username"]))
                record["username"] = None
        return record

    def do_copy(self, src, dest, log=None):
        """Copy a submission's folder: its regular files only (no link followed, no special file),
        each within ``max_mb``; the rest is refused with the reason."""
        import shutil
        import stat

        limit = self.max_mb * 1024 * 1024 if self.max_mb else None
        os.makedirs(dest, exist_ok=True)
        for entry in sorted(os.scandir(src), key=lambda e: e.name):
            where = f"{os.path.basename(src)}/{entry.name}"
            info = entry.stat(follow_symlinks=False)
            if stat.S_ISDIR(info.st_mode):
                if entry.name != ".ipynb_checkpoints":
                    self.do_copy(entry.path, os.path.join(dest, entry.name))
            elif not stat.S_ISREG(info.st_mode) or info.st_nlink > 1:
                self.refused.append((where, "not collected: a link or a special file (never followed or copied)"))
            elif limit and info.st_size > limit:
                self.refused.append((where, f"not collected: over the size limit of {self.max_mb} MB"))
            else:
                fd = os.open(entry.path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
                with os.fdopen(fd, "rb") as source, open(os.path.join(dest, entry.name), "wb") as target:
                    shutil.copyfileobj(source, target)
