/**
 * One kernel: a sandboxed frame, its worker and the Comlink link to it. KernelHost owns
 * sessions; a session only knows how to start, answer calls, be interrupted and be killed.
 * Calls pending when it is killed reject (Comlink would leave them hanging).
 */
import { expose, transfer, wrap, type Remote } from "comlink";
import type { KernelAssets } from "./assets";
import type { Limits } from "./limits";
import { callbacksForKernel } from "./callbacks";
import type {
  AppCallbacks,
  BootInfo,
  BootOptions,
  FileUpload,
  FrameMessage,
  FrameReady,
  KernelApi,
  MemorySnapshot,
  PackageFetcher,
} from "./protocol";
import type { KernelSnapshot } from "./snapshot";
import { parseBootInfo } from "./validate";
import { messageOf } from "../lib/message-of";
import { Settled } from "../lib/settled";

const BOOT_TIMEOUT_MS = 90_000;

/** The kernel broke (not the user's code): it was killed, or never started. */
export class KernelError extends Error {
  override name = "KernelError";
}

export interface SessionOptions {
  assets: KernelAssets;
  lockFile: Promise<string>;
  fetchPackage: PackageFetcher;
  /** The site's limits; the frame and worker start before they are known. */
  limits: Promise<Limits>;
  /** Every event the kernel sends, unvalidated; the host checks it against the active run. */
  onEvent(session: KernelSession, raw: unknown): void;
  /** The session broke a rule (message rate); the host replaces it. */
  onViolation(session: KernelSession, what: string): void;
  messagesPerSecond: number;
  /** The memory snapshot to start Python from, if there is one (issue 8). */
  snapshot?: KernelSnapshot;
}

/** How a kernel starts, beyond the session's options: from a snapshot, or to take one. */
type StartMode = Pick<BootOptions, "makeSnapshot"> & { snapshot?: Settled<MemorySnapshot | null> };

export class KernelSession {
  readonly nonce = crypto.randomUUID();
  readonly killed: Promise<never>;
  info!: BootInfo;
  #frame = openFrame();
  #remote!: Remote<KernelApi>;
  #kill!: (error: KernelError) => void;
  #dead = false;
  #ports: MessagePort[] = [];

  private constructor() {
    this.killed = new Promise<never>((_, reject) => (this.#kill = reject));
    this.killed.catch(() => {});
  }

  /**
   * Starts a kernel; resolves once Python is ready, rejects (and cleans up) if it cannot start.
   * Python starts from the memory snapshot where there is one; a kernel that cannot restore it is
   * replaced by one booted normally, and the snapshot is not used again.
   */
  static async open(options: SessionOptions): Promise<KernelSession> {
    const snapshot = new Settled(options.snapshot?.forBoot() ?? Promise.resolve(null));
    try {
      return await KernelSession.#start(options, { snapshot });
    } catch (error) {
      if (!(await snapshot.promise)) throw error;
      if ((error as Error).name === "SnapshotError") options.snapshot?.failed();
      return KernelSession.#start(options, {});
    }
  }

  /** Boots a kernel only to take a memory snapshot of its fresh Python, then removes it. */
  static async makeSnapshot(options: SessionOptions): Promise<MemorySnapshot> {
    const session = await KernelSession.#start(options, { makeSnapshot: true });
    try {
      return await session.call((remote) => remote.snapshot());
    } finally {
      session.#remove(new KernelError("snapshot taken"));
    }
  }

  static async #start(options: SessionOptions, mode: StartMode): Promise<KernelSession> {
    const session = new KernelSession();
    const timeout = new Promise<never>((_, reject) =>
      setTimeout(
        () => reject(new KernelError(`Python did not start within ${BOOT_TIMEOUT_MS / 1000} s.`)),
        BOOT_TIMEOUT_MS,
      ),
    );
    try {
      await Promise.race([session.#boot(options, mode), session.killed, timeout]);
      return session;
    } catch (error) {
      session.kill(messageOf(error));
      throw error;
    }
  }

  async #boot(
    { assets, lockFile, fetchPackage, limits, onEvent, onViolation, messagesPerSecond }: SessionOptions,
    { snapshot = new Settled(Promise.resolve(null)), makeSnapshot }: StartMode,
  ) {
    const [frame, worker] = await Promise.all([this.#frame, assets.worker]);
    const channel = new MessageChannel();
    const calls = new MessageChannel(); // the kernel's calls to the app (see KernelApi.boot)
    this.#ports = [channel.port1, calls.port1];
    for (const port of this.#ports) {
      watchRate(port, messagesPerSecond, () => onViolation(this, "it flooded the page with messages"));
    }
    const start: FrameMessage = { type: "start", source: worker.slice(0) };
    // The frame's origin is opaque ("null"), so no target origin can name it; it is our own child.
    frame.contentWindow!.postMessage(start, "*", [start.source, channel.port2]);
    this.#remote = wrap<KernelApi>(channel.port1);
    // A kernel asks for each core file and the lock file once; asking again (each answer is
    // megabytes copied on this thread) is a flood of the page, as is the same wheel again.
    const asked = new Set<string>();
    const once = (what: string) => {
      if (asked.has(what)) {
        onViolation(this, "it asked for the same file again");
        throw new KernelError(`${what} was already given`);
      }
      asked.add(what);
    };
    const app: AppCallbacks = {
      coreFile: async (name) => {
        once(`core ${name}`);
        return assets.coreFile(String(name));
      },
      snapshot: () => (once("snapshot"), snapshot.promise),
      lockFile: () => (once("lock file"), lockFile),
      fetchPackage: async (fileName) => {
        once(`package ${fileName}`);
        const bytes = await fetchPackage(String(fileName)).catch((error: Error) => {
          asked.delete(`package ${fileName}`); // a failed download may be tried again
          throw error;
        });
        return transfer(bytes, [bytes]);
      },
      onEvent: (raw) => {
        if (!this.#dead) onEvent(this, raw);
      },
    };
    const { memoryBytes, outputChars, displays, imageBytes } = await limits;
    // What the app has by now goes with the boot; the kernel would only ask for it again.
    const coreFiles = assets.coreFilesHere();
    for (const name of Object.keys(coreFiles)) once(`core ${name}`);
    const given = makeSnapshot ? undefined : snapshot.now;
    if (given) once("snapshot");
    const options: BootOptions = {
      nonce: this.nonce,
      indexURL: assets.indexURL,
      limits: { memoryBytes, outputChars, displays, imageBytes },
      ...(makeSnapshot && { makeSnapshot }),
      coreFiles,
      ...(given && { snapshot: given.value }),
    };
    expose(callbacksForKernel(app), calls.port1);
    const booted = this.#remote.boot(options, transfer(calls.port2, [calls.port2]));
    // A failed download or lock file is the clearer error; the kernel would only see it second-hand.
    const raw = await Promise.race([booted, assets.all.then(() => booted), lockFile.then(() => booted)]);
    const info = parseBootInfo(raw);
    if (!info) throw new KernelError("The kernel sent a malformed start-up report.");
    this.info = info;
    if (asked.has("snapshot") && (await snapshot.promise)) performance.mark("kernel-restored"); // for devtools, tests, bench
  }

  /** Writes files into the kernel's /mnt/data; the Blobs are read in the worker. */
  writeFiles(files: FileUpload[]): Promise<void> {
    return this.call((remote) => remote.writeFiles(files));
  }

  /** Calls the kernel; rejects with KernelError if the kernel is killed first. */
  call<T>(request: (remote: Remote<KernelApi>) => Promise<T>): Promise<T> {
    return Promise.race([request(this.#remote), this.killed]);
  }

  /** Asks the frame to raise KeyboardInterrupt in the running cell; false where it cannot. */
  interrupt(): boolean {
    if (this.#dead || !this.info?.interruptible) return false;
    void this.#frame.then((frame) =>
      frame.contentWindow?.postMessage({ type: "interrupt" } satisfies FrameMessage, "*"),
    );
    return true;
  }

  /**
   * Removes the kernel. It is interrupted first: a removed frame's busy worker was seen spinning
   * a core for ~2 s, while an interrupted one stopped within ~20 ms.
   */
  kill(reason: string): void {
    if (this.#dead) return;
    performance.mark("kernel-killed", { detail: reason }); // for devtools and `npm run bench`
    this.#remove(new KernelError(reason));
  }

  #remove(error: KernelError): void {
    if (this.#dead) return;
    this.interrupt();
    this.#dead = true;
    this.#kill(error);
    // Closed ports deliver nothing more: messages the kernel had already queued are never handled.
    for (const port of this.#ports) port.close();
    void this.#frame.then((frame) => setTimeout(() => frame.remove(), 20));
  }

  get dead(): boolean {
    return this.#dead;
  }
}

/** Counts every message on the port (Comlink's and strays alike) and calls `over` past the rate. */
function watchRate(port: MessagePort, perSecond: number, over: () => void): void {
  let windowStart = performance.now();
  let count = 0;
  port.addEventListener("message", () => {
    const now = performance.now();
    if (now - windowStart > 1000) {
      windowStart = now;
      count = 0;
    }
    if (++count === perSecond) over();
  });
}

/**
 * The kernel's frame, once it can take the start message. The first kernel's is in index.html, so
 * it loads alongside the app's script (~70 ms before that script runs, on a repeat visit); later
 * kernels' are made here.
 */
function openFrame(): Promise<HTMLIFrameElement> {
  const early = document.querySelector<HTMLIFrameElement>("iframe[data-kernel-frame]");
  early?.removeAttribute("data-kernel-frame"); // the first kernel's only
  const frame = early ?? newFrame();
  return new Promise((resolve) => {
    if (early && saidReady(early)) return resolve(early);
    // The frame says when it can take the start message; its load event is the fallback (a
    // kernel.html from before that message, still in a cache).
    const ready = (event: MessageEvent) => {
      if (event.source !== frame.contentWindow || (event.data as FrameReady)?.type !== "kernel-frame-ready") return;
      removeEventListener("message", ready);
      resolve(frame);
    };
    addEventListener("message", ready);
    frame.addEventListener("load", () => (removeEventListener("message", ready), resolve(frame)), { once: true });
    if (!early) document.body.append(frame);
  });
}

function newFrame(): HTMLIFrameElement {
  const frame = document.createElement("iframe");
  // Same-origin and unsandboxed so the service worker can serve it offline: this page only nests
  // the kernel, opaque and sandboxed, inside itself (frame.ts) and runs nothing else.
  frame.allow = "cross-origin-isolated";
  frame.title = "Python kernel";
  frame.hidden = true;
  const origin = encodeURIComponent(location.origin);
  frame.src = new URL(`kernel.html#origin=${origin}`, document.baseURI).href;
  return frame;
}

/**
 * Whether an early frame was ready before the app's script ran: its page marks itself (frame.ts),
 * or it has loaded. The frame is same-origin, and runs on this thread: no message is in between.
 */
function saidReady(frame: HTMLIFrameElement): boolean {
  const page = frame.contentDocument;
  // Mid-parse, the page may not have its root element yet: then its message or load event follows.
  if (!page?.documentElement || page.URL === "about:blank") return false;
  return page.documentElement.hasAttribute("data-ready") || page.readyState === "complete";
}
