/** Pyodide's core files: what the app downloads, the build copies and the kernel boots from. */
export const CORE_FILES = ["pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip"] as const;
