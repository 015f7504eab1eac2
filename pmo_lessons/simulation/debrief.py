"""The debrief of a quarter (drafted below)."""

__all__ = ["debrief", "Debrief"]


class Debrief:
    pass


def debrief(game):
    return Debrief()
