import { describe, expect, it } from "vitest";
import { newTurn } from "../agent/record";
import type { Cell } from "../kernel/cells";
import type { ConversationRecord } from "./db";
import { settle } from "./settle";

const cell = (status: Cell["status"]): Cell => ({
  id: status,
  code: "x",
  origin: "user",
  createdAt: 1,
  ranAt: 1,
  ranBy: "user",
  status,
  outputs: [{ type: "stream", name: "stdout", text: "shown\n" }],
  changedFiles: [],
});

const record = (patch: Partial<ConversationRecord>): ConversationRecord => ({
  summary: { id: "c", title: "t", named: false, createdAt: 1, updatedAt: 1 },
  turns: [],
  cells: [],
  files: [],
  ...patch,
});

describe("settle", () => {
  it("marks a turn cut off mid-stream as interrupted and keeps what it had shown", () => {
    const turn = { ...newTurn("q"), draft: { content: "half an answer", reasoning: "" } };
    turn.steps = [
      {
        assistant: { content: "", reasoning: "", toolCalls: [], echo: {} },
        results: [
          { callId: "a", code: "x", status: "running", output: "", message: "", images: [] },
          { callId: "b", code: "y", status: "ok", output: "1", message: "ok", images: [] },
        ],
      },
    ];
    const [settled] = settle(record({ turns: [turn] })).turns;
    expect(settled.status).toBe("interrupted");
    expect(settled.notice).toMatch(/^Interrupted/);
    expect(settled.draft?.content).toBe("half an answer");
    expect(settled.steps[0].results.map((r) => r.status)).toEqual(["killed", "ok"]);
  });

  it("answers every tool call of a turn cut off before all of them ran (APIs reject one unanswered)", () => {
    const turn = newTurn("q");
    const call = (id: string) => ({ id, name: "run_python", arguments: "{}" });
    turn.steps = [
      {
        assistant: { content: "", reasoning: "", toolCalls: [call("a"), call("b")], echo: {} },
        results: [{ callId: "a", code: "x", status: "running", output: "", message: "", images: [] }],
      },
    ];
    const [settled] = settle(record({ turns: [turn] })).turns;
    expect(settled.steps[0].results.map((r) => [r.callId, r.status])).toEqual([
      ["a", "killed"],
      ["b", "killed"],
    ]);
    expect(settled.steps[0].results[1].message).toMatch(/^Not run/);
  });

  it("tells the model what a call's cell showed before the page went", () => {
    const turn = newTurn("q");
    turn.steps = [
      {
        assistant: {
          content: "",
          reasoning: "",
          toolCalls: [{ id: "a", name: "run_python", arguments: "{}" }],
          echo: {},
        },
        results: [
          { callId: "a", code: "x", cellId: "running", status: "running", output: "", message: "", images: [] },
        ],
      },
    ];
    const [settled] = settle(record({ turns: [turn], cells: [cell("running")] })).turns;
    const { message, output } = settled.steps[0].results[0];
    expect(output).toMatch(/^shown\n\[Interrupted: the page was closed or reloaded/);
    expect(message).toMatch(/^The run was stopped before it finished\.\nshown\n\[Interrupted/);
  });

  it("marks running cells as killed with a notice, after their output", () => {
    const cells = settle(record({ cells: [cell("running"), cell("done")] })).cells;
    expect(cells.map((c) => c.status)).toEqual(["killed", "done"]);
    expect(cells[0].outputs.map((o) => o.type)).toEqual(["stream", "notice"]);
    expect(cells[1].outputs).toHaveLength(1);
  });

  it("reads a record saved broken as far as it can, with lists where lists are walked", () => {
    const broken = {
      ...record({}),
      turns: [null, { ...newTurn("q"), status: "done", steps: undefined }, { ...newTurn("r"), steps: [{}] }],
      cells: [null, { ...cell("done"), outputs: "x", changedFiles: null }],
    } as unknown as ConversationRecord;
    const settled = settle(broken);
    expect(settled.turns.map((t) => t.question)).toEqual(["q", "r"]);
    expect(settled.turns[0].steps).toEqual([]);
    expect(settled.turns[1].steps[0].results).toEqual([]);
    expect(settled.turns[1].steps[0].assistant.toolCalls).toEqual([]);
    expect(settled.cells).toHaveLength(1);
    expect(settled.cells[0]).toMatchObject({ outputs: [], changedFiles: [] });
  });

  it("leaves a finished conversation as it was", () => {
    const done = { ...newTurn("q"), status: "done" as const };
    const settled = settle(record({ turns: [done], cells: [cell("error")] }));
    expect(settled.turns[0]).toBe(done);
    expect(settled.cells[0].status).toBe("error");
  });
});
