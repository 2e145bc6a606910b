/**
 * Pyodide memory snapshots, the worker's side (issue 8). A snapshot is the wasm heap of a Python
 * that has just booted and imported the kernel's own Python, and run nothing else; restoring one
 * skips the interpreter's start-up (~0.4 s instead of ~2 s). Only the heap is in it: the file
 * system, the JS side and the rest of what `Kernel.boot` does after `loadPyodide` are set up
 * again, so a restored kernel is a fresh one.
 * The options (`_makeSnapshot`, `_loadSnapshot`) are Pyodide's private ones, pinned with its version.
 */
import type { PyodideAPI } from "pyodide";
import type { MemorySnapshot } from "../protocol";
import { checksum } from "./checksum";
import { dropZeroPages, restoreZeroPages, unpackedLength } from "./zero-pages";
import { messageOf } from "../../lib/message-of";

/** A snapshot that could not be restored; the app boots a kernel without it (the name crosses the boundary). */
export class SnapshotError extends Error {
  override name = "SnapshotError";
}

type CreateModule = (settings: object) => Promise<{ HEAP8: Int8Array; growMemory(bytes: number): unknown }>;

/**
 * The `loadPyodide` options that restore a snapshot (as stored: without its zero pages, and
 * verified), or that allow taking one.
 *
 * Pyodide's snapshot is its header (whose length is word 1) then the heap. The heap is written here
 * straight from the stored pages, once the module is made; Pyodide is given only the header, so
 * it has no heap left to copy. Unpacked first, the snapshot was ~30 MB more to allocate and copy twice.
 */
export function snapshotOptions(
  createPyodideModule: CreateModule,
  mode: { restore: ArrayBuffer } | { make: true } | null,
): object {
  if (!mode) return { createPyodideModule };
  if ("make" in mode) return { createPyodideModule, _makeSnapshot: true };
  const packed = mode.restore;
  const start = new Uint8Array(16);
  restoreZeroPages(packed, start);
  const header = new Uint8Array(new Uint32Array(start.buffer)[1]);
  restoreZeroPages(packed, header);
  const heap = unpackedLength(packed) - header.length;
  if (heap <= 0 || header.length < 16) throw new Error("The memory snapshot is truncated");
  return {
    createPyodideModule: async (settings: object) => {
      const module = await createPyodideModule(settings);
      // Pyodide asks for INITIAL_MEMORY = the snapshot's size, which its module ignores: a heap
      // that grew past the default would not fit (pyodide/pyodide#6254). Grown first.
      if (module.HEAP8.length < heap) module.growMemory(heap);
      restoreZeroPages(packed, new Uint8Array(module.HEAP8.buffer, 0, heap), header.length);
      return module;
    },
    _loadSnapshot: header,
  };
}

/**
 * The snapshot as stored (without its zero pages), once its bytes match their checksum (checked
 * here, off the page's thread) and its layout is one `snapshotOptions` can restore; a
 * SnapshotError if not.
 */
export async function verified(snapshot: MemorySnapshot | null): Promise<ArrayBuffer | undefined> {
  if (!snapshot) return undefined;
  const stored = await snapshot.bytes.arrayBuffer().catch((error: Error) => {
    throw new SnapshotError(`The memory snapshot could not be read (${error.message})`);
  });
  if (checksum(new Uint8Array(stored)) !== snapshot.checksum) throw new SnapshotError("The memory snapshot is corrupt");
  try {
    unpackedLength(stored);
    return stored;
  } catch (error) {
    throw new SnapshotError(`The memory snapshot is malformed (${messageOf(error)})`);
  }
}

/**
 * Takes the snapshot as it is stored (./zero-pages.ts), with its checksum; right after
 * `loadPyodide` and the kernel's own Python, before anything else enters the heap.
 */
export function takeSnapshot(pyodide: PyodideAPI): MemorySnapshot {
  const stored = dropZeroPages(pyodide.makeMemorySnapshot());
  return { bytes: new Blob([stored]), checksum: checksum(stored) };
}

/**
 * Every kernel restored from one snapshot would draw the same `random` numbers: the module is
 * imported (and seeded) during start-up. Reseeding from the system's entropy, as its import did,
 * makes each kernel's draws its own. (str hashes keep the snapshot's seed: order of a set of
 * strings is as arbitrary as in a fresh kernel, only the same each time.)
 */
export function reseed(pyodide: PyodideAPI): void {
  const sys = pyodide.pyimport("sys");
  const imported = sys.modules.has("random");
  sys.destroy();
  if (!imported) return;
  const random = pyodide.pyimport("random");
  random.seed();
  random.destroy();
}
