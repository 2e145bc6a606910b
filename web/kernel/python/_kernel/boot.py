"""Prepares the interpreter for user code: the data folder, display(), matplotlib capture."""

import builtins
import os
import sys

from . import display, plots

DATA = "/mnt/data"


def boot(emit_display) -> None:
    os.makedirs(DATA, exist_ok=True)
    os.chdir(DATA)  # so open("sales.csv") finds an upload
    # Uploads must never shadow modules (a file named pandas.py): keep the data folder off sys.path.
    sys.path[:] = [p for p in sys.path if p not in ("", ".", DATA)]
    os.environ["MPLBACKEND"] = plots.BACKEND
    display.emit = emit_display
    display.install()
    builtins.input = _no_input


def _no_input(prompt=""):
    """A cell runs to its end without waiting for anyone: there is no keyboard to read from."""
    raise EOFError("input() has no keyboard to read from here: put the value in the code instead")
