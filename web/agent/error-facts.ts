/**
 * What a failure says about itself, read the same way whatever threw it: the openai SDK's
 * errors (duck-typed, so a minified build and plain test objects work alike), a `StreamError`,
 * a fetch `TypeError`, or a raw error body in any provider's shape (PROVIDERS.md, "Errors").
 * errors.ts turns these facts into a sentence.
 */
import { isRecord } from "./stream-tool-calls";

export interface ErrorFacts {
  /** The request was aborted (by the user, or by a signal). */
  aborted: boolean;
  /** No answer came at all: a failed fetch, a refused connection, CORS. */
  connectionFailed: boolean;
  timedOut: boolean;
  /** HTTP status, else a numeric code in the body (OpenRouter, llama.cpp, vLLM send `code: 429`). */
  status?: number;
  /** Codes, types and reasons from the body, lower case: `context_length_exceeded`, `not_found_error`, `resource_exhausted`. */
  codes: string[];
  param?: string;
  /** The provider's own words. */
  text: string;
  /** A body arrived (so the endpoint is reachable, even without an HTTP status). */
  hasBody: boolean;
  /** The stream held something that is not JSON where a chunk should be (the SDK's parse threw). */
  unreadable: boolean;
  /** Groq's `failed_generation`: the model's malformed tool call, to feed back. */
  failedGeneration?: string;
  /** llama.cpp's context size on overflow. */
  contextSize?: number;
  headers?: unknown;
  /** Gemini's RetryInfo.retryDelay, in seconds. */
  retryDelay?: number;
}

export function readFacts(error: unknown): ErrorFacts {
  const facts: ErrorFacts = {
    aborted: false,
    connectionFailed: false,
    timedOut: false,
    codes: [],
    text: "",
    hasBody: false,
    unreadable: false,
  };
  const names = isRecord(error) ? errorNames(error) : [];
  const message = isRecord(error) ? stringOr(error.message) : "";
  // The SDK's APIError sets status, headers and error on every instance, even when undefined.
  const sdkShaped = isRecord(error) && "status" in error && "headers" in error && "error" in error;

  facts.aborted =
    names.some((n) => n === "AbortError" || n === "APIUserAbortError") ||
    (sdkShaped && error.status === undefined && error.error === undefined && message === "Request was aborted.");
  facts.timedOut =
    names.some((n) => n === "APIConnectionTimeoutError" || n === "TimeoutError") || message === "Request timed out.";
  facts.connectionFailed =
    facts.timedOut ||
    names.includes("APIConnectionError") ||
    (sdkShaped && !facts.aborted && error.status === undefined && error.error === undefined) ||
    (names.includes("TypeError") && /fetch|network|load failed|connection/i.test(message));

  facts.unreadable = names.includes("SyntaxError");

  let body: unknown = error;
  if (isRecord(error) && names.includes("StreamError")) body = error.body;
  if (isRecord(error)) {
    if (typeof error.status === "number") facts.status = error.status;
    facts.headers = error.headers;
  }
  readBody(body, facts);
  if (!facts.text && message && !/status code \(no body\)/.test(message)) {
    // The SDK prefixes its message with the status ("429 Rate limit reached…").
    facts.text = message.replace(/^\d{3}\s+/, "");
  }
  return facts;
}

/** Fills in what the body says. Bodies come as {error: {...}}, {object: "error", ...}, [{error: ...}] (Gemini) or a string. */
function readBody(body: unknown, facts: ErrorFacts) {
  const inner = innerError(body);
  if (typeof inner === "string") {
    facts.text = inner;
    facts.hasBody = inner !== "";
    return;
  }
  if (!inner) return;
  facts.hasBody = true;
  facts.text = messageText(inner.message);
  for (const value of [inner.code, inner.type, inner.status]) {
    if (typeof value === "string" && value !== "") facts.codes.push(value.toLowerCase());
    if (typeof value === "number" && value >= 400 && value < 600) facts.status ??= value;
  }
  if (typeof inner.param === "string") facts.param = inner.param;
  if (typeof inner.failed_generation === "string") facts.failedGeneration = inner.failed_generation;
  if (typeof inner.n_ctx === "number") facts.contextSize = inner.n_ctx;
  // OpenRouter passes the upstream provider's own error along in metadata.raw.
  const raw = isRecord(inner.metadata) ? inner.metadata.raw : undefined;
  if (raw != null) facts.text += ` (${typeof raw === "string" ? raw : JSON.stringify(raw)})`;
  // Gemini: details [{"@type": "…ErrorInfo", reason: "API_KEY_INVALID"}, {"@type": "…RetryInfo", retryDelay: "17s"}].
  if (Array.isArray(inner.details)) {
    for (const detail of inner.details.filter(isRecord)) {
      if (typeof detail.reason === "string") facts.codes.push(detail.reason.toLowerCase());
      if (typeof detail.retryDelay === "string") facts.retryDelay = parseFloat(detail.retryDelay);
    }
  }
}

function innerError(body: unknown): Record<string, unknown> | string | undefined {
  if (Array.isArray(body)) return innerError(body[0]);
  if (typeof body === "string") return body;
  if (!isRecord(body)) return undefined;
  if (isRecord(body.error) || typeof body.error === "string") return body.error;
  // vLLM's {object: "error", message, type, code}; a bare {message, type|code} from smaller servers.
  const bare = typeof body.message === "string" && (body.type != null || body.code != null) && !("name" in body);
  return body.object === "error" || bare ? body : undefined;
}

/** A message may be a string, or (Mistral's 422) {detail: [{loc: ["body", "stream_options"], msg}]}. */
function messageText(message: unknown): string {
  if (typeof message === "string") return message;
  if (isRecord(message) && Array.isArray(message.detail)) {
    return message.detail
      .filter(isRecord)
      .map(
        (d) =>
          `${Array.isArray(d.loc) ? d.loc.filter((part) => part !== "body").join(".") + ": " : ""}${stringOr(d.msg)}`,
      )
      .join("; ");
  }
  return message == null ? "" : JSON.stringify(message);
}

/** `name`, and the constructor's name: the SDK's errors all have name "Error". */
function errorNames(error: object): string[] {
  const names: string[] = [];
  const name = (error as { name?: unknown }).name;
  if (typeof name === "string") names.push(name);
  let proto: unknown = Object.getPrototypeOf(error);
  while (proto && proto !== Object.prototype) {
    const ctor = (proto as { constructor?: { name?: unknown } }).constructor;
    if (typeof ctor?.name === "string") names.push(ctor.name);
    proto = Object.getPrototypeOf(proto);
  }
  return names;
}

/** Seconds to wait before retrying: retry-after-ms / retry-after headers (when CORS exposes them), Gemini's retryDelay, or the message ("try again in 1m30s"). */
export function retryAfterSeconds(facts: ErrorFacts): number | undefined {
  const ms = header(facts.headers, "retry-after-ms");
  if (ms && Number.isFinite(parseFloat(ms))) return roundUp(parseFloat(ms) / 1000);
  const after = header(facts.headers, "retry-after");
  if (after) {
    const seconds = Number(after);
    if (Number.isFinite(seconds)) return roundUp(seconds);
    const date = Date.parse(after);
    if (Number.isFinite(date)) return roundUp((date - Date.now()) / 1000);
  }
  if (facts.retryDelay !== undefined && Number.isFinite(facts.retryDelay)) return roundUp(facts.retryDelay);
  const said = /(?:try again|retry) (?:in|after) ((?:\d+(?:\.\d+)?\s*(?:ms|h|m|s|seconds?|minutes?)\s*)+)/i.exec(
    facts.text,
  );
  if (!said) return undefined;
  let seconds = 0;
  for (const [, amount, unit] of said[1].matchAll(/(\d+(?:\.\d+)?)\s*(ms|h|m|s)/gi)) {
    seconds += parseFloat(amount) * { ms: 0.001, s: 1, m: 60, h: 3600 }[unit.toLowerCase() as "ms" | "s" | "m" | "h"];
  }
  return roundUp(seconds);
}

function header(headers: unknown, name: string): string | undefined {
  if (!headers || typeof headers !== "object") return undefined;
  if (typeof (headers as Headers).get === "function") return (headers as Headers).get(name) ?? undefined;
  const entry = Object.entries(headers).find(([key]) => key.toLowerCase() === name);
  return entry && typeof entry[1] === "string" ? entry[1] : undefined;
}

function roundUp(seconds: number): number | undefined {
  return seconds > 0 ? Math.ceil(seconds) : undefined;
}

function stringOr(value: unknown): string {
  return typeof value === "string" ? value : "";
}
