/**
 * The app inside another page's iframe, driven as a person would drive it there: the same steps
 * as AppPage (../fixtures.ts), through a FrameLocator.
 */
import type { FrameLocator, Locator } from "@playwright/test";
import { expect } from "../fixtures.ts";

export class FramedApp {
  constructor(readonly frame: FrameLocator) {}

  /** Waits until Python is ready in the frame. */
  async ready(): Promise<void> {
    await expect(this.frame.getByRole("status", { name: "Kernel" })).toContainText("ready", { timeout: 45_000 });
  }

  get cells(): Locator {
    return this.frame.locator(".cell");
  }

  async upload(file: { name: string; mimeType: string; buffer: Buffer }): Promise<void> {
    await this.frame.getByLabel("Upload files").setInputFiles([file]);
    await expect(this.frame.getByRole("list", { name: "Files in /mnt/data" })).toContainText(file.name);
  }

  async connect(baseURL: string, apiKey: string): Promise<void> {
    await this.frame.getByRole("button", { name: "Settings" }).click();
    const dialog = this.frame.getByRole("dialog", { name: "Settings" });
    await dialog.getByLabel("Endpoint").selectOption({ label: "Custom" });
    await dialog.getByLabel("API base URL").fill(baseURL);
    await dialog.getByLabel("API key").fill(apiKey);
    await dialog.getByLabel("Model").fill("mock-model");
    await dialog.getByRole("button", { name: "Save" }).click();
    await expect(dialog).toBeHidden();
  }

  /** Runs code from the "Python code" box; returns what the cell printed, as text. */
  async output(code: string): Promise<string> {
    const before = await this.cells.count();
    await this.frame.getByLabel("Python code").fill(code);
    await this.frame.getByRole("button", { name: "Run" }).click();
    const cell = this.cells.nth(before);
    await expect(cell).not.toHaveAttribute("data-status", "running", { timeout: 30_000 });
    const log = cell.getByRole("log", { name: "Output" });
    return (await log.count()) > 0 ? (await log.innerText()).trimEnd() : "";
  }
}
