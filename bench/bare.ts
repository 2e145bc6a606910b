/**
 * The baseline: a bare Pyodide worker page doing nothing else — no sandbox, no CSP, no UI.
 * Served on the app's own origin through Playwright routes (two tiny files); Pyodide's files
 * come from the same server as the app's, so both pay the same downloads.
 */
import type { Page } from "@playwright/test";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const pyodideMjs = readFileSync(createRequire(import.meta.url).resolve("pyodide/pyodide.mjs"));

const PAGE = `<!doctype html><meta charset="utf-8"><title>bare</title><script type="module">
const worker = new Worker("./bare-worker.mjs", { type: "module" });
window.bare = { worker };
worker.onmessage = (event) => {
  if (event.data.first !== undefined) window.firstResult = performance.now();
};
</script>`;

const WORKER = `import { loadPyodide } from "./bare-pyodide.mjs";
const pyodide = await loadPyodide({ indexURL: new URL("./pyodide/", location.href).href });
postMessage({ first: pyodide.runPython("1 + 1") });
onmessage = (event) => postMessage({ value: pyodide.runPython(event.data) });`;

export async function routeBarePage(page: Page): Promise<void> {
  await page.route("**/bare.html", (r) => r.fulfill({ body: PAGE, contentType: "text/html" }));
  await page.route("**/bare-worker.mjs", (r) => r.fulfill({ body: WORKER, contentType: "text/javascript" }));
  await page.route("**/bare-pyodide.mjs", (r) => r.fulfill({ body: pyodideMjs, contentType: "text/javascript" }));
}
