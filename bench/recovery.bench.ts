/**
 * Recovery figures (issue 3), side by side with a bare Pyodide cold start in the same run:
 * kill after a timeout → next result (fresh state, and with earlier cells' state restored), and
 * how fast Stop interrupts a bytecode loop.
 */
import { test, type Page } from "@playwright/test";
import { BARE } from "./bare.ts";
import { quietPage } from "./quiet.ts";
import { record } from "./stats.ts";
import { snapshotStored } from "./visits.ts";

const ROUNDS = 5;

type Host = {
  run(code: string, onEvent: () => void): Promise<{ status: string }>;
  stop(): void;
  restart(): Promise<void>;
};

async function openApp(page: Page): Promise<void> {
  await page.route("**/config.json", (r) => r.fulfill({ json: { limits: { timeoutSeconds: 1 } } }));
  await page.goto("/");
  await page.getByText(/ready/).waitFor();
  // A first visit takes a memory snapshot, then boots the standby from it, in the background.
  await snapshotStored(page);
  await page.waitForTimeout(3000);
}

/** Runs a C loop past the timeout; returns ms from the kill to the next result. */
async function killThenNext(page: Page, stateCells: number): Promise<number> {
  return page.evaluate(async (cells) => {
    const kernel = (window as unknown as { __kernel: Host }).__kernel;
    await kernel.restart();
    await new Promise((r) => setTimeout(r, 3000)); // a standby again
    for (let i = 0; i < cells; i++) await kernel.run(`v${i} = list(range(1000))`, () => {});
    performance.clearMarks("kernel-killed");
    performance.clearMarks("kernel-background-done"); // marked again once the next standby has booted
    const outcome = await kernel.run("sum(range(10**12))", () => {});
    if (outcome.status !== "killed") throw new Error(`expected a kill, got ${outcome.status}`);
    const next = await kernel.run(cells ? `len(v${cells - 1})` : "1 + 1", () => {});
    if (next.status !== "ok") throw new Error("next run failed");
    return performance.now() - performance.getEntriesByName("kernel-killed")[0].startTime;
  }, stateCells);
}

async function interruptLatency(page: Page): Promise<number> {
  // On a quiet page, as every figure after start-up: the standby the last kill started has booted.
  await quietPage(page);
  return page.evaluate(async () => {
    const kernel = (window as unknown as { __kernel: Host }).__kernel;
    let started = 0;
    const run = kernel.run("while True: pass", () => {
      if (!started) {
        started = performance.now();
        setTimeout(() => kernel.stop(), 100);
      }
    });
    const outcome = await run;
    if (outcome.status !== "error") throw new Error(`expected KeyboardInterrupt, got ${outcome.status}`);
    return performance.now() - started - 100;
  });
}

/**
 * A killed kernel's worker may keep spinning a core for a while (seen: ~2 s after frame removal).
 * Times a CPU-bound cell right after a kill, and again once things have settled.
 */
async function cpuAfterKill(page: Page): Promise<{ right: number; settled: number }> {
  return page.evaluate(async () => {
    const kernel = (window as unknown as { __kernel: Host }).__kernel;
    const timed = async () => {
      const t = performance.now();
      await kernel.run("sum(i * i for i in range(300_000))", () => {});
      return performance.now() - t;
    };
    await kernel.run("sum(range(10**12))", () => {});
    const right = await timed();
    await new Promise((r) => setTimeout(r, 4000));
    return { right, settled: await timed() };
  });
}

async function bareColdStart(page: Page): Promise<number> {
  await page.goto(BARE.boot);
  const handle = await page.waitForFunction(() => (window as unknown as { firstResult?: number }).firstResult);
  return (await handle.jsonValue()) as number;
}

test("recovery: restart after a timeout, interrupt latency", async ({ browser }) => {
  const fresh: number[] = [];
  const restored: number[] = [];
  const interrupts: number[] = [];
  const cpuRight: number[] = [];
  const cpuSettled: number[] = [];
  const bare: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await openApp(page);
    fresh.push(await killThenNext(page, 0));
    restored.push(await killThenNext(page, 5));
    interrupts.push(await interruptLatency(page));
    const cpu = await cpuAfterKill(page);
    cpuRight.push(cpu.right);
    cpuSettled.push(cpu.settled);
    await context.close();
    const bareContext = await browser.newContext();
    bare.push(await bareColdStart(await bareContext.newPage()));
    await bareContext.close();
  }
  const baseline = { baseline: bare, baselineName: "bare Pyodide cold start" };
  record([
    { name: "Restart after a timeout → next result", unit: "ms", ours: fresh, ...baseline, target: "≤ 0.05×" },
    {
      name: "Restart after a timeout, 5 cells of state restored → next result",
      unit: "ms",
      ours: restored,
      ...baseline,
      target: "≤ 0.25×",
    },
    {
      name: "CPU-bound cell right after a kill (is the killed worker still spinning?)",
      unit: "ms",
      ours: cpuRight,
      baseline: cpuSettled,
      baselineName: "same cell 4 s later",
      target: "≈ 1×",
    },
    {
      name: "Interrupt latency (Stop → KeyboardInterrupt result), bytecode loop",
      unit: "ms",
      ours: interrupts,
      target: "< 20 ms",
    },
  ]);
});
