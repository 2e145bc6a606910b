"""Runs one cell the way a notebook does.

Called from the kernel worker with the cell's code as an argument (never pasted into code).
Returns a JSON string so no Python object crosses into JavaScript.
"""

import __main__
import ast
import inspect
import json
import linecache
import sys
from traceback import format_exception, format_exception_only
from textwrap import dedent
from types import CodeType

from pyodide.code import should_quiet

from . import display, files, plots

user_namespace = __main__.__dict__
# Functions of other modules are bound here, at import: a cell that replaces
# traceback.format_exception must not take every later traceback with it.
_FLAGS = ast.PyCF_ALLOW_TOP_LEVEL_AWAIT


def run(code: str, filename: str):
    """Runs a cell: the JSON text of its result, or, when the cell uses top-level await, an
    awaitable of it. Most cells stay synchronous, which spares them a trip through the event loop."""
    linecache.cache[filename] = (len(code), None, code.splitlines(True), filename)
    before = files.snapshot()
    try:
        body, last = _compile(code, filename)
    except BaseException as error:  # a SyntaxError, or a cell too deep to parse
        return _finish(error, before, filename)
    if any(_awaits(part) for part in (body, last)):
        return _run_async(body, last, before, filename)
    try:
        eval(body, user_namespace)
        value = None if last is None else eval(last, user_namespace)
    except BaseException as error:  # user code may raise anything, SystemExit included
        return _finish(error, before, filename)
    return _finish(value, before, filename, ok=True)


async def _run_async(body: CodeType, last: CodeType | None, before: dict, filename: str) -> str:
    try:
        await _evaluate(body)
        value = None if last is None else await _evaluate(last)
    except BaseException as error:
        return _finish(error, before, filename)
    return _finish(value, before, filename, ok=True)


async def _evaluate(code: CodeType):
    outcome = eval(code, user_namespace)
    return await outcome if _awaits(code) else outcome


def _awaits(code: CodeType | None) -> bool:
    return code is not None and bool(code.co_flags & inspect.CO_COROUTINE)


def _compile(code: str, filename: str) -> tuple[CodeType, CodeType | None]:
    """The cell's statements, and apart from them its last expression, whose value is the cell's
    result (none where a semicolon ends the cell). Indented code is dedented, top-level await
    allowed. (Pyodide's CodeRunner returns the value by raising it, through an AST it deep-copies
    on every run: ~0.2 ms of a trivial cell's ~0.25 here.)"""
    tree = compile(dedent(code), filename, "exec", ast.PyCF_ONLY_AST | _FLAGS)
    last = None
    if tree.body and isinstance(tree.body[-1], ast.Expr) and not should_quiet(code):
        last = compile(ast.Expression(tree.body.pop().value), filename, "eval", _FLAGS)
    return compile(tree, filename, "exec", _FLAGS), last


def _finish(outcome, before: dict, filename: str, ok: bool = False) -> str:
    _flush_streams()
    if ok:
        try:
            plots.flush()
            bundle = None if outcome is None else display.mime_bundle(outcome)
            result = {"status": "ok", "value": bundle}
        except BaseException as error:  # a figure or a repr that fails is the cell's error
            ok, outcome = False, error
    if not ok:
        plots.close_all()
        result = {"status": "error", "error": describe(outcome, filename)}
    result.update(files.compare(before))
    return json.dumps(result)


def _flush_streams():
    """What a cell printed without a final newline (print(x, end="")) is shown with its cell,
    not with the next one that prints a newline: sys.stdout is line-buffered."""
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except BaseException:  # a stream the user replaced may fail in any way
            pass


def describe(error: BaseException, filename: str) -> dict:
    """The error as the user should see it: frames from their cell onwards, none of ours."""
    tb = error.__traceback__
    while tb is not None and tb.tb_frame.f_code.co_filename != filename:
        tb = tb.tb_next
    if tb is None or isinstance(error, SyntaxError):
        lines = format_exception_only(type(error), error)
    else:
        lines = format_exception(type(error), error, tb)
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
