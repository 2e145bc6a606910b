/**
 * The mock model server itself, spoken to with Node fetch (no browser): every dialect streams
 * valid SSE with its characteristic quirks, the real openai SDK can read it, and scripting,
 * request checks, CORS, errors and cut streams behave as the app's e2e tests will rely on.
 */
import { expect, test } from "@playwright/test";
import OpenAI from "openai";
import { DIALECTS, type Dialect, type MockModel, startMockModel } from "./support/mock-model.ts";

/* eslint-disable @typescript-eslint/no-explicit-any -- chunks are untyped wire JSON */
type Frame = { event?: string; data?: string; comment?: string };
type Call = { id: string; name: string; arguments: string; extra?: unknown };

let model: MockModel;
test.beforeEach(async () => void (model = await startMockModel({ models: ["mock-model", "mock-large"] })));
test.afterEach(() => model.close());

const user = { role: "user" as const, content: "What is 6 * 7?" };
const chat = (body: object, headers: Record<string, string> = {}, signal?: AbortSignal) =>
  fetch(`${model.url}/chat/completions`, {
    method: "POST",
    signal,
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify({ model: "mock-model", ...body }),
  });

function parseSSE(text: string): Frame[] {
  expect(text.endsWith("\n\n"), "every SSE event ends with a blank line").toBe(true);
  return text
    .split("\n\n")
    .filter(Boolean)
    .map((block) => {
      const frame: Frame = {};
      for (const line of block.split("\n")) {
        const [, field, value] = /^(data|event|): ?(.*)$/.exec(line) ?? [];
        if (field === undefined) throw new Error(`not an SSE line: ${line}`);
        frame[(field || "comment") as keyof Frame] = value;
      }
      return frame;
    });
}

async function stream(body: object) {
  const res = await chat({ stream: true, ...body });
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toBe("text/event-stream");
  const frames = parseSSE(await res.text());
  const data = frames.flatMap((frame) => (frame.data === undefined ? [] : [frame.data]));
  const done = data.at(-1) === "[DONE]";
  const chunks = data.filter((d) => d !== "[DONE]").map((d) => JSON.parse(d));
  return { frames, chunks, done };
}

// What a robust client makes of a stream (PROVIDERS.md): calls keyed by index, else position;
// a new id at a used index is a new call; names overwrite only when non-empty.
function assemble(chunks: any[]) {
  let raw = "";
  let reasoning = "";
  let finish: string | null = null;
  const calls: Call[] = [];
  const open = new Map<number, Call>();
  for (const choice of chunks.map((chunk) => chunk.choices?.[0]).filter(Boolean)) {
    const delta = choice.delta ?? {};
    if (typeof delta.content === "string") raw += delta.content;
    for (const part of Array.isArray(delta.content) ? delta.content : []) {
      for (const t of part.thinking ?? []) reasoning += t.text;
    }
    reasoning += delta.reasoning ?? delta.reasoning_content ?? "";
    for (const [position, tc] of (delta.tool_calls ?? []).entries()) {
      const key = tc.index ?? position;
      let call = open.get(key);
      if (!call || (tc.id && call.id && tc.id !== call.id)) {
        call = { id: tc.id ?? "", name: "", arguments: "", extra: tc.extra_content };
        calls.push(call);
        open.set(key, call);
      }
      if (tc.function?.name) call.name = tc.function.name;
      call.arguments += tc.function?.arguments ?? "";
    }
    finish = choice.finish_reason ?? finish;
  }
  let content = raw;
  const tags = /^<(think|thought)>([\s\S]*?)<\/\1>\s*/.exec(content);
  if (tags) [reasoning, content] = [reasoning + tags[2], content.slice(tags[0].length)];
  for (const [, json] of content.matchAll(/<tool_call>(.*?)<\/tool_call>/gs)) {
    const parsed = JSON.parse(json);
    calls.push({ id: "", name: parsed.name, arguments: JSON.stringify(parsed.arguments) });
  }
  content = content.replace(/\s*<tool_call>.*?<\/tool_call>/gs, "");
  return { raw, content, reasoning, calls, finish };
}

const CALLS = [
  { name: "run_python", arguments: JSON.stringify({ code: "print(6 * 7)" }) },
  { name: "run_python", arguments: JSON.stringify({ code: 'import sys\nprint(sys.version, "ok")' }) },
];
const toolDeltas = (chunks: any[]): any[] => chunks.flatMap((c) => c.choices?.[0]?.delta?.tool_calls ?? []);
const deltas = (chunks: any[]): any[] => chunks.map((c) => c.choices?.[0]?.delta).filter(Boolean);
const has = (chunks: any[], field: string) => deltas(chunks).some((d) => typeof d[field] === "string" && d[field]);

type Got = ReturnType<typeof assemble>;
const SHAPE: Record<Dialect, (chunks: any[], got: Got) => void> = {
  openai(chunks, got) {
    const tds = toolDeltas(chunks);
    expect(deltas(chunks)[0]).toEqual({ role: "assistant", content: "", refusal: null });
    expect(tds[0]).toEqual({
      ...{ index: 0, id: expect.stringMatching(/^call_\w{24}$/), type: "function" },
      function: { name: "run_python", arguments: "" },
    });
    const later = tds.filter((td) => !td.id);
    expect(later.length).toBeGreaterThan(CALLS[0].arguments.length / 5);
    for (const td of later) expect(Object.keys(td).sort()).toEqual(["function", "index"]);
    expect([got.finish, has(chunks, "reasoning")]).toEqual(["tool_calls", true]);
  },
  ollama(chunks, got) {
    const tds = toolDeltas(chunks);
    expect(tds.map((td) => [td.index, td.function.arguments])).toEqual(CALLS.map((c) => [0, c.arguments]));
    expect(new Set(tds.map((td) => td.id)).size).toBe(2);
    expect(chunks.every((c) => c.system_fingerprint === "fp_ollama")).toBe(true);
    expect([got.finish, has(chunks, "reasoning")]).toEqual(["stop", true]);
  },
  gemini(chunks, got) {
    const withCalls = deltas(chunks).filter((d) => d.tool_calls);
    expect(withCalls).toHaveLength(1);
    for (const td of withCalls[0].tool_calls) {
      expect(td).not.toHaveProperty("index");
      expect(td.id).toBe("");
      expect(td.extra_content.google.thought_signature).toMatch(/^sig-/);
    }
    expect(got.raw.startsWith("<thought>")).toBe(true);
    expect(got.finish).toBe("stop");
  },
  vllm(chunks, got) {
    expect(deltas(chunks)[0]).toEqual({ role: "assistant", content: "" });
    const heads = toolDeltas(chunks).filter((td) => td.id);
    expect(heads.map((td) => td.id)).toEqual([expect.stringMatching(/^chatcmpl-tool-/), expect.any(String)]);
    for (const td of heads) expect(td.function).not.toHaveProperty("arguments");
    expect([got.finish, has(chunks, "reasoning")]).toEqual(["tool_calls", true]);
  },
  llamacpp(chunks, got) {
    const tds = toolDeltas(chunks);
    expect(tds.every((td) => td.id && td.id === got.calls[td.index].id)).toBe(true);
    expect(chunks.at(-1).timings).toBeDefined();
    expect([got.finish, has(chunks, "reasoning_content")]).toEqual(["tool_calls", true]);
  },
  lmstudio(chunks, got) {
    const later = toolDeltas(chunks).filter((td) => !td.id);
    expect(later.length).toBeGreaterThan(2);
    expect(later.every((td) => td.function.name === "")).toBe(true);
    expect([got.finish, has(chunks, "reasoning_content")]).toEqual(["tool_calls", true]);
  },
  litellm(chunks, got) {
    const tds = toolDeltas(chunks);
    expect(tds.every((td) => td.index === 0 && td.id)).toBe(true);
    expect(new Set(tds.map((td) => td.id)).size).toBe(2);
    expect([got.finish, has(chunks, "reasoning_content")]).toEqual(["tool_calls", true]);
  },
  mistral(chunks, got) {
    const tds = toolDeltas(chunks);
    expect(tds.map((td) => td.id)).toEqual([expect.stringMatching(/^[A-Za-z0-9]{9}$/), expect.any(String)]);
    expect(tds.map((td) => td.function.arguments)).toEqual(CALLS.map((c) => c.arguments));
    expect(deltas(chunks).some((d) => Array.isArray(d.content) && d.content[0].type === "thinking")).toBe(true);
    expect(chunks.at(-1).usage.total_tokens).toBeGreaterThan(0);
    expect(got.finish).toBe("tool_calls");
  },
  deepseek(chunks, got) {
    expect(got.calls.map((c) => c.id)).toEqual([
      expect.stringMatching(/^call_00_/),
      expect.stringMatching(/^call_01_/),
    ]);
    expect([got.finish, has(chunks, "reasoning_content")]).toEqual(["tool_calls", true]);
  },
  "think-tags"(chunks, got) {
    const pieces = deltas(chunks).map((d) => d.content);
    expect(pieces).toContain("<thi");
    expect(pieces.some((p) => p?.includes("<think>"))).toBe(false);
    expect(got.raw.startsWith("<think>Compute it in Python.</think>")).toBe(true);
  },
  "text-tool-calls"(chunks, got) {
    expect(toolDeltas(chunks)).toEqual([]);
    expect(got.raw).toContain('<tool_call>{"name":"run_python","arguments":{"code":"print(6 * 7)"}}</tool_call>');
    expect(got.finish).toBe("stop");
  },
};

for (const dialect of DIALECTS) {
  test(`${dialect}: a two-step tool exchange streams valid SSE in the dialect's shape`, async () => {
    model.script(
      [
        { reasoning: "Compute it in Python.", content: "Let me compute.", toolCalls: CALLS },
        (request) => {
          const results = request.body.messages.filter((m: any) => m.role === "tool").map((m: any) => m.content);
          if (!results.includes("42")) throw new Error(`tool result 42 not sent back: ${results}`);
          return { content: "The answer is 42." };
        },
      ],
      { dialect },
    );
    const first = await stream({ messages: [user] });
    expect(first.done).toBe(true);
    for (const chunk of first.chunks) {
      expect(chunk).toMatchObject({ id: expect.stringMatching(/^chatcmpl-/), object: "chat.completion.chunk" });
      expect([chunk.created, chunk.model, chunk.choices.length]).toEqual([expect.any(Number), "mock-model", 1]);
    }
    const got = assemble(first.chunks);
    expect(got.calls.map((c) => ({ name: c.name, arguments: c.arguments }))).toEqual(CALLS);
    expect([got.reasoning, got.content]).toEqual(["Compute it in Python.", "Let me compute."]);
    SHAPE[dialect](first.chunks, got);

    // Send the results back the way a careful client would: 9-char ids, reasoning and signatures kept.
    const ids = ["abcDEF123", "ghiJKL456"];
    const tool_calls = got.calls.map((c, i) => ({
      ...{ id: ids[i], type: "function", function: { name: c.name, arguments: c.arguments } },
      ...(c.extra ? { extra_content: c.extra } : {}),
    }));
    const assistant = { role: "assistant", content: got.content, reasoning_content: got.reasoning, tool_calls };
    const results = ids.map((id, i) => ({ role: "tool", tool_call_id: id, content: ["42", "3.12 ok"][i] }));
    const second = await stream({ messages: [user, assistant, ...results] });
    expect(assemble(second.chunks)).toMatchObject({ content: "The answer is 42.", calls: [], finish: "stop" });
    expect([model.failures(), model.pending(), model.requests().length]).toEqual([[], 0, 2]);
  });
}

test("the openai SDK reads every dialect's stream", async () => {
  const client = new OpenAI({ baseURL: model.url, apiKey: "test", maxRetries: 0 });
  for (const dialect of DIALECTS) {
    model.script([{ reasoning: "Hmm.", content: "Hi there.", toolCalls: CALLS }], { dialect });
    const stream = await client.chat.completions.create({ model: "mock-model", messages: [user], stream: true });
    const chunks = [];
    for await (const chunk of stream) chunks.push(chunk);
    const got = assemble(chunks);
    expect([got.content, got.calls.map((c) => c.arguments)], dialect).toEqual([
      "Hi there.",
      CALLS.map((c) => c.arguments),
    ]);
  }
});

test("a function turn sees the request; a failed check is a 500 naming it", async () => {
  model.script([
    (request) => {
      expect(request.body.messages).toEqual([user]);
      expect(request.path).toBe("/v1/chat/completions");
      return { content: "ok" };
    },
    () => {
      throw new Error("last tool message should contain 42");
    },
  ]);
  expect(assemble((await stream({ messages: [user] })).chunks).content).toBe("ok");
  expect(model.failures()).toEqual([]);
  const res = await chat({ stream: true, messages: [user] });
  expect([res.status, res.headers.get("x-should-retry")]).toEqual([500, "false"]);
  expect((await res.json()).error.message).toBe("mock model: check failed: last tool message should contain 42");
  expect(model.failures()).toEqual(["mock model: check failed: last tool message should contain 42"]);
  expect(model.requests()).toHaveLength(2);
});

test("an empty queue answers 500 so the test notices", async () => {
  model.script([{ content: "only one" }]);
  expect((await chat({ messages: [user] })).status).toBe(200);
  const res = await chat({ stream: true, messages: [user] });
  expect(res.status).toBe(500);
  expect((await res.json()).error.message).toBe("mock model: no scripted turn left");
  expect(model.failures()).toEqual(["mock model: no scripted turn left"]);
});

test("GET /v1/models lists the models", async () => {
  const res = await fetch(`${model.url}/models`, { headers: { origin: "http://localhost:4173" } });
  expect(res.headers.get("access-control-allow-origin")).toBe("http://localhost:4173");
  expect(await res.json()).toEqual({
    object: "list",
    data: ["mock-model", "mock-large"].map((id) => ({ id, object: "model", owned_by: "mock" })),
  });
});

test("CORS: preflights echo what was asked; Mistral refuses x-stainless headers", async () => {
  const preflight = (headers: string) =>
    fetch(`${model.url}/chat/completions`, {
      method: "OPTIONS",
      headers: {
        origin: "http://localhost:4173",
        "access-control-request-method": "POST",
        "access-control-request-headers": headers,
      },
    });
  const sdkHeaders = "authorization,content-type,x-stainless-lang,x-stainless-retry-count";
  const ok = await preflight(sdkHeaders);
  expect(ok.status).toBe(204);
  expect(Object.fromEntries([...ok.headers].filter(([name]) => name.startsWith("access-control")))).toEqual({
    "access-control-allow-origin": "http://localhost:4173",
    "access-control-allow-headers": sdkHeaders,
    "access-control-allow-methods": "GET, POST, OPTIONS",
    "access-control-allow-private-network": "true",
    "access-control-max-age": "600",
  });
  model.script([{ content: "hi" }], { dialect: "mistral" });
  const refused = await preflight(sdkHeaders);
  expect([refused.status, refused.headers.get("access-control-allow-origin")]).toEqual([400, null]);
  expect((await preflight("authorization,content-type")).status).toBe(204);
  const post = await chat({ messages: [user] }, { origin: "http://localhost:4173" });
  expect(post.headers.get("access-control-allow-origin")).toBe("http://localhost:4173");
});

test("provider request checks refuse without using up the turn", async () => {
  const refused = async (body: object) => {
    const res = await chat(body);
    return [res.status, await res.json()];
  };
  model.script([{ content: "fine" }], { dialect: "mistral" });
  const [status, body] = await refused({ messages: [user], stream: true, stream_options: { include_usage: true } });
  expect([status, body.message.detail[0].loc]).toEqual([422, ["body", "stream_options"]]);
  const call = (id: string) => ({ id, type: "function", function: { name: "run_python", arguments: "{}" } });
  const exchange = (id: string) => [
    user,
    { role: "assistant", tool_calls: [call(id)] },
    { role: "tool", tool_call_id: id, content: "1" },
  ];
  expect(await refused({ messages: exchange("call_abc") })).toEqual([400, expect.objectContaining({ code: "3280" })]);
  expect(await refused({ messages: [...exchange("abcDEF123"), user] })).toEqual([
    400,
    expect.objectContaining({ message: "Unexpected role 'user' after role 'tool'" }),
  ]);
  expect(model.pending()).toBe(1);
  expect((await chat({ messages: exchange("abcDEF123") })).status).toBe(200);

  model.script([{ reasoning: "Think.", toolCalls: [CALLS[0]] }, { content: "done" }], { dialect: "deepseek" });
  const developer = await refused({ messages: [{ role: "developer", content: "Be brief." }, user] });
  expect(developer[1].error.message).toContain("unknown variant `developer`");
  await stream({ messages: [user] });
  const missing = await refused({ messages: exchange("abcDEF123") });
  expect(missing).toEqual([
    400,
    { error: expect.objectContaining({ message: expect.stringMatching(/reasoning_content/) }) },
  ]);

  model.script([{ content: "done" }], { dialect: "gemini" });
  const [, unsigned] = await refused({ messages: exchange("") });
  expect(unsigned[0].error.status).toBe("INVALID_ARGUMENT");
  expect([model.pending(), model.failures()]).toEqual([1, []]);
});

test("in-stream errors come in each provider's shape", async () => {
  const client = new OpenAI({ baseURL: model.url, apiKey: "test", maxRetries: 0 });
  const shapes = ["openai", "openrouter", "vllm", "event"] as const;
  for (const shape of shapes) {
    model.script([{ content: "Hello there, world.", streamError: { after: 3, shape, message: "boom" } }]);
    const { frames, chunks, done } = await stream({ messages: [user] });
    expect(chunks.slice(0, 3).every((c) => c.object === "chat.completion.chunk" && !c.error)).toBe(true);
    expect(chunks.some((c) => c.choices?.[0]?.finish_reason && c.choices[0].finish_reason !== "error")).toBe(false);
    const last = chunks.at(-1);
    if (shape === "openai") expect(last).toEqual({ error: expect.objectContaining({ message: "boom" }) });
    if (shape === "openrouter") {
      expect(frames.filter((f) => f.comment === "OPENROUTER PROCESSING").length).toBeGreaterThan(0);
      expect([last.object, last.error.code, last.error.message]).toEqual(["chat.completion.chunk", 502, "boom"]);
    }
    if (shape === "vllm") expect([last, done]).toEqual([expect.objectContaining({ object: "error", code: 400 }), true]);
    if (shape === "event") expect(frames.at(-1)?.event).toBe("error");
    expect(done).toBe(shape === "vllm");
    // The SDK throws on every shape but vLLM's, which it hands over as a chunk.
    model.script([{ content: "Hello there, world.", streamError: { after: 3, shape, message: "boom" } }]);
    const read = async () => {
      for await (const chunk of await client.chat.completions.create({ model: "m", messages: [user], stream: true }))
        void chunk;
    };
    if (shape === "vllm") await read();
    else await expect(read(), shape).rejects.toThrow("boom");
  }
});

test("cutAfter ends the stream with no finish_reason and no [DONE]", async () => {
  model.script([{ content: "A long answer that gets cut.", toolCalls: [CALLS[0]], cutAfter: 5 }]);
  const { chunks, done } = await stream({ messages: [user] });
  expect([chunks.length, done]).toEqual([5, false]);
  expect(chunks.every((c) => c.choices[0].finish_reason === null)).toBe(true);
});

test("usage chunk on request, Azure preamble, non-streamed replies and scripted HTTP errors", async () => {
  model.script([
    { content: "Hi.", usage: { prompt_tokens: 7, completion_tokens: 2 }, azurePreamble: true },
    { reasoning: "Hmm.", content: "Hi.", toolCalls: [CALLS[0]], dialect: "deepseek" },
    {
      httpError: { status: 429, body: { error: { message: "slow down", code: 429 } }, headers: { "retry-after": "2" } },
    },
  ]);
  const { chunks } = await stream({ messages: [user], stream_options: { include_usage: true } });
  expect(chunks[0]).toMatchObject({ choices: [], prompt_filter_results: [expect.any(Object)] });
  expect(chunks.at(-1)).toMatchObject({
    choices: [],
    usage: { prompt_tokens: 7, completion_tokens: 2, total_tokens: 9 },
  });
  const plain = await (await chat({ messages: [user] })).json();
  expect(plain).toMatchObject({ object: "chat.completion", choices: [{ finish_reason: "tool_calls" }] });
  expect(plain.choices[0].message).toMatchObject({
    content: "Hi.",
    reasoning_content: "Hmm.",
    tool_calls: [CALLS[0]].map((c) => ({ type: "function", function: c })),
  });
  const error = await chat({ messages: [user] });
  expect([error.status, error.headers.get("retry-after"), await error.json()]).toEqual([
    429,
    "2",
    { error: { message: "slow down", code: 429 } },
  ]);
});

test("chunkDelayMs paces the stream and a client hang-up is recorded", async () => {
  model.script([{ content: "x".repeat(300), chunkDelayMs: 20 }]);
  const abort = new AbortController();
  const started = Date.now();
  const res = await chat({ stream: true, messages: [user] }, {}, abort.signal);
  const reader = res.body!.getReader();
  for (let i = 0; i < 3; i++) await reader.read();
  abort.abort();
  await expect.poll(() => model.requests()[0].aborted).toBe(true);
  // 100 chunks at 20 ms would take 2 s; the server stopped early instead.
  expect(Date.now() - started).toBeGreaterThan(30);
  expect(Date.now() - started).toBeLessThan(1500);
});
