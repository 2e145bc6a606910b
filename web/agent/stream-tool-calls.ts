/**
 * Tool calls assembled from streamed deltas, for every dialect in ../shared/PROVIDERS.md
 * ("Streaming tool calls"). The SDK's own helper merges calls by `index` alone and breaks on
 * several of them, so the rule lives here.
 *
 * Which call does a delta belong to?
 * 1. Its slot: the call last opened at its `index`; without `index`, the call that already has
 *    its id, else (several deltas in one chunk) the call last opened at its position in the
 *    chunk, else the most recent call. Legacy `function_call` has a slot of its own.
 * 2. It continues that call unless it clearly starts another one, which takes a non-empty
 *    function name and a call that is not half-way through its arguments:
 *    - arguments complete (they parse as JSON): a new call unless the delta's id is one the
 *      call already carried — Ollama/LiteLLM send parallel calls all at `index: 0`, Gemini
 *      sends `id: ""`, LiteLLM repeats id and name on every chunk;
 *    - no arguments yet: a new call only if the name differs (a repeated name is not a start);
 *    - arguments half-way: never — nobody interleaves inside one call, and Kimi/LiteLLM change
 *      the id mid-call.
 * So an id alone never starts a call. A call keeps its first non-empty id (invented, 9 chars
 * [A-Za-z0-9] as Mistral demands, when none came); the name is overwritten only by a non-empty
 * one (LM Studio and watsonx send `name: ""` later); empty arguments become "{}". A trailing
 * delta that only repeats the previous call's name (no id, no arguments) is dropped at the end.
 */

export interface ToolCall {
  id: string;
  name: string;
  /** Raw JSON text as assembled; parse with `parseArguments`. */
  arguments: string;
  /** Fields on this call to send back verbatim with it (Gemini 3's `extra_content.google.thought_signature`). */
  echo?: Record<string, unknown>;
}

/** Fields of a tool-call delta that the provider needs back on later requests. */
const CALL_ECHO_FIELDS = ["extra_content"];

const ID_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/** A tool-call id every provider accepts: Mistral wants exactly 9 characters of [A-Za-z0-9]. */
export function newToolCallId(): string {
  let id = "";
  while (id.length < 9) {
    for (const byte of crypto.getRandomValues(new Uint8Array(16))) {
      // 248 = 4 × 62: dropping the rest keeps every character equally likely.
      if (byte < 248 && id.length < 9) id += ID_ALPHABET[byte % 62];
    }
  }
  return id;
}

interface CallDelta {
  index?: number;
  id?: string;
  name?: string;
  arguments: string;
  echo?: Record<string, unknown>;
}

interface OpenCall {
  providerId?: string;
  /** Every id the call has carried (Kimi and LiteLLM change it mid-call). */
  ids: Set<string>;
  inventedId?: string;
  name: string;
  arguments: string;
  echo?: Record<string, unknown>;
}

export class ToolCallAccumulator {
  private readonly calls: OpenCall[] = [];
  private readonly bySlot = new Map<string, OpenCall>();
  private readonly byId = new Map<string, OpenCall>();

  constructor(private readonly newId: () => string = newToolCallId) {}

  /** `delta.tool_calls` of one chunk. */
  pushToolCalls(deltas: unknown[]): void {
    const readable = deltas.map(readDelta).filter((d) => d !== null);
    readable.forEach((delta, position) => {
      let slot: string | undefined;
      let open: OpenCall | undefined;
      if (delta.index !== undefined) {
        slot = `index ${delta.index}`;
        open = this.bySlot.get(slot);
      } else if (delta.id !== undefined && this.byId.has(delta.id)) {
        open = this.byId.get(delta.id);
      } else if (readable.length > 1) {
        slot = `position ${position}`;
        open = this.bySlot.get(slot);
      } else {
        open = this.calls.at(-1);
      }
      this.apply(delta, open, slot);
    });
  }

  /** Legacy `delta.function_call` ({name, arguments}): one call per message. */
  pushFunctionCall(value: unknown): void {
    const delta = readDelta({ function: value });
    if (delta) this.apply(delta, this.bySlot.get("function_call"), "function_call");
  }

  /** Tool calls were streamed (whatever finish_reason says). */
  get hasCalls(): boolean {
    return this.calls.some((call) => call.name !== "");
  }

  /** The calls so far, in the order they started; a call that never got a name can't be run and is left out. */
  finish(): ToolCall[] {
    return this.calls
      .filter((call, i) => call.name !== "" && !isEcho(call, this.calls[i - 1]))
      .map((call) => {
        const id = call.providerId ?? (call.inventedId ??= this.newId());
        const args = call.arguments.trim() === "" ? "{}" : call.arguments;
        return { id, name: call.name, arguments: args, ...(call.echo && { echo: call.echo }) };
      });
  }

  private apply(delta: CallDelta, open: OpenCall | undefined, slot: string | undefined) {
    let call = open;
    if (!call || startsNewCall(call, delta)) {
      call = { ids: new Set(), name: "", arguments: "" };
      this.calls.push(call);
    }
    if (slot !== undefined) this.bySlot.set(slot, call);
    if (delta.id !== undefined) {
      call.providerId ??= delta.id;
      call.ids.add(delta.id);
      this.byId.set(delta.id, call);
    }
    if (delta.name !== undefined) call.name = delta.name;
    call.arguments = appendArguments(call.arguments, delta.arguments);
    if (delta.echo) call.echo = { ...call.echo, ...delta.echo };
  }
}

/**
 * A "call" that only repeated the previous call's name — no id, never any arguments — is the
 * trailing chunk of a server that repeats the name on every chunk, not a call of its own.
 */
function isEcho(call: OpenCall, previous: OpenCall | undefined): boolean {
  return previous !== undefined && call.ids.size === 0 && call.arguments.trim() === "" && call.name === previous.name;
}

function startsNewCall(open: OpenCall, delta: CallDelta): boolean {
  if (delta.name === undefined) return false;
  const args = open.arguments.trim();
  if (args === "") return open.name !== "" && delta.name !== open.name;
  if (!parses(args)) return false;
  return delta.id === undefined || !open.ids.has(delta.id);
}

/**
 * A call's arguments with a delta's added. Most servers send pieces to append, but some send
 * everything so far again each time, the whole call again at the end (LiteLLM, DeepSeek), or "{}"
 * before the real arguments. A piece that starts with everything so far, or an object after
 * complete arguments, replaces them: appended, either would be invalid JSON (the arguments are
 * an object, and a `{"` inside one of its strings comes escaped).
 */
function appendArguments(args: string, piece: string): string {
  if (args !== "" && piece.startsWith(args)) return piece;
  if (piece.trimStart().startsWith("{") && args.trim() !== "" && parses(args)) return piece;
  return args + piece;
}

function parses(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** One tool-call delta, read defensively; empty strings count as absent. */
function readDelta(value: unknown): CallDelta | null {
  if (!isRecord(value)) return null;
  const fn = isRecord(value.function) ? value.function : {};
  const args = fn.arguments;
  const delta: CallDelta = {
    // Some servers send arguments as an object rather than JSON text.
    arguments: typeof args === "string" ? args : args == null ? "" : JSON.stringify(args),
  };
  if (typeof value.index === "number") delta.index = value.index;
  if (typeof value.id === "string" && value.id !== "") delta.id = value.id;
  if (typeof fn.name === "string" && fn.name !== "") delta.name = fn.name;
  for (const field of CALL_ECHO_FIELDS) {
    if (value[field] != null) delta.echo = { ...delta.echo, [field]: value[field] };
  }
  return delta;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
