// Static file server for test package sources (wheels + pyodide-lock.json):
// serves one directory on 127.0.0.1 with permissive CORS/CORP headers so a
// cross-origin, cross-origin-isolated page or worker can fetch from it.
// Missing files get 404; paths escaping the directory are refused.
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { createServer } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { extname, isAbsolute, relative, resolve, sep } from "node:path";

export type PackageServer = {
  url: string;
  requests: () => string[];
  close(): Promise<void>;
};

const CONTENT_TYPES: Record<string, string> = {
  ".json": "application/json",
  ".whl": "application/octet-stream",
  ".zip": "application/zip",
  ".js": "text/javascript",
  ".mjs": "text/javascript",
  ".wasm": "application/wasm",
  ".txt": "text/plain; charset=utf-8",
};

const BASE_HEADERS = {
  "Access-Control-Allow-Origin": "*",
  "Access-Control-Allow-Methods": "GET, HEAD, OPTIONS",
  "Access-Control-Allow-Headers": "*",
  "Cross-Origin-Resource-Policy": "cross-origin",
  "Cache-Control": "no-store",
};

// Maps a request URL to a file path inside root, or null if it would escape.
function resolveInside(root: string, url: string): string | null {
  let pathname: string;
  try {
    pathname = decodeURIComponent(new URL(url, "http://localhost").pathname);
  } catch {
    return null;
  }
  if (pathname.includes("\0")) return null;
  const file = resolve(root, "." + pathname);
  const rel = relative(root, file);
  if (rel === "" || rel === ".." || rel.startsWith(".." + sep) || isAbsolute(rel)) return null;
  return file;
}

export async function startPackageServer(dir: string): Promise<PackageServer> {
  const root = resolve(dir);
  const log: string[] = [];
  const sockets = new Set<Socket>();
  const server = createServer(async (req, res) => {
    log.push(req.url ?? "");
    if (req.method === "OPTIONS") {
      res.writeHead(204, BASE_HEADERS).end();
      return;
    }
    if (req.method !== "GET" && req.method !== "HEAD") {
      res.writeHead(405, BASE_HEADERS).end();
      return;
    }
    const file = resolveInside(root, req.url ?? "/");
    const info = file ? await stat(file).catch(() => null) : null;
    if (!file || !info?.isFile()) {
      res.writeHead(404, { ...BASE_HEADERS, "Content-Type": "text/plain" }).end("not found");
      return;
    }
    res.writeHead(200, {
      ...BASE_HEADERS,
      "Content-Type": CONTENT_TYPES[extname(file).toLowerCase()] ?? "application/octet-stream",
      "Content-Length": String(info.size),
    });
    if (req.method === "HEAD") {
      res.end();
      return;
    }
    createReadStream(file)
      .on("error", () => res.destroy())
      .pipe(res);
  });
  server.on("connection", (socket: Socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((done, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => done());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/`,
    requests: () => [...log],
    close: () =>
      new Promise<void>((done) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => done());
      }),
  };
}
