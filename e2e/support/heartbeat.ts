/**
 * Is the page frozen? A 10 ms heartbeat on the app page's main thread, and the stall that reads
 * as a frozen tab. Tests assert only that (the machine running the suite may be busy); how short
 * stalls are is measured by `npm run bench` (issue 8), never asserted in a test.
 */
import { test, type Page } from "@playwright/test";

/** A main-thread stall this long reads as a frozen tab. */
export const FROZEN_MS = 2500;

/** Starts the heartbeat; returns a reader of the longest gap since (also noted on the test's report). */
export async function heartbeat(page: Page): Promise<() => Promise<number>> {
  await page.evaluate(() => {
    const w = window as unknown as { __gap: number };
    w.__gap = 0;
    let last = performance.now();
    setInterval(() => {
      const now = performance.now();
      w.__gap = Math.max(w.__gap, now - last);
      last = now;
    }, 10);
  });
  return async () => {
    const gap = await page.evaluate(() => (window as unknown as { __gap: number }).__gap);
    test.info().annotations.push({ type: "longest main-thread stall (ms)", description: String(Math.round(gap)) });
    return gap;
  };
}
