// Errors inside a 200 stream, from the network and the user, and error bodies kept for the SDK
// (PROVIDERS.md, "Errors"), thrown the way the openai SDK throws them (./errors.testkit.ts).
import { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from "openai";
import { describe, expect, it, vi } from "vitest";
import { describeModelError, preserveErrorBody } from "./errors";
import { OPENAI, OLLAMA, sdkFailure, json } from "./errors.testkit";
import { StreamError } from "./stream";

describe("errors inside a 200 stream", () => {
  it("OpenAI server_error chunk → StreamError → server, retryable", () => {
    const error = new StreamError({
      error: { message: "The server had an error while processing your request.", type: "server_error" },
    });
    expect(describeModelError(error, OPENAI)).toMatchObject({ kind: "server", retryable: true });
  });

  it("OpenRouter: top-level error with a numeric code on a normal chunk", () => {
    const chunk = {
      id: "gen-1",
      object: "chat.completion.chunk",
      choices: [{ index: 0, delta: { content: "" }, finish_reason: "error" }],
      error: { code: 429, message: "Rate limit exceeded upstream" },
    };
    expect(describeModelError(new StreamError(chunk), OPENAI)).toMatchObject({ kind: "rate_limit", status: 429 });
  });

  it("llama.cpp: context overflow reported inside the stream", () => {
    const error = new StreamError({
      error: {
        code: 400,
        message: "the request exceeds the available context size",
        type: "exceed_context_size_error",
        n_ctx: 4096,
      },
    });
    expect(describeModelError(error, OLLAMA)).toMatchObject({ kind: "context" });
  });

  it("a stream with something that is not JSON in it: said so, not 'something went wrong'", async () => {
    const sse = 'data: {"choices":[{"index":0,"delta":{"content":"Hel"}}]}\n\nevent: error\ndata: upstream timeout\n\n';
    const response = new Response(sse, { status: 200, headers: { "content-type": "text/event-stream" } });
    const error = await sdkFailure(response, true);
    expect(describeModelError(error, { ...OPENAI, streamStarted: true })).toMatchObject({
      kind: "interrupted",
      retryable: true,
      message: expect.stringContaining("sent something that is not part of an answer"),
    });
    expect(describeModelError(error, OPENAI).message).toContain("not a chat-completions stream");
  });

  it("vLLM {object: 'error'} yielded by the SDK as a chunk, caught by the assembler", async () => {
    const sse =
      'data: {"object":"error","message":"CUDA out of memory","type":"InternalServerError","param":null,"code":500}\n\n';
    const response = new Response(sse, { status: 200, headers: { "content-type": "text/event-stream" } });
    const error = await sdkFailure(response, true);
    expect(error).toBeInstanceOf(StreamError);
    expect(describeModelError(error, OLLAMA)).toMatchObject({
      kind: "server",
      status: 500,
      detail: "CUDA out of memory",
    });
  });

  it("`event: error` with an error body: the SDK throws it, described by its body", async () => {
    const sse = 'event: error\ndata: {"error":{"message":"Upstream timed out","type":"server_error","code":504}}\n\n';
    const response = new Response(sse, { status: 200, headers: { "content-type": "text/event-stream" } });
    const error = await sdkFailure(response, true);
    expect(describeModelError(error, OPENAI)).toMatchObject({ kind: "server", status: 504, retryable: true });
  });

  it('the SDK throws {"error": …} stream chunks itself, without a status: not "unreachable"', async () => {
    const sse = 'data: {"error":{"message":"Internal error","type":"server_error"}}\n\n';
    const response = new Response(sse, { status: 200, headers: { "content-type": "text/event-stream" } });
    const error = await sdkFailure(response, true);
    expect(error).toBeInstanceOf(APIError);
    expect(describeModelError(error, OPENAI)).toMatchObject({
      kind: "server",
      retryable: true,
      detail: "Internal error",
    });
  });
});

describe("the network and the user", () => {
  it("APIConnectionError to Ollama on localhost: start it with OLLAMA_ORIGINS, Chrome's prompt, Safari's block", () => {
    const described = describeModelError(new APIConnectionError({ message: undefined }), OLLAMA);
    expect(described.kind).toBe("unreachable");
    expect(described.retryable).toBe(true);
    expect(described.message).toContain("OLLAMA_ORIGINS=https://ci.example.org");
    expect(described.message).toContain("running");
    expect(described.message).toContain("Chrome");
    expect(described.message).toContain("Safari blocks http://localhost");
  });

  it("a hosted endpoint while the computer is offline: says so, not CORS", () => {
    vi.stubGlobal("navigator", { onLine: false });
    try {
      const message = describeModelError(new APIConnectionError({}), OPENAI).message;
      expect(message).toMatch(/^This computer is offline, so api\.openai\.com cannot be reached\./);
      expect(message).not.toContain("CORS");
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it("LM Studio on 127.0.0.1:1234: enable CORS", () => {
    const lmstudio = { baseURL: "http://127.0.0.1:1234/v1", model: "m", pageOrigin: "https://ci.example.org" };
    expect(describeModelError(new APIConnectionError({}), lmstudio).message).toContain("lms server start --cors");
  });

  it("a local server from a page that is itself on localhost: no Chrome prompt, no Safari block", () => {
    const local = { baseURL: "http://localhost:8080/v1", model: "m", pageOrigin: "http://localhost:4173" };
    const message = describeModelError(new APIConnectionError({}), local).message;
    expect(message).toContain("http://localhost:4173");
    expect(message).not.toContain("Chrome");
    expect(message).not.toContain("Safari");
  });

  it("Gemini's endpoint: could not be reached or blocked by CORS, with the hint", () => {
    const gemini = { baseURL: "https://generativelanguage.googleapis.com/v1beta/openai/", model: "g" };
    const message = describeModelError(new APIConnectionError({}), gemini).message;
    expect(message).toContain("CORS");
    expect(message).toContain("Gemini's OpenAI-compatible endpoint");
  });

  it("Azure OpenAI: the same, with its hint", () => {
    const azure = { baseURL: "https://contoso.openai.azure.com/openai/v1", model: "gpt-4o" };
    expect(describeModelError(new APIConnectionError({}), azure).message).toContain("Azure OpenAI");
  });

  it("an http endpoint on another host from an https page: mixed content", () => {
    const lan = { baseURL: "http://gpu-box.example.com:8000/v1", model: "m", pageOrigin: "https://ci.example.org" };
    expect(describeModelError(new APIConnectionError({}), lan).message).toContain("blocks requests to http://");
  });

  it("fetch's own TypeError (Failed to fetch) is unreachable", () => {
    expect(describeModelError(new TypeError("Failed to fetch"), OPENAI).kind).toBe("unreachable");
    expect(describeModelError({ name: "APIConnectionError", message: "Connection error." }, OPENAI).kind).toBe(
      "unreachable",
    );
  });

  it("APIConnectionTimeoutError: did not answer in time", () => {
    const described = describeModelError(new APIConnectionTimeoutError(), OLLAMA);
    expect(described).toMatchObject({ kind: "unreachable" });
    expect(described.message).toContain("did not answer in time");
  });

  it("a dropped connection after the answer began is an interrupted turn", () => {
    const described = describeModelError(new TypeError("network error"), { ...OPENAI, streamStarted: true });
    expect(described).toMatchObject({ kind: "interrupted", retryable: true });
  });

  it("APIUserAbortError and AbortError: interrupted", () => {
    expect(describeModelError(new APIUserAbortError(), OPENAI).kind).toBe("interrupted");
    expect(describeModelError(new DOMException("The operation was aborted.", "AbortError"), OPENAI).kind).toBe(
      "interrupted",
    );
  });

  it("anything else: unknown, with its message as the detail", () => {
    expect(describeModelError(new Error("boom"), OPENAI)).toMatchObject({ kind: "unknown", detail: "boom" });
    expect(describeModelError(undefined, OPENAI).kind).toBe("unknown");
  });
});

describe("preserveErrorBody", () => {
  it("leaves OpenAI-shaped bodies, text bodies and successes alone", async () => {
    const ok = new Response("{}", { status: 200 });
    expect(await preserveErrorBody(ok)).toBe(ok);
    const openai = json({ error: { message: "x" } }, 400);
    expect(await preserveErrorBody(openai)).toBe(openai);
    const text = new Response("404 page not found", { status: 404 });
    expect(await preserveErrorBody(text)).toBe(text);
  });

  it("wraps vLLM's body and keeps status and headers", async () => {
    const response = new Response(JSON.stringify({ object: "error", message: "m", code: 400 }), {
      status: 400,
      headers: { "retry-after": "2", "content-type": "application/json" },
    });
    const wrapped = await preserveErrorBody(response);
    expect(wrapped.status).toBe(400);
    expect(wrapped.headers.get("retry-after")).toBe("2");
    expect(await wrapped.json()).toEqual({ error: { object: "error", message: "m", code: 400 } });
  });
});
