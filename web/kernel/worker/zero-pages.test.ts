/**
 * Snapshots stored without their zero pages: back byte for byte, smaller, and anything else
 * refused (the checksum catches damage first; this catches what is not this format at all).
 */
import { describe, expect, it } from "vitest";
import { dropZeroPages, restoreZeroPages, unpackedLength } from "./zero-pages";

const PAGE = 64 * 1024;

/** `pages` pages of zeros plus `tail` bytes, with a few bytes set in the pages listed. */
function heap(pages: number, tail: number, set: number[]): Uint8Array {
  const bytes = new Uint8Array(pages * PAGE + tail);
  for (const page of set) bytes[Math.min(page * PAGE + 123, bytes.length - 1)] = page + 1;
  return bytes;
}

/** Unpacked whole, as a test would; the kernel writes a heap from a given byte on (below). */
const restore = (packed: ArrayBuffer) => {
  const bytes = new Uint8Array(unpackedLength(packed));
  restoreZeroPages(packed, bytes);
  return bytes;
};
const roundTrip = (bytes: Uint8Array) => restore(dropZeroPages(bytes).slice().buffer);
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

  it("writes any part of it over what a target held, zero pages as zeros", () => {
    const bytes = heap(8, 1000, [0, 3, 5, 8]);
    bytes.fill(9, 2 * PAGE, 3 * PAGE); // a page of nines between two kept pages
    const packed = dropZeroPages(bytes).slice().buffer;
    for (const [from, size] of [
      [0, bytes.length + 50], // room past its end
      [100, bytes.length], // from inside the first page to the end
      [PAGE + 5, 3 * PAGE], // starting in a zero page, across kept ones
      [3 * PAGE + 200, 10], // inside one kept page
      [bytes.length - 3, 3],
    ]) {
      const target = new Uint8Array(size).fill(0xee); // what a heap held before
      restoreZeroPages(packed, target, from);
      const expected = bytes.subarray(from, from + size);
      expect(same(target.subarray(0, expected.length), expected)).toBe(true);
      expect(target.subarray(expected.length).every((b) => b === 0xee)).toBe(true); // nothing past the snapshot's end
    }
  });

  it("refuses what it did not make", () => {
    const packed = dropZeroPages(heap(4, 0, [1, 2]));
    const words = (edit: (w: Uint32Array) => void) => {
      const copy = packed.slice();
      edit(new Uint32Array(copy.buffer));
      return copy.buffer;
    };
    expect(() => restore(new ArrayBuffer(8))).toThrow(); // truncated
    expect(() => restore(words((w) => (w[0] ^= 1)))).toThrow(); // not its format
    expect(() => restore(words((w) => (w[2] = 1e6)))).toThrow(); // more pages than bytes
    expect(() => restore(words((w) => ([w[3], w[4]] = [w[4], w[3]])))).toThrow(); // pages out of order
    expect(() => restore(words((w) => (w[1] = PAGE)))).toThrow(); // a page past the end
    expect(() => restore(packed.slice(0, -1).buffer)).toThrow(); // a page cut short
    const longer = new Uint8Array(packed.length + 4);
    longer.set(packed);
    expect(() => restore(longer.buffer)).toThrow(); // bytes after the last page
  });
});
