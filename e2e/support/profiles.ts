/**
 * Browser profiles a test starts from. A "first" visit is a fresh profile (Playwright's own
 * context): Python boots from scratch, and the app makes its memory snapshot in the background.
 * A "returning" visitor has opened the app once before: Pyodide's files are kept and the snapshot
 * is stored, so Python starts from it — the path a person takes on every visit after the first,
 * and 1–3 s less per test on two cores. Each test gets a copy of one profile made per worker by
 * a real first visit to the build under test, which runs no cell.
 */
import type { BrowserContext, BrowserType } from "@playwright/test";
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export type Visitor = "first" | "returning";

/** Makes the returning visitor's profile once, on first use; `dispose` removes it and its copies. */
export function returningProfiles(browserType: BrowserType, baseURL: string) {
  const root = mkdtempSync(join(tmpdir(), "profiles-"));
  let seed: Promise<string> | undefined;
  const copies = new Map<BrowserContext, string>();
  return {
    /** A new browser on a copy of the profile (Playwright applies the test's context options). */
    async launch(): Promise<BrowserContext> {
      const from = await (seed ??= firstVisit(browserType, join(root, "seed"), baseURL));
      const dir = mkdtempSync(join(root, "copy-"));
      cpSync(from, dir, { recursive: true });
      const context = await browserType.launchPersistentContext(dir);
      // The profile's first tab: the test opens its own pages.
      await Promise.all(context.pages().map((page) => page.close()));
      copies.set(context, dir);
      return context;
    },
    /** Closes the browser and deletes its copy of the profile. */
    async close(context: BrowserContext): Promise<void> {
      await context.close();
      rmSync(copies.get(context)!, { recursive: true, force: true, maxRetries: 5 });
      copies.delete(context);
    },
    dispose: () => rmSync(root, { recursive: true, force: true }),
  };
}

/**
 * Opens the app in a new profile, waits until the kernels it boots in the background are up (the
 * memory snapshot among them), then opens it again to check that Python now starts from it.
 */
async function firstVisit(browserType: BrowserType, dir: string, baseURL: string): Promise<string> {
  const context = await browserType.launchPersistentContext(dir, { baseURL, serviceWorkers: "block" });
  const page = context.pages()[0] ?? (await context.newPage());
  const marked = (name: string) =>
    page.waitForFunction((mark) => performance.getEntriesByName(mark).length > 0, name, { timeout: 120_000 });
  await page.goto("/");
  await marked("kernel-background-done");
  await page.reload();
  await marked("kernel-restored");
  await context.close();
  return dir;
}
