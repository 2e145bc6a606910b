/**
 * Which conversation each tab has open, as Web Locks (one per conversation, held while it is
 * open): two tabs saving the same conversation would each overwrite what the other saved. A tab
 * opening on one held elsewhere starts a new conversation; one opened from the list anyway says
 * so until the other tab lets go (it moves on, or closes), when this tab takes the lock.
 */
const PREFIX = "code-interpreter.conversation:";

export class TabLocks {
  #held: string | null = null;
  #release: (() => void) | null = null;
  #waiting: AbortController | null = null;

  /**
   * Holds `id` for this tab, letting go of the last; false when another tab holds it, and then
   * `onFreed` is called once this tab gets it after all.
   */
  hold(id: string, onFreed: () => void): Promise<boolean> {
    this.#release?.();
    this.#waiting?.abort();
    this.#release = this.#waiting = this.#held = null;
    const locks = globalThis.navigator?.locks;
    if (!locks) return Promise.resolve(true); // no Web Locks: nothing to tell
    const keep = (lock: Lock | null) => {
      if (!lock) return;
      this.#held = id;
      return new Promise<void>((release) => (this.#release = release));
    };
    return new Promise((resolve) => {
      void locks.request(PREFIX + id, { ifAvailable: true }, (lock) => {
        resolve(lock !== null);
        if (lock) return keep(lock);
        const waiting = (this.#waiting = new AbortController());
        locks
          .request(PREFIX + id, { signal: waiting.signal }, (freed) => {
            onFreed();
            return keep(freed);
          })
          .catch(() => {}); // this tab moved on first (AbortError)
      });
    });
  }

  /** Whether another tab has `id` open. */
  async heldElsewhere(id: string): Promise<boolean> {
    const locks = globalThis.navigator?.locks;
    if (!locks || id === this.#held) return false;
    const { held = [] } = await locks.query();
    return held.some((lock) => lock.name === PREFIX + id);
  }
}
