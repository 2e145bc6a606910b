import { describe, expect, it } from "vitest";
import { decodeText } from "./decode-text";

const utf8 = (text: string) => new TextEncoder().encode(text);

describe("decodeText", () => {
  it.each([
    ["UTF-8", utf8("Zürich,3"), { text: "Zürich,3", encoding: "utf-8" }],
    [
      "UTF-8 after a byte order mark",
      new Uint8Array([0xef, 0xbb, 0xbf, ...utf8("a,b")]),
      { text: "a,b", encoding: "utf-8-sig" },
    ],
    [
      "Windows' Western encoding",
      new Uint8Array([0x47, 0x65, 0x6e, 0xe8, 0x76, 0x65]),
      { text: "Genève", encoding: "cp1252" },
    ],
    [
      'UTF-16, as Excel saves "Unicode text"',
      new Uint8Array([0xff, 0xfe, 0x61, 0x00, 0x09, 0x00, 0x62, 0x00]),
      { text: "a\tb", encoding: "utf-16" },
    ],
  ])("%s", (_, bytes, expected) => {
    expect(decodeText(bytes, true)).toEqual(expected);
  });

  it("a file's head that ends inside a character is still UTF-8; a whole file that does is not", () => {
    const head = utf8("xé").slice(0, 2); // "x" and the first byte of "é"
    expect(decodeText(head, false)).toEqual({ text: "x", encoding: "utf-8" });
    expect(decodeText(head, true)?.encoding).toBe("cp1252");
  });

  it("bytes with a NUL in them are not text", () => {
    expect(decodeText(new Uint8Array([0x1f, 0x8b, 0x08, 0x00, 0x00]), true)).toBeNull(); // gzip
  });
});
