import { describe, expect, it } from "vitest";
import type { MemorySnapshot } from "../kernel/protocol";
import { SnapshotStore, type SnapshotBackend } from "./snapshots";
import { memoryBackend } from "./snapshots.testkit";

const snapshot = (fill: number): MemorySnapshot => ({
  bytes: new Blob([new Uint8Array(1024).fill(fill)]),
  checksum: fill.toString(16).padStart(2, "0").repeat(16),
});

describe("SnapshotStore", () => {
  it("gives back what it saved, for the same key only", async () => {
    const store = new SnapshotStore(Promise.resolve(memoryBackend()));
    const saved = snapshot(7);
    await store.save("pyodide-1/worker-a.js", saved);
    expect(await store.load("pyodide-1/worker-a.js")).toEqual({ kind: "snapshot", snapshot: saved });
    expect(await store.load("pyodide-1/worker-b.js")).toEqual({ kind: "none" });
  });

  it("keeps one snapshot: saving for a new build drops the old one", async () => {
    const backend = memoryBackend();
    const store = new SnapshotStore(Promise.resolve(backend));
    await store.save("old", snapshot(1));
    await store.save("new", snapshot(2));
    expect([...backend.records.keys()]).toEqual(["new"]);
    expect(await store.load("old")).toEqual({ kind: "none" });
  });

  it("refuses records of the wrong shape", async () => {
    const backend = memoryBackend();
    const store = new SnapshotStore(Promise.resolve(backend));
    const good = { key: "key", kind: "snapshot" as const, bytes: new Blob(["x"]), checksum: "ab".repeat(16), saved: 0 };
    backend.records.set("key", { ...good, bytes: "not a blob" as never });
    expect(await store.load("key")).toEqual({ kind: "none" });
    backend.records.set("key", { ...good, checksum: "not a checksum" });
    expect(await store.load("key")).toEqual({ kind: "none" });
    backend.records.set("key", { ...good, key: "other" });
    expect(await store.load("key")).toEqual({ kind: "none" });
    backend.records.set("key", good);
    expect((await store.load("key")).kind).toBe("snapshot");
  });

  it("remembers that a key's snapshot failed, and drops that snapshot", async () => {
    const backend = memoryBackend();
    const store = new SnapshotStore(Promise.resolve(backend));
    await store.save("key", snapshot(4));
    await store.markFailed("key");
    expect(await store.load("key")).toEqual({ kind: "failed" });
    expect([...backend.records.values()].some((r) => r.kind === "snapshot")).toBe(false);
  });

  it("never rejects: no storage, or storage that throws, is no snapshot", async () => {
    const none = new SnapshotStore(Promise.resolve(null));
    await expect(none.save("key", snapshot(5))).resolves.toBeUndefined();
    expect(await none.load("key")).toEqual({ kind: "none" });
    const broken: SnapshotBackend = {
      get: () => Promise.reject(new Error("disk gone")),
      replace: () => Promise.reject(new DOMException("full", "QuotaExceededError")),
    };
    const store = new SnapshotStore(Promise.resolve(broken));
    await expect(store.save("key", snapshot(6))).resolves.toBeUndefined();
    await expect(store.markFailed("key")).resolves.toBeUndefined();
    expect(await store.load("key")).toEqual({ kind: "none" });
  });
});
