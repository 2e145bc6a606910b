/**
 * A memory snapshot as it is stored: without its 64 KiB pages of zeros. About half of a freshly
 * booted heap is zeros (31 MB, 16 MB of them not): half the bytes kept in the browser's storage,
 * and half to checksum before Python starts on a repeat visit (reading the Blob back took about
 * as long either way).
 *
 * Layout, in 32-bit words: MAGIC, the unpacked length in bytes, the number of pages kept, the
 * index of each in order, then those pages' bytes (the last page of the snapshot may be short).
 */

const PAGE = 64 * 1024;
const MAGIC = 0x7a70_6731;

/** `bytes` without its all-zero pages. */
export function dropZeroPages(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  const kept: number[] = [];
  for (let page = 0; page * PAGE < bytes.length; page++) {
    if (!isZero(bytes.subarray(page * PAGE, (page + 1) * PAGE))) kept.push(page);
  }
  const head = [MAGIC, bytes.length, kept.length, ...kept];
  const size = kept.reduce((sum, page) => sum + Math.min(PAGE, bytes.length - page * PAGE), head.length * 4);
  const packed = new Uint8Array(size);
  new Uint32Array(packed.buffer, 0, head.length).set(head);
  let offset = head.length * 4;
  for (const page of kept) {
    const part = bytes.subarray(page * PAGE, (page + 1) * PAGE);
    packed.set(part, offset);
    offset += part.length;
  }
  return packed;
}

/**
 * The length of the snapshot `packed` holds, once its layout is checked: throws where `packed` is
 * not one of `dropZeroPages`' results.
 */
export function unpackedLength(packed: ArrayBuffer): number {
  return layout(packed).length;
}

/**
 * Writes the snapshot `packed` holds into `target`, from its byte `from` on and as far as `target`
 * or the snapshot goes: its kept pages copied, its zero pages as zeros. Written straight into a
 * wasm heap, it needs no unpacked copy of the whole snapshot (~30 MB) first.
 */
export function restoreZeroPages(packed: ArrayBuffer, target: Uint8Array, from = 0): void {
  const { length, pages, start } = layout(packed);
  const end = Math.min(length, from + target.length);
  const zeros = (a: number, b: number) => {
    if (Math.min(b, end) > Math.max(a, from)) target.fill(0, Math.max(a, from) - from, Math.min(b, end) - from);
  };
  let offset = start;
  let done = 0; // the snapshot's bytes before this are written (or before `from`)
  for (const page of pages) {
    const first = page * PAGE;
    const last = Math.min(length, first + PAGE);
    zeros(done, first);
    const [a, b] = [Math.max(first, from), Math.min(last, end)];
    if (b > a) target.set(new Uint8Array(packed, offset + a - first, b - a), a - from);
    offset += last - first;
    done = last;
  }
  zeros(done, length);
}

/** The unpacked length, the kept pages' indices and where their bytes start; checked. */
function layout(packed: ArrayBuffer): { length: number; pages: Uint32Array; start: number } {
  const malformed = () => new Error("not a snapshot without its zero pages");
  if (packed.byteLength < 12) throw malformed();
  const [magic, length, count] = new Uint32Array(packed, 0, 3);
  const start = (3 + count) * 4;
  if (magic !== MAGIC || start > packed.byteLength) throw malformed();
  const pages = new Uint32Array(packed, 12, count);
  let bytes = start;
  for (let i = 0; i < count; i++) {
    const size = Math.min(PAGE, length - pages[i] * PAGE);
    if (size <= 0 || (i > 0 && pages[i] <= pages[i - 1])) throw malformed();
    bytes += size;
  }
  if (bytes !== packed.byteLength) throw malformed();
  return { length, pages, start };
}

function isZero(page: Uint8Array): boolean {
  // Word by word where the page allows it (a heap's does), then any bytes left over.
  const words = page.byteOffset % 4 === 0 ? new Uint32Array(page.buffer, page.byteOffset, page.length >> 2) : [];
  for (let i = 0; i < words.length; i++) if (words[i] !== 0) return false;
  for (let i = words.length * 4; i < page.length; i++) if (page[i] !== 0) return false;
  return true;
}
