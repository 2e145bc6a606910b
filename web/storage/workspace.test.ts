import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { TurnStore } from "../agent/turn-store";
import type { Cell } from "../kernel/cells";
import { CellStore } from "../kernel/cell-store";
import type { KernelHost } from "../kernel/host";
import type { ConversationDB } from "./db";
import { readJournal } from "./journal";
import { Workspace } from "./workspace";

const cell: Cell = {
  id: "c1",
  code: "total = 41 + 1",
  origin: "user",
  createdAt: 1,
  ranAt: 1,
  ranBy: "user",
  status: "done",
  outputs: [{ type: "stream", name: "stdout", text: "total is 42\n" }],
  changedFiles: [],
};

/** A kernel that holds no files; the workspace only asks it that, and hands it a conversation's memory. */
const kernel = { keptFileCount: () => 0, adopt: () => {}, reset: async () => {} } as unknown as KernelHost;

/** A database whose saves finish only when told to (a page going away never sees them finish). */
function database() {
  const pending: { resolve: () => void; reject: (error: Error) => void }[] = [];
  const db = {
    list: async () => [],
    save: () => new Promise<void>((resolve, reject) => pending.push({ resolve, reject })),
  } as unknown as ConversationDB;
  const settle = async (ok: boolean) => {
    for (const save of pending.splice(0)) {
      if (ok) save.resolve();
      else save.reject(new Error("QuotaExceededError"));
    }
    await new Promise((resolve) => setTimeout(resolve));
  };
  return { db, finishSaves: () => settle(true), failSaves: () => settle(false) };
}

async function openWorkspace(db: ConversationDB) {
  const cells = new CellStore(kernel);
  const workspace = new Workspace(kernel, cells, new TurnStore());
  await workspace.open(Promise.resolve(db));
  return { workspace, cells };
}

describe("Workspace journal", () => {
  beforeEach(() => {
    const items = new Map<string, string>();
    globalThis.localStorage = {
      getItem: (key: string) => items.get(key) ?? null,
      setItem: (key: string, value: string) => void items.set(key, value),
      removeItem: (key: string) => void items.delete(key),
    } as Storage;
  });
  afterEach(() => {
    delete (globalThis as { localStorage?: Storage }).localStorage;
  });

  it("keeps a cell not yet saved when the page goes away (hidden, then hidden again)", async () => {
    const { db } = database();
    const { workspace, cells } = await openWorkspace(db);
    cells.load([cell]);
    // A reload fires visibilitychange (hidden) and pagehide: the app journals on both.
    workspace.journal();
    workspace.journal();
    expect(readJournal()?.cells).toEqual([{ order: 0, cell }]);
    expect(readJournal()?.summary.title).toBe("total = 41 + 1");
  });

  it("forgets the journal once every save under way is done (the tab was only hidden)", async () => {
    const { db, finishSaves } = database();
    const { workspace, cells } = await openWorkspace(db);
    cells.load([cell]);
    workspace.journal();
    cells.load([{ ...cell, code: "total = 43" }]);
    workspace.journal();
    expect(readJournal()?.cells[0].cell.code).toBe("total = 43");
    await finishSaves();
    expect(readJournal()).toBeNull();
  });

  it("keeps every cell of a change too large for localStorage, each with the end of its output", async () => {
    const { db } = database();
    const { workspace, cells } = await openWorkspace(db);
    const big = (id: string, line: string): Cell => ({
      ...cell,
      id,
      outputs: [{ type: "stream", name: "stdout", text: `${line}\n`.repeat(300_000) + "last line\n" }],
    });
    cells.load([big("a", "x".repeat(9)), big("b", "y".repeat(9))]);
    workspace.journal();
    const kept = readJournal()!.cells.map(({ cell }) => cell.outputs[0]);
    expect(kept).toHaveLength(2);
    for (const output of kept) {
      expect(output.type === "stream" && output.text).toMatch(
        /^\[… \d+ characters not kept: the page closed .*last line\n$/s,
      );
    }
  });

  it("says when the browser refuses a save, and writes everything again with the next", async () => {
    const saved: { turns: unknown; cells: unknown[] }[] = [];
    let refuse = true;
    const db = {
      list: async () => [],
      save: async (_summary: unknown, turns: unknown, cells: unknown[]) => {
        if (refuse) throw new DOMException("full", "QuotaExceededError");
        saved.push({ turns, cells });
      },
    } as unknown as ConversationDB;
    const { workspace, cells } = await openWorkspace(db);
    cells.load([cell]);
    await workspace.flush();
    expect(workspace.getState().saveProblems.join()).toMatch(
      /could not be saved in this browser \(its storage for this page is full\)/,
    );
    refuse = false;
    cells.load([cell, { ...cell, id: "c2" }]);
    await workspace.flush();
    expect(saved[0].cells).toHaveLength(2); // the refused cell too
    expect(workspace.getState().saveProblems).toEqual([]);
  });

  it("says so when the next page cannot save the journal either, and keeps it", async () => {
    const { db, failSaves } = database();
    const first = await openWorkspace(db);
    first.cells.load([cell]);
    first.workspace.journal();
    await failSaves();
    const full = {
      list: async () => [],
      save: async () => {
        throw new DOMException("full", "QuotaExceededError");
      },
    } as unknown as ConversationDB;
    const { workspace } = await openWorkspace(full);
    expect(workspace.getState().saveProblems.join()).toMatch(
      /^The last changes before the page closed could not be saved/,
    );
    expect(readJournal()?.cells).toEqual([{ order: 0, cell }]);
  });

  it("keeps the journal for the next page when a save fails", async () => {
    const { db, failSaves } = database();
    const { workspace, cells } = await openWorkspace(db);
    cells.load([cell]);
    workspace.journal();
    await failSaves();
    expect(readJournal()?.cells).toEqual([{ order: 0, cell }]);
  });
});
