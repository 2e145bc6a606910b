import { describe, expect, it } from "vitest";
import { Settled } from "./settled";

describe("Settled", () => {
  it("has no value until the promise resolves, then its value", async () => {
    let resolve!: (value: string | null) => void;
    const settled = new Settled(new Promise<string | null>((r) => (resolve = r)));
    expect(settled.now).toBeUndefined();
    resolve(null);
    await settled.promise;
    expect(settled.now).toEqual({ value: null });
  });

  it("never has a value when the promise rejects", async () => {
    const settled = new Settled(Promise.reject(new Error("no")));
    await settled.promise.catch(() => {});
    expect(settled.now).toBeUndefined();
  });
});
