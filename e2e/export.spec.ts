/**
 * Export and import (issue 5, "History and durability"): the session leaves the browser as a
 * Jupyter notebook, a Markdown transcript and a zip of /mnt/data, and a notebook's code comes
 * back in as cells.
 */
import { unzipSync } from "fflate";
import { readFileSync } from "node:fs";
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures.ts";

interface SavedCell {
  cell_type: string;
  source: string[];
  execution_count: number | null;
  outputs: { output_type: string; name?: string; text?: string[]; data?: Record<string, unknown> }[];
}

/** Opens the Export menu, clicks one of its exports and returns the file the browser saved. */
async function exportAs(page: Page, label: string): Promise<{ name: string; bytes: Buffer }> {
  await page.getByRole("button", { name: "Export", exact: true }).click();
  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: label }).click();
  const file = await download;
  return { name: file.suggestedFilename(), bytes: readFileSync(await file.path()) };
}

test("exports the session as a notebook, with each cell's code and output", async ({ app, page }) => {
  await app.open();
  await app.run('print("exported ✓")');
  await app.run("6 * 7");

  const { name, bytes } = await exportAs(page, "Export notebook (.ipynb)");
  expect(name).toMatch(/\.ipynb$/);
  const notebook = JSON.parse(bytes.toString("utf8"));
  expect(notebook).toMatchObject({ nbformat: 4, nbformat_minor: 5, metadata: { kernelspec: { name: "python3" } } });
  expect(notebook.metadata.language_info.version).toMatch(/^3\.\d+\.\d+$/); // the kernel's Python
  const code = (notebook.cells as SavedCell[]).filter((cell) => cell.cell_type === "code");
  expect(code.map((cell) => cell.source.join(""))).toEqual(['print("exported ✓")', "6 * 7"]);
  expect(code[0].outputs).toEqual([{ output_type: "stream", name: "stdout", text: ["exported ✓\n"] }]);
  expect(code[1].outputs).toEqual([
    { output_type: "execute_result", execution_count: 2, data: { "text/plain": ["42"] }, metadata: {} },
  ]);
  // The menu closes once the file is saved.
  await expect(page.getByRole("button", { name: "Export notebook (.ipynb)" })).toBeHidden();
});

test("exports a Markdown transcript, and the generated files as a zip once there are any", async ({ app, page }) => {
  await app.open();
  await app.run('print("hello")');

  // No files yet: nothing to zip.
  await page.getByRole("button", { name: "Export", exact: true }).click();
  await expect(page.getByRole("button", { name: "Download files (.zip)" })).toBeDisabled();
  await page.keyboard.press("Escape");
  await expect(page.getByRole("button", { name: "Download files (.zip)" })).toBeHidden();
  await expect(page.getByRole("button", { name: "Export", exact: true })).toBeFocused();

  const markdown = await exportAs(page, "Export Markdown");
  expect(markdown.name).toMatch(/\.md$/);
  expect(markdown.bytes.toString("utf8")).toContain('```python\nprint("hello")\n```\n\n```text\nhello\n```');

  await app.run('import os\nos.makedirs("out", exist_ok=True)\nopen("out/result.csv", "w").write("a,b\\n1,2\\n")');
  const zip = await exportAs(page, "Download files (.zip)");
  expect(zip.name).toMatch(/\.zip$/);
  const entries = unzipSync(new Uint8Array(zip.bytes));
  expect(new TextDecoder().decode(entries["out/result.csv"])).toBe("a,b\n1,2\n");
});

test("imports a notebook's code as cells, and refuses a file that is not one", async ({ app, page }) => {
  await app.open();
  const notebook = {
    nbformat: 4,
    nbformat_minor: 5,
    metadata: {},
    cells: [
      { id: "a", cell_type: "markdown", metadata: {}, source: ["# Imported\n"] },
      {
        id: "b",
        cell_type: "code",
        metadata: {},
        source: ["imported = 6 * 7\n", "imported"],
        outputs: [],
        execution_count: 1,
      },
      { id: "c", cell_type: "code", metadata: {}, source: 'print("second cell ✓")', outputs: [], execution_count: 2 },
    ],
  };

  await page.getByRole("button", { name: "Export", exact: true }).click();
  await page.getByLabel("Import notebook").setInputFiles({
    name: "analysis.ipynb",
    mimeType: "application/x-ipynb+json",
    buffer: Buffer.from(JSON.stringify(notebook)),
  });
  // Imported cells are there, not run yet; the markdown cell is not.
  const imported = page.locator('.cell[data-status="idle"]');
  await expect(imported).toHaveCount(2);
  await expect(imported.nth(0)).toContainText("imported = 6 * 7");
  await expect(imported.nth(1)).toContainText('print("second cell ✓")');
  await expect(page.locator(".cell").filter({ hasText: "# Imported" })).toHaveCount(0);

  await page.getByRole("button", { name: "Export", exact: true }).click();
  await page.getByLabel("Import notebook").setInputFiles({
    name: "sales.ipynb",
    mimeType: "application/x-ipynb+json",
    buffer: Buffer.from("region,total\nnorth,12\n"),
  });
  const menu = page.getByRole("group", { name: "Export and import" });
  await expect(menu.getByRole("alert")).toHaveText("This file is not a Jupyter notebook: it is not JSON.");
  await expect(page.locator(".cell")).toHaveCount(2);
});
