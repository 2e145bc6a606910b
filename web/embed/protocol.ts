/**
 * The embedding boundary: every message between the app, running in another site's iframe, and
 * that parent page (README, "Embedding"). Types only; the bridge and the parser import it, and
 * nothing else crosses.
 *
 * Requests come from the parent only if its origin is in config.json's `embedOrigins` and
 * `event.source` is the frame's parent; anything else, or anything malformed, is ignored
 * (validate.ts). The app answers only with `postMessage(message, parentOrigin)`, and only about
 * what the parent itself started: never the API key, never the settings, never a turn the user
 * started.
 */
import type { MimeBundle } from "../kernel/protocol";

/** Marks our messages among others a page may receive (extensions, other widgets). */
export const EMBED_PROTOCOL = "code-interpreter";
/** Bumped on any incompatible change; a request with another version is ignored. */
export const EMBED_VERSION = 1;

interface Envelope {
  protocol: typeof EMBED_PROTOCOL;
  version: typeof EMBED_VERSION;
}

/** A file to add to /mnt/data: text (as UTF-8) or bytes. The name is made safe as an upload's is. */
export interface EmbedFile {
  name: string;
  data: string | ArrayBuffer | ArrayBufferView | Blob;
}

/** Parent → app. `id` (chosen by the parent) comes back on the one reply to the request. */
export type EmbedRequest = Envelope & { id: string } & (
    | /** Write files into /mnt/data, as an upload would (same size cap, same safe names). */
      { type: "addFiles"; files: EmbedFile[] }
      /** Ask the model a question, as if typed in "Message"; needs a connected model and no turn running. */
    | { type: "ask"; question: string }
    /** Run Python as a new cell, as if typed in "Python code". */
    | { type: "run"; code: string }
  );

export type EmbedRequestType = EmbedRequest["type"];

/** What the parent may know of the app's state: enough to enable its own controls, nothing more. */
export interface EmbedState {
  kernel: "booting" | "ready" | "running" | "restarting" | "failed";
  /** A turn is running (the parent's or the user's): an `ask` now would be refused as "busy". */
  busy: boolean;
  /** A model is connected, so `ask` can work (which model, and its key, are never said). */
  canAsk: boolean;
}

export interface FilesResult {
  /** Files now in /mnt/data, under the names they were given there. */
  files: { name: string; size: number }[];
  /** One sentence per file not added (over the size cap, unreadable), naming it. */
  refused: string[];
}

/** One run_python call of the parent's turn, its output as text (figures appear as a placeholder). */
export interface AskCell {
  code: string;
  status: "running" | "ok" | "error" | "killed" | "invalid";
  output: string;
}

export interface AskResult {
  status: "done" | "stopped" | "error" | "interrupted" | "limit" | "running";
  /** The model's final answer (Markdown); empty when it gave none. */
  answer: string;
  /** Why the turn ended early, in the app's own words (absent for a model error: see `error`). */
  notice?: string;
  /** The kind of model error ("auth", "rate_limit", "unreachable"…); the provider's text is never sent. */
  error?: string;
  cells: AskCell[];
}

/** A cell's output, as the app shows it: text, MIME bundles (images base64), errors and notices. */
export type EmbedOutput =
  | { type: "stream"; name: "stdout" | "stderr"; text: string }
  | { type: "display" | "value"; data: MimeBundle }
  | { type: "error"; name: string; message: string; traceback: string }
  | { type: "notice"; message: string };

export interface RunResult {
  status: "done" | "error" | "killed";
  outputs: EmbedOutput[];
  /** Files the run created or changed in /mnt/data. */
  changedFiles: string[];
}

export type EmbedErrorCode =
  /** A turn is already running. */
  | "busy"
  /** No model is connected (the user has to connect one in Settings). */
  | "no-model"
  /** Too many of the parent's requests are still in progress. */
  | "too-many"
  /** The request could not be carried out (the message says why). */
  | "failed";

/** App → parent. */
export type EmbedMessage = Envelope &
  (
    | /** Sent once, when the app listens for requests (send none before it). */
      { type: "ready"; state: EmbedState }
      /** Sent whenever `EmbedState` changes. */
    | { type: "state"; state: EmbedState }
    | { type: "result"; id: string; request: "addFiles"; result: FilesResult }
    | { type: "result"; id: string; request: "ask"; result: AskResult }
    | { type: "result"; id: string; request: "run"; result: RunResult }
    /** The request was understood but refused or failed. */
    | { type: "error"; id: string; code: EmbedErrorCode; message: string }
  );
