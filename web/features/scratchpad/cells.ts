/** A cell: code that was run and what it produced, in order. Plain data, reducer-driven. */
import type { MimeBundle, PythonError, RunEvent, RunResult } from "../../kernel/protocol";

export type Output =
  | { type: "stream"; name: "stdout" | "stderr"; text: string }
  | { type: "display"; data: MimeBundle }
  | { type: "result"; data: MimeBundle }
  | { type: "error"; error: PythonError }
  | { type: "progress"; message: string };

export interface Cell {
  id: string;
  code: string;
  status: "running" | "done" | "error";
  outputs: Output[];
  changedFiles: string[];
}

export type CellAction =
  | { type: "start"; id: string; code: string }
  | { type: "event"; id: string; event: RunEvent }
  | { type: "finish"; id: string; result: RunResult }
  | { type: "fail"; id: string; message: string };

export function cellsReducer(cells: Cell[], action: CellAction): Cell[] {
  if (action.type === "start") {
    return [...cells, { id: action.id, code: action.code, status: "running", outputs: [], changedFiles: [] }];
  }
  return cells.map((cell) => (cell.id === action.id ? updateCell(cell, action) : cell));
}

function updateCell(cell: Cell, action: Exclude<CellAction, { type: "start" }>): Cell {
  switch (action.type) {
    case "event":
      return { ...cell, outputs: appendEvent(cell.outputs, action.event) };
    case "finish": {
      const { result } = action;
      const last: Output | null =
        result.status === "error"
          ? { type: "error", error: result.error }
          : result.value && { type: "result", data: result.value };
      return {
        ...cell,
        status: result.status === "ok" ? "done" : "error",
        outputs: last ? [...cell.outputs, last] : cell.outputs,
        changedFiles: result.changedFiles,
      };
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
      return [...outputs.slice(0, -1), { ...last, text: last.text + event.text }];
    }
    return [...outputs, { type: "stream", name: event.name, text: event.text }];
  }
  if (event.kind === "display") return [...outputs, { type: "display", data: event.data }];
  return [...outputs, { type: "progress", message: event.message }];
}
