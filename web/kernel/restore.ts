/**
 * What a fresh kernel must be given back after the old one was killed: the files in /mnt/data
 * (uploads, and outputs the user was shown) and the Python state, rebuilt by re-running the
 * cells that succeeded, in order, within a time budget. The report says exactly what came back.
 */
import type { Remote } from "comlink";
import type { FileUpload, KernelApi, RunResult } from "./protocol";

/** Files kept on the page for restoring, in total; files beyond it are not kept (and the person told). */
export const MAX_KEPT_BYTES = 512 * 1024 ** 2;
/** Re-running earlier cells stops once this much time has gone. */
export const REPLAY_BUDGET_MS = 10_000;

export interface RestoreReport {
  files: number;
  /** Cells re-run successfully, of those that had succeeded before. */
  cells: { restored: number; total: number };
  /** One sentence for a person and a model. */
  summary: string;
}

/** Told when a file is kept or forgotten (not when files are loaded or restored): to persist them. */
export type FileChange = (name: string, data: Blob | null) => void;
/** Told when a file is not kept: the files kept would be over MAX_KEPT_BYTES. */
export type FileNotKept = (name: string) => void;

export class KernelMemory {
  #files = new Map<string, Blob>();
  #cells: string[] = [];

  constructor(
    private readonly onChange: FileChange = () => {},
    private readonly onNotKept: FileNotKept = () => {},
  ) {}

  /** Starts from saved files, and cells to replay (none: a fresh lineage of state). */
  load(files: FileUpload[], cells: string[] = []): this {
    for (const file of files) this.#keep(file.name, file.data);
    this.#cells = [...cells];
    return this;
  }

  /** Keeps a copy of a file now in /mnt/data (uploaded, or written by a run). */
  keepFile(name: string, data: Blob): void {
    if (this.#keep(name, data)) return this.onChange(name, data);
    this.onChange(name, null); // an earlier version kept under its name must not come back
    this.onNotKept(name);
  }

  forgetFile(name: string): void {
    this.#files.delete(name);
    this.onChange(name, null);
  }

  get fileCount(): number {
    return this.#files.size;
  }

  /** The copy kept of one file, if any. */
  file(name: string): Blob | undefined {
    return this.#files.get(name);
  }

  /** The files kept (for export, and for a kernel that takes over). */
  files(): FileUpload[] {
    return [...this.#files].map(([name, data]) => ({ name, data }));
  }

  /** Whether it was kept (a file that was kept under this name before is forgotten either way). */
  #keep(name: string, data: Blob): boolean {
    this.#files.delete(name);
    if (data.size + this.#bytes() > MAX_KEPT_BYTES) return false;
    this.#files.set(name, data);
    return true;
  }

  /** Remembers a cell that ran to completion without error. */
  keepCell(code: string): void {
    this.#cells.push(code);
  }

  /** A new lineage of state (the user restarted the kernel): cells are forgotten, files kept. */
  forgetCells(): void {
    this.#cells = [];
  }

  get cellCount(): number {
    return this.#cells.length;
  }

  /** The cells whose state the kernel holds now (the successful ones since its state began). */
  cells(): readonly string[] {
    return this.#cells;
  }

  /** Gives a fresh kernel the files, then re-runs the remembered cells until one fails or time runs out. */
  async restore(
    call: <T>(use: (remote: Remote<KernelApi>) => Promise<T>) => Promise<T>,
    run: (code: string, timeoutMs: number) => Promise<RunResult | null>,
    budgetMs = REPLAY_BUDGET_MS,
  ): Promise<RestoreReport> {
    const files = this.files();
    if (files.length > 0) await call((remote) => remote.writeFiles(files));
    const deadline = performance.now() + budgetMs;
    let restored = 0;
    for (const code of this.#cells) {
      const left = deadline - performance.now();
      if (left <= 0) break;
      const result = await run(code, left);
      if (result?.status !== "ok") break;
      restored++;
    }
    const total = this.#cells.length;
    this.#cells = this.#cells.slice(0, restored);
    return { files: files.length, cells: { restored, total }, summary: summarize(files.length, restored, total) };
  }

  #bytes(): number {
    let sum = 0;
    for (const data of this.#files.values()) sum += data.size;
    return sum;
  }
}

function summarize(files: number, restored: number, total: number): string {
  const fileText = files > 0 ? `${files} file${files > 1 ? "s" : ""} in /mnt/data restored` : "";
  const stateText =
    total === 0
      ? ""
      : restored === total
        ? `state restored by re-running ${total} earlier cell${total > 1 ? "s" : ""}`
        : `state restored only as of earlier cell ${restored} of ${total} (the rest did not re-run)`;
  const parts = [fileText, stateText].filter(Boolean).join("; ");
  return parts ? `${parts[0].toUpperCase()}${parts.slice(1)}.` : "Nothing needed restoring.";
}
