import js from "@eslint/js";
import { createTypeScriptImportResolver } from "eslint-import-resolver-typescript";
import { importX } from "eslint-plugin-import-x";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

// Imports flow one way: lib/kernel/agent/storage → features → app. A feature never imports
// another feature; shared code moves down instead.
const features = ["chat", "embed", "export", "files", "history", "kernel-status", "scratchpad", "settings"];

export default tseslint.config(
  { ignores: ["dist*", "node_modules", "test-results", "playwright-report", "bench/results"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["**/*.{ts,tsx}"],
    plugins: { "import-x": importX, "react-hooks": reactHooks },
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    settings: { "import-x/resolver-next": [createTypeScriptImportResolver()] },
    rules: {
      ...reactHooks.configs.recommended.rules,
      "import-x/no-cycle": "error",
      "import-x/no-restricted-paths": [
        "error",
        {
          zones: [
            ...features.map((feature) => ({
              target: `./web/features/${feature}`,
              from: "./web/features",
              except: [`./${feature}`],
              message: "Features do not import each other; move shared code down.",
            })),
            {
              target: ["./web/kernel", "./web/lib", "./web/agent", "./web/storage", "./web/embed"],
              from: ["./web/features", "./web/app"],
            },
            { target: "./web/features", from: "./web/app" },
          ],
        },
      ],
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_" }],
    },
  },
  {
    files: ["e2e/**/*.ts"],
    rules: { "no-empty-pattern": "off", "react-hooks/rules-of-hooks": "off" },
  },
);
