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
}

export function installKernelPython(pyodide: PyodideAPI, emitDisplay: (bundleJson: string) => void): KernelPython {
  pyodide.FS.mkdirTree(`${HOME}/_kernel`);
  for (const [path, text] of Object.entries(sources)) {
    pyodide.FS.writeFile(`${HOME}/_kernel/${path.split("/").pop()}`, text);
  }
  const sys = pyodide.pyimport("sys");
  sys.path.insert(0, HOME);
  sys.destroy();
  pyodide.pyimport("_kernel.boot").boot(emitDisplay);
  const runner = pyodide.pyimport("_kernel.runner");
  return {
    run: async (code, filename) => {
      const outcome = runner.run(code, filename); // a string, or an awaitable for top-level await
      if (typeof outcome === "string") return outcome;
      try {
        return await outcome;
      } finally {
        outcome.destroy();
      }
    },
  };
}
