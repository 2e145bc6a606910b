/**
 * Tool-call arguments as the model wrote them, turned into an object — or into a short one-line
 * reason (the JSON parser's own words) that the loop sends back to the model as the tool's
 * error, so it can try again.
 *
 * The repair is deliberately light (PROVIDERS.md: vLLM's hermes parser drops the closing `}`;
 * local models leave raw newlines in code strings, trailing commas, code fences, one extra `}`).
 * It never guesses at content: it only escapes, closes and removes punctuation.
 */

export type ParsedArguments = { ok: true; value: Record<string, unknown> } | { ok: false; error: string };

export function parseArguments(raw: string): ParsedArguments {
  const text = stripFence(raw.trim());
  if (text === "") return { ok: true, value: {} };
  let firstError = "";
  try {
    return asObject(JSON.parse(text));
  } catch (error) {
    firstError = oneLine(error instanceof Error ? error.message : String(error));
  }
  const repaired = tryParse(repairJson(text));
  if (repaired.ok) return asObject(repaired.value);
  return { ok: false, error: firstError };
}

/** JSON.parse, then the light repair; `undefined` when neither gives a value. */
export function parseLooseJson(text: string): unknown {
  const direct = tryParse(text);
  if (direct.ok) return direct.value;
  const repaired = tryParse(repairJson(text));
  return repaired.ok ? repaired.value : undefined;
}

/**
 * Fixes what truncation and sloppy writing leave behind, in one pass that knows where strings
 * are (so code inside a string is never touched, except raw control characters, which are
 * never valid there): escapes raw newlines and tabs in strings, drops trailing commas, drops
 * extra closing brackets after the value, and closes an unclosed string and open brackets.
 */
export function repairJson(text: string): string {
  let out = "";
  const closers: string[] = [];
  let inString = false;
  let escaped = false;
  const trailingComma = /\s*(?:[}\]]|$)/y;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (inString) {
      if (escaped) escaped = false;
      else if (ch === "\\") escaped = true;
      else if (ch === '"') inString = false;
      out += ch === "\n" ? "\\n" : ch === "\r" ? "\\r" : ch === "\t" ? "\\t" : ch;
      continue;
    }
    if (ch === '"') inString = true;
    else if (ch === "{") closers.push("}");
    else if (ch === "[") closers.push("]");
    else if (ch === "}" || ch === "]") {
      if (closers.length === 0 && /^[\s}\]]*$/.test(text.slice(i))) return out;
      closers.pop();
    } else if (ch === ",") {
      trailingComma.lastIndex = i + 1;
      if (trailingComma.test(text)) continue;
    }
    out += ch;
  }
  if (inString) out = (escaped ? out.slice(0, -1) : out) + '"';
  return out + closers.reverse().join("");
}

/** The end (exclusive) of the JSON object or array starting at `start`, or -1 if it never closes. */
export function jsonValueEnd(text: string, start: number): number {
  let depth = 0;
  let inString = false;
  let escaped = false;
  for (let i = start; i < text.length; i++) {
    const ch = text[i];
    if (inString) {
      if (escaped) escaped = false;
      else if (ch === "\\") escaped = true;
      else if (ch === '"') inString = false;
    } else if (ch === '"') inString = true;
    else if (ch === "{" || ch === "[") depth++;
    else if ((ch === "}" || ch === "]") && --depth === 0) return i + 1;
  }
  return -1;
}

/** The text inside a Markdown code fence (```json … ```), or the text itself. */
export function stripFence(text: string): string {
  const fenced = /^```[\w-]*[^\S\n]*\n?([\s\S]*?)\n?[^\S\n]*```$/.exec(text);
  return fenced ? fenced[1].trim() : text;
}

function asObject(value: unknown): ParsedArguments {
  // Some models encode the object twice: "{\"code\": \"…\"}".
  if (typeof value === "string") {
    const inner = tryParse(value);
    if (inner.ok && isPlainObject(inner.value)) return { ok: true, value: inner.value };
  }
  if (isPlainObject(value)) return { ok: true, value };
  const got = Array.isArray(value) ? "an array" : value === null ? "null" : `a ${typeof value}`;
  return { ok: false, error: `expected one JSON object, got ${got}` };
}

function tryParse(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function oneLine(text: string): string {
  const line = text.replace(/\s+/g, " ").trim();
  return line.length > 160 ? `${line.slice(0, 157)}...` : line;
}
