/**
 * Pyodide memory snapshots kept in this browser (IndexedDB), so that a repeat visit starts Python
 * from one instead of booting it (issue 8). One snapshot per key — Pyodide's version and the
 * kernel bundle's build — and saving one drops every other. Each is stored with its sha256 and
 * checked on load: anything missing, corrupt, mismatched or unreadable loads as `null`, and the
 * caller boots normally. A key whose snapshot failed to restore is marked, so it is not remade
 * (and failed again) on every visit; the next build gets a new key and a new try.
 */
import { openDB, type DBSchema } from "idb";

/** One stored record: a snapshot, or the mark of a key whose snapshot failed. */
export type SnapshotRecord =
  | { key: string; kind: "snapshot"; sha256: string; bytes: ArrayBuffer; saved: number }
  | { key: string; kind: "failed"; saved: number };

/** Where records live; IndexedDB in the browser, a Map in tests. */
export interface SnapshotBackend {
  get(key: string): Promise<unknown>;
  /** Stores `record` and deletes every other. */
  replace(record: SnapshotRecord): Promise<void>;
}

export type SnapshotLookup = { kind: "snapshot"; bytes: ArrayBuffer } | { kind: "none" } | { kind: "failed" };

export class SnapshotStore {
  #backend: Promise<SnapshotBackend | null>;

  constructor(backend?: Promise<SnapshotBackend | null>) {
    this.#backend = backend ?? openIndexedDb();
  }

  /** The snapshot stored for `key`, verified; or why there is none. Never rejects. */
  async load(key: string): Promise<SnapshotLookup> {
    try {
      const backend = await this.#backend;
      const record = await backend?.get(key);
      if (isRecord(record, "failed", key)) return { kind: "failed" };
      if (!isRecord(record, "snapshot", key) || !(record.bytes instanceof ArrayBuffer)) return { kind: "none" };
      if ((await sha256(record.bytes)) !== record.sha256) return { kind: "none" }; // corrupt: the next save replaces it
      return { kind: "snapshot", bytes: record.bytes };
    } catch {
      return { kind: "none" };
    }
  }

  /** Stores `bytes` as the snapshot for `key` (dropping any other). Never rejects: a full disk only costs speed. */
  async save(key: string, bytes: ArrayBuffer): Promise<void> {
    try {
      const record: SnapshotRecord = { key, kind: "snapshot", sha256: await sha256(bytes), bytes, saved: Date.now() };
      await (await this.#backend)?.replace(record);
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

export async function sha256(bytes: ArrayBuffer): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
  return Array.from(digest, (b) => b.toString(16).padStart(2, "0")).join("");
}

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
