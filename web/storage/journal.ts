/**
 * The last unsaved changes of the open conversation, written synchronously to localStorage as
 * the page goes away (an IndexedDB write started then may never finish), and applied to the
 * database when the next page opens. Too large a change (big images, long outputs) is skipped:
 * the regular saves, a moment apart, have the rest.
 */
import type { Turn } from "../agent/record";
import type { Cell } from "../kernel/cells";
import type { ConversationSummary } from "./db";

export interface Changes {
  summary: ConversationSummary;
  turns: Turn[] | null;
  cells: { order: number; cell: Cell }[];
}

const KEY = "code-interpreter.journal";
const MAX_CHARS = 2 * 1024 ** 2;

export function writeJournal(changes: Changes): void {
  try {
    const text = JSON.stringify(changes);
    if (text.length <= MAX_CHARS) localStorage.setItem(KEY, text);
  } catch {
    // Storage full or blocked: the regular saves are all there is.
  }
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
