import { describe, expect, it, vi } from "vitest";
import { SnapshotStore } from "../storage/snapshots";
import { memoryBackend } from "../storage/snapshots.testkit";
import type { MemorySnapshot } from "./protocol";

vi.mock("virtual:kernel-assets", () => ({ workerPath: "assets/kernel-worker-test.js" }));
const { KernelSnapshot } = await import("./snapshot");

const KEY = "pyodide-test/worker";

function store() {
  const backend = memoryBackend();
  return { records: backend.records, store: new SnapshotStore(Promise.resolve(backend)) };
}

/** What a fresh Pyodide's snapshot weighs at least (2 MiB here), with a well-formed checksum. */
const taken = (): MemorySnapshot => ({ bytes: new Blob([new Uint8Array(2 * 1024 ** 2)]), checksum: "ab".repeat(16) });

describe("KernelSnapshot", () => {
  it("is made once however many ask, and every one of them waits until it is stored", async () => {
    const { records, store: s } = store();
    const snapshot = new KernelSnapshot(s, KEY);
    let release!: () => void;
    const make = vi.fn(async () => {
      await new Promise<void>((resolve) => (release = resolve));
      return taken();
    });
    const first = snapshot.ensure(make);
    const second = snapshot.ensure(make);
    await vi.waitFor(() => expect(make).toHaveBeenCalled());
    let settled = false;
    void second.then(() => (settled = true));
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(settled).toBe(false);
    release();
    await Promise.all([first, second]);
    expect(make).toHaveBeenCalledTimes(1);
    expect(records.get(KEY)).toMatchObject({ kind: "snapshot" });
    expect(await snapshot.forBoot()).not.toBeNull();
  });

  it("is not made where one is stored, and kernels start from that one", async () => {
    const { store: s } = store();
    const stored = taken();
    await s.save(KEY, stored);
    const snapshot = new KernelSnapshot(s, KEY);
    const make = vi.fn(async () => taken());
    await snapshot.ensure(make);
    expect(make).not.toHaveBeenCalled();
    expect(await snapshot.forBoot()).toEqual(stored);
  });

  it("leaves kernels booting normally when making it fails, and does not try again", async () => {
    const { records, store: s } = store();
    const snapshot = new KernelSnapshot(s, KEY);
    const make = vi.fn(async (): Promise<MemorySnapshot> => {
      throw new Error("Python did not start");
    });
    await snapshot.ensure(make);
    await snapshot.ensure(make);
    expect(make).toHaveBeenCalledTimes(1);
    expect(records.size).toBe(0);
    expect(await snapshot.forBoot()).toBeNull();
  });
});
