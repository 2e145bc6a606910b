/**
 * KernelHost: the one owner of the kernel's lifecycle on the app page — boot, run, files,
 * limits, restart and restore. Components read its state through `subscribe`/`getState`
 * (useSyncExternalStore) and never touch a frame or a worker.
 *
 * Runs are queued. A run's clock starts when its code starts (package loading is not counted).
 * Over time, or on Stop, the run is interrupted where the frame can (KeyboardInterrupt, state
 * kept); if it has not ended after a grace period, or cannot be interrupted, its kernel is killed
 * and a warm standby takes over, given back the files and the state of the cells that had
 * succeeded. Every value from a kernel is validated; a kernel that breaks a rule is killed.
 */
import { KernelAssets } from "./assets";
import { nextTask } from "../lib/next-task";
import { DEFAULT_LIMITS, INTERRUPT_GRACE_MS, pageBudget, type Limits } from "./limits";
import { killedNotice, survivedNotice, type StopReason } from "./notices";
import { packageAccess, type PackageSource } from "./packages";
import type { BootInfo, FileEntry, FileUpload, RunEvent, RunResult } from "./protocol";
import { KernelMemory, type RestoreReport } from "./restore";
import { KernelError, KernelSession, type SessionOptions } from "./session";
import { KernelSnapshot } from "./snapshot";
import { parseFileEntries, parseRunEvent, parseRunResult } from "./validate";

export { KernelError, type StopReason };

/** What the site configures (config.json), read once at start-up. */
export interface KernelSettings {
  packageSource: PackageSource;
  limits: Partial<Limits>;
}

export type KernelState =
  | { kind: "booting"; message: string; progress: number | null }
  | { kind: "ready"; info: BootInfo }
  | { kind: "running"; info: BootInfo; runId: string }
  | { kind: "restarting"; message: string }
  | { kind: "failed"; error: string };

/** What a run came to: the kernel's own result, or a killed run. `notice` says what happened. */
export type RunOutcome =
  | (RunResult & { notice?: string })
  | {
      status: "killed";
      runId: string;
      reason: StopReason;
      notice: string;
      restore: RestoreReport | null;
      changedFiles: string[];
    };

interface ActiveRun {
  runId: string;
  session: KernelSession;
  onEvent: (event: RunEvent) => void;
  events: number;
  chars: number;
  stop: StopReason | null;
  timer?: ReturnType<typeof setTimeout>;
}

/** "Restore state" was asked for: it may take longer than an automatic replay. */
const RESTORE_BUDGET_MS = 120_000;

/** How long after the first kernel is ready the standby starts booting (not to slow the first visit). */
const STANDBY_DELAY_MS = 1500;
/** How long after a standby is ready a memory snapshot may be taken (then whenever no cell runs). */
const SNAPSHOT_DELAY_MS = 2000;

export class KernelHost {
  #state: KernelState = { kind: "booting", message: "Starting Python…", progress: null };
  #listeners = new Set<() => void>();
  #notifying = false;
  #assets: KernelAssets | undefined;
  #packages: ReturnType<typeof packageAccess> | undefined;
  #session: Promise<KernelSession> | undefined;
  #standby: Promise<KernelSession> | undefined;
  #queue: Promise<unknown> = Promise.resolve();
  #run: ActiveRun | null = null;
  /** The last run that ended: its "started" may land after its result (see #lateStart). */
  #ended: ActiveRun | null = null;
  #memory = new KernelMemory();
  /** Kernels start Python from a memory snapshot where this browser has one (issue 8). */
  #snapshot = new KernelSnapshot();
  /** Kernels that have run code or been given files: not clean enough to hand to another conversation. */
  #used = new WeakSet<KernelSession>();
  /** The site's limits over the defaults; final once the settings arrive (before any kernel boots). */
  limits: Limits = DEFAULT_LIMITS;

  #user: Partial<KernelSettings> = {};

  constructor(private readonly site: Promise<KernelSettings>) {}

  /** The site's settings (config.json) under the user's. */
  get settings(): Promise<KernelSettings> {
    const user = this.#user;
    return this.site.then((s) => ({
      packageSource: user.packageSource ?? s.packageSource,
      limits: { ...s.limits, ...user.limits },
    }));
  }

  /**
   * The user's own limits and package source, over the site's (replacing earlier ones). The run
   * timeout applies from the next run; the memory cap and the package source from the next
   * kernel (a restart, or a replacement): the standby is discarded so it boots with them.
   */
  configure(user: Partial<KernelSettings>): void {
    const packagesChanged = user.packageSource?.baseURL !== this.#user.packageSource?.baseURL;
    this.#user = user;
    void this.settings.then((s) => (this.limits = { ...DEFAULT_LIMITS, ...s.limits }));
    if (packagesChanged) this.#packages = undefined;
    const standby = this.#standby;
    this.#standby = undefined;
    void standby?.then(
      (s) => s.kill("reconfigured"),
      () => {},
    );
    if (standby) setTimeout(() => this.#prepareStandby(), STANDBY_DELAY_MS);
  }

  getState = (): KernelState => this.#state;

  /** The running kernel's versions and abilities, once one has started. */
  async info(): Promise<BootInfo> {
    return (await this.#ready()).info;
  }

  subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  };

  /** Starts booting now (the page calls this on load, before anyone asks for a run). */
  start(): void {
    if (this.#session) return;
    this.#setState({ kind: "booting", message: "Downloading Python…", progress: 0 });
    this.#session = this.#open();
    this.#session.then(
      (session) => {
        this.#setState({ kind: "ready", info: session.info });
        setTimeout(() => this.#prepareStandby(), STANDBY_DELAY_MS);
      },
      (error: Error) => this.#setState({ kind: "failed", error: error.message }),
    );
  }

  /** Runs one cell. Runs are queued: with JSPI a sleeping cell could otherwise interleave. */
  run(code: string, onEvent: (event: RunEvent) => void): Promise<RunOutcome> {
    return this.#serial(async () => {
      const session = await this.#ready();
      const run: ActiveRun = { runId: crypto.randomUUID(), session, onEvent, events: 0, chars: 0, stop: null };
      this.#run = run;
      this.#used.add(session);
      this.#setState({ kind: "running", info: session.info, runId: run.runId });
      try {
        const raw = await session.call<unknown>((remote) => remote.run({ runId: run.runId, code }));
        const result = parseRunResult(raw, { nonce: session.nonce, runId: run.runId });
        if (!result) throw this.#violation(session, "it returned a malformed result");
        if (result.status === "ok") this.#memory.keepCell(code);
        await this.#keepFiles(session, result.changedFiles);
        return { ...result, notice: survivedNotice(run.stop, result, this.limits) };
      } catch (error) {
        // A rejection means the kernel itself broke (a Pyodide fatal error, say): it is replaced.
        if (!session.dead) session.kill(`The kernel crashed: ${(error as Error).message}`);
        return await this.#recover(run);
      } finally {
        clearTimeout(run.timer);
        this.#end(run);
        if (this.#state.kind === "running") this.#setState({ kind: "ready", info: session.info });
      }
    });
  }

  /** Stop (the user's): interrupt the running cell, and replace the kernel if that does not end it. */
  stop(): void {
    if (this.#run) this.#halt(this.#run, "stopped");
  }

  /** A fresh kernel with no state; files in /mnt/data are kept. */
  restart(): Promise<void> {
    return this.#serial(async () => {
      this.#memory.forgetCells();
      await this.#restoreInto(await this.#replace(), 0);
    });
  }

  /**
   * Switches to another lineage of files and state (another conversation): a kernel nobody has
   * used yet is kept, else a fresh one takes over; the memory's files go in and, with `replay`,
   * its cells are re-run. Later file changes are reported through the new memory.
   */
  reset(memory: KernelMemory, replay = false): Promise<RestoreReport> {
    return this.#serial(async () => {
      this.#memory = memory;
      const current = await this.#session?.catch(() => undefined);
      const session = current && !current.dead && !this.#used.has(current) ? current : await this.#replace();
      this.#used.add(session);
      return this.#restoreInto(session, replay ? RESTORE_BUDGET_MS : 0);
    });
  }

  /** Takes over this memory for the current kernel's files and state (a new conversation as the page opens). */
  adopt(memory: KernelMemory): void {
    memory.load(this.#memory.files());
    this.#memory = memory;
  }

  /** "Restore state": a fresh kernel, given the files, re-runs these cells (the ones that succeeded). */
  restoreState(cells: string[]): Promise<RestoreReport> {
    return this.#serial(async () => {
      this.#memory.load([], cells);
      const session = await this.#replace();
      this.#used.add(session);
      return this.#restoreInto(session, RESTORE_BUDGET_MS);
    });
  }

  keptFileCount(): number {
    return this.#memory.fileCount;
  }

  /** The files in /mnt/data that the page keeps (uploads and run outputs). */
  keptFiles(): FileUpload[] {
    return this.#memory.files();
  }

  async writeFiles(files: FileUpload[]): Promise<void> {
    const session = await this.#ready();
    this.#used.add(session);
    await session.writeFiles(files);
    // Kept once written: saving it (IndexedDB reads the same Blob) would slow the kernel's read.
    for (const file of files) this.#memory.keepFile(file.name, file.data);
  }

  async listFiles(): Promise<FileEntry[]> {
    const session = await this.#ready();
    const entries = parseFileEntries(await session.call((remote) => remote.listFiles()));
    if (!entries) throw this.#violation(session, "it returned a malformed file list");
    return entries;
  }

  async readFile(name: string, maxBytes?: number): Promise<ArrayBuffer> {
    const session = await this.#ready();
    const data = await session.call((remote) => remote.readFile(name, maxBytes));
    if (!(data instanceof ArrayBuffer)) throw this.#violation(session, "it returned a malformed file");
    return data;
  }

  async deleteFile(name: string): Promise<void> {
    this.#memory.forgetFile(name);
    const session = await this.#ready();
    await session.call((remote) => remote.deleteFile(name));
  }

  /** Every event a kernel sends comes through here, for the active run or for nobody. */
  #onEvent(session: KernelSession, raw: unknown): void {
    const run = this.#run;
    const event = run?.session === session ? parseRunEvent(raw, { nonce: session.nonce, runId: run.runId }) : null;
    if (!run || !event) {
      if (this.#lateStart(session, raw)) return;
      return void this.#violation(session, "it sent a malformed or stray message");
    }
    const budget = pageBudget(this.limits);
    run.chars +=
      event.kind === "stream" ? event.text.length : event.kind === "display" ? JSON.stringify(event.data).length : 0;
    if (++run.events > budget.events || run.chars > budget.chars) {
      return void this.#violation(session, "it flooded the page with output");
    }
    if (event.kind === "started") {
      run.timer = setTimeout(() => this.#halt(run, "timeout"), this.limits.timeoutMs);
    }
    run.onEvent(event);
  }

  #end(run: ActiveRun): void {
    this.#ended = run;
    this.#run = null;
  }

  /**
   * The kernel sends "started" without waiting for it to land (so a trivial run is one round
   * trip, not two), and events come on another port than results: it may follow its run's result.
   */
  #lateStart(session: KernelSession, raw: unknown): boolean {
    const ended = this.#ended;
    if (ended?.session !== session) return false;
    return parseRunEvent(raw, { nonce: session.nonce, runId: ended.runId })?.kind === "started";
  }

  /** Interrupt first; kill if the run has not ended after the grace period (or cannot be interrupted). */
  #halt(run: ActiveRun, reason: StopReason): void {
    run.stop ??= reason;
    if (!run.session.interrupt()) return run.session.kill(reason);
    setTimeout(() => {
      if (this.#run === run) run.session.kill(reason);
    }, INTERRUPT_GRACE_MS);
  }

  #violation(session: KernelSession, what: string): KernelError {
    const message = `The kernel was stopped because ${what}.`;
    if (this.#run?.session === session) this.#run.stop ??= "violation";
    session.kill(message);
    if (!this.#run) {
      // Between runs, a remembered cell left something behind (a timer, a listener) that broke
      // the rules: re-running the cells would do it again, forever. Only the files come back.
      this.#memory.forgetCells();
      void this.#serial(() => this.#swap("Restarting Python…").then((s) => this.#restoreInto(s)));
    }
    return new KernelError(message);
  }

  /** The run's kernel died: swap in a fresh one, give it back files and state, say what happened. */
  async #recover(run: ActiveRun): Promise<RunOutcome> {
    const reason = run.stop ?? "crashed";
    this.#setState({ kind: "restarting", message: "Restarting Python…" });
    const session = await this.#swap("Restarting Python…");
    const restore = await this.#restoreInto(session);
    const notice = killedNotice(reason, restore.summary, this.limits);
    return { status: "killed", runId: run.runId, reason, notice, restore, changedFiles: [] };
  }

  /** Kills the current kernel (if any) and swaps in the standby. */
  #replace(): Promise<KernelSession> {
    const old = this.#session;
    this.#session = undefined;
    void old?.then(
      (s) => s.kill("restarted"),
      () => {},
    );
    return this.#swap("Restarting Python…");
  }

  async #restoreInto(session: KernelSession, budgetMs?: number): Promise<RestoreReport> {
    const report = await this.#memory.restore(
      (use) => session.call(use),
      async (code, timeoutMs) => {
        const runId = crypto.randomUUID();
        const replay: ActiveRun = { runId, session, onEvent: () => {}, events: 0, chars: 0, stop: null };
        this.#run = replay;
        const timer = setTimeout(() => this.#halt(replay, "timeout"), timeoutMs);
        try {
          const raw = await session.call<unknown>((remote) => remote.run({ runId, code }));
          return parseRunResult(raw, { nonce: session.nonce, runId });
        } catch {
          return null;
        } finally {
          clearTimeout(timer);
          clearTimeout(replay.timer);
          this.#end(replay);
        }
      },
      budgetMs,
    );
    this.#setState({ kind: "ready", info: session.info });
    return report;
  }

  /** Makes the standby (or a new kernel) the current one, and starts the next standby. */
  async #swap(message: string): Promise<KernelSession> {
    const next = this.#standby ?? this.#open();
    this.#standby = undefined;
    this.#session = next;
    this.#setState({ kind: "restarting", message });
    try {
      const session = await next;
      if (session.dead) throw new KernelError("standby died");
      setTimeout(() => this.#prepareStandby(), STANDBY_DELAY_MS);
      return session;
    } catch {
      this.#session = this.#open(); // the standby failed: boot one now
      return this.#session;
    }
  }

  #prepareStandby(): void {
    if (this.#standby) return;
    this.#standby = this.#open();
    this.#standby.then(
      () => setTimeout(() => this.#makeSnapshot(), SNAPSHOT_DELAY_MS),
      () => (this.#standby = undefined),
    );
  }

  /**
   * Where this browser has no memory snapshot yet, a kernel of its own takes one for later
   * kernels (issue 8) — while no cell runs: a third boot on two cores slowed the page's thread.
   */
  #makeSnapshot(): void {
    if (this.#state.kind !== "ready") return void setTimeout(() => this.#makeSnapshot(), SNAPSHOT_DELAY_MS);
    const quiet = (session: KernelSession) => session.kill("The snapshot kernel sent a message");
    const options = { ...this.#sessionOptions(), onEvent: quiet, onViolation: quiet };
    void this.#snapshot
      .ensure(() => KernelSession.makeSnapshot(options))
      // No background boot is left (for devtools, and for `npm run bench` and tests to measure a quiet page).
      .then(() => performance.mark("kernel-background-done"));
  }

  #open(): Promise<KernelSession> {
    return KernelSession.open(this.#sessionOptions());
  }

  #sessionOptions(): SessionOptions {
    if (!this.#assets) {
      const assets = new KernelAssets((loaded, total) => {
        if (this.#state.kind === "booting") this.#setState({ ...this.#state, progress: loaded / total });
      });
      void assets.all.then(
        () =>
          this.#state.kind === "booting" &&
          this.#setState({ kind: "booting", message: "Starting Python…", progress: null }),
        () => (this.#assets = undefined), // the next kernel tries the download again
      );
      this.#assets = assets;
    }
    if (!this.#packages) {
      const packages = packageAccess(this.settings.then((s) => s.packageSource));
      packages.lockFile.catch(() => (this.#packages = undefined)); // the next kernel tries again
      this.#packages = packages;
    }
    const limits = this.settings.then((s) => (this.limits = { ...DEFAULT_LIMITS, ...s.limits }));
    return {
      assets: this.#assets,
      ...this.#packages,
      limits,
      onEvent: (session, raw) => this.#onEvent(session, raw),
      onViolation: (session, what) => void this.#violation(session, what),
      messagesPerSecond: pageBudget(DEFAULT_LIMITS).messagesPerSecond,
      snapshot: this.#snapshot,
    };
  }

  /** Keeps copies of the files a run wrote, so a restarted kernel gets them back. */
  async #keepFiles(session: KernelSession, names: string[]): Promise<void> {
    for (const name of names) {
      const data = await session.call((remote) => remote.readFile(name)).catch(() => null);
      if (data instanceof ArrayBuffer) this.#memory.keepFile(name, new Blob([data]));
    }
  }

  #ready(): Promise<KernelSession> {
    this.start();
    return this.#session!;
  }

  #serial<T>(task: () => Promise<T>): Promise<T> {
    const next = this.#queue.then(task, task);
    this.#queue = next.catch(() => {});
    return next;
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
