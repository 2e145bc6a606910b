import { afterEach, describe, expect, it, vi } from "vitest";
import { createModelClient } from "./client";
import { PRESETS } from "./presets";
import { StreamAssembler } from "./stream";

/** The headers of the request the client makes to `baseURL` (the endpoint answers an empty stream). */
async function requestHeaders(baseURL: string, apiKey = "sk-test"): Promise<Headers> {
  const seen: Headers[] = [];
  vi.stubGlobal("fetch", async (_: unknown, init?: RequestInit) => {
    seen.push(new Headers(init?.headers));
    return new Response("data: [DONE]\n\n", { headers: { "content-type": "text/event-stream" } });
  });
  const options = PRESETS.find((p) => p.id === "custom")!;
  const client = createModelClient({ ...options, baseURL, apiKey, model: "m" });
  const chunks = client.stream(
    { messages: [{ role: "user", content: "hi" }], tools: [] },
    new AbortController().signal,
  );
  for await (const chunk of chunks) expect(chunk).toBeDefined(); // none: the stream is empty
  return seen[0];
}

afterEach(() => vi.unstubAllGlobals());

describe("the model client's requests", () => {
  it("carry the key, and none of the SDK's fingerprint headers", async () => {
    const headers = await requestHeaders("https://api.example.com/v1");
    expect(headers.get("authorization")).toBe("Bearer sk-test");
    expect([...headers.keys()].filter((name) => name.startsWith("x-stainless") || name === "user-agent")).toEqual([]);
    expect(headers.has("anthropic-dangerous-direct-browser-access")).toBe(false);
  });

  it("to a keyless endpoint carry no Authorization", async () => {
    expect((await requestHeaders("http://localhost:11434/v1", "")).has("authorization")).toBe(false);
  });

  it("to Anthropic say they come from a browser, which it requires to answer one", async () => {
    const headers = await requestHeaders("https://api.anthropic.com/v1/");
    expect(headers.get("anthropic-dangerous-direct-browser-access")).toBe("true");
  });
});

describe("a server that ignores stream: true", () => {
  it("answers with one JSON completion, read as a stream of it", async () => {
    const completion = {
      id: "c1",
      object: "chat.completion",
      choices: [
        {
          index: 0,
          message: { role: "assistant", content: "42", tool_calls: [] },
          finish_reason: "stop",
        },
      ],
    };
    vi.stubGlobal(
      "fetch",
      async () => new Response(JSON.stringify(completion), { headers: { "content-type": "application/json" } }),
    );
    const options = PRESETS.find((p) => p.id === "custom")!;
    const client = createModelClient({ ...options, baseURL: "http://localhost:8000/v1", apiKey: "", model: "m" });
    const assembler = new StreamAssembler();
    for await (const chunk of client.stream({ messages: [], tools: [] }, new AbortController().signal))
      assembler.push(chunk);
    expect(assembler.finish()).toMatchObject({ content: "42", finishReason: "stop", interrupted: false });
  });
});

describe("Stop", () => {
  it("ends the wait for a rate limit's retry-after at once", async () => {
    let requests = 0;
    vi.stubGlobal("fetch", async () => {
      requests++;
      return new Response(JSON.stringify({ error: { message: "Rate limit reached" } }), {
        status: 429,
        headers: { "content-type": "application/json", "retry-after": "30" },
      });
    });
    const options = PRESETS.find((p) => p.id === "custom")!;
    const client = createModelClient({ ...options, baseURL: "http://localhost:8000/v1", apiKey: "", model: "m" });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const started = performance.now();
    const reading = (async () => {
      for await (const chunk of client.stream({ messages: [], tools: [] }, controller.signal))
        expect(chunk).toBeDefined();
    })();
    await expect(reading).rejects.toMatchObject({ name: "AbortError" });
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(requests).toBe(1);
  });
});

describe("a server that refuses stream_options (Mistral's 422)", () => {
  it("is asked without them again, and so are the next turns' requests", async () => {
    const sent: Record<string, unknown>[] = [];
    vi.stubGlobal("fetch", async (_: unknown, init?: RequestInit) => {
      const body = JSON.parse(String(init?.body));
      sent.push(body);
      if (body.stream_options) {
        const detail = [
          { type: "extra_forbidden", loc: ["body", "stream_options"], msg: "Extra inputs are not permitted" },
        ];
        return new Response(
          JSON.stringify({ object: "error", message: { detail }, type: "invalid_request_message_error" }),
          {
            status: 422,
            headers: { "content-type": "application/json" },
          },
        );
      }
      return new Response("data: [DONE]\n\n", { headers: { "content-type": "text/event-stream" } });
    });
    const options = { ...PRESETS.find((p) => p.id === "custom")!, streamUsage: true };
    for (let turn = 0; turn < 2; turn++) {
      // A client per turn, as the app makes them.
      const client = createModelClient({ ...options, baseURL: "https://mistral.example/v1", apiKey: "k", model: "m" });
      for await (const chunk of client.stream({ messages: [], tools: [] }, new AbortController().signal))
        expect(chunk).toBeDefined();
    }
    expect(sent.map((body) => "stream_options" in body)).toEqual([true, false, false]);
  });
});

describe("a request over the key's tokens per minute", () => {
  it("is sent once: no wait makes it fit, so the SDK does not retry it", async () => {
    let calls = 0;
    const body = {
      error: {
        message: "Request too large for gpt-4o on tokens per min (TPM): Limit 30000, Requested 41234.",
        type: "tokens",
        code: "rate_limit_exceeded",
      },
    };
    vi.stubGlobal("fetch", async () => {
      calls++;
      return new Response(JSON.stringify(body), { status: 429, headers: { "content-type": "application/json" } });
    });
    const options = PRESETS.find((p) => p.id === "openai")!;
    const client = createModelClient({ ...options, baseURL: "https://api.openai.com/v1", apiKey: "sk", model: "m" });
    const chunks = client.stream(
      { messages: [{ role: "user", content: "hi" }], tools: [] },
      new AbortController().signal,
    );
    await expect(chunks[Symbol.asyncIterator]().next()).rejects.toMatchObject({ status: 429 });
    expect(calls).toBe(1);
  });
});
