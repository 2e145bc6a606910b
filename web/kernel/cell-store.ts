/**
 * The cells of a session, whoever ran them (the user in the scratchpad, or the model through
 * the agent loop): an external store over `cellsReducer`, read with useSyncExternalStore.
 */
import { cellsReducer, type Cell, type CellAction } from "./cells";
import type { KernelHost } from "./host";
import { messageOf } from "../lib/message-of";

export type CellOrigin = "user" | "agent";

export class CellStore {
  #cells: Cell[] = [];
  /** The cells by id, made when first asked for after a change: every turn's cells read through it. */
  #byId: Map<string, Cell> | null = null;
  #listeners = new Set<() => void>();
  #afterRun = new Set<() => void>();

  constructor(private readonly kernel: KernelHost) {}

  getCells = (): Cell[] => this.#cells;

  subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  };

  /** Called after every run (the files panel re-lists /mnt/data). */
  onRunEnd(listener: () => void): () => void {
    this.#afterRun.add(listener);
    return () => this.#afterRun.delete(listener);
  }

  get(id: string): Cell | undefined {
    this.#byId ??= new Map(this.#cells.map((cell) => [cell.id, cell]));
    return this.#byId.get(id);
  }

  /** Another conversation's cells (or none), as they were saved. */
  load(cells: Cell[]): void {
    this.#cells = cells;
    this.#byId = null;
    this.#notify();
  }

  /** Adds cells that have not run (imported from a notebook). */
  add(codes: string[]): void {
    this.#dispatch({ type: "add", codes });
  }

  /** Runs code as a new cell; resolves with the finished cell (a broken kernel is an error output). */
  async run(code: string, origin: CellOrigin, title?: string, started?: (id: string) => void): Promise<Cell> {
    const id = crypto.randomUUID();
    this.#dispatch({ type: "start", id, code, origin, title });
    started?.(id);
    return this.#execute(id, code);
  }

  /** Runs an existing cell again, in place (the user edited it, or runs an imported cell). */
  rerun(id: string, code: string): Promise<Cell> {
    this.#dispatch({ type: "rerun", id, code, by: "user" });
    return this.#execute(id, code);
  }

  async #execute(id: string, code: string): Promise<Cell> {
    try {
      const result = await this.kernel.run(code, (event) => this.#dispatch({ type: "event", id, event }));
      this.#dispatch({ type: "finish", id, result });
    } catch (error) {
      this.#dispatch({ type: "fail", id, message: messageOf(error) });
    }
    for (const listener of this.#afterRun) listener();
    return this.get(id)!;
  }

  #dispatch(action: CellAction): void {
    this.#cells = cellsReducer(this.#cells, action);
    this.#byId = null;
    // Output arrives as fast as the kernel sends it; the screen only needs it once a frame, so a
    // long output costs one render per frame, not one per batch (issue 8). The rest is told at once.
    if (action.type === "event") this.#notifySoon();
    else this.#notify();
  }

  #soon: { frame: number; timer: ReturnType<typeof setTimeout> } | null = null;

  /** At the next frame; a hidden page has no frames, so at the latest after 100 ms (saving goes on). */
  #notifySoon(): void {
    this.#soon ??= { frame: requestAnimationFrame(() => this.#notify()), timer: setTimeout(() => this.#notify(), 100) };
  }

  #notify(): void {
    if (this.#soon) {
      cancelAnimationFrame(this.#soon.frame);
      clearTimeout(this.#soon.timer);
      this.#soon = null;
    }
    for (const listener of this.#listeners) listener();
  }
}
