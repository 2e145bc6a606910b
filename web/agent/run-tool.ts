/**
 * One run_python call carried out: its arguments checked (what is wrong goes back to the model
 * as the tool's result, for it to try again), its code run as a visible cell, and what the model
 * is told of the run.
 */
import type { LoopDeps } from "./loop";
import { RUN_PYTHON_TOOL } from "./prompt";
import type { ToolResult } from "./record";
import { parseArguments, type ToolCall } from "./stream";
import { summarizeCell } from "./tool-result";

export async function runTool(
  deps: LoopDeps,
  call: ToolCall,
  started: (running: ToolResult) => void,
): Promise<ToolResult> {
  const invalid = (message: string): ToolResult => ({
    callId: call.id,
    code: "",
    status: "invalid",
    output: "",
    message,
    images: [],
  });
  if (call.name !== RUN_PYTHON_TOOL.function.name) {
    return invalid(`There is no tool named "${call.name}". The only tool is run_python.`);
  }
  const args = parseArguments(call.arguments);
  if (!args.ok) return invalid(`The arguments were not valid JSON (${args.error}). Send {"code": "..."}.`);
  const { code, title } = args.value;
  if (code !== undefined && typeof code !== "string") {
    return invalid(`The "code" argument must be one string of Python source, not ${kindOf(code)}.`);
  }
  if (!code?.trim()) return invalid('The "code" argument is missing or empty.');
  const cell = await deps.runCell(code, typeof title === "string" ? title : undefined, (cellId) =>
    started({ callId: call.id, code, cellId, status: "running", output: "", message: "", images: [] }),
  );
  const summary = summarizeCell(cell);
  return {
    callId: call.id,
    code,
    title: typeof title === "string" ? title : undefined,
    cellId: cell.id,
    status: summary.status === "done" ? "ok" : summary.status === "killed" ? "killed" : "error",
    output: summary.output,
    message: summary.message,
    images: deps.options.vision
      ? await Promise.all(summary.images.map((png) => deps.downscale?.(png).catch(() => png) ?? png))
      : [],
  };
}

/** What a JSON value is, for the model: "a number", "an array"… */
function kindOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  return typeof value === "object" ? "an object" : `a ${typeof value}`;
}
