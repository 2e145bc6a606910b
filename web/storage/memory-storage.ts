/**
 * A Storage kept in memory: used where the browser refuses localStorage/sessionStorage (storage
 * disabled, some private modes — even reading `window.localStorage` throws there), and in tests.
 */
export class MemoryStorage implements Storage {
  #items = new Map<string, string>();

  get length(): number {
    return this.#items.size;
  }

  clear(): void {
    this.#items.clear();
  }

  getItem(key: string): string | null {
    return this.#items.get(key) ?? null;
  }

  key(index: number): string | null {
    return [...this.#items.keys()][index] ?? null;
  }

  removeItem(key: string): void {
    this.#items.delete(key);
  }

  setItem(key: string, value: string): void {
    this.#items.set(key, String(value));
  }
}

/** The browser's storages, or in-memory ones where it refuses them (settings then last this page only). */
export function browserStorages(): { local: Storage; session: Storage } {
  const open = (get: () => Storage): Storage => {
    try {
      const storage = get();
      storage.getItem("probe");
      return storage;
    } catch {
      return new MemoryStorage();
    }
  };
  return { local: open(() => localStorage), session: open(() => sessionStorage) };
}
