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
 * How kernels are opened (downloads, the standby, the memory snapshot) is KernelLauncher's part;
 * what a run's kernel may send is checked by Runs.
 */
import { KernelConfiguration } from "./configuration";
import { KernelLauncher, type KernelSettings } from "./launcher";
import { INTERRUPT_GRACE_MS, pageBudget, type Limits } from "./limits";
import { killedNotice, survivedNotice, type StopReason } from "./notices";
import type { BootInfo, FileEntry, FileUpload, RunEvent } from "./protocol";
import { KernelMemory, type RestoreReport } from "./restore";
import { Runs, type ActiveRun, type RunOutcome } from "./runs";
import { KernelError, type KernelSession } from "./session";
import { KernelStateStore } from "./state";
import { parseFileEntries, parseRunResult } from "./validate";
import { messageOf } from "../lib/message-of";

export { KernelError, type StopReason };

/** Files a run wrote, read back to be kept, per call to the kernel. */
const KEEP_BATCH = 200;
/** "Restore state" was asked for: it may take longer than an automatic replay. */
const RESTORE_BUDGET_MS = 120_000;

export class KernelHost {
  #state = new KernelStateStore();
  #configuration: KernelConfiguration;
  #launcher = new KernelLauncher({
    settings: () => this.settings,
    limits: () => this.#configuration.applyLimits(),
    onDownload: (progress) => {
      const state = this.#state.get();
      if (state.kind !== "booting") return;
      this.#state.set(
        progress === null ? { kind: "booting", message: "Starting Python…", progress } : { ...state, progress },
      );
    },
    onEvent: (session, raw) => this.#onEvent(session, raw),
    onViolation: (session, what) => void this.#violation(session, what),
    idle: () => this.#state.get().kind === "ready",
  });
  #session: Promise<KernelSession> | undefined;
  #queue: Promise<unknown> = Promise.resolve();
  #runs = new Runs();
  #memory = new KernelMemory();
  /** Kernels that have run code or been given files: not clean enough to hand to another conversation. */
  #used = new WeakSet<KernelSession>();

  constructor(site: Promise<KernelSettings>) {
    this.#configuration = new KernelConfiguration(site);
  }

  /** The site's settings (config.json) under the user's. */
  get settings(): Promise<KernelSettings> {
    return this.#configuration.settings;
  }

  /** The site's limits over the defaults; final once the settings arrive (before any kernel boots). */
  get limits(): Limits {
    return this.#configuration.limits;
  }

  /**
   * The user's own limits and package source, over the site's (replacing earlier ones). The run
   * timeout applies from the next run; the memory cap and the package source from the next
   * kernel (a restart, or a replacement): the standby is discarded so it boots with them.
   */
  configure(user: Partial<KernelSettings>): void {
    this.#launcher.reconfigure(this.#configuration.configure(user));
  }

  /** For useSyncExternalStore (see KernelStateStore). */
  getState = this.#state.get;
  subscribe = this.#state.subscribe;

  /** The running kernel's versions and abilities, once one has started. */
  async info(): Promise<BootInfo> {
    return (await this.#ready()).info;
  }

  /** Starts booting now (the page calls this on load, before anyone asks for a run). */
  start(): void {
    if (this.#session) return;
    this.#state.set({ kind: "booting", message: "Downloading Python…", progress: 0 });
    this.#session = this.#launcher.open();
    this.#session.then(
      (session) => {
        this.#state.set({ kind: "ready", info: session.info });
        this.#launcher.prepareStandby();
      },
      (error: Error) => this.#state.set({ kind: "failed", error: error.message }),
    );
  }

  /** Runs one cell. Runs are queued: with JSPI a sleeping cell could otherwise interleave. */
  run(code: string, onEvent: (event: RunEvent) => void): Promise<RunOutcome> {
    return this.#serial(async () => {
      const session = await this.#ready();
      const run = this.#runs.begin(session, onEvent);
      this.#used.add(session);
      this.#state.set({ kind: "running", info: session.info, runId: run.runId });
      try {
        const raw = await session.call<unknown>((remote) => remote.run({ runId: run.runId, code }));
        const result = parseRunResult(raw, { nonce: session.nonce, runId: run.runId });
        if (!result) throw this.#violation(session, "it returned a malformed result");
        // The run is over: its clock stops, and reading back the files it wrote is not part of it.
        clearTimeout(run.timer);
        this.#runs.end(run);
        // A cell cut short (one that caught the KeyboardInterrupt) is not one to re-run.
        if (result.status === "ok" && !run.stop) this.#memory.keepCell(code);
        for (const name of result.removedFiles) this.#memory.forgetFile(name);
        await this.#keepFiles(session, result.changedFiles);
        const stopped = run.stop ?? undefined;
        return { ...result, notice: survivedNotice(run.stop, result, this.limits), stopped };
      } catch (error) {
        // A rejection means the kernel itself broke (a Pyodide fatal error, say): it is replaced.
        if (!session.dead) session.kill(`The kernel crashed: ${messageOf(error)}`);
        return await this.#recover(run);
      } finally {
        clearTimeout(run.timer);
        this.#runs.end(run);
        if (this.#state.get().kind === "running") this.#state.set({ kind: "ready", info: session.info });
      }
    });
  }

  /** Stop (the user's): interrupt the running cell, and replace the kernel if that does not end it. */
  stop(): void {
    if (this.#runs.current) this.#halt(this.#runs.current, "stopped");
  }

  /**
   * A fresh kernel with no state; files in /mnt/data are kept. A running cell would hold the
   * restart in the queue: it is ended at once, and its recovery is the restart.
   */
  restart(): Promise<void> {
    this.#memory.forgetCells();
    const run = this.#runs.current;
    if (run) {
      run.stop ??= "restarted";
      run.session.kill("restarted");
    }
    return this.#serial(async () => {
      this.#memory.forgetCells();
      const current = await this.#session?.catch(() => undefined);
      if (run && current && !current.dead && !this.#used.has(current)) return; // fresh from the recovery
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

  /** The code of the cells whose state the kernel holds now: what ran, or was replayed, since it began. */
  keptCells(): readonly string[] {
    return this.#memory.cells();
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
    // Kept once listed. A big file's bytes may still be on their way into the kernel (read in the
    // background): the conversation's copy, which reads the same Blob, is saved a little later.
    for (const file of files) this.#memory.keepFile(file.name, file.data);
  }

  async listFiles(): Promise<FileEntry[]> {
    const { session, value } = await this.#ask((remote) => remote.listFiles());
    const entries = parseFileEntries(value);
    if (!entries) throw this.#violation(session, "it returned a malformed file list");
    return entries;
  }

  /**
   * A file the page keeps a copy of is read from it: the kernel answers only between cells, and a
   * download or preview asked during a long run would wait for its end. Else (or where the copy
   * cannot be read: a picked file changed on disk since), the kernel is asked.
   */
  async readFile(name: string, maxBytes?: number): Promise<ArrayBuffer> {
    const kept = this.#memory.file(name);
    const copy = await kept
      ?.slice(0, maxBytes)
      .arrayBuffer()
      .catch(() => undefined);
    if (copy) return copy;
    const { session, value } = await this.#ask((remote) => remote.readFile(name, maxBytes));
    if (!(value instanceof ArrayBuffer)) throw this.#violation(session, "it returned a malformed file");
    return value;
  }

  /** Asks the current kernel; if it was replaced meanwhile (a switch, a restart), asks its successor. */
  async #ask(use: Parameters<KernelSession["call"]>[0]): Promise<{ session: KernelSession; value: unknown }> {
    const session = await this.#ready();
    try {
      return { session, value: await session.call(use) };
    } catch (error) {
      const next = session.dead ? await this.#ready() : session;
      if (next === session) throw error;
      return { session: next, value: await next.call(use) };
    }
  }

  async deleteFile(name: string): Promise<void> {
    this.#memory.forgetFile(name);
    const session = await this.#ready();
    await session.call((remote) => remote.deleteFile(name));
  }

  /** Every event a kernel sends comes through here, for the active run or for nobody. */
  #onEvent(session: KernelSession, raw: unknown): void {
    const checked = this.#runs.check(session, raw, pageBudget(this.limits));
    if (typeof checked === "string") return void this.#violation(session, checked);
    if (!checked) return;
    const { run, event } = checked;
    if (event.kind === "started") {
      run.timer = setTimeout(() => this.#halt(run, "timeout"), this.limits.timeoutMs);
    }
    run.onEvent(event);
  }

  /** Interrupt first; kill if the run has not ended after the grace period (or cannot be interrupted). */
  #halt(run: ActiveRun, reason: StopReason): void {
    run.stop ??= reason;
    if (!run.session.interrupt()) return run.session.kill(reason);
    setTimeout(() => {
      if (this.#runs.current === run) run.session.kill(reason);
    }, INTERRUPT_GRACE_MS);
  }

  #violation(session: KernelSession, what: string): KernelError {
    const message = `The kernel was stopped because ${what}.`;
    const run = this.#runs.current;
    if (run?.session === session) run.stop ??= "violation";
    session.kill(message);
    if (!run) {
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
    this.#state.set({ kind: "restarting", message: "Restarting Python…" });
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
        const replay = this.#runs.begin(session);
        const { runId } = replay;
        const timer = setTimeout(() => this.#halt(replay, "timeout"), timeoutMs);
        try {
          const raw = await session.call<unknown>((remote) => remote.run({ runId, code }));
          return parseRunResult(raw, { nonce: session.nonce, runId });
        } catch {
          return null;
        } finally {
          clearTimeout(timer);
          clearTimeout(replay.timer);
          this.#runs.end(replay);
        }
      },
      budgetMs,
    );
    if (report.cells.restored > 0) this.#used.add(session); // it holds state: a restart must replace it
    this.#state.set({ kind: "ready", info: session.info });
    return report;
  }

  /** Makes the standby (or a new kernel) the current one, and starts the next standby. */
  async #swap(message: string): Promise<KernelSession> {
    const next = this.#launcher.takeStandby();
    this.#session = next;
    this.#state.set({ kind: "restarting", message });
    try {
      const session = await next;
      if (session.dead) throw new KernelError("standby died");
      this.#launcher.prepareStandby();
      return session;
    } catch {
      this.#session = this.#launcher.open(); // the standby failed: boot one now
      return this.#session;
    }
  }

  /**
   * Keeps copies of the files a run wrote, so a restarted kernel gets them back: read a batch a
   * call (a run unzipping 10,000 files took 10 s to read back one a call).
   */
  async #keepFiles(session: KernelSession, names: string[]): Promise<void> {
    for (let start = 0; start < names.length;) {
      const batch = names.slice(start, start + KEEP_BATCH);
      const read: unknown = await session.call((remote) => remote.readFiles(batch)).catch(() => null);
      const valid = Array.isArray(read) && read.length > 0 && read.length <= batch.length;
      if (!valid) return; // a kernel gone, or one answering nonsense: it is not kept from
      read.forEach((data: unknown, i) => {
        if (data instanceof ArrayBuffer) this.#memory.keepFile(batch[i], new Blob([data]));
      });
      start += read.length;
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
}
