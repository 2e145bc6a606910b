/**
 * The kernel's memory snapshot on the app page (issue 8). Kernels — the first one on a repeat
 * visit, standbys, replacements — start Python from it instead of booting it. It is read from the
 * browser's store once per page and kept; when there is none for this Pyodide version and kernel
 * build, one is made once, in the background, by a kernel of its own that runs no code (a kernel
 * that has run user code must never be the source). Every failure means a normal boot.
 */
import { version } from "pyodide/package.json";
import { workerPath } from "virtual:kernel-assets";
import { isChecksum, SnapshotStore } from "../storage/snapshots";
import type { MemorySnapshot } from "./protocol";

/** Pyodide's version and the kernel bundle's build (its file name carries its hash). */
export const SNAPSHOT_KEY = `pyodide-${version}/${workerPath}`;

/** What a stored snapshot of a freshly booted Pyodide can weigh: its 30 MiB heap, less the pages of zeros (~16 MB). */
const MIN_BYTES = 1024 ** 2;
const MAX_BYTES = 512 * 1024 ** 2;

export class KernelSnapshot {
  #snapshot: Promise<MemorySnapshot | null>;
  /** Whether one should be made: none is stored, and none failed for this key. */
  #wanted: Promise<boolean>;
  /** The one attempt to make it, which every caller of ensure() waits for. */
  #ensured: Promise<void> | undefined;

  constructor(
    private readonly store = new SnapshotStore(),
    private readonly key = SNAPSHOT_KEY,
  ) {
    const lookup = store.load(key);
    this.#snapshot = lookup.then((l) => (l.kind === "snapshot" ? l.snapshot : null));
    this.#wanted = lookup.then((l) => l.kind === "none");
  }

  /** The snapshot for a kernel's boot (a Blob: every kernel gets the same), or null for a normal boot. */
  forBoot(): Promise<MemorySnapshot | null> {
    return this.#snapshot;
  }

  /** A kernel could not start from it: boot normally from now on, and do not make another. */
  failed(): void {
    this.#snapshot = Promise.resolve(null);
    this.#wanted = Promise.resolve(false);
    void this.store.markFailed(this.key);
  }

  /** Makes one with `make` if it is wanted (once per page), then uses and stores it. */
  ensure(make: () => Promise<MemorySnapshot>): Promise<void> {
    return (this.#ensured ??= this.#make(make));
  }

  async #make(make: () => Promise<MemorySnapshot>): Promise<void> {
    try {
      if (!(await this.#wanted)) return;
      const snapshot = await make();
      const { bytes, checksum } = snapshot ?? {};
      if (!(bytes instanceof Blob) || bytes.size < MIN_BYTES || bytes.size > MAX_BYTES) return;
      if (!isChecksum(checksum)) return;
      this.#snapshot = Promise.resolve(snapshot);
      await this.store.save(this.key, snapshot);
    } catch {
      // no snapshot this time: kernels keep booting normally
    }
  }
}
