/**
 * The fallback for local models that write tool calls as text instead of structured calls
 * (PROVIDERS.md: Ollama, llama.cpp, vLLM and LM Studio when their tool parser doesn't match the
 * model). Run it on the final content only when no structured call came.
 *
 * Recognised, in this order (the first form that yields a call wins):
 * - `<tool_call>{"name": …, "arguments": …}</tool_call>`, one or several (Hermes, Qwen), also
 *   with Qwen3-Coder's XML inside (`<function=name><parameter=key>value</parameter></function>`);
 * - `[TOOL_CALLS][{"name": …, "arguments": …}]` and `[TOOL_CALLS]name[ARGS]{…}` (Mistral);
 * - `<function=name>{…}</function>` (Llama 3.1's own format; also what Groq returns as the
 *   `failed_generation` of a call it could not read, sometimes without the `>`);
 * - the whole content as one JSON object (or array of them) with "name" and "arguments" or
 *   "parameters" (Llama 3), possibly in a ```json fence or after `<|python_tag|>`.
 * - code after `<|python_tag|>` that is not JSON (Llama 3.1's built-in code interpreter): a call
 *   of the first of `toolNames`, the code tool, with that code.
 * Only names in `toolNames` count; markup that doesn't parse stays in the text. Returns null when
 * nothing parses, and the caller shows the content as the answer.
 */
import { isRecord, newToolCallId, type ToolCall } from "./stream-tool-calls";
import { jsonValueEnd, parseLooseJson, stripFence } from "./tool-arguments";

export interface TextToolCalls {
  calls: ToolCall[];
  /** The content with the call markup removed. */
  text: string;
}

interface Found {
  start: number;
  end: number;
  calls: ToolCall[];
}

export function parseTextToolCalls(content: string, toolNames: string[]): TextToolCalls | null {
  const names = new Set(toolNames);
  for (const find of [findTaggedCalls, findMistralCalls, findLlamaCalls]) {
    const found = find(content, names);
    if (found.length > 0) return { calls: found.flatMap((f) => f.calls), text: cut(content, found) };
  }
  const tagged = content.trim().startsWith("<|python_tag|>");
  const bare = stripFence(
    content
      .trim()
      .replace(/^<\|python_tag\|>/, "")
      .trim(),
  );
  if (!bare.startsWith("{") && !bare.startsWith("[")) {
    if (!tagged || !bare) return null;
    return {
      calls: [{ id: newToolCallId(), name: toolNames[0], arguments: JSON.stringify({ code: bare }) }],
      text: "",
    };
  }
  const calls = callsFrom(parseLooseJson(bare), names);
  return calls.length > 0 ? { calls, text: "" } : null;
}

function findTaggedCalls(content: string, names: Set<string>): Found[] {
  const found: Found[] = [];
  // A missing close tag at the very end happens when the model stops right after the call.
  for (const match of content.matchAll(/<tool_call>([\s\S]*?)(?:<\/tool_call>|$)/g)) {
    const inner = match[1].trim();
    const calls = inner.startsWith("<function=") ? xmlCalls(inner, names) : callsFrom(parseLooseJson(inner), names);
    if (calls.length > 0) found.push({ start: match.index, end: match.index + match[0].length, calls });
  }
  return found;
}

/** Qwen3-Coder: `<function=run_python><parameter=code>print(1)</parameter></function>`. */
function xmlCalls(inner: string, names: Set<string>): ToolCall[] {
  const calls: ToolCall[] = [];
  for (const fn of inner.matchAll(/<function=([^>\s]+)>([\s\S]*?)(?:<\/function>|$)/g)) {
    if (!names.has(fn[1])) continue;
    const args: Record<string, unknown> = {};
    for (const param of fn[2].matchAll(/<parameter=([^>\s]+)>\n?([\s\S]*?)\n?(?:<\/parameter>|$)/g)) {
      args[param[1]] = param[2];
    }
    calls.push({ id: newToolCallId(), name: fn[1], arguments: JSON.stringify(args) });
  }
  return calls;
}

function findMistralCalls(content: string, names: Set<string>): Found[] {
  const found: Found[] = [];
  const marker = /\[TOOL_CALLS\]\s*(?:([A-Za-z0-9_.-]+)\s*(?:\[CALL_ID\]\s*[A-Za-z0-9]+\s*)?\[ARGS\]\s*)?/g;
  for (const match of content.matchAll(marker)) {
    const valueStart = match.index + match[0].length;
    if (content[valueStart] !== "{" && content[valueStart] !== "[") continue;
    const closed = jsonValueEnd(content, valueStart);
    const end = closed < 0 ? content.length : closed;
    const value = parseLooseJson(content.slice(valueStart, end));
    // `[TOOL_CALLS]name[ARGS]{…}` (Mistral's newer tokenizers) carries the arguments alone.
    const calls = match[1] ? callsFrom({ name: match[1], arguments: value }, names) : callsFrom(value, names);
    if (calls.length > 0) found.push({ start: match.index, end, calls });
  }
  return found;
}

function findLlamaCalls(content: string, names: Set<string>): Found[] {
  const found: Found[] = [];
  for (const match of content.matchAll(/<function=([A-Za-z0-9_.-]+)>?\s*/g)) {
    const valueStart = match.index + match[0].length;
    if (!names.has(match[1]) || content[valueStart] !== "{") continue;
    const closed = jsonValueEnd(content, valueStart);
    const valueEnd = closed < 0 ? content.length : closed;
    const value = parseLooseJson(content.slice(valueStart, valueEnd));
    const calls = callsFrom({ name: match[1], arguments: value }, names);
    const close = /^\s*<\/function>/.exec(content.slice(valueEnd));
    if (calls.length > 0) found.push({ start: match.index, end: valueEnd + (close?.[0].length ?? 0), calls });
  }
  return found;
}

/** A call object (or an array of them) as models write it; unknown tools and odd shapes give nothing. */
function callsFrom(value: unknown, names: Set<string>): ToolCall[] {
  if (Array.isArray(value)) return value.flatMap((item) => callsFrom(item, names));
  if (!isRecord(value)) return [];
  const call = isRecord(value.function) ? value.function : value;
  if (typeof call.name !== "string" || !names.has(call.name)) return [];
  const args = call.arguments ?? call.parameters ?? {};
  if (typeof args !== "string" && !isRecord(args)) return [];
  return [{ id: newToolCallId(), name: call.name, arguments: typeof args === "string" ? args : JSON.stringify(args) }];
}

/** The content without the found ranges, with the blank lines they leave closed up. */
function cut(content: string, found: Found[]): string {
  let text = "";
  let at = 0;
  for (const { start, end } of found) {
    text += content.slice(at, start);
    at = end;
  }
  text += content.slice(at);
  return text.replace(/\n{3,}/g, "\n\n").trim();
}
