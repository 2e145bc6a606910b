/**
 * The kernel as a person uses it through the scratchpad: run Python, see output stream in,
 * values, rich displays and tracebacks; upload a real CSV, compute over it, download results;
 * packages from a locally served source.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { expect, test, useSiteConfig } from "./fixtures.ts";

// vega-datasets exports only its JS entry (build/index.js); the data folder sits beside build/.
const datasets = join(dirname(createRequire(import.meta.url).resolve("vega-datasets")), "..");
const seattle = readFileSync(join(datasets, "data/seattle-weather.csv"));

test("runs Python: streamed output, values, rich display and tracebacks", async ({ app }) => {
  await app.open();

  // Output streams while the cell is still running.
  await app.code.fill('import asyncio\nprint("first", flush=True)\nawait asyncio.sleep(1.5)\nprint("second")');
  await app.code.press("Control+Enter");
  const streaming = app.lastCell;
  await expect(streaming.getByRole("log")).toContainText("first");
  await expect(streaming).toHaveAttribute("data-status", "running");
  await expect(streaming.getByRole("log")).not.toContainText("second");
  await expect(streaming.getByRole("log")).toContainText("second");
  await expect(streaming).toHaveAttribute("data-status", "done");

  // State persists; the trailing expression's value is shown, like Jupyter.
  await app.run("x = 6");
  expect(await app.output("x * 7")).toBe("42");
  expect(await app.output("x * 7;")).toBe("");

  // A progress bar redraws its line, as in a terminal.
  expect(await app.output('for i in range(101):\n    print(f"\\rprogress {i}%", end="")\nprint("\\ndone")')).toBe(
    "progress 100%\ndone",
  );

  // Rich outputs: HTML in a script-less sandboxed frame, PNG as an image.
  const html = await app.run(
    'class Table:\n    def _repr_html_(self):\n        return "<table><tr><td>rich cell</td></tr></table>"\ndisplay(Table())',
  );
  const frame = html.locator('iframe[title="HTML output"]');
  await expect(frame).toHaveAttribute("sandbox", "");
  await expect(html.frameLocator('iframe[title="HTML output"]').getByRole("cell")).toHaveText("rich cell");
  const png = await app.run(
    'import base64\nclass Dot:\n    def _repr_png_(self):\n        return base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==")\nDot()',
  );
  await expect(png.getByRole("img", { name: "Figure" })).toHaveAttribute("src", /^data:image\/png;base64,iVBOR/);

  // A traceback starts at the user's code: no kernel frames.
  const failing = await app.run("def f(n):\n    return 1 / n\n\nf(0)");
  await expect(failing).toHaveAttribute("data-status", "error");
  const traceback = await failing.getByRole("alert").innerText();
  expect(traceback).toContain("ZeroDivisionError: division by zero");
  expect(traceback).toContain("return 1 / n");
  expect(traceback).not.toMatch(/_kernel|pyodide\/_base/);

  // The kernel is still fine afterwards.
  expect(await app.output('print("still here")')).toBe("still here");
});

test("answers from an uploaded CSV and offers generated files for download", async ({ app, page }) => {
  await app.open();
  await app.upload([{ name: "seattle-weather.csv", mimeType: "text/csv", buffer: seattle }]);

  const rows = seattle
    .toString()
    .trim()
    .split("\n")
    .slice(1)
    .map((line) => line.split(","));
  const rainyDays = rows.filter((r) => r[5] === "rain").length;
  const out = await app.output(
    'import csv\nwith open("seattle-weather.csv") as f:\n    rows = list(csv.DictReader(f))\nsum(1 for r in rows if r["weather"] == "rain")',
  );
  expect(out).toBe(String(rainyDays));

  await app.run(
    'with open("rain.csv", "w", newline="") as f:\n    w = csv.writer(f)\n    w.writerow(["date", "precipitation"])\n    w.writerows((r["date"], r["precipitation"]) for r in rows if r["weather"] == "rain")',
  );
  const expected =
    ["date,precipitation", ...rows.filter((r) => r[5] === "rain").map((r) => `${r[0]},${r[1]}`)].join("\r\n") + "\r\n";
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download rain.csv" }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe("rain.csv");
  expect(readFileSync(await file.path()).toString()).toBe(expected);
});

test("files dropped on the page land in /mnt/data", async ({ app, page }) => {
  await app.open();
  await page.evaluate(() => {
    const data = new DataTransfer();
    data.items.add(new File(["a,b\n1,2\n"], "dropped.csv", { type: "text/csv" }));
    document.querySelector(".drop-zone")!.dispatchEvent(new DragEvent("drop", { dataTransfer: data, bubbles: true }));
  });
  await expect(page.getByRole("link", { name: "Download dropped.csv" })).toBeVisible();
  expect(await app.output('open("/mnt/data/dropped.csv").read()')).toBe("'a,b\\n1,2\\n'");
});

test("loads packages from the configured source, and names an unreachable one", async ({
  app,
  page,
  packageServer,
}) => {
  await useSiteConfig(page, { packageBaseURL: packageServer.url });
  await app.open();

  const cell = await app.run("import ci_double\nci_double.double()");
  await expect(cell.getByRole("log")).toContainText("84");
  await expect(cell.getByRole("log")).toContainText("Loading");
  expect(packageServer.requests().some((r) => r.includes("ci_answer-1.0.0-py3-none-any.whl"))).toBe(true);

  const missing = await app.run("import ci_missing");
  await expect(missing).toHaveAttribute("data-status", "error");
  await expect(missing.getByRole("alert")).toContainText(
    `Could not load package ci_missing from ${packageServer.url}ci_missing-1.0.0-py3-none-any.whl (HTTP 404`,
  );
});

test("reads a spreadsheet with pandas: the reader pandas needs is loaded without being imported", async ({
  app,
  page,
  packageServer,
}) => {
  await useSiteConfig(page, { packageBaseURL: packageServer.url });
  await app.open();
  const book = Buffer.from("PK\x03\x04 a workbook's bytes");
  await app.upload([{ name: "book.xlsx", mimeType: "application/octet-stream", buffer: book }]);

  const cell = await app.run('import pandas as pd\npd.read_excel("book.xlsx")');
  await expect(cell).toHaveAttribute("data-status", "done");
  await expect(cell.getByRole("log")).toContainText(`calamine read ${book.length} bytes`);
  expect(packageServer.requests().some((r) => r.includes("python_calamine-0.6.2-py3-none-any.whl"))).toBe(true);
});

test("asyncio.run works in a cell, as models write it", async ({ app }) => {
  await app.open();
  const code =
    "import asyncio\n\nasync def main():\n    await asyncio.sleep(0.01)\n    return 6 * 7\n\nprint(asyncio.run(main()))";
  expect(await app.output(code)).toBe("42");
});
