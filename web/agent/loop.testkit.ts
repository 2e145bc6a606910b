/** The agent loop's test doubles: a model answering scripted chunks, and a kernel answering scripted outputs. */
import type { Cell } from "../kernel/cells";
import type { ChatRequest, ModelClient } from "./client";
import { runTurn, type LoopDeps } from "./loop";
import type { Turn } from "./record";

/** A reply as the stream of chunks an OpenAI-style server sends. */
export type Reply = {
  content?: string;
  reasoning?: string;
  calls?: { name: string; arguments: string }[];
  finish?: string;
};

export function chunks({ content, reasoning, calls = [], finish }: Reply): unknown[] {
  const base = { id: "c", object: "chat.completion.chunk", created: 0, model: "m" };
  const out: unknown[] = [];
  if (reasoning)
    out.push({ ...base, choices: [{ index: 0, delta: { reasoning_content: reasoning }, finish_reason: null }] });
  if (content)
    out.push({ ...base, choices: [{ index: 0, delta: { role: "assistant", content }, finish_reason: null }] });
  calls.forEach((call, index) =>
    out.push({
      ...base,
      choices: [
        {
          index: 0,
          delta: { tool_calls: [{ index, id: `call_${index}`, type: "function", function: call }] },
          finish_reason: null,
        },
      ],
    }),
  );
  out.push({
    ...base,
    choices: [{ index: 0, delta: {}, finish_reason: finish ?? (calls.length ? "tool_calls" : "stop") }],
  });
  return out;
}

/** A fake model: replies in order (an Error is thrown as the request's failure), and records every request it was sent. */
export function fakeModel(replies: (Reply | Error)[]): ModelClient & { requests: ChatRequest[] } {
  const requests: ChatRequest[] = [];
  return {
    requests,
    async *stream(request, signal) {
      requests.push(structuredClone(request));
      const reply = replies.shift();
      if (!reply) throw new Error("no reply left");
      if (reply instanceof Error) throw reply;
      for (const chunk of chunks(reply)) {
        signal.throwIfAborted();
        yield chunk;
      }
    },
  };
}

/** A fake kernel: evaluates nothing, answers each code with a scripted output. */
export function fakeCells(outputs: Record<string, { text: string; status?: Cell["status"] }>) {
  const ran: string[] = [];
  const runCell = async (code: string): Promise<Cell> => {
    ran.push(code);
    const { text, status = "done" } = outputs[code] ?? { text: "" };
    const outputs_: Cell["outputs"] =
      status === "error"
        ? [{ type: "error", error: { name: "NameError", message: text, traceback: text } }]
        : [{ type: "stream", name: "stdout", text }];
    return {
      id: `cell-${ran.length}`,
      code,
      origin: "agent",
      createdAt: 0,
      ranAt: 0,
      ranBy: "agent",
      status,
      outputs: outputs_,
      changedFiles: [],
    };
  };
  return { ran, runCell };
}

export function deps(model: ModelClient, runCell: LoopDeps["runCell"], maxToolCalls = 15): LoopDeps {
  return {
    model,
    runCell,
    systemPrompt: async () => "SYSTEM",
    endpoint: { baseURL: "http://localhost:1/v1", model: "m" },
    options: { instructionsRole: "system", vision: false, maxToolCalls },
  };
}

export const call = (code: string) => ({ name: "run_python", arguments: JSON.stringify({ code }) });
export const run = (d: LoopDeps, question: string, history: Turn[] = [], signal = new AbortController().signal) =>
  runTurn(d, history, question, () => {}, signal);
