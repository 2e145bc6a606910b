/**
 * A text file's bytes as text. Files exported from spreadsheets often start with a byte order
 * mark, are UTF-16 (Excel's "Unicode text"), or are not UTF-8 at all but Windows' Western
 * encoding; the encoding is named as Python names it, so the model can be told how to open the
 * file. Bytes with a NUL in them, and no UTF-16 mark, are not text (a zip or gzip named .csv).
 */
export type TextEncoding = "utf-8" | "utf-8-sig" | "utf-16" | "cp1252";

/** `complete`: the bytes are the whole file; else its head, which may end inside a character. */
export function decodeText(
  data: ArrayBuffer | Uint8Array,
  complete: boolean,
): { text: string; encoding: TextEncoding } | null {
  const bytes = data instanceof Uint8Array ? data : new Uint8Array(data);
  const utf16 =
    bytes[0] === 0xff && bytes[1] === 0xfe ? "utf-16le" : bytes[0] === 0xfe && bytes[1] === 0xff ? "utf-16be" : null;
  if (utf16) return { text: new TextDecoder(utf16).decode(bytes, { stream: !complete }), encoding: "utf-16" };
  if (bytes.includes(0)) return null;
  try {
    const text = new TextDecoder("utf-8", { fatal: true }).decode(bytes, { stream: !complete });
    const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
    return { text, encoding: bom ? "utf-8-sig" : "utf-8" };
  } catch {
    return { text: new TextDecoder("windows-1252").decode(bytes), encoding: "cp1252" };
  }
}
