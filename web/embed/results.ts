/**
 * What the parent is told about what it started: a turn's answer and its cells' output as text,
 * a cell's outputs as the app shows them. Built field by field from the records, so nothing else
 * rides along — not the user's own cells that a turn carries, not a model error's provider text
 * (which can quote part of the key), not the usage or the endpoint.
 */
import type { Turn } from "../agent/record";
import type { Cell } from "../kernel/cells";
import type { AskResult, EmbedOutput, RunResult } from "./protocol";

export function askResult(turn: Turn): AskResult {
  const result: AskResult = {
    status: turn.status,
    answer: turn.answer?.content ?? "",
    cells: turn.steps.flatMap((step) =>
      step.results.map((r) => ({ code: r.code, status: r.status, output: r.output })),
    ),
  };
  if (turn.status === "error") result.error = turn.error?.kind ?? "unknown";
  else if (turn.notice) result.notice = turn.notice;
  return result;
}

export function runResult(cell: Cell): RunResult {
  const outputs: EmbedOutput[] = [];
  for (const output of cell.outputs) {
    switch (output.type) {
      case "stream":
        outputs.push({ type: "stream", name: output.name, text: output.text });
        break;
      case "display":
        outputs.push({ type: "display", data: { ...output.data } });
        break;
      case "result":
        outputs.push({ type: "value", data: { ...output.data } });
        break;
      case "error": {
        const { name, message, traceback } = output.error;
        outputs.push({ type: "error", name, message, traceback });
        break;
      }
      case "notice":
        outputs.push({ type: "notice", message: output.message });
        break;
      case "progress": // package loading, shown live; not a result
        break;
    }
  }
  const status = cell.status === "done" || cell.status === "killed" ? cell.status : "error";
  return { status, outputs, changedFiles: [...cell.changedFiles] };
}
