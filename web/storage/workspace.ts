/**
 * The workspace: which conversation is open, and keeping every conversation safe. It saves the
 * open conversation's turns, cells and files as they change (a reload or a crash loses at most
 * the last moment), loads another on switch — with its own files and a kernel of its own, so
 * conversations never mix — and lists them for the history panel.
 */
import type { Turn } from "../agent/record";
import { delay } from "../lib/delay";
import type { TurnStore } from "../agent/turn-store";
import type { Cell } from "../kernel/cells";
import type { CellStore } from "../kernel/cell-store";
import type { KernelHost } from "../kernel/host";
import { KernelMemory, type RestoreReport } from "../kernel/restore";
import { type ConversationDB, type FileWrite, type ConversationRecord, type ConversationSummary } from "./db";
import { blank, titleOf, upsert } from "./summaries";
import { browserStorages } from "./memory-storage";
import { clearJournal, mergeChanges, readJournal, writeJournal, type Changes } from "./journal";
import { afterSave, saveProblem, withProblem } from "./save-problems";
import { settle } from "./settle";
import { TabLocks } from "./tab-locks";

export interface WorkspaceState {
  active: ConversationSummary;
  conversations: ConversationSummary[];
  /** False where the browser gives no IndexedDB: nothing outlives the page. */
  durable: boolean;
  /** The open conversation is open in another tab too: what one tab saves replaces the other's. */
  openElsewhere: boolean;
  /** What could not be saved (storage full, cleared, evicted), the latest few: a file's, a conversation's. */
  saveProblems: string[];
}

/**
 * How long after a change the open conversation is saved (changes in between are saved together):
 * short, so a crash loses little, but ten times what the last save took, so saving a
 * long streaming output never takes over the page.
 */
const SAVE_DELAY_MS = { min: 40, max: 1000, perCost: 10 };
/** Files up to this size are saved as soon as they change (putting them costs the page nothing). */
const PUT_AT_ONCE_BYTES = 1024 ** 2;

export class Workspace {
  #state: WorkspaceState = {
    active: blank(),
    conversations: [],
    durable: false,
    openElsewhere: false,
    saveProblems: [],
  };
  #locks = new TabLocks();
  #listeners = new Set<() => void>();
  #db: ConversationDB | null = null;
  #saved = { turns: null as Turn[] | null, cells: new Map<string, Cell>() };
  #timer: ReturnType<typeof setTimeout> | undefined;
  #writing: Promise<void> = Promise.resolve();
  /** What the saves under way are writing, until the last of them is done. */
  #inFlight: Changes | null = null;
  #saving = 0;
  /** A save under way (or done while others were) failed. */
  #failed = false;
  /** Changes went to the journal that the saves under way may not have written yet. */
  #journaled = false;
  #lastWriteMs = 0;
  #beforeSwitch: () => Promise<void> = async () => {};
  /** Files put or deleted, waiting to be written together. */
  #fileChanges: FileWrite[] = [];
  /** This browser's other tabs of the app: told when the list changes here, they list it again. */
  #otherTabs = typeof BroadcastChannel === "undefined" ? null : new BroadcastChannel("code-interpreter.conversations");

  constructor(
    private readonly kernel: KernelHost,
    private readonly cells: CellStore,
    private readonly turns: TurnStore,
    /** Per tab, kept across its reloads: which conversation it has open. */
    private readonly tab: Storage = browserStorages().session,
  ) {
    cells.subscribe(() => this.#changed());
    turns.subscribe(() => this.#changed());
    this.#otherTabs?.addEventListener("message", () => void this.#relist());
  }

  getState = (): WorkspaceState => this.#state;

  subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  };

  /** Opens the conversation this tab had open, else the most recent (or a new one). Call once, as the page opens. */
  async open(db: Promise<ConversationDB | null>): Promise<void> {
    this.#db = await db;
    const journal = readJournal();
    // Where the database refuses them (its storage full), they stay in the journal, and are said.
    let refused: string | null = null;
    if (journal && this.#db)
      await this.#db
        .save(journal.summary, journal.turns, journal.cells)
        .then(clearJournal, (error) => void (refused = saveProblem.journal(error)));
    const conversations = (await this.#db?.list()) ?? [];
    this.#set({ conversations, durable: !!this.#db });
    // A reload opens the conversation the tab showed (not the one saved last: an older one opened
    // to read is not saved again); a new tab, or one that showed a conversation not saved, the one
    // saved last. Unless another tab has it open: then a new one (a second tab's work would
    // otherwise overwrite the first's).
    const shown = this.tab.getItem(OPEN_KEY);
    const last = shown === NEW ? undefined : (conversations.find((c) => c.id === shown) ?? conversations[0]);
    const free = last && !(await this.#locks.heldElsewhere(last.id));
    const latest = free && (await this.#db?.load(last.id));
    await this.#activate(latest ? settle(latest) : null, { opening: true });
    if (refused) this.#say(refused);
  }

  /** The next load of this tab opens a new conversation (a way out of one that stops the page). */
  openNewOnReload(): void {
    this.tab.setItem(OPEN_KEY, NEW);
  }

  /** What the page is about to lose: saved now (on pagehide and before switching). */
  flush(): Promise<void> {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    const write = this.#write();
    this.#writing = this.#writing.then(() => write);
    return this.#writing;
  }

  /** The chat registers how to stop a running turn; switching conversations stops it first. */
  onBeforeSwitch(stop: () => Promise<void>): void {
    this.#beforeSwitch = stop;
  }

  newConversation(): Promise<void> {
    return this.#switch(async () => null);
  }

  switchTo(id: string): Promise<void> {
    if (id === this.#state.active.id) return Promise.resolve();
    return this.#switch(async () => {
      const record = await this.#db?.load(id);
      return record ? settle(record) : null;
    });
  }

  async rename(id: string, title: string): Promise<void> {
    const clean = title.trim().slice(0, 200);
    if (!clean) return;
    if (id === this.#state.active.id) {
      this.#set({ active: { ...this.#state.active, title: clean, named: true } });
      await this.flush();
    } else {
      await this.#db?.rename(id, clean);
    }
    await this.#relist();
    this.#otherTabs?.postMessage("renamed");
  }

  async remove(id: string): Promise<void> {
    // The other tab would save it back, cut down to what it changes next.
    if (await this.#locks.heldElsewhere(id)) {
      throw new Error("This conversation is open in another tab: close it there, or delete it there.");
    }
    const active = id === this.#state.active.id;
    if (active) {
      await this.#beforeSwitch();
      clearTimeout(this.#timer);
      await this.#writing;
    }
    await this.#db?.delete(id);
    // What a tab closing on it put in the journal would bring it back on the next load.
    if (readJournal()?.summary.id === id) clearJournal();
    // Gone from the list at once: opening the next one waits for its kernel.
    await this.#relist();
    this.#otherTabs?.postMessage("deleted");
    if (!active) return;
    const next = this.#state.conversations[0];
    const record = next && (await this.#db?.load(next.id));
    await this.#activate(record ? settle(record) : null);
    await this.#relist();
  }

  /** The open conversation as it is now, with copies of its files (for export). */
  snapshot() {
    return {
      title: this.#state.active.title,
      turns: this.turns.getTurns(),
      cells: this.#shownCells(),
      files: this.kernel.keptFiles(),
    };
  }

  /** "Restore state": a fresh kernel re-runs this conversation's cells that succeeded, in the order they ran. */
  restoreState(): Promise<RestoreReport> {
    return this.kernel.restoreState(this.#succeeded());
  }

  /** How many of the cells Restore state would re-run have no state in the kernel now (after a reload, a switch, a restart). */
  stateMissing(): number {
    const kept = new Set(this.kernel.keptCells());
    return this.#succeeded().filter((code) => !kept.has(code)).length;
  }

  /** The code of the shown cells that succeeded, in the order they ran. */
  #succeeded(): string[] {
    return this.#shownCells()
      .filter((cell) => cell.status === "done" && !cell.stopped)
      .sort((a, b) => a.ranAt - b.ranAt)
      .map((cell) => cell.code);
  }

  /**
   * The cells the conversation shows: the user's, and those of its turns. A turn that was asked
   * again, or replaced by an edited question, leaves its cells behind, out of sight.
   */
  #shownCells(): Cell[] {
    const turns = this.turns.getTurns();
    const ofTurns = new Set(turns.flatMap((turn) => turn.steps.flatMap((step) => step.results.map((r) => r.cellId))));
    return this.cells.getCells().filter((cell) => cell.origin === "user" || ofTurns.has(cell.id));
  }

  async #switch(load: () => Promise<ConversationRecord | null>): Promise<void> {
    await this.#beforeSwitch();
    await this.flush();
    await this.#activate(await load());
    await this.#relist();
  }

  /** Shows a conversation at once, then gives the kernel its files (a fresh kernel: no state carries over). */
  async #activate(record: ConversationRecord | null, { opening = false } = {}): Promise<void> {
    const summary = record?.summary ?? blank();
    this.tab.setItem(OPEN_KEY, summary.id);
    this.#saved = { turns: record?.turns ?? [], cells: new Map(record?.cells.map((c) => [c.id, c])) };
    this.#set({ active: summary, openElsewhere: false, saveProblems: [] });
    const mine = (openElsewhere: boolean) => {
      if (this.#state.active.id === summary.id) this.#set({ openElsewhere });
    };
    void this.#locks.hold(summary.id, () => mine(false)).then((held) => mine(!held));
    this.turns.set(record?.turns ?? []);
    this.cells.load(record?.cells ?? []);
    // A conversation loaded after a crash keeps what was repaired (interrupted turns and cells).
    if (record) this.#changed();
    const memory = new KernelMemory(
      (name, data) => this.#fileChanged(summary.id, name, data),
      (name) => {
        if (this.#state.active.id === summary.id) this.#say(saveProblem.notKept(name));
      },
    );
    // Opening the page on a new conversation keeps the kernel it booted (and anything already run in it).
    if (opening && !record) this.kernel.adopt(memory);
    else await this.kernel.reset(memory.load(record?.files ?? []));
  }

  #fileChanged(conversationId: string, name: string, data: Blob | null): void {
    const db = this.#db;
    if (!db) return;
    this.#fileChanges.push({ conversationId, name, data });
    // Putting a big File holds this thread (~10 ms for 100 MB, in a CPU profile: bench/README.md),
    // so it waits out the save delay from the change and the listing the upload causes is drawn
    // first. Only from the change: a batch of files does not wait once per file. A small file goes
    // at once: it is saved before its listing is drawn, so a reload right after loses nothing.
    const due = performance.now() + (data && data.size > PUT_AT_ONCE_BYTES ? SAVE_DELAY_MS.min : 0);
    this.#writing = this.#writing.then(async () => {
      const wait = due - performance.now();
      if (data && wait > 0) await delay(wait);
      // Every change waiting goes in one transaction: a run writing 10,000 files took a minute to
      // save one file a transaction, and a reload meanwhile lost most of them.
      const changes = this.#fileChanges.splice(0);
      if (changes.length === 0) return;
      await db.writeFiles(changes).catch((error) => {
        const mine = changes.filter((c) => c.data && c.conversationId === this.#state.active.id).map((c) => c.name);
        if (mine.length > 0) this.#say(saveProblem.files(mine, error));
      });
    });
    this.#changed();
  }

  #changed(): void {
    const { min, max, perCost } = SAVE_DELAY_MS;
    const delay = Math.min(max, Math.max(min, perCost * this.#lastWriteMs));
    this.#timer ??= setTimeout(() => void this.flush(), delay);
  }

  /** What changed since the last save; null when nothing did (an empty conversation is not saved until used). */
  #changes(): Changes | null {
    const turns = this.turns.getTurns();
    const cells = this.cells.getCells();
    const fresh = this.#state.active;
    if (turns.length === 0 && cells.length === 0 && this.kernel.keptFileCount() === 0) return null;
    const summary = { ...fresh, title: fresh.named ? fresh.title : titleOf(turns, cells), updatedAt: Date.now() };
    const changedCells = cells
      .map((cell, order) => ({ order, cell }))
      .filter(({ cell }) => this.#saved.cells.get(cell.id) !== cell);
    const changedTurns = turns !== this.#saved.turns ? turns : null;
    // Listed as it is: nothing to save (a rename changes the title only, the listed one included).
    const listed = this.#state.conversations.find((c) => c.id === summary.id);
    if (!changedTurns && changedCells.length === 0 && listed?.title === summary.title) return null;
    this.#saved.turns = turns;
    for (const { cell } of changedCells) this.#saved.cells.set(cell.id, cell);
    return { summary, turns: changedTurns, cells: changedCells };
  }

  /** Saves the open conversation's changes. */
  async #write(): Promise<void> {
    const changes = this.#changes();
    if (!changes) return;
    const { summary } = changes;
    this.#set({ active: summary });
    if (!this.#db) return void this.#set({ conversations: upsert(this.#state.conversations, summary) });
    const started = performance.now();
    await this.#save(this.#db, changes);
    this.#lastWriteMs = performance.now() - started;
    const listed = this.#state.conversations.find((c) => c.id === summary.id);
    if (listed?.title !== summary.title) this.#otherTabs?.postMessage("saved");
    if (!this.#listed(summary.id) || this.#state.conversations[0]?.id !== summary.id) await this.#relist();
    else this.#set({ conversations: upsert(this.#state.conversations, summary) });
  }

  /**
   * The page is going away (pagehide): an IndexedDB write started now may be cut off, so the
   * unsaved changes also go to localStorage, synchronously; the next page load applies them.
   */
  journal(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    // A save still under way is cut off with the page too: its changes go in the journal as well.
    // So do an earlier call's: a page going away calls this twice (visibilitychange, then pagehide).
    const changes = mergeChanges(this.#inFlight, this.#changes());
    if (!changes || !this.#db) return;
    // A journal the database refused when this page opened is kept with this one where it can be.
    const kept = readJournal();
    writeJournal(kept?.summary.id === changes.summary.id ? mergeChanges(kept, changes)! : changes);
    this.#journaled = true;
    void this.#save(this.#db, changes);
  }

  /** Writes changes; they stay in flight, for the journal to take, until every save under way is done. */
  async #save(db: ConversationDB, changes: Changes): Promise<void> {
    if (this.#saving++ === 0) this.#failed = false;
    this.#inFlight = mergeChanges(this.#inFlight, changes);
    const saved = await db.save(changes.summary, changes.turns, changes.cells).then(
      () => true,
      (error) => {
        if (this.#state.active.id !== changes.summary.id) return false;
        // Written again, whole, with the next save.
        this.#saved = { turns: null, cells: new Map() };
        this.#say(saveProblem.conversation(error));
        return false;
      },
    );
    this.#failed ||= !saved;
    if (saved) this.#set({ saveProblems: afterSave(this.#state.saveProblems) });
    if (--this.#saving > 0) return;
    this.#inFlight = null;
    // Where the saves complete (the tab was only hidden), the journal is not needed; where one
    // failed, it stays for the next page to apply.
    if (this.#journaled && !this.#failed) {
      clearJournal();
      this.#journaled = false;
    }
  }

  #listed(id: string): boolean {
    return this.#state.conversations.some((c) => c.id === id);
  }

  async #relist(): Promise<void> {
    const list = (await this.#db?.list()) ?? this.#state.conversations.filter((c) => c.id === this.#state.active.id);
    this.#set({ conversations: list });
  }

  /** Says what could not be saved (./save-problems.ts keeps the latest few). */
  #say(problem: string): void {
    this.#set({ saveProblems: withProblem(this.#state.saveProblems, problem) });
  }

  #set(patch: Partial<WorkspaceState>): void {
    this.#state = { ...this.#state, ...patch };
    for (const listener of this.#listeners) listener();
  }
}

const OPEN_KEY = "code-interpreter.open";
/** In place of a conversation's id: the next load opens a new one. */
const NEW = "new";
