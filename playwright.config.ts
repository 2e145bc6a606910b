import { defineConfig } from "@playwright/test";
import { CHROMIUM_ARGS, chromiumPath } from "./e2e/support/chromium.ts";

// E2E_PORT / E2E_OUT let a second build (say, an experiment without a control) run alongside.
const PORT = Number(process.env.E2E_PORT ?? 4173);
const OUT = process.env.E2E_OUT ?? "../dist";

export default defineConfig({
  testDir: "e2e",
  timeout: 60_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  reporter: "list",
  use: {
    baseURL: `http://localhost:${PORT}/`,
    launchOptions: { executablePath: chromiumPath(), args: CHROMIUM_ARGS },
    trace: "retain-on-failure",
    // The app installs a service worker (e2e/offline.spec.ts opts in); elsewhere it would serve
    // reloads from its cache, past page.route.
    serviceWorkers: "block",
  },
  // The production build, served by `vite preview` with the same headers production uses.
  webServer: {
    command: `npx vite preview --port ${PORT} --strictPort --outDir ${OUT}`,
    url: `http://localhost:${PORT}/`,
    reuseExistingServer: !process.env.CI,
  },
});
