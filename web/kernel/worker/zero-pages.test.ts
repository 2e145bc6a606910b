/**
 * Snapshots stored without their zero pages: back byte for byte, smaller, and anything else
 * refused (the checksum catches damage first; this catches what is not this format at all).
 */
import { describe, expect, it } from "vitest";
import { dropZeroPages, restoreZeroPages } from "./zero-pages";

const PAGE = 64 * 1024;

/** `pages` pages of zeros plus `tail` bytes, with a few bytes set in the pages listed. */
function heap(pages: number, tail: number, set: number[]): Uint8Array {
  const bytes = new Uint8Array(pages * PAGE + tail);
  for (const page of set) bytes[Math.min(page * PAGE + 123, bytes.length - 1)] = page + 1;
  return bytes;
}

const roundTrip = (bytes: Uint8Array) => new Uint8Array(restoreZeroPages(dropZeroPages(bytes).slice().buffer));
/** Byte for byte (toEqual takes seconds over megabytes). */
const same = (a: Uint8Array, b: Uint8Array) => Buffer.compare(a, b) === 0;

describe("a snapshot without its zero pages", () => {
  it("gives back exactly the bytes it was made from", () => {
    for (const bytes of [
      new Uint8Array(0),
      new Uint8Array(10),
      new Uint8Array([0, 0, 7]),
      heap(8, 0, [0, 3, 7]),
      heap(8, 1000, [1, 8]), // a short last page, kept
      heap(8, 1000, [2]), // a short last page of zeros, dropped
      heap(4, 3, [0, 1, 2, 3]), // nothing to drop
    ]) {
      expect(same(roundTrip(bytes), bytes)).toBe(true);
    }
  });

  it("keeps only the pages that are not all zeros", () => {
    const bytes = heap(16, 0, [5, 9]);
    expect(dropZeroPages(bytes).length).toBeLessThan(2 * PAGE + 100);
    expect(dropZeroPages(new Uint8Array(16 * PAGE)).length).toBeLessThan(100);
  });

  it("reads bytes that do not start on a word", () => {
    const bytes = heap(3, 5, [1, 3]);
    const shifted = new Uint8Array(bytes.length + 1);
    shifted.set(bytes, 1);
    expect(same(roundTrip(shifted.subarray(1)), bytes)).toBe(true);
  });

  it("refuses what it did not make", () => {
    const packed = dropZeroPages(heap(4, 0, [1, 2]));
    const words = (edit: (w: Uint32Array) => void) => {
      const copy = packed.slice();
      edit(new Uint32Array(copy.buffer));
      return copy.buffer;
    };
    expect(() => restoreZeroPages(new ArrayBuffer(8))).toThrow(); // truncated
    expect(() => restoreZeroPages(words((w) => (w[0] ^= 1)))).toThrow(); // not its format
    expect(() => restoreZeroPages(words((w) => (w[2] = 1e6)))).toThrow(); // more pages than bytes
    expect(() => restoreZeroPages(words((w) => ([w[3], w[4]] = [w[4], w[3]])))).toThrow(); // pages out of order
    expect(() => restoreZeroPages(words((w) => (w[1] = PAGE)))).toThrow(); // a page past the end
    expect(() => restoreZeroPages(packed.slice(0, -1).buffer)).toThrow(); // a page cut short
    const longer = new Uint8Array(packed.length + 4);
    longer.set(packed);
    expect(() => restoreZeroPages(longer.buffer)).toThrow(); // bytes after the last page
  });
});
