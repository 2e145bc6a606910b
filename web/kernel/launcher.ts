/**
 * KernelLauncher: how KernelHost gets its kernels. It downloads what they boot from once per page
 * (Pyodide's core, the worker, the package source's lock file), keeps a warm standby booted so a
 * restart takes milliseconds, and has a kernel of its own take the memory snapshot later kernels
 * start from (issue 8). The host decides when a kernel is needed; this decides how it starts.
 *
 * On a first visit the snapshot is taken before the standby boots, so the standby starts from it:
 * two full boots of Python in the background instead of three, with the standby ready about as
 * soon (a snapshot boot takes ~0.3 s, a full one ~2.5 s, on two cores that the page shares).
 */
import { delay } from "../lib/delay";
import { KernelAssets } from "./assets";
import { DEFAULT_LIMITS, pageBudget, type Limits } from "./limits";
import { packageAccess, type PackageSource } from "./packages";
import { KernelSession, type SessionOptions } from "./session";
import { KernelSnapshot } from "./snapshot";

/** What the site configures (config.json), read once at start-up, under the user's own. */
export interface KernelSettings {
  packageSource: PackageSource;
  limits: Partial<Limits>;
}

/** What the launcher asks of its host. */
export interface LauncherHooks {
  settings(): Promise<KernelSettings>;
  /** The limits a kernel boots with: the settings' over the defaults. */
  limits(): Promise<Limits>;
  /** How far the download of the kernel's files is (0–1), or null once all are here. */
  onDownload(progress: number | null): void;
  /** Every event a kernel sends, and every rule it breaks (see SessionOptions). */
  onEvent: SessionOptions["onEvent"];
  onViolation: SessionOptions["onViolation"];
  /** Whether no cell runs now: the snapshot kernel boots only then. */
  idle(): boolean;
}

/** How long after a kernel takes over the next standby starts booting (not to slow the first visit). */
const STANDBY_DELAY_MS = 1500;
/** How often a snapshot still to be made checks again whether no cell runs. */
const SNAPSHOT_DELAY_MS = 2000;
/** How long the standby waits for the snapshot it would start from before it boots without it. */
const SNAPSHOT_WAIT_MS = 20_000;

export class KernelLauncher {
  #assets: KernelAssets | undefined;
  #packages: ReturnType<typeof packageAccess> | undefined;
  #standby: Promise<KernelSession> | undefined;
  /** Kernels start Python from a memory snapshot where this browser has one (issue 8). */
  #snapshot = new KernelSnapshot();

  constructor(private readonly hooks: LauncherHooks) {}

  /** Boots a new kernel. */
  open(): Promise<KernelSession> {
    return KernelSession.open(this.#sessionOptions());
  }

  /** The standby, or a new kernel where there is none (the caller prepares the next standby). */
  takeStandby(): Promise<KernelSession> {
    const next = this.#standby ?? this.open();
    this.#standby = undefined;
    return next;
  }

  /**
   * Starts booting the next standby after a delay, so it does not slow the kernel just started;
   * where no memory snapshot is stored yet and no cell runs, the snapshot is taken first.
   */
  prepareStandby(): void {
    setTimeout(async () => {
      if (this.#standby) return;
      if (this.hooks.idle()) await Promise.race([this.#makeSnapshot(), delay(SNAPSHOT_WAIT_MS)]);
      if (this.#standby) return;
      const standby = this.open();
      this.#standby = standby;
      standby.then(
        () => this.#snapshotWhenIdle(),
        () => this.#standby === standby && (this.#standby = undefined),
      );
    }, STANDBY_DELAY_MS);
  }

  /**
   * The settings changed: the standby is discarded so the next kernel boots with them (and the
   * package source read again, where it changed).
   */
  reconfigure({ packagesChanged }: { packagesChanged: boolean }): void {
    if (packagesChanged) this.#packages = undefined;
    const standby = this.#standby;
    this.#standby = undefined;
    if (!standby) return;
    void standby.then(
      (s) => s.kill("reconfigured"),
      () => {},
    );
    this.prepareStandby();
  }

  /** The snapshot, if one is still to be made: once a cell has stopped running (see #makeSnapshot). */
  #snapshotWhenIdle(): void {
    if (!this.hooks.idle()) return void setTimeout(() => this.#snapshotWhenIdle(), SNAPSHOT_DELAY_MS);
    void this.#makeSnapshot()
      // No background boot is left (for devtools, and for `npm run bench` and tests to measure a quiet page).
      .then(() => performance.mark("kernel-background-done"));
  }

  /**
   * Where this browser has no memory snapshot yet, a kernel of its own takes one for later
   * kernels (issue 8), once per page; callers start it only while no cell runs, as a boot
   * alongside a run on two cores slowed the page's thread. Settles once it is stored, or not made.
   */
  #makeSnapshot(): Promise<void> {
    const quiet = (session: KernelSession) => session.kill("The snapshot kernel sent a message");
    const options = { ...this.#sessionOptions(), onEvent: quiet, onViolation: quiet };
    return this.#snapshot.ensure(() => KernelSession.makeSnapshot(options));
  }

  #sessionOptions(): SessionOptions {
    if (!this.#assets) {
      const assets = new KernelAssets((loaded, total) => this.hooks.onDownload(loaded / total));
      void assets.all.then(
        () => this.hooks.onDownload(null),
        () => (this.#assets = undefined), // the next kernel tries the download again
      );
      this.#assets = assets;
    }
    if (!this.#packages) {
      const packages = packageAccess(this.hooks.settings().then((s) => s.packageSource));
      packages.lockFile.catch(() => (this.#packages = undefined)); // the next kernel tries again
      this.#packages = packages;
    }
    return {
      assets: this.#assets,
      ...this.#packages,
      limits: this.hooks.limits(),
      onEvent: this.hooks.onEvent,
      onViolation: this.hooks.onViolation,
      messagesPerSecond: pageBudget(DEFAULT_LIMITS).messagesPerSecond,
      snapshot: this.#snapshot,
    };
  }
}
