/**
 * A kernel that lies: Python finds the worker's ports to the app (support/forge.ts) and sends
 * the app what Comlink's wire format allows — events naming another kernel or another run,
 * shapes the protocol does not have, events after its run has ended, floods, replies to the
 * app's own calls, and property paths into the app's objects. Every value from the kernel is
 * checked against the active run and its nonce (web/kernel/validate.ts, host.ts); a kernel that
 * breaks a rule is replaced, and nothing it forged reaches the page.
 */
import { expect, FROZEN_MS, test } from "./support/adversary.ts";
import { FORGE, SPY } from "./support/forge.ts";

/** Built at run time, so the cell's own code (shown on the page) does not contain it. */
const MARK = 'MARK = "FORGED" + "-OUTPUT"';
const BROKE = "The kernel broke the page's rules (malformed or flooding messages). The kernel was restarted.";

const forged: { name: string; code: string }[] = [
  {
    name: "an event with another kernel's nonce",
    code: `event(kind="stream", name="stdout", text=MARK, nonce="not-this-kernel")`,
  },
  {
    name: "an event naming an earlier run",
    code: `event(kind="stream", name="stdout", text=MARK, runId=BEFORE["runId"])`,
  },
  {
    name: "an event of a shape the protocol does not have",
    code: `event(kind="display", data={"text/html": {"toString": MARK}})\nevent(kind="script", text=MARK)`,
  },
];

for (const { name, code } of forged) {
  test(`messages: ${name} replaces the kernel`, async ({ adversary }) => {
    await adversary.setUp();
    await adversary.app.run(SPY);
    const cell = await adversary.app.run([FORGE, MARK, code, "await asyncio.sleep(2)"].join("\n"));
    await expect(cell.getByRole("log")).toContainText(BROKE);
    await expect(adversary.page.getByText("FORGED-OUTPUT")).toHaveCount(0);
    await adversary.expectSafe();
  });
}

test("messages: an event sent after its run ended replaces the kernel", async ({ adversary }) => {
  await adversary.setUp();
  await adversary.app.run(SPY);
  const late = `def late(): event(kind="stream", name="stdout", text=MARK)\njs.setTimeout(create_proxy(late), 300)`;
  await adversary.app.run([FORGE, MARK, late, 'print("scheduled")'].join("\n"));
  const kills = () =>
    adversary.page.evaluate(() =>
      performance.getEntriesByName("kernel-killed").map((mark) => String((mark as PerformanceMark).detail)),
    );
  const stray = async () => (await kills()).filter((reason) => reason.includes("malformed or stray message"));
  await expect.poll(stray).toHaveLength(1);
  // A replayed cell would break the rules again 300 ms after its kernel is up and restored.
  await expect(adversary.page.getByRole("status", { name: "Kernel" })).toContainText("ready");
  await adversary.page.waitForTimeout(2000);
  expect(await stray(), "kernels replaced for a stray message").toHaveLength(1);
  await expect(adversary.page.getByText("FORGED-OUTPUT")).toHaveCount(0);
  await adversary.expectSafe();
});

const FLOOD = `for i in range(50_000): event(kind="stream", name="stdout", text=".")`;

test("messages: a flood of valid-looking events is cut off", async ({ adversary }) => {
  await adversary.setUp();
  await adversary.app.run(SPY);
  const cell = await adversary.app.run([FORGE, FLOOD, "await asyncio.sleep(2)"].join("\n"));
  await expect(cell.getByRole("log")).toContainText(BROKE);
  await adversary.expectSafe();
});

// Each event costs the page a Comlink call and its reply; the kernel's calls come on a port the app
// owns, rate-watched and closed when the kernel is dropped, so the events still queued are never
// handled (before that, ~3.5 s of stall here).
test("messages: a flood of valid-looking events does not freeze the page", async ({ adversary }) => {
  await adversary.setUp();
  const gap = await adversary.heartbeat();
  await adversary.app.run(SPY);
  await adversary.app.run([FORGE, FLOOD, "await asyncio.sleep(2)"].join("\n"));
  expect(await gap(), "longest stall of the page's main thread (ms)").toBeLessThan(FROZEN_MS);
  await adversary.expectSafe();
});

test("messages: asking the app for Pyodide's core files again and again", async ({ adversary }) => {
  await adversary.setUp();
  const gap = await adversary.heartbeat();
  await adversary.app.run(SPY);
  const flood = `for i in range(300): call_app(["coreFile"], "pyodide.asm.wasm")\nawait asyncio.sleep(5)`;
  await adversary.app.run([FORGE, flood].join("\n"));
  expect(await gap(), "longest stall of the page's main thread (ms)").toBeLessThan(FROZEN_MS);
  await adversary.expectSafe();
});

test("messages: property paths into the app's callbacks reach nothing", async ({ adversary }) => {
  await adversary.setUp();
  await adversary.app.run(SPY);
  const paths = String.raw`
for kind, path, value in [
    ("SET", ["__proto__", "polluted"], "from the kernel"),
    ("SET", ["onEvent", "__proto__", "__proto__", "polluted"], "from the kernel"),
    ("SET", ["onEvent"], "replaced"),
]:
    post(APP, {"id": path[-1], "type": kind, "path": path, "value": {"type": "RAW", "value": value}})
call_app(["onEvent", "constructor"], "window.__pwned = 'Function from the kernel'", kind="CONSTRUCT")
call_app(["__proto__", "constructor", "assign"], {"polluted": "from the kernel"})
await asyncio.sleep(1)
print("sent")`;
  await adversary.app.run([FORGE, paths].join("\n"));
  const pollution = await adversary.page.evaluate(() => [
    Object.keys(Object.prototype),
    Object.keys(Function.prototype),
  ]);
  expect(pollution, "properties the kernel added to Object.prototype and Function.prototype").toEqual([[], []]);
  expect(await adversary.app.output("print(6 * 7)")).toBe("42"); // onEvent still the app's
  await adversary.expectSafe();
});

test("messages: a forged reply to the app's file listing shows its names as text", async ({ adversary }) => {
  await adversary.setUp();
  // Rewrites the worker's answer to the app's next listFiles, then steps aside as a run starts.
  const rewrite = String.raw`
import js
from pyodide.ffi import create_proxy, to_js
_post = js.MessagePort.prototype.postMessage
NAMES = ["<img src=x onerror=parent.__pwned=1>.csv", "../../../etc/passwd", "\u202ecod.exe"]
def _rewrite(this, *args):
    text = str(js.JSON.stringify(args[0]))
    if '"kind":"started"' in text:
        js.MessagePort.prototype.postMessage = _post
    elif '"modified":' in text and js.Array.isArray(args[0].value):
        args[0].value = to_js([{"name": n, "size": 1, "modified": 0} for n in NAMES], dict_converter=js.Object.fromEntries)
    return _post.call(this, *args)
js.MessagePort.prototype.postMessage = create_proxy(_rewrite, capture_this=True)`;
  await adversary.app.run(rewrite);
  const files = adversary.page.getByRole("list", { name: "Files in /mnt/data" });
  await expect(files).toContainText("<img src=x onerror=parent.__pwned=1>.csv");
  await expect(files.locator("img")).toHaveCount(0);
  // A name that leaves /mnt/data is refused by the kernel when asked for it.
  await files.getByRole("link", { name: /passwd/ }).click();
  await expect(files.getByRole("alert")).toContainText("Not a file name inside /mnt/data");
  await adversary.expectSafe();
});
