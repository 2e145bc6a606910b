import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";
import { pwaPlugin } from "./web/offline/pwa-plugin.ts";
import { kernelPlugin } from "./web/serve/kernel-plugin.ts";

export default defineConfig({
  root: "web",
  publicDir: "../public",
  // Relative asset URLs: the build works at a domain root and under a sub-path alike.
  base: "./",
  plugins: [react(), kernelPlugin(), pwaPlugin()],
  build: { outDir: "../dist", emptyOutDir: true, target: "es2022" },
  server: { port: 5173, strictPort: true },
  preview: { port: 4173, strictPort: true },
});
