/**
 * Python that plays a hostile model inside the kernel: a probe tries one way out and prints its
 * verdict, "reached" only on a positive signal, "blocked: …" otherwise. The worker's CSP
 * violations are collected too, so a case can tell "refused by the CSP" from "failed anyway".
 * The canary's address goes in as data (JSON literals), as a model would write it.
 */
import type { AppPage } from "../fixtures.ts";
import { expect } from "../fixtures.ts";
import type { Canary } from "./canary.ts";

const PRELUDE = String.raw`
import asyncio, inspect, json, js
from pyodide.ffi import create_proxy, to_js

violations = []
def _violation(e): violations.append(f"{e.effectiveDirective} {e.blockedURI}")
js.self.addEventListener("securitypolicyviolation", create_proxy(_violation))

def url(route): return CANARY + "/" + route
def obj(d): return to_js(d, dict_converter=js.Object.fromEntries)

def event(target, ok, bad):  # a future settled by the first ok/bad event
    done = asyncio.get_running_loop().create_future()
    def on(verdict):
        def handle(e):
            if not done.done(): done.set_result(e.data if ok == "message" else verdict)
        return create_proxy(handle)
    target.addEventListener(ok, on("reached"))
    target.addEventListener(bad, on(f"blocked: {bad} event"))
    return done

async def verdict(make):
    try:
        result = make()
        if inspect.isawaitable(result): result = await asyncio.wait_for(result, 3)
        return result if isinstance(result, str) else "reached"
    except asyncio.TimeoutError:
        return "blocked: no answer within 3 s"
    except BaseException as e:
        return f"blocked: {type(e).__name__}: {e}"[:200]

async def report(make):
    result = await verdict(make)
    await asyncio.sleep(0.3)  # let anything the probe started run
    print("VERDICT " + json.dumps({"verdict": result, "violations": violations}))
`;

export interface Verdict {
  verdict: string;
  /** "directive blocked-uri" for each CSP violation the worker saw. */
  violations: string[];
}

/** Runs `probe` (Python defining and awaiting `report(...)`) in a cell; returns its verdict. */
export async function runProbe(app: AppPage, canary: Canary, probe: string, data: Record<string, unknown> = {}) {
  const literals = Object.entries({ CANARY: canary.url, WS: canary.wsUrl, PORT: canary.port, ...data }).map(
    ([name, value]) => `${name} = ${JSON.stringify(value)}`,
  );
  const output = await app.output([...literals, PRELUDE, probe].join("\n"));
  const line = /^VERDICT (\{.*\})$/m.exec(output);
  expect(line, `the probe printed no verdict:\n${output}`).not.toBeNull();
  return JSON.parse(line![1]) as Verdict;
}
