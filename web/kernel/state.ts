/**
 * The kernel's lifecycle state as components see it (useSyncExternalStore): KernelHost sets it,
 * everything else only reads it.
 */
import { nextTask } from "../lib/next-task";
import type { BootInfo } from "./protocol";

export type KernelState =
  | { kind: "booting"; message: string; progress: number | null }
  | { kind: "ready"; info: BootInfo }
  | { kind: "running"; info: BootInfo; runId: string }
  | { kind: "restarting"; message: string }
  | { kind: "failed"; error: string };

export class KernelStateStore {
  #state: KernelState = { kind: "booting", message: "Starting Python…", progress: null };
  #listeners = new Set<() => void>();
  #notifying = false;

  get = (): KernelState => this.#state;

  subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  };

  /**
   * The state changes at once; listeners hear of it in the next task, once for any number of
   * changes. A 1 ms run flips running → ready, and re-rendering on each flip would sit on every
   * run's critical path (measured: ~0.45 ms a run).
   */
  set(state: KernelState): void {
    this.#state = state;
    if (this.#notifying) return;
    this.#notifying = true;
    nextTask(() => {
      this.#notifying = false;
      for (const listener of this.#listeners) listener();
    });
  }
}
