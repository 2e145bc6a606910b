/**
 * Every failure of a model request — from the openai SDK, the network or inside the stream —
 * as one shape a person can act on (PROVIDERS.md, "Errors"). Nothing here imports the SDK: its
 * errors are duck-typed (error-facts.ts), so plain objects in tests and a minified build, where
 * class names are mangled, are read alike.
 *
 * `message` is the sentence to show; `detail` is the provider's own text. `retryable` means the same request
 * may succeed later unchanged (a Retry button makes sense), not that retrying is automatic.
 * `rejectedParameter` names a request field the endpoint refused; the client may retry once
 * without it if it sent it.
 */
import { readFacts, retryAfterSeconds, type ErrorFacts } from "./error-facts";
import { hostOf, unreachableMessage } from "./reach";
import { isRecord } from "./stream-tool-calls";

export type ModelErrorKind =
  | "auth"
  | "model"
  | "rate_limit"
  | "credits"
  | "context"
  | "unreachable"
  | "bad_request"
  | "server"
  | "interrupted"
  | "unknown";

export interface ModelError {
  kind: ModelErrorKind;
  /** One sentence (or two) a person can act on. */
  message: string;
  /** The provider's own text. */
  detail?: string;
  retryable: boolean;
  retryAfterSeconds?: number;
  status?: number;
  /** A request field the endpoint rejected (stream_options, max_tokens, …): retry once without it. */
  rejectedParameter?: string;
  /** Groq's `tool_use_failed`: the tool call the model wrote, which the server could not read. */
  failedGeneration?: string;
  /** The model takes no images: the request may go again without them. */
  imagesRefused?: true;
}

export interface ErrorContext {
  baseURL: string;
  model: string;
  /** This page's origin, for the CORS advice (defaults to location.origin). */
  pageOrigin?: string;
  /** Some of the answer had arrived: a dropped connection is then an interrupted turn, not an unreachable endpoint. */
  streamStarted?: boolean;
}

/** Fields some endpoints reject (PROVIDERS.md, "Requests"), in the order they are looked for in the text. */
const OPTIONAL_PARAMETERS = ["stream_options", "max_completion_tokens", "max_tokens", "parallel_tool_calls"];

export function describeModelError(error: unknown, context: ErrorContext): ModelError {
  const facts = readFacts(error);
  const host = hostOf(context.baseURL);
  const model = context.model ? `"${context.model}"` : "the chosen model";
  const detail = facts.text ? tidy(facts.text) : undefined;
  const base = { ...(detail ? { detail } : {}), ...(facts.status !== undefined ? { status: facts.status } : {}) };
  const codes = facts.codes;
  const text = facts.text.toLowerCase();
  const has = (...needles: string[]) => needles.some((n) => codes.includes(n));
  const says = (pattern: RegExp) => pattern.test(text);

  if (facts.aborted) {
    return { kind: "interrupted", message: "The request was stopped before the answer finished.", retryable: true };
  }
  if (facts.connectionFailed && !facts.hasBody && facts.status === undefined) {
    if (context.streamStarted) {
      const message = `The connection to ${host} dropped during the answer. What arrived is kept; try again.`;
      return { kind: "interrupted", message, ...base, retryable: true };
    }
    const message = unreachableMessage({ ...context, timedOut: facts.timedOut });
    return { kind: "unreachable", message, ...base, retryable: true };
  }

  const status = facts.status;
  const rejectedParameter = rejectedParameterOf(facts);
  const result = (kind: ModelErrorKind, message: string, retryable: boolean): ModelError => ({
    kind,
    message,
    ...base,
    retryable,
    ...(rejectedParameter ? { rejectedParameter } : {}),
  });

  if (has("tool_use_failed")) {
    // Groq: the server could not read the model's tool call. The loop runs it where it can read
    // it, else gives it back to the model once (loop.ts); this sentence is for when both fail.
    const failed = facts.failedGeneration;
    const message = `${host} could not read the tool call the model wrote; the model can be asked to try again.`;
    return {
      ...result("bad_request", message, true),
      ...(failed !== undefined ? { detail: failed, failedGeneration: failed } : {}),
    };
  }
  if (
    status === 413 ||
    has("context_length_exceeded", "exceed_context_size_error", "context_window_exceeded") ||
    says(
      /maximum context length|context window|context length|too many tokens|prompt is too long|context size|input token count/,
    )
  ) {
    const size = facts.contextSize
      ? ` The server's context is ${facts.contextSize} tokens; a larger one may help.`
      : "";
    const message = `The conversation is too long for ${model}'s context window. Start a new conversation, or pick a model with a larger context.${size}`;
    return result("context", message, false);
  }
  if (TOO_LARGE.test(text)) {
    // OpenAI's 429 for one request over the key's tokens-per-minute limit: waiting never helps.
    const message = `The request is larger than this key's per-minute token limit at ${host}, so waiting will not help. Start a new conversation, or use a key with a higher limit.`;
    return result("context", message, false);
  }
  if (rejectedParameter) {
    const message = `${host} rejected the request field "${rejectedParameter}"; the request can be sent again without it.`;
    return result("bad_request", message, true);
  }
  if (
    status === 402 ||
    has("insufficient_quota", "insufficient_balance", "billing_hard_limit_reached") ||
    // Gemini words its per-minute limits as "exceeded your current quota" too, but says when to retry.
    (says(/insufficient (?:credits|balance|quota|funds)|out of credits|credit balance|more credits|current quota/) &&
      retryAfterSeconds(facts) === undefined)
  ) {
    const message = `The account behind this key at ${host} is out of credits or quota. Add credits, or use another key or provider.`;
    return result("credits", message, false);
  }
  if (status === 403 && says(/flagged|moderation/)) {
    return result("bad_request", `${host} refused the request: its moderation flagged the input.`, false);
  }
  if (
    status === 401 ||
    status === 403 ||
    has("invalid_api_key", "authentication_error", "permission_error", "unauthenticated", "api_key_invalid") ||
    says(
      /api key not valid|invalid api key|incorrect api key|invalid x-api-key|no api key|missing api key|unauthori[sz]ed/,
    )
  ) {
    return result("auth", `The API key was rejected by ${host}. Check the key in Settings.`, false);
  }
  if (
    status === 429 ||
    has("rate_limit_exceeded", "rate_limit_error", "resource_exhausted", "too_many_requests") ||
    says(/rate limit/)
  ) {
    const wait = retryAfterSeconds(facts);
    const when = wait === undefined ? "Wait a moment" : `Wait ${wait} second${wait === 1 ? "" : "s"}`;
    const message = `${host} is limiting how often this key may ask. ${when} and try again.`;
    return { ...result("rate_limit", message, true), ...(wait !== undefined ? { retryAfterSeconds: wait } : {}) };
  }
  if (
    says(
      /image input|image_url|images? (?:are |is )?not supported|(?:does not|doesn't) support (?:images?|vision)|not a multimodal model/,
    )
  ) {
    // OpenRouter 404 "No endpoints found that support image input", OpenAI "image_url is only
    // supported by certain models", DeepSeek "unknown variant `image_url`", llama.cpp without its
    // projector "image input is not supported", vLLM "… is not a multimodal model".
    const message = `${model} does not take images on ${host}, and the request had figures in it.`;
    return { ...result("model", message, false), imagesRefused: true };
  }
  if (says(/does not support tools|does not support tool|tools? (?:are|is) not supported|support tool use/)) {
    return result("model", `${model} cannot call tools on ${host}. Pick a model that supports tool calling.`, false);
  }
  if (
    has("model_not_found", "deploymentnotfound") ||
    says(/\bmodel\b.*\b(?:not found|does not exist|not exist)|(?:no such|unknown|invalid|not a valid) model/) ||
    says(/deployment .*does not exist/)
  ) {
    return result("model", `${host} has no model ${model}. Pick one from the list in Settings.`, false);
  }
  if (status === 404) {
    // No model named in a 404: the address is wrong (a missing /v1 gives "404 page not found").
    const message = `There is no chat-completions API at ${context.baseURL} (404). Check the base URL in Settings; it usually ends in /v1.`;
    return result("unreachable", message, false);
  }
  if (says(/enable-auto-tool-choice|tool-call-parser/)) {
    const message = `${host} (vLLM) must be started with --enable-auto-tool-choice and --tool-call-parser to use tools.`;
    return result("bad_request", message, false);
  }
  if (status !== undefined && (status >= 500 || status === 408 || status === 409)) {
    const message = says(/\bloading\b.*\bmodel\b|\bmodel\b.*\bloading\b/)
      ? `${host} is still loading the model. Try again in a moment.`
      : `${host} had a problem answering (HTTP ${status}). Try again in a moment.`;
    return result("server", message, true);
  }
  if (status !== undefined && status >= 400) {
    return result("bad_request", `${host} rejected the request (HTTP ${status}). The details say why.`, false);
  }
  if (facts.unreadable) {
    const message = context.streamStarted
      ? `${host} sent something that is not part of an answer, and the answer stopped there. What arrived is kept; try again.`
      : `${host} answered with something that is not a chat-completions stream. Check the base URL in Settings, and try again.`;
    return { kind: context.streamStarted ? "interrupted" : "server", message, ...base, retryable: true };
  }
  if (facts.hasBody) {
    // An error body without an HTTP status came inside a 200 stream: the server gave up mid-answer.
    return result("server", `${host} reported an error during the answer. Try again.`, true);
  }
  const message = `Something went wrong talking to ${host}.`;
  return { kind: "unknown", message, ...base, retryable: true };
}

/** A known optional request field that a 400/422 names — in its `param`, or in its words. */
function rejectedParameterOf(facts: ErrorFacts): string | undefined {
  if (facts.status !== undefined && facts.status !== 400 && facts.status !== 422) return undefined;
  if (facts.param && OPTIONAL_PARAMETERS.includes(facts.param)) return facts.param;
  const found = OPTIONAL_PARAMETERS.map((name) => ({ name, at: facts.text.indexOf(name) })).filter((f) => f.at >= 0);
  found.sort((a, b) => a.at - b.at);
  return found[0]?.name;
}

/** The provider's text, on a few lines at most: HTML error pages lose their tags. */
function tidy(text: string): string {
  const plain = /<\/?[a-z][\s\S]*>/i.test(text) ? text.replace(/<[^>]*>/g, " ") : text;
  const squeezed = plain
    .replace(/[^\S\n]+/g, " ")
    .replace(/\n\s*\n+/g, "\n")
    .trim();
  return squeezed.length > 1000 ? `${squeezed.slice(0, 997)}...` : squeezed;
}

/**
 * For the client's custom `fetch`: the SDK keeps only `body.error` of an HTTP error body, so
 * vLLM's and Mistral's {"object": "error", "message": …} and Gemini's [{"error": …}] would reach
 * describeModelError as "400 status code (no body)". This rewraps such bodies as {"error": …}.
 */
/** OpenAI's words for one request over the key's tokens per minute (a 429 no wait can cure). */
const TOO_LARGE = /request too large|must be reduced/i;

/** That 429 marked not to be retried: the SDK would send the same request twice more, in vain. */
export async function withoutHopelessRetries(response: Response): Promise<Response> {
  if (response.status !== 429) return response;
  const text = await response
    .clone()
    .text()
    .catch(() => "");
  if (!TOO_LARGE.test(text)) return response;
  const headers = new Headers(response.headers);
  headers.set("x-should-retry", "false");
  return new Response(text, { status: 429, statusText: response.statusText, headers });
}

export async function preserveErrorBody(response: Response): Promise<Response> {
  if (response.ok) return response;
  let body: unknown;
  try {
    body = JSON.parse(await response.clone().text());
  } catch {
    return response; // Not JSON: the SDK keeps text bodies as the message already.
  }
  if (isRecord(body) && body.error != null) return response;
  const first: unknown = Array.isArray(body) ? body[0] : undefined;
  const wrapped = isRecord(first) && first.error != null ? first : { error: body };
  const headers = new Headers(response.headers);
  headers.delete("content-length");
  headers.delete("content-encoding");
  return new Response(JSON.stringify(wrapped), { status: response.status, statusText: response.statusText, headers });
}
