/**
 * Installs the kernel's own Python package (`_kernel`, the .py files beside this module) into
 * a Pyodide instance. Shared by the worker and the unit tests, which run Pyodide in Node.
 */
import type { PyodideAPI } from "pyodide";

const sources = import.meta.glob<string>("./python/_kernel/*.py", {
  query: "?raw",
  import: "default",
  eager: true,
});

const HOME = "/opt/kernel";

export interface KernelPython {
  /** Runs a cell; resolves with the JSON text of a `RunResult` minus nonce and runId. */
  run(code: string, filename: string): Promise<string>;
  /** Makes python-calamine, once loaded, pandas' spreadsheet reader (`_kernel/spreadsheets.py`). */
  useCalamine(): void;
}

/**
 * Writes the package into the file system and imports it, with the standard modules it uses.
 * Pure Python, touching nothing of JavaScript's: a memory snapshot is taken after it, so a
 * kernel restored from one has it imported already (only its files are written again).
 */
export function importKernelPython(pyodide: PyodideAPI): void {
  pyodide.FS.mkdirTree(`${HOME}/_kernel`);
  for (const [path, text] of Object.entries(sources)) {
    pyodide.FS.writeFile(`${HOME}/_kernel/${path.split("/").pop()}`, text);
  }
  // In a namespace of its own: the user's (__main__) must stay as a fresh interpreter's.
  const namespace = pyodide.toPy({});
  pyodide.runPython(
    `import sys
if ${JSON.stringify(HOME)} not in sys.path:
    sys.path.insert(0, ${JSON.stringify(HOME)})
import _kernel.boot, _kernel.runner`,
    { globals: namespace },
  );
  namespace.destroy();
}

/** A cell that names asyncio (`import asyncio as aio`, `from asyncio import run`) or runs a loop itself. */
const SYNC_LOOP = /\basyncio\b|\brun_until_complete\b|\brun_sync\b/;
/** JSPI, which stack switching needs: Chromium has it, Node (the unit tests) does not. */
const STACK_SWITCHING = typeof (WebAssembly as { Suspending?: unknown }).Suspending === "function";

export function installKernelPython(pyodide: PyodideAPI, emitDisplay: (bundleJson: string) => void): KernelPython {
  importKernelPython(pyodide);
  pyodide.pyimport("_kernel.boot").boot(emitDisplay);
  const runner = pyodide.pyimport("_kernel.runner");
  const run = runner.run;
  return {
    run: async (code, filename) => {
      // A cell that runs an event loop to completion itself (asyncio.run, run_until_complete,
      // which models write often) must be entered through a promise to switch stacks (JSPI).
      const outcome =
        SYNC_LOOP.test(code) && STACK_SWITCHING ? await run.callPromising(code, filename) : run(code, filename); // a string, or an awaitable for top-level await
      if (typeof outcome === "string") return outcome;
      try {
        return await outcome;
      } finally {
        outcome.destroy();
      }
    },
    useCalamine: () => {
      const spreadsheets = pyodide.pyimport("_kernel.spreadsheets");
      try {
        spreadsheets.use_calamine();
      } finally {
        spreadsheets.destroy();
      }
    },
  };
}
