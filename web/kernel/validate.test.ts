import { describe, expect, it } from "vitest";
import {
  MAX_STRING,
  parseBootInfo,
  parseFileEntries,
  parseMimeBundle,
  parseRunEvent,
  parseRunResult,
} from "./validate";

const expected = { nonce: "n-1", runId: "r-1" };
const stamp = { nonce: "n-1", runId: "r-1" };
const huge = "x".repeat(MAX_STRING + 1);

describe("parseMimeBundle", () => {
  it("accepts the display MIME types", () => {
    const bundle = {
      "text/plain": "2",
      "text/html": "<b>2</b>",
      "text/markdown": "**2**",
      "image/png": "iVBORw0KGgo=",
      "image/jpeg": "/9j/",
      "image/svg+xml": "<svg/>",
      "application/json": "{}",
      "application/vnd.vegalite.v5+json": "{}",
    };
    expect(parseMimeBundle(bundle)).toEqual(bundle);
  });

  it("drops MIME types it does not know instead of passing them through", () => {
    const parsed = parseMimeBundle({ "text/plain": "2", "application/javascript": "alert(1)", "text/x-foo": "y" });
    expect(parsed).toEqual({ "text/plain": "2" });
  });

  it("rejects a bundle with nothing it can show", () => {
    expect(parseMimeBundle({})).toBeNull();
    expect(parseMimeBundle({ "application/javascript": "alert(1)" })).toBeNull();
  });

  it("rejects non-string data and oversize strings", () => {
    expect(parseMimeBundle({ "text/plain": 2 })).toBeNull();
    expect(parseMimeBundle({ "text/plain": ["2"] })).toBeNull();
    expect(parseMimeBundle({ "text/plain": "ok", "text/html": { toString: () => "<b>" } })).toBeNull();
    expect(parseMimeBundle({ "text/plain": huge })).toBeNull();
    expect(parseMimeBundle({ "text/plain": "x".repeat(MAX_STRING) })).not.toBeNull();
  });

  it("rejects arrays and non-objects", () => {
    expect(parseMimeBundle([["text/plain", "2"]])).toBeNull();
    expect(parseMimeBundle(null)).toBeNull();
    expect(parseMimeBundle("text/plain")).toBeNull();
  });

  it("is not fooled by a __proto__ key", () => {
    const parsed = parseMimeBundle(JSON.parse('{"__proto__": {"text/html": "<img src=x>"}, "text/plain": "a"}'));
    expect(parsed).toEqual({ "text/plain": "a" });
    expect(Object.getPrototypeOf(parsed)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>)["text/html"]).toBeUndefined(); // nothing polluted
  });
});

describe("parseRunEvent", () => {
  const stream = { kind: "stream", ...stamp, name: "stdout", text: "hi\n" };

  it("accepts stream, display and progress events of the active run", () => {
    expect(parseRunEvent(stream, expected)).toEqual(stream);
    expect(parseRunEvent({ ...stream, name: "stderr" }, expected)).toEqual({ ...stream, name: "stderr" });
    const display = { kind: "display", ...stamp, data: { "text/plain": "1" } };
    expect(parseRunEvent(display, expected)).toEqual(display);
    const progress = { kind: "progress", ...stamp, message: "Loading numpy" };
    expect(parseRunEvent(progress, expected)).toEqual(progress);
  });

  it("rejects a wrong nonce or runId, or a missing one", () => {
    expect(parseRunEvent({ ...stream, nonce: "n-2" }, expected)).toBeNull();
    expect(parseRunEvent({ ...stream, runId: "r-0" }, expected)).toBeNull();
    expect(parseRunEvent({ ...stream, nonce: undefined }, expected)).toBeNull();
  });

  it("rejects unknown kinds and stream names", () => {
    expect(parseRunEvent({ ...stream, kind: "eval" }, expected)).toBeNull();
    expect(parseRunEvent({ ...stream, kind: undefined }, expected)).toBeNull();
    expect(parseRunEvent({ ...stream, name: "stdin" }, expected)).toBeNull();
  });

  it("rejects non-string and oversize text", () => {
    expect(parseRunEvent({ ...stream, text: 42 }, expected)).toBeNull();
    expect(parseRunEvent({ ...stream, text: null }, expected)).toBeNull();
    expect(parseRunEvent({ ...stream, text: huge }, expected)).toBeNull();
    const progress = { kind: "progress", ...stamp, message: "x".repeat(1001) };
    expect(parseRunEvent(progress, expected)).toBeNull();
  });

  it("rejects a display event whose bundle is malformed", () => {
    expect(parseRunEvent({ kind: "display", ...stamp, data: [] }, expected)).toBeNull();
    expect(parseRunEvent({ kind: "display", ...stamp, data: { "text/plain": 1 } }, expected)).toBeNull();
    expect(parseRunEvent({ kind: "display", ...stamp }, expected)).toBeNull();
  });

  it("returns only the known fields, with the expected stamp", () => {
    const parsed = parseRunEvent({ ...stream, extra: "<script>", onEvent: "x" }, expected);
    expect(parsed).toEqual(stream);
    expect(Object.keys(parsed!).sort()).toEqual(["kind", "name", "nonce", "runId", "text"]);
    const display = parseRunEvent(
      { kind: "display", ...stamp, data: { "text/plain": "1", "application/javascript": "alert(1)" } },
      expected,
    );
    expect(display).toEqual({ kind: "display", ...stamp, data: { "text/plain": "1" } });
  });

  it("rejects arrays and a stamp hidden under __proto__", () => {
    expect(parseRunEvent([stream], expected)).toBeNull();
    const tricky = JSON.parse(
      `{"__proto__": ${JSON.stringify(stamp)}, "kind": "stream", "name": "stdout", "text": "x"}`,
    );
    expect(parseRunEvent(tricky, expected)).toBeNull();
  });
});

describe("parseRunResult", () => {
  const ok = {
    status: "ok",
    ...stamp,
    value: { "text/plain": "2" },
    changedFiles: ["out.csv"],
    removedFiles: ["in.csv"],
  };
  const error = {
    status: "error",
    ...stamp,
    error: { name: "ZeroDivisionError", message: "division by zero", traceback: "Traceback ..." },
    changedFiles: [],
    removedFiles: [],
  };

  it("accepts an ok result, with or without a value, and an error result", () => {
    expect(parseRunResult(ok, expected)).toEqual(ok);
    expect(parseRunResult({ ...ok, value: null }, expected)).toEqual({ ...ok, value: null });
    expect(parseRunResult(error, expected)).toEqual(error);
  });

  it("keeps a count of files the run did not name, where it is one", () => {
    expect(parseRunResult({ ...ok, unreportedFiles: 12 }, expected)).toEqual({ ...ok, unreportedFiles: 12 });
    expect(parseRunResult({ ...ok, unreportedFiles: "12" }, expected)).toEqual(ok);
    expect(parseRunResult({ ...ok, unreportedFiles: -1 }, expected)).toEqual(ok);
  });

  it("rejects a wrong nonce or runId", () => {
    expect(parseRunResult({ ...ok, nonce: "other" }, expected)).toBeNull();
    expect(parseRunResult({ ...error, runId: "other" }, expected)).toBeNull();
  });

  it("rejects an unknown status or a missing value", () => {
    expect(parseRunResult({ ...ok, status: "done" }, expected)).toBeNull();
    expect(parseRunResult({ ...ok, value: undefined }, expected)).toBeNull();
    expect(parseRunResult({ ...ok, value: "2" }, expected)).toBeNull();
  });

  it("drops unknown MIME types from the value", () => {
    const parsed = parseRunResult({ ...ok, value: { "text/plain": "2", "text/x-evil": "e" } }, expected);
    expect(parsed).toEqual(ok);
  });

  it.each(["changedFiles", "removedFiles"])("rejects %s that is not an array of short strings", (field) => {
    for (const bad of ["out.csv", { 0: "out.csv", length: 1 }, ["ok.csv", 7], [null], ["x".repeat(1025)], undefined]) {
      expect(parseRunResult({ ...ok, [field]: bad }, expected)).toBeNull();
    }
  });

  it("rejects a malformed error", () => {
    expect(parseRunResult({ ...error, error: "boom" }, expected)).toBeNull();
    expect(parseRunResult({ ...error, error: { ...error.error, traceback: 1 } }, expected)).toBeNull();
    expect(parseRunResult({ ...error, error: { ...error.error, message: huge } }, expected)).toBeNull();
    expect(parseRunResult({ ...error, error: { ...error.error, name: "E".repeat(1001) } }, expected)).toBeNull();
  });

  it("returns only the known fields", () => {
    const parsed = parseRunResult({ ...error, error: { ...error.error, stack: "js" }, extra: 1 }, expected);
    expect(parsed).toEqual(error);
  });

  it("rejects arrays and a JSON __proto__ payload", () => {
    expect(parseRunResult([ok], expected)).toBeNull();
    const tricky = JSON.parse(`{"__proto__": ${JSON.stringify(ok)}}`);
    expect(parseRunResult(tricky, expected)).toBeNull();
  });
});

describe("parseBootInfo", () => {
  it("accepts the versions and nothing else", () => {
    expect(
      parseBootInfo({ pyodideVersion: "314.0.7", pythonVersion: "3.14.0", interruptible: true, extra: 1 }),
    ).toEqual({ pyodideVersion: "314.0.7", pythonVersion: "3.14.0", interruptible: true });
  });

  it("rejects a report that does not say whether the kernel can be interrupted", () => {
    expect(parseBootInfo({ pyodideVersion: "314.0.7", pythonVersion: "3.14.0" })).toBeNull();
    expect(parseBootInfo({ pyodideVersion: "314.0.7", pythonVersion: "3.14.0", interruptible: "yes" })).toBeNull();
  });

  it("rejects missing, non-string or oversize versions", () => {
    expect(parseBootInfo({ pyodideVersion: "314.0.7" })).toBeNull();
    expect(parseBootInfo({ pyodideVersion: 314, pythonVersion: "3.14.0" })).toBeNull();
    expect(parseBootInfo({ pyodideVersion: "x".repeat(101), pythonVersion: "3.14.0" })).toBeNull();
    expect(parseBootInfo(["314.0.7", "3.14.0"])).toBeNull();
    expect(parseBootInfo(null)).toBeNull();
  });
});

describe("parseFileEntries", () => {
  const entry = { name: "out/chart.png", size: 1024, modified: 1_700_000_000_000 };

  it("accepts a list of entries, an empty one too, keeping only the known fields", () => {
    expect(parseFileEntries([entry, { ...entry, name: "a.csv", size: 0 }])).toEqual([
      entry,
      { ...entry, name: "a.csv", size: 0 },
    ]);
    expect(parseFileEntries([])).toEqual([]);
    expect(parseFileEntries([{ ...entry, href: "javascript:alert(1)" }])).toEqual([entry]);
  });

  it("rejects bad sizes and times", () => {
    expect(parseFileEntries([{ ...entry, size: -1 }])).toBeNull();
    expect(parseFileEntries([{ ...entry, size: Number.NaN }])).toBeNull();
    expect(parseFileEntries([{ ...entry, size: 1.5 }])).toBeNull();
    expect(parseFileEntries([{ ...entry, size: "10" }])).toBeNull();
    expect(parseFileEntries([{ ...entry, size: Number.POSITIVE_INFINITY }])).toBeNull();
    expect(parseFileEntries([{ ...entry, modified: Number.NaN }])).toBeNull();
    expect(parseFileEntries([{ ...entry, modified: "yesterday" }])).toBeNull();
  });

  it("rejects bad names, non-arrays and array entries", () => {
    expect(parseFileEntries([{ ...entry, name: 5 }])).toBeNull();
    expect(parseFileEntries([{ ...entry, name: "x".repeat(1025) }])).toBeNull();
    expect(parseFileEntries({ 0: entry, length: 1 })).toBeNull();
    expect(parseFileEntries([[entry.name, entry.size, entry.modified]])).toBeNull();
    expect(parseFileEntries([entry, null])).toBeNull();
  });

  it("rejects an entry whose fields sit under __proto__", () => {
    expect(parseFileEntries([JSON.parse(`{"__proto__": ${JSON.stringify(entry)}}`)])).toBeNull();
  });
});
