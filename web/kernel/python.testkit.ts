/**
 * The kernel's Python side (_kernel/*.py) in a real Pyodide, booted once per test file, with what
 * cells print and display gathered per test. Every result and display bundle is also put through
 * the app's validators: a value they refuse gets the kernel killed in the browser, so "Python
 * returned something" is not enough.
 */
import type { PyodideAPI } from "pyodide";
import { beforeAll, beforeEach, expect } from "vitest";
import type { MimeBundle, PythonError } from "./protocol";
import { installKernelPython, type KernelPython } from "./python";
import { parseRunEvent, parseRunResult } from "./validate";

export const DATA = "/mnt/data";

type CellResult = { changedFiles: string[]; removedFiles: string[]; unreportedFiles: number } & (
  { status: "ok"; value: MimeBundle | null } | { status: "error"; error: PythonError }
);

const stamp = { nonce: "test-nonce", runId: "test-run" };

/** Boots the kernel's Python for the calling test file (its hooks are the file's). */
export function bootKernelPython() {
  let kernel: KernelPython;
  const py = {
    pyodide: undefined as unknown as PyodideAPI,
    /** Cells run so far in this file: the next is named `<cell-N+1>`. */
    cells: 0,
    /** What the current test's cells displayed, printed and printed to stderr. */
    displays: [] as MimeBundle[],
    stdout: "",
    stderr: "",
    run,
    value,
    error,
    readText: (path: string) => py.pyodide.FS.readFile(path, { encoding: "utf8" }) as string,
    useCalamine: () => kernel.useCalamine(),
  };

  beforeAll(async () => {
    const { loadPyodide } = await import("pyodide");
    py.pyodide = await loadPyodide();
    const out = new TextDecoder();
    const err = new TextDecoder();
    py.pyodide.setStdout({ write: (bytes) => ((py.stdout += out.decode(bytes, { stream: true })), bytes.length) });
    py.pyodide.setStderr({ write: (bytes) => ((py.stderr += err.decode(bytes, { stream: true })), bytes.length) });
    kernel = installKernelPython(py.pyodide, (json) => {
      const event = parseRunEvent({ kind: "display", ...stamp, data: JSON.parse(json) }, stamp);
      if (event?.kind !== "display") throw new Error(`the app would refuse this display bundle: ${json.slice(0, 200)}`);
      py.displays.push(event.data);
    });
  });

  beforeEach(() => {
    py.displays = [];
    py.stdout = "";
    py.stderr = "";
  });

  /** Runs one cell as the worker does (a fresh `<cell-N>` name each time). */
  async function run(code: string): Promise<CellResult> {
    const json = await kernel.run(code, `<cell-${++py.cells}>`);
    const result = JSON.parse(json) as CellResult;
    // The app checks every result; one it refuses kills the kernel.
    expect(
      parseRunResult({ ...result, ...stamp }, stamp),
      `the app would refuse: ${json.slice(0, 300)}`,
    ).not.toBeNull();
    return result;
  }

  async function value(code: string): Promise<MimeBundle | null> {
    const result = await run(code);
    if (result.status !== "ok") throw new Error(`cell failed: ${result.error.traceback}`);
    return result.value;
  }

  async function error(code: string): Promise<PythonError> {
    const result = await run(code);
    if (result.status !== "error") throw new Error(`cell did not fail: ${JSON.stringify(result)}`);
    return result.error;
  }

  return py;
}
