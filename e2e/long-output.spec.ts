/**
 * Huge outputs (issue 8): 200,000 printed lines arrive without freezing the page, show their
 * latest lines with a line count, scroll back to the first, copy whole, and stay accessible.
 * Ordinary outputs stay one plain block of text, and outputs of a few thousand lines stay whole.
 */
import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "./fixtures.ts";
import { FROZEN_MS, heartbeat } from "./support/heartbeat.ts";

const LINES = 200_000;

test("200,000 lines of output: the page keeps responding, the lines scroll and copy", async ({
  app,
  page,
  context,
}) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await app.open();
  const maxGap = await heartbeat(page);

  const cell = await app.run(`for i in range(${LINES}):\n    print(f"line {i}")`);
  await expect(cell).toHaveAttribute("data-status", "done");
  expect(await maxGap(), "longest stall of the page's main thread (ms)").toBeLessThan(FROZEN_MS);

  // The latest lines are in view, with how many there are; the first is not drawn until scrolled to.
  const lines = cell.getByRole("region", { name: `stdout, ${LINES.toLocaleString("en")} lines (scroll to read)` });
  await expect(cell.getByText(`Output: ${LINES.toLocaleString("en")} lines`)).toBeVisible();
  await expect(lines).toContainText(`line ${LINES - 1}`);
  await expect(lines).not.toContainText("line 0\n");
  await lines.evaluate((viewport) => (viewport.scrollTop = 0));
  await expect(lines).toContainText("line 0\nline 1\n");
  await expect(lines).not.toContainText(`line ${LINES - 1}`);

  // Keyboard: the region takes focus and scrolls with End.
  await lines.focus();
  await page.keyboard.press("End");
  await expect(lines).toContainText(`line ${LINES - 1}`);

  // "Copy all output" copies every line, not only those drawn.
  await cell.getByRole("button", { name: "Copy all output" }).click();
  await expect(cell.getByRole("button", { name: "Copied" })).toBeVisible();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied.split("\n").length).toBe(LINES + 1);
  expect(copied.startsWith("line 0\nline 1\n")).toBe(true);
  expect(copied.endsWith(`line ${LINES - 1}\n`)).toBe(true);

  const axe = await new AxeBuilder({ page }).include(".cell").analyze();
  expect(axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical")).toEqual([]);

  // A short output is still one plain block, all of it in the page.
  expect(await app.output('for i in range(3):\n    print("short", i)')).toBe("short 0\nshort 1\nshort 2");
});

test("an output of thousands of lines is all in the page, in order, blank lines and colours included", async ({
  app,
}) => {
  await app.open();
  // Blank lines land on either side of where the output is split for drawing; a colour set once
  // runs on for hundreds of lines.
  const code = String.raw`
for i in range(3000):
    if i % 7 == 0:
        print()
    print("" if 400 <= i % 1000 < 520 else f"line {i}")
print("[32mgreen from here")
for i in range(600):
    print(f"still green {i}")
print("[0mplain again")`;
  const expected = [
    ...Array.from({ length: 3000 }, (_, i) => {
      const line = i % 1000 >= 400 && i % 1000 < 520 ? "" : `line ${i}`;
      return i % 7 === 0 ? ["", line] : [line];
    }).flat(),
    "green from here",
    ...Array.from({ length: 600 }, (_, i) => `still green ${i}`),
    "plain again",
  ];
  const cell = await app.run(code);
  const log = cell.getByRole("log", { name: "Output" });
  await expect(log).toContainText("plain again");
  expect(await log.innerText()).toBe(expected.join("\n") + "\n");
  expect(await log.textContent()).toBe(expected.join("\n") + "\n");
  await expect(log.locator(".ansi-fg-2").last()).toContainText("still green 599");
  await expect(log.getByText("plain again")).not.toHaveClass(/ansi/);

  // Drawn line for line as the same text in one plain block: blank lines at the splits too.
  const heights = await log.locator("pre").evaluate((pre) => {
    const plain = pre.cloneNode() as HTMLElement;
    plain.textContent = pre.textContent;
    pre.after(plain);
    const both = [pre.getBoundingClientRect().height, plain.getBoundingClientRect().height];
    plain.remove();
    return both;
  });
  expect(heights[0]).toBeCloseTo(heights[1], 0);
});

test("a long output of wide lines scrolls sideways in its own window; the page stays as wide as the screen", async ({
  app,
  page,
}) => {
  await app.open();
  const pageWidth = () => page.evaluate(() => document.documentElement.scrollWidth);
  const before = await pageWidth();
  const cell = await app.run("for i in range(11_000):\n    print(f'{i:6d} ' + 'y' * 200)");
  await expect(cell.getByText("Output: 11,000 lines")).toBeVisible();
  expect(await pageWidth()).toBe(before);
  const window = cell.getByRole("region", { name: "stdout, 11,000 lines (scroll to read)" });
  expect(await window.evaluate((viewport) => viewport.scrollWidth > viewport.clientWidth)).toBe(true);
  const box = await page.getByRole("textbox", { name: "Python code" }).boundingBox();
  expect(box!.x + box!.width).toBeLessThanOrEqual(page.viewportSize()!.width);

  // One line of two million characters: the same, and it is "1 line".
  const wide = await app.run("print('x' * 2_000_000)");
  await expect(wide.getByText("Output: 1 line", { exact: true })).toBeVisible();
  expect(await pageWidth()).toBe(before);
});
