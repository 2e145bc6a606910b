// parseArguments (PROVIDERS.md: "Empty or absent arguments; a dropped closing }") and the text
// fallback (PROVIDERS.md: "Tool call written as text").
import { describe, expect, it } from "vitest";
import { parseArguments, parseTextToolCalls } from "./stream";

const TOOLS = ["run_python"];
const ID = /^[A-Za-z0-9]{9}$/;

describe("parseArguments", () => {
  it("empty or blank arguments are {}", () => {
    expect(parseArguments("")).toEqual({ ok: true, value: {} });
    expect(parseArguments("  \n")).toEqual({ ok: true, value: {} });
  });

  it("a valid JSON object", () => {
    expect(parseArguments('{"code": "print(1)", "title": "One"}')).toEqual({
      ok: true,
      value: { code: "print(1)", title: "One" },
    });
  });

  it("vLLM hermes: a dropped closing } is repaired", () => {
    expect(parseArguments('{"code": "print(1)"')).toEqual({ ok: true, value: { code: "print(1)" } });
  });

  it('a dropped "} (the string never closed) is repaired', () => {
    expect(parseArguments('{"code": "print(1)')).toEqual({ ok: true, value: { code: "print(1)" } });
  });

  it("trailing commas are dropped, but commas inside strings are left alone", () => {
    expect(parseArguments('{"code": "f(a, b,)\\nx = [1, 2,]", }')).toEqual({
      ok: true,
      value: { code: "f(a, b,)\nx = [1, 2,]" },
    });
  });

  it("a ```json code fence around the object", () => {
    expect(parseArguments('```json\n{"code": "1"}\n```')).toEqual({ ok: true, value: { code: "1" } });
  });

  it("raw newlines and tabs inside a code string are escaped", () => {
    expect(parseArguments('{"code": "for i in range(3):\n\tprint(i)"}')).toEqual({
      ok: true,
      value: { code: "for i in range(3):\n\tprint(i)" },
    });
  });

  it("one extra closing brace after the object", () => {
    expect(parseArguments('{"code": "1"}}')).toEqual({ ok: true, value: { code: "1" } });
  });

  it("an object encoded twice as a JSON string", () => {
    expect(parseArguments('"{\\"code\\": \\"1\\"}"')).toEqual({ ok: true, value: { code: "1" } });
  });

  it("not an object: a short reason", () => {
    expect(parseArguments("[1, 2]")).toEqual({ ok: false, error: "expected one JSON object, got an array" });
  });

  it("beyond repair: ok false with a one-line reason from the parser", () => {
    const result = parseArguments("{'code': 'print(1)'}");
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error).not.toMatch(/\n/);
      expect(result.error.length).toBeGreaterThan(5);
      expect(result.error.length).toBeLessThanOrEqual(160);
    }
  });
});

describe("parseTextToolCalls", () => {
  it("Hermes/Qwen: one <tool_call> block, with the text around it kept", () => {
    const content =
      'Let me compute that.\n<tool_call>\n{"name": "run_python", "arguments": {"code": "print(6*7)"}}\n</tool_call>';
    const parsed = parseTextToolCalls(content, TOOLS);
    expect(parsed?.text).toBe("Let me compute that.");
    expect(parsed?.calls).toHaveLength(1);
    expect(parsed?.calls[0]).toMatchObject({ name: "run_python", arguments: '{"code":"print(6*7)"}' });
    expect(parsed?.calls[0].id).toMatch(ID);
  });

  it("several <tool_call> blocks, the last one unclosed", () => {
    const content =
      '<tool_call>{"name": "run_python", "arguments": {"code": "a"}}</tool_call>\n' +
      '<tool_call>{"name": "run_python", "arguments": {"code": "b"}}';
    const parsed = parseTextToolCalls(content, TOOLS);
    expect(parsed?.calls.map((c) => c.arguments)).toEqual(['{"code":"a"}', '{"code":"b"}']);
    expect(parsed?.text).toBe("");
  });

  it("<tool_call> with a raw newline inside the code string", () => {
    const content = '<tool_call>\n{"name": "run_python", "arguments": {"code": "x = 1\nprint(x)"}}\n</tool_call>';
    expect(parseTextToolCalls(content, TOOLS)?.calls[0].arguments).toBe('{"code":"x = 1\\nprint(x)"}');
  });

  it("arguments given as a JSON string are kept as that text", () => {
    const content = '<tool_call>{"name": "run_python", "arguments": "{\\"code\\": \\"1\\"}"}</tool_call>';
    expect(parseTextToolCalls(content, TOOLS)?.calls[0].arguments).toBe('{"code": "1"}');
  });

  it("Qwen3-Coder: XML function and parameters inside <tool_call>", () => {
    const content =
      "I'll run it.\n<tool_call>\n<function=run_python>\n<parameter=code>\nimport math\nprint(math.pi)\n</parameter>\n</function>\n</tool_call>";
    const parsed = parseTextToolCalls(content, TOOLS);
    expect(parsed?.calls[0]).toMatchObject({ name: "run_python" });
    expect(JSON.parse(parsed!.calls[0].arguments)).toEqual({ code: "import math\nprint(math.pi)" });
    expect(parsed?.text).toBe("I'll run it.");
  });

  it("Mistral: [TOOL_CALLS][{…}, {…}]", () => {
    const content =
      '[TOOL_CALLS][{"name": "run_python", "arguments": {"code": "1"}}, {"name": "run_python", "arguments": {"code": "2"}}]';
    const parsed = parseTextToolCalls(content, TOOLS);
    expect(parsed?.calls.map((c) => c.arguments)).toEqual(['{"code":"1"}', '{"code":"2"}']);
    expect(parsed?.text).toBe("");
  });

  it("Mistral (newer tokenizers): [TOOL_CALLS]name[ARGS]{…}", () => {
    const content = 'Sure.[TOOL_CALLS]run_python[ARGS]{"code": "print(2)"}';
    const parsed = parseTextToolCalls(content, TOOLS);
    expect(parsed?.calls[0]).toMatchObject({ name: "run_python", arguments: '{"code":"print(2)"}' });
    expect(parsed?.text).toBe("Sure.");
  });

  it.each([
    ["Llama 3.1", 'Let me count.\n<function=run_python>{"code": "print(len(\'}\'))"}</function>', "Let me count."],
    ["Groq's failed_generation, without the >", '<function=run_python{"code": "print(len(\'}\'))"}</function>', ""],
  ])("%s: <function=name>{…}</function>", (_, content, text) => {
    const parsed = parseTextToolCalls(content, TOOLS);
    expect(parsed?.calls).toEqual([
      { id: expect.stringMatching(ID), name: "run_python", arguments: `{"code":"print(len('}'))"}` },
    ]);
    expect(parsed?.text).toBe(text);
  });

  it('Llama 3: a bare JSON object with "parameters" as the whole content, after <|python_tag|>', () => {
    const parsed = parseTextToolCalls('<|python_tag|>{"name": "run_python", "parameters": {"code": "3"}}', TOOLS);
    expect(parsed).toMatchObject({ calls: [{ name: "run_python", arguments: '{"code":"3"}' }], text: "" });
  });

  it("Llama 3.1's code interpreter: raw code after <|python_tag|> is a call of the code tool", () => {
    const parsed = parseTextToolCalls("<|python_tag|>print(7 * 6)", TOOLS);
    expect(parsed).toMatchObject({ calls: [{ name: "run_python", arguments: '{"code":"print(7 * 6)"}' }], text: "" });
    expect(parseTextToolCalls("print(7 * 6)", TOOLS)).toBeNull(); // untagged code is an answer
  });

  it("a bare JSON object inside a ```json fence", () => {
    const content = '```json\n{"name": "run_python", "arguments": {"code": "4"}}\n```';
    expect(parseTextToolCalls(content, TOOLS)?.calls[0].arguments).toBe('{"code":"4"}');
  });

  it("an OpenAI-shaped object {type, function: {name, arguments}}", () => {
    const content = '{"type": "function", "function": {"name": "run_python", "arguments": {"code": "5"}}}';
    expect(parseTextToolCalls(content, TOOLS)?.calls[0].arguments).toBe('{"code":"5"}');
  });

  it("only names in toolNames count: an unknown tool leaves nothing to parse", () => {
    expect(parseTextToolCalls('<tool_call>{"name": "web_search", "arguments": {}}</tool_call>', TOOLS)).toBeNull();
    expect(parseTextToolCalls('{"name": "web_search", "arguments": {}}', TOOLS)).toBeNull();
  });

  it("plain prose, JSON data that is not a call, and broken markup give null", () => {
    expect(parseTextToolCalls("The answer is 42.", TOOLS)).toBeNull();
    expect(parseTextToolCalls('{"mean": 3.5, "n": 10}', TOOLS)).toBeNull();
    expect(parseTextToolCalls("<tool_call>run_python(code='1')</tool_call>", TOOLS)).toBeNull();
  });
});
