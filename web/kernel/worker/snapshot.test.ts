/**
 * Memory snapshots in a real Pyodide (under Node), taken as the kernel takes them (its Python
 * imported first): a kernel restored from one is a fresh kernel — the kernel's Python installs
 * and runs, its display outputs reach JavaScript, `random` is its own — even when the snapshot's heap
 * had grown past Pyodide's default (which Pyodide's own restore cannot fit: pyodide#6254); and a
 * snapshot whose bytes do not match their checksum is refused.
 */
import { loadPyodide, type PyodideAPI } from "pyodide";
import { beforeAll, describe, expect, it } from "vitest";
import { importKernelPython, installKernelPython } from "../python";
import { checksum } from "./checksum";
import { reseed, SnapshotError, snapshotOptions, takeSnapshot, verified, type Restorable } from "./snapshot";
import { dropZeroPages, unpackedLength } from "./zero-pages";

let snapshot: Restorable;
let defaultHeap: number;
let storedBytes: number;

const createPyodideModule = async (settings: object) =>
  (await import("pyodide/pyodide.asm.mjs" as string)).default(settings);

const restored = async (): Promise<PyodideAPI> => {
  const pyodide = await loadPyodide(snapshotOptions(createPyodideModule, { restore: snapshot }));
  reseed(pyodide);
  return pyodide;
};

beforeAll(async () => {
  const maker = await loadPyodide(snapshotOptions(createPyodideModule, { make: true }));
  defaultHeap = (maker as unknown as { _module: { HEAP8: Int8Array } })._module.HEAP8.length;
  // Grow the heap past its default size before the snapshot, as a busier start-up would.
  maker.runPython("big = bytearray(48 * 1024 * 1024); del big");
  importKernelPython(maker);
  // Through the form it is stored in (a Blob and its checksum) and back.
  const taken = takeSnapshot(maker);
  storedBytes = taken.bytes.size;
  snapshot = (await verified(taken))!;
});

describe("a kernel restored from a memory snapshot", () => {
  it("restores a heap larger than Pyodide's default", async () => {
    expect(snapshot.heap).toBeGreaterThan(defaultHeap);
    expect(storedBytes).toBeLessThan(unpackedLength(snapshot.packed) / 2); // stored without its pages of zeros
    const pyodide = await restored();
    expect(pyodide.runPython("sum(range(10))")).toBe(45);
  });

  it("runs the kernel's own Python like a fresh kernel", async () => {
    const pyodide = await restored();
    const modules = pyodide.pyimport("sys").modules;
    expect(modules.has("_kernel.runner")).toBe(true); // imported in the snapshot
    const displayed: string[] = [];
    const kernel = installKernelPython(pyodide, (json) => displayed.push(json));
    const result = JSON.parse(await kernel.run("import os\ndisplay('shown')\nos.getcwd()", "<cell-1>"));
    expect(result.status).toBe("ok");
    expect(result.value["text/plain"]).toBe("'/mnt/data'");
    expect(displayed.map((json) => JSON.parse(json)["text/plain"])).toEqual(["'shown'"]);
    // Nothing of the import is left in the user's namespace.
    const names = JSON.parse(await kernel.run("[k for k in ('sys', '_kernel') if k in globals()]", "<cell-2>"));
    expect(names.value["text/plain"]).toBe("[]");
  });

  it("draws its own random numbers, not the snapshot's", async () => {
    const draw = (p: PyodideAPI) => p.runPython("import random; random.random()") as number;
    const [a, b] = [await restored(), await restored()];
    expect(draw(a)).not.toBe(draw(b));
  });
});

describe("a snapshot's check", () => {
  it("passes its bytes as stored when they match their checksum, and refuses them otherwise", async () => {
    const bytes = new Uint8Array(4096).fill(9);
    new DataView(bytes.buffer).setUint32(4, 16, true); // Pyodide's header: 16 bytes, then the heap
    const stored = dropZeroPages(bytes);
    const sum = checksum(stored);
    const passed = (await verified({ bytes: new Blob([stored]), checksum: sum }))!;
    expect(new Uint8Array(passed.packed)).toEqual(stored);
    expect([passed.header.length, passed.heap]).toEqual([16, 4096 - 16]);
    expect(await verified(null)).toBeUndefined();
    const corrupt = stored.slice();
    corrupt[100] ^= 1;
    const check = verified({ bytes: new Blob([corrupt]), checksum: sum });
    await expect(check).rejects.toThrow(SnapshotError);
    await expect(check).rejects.toThrow("corrupt");
  });

  it("refuses a snapshot whose header is longer than the snapshot, though its checksum matches", async () => {
    const bytes = new Uint8Array(4096).fill(9); // word 1, the header's length: 0x09090909
    const stored = dropZeroPages(bytes);
    const check = verified({ bytes: new Blob([stored]), checksum: checksum(stored) });
    await expect(check).rejects.toThrow(SnapshotError);
    await expect(check).rejects.toThrow("malformed");
  });
});
