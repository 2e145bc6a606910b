// One test (at least) per row of ../shared/PROVIDERS.md "Streaming tool calls",
// fed with chunks in the real chat.completion.chunk layout (./stream.testkit.ts).
import { describe, expect, it } from "vitest";
import { chunk, call, assemble, CODE } from "./stream.testkit";
import { StreamAssembler } from "./stream";

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

  it.each([
    [
      "the whole call again at the end (LiteLLM, DeepSeek)",
      ['{"code": ', '"print(1 + 1)"}', '{"code": "print(1 + 1)"}'],
    ],
    ["everything so far again on every chunk", ['{"co', '{"code": "pr', '{"code": "print(1 + 1)"}']],
    ['"{}" before the real arguments', ["{}", '{"code": "pri', 'nt(1 + 1)"}']],
  ])("arguments sent more than once are taken once: %s", (_, pieces) => {
    const { turn } = assemble([
      ...pieces.map((args) => chunk({ tool_calls: [call(0, "call_a", "run_python", args)] })),
      chunk({}, "tool_calls"),
    ]);
    expect(turn.toolCalls).toEqual([{ id: "call_a", name: "run_python", arguments: CODE }]);
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
