/**
 * The kernel frame's script, inlined into kernel.html (its CSP allows it by hash: an opaque
 * origin matches no 'self'). The frame is `<iframe sandbox="allow-scripts">`: an opaque origin
 * with no storage, and a CSP with no connect-src, so nothing in it can reach the network.
 *
 * It accepts one start message from its parent (the app) and starts the kernel worker from a
 * blob: URL, handing it the app's MessagePort, so the app and the worker talk directly. Where
 * the frame is cross-origin isolated it also owns the interrupt buffer and sets it on request.
 */
import type { FrameMessage, FrameReady, WorkerStart } from "./protocol";

// A classic worker: a module blob worker fails silently in an opaque-origin frame. Pyodide
// refuses classic workers while importScripts works, and importScripts is a network route
// anyway, so it is shadowed before the kernel bundle is imported.
// close() too: Python reaches it (js.close()), and a closed worker never answers again, so
// the page would wait on it forever. Taken off every prototype that has it, with nothing to restore.
const BOOTSTRAP = `
self.importScripts = undefined;
for (let scope = self; scope; scope = Object.getPrototypeOf(scope)) {
  if (Object.hasOwn(scope, "close")) Object.defineProperty(scope, "close", { value() { throw new Error("The kernel cannot close itself."); } });
}
self.onmessage = async (event) => {
  self.onmessage = null;
  const { source, port, interrupt } = event.data;
  const url = URL.createObjectURL(new Blob([source], { type: "text/javascript" }));
  (await import(url)).start(port, interrupt);
};`;

// A nested kernel page has no URL fragment; without ancestorOrigins (Firefox) it reads its name.
// The outer page is the app's own origin, and index.html's early frame (session.ts) has no fragment.
const appOrigin =
  location.ancestorOrigins?.[0] ??
  new URLSearchParams(location.hash.slice(1) || self.name).get("origin") ??
  (self.origin === "null" ? null : self.origin);
// Offline (issue 7): an opaque frame's navigation never goes through the app's service worker
// (Chromium), so the app embeds this page same-origin, where the worker serves it, and this page
// nests the kernel: this same document in an opaque `<iframe sandbox="allow-scripts" srcdoc>`,
// which inherits this page's CSP (header or meta) and carries its meta copy. Out here only the
// app's messages are relayed; Python runs in there, with no network and no storage, as before.
const kernel = self.origin === "null" ? null : nestKernel();
// The frame owns the interrupt buffer: one made on the app page cannot be posted in (messageerror).
const interrupt = self.crossOriginIsolated ? new Int32Array(new SharedArrayBuffer(4)) : null;
// In the kernel frame, the worker's thread starts now, while the app sends its start message.
const worker = kernel ? null : new Worker(URL.createObjectURL(new Blob([BOOTSTRAP], { type: "text/javascript" })));
let started = false;
const ready: FrameReady = { type: "kernel-frame-ready" };
// The outer page holds the app's messages until the nested kernel says it can take them, so the
// app need not wait for that: its start message is passed on in the task that hears it, not after
// two more on the app's thread, which is busy drawing the UI then (~30 ms on a repeat visit).
let held: MessageEvent<FrameMessage>[] | null = kernel ? [] : null;
// The app may start the kernel once this frame can take the message (its load event comes ~100 ms later).
if (kernel) document.documentElement.dataset.ready = ""; // read by the app where this came before its script
if (appOrigin) parent.postMessage(ready, appOrigin);

addEventListener("message", (event: MessageEvent<FrameMessage | FrameReady>) => {
  if (kernel && event.source === kernel && event.data?.type === ready.type) {
    for (const message of held ?? []) relay(message, kernel);
    held = null;
    return;
  }
  if (event.source !== parent || event.origin !== appOrigin) return;
  if (kernel) {
    if (held) held.push(event as MessageEvent<FrameMessage>);
    else relay(event as MessageEvent<FrameMessage>, kernel);
    return;
  }
  const message = event.data;
  if (message?.type === "interrupt") {
    if (interrupt) Atomics.store(interrupt, 0, 2); // 2 = SIGINT; plain writes lost interrupts
    return;
  }
  const port = event.ports[0];
  if (started || !worker || message?.type !== "start" || !(message.source instanceof ArrayBuffer) || !port) return;
  started = true;
  // Python can post to its worker's parent; nothing from the worker is trusted or used here.
  worker.onmessage = null;
  const start: WorkerStart = {
    source: message.source,
    port,
    interrupt: (interrupt?.buffer as SharedArrayBuffer) ?? null,
  };
  worker.postMessage(start, [message.source, port]);
});

function nestKernel(): Window {
  const frame = document.createElement("iframe");
  frame.sandbox.add("allow-scripts"); // never allow-same-origin: the kernel must stay opaque
  frame.allow = "cross-origin-isolated";
  frame.title = "Python kernel";
  frame.name = `origin=${encodeURIComponent(appOrigin ?? "")}`;
  frame.srcdoc = `<!doctype html>${document.documentElement.outerHTML}`;
  document.body.append(frame);
  return frame.contentWindow!;
}

/** Passes the app's message on to the kernel, with what it transferred (the ports, the worker's source). */
function relay(event: MessageEvent<FrameMessage>, to: Window): void {
  const source = event.data?.type === "start" ? event.data.source : undefined;
  to.postMessage(event.data, "*", source instanceof ArrayBuffer ? [source, ...event.ports] : [...event.ports]);
}
