/**
 * A conversation as it was saved may have been cut off mid-turn (a reload, a crash): what was
 * shown is kept, and what was running is marked as interrupted rather than left spinning. One
 * saved broken (another version of the app, storage cleared mid-write) has lists where the app
 * walks lists: what cannot be read is left out, rather than stopping the app on every load.
 */
import { NOT_RUN } from "../agent/messages";
import type { AssistantMessage, Step, ToolResult, Turn } from "../agent/record";
import { summarizeCell } from "../agent/tool-result";
import type { Cell, Output } from "../kernel/cells";
import type { ConversationRecord } from "./db";

const TURN_NOTICE = "Interrupted: the page was closed or reloaded while this turn was running.";
const CELL_NOTICE = "Interrupted: the page was closed or reloaded while this cell was running.";

/**
 * Every call of a step ends with a result: a running one killed (the model told what its cell
 * showed before the page went, as the user saw it), one not yet started "not run".
 */
function settleStep(step: Step, cells: Cell[]): Step {
  const results = step.results.map((r): ToolResult => {
    if (r.status !== "running") return r;
    const cell = cells.find((c) => c.id === r.cellId);
    if (!cell) return { ...r, status: "killed", message: CELL_NOTICE };
    const { output, message } = summarizeCell(cell);
    return { ...r, status: "killed", output, message };
  });
  for (const call of step.assistant.toolCalls) {
    if (results.some((r) => r.callId === call.id)) continue;
    results.push({ callId: call.id, code: "", status: "killed", output: "", message: NOT_RUN, images: [] });
  }
  return { ...step, results };
}

export function settle(saved: ConversationRecord): ConversationRecord {
  const record = wellFormed(saved);
  const cells = record.cells.map((cell) =>
    cell.status === "running"
      ? {
          ...cell,
          status: "killed" as const,
          outputs: [...cell.outputs, { type: "notice" as const, message: CELL_NOTICE }],
        }
      : cell,
  );
  const turns = record.turns.map((turn) => {
    if (turn.status !== "running") return turn;
    const steps = turn.steps.map((step) => settleStep(step, cells));
    return { ...turn, status: "interrupted" as const, notice: TURN_NOTICE, steps };
  });
  return { ...record, turns, cells };
}

const objects = <T>(value: unknown): T[] =>
  Array.isArray(value) ? (value.filter((v) => typeof v === "object" && v !== null) as T[]) : [];

const readableStep = (step: Step) => Array.isArray(step.results) && Array.isArray(step.assistant?.toolCalls);

function wellFormed(record: ConversationRecord): ConversationRecord {
  const turns = objects<Turn>(record.turns).map((turn) =>
    Array.isArray(turn.steps) && turn.steps.every(readableStep)
      ? turn
      : {
          ...turn,
          steps: objects<Step>(turn.steps).map((step): Step => ({
            assistant: {
              ...({ content: "", reasoning: "", echo: {} } as Partial<AssistantMessage>),
              ...step.assistant,
              toolCalls: objects(step.assistant?.toolCalls),
            } as AssistantMessage,
            results: objects<ToolResult>(step.results),
          })),
        },
  );
  const cells = objects<Cell>(record.cells).map((cell) =>
    Array.isArray(cell.outputs) && Array.isArray(cell.changedFiles)
      ? cell
      : {
          ...cell,
          outputs: objects<Output>(cell.outputs),
          changedFiles: Array.isArray(cell.changedFiles) ? cell.changedFiles : [],
        },
  );
  return { ...record, turns, cells, files: objects(record.files) };
}
