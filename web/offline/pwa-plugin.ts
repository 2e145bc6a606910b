/**
 * The PWA half of the build (Node side): vite-plugin-pwa builds ./sw.ts with the precache list
 * injected, and writes the web app manifest (linked from index.html). The app registers the
 * worker itself (./register.ts), after the kernel has started.
 */
import { VitePWA } from "vite-plugin-pwa";

export function pwaPlugin() {
  return VitePWA({
    strategies: "injectManifest",
    srcDir: "offline",
    filename: "sw.ts",
    injectRegister: false,
    manifest: {
      name: "Code Interpreter",
      short_name: "Code Interpreter",
      description: "Ask questions about your files; Python runs in your browser.",
      start_url: "./",
      scope: "./",
      display: "standalone",
      background_color: "#ffffff",
      theme_color: "#1a56db",
      icons: [
        { src: "icons/icon-192.png", sizes: "192x192", type: "image/png" },
        { src: "icons/icon-512.png", sizes: "512x512", type: "image/png" },
        { src: "icons/icon-maskable-512.png", sizes: "512x512", type: "image/png", purpose: "maskable" },
      ],
    },
    injectManifest: {
      // A classic worker: module service workers are newer than the rest of what the app needs.
      rollupFormat: "iife",
      globPatterns: ["**/*.{html,js,css}", "pyodide/pyodide-lock.json"],
      // config.json is network-first and Pyodide's core has its own cache (see sw.ts); vendored
      // packages are cached when used, not all on install.
      globIgnores: ["config.json", "packages/**", "pyodide/pyodide.asm.*", "pyodide/python_stdlib.zip"],
      maximumFileSizeToCacheInBytes: 8 * 1024 * 1024,
    },
  });
}
