/**
 * The build served under a sub-path, as a GitHub Pages project site is (/<repo>/), by a static
 * host with the production headers: Python runs, the service worker's scope is the sub-path, the
 * app is installable there and starts there offline, and nothing is asked for outside it.
 */
import { AppPage, expect, test as base } from "./fixtures.ts";
import { staticSites, type SiteOptions, type StaticSite } from "./support/static-site.ts";

const test = base.extend<{ startSite: (options?: SiteOptions) => Promise<StaticSite> }>(staticSites);
// A site of its own, visited for the first time: the service worker installs on this visit.
test.use({ serviceWorkers: "allow", visitor: "first" });

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

test("on a host that sends no headers the app still runs Python, under its own CSP", async ({ page, startSite }) => {
  const site = await startSite({ base: "/repo/", headers: false });
  const app = new AppPage(page);
  await page.goto(site.url);
  await expect(page.getByRole("status", { name: "Kernel" })).toContainText("ready", { timeout: 45_000 });
  expect(await app.output("print(6 * 7)")).toBe("42");
  // Not cross-origin isolated without COOP/COEP (Stop then replaces the kernel), but the page's
  // policy comes from its <meta> element: an injected script and markup are still refused.
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(false);
  const refused = await page.evaluate(async () => {
    const refusals: string[] = [];
    try {
      document.body.insertAdjacentHTML("beforeend", "<img src=x onerror=alert(1)>");
    } catch (error) {
      refusals.push((error as Error).name); // Trusted Types: no HTML from strings
    }
    const violation = new Promise<string>((resolve) =>
      document.addEventListener("securitypolicyviolation", (event) => {
        if (event.blockedURI.startsWith("https://example.com/")) resolve(event.effectiveDirective);
      }),
    );
    document.body.append(Object.assign(document.createElement("img"), { src: "https://example.com/pixel.png" }));
    refusals.push(await violation); // no images from other sites
    return refusals;
  });
  expect(refused).toEqual(["TypeError", "img-src"]);
});
