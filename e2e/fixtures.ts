/**
 * The one `test` every spec uses: it hands out the app as a page object, and the servers
 * outside the product (a canary that must never be reached, a local package source).
 */
import { test as base, expect, type Locator, type Page } from "@playwright/test";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startCanary, type Canary } from "./support/canary.ts";
import { startMockModel, type MockModel } from "./support/mock-model.ts";
import { startPackageServer, type PackageServer } from "./support/package-server.ts";
import { returningProfiles, type Visitor } from "./support/profiles.ts";
import { buildPackageSource } from "./support/wheels.ts";

export { expect };

/** The scratchpad as a person uses it. */
export class AppPage {
  constructor(readonly page: Page) {}

  /** Opens the app and waits until Python is ready. */
  async open(): Promise<void> {
    await this.page.goto("/");
    await expect(this.page.getByRole("status", { name: "Kernel" })).toContainText("ready", { timeout: 45_000 });
  }

  get code(): Locator {
    return this.page.getByLabel("Python code");
  }

  /** The newest cell. */
  get lastCell(): Locator {
    return this.page.locator(".cell").last();
  }

  /** Types code into the "Python code" box, clicks Run and waits for the cell to finish. */
  async run(code: string): Promise<Locator> {
    const before = await this.page.locator(".cell").count();
    await this.code.fill(code);
    await this.page.getByRole("button", { name: "Run" }).click();
    const cell = this.page.locator(".cell").nth(before);
    await expect(cell).not.toHaveAttribute("data-status", "running", { timeout: 30_000 });
    return cell;
  }

  /** Runs code and returns everything the cell printed and showed, as text (trailing newline trimmed). */
  async output(code: string): Promise<string> {
    const log = (await this.run(code)).getByRole("log", { name: "Output" });
    return (await log.count()) > 0 ? (await log.innerText()).trimEnd() : "";
  }

  /** Connects the app to a model through the Settings dialog, as a person would. */
  async connect(baseURL: string, model = "mock-model", apiKey = ""): Promise<void> {
    await this.page.getByRole("button", { name: "Settings" }).click();
    const dialog = this.page.getByRole("dialog", { name: "Settings" });
    await dialog.getByLabel("Endpoint").selectOption({ label: "Custom" });
    await dialog.getByLabel("API base URL").fill(baseURL);
    if (apiKey) await dialog.getByLabel("API key").fill(apiKey);
    await dialog.getByLabel("Model").fill(model);
    await dialog.getByRole("button", { name: "Save" }).click();
    await expect(dialog).toBeHidden();
  }

  /** Sends a message and waits for the turn to end; returns the turn. */
  async ask(question: string): Promise<Locator> {
    const before = await this.page.getByRole("article", { name: "Turn" }).count();
    await this.page.getByLabel("Message").fill(question);
    await this.page.getByLabel("Message").press("Enter");
    const turn = this.page.getByRole("article", { name: "Turn" }).nth(before);
    await expect(turn).not.toHaveAttribute("data-status", "running", { timeout: 30_000 });
    return turn;
  }

  async upload(files: { name: string; mimeType: string; buffer: Buffer }[]): Promise<void> {
    await this.page.getByLabel("Upload files").setInputFiles(files);
    for (const file of files) {
      await expect(this.page.getByRole("list", { name: "Files in /mnt/data" })).toContainText(file.name);
    }
  }
}

interface Fixtures {
  /** Whose browser the test's pages open in (see support/profiles.ts): `test.use({ visitor: "first" })`. */
  visitor: Visitor;
  app: AppPage;
  mockModel: MockModel;
  canary: Canary;
  packageServer: PackageServer;
}

export const test = base.extend<Fixtures, { profiles: ReturnType<typeof returningProfiles> }>({
  visitor: ["returning", { option: true }],
  profiles: [
    async ({ playwright }, use, { project }) => {
      const profiles = returningProfiles(playwright.chromium, project.use.baseURL!);
      await use(profiles);
      profiles.dispose();
    },
    { scope: "worker" },
  ],
  context: async ({ visitor, browser, profiles }, use) => {
    if (visitor === "first") {
      const context = await browser.newContext();
      await use(context);
      return context.close();
    }
    const context = await profiles.launch();
    await use(context);
    await profiles.close(context);
  },
  app: async ({ page }, use) => {
    await use(new AppPage(page));
  },
  mockModel: async ({}, use) => {
    const model = await startMockModel();
    await use(model);
    await model.close();
  },
  canary: async ({}, use) => {
    const canary = await startCanary();
    await use(canary);
    await canary.close();
  },
  packageServer: async ({}, use) => {
    const dir = mkdtempSync(join(tmpdir(), "packages-"));
    await buildPackageSource(dir);
    const server = await startPackageServer(dir);
    await use(server);
    await server.close();
  },
});

/** Serves a site config.json (as a site owner would) for the pages of this test. */
export async function useSiteConfig(page: Page, config: object): Promise<void> {
  await page.route("**/config.json", (route) => route.fulfill({ json: config }));
}
