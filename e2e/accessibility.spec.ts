/** axe-core finds no serious or critical violations on the main screens, wide and phone-sized. */
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures.ts";

async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).exclude('iframe[title="Python kernel"]').analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

for (const viewport of [
  { width: 1280, height: 800 },
  { width: 360, height: 740 },
]) {
  test(`main screen, a run and the Settings dialog at ${viewport.width}px`, async ({ app, page, mockModel }) => {
    await page.setViewportSize(viewport);
    await app.open();
    expect(await seriousViolations(page)).toEqual([]);

    await app.run('print("\\x1b[31mred\\x1b[0m")\n1 + 1');
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByRole("button", { name: "Settings" }).click();
    await expect(page.getByRole("dialog", { name: "Settings" })).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole("dialog", { name: "Settings" }).getByRole("button", { name: "Cancel" }).click();

    mockModel.script([{ content: "| a | b |\n|---|---|\n| 1 | 2 |\n\nDone: [docs](https://example.org)" }]);
    await app.connect(mockModel.url);
    await app.ask("Show a table");
    expect(await seriousViolations(page)).toEqual([]);
  });
}

test("keyboard: focus stays near what was done, never thrown back to the page's start", async ({ app, page }) => {
  await app.open();
  await app.run("x = 1");
  const inBody = () => page.evaluate(() => document.activeElement === document.body);

  // Ctrl+Enter in an edited cell: the editor closes, focus stays on the cell.
  await app.lastCell.getByRole("button", { name: "Edit code" }).click();
  await page.getByLabel("Cell code").press("Control+Enter");
  await expect(app.lastCell).toBeFocused();

  // Rename by keyboard: back on "Rename"; delete kept: back on "Delete"; deleted: on "New conversation".
  const list = page.getByRole("navigation", { name: "Conversations" });
  if (!(await list.isVisible())) await page.getByRole("button", { name: "Conversations" }).click();
  await list
    .getByRole("button", { name: /^Rename / })
    .first()
    .click();
  await list.getByLabel("Conversation title").fill("Focus test");
  await list.getByLabel("Conversation title").press("Enter");
  await expect(list.getByRole("button", { name: "Rename Focus test" })).toBeFocused();
  await list.getByRole("button", { name: "Delete Focus test" }).click();
  await list.getByRole("button", { name: "Keep" }).click();
  await expect(list.getByRole("button", { name: "Delete Focus test" })).toBeFocused();
  await list.getByRole("button", { name: "Delete Focus test" }).click();
  await list.getByRole("button", { name: "Confirm delete Focus test" }).click();
  await expect(list.getByRole("button", { name: "New conversation" })).toBeFocused();
  expect(await inBody()).toBe(false);
});

test("keyboard: dialogs, Stop and cancelled edits give focus back", async ({ app, page, mockModel }) => {
  await app.open();
  // Settings, cancelled: back on "Settings".
  await page.getByRole("button", { name: "Settings" }).focus();
  await page.keyboard.press("Enter");
  await page.getByRole("dialog", { name: "Settings" }).getByRole("button", { name: "Cancel" }).press("Enter");
  await expect(page.getByRole("button", { name: "Settings" })).toBeFocused();

  // Stop pressed by keyboard: focus on Run once the cell has ended.
  await app.code.fill("while True: pass");
  await page.getByRole("button", { name: "Run" }).click();
  await page.getByRole("button", { name: "Stop" }).press("Enter");
  await expect(page.getByRole("button", { name: "Run" })).toBeFocused();

  // Send by keyboard: focus stays in the Message box; an edit cancelled gives it back to "Edit message".
  mockModel.script([{ content: "Hi." }]);
  await app.connect(mockModel.url);
  await page.getByLabel("Message").fill("Hello?");
  await page.getByRole("button", { name: "Send" }).press("Enter");
  await expect(page.getByLabel("Message")).toBeFocused();
  const turn = page.getByRole("article", { name: "Turn" });
  await expect(turn).toHaveAttribute("data-status", "done");
  await turn.getByRole("button", { name: "Edit message" }).click();
  await page.getByLabel("Edit message").press("Escape");
  await expect(turn.getByRole("button", { name: "Edit message" })).toBeFocused();

  // A delete confirm cancelled with Esc: back on "Delete".
  const list = page.getByRole("navigation", { name: "Conversations" });
  if (!(await list.isVisible())) await page.getByRole("button", { name: "Conversations" }).click();
  await list
    .getByRole("button", { name: /^Delete / })
    .first()
    .click();
  await page.keyboard.press("Escape");
  await expect(list.getByRole("button", { name: /^Delete / }).first()).toBeFocused();
});

test("ANSI colours read in both colour schemes", async ({ app, page }) => {
  await app.open();
  const codes = [...Array(8).keys()].flatMap((i) => [30 + i, 90 + i, 40 + i]);
  await app.run(`print(" ".join(f"\\x1b[{c}mcolour {c}\\x1b[0m" for c in ${JSON.stringify(codes)}))`);
  for (const colorScheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme });
    expect(await seriousViolations(page), colorScheme).toEqual([]);
  }
});
