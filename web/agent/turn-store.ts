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
    if (this.#holding) {
      this.#held = turns;
      return;
    }
    this.#turns = turns;
    for (const listener of this.#listeners) listener();
  }

  #holding = false;
  #held: Turn[] | null = null;

  /**
   * The page may be going away (beforeunload). Going, it cuts the model's stream, and the turn
   * would be saved as failed by the endpoint: changes are held back a moment instead, so a page
   * that goes saves the turn as it was, running (it comes back "Interrupted"), and a page that
   * stays gets them after all.
   */
  holdWhileLeaving(ms = 1000): void {
    this.#holding = true;
    setTimeout(() => {
      this.#holding = false;
      const held = this.#held;
      this.#held = null;
      if (held) this.set(held);
    }, ms);
  }
}
