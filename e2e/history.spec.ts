/**
 * History and durability: conversations persist in IndexedDB (cells, outputs, turns, files),
 * survive a reload, and never mix — each has its own files and kernel state.
 */
import { AppPage, expect, test } from "./fixtures.ts";

const conversations = (app: AppPage) => app.page.getByRole("navigation", { name: "Conversations" });
const files = (app: AppPage) => app.page.getByRole("list", { name: "Files in /mnt/data" });

/**
 * Saves back, changed, the first record of `store` that `change` changes (returns true for), as
 * another version of the app, or a crash, might have left it; waits for one to be saved first.
 */
async function changeSaved(app: AppPage, store: string, change: (record: unknown) => boolean): Promise<void> {
  await expect
    .poll(async () => {
      const records = await app.page.evaluate(
        (name) =>
          new Promise<unknown[]>((resolve, reject) => {
            const open = indexedDB.open("code-interpreter");
            open.onerror = () => reject(open.error);
            open.onsuccess = () => {
              const all = open.result.transaction(name).objectStore(name).getAll();
              all.onsuccess = () => resolve(all.result);
            };
          }),
        store,
      );
      const changed = records.find(change);
      if (!changed) return false;
      await app.page.evaluate(
        ([name, record]) =>
          new Promise<void>((resolve, reject) => {
            const open = indexedDB.open("code-interpreter");
            open.onerror = () => reject(open.error);
            open.onsuccess = () => {
              open.result.transaction(name, "readwrite").objectStore(name).put(record).onsuccess = () => resolve();
            };
          }),
        [store, changed] as const,
      );
      return true;
    })
    .toBe(true);
}

async function reload(app: AppPage): Promise<void> {
  await app.page.reload();
  await expect(app.page.getByRole("status", { name: "Kernel" })).toContainText("ready", { timeout: 45_000 });
}

test("a reload keeps cells, outputs and files; Restore state brings the variables back", async ({ app }) => {
  await app.open();
  await app.upload([{ name: "input.txt", mimeType: "text/plain", buffer: Buffer.from("uploaded") }]);
  expect(await app.output("total = 41 + 1\nopen('made.txt', 'w').write('made')\nprint('total is', total)")).toBe(
    "total is 42",
  );
  await expect(files(app)).toContainText("made.txt");

  await reload(app);
  await expect(app.lastCell).toContainText("print('total is', total)");
  await expect(app.lastCell.getByRole("log", { name: "Output" })).toHaveText("total is 42");
  await expect(files(app)).toContainText("input.txt");
  await expect(files(app)).toContainText("made.txt");
  // The files are back in the kernel; the variables are not (a fresh kernel) until Restore state.
  const missing = app.page.getByText("earlier cell are not in this kernel");
  await expect(missing).toHaveText(
    "The variables of 1 earlier cell are not in this kernel: Restore state brings them back.",
  );
  expect(await app.output("print(open('input.txt').read(), open('made.txt').read())")).toBe("uploaded made");
  expect(await app.output("print('total' in globals())")).toBe("False");
  await app.page.getByRole("button", { name: "Restore state" }).click();
  await expect(missing).toBeHidden();
  await expect(app.page.getByRole("status", { name: "Restore" })).toContainText("re-running", { timeout: 45_000 });
  expect(await app.output("print(total)")).toBe("42");
});

test("conversations are isolated: files and state stay with their own", async ({ app }) => {
  await app.open();
  await app.upload([{ name: "first.csv", mimeType: "text/csv", buffer: Buffer.from("a,b\n1,2\n") }]);
  await app.output("secret = 'first conversation'");
  await expect(
    conversations(app).getByRole("button", { name: "secret = 'first conversation'", exact: true }),
  ).toBeVisible();

  await conversations(app).getByRole("button", { name: "New conversation" }).click();
  await expect(app.page.locator(".cell")).toHaveCount(0);
  await expect(app.page.getByRole("status", { name: "Kernel" })).toContainText("ready", { timeout: 45_000 });
  expect(await app.output("import os\nprint(os.listdir('/mnt/data'), 'secret' in globals())")).toBe("[] False");
  await app.upload([{ name: "second.csv", mimeType: "text/csv", buffer: Buffer.from("c\n3\n") }]);
  await expect(files(app)).not.toContainText("first.csv");

  await conversations(app).getByRole("button", { name: "secret = 'first conversation'", exact: true }).click();
  await expect(app.page.locator(".cell").first()).toContainText("secret = 'first conversation'");
  await expect(files(app)).toContainText("first.csv");
  await expect(files(app)).not.toContainText("second.csv");
  expect(await app.output("import os\nprint(sorted(os.listdir('/mnt/data')))")).toBe("['first.csv']");
});

test("a reload reopens the conversation the tab showed, not the one saved last", async ({ app }) => {
  await app.open();
  await app.output("print('conversation A')");
  await conversations(app).getByRole("button", { name: "New conversation" }).click();
  await expect(app.page.getByRole("status", { name: "Kernel" })).toContainText("ready", { timeout: 45_000 });
  await app.output("print('conversation B')");
  await conversations(app).getByRole("button", { name: "print('conversation A')", exact: true }).click();
  await expect(app.lastCell).toContainText("print('conversation A')");

  await reload(app);
  await expect(app.page.locator(".cell")).toHaveCount(1);
  await expect(app.lastCell).toContainText("print('conversation A')");
  await expect(
    conversations(app).getByRole("button", { name: "print('conversation A')", exact: true }),
  ).toHaveAttribute("aria-current", "page");
});

test("rename, search and delete conversations", async ({ app }) => {
  await app.open();
  await app.output("print('one')");
  await conversations(app).getByRole("button", { name: "New conversation" }).click();
  await expect(app.page.locator(".cell")).toHaveCount(0);
  await app.output("print('two')");
  const list = conversations(app);
  await list.getByRole("button", { name: "Rename print('one')" }).click();
  await list.getByLabel("Conversation title").fill("Weather study");
  await list.getByRole("button", { name: "Save title" }).click();
  await expect(list.getByRole("button", { name: "Weather study", exact: true })).toBeVisible();

  await list.getByLabel("Search conversations").fill("weather");
  await expect(list.getByRole("button", { name: "Weather study", exact: true })).toBeVisible();
  await expect(list.getByRole("button", { name: "print('two')", exact: true })).toBeHidden();
  await list.getByLabel("Search conversations").fill("");

  await reload(app);
  await expect(list.getByRole("button", { name: "Weather study", exact: true })).toBeVisible();
  await list.getByRole("button", { name: "Delete Weather study" }).click();
  await list.getByRole("button", { name: "Confirm delete Weather study" }).click();
  await expect(list.getByRole("button", { name: "Weather study", exact: true })).toBeHidden();
  await reload(app);
  await expect(list.getByRole("button", { name: "Weather study", exact: true })).toBeHidden();
  await expect(list.getByRole("button", { name: "print('two')", exact: true })).toBeVisible();

  // The open conversation, renamed, then deleted: the only one, it leaves an empty list.
  await list.getByRole("button", { name: "Rename print('two')" }).click();
  await list.getByLabel("Conversation title").fill("Second study");
  await list.getByRole("button", { name: "Save title" }).click();
  await expect(list.getByRole("button", { name: "Second study", exact: true })).toBeVisible();
  await reload(app);
  await expect(list.getByRole("button", { name: "Second study", exact: true })).toBeVisible();
  await list.getByRole("button", { name: "Delete Second study" }).click();
  await list.getByRole("button", { name: "Confirm delete Second study" }).click();
  await expect(list.getByRole("button", { name: "Second study", exact: true })).toBeHidden();
  await expect(app.page.locator(".cell")).toHaveCount(0);
});

test("a second tab opens a new conversation, not the one the first tab has open, and says so if opened anyway", async ({
  app,
  page,
}) => {
  await app.open();
  await app.output("print('first tab')");
  const second = new AppPage(await page.context().newPage());
  await second.open();
  await expect(second.page.locator(".cell")).toHaveCount(0); // a new conversation: nothing of the first tab's
  await expect(second.page.getByRole("alert").filter({ hasText: "another tab" })).toHaveCount(0);
  await second.output("print('second tab')");
  // Each tab's list shows what the other saved, without a reload.
  await expect(conversations(app).getByRole("button", { name: "print('second tab')", exact: true })).toBeAttached();
  // Opened from the list anyway: said, in the second tab only.
  const list = conversations(second);
  if (!(await list.isVisible())) await second.page.getByRole("button", { name: "Conversations" }).click();
  await list.getByRole("button", { name: "print('first tab')", exact: true }).click();
  await expect(second.page.getByRole("alert")).toContainText("also open in another tab");
  await expect(app.page.getByRole("alert").filter({ hasText: "another tab" })).toHaveCount(0);
  // Not deleted from here while the first tab has it open (it would save it back, cut down).
  await list.getByRole("button", { name: "Delete print('first tab')" }).click();
  await list.getByRole("button", { name: "Confirm delete print('first tab')" }).click();
  await expect(list.getByRole("alert")).toContainText("open in another tab");
  // The first tab closes: this one has it to itself, and says so no more.
  await app.page.close();
  await expect(second.page.getByRole("alert").filter({ hasText: "also open in another tab" })).toHaveCount(0);
});

test("a reload in the middle of a turn keeps what was shown and marks the turn interrupted", async ({
  app,
  mockModel,
}) => {
  mockModel.script([
    {
      content: "Counting slowly.",
      toolCalls: [
        { name: "run_python", arguments: JSON.stringify({ code: "import time\nprint('began')\ntime.sleep(30)" }) },
      ],
    },
  ]);
  await app.open();
  await app.connect(mockModel.url);
  await app.page.getByLabel("Message").fill("Count slowly");
  await app.page.getByLabel("Message").press("Enter");
  await expect(app.page.getByRole("log", { name: "Output" })).toContainText("began");
  await app.page.waitForTimeout(400); // the workspace saves within 250 ms of a change

  await reload(app);
  const turn = app.page.getByRole("article", { name: "Turn" });
  await expect(turn).toHaveAttribute("data-status", "interrupted");
  await expect(turn).toContainText("Count slowly");
  await expect(turn).toContainText("Counting slowly.");
  await expect(turn.getByRole("log", { name: "Output" })).toContainText("began");
  await expect(turn).toContainText("Interrupted: the page was closed or reloaded");
});

test("a reload while the answer streams marks the turn interrupted, not failed, and keeps what was shown", async ({
  app,
  mockModel,
}) => {
  mockModel.script([{ content: "This answer streams slowly. ".repeat(40), chunkDelayMs: 50 }]);
  await app.open();
  await app.connect(mockModel.url);
  await app.page.getByLabel("Message").fill("Tell me slowly");
  await app.page.getByLabel("Message").press("Enter");
  const answer = app.page.getByRole("article", { name: "Turn" }).getByLabel("Answer");
  await expect(answer).toContainText("This answer streams slowly. This answer");
  await app.page.waitForTimeout(400); // the workspace saves within 250 ms of a change

  await reload(app);
  const turn = app.page.getByRole("article", { name: "Turn" });
  await expect(turn).toHaveAttribute("data-status", "interrupted");
  await expect(turn).toContainText("Interrupted: the page was closed or reloaded");
  await expect(turn.getByLabel("Answer")).toContainText("This answer streams slowly.");
});

test("a cell saved broken is shown as such, and the rest of the conversation and the app go on", async ({ app }) => {
  await app.open();
  expect(await app.output("print('first')")).toBe("first");
  expect(await app.output("print('second')")).toBe("second");
  // Saved broken, as a kernel error without a message once was: an error output with no traceback.
  await changeSaved(app, "cells", (record) => {
    const cell = (record as { cell: { code: string; outputs: unknown[] } }).cell;
    if (cell.code !== "print('first')") return false;
    cell.outputs = [{ type: "error", error: { name: "ErrnoError" } }];
    return true;
  });

  await reload(app);
  await expect(app.page.getByRole("alert").filter({ hasText: "This cell could not be shown" })).toBeVisible();
  await expect(app.lastCell.getByRole("log", { name: "Output" })).toHaveText("second");
  expect(await app.output("6 * 7")).toBe("42");
});

test("a turn saved broken does not stop the app: the rest of the conversation and the app go on", async ({
  app,
  mockModel,
}) => {
  mockModel.script([
    { toolCalls: [{ name: "run_python", arguments: JSON.stringify({ code: "print(6 * 7)" }) }] },
    { content: "It is 42." },
  ]);
  await app.open();
  await app.connect(mockModel.url);
  await app.ask("What is six times seven?");
  // Saved broken, as another version of the app might have: a turn without its steps.
  await changeSaved(app, "turns", (record) => {
    const turn = (record as { turns: { answer?: unknown; steps?: unknown }[] }).turns[0];
    if (!turn?.answer) return false; // not saved yet
    delete turn.steps;
    return true;
  });

  await reload(app);
  await expect(app.page.getByRole("article", { name: "Turn" })).toContainText("What is six times seven?");
  expect(await app.output("6 * 7")).toBe("42");
});

test("Restore state re-runs only the cells the conversation shows, not those of a replaced turn", async ({
  app,
  mockModel,
}) => {
  const runPython = (code: string) => ({ name: "run_python", arguments: JSON.stringify({ code }) });
  mockModel.script([{ toolCalls: [runPython("v = 41")] }, { content: "Set." }, { content: "Nothing to run." }]);
  await app.open();
  await app.connect(mockModel.url);
  const turn = await app.ask("Set v");
  await expect(turn.locator(".cell")).toHaveCount(1);
  await turn.getByRole("button", { name: "Edit message" }).click();
  await turn.getByRole("textbox", { name: "Edit message" }).fill("Do nothing");
  await turn.getByRole("button", { name: "Send edited message" }).click();
  const replaced = app.page.getByRole("article", { name: "Turn" });
  await expect(replaced.getByLabel("Answer")).toHaveText("Nothing to run.");
  await expect(app.page.locator(".cell")).toHaveCount(0);
  expect(await app.output("z = 1\nprint('z set')")).toBe("z set");

  await app.page.getByRole("button", { name: "Restart kernel" }).click();
  await expect(app.page.getByRole("status", { name: "Kernel" })).toContainText("ready", { timeout: 30_000 });
  await app.page.getByRole("button", { name: "Restore state" }).click();
  await expect(app.page.getByRole("status", { name: "Restore" })).toContainText("re-running 1 earlier cell", {
    timeout: 45_000,
  });
  expect(await app.output("print('z' in globals(), 'v' in globals())")).toBe("True False");
});
