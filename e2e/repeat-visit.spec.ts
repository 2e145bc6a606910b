/**
 * Repeat visits start Python from a memory snapshot the first visit left in this browser
 * (issue 8). The restored kernel must be a fresh kernel in everything a person can see, and a
 * snapshot that is corrupt must cost nothing but speed: Python still starts, and the broken
 * snapshot is not tried again.
 */
import type { Page } from "@playwright/test";
import { expect, test, type AppPage } from "./fixtures.ts";

// Each test starts where a person first opens the app: no snapshot yet.
test.use({ visitor: "first" });

type Stored = { kind: "snapshot" | "failed"; size?: number } | null;

/** What the app keeps in its snapshot store (the test's window onto it; never created here). */
function stored(page: Page): Promise<Stored> {
  return page.evaluate(
    () =>
      new Promise<Stored>((resolve) => {
        const open = indexedDB.open("kernel-snapshots");
        open.onupgradeneeded = () => open.transaction?.abort();
        open.onerror = () => resolve(null);
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains("snapshots")) return resolve(null);
          const all = db.transaction("snapshots").objectStore("snapshots").getAll();
          all.onsuccess = () => {
            const record = all.result[0] as { kind: "snapshot" | "failed"; bytes?: Blob } | undefined;
            resolve(record ? { kind: record.kind, size: record.bytes?.size } : null);
          };
        };
      }),
  );
}

/** Kernels this page started from the snapshot (the session marks each for devtools). */
const restoredKernels = (page: Page) => page.evaluate(() => performance.getEntriesByName("kernel-restored").length);

/**
 * The first visit's kernel boots Python from scratch; a snapshot is then made and stored in the
 * background (and the warm standby starts from it, so later kernels of this page are restored).
 */
async function firstVisit(app: AppPage): Promise<void> {
  await app.open();
  expect(await restoredKernels(app.page)).toBe(0);
  await expect.poll(() => stored(app.page), { timeout: 60_000 }).toMatchObject({ kind: "snapshot" });
}

test("a repeat visit starts from the snapshot and behaves like a fresh kernel", async ({ app, page }) => {
  await firstVisit(app);

  const draws: string[] = [];
  for (let visit = 0; visit < 2; visit++) {
    await app.open();
    expect(await restoredKernels(page)).toBeGreaterThan(0);
    // The kernel's own Python is in the snapshot, imported where the user's names cannot see it.
    expect(await app.output("[name for name in ('sys', '_kernel') if name in globals()]")).toBe("[]");
    expect(await app.output('import os, sys\nprint(os.getcwd(), "" in sys.path)\nx = 6\nx * 7')).toMatch(
      /^\/mnt\/data False\n+42$/,
    );
    expect(await app.output('print("to stderr", file=__import__("sys").stderr)')).toBe("to stderr");
    const html = await app.run('class T:\n    def _repr_html_(self): return "<b>rich</b>"\nT()');
    await expect(html.locator('iframe[title="HTML output"]')).toHaveCount(1);
    draws.push(await app.output("import random\nrandom.random()"));
  }
  // Every kernel restored from one snapshot would draw the same numbers without a reseed.
  expect(draws[0]).not.toBe(draws[1]);
  expect(await stored(page)).toMatchObject({ kind: "snapshot" });
});

test("a corrupt snapshot falls back to a normal start, once", async ({ app, page }) => {
  await firstVisit(app);
  // Flip a byte in the middle of the stored heap, keeping its recorded checksum.
  await page.evaluate(
    () =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open("kernel-snapshots");
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const store = open.result.transaction("snapshots", "readwrite").objectStore("snapshots");
          const all = store.getAll();
          all.onsuccess = async () => {
            const record = all.result[0] as { bytes: Blob };
            const bytes = new Uint8Array(await record.bytes.arrayBuffer());
            bytes[bytes.length >> 1] ^= 0xff;
            const write = open.result.transaction("snapshots", "readwrite").objectStore("snapshots");
            write.put({ ...record, bytes: new Blob([bytes]) }).onsuccess = () => resolve();
          };
        };
      }),
  );

  await app.open();
  expect(await app.output("sum(range(10))")).toBe("45");
  expect(await restoredKernels(page)).toBe(0);
  expect(await stored(page)).toEqual({ kind: "failed", size: undefined });

  // The next visit boots normally without trying (or remaking) the snapshot.
  await app.open();
  expect(await app.output("sum(range(10))")).toBe("45");
  expect(await restoredKernels(page)).toBe(0);
  await page.waitForTimeout(8000); // past when a first visit would have made one
  expect(await stored(page)).toEqual({ kind: "failed", size: undefined });
});

test("Pyodide's core is kept for the next visit with the types it was served with", async ({ app, page }) => {
  await app.open();
  // The copies the app keeps (service workers are blocked here, so only the app writes them),
  // against what the server says of each file now. The service worker serves these copies to
  // the site's pages, and a module script or a streamed wasm compile refuses an untyped one.
  const types = () =>
    page.evaluate(async () => {
      const name = (await caches.keys()).find((key) => key.startsWith("pyodide-"));
      const cache = name ? await caches.open(name) : null;
      const kept = await cache?.keys();
      if (!cache || kept?.length !== 3) return null;
      return Promise.all(
        kept.map(async (request) => ({
          file: request.url.split("/").pop() ?? "",
          kept: (await cache.match(request))?.headers.get("Content-Type"),
          served: (await fetch(request.url, { method: "HEAD", cache: "no-store" })).headers.get("Content-Type"),
        })),
      );
    });
  // Kept ~10 s after the download, once the page's kernels have started.
  await expect.poll(types, { timeout: 45_000 }).not.toBeNull();
  for (const { file, kept, served } of (await types())!) {
    expect(served, file).toBeTruthy();
    expect(kept, file).toBe(served);
  }
});
