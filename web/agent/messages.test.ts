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
});
