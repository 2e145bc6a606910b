/**
 * The model's answer is Markdown from an untrusted source. It renders (GFM tables), but remote
 * images never load (a placeholder names the host), raw HTML never becomes markup, and only
 * http(s)/mailto links work, with the full URL shown. The canary must log nothing.
 */
import { expect, test } from "./fixtures.ts";

test("hostile Markdown in an answer renders safely", async ({ app, page, mockModel, canary }) => {
  const answer = [
    "| city | rain days |",
    "|---|---|",
    "| Seattle | 641 |",
    "",
    `Inline: ![chart](${canary.url}/inline.png?secret=42)`,
    "",
    "Reference: ![chart][pixel]",
    "",
    `Raw: <img src="${canary.url}/raw.png" onerror="window.__pwned=1"> <script>window.__pwned=1</script>`,
    "",
    "[click me](javascript:window.__pwned=1) and [data](data:text/html,<script>alert(1)</script>)",
    "",
    "[docs](https://example.org/docs?q=1)",
    "",
    `[pixel]: ${canary.url}/reference.png?secret=42`,
  ].join("\n");
  mockModel.script([{ content: answer }]);
  await app.open();
  await app.connect(mockModel.url);
  const turn = await app.ask("Show me");
  const shown = turn.getByLabel("Answer");

  await expect(shown.getByRole("table")).toContainText("Seattle");
  await expect(shown.getByRole("img", { name: "Image from 127.0.0.1" })).toHaveCount(2);
  await expect(shown.locator("img, script, iframe")).toHaveCount(0);
  await expect(shown.getByRole("link", { name: "click me" })).toHaveCount(0);
  await expect(shown.getByRole("link", { name: "data" })).toHaveCount(0);
  const docs = shown.getByRole("link", { name: "docs" });
  await expect(docs).toHaveAttribute("href", "https://example.org/docs?q=1");
  await expect(docs).toHaveAttribute("rel", "noopener noreferrer");
  await expect(shown).toContainText("(https://example.org/docs?q=1)");

  await page.waitForTimeout(500);
  expect(canary.hits()).toEqual([]);
  for (const frame of page.frames())
    expect(await frame.evaluate(() => "__pwned" in window).catch(() => false)).toBe(false);
});

test("Markdown the renderer cannot draw is shown as text; the turn's question and cells stay", async ({
  app,
  mockModel,
}) => {
  const nested = `${">".repeat(3000)} Done`;
  mockModel.script([
    { toolCalls: [{ name: "run_python", arguments: JSON.stringify({ code: "print('ran it')" }) }] },
    { content: nested },
  ]);
  await app.open();
  await app.connect(mockModel.url);
  const turn = await app.ask("Quote it");
  await expect(turn.getByLabel("Answer")).toContainText("> Done");
  await expect(turn).toContainText("Quote it");
  await expect(turn.getByRole("log", { name: "Output" })).toHaveText("ran it");
});

test("an answer's link to a file in /mnt/data downloads it", async ({ app, page, mockModel }) => {
  mockModel.script([
    {
      toolCalls: [
        { name: "run_python", arguments: JSON.stringify({ code: "open('totals.csv', 'w').write('a,b\\n1,2\\n')" }) },
      ],
    },
    { content: "Done: [Download the table](sandbox:/mnt/data/totals.csv)." },
  ]);
  await app.open();
  await app.connect(mockModel.url);
  const answer = (await app.ask("Write the totals")).getByLabel("Answer");
  await expect(answer).toContainText("Download the table");
  const downloading = page.waitForEvent("download");
  await answer.getByRole("button", { name: "totals.csv" }).click();
  expect((await downloading).suggestedFilename()).toBe("totals.csv");
});
