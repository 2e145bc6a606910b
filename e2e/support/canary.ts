// Canary server for security tests: listens on 127.0.0.1 and records every
// attempt to reach it. A sandbox that holds must leave hits() empty.
// hits() includes one "connect" entry per raw TCP connection (logged on the
// `connection` event, whether or not a request followed), plus one entry per
// HTTP request ("http"), WebSocket upgrade ("websocket") and CONNECT
// ("connect", with method "CONNECT"). HTTP requests get 200 "ok" with
// permissive CORS, so a leak would succeed if it were not blocked.
import { createServer } from "node:http";
import type { AddressInfo, Socket } from "node:net";

export type CanaryHit = { method: string; url: string; kind: "http" | "websocket" | "connect" };

export type Canary = {
  url: string;
  wsUrl: string;
  port: number;
  hits: () => CanaryHit[];
  close(): Promise<void>;
};

export async function startCanary(): Promise<Canary> {
  const log: CanaryHit[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    log.push({ method: req.method ?? "", url: req.url ?? "", kind: "http" });
    res.writeHead(200, {
      "Content-Type": "text/plain",
      "Access-Control-Allow-Origin": "*",
      "Access-Control-Allow-Methods": "*",
      "Access-Control-Allow-Headers": "*",
      "Access-Control-Allow-Private-Network": "true",
      "Cross-Origin-Resource-Policy": "cross-origin",
    });
    res.end("ok");
  });
  server.on("connection", (socket: Socket) => {
    log.push({ method: "", url: "", kind: "connect" });
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  server.on("upgrade", (req, socket) => {
    log.push({ method: req.method ?? "", url: req.url ?? "", kind: "websocket" });
    socket.destroy();
  });
  server.on("connect", (req, socket) => {
    log.push({ method: req.method ?? "CONNECT", url: req.url ?? "", kind: "connect" });
    socket.destroy();
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    wsUrl: `ws://127.0.0.1:${port}`,
    port,
    hits: () => log.map((hit) => ({ ...hit })),
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
