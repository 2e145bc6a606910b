/**
 * The whole path a person takes (issue 5): first run → settings → upload a real public dataset →
 * ask → a streamed answer with a cell, a table and a chart → download a generated file → edit and
 * re-run a cell → reload, everything still there → export .ipynb → switch conversations, isolated.
 */
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { expect, test } from "./fixtures.ts";

// The path from a person's very first visit: Python boots from scratch.
test.use({ visitor: "first" });

const datasets = join(dirname(createRequire(import.meta.url).resolve("vega-datasets")), "..");
const seattle = readFileSync(join(datasets, "data/seattle-weather.csv"));
const rows = seattle.toString().trim().split("\n").slice(1);
const counts = new Map<string, number>();
for (const row of rows) counts.set(row.split(",").at(-1)!, (counts.get(row.split(",").at(-1)!) ?? 0) + 1);

// What a model would write: count the weather kinds, show a table and a chart, save a summary.
const CODE = `import csv
from collections import Counter
rows = list(csv.DictReader(open("seattle-weather.csv")))
counts = Counter(r["weather"] for r in rows)
class Table:
    def _repr_html_(self):
        body = "".join(f"<tr><td>{k}</td><td>{v}</td></tr>" for k, v in counts.most_common())
        return f"<table><tr><th>weather</th><th>days</th></tr>{body}</table>"
display(Table())
display({"$schema": "https://vega.github.io/schema/vega-lite/v5.json", "mark": "bar",
         "data": {"values": [{"weather": k, "days": v} for k, v in counts.items()]},
         "encoding": {"x": {"field": "weather", "type": "nominal"}, "y": {"field": "days", "type": "quantitative"}}})
with open("summary.csv", "w") as f:
    f.write("weather,days\\n" + "".join(f"{k},{v}\\n" for k, v in counts.most_common()))
print("rain days:", counts["rain"])`;

async function serious(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page })
    .exclude('iframe[title="Python kernel"]')
    .exclude('iframe[title="HTML output"]')
    .analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

test("first run to export, through reload and a second conversation", async ({ app, page, mockModel }) => {
  test.setTimeout(180_000);
  const rain = counts.get("rain")!;
  mockModel.script([
    {
      content: "Let me count the weather kinds.",
      toolCalls: [{ name: "run_python", arguments: JSON.stringify({ code: CODE }) }],
    },
    { content: `It rained on **${rain}** days. The table and chart show every kind; summary.csv has them all.` },
  ]);

  // First run: the panel explains how to connect; Settings connects.
  await app.open();
  const firstRun = page.getByRole("region", { name: "Connect a model" });
  await expect(firstRun).toBeVisible();
  expect(await serious(page)).toEqual([]);
  await firstRun.getByRole("button", { name: "Connect a model" }).click();
  const dialog = page.getByRole("dialog", { name: "Settings" });
  await dialog.getByLabel("Endpoint").selectOption({ label: "Custom" });
  await dialog.getByLabel("API base URL").fill(mockModel.url);
  await dialog.getByLabel("Model").fill("mock-model");
  expect(await serious(page)).toEqual([]);
  await dialog.getByRole("button", { name: "Save" }).click();
  await expect(firstRun).toBeHidden();

  // Upload the real dataset, ask, and get the answer with its cell, table and chart.
  await app.upload([{ name: "seattle-weather.csv", mimeType: "text/csv", buffer: seattle }]);
  const turn = await app.ask("How many days did it rain?");
  await expect(turn).toHaveAttribute("data-status", "done");
  await expect(turn.getByLabel("Answer")).toContainText(`It rained on ${rain} days.`);
  await expect(turn.getByRole("log", { name: "Output" })).toContainText(`rain days: ${rain}`);
  await expect(turn.getByTitle("HTML output")).toBeVisible();
  await expect(turn.getByRole("figure", { name: "Chart" }).locator("svg, canvas").first()).toBeVisible();
  expect(await serious(page)).toEqual([]);

  // Download the file the code wrote.
  const downloading = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download summary.csv" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe("summary.csv");
  const summary = readFileSync((await download.path())!, "utf8");
  expect(summary).toContain(`rain,${rain}`);

  // Edit the model's cell and run it again in place.
  const cell = turn.locator(".cell").first();
  await cell.getByRole("button", { name: "Edit code" }).click();
  await cell.getByLabel("Cell code").fill('print("sun days:", counts["sun"])');
  await cell.getByRole("button", { name: "Run cell" }).click();
  await expect(cell.getByRole("log", { name: "Output" })).toHaveText(`sun days: ${counts.get("sun")}`);

  // Reload: the conversation, its outputs and its files are all still there.
  await page.reload();
  await expect(page.getByRole("status", { name: "Kernel" })).toContainText("ready", { timeout: 45_000 });
  const again = page.getByRole("article", { name: "Turn" });
  await expect(again.getByLabel("Answer")).toContainText(`It rained on ${rain} days.`);
  await expect(again.getByRole("log", { name: "Output" })).toHaveText(`sun days: ${counts.get("sun")}`);
  await expect(page.getByRole("list", { name: "Files in /mnt/data" })).toContainText("summary.csv");
  await expect(page.getByRole("list", { name: "Files in /mnt/data" })).toContainText("seattle-weather.csv");

  // Export a notebook with the code and its output.
  await page.getByRole("button", { name: "Export", exact: true }).click();
  const exporting = page.waitForEvent("download");
  await page.getByRole("button", { name: "Export notebook (.ipynb)" }).click();
  const notebook = JSON.parse(readFileSync((await (await exporting).path())!, "utf8"));
  expect(notebook.nbformat).toBe(4);
  const code = notebook.cells.filter((c: { cell_type: string }) => c.cell_type === "code");
  expect(code.map((c: { source: string[] }) => c.source.join(""))).toContain('print("sun days:", counts["sun"])');
  expect(JSON.stringify(code)).toContain(`sun days: ${counts.get("sun")}`);
  expect(JSON.stringify(notebook.cells)).toContain("How many days did it rain?");

  // A second conversation sees none of the first one's files or state; switching back restores them.
  const history = page.getByRole("navigation", { name: "Conversations" });
  await history.getByRole("button", { name: "New conversation" }).click();
  await expect(page.getByRole("article", { name: "Turn" })).toHaveCount(0);
  await expect(page.getByRole("list", { name: "Files in /mnt/data" })).not.toContainText("seattle-weather.csv");
  expect(await app.output("import os\nprint(os.listdir('/mnt/data'), 'counts' in globals())")).toBe("[] False");
  await history.getByRole("button", { name: "How many days did it rain?", exact: true }).click();
  await expect(page.getByRole("article", { name: "Turn" }).getByLabel("Answer")).toContainText(`${rain} days`);
  await expect(page.getByRole("list", { name: "Files in /mnt/data" })).toContainText("summary.csv");
  expect(mockModel.failures()).toEqual([]);
});

test("the path at phone size: 360 px wide, nothing wider than the screen", async ({ app, page, mockModel }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  mockModel.script([{ content: "Two rows: | a | b |" }]);
  await app.open();
  // Before a model is connected: the first-run panel, with this page's address in a command.
  await expect(page.getByRole("region", { name: "Connect a model" })).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  await app.connect(mockModel.url);
  await app.upload([{ name: "seattle-weather.csv", mimeType: "text/csv", buffer: seattle }]);
  await app.ask("Hello");
  await app.run("print('x' * 300)");
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(360);
  await page.getByRole("button", { name: "Conversations" }).click();
  await expect(page.getByRole("navigation", { name: "Conversations" })).toBeVisible();
  expect(await serious(page)).toEqual([]);
});
