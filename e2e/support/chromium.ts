/**
 * Which Chromium the tests drive: Playwright's own when installed (`npx playwright install
 * chromium`), else the system's (`apt-get install -y chromium` gives /usr/bin/chromium).
 */
import { existsSync } from "node:fs";
import { chromium } from "@playwright/test";

const SYSTEM = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"];

export function chromiumPath(): string | undefined {
  if (existsSync(chromium.executablePath())) return undefined; // Playwright's default
  const system = SYSTEM.find((path) => existsSync(path));
  if (system) return system;
  throw new Error(
    "No Chromium found. Install one with `npx playwright install chromium`, " +
      "or on Debian/Ubuntu `sudo apt-get install -y chromium` (gives /usr/bin/chromium).",
  );
}

/** Keeps Chromium off the network it would otherwise call home to. */
export const CHROMIUM_ARGS = [
  "--disable-background-networking",
  "--disable-component-update",
  "--no-first-run",
  "--disable-sync",
];
