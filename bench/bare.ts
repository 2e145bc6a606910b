/**
 * The baselines: bare pages doing one thing each — no sandbox, no CSP, no UI (Pyodide in a
 * worker, or a lone textarea for typing).
 * They are written into the build the bench serves, beside the app's own Pyodide files, so both
 * pay the same downloads and get the same HTTP caching (a Playwright route would turn the cache
 * off). `.htm`, because the preview server gives every `.html` the app's CSP, which forbids workers.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { BARE_STREAM_PAGE, BARE_STREAM_WORKER } from "./bare-stream.ts";
import { BARE_UPLOAD_PAGE, BARE_UPLOAD_WORKER } from "./bare-upload.ts";

/** Boots Pyodide, posts `first` (the page notes the time), then answers code with its value. */
const BOOT_PAGE = `<!doctype html><meta charset="utf-8"><title>bare</title><script type="module">
const worker = new Worker("./boot-worker.mjs", { type: "module" });
window.bare = { worker };
worker.onmessage = (event) => {
  if (event.data.first !== undefined) window.firstResult = performance.now();
};
</script>`;

const BOOT_WORKER = `import { loadPyodide } from "./pyodide.mjs";
const pyodide = await loadPyodide({ indexURL: new URL("../pyodide/", location.href).href });
postMessage({ first: pyodide.runPython("1 + 1") });
onmessage = (event) => postMessage({ value: pyodide.runPython(event.data) });`;

/** A lone textarea: what typing costs this browser and machine with nothing else on the page. */
const TYPING_PAGE = `<!doctype html><meta charset="utf-8"><title>bare typing</title>
<textarea aria-label="Message" rows="3" cols="80"></textarea>`;

export const BARE = {
  boot: "/bare/boot.htm",
  stream: "/bare/stream.htm",
  upload: "/bare/upload.htm",
  typing: "/bare/typing.htm",
};

/** Writes the bare pages into the build being served (called once, before the tests). */
export function writeBarePages(out: string): void {
  const dir = join(out, "bare");
  mkdirSync(dir, { recursive: true });
  const pyodide = createRequire(import.meta.url).resolve("pyodide/pyodide.mjs");
  const files: Record<string, string | Buffer> = {
    "pyodide.mjs": readFileSync(pyodide),
    "boot.htm": BOOT_PAGE,
    "boot-worker.mjs": BOOT_WORKER,
    "stream.htm": BARE_STREAM_PAGE,
    "stream-worker.mjs": BARE_STREAM_WORKER,
    "upload.htm": BARE_UPLOAD_PAGE,
    "upload-worker.mjs": BARE_UPLOAD_WORKER,
    "typing.htm": TYPING_PAGE,
  };
  for (const [name, body] of Object.entries(files)) writeFileSync(join(dir, name), body);
}
