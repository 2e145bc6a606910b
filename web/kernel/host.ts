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
import { fetchKernelAssets, type KernelAssets } from "./assets";
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
  #assets: Promise<KernelAssets> | undefined;
  #session: Promise<Session> | undefined;
  #kill: ((reason: string) => void) | undefined;
  #queue: Promise<unknown> = Promise.resolve();
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

  async #start(onFrame: (frame: HTMLIFrameElement) => void, killed: Promise<never>): Promise<Session> {
    this.#setState({ kind: "booting", message: "Downloading Python…", progress: 0 });
    this.#assets ??= fetchKernelAssets((loaded, total) =>
      this.#setState({ kind: "booting", message: "Downloading Python…", progress: loaded / total }),
    );
    this.#assets.catch(() => (this.#assets = undefined)); // let a restart try the download again
    const source = await this.packageSource;
    const [assets, lockFile] = await Promise.all([this.#assets, fetchLockFile(source)]);
    this.#setState({ kind: "booting", message: "Starting Python…", progress: null });

    const frame = await openFrame();
    onFrame(frame);
    const channel = new MessageChannel();
    const start: FrameStart = { type: "start", source: assets.worker.slice(0) };
    // The frame's origin is opaque ("null"), so no target origin can name it; it is our own child.
    frame.contentWindow!.postMessage(start, "*", [start.source, channel.port2]);

    const remote = wrap<KernelApi>(channel.port1);
    const nonce = (this.#nonce = crypto.randomUUID());
    const files = Object.fromEntries(Object.entries(assets.files).map(([name, data]) => [name, data.slice(0)]));
    const fetchPackage = packageFetcher(source, lockFile);
    const options = { nonce, indexURL: assets.indexURL, files, lockFile, packageBaseURL: source.baseURL };
    const app: AppCallbacks = {
      fetchPackage: async (fileName) => {
        const bytes = await fetchPackage(String(fileName));
        return transfer(bytes, [bytes]);
      },
      onEvent: (raw) => this.#onEvent({ nonce }, raw),
    };
    const raw = await Promise.race([remote.boot(transfer(options, Object.values(files)), proxy(app)), killed]);
    const info = parseBootInfo(raw);
    if (!info) throw new KernelError("The kernel sent a malformed start-up report.");
    return { frame, remote, nonce, info, killed };
  }

  #setState(state: KernelState): void {
    this.#state = state;
    for (const listener of this.#listeners) listener();
  }
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
