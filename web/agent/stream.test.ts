// One test (at least) per row of ../shared/PROVIDERS.md "Streaming tool calls" and "Reasoning",
// fed with chunks in the real chat.completion.chunk layout.
import OpenAI from "openai";
import { describe, expect, it } from "vitest";
import { StreamAssembler, StreamError, type StreamDelta } from "./stream";

type Delta = Record<string, unknown>;

let created = 1_760_000_000;
/** A chat.completion.chunk as servers send it. */
function chunk(delta: Delta | undefined, finish: string | null = null, extra: Record<string, unknown> = {}) {
  const choice: Record<string, unknown> = { index: 0, logprobs: null, finish_reason: finish };
  if (delta) choice.delta = delta;
  return {
    id: "chatcmpl-abc123",
    object: "chat.completion.chunk",
    created: created++,
    model: "test-model",
    system_fingerprint: "fp_1",
    choices: [choice],
    ...extra,
  };
}

function call(index: number | undefined, id: string | undefined, name: string | undefined, args?: string) {
  const fn: Record<string, unknown> = {};
  if (name !== undefined) fn.name = name;
  if (args !== undefined) fn.arguments = args;
  return {
    ...(index !== undefined && { index }),
    ...(id !== undefined && { id }),
    ...(id !== undefined && { type: "function" }),
    function: fn,
  };
}

function counter() {
  let n = 0;
  return () => `gen${String(++n).padStart(6, "0")}`;
}

function assemble(chunks: unknown[]) {
  const assembler = new StreamAssembler({ newId: counter() });
  const live: StreamDelta[] = chunks.map((c) => assembler.push(c));
  return { turn: assembler.finish(), live, assembler };
}

const CODE = '{"code": "print(1 + 1)"}';

describe("streaming tool calls", () => {
  it("Ollama: whole tool call (id, name, complete arguments) arrives in one chunk", () => {
    const { turn } = assemble([
      chunk({ role: "assistant", content: "", tool_calls: [call(0, "call_k3x9", "run_python", CODE)] }),
      chunk({ role: "assistant", content: "" }, "tool_calls"),
    ]);
    expect(turn.toolCalls).toEqual([{ id: "call_k3x9", name: "run_python", arguments: CODE }]);
    expect(turn.finishReason).toBe("tool_calls");
    expect(turn.interrupted).toBe(false);
  });

  it("LM Studio: whole call in one chunk together with its finish_reason", () => {
    const { turn } = assemble([chunk({ tool_calls: [call(0, "438711", "run_python", CODE)] }, "tool_calls")]);
    expect(turn.toolCalls).toEqual([{ id: "438711", name: "run_python", arguments: CODE }]);
  });

  it("OpenAI: arguments split across many chunks; id/name only on the first, which has no arguments key", () => {
    const { turn } = assemble([
      chunk({ role: "assistant", content: null, tool_calls: [call(0, "call_abc", "run_python")] }),
      chunk({ tool_calls: [{ index: 0, function: { arguments: '{"co' } }] }),
      chunk({ tool_calls: [{ index: 0, function: { arguments: 'de": "print(' } }] }),
      chunk({ tool_calls: [{ index: 0, function: { arguments: '1 + 1)"}' } }] }),
      chunk({}, "tool_calls"),
    ]);
    expect(turn.toolCalls).toEqual([{ id: "call_abc", name: "run_python", arguments: CODE }]);
  });

  it("OpenAI: parallel calls at indexes 0 and 1, interleaved", () => {
    const { turn } = assemble([
      chunk({ tool_calls: [call(0, "call_a", "run_python", "")] }),
      chunk({ tool_calls: [call(1, "call_b", "run_python", "")] }),
      chunk({ tool_calls: [{ index: 0, function: { arguments: '{"code": "a"}' } }] }),
      chunk({ tool_calls: [{ index: 1, function: { arguments: '{"code": "b"}' } }] }),
      chunk({}, "tool_calls"),
    ]);
    expect(turn.toolCalls.map((c) => [c.id, c.arguments])).toEqual([
      ["call_a", '{"code": "a"}'],
      ["call_b", '{"code": "b"}'],
    ]);
  });

  it("vLLM / llama.cpp (--jinja): name first with type, arguments streamed token by token", () => {
    const pieces = ["{", '"code', '":', ' "', "x", " =", " 2", '"', "}"];
    const { turn } = assemble([
      chunk({ role: "assistant", content: "" }),
      chunk({
        tool_calls: [{ index: 0, id: "chatcmpl-tool-9f2", type: "function", function: { name: "run_python" } }],
      }),
      ...pieces.map((p) => chunk({ tool_calls: [{ index: 0, function: { arguments: p } }] })),
      chunk({ content: "" }, "tool_calls"),
    ]);
    expect(turn.toolCalls).toEqual([{ id: "chatcmpl-tool-9f2", name: "run_python", arguments: '{"code": "x = 2"}' }]);
  });

  it("Ollama: parallel calls all at index 0, told apart by id", () => {
    const { turn } = assemble([
      chunk({
        role: "assistant",
        content: "",
        tool_calls: [call(0, "call_1", "run_python", '{"code":"a"}'), call(0, "call_2", "run_python", '{"code":"b"}')],
      }),
      chunk({ content: "" }, "tool_calls"),
    ]);
    expect(turn.toolCalls.map((c) => [c.id, c.arguments])).toEqual([
      ["call_1", '{"code":"a"}'],
      ["call_2", '{"code":"b"}'],
    ]);
  });

  it("LiteLLM: parallel calls streamed piece by piece, all at index 0, a new id starting each", () => {
    const { turn } = assemble([
      chunk({ tool_calls: [call(0, "call_a", "run_python", "")] }),
      chunk({ tool_calls: [{ index: 0, function: { arguments: '{"code": ' } }] }),
      chunk({ tool_calls: [{ index: 0, function: { arguments: '"a"}' } }] }),
      chunk({ tool_calls: [call(0, "call_b", "run_python", "")] }),
      chunk({ tool_calls: [{ index: 0, function: { arguments: '{"code": "b"}' } }] }),
      chunk({}, "tool_calls"),
    ]);
    expect(turn.toolCalls.map((c) => [c.id, c.arguments])).toEqual([
      ["call_a", '{"code": "a"}'],
      ["call_b", '{"code": "b"}'],
    ]);
  });

  it("Gemini compat: no index on tool-call deltas, parallel whole calls in one chunk", () => {
    const { turn } = assemble([
      chunk({
        role: "assistant",
        tool_calls: [
          { id: "function-call-1", type: "function", function: { name: "run_python", arguments: '{"code":"a"}' } },
          { id: "function-call-2", type: "function", function: { name: "run_python", arguments: '{"code":"b"}' } },
        ],
      }),
      chunk({}, "stop"),
    ]);
    expect(turn.toolCalls.map((c) => c.id)).toEqual(["function-call-1", "function-call-2"]);
  });

  it("no index: a later delta with a known id continues that call", () => {
    const { turn } = assemble([
      chunk({ tool_calls: [call(undefined, "c1", "run_python", '{"code": "a')] }),
      chunk({ tool_calls: [call(undefined, "c1", undefined, '"}')] }),
      chunk({}, "tool_calls"),
    ]);
    expect(turn.toolCalls).toEqual([{ id: "c1", name: "run_python", arguments: '{"code": "a"}' }]);
  });

  it("old Ollama / proxies: no index and no id — the single open call continues", () => {
    const { turn } = assemble([
      chunk({ tool_calls: [{ function: { name: "run_python", arguments: '{"code": ' } }] }),
      chunk({ tool_calls: [{ function: { arguments: '"print(2)"}' } }] }),
      chunk({}, "tool_calls"),
    ]);
    expect(turn.toolCalls).toEqual([{ id: "gen000001", name: "run_python", arguments: '{"code": "print(2)"}' }]);
  });

  it("no index and no id, several deltas per chunk: position in the chunk tells them apart", () => {
    const { turn } = assemble([
      chunk({
        tool_calls: [
          { function: { name: "run_python", arguments: '{"code": "a' } },
          { function: { name: "run_python", arguments: '{"code": "b' } },
        ],
      }),
      chunk({ tool_calls: [{ function: { arguments: '"}' } }, { function: { arguments: '"}' } }] }),
      chunk({}, "tool_calls"),
    ]);
    expect(turn.toolCalls.map((c) => c.arguments)).toEqual(['{"code": "a"}', '{"code": "b"}']);
  });

  it('Gemini: id "" — a stable 9-character id is invented, and the next named call is a new call', () => {
    const assembler = new StreamAssembler();
    for (const c of [
      chunk({
        tool_calls: [{ id: "", type: "function", function: { name: "run_python", arguments: '{"code":"a"}' } }],
      }),
      chunk({
        tool_calls: [{ id: "", type: "function", function: { name: "run_python", arguments: '{"code":"b"}' } }],
      }),
      chunk({}, "stop"),
    ]) {
      assembler.push(c);
    }
    const first = assembler.finish().toolCalls;
    expect(first).toHaveLength(2);
    for (const c of first) expect(c.id).toMatch(/^[A-Za-z0-9]{9}$/);
    expect(first[0].id).not.toBe(first[1].id);
    expect(assembler.finish().toolCalls.map((c) => c.id)).toEqual(first.map((c) => c.id));
  });

  it("LiteLLM: the same id repeated on every chunk (with the name) is one call", () => {
    const { turn } = assemble([
      chunk({ tool_calls: [call(0, "call_x", "run_python", "")] }),
      chunk({ tool_calls: [call(0, "call_x", "run_python", '{"code": "a"')] }),
      chunk({ tool_calls: [call(0, "call_x", "run_python", "}")] }),
      chunk({ tool_calls: [call(0, "call_x", "run_python", "")] }),
      chunk({}, "tool_calls"),
    ]);
    expect(turn.toolCalls).toEqual([{ id: "call_x", name: "run_python", arguments: '{"code": "a"}' }]);
  });

  it("a trailing delta that only repeats the name (no id, no arguments) adds no call", () => {
    const { turn } = assemble([
      chunk({ tool_calls: [call(0, undefined, "run_python", CODE)] }),
      chunk({ tool_calls: [call(0, undefined, "run_python", "")] }),
      chunk({}, "tool_calls"),
    ]);
    expect(turn.toolCalls).toEqual([{ id: "gen000001", name: "run_python", arguments: CODE }]);
  });

  it("Kimi / LiteLLM: an id changing mid-call does not start a new call; the first id is kept", () => {
    const { turn } = assemble([
      chunk({ tool_calls: [call(0, "functions.run_python:0", "run_python", '{"co')] }),
      chunk({ tool_calls: [call(0, "call_7fa1", undefined, 'de": "print(3)')] }),
      chunk({ tool_calls: [call(0, "call_91bc", undefined, '"}')] }),
      chunk({}, "tool_calls"),
    ]);
    expect(turn.toolCalls).toEqual([
      { id: "functions.run_python:0", name: "run_python", arguments: '{"code": "print(3)"}' },
    ]);
  });

  it("an id arriving only on a later chunk is adopted, not treated as a new call", () => {
    const { turn } = assemble([
      chunk({ tool_calls: [call(0, undefined, "run_python", "")] }),
      chunk({ tool_calls: [call(0, "late_id", "run_python", CODE)] }),
      chunk({}, "tool_calls"),
    ]);
    expect(turn.toolCalls).toEqual([{ id: "late_id", name: "run_python", arguments: CODE }]);
  });

  it('LM Studio / watsonx: later argument chunks carry function.name "" — the name is kept', () => {
    const { turn } = assemble([
      chunk({ tool_calls: [call(0, "615207", "run_python", "")] }),
      chunk({ tool_calls: [call(0, "", "", '{"code":')] }),
      chunk({ tool_calls: [call(0, "", "", ' "1"}')] }),
      chunk({}, "tool_calls"),
    ]);
    expect(turn.toolCalls).toEqual([{ id: "615207", name: "run_python", arguments: '{"code": "1"}' }]);
  });

  it("vLLM hermes: empty or absent arguments become {}", () => {
    const { turn } = assemble([
      chunk({ tool_calls: [call(0, "a", "list_files", "")] }),
      chunk({ tool_calls: [call(1, "b", "list_files")] }),
      chunk({}, "tool_calls"),
    ]);
    expect(turn.toolCalls.map((c) => c.arguments)).toEqual(["{}", "{}"]);
  });

  it("vLLM hermes: a dropped closing } stays raw here (parseArguments repairs it)", () => {
    const { turn } = assemble([chunk({ tool_calls: [call(0, "a", "run_python", '{"code": "1"')] }, "tool_calls")]);
    expect(turn.toolCalls[0].arguments).toBe('{"code": "1"');
  });

  it("arguments sent as an object rather than JSON text are serialised", () => {
    const { turn } = assemble([
      chunk(
        { tool_calls: [{ index: 0, id: "a", function: { name: "run_python", arguments: { code: "1" } } }] },
        "stop",
      ),
    ]);
    expect(turn.toolCalls[0].arguments).toBe('{"code":"1"}');
  });

  it('Gemini compat / vLLM: finish_reason "stop" although tool calls were streamed — the calls count', () => {
    const { turn } = assemble([
      chunk({ role: "assistant", tool_calls: [call(0, "x", "run_python", CODE)] }),
      chunk({ content: "" }, "stop"),
    ]);
    expect(turn.finishReason).toBe("stop");
    expect(turn.toolCalls).toHaveLength(1);
  });

  it("gpt-4o (legacy): delta.function_call {name, arguments}", () => {
    const { turn } = assemble([
      chunk({ role: "assistant", content: null, function_call: { name: "run_python", arguments: "" } }),
      chunk({ function_call: { arguments: '{"code": ' } }),
      chunk({ function_call: { arguments: '"2"}' } }),
      chunk({}, "function_call"),
    ]);
    expect(turn.toolCalls).toEqual([{ id: "gen000001", name: "run_python", arguments: '{"code": "2"}' }]);
  });

  it("a call that never got a name is left out (it cannot be run)", () => {
    const { turn } = assemble([chunk({ tool_calls: [{ index: 0, function: { arguments: "{}" } }] }, "tool_calls")]);
    expect(turn.toolCalls).toEqual([]);
  });

  it("cut connection: the stream ends with no finish_reason and no [DONE] — interrupted, what arrived is kept", () => {
    const { turn } = assemble([
      chunk({ role: "assistant", content: "Let me" }),
      chunk({ content: " compute" }),
      chunk({ tool_calls: [call(0, "call_q", "run_python", '{"code": "pri')] }),
    ]);
    expect(turn.interrupted).toBe(true);
    expect(turn.finishReason).toBeNull();
    expect(turn.content).toBe("Let me compute");
    expect(turn.toolCalls[0].arguments).toBe('{"code": "pri');
  });

  it("Azure OpenAI: first chunk with choices: [] (prompt filter results), then a content-filter chunk without delta", () => {
    const { turn, live } = assemble([
      {
        id: "",
        object: "",
        created: 0,
        model: "",
        choices: [],
        prompt_filter_results: [{ prompt_index: 0, content_filter_results: {} }],
      },
      chunk({ role: "assistant", content: "Hi" }),
      { ...chunk(undefined, "stop"), choices: [{ index: 0, finish_reason: "stop", content_filter_results: {} }] },
    ]);
    expect(live[0]).toEqual({});
    expect(turn.content).toBe("Hi");
    expect(turn.finishReason).toBe("stop");
  });

  it("usage-only final chunk (stream_options.include_usage): usage at top level, choices empty", () => {
    const { turn } = assemble([
      chunk({ role: "assistant", content: "4" }, null, { usage: null }),
      chunk({}, "stop", { usage: null }),
      { ...chunk({}), choices: [], usage: { prompt_tokens: 12, completion_tokens: 3, total_tokens: 15 } },
    ]);
    expect(turn.usage).toEqual({ promptTokens: 12, completionTokens: 3, totalTokens: 15 });
    expect(turn.interrupted).toBe(false);
  });

  it("Groq: usage under x_groq on the last chunk", () => {
    const { turn } = assemble([
      chunk({ content: "ok" }),
      chunk({}, "stop", {
        x_groq: { id: "req_1", usage: { prompt_tokens: 5, completion_tokens: 1, total_tokens: 6 } },
      }),
    ]);
    expect(turn.usage).toEqual({ promptTokens: 5, completionTokens: 1, totalTokens: 6 });
  });

  it("odd chunks never throw", () => {
    const { turn } = assemble([
      null,
      "data: [DONE]",
      42,
      { choices: "nope" },
      { choices: [null, 3] },
      { choices: [{ index: 0, delta: null }] },
      chunk({ tool_calls: "x" }),
      chunk({ tool_calls: [null, 5, { index: "0", function: "nope" }] }),
      chunk({ content: 7, reasoning_content: {}, function_call: "x" }),
      { choices: [{ index: 1, delta: { content: "second choice, ignored" } }] },
      chunk({ content: "fine" }, "stop"),
    ]);
    expect(turn.content).toBe("fine");
    expect(turn.toolCalls).toEqual([]);
  });
});

describe("reasoning", () => {
  it("DeepSeek: reasoning in reasoning_content, shown as reasoning and kept verbatim to send back", () => {
    const { turn, live } = assemble([
      chunk({ role: "assistant", content: null, reasoning_content: "" }),
      chunk({ content: null, reasoning_content: "The user wants " }),
      chunk({ content: null, reasoning_content: "a sum.\n" }),
      chunk({ content: null, reasoning_content: null, tool_calls: [call(0, "call_00_x", "run_python", CODE)] }),
      chunk({ content: "" }, "tool_calls"),
    ]);
    expect(live[1]).toEqual({ reasoning: "The user wants " });
    expect(turn.reasoning).toBe("The user wants a sum.");
    expect(turn.echo).toEqual({ reasoning_content: "The user wants a sum.\n" });
    expect(turn.toolCalls).toHaveLength(1);
  });

  it("llama.cpp / LM Studio: reasoning_content, then content", () => {
    const { turn } = assemble([
      chunk({ role: "assistant", content: null, reasoning_content: "Thinking." }),
      chunk({ content: "Answer." }, "stop"),
    ]);
    expect(turn).toMatchObject({ content: "Answer.", reasoning: "Thinking." });
  });

  it("Ollama / vLLM ≥ 0.16: reasoning in `reasoning`, not echoed", () => {
    const { turn } = assemble([
      chunk({ role: "assistant", content: "", reasoning: "Okay, " }),
      chunk({ content: "", reasoning: "easy." }),
      chunk({ content: "2" }, "stop"),
    ]);
    expect(turn).toMatchObject({ content: "2", reasoning: "Okay, easy.", echo: {} });
  });

  it("OpenRouter: the same text in reasoning and reasoning_details is shown once; details are joined for echo", () => {
    const detail = (text: string) => [{ type: "reasoning.text", text, format: "anthropic-claude-v1", index: 0 }];
    const { turn } = assemble([
      chunk({ role: "assistant", content: "", reasoning: "Step one. ", reasoning_details: detail("Step one. ") }),
      chunk({ content: "", reasoning: "Step two.", reasoning_details: detail("Step two.") }),
      chunk({
        content: "",
        reasoning_details: [
          { type: "reasoning.text", text: "", signature: "sig==", format: "anthropic-claude-v1", index: 0 },
        ],
      }),
      chunk({ content: "Done" }, "stop"),
    ]);
    expect(turn.reasoning).toBe("Step one. Step two.");
    expect(turn.echo.reasoning_details).toEqual([
      {
        type: "reasoning.text",
        text: "Step one. Step two.",
        format: "anthropic-claude-v1",
        index: 0,
        signature: "sig==",
      },
    ]);
  });

  it("OpenRouter: reasoning_details alone (summary and encrypted entries)", () => {
    const { turn } = assemble([
      chunk({ reasoning_details: [{ type: "reasoning.summary", summary: "Plan: add.", index: 0 }] }),
      chunk({ reasoning_details: [{ type: "reasoning.encrypted", data: "gAAAA", index: 1 }] }),
      chunk({ content: "3" }, "stop"),
    ]);
    expect(turn.reasoning).toBe("Plan: add.");
    expect(turn.echo.reasoning_details).toHaveLength(2);
  });

  it("Qwen/DeepSeek distills: <think>…</think> inside content, tags split across chunks", () => {
    const { turn, live } = assemble(
      ["<thi", "nk>", "Let me", " think.</th", "ink>", "\n\nThe answer", " is 4."].map((c) => chunk({ content: c })),
    );
    expect(turn.content).toBe("The answer is 4.");
    expect(turn.reasoning).toBe("Let me think.");
    expect(live.map((d) => d.content ?? "").join("")).toBe("\n\nThe answer is 4.");
    expect(live.map((d) => d.reasoning ?? "").join("")).toBe("Let me think.");
  });

  it("Gemini compat (include_thoughts): thought summaries in <thought>…</thought>, split across chunks", () => {
    const { turn } = assemble(
      ["<thou", "ght>Plan it.</tho", "ught>The sum", " is 45."].map((c) => chunk({ content: c })),
    );
    expect(turn.reasoning).toBe("Plan it.");
    expect(turn.content).toBe("The sum is 45.");
  });

  it("a leading <think> with no close until later streams as reasoning", () => {
    const { turn, live } = assemble([
      chunk({ content: "<think>\nHmm" }),
      chunk({ content: ", a long thought" }),
      chunk({ content: "</think>Yes." }, "stop"),
    ]);
    expect(live[1]).toEqual({ reasoning: ", a long thought" });
    expect(turn).toMatchObject({ content: "Yes.", reasoning: "Hmm, a long thought" });
  });

  it("a <think> block never closed: everything is reasoning", () => {
    const { turn } = assemble([chunk({ content: "<think>still going" })]);
    expect(turn).toMatchObject({ content: "", reasoning: "still going", interrupted: true });
  });

  it("DeepSeek-R1 distills whose template opened <think> in the prompt: only </think> shows, earlier text was reasoning", () => {
    const { turn, live } = assemble([
      chunk({ content: "Okay, the user asks" }),
      chunk({ content: " for 2+2.\n</think>\n\n" }),
      chunk({ content: "4" }, "stop"),
    ]);
    expect(live[1]).toEqual({ content: "\n\n", resetContent: true, reasoning: "Okay, the user asks for 2+2.\n" });
    expect(turn).toMatchObject({ content: "4", reasoning: "Okay, the user asks for 2+2." });
  });

  it("an answer that mentions <think> tags keeps them as text", () => {
    const text = 'Use re.sub(r"<think>.*?</think>", "", s) to strip them.';
    const { turn } = assemble([chunk({ content: "Use re.sub(" }), chunk({ content: text.slice(11) }, "stop")]);
    expect(turn.content).toBe(text);
    expect(turn.reasoning).toBe("");
  });

  it("a held-back partial tag that never completes is text after all", () => {
    const { turn } = assemble([chunk({ content: "a < b and x <thi" }), chunk({}, "stop")]);
    expect(turn.content).toBe("a < b and x <thi");
  });

  it("Gemini 3: extra_content.google.thought_signature is kept per tool call, and on the message", () => {
    const signature = { google: { thought_signature: "CrICAdHtim827fQ" } };
    const { turn } = assemble([
      chunk({ role: "assistant", content: "Running it.", extra_content: signature }),
      chunk({
        tool_calls: [
          { extra_content: signature, id: "", type: "function", function: { name: "run_python", arguments: CODE } },
        ],
      }),
      chunk({}, "stop"),
    ]);
    expect(turn.toolCalls[0].echo).toEqual({ extra_content: signature });
    expect(turn.echo).toEqual({ extra_content: signature });
  });

  it("Mistral Magistral: content as parts, thinking and text", () => {
    const { turn } = assemble([
      chunk({ role: "assistant", content: [{ type: "thinking", thinking: [{ type: "text", text: "Simple." }] }] }),
      chunk({ content: [{ type: "text", text: "5" }] }),
      chunk({ content: "" }, "stop"),
    ]);
    expect(turn).toMatchObject({ content: "5", reasoning: "Simple." });
  });

  it("a refusal is shown as the answer", () => {
    const { turn } = assemble([chunk({ refusal: "I can't help with that." }, "stop")]);
    expect(turn.content).toBe("I can't help with that.");
  });
});

describe("errors inside a 200 stream", () => {
  it('OpenAI / llama.cpp: a chunk {"error": {…}} throws StreamError with the body', () => {
    const assembler = new StreamAssembler();
    assembler.push(chunk({ role: "assistant", content: "Partial" }));
    const body = { error: { message: "The server had an error processing your request.", type: "server_error" } };
    let thrown: unknown;
    try {
      assembler.push(body);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(StreamError);
    expect((thrown as StreamError).body).toBe(body);
    expect((thrown as StreamError).message).toBe("The server had an error processing your request.");
    // What arrived before the error is still there.
    expect(assembler.finish()).toMatchObject({ content: "Partial", interrupted: true });
  });

  it("OpenRouter: a normal chunk with a top-level error and finish_reason error", () => {
    const bad = chunk({ content: "" }, "error", { error: { code: "server_error", message: "Provider disconnected" } });
    const assembler = new StreamAssembler();
    expect(() => assembler.push(bad)).toThrow(StreamError);
    expect(() => assembler.push(chunk({ content: "" }, "error"))).toThrow(StreamError);
  });

  it('vLLM: data: {"object": "error", …} (the SDK yields it as a chunk)', () => {
    const body = {
      object: "error",
      message: "Internal server error",
      type: "InternalServerError",
      param: null,
      code: 500,
    };
    expect(() => new StreamAssembler().push(body)).toThrow("Internal server error");
  });

  it("`event: error` whose data is a bare {message} (the SDK yields it as a chunk)", () => {
    expect(() => new StreamAssembler().push({ message: "Overloaded", code: 529 })).toThrow("Overloaded");
  });

  it("a null error field on a normal chunk is not an error", () => {
    const { turn } = assemble([chunk({ content: "ok" }, "stop", { error: null })]);
    expect(turn.content).toBe("ok");
  });
});

describe("through the real SDK's stream iteration", () => {
  /** Iterates `chat.completions.create({stream: true})` over a canned SSE body, as the loop does. */
  async function viaSdk(sse: string) {
    const client = new OpenAI({
      apiKey: "k",
      baseURL: "https://openrouter.ai/api/v1",
      maxRetries: 0,
      fetch: async () => new Response(sse, { status: 200, headers: { "content-type": "text/event-stream" } }),
    });
    const assembler = new StreamAssembler({ newId: counter() });
    const stream = await client.chat.completions.create({ model: "m", messages: [], stream: true });
    for await (const c of stream) assembler.push(c);
    return assembler.finish();
  }
  const data = (value: unknown) => `data: ${JSON.stringify(value)}\n\n`;

  it("OpenRouter: `: OPENROUTER PROCESSING` comment lines before the chunks are ignored", async () => {
    const turn = await viaSdk(
      ": OPENROUTER PROCESSING\n\n: OPENROUTER PROCESSING\n\n" +
        data(chunk({ role: "assistant", content: "Hello" })) +
        data(chunk({ content: "" }, "stop")) +
        "data: [DONE]\n\n",
    );
    expect(turn).toMatchObject({ content: "Hello", finishReason: "stop", interrupted: false });
  });

  it("a cut connection: the body just ends, no finish_reason, no [DONE] — the SDK does not throw", async () => {
    const turn = await viaSdk(
      data(chunk({ role: "assistant", content: "Partial" })) +
        data(chunk({ tool_calls: [call(0, "c", "run_python", '{"code": "1')] })),
    );
    expect(turn).toMatchObject({ content: "Partial", interrupted: true });
  });
});
