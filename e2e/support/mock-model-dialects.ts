// Dialects of the OpenAI-compatible chat format, as the real servers in /work/shared/PROVIDERS.md
// speak it: how a scripted Reply becomes streamed chunk deltas (or one non-streamed message),
// and which requests a provider refuses. Pure functions; the HTTP side lives in mock-model.ts.

export const DIALECTS = [
  ...["openai", "ollama", "gemini", "vllm", "llamacpp", "lmstudio", "litellm"],
  ...["mistral", "deepseek", "think-tags", "text-tool-calls"],
] as const;
export type Dialect = (typeof DIALECTS)[number];

export interface Reply {
  /** Answer text, streamed in several chunks. */
  content?: string;
  /** Streamed wherever the dialect puts reasoning (a field, `<think>` tags, Mistral thinking parts). */
  reasoning?: string;
  /** e.g. [{ name: "run_python", arguments: JSON.stringify({ code }) }] */
  toolCalls?: { name: string; arguments: string }[];
  usage?: { prompt_tokens: number; completion_tokens: number };
  /** Overrides the server default for this reply. */
  dialect?: Dialect;
  /** Fail instead: an HTTP error with the given status and body (objects as JSON, strings as sent). */
  httpError?: { status: number; body: unknown; headers?: Record<string, string> };
  /** After these many chunks, send an in-stream error in this shape, then end. */
  streamError?: { after: number; shape: "openai" | "openrouter" | "vllm" | "event"; message?: string };
  /** End the stream after this many chunks with no finish_reason and no [DONE] (a cut connection). */
  cutAfter?: number;
  /** Delay between chunks, ms (lets a test press Stop mid-stream). */
  chunkDelayMs?: number;
  /** Azure OpenAI's opening chunk: `choices: []` plus `prompt_filter_results`. */
  azurePreamble?: boolean;
}

/** One streamed chunk before the envelope (id, object, created, model) is put around it. */
export interface Piece {
  delta: Record<string, unknown>;
  finish_reason?: string | null;
  /** Top-level fields beside `choices` (llama.cpp timings, Ollama's fingerprint, usage). */
  extra?: Record<string, unknown>;
}

export interface Rejection {
  status: number;
  body: unknown;
}

type Call = { name: string; arguments: string };

const ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
export function randomId(length: number, alphabet = ALNUM): string {
  let id = "";
  for (let i = 0; i < length; i++) id += alphabet[Math.floor(Math.random() * alphabet.length)];
  return id;
}

function split(text: string, size: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out;
}

// Each server's own id format, so a client that validates or reuses ids meets the real variety.
const CALL_ID: Record<Dialect, (i: number) => string> = {
  openai: () => "call_" + randomId(24),
  ollama: () => "call_" + randomId(8, "abcdefghijklmnopqrstuvwxyz0123456789"),
  gemini: () => "",
  vllm: () => "chatcmpl-tool-" + randomId(32, "0123456789abcdef"),
  llamacpp: () => randomId(32),
  lmstudio: () => randomId(9, "0123456789"),
  litellm: () => "call_" + randomId(22),
  mistral: () => randomId(9),
  deepseek: (i) => `call_${String(i).padStart(2, "0")}_` + randomId(24),
  "think-tags": () => "call_" + randomId(24),
  "text-tool-calls": () => "",
};

const REASONING_FIELD: Partial<Record<Dialect, string>> = {
  openai: "reasoning", // as OpenRouter relays it; OpenAI itself streams no reasoning here
  ollama: "reasoning",
  vllm: "reasoning",
  llamacpp: "reasoning_content",
  lmstudio: "reasoning_content",
  litellm: "reasoning_content",
  deepseek: "reasoning_content",
  "text-tool-calls": "reasoning_content",
};

// Characters per content chunk: token-sized for most servers, sentence-sized for Gemini.
const PIECE: Partial<Record<Dialect, number>> = { gemini: 40, ollama: 5, llamacpp: 4, mistral: 4, "think-tags": 4 };
const ARG_PIECE = 4;

// Text as it appears in `content`: reasoning inside tags for the dialects that inline it,
// tool calls written out for models without a tool parser.
function visibleText(dialect: Dialect, reply: Reply): string {
  let text = reply.content ?? "";
  if (reply.reasoning && dialect === "think-tags") text = `<think>${reply.reasoning}</think>\n\n${text}`;
  if (reply.reasoning && dialect === "gemini") text = `<thought>${reply.reasoning}</thought>${text}`;
  if (dialect === "text-tool-calls") {
    for (const call of reply.toolCalls ?? []) {
      let args: unknown = call.arguments;
      try {
        args = JSON.parse(call.arguments);
      } catch {
        // Keep broken arguments as a string: that is what a confused model writes too.
      }
      text += `${text ? "\n" : ""}<tool_call>${JSON.stringify({ name: call.name, arguments: args })}</tool_call>`;
    }
  }
  return text;
}

function finishReason(dialect: Dialect, reply: Reply): string {
  const structured = (reply.toolCalls?.length ?? 0) > 0 && dialect !== "text-tool-calls";
  // Ollama and Gemini say "stop" even after streaming tool calls.
  return structured && dialect !== "ollama" && dialect !== "gemini" ? "tool_calls" : "stop";
}

const thinkingPart = (text: string) => [{ type: "thinking", thinking: [{ type: "text", text }] }];
const signature = () => ({ google: { thought_signature: "sig-" + randomId(24) } });

// OpenAI-style incremental call: a header with id and name, then argument fragments whose shape
// is where the servers differ.
function splitCall(dialect: Dialect, call: Call, position: number, id: string): Piece[] {
  const index = dialect === "litellm" ? 0 : position;
  const fn: Record<string, unknown> = { name: call.name, arguments: "" };
  if (dialect === "vllm") delete fn.arguments; // vLLM's first tool chunk has no arguments key
  const later = (args: string): Record<string, unknown> => {
    if (dialect === "llamacpp") return { index, id, type: "function", function: { arguments: args } };
    if (dialect === "litellm") return { index, id, type: "function", function: { name: null, arguments: args } };
    if (dialect === "lmstudio") return { index, type: "function", function: { name: "", arguments: args } };
    return { index, function: { arguments: args } };
  };
  return [
    { delta: { tool_calls: [{ index, id, type: "function", function: fn }] } },
    ...split(call.arguments, ARG_PIECE).map((args) => ({ delta: { tool_calls: [later(args)] } })),
  ];
}

function toolCallPieces(dialect: Dialect, calls: Call[], ids: string[]): Piece[] {
  const whole = (call: Call) => ({ name: call.name, arguments: call.arguments });
  switch (dialect) {
    case "text-tool-calls":
      return [];
    case "ollama": // one chunk per call, every one at index 0
      return calls.map((call, i) => ({
        delta: { content: "", tool_calls: [{ id: ids[i], index: 0, type: "function", function: whole(call) }] },
      }));
    case "gemini": // all calls in one chunk, no index, empty ids
      return [
        {
          delta: {
            tool_calls: calls.map((call) => ({
              id: "",
              type: "function",
              function: whole(call),
              extra_content: signature(),
            })),
          },
        },
      ];
    case "mistral":
      return [
        {
          delta: { content: "", tool_calls: calls.map((call, i) => ({ id: ids[i], function: whole(call), index: i })) },
        },
      ];
    default:
      return calls.flatMap((call, i) => splitCall(dialect, call, i, ids[i]));
  }
}

/** The chunk deltas a server of this dialect streams for the reply, finish chunk last. */
export function streamPieces(dialect: Dialect, reply: Reply): Piece[] {
  const calls = reply.toolCalls ?? [];
  const ids = calls.map((_, i) => CALL_ID[dialect](i));
  const size = PIECE[dialect] ?? 3;
  const pieces: Piece[] = [];
  const field = REASONING_FIELD[dialect];
  if (dialect === "openai") pieces.push({ delta: { role: "assistant", content: "", refusal: null } });
  else if (dialect === "llamacpp") pieces.push({ delta: { role: "assistant", content: null } });
  else if (dialect !== "ollama" && dialect !== "gemini") pieces.push({ delta: { role: "assistant", content: "" } });
  for (const text of split(reply.reasoning ?? "", size)) {
    if (field) pieces.push({ delta: { [field]: text } });
    else if (dialect === "mistral") pieces.push({ delta: { content: thinkingPart(text) } });
  }
  for (const text of split(visibleText(dialect, reply), size)) pieces.push({ delta: { content: text } });
  pieces.push(...toolCallPieces(dialect, calls, ids));
  const last: Piece = { delta: {}, finish_reason: finishReason(dialect, reply) };
  if (dialect === "llamacpp") last.extra = { timings: { prompt_n: 12, predicted_n: 34, predicted_per_second: 42.0 } };
  pieces.push(last);
  // Ollama and Gemini repeat the role on every delta; Ollama stamps a fingerprint on every chunk.
  if (dialect === "ollama" || dialect === "gemini") {
    for (const piece of pieces) piece.delta = { role: "assistant", ...piece.delta };
  }
  if (dialect === "ollama") for (const piece of pieces) piece.extra = { system_fingerprint: "fp_ollama" };
  return pieces;
}

/** The non-streamed `choices[0]` for the reply. */
export function completionChoice(dialect: Dialect, reply: Reply) {
  const calls = reply.toolCalls ?? [];
  const text = visibleText(dialect, reply);
  const message: Record<string, unknown> = { role: "assistant", content: text || (calls.length ? null : "") };
  const field = REASONING_FIELD[dialect];
  if (reply.reasoning && field) message[field] = reply.reasoning;
  if (reply.reasoning && dialect === "mistral")
    message.content = [...thinkingPart(reply.reasoning), { type: "text", text }];
  if (calls.length && dialect !== "text-tool-calls") {
    message.tool_calls = calls.map((call, i) => ({
      id: CALL_ID[dialect](i),
      type: "function",
      function: { name: call.name, arguments: call.arguments },
      ...(dialect === "gemini" ? { extra_content: signature() } : {}),
    }));
  }
  return { index: 0, message, logprobs: null, finish_reason: finishReason(dialect, reply) };
}

// Request checks some providers enforce, with their own error bodies. Mistral's schema forbids
// unknown fields (FastAPI 422) and its tool-call rules are 400s.
const MISTRAL_PARAMS = new Set(
  (
    "model messages temperature top_p max_tokens stream stop random_seed response_format tools tool_choice " +
    "presence_penalty frequency_penalty n prediction parallel_tool_calls prompt_mode safe_prompt"
  ).split(" "),
);
// Only the fields the checks read.
type Message = {
  role?: string;
  tool_call_id?: string;
  reasoning_content?: string;
  tool_calls?: { id?: string; extra_content?: { google?: { thought_signature?: string } } }[];
};

const mistral = (status: number, message: unknown, code: string | null = null): Rejection => ({
  status,
  body: { object: "error", message, type: "invalid_request_message_error", param: null, code },
});
const deepseek = (message: string): Rejection => ({
  status: 400,
  body: { error: { message, type: "invalid_request_error", param: null, code: "invalid_request_error" } },
});
// Gemini's compat endpoint wraps its errors in an array.
const gemini = (message: string): Rejection => ({
  status: 400,
  body: [{ error: { code: 400, message, status: "INVALID_ARGUMENT" } }],
});

/**
 * Why this dialect's server would refuse the request, or null. `thinking` says the mock has
 * sent DeepSeek reasoning with tool calls, so (as in thinking mode) it must come back.
 */
export function checkRequest(dialect: Dialect, body: Record<string, unknown>, thinking: boolean): Rejection | null {
  const messages: Message[] = Array.isArray(body.messages) ? body.messages : [];
  if (dialect === "mistral") {
    const extra = Object.keys(body).find((key) => !MISTRAL_PARAMS.has(key));
    if (extra) {
      const detail = [{ type: "extra_forbidden", loc: ["body", extra], msg: "Extra inputs are not permitted" }];
      return mistral(422, { detail: detail.map((d) => ({ ...d, input: body[extra] })) });
    }
    for (const [i, message] of messages.entries()) {
      const ids = [...(message.tool_calls ?? []).map((call) => call.id), message.tool_call_id];
      const bad = ids.find((id) => id !== undefined && !/^[A-Za-z0-9]{9}$/.test(String(id)));
      if (bad !== undefined)
        return mistral(400, `Tool call id was ${bad} but must be a-z, A-Z, 0-9, with a length of 9.`, "3280");
      if (message.role === "user" && messages[i - 1]?.role === "tool")
        return mistral(400, "Unexpected role 'user' after role 'tool'", "3230");
    }
  }
  if (dialect === "deepseek") {
    const developer = messages.findIndex((message) => message.role === "developer");
    if (developer >= 0)
      return deepseek(
        `Failed to deserialize the JSON body into the target type: messages[${developer}]: unknown variant ` +
          "`developer`, expected one of `system`, `user`, `assistant`, `tool`",
      );
    const on =
      thinking || /reasoner/.test(String(body.model)) || (body.thinking as { type?: string })?.type === "enabled";
    const missing = messages.findIndex((m) => m.role === "assistant" && m.tool_calls?.length && !m.reasoning_content);
    if (on && missing >= 0)
      return deepseek(`Missing \`reasoning_content\` field in the assistant message at message index ${missing}.`);
  }
  if (dialect === "gemini") {
    if ("parallel_tool_calls" in body)
      return gemini('Invalid JSON payload received. Unknown name "parallel_tool_calls"');
    // Gemini 3 wants the signature back on every function call of the current turn.
    const turnStart = messages.findLastIndex((message) => message.role === "user");
    const unsigned = messages
      .slice(turnStart + 1)
      .some((m) => m.role === "assistant" && m.tool_calls?.some((c) => !c.extra_content?.google?.thought_signature));
    if (unsigned) return gemini("Function call is missing a thought_signature in functionCall parts.");
  }
  return null;
}

/** Mistral's CORS preflight refuses the OpenAI SDK's `x-stainless-*` headers. */
export function rejectsPreflight(dialect: Dialect, requestedHeaders: string): boolean {
  return dialect === "mistral" && /(^|,)\s*x-stainless-/i.test(requestedHeaders);
}
