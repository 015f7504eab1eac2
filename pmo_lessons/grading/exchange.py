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
    collector: one account on a laptop). nbgrader only warns: its inbound folder is writable by
    every trainee, so one could plant a folder named as another's newer submission.

    ``planted`` lists what was left: ``(folder, its owner, the trainee it names)``.
    """

    def init_src(self):
        self.planted = []
        super().init_src()
        self.src_records = [r for r in self.src_records if r["username"] is not None]

    def _path_to_record(self, path):
        record = super()._path_to_record(path)
        owner = os.stat(path).st_uid
        if hasattr(os, "getuid") and owner != os.getuid():
            import pwd

            try:
                name = pwd.getpwuid(owner).pw_name
            except KeyError:
                name = f"uid {owner}"
            if name != record["username"]:
                self.planted.append((os.path.basename(path), name, record["username"]))
                record["username"] = None
        return record
