/**
 * The conversation's turns as an external store (read with useSyncExternalStore), so the
 * workspace can save them as they change and load another conversation's.
 */
import type { Turn } from "./record";

export class TurnStore {
  #turns: Turn[] = [];
  #listeners = new Set<() => void>();

  getTurns = (): Turn[] => this.#turns;

  subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  };

  set(turns: Turn[]): void {
    this.#turns = turns;
    for (const listener of this.#listeners) listener();
  }
}
