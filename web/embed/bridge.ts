/**
 * The bridge between an allowed parent page and the app (protocol.ts). It takes requests only
 * from `window.parent` at the parent's origin (which the caller found to be in `embedOrigins`),
 * parses them strictly, carries them out through the same paths a person uses (upload, Message,
 * Python code), and replies to that origin alone, naming it as the target of every message.
 * Only requests the parent made are answered; what the user does in the frame is never reported.
 */
import type { Turn } from "../agent/record";
import type { Cell } from "../kernel/cells";
import { EMBED_PROTOCOL, EMBED_VERSION, type EmbedMessage, type EmbedRequest, type EmbedState } from "./protocol";
import { redact } from "./redact";
import { askResult, runResult } from "./results";
import { parseRequest, toFile } from "./validate";

/** What the bridge does a request with: the app's own actions. */
export interface EmbedActions {
  /** Uploads, as the picker does: size cap, safe and unused names. */
  addFiles(files: File[]): Promise<{ saved: { name: string; file: File }[]; refused: string[] }>;
  /** Sends a question; resolves with the finished turn, or null when none could start. */
  ask(question: string): Promise<Turn | null>;
  /** Runs code as a new cell; resolves with the finished cell. */
  run(code: string): Promise<Cell>;
  state(): EmbedState;
  /** Strings that must never reach the parent, whatever carries them (the API key). */
  secrets(): string[];
}

/** The parts of `window` the bridge uses. */
export interface BridgeWindow {
  parent: { postMessage(message: unknown, targetOrigin: string): void };
  addEventListener(type: "message", listener: (event: MessageEvent) => void): void;
  removeEventListener(type: "message", listener: (event: MessageEvent) => void): void;
}

/** Requests of the parent's in progress at once (runs queue in the kernel: do not let them pile up). */
export const MAX_PENDING = 16;

type Reply = EmbedMessage extends infer M ? (M extends unknown ? Omit<M, "protocol" | "version"> : never) : never;

export class EmbedBridge {
  #pending = 0;
  #lastState = "";

  constructor(
    private readonly win: BridgeWindow,
    /** The parent's origin, already checked against `embedOrigins`. */
    readonly parentOrigin: string,
    private readonly actions: EmbedActions,
  ) {}

  /** Listens; says `ready` unless told the parent has heard it already (a remount). */
  start({ announce = true } = {}): void {
    this.win.addEventListener("message", this.#onMessage);
    const state = this.actions.state();
    this.#lastState = JSON.stringify(state);
    if (announce) this.#post({ type: "ready", state });
  }

  stop(): void {
    this.win.removeEventListener("message", this.#onMessage);
  }

  /** Tells the parent the state, if it changed since it was last told. */
  stateChanged(): void {
    const state = this.actions.state();
    const text = JSON.stringify(state);
    if (text === this.#lastState) return;
    this.#lastState = text;
    this.#post({ type: "state", state });
  }

  #onMessage = (event: MessageEvent): void => {
    // The source check stops a sibling or child frame at an allowed origin; the origin check, a
    // parent that is not (or no longer) the allowed one.
    if (event.source !== this.win.parent || event.origin !== this.parentOrigin) return;
    const parsed = parseRequest(event.data);
    if (parsed.kind === "malformed")
      console.warn(`Embedding: a message from the parent was ignored: ${parsed.reason}.`);
    if (parsed.kind !== "request") return;
    void this.#handle(parsed.request);
  };

  async #handle(request: EmbedRequest): Promise<void> {
    const { id } = request;
    if (this.#pending >= MAX_PENDING)
      return this.#post({ type: "error", id, code: "too-many", message: `Over ${MAX_PENDING} requests in progress.` });
    this.#pending++;
    try {
      this.#post(await this.#carryOut(request));
    } catch (error) {
      this.#post({ type: "error", id, code: "failed", message: (error as Error)?.message ?? "It failed." });
    } finally {
      this.#pending--;
    }
  }

  async #carryOut(request: EmbedRequest): Promise<Reply> {
    const { id } = request;
    switch (request.type) {
      case "addFiles": {
        const { saved, refused } = await this.actions.addFiles(request.files.map(toFile));
        const files = saved.map(({ name, file }) => ({ name, size: file.size }));
        return { type: "result", id, request: "addFiles", result: { files, refused } };
      }
      case "ask": {
        const state = this.actions.state();
        if (!state.canAsk)
          return { type: "error", id, code: "no-model", message: "No model is connected: connect one in Settings." };
        const turn = state.busy ? null : await this.actions.ask(request.question);
        if (!turn) return { type: "error", id, code: "busy", message: "A turn is already running." };
        return { type: "result", id, request: "ask", result: askResult(turn) };
      }
      case "run":
        return { type: "result", id, request: "run", result: runResult(await this.actions.run(request.code)) };
    }
  }

  #post(reply: Reply): void {
    const message = { protocol: EMBED_PROTOCOL, version: EMBED_VERSION, ...reply };
    this.win.parent.postMessage(redact(message, this.actions.secrets()), this.parentOrigin);
  }
}
