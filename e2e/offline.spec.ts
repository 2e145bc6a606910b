/**
 * Offline (issue 7): after one visit the app starts with the network off, runs Python, loads a
 * package it used before and answers from a model on this machine. The service worker serves
 * pages from its cache with the headers they came with (cross-origin isolation, both CSPs), the
 * kernel still has no network, pages and config.json are never stale copies while the network is
 * there, and a new version never takes over an open session.
 *
 * The site is a static host of the build with the production headers and a real config.json:
 * the service worker fetches config.json itself, past page.route.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { BrowserContext, Page } from "@playwright/test";
import { AppPage, expect, test as base } from "./fixtures.ts";
import type { ChatRequest, MockModel } from "./support/mock-model.ts";
import { BUILD_DIR, staticSites, type SiteOptions, type StaticSite } from "./support/static-site.ts";

const test = base.extend<{ startSite: (options?: SiteOptions) => Promise<StaticSite> }>(staticSites);

// A site of its own, visited for the first time: the service worker installs on this visit.
test.use({ serviceWorkers: "allow", visitor: "first" });

async function openAt(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await expect(page.getByRole("status", { name: "Kernel" })).toContainText("ready", { timeout: 45_000 });
}

/**
 * setOffline also cuts loopback in Chromium (127.0.0.1 fails with ERR_INTERNET_DISCONNECTED),
 * which a real outage does not: the model on this machine is reached through a route that
 * forwards each request to it (the app's own request, headers and body, answered by the mock).
 */
async function reachLoopbackModel(context: BrowserContext, model: MockModel): Promise<void> {
  await context.route(`${model.url}/**`, async (route) => route.fulfill({ response: await route.fetch() }));
}

const runPython = (code: string) => ({ name: "run_python", arguments: JSON.stringify({ code }) });
const lastTool = (request: ChatRequest) =>
  String([...request.body.messages].reverse().find((m: { role: string }) => m.role === "tool")?.content ?? "");

/** A header of a response as the page gets it now (through the service worker, when it serves the page). */
const headerOf = (page: Page, path: string, name: string) =>
  page.evaluate(async ([p, n]) => (await fetch(p)).headers.get(n), [path, name] as const);

test("after one visit the app starts offline: Python, a package used before, a model on this machine", async ({
  page,
  context,
  mockModel,
  packageServer,
  canary,
  startSite,
}) => {
  const site = await startSite({ files: { "config.json": JSON.stringify({ packageBaseURL: packageServer.url }) } });
  const app = new AppPage(page);
  const network = page.getByRole("status", { name: "Network" });
  await openAt(page, site.url);
  await expect(network).toHaveText("Works offline", { timeout: 30_000 });
  // Used once, online, from the site's package source (another origin).
  expect(await app.output("import ci_double\nci_double.double()")).toContain("84");
  await app.connect(mockModel.url);

  await context.setOffline(true);
  await expect(network).toHaveText("Offline");
  await page.reload();
  await expect(page.getByRole("status", { name: "Kernel" })).toContainText("ready", { timeout: 45_000 });
  await expect(network).toHaveText("Offline");
  // config.json came from the cache too: the package source is the site's, and nothing is reported.
  await expect(page.getByRole("alert").filter({ hasText: "config.json" })).toHaveCount(0);
  const cell = await app.run("import ci_double\nci_double.double()");
  await expect(cell.getByRole("log", { name: "Output" })).toContainText("84");

  // Served from the cache with their headers: the page is cross-origin isolated, both CSPs hold.
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
  expect(await headerOf(page, "./", "content-security-policy")).toContain("require-trusted-types-for 'script'");
  expect(await headerOf(page, "kernel.html", "content-security-policy")).toMatch(/^default-src 'none'/);
  const trustedTypes = await page.evaluate(() => {
    try {
      document.createElement("div").innerHTML = "<b>x</b>";
      return "HTML assigned";
    } catch (error) {
      return (error as Error).name;
    }
  });
  expect(trustedTypes).toBe("TypeError");
  const kernelFrame = page.frames().find((f) => f.parentFrame()?.url().includes("/kernel.html"));
  expect(await kernelFrame?.evaluate(() => [self.origin, self.crossOriginIsolated])).toEqual(["null", true]);

  // A question, answered from a real run.
  await reachLoopbackModel(context, mockModel);
  mockModel.script([
    { toolCalls: [runPython("print(6 * 7)")] },
    (request) => {
      if (!lastTool(request).includes("42")) throw new Error("the run's output was not sent back");
      return { content: "Six times seven is 42." };
    },
  ]);
  const turn = await app.ask("What is six times seven?");
  await expect(turn.getByLabel("Answer")).toHaveText("Six times seven is 42.");
  expect(mockModel.failures()).toEqual([]);

  // Back online, not reloaded: the kernel whose page came from the cache still has no network.
  await context.setOffline(false);
  await expect(network).toHaveText("Works offline");
  const probe = await app.run(
    `import js\ntry:\n    await js.fetch(${JSON.stringify(canary.url + "/from-cached-kernel")})\n    print("reached")\nexcept Exception:\n    print("blocked")`,
  );
  await expect(probe.getByRole("log", { name: "Output" })).toHaveText("blocked");
  expect(canary.hits()).toEqual([]);

  // Online, config.json and the page are the host's current ones, never a cached copy.
  site.files["config.json"] = JSON.stringify({ packageBaseURL: packageServer.url, offlineTest: true });
  const redeployed = readFileSync(join(BUILD_DIR, "index.html"), "utf8").replace("<title>", "<title>Redeployed ");
  site.files["index.html"] = redeployed;
  await openAt(page, site.url);
  await expect(page).toHaveTitle("Redeployed Code Interpreter");
  await expect(page.getByRole("alert").filter({ hasText: 'unknown field "offlineTest"' })).toBeVisible();
});

test("a new version waits for the next visit: an open session is never reloaded", async ({
  page,
  context,
  startSite,
}) => {
  const site = await startSite();
  const app = new AppPage(page);
  await openAt(page, site.url);
  await expect(page.getByRole("status", { name: "Network" })).toHaveText("Works offline", { timeout: 30_000 });
  await app.run("x = 6");
  await page.evaluate(() => Object.assign(window, { __sameDocument: true }));

  // A deployment changes the service worker; the browser finds it and installs it.
  site.files["sw.js"] = readFileSync(join(BUILD_DIR, "sw.js"), "utf8") + "\n// the next version\n";
  const state = await page.evaluate(async () => {
    let switched = false;
    navigator.serviceWorker.addEventListener("controllerchange", () => (switched = true));
    const registration = (await navigator.serviceWorker.getRegistration())!;
    await registration.update();
    const next = registration.installing;
    await new Promise<void>((done) => {
      if (next?.state !== "installing") return done();
      next.addEventListener("statechange", () => next.state !== "installing" && done());
    });
    await new Promise((done) => setTimeout(done, 1000)); // time enough for a worker that would take over
    return { state: next?.state, waiting: registration.waiting === next, switched };
  });
  // Installed and waiting: it does not take over this page (no skipWaiting).
  expect(state).toEqual({ state: "installed", waiting: true, switched: false });
  // The session goes on: same document, same kernel state.
  expect(await app.output("x * 7")).toBe("42");
  expect(await page.evaluate(() => (window as { __sameDocument?: boolean }).__sameDocument)).toBe(true);

  // Once the last tab of the old version is gone, the next visit runs the new one.
  await page.close();
  const next = await context.newPage();
  await next.goto(site.url);
  await expect
    .poll(() => next.evaluate(async () => Boolean((await navigator.serviceWorker.getRegistration())?.waiting)))
    .toBe(false);
});
