import { describe, expect, it } from "vitest";
import type { RunEvent, RunResult } from "./protocol";
import { cellsReducer, type Cell, type CellAction } from "./cells";

const stamp = { nonce: "n", runId: "r" };
const noneRemoved = { removedFiles: [] };
const stdout = (text: string): RunEvent => ({ kind: "stream", ...stamp, name: "stdout", text });
const stderr = (text: string): RunEvent => ({ kind: "stream", ...stamp, name: "stderr", text });

function reduce(actions: CellAction[], initial: Cell[] = []): Cell[] {
  return actions.reduce(cellsReducer, initial);
}

const start = (id = "c1", code = "print(1)"): CellAction => ({ type: "start", id, code });
const event = (e: RunEvent, id = "c1"): CellAction => ({ type: "event", id, event: e });
const finish = (result: RunResult, id = "c1"): CellAction => ({ type: "finish", id, result });

describe("cellsReducer", () => {
  it("start appends a running cell with no output", () => {
    expect(reduce([start("c1", "1 + 1")])).toEqual([
      {
        id: "c1",
        code: "1 + 1",
        origin: "user",
        title: undefined,
        createdAt: expect.any(Number),
        ranAt: expect.any(Number),
        ranBy: "user",
        status: "running",
        outputs: [],
        changedFiles: [],
      },
    ]);
  });

  it("merges consecutive stdout events into one output", () => {
    const [cell] = reduce([start(), event(stdout("a")), event(stdout("b\n")), event(stdout("c"))]);
    expect(cell!.outputs).toEqual([{ type: "stream", name: "stdout", text: "ab\nc" }]);
  });

  it("keeps stdout and stderr interleaved in order", () => {
    const [cell] = reduce([start(), event(stdout("1")), event(stderr("2")), event(stderr("3")), event(stdout("4"))]);
    expect(cell!.outputs).toEqual([
      { type: "stream", name: "stdout", text: "1" },
      { type: "stream", name: "stderr", text: "23" },
      { type: "stream", name: "stdout", text: "4" },
    ]);
  });

  it("does not merge stdout across a display output", () => {
    const [cell] = reduce([
      start(),
      event(stdout("before")),
      event({ kind: "display", ...stamp, data: { "text/html": "<b>x</b>" } }),
      event(stdout("after")),
    ]);
    expect(cell!.outputs).toEqual([
      { type: "stream", name: "stdout", text: "before" },
      { type: "display", data: { "text/html": "<b>x</b>" } },
      { type: "stream", name: "stdout", text: "after" },
    ]);
  });

  it("shows progress messages", () => {
    const [cell] = reduce([start(), event({ kind: "progress", ...stamp, message: "Loading numpy" })]);
    expect(cell!.outputs).toEqual([{ type: "progress", message: "Loading numpy" }]);
  });

  it("finish with a value appends a result output after the streams", () => {
    const [cell] = reduce([
      start(),
      event(stdout("hi\n")),
      finish({ status: "ok", ...stamp, ...noneRemoved, value: { "text/plain": "2" }, changedFiles: ["out.csv"] }),
    ]);
    expect(cell!.status).toBe("done");
    expect(cell!.outputs).toEqual([
      { type: "stream", name: "stdout", text: "hi\n" },
      { type: "result", data: { "text/plain": "2" } },
    ]);
    expect(cell!.changedFiles).toEqual(["out.csv"]);
  });

  it("finish without a value adds no output", () => {
    const [cell] = reduce([start(), finish({ status: "ok", ...stamp, ...noneRemoved, value: null, changedFiles: [] })]);
    expect(cell!.status).toBe("done");
    expect(cell!.outputs).toEqual([]);
  });

  it("an error result appends an error output and marks the cell as failed", () => {
    const error = { name: "ZeroDivisionError", message: "division by zero", traceback: "Traceback…" };
    const [cell] = reduce([
      start(),
      event(stdout("partial\n")),
      finish({ status: "error", ...stamp, ...noneRemoved, error, changedFiles: ["half.csv"] }),
    ]);
    expect(cell!.status).toBe("error");
    expect(cell!.outputs).toEqual([
      { type: "stream", name: "stdout", text: "partial\n" },
      { type: "error", error },
    ]);
    expect(cell!.changedFiles).toEqual(["half.csv"]);
  });

  it("fail appends a KernelError and marks the cell as failed", () => {
    const [cell] = reduce([
      start(),
      event(stdout("x")),
      { type: "fail", id: "c1", message: "The kernel was stopped." },
    ]);
    expect(cell!.status).toBe("error");
    expect(cell!.outputs.at(-1)).toEqual({
      type: "error",
      error: { name: "KernelError", message: "The kernel was stopped.", traceback: "The kernel was stopped." },
    });
    expect(cell!.outputs).toHaveLength(2);
  });

  it("changes only the cell an action names, without mutating the old state", () => {
    const before = reduce([start("c1"), start("c2")]);
    const snapshot = structuredClone(before);
    const after = cellsReducer(before, event(stdout("to c2"), "c2"));
    expect(before).toEqual(snapshot);
    expect(after[0]).toBe(before[0]);
    expect(after[1]!.outputs).toEqual([{ type: "stream", name: "stdout", text: "to c2" }]);
  });

  it("ignores an action for an unknown cell", () => {
    const before = reduce([start("c1")]);
    expect(cellsReducer(before, event(stdout("stray"), "nope"))).toEqual(before);
  });

  it("rerun replaces the outputs in place, with the new code, as the user's run", () => {
    const first = reduce([
      start("c1", "print(1)"),
      event(stdout("1\n")),
      finish({ status: "ok", ...stamp, ...noneRemoved, value: null, changedFiles: [] }),
    ]);
    const [cell] = reduce([{ type: "rerun", id: "c1", code: "print(2)", by: "user" }, event(stdout("2\n"))], first);
    expect(cell).toMatchObject({ id: "c1", code: "print(2)", status: "running", ranBy: "user" });
    expect(cell!.outputs).toEqual([{ type: "stream", name: "stdout", text: "2\n" }]);
    expect(cell!.ranAt).toBeGreaterThanOrEqual(first[0]!.ranAt);
  });

  it("add appends cells that have not run", () => {
    const cells = reduce([{ type: "add", codes: ["a = 1", "print(a)"] }]);
    expect(cells.map((c) => [c.code, c.status, c.outputs.length])).toEqual([
      ["a = 1", "idle", 0],
      ["print(a)", "idle", 0],
    ]);
    expect(new Set(cells.map((c) => c.id)).size).toBe(2);
  });
});
