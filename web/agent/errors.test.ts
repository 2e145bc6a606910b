// Each provider's error bodies (PROVIDERS.md, "Errors" and "From the browser"), thrown the way
// the openai SDK throws them — real SDK errors where it matters, plain objects where duck typing
// is the point. Rate limits, credits and context overflows are in errors-limits.test.ts.
import { describe, expect, it } from "vitest";
import { describeModelError } from "./errors";
import { OPENAI, OLLAMA, httpError, sdkFailure, json } from "./errors.testkit";

describe("HTTP errors, by provider", () => {
  it("OpenAI 401 invalid_api_key: auth, naming the host", () => {
    const body = {
      error: {
        message: "Incorrect API key provided: sk-abc.",
        type: "invalid_request_error",
        param: null,
        code: "invalid_api_key",
      },
    };
    expect(describeModelError(httpError(401, body), OPENAI)).toEqual({
      kind: "auth",
      message: "The API key was rejected by api.openai.com. Check the key in Settings.",
      detail: "Incorrect API key provided: sk-abc.",
      status: 401,
      retryable: false,
    });
  });

  it("403 is auth too", () => {
    expect(describeModelError(httpError(403, { error: { message: "Forbidden" } }), OPENAI).kind).toBe("auth");
  });

  it("OpenAI 404 model_not_found: model, naming the model", () => {
    const body = {
      error: {
        message: "The model `gpt-9` does not exist or you do not have access to it.",
        type: "invalid_request_error",
        param: null,
        code: "model_not_found",
      },
    };
    const described = describeModelError(httpError(404, body), { ...OPENAI, model: "gpt-9" });
    expect(described).toMatchObject({ kind: "model", retryable: false, status: 404 });
    expect(described.message).toBe('api.openai.com has no model "gpt-9". Pick one from the list in Settings.');
  });

  it("Ollama not_found_error: model not found, try pulling it", () => {
    const body = { error: { message: 'model "qwen3:8b" not found, try pulling it first', type: "not_found_error" } };
    expect(describeModelError(httpError(404, body), OLLAMA)).toMatchObject({
      kind: "model",
      message: 'localhost:11434 has no model "qwen3:8b". Pick one from the list in Settings.',
    });
  });

  it("a 404 that names no model means the base URL is wrong", () => {
    const described = describeModelError(httpError(404, "404 page not found"), {
      ...OLLAMA,
      baseURL: "http://localhost:11434",
    });
    expect(described.kind).toBe("unreachable");
    expect(described.message).toContain("/v1");
  });

  it("OpenRouter 400 for an unknown model id", () => {
    const body = { error: { code: 400, message: "openai/gpt-9 is not a valid model ID", metadata: {} } };
    expect(describeModelError(httpError(400, body), OPENAI).kind).toBe("model");
  });

  it("Ollama: a model without tool support", () => {
    const body = {
      error: { message: "registry.ollama.ai/library/gemma:2b does not support tools", type: "api_error" },
    };
    expect(describeModelError(httpError(400, body), { ...OLLAMA, model: "gemma:2b" })).toMatchObject({
      kind: "model",
      message: '"gemma:2b" cannot call tools on localhost:11434. Pick a model that supports tool calling.',
    });
  });

  it.each([
    ["OpenRouter", 404, "No endpoints found that support image input"],
    ["OpenAI", 400, "Invalid content type. image_url is only supported by certain models."],
    [
      "DeepSeek",
      422,
      "Failed to deserialize the JSON body into the target type: messages[3]: unknown variant `image_url`, expected `text`",
    ],
    [
      "llama.cpp without its projector",
      500,
      "image input is not supported - hint: if this is unexpected, you may need to provide the mmproj",
    ],
    ["vLLM", 400, "Qwen/Qwen3-8B is not a multimodal model"],
  ])(
    "a model that takes no images (%s): imagesRefused, so the loop sends the request again without them",
    (_, status, message) => {
      const described = describeModelError(httpError(status, { error: { message } }), OPENAI);
      expect(described).toMatchObject({ kind: "model", imagesRefused: true, retryable: false });
      expect(described.message).toContain("does not take images");
    },
  );

  it("OpenRouter 404: no endpoint of the model supports tool use", () => {
    const body = {
      error: {
        message:
          "No endpoints found that support tool use. To learn more about provider routing, visit: https://openrouter.ai/docs/provider-routing",
        code: 404,
      },
    };
    const described = describeModelError(httpError(404, body), { baseURL: "https://openrouter.ai/api/v1", model: "x" });
    expect(described).toMatchObject({ kind: "model" });
    expect(described.message).toContain("cannot call tools");
  });

  it("vLLM {object: 'error'} body, kept through preserveErrorBody and the real SDK", async () => {
    const body = {
      object: "error",
      message: "This model's maximum context length is 4096 tokens. However, you requested 5000 tokens.",
      type: "BadRequestError",
      param: null,
      code: 400,
    };
    const error = await sdkFailure(json(body, 400));
    expect(describeModelError(error, { baseURL: "http://localhost:8000/v1", model: "m" })).toMatchObject({
      kind: "context",
      detail: body.message,
      status: 400,
    });
  });

  it("vLLM without --enable-auto-tool-choice: a setup hint", () => {
    const body = {
      object: "error",
      message: '"auto" tool choice requires --enable-auto-tool-choice and --tool-call-parser to be set',
      type: "BadRequestError",
      code: 400,
    };
    expect(describeModelError(body, { baseURL: "http://localhost:8000/v1", model: "m" }).message).toContain(
      "--enable-auto-tool-choice",
    );
  });

  it("Mistral 422 naming stream_options (body kept by preserveErrorBody): rejectedParameter", async () => {
    const body = {
      object: "error",
      message: {
        detail: [
          {
            type: "extra_forbidden",
            loc: ["body", "stream_options"],
            msg: "Extra inputs are not permitted",
            input: {},
          },
        ],
      },
      type: "invalid_request_error",
      param: null,
      code: null,
    };
    const error = await sdkFailure(json(body, 422));
    expect(
      describeModelError(error, { baseURL: "https://api.mistral.ai/v1", model: "mistral-small-latest" }),
    ).toMatchObject({
      kind: "bad_request",
      rejectedParameter: "stream_options",
      detail: "stream_options: Extra inputs are not permitted",
      status: 422,
    });
  });

  it("OpenAI o-series: max_tokens unsupported, use max_completion_tokens", () => {
    const body = {
      error: {
        message:
          "Unsupported parameter: 'max_tokens' is not supported with this model. Use 'max_completion_tokens' instead.",
        type: "invalid_request_error",
        param: "max_tokens",
        code: "unsupported_parameter",
      },
    };
    expect(describeModelError(httpError(400, body), OPENAI)).toMatchObject({
      kind: "bad_request",
      rejectedParameter: "max_tokens",
    });
  });

  it("Groq 400 tool_use_failed: bad_request, with the call the model wrote (the loop may run it)", () => {
    const body = {
      error: {
        message: "Failed to call a function. Please adjust your prompt. See 'failed_generation' for more details.",
        type: "invalid_request_error",
        code: "tool_use_failed",
        failed_generation: '<function=run_python>{"code": "print(1)"}</function>',
      },
    };
    expect(
      describeModelError(httpError(400, body), { baseURL: "https://api.groq.com/openai/v1", model: "llama" }),
    ).toMatchObject({
      kind: "bad_request",
      failedGeneration: '<function=run_python>{"code": "print(1)"}</function>',
      retryable: true,
    });
  });

  it("Ollama invalid_request_error: bad_request with the provider's words", () => {
    const body = { error: { message: "invalid message format", type: "invalid_request_error" } };
    expect(describeModelError(httpError(400, body), OLLAMA)).toMatchObject({
      kind: "bad_request",
      detail: "invalid message format",
    });
  });

  it("Ollama 500 api_error: server, retryable", () => {
    const body = { error: { message: "llama runner process has terminated: exit status 2", type: "api_error" } };
    expect(describeModelError(httpError(500, body), OLLAMA)).toMatchObject({
      kind: "server",
      retryable: true,
      status: 500,
    });
  });

  it("a proxy's 502 HTML page: server, the detail without tags", () => {
    const described = describeModelError(httpError(502, "<html><body><h1>502 Bad Gateway</h1></body></html>"), OPENAI);
    expect(described).toMatchObject({ kind: "server", retryable: true, detail: "502 Bad Gateway" });
  });

  it("llama.cpp 503 while loading the model", () => {
    const body = { error: { code: 503, message: "Loading model", type: "unavailable_error" } };
    expect(describeModelError(httpError(503, body), OLLAMA).message).toContain("still loading the model");
  });

  it("Gemini: error bodies in an array, API_KEY_INVALID is auth", async () => {
    const body = [
      {
        error: {
          code: 400,
          message: "API key not valid. Please pass a valid API key.",
          status: "INVALID_ARGUMENT",
          details: [{ "@type": "type.googleapis.com/google.rpc.ErrorInfo", reason: "API_KEY_INVALID" }],
        },
      },
    ];
    const error = await sdkFailure(json(body, 400));
    const gemini = { baseURL: "https://generativelanguage.googleapis.com/v1beta/openai/", model: "gemini-2.5-flash" };
    expect(describeModelError(error, gemini)).toMatchObject({ kind: "auth", status: 400 });
  });

  it("plain objects duck-typed like SDK errors", () => {
    expect(describeModelError({ status: 401, error: { message: "bad key" }, headers: {} }, OPENAI).kind).toBe("auth");
    const limited = { status: 429, error: { message: "slow down" }, headers: { "Retry-After": "3" } };
    expect(describeModelError(limited, OPENAI).retryAfterSeconds).toBe(3);
  });
});
