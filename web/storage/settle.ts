/**
 * A conversation as it was saved may have been cut off mid-turn (a reload, a crash): what was
 * shown is kept, and what was running is marked as interrupted rather than left spinning.
 */
import { NOT_RUN } from "../agent/messages";
import type { Step, ToolResult } from "../agent/record";
import type { ConversationRecord } from "./db";

const TURN_NOTICE = "Interrupted: the page was closed or reloaded while this turn was running.";
const CELL_NOTICE = "Interrupted: the page was closed or reloaded while this cell was running.";

/** Every call of a step ends with a result: a running one killed, one not yet started "not run". */
function settleStep(step: Step): Step {
  const results = step.results.map((r): ToolResult =>
    r.status === "running" ? { ...r, status: "killed", message: CELL_NOTICE } : r,
  );
  for (const call of step.assistant.toolCalls) {
    if (results.some((r) => r.callId === call.id)) continue;
    results.push({ callId: call.id, code: "", status: "killed", output: "", message: NOT_RUN, images: [] });
  }
  return { ...step, results };
}

export function settle(record: ConversationRecord): ConversationRecord {
  const turns = record.turns.map((turn) => {
    if (turn.status !== "running") return turn;
    return { ...turn, status: "interrupted" as const, notice: TURN_NOTICE, steps: turn.steps.map(settleStep) };
  });
  const cells = record.cells.map((cell) =>
    cell.status === "running"
      ? {
          ...cell,
          status: "killed" as const,
          outputs: [...cell.outputs, { type: "notice" as const, message: CELL_NOTICE }],
        }
      : cell,
  );
  return { ...record, turns, cells };
}
