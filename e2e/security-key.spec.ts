/**
 * The API key's own controls: it is never read from the URL (a link cannot plant a key or point
 * the app at another endpoint), "Forget key" removes it from this browser, and "this session only"
 * keeps it out of persistent storage. web/storage/settings.ts.
 */
import { expect, test, TEST_KEY, type Adversary } from "./support/adversary.ts";

/** Every value in both web storages of the app page, as one string. */
const storage = (adversary: Adversary) =>
  adversary.page.evaluate(() =>
    JSON.stringify([
      Object.entries(localStorage).filter(([k]) => !k.startsWith("probe")),
      Object.entries(sessionStorage),
    ]),
  );

async function openSettings(adversary: Adversary) {
  await adversary.page.getByRole("button", { name: "Settings" }).click();
  return adversary.page.getByRole("dialog", { name: "Settings" });
}

test("key: a link carrying a key and an endpoint changes neither", async ({ adversary }) => {
  await adversary.setUp();
  const canary = adversary.canary.url;
  const planted = "sk-planted-by-a-link";
  const query = new URLSearchParams({ apiKey: planted, key: planted, baseURL: `${canary}/v1`, endpoint: "custom" });
  await adversary.page.goto(`/?${query}#apiKey=${planted}&baseURL=${encodeURIComponent(`${canary}/v1`)}`);
  await expect(adversary.page.getByRole("status", { name: "Kernel" })).toContainText("ready", { timeout: 45_000 });
  const dialog = await openSettings(adversary);
  await expect(dialog.getByLabel("API base URL")).toHaveValue(adversary.model.url);
  await expect(dialog.getByLabel("API key")).toHaveValue(TEST_KEY);
  await dialog.getByRole("button", { name: "Cancel" }).click();
  adversary.model.script([{ content: "Answered by the model the user chose." }]);
  const turn = await adversary.app.ask("Who answers?");
  await expect(turn.getByLabel("Answer")).toHaveText("Answered by the model the user chose.");
  expect(JSON.stringify(adversary.model.requests().at(-1)?.headers)).toContain(TEST_KEY);
  expect(await storage(adversary)).not.toContain(planted);
  await adversary.page.goto("/"); // expectSafe reads the file on the app's plain URL
  await expect(adversary.page.getByRole("status", { name: "Kernel" })).toContainText("ready", { timeout: 45_000 });
  await adversary.expectSafe();
});

test("key: Forget key leaves no key in storage or in the next request", async ({ adversary }) => {
  await adversary.setUp();
  expect(await storage(adversary)).toContain(TEST_KEY);
  const dialog = await openSettings(adversary);
  await dialog.getByRole("button", { name: "Forget key" }).click();
  await expect(dialog.getByLabel("API key")).toHaveValue("");
  expect(await storage(adversary), "storage, at once (before any Save)").not.toContain(TEST_KEY);
  await dialog.getByRole("button", { name: "Cancel" }).click();
  adversary.model.script([{ content: "No key came with this." }]);
  await adversary.app.ask("Anything");
  expect(JSON.stringify(adversary.model.requests().at(-1)?.headers)).not.toContain(TEST_KEY);
  await adversary.page.reload();
  await expect(adversary.page.getByRole("status", { name: "Kernel" })).toContainText("ready", { timeout: 45_000 });
  expect(await storage(adversary)).not.toContain(TEST_KEY);
  await adversary.expectSafe();
});

test("key: a key kept for this session only never reaches persistent storage", async ({ adversary }) => {
  await adversary.setUp({ connect: false });
  const dialog = await openSettings(adversary);
  await dialog.getByLabel("Endpoint").selectOption({ label: "Custom" });
  await dialog.getByLabel("API base URL").fill(adversary.model.url);
  await dialog.getByLabel("API key").fill(TEST_KEY);
  await dialog.getByLabel("Keep the key for this session only").check();
  await dialog.getByLabel("Model").fill("mock-model");
  await dialog.getByRole("button", { name: "Save" }).click();
  adversary.connected = true;
  const kept = await adversary.page.evaluate(() => JSON.stringify(Object.entries(localStorage)));
  expect(kept, "localStorage").not.toContain(TEST_KEY);
  expect(await adversary.page.evaluate(() => JSON.stringify(Object.entries(sessionStorage)))).toContain(TEST_KEY);
  // Another tab is another session: it has the endpoint, not the key.
  const other = await adversary.context.newPage();
  await other.goto("/");
  await other.getByRole("button", { name: "Settings" }).click();
  await expect(other.getByRole("dialog", { name: "Settings" }).getByLabel("API key")).toHaveValue("");
  await other.close();
  await adversary.expectSafe();
});
