import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { checksum } from "./checksum";

describe("checksum", () => {
  it("is 32 hex digits, the same for the same bytes", () => {
    const bytes = randomBytes(1000);
    expect(checksum(bytes)).toMatch(/^[0-9a-f]{32}$/);
    expect(checksum(Uint8Array.from(bytes))).toBe(checksum(bytes));
  });

  it("changes with any one flipped bit, at every place and around every length's tail", () => {
    for (const length of [1, 15, 16, 17, 64, 100]) {
      const bytes = new Uint8Array(randomBytes(length));
      const original = checksum(bytes);
      for (let at = 0; at < length; at++) {
        for (let bit = 0; bit < 8; bit++) {
          bytes[at] ^= 1 << bit;
          expect(checksum(bytes), `byte ${at} bit ${bit} of ${length}`).not.toBe(original);
          bytes[at] ^= 1 << bit;
        }
      }
    }
  });

  it("tells bytes cut short or zero-padded from the whole", () => {
    const bytes = new Uint8Array(64);
    bytes.set(randomBytes(48));
    expect(checksum(bytes.subarray(0, 48))).not.toBe(checksum(bytes));
    expect(checksum(bytes.subarray(0, 63))).not.toBe(checksum(bytes));
    expect(checksum(new Uint8Array(0))).not.toBe(checksum(new Uint8Array(16)));
  });

  it("reads bytes that start at any offset", () => {
    const buffer = new Uint8Array(randomBytes(101));
    expect(checksum(buffer.subarray(1))).toBe(checksum(buffer.slice(1)));
  });
});
