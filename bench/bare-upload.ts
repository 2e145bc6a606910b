/**
 * The baseline for a 100 MB upload (figure 6): the same bytes transferred to a bare Pyodide
 * worker and written with FS.writeFile. `window.upload(size)` resolves with the time from the
 * post to the worker's reply, and the longest gap of a 10 ms heartbeat meanwhile. For figure 9,
 * `window.upload(size, csv)` sends CSV text instead, and `window.run(code)` runs Python.
 */
import { HEARTBEAT } from "./heartbeat.ts";

export const BARE_UPLOAD_PAGE = `<!doctype html><meta charset="utf-8"><title>bare upload</title><script type="module">
${HEARTBEAT}
const worker = new Worker("./upload-worker.mjs", { type: "module" });
worker.onmessage = (event) => {
  if (event.data.ready) window.ready = true;
  if (event.data.written) window.written?.();
  if (event.data.ran) window.ran?.(event.data.value);
};
window.run = (code) => new Promise((resolve) => {
  window.ran = resolve;
  worker.postMessage(code);
});
window.upload = (size, csv) => {
  const data = csv ? new TextEncoder().encode(csv.repeat(Math.ceil(size / csv.length)).slice(0, size)).buffer : new Uint8Array(size).fill(44).buffer;
  return new Promise((resolve) => {
    const beat = heartbeat();
    const start = performance.now();
    window.written = () => resolve({ ms: performance.now() - start, stall: beat.stop() });
    worker.postMessage(data, [data]);
  });
};
</script>`;

export const BARE_UPLOAD_WORKER = `import { loadPyodide } from "./pyodide.mjs";
const pyodide = await loadPyodide({ indexURL: new URL("../pyodide/", location.href).href });
pyodide.FS.mkdirTree("/mnt/data");
onmessage = (event) => {
  if (typeof event.data === "string") return postMessage({ ran: true, value: String(pyodide.runPython(event.data)) });
  pyodide.FS.writeFile("/mnt/data/big.csv", new Uint8Array(event.data));
  postMessage({ written: true });
};
postMessage({ ready: true });`;
