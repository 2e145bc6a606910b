// A static host for the production build, as a site owner would run one: the build served under
// a base path (a GitHub Pages project site is /<repo>/), with the production headers
// (web/serve/headers.ts), extra files (a config.json) and extra folders (vendored packages).
// Requests outside the base path get 404 and are logged apart: the app must never make one.
import { readFileSync } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import { createServer } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { extname, isAbsolute, join, relative, resolve, sep } from "node:path";
import { appHeaders, headersFor, kernelHeaders } from "../../web/serve/headers.ts";

/** The build under test: E2E_OUT is relative to Vite's root (web/), as in playwright.config.ts. */
export const BUILD_DIR = resolve(import.meta.dirname, "../../web", process.env.E2E_OUT ?? "../dist");

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript",
  ".mjs": "text/javascript",
  ".css": "text/css",
  ".json": "application/json",
  ".webmanifest": "application/manifest+json",
  ".wasm": "application/wasm",
  ".zip": "application/zip",
  ".whl": "application/octet-stream",
  ".png": "image/png",
};

export interface SiteOptions {
  /** The built site. */
  dir?: string;
  /** Path the site lives under, with slashes at both ends. */
  base?: string;
  /** Files served instead of (or besides) the build's, by path relative to the base. Mutable. */
  files?: Record<string, string>;
  /** Folders served at a path relative to the base ("packages/" → a folder). */
  folders?: Record<string, string>;
  /** false: no headers but Content-Type, as a host that cannot set any (GitHub Pages). */
  headers?: boolean;
}

export interface StaticSite {
  /** The site's URL (its base path, with a trailing slash). */
  url: string;
  /** Paths asked for, relative to the base. */
  requests(): string[];
  /** Paths asked for outside the base path. */
  outside(): string[];
  files: Record<string, string>;
  close(): Promise<void>;
}

function inside(root: string, path: string): string | null {
  const file = resolve(root, "." + path);
  const rel = relative(root, file);
  return rel === "" || rel.startsWith(".." + sep) || isAbsolute(rel) ? null : file;
}

export async function startStaticSite(options: SiteOptions = {}): Promise<StaticSite> {
  const dir = options.dir ?? BUILD_DIR;
  const base = options.base ?? "/";
  const files = options.files ?? {};
  const folders = options.folders ?? {};
  const withHeaders = options.headers ?? true;
  const frameHash = /'(sha256-[A-Za-z0-9+/=]+)'/.exec(readFileSync(join(dir, "kernel.html"), "utf8"))?.[1];
  if (!frameHash) throw new Error(`${dir}/kernel.html has no script hash; build first`);
  const app = appHeaders({ frameAncestors: ["'self'"] });
  const kernel = kernelHeaders(frameHash);
  const log: string[] = [];
  const strays: string[] = [];
  const sockets = new Set<Socket>();

  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? "/", "http://site").pathname);
    if (!path.startsWith(base)) {
      strays.push(path);
      return void res.writeHead(404).end();
    }
    const local = path.slice(base.length) || "index.html";
    const name = local.endsWith("/") ? `${local}index.html` : local;
    log.push(local);
    const headers = {
      ...(withHeaders && headersFor(path, app, kernel)),
      "Content-Type": TYPES[extname(name)] ?? "text/plain",
    };
    if (name in files) return void res.writeHead(200, headers).end(files[name]);
    const folder = Object.keys(folders).find((prefix) => name.startsWith(prefix));
    const file = folder ? inside(folders[folder], "/" + name.slice(folder.length)) : inside(dir, "/" + name);
    const found = file && (await stat(file).catch(() => null))?.isFile();
    if (!file || !found) return void res.writeHead(404, headers).end("not found");
    res.writeHead(200, headers).end(await readFile(file));
  });
  server.on("connection", (socket: Socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${base}`,
    requests: () => [...log],
    outside: () => [...strays],
    files,
    close: () =>
      new Promise<void>((done) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => done());
      }),
  };
}

/** A Playwright fixture: `startSite(options)` starts a static site, closed when the test ends. */
export const staticSites = {
  startSite: async ({}, use: (start: (options?: SiteOptions) => Promise<StaticSite>) => Promise<void>) => {
    const started: StaticSite[] = [];
    await use(async (options) => {
      const site = await startStaticSite(options);
      started.push(site);
      return site;
    });
    await Promise.all(started.map((site) => site.close()));
  },
};
