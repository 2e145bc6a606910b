/**
 * The app's callbacks as a kernel can reach them. Comlink's `expose` answers a message by
 * walking whatever property path it names — `__proto__` and `constructor` included — and can
 * GET, SET or CONSTRUCT at the end of it. Python reaches every object in its worker, so it can
 * find the port and send such messages itself: `SET ["__proto__", "x"]` polluted
 * `Object.prototype` on the app page (e2e/security-messages.spec.ts). Through the object returned
 * here only a one-step path leads anywhere, to a function that can only be called.
 */
const sealed: ProxyHandler<object> = {
  get: (_target, key) => (key === "apply" ? apply : undefined), // Comlink calls `fn.apply(parent, args)`
  set: () => false,
  defineProperty: () => false,
  deleteProperty: () => false,
  getPrototypeOf: () => null,
  setPrototypeOf: () => false,
};
const apply: object = new Proxy(Function.prototype.apply, sealed);

export function callbacksForKernel<T extends object>(callbacks: T): T {
  const calls = new Map(
    Object.entries(callbacks).map(([name, call]) => [name, new Proxy(call as (...args: unknown[]) => unknown, sealed)]),
  );
  return new Proxy(Object.create(null) as object, {
    // Symbols never cross a MessagePort: they are Comlink's own markers, set and read on this side.
    get: (target, key) => (typeof key === "symbol" ? Reflect.get(target, key) : calls.get(key)),
    set: (target, key, value) => typeof key === "symbol" && Reflect.set(target, key, value),
    defineProperty: () => false,
    deleteProperty: () => false,
    getPrototypeOf: () => null,
    setPrototypeOf: () => false,
  }) as T;
}
