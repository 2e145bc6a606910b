/**
 * One streamed chat-completion turn, assembled from the raw chunks that
 * `client.chat.completions.create({ stream: true })` yields. Chunks are read as `unknown`: every
 * dialect in ../shared/PROVIDERS.md ("Streaming tool calls", "Reasoning") bends the official
 * shape somewhere, and the SDK's `.stream()` helper breaks on several of them.
 *
 * Contract:
 * - `push(chunk)` returns what to show live and never throws on an odd chunk; it throws a
 *   `StreamError` when the chunk is an error that arrived inside the 200 stream.
 * - `finish()` may be called at any time — also after the iteration threw or the user stopped —
 *   and returns what arrived. No finish_reason at all means the connection was cut: the turn is
 *   `interrupted`, and its tool calls may be incomplete, so they must not be run.
 * - Whether the model called tools is `toolCalls.length > 0`, never finish_reason (Gemini and
 *   vLLM say "stop" after streaming calls).
 */
import { ThinkSplitter, type ThinkParts } from "./stream-think";
import { isRecord, ToolCallAccumulator, type ToolCall } from "./stream-tool-calls";

export type { ToolCall } from "./stream-tool-calls";
// The loop reads a finished turn with these two; they live in their own modules for size.
export { parseArguments, type ParsedArguments } from "./tool-arguments";
export { parseTextToolCalls, type TextToolCalls } from "./tool-call-text";

export interface Usage {
  promptTokens?: number;
  completionTokens?: number;
  totalTokens?: number;
}

export interface AssembledTurn {
  /** The answer text, with `<think>…</think>` removed. */
  content: string;
  /** From reasoning_content, reasoning, reasoning_details[].text|summary and `<think>` blocks. */
  reasoning: string;
  /** Complete calls in the order they started; ids and names are never empty. */
  toolCalls: ToolCall[];
  finishReason: string | null;
  usage: Usage | null;
  /**
   * Fields of the assistant message to send back verbatim on later requests, as received:
   * `reasoning_content` (DeepSeek thinking mode needs it on turns that called tools; llama.cpp
   * and LM Studio accept it), `reasoning_details` (OpenRouter), `extra_content` (Gemini 3).
   * Per-call fields are on each `ToolCall.echo`. Plain `reasoning` is not kept: nobody requires it.
   */
  echo: Record<string, unknown>;
  /** The stream ended with no finish_reason (cut connection): keep what arrived, say so, offer a retry. */
  interrupted: boolean;
}

/** What to show live. */
export interface StreamDelta {
  content?: string;
  reasoning?: string;
  /** The answer shown so far was reasoning after all (a `</think>` with no opening tag): clear it. */
  resetContent?: true;
}

/** An error object that arrived inside a 200 stream; `body` is the chunk as received. */
export class StreamError extends Error {
  override readonly name = "StreamError";

  constructor(readonly body: unknown) {
    super(errorText(body));
  }
}

export interface AssemblerOptions {
  /** Id for calls that came without one (tests pass a deterministic one). */
  newId?: () => string;
}

export class StreamAssembler {
  private content = "";
  private reasoning = "";
  private reasoningContent: string | undefined;
  private readonly reasoningDetails: Record<string, unknown>[] = [];
  private extraContent: unknown;
  private finishReason: string | null = null;
  private usage: Usage | null = null;
  private readonly think = new ThinkSplitter();
  private readonly thought = new ThinkSplitter("<thought>", "</thought>");
  private readonly calls: ToolCallAccumulator;
  private flushed = false;

  constructor(options: AssemblerOptions = {}) {
    this.calls = new ToolCallAccumulator(options.newId);
  }

  push(chunk: unknown): StreamDelta {
    if (!isRecord(chunk)) return {};
    const choice = firstChoice(chunk.choices);
    // OpenAI and llama.cpp send {"error": …}, OpenRouter a top-level `error` (and finish_reason
    // "error") on an otherwise normal chunk, vLLM {"object": "error", …} — which the SDK yields,
    // as it does the bare {"message": …} of an `event: error` (never a chunk: those have choices).
    const bareMessage = !("choices" in chunk) && typeof chunk.message === "string";
    if (Boolean(chunk.error) || chunk.object === "error" || choice?.finish_reason === "error" || bareMessage) {
      throw new StreamError(chunk);
    }
    this.readUsage(chunk);
    if (!choice) return {};
    if (typeof choice.finish_reason === "string" && choice.finish_reason !== "") {
      this.finishReason = choice.finish_reason;
    }
    // Azure's content-filter chunks have no delta; a few proxies put a whole `message` in a chunk.
    const delta = isRecord(choice.delta) ? choice.delta : isRecord(choice.message) ? choice.message : null;
    return delta ? this.readDelta(delta) : {};
  }

  finish(): AssembledTurn {
    if (!this.flushed) {
      this.flushed = true;
      this.take(this.splitTags(null), {});
    }
    const echo: Record<string, unknown> = {};
    if (this.reasoningContent) echo.reasoning_content = this.reasoningContent;
    if (this.reasoningDetails.length > 0) echo.reasoning_details = this.reasoningDetails;
    if (this.extraContent != null) echo.extra_content = this.extraContent;
    return {
      // Only whole blank lines go: what separated `</think>` or reasoning from the answer.
      content: this.content.replace(/^(?:[^\S\n]*\n)+/, "").trimEnd(),
      reasoning: this.reasoning.trim(),
      toolCalls: this.calls.finish(),
      finishReason: this.finishReason,
      usage: this.usage,
      echo,
      interrupted: this.finishReason === null,
    };
  }

  private readDelta(delta: Record<string, unknown>): StreamDelta {
    const live: StreamDelta = {};
    this.readReasoning(delta, live);
    const content = delta.content;
    if (typeof content === "string") this.take(this.splitTags(content), live);
    else if (Array.isArray(content)) this.readContentParts(content, live);
    if (typeof delta.refusal === "string") this.take({ content: delta.refusal, reasoning: "" }, live);
    if (Array.isArray(delta.tool_calls)) this.calls.pushToolCalls(delta.tool_calls);
    if (isRecord(delta.function_call)) this.calls.pushFunctionCall(delta.function_call);
    if (delta.extra_content != null) this.extraContent = delta.extra_content;
    return live;
  }

  /**
   * One chunk's reasoning comes from the first field that has text: OpenRouter sends the same
   * text in `reasoning` and `reasoning_details`, and adding both would show it twice.
   */
  private readReasoning(delta: Record<string, unknown>, live: StreamDelta) {
    const { reasoning_content, reasoning, reasoning_details } = delta;
    if (typeof reasoning_content === "string")
      this.reasoningContent = (this.reasoningContent ?? "") + reasoning_content;
    let detailsText = "";
    if (Array.isArray(reasoning_details)) {
      for (const item of reasoning_details) {
        if (!isRecord(item)) continue;
        detailsText += typeof item.text === "string" ? item.text : typeof item.summary === "string" ? item.summary : "";
        this.mergeDetail(item);
      }
    }
    const text = [reasoning_content, reasoning, detailsText].find((x) => typeof x === "string" && x !== "");
    if (typeof text === "string") this.take({ content: "", reasoning: text }, live);
  }

  /** OpenRouter streams each reasoning_details entry in pieces sharing an `index`: join them back. */
  private mergeDetail(item: Record<string, unknown>) {
    const same =
      typeof item.index === "number" &&
      this.reasoningDetails.find((d) => d.index === item.index && d.type === item.type);
    if (!same) {
      this.reasoningDetails.push({ ...item });
      return;
    }
    for (const [key, value] of Object.entries(item)) {
      if (["text", "summary", "data"].includes(key) && typeof value === "string") {
        same[key] = (typeof same[key] === "string" ? same[key] : "") + value;
      } else if (value != null) same[key] = value;
    }
  }

  /** Mistral's Magistral streams `content` as parts: {type: "thinking", thinking: [...]} and {type: "text", text}. */
  private readContentParts(parts: unknown[], live: StreamDelta) {
    for (const part of parts) {
      if (!isRecord(part)) continue;
      if (part.type === "text" && typeof part.text === "string") this.take(this.splitTags(part.text), live);
      if (part.type === "thinking") this.take({ content: "", reasoning: partsText(part.thinking) }, live);
    }
  }

  /** Content through both tag splitters: `<think>` first, then `<thought>`; null flushes them. */
  private splitTags(text: string | null): ThinkParts {
    const first = text === null ? this.think.flush() : this.think.push(text);
    const second = this.thought.push(first.content);
    const rest = text === null ? this.thought.flush() : { content: "", reasoning: "" };
    return {
      content: second.content + rest.content,
      reasoning: first.reasoning + second.reasoning + rest.reasoning,
      ...(first.retract || second.retract ? { retract: true as const } : {}),
    };
  }

  private take(parts: ThinkParts, live: StreamDelta) {
    if (parts.retract) {
      this.content = "";
      live.content = "";
      live.resetContent = true;
    }
    if (parts.content) {
      this.content += parts.content;
      live.content = (live.content ?? "") + parts.content;
    }
    if (parts.reasoning) {
      this.reasoning += parts.reasoning;
      live.reasoning = (live.reasoning ?? "") + parts.reasoning;
    }
  }

  private readUsage(chunk: Record<string, unknown>) {
    // Usage comes on the last chunk (with `choices: []` when include_usage was asked), on every
    // chunk cumulatively (vLLM's continuous stats), or under `x_groq` (Groq): the latest wins.
    const raw = isRecord(chunk.usage) ? chunk.usage : isRecord(chunk.x_groq) ? chunk.x_groq.usage : undefined;
    if (!isRecord(raw)) return;
    const usage: Usage = {};
    if (typeof raw.prompt_tokens === "number") usage.promptTokens = raw.prompt_tokens;
    if (typeof raw.completion_tokens === "number") usage.completionTokens = raw.completion_tokens;
    if (typeof raw.total_tokens === "number") usage.totalTokens = raw.total_tokens;
    if (Object.keys(usage).length > 0) this.usage = usage;
  }
}

/** The choice to follow: the one at index 0, or one without an index (we never ask for n > 1). */
function firstChoice(choices: unknown): Record<string, unknown> | undefined {
  if (!Array.isArray(choices)) return undefined;
  const records = choices.filter(isRecord);
  return records.find((choice) => choice.index === 0) ?? records.find((choice) => typeof choice.index !== "number");
}

function partsText(value: unknown): string {
  if (typeof value === "string") return value;
  if (!Array.isArray(value)) return "";
  return value.map((part) => (isRecord(part) && typeof part.text === "string" ? part.text : "")).join("");
}

function errorText(body: unknown): string {
  if (isRecord(body)) {
    const inner = isRecord(body.error) ? body.error : body;
    if (typeof inner.message === "string" && inner.message !== "") return inner.message;
    if (typeof body.error === "string" && body.error !== "") return body.error;
  }
  return "The model endpoint reported an error during the answer.";
}
