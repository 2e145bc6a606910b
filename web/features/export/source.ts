/**
 * What an export reads: one conversation as plain data. The app builds it on demand (the files are
 * read from /mnt/data only when someone exports), so every export sees the session as it is now.
 */
import type { Turn } from "../../agent/record";
import type { Cell } from "../../kernel/cells";

export interface ExportSource {
  title: string;
  turns: Turn[];
  /** Every cell of the session, the user's and the model's. */
  cells: Cell[];
  /** The files in /mnt/data, by their path relative to it. */
  files: { name: string; data: Blob }[];
}

/** One entry of the session, in the order the timeline shows it. */
export type SessionItem = { kind: "turn"; turn: Turn; at: number } | { kind: "cell"; cell: Cell; at: number };

/**
 * The session in order, as `web/app/Timeline.tsx` shows it: turns (the model's cells live inside
 * them) and the user's own cells, by creation time. Model cells that no turn names are not shown
 * there, so they are not exported either.
 */
export function sessionItems({ turns, cells }: Pick<ExportSource, "turns" | "cells">): SessionItem[] {
  const items: SessionItem[] = [
    ...turns.map((turn) => ({ kind: "turn" as const, turn, at: turn.createdAt })),
    ...cells
      .filter((cell) => cell.origin === "user")
      .map((cell) => ({ kind: "cell" as const, cell, at: cell.createdAt })),
  ];
  // Array.prototype.sort is stable: equal times keep turns before cells, as the timeline does.
  return items.sort((a, b) => a.at - b.at);
}

/** The cell a tool result ran in, if it ran. */
export function cellOf(cells: Cell[], cellId: string | undefined): Cell | undefined {
  return cellId === undefined ? undefined : cells.find((cell) => cell.id === cellId);
}
