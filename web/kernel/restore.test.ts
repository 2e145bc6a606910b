import { describe, expect, it } from "vitest";
import { KernelMemory, MAX_KEPT_BYTES } from "./restore";

/** A file of `size` bytes, not made (only its size is read). */
const sized = (size: number) => ({ size }) as Blob;

describe("KernelMemory", () => {
  it("keeps files up to its cap, and says which it does not keep (no earlier version of it comes back)", () => {
    const changes: [string, Blob | null][] = [];
    const notKept: string[] = [];
    const memory = new KernelMemory(
      (name, data) => changes.push([name, data]),
      (name) => notKept.push(name),
    );
    const half = sized(MAX_KEPT_BYTES / 2);
    memory.keepFile("a.csv", half);
    memory.keepFile("b.csv", sized(MAX_KEPT_BYTES / 4));
    memory.keepFile("b.csv", sized(MAX_KEPT_BYTES / 2 + 1)); // grown past the cap
    expect(memory.files().map((f) => f.name)).toEqual(["a.csv"]);
    expect(notKept).toEqual(["b.csv"]);
    expect(changes.at(-1)).toEqual(["b.csv", null]);
  });
});
