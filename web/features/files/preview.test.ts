import { describe, expect, it } from "vitest";
import { loadPreview, PREVIEW_BYTES, type Preview } from "./preview";

/** A stand-in for KernelHost.readFile over in-memory files, recording what was asked. */
function files(contents: Record<string, string | Uint8Array>) {
  const reads: { name: string; maxBytes?: number }[] = [];
  const bytes = (name: string) => {
    const c = contents[name];
    return typeof c === "string" ? new TextEncoder().encode(c) : c;
  };
  const read = async (name: string, maxBytes?: number) => {
    reads.push({ name, maxBytes });
    return bytes(name).slice(0, maxBytes).buffer as ArrayBuffer;
  };
  const preview = (name: string): Promise<Preview> => loadPreview(read, { name, size: bytes(name).byteLength });
  return { preview, reads };
}

describe("loadPreview", () => {
  it("shows a CSV's header and first 20 rows, reading only its head", async () => {
    const rows = Array.from({ length: 5000 }, (_, i) => `2012-01-${i},"rain, heavy",${i}`);
    const { preview, reads } = files({ "w.csv": ["date,weather,n", ...rows].join("\n") });
    const result = await preview("w.csv");
    expect(reads).toEqual([{ name: "w.csv", maxBytes: PREVIEW_BYTES }]);
    expect(result).toMatchObject({ kind: "table", more: true });
    if (result.kind !== "table") throw new Error();
    expect(result.rows).toHaveLength(21);
    expect(result.rows[0]).toEqual(["date", "weather", "n"]);
    expect(result.rows[1]).toEqual(["2012-01-0", "rain, heavy", "0"]);
  });

  it("shows the start of a CSV whose header alone is longer than what is read, as text", async () => {
    const header = Array.from({ length: 10_000 }, (_, i) => `column_${i}`).join(",");
    const { preview } = files({ "wide.csv": `${header}\n${"1,".repeat(9_999)}1\n` });
    const result = await preview("wide.csv");
    expect(result).toMatchObject({ kind: "text", more: true });
    if (result.kind !== "text") throw new Error();
    expect(result.text.startsWith("column_0,column_1,")).toBe(true);
  });

  it("reads TSV with tabs and a semicolon CSV with semicolons", async () => {
    const { preview } = files({ "u.tsv": "id\trate\n1001\t.097\n", "eu.csv": "a;b\n1,5;2\n" });
    expect(await preview("u.tsv")).toEqual({
      kind: "table",
      rows: [
        ["id", "rate"],
        ["1001", ".097"],
      ],
      more: false,
    });
    expect(await preview("eu.csv")).toMatchObject({
      rows: [
        ["a", "b"],
        ["1,5", "2"],
      ],
    });
  });

  it("reads a CSV that is not UTF-8 as Windows' Western encoding", async () => {
    const latin = new Uint8Array([
      ...new TextEncoder().encode("city,temp\nGen"),
      0xe8,
      ...new TextEncoder().encode("ve,5\n"),
    ]);
    const { preview } = files({ "w.csv": latin });
    expect(await preview("w.csv")).toMatchObject({
      rows: [
        ["city", "temp"],
        ["Genève", "5"],
      ],
    });
  });

  it("a file that is not text, whatever its name, is not drawn as text", async () => {
    const { preview } = files({ "data.csv": new Uint8Array([0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00]) });
    expect(await preview("data.csv")).toEqual({ kind: "none", message: expect.stringContaining("not text") });
  });

  it("shows a log file's text without its colour codes", async () => {
    const { preview } = files({ "run.log": "\x1b[31mERROR\x1b[0m disk full\n" });
    expect(await preview("run.log")).toEqual({ kind: "text", text: "ERROR disk full", more: false });
  });

  it("pretty-prints a whole JSON file", async () => {
    const { preview } = files({ "a.json": '{"x":[1,2],"y":"z"}' });
    expect(await preview("a.json")).toEqual({
      kind: "text",
      text: '{\n  "x": [\n    1,\n    2\n  ],\n  "y": "z"\n}',
      more: false,
    });
  });

  it("shows the raw head of a JSON file too big to read whole", async () => {
    const big = JSON.stringify(Array.from({ length: 20_000 }, (_, i) => ({ i })));
    const result = await files({ "big.json": big }).preview("big.json");
    expect(result).toMatchObject({ kind: "text", more: true });
    if (result.kind === "text") expect(big.startsWith(result.text)).toBe(true);
  });

  it("shows the first 40 lines of a text file", async () => {
    const text = Array.from({ length: 100 }, (_, i) => `line ${i}`).join("\n");
    const result = await files({ "log.txt": text }).preview("log.txt");
    expect(result).toEqual({ kind: "text", text: text.split("\n").slice(0, 40).join("\n"), more: true });
  });

  it("does not garble a character cut in two by a partial read", async () => {
    const text = "a".repeat(PREVIEW_BYTES - 1) + "é and more";
    const result = await files({ "t.txt": text }).preview("t.txt");
    expect(result).toMatchObject({ kind: "text", more: true });
    if (result.kind === "text") expect(result.text).not.toContain("\uFFFD");
  });

  it("reads an image whole into a typed Blob", async () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47]);
    const result = await files({ "p.PNG": png }).preview("p.PNG");
    expect(result.kind).toBe("image");
    if (result.kind === "image") {
      expect(result.blob.type).toBe("image/png");
      expect(new Uint8Array(await result.blob.arrayBuffer())).toEqual(png);
    }
  });

  it("gives SVG as a data: URL, never a blob: one", async () => {
    const svg = '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>';
    const result = await files({ "x.svg": svg }).preview("x.svg");
    expect(result).toEqual({ kind: "svg", url: `data:image/svg+xml,${encodeURIComponent(svg)}` });
  });

  it("has no preview for other types, and says so for an empty file", async () => {
    const { preview, reads } = files({ "a.parquet": "PAR1", "e.csv": "" });
    expect(await preview("a.parquet")).toEqual({ kind: "none", message: "No preview for this file type." });
    expect(await preview("e.csv")).toEqual({ kind: "none", message: "The file is empty." });
    expect(reads).toEqual([]);
  });

  it("leaves a huge image to download", async () => {
    const read = async () => new ArrayBuffer(0);
    expect(await loadPreview(read, { name: "huge.png", size: 30 * 1024 ** 2 })).toEqual({
      kind: "none",
      message: "Too large to preview (30 MB); download it instead.",
    });
  });
});
