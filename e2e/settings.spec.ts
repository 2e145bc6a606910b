/**
 * Settings and the site's config.json (issue 5): kernel settings a person sets in the dialog
 * reach the kernel; a site's config.json can connect the app to its model with nothing typed,
 * and an invalid one is reported while the app keeps working; the key's storage choices hold.
 */
import type { Page } from "@playwright/test";
import { expect, test, useSiteConfig, type AppPage } from "./fixtures.ts";

const openSettings = async (page: Page) => {
  await page.getByRole("button", { name: "Settings" }).click();
  return page.getByRole("dialog", { name: "Settings" });
};

/** Every value in the page's localStorage and sessionStorage, by storage. */
const storedValues = (page: Page) =>
  page.evaluate(() => ({
    local: Object.values(localStorage).join("\n"),
    session: Object.values(sessionStorage).join("\n"),
  }));

async function ask(app: AppPage, question: string) {
  const turn = await app.ask(question);
  await expect(turn).toHaveAttribute("data-status", "done");
  return turn;
}

test("the run timeout, memory cap and output limit set in Settings reach the kernel", async ({ app, page }) => {
  await useSiteConfig(page, { limits: { timeoutSeconds: 30 } });
  await app.open();
  let dialog = await openSettings(page);
  const timeout = dialog.getByLabel("Run timeout (seconds)");
  await expect(timeout).toHaveAttribute("placeholder", "30"); // the site's value
  await expect(dialog.getByLabel("Memory cap (MiB)")).toHaveAttribute("placeholder", "2048"); // the default
  await timeout.fill("0");
  await expect(timeout).toHaveAccessibleDescription("Run timeout must be a whole number of seconds from 1 to 86400.");
  await dialog.getByRole("button", { name: "Save" }).click();
  await expect(dialog).toBeVisible(); // not saved while a field is invalid
  await expect(timeout).toBeFocused();
  await timeout.fill("2");
  await expect(timeout).toHaveAccessibleDescription("");
  await dialog.getByRole("button", { name: "Save" }).click();
  await expect(dialog).toBeHidden();

  // The timeout applies from the next run.
  const started = Date.now();
  const loop = await app.run("while True: pass");
  await expect(loop.getByRole("log")).toContainText(
    "Timed out after 2 s. The run was interrupted; the kernel kept its state.",
  );
  expect(Date.now() - started).toBeLessThan(10_000);

  // The memory cap applies to the next kernel: until Restart kernel, 300 MiB still fit.
  dialog = await openSettings(page);
  await expect(dialog.getByLabel("Run timeout (seconds)")).toHaveValue("2");
  await dialog.getByLabel("Memory cap (MiB)").fill("256");
  await expect(dialog.getByLabel("Output limit (characters per run)")).toHaveAttribute("placeholder", "4194304");
  await dialog.getByLabel("Output limit (characters per run)").fill("1000");
  await expect(dialog.getByText("the others after Restart kernel")).toBeVisible();
  await dialog.getByRole("button", { name: "Save" }).click();
  await expect(dialog).toBeHidden();
  const allocate = "block = bytearray(300 * 1024 * 1024)\nlen(block)";
  expect(await app.output(allocate)).toBe(String(300 * 1024 * 1024));
  await page.getByRole("button", { name: "Restart kernel" }).click();
  await expect(page.getByRole("status", { name: "Kernel" })).toContainText("ready", { timeout: 45_000 });
  const capped = await app.run(allocate);
  await expect(capped.getByRole("alert")).toContainText("MemoryError");
  await expect(capped.getByRole("log")).toContainText("Out of memory: the run went past the kernel's 256 MiB");
  expect(await app.output("6 * 7")).toBe("42"); // and the capped kernel still works
  const long = await app.run("print('y' * 5000)");
  await expect(long.getByRole("log")).toContainText("characters of output cut: the limit is 1,000 per run");
});

test("a site's config.json connects the app to its model, nothing typed", async ({ app, page, mockModel }) => {
  // The mock model listens on 127.0.0.1, a local server: the only kind of host besides the site's
  // own origin for which config.json may carry a key.
  await useSiteConfig(page, { endpoint: "custom", baseURL: mockModel.url, model: "mock-model", apiKey: "site-token" });
  mockModel.script([
    (request) => {
      if (request.body.model !== "mock-model") throw new Error(`model was ${request.body.model}`);
      if (request.headers.authorization !== "Bearer site-token") throw new Error("the site's key was not sent");
      return { content: "Connected through the site." };
    },
  ]);
  await app.open();
  await expect(page.getByRole("region", { name: "Connect a model" })).toBeHidden();
  const turn = await ask(app, "Are you there?");
  await expect(turn.getByLabel("Answer")).toHaveText("Connected through the site.");
  expect(mockModel.failures()).toEqual([]);

  // The dialog shows the site's settings but not its key, and saving keeps that key out of storage.
  const dialog = await openSettings(page);
  await expect(dialog.getByLabel("API base URL")).toHaveValue(mockModel.url);
  await expect(dialog.getByLabel("Model")).toHaveValue("mock-model");
  await expect(dialog.getByLabel("API key")).toHaveValue("");
  await expect(dialog.getByLabel("API key")).toHaveAttribute("placeholder", "provided by this site");
  await dialog.getByRole("button", { name: "Save" }).click();
  await expect(dialog).toBeHidden();
  const stored = await storedValues(page);
  expect(stored.local + stored.session).not.toContain("site-token");
  await expect(page.getByLabel("Message")).toBeEnabled();
});

test("an invalid config.json is reported field by field and the app still works", async ({ app, page }) => {
  await useSiteConfig(page, {
    endpoint: "openai",
    apiKey: "sk-live-secret",
    embedOrigins: ["https://*.example.com", "https://example.com/app"],
    limits: { timeoutSeconds: -1 },
    colour: "blue",
  });
  await app.open();
  const alerts = page.getByRole("alert");
  await expect(alerts.filter({ hasText: 'unknown field "colour"' })).toHaveCount(1);
  await expect(alerts.filter({ hasText: "config.json: apiKey was ignored because api.openai.com" })).toHaveCount(1);
  await expect(alerts.filter({ hasText: 'embedOrigins[0] "https://*.example.com" has a wildcard' })).toHaveCount(1);
  await expect(alerts.filter({ hasText: 'did you mean "https://example.com"?' })).toHaveCount(1);
  await expect(alerts.filter({ hasText: "limits.timeoutSeconds must be a positive number" })).toHaveCount(1);
  // What was valid still applies (the endpoint, with no key); Python works.
  const dialog = await openSettings(page);
  await expect(dialog.getByLabel("API base URL")).toHaveValue("https://api.openai.com/v1");
  await expect(dialog.getByLabel("API key")).toHaveValue("");
  await dialog.getByRole("button", { name: "Cancel" }).click();
  expect(await app.output("sum(range(10))")).toBe("45");
});

test("a config.json that is not JSON is reported and the app still works", async ({ app, page }) => {
  await page.route("**/config.json", (route) =>
    route.fulfill({ contentType: "application/json", body: '{"limits": ' }),
  );
  await app.open();
  await expect(page.getByRole("alert").filter({ hasText: "config.json is not valid JSON" })).toBeVisible();
  await expect(page.getByRole("region", { name: "Connect a model" })).toBeVisible();
  expect(await app.output("2 ** 10")).toBe("1024");
});

test("a session-only key stays out of localStorage, and Forget key removes it", async ({ app, page, mockModel }) => {
  const key = "sk-session-only-123";
  const auth = [] as (string | undefined)[];
  mockModel.script([
    (request) => (auth.push(request.headers.authorization), { content: "one" }),
    (request) => (auth.push(request.headers.authorization), { content: "two" }),
  ]);
  await app.open();
  let dialog = await openSettings(page);
  await dialog.getByLabel("Endpoint").selectOption({ label: "Custom" });
  await dialog.getByLabel("API base URL").fill(mockModel.url);
  await dialog.getByLabel("API key").fill(key);
  await dialog.getByLabel("Keep the key for this session only").check();
  await dialog.getByLabel("Model").fill("mock-model");
  await dialog.getByRole("button", { name: "Save" }).click();
  await expect(dialog).toBeHidden();
  let stored = await storedValues(page);
  expect(stored.local).not.toContain(key);
  expect(stored.local).toContain(mockModel.url); // the rest of the settings are kept
  expect(stored.session).toContain(key);
  await ask(app, "First?");

  dialog = await openSettings(page);
  await expect(dialog.getByLabel("API key")).toHaveValue(key);
  await dialog.getByRole("button", { name: "Forget key" }).click();
  await expect(dialog.getByLabel("API key")).toHaveValue("");
  stored = await storedValues(page);
  expect(stored.local + stored.session).not.toContain(key);
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await ask(app, "Second?");
  expect(auth).toEqual([`Bearer ${key}`, undefined]);
  expect(mockModel.failures()).toEqual([]);
});

test("Settings asks an endpoint for its models only once it can answer: not a hosted one without a key", async ({
  app,
  page,
  mockModel,
}) => {
  await app.open();
  const asked: string[] = [];
  page.on("request", (request) => asked.push(request.url()));
  const dialog = await openSettings(page);
  await expect(dialog.getByLabel("Endpoint")).toHaveValue("openai");
  await page.waitForTimeout(500);
  expect(asked.filter((url) => url.includes("api.openai.com"))).toEqual([]);

  // A keyless endpoint is asked once its URL is in: as the field is left.
  await dialog.getByLabel("Endpoint").selectOption({ label: "Custom" });
  await dialog.getByLabel("API base URL").fill(mockModel.url);
  await dialog.getByLabel("API base URL").press("Tab");
  await expect.poll(() => asked.some((url) => url === `${mockModel.url}/models`)).toBe(true);
  // "Custom" kept the OpenAI URL to be typed over: it was never asked, key or no key.
  expect(asked.filter((url) => url.includes("api.openai.com"))).toEqual([]);
});

test("a key goes to no endpoint but the one it was typed for: not to a URL half typed, not to another preset's", async ({
  app,
  page,
}) => {
  await app.open();
  const keyed: string[] = [];
  page.on("request", (request) => {
    if (request.headers()["authorization"]) keyed.push(request.url());
  });
  // A host that resolves nowhere (.invalid); what counts is the requests the page makes.
  const dialog = await openSettings(page);
  await dialog.getByLabel("API key").fill("sk-SECRET-123");
  await dialog.getByLabel("API base URL").fill("");
  await dialog.getByLabel("API base URL").pressSequentially("https://api.example.invalid/v1", { delay: 100 });
  await page.waitForTimeout(500);
  expect(keyed).toEqual([]); // none while typing ("https://a", "https://api.e"… are hosts too)
  await dialog.getByLabel("API base URL").press("Tab");
  await expect.poll(() => keyed).toEqual(["https://api.example.invalid/v1/models"]);

  // Saved, the key belongs to that endpoint: another provider's preset does not get it.
  await dialog.getByLabel("Model").fill("m");
  await dialog.getByRole("button", { name: "Save" }).click();
  const again = await openSettings(page);
  await again.getByLabel("Endpoint").selectOption({ label: "Groq" });
  await expect(again.getByLabel("API key")).toHaveValue("");
  await page.waitForTimeout(500);
  expect([...new Set(keyed)]).toEqual(["https://api.example.invalid/v1/models"]);
});

test("a key pasted before the provider is picked goes with that provider", async ({ app, page }) => {
  await app.open();
  const keyed: string[] = [];
  page.on("request", (request) => {
    if (request.headers()["authorization"]) keyed.push(request.url());
  });
  await page.route("https://api.groq.com/**", (route) => route.abort()); // the request is what counts
  const dialog = await openSettings(page);
  await dialog.getByLabel("API key").fill("gsk-pasted-first");
  await dialog.getByLabel("Endpoint").selectOption({ label: "Groq" });
  await expect(dialog.getByLabel("API key")).toHaveValue("gsk-pasted-first");
  await page.waitForTimeout(500);
  expect(keyed).toEqual([]); // asked only once the Model field is entered
  await dialog.getByLabel("Model").focus();
  await expect.poll(() => keyed).toContain("https://api.groq.com/openai/v1/models");
});

test("a base URL typed without http:// and with /chat/completions is made into the endpoint's", async ({
  app,
  page,
  mockModel,
}) => {
  mockModel.script([{ content: "Connected." }]);
  await app.open();
  const typed = `${mockModel.url.replace(/^http:\/\//, "")}/chat/completions`; // 127.0.0.1:PORT/v1/chat/completions
  await app.connect(typed);
  await expect(page.getByLabel("Message")).toBeEnabled();
  await expect((await ask(app, "Hello?")).getByLabel("Answer")).toHaveText("Connected.");
  expect(mockModel.requests().map((r) => r.path)).toEqual(["/v1/chat/completions"]);
  const dialog = await openSettings(page);
  await expect(dialog.getByLabel("API base URL")).toHaveValue(mockModel.url);
  await dialog.getByLabel("API base URL").fill("ftp://example.com/v1");
  await dialog.getByRole("button", { name: "Save" }).click();
  await expect(dialog.getByLabel("API base URL")).toHaveAccessibleDescription(
    /must start with http:\/\/ or https:\/\//,
  );
  await expect(dialog).toBeVisible();
});
