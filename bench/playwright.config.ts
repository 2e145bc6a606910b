import { defineConfig } from "@playwright/test";
import { CHROMIUM_ARGS, chromiumPath } from "../e2e/support/chromium.ts";

const PORT = 4175;

/** `npm run bench`: the production build, headless Chromium, no network, one run at a time. */
export default defineConfig({
  testDir: ".",
  testMatch: "*.bench.ts",
  globalSetup: "./setup.ts",
  timeout: 10 * 60_000,
  workers: 1,
  reporter: "list",
  use: {
    baseURL: `http://localhost:${PORT}/`,
    launchOptions: { executablePath: chromiumPath(), args: CHROMIUM_ARGS },
  },
  webServer: {
    command: `npx vite preview --port ${PORT} --strictPort --outDir ../dist-bench`,
    cwd: "..",
    url: `http://localhost:${PORT}/`,
    reuseExistingServer: false,
  },
});
