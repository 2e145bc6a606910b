/**
 * The kernel boundaries: everything that crosses between the app page and the kernel worker.
 *
 * The app starts the kernel frame with one `FrameStart` message, then talks to the worker over
 * a MessagePort (Comlink). The worker runs model-written
 * Python that can reach every JavaScript API in its scope, so every value coming back is
 * hostile until `parse*` below has checked it (../shared/SECURITY.md, "every message from the
 * kernel is hostile"). Both sides import this file; nothing else crosses.
 */

/** The API the worker exposes. Python failures are values (`RunResult`); a rejection means the kernel broke. */
export interface KernelApi {
  /**
   * Start Python from the bytes the app fetched; resolves once a cell can run. `callbacks` is the
   * port on which the app exposes its `AppCallbacks` (its own port, which it rate-watches and
   * closes when it drops the kernel, so a flood already queued there is never handled).
   */
  boot(options: BootOptions, callbacks: MessagePort): Promise<BootInfo>;
  /** Run one cell; its output streams through `AppCallbacks.onEvent`. Runs must not overlap. */
  run(request: RunRequest): Promise<RunResult>;
  /**
   * Write files into /mnt/data. Each Blob (a picked File, say) crosses as a handle and is read in
   * the worker — the page copies nothing (a 100 MB ArrayBuffer posted to the kernel's process
   * held the page's thread for ~200 ms).
   */
  writeFiles(files: FileUpload[]): Promise<void>;
  /** List /mnt/data. */
  listFiles(): Promise<FileEntry[]>;
  /** Read one file of /mnt/data, or only its first `maxBytes` (a preview). */
  readFile(name: string, maxBytes?: number): Promise<ArrayBuffer>;
  /**
   * Read files whole, as many of `names` as one call may carry (the first always): the answer is
   * as long as the names read, null for one that is gone.
   */
  readFiles(names: string[]): Promise<(ArrayBuffer | null)[]>;
  /** Delete one file of /mnt/data. */
  deleteFile(name: string): Promise<void>;
  /** The memory snapshot a `makeSnapshot` boot took (once); rejects for any other kernel. */
  snapshot(): Promise<MemorySnapshot>;
}

/** What the kernel may ask of the app (one Comlink proxy for the kernel's lifetime). */
export interface AppCallbacks {
  /** Pyodide's core files by name (pyodide.asm.mjs, pyodide.asm.wasm, python_stdlib.zip). */
  coreFile(name: string): Promise<ArrayBuffer | Blob>;
  /**
   * A Pyodide memory snapshot to start from instead of booting Python, or null to boot (issue 8);
   * answered once. The kernel checks its checksum first. If it is corrupt or cannot be restored the
   * boot rejects with an error named "SnapshotError", and the app boots a kernel without it.
   */
  snapshot(): Promise<MemorySnapshot | null>;
  /** The package source's lock file, as text. */
  lockFile(): Promise<string>;
  /** The app fetches package wheels for the network-less kernel: file name from the lock file → bytes. */
  fetchPackage: PackageFetcher;
  /** Output of the active run. The app drops the kernel if it names any other run. */
  onEvent(event: RunEvent): void;
}

export type PackageFetcher = (fileName: string) => Promise<ArrayBuffer>;

/**
 * What the worker needs to start Pyodide. The files it needs come with it where the app has them
 * by then, and through `AppCallbacks` where it does not.
 */
export interface BootOptions {
  /** Per-kernel secret echoed in every event, so stray messages are told apart. */
  nonce: string;
  /** Where Pyodide's core files notionally live (the kernel never fetches them itself). */
  indexURL: string;
  /** Caps the kernel enforces on itself (the app enforces looser ones as a backstop). */
  limits: KernelLimits;
  /** Boot only to take a memory snapshot (`KernelApi.snapshot`); such a kernel never runs code. */
  makeSnapshot?: boolean;
  /** Core files by name, where the app has them already: the kernel asks only for the others. */
  coreFiles: Record<string, Blob>;
  /** The memory snapshot (or null: none), where the app has read it already; else the kernel asks. */
  snapshot?: MemorySnapshot | null;
}

export interface KernelLimits {
  /** Wasm heap ceiling: growth past it makes Python raise MemoryError. */
  memoryBytes: number;
  /** stdout + stderr characters per run; the head and tail are kept, the middle cut. */
  outputChars: number;
  /** Display outputs per run. */
  displays: number;
  /** Bytes of images (base64) per run. */
  imageBytes: number;
}

export interface BootInfo {
  pyodideVersion: string;
  pythonVersion: string;
  /** Whether the frame gave the kernel an interrupt buffer (needs cross-origin isolation). */
  interruptible: boolean;
}

/** The wasm heap of a Python that has booted and run nothing else, and its checksum (worker/checksum.ts). */
export interface MemorySnapshot {
  /** A Blob: it crosses between the app, its store and kernels as a handle, never copied on the page. */
  bytes: Blob;
  checksum: string;
}

export interface RunRequest {
  runId: string;
  code: string;
}

/**
 * A file for /mnt/data, as the page keeps it and gives it to a kernel. A Blob, not bytes: it is
 * immutable (kept without copies; a picked File by reference) and crosses to the worker's process,
 * and into IndexedDB, as a handle, so 100 MB never pass through the page's thread (issue 8).
 */
export interface FileUpload {
  name: string;
  data: Blob;
}

export interface FileEntry {
  name: string;
  size: number;
  /** Milliseconds since the epoch. */
  modified: number;
}

/** A MIME bundle, as in Jupyter: MIME type → data (strings; images base64). */
export type MimeBundle = Record<string, string>;

/** The MIME types a display output may carry; anything else is dropped at the boundary. */
export type DisplayMimeType =
  | "text/plain"
  | "text/html"
  | "text/markdown"
  | "image/png"
  | "image/jpeg"
  | "image/svg+xml"
  | "application/json"
  | "application/vnd.vegalite.v5+json";

export type RunEvent =
  | { kind: "started"; nonce: string; runId: string }
  | { kind: "stream"; nonce: string; runId: string; name: "stdout" | "stderr"; text: string }
  | { kind: "display"; nonce: string; runId: string; data: MimeBundle }
  | { kind: "progress"; nonce: string; runId: string; message: string };

/** `changedFiles`: made or changed in /mnt/data by the run; `removedFiles`: gone from it (deleted or renamed away). */
export type RunResult = {
  nonce: string;
  runId: string;
  changedFiles: string[];
  removedFiles: string[];
  /** Files the run made or changed beyond those named (too many, or names too long): not kept. */
  unreportedFiles?: number;
} & ({ status: "ok"; value: MimeBundle | null } | { status: "error"; error: PythonError });

/** A Python exception, already formatted: user frames only. */
export interface PythonError {
  /** e.g. "ZeroDivisionError" */
  name: string;
  message: string;
  /** The full traceback text, starting at the user's cell. */
  traceback: string;
}

/** Messages the app sends the kernel frame (window.postMessage; the frame checks the sender). */
export type FrameMessage =
  /** Start the worker; the app↔worker MessagePort is attached. */
  | { type: "start"; source: ArrayBuffer }
  /** Raise KeyboardInterrupt in the running cell (works only where the frame is cross-origin isolated). */
  | { type: "interrupt" };

/** The kernel frame tells the app it can take the start message (sooner than its load event). */
export interface FrameReady {
  type: "kernel-frame-ready";
}

/** What the frame hands the worker's bootstrap, which imports `source` and calls its `start`. */
export interface WorkerStart {
  source: ArrayBuffer;
  port: MessagePort;
  /** An Int32Array's buffer for Pyodide's interrupts, or null where SharedArrayBuffer is unavailable. */
  interrupt: SharedArrayBuffer | null;
}
