import { defineConfig } from "vitest/config";

// Standalone on purpose: vite.config.ts roots the app at web/ and adds the plugin that builds
// the kernel bundle, neither of which unit tests want. Vitest still runs files through Vite, so
// `import.meta.glob(..., { query: "?raw" })` in web/kernel/python.ts works here too.
export default defineConfig({
  test: {
    include: ["web/**/*.test.ts"],
    environment: "node",
    // Pyodide boots once per test file (a few seconds in Node); cells themselves are fast.
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
