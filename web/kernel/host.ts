/**
 * KernelHost: the one owner of the kernel's lifecycle on the app page (boot, run, files,
 * restart). Components read its state through `subscribe`/`getState`
 * (useSyncExternalStore) and never touch the frame or the worker.
 *
 * The kernel lives in `<iframe sandbox="allow-scripts">` (opaque origin, own CSP, no network);
 * the app hands it a MessagePort and talks to the worker directly over Comlink. Every value that
 * comes back is validated; a kernel that sends anything malformed, stray or over budget is
 * killed. Calls pending on a killed kernel are rejected here (Comlink would leave them hanging).
 */
import { proxy, transfer, wrap, type Remote } from "comlink";
import { KernelAssets } from "./assets";
import { fetchLockFile, packageFetcher, type PackageSource } from "./packages";
import type { AppCallbacks, BootInfo, FileEntry, FrameStart, KernelApi, RunEvent, RunResult } from "./protocol";
import { parseBootInfo, parseFileEntries, parseRunEvent, parseRunResult } from "./validate";

export type KernelState =
  | { kind: "booting"; message: string; progress: number | null }
  | { kind: "ready"; info: BootInfo }
  | { kind: "running"; info: BootInfo; runId: string }
  | { kind: "failed"; error: string };

/** The kernel broke (not the user's code): it was killed, or never started. */
export class KernelError extends Error {
  override name = "KernelError";
}

/** Per run, what the kernel may send before it counts as a flood. */
const MAX_EVENTS_PER_RUN = 20_000;
const MAX_EVENT_BYTES_PER_RUN = 256 * 1024 * 1024;
const BOOT_TIMEOUT_MS = 90_000;

interface Session {
  frame: HTMLIFrameElement;
  remote: Remote<KernelApi>;
  nonce: string;
  info: BootInfo;
  /** Rejects when this kernel is killed, so calls racing it never hang. */
  killed: Promise<never>;
}

export class KernelHost {
  #state: KernelState = { kind: "booting", message: "Starting Python…", progress: null };
  #listeners = new Set<() => void>();
  #assets: KernelAssets | undefined;
  #session: Promise<Session> | undefined;
  #kill: ((reason: string) => void) | undefined;
  #queue: Promise<unknown> = Promise.resolve();
  #notifying = false;
  /** The live kernel's nonce. */
  #nonce = "";
  #run: { runId: string; onEvent: (event: RunEvent) => void; events: number; bytes: number } | null = null;

  constructor(private readonly packageSource: PackageSource | Promise<PackageSource>) {}

  getState = (): KernelState => this.#state;

  subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  };

  /** Starts booting now (the page calls this on load, before anyone asks for a run). */
  start(): void {
    this.#session ??= this.#boot();
    this.#session.catch(() => {}); // surfaced through the state and to callers
  }

  /** Runs one cell. Runs are queued: with JSPI a sleeping cell could otherwise interleave. */
  run(code: string, onEvent: (event: RunEvent) => void): Promise<RunResult> {
    return this.#serial(async () => {
      const session = await this.#ready();
      const runId = crypto.randomUUID();
      this.#run = { runId, onEvent, events: 0, bytes: 0 };
      this.#setState({ kind: "running", info: session.info, runId });
      try {
        const raw = await Promise.race([session.remote.run({ runId, code }), session.killed]);
        const result = parseRunResult(raw, { nonce: session.nonce, runId });
        return result ?? this.#violation("it returned a malformed result");
      } finally {
        this.#run = null;
        if (this.#state.kind === "running") this.#setState({ kind: "ready", info: session.info });
      }
    });
  }

  /** Every event the kernel sends comes through here, for the active run or for nobody. */
  #onEvent(session: { nonce: string }, raw: unknown): void {
    if (session.nonce !== this.#nonce) return; // a killed kernel's last words
    const run = this.#run;
    const event = run && parseRunEvent(raw, { nonce: session.nonce, runId: run.runId });
    if (!run || !event) return this.#violation("it sent a malformed or stray message");
    run.bytes += event.kind === "stream" ? event.text.length : JSON.stringify(event).length;
    if (++run.events > MAX_EVENTS_PER_RUN || run.bytes > MAX_EVENT_BYTES_PER_RUN) {
      return this.#violation("it flooded the page with messages");
    }
    run.onEvent(event);
  }

  writeFiles(files: { name: string; data: ArrayBuffer }[]): Promise<void> {
    return this.#call((remote) => remote.writeFiles(transfer(files, files.map((f) => f.data))));
  }

  async listFiles(): Promise<FileEntry[]> {
    const entries = parseFileEntries(await this.#call((remote) => remote.listFiles()));
    return entries ?? this.#violation("it returned a malformed file list");
  }

  async readFile(name: string): Promise<ArrayBuffer> {
    const data = await this.#call((remote) => remote.readFile(name));
    return data instanceof ArrayBuffer ? data : this.#violation("it returned a malformed file");
  }

  deleteFile(name: string): Promise<void> {
    return this.#call((remote) => remote.deleteFile(name));
  }

  /** Throws the kernel away and boots a fresh one. */
  restart(reason = "restarted"): void {
    this.#kill?.(reason);
    this.#session = undefined;
    this.start();
  }

  #violation(what: string): never {
    const reason = `The kernel was stopped because ${what}.`;
    this.restart(reason);
    throw new KernelError(reason);
  }

  async #call<T>(call: (remote: Remote<KernelApi>) => Promise<T>): Promise<T> {
    const session = await this.#ready();
    return Promise.race([call(session.remote), session.killed]);
  }

  #serial<T>(task: () => Promise<T>): Promise<T> {
    const next = this.#queue.then(task, task);
    this.#queue = next.catch(() => {});
    return next;
  }

  #ready(): Promise<Session> {
    this.start();
    return this.#session!;
  }

  async #boot(): Promise<Session> {
    let frame: HTMLIFrameElement | undefined;
    const killed = new Promise<never>((_, reject) => {
      this.#kill = (reason) => {
        frame?.remove();
        reject(new KernelError(reason));
      };
    });
    killed.catch(() => {});
    try {
      const started = this.#start((f) => (frame = f), killed);
      const timeout = new Promise<never>((_, reject) =>
        setTimeout(() => reject(new KernelError(`Python did not start within ${BOOT_TIMEOUT_MS / 1000} s.`)), BOOT_TIMEOUT_MS),
      );
      const session = await Promise.race([started, killed, timeout]);
      this.#setState({ kind: "ready", info: session.info });
      return session;
    } catch (error) {
      frame?.remove();
      this.#setState({ kind: "failed", error: (error as Error).message });
      throw error;
    }
  }

  /**
   * Frame, worker and Python start while the downloads are still arriving: the worker asks for
   * each file when Pyodide needs it (`AppCallbacks.coreFile`), so nothing waits for everything.
   */
  async #start(onFrame: (frame: HTMLIFrameElement) => void, killed: Promise<never>): Promise<Session> {
    this.#setState({ kind: "booting", message: "Downloading Python…", progress: 0 });
    if (!this.#assets) {
      const assets = new KernelAssets((loaded, total) => {
        if (this.#state.kind === "booting") this.#setState({ ...this.#state, progress: loaded / total });
      });
      assets.all.catch(() => (this.#assets = undefined)); // a restart tries the download again
      this.#assets = assets;
    }
    const assets = this.#assets;
    void assets.all.then(() => {
      if (this.#state.kind === "booting") this.#setState({ kind: "booting", message: "Starting Python…", progress: null });
    });
    const source = Promise.resolve(this.packageSource);
    const lockFile = source.then(fetchLockFile);
    const fetchPackage = Promise.all([source, lockFile]).then(([s, lock]) => packageFetcher(s, lock));

    const [frame, worker] = await Promise.all([openFrame(), assets.worker]);
    onFrame(frame);
    const channel = new MessageChannel();
    const start: FrameStart = { type: "start", source: worker.slice(0) };
    // The frame's origin is opaque ("null"), so no target origin can name it; it is our own child.
    frame.contentWindow!.postMessage(start, "*", [start.source, channel.port2]);

    const remote = wrap<KernelApi>(channel.port1);
    const nonce = (this.#nonce = crypto.randomUUID());
    const app: AppCallbacks = {
      coreFile: async (name) => {
        const bytes = await assets.coreFile(String(name));
        return transfer(bytes, [bytes]);
      },
      lockFile: () => lockFile,
      fetchPackage: async (fileName) => {
        const bytes = await (await fetchPackage)(String(fileName));
        return transfer(bytes, [bytes]);
      },
      onEvent: (raw) => this.#onEvent({ nonce }, raw),
    };
    const booted = remote.boot({ nonce, indexURL: assets.indexURL }, proxy(app));
    // A failed download or lock file is the clearer error; the kernel would only see it second-hand.
    const raw = await Promise.race([booted, killed, assets.all.then(() => booted), lockFile.then(() => booted)]);
    const info = parseBootInfo(raw);
    if (!info) throw new KernelError("The kernel sent a malformed start-up report.");
    return { frame, remote, nonce, info, killed };
  }

  /**
   * The state changes at once; listeners hear of it in the next task, once for any number of
   * changes. A 1 ms run flips running → ready, and re-rendering on each flip would sit on every
   * run's critical path (measured: ~0.45 ms a run).
   */
  #setState(state: KernelState): void {
    this.#state = state;
    if (this.#notifying) return;
    this.#notifying = true;
    nextTask(() => {
      this.#notifying = false;
      for (const listener of this.#listeners) listener();
    });
  }
}

const channel = new MessageChannel();
const tasks: (() => void)[] = [];
channel.port1.onmessage = () => tasks.shift()?.();

/** Runs `task` in a task of its own, sooner than setTimeout (no clamping). */
function nextTask(task: () => void): void {
  tasks.push(task);
  channel.port2.postMessage(null);
}

function openFrame(): Promise<HTMLIFrameElement> {
  const frame = document.createElement("iframe");
  frame.sandbox.add("allow-scripts"); // never allow-same-origin: the kernel must stay opaque
  frame.allow = "cross-origin-isolated";
  frame.title = "Python kernel";
  frame.hidden = true;
  const origin = encodeURIComponent(location.origin);
  frame.src = new URL(`kernel.html#origin=${origin}`, document.baseURI).href;
  return new Promise((resolve) => {
    frame.addEventListener("load", () => resolve(frame), { once: true });
    document.body.append(frame);
  });
}
