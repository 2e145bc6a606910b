/**
 * The kernel: one Pyodide interpreter and the cells run in it. Lives in the worker; the app
 * reaches it only through `KernelApi` (see ../protocol.ts). Python failures come back as
 * values; a thrown error means the kernel itself broke.
 */
import { transfer, wrap } from "comlink";
import { loadPyodide, type PyodideAPI } from "pyodide";
import type {
  BootInfo,
  BootOptions,
  FileEntry,
  FileUpload,
  KernelApi,
  AppCallbacks,
  KernelLimits,
  MemorySnapshot,
  RunEvent,
  RunRequest,
  RunResult,
} from "../protocol";
import { CORE_FILES } from "../core-files";
import { importKernelPython, installKernelPython, type KernelPython } from "../python";
import { DataFiles, LAZY_BYTES } from "./files";
import { hiddenImports, SPREADSHEET_READER } from "./hidden-imports";
import { capMemory } from "./memory";
import { installFetch, PACKAGE_BASE } from "./network";
import { OutputBuffer } from "./output";
import { packageFailureMessage } from "./package-failures";
import { reseed, SnapshotError, snapshotOptions, takeSnapshot, verified } from "./snapshot";
import { precompile } from "./wasm";
import { formatCount } from "../../lib/count";

/** `loadPyodide` never settles when a fetch or the wasm compile is blocked. */
const BOOT_TIMEOUT_MS = 60_000;
/** A restore takes well under a second; past this the snapshot is taken as broken (the app boots normally). */
const SNAPSHOT_TIMEOUT_MS = 10_000;

type EventBody = RunEvent extends infer E ? (E extends RunEvent ? Omit<E, "nonce" | "runId"> : never) : never;

export class Kernel implements KernelApi {
  #pyodide!: PyodideAPI;
  #python!: KernelPython;
  #files!: DataFiles;
  #nonce = "";
  #app!: AppCallbacks;
  #runId: string | null = null;
  #cells = 0;
  #delivered: unknown = undefined;
  #output = new OutputBuffer((name, text) => this.#emit({ kind: "stream", name, text }));
  #limits!: KernelLimits;
  #displays = { count: 0, imageBytes: 0, dropped: 0 };
  #snapshot: MemorySnapshot | null = null;

  /** `interrupt` is the frame's buffer: Atomics.store(…, 2) there raises KeyboardInterrupt here. */
  constructor(private readonly interrupt: SharedArrayBuffer | null) {}

  async boot(options: BootOptions, callbacks: MessagePort): Promise<BootInfo> {
    const { nonce, indexURL, limits, makeSnapshot, coreFiles, snapshot } = options;
    const app = wrap<AppCallbacks>(callbacks) as unknown as AppCallbacks;
    this.#nonce = nonce;
    this.#app = app;
    this.#limits = limits;
    capMemory(limits.memoryBytes);
    // Ask now for every core file not given; Pyodide takes each when it gets to it.
    const given = (name: string) => (Object.hasOwn(coreFiles, name) ? Promise.resolve(coreFiles[name]!) : undefined);
    const files = new Map(CORE_FILES.map((name) => [indexURL + name, given(name) ?? app.coreFile(name)]));
    installFetch(files, (fileName) => app.fetchPackage(fileName));
    precompile(files.get(indexURL + "pyodide.asm.wasm")!);
    // The snapshot is read (from the app's IndexedDB, off this thread) while the loader is imported.
    const restoring = makeSnapshot
      ? Promise.resolve(undefined)
      : ("snapshot" in options ? Promise.resolve(snapshot ?? null) : app.snapshot()).then(verified);
    restoring.catch(() => {}); // awaited below, after the import
    const asm = URL.createObjectURL(
      new Blob([await files.get(indexURL + "pyodide.asm.mjs")!], { type: "text/javascript" }),
    );
    const { default: createPyodideModule } = await import(/* @vite-ignore */ asm);
    const lockFileContents = app.lockFile();
    const restore = await restoring;
    // A restore is timed once its inputs are here: a slow download is not a broken snapshot.
    if (restore) await Promise.all([...files.values(), lockFileContents]);
    const timeoutMs = restore ? SNAPSHOT_TIMEOUT_MS : BOOT_TIMEOUT_MS;
    this.#pyodide = await withTimeout(
      loadPyodide({
        indexURL,
        lockFileContents,
        packageBaseUrl: PACKAGE_BASE,
        ...snapshotOptions(createPyodideModule, restore ? { restore } : makeSnapshot ? { make: true } : null),
      }),
      timeoutMs,
      `Python did not start within ${timeoutMs / 1000} s`,
    ).catch((error: Error) => {
      throw restore ? new SnapshotError(error.message) : error;
    });
    URL.revokeObjectURL(asm);
    if (makeSnapshot) return this.#takeSnapshot();
    if (restore) reseed(this.#pyodide);
    if (this.interrupt) this.#pyodide.setInterruptBuffer(atomicReader(new Int32Array(this.interrupt)));
    this.#pyodide.setStdout({ write: (bytes) => this.#output.write("stdout", bytes) });
    this.#pyodide.setStderr({ write: (bytes) => this.#output.write("stderr", bytes) });
    this.#pyodide.setStdin({ error: true }); // no keyboard (and no prompt() in a worker): reads fail at once
    this.#python = installKernelPython(this.#pyodide, (json) => this.#display(json));
    this.#files = new DataFiles(this.#pyodide.FS);
    return this.#info();
  }

  /**
   * A snapshot kernel's boot ends here: the kernel's Python is imported (so kernels restored from
   * the snapshot need not), and the heap copied before anything else enters it.
   */
  #takeSnapshot(): BootInfo {
    importKernelPython(this.#pyodide);
    this.#snapshot = takeSnapshot(this.#pyodide);
    return { ...this.#info(), interruptible: false };
  }

  #info(): BootInfo {
    const sys = this.#pyodide.pyimport("sys");
    const pythonVersion = `${sys.version_info.major}.${sys.version_info.minor}.${sys.version_info.micro}`;
    sys.destroy();
    return { pyodideVersion: this.#pyodide.version, pythonVersion, interruptible: this.interrupt !== null };
  }

  async snapshot(): Promise<MemorySnapshot> {
    const snapshot = this.#snapshot;
    this.#snapshot = null;
    if (!snapshot) throw new Error("This kernel took no memory snapshot");
    return snapshot;
  }

  async run({ runId, code }: RunRequest): Promise<RunResult> {
    if (this.#runId) throw new Error("A run is already in progress");
    this.#runId = runId;
    this.#output.begin(this.#limits.outputChars);
    this.#displays = { count: 0, imageBytes: 0, dropped: 0 };
    if (this.interrupt) Atomics.store(new Int32Array(this.interrupt), 0, 0); // a late interrupt must not hit this run
    try {
      const failures = await this.#loadPackages(code);
      const stamp = { nonce: this.#nonce, runId };
      if (failures.length > 0) {
        const message = packageFailureMessage(failures, code);
        return {
          ...stamp,
          status: "error",
          error: { name: "PackageError", message, traceback: message },
          changedFiles: [],
          removedFiles: [],
        };
      }
      this.#emit({ kind: "started" }); // the app's clock starts now, not during package loading
      const result = JSON.parse(await this.#python.run(code, `<cell-${++this.#cells}>`));
      return { ...result, ...stamp };
    } finally {
      if (this.#displays.dropped > 0) {
        const { dropped } = this.#displays;
        this.#output.write(
          "stderr",
          new TextEncoder().encode(
            `\n[… ${dropped} display output${dropped > 1 ? "s" : ""} not shown: the limit is ${this.#limits.displays} outputs and ${formatCount(this.#limits.imageBytes)} bytes of images per run …]\n`,
          ),
        );
      }
      this.#output.end();
      // The run's output ends here: a timer printing while the last events land is not the run's.
      this.#runId = null;
      await this.#delivered; // events travel on the callbacks' port: let the last land before the result
    }
  }

  /**
   * Loads the packages the code imports, and those it needs without importing them; returns one
   * sentence per package that failed.
   */
  async #loadPackages(code: string): Promise<string[]> {
    const failures: string[] = [];
    const reporting = {
      messageCallback: (message: string) => {
        if (message.startsWith("Loading ")) this.#emit({ kind: "progress", message });
      },
      errorCallback: (message: string) => {
        if (!message.startsWith("The following error occurred")) failures.push(message);
      },
    };
    // The test spares most cells a Python-side parse.
    if (/\bimport\b/.test(code)) await this.#pyodide.loadPackagesFromImports(code, reporting);
    const hidden = hiddenImports(code, (pkg) => pkg in this.#pyodide.lockfile.packages);
    const missing = hidden.filter((pkg) => !(pkg in this.#pyodide.loadedPackages));
    if (missing.length > 0) await this.#pyodide.loadPackage(missing, reporting);
    if (failures.length === 0 && hidden.includes(SPREADSHEET_READER)) this.#python.useCalamine();
    return failures;
  }

  /** A display output from Python, within the run's display and image budgets. */
  #display(json: string): void {
    const data = JSON.parse(json) as Record<string, string>;
    const image = (data["image/png"]?.length ?? 0) + (data["image/jpeg"]?.length ?? 0);
    const budget = this.#displays;
    if (budget.count >= this.#limits.displays || budget.imageBytes + image > this.#limits.imageBytes) {
      budget.dropped++;
      return;
    }
    budget.count++;
    budget.imageBytes += image;
    this.#output.flush();
    this.#emit({ kind: "display", data });
  }

  #emit(body: EventBody): void {
    const runId = this.#runId;
    if (!runId) return; // output between runs (a stray timer) has nowhere to go
    const delivered = this.#app.onEvent({ ...body, nonce: this.#nonce, runId } as RunEvent);
    // Output must land before the result; "started" need not (the app takes it late), so a
    // trivial run is not held up by its round trip.
    if (body.kind !== "started") this.#delivered = delivered;
  }

  /**
   * Small files are read, then listed. Big ones are listed first, their bytes read in the
   * background (off this thread) or by whatever opens them sooner (see DataFiles.writeLazily).
   */
  async writeFiles(files: FileUpload[]): Promise<void> {
    for (const { name, data } of files) {
      if (data.size < LAZY_BYTES) {
        this.#files.write(name, await data.arrayBuffer());
        continue;
      }
      // One byte read now: what cannot be read (a folder, a file changed on disk since it was
      // picked) is refused by the upload, not found out later by Python.
      await data.slice(0, 1).arrayBuffer();
      const fill = this.#files.writeLazily(name, data, readSync);
      void data.arrayBuffer().then(fill, () => {}); // if this fails, the first open reads again (or raises OSError)
    }
  }

  async listFiles(): Promise<FileEntry[]> {
    return this.#files.list();
  }

  async readFile(name: string, maxBytes?: number): Promise<ArrayBuffer> {
    const bytes = this.#files.read(name, maxBytes); // a copy: moved to the app, not copied again
    return transfer(bytes, [bytes]);
  }

  async readFiles(names: string[]): Promise<(ArrayBuffer | null)[]> {
    const read: (ArrayBuffer | null)[] = [];
    let bytes = 0;
    for (const name of names) {
      if (bytes >= READ_BATCH_BYTES) break; // the rest in the next call: big files are not all copied at once
      let data: ArrayBuffer | null = null;
      try {
        data = this.#files.read(name);
      } catch {
        // gone since the run named it
      }
      read.push(data);
      bytes += data?.byteLength ?? 0;
    }
    return transfer(
      read,
      read.filter((data) => data !== null),
    );
  }

  async deleteFile(name: string): Promise<void> {
    this.#files.delete(name);
  }
}

/** What one `readFiles` call copies at most (past its first file). */
const READ_BATCH_BYTES = 64 * 1024 ** 2;

/** Workers only (the app's TypeScript lib is the page's). */
declare const FileReaderSync: new () => { readAsArrayBuffer(blob: Blob): ArrayBuffer };

/** A Blob's bytes, read on this thread: file system calls are synchronous. */
function readSync(blob: Blob): ArrayBuffer {
  return new FileReaderSync().readAsArrayBuffer(blob);
}

/**
 * Pyodide reads the interrupt flag and then clears it, non-atomically, so an interrupt arriving
 * in between was lost (~9% here). Reading through Atomics.exchange makes read-and-clear one step.
 */
function atomicReader(flag: Int32Array): Int32Array {
  const reader = {
    get 0() {
      return Atomics.exchange(flag, 0, 0);
    },
    set 0(_value: number) {},
  };
  return reader as unknown as Int32Array;
}

function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(message)), ms);
    promise.then(resolve, reject).finally(() => clearTimeout(timer));
  });
}
