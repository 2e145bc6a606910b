/**
 * Python that forges the kernel's side of its boundary with the app (web/kernel/protocol.ts).
 * Python reaches every JavaScript object in its worker, so it can patch
 * `MessagePort.prototype.postMessage` and learn the two ports the worker talks to the app on:
 * the one the app calls the kernel through ("main": run, listFiles…, answered by the worker) and
 * the one the kernel calls the app's callbacks through ("app": onEvent, coreFile, lockFile,
 * fetchPackage). From there it can send the app anything Comlink's wire format allows.
 *
 * `SPY` goes in one cell; `FORGE` starts the next. The spy removes itself as that next run
 * starts: print() calls into JavaScript without the GIL, and a Python spy called from there
 * crashes the kernel.
 */

/**
 * Records every message the worker posts, with its port, until the next run starts (it must be
 * gone before that run prints, and before a restored kernel re-running this cell prints).
 */
export const SPY = String.raw`
import js
from pyodide.ffi import create_proxy
_post = js.MessagePort.prototype.postMessage
_sent = js.Array.new()
def _spy(this, *args):
    _sent.push(js.Array.of(this, args[0]))
    if '"kind":"started"' in str(js.JSON.stringify(args[0])):
        js.MessagePort.prototype.postMessage = _post
    return _post.call(this, *args)
js.MessagePort.prototype.postMessage = create_proxy(_spy, capture_this=True)
`;

/**
 * Defines APP and MAIN (the ports), NOW (this run's "started" event: its nonce and run id),
 * BEFORE (the previous run's result, with its run id), and helpers to post on the ports.
 */
export const FORGE = String.raw`
import asyncio, json
from pyodide.ffi import create_proxy, to_js

def obj(d): return to_js(d, dict_converter=js.Object.fromEntries)
_messages = [(pair[0], json.loads(js.JSON.stringify(pair[1]) or "null")) for pair in _sent]
def _is_event(m): return isinstance(m, dict) and m.get("path") == ["onEvent"]
def _is_result(m): return isinstance(m, dict) and isinstance(m.get("value"), dict) and "changedFiles" in m["value"]
APP, NOW = [(port, m["argumentList"][0]["value"]) for port, m in _messages if _is_event(m)][-1]
MAIN, BEFORE = [(port, m["value"]) for port, m in _messages if _is_result(m)][-1]
_count = 0

def post(port, message):
    _post.call(port, obj(message))

def call_app(path, *args, kind="APPLY"):
    global _count
    _count += 1
    post(APP, {"id": f"forged-{_count}", "type": kind, "path": path,
               "argumentList": [{"type": "RAW", "value": a} for a in args]})

def event(**fields):  # an onEvent call, with this run's nonce and run id unless replaced
    call_app(["onEvent"], {"nonce": NOW["nonce"], "runId": NOW["runId"], **fields})
`;
