/**
 * The model client: the `openai` SDK from the browser, against any OpenAI-compatible endpoint.
 * We iterate `chat.completions.create({ stream: true })` and assemble tool calls ourselves
 * (stream.ts): the SDK's `.stream()` helper mis-merges several real dialects. Every
 * `x-stainless-*` header is removed in a custom fetch (Mistral's and OpenRouter's preflights
 * reject them; `defaultHeaders` misses per-request ones). The key goes only to the endpoint.
 * The SDK (~200 kB) is loaded on first use, so it never delays the page or the kernel's boot.
 */
import type OpenAI from "openai";
import { describeModelError, preserveErrorBody, withoutHopelessRetries } from "./errors";
import type { EndpointOptions } from "./presets";

export interface Endpoint extends EndpointOptions {
  baseURL: string;
  apiKey: string;
  model: string;
}

export type ChatMessage = Record<string, unknown> & { role: string };

export interface ChatRequest {
  messages: ChatMessage[];
  tools: unknown[];
  maxTokens?: number;
}

/** What the agent loop needs of a model: a stream of raw chunks. Faked in unit tests. */
export interface ModelClient {
  stream(request: ChatRequest, signal: AbortSignal): AsyncIterable<unknown>;
}

/**
 * A fetch that sends no SDK fingerprint headers (some endpoints refuse them in CORS preflights;
 * Firefox would send the SDK's User-Agent too), and no Authorization for keyless endpoints.
 */
export function cleanFetch(keyless: boolean): typeof fetch {
  return (input, init) => {
    const headers = new Headers(init?.headers);
    for (const name of [...headers.keys()]) {
      if (name.startsWith("x-stainless") || name === "user-agent") headers.delete(name);
    }
    if (keyless) headers.delete("authorization");
    return fetch(input, { ...init, headers });
  };
}

async function sdk(endpoint: Endpoint): Promise<OpenAI> {
  const keyless = !endpoint.apiKey;
  const { default: OpenAI } = await import("openai");
  return new OpenAI({
    apiKey: endpoint.apiKey || "none",
    baseURL: endpoint.baseURL,
    dangerouslyAllowBrowser: true,
    defaultHeaders: { ...browserAccess(endpoint.baseURL), ...endpoint.headers },
    // The SDK keeps only `body.error`; vLLM's and Gemini's error bodies would arrive empty.
    fetch: async (input, init) =>
      preserveErrorBody(
        await withoutHopelessRetries(
          inSmallPieces(await streamedAnyway(input, await cleanFetch(keyless)(input, init))),
        ),
      ),
    maxRetries: 2,
  });
}

/**
 * A server that ignores `stream: true` answers a completion with one JSON object, which the SDK
 * would read as an empty stream. It is passed on as a stream of that one object (the assembler
 * reads a whole `message` as it reads a delta; an `error` in it is thrown as in any stream).
 */
async function streamedAnyway(request: RequestInfo | URL, response: Response): Promise<Response> {
  const url = request instanceof Request ? request.url : String(request);
  const json = response.headers.get("content-type")?.includes("application/json");
  if (!response.ok || !json || !/\/chat\/completions(?:\?|$)/.test(url)) return response;
  const sse = `data: ${(await response.text()).replace(/\n/g, " ")}\n\ndata: [DONE]\n\n`;
  return new Response(sse, { status: response.status, headers: { "content-type": "text/event-stream" } });
}

/** The most of a stream the SDK is handed at once (see `inSmallPieces`). */
const PIECE_BYTES = 4096;

/**
 * A stream handed to the SDK in pieces of at most PIECE_BYTES. Its SSE reader copies what is left
 * of a piece after each event it finds, so a big read (a fast local server, a buffering proxy, a
 * tab catching up) of thousands of events cost it seconds: 1 s for a 15 KB answer read at once.
 */
function inSmallPieces(response: Response): Response {
  if (!response.body || !response.headers.get("content-type")?.includes("text/event-stream")) return response;
  const pieces = new TransformStream<Uint8Array, Uint8Array>({
    transform(chunk, controller) {
      for (let at = 0; at < chunk.length; at += PIECE_BYTES) controller.enqueue(chunk.subarray(at, at + PIECE_BYTES));
    },
  });
  const { status, statusText, headers } = response;
  return new Response(response.body.pipeThrough(pieces), { status, statusText, headers });
}

/** Anthropic's API answers a browser only when the request says it means to be made from one. */
function browserAccess(baseURL: string): Record<string, string> {
  return /^https:\/\/api\.anthropic\.com\//.test(baseURL)
    ? { "anthropic-dangerous-direct-browser-access": "true" }
    : {};
}

/** Base URLs that refused `stream_options`, remembered for the page's life (a client is made per turn). */
const refuseStreamOptions = new Set<string>();

export function createModelClient(endpoint: Endpoint): ModelClient {
  const client = sdk(endpoint);
  client.catch(() => {});
  return {
    async *stream(request, signal) {
      const body: Record<string, unknown> = {
        model: endpoint.model,
        messages: request.messages,
        tools: request.tools,
        stream: true,
      };
      if (request.maxTokens && endpoint.maxTokensField) body[endpoint.maxTokensField] = request.maxTokens;
      const streamUsage = endpoint.streamUsage && !refuseStreamOptions.has(endpoint.baseURL);
      let stream: AsyncIterable<unknown>;
      try {
        stream = await open(body, streamUsage, signal);
      } catch (error) {
        // Some servers reject stream_options (Mistral, Fireworks): retry once without, and remember.
        const described = describeModelError(error, endpoint);
        if (!streamUsage || described.rejectedParameter !== "stream_options") throw error;
        refuseStreamOptions.add(endpoint.baseURL);
        stream = await open(body, false, signal);
      }
      yield* stream;
    },
  };

  async function open(body: Record<string, unknown>, usage: boolean, signal: AbortSignal) {
    const params = usage ? { ...body, stream_options: { include_usage: true } } : body;
    const sdkClient = await client;
    const created = sdkClient.chat.completions.create(params as never, { signal });
    return (await untilStopped(created, signal)) as unknown as AsyncIterable<unknown>;
  }
}

/**
 * The SDK waits out a rate limit's retry-after (up to a minute, twice) without looking at the
 * signal: a Stop ends the wait here. The SDK looks at the signal before it tries again.
 */
function untilStopped<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise((resolve, reject) => {
    const stop = () => reject(new DOMException("The request was stopped.", "AbortError"));
    if (signal.aborted) stop();
    signal.addEventListener("abort", stop, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener("abort", stop));
  });
}

/** Model ids from `GET /models`, where the endpoint offers it; an empty list otherwise. */
export async function listModels(endpoint: Endpoint): Promise<string[]> {
  // Once: the list is optional, and Settings says at once when there is none.
  const page = await (await sdk(endpoint)).models.list({ maxRetries: 0 });
  return page.data.map((m) => m.id).sort();
}
