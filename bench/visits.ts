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

/** Marks `window.firstResult` when the scratchpad shows the value 2 (run "1 + 1" as soon as Run exists). */
export async function watchOurFirstResult(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    new MutationObserver((_, observer) => {
      if (document.querySelector(".cell[data-status=done] [role=log]")?.textContent === "2") {
        (window as unknown as { firstResult: number }).firstResult = performance.now();
        observer.disconnect();
      }
    }).observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
  });
}

export async function ourVisit(page: Page, bytes: () => Promise<number>): Promise<Visit> {
  await bytes(); // forget what came before
  const cpu = cpuMs();
  await page.goto("/");
  await page.getByLabel("Python code").fill("1 + 1");
  await page.getByRole("button", { name: "Run" }).click();
  const ms = await firstResult(page);
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
 * The time the page noted for its first result. Polled on a timer, not per animation frame (the
 * default): a 60 fps poll kept the page drawing frames throughout the boot it measures, costing
 * CPU that Python's boot competes for. The figure is the page's own timestamp, so polling late
 * changes nothing in it.
 */
async function firstResult(page: Page): Promise<number> {
  const ms = await page.waitForFunction(() => (window as unknown as { firstResult?: number }).firstResult, null, {
    timeout: 60_000,
    polling: 250,
  });
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
