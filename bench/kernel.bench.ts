/**
 * Kernel figures (issue 2): page load → first result against a bare Pyodide worker page, and
 * a trivial run's round trip at the kernel API. Ours and the baseline alternate in one process.
 */
import { test, type Browser } from "@playwright/test";
import { routeBarePage } from "./bare.ts";
import { record } from "./stats.ts";

const VISITS = 7;
const ROUND_TRIPS = 200;

/** First visit of our app: a fresh context (cold cache); Run is clicked as soon as it exists. */
async function ourFirstResult(browser: Browser): Promise<number> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.addInitScript(() => {
    new MutationObserver((_, observer) => {
      if (document.querySelector(".cell[data-status=done] [role=log]")?.textContent === "2") {
        (window as unknown as { firstResult: number }).firstResult = performance.now();
        observer.disconnect();
      }
    }).observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
  });
  await page.goto("/");
  await page.getByLabel("Python code").fill("1 + 1");
  await page.getByRole("button", { name: "Run" }).click();
  const ms = await page.waitForFunction(() => (window as unknown as { firstResult?: number }).firstResult, null, {
    timeout: 60_000,
  });
  const value = (await ms.jsonValue()) as number;
  await context.close();
  return value;
}

async function bareFirstResult(browser: Browser): Promise<number> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await routeBarePage(page);
  await page.goto("/bare.html");
  const ms = await page.waitForFunction(() => (window as unknown as { firstResult?: number }).firstResult, null, {
    timeout: 60_000,
  });
  const value = (await ms.jsonValue()) as number;
  await context.close();
  return value;
}

test("kernel: first result and round trip", async ({ browser, page }) => {
  const ours: number[] = [];
  const bare: number[] = [];
  for (let i = 0; i < VISITS; i++) {
    ours.push(await ourFirstResult(browser));
    bare.push(await bareFirstResult(browser));
  }

  await page.goto("/");
  const trips = await page.evaluate(async (n) => {
    type Host = { run(code: string, onEvent: () => void): Promise<unknown> };
    const kernel = (window as unknown as { __kernel: Host }).__kernel;
    await kernel.run("1", () => {});
    const times: number[] = [];
    for (let i = 0; i < n; i++) {
      const t = performance.now();
      await kernel.run("1", () => {});
      times.push(performance.now() - t);
    }
    return times;
  }, ROUND_TRIPS);

  await routeBarePage(page);
  await page.goto("/bare.html");
  await page.waitForFunction(() => (window as unknown as { firstResult?: number }).firstResult);
  const bareTrips = await page.evaluate(async (n) => {
    const { worker } = (window as unknown as { bare: { worker: Worker } }).bare;
    const once = () =>
      new Promise<void>((resolve) => {
        worker.onmessage = () => resolve();
        worker.postMessage("1");
      });
    const times: number[] = [];
    for (let i = 0; i < n; i++) {
      const t = performance.now();
      await once();
      times.push(performance.now() - t);
    }
    return times;
  }, ROUND_TRIPS);

  record([
    {
      name: "First visit: page load → first result",
      unit: "ms",
      ours,
      baseline: bare,
      baselineName: "bare Pyodide worker page",
      target: "≤ 1.15× (issue 2), ≤ 1.1× (issue 8)",
    },
    {
      name: "Trivial run round trip at the kernel API",
      unit: "ms",
      ours: trips,
      baseline: bareTrips,
      baselineName: "bare worker postMessage → runPython",
      target: "< 2 ms median",
    },
  ]);
});
