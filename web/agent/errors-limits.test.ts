// Each provider's way of saying "not now" or "too much": rate limits (and how long to wait), spent
// credits, and requests longer than the model's context (PROVIDERS.md, "Errors").
import { describe, expect, it } from "vitest";
import { describeModelError } from "./errors";
import { OPENAI, httpError } from "./errors.testkit";

describe("HTTP errors, by provider: rate limits, credits, context", () => {
  it("OpenAI 429 rate limit: retryable, honouring retry-after", () => {
    const body = {
      error: {
        message: "Rate limit reached for gpt-4.1 on requests per min (RPM).",
        type: "requests",
        code: "rate_limit_exceeded",
      },
    };
    expect(describeModelError(httpError(429, body, { "retry-after": "7" }), OPENAI)).toMatchObject({
      kind: "rate_limit",
      retryable: true,
      retryAfterSeconds: 7,
      message: "api.openai.com is limiting how often this key may ask. Wait 7 seconds and try again.",
    });
  });

  it("429 without a readable header: the wait comes from the message, or is left open", () => {
    const said = {
      error: { message: "Rate limit reached. Please try again in 1m30.5s.", code: "rate_limit_exceeded" },
    };
    expect(describeModelError(httpError(429, said), OPENAI).retryAfterSeconds).toBe(91);
    const date = new Date(Date.now() + 20_000).toUTCString();
    expect(
      describeModelError(httpError(429, { error: {} }, { "retry-after": date }), OPENAI).retryAfterSeconds,
    ).toBeGreaterThan(15);
    const bare = describeModelError(httpError(429, { error: { message: "Too many requests" } }), OPENAI);
    expect(bare.retryAfterSeconds).toBeUndefined();
    expect(bare.message).toContain("Wait a moment");
  });

  it("OpenAI 429 insufficient_quota is credits, not a rate limit", () => {
    const body = {
      error: {
        message: "You exceeded your current quota, please check your plan.",
        type: "insufficient_quota",
        code: "insufficient_quota",
      },
    };
    expect(describeModelError(httpError(429, body), OPENAI)).toMatchObject({ kind: "credits", retryable: false });
  });

  it("OpenRouter 402: out of credits", () => {
    const body = {
      error: {
        code: 402,
        message:
          "This request requires more credits, or fewer max_tokens. You requested up to 4096 tokens, but can only afford 1000.",
        metadata: {},
      },
    };
    const described = describeModelError(httpError(402, body), { baseURL: "https://openrouter.ai/api/v1", model: "x" });
    expect(described).toMatchObject({ kind: "credits", status: 402 });
    expect(described.rejectedParameter).toBeUndefined();
  });

  it("DeepSeek 402 Insufficient Balance", () => {
    const body = {
      error: { message: "Insufficient Balance", type: "unknown_error", param: null, code: "invalid_request_error" },
    };
    expect(describeModelError(httpError(402, body), OPENAI).kind).toBe("credits");
  });

  it("OpenRouter 429 from the upstream provider: metadata.raw goes into the detail", () => {
    const body = {
      error: {
        code: 429,
        message: "Provider returned error",
        metadata: { raw: "google is rate-limited upstream", provider_name: "Google" },
      },
    };
    const described = describeModelError(httpError(429, body), { baseURL: "https://openrouter.ai/api/v1", model: "x" });
    expect(described.kind).toBe("rate_limit");
    expect(described.detail).toBe("Provider returned error (google is rate-limited upstream)");
  });

  it("OpenAI 400 context_length_exceeded", () => {
    const body = {
      error: {
        message:
          "This model's maximum context length is 128000 tokens. However, your messages resulted in 130512 tokens.",
        type: "invalid_request_error",
        param: "messages",
        code: "context_length_exceeded",
      },
    };
    expect(describeModelError(httpError(400, body), OPENAI)).toMatchObject({ kind: "context", retryable: false });
  });

  it("llama.cpp 400 exceed_context_size_error with n_ctx", () => {
    const body = {
      error: {
        code: 400,
        message: "request (13392 tokens) exceeds the available context size (8192 tokens), try increasing it",
        type: "exceed_context_size_error",
        n_prompt_tokens: 13392,
        n_ctx: 8192,
      },
    };
    const described = describeModelError(httpError(400, body), { baseURL: "http://localhost:8080/v1", model: "" });
    expect(described.kind).toBe("context");
    expect(described.message).toContain("8192 tokens");
  });

  it("OpenAI 429 for one request over the key's tokens per minute: not a wait", () => {
    const body = {
      error: {
        message:
          "Request too large for gpt-4o in organization org-x on tokens per min (TPM): Limit 30000, Requested 41234. The input or output tokens must be reduced in order to run successfully.",
        type: "tokens",
        param: null,
        code: "rate_limit_exceeded",
      },
    };
    const described = describeModelError(httpError(429, body), OPENAI);
    expect(described).toMatchObject({ kind: "context", retryable: false });
    expect(described.message).toContain("waiting will not help");
  });

  it("vLLM: max_tokens too large for the context — context, and max_tokens named to drop", () => {
    const body = {
      object: "error",
      message:
        "'max_tokens' or 'max_completion_tokens' is too large: 4000. This model's maximum context length is 4096 tokens and your request has 1000 input tokens (4000 > 4096 - 1000).",
      type: "BadRequestError",
      code: 400,
    };
    expect(describeModelError(body, OPENAI)).toMatchObject({
      kind: "context",
      rejectedParameter: "max_tokens",
      status: 400,
    });
  });

  it("Gemini 429 RESOURCE_EXHAUSTED with RetryInfo: a rate limit, though it says quota", () => {
    const body = [
      {
        error: {
          code: 429,
          message:
            "You exceeded your current quota, please check your plan and billing details.\n* Quota exceeded for metric: generate_content_free_tier_requests, limit: 10\nPlease retry in 17.6s.",
          status: "RESOURCE_EXHAUSTED",
          details: [{ "@type": "type.googleapis.com/google.rpc.RetryInfo", retryDelay: "17s" }],
        },
      },
    ];
    // A raw body, as a proxy or custom fetch may hand it over.
    const gemini = { baseURL: "https://generativelanguage.googleapis.com/v1beta/openai/", model: "g" };
    expect(describeModelError(body, gemini)).toMatchObject({ kind: "rate_limit", retryAfterSeconds: 17, status: 429 });
  });

  it.each([
    ["maximum context length", "This model's maximum context length is 4096 tokens."],
    ["context window", "Input exceeds the context window of this model"],
    ["too many tokens", "Too many tokens in the prompt"],
    ["prompt is too long", "prompt is too long: 210000 tokens > 200000 maximum"],
    [
      "Gemini's input token count",
      "The input token count (1200000) exceeds the maximum number of tokens allowed (1048576).",
    ],
  ])("context overflow told only by the text: %s", (_, message) => {
    expect(describeModelError(httpError(400, { error: { message, type: "invalid_request_error" } }), OPENAI).kind).toBe(
      "context",
    );
  });
});
