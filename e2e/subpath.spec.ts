/**
 * The build served under a sub-path, as a GitHub Pages project site is (/<repo>/), by a static
 * host with the production headers: Python runs, the service worker's scope is the sub-path, the
 * app is installable there and starts there offline, and nothing is asked for outside it.
 */
import { AppPage, expect, test as base } from "./fixtures.ts";
import { staticSites, type SiteOptions, type StaticSite } from "./support/static-site.ts";

const test = base.extend<{ startSite: (options?: SiteOptions) => Promise<StaticSite> }>(staticSites);
test.use({ serviceWorkers: "allow" });

test("under /repo/ the app runs Python, online and offline, and asks for nothing outside it", async ({
  page,
  context,
  startSite,
}) => {
  const site = await startSite({ base: "/repo/" });
  const app = new AppPage(page);
  const kernel = page.getByRole("status", { name: "Kernel" });
  await page.goto(site.url);
  await expect(kernel).toContainText("ready", { timeout: 45_000 });
  expect(await app.output("import sys\nprint(6 * 7, sys.platform)")).toBe("42 emscripten");
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);

  await expect(page.getByRole("status", { name: "Network" })).toHaveText("Works offline", { timeout: 30_000 });
  const scope = await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.scope);
  expect(scope).toBe(site.url);
  // Installable there: Chromium finds nothing missing in the manifest, its icons or the worker
  // (it lists every problem; a test's context is incognito-like, which is one of them).
  const cdp = await context.newCDPSession(page);
  const { installabilityErrors } = await cdp.send("Page.getInstallabilityErrors");
  expect(installabilityErrors.map((e) => e.errorId).filter((id) => id !== "in-incognito")).toEqual([]);
  const manifest = await cdp.send("Page.getAppManifest");
  expect(manifest.url).toBe(`${site.url}manifest.webmanifest`);

  await context.setOffline(true);
  await page.reload();
  await expect(kernel).toContainText("ready", { timeout: 45_000 });
  expect(await app.output("print(sum(range(10)))")).toBe("45");

  expect(site.requests()).toContain("kernel.html");
  expect(site.outside()).toEqual([]);
});
