/**
 * The last unsaved changes of the open conversation, written synchronously to localStorage as
 * the page goes away (an IndexedDB write started then may never finish), and applied to the
 * database when the next page opens. localStorage holds a few MB: changes too large for it
 * (long outputs, figures) go in shortened, every cell and result kept with the end of its output,
 * rather than not at all (a reload right after a turn printing megabytes lost its cells).
 */
import type { Turn } from "../agent/record";
import type { Cell, Output } from "../kernel/cells";
import type { ConversationSummary } from "./db";

export interface Changes {
  summary: ConversationSummary;
  turns: Turn[] | null;
  cells: { order: number; cell: Cell }[];
}

const KEY = "code-interpreter.journal";
const MAX_CHARS = 2 * 1024 ** 2;

/** How much of each output a shortened journal keeps (characters), tried in turn until it fits. */
const KEPT_CHARS = [64 * 1024, 4 * 1024, 256];

export function writeJournal(changes: Changes): void {
  try {
    for (const text of [changes, ...KEPT_CHARS.map((keep) => shortened(changes, keep))].map((c) => JSON.stringify(c))) {
      if (text.length <= MAX_CHARS) return localStorage.setItem(KEY, text);
    }
  } catch {
    // Storage full or blocked: the regular saves are all there is.
  }
}

function shortened(changes: Changes, keep: number): Changes {
  const cut = (text: string) =>
    text.length <= keep
      ? text
      : `[… ${text.length - keep} characters not kept: the page closed before they were saved …]\n${text.slice(-keep)}`;
  const output = (o: Output): Output => {
    if (o.type === "stream") return { ...o, text: cut(o.text) };
    if (o.type === "error") return { ...o, error: { ...o.error, traceback: cut(o.error.traceback) } };
    if (o.type !== "display" && o.type !== "result") return o;
    const kept = Object.entries(o.data).filter(([, value]) => value.length <= keep);
    if (kept.length === Object.keys(o.data).length) return o;
    const plain = o.data["text/plain"];
    const note = "[not kept: the page closed before it was saved]";
    return { ...o, data: { ...Object.fromEntries(kept), "text/plain": plain ? cut(plain) : note } };
  };
  return {
    ...changes,
    cells: changes.cells.map(({ order, cell }) => ({ order, cell: { ...cell, outputs: cell.outputs.map(output) } })),
    turns:
      changes.turns?.map((turn) => ({
        ...turn,
        steps: turn.steps.map((step) => ({
          ...step,
          results: step.results.map((r) => ({ ...r, output: cut(r.output), message: cut(r.message), images: [] })),
        })),
      })) ?? null,
  };
}

export function readJournal(): Changes | null {
  try {
    const text = localStorage.getItem(KEY);
    return text ? (JSON.parse(text) as Changes) : null;
  } catch {
    return null;
  }
}

export function clearJournal(): void {
  try {
    localStorage.removeItem(KEY);
  } catch {
    // Nothing to clear where storage is blocked.
  }
}

/** Two sets of changes to one conversation as one, the later's summary, turns and cells winning. */
export function mergeChanges(earlier: Changes | null, later: Changes | null): Changes | null {
  if (!earlier || !later || earlier.summary.id !== later.summary.id) return later ?? earlier;
  const cells = new Map([...earlier.cells, ...later.cells].map((c) => [c.order, c]));
  return { summary: later.summary, turns: later.turns ?? earlier.turns, cells: [...cells.values()] };
}
