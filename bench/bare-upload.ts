/**
 * The baseline for a 100 MB upload (figure 6): the file picked in the page's `<input type=file>`
 * is posted to a bare Pyodide worker, which reads it and writes it with FS.writeFile.
 * `window.picked()` resolves with the time from the input's change event to the worker's reply
 * (and that event's time), and the longest gap of a 10 ms heartbeat meanwhile. For figure 9, `window.upload(size, csv)` transfers CSV text made
 * in the page, and `window.run(code)` runs Python.
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
const input = document.body.appendChild(document.createElement("input"));
input.type = "file";
let pick;
window.picked = () => new Promise((resolve) => (pick = resolve));
document.addEventListener("change", () => {
  const beat = heartbeat();
  const start = performance.now();
  window.written = () => pick({ ms: performance.now() - start, stall: beat.stop(), start });
  worker.postMessage(input.files[0]);
}, true);
window.upload = (size, csv) => {
  const data = new TextEncoder().encode(csv.repeat(Math.ceil(size / csv.length)).slice(0, size)).buffer;
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
onmessage = async (event) => {
  if (typeof event.data === "string") return postMessage({ ran: true, value: String(pyodide.runPython(event.data)) });
  const bytes = event.data instanceof Blob ? await event.data.arrayBuffer() : event.data;
  pyodide.FS.writeFile("/mnt/data/big.csv", new Uint8Array(bytes), { canOwn: true });
  postMessage({ written: true });
};
postMessage({ ready: true });`;
