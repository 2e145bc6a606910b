/**
 * A long conversation (issue 8, figure 8): 200 cells with output, saved in IndexedDB as the app
 * saves them. Opening it (page load → the last cell shown) is paired with opening an empty
 * conversation in the same run; typing in the composer is timed per key (key → next frame) with
 * a 10 ms heartbeat watching for stalls, against the same typing in a bare page's lone textarea.
 */
import { test, type Page } from "@playwright/test";
import { BARE } from "./bare.ts";
import { HEARTBEAT } from "./heartbeat.ts";
import { watchKeys } from "./keys.ts";
import { record } from "./stats.ts";
import { quietPage } from "./quiet.ts";

const CELLS = 200;
const ROUNDS = 5;
const KEYS = 60;
const SENTENCE = "What is the average of the third column in every table? ".repeat(2).slice(0, KEYS);

/** Writes a conversation of CELLS cells straight into the app's database (web/storage/db.ts's schema). */
async function seed(page: Page, cells: number): Promise<void> {
  await page.evaluate(async (count) => {
    const db: IDBDatabase = await new Promise((ok, fail) => {
      const open = indexedDB.open("code-interpreter");
      open.onsuccess = () => ok(open.result);
      open.onerror = () => fail(open.error);
    });
    const tx = db.transaction(["conversations", "turns", "cells", "files"], "readwrite");
    for (const store of ["conversations", "turns", "cells", "files"]) tx.objectStore(store).clear();
    const id = "bench-conversation";
    const now = Date.now();
    tx.objectStore("conversations").put({ id, title: "Long", named: true, createdAt: now, updatedAt: now });
    tx.objectStore("turns").put({ conversationId: id, turns: [] });
    for (let order = 0; order < count; order++) {
      const lines = Array.from({ length: 20 }, (_, i) => `row ${order}.${i}: ${"x".repeat(40)}`).join("\n");
      tx.objectStore("cells").put({
        conversationId: id,
        order,
        cell: {
          id: `cell-${order}`,
          code: `import csv\nrows = list(csv.reader(open("data.csv")))\nfor r in rows[:20]:\n    print(r)\nlen(rows) + ${order}`,
          origin: "user",
          createdAt: now - (count - order) * 1000,
          ranAt: now - (count - order) * 1000,
          ranBy: "user",
          status: "done",
          outputs: [
            { type: "stream", name: "stdout", text: lines + "\n" },
            { type: "result", data: { "text/plain": String(order) } },
          ],
          changedFiles: [],
        },
      });
    }
    await new Promise((ok) => (tx.oncomplete = ok));
    db.close();
  }, cells);
}

/** Loads the page and times navigation start → the conversation's last cell (or the composer) shown. */
async function open(page: Page, cells: number): Promise<number> {
  await page.reload();
  const done = cells ? page.locator(`[data-cell-id="cell-${cells - 1}"]`) : page.getByLabel("Message");
  await done.waitFor({ timeout: 60_000 });
  if (cells)
    await page
      .locator(".timeline > li")
      .nth(cells - 1)
      .waitFor({ state: "attached" });
  return page.evaluate(() => performance.now());
}

test("a 200-cell conversation: open time and typing latency", async ({ page }) => {
  test.setTimeout(5 * 60_000);
  await page.goto("/");
  await page.getByLabel("Message").waitFor();
  const long: number[] = [];
  const empty: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    await seed(page, 0);
    empty.push(await open(page, 0));
    await seed(page, CELLS);
    long.push(await open(page, CELLS));
  }

  await quietPage(page);
  const typed = await typing(page);
  // The same typing with an empty conversation open, and in a lone textarea: what typing costs
  // this browser and machine anyway (the physical floor).
  await seed(page, 0);
  await open(page, 0);
  await quietPage(page);
  const typedEmpty = await typing(page);
  await page.goto(BARE.typing);
  const typedBare = await typing(page);
  record([
    {
      name: `Open a ${CELLS}-cell conversation (page load → last cell shown)`,
      unit: "ms",
      ours: long,
      baseline: empty,
      baselineName: "empty conversation",
      target: "< 1000 ms",
    },
    {
      name: `Typing in the composer with ${CELLS} cells open (key → next frame)`,
      unit: "ms",
      ours: typed.keys,
      baseline: typedBare.keys,
      baselineName: "bare page: a lone textarea",
      target: "≤ 16 ms stall",
    },
    {
      name: `Longest main-thread stall while typing (${CELLS} cells open)`,
      unit: "ms",
      ours: typed.stalls,
      baseline: typedBare.stalls,
      baselineName: "bare page: a lone textarea",
      target: "≤ 16 ms",
    },
    {
      name: "Longest main-thread stall while typing (empty conversation)",
      unit: "ms",
      ours: typedEmpty.stalls,
      baseline: typedBare.stalls,
      baselineName: "bare page: a lone textarea",
      target: "≤ 16 ms",
    },
  ]);
});

/**
 * Types SENTENCE into the composer ROUNDS times: each key's latency to the next frame, and each
 * round's worst stall of a 10 ms heartbeat (one number per round, so the stall is a median like the rest).
 */
async function typing(page: Page): Promise<{ keys: number[]; stalls: number[] }> {
  await page.evaluate(`(() => { ${HEARTBEAT}; window.heartbeat = heartbeat; })()`);
  const keys = await watchKeys(page);
  const composer = page.getByLabel("Message");
  const stalls: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    await composer.fill("");
    await composer.click();
    await page.evaluate(() => {
      const w = window as unknown as { heartbeat(): { stop(): number }; __beat: { stop(): number } };
      w.__beat = w.heartbeat();
    });
    await page.keyboard.type(SENTENCE, { delay: 30 });
    await page.waitForTimeout(200);
    stalls.push(await page.evaluate(() => (window as unknown as { __beat: { stop(): number } }).__beat.stop()));
  }
  return { keys: await keys(), stalls };
}
