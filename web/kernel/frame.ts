/**
 * The kernel frame's script, inlined into kernel.html (its CSP allows it by hash: an opaque
 * origin matches no 'self'). The frame is `<iframe sandbox="allow-scripts">`: an opaque origin
 * with no storage, and a CSP with no connect-src, so nothing in it can reach the network.
 *
 * It accepts one start message from its parent (the app) and starts the kernel worker from a
 * blob: URL, handing it the app's MessagePort, so the app and the worker talk directly.
 */
import type { FrameStart } from "./protocol";

// A classic worker: a module blob worker fails silently in an opaque-origin frame. Pyodide
// refuses classic workers while importScripts works, and importScripts is a network route
// anyway, so it is shadowed before the kernel bundle is imported.
const BOOTSTRAP = `
self.importScripts = undefined;
self.onmessage = async (event) => {
  self.onmessage = null;
  const { source, port } = event.data;
  const url = URL.createObjectURL(new Blob([source], { type: "text/javascript" }));
  (await import(url)).start(port);
};`;

const appOrigin = location.ancestorOrigins?.[0] ?? new URLSearchParams(location.hash.slice(1)).get("origin");
let started = false;

function isStart(data: unknown): data is FrameStart {
  const d = data as FrameStart;
  return typeof d === "object" && d !== null && d.type === "start" && d.source instanceof ArrayBuffer;
}

addEventListener("message", (event: MessageEvent) => {
  if (started || event.source !== parent || event.origin !== appOrigin) return;
  const port = event.ports[0];
  if (!isStart(event.data) || !port) return;
  started = true;
  const worker = new Worker(URL.createObjectURL(new Blob([BOOTSTRAP], { type: "text/javascript" })));
  // Python can post to its worker's parent; nothing from the worker is trusted or used here.
  worker.onmessage = null;
  worker.postMessage({ source: event.data.source, port }, [event.data.source, port]);
});
