import { expose, wrap, proxy, type Remote } from "comlink";
import { afterEach, describe, expect, it } from "vitest";
import { callbacksForKernel } from "./callbacks";

/** Sends one raw Comlink message to an exposed object, as a hostile kernel holding the port would. */
function hostile(object: object): (message: object) => Promise<unknown> {
  const { port1, port2 } = new MessageChannel();
  expose(proxy(object), port1);
  let id = 0;
  return (message) =>
    new Promise((resolve) => {
      const mine = `hostile-${++id}`;
      const listener = (event: MessageEvent) => {
        if (event.data?.id !== mine) return;
        port2.removeEventListener("message", listener);
        resolve(event.data);
      };
      port2.addEventListener("message", listener);
      port2.start();
      port2.postMessage({ ...message, id: mine });
    });
}

const raw = (value: unknown) => ({ type: "RAW", value });

afterEach(() => {
  delete (Object.prototype as Record<string, unknown>).polluted;
  delete (Function.prototype as unknown as Record<string, unknown>).polluted;
});

describe("callbacksForKernel", () => {
  it("is what keeps a kernel from polluting Object.prototype (a plain object lets it)", async () => {
    const send = hostile({ onEvent: () => {} });
    await send({ type: "SET", path: ["__proto__", "polluted"], value: raw("yes") });
    expect(({} as Record<string, unknown>).polluted).toBe("yes");
  });

  it("leads no property path anywhere but to its callbacks", async () => {
    const send = hostile(callbacksForKernel({ onEvent: () => {} }));
    const paths = [
      ["__proto__", "polluted"],
      ["onEvent", "__proto__", "polluted"],
      ["onEvent", "__proto__", "__proto__", "polluted"],
      ["onEvent", "apply", "__proto__", "polluted"],
      ["onEvent", "constructor", "prototype", "polluted"],
    ];
    for (const path of paths) await send({ type: "SET", path, value: raw("yes") });
    await send({ type: "SET", path: ["onEvent"], value: raw("replaced") });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect((() => {}) as unknown as Record<string, unknown>).not.toHaveProperty("polluted");
    const construct = await send({ type: "CONSTRUCT", path: ["onEvent", "constructor"], argumentList: [raw("1")] });
    expect(construct).toMatchObject({ type: "HANDLER", name: "throw" });
    const get = await send({ type: "GET", path: ["onEvent", "name"] });
    expect(get).toMatchObject({ type: "RAW", value: undefined });
  });

  it("still answers calls, with their arguments", async () => {
    const { port1, port2 } = new MessageChannel();
    const seen: unknown[] = [];
    expose(
      proxy(callbacksForKernel({ onEvent: (event: unknown) => seen.push(event), lockFile: async () => "lock" })),
      port1,
    );
    const remote = wrap(port2) as Remote<{ onEvent(e: unknown): void; lockFile(): Promise<string> }>;
    await remote.onEvent({ kind: "started" });
    expect(seen).toEqual([{ kind: "started" }]);
    expect(await remote.lockFile()).toBe("lock");
    port1.close();
    port2.close();
  });
});
