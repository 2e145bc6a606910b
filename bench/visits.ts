/**
 * One visit of a page, timed from navigation to its first Python result, with the bytes it
 * fetched over the network (cache hits count nothing). Shared by the first- and repeat-visit figures.
 */
import type { BrowserContext, Page } from "@playwright/test";
import { BARE } from "./bare.ts";
import { cpuMs } from "./cpu.ts";

export interface Visit {
  ms: number;
  /** Bytes that came over the network during the visit (encoded body sizes), blob: and data: aside. */
  bytes: number;
  /** CPU time the browser and the server used during the visit (./cpu.ts); null where unknown. */
  cpu: number | null;
}

/** Counts the network bytes of every request the context makes (frames and workers included). */
export function countBytes(context: BrowserContext): () => Promise<number> {
  let pending: Promise<number>[] = [];
  context.on("requestfinished", (request) => {
    if (!/^https?:/.test(request.url())) return;
    pending.push(
      request.sizes().then(
        (s) => Math.max(0, s.responseBodySize),
        () => 0,
      ),
    );
  });
  return async () => {
    const sizes = await Promise.all(pending);
    pending = [];
    return sizes.reduce((a, b) => a + b, 0);
  };
}

/**
 * Notes when each value first shows in a finished cell (`window.shown[value]`). A repeat visit
 * opens the last conversation again, with its cells: each visit runs a sum of its own, so a
 * result restored from the visit before never counts as this visit's.
 */
export async function watchOurFirstResult(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const shown: Record<string, number> = ((window as unknown as { shown: Record<string, number> }).shown = {});
    new MutationObserver(() => {
      for (const log of document.querySelectorAll(".cell[data-status=done] [role=log]")) {
        shown[log.textContent ?? ""] ??= performance.now();
      }
    }).observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
  });
}

export async function ourVisit(page: Page, bytes: () => Promise<number>): Promise<Visit> {
  await bytes(); // forget what came before
  const n = 1 + Math.floor(Math.random() * 1e9);
  const cpu = cpuMs();
  await page.goto("/");
  await page.getByLabel("Python code").fill(`${n} + 1`);
  await page.getByRole("button", { name: "Run" }).click();
  const ms = await firstResult(page, String(n + 1));
  return { ms, bytes: await bytes(), cpu: cpuSince(cpu) };
}

export async function bareVisit(page: Page, bytes: () => Promise<number>): Promise<Visit> {
  await bytes();
  const cpu = cpuMs();
  await page.goto(BARE.boot);
  const ms = await firstResult(page);
  return { ms, bytes: await bytes(), cpu: cpuSince(cpu) };
}

const cpuSince = (start: number | null) => (start === null ? null : cpuMs()! - start);

/**
 * The time the page noted for its first result: `value` shown (ours, see watchOurFirstResult),
 * or `window.firstResult` (the bare page). Polled on a timer, not per animation frame (the
 * default): a 60 fps poll kept the page drawing frames throughout the boot it measures, costing
 * CPU that Python's boot competes for. The figure is the page's own timestamp, so polling late
 * changes nothing in it.
 */
async function firstResult(page: Page, value?: string): Promise<number> {
  const ms = await page.waitForFunction(
    (value) => {
      const w = window as unknown as { firstResult?: number; shown?: Record<string, number> };
      return value === undefined ? w.firstResult : w.shown?.[value];
    },
    value,
    { timeout: 60_000, polling: 250 },
  );
  return (await ms.jsonValue()) as number;
}

/** Waits until the app has stored its memory snapshot (made in the background after the first visit). */
export async function snapshotStored(page: Page, timeoutMs = 120_000): Promise<void> {
  const stored = () =>
    page.evaluate(
      () =>
        new Promise<boolean>((resolve) => {
          const open = indexedDB.open("kernel-snapshots");
          open.onupgradeneeded = () => open.transaction?.abort(); // not there yet: do not create it
          open.onerror = () => resolve(false);
          open.onsuccess = () => {
            const db = open.result;
            if (!db.objectStoreNames.contains("snapshots")) return resolve(false);
            const all = db.transaction("snapshots").objectStore("snapshots").getAll();
            all.onsuccess = () => resolve(all.result.some((r: { kind: string }) => r.kind === "snapshot"));
            all.onerror = () => resolve(false);
          };
        }),
    );
  // (waitForFunction would take the returned promise itself as a truthy answer)
  for (const deadline = Date.now() + timeoutMs; !(await stored()); await page.waitForTimeout(500)) {
    if (Date.now() > deadline) throw new Error("the app stored no memory snapshot");
  }
}
