import OpenAI from "openai";
// The "Reasoning" rows of ../shared/PROVIDERS.md, errors inside a 200 stream, and the real SDK's
// iteration, fed with chunks in the real chat.completion.chunk layout (./stream.testkit.ts).
import { describe, expect, it } from "vitest";
import { chunk, call, assemble, CODE, counter } from "./stream.testkit";
import { StreamAssembler, StreamError } from "./stream";

describe("reasoning", () => {
  it("DeepSeek: reasoning in reasoning_content, shown as reasoning and kept verbatim to send back", () => {
    const { turn, live } = assemble([
      chunk({ role: "assistant", content: null, reasoning_content: "" }),
      chunk({ content: null, reasoning_content: "The user wants " }),
      chunk({ content: null, reasoning_content: "a sum.\n" }),
      chunk({ content: null, reasoning_content: null, tool_calls: [call(0, "call_00_x", "run_python", CODE)] }),
      chunk({ content: "" }, "tool_calls"),
    ]);
    expect(live[1]).toEqual({ reasoning: "The user wants " });
    expect(turn.reasoning).toBe("The user wants a sum.");
    expect(turn.echo).toEqual({ reasoning_content: "The user wants a sum.\n" });
    expect(turn.toolCalls).toHaveLength(1);
  });

  it("llama.cpp / LM Studio: reasoning_content, then content", () => {
    const { turn } = assemble([
      chunk({ role: "assistant", content: null, reasoning_content: "Thinking." }),
      chunk({ content: "Answer." }, "stop"),
    ]);
    expect(turn).toMatchObject({ content: "Answer.", reasoning: "Thinking." });
  });

  it("Ollama / vLLM ≥ 0.16: reasoning in `reasoning`, not echoed", () => {
    const { turn } = assemble([
      chunk({ role: "assistant", content: "", reasoning: "Okay, " }),
      chunk({ content: "", reasoning: "easy." }),
      chunk({ content: "2" }, "stop"),
    ]);
    expect(turn).toMatchObject({ content: "2", reasoning: "Okay, easy.", echo: {} });
  });

  it("OpenRouter: the same text in reasoning and reasoning_details is shown once; details are joined for echo", () => {
    const detail = (text: string) => [{ type: "reasoning.text", text, format: "anthropic-claude-v1", index: 0 }];
    const { turn } = assemble([
      chunk({ role: "assistant", content: "", reasoning: "Step one. ", reasoning_details: detail("Step one. ") }),
      chunk({ content: "", reasoning: "Step two.", reasoning_details: detail("Step two.") }),
      chunk({
        content: "",
        reasoning_details: [
          { type: "reasoning.text", text: "", signature: "sig==", format: "anthropic-claude-v1", index: 0 },
        ],
      }),
      chunk({ content: "Done" }, "stop"),
    ]);
    expect(turn.reasoning).toBe("Step one. Step two.");
    expect(turn.echo.reasoning_details).toEqual([
      {
        type: "reasoning.text",
        text: "Step one. Step two.",
        format: "anthropic-claude-v1",
        index: 0,
        signature: "sig==",
      },
    ]);
  });

  it("OpenRouter: reasoning_details alone (summary and encrypted entries)", () => {
    const { turn } = assemble([
      chunk({ reasoning_details: [{ type: "reasoning.summary", summary: "Plan: add.", index: 0 }] }),
      chunk({ reasoning_details: [{ type: "reasoning.encrypted", data: "gAAAA", index: 1 }] }),
      chunk({ content: "3" }, "stop"),
    ]);
    expect(turn.reasoning).toBe("Plan: add.");
    expect(turn.echo.reasoning_details).toHaveLength(2);
  });

  it("Qwen/DeepSeek distills: <think>…</think> inside content, tags split across chunks", () => {
    const { turn, live } = assemble(
      ["<thi", "nk>", "Let me", " think.</th", "ink>", "\n\nThe answer", " is 4."].map((c) => chunk({ content: c })),
    );
    expect(turn.content).toBe("The answer is 4.");
    expect(turn.reasoning).toBe("Let me think.");
    expect(live.map((d) => d.content ?? "").join("")).toBe("\n\nThe answer is 4.");
    expect(live.map((d) => d.reasoning ?? "").join("")).toBe("Let me think.");
  });

  it("Gemini compat (include_thoughts): thought summaries in <thought>…</thought>, split across chunks", () => {
    const { turn } = assemble(
      ["<thou", "ght>Plan it.</tho", "ught>The sum", " is 45."].map((c) => chunk({ content: c })),
    );
    expect(turn.reasoning).toBe("Plan it.");
    expect(turn.content).toBe("The sum is 45.");
  });

  it("a leading <think> with no close until later streams as reasoning", () => {
    const { turn, live } = assemble([
      chunk({ content: "<think>\nHmm" }),
      chunk({ content: ", a long thought" }),
      chunk({ content: "</think>Yes." }, "stop"),
    ]);
    expect(live[1]).toEqual({ reasoning: ", a long thought" });
    expect(turn).toMatchObject({ content: "Yes.", reasoning: "Hmm, a long thought" });
  });

  it("a <think> block never closed: everything is reasoning", () => {
    const { turn } = assemble([chunk({ content: "<think>still going" })]);
    expect(turn).toMatchObject({ content: "", reasoning: "still going", interrupted: true });
  });

  it("DeepSeek-R1 distills whose template opened <think> in the prompt: only </think> shows, earlier text was reasoning", () => {
    const { turn, live } = assemble([
      chunk({ content: "Okay, the user asks" }),
      chunk({ content: " for 2+2.\n</think>\n\n" }),
      chunk({ content: "4" }, "stop"),
    ]);
    expect(live[1]).toEqual({ content: "\n\n", resetContent: true, reasoning: "Okay, the user asks for 2+2.\n" });
    expect(turn).toMatchObject({ content: "4", reasoning: "Okay, the user asks for 2+2." });
  });

  it("an answer that mentions <think> tags keeps them as text", () => {
    const text = 'Use re.sub(r"<think>.*?</think>", "", s) to strip them.';
    const { turn } = assemble([chunk({ content: "Use re.sub(" }), chunk({ content: text.slice(11) }, "stop")]);
    expect(turn.content).toBe(text);
    expect(turn.reasoning).toBe("");
  });

  it("a held-back partial tag that never completes is text after all", () => {
    const { turn } = assemble([chunk({ content: "a < b and x <thi" }), chunk({}, "stop")]);
    expect(turn.content).toBe("a < b and x <thi");
  });

  it("Gemini 3: extra_content.google.thought_signature is kept per tool call, and on the message", () => {
    const signature = { google: { thought_signature: "CrICAdHtim827fQ" } };
    const { turn } = assemble([
      chunk({ role: "assistant", content: "Running it.", extra_content: signature }),
      chunk({
        tool_calls: [
          { extra_content: signature, id: "", type: "function", function: { name: "run_python", arguments: CODE } },
        ],
      }),
      chunk({}, "stop"),
    ]);
    expect(turn.toolCalls[0].echo).toEqual({ extra_content: signature });
    expect(turn.echo).toEqual({ extra_content: signature });
  });

  it("Mistral Magistral: content as parts, thinking and text", () => {
    const { turn } = assemble([
      chunk({ role: "assistant", content: [{ type: "thinking", thinking: [{ type: "text", text: "Simple." }] }] }),
      chunk({ content: [{ type: "text", text: "5" }] }),
      chunk({ content: "" }, "stop"),
    ]);
    expect(turn).toMatchObject({ content: "5", reasoning: "Simple." });
  });

  it("a refusal is shown as the answer", () => {
    const { turn } = assemble([chunk({ refusal: "I can't help with that." }, "stop")]);
    expect(turn.content).toBe("I can't help with that.");
  });
});

describe("errors inside a 200 stream", () => {
  it('OpenAI / llama.cpp: a chunk {"error": {…}} throws StreamError with the body', () => {
    const assembler = new StreamAssembler();
    assembler.push(chunk({ role: "assistant", content: "Partial" }));
    const body = { error: { message: "The server had an error processing your request.", type: "server_error" } };
    let thrown: unknown;
    try {
      assembler.push(body);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(StreamError);
    expect((thrown as StreamError).body).toBe(body);
    expect((thrown as StreamError).message).toBe("The server had an error processing your request.");
    // What arrived before the error is still there.
    expect(assembler.finish()).toMatchObject({ content: "Partial", interrupted: true });
  });

  it("OpenRouter: a normal chunk with a top-level error and finish_reason error", () => {
    const bad = chunk({ content: "" }, "error", { error: { code: "server_error", message: "Provider disconnected" } });
    const assembler = new StreamAssembler();
    expect(() => assembler.push(bad)).toThrow(StreamError);
    expect(() => assembler.push(chunk({ content: "" }, "error"))).toThrow(StreamError);
  });

  it('vLLM: data: {"object": "error", …} (the SDK yields it as a chunk)', () => {
    const body = {
      object: "error",
      message: "Internal server error",
      type: "InternalServerError",
      param: null,
      code: 500,
    };
    expect(() => new StreamAssembler().push(body)).toThrow("Internal server error");
  });

  it("`event: error` whose data is a bare {message} (the SDK yields it as a chunk)", () => {
    expect(() => new StreamAssembler().push({ message: "Overloaded", code: 529 })).toThrow("Overloaded");
  });

  it("a null error field on a normal chunk is not an error", () => {
    const { turn } = assemble([chunk({ content: "ok" }, "stop", { error: null })]);
    expect(turn.content).toBe("ok");
  });
});

describe("through the real SDK's stream iteration", () => {
  /** Iterates `chat.completions.create({stream: true})` over a canned SSE body, as the loop does. */
  async function viaSdk(sse: string) {
    const client = new OpenAI({
      apiKey: "k",
      baseURL: "https://openrouter.ai/api/v1",
      maxRetries: 0,
      fetch: async () => new Response(sse, { status: 200, headers: { "content-type": "text/event-stream" } }),
    });
    const assembler = new StreamAssembler({ newId: counter() });
    const stream = await client.chat.completions.create({ model: "m", messages: [], stream: true });
    for await (const c of stream) assembler.push(c);
    return assembler.finish();
  }
  const data = (value: unknown) => `data: ${JSON.stringify(value)}\n\n`;

  it("OpenRouter: `: OPENROUTER PROCESSING` comment lines before the chunks are ignored", async () => {
    const turn = await viaSdk(
      ": OPENROUTER PROCESSING\n\n: OPENROUTER PROCESSING\n\n" +
        data(chunk({ role: "assistant", content: "Hello" })) +
        data(chunk({ content: "" }, "stop")) +
        "data: [DONE]\n\n",
    );
    expect(turn).toMatchObject({ content: "Hello", finishReason: "stop", interrupted: false });
  });

  it("a cut connection: the body just ends, no finish_reason, no [DONE] — the SDK does not throw", async () => {
    const turn = await viaSdk(
      data(chunk({ role: "assistant", content: "Partial" })) +
        data(chunk({ tool_calls: [call(0, "c", "run_python", '{"code": "1')] })),
    );
    expect(turn).toMatchObject({ content: "Partial", interrupted: true });
  });
});
