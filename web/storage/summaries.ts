/** A conversation's summary: what the list shows of it, and the title it is given until renamed. */
import type { Turn } from "../agent/record";
import type { Cell } from "../kernel/cells";
import type { ConversationSummary } from "./db";

const TITLE_CHARS = 60;

/** Not "New conversation": the list's button to start one has that name. */
const UNTITLED = "Untitled conversation";

export function blank(): ConversationSummary {
  const now = Date.now();
  return { id: crypto.randomUUID(), title: UNTITLED, named: false, createdAt: now, updatedAt: now };
}

/** The first question (or the first cell's first line) names a conversation until the user renames it. */
export function titleOf(turns: Turn[], cells: Cell[]): string {
  const first = turns[0]?.question ?? cells[0]?.code.split("\n").find((line) => line.trim()) ?? "";
  const line = first.replace(/\s+/g, " ").trim();
  if (!line) return UNTITLED;
  return line.length > TITLE_CHARS ? `${line.slice(0, TITLE_CHARS - 1)}…` : line;
}

export function upsert(list: ConversationSummary[], summary: ConversationSummary): ConversationSummary[] {
  return [summary, ...list.filter((c) => c.id !== summary.id)];
}
