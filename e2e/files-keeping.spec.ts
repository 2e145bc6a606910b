/**
 * Files kept as a person needs them when the browser or the work pushes back: storage with no
 * room, a run writing hundreds of files, a download asked while a long cell runs.
 */
import { readFileSync } from "node:fs";
import { expect, test } from "./fixtures.ts";

test("an upload the browser has no room to keep is said, with what to do", async ({ app, page }) => {
  await app.open();
  const cdp = await page.context().newCDPSession(page);
  const origin = new URL(page.url()).origin;
  const { usage } = await page.evaluate(() => navigator.storage.estimate());
  await cdp.send("Storage.overrideQuotaForOrigin", { origin, quotaSize: (usage ?? 0) + 1024 ** 2 });
  try {
    await app.upload([{ name: "big.txt", mimeType: "text/plain", buffer: Buffer.alloc(3 * 1024 ** 2, "x") }]);
    await expect(
      page.getByRole("alert").filter({ hasText: "big.txt could not be saved in this browser" }),
    ).toContainText("it will be gone after a reload. Download it to keep it.");
    expect(await app.output("import os\nprint(os.path.getsize('big.txt'))")).toBe(String(3 * 1024 ** 2));
  } finally {
    await cdp.send("Storage.overrideQuotaForOrigin", { origin });
  }
});

test("a run that writes hundreds of files lists them a page at a time, under the cell and in the panel", async ({
  app,
  page,
}) => {
  await app.open();
  const cell = await app.run(
    "import os\nos.makedirs('parts')\nfor i in range(600):\n    open(f'parts/{i:03}.txt', 'w').write(str(i))",
  );
  await expect(cell.getByRole("list", { name: "Files from this cell" }).getByRole("listitem")).toHaveCount(51);
  await expect(cell.getByRole("list", { name: "Files from this cell" })).toContainText(
    "…and 550 more (in the Files panel)",
  );
  const listed = page.getByRole("list", { name: "Files in /mnt/data" }).getByRole("listitem");
  await expect(listed).toHaveCount(500);
  await expect(page.getByText("…and 100 more files in /mnt/data.")).toBeVisible();
  await page.getByRole("button", { name: "Show more files" }).click();
  await expect(listed).toHaveCount(600);
  await expect(page.getByRole("button", { name: "Show more files" })).toBeHidden();
});

test("a file downloads and previews while a long cell runs, not after it", async ({ app, page }) => {
  await app.open();
  await app.upload([{ name: "notes.txt", mimeType: "text/plain", buffer: Buffer.from("kept on the page\n") }]);
  await app.code.fill("import time\ntime.sleep(60)");
  await page.getByRole("button", { name: "Run" }).click();
  const running = app.lastCell;
  await expect(running).toHaveAttribute("data-status", "running");

  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download notes.txt" }).click();
  const path = await (await download).path();
  expect(readFileSync(path, "utf8")).toBe("kept on the page\n");
  await page.getByRole("button", { name: "Preview notes.txt" }).click();
  await expect(page.getByRole("region", { name: "Preview of notes.txt" })).toContainText("kept on the page");
  await expect(running).toHaveAttribute("data-status", "running");
  await page.getByRole("button", { name: "Stop" }).click();
});
