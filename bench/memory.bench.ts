/**
 * Figure 9: peak memory after loading a 100 MB CSV — uploaded through "Upload files", then read
 * whole by Python — against a bare Pyodide worker page given the same bytes and code. Memory is
 * the resident size of the browser's renderer processes (the page's, each kernel frame's and
 * worker's, the service worker's), sampled every 100 ms; the kernel's own part is its wasm heap,
 * which only grows, so its size afterwards is its peak.
 */
import { test, type Browser, type CDPSession, type Page } from "@playwright/test";
import { readFileSync } from "node:fs";
import { BARE } from "./bare.ts";
import { record } from "./stats.ts";
import { snapshotStored } from "./visits.ts";

const ROUNDS = 3;
const CSV_BYTES = 100_000_000;
const ROW = "2024-01-01,Seattle,12.5,0.3,rain\n";
const READ = 'text = open("big.csv").read()\nlen(text)';
const HEAP = "import pyodide_js\npyodide_js._module.HEAP8.length";

interface Peak {
  rss: number;
  heap: number;
}

/** Samples the renderer processes' total resident size until `stop`; resolves with the peak. */
function sampleRenderers(cdp: CDPSession): { stop(): Promise<number> } {
  const ui = new Map<number, boolean>();
  const rss = (pid: number) => {
    try {
      if (!ui.has(pid)) ui.set(pid, readFileSync(`/proc/${pid}/cmdline`, "utf8").includes("top-chrome-webui"));
      if (ui.get(pid)) return 0; // the browser's own UI, not the page
      return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))![1]) * 1024;
    } catch {
      return 0; // gone
    }
  };
  let peak = 0;
  let running = true;
  const loop = (async () => {
    while (running) {
      const { processInfo } = (await cdp.send("SystemInfo.getProcessInfo")) as {
        processInfo: { type: string; id: number }[];
      };
      const total = processInfo.filter((p) => p.type === "renderer").reduce((sum, p) => sum + rss(p.id), 0);
      peak = Math.max(peak, total);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      return peak;
    },
  };
}

async function ours(browser: Browser, cdp: CDPSession): Promise<Peak> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto("/");
  await page.getByRole("status", { name: "Kernel" }).getByText(/ready/).waitFor({ timeout: 60_000 });
  await snapshotStored(page); // the background boots are over: a standby waits, as on any visit
  await page.waitForTimeout(3000);
  const sampler = sampleRenderers(cdp);
  await page.evaluate(
    async ({ size, row }) => {
      const file = new File([row.repeat(Math.ceil(size / row.length)).slice(0, size)], "big.csv", { type: "text/csv" });
      const picked = new DataTransfer();
      picked.items.add(file);
      const input = document.querySelector<HTMLInputElement>('input[type="file"]')!;
      input.files = picked.files;
      input.dispatchEvent(new Event("change", { bubbles: true }));
    },
    { size: CSV_BYTES, row: ROW },
  );
  await page
    .getByRole("list", { name: "Files in /mnt/data" })
    .getByText("big.csv", { exact: true })
    .first()
    .waitFor({ timeout: 120_000 });
  await runCell(page, READ);
  await page.waitForTimeout(1000);
  const rss = await sampler.stop();
  const heap = Number(JSON.parse(await runCell(page, HEAP)));
  await context.close();
  return { rss, heap };
}

async function runCell(page: Page, code: string): Promise<string> {
  const before = await page.locator(".cell").count();
  await page.getByLabel("Python code").fill(code);
  await page.getByRole("button", { name: "Run" }).click();
  const cell = page.locator(".cell").nth(before);
  await cell.and(page.locator("[data-status=done]")).waitFor({ timeout: 120_000 });
  return (await cell.getByRole("log").innerText()).trim();
}

async function bare(browser: Browser, cdp: CDPSession): Promise<Peak> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(BARE.upload);
  await page.waitForFunction(() => (window as unknown as { ready?: boolean }).ready, null, { timeout: 60_000 });
  const sampler = sampleRenderers(cdp);
  type Bare = { upload(size: number, csv: string): Promise<unknown>; run(code: string): Promise<string> };
  await page.evaluate(({ size, row }) => (window as unknown as Bare).upload(size, row), { size: CSV_BYTES, row: ROW });
  await page.evaluate((code) => (window as unknown as Bare).run(`import os\nos.chdir("/mnt/data")\n${code}`), READ);
  await page.waitForTimeout(1000);
  const rss = await sampler.stop();
  const heap = Number(await page.evaluate((code) => (window as unknown as Bare).run(code), HEAP));
  await context.close();
  return { rss, heap };
}

test("memory: peak after loading a 100 MB CSV", async ({ browser }) => {
  const cdp = await browser.newBrowserCDPSession();
  const ourPeaks: Peak[] = [];
  const barePeaks: Peak[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    ourPeaks.push(await ours(browser, cdp));
    barePeaks.push(await bare(browser, cdp));
  }
  const mb = (xs: number[]) => xs.map((x) => x / 1e6);
  record([
    {
      name: "Peak memory loading a 100 MB CSV (renderer processes: page, kernels, workers)",
      unit: "MB",
      ours: mb(ourPeaks.map((p) => p.rss)),
      baseline: mb(barePeaks.map((p) => p.rss)),
      baselineName: "bare Pyodide worker page, same bytes and code",
      target: "report (ours keeps a warm standby kernel)",
    },
    {
      name: "Kernel wasm heap after loading a 100 MB CSV",
      unit: "MB",
      ours: mb(ourPeaks.map((p) => p.heap)),
      baseline: mb(barePeaks.map((p) => p.heap)),
      baselineName: "bare Pyodide worker",
      target: "≈ 1×",
    },
  ]);
});
