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

/** A snapshot checked and ready to restore: as stored, with Pyodide's header unpacked and the heap's size. */
export interface Restorable {
  packed: ArrayBuffer;
  header: Uint8Array;
  heap: number;
}

/**
 * The `loadPyodide` options that restore a snapshot, or that allow taking one.
 *
 * Pyodide's snapshot is its header then the heap. The heap is written here straight from the
 * stored pages, once the module is made; Pyodide is given only the header, so it has no heap left
 * to copy. Unpacked first, the snapshot was ~30 MB more to allocate and copy twice.
 */
export function snapshotOptions(
  createPyodideModule: CreateModule,
  mode: { restore: Restorable } | { make: true } | null,
): object {
  if (!mode) return { createPyodideModule };
  if ("make" in mode) return { createPyodideModule, _makeSnapshot: true };
  const { packed, header, heap } = mode.restore;
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
 * The snapshot ready to restore, once its stored bytes match their checksum (checked here, off
 * the page's thread) and its layout is whole; a SnapshotError if not.
 */
export async function verified(snapshot: MemorySnapshot | null): Promise<Restorable | undefined> {
  if (!snapshot) return undefined;
  const stored = await snapshot.bytes.arrayBuffer().catch((error: Error) => {
    throw new SnapshotError(`The memory snapshot could not be read (${error.message})`);
  });
  if (checksum(new Uint8Array(stored)) !== snapshot.checksum) throw new SnapshotError("The memory snapshot is corrupt");
  try {
    return restorable(stored);
  } catch (error) {
    throw new SnapshotError(`The memory snapshot is malformed (${messageOf(error)})`);
  }
}

/** Pyodide's header out of a stored snapshot (its length is word 1 of it), and the heap after it. */
function restorable(packed: ArrayBuffer): Restorable {
  const length = unpackedLength(packed);
  const start = new Uint8Array(16);
  restoreZeroPages(packed, start);
  const headerBytes = new Uint32Array(start.buffer)[1];
  if (headerBytes < 16 || headerBytes >= length) throw new Error("its header is cut short");
  const header = new Uint8Array(headerBytes);
  restoreZeroPages(packed, header);
  return { packed, header, heap: length - headerBytes };
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
