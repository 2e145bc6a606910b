// Local OpenAI-compatible model server for e2e tests and offline demos. A test scripts the
// replies; each POST /chat/completions takes the next one and streams it in the real SSE wire
// format, in any dialect of PROVIDERS.md (see mock-model-dialects.ts). CORS behaves like a
// permissive real server so the app's page can call it cross-origin, as it calls real endpoints.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import {
  checkRequest,
  completionChoice,
  type Dialect,
  type Piece,
  randomId,
  rejectsPreflight,
  type Reply,
  streamPieces,
} from "./mock-model-dialects.ts";

export { DIALECTS, type Dialect, type Reply } from "./mock-model-dialects.ts";

export interface ChatRequest {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the app's JSON as sent, for tests to poke at
  body: any;
  headers: Record<string, string>;
  path: string;
  /** Set when the client hung up before the stream ended (the app's Stop button). */
  aborted?: boolean;
}
export type Turn = Reply | ((request: ChatRequest) => Reply | Promise<Reply>);
export interface MockModel {
  url: string; // base URL for the app, e.g. http://127.0.0.1:PORT/v1
  /** Replaces the queue of replies; each POST /chat/completions takes the next turn. */
  script(turns: Turn[], options?: { dialect?: Dialect }): void;
  requests(): ChatRequest[];
  /** Failed checks in function turns, requests with no turn left, unparseable bodies. */
  failures(): string[];
  pending(): number;
  close(): Promise<void>;
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));
const sse = (data: unknown) => `data: ${typeof data === "string" ? data : JSON.stringify(data)}\n\n`;
const estimate = (text: string) => Math.max(1, Math.ceil(text.length / 4));

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((done, fail) => {
    const parts: Buffer[] = [];
    req.on("data", (part: Buffer) => parts.push(part));
    req.on("end", () => done(Buffer.concat(parts).toString("utf8")));
    req.on("error", fail);
  });
}

function flatHeaders(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) out[name] = Array.isArray(value) ? value.join(", ") : value;
  }
  return out;
}

// The error frames each kind of server writes after HTTP 200 has already gone out.
function errorFrames(shape: NonNullable<Reply["streamError"]>["shape"], message: string, chunk: object): string[] {
  const openai = { error: { message, type: "server_error", param: null, code: null } };
  switch (shape) {
    case "openai":
      return [sse(openai)];
    case "openrouter": {
      const choices = [{ index: 0, delta: { content: "" }, finish_reason: "error" }];
      const error = { code: 502, message, metadata: { provider_name: "Mock" } };
      return [": OPENROUTER PROCESSING\n\n", sse({ ...chunk, provider: "Mock", error, choices })];
    }
    case "vllm": // vLLM still ends with [DONE], and the SDK does not throw on this body
      return [sse({ object: "error", message, type: "BadRequestError", param: null, code: 400 }), sse("[DONE]")];
    case "event":
      return [`event: error\n${sse(openai)}`];
  }
}

export async function startMockModel(
  options: { models?: string[]; port?: number; dialect?: Dialect } = {},
): Promise<MockModel> {
  const models = options.models ?? ["mock-model"];
  const log: ChatRequest[] = [];
  const failures: string[] = [];
  const sockets = new Set<Socket>();
  let queue: Turn[] = [];
  let dialect: Dialect = options.dialect ?? "openai";
  let thinking = false; // DeepSeek reasoning went out with tool calls: it must come back

  // The dialect the next request will meet, as far as is known before a function turn runs.
  const nextDialect = () => (typeof queue[0] === "object" ? queue[0].dialect : undefined) ?? dialect;

  const json = (res: ServerResponse, cors: object, status: number, body: unknown, headers: object = {}) => {
    const text = typeof body === "string" ? body : JSON.stringify(body);
    const type = typeof body === "string" ? "text/plain; charset=utf-8" : "application/json";
    res.writeHead(status, { ...cors, "Content-Type": type, ...headers }).end(text);
  };
  // Mock-made errors ask the SDK not to retry, so a failed check does not eat the next turns.
  const mockError = (res: ServerResponse, cors: object, status: number, message: string) => {
    failures.push(message);
    const noRetry = { "x-should-retry": "false", "Access-Control-Expose-Headers": "x-should-retry" };
    json(res, cors, status, { error: { message, type: "mock_error", param: null, code: null } }, noRetry);
  };

  async function stream(res: ServerResponse, cors: object, request: ChatRequest, reply: Reply, dia: Dialect) {
    const body = request.body;
    const model = String(body.model ?? models[0]);
    const created = Math.floor(Date.now() / 1000);
    const envelope = { id: "chatcmpl-" + randomId(24), object: "chat.completion.chunk", created, model };
    const usage = {
      prompt_tokens: reply.usage?.prompt_tokens ?? estimate(JSON.stringify(body.messages ?? "")),
      completion_tokens: reply.usage?.completion_tokens ?? estimate(JSON.stringify(reply)),
    };
    const fullUsage = { ...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens };
    const pieces = streamPieces(dia, reply);
    // Mistral and Gemini put usage on the last chunk whether asked or not.
    if (dia === "mistral" || dia === "gemini") pieces.at(-1)!.extra = { usage: fullUsage };
    const chunk = (p: Piece) => ({
      ...envelope,
      ...p.extra,
      choices: [{ index: 0, delta: p.delta, logprobs: null, finish_reason: p.finish_reason ?? null }],
    });
    const frames: string[] = [];
    if (reply.azurePreamble) {
      const filters = { hate: { filtered: false, severity: "safe" }, violence: { filtered: false, severity: "safe" } };
      const results = [{ prompt_index: 0, content_filter_results: filters }];
      frames.push(sse({ id: "", object: "", created: 0, model: "", choices: [], prompt_filter_results: results }));
    }
    const { streamError, cutAfter } = reply;
    const limit = cutAfter ?? streamError?.after;
    // A cut or failing stream never reaches the finish chunk.
    const sent = limit === undefined ? pieces : pieces.slice(0, Math.max(0, Math.min(limit, pieces.length - 1)));
    frames.push(...sent.map((p) => sse(chunk(p))));
    if (streamError) {
      frames.push(
        ...errorFrames(streamError.shape, streamError.message ?? "mock model: scripted stream error", envelope),
      );
    } else if (cutAfter === undefined) {
      if (body.stream_options?.include_usage && dia !== "mistral" && dia !== "gemini")
        frames.push(sse({ ...envelope, choices: [], usage: fullUsage }));
      frames.push(sse("[DONE]"));
    }

    res.on("close", () => {
      if (!res.writableFinished) request.aborted = true;
    });
    res.writeHead(200, { ...cors, "Content-Type": "text/event-stream", "Cache-Control": "no-cache" });
    if (streamError?.shape === "openrouter") res.write(": OPENROUTER PROCESSING\n\n");
    for (const [i, frame] of frames.entries()) {
      if (i > 0 && reply.chunkDelayMs) await sleep(reply.chunkDelayMs);
      if (request.aborted || res.destroyed) return;
      res.write(frame);
    }
    res.end();
  }

  async function chat(req: IncomingMessage, res: ServerResponse, cors: object, path: string) {
    const request: ChatRequest = { body: undefined, headers: flatHeaders(req), path };
    const raw = await readBody(req);
    try {
      request.body = JSON.parse(raw);
    } catch {
      log.push(request);
      return mockError(res, cors, 400, "mock model: request body is not JSON");
    }
    log.push(request);
    const expected = nextDialect();
    let rejection = checkRequest(expected, request.body ?? {}, thinking);
    // A refused request leaves the turn queued, as a real refusal generates nothing.
    if (rejection) return json(res, cors, rejection.status, rejection.body);
    const turn = queue.shift();
    if (!turn) return mockError(res, cors, 500, "mock model: no scripted turn left");
    let reply: Reply;
    try {
      reply = typeof turn === "function" ? await turn(request) : turn;
    } catch (error) {
      return mockError(res, cors, 500, `mock model: check failed: ${(error as Error)?.message ?? error}`);
    }
    const dia = reply.dialect ?? dialect;
    if (dia !== expected && (rejection = checkRequest(dia, request.body ?? {}, thinking))) {
      queue.unshift(turn);
      return json(res, cors, rejection.status, rejection.body);
    }
    if (reply.httpError) return json(res, cors, reply.httpError.status, reply.httpError.body, reply.httpError.headers);
    if (dia === "deepseek" && reply.reasoning && reply.toolCalls?.length) thinking = true;
    if (request.body?.stream) return stream(res, cors, request, reply, dia);
    const created = Math.floor(Date.now() / 1000);
    const usage = reply.usage ?? { prompt_tokens: 10, completion_tokens: estimate(JSON.stringify(reply)) };
    json(res, cors, 200, {
      ...{ id: "chatcmpl-" + randomId(24), object: "chat.completion", created, model: request.body.model ?? models[0] },
      choices: [completionChoice(dia, reply)],
      usage: { ...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens },
    });
  }

  const server = createServer(async (req, res) => {
    const path = new URL(req.url ?? "/", "http://mock").pathname;
    const cors = {
      "Access-Control-Allow-Origin": req.headers.origin ?? "*",
      "Access-Control-Allow-Private-Network": "true",
      Vary: "Origin",
    };
    if (req.method === "OPTIONS") {
      const requested = String(req.headers["access-control-request-headers"] ?? "");
      // Like Mistral's gateway: a plain 400 without CORS headers, so the browser reports a CORS failure.
      if (rejectsPreflight(nextDialect(), requested)) return void res.writeHead(400).end("Disallowed CORS headers");
      const allow = requested ? { "Access-Control-Allow-Headers": requested } : {};
      const methods = { "Access-Control-Allow-Methods": "GET, POST, OPTIONS", "Access-Control-Max-Age": "600" };
      res.writeHead(204, { ...cors, ...allow, ...methods });
      return void res.end();
    }
    try {
      if (req.method === "POST" && /\/chat\/completions\/?$/.test(path)) return await chat(req, res, cors, path);
      if (req.method === "GET" && /\/models\/?$/.test(path)) {
        return json(res, cors, 200, {
          object: "list",
          data: models.map((id) => ({ id, object: "model", owned_by: "mock" })),
        });
      }
      json(res, cors, 404, {
        error: { message: `mock model: no route ${req.method} ${path}`, type: "not_found_error" },
      });
    } catch (error) {
      if (!res.headersSent) mockError(res, cors, 500, `mock model: ${(error as Error)?.stack ?? error}`);
      else res.destroy();
    }
  });
  server.on("connection", (socket: Socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((done, fail) => {
    server.once("error", fail);
    server.listen(options.port ?? 0, "127.0.0.1", () => done());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    script(turns, scriptOptions) {
      queue = [...turns];
      dialect = scriptOptions?.dialect ?? options.dialect ?? "openai";
      thinking = false;
    },
    requests: () => [...log],
    failures: () => [...failures],
    pending: () => queue.length,
    close: () =>
      new Promise<void>((done) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => done());
      }),
  };
}
