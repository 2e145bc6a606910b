/**
 * Pyodide memory snapshots kept in this browser (IndexedDB), so that a repeat visit starts Python
 * from one instead of booting it (issue 8). One snapshot per key — Pyodide's version and the
 * kernel bundle's build — and saving one drops every other. Each is stored as a Blob (never
 * copied on the page) with its checksum, which the kernel checks before restoring it. Anything
 * missing, malformed or unreadable loads as "none", and the caller boots normally. A key whose
 * snapshot failed to restore is marked, so it is not remade (and failed again) on every visit;
 * the next build gets a new key and a new try.
 */
import { openDB, type DBSchema } from "idb";
import type { MemorySnapshot } from "../kernel/protocol";

/** One stored record: a snapshot, or the mark of a key whose snapshot failed. */
export type SnapshotRecord =
  | { key: string; kind: "snapshot"; bytes: Blob; checksum: string; saved: number }
  | { key: string; kind: "failed"; saved: number };

/** Where records live; IndexedDB in the browser, a Map in tests. */
export interface SnapshotBackend {
  get(key: string): Promise<unknown>;
  /** Stores `record` and deletes every other. */
  replace(record: SnapshotRecord): Promise<void>;
}

export type SnapshotLookup = { kind: "snapshot"; snapshot: MemorySnapshot } | { kind: "none" } | { kind: "failed" };

export class SnapshotStore {
  #backend: Promise<SnapshotBackend | null>;

  constructor(backend?: Promise<SnapshotBackend | null>) {
    this.#backend = backend ?? openIndexedDb();
  }

  /** The snapshot stored for `key`, or why there is none. Never rejects. */
  async load(key: string): Promise<SnapshotLookup> {
    try {
      const record = await (await this.#backend)?.get(key);
      if (isRecord(record, "failed", key)) return { kind: "failed" };
      if (!isRecord(record, "snapshot", key)) return { kind: "none" };
      const { bytes, checksum } = record;
      if (!(bytes instanceof Blob) || !isChecksum(checksum)) return { kind: "none" }; // malformed: the next save replaces it
      return { kind: "snapshot", snapshot: { bytes, checksum } };
    } catch {
      return { kind: "none" };
    }
  }

  /** Stores `snapshot` for `key` (dropping any other). Never rejects: a full disk only costs speed. */
  async save(key: string, { bytes, checksum }: MemorySnapshot): Promise<void> {
    try {
      await (await this.#backend)?.replace({ key, kind: "snapshot", bytes, checksum, saved: Date.now() });
    } catch {
      // storage full or unavailable
    }
  }

  /** A kernel could not start from `key`'s snapshot: drop it, and do not make another for this key. */
  async markFailed(key: string): Promise<void> {
    try {
      await (await this.#backend)?.replace({ key, kind: "failed", saved: Date.now() });
    } catch {
      // storage unavailable: the next visit tries the snapshot again, and fails back again
    }
  }
}

/** A snapshot's checksum as the kernel writes it (web/kernel/worker/checksum.ts): 32 hex digits. */
export const isChecksum = (value: unknown): value is string =>
  typeof value === "string" && /^[0-9a-f]{32}$/.test(value);

function isRecord<K extends SnapshotRecord["kind"]>(
  value: unknown,
  kind: K,
  key: string,
): value is Extract<SnapshotRecord, { kind: K }> {
  const record = value as Partial<SnapshotRecord> | undefined;
  return typeof record === "object" && record !== null && record.kind === kind && record.key === key;
}

interface Schema extends DBSchema {
  snapshots: { key: string; value: SnapshotRecord };
}

/** Its own database: snapshots are a cache, versioned apart from the user's conversations. */
async function openIndexedDb(): Promise<SnapshotBackend | null> {
  try {
    const db = await openDB<Schema>("kernel-snapshots", 1, {
      upgrade: (db) => void db.createObjectStore("snapshots", { keyPath: "key" }),
      blocking: () => db.close(), // a newer tab upgrades; this page boots normally from then on
    });
    return {
      get: (key) => db.get("snapshots", key),
      async replace(record) {
        const tx = db.transaction("snapshots", "readwrite");
        await Promise.all([tx.store.clear(), tx.store.put(record), tx.done]);
      },
    };
  } catch {
    return null; // IndexedDB unavailable (some private modes, storage blocked)
  }
}
