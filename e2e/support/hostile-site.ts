/**
 * Another site, for the hostile-embedding cases: a local server on 127.0.0.1 (the app is served
 * on localhost, so this is another origin) that serves the pages a case gives it. And the app as
 * a site owner who allows embedding would serve it: a copy of the production build with a
 * config.json naming `embedOrigins`, under `vite preview` with the production headers, whose
 * frame-ancestors comes from that config.json (web/serve/embed.ts).
 */
import { cpSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { preview } from "vite";

export interface Site {
  origin: string;
  /** Serves `html` at `path`; returns its URL. */
  page(path: string, html: string): string;
  close(): Promise<void>;
}

export async function startSite(host = "127.0.0.1"): Promise<Site> {
  const pages = new Map<string, string>();
  const server = createServer((req, res) => {
    const html = pages.get(new URL(req.url ?? "/", "http://site").pathname);
    if (html === undefined) return void res.writeHead(404).end();
    res.writeHead(200, { "Content-Type": "text/html; charset=utf-8" }).end(html);
  });
  await new Promise<void>((done) => server.listen(0, host, done));
  const origin = `http://${host}:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    page: (path, html) => (pages.set(path, html), origin + path),
    // Chromium keeps connections open (some with no request yet, which close() would wait on for
    // the server's 60 s headers timeout): the case is over, so they are cut.
    close: () =>
      new Promise<void>((done) => {
        server.close(() => done());
        server.closeAllConnections();
      }),
  };
}

export interface EmbeddableApp {
  url: string;
  close(): Promise<void>;
}

/** The production build (E2E_OUT, as playwright.config.ts uses it) served with `embedOrigins`. */
export async function startEmbeddableApp(embedOrigins: string[]): Promise<EmbeddableApp> {
  const build = resolve("web", process.env.E2E_OUT ?? "../dist");
  const dir = mkdtempSync(join(tmpdir(), "embeddable-"));
  cpSync(build, dir, { recursive: true });
  writeFileSync(join(dir, "config.json"), JSON.stringify({ embedOrigins }));
  const server = await preview({
    configFile: resolve("vite.config.ts"),
    logLevel: "error",
    build: { outDir: dir },
    preview: { port: 0, strictPort: false, host: "localhost", open: false },
  });
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error("vite preview gave no URL");
  return {
    url,
    close: async () => {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
