/** Gathers the facts for the system prompt from the kernel: versions, limits, files and previews. */
import type { Limits } from "../kernel/limits";
import type { BootInfo, FileEntry } from "../kernel/protocol";
import type { DataFile, Environment } from "./prompt";
import { decodeText } from "../lib/decode-text";

export interface KernelFacts {
  info(): Promise<BootInfo>;
  listFiles(): Promise<FileEntry[]>;
  readFile(name: string, maxBytes?: number): Promise<ArrayBuffer>;
  limits: Limits;
}

const PREVIEWED = /\.(csv|tsv|txt|json|jsonl|ndjson|md)$/i;
const PREVIEW_BYTES = 2048;
const PREVIEW_LINES = 6;
const MAX_FILES = 50;

export async function gatherEnvironment(kernel: KernelFacts): Promise<Environment> {
  const [info, entries] = await Promise.all([kernel.info(), kernel.listFiles()]);
  const files: DataFile[] = await Promise.all(
    entries
      .slice(0, MAX_FILES)
      .map(async (f) => ({ ...f, ...(PREVIEWED.test(f.name) ? await preview(kernel, f.name) : {}) })),
  );
  return { pyodideVersion: info.pyodideVersion, pythonVersion: info.pythonVersion, files, limits: kernel.limits };
}

/** A text file's first lines, and the encoding to open it with where UTF-8 would trip. */
async function preview(kernel: KernelFacts, name: string): Promise<Pick<DataFile, "preview" | "encoding">> {
  try {
    const data = await kernel.readFile(name, PREVIEW_BYTES);
    const decoded = decodeText(data, data.byteLength < PREVIEW_BYTES);
    if (!decoded) return { encoding: "binary" };
    const { text, encoding } = decoded;
    const preview = text
      .split(/\r?\n/)
      .slice(0, PREVIEW_LINES)
      .map((line) => line.slice(0, 300))
      .join("\n");
    return { preview, encoding: encoding === "utf-8" ? undefined : encoding };
  } catch {
    return {};
  }
}
