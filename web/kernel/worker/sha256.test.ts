import { createHash, randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { sha256Hex } from "./sha256";

const reference = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

describe("sha256Hex", () => {
  it("matches the standard's test vectors", () => {
    expect(sha256Hex(new Uint8Array())).toBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    expect(sha256Hex(new TextEncoder().encode("abc"))).toBe(
      "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
    );
  });

  it("matches Node's digest at every length around the block and padding edges", () => {
    const bytes = randomBytes(300);
    for (let length = 0; length <= 300; length++) {
      expect(sha256Hex(bytes.subarray(0, length))).toBe(reference(bytes.subarray(0, length)));
    }
  });

  it("matches Node's digest on megabytes, at a usable speed", () => {
    const bytes = randomBytes(8 * 1024 ** 2);
    const started = performance.now();
    expect(sha256Hex(bytes)).toBe(reference(bytes));
    console.log(`sha256Hex: ${(8 / ((performance.now() - started) / 1000)).toFixed(0)} MiB/s`);
  });
});
