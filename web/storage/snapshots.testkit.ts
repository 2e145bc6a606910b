// The snapshot store over a Map, for the tests of the store and of what uses it.
import type { SnapshotBackend, SnapshotRecord } from "./snapshots";

/** The store's records in a Map, as IndexedDB would keep them. */
export function memoryBackend(
  records = new Map<string, SnapshotRecord>(),
): SnapshotBackend & { records: typeof records } {
  return {
    records,
    get: async (key) => records.get(key),
    replace: async (record) => {
      records.clear();
      records.set(record.key, record);
    },
  };
}
