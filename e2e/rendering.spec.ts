/**
 * How cells and answers render: highlighted code (as token spans, never HTML) that can be
 * copied, hidden and edited in place; Markdown code blocks; HTML outputs sized to their table;
 * Vega-Lite charts drawn by Vega under the page's CSP and Trusted Types, whose URLs are never
 * fetched. Every test fails on any CSP or Trusted Types violation and on any page error.
 */
import { readFileSync } from "node:fs";
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { expect, test as base } from "./fixtures.ts";

const test = base.extend<{ policyViolations: string[] }>({
  // Automatic: collects violations and page errors, and fails the test if there were any.
  policyViolations: [
    async ({ page }, use) => {
      const seen: string[] = [];
      await page.addInitScript(() =>
        addEventListener("securitypolicyviolation", (e) =>
          console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI} ${e.sample}`),
        ),
      );
      page.on("console", (message) => {
        if (/CSP violation|Content Security Policy|Trusted ?Type|TrustedHTML|TrustedScript/i.test(message.text()))
          seen.push(message.text());
      });
      page.on("pageerror", (error) => seen.push(`page error: ${error.message}`));
      await use(seen);
      expect(seen).toEqual([]);
    },
    { auto: true },
  ],
});

/** A Python expression for a JSON value: the JSON is passed as a string literal, never as code. */
const py = (value: unknown) => `json.loads(${JSON.stringify(JSON.stringify(value))})`;

async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).exclude('iframe[title="Python kernel"]').analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

test.use({ permissions: ["clipboard-read", "clipboard-write"] });

test("a cell's code is highlighted, copied and hidden", async ({ app, page }) => {
  await app.open();
  const code = 'def double(x):\n    return x * 2  # twice\n\nprint(double(21), "done")';
  const cell = await app.run(code);
  await expect(cell.getByRole("log", { name: "Output" })).toHaveText("42 done");

  // Token spans, and the text is still exactly the code.
  await expect(cell.locator("code .hljs-keyword").first()).toHaveText("def");
  await expect(cell.locator("code .hljs-comment")).toHaveText("# twice");
  await expect(cell.locator("code .hljs-string")).toHaveText('"done"');
  expect(await cell.locator("pre code").innerText()).toBe(code);

  await cell.getByRole("button", { name: "Copy code" }).click();
  await expect(cell.getByRole("button", { name: "Copied" })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(code);

  const hide = cell.getByRole("button", { name: "Hide code" });
  await expect(hide).toHaveAttribute("aria-expanded", "true");
  await hide.click();
  await expect(cell.locator("pre code")).toBeHidden();
  const show = cell.getByRole("button", { name: "Show code" });
  await expect(show).toHaveAttribute("aria-expanded", "false");
  await expect(cell.getByRole("log", { name: "Output" })).toHaveText("42 done");
  await show.click();
  await expect(cell.locator("pre code")).toBeVisible();

  for (const colorScheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme });
    expect(await seriousViolations(page)).toEqual([]);
  }
});

test("a scratchpad cell is edited and re-run in place", async ({ app, page }) => {
  await app.open();
  const cell = await app.run("x = 1\nprint(x)");
  await expect(cell.getByRole("log", { name: "Output" })).toHaveText("1");

  // Esc leaves the editor without running; focus goes back to Edit code.
  await cell.getByRole("button", { name: "Edit code" }).click();
  const editor = cell.getByRole("textbox", { name: "Cell code" });
  await expect(editor).toBeFocused();
  await editor.fill("print('not run')");
  await editor.press("Escape");
  await expect(editor).toBeHidden();
  await expect(cell.getByRole("button", { name: "Edit code" })).toBeFocused();
  await expect(cell.locator("pre code")).toHaveText("x = 1\nprint(x)");

  // Cancel does the same.
  await cell.getByRole("button", { name: "Edit code" }).click();
  await cell.getByRole("button", { name: "Cancel" }).click();
  await expect(editor).toBeHidden();

  // Ctrl+Enter runs the edited code in the same cell, with state kept from before.
  await cell.getByRole("button", { name: "Edit code" }).click();
  await expect(editor).toHaveValue("x = 1\nprint(x)");
  await editor.fill("x += 1\nprint(x * 10)");
  await editor.press("Control+Enter");
  await expect(cell.getByRole("log", { name: "Output" })).toHaveText("20");
  await expect(cell).toHaveAttribute("data-status", "done");
  await expect(cell.locator("pre code")).toHaveText("x += 1\nprint(x * 10)");
  await expect(page.locator(".cell")).toHaveCount(1);

  // Run cell does too; a running cell offers no Edit code.
  await cell.getByRole("button", { name: "Edit code" }).click();
  await editor.fill("import asyncio\nawait asyncio.sleep(1.5)\nprint('slept')");
  await cell.getByRole("button", { name: "Run cell" }).click();
  await expect(cell).toHaveAttribute("data-status", "running");
  await expect(cell.getByRole("button", { name: "Edit code" })).toHaveCount(0);
  await expect(cell.getByRole("log", { name: "Output" })).toHaveText("slept");
  await expect(cell.getByRole("button", { name: "Edit code" })).toBeVisible();
  await expect(page.locator(".cell")).toHaveCount(1);
});

test("the model's long code starts hidden; its Markdown code blocks are highlighted and copyable", async ({
  app,
  page,
  mockModel,
}) => {
  const long = Array.from({ length: 20 }, (_, i) => `v${i} = ${i}`).join("\n") + "\nprint(v19)";
  mockModel.script([
    { toolCalls: [{ name: "run_python", arguments: JSON.stringify({ code: long }) }] },
    { content: "Done. To run it yourself:\n\n```python\nimport csv\nprint(len(rows))\n```\n\n```csv\na,b\n1,2\n```" },
  ]);
  await app.open();
  await app.connect(mockModel.url);
  const turn = await app.ask("Count");

  await expect(turn.getByRole("log", { name: "Output" })).toHaveText("19");
  const show = turn.getByRole("button", { name: "Show code" });
  await expect(show).toHaveAttribute("aria-expanded", "false");
  await expect(turn.getByText("Python, 21 lines")).toBeVisible();
  await show.click();
  await expect(turn.locator(".cell pre code")).toContainText("v19 = 19");

  const answer = turn.getByLabel("Answer");
  await expect(answer.locator("code .hljs-keyword")).toHaveText("import");
  await expect(answer.locator("code .hljs-built_in")).toHaveText(["print", "len"]);
  await expect(answer.locator("pre")).toHaveCount(2);
  await expect(answer.locator("pre").nth(1)).toHaveText("a,b\n1,2"); // csv: plain text
  await answer.getByRole("button", { name: "Copy code" }).first().click();
  await expect(answer.getByRole("button", { name: "Copied" })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe("import csv\nprint(len(rows))");
  expect(await seriousViolations(page)).toEqual([]);
});

test("an HTML table's frame is sized to its rows, up to a cap", async ({ app }) => {
  await app.open();
  const table = (rows: number) =>
    `class T:\n    def _repr_html_(self):\n        return "<table><tr><th>n</th></tr>" + "".join(f"<tr><td>{i}</td></tr>" for i in range(${rows})) + "</table>"\ndisplay(T())`;
  const cell = await app.run(table(5));
  const small = cell.getByTitle("HTML output");
  await expect(small).toHaveAttribute("sandbox", "");
  await expect(cell.frameLocator('iframe[title="HTML output"]').getByRole("cell").last()).toHaveText("4");
  const smallHeight = (await small.boundingBox())!.height;
  expect(smallHeight).toBeGreaterThan(6 * 18);
  expect(smallHeight).toBeLessThan(6 * 30);
  const big = (await app.run(table(300))).getByTitle("HTML output");
  expect((await big.boundingBox())!.height).toBeLessThanOrEqual(482);
  expect((await big.boundingBox())!.height).toBeGreaterThan(400);
});

test("a Vega-Lite chart from Python is drawn interactively and can be saved", async ({ app, page }) => {
  await app.open();
  const bars = {
    $schema: "https://vega.github.io/schema/vega-lite/v5.json",
    description: "Rainy days by city",
    data: {
      values: [
        { city: "Seattle", days: 150 },
        { city: "Bergen", days: 230 },
        { city: "Cairo", days: 5 },
      ],
    },
    mark: { type: "bar", tooltip: true },
    encoding: { x: { field: "city", type: "nominal" }, y: { field: "days", type: "quantitative" } },
  };
  const points = {
    ...bars,
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    mark: "point",
    width: "container",
  };
  const cell = await app.run(
    `import json\n` +
      `display({"application/vnd.vegalite.v5+json": ${py(bars)}, "text/plain": "a chart"}, raw=True)\n` +
      `display({"application/vnd.vegalite.v6+json": ${py(points)}}, raw=True)\n` +
      `display(${py(bars)})`,
  );
  const charts = cell.getByRole("figure", { name: "Chart" });
  await expect(charts).toHaveCount(3);
  await expect(charts.nth(0).locator("svg .mark-rect path")).toHaveCount(3);
  await expect(charts.nth(1).locator("svg .mark-symbol path")).toHaveCount(3);
  // width "container": as wide as the cell, not the default 300px.
  expect((await charts.nth(1).locator("svg").boundingBox())!.width).toBeGreaterThan(500);
  await expect(charts.nth(2).locator("svg .mark-rect path")).toHaveCount(3);
  // Vega labels the drawing with the spec's description.
  await expect(charts.nth(0).getByLabel("Rainy days by city")).toHaveAttribute("role", "graphics-document");

  // Tooltips are text (the spec's values never become markup).
  await charts.nth(0).locator("svg .mark-rect path").first().hover();
  await expect(charts.nth(0).getByRole("tooltip")).toHaveText(/city: Seattle\s*days: 150/);

  const download = page.waitForEvent("download");
  await charts.nth(0).getByRole("button", { name: "Save as SVG" }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe("chart.svg");
  expect(readFileSync((await file.path())!, "utf8")).toMatch(/^<svg[\s\S]*mark-rect/);

  const png = page.waitForEvent("download");
  await charts.nth(0).getByRole("button", { name: "Save as PNG" }).click();
  expect(
    readFileSync((await (await png).path())!)
      .subarray(1, 4)
      .toString(),
  ).toBe("PNG");

  expect(await seriousViolations(page)).toEqual([]);
});

test("a chart's URLs are never fetched or followed, and the chart says so", async ({ app, page, canary }) => {
  await app.open();
  const remoteData = {
    data: { url: `${canary.url}/cars.json?secret=42` },
    mark: "point",
    encoding: { x: { field: "hp", type: "quantitative" } },
  };
  const remoteParts = {
    data: { values: [{ k: "a", v: 3, img: `${canary.url}/pixel.png?secret=42`, link: `${canary.url}/go?secret=42` }] },
    layer: [
      {
        mark: "bar",
        encoding: {
          x: { field: "k", type: "nominal" },
          y: { field: "v", type: "quantitative" },
          href: { field: "link" },
        },
      },
      {
        mark: { type: "image", width: 20, height: 20 },
        encoding: { x: { field: "k", type: "nominal" }, url: { field: "img" } },
      },
    ],
  };
  const cell = await app.run(
    `import json\n` +
      `display({"application/vnd.vegalite.v5+json": ${py(remoteData)}}, raw=True)\n` +
      `display({"application/vnd.vegalite.v5+json": ${py(remoteParts)}}, raw=True)`,
  );
  const charts = cell.getByRole("figure", { name: "Chart" });
  await expect(charts.nth(0)).toContainText(`Chart data from URLs is not loaded: ${canary.url}/cars.json?secret=42`);
  await expect(charts.nth(1).locator("svg .mark-rect path")).toHaveCount(1);
  await expect(charts.nth(1)).toContainText(`Chart images from URLs are not loaded: ${canary.url}/pixel.png?secret=42`);
  await charts.nth(1).locator("svg .mark-rect path").click();
  await expect(charts.nth(1)).toContainText(`Chart links are not followed: ${canary.url}/go?secret=42`);
  expect(page.context().pages()).toHaveLength(1);

  await page.waitForTimeout(500);
  expect(canary.hits()).toEqual([]);
});

test("on a phone, a model's wide chart scrolls in its own box; the page does not widen", async ({
  app,
  page,
  mockModel,
}) => {
  await page.setViewportSize({ width: 360, height: 740 });
  const chart = {
    $schema: "https://vega.github.io/schema/vega-lite/v5.json",
    width: 600,
    data: {
      values: [
        { month: "Jan", rain: 5 },
        { month: "Feb", rain: 7 },
      ],
    },
    mark: "bar",
    encoding: { x: { field: "month", type: "nominal" }, y: { field: "rain", type: "quantitative" } },
  };
  mockModel.script([
    {
      toolCalls: [
        {
          name: "run_python",
          arguments: JSON.stringify({
            code: `import json\ndisplay(json.loads(${JSON.stringify(JSON.stringify(chart))}))`,
          }),
        },
      ],
    },
    { content: "Drawn." },
  ]);
  await app.open();
  await app.connect(mockModel.url);
  const turn = await app.ask("Chart the rain");
  await expect(turn.getByRole("figure", { name: "Chart" }).locator("svg").first()).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
});
