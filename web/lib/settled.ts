/** A promise whose value can be read without waiting, once it has resolved. */
export class Settled<T> {
  #value: { value: T } | undefined;

  constructor(readonly promise: Promise<T>) {
    promise.then(
      (value) => (this.#value = { value }),
      () => {}, // surfaced by whoever awaits the promise
    );
  }

  /** The value if the promise has resolved by now, else undefined. */
  get now(): { value: T } | undefined {
    return this.#value;
  }
}
