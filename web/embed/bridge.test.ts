import { describe, expect, it, vi } from "vitest";
import type { Turn } from "../agent/record";
import type { Cell } from "../kernel/cells";
import { EmbedBridge, MAX_PENDING, type EmbedActions } from "./bridge";
import type { EmbedState } from "./protocol";

const PARENT = "https://blog.example.org";
const KEY = "sk-secret-key-1234";
const head = { protocol: "code-interpreter", version: 1 };

function setUp(overrides: Partial<EmbedActions> = {}) {
  const sent: { message: unknown; target: string }[] = [];
  const parent = { postMessage: (message: unknown, target: string) => sent.push({ message, target }) };
  const listeners = new Set<(event: MessageEvent) => void>();
  const win = {
    parent,
    addEventListener: (_: "message", l: (event: MessageEvent) => void) => listeners.add(l),
    removeEventListener: (_: "message", l: (event: MessageEvent) => void) => listeners.delete(l),
  };
  let state: EmbedState = { kernel: "ready", busy: false, canAsk: true };
  const actions: EmbedActions = {
    addFiles: vi.fn(async (files: File[]) => ({
      saved: files.map((file) => ({ name: file.name.replace(/.*\//, ""), file })),
      refused: [],
    })),
    ask: vi.fn(async (question: string) => turn(question)),
    run: vi.fn(async (code: string) => cell(code)),
    state: () => state,
    secrets: () => [KEY],
    ...overrides,
  };
  const bridge = new EmbedBridge(win, PARENT, actions);
  const deliver = (data: unknown, { origin = PARENT, source = parent as unknown } = {}) => {
    for (const listener of listeners) listener({ data, origin, source } as MessageEvent);
  };
  const settle = () => new Promise((done) => setTimeout(done, 0));
  return { bridge, sent, deliver, actions, settle, listeners, setState: (s: EmbedState) => (state = s) };
}

function turn(question: string): Turn {
  return {
    id: "t1",
    createdAt: 1,
    question,
    userCells: [{ code: "secret_user_code()", output: "the user's own output" }],
    steps: [
      {
        assistant: { content: "", reasoning: "", toolCalls: [], echo: {} },
        results: [
          { callId: "c1", code: "print(42)", status: "ok", output: "42\n", message: "Ran. 42", images: ["iVBOR"] },
        ],
      },
    ],
    answer: { content: "The answer is 42.", reasoning: "thinking…", toolCalls: [], echo: {} },
    status: "done",
    usage: { prompt_tokens: 10 },
  } as Turn;
}

function cell(code: string): Cell {
  return {
    id: "c",
    code,
    origin: "user",
    createdAt: 1,
    ranAt: 1,
    ranBy: "user",
    status: "done",
    outputs: [
      { type: "progress", message: "Loading numpy" },
      { type: "stream", name: "stdout", text: "hello\n" },
      { type: "display", data: { "text/plain": "<Figure>", "image/png": "iVBOR" } },
      { type: "result", data: { "text/plain": "3" } },
    ],
    changedFiles: ["out.csv"],
  };
}

describe("EmbedBridge", () => {
  it("says ready to the parent's origin, then only state changes", () => {
    const { bridge, sent, setState } = setUp();
    bridge.start();
    expect(sent).toEqual([
      { message: { ...head, type: "ready", state: { kernel: "ready", busy: false, canAsk: true } }, target: PARENT },
    ]);
    bridge.stateChanged();
    expect(sent).toHaveLength(1);
    setState({ kernel: "running", busy: true, canAsk: true });
    bridge.stateChanged();
    expect(sent[1]).toEqual({
      message: { ...head, type: "state", state: { kernel: "running", busy: true, canAsk: true } },
      target: PARENT,
    });
  });

  it("ignores messages from another window or another origin, and foreign or malformed ones", async () => {
    const { bridge, sent, deliver, actions, settle } = setUp();
    bridge.start({ announce: false });
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const run = { ...head, type: "run", id: "x", code: "print('forged')" };
    deliver(run, { source: {} }); // a sibling frame at the allowed origin
    deliver(run, { origin: "https://evil.example.net" }); // the parent window, but not the allowed origin
    deliver(run, { origin: "null" });
    deliver({ ...run, protocol: "else" });
    deliver({ ...run, version: 2 });
    deliver({ ...run, apiKey: KEY });
    await settle();
    expect(actions.run).not.toHaveBeenCalled();
    expect(sent).toEqual([]);
    expect(warn).toHaveBeenCalledTimes(2);
    warn.mockRestore();
  });

  it("answers an ask with the answer and its cells' text, and nothing of the user's own", async () => {
    const { bridge, sent, deliver, settle } = setUp();
    bridge.start({ announce: false });
    deliver({ ...head, type: "ask", id: "q1", question: "What is it?" });
    await settle();
    expect(sent).toEqual([
      {
        target: PARENT,
        message: {
          ...head,
          type: "result",
          id: "q1",
          request: "ask",
          result: {
            status: "done",
            answer: "The answer is 42.",
            cells: [{ code: "print(42)", status: "ok", output: "42\n" }],
          },
        },
      },
    ]);
  });

  it("refuses an ask without a model, or while a turn runs", async () => {
    const { bridge, sent, deliver, settle, setState, actions } = setUp({ ask: vi.fn(async () => null) });
    bridge.start({ announce: false });
    setState({ kernel: "ready", busy: false, canAsk: false });
    deliver({ ...head, type: "ask", id: "a", question: "q" });
    await settle();
    setState({ kernel: "ready", busy: false, canAsk: true });
    deliver({ ...head, type: "ask", id: "b", question: "q" }); // ask() found a turn running
    await settle();
    expect(sent.map((s) => s.message)).toMatchObject([
      { type: "error", id: "a", code: "no-model" },
      { type: "error", id: "b", code: "busy" },
    ]);
    expect(actions.ask).toHaveBeenCalledTimes(1);
  });

  it("reports a model error by its kind only (provider text can quote the key)", async () => {
    const failed = {
      ...turn("q"),
      status: "error",
      answer: null,
      notice: `Incorrect API key provided: ${KEY.slice(0, 6)}****`,
      error: { kind: "auth", message: "Incorrect API key provided", retryable: false },
    } as Turn;
    const { bridge, sent, deliver, settle } = setUp({ ask: async () => failed });
    bridge.start({ announce: false });
    deliver({ ...head, type: "ask", id: "q", question: "q" });
    await settle();
    const { result } = sent[0].message as { result: Record<string, unknown> };
    expect(result).toMatchObject({ status: "error", answer: "", error: "auth" });
    expect(result).not.toHaveProperty("notice");
  });

  it("answers a run with the cell's outputs, and addFiles with the names given", async () => {
    const { bridge, sent, deliver, settle, actions } = setUp();
    bridge.start({ announce: false });
    deliver({ ...head, type: "run", id: "r", code: "print('hello')" });
    deliver({ ...head, type: "addFiles", id: "f", files: [{ name: "dir/a.csv", data: "x\n1\n" }] });
    await settle();
    expect(actions.run).toHaveBeenCalledWith("print('hello')");
    expect(sent.map((s) => s.message)).toEqual([
      {
        ...head,
        type: "result",
        id: "r",
        request: "run",
        result: {
          status: "done",
          outputs: [
            { type: "stream", name: "stdout", text: "hello\n" },
            { type: "display", data: { "text/plain": "<Figure>", "image/png": "iVBOR" } },
            { type: "value", data: { "text/plain": "3" } },
          ],
          changedFiles: ["out.csv"],
        },
      },
      {
        ...head,
        type: "result",
        id: "f",
        request: "addFiles",
        result: { files: [{ name: "a.csv", size: 4 }], refused: [] },
      },
    ]);
  });

  it("never sends the key, whatever field carries it", async () => {
    const leaky = { ...cell("x"), outputs: [{ type: "stream" as const, name: "stdout" as const, text: `key=${KEY}` }] };
    const { bridge, sent, deliver, settle } = setUp({ run: async () => leaky });
    bridge.start({ announce: false });
    deliver({ ...head, type: "run", id: "r", code: "x" });
    await settle();
    expect(JSON.stringify(sent)).not.toContain(KEY);
    expect(JSON.stringify(sent)).toContain("key=[removed]");
  });

  it("turns a failure into an error reply, and caps the requests in progress", async () => {
    let release = () => {};
    const blocked = new Promise<Cell>((done) => (release = () => done(cell("x"))));
    const { bridge, sent, deliver, settle } = setUp({
      run: () => blocked,
      addFiles: async () => {
        throw new Error("The kernel is gone.");
      },
    });
    bridge.start({ announce: false });
    deliver({ ...head, type: "addFiles", id: "f", files: [{ name: "a", data: "x" }] });
    await settle();
    for (let i = 0; i < MAX_PENDING + 1; i++) deliver({ ...head, type: "run", id: `r${i}`, code: "x" });
    await settle();
    expect(sent.map((s) => s.message)).toMatchObject([
      { type: "error", id: "f", code: "failed", message: "The kernel is gone." },
      { type: "error", id: `r${MAX_PENDING}`, code: "too-many" },
    ]);
    release();
    await settle();
    expect(sent).toHaveLength(2 + MAX_PENDING);
  });

  it("stops listening when stopped", async () => {
    const { bridge, listeners } = setUp();
    bridge.start();
    expect(listeners.size).toBe(1);
    bridge.stop();
    expect(listeners.size).toBe(0);
  });
});
