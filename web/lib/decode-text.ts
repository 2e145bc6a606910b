/**
 * A text file's bytes as text. Files exported from spreadsheets often start with a byte order
 * mark, or are not UTF-8 at all but Windows' Western encoding; the encoding is named as Python
 * names it, so the model can be told how to open the file.
 */
export type TextEncoding = "utf-8" | "utf-8-sig" | "cp1252";

/** `complete`: the bytes are the whole file; else its head, which may end inside a character. */
export function decodeText(
  data: ArrayBuffer | Uint8Array,
  complete: boolean,
): { text: string; encoding: TextEncoding } {
  const bytes = data instanceof Uint8Array ? data : new Uint8Array(data);
  try {
    const text = new TextDecoder("utf-8", { fatal: true }).decode(bytes, { stream: !complete });
    const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
    return { text, encoding: bom ? "utf-8-sig" : "utf-8" };
  } catch {
    return { text: new TextDecoder("windows-1252").decode(bytes), encoding: "cp1252" };
  }
}
