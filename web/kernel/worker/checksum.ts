/**
 * A memory snapshot's checksum, to catch one damaged in storage (a flipped bit, a torn write)
 * before Python starts from it. Not a cryptographic digest, on purpose: whoever can write the
 * app's IndexedDB already runs script in its origin, so a forged snapshot needs no collision, and
 * what is left to catch is damage. SHA-256 in plain JavaScript (an opaque frame's worker has no
 * crypto.subtle) took ~0.3 s of every repeat visit before Python could start; this, ~11 ms for 30 MB.
 *
 * Four 32-bit lanes take turns over the bytes' 32-bit words. Each step (xor the word, multiply by
 * an odd constant, rotate) is one-to-one in the lane's state and in the word, so a change to any
 * one word always changes the result; damage to several goes unseen with a chance of ~2^-32 per lane.
 */

/** The checksum of `bytes`, as 32 hex digits (the byte length is part of it). */
export function checksum(bytes: Uint8Array): string {
  const whole = bytes.length - (bytes.length % 16);
  // Words need a 4-byte aligned start; a heap's bytes always have one (a copy otherwise).
  const aligned = bytes.byteOffset % 4 === 0 ? bytes : bytes.slice();
  const tail = new Uint8Array(16);
  tail.set(bytes.subarray(whole));
  const lanes = new Int32Array([0x811c9dc5 ^ bytes.length, 0x01000193, 0x6a09e667, 0xbb67ae85]);
  mix(lanes, new Int32Array(aligned.buffer, aligned.byteOffset, whole / 4));
  mix(lanes, new Int32Array(tail.buffer));
  return Array.from(lanes, (lane) => (lane >>> 0).toString(16).padStart(8, "0")).join("");
}

/** Runs the lanes over `words` (a multiple of four); state in locals and constants inline, for speed. */
function mix(lanes: Int32Array, words: Int32Array): void {
  let [a, b, c, d] = lanes;
  for (let i = 0; i < words.length; i += 4) {
    a = Math.imul(a ^ words[i], 0x9e3779b1);
    a = (a << 13) | (a >>> 19);
    b = Math.imul(b ^ words[i + 1], 0x85ebca77);
    b = (b << 13) | (b >>> 19);
    c = Math.imul(c ^ words[i + 2], 0xc2b2ae3d);
    c = (c << 13) | (c >>> 19);
    d = Math.imul(d ^ words[i + 3], 0x27d4eb2f);
    d = (d << 13) | (d >>> 19);
  }
  lanes.set([a, b, c, d]);
}
