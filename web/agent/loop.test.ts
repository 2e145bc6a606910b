import { describe, expect, it } from "vitest";
import type { Cell } from "../kernel/cells";
import type { ModelClient } from "./client";
import { runTurn, type LoopDeps } from "./loop";
import { call, chunks, deps, fakeCells, fakeModel, run } from "./loop.testkit";
import type { Turn } from "./record";

describe("the agent loop", () => {
  it("runs the model's code, sends back the real output, and ends with an answer grounded in it", async () => {
    const model = fakeModel([{ calls: [call("print(6 * 7)")] }, { content: "The answer is 42." }]);
    const cells = fakeCells({ "print(6 * 7)": { text: "42\n" } });
    const turn = await run(deps(model, cells.runCell), "What is 6 times 7?");
    expect(cells.ran).toEqual(["print(6 * 7)"]);
    expect(turn.status).toBe("done");
    expect(turn.answer?.content).toBe("The answer is 42.");
    const tool = model.requests[1].messages.find((m) => m.role === "tool")!;
    expect(tool.content).toContain("42");
    expect(turn.grounding?.numbers.find((n) => n.value === 42)?.source?.cellId).toBe("cell-1");
  });

  it("feeds a traceback back faithfully so the model can fix its code", async () => {
    const model = fakeModel([
      { calls: [call("print(x)")] },
      { calls: [call("x = 1\nprint(x)")] },
      { content: "x is 1" },
    ]);
    const cells = fakeCells({
      "print(x)": { text: "NameError: name 'x' is not defined", status: "error" },
      "x = 1\nprint(x)": { text: "1\n" },
    });
    const turn = await run(deps(model, cells.runCell), "print x");
    const tool = model.requests[1].messages.filter((m) => m.role === "tool")[0];
    expect(tool.content).toContain("NameError: name 'x' is not defined");
    expect(turn.steps.map((s) => s.results[0].status)).toEqual(["error", "ok"]);
    expect(turn.status).toBe("done");
  });

  it("stops at the tool-call cap with a clear message, and answers every call it made", async () => {
    const model = fakeModel(Array.from({ length: 5 }, () => ({ calls: [call("1")] })));
    const cells = fakeCells({});
    const turn = await run(deps(model, cells.runCell, 3), "loop forever");
    expect(cells.ran).toHaveLength(3);
    expect(turn.status).toBe("limit");
    expect(turn.notice).toContain("3 tool calls");
    for (const step of turn.steps) expect(step.results).toHaveLength(step.assistant.toolCalls.length);
  });

  it("sends invalid arguments and unknown tools back as tool errors without running anything", async () => {
    const model = fakeModel([
      {
        calls: [
          { name: "run_python", arguments: "{not json" },
          { name: "shell", arguments: "{}" },
          { name: "run_python", arguments: '{"code": ["x = 1", "print(x)"]}' },
        ],
      },
      { content: "ok" },
    ]);
    const cells = fakeCells({});
    const turn = await run(deps(model, cells.runCell), "q");
    expect(cells.ran).toEqual([]);
    const tools = model.requests[1].messages.filter((m) => m.role === "tool").map((m) => String(m.content));
    expect(tools[0]).toMatch(/not valid JSON/);
    expect(tools[1]).toMatch(/no tool named "shell"/);
    expect(tools[2]).toMatch(/must be one string of Python source, not an array/);
    expect(turn.status).toBe("done");
  });

  it("runs a call written as text under a Python tool's usual name, as run_python", async () => {
    const written = '<tool_call>{"name": "python", "arguments": {"code": "print(6 * 7)"}}</tool_call>';
    const model = fakeModel([{ content: written }, { content: "42" }]);
    const cells = fakeCells({ "print(6 * 7)": { text: "42\n" } });
    const turn = await run(deps(model, cells.runCell), "q");
    expect(cells.ran).toEqual(["print(6 * 7)"]);
    expect(turn.steps[0].assistant.toolCalls[0].name).toBe("run_python");
  });

  it("uses 9-character alphanumeric tool-call ids, matched between the call and its result", async () => {
    const model = fakeModel([{ calls: [call("1"), call("2")] }, { content: "done" }]);
    await run(deps(model, fakeCells({}).runCell), "q");
    const messages = model.requests[1].messages;
    const ids = (messages.find((m) => m.role === "assistant")!.tool_calls as { id: string }[]).map((c) => c.id);
    expect(ids.every((id) => /^[A-Za-z0-9]{9}$/.test(id))).toBe(true);
    expect(messages.filter((m) => m.role === "tool").map((m) => m.tool_call_id)).toEqual(ids);
  });

  it("shows a step's opening words above its cells, not as the answer, while they run", async () => {
    const model = fakeModel([{ content: "Now the slow part.", calls: [call("1")] }, { content: "done" }]);
    let latest: Turn | undefined;
    let draftWhileRunning: Turn["draft"] | null = null;
    const cells = fakeCells({});
    const runCell: LoopDeps["runCell"] = (code) => {
      draftWhileRunning = latest!.draft;
      return cells.runCell(code);
    };
    await runTurn(deps(model, runCell), [], "q", (turn) => (latest = turn), new AbortController().signal);
    expect(draftWhileRunning).toBeUndefined();
    expect(latest!.steps[0].assistant.content).toBe("Now the slow part.");
  });

  it("Stop during a run ends the turn cleanly, with a result for the interrupted call", async () => {
    const controller = new AbortController();
    const model = fakeModel([{ calls: [call("while True: pass")] }]);
    const runCell = async (code: string): Promise<Cell> => {
      controller.abort();
      return {
        id: "c1",
        code,
        origin: "agent",
        createdAt: 0,
        ranAt: 0,
        ranBy: "agent",
        status: "killed",
        outputs: [],
        changedFiles: [],
      };
    };
    const turn = await runTurn(deps(model, runCell), [], "q", () => {}, controller.signal);
    expect(turn.status).toBe("stopped");
    expect(turn.steps[0].results).toHaveLength(1);
  });

  it("Stop while the answer streams keeps what was shown of it", async () => {
    const controller = new AbortController();
    const model: ModelClient = {
      async *stream(_, signal) {
        const [first] = chunks({ content: "Half an ans" });
        yield first;
        controller.abort();
        signal.throwIfAborted();
      },
    };
    const turn = await runTurn(deps(model, fakeCells({}).runCell), [], "q", () => {}, controller.signal);
    expect(turn.status).toBe("stopped");
    expect(turn.answer?.content).toBe("Half an ans");
  });

  it("keeps earlier turns in the context of the next", async () => {
    const model = fakeModel([{ content: "first answer" }, { content: "second answer" }]);
    const d = deps(model, fakeCells({}).runCell);
    const first = await run(d, "first?");
    await run(d, "second?", [first]);
    const roles = model.requests[1].messages.map((m) => `${m.role}:${typeof m.content === "string" ? m.content : ""}`);
    expect(roles).toEqual(["system:SYSTEM", "user:first?", "assistant:first answer", "user:second?"]);
  });

  it("traces an answer's numbers to an earlier turn's output too", async () => {
    const model = fakeModel([
      { calls: [call("print(50000)")] },
      { content: "50,000 rows." },
      { content: "Still 50000." },
    ]);
    const d = deps(model, fakeCells({ "print(50000)": { text: "50000\n" } }).runCell);
    const first = await run(d, "How many rows?");
    const second = await run(d, "And now?", [first]);
    expect(second.grounding?.numbers.find((n) => n.value === 50000)?.source?.cellId).toBe("cell-1");
  });

  it.each([
    [
      "the content filter stops the reply (Azure, Gemini)",
      { content: "Here is", finish: "content_filter" },
      "interrupted",
      /content filter/,
    ],
    ["the model only reasons, and stops", { reasoning: "Let me think.", finish: "stop" }, "done", /without an answer/],
  ])("says so when %s, and the next request has no empty message", async (_, reply, status, notice) => {
    const model = fakeModel([reply, { content: "second answer" }]);
    const d = deps(model, fakeCells({}).runCell);
    const first = await run(d, "first?");
    expect(first.status).toBe(status);
    expect(first.notice).toMatch(notice);
    await run(d, "second?", [first]);
    for (const message of model.requests[1].messages) expect(message.content).toBeTruthy();
  });

  it("reports a model error as a sentence and keeps the turn's record", async () => {
    const model: ModelClient = {
      // eslint-disable-next-line require-yield
      async *stream() {
        throw Object.assign(new Error("401 Incorrect API key"), {
          status: 401,
          error: { message: "Incorrect API key" },
        });
      },
    };
    const turn = await run(deps(model, fakeCells({}).runCell), "q");
    expect(turn.status).toBe("error");
    expect(turn.error?.kind).toBe("auth");
    expect(turn.notice).toMatch(/key/i);
  });
});

describe("cells the user ran themselves", () => {
  it("reach the model with the next question", async () => {
    const model = fakeModel([{ content: "You computed 42." }]);
    await runTurn(deps(model, fakeCells({}).runCell), [], "What did I get?", () => {}, new AbortController().signal, [
      { code: "answer = 6 * 7\nprint(answer)", output: "42\n" },
    ]);
    const question = String(model.requests[0].messages.at(-1)!.content);
    expect(question).toContain("answer = 6 * 7");
    expect(question).toContain("42");
    expect(question.endsWith("What did I get?")).toBe(true);
  });
});
