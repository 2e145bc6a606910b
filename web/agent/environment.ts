/** Gathers the facts for the system prompt from the kernel: versions, limits, files and previews. */
import type { Limits } from "../kernel/limits";
import type { BootInfo, FileEntry } from "../kernel/protocol";
import type { DataFile, Environment } from "./prompt";
import type { Turn } from "./record";
import { decodeText } from "../lib/decode-text";

export interface KernelFacts {
  info(): Promise<BootInfo>;
  listFiles(): Promise<FileEntry[]>;
  readFile(name: string, maxBytes?: number): Promise<ArrayBuffer>;
  /** The code of the cells whose state the kernel holds now. */
  keptCells(): readonly string[];
  limits: Limits;
}

const PREVIEWED = /\.(csv|tsv|txt|json|jsonl|ndjson|md)$/i;
/** Read of each text file: its first lines, and enough to tell its encoding (accents come late). */
const PREVIEW_BYTES = 64 * 1024;
const PREVIEW_LINES = 6;
const MAX_FILES = 50;

/** `history`: the conversation's earlier turns, to tell whether the state they built is still there. */
export async function gatherEnvironment(kernel: KernelFacts, history: readonly Turn[] = []): Promise<Environment> {
  const [info, entries] = await Promise.all([kernel.info(), kernel.listFiles()]);
  const files: DataFile[] = await Promise.all(
    entries
      .slice(0, MAX_FILES)
      .map(async (f) => ({ ...f, ...(PREVIEWED.test(f.name) ? await preview(kernel, f.name) : {}) })),
  );
  return {
    pyodideVersion: info.pyodideVersion,
    pythonVersion: info.pythonVersion,
    files,
    moreFiles: Math.max(0, entries.length - MAX_FILES),
    limits: kernel.limits,
    stateLost: stateLost(history, kernel.keptCells()),
  };
}

/**
 * Whether the Python state of the earlier turns is gone (a reload, Restart kernel, another
 * conversation opened in between): none of the code the last turn ran successfully is among the
 * cells the kernel holds. Else the model would use variables that no longer exist.
 */
function stateLost(history: readonly Turn[], kept: readonly string[]): boolean {
  for (const turn of [...history].reverse()) {
    const ran = turn.steps.flatMap((step) => step.results.filter((r) => r.status === "ok").map((r) => r.code));
    if (ran.length > 0) return !ran.some((code) => kept.includes(code));
  }
  return false;
}

/** A text file's first lines, and the encoding to open it with where UTF-8 would trip. */
async function preview(kernel: KernelFacts, name: string): Promise<Pick<DataFile, "preview" | "encoding">> {
  try {
    const data = await kernel.readFile(name, PREVIEW_BYTES);
    const decoded = decodeText(data, data.byteLength < PREVIEW_BYTES);
    if (!decoded) return { encoding: "binary" };
    const { text, encoding } = decoded;
    const preview = text
      .split(/\r\n|\r|\n/)
      .slice(0, PREVIEW_LINES)
      .map((line) => line.slice(0, 300))
      .join("\n");
    return { preview, encoding: encoding === "utf-8" ? undefined : encoding };
  } catch {
    return {};
  }
}
