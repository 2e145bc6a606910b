"""Runs one cell the way a notebook does.

Called from the kernel worker with the cell's code as an argument (never pasted into code).
Returns a JSON string so no Python object crosses into JavaScript.
"""

import __main__
import json
import linecache
import traceback

from pyodide.code import eval_code_async

from . import display, files, plots

user_namespace = __main__.__dict__


async def run(code: str, filename: str) -> str:
    linecache.cache[filename] = (len(code), None, code.splitlines(True), filename)
    before = files.snapshot()
    try:
        value = await eval_code_async(
            code, user_namespace, filename=filename, return_mode="last_expr"
        )
        plots.flush()
        bundle = None if value is None else display.mime_bundle(value)
        result = {"status": "ok", "value": bundle}
    except BaseException as error:  # user code may raise anything, SystemExit included
        plots.close_all()
        result = {"status": "error", "error": describe(error, filename)}
    result["changedFiles"] = files.changed(before)
    return json.dumps(result)


def describe(error: BaseException, filename: str) -> dict:
    """The error as the user should see it: frames from their cell onwards, none of ours."""
    tb = error.__traceback__
    while tb is not None and tb.tb_frame.f_code.co_filename != filename:
        tb = tb.tb_next
    if tb is None or isinstance(error, SyntaxError):
        lines = traceback.format_exception_only(type(error), error)
    else:
        lines = traceback.format_exception(type(error), error, tb)
    return {
        "name": type(error).__name__,
        "message": display.truncate(_message(error)),
        "traceback": display.truncate("".join(lines)),
    }


def _message(error: BaseException) -> str:
    try:
        return str(error)
    except BaseException:  # a user-defined __str__ that raises must not break the kernel
        return "<exception str() failed>"
