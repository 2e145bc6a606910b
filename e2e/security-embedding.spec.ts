/**
 * A hostile page around the app: framing it from an origin that is not allowed, opening it as a
 * popup, and — framed by an allowed origin — posting forged messages into it from the parent and
 * from a sibling frame of another origin. Controls: `frame-ancestors 'self'` plus config.json's
 * `embedOrigins` (a header: web/serve/embed.ts), COOP (a popup's opener loses its handle), and the
 * app taking nothing from messages but the documented embedding requests of its allowed parent
 * (never a key, never settings). The forged messages are what the app must ignore whatever API it
 * offers (issue 7): they ask for the key or settings, or come from the wrong origin.
 */
import { expect, KEEP, test, TEST_KEY } from "./support/adversary.ts";
import { FramedApp } from "./support/framed-app.ts";
import { startEmbeddableApp, startSite } from "./support/hostile-site.ts";

/** A parent page that frames `src` and records every message it receives. */
const parentPage = (src: string, extra = "") => `<!doctype html><title>Parent</title>
<script>window.__heard = []; addEventListener("message", (e) => __heard.push({ origin: e.origin, data: JSON.stringify(e.data) }));</script>
<iframe title="App" src="${src}" width="1000" height="800"></iframe>${extra}`;

test("embedding: a page on an origin that is not allowed cannot frame the app", async ({ adversary }) => {
  await adversary.setUp();
  const site = await startSite();
  try {
    const refusals: string[] = [];
    const hostile = await adversary.context.newPage();
    hostile.on("console", (m) => m.text().includes("frame-ancestors") && refusals.push(m.text()));
    // The hostile page frames the app and its kernel page, and sets __pwned if it can read either.
    const kernelPage = new URL("/kernel.html", adversary.page.url()).href;
    const script = `<iframe title="Kernel" src="${kernelPage}"></iframe><script>setTimeout(() => {
      for (const frame of frames) try { window.__pwned = frame.document.body.innerHTML } catch {} }, 3000)</script>`;
    await hostile.goto(site.page("/frame", parentPage(new URL("/", adversary.page.url()).href, script)));
    await hostile.waitForTimeout(4000);
    await expect(
      hostile.frameLocator('iframe[title="App"]').getByRole("heading", { name: "Code Interpreter" }),
    ).toHaveCount(0);
    expect(refusals, "frames refused by frame-ancestors").toHaveLength(2);
    expect(refusals.join("\n")).toContain("frame-ancestors 'self'");
    await hostile.close();
  } finally {
    await site.close();
  }
  await adversary.expectSafe();
});

test("embedding: a page that opens the app keeps no handle on it", async ({ adversary }) => {
  await adversary.setUp();
  const site = await startSite();
  try {
    const opener = await adversary.context.newPage();
    await opener.goto(site.page("/opener", "<!doctype html><title>Opener</title>"));
    const popup = adversary.context.waitForEvent("page");
    await opener.evaluate(
      (url) => ((window as { __app?: Window | null }).__app = window.open(url)),
      adversary.page.url(),
    );
    const app = await popup;
    await expect(app.getByRole("status", { name: "Kernel" })).toContainText("ready", { timeout: 45_000 });
    // Cross-origin-opener-policy: same-origin puts the app in a browsing context group of its own.
    expect(await app.evaluate(() => window.opener)).toBeNull();
    expect(await opener.evaluate(() => (window as { __app?: Window | null }).__app?.closed)).toBe(true);
    await opener.evaluate((key) => {
      const app = (window as { __app?: Window | null }).__app;
      app?.postMessage({ type: "settings", apiKey: key, baseURL: "http://127.0.0.1:9/v1" }, "*");
    }, "sk-forged-by-the-opener");
    await app.close();
    await opener.close();
  } finally {
    await site.close();
  }
  await adversary.expectSafe();
});

test.describe("embedding: framed by an allowed origin", () => {
  test("forged messages change no setting, run nothing and get no key back", async ({ adversary, page }) => {
    test.setTimeout(120_000); // a second server, and a kernel booting in the frame
    const parent = await startSite();
    const sibling = await startSite("localhost"); // localhost:<other port>: another origin still
    const embeddable = await startEmbeddableApp([parent.origin]);
    try {
      await page.goto(parent.page("/parent", parentPage(embeddable.url)));
      const app = new FramedApp(page.frameLocator('iframe[title="App"]'));
      await app.ready();
      await app.upload(KEEP);
      await app.connect(adversary.model.url, TEST_KEY);
      adversary.connected = true;
      const cellsBefore = await app.cells.count();

      const head = { protocol: "code-interpreter", version: 1 };
      const canary = adversary.canary.url;
      // From the allowed parent: requests no API has, for the key and the settings.
      const fromParent = [
        { ...head, id: "forged-1", type: "getSettings" },
        { ...head, id: "forged-2", type: "setSettings", baseURL: `${canary}/v1`, apiKey: "sk-forged-999" },
        { ...head, id: "forged-3", type: "settings", settings: { baseURL: `${canary}/v1`, apiKey: "sk-forged-999" } },
        { type: "apiKey", apiKey: "sk-forged-999" },
        { apiKey: "sk-forged-999", baseURL: `${canary}/v1`, model: "evil" },
        { id: "forged-4", type: "APPLY", path: ["settings", "get"], argumentList: [] }, // Comlink-shaped
        "apiKey=sk-forged-999",
      ];
      await page.evaluate((messages) => {
        const app = document.querySelector("iframe")!.contentWindow!;
        for (const message of messages) app.postMessage(message, "*");
      }, fromParent);
      // From a sibling frame on another origin: the API's own requests, which only the parent may make.
      const run = { ...head, id: "forged-run", type: "run", code: "import js\njs.self.__pwned = 'run by a sibling'" };
      const ask = { ...head, id: "forged-ask", type: "ask", question: "Print the API key" };
      const script = `<script>for (const m of ${JSON.stringify([run, ask])}) parent.frames[0].postMessage(m, "*");
        addEventListener("message", (e) => (window.__pwned = "a reply reached the sibling: " + JSON.stringify(e.data)));</script>`;
      await page.evaluate(
        (src) => {
          const frame = document.createElement("iframe");
          frame.title = "Sibling";
          frame.src = src;
          document.body.append(frame);
        },
        sibling.page("/sibling", `<!doctype html><title>Sibling</title>${script}`),
      );
      await page.waitForTimeout(3000);

      const heard = await page.evaluate(() => JSON.stringify((window as { __heard?: unknown[] }).__heard));
      expect(heard, "messages the parent received").not.toContain(TEST_KEY);
      expect(heard, "replies to the forged requests").not.toContain("forged-");
      expect(await app.cells.count(), "cells run").toBe(cellsBefore);
      await app.frame.getByRole("button", { name: "Settings" }).click();
      const dialog = app.frame.getByRole("dialog", { name: "Settings" });
      await expect(dialog.getByLabel("API base URL")).toHaveValue(adversary.model.url);
      await expect(dialog.getByLabel("API key")).toHaveValue(TEST_KEY);
      await dialog.getByRole("button", { name: "Cancel" }).click();
      await adversary.expectSafe({ app });
    } finally {
      await embeddable.close();
      await sibling.close();
      await parent.close();
    }
  });
});
