import type { Page } from "@playwright/test";

/**
 * Waits until the app's background boots are over — the warm standby kernel and, on a first
 * visit, the kernel that takes the memory snapshot (the app marks "kernel-background-done") —
 * so a figure measures the page at rest, as the bare pages always are.
 */
export async function quietPage(page: Page): Promise<void> {
  await page.waitForFunction(() => performance.getEntriesByName("kernel-background-done").length > 0, null, {
    timeout: 60_000,
  });
}
