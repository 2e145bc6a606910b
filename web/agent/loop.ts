/**
 * The agent loop (ReAct): ask the model; run each `run_python` call it makes in the kernel;
 * give it the real output; repeat until it answers without a tool call. Free of React and of
 * the browser's kernel: everything it touches comes in through `LoopDeps`, so it runs in tests
 * with a fake model and a fake kernel. Its state is the plain record of ./record.ts.
 */
import type { Cell } from "../kernel/cells";
import { messageOf } from "../lib/message-of";
import type { ModelClient } from "./client";
import { describeModelError } from "./errors";
import { groundAnswer } from "./grounding";
import { fitted, leftOutNote, rememberTooLong, sizeOf } from "./context-fit";
import { buildMessages, NOT_RUN, type MessageOptions } from "./messages";
import { RUN_PYTHON_TOOL } from "./prompt";
import { newTurn, type ToolResult, type Turn } from "./record";
import { runTool } from "./run-tool";
import { feedBack, readFailedCall, readTextCalls } from "./written-calls";
import type { ChatMessage } from "./client";
import { StreamAssembler, type AssembledTurn } from "./stream";

export const DEFAULT_MAX_TOOL_CALLS = 15;
/** How often the answer being streamed is shown anew. */
const DRAFT_INTERVAL_MS = 50;
/** …or sooner, once it has grown this much: what is new is drawn in one task, kept short. */
const DRAFT_CHARS = 1000;
/** Models ("baseURL model") that refused figures, for the page's life: later turns send none. */
const refusedImages = new Set<string>();

export interface LoopDeps {
  model: ModelClient;
  /** Runs code in the kernel as a visible cell (`started` names it at once); resolves with the finished cell. */
  runCell(code: string, title: string | undefined, started: (cellId: string) => void): Promise<Cell>;
  /** The system prompt, with the environment's current facts (files, versions, limits). */
  systemPrompt(): Promise<string>;
  endpoint: { baseURL: string; model: string };
  /** Shrinks a figure before it goes to a vision model (browser only; absent in tests). */
  downscale?: (png: string) => Promise<string>;
  options: MessageOptions & { maxToolCalls: number };
}

/** Runs one turn: `onChange` sees every update of the turn's record (a fresh object each time). */
export async function runTurn(
  deps: LoopDeps,
  history: Turn[],
  question: string,
  onChange: (turn: Turn) => void,
  signal: AbortSignal,
  userCells: Turn["userCells"] = [],
): Promise<Turn> {
  let turn = newTurn(question, userCells);
  const update = (patch: Partial<Turn>) => {
    turn = { ...turn, ...patch };
    onChange(turn);
  };
  update({});
  let toolCalls = 0;
  const { baseURL, model } = deps.endpoint;
  const modelKey = `${baseURL} ${model}`;
  /** Figures go to the model as images until it refuses them (the preset may say it sees them). */
  let vision = deps.options.vision && !refusedImages.has(modelKey);
  /** How many of the earliest turns the last request left out, to fit the model's context window. */
  let leftOut = 0;
  /** Whether a tool call the server could not read went back to the model (once a turn). */
  let fedBack = false;
  /** The system prompt, once asked for. */
  let system = "";
  try {
    try {
      system = await deps.systemPrompt();
    } catch (error) {
      // The kernel's part (its files, its versions): not the model endpoint's failure.
      const notice = `Python could not be asked about its files (${messageOf(error)}). Try again in a moment.`;
      return finish({ status: "error", notice });
    }
    for (;;) {
      signal.throwIfAborted();
      const assembled = await ask(request());
      const usage = addUsage(turn.usage, assembled.usage);
      let { content, toolCalls: calls } = assembled;
      if (calls.length === 0) {
        const fromText = readTextCalls(content);
        if (fromText) ({ calls, text: content } = fromText);
      }
      const message = { content, reasoning: assembled.reasoning, echo: assembled.echo, from: baseURL, model };
      // A cut-off reply may hold half-written code: never run it.
      const interrupted = assembled.interrupted || assembled.finishReason === "length";
      const filtered = assembled.finishReason === "content_filter"; // Azure, Gemini
      if (calls.length === 0 || interrupted || filtered) {
        return finish({
          answer: {
            ...message,
            content: content || (calls.length ? "(The reply was cut off while writing code.)" : ""),
            toolCalls: [],
          },
          usage,
          status: interrupted || filtered ? "interrupted" : "done",
          notice: interrupted
            ? "The model's reply was cut off before it finished; what arrived is shown."
            : filtered
              ? "The provider's content filter stopped the model's reply; what arrived is shown."
              : content.trim() === ""
                ? "The model ended its reply without an answer. Try asking again."
                : leftOut
                  ? `The model answered without the first ${leftOut === 1 ? "turn" : `${leftOut} turns`} of this conversation: all of it no longer fits its context window.`
                  : undefined,
          grounding: groundAnswer(content, sources([...history, turn]), question),
        });
      }
      const step = { assistant: { ...message, toolCalls: calls.map((c) => ({ ...c, id: callId() })) }, results: [] };
      // The draft was this step's opening words, shown above its cells from now on.
      update({ steps: [...turn.steps, step], usage, draft: undefined });
      for (const call of step.assistant.toolCalls) {
        if (toolCalls >= deps.options.maxToolCalls) {
          return finish({
            status: "limit",
            notice: `Stopped after ${deps.options.maxToolCalls} tool calls in this turn (the limit). Ask again to continue.`,
          });
        }
        toolCalls++;
        const result = await runTool({ ...deps, options: { ...deps.options, vision } }, call, addResult);
        addResult(result);
        signal.throwIfAborted();
      }
    }
  } catch (error) {
    // What the answer had shown so far stays, whether the user stopped it or the endpoint failed.
    const partial = turn.draft?.content
      ? { content: turn.draft.content, reasoning: "", toolCalls: [], echo: {} }
      : null;
    if (signal.aborted) return finish({ status: "stopped", notice: "Stopped.", answer: partial });
    const described = describeModelError(error, { ...deps.endpoint, streamStarted: !!turn.draft?.content });
    return finish({ status: "error", error: described, notice: described.message, answer: partial });
  }

  /**
   * One reply of the model, streamed into the turn's draft as it comes: at most every
   * DRAFT_INTERVAL_MS (a fast stream brings hundreds of chunks a second), or every DRAFT_CHARS
   * of new text (a stream read at once would otherwise be drawn in one long task), with a task
   * for the page after each; less often where drawing it is dear.
   */
  async function streamReply(messages: ChatMessage[]): Promise<AssembledTurn> {
    const assembler = new StreamAssembler();
    let draft = { content: "", reasoning: "" };
    let shown = draft;
    let shownAt = -Infinity;
    /** How long showing the draft took last time, drawing included (ms). */
    let cost = 0;
    const show = () => {
      if (shown !== draft) update({ draft: (shown = draft) });
      shownAt = performance.now();
    };
    try {
      for await (const chunk of deps.model.stream({ messages, tools: [RUN_PYTHON_TOOL] }, signal)) {
        signal.throwIfAborted(); // Stop ends the answer now, not after the chunks already read
        const delta = assembler.push(chunk);
        if (delta.content || delta.reasoning || delta.resetContent) {
          const before = delta.resetContent ? "" : draft.content; // text that turned out to be reasoning
          draft = { content: before + (delta.content ?? ""), reasoning: draft.reasoning + (delta.reasoning ?? "") };
          // Where drawing is dear (a long block parsed again, pathological Markdown), drafts come
          // less often: both bounds grow with its cost, so the draft never takes most of the time.
          const grown = draft.content.length - shown.content.length >= DRAFT_CHARS * Math.max(1, cost / 50);
          if (grown || performance.now() - shownAt >= Math.max(DRAFT_INTERVAL_MS, 4 * cost)) {
            const start = performance.now();
            show();
            // The page's turn: a stream read faster than it is drawn is not one long task.
            await new Promise((resolve) => setTimeout(resolve));
            cost = performance.now() - start;
          }
        }
      }
    } finally {
      show(); // all of it, also when the stream failed or was stopped: what arrived is kept
    }
    signal.throwIfAborted(); // an aborted stream may just end, without an error
    return assembler.finish();
  }

  /** The request for the turn as it stands, without the oldest turns where they no longer fit. */
  function request(): ChatMessage[] {
    const options = { ...deps.options, vision, endpoint: baseURL, model };
    const fit = fitted(modelKey, history.length, (skip) =>
      buildMessages(skip ? system + leftOutNote(skip) : system, [...history.slice(skip), turn], options),
    );
    leftOut = fit.leftOut;
    return fit.messages;
  }

  /** One request, and what follows if the endpoint refuses it. */
  function ask(messages: ChatMessage[]): Promise<AssembledTurn> {
    return streamReply(messages).catch((error: unknown) => recover(error, messages));
  }

  /**
   * A reply to a request the endpoint refused, where the turn can get past the refusal: figures
   * sent to a model that takes no images go again without them (and never again to it); a request
   * too long for the model's context goes again without the oldest turns; a tool call Groq could
   * not read (`tool_use_failed` returns what the model wrote) is run where it can be read, else
   * goes back to the model once. Each retry sends less than the one before, so this ends.
   */
  async function recover(error: unknown, sent: ChatMessage[]): Promise<AssembledTurn> {
    if (signal.aborted) throw error;
    const { kind, imagesRefused, failedGeneration } = describeModelError(error, deps.endpoint);
    if (imagesRefused && vision) {
      vision = false;
      refusedImages.add(modelKey);
      return ask(request());
    }
    if (kind === "context") {
      rememberTooLong(modelKey, sizeOf(sent));
      const shorter = request();
      if (sizeOf(shorter) < sizeOf(sent)) return ask(shorter);
      throw error;
    }
    if (failedGeneration === undefined) throw error;
    const readable = readFailedCall(failedGeneration);
    if (readable) return readable;
    if (fedBack) throw error;
    fedBack = true;
    return streamReply([...sent, ...feedBack(failedGeneration)]);
  }

  /** Adds a call's result, or replaces its "running" placeholder. */
  function addResult(result: ToolResult) {
    const steps = [...turn.steps];
    const last = steps.at(-1)!;
    const results = last.results.filter((r) => r.callId !== result.callId);
    steps[steps.length - 1] = { ...last, results: [...results, result] };
    update({ steps });
  }

  /** Ends the turn; every tool call gets a result message (APIs reject a call without one). */
  function finish(patch: Partial<Turn>): Turn {
    const last = turn.steps.at(-1);
    for (const call of last?.assistant.toolCalls ?? []) {
      const result = last!.results.find((r) => r.callId === call.id);
      if (!result || result.status === "running") {
        const message = result ? "Stopped before it finished." : NOT_RUN;
        addResult({
          ...result,
          callId: call.id,
          code: result?.code ?? "",
          status: "killed",
          output: "",
          message,
          images: [],
        });
      }
    }
    update({ ...patch, draft: undefined });
    return turn;
  }
}

/** Answers quote earlier turns' outputs too ("still 50,000"): the last few turns', oldest first. */
const GROUNDING_TURNS = 10;
const sources = (turns: Turn[]) =>
  turns
    .slice(-GROUNDING_TURNS)
    .flatMap((turn) => turn.steps)
    .flatMap((s) => s.results.filter((r) => r.cellId).map((r) => ({ cellId: r.cellId!, text: r.output })));

function addUsage(a: Turn["usage"], b: Turn["usage"] | null): Turn["usage"] {
  if (!b) return a;
  const sum = (x?: number, y?: number) => (x === undefined && y === undefined ? undefined : (x ?? 0) + (y ?? 0));
  return {
    promptTokens: sum(a.promptTokens, b.promptTokens),
    completionTokens: sum(a.completionTokens, b.completionTokens),
    totalTokens: sum(a.totalTokens, b.totalTokens),
  };
}

const ID_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/** Tool-call ids of 9 characters [A-Za-z0-9]: the only form every provider accepts (Mistral). */
function callId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(9));
  return Array.from(bytes, (b) => ID_CHARS[b % ID_CHARS.length]).join("");
}
