/**
 * Conversations in IndexedDB: a summary per conversation (for the list), its turns, its cells
 * (one record each, so a long conversation saves only what changed) and its files in /mnt/data.
 */
import { openDB, type DBSchema, type IDBPDatabase } from "idb";
import type { Turn } from "../agent/record";
import type { Cell } from "../kernel/cells";
import { messageOf } from "../lib/message-of";

export interface ConversationSummary {
  id: string;
  title: string;
  /** The user named it; the title no longer follows the first question. */
  named: boolean;
  createdAt: number;
  updatedAt: number;
}

/** Kept as a Blob: IndexedDB stores it without the bytes passing through the page's thread. */
export interface SavedFile {
  name: string;
  data: Blob;
}

export interface ConversationRecord {
  summary: ConversationSummary;
  turns: Turn[];
  cells: Cell[];
  files: SavedFile[];
}

interface Schema extends DBSchema {
  conversations: { key: string; value: ConversationSummary };
  turns: { key: string; value: { conversationId: string; turns: Turn[] } };
  cells: {
    key: [string, number];
    value: { conversationId: string; order: number; cell: Cell };
    indexes: { conversation: string };
  };
  files: {
    key: [string, string];
    // ArrayBuffer: how files were saved before they were kept as Blobs.
    value: { conversationId: string; name: string; data: Blob | ArrayBuffer };
    indexes: { conversation: string };
  };
}

const NAME = "code-interpreter";
const VERSION = 1;

/** A file of a conversation written (its bytes) or deleted (null). */
export interface FileWrite {
  conversationId: string;
  name: string;
  data: Blob | null;
}

export class ConversationDB {
  private constructor(private readonly db: IDBPDatabase<Schema>) {}

  /** Opens the database; null where IndexedDB is unavailable (some private modes, storage blocked). */
  static async open(): Promise<ConversationDB | null> {
    try {
      const db = await openDB<Schema>(NAME, VERSION, {
        upgrade(db) {
          db.createObjectStore("conversations", { keyPath: "id" });
          db.createObjectStore("turns", { keyPath: "conversationId" });
          db.createObjectStore("cells", { keyPath: ["conversationId", "order"] }).createIndex(
            "conversation",
            "conversationId",
          );
          db.createObjectStore("files", { keyPath: ["conversationId", "name"] }).createIndex(
            "conversation",
            "conversationId",
          );
        },
      });
      return new ConversationDB(db);
    } catch {
      return null;
    }
  }

  /** Newest first. */
  async list(): Promise<ConversationSummary[]> {
    const all = await this.db.getAll("conversations");
    return all.sort((a, b) => b.updatedAt - a.updatedAt);
  }

  async load(id: string): Promise<ConversationRecord | null> {
    const tx = this.db.transaction(["conversations", "turns", "cells", "files"]);
    const [summary, turns, cells, files] = await Promise.all([
      tx.objectStore("conversations").get(id),
      tx.objectStore("turns").get(id),
      tx.objectStore("cells").index("conversation").getAll(id),
      tx.objectStore("files").index("conversation").getAll(id),
    ]);
    if (!summary) return null;
    return {
      summary,
      turns: turns?.turns ?? [],
      cells: cells.sort((a, b) => a.order - b.order).map((c) => c.cell),
      files: files.map(({ name, data }) => ({ name, data: data instanceof Blob ? data : new Blob([data]) })),
    };
  }

  /** Saves what changed: the summary always, the turns if given, and the cells at their positions. */
  async save(summary: ConversationSummary, turns: Turn[] | null, cells: { order: number; cell: Cell }[]) {
    const tx = this.db.transaction(["conversations", "turns", "cells"], "readwrite");
    const conversationId = summary.id;
    await Promise.all([
      tx.objectStore("conversations").put(summary),
      turns && tx.objectStore("turns").put({ conversationId, turns }),
      ...cells.map(({ order, cell }) => tx.objectStore("cells").put({ conversationId, order, cell })),
      tx.done,
    ]);
  }

  async rename(id: string, title: string): Promise<void> {
    const tx = this.db.transaction("conversations", "readwrite");
    const summary = await tx.store.get(id);
    if (summary) await tx.store.put({ ...summary, title, named: true });
    await tx.done;
  }

  /** Puts files (deletes those whose data is null), in one transaction. */
  async writeFiles(changes: FileWrite[]): Promise<void> {
    const tx = this.db.transaction("files", "readwrite");
    await Promise.all([
      ...changes.map(({ conversationId, name, data }) =>
        data ? tx.store.put({ conversationId, name, data }) : tx.store.delete([conversationId, name]),
      ),
      tx.done,
    ]);
  }

  /** The conversation and everything in it. */
  async delete(id: string): Promise<void> {
    const tx = this.db.transaction(["conversations", "turns", "cells", "files"], "readwrite");
    // Every [id, …] key: arrays sort after numbers and strings, so [id, []] bounds them all.
    const all = IDBKeyRange.bound([id], [id, []]);
    await Promise.all([
      tx.objectStore("conversations").delete(id),
      tx.objectStore("turns").delete(id),
      tx.objectStore("cells").delete(all),
      tx.objectStore("files").delete(all),
      tx.done,
    ]);
  }
}

/** Why the browser refused a write, for a person. */
export function refusalReason(error: unknown): string {
  const name = (error as { name?: string } | null)?.name;
  if (name === "QuotaExceededError") return "its storage for this page is full";
  if (name === "InvalidStateError" || name === "UnknownError") return "its storage for this page was closed or cleared";
  return messageOf(error);
}
