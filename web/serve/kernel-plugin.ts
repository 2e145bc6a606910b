/**
 * Vite plugin that builds and serves the kernel:
 * - `kernel.html`: the sandboxed frame page, its script inlined and allowed by hash;
 * - `kernel/worker-<hash>.js`: the worker bundle (kernel + Pyodide's loader) as one file, because
 *   it is imported from a blob: URL where relative imports cannot resolve;
 * - `pyodide/*`: Pyodide's core files copied from node_modules (never committed, never a CDN);
 * - the headers of ./headers.ts on the dev and preview servers, and a `_headers` file in the build,
 *   with frame-ancestors from the embedOrigins of the config.json each serves (./embed.ts).
 * The app finds the worker bundle through the `virtual:kernel-assets` module.
 */
import { createHash, randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { build, transformWithOxc, type Connect, type Plugin } from "vite";
import { CORE_FILES } from "../kernel/core-files.ts";
import { frameAncestors, readEmbedOrigins } from "./embed.ts";
import { appHeaders, appMetaCsp, headersFile, headersFor, kernelCsp, kernelHeaders } from "./headers.ts";

const KERNEL = join(import.meta.dirname, "../kernel");
const PYODIDE = dirname(createRequire(import.meta.url).resolve("pyodide/package.json"));
const PYODIDE_FILES = [...CORE_FILES, "pyodide-lock.json"];
const VIRTUAL = "virtual:kernel-assets";

interface KernelBuild {
  html: string;
  frameHash: string;
  workerName: string;
  workerSource: string;
}

async function buildKernel(): Promise<KernelBuild> {
  const frame = await transformWithOxc(readFileSync(join(KERNEL, "frame.ts"), "utf8"), "frame.ts", {
    lang: "ts",
  });
  // A classic inline script: drop the module marker the transform leaves behind.
  const script = `(() => {${frame.code.replace(/^export \{\s*\};?$/m, "")}})();`;
  const frameHash = `sha256-${createHash("sha256").update(script).digest("base64")}`;
  const html = readFileSync(join(KERNEL, "kernel.html"), "utf8")
    .replace("%KERNEL_CSP%", kernelCsp(frameHash))
    .replace(/<script>\s*%FRAME_SCRIPT%\s*<\/script>/, () => `<script>${script}</script>`); // exactly the hashed text
  const output = await build({
    configFile: false,
    logLevel: "error", // Pyodide's Node-only imports are stubbed out, as they should be
    build: {
      write: false,
      minify: true,
      lib: { entry: join(KERNEL, "worker/worker.ts"), formats: ["es"], fileName: "worker" },
      rolldownOptions: { output: { codeSplitting: false } },
    },
  });
  const chunks = (Array.isArray(output) ? output : [output]).flatMap((o) => ("output" in o ? o.output : []));
  const entry = chunks.find((c) => c.type === "chunk" && c.isEntry);
  if (!entry || entry.type !== "chunk") throw new Error("kernel worker bundle missing");
  const hash = createHash("sha256").update(entry.code).digest("hex").slice(0, 10);
  return { html, frameHash, workerName: `kernel/worker-${hash}.js`, workerSource: entry.code };
}

export function kernelPlugin(): Plugin {
  let kernel: Promise<KernelBuild> | undefined;
  const getKernel = () => (kernel ??= buildKernel());
  // The config.json that decides frame-ancestors: the public folder's (dev, build), the build's (preview).
  let siteConfig = "";
  // Dev only: Vite puts this nonce on what it injects inline (html.cspNonce), and the CSP allows it.
  const devNonce = randomBytes(18).toString("base64");

  const serve =
    (
      dev: boolean,
      kernelBuild: () => Promise<Pick<KernelBuild, "frameHash"> & Partial<KernelBuild>>,
    ): Connect.NextHandleFunction =>
    (req, res, next) => {
      void kernelBuild().then((k) => {
        const ancestors = frameAncestors(readEmbedOrigins(siteConfig)); // read per request: edits apply at once
        const app = appHeaders({ frameAncestors: ancestors, devNonce: dev ? devNonce : undefined });
        const headers = headersFor(req.url ?? "/", app, kernelHeaders(k.frameHash, ancestors));
        for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
        const path = (req.url ?? "").split("?")[0];
        const body = !dev
          ? undefined
          : path === "/kernel.html"
            ? [k.html, "text/html"]
            : path === `/${k.workerName}`
              ? [k.workerSource, "text/javascript"]
              : path.startsWith("/pyodide/") && PYODIDE_FILES.includes(path.slice(9))
                ? [readFileSync(join(PYODIDE, path.slice(9))), "application/octet-stream"]
                : undefined;
        if (!body) return next();
        res.setHeader("Content-Type", body[1] as string);
        res.end(body[0]);
      }, next);
    };

  return {
    name: "kernel",
    config: (_, { command }) => (command === "serve" ? { html: { cspNonce: devNonce } } : undefined),
    configResolved(config) {
      siteConfig = resolve(config.publicDir || config.root, "config.json");
      readEmbedOrigins(siteConfig, (message) => config.logger.warn(message));
    },
    resolveId: (id) => (id === VIRTUAL ? `\0${VIRTUAL}` : undefined),
    async load(id) {
      if (id !== `\0${VIRTUAL}`) return;
      const { workerName } = await getKernel();
      return `export const workerPath = ${JSON.stringify(workerName)};`;
    },
    // The kernel bundle's download starts with the page. Pyodide's core is not preloaded: the app
    // asks for it as soon as its script runs, and from the second visit on reads it from Cache
    // Storage (kernel/assets.ts), where a preload streamed its 13 MB through the service worker
    // on every visit, competing with the kernel's boot for the CPU (repeat visits ~0.2 s slower,
    // first visits no faster; bench/README.md). The built page carries its CSP for hosts that send
    // no headers (the dev server always sends them), right after the charset, which must come in
    // the first 1024 bytes.
    async transformIndexHtml(html, { server }) {
      const { workerName } = await getKernel();
      const charset = '<meta charset="utf-8" />';
      if (!html.includes(charset)) throw new Error(`index.html must start its <head> with ${charset}`);
      const csp = `<meta http-equiv="Content-Security-Policy" content="${appMetaCsp()}" />`;
      return {
        html: server ? html : html.replace(charset, `${charset}\n    ${csp}`),
        tags: [
          {
            tag: "link",
            attrs: { rel: "preload", href: `./${workerName}`, as: "fetch", crossorigin: "anonymous" },
            injectTo: "head",
          },
        ],
      };
    },
    configureServer: (server) => void server.middlewares.use(serve(true, getKernel)),
    configurePreviewServer(server) {
      // Preview serves a finished build: take the frame's hash from the built kernel.html, and
      // frame-ancestors from the config.json the build serves.
      const outDir = resolve(server.config.root, server.config.build.outDir);
      siteConfig = resolve(outDir, "config.json");
      const html = readFileSync(resolve(outDir, "kernel.html"), "utf8");
      const frameHash = /'(sha256-[A-Za-z0-9+/=]+)'/.exec(html)?.[1];
      if (!frameHash) throw new Error("kernel.html in the build has no script hash; rebuild");
      server.middlewares.use(serve(false, async () => ({ frameHash })));
    },
    async generateBundle() {
      const k = await getKernel();
      this.emitFile({ type: "asset", fileName: "kernel.html", source: k.html });
      this.emitFile({ type: "asset", fileName: k.workerName, source: k.workerSource });
      for (const file of PYODIDE_FILES) {
        this.emitFile({ type: "asset", fileName: `pyodide/${file}`, source: readFileSync(join(PYODIDE, file)) });
      }
      const ancestors = frameAncestors(readEmbedOrigins(siteConfig));
      const app = appHeaders({ frameAncestors: ancestors });
      const kernel = kernelHeaders(k.frameHash, ancestors);
      this.emitFile({ type: "asset", fileName: "_headers", source: headersFile(app, kernel) });
    },
  };
}
