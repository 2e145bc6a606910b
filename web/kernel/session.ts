/**
 * One kernel: a sandboxed frame, its worker and the Comlink link to it. KernelHost owns
 * sessions; a session only knows how to start, answer calls, be interrupted and be killed.
 * Calls pending when it is killed reject (Comlink would leave them hanging).
 */
import { proxy, transfer, wrap, type Remote } from "comlink";
import type { KernelAssets } from "./assets";
import type { Limits } from "./limits";
import type { AppCallbacks, BootInfo, FrameMessage, KernelApi, PackageFetcher } from "./protocol";
import { parseBootInfo } from "./validate";

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
}

export class KernelSession {
  readonly nonce = crypto.randomUUID();
  readonly killed: Promise<never>;
  info!: BootInfo;
  #frame = openFrame();
  #remote!: Remote<KernelApi>;
  #kill!: (error: KernelError) => void;
  #dead = false;

  private constructor() {
    this.killed = new Promise<never>((_, reject) => (this.#kill = reject));
    this.killed.catch(() => {});
  }

  /** Starts a kernel; resolves once Python is ready, rejects (and cleans up) if it cannot start. */
  static async open(options: SessionOptions): Promise<KernelSession> {
    const session = new KernelSession();
    const timeout = new Promise<never>((_, reject) =>
      setTimeout(
        () => reject(new KernelError(`Python did not start within ${BOOT_TIMEOUT_MS / 1000} s.`)),
        BOOT_TIMEOUT_MS,
      ),
    );
    try {
      await Promise.race([session.#boot(options), session.killed, timeout]);
      return session;
    } catch (error) {
      session.kill((error as Error).message);
      throw error;
    }
  }

  async #boot({ assets, lockFile, fetchPackage, limits, onEvent, onViolation, messagesPerSecond }: SessionOptions) {
    const [frame, worker] = await Promise.all([this.#frame, assets.worker]);
    const channel = new MessageChannel();
    watchRate(channel.port1, messagesPerSecond, () => onViolation(this, "it flooded the page with messages"));
    const start: FrameMessage = { type: "start", source: worker.slice(0) };
    // The frame's origin is opaque ("null"), so no target origin can name it; it is our own child.
    frame.contentWindow!.postMessage(start, "*", [start.source, channel.port2]);
    this.#remote = wrap<KernelApi>(channel.port1);
    const app: AppCallbacks = {
      coreFile: async (name) => {
        const bytes = await assets.coreFile(String(name));
        return transfer(bytes, [bytes]);
      },
      lockFile: () => lockFile,
      fetchPackage: async (fileName) => {
        const bytes = await fetchPackage(String(fileName));
        return transfer(bytes, [bytes]);
      },
      onEvent: (raw) => {
        if (!this.#dead) onEvent(this, raw);
      },
    };
    const { memoryBytes, outputChars, displays, imageBytes } = await limits;
    const kernelLimits = { memoryBytes, outputChars, displays, imageBytes };
    const booted = this.#remote.boot(
      { nonce: this.nonce, indexURL: assets.indexURL, limits: kernelLimits },
      proxy(app),
    );
    // A failed download or lock file is the clearer error; the kernel would only see it second-hand.
    const raw = await Promise.race([booted, assets.all.then(() => booted), lockFile.then(() => booted)]);
    const info = parseBootInfo(raw);
    if (!info) throw new KernelError("The kernel sent a malformed start-up report.");
    this.info = info;
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
    this.interrupt();
    this.#dead = true;
    this.#kill(new KernelError(reason));
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
