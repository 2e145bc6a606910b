/**
 * A conversation as it was saved may have been cut off mid-turn (a reload, a crash): what was
 * shown is kept, and what was running is marked as interrupted rather than left spinning.
 */
import type { ConversationRecord } from "./db";

const TURN_NOTICE = "Interrupted: the page was closed or reloaded while this turn was running.";
const CELL_NOTICE = "Interrupted: the page was closed or reloaded while this cell was running.";

export function settle(record: ConversationRecord): ConversationRecord {
  const turns = record.turns.map((turn) => {
    if (turn.status !== "running") return turn;
    const results = (r: (typeof turn.steps)[number]["results"][number]) =>
      r.status === "running" ? { ...r, status: "killed" as const, message: CELL_NOTICE } : r;
    return {
      ...turn,
      status: "interrupted" as const,
      notice: TURN_NOTICE,
      steps: turn.steps.map((step) => ({ ...step, results: step.results.map(results) })),
    };
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
