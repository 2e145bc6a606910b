/** A cell: code that was run and what it produced, in order. Plain data, reducer-driven. */
import type { RunOutcome } from "./runs";
import type { MimeBundle, PythonError, RunEvent } from "./protocol";
import { appendOutput } from "./terminal-text";

export type Output =
  | { type: "stream"; name: "stdout" | "stderr"; text: string }
  | { type: "display"; data: MimeBundle }
  | { type: "result"; data: MimeBundle }
  | { type: "error"; error: PythonError }
  | { type: "progress"; message: string }
  /** What the kernel host says happened to the run (timeout, stop, restart and restore). */
  | { type: "notice"; message: string };

export interface Cell {
  id: string;
  code: string;
  /** Who ran it: the user, or the model through the agent loop. */
  origin: "user" | "agent";
  title?: string;
  /** Milliseconds since the epoch, for ordering with conversation turns. */
  createdAt: number;
  /** When it last started running, and who ran it (the user may edit and re-run a model's cell). */
  ranAt: number;
  ranBy: "user" | "agent";
  /** "idle": imported from a notebook and not run yet. */
  status: "idle" | "running" | "done" | "error" | "killed";
  /** Done, but only once Stop or the timeout interrupted it (it caught the interrupt): not re-run to restore state. */
  stopped?: boolean;
  outputs: Output[];
  changedFiles: string[];
}

export type CellAction =
  | { type: "start"; id: string; code: string; origin?: Cell["origin"]; title?: string }
  /** Runs an existing cell again in place, maybe with edited code. */
  | { type: "rerun"; id: string; code: string; by: Cell["ranBy"] }
  /** Cells not run yet (imported from a notebook). */
  | { type: "add"; codes: string[] }
  | { type: "event"; id: string; event: RunEvent }
  | { type: "finish"; id: string; result: RunOutcome }
  | { type: "fail"; id: string; message: string };

export function cellsReducer(cells: Cell[], action: CellAction): Cell[] {
  if (action.type === "start") {
    const { id, code, origin = "user", title } = action;
    return [...cells, newCell(id, code, origin, "running", title)];
  }
  if (action.type === "add") {
    return [...cells, ...action.codes.map((code) => newCell(crypto.randomUUID(), code, "user", "idle"))];
  }
  return cells.map((cell) => (cell.id === action.id ? updateCell(cell, action) : cell));
}

function newCell(id: string, code: string, origin: Cell["origin"], status: Cell["status"], title?: string): Cell {
  const now = Date.now();
  return { id, code, origin, title, createdAt: now, ranAt: now, ranBy: origin, status, outputs: [], changedFiles: [] };
}

function updateCell(cell: Cell, action: Exclude<CellAction, { type: "start" | "add" }>): Cell {
  switch (action.type) {
    case "rerun": {
      const { code, by } = action;
      return { ...cell, code, ranAt: Date.now(), ranBy: by, status: "running", stopped: false, outputs: [] };
    }
    case "event":
      return { ...cell, outputs: appendEvent(cell.outputs, action.event) };
    case "finish": {
      const { result } = action;
      const outputs = [...cell.outputs];
      if (result.status === "error") outputs.push({ type: "error", error: result.error });
      if (result.status === "ok" && result.value) outputs.push({ type: "result", data: result.value });
      if (result.notice) outputs.push({ type: "notice", message: result.notice });
      const status = result.status === "ok" ? "done" : result.status;
      const stopped = result.status !== "killed" && result.stopped !== undefined;
      return { ...cell, status, stopped, outputs, changedFiles: result.changedFiles };
    }
    case "fail": {
      const error = { name: "KernelError", message: action.message, traceback: action.message };
      return { ...cell, status: "error", outputs: [...cell.outputs, { type: "error", error }] };
    }
  }
}

function appendEvent(outputs: Output[], event: RunEvent): Output[] {
  if (event.kind === "stream") {
    const last = outputs.at(-1);
    if (last?.type === "stream" && last.name === event.name) {
      return [...outputs.slice(0, -1), { ...last, text: appendOutput(last.text, event.text) }];
    }
    return [...outputs, { type: "stream", name: event.name, text: appendOutput("", event.text) }];
  }
  if (event.kind === "display") return [...outputs, { type: "display", data: event.data }];
  if (event.kind === "progress") return [...outputs, { type: "progress", message: event.message }];
  return outputs;
}
