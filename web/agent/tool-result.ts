/**
 * What the model is told about one run: status, stdout/stderr, the value, the full traceback,
 * files created or changed, and restart/restore notices — cut to a budget for the model's
 * context, keeping the head and the tail and saying what was cut. Images are collected for a
 * following user message (vision models only): never put inside the tool message.
 */
import type { Cell } from "../kernel/cells";
import { formatCount } from "../lib/count";
import { htmlText, isDefaultRepr } from "./html-text";

/** Characters of a tool result the model sees; the middle of longer output is cut. */
export const TOOL_RESULT_BUDGET = 8000;

export interface RunSummary {
  status: Cell["status"];
  /** Everything shown, as text (for grounding). */
  output: string;
  /** The budgeted message for the model. */
  message: string;
  images: string[];
}

export function summarizeCell(cell: Cell): RunSummary {
  const parts: string[] = [];
  const images: string[] = [];
  for (const output of cell.outputs) {
    switch (output.type) {
      case "stream":
        parts.push(output.text);
        break;
      case "display":
      case "result": {
        const png = output.data["image/png"];
        if (png) images.push(png);
        if (output.data["application/vnd.vegalite.v5+json"]) {
          parts.push("[interactive chart shown to the user]\n"); // its spec is the model's own
          break;
        }
        const html = output.data["text/html"];
        const plain = output.data["text/plain"];
        const text = html && (plain === undefined || isDefaultRepr(plain)) ? htmlText(html) : (plain ?? "");
        const label = output.type === "result" ? "Value: " : png ? "[figure shown to the user] " : "";
        parts.push(`${label}${png && output.type === "display" ? "" : text}\n`);
        break;
      }
      case "error":
        parts.push(`${output.error.traceback}\n`);
        break;
      case "notice":
        parts.push(`[${output.message}]\n`);
        break;
      case "progress":
        break;
    }
  }
  const output = parts.join("");
  // Stop and a timeout interrupt a run with KeyboardInterrupt: not an error in the code to fix.
  const interrupted = cell.outputs.some((o) => o.type === "error" && o.error.name === "KeyboardInterrupt");
  const status = {
    idle: "Not run yet.",
    running: "Still running.",
    done: "Ran without error.",
    error: interrupted
      ? "The run was interrupted before it finished (the note below says why)."
      : "The code raised an error (traceback below). Fix the code and try again.",
    killed: "The run was stopped before it finished.",
  }[cell.status];
  const files = cell.changedFiles.length
    ? `\nFiles created or changed in /mnt/data (the user can download them): ${cell.changedFiles.join(", ")}`
    : "";
  const message = `${status}\n${budget(output) || "(no output)"}${files}`;
  return { status: cell.status, output, message, images };
}

export function budget(text: string, max = TOOL_RESULT_BUDGET): string {
  if (text.length <= max) return text;
  const head = Math.floor(max * 0.6);
  const tail = max - head;
  const cut = text.length - head - tail;
  return `${text.slice(0, head)}\n[… ${formatCount(cut)} characters cut …]\n${text.slice(-tail)}`;
}
