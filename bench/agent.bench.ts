/**
 * Agent loop overhead per step (issue 4): a local mock model that answers instantly drives a
 * turn of STEPS trivial tool calls through the real UI, kernel and SSE client. Python's own time
 * (the kernel round trip, measured in the same run) is subtracted.
 */
import { test, type Page } from "@playwright/test";
import { startMockModel } from "../e2e/support/mock-model.ts";
import { HEARTBEAT } from "./heartbeat.ts";
import { quietPage } from "./quiet.ts";
import { record } from "./stats.ts";

/** The app, on a quiet page, connected to the mock model at `url` through Settings. */
async function connected(page: Page, url: string): Promise<void> {
  await page.goto("/");
  await page.getByText(/ready/).waitFor();
  await quietPage(page); // the standby and snapshot kernels boot in the background first, as in the other figures
  await page.getByRole("button", { name: "Settings" }).click();
  const dialog = page.getByRole("dialog", { name: "Settings" });
  await dialog.getByLabel("Endpoint").selectOption({ label: "Custom" });
  await dialog.getByLabel("API base URL").fill(url);
  await dialog.getByLabel("Model").fill("mock-model");
  await dialog.getByRole("button", { name: "Save" }).click();
}

const STEPS = 10;
const ROUNDS = 5;

test("agent: loop overhead per step", async ({ page }) => {
  const model = await startMockModel();
  await connected(page, model.url);

  const overhead: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    model.script([
      ...Array.from({ length: STEPS }, () => ({
        toolCalls: [{ name: "run_python", arguments: JSON.stringify({ code: "1" }) }],
      })),
      { content: "done" },
    ]);
    const python = await page.evaluate(async () => {
      const kernel = (window as unknown as { __kernel: { run(c: string, e: () => void): Promise<unknown> } }).__kernel;
      const t = performance.now();
      for (let i = 0; i < 20; i++) await kernel.run("1", () => {});
      return (performance.now() - t) / 20;
    });
    await page.getByLabel("Message").fill(`go ${round}`);
    // Timed in the page, from the Enter key to the mutation that marks the new turn done
    // (Playwright's own waiting polls, which would add up to 100 ms of its own).
    await page.evaluate(() => {
      const before = document.querySelectorAll("article.turn").length;
      const w = window as unknown as { answered: Promise<number> };
      w.answered = new Promise<number>((resolve) => {
        document.addEventListener(
          "keydown",
          () => {
            const started = performance.now();
            const observer = new MutationObserver(() => {
              if (document.querySelectorAll("article.turn")[before]?.getAttribute("data-status") !== "done") return;
              observer.disconnect();
              resolve(performance.now() - started);
            });
            observer.observe(document.body, { subtree: true, childList: true, attributes: true });
          },
          { capture: true, once: true },
        );
      });
    });
    await page.getByLabel("Message").press("Enter");
    const total = await page.evaluate(() => (window as unknown as { answered: Promise<number> }).answered);
    overhead.push((total - STEPS * python) / STEPS);
  }
  await model.close();
  record([
    {
      name: `Agent loop overhead per step (instant mock model, ${STEPS} steps, Python time excluded)`,
      unit: "ms",
      ours: overhead,
      target: "≤ 30 ms",
    },
  ]);
});

/** ~15 KB of Markdown as models write it: headings, bold, links, code, lists and tables. */
const LONG_ANSWER = Array.from(
  { length: 80 },
  (_, i) =>
    `## Part ${i}\n\nSome **bold** text and a [link](https://example.org/${i}) with \`code\` in it, and more words to read.\n\n- item one of ${i}\n- item two\n- item three\n\n| a | b |\n|---|---|\n| ${i} | ${i * 2} |\n\n`,
).join("");

test("agent: a long answer arriving at once", async ({ page }) => {
  const model = await startMockModel();
  await connected(page, model.url);
  await page.evaluate(`(() => { ${HEARTBEAT}; window.heartbeat = heartbeat; })()`);

  const stalls: number[] = [];
  const shown: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    // The whole stream in one read, as from a fast local server or a buffering proxy.
    model.script([{ content: LONG_ANSWER }]);
    await page.getByLabel("Message").fill(`report ${round}`);
    await page.evaluate(() => {
      const before = document.querySelectorAll("article.turn").length;
      const w = window as unknown as { answered: Promise<[number, number]>; heartbeat: () => { stop(): number } };
      w.answered = new Promise((resolve) => {
        document.addEventListener(
          "keydown",
          () => {
            const started = performance.now();
            const beat = w.heartbeat();
            const observer = new MutationObserver(() => {
              if (document.querySelectorAll("article.turn")[before]?.getAttribute("data-status") !== "done") return;
              observer.disconnect();
              requestAnimationFrame(() => setTimeout(() => resolve([performance.now() - started, beat.stop()])));
            });
            observer.observe(document.body, { subtree: true, childList: true, attributes: true });
          },
          { capture: true, once: true },
        );
      });
    });
    await page.getByLabel("Message").press("Enter");
    const [total, stall] = await page.evaluate(
      () => (window as unknown as { answered: Promise<[number, number]> }).answered,
    );
    shown.push(total);
    stalls.push(stall);
  }
  await model.close();
  record([
    {
      name: `A ${Math.round(LONG_ANSWER.length / 1000)} KB Markdown answer arriving at once: Enter → shown whole`,
      unit: "ms",
      ours: shown,
      target: "report",
    },
    {
      name: "… the longest main-thread stall meanwhile",
      unit: "ms",
      ours: stalls,
      target: "≤ 50 ms (large outputs never block typing)",
    },
  ]);
});
