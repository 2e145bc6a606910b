/** Requests the endpoint refuses that the loop gets past: figures, length, a tool call it could not read. */
import { describe, expect, it } from "vitest";
import type { Cell } from "../kernel/cells";
import type { ChatRequest } from "./client";
import { call, deps, fakeCells, fakeModel, run } from "./loop.testkit";
import { newTurn, type Turn } from "./record";

describe("the agent loop, refused", () => {
  it("Groq could not read the model's tool call: the call it returns is run when it can be read", async () => {
    const groq = (generation: string) =>
      Object.assign(new Error("400 Failed to call a function."), {
        status: 400,
        error: {
          message: "Failed to call a function. Please adjust your prompt.",
          code: "tool_use_failed",
          failed_generation: generation,
        },
      });
    const model = fakeModel([groq('<function=run_python>{"code": "print(6 * 7)"}</function>'), { content: "42." }]);
    const cells = fakeCells({ "print(6 * 7)": { text: "42\n" } });
    const turn = await run(deps(model, cells.runCell), "6 times 7?");
    expect(cells.ran).toEqual(["print(6 * 7)"]);
    expect(turn.status).toBe("done");
    expect(turn.answer?.content).toBe("42.");

    // Unreadable: it goes back to the model once, which may then call the tool properly.
    const retried = fakeModel([groq("run_python(print(6 * 7)"), { calls: [call("print(6 * 7)")] }, { content: "42." }]);
    expect((await run(deps(retried, cells.runCell), "again?")).status).toBe("done");
    expect(retried.requests[1].messages.slice(-2)).toEqual([
      { role: "assistant", content: "run_python(print(6 * 7)" },
      { role: "user", content: expect.stringMatching(/could not read that tool call/) },
    ]);
    const twice = fakeModel([groq("run_python(1"), groq("run_python(2")]);
    const unreadable = await run(deps(twice, cells.runCell), "once more?");
    expect(unreadable.status).toBe("error");
    expect(unreadable.notice).toMatch(/could not read the tool call/);
  });

  it("a model that takes no images gets the request again without the figures", async () => {
    const refused = Object.assign(new Error("404 No endpoints found that support image input"), {
      status: 404,
      error: { message: "No endpoints found that support image input", code: 404 },
    });
    const model = fakeModel([{ calls: [call("plot()")] }, refused, { content: "A rising line." }]);
    const runCell = async (code: string): Promise<Cell> => ({
      ...(await fakeCells({}).runCell(code)),
      outputs: [{ type: "display", data: { "image/png": "iVBORw0KGgo=", "text/plain": "<Figure>" } }],
    });
    const turn = await run(
      { ...deps(model, runCell), options: { instructionsRole: "system", vision: true, maxToolCalls: 15 } },
      "Plot it.",
    );
    expect(turn.status).toBe("done");
    expect(turn.answer?.content).toBe("A rising line.");
    const images = (request: ChatRequest) => JSON.stringify(request.messages).includes("image_url");
    expect(model.requests.map(images)).toEqual([false, true, false]);
  });

  it("a model that refused images gets none in the turns after", async () => {
    const refused = Object.assign(new Error("400 image input is not supported"), {
      status: 400,
      error: {
        message: "image input is not supported - hint: if this is unexpected, you may need to provide the mmproj",
      },
    });
    const model = fakeModel([
      { calls: [call("plot()")] },
      refused,
      { content: "A line." },
      { calls: [call("plot()")] },
      { content: "The same line." },
    ]);
    const runCell = async (code: string): Promise<Cell> => ({
      ...(await fakeCells({}).runCell(code)),
      outputs: [{ type: "display", data: { "image/png": "iVBORw0KGgo=", "text/plain": "<Figure>" } }],
    });
    const local = {
      ...deps(model, runCell),
      endpoint: { baseURL: "http://localhost:8080/v1", model: "text-only" },
      options: { instructionsRole: "system" as const, vision: true, maxToolCalls: 15 },
    };
    const first = await run(local, "Plot it.");
    const second = await run(local, "Again.", [first]);
    const images = (request: ChatRequest) => JSON.stringify(request.messages).includes("image_url");
    expect(model.requests.map(images)).toEqual([false, true, false, false, false]);
    expect(second.steps[0].results[0].images).toEqual([]);
  });

  it("a conversation too long for the model's context goes again without its oldest turns, and so do later turns", async () => {
    const tooLong = Object.assign(new Error("400 maximum context length"), {
      status: 400,
      error: { message: "This model's maximum context length is 8192 tokens.", code: "context_length_exceeded" },
    });
    const model = fakeModel([tooLong, { content: "Answered." }, { content: "Answered again." }]);
    const long = fakeCells({}).runCell;
    const d = { ...deps(model, long), endpoint: { baseURL: "http://localhost:8000/v1", model: "small" } };
    const earlier = ["first", "second", "third"].map((q): Turn => ({
      ...newTurn(`${q}: ${"x".repeat(5000)}`),
      status: "done",
      answer: { content: "ok", reasoning: "", toolCalls: [], echo: {} },
    }));
    const turn = await run(d, "And now?", earlier);
    expect(turn.status).toBe("done");
    expect(turn.notice).toMatch(/without the first turn of this conversation/);
    const questions = (r: ChatRequest) => r.messages.filter((m) => m.role === "user").map((m) => String(m.content)[0]);
    expect(model.requests.map(questions)).toEqual([
      ["f", "s", "t", "A"],
      ["s", "t", "A"],
    ]);
    expect(String(model.requests[1].messages[0].content)).toMatch(/first exchange with the user is left out/);
    // The next turn is cut before it is sent: the endpoint is not refused again.
    await run(d, "And then?", [...earlier, turn]);
    expect(model.requests.length).toBe(3);
    expect(model.requests[2].messages.filter((m) => m.role === "user").length).toBeLessThan(5);
  });

  it("a turn too long for the model's context on its own ends with the endpoint's reason", async () => {
    const tooLong = () =>
      Object.assign(new Error("400 maximum context length"), {
        status: 400,
        error: { message: "maximum context length exceeded", code: "context_length_exceeded" },
      });
    const model = fakeModel([tooLong(), tooLong()]);
    const d = {
      ...deps(model, fakeCells({}).runCell),
      endpoint: { baseURL: "http://localhost:8001/v1", model: "tiny" },
    };
    const turn = await run(d, "q".repeat(10000));
    expect(turn.status).toBe("error");
    expect(turn.error?.kind).toBe("context");
    expect(model.requests.length).toBe(1);
  });
});
