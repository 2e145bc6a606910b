/**
 * The baseline for 200,000 lines of stdout (figure 5): the bare batched pipeline. The worker
 * batches Pyodide's stdout and posts a batch every 33 ms (as our kernel does); the page appends
 * what arrived to one <pre> once per animation frame. `window.stream(code)` resolves with the time
 * from the request to the frame that showed the last batch, and the longest gap of a 10 ms
 * heartbeat meanwhile.
 */
import { HEARTBEAT } from "./heartbeat.ts";

export const BARE_STREAM_PAGE = `<!doctype html><meta charset="utf-8"><title>bare stream</title>
<pre id="out"></pre><script type="module">
${HEARTBEAT}
const worker = new Worker("./stream-worker.mjs", { type: "module" });
const out = document.getElementById("out");
let pending = "";
let done = null;
let scheduled = false;
const paint = () => {
  scheduled = false;
  out.append(pending);
  pending = "";
  if (done) done();
};
worker.onmessage = (event) => {
  if (event.data.ready) window.ready = true;
  if (event.data.text) pending += event.data.text;
  if (event.data.end) done = window.endOfStream;
  if (!scheduled) {
    scheduled = true;
    requestAnimationFrame(paint);
  }
};
window.stream = (code) => new Promise((resolve) => {
  out.textContent = "";
  const beat = heartbeat();
  const start = performance.now();
  window.endOfStream = () => {
    done = null;
    resolve({ ms: performance.now() - start, stall: beat.stop(), chars: out.textContent.length });
  };
  worker.postMessage(code);
});
</script>`;

export const BARE_STREAM_WORKER = `import { loadPyodide } from "./pyodide.mjs";
const pyodide = await loadPyodide({ indexURL: new URL("../pyodide/", location.href).href });
const decoder = new TextDecoder();
let text = "";
let last = 0;
const flush = () => {
  if (text) postMessage({ text });
  text = "";
  last = performance.now();
};
pyodide.setStdout({
  write(bytes) {
    text += decoder.decode(bytes, { stream: true });
    if (text.length >= 262144 || performance.now() - last >= 33) flush();
    return bytes.length;
  },
});
onmessage = (event) => {
  pyodide.runPython(event.data);
  flush();
  postMessage({ end: true });
};
postMessage({ ready: true });`;
