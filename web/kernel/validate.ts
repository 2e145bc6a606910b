/**
 * Checks on every value the kernel sends back. The kernel runs model-written code, so a value
 * is accepted only when it has exactly the expected shape, names the active run and carries
 * this kernel's nonce; anything else returns null and the host treats it as a violation.
 */
import type { BootInfo, DisplayMimeType, FileEntry, MimeBundle, PythonError, RunEvent, RunResult } from "./protocol";

/** Largest single string the kernel may hand over (bigger output arrives in several events). */
export const MAX_STRING = 8 * 1024 * 1024;

const DISPLAY_MIME_TYPES: DisplayMimeType[] = [
  "text/plain",
  "text/html",
  "text/markdown",
  "image/png",
  "image/jpeg",
  "image/svg+xml",
  "application/json",
  "application/vnd.vegalite.v5+json",
];

type Expect = { nonce: string; runId: string };

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

const isText = (v: unknown, max = MAX_STRING): v is string => typeof v === "string" && v.length <= max;

function names(expect: Expect, v: Record<string, unknown>): boolean {
  return v.nonce === expect.nonce && v.runId === expect.runId;
}

export function parseMimeBundle(v: unknown): MimeBundle | null {
  if (!isRecord(v)) return null;
  const bundle: MimeBundle = {};
  for (const type of DISPLAY_MIME_TYPES) {
    const data = v[type];
    if (data === undefined) continue;
    if (!isText(data)) return null;
    bundle[type] = data;
  }
  return Object.keys(bundle).length > 0 ? bundle : null;
}

export function parseRunEvent(v: unknown, expect: Expect): RunEvent | null {
  if (!isRecord(v) || !names(expect, v)) return null;
  const { nonce, runId } = expect;
  switch (v.kind) {
    case "started":
      return { kind: "started", nonce, runId };
    case "stream":
      if ((v.name !== "stdout" && v.name !== "stderr") || !isText(v.text)) return null;
      return { kind: "stream", nonce, runId, name: v.name, text: v.text };
    case "display": {
      const data = parseMimeBundle(v.data);
      return data && { kind: "display", nonce, runId, data };
    }
    case "progress":
      return isText(v.message, 1000) ? { kind: "progress", nonce, runId, message: v.message } : null;
    default:
      return null;
  }
}

function parseFileNames(v: unknown): string[] | null {
  if (!Array.isArray(v) || v.length > 10_000) return null;
  return v.every((name) => isText(name, 1024)) ? (v as string[]) : null;
}

function parsePythonError(v: unknown): PythonError | null {
  if (!isRecord(v) || !isText(v.name, 1000) || !isText(v.message) || !isText(v.traceback)) return null;
  return { name: v.name, message: v.message, traceback: v.traceback };
}

export function parseRunResult(v: unknown, expect: Expect): RunResult | null {
  if (!isRecord(v) || !names(expect, v)) return null;
  const changedFiles = parseFileNames(v.changedFiles);
  const removedFiles = parseFileNames(v.removedFiles);
  if (!changedFiles || !removedFiles) return null;
  const unreportedFiles = Number.isSafeInteger(v.unreportedFiles) ? (v.unreportedFiles as number) : 0;
  const common = {
    nonce: expect.nonce,
    runId: expect.runId,
    changedFiles,
    removedFiles,
    ...(unreportedFiles > 0 ? { unreportedFiles } : {}),
  };
  if (v.status === "ok") {
    const value = v.value === null ? null : parseMimeBundle(v.value);
    if (v.value !== null && !value) return null;
    return { ...common, status: "ok", value };
  }
  if (v.status === "error") {
    const error = parsePythonError(v.error);
    return error && { ...common, status: "error", error };
  }
  return null;
}

export function parseBootInfo(v: unknown): BootInfo | null {
  if (!isRecord(v) || !isText(v.pyodideVersion, 100) || !isText(v.pythonVersion, 100)) return null;
  if (typeof v.interruptible !== "boolean") return null;
  return { pyodideVersion: v.pyodideVersion, pythonVersion: v.pythonVersion, interruptible: v.interruptible };
}

export function parseFileEntries(v: unknown): FileEntry[] | null {
  if (!Array.isArray(v) || v.length > 10_000) return null;
  const ok = v.every(
    (e) =>
      isRecord(e) &&
      isText(e.name, 1024) &&
      Number.isSafeInteger(e.size) &&
      (e.size as number) >= 0 &&
      Number.isFinite(e.modified),
  );
  return ok ? v.map((e) => ({ name: e.name, size: e.size, modified: e.modified })) : null;
}
