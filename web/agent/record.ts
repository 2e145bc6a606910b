/**
 * The agent loop's state as plain, serializable data: a conversation is turns; a turn is the
 * user's question, the steps the model took (each an assistant message and the results of its
 * tool calls) and how it ended. It can be persisted, resumed, exported and tested without a browser.
 */
import type { ModelError } from "./errors";
import type { GroundingReport } from "./grounding";
import type { ToolCall, Usage } from "./stream";

export interface AssistantMessage {
  content: string;
  reasoning: string;
  toolCalls: ToolCall[];
  /** Provider fields to send back verbatim on later requests (e.g. DeepSeek's reasoning_content). */
  echo: Record<string, unknown>;
  /**
   * The base URL of the endpoint that sent it: `echo` goes back only there (Groq and Cerebras
   * reject `reasoning_content`). Absent in records saved before it was kept.
   */
  from?: string;
  /** The model that sent it: `echo` goes back only to it (absent in older records). */
  model?: string;
}

/** One run_python call and what came of it. */
export interface ToolResult {
  callId: string;
  code: string;
  title?: string;
  /** The kernel cell that ran it (for the UI's links), absent when the call never ran. */
  cellId?: string;
  /** "running" only while the cell runs (the UI shows it live). */
  status: "running" | "ok" | "error" | "killed" | "invalid";
  /** Everything the run showed, as text, for grounding the answer. */
  output: string;
  /** What the model is told (budgeted). */
  message: string;
  /** PNG figures (base64), sent to vision models after the tool messages. */
  images: string[];
}

export interface Step {
  assistant: AssistantMessage;
  results: ToolResult[];
}

export type TurnStatus = "running" | "done" | "stopped" | "error" | "interrupted" | "limit";

export interface Turn {
  id: string;
  /** Milliseconds since the epoch. */
  createdAt: number;
  question: string;
  /**
   * "parent": asked by the page embedding the app (issue 7). Its model sees only the turns that
   * page asked: nothing of the user's own turns or cells reaches it.
   */
  askedBy?: "parent";
  /** Cells the user ran themselves since the previous turn: the model sees them with the question. */
  userCells: { code: string; output: string }[];
  steps: Step[];
  /** The final answer (the last assistant message with no tool calls). */
  answer: AssistantMessage | null;
  status: TurnStatus;
  /** Why the turn ended early, in one sentence. */
  notice?: string;
  error?: ModelError;
  grounding?: GroundingReport;
  usage: Usage;
  /** The reply streaming in right now (shown live; gone once the step is recorded). */
  draft?: { content: string; reasoning: string };
}

export interface Conversation {
  id: string;
  turns: Turn[];
}

export const newTurn = (question: string, userCells: Turn["userCells"] = []): Turn => ({
  id: crypto.randomUUID(),
  createdAt: Date.now(),
  question,
  userCells,
  steps: [],
  answer: null,
  status: "running",
  usage: {},
});
