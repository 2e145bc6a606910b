/**
 * What a quick preview of a file in /mnt/data shows, by its extension: the first rows of a table,
 * pretty JSON, the first lines of text, or an image. Only the head of a text file is read. The
 * result is data only; it is rendered as text nodes and an <img>, never as markup.
 */
import { parseDelimited, sniffDelimiter } from "./csv";
import { formatSize } from "./format";
import { withoutEscapes } from "../../components/cell/ansi";
import { decodeText } from "../../lib/decode-text";
import { svgTooCostly } from "../../lib/svg-cost";

/** How much of a text file is read for its preview. */
export const PREVIEW_BYTES = 64 * 1024;
/** Data rows shown under a table's header row. */
export const PREVIEW_ROWS = 20;
const PREVIEW_LINES = 40;
const PREVIEW_CHARS = 8000;
/** Images are read whole; past this they are left to download. */
const MAX_IMAGE_BYTES = 20 * 1024 ** 2;

export type Preview =
  | { kind: "table"; rows: string[][]; more: boolean }
  | { kind: "text"; text: string; more: boolean }
  /** A raster image, shown from a blob: URL. */
  | { kind: "image"; blob: Blob }
  /** SVG as a data: URL: opened on its own it gets an opaque origin, where a blob: URL would be the app's. */
  | { kind: "svg"; url: string }
  | { kind: "none"; message: string };

const NOT_TEXT = "This file is not text (it has binary bytes); no preview.";

type Reader = (name: string, maxBytes?: number) => Promise<ArrayBuffer>;

const TEXT = new Set(
  "txt md markdown rst log py r sql sh xml html htm css js ts yaml yml toml ini cfg tex jsonl ndjson".split(" "),
);
const IMAGE: Record<string, string> = {
  png: "image/png",
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  gif: "image/gif",
  webp: "image/webp",
};

export const extension = (name: string) => /\.([^./]+)$/.exec(name)?.[1].toLowerCase() ?? "";

const SVG_TOO_COSTLY = "Not shown: this SVG makes too many elements to draw without freezing the page.";

export async function loadPreview(read: Reader, file: { name: string; size: number }): Promise<Preview> {
  const ext = extension(file.name);
  if (file.size === 0) return { kind: "none", message: "The file is empty." };
  if (ext in IMAGE || ext === "svg") {
    if (file.size > MAX_IMAGE_BYTES) {
      return { kind: "none", message: `Too large to preview (${formatSize(file.size)}); download it instead.` };
    }
    const data = await read(file.name);
    if (ext === "svg") {
      const svg = decodeText(data, true);
      if (!svg) return { kind: "none", message: NOT_TEXT };
      if (svgTooCostly(svg.text)) return { kind: "none", message: SVG_TOO_COSTLY };
      return { kind: "svg", url: `data:image/svg+xml,${encodeURIComponent(svg.text)}` };
    }
    return { kind: "image", blob: new Blob([data], { type: IMAGE[ext] }) };
  }
  const kind = ext === "csv" || ext === "tsv" || ext === "tab" ? "table" : ext === "json" ? "json" : "text";
  if (kind === "text" && !TEXT.has(ext)) return { kind: "none", message: "No preview for this file type." };
  const data = await read(file.name, PREVIEW_BYTES);
  // A read shorter than asked is the whole file (the listed size may be out of date).
  const complete = data.byteLength < PREVIEW_BYTES || data.byteLength === file.size;
  const decoded = decodeText(data, complete);
  if (!decoded) return { kind: "none", message: NOT_TEXT };
  const { text } = decoded;
  if (kind === "table") {
    const delimiter = ext === "csv" ? sniffDelimiter(text) : "\t";
    const table = parseDelimited(text, delimiter, PREVIEW_ROWS + 1, complete);
    // No whole row in what was read (a header of thousands of columns): its start, as text.
    if (table.rows.length === 0 && !complete) return head(withoutEscapes(text), true);
    return { kind: "table", ...table };
  }
  return head(kind === "json" && complete ? prettyJson(text) : withoutEscapes(text), !complete);
}

function prettyJson(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text; // not valid JSON after all: shown as it is
  }
}

function head(text: string, cut: boolean): Preview {
  const lines = text.trimEnd().split(/\r?\n/);
  let shown = lines.slice(0, PREVIEW_LINES).join("\n");
  let more = cut || lines.length > PREVIEW_LINES;
  if (shown.length > PREVIEW_CHARS) {
    shown = Array.from(shown.slice(0, PREVIEW_CHARS + 1))
      .slice(0, -1)
      .join(""); // no half of a surrogate pair
    more = true;
  }
  return { kind: "text", text: shown, more };
}
