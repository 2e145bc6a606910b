import { describe, expect, it } from "vitest";
import type { ChatMessage } from "./client";
import { buildMessages } from "./messages";
import { newTurn, type AssistantMessage, type Turn } from "./record";

const DEEPSEEK = "https://api.deepseek.com";
const GROQ = "https://api.groq.com/openai/v1";

/** A finished turn whose one step made two calls, only the first of which has a result. */
function turnFrom(from: string | undefined): Turn {
  const assistant: AssistantMessage = {
    content: "",
    reasoning: "Sum it.",
    toolCalls: [
      { id: "a", name: "run_python", arguments: '{"code":"1"}', echo: { extra_content: { google: { s: 1 } } } },
      { id: "b", name: "run_python", arguments: '{"code":"2"}' },
    ],
    echo: { reasoning_content: "Sum it." },
    from,
  };
  const result = { callId: "a", code: "1", status: "ok" as const, output: "1", message: "1", images: [] };
  return { ...newTurn("q"), status: "done", steps: [{ assistant, results: [result] }] };
}

const send = (turn: Turn, endpoint: string) =>
  buildMessages("system", [turn], { instructionsRole: "system", vision: false, endpoint });
const firstCall = (message: ChatMessage) => (message.tool_calls as Record<string, unknown>[])[0];

describe("buildMessages", () => {
  it("echoes provider fields back to the endpoint that sent them", () => {
    const assistant = send(turnFrom(DEEPSEEK), DEEPSEEK)[2];
    expect(assistant).toMatchObject({ reasoning_content: "Sum it." });
    expect(firstCall(assistant)).toMatchObject({ extra_content: { google: { s: 1 } } });
  });

  it("sends them nowhere else: Groq rejects reasoning_content", () => {
    const assistant = send(turnFrom(DEEPSEEK), GROQ)[2];
    expect(assistant).not.toHaveProperty("reasoning_content");
    expect(firstCall(assistant)).not.toHaveProperty("extra_content");
  });

  it("echoes them from a record saved before the sender was kept", () => {
    expect(send(turnFrom(undefined), GROQ)[2]).toMatchObject({ reasoning_content: "Sum it." });
  });

  it("answers every tool call, one without a result as not run", () => {
    const tools = send(turnFrom(DEEPSEEK), DEEPSEEK).filter((m) => m.role === "tool");
    expect(tools.map((m) => [m.tool_call_id, m.content])).toEqual([
      ["a", "1"],
      ["b", "Not run: the turn ended first."],
    ]);
  });

  it("echoes them to the model that sent them only, though the base URL serves others", () => {
    const turn = turnFrom(DEEPSEEK);
    turn.steps[0].assistant.model = "deepseek-reasoner";
    const to = (model: string) =>
      buildMessages("system", [turn], { instructionsRole: "system", vision: false, endpoint: DEEPSEEK, model })[2];
    expect(to("deepseek-reasoner")).toHaveProperty("reasoning_content");
    expect(to("deepseek-chat")).not.toHaveProperty("reasoning_content");
  });

  it("sends the conversation's latest figures only", () => {
    const turns = [1, 2, 3, 4, 5, 6].map((n): Turn => {
      const assistant: AssistantMessage = { content: "", reasoning: "", toolCalls: [], echo: {} };
      const result = {
        callId: "c",
        code: "plot()",
        status: "ok" as const,
        output: "",
        message: "",
        images: [`png${n}`],
      };
      return { ...newTurn(`chart ${n}`), status: "done", steps: [{ assistant, results: [result] }] };
    });
    const sent = JSON.stringify(buildMessages("system", turns, { instructionsRole: "system", vision: true }));
    expect(sent.match(/base64,png\d/g)).toEqual(["base64,png3", "base64,png4", "base64,png5", "base64,png6"]);
  });

  it("marks an answer the user stopped as unfinished", () => {
    const stopped: Turn = {
      ...newTurn("Explain."),
      status: "stopped",
      answer: { content: "The first reason is", reasoning: "", toolCalls: [], echo: {} },
    };
    const answer = buildMessages("system", [stopped], { instructionsRole: "system", vision: false }).at(-1)!;
    expect(answer.content).toBe("The first reason is\n\n[The user stopped this answer before it finished.]");
  });
});
